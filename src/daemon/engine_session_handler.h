// The seam between the wire half and the SQL half: adapts engine::Session to
// server::SessionHandler, opens sessions for the server, and answers the engine's questions
// about connections (KILL, SHOW PROCESSLIST, SHOW STATUS) from the server's registry. Each
// session's commands go to the general and slow query logs on their way. (daemon/)
#pragma once

#include <atomic>
#include <chrono>
#include <memory>

#include "daemon/audit_log.h"
#include "daemon/metrics_collector.h"
#include "daemon/query_log.h"
#include "daemon/tls_manager.h"
#include "engine/engine.h"
#include "engine/session.h"
#include "server/server.h"
#include "server/session_handler.h"

namespace porpoise::daemon {

class EngineSessionHandlerFactory : public server::SessionHandlerFactory {
 public:
  // `audit` may be null (no audit log); it must outlive the factory's sessions.
  EngineSessionHandlerFactory(engine::Engine& engine, AuditLog* audit)
      : engine_(engine), log_(engine), audit_(audit) {}
  Result<std::unique_ptr<server::SessionHandler>> Open(
      const server::SessionIdentity& identity) override;
  // Statement and connection latencies of every session it opened (the metrics endpoint).
  const SessionHistograms& histograms() const { return histograms_; }

 private:
  engine::Engine& engine_;
  QueryLog log_;  // the general and slow query logs of every session it opens
  AuditLog* audit_;
  SessionHistograms histograms_;
};

// Answers engine::ServerHooks from the server's connection registry. The server is attached
// after construction because the engine (which needs the hooks) is built before the server.
class RegistryHooks : public engine::ServerHooks {
 public:
  RegistryHooks() : started_(std::chrono::steady_clock::now()) {}
  void Attach(server::Server* server) { server_.store(server); }

  Status Kill(uint32_t id, bool query_only) override;
  std::vector<Process> Processes() override;
  std::vector<std::pair<std::string, std::string>> StatusCounters() override;
  void Shutdown(const std::string& user) override;
  void FlushHosts() override;
  std::vector<HostCacheEntry> HostCache() override;
  Status ReloadTls(bool no_rollback) override;
  // The server's TLS, for RELOAD TLS and its status values; attached before the server runs.
  void AttachTls(TlsManager* tls) { tls_.store(tls); }
  void AttachAudit(AuditLog* audit) { audit_.store(audit); }
  bool AuditOn() override;
  void AuditStatement(const AuditedStatement& statement) override;
  void FlushLogs() override;

 private:
  std::atomic<server::Server*> server_{nullptr};
  std::atomic<TlsManager*> tls_{nullptr};
  std::atomic<AuditLog*> audit_{nullptr};
  std::chrono::steady_clock::time_point started_;
};

}  // namespace porpoise::daemon
