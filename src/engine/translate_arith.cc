// Typed arithmetic, comparison and conversion: MySQL's result-type rules for + - * / DIV MOD,
// the comparison type of two operands (1267 on an illegal mix of collations), and the
// conversions between physical forms the chosen implementation needs. Constants are bound
// parameters and are converted here, at translation time. (engine/)
#include <cmath>

#include "common/strings.h"
#include "engine/function_registry.h"
#include "engine/physical.h"
#include "engine/translator.h"
#include "sql/printer.h"
#include "types/temporal.h"

namespace porpoise::engine {

namespace {

// The physical representation class of a type (expr_type.h).
enum class Physical : uint8_t { kNull, kSigned, kUnsigned, kDecimal, kDouble, kText, kBlob };

Physical PhysicalOf(const ExprType& type) {
  switch (type.type) {
    case ValueType::kNull: return Physical::kNull;
    case ValueType::kInteger: return type.is_unsigned ? Physical::kUnsigned : Physical::kSigned;
    case ValueType::kYear: return Physical::kSigned;
    case ValueType::kBit: return Physical::kUnsigned;
    case ValueType::kDecimal: return Physical::kDecimal;
    case ValueType::kDouble:
    case ValueType::kFloat: return Physical::kDouble;
    case ValueType::kBinary: return Physical::kBlob;
    default: return Physical::kText;
  }
}


bool IsRealOperand(const ExprType& type) {
  return type.type == ValueType::kDouble || type.type == ValueType::kFloat ||
         type.type == ValueType::kString || type.type == ValueType::kBinary ||
         type.type == ValueType::kJson;
}

// The decimals an operand brings to DOUBLE arithmetic: 31 ("not fixed") for a DOUBLE without
// fixed decimals and for strings, the scale of an exact number.
uint32_t RealDecimals(const ExprType& type) {
  switch (type.type) {
    case ValueType::kDouble:
    case ValueType::kFloat: return std::min<uint32_t>(type.decimals, 31);
    case ValueType::kDecimal: return type.decimals < 31 ? type.decimals : 0;
    case ValueType::kString:
    case ValueType::kBinary:
    case ValueType::kJson: return 31;
    default: return 0;
  }
}

// Temporal operands take part in arithmetic as numbers: integers, or decimals with
// fractional seconds. A YEAR is an unsigned integer (MySQL's YEAR field is an unsigned
// TINYINT underneath), so 7 - year is 1690 as any unsigned subtraction below zero is.
ExprType ArithmeticView(const ExprType& type) {
  if (!IsTemporalType(type.type) && type.type != ValueType::kYear && type.type != ValueType::kBit) {
    return type;
  }
  // A date or time as a number has MySQL's decimal_precision of it: 8 digits for a DATE, 7
  // for a TIME, 14 for a DATETIME, and its fraction's.
  uint32_t digits = type.type == ValueType::kDate ? 8 : type.type == ValueType::kTime ? 7 : 14;
  if (type.decimals > 0 && type.decimals < 31 && type.type != ValueType::kDate) {
    return NumericType(ValueType::kDecimal, digits + type.decimals + 2, type.decimals);
  }
  uint32_t length = type.type == ValueType::kBit ? 20 : type.type == ValueType::kYear ? 4 : digits + 1;
  return NumericType(ValueType::kInteger, length, 0,
                     type.type == ValueType::kBit || type.type == ValueType::kYear);
}

// The name MySQL's 3156 gives a JSON value read as a number: its column's, or its function's.
std::string JsonSourceName(const BoundExpr& expr) {
  if (expr.type.column != nullptr) return expr.type.column->name;
  if (expr.kind == BoundKind::kCall && expr.name == "pp_json" && !expr.children.empty() &&
      expr.children[0]->constant && expr.children[0]->constant->kind == Value::Kind::kText) {
    const std::string& signature = expr.children[0]->constant->bytes;
    return signature.substr(0, signature.find('|'));
  }
  for (const BoundExprPtr& child : expr.children) {
    if (child->type.type == ValueType::kJson) return JsonSourceName(*child);
  }
  return "json";
}

std::string OperatorText(sql::Operator op) {
  switch (op) {
    case sql::Operator::kPlus: return "+";
    case sql::Operator::kMinus: return "-";
    case sql::Operator::kMul: return "*";
    case sql::Operator::kDiv: return "/";
    case sql::Operator::kIntDiv: return "DIV";
    default: return "%";
  }
}

uint8_t ScaleOf(const ExprType& type) {
  return type.type == ValueType::kDecimal && type.decimals < 31 ? type.decimals : 0;
}

// MySQL's decimal_precision() of any item: a number's digits, a date's or time's integer
// digits and its fraction's, anything else its characters (at most 65).
uint32_t MysqlDecimalPrecision(const ExprType& type) {
  switch (type.type) {
    case ValueType::kInteger:
    case ValueType::kDecimal:
    case ValueType::kYear:
      return DecimalPrecision(type);
    case ValueType::kTime: return type.decimals + 7u;
    case ValueType::kDateTime: return type.decimals + 14u;
    case ValueType::kDate: return 8;
    case ValueType::kNull: return 0;
    default: return std::min<uint32_t>(type.length, 65);
  }
}

// The decimals MySQL fixes for a type: none for a string, JSON or a DOUBLE without them.
std::optional<uint32_t> FixedDecimals(const ExprType& type) {
  switch (type.type) {
    case ValueType::kString:
    case ValueType::kBinary:
    case ValueType::kJson:
      return std::nullopt;
    case ValueType::kNull: return 0;
    default: break;
  }
  if (type.decimals >= 31) return std::nullopt;
  return type.decimals;
}

// The digits before the point MySQL counts for a dividend: its precision less its fixed
// decimals.
uint32_t IntegerDigitsOf(const ExprType& type) {
  uint32_t precision = MysqlDecimalPrecision(type);
  uint32_t decimals = FixedDecimals(type).value_or(0);
  return precision > decimals ? precision - decimals : 0;
}

}  // namespace

ExprType TypeOf(ValueType type, uint32_t length, uint8_t decimals) {
  ExprType result;
  result.type = type;
  result.length = length;
  result.decimals = decimals;
  // (a function's string result binds as a literal does, a binary one included: UNHEX's
  // bytes beside a string make the result binary)
  if (type == ValueType::kString || type == ValueType::kBinary) {
    result.coercibility = Coercibility::kCoercible;
  }
  return result;
}

ExprType NumericType(ValueType type, uint32_t length, uint8_t decimals, bool is_unsigned) {
  ExprType result;
  result.type = type;
  result.length = length;
  result.decimals = decimals;
  result.is_unsigned = is_unsigned;
  result.coercibility = Coercibility::kNumeric;
  return result;
}

bool IsStringType(ValueType type) {
  return type == ValueType::kString || type == ValueType::kDate || type == ValueType::kDateTime ||
         type == ValueType::kTime || type == ValueType::kJson;
}

bool IsNumericType(ValueType type) {
  return type == ValueType::kInteger || type == ValueType::kDecimal ||
         type == ValueType::kDouble || type == ValueType::kFloat || type == ValueType::kYear;
}

bool IsTemporalType(ValueType type) {
  return type == ValueType::kDate || type == ValueType::kDateTime || type == ValueType::kTime;
}

uint32_t DecimalPrecision(const ExprType& type) {
  if ((type.type == ValueType::kInteger || type.type == ValueType::kDecimal) && type.digits != 0) {
    return type.digits;
  }
  if (type.type == ValueType::kYear) return 4;  // an unsigned field of four positions to MySQL
  uint32_t scale = ScaleOf(type);
  uint32_t length = type.length;
  uint32_t overhead = (scale > 0 ? 1 : 0) + (type.is_unsigned ? 0 : 1);
  uint32_t precision = length > overhead ? length - overhead : 1;
  // (MySQL caps none below DECIMAL's 65)
  return std::clamp<uint32_t>(precision, std::max<uint32_t>(scale, 1), 65);
}

uint32_t DecimalLength(uint32_t precision, uint32_t scale, bool is_unsigned) {
  return precision + (scale > 0 ? 1 : 0) + (is_unsigned ? 0 : 1);
}

std::string TranslatorContext::SubStatementParameter(size_t index) {
  parameters.push_back(Value::Integer(static_cast<int64_t>(index)));
  sub_statement_parameters.push_back(parameters.size() - 1);
  return "?" + std::to_string(parameter_offset + parameters.size());
}

std::string TranslatorContext::Parameter(const Value& value, int32_t shape_literal) {
  if (shape_literals == nullptr) {
    if (value.is_null()) return "NULL";
    return "?" + std::to_string(parameter_offset +
                                AddOrReuse(parameters, value, &sub_statement_parameters) + 1);
  }
  // A shape's: each value its own parameter, so one literal's can be replaced alone.
  const bool literal = shape_literal >= 0 && static_cast<size_t>(shape_literal) < shape_slots.size();
  if (value.is_null()) {
    if (literal) ShapeLiteralUnusable(shape_literal);
    return "NULL";
  }
  parameters.push_back(value);
  if (literal) {
    int64_t& slot = shape_slots[static_cast<size_t>(shape_literal)];
    bool same = SameValue(value, shape_values[static_cast<size_t>(shape_literal)]);
    if (!same) {
      slot = kShapeUnusable;
    } else if (slot == kShapeUnwritten) {
      slot = static_cast<int64_t>(parameters.size() - 1);
    } else if (slot >= 0) {
      shape_extra_slots.emplace_back(shape_literal, parameters.size() - 1);
    }
  }
  return "?" + std::to_string(parameter_offset + parameters.size());
}

void TranslatorContext::ShapeLiteralUnusable(int32_t index) {
  if (index >= 0 && static_cast<size_t>(index) < shape_slots.size()) {
    shape_slots[static_cast<size_t>(index)] = kShapeUnusable;
  }
}

std::string Translator::SourceText(const sql::Expr& expr) {
  // A MySQL error message holds at most 512 bytes (MYSQL_ERRMSG_SIZE): longer text is cut
  // there, which also keeps the texts of a deeply nested expression linear in its size.
  constexpr size_t kMessageBytes = 512;
  sql::PrintCache::Use use(print_cache_);
  std::string text = sql::ToSql(expr);
  if (text.size() > kMessageBytes) {
    size_t end = kMessageBytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xc0) == 0x80) --end;
    text.resize(end);
  }
  return text;
}

