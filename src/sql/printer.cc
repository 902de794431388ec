// The AST printer for expressions and data types, plus identifier and string quoting.
// Output is fully parenthesised so it parses back to an equal tree. (sql/)
#include "sql/printer.h"

#include <utility>

#include "sql/keywords.h"
#include "sql/lexer.h"
#include "sql/print_helpers.h"

namespace porpoise::sql {
namespace {

constexpr char kHexDigits[] = "0123456789ABCDEF";
constexpr char kLowerHexDigits[] = "0123456789abcdef";

thread_local PrintCache* active_print_cache = nullptr;
thread_local const std::string* view_form_charset = nullptr;
thread_local bool number_parameters = false;  // see ToSqlNumberingParameters

}  // namespace

const std::string* ViewFormCharset() { return view_form_charset; }

std::string Keyword(std::string_view upper) {
  return view_form_charset != nullptr ? ToLowerAscii(upper) : std::string(upper);
}

const char* ListSeparator() { return view_form_charset != nullptr ? "," : ", "; }

namespace {

std::string OperatorText(Operator op) {
  switch (op) {
    case Operator::kOr: return Keyword("OR");
    case Operator::kXor: return Keyword("XOR");
    case Operator::kAnd: return Keyword("AND");
    case Operator::kNot: return Keyword("NOT");
    case Operator::kEq: return "=";
    case Operator::kNullSafeEq: return "<=>";
    case Operator::kNe: return "<>";
    case Operator::kLt: return "<";
    case Operator::kLe: return "<=";
    case Operator::kGt: return ">";
    case Operator::kGe: return ">=";
    case Operator::kBitOr: return "|";
    case Operator::kBitAnd: return "&";
    case Operator::kBitXor: return "^";
    case Operator::kShiftLeft: return "<<";
    case Operator::kShiftRight: return ">>";
    case Operator::kBitNot: return "~";
    case Operator::kPlus: return "+";
    case Operator::kMinus: return "-";
    case Operator::kMul: return "*";
    case Operator::kDiv: return "/";
    case Operator::kIntDiv: return Keyword("DIV");
    case Operator::kMod: return "%";
    case Operator::kNegate: return "-";
    case Operator::kUnaryPlus: return "+";
    case Operator::kBinary: return Keyword("BINARY");
    case Operator::kAssign: return ":=";
    case Operator::kConcat: return "||";
  }
  return "?";
}

std::string PrintLiteral(const Expr& expr) {
  std::string prefix = expr.detail().charset_introducer.empty() ? "" : "_" + expr.detail().charset_introducer;
  if (prefix.empty() && expr.literal_kind == LiteralKind::kString && ViewFormCharset()) {
    prefix = "_" + *ViewFormCharset();
  }
  // Before X'..' / b'..' a space keeps `_latin1 X'41'` from reading back as `_latin1X`.
  std::string spaced_prefix = prefix.empty() ? "" : prefix + " ";
  switch (expr.literal_kind) {
    case LiteralKind::kNull: return "NULL";
    case LiteralKind::kTrue: return Keyword("TRUE");
    case LiteralKind::kFalse: return Keyword("FALSE");
    case LiteralKind::kInteger:
    case LiteralKind::kDecimal:
    case LiteralKind::kFloat:
      return expr.text;
    case LiteralKind::kString: return prefix + QuoteString(expr.text);
    case LiteralKind::kHexString: {
      if (ViewFormCharset() && prefix.empty() && !expr.text.empty()) {
        std::string out = "0x";
        for (char c : expr.text) {
          auto byte = static_cast<unsigned char>(c);
          out.push_back(kLowerHexDigits[byte >> 4]);
          out.push_back(kLowerHexDigits[byte & 15]);
        }
        return out;
      }
      std::string out = spaced_prefix + "X'";
      for (char c : expr.text) {
        auto byte = static_cast<unsigned char>(c);
        out.push_back(kHexDigits[byte >> 4]);
        out.push_back(kHexDigits[byte & 15]);
      }
      return out + "'";
    }
    case LiteralKind::kBitString: {
      std::string out = spaced_prefix + "b'";
      for (char c : expr.text) {
        for (int bit = 7; bit >= 0; --bit) {
          out.push_back(((static_cast<unsigned char>(c) >> bit) & 1) != 0 ? '1' : '0');
        }
      }
      return out + "'";
    }
    case LiteralKind::kDate: return Keyword("DATE") + " " + QuoteString(expr.text);
    case LiteralKind::kTime: return Keyword("TIME") + " " + QuoteString(expr.text);
    case LiteralKind::kTimestamp: return Keyword("TIMESTAMP") + " " + QuoteString(expr.text);
  }
  return "NULL";
}

std::string PrintVariable(const Expr& expr) {
  switch (expr.scope) {
    case VariableScope::kUser: return "@" + QuoteIdentifier(expr.text);
    case VariableScope::kDefault: return "@@" + QuoteIdentifier(expr.text);
    case VariableScope::kSession: return "@@session." + QuoteIdentifier(expr.text);
    case VariableScope::kGlobal: return "@@global." + QuoteIdentifier(expr.text);
    case VariableScope::kPersist: return "@@persist." + QuoteIdentifier(expr.text);
    case VariableScope::kPersistOnly: return "@@persist_only." + QuoteIdentifier(expr.text);
  }
  return "";
}

std::string PrintUnary(const Expr& expr) {
  const std::string operand = ToSql(*expr.args[0]);
  switch (expr.op) {
    case Operator::kNot:
      return ViewFormCharset() ? "(not(" + operand + "))" : "(NOT " + operand + ")";
    case Operator::kBinary: return "(" + Keyword("BINARY") + " " + operand + ")";
    default: return OperatorText(expr.op) + "(" + operand + ")";
  }
}

std::string FunctionName(const std::string& name) {
  bool bare = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (char c : name) bare = bare && IsIdentifierByte(c);
  if (bare && IsReservedWord(name) && !IsReservedFunctionName(name)) bare = false;
  if (!bare) return QuoteIdentifier(name);
  return ViewFormCharset() ? ToLowerAscii(name) : name;
}

bool IsUnitArgument(const Expr& expr) {
  return expr.kind == ExprKind::kLiteral && expr.literal_kind == LiteralKind::kString &&
         expr.detail().charset_introducer.empty() && !expr.text.empty();
}

std::string PrintFunction(const Expr& expr) {
  std::string upper = ToUpperAscii(expr.text);
  std::string name = FunctionName(expr.text);
  if (!expr.database.empty()) name = QuoteIdentifier(expr.database) + "." + QuoteIdentifier(expr.text);
  const auto& args = expr.args;
  if ((upper == "EXTRACT" || upper == "TIMESTAMPADD" || upper == "TIMESTAMPDIFF" ||
       upper == "GET_FORMAT") &&
      args.size() >= 2 && IsUnitArgument(*args[0])) {
    std::string out = name + "(" + Keyword(args[0]->text) +
                      (upper == "EXTRACT" ? " " + Keyword("FROM") + " " : ListSeparator());
    for (size_t index = 1; index < args.size(); ++index) {
      out += (index > 1 ? ListSeparator() : "") + ToSql(*args[index]);
    }
    return out + ")";
  }
  if (upper == "JSON_VALUE" && args.size() == 4) {
    std::string out = name + "(" + ToSql(*args[0]) + ListSeparator() + ToSql(*args[1]);
    const ExprDetail& detail = expr.detail();
    if (!detail.cast_type.name.empty()) out += " " + Keyword("RETURNING") + " " + ToSql(detail.cast_type);
    const std::string* modes[2] = {&detail.on_empty, &detail.on_error};
    for (int which = 0; which < 2; ++which) {
      if (modes[which]->empty()) continue;
      out += " " + Keyword(*modes[which]);
      if (*modes[which] == "DEFAULT") out += " " + ToSql(*args[2 + which]);
      out += " " + Keyword(which == 0 ? "ON EMPTY" : "ON ERROR");
    }
    return out + ")";
  }
  if (upper == "WEIGHT_STRING" && args.size() == 1 && !expr.detail().cast_type.name.empty()) {
    const DataType& type = expr.detail().cast_type;
    return name + "(" + ToSql(*args[0]) + " " + Keyword("AS") + " " +
           Keyword(type.name == "binary" ? "BINARY" : "CHAR") + "(" +
           std::to_string(type.length.value_or(1)) + "))";
  }
  if (upper == "MEMBER OF" && args.size() == 2) {
    return "(" + ToSql(*args[0]) + " " + Keyword("MEMBER OF") + " (" + ToSql(*args[1]) + "))";
  }
  if (upper == "POSITION" && args.size() == 2) {
    return name + "(" + ToSql(*args[0]) + " " + Keyword("IN") + " " + ToSql(*args[1]) + ")";
  }
  if (upper == "TRIM" && (args.size() == 2 || (args.size() == 3 && IsUnitArgument(*args[2])))) {
    std::string mode = args.size() == 3 ? Keyword(args[2]->text) + " " : "";
    return name + "(" + mode + ToSql(*args[1]) + " " + Keyword("FROM") + " " + ToSql(*args[0]) + ")";
  }
  // MySQL keeps COUNT(*) of a view as count(0).
  if (expr.star && !expr.over) return name + (ViewFormCharset() ? "(0)" : "(*)");
  if (expr.star) return name + "(*) " + Keyword("OVER") + " " + PrintWindowSpec(*expr.over);
  // (a stored function of a built-in's name keeps the space that makes it one)
  std::string out = name + (expr.detail().stored_name ? " (" : "(") + (expr.distinct ? Keyword("DISTINCT") + " " : "");
  out += JoinExprs(args);
  if (!expr.detail().function_order_by.empty()) {
    out += " " + Keyword("ORDER BY") + " ";
    for (size_t index = 0; index < expr.detail().function_order_by.size(); ++index) {
      if (index > 0) out += ListSeparator();
      out += ToSql(*expr.detail().function_order_by[index].first);
      if (expr.detail().function_order_by[index].second) {
        out += " DESC";
      } else if (ViewFormCharset()) {
        out += " ASC";
      }
    }
  }
  if (expr.detail().has_separator) out += " " + Keyword("SEPARATOR") + " " + QuoteString(expr.detail().separator);
  out += ")";
  if (expr.over) out += " " + Keyword("OVER") + " " + PrintWindowSpec(*expr.over);
  return out;
}

std::string PrintPredicate(const Expr& expr) {
  std::string left = ToSql(*expr.args[0]);
  std::string negation = expr.negated ? " " + Keyword("NOT") : "";
  switch (expr.kind) {
    case ExprKind::kIn: {
      std::string list;
      if (expr.subquery) {
        list = ToSql(*expr.subquery);
      } else {
        for (size_t index = 1; index < expr.args.size(); ++index) {
          list += (index > 1 ? ListSeparator() : "") + ToSql(*expr.args[index]);
        }
      }
      return "(" + left + negation + " " + Keyword("IN") + " (" + list + "))";
    }
    case ExprKind::kBetween:
      return "(" + left + negation + " " + Keyword("BETWEEN") + " " + ToSql(*expr.args[1]) + " " +
             Keyword("AND") + " " + ToSql(*expr.args[2]) + ")";
    case ExprKind::kLike: {
      std::string escape =
          expr.args.size() > 2 ? " " + Keyword("ESCAPE") + " " + ToSql(*expr.args[2]) : "";
      return "(" + left + negation + " " + Keyword("LIKE") + " " + ToSql(*expr.args[1]) + escape +
             ")";
    }
    case ExprKind::kRegexp:
      return "(" + left + negation + " " + Keyword("REGEXP") + " " + ToSql(*expr.args[1]) + ")";
    case ExprKind::kIsNull:
      return "(" + left + " " + Keyword("IS") + negation + " " + Keyword("NULL") + ")";
    case ExprKind::kIsBool: {
      std::string value = expr.is_value == LiteralKind::kTrue    ? "TRUE"
                          : expr.is_value == LiteralKind::kFalse ? "FALSE"
                                                                 : "UNKNOWN";
      return "(" + left + " " + Keyword("IS") + negation + " " + Keyword(value) + ")";
    }
    default:
      return left;
  }
}

std::string PrintCase(const Expr& expr) {
  std::string out = Keyword("CASE");
  if (expr.case_operand) out += " " + ToSql(*expr.case_operand);
  for (size_t index = 0; index + 1 < expr.args.size(); index += 2) {
    out += " " + Keyword("WHEN") + " " + ToSql(*expr.args[index]) + " " + Keyword("THEN") + " " +
           ToSql(*expr.args[index + 1]);
  }
  if (expr.else_expr) out += " " + Keyword("ELSE") + " " + ToSql(*expr.else_expr);
  out += " " + Keyword("END");
  return ViewFormCharset() ? "(" + out + ")" : out;
}

}  // namespace

std::string JoinExprs(const std::vector<ExprPtr>& exprs) {
  std::string out;
  for (size_t index = 0; index < exprs.size(); ++index) {
    if (index > 0) out += ListSeparator();
    out += ToSql(*exprs[index]);
  }
  return out;
}

std::string PrintWindowSpec(const WindowSpec& spec) {
  if (spec.name_only) return QuoteIdentifier(spec.base);
  std::string out;
  auto add = [&](const std::string& part) { out += (out.empty() ? "" : " ") + part; };
  if (!spec.base.empty()) add(QuoteIdentifier(spec.base));
  if (!spec.partition.empty()) add(Keyword("PARTITION BY") + " " + JoinExprs(spec.partition));
  if (!spec.order.empty()) {
    std::string order = Keyword("ORDER BY") + " ";
    for (size_t index = 0; index < spec.order.size(); ++index) {
      if (index > 0) order += ListSeparator();
      order += ToSql(*spec.order[index].first);
      if (spec.order[index].second) order += " " + Keyword("DESC");
    }
    add(order);
  }
  if (spec.unit != WindowSpec::Unit::kNone) {
    auto bound = [](const WindowSpec::Bound& edge) -> std::string {
      switch (edge.edge) {
        case WindowSpec::Edge::kUnboundedPreceding: return Keyword("UNBOUNDED PRECEDING");
        case WindowSpec::Edge::kPreceding: return ToSql(*edge.offset) + " " + Keyword("PRECEDING");
        case WindowSpec::Edge::kCurrentRow: return Keyword("CURRENT ROW");
        case WindowSpec::Edge::kFollowing: return ToSql(*edge.offset) + " " + Keyword("FOLLOWING");
        case WindowSpec::Edge::kUnboundedFollowing: return Keyword("UNBOUNDED FOLLOWING");
      }
      return "";
    };
    std::string frame = Keyword(spec.unit == WindowSpec::Unit::kRows ? "ROWS" : "RANGE") + " ";
    frame += spec.between ? Keyword("BETWEEN") + " " + bound(spec.start) + " " + Keyword("AND") +
                                " " + bound(spec.end)
                          : bound(spec.start);
    add(frame);
  }
  return "(" + out + ")";
}

std::string QuoteIdentifier(std::string_view name) {
  std::string out = "`";
  for (char c : name) {
    if (c == '`') out.push_back('`');
    out.push_back(c);
  }
  return out + "`";
}

std::string QuoteString(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    switch (c) {
      case '\'': out += "\\'"; break;
      case '\\': out += "\\\\"; break;
      case '\0': out += "\\0"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\x1a': out += "\\Z"; break;
      default: out.push_back(c); break;
    }
  }
  return out + "'";
}

