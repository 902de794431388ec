// Engine: the server-wide SQL state (catalog, accounts, global variables, the data directory)
// shared by every connection, and the factory of per-connection Sessions. (engine/)
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "auth/account.h"
#include "catalog/catalog.h"
#include "common/status.h"
#include "engine/metadata_locks.h"
#include "engine/user_locks.h"
#include "engine/access_checker.h"
#include "storage/datadir_lock.h"
#include "storage/write_lock.h"

namespace porpoise::auth {
class Sha2PasswordCache;
}
namespace porpoise::storage {
class Database;
}

namespace porpoise::storage {
class Checkpointer;
class GroupSync;
}  // namespace porpoise::storage

namespace porpoise::engine {

class GlobalVariables;
class Session;
struct FunctionHost;

// What the engine asks of the server around it (process list, KILL, status counters).
// Implemented by the daemon; every method may be called from any connection thread.
class ServerHooks {
 public:
  virtual ~ServerHooks() = default;
  // 1094 when no connection has that id.
  virtual Status Kill(uint32_t id, bool query_only) = 0;
  struct Process {
    uint32_t id = 0;
    std::string user, host, db, command;
    uint64_t time = 0;
    std::string state, info;
    // Known once the connection has logged in ("" / empty before): the matched account, the
    // client's host without a port, the attributes the client sent at connect, in order.
    std::string account_user, account_host, client_host;
    std::vector<std::pair<std::string, std::string>> attributes;
    bool unix_socket = false;
    uint64_t os_thread_id = 0;
  };
  virtual std::vector<Process> Processes() = 0;
  // Server-maintained SHOW STATUS counters (Threads_connected, Connections, Uptime, ...).
  virtual std::vector<std::pair<std::string, std::string>> StatusCounters() = 0;
  // SHUTDOWN by `user`: the server stops as on SIGTERM, once the statement has been answered.
  virtual void Shutdown(const std::string& user) = 0;
  // FLUSH HOSTS: addresses blocked by max_connect_errors may connect again.
  virtual void FlushHosts() {}
  // performance_schema.host_cache: what the server remembers of each client address.
  struct HostCacheEntry {
    std::string ip;
    uint64_t connect_errors = 0;         // toward max_connect_errors (a login clears them)
    uint64_t blocked = 0;                // connections refused with 1129
    uint64_t handshake_errors = 0;       // handshakes broken off or malformed
    uint64_t authentication_errors = 0;  // wrong passwords, unknown accounts
    uint64_t host_acl_errors = 0;        // no account for the address (1130)
    int64_t first_seen = 0, last_seen = 0;              // Unix seconds
    int64_t first_error_seen = 0, last_error_seen = 0;  // 0: no error yet
  };
  virtual std::vector<HostCacheEntry> HostCache() { return {}; }
  // The audit log: a statement of the session's that changed accounts or privileges
  // (`denied` false, `what` its kind and the accounts it named), or one refused for want of
  // a privilege (`denied` true, `what` its text, or only its kind for an account statement,
  // whose text may hold a password).
  struct AuditedStatement {
    uint32_t connection_id = 0;
    std::string user, host;  // USER()'s parts
    bool denied = false;
    std::string what;
    Status status;  // the refusal, when denied
  };
  virtual bool AuditOn() { return false; }
  // FLUSH LOGS: log files are opened again (after a rotation).
  virtual void FlushLogs() {}
  virtual void AuditStatement(const AuditedStatement& /*statement*/) {}
  // ALTER INSTANCE RELOAD TLS: the TLS settings' current values take effect (3888 when they
  // cannot; with `no_rollback` TLS is then off, else the old settings stay).
  virtual Status ReloadTls(bool /*no_rollback*/) {
    return Status::Error(ER_NOT_SUPPORTED_YET, "ALTER INSTANCE RELOAD TLS here");
  }
};

struct EngineOptions {
  std::string datadir;
  GlobalVariables* globals = nullptr;          // required; outlives the engine
  ServerHooks* hooks = nullptr;                // may be null (tests): KILL/PROCESSLIST degrade
  auth::Sha2PasswordCache* sha2_cache = nullptr;  // may be null
};

// Thread-safe: any method may be called from any connection thread.
class Engine {
 public:
  // Creates <datadir>/porpoise.db with the mysql schema and the initial root@localhost account
  // (auth_socket, or an empty caching_sha2 password when `insecure`). Refuses a datadir that
  // exists and is not empty (1105 with the reason).
  static Status InitializeDataDirectory(const std::string& datadir, bool insecure);
  // True when <datadir>/porpoise.db exists.
  static bool IsInitialized(const std::string& datadir);
  // Takes the data directory's lock (1105 when another server holds it), then loads the
  // catalog and the account snapshot. 1105 when the datadir is not initialised.
  static Result<std::unique_ptr<Engine>> Open(const EngineOptions& options);

  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  auth::AccountStore& accounts() { return accounts_; }