BoundExpr Translator::Constant(Value value, ExprType type) {
  return BoundExpr::Constant(std::move(value), std::move(type));
}

BoundExpr Translator::EnumOrdinal(BoundExpr expr) {
  const catalog::ColumnSchema* column = expr.type.column;
  if (expr.kind != BoundKind::kColumn || column == nullptr ||
      (column->type_class != catalog::TypeClass::kEnum && column->type_class != catalog::TypeClass::kSet)) {
    return expr;
  }
  bool set = column->type_class == catalog::TypeClass::kSet;
  // The labels, each followed by a zero byte.
  std::string labels;
  for (const std::string& label : column->type.values) {
    labels += label;
    labels += '\0';
  }
  ExprType type = NumericType(ValueType::kInteger, set ? 20 : 5, 0, /*is_unsigned=*/true);
  type.not_null = expr.type.not_null;
  return BoundExpr::Call("pp_enum_ordinal",
                         {std::move(expr), BoundExpr::Constant(Value::Blob(std::move(labels)), TypeOf(ValueType::kBinary, 0)),
                          IntegerConstant(set ? 1 : 0)},
                         type);
}

namespace {

// Whether text of `from` is read as the number `to` without a warning (ExprType::quiet_number).
bool QuietNumber(const ExprType& from, const ExprType& to) {
  return from.quiet_number && (from.type == ValueType::kString || from.type == ValueType::kBinary) &&
         (to.type == ValueType::kInteger || to.type == ValueType::kDecimal ||
          to.type == ValueType::kDouble || to.type == ValueType::kFloat) &&
         !to.integer_cast;
}

// The positions of a CASE's values (its THENs and its ELSE).
std::vector<size_t> CaseValuePositions(const BoundExpr& expr) {
  std::vector<size_t> positions;
  const size_t end = expr.children.size() - (expr.case_else ? 1 : 0);
  for (size_t i = (expr.case_operand ? 1 : 0) + 1; i < end; i += 2) positions.push_back(i);
  if (expr.case_else && !expr.children.empty()) positions.push_back(expr.children.size() - 1);
  return positions;
}

// Whether IF, CASE or NULLIF (a CASE here) returns text that may be a date or a time's: a
// value of its is a DATE, DATETIME or TIME merged with text.
bool TextOfTemporalValues(const BoundExpr& expr) {
  if (expr.kind != BoundKind::kCase ||
      (expr.type.type != ValueType::kString && expr.type.type != ValueType::kBinary)) {
    return false;
  }
  for (size_t i : CaseValuePositions(expr)) {
    if (IsTemporalType(expr.children[i]->type.type)) return true;
  }
  return false;
}

// A constant compared with a DATE or DATETIME, as the value it names: MySQL compares the two
// as DATETIMEs with all their digits (Arg_comparator::compare_datetime), so a time of day
// beside a DATE, or fraction digits past a DATETIME's, are not cut away ('2024-02-29
// 10:00:00' is after DATE '2024-02-29', '12:34:56.4' after a DATETIME's 12:34:56). The text
// of the constant's DATETIME(6) value, with the fraction digits it needs and no fewer than
// `common` has, compares with the other side's text as the two values compare (the shorter
// text is the lesser where one begins the other); none where `converted`, the constant in
// `common`, is that value already.
std::optional<Value> ExactTemporalText(const Value& constant, const ExprType& from,
                                       const ExprType& common, const Value& converted,
                                       const types::DateChecks& dates) {
  if ((common.type != ValueType::kDate && common.type != ValueType::kDateTime) ||
      converted.kind != Value::Kind::kText) {
    return std::nullopt;
  }
  std::vector<Status> ignored;
  ConversionContext quiet{&ignored};
  quiet.dates = dates;
  Value exact = ConvertValue(constant, from, TypeOf(ValueType::kDateTime, 26, 6), quiet);
  if (exact.kind != Value::Kind::kText || exact.bytes.size() < 19) return std::nullopt;
  std::string text = exact.bytes;
  size_t dot = text.find('.', 19);
  if (dot != std::string::npos) {
    size_t last = text.find_last_not_of('0');
    text.resize(last == dot ? dot : last + 1);
  }
  const size_t digits = dot == std::string::npos || text.size() <= dot ? 0 : text.size() - dot - 1;
  if (common.type == ValueType::kDate) {
    if (digits == 0 && text.compare(10, std::string::npos, " 00:00:00") == 0) return std::nullopt;
    return Value::Text(std::move(text));
  }
  const size_t fsp = common.decimals <= 6 ? common.decimals : 6;
  if (digits <= fsp) return std::nullopt;
  return Value::Text(std::move(text));
}

}  // namespace