std::string ToSql(const DataType& type) {
  const bool view_form = ViewFormCharset() != nullptr;
  std::string out = view_form ? ToLowerAscii(type.name) : type.name;
  // In the view form a cast to CHAR or BINARY names the character set it converts to.
  std::string charset = type.charset;
  if (view_form && (out == "char" || out == "binary") && charset.empty()) {
    charset = out == "binary" ? "binary" : *ViewFormCharset();
    out = "char";
  }
  if (!type.values.empty()) {
    out += "(";
    for (size_t index = 0; index < type.values.size(); ++index) {
      out += (index > 0 ? "," : "") + QuoteString(type.values[index]);
    }
    out += ")";
  } else if (type.length) {
    out += "(" + std::to_string(*type.length);
    if (type.scale) out += "," + std::to_string(*type.scale);
    out += ")";
  }
  if (type.is_unsigned && type.name != "unsigned") out += " " + Keyword("UNSIGNED");
  if (type.zerofill) out += " " + Keyword("ZEROFILL");
  if (type.binary && type.name != "binary") out += " " + Keyword("BINARY");
  if (view_form) {
    if (!charset.empty()) out += " charset " + charset;
    if (!type.collation.empty()) out += " collate " + type.collation;
    return out;
  }
  if (!charset.empty()) out += " CHARACTER SET " + QuoteIdentifier(charset);
  if (!type.collation.empty()) out += " COLLATE " + QuoteIdentifier(type.collation);
  return out;
}

