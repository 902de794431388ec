// Connection: the greeting and authentication phases, closing paths and the command loop's
// frame (the commands themselves are in dispatch.cc). (server/)
#include "server/connection.h"

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <thread>

#include "auth/sha2_cache.h"
#include "common/compression_policy.h"
#include "common/mysql_types.h"
#include "protocol/auth_packets.h"
#include "protocol/capabilities.h"
#include "protocol/handshake.h"
#include "protocol/response_packets.h"
#include "server/logger.h"

namespace porpoise::server {
namespace {

constexpr int kMaxAuthRounds = 8;
// Whether max_connect_errors counts a client's failed handshakes: as MySQL's host cache, only
// for TCP from an address other than loopback.
bool CountsHostErrors(const net::PeerInfo& peer) {
  return !peer.unix_socket && peer.ip != "::1" && peer.ip.rfind("127.", 0) != 0;
}

// The largest packet a client may send before it is authenticated: a handshake response with
// MySQL's largest connection attributes (64 KiB) fits; a flood of huge packets costs little.
constexpr size_t kMaxLoginPacket = 64 * 1024 + 4096;
// How long a connection closed for an error keeps reading what the client still sends, so
// the client reads our ERR packet instead of a connection reset.
constexpr std::chrono::milliseconds kLingerAfterError(3000);

}  // namespace

Connection::Connection(const ServerContext& context, net::Transport& transport,
                       net::PeerInfo peer, uint32_t connection_id)
    : context_(context),
      transport_(transport),
      peer_(std::move(peer)),
      connection_id_(connection_id),
      io_(transport, context.options.max_allowed_packet,
          std::chrono::milliseconds(uint64_t{context.options.net_write_timeout} * 1000)) {}

Connection::~Connection() {
  ReleaseAccountSlot();
  if (entry_) context_.registry.Remove(connection_id_);
}

bool Connection::PasswordExpired(const auth::Account& account) const {
  if (account.password_expired) return true;
  uint64_t days = account.password_lifetime ? *account.password_lifetime
                                             : GlobalNumber("default_password_lifetime", 0);
  if (days == 0 || account.password_last_changed == 0) return false;
  int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  return now - account.password_last_changed >= static_cast<int64_t>(days) * 86400;
}

void Connection::ReleaseAccountSlot() {
  if (!account_slot_) return;
  context_.registry.ReleaseAccountSlot(account_slot_->first, account_slot_->second);
  account_slot_.reset();
}

void Connection::Run() {
  while (phase_ != Phase::kClosing) {
    switch (phase_) {
      case Phase::kGreeting: phase_ = RunGreeting(); break;
      case Phase::kAuthenticating: phase_ = RunAuthenticating(); break;
      case Phase::kAuthSwitch: phase_ = RunAuthSwitch(); break;
      case Phase::kCommand: phase_ = RunCommand(); break;
      case Phase::kClosing: break;
    }
  }
  if (authenticated_ && !quit_) context_.registry.CountAbortedClient();
  // A login that broke off (timeout, bad or cut packets) counts toward max_connect_errors.
  if (!authenticated_ && !verdict_ && !host_refused_ && CountsHostErrors(peer_) &&
      context_.logins != nullptr) {
    context_.logins->CountHostError(peer_.ip);
  }
  FlushCounters();
  ReleaseAccountSlot();
  if (entry_) {
    context_.registry.Remove(connection_id_);
    entry_.reset();
  }
}

uint64_t Connection::GlobalNumber(std::string_view name, uint64_t fallback) const {
  if (!context_.global_variable) return fallback;
  std::string text = context_.global_variable(name);
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return fallback;
  return std::strtoull(text.c_str(), nullptr, 10);
}

void Connection::ThrottleLogin(bool succeeded) {
  if (context_.logins == nullptr) return;
  if (!succeeded && CountsHostErrors(peer_)) {
    context_.logins->CountHostError(peer_.ip, LoginGuard::HostError::kAuthentication);
  }
  std::string account = "'" + login_.user + "'@'" + ClientHost() + "'";
  uint64_t failures = context_.logins->FailedLogins(account);
  if (failures == 0 && succeeded) return;  // the usual login: nothing to wait for or forget
  uint64_t threshold = GlobalNumber("connection_control_failed_connections_threshold", 3);
  std::chrono::milliseconds delay(0);
  if (threshold != 0 && failures >= threshold) {
    constexpr uint64_t kLongest = 2147483647;
    delay = LoginGuard::Delay(
        failures, threshold,
        std::chrono::milliseconds(GlobalNumber("connection_control_min_connection_delay", 1000)),
        std::chrono::milliseconds(GlobalNumber("connection_control_max_connection_delay", kLongest)));
  }
  if (delay.count() > 0) {
    context_.logins->CountDelay();
    // In slices, so that KILL and shutdown are not kept waiting.
    auto until = std::chrono::steady_clock::now() + delay;
    while (!entry_->killed() && !context_.registry.closing()) {
      auto left = until - std::chrono::steady_clock::now();
      if (left <= std::chrono::steady_clock::duration::zero()) break;
      std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
          left, std::chrono::milliseconds(100)));
    }
  }
  context_.logins->RecordLogin(account, succeeded);
}

