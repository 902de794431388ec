// The system-variable table (one entry per MySQL 8.4 variable we expose, sorted by name) and
// value normalisation for SET and option files. (catalog/)
#include "catalog/system_variables.h"
#include "catalog/charsets.h"
#include "common/compression_policy.h"
#include "common/strings.h"
#include "types/locale.h"
#include "types/time_zone.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <unordered_map>
#include <vector>

namespace porpoise::catalog {
namespace {

constexpr VariableScope kG = VariableScope::kGlobal;
constexpr VariableScope kS = VariableScope::kSession;
constexpr VariableScope kB = VariableScope::kBoth;

constexpr uint64_t kU64Max = std::numeric_limits<uint64_t>::max();
constexpr uint64_t kU32Max = std::numeric_limits<uint32_t>::max();
constexpr uint64_t kYearSeconds = 31536000;

// Table builders, so each entry fits on a line. `dynamic` = SET-table, `option` = startup option.
constexpr SystemVariable Bool(std::string_view name, VariableScope scope, std::string_view def,
                              bool dynamic, bool option) {
  return {name, scope, VariableType::kBool, def, dynamic, option, 0, 1, {}};
}
constexpr SystemVariable Unsigned(std::string_view name, VariableScope scope,
                                  std::string_view def, bool dynamic, bool option, int64_t min,
                                  uint64_t max) {
  return {name, scope, VariableType::kUnsigned, def, dynamic, option, min, max, {}};
}
constexpr SystemVariable String(std::string_view name, VariableScope scope, std::string_view def,
                                bool dynamic, bool option) {
  return {name, scope, VariableType::kString, def, dynamic, option, 0, 0, {}};
}
constexpr SystemVariable Enum(std::string_view name, VariableScope scope, std::string_view def,
                              bool dynamic, bool option, std::string_view allowed) {
  return {name, scope, VariableType::kEnum, def, dynamic, option, 0, 0, allowed};
}
constexpr SystemVariable Double(std::string_view name, VariableScope scope, std::string_view def,
                                bool dynamic, bool option, int64_t min, uint64_t max) {
  return {name, scope, VariableType::kDouble, def, dynamic, option, min, max, {}};
}

constexpr std::string_view kIsolationLevels =
    "READ-UNCOMMITTED,READ-COMMITTED,REPEATABLE-READ,SERIALIZABLE";
constexpr std::string_view kSqlModes =
    "REAL_AS_FLOAT,PIPES_AS_CONCAT,ANSI_QUOTES,IGNORE_SPACE,ONLY_FULL_GROUP_BY,"
    "NO_UNSIGNED_SUBTRACTION,NO_DIR_IN_CREATE,ANSI,NO_AUTO_VALUE_ON_ZERO,NO_BACKSLASH_ESCAPES,"
    "STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ALLOW_INVALID_DATES,"
    "ERROR_FOR_DIVISION_BY_ZERO,TRADITIONAL,HIGH_NOT_PRECEDENCE,NO_ENGINE_SUBSTITUTION,"
    "PAD_CHAR_TO_FULL_LENGTH,TIME_TRUNCATE_FRACTIONAL";
constexpr std::string_view kDefaultSqlMode =
    "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
    "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";

// Sorted by name (a unit test checks it). Values and limits follow MySQL 8.4's documentation;
// paths and version strings are Porpoise's and are overwritten at startup where they vary.
constexpr SystemVariable kVariables[] = {
    Bool("activate_all_roles_on_login", kG, "OFF", true, true),
    String("admin_address", kG, "", false, true),
    Unsigned("admin_port", kG, "33062", false, true, 0, 65535),
    // Porpoise's audit log (daemon/audit_log.h).
    Bool("audit_log", kG, "OFF", true, true),
    String("audit_log_file", kG, "audit.log", true, true),
    String("authentication_policy", kG, "*,,", true, true),
    Unsigned("auto_increment_increment", kB, "1", true, true, 1, 65535),
    Unsigned("auto_increment_offset", kB, "1", true, true, 1, 65535),
    Bool("autocommit", kB, "ON", true, true),
    Bool("automatic_sp_privileges", kG, "ON", true, true),
    Unsigned("back_log", kG, "151", false, true, 1, 65535),
    String("basedir", kG, "/usr/", false, true),
    Bool("big_tables", kB, "OFF", true, true),
    String("bind_address", kG, "127.0.0.1", false, true),
    Enum("binlog_format", kB, "ROW", true, true, "MIXED,STATEMENT,ROW"),
    String("block_encryption_mode", kB, "aes-128-ecb", true, true),
    String("character_set_client", kB, "utf8mb4", true, false),
    String("character_set_connection", kB, "utf8mb4", true, false),
    String("character_set_database", kB, "utf8mb4", true, false),
    String("character_set_filesystem", kB, "binary", true, true),
    String("character_set_results", kB, "utf8mb4", true, false),
    String("character_set_server", kB, "utf8mb4", true, true),
    String("character_set_system", kG, "utf8mb3", false, false),
    String("character_sets_dir", kG, "/usr/share/porpoise/charsets/", false, true),
    String("collation_connection", kB, "utf8mb4_0900_ai_ci", true, false),
    String("collation_database", kB, "utf8mb4_0900_ai_ci", true, false),
    String("collation_server", kB, "utf8mb4_0900_ai_ci", true, true),
    Enum("completion_type", kB, "NO_CHAIN", true, true, "NO_CHAIN,CHAIN,RELEASE"),
    Enum("concurrent_insert", kG, "AUTO", true, true, "NEVER,AUTO,ALWAYS"),
    Unsigned("connect_timeout", kG, "10", true, true, 2, kYearSeconds),
    // MySQL's connection_control plugin, built in and on: logins after this many failures in
    // a row from one 'user'@'host' are answered later and later.
    Unsigned("connection_control_failed_connections_threshold", kG, "3", true, true, 0, 2147483647),
    Unsigned("connection_control_max_connection_delay", kG, "2147483647", true, true, 1000, 2147483647),
    Unsigned("connection_control_min_connection_delay", kG, "1000", true, true, 1000, 2147483647),
    Unsigned("cte_max_recursion_depth", kB, "1000", true, true, 0, kU32Max),
    String("datadir", kG, "", false, true),
    Enum("default_authentication_plugin", kG, "caching_sha2_password", false, true,
         "mysql_native_password,sha256_password,caching_sha2_password"),
    Enum("default_collation_for_utf8mb4", kB, "utf8mb4_0900_ai_ci", true, false,
         "utf8mb4_general_ci,utf8mb4_0900_ai_ci"),
    Unsigned("default_password_lifetime", kG, "0", true, true, 0, 65535),
    String("default_storage_engine", kB, "InnoDB", true, true),
    String("default_tmp_storage_engine", kB, "InnoDB", true, true),
    Unsigned("default_week_format", kB, "0", true, true, 0, 7),
    Bool("disconnect_on_expired_password", kG, "ON", false, true),
    Unsigned("div_precision_increment", kB, "4", true, true, 0, 30),
    Unsigned("error_count", kS, "0", false, false, 0, kU64Max),
    Enum("event_scheduler", kG, "OFF", true, true, "ON,OFF,DISABLED"),
    Bool("explicit_defaults_for_timestamp", kB, "ON", true, true),
    Bool("foreign_key_checks", kB, "ON", true, false),
    Bool("general_log", kG, "OFF", true, true),
    String("general_log_file", kG, "general.log", true, true),
    Unsigned("group_concat_max_len", kB, "1024", true, true, 4, kU64Max),
    Enum("gtid_mode", kG, "OFF", true, true, "OFF,OFF_PERMISSIVE,ON_PERMISSIVE,ON"),
    String("have_openssl", kG, "YES", false, false),
    String("have_ssl", kG, "YES", false, false),
    String("hostname", kG, "localhost", false, false),
    Unsigned("information_schema_stats_expiry", kB, "86400", true, true, 0, kYearSeconds),
    String("init_connect", kG, "", true, true),
    String("init_file", kG, "", false, true),
    Unsigned("innodb_buffer_pool_size", kG, "134217728", true, true, 5242880, kU64Max),
    Bool("innodb_file_per_table", kG, "ON", true, true),
    Unsigned("innodb_flush_log_at_trx_commit", kG, "1", true, true, 0, 2),
    Unsigned("innodb_lock_wait_timeout", kB, "50", true, true, 1, 1073741824),
    Bool("innodb_strict_mode", kB, "ON", true, true),
    String("innodb_version", kG, "8.4.3", false, false),
    Unsigned("interactive_timeout", kB, "28800", true, true, 1, kYearSeconds),
    Unsigned("last_insert_id", kS, "0", true, false, 0, kU64Max),
    String("lc_messages", kB, "en_US", true, true),
    String("lc_messages_dir", kG, "/usr/share/porpoise/", false, true),
    String("lc_time_names", kB, "en_US", true, false),
    String("license", kG, "GPL", false, false),
    Bool("local_infile", kG, "OFF", true, true),
    Unsigned("lock_wait_timeout", kB, "31536000", true, true, 1, kYearSeconds),
    Bool("log_bin", kG, "OFF", false, false),
    String("log_error", kG, "stderr", false, true),
    Unsigned("log_error_verbosity", kG, "2", true, true, 1, 3),
    {"log_output", kG, VariableType::kSet, "FILE", true, true, 0, 0, "TABLE,FILE,NONE"},
    Bool("log_queries_not_using_indexes", kG, "OFF", true, true),
    Double("long_query_time", kB, "10.000000", true, true, 0, 31536000),
    Bool("lower_case_file_system", kG, "OFF", false, false),
    Unsigned("lower_case_table_names", kG, "0", false, true, 0, 2),
    String("mandatory_roles", kG, "", true, true),
    Unsigned("max_allowed_packet", kB, "67108864", true, true, 1024, 1073741824),
    Unsigned("max_connect_errors", kG, "100", true, true, 1, kU64Max),
    Unsigned("max_connections", kG, "151", true, true, 1, 100000),
    Unsigned("max_error_count", kB, "1024", true, true, 0, 65535),
    Unsigned("max_execution_time", kB, "0", true, true, 0, kU32Max),
    Unsigned("max_heap_table_size", kB, "16777216", true, true, 16384, kU64Max),
    Unsigned("max_join_size", kB, "18446744073709551615", true, false, 1, kU64Max),
    Unsigned("max_prepared_stmt_count", kG, "16382", true, true, 0, 4194304),
    Unsigned("max_sp_recursion_depth", kB, "0", true, true, 0, 255),
    Unsigned("max_user_connections", kB, "0", true, true, 0, kU32Max),
    // Porpoise's Prometheus endpoint (daemon/metrics_endpoint.h); mysqld_exporter's port.
    String("metrics_address", kG, "", false, true),
    Unsigned("metrics_port", kG, "9104", false, true, 0, 65535),
    Unsigned("net_buffer_length", kB, "16384", true, true, 1024, 1048576),
    Unsigned("net_read_timeout", kB, "30", true, true, 1, kYearSeconds),
    Unsigned("net_write_timeout", kB, "60", true, true, 1, kYearSeconds),
    // The file descriptors the server could get at start (daemon/main.cc), as MySQL reports.
    Unsigned("open_files_limit", kG, "5000", false, true, 0, kU64Max),
    String("optimizer_switch", kB,
           "index_merge=on,index_merge_union=on,index_merge_sort_union=on,"
           "index_merge_intersection=on,engine_condition_pushdown=on,"
           "index_condition_pushdown=on,mrr=on,mrr_cost_based=on,block_nested_loop=on,"
           "batched_key_access=off,materialization=on,semijoin=on,loosescan=on,firstmatch=on,"
           "duplicateweedout=on,subquery_materialization_cost_based=on,use_index_extensions=on,"
           "condition_fanout_filter=on,derived_merge=on,use_invisible_indexes=off,skip_scan=on,"
           "hash_join=on,subquery_to_derived=off,prefer_ordering_index=on,"
           "hypergraph_optimizer=off,derived_condition_pushdown=on,hash_set_operations=on",
           true, true),
    Unsigned("parser_max_mem_size", kB, "18446744073709551615", true, true, 10000000, kU64Max),
    Bool("performance_schema", kG, "ON", false, true),
    String("pid_file", kG, "", false, true),
    String("plugin_dir", kG, "/usr/lib/porpoise/plugin/", false, true),
    Unsigned("port", kG, "3306", false, true, 0, 65535),
    String("protocol_compression_algorithms", kG, "zlib,zstd,uncompressed", true, true),
    Unsigned("protocol_version", kG, "10", false, false, 0, kU32Max),
    Bool("read_only", kG, "OFF", true, true),
    Unsigned("regexp_stack_limit", kG, "8000000", true, true, 0, 2147483647),
    Unsigned("regexp_time_limit", kG, "32", true, true, 0, 2147483647),
    Bool("require_secure_transport", kG, "OFF", true, true),
    // The directory SELECT ... INTO OUTFILE and LOAD DATA may use: NULL (neither may run),
    // "" (anywhere: insecure), or a directory.
    String("secure_file_priv", kG, "NULL", false, true),
    Unsigned("server_id", kG, "1", true, true, 0, kU32Max),
    Enum("session_track_gtids", kB, "OFF", true, false, "OFF,OWN_GTID,ALL_GTIDS"),
    Bool("session_track_schema", kB, "ON", true, false),
    Bool("session_track_state_change", kB, "OFF", true, false),
    String("session_track_system_variables", kB,
           "time_zone,autocommit,character_set_client,character_set_results,"
           "character_set_connection", true, false),
    Enum("session_track_transaction_info", kB, "OFF", true, false,
         "OFF,STATE,CHARACTERISTICS"),
    Bool("skip_external_locking", kG, "ON", false, true),
    Bool("skip_name_resolve", kG, "OFF", false, true),
    Bool("skip_networking", kG, "OFF", false, true),
    Bool("skip_show_database", kG, "OFF", false, true),
    Bool("slow_query_log", kG, "OFF", true, true),
    String("slow_query_log_file", kG, "slow.log", true, true),
    String("socket", kG, "", false, true),
    Unsigned("sort_buffer_size", kB, "262144", true, true, 32768, kU64Max),
    Bool("sql_auto_is_null", kB, "OFF", true, false),
    Bool("sql_big_selects", kB, "ON", true, false),
    Bool("sql_log_bin", kS, "ON", true, false),
    Bool("sql_log_off", kB, "OFF", true, false),
    {"sql_mode", kB, VariableType::kSet, kDefaultSqlMode, true, true, 0, 0, kSqlModes},
    Bool("sql_notes", kB, "ON", true, false),
    Bool("sql_quote_show_create", kB, "ON", true, false),
    Bool("sql_require_primary_key", kB, "OFF", true, true),
    Bool("sql_safe_updates", kB, "OFF", true, false),
    Unsigned("sql_select_limit", kB, "18446744073709551615", true, false, 0, kU64Max),
    Bool("sql_warnings", kB, "OFF", true, false),
    // The TLS settings are dynamic, as in MySQL: ALTER INSTANCE RELOAD TLS applies them.
    String("ssl_ca", kG, "ca.pem", true, true),
    String("ssl_cert", kG, "server-cert.pem", true, true),
    String("ssl_cipher", kG, "", true, true),
    String("ssl_crl", kG, "", true, true),
    String("ssl_key", kG, "server-key.pem", true, true),
    String("system_time_zone", kG, "UTC", false, false),
    Unsigned("table_definition_cache", kG, "2000", true, true, 400, 524288),
    Unsigned("table_open_cache", kG, "4000", true, true, 1, 524288),
    Unsigned("thread_cache_size", kG, "9", true, true, 0, 16384),
    Enum("thread_handling", kG, "one-thread-per-connection", false, true,
         "no-threads,one-thread-per-connection,loaded-dynamically"),
    Unsigned("thread_stack", kG, "1048576", false, true, 131072, kU64Max),
    String("time_zone", kB, "SYSTEM", true, false),
    // The session's clock: NOW() and its kind read it when set (0 is the real time).
    Double("timestamp", kS, "0.000000", true, false, 0, 32536771199),
    String("tls_ciphersuites", kG, "", true, true),
    String("tls_version", kG, "TLSv1.2,TLSv1.3", true, true),
    Unsigned("tmp_table_size", kB, "16777216", true, true, 1024, kU64Max),
    String("tmpdir", kG, "/tmp", false, true),
    Enum("transaction_isolation", kB, "REPEATABLE-READ", true, true, kIsolationLevels),
    Bool("transaction_read_only", kB, "OFF", true, true),
    Bool("unique_checks", kB, "ON", true, false),
    String("version", kG, "8.4.3-porpoise", false, false),
    String("version_comment", kG, "Porpoise", false, false),
    String("version_compile_machine", kG, "x86_64", false, false),
    String("version_compile_os", kG, "Linux", false, false),
    Unsigned("wait_timeout", kB, "28800", true, true, 1, kYearSeconds),
    Unsigned("warning_count", kS, "0", false, false, 0, kU64Max),
    // Porpoise's own: seconds a transaction holding the write lock may sit idle between
    // statements while another session waits for the lock (then it is rolled back).
    Unsigned("write_lock_idle_timeout", kB, "10", true, true, 1, kYearSeconds),
};

// sql_mode bit positions (MySQL's numeric form: SET sql_mode = 2097152).
struct SqlModeBit {
  std::string_view name;
  int bit;
};
constexpr SqlModeBit kSqlModeBits[] = {
    {"REAL_AS_FLOAT", 0},         {"PIPES_AS_CONCAT", 1},
    {"ANSI_QUOTES", 2},           {"IGNORE_SPACE", 3},
    {"ONLY_FULL_GROUP_BY", 5},    {"NO_UNSIGNED_SUBTRACTION", 6},
    {"NO_DIR_IN_CREATE", 7},      {"ANSI", 18},
    {"NO_AUTO_VALUE_ON_ZERO", 19}, {"NO_BACKSLASH_ESCAPES", 20},
    {"STRICT_TRANS_TABLES", 21},  {"STRICT_ALL_TABLES", 22},
    {"NO_ZERO_IN_DATE", 23},      {"NO_ZERO_DATE", 24},
    {"ALLOW_INVALID_DATES", 25},  {"ERROR_FOR_DIVISION_BY_ZERO", 26},
    {"TRADITIONAL", 27},          {"HIGH_NOT_PRECEDENCE", 29},
    {"NO_ENGINE_SUBSTITUTION", 30}, {"PAD_CHAR_TO_FULL_LENGTH", 31},
    {"TIME_TRUNCATE_FRACTIONAL", 32},
};

// Combination modes expand to their members (MySQL keeps the combination name too).
constexpr std::string_view kAnsiMembers =
    "REAL_AS_FLOAT,PIPES_AS_CONCAT,ANSI_QUOTES,IGNORE_SPACE,ONLY_FULL_GROUP_BY";
constexpr std::string_view kTraditionalMembers =
    "STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
    "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";

// Names are ASCII: '-' reads as '_' (as in option files), letters in any case.
char CanonicalChar(char c) {
  if (c == '-') return '_';
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

std::vector<std::string_view> SplitCommas(std::string_view list) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    parts.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return parts;
}

Status WrongValue(const SystemVariable& variable, std::string_view value) {
  return Status::Error(ER_WRONG_VALUE_FOR_VAR, variable.name, value);
}
Status WrongType(const SystemVariable& variable) {
  return Status::Error(ER_WRONG_TYPE_FOR_VAR, variable.name);
}

// Parses a whole decimal integer (optional sign). False on anything else.
bool ParseInteger(std::string_view text, bool* negative, uint64_t* magnitude) {
  *negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    *negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text.empty()) return false;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *magnitude);
  if (error == std::errc::result_out_of_range) {
    *magnitude = kU64Max;  // saturate: clamped below
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  }
  return error == std::errc() && end == text.data() + text.size();
}

