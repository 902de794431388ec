// The character-set and collation tables. (catalog/)
#include "catalog/charsets.h"
#include "common/strings.h"

#include <array>
#include <cctype>
#include <string>

namespace porpoise::catalog {

namespace {

constexpr std::array kCharsets = {
    CharsetInfo{"ascii", "US ASCII", "ascii_general_ci", 1},
    CharsetInfo{"binary", "Binary pseudo charset", "binary", 1},
    CharsetInfo{"latin1", "cp1252 West European", "latin1_swedish_ci", 1},
    CharsetInfo{"utf8mb3", "UTF-8 Unicode", "utf8mb3_general_ci", 3},
    CharsetInfo{"utf8mb4", "UTF-8 Unicode", "utf8mb4_0900_ai_ci", 4},
};

constexpr std::array kCollations = {
    CollationInfo{"ascii_bin", "ascii", 65, false, "PAD SPACE"},
    CollationInfo{"ascii_general_ci", "ascii", 11, true, "PAD SPACE"},
    CollationInfo{"binary", "binary", 63, true, "NO PAD"},
    CollationInfo{"latin1_bin", "latin1", 47, false, "PAD SPACE"},
    CollationInfo{"latin1_general_ci", "latin1", 48, false, "PAD SPACE"},
    CollationInfo{"latin1_swedish_ci", "latin1", 8, true, "PAD SPACE"},
    CollationInfo{"utf8mb3_bin", "utf8mb3", 83, false, "PAD SPACE"},
    CollationInfo{"utf8mb3_general_ci", "utf8mb3", 33, true, "PAD SPACE"},
    CollationInfo{"utf8mb3_unicode_ci", "utf8mb3", 192, false, "PAD SPACE"},
    CollationInfo{"utf8mb4_0900_ai_ci", "utf8mb4", 255, true, "NO PAD"},
    CollationInfo{"utf8mb4_0900_as_ci", "utf8mb4", 305, false, "NO PAD"},
    CollationInfo{"utf8mb4_0900_as_cs", "utf8mb4", 278, false, "NO PAD"},
    CollationInfo{"utf8mb4_0900_bin", "utf8mb4", 309, false, "NO PAD"},
    CollationInfo{"utf8mb4_bin", "utf8mb4", 46, false, "PAD SPACE"},
    CollationInfo{"utf8mb4_general_ci", "utf8mb4", 45, false, "PAD SPACE"},
    CollationInfo{"utf8mb4_unicode_520_ci", "utf8mb4", 246, false, "PAD SPACE"},
    CollationInfo{"utf8mb4_unicode_ci", "utf8mb4", 224, false, "PAD SPACE"},
};

}  // namespace

std::span<const CharsetInfo> AllCharsets() { return kCharsets; }
std::span<const CollationInfo> AllCollations() { return kCollations; }

const CharsetInfo* FindCharset(std::string_view name) {
  if (EqualsIgnoreCase(name, "utf8")) name = "utf8mb3";
  for (const CharsetInfo& charset : kCharsets) {
    if (EqualsIgnoreCase(charset.name, name)) return &charset;
  }
  return nullptr;
}

const CollationInfo* FindCollation(std::string_view name) {
  // utf8_* names are aliases of the utf8mb3_* collations, as the utf8 charset is of utf8mb3.
  std::string canonical;
  if (name.size() > 5 && EqualsIgnoreCase(name.substr(0, 5), "utf8_")) {
    canonical = "utf8mb3_" + std::string(name.substr(5));
    name = canonical;
  }
  for (const CollationInfo& collation : kCollations) {
    if (EqualsIgnoreCase(collation.name, name)) return &collation;
  }
  return nullptr;
}

}  // namespace porpoise::catalog
