// The two things porpoise-backup does: take a backup of a data directory, restore one into a
// new data directory. (backup/)
#pragma once

#include <string>

#include "backup/backup_options.h"
#include "common/status.h"

namespace porpoise::backup {

// --backup: `command.datadir` (its server running or not) into `command.target_dir`, which
// must be empty or absent (it is created, mode 0700). Copies porpoise.db as of one instant
// (storage::BackupDatabase, integrity-checked with the server's collations and functions)
// and every *.pem file with its mode, then writes the manifest last; everything is fsynced.
// Takes no lock of the data directory. Returns a summary for the user; on failure the files
// it wrote are removed and 1105 says what went wrong.
Result<std::string> TakeBackup(const BackupCommand& command);

// --restore: the backup in `command.target_dir` into `command.datadir`, which must be absent
// or empty (a porpoised.lock alone is allowed) and not in use: the restore holds the data
// directory's lock throughout, so a server started meanwhile stops, and a running server
// makes it stop. Checks the manifest, copies each file under a temporary name, compares its
// size and SHA-256 with the manifest, renames it into place (porpoise.db last) and fsyncs the
// directory. Modes are kept; the files belong to the user running the restore.
Result<std::string> RestoreBackup(const BackupCommand& command);

}  // namespace porpoise::backup
