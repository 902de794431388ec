// JSON_TABLE: planning its COLUMNS clause and producing its rows (json_table.h). (engine/)
#include "engine/json_table.h"

#include <utility>

#include "common/error_codes.h"
#include "common/strings.h"
#include "engine/program.h"

namespace porpoise::engine {
namespace {

using sql::JsonTableColumn;
using sql::JsonTableResponse;
using types::JsonKind;
using types::JsonValue;

// The SQL value a JSON scalar stands for in a column of `schema`'s type.
Value SqlValue(const catalog::ColumnSchema& schema, const JsonValue& value) {
  bool textual = schema.type_class == catalog::TypeClass::kString ||
                 schema.type_class == catalog::TypeClass::kBinary ||
                 schema.type_class == catalog::TypeClass::kEnum ||
                 schema.type_class == catalog::TypeClass::kSet;
  switch (value.kind()) {
    case JsonKind::kBoolean:
      if (textual) return Value::Text(value.boolean() ? "true" : "false");
      return Value::Integer(value.boolean() ? 1 : 0);
    case JsonKind::kInteger: return Value::Integer(value.integer());
    case JsonKind::kUnsigned:
      if (value.unsigned_value() <= static_cast<uint64_t>(INT64_MAX)) {
        return Value::Integer(value.integer());
      }
      return Value::Text(std::to_string(value.unsigned_value()));
    case JsonKind::kDouble:
      if (textual) return Value::Text(types::UnquotedText(value));
      return Value::Double(value.real());
    default:
      return Value::Text(types::UnquotedText(value));
  }
}

// `value`, a JSON scalar, stored into a column of `schema` as into a table's (strict).
Result<Value> StoreScalar(const catalog::ColumnSchema& schema, const JsonValue& value) {
  CoerceContext strict;
  return CoerceToColumn(schema, SqlValue(schema, value), strict);
}

class Planner {
 public:
  explicit Planner(JsonTablePlan* plan) : plan_(*plan) {}

  Status Columns(const std::vector<JsonTableColumn>& columns,
                 std::vector<JsonTableColumnPlan>* out) {
    for (const JsonTableColumn& column : columns) {
      JsonTableColumnPlan planned;
      planned.kind = column.kind;
      if (column.kind != JsonTableColumn::Kind::kOrdinality) {
        PORPOISE_ASSIGN_OR_RETURN(planned.path, types::JsonPath::Parse(column.path));
      }
      if (column.kind == JsonTableColumn::Kind::kNested) {
        planned.first_output = plan_.names.size();
        PORPOISE_RETURN_IF_ERROR(Columns(column.nested, &planned.nested));
        planned.end_output = plan_.names.size();
        out->push_back(std::move(planned));
        continue;
      }
      for (const std::string& name : plan_.names) {
        if (EqualsIgnoreCase(name, column.name)) return Status::Error(ER_DUP_FIELDNAME, name);
      }
      sql::DataType type = column.type;
      if (column.kind == JsonTableColumn::Kind::kOrdinality) {  // BIGINT(10) UNSIGNED
        type = sql::DataType();
        type.name = "bigint";
        type.length = 10;
        type.is_unsigned = true;
      }
      PORPOISE_ASSIGN_OR_RETURN(catalog::ColumnSchema schema, VariableColumn(column.name, type));
      PORPOISE_ASSIGN_OR_RETURN(planned.on_empty, Response(column.on_empty, schema));
      PORPOISE_ASSIGN_OR_RETURN(planned.on_error, Response(column.on_error, schema));
      planned.output = plan_.names.size();
      plan_.names.push_back(column.name);
      plan_.schemas.push_back(std::move(schema));
      out->push_back(std::move(planned));
    }
    return Status::OK();
  }

