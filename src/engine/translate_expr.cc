// Expression translation: MySQL expression AST -> SQLite SQL, with MySQL type inference and
// name resolution against the scope. Functions live in translate_function.cc. (engine/)
#include <pthread.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "catalog/charsets.h"
#include "catalog/system_variables.h"
#include "common/strings.h"
#include "engine/physical.h"
#include "engine/translator.h"
#include "engine/variables.h"
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
  }
  return "field list";
}

ExprType Simple(ValueType type, uint32_t length, uint8_t decimals = 0) {
  ExprType result;
  result.type = type;
  result.length = length;
  result.decimals = decimals;
  return result;
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

std::string HexLiteral(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out = "X'";
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out + "'";
}

}  // namespace

std::string QuoteName(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += "\"\"";
    else out += c;
  }
  return out + "\"";
}

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
      if (!IsUtf8(value.bytes)) return "CAST(" + HexLiteral(value.bytes) + " AS TEXT)";
      std::string out = "'";
      for (char c : value.bytes) {
        if (c == '\'') out += "''";
        else out += c;
      }
      return out + "'";
    }
    case Value::Kind::kBlob:
      return HexLiteral(value.bytes);
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
    info.flags = catalog::WireFlags(column.type) | type.key_flags;
    if (!column.nullable) info.flags |= column_flag::kNotNull;
    if (column.auto_increment) info.flags |= column_flag::kAutoIncrement;
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
      info.flags = column_flag::kBinary;
      break;
    case ValueType::kInteger:
      info.type = FieldType::kLongLong;
      info.length = type.length == 0 ? 21 : type.length;
      info.flags = column_flag::kNum | column_flag::kBinary | not_null |
                   (type.is_unsigned ? column_flag::kUnsigned : 0);
      break;
    case ValueType::kYear:
      info.type = FieldType::kYear;
      info.length = 4;
      info.flags = column_flag::kNum | column_flag::kUnsigned | column_flag::kZerofill | not_null;
      break;
    case ValueType::kDecimal:
      info.type = FieldType::kNewDecimal;
      info.length = type.length == 0 ? 10 : type.length;
      info.decimals = type.decimals;
      info.flags = column_flag::kNum | column_flag::kBinary | not_null;
      break;
    case ValueType::kDouble:
      info.type = FieldType::kDouble;
      info.decimals = type.decimals;
      info.length = type.length == 0 || type.decimals >= 31 ? 23 : type.length;
      info.flags = column_flag::kNum | column_flag::kBinary | not_null;
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
      info.length = std::max<uint32_t>(type.length, 0) * 4;
      info.flags = not_null;
      break;
    case ValueType::kJson:
      info.type = FieldType::kJson;
      info.length = 0xffffffffu;
      info.flags = column_flag::kBlob | column_flag::kBinary;
      break;
    case ValueType::kBinary:
      info.type = type.length > 65535 ? FieldType::kBlob : FieldType::kVarString;
      info.length = type.length;
      info.flags = column_flag::kBinary | not_null;
      break;
    case ValueType::kDate:
      info.type = FieldType::kDate;
      info.length = 10;
      info.flags = column_flag::kBinary | not_null;
      break;
    case ValueType::kDateTime:
      info.type = FieldType::kDateTime;
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

bool FormatResultValue(const Value& value, const ExprType& type, std::string* out) {
  switch (value.kind) {
    case Value::Kind::kNull:
      return false;
    case Value::Kind::kInteger:
      if (type.type == ValueType::kDecimal && type.decimals > 0 && type.decimals < 31) {
        *out = std::to_string(value.integer) + "." + std::string(type.decimals, '0');
      } else if (type.type == ValueType::kBit) {
        uint32_t bytes = std::max<uint32_t>(1, (type.length + 7) / 8);
        out->clear();
        for (uint32_t i = bytes; i > 0; --i) {
          out->push_back(static_cast<char>((static_cast<uint64_t>(value.integer) >> ((i - 1) * 8)) & 0xff));
        }
      } else if (type.is_unsigned && value.integer < 0 && type.type == ValueType::kInteger) {
        *out = std::to_string(static_cast<uint64_t>(value.integer));
      } else {
        *out = std::to_string(value.integer);
      }
      return true;
    case Value::Kind::kDouble:
      switch (type.type) {
        case ValueType::kDecimal:
          *out = FormatFixed(value.real, type.decimals >= 31 ? 4 : type.decimals);
          break;
        case ValueType::kInteger:
        case ValueType::kYear:
          if (value.real > -9.2e18 && value.real < 9.2e18) {
            *out = std::to_string(static_cast<int64_t>(value.real < 0 ? value.real - 0.5 : value.real + 0.5));
          } else {
            *out = FormatFixed(value.real, 0);
          }
          break;
        case ValueType::kFloat:
          *out = FormatFloat(value.real);
          break;
        default:
          *out = FormatDouble(value.real);
          break;
      }
      return true;
    case Value::Kind::kBlob:
      if (type.type == ValueType::kDecimal || (type.type == ValueType::kInteger && type.is_unsigned)) {
        if (ToText(value, type, out)) return true;
      }
      [[fallthrough]];
    case Value::Kind::kText:
      if (type.type == ValueType::kDecimal && type.column == nullptr && type.decimals < 31) {
        size_t consumed = 0;
        double number = ParseNumberPrefix(value.bytes, &consumed);
        if (consumed > 0 && value.bytes.find_first_of("eE") != std::string::npos) {
          *out = FormatFixed(number, type.decimals);
          return true;
        }
      }
      *out = value.bytes;
      return true;
  }
  return false;
}