BoundExpr Translator::Convert(BoundExpr expr, const ExprType& to) {
  // IF, CASE and NULLIF read as a number ask the value they take for it (MySQL's
  // Item_func_if::val_real, Item_func_case::val_int, ...): a date or time among values
  // merged as text is its number, the text's number the text's (IF(c, DATE '2024-02-29',
  // 'x') + 0 is 20240229 or 0).
  if (IsNumericType(to.type) && !IsTemporalType(to.type) && to.type != ValueType::kYear &&
      to.type != ValueType::kBit && TextOfTemporalValues(expr)) {
    const bool not_null = expr.type.not_null;
    for (size_t i : CaseValuePositions(expr)) {
      expr.children[i] = std::make_shared<const BoundExpr>(ConvertPerRow(*expr.children[i], to));
    }
    expr.type = to;
    expr.type.not_null = not_null;
    return expr;
  }
  // An average of exact values read as a DOUBLE is its sum's DOUBLE over the count, as
  // MySQL's Item_sum_avg::val_real divides, not the DECIMAL average's nearest DOUBLE.
  if ((to.type == ValueType::kDouble || to.type == ValueType::kFloat) && expr.kind == BoundKind::kCall &&
      expr.name == "pp_avg_div" && expr.children.size() == 4) {
    const bool not_null = expr.type.not_null;
    expr.Add(IntegerConstant(1));
    expr.type = to;
    expr.type.not_null = not_null;
    return expr;
  }
  if (to.type == ValueType::kTime && expr.type.datetime_text) {
    // The date a date function wrote as text, not its text read as a TIME.
    expr = Convert(std::move(expr), TypeOf(ValueType::kDateTime, 26, 6));
  }
  // A hex or bit literal read as a number is the number its bytes make (X'40' is 64).
  if (expr.type.hex_literal && IsNumericType(to.type) && to.type != ValueType::kBit) {
    expr = NumericLiteral(std::move(expr));
  }
  if (expr.type.temporal_text && to.type != ValueType::kYear &&
      (IsNumericType(to.type) || IsTemporalType(to.type))) {
    return TemporalTextAs(std::move(expr), to);
  }
  if (IsNumericType(to.type) && !IsTemporalType(to.type)) expr = EnumOrdinal(std::move(expr));
  if (QuietNumber(expr.type, to)) {
    if (expr.constant) {
      ConversionContext quiet;
      return Constant(ConvertValue(*expr.constant, expr.type, to, quiet), to);
    }
    return RuntimeConversion("pp_conv_quiet", std::move(expr), to);
  }
  Physical from_class = PhysicalOf(expr.type);
  Physical to_class = PhysicalOf(to);
  bool not_null = expr.type.not_null;
  // A DATE, DATETIME or TIME is its canonical text: anything else is read as one.
  bool temporal = IsTemporalType(to.type) &&
                  (expr.type.type != to.type ||
                   (to.type != ValueType::kDate && expr.type.decimals != to.decimals));
  if ((from_class == to_class && !temporal) || from_class == Physical::kNull) {
    bool aggregate = expr.aggregate;
    expr.type = to;
    expr.type.not_null = not_null && from_class != Physical::kNull;
    expr.aggregate = aggregate;
    return expr;
  }
  if (expr.constant) {
    ConversionContext conversion{&context_.warnings};
    BoundExpr result = Constant(ConvertValue(*expr.constant, expr.type, to, conversion), to);
    return result;
  }
  bool numeric = to.type == ValueType::kInteger || to.type == ValueType::kDecimal ||
                 to.type == ValueType::kDouble || to.type == ValueType::kFloat;
  if (expr.type.type == ValueType::kJson && numeric) {
    // JSON read as a number: what is no number warns 3156, naming where the value came from.
    ExprType type = to;
    type.not_null = expr.type.not_null;
    std::string source = JsonSourceName(expr);
    return BoundExpr::Call("pp_json_number",
                           {std::move(expr), IntegerConstant(TypeCode(to)), TextConstant(std::move(source))},
                           type);
  }
  return RuntimeConversion("pp_conv", std::move(expr), to);
}

// The date, datetime or time a date function wrote as text, read by its shape, as `to`: a
// number is its number (CAST AS SIGNED reads the text instead), a time where a datetime is
// wanted is on today's date.
BoundExpr Translator::TemporalTextAs(BoundExpr expr, const ExprType& to) {
  ExprType type = to;
  type.not_null = expr.type.not_null;
  return BoundExpr::Call("pp_temporal_text", {std::move(expr), IntegerConstant(TypeCode(to))}, type);
}

BoundExpr Translator::RuntimeConversion(std::string_view function, BoundExpr expr, const ExprType& to) {
  ExprType type = to;
  type.not_null = expr.type.not_null;
  int64_t from_code = TypeCode(expr.type);
  return BoundExpr::Call(function, {std::move(expr), IntegerConstant(from_code), IntegerConstant(TypeCode(to))},
                         type);
}

BoundExpr Translator::ConvertPerRow(BoundExpr expr, const ExprType& to) {
  if (expr.constant && PhysicalOf(expr.type) != PhysicalOf(to) && PhysicalOf(expr.type) != Physical::kNull &&
      !QuietNumber(expr.type, to)) {
    std::vector<Status> warnings;
    ConversionContext conversion{&warnings};
    Value folded = ConvertValue(*expr.constant, expr.type, to, conversion);
    if (warnings.empty()) return Constant(std::move(folded), to);
    // (the constant stays a parameter of the call, which itself is no constant)
    return RuntimeConversion("pp_conv_row", std::move(expr), to);
  }
  return Convert(std::move(expr), to);
}

BoundExpr Translator::ConvertDateText(BoundExpr expr, const ExprType& to, bool fold,
                                      const types::DateChecks* given) {
  if (expr.type.temporal_text && (to.type == ValueType::kDate || to.type == ValueType::kDateTime)) {
    return TemporalTextAs(std::move(expr), to);
  }
  // (a FLOAT as the DOUBLE it holds, as MySQL's Field_float::get_date reads its val_real:
  // its date from all its digits, and a warning quoting them)
  if (expr.type.type == ValueType::kFloat && (to.type == ValueType::kDate || to.type == ValueType::kDateTime)) {
    ExprType real = TypeOf(ValueType::kDouble, 23, 31);
    real.not_null = expr.type.not_null;
    expr = Convert(std::move(expr), real);
  }
  // (a number's date is read by the same rules: CAST(20240010 AS DATE) is 2024-00-10)
  bool text = expr.type.type == ValueType::kString || expr.type.type == ValueType::kBinary ||
              (IsNumericType(expr.type.type) && !IsTemporalType(expr.type.type));
  if (!text || (to.type != ValueType::kDate && to.type != ValueType::kDateTime)) {
    return Convert(std::move(expr), to);
  }
  const types::DateChecks& mode = context_.sql_mode_dates;
  // A number is read without NO_ZERO_DATE: DATE(0) is the zero date under it.
  bool number = IsNumericType(expr.type.type);
  types::DateChecks checks = given != nullptr
                                 ? *given
                                 : types::DateChecks{mode.zero_date || number, true, mode.invalid_days,
                                                     /*quiet_date_fraction=*/true};
  if (expr.constant && fold) {
    ConversionContext conversion{&context_.warnings, checks};
    return Constant(ConvertValue(*expr.constant, expr.type, to, conversion), to);
  }
  return DateConversion(std::move(expr), to, checks, /*compared=*/false);
}

BoundExpr Translator::DateConversion(BoundExpr expr, const ExprType& to, types::DateChecks checks,
                                     bool compared, const std::string& beside) {
  ExprType type = to;
  type.not_null = compared && expr.type.not_null;
  int64_t from_code = TypeCode(expr.type);
  std::vector<BoundExpr> args;
  args.push_back(std::move(expr));
  args.push_back(IntegerConstant(from_code));
  args.push_back(IntegerConstant(TypeCode(to)));
  args.push_back(IntegerConstant(DateChecksCode(checks)));
  if (compared) args.push_back(IntegerConstant(1));
  if (compared && !beside.empty()) args.push_back(TextConstant(beside));
  return BoundExpr::Call("pp_conv", std::move(args), type);
}

BoundExpr Translator::NumericLiteral(BoundExpr expr) {
  if (!expr.type.hex_literal || !expr.constant || expr.constant->kind != Value::Kind::kBlob) return expr;
  uint64_t number = 0;
  for (unsigned char byte : expr.constant->bytes) number = (number << 8) | byte;
  ExprType type = NumericType(ValueType::kInteger, 21, 0, /*is_unsigned=*/true);
  type.not_null = true;
  return BoundExpr::Constant(EncodeUnsigned(number), type);
}

