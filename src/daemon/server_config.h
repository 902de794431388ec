// porpoised's configuration: every option it accepts, read from my.cnf groups [mysqld],
// [server], [mysqld-8.4] and [porpoised] and then the command line (which wins). (daemon/)
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/option_file.h"
#include "common/status.h"
#include "engine/variables.h"

namespace porpoise::daemon {

struct ServerConfig {
  // Listening. bind_addresses holds the parsed --bind-address: one entry per comma-separated
  // address, or a single "*" / "0.0.0.0" / "::" wildcard ("*" = every IPv4 and IPv6 address).
  std::vector<std::string> bind_addresses = {"127.0.0.1"};
  uint16_t port = 3306;           // 0: any free port (tests)
  std::string socket;             // default <datadir>/porpoise.sock
  bool skip_networking = false;   // unix socket only
  std::string allow_from;         // --allow-from as given (checked by net::AddressFilter)

  // Files. Relative pid_file / log_error are relative to datadir (as MySQL does); empty datadir
  // means "not given": the caller picks one and calls ResolveDataDirPaths.
  std::string datadir;            // absolute once given
  std::string pid_file;           // default <datadir>/<hostname>.pid
  std::string log_error;          // "" = stderr; --log-error alone = <datadir>/<hostname>.err
  std::string basedir;

  // Limits and timeouts (seconds).
  uint32_t max_connections = 151;
  uint64_t open_files_limit = 0;  // 0: not given (main.cc works out what to ask for)
  uint32_t max_allowed_packet = 67108864;
  uint32_t connect_timeout = 10;
  uint32_t wait_timeout = 28800;
  std::string default_authentication_plugin = "caching_sha2_password";

  // Actions and process options.
  bool initialize = false;           // build the datadir, root@localhost via auth_socket
  bool initialize_insecure = false;  // build the datadir, root@localhost with no password
  bool help = false;
  bool verbose = false;
  bool version = false;
  bool print_defaults = false;       // --print-defaults: print `print_defaults_arguments`, exit
  bool skip_grant_tables = false;
  bool daemonize = false;
  std::string user;                  // --user: the OS account to run as

  std::string hostname;              // gethostname(), for the default file names

  // Every system-variable option given (files then command line; later ones win), as
  // canonical name -> normalized value, to feed GlobalVariables::SetFromOption in order.
  std::vector<std::pair<std::string, std::string>> variable_values;
  // Where each of them was last given: "command line" or "<file>:<line>".
  std::map<std::string, std::string> variable_origins;
  // The options read from option files as "--name=value" (what --print-defaults prints).
  std::vector<std::string> print_defaults_arguments;
  // Non-fatal problems for the error log: unknown loose- options, clamped values, ...
  std::vector<std::string> warnings;
};

// Reads option files then the command line (argv without the program name). Errors carry a
// message ready for stderr ("unknown option '--frobnicate'"; the caller exits with status 1).
Result<ServerConfig> LoadServerConfig(std::span<const std::string> argv_without_program);

// As LoadServerConfig, but reading the option files of `sources` explicitly instead of
// parsing them from the arguments' head (tests: sources.search_files_for_testing).
Result<ServerConfig> LoadServerConfigFrom(const OptionFileSources& sources,
                                          std::span<const std::string> arguments);

// Fills the datadir-derived defaults (socket, pid_file, relative log_error/pid_file) for
// `datadir` (made absolute). LoadServerConfig calls it when --datadir was given.
void ResolveDataDirPaths(ServerConfig& config, std::string_view datadir);

// Every option porpoised accepts (daemon options and the system variables marked as options),
// sorted by name. The views point into static storage.
std::span<const OptionSpec> ServerOptionSpecs();

// Pushes the configuration into the global variables: every variable_values entry, then the
// values the config decides (port, socket, datadir, pid_file, log_error, bind_address,
// hostname, ...). Run once at startup.
Status ApplyServerConfig(const ServerConfig& config, engine::GlobalVariables& globals);

// "porpoised  Ver 8.4.3-porpoise for Linux on x86_64 (Porpoise)"
std::string VersionText();

// --help: usage, option-file sources and every option with a one-line description; with
// `verbose` also the "Variables (--variable-name=value)" table of every option's value after
// reading options, as mysqld --help --verbose prints it.
std::string HelpText(const ServerConfig& config, bool verbose);

// Checks one --bind-address value and splits it into addresses (see ServerConfig).
Result<std::vector<std::string>> ParseBindAddress(std::string_view value);

}  // namespace porpoise::daemon
