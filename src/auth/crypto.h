// Small digest and byte helpers over OpenSSL shared by the auth plugins. (auth/)
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace porpoise::auth {

// Raw 20-byte SHA-1 and 32-byte SHA-256 digests of the concatenation of the parts.
std::string Sha1(std::string_view a, std::string_view b = {});
std::string Sha256(std::string_view a, std::string_view b = {});

// a[i] ^ b[i % b.size()] for every byte of `a`. REQUIRES: !b.empty() or a.empty().
std::string XorRepeating(std::string_view a, std::string_view b);

// Upper-case hex; the inverse returns "" on a malformed input of non-zero length.
std::string HexUpper(std::string_view bytes);
bool IsHex(std::string_view text);
std::string HexDecode(std::string_view hex);

// Constant-time comparison of equal-length strings (false when lengths differ).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// `count` bytes from the CSPRNG; nullopt when it failed.
std::optional<std::string> RandomBytes(size_t count);

}  // namespace porpoise::auth
