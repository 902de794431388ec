// The table functions: eponymous virtual tables the emitter calls in a FROM clause, whose
// arguments may read the tables before them (SQLite evaluates them per row of those).
//   pp_lateral(n, a1, ..., ak): the rows of sub-statement n of the running statement (a
//     LATERAL derived table's query, sub_statement.h) with a1..ak as its ?1..?k;
//   pp_json_table(doc, tag, spec): JSON_TABLE's rows of `doc` (tag 'j': a JSON value, else
//     JSON text), `spec` its 'path' COLUMNS (...) as the printer writes it (json_table.h).
// Both declare kColumns result columns c0, c1, ...; the binder reads the ones the query has.
// (engine/)
#include <sqlite3.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "common/error_codes.h"
#include "engine/json_table.h"
#include "engine/runtime.h"
#include "engine/sqlite_functions.h"
#include "engine/sub_statement.h"
#include "sql/parser.h"

namespace porpoise::engine {
namespace {

constexpr int kColumns = 1000;

struct TableFunction : sqlite3_vtab {
  FunctionHost* host = nullptr;
  sqlite3* db = nullptr;
  bool lateral = false;
  int arguments = 0;  // hidden columns after the kColumns result columns
};

struct Cursor : sqlite3_vtab_cursor {
  std::vector<Value> arguments;  // the hidden columns' values
  sqlite3_int64 rowid = 0;
  bool eof = true;
  // pp_lateral: the prepared sub-statement, kept across filters.
  sqlite3_stmt* stmt = nullptr;
  std::string stmt_sql;
  // pp_json_table: the plan of the last spec, and the rows of the last document.
  std::string spec;
  std::unique_ptr<JsonTablePlan> plan;
  std::vector<std::vector<Value>> rows;
};

TableFunction* Table(sqlite3_vtab_cursor* cursor) {
  return static_cast<TableFunction*>(cursor->pVtab);
}

// Fails the statement with SQLite's error `message` (a sub-statement's failure, which has
// recorded its MySQL error already when it had one).
int Fail(sqlite3_vtab_cursor* cursor, const std::string& message) {
  TableFunction* table = Table(cursor);
  sqlite3_free(table->zErrMsg);
  table->zErrMsg = sqlite3_mprintf("%s", message.c_str());
  return SQLITE_ERROR;
}

// Fails the statement with `status` as its error (the first one raised wins, as RaiseError's).
int Fail(sqlite3_vtab_cursor* cursor, Status status) {
  std::string message = status.message();
  FunctionHost* host = Table(cursor)->host;
  if (host->error.ok()) host->error = std::move(status);
  return Fail(cursor, message);
}

int Connect(sqlite3* db, void* aux, int argc, const char* const* argv, sqlite3_vtab** out,
            char** error) {
  (void)argc;
  (void)error;
  auto* table = new TableFunction();
  table->host = static_cast<FunctionHost*>(aux);
  table->db = db;
  table->lateral = std::string_view(argv[0]) == "pp_lateral";
  table->arguments = table->lateral ? 1 + kSubStatementFirstParameter - 1 : 3;
  std::string schema = "CREATE TABLE x(";
  for (int i = 0; i < kColumns; ++i) schema += "c" + std::to_string(i) + ",";
  for (int i = 0; i < table->arguments; ++i) {
    schema += (i > 0 ? ",a" : "a") + std::to_string(i) + " HIDDEN";
  }
  schema += ")";
  int rc = sqlite3_declare_vtab(db, schema.c_str());
  if (rc != SQLITE_OK) {
    delete table;
    return rc;
  }
  *out = table;
  return SQLITE_OK;
}

int Disconnect(sqlite3_vtab* vtab) {
  delete static_cast<TableFunction*>(vtab);
  return SQLITE_OK;
}

// The arguments are equality constraints on the hidden columns, from the first on: each must
// be usable (its value known), or this plan cannot run.
int BestIndex(sqlite3_vtab* vtab, sqlite3_index_info* info) {
  (void)vtab;
  int count = 0;
  int highest = -1;
  for (int i = 0; i < info->nConstraint; ++i) {
    const auto& constraint = info->aConstraint[i];
    if (constraint.iColumn < kColumns) continue;
    if (!constraint.usable || constraint.op != SQLITE_INDEX_CONSTRAINT_EQ) return SQLITE_CONSTRAINT;
    int position = constraint.iColumn - kColumns;
    info->aConstraintUsage[i].argvIndex = position + 1;
    info->aConstraintUsage[i].omit = 1;
    highest = std::max(highest, position);
    ++count;
  }
  if (count == 0 || count != highest + 1) return SQLITE_CONSTRAINT;
  info->idxNum = count;
  info->estimatedCost = 100;
  info->estimatedRows = 10;
  return SQLITE_OK;
}

int Open(sqlite3_vtab* vtab, sqlite3_vtab_cursor** out) {
  (void)vtab;
  *out = new Cursor();
  return SQLITE_OK;
}

int Close(sqlite3_vtab_cursor* base) {
  auto* cursor = static_cast<Cursor*>(base);
  sqlite3_finalize(cursor->stmt);
  delete cursor;
  return SQLITE_OK;
}

int StepLateral(Cursor* cursor) {
  int rc = sqlite3_step(cursor->stmt);
  if (rc == SQLITE_ROW) {
    cursor->eof = false;
    return SQLITE_OK;
  }
  cursor->eof = true;
  if (rc == SQLITE_DONE) return SQLITE_OK;
  // KILL QUERY or max_execution_time: the statement around stops as interrupted too.
  if (rc == SQLITE_INTERRUPT) {
    sqlite3_reset(cursor->stmt);
    return SQLITE_INTERRUPT;
  }
  TableFunction* table = Table(cursor);
  std::string message = sqlite3_errmsg(table->db);
  sqlite3_reset(cursor->stmt);
  return Fail(cursor, message);
}

int FilterLateral(Cursor* cursor, int argc, sqlite3_value** argv) {
  TableFunction* table = Table(cursor);
  sqlite3_int64 number = sqlite3_value_int64(argv[0]);
  if (number < 0 || static_cast<size_t>(number) >= table->host->sub_statements.size()) {
    return Fail(cursor, std::string("unknown sub-statement"));
  }
  const SubStatement& sub = table->host->sub_statements[static_cast<size_t>(number)];
  if (cursor->stmt == nullptr || cursor->stmt_sql != sub.sql) {
    sqlite3_finalize(cursor->stmt);
    cursor->stmt = nullptr;
    cursor->stmt_sql = sub.sql;
    if (sqlite3_prepare_v2(table->db, sub.sql.c_str(), static_cast<int>(sub.sql.size()),
                           &cursor->stmt, nullptr) != SQLITE_OK) {
      return Fail(cursor, std::string(sqlite3_errmsg(table->db)));
    }
  } else {
    sqlite3_reset(cursor->stmt);
    sqlite3_clear_bindings(cursor->stmt);
  }
  BindSubStatement(cursor->stmt, sub, argc - 1, argv + 1);
  return StepLateral(cursor);
}

int FilterJsonTable(Cursor* cursor, sqlite3_value** argv) {
  cursor->rows.clear();
  std::string_view spec = BytesOf(argv[2]);
  if (!cursor->plan || cursor->spec != spec) {
    cursor->spec = std::string(spec);
    std::string text = "SELECT * FROM JSON_TABLE(NULL, " + cursor->spec + ") AS t";
    Result<sql::StatementPtr> parsed = sql::ParseOne(text);
    if (!parsed.ok()) return Fail(cursor, parsed.status());
    const auto& select = static_cast<const sql::SelectStatement&>(*parsed.value());
    const sql::TableRef& ref = *select.from[0];
    Result<JsonTablePlan> plan = PlanJsonTable(ref.alias, ref.json_path, ref.json_columns);
    if (!plan.ok()) return Fail(cursor, plan.status());
    cursor->plan = std::make_unique<JsonTablePlan>(std::move(plan).value());
  }
  if (sqlite3_value_type(argv[0]) != SQLITE_NULL) {
    types::JsonValue doc;
    types::JsonParseError error;
    bool too_deep = false;
    types::JsonNumbers numbers = BytesOf(argv[1]) == "j" ? types::JsonNumbers::kPrinted
                                                         : types::JsonNumbers::kDouble;
    if (!types::ParseJson(BytesOf(argv[0]), &doc, &error, &too_deep, numbers)) {
      if (too_deep) return Fail(cursor, Status::Error(ER_JSON_DOCUMENT_TOO_DEEP));
      return Fail(cursor, Status::Error(ER_INVALID_JSON_TEXT_IN_PARAM, 1,
                                        std::string("json_table"), error.message,
                                        error.offset, ""));
    }
    FunctionHost* host = Table(cursor)->host;
    // Stopped as the statement is, by KILL QUERY or max_execution_time (which SQLite's
    // progress handler cannot check while no statement steps).
    auto check = [host]() -> Status {
      if (PastDeadline(*host) || host->timed_out) return Status::Error(ER_QUERY_TIMEOUT);
      if (host->interrupted.load()) return Status::Error(ER_QUERY_INTERRUPTED);
      return Status::OK();
    };
    Result<std::vector<std::vector<Value>>> rows = JsonTableRows(*cursor->plan, doc, check);
    if (!rows.ok()) return Fail(cursor, rows.status());
    cursor->rows = std::move(rows).value();
  }
  cursor->eof = cursor->rows.empty();
  return SQLITE_OK;
}

int Filter(sqlite3_vtab_cursor* base, int count, const char* unused, int argc,
           sqlite3_value** argv) {
  (void)count;
  (void)unused;
  auto* cursor = static_cast<Cursor*>(base);
  cursor->rowid = 0;
  cursor->arguments.clear();
  for (int i = 0; i < argc; ++i) cursor->arguments.push_back(ValueFrom(argv[i]));
  if (Table(base)->lateral) {
    if (argc < 1) return Fail(base, std::string("pp_lateral arguments"));
    return FilterLateral(cursor, argc, argv);
  }
  if (argc != 3) return Fail(base, std::string("pp_json_table arguments"));
  return FilterJsonTable(cursor, argv);
}

int Next(sqlite3_vtab_cursor* base) {
  auto* cursor = static_cast<Cursor*>(base);
  ++cursor->rowid;
  if (Table(base)->lateral) return StepLateral(cursor);
  cursor->eof = static_cast<size_t>(cursor->rowid) >= cursor->rows.size();
  return SQLITE_OK;
}

int Eof(sqlite3_vtab_cursor* base) { return static_cast<Cursor*>(base)->eof ? 1 : 0; }

int Column(sqlite3_vtab_cursor* base, sqlite3_context* context, int column) {
  auto* cursor = static_cast<Cursor*>(base);
  if (column >= kColumns) {
    size_t argument = static_cast<size_t>(column - kColumns);
    if (argument < cursor->arguments.size()) ResultValue(context, cursor->arguments[argument]);
    return SQLITE_OK;
  }
  if (Table(base)->lateral) {
    if (column < sqlite3_column_count(cursor->stmt)) {
      sqlite3_result_value(context, sqlite3_column_value(cursor->stmt, column));
    }
    return SQLITE_OK;
  }
  const std::vector<Value>& row = cursor->rows[static_cast<size_t>(cursor->rowid)];
  if (static_cast<size_t>(column) < row.size()) ResultValue(context, row[static_cast<size_t>(column)]);
  return SQLITE_OK;
}

int Rowid(sqlite3_vtab_cursor* base, sqlite3_int64* rowid) {
  *rowid = static_cast<Cursor*>(base)->rowid;
  return SQLITE_OK;
}

const sqlite3_module kModule = {
    /*iVersion=*/0,
    /*xCreate=*/nullptr,
    /*xConnect=*/Connect,
    /*xBestIndex=*/BestIndex,
    /*xDisconnect=*/Disconnect,
    /*xDestroy=*/nullptr,
    /*xOpen=*/Open,
    /*xClose=*/Close,
    /*xFilter=*/Filter,
    /*xNext=*/Next,
    /*xEof=*/Eof,
    /*xColumn=*/Column,
    /*xRowid=*/Rowid,
    /*xUpdate=*/nullptr,
    /*xBegin=*/nullptr,
    /*xSync=*/nullptr,
    /*xCommit=*/nullptr,
    /*xRollback=*/nullptr,
    /*xFindFunction=*/nullptr,
    /*xRename=*/nullptr,
    /*xSavepoint=*/nullptr,
    /*xRelease=*/nullptr,
    /*xRollbackTo=*/nullptr,
    /*xShadowName=*/nullptr,
};

}  // namespace

Status RegisterTableFunctions(sqlite3* db, FunctionHost* host) {
  for (const char* name : {"pp_lateral", "pp_json_table"}) {
    if (sqlite3_create_module_v2(db, name, &kModule, host, nullptr) != SQLITE_OK) {
      return Status::Error(ER_UNKNOWN_ERROR);
    }
  }
  return Status::OK();
}

}  // namespace porpoise::engine
