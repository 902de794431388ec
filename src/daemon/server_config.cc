// porpoised's configuration: the option table (daemon options plus every system variable that
// is an option), option files then command line into ServerConfig, --help and --version. (daemon/)
#include "daemon/server_config.h"

#include <arpa/inet.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <map>

#include "catalog/system_variables.h"
#include "net/address_filter.h"

namespace porpoise::daemon {
namespace {

using catalog::SystemVariable;
using catalog::VariableType;

const std::vector<std::string> kOptionGroups = {"mysqld", "server", "mysqld-8.4", "porpoised"};

// Options that are not system variables.
constexpr OptionSpec kDaemonOptions[] = {
    {"allow_from", true, false, 0, false,
     "Only TCP clients from these addresses or networks (comma list, IPv4/IPv6, CIDR) get a "
     "greeting; others are closed at once. Empty: all."},
    {"console", false, false, 0, true, "Write the error log to stderr (the default here)."},
    {"daemonize", false, false, 0, true, "Run as a background process."},
    {"default_time_zone", true, false, 0, false, "The default time zone (sets time_zone)."},
    {"help", false, false, '?', false, "Display this help and exit."},
    {"initialize", false, false, 0, true,
     "Create the data directory with the mysql schema; root@localhost uses auth_socket."},
    {"initialize_insecure", false, false, 0, true,
     "Create the data directory; root@localhost gets an empty password."},
    {"mysql_native_password", false, false, 0, true,
     "Enable the mysql_native_password authentication plugin (always on here)."},
    {"skip_grant_tables", false, false, 0, true,
     "Start without checking privileges (anyone can connect as anyone)."},
    {"user", true, false, 'u', false, "Run porpoised daemon as user."},
    {"verbose", false, false, 'v', false, "Used with --help to print all options and values."},
    {"version", false, false, 'V', false, "Output version information and exit."},
};

// One line per system-variable option, for --help.
const std::map<std::string_view, std::string_view>& VariableDescriptions() {
  static const std::map<std::string_view, std::string_view> kDescriptions = {
      {"activate_all_roles_on_login", "Activate every role an account may use when it logs in."},
      {"admin_address", "Address of the administrative interface (none: no such listener)."},
      {"admin_port", "Port of the administrative interface (0: any free port)."},
      {"audit_log", "Write connections, refused logins, account changes and denied statements "
                    "to audit_log_file, as JSON lines."},
      {"audit_log_file", "The audit log (relative: in the datadir)."},
      {"authentication_policy", "Authentication plugins allowed per factor of new accounts."},
      {"auto_increment_increment", "Step between successive AUTO_INCREMENT values."},
      {"auto_increment_offset", "First AUTO_INCREMENT value."},
      {"autocommit", "Initial autocommit mode of new sessions."},
      {"automatic_sp_privileges", "Grant routine privileges to a routine's creator."},
      {"back_log", "Length of the queue of pending connection requests."},
      {"basedir", "Path to the installation directory."},
      {"big_tables", "Store all temporary tables on disk."},
      {"bind_address", "IP addresses or host name to listen on: one, a comma list, *, ::."},
      {"binlog_format", "Binary log format (accepted for compatibility)."},
      {"block_encryption_mode", "Mode for AES_ENCRYPT() and AES_DECRYPT()."},
      {"character_set_filesystem", "Character set used to interpret file names."},
      {"character_set_server", "The default character set."},
      {"character_sets_dir", "Directory where character sets are."},
      {"collation_server", "The default collation."},
      {"completion_type", "Default completion type: NO_CHAIN, CHAIN or RELEASE."},
      {"concurrent_insert", "Concurrent insert mode (accepted for compatibility)."},
      {"connect_timeout", "Seconds to wait for the handshake before answering Bad handshake."},
      {"connection_control_failed_connections_threshold",
       "Failed logins in a row from one user and host before each next login is delayed (0: never)."},
      {"connection_control_max_connection_delay", "The longest such delay, in milliseconds."},
      {"connection_control_min_connection_delay", "The first such delay, in milliseconds."},
      {"cte_max_recursion_depth", "Maximum recursion depth of common table expressions."},
      {"datadir", "Path to the database root directory."},
      {"default_authentication_plugin", "Authentication plugin for new accounts."},
      {"default_password_lifetime", "Days before passwords expire (0: never)."},
      {"default_storage_engine", "The default storage engine for new tables."},
      {"default_tmp_storage_engine", "The default storage engine for temporary tables."},
      {"default_week_format", "The default week format used by WEEK()."},
      {"disconnect_on_expired_password", "Disconnect clients whose password has expired."},
      {"div_precision_increment", "Extra digits of precision in / results."},
      {"event_scheduler", "Event scheduler state (accepted for compatibility)."},
      {"explicit_defaults_for_timestamp", "Standard defaults and NULL for TIMESTAMP columns."},
      {"general_log", "Log connections and statements to the general log file."},
      {"general_log_file", "Name of the general query log file."},
      {"group_concat_max_len", "Maximum length of GROUP_CONCAT() results."},
      {"gtid_mode", "GTID mode (accepted for compatibility)."},
      {"information_schema_stats_expiry", "Seconds information_schema keeps table statistics."},
      {"init_connect", "Statements run for each new client connection."},
      {"init_file", "Read SQL statements from this file at startup."},
      {"innodb_buffer_pool_size", "Accepted for compatibility; SQLite sizes its own cache."},
      {"innodb_file_per_table", "Accepted for compatibility."},
      {"innodb_flush_log_at_trx_commit",
       "1: sync the WAL before each commit's OK (commits waiting together share one sync); 0 or 2: "
       "sync once a second."},
      {"innodb_lock_wait_timeout", "Seconds a statement waits for the server's write lock."},
      {"innodb_strict_mode", "Accepted for compatibility."},
      {"interactive_timeout", "Seconds of inactivity before an interactive client is closed."},
      {"lc_messages", "The locale of error messages (messages are in English)."},
      {"lc_messages_dir", "Directory of error message files."},
      {"local_infile", "Allow LOAD DATA LOCAL."},
      {"lock_wait_timeout", "Seconds to wait for metadata locks."},
      {"log_error", "Error log file (relative: in the datadir; no value: <host>.err)."},
      {"log_error_verbosity", "1: errors, 2: errors and warnings, 3: also notes."},
      {"log_output", "Where the general and slow logs go: FILE, TABLE or NONE."},
      {"log_queries_not_using_indexes", "With slow_query_log, also log statements that read a "
                                        "table from end to end, however fast."},
      {"long_query_time", "Seconds after which a query counts as slow."},
      {"lower_case_table_names", "How table names are stored and compared (0 only)."},
      {"mandatory_roles", "Roles granted to every account (comma-separated, name[@host])."},
      {"max_allowed_packet", "Largest packet or generated string, in bytes."},
      {"max_connect_errors",
       "Handshake errors in a row after which a host is blocked (1129) until FLUSH HOSTS."},
      {"max_connections", "The number of simultaneous clients allowed."},
      {"max_error_count", "The maximum number of errors, warnings and notes kept for SHOW WARNINGS."},
      {"max_execution_time", "Milliseconds before a SELECT is stopped (0: no limit)."},
      {"max_heap_table_size", "Largest in-memory table, in bytes."},
      {"max_prepared_stmt_count", "How many prepared statements all sessions together may hold."},
      {"max_sp_recursion_depth", "How deep a stored procedure may call itself (0: not at all)."},
      {"max_user_connections", "Simultaneous connections per account (0: no limit)."},
      {"metrics_address", "Address of the Prometheus metrics endpoint, GET /metrics over "
                          "HTTP (none: no endpoint)."},
      {"metrics_port", "Port of the metrics endpoint (0: any free port)."},
      {"net_buffer_length", "Initial size of connection buffers, in bytes."},
      {"net_read_timeout", "Seconds to wait for more data from a client."},
      {"net_write_timeout", "Seconds to wait for a block to be written to a client."},
      {"open_files_limit",
       "File descriptors to ask the OS for at start: at least this, 5,000 and 5 per allowed "
       "connection (each connection holds its socket and its database files)."},
      {"optimizer_switch", "Optimizer flags (accepted for compatibility)."},
      {"parser_max_mem_size",
       "Bytes one statement's parse may take (3170 past it); at the default, 256 MiB plus 64 per "
       "byte of statement text, at most 1 GiB. A session may lower it, not raise it."},
      {"performance_schema", "Reported as given (ON); the performance_schema tables answer either way."},
      {"pid_file", "Pid file (relative: in the datadir; default <host>.pid)."},
      {"plugin_dir", "Directory for plugins."},
      {"port", "Port number to use for TCP connections (0: any free port)."},
      {"protocol_compression_algorithms",
       "Compression the server permits for connections: zlib, zstd, uncompressed."},
      {"read_only", "Refuse writes from users without the SUPER privilege."},
      {"regexp_stack_limit", "Bytes of backtrack stack one REGEXP match may use (3698)."},
      {"regexp_time_limit", "Steps of the regular expression engine one match may take (3699)."},
      {"require_secure_transport", "Refuse connections that do not use TLS or the socket."},
      {"server_id", "Server id for replication setups."},
      {"ssl_ca", "CA certificate file for TLS (relative: in the datadir; default ca.pem)."},
      {"ssl_cert", "Server certificate file for TLS (default server-cert.pem, created when missing)."},
      {"ssl_cipher", "The TLS 1.2 ciphers clients may use (OpenSSL's list; empty: its default)."},
      {"ssl_crl", "A certificate revocation list for client certificates (relative: in the datadir)."},
      {"ssl_key", "Server private key file for TLS (default server-key.pem, created when missing)."},
      {"skip_external_locking", "Do not use external file locking."},
      {"skip_name_resolve", "Do not resolve host names; match accounts by IP only."},
      {"skip_networking", "Do not listen on TCP/IP; unix socket only."},
      {"skip_show_database", "Only show databases the user has privileges on."},
      {"slow_query_log", "Log statements slower than long_query_time to the slow query log."},
      {"secure_file_priv", "Directory for SELECT ... INTO OUTFILE (NULL: none, empty: anywhere)."},
      {"slow_query_log_file", "Name of the slow query log file."},
      {"socket", "Unix socket file (default <datadir>/porpoise.sock)."},
      {"sort_buffer_size", "Per-sort buffer size, in bytes."},
      {"sql_mode", "The default SQL mode of new sessions."},
      {"sql_require_primary_key", "Require a primary key in CREATE TABLE."},
      {"table_definition_cache", "Table definitions kept in the cache."},
      {"table_open_cache", "Open tables kept for all threads."},
      {"thread_cache_size", "Threads kept for reuse."},
      {"thread_handling", "Thread model (accepted for compatibility)."},
      {"thread_stack", "Stack size of each thread, in bytes."},
      {"tls_ciphersuites", "The TLS 1.3 cipher suites clients may use (empty: the default)."},
      {"tls_version", "The TLS versions the server speaks: TLSv1.2, TLSv1.3 or both."},
      {"tmp_table_size", "Largest in-memory temporary table, in bytes."},
      {"tmpdir", "Directory for temporary files."},
      {"transaction_isolation", "Default transaction isolation level."},
      {"transaction_read_only", "Default transaction access mode."},
      {"wait_timeout", "Seconds of inactivity before a client is closed."},
      {"write_lock_idle_timeout",
       "Seconds a transaction holding the write lock may sit idle while another waits for it; "
       "then it is rolled back."},
  };
  return kDescriptions;
}

constexpr std::pair<std::string_view, char> kShortNames[] = {
    {"basedir", 'b'}, {"datadir", 'h'}, {"port", 'P'}};

std::vector<OptionSpec> BuildSpecs() {
  std::vector<OptionSpec> specs(std::begin(kDaemonOptions), std::end(kDaemonOptions));
  for (const SystemVariable& variable : catalog::AllSystemVariables()) {
    if (!variable.option) continue;
    OptionSpec spec;
    spec.name = variable.name;
    spec.is_boolean = variable.type == VariableType::kBool;
    spec.takes_value = !spec.is_boolean;
    spec.value_optional = variable.name == "log_error";
    for (const auto& [name, short_name] : kShortNames) {
      if (name == variable.name) spec.short_name = short_name;
    }
    auto description = VariableDescriptions().find(variable.name);
    if (description != VariableDescriptions().end()) spec.description = description->second;
    specs.push_back(spec);
  }
  std::sort(specs.begin(), specs.end(),
            [](const OptionSpec& a, const OptionSpec& b) { return a.name < b.name; });
  return specs;
}

std::string LocalHostName() {
  char name[256] = {};
  if (::gethostname(name, sizeof(name) - 1) != 0 || name[0] == '\0') return "localhost";
  return name;
}

Status ConfigError(std::string message) {
  return Status::WithMessage(ER_UNKNOWN_ERROR, std::move(message));
}

bool IsValidHostName(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  size_t label_start = 0;
  for (size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '.') {
      std::string_view label = name.substr(label_start, i - label_start);
      if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
        return false;
      }
      label_start = i + 1;
    } else if (!std::isalnum(static_cast<unsigned char>(name[i])) && name[i] != '-') {
      return false;
    }
  }
  return true;
}

