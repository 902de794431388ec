// The character sets and collations this server knows (SHOW CHARACTER SET / COLLATION, SET
// NAMES, column CHARACTER SET / COLLATE checks), declared once. (catalog/)
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace porpoise::catalog {

struct CharsetInfo {
  std::string_view name;               // "utf8mb4"
  std::string_view description;        // "UTF-8 Unicode"
  std::string_view default_collation;  // "utf8mb4_0900_ai_ci"
  uint32_t max_length;                 // bytes per character
};

struct CollationInfo {
  std::string_view name;
  std::string_view charset;
  uint16_t id;
  bool is_default;
  std::string_view pad_attribute;  // "PAD SPACE" / "NO PAD"
};

std::span<const CharsetInfo> AllCharsets();
std::span<const CollationInfo> AllCollations();

// Case-insensitive lookups ("utf8" is utf8mb3's alias); nullptr when unknown.
const CharsetInfo* FindCharset(std::string_view name);
const CollationInfo* FindCollation(std::string_view name);

// The character set MySQL 8.4 gives collation number `id` (as a client names its character
// set in the handshake), including sets this server does not have ("sjis", "gbk", ...); ""
// when MySQL has no collation with that number.
std::string_view MysqlCharsetOfCollationId(uint16_t id);

// What MySQL 8.4 says of a character set and a collation named as written (either may be
// empty): 'utf8' is an alias about to change (3719), utf8mb3 is deprecated (1287), and so
// is a utf8mb3 collation (3778).
std::vector<Status> DeprecatedCharsetWarnings(std::string_view charset, std::string_view collation);

// MySQL's character sets that can never be a client's (character_set_client), since a
// statement in them is not ASCII-compatible: ucs2, utf16, utf16le, utf32.
bool IsImpossibleClientCharset(std::string_view name);

}  // namespace porpoise::catalog