// ---- the translator ----------------------------------------------------------------------

namespace {

// Stack kept free below the deepest TranslateExpr frame, for the callees of one level
// (sanitizer builds make a level tens of KiB) and whatever runs after the walk fails.
constexpr uintptr_t kStackReserve = 512 * 1024;
// Budget used when the thread's stack bounds cannot be read.
constexpr uintptr_t kFallbackStackBudget = 1024 * 1024;

uintptr_t CurrentStackAddress() {
  char marker = 0;
  return reinterpret_cast<uintptr_t>(&marker);
}

// The lowest address the walk may use on this thread (stacks grow down on every target).
uintptr_t ComputeStackFloor() {
  uintptr_t here = CurrentStackAddress();
  pthread_attr_t attributes;
  if (pthread_getattr_np(pthread_self(), &attributes) == 0) {
    void* low = nullptr;
    size_t size = 0;
    int rc = pthread_attr_getstack(&attributes, &low, &size);
    pthread_attr_destroy(&attributes);
    uintptr_t base = reinterpret_cast<uintptr_t>(low);
    if (rc == 0 && low != nullptr && here > base + kStackReserve) return base + kStackReserve;
  }
  return here > kFallbackStackBudget ? here - kFallbackStackBudget : 0;
}

}  // namespace

Translator::Translator(TranslatorContext& context)
    : context_(context), stack_floor_(ComputeStackFloor()) {}

