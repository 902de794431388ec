// The general and slow query logs: files and mysql.general_log / mysql.slow_log. (daemon/)
#include "daemon/query_log.h"

#include <sys/stat.h>
#include <sys/time.h>

#include <cinttypes>
#include <ctime>

#include "common/result_sink.h"
#include "common/strings.h"
#include "engine/session.h"
#include "engine/variables.h"
#include "server/logger.h"

namespace porpoise::daemon {
namespace {

// Seconds with six decimals, as the slow log writes durations.
std::string Seconds(int64_t micros) {
  char text[32];
  std::snprintf(text, sizeof(text), "%" PRId64 ".%06" PRId64, micros / 1000000, micros % 1000000);
  return text;
}

// A TIME(6) literal for mysql.slow_log's query_time: "HH:MM:SS.ffffff".
std::string TimeLiteral(int64_t micros) {
  int64_t seconds = micros / 1000000;
  char text[48];
  std::snprintf(text, sizeof(text), "'%02" PRId64 ":%02" PRId64 ":%02" PRId64 ".%06" PRId64 "'",
                seconds / 3600, seconds / 60 % 60, seconds % 60, micros % 1000000);
  return text;
}

}  // namespace

std::string UserHost(const server::SessionIdentity& who) {
  std::string text = who.account_user + "[" + who.user + "] @ ";
  return who.over_unix_socket ? text + who.client_host + " []"
                              : text + " [" + who.client_host + "]";
}

QueryLog::QueryLog(engine::Engine& engine) : engine_(engine), writer_([this] { WriteRows(); }) {}

QueryLog::~QueryLog() {
  {
    std::lock_guard<std::mutex> lock(queue_mutex_);
    stopping_ = true;
  }
  queue_ready_.notify_all();
  writer_.join();
}

bool QueryLog::Outputs(std::string_view kind) const {
  Result<std::string> output = engine_.globals().Get("log_output");
  if (!output.ok()) return false;
  std::string_view rest = *output;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    if (EqualsIgnoreCase(rest.substr(0, comma), kind)) return true;
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return false;
}

void QueryLog::RefreshSwitches() const {
  uint64_t changes = engine_.globals().changes();
  if (changes == switches_seen_.load(std::memory_order_acquire)) return;
  general_log_.store(engine_.globals().GetBool("general_log"), std::memory_order_relaxed);
  slow_query_log_.store(engine_.globals().GetBool("slow_query_log"), std::memory_order_relaxed);
  switches_seen_.store(changes, std::memory_order_release);
}

bool QueryLog::GeneralLogOn() const {
  RefreshSwitches();
  return general_log_.load(std::memory_order_relaxed);
}

bool QueryLog::GeneralOn() const {
  return GeneralLogOn() && (Outputs("FILE") || Outputs("TABLE"));
}

std::string QueryLog::ResolvePath(const std::string& name) const {
  if (!name.empty() && name[0] == '/') return name;
  Result<std::string> datadir = engine_.globals().Get("datadir");
  std::string base = datadir.ok() ? *datadir : ".";
  if (!base.empty() && base.back() != '/') base += '/';
  return base + name;
}

void QueryLog::AppendToFile(LogFile& log, std::string_view variable, std::string_view header,
                            const std::string& text) {
  Result<std::string> name = engine_.globals().Get(variable);
  if (!name.ok() || name->empty()) return;
  log.Append(ResolvePath(*name), text, [&](std::FILE* file) {
    std::string port = std::to_string(engine_.globals().GetUnsigned("port"));
    Result<std::string> socket = engine_.globals().Get("socket");
    Result<std::string> version = engine_.globals().Get("version");
    std::fprintf(file, "porpoised, Version: %s (Porpoise). started with:\n"
                       "Tcp port: %s  Unix socket: %s\n%.*s",
                 version.ok() ? version->c_str() : "", port.c_str(),
                 socket.ok() ? socket->c_str() : "", static_cast<int>(header.size()),
                 header.data());
  });
}

void QueryLog::General(const server::SessionIdentity& who, std::string_view command,
                       std::string_view argument) {
  if (!GeneralLogOn()) return;
  int64_t now = WallMicros();
  if (Outputs("FILE")) {
    char id[16];
    std::snprintf(id, sizeof(id), "%5u", who.connection_id);
    std::string line = FormatMicros(now, true) + "\t" + id + " " + std::string(command) + "\t" +
                       std::string(argument) + "\n";
    AppendToFile(general_file_, "general_log_file", "Time                 Id Command    Argument\n",
                 line);
  }
  if (Outputs("TABLE")) {
    QueueRow("INSERT INTO mysql.general_log (event_time, user_host, thread_id, server_id, "
             "command_type, argument) VALUES ('" + FormatMicros(now, false) + "', " +
             SqlHexLiteral(UserHost(who)) + ", " + std::to_string(who.connection_id) + ", " +
             std::to_string(engine_.globals().GetUnsigned("server_id")) + ", " +
             SqlHexLiteral(command) + ", " + SqlHexLiteral(argument) + ")");
  }
}

bool QueryLog::SlowOn() const {
  RefreshSwitches();
  return slow_query_log_.load(std::memory_order_relaxed);
}

void QueryLog::Slow(const server::SessionIdentity& who, const SlowEntry& entry, double long_query_time) {
  if (!SlowOn()) return;
  if (static_cast<double>(entry.query_micros) <= long_query_time * 1e6 &&
      !(entry.no_index_used && engine_.globals().GetBool("log_queries_not_using_indexes"))) {
    return;
  }
  if (Outputs("FILE")) {
    char id[16];
    std::snprintf(id, sizeof(id), "%6u", who.connection_id);
    std::string text = "# Time: " + FormatMicros(entry.start_micros + entry.query_micros, true) +
                       "\n# User@Host: " + UserHost(who) + "  Id: " + id +
                       "\n# Query_time: " + Seconds(entry.query_micros) +
                       "  Lock_time: 0.000000 Rows_sent: " + std::to_string(entry.rows_sent) +
                       "  Rows_examined: 0\n";
    if (!entry.database.empty()) text += "use " + entry.database + ";\n";
    text += "SET timestamp=" + std::to_string(entry.start_micros / 1000000) + ";\n" +
            entry.sql_text + (!entry.sql_text.empty() && entry.sql_text.back() == ';' ? "\n" : ";\n");
    AppendToFile(slow_file_, "slow_query_log_file", "Time                 Id Command    Argument\n",
                 text);
  }
  if (Outputs("TABLE")) {
    QueueRow("INSERT INTO mysql.slow_log (start_time, user_host, query_time, lock_time, "
             "rows_sent, rows_examined, db, last_insert_id, insert_id, server_id, sql_text, "
             "thread_id) VALUES ('" + FormatMicros(entry.start_micros, false) + "', " +
             SqlHexLiteral(UserHost(who)) + ", " + TimeLiteral(entry.query_micros) +
             ", '00:00:00', " + std::to_string(entry.rows_sent) + ", 0, " +
             SqlHexLiteral(entry.database) + ", 0, 0, " +
             std::to_string(engine_.globals().GetUnsigned("server_id")) + ", " +
             SqlHexLiteral(entry.sql_text) + ", " + std::to_string(who.connection_id) + ")");
  }
}

void QueryLog::QueueRow(std::string insert) {
  {
    std::lock_guard<std::mutex> lock(queue_mutex_);
    queue_.push_back(std::move(insert));
  }
  queue_ready_.notify_one();
}

void QueryLog::WriteRows() {
  std::unique_lock<std::mutex> lock(queue_mutex_);
  while (true) {
    queue_ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, with nothing left to write
    std::deque<std::string> batch;
    batch.swap(queue_);
    lock.unlock();
    engine::Engine::SessionContext context;
    context.principal.user = "root";
    context.principal.client_host = "localhost";
    context.principal.account_user = "root";
    context.principal.account_host = "localhost";
    Result<std::unique_ptr<engine::Session>> session = engine_.OpenSession(context);
    if (session.ok()) {
      FirstErrorSink sink;
      (*session)->ComQuery("SET time_zone = '+00:00'", false, sink);
      for (const std::string& insert : batch) (*session)->ComQuery(insert, false, sink);
      if (!sink.error().ok()) {
        server::Log(server::LogLevel::kWarning,
                    "Writing the log tables failed: " + sink.error().ToString());
      }
    }
    lock.lock();
  }
}

}  // namespace porpoise::daemon
