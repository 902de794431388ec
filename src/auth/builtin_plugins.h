// The three built-in authentication plugins, each a stateless singleton that lives for the
// whole program; FindAuthPlugin looks them up by name. (auth/)
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "auth/auth_plugin.h"

namespace porpoise::auth {

const AuthPlugin& NativePasswordPlugin();       // "mysql_native_password"
const AuthPlugin& CachingSha2PasswordPlugin();  // "caching_sha2_password"
const AuthPlugin& AuthSocketPlugin();           // "auth_socket" (alias "unix_socket")

// caching_sha2_password's stored form "$A$005$<20-byte salt><43-char digest>", split up.
struct CachingSha2Hash {
  uint32_t rounds = 0;  // the field's hex value times 1000
  std::string salt;
  std::string digest;
};
std::optional<CachingSha2Hash> ParseCachingSha2Hash(std::string_view auth_string);
// The stored form for `password` with a given salt and round count (MySQL writes "%03X" of
// rounds / 1000). REQUIRES: salt.size() == 20, rounds a multiple of 1000 below 4096000.
std::string MakeCachingSha2Hash(std::string_view password, std::string_view salt, uint32_t rounds);

}  // namespace porpoise::auth
