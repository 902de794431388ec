// JSON_TABLE's COLUMNS clause made ready to produce rows: each column's path parsed, its type
// made a column schema (a value is stored into it as into a table's column), its ON EMPTY /
// ON ERROR defaults parsed. The binder plans a JSON_TABLE to check it and to type its columns;
// the pp_json_table virtual table (runtime_table_functions.cc) plans it again from its printed
// text and makes the rows. (engine/)
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "catalog/table_schema.h"
#include "common/status.h"
#include "engine/value.h"
#include "sql/ast/statement.h"
#include "types/json.h"
#include "types/json_path.h"

namespace porpoise::engine {

struct JsonTableResponsePlan {
  sql::JsonTableResponse::Kind kind = sql::JsonTableResponse::Kind::kNull;
  types::JsonValue default_value;  // kDefault
};

struct JsonTableColumnPlan {
  sql::JsonTableColumn::Kind kind = sql::JsonTableColumn::Kind::kPath;
  size_t output = 0;                 // its result column (not kNested)
  types::JsonPath path;              // kPath, kExists, kNested
  JsonTableResponsePlan on_empty, on_error;
  std::vector<JsonTableColumnPlan> nested;  // kNested
  size_t first_output = 0, end_output = 0;  // kNested: the result columns it and its own fill
};

struct JsonTablePlan {
  std::string alias;
  types::JsonPath path;  // the row path
  std::vector<JsonTableColumnPlan> columns;
  // The result columns, in order: names and the schemas values are stored into.
  std::vector<std::string> names;
  std::vector<catalog::ColumnSchema> schemas;
};

// Checks `columns` (paths 3143, DEFAULT values 3141, names 1060) and plans them.
Result<JsonTablePlan> PlanJsonTable(const std::string& alias, const std::string& path,
                                    const std::vector<sql::JsonTableColumn>& columns);

// The most memory the rows of one document may take (3170 past it).
inline constexpr uint64_t kJsonTableRowBytes = uint64_t{256} << 20;

// The rows of `doc`, each a value per result column in its storage form. ERROR ON EMPTY /
// ON ERROR responses fail with 3665, 3666 or 3669. `check` is asked every few thousand rows
// whether to go on (KILL QUERY, max_execution_time): its error stops the rows.
Result<std::vector<std::vector<Value>>> JsonTableRows(const JsonTablePlan& plan,
                                                      const types::JsonValue& doc,
                                                      const std::function<Status()>& check);

}  // namespace porpoise::engine
