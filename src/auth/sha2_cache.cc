// Sha2PasswordCache: the mutex-guarded map behind caching_sha2_password's fast path. (auth/)
#include "auth/sha2_cache.h"

#include <cctype>

#include "auth/crypto.h"

namespace porpoise::auth {

std::string Sha2PasswordCache::Key(std::string_view user, std::string_view host) {
  // The user can hold '@' too; the length prefix keeps keys unambiguous.
  std::string key = std::to_string(user.size()) + ":" + std::string(user) + "@";
  for (char c : host) key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return key;
}

void Sha2PasswordCache::Remember(std::string_view user, std::string_view host,
                                 std::string_view double_sha256) {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_[Key(user, host)] = std::string(double_sha256);
}

std::optional<std::string> Sha2PasswordCache::Lookup(std::string_view user,
                                                     std::string_view host) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(Key(user, host));
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

bool Sha2PasswordCache::Check(std::string_view user, std::string_view host,
                              std::string_view scramble, std::string_view response) const {
  std::optional<std::string> entry = Lookup(user, host);
  if (!entry || response.size() != entry->size()) return false;
  const std::string first_hash = XorRepeating(response, Sha256(*entry, scramble));
  return ConstantTimeEquals(Sha256(first_hash), *entry);
}

void Sha2PasswordCache::Forget(std::string_view user, std::string_view host) {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.erase(Key(user, host));
}

void Sha2PasswordCache::Clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.clear();
}

size_t Sha2PasswordCache::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

}  // namespace porpoise::auth
