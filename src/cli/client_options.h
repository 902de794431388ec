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
  std::optional<std::string> tee_file;    // --tee=FILE (--no-tee, --skip-tee: none)
  // Where interactive results go: nullopt for stdout (the default, --skip-pager), else the
  // command they are piped to (--pager=CMD, or --pager alone: $PAGER).
  std::optional<std::string> pager;
  std::string default_pager;              // what `pager` alone goes back to; "" when none
  std::optional<std::string> prompt;      // --prompt, else $MYSQL_PS1; nullopt: "porpoise> "
  std::vector<std::string> init_commands;  // --init-command, then --safe-updates' SET
  bool safe_updates = false;              // -U / --safe-updates / --i-am-a-dummy
  uint64_t select_limit = 1000;           // --select-limit, with --safe-updates
  uint64_t max_join_size = 1000000;       // --max-join-size, with --safe-updates
  bool auto_rehash = true;                // completion names; -A / --no-auto-rehash: off
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
  std::string pager_variable;  // $PAGER: the pager of --pager without a value
  std::optional<std::string> prompt_variable;  // $MYSQL_PS1: the prompt unless --prompt
};

// The environment's part from the process's variables (login name, $PAGER, $MYSQL_PS1).
ClientEnvironment CurrentEnvironment();

// The statement --safe-updates sends after connecting, as the mysql client words it.
std::string SafeUpdatesStatement(uint64_t select_limit, uint64_t max_join_size);

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
