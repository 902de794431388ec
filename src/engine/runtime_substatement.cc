// pp_scalar(x): a scalar subquery's value (the one row's x, NULL for none), 1242 for a second
// row. pp_sub(n, args...) and pp_subm(n, args...): run sub-statement n of the running statement
// (emitter.h, sub_statement.h): its SQL "SELECT <expression>" with the call's arguments as
// ?1..?N and its own parameters from ?200; the value it selects is the call's result.
// pp_subm remembers its last arguments and result within a statement (its body is
// deterministic), so a subtree used twice is computed once. pp_benchmark runs one a given
// number of times (BENCHMARK). Prepared sub-statements are kept per connection, by text.
// (engine/)
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/runtime.h"
#include "engine/sqlite_functions.h"

namespace porpoise::engine {

struct SubStatementCache {
  struct Entry {
    std::string sql;
    sqlite3_stmt* stmt = nullptr;
    bool busy = false;  // stepping: a nested use of the same text prepares its own
  };
  // pp_subm's last arguments and result for one sub-statement, valid within the statement
  // that started at `micros`.
  struct Memory {
    bool valid = false;
    int64_t micros = 0;
    std::vector<Value> arguments;
    Value result;
  };

  ~SubStatementCache() {
    for (const std::unique_ptr<Entry>& entry : entries) sqlite3_finalize(entry->stmt);
  }

  // An idle prepared entry for `sql`, or nullptr with `error` set.
  Entry* Acquire(sqlite3* db, const std::string& sql, std::string* error) {
    for (const std::unique_ptr<Entry>& entry : entries) {
      if (!entry->busy && entry->sql == sql) return entry.get();
    }
    if (entries.size() >= kLimit) Trim();
    auto entry = std::make_unique<Entry>();
    entry->sql = sql;
    if (sqlite3_prepare_v2(db, entry->sql.c_str(), static_cast<int>(entry->sql.size()),
                           &entry->stmt, nullptr) != SQLITE_OK) {
      *error = sqlite3_errmsg(db);
      sqlite3_finalize(entry->stmt);
      return nullptr;
    }
    entries.push_back(std::move(entry));
    return entries.back().get();
  }

  // Drops the idle entries.
  void Trim() {
    std::vector<std::unique_ptr<Entry>> kept;
    for (std::unique_ptr<Entry>& entry : entries) {
      if (entry->busy) {
        kept.push_back(std::move(entry));
      } else {
        sqlite3_finalize(entry->stmt);
      }
    }
    entries = std::move(kept);
  }

  static constexpr size_t kLimit = 64;
  std::vector<std::unique_ptr<Entry>> entries;
  std::vector<Memory> memories;  // by sub-statement number
};

void BindSubStatement(sqlite3_stmt* stmt, const SubStatement& sub, int argc, sqlite3_value** argv) {
  for (int i = 0; i < argc; ++i) sqlite3_bind_value(stmt, i + 1, argv[i]);
  for (size_t i = 0; i < sub.parameters.size(); ++i) {
    int index = kSubStatementFirstParameter + static_cast<int>(i);
    const Value& value = sub.parameters[i];
    switch (value.kind) {
      case Value::Kind::kNull: sqlite3_bind_null(stmt, index); break;
      case Value::Kind::kInteger: sqlite3_bind_int64(stmt, index, value.integer); break;
      case Value::Kind::kDouble: sqlite3_bind_double(stmt, index, value.real); break;
      case Value::Kind::kText:
        sqlite3_bind_text(stmt, index, value.bytes.data(), static_cast<int>(value.bytes.size()),
                          SQLITE_STATIC);
        break;
      case Value::Kind::kBlob:
        sqlite3_bind_blob(stmt, index, value.bytes.data(), static_cast<int>(value.bytes.size()),
                          SQLITE_STATIC);
        break;
    }
  }
}

namespace {

bool SameValues(const std::vector<Value>& a, const std::vector<Value>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!SameValue(a[i], b[i])) return false;
  }
  return true;
}

