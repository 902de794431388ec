// Connection: one client connection's state machine, from the greeting through
// authentication to the command loop, run on the connection's own thread. (server/)
//
//            accept
//              |
//              v
//   +---------------------+  too many connections (1040) / host not allowed (1130)
//   |      kGreeting      |-------------------------------------------------+
//   +---------------------+                                                 |
//              | HandshakeV10 sent                                          |
//              v                                                            |
//   +---------------------+  bad/short response (1043/1835), timeout,       |
//   |   kAuthenticating   |  access denied (1045/1698/1251/3118)            |
//   +---------------------+------------------------------------------------>+
//        |            | account's plugin differs from the client's          |
//        |            v                                                     |
//        |   +---------------------+  denied, timeout                       |
//        |   |     kAuthSwitch     |--------------------------------------->+
//        |   +---------------------+                                        |
//        |            |                                                     |
//        v            v  exchange accepted, session opened, OK sent         |
//   +---------------------+  COM_QUIT, idle timeout (4031), KILL, 1153,     |
//   |      kCommand       |  out-of-order (1156), malformed (1835),         |
//   +---------------------+  failed COM_CHANGE_USER ----------------------->+
//      ^   |      |                                                         |
//      |   |      +-- COM_CHANGE_USER whose account needs another plugin:   |
//      |   |          AuthSwitchRequest sent, next phase kAuthSwitch        |
//      +---+ one command answered                                           v
//                                                               +------------------+
//                                                               |     kClosing     |
//                                                               +------------------+
// Transitions and the function performing each:
//   kGreeting       -> kAuthenticating | kClosing     RunGreeting()
//   kAuthenticating -> kAuthSwitch | kCommand | kClosing   RunAuthenticating()
//   kAuthSwitch     -> kCommand | kClosing             RunAuthSwitch()
//   kCommand        -> kCommand | kAuthSwitch | kClosing   RunCommand() -> HandleCom*()
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/account.h"
#include "auth/auth_plugin.h"
#include "net/socket.h"
#include "net/tls.h"
#include "net/transport.h"
#include "protocol/byte_reader.h"
#include "server/connection_registry.h"
#include "server/login_guard.h"
#include "server/packet_io.h"
#include "server/server_options.h"
#include "server/session_handler.h"

namespace porpoise::auth {
class RsaKeyPair;
class Sha2PasswordCache;
}  // namespace porpoise::auth

namespace porpoise::server {

// What every connection shares; owned by the Server, outlives every connection.
struct ServerContext {
  const ServerOptions& options;
  SessionHandlerFactory& sessions;
  auth::AccountStore& accounts;
  const auth::RsaKeyPair* rsa;          // may be null: no RSA full authentication
  auth::Sha2PasswordCache& sha2_cache;
  ConnectionRegistry& registry;
  // When `rsa` is null: yields the key pair on the first login that may need it (a
  // caching_sha2_password account), so an idle server never loads OpenSSL's machinery.
  // Thread-safe; may return null. Empty: no RSA full authentication.
  std::function<const auth::RsaKeyPair*()> rsa_loader = {};
  // The current protocol_compression_algorithms, read at each greeting. Thread-safe. Empty:
  // zlib, zstd and uncompressed connections are all permitted.
  std::function<std::string()> compression_algorithms = {};
  // The server's TLS context, made on first use; thread-safe; may return null (TLS could not
  // be set up: logged). Empty: the greeting does not offer TLS.
  std::function<std::shared_ptr<const net::TlsContext>()> tls_loader = {};
  // Failed handshakes and logins, server-wide; null: not remembered.
  LoginGuard* logins = nullptr;
  // A global variable's value by name, "" when unknown (thread-safe). Empty: defaults.
  std::function<std::string(std::string_view)> global_variable = {};
  // Told of every login refused for who the client is (a wrong password, a locked or blocked
  // account, a host not let in, a limit reached): the user it named, its address and the
  // error it got. Thread-safe. Empty: nobody is told.
  std::function<void(const std::string& user, const std::string& host, const Status& error)>
      login_refused = {};
};

class Connection {
 public:
  enum class Phase { kGreeting, kAuthenticating, kAuthSwitch, kCommand, kClosing };