bool Connection::MeetsTlsRequirement(const auth::Account& account) const {
  if (account.ssl_type.empty()) return true;
  if (tls_ == nullptr) return false;
  if (account.ssl_type == "ANY") return true;
  if (!tls_->PeerVerified()) return false;
  if (account.ssl_type == "X509") return true;
  return (account.ssl_cipher.empty() || account.ssl_cipher == tls_->Cipher()) &&
         (account.x509_issuer.empty() || account.x509_issuer == tls_->PeerIssuer()) &&
         (account.x509_subject.empty() || account.x509_subject == tls_->PeerSubject());
}

void Connection::StartLoginDeadline() {
  login_started_ = std::chrono::steady_clock::now();
  login_deadline_ = login_started_ + Seconds(context_.options.connect_timeout);
}

Connection::Phase Connection::RunGreeting() {
  StartLoginDeadline();
  io_.SetMaxPacketSize(kMaxLoginPacket);
  // One connection beyond max_connections is kept for an account with CONNECTION_ADMIN or
  // SUPER (checked once the login says who it is), as in MySQL. Only the unix socket
  // may reach for it before logging in, so that clients that never log in over TCP cannot
  // take it too: the local admin always gets in.
  uint32_t limit = context_.options.max_connections + (peer_.unix_socket ? 1 : 0);
  auto entry = context_.registry.Add(connection_id_, peer_.HostAndPort(), &transport_, limit,
                                     admin_interface_);
  if (!entry.ok()) return CloseWithError(entry.status());
  entry_ = std::move(entry).value();
  std::shared_ptr<const auth::AccountSnapshot> snapshot = context_.accounts.Current();
  auth::ClientAddress address{peer_.unix_socket, peer_.ip};
  bool cached = CountsHostErrors(peer_) && context_.logins != nullptr;
  if (cached) context_.logins->SeeHost(peer_.ip);
  if (snapshot == nullptr || !snapshot->AnyHostMatches(address)) {
    if (cached) context_.logins->CountHostError(peer_.ip, LoginGuard::HostError::kHostAcl);
    host_refused_ = true;  // the server's answer, not a broken handshake
    return CloseWithError(Status::Error(ER_HOST_NOT_PRIVILEGED, ClientHost()));
  }
  if (cached) {
    uint64_t errors = context_.logins->HostErrors(peer_.ip);
    if (errors > 0 && errors >= GlobalNumber("max_connect_errors", 100)) {
      context_.logins->CountHostError(peer_.ip, LoginGuard::HostError::kBlocked);
      host_refused_ = true;
      return CloseWithError(Status::Error(ER_HOST_IS_BLOCKED, peer_.ip));
    }
  }
  scramble_ = auth::GenerateScramble();
  protocol::HandshakeV10 greeting;
  greeting.server_version = context_.options.server_version;
  greeting.connection_id = connection_id_;
  greeting.auth_plugin_data = scramble_;
  CompressionPolicy policy{true, true, true};
  if (context_.compression_algorithms) {
    policy = CompressionPolicy::Parse(context_.compression_algorithms()).value_or(policy);
  }
  uncompressed_permitted_ = policy.uncompressed;
  offered_ = (protocol::kServerCapabilities & ~protocol::kCompressionCapabilities) |
             protocol::CompressionCapabilities(policy);
  if (context_.tls_loader && !peer_.unix_socket) offered_ |= protocol::kClientSsl;
  greeting.capabilities = offered_;
  greeting.character_set = static_cast<uint8_t>(collation_id::kUtf8mb4_0900AiCi);
  greeting.status_flags = server_status::kAutocommit;
  greeting.auth_plugin_name = context_.options.default_authentication_plugin;
  io_.WritePacket([&](protocol::ByteWriter& writer) { greeting.Encode(writer); });
  if (!io_.Flush().ok()) return Phase::kClosing;
  return Phase::kAuthenticating;
}