Result<TranslatedExpr> Translator::TranslateExpr(const sql::Expr& expr, const Scope& scope,
                                                 Clause clause) {
  if (CurrentStackAddress() < stack_floor_) {
    return Status::WithMessage(ER_STACK_OVERRUN_NEED_MORE,
                               "Thread stack overrun: the expression is nested too deeply");
  }
  switch (expr.kind) {
    case sql::ExprKind::kLiteral:
      return TranslateLiteral(expr);
    case sql::ExprKind::kColumnRef:
      return TranslateColumnRef(expr, scope, clause);
    case sql::ExprKind::kVariable:
      return TranslateVariable(expr);
    case sql::ExprKind::kParameter:
      return Status::Error(ER_PARSE_ERROR, "?", 1);
    case sql::ExprKind::kUnary:
      return TranslateUnary(expr, scope, clause);
    case sql::ExprKind::kBinary:
      return TranslateBinary(expr, scope, clause);
    case sql::ExprKind::kFunction:
      return TranslateFunction(expr, scope, clause);
    case sql::ExprKind::kCast:
      return TranslateCast(expr, scope, clause);
    case sql::ExprKind::kCase: {
      TranslatedExpr result;
      result.sql = "CASE";
      bool have_type = false;
      if (expr.case_operand) {
        PORPOISE_ASSIGN_OR_RETURN(TranslatedExpr operand,
                                  TranslateExpr(*expr.case_operand, scope, clause));
        result.sql += " " + operand.sql;
        result.aggregate |= operand.aggregate;
      }
      auto merge = [&](const ExprType& type) {
        if (type.type == ValueType::kNull) return;
        if (!have_type) {
          result.type = type;
          result.type.column = nullptr;
          result.type.not_null = false;
          have_type = true;
          return;
        }
        if (result.type.type != type.type) {
          if (IsNumericType(result.type.type) && IsNumericType(type.type)) {
            result.type.type = (result.type.type == ValueType::kDouble || type.type == ValueType::kDouble)
                                   ? ValueType::kDouble
                                   : ValueType::kDecimal;
          } else {
            result.type.type = ValueType::kString;
          }
        }
        result.type.length = std::max(result.type.length, type.length);
        result.type.decimals = std::max(result.type.decimals, type.decimals);
      };
      for (size_t i = 0; i + 1 < expr.args.size(); i += 2) {
        PORPOISE_ASSIGN_OR_RETURN(TranslatedExpr when, TranslateExpr(*expr.args[i], scope, clause));
        PORPOISE_ASSIGN_OR_RETURN(TranslatedExpr then_value, TranslateExpr(*expr.args[i + 1], scope, clause));
        TranslatedExpr then = Textual(std::move(then_value));
        result.sql += " WHEN " + when.sql + " THEN " + then.sql;
        result.aggregate |= when.aggregate || then.aggregate;
        merge(then.type);
      }
      if (expr.else_expr) {
        PORPOISE_ASSIGN_OR_RETURN(TranslatedExpr else_value, TranslateExpr(*expr.else_expr, scope, clause));
        TranslatedExpr otherwise = Textual(std::move(else_value));
        result.sql += " ELSE " + otherwise.sql;
        result.aggregate |= otherwise.aggregate;
        merge(otherwise.type);
      }
      result.sql += " END";
      if (!have_type) result.type = Simple(ValueType::kNull, 0);
      return result;
    }
    case sql::ExprKind::kIn: {
      if (expr.args.empty()) return Status::Error(ER_PARSE_ERROR, "", 1);
      PORPOISE_ASSIGN_OR_RETURN(TranslatedExpr left, TranslateExpr(*expr.args[0], scope, clause));
      TranslatedExpr result;
      result.type = Simple(ValueType::kInteger, 1);
      result.aggregate = left.aggregate;
      if (expr.subquery) {
        PORPOISE_ASSIGN_OR_RETURN(TranslatedSelect sub, TranslateSelect(*expr.subquery, &scope));
        std::string left_sql = left.sql;
        if (left.type.type == ValueType::kString && left.type.collation != nullptr) {
          left_sql += " COLLATE \"" + std::string(left.type.collation->sqlite_name()) + "\"";
        }
        result.sql = "(" + left_sql + (expr.negated ? " NOT IN (" : " IN (") + sub.sql + "))";
        return result;
      }
      std::vector<TranslatedExpr> items;
      ExprType common = left.type;
      for (size_t i = 1; i < expr.args.size(); ++i) {
        PORPOISE_ASSIGN_OR_RETURN(TranslatedExpr item, TranslateExpr(*expr.args[i], scope, clause));
        PORPOISE_ASSIGN_OR_RETURN(common, ComparisonType(common, item.type, "IN"));
        result.aggregate |= item.aggregate;
        items.push_back(std::move(item));
      }
      ComparedOperands compared = CompareOperands(std::move(left), std::move(items), common);
      result.sql = "(" + compared.subject + (expr.negated ? " NOT IN (" : " IN (");
      for (size_t i = 0; i < compared.others.size(); ++i) {
        result.sql += (i > 0 ? ", " : "") + compared.others[i];
      }
      result.sql += "))";
      return result;
    }
    case sql::ExprKind::kBetween: {
      PORPOISE_ASSIGN_OR_RETURN(std::vector<TranslatedExpr> args, TranslateArgs(expr, scope, clause));
      if (args.size() != 3) return Status::Error(ER_PARSE_ERROR, "", 1);
      TranslatedExpr result;
      result.type = Simple(ValueType::kInteger, 1);
      result.aggregate = args[0].aggregate || args[1].aggregate || args[2].aggregate;
      PORPOISE_ASSIGN_OR_RETURN(ExprType common, ComparisonType(args[0].type, args[1].type, "between"));
      PORPOISE_ASSIGN_OR_RETURN(common, ComparisonType(common, args[2].type, "between"));
      std::vector<TranslatedExpr> bounds;
      bounds.push_back(std::move(args[1]));
      bounds.push_back(std::move(args[2]));
      ComparedOperands compared = CompareOperands(std::move(args[0]), std::move(bounds), common);
      result.sql = "(" + compared.subject + (expr.negated ? " NOT BETWEEN " : " BETWEEN ") +
                   compared.others[0] + " AND " + compared.others[1] + ")";
      return result;
    }
    case sql::ExprKind::kLike: {
      PORPOISE_ASSIGN_OR_RETURN(std::vector<TranslatedExpr> args, TranslateArgs(expr, scope, clause, true));
      if (args.size() < 2) return Status::Error(ER_PARSE_ERROR, "", 1);
      TranslatedExpr result;
      result.type = Simple(ValueType::kInteger, 1);
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
      std::string escape = args.size() > 2 ? args[2].sql : context_.Parameter(Value::Text("\\"));
      result.sql = std::string(expr.negated ? "(NOT " : "(") + "pp_like(" + args[0].sql + ", " +
                   args[1].sql + ", " + escape + ", " + std::to_string(collation->id()) + "))";
      for (const TranslatedExpr& arg : args) result.aggregate |= arg.aggregate;
      return result;
    }
    case sql::ExprKind::kRegexp: {
      PORPOISE_ASSIGN_OR_RETURN(std::vector<TranslatedExpr> args, TranslateArgs(expr, scope, clause, true));
      if (args.size() != 2) return Status::Error(ER_PARSE_ERROR, "", 1);
      TranslatedExpr result;
      result.type = Simple(ValueType::kInteger, 1);
      result.sql = std::string(expr.negated ? "(NOT " : "(") + "mysql_regexp(" + args[1].sql +
                   ", " + args[0].sql + "))";
      result.aggregate = args[0].aggregate || args[1].aggregate;
      return result;
    }
    case sql::ExprKind::kIsNull: {
      PORPOISE_ASSIGN_OR_RETURN(std::vector<TranslatedExpr> args, TranslateArgs(expr, scope, clause));
      if (args.size() != 1) return Status::Error(ER_PARSE_ERROR, "", 1);
      TranslatedExpr result;
      result.type = Simple(ValueType::kInteger, 1);
      result.type.not_null = true;
      result.sql = "(" + args[0].sql + (expr.negated ? " IS NOT NULL)" : " IS NULL)");
      result.aggregate = args[0].aggregate;
      return result;
    }
    case sql::ExprKind::kIsBool: {
      PORPOISE_ASSIGN_OR_RETURN(std::vector<TranslatedExpr> args, TranslateArgs(expr, scope, clause, true));
      if (args.size() != 1) return Status::Error(ER_PARSE_ERROR, "", 1);
      TranslatedExpr result;
      result.type = Simple(ValueType::kInteger, 1);
      std::string what = expr.is_value == sql::LiteralKind::kTrue    ? "TRUE"
                         : expr.is_value == sql::LiteralKind::kFalse ? "FALSE"
                                                                     : "NULL";
      result.sql = "(" + args[0].sql + (expr.negated ? " IS NOT " : " IS ") + what + ")";
      result.aggregate = args[0].aggregate;
      return result;
    }
    case sql::ExprKind::kSubquery: {
      if (!expr.subquery) return Status::Error(ER_PARSE_ERROR, "", 1);
      PORPOISE_ASSIGN_OR_RETURN(TranslatedSelect sub, TranslateSelect(*expr.subquery, &scope));
      if (sub.columns.size() != 1) return Status::Error(ER_OPERAND_COLUMNS, 1);
      TranslatedExpr result;
      result.type = sub.columns[0].type;
      result.type.column = nullptr;
      result.type.not_null = false;
      result.sql = "(" + sub.sql + ")";
      return result;
    }
    case sql::ExprKind::kExists: {
      if (!expr.subquery) return Status::Error(ER_PARSE_ERROR, "", 1);
      PORPOISE_ASSIGN_OR_RETURN(TranslatedSelect sub, TranslateSelect(*expr.subquery, &scope));
      TranslatedExpr result;
      result.type = Simple(ValueType::kInteger, 1);
      result.sql = std::string(expr.negated ? "(NOT EXISTS (" : "(EXISTS (") + sub.sql + "))";
      return result;
    }
    case sql::ExprKind::kConvertUsing: {
      PORPOISE_ASSIGN_OR_RETURN(std::vector<TranslatedExpr> args, TranslateArgs(expr, scope, clause, true));
      if (args.size() != 1) return Status::Error(ER_PARSE_ERROR, "", 1);
      if (catalog::FindCharset(expr.text) == nullptr) {
        return Status::Error(ER_UNKNOWN_CHARACTER_SET, expr.text);
      }
      TranslatedExpr result = args[0];
      result.type.column = nullptr;
      if (EqualsIgnoreCase(expr.text, "binary")) {
        result.type.type = ValueType::kBinary;
        result.sql = "CAST(" + result.sql + " AS BLOB)";
      } else {
        result.type.type = ValueType::kString;
        result.sql = "CAST(" + result.sql + " AS TEXT)";
      }
      return result;
    }
    case sql::ExprKind::kCollate: {
      PORPOISE_ASSIGN_OR_RETURN(std::vector<TranslatedExpr> args, TranslateArgs(expr, scope, clause));
      if (args.size() != 1) return Status::Error(ER_PARSE_ERROR, "", 1);
      if (catalog::FindCollation(expr.text) == nullptr) {
        return Status::Error(ER_UNKNOWN_COLLATION, expr.text);
      }
      const types::Collation* collation = types::FindCollationByName(expr.text);
      if (collation == nullptr) return Status::Error(ER_UNKNOWN_COLLATION, expr.text);
      TranslatedExpr result = args[0];
      result.type.column = nullptr;
      if (result.type.type == ValueType::kString || result.type.type == ValueType::kNull) {
        if (result.type.collation != nullptr &&
            result.type.collation->charset() != collation->charset() &&
            !(result.type.collation->charset() == "utf8mb3" && collation->charset() == "utf8mb4")) {
          return Status::Error(ER_COLLATION_CHARSET_MISMATCH, expr.text,
                               std::string(result.type.collation->charset()));
        }
        result.type.type = ValueType::kString;
      }
      result.type.collation = collation;
      result.type.coercibility = Coercibility::kExplicit;
      result.type.not_null = false;  // as MySQL marks a COLLATE expression
      return result;
    }
    case sql::ExprKind::kRow: {
      PORPOISE_ASSIGN_OR_RETURN(std::vector<TranslatedExpr> args, TranslateArgs(expr, scope, clause));
      TranslatedExpr result;
      result.type = Simple(ValueType::kInteger, 1);
      result.sql = "(";
      for (size_t i = 0; i < args.size(); ++i) {
        if (i > 0) result.sql += ", ";
        result.sql += args[i].sql;
        result.aggregate |= args[i].aggregate;
      }
      result.sql += ")";
      return result;
    }
    case sql::ExprKind::kInterval:
      return Status::Error(ER_PARSE_ERROR, "INTERVAL", 1);
    case sql::ExprKind::kDefault:
      return Status::Error(ER_NOT_SUPPORTED_YET, "DEFAULT outside INSERT and UPDATE values");
    case sql::ExprKind::kMatch:
      return Status::Error(ER_NOT_SUPPORTED_YET, "MATCH ... AGAINST");
  }
  return Status::Error(ER_NOT_SUPPORTED_YET, "this expression");
}