Result<BoundExpr> Translator::TranslateArithmetic(sql::Operator op, BoundExpr left,
                                                       BoundExpr right,
                                                       const sql::Expr& expr) {
  left = NumericLiteral(std::move(left));
  right = NumericLiteral(std::move(right));
  ExprType a = ArithmeticView(left.type);
  ExprType b = ArithmeticView(right.type);
  // NULL is a string to MySQL (numeric_context_result_type): DOUBLE arithmetic, no digits,
  // no decimals. DIV keeps integers.
  const ExprType null_view = op == sql::Operator::kIntDiv ? NumericType(ValueType::kInteger, 1, 0)
                                                          : NumericType(ValueType::kDouble, 0, 0);
  if (a.type == ValueType::kNull) a = null_view;
  if (b.type == ValueType::kNull) b = null_view;
  bool any_null = left.type.type == ValueType::kNull || right.type.type == ValueType::kNull;
  std::string text = "(" + SourceText(*expr.args[0]) + " " + OperatorText(op) + " " +
                     SourceText(*expr.args[1]) + ")";
  BoundExpr result;
  // function(x, y[, flags], text): the checked operations name the expression in 1690.
  auto call = [&](std::string_view function, BoundExpr x, BoundExpr y,
                  std::optional<int64_t> flags) {
    ExprType type = result.type;
    std::vector<BoundExpr> operands;
    operands.push_back(std::move(x));
    operands.push_back(std::move(y));
    if (flags) operands.push_back(IntegerConstant(*flags));
    operands.push_back(TextConstant(text));
    result = BoundExpr::Call(function, std::move(operands), type);
  };
  bool real = IsRealOperand(a) || IsRealOperand(b);
  bool decimal = !real && (a.type == ValueType::kDecimal || b.type == ValueType::kDecimal ||
                           op == sql::Operator::kDiv);
  if (op == sql::Operator::kIntDiv) {
    bool is_unsigned = a.is_unsigned || b.is_unsigned;
    // MySQL's digits (Item_func_div_int::result_precision): the dividend's integer digits
    // and the divisor's decimals, or all its digits where its decimals are not fixed (a
    // DOUBLE, a string), at most 21, and a sign unless the quotient is unsigned.
    uint32_t precision = std::min<uint32_t>(
        IntegerDigitsOf(left.type) + (FixedDecimals(right.type) ? *FixedDecimals(right.type)
                                                                 : MysqlDecimalPrecision(right.type)),
        21);
    uint32_t length = precision == 0 ? 0 : precision + (is_unsigned ? 0 : 1);
    result.type = NumericType(ValueType::kInteger, length, 0, is_unsigned);
    int mode = real ? 3 : decimal ? 2 : is_unsigned ? 1 : 0;
    ExprType operand = real ? NumericType(ValueType::kDouble, 23, 31)
                       : decimal ? NumericType(ValueType::kDecimal, 65, 30)
                                 : a;
    // MySQL reads the operands of DIV as DECIMAL unless both are integers: only a DOUBLE
    // stays one, and a string is read as a DECIMAL (1292 says so), exactly.
    ExprType exact = NumericType(ValueType::kDecimal, 65, 30);
    auto as_operand = [&](BoundExpr& side, const ExprType& view) {
      if (!real && !decimal) return Convert(side, view);
      bool approximate = view.type == ValueType::kDouble || view.type == ValueType::kFloat;
      return Convert(side, real && approximate ? operand : exact);
    };
    BoundExpr x = as_operand(left, a);
    BoundExpr y = as_operand(right, b);
    int flags = (a.is_unsigned ? 0x100 : 0) | (b.is_unsigned ? 0x200 : 0);
    call("pp_intdiv", std::move(x), std::move(y), mode | flags);
  } else if (real) {
    ExprType type = NumericType(ValueType::kDouble, 23, 31);
    BoundExpr x = Convert(left, type);
    BoundExpr y = Convert(right, type);
    result.type = type;
    // MySQL shows as many decimals as the finer operand (PI() + 1 has PI()'s 6), a quotient
    // div_precision_increment more; 31 and beyond is "not fixed".
    uint32_t decimals = std::max(RealDecimals(a), RealDecimals(b));
    if (op == sql::Operator::kDiv && decimals < 31) decimals += context_.div_precision_increment;
    decimals = std::min<uint32_t>(decimals, 31);
    result.type.decimals = static_cast<uint8_t>(decimals);
    // MySQL's float_length: 23 when the decimals are not fixed, else 17 and the decimals; a
    // quotient at most the dividend's integer positions and its decimals.
    uint32_t length = decimals >= 31 ? 23 : 17 + decimals;
    if (op == sql::Operator::kDiv && decimals < 31) {
      uint32_t own = RealDecimals(a);
      uint32_t integer_part = a.length > own ? a.length - own : 0;
      length = std::min(length, integer_part + decimals);
    }
    result.type.length = length;
    // (MOD's sign is the dividend's: a DOUBLE MOD of an unsigned dividend is UNSIGNED)
    if (op == sql::Operator::kMod) result.type.is_unsigned = a.is_unsigned;
    std::string_view name = op == sql::Operator::kPlus    ? "pp_add_d"
                            : op == sql::Operator::kMinus ? "pp_sub_d"
                            : op == sql::Operator::kMul   ? "pp_mul_d"
                            : op == sql::Operator::kDiv   ? "pp_div_d"
                                                          : "pp_mod_d";
    call(name, std::move(x), std::move(y), std::nullopt);
  } else if (decimal) {
    uint32_t sa = ScaleOf(a), sb = ScaleOf(b);
    uint32_t pa = DecimalPrecision(a), pb = DecimalPrecision(b);
    uint32_t scale = 0, precision = 0;
    switch (op) {
      case sql::Operator::kMul:
        scale = std::min<uint32_t>(sa + sb, 30);
        precision = pa + pb;
        break;
      case sql::Operator::kDiv:
        scale = std::min<uint32_t>(sa + context_.div_precision_increment, 30);
        precision = pa + sb + context_.div_precision_increment;
        break;
      case sql::Operator::kMod:
        // (MySQL's: the larger precision, decimals included, not the integer digits)
        scale = std::max(sa, sb);
        precision = std::max(pa, pb);
        break;
      default:
        scale = std::max(sa, sb);
        precision = std::max(pa - sa, pb - sb) + scale + 1;
        break;
    }
    precision = std::clamp<uint32_t>(precision, std::max<uint32_t>(scale, 1), 65);
    // Unsigned when both operands are (MOD: when its dividend is), as MySQL's
    // result_precision says; NO_UNSIGNED_SUBTRACTION then makes a difference signed, sized
    // as it was.
    const bool sized_unsigned = op == sql::Operator::kMod ? a.is_unsigned : a.is_unsigned && b.is_unsigned;
    const bool is_unsigned =
        sized_unsigned && !(op == sql::Operator::kMinus && context_.no_unsigned_subtraction);
    uint32_t length = DecimalLength(precision, scale, sized_unsigned);
    // A signed dividend over an unsigned divisor of decimals only: one position more.
    if (op == sql::Operator::kMod && !a.is_unsigned && b.is_unsigned && a.length <= b.length && sb == pb) {
      ++length;
    }
    result.type = NumericType(ValueType::kDecimal, length, static_cast<uint8_t>(scale), is_unsigned);
    ExprType operand_a = NumericType(ValueType::kDecimal, a.length, static_cast<uint8_t>(sa));
    ExprType operand_b = NumericType(ValueType::kDecimal, b.length, static_cast<uint8_t>(sb));
    BoundExpr x = Convert(left, operand_a);
    BoundExpr y = Convert(right, operand_b);
    if (op == sql::Operator::kDiv) {
      call("pp_div_dec", std::move(x), std::move(y), scale);
      result.Add(IntegerConstant(context_.div_precision_increment));
    } else if (op == sql::Operator::kMod) {
      result = BoundExpr::Call("pp_mod_dec", {std::move(x), std::move(y)}, result.type);
    } else {
      std::string_view name = op == sql::Operator::kPlus    ? "pp_add_dec"
                              : op == sql::Operator::kMinus ? "pp_sub_dec"
                                                            : "pp_mul_dec";
      call(is_unsigned ? std::string(name) + "u" : std::string(name), std::move(x), std::move(y),
           std::nullopt);
    }
  } else {
    bool is_unsigned = a.is_unsigned || b.is_unsigned;
    // NO_UNSIGNED_SUBTRACTION: a difference is signed whatever its operands.
    const bool signed_difference =
        is_unsigned && op == sql::Operator::kMinus && context_.no_unsigned_subtraction;
    uint32_t pa = DecimalPrecision(a), pb = DecimalPrecision(b);
    uint32_t precision = op == sql::Operator::kMul ? pa + pb
                         : op == sql::Operator::kMod ? std::max(pa, pb)
                                                     : std::max(pa, pb) + 1;
    // MOD's sign is its dividend's.
    bool sign_free = op == sql::Operator::kMod ? a.is_unsigned : is_unsigned;
    // (MySQL sizes the difference as unsigned first, then makes it signed.)
    result.type = NumericType(ValueType::kInteger, std::min<uint32_t>(precision, 65) + (sign_free ? 0 : 1),
                              0, is_unsigned && !signed_difference);
    BoundExpr x = Convert(left, a);
    BoundExpr y = Convert(right, b);
    int flags = (a.is_unsigned ? 1 : 0) | (b.is_unsigned ? 2 : 0) | (signed_difference ? 4 : 0);
    bool nonzero_divisor = y.constant && y.constant->kind == Value::Kind::kInteger &&
                           y.constant->integer != 0;
    if (op == sql::Operator::kMod && flags == 0 && nonzero_divisor) {
      // Signed integers by a constant other than 0: SQLite's own % is MySQL's MOD there (the
      // dividend's sign; INT64_MIN % -1 is 0), without a function call per row.
      result = BoundExpr::Infix("%", std::move(x), std::move(y), result.type);
    } else if (op == sql::Operator::kMod) {
      result.type.is_unsigned = a.is_unsigned;
      result = BoundExpr::Call("pp_mod_i", {std::move(x), std::move(y), IntegerConstant(flags)},
                               result.type);
    } else if (is_unsigned) {
      call(op == sql::Operator::kPlus ? "pp_add_u" : op == sql::Operator::kMinus ? "pp_sub_u"
                                                                                 : "pp_mul_u",
           std::move(x), std::move(y), flags);
    } else {
      call(op == sql::Operator::kPlus ? "pp_add_i" : op == sql::Operator::kMinus ? "pp_sub_i"
                                                                                 : "pp_mul_i",
           std::move(x), std::move(y), std::nullopt);
    }
  }
  // + - * of two NOT NULL operands cannot give NULL; / DIV MOD can (division by zero).
  result.type.not_null = !any_null && left.type.not_null && right.type.not_null &&
                         (op == sql::Operator::kPlus || op == sql::Operator::kMinus ||
                          op == sql::Operator::kMul);
  return result;
}