Result<std::string> NormalizeBool(const SystemVariable& variable, std::string_view value) {
  if (value == "1" || EqualsIgnoreCase(value, "ON") || EqualsIgnoreCase(value, "TRUE")) {
    return std::string("ON");
  }
  if (value == "0" || EqualsIgnoreCase(value, "OFF") || EqualsIgnoreCase(value, "FALSE")) {
    return std::string("OFF");
  }
  return WrongValue(variable, value);
}

Result<std::string> NormalizeUnsigned(const SystemVariable& variable, std::string_view value) {
  bool negative = false;
  uint64_t magnitude = 0;
  if (!ParseInteger(value, &negative, &magnitude)) return WrongType(variable);
  uint64_t min = variable.min < 0 ? 0 : static_cast<uint64_t>(variable.min);
  uint64_t result = negative ? min : std::clamp(magnitude, min, variable.max);
  return std::to_string(result);
}

Result<std::string> NormalizeSigned(const SystemVariable& variable, std::string_view value) {
  bool negative = false;
  uint64_t magnitude = 0;
  if (!ParseInteger(value, &negative, &magnitude)) return WrongType(variable);
  int64_t max = variable.max > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())
                    ? std::numeric_limits<int64_t>::max()
                    : static_cast<int64_t>(variable.max);
  int64_t result;
  if (negative) {
    result = magnitude > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())
                 ? std::numeric_limits<int64_t>::min()
                 : -static_cast<int64_t>(magnitude);
  } else {
    result = magnitude > static_cast<uint64_t>(max) ? max : static_cast<int64_t>(magnitude);
  }
  return std::to_string(std::clamp(result, variable.min, max));
}