Result<std::vector<TranslatedExpr>> Translator::TranslateArgs(const sql::Expr& expr,
                                                              const Scope& scope, Clause clause,
                                                              bool textual) {
  std::vector<TranslatedExpr> args;
  args.reserve(expr.args.size());
  for (const sql::ExprPtr& arg : expr.args) {
    if (!arg) return Status::Error(ER_PARSE_ERROR, "", 1);
    PORPOISE_ASSIGN_OR_RETURN(TranslatedExpr translated, TranslateExpr(*arg, scope, clause));
    args.push_back(textual ? Textual(std::move(translated)) : std::move(translated));
  }
  return args;
}

TranslatedExpr Translator::Textual(TranslatedExpr expr) {
  if (expr.type.type == ValueType::kDecimal ||
      (expr.type.type == ValueType::kInteger && expr.type.is_unsigned)) {
    ExprType text = expr.type;
    text.type = ValueType::kString;
    text.collation = context_.connection_collation;
    text.coercibility = Coercibility::kNumeric;
    ExprType original = expr.type;
    TranslatedExpr converted = Convert(std::move(expr), text);
    converted.type = original;  // still a number to the functions' type rules
    converted.type.column = nullptr;
    return converted;
  }
  return expr;
}

Result<TranslatedExpr> Translator::TranslateLiteral(const sql::Expr& expr) {
  auto numeric = [](ValueType type, uint32_t length, uint8_t decimals, bool is_unsigned) {
    ExprType result = Simple(type, length, decimals);
    result.is_unsigned = is_unsigned;
    return result;
  };
  switch (expr.literal_kind) {
    case sql::LiteralKind::kNull: {
      TranslatedExpr result;
      result.sql = "NULL";
      result.type = Simple(ValueType::kNull, 0);
      result.type.coercibility = Coercibility::kIgnorable;
      result.constant = Value::Null();
      return result;
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
        return Constant(Value::Integer(std::strtoll(expr.text.c_str(), nullptr, 10)),
                        numeric(ValueType::kInteger, digits, 0, false));
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
      return Constant(Value::Double(value), numeric(ValueType::kDouble, 23, 31, false));
    }
    case sql::LiteralKind::kString: {
      if (expr.charset_introducer == "binary") {
        return Constant(Value::Blob(expr.text),
                        Simple(ValueType::kBinary, static_cast<uint32_t>(expr.text.size())));
      }
      ExprType type = Simple(ValueType::kString, static_cast<uint32_t>(Utf8Length(expr.text)));
      type.collation = context_.connection_collation;
      if (!expr.charset_introducer.empty()) {
        const catalog::CharsetInfo* charset = catalog::FindCharset(expr.charset_introducer);
        if (charset != nullptr) {
          const types::Collation* collation = types::FindCollationByName(charset->default_collation);
          if (collation != nullptr) type.collation = collation;
        }
      }
      type.coercibility = Coercibility::kCoercible;
      return Constant(Value::Text(expr.text), type);
    }
    case sql::LiteralKind::kHexString:
    case sql::LiteralKind::kBitString:
      return Constant(Value::Blob(expr.text),
                      Simple(ValueType::kBinary, static_cast<uint32_t>(expr.text.size())));
    case sql::LiteralKind::kDate:
      return Constant(Value::Text(expr.text), Simple(ValueType::kDate, 10));
    case sql::LiteralKind::kTime:
      return Constant(Value::Text(expr.text), Simple(ValueType::kTime, 10));
    case sql::LiteralKind::kTimestamp:
      return Constant(Value::Text(expr.text), Simple(ValueType::kDateTime, 19));
  }
  return Status::Error(ER_NOT_SUPPORTED_YET, "this literal");
}

