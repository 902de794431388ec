// Listener: a bound, listening TCP or unix-domain socket, and accepting connections from it.
// (net/)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"
#include "net/socket.h"

namespace porpoise::net {

class Listener {
 public:
  // Binds `address` (an IPv4 or IPv6 literal or a host name; "*" and "::" mean every IPv4
  // and IPv6 address through one dual-stack socket, falling back to IPv4 when the host has no
  // IPv6; "0.0.0.0" every IPv4 address) on `port` (0 picks a free port) with SO_REUSEADDR.
  // Fails with ER_IPSOCK_ERROR and the errno text.
  static Result<Listener> BindTcp(std::string_view address, uint16_t port, int backlog);
  // Binds a unix socket at `path`: a stale socket file (no server answering) is removed, a
  // live one is an error; the file is made mode 0777 as MySQL does.
  static Result<Listener> BindUnix(const std::string& path, int backlog);

  // Accepts one connection (the listener is non-blocking: an invalid Socket when none is
  // pending). TCP connections get TCP_NODELAY. The returned socket is non-blocking (what
  // SocketTransport wants; saves it a syscall).
  Socket Accept();

  int fd() const { return socket_.fd(); }
  bool is_unix() const { return !unix_path_.empty(); }
  uint16_t port() const { return port_; }             // the bound port (TCP)
  const std::string& description() const { return description_; }  // for logs

  Listener(Listener&& other) noexcept;
  Listener& operator=(Listener&& other) noexcept;
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;
  // Removes the unix socket file.
  ~Listener();

 private:
  Listener() = default;

  Socket socket_;
  uint16_t port_ = 0;
  std::string unix_path_;
  std::string description_;
};

}  // namespace porpoise::net
