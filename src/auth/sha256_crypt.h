// SHA-256-crypt (Ulrich Drepper's "Unix crypt using SHA-256"), the digest behind
// caching_sha2_password's stored hashes, plus the "$5$" text form used by its test vectors.
// (auth/)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace porpoise::auth {

// The 43-character crypt-base64 digest of `key` with `salt` after `rounds` rounds. The salt is
// used as given (the "$5$" form truncates it to 16 bytes first; MySQL uses 20 bytes).
std::string Sha256CryptDigest(std::string_view key, std::string_view salt, uint32_t rounds);

// The "$5$[rounds=N$]salt$digest" string for `key` and a setting "$5$[rounds=N$]salt[$...]",
// with the spec's rules: rounds clamped to [1000, 999999999], salt cut at 16 bytes or '$'.
Result<std::string> Sha256Crypt(std::string_view key, std::string_view setting);

}  // namespace porpoise::auth