  // `transport` must outlive the connection.
  Connection(const ServerContext& context, net::Transport& transport, net::PeerInfo peer,
             uint32_t connection_id);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Came in on the administrative interface: only accounts with SERVICE_CONNECTION_ADMIN log
  // in, and max_connections does not count it.
  void set_admin_interface() { admin_interface_ = true; }
  // Runs every phase until kClosing; returns when the connection should be closed.
  void Run();

  Phase phase() const { return phase_; }

 private:
  // A login in progress (the handshake's, or COM_CHANGE_USER's).
  struct Login {
    std::string user;
    std::string auth_response;
    std::string client_plugin;
    std::string database;
    uint16_t collation = 0;
    std::vector<std::pair<std::string, std::string>> attributes;  // CLIENT_CONNECT_ATTRS
    bool change_user = false;
    std::shared_ptr<const auth::AccountSnapshot> snapshot;
    const auth::Account* account = nullptr;
    const auth::AuthPlugin* plugin = nullptr;
    auth::AuthContext context;
    std::unique_ptr<auth::AuthExchange> exchange;
    bool password_used = false;
  };

  // Phases.
  Phase RunGreeting();
  Phase RunAuthenticating();
  Phase RunAuthSwitch();
  Phase RunCommand();

  // Settles compression from the handshake response: zlib when both sides have it, else
  // zstd at the client's level, else uncompressed if permitted (3922, 3923 otherwise).
  Status NegotiateCompression(uint8_t zstd_level);

  // Login steps shared by the handshake and COM_CHANGE_USER.
  Phase BeginLogin();
  Phase RunExchange(auth::AuthStep step);
  Phase CompleteLogin();
  Phase DenyLogin(bool password_used);
  // 3955: the account is blocked by FAILED_LOGIN_ATTEMPTS for `days_left` more days (-1:
  // UNBOUNDED).
  Phase RefuseBlockedAccount(int64_t days_left);
  // PASSWORD EXPIRE, or a password older than its lifetime (the account's, else
  // default_password_lifetime).
  bool PasswordExpired(const auth::Account& account) const;
  // Gives back the max_user_connections slot, if held.
  void ReleaseAccountSlot();

  // Commands (dispatch.cc).
  Phase Dispatch(std::string_view packet);
  Phase HandleComQuit(protocol::ByteReader& reader);
  Phase HandleComInitDb(protocol::ByteReader& reader);
  Phase HandleComQuery(protocol::ByteReader& reader);
  Phase HandleComPing(protocol::ByteReader& reader);
  Phase HandleComStatistics(protocol::ByteReader& reader);
  Phase HandleComProcessKill(protocol::ByteReader& reader);
  Phase HandleComChangeUser(protocol::ByteReader& reader);
  Phase HandleComResetConnection(protocol::ByteReader& reader);
  Phase HandleComSetOption(protocol::ByteReader& reader);
  Phase HandleComDebug(protocol::ByteReader& reader);
  Phase HandleComFieldList(protocol::ByteReader& reader);
  Phase HandleComRefresh(protocol::ByteReader& reader);
  Phase HandleComShutdown(protocol::ByteReader& reader);
  Phase HandleComStmtPrepare(protocol::ByteReader& reader);
  Phase HandleComStmtExecute(protocol::ByteReader& reader);
  Phase HandleComStmtSendLongData(protocol::ByteReader& reader);
  Phase HandleComStmtClose(protocol::ByteReader& reader);
  Phase HandleComStmtReset(protocol::ByteReader& reader);
  Phase HandleComStmtFetch(protocol::ByteReader& reader);

