// Error-log writer. (server/)
#include "server/logger.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <string>

namespace porpoise::server {
namespace {

struct LogSink {
  std::mutex mutex;
  std::atomic<int> fd{STDERR_FILENO};
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

std::string Timestamp() {
  auto now = std::chrono::system_clock::now();
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch());
  std::time_t seconds = static_cast<std::time_t>(micros.count() / 1000000);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char text[96];
  std::snprintf(text, sizeof(text), "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<long long>(micros.count() % 1000000));
  return text;
}

}  // namespace

void SetLogFd(int fd) { Sink().fd.store(fd); }

void SetLogVerbosity(LogLevel level) { Sink().verbosity.store(static_cast<int>(level)); }

void Log(LogLevel level, std::string_view message, uint32_t thread_id) {
  LogSink& sink = Sink();
  if (static_cast<int>(level) > sink.verbosity.load()) return;
  std::string line = Timestamp() + " " + std::to_string(thread_id) + " [" +
                     std::string(LevelName(level)) + "] [Server] " + std::string(message) + "\n";
  std::lock_guard<std::mutex> lock(sink.mutex);
  size_t written = 0;
  while (written < line.size()) {
    ssize_t rc = ::write(sink.fd.load(), line.data() + written, line.size() - written);
    if (rc <= 0) break;
    written += static_cast<size_t>(rc);
  }
}

}  // namespace porpoise::server
