// Server: listeners, the poll()-based accept loop, and handing sockets to connection
// threads. (server/)
#include "server/server.h"

#include <poll.h>

#include <cerrno>
#include <chrono>
#include <optional>
#include <string>

#include "net/socket.h"
#include "net/transport.h"
#include "server/logger.h"

namespace porpoise::server {

Server::Server(ServerOptions options, SessionHandlerFactory& sessions,
               auth::AccountStore& accounts, const auth::RsaKeyPair* rsa,
               auth::Sha2PasswordCache* sha2_cache)
    : options_(std::move(options)),
      sha2_cache_(sha2_cache != nullptr ? *sha2_cache : own_sha2_cache_),
      context_{options_, sessions, accounts, rsa, sha2_cache_, registry_},
      threads_(options_.thread_cache_size) {
  context_.logins = &logins_;
}

Server::~Server() {
  registry_.CloseAll();
  threads_.JoinAll();
}

Status Server::Start() {
  std::vector<net::Listener> listeners;
  if (!options_.skip_networking) {
    for (const std::string& address : options_.bind_addresses) {
      auto listener = net::Listener::BindTcp(address, options_.port, options_.listen_backlog);
      if (!listener.ok()) return listener.status();
      listeners.push_back(std::move(listener).value());
    }
  }
  if (!options_.socket_path.empty()) {
    auto listener = net::Listener::BindUnix(options_.socket_path, options_.listen_backlog);
    if (!listener.ok()) return listener.status();
    listeners.push_back(std::move(listener).value());
  }
  size_t admin = SIZE_MAX;
  if (!options_.admin_address.empty() && !options_.skip_networking) {
    auto listener = net::Listener::BindTcp(options_.admin_address, options_.admin_port,
                                           options_.listen_backlog);
    if (!listener.ok()) return listener.status();
    admin = listeners.size();
    listeners.push_back(std::move(listener).value());
  }
  if (waker_.fd() < 0) {
    return Status::WithMessage(ER_IPSOCK_ERROR, "Can't start server: eventfd() failed");
  }
  listeners_ = std::move(listeners);
  admin_listener_ = admin;
  return Status::OK();
}

uint16_t Server::AdminPort() const {
  return admin_listener_ < listeners_.size() ? listeners_[admin_listener_].port() : 0;
}

std::vector<uint16_t> Server::BoundPorts() const {
  std::vector<uint16_t> ports;
  for (size_t index = 0; index < listeners_.size(); ++index) {
    if (!listeners_[index].is_unix() && index != admin_listener_) {
      ports.push_back(listeners_[index].port());
    }
  }
  return ports;
}

void Server::Stop() { waker_.Wake(); }

void Server::Run() {
  std::vector<pollfd> watched;
  watched.push_back({waker_.fd(), POLLIN, 0});
  for (const net::Listener& listener : listeners_) watched.push_back({listener.fd(), POLLIN, 0});
  // Out of file descriptors, the pending connections stay queued and the listeners stay
  // readable: they are left alone for a moment instead of being polled again at once.
  constexpr auto kDescriptorPause = std::chrono::milliseconds(100);
  std::chrono::steady_clock::time_point paused_until{};
  while (true) {
    auto now = std::chrono::steady_clock::now();
    bool paused = now < paused_until;
    for (size_t index = 1; index < watched.size(); ++index) {
      watched[index].events = paused ? 0 : POLLIN;
    }
    int timeout = paused ? static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(
                                                paused_until - now).count())
                         : -1;
    int ready = ::poll(watched.data(), watched.size(), timeout);
    if (ready < 0) {
      if (errno == EINTR) continue;
      Log(LogLevel::kError, "poll() failed in the accept loop; stopping");
      break;
    }
    if (watched[0].revents != 0) break;
    for (size_t index = 1; index < watched.size() && !paused; ++index) {
      if ((watched[index].revents & POLLIN) &&
          !AcceptFrom(listeners_[index - 1], index - 1 == admin_listener_)) {
        paused_until = std::chrono::steady_clock::now() + kDescriptorPause;
        break;
      }
    }
  }
  waker_.Drain();
  listeners_.clear();
  registry_.CloseAll();
  threads_.JoinAll();
}

bool Server::AcceptFrom(net::Listener& listener, bool admin) {
  // Take everything pending, so one busy listener cannot starve the others for long.
  for (int accepted = 0; accepted < 64; ++accepted) {
    net::Socket socket = listener.Accept();
    if (!socket.valid()) {
      if (errno != EMFILE && errno != ENFILE) return true;
      // Logged at most every ten seconds, with how often it happened meanwhile.
      uint64_t held_back = 0;
      if (shortage_log_.Allow(&held_back)) {
        std::string message = "Error in accept: too many open files; raise open_files_limit";
        if (held_back > 0) {
          message += " (" + std::to_string(held_back + 1) + " times since the last)";
        }
        Log(LogLevel::kError, message);
      }
      return false;
    }
    // With allow-from the peer is described here, once, and handed to the connection.
    std::optional<net::PeerInfo> described;
    if (!listener.is_unix() && !options_.allow_from.empty()) {
      described = net::DescribePeer(socket.fd());
      if (!AdmitPeer(socket, *described)) continue;
    }
    auto owned = std::make_shared<net::Socket>(std::move(socket));
    threads_.Run([this, owned, described, admin] {
      net::PeerInfo peer = described ? *described : net::DescribePeer(owned->fd());
      net::SocketTransport transport(std::move(*owned));
      Connection connection(context_, transport, std::move(peer),
                            registry_.NextConnectionId());
      if (admin) connection.set_admin_interface();
      connection.Run();
    });
  }
  return true;
}

bool Server::AdmitPeer(net::Socket& socket, const net::PeerInfo& peer) {
  if (options_.allow_from.Admits(peer.ip)) return true;
  // Closed with no greeting, as a firewall would drop it; the error log names the address,
  // at most once a second (with the count of the ones not named), so a flood cannot fill it.
  socket.Close();
  registry_.CountRefusedAddress();
  uint64_t held_back = 0;
  if (!refusal_log_.Allow(&held_back)) return false;
  std::string message = "Refused a connection from " + peer.ip + ": not in allow-from";
  if (held_back > 0) {
    message += " (and " + std::to_string(held_back) + " more refused since the last)";
  }
  Log(LogLevel::kWarning, message);
  return false;
}

}  // namespace porpoise::server