Result<std::string> Connection::ReadAuthPacket() {
  auto wait = Seconds(context_.options.connect_timeout);
  return io_.ReadPacket(wait, wait, login_deadline_);
}

Connection::Phase Connection::RunAuthenticating() {
  Result<std::string> packet = ReadAuthPacket();
  if (!packet.ok()) return CloseAfterReadError(packet.status());
  protocol::ByteReader reader(*packet);
  auto response = protocol::HandshakeResponse41::Decode(reader, offered_);
  if (response.ok() && response->ssl_request && tls_ == nullptr && (offered_ & protocol::kClientSsl)) {
    // The SSLRequest: TLS first, then the real response over it.
    if (Status status = StartTls(); !status.ok()) return CloseAfterReadError(status);
    packet = ReadAuthPacket();
    if (!packet.ok()) return CloseAfterReadError(packet.status());
    protocol::ByteReader again(*packet);
    response = protocol::HandshakeResponse41::Decode(again, offered_);
  }
  if (!response.ok() || response->ssl_request) {
    return CloseWithError(Status::Error(ER_HANDSHAKE_ERROR));
  }
  capabilities_ = response->client_flags & offered_;
  if (!SecureTransport() && context_.global_variable &&
      context_.global_variable("require_secure_transport") == "ON") {
    return CloseWithError(Status::Error(ER_SECURE_TRANSPORT_REQUIRED));
  }
  if (Status status = NegotiateCompression(response->zstd_compression_level); !status.ok()) {
    return CloseWithError(status);
  }
  multi_statements_ = (capabilities_ & protocol::kClientMultiStatements) != 0;
  login_ = Login{};
  login_.user = std::move(response->user);
  login_.auth_response = std::move(response->auth_response);
  login_.client_plugin = std::move(response->client_plugin_name);
  login_.database = std::move(response->database);
  login_.collation = response->character_set;
  login_.attributes = std::move(response->connect_attributes);
  return BeginLogin();
}

Status Connection::StartTls() {
  // Held for the handshake; the TLS objects keep what they need of it after.
  std::shared_ptr<const net::TlsContext> context = context_.tls_loader();
  if (context == nullptr) return Status::Error(ER_HANDSHAKE_ERROR);
  tls_ = std::make_unique<net::TlsTransport>(*context, transport_);
  auto left = std::chrono::ceil<std::chrono::milliseconds>(login_deadline_ - std::chrono::steady_clock::now());
  if (left <= std::chrono::milliseconds(0)) return Status::Error(ER_NET_READ_INTERRUPTED);
  Status status = tls_->Accept(left);
  if (!status.ok()) return status;
  io_.SwitchTransport(*tls_);
  return Status::OK();
}

Status Connection::NegotiateCompression(uint8_t zstd_level) {
  compression_.reset();
  compression_level_ = 0;
  if (capabilities_ & protocol::kClientCompress) {
    // Both flags set: zlib, as MySQL chooses.
    capabilities_ &= ~protocol::kClientZstdCompressionAlgorithm;
    compression_ = protocol::CompressionAlgorithm::kZlib;
    compression_level_ = protocol::kZlibCompressionLevel;
  } else if (capabilities_ & protocol::kClientZstdCompressionAlgorithm) {
    if (zstd_level < protocol::kMinZstdLevel || zstd_level > protocol::kMaxZstdLevel) {
      return Status::Error(ER_WRONG_COMPRESSION_LEVEL_CLIENT, "zstd");
    }
    compression_ = protocol::CompressionAlgorithm::kZstd;
    compression_level_ = zstd_level;
  } else if (!uncompressed_permitted_) {
    return Status::Error(ER_WRONG_COMPRESSION_ALGORITHM_CLIENT, "uncompressed");
  }
  return Status::OK();
}