Result<std::string> NormalizeDouble(const SystemVariable& variable, std::string_view value) {
  double number = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (value.empty() || error != std::errc() || end != value.data() + value.size() ||
      !std::isfinite(number)) {
    return WrongType(variable);
  }
  number = std::max(number, static_cast<double>(variable.min));
  if (variable.max != 0) number = std::min(number, static_cast<double>(variable.max));
  char text[64];
  std::snprintf(text, sizeof(text), "%.6f", number);
  return std::string(text);
}

Result<std::string> NormalizeEnum(const SystemVariable& variable, std::string_view value) {
  std::vector<std::string_view> members = SplitCommas(variable.allowed);
  for (std::string_view member : members) {
    if (EqualsIgnoreCase(member, value)) return std::string(member);
  }
  bool negative = false;
  uint64_t index = 0;
  if (ParseInteger(value, &negative, &index) && !negative && index < members.size()) {
    return std::string(members[index]);
  }
  return WrongValue(variable, value);
}

// The numeric form of sql_mode: each set bit names one mode.
Result<std::string> SqlModeFromNumber(const SystemVariable& variable, std::string_view value,
                                      uint64_t bits) {
  std::string names;
  uint64_t known = 0;
  for (const SqlModeBit& mode : kSqlModeBits) {
    known |= uint64_t{1} << mode.bit;
    if ((bits & (uint64_t{1} << mode.bit)) == 0) continue;
    if (!names.empty()) names += ',';
    names += mode.name;
  }
  if ((bits & ~known) != 0) return WrongValue(variable, value);
  return names;
}