namespace {

std::string PrintExpr(const Expr& expr);

}  // namespace

namespace {

// While alive, the printer writes the view form (never cached: a PrintCache holds the other
// form's texts).
class ViewForm {
 public:
  explicit ViewForm(const std::string& charset)
      : charset_before_(view_form_charset), cache_before_(active_print_cache) {
    view_form_charset = &charset;
    active_print_cache = nullptr;
  }
  ~ViewForm() {
    view_form_charset = charset_before_;
    active_print_cache = cache_before_;
  }
  ViewForm(const ViewForm&) = delete;
  ViewForm& operator=(const ViewForm&) = delete;

 private:
  const std::string* charset_before_;
  PrintCache* cache_before_;
};

}  // namespace

std::string ToViewText(const SelectStatement& select, const std::string& charset) {
  ViewForm form(charset);
  return ToSql(static_cast<const Statement&>(select));
}

std::string ToItemText(const Expr& expr, const std::string& charset) {
  ViewForm form(charset);
  return ToSql(expr);
}

std::string ToSqlNumberingParameters(const Statement& statement) {
  PrintCache* cache = std::exchange(active_print_cache, nullptr);
  bool numbering = std::exchange(number_parameters, true);
  std::string text = ToSql(statement);
  number_parameters = numbering;
  active_print_cache = cache;
  return text;
}