// An idle prepared form of sub-statement `number` of the running statement (set in *sub), or
// nullptr with the call's error set.
SubStatementCache::Entry* PreparedSubStatement(sqlite3_context* context, FunctionHost* host,
                                               sqlite3_int64 number, const SubStatement** sub) {
  if (number < 0 || static_cast<size_t>(number) >= host->sub_statements.size()) {
    sqlite3_result_error(context, "unknown sub-statement", -1);
    return nullptr;
  }
  *sub = &host->sub_statements[static_cast<size_t>(number)];
  if (!host->sub_statement_cache) host->sub_statement_cache = std::make_shared<SubStatementCache>();
  std::string error;
  SubStatementCache::Entry* entry =
      host->sub_statement_cache->Acquire(sqlite3_context_db_handle(context), (*sub)->sql, &error);
  if (entry == nullptr) sqlite3_result_error(context, error.c_str(), -1);
  return entry;
}

template <bool kRemember>
void RunSubStatement(sqlite3_context* context, int argc, sqlite3_value** argv) {
  auto* host = static_cast<FunctionHost*>(sqlite3_user_data(context));
  sqlite3_int64 number = sqlite3_value_int64(argv[0]);
  if (number < 0 || static_cast<size_t>(number) >= host->sub_statements.size()) {
    sqlite3_result_error(context, "unknown sub-statement", -1);
    return;
  }
  if (!host->sub_statement_cache) host->sub_statement_cache = std::make_shared<SubStatementCache>();
  SubStatementCache& cache = *host->sub_statement_cache;
  std::vector<Value> arguments;
  SubStatementCache::Memory* memory = nullptr;
  if (kRemember) {
    if (cache.memories.size() <= static_cast<size_t>(number)) {
      cache.memories.resize(static_cast<size_t>(number) + 1);
    }
    memory = &cache.memories[static_cast<size_t>(number)];
    arguments.reserve(static_cast<size_t>(argc - 1));
    for (int i = 1; i < argc; ++i) arguments.push_back(ValueFrom(argv[i]));
    if (memory->valid && memory->micros == host->statement_micros &&
        SameValues(memory->arguments, arguments)) {
      ResultValue(context, memory->result);
      return;
    }
  }
  const SubStatement* sub = nullptr;
  SubStatementCache::Entry* entry = PreparedSubStatement(context, host, number, &sub);
  if (entry == nullptr) return;
  sqlite3* db = sqlite3_context_db_handle(context);
  sqlite3_stmt* stmt = entry->stmt;
  BindSubStatement(stmt, *sub, argc - 1, argv + 1);
  entry->busy = true;
  int rc = sqlite3_step(stmt);
  entry->busy = false;
  if (rc == SQLITE_ROW) {
    sqlite3_value* result = sqlite3_column_value(stmt, 0);
    if (memory != nullptr) {
      memory->result = ValueFrom(result);
      memory->arguments = std::move(arguments);
      memory->micros = host->statement_micros;
      memory->valid = true;
    }
    sqlite3_result_value(context, result);
    sqlite3_reset(stmt);
    return;
  }
  std::string message = rc == SQLITE_DONE ? std::string("sub-statement returned no row")
                                          : std::string(sqlite3_errmsg(db));
  sqlite3_reset(stmt);
  sqlite3_result_error(context, message.c_str(), -1);
}

// pp_benchmark(unsigned, count, n, inputs...): BENCHMARK(count, expr), expr being sub-statement
// n with its inputs (-1 when the emitter computed expr once in its place: see
// BoundExpr::runs_last_child). Runs it count times, stopping when the statement is killed, and
// answers 0; NULL for a NULL count, and with 1411 for a negative one.
void Benchmark(sqlite3_context* context, int argc, sqlite3_value** argv) {
  auto* host = static_cast<FunctionHost*>(sqlite3_user_data(context));
  if (argc < 3 || sqlite3_value_type(argv[1]) == SQLITE_NULL) return sqlite3_result_null(context);
  bool is_unsigned = sqlite3_value_int64(argv[0]) != 0;
  // A BIGINT UNSIGNED from 2^63 arrives as its 8 bytes: more runs than any statement lasts.
  int64_t count = sqlite3_value_type(argv[1]) == SQLITE_BLOB ? INT64_MAX : sqlite3_value_int64(argv[1]);
  if (!is_unsigned && count < 0) {
    host->warnings.push_back(
        Status::Error(ER_WRONG_VALUE_FOR_TYPE, "count", std::to_string(count), "benchmark"));
    return sqlite3_result_null(context);
  }
  sqlite3_int64 number = sqlite3_value_int64(argv[2]);
  if (number >= 0) {
    const SubStatement* sub = nullptr;
    SubStatementCache::Entry* entry = PreparedSubStatement(context, host, number, &sub);
    if (entry == nullptr) return;
    BindSubStatement(entry->stmt, *sub, argc - 3, argv + 3);
    entry->busy = true;
    for (int64_t run = 0; run < count && !host->interrupted.load(); ++run) {
      int rc = sqlite3_step(entry->stmt);
      if (rc != SQLITE_ROW) {
        std::string message = sqlite3_errmsg(sqlite3_context_db_handle(context));
        sqlite3_reset(entry->stmt);
        entry->busy = false;
        return sqlite3_result_error(context, message.c_str(), -1);
      }
      sqlite3_reset(entry->stmt);
    }
    entry->busy = false;
  }
  sqlite3_result_int(context, 0);
}

