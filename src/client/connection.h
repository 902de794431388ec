// Connection: one libmariadb connection (MYSQL*) held with RAII, with the queries, results and
// connection facts the cli and the other client tools need. (client/)
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "client/client_status.h"
#include "client/result.h"

struct st_mysql;  // MYSQL

namespace porpoise::client {

enum class Protocol { kDefault, kTcp, kSocket };

// --ssl-mode: DISABLED never uses TLS; PREFERRED uses it when the server offers it;
// REQUIRED fails without it; VERIFY_CA and VERIFY_IDENTITY also verify the server's
// certificate against ssl_ca. libmariadb checks the certificate's host name in both, so
// VERIFY_CA is as strict as VERIFY_IDENTITY here.
enum class SslMode { kDisabled, kPreferred, kRequired, kVerifyCa, kVerifyIdentity };

struct ConnectOptions {
  // Empty or "localhost": the unix socket (unless protocol is kTcp); anything else: TCP.
  std::string host;
  unsigned port = 0;                     // 0: libmariadb's default (3306)
  std::string user;                      // empty: libmariadb's default (the login name)
  std::optional<std::string> password;   // nullopt: connect without a password
  std::string database;                  // empty: none
  std::string socket;                    // empty: libmariadb's default socket path
  Protocol protocol = Protocol::kDefault;
  unsigned connect_timeout_seconds = 0;  // 0: libmariadb's default
  std::string charset = "utf8mb4";
  std::string plugin_dir;                // empty: libmariadb's default
  std::string default_auth;              // first auth plugin to try; empty: the server's choice
  // PEM file with the server's RSA key for caching_sha2_password / sha256_password. Without
  // it libmariadb asks the server for its key when the connection is not secure.
  std::string server_public_key_path;
  SslMode ssl_mode = SslMode::kPreferred;
  // PEM files (CA, directory of CAs, client certificate and key), the TLS 1.2 cipher list and
  // the TLS versions to offer ("TLSv1.2,TLSv1.3"); empty: libmariadb's defaults.
  std::string ssl_ca, ssl_capath, ssl_cert, ssl_key, ssl_cipher, tls_version;
  bool multi_statements = true;          // CLIENT_MULTI_STATEMENTS (and multi results)
  bool interactive = false;              // CLIENT_INTERACTIVE (interactive_timeout applies)
  std::string program_name = "porpoise";  // connection attribute program_name
};

// What one statement produced: a result set, or the OK packet's counters.
struct StatementOutcome {
  std::optional<Result> result_set;  // set when the statement returned columns
  uint64_t affected_rows = 0;        // ~0 when the server gave none (mysql_affected_rows)
  uint64_t insert_id = 0;
  unsigned warning_count = 0;
  std::string info;  // "Rows matched: 1  Changed: 1  Warnings: 0"; empty when none
};

// libmariadb's version, e.g. "3.3.20".
std::string LibraryVersion();

// Not thread-safe: one thread uses a Connection at a time. Move-only.
class Connection {
 public:
  // Connects and authenticates. On failure the status carries libmariadb's error
  // (e.g. 2002 HY000 "Can't connect to local server through socket '...' (2)", 1045 28000).
  static ErrorOr<Connection> Connect(const ConnectOptions& options);

  Connection(Connection&&) noexcept = default;
  Connection& operator=(Connection&&) noexcept = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() = default;

  // Sends `sql` (one statement, or several when multi_statements is on) and reads the first
  // statement's reply; then call ReadOutcome(), and while MoreResults(), NextResult() +
  // ReadOutcome().
  ClientStatus Query(std::string_view sql);
  // Stores the current statement's rows (if any) and returns its outcome.
  ErrorOr<StatementOutcome> ReadOutcome();
  bool MoreResults() const;
  // Reads the next statement's reply. An error here is that statement's error.
  ClientStatus NextResult();
  // Query + ReadOutcome for a statement expected to give exactly one outcome; further results
  // are read and dropped.
  ErrorOr<StatementOutcome> Execute(std::string_view sql);
  // The first column of the first row of `sql`, nullopt for NULL or no rows.
  ErrorOr<std::optional<std::string>> QueryScalar(std::string_view sql);

  ClientStatus SelectDatabase(const std::string& database);  // COM_INIT_DB
  ClientStatus Ping();                                         // COM_PING
  ErrorOr<std::string> Statistics();                           // COM_STATISTICS

  uint64_t connection_id() const;
  std::string server_version() const;    // "8.4.0-porpoise", as in the handshake
  std::string host_info() const;         // "Localhost via UNIX socket", "127.0.0.1 via TCP/IP"
  unsigned protocol_version() const;
  std::string character_set() const;     // the connection's character set name
  std::string unix_socket() const;       // the socket path when connected over one, else ""
  unsigned port() const;                 // the TCP port when connected over TCP
  std::string tls_cipher() const;        // empty when the connection is not encrypted
  std::string user() const;              // the user name the connection authenticated as

  // The libmariadb handle, for callers that need an API not wrapped here.
  st_mysql* native_handle() { return mysql_.get(); }

 private:
  struct MysqlDeleter {
    void operator()(st_mysql* mysql) const;
  };
  explicit Connection(std::unique_ptr<st_mysql, MysqlDeleter> mysql) : mysql_(std::move(mysql)) {}
  ClientStatus LastError() const;

  std::unique_ptr<st_mysql, MysqlDeleter> mysql_;
};

}  // namespace porpoise::client
