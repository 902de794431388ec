// Adapter from engine::Session to server::SessionHandler, and the engine's hooks into the
// server's connection registry. (daemon/)
#include "daemon/engine_session_handler.h"

#include <signal.h>
#include <unistd.h>

#include <thread>

#include "server/logger.h"

namespace porpoise::daemon {
namespace {

class EngineSessionHandler : public server::SessionHandler {
 public:
  explicit EngineSessionHandler(std::unique_ptr<engine::Session> session)
      : session_(std::move(session)) {}

  void ComQuery(std::string_view sql, bool multi_statements, ResultSink& sink) override {
    session_->ComQuery(sql, multi_statements, sink);
  }
  Result<server::PreparedStatementInfo> ComStmtPrepare(std::string_view sql) override {
    PORPOISE_ASSIGN_OR_RETURN(engine::Session::Prepared prepared, session_->ComStmtPrepare(sql));
    server::PreparedStatementInfo info;
    info.id = prepared.id;
    info.parameter_count = prepared.parameter_count;
    info.parameter_types = std::move(prepared.parameter_types);
    info.columns = std::move(prepared.columns);
    return info;
  }
  void ComStmtExecute(uint32_t id, std::span<const ParameterValue> parameters,
                      ResultSink& sink) override {
    session_->ComStmtExecute(id, parameters, sink);
  }
  void SetQueryAttributes(std::vector<QueryAttribute> attributes) override {
    session_->SetQueryAttributes(std::move(attributes));
  }
  void ComStmtClose(uint32_t id) override { session_->ComStmtClose(id); }
  void ComStmtReset(uint32_t id) override { session_->ComStmtReset(id); }
  Result<std::vector<ColumnInfo>> ComFieldList(std::string_view table,
                                               std::string_view wildcard) override {
    return session_->ComFieldList(table, wildcard);
  }
  Status ComInitDb(std::string_view database) override { return session_->ComInitDb(database); }
  std::vector<SessionStateChange> TakeStateChanges() override { return session_->TakeStateChanges(); }
  std::string ComStatistics() override { return session_->ComStatistics(); }
  void ComResetConnection() override { session_->ComResetConnection(); }
  uint16_t ServerStatus() const override { return session_->ServerStatus(); }
  uint16_t WarningCount() const override { return session_->WarningCount(); }
  uint32_t IdleTimeoutSeconds() const override { return session_->IdleTimeoutSeconds(); }
  void InterruptQuery() override { session_->InterruptQuery(); }

 private:
  std::unique_ptr<engine::Session> session_;
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
  context.client_collation = identity.client_collation;
  context.compression_algorithm = identity.compression_algorithm;
  context.compression_level = identity.compression_level;
  auto session = engine_.OpenSession(context);
  if (!session.ok()) return session.status();
  return std::unique_ptr<server::SessionHandler>(
      std::make_unique<EngineSessionHandler>(std::move(session).value()));
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
      {"Connections", totals.connections},
      {"Max_used_connections", totals.max_used_connections},
      {"Questions", totals.questions},
      {"Threads_connected", totals.threads_connected},
  };
  for (const auto& [name, value] : named) counters.emplace_back(name, std::to_string(value));
  uint64_t running = 0;
  for (const auto& info : server->registry().Snapshot()) running += info.command != "Sleep";
  counters.emplace_back("Threads_running", std::to_string(running));
  return counters;
}

void RegistryHooks::Shutdown(const std::string& user) {
  server::Log(server::LogLevel::kNote, "Received SHUTDOWN from user " + user + ". Shutting down");
  // The daemon's signal thread stops the server on SIGQUIT without a word of its own; a
  // moment's delay lets the connection flush the statement's OK first.
  std::thread([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ::kill(::getpid(), SIGQUIT);
  }).detach();
}

}  // namespace porpoise::daemon