namespace {

std::string CollationText(const ExprType& type) {
  static constexpr std::string_view kNames[] = {"EXPLICIT", "NONE", "IMPLICIT", "SYSCONST",
                                                "COERCIBLE", "NUMERIC", "IGNORABLE"};
  return std::string(type.collation ? type.collation->name() : "binary") + "," +
         std::string(kNames[static_cast<size_t>(type.coercibility)]);
}

}  // namespace

namespace {

bool IsUnicode(const types::Collation& collation) {
  return collation.charset() == "utf8mb4" || collation.charset() == "utf8mb3";
}

// MySQL's superset rule: a Unicode operand takes in the other (converted to it) when it binds
// at least as strongly, and the other is not Unicode or is utf8mb3 beside utf8mb4.
bool TakesIn(const types::Collation& left, Coercibility left_strength,
             const types::Collation& right, Coercibility right_strength) {
  if (!IsUnicode(left)) return false;
  if (left_strength < right_strength) return true;
  if (left_strength != right_strength) return false;
  return !IsUnicode(right) || (left.charset() == "utf8mb4" && right.charset() == "utf8mb3");
}

}  // namespace

Result<const types::Collation*> AggregateCollation(const ExprType& a, const ExprType& b,
                                                   std::string_view operation,
                                                   Coercibility* strength, bool allow_none) {
  const types::Collation* x = a.collation;
  const types::Collation* y = b.collation;
  Coercibility dx = a.coercibility, dy = b.coercibility;
  auto take = [&](const types::Collation* collation, Coercibility coercibility) {
    if (strength != nullptr) *strength = coercibility;
    return collation;
  };
  auto illegal = [&]() -> Status {
    return Status::Error(ER_CANT_AGGREGATE_2COLLATIONS, std::string(x->name()),
                         CollationText(a).substr(x->name().size() + 1), std::string(y->name()),
                         CollationText(b).substr(y->name().size() + 1), operation);
  };
  if (x == nullptr) return take(y, dy);
  if (y == nullptr) return take(x, dx);
  // A string of no collation (NONE: two collations mixed before) compares under none.
  if (!allow_none && (dx == Coercibility::kNone || dy == Coercibility::kNone)) {
    return illegal();
  }
  if (x->charset() != y->charset()) {
    // Different character sets: binary keeps its place when it binds at least as strongly;
    // then a Unicode set takes in the other; then a column or COLLATE wins over a literal.
    if (x->id() == collation_id::kBinary) return dx <= dy ? take(x, dx) : take(y, dy);
    if (y->id() == collation_id::kBinary) return dy <= dx ? take(y, dy) : take(x, dx);
    if (TakesIn(*x, dx, *y, dy)) return take(x, dx);
    if (TakesIn(*y, dy, *x, dx)) return take(y, dy);
    if (dx < Coercibility::kCoercible && dy >= Coercibility::kCoercible) return take(x, dx);
    if (dy < Coercibility::kCoercible && dx >= Coercibility::kCoercible) return take(y, dy);
    return illegal();
  }
  if (dx < dy) return take(x, dx);
  if (dy < dx) return take(y, dy);
  if (x == y) return take(x, dx);
  if (dx == Coercibility::kExplicit) return illegal();
  // Equally strong, same character set: a binary collation wins; otherwise no collation
  // applies (NONE), which a string result may carry but a comparison may not.
  if (x->is_binary()) return take(x, dx);
  if (y->is_binary()) return take(y, dy);
  if (dx >= Coercibility::kCoercible) return take(x, dx);
  if (!allow_none) return illegal();
  const types::Collation* none = types::FindCollationByName(std::string(x->charset()) + "_bin");
  return take(none != nullptr ? none : x, Coercibility::kNone);
}

Status IllegalMix(std::span<const ExprType> operands, std::string_view operation,
                  Status pairwise) {
  if (operands.size() <= 2 || pairwise.code() != ER_CANT_AGGREGATE_2COLLATIONS) return pairwise;
  if (operands.size() > 3) return Status::Error(ER_CANT_AGGREGATE_NCOLLATIONS, operation);
  std::vector<std::string> parts;
  for (const ExprType& operand : operands) {
    bool text = operand.collation != nullptr &&
                (operand.type == ValueType::kString || operand.type == ValueType::kJson);
    std::string described = text ? CollationText(operand)
                            : operand.type == ValueType::kNull ? "binary,IGNORABLE"
                                                               : "binary,NUMERIC";
    size_t comma = described.find(',');
    parts.push_back(described.substr(0, comma));
    parts.push_back(described.substr(comma + 1));
  }
  return Status::Error(ER_CANT_AGGREGATE_3COLLATIONS, parts[0], parts[1], parts[2], parts[3],
                       parts[4], parts[5], operation);
}

ExprType AsStringSource(const ExprType& type, const types::Collation* connection) {
  ExprType source = type;
  if (type.type == ValueType::kBinary) {
    source.collation = &types::BinaryCollation();
  } else if (type.type == ValueType::kNull) {
    source.collation = nullptr;
  } else if (type.collation == nullptr && type.type == ValueType::kString) {
    // (a string function's result of no collation of its own: the connection's, COERCIBLE)
    source.collation = connection;
    source.coercibility = Coercibility::kCoercible;
  } else if (type.collation == nullptr && type.type == ValueType::kJson) {
    // (MySQL's JSON values: utf8mb4_bin, IMPLICIT)
    source.collation = types::FindCollationByName("utf8mb4_bin");
    source.coercibility = Coercibility::kImplicit;
  } else if (type.collation == nullptr) {
    source.collation = connection;
    source.coercibility = Coercibility::kNumeric;
  }
  return source;
}

Status FoldCollation(ExprType* merged, const ExprType& next, std::string_view operation,
                     bool allow_none) {
  if (next.collation == nullptr) return Status::OK();
  if (merged->collation == nullptr) {
    *merged = next;
    return Status::OK();
  }
  Coercibility strength = merged->coercibility;
  PORPOISE_ASSIGN_OR_RETURN(const types::Collation* collation,
                            AggregateCollation(*merged, next, operation, &strength, allow_none));
  merged->collation = collation;
  merged->coercibility = strength;
  return Status::OK();
}

Result<ExprType> StringResultCollation(std::span<const ExprType> values,
                                       std::string_view operation,
                                       const types::Collation* connection) {
  ExprType merged = TypeOf(ValueType::kNull, 0);
  for (const ExprType& value : values) {
    Status folded = FoldCollation(&merged, AsStringSource(value, connection), operation, true);
    if (!folded.ok()) {
      std::vector<ExprType> operands;
      for (const ExprType& each : values) operands.push_back(AsStringSource(each, connection));
      return IllegalMix(operands, operation, folded);
    }
  }
  ExprType result = TypeOf(ValueType::kString, 0);
  if (merged.collation != nullptr && merged.collation->id() == collation_id::kBinary) {
    result.type = ValueType::kBinary;
    result.coercibility = merged.coercibility;
    return result;
  }
  // Made of NULLs only: binary, as MySQL's NULL is (CHARSET(CONCAT(NULL)) is binary).
  bool only_null = !values.empty() && std::all_of(values.begin(), values.end(), [](const ExprType& value) {
    return value.type == ValueType::kNull;
  });
  if (only_null) {
    result.type = ValueType::kBinary;
    result.coercibility = Coercibility::kIgnorable;
    return result;
  }
  // Made of numbers only: a string in the connection's collation, as a literal is.
  result.collation = merged.collation != nullptr ? merged.collation : connection;
  result.coercibility = merged.collation != nullptr && merged.coercibility != Coercibility::kNumeric
                            ? merged.coercibility
                            : Coercibility::kCoercible;
  return result;
}

