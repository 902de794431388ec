// Expression parsing with MySQL's operator precedence, literals, variables, function calls
// and the special function syntaxes (CAST, CONVERT, TRIM, EXTRACT, GROUP_CONCAT, ...). (sql/)
#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstdint>
#include <string>

#include "sql/keywords.h"
#include "sql/parser_impl.h"

namespace porpoise::sql {
namespace {

// Character sets that may introduce a literal: _utf8mb4'x'.
constexpr std::string_view kCharsets[] = {
    "armscii8", "ascii",  "big5",     "binary",  "cp1250",  "cp1251", "cp1256", "cp1257",
    "cp850",    "cp852",  "cp866",    "cp932",   "dec8",    "eucjpms", "euckr", "gb18030",
    "gb2312",   "gbk",    "geostd8",  "greek",   "hebrew",  "hp8",    "keybcs2", "koi8r",
    "koi8u",    "latin1", "latin2",   "latin5",  "latin7",  "macce",  "macroman", "sjis",
    "swe7",     "tis620", "ucs2",     "ujis",    "utf16",   "utf16le", "utf32", "utf8",
    "utf8mb3",  "utf8mb4"};

constexpr std::string_view kIntervalUnits[] = {
    "MICROSECOND", "SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR",
    "SECOND_MICROSECOND", "MINUTE_MICROSECOND", "MINUTE_SECOND", "HOUR_MICROSECOND",
    "HOUR_SECOND", "HOUR_MINUTE", "DAY_MICROSECOND", "DAY_SECOND", "DAY_MINUTE", "DAY_HOUR",
    "YEAR_MONTH", "SQL_TSI_SECOND", "SQL_TSI_MINUTE", "SQL_TSI_HOUR", "SQL_TSI_DAY",
    "SQL_TSI_WEEK", "SQL_TSI_MONTH", "SQL_TSI_QUARTER", "SQL_TSI_YEAR"};

// Reserved words that are functions even without parentheses.
constexpr std::string_view kNiladicFunctions[] = {
    "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER", "LOCALTIME",
    "LOCALTIMESTAMP", "UTC_DATE", "UTC_TIME", "UTC_TIMESTAMP"};

template <size_t N>
bool Contains(const std::string_view (&list)[N], std::string_view value) {
  return std::find(std::begin(list), std::end(list), value) != std::end(list);
}

bool IsIntroducer(const Token& token) {
  if (token.type != TokenType::kWord || token.text.size() < 2 || token.text[0] != '_') {
    return false;
  }
  return Contains(kCharsets, ToLowerAscii(std::string_view(token.text).substr(1)));
}

ExprPtr MakeStringLiteral(std::string text) { return MakeLiteral(LiteralKind::kString, std::move(text)); }

}  // namespace

// ---- precedence levels, lowest first --------------------------------------------------

Result<ExprPtr> Parser::Impl::ParseExpr() {
  // A lone literal ending the item (a VALUES row's `1,` or `'a')`): no operator can follow,
  // so the descent through every precedence level would only come back with it.
  if (IsLiteralToken(Peek().type) && (PeekOp(",", 1) || PeekOp(")", 1))) return ParseLiteral();
  PORPOISE_RETURN_IF_ERROR(EnterNesting());
  Result<ExprPtr> result = ParseOr();
  LeaveNesting();
  return result;
}

// Chains such as a OR b OR c ... build a left-deep tree without recursion in the parser; the
// printer, Equals and the engine recurse over it, so the chain length is bounded too.
Status Parser::Impl::ExtendChain() {
  if (++chain_length > options.max_depth * 16) return SyntaxError();
  return Status::OK();
}

Result<ExprPtr> Parser::Impl::ParseLeftAssociative(OperandParser next, OperatorMatcher match) {
  PORPOISE_ASSIGN_OR_RETURN(ExprPtr left, (this->*next)());
  uint32_t links = 0;
  Status status;
  while (std::optional<Operator> op = match(*this)) {
    // (`&&` is kept as written: MySQL 8.4 warns that it is deprecated)
    bool double_ampersand = *op == Operator::kAnd && PeekOp("&&");
    Advance();
    status = ExtendChain();
    if (!status.ok()) break;
    ++links;
    interval_allowed = (*op == Operator::kPlus || *op == Operator::kMinus) && PeekKeyword("INTERVAL");
    Result<ExprPtr> right = (this->*next)();
    if (!right.ok()) {
      status = right.status();
      break;
    }
    left = MakeBinary(*op, std::move(left), std::move(right).value());
    if (double_ampersand) left->text = "&&";
  }
  chain_length -= links;
  if (!status.ok()) return status;
  return left;
}

Result<ExprPtr> Parser::Impl::ParseOr() {
  return ParseLeftAssociative(&Impl::ParseXor, [](const Impl& p) -> std::optional<Operator> {
  if (p.PeekKeyword("OR")) return Operator::kOr;
  if (p.PeekOp("||") && !p.options.pipes_as_concat) return Operator::kOr;
  return std::nullopt;
  });
}
Result<ExprPtr> Parser::Impl::ParseXor() {
  return ParseLeftAssociative(&Impl::ParseAnd, [](const Impl& p) -> std::optional<Operator> {
  if (p.PeekKeyword("XOR")) return Operator::kXor;
  return std::nullopt;
  });
}
Result<ExprPtr> Parser::Impl::ParseAnd() {
  return ParseLeftAssociative(&Impl::ParseNot, [](const Impl& p) -> std::optional<Operator> {
  if (p.PeekKeyword("AND") || p.PeekOp("&&")) return Operator::kAnd;
  return std::nullopt;
  });
}

Result<ExprPtr> Parser::Impl::ParseNot() {
  if (options.high_not_precedence || !PeekKeyword("NOT")) return ParseBoolPrimary();
  Advance();
  PORPOISE_RETURN_IF_ERROR(EnterNesting());
  Result<ExprPtr> operand = ParseNot();
  LeaveNesting();
  if (!operand.ok()) return operand;
  return MakeUnary(Operator::kNot, std::move(operand).value());
}

// bool_pri: predicate { comparison predicate | IS [NOT] NULL/TRUE/FALSE/UNKNOWN }
Result<ExprPtr> Parser::Impl::ParseBoolPrimary() {
  auto match_comparison = [](const Impl& p) -> std::optional<Operator> {
  static constexpr std::pair<std::string_view, Operator> kOps[] = {
      {"=", Operator::kEq},  {"<=>", Operator::kNullSafeEq}, {"<>", Operator::kNe},
      {"!=", Operator::kNe}, {"<", Operator::kLt},           {"<=", Operator::kLe},
      {">", Operator::kGt},  {">=", Operator::kGe}};
  for (const auto& [text, op] : kOps) {
    if (p.PeekOp(text)) return op;
  }
  return std::nullopt;
  };
  PORPOISE_ASSIGN_OR_RETURN(ExprPtr left, ParsePredicate());
  uint32_t links = 0;
  Status status;
  while (true) {
    std::optional<Operator> op = match_comparison(*this);
    if (!op && !PeekKeyword("IS")) break;
    status = ExtendChain();
    if (!status.ok()) break;
    ++links;
    Advance();
    if (op) {
      if ((PeekKeyword("ANY") || PeekKeyword("SOME") || PeekKeyword("ALL")) && PeekOp("(", 1)) {
        // (<=> takes no ANY, SOME or ALL in MySQL's grammar)
        if (*op == Operator::kNullSafeEq) {
          status = SyntaxError();
          break;
        }
        auto quantified = std::make_unique<Expr>();
        quantified->kind = ExprKind::kQuantified;
        quantified->op = *op;
        quantified->text = PeekKeyword("ALL") ? "ALL" : "ANY";
        Advance();
        Result<std::unique_ptr<SelectStatement>> subquery = ParseSubquery();
        if (!subquery.ok()) {
          status = subquery.status();
          break;
        }
        quantified->args.push_back(std::move(left));
        quantified->subquery = std::move(subquery).value();
        left = std::move(quantified);
        continue;
      }
      Result<ExprPtr> right = ParsePredicate();
      if (!right.ok()) {
        status = right.status();
        break;
      }
      left = MakeBinary(*op, std::move(left), std::move(right).value());
      continue;
    }
    auto is = std::make_unique<Expr>();
    is->negated = AcceptKeyword("NOT");
    if (AcceptKeyword("NULL")) {
      is->kind = ExprKind::kIsNull;
    } else {
      is->kind = ExprKind::kIsBool;
      if (AcceptKeyword("TRUE")) {
        is->is_value = LiteralKind::kTrue;
      } else if (AcceptKeyword("FALSE")) {
        is->is_value = LiteralKind::kFalse;
      } else if (AcceptKeyword("UNKNOWN")) {
        is->is_value = LiteralKind::kNull;
      } else {
        status = SyntaxError();
        break;
      }
    }
    is->args.push_back(std::move(left));
    left = std::move(is);
  }
  chain_length -= links;
  if (!status.ok()) return status;
  return left;
}

// predicate: bit_expr [NOT] IN / BETWEEN / LIKE / REGEXP, SOUNDS LIKE, MEMBER OF.
Result<ExprPtr> Parser::Impl::ParsePredicate() {
  PORPOISE_ASSIGN_OR_RETURN(ExprPtr left, ParseBitOr());
  bool negated = false;
  if (PeekKeyword("NOT") && (PeekKeyword("IN", 1) || PeekKeyword("BETWEEN", 1) ||
                             PeekKeyword("LIKE", 1) || PeekKeyword("REGEXP", 1) ||
                             PeekKeyword("RLIKE", 1))) {
    Advance();
    negated = true;
  }
  auto node = std::make_unique<Expr>();
  node->negated = negated;
  if (AcceptKeyword("IN")) {
    node->kind = ExprKind::kIn;
    node->args.push_back(std::move(left));
    if (PeekOp("(") && (StartsQuery(1))) {
      PORPOISE_ASSIGN_OR_RETURN(node->subquery, ParseSubquery());
      return node;
    }
    PORPOISE_RETURN_IF_ERROR(ExpectOp("("));
    PORPOISE_ASSIGN_OR_RETURN(std::vector<ExprPtr> list, ParseExprList());
    PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
    for (ExprPtr& item : list) node->args.push_back(std::move(item));
    return node;
  }
  if (AcceptKeyword("BETWEEN")) {
    node->kind = ExprKind::kBetween;
    node->args.push_back(std::move(left));
    PORPOISE_ASSIGN_OR_RETURN(ExprPtr low, ParseBitOr());
    PORPOISE_RETURN_IF_ERROR(ExpectKeyword("AND"));
    PORPOISE_RETURN_IF_ERROR(EnterNesting());
    Result<ExprPtr> high = ParsePredicate();
    LeaveNesting();
    if (!high.ok()) return high;
    node->args.push_back(std::move(low));
    node->args.push_back(std::move(high).value());
    return node;
  }
  if (AcceptKeyword("LIKE")) {
    node->kind = ExprKind::kLike;
    node->args.push_back(std::move(left));
    PORPOISE_ASSIGN_OR_RETURN(ExprPtr pattern, ParseBitOr());
    node->args.push_back(std::move(pattern));
    if (AcceptKeyword("ESCAPE")) {
      PORPOISE_ASSIGN_OR_RETURN(ExprPtr escape, ParseBitOr());
      node->args.push_back(std::move(escape));
    }
    return node;
  }
  if (AcceptKeyword("REGEXP") || AcceptKeyword("RLIKE")) {
    node->kind = ExprKind::kRegexp;
    node->args.push_back(std::move(left));
    PORPOISE_ASSIGN_OR_RETURN(ExprPtr pattern, ParseBitOr());
    node->args.push_back(std::move(pattern));
    return node;
  }
  if (negated) return SyntaxError();
  if (PeekKeyword("SOUNDS") && PeekKeyword("LIKE", 1)) {
    // a SOUNDS LIKE b is defined as SOUNDEX(a) = SOUNDEX(b).
    Advance();
    Advance();
    PORPOISE_ASSIGN_OR_RETURN(ExprPtr right, ParseBitOr());
    std::vector<ExprPtr> left_args, right_args;
    left_args.push_back(std::move(left));
    right_args.push_back(std::move(right));
    return MakeBinary(Operator::kEq, MakeFunction("SOUNDEX", std::move(left_args)),
                      MakeFunction("SOUNDEX", std::move(right_args)));
  }
  // v MEMBER [OF] (json): a function node named "MEMBER OF", which no call can spell.
  if (AcceptKeyword("MEMBER")) {
    AcceptKeyword("OF");
    PORPOISE_RETURN_IF_ERROR(ExpectOp("("));
    PORPOISE_ASSIGN_OR_RETURN(ExprPtr array, ParseExpr());
    PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
    std::vector<ExprPtr> args;
    args.push_back(std::move(left));
    args.push_back(std::move(array));
    return MakeFunction("MEMBER OF", std::move(args));
  }
  return left;
}

Result<ExprPtr> Parser::Impl::ParseBitOr() {
  return ParseLeftAssociative(&Impl::ParseBitAnd, [](const Impl& p) -> std::optional<Operator> {
  if (p.PeekOp("|")) return Operator::kBitOr;
  return std::nullopt;
  });
}
Result<ExprPtr> Parser::Impl::ParseBitAnd() {
  return ParseLeftAssociative(&Impl::ParseShift, [](const Impl& p) -> std::optional<Operator> {
  if (p.PeekOp("&")) return Operator::kBitAnd;
  return std::nullopt;
  });
}
Result<ExprPtr> Parser::Impl::ParseShift() {
  return ParseLeftAssociative(&Impl::ParseAdditive, [](const Impl& p) -> std::optional<Operator> {
  if (p.PeekOp("<<")) return Operator::kShiftLeft;
  if (p.PeekOp(">>")) return Operator::kShiftRight;
  return std::nullopt;
  });
}
Result<ExprPtr> Parser::Impl::ParseAdditive() {
  return ParseLeftAssociative(&Impl::ParseMultiplicative, [](const Impl& p) -> std::optional<Operator> {
  if (p.PeekOp("+")) return Operator::kPlus;
  if (p.PeekOp("-")) return Operator::kMinus;
  return std::nullopt;
  });
}
Result<ExprPtr> Parser::Impl::ParseMultiplicative() {
  return ParseLeftAssociative(&Impl::ParseBitXor, [](const Impl& p) -> std::optional<Operator> {
  if (p.PeekOp("*")) return Operator::kMul;
  if (p.PeekOp("/")) return Operator::kDiv;
  if (p.PeekOp("%") || p.PeekKeyword("MOD")) return Operator::kMod;
  if (p.PeekKeyword("DIV")) return Operator::kIntDiv;
  return std::nullopt;
  });
}
Result<ExprPtr> Parser::Impl::ParseBitXor() {
  return ParseLeftAssociative(&Impl::ParseConcat, [](const Impl& p) -> std::optional<Operator> {
  if (p.PeekOp("^")) return Operator::kBitXor;
  return std::nullopt;
  });
}
Result<ExprPtr> Parser::Impl::ParseConcat() {
  return ParseLeftAssociative(&Impl::ParseUnary, [](const Impl& p) -> std::optional<Operator> {
  if (p.PeekOp("||") && p.options.pipes_as_concat) return Operator::kConcat;
  return std::nullopt;
  });
}

// - + ~ ! BINARY (and NOT under HIGH_NOT_PRECEDENCE) bind tighter than any binary operator.
Result<ExprPtr> Parser::Impl::ParseUnary() {
  std::optional<Operator> op;
  if (PeekOp("-")) {
    op = Operator::kNegate;
  } else if (PeekOp("+")) {
    op = Operator::kUnaryPlus;
  } else if (PeekOp("~")) {
    op = Operator::kBitNot;
  } else if (PeekOp("!")) {
    op = Operator::kNot;
  } else if (PeekKeyword("BINARY")) {
    op = Operator::kBinary;
  } else if (PeekKeyword("NOT") && options.high_not_precedence) {
    op = Operator::kNot;
  }
  if (!op) return ParseCollate();
  Advance();
  PORPOISE_RETURN_IF_ERROR(EnterNesting());
  Result<ExprPtr> operand = ParseUnary();
  LeaveNesting();
  if (!operand.ok()) return operand;
  return MakeUnary(*op, std::move(operand).value());
}

Result<ExprPtr> Parser::Impl::ParseCollate() {
  PORPOISE_ASSIGN_OR_RETURN(ExprPtr expr, ParsePrimary());
  while (AcceptKeyword("COLLATE")) {
    PORPOISE_ASSIGN_OR_RETURN(std::string name, ParseCharsetName());
    auto collate = std::make_unique<Expr>();
    collate->kind = ExprKind::kCollate;
    collate->text = std::move(name);
    collate->args.push_back(std::move(expr));
    expr = std::move(collate);
  }
  return expr;
}

// ---- primaries ------------------------------------------------------------------------

bool Parser::Impl::IsLiteralToken(TokenType type) {
  switch (type) {
    case TokenType::kInteger:
    case TokenType::kDecimal:
    case TokenType::kFloat:
    case TokenType::kString:
    case TokenType::kNationalString:
    case TokenType::kHex:
    case TokenType::kBit:
      return true;
    default:
      return false;
  }
}

Result<ExprPtr> Parser::Impl::ParsePrimary() {
  const Token& token = Peek();
  if (IsLiteralToken(token.type)) return ParseLiteral();
  switch (token.type) {
    case TokenType::kUserVar: {
      auto variable = std::make_unique<Expr>();
      variable->kind = ExprKind::kVariable;
      variable->scope = VariableScope::kUser;
      PORPOISE_ASSIGN_OR_RETURN(variable->text, UserVariableName());
      if (!AcceptOp(":=")) return variable;
      PORPOISE_ASSIGN_OR_RETURN(ExprPtr value, ParseExpr());
      return MakeBinary(Operator::kAssign, std::move(variable), std::move(value));
    }
    case TokenType::kSysVar: {
      auto variable = std::make_unique<Expr>();
      variable->kind = ExprKind::kVariable;
      variable->scope = token.scope;
      variable->text = Advance().text;
      return variable;
    }
    case TokenType::kParam: {
      Advance();
      auto parameter = std::make_unique<Expr>();
      parameter->kind = ExprKind::kParameter;
      if (options.numbered_parameters && Peek().type == TokenType::kInteger) {
        parameter->param_index = static_cast<uint32_t>(std::strtoul(Advance().text.c_str(), nullptr, 10));
      } else {
        parameter->param_index = param_count++;
      }
      if (options.parameter_nodes != nullptr) options.parameter_nodes->push_back(parameter.get());
      return parameter;
    }
    case TokenType::kQuotedIdent:
      return ParseIdentifierExpr();
    case TokenType::kWord:
      break;
    default:
      if (token.Is("(")) return ParseParenthesized();
      return SyntaxError();
  }
  std::string upper = ToUpperAscii(token.text);
  if (IsIntroducer(token)) {
    TokenType next = Peek(1).type;
    if (next == TokenType::kString || next == TokenType::kHex || next == TokenType::kBit) {
      std::string charset = ToLowerAscii(std::string_view(Advance().text).substr(1));
      if (next == TokenType::kString) return ParseStringLiteral(std::move(charset));
      PORPOISE_ASSIGN_OR_RETURN(ExprPtr literal, ParseLiteral());
      literal->mutable_detail().charset_introducer = std::move(charset);
      return literal;
    }
  }
  if (upper == "NULL" || upper == "TRUE" || upper == "FALSE") {
    Advance();
    return MakeLiteral(upper == "NULL"   ? LiteralKind::kNull
                       : upper == "TRUE" ? LiteralKind::kTrue
                                         : LiteralKind::kFalse,
                       "");
  }
  if ((upper == "DATE" || upper == "TIME" || upper == "TIMESTAMP") &&
      Peek(1).type == TokenType::kString) {
    Advance();
    LiteralKind kind = upper == "DATE"   ? LiteralKind::kDate
                       : upper == "TIME" ? LiteralKind::kTime
                                         : LiteralKind::kTimestamp;
    return MakeLiteral(kind, Advance().text);
  }
  if (upper == "CASE") return ParseCase();
  if (upper == "CAST" && PeekOp("(", 1)) return ParseCast();
  if (upper == "CONVERT" && PeekOp("(", 1)) return ParseConvert();
  if (upper == "INTERVAL") return ParseInterval();
  if (upper == "MATCH" && PeekOp("(", 1)) return ParseMatch();
  if (upper == "EXISTS") {
    Advance();
    auto exists = std::make_unique<Expr>();
    exists->kind = ExprKind::kExists;
    PORPOISE_ASSIGN_OR_RETURN(exists->subquery, ParseSubquery());
    return exists;
  }
  if (upper == "DEFAULT") {
    Advance();
    auto node = std::make_unique<Expr>();
    node->kind = ExprKind::kDefault;
    if (AcceptOp("(")) {
      PORPOISE_ASSIGN_OR_RETURN(ExprPtr column, ParseIdentifierExpr());
      node->args.push_back(std::move(column));
      PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
    }
    return node;
  }
  if (upper == "ROW" && PeekOp("(", 1)) {
    Advance();
    Advance();
    auto row = std::make_unique<Expr>();
    row->kind = ExprKind::kRow;
    // MySQL's ROW(...) constructor takes at least two expressions.
    PORPOISE_ASSIGN_OR_RETURN(ExprPtr first, ParseExpr());
    if (!AcceptOp(",")) return SyntaxError();
    PORPOISE_ASSIGN_OR_RETURN(row->args, ParseExprList());
    row->args.insert(row->args.begin(), std::move(first));
    PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
    return row;
  }
  if (Contains(kNiladicFunctions, upper) && !PeekOp("(", 1)) {
    return MakeFunction(Advance().text, {});
  }
  if (IsReservedWord(upper)) {
    if (IsReservedFunctionName(upper) && PeekOp("(", 1)) return ParseFunctionCall(Advance().text);
    return SyntaxError();
  }
  return ParseIdentifierExpr();
}

Result<ExprPtr> Parser::Impl::ParseLiteral() {
  const Token& token = Peek();
  switch (token.type) {
    case TokenType::kInteger:
      return MakeLiteral(LiteralKind::kInteger, Advance().text);
    case TokenType::kDecimal:
      return MakeLiteral(LiteralKind::kDecimal, Advance().text);
    case TokenType::kFloat:
      return MakeLiteral(LiteralKind::kFloat, Advance().text);
    case TokenType::kHex:
      return MakeLiteral(LiteralKind::kHexString, Advance().text);
    case TokenType::kBit:
      return MakeLiteral(LiteralKind::kBitString, Advance().text);
    case TokenType::kNationalString:
      return ParseStringLiteral("utf8mb3");
    case TokenType::kString:
      return ParseStringLiteral("");
    default:
      return SyntaxError();
  }
}

// A string literal (current token) plus adjacent ones: 'a' 'b' is 'ab'.
Result<ExprPtr> Parser::Impl::ParseStringLiteral(std::string introducer) {
  std::string text = Advance().text;
  while (Peek().type == TokenType::kString) text += Advance().text;
  ExprPtr literal = MakeStringLiteral(std::move(text));
  if (!introducer.empty()) literal->mutable_detail().charset_introducer = std::move(introducer);
  return literal;
}

// ( expr ), ( expr, expr ... ) row, or ( SELECT ... ) scalar subquery.
Result<ExprPtr> Parser::Impl::ParseParenthesized() {
  if (StartsQuery(1)) {
    auto subquery = std::make_unique<Expr>();
    subquery->kind = ExprKind::kSubquery;
    PORPOISE_ASSIGN_OR_RETURN(subquery->subquery, ParseSubquery());
    return subquery;
  }
  Advance();
  PORPOISE_ASSIGN_OR_RETURN(ExprPtr first, ParseExpr());
  if (AcceptOp(")")) return first;
  if (!PeekOp(",")) return SyntaxError();
  auto row = std::make_unique<Expr>();
  row->kind = ExprKind::kRow;
  row->args.push_back(std::move(first));
  while (AcceptOp(",")) {
    PORPOISE_ASSIGN_OR_RETURN(ExprPtr item, ParseExpr());
    row->args.push_back(std::move(item));
  }
  PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
  return row;
}

// A column reference [[db.]t.]c or t.* / db.t.*, or a function call name(...).
Result<ExprPtr> Parser::Impl::ParseIdentifierExpr() {
  const Token& first = Peek();
  if (first.type != TokenType::kQuotedIdent && !PeekIdentifier()) return SyntaxError();
  bool word = first.type == TokenType::kWord;
  uint32_t name_end = first.end;
  std::string name = Advance().text;
  if (PeekOp("(")) {
    if (word && !options.ignore_space && Peek().begin != name_end && IsSpaceSensitiveFunction(ToUpperAscii(name))) {
      // MySQL's lexer takes such a name for an identifier: a stored function's call,
      // in the common syntax (COUNT (*) is 1064).
      PORPOISE_RETURN_IF_ERROR(ExpectOp("("));
      auto node = MakeFunction(std::move(name), {});
      node->mutable_detail().stored_name = true;
      if (AcceptOp(")")) return node;
      PORPOISE_ASSIGN_OR_RETURN(node->args, ParseExprList());
      PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
      return node;
    }
    return ParseFunctionCall(std::move(name));
  }
  std::vector<std::string> parts{std::move(name)};
  bool star = false;
  while (!star && parts.size() < 3 && AcceptOp(".")) {
    const Token& part = Peek();
    if (part.Is("*")) {
      star = true;
      Advance();
    } else if (part.type == TokenType::kWord || part.type == TokenType::kQuotedIdent) {
      parts.push_back(Advance().text);
      // db.function(...): a stored function of another database.
      if (parts.size() == 2 && PeekOp("(")) {
        PORPOISE_ASSIGN_OR_RETURN(ExprPtr call, ParseFunctionCall(std::move(parts[1]), true));
        call->database = std::move(parts[0]);
        return call;
      }
    } else {
      return SyntaxError();
    }
  }
  if (star) parts.push_back("*");
  if (parts.size() > 3) return SyntaxError();
  while (parts.size() < 3) parts.insert(parts.begin(), "");
  ExprPtr column = MakeColumnRef(std::move(parts[0]), std::move(parts[1]), std::move(parts[2]));
  if (star) return column;
  // col->'$.path' is JSON_EXTRACT(col, path); col->>'$.path' also unquotes.
  if (PeekOp("->") || PeekOp("->>")) {
    bool unquote = Advance().text == "->>";
    if (Peek().type != TokenType::kString) return SyntaxError();
    PORPOISE_ASSIGN_OR_RETURN(ExprPtr path, ParseLiteral());
    std::vector<ExprPtr> args;
    args.push_back(std::move(column));
    args.push_back(std::move(path));
    ExprPtr extract = MakeFunction("JSON_EXTRACT", std::move(args));
    if (!unquote) return extract;
    std::vector<ExprPtr> outer;
    outer.push_back(std::move(extract));
    return MakeFunction("JSON_UNQUOTE", std::move(outer));
  }
  return column;
}

Result<std::vector<ExprPtr>> Parser::Impl::ParseExprList(size_t expected) {
  std::vector<ExprPtr> list;
  list.reserve(expected);
  do {
    PORPOISE_ASSIGN_OR_RETURN(ExprPtr item, ParseExpr());
    list.push_back(std::move(item));
  } while (AcceptOp(","));
  return list;
}

Result<ExprPtr> Parser::Impl::ParseValueOrDefault() { return ParseExpr(); }

Result<ExprPtr> Parser::Impl::ParseLimitValue() {
  if (Peek().type == TokenType::kInteger) {
    // MySQL takes LIMIT operands as unsigned 64-bit numbers; a longer one is a syntax error.
    const std::string& text = Peek().text;
    uint64_t value = 0;
    auto [stop, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || stop != text.data() + text.size()) return SyntaxError();
    return MakeLiteral(LiteralKind::kInteger, Advance().text);
  }
  if (Peek().type == TokenType::kParam) return ParsePrimary();
  return SyntaxError();
}

Result<std::string> Parser::Impl::ParseIntervalUnit() {
  if (Peek().type != TokenType::kWord) return SyntaxError();
  std::string upper = ToUpperAscii(Peek().text);
  if (!Contains(kIntervalUnits, upper)) return SyntaxError();
  Advance();
  // SQL_TSI_DAY and the others are MySQL's other names of the simple units.
  if (upper.rfind("SQL_TSI_", 0) == 0) upper.erase(0, 8);
  return upper;
}

// INTERVAL expr unit, or the INTERVAL(N, N1, N2, ...) comparison function.
// Elsewhere than at + or -, DATE_ADD's amount or before + (INTERVAL 1 DAY + d), an interval
// is a syntax error at what follows it, as MySQL's grammar has it (ABS(INTERVAL 1 DAY) is
// 1064 near ')', and so is DATE_ADD (d, INTERVAL 1 DAY): a name and a space make a call of
// a stored function, whose arguments are expressions).
Result<ExprPtr> Parser::Impl::ParseInterval() {
  const bool allowed = interval_allowed;
  interval_allowed = false;
  std::string name = Advance().text;
  PORPOISE_ASSIGN_OR_RETURN(ExprPtr value, ParseExpr());
  bool unit_follows = Peek().type == TokenType::kWord &&
                      Contains(kIntervalUnits, ToUpperAscii(Peek().text));
  if (value->kind == ExprKind::kRow && !unit_follows) {
    return MakeFunction(std::move(name), std::move(value->args));
  }
  PORPOISE_ASSIGN_OR_RETURN(std::string unit, ParseIntervalUnit());
  if (!allowed && !options.bare_interval && !PeekOp("+")) return SyntaxError();
  auto interval = std::make_unique<Expr>();
  interval->kind = ExprKind::kInterval;
  interval->text = std::move(unit);
  interval->args.push_back(std::move(value));
  return interval;
}

Result<ExprPtr> Parser::Impl::ParseCase() {
  Advance();
  auto node = std::make_unique<Expr>();
  node->kind = ExprKind::kCase;
  if (!PeekKeyword("WHEN")) {
    PORPOISE_ASSIGN_OR_RETURN(node->case_operand, ParseExpr());
  }
  if (!PeekKeyword("WHEN")) return SyntaxError();
  while (AcceptKeyword("WHEN")) {
    PORPOISE_ASSIGN_OR_RETURN(ExprPtr when, ParseExpr());
    PORPOISE_RETURN_IF_ERROR(ExpectKeyword("THEN"));
    PORPOISE_ASSIGN_OR_RETURN(ExprPtr then, ParseExpr());
    node->args.push_back(std::move(when));
    node->args.push_back(std::move(then));
  }
  if (AcceptKeyword("ELSE")) {
    PORPOISE_ASSIGN_OR_RETURN(node->else_expr, ParseExpr());
  }
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("END"));
  return node;
}

