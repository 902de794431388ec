// LogFile: appending, and noticing rotation. (daemon/)
#include "daemon/log_file.h"

#include <sys/stat.h>
#include <sys/time.h>

#include <ctime>

#include "server/logger.h"

namespace porpoise::daemon {

int64_t WallMicros() {
  timeval now{};
  gettimeofday(&now, nullptr);
  return static_cast<int64_t>(now.tv_sec) * 1000000 + now.tv_usec;
}

std::string FormatMicros(int64_t micros, bool iso) {
  time_t seconds = static_cast<time_t>(micros / 1000000);
  tm parts{};
  gmtime_r(&seconds, &parts);
  char text[64];
  std::snprintf(text, sizeof(text), iso ? "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ"
                                        : "%04d-%02d-%02d %02d:%02d:%02d.%06d",
                parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour,
                parts.tm_min, parts.tm_sec, static_cast<int>(micros % 1000000));
  return text;
}

LogFile::~LogFile() {
  if (file_ != nullptr) std::fclose(file_);
}

void LogFile::Reopen() {
  std::lock_guard<std::mutex> lock(mutex_);
  reopen_ = true;
}

void LogFile::Append(const std::string& path, std::string_view text,
                     const std::function<void(std::FILE*)>& header) {
  std::lock_guard<std::mutex> lock(mutex_);
  struct stat now {};
  bool moved = file_ != nullptr &&
               (::stat(path.c_str(), &now) != 0 || now.st_dev != device_ || now.st_ino != inode_);
  if (file_ == nullptr || path_ != path || moved || reopen_) {
    if (file_ != nullptr) std::fclose(file_);
    reopen_ = false;
    path_ = path;
    file_ = std::fopen(path.c_str(), "a");
    if (file_ == nullptr) {
      server::Log(server::LogLevel::kWarning, "Could not open the log file '" + path + "'");
      return;
    }
    struct stat opened {};
    if (::fstat(::fileno(file_), &opened) == 0) {
      device_ = opened.st_dev;
      inode_ = opened.st_ino;
    }
    if (header) header(file_);
  }
  std::fwrite(text.data(), 1, text.size(), file_);
  std::fflush(file_);
}

}  // namespace porpoise::daemon
