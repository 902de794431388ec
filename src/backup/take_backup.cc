// TakeBackup (backup_job.h): porpoise.db from one snapshot, the *.pem files, the manifest.
// (backup/)
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <vector>

#include "backup/backup_job.h"
#include "backup/file_copy.h"
#include "backup/manifest.h"
#include "catalog/system_variables.h"
#include "engine/sqlite_functions.h"
#include "storage/backup.h"
#include "storage/database.h"

namespace porpoise::backup {
namespace {

namespace fs = std::filesystem;

Status BackupProblem(std::string message) {
  return Status::WithMessage(ER_UNKNOWN_ERROR, std::move(message));
}

std::string UtcTime(std::chrono::system_clock::time_point when) {
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(when.time_since_epoch());
  std::time_t seconds = static_cast<std::time_t>(micros.count() / 1000000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[40];
  size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(text + length, sizeof text - length, ".%06lldZ",
                static_cast<long long>(micros.count() % 1000000));
  return text;
}

double Seconds(std::chrono::steady_clock::duration duration) {
  return std::chrono::duration<double>(duration).count();
}

// The target directory: created (0700: it will hold private keys) or found empty.
Result<bool> PrepareTarget(const std::string& target_dir) {
  std::error_code error;
  if (fs::exists(target_dir, error)) {
    if (!fs::is_directory(target_dir, error)) {
      return BackupProblem("The backup target " + target_dir + " exists and is not a directory");
    }
    if (!fs::is_empty(target_dir, error) || error) {
      return BackupProblem("The backup target directory " + target_dir +
                           " is not empty: give a new or empty directory");
    }
    fs::permissions(target_dir, fs::perms::owner_all, error);  // it will hold private keys
    if (error) {
      return BackupProblem("Cannot make " + target_dir + " private (mode 0700): " +
                           error.message());
    }
    return false;
  }
  if (!fs::create_directories(target_dir, error) || error) {
    return BackupProblem("Cannot create the backup directory " + target_dir + ": " +
                         error.message());
  }
  fs::permissions(target_dir, fs::perms::owner_all, error);
  return true;
}

// The key and certificate files of the data directory, by name.
std::vector<std::string> PemFiles(const std::string& datadir) {
  std::vector<std::string> names;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(datadir, error)) {
    std::string name = entry.path().filename().string();
    if (entry.is_regular_file(error) && name != kDataFileName && IsBackupFileName(name)) {
      names.push_back(name);
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

// porpoise_meta.format_version of the copy (the snapshot's), "" when it has none.
Result<std::string> DataFormatVersion(const std::string& path) {
  PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<storage::Database> db,
                            storage::Database::Open(path, storage::OpenOptions{}));
  PORPOISE_ASSIGN_OR_RETURN(
      storage::Statement read,
      db->Prepare("SELECT value FROM porpoise_meta WHERE key = 'format_version'"));
  PORPOISE_ASSIGN_OR_RETURN(bool has_row, read.Step());
  return has_row ? std::string(read.ColumnText(0)) : std::string();
}

struct Copied {
  Manifest manifest;
  storage::BackupResult database;
};

Status CopyDataDirectory(const BackupCommand& command, Copied& copied) {
  const std::string source = (fs::path(command.datadir) / kDataFileName).string();
  const std::string target = (fs::path(command.target_dir) / kDataFileName).string();
  engine::FunctionHost host;
  storage::BackupOptions options;
  options.prepare_check = [&host](sqlite3* db) { return engine::RegisterSqliteFunctions(db, &host); };
  PORPOISE_ASSIGN_OR_RETURN(copied.database, storage::BackupDatabase(source, target, options));
  Manifest& manifest = copied.manifest;
  manifest.snapshot_time = UtcTime(copied.database.snapshot_time);
  PORPOISE_ASSIGN_OR_RETURN(manifest.data_format_version, DataFormatVersion(target));
  ManifestFile data_file{kDataFileName};
  // The copy holds the accounts' authentication data: the owner's alone, whatever the
  // source's mode (its data directory's mode is what protects the source).
  PORPOISE_ASSIGN_OR_RETURN(data_file.mode, FileMode(source));
  data_file.mode &= 0600;
  if (::chmod(target.c_str(), static_cast<mode_t>(data_file.mode)) != 0) {
    return BackupProblem("Cannot set the mode of " + target);
  }
  PORPOISE_RETURN_IF_ERROR(storage::SyncPath(target));
  PORPOISE_ASSIGN_OR_RETURN(FileDigest digest, DigestFile(target));
  data_file.size = digest.size;
  data_file.sha256 = digest.sha256;
  manifest.files.push_back(std::move(data_file));
  for (const std::string& name : PemFiles(command.datadir)) {
    ManifestFile file{name};
    const std::string from = (fs::path(command.datadir) / name).string();
    PORPOISE_ASSIGN_OR_RETURN(file.mode, FileMode(from));
    PORPOISE_ASSIGN_OR_RETURN(
        FileDigest pem, CopyFileSynced(from, (fs::path(command.target_dir) / name).string(), file.mode));
    file.size = pem.size;
    file.sha256 = pem.sha256;
    manifest.files.push_back(std::move(file));
  }
  return Status::OK();
}

// The manifest goes in last, under a temporary name renamed into place, then the directory
// is synced: a directory with a manifest holds a whole backup.
Status WriteManifest(const std::string& target_dir, Manifest& manifest) {
  manifest.finished_time = UtcTime(std::chrono::system_clock::now());
  const std::string path = (fs::path(target_dir) / kManifestName).string();
  const std::string temporary = path + ".tmp";
  PORPOISE_RETURN_IF_ERROR(WriteFileSynced(temporary, FormatManifest(manifest), 0600));
  std::error_code error;
  fs::rename(temporary, path, error);
  if (error) return BackupProblem("Cannot rename " + temporary + ": " + error.message());
  return storage::SyncPath(target_dir);
}

std::string Summary(const BackupCommand& command, const Copied& copied) {
  const Manifest& manifest = copied.manifest;
  uint64_t bytes = 0;
  for (const ManifestFile& file : manifest.files) bytes += file.size;
  char timings[160];
  std::snprintf(timings, sizeof timings,
                "copied in %.3f s, checked in %.3f s; %zu files, %llu bytes",
                Seconds(copied.database.copy_time), Seconds(copied.database.check_time),
                manifest.files.size(), static_cast<unsigned long long>(bytes));
  return "Backup of " + command.datadir + " complete in " + command.target_dir +
         ": snapshot at " + manifest.snapshot_time + ", " + timings + "\n";
}

}  // namespace

Result<std::string> TakeBackup(const BackupCommand& command) {
  std::error_code error;
  if (!fs::is_regular_file(fs::path(command.datadir) / kDataFileName, error)) {
    return BackupProblem(command.datadir + " is not a Porpoise data directory (no " +
                         kDataFileName + " in it)");
  }
  PORPOISE_ASSIGN_OR_RETURN(bool created, PrepareTarget(command.target_dir));
  Copied copied;
  copied.manifest.server_version =
      std::string(catalog::FindSystemVariable("version")->default_value);
  copied.manifest.source_datadir = command.datadir;
  Status status = CopyDataDirectory(command, copied);
  if (status.ok()) status = WriteManifest(command.target_dir, copied.manifest);
  if (status.ok() && created) status = SyncParentDirectory(command.target_dir);
  if (status.ok()) return Summary(command, copied);
  // Take back what was written: the directory was empty (or new) before.
  std::vector<fs::path> written;
  for (const fs::directory_entry& entry : fs::directory_iterator(command.target_dir, error)) {
    written.push_back(entry.path());
  }
  for (const fs::path& path : written) fs::remove(path, error);
  if (created) fs::remove(command.target_dir, error);
  return status;
}

}  // namespace porpoise::backup
