// The caching_sha2_password fast-path cache: per account, SHA256(SHA256(password)) remembered
// after a successful full authentication. (auth/)
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace porpoise::auth {

// Thread-safe: every method takes the internal mutex. Keys are user@host with the host
// compared case-insensitively. One instance per server, passed explicitly.
class Sha2PasswordCache {
 public:
  Sha2PasswordCache() = default;
  Sha2PasswordCache(const Sha2PasswordCache&) = delete;
  Sha2PasswordCache& operator=(const Sha2PasswordCache&) = delete;

  // Stores `double_sha256` (the 32-byte SHA256(SHA256(password))) for the account.
  void Remember(std::string_view user, std::string_view host, std::string_view double_sha256);
  // True when an entry exists and the client's scramble `response` proves the same password:
  // SHA256(response XOR SHA256(entry + scramble)) == entry.
  bool Check(std::string_view user, std::string_view host, std::string_view scramble,
             std::string_view response) const;
  std::optional<std::string> Lookup(std::string_view user, std::string_view host) const;
  // On password change, DROP USER and RENAME USER.
  void Forget(std::string_view user, std::string_view host);
  // On FLUSH PRIVILEGES.
  void Clear();
  size_t size() const;

 private:
  static std::string Key(std::string_view user, std::string_view host);

  mutable std::mutex mutex_;
  std::map<std::string, std::string> entries_;  // GUARDED_BY(mutex_)
};

}  // namespace porpoise::auth
