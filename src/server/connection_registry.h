// ConnectionRegistry: every live connection by id, for SHOW PROCESSLIST, KILL, the
// max_connections limit, shutdown, and the server counters behind SHOW STATUS. (server/)
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace porpoise::net {
class Transport;
}

namespace porpoise::server {

class SessionHandler;

// One SHOW PROCESSLIST row.
struct ProcessInfo {
  uint32_t id = 0;
  std::string user;     // "unauthenticated user" before login
  std::string host;     // "ip:port" or "localhost"
  std::string db;       // "" for NULL
  std::string command;  // "Sleep", "Query", "Connect", "Init DB", ...
  uint64_t time_seconds = 0;  // seconds in the current command
  std::string state;    // "" or e.g. "executing"
  std::string info;     // the running statement, "" when idle
  // Set at login (empty before): the matched account, the client's host without its port,
  // the connection attributes the client sent (CLIENT_CONNECT_ATTRS), in order.
  std::string account_user, account_host, client_host;
  std::vector<std::pair<std::string, std::string>> attributes;
  bool unix_socket = false;
  uint64_t os_thread_id = 0;  // the connection thread's id in the OS (gettid)
};

// Server-wide counters (SHOW GLOBAL STATUS names in comments).
struct ServerCounters {
  uint64_t threads_connected = 0;     // Threads_connected
  uint64_t max_used_connections = 0;  // Max_used_connections
  uint64_t connections = 0;           // Connections: connection attempts, ok or not
  uint64_t aborted_connects = 0;      // Aborted_connects: failed logins/handshakes
  uint64_t refused_addresses = 0;     // Connection_errors_tcpwrap: closed by allow-from
  uint64_t aborted_clients = 0;       // Aborted_clients: died without COM_QUIT
  uint64_t questions = 0;             // Questions: COM_QUERY statements received
  uint64_t bytes_received = 0;        // Bytes_received
  uint64_t bytes_sent = 0;            // Bytes_sent
};

// A registered connection's shared record. The owning connection thread updates it; other
// threads read it (Snapshot) or interrupt it (Kill) under its mutex.
class ConnectionEntry {
 public:
  ConnectionEntry(uint32_t id, std::string host, net::Transport* transport);

  uint32_t id() const { return id_; }
  // Cheap updates from the connection thread.
  void SetUser(std::string_view user);
  // At login and COM_CHANGE_USER: who the connection is and what the client said of itself.
  struct Login {
    std::string account_user, account_host, client_host;
    std::vector<std::pair<std::string, std::string>> attributes;
    bool unix_socket = false;
  };
  void SetLogin(Login login);
  void SetDatabase(std::string_view database);
  // Command name (a string literal) and statement text ("" when none); restarts the clock.
  void SetCommand(const char* command, std::string_view info);
  // The session KILL QUERY interrupts; nullptr while there is none. The handler must stay
  // alive until it is replaced here.
  void SetHandler(SessionHandler* handler);

  ProcessInfo Describe() const;
  bool killed() const { return killed_.load(std::memory_order_relaxed); }

 private:
  friend class ConnectionRegistry;
  void Interrupt(bool query_only);

  const uint32_t id_;
  mutable std::mutex mutex_;
  std::string user_;                  // GUARDED_BY(mutex_)
  const std::string host_;
  std::string database_;              // GUARDED_BY(mutex_)
  const char* command_ = "Connect";   // GUARDED_BY(mutex_)
  std::string info_;                  // GUARDED_BY(mutex_)
  Login login_;                       // GUARDED_BY(mutex_)
  uint64_t os_thread_id_ = 0;         // GUARDED_BY(mutex_)
  std::chrono::steady_clock::time_point since_;  // GUARDED_BY(mutex_)
  net::Transport* transport_;         // GUARDED_BY(mutex_)
  SessionHandler* handler_ = nullptr; // GUARDED_BY(mutex_)
  std::atomic<bool> killed_{false};
};

// Thread-safe.
class ConnectionRegistry {
 public:
  ConnectionRegistry() = default;
  ConnectionRegistry(const ConnectionRegistry&) = delete;
  ConnectionRegistry& operator=(const ConnectionRegistry&) = delete;

  // A fresh connection id (1, 2, ...); also counts a connection attempt.
  uint32_t NextConnectionId();
  // Registers a connection. Fails with ER_CON_COUNT_ERROR when `max_connections` are
  // already registered (those of the administrative interface, `admin`, are neither limited
  // nor counted) and with ER_SERVER_SHUTDOWN once CloseAll has run. The transport must stay
  // alive until Remove(id).
  Result<std::shared_ptr<ConnectionEntry>> Add(uint32_t id, std::string host,
                                               net::Transport* transport,
                                               uint32_t max_connections, bool admin = false);
  void Remove(uint32_t id);

  // max_user_connections: the connections logged in as each account ('user'@'host pattern').
  // Claim counts one more unless `limit` (0: none) are already in, then false.
  bool ClaimAccountSlot(const std::string& user, const std::string& host, uint64_t limit);
  void ReleaseAccountSlot(const std::string& user, const std::string& host);

  // KILL [QUERY] id: query_only interrupts the running statement; otherwise the
  // connection is also shut down so its thread exits. ER_NO_SUCH_THREAD when unknown.
  Status Kill(uint32_t id, bool query_only);
  // The user a connection is logged in as ("" when unknown id); for KILL's ownership check.
  std::string UserOf(uint32_t id) const;
  // Refuses new connections and shuts every registered one down.
  void CloseAll();

  std::vector<ProcessInfo> Snapshot() const;
  ServerCounters Counters() const;
  size_t size() const;
  size_t regular_size() const;  // size() without the administrative interface's
  bool closing() const;  // CloseAll has run

  void CountAbortedConnect() { aborted_connects_.fetch_add(1, std::memory_order_relaxed); }
  void CountAbortedClient() { aborted_clients_.fetch_add(1, std::memory_order_relaxed); }
  void CountRefusedAddress() { refused_addresses_.fetch_add(1, std::memory_order_relaxed); }
  void CountQuestion() { questions_.fetch_add(1, std::memory_order_relaxed); }
  void CountBytes(uint64_t received, uint64_t sent) {
    bytes_received_.fetch_add(received, std::memory_order_relaxed);
    bytes_sent_.fetch_add(sent, std::memory_order_relaxed);
  }

 private:
  mutable std::mutex mutex_;
  std::map<uint32_t, std::shared_ptr<ConnectionEntry>> entries_;  // GUARDED_BY(mutex_)
  std::set<uint32_t> admin_ids_;  // GUARDED_BY(mutex_): entries of the admin interface
  std::map<std::pair<std::string, std::string>, uint64_t> account_slots_;  // GUARDED_BY(mutex_)
  bool closing_ = false;                                          // GUARDED_BY(mutex_)
  uint64_t max_used_ = 0;                                         // GUARDED_BY(mutex_)
  std::atomic<uint32_t> next_id_{1};
  std::atomic<uint64_t> connections_{0};
  std::atomic<uint64_t> aborted_connects_{0};
  std::atomic<uint64_t> aborted_clients_{0};
  std::atomic<uint64_t> refused_addresses_{0};
  std::atomic<uint64_t> questions_{0};
  std::atomic<uint64_t> bytes_received_{0};
  std::atomic<uint64_t> bytes_sent_{0};
};

}  // namespace porpoise::server
