// Collation's LIKE matcher and the registry of every implemented collation, built once on
// first use and immutable afterwards. (types/)
#include "types/collation.h"

#include "common/strings.h"
#include "types/collation_internal.h"

#include <array>
#include <memory>

namespace porpoise::types {

namespace {

using internal::CollationSpec;

bool IsContinuationByte(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

// Length of the character at text[pos]: one byte for `binary`, one UTF-8 sequence (or one
// invalid byte) otherwise.
size_t CharLengthAt(std::string_view text, size_t pos, bool bytes) {
  if (bytes) return 1;
  return internal::DecodeUtf8(text, pos).length;
}

enum class TokenKind { kAnySequence, kAnyChar, kLiteral };

// One element of a LIKE pattern: `%`, `_`, or one literal character (escaped or not).
struct LikeToken {
  TokenKind kind;
  std::string_view literal;  // the character, for kLiteral
  size_t next;               // pattern position after the token
};

// Wildcards are recognised before the escape character, as MySQL's matcher does; an escape
// character at the very end of the pattern stands for itself.
LikeToken NextLikeToken(std::string_view pattern, size_t pos, uint32_t escape, bool bytes) {
  size_t length = CharLengthAt(pattern, pos, bytes);
  if (length == 1 && pattern[pos] == '%') return {TokenKind::kAnySequence, {}, pos + 1};
  if (length == 1 && pattern[pos] == '_') return {TokenKind::kAnyChar, {}, pos + 1};
  const internal::Utf8Char decoded =
      bytes ? internal::Utf8Char{static_cast<unsigned char>(pattern[pos]), 1, true}
            : internal::DecodeUtf8(pattern, pos);
  if (decoded.valid && decoded.code == escape && pos + length < pattern.size()) {
    pos += length;
    length = CharLengthAt(pattern, pos, bytes);
  }
  return {TokenKind::kLiteral, pattern.substr(pos, length), pos + length};
}

enum class Family { kBytes, kTable, kIcu };

// How each collation is implemented. A changed ordering needs a new sqlite_name version.
struct CollationEntry {
  CollationSpec spec;
  Family family;
  internal::WeightTableSource table;  // kTable: its weights
  internal::IcuOptions icu;           // kIcu: strength and UCA version
};

using internal::IcuStrength;
constexpr internal::IcuOptions kNoIcu = {IcuStrength::kPrimary, false};
constexpr internal::IcuOptions kUca900Primary = {IcuStrength::kPrimary, false};
constexpr internal::IcuOptions kUca900Secondary = {IcuStrength::kSecondary, false};
constexpr internal::IcuOptions kUca900Tertiary = {IcuStrength::kTertiary, false};
// unicode_520_ci (UCA 5.2.0): ICU's root at primary strength, which differs from 5.2 only
// in characters added to Unicode since.
constexpr internal::IcuOptions kUca520Primary = {IcuStrength::kPrimary, false};
constexpr internal::IcuOptions kUca400Primary = {IcuStrength::kPrimary, true};

constexpr std::array<CollationEntry, 17> kCollations = {{
    {{65, "ascii_bin", "ascii", true, true, "ascii_bin.v1"},
     Family::kTable, internal::AsciiBinWeights, kNoIcu},
    {{11, "ascii_general_ci", "ascii", true, false, "ascii_general_ci.v1"},
     Family::kTable, internal::AsciiGeneralCiWeights, kNoIcu},
    {{63, "binary", "binary", false, true, "binary.v1"}, Family::kBytes, nullptr, kNoIcu},
    {{47, "latin1_bin", "latin1", true, true, "latin1_bin.v1"},
     Family::kTable, internal::Latin1BinWeights, kNoIcu},
    {{48, "latin1_general_ci", "latin1", true, false, "latin1_general_ci.v1"},
     Family::kTable, internal::Latin1GeneralCiWeights, kNoIcu},
    {{8, "latin1_swedish_ci", "latin1", true, false, "latin1_swedish_ci.v1"},
     Family::kTable, internal::Latin1SwedishCiWeights, kNoIcu},
    {{83, "utf8mb3_bin", "utf8mb3", true, true, "utf8mb3_bin.v1"},
     Family::kTable, internal::CodePointWeights, kNoIcu},
    {{33, "utf8mb3_general_ci", "utf8mb3", true, false, "utf8mb3_general_ci.v1"},
     Family::kTable, internal::GeneralCiWeights, kNoIcu},
    {{192, "utf8mb3_unicode_ci", "utf8mb3", true, false, "utf8mb3_unicode_ci.v1"},
     Family::kIcu, nullptr, kUca400Primary},
    {{255, "utf8mb4_0900_ai_ci", "utf8mb4", false, false, "utf8mb4_0900_ai_ci.v1"},
     Family::kIcu, nullptr, kUca900Primary},
    {{305, "utf8mb4_0900_as_ci", "utf8mb4", false, false, "utf8mb4_0900_as_ci.v1"},
     Family::kIcu, nullptr, kUca900Secondary},
    {{278, "utf8mb4_0900_as_cs", "utf8mb4", false, false, "utf8mb4_0900_as_cs.v1"},
     Family::kIcu, nullptr, kUca900Tertiary},
    {{309, "utf8mb4_0900_bin", "utf8mb4", false, true, "utf8mb4_0900_bin.v1"},
     Family::kTable, internal::CodePointWeights, kNoIcu},
    {{46, "utf8mb4_bin", "utf8mb4", true, true, "utf8mb4_bin.v1"},
     Family::kTable, internal::CodePointWeights, kNoIcu},
    {{45, "utf8mb4_general_ci", "utf8mb4", true, false, "utf8mb4_general_ci.v1"},
     Family::kTable, internal::GeneralCiWeights, kNoIcu},
    {{224, "utf8mb4_unicode_ci", "utf8mb4", true, false, "utf8mb4_unicode_ci.v1"},
     Family::kIcu, nullptr, kUca400Primary},
    {{246, "utf8mb4_unicode_520_ci", "utf8mb4", true, false, "utf8mb4_unicode_520_ci.v1"},
     Family::kIcu, nullptr, kUca520Primary},
}};

std::unique_ptr<Collation> MakeCollation(const CollationEntry& entry) {
  switch (entry.family) {
    case Family::kBytes: return internal::MakeBytesCollation(entry.spec);
    case Family::kTable: return internal::MakeTableCollation(entry.spec, entry.table);
    case Family::kIcu: return internal::MakeIcuCollation(entry.spec, entry.icu);
  }
  return internal::MakeBytesCollation(entry.spec);
}

// Every collation, built on first use; immutable afterwards. Their tables and ICU collators
// are built when first needed.
class Registry {
 public:
  Registry() {
    for (size_t index = 0; index < kCollations.size(); ++index) {
      owned_[index] = MakeCollation(kCollations[index]);
      all_[index] = owned_[index].get();
    }
  }
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  std::span<const Collation* const> all() const { return all_; }

 private:
  std::array<std::unique_ptr<Collation>, kCollations.size()> owned_;
  std::array<const Collation*, kCollations.size()> all_{};
};

const Registry& GetRegistry() {
  static const Registry registry;
  return registry;
}

}  // namespace

namespace internal {

size_t CommonPrefixBoundary(std::string_view a, std::string_view b) {
  const size_t shorter = a.size() < b.size() ? a.size() : b.size();
  size_t pos = 0;
  while (pos < shorter && a[pos] == b[pos]) ++pos;
  while (pos > 0 && ((pos < a.size() && IsContinuationByte(a[pos])) ||
                     (pos < b.size() && IsContinuationByte(b[pos])))) {
    --pos;
  }
  return pos;
}

}  // namespace internal

bool Collation::CharEquals(std::string_view a, std::string_view b) const {
  return Compare(a, b) == 0;
}

// Greedy matching with one backtrack point (the latest `%`), which is exact because every
// other pattern element consumes exactly one character: O(text * pattern) at worst.
bool Collation::Like(std::string_view text, std::string_view pattern, uint32_t escape) const {
  const bool bytes = charset() == "binary";
  constexpr size_t kNone = std::string_view::npos;
  size_t text_pos = 0;
  size_t pattern_pos = 0;
  size_t star_pattern = kNone;  // pattern position after the latest `%`
  size_t star_text = 0;         // text position that `%` currently extends to
  while (true) {
    if (pattern_pos < pattern.size()) {
      const LikeToken token = NextLikeToken(pattern, pattern_pos, escape, bytes);
      if (token.kind == TokenKind::kAnySequence) {
        star_pattern = pattern_pos = token.next;
        star_text = text_pos;
        continue;
      }
      if (text_pos < text.size()) {
        const size_t length = CharLengthAt(text, text_pos, bytes);
        if (token.kind == TokenKind::kAnyChar ||
            CharEquals(text.substr(text_pos, length), token.literal)) {
          text_pos += length;
          pattern_pos = token.next;
          continue;
        }
      }
    } else if (text_pos == text.size()) {
      return true;
    }
    if (star_pattern == kNone || star_text >= text.size()) return false;
    star_text += CharLengthAt(text, star_text, bytes);
    text_pos = star_text;
    pattern_pos = star_pattern;
  }
}

const Collation* FindCollationById(uint16_t id) {
  for (const Collation* collation : AllCollations()) {
    if (collation->id() == id) return collation;
  }
  return nullptr;
}

const Collation* FindCollationByName(std::string_view name) {
  // utf8_* names are aliases of the utf8mb3_* collations, as the utf8 charset is of utf8mb3.
  std::string canonical;
  if (name.size() > 5 && EqualsIgnoreCase(name.substr(0, 5), "utf8_")) {
    canonical = "utf8mb3_" + std::string(name.substr(5));
    name = canonical;
  }
  for (const Collation* collation : AllCollations()) {
    if (EqualsIgnoreCase(collation->name(), name)) return collation;
  }
  return nullptr;
}

std::span<const Collation* const> AllCollations() { return GetRegistry().all(); }

const Collation& BinaryCollation() { return *FindCollationById(63); }

const Collation& DefaultCollation() { return *FindCollationById(255); }

}  // namespace porpoise::types
