// Adapter from engine::Session to server::SessionHandler, and the engine's hooks into the
// server's connection registry. (daemon/)
#include "daemon/engine_session_handler.h"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <thread>

#include "server/logger.h"

namespace porpoise::daemon {
namespace {

int64_t WallMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch()).count();
}

uint64_t MicrosSince(std::chrono::steady_clock::time_point start) {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                   std::chrono::steady_clock::now() - start).count());
}

// Passes everything on to `next`, counting the rows.
class RowCountingSink : public ResultSink {
 public:
  explicit RowCountingSink(ResultSink& next) : next_(next) {}
  void SendOk(const OkResult& result, bool more) override { next_.SendOk(result, more); }
  void SendError(const Status& status) override { next_.SendError(status); }
  void SendResultSetHeader(std::span<const ColumnInfo> columns) override {
    next_.SendResultSetHeader(columns);
  }
  bool SendRow(std::span<const FieldValue> values) override {
    ++rows_;
    return next_.SendRow(values);
  }
  void SendResultSetEnd(bool more) override { next_.SendResultSetEnd(more); }
  uint64_t rows() const { return rows_; }

 private:
  ResultSink& next_;
  uint64_t rows_ = 0;
};

// A parameter as an SQL literal: numbers as they are, the rest quoted with ' and \ escaped.
std::string ParameterLiteral(const ParameterValue& value) {
  using Kind = ParameterValue::Kind;
  switch (value.kind) {
    case Kind::kNull: return "NULL";
    case Kind::kSigned: return std::to_string(value.integer);
    case Kind::kUnsigned: return std::to_string(static_cast<uint64_t>(value.integer));
    case Kind::kDouble: {
      char text[32];
      std::snprintf(text, sizeof(text), "%.17g", value.real);
      return text;
    }
    case Kind::kDecimal: return value.text;
    default: break;
  }
  std::string out = "'";
  for (char c : value.text) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

// A prepared statement's text with each `?` outside quotes and comments replaced by its
// value, as the general log shows an Execute.
std::string WithParameters(std::string_view sql, std::span<const ParameterValue> parameters) {
  std::string out;
  size_t next = 0;
  char quote = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote != 0) {
      if (c == '\\' && quote != '`' && i + 1 < sql.size()) {
        out += c;
        c = sql[++i];
      } else if (c == quote) {
        quote = 0;
      }
    } else if (c == '\'' || c == '"' || c == '`') {
      quote = c;
    } else if (c == '?' && next < parameters.size()) {
      out += ParameterLiteral(parameters[next++]);
      continue;
    }
    out += c;
  }
  return out;
}

class EngineSessionHandler : public server::SessionHandler {
 public:
  EngineSessionHandler(std::unique_ptr<engine::Session> session, QueryLog& log,
                       AuditLog* audit, SessionHistograms& histograms,
                       server::SessionIdentity who)
      : session_(std::move(session)), log_(log), audit_(audit), histograms_(histograms),
        who_(std::move(who)), opened_(std::chrono::steady_clock::now()) {}
  ~EngineSessionHandler() override {
    log_.General(who_, "Quit", "");
    if (audit_ != nullptr) audit_->Disconnect(who_);
    histograms_.connections.Observe(MicrosSince(opened_));
  }

  void ComQuery(std::string_view sql, bool multi_statements, ResultSink& sink) override {
    log_.General(who_, "Query", sql);
    Timed(sql, sink, [&](ResultSink& counted) { session_->ComQuery(sql, multi_statements, counted); });
  }
  Result<server::PreparedStatementInfo> ComStmtPrepare(std::string_view sql) override {
    log_.General(who_, "Prepare", sql);
    PORPOISE_ASSIGN_OR_RETURN(engine::Session::Prepared prepared, session_->ComStmtPrepare(sql));
    prepared_text_[prepared.id] = std::string(sql);
    server::PreparedStatementInfo info;
    info.id = prepared.id;
    info.parameter_count = prepared.parameter_count;
    info.parameter_types = std::move(prepared.parameter_types);
    info.columns = std::move(prepared.columns);
    return info;
  }
  void ComStmtExecute(uint32_t id, std::span<const ParameterValue> parameters,
                      ResultSink& sink) override {
    auto text = prepared_text_.find(id);
    std::string sql = text == prepared_text_.end() ? std::string()
                                                   : WithParameters(text->second, parameters);
    log_.General(who_, "Execute", sql);
    Timed(sql, sink, [&](ResultSink& counted) { session_->ComStmtExecute(id, parameters, counted); });
  }
  void SetQueryAttributes(std::vector<QueryAttribute> attributes) override {
    session_->SetQueryAttributes(std::move(attributes));
  }
  void ComStmtClose(uint32_t id) override {
    log_.General(who_, "Close stmt", "");
    prepared_text_.erase(id);
    session_->ComStmtClose(id);
  }
  void ComStmtReset(uint32_t id) override {
    log_.General(who_, "Reset stmt", "");
    session_->ComStmtReset(id);
  }
  Result<std::vector<ColumnInfo>> ComFieldList(std::string_view table,
                                               std::string_view wildcard) override {
    log_.General(who_, "Field List", table);
    return session_->ComFieldList(table, wildcard);
  }
  Status ComInitDb(std::string_view database) override {
    log_.General(who_, "Init DB", database);
    return session_->ComInitDb(database);
  }
  std::vector<SessionStateChange> TakeStateChanges() override { return session_->TakeStateChanges(); }
  std::string ComStatistics() override { return session_->ComStatistics(); }
  void ComResetConnection() override { session_->ComResetConnection(); }
  Status ComProcessKill(uint32_t id) override { return session_->ComProcessKill(id); }
  Status ComDebug() override { return session_->ComDebug(); }
  uint16_t ServerStatus() const override { return session_->ServerStatus(); }
  uint16_t WarningCount() const override { return session_->WarningCount(); }
  uint32_t IdleTimeoutSeconds() const override { return session_->IdleTimeoutSeconds(); }
  void InterruptQuery() override { session_->InterruptQuery(); }