  // Replies.
  void WriteOk(uint64_t affected_rows = 0, std::vector<SessionStateChange> state_changes = {});
  void WriteError(const Status& status);
  void WriteEofOrOk();
  // Sends `status` as the connection's last word and ends it (reads and drops what the
  // client is still sending for a moment, so the error is not lost in a reset).
  Phase CloseWithError(const Status& status);
  // Maps a failed read to the closing reply (none for a closed socket).
  Phase CloseAfterReadError(const Status& status);
  Result<std::string> ReadAuthPacket();
  // Runs the TLS handshake an SSLRequest asked for; from then on packets travel over tls_.
  Status StartTls();
  bool SecureTransport() const { return peer_.unix_socket || tls_ != nullptr; }
  // Whether this connection's TLS satisfies the account's REQUIRE.
  bool MeetsTlsRequirement(const auth::Account& account) const;
  void FlushCounters();

  std::chrono::milliseconds Seconds(uint32_t seconds) const {
    return std::chrono::milliseconds(uint64_t{seconds} * 1000);
  }
  std::string ClientHost() const { return peer_.unix_socket ? "localhost" : peer_.ip; }
  // Starts the connect_timeout deadline a login's packets must all arrive within (and notes
  // when the login began).
  void StartLoginDeadline();
  // A global variable as a number (`fallback` when unknown or not a number).
  uint64_t GlobalNumber(std::string_view name, uint64_t fallback) const;
  // Holds back the answer to a login as connection_control does after failures in a row,
  // then records whether it `succeeded`.
  void ThrottleLogin(bool succeeded);

  const ServerContext& context_;
  net::Transport& transport_;
  std::unique_ptr<net::TlsTransport> tls_;  // over transport_, after an SSLRequest
  net::PeerInfo peer_;
  const uint32_t connection_id_;
  PacketIo io_;
  Phase phase_ = Phase::kGreeting;
  std::string scramble_;
  std::chrono::steady_clock::time_point login_deadline_ = std::chrono::steady_clock::time_point::max();
  std::chrono::steady_clock::time_point login_started_;
  uint32_t capabilities_ = 0;  // negotiated: server & client
  uint32_t offered_ = 0;       // what the greeting offered
  bool uncompressed_permitted_ = true;
  // The connection's compression once the handshake settled it (none: uncompressed).
  std::optional<protocol::CompressionAlgorithm> compression_;
  int compression_level_ = 0;
  bool multi_statements_ = false;
  bool authenticated_ = false;
  // The login ended with an answer about who may connect (denied, refused, blocked), not in
  // a broken handshake: only the latter counts toward max_connect_errors.
  bool verdict_ = false;
  // Refused for its address (1130, 1129) before the handshake: not a handshake error.
  bool host_refused_ = false;
  bool admin_interface_ = false;
  bool quit_ = false;
  std::shared_ptr<ConnectionEntry> entry_;
  Login login_;
  std::optional<std::string> account_user_;  // the logged-in account's user name
  // The account ('user', 'host pattern') this connection is counted under for
  // max_user_connections, once it has logged in.
  std::optional<std::pair<std::string, std::string>> account_slot_;
  std::unique_ptr<SessionHandler> session_;
  // The wire state of each prepared statement: its parameters' types as last bound (0xffff
  // before the first COM_STMT_EXECUTE binds them) and COM_STMT_SEND_LONG_DATA's values.
  struct PreparedWireState {
    std::vector<uint16_t> types;
    std::vector<std::optional<std::string>> long_data;
    // A parameter's long data went past max_allowed_packet: it was dropped, and every
    // COM_STMT_EXECUTE fails (MySQL's 1105) until COM_STMT_RESET.
    bool long_data_too_long = false;
    // An open read-only cursor: its rows (binary row packets) and the next to fetch.
    bool cursor_open = false;
    std::vector<std::string> cursor_rows;
    size_t cursor_next = 0;
  };
  std::map<uint32_t, PreparedWireState> statements_;
};

}  // namespace porpoise::server