Result<TranslatedExpr> Translator::TranslateVariable(const sql::Expr& expr) {
  TranslatedExpr result;
  if (expr.scope == sql::VariableScope::kUser) {
    Value value;
    if (context_.user_variables != nullptr) {
      auto found = context_.user_variables->find(ToLowerAscii(expr.text));
      if (found != context_.user_variables->end()) value = found->second;
    }
    result.sql = SqlLiteral(value);
    switch (value.kind) {
      case Value::Kind::kNull:
        result.type = Simple(ValueType::kBinary, 0);
        break;
      case Value::Kind::kInteger:
        result.type = Simple(ValueType::kInteger, 21);
        break;
      case Value::Kind::kDouble:
        result.type = Simple(ValueType::kDouble, 23, 31);
        break;
      case Value::Kind::kText:
        result.type = Simple(ValueType::kString, static_cast<uint32_t>(Utf8Length(value.bytes)));
        break;
      case Value::Kind::kBlob:
        result.type = Simple(ValueType::kBinary, static_cast<uint32_t>(value.bytes.size()));
        break;
    }
    return result;
  }
  if (context_.variables == nullptr) return Status::Error(ER_UNKNOWN_SYSTEM_VARIABLE, expr.text);
  // The previous statement's diagnostics, which the session keeps rather than the variables.
  bool warnings = EqualsIgnoreCase(expr.text, "warning_count");
  if ((warnings || EqualsIgnoreCase(expr.text, "error_count")) &&
      expr.scope != sql::VariableScope::kGlobal) {
    ExprType type = Simple(ValueType::kInteger, 21);
    type.is_unsigned = true;
    TranslatedExpr count =
        Constant(EncodeUnsigned(warnings ? context_.warning_count : context_.error_count), type);
    count.type.not_null = false;  // as every system variable's column is described
    return count;
  }
  PORPOISE_ASSIGN_OR_RETURN(std::string text, context_.variables->Get(expr.text, expr.scope));
  const catalog::SystemVariable* variable = context_.variables->Find(expr.text);
  catalog::VariableType type = variable != nullptr ? variable->type : catalog::VariableType::kString;
  switch (type) {
    case catalog::VariableType::kBool: {
      bool on = EqualsIgnoreCase(text, "ON") || text == "1" || EqualsIgnoreCase(text, "TRUE");
      result.sql = on ? "1" : "0";
      result.type = Simple(ValueType::kInteger, 1);
      break;
    }
    case catalog::VariableType::kInteger:
    case catalog::VariableType::kUnsigned: {
      size_t consumed = 0;
      ParseNumberPrefix(text, &consumed);
      bool numeric = consumed == text.size() && !text.empty() &&
                     text.find_first_of(".eE") == std::string::npos;
      result.sql = numeric ? (text.size() > 19 ? text + ".0" : text) : SqlLiteral(Value::Text(text));
      result.type = Simple(numeric ? ValueType::kInteger : ValueType::kString, 21);
      result.type.is_unsigned = type == catalog::VariableType::kUnsigned;
      break;
    }
    case catalog::VariableType::kDouble:
      result.sql = SqlLiteral(Value::Double(std::strtod(text.c_str(), nullptr)));
      result.type = Simple(ValueType::kDouble, 23, 31);
      break;
    default:
      result.sql = SqlLiteral(Value::Text(text));
      result.type = Simple(ValueType::kString, std::max<uint32_t>(static_cast<uint32_t>(Utf8Length(text)), 1));
      break;
  }
  return result;
}