 private:
  // A DEFAULT must be JSON text (1067) its column can hold (3669), checked before any row.
  static Result<JsonTableResponsePlan> Response(const JsonTableResponse& response,
                                                const catalog::ColumnSchema& schema) {
    JsonTableResponsePlan planned;
    planned.kind = response.kind;
    if (response.kind != JsonTableResponse::Kind::kDefault) return planned;
    types::JsonParseError error;
    if (!types::ParseJson(response.default_json, &planned.default_value, &error)) {
      return Status::Error(ER_INVALID_DEFAULT, schema.name);
    }
    const JsonValue& value = planned.default_value;
    if (schema.type_class != catalog::TypeClass::kJson && value.kind() != JsonKind::kNull &&
        (!value.is_scalar() || !StoreScalar(schema, value).ok())) {
      return Status::Error(ER_JT_VALUE_OUT_OF_RANGE, schema.name);
    }
    return planned;
  }

  JsonTablePlan& plan_;
};

// Produces the rows of one level of columns over one value the level's path found.
class RowMaker {
 public:
  RowMaker(const JsonTablePlan& plan, std::vector<std::vector<Value>>* rows,
           const std::function<Status()>& check)
      : plan_(plan), rows_(*rows), row_(plan.names.size()), check_(check) {}

  Status Level(const std::vector<JsonTableColumnPlan>& columns, const JsonValue& context,
               int64_t ordinal) {
    for (const JsonTableColumnPlan& column : columns) {
      if (column.kind == JsonTableColumn::Kind::kNested) continue;
      PORPOISE_ASSIGN_OR_RETURN(row_[column.output], ColumnValue(column, context, ordinal));
    }
    bool produced = false;
    for (const JsonTableColumnPlan& nested : columns) {
      if (nested.kind != JsonTableColumn::Kind::kNested) continue;
      std::vector<const JsonValue*> found = types::FindJson(context, nested.path);
      for (size_t i = 0; i < found.size(); ++i) {
        ClearNested(columns);
        PORPOISE_RETURN_IF_ERROR(Level(nested.nested, *found[i], static_cast<int64_t>(i) + 1));
        produced = true;
      }
    }
    if (!produced) {
      ClearNested(columns);
      return Emit();
    }
    return Status::OK();
  }

 private:
  Status Emit() {
    for (const Value& value : row_) bytes_ += sizeof(Value) + value.bytes.size();
    if (bytes_ > kJsonTableRowBytes) {
      return Status::Error(ER_CAPACITY_EXCEEDED, kJsonTableRowBytes, "JSON_TABLE rows",
                           "The document makes too many rows.");
    }
    rows_.push_back(row_);
    if (rows_.size() % 4096 == 0 && check_) return check_();
    return Status::OK();
  }

  void ClearNested(const std::vector<JsonTableColumnPlan>& columns) {
    for (const JsonTableColumnPlan& nested : columns) {
      if (nested.kind != JsonTableColumn::Kind::kNested) continue;
      for (size_t i = nested.first_output; i < nested.end_output; ++i) row_[i] = Value::Null();
    }
  }

  Result<Value> ColumnValue(const JsonTableColumnPlan& column, const JsonValue& context,
                            int64_t ordinal) {
    const catalog::ColumnSchema& schema = plan_.schemas[column.output];
    switch (column.kind) {
      case JsonTableColumn::Kind::kOrdinality:
        return Value::Integer(ordinal);
      case JsonTableColumn::Kind::kExists: {
        bool exists = !types::FindJson(context, column.path).empty();
        CoerceContext strict;
        return CoerceToColumn(schema, Value::Integer(exists ? 1 : 0), strict);
      }
      case JsonTableColumn::Kind::kPath:
        break;
      case JsonTableColumn::Kind::kNested:
        return Value::Null();
    }
    std::vector<const JsonValue*> found = types::FindJson(context, column.path);
    bool json = schema.type_class == catalog::TypeClass::kJson;
    if (found.empty()) return Respond(column, column.on_empty, /*empty=*/true);
    JsonValue value;
    if (found.size() > 1) {
      if (!json) return Respond(column, column.on_error, false, ER_WRONG_JSON_TABLE_VALUE);
      value = JsonValue::Array();
      for (const JsonValue* each : found) value.Append(*each);
    } else {
      value = *found[0];
    }
    return Store(column, value, /*from_default=*/false);
  }

