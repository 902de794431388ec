// Error-log writer. (server/)
#include "server/logger.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <mutex>
#include <string>

namespace porpoise::server {
namespace {

struct LogSink {
  std::mutex mutex;
  std::atomic<int> fd{STDERR_FILENO};
  std::string path;  // of the file the sink opened itself; guarded by mutex
  int owned_fd = -1;  // the descriptor of that file; guarded by mutex
  std::atomic<int> verbosity{static_cast<int>(LogLevel::kNote)};
};

LogSink& Sink() {
  static LogSink sink;
  return sink;
}

std::string_view LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kSystem: return "System";
    case LogLevel::kError: return "ERROR";
    case LogLevel::kWarning: return "Warning";
    case LogLevel::kNote: return "Note";
  }
  return "Note";
}

std::string Timestamp(int64_t unix_micros) {
  std::time_t seconds = static_cast<std::time_t>(unix_micros / 1000000);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char text[96];
  std::snprintf(text, sizeof(text), "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<long long>(unix_micros % 1000000));
  return text;
}

}  // namespace

void SetLogFd(int fd) { Sink().fd.store(fd); }

namespace {

// Opens `path` for appending; -1 with errno set when it cannot.
int OpenForAppend(const std::string& path) {
  return ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
}

// Makes `fd` (open on `path`) the sink's file; the caller holds the sink's mutex.
void InstallOwned(LogSink& sink, int fd, const std::string& path) {
  int old = sink.owned_fd;
  sink.fd.store(fd);
  sink.owned_fd = fd;
  sink.path = path;
  if (old >= 0) ::close(old);
}

}  // namespace

std::string OpenLogFile(const std::string& path) {
  int fd = OpenForAppend(path);
  if (fd < 0) return std::strerror(errno);
  LogSink& sink = Sink();
  std::lock_guard<std::mutex> lock(sink.mutex);
  InstallOwned(sink, fd, path);
  return {};
}

std::string ReopenLogFile() {
  LogSink& sink = Sink();
  std::lock_guard<std::mutex> lock(sink.mutex);
  if (sink.owned_fd < 0) return {};
  int fd = OpenForAppend(sink.path);
  if (fd < 0) return std::strerror(errno);
  InstallOwned(sink, fd, sink.path);
  return {};
}

void SetLogVerbosity(LogLevel level) { Sink().verbosity.store(static_cast<int>(level)); }

std::string FormatLogLine(int64_t unix_micros, LogLevel level, LogCode code,
                          std::string_view message, uint32_t thread_id) {
  char code_text[16];
  std::snprintf(code_text, sizeof(code_text), "MY-%06u", static_cast<unsigned>(code));
  return Timestamp(unix_micros) + " " + std::to_string(thread_id) + " [" +
         std::string(LevelName(level)) + "] [" + code_text + "] [Server] " +
         std::string(message);
}

void Log(LogLevel level, std::string_view message, uint32_t thread_id) {
  Log(level, LogCode::kNone, message, thread_id);
}

void Log(LogLevel level, LogCode code, std::string_view message, uint32_t thread_id) {
  LogSink& sink = Sink();
  if (static_cast<int>(level) > sink.verbosity.load()) return;
  auto now = std::chrono::system_clock::now().time_since_epoch();
  std::string line =
      FormatLogLine(std::chrono::duration_cast<std::chrono::microseconds>(now).count(), level,
                    code, message, thread_id) + "\n";
  std::lock_guard<std::mutex> lock(sink.mutex);
  size_t written = 0;
  while (written < line.size()) {
    ssize_t rc = ::write(sink.fd.load(), line.data() + written, line.size() - written);
    if (rc <= 0) break;
    written += static_cast<size_t>(rc);
  }
}

}  // namespace porpoise::server
