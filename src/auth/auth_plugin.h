// The authentication plugins (mysql_native_password, caching_sha2_password, auth_socket) as
// one interface: a plugin hashes passwords for storage and runs the server side of a login
// exchange, one client packet at a time. No sockets: the server feeds packets in and writes
// what the exchange asks for. (auth/)
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "auth/account.h"
#include "common/status.h"

namespace porpoise::auth {

class RsaKeyPair;         // rsa_keys.h
class Sha2PasswordCache;  // sha2_cache.h

// Everything an exchange may consult. All pointers are borrowed and outlive the exchange.
struct AuthContext {
  std::string scramble;                // the 20-byte nonce the server sent
  bool secure_transport = false;       // unix socket or TLS: a cleartext password may travel
  std::optional<uint32_t> peer_uid;    // SO_PEERCRED uid, unix socket only
  const Account* account = nullptr;    // the matched account (never null when Begin is called)
  const RsaKeyPair* rsa = nullptr;     // for caching_sha2 full authentication without TLS
  Sha2PasswordCache* sha2_cache = nullptr;  // caching_sha2 fast-path cache
};

// What the server must do after feeding the exchange a packet.
struct AuthStep {
  enum class Outcome {
    kAccept,    // send `more_data` (if any) as AuthMoreData, then OK
    kReject,    // send an access-denied error (the server words it: 1045 / 1698)
    kContinue,  // send `more_data` as AuthMoreData (0x01 + bytes), then read the next packet
  };
  Outcome outcome = Outcome::kReject;
  std::string more_data;
  bool password_used = false;  // for "(using password: YES/NO)" in 1045
};

// One login attempt's server-side state. Used by one thread.
class AuthExchange {
 public:
  virtual ~AuthExchange() = default;
  // `response` is the client's answer to the scramble (handshake response or auth switch
  // response); later packets of the same exchange arrive through Continue.
  virtual AuthStep Start(std::string_view response) = 0;
  virtual AuthStep Continue(std::string_view packet) = 0;
};

class AuthPlugin {
 public:
  virtual ~AuthPlugin() = default;
  // The server-side name stored in mysql.user.plugin.
  virtual std::string_view Name() const = 0;
  // The client-side plugin the exchange expects to talk to; "" when any client plugin will do
  // (auth_socket ignores what the client sends).
  virtual std::string_view ClientPluginName() const = 0;
  // The stored form of `password` (IDENTIFIED WITH plugin BY 'password').
  virtual Result<std::string> HashPassword(std::string_view password) const = 0;
  // True when `auth_string` is a well-formed stored hash (IDENTIFIED WITH plugin AS '...').
  virtual bool IsValidAuthString(std::string_view auth_string) const = 0;
  virtual std::unique_ptr<AuthExchange> Begin(const AuthContext& context) const = 0;
};

// The plugin with this server-side name ("unix_socket" is accepted as auth_socket's alias),
// or nullptr. The returned plugins live for the whole program.
const AuthPlugin* FindAuthPlugin(std::string_view name);

// A fresh 20-byte scramble of printable, non-NUL bytes from a CSPRNG.
std::string GenerateScramble();

}  // namespace porpoise::auth