  struct SessionContext {
    uint32_t connection_id = 0;
    Principal principal;
    std::string database;  // "" for none
    bool interactive = false;
    // CLIENT_MULTI_RESULTS: a procedure that returns result sets may be CALLed (else 1312).
    bool multi_results = true;
    bool track_state = false;  // CLIENT_SESSION_TRACK: OKs carry session-state changes
    // CLIENT_FOUND_ROWS: an UPDATE's affected rows are the rows it matched, not the rows it
    // changed (and ON DUPLICATE KEY UPDATE counts a row left as it was as 1, not 0).
    bool found_rows = false;
    std::string tls_version, tls_cipher;  // the connection's TLS ("" without TLS)
    // The account's password has expired: every statement but ALTER USER, SET PASSWORD and
    // SET is refused (1820) until the session changes it, as MySQL's sandbox mode.
    bool password_expired = false;
    // The collation the client named in its handshake (0: none): the session's character
    // sets and collation_connection start as it says, as in MySQL.
    uint16_t client_collation = 0;
    // The connection's compression (SHOW STATUS Compression, Compression_algorithm,
    // Compression_level): "zlib" or "zstd" and its level, "" and 0 when uncompressed.
    std::string compression_algorithm;
    int compression_level = 0;
  };
  // 1049 unknown database, 1044 no privilege in it.
  Result<std::unique_ptr<Session>> OpenSession(const SessionContext& context);
  // The server-wide SHOW GLOBAL STATUS values, unsorted: the hooks' counters and the
  // engine's (Com_*, Queries, Slow_queries, ...). A session's SHOW STATUS adds its own to
  // these; the metrics endpoint reads them as they are. Thread-safe.
  std::vector<std::pair<std::string, std::string>> GlobalStatus();