std::string ToSqlNumberingParameters(const Expr& expr) {
  // Cached texts hold plain `?`s: not used while numbering.
  PrintCache* cache = std::exchange(active_print_cache, nullptr);
  bool numbering = std::exchange(number_parameters, true);
  std::string text = ToSql(expr);
  number_parameters = numbering;
  active_print_cache = cache;
  return text;
}

PrintCache::Use::Use(PrintCache& cache) : previous_(active_print_cache) {
  active_print_cache = &cache;
}

PrintCache::Use::~Use() { active_print_cache = previous_; }

std::string ToSql(const Expr& expr) {
  PrintCache* cache = active_print_cache;
  if (cache == nullptr) return PrintExpr(expr);
  auto found = cache->texts_.find(&expr);
  if (found != cache->texts_.end()) return found->second;
  std::string text = PrintExpr(expr);
  cache->texts_.emplace(&expr, text);
  return text;
}

namespace {

std::string PrintExpr(const Expr& expr) {
  switch (expr.kind) {
    case ExprKind::kLiteral: return PrintLiteral(expr);
    case ExprKind::kColumnRef: {
      std::string out;
      if (!expr.database.empty()) out += QuoteIdentifier(expr.database) + ".";
      if (!expr.table.empty()) out += QuoteIdentifier(expr.table) + ".";
      return out + (expr.column == "*" ? "*" : QuoteIdentifier(expr.column));
    }
    case ExprKind::kVariable: return PrintVariable(expr);
    case ExprKind::kParameter:
      return number_parameters ? "?" + std::to_string(expr.param_index) : std::string("?");
    case ExprKind::kUnary: return PrintUnary(expr);
    case ExprKind::kBinary:
      // `||` means OR outside PIPES_AS_CONCAT, and printed text is read back in any mode
      // (stored DEFAULT expressions): write the concatenation as MySQL does, as CONCAT().
      if (expr.op == Operator::kConcat) {
        return Keyword("CONCAT") + "(" + ToSql(*expr.args[0]) + ListSeparator() +
               ToSql(*expr.args[1]) + ")";
      }
      // (`&&` is written back as such, save in MySQL's view form)
      return "(" + ToSql(*expr.args[0]) + " " +
             (expr.op == Operator::kAnd && expr.text == "&&" && !ViewFormCharset() ? std::string("&&")
                                                                                : OperatorText(expr.op)) +
             " " + ToSql(*expr.args[1]) + ")";
    case ExprKind::kFunction: return PrintFunction(expr);
    case ExprKind::kCase: return PrintCase(expr);
    case ExprKind::kIn:
    case ExprKind::kBetween:
    case ExprKind::kLike:
    case ExprKind::kRegexp:
    case ExprKind::kIsNull:
    case ExprKind::kIsBool:
      return PrintPredicate(expr);
    case ExprKind::kSubquery: return "(" + ToSql(*expr.subquery) + ")";
    case ExprKind::kQuantified:
      return "(" + ToSql(*expr.args[0]) + " " + OperatorText(expr.op) + " " + Keyword(expr.text) +
             " (" + ToSql(*expr.subquery) + "))";
    case ExprKind::kExists:
      if (ViewFormCharset()) {
        std::string exists = "exists(" + ToSql(*expr.subquery) + ")";
        return expr.negated ? "(not(" + exists + "))" : exists;
      }
      return std::string(expr.negated ? "(NOT EXISTS (" : "(EXISTS (") + ToSql(*expr.subquery) +
             "))";
    case ExprKind::kCast:
      return Keyword("CAST") + "(" + ToSql(*expr.args[0]) + " " + Keyword("AS") + " " +
             ToSql(expr.detail().cast_type) + ")";
    case ExprKind::kConvertUsing:
      if (expr.detail().char_using && expr.args[0]->kind == ExprKind::kFunction) {
        return expr.args[0]->text + "(" + JoinExprs(expr.args[0]->args) + " " + Keyword("USING") + " " +
               QuoteIdentifier(expr.text) + ")";
      }
      return Keyword("CONVERT") + "(" + ToSql(*expr.args[0]) + " " + Keyword("USING") + " " +
             QuoteIdentifier(expr.text) + ")";
    case ExprKind::kCollate:
      return "(" + ToSql(*expr.args[0]) + " " + Keyword("COLLATE") + " " +
             QuoteIdentifier(expr.text) + ")";
    case ExprKind::kInterval:
      return Keyword("INTERVAL") + " " + ToSql(*expr.args[0]) + " " + Keyword(expr.text);
    case ExprKind::kRow: return Keyword("ROW") + "(" + JoinExprs(expr.args) + ")";
    case ExprKind::kDefault:
      return expr.args.empty() ? "DEFAULT" : "DEFAULT(" + ToSql(*expr.args[0]) + ")";
    case ExprKind::kMatch: {
      std::string modifier = expr.detail().match_modifier.empty() ? "" : " " + expr.detail().match_modifier;
      return "(MATCH (" + JoinExprs(expr.args) + ") AGAINST (" + ToSql(*expr.detail().against) +
             modifier + "))";
    }
  }
  return "NULL";
}

}  // namespace

}  // namespace porpoise::sql