// Numeric form of a generic set: bit i names the i-th member.
Result<std::string> SetFromNumber(const SystemVariable& variable, std::string_view value,
                                  uint64_t bits) {
  if (variable.name == "sql_mode") return SqlModeFromNumber(variable, value, bits);
  std::vector<std::string_view> members = SplitCommas(variable.allowed);
  std::string names;
  for (size_t index = 0; index < members.size() && index < 64; ++index) {
    if ((bits & (uint64_t{1} << index)) == 0) continue;
    if (!names.empty()) names += ',';
    names += members[index];
    bits &= ~(uint64_t{1} << index);
  }
  if (bits != 0) return WrongValue(variable, value);
  return names;
}

Result<std::string> NormalizeSet(const SystemVariable& variable, std::string_view value) {
  bool negative = false;
  uint64_t bits = 0;
  if (ParseInteger(value, &negative, &bits)) {
    if (negative) return WrongValue(variable, value);
    return SetFromNumber(variable, value, bits);
  }
  std::vector<std::string_view> members = SplitCommas(variable.allowed);
  std::vector<bool> chosen(members.size(), false);
  auto choose = [&](std::string_view name) {
    for (size_t index = 0; index < members.size(); ++index) {
      if (EqualsIgnoreCase(members[index], name)) {
        chosen[index] = true;
        return true;
      }
    }
    return false;
  };
  for (std::string_view part : SplitCommas(value)) {
    part = Trim(part);
    if (part.empty()) continue;
    if (!choose(part)) return WrongValue(variable, part);
    if (variable.name == "sql_mode" && EqualsIgnoreCase(part, "ANSI")) {
      for (std::string_view member : SplitCommas(kAnsiMembers)) choose(member);
    } else if (variable.name == "sql_mode" && EqualsIgnoreCase(part, "TRADITIONAL")) {
      for (std::string_view member : SplitCommas(kTraditionalMembers)) choose(member);
    }
  }
  std::string result;
  for (size_t index = 0; index < members.size(); ++index) {
    if (!chosen[index]) continue;
    if (!result.empty()) result += ',';
    result += members[index];
  }
  return result;
}

