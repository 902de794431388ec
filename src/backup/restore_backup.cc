// RestoreBackup (backup_job.h): a checked copy of a backup directory into a new data
// directory, under that directory's lock. (backup/)
#include <filesystem>
#include <vector>

#include "backup/backup_job.h"
#include "backup/file_copy.h"
#include "backup/manifest.h"
#include "storage/backup.h"
#include "storage/datadir_lock.h"

namespace porpoise::backup {
namespace {

namespace fs = std::filesystem;

constexpr const char* kLockFileName = "porpoised.lock";
constexpr const char* kRestoringSuffix = ".restoring";

Status RestoreProblem(std::string message) {
  return Status::WithMessage(ER_UNKNOWN_ERROR, std::move(message));
}

// The manifest, and each file it lists present with its size (the checksums are compared
// while copying).
Result<Manifest> ReadBackup(const std::string& backup_dir) {
  const std::string path = (fs::path(backup_dir) / kManifestName).string();
  std::error_code error;
  if (!fs::is_regular_file(path, error)) {
    return RestoreProblem(backup_dir + " holds no complete backup: " + kManifestName +
                          " is missing");
  }
  PORPOISE_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  PORPOISE_ASSIGN_OR_RETURN(Manifest manifest, ParseManifest(text));
  for (const ManifestFile& file : manifest.files) {
    fs::path copy = fs::path(backup_dir) / file.name;
    uintmax_t size = fs::file_size(copy, error);
    if (error) return RestoreProblem("The backup file " + copy.string() + " is missing");
    if (size != file.size) {
      return RestoreProblem("The backup file " + copy.string() + " has " + std::to_string(size) +
                            " bytes where the manifest says " + std::to_string(file.size));
    }
  }
  return manifest;
}

// The data directory, created (as porpoised --initialize makes it) or found empty, then
// locked. Whether it was created goes to *created.
Result<storage::DataDirLock> PrepareDataDir(const std::string& datadir, bool* created) {
  std::error_code error;
  *created = !fs::exists(datadir, error);
  if (*created) {
    if (!fs::create_directories(datadir, error) || error) {
      return RestoreProblem("Cannot create the data directory " + datadir + ": " +
                            error.message());
    }
    fs::permissions(datadir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec,
                    error);
  } else if (!fs::is_directory(datadir, error)) {
    return RestoreProblem("The data directory " + datadir + " exists and is not a directory");
  }
  // A lock file this restore creates goes again when the directory proves not empty.
  const fs::path lock_path = fs::path(datadir) / kLockFileName;
  const bool lock_existed = fs::exists(lock_path, error);
  Result<storage::DataDirLock> lock = storage::DataDirLock::Acquire(datadir);
  if (!lock.ok()) {
    return RestoreProblem("Cannot restore into " + datadir + ": " + lock.status().message() +
                          " (stop the server first; a restore needs an empty data directory)");
  }
  for (const fs::directory_entry& entry : fs::directory_iterator(datadir, error)) {
    if (entry.path().filename() != kLockFileName) {
      if (!lock_existed) fs::remove(lock_path, error);
      return RestoreProblem("The data directory " + datadir + " is not empty (it holds " +
                            entry.path().filename().string() +
                            "): restore only into a new or empty directory");
    }
  }
  return lock;
}

// One file into place: copied under a temporary name, compared with the manifest, renamed.
Status RestoreFile(const std::string& backup_dir, const std::string& datadir,
                   const ManifestFile& file, std::vector<std::string>& written) {
  const std::string from = (fs::path(backup_dir) / file.name).string();
  const std::string to = (fs::path(datadir) / file.name).string();
  const std::string temporary = to + kRestoringSuffix;
  written.push_back(temporary);
  PORPOISE_ASSIGN_OR_RETURN(FileDigest digest, CopyFileSynced(from, temporary, file.mode));
  if (digest.size != file.size || digest.sha256 != file.sha256) {
    return RestoreProblem("The backup file " + from +
                          " is damaged: its SHA-256 differs from the manifest's");
  }
  written.push_back(to);
  std::error_code error;
  fs::rename(temporary, to, error);
  if (error) return RestoreProblem("Cannot rename " + temporary + ": " + error.message());
  return Status::OK();
}

Status RestoreFiles(const std::string& backup_dir, const std::string& datadir,
                    const Manifest& manifest, std::vector<std::string>& written) {
  // porpoise.db last: a data directory holding it is one a server will start on.
  for (const ManifestFile& file : manifest.files) {
    if (file.name != kDataFileName) {
      PORPOISE_RETURN_IF_ERROR(RestoreFile(backup_dir, datadir, file, written));
    }
  }
  for (const ManifestFile& file : manifest.files) {
    if (file.name == kDataFileName) {
      PORPOISE_RETURN_IF_ERROR(RestoreFile(backup_dir, datadir, file, written));
    }
  }
  return storage::SyncPath(datadir);
}

}  // namespace

Result<std::string> RestoreBackup(const BackupCommand& command) {
  PORPOISE_ASSIGN_OR_RETURN(Manifest manifest, ReadBackup(command.target_dir));
  bool created = false;
  PORPOISE_ASSIGN_OR_RETURN(storage::DataDirLock lock, PrepareDataDir(command.datadir, &created));
  std::vector<std::string> written;
  Status status = RestoreFiles(command.target_dir, command.datadir, manifest, written);
  if (status.ok() && created) status = SyncParentDirectory(command.datadir);
  if (status.ok()) {
    return "Restored the backup of " + manifest.source_datadir + " taken at " +
           manifest.snapshot_time + " (server " + manifest.server_version + ") into " +
           command.datadir + ": " + std::to_string(manifest.files.size()) + " files\n";
  }
  std::error_code error;
  for (const std::string& path : written) fs::remove(path, error);
  if (created) {
    fs::remove(fs::path(command.datadir) / kLockFileName, error);
    fs::remove(command.datadir, error);
  }
  return status;
}

}  // namespace porpoise::backup