struct ScalarState {
  int64_t rows;
  sqlite3_value* value;
};

void ScalarStep(sqlite3_context* context, int, sqlite3_value** argv) {
  auto* state = static_cast<ScalarState*>(sqlite3_aggregate_context(context, sizeof(ScalarState)));
  if (state == nullptr) return sqlite3_result_error_nomem(context);
  if (++state->rows == 1) {
    state->value = sqlite3_value_dup(argv[0]);
    if (state->value == nullptr) sqlite3_result_error_nomem(context);
    return;
  }
  if (state->rows == 2) RaiseError(context, Status::Error(ER_SUBQUERY_NO_1_ROW));
}

void ScalarFinal(sqlite3_context* context) {
  auto* state = static_cast<ScalarState*>(sqlite3_aggregate_context(context, 0));
  if (state == nullptr || state->value == nullptr) return sqlite3_result_null(context);
  if (state->rows > 1) {
    RaiseError(context, Status::Error(ER_SUBQUERY_NO_1_ROW));
  } else {
    sqlite3_result_value(context, state->value);
  }
  sqlite3_value_free(state->value);
  state->value = nullptr;
}

// pp_sf(n, arguments...): a stored function's call, run by the session.
void CallStoredFunction(sqlite3_context* context, int argc, sqlite3_value** argv) {
  auto* host = static_cast<FunctionHost*>(sqlite3_user_data(context));
  if (argc < 1 || !host->call_stored_function) {
    sqlite3_result_error(context, "stored function call without a session", -1);
    return;
  }
  std::vector<Value> arguments;
  arguments.reserve(static_cast<size_t>(argc - 1));
  for (int i = 1; i < argc; ++i) arguments.push_back(ValueFrom(argv[i]));
  Result<Value> result =
      host->call_stored_function(static_cast<size_t>(sqlite3_value_int64(argv[0])), arguments);
  if (!result.ok()) return RaiseError(context, result.status());
  ResultValue(context, result.value());
}

// pp_var(depth, index): a stored program's variable, read when the statement runs (so a
// statement bound once reads each new value).
void ProgramVariableValue(sqlite3_context* context, int argc, sqlite3_value** argv) {
  auto* host = static_cast<FunctionHost*>(sqlite3_user_data(context));
  if (argc != 2 || !host->program_value) return sqlite3_result_null(context);
  ResultValue(context, host->program_value(sqlite3_value_int64(argv[0]), sqlite3_value_int64(argv[1])));
}

}  // namespace

Status RegisterSubStatementRuntime(sqlite3* db, FunctionHost* host) {
  int rc = sqlite3_create_function_v2(db, "pp_scalar", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                      host, nullptr, ScalarStep, ScalarFinal, nullptr);
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_function_v2(db, "pp_sub", -1, SQLITE_UTF8, host,
                                    RunSubStatement<false>, nullptr, nullptr, nullptr);
  }
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_function_v2(db, "pp_subm", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, host,
                                    RunSubStatement<true>, nullptr, nullptr, nullptr);
  }
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_function_v2(db, "pp_benchmark", -1, SQLITE_UTF8, host, Benchmark,
                                    nullptr, nullptr, nullptr);
  }
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_function_v2(db, "pp_sf", -1, SQLITE_UTF8, host, CallStoredFunction,
                                    nullptr, nullptr, nullptr);
  }
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_function_v2(db, "pp_var", 2, SQLITE_UTF8, host, ProgramVariableValue,
                                    nullptr, nullptr, nullptr);
  }
  return rc == SQLITE_OK ? Status::OK() : Status::Error(ER_UNKNOWN_ERROR);
}

}  // namespace porpoise::engine
