// Connection over libmariadb: option setup, connect, queries and result reading. (client/)
#include "client/connection.h"

#include <mysql.h>
// After mysql.h, which they build on: how to reach a connection's TLS handle. HAVE_TLS makes
// ma_pvio.h declare the TLS container instead of leaving it opaque; ma_tls.h expects the
// library's own `uchar`.
#ifndef HAVE_TLS
#define HAVE_TLS 1
#endif
using uchar = unsigned char;
#include <ma_pvio.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cstring>

namespace porpoise::client {

std::string ClientStatus::ToString() const {
  if (ok()) return "OK";
  std::string text = "ERROR " + std::to_string(code_);
  if (!sqlstate_.empty()) text += " (" + sqlstate_ + ")";
  return text + ": " + message_;
}

std::string LibraryVersion() { return mysql_get_client_info(); }

void Connection::MysqlDeleter::operator()(st_mysql* mysql) const { mysql_close(mysql); }

namespace {

ClientStatus StatusOf(MYSQL* mysql) {
  const unsigned code = mysql_errno(mysql);
  if (code == 0) return ClientStatus();
  return ClientStatus(code, mysql_sqlstate(mysql), mysql_error(mysql));
}

// mysql_optionsv returns non-zero for unknown options or bad values.
ClientStatus SetOptions(MYSQL* mysql, const ConnectOptions& options) {
  bool failed = false;
  if (options.protocol != Protocol::kDefault) {
    unsigned int protocol = options.protocol == Protocol::kTcp ? MYSQL_PROTOCOL_TCP
                                                                : MYSQL_PROTOCOL_SOCKET;
    failed |= mysql_optionsv(mysql, MYSQL_OPT_PROTOCOL, &protocol) != 0;
  }
  if (options.connect_timeout_seconds != 0) {
    unsigned int timeout = options.connect_timeout_seconds;
    failed |= mysql_optionsv(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &timeout) != 0;
  }
  if (!options.charset.empty()) {
    failed |= mysql_optionsv(mysql, MYSQL_SET_CHARSET_NAME, options.charset.c_str()) != 0;
  }
  if (!options.plugin_dir.empty()) {
    failed |= mysql_optionsv(mysql, MYSQL_PLUGIN_DIR, options.plugin_dir.c_str()) != 0;
  }
  if (!options.default_auth.empty()) {
    failed |= mysql_optionsv(mysql, MYSQL_DEFAULT_AUTH, options.default_auth.c_str()) != 0;
  }
  if (!options.server_public_key_path.empty()) {
    failed |= mysql_optionsv(mysql, MYSQL_SERVER_PUBLIC_KEY,
                             options.server_public_key_path.c_str()) != 0;
  }
  if (options.ssl_mode != SslMode::kDisabled) {
    // Any TLS option makes libmariadb use TLS when the server offers it (PREFERRED).
    failed |= mysql_optionsv(mysql, MYSQL_OPT_SSL_CIPHER, options.ssl_cipher.c_str()) != 0;
    const std::pair<mysql_option, const std::string*> files[] = {
        {MYSQL_OPT_SSL_CA, &options.ssl_ca},     {MYSQL_OPT_SSL_CAPATH, &options.ssl_capath},
        {MYSQL_OPT_SSL_CERT, &options.ssl_cert}, {MYSQL_OPT_SSL_KEY, &options.ssl_key},
        {MARIADB_OPT_TLS_VERSION, &options.tls_version}};
    for (const auto& [option, value] : files) {
      if (!value->empty()) failed |= mysql_optionsv(mysql, option, value->c_str()) != 0;
    }
    my_bool enforce = options.ssl_mode != SslMode::kPreferred;
    // libmariadb checks the chain and the host name together or not at all: VERIFY_CA's
    // chain-only check is made after the handshake (VerifyServerChain).
    my_bool verify = options.ssl_mode == SslMode::kVerifyIdentity;
    failed |= mysql_optionsv(mysql, MYSQL_OPT_SSL_ENFORCE, &enforce) != 0;
    failed |= mysql_optionsv(mysql, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify) != 0;
  }
  failed |= mysql_optionsv(mysql, MYSQL_OPT_CONNECT_ATTR_ADD, "program_name",
                           options.program_name.c_str()) != 0;
  if (failed) return ClientStatus(2000, "HY000", "Could not set a connection option");
  return ClientStatus();
}

const char* NullIfEmpty(const std::string& text) { return text.empty() ? nullptr : text.c_str(); }

ClientStatus SslError(const std::string& why) {
  return ClientStatus(2026, "HY000", "SSL connection error: " + why);
}

// VERIFY_CA: the server's certificate must chain to the given CA; its name is not checked.
// OpenSSL records the chain's verdict whether or not the handshake was asked to enforce it.
ClientStatus VerifyServerChain(MYSQL* mysql) {
  const char* library = nullptr;
  if (mariadb_get_infov(mysql, MARIADB_TLS_LIBRARY, &library) != 0 || library == nullptr ||
      std::strncmp(library, "OpenSSL", 7) != 0) {
    return SslError("VERIFY_CA needs a client library built with OpenSSL");
  }
  MARIADB_PVIO* pvio = mysql->net.pvio;
  SSL* ssl = pvio != nullptr && pvio->ctls != nullptr ? static_cast<SSL*>(pvio->ctls->ssl)
                                                      : nullptr;
  if (ssl == nullptr) return SslError("the server did not use TLS");
  X509* certificate = SSL_get1_peer_certificate(ssl);
  if (certificate == nullptr) return SslError("the server sent no certificate");
  X509_free(certificate);
  long verdict = SSL_get_verify_result(ssl);
  if (verdict != X509_V_OK) return SslError(X509_verify_cert_error_string(verdict));
  return ClientStatus();
}

}  // namespace

ErrorOr<Connection> Connection::Connect(const ConnectOptions& options) {
  std::unique_ptr<st_mysql, MysqlDeleter> mysql(mysql_init(nullptr));
  if (mysql == nullptr) return ClientStatus(2008, "HY000", "MySQL client ran out of memory");
  bool verifies = options.ssl_mode == SslMode::kVerifyCa ||
                  options.ssl_mode == SslMode::kVerifyIdentity;
  if (verifies && options.ssl_ca.empty() && options.ssl_capath.empty()) {
    return SslError("CA certificate is required if ssl-mode is VERIFY_CA or VERIFY_IDENTITY");
  }
  ClientStatus status = SetOptions(mysql.get(), options);
  if (!status.ok()) return status;

  unsigned long flags = 0;
  if (options.multi_statements) flags |= CLIENT_MULTI_STATEMENTS | CLIENT_MULTI_RESULTS;
  if (options.interactive) flags |= CLIENT_INTERACTIVE;
  // --protocol=SOCKET means the socket even when a host is named.
  const char* host = options.protocol == Protocol::kSocket ? "localhost"
                                                           : NullIfEmpty(options.host);
  const char* password = options.password ? options.password->c_str() : nullptr;
  if (mysql_real_connect(mysql.get(), host, NullIfEmpty(options.user), password,
                         NullIfEmpty(options.database), options.port,
                         NullIfEmpty(options.socket), flags) == nullptr) {
    return StatusOf(mysql.get());
  }
  if (options.ssl_mode == SslMode::kVerifyCa) {
    ClientStatus verified = VerifyServerChain(mysql.get());
    if (!verified.ok()) return verified;
  }
  return Connection(std::move(mysql));
}

ClientStatus Connection::LastError() const { return StatusOf(mysql_.get()); }

ClientStatus Connection::Query(std::string_view sql) {
  if (mysql_real_query(mysql_.get(), sql.data(), sql.size()) != 0) return LastError();
  return ClientStatus();
}

ErrorOr<StatementOutcome> Connection::ReadOutcome() {
  StatementOutcome outcome;
  MYSQL_RES* result = mysql_store_result(mysql_.get());
  if (result != nullptr) {
    outcome.result_set.emplace(result);
  } else if (mysql_field_count(mysql_.get()) != 0) {
    return LastError();  // the statement had columns but reading its rows failed
  }
  outcome.affected_rows = mysql_affected_rows(mysql_.get());
  outcome.insert_id = mysql_insert_id(mysql_.get());
  outcome.warning_count = mysql_warning_count(mysql_.get());
  if (const char* info = mysql_info(mysql_.get()); info != nullptr) outcome.info = info;
  return outcome;
}

bool Connection::MoreResults() const { return mysql_more_results(mysql_.get()) != 0; }

ClientStatus Connection::NextResult() {
  const int rc = mysql_next_result(mysql_.get());
  if (rc > 0) return LastError();
  return ClientStatus();
}

ErrorOr<StatementOutcome> Connection::Execute(std::string_view sql) {
  ClientStatus status = Query(sql);
  if (!status.ok()) return status;
  ErrorOr<StatementOutcome> outcome = ReadOutcome();
  while (MoreResults()) {
    if (!NextResult().ok()) break;
    ErrorOr<StatementOutcome> dropped = ReadOutcome();
    if (!dropped.ok()) break;
  }
  return outcome;
}

ErrorOr<std::optional<std::string>> Connection::QueryScalar(std::string_view sql) {
  ErrorOr<StatementOutcome> outcome = Execute(sql);
  if (!outcome.ok()) return outcome.status();
  if (!outcome->result_set) return std::optional<std::string>();
  std::optional<Row> row = outcome->result_set->FetchRow();
  if (!row || row->size() == 0 || row->IsNull(0)) return std::optional<std::string>();
  return std::optional<std::string>(std::string(*(*row)[0]));
}

ClientStatus Connection::SelectDatabase(const std::string& database) {
  if (mysql_select_db(mysql_.get(), database.c_str()) != 0) return LastError();
  return ClientStatus();
}

ClientStatus Connection::Ping() {
  if (mysql_ping(mysql_.get()) != 0) return LastError();
  return ClientStatus();
}

ErrorOr<std::string> Connection::Statistics() {
  const char* text = mysql_stat(mysql_.get());
  if (text == nullptr || mysql_errno(mysql_.get()) != 0) return LastError();
  return std::string(text);
}

uint64_t Connection::connection_id() const { return mysql_thread_id(mysql_.get()); }

std::string Connection::server_version() const {
  const char* text = mysql_get_server_info(mysql_.get());
  return text == nullptr ? std::string() : std::string(text);
}

std::string Connection::host_info() const {
  const char* text = mysql_get_host_info(mysql_.get());
  return text == nullptr ? std::string() : std::string(text);
}

unsigned Connection::protocol_version() const { return mysql_get_proto_info(mysql_.get()); }

std::string Connection::character_set() const {
  const char* text = mysql_character_set_name(mysql_.get());
  return text == nullptr ? std::string() : std::string(text);
}

std::string Connection::unix_socket() const {
  const char* path = nullptr;
  if (mariadb_get_infov(mysql_.get(), MARIADB_CONNECTION_UNIX_SOCKET, &path) != 0 ||
      path == nullptr) {
    return std::string();
  }
  return path;
}

unsigned Connection::port() const {
  unsigned int tcp_port = 0;
  if (mariadb_get_infov(mysql_.get(), MARIADB_CONNECTION_PORT, &tcp_port) != 0) return 0;
  return tcp_port;
}

std::string Connection::tls_cipher() const {
  const char* cipher = mysql_get_ssl_cipher(mysql_.get());
  return cipher == nullptr ? std::string() : std::string(cipher);
}

std::string Connection::user() const {
  const char* name = nullptr;
  if (mariadb_get_infov(mysql_.get(), MARIADB_CONNECTION_USER, &name) != 0 || name == nullptr) {
    return std::string();
  }
  return name;
}

}  // namespace porpoise::client
