// BackupDatabase (backup.h): SQLite's online backup API from one read snapshot, then a check
// and an fsync of the copy. (storage/)
#include "storage/backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <utility>

#include "storage/database.h"

namespace porpoise::storage {
namespace {

Status BackupError(std::string message) {
  return Status::WithMessage(ER_UNKNOWN_ERROR, std::move(message));
}

// The directory holding `path` ("." for a bare name), for the fsync of its entry.
std::string ParentDirectory(const std::string& path) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

// Starts a read transaction on `source` and reads from it, which fixes its snapshot: the
// backup step then copies that snapshot (it uses an open read transaction as it finds it).
Status BeginSnapshot(Database& source) {
  PORPOISE_RETURN_IF_ERROR(source.Execute("BEGIN"));
  PORPOISE_ASSIGN_OR_RETURN(Statement read, source.Prepare("SELECT count(*) FROM sqlite_schema"));
  return read.Step().status();
}

// All pages of `source`'s open snapshot into `target` in one step.
Status CopyPages(Database& source, Database& target, BackupResult& result) {
  sqlite3_backup* backup = sqlite3_backup_init(target.handle(), "main", source.handle(), "main");
  if (backup == nullptr) {
    return BackupError(std::string("Cannot start the copy: ") + sqlite3_errmsg(target.handle()));
  }
  int rc = sqlite3_backup_step(backup, -1);
  result.pages = sqlite3_backup_pagecount(backup);
  int finished = sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    return BackupError(std::string("The copy failed: ") + sqlite3_errstr(rc));
  }
  if (finished != SQLITE_OK) {
    return BackupError(std::string("The copy failed: ") + sqlite3_errmsg(target.handle()));
  }
  return Status::OK();
}

// The copy says WAL in its header (page 1 came from a WAL database); make sure of it, then
// run the check. The connection writes nothing: closing it leaves only the database file.
Status CheckCopy(Database& copy, const BackupOptions& options, BackupResult& result) {
  PORPOISE_ASSIGN_OR_RETURN(Statement mode, copy.Prepare("PRAGMA journal_mode=WAL"));
  PORPOISE_ASSIGN_OR_RETURN(bool has_mode, mode.Step());
  if (!has_mode || mode.ColumnText(0) != "wal") {
    return BackupError("The copy could not be put in WAL mode");
  }
  PORPOISE_ASSIGN_OR_RETURN(Statement page_size, copy.Prepare("PRAGMA page_size"));
  PORPOISE_ASSIGN_OR_RETURN(bool has_size, page_size.Step());
  if (has_size) result.page_size = page_size.ColumnInt64(0);
  if (options.prepare_check) PORPOISE_RETURN_IF_ERROR(options.prepare_check(copy.handle()));
  PORPOISE_ASSIGN_OR_RETURN(
      Statement check,
      copy.Prepare(options.full_check ? "PRAGMA integrity_check(1)" : "PRAGMA quick_check(1)"));
  PORPOISE_ASSIGN_OR_RETURN(bool has_row, check.Step());
  if (!has_row) return BackupError("The integrity check of the copy returned nothing");
  std::string verdict(check.ColumnText(0));
  if (verdict != "ok") return BackupError("The copy fails its integrity check: " + verdict);
  return Status::OK();
}

Result<BackupResult> CopyAndCheck(const std::string& source_path, const std::string& target_path,
                                  const BackupOptions& options) {
  BackupResult result;
  // Read-write, never written: a read-only connection would leave -wal and -shm files behind
  // in the data directory of a stopped server; as the last connection, this one's close
  // removes them (after checkpointing a WAL a crashed server left, as the server's next start
  // would).
  OpenOptions source_options;
  PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<Database> source,
                            Database::Open(source_path, source_options));
  OpenOptions target_options;
  target_options.create = true;
  PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<Database> copy,
                            Database::Open(target_path, target_options));
  auto copy_started = std::chrono::steady_clock::now();
  result.snapshot_time = std::chrono::system_clock::now();
  PORPOISE_RETURN_IF_ERROR(BeginSnapshot(*source));
  PORPOISE_RETURN_IF_ERROR(CopyPages(*source, *copy, result));
  PORPOISE_RETURN_IF_ERROR(source->Execute("COMMIT"));
  source.reset();
  auto check_started = std::chrono::steady_clock::now();
  result.copy_time = check_started - copy_started;
  PORPOISE_RETURN_IF_ERROR(CheckCopy(*copy, options, result));
  copy.reset();
  result.check_time = std::chrono::steady_clock::now() - check_started;
  return result;
}

}  // namespace

Status SyncPath(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return BackupError("Cannot open " + path + " to sync it: " + std::strerror(errno));
  int rc = ::fsync(fd);
  int error = errno;
  ::close(fd);
  if (rc != 0) return BackupError("Cannot sync " + path + ": " + std::strerror(error));
  return Status::OK();
}

Result<BackupResult> BackupDatabase(const std::string& source_path,
                                    const std::string& target_path,
                                    const BackupOptions& options) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(source_path, error)) {
    return BackupError("There is no database file " + source_path);
  }
  if (std::filesystem::exists(target_path, error) || error) {
    return BackupError("The backup target " + target_path + " exists already");
  }
  Result<BackupResult> result = CopyAndCheck(source_path, target_path, options);
  if (result.ok()) {
    Status synced = SyncPath(target_path);
    if (synced.ok()) synced = SyncPath(ParentDirectory(target_path));
    if (synced.ok()) return result;
    result = std::move(synced);
  }
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
    std::filesystem::remove(target_path + suffix, error);
  }
  return result;
}

}  // namespace porpoise::storage
