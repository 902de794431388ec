// The MySQL-dialect tokenizer: SQL text -> tokens (identifiers, literals, variables, operators),
// skipping comments and expanding /*!NNNNN ... */ version comments. (sql/)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sql/ast/expression.h"
#include "sql/parser.h"

namespace porpoise::sql {

enum class TokenType : uint8_t {
  kEnd,             // end of input
  kError,           // malformed input; `text` holds the reason, `begin` where it starts
  kWord,            // unquoted identifier or keyword; `text` as written
  kQuotedIdent,     // `name` (or "name" under ANSI_QUOTES); `text` unescaped
  kString,          // 'text' or "text"; `text` unescaped
  kNationalString,  // N'text'
  kInteger,         // decimal digits
  kDecimal,         // 1.5, .5, 1.
  kFloat,           // 1e3, 1.5E-2
  kHex,             // X'41' / 0x41: `text` holds the raw bytes
  kBit,             // b'01' / 0b01: `text` holds the raw bytes
  kUserVar,         // @name, @'name': `text` is the name
  kSysVar,          // @@[scope.]name: `text` is the name, `scope` the scope
  kParam,           // ?
  kOperator,        // punctuation and operators: `text` is the operator ("<=>", "(", ";")
  kLiteralRows,     // the parser's own (never the lexer's): INSERT rows of plain literals,
                    // read ahead of the parse (see parser.cc)
};

struct Token {
  TokenType type = TokenType::kEnd;
  VariableScope scope = VariableScope::kDefault;  // kSysVar only
  uint32_t line = 1;  // 1-based, counted from where the lexer started
  uint32_t begin = 0;  // byte offsets of the token in the SQL text (a statement is < 4 GiB:
  uint32_t end = 0;    // max_allowed_packet is at most 1 GiB)
  std::string text;
  // The text of an optimizer-hint comment (/*+ ... */) just before the token, without its
  // delimiters, in the SQL text; "" when there was none.
  std::string_view hint;
  // True when an executed version comment opened (/*!NNNNN) or closed (*/) between the
  // previous token and this one: the text between them is no plain space or comment.
  bool after_version_marker = false;
  bool Is(std::string_view op) const { return type == TokenType::kOperator && text == op; }
};

// A tokenizer over `sql` (which must outlive it), starting at byte `start`.
// Not thread-safe; cheap to construct.
class Lexer {
 public:
  Lexer(std::string_view sql, const ParserOptions& options, size_t start = 0,
        bool in_version_comment = false);

  // The next token. After kEnd or kError every call returns kEnd.
  Token Next();

  // Byte offset just past the last token returned (comments after it not yet skipped).
  size_t position() const { return position_; }
  // True while inside an executed /*!NNNNN ... */ comment.
  bool in_version_comment() const { return in_version_comment_; }

  // Tokenizes the whole input (tests and tools); stops after kEnd or kError, which is included.
  static std::vector<Token> TokenizeAll(std::string_view sql, const ParserOptions& options = {});

 private:
  Token Make(TokenType type, size_t begin, std::string text);
  Token Error(size_t begin, std::string reason);
  bool SkipSpaceAndComments(Token* error);
  bool SkipBlockComment(size_t begin, Token* error);
  bool StartVersionComment();
  Token LexWord(size_t begin);
  Token LexNumber(size_t begin);
  Token LexQuoted(size_t begin, char quote, TokenType type);
  Token LexHexOrBitString(size_t begin, bool hex);
  Token LexVariable(size_t begin);
  Token LexOperator(size_t begin);
  uint32_t LineAt(size_t offset);
  char At(size_t offset) const { return offset < sql_.size() ? sql_[offset] : '\0'; }

  std::string_view sql_;
  ParserOptions options_;
  size_t position_;
  bool in_version_comment_;
  bool finished_ = false;
  bool after_dot_ = false;       // previous token was '.' right after an identifier
  TokenType last_type_ = TokenType::kEnd;
  size_t last_end_ = 0;
  uint32_t line_ = 1;
  size_t line_counted_to_;
  std::string_view pending_hint_;  // the last /*+ ... */ skipped, for the next token
  bool pending_version_marker_ = false;  // a version comment opened or closed since the last token
};

// True for bytes that may appear in an unquoted identifier: [A-Za-z0-9_$] and UTF-8 bytes.
bool IsIdentifierByte(char c);

}  // namespace porpoise::sql