// Why `address` is not a usable single bind address, or "" when it is.
std::string CheckOneAddress(const std::string& address) {
  unsigned char buffer[16];
  if (address.find(':') != std::string::npos) {
    return ::inet_pton(AF_INET6, address.c_str(), buffer) == 1 ? "" : "not a valid IPv6 address";
  }
  bool numeric = std::all_of(address.begin(), address.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '.';
  });
  if (numeric) {
    return ::inet_pton(AF_INET, address.c_str(), buffer) == 1 ? "" : "not a valid IPv4 address";
  }
  return IsValidHostName(address) ? "" : "not an IP address or a host name";
}

bool IsWildcard(std::string_view address) {
  return address == "*" || address == "0.0.0.0" || address == "::";
}

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

uint64_t ToNumber(std::string_view text) {
  uint64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

// `path` made absolute against the working directory and normalised ("a/../b" -> "b").
std::string AbsolutePath(std::string_view path) {
  std::error_code error;
  std::filesystem::path absolute = std::filesystem::absolute(std::string(path), error);
  if (error) return std::string(path);
  return absolute.lexically_normal().string();
}

std::string JoinPath(std::string_view directory, std::string_view name) {
  return (std::filesystem::path(std::string(directory)) / std::string(name)).string();
}

// Normalises a system-variable option's value; clamping is a warning, as mysqld reports it.
Result<std::string> NormalizeOption(const SystemVariable& variable, const OptionValue& option,
                                    std::vector<std::string>* warnings) {
  std::string given = option.value.value_or("");
  bool integer = variable.type == VariableType::kUnsigned ||
                 variable.type == VariableType::kInteger;
  std::string expanded = integer ? engine::ExpandSizeSuffix(given) : given;
  Result<std::string> normalized = catalog::NormalizeVariableValue(variable, expanded);
  if (!normalized.ok()) {
    return ConfigError("Invalid value '" + given + "' for option '--" + std::string(variable.name) +
                       "' (" + option.origin + ")");
  }
  if (integer && normalized.value() != expanded) {
    warnings->push_back("option '" + std::string(variable.name) + "': value " + given +
                        " adjusted to " + normalized.value());
  }
  return normalized;
}

// Keeps config fields in step with the variable options that the daemon itself uses.
Status ApplyVariableField(ServerConfig& config, std::string_view name, const std::string& value) {
  if (name == "bind_address") {
    PORPOISE_ASSIGN_OR_RETURN(config.bind_addresses, ParseBindAddress(value));
  } else if (name == "port") {
    config.port = static_cast<uint16_t>(ToNumber(value));
  } else if (name == "datadir") {
    config.datadir = value.empty() ? value : AbsolutePath(value);
  } else if (name == "socket") {
    config.socket = value;
  } else if (name == "pid_file") {
    config.pid_file = value;
  } else if (name == "log_error") {
    config.log_error = value;
  } else if (name == "basedir") {
    config.basedir = value;
  } else if (name == "max_connections") {
    config.max_connections = static_cast<uint32_t>(ToNumber(value));
  } else if (name == "max_allowed_packet") {
    config.max_allowed_packet = static_cast<uint32_t>(ToNumber(value));
  } else if (name == "open_files_limit") {
    config.open_files_limit = ToNumber(value);
  } else if (name == "connect_timeout") {
    config.connect_timeout = static_cast<uint32_t>(ToNumber(value));
  } else if (name == "wait_timeout") {
    config.wait_timeout = static_cast<uint32_t>(ToNumber(value));
  } else if (name == "default_authentication_plugin") {
    config.default_authentication_plugin = value;
  } else if (name == "skip_networking") {
    config.skip_networking = value == "ON";
  }
  return Status::OK();
}

// Daemon-only options; false when `option` is a system variable instead.
bool ApplyDaemonOption(ServerConfig& config, const OptionValue& option) {
  const std::string& name = option.name;
  bool on = option.value.value_or("ON") == "ON";
  if (name == "help") {
    config.help = true;
  } else if (name == "verbose") {
    config.verbose = true;
  } else if (name == "version") {
    config.version = true;
  } else if (name == "initialize") {
    config.initialize = on;
  } else if (name == "initialize_insecure") {
    config.initialize_insecure = on;
  } else if (name == "daemonize") {
    config.daemonize = on;
  } else if (name == "skip_grant_tables") {
    config.skip_grant_tables = on;
  } else if (name == "user") {
    config.user = option.value.value_or("");
  } else if (name == "default_time_zone") {
    config.variable_values.emplace_back("time_zone", option.value.value_or(""));
    config.variable_origins["time_zone"] = option.origin;
  } else if (name == "console") {
    if (on) config.log_error.clear();
  } else if (name != "mysql_native_password") {
    return false;
  }
  return true;
}

Status ApplyOption(ServerConfig& config, const OptionValue& option) {
  if (option.name == "allow_from") {
    std::string value = option.value.value_or("");
    Result<net::AddressFilter> filter = net::AddressFilter::Parse(value);
    if (!filter.ok()) {
      return ConfigError("Invalid value for --allow-from: " + filter.status().message() + " (" +
                         option.origin + ")");
    }
    config.allow_from = std::move(value);
    return Status::OK();
  }
  if (ApplyDaemonOption(config, option)) return Status::OK();
  const SystemVariable* variable = catalog::FindSystemVariable(option.name);
  if (variable == nullptr) return ConfigError("unknown option '--" + option.name + "'");
  std::string value;
  if (variable->name == "log_error" && !option.value.has_value()) {
    value = config.hostname + ".err";  // --log-error alone: <datadir>/<host>.err
  } else {
    PORPOISE_ASSIGN_OR_RETURN(value, NormalizeOption(*variable, option, &config.warnings));
  }
  PORPOISE_RETURN_IF_ERROR(ApplyVariableField(config, variable->name, value));
  config.variable_values.emplace_back(std::string(variable->name), std::move(value));
  config.variable_origins[std::string(variable->name)] = option.origin;
  return Status::OK();
}

std::string DashedName(std::string_view name) {
  std::string out(name);
  std::replace(out.begin(), out.end(), '_', '-');
  return out;
}

std::string PadTo(std::string text, size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  else text += ' ';
  return text;
}

std::string OptionLabel(const OptionSpec& spec) {
  std::string label = "  ";
  if (spec.short_name != 0) label += std::string("-") + spec.short_name + ", ";
  label += "--" + DashedName(spec.name);
  if (spec.takes_value) {
    const SystemVariable* variable = catalog::FindSystemVariable(spec.name);
    bool numeric = variable != nullptr && (variable->type == VariableType::kUnsigned ||
                                           variable->type == VariableType::kInteger ||
                                           variable->type == VariableType::kDouble);
    std::string_view placeholder = numeric ? "#" : "name";
    label += spec.value_optional ? "[=" + std::string(placeholder) + "]"
                                 : "=" + std::string(placeholder);
  }
  return label;
}

// The value --help --verbose shows for one option.
std::string CurrentValue(const OptionSpec& spec, const ServerConfig& config,
                         const engine::GlobalVariables& globals) {
  auto flag = [](bool on) { return std::string(on ? "TRUE" : "FALSE"); };
  std::string_view name = spec.name;
  if (name == "help") return flag(config.help);
  if (name == "verbose") return flag(config.verbose);
  if (name == "version") return flag(config.version);
  if (name == "initialize") return flag(config.initialize);
  if (name == "initialize_insecure") return flag(config.initialize_insecure);
  if (name == "daemonize") return flag(config.daemonize);
  if (name == "skip_grant_tables") return flag(config.skip_grant_tables);
  if (name == "console") return flag(config.log_error.empty());
  if (name == "mysql_native_password") return flag(true);
  if (name == "user") return config.user.empty() ? "(No default value)" : config.user;
  if (name == "default_time_zone") return "(No default value)";
  if (name == "allow_from") return config.allow_from.empty() ? "(No default value)" : config.allow_from;
  Result<std::string> value = globals.Get(name);
  if (!value.ok() || value.value().empty()) return "(No default value)";
  if (spec.is_boolean) return flag(value.value() == "ON");
  return value.value();
}

}  // namespace

