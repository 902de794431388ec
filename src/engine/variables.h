// System-variable values: the server-wide GLOBAL values and each session's SESSION values,
// with MySQL's scope, read-only and DEFAULT rules over catalog/system_variables.h. (engine/)
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/system_variables.h"
#include "common/status.h"
#include "sql/ast/expression.h"

namespace porpoise::engine {

// Where a variable's value came from, as performance_schema.variables_info reports it:
// COMPILED (the default), COMMAND_LINE, GLOBAL / SERVER / EXPLICIT / EXTRA / USER (an option
// file, named by `path`), DYNAMIC (SET at runtime, with when and by whom).
struct VariableOrigin {
  std::string source = "COMPILED";
  std::string path;
  std::string set_time;  // "YYYY-MM-DD hh:mm:ss.ffffff" (UTC) for DYNAMIC, else ""
  std::string set_user, set_host;
};

// The GLOBAL values of every system variable, starting from the table defaults.
// Thread-safety: every method may be called from any thread (one internal mutex).
// MySQL 8.4 has no tx_isolation, tx_read_only or query_cache_* (removed in 8.0): they are
// unknown here too (1193), as they are to a MySQL 8.4 server.
class GlobalVariables {
 public:
  GlobalVariables();  // table defaults
  GlobalVariables(const GlobalVariables&) = delete;
  GlobalVariables& operator=(const GlobalVariables&) = delete;

  // Startup value (trusted: from option files, the command line or the daemon itself). Any
  // variable may be set this way, read-only ones included (port, datadir, version, hostname);
  // which names users may give as options is the caller's business (SystemVariable::option).
  // Integers accept MySQL's K/M/G/T/P/E size suffixes. Unknown names give 1193; bad values
  // 1231/1232; out-of-range integers are clamped.
  Status SetFromOption(std::string_view name, std::string_view value);

  // The global value; 1193 for an unknown name, 1238 "is a SESSION variable" for session-only.
  Result<std::string> Get(std::string_view name) const;

  // SET GLOBAL name = value; nullopt is DEFAULT (the compiled default). Errors: 1193 unknown,
  // 1238 "Variable 'x' is a read only variable", 1228 session-only, 1231/1232 bad value.
  // Out-of-range integers are clamped; the 1292 warning goes to *warnings when given.
  Status Set(std::string_view name, std::optional<std::string> value,
             std::vector<Status>* warnings = nullptr);

  // Convenience readers for server code: the global value as a number / boolean; 0 / false for
  // unknown or non-numeric values.
  uint64_t GetUnsigned(std::string_view name) const;
  bool GetBool(std::string_view name) const;

  // Counts the changes of global values: a reader of one may skip reading it while this is
  // unchanged.
  uint64_t changes() const { return changes_.load(std::memory_order_acquire); }

  // Every global-scope variable (GLOBAL and BOTH) with its value, in table (name) order.
  std::vector<std::pair<std::string, std::string>> Snapshot() const;
  // Records where the global value of `name` came from; unknown names are
  // ignored. Origins(), indexed like AllSystemVariables(), reads them all.
  void SetOrigin(std::string_view name, VariableOrigin origin);
  std::vector<VariableOrigin> Origins() const;

 private:
  friend class SessionVariables;
  // Values by table index (AllSystemVariables() order), for sessions.
  std::string ValueAt(size_t index) const;
  std::vector<std::string> AllValues() const;
  void StoreLocked(size_t index, std::string value);  // REQUIRES: mutex_ held

  mutable std::mutex mutex_;
  std::vector<std::string> values_;  // GUARDED_BY(mutex_); indexed like AllSystemVariables()
  std::vector<VariableOrigin> origins_;  // GUARDED_BY(mutex_); the same
  std::atomic<uint64_t> changes_{0};
};

// One session's view of the system variables: SESSION values start from the GLOBAL ones.
// Thread-safety: owned by one session; not synchronised (globals it reaches are).
// REQUIRES: `globals` outlives this object.
class SessionVariables {
 public:
  explicit SessionVariables(GlobalVariables& globals);
  SessionVariables(const SessionVariables&) = delete;
  SessionVariables& operator=(const SessionVariables&) = delete;

