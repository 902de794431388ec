// Function translation: MySQL built-in functions and aggregates -> SQLite built-ins or the
// functions registered in sqlite_functions.cc, each with its MySQL result type. (engine/)
#include <algorithm>
#include <cctype>

#include "engine/translator.h"
#include "common/strings.h"
#include "engine/variables.h"

namespace porpoise::engine {

namespace {

ExprType Typed(ValueType type, uint32_t length, uint8_t decimals = 0) {
  ExprType result;
  result.type = type;
  result.length = length;
  result.decimals = decimals;
  return result;
}

std::string Call(std::string_view name, const std::vector<TranslatedExpr>& args, size_t first = 0) {
  std::string sql(name);
  sql += "(";
  for (size_t i = first; i < args.size(); ++i) {
    if (i > first) sql += ", ";
    sql += args[i].sql;
  }
  return sql + ")";
}

ExprType MergeTypes(const std::vector<TranslatedExpr>& args, size_t first = 0) {
  ExprType result = Typed(ValueType::kNull, 0);
  bool have = false;
  for (size_t i = first; i < args.size(); ++i) {
    const ExprType& type = args[i].type;
    if (type.type == ValueType::kNull) continue;
    if (!have) {
      result = type;
      result.column = nullptr;
      result.not_null = false;
      have = true;
      continue;
    }
    if (result.type != type.type) {
      if (IsNumericType(result.type) && IsNumericType(type.type)) {
        result.type = (result.type == ValueType::kDouble || type.type == ValueType::kDouble ||
                       result.type == ValueType::kFloat || type.type == ValueType::kFloat)
                          ? ValueType::kDouble
                          : ValueType::kDecimal;
      } else {
        result.type = ValueType::kString;
      }
    }
    result.length = std::max(result.length, type.length);
    result.decimals = std::max(result.decimals, type.decimals);
  }
  return result;
}

// The value of a constant integer argument (ROUND's digits, NOW's precision); 0 otherwise.
int64_t ConstantInteger(const TranslatedExpr& arg) {
  if (!arg.constant) return 0;
  const Value& value = *arg.constant;
  if (value.kind == Value::Kind::kInteger) return value.integer;
  if (value.kind == Value::Kind::kDouble) return static_cast<int64_t>(value.real);
  if (value.kind == Value::Kind::kText) return std::atoll(value.bytes.c_str());
  return 0;
}

}  // namespace

bool IsAggregateFunction(std::string_view name) {
  return name == "COUNT" || name == "SUM" || name == "AVG" || name == "MIN" || name == "MAX" ||
         name == "GROUP_CONCAT" || name == "BIT_AND" || name == "BIT_OR" || name == "BIT_XOR" ||
         name == "STD" || name == "STDDEV" || name == "STDDEV_POP" || name == "VARIANCE" ||
         name == "VAR_POP" || name == "VAR_SAMP" || name == "STDDEV_SAMP" || name == "ANY_VALUE";
}

namespace {

Status ArgCount(const std::vector<TranslatedExpr>& args, size_t min, size_t max,
                std::string_view name) {
  if (args.size() < min || args.size() > max) {
    return Status::Error(ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT, name);
  }
  return Status::OK();
}

// Unit keyword of an INTERVAL -> SQLite modifier pieces (count multiplier, unit word).
bool IntervalUnit(std::string_view unit, std::string* modifier_unit, int64_t* multiplier) {
  *multiplier = 1;
  if (unit == "SECOND") *modifier_unit = "seconds";
  else if (unit == "MINUTE") *modifier_unit = "minutes";
  else if (unit == "HOUR") *modifier_unit = "hours";
  else if (unit == "DAY") *modifier_unit = "days";
  else if (unit == "WEEK") { *modifier_unit = "days"; *multiplier = 7; }
  else if (unit == "MONTH") *modifier_unit = "months";
  else if (unit == "QUARTER") { *modifier_unit = "months"; *multiplier = 3; }
  else if (unit == "YEAR") *modifier_unit = "years";
  else return false;
  return true;
}

}  // namespace

Result<TranslatedExpr> Translator::TranslateFunction(const sql::Expr& expr, const Scope& scope,
                                                     Clause clause) {
  std::string name = ToUpperAscii(expr.text);
  TranslatedExpr result;

  // Aggregates.
  if (IsAggregateFunction(name)) {
    if (clause == Clause::kWhere || clause == Clause::kOn || clause == Clause::kGroup) {
      return Status::Error(ER_INVALID_GROUP_FUNC_USE);
    }
    std::vector<TranslatedExpr> args;
    for (const sql::ExprPtr& arg : expr.args) {
      PORPOISE_ASSIGN_OR_RETURN(TranslatedExpr translated,
                                TranslateExpr(*arg, scope, Clause::kFieldList));
      if (translated.aggregate) return Status::Error(ER_INVALID_GROUP_FUNC_USE);
      args.push_back(name == "GROUP_CONCAT" ? Textual(std::move(translated)) : std::move(translated));
    }
    result.aggregate = true;
    std::string distinct = expr.distinct ? "DISTINCT " : "";
    if (name == "COUNT") {
      result.type = Typed(ValueType::kInteger, 21);
      result.type.not_null = true;
      if (expr.star) {
        result.sql = "count(*)";
        return result;
      }
      if (args.size() != 1) {
        if (expr.distinct && args.size() > 1) {
          return Status::Error(ER_NOT_SUPPORTED_YET, "COUNT(DISTINCT) of several expressions");
        }
        return Status::Error(ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT, expr.text);
      }
      result.sql = "count(" + distinct + args[0].sql + ")";
      return result;
    }
    if (name == "GROUP_CONCAT") {
      if (args.empty()) return Status::Error(ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT, expr.text);
      std::string value = args.size() == 1 ? "mysql_cast_char(" + args[0].sql + ")" : Call("mysql_concat", args);
      std::string separator = expr.has_separator ? expr.separator : ",";
      if (expr.distinct) {
        if (separator != ",") {
          return Status::Error(ER_NOT_SUPPORTED_YET, "GROUP_CONCAT(DISTINCT ... SEPARATOR)");
        }
        result.sql = "group_concat(DISTINCT " + value + ")";
      } else {
        result.sql = "group_concat(" + value + ", " + SqlLiteral(Value::Text(separator)) + ")";
      }
      if (!expr.function_order_by.empty()) {
        return Status::Error(ER_NOT_SUPPORTED_YET, "GROUP_CONCAT(... ORDER BY ...)");
      }
      result.type = Typed(ValueType::kString, 1024);
      return result;
    }
    PORPOISE_RETURN_IF_ERROR(ArgCount(args, 1, 1, expr.text));
    const ExprType& arg_type = args[0].type;
    if (name == "SUM" || name == "AVG") return TranslateSumOrAverage(name, std::move(args[0]), distinct);
    if (name == "MIN" || name == "MAX" || name == "ANY_VALUE") {
      std::string function = name == "ANY_VALUE" ? "max" : name == "MIN" ? "min" : "max";
      std::string collate;
      if (arg_type.collation != nullptr && arg_type.type == ValueType::kString) {
        collate = " COLLATE \"" + std::string(arg_type.collation->sqlite_name()) + "\"";
      }
      result.sql = function + "(" + distinct + args[0].sql + collate + ")";
      result.type = arg_type;
      result.type.column = nullptr;
      result.type.not_null = false;
      return result;
    }
    if (name == "BIT_OR" || name == "BIT_AND" || name == "BIT_XOR") {
      return Status::Error(ER_NOT_SUPPORTED_YET, name);
    }
    // Variance and standard deviation (Welford's method, in the runtime).
    std::string function = name == "VARIANCE" || name == "VAR_POP" ? "pp_var_pop"
                           : name == "VAR_SAMP"                    ? "pp_var_samp"
                           : name == "STDDEV_SAMP"                 ? "pp_stddev_samp"
                                                                   : "pp_stddev_pop";
    TranslatedExpr value = Convert(std::move(args[0]), Typed(ValueType::kDouble, 23, 31));
    result.sql = function + "(" + distinct + value.sql + ")";
    result.type = Typed(ValueType::kDouble, 23, 31);
    return result;
  }

  if (name == "VALUES" && context_.allow_values_function && expr.args.size() == 1 &&
      expr.args[0]->kind == sql::ExprKind::kColumnRef) {
    PORPOISE_ASSIGN_OR_RETURN(TranslatedExpr column, TranslateExpr(*expr.args[0], scope, clause));
    result.type = column.type;
    result.type.column = nullptr;
    result.sql = "excluded." + QuoteName(result.type.column == nullptr && column.type.column != nullptr
                                             ? column.type.column->name
                                             : expr.args[0]->column);
    return result;
  }
  if (IsNumericFamilyFunction(name)) {
    PORPOISE_ASSIGN_OR_RETURN(std::vector<TranslatedExpr> typed, TranslateArgs(expr, scope, clause));
    bool not_null = true;
    for (const TranslatedExpr& arg : typed) not_null = not_null && arg.type.not_null;
    PORPOISE_ASSIGN_OR_RETURN(TranslatedExpr computed,
                              TranslateNumericFunction(name, std::move(typed), expr));
    if (name != "MOD") computed.type.not_null = not_null;  // MOD by zero is NULL
    return computed;
  }
  PORPOISE_ASSIGN_OR_RETURN(std::vector<TranslatedExpr> args, TranslateArgs(expr, scope, clause, true));
  for (const TranslatedExpr& arg : args) result.aggregate |= arg.aggregate;
  auto literal = [&](Value value, ValueType type, uint32_t length) -> Result<TranslatedExpr> {
    if (!args.empty()) return Status::Error(ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT, expr.text);
    result.sql = SqlLiteral(value);
    result.type = Typed(value.is_null() ? ValueType::kNull : type, length);
    if (value.is_null()) result.type = Typed(ValueType::kString, length);
    return result;
  };
  auto simple = [&](std::string_view function, ExprType type, size_t min, size_t max) -> Result<TranslatedExpr> {
    PORPOISE_RETURN_IF_ERROR(ArgCount(args, min, max, expr.text));
    result.sql = Call(function, args);
    result.type = type;
    return result;
  };

  // Session facts.
  if (name == "DATABASE" || name == "SCHEMA") {
    if (context_.current_database.empty()) {
      if (!args.empty()) return Status::Error(ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT, expr.text);
      result.sql = "NULL";
      result.type = Typed(ValueType::kString, 34);
      return result;
    }
    return literal(Value::Text(context_.current_database), ValueType::kString, 34);
  }
  if (name == "USER" || name == "SESSION_USER" || name == "SYSTEM_USER") {
    return literal(Value::Text(context_.user), ValueType::kString, 288);
  }
  if (name == "CURRENT_USER") return literal(Value::Text(context_.current_user), ValueType::kString, 288);
  if (name == "VERSION") {
    std::string version = "8.4.0";
    if (context_.variables != nullptr) {
      Result<std::string> value = context_.variables->Get("version", sql::VariableScope::kDefault);
      if (value.ok()) version = value.value();
    }
    return literal(Value::Text(version), ValueType::kString, static_cast<uint32_t>(version.size()));
  }
  if (name == "CONNECTION_ID") {
    return literal(Value::Integer(context_.connection_id), ValueType::kInteger, 10);
  }
  if (name == "LAST_INSERT_ID") {
    if (!args.empty()) return Status::Error(ER_NOT_SUPPORTED_YET, "LAST_INSERT_ID(expr)");
    result.sql = std::to_string(context_.last_insert_id);
    result.type = Typed(ValueType::kInteger, 21);
    result.type.is_unsigned = true;
    return result;
  }
  if (name == "ROW_COUNT") return literal(Value::Integer(context_.row_count), ValueType::kInteger, 21);
  if (name == "FOUND_ROWS") {
    return literal(Value::Integer(static_cast<int64_t>(context_.found_rows)), ValueType::kInteger, 21);
  }
  if (name == "CHARSET") {
    PORPOISE_RETURN_IF_ERROR(ArgCount(args, 1, 1, expr.text));
    result.sql = args[0].type.type == ValueType::kBinary ? "'binary'" : "'utf8mb4'";
    result.type = Typed(ValueType::kString, 64);
    return result;
  }
  if (name == "COLLATION") {
    PORPOISE_RETURN_IF_ERROR(ArgCount(args, 1, 1, expr.text));
    result.sql = args[0].type.type == ValueType::kBinary ? "'binary'" : "'utf8mb4_0900_ai_ci'";
    result.type = Typed(ValueType::kString, 64);
    return result;
  }

  // Time.
  if (name == "NOW" || name == "CURRENT_TIMESTAMP" || name == "LOCALTIME" ||
      name == "LOCALTIMESTAMP" || name == "SYSDATE" || name == "UTC_TIMESTAMP") {
    PORPOISE_RETURN_IF_ERROR(ArgCount(args, 0, 1, expr.text));
    uint32_t fsp = 0;
    if (!args.empty()) fsp = static_cast<uint32_t>(std::clamp<int64_t>(ConstantInteger(args[0]), 0, 6));
    result.sql = std::string(name == "UTC_TIMESTAMP" ? "mysql_utc_timestamp(" : "mysql_now(") +
                 std::to_string(fsp) + ")";
    result.type = Typed(ValueType::kDateTime, 19, static_cast<uint8_t>(fsp));
    return result;
  }
  if (name == "CURDATE" || name == "CURRENT_DATE" || name == "UTC_DATE") {
    PORPOISE_RETURN_IF_ERROR(ArgCount(args, 0, 0, expr.text));
    result.sql = name == "UTC_DATE" ? "substr(mysql_utc_timestamp(0), 1, 10)" : "substr(mysql_now(0), 1, 10)";
    result.type = Typed(ValueType::kDate, 10);
    return result;
  }
  if (name == "CURTIME" || name == "CURRENT_TIME" || name == "UTC_TIME") {
    PORPOISE_RETURN_IF_ERROR(ArgCount(args, 0, 1, expr.text));
    result.sql = name == "UTC_TIME" ? "substr(mysql_utc_timestamp(0), 12)" : "substr(mysql_now(0), 12)";
    result.type = Typed(ValueType::kTime, 8);
    return result;
  }
  if (name == "UNIX_TIMESTAMP") {
    PORPOISE_RETURN_IF_ERROR(ArgCount(args, 0, 1, expr.text));
    result.sql = args.empty() ? "mysql_unix_timestamp()"
                              : "CAST(strftime('%s', " + args[0].sql + ", 'utc') AS INTEGER)";
    result.type = Typed(ValueType::kInteger, 11);
    return result;
  }
  if (name == "FROM_UNIXTIME") {
    PORPOISE_RETURN_IF_ERROR(ArgCount(args, 1, 1, expr.text));
    result.sql = "datetime(" + args[0].sql + ", 'unixepoch', 'localtime')";
    result.type = Typed(ValueType::kDateTime, 19);
    return result;
  }
  if (name == "DATE") return simple("date", Typed(ValueType::kDate, 10), 1, 1);
  if (name == "TIME") return simple("time", Typed(ValueType::kTime, 10), 1, 1);
  if (name == "YEAR" || name == "MONTH" || name == "DAY" || name == "DAYOFMONTH" ||
      name == "HOUR" || name == "MINUTE" || name == "SECOND" || name == "DAYOFYEAR" ||
      name == "DAYOFWEEK" || name == "WEEKDAY") {
    PORPOISE_RETURN_IF_ERROR(ArgCount(args, 1, 1, expr.text));
    std::string format = name == "YEAR" ? "%Y" : name == "MONTH" ? "%m"
                         : name == "HOUR" ? "%H" : name == "MINUTE" ? "%M"
                         : name == "SECOND" ? "%S" : name == "DAYOFYEAR" ? "%j"
                         : (name == "DAYOFWEEK" || name == "WEEKDAY") ? "%w" : "%d";
    std::string subject = args[0].type.type == ValueType::kTime ? "'2000-01-01 ' || " + args[0].sql : args[0].sql;
    result.sql = "CAST(strftime('" + format + "', " + subject + ") AS INTEGER)";
    if (name == "DAYOFWEEK") result.sql = "(" + result.sql + " + 1)";
    if (name == "WEEKDAY") result.sql = "((" + result.sql + " + 6) % 7)";
    result.type = Typed(ValueType::kInteger, name == "YEAR" ? 4 : 2);
    return result;
  }
  if (name == "DATEDIFF") {
    PORPOISE_RETURN_IF_ERROR(ArgCount(args, 2, 2, expr.text));
    result.sql = "CAST(julianday(date(" + args[0].sql + ")) - julianday(date(" + args[1].sql + ")) AS INTEGER)";
    result.type = Typed(ValueType::kInteger, 11);
    return result;
  }
  if (name == "DATE_FORMAT") return simple("mysql_date_format", Typed(ValueType::kString, 64), 2, 2);
  if (name == "DATE_ADD" || name == "DATE_SUB" || name == "ADDDATE" || name == "SUBDATE") {
    if (expr.args.size() != 2) return Status::Error(ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT, expr.text);
    std::string unit = "DAY";
    std::string amount = args[1].sql;
    if (expr.args[1]->kind == sql::ExprKind::kInterval) {
      unit = ToUpperAscii(expr.args[1]->text);
      PORPOISE_ASSIGN_OR_RETURN(TranslatedExpr count, TranslateExpr(*expr.args[1]->args[0], scope, clause));
      amount = count.sql;
    }
    std::string modifier_unit;
    int64_t multiplier = 1;
    if (!IntervalUnit(unit, &modifier_unit, &multiplier)) {
      return Status::Error(ER_NOT_SUPPORTED_YET, "INTERVAL unit " + unit);
    }
    bool subtract = name == "DATE_SUB" || name == "SUBDATE";
    std::string signed_amount = "(" + std::string(subtract ? "-" : "") + "(" + amount + ") * " + std::to_string(multiplier) + ")";
    bool date_result = args[0].type.type == ValueType::kDate &&
                       (modifier_unit == "days" || modifier_unit == "months" || modifier_unit == "years");
    result.sql = std::string(date_result ? "date(" : "datetime(") + args[0].sql +
                 ", printf('%+d " + modifier_unit + "', " + signed_amount + "))";
    result.type = Typed(date_result ? ValueType::kDate : ValueType::kDateTime, date_result ? 10 : 19);
    return result;
  }

  // Control flow.
  if (name == "IF") {
    PORPOISE_RETURN_IF_ERROR(ArgCount(args, 3, 3, expr.text));
    result.sql = "(CASE WHEN " + args[0].sql + " THEN " + args[1].sql + " ELSE " + args[2].sql + " END)";
    result.type = MergeTypes(args, 1);
    return result;
  }
  if (name == "IFNULL" || name == "NVL") return simple("ifnull", MergeTypes(args), 2, 2);
  if (name == "NULLIF") {
    PORPOISE_RETURN_IF_ERROR(ArgCount(args, 2, 2, expr.text));
    result.sql = Call("nullif", args);
    result.type = args[0].type;
    result.type.column = nullptr;
    return result;
  }
  if (name == "COALESCE") {
    if (args.empty()) return Status::Error(ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT, expr.text);
    result.sql = args.size() == 1 ? args[0].sql : Call("coalesce", args);
    result.type = MergeTypes(args);
    return result;
  }
  if (name == "ISNULL") {
    PORPOISE_RETURN_IF_ERROR(ArgCount(args, 1, 1, expr.text));
    result.sql = "(" + args[0].sql + " IS NULL)";
    result.type = Typed(ValueType::kInteger, 1);
    return result;
  }
  if (name == "GREATEST" || name == "LEAST") {
    if (args.size() < 2) return Status::Error(ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT, expr.text);
    result.sql = Call(name == "GREATEST" ? "max" : "min", args);
    result.type = MergeTypes(args);
    return result;
  }

  // Strings.
  if (name == "CONCAT") {
    if (args.empty()) return Status::Error(ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT, expr.text);
    uint32_t length = 0;
    bool binary = false;
    for (const TranslatedExpr& arg : args) {
      length += arg.type.length;
      binary |= arg.type.type == ValueType::kBinary;
    }
    result.sql = Call("mysql_concat", args);
    result.type = Typed(binary ? ValueType::kBinary : ValueType::kString, length);
    return result;
  }
  if (name == "CONCAT_WS") {
    if (args.size() < 2) return Status::Error(ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT, expr.text);
    uint32_t length = 0;
    for (const TranslatedExpr& arg : args) length += arg.type.length;
    result.sql = Call("mysql_concat_ws", args);
    result.type = Typed(ValueType::kString, length);
    return result;
  }
  auto string_type = [&](uint32_t length) { return Typed(ValueType::kString, length); };
  uint32_t first_length = args.empty() ? 0 : args[0].type.length;
  if (name == "UPPER" || name == "UCASE") return simple("mysql_upper", string_type(first_length), 1, 1);
  if (name == "LOWER" || name == "LCASE") return simple("mysql_lower", string_type(first_length), 1, 1);
  if (name == "LENGTH" || name == "OCTET_LENGTH") return simple("mysql_length", Typed(ValueType::kInteger, 10), 1, 1);
  if (name == "CHAR_LENGTH" || name == "CHARACTER_LENGTH") {
    return simple("mysql_char_length", Typed(ValueType::kInteger, 10), 1, 1);
  }
  if (name == "BIT_LENGTH") {
    PORPOISE_RETURN_IF_ERROR(ArgCount(args, 1, 1, expr.text));
    result.sql = "(mysql_length(" + args[0].sql + ") * 8)";
    result.type = Typed(ValueType::kInteger, 10);
    return result;
  }
  if (name == "SUBSTRING" || name == "SUBSTR" || name == "MID") {
    return simple("mysql_substr", string_type(first_length), 2, 3);
  }
  if (name == "LEFT") {
    PORPOISE_RETURN_IF_ERROR(ArgCount(args, 2, 2, expr.text));
    result.sql = "mysql_substr(" + args[0].sql + ", 1, " + args[1].sql + ")";
    result.type = string_type(first_length);
    return result;
  }
  if (name == "RIGHT") return simple("mysql_right", string_type(first_length), 2, 2);
  if (name == "REPLACE") return simple("replace", string_type(first_length), 3, 3);
  if (name == "TRIM" || name == "LTRIM" || name == "RTRIM") {
    // The parser passes TRIM([LEADING|TRAILING|BOTH] [rem] FROM str) as (str[, rem[, mode]]).
    PORPOISE_RETURN_IF_ERROR(ArgCount(args, 1, name == "TRIM" ? 3 : 1, expr.text));
    std::string mode = name == "LTRIM" ? "L" : name == "RTRIM" ? "R" : "B";
    if (args.size() == 3) {
      std::string written = ToUpperAscii(expr.args[2]->text);
      mode = written == "LEADING" ? "L" : written == "TRAILING" ? "R" : "B";
    }
    std::string remove = args.size() > 1 ? args[1].sql : "' '";
    result.sql = "mysql_trim_string(" + args[0].sql + ", " + remove + ", '" + mode + "')";
    result.type = string_type(first_length);
    return result;
  }
  if (name == "LOCATE" || name == "POSITION") return simple("mysql_locate", Typed(ValueType::kInteger, 11), 2, 3);
  if (name == "INSTR") {
    PORPOISE_RETURN_IF_ERROR(ArgCount(args, 2, 2, expr.text));
    result.sql = "mysql_locate(" + args[1].sql + ", " + args[0].sql + ")";
    result.type = Typed(ValueType::kInteger, 11);
    return result;
  }
  if (name == "REPEAT") return simple("mysql_repeat", string_type(first_length), 2, 2);
  if (name == "REVERSE") return simple("mysql_reverse", string_type(first_length), 1, 1);
  if (name == "LPAD") return simple("mysql_lpad", string_type(first_length), 3, 3);
  if (name == "RPAD") return simple("mysql_rpad", string_type(first_length), 3, 3);
  if (name == "SPACE") return simple("mysql_space", string_type(255), 1, 1);
  if (name == "HEX") return simple("mysql_hex", string_type(first_length * 2 + 16), 1, 1);
  if (name == "UNHEX") return simple("mysql_unhex", Typed(ValueType::kBinary, first_length / 2), 1, 1);
  if (name == "ASCII" || name == "ORD") return simple("mysql_ascii", Typed(ValueType::kInteger, 3), 1, 1);
  if (name == "FIND_IN_SET") return simple("mysql_find_in_set", Typed(ValueType::kInteger, 3), 2, 2);
  if (name == "STRCMP") {
    PORPOISE_RETURN_IF_ERROR(ArgCount(args, 2, 2, expr.text));
    PORPOISE_ASSIGN_OR_RETURN(const types::Collation* collation,
                              AggregateCollation(args[0].type, args[1].type, "strcmp"));
    if (collation == nullptr) collation = &types::DefaultCollation();
    result.sql = "pp_strcmp(" + args[0].sql + ", " + args[1].sql + ", " +
                 std::to_string(collation->id()) + ")";
    result.type = Typed(ValueType::kInteger, 2);
    return result;
  }

  // Numbers.
  ExprType double_type = Typed(ValueType::kDouble, 23, 31);
  if (name == "POW" || name == "POWER") return simple("pow", double_type, 2, 2);
  if (name == "SQRT" || name == "EXP" || name == "LN" || name == "LOG2" || name == "LOG10" ||
      name == "SIN" || name == "COS" || name == "TAN" || name == "ASIN" || name == "ACOS" ||
      name == "ATAN" || name == "RADIANS" || name == "DEGREES") {
    std::string function = name;
    for (char& c : function) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return simple(function, double_type, 1, 1);
  }
  if (name == "LOG") return simple("log", double_type, 1, 2);
  if (name == "PI") {
    PORPOISE_RETURN_IF_ERROR(ArgCount(args, 0, 0, expr.text));
    result.sql = "pi()";
    result.type = Typed(ValueType::kDecimal, 8, 6);
    return result;
  }
  if (name == "RAND") {
    PORPOISE_RETURN_IF_ERROR(ArgCount(args, 0, 1, expr.text));
    result.sql = "((random() / 18446744073709551616.0) + 0.5)";
    result.type = double_type;
    return result;
  }
  if (name == "SLEEP") return simple("mysql_sleep", Typed(ValueType::kInteger, 21), 1, 1);

  std::string qualified = context_.current_database.empty()
                              ? expr.text
                              : context_.current_database + "." + expr.text;
  return Status::Error(ER_SP_DOES_NOT_EXIST, "FUNCTION", qualified);
}

// SUM and AVG: exact over integers and decimals (a DECIMAL result, as in MySQL), double
// otherwise.
Result<TranslatedExpr> Translator::TranslateSumOrAverage(std::string_view name,
                                                         TranslatedExpr arg,
                                                         const std::string& distinct) {
  TranslatedExpr result;
  result.aggregate = true;
  const ExprType& type = arg.type;
  bool exact = type.type == ValueType::kInteger || type.type == ValueType::kDecimal ||
               type.type == ValueType::kYear || type.type == ValueType::kBit ||
               type.type == ValueType::kNull;
  if (!exact) {
    TranslatedExpr value = Convert(std::move(arg), Typed(ValueType::kDouble, 23, 31));
    result.sql = std::string(name == "SUM" ? "sum(" : "avg(") + distinct + value.sql + ")";
    result.type = Typed(ValueType::kDouble, 23, 31);
    return result;
  }
  uint8_t scale = type.type == ValueType::kDecimal && type.decimals < 31 ? type.decimals : 0;
  uint32_t precision = type.type == ValueType::kNull ? 1 : DecimalPrecision(type);
  ExprType as_decimal = Typed(ValueType::kDecimal, type.length, scale);
  TranslatedExpr value = Convert(std::move(arg), as_decimal);
  std::string sum = "pp_sum_dec(" + distinct + value.sql + ")";
  if (name == "SUM") {
    uint32_t digits = std::min<uint32_t>(precision + 22, 65);
    result.type = Typed(ValueType::kDecimal, DecimalLength(digits, scale, false), scale);
    result.sql = sum;
    return result;
  }
  uint32_t increment = context_.div_precision_increment;
  uint8_t average_scale = static_cast<uint8_t>(std::min<uint32_t>(scale + increment, 30));
  uint32_t digits = std::min<uint32_t>(precision + increment, 65);
  result.type = Typed(ValueType::kDecimal, DecimalLength(digits, average_scale, false), average_scale);
  result.sql = "pp_div_dec(" + sum + ", count(" + distinct + value.sql + "), " +
               std::to_string(average_scale) + ", 'avg')";
  return result;
}

}  // namespace porpoise::engine