Connection::Phase Connection::BeginLogin() {
  login_.snapshot = context_.accounts.Current();
  auth::ClientAddress address{peer_.unix_socket, peer_.ip};
  if (login_.snapshot != nullptr) {
    login_.account = login_.snapshot->FindForLogin(login_.user, address);
  }
  // No such account: answer exactly like a wrong password.
  if (login_.account == nullptr) return DenyLogin(!login_.auth_response.empty());
  login_.plugin = auth::FindAuthPlugin(login_.account->plugin);
  if (login_.plugin == nullptr) {
    return CloseWithError(Status::Error(ER_PLUGIN_IS_NOT_LOADED, login_.account->plugin));
  }
  std::string_view wanted = login_.plugin->ClientPluginName();
  bool plugin_auth = (capabilities_ & protocol::kClientPluginAuth) != 0;
  if (!plugin_auth && !wanted.empty() && wanted != "mysql_native_password") {
    return CloseWithError(Status::Error(ER_NOT_SUPPORTED_AUTH_MODE));
  }
  login_.context.scramble = scramble_;
  login_.context.secure_transport = SecureTransport();
  login_.context.peer_uid = peer_.uid;
  login_.context.account = login_.account;
  login_.context.rsa = context_.rsa;
  if (login_.context.rsa == nullptr && context_.rsa_loader &&
      login_.plugin->Name() == "caching_sha2_password") {
    login_.context.rsa = context_.rsa_loader();
  }
  login_.context.sha2_cache = &context_.sha2_cache;
  login_.exchange = login_.plugin->Begin(login_.context);
  // A client whose own plugin differs from the greeting's sends that plugin's name with no
  // data (the greeting's data was for another plugin) and waits for the server to start the
  // exchange: as in MySQL, the account's plugin then restarts it with an AuthSwitchRequest.
  bool restart = !login_.change_user && login_.auth_response.empty() &&
                 login_.client_plugin != context_.options.default_authentication_plugin;
  if (plugin_auth && !wanted.empty() && (wanted != login_.client_plugin || restart)) {
    protocol::AuthSwitchRequest request{std::string(wanted), scramble_ + std::string(1, '\0')};
    io_.WritePacket([&](protocol::ByteWriter& writer) { request.Encode(writer); });
    if (!io_.Flush().ok()) return Phase::kClosing;
    return Phase::kAuthSwitch;
  }
  return RunExchange(login_.exchange->Start(login_.auth_response));
}

Connection::Phase Connection::RunAuthSwitch() {
  Result<std::string> packet = ReadAuthPacket();
  if (!packet.ok()) return CloseAfterReadError(packet.status());
  return RunExchange(login_.exchange->Start(*packet));
}

Connection::Phase Connection::RunExchange(auth::AuthStep step) {
  for (int round = 0;; ++round) {
    login_.password_used = login_.password_used || step.password_used;
    if (step.outcome == auth::AuthStep::Outcome::kReject || round >= kMaxAuthRounds) {
      return DenyLogin(login_.password_used);
    }
    if (!step.more_data.empty()) {
      protocol::AuthMoreData more{step.more_data};
      io_.WritePacket([&](protocol::ByteWriter& writer) { more.Encode(writer); });
    }
    if (step.outcome == auth::AuthStep::Outcome::kAccept) return CompleteLogin();
    if (!io_.Flush().ok()) return Phase::kClosing;
    Result<std::string> packet = ReadAuthPacket();
    if (!packet.ok()) return CloseAfterReadError(packet.status());
    step = login_.exchange->Continue(*packet);
  }
}

