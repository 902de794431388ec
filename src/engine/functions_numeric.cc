// Numeric functions. ABS, SIGN, ROUND, TRUNCATE, FLOOR, CEILING and MOD take typed operands
// and are exact over integers and DECIMAL (pp_round_dec, pp_floor_dec) with MySQL's result
// types: an exact argument gives an exact result, a DOUBLE one a DOUBLE, a string is read as
// a DOUBLE. The mathematical functions (POW, SQRT, LOG, trigonometry) are DOUBLE. (engine/)
#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "common/strings.h"
#include "engine/function_registry.h"
#include "engine/physical.h"
#include "engine/runtime.h"
#include "sql/printer.h"

namespace porpoise::engine {

namespace {

bool IsExact(const ExprType& type) {
  return type.type == ValueType::kInteger || type.type == ValueType::kDecimal ||
         type.type == ValueType::kYear || type.type == ValueType::kBit;
}

uint8_t ScaleOf(const ExprType& type) {
  return type.type == ValueType::kDecimal && type.decimals < 31 ? type.decimals : 0;
}

const ExprType kDouble = NumericType(ValueType::kDouble, 23, 31);


Result<BoundExpr> RoundingRule(FunctionCall& call) {
  Translator& binder = call.binder;
  std::string_view name = call.name;
  std::vector<BoundExpr>& args = call.args;
  const sql::Expr& expr = call.expr;
  if (name == "MOD") {
    // MOD(a, b) is a % b; its arguments' text is what a 1690 message quotes.
    return binder.TranslateArithmetic(sql::Operator::kMod, std::move(args[0]), std::move(args[1]),
                                      expr);
  }
  BoundExpr value = std::move(args[0]);
  ExprType type = value.type;
  // NULL is a string to MySQL, so a DOUBLE, of no decimals.
  const bool null = type.type == ValueType::kNull;
  if (null) type = kDouble;
  if (!IsExact(type)) {
    BoundExpr number = binder.Convert(std::move(value), kDouble);
    ExprType result_type = kDouble;
    if (name == "ABS") {
      // The argument's decimals and MySQL's float_length for them.
      uint8_t decimals = null ? 0
                         : type.type == ValueType::kDouble || type.type == ValueType::kFloat
                             ? std::min<uint8_t>(type.decimals, 31)
                             : 31;
      result_type.decimals = decimals;
      result_type.length = decimals >= 31 ? 23 : 17u + decimals;
      return BoundExpr::Call("abs", {std::move(number)}, result_type);
    }
    if (name == "SIGN") {
      return BoundExpr::Call("sign", {std::move(number)}, NumericType(ValueType::kInteger, 2, 0));
    }
    if (name == "FLOOR" || name == "CEIL" || name == "CEILING") {
      result_type.length = 17;
      result_type.decimals = 0;
      return BoundExpr::Call(name == "FLOOR" ? "floor" : "ceil", {std::move(number)}, result_type);
    }
    // (ROUND and TRUNCATE of a DOUBLE or a string are DOUBLEs of no fixed decimals in MySQL
    // 8.4, whatever the digits: TRUNCATE('abc', 2) shows 0)
    BoundExpr digits = args.size() > 1 ? binder.Textual(std::move(args[1])) : IntegerConstant(0);
    return BoundExpr::Call(
        "pp_round_d",
        {std::move(number), std::move(digits), IntegerConstant(name == "TRUNCATE" ? 1 : 0)},
        result_type);
  }
  bool is_decimal = type.type == ValueType::kDecimal;
  uint32_t precision = DecimalPrecision(type);
  uint8_t scale = ScaleOf(type);
  // (a DECIMAL UNSIGNED stays one through ABS, ROUND and TRUNCATE, as their resolve_type
  // copies the argument's unsigned_flag -- ABS after sizing it as signed; FLOOR and CEILING
  // take every DECIMAL as signed)
  const bool unsigned_decimal = is_decimal && type.is_unsigned;
  ExprType as_decimal = NumericType(ValueType::kDecimal, DecimalLength(precision, scale, false), scale);
  if (name == "SIGN") {
    BoundExpr number = binder.Convert(std::move(value), kDouble);
    return BoundExpr::Call("sign", {std::move(number)}, NumericType(ValueType::kInteger, 2, 0));
  }
  // (a YEAR is an unsigned field to MySQL: what keeps its argument's sign flag is UNSIGNED)
  const bool unsigned_integer = type.is_unsigned || type.type == ValueType::kYear;
  if (name == "ABS") {
    if (!is_decimal && unsigned_integer) {
      // The value as it is, described as an expression's (not its column's).
      ExprType integer = NumericType(ValueType::kInteger, type.length, 0, true);
      integer.digits = type.digits;
      return binder.Convert(std::move(value), integer);
    }
    if (is_decimal) {
      ExprType absolute = as_decimal;
      absolute.is_unsigned = unsigned_decimal;
      return BoundExpr::Call("pp_abs_dec", {binder.Convert(std::move(value), as_decimal)}, absolute);
    }
    std::string text = "abs(" + binder.SourceText(*expr.args[0]) + ")";
    ExprType integer = NumericType(ValueType::kInteger, type.length, 0);
    return BoundExpr::Call("pp_abs_i", {binder.Convert(std::move(value), integer), TextConstant(text)},
                           integer);
  }
  int64_t digits = 0;
  bool constant_digits = args.size() < 2 || args[1].constant.has_value();
  if (args.size() > 1 && args[1].constant) {
    ConversionContext quiet;
    ToInt64(*args[1].constant, args[1].type, quiet, &digits);
  }
  bool floor_or_ceiling = name == "FLOOR" || name == "CEIL" || name == "CEILING";
  if (type.type == ValueType::kInteger && constant_digits) {
    // An integer stays an integer of its signedness (MySQL's rule for an integer argument and
    // constant digits): FLOOR, CEILING and ROUND or TRUNCATE to digits >= 0 give it back;
    // ROUND to tens or beyond has one more position (the rounding may carry) and is error
    // 1690 when the rounded value leaves the type's range.
    bool longer = name == "ROUND" && digits < 0;
    ExprType integer = NumericType(ValueType::kInteger, type.length + (longer ? 1 : 0), 0,
                                   type.is_unsigned);
    bool unchanged = floor_or_ceiling || args.size() < 2 ||
                     (digits >= 0 && args[1].type.type != ValueType::kNull);
    if (unchanged) {
      if (value.constant) {
        // A constant stays a constant, as MySQL evaluates a constant argument once: -FLOOR(c)
        // of a BIGINT UNSIGNED c above 2^63 is the DECIMAL a negated literal would be.
        value.type = integer;
        return value;
      }
      return binder.Convert(std::move(value), integer);
    }
    std::string text = ToLowerAscii(name) + "(" + binder.SourceText(*expr.args[0]) + "," +
                       binder.SourceText(*expr.args[1]) + ")";
    int mode = (name == "TRUNCATE" ? 1 : 0) | (type.is_unsigned ? 2 : 0);
    return BoundExpr::Call(
        "pp_round_i",
        {std::move(value), binder.Textual(std::move(args[1])), IntegerConstant(mode),
         TextConstant(std::move(text))},
        integer);
  }
  BoundExpr number = binder.Convert(std::move(value), as_decimal);
  uint8_t result_scale = 0;
  std::vector<BoundExpr> operands;
  operands.push_back(std::move(number));
  std::string_view function = "pp_round_dec";
  if (name == "FLOOR" || name == "CEIL" || name == "CEILING") {
    function = "pp_floor_dec";
    operands.push_back(IntegerConstant(name == "FLOOR" ? 0 : 1));
  } else {
    operands.push_back(args.size() > 1 ? binder.Textual(std::move(args[1])) : IntegerConstant(0));
    operands.push_back(IntegerConstant(name == "TRUNCATE" ? 1 : 0));
    // (more digits than the argument has keep its scale: TRUNCATE(1234.1, 4) is 1234.1)
    result_scale = constant_digits ? static_cast<uint8_t>(std::clamp<int64_t>(digits, 0, scale)) : scale;
  }
  uint32_t result_precision = 0;
  if (floor_or_ceiling) {
    // (one digit more for what rounding the decimals away may carry, when there are any)
    result_precision = std::max<uint32_t>(precision - scale + (scale > 0 ? 1 : 0), 1);
  } else {
    // MySQL's rule: dropping decimals may carry one digit into the integer part, not when
    // truncating, and not when there are none to drop (ROUND(d, -1) of a DECIMAL(20,0) is
    // as long as d: Item_func_round's decimals_delta).
    int delta = static_cast<int>(scale) - static_cast<int>(result_scale);
    bool drops = constant_digits && delta > 0;
    int carry = drops && name != "TRUNCATE" ? 1 : 0;
    result_precision = static_cast<uint32_t>(
        std::max(static_cast<int>(precision) - delta + carry, 1));
  }
  result_precision = std::min<uint32_t>(result_precision, 65);
  BoundExpr result = BoundExpr::Call(
      function, std::move(operands),
      NumericType(ValueType::kDecimal,
                  DecimalLength(result_precision, result_scale, unsigned_decimal && !floor_or_ceiling),
                  result_scale, unsigned_decimal && !floor_or_ceiling));
  // Other exact values (YEAR, BIT, an integer with digits that vary) stay integers while
  // they have fewer than 18 digits (or are truncated to whole numbers), as long as they
  // were, one more for ROUND to tens or beyond; FLOOR and CEILING of a DECIMAL with fewer
  // than 18 integer digits give a BIGINT too. ROUND and TRUNCATE of a DECIMAL stay DECIMAL.
  if (!is_decimal && (precision < 18 || (name == "TRUNCATE" && digits == 0))) {
    bool longer = name == "ROUND" && digits < 0;
    ExprType integer = NumericType(ValueType::kInteger, type.length + (longer ? 1 : 0), 0,
                                   unsigned_integer);
    return binder.Convert(std::move(result), integer);
  }
  // FLOOR and CEILING of a DECIMAL as long as a BIGINT's digits (fewer than 20 positions,
  // the sign included) are a BIGINT, as MySQL's Item_func_int_val makes them.
  if (floor_or_ceiling && result_precision + 1 < 20) {
    ExprType integer = NumericType(ValueType::kInteger, result_precision + 1, 0, false);
    return binder.Convert(std::move(result), integer);
  }
  return result;
}

// The family's results are NOT NULL when every argument is, except MOD (by zero: NULL).
Result<BoundExpr> Rounding(FunctionCall& call) {
  bool not_null = NoneNullable(call.args);
  PORPOISE_ASSIGN_OR_RETURN(BoundExpr result, RoundingRule(call));
  if (call.name != "MOD") result.type.not_null = not_null;
  return result;
}

const ExprType& RealType() { return kDouble; }

// name(x...) -> pp_math(code, text, x...), a DOUBLE (runtime_numeric.cc has MySQL's domain
// rules). The text is the call as MySQL prints it in 1690: lower case, no space after commas.
Result<BoundExpr> Mathematical(FunctionCall& call) {
  static const std::unordered_map<std::string_view, MathFunction> kCodes = {
      {"LN", MathFunction::kLn},       {"LOG2", MathFunction::kLog2},
      {"LOG10", MathFunction::kLog10}, {"SQRT", MathFunction::kSqrt},
      {"EXP", MathFunction::kExp},     {"POW", MathFunction::kPow},
      {"POWER", MathFunction::kPow},   {"SIN", MathFunction::kSin},
      {"COS", MathFunction::kCos},     {"TAN", MathFunction::kTan},
      {"COT", MathFunction::kCot},     {"ASIN", MathFunction::kAsin},
      {"ACOS", MathFunction::kAcos},   {"ATAN", MathFunction::kAtan},
      {"ATAN2", MathFunction::kAtan},  {"RADIANS", MathFunction::kRadians},
      {"DEGREES", MathFunction::kDegrees}};
  MathFunction code = call.name == "LOG" ? (call.args.size() == 2 ? MathFunction::kLogBase
                                                                   : MathFunction::kLn)
                                         : kCodes.at(call.name);
  std::string text = call.name == "POWER" ? "pow(" : ToLowerAscii(call.name) + "(";
  for (size_t i = 0; i < call.expr.args.size(); ++i) {
    if (i > 0) text += ",";
    text += call.binder.SourceText(*call.expr.args[i]);
  }
  text += ")";
  std::vector<BoundExpr> args;
  args.push_back(IntegerConstant(static_cast<int64_t>(code)));
  args.push_back(TextConstant(std::move(text)));
  for (BoundExpr& arg : call.args) args.push_back(std::move(arg));
  return BoundExpr::Call("pp_math", std::move(args), RealType());
}

Result<BoundExpr> Pi(FunctionCall&) {
  ExprType type = NumericType(ValueType::kDouble, 8, 6);  // shown with 6 decimals
  type.not_null = true;
  return BoundExpr::Call("pi", std::vector<BoundExpr>(), type);
}

// RAND(): uniform in [0, 1). RAND(seed): MySQL's own generator and sequence (pp_rand).
Result<BoundExpr> Rand(FunctionCall& call) {
  if (!call.args.empty()) {
    ExprType type = RealType();
    type.not_null = call.args[0].type.not_null;
    BoundExpr seeded = BoundExpr::Call("pp_rand", std::move(call.args), type);
    seeded.volatile_call = true;
    return seeded;
  }
  BoundExpr random = BoundExpr::Call("random", std::vector<BoundExpr>(), RealType());
  random.volatile_call = true;
  BoundExpr scaled = BoundExpr::Infix(
      "/", std::move(random),
      BoundExpr::Constant(Value::Double(18446744073709551616.0), RealType()), RealType());
  return BoundExpr::Infix("+", std::move(scaled),
                          BoundExpr::Constant(Value::Double(0.5), RealType()), RealType());
}

// BIT_COUNT(n): the set bits of n read as 64 bits (a negative integer's two's complement), or
// of a binary string's bytes.
Result<BoundExpr> BitCount(FunctionCall& call) {
  // (a binary string's bits are counted over its bytes)
  if (IsBitString(call.args[0].type)) {
    return BoundExpr::Call("pp_bytes_bit_count", {std::move(call.args[0])}, TypeOf(ValueType::kInteger, 2));
  }
  return BoundExpr::Call("pp_bit_count", {call.binder.BitOperand(std::move(call.args[0]))},
                         TypeOf(ValueType::kInteger, 2));
}

// INTERVAL(n, n1, n2, ...): which interval of the ascending bounds n falls in (INT, never
// NULL).
Result<BoundExpr> IntervalOf(FunctionCall& call) {
  // (text is read as a DOUBLE, 1292 for what is no number)
  for (BoundExpr& arg : call.args) {
    bool text = arg.type.type == ValueType::kString || arg.type.type == ValueType::kBinary;
    arg = text ? call.binder.Convert(std::move(arg), kDouble) : call.binder.Textual(std::move(arg));
  }
  ExprType type = TypeOf(ValueType::kInteger, 2);
  type.integer_field = FieldType::kLong;
  type.not_null = true;
  return BoundExpr::Call("pp_interval", std::move(call.args), type);
}

}  // namespace

void RegisterNumericFunctions(FunctionRegistry& registry) {
  auto add = [&](std::string_view name, uint8_t min, uint8_t max, ArgumentForm form,
                 BindRule bind, Nullability nulls = Nullability::kRule) {
    registry.Add({name, min, max, form, bind, false, nulls});
  };
  add("ABS", 1, 1, ArgumentForm::kTyped, Rounding);
  add("BIT_COUNT", 1, 1, ArgumentForm::kTyped, BitCount, Nullability::kFromArgs);
  add("INTERVAL", 2, kAnyArity, ArgumentForm::kTyped, IntervalOf);
  add("SIGN", 1, 1, ArgumentForm::kTyped, Rounding);
  add("ROUND", 1, 2, ArgumentForm::kTyped, Rounding);
  add("TRUNCATE", 2, 2, ArgumentForm::kTyped, Rounding);
  add("FLOOR", 1, 1, ArgumentForm::kTyped, Rounding);
  add("CEIL", 1, 1, ArgumentForm::kTyped, Rounding);
  add("CEILING", 1, 1, ArgumentForm::kTyped, Rounding);
  add("MOD", 2, 2, ArgumentForm::kTyped, Rounding);
  // Outside their domain (or on overflow) these give NULL, so MySQL marks them nullable.
  constexpr Nullability kDomain = Nullability::kAlways;
  add("POW", 2, 2, ArgumentForm::kTextual, Mathematical, kDomain);
  add("POWER", 2, 2, ArgumentForm::kTextual, Mathematical, kDomain);
  for (std::string_view name : {"SQRT", "EXP", "LN", "LOG2", "LOG10", "SIN", "COS", "TAN",
                                "COT", "ASIN", "ACOS"}) {
    add(name, 1, 1, ArgumentForm::kTextual, Mathematical, kDomain);
  }
  add("ATAN", 1, 2, ArgumentForm::kTextual, Mathematical, kDomain);
  add("ATAN2", 2, 2, ArgumentForm::kTextual, Mathematical, kDomain);
  add("RADIANS", 1, 1, ArgumentForm::kTextual, Mathematical, Nullability::kFromArgs);
  add("DEGREES", 1, 1, ArgumentForm::kTextual, Mathematical, Nullability::kFromArgs);
  add("LOG", 1, 2, ArgumentForm::kTextual, Mathematical, kDomain);
  add("PI", 0, 0, ArgumentForm::kTextual, Pi);
  add("RAND", 0, 1, ArgumentForm::kTextual, Rand);
}

}  // namespace porpoise::engine
