// The error log: one MySQL-style line per message ("2026-11-22T03:44:39.123456Z 0 [Note]
// [Server] ..."), thread-safe, written to a descriptor the daemon chooses (stderr by
// default). The one process-wide sink, as the error log is in MySQL. (server/)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace porpoise::server {

enum class LogLevel { kSystem, kError, kWarning, kNote };

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

}  // namespace porpoise::server