Result<TranslatedExpr> Translator::TranslateColumnRef(const sql::Expr& expr, const Scope& scope,
                                                      Clause clause) {
  if (expr.column == "*") return Status::Error(ER_PARSE_ERROR, "*", 1);
  std::string display = expr.table.empty() ? expr.column : expr.table + "." + expr.column;
  if (!expr.database.empty()) display = expr.database + "." + display;
  // ORDER BY / GROUP BY / HAVING may name a select-list alias.
  if (expr.table.empty() &&
      (clause == Clause::kOrder || clause == Clause::kGroup || clause == Clause::kHaving)) {
    for (const auto& [alias, index] : scope.select_aliases) {
      if (EqualsIgnoreCase(alias, expr.column)) {
        TranslatedExpr result;
        result.sql = QuoteName(alias);
        result.type = index < scope.select_types.size() ? scope.select_types[index] : ExprType();
        result.type.column = nullptr;
        return result;
      }
    }
  }
  for (const Scope* level = &scope; level != nullptr; level = level->outer) {
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
    TranslatedExpr result;
    size_t index = static_cast<size_t>(found_index);
    if (found_table->schema) {
      const catalog::ColumnSchema& column = found_table->schema->columns[index];
      if (found_table->write_target) {
        context_.target_columns_read.push_back(
            {found_table->database, found_table->table, column.name});
      }
      result.sql = QuoteName(found_table->alias) + "." + QuoteName(column.name);
      result.type = TypeOfColumn(column);
      result.type.schema = found_table->database;
      result.type.table_alias = found_table->alias;
      result.type.org_table = found_table->table;
      std::string key = catalog::ColumnKeyText(*found_table->schema, index);
      if (key == "PRI") result.type.key_flags = column_flag::kPrimaryKey;
      else if (key == "UNI") result.type.key_flags = column_flag::kUniqueKey;
      else if (key == "MUL") result.type.key_flags = column_flag::kMultipleKey;
    } else {
      result.sql = QuoteName(found_table->alias) + "." + QuoteName(found_table->derived_names[index]);
      result.type = found_table->derived_columns[index].type;
      result.type.table_alias = found_table->alias;
    }
    return result;
  }
  return Status::Error(ER_BAD_FIELD_ERROR, display, ClauseName(clause));
}

Result<TranslatedExpr> Translator::TranslateUnary(const sql::Expr& expr, const Scope& scope,
                                                  Clause clause) {
  PORPOISE_ASSIGN_OR_RETURN(std::vector<TranslatedExpr> args, TranslateArgs(expr, scope, clause));
  if (args.size() != 1) return Status::Error(ER_PARSE_ERROR, "", 1);
  TranslatedExpr result;
  result.aggregate = args[0].aggregate;
  // NOT, ~ and BINARY read their operand as SQLite does: DECIMAL and BIGINT UNSIGNED as text.
  if (expr.op != sql::Operator::kNegate && expr.op != sql::Operator::kUnaryPlus) {
    args[0] = Textual(std::move(args[0]));
  }
  const TranslatedExpr& operand = args[0];
  switch (expr.op) {
    case sql::Operator::kNot:
      result.sql = "(NOT " + operand.sql + ")";
      result.type = Simple(ValueType::kInteger, 1);
      return result;
    case sql::Operator::kNegate:
      return TranslateNegate(std::move(args[0]), expr);
    case sql::Operator::kUnaryPlus:
      result = operand;
      result.type.column = nullptr;
      return result;
    case sql::Operator::kBitNot:
      result.sql = "mysql_bitnot(" + operand.sql + ")";
      result.type = Simple(ValueType::kInteger, 21);
      result.type.is_unsigned = true;
      return result;
    case sql::Operator::kBinary:
      result.sql = "(" + operand.sql + ") COLLATE BINARY";
      result.type = operand.type;
      result.type.column = nullptr;
      result.type.not_null = false;  // a cast, which MySQL marks nullable
      if (result.type.type == ValueType::kString) result.type.type = ValueType::kBinary;
      return result;
    default:
      return Status::Error(ER_NOT_SUPPORTED_YET, "this operator");
  }
}

