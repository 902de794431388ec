// porpoise-backup's command line and option files: what to do, where the data directory and
// the backup directory are. (backup/)
#pragma once

#include <span>
#include <string>
#include <vector>

#include "common/status.h"

namespace porpoise::backup {

enum class BackupMode { kBackup, kRestore, kHelp, kVersion };

struct BackupCommand {
  BackupMode mode = BackupMode::kHelp;
  std::string target_dir;  // the backup directory: written by --backup, read by --restore
  std::string datadir;     // absolute: the server's data directory
  std::vector<std::string> warnings;  // from the option files (a missing !include ...)
};

// Reads, as mysqld does, the leading --no-defaults / --defaults-file= / --defaults-extra-file=,
// the data directory from the option files' [mysqld], [server] and [porpoised] groups (the
// last `datadir` wins; the other options there are the server's and are ignored), then the
// [porpoise-backup] group and the command line against porpoise-backup's own options.
// --backup or --restore (one of them), --target-dir=DIR (or --target DIR); --datadir=DIR
// overrides the files. 1105 with a message for anything missing, doubled or unknown.
Result<BackupCommand> ParseBackupCommand(std::span<const std::string> args);

std::string BackupUsage();
std::string BackupVersion();

}  // namespace porpoise::backup
