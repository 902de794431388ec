// The parser's entry points (Parser, ParseOne, ParseExpression), token helpers, names, and the
// statement dispatch; each statement family is parsed in its own parse_*.cc file. (sql/)
#include "sql/parser.h"

#include <algorithm>

#include "common/stack.h"
#include "common/strings.h"
#include "sql/ast/parse_meter.h"
#include "sql/keywords.h"
#include "sql/parser_impl.h"

namespace porpoise::sql {
namespace {

// Stack left free below the deepest parse frame (sanitizer builds make frames large).
constexpr size_t kStackReserve = 512 * 1024;
// Budget used when the thread's stack bounds cannot be read.
constexpr size_t kFallbackStackBudget = 1024 * 1024;

bool IsSpaceByte(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// At most `limit` UTF-8 characters of `text` (MySQL prints near '%-.80s').
std::string_view TruncateCharacters(std::string_view text, size_t limit) {
  size_t characters = 0;
  for (size_t index = 0; index < text.size(); ++index) {
    if ((static_cast<unsigned char>(text[index]) & 0xC0) != 0x80) {
      if (characters == limit) return text.substr(0, index);
      ++characters;
    }
  }
  return text;
}

// What a token costs the parse: its slot in the token list and its text twice (the token's,
// and the tree's copy of it).
uint64_t TokenCost(const Token& token) { return sizeof(Token) + 2 * token.text.size(); }

// The next token, charged to the parse; past the parse's budget, the end of the input instead
// (the parse then ends at once, and reports 3170).
Token NextMeteredToken(Lexer& lexer) {
  Token token = lexer.Next();
  ParseMeter::Charge(TokenCost(token));
  if (!ParseMeter::CurrentExceeded()) return token;
  Token end;
  end.begin = end.end = token.begin;
  end.line = token.line;
  return end;
}

bool IsWord(const Token& token, std::string_view upper) {
  return token.type == TokenType::kWord && EqualsIgnoreCase(token.text, upper);
}

// One VALUES row of plain literals, `(v, v, ...)`, read from `lexer` into `row`, each value
// the tree the parser makes of it: a number, a string, NULL, TRUE, FALSE, or a number after
// '-'. False, with `lexer` wherever it stopped, at anything else (an expression, a string
// beside another, an introducer, a parameter, ...): the caller then lexes the row again.
bool ScanLiteralRow(Lexer& lexer, size_t expected, std::vector<ExprPtr>* row) {
  if (!NextMeteredToken(lexer).Is("(")) return false;
  row->reserve(expected);
  while (true) {
    Token token = NextMeteredToken(lexer);
    bool negative = token.Is("-");
    if (negative) token = NextMeteredToken(lexer);
    ExprPtr value;
    switch (token.type) {
      case TokenType::kInteger:
        value = MakeLiteral(LiteralKind::kInteger, std::move(token.text));
        break;
      case TokenType::kDecimal:
        value = MakeLiteral(LiteralKind::kDecimal, std::move(token.text));
        break;
      case TokenType::kFloat:
        value = MakeLiteral(LiteralKind::kFloat, std::move(token.text));
        break;
      case TokenType::kString:
        if (negative) return false;
        value = MakeLiteral(LiteralKind::kString, std::move(token.text));
        break;
      case TokenType::kWord:
        if (negative) return false;
        if (IsWord(token, "NULL")) value = MakeLiteral(LiteralKind::kNull, "");
        else if (IsWord(token, "TRUE")) value = MakeLiteral(LiteralKind::kTrue, "");
        else if (IsWord(token, "FALSE")) value = MakeLiteral(LiteralKind::kFalse, "");
        else return false;
        break;
      default:
        return false;
    }
    if (negative) value = MakeUnary(Operator::kNegate, std::move(value));
    row->push_back(std::move(value));
    Token after = NextMeteredToken(lexer);
    if (after.Is(")")) return true;
    if (!after.Is(",")) return false;
  }
}

// The rows of plain literals that follow VALUES (the bulk of a dump's INSERTs), read straight
// into trees: lexing them into tokens for the parser to read back cost more than the rest of
// the INSERT. Reads from `lexer` up to the end of the last such row in a run; stops before a
// row of any other kind (the parser reads that one and the rest). Nothing read: no rows.
std::vector<std::vector<ExprPtr>> ScanLiteralRows(Lexer& lexer) {
  std::vector<std::vector<ExprPtr>> rows;
  Lexer trial = lexer;
  while (true) {
    std::vector<ExprPtr> row;
    if (!ScanLiteralRow(trial, rows.empty() ? 0 : rows.back().size(), &row)) break;
    rows.push_back(std::move(row));
    lexer = trial;
    if (!NextMeteredToken(trial).Is(",")) break;
  }
  return rows;
}

// Lexes one statement starting at `start`: tokens up to and including ';', kEnd or kError.
// In an INSERT or REPLACE, the rows of plain literals right after its VALUES become one
// kLiteralRows token (spanning their text), their trees in *literal_rows.
TokenList LexStatement(std::string_view sql, const ParserOptions& options, size_t start,
                       bool in_version_comment, size_t* end_position,
                       bool* end_in_version_comment,
                       std::vector<std::vector<ExprPtr>>* literal_rows) {
  Lexer lexer(sql, options, start, in_version_comment);
  TokenList tokens;
  // Rows are read ahead only at the statement's first VALUES, and only before SET, SELECT,
  // WITH or TABLE (whose VALUES(...) is no row).
  bool rows_possible = false;
  while (true) {
    Token token = NextMeteredToken(lexer);
    bool last = token.type == TokenType::kEnd || token.type == TokenType::kError || token.Is(";");
    if (tokens.empty()) {
      rows_possible = options.literal_rows_ahead && (IsWord(token, "INSERT") || IsWord(token, "REPLACE"));
    } else if (rows_possible && token.type == TokenType::kWord) {
      if (IsWord(token, "VALUES") || IsWord(token, "VALUE")) {
        rows_possible = false;
        size_t begin = lexer.position();
        uint32_t line = token.line;
        tokens.push_back(std::move(token));
        *literal_rows = ScanLiteralRows(lexer);
        if (!literal_rows->empty()) {
          Token rows;
          rows.type = TokenType::kLiteralRows;
          rows.line = line;
          while (begin < sql.size() && IsSpaceByte(sql[begin])) ++begin;
          rows.begin = static_cast<uint32_t>(begin);
          rows.end = static_cast<uint32_t>(lexer.position());
          tokens.push_back(std::move(rows));
        }
        continue;
      }
      if (IsWord(token, "SET") || IsWord(token, "SELECT") || IsWord(token, "WITH") ||
          IsWord(token, "TABLE")) {
        rows_possible = false;
      }
    }
    tokens.push_back(std::move(token));
    if (last) break;
  }
  *end_position = lexer.position();
  *end_in_version_comment = lexer.in_version_comment();
  return tokens;
}

}  // namespace

uint64_t StatementMemoryLimit(const ParserOptions& options, size_t text_bytes) {
  if (!options.bounded_by_text) return options.max_memory;
  uint64_t bound = std::min<uint64_t>(
      ParserOptions::kParserMemoryCeiling,
      ParserOptions::kParserMemoryBase + ParserOptions::kParserMemoryPerByte * text_bytes);
  return std::min(options.max_memory, bound);
}

Status SyntaxErrorNear(std::string_view sql, size_t offset, uint32_t line) {
  std::string near(TruncateCharacters(sql.substr(std::min(offset, sql.size())), 80));
  return Status::Error(ER_PARSE_ERROR, near, line);
}

Status StatementMemoryExceeded(uint64_t limit) {
  return Status::Error(ER_CAPACITY_EXCEEDED, limit, "parser_max_mem_size",
                       "Parser bailed out for this query.");
}

// ---- Parser ---------------------------------------------------------------------------

Parser::Parser(std::string_view sql, ParserOptions options) : sql_(sql), options_(options) {}

bool Parser::AtEnd() {
  Lexer lexer(sql_, options_, position_, in_version_comment_);
  while (true) {
    Token token = lexer.Next();
    if (token.type == TokenType::kEnd) return true;
    if (!token.Is(";")) return false;
  }
}

Result<StatementPtr> Parser::ParseNext() {
  ParseMeter meter(StatementMemoryLimit(options_, sql_.size() - std::min(position_, sql_.size())));
  Result<StatementPtr> statement = ParseNextUnmetered();
  if (meter.exceeded()) return StatementMemoryExceeded(meter.limit());
  return statement;
}

Result<StatementPtr> Parser::ParseNextUnmetered() {
  size_t start = position_;
  while (start < sql_.size() && IsSpaceByte(sql_[start])) ++start;
  bool start_in_version_comment = in_version_comment_;
  std::vector<std::vector<ExprPtr>> literal_rows;
  TokenList tokens = LexStatement(sql_, options_, start, in_version_comment_, &position_,
                                  &in_version_comment_, &literal_rows);
  const Token& first = tokens.front();
  if (first.type == TokenType::kEnd || first.Is(";")) return Status::Error(ER_EMPTY_QUERY);
  Impl impl(sql_, options_, std::move(tokens));
  impl.literal_rows = std::move(literal_rows);
  if (!impl.StartsStoredProgram()) return impl.ParseStatement();
  // A stored program's body holds ';'s of its own: the statement runs to wherever its
  // parse ends, so the rest of the input is lexed and the position found again after.
  TokenList all;
  {
    Lexer lexer(sql_, options_, start, start_in_version_comment);
    while (true) {
      all.push_back(NextMeteredToken(lexer));
      if (all.back().type == TokenType::kEnd || all.back().type == TokenType::kError) break;
    }
  }
  Impl whole(sql_, options_, std::move(all));
  Result<StatementPtr> statement = whole.ParseStatement();
  size_t consumed = whole.pos + (whole.Peek().Is(";") ? 1 : 0);
  Lexer lexer(sql_, options_, start, start_in_version_comment);
  for (size_t index = 0; index < consumed; ++index) lexer.Next();
  position_ = lexer.position();
  in_version_comment_ = lexer.in_version_comment();
  return statement;
}

Result<StatementPtr> ParseOne(std::string_view sql, ParserOptions options) {
  Parser parser(sql, options);
  PORPOISE_ASSIGN_OR_RETURN(StatementPtr statement, parser.ParseNext());
  if (parser.AtEnd()) return statement;
  // A second statement: report it as MySQL does without multi-statement support, at its
  // first token (the only one lexed, however long the rest). Empty statements (';') before
  // it are skipped here, since a lexed statement ends at its first ';'.
  size_t start = parser.position_;
  while (start < sql.size() && (IsSpaceByte(sql[start]) || sql[start] == ';')) ++start;
  TokenList tokens;
  tokens.push_back(Lexer(sql, options, start, parser.in_version_comment_).Next());
  Parser::Impl impl(sql, options, std::move(tokens));
  return impl.SyntaxErrorAt(impl.Peek(0));
}

Result<ExprPtr> ParseExpression(std::string_view sql, ParserOptions options) {
  ParseMeter meter(StatementMemoryLimit(options, sql.size()));
  TokenList tokens;
  Lexer lexer(sql, options);
  do {
    tokens.push_back(NextMeteredToken(lexer));
  } while (tokens.back().type != TokenType::kEnd && tokens.back().type != TokenType::kError);
  if (meter.exceeded()) return StatementMemoryExceeded(meter.limit());
  if (tokens.front().type == TokenType::kEnd) return Status::Error(ER_EMPTY_QUERY);
  Parser::Impl impl(sql, options, std::move(tokens));
  Result<ExprPtr> expr = impl.ParseExpr();
  if (meter.exceeded()) return StatementMemoryExceeded(meter.limit());
  if (!expr.ok()) return expr.status();
  if (impl.Peek().type != TokenType::kEnd) return impl.SyntaxError();
  return expr;
}

// ---- token helpers --------------------------------------------------------------------

Parser::Impl::Impl(std::string_view sql_text, const ParserOptions& parser_options,
                   TokenList token_list)
    : sql(sql_text),
      options(parser_options),
      tokens(std::move(token_list)),
      stack_floor(StackFloor(kStackReserve, kFallbackStackBudget)) {}

const Token& Parser::Impl::Peek(size_t ahead) const {
  size_t index = std::min(pos + ahead, tokens.size() - 1);
  return tokens[index];
}

const Token& Parser::Impl::Advance() {
  // Past the parse's memory budget the rest of the statement is skipped: the parse ends at
  // once, and its entry point reports 3170.
  if (ParseMeter::CurrentExceeded()) pos = tokens.size() - 1;
  const Token& token = tokens[std::min(pos, tokens.size() - 1)];
  if (pos < tokens.size() - 1) ++pos;
  return token;
}

bool Parser::Impl::PeekKeyword(std::string_view upper, size_t ahead) const {
  const Token& token = Peek(ahead);
  if (token.type != TokenType::kWord || token.text.size() != upper.size()) return false;
  for (size_t index = 0; index < upper.size(); ++index) {
    char c = token.text[index];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != upper[index]) return false;
  }
  return true;
}

bool Parser::Impl::AcceptKeyword(std::string_view upper) {
  if (!PeekKeyword(upper)) return false;
  Advance();
  return true;
}

bool Parser::Impl::AcceptKeywords(std::initializer_list<std::string_view> words) {
  size_t ahead = 0;
  for (std::string_view word : words) {
    if (!PeekKeyword(word, ahead)) return false;
    ++ahead;
  }
  for (size_t index = 0; index < words.size(); ++index) Advance();
  return true;
}

Status Parser::Impl::ExpectKeyword(std::string_view upper) {
  if (AcceptKeyword(upper)) return Status::OK();
  return SyntaxError();
}

bool Parser::Impl::PeekOp(std::string_view op, size_t ahead) const { return Peek(ahead).Is(op); }

bool Parser::Impl::AcceptOp(std::string_view op) {
  if (!PeekOp(op)) return false;
  Advance();
  return true;
}

Status Parser::Impl::ExpectOp(std::string_view op) {
  if (AcceptOp(op)) return Status::OK();
  return SyntaxError();
}

bool Parser::Impl::AtStatementEnd() const {
  return Peek().type == TokenType::kEnd || Peek().Is(";");
}

Status Parser::Impl::SyntaxError() const { return SyntaxErrorAt(Peek()); }

Result<std::string> Parser::Impl::UserVariableName() {
  std::string name = Advance().text;
  size_t characters = 0;
  for (char c : name) characters += (static_cast<unsigned char>(c) & 0xc0) != 0x80;
  if (characters > 64) return Status::Error(ER_ILLEGAL_USER_VAR, name);
  return name;
}

Status Parser::Impl::SyntaxErrorAt(const Token& token) const {
  size_t begin = std::min<size_t>(token.begin, sql.size());
  if (token.type == TokenType::kEnd) begin = sql.size();
  if (token.Is(";")) {
    // A ';' with nothing after it is the end of the statement: near ''.
    Lexer rest(sql, options, token.end);
    if (rest.Next().type == TokenType::kEnd) begin = sql.size();
  }
  return SyntaxErrorNear(sql, begin, token.line);
}

Status Parser::Impl::EnterNesting() {
  if (++depth > options.max_depth) return SyntaxError();
  if (CurrentStackAddress() < stack_floor) {
    return Status::WithMessage(ER_STACK_OVERRUN_NEED_MORE,
                               "Thread stack overrun: the statement is nested too deeply");
  }
  return Status::OK();
}

std::string Parser::Impl::SourceText(size_t first_token, size_t end_token) const {
  if (end_token <= first_token || first_token >= tokens.size()) return "";
  size_t last = std::min(end_token, tokens.size()) - 1;
  size_t begin = tokens[first_token].begin;
  if (tokens[last].end <= begin) return "";
  // As MySQL's preprocessed text: where an executed version comment opens or closes between
  // two tokens, only that gap's white space is kept, so the text reads alone (a stored body,
  // a name).
  std::string text;
  for (size_t index = first_token + 1; index <= last; ++index) {
    if (!tokens[index].after_version_marker) continue;
    size_t gap = tokens[index - 1].end;
    text.append(sql.substr(begin, gap - begin));
    for (; gap < tokens[index].begin; ++gap) {
      if (IsSpaceByte(sql[gap])) text.push_back(sql[gap]);
    }
    begin = tokens[index].begin;
  }
  text.append(sql.substr(begin, tokens[last].end - begin));
  return text;
}

// ---- names ----------------------------------------------------------------------------

bool Parser::Impl::PeekIdentifier(size_t ahead) const {
  const Token& token = Peek(ahead);
  if (token.type == TokenType::kQuotedIdent) return true;
  return token.type == TokenType::kWord && !IsReservedWord(token.text);
}

Result<std::string> Parser::Impl::ParseIdentifier() {
  if (!PeekIdentifier()) return SyntaxError();
  return Advance().text;
}

Result<std::string> Parser::Impl::ParseIdentifierOrString() {
  if (Peek().type == TokenType::kString) return Advance().text;
  return ParseIdentifier();
}

Result<TableName> Parser::Impl::ParseTableName() {
  TableName name;
  PORPOISE_ASSIGN_OR_RETURN(name.table, ParseIdentifier());
  if (AcceptOp(".")) {
    const Token& part = Peek();
    if (part.type != TokenType::kWord && part.type != TokenType::kQuotedIdent) {
      return SyntaxError();
    }
    name.database = std::move(name.table);
    name.table = Advance().text;
  }
  return name;
}

Result<std::vector<std::string>> Parser::Impl::ParseIdentifierList() {
  PORPOISE_RETURN_IF_ERROR(ExpectOp("("));
  std::vector<std::string> names;
  do {
    PORPOISE_ASSIGN_OR_RETURN(std::string name, ParseIdentifier());
    names.push_back(std::move(name));
  } while (AcceptOp(","));
  PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
  return names;
}

Result<std::string> Parser::Impl::ParseCharsetName() {
  if (PeekKeyword("BINARY") || PeekKeyword("DEFAULT")) return ToLowerAscii(Advance().text);
  PORPOISE_ASSIGN_OR_RETURN(std::string name, ParseIdentifierOrString());
  return ToLowerAscii(name);
}

Result<uint32_t> Parser::Impl::ParseUnsigned() {
  const Token& token = Peek();
  if (token.type != TokenType::kInteger || token.text.size() > 10) return SyntaxError();
  uint64_t value = std::stoull(token.text);
  if (value > UINT32_MAX) return SyntaxError();
  Advance();
  return static_cast<uint32_t>(value);
}

// 'user'@'host', user@host, `u`@`h`, "u"@"h", 'user' (host %), CURRENT_USER[()].
Result<UserName> Parser::Impl::ParseUserName() {
  UserName user;
  if (PeekKeyword("CURRENT_USER")) {
    Advance();
    if (AcceptOp("(")) PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
    user.current_user = true;
    return user;
  }
  const Token& name = Peek();
  if (name.type == TokenType::kString || name.type == TokenType::kQuotedIdent ||
      (name.type == TokenType::kWord && !IsReservedWord(name.text))) {
    user.user = Advance().text;
  } else {
    return SyntaxError();
  }
  const Token& host = Peek();
  size_t previous_end = tokens[pos - 1].end;
  if (host.type == TokenType::kUserVar && host.begin == previous_end) {
    user.host = Advance().text;
    char after_at = sql[host.begin + 1];
    if (after_at == '\'' || after_at == '"' || after_at == '`') return user;
    // Unquoted host names may continue with '-' or '%' (my-host, 10.0.%).
    while (Peek().begin == tokens[pos - 1].end && Peek().type != TokenType::kEnd &&
           (Peek().type == TokenType::kWord || Peek().type == TokenType::kInteger ||
            Peek().type == TokenType::kDecimal || Peek().Is("-") || Peek().Is("%") ||
            Peek().Is("."))) {
      const Token& piece = Advance();
      user.host += std::string(sql.substr(piece.begin, piece.end - piece.begin));
    }
  } else if (AcceptOp("@")) {
    PORPOISE_ASSIGN_OR_RETURN(user.host, ParseIdentifierOrString());
  }
  return user;
}

// ---- statement dispatch ---------------------------------------------------------------

Status Parser::Impl::Unsupported(std::string_view what) const {
  return Status::Error(ER_NOT_SUPPORTED_YET, std::string(what));
}

Result<StatementPtr> Parser::Impl::ParseStatement() {
  Result<StatementPtr> result = ParseSimpleStatement();
  if (!result.ok()) return result;
  if (!AtStatementEnd()) return SyntaxError();
  StatementPtr statement = std::move(result).value();
  statement->source_text = SourceText(0, pos);
  statement->parameter_count = param_count;
  return statement;
}

Result<StatementPtr> Parser::Impl::ParseSimpleStatement() {
  static constexpr std::string_view kUnsupportedVerbs[] = {
      "BINLOG", "CACHE", "CHANGE", "CHECKSUM", "CLONE",
      "HANDLER", "IMPORT", "INSTALL",
      "PURGE", "RESET", "RESTART", "STOP",
      "UNINSTALL", "XA"};
  const Token& first = Peek();
  std::string verb = first.type == TokenType::kWord ? ToUpperAscii(first.text) : "";
  Result<StatementPtr> result = Status::OK();
  if (verb == "SELECT" || verb == "WITH" || verb == "TABLE" || verb == "VALUES" || first.Is("(")) {
    Result<std::unique_ptr<SelectStatement>> select = ParseQueryExpression();
    if (!select.ok()) return select.status();
    result = StatementPtr(std::move(select).value());
  } else if (verb == "INSERT" || verb == "REPLACE") {
    result = ParseInsert();
  } else if (verb == "UPDATE") {
    result = ParseUpdate();
  } else if (verb == "LOAD") {
    result = ParseLoadData();
  } else if (verb == "DELETE") {
    result = ParseDelete();
  } else if (verb == "CREATE") {
    result = ParseCreate();
  } else if ((verb == "DEALLOCATE" || verb == "DROP") && PeekKeyword("PREPARE", 1)) {
    result = ParseDeallocatePrepare();
  } else if (verb == "DROP") {
    result = ParseDrop();
  } else if (verb == "ALTER") {
    result = ParseAlter();
  } else if (verb == "RENAME") {
    result = ParseRenameUser();
  } else if (verb == "TRUNCATE") {
    result = ParseTruncate();
  } else if (verb == "ANALYZE" || verb == "CHECK" || verb == "OPTIMIZE" || verb == "REPAIR") {
    result = ParseTableMaintenance();
  } else if (verb == "USE") {
    result = ParseUse();
  } else if (verb == "SHOW") {
    result = ParseShow();
  } else if (verb == "DESCRIBE" || verb == "DESC" || verb == "EXPLAIN") {
    result = ParseDescribe();
  } else if (verb == "SET") {
    result = ParseSet();
  } else if (verb == "GRANT") {
    result = ParseGrant();
  } else if (verb == "REVOKE") {
    result = ParseRevoke();
  } else if (verb == "FLUSH") {
    result = ParseFlush();
  } else if (verb == "LOCK") {
    result = ParseLockTables();
  } else if (verb == "UNLOCK") {
    result = ParseUnlockTables();
  } else if (verb == "BEGIN" || verb == "START") {
    result = ParseBegin();
  } else if (verb == "COMMIT") {
    result = ParseCommit();
  } else if (verb == "ROLLBACK" || verb == "SAVEPOINT" || verb == "RELEASE") {
    result = ParseRollback();
  } else if (verb == "KILL") {
    result = ParseKill();
  } else if (verb == "DO") {
    result = ParseDo();
  } else if (verb == "SHUTDOWN") {
    Advance();
    result = StatementPtr(std::make_unique<ShutdownStatement>());
  } else if (verb == "HELP") {
    result = ParseHelp();
  } else if (verb == "PREPARE") {
    result = ParsePrepare();
  } else if (verb == "EXECUTE") {
    result = ParseExecute();
  } else if (verb == "CALL") {
    result = ParseCall();
  } else if (verb == "SIGNAL" || verb == "RESIGNAL") {
    result = ParseSignal();
  } else if (verb == "GET" && (PeekKeyword("DIAGNOSTICS", 1) || PeekKeyword("CURRENT", 1) ||
                               PeekKeyword("STACKED", 1))) {
    result = ParseGetDiagnostics();
  } else if (std::find(std::begin(kUnsupportedVerbs), std::end(kUnsupportedVerbs), verb) !=
             std::end(kUnsupportedVerbs)) {
    return Unsupported(verb);
  } else {
    return SyntaxError();
  }
  return result;
}

}  // namespace porpoise::sql