  // A found (or DEFAULT) value stored into the column as into a table's: when it cannot be,
  // the ON ERROR response answers.
  Result<Value> Store(const JsonTableColumnPlan& column, const JsonValue& value, bool from_default) {
    const catalog::ColumnSchema& schema = plan_.schemas[column.output];
    if (value.kind() == JsonKind::kNull) return Value::Null();
    if (schema.type_class == catalog::TypeClass::kJson) {
      return Value::Text(types::PrintJson(value));
    }
    auto fail = [&](ErrorCode code) -> Result<Value> {
      if (from_default) return Status::Error(ER_JT_VALUE_OUT_OF_RANGE, plan_.names[column.output]);
      return Respond(column, column.on_error, false, code);
    };
    if (!value.is_scalar()) return fail(ER_WRONG_JSON_TABLE_VALUE);
    Result<Value> stored = StoreScalar(schema, value);
    if (!stored.ok()) {
      // A value of the wrong kind (not a number, not a date) is the conversion's own error;
      // one out of the column's range or length is JSON_TABLE's.
      int failed = stored.status().code();
      bool wrong = failed == ER_TRUNCATED_WRONG_VALUE_FOR_FIELD || failed == ER_TRUNCATED_WRONG_VALUE;
      return fail(wrong ? ER_INVALID_JSON_VALUE_FOR_CAST : ER_JT_VALUE_OUT_OF_RANGE);
    }
    return stored;
  }

  // How MySQL's CAST names a column's type (3156).
  static std::string_view CastName(const catalog::ColumnSchema& schema) {
    switch (schema.type_class) {
      case catalog::TypeClass::kInteger:
      case catalog::TypeClass::kYear:
      case catalog::TypeClass::kBit: return "INTEGER";
      case catalog::TypeClass::kDecimal: return "DECIMAL";
      case catalog::TypeClass::kFloat:
      case catalog::TypeClass::kDouble: return "DOUBLE";
      case catalog::TypeClass::kDate: return "DATE";
      case catalog::TypeClass::kDateTime:
      case catalog::TypeClass::kTimestamp: return "DATETIME";
      case catalog::TypeClass::kTime: return "TIME";
      default: return "CHAR";
    }
  }

  Result<Value> Respond(const JsonTableColumnPlan& column, const JsonTableResponsePlan& response,
                        bool empty, ErrorCode code = ER_JT_VALUE_OUT_OF_RANGE) {
    const std::string& name = plan_.names[column.output];
    switch (response.kind) {
      case JsonTableResponse::Kind::kNull:
        return Value::Null();
      case JsonTableResponse::Kind::kDefault:
        return Store(column, response.default_value, /*from_default=*/true);
      case JsonTableResponse::Kind::kError:
        if (empty) return Status::Error(ER_MISSING_JSON_TABLE_VALUE, name);
        if (code == ER_INVALID_JSON_VALUE_FOR_CAST) {
          return Status::Error(code, CastName(plan_.schemas[column.output]), "", name, 1);
        }
        return Status::Error(code, name);
    }
    return Value::Null();
  }

  const JsonTablePlan& plan_;
  std::vector<std::vector<Value>>& rows_;
  std::vector<Value> row_;
  const std::function<Status()>& check_;
  uint64_t bytes_ = 0;
};

}  // namespace

Result<JsonTablePlan> PlanJsonTable(const std::string& alias, const std::string& path,
                                    const std::vector<sql::JsonTableColumn>& columns) {
  JsonTablePlan plan;
  plan.alias = alias;
  PORPOISE_ASSIGN_OR_RETURN(plan.path, types::JsonPath::Parse(path));
  Planner planner(&plan);
  PORPOISE_RETURN_IF_ERROR(planner.Columns(columns, &plan.columns));
  return plan;
}

Result<std::vector<std::vector<Value>>> JsonTableRows(const JsonTablePlan& plan,
                                                      const types::JsonValue& doc,
                                                      const std::function<Status()>& check) {
  std::vector<std::vector<Value>> rows;
  RowMaker maker(plan, &rows, check);
  std::vector<const JsonValue*> found = types::FindJson(doc, plan.path);
  for (size_t i = 0; i < found.size(); ++i) {
    PORPOISE_RETURN_IF_ERROR(maker.Level(plan.columns, *found[i], static_cast<int64_t>(i) + 1));
  }
  return rows;
}

}  // namespace porpoise::engine