 private:
  // Runs a command, timing it for the statement histogram; with the slow query log on,
  // through a sink that counts the rows sent, giving the slow log what it took and whether
  // it read a table in full.
  template <typename Run>
  void Timed(std::string_view sql, ResultSink& sink, Run run) {
    auto started = std::chrono::steady_clock::now();
    if (!log_.SlowOn()) {
      run(sink);
      histograms_.statements.Observe(MicrosSince(started));
      return;
    }
    SlowEntry entry;
    entry.start_micros = WallMicros();
    uint64_t full_scan_steps = session_->FullScanSteps();
    RowCountingSink counted(sink);
    run(counted);
    uint64_t micros = MicrosSince(started);
    histograms_.statements.Observe(micros);
    entry.query_micros = static_cast<int64_t>(micros);
    entry.rows_sent = counted.rows();
    entry.no_index_used = session_->FullScanSteps() != full_scan_steps;
    entry.database = session_->database();
    entry.sql_text = std::string(sql);
    log_.Slow(who_, entry, session_->LongQueryTime());
  }

  std::unique_ptr<engine::Session> session_;
  QueryLog& log_;
  AuditLog* audit_;              // may be null
  SessionHistograms& histograms_;
  server::SessionIdentity who_;  // for the logs
  std::chrono::steady_clock::time_point opened_;  // for the connection histogram
  std::map<uint32_t, std::string> prepared_text_;  // for the log's Execute lines
};

}  // namespace

Result<std::unique_ptr<server::SessionHandler>> EngineSessionHandlerFactory::Open(
    const server::SessionIdentity& identity) {
  engine::Engine::SessionContext context;
  context.connection_id = identity.connection_id;
  context.principal.user = identity.user;
  context.principal.client_host = identity.client_host;
  context.principal.account_user = identity.account_user;
  context.principal.account_host = identity.account_host;
  context.database = identity.database;
  context.interactive = (identity.client_capabilities & 0x400) != 0;  // CLIENT_INTERACTIVE
  context.multi_results = (identity.client_capabilities & (1u << 17)) != 0;  // CLIENT_MULTI_RESULTS
  context.track_state = (identity.client_capabilities & (1u << 23)) != 0;  // CLIENT_SESSION_TRACK
  context.found_rows = (identity.client_capabilities & (1u << 1)) != 0;  // CLIENT_FOUND_ROWS
  context.tls_version = identity.tls_version;
  context.tls_cipher = identity.tls_cipher;
  context.password_expired = identity.password_expired;
  context.client_collation = identity.client_collation;
  context.compression_algorithm = identity.compression_algorithm;
  context.compression_level = identity.compression_level;
  auto session = engine_.OpenSession(context);
  if (!session.ok()) return session.status();
  if (identity.login_started != std::chrono::steady_clock::time_point{}) {
    histograms_.logins.Observe(MicrosSince(identity.login_started));
  }
  if (log_.GeneralOn()) {
    std::string transport = identity.over_unix_socket ? "Socket"
                            : identity.secure_transport ? "SSL/TLS" : "TCP/IP";
    log_.General(identity, "Connect", identity.user + "@" + identity.client_host + " on " +
                                     identity.database + " using " + transport);
  }
  if (audit_ != nullptr) audit_->Connect(identity);
  return std::unique_ptr<server::SessionHandler>(
      std::make_unique<EngineSessionHandler>(std::move(session).value(), log_, audit_,
                                             histograms_, identity));
}