Status CollateStringResult(std::span<const ExprType> values, std::string_view operation,
                           const types::Collation* connection, ExprType* type) {
  if (type->type != ValueType::kString && type->type != ValueType::kBinary) return Status::OK();
  PORPOISE_ASSIGN_OR_RETURN(ExprType collated, StringResultCollation(values, operation, connection));
  type->type = collated.type;
  type->collation = collated.collation;
  type->coercibility = collated.coercibility;
  return Status::OK();
}

Result<std::vector<ExprType>> UnderOneCollation(std::span<const ExprType> operands,
                                                std::string_view operation) {
  std::vector<ExprType> result(operands.begin(), operands.end());
  ExprType merged = TypeOf(ValueType::kNull, 0);
  std::vector<size_t> strings;
  for (size_t i = 0; i < operands.size(); ++i) {
    const ExprType& operand = operands[i];
    if (operand.type != ValueType::kString || operand.collation == nullptr) continue;
    strings.push_back(i);
    Status folded = FoldCollation(&merged, operand, operation, true);
    if (!folded.ok()) return IllegalMix(operands, operation, folded);
  }
  if (merged.collation != nullptr && merged.coercibility == Coercibility::kNone) {
    // Two equally strong collations that nothing stronger overrode.
    Status pairwise = strings.size() >= 2
                          ? AggregateCollation(operands[strings[0]], operands[strings[1]],
                                               operation)
                                .status()
                          : Status::Error(ER_CANT_AGGREGATE_NCOLLATIONS, operation);
    if (pairwise.ok()) pairwise = Status::Error(ER_CANT_AGGREGATE_NCOLLATIONS, operation);
    return IllegalMix(operands, operation, pairwise);
  }
  for (size_t index : strings) {
    result[index].collation = merged.collation;
    result[index].coercibility = merged.coercibility;
  }
  return result;
}

Result<ExprType> CommonComparisonType(std::span<const ExprType> operands,
                                      std::string_view operation) {
  PORPOISE_ASSIGN_OR_RETURN(std::vector<ExprType> collated, UnderOneCollation(operands, operation));
  ExprType common = collated[0];
  for (size_t i = 1; i < collated.size(); ++i) {
    Result<ExprType> next = ComparisonType(common, collated[i], operation);
    if (!next.ok()) return IllegalMix(operands, operation, next.status());
    common = std::move(next).value();
  }
  return common;
}

Result<BoundExpr> Translator::TranslateComparison(sql::Operator op, BoundExpr left,
                                                       BoundExpr right,
                                                       const sql::Expr& expr) {
  std::string_view text = op == sql::Operator::kEq           ? "="
                          : op == sql::Operator::kNullSafeEq ? "IS"
                          : op == sql::Operator::kNe         ? "<>"
                          : op == sql::Operator::kLt         ? "<"
                          : op == sql::Operator::kLe         ? "<="
                          : op == sql::Operator::kGt         ? ">"
                                                             : ">=";
  std::string_view mysql_text = op == sql::Operator::kNullSafeEq ? "<=>" : text;
  (void)expr;
  ExprType truth = NumericType(ValueType::kInteger, 1, 0);
  truth.not_null = op == sql::Operator::kNullSafeEq || (left.type.not_null && right.type.not_null);
  if (left.type.type == ValueType::kJson || right.type.type == ValueType::kJson) {
    bool binary = expr.kind == sql::ExprKind::kBinary && expr.args.size() == 2;
    return CompareAsJson(mysql_text, Textual(std::move(left)), binary ? expr.args[0].get() : nullptr,
                         Textual(std::move(right)), binary ? expr.args[1].get() : nullptr, truth);
  }
  size_t warned = context_.warnings.size();
  // A hex literal compared with a number is a number.
  if (IsNumericType(right.type.type)) left = NumericLiteral(std::move(left));
  if (IsNumericType(left.type.type)) right = NumericLiteral(std::move(right));
  ComputeConvertedConstant(&left, right);
  ComputeConvertedConstant(&right, left);
  IntegralConstantForColumn(left, &right);
  IntegralConstantForColumn(right, &left);
  PORPOISE_ASSIGN_OR_RETURN(ExprType common, ComparisonType(left.type, right.type, mysql_text));
  // A number constant compared with a temporal value is read as one (MySQL: dt > 20240101
  // compares with 2024-01-01 00:00:00) when it is one; one that is none (out of TIME's range,
  // no date) leaves the two compared as numbers, as MySQL's convert_constant_item does.
  for (const auto& [temporal, number] : {std::pair{&left, &right}, std::pair{&right, &left}}) {
    if (IsTemporalType(temporal->type.type) && number->constant &&
        IsNumericType(number->type.type) && !IsTemporalType(number->type.type)) {
      ExprType as_temporal = temporal->type;
      as_temporal.column = nullptr;
      const types::DateChecks* dates =
          as_temporal.type != ValueType::kTime ? &context_.sql_mode_dates : nullptr;
      if (StoresAs(*number, as_temporal, dates) &&
          (as_temporal.type != ValueType::kDate || !NamesTimeOfDay(*number))) {
        common = as_temporal;
      }
    }
  }
  common = TimeComparisonType(left, right, std::move(common));
  CacheConvertedConstant(&left, common);
  CacheConvertedConstant(&right, common);
  if (IsTemporalType(common.type)) {
    for (BoundExpr* side : {&left, &right}) {
      PORPOISE_ASSIGN_OR_RETURN(std::optional<BoundExpr> converted, ConstantAsTemporal(*side, common));
      if (converted) *side = std::move(*converted);
    }
  }
  std::vector<BoundExpr> others;
  others.push_back(std::move(right));
  ComparedOperands operands = CompareOperands(std::move(left), std::move(others), common);
  ComparisonWarningsOnce(warned);
  return BoundExpr::Infix(text, std::move(operands.subject), std::move(operands.others[0]),
                          truth);
}

// A constant compared with a date, datetime or time must be one (MySQL refuses 'abc' with
// 1525, Arg_comparator::get_date_from_const), and a date sql_mode allows ('0000-00-00' under
// NO_ZERO_DATE is refused too): the constant as one, or nothing for what is no constant, a
// NULL or a temporal value already.
Result<std::optional<BoundExpr>> Translator::ConstantAsTemporal(const BoundExpr& side,
                                                                const ExprType& common) {
  if (!side.constant || side.constant->is_null() || IsTemporalType(side.type.type)) {
    return std::optional<BoundExpr>();
  }
  std::vector<Status> ignored;
  ConversionContext quiet{&ignored};
  if (common.type != ValueType::kTime) quiet.dates = context_.sql_mode_dates;
  Value converted = ConvertValue(*side.constant, side.type, common, quiet);
  if (!converted.is_null()) {
    ExprType type = common;
    type.not_null = true;
    if (std::optional<Value> exact = ExactTemporalText(*side.constant, side.type, common, converted, quiet.dates)) {
      converted = std::move(*exact);
    }
    return std::optional<BoundExpr>(Constant(std::move(converted), type));
  }
  std::string shown;
  if (!ToText(*side.constant, side.type, &shown)) shown.clear();
  std::string_view kind = common.type == ValueType::kDate   ? "DATE"
                          : common.type == ValueType::kTime ? "TIME"
                                                            : "DATETIME";
  return Status::Error(ER_WRONG_VALUE, kind, shown.substr(0, 128));
}

