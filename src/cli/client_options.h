// The porpoise client's options: the mysql client's flags, read from the [client], [mysql] and
// [porpoise] groups of option files and then the command line, resolved into ClientSettings.
// (cli/)
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "client/connection.h"
#include "common/option_file.h"
#include "common/status.h"

namespace porpoise::cli {

enum class OutputLayout { kAuto, kTable, kVertical };

struct ClientSettings {
  client::ConnectOptions connect;
  bool prompt_password = false;           // -p / --password without a value
  std::optional<std::string> execute;     // -e
  bool batch = false;                     // -B given
  OutputLayout layout = OutputLayout::kAuto;  // -t / -E
  bool column_names = true;               // -N turns it off
  int silent = 0;                         // -s count
  int verbose = 0;                        // -v count
  bool force = false;                     // -f
  bool raw = false;                       // -r
  bool show_warnings = false;             // --show-warnings
  bool beep = true;                       // --no-beep turns it off
  bool line_numbers = true;               // "at line N" in batch-mode errors
  bool print_version = false;             // -V
  bool print_help = false;                // -?
  std::vector<std::string> warnings;      // ignored option-file entries, for --verbose
};

// What the environment contributes; tests pass their own.
struct ClientEnvironment {
  std::string login_name;  // the default user, as the mysql client takes it
  // Replaces the default option-file search list (tests); nullopt: MySQL's list.
  std::optional<std::vector<std::string>> option_files_for_testing;
};

// The login name of the current OS user (getpwuid(getuid())), "" when unknown.
std::string CurrentLoginName();

// The options porpoise accepts, for parsing and for --help.
std::span<const OptionSpec> ClientOptionSpecs();

// Resolves `args` (without the program name): leading --no-defaults / --defaults-file=F /
// --defaults-extra-file=F, then option files ([client], [mysql], [porpoise]; entries porpoise
// does not know are skipped, since [client] is shared with other tools), then the command line
// (unknown options are an error). The first positional argument is the database.
Result<ClientSettings> ResolveClientSettings(std::span<const std::string> args,
                                             const ClientEnvironment& environment);

// The --help text.
std::string ClientUsage(std::string_view program_name);

}  // namespace porpoise::cli
