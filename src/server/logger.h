// The error log: one line per message in MySQL 8's format, "time thread [label] [code]
// [subsystem] message" ("2026-11-22T03:44:39.123456Z 0 [Note] [MY-000000] [Server] ..."),
// thread-safe, written to a descriptor the daemon chooses (stderr by default). The one
// process-wide sink, as the error log is in MySQL. (server/)
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace porpoise::server {

enum class LogLevel { kSystem, kError, kWarning, kNote };

// The [MY-nnnnnn] field: MySQL's error-log code for the lines MySQL writes too, so log
// filters and tools keyed on them find them; MY-000000 for the lines of Porpoise's own.
enum class LogCode : uint32_t {
  kNone = 0,
  kShutdownComplete = 10910,     // "...: Shutdown complete"
  kReadyForConnections = 10931,  // "...: ready for connections. Version: ..."
  kShutdownRequested = 13172,    // "Received SHUTDOWN from user ..."
  kAdminInterfaceReady = 13292,  // "Admin interface ready for connections, ..."
};

// Where lines go from now on. The caller keeps `fd` open while logging may happen.
void SetLogFd(int fd);
// Appends lines to the file at `path` from now on (created 0640 if missing); the file is the
// sink's own. Empty on success, else why it could not be opened (the sink is unchanged).
std::string OpenLogFile(const std::string& path);
// Opens the file OpenLogFile named again, under the same name: after a rotation, lines go
// to the new file. Nothing happens when lines go to a descriptor (stderr). Empty on success,
// else why (lines keep going to the old file).
std::string ReopenLogFile();
// Lines below `level` in importance are dropped (default: everything, kNote).
void SetLogVerbosity(LogLevel level);
// `thread_id` is the connection id, 0 for the server itself.
void Log(LogLevel level, std::string_view message, uint32_t thread_id = 0);
void Log(LogLevel level, LogCode code, std::string_view message, uint32_t thread_id = 0);
// Lets a message that may repeat in a flood through at most once per `interval`, counting
// the times it was held back, so a flood cannot fill the log. Not thread-safe: one owner.
class LogThrottle {
 public:
  explicit LogThrottle(std::chrono::steady_clock::duration interval) : interval_(interval) {}
  // Whether to log this time; when so, `*held_back` is how many times it was held back since
  // the last time it was let through.
  bool Allow(uint64_t* held_back) {
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < interval_) {
      ++held_back_;
      return false;
    }
    *held_back = held_back_;
    held_back_ = 0;
    last_ = now;
    return true;
  }

 private:
  std::chrono::steady_clock::duration interval_;
  std::chrono::steady_clock::time_point last_{};
  uint64_t held_back_ = 0;
};

// One line as Log writes it, at `unix_micros` (without the newline).
std::string FormatLogLine(int64_t unix_micros, LogLevel level, LogCode code,
                          std::string_view message, uint32_t thread_id);

}  // namespace porpoise::server