// Text computed from constants alone (CONCAT('1', 'a'), a date function of constants)
// compared with a number or a temporal value is computed now, once, and compared as the
// constant it is: MySQL converts such a constant once for the comparison and keeps it
// (Arg_comparator::cache_converted_constant, get_date_from_const), so what reading it warns
// is said once, not for each row. Left as it is when it cannot be computed here, and when
// beside a date or time it is NULL: MySQL reads a constant compared with a temporal value
// while resolving the statement, but keeps none that names no datetime, reading it again for
// each row.
void Translator::ComputeConvertedConstant(BoundExpr* text, const BoundExpr& other) {
  bool is_text = text->type.type == ValueType::kString || text->type.type == ValueType::kBinary;
  bool other_text = other.type.type == ValueType::kString || other.type.type == ValueType::kBinary ||
                    other.type.type == ValueType::kJson || other.type.type == ValueType::kNull;
  if (!is_text || other_text || text->constant) return;
  std::vector<Status> said;
  std::optional<Value> value = ComputeNow(*text, &said);
  if (!value) return;
  for (Status& warning : said) context_.warnings.push_back(std::move(warning));
  if (value->is_null() && IsTemporalType(other.type.type)) return;
  *text = BoundExpr::Constant(std::move(*value), text->type);
}

bool ConvertedForComparison(const ExprType& value, const ExprType& common) {
  // (MySQL's result types follow the physical classes: INT for either integer, DECIMAL,
  // REAL; text, bytes and temporal values are STRING, which no number compares as)
  auto result_type = [](const ExprType& type) {
    Physical physical = PhysicalOf(type);
    return physical == Physical::kUnsigned ? Physical::kSigned : physical;
  };
  const Physical compared = result_type(common);
  const bool number = compared == Physical::kSigned || compared == Physical::kDecimal ||
                      compared == Physical::kDouble;
  return number && value.type != ValueType::kNull && result_type(value) != compared;
}

void Translator::CacheConvertedConstant(BoundExpr* value, const ExprType& common) {
  if (value->constant || !ConvertedForComparison(value->type, common)) return;
  size_t warned = context_.warnings.size();
  std::vector<Status> said;
  std::optional<Value> computed = ComputeNow(*value, &said);
  if (!computed) return;
  for (Status& warning : said) context_.warnings.push_back(std::move(warning));
  ComparisonWarningsOnce(warned);
  *value = BoundExpr::Constant(std::move(*computed), value->type);
}

// An integer compared with a string or decimal constant compares as a number (DOUBLE or
// DECIMAL); when the constant's value is a whole number that fits, comparing with it as an
// integer gives the same answer and keeps the integer side an index search (WHERE id = '5',
// as drivers that bind every parameter as a string write it). The constant's conversion
// warnings (1292) are raised here, once.
void Translator::IntegralConstantForColumn(const BoundExpr& integer,
                                           BoundExpr* constant) {
  if (integer.constant || !constant->constant || integer.type.type != ValueType::kInteger) return;
  // (the text a date function wrote is its date's number, not the text's: left to Convert)
  if (constant->type.temporal_text) return;
  ValueType kind = constant->type.type;
  if (kind != ValueType::kString && kind != ValueType::kDecimal && kind != ValueType::kDouble) {
    return;
  }
  // The warning is the one a DOUBLE comparison raises, said here only when the integer
  // comparison replaces it (else the comparison reads the constant and says it); the value
  // is read exactly.
  const bool unchecked = constant->type.quiet_number;
  std::vector<Status> said;
  ConversionContext conversion{&said};
  ConversionContext quiet;
  types::Decimal value;
  // A DOUBLE (or text, compared as one) equals an integer only when it is whole itself:
  // 1e-300 is no 0, though its DECIMAL reading rounds to it.
  auto whole = [](double real) { return std::isfinite(real) && std::trunc(real) == real; };
  if (kind == ValueType::kString) {
    double real = 0;
    if (!ToDouble(*constant->constant, constant->type, conversion, &real) || !whole(real) ||
        !ToDecimal(*constant->constant, constant->type, quiet, &value)) {
      return;
    }
  } else if (kind == ValueType::kDouble) {
    if (!whole(constant->constant->real)) return;
    std::optional<types::Decimal> exact = types::Decimal::FromDouble(constant->constant->real);
    if (!exact) return;
    value = *exact;
  } else if (!ToDecimal(*constant->constant, constant->type, conversion, &value)) {
    return;
  }
  if (value.Normalized().scale() != 0) return;
  ExprType type = NumericType(ValueType::kInteger, 20, 0, integer.type.is_unsigned);
  type.not_null = true;
  int64_t signed_value = 0;
  uint64_t unsigned_value = 0;
  if (value.ToInt64(&signed_value) == types::Decimal::Outcome::kOk) {
    type.is_unsigned = false;
    *constant = Constant(Value::Integer(signed_value), type);
  } else if (value.ToUint64(&unsigned_value) == types::Decimal::Outcome::kOk) {
    type.is_unsigned = true;
    *constant = Constant(EncodeUnsigned(unsigned_value), type);
  } else {
    return;
  }
  if (unchecked) said.clear();  // (read as a number unchecked)
  for (Status& warning : said) context_.warnings.push_back(std::move(warning));
}

ComparedOperands Translator::CompareOperands(BoundExpr subject,
                                             std::vector<BoundExpr> others,
                                             const ExprType& common) {
  // Integers of either signedness compare correctly in their own physical forms.
  auto integral = [](const ExprType& type) {
    return PhysicalOf(type) == Physical::kSigned || PhysicalOf(type) == Physical::kUnsigned ||
           PhysicalOf(type) == Physical::kNull;
  };
  bool integers = common.type == ValueType::kInteger && integral(subject.type);
  for (const BoundExpr& other : others) integers = integers && integral(other.type);
  // A string compared with a DATE or DATETIME (one that varies by row, or a constant of
  // BETWEEN, IN or CASE: = and its kin refuse a constant that is none, 1525) is read under
  // sql_mode with any day up to 31 allowed; one that is no such date compares as the zero
  // date (with 1292, for each row), as MySQL's get_datetime_value reads it, not as NULL.
  // Its 1292 names the date column it is compared with, as MySQL's names the other item
  // ("... for column 'd' at row 2"): the subject for a list's member, the one other for the
  // subject of a plain comparison.
  auto column_name = [](const BoundExpr& operand) -> std::string {
    bool dated = operand.type.type == ValueType::kDate || operand.type.type == ValueType::kDateTime;
    if (!dated || operand.type.column == nullptr) return std::string();
    // (the kind of value it names: a DATE column's "date", others' "datetime")
    return (operand.type.type == ValueType::kDate ? "date:" : "datetime:") + operand.type.column->name;
  };
  auto convert = [&](BoundExpr operand, const std::string& beside) {
    bool text = operand.type.type == ValueType::kString;
    if (!text || (common.type != ValueType::kDate && common.type != ValueType::kDateTime)) {
      return Convert(std::move(operand), common);
    }
    types::DateChecks checks = context_.sql_mode_dates;
    checks.invalid_days = true;
    // (a constant naming a time of day or digits past `common`'s is compared as it is)
    if (operand.constant && !operand.constant->is_null()) {
      std::vector<Status> said;
      ConversionContext quiet{&said};
      quiet.dates = checks;
      // (read with all six fraction digits: rounding to `common`'s may pass 9999-12-31)
      ExprType exact_type = common;
      if (exact_type.type == ValueType::kDateTime) exact_type.decimals = 6;
      Value folded = ConvertValue(*operand.constant, operand.type, exact_type, quiet);
      if (said.empty() && !folded.is_null()) {
        if (std::optional<Value> exact = ExactTemporalText(*operand.constant, operand.type, common, folded, checks)) {
          ExprType type = common;
          type.not_null = true;
          return Constant(std::move(*exact), type);
        }
      }
    }
    return DateConversion(std::move(operand), common, checks, /*compared=*/true, beside);
  };
  std::string subject_column = column_name(subject);
  std::string other_column = others.size() == 1 ? column_name(others[0]) : std::string();
  ComparedOperands result;
  result.subject = integers ? std::move(subject) : convert(std::move(subject), other_column);
  if (common.collation != nullptr && common.type == ValueType::kString) {
    result.subject = BoundExpr::Collate(std::move(result.subject), common.collation->sqlite_name());
  } else if (common.type == ValueType::kTime) {
    result.subject = BoundExpr::Collate(std::move(result.subject), types::kTimeCollationName);
  }
  for (BoundExpr& other : others) {
    result.others.push_back(integers ? std::move(other) : convert(std::move(other), subject_column));
  }
  return result;
}