namespace {


}  // namespace

namespace {

// parts[begin, end) joined by `separator` as a balanced tree of parentheses.
std::string JoinBalanced(const std::vector<std::string>& parts, size_t begin, size_t end,
                         const std::string& separator) {
  if (end - begin == 1) return parts[begin];
  size_t middle = begin + (end - begin) / 2;
  return "(" + JoinBalanced(parts, begin, middle, separator) + separator +
         JoinBalanced(parts, middle, end, separator) + ")";
}

}  // namespace

// A left-deep AND/OR chain (`a OR b OR c ...`, as ORMs generate by the thousand) is walked
// iteratively and handed to SQLite as a balanced tree: AND and OR are associative in SQL's
// three-valued logic, and neither this translator's recursion nor SQLite's expression depth
// (1000) and parser stack (100) then grow with the chain's length.
Result<TranslatedExpr> Translator::TranslateLogicalChain(const sql::Expr& expr,
                                                         const Scope& scope, Clause clause) {
  std::vector<const sql::Expr*> operands;
  const sql::Expr* node = &expr;
  while (node->kind == sql::ExprKind::kBinary && node->op == expr.op && node->args.size() == 2 &&
         node->args[0] && node->args[1]) {
    operands.push_back(node->args[1].get());
    node = node->args[0].get();
  }
  operands.push_back(node);
  TranslatedExpr result;
  result.type = Simple(ValueType::kInteger, 1);
  std::vector<std::string> parts;
  parts.reserve(operands.size());
  for (auto operand = operands.rbegin(); operand != operands.rend(); ++operand) {
    PORPOISE_ASSIGN_OR_RETURN(TranslatedExpr part, TranslateExpr(**operand, scope, clause));
    result.aggregate = result.aggregate || part.aggregate;
    // SQLite reads truth from a number or numeric text: DECIMAL and BIGINT UNSIGNED operands
    // go in as their text.
    parts.push_back(Textual(std::move(part)).sql);
  }
  const std::string separator = expr.op == sql::Operator::kOr ? " OR " : " AND ";
  // JoinBalanced parenthesizes every pair already: another level here would spend SQLite's
  // parser stack (about 100 deep) twice as fast on nested AND/OR.
  result.sql = JoinBalanced(parts, 0, parts.size(), separator);
  return result;
}

Result<TranslatedExpr> Translator::TranslateBinary(const sql::Expr& expr, const Scope& scope,
                                                   Clause clause) {
  if (expr.op == sql::Operator::kOr || expr.op == sql::Operator::kAnd) {
    return TranslateLogicalChain(expr, scope, clause);
  }
  PORPOISE_ASSIGN_OR_RETURN(std::vector<TranslatedExpr> args, TranslateArgs(expr, scope, clause));
  if (args.size() != 2) return Status::Error(ER_PARSE_ERROR, "", 1);
  TranslatedExpr& left = args[0];
  TranslatedExpr& right = args[1];
  TranslatedExpr result;
  result.aggregate = left.aggregate || right.aggregate;
  result.type = Simple(ValueType::kInteger, 1);
  auto logical = [&](std::string_view op) {
    result.sql = "(" + left.sql + " " + std::string(op) + " " + right.sql + ")";
    return result;
  };
  switch (expr.op) {
    case sql::Operator::kOr: return logical("OR");
    case sql::Operator::kAnd: return logical("AND");
    case sql::Operator::kXor:
      result.sql = "mysql_xor(" + Textual(std::move(left)).sql + ", " + Textual(std::move(right)).sql + ")";
      return result;
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
    case sql::Operator::kShiftLeft:
    case sql::Operator::kShiftRight: {
      std::string_view op = expr.op == sql::Operator::kBitOr    ? "|"
                            : expr.op == sql::Operator::kBitAnd ? "&"
                            : expr.op == sql::Operator::kShiftLeft ? "<<" : ">>";
      result.sql = "(" + left.sql + " " + std::string(op) + " " + right.sql + ")";
      result.type = Simple(ValueType::kInteger, 21);
      result.type.is_unsigned = true;
      return result;
    }
    case sql::Operator::kBitXor:
      result.sql = "mysql_bitxor(" + left.sql + ", " + right.sql + ")";
      result.type = Simple(ValueType::kInteger, 21);
      result.type.is_unsigned = true;
      return result;
    case sql::Operator::kPlus:
    case sql::Operator::kMinus:
    case sql::Operator::kMul:
    case sql::Operator::kDiv:
    case sql::Operator::kIntDiv:
    case sql::Operator::kMod:
      return TranslateArithmetic(expr.op, std::move(left), std::move(right), expr);
    case sql::Operator::kConcat:
      result.type = Simple(ValueType::kString, left.type.length + right.type.length);
      result.sql = "mysql_concat(" + left.sql + ", " + right.sql + ")";
      return result;
    case sql::Operator::kAssign:
      return Status::Error(ER_NOT_SUPPORTED_YET, "assignment to user variables inside expressions");
    default:
      return Status::Error(ER_NOT_SUPPORTED_YET, "this operator");
  }
}

