// The MySQL-dialect tokenizer: identifiers, literals with MySQL's escapes, variables,
// operators, and the three comment forms including executable version comments. (sql/)
#include "sql/lexer.h"
#include "common/strings.h"

#include <algorithm>
#include <cstring>

namespace porpoise::sql {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHexDigit(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
int HexValue(char c) {
  if (IsDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

// Raw bytes of an even- or odd-length hex digit string (odd: a leading 0 is implied).
std::string HexToBytes(std::string_view digits) {
  std::string bytes;
  size_t index = 0;
  if (digits.size() % 2 == 1) {
    bytes.push_back(static_cast<char>(HexValue(digits[0])));
    index = 1;
  }
  for (; index < digits.size(); index += 2) {
    bytes.push_back(static_cast<char>(HexValue(digits[index]) * 16 + HexValue(digits[index + 1])));
  }
  return bytes;
}

// Raw bytes of a bit string, right-aligned in whole bytes.
std::string BitsToBytes(std::string_view bits) {
  std::string bytes;
  size_t byte_count = (bits.size() + 7) / 8;
  size_t pad = byte_count * 8 - bits.size();
  unsigned value = 0;
  for (size_t index = 0; index < byte_count * 8; ++index) {
    unsigned bit = index < pad ? 0 : static_cast<unsigned>(bits[index - pad] - '0');
    value = (value << 1) | bit;
    if (index % 8 == 7) {
      bytes.push_back(static_cast<char>(value));
      value = 0;
    }
  }
  return bytes;
}

}  // namespace

bool IsIdentifierByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_' ||
         c == '$' || static_cast<unsigned char>(c) >= 0x80;
}

Lexer::Lexer(std::string_view sql, const ParserOptions& options, size_t start,
             bool in_version_comment)
    : sql_(sql),
      options_(options),
      position_(start),
      in_version_comment_(in_version_comment),
      line_counted_to_(start) {}

std::vector<Token> Lexer::TokenizeAll(std::string_view sql, const ParserOptions& options) {
  Lexer lexer(sql, options);
  std::vector<Token> tokens;
  while (true) {
    tokens.push_back(lexer.Next());
    if (tokens.back().type == TokenType::kEnd || tokens.back().type == TokenType::kError) break;
  }
  return tokens;
}

uint32_t Lexer::LineAt(size_t offset) {
  size_t end = std::min(offset, sql_.size());
  if (line_counted_to_ < end) {
    // (memchr skips a long line's bytes many at a time)
    const char* at = sql_.data() + line_counted_to_;
    const char* stop = sql_.data() + end;
    while ((at = static_cast<const char*>(std::memchr(at, '\n', static_cast<size_t>(stop - at)))) != nullptr) {
      ++line_;
      ++at;
    }
    line_counted_to_ = end;
  }
  return line_;
}

Token Lexer::Make(TokenType type, size_t begin, std::string text) {
  Token token;
  token.type = type;
  token.text = std::move(text);
  token.begin = static_cast<uint32_t>(begin);
  token.end = static_cast<uint32_t>(position_);
  token.line = LineAt(begin);
  token.hint = pending_hint_;
  pending_hint_ = {};
  token.after_version_marker = pending_version_marker_;
  pending_version_marker_ = false;
  last_type_ = type;
  last_end_ = position_;
  return token;
}

Token Lexer::Error(size_t begin, std::string reason) {
  finished_ = true;
  position_ = sql_.size();
  Token token = Make(TokenType::kError, begin, std::move(reason));
  token.end = static_cast<uint32_t>(sql_.size());
  return token;
}

// Enters a /*! or /*!NNNNN comment whose version allows it; position_ is just after "/*!".
// Returns false (and leaves position_ alone) when the version is too new.
bool Lexer::StartVersionComment() {
  size_t digits = 0;
  while (digits < 6 && IsDigit(At(position_ + digits))) ++digits;
  // Versions have five digits; six are accepted when followed by whitespace (8.0.34+ form).
  size_t used = digits >= 5 ? 5 : 0;
  if (digits == 6 && IsSpace(At(position_ + 6))) used = 6;
  if (digits > 0 && digits < 5) used = digits;  // malformed, MySQL treats it as a version too
  uint32_t version = 0;
  for (size_t index = 0; index < used; ++index) {
    version = version * 10 + static_cast<uint32_t>(At(position_ + index) - '0');
  }
  if (used > 0 && version > options_.server_version) return false;
  position_ += used;
  in_version_comment_ = true;
  return true;
}

// Skips a /* ... */ comment starting at `begin`; false with *error set when unterminated.
bool Lexer::SkipBlockComment(size_t begin, Token* error) {
  size_t close = sql_.find("*/", begin + 2);
  if (close == std::string_view::npos) {
    *error = Error(begin, "unterminated comment");
    return false;
  }
  position_ = close + 2;
  return true;
}

// Skips whitespace and comments. Returns false with *error set on an unterminated comment.
bool Lexer::SkipSpaceAndComments(Token* error) {
  while (position_ < sql_.size()) {
    char c = sql_[position_];
    if (IsSpace(c)) {
      ++position_;
    } else if (c == '#') {
      while (position_ < sql_.size() && sql_[position_] != '\n') ++position_;
    } else if (c == '-' && At(position_ + 1) == '-' &&
               (position_ + 2 >= sql_.size() ||
                static_cast<unsigned char>(At(position_ + 2)) <= ' ')) {
      while (position_ < sql_.size() && sql_[position_] != '\n') ++position_;
    } else if (c == '/' && At(position_ + 1) == '*') {
      size_t begin = position_;
      if (At(position_ + 2) == '!' && !in_version_comment_) {
        position_ += 3;
        if (StartVersionComment()) {
          pending_version_marker_ = true;
          continue;
        }
        position_ = begin;
      }
      if (!SkipBlockComment(begin, error)) return false;
      if (At(begin + 2) == '+') pending_hint_ = sql_.substr(begin + 3, position_ - 2 - (begin + 3));
    } else if (c == '*' && At(position_ + 1) == '/' && in_version_comment_) {
      in_version_comment_ = false;
      pending_version_marker_ = true;
      position_ += 2;
    } else {
      break;
    }
  }
  return true;
}

Token Lexer::Next() {
  if (finished_) return Make(TokenType::kEnd, sql_.size(), "");
  Token error;
  if (!SkipSpaceAndComments(&error)) return error;
  size_t begin = position_;
  if (begin >= sql_.size()) {
    finished_ = true;
    if (in_version_comment_) return Error(begin, "unterminated comment");
    return Make(TokenType::kEnd, begin, "");
  }
  bool after_dot = after_dot_;
  after_dot_ = false;
  char c = sql_[begin];
  char next = At(begin + 1);
  if (after_dot && IsIdentifierByte(c)) {
    while (IsIdentifierByte(At(position_))) ++position_;
    return Make(TokenType::kWord, begin, std::string(sql_.substr(begin, position_ - begin)));
  }
  if ((c == 'x' || c == 'X') && next == '\'') return LexHexOrBitString(begin, true);
  if ((c == 'b' || c == 'B') && next == '\'') return LexHexOrBitString(begin, false);
  if ((c == 'n' || c == 'N') && next == '\'') {
    position_ = begin + 1;
    Token token = LexQuoted(begin + 1, '\'', TokenType::kNationalString);
    token.begin = static_cast<uint32_t>(begin);
    return token;
  }
  if (IsDigit(c)) return LexNumber(begin);
  if (c == '.' && IsDigit(next) &&
      !(last_end_ == begin && (last_type_ == TokenType::kWord ||
                               last_type_ == TokenType::kQuotedIdent))) {
    return LexNumber(begin);
  }
  if (IsIdentifierByte(c)) return LexWord(begin);
  if (c == '`') return LexQuoted(begin, '`', TokenType::kQuotedIdent);
  if (c == '\'') return LexQuoted(begin, '\'', TokenType::kString);
  if (c == '"') {
    return LexQuoted(begin, '"',
                     options_.ansi_quotes ? TokenType::kQuotedIdent : TokenType::kString);
  }
  if (c == '@') return LexVariable(begin);
  if (c == '?') {
    position_ = begin + 1;
    return Make(TokenType::kParam, begin, "?");
  }
  return LexOperator(begin);
}

Token Lexer::LexWord(size_t begin) {
  while (IsIdentifierByte(At(position_))) ++position_;
  return Make(TokenType::kWord, begin, std::string(sql_.substr(begin, position_ - begin)));
}

// Digits first: an integer, decimal or float, 0x/0b literals, or an identifier like `1abc`.
Token Lexer::LexNumber(size_t begin) {
  size_t run_end = begin;
  while (IsIdentifierByte(At(run_end))) ++run_end;
  std::string_view run = sql_.substr(begin, run_end - begin);
  if (run.size() > 2 && run[0] == '0' && (run[1] == 'x' || run[1] == 'b')) {
    std::string_view digits = run.substr(2);
    bool valid = true;
    for (char d : digits) {
      valid = valid && (run[1] == 'x' ? IsHexDigit(d) : (d == '0' || d == '1'));
    }
    position_ = run_end;
    if (valid && run[1] == 'x') return Make(TokenType::kHex, begin, HexToBytes(digits));
    if (valid) return Make(TokenType::kBit, begin, BitsToBytes(digits));
    return Make(TokenType::kWord, begin, std::string(run));
  }
  size_t cursor = begin;
  while (IsDigit(At(cursor))) ++cursor;
  TokenType type = TokenType::kInteger;
  if (At(cursor) == '.') {
    type = TokenType::kDecimal;
    ++cursor;
    while (IsDigit(At(cursor))) ++cursor;
  }
  if (At(cursor) == 'e' || At(cursor) == 'E') {
    size_t exponent = cursor + 1;
    if (At(exponent) == '+' || At(exponent) == '-') ++exponent;
    if (IsDigit(At(exponent))) {
      while (IsDigit(At(exponent))) ++exponent;
      type = TokenType::kFloat;
      cursor = exponent;
    }
  }
  if (type == TokenType::kInteger && cursor < run_end) {
    // Digits followed by identifier characters: an identifier such as 1abc.
    position_ = run_end;
    return Make(TokenType::kWord, begin, std::string(run));
  }
  position_ = cursor;
  return Make(type, begin, std::string(sql_.substr(begin, cursor - begin)));
}

// A quoted string or identifier starting at `begin` (the opening quote).
Token Lexer::LexQuoted(size_t begin, char quote, TokenType type) {
  bool escapes = quote != '`' && type != TokenType::kQuotedIdent && !options_.no_backslash_escapes;
  std::string text;
  size_t cursor = begin + 1;
  while (true) {
    if (cursor >= sql_.size()) {
      return Error(type == TokenType::kNationalString ? begin - 1 : begin,
                   "unterminated quoted text");
    }
    // The run of ordinary bytes up to the next quote or backslash goes in whole.
    size_t plain = cursor;
    while (plain < sql_.size() && sql_[plain] != quote && sql_[plain] != '\\') ++plain;
    if (plain > cursor) {
      text.append(sql_.data() + cursor, plain - cursor);
      cursor = plain;
      continue;
    }
    char c = sql_[cursor];
    if (c == quote) {
      if (At(cursor + 1) == quote) {
        text.push_back(quote);
        cursor += 2;
        continue;
      }
      ++cursor;
      break;
    }
    if (c == '\\' && escapes && cursor + 1 < sql_.size()) {
      char escaped = sql_[cursor + 1];
      cursor += 2;
      switch (escaped) {
        case '0': text.push_back('\0'); break;
        case 'b': text.push_back('\b'); break;
        case 'n': text.push_back('\n'); break;
        case 'r': text.push_back('\r'); break;
        case 't': text.push_back('\t'); break;
        case 'Z': text.push_back('\x1a'); break;
        case '%': text += "\\%"; break;
        case '_': text += "\\_"; break;
        default: text.push_back(escaped); break;
      }
      continue;
    }
    text.push_back(c);
    ++cursor;
  }
  position_ = cursor;
  return Make(type, begin, std::move(text));
}

// X'hex' or B'bits' starting at `begin` (the letter).
Token Lexer::LexHexOrBitString(size_t begin, bool hex) {
  size_t close = sql_.find('\'', begin + 2);
  if (close == std::string_view::npos) return Error(begin, "unterminated quoted text");
  std::string_view digits = sql_.substr(begin + 2, close - begin - 2);
  for (char d : digits) {
    if (hex ? !IsHexDigit(d) : (d != '0' && d != '1')) return Error(begin, "bad digit");
  }
  if (hex && digits.size() % 2 == 1) return Error(begin, "odd number of hex digits");
  position_ = close + 1;
  return Make(hex ? TokenType::kHex : TokenType::kBit, begin,
              hex ? HexToBytes(digits) : BitsToBytes(digits));
}

// @name, @'name', @"name", @`name`, @@name, @@scope.name, @@`name`.
Token Lexer::LexVariable(size_t begin) {
  bool system = At(begin + 1) == '@';
  position_ = begin + (system ? 2 : 1);
  char c = At(position_);
  VariableScope scope = system ? VariableScope::kDefault : VariableScope::kUser;
  if (system) {
    size_t word_end = position_;
    while (IsIdentifierByte(At(word_end))) ++word_end;
    std::string_view word = sql_.substr(position_, word_end - position_);
    if (At(word_end) == '.') {
      static constexpr std::pair<std::string_view, VariableScope> kScopes[] = {
          {"global", VariableScope::kGlobal},   {"session", VariableScope::kSession},
          {"local", VariableScope::kSession},   {"persist", VariableScope::kPersist},
          {"persist_only", VariableScope::kPersistOnly}};
      for (const auto& [name, value] : kScopes) {
        if (EqualsIgnoreCase(word, name)) {
          scope = value;
          position_ = word_end + 1;
          break;
        }
      }
    }
    c = At(position_);
  }
  TokenType type = system ? TokenType::kSysVar : TokenType::kUserVar;
  if (c == '`' || (!system && (c == '\'' || c == '"'))) {
    Token quoted = LexQuoted(position_, c, c == '`' ? TokenType::kQuotedIdent : TokenType::kString);
    if (quoted.type == TokenType::kError) return quoted;
    Token token = Make(type, begin, std::move(quoted.text));
    token.scope = scope;
    return token;
  }
  size_t name_begin = position_;
  while (IsIdentifierByte(At(position_)) || (At(position_) == '.' && !system)) ++position_;
  if (system) {
    // Component variables: @@component.name keeps the dot inside the name.
    while (At(position_) == '.' && IsIdentifierByte(At(position_ + 1))) {
      ++position_;
      while (IsIdentifierByte(At(position_))) ++position_;
    }
  }
  if (position_ == name_begin) {
    position_ = begin + 1;
    return Make(TokenType::kOperator, begin, "@");
  }
  Token token = Make(type, begin, std::string(sql_.substr(name_begin, position_ - name_begin)));
  token.scope = scope;
  return token;
}

Token Lexer::LexOperator(size_t begin) {
  static constexpr std::string_view kMultiByte[] = {"<=>", "->>", "<<", ">>", "<=", ">=",
                                                    "<>",  "!=",  ":=", "&&", "||", "->"};
  const char first = sql_[begin];
  for (std::string_view op : kMultiByte) {
    if (op[0] == first && sql_.substr(begin, op.size()) == op) {
      position_ = begin + op.size();
      return Make(TokenType::kOperator, begin, std::string(op));
    }
  }
  // Any other byte is a one-byte operator (one the grammar lacks is a syntax error there).
  // A '.' right after a name: what follows is a name too, even if it starts with a digit.
  const bool qualifies = first == '.' && last_end_ == begin &&
                         (last_type_ == TokenType::kWord || last_type_ == TokenType::kQuotedIdent);
  position_ = begin + 1;
  Token token = Make(TokenType::kOperator, begin, std::string(1, first));
  if (qualifies) after_dot_ = true;
  return token;
}

}  // namespace porpoise::sql
