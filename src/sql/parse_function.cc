// Function calls: the generic name(args) form with DISTINCT/COUNT(*), and the special MySQL
// syntaxes (GROUP_CONCAT, TRIM, SUBSTRING FROM/FOR, POSITION IN, EXTRACT, CHAR USING, ...) plus
// CAST/CONVERT target types. How each special form maps onto Expr is in sql/README.md. (sql/)
#include "sql/parser_impl.h"

namespace porpoise::sql {
namespace {

ExprPtr UnitLiteral(std::string unit) { return MakeLiteral(LiteralKind::kString, std::move(unit)); }

}  // namespace

// The built-ins whose argument lists MySQL's grammar spells out (its function_call_keyword,
// _nonkeyword and _conflict rules) and that take the common syntax here.
const GrammarArity* FindGrammarArity(std::string_view upper) {
  static constexpr GrammarArity kArities[] = {
      {"ASCII", 1, 1},      {"CHARSET", 1, 1},     {"COALESCE", 1, SIZE_MAX},
      {"COLLATION", 1, 1},  {"DATABASE", 0, 0},    {"IF", 3, 3},
      {"FORMAT", 2, 3},     {"MICROSECOND", 1, 1}, {"MOD", 2, 2},
      {"QUARTER", 1, 1},    {"REPEAT", 2, 2},      {"REPLACE", 3, 3},
      {"REVERSE", 1, 1},    {"ROW_COUNT", 0, 0},   {"TRUNCATE", 2, 2},
      {"WEEK", 1, 2},       {"DATE", 1, 1},        {"DAY", 1, 1},
      {"HOUR", 1, 1},       {"INSERT", 4, 4},      {"LEFT", 2, 2},
      {"MINUTE", 1, 1},     {"MONTH", 1, 1},       {"RIGHT", 2, 2},
      {"SECOND", 1, 1},     {"TIME", 1, 1},        {"TIMESTAMP", 1, 2},
      {"YEAR", 1, 1},       {"CURDATE", 0, 0},     {"CURTIME", 0, 1},
      {"NOW", 0, 1},        {"SYSDATE", 0, 1},     {"UTC_DATE", 0, 0},
      {"UTC_TIME", 0, 1},   {"UTC_TIMESTAMP", 0, 1}};
  for (const GrammarArity& arity : kArities) {
    if (arity.name == upper) return &arity;
  }
  return nullptr;
}

namespace {

// The functions MySQL's grammar knows only as window functions (with OVER).
bool IsWindowOnlyFunction(std::string_view upper) {
  return upper == "RANK" || upper == "DENSE_RANK" || upper == "ROW_NUMBER" || upper == "PERCENT_RANK" ||
         upper == "CUME_DIST" || upper == "NTILE" || upper == "LAG" || upper == "LEAD" ||
         upper == "FIRST_VALUE" || upper == "LAST_VALUE" || upper == "NTH_VALUE";
}

}  // namespace

Result<ExprPtr> Parser::Impl::ParseFunctionCall(std::string name, bool qualified) {
  PORPOISE_RETURN_IF_ERROR(EnterNesting());
  std::string upper = ToUpperAscii(name);
  bool handled = false;
  Result<ExprPtr> result = qualified ? Result<ExprPtr>(ExprPtr()) : ParseSpecialFunction(upper, name, &handled);
  const GrammarArity* arity = qualified ? nullptr : FindGrammarArity(upper);
  if (!handled && arity != nullptr) {
    // A name with a rule of its own in MySQL's grammar: an argument too few or too many
    // is a syntax error where the list goes wrong.
    result = [&]() -> Result<ExprPtr> {
      PORPOISE_RETURN_IF_ERROR(ExpectOp("("));
      auto node = MakeFunction(std::move(name), {});
      if (PeekOp(")") && arity->min == 0) {
        Advance();
        return node;
      }
      while (true) {
        if (node->args.size() == arity->max) return SyntaxError();
        PORPOISE_ASSIGN_OR_RETURN(ExprPtr arg, ParseExpr());
        node->args.push_back(std::move(arg));
        if (PeekOp(",") && node->args.size() < arity->max) {
          Advance();
          continue;
        }
        if (PeekOp(")") && node->args.size() < arity->min) return SyntaxError();
        PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
        return node;
      }
    }();
  } else if (!handled) {
    result = [&]() -> Result<ExprPtr> {
      PORPOISE_RETURN_IF_ERROR(ExpectOp("("));
      auto node = MakeFunction(std::move(name), {});
      // (DATE_ADD, DATE_SUB, ADDDATE and SUBDATE take a date and an amount, an interval
      // for the first two)
      const bool date_arithmetic = upper == "DATE_ADD" || upper == "DATE_SUB" ||
                                   upper == "ADDDATE" || upper == "SUBDATE";
      if (date_arithmetic && PeekOp(")")) return SyntaxError();
      if (AcceptOp(")")) return node;
      // (DISTINCT belongs to the grammar of AVG, COUNT, MIN, MAX and SUM only)
      if ((PeekKeyword("DISTINCT") || PeekKeyword("DISTINCTROW")) && upper != "AVG" && upper != "COUNT" &&
          upper != "MIN" && upper != "MAX" && upper != "SUM") {
        return SyntaxError();
      }
      if (AcceptKeyword("DISTINCT") || AcceptKeyword("DISTINCTROW")) {
        node->distinct = true;
      } else {
        AcceptKeyword("ALL");
      }
      do {
        if (date_arithmetic && node->args.size() == 1) {
          interval_allowed = PeekKeyword("INTERVAL");
          if (!interval_allowed && upper.rfind("DATE_", 0) == 0) return SyntaxError();
        }
        if (date_arithmetic && node->args.size() == 2) return SyntaxError();
        PORPOISE_ASSIGN_OR_RETURN(ExprPtr arg, ParseExpr());
        node->args.push_back(std::move(arg));
      } while (AcceptOp(","));
      if (date_arithmetic && node->args.size() < 2) return SyntaxError();
      PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
      return node;
    }();
  }
  LeaveNesting();
  if (result.ok() && AcceptKeyword("OVER")) {
    if (PeekOp("(")) {
      PORPOISE_ASSIGN_OR_RETURN(result.value()->over, ParseWindowSpec());
    } else {
      auto named = std::make_unique<WindowSpec>();
      named->name_only = true;
      PORPOISE_ASSIGN_OR_RETURN(named->base, ParseIdentifier());
      result.value()->over = std::move(named);
    }
  } else if (result.ok() && !qualified && IsWindowOnlyFunction(upper)) {
    return SyntaxError();  // ROW_NUMBER() and its kin exist only with OVER
  }
  return result;
}

// The window functions' own argument lists: none for the ranking ones; NTILE(count);
// LAG|LEAD(expr [, count [, default]]); FIRST_VALUE|LAST_VALUE(expr); NTH_VALUE(expr, n).
// A count is an integer, a ?, a user variable or a stored program's variable: NULL, -1 or
// 1.5 is a syntax error.
Result<ExprPtr> Parser::Impl::ParseWindowFunction(const std::string& upper, std::string name) {
  PORPOISE_RETURN_IF_ERROR(ExpectOp("("));
  auto node = MakeFunction(std::move(name), {});
  auto count = [&]() -> Status {
    TokenType type = Peek().type;
    bool variable = (type == TokenType::kWord && PeekIdentifier() && !PeekKeyword("NULL")) ||
                    type == TokenType::kQuotedIdent;
    if (type != TokenType::kInteger && type != TokenType::kParam && type != TokenType::kUserVar && !variable) {
      return SyntaxError();
    }
    PORPOISE_ASSIGN_OR_RETURN(ExprPtr arg, ParsePrimary());
    node->args.push_back(std::move(arg));
    return Status::OK();
  };
  auto expression = [&]() -> Status {
    PORPOISE_ASSIGN_OR_RETURN(ExprPtr arg, ParseExpr());
    node->args.push_back(std::move(arg));
    return Status::OK();
  };
  if (upper == "NTILE") {
    PORPOISE_RETURN_IF_ERROR(count());
  } else if (upper == "LAG" || upper == "LEAD") {
    PORPOISE_RETURN_IF_ERROR(expression());
    if (AcceptOp(",")) {
      PORPOISE_RETURN_IF_ERROR(count());
      if (AcceptOp(",")) PORPOISE_RETURN_IF_ERROR(expression());
    }
  } else if (upper == "FIRST_VALUE" || upper == "LAST_VALUE") {
    PORPOISE_RETURN_IF_ERROR(expression());
  } else if (upper == "NTH_VALUE") {
    PORPOISE_RETURN_IF_ERROR(expression());
    PORPOISE_RETURN_IF_ERROR(ExpectOp(","));
    PORPOISE_RETURN_IF_ERROR(expression());
  }
  PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
  return node;
}

Result<std::unique_ptr<WindowSpec>> Parser::Impl::ParseWindowSpec() {
  PORPOISE_RETURN_IF_ERROR(ExpectOp("("));
  auto spec = std::make_unique<WindowSpec>();
  if (Peek().type == TokenType::kWord && !PeekKeyword("PARTITION") && !PeekKeyword("ORDER") &&
      !PeekKeyword("ROWS") && !PeekKeyword("RANGE")) {
    PORPOISE_ASSIGN_OR_RETURN(spec->base, ParseIdentifier());
  } else if (Peek().type == TokenType::kQuotedIdent) {
    PORPOISE_ASSIGN_OR_RETURN(spec->base, ParseIdentifier());
  }
  if (AcceptKeywords({"PARTITION", "BY"})) {
    PORPOISE_ASSIGN_OR_RETURN(spec->partition, ParseExprList());
  }
  if (PeekKeyword("ORDER")) {
    PORPOISE_ASSIGN_OR_RETURN(std::vector<OrderItem> order, ParseOrderBy());
    for (OrderItem& item : order) spec->order.emplace_back(std::move(item.expr), item.descending);
  }
  if (PeekKeyword("ROWS") || PeekKeyword("RANGE")) {
    spec->unit = PeekKeyword("ROWS") ? WindowSpec::Unit::kRows : WindowSpec::Unit::kRange;
    Advance();
    if (AcceptKeyword("BETWEEN")) {
      spec->between = true;
      PORPOISE_ASSIGN_OR_RETURN(spec->start, ParseWindowBound());
      PORPOISE_RETURN_IF_ERROR(ExpectKeyword("AND"));
      PORPOISE_ASSIGN_OR_RETURN(spec->end, ParseWindowBound());
    } else {
      PORPOISE_ASSIGN_OR_RETURN(spec->start, ParseWindowBound());
    }
  }
  PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
  return spec;
}

// UNBOUNDED PRECEDING|FOLLOWING, CURRENT ROW, n PRECEDING|FOLLOWING, INTERVAL n unit ...
Result<WindowSpec::Bound> Parser::Impl::ParseWindowBound() {
  WindowSpec::Bound bound;
  if (AcceptKeywords({"CURRENT", "ROW"})) {
    bound.edge = WindowSpec::Edge::kCurrentRow;
    return bound;
  }
  bool unbounded = AcceptKeyword("UNBOUNDED");
  if (!unbounded) {
    interval_allowed = PeekKeyword("INTERVAL");
    PORPOISE_ASSIGN_OR_RETURN(bound.offset, ParsePrimary());
  }
  if (AcceptKeyword("PRECEDING")) {
    bound.edge = unbounded ? WindowSpec::Edge::kUnboundedPreceding : WindowSpec::Edge::kPreceding;
  } else if (AcceptKeyword("FOLLOWING")) {
    bound.edge = unbounded ? WindowSpec::Edge::kUnboundedFollowing : WindowSpec::Edge::kFollowing;
  } else {
    return SyntaxError();
  }
  return bound;
}

// The functions whose argument syntax is not a plain list. Sets *handled when it parsed one.
Result<ExprPtr> Parser::Impl::ParseSpecialFunction(const std::string& upper, std::string name,
                                                   bool* handled) {
  *handled = true;
  if (upper == "COUNT" && PeekOp("*", 1)) {
    Advance();
    Advance();
    PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
    ExprPtr node = MakeFunction(std::move(name), {});
    node->star = true;
    return node;
  }
  if (upper == "GROUP_CONCAT") return ParseGroupConcat(std::move(name));
  if (IsWindowOnlyFunction(upper)) return ParseWindowFunction(upper, std::move(name));
  if (upper == "JSON_VALUE") return ParseJsonValue(std::move(name));
  if (upper == "WEIGHT_STRING") return ParseWeightString(std::move(name));
  if (upper == "TRIM") return ParseTrim(std::move(name));
  if (upper == "SUBSTRING" || upper == "SUBSTR" || upper == "MID") {
    Advance();
    PORPOISE_ASSIGN_OR_RETURN(ExprPtr subject, ParseExpr());
    std::vector<ExprPtr> args;
    args.push_back(std::move(subject));
    if (AcceptKeyword("FROM")) {
      PORPOISE_ASSIGN_OR_RETURN(ExprPtr from, ParseExpr());
      args.push_back(std::move(from));
      if (AcceptKeyword("FOR")) {
        PORPOISE_ASSIGN_OR_RETURN(ExprPtr length, ParseExpr());
        args.push_back(std::move(length));
      }
    } else {
      while (AcceptOp(",")) {
        PORPOISE_ASSIGN_OR_RETURN(ExprPtr arg, ParseExpr());
        args.push_back(std::move(arg));
      }
    }
    PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
    return MakeFunction(std::move(name), std::move(args));
  }
  if (upper == "POSITION") {
    Advance();
    PORPOISE_ASSIGN_OR_RETURN(ExprPtr needle, ParseBitOr());
    PORPOISE_RETURN_IF_ERROR(ExpectKeyword("IN"));
    PORPOISE_ASSIGN_OR_RETURN(ExprPtr haystack, ParseExpr());
    PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
    std::vector<ExprPtr> args;
    args.push_back(std::move(needle));
    args.push_back(std::move(haystack));
    return MakeFunction(std::move(name), std::move(args));
  }
  if (upper == "EXTRACT" || upper == "TIMESTAMPADD" || upper == "TIMESTAMPDIFF" ||
      upper == "GET_FORMAT") {
    // The first argument is a unit (or a type for GET_FORMAT): kept as an upper-case string.
    Advance();
    std::vector<ExprPtr> args;
    if (upper == "GET_FORMAT") {
      if (!(PeekKeyword("DATE") || PeekKeyword("TIME") || PeekKeyword("DATETIME") ||
            PeekKeyword("TIMESTAMP"))) {
        return SyntaxError();
      }
      args.push_back(UnitLiteral(ToUpperAscii(Advance().text)));
    } else {
      // TIMESTAMPADD and TIMESTAMPDIFF take the simple units only (MySQL's grammar).
      std::string written = ToUpperAscii(Peek().text);
      if (upper != "EXTRACT" && written.find('_') != std::string::npos &&
          written.rfind("SQL_TSI_", 0) != 0) {
        return SyntaxError();
      }
      PORPOISE_ASSIGN_OR_RETURN(std::string unit, ParseIntervalUnit());
      args.push_back(UnitLiteral(std::move(unit)));
    }
    if (upper == "EXTRACT") {
      PORPOISE_RETURN_IF_ERROR(ExpectKeyword("FROM"));
    } else {
      PORPOISE_RETURN_IF_ERROR(ExpectOp(","));
    }
    // (EXTRACT(unit FROM x); TIMESTAMPADD and TIMESTAMPDIFF(unit, x, y): another count is a
    // syntax error where the list goes wrong)
    PORPOISE_ASSIGN_OR_RETURN(ExprPtr first, ParseExpr());
    args.push_back(std::move(first));
    if (upper == "TIMESTAMPADD" || upper == "TIMESTAMPDIFF") {
      PORPOISE_RETURN_IF_ERROR(ExpectOp(","));
      PORPOISE_ASSIGN_OR_RETURN(ExprPtr second, ParseExpr());
      args.push_back(std::move(second));
    }
    PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
    return MakeFunction(std::move(name), std::move(args));
  }
  if (upper == "CHAR") {
    // CHAR(n, ... USING cs) is CONVERT(CHAR(n, ...) USING cs).
    Advance();
    PORPOISE_ASSIGN_OR_RETURN(std::vector<ExprPtr> args, ParseExprList());
    ExprPtr call = MakeFunction(std::move(name), std::move(args));
    if (AcceptKeyword("USING")) {
      auto convert = std::make_unique<Expr>();
      convert->kind = ExprKind::kConvertUsing;
      convert->mutable_detail().char_using = true;
      PORPOISE_ASSIGN_OR_RETURN(convert->text, ParseCharsetName());
      convert->args.push_back(std::move(call));
      call = std::move(convert);
    }
    PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
    return call;
  }
  *handled = false;
  return Status::OK();
}

// GROUP_CONCAT([DISTINCT] expr, ... [ORDER BY ...] [SEPARATOR 'str'])
Result<ExprPtr> Parser::Impl::ParseGroupConcat(std::string name) {
  Advance();
  ExprPtr node = MakeFunction(std::move(name), {});
  node->distinct = AcceptKeyword("DISTINCT");
  PORPOISE_ASSIGN_OR_RETURN(node->args, ParseExprList());
  if (PeekKeyword("ORDER")) {
    PORPOISE_ASSIGN_OR_RETURN(std::vector<OrderItem> order, ParseOrderBy());
    for (OrderItem& item : order) {
      node->mutable_detail().function_order_by.emplace_back(std::move(item.expr), item.descending);
    }
  }
  if (AcceptKeyword("SEPARATOR")) {
    if (Peek().type != TokenType::kString) return SyntaxError();
    node->mutable_detail().separator = Advance().text;
    while (Peek().type == TokenType::kString) node->mutable_detail().separator += Advance().text;
    node->mutable_detail().has_separator = true;
  }
  PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
  return node;
}

// JSON_VALUE(doc, path [RETURNING type] [on_empty ON EMPTY] [on_error ON ERROR]), each
// behaviour NULL | ERROR | DEFAULT value. args: {doc, path, empty default, error default}
// (NULL literals where no DEFAULT is given).
Result<ExprPtr> Parser::Impl::ParseJsonValue(std::string name) {
  Advance();
  ExprPtr node = MakeFunction(std::move(name), {});
  PORPOISE_ASSIGN_OR_RETURN(ExprPtr doc, ParseExpr());
  PORPOISE_RETURN_IF_ERROR(ExpectOp(","));
  // The path is a string literal, nothing computed (an introducer allowed).
  const Token& first = Peek();
  bool literal = first.type == TokenType::kString || first.type == TokenType::kNationalString ||
                 (first.type == TokenType::kWord && first.text.size() > 1 && first.text[0] == '_' &&
                  Peek(1).type == TokenType::kString);
  if (!literal) return SyntaxError();
  PORPOISE_ASSIGN_OR_RETURN(ExprPtr path, ParsePrimary());
  node->args.push_back(std::move(doc));
  node->args.push_back(std::move(path));
  ExprDetail& detail = node->mutable_detail();
  if (AcceptKeyword("RETURNING")) {
    PORPOISE_ASSIGN_OR_RETURN(detail.cast_type, ParseCastType());
  }
  ExprPtr defaults[2];
  std::string* modes[2] = {&detail.on_empty, &detail.on_error};
  for (int which = 0; which < 2; ++which) {
    // A behaviour, then ON EMPTY (first) or ON ERROR.
    if (!PeekKeyword("NULL") && !PeekKeyword("ERROR") && !PeekKeyword("DEFAULT")) continue;
    size_t mark = pos;
    std::string mode = ToUpperAscii(Advance().text);
    ExprPtr value;
    if (mode == "DEFAULT") {
      PORPOISE_ASSIGN_OR_RETURN(value, ParseExpr());
    }
    PORPOISE_RETURN_IF_ERROR(ExpectKeyword("ON"));
    bool empty = AcceptKeyword("EMPTY");
    if (!empty && !AcceptKeyword("ERROR")) return SyntaxError();
    int slot = empty ? 0 : 1;
    if (slot < which) {
      pos = mark;
      return SyntaxError();
    }
    which = slot;
    *modes[slot] = mode;
    defaults[slot] = std::move(value);
  }
  for (ExprPtr& value : defaults) {
    node->args.push_back(value ? std::move(value) : MakeLiteral(LiteralKind::kNull, ""));
  }
  PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
  return node;
}

// WEIGHT_STRING(str [AS CHAR(n) | AS BINARY(n)]): args {str}; the AS type in cast_type
// ("char" or "binary" with its length, which must be given and be at least 1).
Result<ExprPtr> Parser::Impl::ParseWeightString(std::string name) {
  Advance();
  PORPOISE_ASSIGN_OR_RETURN(ExprPtr subject, ParseExpr());
  std::vector<ExprPtr> args;
  args.push_back(std::move(subject));
  ExprPtr node = MakeFunction(std::move(name), std::move(args));
  if (AcceptKeyword("AS")) {
    if (!PeekKeyword("CHAR") && !PeekKeyword("BINARY")) return SyntaxError();
    bool binary = PeekKeyword("BINARY");
    Advance();
    if (!PeekOp("(")) return SyntaxError();
    DataType& type = node->mutable_detail().cast_type;
    PORPOISE_RETURN_IF_ERROR(ParseTypeLength(&type, false));
    if (!type.length || *type.length == 0) return SyntaxError();
    type.name = binary ? "binary" : "char";
    type.binary = binary;
  }
  PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
  return node;
}

// TRIM(str), TRIM(rem FROM str), TRIM(LEADING|TRAILING|BOTH [rem] FROM str).
// args: {str} | {str, rem} | {str, rem, 'LEADING'|'TRAILING'|'BOTH'} (rem ' ' when omitted).
Result<ExprPtr> Parser::Impl::ParseTrim(std::string name) {
  Advance();
  std::string mode;
  if (PeekKeyword("LEADING") || PeekKeyword("TRAILING") || PeekKeyword("BOTH")) {
    mode = ToUpperAscii(Advance().text);
  }
  std::vector<ExprPtr> args;
  if (!mode.empty() && AcceptKeyword("FROM")) {
    PORPOISE_ASSIGN_OR_RETURN(ExprPtr subject, ParseExpr());
    args.push_back(std::move(subject));
    args.push_back(MakeLiteral(LiteralKind::kString, " "));
  } else {
    PORPOISE_ASSIGN_OR_RETURN(ExprPtr first, ParseExpr());
    if (AcceptKeyword("FROM")) {
      PORPOISE_ASSIGN_OR_RETURN(ExprPtr subject, ParseExpr());
      args.push_back(std::move(subject));
      args.push_back(std::move(first));
    } else if (!mode.empty()) {
      return SyntaxError();
    } else {
      args.push_back(std::move(first));
    }
  }
  if (!mode.empty()) args.push_back(MakeLiteral(LiteralKind::kString, mode));
  PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
  return MakeFunction(std::move(name), std::move(args));
}

// CAST/CONVERT targets: BINARY[(n)], CHAR[(n)] [charset], NCHAR, DATE, DATETIME[(n)],
// TIME[(n)], DECIMAL[(m[,d])], SIGNED/UNSIGNED [INTEGER], JSON, DOUBLE, FLOAT[(n)], REAL, YEAR.
Result<DataType> Parser::Impl::ParseCastType() {
  if (Peek().type != TokenType::kWord) return SyntaxError();
  std::string word = ToUpperAscii(Advance().text);
  DataType type;
  if (word == "BINARY") {
    type.name = "binary";
    type.binary = true;
    PORPOISE_RETURN_IF_ERROR(ParseTypeLength(&type, false));
  } else if (word == "CHAR" || word == "CHARACTER" || word == "NCHAR") {
    type.name = "char";
    PORPOISE_RETURN_IF_ERROR(ParseTypeLength(&type, false));
    if (word == "NCHAR") type.charset = "utf8mb3";
    if (AcceptKeyword("ASCII")) {
      type.charset = "latin1";
    } else if (AcceptKeyword("UNICODE")) {
      type.charset = "ucs2";
    } else if (AcceptKeywords({"CHARACTER", "SET"}) || AcceptKeyword("CHARSET")) {
      PORPOISE_ASSIGN_OR_RETURN(type.charset, ParseCharsetName());
    }
  } else if (word == "DATE" || word == "JSON" || word == "YEAR") {
    type.name = ToLowerAscii(word);
  } else if (word == "DATETIME" || word == "TIME") {
    type.name = ToLowerAscii(word);
    PORPOISE_RETURN_IF_ERROR(ParseTypeLength(&type, false));
  } else if (word == "DECIMAL" || word == "DEC") {
    type.name = "decimal";
    PORPOISE_RETURN_IF_ERROR(ParseTypeLength(&type, true));
  } else if (word == "SIGNED" || word == "UNSIGNED") {
    type.name = ToLowerAscii(word);
    if (!AcceptKeyword("INTEGER")) AcceptKeyword("INT");
  } else if (word == "DOUBLE" || word == "REAL") {
    type.name = "double";
    if (word == "DOUBLE") AcceptKeyword("PRECISION");
  } else if (word == "FLOAT") {
    type.name = "float";
    PORPOISE_RETURN_IF_ERROR(ParseTypeLength(&type, false));
  } else {
    --pos;
    return SyntaxError();
  }
  return type;
}

}  // namespace porpoise::sql