Result<ExprPtr> Parser::Impl::ParseCast() {
  Advance();
  Advance();
  auto node = std::make_unique<Expr>();
  node->kind = ExprKind::kCast;
  PORPOISE_ASSIGN_OR_RETURN(ExprPtr value, ParseExpr());
  node->args.push_back(std::move(value));
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("AS"));
  PORPOISE_ASSIGN_OR_RETURN(node->mutable_detail().cast_type, ParseCastType());
  if (AcceptKeyword("ARRAY")) return Unsupported("CAST ... ARRAY");
  PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
  return node;
}

// CONVERT(expr, type) or CONVERT(expr USING charset).
Result<ExprPtr> Parser::Impl::ParseConvert() {
  Advance();
  Advance();
  auto node = std::make_unique<Expr>();
  PORPOISE_ASSIGN_OR_RETURN(ExprPtr value, ParseExpr());
  node->args.push_back(std::move(value));
  if (AcceptKeyword("USING")) {
    node->kind = ExprKind::kConvertUsing;
    PORPOISE_ASSIGN_OR_RETURN(node->text, ParseCharsetName());
  } else {
    PORPOISE_RETURN_IF_ERROR(ExpectOp(","));
    node->kind = ExprKind::kCast;
    PORPOISE_ASSIGN_OR_RETURN(node->mutable_detail().cast_type, ParseCastType());
  }
  PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
  return node;
}

// MATCH (col, ...) AGAINST (expr [modifier]).
Result<ExprPtr> Parser::Impl::ParseMatch() {
  Advance();
  Advance();
  auto node = std::make_unique<Expr>();
  node->kind = ExprKind::kMatch;
  PORPOISE_ASSIGN_OR_RETURN(node->args, ParseExprList());
  PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("AGAINST"));
  PORPOISE_RETURN_IF_ERROR(ExpectOp("("));
  PORPOISE_ASSIGN_OR_RETURN(node->mutable_detail().against, ParseBitOr());
  std::string modifier;
  while (Peek().type == TokenType::kWord) {
    if (!modifier.empty()) modifier += " ";
    modifier += ToUpperAscii(Advance().text);
  }
  static constexpr std::string_view kModifiers[] = {
      "", "IN NATURAL LANGUAGE MODE", "IN BOOLEAN MODE", "WITH QUERY EXPANSION",
      "IN NATURAL LANGUAGE MODE WITH QUERY EXPANSION"};
  if (!Contains(kModifiers, modifier)) return SyntaxError();
  node->mutable_detail().match_modifier = std::move(modifier);
  PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
  return node;
}

}  // namespace porpoise::sql
