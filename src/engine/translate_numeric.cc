// The numeric function family on typed operands: ABS, SIGN, ROUND, TRUNCATE, FLOOR, CEILING
// and MOD, exact over integers and DECIMAL (pp_round_dec, pp_floor_dec) and MySQL's result
// types: an exact argument gives an exact result, a DOUBLE one a DOUBLE, a string is read
// as a DOUBLE. (engine/)
#include <algorithm>

#include "engine/physical.h"
#include "engine/translator.h"
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

}  // namespace

bool IsNumericFamilyFunction(std::string_view name) {
  return name == "ABS" || name == "SIGN" || name == "ROUND" || name == "TRUNCATE" ||
         name == "FLOOR" || name == "CEIL" || name == "CEILING" || name == "MOD";
}

Result<TranslatedExpr> Translator::TranslateNumericFunction(std::string_view name,
                                                            std::vector<TranslatedExpr> args,
                                                            const sql::Expr& expr) {
  size_t min = name == "TRUNCATE" || name == "MOD" ? 2 : 1;
  size_t max = name == "ROUND" || name == "TRUNCATE" || name == "MOD" ? 2 : 1;
  if (args.size() < min || args.size() > max) {
    return Status::Error(ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT, expr.text);
  }
  bool aggregate = false;
  for (const TranslatedExpr& arg : args) aggregate = aggregate || arg.aggregate;
  if (name == "MOD") {
    // MOD(a, b) is a % b; its arguments' text is what a 1690 message quotes.
    return TranslateArithmetic(sql::Operator::kMod, std::move(args[0]), std::move(args[1]), expr);
  }
  TranslatedExpr value = std::move(args[0]);
  ExprType type = value.type;
  if (type.type == ValueType::kNull) type = kDouble;
  TranslatedExpr result;
  result.aggregate = aggregate;
  if (!IsExact(type)) {
    TranslatedExpr number = Convert(std::move(value), kDouble);
    result.type = kDouble;
    if (name == "ABS") {
      result.sql = "abs(" + number.sql + ")";
    } else if (name == "SIGN") {
      result.sql = "sign(" + number.sql + ")";
      result.type = NumericType(ValueType::kInteger, 2, 0);
    } else if (name == "FLOOR" || name == "CEIL" || name == "CEILING") {
      result.sql = std::string(name == "FLOOR" ? "floor(" : "ceil(") + number.sql + ")";
      result.type.length = 17;
      result.type.decimals = 0;
    } else {
      std::string digits = args.size() > 1 ? Textual(std::move(args[1])).sql : "0";
      result.sql = "pp_round_d(" + number.sql + ", " + digits + ", " +
                   (name == "TRUNCATE" ? "1" : "0") + ")";
      if (args.size() < 2 || args[1].constant) {
        int64_t fixed = args.size() > 1 && args[1].constant ? args[1].constant->integer : 0;
        result.type.decimals = static_cast<uint8_t>(std::clamp<int64_t>(fixed, 0, 30));
        result.type.length = 17 + result.type.decimals;
      }
    }
    return result;
  }
  bool is_decimal = type.type == ValueType::kDecimal;
  uint32_t precision = DecimalPrecision(type);
  uint8_t scale = ScaleOf(type);
  ExprType as_decimal = NumericType(ValueType::kDecimal, DecimalLength(precision, scale, false), scale);
  if (name == "SIGN") {
    TranslatedExpr number = Convert(std::move(value), kDouble);
    result.sql = "sign(" + number.sql + ")";
    result.type = NumericType(ValueType::kInteger, 2, 0);
    return result;
  }
  if (name == "ABS") {
    if (!is_decimal && type.is_unsigned) return value;
    if (is_decimal) {
      result.sql = "pp_abs_dec(" + Convert(std::move(value), as_decimal).sql + ")";
      result.type = as_decimal;
      return result;
    }
    std::string text = context_.Parameter(Value::Text("abs(" + sql::ToSql(*expr.args[0]) + ")"));
    result.type = NumericType(ValueType::kInteger, type.length, 0);
    result.sql = "pp_abs_i(" + Convert(std::move(value), result.type).sql + ", " + text + ")";
    return result;
  }
  int64_t digits = 0;
  bool constant_digits = args.size() < 2 || args[1].constant.has_value();
  if (args.size() > 1 && args[1].constant) {
    ConversionContext quiet;
    ToInt64(*args[1].constant, args[1].type, quiet, &digits);
  }
  TranslatedExpr number = Convert(std::move(value), as_decimal);
  std::string rounded;
  uint8_t result_scale = 0;
  if (name == "FLOOR" || name == "CEIL" || name == "CEILING") {
    rounded = "pp_floor_dec(" + number.sql + ", " + (name == "FLOOR" ? "0" : "1") + ")";
  } else {
    std::string digits_sql = args.size() > 1 ? Textual(std::move(args[1])).sql : "0";
    rounded = "pp_round_dec(" + number.sql + ", " + digits_sql + ", " +
              (name == "TRUNCATE" ? "1" : "0") + ")";
    result_scale = constant_digits ? static_cast<uint8_t>(std::clamp<int64_t>(digits, 0, 30)) : scale;
  }
  uint32_t integer_digits = precision - scale + (name == "TRUNCATE" ? 0 : 1);
  uint32_t result_precision = std::min<uint32_t>(integer_digits + result_scale, 65);
  result.sql = rounded;
  result.type = NumericType(ValueType::kDecimal, DecimalLength(result_precision, result_scale, false),
                        result_scale);
  // Integers, and decimals rounded to whole numbers that fit, come back as BIGINT.
  bool integral = !is_decimal || result_scale == 0;
  if (integral && (!is_decimal || result_precision <= 18)) {
    ExprType integer = NumericType(ValueType::kInteger, result_precision + 1, 0,
                               type.is_unsigned && name != "ROUND");
    if (!is_decimal && type.is_unsigned) integer.is_unsigned = true;
    TranslatedExpr back = Convert(std::move(result), integer);
    back.aggregate = aggregate;
    return back;
  }
  return result;
}

}  // namespace porpoise::engine
