// The SQLite functions that give SQLite MySQL's meaning: the typed runtime (runtime.h) and the
// older string and date functions, NOW() fixed per statement, and the per-column value check
// UPDATE runs through. Registered on every session connection. (engine/)
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <memory>
#include <vector>

#include "catalog/table_schema.h"
#include "common/status.h"
#include "engine/sub_statement.h"
#include "engine/value.h"
#include "types/locale.h"

struct sqlite3;

namespace porpoise::engine {

class GlobalVariables;

// What a division by zero does (ERROR_FOR_DIVISION_BY_ZERO and strict mode decide).
enum class DivisionByZeroMode : uint8_t { kSilent, kWarn, kError };

struct SubStatementCache;

// Per-session state the registered functions consult. Owned by the session, which outlives
// its connection's use of it.
struct FunctionHost {
  int64_t statement_micros = 0;       // NOW() of the running statement (unix microseconds)
  // The session's time_zone: NOW(), FROM_UNIXTIME, UNIX_TIMESTAMP(value) read the wall clock
  // in it. Set per statement by the session.
  std::shared_ptr<const types::TimeZone> time_zone = types::TimeZone::Utc();
  // The session's lc_time_names: the names DATE_FORMAT, MONTHNAME and DAYNAME write (null:
  // en_US). Set per statement by the session.
  const types::Locale* time_names = nullptr;
  std::atomic<bool> interrupted{false};  // set by KILL QUERY; SLEEP() returns early
  // mysql_store(value, i): converts value into store_columns[i] (UPDATE ... SET).
  std::vector<const catalog::ColumnSchema*> store_columns;
  CoerceContext store_context;
  std::vector<Status> store_warnings;
  Status store_error;  // the first conversion failure of the statement
  // Set per statement by the session; read by the runtime_*.cc functions.
  DivisionByZeroMode division_by_zero = DivisionByZeroMode::kWarn;
  // max_execution_time: when the running SELECT must stop (steady clock, microseconds since
  // its epoch; 0: never); SQLite's progress handler sets timed_out and interrupts it (3024).
  int64_t deadline_micros = 0;
  bool timed_out = false;
  // The server's global variables (regexp_time_limit and regexp_stack_limit are read when a
  // REGEXP pattern is compiled); null in tests, which get the defaults.
  const GlobalVariables* globals = nullptr;
  // The session's max_allowed_packet: the longest string a function may return (1301).
  uint64_t max_allowed_packet = 64 * 1024 * 1024;
  std::vector<Status> warnings;  // warnings raised while the statement ran
  Status error;                  // the first error a function raised (RaiseError)
  // The running statement's sub-statements (emitter.h), registered as it is prepared, and
  // pp_sub's prepared forms of them (runtime_substatement.cc), made on first use.
  std::vector<SubStatement> sub_statements;
  std::shared_ptr<SubStatementCache> sub_statement_cache;
  // pp_sf(n, arguments...): runs stored function n of the running statement (the session's
  // TranslatorContext::stored_calls) on the arguments, in their physical forms.
  std::function<Result<Value>(size_t, const std::vector<Value>&)> call_stored_function;
  // pp_var(depth, index): the value of the running stored program's variable `index` of
  // block `depth`, or (depth -1 / -2) column `index` of a trigger's NEW / OLD row.
  std::function<Value(int64_t, int64_t)> program_value;
  // The session's user variables (keys lower case), which @v := x writes and, in a statement
  // that assigns one, every @v reads while the statement runs.
  std::map<std::string, Value>* user_variables = nullptr;
  // LAST_INSERT_ID(x) of the running statement: what LAST_INSERT_ID() gives afterwards.
  std::optional<uint64_t> last_insert_id;
  // mysql_user_lock(op, [name, [timeout]]): GET_LOCK (0), RELEASE_LOCK (1), IS_FREE_LOCK (2),
  // IS_USED_LOCK (3), RELEASE_ALL_LOCKS (4) for the session's connection.
  std::function<Result<Value>(int, std::string_view, double)> user_lock;
  std::function<bool(uint64_t)> connection_exists;  // PS_THREAD_ID: is that connection open
  // LOAD_FILE(path): where the file named `path` is when the session may read it (the FILE
  // privilege, secure_file_priv; a relative name is in the datadir), nullopt when it may not.
  std::function<std::optional<std::string>(const std::string&)> server_file_path;
  // ROLES_GRAPHML(): the role graph as GraphML for an account with ROLE_ADMIN or SUPER, an
  // empty <graphml /> document for others.
  std::function<std::string()> roles_graphml;
  // pp_param(i): the value of a kept prepared statement's `?` number i in this execution
  // (the physical form of the literal it stands for).
  std::vector<Value> statement_parameters;
  // mysql_query_attribute(name): the attributes of the running command (CLIENT_QUERY_ATTRIBUTES),
  // in order, each name and its value as text (nullopt: NULL).
  std::vector<std::pair<std::string, std::optional<std::string>>> query_attributes;
  // GROUP_CONCAT results made so far by the running statement (1260 names the row).
  uint32_t group_concat_rows = 0;
  // The row a warning's "at row N" names: 1 + the rows the running SELECT has sent, as MySQL
  // counts them (select-list values are computed as each row is sent).
  uint64_t condition_row = 1;
};

// Whether the running statement's max_execution_time has passed (setting timed_out): what
// SQLite's progress handler asks between steps, for work done outside them.
bool PastDeadline(FunctionHost& host);

// Registers everything on `db`. `host` must outlive the connection.
Status RegisterSqliteFunctions(sqlite3* db, FunctionHost* host);

// Case- and accent-insensitive comparison of UTF-8 text (FIND_IN_SET's): <0, 0, >0.
int CompareCaseInsensitive(std::string_view a, std::string_view b);

}  // namespace porpoise::engine
