// SessionHandler: the SQL half of a connection as the wire half sees it. The server owns one
// per authenticated connection and calls it from that connection's thread; the daemon supplies
// the implementation (engine-backed). (server/)
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/parameter_value.h"
#include "common/result_sink.h"
#include "common/status.h"

namespace porpoise::server {

// Who is on the other end, fixed at authentication (and again at COM_CHANGE_USER).
struct SessionIdentity {
  uint32_t connection_id = 0;
  std::string user;           // the user name the client sent (USER() = user@client_host)
  std::string client_host;    // "localhost" over the unix socket, else the peer IP as text
  std::string account_user;   // the matched account (CURRENT_USER() = account_user@account_host)
  std::string account_host;
  bool over_unix_socket = false;
  bool secure_transport = false;  // unix socket or TLS
  uint32_t client_capabilities = 0;
  uint16_t client_collation = 0;  // from the handshake response, 0 when not sent
  std::string database;           // initial default database, "" for none
  std::string compression_algorithm;  // "zlib", "zstd", or "" for an uncompressed connection
  int compression_level = 0;          // 6 for zlib, the client's for zstd, 0 uncompressed
  std::string tls_version;  // "TLSv1.3" over TLS, else ""
  std::string tls_cipher;   // the cipher's OpenSSL name over TLS, else ""
  // The account's password has expired: the session may only change it (sandbox mode).
  bool password_expired = false;
  // When the login began: the greeting, or COM_CHANGE_USER (the login latency histogram).
  std::chrono::steady_clock::time_point login_started{};
};

// What COM_STMT_PREPARE answers.
struct PreparedStatementInfo {
  uint32_t id = 0;
  uint16_t parameter_count = 0;
  // How each parameter is described (a string when not given).
  std::vector<FieldType> parameter_types;
  std::vector<ColumnInfo> columns;
};

class SessionHandler {
 public:
  virtual ~SessionHandler() = default;

  // COM_QUERY: runs one or more ';'-separated statements (more than one only when the client
  // set CLIENT_MULTI_STATEMENTS, which `multi_statements` reports), writing every result to
  // `sink`. Stops at the first error.
  virtual void ComQuery(std::string_view sql, bool multi_statements, ResultSink& sink) = 0;
  // COM_STMT_PREPARE: parses one statement (more is 1064) and keeps it. The result set's
  // columns are those the statement will return (none when it returns no rows).
  virtual Result<PreparedStatementInfo> ComStmtPrepare(std::string_view sql) = 0;
  // COM_STMT_EXECUTE: runs prepared statement `id` with `parameters` (one per `?`), writing
  // its results to `sink` as for COM_QUERY; 1243 for an unknown id.
  virtual void ComStmtExecute(uint32_t id, std::span<const ParameterValue> parameters,
                              ResultSink& sink) = 0;
  // CLIENT_QUERY_ATTRIBUTES: the attributes that came with the COM_QUERY or
  // COM_STMT_EXECUTE about to run (mysql_query_attribute_string reads them); the server sets
  // them before each such command and clears them after.
  virtual void SetQueryAttributes(std::vector<QueryAttribute> attributes) { (void)attributes; }
  // COM_STMT_CLOSE: forgets prepared statement `id` (nothing when there is none).
  virtual void ComStmtClose(uint32_t id) = 0;
  // COM_STMT_RESET of a statement the connection holds.
  virtual void ComStmtReset(uint32_t id) = 0;
  // COM_FIELD_LIST: the columns of `table` in the current database whose names match the
  // LIKE pattern `wildcard` (all when empty), as a SELECT * describes them; 1046, 1146, 1142.
  virtual Result<std::vector<ColumnInfo>> ComFieldList(std::string_view table,
                                                       std::string_view wildcard) = 0;
  // COM_INIT_DB: like USE db; 1049 / 1044 on failure.
  virtual Status ComInitDb(std::string_view database) = 0;
  // The session-state changes not yet reported (CLIENT_SESSION_TRACK): COM_INIT_DB's OK
  // carries them; a statement's OK carries its own in OkResult.
  virtual std::vector<SessionStateChange> TakeStateChanges() = 0;
  // COM_STATISTICS text: "Uptime: 5  Threads: 1  Questions: 3 ..."
  virtual std::string ComStatistics() = 0;
  // COM_RESET_CONNECTION: rolls back, drops temporary state, resets session variables.
  virtual void ComResetConnection() = 0;
  // COM_PROCESS_KILL: KILL CONNECTION `id`, with the account's privileges as they are now
  // (1094, 1095).
  virtual Status ComProcessKill(uint32_t id) = 0;
  // COM_DEBUG: OK for an account with SUPER as it is now, 1227 otherwise.
  virtual Status ComDebug() = 0;

  // SERVER_STATUS_* flags for the next OK/EOF (autocommit, in transaction).
  virtual uint16_t ServerStatus() const = 0;
  // Warnings raised by the last statement.
  virtual uint16_t WarningCount() const = 0;
  // Session wait_timeout (interactive_timeout for CLIENT_INTERACTIVE clients), seconds.
  virtual uint32_t IdleTimeoutSeconds() const = 0;

  // Interrupts the statement running in this session, from any thread (KILL QUERY).
  virtual void InterruptQuery() = 0;
};

// Creates sessions. Thread-safe: called from every connection thread.
class SessionHandlerFactory {
 public:
  virtual ~SessionHandlerFactory() = default;
  // Fails with 1049 / 1044 when identity.database is set and unknown / not permitted.
  virtual Result<std::unique_ptr<SessionHandler>> Open(const SessionIdentity& identity) = 0;
};

}  // namespace porpoise::server