std::span<const OptionSpec> ServerOptionSpecs() {
  static const std::vector<OptionSpec> kSpecs = BuildSpecs();
  return kSpecs;
}

Result<std::vector<std::string>> ParseBindAddress(std::string_view value) {
  std::vector<std::string> addresses;
  std::string_view rest = value;
  while (true) {
    size_t comma = rest.find(',');
    addresses.emplace_back(TrimSpaces(rest.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  for (const std::string& address : addresses) {
    if (address.empty()) {
      return ConfigError("Invalid value for --bind-address: '" + std::string(value) +
                         "' (empty address)");
    }
    if (IsWildcard(address)) {
      if (addresses.size() > 1) {
        return ConfigError("Invalid value for --bind-address: '" + std::string(value) +
                           "' (the wildcard '" + address + "' cannot be part of a list)");
      }
      continue;
    }
    std::string reason = CheckOneAddress(address);
    if (!reason.empty()) {
      return ConfigError("Invalid value for --bind-address: '" + address + "' is " + reason);
    }
  }
  return addresses;
}

void ResolveDataDirPaths(ServerConfig& config, std::string_view datadir) {
  config.datadir = AbsolutePath(datadir);
  if (config.socket.empty()) config.socket = JoinPath(config.datadir, "porpoise.sock");
  if (config.pid_file.empty()) config.pid_file = config.hostname + ".pid";
  if (std::filesystem::path(config.pid_file).is_relative()) {
    config.pid_file = JoinPath(config.datadir, config.pid_file);
  }
  if (!config.log_error.empty() && std::filesystem::path(config.log_error).is_relative()) {
    config.log_error = JoinPath(config.datadir, config.log_error);
  }
}

Result<ServerConfig> LoadServerConfigFrom(const OptionFileSources& sources,
                                          std::span<const std::string> arguments) {
  ServerConfig config;
  config.hostname = LocalHostName();
  config.print_defaults = sources.print_defaults;
  PORPOISE_ASSIGN_OR_RETURN(std::vector<OptionValue> from_files,
                            ReadOptionFiles(sources, kOptionGroups, &config.warnings));
  for (const OptionValue& option : from_files) {
    std::string argument = "--" + std::string(option.loose ? "loose-" : "") + option.name;
    if (option.value.has_value()) argument += "=" + *option.value;
    config.print_defaults_arguments.push_back(std::move(argument));
  }
  PORPOISE_ASSIGN_OR_RETURN(
      std::vector<OptionValue> options,
      ResolveOptions(std::move(from_files), ServerOptionSpecs(), &config.warnings));
  std::vector<std::string> positional;
  PORPOISE_ASSIGN_OR_RETURN(
      std::vector<OptionValue> from_command_line,
      ParseCommandLine(arguments, ServerOptionSpecs(), &positional, &config.warnings));
  if (!positional.empty()) {
    return ConfigError("Too many arguments (first extra is '" + positional.front() + "').");
  }
  options.insert(options.end(), std::make_move_iterator(from_command_line.begin()),
                 std::make_move_iterator(from_command_line.end()));
  for (const OptionValue& option : options) PORPOISE_RETURN_IF_ERROR(ApplyOption(config, option));
  if (!config.datadir.empty()) ResolveDataDirPaths(config, config.datadir);
  return config;
}

Result<ServerConfig> LoadServerConfig(std::span<const std::string> argv_without_program) {
  size_t consumed = 0;
  PORPOISE_ASSIGN_OR_RETURN(OptionFileSources sources,
                            ParseOptionFileSources(argv_without_program, &consumed));
  return LoadServerConfigFrom(sources, argv_without_program.subspan(consumed));
}

namespace {

// An option's origin as variables_info names it: the command line, or an option file (the
// system-wide ones under /etc are GLOBAL, ~/.my.cnf is USER, any other file EXPLICIT).
engine::VariableOrigin VariableOriginOf(std::string_view origin) {
  engine::VariableOrigin result;
  if (origin == "command line") {
    result.source = "COMMAND_LINE";
    return result;
  }
  size_t colon = origin.rfind(':');
  result.path = std::string(origin.substr(0, colon));
  if (result.path.starts_with("/etc/")) {
    result.source = "GLOBAL";
  } else if (result.path.ends_with("/.my.cnf")) {
    result.source = "USER";
  } else {
    result.source = "EXPLICIT";
  }
  return result;
}

}  // namespace

Status ApplyServerConfig(const ServerConfig& config, engine::GlobalVariables& globals) {
  for (const auto& [name, value] : config.variable_values) {
    PORPOISE_RETURN_IF_ERROR(globals.SetFromOption(name, value));
  }
  for (const auto& [name, origin] : config.variable_origins) {
    globals.SetOrigin(name, VariableOriginOf(origin));
  }
  std::string bind_address;
  for (const std::string& address : config.bind_addresses) {
    if (!bind_address.empty()) bind_address += ',';
    bind_address += address;
  }
  std::string datadir = config.datadir;
  if (!datadir.empty() && datadir.back() != '/') datadir += '/';  // as MySQL shows it
  const std::pair<std::string_view, std::string> derived[] = {
      {"bind_address", bind_address},
      {"port", std::to_string(config.port)},
      {"socket", config.socket},
      {"datadir", datadir},
      {"pid_file", config.pid_file},
      {"log_error", config.log_error.empty() ? "stderr" : config.log_error},
      {"hostname", config.hostname},
      {"skip_networking", config.skip_networking ? "ON" : "OFF"},
      {"max_connections", std::to_string(config.max_connections)},
      {"max_allowed_packet", std::to_string(config.max_allowed_packet)},
      {"connect_timeout", std::to_string(config.connect_timeout)},
      {"wait_timeout", std::to_string(config.wait_timeout)},
      {"default_authentication_plugin", config.default_authentication_plugin},
  };
  for (const auto& [name, value] : derived) {
    PORPOISE_RETURN_IF_ERROR(globals.SetFromOption(name, value));
  }
  return Status::OK();
}

std::string VersionText() {
  return "porpoised  Ver 8.4.3-porpoise for Linux on x86_64 (Porpoise)";
}

std::string HelpText(const ServerConfig& config, bool verbose) {
  std::string text = VersionText() + "\n\nStarts the Porpoise database server.\n\n"
                     "Usage: porpoised [OPTIONS]\n\n"
                     "Default options are read from the following files in the given order:\n"
                     "/etc/my.cnf /etc/mysql/my.cnf /etc/porpoise/my.cnf $MYSQL_HOME/my.cnf "
                     "~/.my.cnf\n"
                     "The following groups are read: mysqld server mysqld-8.4 porpoised\n"
                     "The following options may be given as the first argument:\n"
                     "--print-defaults        Print the program argument list and exit.\n"
                     "--no-defaults           Don't read default options from any option file.\n"
                     "--defaults-file=#       Only read default options from the given file #.\n"
                     "--defaults-extra-file=# Read this file after the global files are read.\n\n";
  for (const OptionSpec& spec : ServerOptionSpecs()) {
    text += PadTo(OptionLabel(spec), 40) + std::string(spec.description) + "\n";
  }
  if (!verbose) {
    return text + "\nTo see what values a running server is using, type\n"
                  "'porpoise -e \"SHOW VARIABLES\"' instead of 'porpoised --verbose --help'.\n";
  }
  engine::GlobalVariables globals;
  (void)ApplyServerConfig(config, globals);  // best effort: shows what could be applied
  text += "\nVariables (--variable-name=value)\n"
          "and boolean options {FALSE|TRUE}                           "
          "Value (after reading options)\n" +
          std::string(58, '-') + " " + std::string(29, '-') + "\n";
  for (const OptionSpec& spec : ServerOptionSpecs()) {
    if (spec.name == "help" || spec.name == "verbose" || spec.name == "version") continue;
    text += PadTo(DashedName(spec.name), 59) + CurrentValue(spec, config, globals) + "\n";
  }
  return text;
}

}  // namespace porpoise::daemon
