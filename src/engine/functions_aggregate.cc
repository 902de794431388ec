// Aggregate functions: COUNT, SUM and AVG (exact DECIMAL over exact arguments), MIN/MAX under
// the argument's collation, GROUP_CONCAT, and the variance family (Welford's method in the
// runtime). (engine/)
#include <algorithm>
#include <cstdlib>

#include "engine/function_registry.h"
#include "engine/variables.h"
#include "types/temporal.h"

namespace porpoise::engine {

namespace {

BoundExpr Aggregate(std::string_view function, std::vector<BoundExprPtr> args, ExprType type,
                    bool distinct) {
  BoundExpr call = BoundExpr::Call(function, std::move(args), std::move(type));
  call.aggregate = true;
  call.aggregate_call = true;
  call.distinct = distinct;
  return call;
}

BoundExpr Aggregate(std::string_view function, BoundExpr arg, ExprType type, bool distinct) {
  std::vector<BoundExprPtr> args;
  args.push_back(std::make_shared<const BoundExpr>(std::move(arg)));
  return Aggregate(function, std::move(args), std::move(type), distinct);
}

// A DECIMAL or BIGINT UNSIGNED value as the DOUBLE that COUNT(DISTINCT a, b) and GROUP_CONCAT's
// ORDER BY compare.
BoundExpr AsDouble(FunctionCall& call, BoundExpr arg) {
  return call.binder.Convert(std::move(arg), TypeOf(ValueType::kDouble, 23, 31));
}

Result<BoundExpr> BindCount(FunctionCall& call) {
  ExprType type = TypeOf(ValueType::kInteger, 21);
  type.not_null = true;
  if (call.expr.star) {
    BoundExpr count = Aggregate("count", std::vector<BoundExprPtr>(), type, false);
    count.star = true;
    return count;
  }
  if (call.args.size() != 1) {
    if (!call.expr.distinct || call.args.empty()) {
      return Status::Error(ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT, call.expr.text);
    }
    // COUNT(DISTINCT a, b, ...): pp_count_distinct(collation, a, collation, b, ...), each
    // string compared under its collation (0: as a number, or bytes).
    std::vector<BoundExprPtr> args;
    for (BoundExpr& arg : call.args) {
      uint16_t collation = 0;
      if (arg.type.type == ValueType::kString && arg.type.collation != nullptr) {
        collation = arg.type.collation->id();
      } else if (arg.type.type == ValueType::kDecimal || arg.type.is_unsigned) {
        arg = AsDouble(call, std::move(arg));
      }
      args.push_back(std::make_shared<const BoundExpr>(IntegerConstant(collation)));
      args.push_back(std::make_shared<const BoundExpr>(std::move(arg)));
    }
    return Aggregate("pp_count_distinct", std::move(args), type, false);
  }
  return Aggregate("count", std::move(call.args[0]), type, call.expr.distinct);
}

// SUM and AVG: exact over integers, decimals and temporal values (a DECIMAL result, as in
// MySQL), double otherwise.
Result<BoundExpr> BindSumOrAverage(FunctionCall& call) {
  Translator& binder = call.binder;
  bool distinct = call.expr.distinct;
  bool sum = call.name == "SUM";
  BoundExpr& arg = call.args[0];
  const ExprType type = arg.type;
  // A temporal value counts as its number (20240229, 120000.25), exact as MySQL's
  // numeric_context_result_type has it: digits for its parts plus its fractional ones.
  uint32_t temporal_digits = type.type == ValueType::kDate ? 8
                             : type.type == ValueType::kTime ? 7
                             : type.type == ValueType::kDateTime ? 14
                                                                 : 0;
  bool exact = type.type == ValueType::kInteger || type.type == ValueType::kDecimal ||
               type.type == ValueType::kYear || type.type == ValueType::kBit ||
               temporal_digits > 0;
  ExprType real = TypeOf(ValueType::kDouble, 23, 31);
  if (type.type == ValueType::kNull) {
    // NULL is a string to MySQL, so a DOUBLE: SUM's has no decimals (17 positions), AVG's
    // div_precision_increment of them and as many positions.
    uint32_t increment = call.context().div_precision_increment;
    ExprType result = sum ? TypeOf(ValueType::kDouble, 17, 0)
                          : TypeOf(ValueType::kDouble, increment, static_cast<uint8_t>(increment));
    BoundExpr value = binder.ConvertPerRow(std::move(arg), real);
    return Aggregate(sum ? "sum" : "avg", std::move(value), result, distinct);
  }
  if (!exact) {
    ExprType result = real;
    const bool fixed_decimals = !IsStringType(type.type) && type.decimals < 31;
    if (sum && fixed_decimals) {
      // (a DOUBLE with its fraction digits fixed, a FLOAT(7,4) column, 1 / NULL: SUM keeps
      // them, as long as a DOUBLE with as many digits prints)
      result = TypeOf(ValueType::kDouble, 17u + type.decimals, type.decimals);
    } else if (!sum && fixed_decimals) {
      // (AVG: div_precision_increment digits more, as long as the argument and those)
      uint32_t increment = call.context().div_precision_increment;
      uint8_t decimals = static_cast<uint8_t>(std::min<uint32_t>(type.decimals + increment, 31));
      uint32_t length = decimals < 31 ? 17u + decimals : 23u;
      result = TypeOf(ValueType::kDouble, std::min<uint32_t>(type.length + increment, length), decimals);
    } else if (!sum && (type.decimals >= 31 || IsStringType(type.type))) {
      // MySQL's AVG of a DOUBLE or a string: as long as the argument's bytes and
      // div_precision_increment more, at most a DOUBLE's 23.
      int64_t bytes = MaxByteLength(type);
      result.length = static_cast<uint32_t>(std::min<int64_t>(bytes + call.context().div_precision_increment, 23));
    }
    // (SUM(DISTINCT s) and AVG(DISTINCT s) read a string silently: MySQL stores it in the
    // DOUBLE field of its table of distinct values, which warns about nothing)
    BoundExpr value = distinct && IsStringType(type.type)
                          ? binder.RuntimeConversion("pp_conv_quiet", std::move(arg), real)
                          : binder.ConvertPerRow(std::move(arg), real);
    return Aggregate(sum ? "sum" : "avg", std::move(value), result, distinct);
  }
  uint8_t scale = (type.type == ValueType::kDecimal || temporal_digits > 0) && type.decimals < 31
                      ? type.decimals
                      : 0;
  uint32_t precision = type.type == ValueType::kNull ? 1
                       : temporal_digits > 0       ? temporal_digits + scale
                                                   : DecimalPrecision(type);
  ExprType as_decimal = TypeOf(ValueType::kDecimal,
                               temporal_digits > 0 ? DecimalLength(precision, scale, false) : type.length,
                               scale);
  // A signed integer goes in as it is: pp_sum_dec adds SQLite integers in 128 bits, with no DECIMAL per row.
  const bool signed_integer = type.type == ValueType::kInteger && !type.is_unsigned;
  auto value = std::make_shared<const BoundExpr>(
      signed_integer ? std::move(arg) : binder.Convert(std::move(arg), as_decimal));
  if (sum) {
    uint32_t digits = std::min<uint32_t>(precision + 22, 65);
    return Aggregate("pp_sum_dec", {value},
                     TypeOf(ValueType::kDecimal, DecimalLength(digits, scale, false), scale),
                     distinct);
  }
  uint32_t increment = call.context().div_precision_increment;
  uint8_t average_scale = static_cast<uint8_t>(std::min<uint32_t>(scale + increment, 30));
  uint32_t digits = std::min<uint32_t>(precision + increment, 65);
  ExprType result = TypeOf(ValueType::kDecimal, DecimalLength(digits, average_scale, false),
                           average_scale);
  // One aggregate keeps the sum and the count (the argument is read once per row, its
  // warnings said once); pp_avg_div divides them.
  BoundExpr state = Aggregate("pp_avg_dec", {value}, TypeOf(ValueType::kBinary, 0), distinct);
  std::vector<BoundExpr> divided;
  divided.push_back(std::move(state));
  divided.push_back(IntegerConstant(average_scale));
  divided.push_back(TextConstant("avg"));
  divided.push_back(IntegerConstant(increment));
  // (read as a DOUBLE, MySQL divides the sum's DOUBLE by the count, but for a grouped query,
  // whose averages it reads from a temporary table's DECIMAL: then the average's DOUBLE)
  if (call.scope.grouped) divided.push_back(IntegerConstant(0));
  return BoundExpr::Call("pp_avg_div", std::move(divided), result);
}

Result<BoundExpr> BindMinMax(FunctionCall& call) {
  BoundExpr& arg = call.args[0];
  ExprType type = arg.type;
  // The column's integer type (TINYINT stays TINY) and a fresh display length for a DOUBLE.
  if (type.column != nullptr && type.type == ValueType::kInteger) {
    type.integer_field = catalog::WireType(type.column->type);
  }
  // (a CHAR, BINARY or TIMESTAMP column's own type too)
  if (type.column != nullptr) {
    FieldType wire = catalog::WireType(type.column->type);
    if (wire == FieldType::kString || wire == FieldType::kTimestamp) type.own_field = wire;
  }
  if (type.type == ValueType::kDouble && type.decimals >= 31) type.length = 23;
  // (an integer's digits follow from its length and sign, an integer literal's too: MIN(255)
  // holds two digits and a sign position to MySQL, whose Item_int alone counts three)
  if (type.type == ValueType::kInteger) type.digits = 0;
  type.datetime_text = false;  // (MIN/MAX keep the text, which is then read as text)
  type.quiet_number = false;
  type.temporal_text = false;
  type.column = nullptr;
  type.not_null = false;
  // (in a temporary table's field, wherever it is read: a YEAR shows four digits, 0000 too;
  // a string that is no column's is a VARCHAR, a CHAR only when empty)
  if (call.scope.temporary_grouping) {
    if (type.type == ValueType::kYear) type.own_field = FieldType::kYear;
    if (type.type == ValueType::kString && arg.type.column == nullptr) {
      type.own_field = type.length == 0 ? FieldType::kString : FieldType::kNull;
    }
  }
  if (arg.type.collation != nullptr && arg.type.type == ValueType::kString) {
    std::string_view collation = arg.type.collation->sqlite_name();
    arg = BoundExpr::Collate(std::move(arg), collation);
  } else if (arg.type.type == ValueType::kTime) {
    arg = BoundExpr::Collate(std::move(arg), types::kTimeCollationName);
  } else if (arg.type.type == ValueType::kBinary && arg.kind != BoundKind::kColumn) {
    // (bytes all: text among them, IFNULL(FROM_BASE64(b), 'x'), would sort before any bytes)
    ExprType bytes = arg.type;
    arg = BoundExpr::Cast(std::move(arg), "BLOB", bytes);
  }
  return Aggregate(call.name == "MIN" ? "min" : "max", std::move(arg), type, call.expr.distinct);
}

// GROUP_CONCAT([DISTINCT] x, ... [ORDER BY k [DESC], ...] [SEPARATOR s]): pp_group_concat
// (runtime_string.cc) with the separator, group_concat_max_len, DISTINCT under the value's
// collation and each key with its direction and collation.
Result<BoundExpr> BindGroupConcat(FunctionCall& call) {
  const sql::Expr& expr = call.expr;
  ExprType type = TypeOf(ValueType::kString, 1024);
  const types::Collation* collation = call.context().connection_collation;
  for (const BoundExpr& arg : call.args) {
    if (arg.type.type == ValueType::kString && arg.type.collation != nullptr) {
      collation = arg.type.collation;
      break;
    }
  }
  type.collation = collation;
  // ORDER BY n names the n-th argument (its value, not the number).
  std::vector<BoundExpr> arguments = call.args;
  BoundExpr value = call.args.size() == 1
                        ? BoundExpr::Call("mysql_cast_char", {std::move(call.args[0])}, type)
                        : BoundExpr::Call("mysql_concat", std::move(call.args), type);
  int64_t max_bytes = 1024;
  if (call.context().variables != nullptr) {
    Result<std::string> limit =
        call.context().variables->Get("group_concat_max_len", sql::VariableScope::kSession);
    if (limit.ok()) max_bytes = std::atoll(limit.value().c_str());
  }
  std::vector<BoundExpr> args;
  args.push_back(std::move(value));
  args.push_back(TextConstant(expr.detail().has_separator ? expr.detail().separator : ","));
  args.push_back(IntegerConstant(max_bytes));
  type.length = static_cast<uint32_t>(std::clamp<int64_t>(max_bytes, 1, 16777216));
  args[0].type.length = type.length;
  args.push_back(IntegerConstant(expr.distinct ? 1 : 0));
  args.push_back(IntegerConstant(collation != nullptr ? collation->id() : 0));
  for (const auto& [term, descending] : expr.detail().function_order_by) {
    BoundExpr key;
    if (term->kind == sql::ExprKind::kLiteral && term->literal_kind == sql::LiteralKind::kInteger) {
      size_t position = std::strtoull(term->text.c_str(), nullptr, 10);
      if (position < 1 || position > arguments.size()) {
        return Status::Error(ER_BAD_FIELD_ERROR, term->text, "order clause");
      }
      key = arguments[position - 1];
    } else {
      PORPOISE_ASSIGN_OR_RETURN(key, call.binder.TranslateExpr(*term, call.scope, Clause::kFieldList));
    }
    if (key.aggregate) return Status::Error(ER_INVALID_GROUP_FUNC_USE);
    key = Translator::EnumOrdinal(std::move(key));
    uint16_t key_collation = 0;
    if (key.type.type == ValueType::kString && key.type.collation != nullptr) {
      key_collation = key.type.collation->id();
    } else if (key.type.type == ValueType::kDecimal || key.type.is_unsigned) {
      key = AsDouble(call, std::move(key));
    }
    args.push_back(std::move(key));
    args.push_back(IntegerConstant(descending ? 1 : 0));
    args.push_back(IntegerConstant(key_collation));
  }
  std::vector<BoundExprPtr> children;
  for (BoundExpr& arg : args) children.push_back(std::make_shared<const BoundExpr>(std::move(arg)));
  return Aggregate("pp_group_concat", std::move(children), type, false);
}

Result<BoundExpr> BindVariance(FunctionCall& call) {
  std::string_view name = call.name;
  std::string_view function = name == "VARIANCE" || name == "VAR_POP" ? "pp_var_pop"
                              : name == "VAR_SAMP"                    ? "pp_var_samp"
                              : name == "STDDEV_SAMP"                 ? "pp_stddev_samp"
                                                                      : "pp_stddev_pop";
  ExprType real = TypeOf(ValueType::kDouble, 23, 31);
  BoundExpr value = call.binder.Convert(std::move(call.args[0]), real);
  return Aggregate(function, std::move(value), real, call.expr.distinct);
}

// BIT_AND / BIT_OR / BIT_XOR: BIGINT UNSIGNED, never NULL.
Result<BoundExpr> BindBitAggregate(FunctionCall& call) {
  std::string_view function = call.name == "BIT_AND"  ? "pp_bit_and_agg"
                              : call.name == "BIT_OR" ? "pp_bit_or_agg"
                                                      : "pp_bit_xor_agg";
  ExprType type = TypeOf(ValueType::kInteger, 21);
  type.is_unsigned = true;
  type.not_null = true;
  return Aggregate(function, call.binder.BitOperand(std::move(call.args[0])), type,
                   call.expr.distinct);
}

}  // namespace

void RegisterAggregateFunctions(FunctionRegistry& registry) {
  auto add = [&](std::string_view name, uint8_t min, uint8_t max, ArgumentForm form,
                 BindRule bind) { registry.Add({name, min, max, form, bind, true}); };
  add("COUNT", 1, kAnyArity, ArgumentForm::kTyped, BindCount);
  add("SUM", 1, 1, ArgumentForm::kTyped, BindSumOrAverage);
  add("AVG", 1, 1, ArgumentForm::kTyped, BindSumOrAverage);
  for (std::string_view name : {"MIN", "MAX", "ANY_VALUE"}) {
    add(name, 1, 1, ArgumentForm::kTyped, BindMinMax);
  }
  add("GROUP_CONCAT", 1, kAnyArity, ArgumentForm::kString, BindGroupConcat);
  // GROUPING() is replaced by its value in a WITH ROLLUP query (translate_rollup.cc); met
  // anywhere else it is misplaced.
  add("GROUPING", 1, kAnyArity, ArgumentForm::kUnbound,
      [](FunctionCall&) -> Result<BoundExpr> { return Status::Error(ER_INVALID_GROUP_FUNC_USE); });
  for (std::string_view name : {"BIT_AND", "BIT_OR", "BIT_XOR"}) {
    add(name, 1, 1, ArgumentForm::kTyped, BindBitAggregate);
  }
  for (std::string_view name : {"STD", "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VARIANCE",
                                "VAR_POP", "VAR_SAMP"}) {
    add(name, 1, 1, ArgumentForm::kTyped, BindVariance);
  }
}

}  // namespace porpoise::engine
