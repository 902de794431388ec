// DataDirLock: the one server that owns a data directory. (storage/)
#pragma once

#include <string>

#include "common/status.h"

namespace porpoise::storage {

// An exclusive lock on <datadir>/porpoised.lock, held for the object's lifetime (the lock
// goes with the process, so a killed server leaves nothing to clean up). A second server
// started on a data directory in use stops before it reads or changes anything in it.
class DataDirLock {
 public:
  DataDirLock() = default;
  ~DataDirLock();
  DataDirLock(DataDirLock&& other) noexcept;
  DataDirLock& operator=(DataDirLock&& other) noexcept;
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;

  // Takes the lock without waiting; 1105 naming the directory when another process holds it
  // or the lock file cannot be opened.
  static Result<DataDirLock> Acquire(const std::string& datadir);

  bool held() const { return fd_ >= 0; }

 private:
  explicit DataDirLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace porpoise::storage