  // SELECT @@x (kDefault: the session value, or the global one for global-only variables),
  // @@session.x (1238 "Variable 'x' is a GLOBAL variable" for global-only), @@global.x (1238
  // "Variable 'x' is a SESSION variable" for session-only). Unknown names give 1193.
  // kPersist/kPersistOnly read like kGlobal; kUser is not a system-variable scope (1193).
  Result<std::string> Get(std::string_view name, sql::VariableScope scope) const;

  // SET x / SET SESSION x / SET GLOBAL x (GLOBAL, PERSIST and PERSIST_ONLY go to the globals).
  // nullopt is DEFAULT: a session value takes the current global value, a global value the
  // compiled default. Errors: 1193 unknown; 1238 "is a read only variable"; 1229 session SET of
  // a global-only variable; 1228 SET GLOBAL of a session-only one; 1621 for variables whose
  // session value is read-only (max_allowed_packet, net_buffer_length); 1231/1232 bad values.
  // Out-of-range integers are clamped with a 1292 warning appended to *warnings when given.
  Status Set(std::string_view name, sql::VariableScope scope, std::optional<std::string> value,
             std::vector<Status>* warnings = nullptr);

  // Values the server maintains itself (warning_count, error_count, ...), bypassing the
  // read-only check. Unknown or global-only names are ignored.
  void SetInternal(std::string_view name, std::string value);

  // The table entry (case-insensitive, '-' accepted), or nullptr.
  const catalog::SystemVariable* Find(std::string_view name) const;

  // SHOW [GLOBAL|SESSION] VARIABLES [LIKE 'pattern']: name/value pairs sorted by name. LIKE is
  // case-insensitive with % and _ (and \ escaping them). SESSION lists every variable (global-only
  // ones with their global value); GLOBAL lists the global-scope ones.
  std::vector<std::pair<std::string, std::string>> Show(
      bool global, std::optional<std::string_view> like) const;

  // COM_RESET_CONNECTION / COM_CHANGE_USER: every session value back to the current global.
  void Reset();
  // Counts the changes of session values: what was bound under one value of it may be kept.
  uint64_t generation() const { return generation_; }

  // Typed accessors for the engine and server (session values).
  bool autocommit() const;
  const std::string& sql_mode() const;
  uint32_t wait_timeout() const;
  uint32_t interactive_timeout() const;
  uint64_t max_allowed_packet() const;
  std::string transaction_isolation() const;  // "REPEATABLE-READ", ...
  bool transaction_read_only() const;
  bool foreign_key_checks() const;
  bool unique_checks() const;
  bool sql_auto_is_null() const;
  bool sql_safe_updates() const;
  bool sql_notes() const;  // OFF: notes are not recorded (nor counted)
  uint64_t sql_select_limit() const;
  uint64_t max_execution_time() const;  // milliseconds, 0: none
  uint64_t innodb_lock_wait_timeout() const;  // seconds
  uint64_t lock_wait_timeout() const;         // seconds
  uint64_t write_lock_idle_timeout() const;   // seconds
  std::string time_zone() const;
  std::string lc_time_names() const;  // a locale's name, as SET checked it
  std::string character_set_client() const;
  std::string character_set_results() const;
  std::string collation_connection() const;
  uint32_t div_precision_increment() const;
  size_t max_error_count() const;  // diagnostics kept per statement (SHOW WARNINGS)
  uint64_t parser_max_mem_size() const;
  uint64_t auto_increment_increment() const;
  uint64_t auto_increment_offset() const;

  GlobalVariables& globals() const { return globals_; }

 private:
  // The session value of a SESSION/BOTH variable ("" for unknown names).
  const std::string& SessionValue(const catalog::SystemVariable* variable) const;
  uint64_t SessionUnsigned(const catalog::SystemVariable* variable) const;
  bool SessionBool(const catalog::SystemVariable* variable) const;

  GlobalVariables& globals_;
  // Indexed like AllSystemVariables(); only entries of SESSION/BOTH variables are meaningful.
  std::vector<std::string> values_;
  uint64_t generation_ = 0;
};

// "64M" -> "67108864" (K, M, G, T, P, E; case-insensitive); other text is returned unchanged.
std::string ExpandSizeSuffix(std::string_view value);

// Case-insensitive SQL LIKE with % and _ and backslash escapes (SHOW ... LIKE).
bool MatchesLikePattern(std::string_view text, std::string_view pattern);

}  // namespace porpoise::engine