Connection::Phase Connection::DenyLogin(bool password_used) {
  verdict_ = true;
  Log(LogLevel::kWarning,
      "Access denied for user '" + login_.user + "'@'" + ClientHost() + "' (using password: " +
          (password_used ? "YES" : "NO") + ")",
      connection_id_);
  ThrottleLogin(false);
  if (login_.account != nullptr) {
    std::optional<int64_t> locked = context_.accounts.password_locks().RecordFailure(
        *login_.account, std::chrono::system_clock::now());
    if (locked) return RefuseBlockedAccount(*locked);
  }
  if (login_.plugin != nullptr && login_.plugin->Name() == "auth_socket") {
    return CloseWithError(
        Status::Error(ER_ACCESS_DENIED_NO_PASSWORD_ERROR, login_.user, ClientHost()));
  }
  return CloseWithError(Status::Error(ER_ACCESS_DENIED_ERROR, login_.user, ClientHost(),
                                      password_used ? "YES" : "NO"));
}

Connection::Phase Connection::RefuseBlockedAccount(int64_t days_left) {
  verdict_ = true;
  const auth::Account& account = *login_.account;
  auto days = [](int64_t count) {
    return count < 0 ? std::string("unlimited") : std::to_string(count);
  };
  Log(LogLevel::kWarning,
      "Access denied for user '" + login_.user + "'@'" + ClientHost() +
          "': the account is blocked after " + std::to_string(account.failed_login_attempts) +
          " failed logins in a row",
      connection_id_);
  return CloseWithError(Status::Error(ER_USER_ACCESS_DENIED_FOR_USER_ACCOUNT_BLOCKED_BY_PASSWORD_LOCK,
                                      login_.user, ClientHost(), days(account.password_lock_time),
                                      days(days_left),
                                      std::to_string(account.failed_login_attempts)));
}

