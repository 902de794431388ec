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

// MySQL 8.4's collation numbers by character set: single numbers and inclusive ranges.
struct CollationIds {
  uint16_t first, last;
  std::string_view charset;
};
constexpr CollationIds kMysqlCollationIds[] = {
    {1, 1, "big5"},         {2, 2, "latin2"},      {3, 3, "dec8"},       {4, 4, "cp850"},
    {5, 5, "latin1"},       {6, 6, "hp8"},         {7, 7, "koi8r"},      {8, 8, "latin1"},
    {9, 9, "latin2"},       {10, 10, "swe7"},      {11, 11, "ascii"},    {12, 12, "ujis"},
    {13, 13, "sjis"},       {14, 14, "cp1251"},    {15, 15, "latin1"},   {16, 16, "hebrew"},
    {18, 18, "tis620"},     {19, 19, "euckr"},     {20, 20, "latin7"},   {21, 21, "latin2"},
    {22, 22, "koi8u"},      {23, 23, "cp1251"},    {24, 24, "gb2312"},   {25, 25, "greek"},
    {26, 26, "cp1250"},     {27, 27, "latin2"},    {28, 28, "gbk"},      {29, 29, "cp1257"},
    {30, 30, "latin5"},     {31, 31, "latin1"},    {32, 32, "armscii8"}, {33, 33, "utf8mb3"},
    {34, 34, "cp1250"},     {35, 35, "ucs2"},      {36, 36, "cp866"},    {37, 37, "keybcs2"},
    {38, 38, "macce"},      {39, 39, "macroman"},  {40, 40, "cp852"},    {41, 42, "latin7"},
    {43, 43, "macce"},      {44, 44, "cp1250"},    {45, 46, "utf8mb4"},  {47, 49, "latin1"},
    {50, 52, "cp1251"},     {53, 53, "macroman"},  {54, 55, "utf16"},    {56, 56, "utf16le"},
    {57, 57, "cp1256"},     {58, 59, "cp1257"},    {60, 61, "utf32"},    {62, 62, "utf16le"},
    {63, 63, "binary"},     {64, 64, "armscii8"},  {65, 65, "ascii"},    {66, 66, "cp1250"},
    {67, 67, "cp1256"},     {68, 68, "cp866"},     {69, 69, "dec8"},     {70, 70, "greek"},
    {71, 71, "hebrew"},     {72, 72, "hp8"},       {73, 73, "keybcs2"},  {74, 74, "koi8r"},
    {75, 75, "koi8u"},      {76, 76, "utf8mb3"},   {77, 77, "latin2"},   {78, 78, "latin5"},
    {79, 79, "latin7"},     {80, 80, "cp850"},     {81, 81, "cp852"},    {82, 82, "swe7"},
    {83, 83, "utf8mb3"},    {84, 84, "big5"},      {85, 85, "euckr"},    {86, 86, "gb2312"},
    {87, 87, "gbk"},        {88, 88, "sjis"},      {89, 89, "tis620"},   {90, 90, "ucs2"},
    {91, 91, "ujis"},       {92, 93, "geostd8"},   {94, 94, "latin1"},   {95, 96, "cp932"},
    {97, 98, "eucjpms"},    {99, 99, "cp1250"},    {101, 124, "utf16"},  {128, 151, "ucs2"},
    {159, 159, "ucs2"},     {160, 183, "utf32"},   {192, 215, "utf8mb3"}, {223, 223, "utf8mb3"},
    {224, 247, "utf8mb4"},  {248, 250, "gb18030"}, {255, 323, "utf8mb4"},
};

}  // namespace

std::string_view MysqlCharsetOfCollationId(uint16_t id) {
  for (const CollationIds& ids : kMysqlCollationIds) {
    if (id >= ids.first && id <= ids.last) return ids.charset;
  }
  return {};
}

bool IsImpossibleClientCharset(std::string_view name) {
  for (std::string_view charset : {"ucs2", "utf16", "utf16le", "utf32"}) {
    if (EqualsIgnoreCase(name, charset)) return true;
  }
  return false;
}

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

std::vector<Status> DeprecatedCharsetWarnings(std::string_view charset, std::string_view collation) {
  std::vector<Status> warnings;
  if (EqualsIgnoreCase(charset, "utf8")) {
    warnings.push_back(Status::Error(ER_DEPRECATED_UTF8_ALIAS));
  } else if (EqualsIgnoreCase(charset, "utf8mb3")) {
    warnings.push_back(Status::Error(ER_WARN_DEPRECATED_SYNTAX, "utf8mb3", "utf8mb4"));
  }
  std::string name = ToLowerAscii(collation);
  if (name.starts_with("utf8_") || name.starts_with("utf8mb3_")) {
    warnings.push_back(Status::Error(ER_WARN_DEPRECATED_UTF8MB3_COLLATION, name));
  }
  return warnings;
}

}  // namespace porpoise::catalog