// A character_set_* value: a set this server has, by its canonical name ("utf8" is
// utf8mb3). Only character_set_results may be NULL (results sent as stored), and no statement
// can be read in ucs2/utf16/utf32.
Result<std::string> NormalizeCharset(const SystemVariable& variable, std::string_view value) {
  if (EqualsIgnoreCase(value, "NULL")) {
    if (variable.name == "character_set_results") return std::string("NULL");
    return WrongValue(variable, value);
  }
  if (variable.name == "character_set_client" && IsImpossibleClientCharset(value)) {
    return WrongValue(variable, value);
  }
  const CharsetInfo* charset = FindCharset(value);
  if (charset == nullptr) return Status::Error(ER_UNKNOWN_CHARACTER_SET, value);
  return std::string(charset->name);
}

}  // namespace

std::span<const SystemVariable> AllSystemVariables() { return kVariables; }

// Every session reads and sets dozens of variables by name as it starts (and a statement
// reads a few), so the lookup is a hash of the canonical name, not a search of the table.
const SystemVariable* FindSystemVariable(std::string_view name) {
  static const std::unordered_map<std::string_view, const SystemVariable*> by_name = [] {
    std::unordered_map<std::string_view, const SystemVariable*> map;
    for (const SystemVariable& variable : kVariables) map.emplace(variable.name, &variable);
    return map;
  }();
  char buffer[128];
  if (name.size() > sizeof(buffer)) return nullptr;  // longer than any variable's name
  for (size_t i = 0; i < name.size(); ++i) buffer[i] = CanonicalChar(name[i]);
  auto found = by_name.find(std::string_view(buffer, name.size()));
  return found == by_name.end() ? nullptr : found->second;
}