Connection::Phase Connection::CompleteLogin() {
  const auth::Account& account = *login_.account;
  if (account.locked) {
    verdict_ = true;
    ThrottleLogin(false);
    return CloseWithError(Status::Error(ER_ACCOUNT_HAS_BEEN_LOCKED, login_.user, ClientHost()));
  }
  // The right password does not open an account blocked by FAILED_LOGIN_ATTEMPTS.
  auth::PasswordLocks& locks = context_.accounts.password_locks();
  if (std::optional<int64_t> locked = locks.DaysLeft(account, std::chrono::system_clock::now())) {
    ThrottleLogin(false);
    return RefuseBlockedAccount(*locked);
  }
  // REQUIRE SSL / X509 / ISSUER / SUBJECT / CIPHER: denied as a wrong password is.
  if (!MeetsTlsRequirement(account)) return DenyLogin(true);
  // The administrative interface is for SERVICE_CONNECTION_ADMIN only.
  if (admin_interface_ && !account.HasDynamic("SERVICE_CONNECTION_ADMIN")) {
    verdict_ = true;
    return CloseWithError(
        Status::Error(ER_SPECIFIC_ACCESS_DENIED_ERROR, "SERVICE_CONNECTION_ADMIN"));
  }
  // The connection beyond max_connections is only for an account with CONNECTION_ADMIN (or
  // SUPER).
  if (!login_.change_user && !admin_interface_ && !account.HasSuperOr("CONNECTION_ADMIN") &&
      context_.registry.regular_size() > context_.options.max_connections) {
    verdict_ = true;
    return CloseWithError(Status::Error(ER_CON_COUNT_ERROR));
  }
  // MAX_CONNECTIONS_PER_HOUR (1226).
  if (std::optional<uint32_t> used_up = context_.accounts.usage().Use(
          account, auth::AccountUsage::Resource::kConnections, std::chrono::steady_clock::now())) {
    verdict_ = true;
    return CloseWithError(Status::Error(ER_USER_LIMIT_REACHED, login_.user,
                                        "max_connections_per_hour", std::to_string(*used_up)));
  }
  // max_user_connections: the account's own limit (1226), else the server's (1203).
  ReleaseAccountSlot();  // COM_CHANGE_USER gives back the previous account's
  uint64_t limit = account.max_user_connections != 0 ? account.max_user_connections
                                                     : GlobalNumber("max_user_connections", 0);
  if (!context_.registry.ClaimAccountSlot(account.user, account.host, limit)) {
    verdict_ = true;
    if (account.max_user_connections != 0) {
      return CloseWithError(Status::Error(ER_USER_LIMIT_REACHED, login_.user,
                                          "max_user_connections", std::to_string(limit)));
    }
    return CloseWithError(Status::Error(ER_TOO_MANY_USER_CONNECTIONS, login_.user));
  }
  account_slot_.emplace(account.user, account.host);
  ThrottleLogin(true);
  locks.RecordSuccess(account);
  if (context_.logins != nullptr && CountsHostErrors(peer_)) context_.logins->ForgetHost(peer_.ip);
  SessionIdentity identity;
  identity.connection_id = connection_id_;
  identity.user = login_.user;
  identity.client_host = ClientHost();
  identity.account_user = account.user;
  identity.account_host = account.host;
  identity.over_unix_socket = peer_.unix_socket;
  identity.secure_transport = SecureTransport();
  if (tls_ != nullptr) {
    identity.tls_version = tls_->Version();
    identity.tls_cipher = tls_->Cipher();
  }
  identity.client_capabilities = capabilities_;
  identity.client_collation = login_.collation;
  identity.password_expired = PasswordExpired(account);
  identity.login_started = login_started_;
  // A client that cannot handle an expired password is refused (1862) while
  // disconnect_on_expired_password is ON, as by default; others get the sandbox.
  if (identity.password_expired && (capabilities_ & protocol::kClientCanHandleExpiredPasswords) == 0 &&
      (!context_.global_variable || context_.global_variable("disconnect_on_expired_password") != "OFF")) {
    verdict_ = true;
    return CloseWithError(Status::Error(ER_MUST_CHANGE_PASSWORD_LOGIN));
  }
  identity.database = login_.database;
  identity.compression_algorithm =
      compression_ ? std::string(protocol::CompressionAlgorithmName(*compression_)) : "";
  identity.compression_level = compression_level_;
  auto session = context_.sessions.Open(identity);
  if (!session.ok()) return CloseWithError(session.status());
  login_deadline_ = std::chrono::steady_clock::time_point::max();
  io_.SetMaxPacketSize(context_.options.max_allowed_packet);
  entry_->SetHandler(nullptr);
  session_ = std::move(session).value();
  entry_->SetHandler(session_.get());
  entry_->SetUser(login_.user);
  entry_->SetLogin({account.user, account.host, ClientHost(), std::move(login_.attributes),
                    peer_.unix_socket});
  entry_->SetDatabase(login_.database);
  entry_->SetCommand("Sleep", "");
  account_user_ = account.user;
  authenticated_ = true;
  login_ = Login{};
  WriteOk();
  if (!io_.Flush().ok()) return Phase::kClosing;
  if (compression_) io_.EnableCompression(*compression_, compression_level_);
  return Phase::kCommand;
}

Connection::Phase Connection::RunCommand() {
  io_.ResetSequence();
  Result<std::string> packet = io_.ReadPacket(Seconds(session_->IdleTimeoutSeconds()),
                                              Seconds(context_.options.net_read_timeout));
  if (!packet.ok()) {
    if (packet.status().code() == ER_NET_READ_INTERRUPTED && !io_.InsidePacket()) {
      return CloseWithError(Status::Error(ER_CLIENT_INTERACTION_TIMEOUT));
    }
    return CloseAfterReadError(packet.status());
  }
  Phase next = Phase::kCommand;
  try {
    next = Dispatch(*packet);
  } catch (const std::exception& error) {
    Log(LogLevel::kError, std::string("Unexpected exception while running a command: ") +
                              error.what(), connection_id_);
    WriteError(Status::Error(ER_UNKNOWN_ERROR));
  }
  if (!io_.Flush().ok() || (entry_ && entry_->killed())) next = Phase::kClosing;
  FlushCounters();
  return next;
}

