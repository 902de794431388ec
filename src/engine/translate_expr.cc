// Expression translation: MySQL expression AST -> SQLite SQL, with MySQL type inference and
// name resolution against the scope. Functions live in translate_function.cc. (engine/)
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>

#include "catalog/charsets.h"
#include "catalog/system_variables.h"
#include "common/stack.h"
#include "common/strings.h"
#include "engine/ddl_util.h"
#include "engine/function_registry.h"
#include "engine/physical.h"
#include "engine/program.h"
#include "engine/translator.h"
#include "engine/variables.h"
#include "sql/parser.h"
#include "types/temporal.h"
#include "sql/printer.h"

namespace porpoise::engine {

namespace {

std::string_view ClauseName(Clause clause) {
  switch (clause) {
    case Clause::kFieldList:
    case Clause::kValues:
      return "field list";
    case Clause::kWhere:
      return "where clause";
    case Clause::kOn:
      return "on clause";
    case Clause::kGroup:
      return "group statement";
    case Clause::kHaving:
      return "having clause";
    case Clause::kOrder:
      return "order clause";
    case Clause::kSet:
      return "field list";
    case Clause::kTableFunction:
      return "a table function argument";
  }
  return "field list";
}

bool IsUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0) return false;
    size_t extra = 0;
    if (c < 0x80) extra = 0;
    else if ((c >> 5) == 6) extra = 1;
    else if ((c >> 4) == 14) extra = 2;
    else if ((c >> 3) == 30) extra = 3;
    else return false;
    if (i + extra >= text.size() && extra > 0) return false;
    for (size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

}  // namespace

std::string SqlLiteral(const Value& value) {
  switch (value.kind) {
    case Value::Kind::kNull:
      return "NULL";
    case Value::Kind::kInteger:
      return std::to_string(value.integer);
    case Value::Kind::kDouble: {
      char buffer[64];
      std::snprintf(buffer, sizeof(buffer), "%.17g", value.real);
      std::string text(buffer);
      if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
      if (text == "inf" || text == "-inf" || text == "nan") return "NULL";
      return text;
    }
    case Value::Kind::kText: {
      if (!IsUtf8(value.bytes)) return "CAST(" + SqlHexLiteral(value.bytes) + " AS TEXT)";
      std::string out = "'";
      for (char c : value.bytes) {
        if (c == '\'') out += "''";
        else out += c;
      }
      return out + "'";
    }
    case Value::Kind::kBlob:
      return SqlHexLiteral(value.bytes);
  }
  return "NULL";
}

ExprType TypeOfColumn(const catalog::ColumnSchema& column) {
  ExprType result;
  using catalog::TypeClass;
  switch (column.type_class) {
    case TypeClass::kInteger: result.type = ValueType::kInteger; break;
    case TypeClass::kDecimal: result.type = ValueType::kDecimal; break;
    case TypeClass::kFloat: result.type = ValueType::kFloat; break;
    case TypeClass::kDouble: result.type = ValueType::kDouble; break;
    case TypeClass::kString:
    case TypeClass::kEnum:
    case TypeClass::kSet: result.type = ValueType::kString; break;
    case TypeClass::kBinary: result.type = ValueType::kBinary; break;
    case TypeClass::kDate: result.type = ValueType::kDate; break;
    case TypeClass::kDateTime:
    case TypeClass::kTimestamp: result.type = ValueType::kDateTime; break;
    case TypeClass::kTime: result.type = ValueType::kTime; break;
    case TypeClass::kYear: result.type = ValueType::kYear; break;
    case TypeClass::kBit: result.type = ValueType::kBit; break;
    case TypeClass::kJson: result.type = ValueType::kJson; break;
  }
  result.is_unsigned = column.type.is_unsigned;
  uint32_t wire = catalog::WireLength(column.type);
  result.length = catalog::IsTextual(column.type_class) ? wire / 4 : wire;
  result.decimals = catalog::WireDecimals(column.type);
  result.not_null = !column.nullable;
  result.column = &column;
  if (result.type == ValueType::kBinary) result.coercibility = Coercibility::kImplicit;
  if (catalog::IsTextual(column.type_class)) {
    // Resolved once when the table's definition was built; columns made elsewhere (the
    // information_schema definitions) are looked up by name.
    result.collation = column.collation != nullptr
                           ? column.collation
                           : types::FindCollationByName(catalog::ColumnCollationName(column.type));
    result.coercibility = Coercibility::kImplicit;
    if (result.collation != nullptr && result.collation->id() == collation_id::kBinary) {
      result.type = ValueType::kBinary;
    }
  }
  return result;
}

uint32_t MaxBytesPerCharacter(const types::Collation* collation) {
  if (collation == nullptr) return 4;
  const catalog::CharsetInfo* charset = catalog::FindCharset(collation->charset());
  return charset != nullptr ? charset->max_length : 4;
}

int64_t MaxByteLength(const ExprType& type) {
  return int64_t{type.length} * (type.type == ValueType::kString ? MaxBytesPerCharacter(type.collation) : 1);
}

sql::DataType DataTypeOf(const ExprType& type) {
  sql::DataType data;
  ColumnInfo info = MakeColumnInfo(type, "");
  data.is_unsigned = type.is_unsigned;
  auto textual = [&](const char* fixed, const char* variable, const char* tiny, const char* blob,
                     const char* medium, const char* large) {
    uint32_t characters = type.length;
    if (info.type == FieldType::kString) {
      data.name = fixed;
      data.length = characters;
    } else if (characters < 256 && info.type != FieldType::kVarString) {
      data.name = tiny;
    } else if (characters <= 16383 || info.type == FieldType::kVarString) {
      data.name = variable;
      data.length = characters;
    } else if (characters <= 65535) {
      data.name = blob;
    } else if (characters <= 16777215) {
      data.name = medium;
    } else {
      data.name = large;
    }
  };
  switch (type.type) {
    case ValueType::kNull:
      data.name = "binary";
      data.length = 0;
      break;
    case ValueType::kInteger:
      switch (info.type) {
        case FieldType::kTiny: data.name = "tinyint"; break;
        case FieldType::kShort: data.name = "smallint"; break;
        case FieldType::kInt24: data.name = "mediumint"; break;
        case FieldType::kLong: data.name = "int"; break;
        // An integer expression whose digits fit 32 bits makes an INT column, as in MySQL.
        default: data.name = type.length <= 11 && type.column == nullptr ? "int" : "bigint"; break;
      }
      break;
    case ValueType::kDecimal:
      data.name = "decimal";
      data.length = DecimalPrecision(type);
      data.scale = type.decimals;
      break;
    case ValueType::kDouble: data.name = "double"; break;
    case ValueType::kFloat: data.name = "float"; break;
    case ValueType::kString:
      textual("char", "varchar", "tinytext", "text", "mediumtext", "longtext");
      if (type.collation != nullptr) {
        data.charset = std::string(type.collation->charset());
        data.collation = std::string(type.collation->name());
      }
      break;
    case ValueType::kBinary:
      textual("binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob");
      break;
    case ValueType::kDate: data.name = "date"; break;
    case ValueType::kDateTime:
      data.name = info.type == FieldType::kTimestamp ? "timestamp" : "datetime";
      if (type.decimals > 0 && type.decimals <= 6) data.length = type.decimals;
      break;
    case ValueType::kTime:
      data.name = "time";
      if (type.decimals > 0 && type.decimals <= 6) data.length = type.decimals;
      break;
    case ValueType::kYear: data.name = "year"; break;
    case ValueType::kBit:
      data.name = "bit";
      data.length = type.length;
      break;
    case ValueType::kJson: data.name = "json"; break;
  }
  return data;
}


ColumnInfo MakeColumnInfo(const ExprType& type, std::string name) {
  ColumnInfo info;
  info.name = std::move(name);
  if (type.column != nullptr) {
    const catalog::ColumnSchema& column = *type.column;
    info.schema = type.schema;
    info.table = type.table_alias;
    info.org_table = type.org_table;
    info.org_name = column.name;
    info.type = catalog::WireType(column.type);
    info.length = catalog::WireLength(column.type);
    info.decimals = catalog::WireDecimals(column.type);
    info.collation = column.collation != nullptr ? column.collation->id()
                                                 : catalog::WireCollation(column.type);
    // A text column is as long as its characters take in its own character set.
    if (catalog::IsTextual(column.type_class) && column.collation != nullptr &&
        info.length != 0xffffffffu) {
      info.length = info.length / 4 * MaxBytesPerCharacter(column.collation);
    }
    info.flags = catalog::WireFlags(column.type) | type.key_flags;
    if (!column.nullable) info.flags |= column_flag::kNotNull;
    if (column.auto_increment) info.flags |= column_flag::kAutoIncrement;
    // A TIMESTAMP that sets itself (DEFAULT CURRENT_TIMESTAMP, ON UPDATE CURRENT_TIMESTAMP)
    // is flagged so; a plain one is not.
    if (column.type_class == catalog::TypeClass::kTimestamp &&
        (column.default_kind == catalog::DefaultKind::kCurrentTimestamp ||
         column.on_update_current_timestamp)) {
      info.flags |= column_flag::kTimestamp;
    }
    if (column.on_update_current_timestamp) info.flags |= column_flag::kOnUpdateNow;
    if (column.default_kind == catalog::DefaultKind::kNone && !column.auto_increment) {
      info.flags |= column_flag::kNoDefaultValue;
    }
    return info;
  }
  info.collation = collation_id::kBinary;
  uint16_t not_null = type.not_null ? column_flag::kNotNull : 0;
  switch (type.type) {
    case ValueType::kNull:
      info.type = FieldType::kNull;
      info.flags = column_flag::kBinary | column_flag::kNum;  // as MySQL flags a NULL
      break;
    case ValueType::kInteger:
      info.type = type.integer_field;
      info.length = type.length == 0 ? 21 : type.length;
      info.flags = column_flag::kNum | column_flag::kBinary | not_null |
                   (type.is_unsigned ? column_flag::kUnsigned : 0);
      break;
    case ValueType::kYear:
      info.type = FieldType::kYear;
      info.length = 4;
      // (a YEAR that is no column, MIN(y) or IF(c, y, y), is described as an item: binary,
      // not ZEROFILL)
      info.flags = column_flag::kNum | column_flag::kUnsigned | column_flag::kBinary | not_null;
      break;
    case ValueType::kDecimal:
      info.type = FieldType::kNewDecimal;
      info.length = type.length == 0 ? 10 : type.length;
      info.decimals = type.decimals;
      info.flags = column_flag::kNum | column_flag::kBinary | not_null |
                   (type.is_unsigned ? column_flag::kUnsigned : 0);
      break;
    case ValueType::kDouble:
      info.type = FieldType::kDouble;
      info.decimals = type.decimals;
      info.length = type.length == 0 ? 23 : type.length;
      info.flags = column_flag::kNum | column_flag::kBinary | not_null |
                   (type.is_unsigned ? column_flag::kUnsigned : 0);
      break;
    case ValueType::kFloat:
      info.type = FieldType::kFloat;
      info.length = 12;
      info.decimals = 31;
      info.flags = column_flag::kNum | column_flag::kBinary | not_null;
      break;
    case ValueType::kString:
      info.type = FieldType::kVarString;
      info.collation = type.collation != nullptr ? type.collation->id()
                                                 : collation_id::kUtf8mb4_0900AiCi;
      info.decimals = 31;  // MySQL's "not fixed" for string expressions
      info.length = static_cast<uint32_t>(std::min<uint64_t>(
          uint64_t{type.length} * MaxBytesPerCharacter(type.collation), UINT32_MAX));
      // Longer than a VARCHAR can be: MySQL describes the result as a MEDIUM or LONG BLOB.
      if (info.length >= (1u << 24)) {
        info.type = FieldType::kLongBlob;
      } else if (info.length >= (1u << 16)) {
        info.type = FieldType::kMediumBlob;
      }
      // (a CHAR longer than 255 characters is a VARCHAR, as MySQL's aggregate makes it)
      if (type.own_field == FieldType::kString && info.type == FieldType::kVarString &&
          type.length <= 255) {
        info.type = FieldType::kString;
      }
      // A binary-sorting collation (utf8mb4_bin, ...) is flagged BINARY, as MySQL does.
      info.flags = not_null | (type.collation != nullptr && type.collation->is_binary()
                                   ? column_flag::kBinary
                                   : 0);
      break;
    case ValueType::kJson:
      info.type = FieldType::kJson;
      info.length = 0xffffffffu;
      info.flags = column_flag::kBlob | column_flag::kBinary;
      break;
    case ValueType::kBinary:
      info.type = type.length >= (1u << 24)   ? FieldType::kLongBlob
                  : type.length >= (1u << 16) ? FieldType::kMediumBlob
                  : type.own_field == FieldType::kString ? FieldType::kString
                                              : FieldType::kVarString;
      info.length = type.length;
      info.decimals = 31;  // "not fixed", as for every string expression
      info.flags = column_flag::kBinary | not_null;
      break;
    case ValueType::kDate:
      info.type = FieldType::kDate;
      info.length = 10;
      info.flags = column_flag::kBinary | not_null;
      break;
    case ValueType::kDateTime:
      info.type = type.own_field == FieldType::kTimestamp ? FieldType::kTimestamp : FieldType::kDateTime;
      info.length = 19 + (type.decimals > 0 ? type.decimals + 1u : 0u);
      info.decimals = type.decimals;
      info.flags = column_flag::kBinary | not_null;
      break;
    case ValueType::kTime:
      info.type = FieldType::kTime;
      info.length = 10 + (type.decimals > 0 ? type.decimals + 1u : 0u);
      info.decimals = type.decimals;
      info.flags = column_flag::kBinary | not_null;
      break;
    case ValueType::kBit:
      info.type = FieldType::kBit;
      info.length = type.length;
      info.flags = column_flag::kUnsigned | not_null;
      break;
  }
  return info;
}

FieldValue ResultField(const Value& value, const ExprType& type, std::string* buffer) {
  using Kind = FieldValue::Kind;
  switch (value.kind) {
    case Value::Kind::kNull:
      return FieldValue::Null();
    case Value::Kind::kInteger:
      if (type.type == ValueType::kDecimal && type.decimals > 0 && type.decimals < 31) {
        *buffer = std::to_string(value.integer) + "." + std::string(type.decimals, '0');
        return FieldValue::Text(*buffer, Kind::kDecimal);
      }
      if (type.type == ValueType::kBit) {
        return FieldValue::Bit(static_cast<uint64_t>(value.integer),
                               static_cast<uint8_t>(std::max<uint32_t>(1, (type.length + 7) / 8)));
      }
      if (type.is_unsigned && value.integer < 0 && type.type == ValueType::kInteger) {
        return FieldValue::Unsigned(static_cast<uint64_t>(value.integer));
      }
      // A YEAR column is ZEROFILL to four digits: its 0 prints as 0000 (1901..2155 have four);
      // so is a YEAR field of a temporary table (own_field).
      if (type.type == ValueType::kYear && value.integer == 0 &&
          (type.column != nullptr || type.own_field == FieldType::kYear)) {
        return FieldValue::Text("0000", Kind::kDecimal);
      }
      return FieldValue::Signed(value.integer);
    case Value::Kind::kDouble:
      switch (type.type) {
        case ValueType::kDecimal:
          *buffer = FormatFixed(value.real, type.decimals >= 31 ? 4 : type.decimals);
          return FieldValue::Text(*buffer, Kind::kDecimal);
        case ValueType::kInteger:
        case ValueType::kYear:
          if (value.real > -9.2e18 && value.real < 9.2e18) {
            return FieldValue::Signed(
                static_cast<int64_t>(value.real < 0 ? value.real - 0.5 : value.real + 0.5));
          }
          *buffer = FormatFixed(value.real, 0);
          return FieldValue::Text(*buffer, Kind::kDecimal);
        case ValueType::kFloat:
          return FieldValue::Real(value.real, type.decimals, true);
        case ValueType::kDouble:
          // A DOUBLE with fixed decimals (ROUND(x, 2), DOUBLE(M,D)) prints them all, as MySQL.
          return FieldValue::Real(value.real, type.decimals);
        default:
          return FieldValue::Real(value.real, 31);
      }
    case Value::Kind::kBlob:
      if (type.type == ValueType::kInteger && type.is_unsigned) {
        uint64_t number = 0;
        if (DecodeUnsigned(value, &number)) return FieldValue::Unsigned(number);
      }
      if (type.type == ValueType::kDecimal && ToText(value, type, buffer)) {
        return FieldValue::Text(*buffer, Kind::kDecimal);
      }
      [[fallthrough]];
    case Value::Kind::kText:
      switch (type.type) {
        case ValueType::kDecimal:
          if (type.column == nullptr && type.decimals < 31 &&
              value.bytes.find_first_of("eE") != std::string::npos) {
            size_t consumed = 0;
            double number = ParseNumberPrefix(value.bytes, &consumed);
            if (consumed > 0) {
              *buffer = FormatFixed(number, type.decimals);
              return FieldValue::Text(*buffer, Kind::kDecimal);
            }
          }
          return FieldValue::Text(value.bytes, Kind::kDecimal);
        case ValueType::kDate:
          return FieldValue::Text(value.bytes, Kind::kDate);
        case ValueType::kTime:
          return FieldValue::Text(value.bytes, Kind::kTime);
        case ValueType::kDateTime:
          return FieldValue::Text(value.bytes, Kind::kDateTime);
        default:
          return FieldValue::Text(value.bytes);
      }
  }
  return FieldValue::Null();
}

// ---- the translator ----------------------------------------------------------------------

namespace {

// Stack kept free below the deepest TranslateExpr frame, for the callees of one level
// (sanitizer builds make a level tens of KiB) and whatever runs after the walk fails.
constexpr size_t kStackReserve = 512 * 1024;
// Budget used when the thread's stack bounds cannot be read.
constexpr size_t kFallbackStackBudget = 1024 * 1024;

}  // namespace

Translator::Translator(TranslatorContext& context)
    : context_(context),
      meter_(context.memory_limit),
      stack_floor_(StackFloor(kStackReserve, kFallbackStackBudget)) {}

Result<BoundExpr> Translator::TranslateExpr(const sql::Expr& expr, const Scope& scope,
                                                 Clause clause) {
  if (CurrentStackAddress() < stack_floor_) {
    return Status::WithMessage(ER_STACK_OVERRUN_NEED_MORE,
                               "Thread stack overrun: the expression is nested too deeply");
  }
  // About what binding one node keeps: the node, its control block and its slot in its
  // parent's list.
  meter_.Add(sizeof(BoundExpr) + 2 * sizeof(BoundExprPtr));
  if (meter_.exceeded()) return sql::StatementMemoryExceeded(meter_.limit());
  switch (expr.kind) {
    case sql::ExprKind::kLiteral: {
      Result<BoundExpr> bound = TranslateLiteral(expr);
      if (context_.shape_literals != nullptr && bound.ok() && bound->constant) {
        auto found = context_.shape_literals->find(&expr);
        if (found != context_.shape_literals->end()) {
          context_.shape_values[static_cast<size_t>(found->second)] = *bound->constant;
          bound->shape_literal = found->second;
        }
      }
      return bound;
    }
    case sql::ExprKind::kColumnRef:
      return TranslateColumnRef(expr, scope, clause);
    case sql::ExprKind::kVariable:
      return TranslateVariable(expr);
    case sql::ExprKind::kParameter:
      return TranslateParameter(expr, scope, clause);
    case sql::ExprKind::kUnary:
      return TranslateUnary(expr, scope, clause);
    case sql::ExprKind::kBinary:
      return TranslateBinary(expr, scope, clause);
    case sql::ExprKind::kFunction:
      return TranslateFunction(expr, scope, clause);
    case sql::ExprKind::kCast:
      return TranslateCast(expr, scope, clause);
    case sql::ExprKind::kCase:
      return TranslateCase(expr, scope, clause);
    case sql::ExprKind::kIn:
      return TranslateIn(expr, scope, clause);
    case sql::ExprKind::kBetween:
      return TranslateBetween(expr, scope, clause);
    case sql::ExprKind::kLike:
      return TranslateLike(expr, scope, clause);
    case sql::ExprKind::kRegexp:
      return TranslateRegexp(expr, scope, clause);
    case sql::ExprKind::kIsNull:
      return TranslateIsNull(expr, scope, clause);
    case sql::ExprKind::kIsBool:
      return TranslateIsBool(expr, scope, clause);
    case sql::ExprKind::kSubquery:
      return TranslateScalarSubquery(expr, scope, clause);
    case sql::ExprKind::kExists:
      return TranslateExists(expr, scope, clause);
    case sql::ExprKind::kConvertUsing:
      return TranslateConvertUsing(expr, scope, clause);
    case sql::ExprKind::kCollate:
      return TranslateCollate(expr, scope, clause);
    case sql::ExprKind::kRow:
      return TranslateRow(expr, scope, clause);
    case sql::ExprKind::kInterval:
      return Status::Error(ER_PARSE_ERROR, "INTERVAL", 1);
    case sql::ExprKind::kDefault:
      return TranslateDefault(expr, scope, clause);
    case sql::ExprKind::kMatch:
      return Status::Error(ER_NOT_SUPPORTED_YET, "MATCH ... AGAINST");
    case sql::ExprKind::kQuantified:
      return TranslateQuantified(expr, scope, clause);
  }
  return Status::Error(ER_NOT_SUPPORTED_YET, "this expression");
}

// Each kind of expression binds in a function of its own: TranslateExpr's frame, live at
// every level of a nested expression, stays small.

Result<BoundExpr> Translator::TranslateCase(const sql::Expr& expr, const Scope& scope,
                                    Clause clause) {
  BoundExpr result;
  result.kind = BoundKind::kCase;
  bool have_type = false;
  bool not_null = expr.else_expr != nullptr;  // no ELSE: NULL when nothing matches
  // CASE x WHEN y ...: x and every y go in converted to the type they compare as (MySQL's
  // comparison rules: collation, DECIMAL against an integer by value); x is written once.
  std::optional<BoundExpr> operand;
  std::vector<BoundExpr> whens;
  if (expr.case_operand) {
    PORPOISE_ASSIGN_OR_RETURN(operand, TranslateExpr(*expr.case_operand, scope, clause));
    std::vector<ExprType> operands{operand->type};
    const size_t whens_warned = context_.warnings.size();
    // A date or time WHEN beside a text operand is compared as its text: MySQL's comparator
    // for the pair (STRING_RESULT both) reads dates only when the operand is one (cmp_item's
    // comparator for a string operand compares strings).
    const bool text_operand = operand->type.type == ValueType::kString ||
                              operand->type.type == ValueType::kBinary;
    for (size_t i = 0; i + 1 < expr.args.size(); i += 2) {
      PORPOISE_ASSIGN_OR_RETURN(BoundExpr when, i == 0 ? TranslateExpr(*expr.args[i], scope, clause)
                                                       : TranslateLazy(*expr.args[i], scope, clause));
      if (text_operand && IsTemporalType(when.type.type)) {
        ExprType text = TypeOf(ValueType::kString, when.type.length);
        text.collation = context_.connection_collation;
        text.coercibility = Coercibility::kNumeric;
        text.not_null = when.type.not_null;
        when = Convert(std::move(when), text);
      }
      operands.push_back(when.type);
      whens.push_back(std::move(when));
    }
    PORPOISE_ASSIGN_OR_RETURN(ExprType common, CommonComparisonType(operands, "case"));
    // (one that constants alone compute silently to NULL too)
    const bool null_operand = !operand->aggregate && IsSilentNull(*operand);
    if (null_operand) {
      // CASE NULL WHEN ...: nothing is compared (MySQL goes to the ELSE as soon as it has read
      // the NULL), so no WHEN is computed and none warns.
      ForgetWarnings(whens_warned);
      for (BoundExpr& when : whens) when = UnreadNull(std::move(when));
    }
    // MySQL compares the operand with each WHEN in the type of that pair (Item_func_case's
    // comparator per result type): beside both a string and a number, 'abc' WHEN 'xyz'
    // compares strings and WHEN 255 numbers. Where the pairs' types differ (none a date or
    // time), each WHEN is its own comparison, in a searched CASE.
    std::vector<std::optional<ExprType>> pairs;  // (none for a NULL WHEN, which never matches)
    bool mixed = false, temporal = false;
    if (!null_operand && !HasVolatileCall(*operand)) {
      std::optional<ValueType> first;
      for (const BoundExpr& when : whens) {
        if (when.type.type == ValueType::kNull) {
          pairs.emplace_back();
          continue;
        }
        const std::vector<ExprType> pair_operands{operand->type, when.type};
        PORPOISE_ASSIGN_OR_RETURN(ExprType pair, CommonComparisonType(pair_operands, "case"));
        temporal = temporal || IsTemporalType(pair.type);
        mixed = mixed || (first && *first != pair.type);
        if (!first) first = pair.type;
        pairs.push_back(std::move(pair));
      }
    }
    // A WHEN constant converted for each row it is compared on is compared on no row whose
    // operand, a column, is NULL: MySQL goes to the ELSE as soon as it reads the NULL, so what
    // converting the WHEN says is said only for the other rows.
    const std::optional<BoundExpr> nullable_column =
        operand->kind == BoundKind::kColumn && !operand->type.not_null ? operand
                                                                      : std::optional<BoundExpr>();
    auto per_row = [&](BoundExpr when, const ExprType& to) {
      const bool was_constant = when.constant.has_value();
      BoundExpr converted = ConvertPerRow(std::move(when), to);
      if (!nullable_column || !was_constant || converted.constant) return converted;
      return NullWhereNull(*nullable_column, std::move(converted));
    };
    if (mixed && !temporal) {
      for (size_t i = 0; i < whens.size(); ++i) {
        if (!pairs[i]) {
          whens[i] = Constant(Value::Null(), TypeOf(ValueType::kNull, 0));
          continue;
        }
        // (converted as each comparison reaches them, as below)
        std::vector<BoundExpr> other;
        other.push_back(per_row(std::move(whens[i]), *pairs[i]));
        ComparedOperands compared = CompareOperands(ConvertPerRow(*operand, *pairs[i]), std::move(other), *pairs[i]);
        whens[i] = BoundExpr::Infix("=", std::move(compared.subject), std::move(compared.others[0]),
                                    NumericType(ValueType::kInteger, 1, 0));
      }
    } else {
      if (!IsTemporalType(common.type)) {
        // A constant whose conversion warns is converted as each comparison reaches it, so a
        // WHEN after the one that matched says nothing (MySQL compares in order and stops).
        operand = ConvertPerRow(std::move(*operand), common);
        for (BoundExpr& when : whens) when = per_row(std::move(when), common);
      }
      ComparedOperands compared = CompareOperands(std::move(*operand), std::move(whens), common);
      result.case_operand = true;
      result.Add(std::move(compared.subject));
      whens = std::move(compared.others);
      if (IsTemporalType(common.type) && nullable_column) {
        // (a WHEN read as a date or time for each row, as above: on no row whose operand is
        // NULL)
        for (BoundExpr& when : whens) {
          if (!when.constant && ComputesFromConstants(when)) when = NullWhereNull(*nullable_column, std::move(when));
        }
      }
    }
  }
  auto merge = [&](const ExprType& type) {
    result.type = MergeType(have_type ? &result.type : nullptr, type);
    have_type = have_type || type.type != ValueType::kNull;
  };
  std::vector<BoundExpr> conditions, values;
  for (size_t i = 0; i + 1 < expr.args.size(); i += 2) {
    std::optional<BoundExpr> when;
    if (!expr.case_operand) {
      PORPOISE_ASSIGN_OR_RETURN(when, i == 0 ? TranslateExpr(*expr.args[i], scope, clause)
                                             : TranslateLazy(*expr.args[i], scope, clause));
    }
    // (only the first WHEN is always computed)
    PORPOISE_ASSIGN_OR_RETURN(BoundExpr then_value, TranslateLazy(*expr.args[i + 1], scope, clause));
    BoundExpr then = std::move(then_value);
    merge(then.type);
    not_null = not_null && then.type.not_null;
    if (expr.case_operand) {  // (compared above, with the operand or in pairs)
      conditions.push_back(std::move(whens[i / 2]));
    } else if (i > 0 && when->constant &&
               (when->type.type == ValueType::kString || when->type.type == ValueType::kBinary)) {
      // (a later WHEN's constant is read when reached: its 1292 only then, for each row)
      conditions.push_back(ConvertPerRow(std::move(*when), NumericType(ValueType::kDouble, 23, 31)));
    } else {
      conditions.push_back(Truth(std::move(*when)));
    }
    values.push_back(std::move(then));
  }
  if (expr.else_expr) {
    PORPOISE_ASSIGN_OR_RETURN(BoundExpr else_value, TranslateLazy(*expr.else_expr, scope, clause));
    BoundExpr otherwise = std::move(else_value);
    merge(otherwise.type);
    not_null = not_null && otherwise.type.not_null;
    result.case_else = true;
    values.push_back(std::move(otherwise));
  }
  // A string result's collation is derived from every value it may return.
  std::vector<ExprType> value_types;
  for (const BoundExpr& value : values) value_types.push_back(value.type);
  SizeMergedReal(value_types, &result.type);
  SizeMergedText(value_types, &result.type);
  PORPOISE_RETURN_IF_ERROR(
      CollateStringResult(value_types, "case", context_.connection_collation, &result.type));
  for (BoundExpr& value : values) value = AsMerged(std::move(value), result.type);
  for (size_t i = 0; i < values.size(); ++i) {
    if (i < conditions.size()) result.Add(std::move(conditions[i]));
    result.Add(std::move(values[i]));
  }
  if (!have_type) result.type = TypeOf(ValueType::kNull, 0);
  result.type.not_null = have_type && not_null;
  return result;
}

Result<BoundExpr> Translator::TranslateIn(const sql::Expr& expr, const Scope& scope,
                                    Clause clause) {
  if (expr.args.empty()) return Status::Error(ER_PARSE_ERROR, "", 1);
  PORPOISE_ASSIGN_OR_RETURN(BoundExpr left, TranslateExpr(*expr.args[0], scope, clause));
  BoundExpr result;
  result.type = TypeOf(ValueType::kInteger, 1);
  if (expr.subquery) {
    if (expr.subquery->limit) return Status::Error(ER_NOT_SUPPORTED_YET, "LIMIT & IN/ALL/ANY/SOME subquery");
    PORPOISE_ASSIGN_OR_RETURN(BoundSelectResult sub, BindSelect(*expr.subquery, &scope));
    // (a, b) IN (SELECT x, y ...): SQLite compares row values as MySQL does.
    size_t width = left.kind == BoundKind::kRow ? left.children.size() : 1;
    if (sub.columns.size() != width) return Status::Error(ER_OPERAND_COLUMNS, width);
    result.kind = BoundKind::kSubquery;
    result.subquery = SubqueryForm::kIn;
    result.negated = expr.negated;
    result.query = std::move(sub.query);
    if (left.type.type == ValueType::kString && left.type.collation != nullptr) {
      std::string_view collation = left.type.collation->sqlite_name();
      left = BoundExpr::Collate(std::move(left), collation);
    }
    result.Add(std::move(left));
    return result;
  }
  std::vector<BoundExpr> items;
  size_t warned = context_.warnings.size();
  for (size_t i = 1; i < expr.args.size(); ++i) {
    PORPOISE_ASSIGN_OR_RETURN(BoundExpr item, TranslateExpr(*expr.args[i], scope, clause));
    items.push_back(UnreadBesideNull(left, std::move(item)));
  }
  // A left operand that is NULL, or that constants alone compute silently to NULL, makes IN
  // NULL with nothing its list would say (MySQL's Item_func_in reads the left first).
  if (left.kind != BoundKind::kRow && IsSilentNull(left)) {
    ForgetWarnings(warned);
    ExprType truth = TypeOf(ValueType::kInteger, 1);
    for (BoundExpr& item : items) {
      if (item.aggregate) return UnreadNull(std::move(item), truth);  // (still aggregated)
    }
    return Constant(Value::Null(), truth);
  }
  if (items.size() == 1 && left.kind != BoundKind::kRow && items[0].kind != BoundKind::kRow) {
    // x IN (y) is x = y to MySQL (and NOT IN, <>): its comparator, its cached constant.
    return TranslateComparison(expr.negated ? sql::Operator::kNe : sql::Operator::kEq,
                               std::move(left), std::move(items[0]), expr);
  }
  // Whenever a string takes part, the strings' collations must mix, whatever the others.
  std::vector<ExprType> operands{left.type};
  for (const BoundExpr& each : items) operands.push_back(each.type);
  PORPOISE_ASSIGN_OR_RETURN(ExprType common, CommonComparisonType(operands, "in"));
  ConstantListAsNumbers(left, common, &items);
  result.type.not_null = left.type.not_null && NoneNullable(items);
  ComparedOperands compared = CompareOperands(std::move(left), std::move(items), common);
  result.kind = BoundKind::kIn;
  result.negated = expr.negated;
  result.Add(std::move(compared.subject));
  for (BoundExpr& other : compared.others) result.Add(std::move(other));
  return result;
}

void Translator::ConstantListAsNumbers(const BoundExpr& left, const ExprType& common,
                                       std::vector<BoundExpr>* items) {
  // (a list of constants compared as TIMEs likewise: MySQL's in_time_as_longlong reads each
  // once, one that is no time a NULL that never matches)
  if (left.kind == BoundKind::kRow ||
      (common.type != ValueType::kDouble && common.type != ValueType::kDecimal &&
       common.type != ValueType::kTime)) {
    return;
  }
  for (const BoundExpr& item : *items) {
    if (!item.constant) return;
    Result<ExprType> pair = ComparisonType(left.type, item.type, "in");
    if (!pair.ok() || pair.value().type != common.type) return;
  }
  size_t warned = context_.warnings.size();
  ConversionContext conversion{&context_.warnings};
  for (BoundExpr& item : *items) {
    if (item.type.type != ValueType::kString && item.type.type != ValueType::kBinary) continue;
    ExprType type = common;
    type.collation = nullptr;
    type.column = nullptr;
    Value converted = ConvertValue(*item.constant, item.type, type, conversion);
    type.not_null = !converted.is_null();
    item = Constant(std::move(converted), type);
  }
  ComparisonWarningsOnce(warned);
}

Result<BoundExpr> Translator::TranslateBetween(const sql::Expr& expr, const Scope& scope,
                                    Clause clause) {
  if (expr.args.size() != 3 || !expr.args[0] || !expr.args[1] || !expr.args[2]) {
    return Status::Error(ER_PARSE_ERROR, "", 1);
  }
  std::vector<BoundExpr> args;
  PORPOISE_ASSIGN_OR_RETURN(BoundExpr subject, TranslateExpr(*expr.args[0], scope, clause));
  args.push_back(std::move(subject));
  size_t warned = context_.warnings.size();
  for (size_t i = 1; i < 3; ++i) {
    PORPOISE_ASSIGN_OR_RETURN(BoundExpr bound, TranslateExpr(*expr.args[i], scope, clause));
    args.push_back(std::move(bound));
  }
  // JSON among the three is compared as its text, not by JSON's order, and MySQL says so
  // once (Item_func_between's unsupported_json_comparison).
  bool json = false;
  for (BoundExpr& arg : args) {
    if (arg.type.type != ValueType::kJson) continue;
    json = true;
    arg = JsonAsText(std::move(arg));
  }
  if (json) {
    context_.warnings.push_back(
        Status::Error(ER_NOT_SUPPORTED_YET, "comparison of JSON in the BETWEEN operator").AtResolve());
  }
  // A subject that is NULL (known while binding) makes BETWEEN NULL without the bounds read
  // (MySQL's Item_func_between::val_int stops at a NULL subject).
  bool null_subject = IsSilentNull(args[0]);
  const std::optional<BoundExpr> subject_column =
      args[0].kind == BoundKind::kColumn && !args[0].type.not_null ? std::optional<BoundExpr>(args[0])
                                                                   : std::nullopt;
  BoundExpr result;
  result.kind = BoundKind::kBetween;
  result.type = TypeOf(ValueType::kInteger, 1);
  result.type.not_null = NoneNullable(args);
  result.negated = expr.negated;
  std::vector<ExprType> operands{args[0].type, args[1].type, args[2].type};
  Result<ExprType> common = CommonComparisonType(operands, "between");
  if (!common.ok()) return common.status();
  // A TIME among text compares as a TIME only when all three are TIMEs, or the subject is a
  // TIME column (whose constant bounds MySQL converts to TIMEs); else the three compare as
  // text (Item_func_between's string comparison).
  const bool all_times = std::all_of(operands.begin(), operands.end(), [](const ExprType& operand) {
    return operand.type == ValueType::kTime;
  });
  const bool time_column = args[0].kind == BoundKind::kColumn && args[0].type.type == ValueType::kTime;
  if (common->type == ValueType::kTime && !all_times && !time_column) {
    PORPOISE_ASSIGN_OR_RETURN(ExprType text,
                              StringResultCollation(operands, "between", context_.connection_collation));
    text.length = 0;
    common = std::move(text);
  }
  std::vector<BoundExpr> bounds;
  bounds.push_back(UnreadBesideNull(args[0], std::move(args[1])));
  bounds.push_back(UnreadBesideNull(args[0], std::move(args[2])));
  ComparedOperands compared = CompareOperands(std::move(args[0]), std::move(bounds), *common);
  result.Add(std::move(compared.subject));
  result.Add(std::move(compared.others[0]));
  result.Add(std::move(compared.others[1]));
  if (null_subject) {
    ForgetWarnings(warned);
    result.type.not_null = false;
    ExprType type = result.type;
    return UnreadNull(std::move(result), type);
  }
  if (subject_column && context_.select_item != nullptr && context_.warnings.size() > warned &&
      !result.aggregate) {
    // What reading the bounds said, MySQL says for each row it reads them, and it reads none
    // for a row whose subject is NULL.
    return NullWhereNull(*subject_column, WarningEachRow(std::move(result), warned));
  }
  return result;
}

Result<BoundExpr> Translator::TranslateDefault(const sql::Expr& expr, const Scope& scope, Clause clause) {
  if (expr.args.size() != 1 || expr.args[0]->kind != sql::ExprKind::kColumnRef) {
    return Status::Error(ER_NOT_SUPPORTED_YET, "DEFAULT outside INSERT and UPDATE values");
  }
  PORPOISE_ASSIGN_OR_RETURN(BoundExpr named, TranslateExpr(*expr.args[0], scope, clause));
  const catalog::ColumnSchema* column = named.type.column;
  if (column == nullptr) return Status::Error(ER_BAD_FIELD_ERROR, expr.args[0]->column, "field list");
  ExprType type = TypeOfColumn(*column);
  if (type.type == ValueType::kInteger) type.integer_field = catalog::WireType(column->type);  // (INT stays INT)
  type.column = nullptr;
  type.not_null = false;
  switch (column->default_kind) {
    case catalog::DefaultKind::kValue: {
      ExprType text = TypeOf(ValueType::kString, static_cast<uint32_t>(column->default_value.size()));
      text.collation = context_.connection_collation;
      return Convert(Constant(Value::Text(column->default_value), text), type);
    }
    case catalog::DefaultKind::kCurrentTimestamp:
      return BoundExpr::Call("mysql_now", {IntegerConstant(catalog::FractionalDigits(column->type))}, type);
    case catalog::DefaultKind::kExpression: {
      PORPOISE_ASSIGN_OR_RETURN(sql::ExprPtr parsed, sql::ParseExpression(column->default_expression));
      PORPOISE_ASSIGN_OR_RETURN(BoundExpr value, TranslateExpr(*parsed, scope, clause));
      return Convert(std::move(value), type);
    }
    case catalog::DefaultKind::kNull:
      return Constant(Value::Null(), type);
    case catalog::DefaultKind::kNone:
      break;
  }
  return Status::Error(ER_NO_DEFAULT_FOR_FIELD, column->name);
}

Result<BoundExpr> Translator::TranslateLike(const sql::Expr& expr, const Scope& scope,
                                    Clause clause) {
  PORPOISE_ASSIGN_OR_RETURN(std::vector<BoundExpr> args,
                            TranslateArgs(expr, scope, clause, true, true));
  if (args.size() < 2) return Status::Error(ER_PARSE_ERROR, "", 1);
  ExprType truth = TypeOf(ValueType::kInteger, 1);
  truth.not_null = NoneNullable(args);
  // LIKE compares characters under the operands' collation (MySQL's rules for which).
  PORPOISE_ASSIGN_OR_RETURN(const types::Collation* collation,
                            AggregateCollation(args[0].type, args[1].type, "like"));
  if (args[0].type.type == ValueType::kBinary || args[1].type.type == ValueType::kBinary) {
    collation = &types::BinaryCollation();
  }
  if (collation == nullptr) collation = &types::DefaultCollation();
  if (args.size() > 2 && args[2].constant &&
      (args[2].constant->is_null() || Utf8Length(args[2].constant->bytes) != 1)) {
    return Status::Error(ER_WRONG_ARGUMENTS, "ESCAPE");
  }
  // (no escape character at all under NO_BACKSLASH_ESCAPES: the zero character stands in)
  if (args.size() < 3) args.push_back(TextConstant(context_.no_backslash_escapes ? std::string(1, '\0') : "\\"));
  args.push_back(IntegerConstant(collation->id()));
  BoundExpr like = BoundExpr::Call("pp_like", std::move(args), truth);
  if (!expr.negated) return like;
  return BoundExpr::Prefix("NOT", std::move(like), truth);
}

bool MatchesCase(const ExprType& type) {
  const types::Collation* collation = type.collation;
  return type.type == ValueType::kBinary ||
         (collation != nullptr && (collation->is_binary() || collation->name().ends_with("_bin") ||
                                   collation->name().ends_with("_cs")));
}

Result<BoundExpr> Translator::TranslateRegexp(const sql::Expr& expr, const Scope& scope,
                                    Clause clause) {
  const size_t warned = context_.warnings.size();
  PORPOISE_ASSIGN_OR_RETURN(std::vector<BoundExpr> args,
                            TranslateArgs(expr, scope, clause, true, true));
  if (args.size() != 2) return Status::Error(ER_PARSE_ERROR, "", 1);
  if (IsSilentNull(args[1]) && NoSubqueryOrWindow(args[0])) {
    // (MySQL compiles the pattern before it reads the subject, and reads none beside a NULL
    // pattern, as REGEXP_LIKE does: see FunctionDef::second_first)
    ForgetWarnings(warned);
    ExprType type = args[0].type;
    type.not_null = false;
    args[0] = UnreadNull(std::move(args[0]), type);
  }
  ExprType truth = TypeOf(ValueType::kInteger, 1);
  // NULL only for a NULL operand (a bad pattern is an error), as MySQL types it.
  truth.not_null = args[0].type.not_null && args[1].type.not_null;
  // Case-sensitive when an operand's collation is (binary, _bin, _cs), as in MySQL.
  bool sensitive = false;
  for (const BoundExpr& arg : args) sensitive = sensitive || MatchesCase(arg.type);
  std::vector<BoundExpr> operands;
  operands.push_back(std::move(args[1]));
  operands.push_back(std::move(args[0]));
  operands.push_back(TextConstant(sensitive ? "c" : "i"));
  BoundExpr match = BoundExpr::Call("mysql_regexp", std::move(operands), truth);
  if (!expr.negated) return match;
  return BoundExpr::Prefix("NOT", std::move(match), truth);
}

Result<BoundExpr> Translator::TranslateIsNull(const sql::Expr& expr, const Scope& scope,
                                    Clause clause) {
  size_t warned = context_.warnings.size();
  PORPOISE_ASSIGN_OR_RETURN(std::vector<BoundExpr> args, TranslateArgs(expr, scope, clause));
  if (args.size() != 1) return Status::Error(ER_PARSE_ERROR, "", 1);
  ExprType truth = TypeOf(ValueType::kInteger, 1);
  truth.not_null = true;
  // IS NULL of a value of constants alone that cannot be NULL never computes it: MySQL's is
  // a constant (Item_func_isnull's cached value), so what computing it warns is unsaid. (IS
  // NOT NULL computes its operand.)
  if (!expr.negated && args[0].type.not_null && ComputesFromConstants(args[0])) {
    ForgetWarnings(warned);
    return BoundExpr::Constant(Value::Integer(0), truth);
  }
  return BoundExpr::Postfix(std::move(args[0]), expr.negated ? "IS NOT NULL" : "IS NULL",
                            truth);
}

Result<BoundExpr> Translator::TranslateIsBool(const sql::Expr& expr, const Scope& scope,
                                    Clause clause) {
  PORPOISE_ASSIGN_OR_RETURN(std::vector<BoundExpr> args, TranslateArgs(expr, scope, clause, true));
  if (args.size() != 1) return Status::Error(ER_PARSE_ERROR, "", 1);
  std::string what = expr.is_value == sql::LiteralKind::kTrue    ? "TRUE"
                     : expr.is_value == sql::LiteralKind::kFalse ? "FALSE"
                                                                 : "NULL";
  ExprType truth = TypeOf(ValueType::kInteger, 1);
  truth.not_null = true;
  return BoundExpr::Postfix(std::move(args[0]), (expr.negated ? "IS NOT " : "IS ") + what,
                            truth);
}

Result<BoundExpr> Translator::TranslateScalarSubquery(const sql::Expr& expr, const Scope& scope,
                                    Clause) {
  if (!expr.subquery) return Status::Error(ER_PARSE_ERROR, "", 1);
  PORPOISE_ASSIGN_OR_RETURN(BoundSelectResult sub, BindSelect(*expr.subquery, &scope));
  if (sub.columns.size() != 1) return Status::Error(ER_OPERAND_COLUMNS, 1);
  BoundExpr result;
  result.kind = BoundKind::kSubquery;
  result.type = sub.columns[0].type;
  // A column's integer type carries over (an INT column's subquery is LONG).
  if (result.type.column != nullptr && result.type.type == ValueType::kInteger) {
    result.type.integer_field = catalog::WireType(result.type.column->type);
  }
  result.type.column = nullptr;
  result.type.not_null = false;
  result.query = std::move(sub.query);
  return result;
}

// x op ANY (subquery) / x op ALL (subquery): the comparison of x with each row's value, which
// the emitter folds over the rows (ANY: true when one is, NULL when none is but one is NULL;
// ALL: false when one is, NULL when none is but one is NULL; no rows: ANY false, ALL true).
Result<BoundExpr> Translator::TranslateQuantified(const sql::Expr& expr, const Scope& scope,
                                                  Clause clause) {
  if (expr.args.empty() || !expr.subquery) return Status::Error(ER_PARSE_ERROR, "", 1);
  PORPOISE_ASSIGN_OR_RETURN(BoundExpr left, TranslateExpr(*expr.args[0], scope, clause));
  if (left.kind == BoundKind::kRow) return Status::Error(ER_OPERAND_COLUMNS, 1);
  if (expr.subquery->limit) return Status::Error(ER_NOT_SUPPORTED_YET, "LIMIT & IN/ALL/ANY/SOME subquery");
  PORPOISE_ASSIGN_OR_RETURN(BoundSelectResult sub, BindSelect(*expr.subquery, &scope));
  if (sub.columns.size() != 1) return Status::Error(ER_OPERAND_COLUMNS, 1);
  ExprType value_type = sub.columns[0].type;
  value_type.column = nullptr;
  value_type.not_null = false;
  BoundExpr value = BoundExpr::Column(QuoteName(kQuantifiedAlias) + "." + QuoteName(FirstColumnName(*sub.query)),
                                      value_type);
  PORPOISE_ASSIGN_OR_RETURN(BoundExpr comparison,
                            TranslateComparison(expr.op, std::move(left), std::move(value), expr));
  BoundExpr result;
  result.kind = BoundKind::kSubquery;
  result.subquery = SubqueryForm::kQuantified;
  result.negated = expr.text == "ALL";
  result.type = TypeOf(ValueType::kInteger, 1);
  result.query = std::move(sub.query);
  result.Add(std::move(comparison));
  return result;
}

Result<BoundExpr> Translator::TranslateExists(const sql::Expr& expr, const Scope& scope,
                                    Clause) {
  if (!expr.subquery) return Status::Error(ER_PARSE_ERROR, "", 1);
  const sql::SelectStatement* outer_exists = exists_select_;
  exists_select_ = expr.subquery.get();
  Result<BoundSelectResult> bound = BindSelect(*expr.subquery, &scope);
  exists_select_ = outer_exists;
  PORPOISE_ASSIGN_OR_RETURN(BoundSelectResult sub, std::move(bound));
  BoundExpr result;
  result.kind = BoundKind::kSubquery;
  result.subquery = SubqueryForm::kExists;
  result.negated = expr.negated;
  result.type = TypeOf(ValueType::kInteger, 1);
  result.query = std::move(sub.query);
  return result;
}

Result<BoundExpr> Translator::TranslateConvertUsing(const sql::Expr& expr, const Scope& scope,
                                    Clause clause) {
  PORPOISE_ASSIGN_OR_RETURN(std::vector<BoundExpr> args,
                            TranslateArgs(expr, scope, clause, true, true));
  if (args.size() != 1) return Status::Error(ER_PARSE_ERROR, "", 1);
  PORPOISE_ASSIGN_OR_RETURN(const types::Collation* collation, CharsetCollation(expr.text));
  ExprType type = args[0].type;
  type.column = nullptr;
  bool binary = EqualsIgnoreCase(expr.text, "binary");
  if (binary) {
    type.type = ValueType::kBinary;
    type.collation = nullptr;
    return BoundExpr::Cast(CharsetBytes(std::move(args[0])), "BLOB", type);
  }
  std::string_view set = collation != nullptr ? collation->charset() : std::string_view();
  if (expr.detail().char_using && (set == "utf8mb4" || set == "utf8mb3" || set == "ascii")) {
    // CHAR(... USING cs): the bytes as they are when well formed in cs; else 1300 and the
    // well-formed part, or NULL in strict mode. Coercible, as a literal.
    type.type = ValueType::kString;
    type.collation = collation;
    type.coercibility = Coercibility::kCoercible;
    type.not_null = false;
    return BoundExpr::Call("pp_char_using",
                           {std::move(args[0]), TextConstant(std::string(set)), IntegerConstant(context_.strict ? 1 : 0)},
                           type);
  }
  // The value as the target set holds it ('?' for what it cannot), in its default
  // collation, bound as strongly as a column.
  type.type = ValueType::kString;
  type.collation = collation;
  type.coercibility = Coercibility::kImplicit;
  // A DOUBLE as the text MySQL prints for it (SQLite's CAST writes 15 digits); a FLOAT, or a
  // DOUBLE with fixed decimals, is text already (TranslateArgs' StringArgument).
  BoundExpr value = std::move(args[0]);
  if (value.type.type == ValueType::kDouble && value.type.decimals >= 31) {
    ExprType text = TypeOf(ValueType::kString, std::max<uint32_t>(value.type.length, 22));
    text.collation = context_.connection_collation;
    text.coercibility = Coercibility::kNumeric;
    value = Convert(std::move(value), text);
  }
  return HeldInCharset(BoundExpr::Cast(std::move(value), "TEXT", type));
}

Result<const types::Collation*> Translator::CharsetCollation(std::string_view charset) {
  const catalog::CharsetInfo* info = catalog::FindCharset(charset);
  if (info == nullptr) return Status::Error(ER_UNKNOWN_CHARACTER_SET, std::string(charset));
  // (utf8 and utf8mb3 named in CONVERT ... USING or CAST ... CHARACTER SET: the parser's)
  for (Status& warning : catalog::DeprecatedCharsetWarnings(charset, "")) {
    context_.warnings.push_back(std::move(warning));
  }
  const types::Collation* collation = types::FindCollationByName(info->default_collation);
  return collation != nullptr ? collation : context_.connection_collation;
}

BoundExpr Translator::HeldInCharset(BoundExpr text) {
  std::string_view set = text.type.collation->charset();
  if (set != "latin1" && set != "ascii" && set != "utf8mb3") return text;
  ExprType type = text.type;
  return BoundExpr::Call("pp_convert", {std::move(text), TextConstant(std::string(set))}, type);
}

Result<BoundExpr> Translator::TranslateCollate(const sql::Expr& expr, const Scope& scope,
                                    Clause clause) {
  PORPOISE_ASSIGN_OR_RETURN(std::vector<BoundExpr> args, TranslateArgs(expr, scope, clause));
  if (args.size() != 1) return Status::Error(ER_PARSE_ERROR, "", 1);
  if (catalog::FindCollation(expr.text) == nullptr) {
    return Status::Error(ER_UNKNOWN_COLLATION, expr.text);
  }
  const types::Collation* collation = types::FindCollationByName(expr.text);
  if (collation == nullptr) return Status::Error(ER_UNKNOWN_COLLATION, expr.text);
  BoundExpr result = args[0];
  result.type.quiet_number = false;  // (its text read as a number warns, as any string's)
  // A number, a date or a time is collated as its text in the connection's character set.
  bool temporal = IsTemporalType(result.type.type);
  const types::Collation* current =
      result.type.type == ValueType::kString || result.type.type == ValueType::kNull
          ? result.type.collation
      : IsNumericType(result.type.type) || temporal ? context_.connection_collation
                                                    : nullptr;
  if (current != nullptr && current->charset() != collation->charset() &&
      !(current->charset() == "utf8mb3" && collation->charset() == "utf8mb4")) {
    return Status::Error(ER_COLLATION_CHARSET_MISMATCH, expr.text,
                         std::string(current->charset()));
  }
  // A binary string takes only the binary collation; so does NULL, whose set is binary.
  if ((result.type.type == ValueType::kBinary || result.type.type == ValueType::kNull) &&
      collation->charset() != "binary") {
    return Status::Error(ER_COLLATION_CHARSET_MISMATCH, expr.text, "binary");
  }
  if (result.type.type == ValueType::kString || result.type.type == ValueType::kNull) {
    result.type.type = ValueType::kString;
  } else if (temporal) {
    result = Convert(std::move(result), TypeOf(ValueType::kString, result.type.length));
  } else if (IsNumericType(result.type.type)) {
    ExprType text = TypeOf(ValueType::kString, result.type.length);
    result = BoundExpr::Call("mysql_cast_char", {StringArgument(std::move(result), false)}, text);
  }
  result.type.column = nullptr;
  result.type.collation = collation;
  result.type.coercibility = Coercibility::kExplicit;
  result.type.not_null = false;  // as MySQL marks a COLLATE expression
  return result;
}

Result<BoundExpr> Translator::TranslateRow(const sql::Expr& expr, const Scope& scope,
                                    Clause clause) {
  PORPOISE_ASSIGN_OR_RETURN(std::vector<BoundExpr> args, TranslateArgs(expr, scope, clause));
  BoundExpr result;
  result.kind = BoundKind::kRow;
  result.type = TypeOf(ValueType::kInteger, 1);
  for (BoundExpr& arg : args) result.Add(std::move(arg));
  return result;
}

Result<std::vector<BoundExpr>> Translator::TranslateArgs(const sql::Expr& expr,
                                                              const Scope& scope, Clause clause,
                                                              bool textual, bool float_text) {
  std::vector<BoundExpr> args;
  args.reserve(expr.args.size());
  for (const sql::ExprPtr& arg : expr.args) {
    if (!arg) return Status::Error(ER_PARSE_ERROR, "", 1);
    PORPOISE_ASSIGN_OR_RETURN(BoundExpr translated, TranslateExpr(*arg, scope, clause));
    if (textual) {
      translated = float_text ? StringArgument(std::move(translated))
                              : Textual(std::move(translated));
    }
    args.push_back(std::move(translated));
  }
  return args;
}

BoundExpr Translator::Truth(BoundExpr expr) {
  // (a DATE, DATETIME or TIME by its number: TIME '-00:00:01' is -1, true; its text would
  // read as -00, false)
  if (expr.type.type == ValueType::kString || expr.type.type == ValueType::kBinary ||
      IsTemporalType(expr.type.type)) {
    return Convert(std::move(expr), NumericType(ValueType::kDouble, 23, 31));
  }
  return Textual(std::move(expr));
}

BoundExpr Translator::CharsetBytes(BoundExpr expr) {
  if (expr.type.type != ValueType::kString || expr.type.collation == nullptr) return expr;
  std::string_view charset = expr.type.collation->charset();
  if (charset != "latin1" && charset != "ascii") return expr;
  ExprType bytes = TypeOf(ValueType::kBinary, expr.type.length);
  bytes.not_null = expr.type.not_null;
  return BoundExpr::Call("pp_encode", {std::move(expr), TextConstant(std::string(charset))}, bytes);
}

BoundExpr Translator::Textual(BoundExpr expr) {
  // (a YEAR column's value shows four digits, as does a temporary table's YEAR field, a
  // grouped MIN(y); another computed YEAR, its number)
  bool year_column = expr.type.type == ValueType::kYear &&
                     (expr.type.column != nullptr || expr.type.own_field == FieldType::kYear);
  if (expr.type.type == ValueType::kDecimal || year_column ||
      (expr.type.type == ValueType::kInteger && expr.type.is_unsigned)) {
    ExprType text = expr.type;
    text.type = ValueType::kString;
    text.collation = context_.connection_collation;
    text.coercibility = Coercibility::kNumeric;
    ExprType original = expr.type;
    BoundExpr converted = Convert(std::move(expr), text);
    converted.type = original;  // still a number to the functions' type rules
    converted.type.column = nullptr;
    return converted;
  }
  return expr;
}

BoundExpr Translator::TemporalAsDecimal(BoundExpr expr) {
  if (!IsTemporalType(expr.type.type)) return expr;
  uint8_t fsp = expr.type.decimals <= 6 ? expr.type.decimals : 0;
  // (its display length kept: FORMAT sizes its result by its argument's, as MySQL's by the
  // temporal value's)
  ExprType decimal = NumericType(ValueType::kDecimal, expr.type.length, fsp);
  decimal.digits = static_cast<uint8_t>(14 + fsp);
  return Convert(std::move(expr), decimal);
}

BoundExpr Translator::StringArgument(BoundExpr expr, bool as_number) {
  if (expr.type.type == ValueType::kBit) {
    // A BIT value read as a string is its bytes, big-endian, as many as the width needs
    // (MySQL's Field_bit::val_str): LENGTH(b) of a BIT(9) is 2.
    uint32_t bytes = std::clamp<uint32_t>((expr.type.length + 7) / 8, 1, 8);
    ExprType binary = TypeOf(ValueType::kBinary, bytes);
    binary.not_null = expr.type.not_null;
    binary.coercibility = Coercibility::kImplicit;
    return BoundExpr::Call("mysql_bit_bytes", {std::move(expr), IntegerConstant(bytes)}, binary);
  }
  if (expr.type.type != ValueType::kFloat && expr.type.type != ValueType::kDouble) {
    return Textual(std::move(expr));
  }
  // (a DOUBLE as the text MySQL prints of it: 0, 1e308, -0.00000015, not SQLite's 0.0,
  // 1.0e+308, -1.5e-07)
  ExprType text = TypeOf(ValueType::kString, std::max<uint32_t>(expr.type.length, 12));
  text.collation = context_.connection_collation;
  text.coercibility = Coercibility::kNumeric;
  ExprType original = expr.type;
  BoundExpr converted = Convert(std::move(expr), text);
  if (!as_number) return converted;
  converted.type = original;  // still a number to the functions' type rules
  converted.type.column = nullptr;
  return converted;
}

BoundExpr Translator::FloatText(BoundExpr expr) {
  ValueType from = expr.type.type;
  if (from != ValueType::kDouble && from != ValueType::kFloat) return expr;
  return StringArgument(std::move(expr), /*as_number=*/false);
}

BoundExpr Translator::AsMerged(BoundExpr value, const ExprType& type) {
  if (type.type == ValueType::kString || type.type == ValueType::kBinary) {
    // A signed integer is made text too (other numbers are by Textual and FloatText), so that
    // merged values compare and sort as the strings they are (MIN(COALESCE(d, 1)) is
    // '0000-00-00', not 1).
    if (value.type.type == ValueType::kInteger && !value.type.is_unsigned) {
      return Convert(std::move(value), type);
    }
    return FloatText(Textual(std::move(value)));
  }
  bool exact = type.type == ValueType::kDecimal ||
               (type.type == ValueType::kInteger && type.is_unsigned);
  if (!ConvertsToMerged(type) && !exact) return value;
  return Convert(std::move(value), type);
}

Result<BoundExpr> Translator::TranslateLiteral(const sql::Expr& expr) {
  auto numeric = [](ValueType type, uint32_t length, uint8_t decimals, bool is_unsigned) {
    ExprType result = TypeOf(type, length, decimals);
    result.is_unsigned = is_unsigned;
    return result;
  };
  switch (expr.literal_kind) {
    case sql::LiteralKind::kNull: {
      ExprType type = TypeOf(ValueType::kNull, 0);
      type.coercibility = Coercibility::kIgnorable;
      return BoundExpr::Constant(Value::Null(), type);
    }
    case sql::LiteralKind::kTrue:
    case sql::LiteralKind::kFalse:
      return Constant(Value::Integer(expr.literal_kind == sql::LiteralKind::kTrue ? 1 : 0),
                      numeric(ValueType::kInteger, 1, 0, false));
    case sql::LiteralKind::kInteger: {
      uint32_t digits = static_cast<uint32_t>(expr.text.size());
      bool fits = digits < 19 || (digits == 19 && expr.text <= "9223372036854775807");
      bool fits_unsigned = digits < 20 || (digits == 20 && expr.text <= "18446744073709551615");
      if (fits) {
        ExprType type = numeric(ValueType::kInteger, digits, 0, false);
        type.digits = static_cast<uint8_t>(digits);  // no sign position
        return Constant(Value::Integer(std::strtoll(expr.text.c_str(), nullptr, 10)), type);
      }
      if (fits_unsigned) {
        return Constant(EncodeUnsigned(std::strtoull(expr.text.c_str(), nullptr, 10)),
                        numeric(ValueType::kInteger, digits, 0, true));
      }
      [[fallthrough]];
    }
    case sql::LiteralKind::kDecimal: {
      types::Decimal decimal;
      types::Decimal::Outcome parsed = types::Decimal::Parse(expr.text, &decimal);
      if (parsed == types::Decimal::Outcome::kOverflow ||
          parsed == types::Decimal::Outcome::kBadValue) {
        // Beyond DECIMAL's 65 digits (or 30 decimals) a literal is a DOUBLE, as in MySQL.
        size_t consumed = 0;
        return Constant(Value::Double(ParseNumberPrefix(expr.text, &consumed)),
                        numeric(ValueType::kDouble, 23, 31, false));
      }
      uint32_t scale = static_cast<uint32_t>(decimal.scale());
      uint32_t precision = std::max<uint32_t>(
          static_cast<uint32_t>(std::max(decimal.IntegerDigits(), 1)) + scale, 1);
      return Constant(EncodeDecimal(decimal),
                      numeric(ValueType::kDecimal, DecimalLength(precision, scale, false),
                              static_cast<uint8_t>(scale), false));
    }
    case sql::LiteralKind::kFloat: {
      size_t consumed = 0;
      double value = ParseNumberPrefix(expr.text, &consumed);
      if (!std::isfinite(value)) return Status::Error(ER_ILLEGAL_VALUE_FOR_TYPE, "double", expr.text);
      (void)consumed;
      // MySQL displays a floating-point literal as long as it was written.
      uint32_t length = static_cast<uint32_t>(std::min<size_t>(expr.text.size(), 255));
      return Constant(Value::Double(value), numeric(ValueType::kDouble, length, 31, false));
    }
    case sql::LiteralKind::kString: {
      if (expr.detail().charset_introducer == "binary") {
        ExprType type = TypeOf(ValueType::kBinary, static_cast<uint32_t>(expr.text.size()));
        type.coercibility = Coercibility::kCoercible;
        return Constant(Value::Blob(expr.text), type);
      }
      ExprType type = TypeOf(ValueType::kString, static_cast<uint32_t>(Utf8Length(expr.text)));
      type.collation = context_.connection_collation;
      if (!expr.detail().charset_introducer.empty()) {
        for (Status& warning : catalog::DeprecatedCharsetWarnings(expr.detail().charset_introducer, "")) {
          context_.warnings.push_back(std::move(warning));
        }
        const catalog::CharsetInfo* charset = catalog::FindCharset(expr.detail().charset_introducer);
        if (charset != nullptr) {
          const types::Collation* collation = types::FindCollationByName(charset->default_collation);
          if (collation != nullptr) type.collation = collation;
        }
      }
      type.coercibility = Coercibility::kCoercible;
      return Constant(Value::Text(expr.text), type);
    }
    case sql::LiteralKind::kHexString:
    case sql::LiteralKind::kBitString: {
      ExprType type = TypeOf(ValueType::kBinary, static_cast<uint32_t>(expr.text.size()));
      type.coercibility = Coercibility::kCoercible;
      type.hex_literal = true;
      return Constant(Value::Blob(expr.text), type);
    }
    case sql::LiteralKind::kDate:
    case sql::LiteralKind::kTime:
    case sql::LiteralKind::kTimestamp:
      return TemporalLiteral(expr);
  }
  return Status::Error(ER_NOT_SUPPORTED_YET, "this literal");
}

// DATE'…', TIME'…', TIMESTAMP'…': read as MySQL reads them (1525 for text that is no such
// value, or a date sql_mode refuses), in canonical form, a TIME or TIMESTAMP with as many fraction digits as written.
Result<BoundExpr> Translator::TemporalLiteral(const sql::Expr& expr) {
  types::Temporal value;
  const bool time = expr.literal_kind == sql::LiteralKind::kTime;
  const bool date = expr.literal_kind == sql::LiteralKind::kDate;
  types::TemporalOutcome outcome = time ? types::ParseTime(expr.text, &value)
                                         : types::ParseDateTime(expr.text, &value,
                                                                context_.sql_mode_dates);
  bool fits = outcome != types::TemporalOutcome::kBad &&
              (time || !date || value.kind == types::Temporal::Kind::kDate);
  if (!fits) {
    return Status::Error(ER_WRONG_VALUE, date ? "DATE" : time ? "TIME" : "DATETIME", expr.text);
  }
  uint8_t fsp = 0;
  if (!date) {
    size_t dot = expr.text.rfind('.');
    if (dot != std::string::npos && expr.text.find(':') != std::string::npos && dot > expr.text.find(':')) {
      size_t digits = 0;
      while (dot + 1 + digits < expr.text.size() &&
             std::isdigit(static_cast<unsigned char>(expr.text[dot + 1 + digits]))) {
        ++digits;
      }
      fsp = static_cast<uint8_t>(std::min<size_t>(digits, 6));
    }
  }
  // (a date's text given as TIMESTAMP'…' is its midnight)
  value.kind = date ? types::Temporal::Kind::kDate
               : time ? types::Temporal::Kind::kTime
                      : types::Temporal::Kind::kDateTime;
  ExprType type = date   ? TypeOf(ValueType::kDate, 10)
                  : time ? TypeOf(ValueType::kTime, fsp > 0 ? 11u + fsp : 10u, fsp)
                         : TypeOf(ValueType::kDateTime, fsp > 0 ? 20u + fsp : 19u, fsp);
  return Constant(Value::Text(types::Format(value, fsp)), type);
}

Result<BoundExpr> Translator::TranslateParameter(const sql::Expr& expr, const Scope& scope,
                                                 Clause clause) {
  const std::vector<sql::ExprPtr>* values = context_.statement_parameters;
  if (values == nullptr || expr.param_index >= values->size()) {
    return Status::Error(ER_PARSE_ERROR, "?", 1);
  }
  PORPOISE_ASSIGN_OR_RETURN(BoundExpr value,
                            TranslateExpr(*(*values)[expr.param_index], scope, clause));
  std::vector<ExprType>* types = context_.parameter_types;
  if (types == nullptr || !value.constant || value.constant->is_null()) return value;
  if (expr.param_index < types->size()) (*types)[expr.param_index] = value.type;
  return BoundExpr::Call("pp_param", {IntegerConstant(expr.param_index)}, value.type);
}

Result<BoundExpr> Translator::TranslateVariable(const sql::Expr& expr) {
  context_.binds_alike = false;
  ExprType type;
  // A variable's column is described nullable, whatever its value.
  auto variable = [&](Value value) {
    BoundExpr result = Constant(std::move(value), type);
    result.type.not_null = false;
    return result;
  };
  if (expr.scope == sql::VariableScope::kUser) {
    Value value;
    bool set = false;
    if (context_.user_variables != nullptr) {
      auto found = context_.user_variables->find(ToLowerAscii(expr.text));
      set = found != context_.user_variables->end();
      if (set) value = found->second;
    }
    switch (value.kind) {
      case Value::Kind::kNull:
        // (one never set is a NULL of no type, as MySQL 8.4 reads it: COALESCE(@unset, 2)
        // is the number 2)
        type = TypeOf(set || context_.runtime_user_variables ? ValueType::kBinary : ValueType::kNull, 0);
        if (!set) type.coercibility = Coercibility::kIgnorable;
        break;
      case Value::Kind::kInteger:
        type = TypeOf(ValueType::kInteger, 21);
        break;
      case Value::Kind::kDouble:
        type = TypeOf(ValueType::kDouble, 23, 31);
        break;
      case Value::Kind::kText:
        type = TypeOf(ValueType::kString, static_cast<uint32_t>(Utf8Length(value.bytes)));
        break;
      case Value::Kind::kBlob:
        type = TypeOf(ValueType::kBinary, static_cast<uint32_t>(value.bytes.size()));
        break;
    }
    if (context_.runtime_user_variables) {
      // Typed as the value it holds now; read at each evaluation.
      if (type.type == ValueType::kString || type.type == ValueType::kBinary) {
        type.length = std::max<uint32_t>(type.length, 255);
      }
      BoundExpr read = BoundExpr::Call("mysql_user_var", {TextConstant(ToLowerAscii(expr.text))}, type);
      read.volatile_call = true;
      return read;
    }
    return variable(std::move(value));
  }
  if (context_.variables == nullptr) return Status::Error(ER_UNKNOWN_SYSTEM_VARIABLE, expr.text);
  // The previous statement's diagnostics, which the session keeps rather than the variables.
  bool warnings = EqualsIgnoreCase(expr.text, "warning_count");
  if ((warnings || EqualsIgnoreCase(expr.text, "error_count")) &&
      expr.scope != sql::VariableScope::kGlobal) {
    type = TypeOf(ValueType::kInteger, 21);
    type.is_unsigned = true;
    // The previous statement's, until this one raises a condition of its own (SELECT @v :=
    // 1, @@warning_count counts the 1287 it raised).
    uint64_t count = warnings ? context_.warning_count : context_.error_count;
    if (!context_.warnings.empty()) count = warnings ? context_.warnings.size() : 0;
    return variable(EncodeUnsigned(count));
  }
  PORPOISE_ASSIGN_OR_RETURN(std::string text, context_.variables->Get(expr.text, expr.scope));
  const catalog::SystemVariable* definition = context_.variables->Find(expr.text);
  if (definition != nullptr &&
      (definition->name == "character_set_results" || definition->name == "secure_file_priv") &&
      text == "NULL") {
    // SET character_set_results = NULL (results sent as they are), secure_file_priv NULL (no
    // file import or export): the value is SQL NULL.
    type = TypeOf(ValueType::kString, 1);
    type.collation = context_.connection_collation;
    type.coercibility = Coercibility::kSysconst;
    return variable(Value::Null());
  }
  catalog::VariableType variable_type =
      definition != nullptr ? definition->type : catalog::VariableType::kString;
  switch (variable_type) {
    case catalog::VariableType::kBool: {
      bool on = EqualsIgnoreCase(text, "ON") || text == "1" || EqualsIgnoreCase(text, "TRUE");
      type = TypeOf(ValueType::kInteger, 1);
      return variable(Value::Integer(on ? 1 : 0));
    }
    case catalog::VariableType::kInteger:
    case catalog::VariableType::kUnsigned: {
      size_t consumed = 0;
      ParseNumberPrefix(text, &consumed);
      bool numeric = consumed == text.size() && !text.empty() &&
                     text.find_first_of(".eE") == std::string::npos;
      bool is_unsigned = variable_type == catalog::VariableType::kUnsigned;
      if (!numeric) {
        type = TypeOf(ValueType::kString, 21);
        type.collation = context_.connection_collation;
        type.coercibility = Coercibility::kSysconst;
        return variable(Value::Text(text));
      }
      type = TypeOf(ValueType::kInteger, 21);
      type.is_unsigned = is_unsigned;
      if (text[0] == '-') return variable(Value::Integer(std::strtoll(text.c_str(), nullptr, 10)));
      uint64_t number = std::strtoull(text.c_str(), nullptr, 10);
      if (number > static_cast<uint64_t>(INT64_MAX)) {
        type.is_unsigned = true;
        return variable(EncodeUnsigned(number));
      }
      return variable(Value::Integer(static_cast<int64_t>(number)));
    }
    case catalog::VariableType::kDouble: {
      type = TypeOf(ValueType::kDouble, 23, 6);  // (shown with six decimals, as MySQL's)
      double number = std::strtod(text.c_str(), nullptr);
      // @@timestamp not set is the statement's clock, in seconds with its microseconds.
      if (definition != nullptr && definition->name == "timestamp" && number == 0) {
        context_.binds_alike = false;
        number = static_cast<double>(context_.statement_micros) / 1e6;
      }
      return variable(Value::Double(number));
    }
    default:
      type = TypeOf(ValueType::kString, std::max<uint32_t>(static_cast<uint32_t>(Utf8Length(text)), 1));
      type.collation = context_.connection_collation;
      type.coercibility = Coercibility::kSysconst;
      return variable(Value::Text(text));
  }
}

Result<std::optional<BoundExpr>> Translator::ProgramValue(const sql::Expr& expr) {
  ProgramFrame& program = *context_.program;
  // Read when the statement runs (pp_var), so a statement bound once serves every run;
  // described as a column of its type (MySQL's metadata for a variable is its field's).
  auto value = [&](int64_t block, size_t index, const catalog::ColumnSchema& column) {
    ExprType type = TypeOfColumn(column);
    type.not_null = false;
    return std::optional<BoundExpr>(BoundExpr::Call(
        "pp_var", {IntegerConstant(block), IntegerConstant(static_cast<int64_t>(index))}, type));
  };
  if (expr.table.empty()) {
    if (std::optional<std::pair<size_t, size_t>> slot = program.FindSlot(expr.column)) {
      return value(static_cast<int64_t>(slot->first), slot->second,
                   program.blocks[slot->first].variables[slot->second].column);
    }
    return std::optional<BoundExpr>();
  }
  if (program.trigger_table == nullptr) return std::optional<BoundExpr>();
  bool is_new = EqualsIgnoreCase(expr.table, "NEW");
  if (!is_new && !EqualsIgnoreCase(expr.table, "OLD")) return std::optional<BoundExpr>();
  const std::vector<Value>* row = is_new ? program.new_row : program.old_row;
  if (row == nullptr) {
    return Status::Error(ER_TRG_NO_SUCH_ROW_IN_TRG, is_new ? "NEW" : "OLD",
                         "on " + std::string(program.event));
  }
  int index = program.trigger_table->FindColumn(expr.column);
  if (index < 0) return Status::Error(ER_BAD_FIELD_ERROR, expr.column, is_new ? "NEW" : "OLD");
  const catalog::ColumnSchema& column = program.trigger_table->columns[static_cast<size_t>(index)];
  std::optional<BoundExpr> read = value(is_new ? -1 : -2, static_cast<size_t>(index), column);
  // The row holds a TIMESTAMP as stored (UTC).
  if (column.type_class == catalog::TypeClass::kTimestamp) read = TimestampRead(std::move(*read));
  return read;
}

Result<BoundExpr> Translator::TranslateColumnRef(const sql::Expr& expr, const Scope& scope,
                                                      Clause clause) {
  if (expr.column == "*") return Status::Error(ER_PARSE_ERROR, "*", 1);
  if (context_.program != nullptr && expr.database.empty()) {
    PORPOISE_ASSIGN_OR_RETURN(std::optional<BoundExpr> variable, ProgramValue(expr));
    if (variable) return std::move(*variable);
  }
  std::string display = expr.table.empty() ? expr.column : expr.table + "." + expr.column;
  if (!expr.database.empty()) display = expr.database + "." + display;
  // ORDER BY / GROUP BY / HAVING may name a select-list alias.
  if (expr.table.empty() &&
      (clause == Clause::kOrder || clause == Clause::kGroup || clause == Clause::kHaving)) {
    for (const auto& [alias, index] : scope.select_aliases) {
      if (EqualsIgnoreCase(alias, expr.column)) {
        ExprType type = index < scope.select_types.size() ? scope.select_types[index] : ExprType();
        if (context_.column_qualifiers != nullptr && type.column != nullptr) {
          (*context_.column_qualifiers)[&expr] = {
              type.table_alias == type.org_table ? type.schema : "", type.table_alias,
              type.column->name};
        }
        // (an ENUM or SET item keeps its column in ORDER BY, which sorts it by its labels'
        // positions)
        bool labels = type.column != nullptr && (type.column->type_class == catalog::TypeClass::kEnum ||
                                                 type.column->type_class == catalog::TypeClass::kSet);
        if (!labels || clause != Clause::kOrder) type.column = nullptr;
        return BoundExpr::Column(QuoteName(alias), type);
      }
    }
  }
  for (const Scope* level = &scope; level != nullptr; level = level->outer) {
    // A common column of a NATURAL / USING join: one column, not two.
    if (expr.table.empty() && expr.database.empty()) {
      auto joined = std::find_if(level->joined.rbegin(), level->joined.rend(),
                                 [&](const JoinedColumn& column) {
                                   return EqualsIgnoreCase(column.name, expr.column);
                                 });
      if (joined != level->joined.rend()) {
        // The first table's column: in an inner join the others equal it, and in an outer
        // join it is the preserved side's (MySQL has no FULL JOIN), never NULL-extended.
        sql::Expr qualified;
        qualified.kind = sql::ExprKind::kColumnRef;
        qualified.table = joined->aliases.front();
        qualified.column = joined->name;
        return TranslateColumnRef(qualified, scope, clause);
      }
    }
    const ScopeTable* found_table = nullptr;
    int found_index = -1;
    for (const ScopeTable& table : level->tables) {
      if (!expr.table.empty() && table.alias != expr.table) continue;
      if (!expr.database.empty() && table.database != expr.database) continue;
      int index = -1;
      if (table.schema) {
        index = table.schema->FindColumn(expr.column);
      } else {
        for (size_t i = 0; i < table.derived_names.size(); ++i) {
          if (EqualsIgnoreCase(table.derived_names[i], expr.column)) {
            index = static_cast<int>(i);
            break;
          }
        }
      }
      if (index < 0) continue;
      if (found_table != nullptr) {
        return Status::Error(ER_NON_UNIQ_ERROR, expr.column, ClauseName(clause));
      }
      found_table = &table;
      found_index = index;
    }
    if (found_table == nullptr) continue;
    for (const Scope* inner = &scope; inner != level; inner = inner->outer) {
      inner->outer_reference = true;
    }
    BoundExpr result;
    size_t index = static_cast<size_t>(found_index);
    if (found_table->schema) {
      const catalog::ColumnSchema& column = found_table->schema->columns[index];
      (found_table->write_target ? context_.target_columns_read : context_.columns_read)
          .push_back({found_table->database, found_table->table, column.name});
      result.kind = BoundKind::kColumn;
      result.name = QuoteName(found_table->alias) + "." + QuoteName(column.name);
      result.type = TypeOfColumn(column);
      result.type.schema = found_table->database;
      result.type.table_alias = found_table->alias;
      result.type.org_table = found_table->table;
      result.type.key_flags = catalog::ColumnKeyFlags(*found_table->schema, index);
    } else {
      if (found_table->view) {
        context_.columns_read.push_back(
            {found_table->database, found_table->table, found_table->derived_names[index]});
      }
      result.kind = BoundKind::kColumn;
      result.name = DerivedColumnSql(*found_table, index);
      result.type = found_table->derived_columns[index].type;
      result.type.table_alias = found_table->alias;
    }
    if (context_.column_qualifiers != nullptr) {
      bool own_name = !found_table->table.empty() && found_table->alias == found_table->table;
      (*context_.column_qualifiers)[&expr] = {
          own_name ? found_table->database : "", found_table->alias,
          found_table->schema ? found_table->schema->columns[index].name
                              : found_table->derived_names[index]};
    }
    bool timestamp = found_table->schema &&
                     found_table->schema->columns[index].type_class == catalog::TypeClass::kTimestamp;
    PORPOISE_ASSIGN_OR_RETURN(BoundExpr read, LateralArgument(std::move(result), scope, *level));
    return timestamp ? TimestampRead(std::move(read)) : read;
  }
  return Status::Error(ER_BAD_FIELD_ERROR, display, ClauseName(clause));
}

BoundExpr Translator::TimestampRead(BoundExpr column) {
  context_.binds_alike = false;  // SET time_zone changes how it reads
  if (!context_.timestamps_local) return column;
  ExprType type = column.type;
  return BoundExpr::Call("mysql_timestamp_read", {std::move(column)}, type);
}

Result<BoundExpr> Translator::LateralArgument(BoundExpr column, const Scope& scope,
                                              const Scope& level) {
  std::vector<const Scope*> crossed;  // innermost first
  for (const Scope* at = &scope; at != nullptr; at = at->outer) {
    if (at->lateral_arguments != nullptr) crossed.push_back(at);
    if (at == &level) break;
  }
  // The outermost LATERAL query takes the column itself; each one inside it takes the
  // argument the one around it reads it as.
  for (auto at = crossed.rbegin(); at != crossed.rend(); ++at) {
    std::vector<BoundExpr>& arguments = *(*at)->lateral_arguments;
    size_t index = 0;
    while (index < arguments.size() && arguments[index].name != column.name) ++index;
    if (index == arguments.size()) {
      if (arguments.size() + 1 >= static_cast<size_t>(kSubStatementFirstParameter)) {
        return Status::Error(ER_NOT_SUPPORTED_YET,
                             "more than 199 columns of earlier tables in a LATERAL derived table");
      }
      arguments.push_back(column);
    }
    ExprType type = column.type;
    type.column = nullptr;  // a parameter inside: compared under its collation, not declared
    column = BoundExpr::Column("?" + std::to_string(index + 1), type);
  }
  return column;
}

Result<BoundExpr> Translator::TranslateUnary(const sql::Expr& expr, const Scope& scope,
                                                  Clause clause) {
  size_t warned = context_.warnings.size();
  PORPOISE_ASSIGN_OR_RETURN(std::vector<BoundExpr> args, TranslateArgs(expr, scope, clause));
  if (args.size() != 1) return Status::Error(ER_PARSE_ERROR, "", 1);
  if (expr.op == sql::Operator::kNegate && args[0].type.type == ValueType::kInteger &&
      (args[0].constant || ComputesFromConstants(args[0]))) {
    // MySQL computes a constant integer operand once more while resolving the minus (to see
    // whether its negation still fits a BIGINT): what that says is said once more.
    for (size_t i = warned, end = context_.warnings.size(); i < end; ++i) {
      context_.warnings.push_back(Status(context_.warnings[i]).AtResolve());
    }
    // (one computed only when run says its warnings then: computed here for them)
    std::vector<Status> said;
    if (!args[0].constant && ComputeNow(args[0], &said)) {
      for (Status& warning : said) context_.warnings.push_back(std::move(warning).AtResolve());
    }
  }
  return BindUnary(expr, std::move(args));
}

Result<BoundExpr> Translator::BindUnary(const sql::Expr& expr, std::vector<BoundExpr> args) {
  // NOT reads its operand's truth; BINARY reads DECIMAL and BIGINT UNSIGNED as text.
  if (expr.op == sql::Operator::kNot) {
    args[0] = Truth(std::move(args[0]));
  } else if (expr.op == sql::Operator::kBinary) {
    args[0] = Textual(std::move(args[0]));
  }
  BoundExpr& operand = args[0];
  switch (expr.op) {
    case sql::Operator::kNot: {
      ExprType truth = TypeOf(ValueType::kInteger, 1);
      truth.not_null = operand.type.not_null;
      return BoundExpr::Prefix("NOT", std::move(operand), truth);
    }
    case sql::Operator::kNegate:
      return TranslateNegate(std::move(operand), expr);
    case sql::Operator::kUnaryPlus:
      operand.type.column = nullptr;
      return std::move(operand);
    case sql::Operator::kBitNot: {
      if (IsBitString(operand.type)) {
        ExprType bytes = TypeOf(ValueType::kBinary, operand.type.length);
        bytes.not_null = operand.type.not_null;
        return BoundExpr::Call("pp_bytes_bits", {std::move(operand), TextConstant(""), IntegerConstant(5)}, bytes);
      }
      ExprType type = TypeOf(ValueType::kInteger, 21);
      type.is_unsigned = true;
      type.not_null = operand.type.not_null;
      return BoundExpr::Call("pp_bit_not", {BitOperand(std::move(operand))}, type);
    }
    case sql::Operator::kBinary: {
      ExprType type = operand.type;
      type.column = nullptr;
      type.not_null = false;  // a cast, which MySQL marks nullable
      if (type.type == ValueType::kString) type.type = ValueType::kBinary;
      BoundExpr result = BoundExpr::Collate(CharsetBytes(std::move(operand)), "BINARY");
      result.type = type;
      return result;
    }
    default:
      return Status::Error(ER_NOT_SUPPORTED_YET, "this operator");
  }
}

namespace {


}  // namespace

namespace {

// parts[begin, end) joined by `op` as a balanced tree.
BoundExpr JoinBalanced(std::vector<BoundExpr>& parts, size_t begin, size_t end,
                       std::string_view op) {
  if (end - begin == 1) return std::move(parts[begin]);
  size_t middle = begin + (end - begin) / 2;
  BoundExpr left = JoinBalanced(parts, begin, middle, op);
  BoundExpr right = JoinBalanced(parts, middle, end, op);
  ExprType truth = TypeOf(ValueType::kInteger, 1);
  truth.not_null = left.type.not_null && right.type.not_null;
  return BoundExpr::Infix(op, std::move(left), std::move(right), truth);
}

}  // namespace

// A left-deep AND/OR chain (`a OR b OR c ...`, as ORMs generate by the thousand) is walked
// iteratively and handed to SQLite as a balanced tree: AND and OR are associative in SQL's
// three-valued logic, and neither this translator's recursion nor SQLite's expression depth
// (1000) and parser stack (100) then grow with the chain's length.
Result<BoundExpr> Translator::TranslateLogicalChain(const sql::Expr& expr,
                                                         const Scope& scope, Clause clause) {
  std::vector<const sql::Expr*> operands;
  const sql::Expr* node = &expr;
  while (node->kind == sql::ExprKind::kBinary && node->op == expr.op && node->args.size() == 2 &&
         node->args[0] && node->args[1]) {
    if (node->op == sql::Operator::kAnd && node->text == "&&") {
      context_.warnings.push_back(Status::Error(ER_WARN_DEPRECATED_SYNTAX, "&&", "AND"));
    }
    operands.push_back(node->args[1].get());
    node = node->args[0].get();
  }
  operands.push_back(node);
  std::vector<BoundExpr> parts;
  parts.reserve(operands.size());
  // MySQL evaluates the operands in order and stops at the first that decides the result (a
  // true one for OR, a false one for AND): the operands after a constant that decides it are
  // bound (their errors stand) but never computed, nor what folding them would warn said.
  bool decided = false;
  bool all_not_null = true;  // (described by every operand, as MySQL's Item_cond is)
  bool is_or = expr.op == sql::Operator::kOr;
  bool read_only_if_undecided = false;
  // Where only the truth counts (TranslateCondition), MySQL computes each operand that
  // constants alone compute once, while resolving, and says what that says once for the
  // statement; one that decides the result makes the whole its truth value, the operands
  // before it never read, and any other leaves the list, a NULL being as good as false
  // (Item_cond::remove_const_conds).
  const bool folds = truth_only_ == &expr;
  truth_only_ = nullptr;
  const size_t chain_warned = context_.warnings.size();
  auto said_once = [this](size_t from, std::vector<Status>* said) {
    for (size_t i = from; i < context_.warnings.size(); ++i) {
      if (!SaidByParser(context_.warnings[i])) context_.warnings[i] = std::move(context_.warnings[i]).AtResolve();
    }
    context_.once_warnings.erase(context_.once_warnings.lower_bound(from), context_.once_warnings.end());
    for (Status& warning : *said) context_.warnings.push_back(std::move(warning).AtResolve());
  };
  for (auto operand = operands.rbegin(); operand != operands.rend(); ++operand) {
    size_t warned = context_.warnings.size();
    // (an AND/OR operand of one that folds folds too)
    const sql::Expr& operand_expr = **operand;
    if (folds && operand_expr.kind == sql::ExprKind::kBinary &&
        (operand_expr.op == sql::Operator::kAnd || operand_expr.op == sql::Operator::kOr)) {
      truth_only_ = &operand_expr;
    }
    Result<BoundExpr> bound = TranslateExpr(operand_expr, scope, clause);
    truth_only_ = nullptr;
    PORPOISE_ASSIGN_OR_RETURN(BoundExpr part, std::move(bound));
    part = Truth(std::move(part));
    all_not_null = all_not_null && part.type.not_null;
    if (decided) {
      ForgetWarnings(warned);
      // (an aggregate there still makes the query aggregated: kept, as a NULL never read,
      // which leaves the decided result as it is)
      if (part.aggregate) {
        ExprType type = part.type;
        parts.push_back(UnreadNull(std::move(part), type));
      }
      continue;
    }
    // (a constant truth value, whatever number it was read as: '0' is false; one that
    // constants alone compute too, computed now)
    std::vector<Status> said;
    std::optional<Value> known;
    if (part.constant) {
      known = part.constant;
    } else if (!part.aggregate && NoSubqueryOrWindow(part)) {
      known = ComputeNow(part, &said);
    }
    if (folds && known) {
      bool truth = (known->kind == Value::Kind::kInteger && known->integer != 0) ||
                   (known->kind == Value::Kind::kDouble && known->real != 0);
      said_once(warned, &said);
      if (truth != is_or) continue;  // (leaves the list)
      decided = true;
      // (the operands before it are never read: an aggregate among them kept unread)
      ForgetWarnings(chain_warned);
      std::vector<BoundExpr> unread;
      for (BoundExpr& before : parts) {
        if (!before.aggregate) continue;
        ExprType type = before.type;
        unread.push_back(UnreadNull(std::move(before), type));
      }
      parts = std::move(unread);
      ExprType truth_type = TypeOf(ValueType::kInteger, 1);
      truth_type.not_null = true;
      parts.push_back(BoundExpr::Constant(Value::Integer(is_or ? 1 : 0), truth_type));
      continue;
    }
    if (known && ((known->kind == Value::Kind::kInteger && (known->integer != 0) == is_or) ||
                  (known->kind == Value::Kind::kDouble && (known->real != 0) == is_or))) {
      decided = true;
      // (as the truth value it is: 1 for OR, 0 for AND; one computed with warnings still
      // computed, to say them)
      if (said.empty()) {
        ExprType truth = TypeOf(ValueType::kInteger, 1);
        truth.not_null = true;
        part = BoundExpr::Constant(Value::Integer(is_or ? 1 : 0), truth);
      }
    }
    // (what folding the second operand's constants said beside a column, said when it is
    // read, for each row)
    const bool warned_while_folding = operands.size() == 2 && parts.size() == 1 &&
                                      parts[0].kind == BoundKind::kColumn &&
                                      context_.warnings.size() > warned &&
                                      context_.select_item != nullptr && !part.aggregate &&
                                      NoSubqueryOrWindow(part);
    if (warned_while_folding) part = WarningEachRow(std::move(part), warned);
    parts.push_back(std::move(part));
    read_only_if_undecided = read_only_if_undecided || warned_while_folding;
  }
  const std::string_view joiner = is_or ? "OR" : "AND";
  if (parts.size() == 2 && read_only_if_undecided && parts[0].kind == BoundKind::kColumn) {
    // x OR y reads y only where x is not true (x AND y where x is not false): x, a column,
    // is read first (SQLite computes both sides of OR and AND).
    BoundExpr first = parts[0];
    BoundExpr joined = JoinBalanced(parts, 0, parts.size(), joiner);
    ExprType truth = TypeOf(ValueType::kInteger, 1);
    truth.not_null = all_not_null;
    BoundExpr decided_by_first;
    decided_by_first.kind = BoundKind::kCase;
    decided_by_first.type = truth;
    decided_by_first.case_else = true;
    decided_by_first.Add(is_or ? std::move(first)
                               : BoundExpr::Prefix("NOT", std::move(first), TypeOf(ValueType::kInteger, 1)));
    decided_by_first.Add(BoundExpr::Constant(Value::Integer(is_or ? 1 : 0), truth));
    decided_by_first.Add(std::move(joined));
    return decided_by_first;
  }
  if (parts.empty()) {  // (every operand folded away: OR is then false, AND true)
    ExprType truth_type = TypeOf(ValueType::kInteger, 1);
    truth_type.not_null = true;
    return BoundExpr::Constant(Value::Integer(is_or ? 0 : 1), truth_type);
  }
  BoundExpr joined = JoinBalanced(parts, 0, parts.size(), joiner);
  joined.type.not_null = all_not_null;
  return joined;
}

Result<BoundExpr> Translator::TranslateCondition(const sql::Expr& condition, const Scope& scope,
                                                 Clause clause) {
  if (condition.kind == sql::ExprKind::kBinary &&
      (condition.op == sql::Operator::kAnd || condition.op == sql::Operator::kOr)) {
    truth_only_ = &condition;
  }
  Result<BoundExpr> bound = TranslateExpr(condition, scope, clause);
  truth_only_ = nullptr;
  return bound;
}

Result<BoundExpr> Translator::TranslateBinary(const sql::Expr& expr, const Scope& scope,
                                                   Clause clause) {
  if (expr.op == sql::Operator::kOr || expr.op == sql::Operator::kAnd) {
    return TranslateLogicalChain(expr, scope, clause);
  }
  // d + INTERVAL n unit, INTERVAL n unit + d and d - INTERVAL n unit are DATE_ADD / DATE_SUB.
  if ((expr.op == sql::Operator::kPlus || expr.op == sql::Operator::kMinus) &&
      expr.args.size() == 2) {
    int interval = expr.args[1]->kind == sql::ExprKind::kInterval ? 1
                   : expr.op == sql::Operator::kPlus && expr.args[0]->kind == sql::ExprKind::kInterval
                       ? 0
                       : -1;
    if (interval >= 0) {
      std::vector<sql::ExprPtr> call_args;
      PORPOISE_ASSIGN_OR_RETURN(sql::ExprPtr date, CloneExpr(*expr.args[1 - interval]));
      PORPOISE_ASSIGN_OR_RETURN(sql::ExprPtr amount, CloneExpr(*expr.args[interval]));
      call_args.push_back(std::move(date));
      call_args.push_back(std::move(amount));
      sql::ExprPtr call = sql::MakeFunction(
          expr.op == sql::Operator::kMinus ? "DATE_SUB" : "DATE_ADD", std::move(call_args));
      return TranslateFunction(*call, scope, clause);
    }
  }
  const bool arithmetic = expr.op == sql::Operator::kPlus || expr.op == sql::Operator::kMinus ||
                          expr.op == sql::Operator::kMul || expr.op == sql::Operator::kDiv ||
                          expr.op == sql::Operator::kIntDiv || expr.op == sql::Operator::kMod;
  const bool comparison = expr.op == sql::Operator::kEq || expr.op == sql::Operator::kNe ||
                          expr.op == sql::Operator::kLt || expr.op == sql::Operator::kLe ||
                          expr.op == sql::Operator::kGt || expr.op == sql::Operator::kGe;
  const bool exclusive_or = expr.op == sql::Operator::kXor;
  if ((arithmetic || comparison || exclusive_or) && expr.args.size() == 2 && expr.args[0] &&
      expr.args[1]) {
    // MySQL reads the left operand first, and some operators stop at a NULL there: XOR, the
    // comparisons (Arg_comparator::compare_*) and arithmetic computed as DECIMALs (its
    // decimal_op; DIV of anything but two integers too). A left operand that is NULL, or
    // that constants alone compute silently to NULL, then leaves what the right would say
    // unsaid (the right bound all the same, for its errors).
    PORPOISE_ASSIGN_OR_RETURN(BoundExpr left, TranslateExpr(*expr.args[0], scope, clause));
    size_t warned = context_.warnings.size();
    PORPOISE_ASSIGN_OR_RETURN(BoundExpr right, TranslateExpr(*expr.args[1], scope, clause));
    const bool integers = left.type.type == ValueType::kInteger && right.type.type == ValueType::kInteger;
    const std::optional<bool> left_null_silently = KnownNull(left);
    const bool left_null = left_null_silently.value_or(false);
    if ((comparison || exclusive_or) && left_null_silently == false && !left.aggregate) {
      // (a left operand that constants compute to NULL saying so: it still says it, the
      // right is never read)
      ForgetWarnings(warned);
      right = UnreadNull(std::move(right));
    }
    if (comparison) right = UnreadBesideNull(left, std::move(right));
    std::optional<BoundExpr> left_column;
    if (left.kind == BoundKind::kColumn && !left.type.not_null && !left.aggregate) left_column = left;
    // (a right operand that is a column or a constant: nothing computed for each row)
    const bool right_plain = right.constant || right.kind == BoundKind::kColumn;
    std::vector<BoundExpr> args;
    args.push_back(std::move(left));
    args.push_back(std::move(right));
    PORPOISE_ASSIGN_OR_RETURN(BoundExpr bound, BindBinary(expr, std::move(args)));
    const bool stops = exclusive_or || (comparison && bound.kind != BoundKind::kRow) ||
                       (arithmetic && (bound.type.type == ValueType::kDecimal ||
                                       (expr.op == sql::Operator::kIntDiv && !integers)));
    if (stops && left_column && context_.select_item != nullptr &&
        context_.warnings.size() > warned && !bound.aggregate && NoSubqueryOrWindow(bound)) {
      // What reading the right operand said, MySQL says for each row it reads it, and it
      // reads none for a row whose left operand, a column, is NULL.
      return NullWhereNull(*left_column, WarningEachRow(std::move(bound), warned));
    }
    if (arithmetic && stops && left_column && context_.select_item != nullptr &&
        !right_plain && !bound.aggregate && NoSubqueryOrWindow(bound) &&
        bound.kind == BoundKind::kCall) {
      // (a right operand computed for each row, a CAST of text that warns as it is read: not
      // computed for a row whose left operand is NULL, the result NULL then all the same)
      return NullWhereNull(*left_column, std::move(bound));
    }
    if (!left_null || !stops) return bound;
    ForgetWarnings(warned);
    if (exclusive_or) return bound;
    ExprType type = comparison ? TypeOf(ValueType::kInteger, 1) : bound.type;
    type.not_null = false;
    return UnreadNull(std::move(bound), type);
  }
  PORPOISE_ASSIGN_OR_RETURN(std::vector<BoundExpr> args, TranslateArgs(expr, scope, clause));
  if (args.size() != 2) return Status::Error(ER_PARSE_ERROR, "", 1);
  return BindBinary(expr, std::move(args));
}

// NULL of `type` in place of `unread`, which is never computed: an aggregate in it still
// makes the query aggregated (CASE WHEN NULL THEN unread END keeps it, unread).
BoundExpr Translator::UnreadNull(BoundExpr unread, const ExprType& type) {
  if (!unread.aggregate) return BoundExpr::Constant(Value::Null(), type);
  BoundExpr result;
  result.kind = BoundKind::kCase;
  result.type = type;
  result.Add(BoundExpr::Constant(Value::Null(), TypeOf(ValueType::kInteger, 1)));
  result.Add(std::move(unread));
  return result;
}

BoundExpr Translator::UnreadNull(BoundExpr unread) {
  const ExprType type = unread.type;
  return UnreadNull(std::move(unread), type);
}

BoundExpr Translator::NullWhereNull(const BoundExpr& column, BoundExpr value) {
  ExprType type = value.type;
  BoundExpr guarded;
  guarded.kind = BoundKind::kCase;
  guarded.type = type;
  guarded.case_else = true;
  guarded.Add(BoundExpr::Postfix(column, "IS NULL", TypeOf(ValueType::kInteger, 1)));
  guarded.Add(BoundExpr::Constant(Value::Null(), type));
  guarded.Add(std::move(value));
  return guarded;
}

BoundExpr Translator::UnreadBesideNull(const BoundExpr& left, BoundExpr right) {
  // (text that constants alone compute, beside a value that is not text, is left alone: a
  // comparison converts it once for the statement, its cached constant, see
  // ComputeConvertedConstant)
  auto text = [](const BoundExpr& value) {
    return value.type.type == ValueType::kString || value.type.type == ValueType::kBinary;
  };
  // (and one compared as another kind of number than its own, CacheConvertedConstant)
  Result<ExprType> common = ComparisonType(left.type, right.type, "=");
  const bool cached = ComputesFromConstants(right) &&
                      ((text(right) && !text(left)) ||
                       (common.ok() && ConvertedForComparison(right.type, common.value())));
  const bool computed_per_row = !right.constant && right.kind != BoundKind::kColumn &&
                                right.kind != BoundKind::kRow && !cached;
  if (context_.select_item == nullptr || left.kind != BoundKind::kColumn || left.type.not_null ||
      !computed_per_row || left.aggregate || right.aggregate || !NoSubqueryOrWindow(right)) {
    return right;
  }
  return NullWhereNull(left, std::move(right));
}

BoundExpr Translator::JsonAsText(BoundExpr json) {
  ExprType text = TypeOf(ValueType::kString, json.type.length);
  text.collation = types::FindCollationByName("utf8mb4_bin");
  text.coercibility = Coercibility::kImplicit;
  text.not_null = json.type.not_null;
  return Convert(std::move(json), text);
}

std::optional<Value> Translator::ComputeNow(const BoundExpr& value, std::vector<Status>* said,
                                           bool row_warnings) {
  if (value.constant) return *value.constant;
  if (value.kind == BoundKind::kRow || !context_.compute_constant ||
      !ComputesFromConstants(value, row_warnings)) {
    return std::nullopt;
  }
  return context_.compute_constant(value, said);
}

std::optional<bool> Translator::KnownNull(const BoundExpr& value) {
  if (value.constant) return value.constant->is_null() ? std::optional<bool>(true) : std::nullopt;
  if (value.type.not_null || value.kind == BoundKind::kRow) return std::nullopt;
  std::vector<Status> said;
  std::optional<Value> computed = ComputeNow(value, &said);
  if (!computed || !computed->is_null()) return std::nullopt;
  return said.empty();
}

bool Translator::IsKnownNull(const BoundExpr& value) { return KnownNull(value).has_value(); }

bool Translator::IsSilentNull(const BoundExpr& value) { return KnownNull(value).value_or(false); }

Result<BoundExpr> Translator::BindBinary(const sql::Expr& expr, std::vector<BoundExpr> args) {
  BoundExpr& left = args[0];
  BoundExpr& right = args[1];
  bool not_null = left.type.not_null && right.type.not_null;
  ExprType unsigned_integer = TypeOf(ValueType::kInteger, 21);
  unsigned_integer.is_unsigned = true;
  unsigned_integer.not_null = not_null;
  ExprType truth = TypeOf(ValueType::kInteger, 1);
  truth.not_null = not_null;
  switch (expr.op) {
    case sql::Operator::kOr:
    case sql::Operator::kAnd:
      return BoundExpr::Infix(expr.op == sql::Operator::kOr ? "OR" : "AND", std::move(left),
                              std::move(right), truth);
    case sql::Operator::kXor:
      return BoundExpr::Call("mysql_xor", {Truth(std::move(left)), Truth(std::move(right))},
                             truth);
    case sql::Operator::kEq:
    case sql::Operator::kNullSafeEq:
    case sql::Operator::kNe:
    case sql::Operator::kLt:
    case sql::Operator::kLe:
    case sql::Operator::kGt:
    case sql::Operator::kGe:
      return TranslateComparison(expr.op, std::move(left), std::move(right), expr);
    case sql::Operator::kBitOr:
    case sql::Operator::kBitAnd:
    case sql::Operator::kBitXor:
    case sql::Operator::kShiftLeft:
    case sql::Operator::kShiftRight: {
      std::string_view function = expr.op == sql::Operator::kBitOr       ? "pp_bit_or"
                                  : expr.op == sql::Operator::kBitAnd    ? "pp_bit_and"
                                  : expr.op == sql::Operator::kBitXor    ? "pp_bit_xor"
                                  : expr.op == sql::Operator::kShiftLeft ? "pp_bit_shl"
                                                                         : "pp_bit_shr";
      // Binary strings are operated on byte by byte, unless both are literals (X'..', b'..').
      bool shift = expr.op == sql::Operator::kShiftLeft || expr.op == sql::Operator::kShiftRight;
      bool bytes = shift ? IsBitString(left.type)
                         : left.type.type == ValueType::kBinary && right.type.type == ValueType::kBinary &&
                               (IsBitString(left.type) || IsBitString(right.type));
      if (bytes) {
        int64_t op = expr.op == sql::Operator::kBitAnd  ? 0
                     : expr.op == sql::Operator::kBitOr ? 1
                     : expr.op == sql::Operator::kBitXor ? 2
                     : expr.op == sql::Operator::kShiftLeft ? 3
                                                            : 4;
        ExprType type = TypeOf(ValueType::kBinary, shift ? left.type.length : std::max(left.type.length, right.type.length));
        type.not_null = left.type.not_null && right.type.not_null;
        if (shift) right = BitOperand(std::move(right));
        return BoundExpr::Call("pp_bytes_bits", {std::move(left), std::move(right), IntegerConstant(op)}, type);
      }
      return BoundExpr::Call(function, {BitOperand(std::move(left)), BitOperand(std::move(right))},
                             unsigned_integer);
    }
    case sql::Operator::kPlus:
    case sql::Operator::kMinus:
    case sql::Operator::kMul:
    case sql::Operator::kDiv:
    case sql::Operator::kIntDiv:
    case sql::Operator::kMod:
      return TranslateArithmetic(expr.op, std::move(left), std::move(right), expr);
    case sql::Operator::kConcat: {
      ExprType type = TypeOf(ValueType::kString, left.type.length + right.type.length);
      return BoundExpr::Call("mysql_concat", {std::move(left), std::move(right)}, type);
    }
    case sql::Operator::kAssign: {
      // @v := x: x, stored in @v as it is evaluated.
      const sql::Expr& target = *expr.args[0];
      if (target.kind != sql::ExprKind::kVariable || target.scope != sql::VariableScope::kUser) {
        return Status::Error(ER_PARSE_ERROR, ":=", 1);
      }
      context_.warnings.push_back(Status::WithMessage(
          ER_WARN_DEPRECATED_SYNTAX,
          "Setting user variables within expressions is deprecated and will be removed in a future "
          "release. Consider alternatives: 'SET variable=expression, ...', or 'SELECT expression(s) "
          "INTO variables(s)'."));
      ExprType type = right.type;
      type.column = nullptr;
      BoundExpr assign = BoundExpr::Call(
          "mysql_set_user_var", {TextConstant(ToLowerAscii(target.text)), Textual(std::move(right))}, type);
      assign.volatile_call = true;
      return assign;
    }
    default:
      return Status::Error(ER_NOT_SUPPORTED_YET, "this operator");
  }
}

bool IsBitString(const ExprType& type) {
  return type.type == ValueType::kBinary && !type.hex_literal;
}

BoundExpr Translator::BitOperand(BoundExpr expr) {
  expr = NumericLiteral(std::move(expr));
  ExprType bits = TypeOf(ValueType::kInteger, 21);
  bits.is_unsigned = (expr.type.type == ValueType::kInteger && expr.type.is_unsigned) ||
                     expr.type.type == ValueType::kBit;
  if (bits.is_unsigned) bits.length = 20;
  bits.not_null = expr.type.not_null;
  return Convert(std::move(expr), bits);
}

Result<BoundExpr> Translator::TranslateCast(const sql::Expr& expr, const Scope& scope,
                                                 Clause clause) {
  PORPOISE_ASSIGN_OR_RETURN(std::vector<BoundExpr> args, TranslateArgs(expr, scope, clause));
  if (args.size() != 1) return Status::Error(ER_PARSE_ERROR, "", 1);
  return BindCast(expr, std::move(args));
}

Result<BoundExpr> Translator::BindCast(const sql::Expr& expr, std::vector<BoundExpr> args) {
  const sql::DataType& type = expr.detail().cast_type;
  // The text-reading casts (CHAR, BINARY, temporal) take DECIMAL and BIGINT UNSIGNED as text.
  std::string cast_name = ToLowerAscii(type.name);
  bool numeric_target = cast_name == "signed" || cast_name == "unsigned" || cast_name == "int" ||
                        cast_name == "integer" || cast_name == "bigint" ||
                        cast_name == "decimal" || cast_name == "double" ||
                        cast_name == "real" || cast_name == "float";
  if (!numeric_target) args[0] = Textual(std::move(args[0]));
  if (numeric_target) args[0] = NumericLiteral(std::move(args[0]));
  BoundExpr& operand = args[0];
  std::string name = ToLowerAscii(type.name);
  // CHAR CHARACTER SET binary is BINARY.
  if (name == "char" && EqualsIgnoreCase(type.charset, "binary")) name = "binary";
  if (name == "signed" || name == "unsigned" || name == "int" || name == "integer" ||
      name == "bigint") {
    // (BIGINT's 21 characters, signed or not: MySQL's resolve_type leaves the length
    // Item_int_func gives)
    ExprType target = TypeOf(ValueType::kInteger, 21);
    target.is_unsigned = name == "unsigned" || type.is_unsigned;
    target.integer_cast = true;
    // (MySQL's val_int_from_str: the text of DATE_ADD of text is read as text here)
    operand.type.temporal_text = false;
    BoundExpr converted = Convert(operand, target);
    converted.type.column = nullptr;
    converted.type.integer_cast = false;
    converted.type.length = target.length;
    if (operand.type.type == ValueType::kInteger || operand.type.type == ValueType::kDecimal) {
      converted.type.digits = static_cast<uint8_t>(DecimalPrecision(operand.type));
    }
    converted.type.not_null = operand.type.not_null;  // a bad string gives 0, with 1292
    return converted;
  } else if (name == "char" || name == "nchar" || name == "varchar") {
    // In the character set named (NCHAR: utf8mb3, ASCII: latin1), else the connection's, in
    // its default collation, as strong as a column's (MySQL's DERIVATION_IMPLICIT).
    const types::Collation* collation = context_.connection_collation;
    if (!type.charset.empty()) {
      PORPOISE_ASSIGN_OR_RETURN(collation, CharsetCollation(type.charset));
    }
    bool binary_operand = operand.type.type == ValueType::kBinary;
    ExprType target = TypeOf(ValueType::kString, type.length.value_or(operand.type.length));
    target.collation = collation;
    target.coercibility = Coercibility::kImplicit;
    BoundExpr text =
        BoundExpr::Call("mysql_cast_char", {StringArgument(std::move(operand), false)}, target);
    // (text the set cannot hold becomes '?', as CONVERT ... USING gives it)
    if (!binary_operand) text = HeldInCharset(std::move(text));
    if (!type.length) return text;
    return BoundExpr::Call("pp_cast_length",
                           {std::move(text), IntegerConstant(*type.length), IntegerConstant(0)},
                           target);
  } else if (name == "binary") {
    // (as strong as a column's too: CAST(x AS CHAR) beside it gives a binary string)
    ExprType target = TypeOf(ValueType::kBinary, type.length.value_or(operand.type.length));
    target.coercibility = Coercibility::kImplicit;
    BoundExpr bytes = BoundExpr::Cast(
        BoundExpr::Call("mysql_cast_char",
                        {CharsetBytes(StringArgument(std::move(operand), false))}, target),
        "BLOB",
        target);
    if (!type.length) return bytes;
    return BoundExpr::Call("pp_cast_length",
                           {std::move(bytes), IntegerConstant(*type.length), IntegerConstant(1)},
                           target);
  } else if (name == "decimal") {
    uint32_t precision = std::max<uint32_t>(type.length.value_or(10), 1);
    uint32_t scale = type.scale.value_or(0);
    if (precision > 65) return Status::Error(ER_TOO_BIG_PRECISION, precision, "CAST", 65);
    if (scale > 30) return Status::Error(ER_TOO_BIG_SCALE, scale, "CAST", 30);
    if (scale > precision) return Status::Error(ER_M_BIGGER_THAN_D, "CAST");
    ExprType target = TypeOf(ValueType::kDecimal, DecimalLength(precision, scale, false),
                             static_cast<uint8_t>(scale));
    target.not_null = operand.type.not_null;
    // DECIMAL(M,D) clamps to its largest value with warning 1264, naming the expression by
    // its item name: a select item's, else none, which MySQL's message prints as "(null)"
    // (Item_typecast_decimal::val_decimal passes item_name.ptr()).
    std::string name_text = &expr == context_.select_item ? context_.select_item_name : "(null)";
    if (operand.constant) {
      // Folded when it says nothing; else computed as MySQL computes it, for each row (its
      // 1264 naming the row).
      std::vector<Status> said;
      ConversionContext conversion{&said};
      types::Decimal value;
      bool read = ToDecimal(*operand.constant, operand.type, conversion, &value);
      types::Decimal fitted;
      bool fits = !read || value.FitTo(static_cast<int>(precision), static_cast<int>(scale),
                                       &fitted) != types::Decimal::Outcome::kOverflow;
      if (!read && said.empty()) return Constant(Value::Null(), target);
      if (read && fits && said.empty()) {
        BoundExpr folded = Constant(EncodeDecimal(fitted), target);
        folded.type.not_null = target.not_null;
        return folded;
      }
    }
    if (operand.type.temporal_text) {
      // (the number of the date a date function wrote as text, fraction included)
      operand = Convert(std::move(operand), TypeOf(ValueType::kDecimal, DecimalLength(20, 6, false), 6));
    }
    int64_t code = TypeCode(operand.type);
    return BoundExpr::Call("pp_cast_dec",
                           {std::move(operand), IntegerConstant(code), IntegerConstant(precision),
                            IntegerConstant(scale), TextConstant(name_text)},
                           target);
  } else if (name == "double" || name == "real" || name == "float") {
    ExprType target = TypeOf(name == "float" ? ValueType::kFloat : ValueType::kDouble,
                             name == "float" ? 12 : 22, 31);
    BoundExpr converted = Convert(operand, target);
    // A constant past FLOAT's range is no FLOAT: 1690, as MySQL's CAST checks it.
    if (name == "float" && converted.constant &&
        converted.constant->kind == Value::Kind::kDouble &&
        std::abs(converted.constant->real) > std::numeric_limits<float>::max()) {
      return Status::Error(ER_DATA_OUT_OF_RANGE, "FLOAT", SourceText(expr));
    }
    return converted;
  } else if (name == "date" || name == "datetime" || name == "time") {
    uint32_t fsp = name == "date" ? 0 : std::min<uint32_t>(type.length.value_or(0), 6);
    ValueType kind = name == "date"       ? ValueType::kDate
                     : name == "datetime" ? ValueType::kDateTime
                                          : ValueType::kTime;
    uint32_t length = (kind == ValueType::kDate ? 10 : kind == ValueType::kTime ? 10 : 19) +
                      (fsp > 0 ? fsp + 1 : 0);
    // Nullable whatever the operand: a value that is no date gives NULL.
    BoundExpr converted =
        ConvertDateText(std::move(operand), TypeOf(kind, length, static_cast<uint8_t>(fsp)));
    converted.type.not_null = false;
    return converted;
  } else if (name == "json") {
    return CastToJson(*expr.args[0], std::move(operand));
  } else if (name == "year") {
    return BoundExpr::Call("mysql_cast_integer", {std::move(operand)},
                           TypeOf(ValueType::kYear, 4));
  }
  return Status::Error(ER_NOT_SUPPORTED_YET, "CAST to " + type.name);
}

}  // namespace porpoise::engine
