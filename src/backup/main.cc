// main() of porpoise-backup: online backups of a porpoised data directory and their
// restore. (backup/)
#include <cstdio>
#include <string>
#include <vector>

#include "backup/backup_job.h"
#include "backup/backup_options.h"

int main(int argc, char** argv) {
  using porpoise::backup::BackupMode;
  std::vector<std::string> args(argv + 1, argv + argc);
  porpoise::Result<porpoise::backup::BackupCommand> command =
      porpoise::backup::ParseBackupCommand(args);
  if (!command.ok()) {
    std::fprintf(stderr, "porpoise-backup: %s (see --help)\n", command.status().message().c_str());
    return 2;
  }
  for (const std::string& warning : command->warnings) {
    std::fprintf(stderr, "porpoise-backup: warning: %s\n", warning.c_str());
  }
  if (command->mode == BackupMode::kHelp || command->mode == BackupMode::kVersion) {
    std::string text = porpoise::backup::BackupVersion() + "\n";
    if (command->mode == BackupMode::kHelp) text += porpoise::backup::BackupUsage();
    std::fputs(text.c_str(), stdout);
    return 0;
  }
  porpoise::Result<std::string> done = command->mode == BackupMode::kBackup
                                           ? porpoise::backup::TakeBackup(*command)
                                           : porpoise::backup::RestoreBackup(*command);
  if (!done.ok()) {
    std::fprintf(stderr, "porpoise-backup: %s\n", done.status().message().c_str());
    return 1;
  }
  std::fputs(done->c_str(), stdout);
  return 0;
}