Result<TranslatedExpr> Translator::TranslateCast(const sql::Expr& expr, const Scope& scope,
                                                 Clause clause) {
  PORPOISE_ASSIGN_OR_RETURN(std::vector<TranslatedExpr> args, TranslateArgs(expr, scope, clause));
  if (args.size() != 1) return Status::Error(ER_PARSE_ERROR, "", 1);
  const sql::DataType& type = expr.cast_type;
  // The text-reading casts (CHAR, BINARY, temporal) take DECIMAL and BIGINT UNSIGNED as text.
  std::string cast_name = ToLowerAscii(type.name);
  bool numeric_target = cast_name == "signed" || cast_name == "unsigned" || cast_name == "int" ||
                        cast_name == "integer" || cast_name == "bigint" ||
                        cast_name == "decimal" || cast_name == "double" ||
                        cast_name == "real" || cast_name == "float";
  if (!numeric_target) args[0] = Textual(std::move(args[0]));
  const TranslatedExpr& operand = args[0];
  std::string name = ToLowerAscii(type.name);
  TranslatedExpr result;
  result.aggregate = operand.aggregate;
  if (name == "signed" || name == "unsigned" || name == "int" || name == "integer" ||
      name == "bigint") {
    ExprType target = Simple(ValueType::kInteger, 21);
    target.is_unsigned = name == "unsigned" || type.is_unsigned;
    if (target.is_unsigned) target.length = 20;
    TranslatedExpr converted = Convert(operand, target);
    converted.type.column = nullptr;
    converted.type.not_null = operand.type.not_null && operand.type.type != ValueType::kString;
    return converted;
  } else if (name == "char" || name == "nchar" || name == "varchar") {
    result.sql = "mysql_cast_char(" + operand.sql + ")";
    if (type.length) result.sql = "mysql_substr(" + result.sql + ", 1, " + std::to_string(*type.length) + ")";
    result.type = Simple(ValueType::kString, type.length.value_or(operand.type.length));
  } else if (name == "binary") {
    result.sql = "CAST(mysql_cast_char(" + operand.sql + ") AS BLOB)";
    result.type = Simple(ValueType::kBinary, type.length.value_or(operand.type.length));
  } else if (name == "decimal") {
    uint32_t precision = std::max<uint32_t>(type.length.value_or(10), 1);
    uint32_t scale = type.scale.value_or(0);
    if (precision > 65) return Status::Error(ER_TOO_BIG_PRECISION, precision, "CAST", 65);
    if (scale > 30) return Status::Error(ER_TOO_BIG_SCALE, scale, "CAST", 30);
    if (scale > precision) return Status::Error(ER_M_BIGGER_THAN_D, "CAST");
    ExprType target = Simple(ValueType::kDecimal, DecimalLength(precision, scale, false),
                             static_cast<uint8_t>(scale));
    target.not_null = operand.type.not_null;
    // DECIMAL(M,D) clamps to its largest value with warning 1264, naming the expression.
    std::string name_text = sql::ToSql(expr);
    if (operand.constant) {
      ConversionContext conversion{&context_.warnings};
      types::Decimal value;
      if (!ToDecimal(*operand.constant, operand.type, conversion, &value)) {
        return Constant(Value::Null(), target);
      }
      types::Decimal fitted;
      if (value.FitTo(static_cast<int>(precision), static_cast<int>(scale), &fitted) ==
          types::Decimal::Outcome::kOverflow) {
        context_.warnings.push_back(Status::Error(ER_WARN_DATA_OUT_OF_RANGE, name_text, 1L));
      }
      TranslatedExpr folded = Constant(EncodeDecimal(fitted), target);
      folded.type.not_null = target.not_null;
      return folded;
    }
    result.type = target;
    result.sql = "pp_cast_dec(" + operand.sql + ", " + std::to_string(TypeCode(operand.type)) +
                 ", " + std::to_string(precision) + ", " + std::to_string(scale) + ", " +
                 context_.Parameter(Value::Text(name_text)) + ")";
    return result;
  } else if (name == "double" || name == "real" || name == "float") {
    ExprType target = Simple(name == "float" ? ValueType::kFloat : ValueType::kDouble,
                             name == "float" ? 12 : 22, 31);
    return Convert(operand, target);
  } else if (name == "date") {
    result.sql = "date(" + operand.sql + ")";
    result.type = Simple(ValueType::kDate, 10);
  } else if (name == "datetime") {
    uint32_t fsp = std::min<uint32_t>(type.length.value_or(0), 6);
    result.sql = fsp == 0 ? "datetime(" + operand.sql + ")"
                          : "substr(strftime('%Y-%m-%d %H:%M:%f', " + operand.sql + "), 1, " +
                                std::to_string(20 + std::min<uint32_t>(fsp, 3)) + ")";
    result.type = Simple(ValueType::kDateTime, 19, static_cast<uint8_t>(fsp));
  } else if (name == "time") {
    result.sql = "time(" + operand.sql + ")";
    result.type = Simple(ValueType::kTime, 10);
  } else if (name == "json") {
    result.sql = operand.sql;
    result.type = Simple(ValueType::kJson, 0);
  } else if (name == "year") {
    result.sql = "mysql_cast_integer(" + operand.sql + ")";
    result.type = Simple(ValueType::kYear, 4);
  } else {
    return Status::Error(ER_NOT_SUPPORTED_YET, "CAST to " + type.name);
  }
  return result;
}

}  // namespace porpoise::engine
