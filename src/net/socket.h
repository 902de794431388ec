// Socket: an owned file descriptor (RAII), plus small helpers about a connected socket: the
// peer's address as text and its SO_PEERCRED uid. Knows nothing of MySQL. (net/)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace porpoise::net {

// Owns one fd; closes it on destruction. Move-only.
class Socket {
 public:
  Socket() = default;
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() { Close(); }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  Socket(Socket&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Socket& operator=(Socket&& other) noexcept;

  bool valid() const { return fd_ >= 0; }
  int fd() const { return fd_; }
  void Close();

 private:
  int fd_ = -1;
};

// Where a connected socket's peer is.
struct PeerInfo {
  bool unix_socket = false;
  std::string ip;     // "127.0.0.1", "::1"; IPv4-mapped IPv6 given as IPv4; "" for unix
  uint16_t port = 0;  // 0 for unix
  std::optional<uint32_t> uid;  // SO_PEERCRED, unix sockets only
  // "ip:port" for TCP, "localhost" for the unix socket (SHOW PROCESSLIST's Host).
  std::string HostAndPort() const;
};

// Reads getpeername (and SO_PEERCRED for AF_UNIX) of a connected socket.
PeerInfo DescribePeer(int fd);

// Clears O_NONBLOCK; false on failure.
bool SetBlocking(int fd);

}  // namespace porpoise::net
