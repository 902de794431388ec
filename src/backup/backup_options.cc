// ParseBackupCommand (backup_options.h). (backup/)
#include "backup/backup_options.h"

#include <array>
#include <filesystem>
#include <vector>

#include "catalog/system_variables.h"
#include "common/option_file.h"

namespace porpoise::backup {
namespace {

constexpr std::array<OptionSpec, 7> kSpecs = {{
    {"backup", false, false, 0, true, "Take a backup of the data directory into --target-dir."},
    {"restore", false, false, 0, true,
     "Restore the backup in --target-dir into an empty or new --datadir."},
    {"target_dir", true, false, 0, false, "The backup directory (empty or new for --backup)."},
    {"target", true, false, 0, false, "Same as --target-dir."},
    {"datadir", true, false, 'h', false,
     "The server's data directory (default: datadir in [mysqld] of the option files)."},
    {"help", false, false, '?', true, "Print this help and exit."},
    {"version", false, false, 'V', true, "Print the version and exit."},
}};

Status OptionProblem(std::string message) {
  return Status::WithMessage(ER_UNKNOWN_ERROR, std::move(message));
}

Status Apply(const OptionValue& option, BackupCommand& command, int& modes) {
  const std::string value = option.value.value_or("");
  const bool on = value == "ON";
  if (option.name == "backup" || option.name == "restore") {
    if (on) {
      command.mode = option.name == "backup" ? BackupMode::kBackup : BackupMode::kRestore;
      ++modes;
    }
  } else if (option.name == "target_dir" || option.name == "target") {
    command.target_dir = value;
  } else if (option.name == "datadir") {
    command.datadir = value;
  } else if (option.name == "help" && on) {
    command.mode = BackupMode::kHelp;
    modes = -100;  // wins over everything else, and nothing else is needed
  } else if (option.name == "version" && on && modes >= 0) {
    command.mode = BackupMode::kVersion;
    modes = -100;
  }
  return Status::OK();
}

// The server's datadir from its option groups: only `datadir` is read there.
Result<std::string> ServerDataDir(const OptionFileSources& sources,
                                  std::vector<std::string>& warnings) {
  const std::array<std::string, 3> groups = {"mysqld", "server", "porpoised"};
  PORPOISE_ASSIGN_OR_RETURN(std::vector<OptionValue> values,
                            ReadOptionFiles(sources, groups, &warnings));
  std::string datadir;
  for (const OptionValue& option : values) {
    if (option.name == "datadir" && option.value) datadir = *option.value;
  }
  return datadir;
}

Status CheckComplete(const BackupCommand& command, int modes) {
  if (modes < 0) return Status::OK();  // --help or --version
  if (modes != 1) return OptionProblem("give exactly one of --backup and --restore");
  if (command.target_dir.empty()) {
    return OptionProblem("no backup directory: give --target-dir=DIR");
  }
  if (command.datadir.empty()) {
    return OptionProblem("no data directory: give --datadir=DIR or set datadir in the [mysqld] "
                         "group of an option file");
  }
  return Status::OK();
}

}  // namespace

Result<BackupCommand> ParseBackupCommand(std::span<const std::string> args) {
  size_t consumed = 0;
  PORPOISE_ASSIGN_OR_RETURN(OptionFileSources sources, ParseOptionFileSources(args, &consumed));
  BackupCommand command;
  PORPOISE_ASSIGN_OR_RETURN(command.datadir, ServerDataDir(sources, command.warnings));
  const std::array<std::string, 1> own_group = {"porpoise-backup"};
  PORPOISE_ASSIGN_OR_RETURN(std::vector<OptionValue> own_values,
                            ReadOptionFiles(sources, own_group, &command.warnings));
  PORPOISE_ASSIGN_OR_RETURN(own_values,
                            ResolveOptions(std::move(own_values), kSpecs, &command.warnings));
  std::vector<std::string> positional;
  PORPOISE_ASSIGN_OR_RETURN(
      std::vector<OptionValue> command_line,
      ParseCommandLine(args.subspan(consumed), kSpecs, &positional, &command.warnings));
  if (!positional.empty()) return OptionProblem("unexpected argument '" + positional[0] + "'");
  int modes = 0;
  for (const std::vector<OptionValue>* values : {&own_values, &command_line}) {
    for (const OptionValue& option : *values) PORPOISE_RETURN_IF_ERROR(Apply(option, command, modes));
  }
  PORPOISE_RETURN_IF_ERROR(CheckComplete(command, modes));
  std::error_code error;
  if (!command.datadir.empty()) {
    command.datadir = std::filesystem::absolute(command.datadir, error).lexically_normal().string();
  }
  return command;
}

std::string BackupUsage() {
  std::string text =
      "Usage: porpoise-backup --backup --target-dir=DIR [--datadir=DIR]\n"
      "       porpoise-backup --restore --target-dir=DIR --datadir=DIR\n\n"
      "--backup copies the data directory of a running (or stopped) porpoised, as of one\n"
      "instant, into DIR, which must be empty or new: porpoise.db, the *.pem keys and\n"
      "certificates, and a manifest. --restore copies such a backup into an empty or new\n"
      "data directory that no server is using.\n"
      "The data directory is read from the [mysqld], [server] and [porpoised] groups of\n"
      "/etc/my.cnf, /etc/mysql/my.cnf, /etc/porpoise/my.cnf, ~/.my.cnf; options from the\n"
      "[porpoise-backup] group, then the command line. Leading --no-defaults,\n"
      "--defaults-file=F, --defaults-extra-file=F choose the files.\n\n";
  text += FormatOptionHelp(kSpecs, 26);
  return text;
}

std::string BackupVersion() {
  const catalog::SystemVariable* version = catalog::FindSystemVariable("version");
  return "porpoise-backup  Ver " + std::string(version->default_value) +
         " for Linux (Porpoise)";
}

}  // namespace porpoise::backup
