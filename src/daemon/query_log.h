// The general query log and the slow query log, as MySQL keeps them: each written to a file
// (general_log_file, slow_query_log_file, relative to the datadir) and/or to the tables
// mysql.general_log and mysql.slow_log, as log_output says (FILE, TABLE, NONE). The switches
// general_log and slow_query_log and the other variables are read at each entry, so SET
// GLOBAL takes effect at once. (daemon/)
//
// File entries are written before the call returns. A log file renamed or removed (by
// logrotate, say) is noticed at the next entry, which starts a new file under the name; FLUSH
// LOGS is not needed for that. Table rows are written by a thread of
// the log's own, through a session of its own: a client's open transaction never waits for
// its own log row, and the row is committed even when the client's statement rolls back.
#pragma once

#include <atomic>

#include <sys/types.h>

#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "daemon/log_file.h"
#include "engine/engine.h"
#include "server/session_handler.h"

namespace porpoise::daemon {

// MySQL's user_host column: "account[user] @ localhost []" over the socket,
// "account[user] @  [ip]" over TCP.
std::string UserHost(const server::SessionIdentity& who);

// What the slow log records of one statement (or command).
struct SlowEntry {
  int64_t start_micros = 0;   // wall clock, since the epoch
  int64_t query_micros = 0;
  uint64_t rows_sent = 0;
  bool no_index_used = false;  // some table was read in full (log_queries_not_using_indexes)
  std::string database;
  std::string sql_text;
};

class QueryLog {
 public:
  explicit QueryLog(engine::Engine& engine);
  ~QueryLog();
  QueryLog(const QueryLog&) = delete;
  QueryLog& operator=(const QueryLog&) = delete;

  // True when general entries go anywhere (general_log ON and log_output not NONE).
  bool GeneralOn() const;
  // One line of the general log: command is MySQL's ("Connect", "Query", "Prepare", ...).
  void General(const server::SessionIdentity& who, std::string_view command, std::string_view argument);
  // True when slow_query_log is ON (callers skip timing a command otherwise).
  bool SlowOn() const;
  // Records `entry` when the slow query log is on and it took longer than long_query_time
  // (the session's value, passed in as seconds), or read a table in full while
  // log_queries_not_using_indexes is ON.
  void Slow(const server::SessionIdentity& who, const SlowEntry& entry, double long_query_time);

 private:
  // general_log and slow_query_log, read again only after a global value changed: every
  // command asks.
  void RefreshSwitches() const;
  bool GeneralLogOn() const;
  bool Outputs(std::string_view kind) const;  // log_output names FILE or TABLE
  std::string ResolvePath(const std::string& name) const;
  // Appends `text` to the log file named by the variable `variable` (opened, with MySQL's
  // header, on first use and again when the name changes).
  void AppendToFile(LogFile& log, std::string_view variable, std::string_view header,
                    const std::string& text);
  void QueueRow(std::string insert);
  void WriteRows();

  engine::Engine& engine_;
  LogFile general_file_;
  LogFile slow_file_;

  std::mutex queue_mutex_;
  std::condition_variable queue_ready_;
  std::deque<std::string> queue_;
  bool stopping_ = false;
  std::thread writer_;
  mutable std::atomic<uint64_t> switches_seen_{~uint64_t{0}};
  mutable std::atomic<bool> general_log_{false};
  mutable std::atomic<bool> slow_query_log_{false};
};

}  // namespace porpoise::daemon
