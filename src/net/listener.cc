// Listener: TCP (IPv4, IPv6, dual-stack) and unix-socket binding, and accept. (net/)
#include "net/listener.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace porpoise::net {
namespace {

Status SocketError(std::string_view what, std::string_view where, int error) {
  return Status::WithMessage(ER_IPSOCK_ERROR, "Can't start server: " + std::string(what) +
                                                  " " + std::string(where) + ": " +
                                                  std::strerror(error));
}

// Creates, configures, binds and listens; returns the socket or the failing errno.
Result<Socket> BindAddress(const sockaddr* address, socklen_t length, bool dual_stack,
                           int backlog, std::string_view where) {
  Socket socket(::socket(address->sa_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!socket.valid()) return SocketError("Create socket for", where, errno);
  int on = 1;
  ::setsockopt(socket.fd(), SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
  if (address->sa_family == AF_INET6) {
    int v6_only = dual_stack ? 0 : 1;
    ::setsockopt(socket.fd(), IPPROTO_IPV6, IPV6_V6ONLY, &v6_only, sizeof(v6_only));
  }
  if (::bind(socket.fd(), address, length) != 0) {
    return SocketError("Bind on TCP/IP port", where, errno);
  }
  if (::listen(socket.fd(), backlog) != 0) return SocketError("listen() on", where, errno);
  return socket;
}

uint16_t BoundPort(int fd) {
  sockaddr_storage address{};
  socklen_t length = sizeof(address);
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return 0;
  if (address.ss_family == AF_INET) {
    return ntohs(reinterpret_cast<sockaddr_in*>(&address)->sin_port);
  }
  return ntohs(reinterpret_cast<sockaddr_in6*>(&address)->sin6_port);
}

}  // namespace

Listener::Listener(Listener&& other) noexcept
    : socket_(std::move(other.socket_)),
      port_(other.port_),
      unix_path_(std::exchange(other.unix_path_, std::string())),
      description_(std::move(other.description_)) {}

Listener& Listener::operator=(Listener&& other) noexcept {
  if (this != &other) {
    if (!unix_path_.empty()) ::unlink(unix_path_.c_str());
    socket_ = std::move(other.socket_);
    port_ = other.port_;
    unix_path_ = std::exchange(other.unix_path_, std::string());
    description_ = std::move(other.description_);
  }
  return *this;
}

Listener::~Listener() {
  if (!unix_path_.empty() && socket_.valid()) ::unlink(unix_path_.c_str());
}

Result<Listener> Listener::BindTcp(std::string_view address, uint16_t port, int backlog) {
  std::string where = "'" + std::string(address) + "' port " + std::to_string(port);
  Listener listener;
  if (address == "*" || address == "::") {
    sockaddr_in6 any6{};
    any6.sin6_family = AF_INET6;
    any6.sin6_addr = in6addr_any;
    any6.sin6_port = htons(port);
    auto bound = BindAddress(reinterpret_cast<sockaddr*>(&any6), sizeof(any6), true,
                             backlog, where);
    if (!bound.ok() && address == "*") {
      sockaddr_in any4{};
      any4.sin_family = AF_INET;
      any4.sin_addr.s_addr = htonl(INADDR_ANY);
      any4.sin_port = htons(port);
      bound = BindAddress(reinterpret_cast<sockaddr*>(&any4), sizeof(any4), false, backlog,
                          where);
    }
    if (!bound.ok()) return bound.status();
    listener.socket_ = std::move(bound).value();
  } else {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    addrinfo* found = nullptr;
    std::string host(address);
    std::string service = std::to_string(port);
    int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found);
    if (rc != 0 || found == nullptr) {
      return Status::WithMessage(ER_IPSOCK_ERROR, "Can't start server: cannot resolve " +
                                                      where + ": " + ::gai_strerror(rc));
    }
    auto bound = BindAddress(found->ai_addr, found->ai_addrlen, false, backlog, where);
    ::freeaddrinfo(found);
    if (!bound.ok()) return bound.status();
    listener.socket_ = std::move(bound).value();
  }
  listener.port_ = BoundPort(listener.socket_.fd());
  listener.description_ = std::string(address) + ":" + std::to_string(listener.port_);
  return listener;
}

Result<Listener> Listener::BindUnix(const std::string& path, int backlog) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof(address.sun_path)) {
    return Status::WithMessage(ER_IPSOCK_ERROR,
                               "Can't start server: the socket file path is too long (> " +
                                   std::to_string(sizeof(address.sun_path) - 1) + "): " + path);
  }
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  auto* generic = reinterpret_cast<sockaddr*>(&address);
  {
    // Is a server already answering there? Otherwise the file is stale.
    Socket probe(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (probe.valid() && ::connect(probe.fd(), generic, sizeof(address)) == 0) {
      return Status::WithMessage(ER_IPSOCK_ERROR,
                                 "Can't start server: another process is using unix socket "
                                 "file '" + path + "'");
    }
  }
  ::unlink(path.c_str());
  Socket socket(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!socket.valid()) return SocketError("Create socket for", path, errno);
  if (::bind(socket.fd(), generic, sizeof(address)) != 0) {
    return SocketError("Bind on unix socket", path, errno);
  }
  ::chmod(path.c_str(), 0777);
  if (::listen(socket.fd(), backlog) != 0) return SocketError("listen() on", path, errno);
  Listener listener;
  listener.socket_ = std::move(socket);
  listener.unix_path_ = path;
  listener.description_ = path;
  return listener;
}

Socket Listener::Accept() {
  Socket connection(::accept4(socket_.fd(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK));
  if (connection.valid() && !is_unix()) {
    int on = 1;
    ::setsockopt(connection.fd(), IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
  }
  return connection;
}

}  // namespace porpoise::net
