// Server: binds the listeners, runs the accept loop, and runs each connection on a thread
// from the thread cache until Stop. The daemon's entry point into the wire half. (server/)
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "auth/account.h"
#include "auth/sha2_cache.h"
#include "common/status.h"
#include "net/listener.h"
#include "server/logger.h"
#include "net/waker.h"
#include "server/connection.h"
#include "server/connection_registry.h"
#include "server/server_options.h"
#include "server/session_handler.h"
#include "server/thread_cache.h"

namespace porpoise::auth {
class RsaKeyPair;
}

namespace porpoise::server {

// Usage (daemon): Server server(options, factory, accounts, rsa.get());
//   PORPOISE_RETURN_IF_ERROR(server.Start());   // bind; errors name the address and errno
//   ... install SIGTERM handler calling server.Stop() ...
//   server.Run();                               // returns after Stop, threads joined
// `sessions`, `accounts` and `rsa` are borrowed and must outlive the Server.
class Server {
 public:
  // `sha2_cache` is shared with whoever changes accounts (they Forget/Clear entries); when
  // null the server keeps a private one.
  Server(ServerOptions options, SessionHandlerFactory& sessions, auth::AccountStore& accounts,
         const auth::RsaKeyPair* rsa, auth::Sha2PasswordCache* sha2_cache = nullptr);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds every TCP address (unless skip_networking) and the unix socket. On failure nothing
  // stays bound and the error is ER_IPSOCK_ERROR with the address and errno text.
  Status Start();
  // The ports actually bound (useful with port 0), one per TCP listener (the administrative
  // interface's aside).
  std::vector<uint16_t> BoundPorts() const;
  // The administrative interface's port; 0 when there is none.
  uint16_t AdminPort() const;
  // Accepts connections until Stop(); then closes the listeners, shuts every connection down
  // and joins their threads. REQUIRES: Start() succeeded.
  void Run();
  // Thread-safe and async-signal-safe (one write to an eventfd): makes Run return.
  void Stop();

  // Instead of a key pair at construction (pass null there): a thread-safe loader called on the
  // first login that may need the key (see ServerContext::rsa_loader). Call before Run.
  void SetRsaKeyLoader(std::function<const auth::RsaKeyPair*()> loader) {
    context_.rsa_loader = std::move(loader);
  }
  // Where each greeting reads protocol_compression_algorithms (thread-safe; see
  // ServerContext::compression_algorithms). Call before Run.
  void SetCompressionAlgorithmsSource(std::function<std::string()> source) {
    context_.compression_algorithms = std::move(source);
  }
  // Where a connection asking for TLS gets the server's TLS context (thread-safe; see
  // ServerContext::tls_loader). Call before Run.
  void SetTlsLoader(std::function<std::shared_ptr<const net::TlsContext>()> loader) {
    context_.tls_loader = std::move(loader);
  }
  // Where each login reads a global variable it depends on (require_secure_transport,
  // max_connect_errors, the connection_control settings), by name; thread-safe. Call before
  // Run.
  void SetGlobalVariableSource(std::function<std::string(std::string_view)> source) {
    context_.global_variable = std::move(source);
  }
  // Who is told of refused logins (see ServerContext::login_refused). Call before Run.
  void SetLoginRefusedObserver(
      std::function<void(const std::string&, const std::string&, const Status&)> observer) {
    context_.login_refused = std::move(observer);
  }
  ConnectionRegistry& registry() { return registry_; }
  LoginGuard& logins() { return logins_; }
  // The caching_sha2_password fast-path cache; account changes (ALTER USER, SET PASSWORD,
  // DROP/RENAME USER, FLUSH PRIVILEGES) must Forget/Clear entries here.
  auth::Sha2PasswordCache& sha2_cache() { return sha2_cache_; }
  const ServerOptions& options() const { return options_; }

 private:
  // `admin`: the administrative interface's listener.
  // Accepts what `listener` has pending; false when the process is out of file descriptors
  // (the accept loop then leaves the listeners alone for a moment).
  bool AcceptFrom(net::Listener& listener, bool admin);
  // allow-from at accept time: false (the socket closed, the refusal counted and logged)
  // when `peer`'s address is outside it. Runs on the accept thread only.
  bool AdmitPeer(net::Socket& socket, const net::PeerInfo& peer);

  const ServerOptions options_;
  ConnectionRegistry registry_;
  LoginGuard logins_;
  auth::Sha2PasswordCache own_sha2_cache_;
  auth::Sha2PasswordCache& sha2_cache_;
  ServerContext context_;
  std::vector<net::Listener> listeners_;
  size_t admin_listener_ = SIZE_MAX;  // index in listeners_ of the administrative interface
  net::Waker waker_;
  ThreadCache threads_;
  LogThrottle refusal_log_{std::chrono::seconds(1)};    // accept thread only
  LogThrottle shortage_log_{std::chrono::seconds(10)};  // accept thread only
};

}  // namespace porpoise::server