std::optional<std::pair<std::string_view, std::string>> CompanionSetting(std::string_view name,
                                                                         std::string_view value) {
  constexpr std::pair<std::string_view, std::string_view> kPairs[] = {
      {"character_set_connection", "collation_connection"},
      {"character_set_database", "collation_database"},
      {"character_set_server", "collation_server"},
  };
  for (const auto& [charset_name, collation_name] : kPairs) {
    if (name == charset_name) {
      const CharsetInfo* charset = FindCharset(value);
      if (charset == nullptr) return std::nullopt;
      return std::make_pair(collation_name, std::string(charset->default_collation));
    }
    if (name == collation_name) {
      const CollationInfo* collation = FindCollation(value);
      if (collation == nullptr) return std::nullopt;
      return std::make_pair(charset_name, std::string(collation->charset));
    }
  }
  return std::nullopt;
}

Result<std::string> NormalizeVariableValue(const SystemVariable& variable, std::string_view value) {
  switch (variable.type) {
    case VariableType::kBool:
      return NormalizeBool(variable, value);
    case VariableType::kInteger:
      return NormalizeSigned(variable, value);
    case VariableType::kUnsigned:
      return NormalizeUnsigned(variable, value);
    case VariableType::kString:
      // The list is kept as written; each name must be one the server knows.
      if (variable.name == "protocol_compression_algorithms" &&
          !CompressionPolicy::Parse(value).has_value()) {
        return WrongValue(variable, value);
      }
      if (variable.name.starts_with("character_set_") && variable.name != "character_set_system") {
        return NormalizeCharset(variable, value);
      }
      if (variable.name == "time_zone") {
        std::shared_ptr<const types::TimeZone> zone = types::TimeZone::Find(value);
        if (zone == nullptr) return Status::Error(ER_UNKNOWN_TIME_ZONE, value);
        return zone->name();
      }
      if (variable.name == "lc_time_names" || variable.name == "lc_messages") {
        // A locale MySQL knows, by name (any case) or number; shown by its own name.
        const types::Locale* locale = nullptr;
        int64_t id = 0;
        auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), id);
        if (!value.empty() && error == std::errc() && end == value.data() + value.size()) {
          locale = types::FindLocaleById(id);
        } else {
          locale = types::FindLocale(value);
        }
        if (locale == nullptr) return Status::Error(ER_UNKNOWN_LOCALE, value);
        return std::string(locale->name);
      }
      if (variable.name.starts_with("collation_")) {
        const CollationInfo* collation = FindCollation(value);
        if (collation == nullptr) return Status::Error(ER_UNKNOWN_COLLATION, value);
        return std::string(collation->name);
      }
      return std::string(value);
    case VariableType::kEnum:
      return NormalizeEnum(variable, value);
    case VariableType::kSet:
      return NormalizeSet(variable, value);
    case VariableType::kDouble:
      return NormalizeDouble(variable, value);
  }
  return WrongType(variable);
}

}  // namespace porpoise::catalog