  // ---- for Session (engine-internal) ----
  catalog::Catalog& catalog() { return catalog_; }
  GlobalVariables& globals() { return *options_.globals; }
  ServerHooks* hooks() { return options_.hooks; }
  auth::Sha2PasswordCache* sha2_cache() { return options_.sha2_cache; }
  const std::string& database_path() const { return database_path_; }
  // Serialises DDL (catalog edits) across sessions.
  std::mutex& ddl_mutex() { return ddl_mutex_; }
  uint64_t UptimeSeconds() const;
  int64_t StartedUnixSeconds() const { return started_unix_; }
  // When each table last had a change committed (information_schema.TABLES.UPDATE_TIME), by
  // storage id: kept in memory only, as InnoDB keeps it, so NULL again after a restart.
  void NoteCommitted(const std::vector<uint64_t>& storage_ids);
  std::optional<std::string> UpdateTime(uint64_t storage_id) const;
  // Prepared statements of every session (Prepared_stmt_count, max_prepared_stmt_count) and
  // the COM_STMT_* / SQL PREPARE counters of SHOW STATUS.
  struct StatementCounters {
    std::atomic<int64_t> prepared{0};
    std::atomic<uint64_t> prepare{0}, execute{0}, close{0}, reset{0};
  };
  StatementCounters& statement_counters() { return statement_counters_; }
  // Statements run (Queries: a stored program's too), by kind (Com_*), and those slower
  // than long_query_time (Slow_queries).
  struct QueryCounters {
    std::atomic<uint64_t> queries{0}, slow{0}, flush{0};
    std::array<std::atomic<uint64_t>, 256> by_kind{};
  };
  QueryCounters& query_counters() { return query_counters_; }
  UserLocks& user_locks() { return user_locks_; }
  MetadataLocks& metadata_locks() { return metadata_locks_; }
  // The one writer at a time, and when commits become durable (storage/).
  storage::WriteLock& write_lock() { return write_lock_; }
  storage::GroupSync& group_sync() { return *group_sync_; }
  // innodb_flush_log_at_trx_commit's global value becomes the flush policy.
  void UseFlushPolicy();
  // Every session registers once. When the WAL outgrows its bound
  // (storage::Checkpointer::kBoundPages) because old snapshots are still read, each is asked
  // to end a transaction it left open on a read snapshot longer than its
  // write_lock_idle_timeout (Session::EndIdleTransactionPast): its next statement reports 1213.
  void WatchIdleTransactions(Session* session);
  void StopWatchingIdleTransactions(Session* session);
  void EndExpiredIdleTransactions();
  // Opens a connection to the data file with the MySQL functions registered on it.
  // `host` (may be null) receives the per-session function state. With `write_lock` and
  // `group_sync` it is one of the server's connections (OpenOptions).
  static Result<std::unique_ptr<storage::Database>> OpenConnection(
      const std::string& path, bool create, FunctionHost* host,
      storage::WriteLock* write_lock = nullptr, storage::GroupSync* group_sync = nullptr);
  // Takes back a closed session's connection (and the FunctionHost its functions point at):
  // rolls back, drops the session's TEMP tables when `temp_tables`, frees its page cache and
  // keeps it for the next OpenSession, or closes it when the pool is full or the reset failed.
  void ReleaseConnection(std::unique_ptr<FunctionHost> host, std::unique_ptr<storage::Database> db,
                         bool temp_tables);

 private:
  class PrivateKey {
    PrivateKey() = default;
    friend class Engine;
  };

 public:
  Engine(PrivateKey, EngineOptions options);

 private:
  // Open, for a data directory whose lock the caller has taken.
  static Result<std::unique_ptr<Engine>> OpenHolding(const EngineOptions& options,
                                                     storage::DataDirLock lock);
  Status LoadCatalog(storage::Database& db);
  // Runs `script` (several statements) as root in a bootstrap session: no privilege checks.
  Status RunBootstrapScript(std::string_view script);

  // A ready SQLite connection: opened, PRAGMAs applied, functions registered, schema parsed.
  struct PooledConnection {
    std::unique_ptr<FunctionHost> host;
    std::unique_ptr<storage::Database> db;
  };
  // One from the pool, else a freshly opened one.
  Result<PooledConnection> TakeConnection();

  EngineOptions options_;
  storage::DataDirLock datadir_lock_;  // held from Open until the engine is gone
  std::string database_path_;
  catalog::Catalog catalog_;
  auth::AccountStore accounts_;
  std::mutex ddl_mutex_;
  std::mutex pool_mutex_;
  std::vector<PooledConnection> pool_;  // guarded by pool_mutex_
  mutable std::mutex update_times_mutex_;
  std::unordered_map<uint64_t, std::string> update_times_;  // guarded by update_times_mutex_
  std::chrono::steady_clock::time_point started_;
  int64_t started_unix_;  // the same moment, seconds since the epoch
  StatementCounters statement_counters_;
  QueryCounters query_counters_;
  UserLocks user_locks_;
  MetadataLocks metadata_locks_;
  storage::WriteLock write_lock_;
  std::unique_ptr<storage::GroupSync> group_sync_;
  std::unique_ptr<storage::Checkpointer> checkpointer_;  // stopped before the pool closes
  std::mutex idle_watch_mutex_;
  std::unordered_set<Session*> idle_watch_;
};

}  // namespace porpoise::engine
