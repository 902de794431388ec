// Socket RAII and peer description. (net/)
#include "net/socket.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

namespace porpoise::net {

Socket& Socket::operator=(Socket&& other) noexcept {
  if (this != &other) {
    Close();
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

void Socket::Close() {
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

std::string PeerInfo::HostAndPort() const {
  if (unix_socket) return "localhost";
  return ip + ":" + std::to_string(port);
}

bool SetBlocking(int fd) {
  int flags = ::fcntl(fd, F_GETFL, 0);
  if (flags >= 0 && (flags & O_NONBLOCK) == 0) return true;
  return flags >= 0 && ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == 0;
}

PeerInfo DescribePeer(int fd) {
  PeerInfo info;
  sockaddr_storage address{};
  socklen_t length = sizeof(address);
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return info;
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_UNIX) {
    info.unix_socket = true;
    ucred credentials{};
    socklen_t credentials_length = sizeof(credentials);
    if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &credentials_length) == 0) {
      info.uid = credentials.uid;
    }
  } else if (address.ss_family == AF_INET) {
    const auto* ipv4 = reinterpret_cast<const sockaddr_in*>(&address);
    ::inet_ntop(AF_INET, &ipv4->sin_addr, text, sizeof(text));
    info.ip = text;
    info.port = ntohs(ipv4->sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto* ipv6 = reinterpret_cast<const sockaddr_in6*>(&address);
    info.port = ntohs(ipv6->sin6_port);
    if (IN6_IS_ADDR_V4MAPPED(&ipv6->sin6_addr)) {
      in_addr ipv4{};
      std::memcpy(&ipv4, &ipv6->sin6_addr.s6_addr[12], sizeof(ipv4));
      ::inet_ntop(AF_INET, &ipv4, text, sizeof(text));
    } else {
      ::inet_ntop(AF_INET6, &ipv6->sin6_addr, text, sizeof(text));
    }
    info.ip = text;
  }
  return info;
}

}  // namespace porpoise::net
