// LogFile: a text log appended to entry by entry, opened on first use and opened again when
// its name changes, when the file was moved away or removed (logrotate: no FLUSH LOGS
// needed), or after Reopen() (FLUSH LOGS, SIGHUP). Thread-safe. (daemon/)
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <cstdio>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

namespace porpoise::daemon {

// The wall clock, in microseconds since the epoch.
int64_t WallMicros();
// "2026-12-03T03:20:00.123456Z" (log_timestamps=UTC), or "2026-12-03 03:20:00.123456" for a
// TIMESTAMP(6) column of a session whose time zone is UTC.
std::string FormatMicros(int64_t micros, bool iso);

class LogFile {
 public:
  LogFile() = default;
  ~LogFile();
  LogFile(const LogFile&) = delete;
  LogFile& operator=(const LogFile&) = delete;

  // Appends `text` to the file at `path` and flushes it. `header` writes what a freshly
  // opened file starts with (may be empty). A file that cannot be opened is reported in the
  // error log and the entry is dropped.
  void Append(const std::string& path, std::string_view text,
              const std::function<void(std::FILE*)>& header = {});
  // The next Append opens the file again.
  void Reopen();

 private:
  std::mutex mutex_;
  std::string path_;           // GUARDED_BY(mutex_): as opened
  std::FILE* file_ = nullptr;  // GUARDED_BY(mutex_)
  dev_t device_ = 0;           // GUARDED_BY(mutex_): of the file opened
  ino_t inode_ = 0;            // GUARDED_BY(mutex_)
  bool reopen_ = false;        // GUARDED_BY(mutex_)
};

}  // namespace porpoise::daemon
