// Binding function calls: the name is looked up in the function registry
// (function_registry.h), the arguments are bound as the entry asks, and the entry's rule
// gives the typed call. (engine/)
#include <algorithm>
#include <set>
#include <utility>

#include "common/strings.h"
#include "engine/function_registry.h"
#include "engine/program.h"

namespace porpoise::engine {

const FunctionRegistry& FunctionRegistry::Get() {
  static const FunctionRegistry* registry = [] {
    auto* built = new FunctionRegistry();
    RegisterAggregateFunctions(*built);
    RegisterControlFunctions(*built);
    RegisterNumericFunctions(*built);
    RegisterStringFunctions(*built);
    RegisterTimeFunctions(*built);
    RegisterInformationFunctions(*built);
    RegisterJsonFunctions(*built);
    // The arguments each function reads as integers (REPEAT('a', 2.5) repeats three times).
    static constexpr std::pair<std::string_view, uint32_t> kIntegerArguments[] = {
        {"REPEAT", 0b10},     {"SPACE", 0b1},       {"LEFT", 0b10},          {"RIGHT", 0b10},
        {"SUBSTRING", 0b110}, {"SUBSTR", 0b110},    {"MID", 0b110},          {"LPAD", 0b10},
        {"RPAD", 0b10},       {"INSERT", 0b110},    {"LOCATE", 0b100},       {"ELT", 0b1},
        {"CHAR", ~0u},        {"INET_NTOA", 0b1},   {"MAKEDATE", 0b11},      {"MAKETIME", 0b11},
        {"SUBSTRING_INDEX", 0b100}, {"EXPORT_SET", 0b10001}, {"MAKE_SET", 0b1},
        {"FORMAT", 0b10},     {"PERIOD_ADD", 0b11}, {"PERIOD_DIFF", 0b11},   {"FROM_DAYS", 0b1},
        {"RANDOM_BYTES", 0b1}, {"BENCHMARK", 0b1},
    };
    for (const auto& [name, mask] : kIntegerArguments) built->functions_.at(name).integer_args = mask;
    // Of those, the constants MySQL reads while resolving the call, to size its result.
    static constexpr std::pair<std::string_view, uint32_t> kResolvedArguments[] = {
        {"REPEAT", 0b10}, {"SPACE", 0b1},  {"LEFT", 0b10}, {"RIGHT", 0b10}, {"SUBSTRING", 0b110},
        {"SUBSTR", 0b110}, {"MID", 0b110}, {"LPAD", 0b10}, {"RPAD", 0b10},
    };
    for (const auto& [name, mask] : kResolvedArguments) built->functions_.at(name).resolve_args = mask;
    // The arguments each function reads as numbers of any kind (SQRT(TIME '00:00:04') is 2).
    static constexpr std::pair<std::string_view, uint32_t> kNumberArguments[] = {
        {"SQRT", ~0u},  {"EXP", ~0u},     {"LN", ~0u},      {"LOG", ~0u},   {"LOG2", ~0u},
        {"LOG10", ~0u}, {"POW", ~0u},     {"POWER", ~0u},   {"SIN", ~0u},   {"COS", ~0u},
        {"TAN", ~0u},   {"COT", ~0u},     {"ASIN", ~0u},    {"ACOS", ~0u},  {"ATAN", ~0u},
        {"ATAN2", ~0u}, {"RADIANS", ~0u}, {"DEGREES", ~0u}, {"FORMAT", 0b1},
        {"SEC_TO_TIME", 0b1}, {"FROM_UNIXTIME", 0b1},
    };
    for (const auto& [name, mask] : kNumberArguments) built->functions_.at(name).number_args = mask;
    // The argument a function reads first and stops at when it is NULL (MySQL's TIMEDIFF
    // reads its first time, TIMESTAMPDIFF its first date, the JSON modifiers their document;
    // DATEDIFF is TO_DAYS(a) - TO_DAYS(b) and reads both).
    static constexpr std::pair<std::string_view, uint8_t> kNullFirst[] = {
        {"TIMEDIFF", 0},      {"ADDTIME", 0},         {"SUBTIME", 0},
        {"TIMESTAMPDIFF", 1}, {"CONVERT_TZ", 0},      {"JSON_SET", 0},     {"JSON_INSERT", 0},
        {"JSON_REPLACE", 0},  {"JSON_ARRAY_APPEND", 0}, {"JSON_ARRAY_INSERT", 0},
        {"JSON_REMOVE", 0},
    };
    for (const auto& [name, index] : kNullFirst) built->functions_.at(name).null_first = index;
    for (std::string_view name : {"GREATEST", "LEAST", "CONCAT"}) {
      built->functions_.at(name).stops_at_null = true;
    }
    for (std::string_view name :
         {"REGEXP_LIKE", "REGEXP_INSTR", "REGEXP_SUBSTR", "REGEXP_REPLACE"}) {
      built->functions_.at(name).second_first = true;
    }
    return built;
  }();
  return *registry;
}

const FunctionDef* FunctionRegistry::Find(std::string_view upper_name) const {
  auto found = functions_.find(upper_name);
  return found == functions_.end() ? nullptr : &found->second;
}

void FunctionRegistry::Add(const FunctionDef& def) { functions_[def.name] = def; }

namespace {

// The integer type an operand brings to MySQL's type merge: a column's own (TINY, SHORT, ...),
// else the expression's (LONGLONG for most).
FieldType IntegerWire(const ExprType& type) {
  if (type.column != nullptr) return catalog::WireType(type.column->type);
  return type.integer_field;
}

// The wider of two integer types, as MySQL's merge rules give it (TINY < SHORT < INT24 <
// LONG < LONGLONG).
FieldType WiderInteger(FieldType a, FieldType b) {
  auto rank = [](FieldType type) {
    switch (type) {
      case FieldType::kTiny: return 1;
      case FieldType::kShort: return 2;
      case FieldType::kInt24: return 3;
      case FieldType::kLong: return 4;
      default: return 5;
    }
  };
  return rank(a) >= rank(b) ? a : b;
}

// Whether a FLOAT merged with an integer of this type stays FLOAT (TINY, SHORT, INT24; a
// wider one makes it DOUBLE).
bool FloatHolds(FieldType type) {
  return type == FieldType::kTiny || type == FieldType::kShort || type == FieldType::kInt24;
}

// The field type MySQL gives `type` where it differs from its value type's usual one: its
// own_field, or kString for a CHAR or BINARY column.
FieldType OwnField(const ExprType& type) {
  if (type.own_field != FieldType::kNull || type.column == nullptr) return type.own_field;
  bool text = type.type == ValueType::kString || type.type == ValueType::kBinary;
  return text && catalog::WireType(type.column->type) == FieldType::kString ? FieldType::kString
                                                                              : FieldType::kNull;
}

}  // namespace

ExprType MergeType(const ExprType* merged, const ExprType& given) {
  if (given.type == ValueType::kNull) return merged != nullptr ? *merged : given;
  // A YEAR beside an unsigned integer merges as one (MySQL's merge rules give the integer's
  // type, and a YEAR is unsigned): IFNULL(bigint_unsigned, y) is BIGINT UNSIGNED.
  ExprType next = given;
  if (merged != nullptr && merged->type == ValueType::kInteger && merged->is_unsigned &&
      next.type == ValueType::kYear) {
    next.type = ValueType::kInteger;
    next.is_unsigned = true;
    next.integer_field = merged->integer_field;
  }
  if (merged == nullptr || merged->type == ValueType::kNull) {
    ExprType result = next;
    result.column = nullptr;
    result.quiet_number = false;
    // (an integer keeps its column's type: IF(c, tiny, tiny) is TINY)
    result.integer_field = next.type == ValueType::kInteger ? IntegerWire(next) : FieldType::kLongLong;
    result.own_field = OwnField(next);
    result.not_null = false;
    return result;
  }
  ExprType result = *merged;
  if (result.type == ValueType::kYear && next.type == ValueType::kInteger && next.is_unsigned) {
    result.type = ValueType::kInteger;
    result.is_unsigned = true;
    result.integer_field = IntegerWire(next);
  }
  // (an integer literal's digits, no sign position, hold while only such literals merge)
  result.digits = merged->type == ValueType::kInteger && next.type == ValueType::kInteger &&
                          merged->digits != 0 && next.digits != 0
                      ? std::max(merged->digits, next.digits)
                      : 0;
  FieldType next_own = OwnField(next);
  if (result.own_field == FieldType::kString || next_own == FieldType::kString) {
    // MySQL's merge rules: a CHAR beside a number, a date or another CHAR is a CHAR; beside
    // other text (a VARCHAR, a BLOB) it is that.
    auto plain_text = [](const ExprType& type, FieldType own) {
      return (type.type == ValueType::kString || type.type == ValueType::kBinary) &&
             own != FieldType::kString;
    };
    bool stays = !plain_text(result, result.own_field) && !plain_text(next, next_own);
    result.own_field = stays ? FieldType::kString : FieldType::kNull;
  } else if (result.own_field != next_own) {
    result.own_field = FieldType::kNull;  // (a TIMESTAMP beside a DATETIME)
  }
  result.datetime_text = result.datetime_text && next.datetime_text;
  result.temporal_text = result.temporal_text && next.temporal_text;
  if (result.type == ValueType::kInteger && next.type == ValueType::kInteger &&
      result.is_unsigned != next.is_unsigned) {
    // A BIGINT UNSIGNED with a signed integer: only a DECIMAL holds both ranges.
    // (A BIGINT UNSIGNED column shows 20 digits; a literal past the signed range, 19 or 20.)
    const ExprType& positive = result.is_unsigned ? result : next;
    if (positive.length >= 19) {
      // Every digit an integer may show counts (~0 has 21 positions), which
      // DecimalPrecision caps at 20 for arithmetic.
      auto precision = [](const ExprType& type) -> uint32_t {
        if (type.digits != 0) return type.digits;
        uint32_t sign = type.is_unsigned ? 0 : 1;
        return std::clamp<uint32_t>(type.length > sign ? type.length - sign : 1, 1, 65);
      };
      uint32_t digits = std::max(precision(result), precision(next));
      result.type = ValueType::kDecimal;
      result.is_unsigned = false;
      result.length = DecimalLength(digits, 0, false);
      result.decimals = 0;
      return result;
    }
    result.is_unsigned = false;
  }
  if (result.type == ValueType::kInteger && next.type == ValueType::kInteger) {
    result.integer_field = WiderInteger(result.integer_field, IntegerWire(next));
  }
  if (IsTemporalType(result.type) && IsTemporalType(next.type)) {
    // Two temporal kinds: a DATETIME holds both; the finer fraction wins.
    if (result.type != next.type) result.type = ValueType::kDateTime;
    auto fraction = [](const ExprType& type) -> uint32_t {
      return type.type == ValueType::kDate ? 0 : std::min<uint32_t>(type.decimals, 6);
    };
    uint32_t fsp = result.type == ValueType::kDate ? 0 : std::max(fraction(result), fraction(next));
    result.decimals = static_cast<uint8_t>(fsp);
    result.length = (result.type == ValueType::kDateTime ? 19 : 10) + (fsp > 0 ? fsp + 1 : 0);
    return result;
  }
  // (unsigned only when every value is)
  result.is_unsigned = result.is_unsigned && next.is_unsigned;
  if (result.type != next.type) {
    if (IsNumericType(result.type) && IsNumericType(next.type)) {
      // A FLOAT beside a YEAR or a narrow integer stays FLOAT.
      auto float_holds = [](const ExprType& type, FieldType wire) {
        return type.type == ValueType::kYear || (type.type == ValueType::kInteger && FloatHolds(wire));
      };
      bool stays_float = (result.type == ValueType::kFloat && float_holds(next, IntegerWire(next))) ||
                         (next.type == ValueType::kFloat && float_holds(result, result.integer_field));
      result.type = stays_float ? ValueType::kFloat
                    : (result.type == ValueType::kDouble || next.type == ValueType::kDouble ||
                       result.type == ValueType::kFloat || next.type == ValueType::kFloat)
                        ? ValueType::kDouble
                        : ValueType::kDecimal;
    } else {
      // (JSON beside text is text as long as JSON can be: a LONGTEXT)
      if (result.type == ValueType::kJson || next.type == ValueType::kJson) {
        result.length = 0xffffffffu / 4;
        if (result.type == ValueType::kJson) result.collation = next.collation;
      }
      result.type = ValueType::kString;
    }
  }
  auto exact = [](const ExprType& type) {
    return type.type == ValueType::kInteger || type.type == ValueType::kDecimal ||
           type.type == ValueType::kYear || type.type == ValueType::kBit;
  };
  if (result.type == ValueType::kDecimal && exact(*merged) && exact(next)) {
    // MySQL's aggregate of exact numbers: the most integer digits and the most decimals.
    auto scale = [](const ExprType& type) -> uint32_t {
      return type.type == ValueType::kDecimal && type.decimals < 31 ? type.decimals : 0;
    };
    auto integer_digits = [&](const ExprType& type) -> uint32_t {
      uint32_t precision = DecimalPrecision(type);
      return precision > scale(type) ? precision - scale(type) : 0;
    };
    uint32_t decimals = std::max(scale(*merged), scale(next));
    uint32_t precision =
        std::min<uint32_t>(std::max(integer_digits(*merged), integer_digits(next)) + decimals, 65);
    result.is_unsigned = merged->is_unsigned && next.is_unsigned;
    result.length = DecimalLength(std::max<uint32_t>(precision, 1), decimals, result.is_unsigned);
    result.decimals = static_cast<uint8_t>(decimals);
    return result;
  }
  result.length = std::max(result.length, next.length);
  result.decimals = std::max(result.decimals, next.decimals);
  return result;
}

bool ConvertsToMerged(const ExprType& type) {
  return IsTemporalType(type.type) || type.type == ValueType::kDouble ||
         type.type == ValueType::kFloat;
}

ExprType MergeTypes(const std::vector<BoundExpr>& args, size_t first) {
  ExprType result = TypeOf(ValueType::kNull, 0);
  std::vector<ExprType> types;
  for (size_t i = first; i < args.size(); ++i) {
    result = MergeType(&result, args[i].type);
    types.push_back(args[i].type);
  }
  SizeMergedReal(types, &result);
  SizeMergedText(types, &result);
  return result;
}

void SizeMergedText(const std::vector<ExprType>& types, ExprType* merged) {
  if (merged->type != ValueType::kString && merged->type != ValueType::kBinary) return;
  // MySQL's aggregate_char_length over the values at once: the longest value's characters
  // (merging them two by two would size a DATETIME or DECIMAL between them first).
  uint32_t longest = 0;
  for (const ExprType& type : types) {
    if (type.type == ValueType::kJson) return;  // (a LONGTEXT, as merging made it)
    if (type.type != ValueType::kNull) longest = std::max(longest, type.length);
  }
  merged->length = longest;
}

void SizeMergedReal(const std::vector<ExprType>& types, ExprType* merged) {
  if (merged->type != ValueType::kDouble && merged->type != ValueType::kFloat) return;
  // MySQL's count_real_length over the values at once (merging them two by two would size
  // a DECIMAL between them): the longest integer part and the most decimals, or, once a
  // value fixes none, the longest value.
  bool fixed = true;
  uint32_t integer_part = 0, decimals = 0, longest = 0;
  for (const ExprType& type : types) {
    longest = std::max(longest, type.length);
    if (type.decimals >= 31) fixed = false;
    if (!fixed) continue;
    decimals = std::max<uint32_t>(decimals, type.decimals);
    integer_part = std::max(integer_part, type.length > type.decimals ? type.length - type.decimals : 0);
  }
  merged->length = fixed ? integer_part + decimals : longest;
  merged->decimals = static_cast<uint8_t>(fixed ? decimals : 31);
}

namespace {

// The native functions MySQL keeps for its data dictionary's INFORMATION_SCHEMA views: a
// query of its own that names one is refused (3566) before any stored function is looked
// for. Porpoise's INFORMATION_SCHEMA needs none of them.
bool IsDataDictionaryFunction(std::string_view upper_name) {
  static const std::set<std::string_view> kNames = {
      "CAN_ACCESS_COLUMN", "CAN_ACCESS_DATABASE", "CAN_ACCESS_EVENT",
      "CAN_ACCESS_RESOURCE_GROUP", "CAN_ACCESS_ROUTINE", "CAN_ACCESS_TABLE",
      "CAN_ACCESS_TRIGGER", "CAN_ACCESS_VIEW", "CONVERT_CPU_ID_MASK",
      "CONVERT_INTERVAL_TO_USER_INTERVAL", "GET_DD_COLUMN_PRIVILEGES", "GET_DD_CREATE_OPTIONS",
      "GET_DD_INDEX_PRIVATE_DATA", "GET_DD_INDEX_SUB_PART_LENGTH", "GET_DD_PROPERTY_KEY_VALUE",
      "GET_DD_TABLESPACE_PRIVATE_DATA", "INTERNAL_AUTO_INCREMENT", "INTERNAL_AVG_ROW_LENGTH",
      "INTERNAL_CHECKSUM", "INTERNAL_CHECK_TIME", "INTERNAL_DATA_FREE", "INTERNAL_DATA_LENGTH",
      "INTERNAL_DD_CHAR_LENGTH", "INTERNAL_GET_COMMENT_OR_ERROR", "INTERNAL_GET_DD_COLUMN_EXTRA",
      "INTERNAL_GET_ENABLED_ROLE_JSON", "INTERNAL_GET_HOSTNAME", "INTERNAL_GET_MANDATORY_ROLES_JSON",
      "INTERNAL_GET_PARTITION_NODEGROUP", "INTERNAL_GET_USERNAME",
      "INTERNAL_GET_VIEW_WARNING_OR_ERROR", "INTERNAL_INDEX_COLUMN_CARDINALITY",
      "INTERNAL_INDEX_LENGTH", "INTERNAL_IS_ENABLED_ROLE", "INTERNAL_IS_MANDATORY_ROLE",
      "INTERNAL_KEYS_DISABLED", "INTERNAL_MAX_DATA_LENGTH", "INTERNAL_TABLESPACE_AUTOEXTEND_SIZE",
      "INTERNAL_TABLESPACE_DATA_FREE", "INTERNAL_TABLESPACE_EXTENT_SIZE", "INTERNAL_TABLESPACE_EXTRA",
      "INTERNAL_TABLESPACE_FREE_EXTENTS", "INTERNAL_TABLESPACE_ID", "INTERNAL_TABLESPACE_INITIAL_SIZE",
      "INTERNAL_TABLESPACE_LOGFILE_GROUP_NAME", "INTERNAL_TABLESPACE_LOGFILE_GROUP_NUMBER",
      "INTERNAL_TABLESPACE_MAXIMUM_SIZE", "INTERNAL_TABLESPACE_ROW_FORMAT",
      "INTERNAL_TABLESPACE_STATUS", "INTERNAL_TABLESPACE_TOTAL_EXTENTS", "INTERNAL_TABLESPACE_TYPE",
      "INTERNAL_TABLESPACE_VERSION", "INTERNAL_TABLE_ROWS", "INTERNAL_UPDATE_TIME",
      "IS_VISIBLE_DD_OBJECT", "REMOVE_DD_PROPERTY_KEY",
  };
  return kNames.count(upper_name) != 0;
}

}  // namespace

bool IsAggregateFunction(std::string_view upper_name) {
  const FunctionDef* def = FunctionRegistry::Get().Find(upper_name);
  return def != nullptr && def->aggregate;
}

Result<std::optional<BoundExpr>> Translator::StoredFunctionCall(const sql::Expr& expr,
                                                                const Scope& scope, Clause clause) {
  if (context_.stored_calls == nullptr) return std::optional<BoundExpr>();
  std::string database = expr.database.empty() ? context_.current_database : expr.database;
  std::shared_ptr<const catalog::RoutineSchema> routine =
      context_.catalog->FindRoutine(database, catalog::RoutineKind::kFunction, expr.text);
  if (!routine) return std::optional<BoundExpr>();
  const sql::CreateRoutineStatement& definition = routine->routine();
  if (expr.args.size() != definition.parameters.size()) {
    return Status::Error(ER_SP_WRONG_NO_OF_ARGS, "FUNCTION", database + "." + routine->name,
                         static_cast<unsigned>(definition.parameters.size()),
                         static_cast<unsigned>(expr.args.size()));
  }
  PORPOISE_ASSIGN_OR_RETURN(catalog::ColumnSchema returns,
                            VariableColumn(routine->name, definition.returns));
  StoredCall call;
  call.routine = routine;
  call.returns = std::make_shared<const catalog::ColumnSchema>(std::move(returns));
  std::vector<BoundExpr> args;
  args.push_back(IntegerConstant(static_cast<int64_t>(context_.stored_calls->size())));
  for (const sql::ExprPtr& arg : expr.args) {
    PORPOISE_ASSIGN_OR_RETURN(BoundExpr bound, TranslateExpr(*arg, scope, clause));
    call.argument_types.push_back(bound.type);
    args.push_back(std::move(bound));
  }
  // The result is described as a column of the RETURNS type, as MySQL describes it.
  ExprType type = TypeOfColumn(*call.returns);
  type.not_null = false;
  context_.stored_calls->push_back(std::move(call));
  return std::optional<BoundExpr>(BoundExpr::Call("pp_sf", std::move(args), type));
}

Result<BoundExpr> Translator::TranslateFunction(const sql::Expr& expr, const Scope& scope,
                                                Clause clause) {
  if (expr.over) return TranslateWindowFunction(expr, scope, clause);
  std::string name = ToUpperAscii(expr.text);
  // VALUES(col) of ON DUPLICATE KEY UPDATE: the value the row would have had.
  if (name == "VALUES" && context_.allow_values_function && expr.args.size() == 1 &&
      expr.args[0]->kind == sql::ExprKind::kColumnRef) {
    // MySQL 8.0.20 deprecated it (1287), said for each VALUES() written.
    if (!expr.detail().implicit_values) {
      context_.warnings.push_back(Status::Error(
          ER_WARN_DEPRECATED_SYNTAX, "VALUES function",
          "an alias (INSERT INTO ... VALUES (...) AS alias) and replace VALUES(col) in the ON "
          "DUPLICATE KEY UPDATE clause with alias.col"));
    }
    PORPOISE_ASSIGN_OR_RETURN(BoundExpr column, TranslateExpr(*expr.args[0], scope, clause));
    ExprType type = column.type;
    type.column = nullptr;
    std::string column_name =
        column.type.column != nullptr ? column.type.column->name : expr.args[0]->column;
    BoundExpr excluded = BoundExpr::Column("excluded." + QuoteName(column_name), type);
    bool timestamp = column.type.column != nullptr &&
                     column.type.column->type_class == catalog::TypeClass::kTimestamp;
    return timestamp ? TimestampRead(std::move(excluded)) : excluded;
  }
  // db.name(...) is always a stored function, as is a name MySQL reads as a built-in's only
  // with '(' right after it, written with a space (1630 when there is none).
  bool stored_name = expr.detail().stored_name;
  const FunctionDef* def = expr.database.empty() && !stored_name ? FunctionRegistry::Get().Find(name) : nullptr;
  if (def == nullptr && expr.database.empty() && IsDataDictionaryFunction(name)) {
    return Status::Error(ER_NO_ACCESS_TO_NATIVE_FCT, expr.text);
  }
  if (def == nullptr) {
    PORPOISE_ASSIGN_OR_RETURN(std::optional<BoundExpr> stored, StoredFunctionCall(expr, scope, clause));
    if (stored) return std::move(*stored);
    std::string database = expr.database.empty() ? context_.current_database : expr.database;
    std::string qualified = database.empty() ? expr.text : database + "." + expr.text;
    if (stored_name) return Status::Error(ER_FUNC_INEXISTENT_NAME_COLLISION, qualified);
    return Status::Error(ER_SP_DOES_NOT_EXIST, "FUNCTION", qualified);
  }
  if (def->aggregate &&
      (clause == Clause::kWhere || clause == Clause::kOn || clause == Clause::kGroup)) {
    return Status::Error(ER_INVALID_GROUP_FUNC_USE);
  }
  return BindBuiltinCall(expr, *def, scope, clause);
}

namespace {

bool ReadsInteger(uint32_t mask, size_t index) {
  return (mask >> std::min<size_t>(index, 31)) & 1u;
}

// `folded` (a call that bound without its aggregate arguments) as CASE WHEN 0 THEN
// aggregate ... ELSE folded END: the same value, and SQLite still aggregates the query.
BoundExpr KeepingAggregates(BoundExpr folded, std::vector<BoundExpr> aggregates) {
  BoundExpr result;
  result.kind = BoundKind::kCase;
  result.type = folded.type;
  result.case_else = true;
  for (BoundExpr& aggregate : aggregates) {
    result.Add(IntegerConstant(0));
    result.Add(std::move(aggregate));
  }
  result.Add(std::move(folded));
  return result;
}

}  // namespace

bool SaidByParser(const Status& warning) {
  uint32_t code = warning.code();
  return code == ER_WARN_DEPRECATED_SYNTAX || code == ER_WARN_DEPRECATED_SYNTAX_NO_REPLACEMENT ||
         code == ER_DEPRECATED_UTF8_ALIAS || code == ER_WARN_DEPRECATED_UTF8MB3_COLLATION;
}

void Translator::ForgetWarnings(size_t first_warning) {
  auto unsaid = [](const Status& warning) { return !SaidByParser(warning) && !warning.at_resolve(); };
  auto first = context_.warnings.begin() + static_cast<std::ptrdiff_t>(first_warning);
  context_.warnings.erase(std::remove_if(first, context_.warnings.end(), unsaid), context_.warnings.end());
  context_.once_warnings.erase(context_.once_warnings.lower_bound(first_warning), context_.once_warnings.end());
}

std::vector<Status> WarningsEachRow(const BoundExpr& expr, const BoundExpr** inner) {
  std::vector<Status> warnings;
  const BoundExpr* at = &expr;
  while (at->kind == BoundKind::kCall && at->name == "pp_warn" && at->children.size() == 4) {
    Status warning = Status::WithMessage(static_cast<ErrorCode>(at->children[1]->constant->integer),
                                         at->children[2]->constant->bytes);
    if ((at->children[3]->constant->integer & 1) != 0) warning = std::move(warning).AsNote();
    warnings.push_back(std::move(warning));
    at = at->children[0].get();
  }
  *inner = at;
  std::reverse(warnings.begin(), warnings.end());  // (the innermost was said first)
  return warnings;
}

BoundExpr Translator::WarningEachRow(BoundExpr constant, size_t first_warning) {
  ExprType type = constant.type;
  BoundExpr result = std::move(constant);
  // Kept as they are: deprecations (the parser's) and the resolver's warnings (said once
  // whatever the rows). What a comparison's cached constant said is said the first time the
  // statement computes it.
  std::vector<Status> kept;
  std::set<size_t> kept_once;
  for (size_t i = first_warning; i < context_.warnings.size(); ++i) {
    const Status& warning = context_.warnings[i];
    bool once = context_.once_warnings.count(i) != 0;
    if (SaidByParser(warning) || warning.at_resolve()) {
      if (once) kept_once.insert(first_warning + kept.size());
      kept.push_back(warning);
      continue;
    }
    result = BoundExpr::Call("pp_warn",
                             {std::move(result), IntegerConstant(warning.code()),
                              TextConstant(warning.message()),
                              IntegerConstant((warning.is_note() ? 1 : 0) | (once ? 2 : 0))},
                             type);
    result.volatile_call = true;
  }
  context_.warnings.resize(first_warning);
  context_.once_warnings.erase(context_.once_warnings.lower_bound(first_warning),
                               context_.once_warnings.end());
  for (Status& warning : kept) context_.warnings.push_back(std::move(warning));
  context_.once_warnings.insert(kept_once.begin(), kept_once.end());
  return result;
}

Result<BoundExpr> Translator::TranslateLazy(const sql::Expr& expr, const Scope& scope, Clause clause) {
  size_t warned = context_.warnings.size();
  PORPOISE_ASSIGN_OR_RETURN(BoundExpr bound, TranslateExpr(expr, scope, clause));
  // (said only when it is computed, for each row that computes it)
  if (context_.warnings.size() > warned && !bound.aggregate && NoSubqueryOrWindow(bound)) {
    bound = WarningEachRow(std::move(bound), warned);
  }
  return bound;
}

void Translator::ComparisonWarningsOnce(size_t first_warning) {
  if (context_.select_item == nullptr) return;
  for (size_t i = first_warning; i < context_.warnings.size(); ++i) context_.once_warnings.insert(i);
}

// COUNT, SUM and AVG of DISTINCT over an argument that constants alone compute: MySQL's
// Aggregator_distinct reads it once while setting up, whatever the rows (what that says is
// said once), and not again when it is NULL (CONST_NULL) or for COUNT (CONST_NOT_NULL); SUM and
// AVG of a value read it again for each row. Whether `arg` was such an argument (then made
// what the aggregate reads); the warnings from `first_warning` on are its own.
bool Translator::ReadsDistinctConstantOnce(std::string_view function, BoundExpr* arg,
                                           size_t first_warning) {
  if (function != "COUNT" && function != "SUM" && function != "AVG") return false;
  if (arg->aggregate || !NoSubqueryOrWindow(*arg)) return false;
  std::vector<Status> said;
  std::optional<Value> value = ComputeNow(*arg, &said);
  if (!value) return false;
  std::vector<Status> once(context_.warnings.begin() + static_cast<std::ptrdiff_t>(first_warning),
                           context_.warnings.end());
  for (Status& warning : said) once.push_back(std::move(warning));
  if (value->is_null() || function == "COUNT") {
    ForgetWarnings(first_warning);
    ExprType type = arg->type;
    *arg = BoundExpr::Constant(std::move(*value), type);
  } else if (context_.warnings.size() > first_warning) {
    *arg = WarningEachRow(std::move(*arg), first_warning);
  }
  for (Status& warning : once) {
    if (!SaidByParser(warning) && !warning.at_resolve()) context_.warnings.push_back(std::move(warning).AtResolve());
  }
  return true;
}

Result<BoundExpr> Translator::BindBuiltinCall(const sql::Expr& expr, const FunctionDef& definition,
                                              const Scope& scope, Clause clause, bool windowed) {
  const FunctionDef* def = &definition;
  size_t count = expr.args.size();
  if (!expr.star && (count < def->min_args || (def->max_args != kAnyArity && count > def->max_args))) {
    // MySQL's grammar spells out each aggregate's arguments: a wrong count is a syntax error.
    if (def->aggregate) return Status::Error(ER_PARSE_ERROR, expr.text, 1);
    return Status::Error(ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT, expr.text);
  }
  FunctionCall call{*this, expr, def->name, scope, clause, {}};
  // (a select item's call that stops at a NULL column: see below)
  std::optional<BoundExpr> null_first_column;
  size_t after_null_first = 0;
  // (and one whose stopping argument is known NULL while binding: what reading the later
  // arguments' constants said is unsaid, MySQL never reads them)
  std::optional<size_t> unsaid_from;
  size_t first_null = 0;
  // (where the first argument's warnings begin: see second_first)
  const size_t before_first = context_.warnings.size();
  if (def->form != ArgumentForm::kUnbound) {
    // An aggregate's arguments are evaluated per row, like the select list's.
    Clause inner = def->aggregate ? Clause::kFieldList : clause;
    call.args.reserve(expr.args.size());
    for (const sql::ExprPtr& arg : expr.args) {
      if (!arg) return Status::Error(ER_PARSE_ERROR, "", 1);
      size_t warned = context_.warnings.size();
      // (IF's condition counts only as a truth value: MySQL's Item_func_if applies IS TRUE)
      const bool condition = call.args.empty() && def->name == "IF";
      PORPOISE_ASSIGN_OR_RETURN(BoundExpr bound, condition ? TranslateCondition(*arg, scope, inner)
                                                           : TranslateExpr(*arg, scope, inner));
      if (def->aggregate && bound.aggregate && !windowed) return Status::Error(ER_INVALID_GROUP_FUNC_USE);
      if (def->aggregate && !windowed && expr.distinct && ReadsDistinctConstantOnce(def->name, &bound, warned)) {
        // (read once for the statement; see ReadsDistinctConstantOnce)
      } else if (def->aggregate && !windowed && context_.warnings.size() > warned) {
        // Constants whose folding warned: MySQL computes an aggregate's argument for each
        // row it reads, so the warnings come for each row (and none for no rows), the
        // argument a constant or not (SUM(i - 'e') warns for each row).
        bound = WarningEachRow(std::move(bound), warned);
      } else if (call.args.size() >= def->lazy_from && context_.warnings.size() > warned &&
                 !bound.aggregate && NoSubqueryOrWindow(bound)) {
        // (said only when it is computed: for a branch with a column, for the rows that take
        // it, as MySQL computes it)
        bound = WarningEachRow(std::move(bound), warned);
      }
      ValueType kind = bound.type.type;
      // (a temporal value as its digits: LEFT(s, TIME '00:00:02') takes two characters; text
      // as its integer prefix, with 1292 for what follows: LEFT(s, '2.5') takes two)
      if (ReadsInteger(def->integer_args, call.args.size()) &&
          (kind == ValueType::kDecimal || kind == ValueType::kDouble || kind == ValueType::kFloat ||
           kind == ValueType::kString || kind == ValueType::kBinary || IsTemporalType(kind))) {
        size_t converted = context_.warnings.size();
        bound = Convert(std::move(bound), TypeOf(ValueType::kInteger, 21));
        if (bound.constant && ReadsInteger(def->resolve_args, call.args.size())) {
          // MySQL reads this constant once more while resolving the call (its length is
          // derived from it): what that says is said once, beside what each row says.
          for (size_t i = converted, end = context_.warnings.size(); i < end; ++i) {
            context_.warnings.push_back(Status(context_.warnings[i]).AtResolve());
          }
        }
      } else if (ReadsInteger(def->number_args, call.args.size())) {
        bound = TemporalAsDecimal(std::move(bound));
      }
      if (!bound.constant && ReadsInteger(def->resolve_args, call.args.size()) && !bound.aggregate &&
          NoSubqueryOrWindow(bound)) {
        // (one that constants alone compute when the statement runs is computed while
        // resolving too: what that says is said once more)
        std::vector<Status> said;
        if (ComputeNow(bound, &said)) {
          for (Status& warning : said) context_.warnings.push_back(std::move(warning).AtResolve());
        }
      }
      if (call.args.size() == def->null_first && bound.kind == BoundKind::kColumn &&
          !bound.type.not_null && context_.select_item != nullptr && !def->aggregate) {
        null_first_column = bound;
        after_null_first = context_.warnings.size();
      } else if (!def->aggregate && !bound.aggregate &&
                 ((call.args.size() == def->null_first && IsSilentNull(bound)) ||
                  (def->stops_at_null && !unsaid_from && IsKnownNull(bound)))) {
        unsaid_from = context_.warnings.size();
        first_null = call.args.size();
      }
      std::vector<Status> folded;
      if (context_.warnings.size() > warned && ComputesFromConstants(bound)) {
        for (size_t i = warned; i < context_.warnings.size(); ++i) {
          const Status& warning = context_.warnings[i];
          if (!SaidByParser(warning) && !warning.at_resolve()) folded.push_back(warning);
        }
      }
      call.folded.push_back(std::move(folded));
      call.args.push_back(def->form == ArgumentForm::kTextual  ? Textual(std::move(bound))
                          : def->form == ArgumentForm::kString ? StringArgument(std::move(bound))
                                                               : std::move(bound));
      if (def->second_first && call.args.size() == 2 && IsSilentNull(call.args[1]) &&
          NoSubqueryOrWindow(call.args[0])) {
        // (a subject beside a NULL pattern is never read: what computing it said is unsaid,
        // and it is not computed for each row either; the pattern, NULL silently, said
        // nothing)
        ForgetWarnings(before_first);
        ExprType type = call.args[0].type;
        type.not_null = false;
        call.args[0] = UnreadNull(std::move(call.args[0]), type);
      }
    }
  }
  if (def->stops_at_null && unsaid_from) {
    // (the arguments after it are never computed, even those computed only when run; what
    // the call's own binding says of the earlier ones stays)
    ForgetWarnings(*unsaid_from);
    unsaid_from.reset();
    for (size_t j = first_null + 1; j < call.args.size(); ++j) {
      if (call.args[j].aggregate) continue;
      ExprType type = call.args[j].type;
      type.not_null = false;
      call.args[j] = BoundExpr::Constant(Value::Null(), type);
    }
  }
  bool args_not_null = NoneNullable(call.args);
  // An aggregate among the arguments keeps the query aggregated even when the call folds
  // without it (SUBTIME(NULL, MAX(d)) is one row of NULL): kept aside to be written back.
  std::vector<BoundExpr> aggregates;
  if (!def->aggregate) {
    for (const BoundExpr& arg : call.args) {
      if (arg.aggregate) aggregates.push_back(arg);
    }
  }
  PORPOISE_ASSIGN_OR_RETURN(BoundExpr result, def->bind(call));
  if (unsaid_from && context_.warnings.size() > *unsaid_from) ForgetWarnings(*unsaid_from);
  if (null_first_column && result.kind == BoundKind::kCall && !result.aggregate) {
    // A later argument computed from constants for each row (a text read as a date, warning
    // as it is read) is computed only for rows where that column is not NULL.
    for (BoundExprPtr& child : result.children) {
      if (child->kind == BoundKind::kConstant || !ComputesFromConstants(*child)) continue;
      child = std::make_shared<const BoundExpr>(NullWhereNull(*null_first_column, *child));
    }
  }
  if (null_first_column && context_.warnings.size() > after_null_first && !result.aggregate &&
      !result.constant) {
    // What reading the later arguments' constants said, MySQL says for each row it reads
    // them, and it reads none past a NULL first argument: said with each row's value when
    // that column is not NULL (NULL the call's value then as it is).
    result = NullWhereNull(*null_first_column, WarningEachRow(std::move(result), after_null_first));
  }
  if (!result.aggregate && !aggregates.empty()) {
    result = KeepingAggregates(std::move(result), std::move(aggregates));
  }
  if (def->nulls != Nullability::kRule) {
    result.type.not_null = def->nulls == Nullability::kFromArgs && args_not_null;
  }
  if (def->aggregate) {
    result.aggregate = true;
  }
  return result;
}

}  // namespace porpoise::engine
