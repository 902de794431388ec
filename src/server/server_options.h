// ServerOptions: what the daemon's configuration hands the wire half (listen addresses,
// limits, timeouts, the greeting's version and default plugin). (server/)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "net/address_filter.h"

namespace porpoise::server {

struct ServerOptions {
  // "127.0.0.1", "::1", "*", "0.0.0.0", "::" or a host name; empty with skip_networking
  // false means no TCP listener either (the daemon fills in the default 127.0.0.1).
  std::vector<std::string> bind_addresses;
  uint16_t port = 3306;             // 0 picks a free port (tests); see Server::BoundPorts
  std::string socket_path;          // "" for no unix socket
  bool skip_networking = false;     // no TCP listeners at all
  // allow-from: TCP peers outside it are closed at accept, before any byte is sent (the unix
  // socket is not filtered). Empty admits every address.
  net::AddressFilter allow_from;
  // The administrative interface: a TCP listener of its own (not with skip_networking), for
  // accounts with SERVICE_CONNECTION_ADMIN only, its connections not counted against
  // max_connections. "" for none.
  std::string admin_address;
  uint16_t admin_port = 33062;  // 0 picks a free port (tests); see Server::AdminPort
  uint32_t max_connections = 151;
  uint32_t max_allowed_packet = 67108864;  // bytes, largest packet the server accepts
  std::string default_authentication_plugin = "caching_sha2_password";  // for the greeting
  uint32_t connect_timeout = 10;    // seconds to wait for each handshake/auth packet
  uint32_t net_read_timeout = 30;   // seconds to wait for the rest of a started packet
  uint32_t net_write_timeout = 60;  // seconds a write may block
  std::string server_version = "8.4.3-porpoise";
  uint32_t thread_cache_size = 9;   // parked threads kept for reuse (MySQL: 8 + max/100)
  int listen_backlog = 151;         // listen(2) backlog (MySQL's back_log)
};

}  // namespace porpoise::server