Status RegistryHooks::Kill(uint32_t id, bool query_only) {
  server::Server* server = server_.load();
  if (server == nullptr) return Status::Error(ER_NO_SUCH_THREAD, id);
  return server->registry().Kill(id, query_only);
}

std::vector<engine::ServerHooks::Process> RegistryHooks::Processes() {
  std::vector<Process> processes;
  server::Server* server = server_.load();
  if (server == nullptr) return processes;
  for (auto& info : server->registry().Snapshot()) {
    Process process;
    process.id = info.id;
    process.user = info.user;
    process.host = info.host;
    process.db = info.db;
    process.command = info.command;
    process.time = info.time_seconds;
    process.state = info.state;
    process.info = info.info;
    process.account_user = std::move(info.account_user);
    process.account_host = std::move(info.account_host);
    process.client_host = std::move(info.client_host);
    process.attributes = std::move(info.attributes);
    process.unix_socket = info.unix_socket;
    process.os_thread_id = info.os_thread_id;
    processes.push_back(std::move(process));
  }
  return processes;
}

std::vector<std::pair<std::string, std::string>> RegistryHooks::StatusCounters() {
  std::vector<std::pair<std::string, std::string>> counters;
  auto uptime = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::steady_clock::now() - started_);
  counters.emplace_back("Uptime", std::to_string(uptime.count()));
  server::Server* server = server_.load();
  if (server == nullptr) return counters;
  const server::ServerCounters totals = server->registry().Counters();
  const std::pair<const char*, uint64_t> named[] = {
      {"Aborted_clients", totals.aborted_clients},
      {"Aborted_connects", totals.aborted_connects},
      {"Bytes_received", totals.bytes_received},
      {"Bytes_sent", totals.bytes_sent},
      {"Connection_errors_tcpwrap", totals.refused_addresses},
      {"Connections", totals.connections},
      {"Max_used_connections", totals.max_used_connections},
      {"Questions", totals.questions},
      {"Threads_connected", totals.threads_connected},
  };
  for (const auto& [name, value] : named) counters.emplace_back(name, std::to_string(value));
  uint64_t running = 0;
  for (const auto& info : server->registry().Snapshot()) running += info.command != "Sleep";
  counters.emplace_back("Threads_running", std::to_string(running));
  counters.emplace_back("Connection_control_delay_generated",
                        std::to_string(server->logins().delays()));
  if (TlsManager* tls = tls_.load()) {
    for (auto& value : tls->StatusValues()) counters.push_back(std::move(value));
  }
  return counters;
}

bool RegistryHooks::AuditOn() {
  AuditLog* audit = audit_.load();
  return audit != nullptr && audit->On();
}

void RegistryHooks::AuditStatement(const AuditedStatement& statement) {
  if (AuditLog* audit = audit_.load()) audit->Statement(statement);
}

void RegistryHooks::FlushLogs() {
  if (std::string error = server::ReopenLogFile(); !error.empty()) {
    server::Log(server::LogLevel::kWarning,
                "Could not open the error log again, writing on to the old file: " + error);
  }
  if (AuditLog* audit = audit_.load()) audit->Reopen();
}

Status RegistryHooks::ReloadTls(bool no_rollback) {
  TlsManager* tls = tls_.load();
  if (tls == nullptr) return Status::Error(ER_NOT_SUPPORTED_YET, "ALTER INSTANCE RELOAD TLS here");
  return tls->Reload(no_rollback);
}

std::vector<engine::ServerHooks::HostCacheEntry> RegistryHooks::HostCache() {
  std::vector<HostCacheEntry> entries;
  server::Server* server = server_.load();
  if (server == nullptr) return entries;
  for (const server::LoginGuard::HostEntry& host : server->logins().Hosts()) {
    entries.push_back(HostCacheEntry{host.ip, host.connect_errors, host.blocked,
                                     host.handshake_errors, host.authentication_errors,
                                     host.host_acl_errors, host.first_seen, host.last_seen,
                                     host.first_error_seen, host.last_error_seen});
  }
  return entries;
}

void RegistryHooks::FlushHosts() {
  if (server::Server* server = server_.load()) server->logins().FlushHosts();
}

void RegistryHooks::Shutdown(const std::string& user) {
  server::Log(server::LogLevel::kSystem, server::LogCode::kShutdownRequested,
              "Received SHUTDOWN from user " + user + ". Shutting down");
  // The daemon's signal thread stops the server on SIGQUIT without a word of its own; a
  // moment's delay lets the connection flush the statement's OK first.
  std::thread([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ::kill(::getpid(), SIGQUIT);
  }).detach();
}

}  // namespace porpoise::daemon
