// BackupDatabase: an online, consistent copy of a SQLite database file, taken from one read
// snapshot while other connections (other processes too) keep writing. (storage/)
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "common/status.h"

struct sqlite3;

namespace porpoise::storage {

struct BackupOptions {
  // Called on the connection that checks the copy, before the check runs: registers the
  // collations and functions the schema names, which storage/ does not know. May be empty.
  std::function<Status(sqlite3*)> prepare_check;
  bool full_check = true;  // PRAGMA integrity_check; false: quick_check
};

struct BackupResult {
  // Taken just before the read snapshot began: every transaction whose commit returned before
  // this instant is in the copy; none that began after the snapshot is.
  std::chrono::system_clock::time_point snapshot_time;
  int64_t pages = 0;
  int64_t page_size = 0;
  std::chrono::steady_clock::duration copy_time{};   // the snapshot held, pages copied
  std::chrono::steady_clock::duration check_time{};  // integrity check of the copy
};

// Copies the database at `source_path` into the new file `target_path` from one read
// snapshot (SQLite's online backup API, all pages in one step), so the copy is one instant of
// the whole file. Writers are not held up: in WAL mode a reader blocks nobody, it only keeps
// checkpoints from going past its snapshot while the copy runs. The source is only read;
// no lock file is taken. The copy keeps the source's WAL mode, passes the integrity check
// (1105 with the check's first complaint otherwise) and is fsynced with its directory before
// this returns. 1105 when `target_path` exists, the source is missing or a step fails; a
// partial copy is removed.
Result<BackupResult> BackupDatabase(const std::string& source_path,
                                    const std::string& target_path,
                                    const BackupOptions& options = {});

// fsync(2) of a file or of a directory (its entries: created and renamed files). 1105 naming
// the path on failure.
Status SyncPath(const std::string& path);

}  // namespace porpoise::storage