// Whether the number `value`, a constant, names a datetime with a time of day (a DATE would
// store it with a note, which MySQL's convert_constant_item takes for a failure: the two are
// compared as numbers).
bool NamesTimeOfDay(const BoundExpr& value) {
  if (value.constant->is_null()) return false;
  std::vector<Status> said;
  ConversionContext quiet{&said};
  Value datetime = ConvertValue(*value.constant, value.type, TypeOf(ValueType::kDateTime, 26, 6), quiet);
  if (datetime.kind != Value::Kind::kText) return false;
  const std::string& text = datetime.bytes;
  size_t space = text.find(' ');
  return space != std::string::npos &&
         text.find_first_not_of("0:.", space + 1) != std::string::npos;
}

// Whether the constant `value` converts to `to` with nothing worse than a note (NULL does),
// as MySQL's convert_constant_item stores a constant into a field before it compares.
bool StoresAs(const BoundExpr& value, const ExprType& to, const types::DateChecks* dates) {
  if (value.constant->is_null()) return true;
  std::vector<Status> said;
  ConversionContext quiet{&said};
  if (dates != nullptr) quiet.dates = *dates;
  Value converted = ConvertValue(*value.constant, value.type, to, quiet);
  return !converted.is_null() &&
         std::all_of(said.begin(), said.end(), [](const Status& s) { return s.is_note(); });
}

ExprType TimeComparisonType(const BoundExpr& left, const BoundExpr& right, ExprType common) {
  if (common.type != ValueType::kTime) return common;
  // A TIME beside text compares as a TIME only when the text is a constant that stores as
  // one; else both compare as text, under the text's collation (MySQL's Arg_comparator
  // compares TIMEs only when both sides are TIME, a constant made one when it converts).
  for (const auto& [time, other] : {std::pair{&left, &right}, std::pair{&right, &left}}) {
    bool text = other->type.type == ValueType::kString || other->type.type == ValueType::kBinary;
    if (time->type.type != ValueType::kTime || !text) continue;
    if (!other->constant || !StoresAs(*other, common, nullptr)) {
      ExprType as_text = other->type;
      as_text.column = nullptr;
      return as_text;
    }
  }
  return common;
}

Result<ExprType> ComparisonType(const ExprType& left, const ExprType& right,
                                std::string_view operation) {
  ValueType a = left.type;
  ValueType b = right.type;
  if (a == ValueType::kNull) return right;
  if (b == ValueType::kNull) return left;
  bool a_text = a == ValueType::kString || a == ValueType::kJson;
  bool b_text = b == ValueType::kString || b == ValueType::kJson;
  if (a == ValueType::kBinary || b == ValueType::kBinary) {
    if ((a == ValueType::kBinary || a_text) && (b == ValueType::kBinary || b_text)) {
      ExprType type;
      type.type = ValueType::kBinary;
      return type;
    }
  }
  if (a_text && b_text) {
    Coercibility strength = Coercibility::kCoercible;
    PORPOISE_ASSIGN_OR_RETURN(const types::Collation* collation,
                              AggregateCollation(left, right, operation, &strength));
    ExprType type;
    type.type = ValueType::kString;
    type.collation = collation;
    type.coercibility = strength;
    return type;
  }
  // Two temporal kinds compare as the one that holds both (a DATE with a DATETIME as a
  // DATETIME); a temporal value and a string as the temporal kind: its canonical texts.
  if (IsTemporalType(a) && IsTemporalType(b)) {
    ExprType type = MergeType(&left, right);
    type.column = nullptr;
    return type;
  }
  if ((IsTemporalType(a) || a_text) && (IsTemporalType(b) || b_text)) {
    ExprType type = IsTemporalType(a) ? left : right;
    type.column = nullptr;
    return type;
  }
  ExprType x = ArithmeticView(left);
  ExprType y = ArithmeticView(right);
  if (IsRealOperand(x) || IsRealOperand(y)) return NumericType(ValueType::kDouble, 23, 31);
  if (x.type == ValueType::kDecimal || y.type == ValueType::kDecimal) {
    return NumericType(ValueType::kDecimal, 67, 30);
  }
  // Integers: signed and unsigned physical forms order correctly against each other.
  return x.is_unsigned ? x : y.is_unsigned ? y : x;
}

}  // namespace porpoise::engine

namespace porpoise::engine {

Result<BoundExpr> Translator::TranslateNegate(BoundExpr operand, const sql::Expr& expr) {
  // A date, datetime or time negates as its number (-DATE'2024-02-29' is -20240229), typed
  // by its result type, a string's: a DOUBLE of the value's fraction digits (MySQL's
  // Item_func_num1), as long as such a DOUBLE prints.
  if (IsTemporalType(operand.type.type)) {
    uint8_t fsp = operand.type.decimals <= 6 ? operand.type.decimals : 0;
    ExprType real = NumericType(ValueType::kDouble, 17u + fsp, fsp);
    real.coercibility = Coercibility::kNumeric;
    real.not_null = operand.type.not_null;
    ExprType number = ArithmeticView(operand.type);
    BoundExpr value = Convert(Convert(std::move(operand), number), real);
    return BoundExpr::Prefix("-", std::move(value), real);
  }
  ExprType type = ArithmeticView(operand.type);
  if (type.type == ValueType::kNull) {
    // NULL is a string to MySQL, so a DOUBLE in numeric context: one position, no decimals.
    BoundExpr null = Constant(Value::Null(), NumericType(ValueType::kDouble, 1, 0));
    null.type.coercibility = Coercibility::kNumeric;
    return null;
  }
  if (IsRealOperand(type)) {
    // The operand's decimals and display length (a string's in bytes) carry over.
    ExprType original = type;
    operand = Convert(std::move(operand), NumericType(ValueType::kDouble, 23, 31));
    type = operand.type;
    type.decimals = static_cast<uint8_t>(RealDecimals(original));
    // (MySQL's float_length of those decimals, the sign included)
    type.length = type.decimals >= 31 ? 23u : 17u + type.decimals;
  }
  ExprType result_type = type;
  result_type.column = nullptr;
  result_type.is_unsigned = false;
  // MySQL 8.0's rule: one more position, for the sign, except that a negated DECIMAL literal
  // is a literal of its own (whose length already counts a sign).
  bool signed_literal = operand.constant && type.type == ValueType::kDecimal && !type.is_unsigned;
  bool real = type.type == ValueType::kDouble || type.type == ValueType::kFloat;
  result_type.length = std::min<uint32_t>(type.length + (signed_literal || real ? 0 : 1), 67);
  // The sign adds no digit: -i has i's, -d d's (MySQL's Item_func_neg::decimal_precision).
  result_type.digits = type.type == ValueType::kInteger || type.type == ValueType::kDecimal
                           ? static_cast<uint8_t>(DecimalPrecision(type))
                           : 0;
  result_type.coercibility = Coercibility::kNumeric;
  if (operand.constant && operand.constant->is_null()) {
    result_type.not_null = false;
    return Constant(Value::Null(), result_type);
  }
  if (operand.constant) {
    ConversionContext conversion{&context_.warnings};
    types::Decimal decimal;
    if (type.type == ValueType::kDouble || type.type == ValueType::kFloat) {
      return Constant(Value::Double(-operand.constant->real), result_type);
    }
    if (!ToDecimal(*operand.constant, type, conversion, &decimal)) return operand;
    types::Decimal negated = decimal.Negate();
    int64_t integer = 0;
    if (type.type == ValueType::kInteger &&
        negated.ToInt64(&integer) == types::Decimal::Outcome::kOk) {
      result_type.type = ValueType::kInteger;
      return Constant(Value::Integer(integer), result_type);
    }
    result_type.type = ValueType::kDecimal;
    result_type.decimals = static_cast<uint8_t>(ScaleOf(type));
    return Constant(EncodeDecimal(negated), result_type);
  }
  std::string text = "-(" + SourceText(*expr.args[0]) + ")";
  result_type.not_null = operand.type.not_null;
  switch (PhysicalOf(type)) {
    case Physical::kSigned:
      return BoundExpr::Call("pp_neg_i", {std::move(operand), TextConstant(text)}, result_type);
    case Physical::kUnsigned:
      return BoundExpr::Call("pp_neg_u", {Convert(std::move(operand), type), TextConstant(text)},
                             result_type);
    case Physical::kDecimal:
      return BoundExpr::Call("pp_neg_dec", {Convert(std::move(operand), type)}, result_type);
    default:
      return BoundExpr::Prefix("-", std::move(operand), result_type);
  }
}

}  // namespace porpoise::engine