void Connection::WriteOk(uint64_t affected_rows, std::vector<SessionStateChange> state_changes) {
  protocol::OkPacket ok;
  ok.affected_rows = affected_rows;
  ok.status_flags = session_ ? session_->ServerStatus() : server_status::kAutocommit;
  ok.warnings = session_ ? session_->WarningCount() : 0;
  if ((capabilities_ & protocol::kClientSessionTrack) && !state_changes.empty()) {
    ok.status_flags |= server_status::kSessionStateChanged;
    ok.state_changes = std::move(state_changes);
  }
  io_.WritePacket([&](protocol::ByteWriter& writer) { ok.Encode(writer, capabilities_); });
}

void Connection::WriteEofOrOk() {
  uint16_t status = session_ ? session_->ServerStatus() : server_status::kAutocommit;
  uint16_t warnings = session_ ? session_->WarningCount() : 0;
  if (capabilities_ & protocol::kClientDeprecateEof) {
    protocol::OkPacket ok;
    ok.header = protocol::kEofHeader;
    ok.status_flags = status;
    ok.warnings = warnings;
    io_.WritePacket([&](protocol::ByteWriter& writer) { ok.Encode(writer, capabilities_); });
  } else {
    protocol::EofPacket eof{warnings, status};
    io_.WritePacket([&](protocol::ByteWriter& writer) { eof.Encode(writer, capabilities_); });
  }
}

void Connection::WriteError(const Status& status) {
  protocol::ErrPacket err = protocol::ErrPacket::FromStatus(status);
  io_.WritePacket([&](protocol::ByteWriter& writer) { err.Encode(writer, capabilities_); });
}

Connection::Phase Connection::CloseWithError(const Status& status) {
  if (!authenticated_) context_.registry.CountAbortedConnect();
  uint16_t code = status.code();
  switch (code) {  // answers about who may connect, not a broken handshake
    case ER_CON_COUNT_ERROR: case ER_HOST_NOT_PRIVILEGED: case ER_HOST_IS_BLOCKED:
    case ER_SECURE_TRANSPORT_REQUIRED: case ER_ACCESS_DENIED_ERROR:
    case ER_ACCESS_DENIED_NO_PASSWORD_ERROR: case ER_SERVER_SHUTDOWN:
      verdict_ = true;
      break;
    default:
      break;
  }
  if (code != ER_ACCESS_DENIED_ERROR && code != ER_ACCESS_DENIED_NO_PASSWORD_ERROR &&
      code != ER_CON_COUNT_ERROR && code != ER_HOST_NOT_PRIVILEGED && code != ER_HOST_IS_BLOCKED) {
    std::string user = account_user_.value_or(login_.user);
    Log(LogLevel::kNote,
        FormatErrorMessage(ER_NEW_ABORTING_CONNECTION, {std::to_string(connection_id_), "",
                                                        user, ClientHost(), status.message()}),
        connection_id_);
  }
  if (!authenticated_ && verdict_ && code != ER_SERVER_SHUTDOWN && context_.login_refused) {
    context_.login_refused(login_.user, ClientHost(), status);
  }
  WriteError(status);
  if (!io_.Flush().ok()) return Phase::kClosing;
  // Read and drop what the client already sent (and, for an oversized packet, what it is
  // still sending) so that closing does not reset the connection before it reads the error.
  auto linger = code == ER_NET_PACKET_TOO_LARGE ? kLingerAfterError : std::chrono::milliseconds(0);
  auto deadline = std::chrono::steady_clock::now() + linger;
  for (int round = 0;; ++round) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      if (round >= 64) break;
      left = std::chrono::milliseconds(0);
    }
    Result<std::string_view> input = transport_.Peek(left);
    if (!input.ok()) break;
    transport_.Consume(input->size());
  }
  return Phase::kClosing;
}

Connection::Phase Connection::CloseAfterReadError(const Status& status) {
  uint16_t code = status.code();
  if (code == ER_NET_PACKETS_OUT_OF_ORDER || code == ER_NET_PACKET_TOO_LARGE) {
    return CloseWithError(status);
  }
  if (!authenticated_) context_.registry.CountAbortedConnect();
  return Phase::kClosing;
}

void Connection::FlushCounters() {
  context_.registry.CountBytes(io_.TakeBytesReceived(), io_.TakeBytesSent());
}

}  // namespace porpoise::server
