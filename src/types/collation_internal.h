// Internals shared by the collation implementation files: UTF-8 decoding, the three
// collation families (bytes, per-character weight tables, ICU) and their table builders.
// Not part of the types/ interface; include only from collation*.cc and charset_codec.cc.
// (types/)
#pragma once

#include "types/collation.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace porpoise::types::internal {

// Weight of an invalid UTF-8 byte b is kInvalidByteBase + b: above every valid character's
// weight in every table-driven collation, and distinct per byte.
inline constexpr uint32_t kInvalidByteBase = 0x200000;

struct Utf8Char {
  uint32_t code;    // the code point, or the byte itself when !valid
  uint32_t length;  // bytes consumed: 1..4 (always 1 when !valid)
  bool valid;
};

// Decodes the character starting at text[pos]. Strict UTF-8 (no overlongs, surrogates or
// values past U+10FFFF); an invalid or truncated sequence yields its first byte alone.
// REQUIRES: pos < text.size().
inline Utf8Char DecodeUtf8(std::string_view text, size_t pos) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data()) + pos;
  const size_t available = text.size() - pos;
  const uint32_t lead = bytes[0];
  if (lead < 0x80) return {lead, 1, true};
  uint32_t length = 0;
  uint32_t code = 0;
  unsigned char low = 0x80;  // bounds of the second byte (narrowed for E0, ED, F0, F4)
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code = lead & 0x0F;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code = lead & 0x07;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return {lead, 1, false};
  }
  if (available < length) return {lead, 1, false};
  for (uint32_t index = 1; index < length; ++index) {
    const unsigned char byte = bytes[index];
    if (byte < low || byte > high) return {lead, 1, false};
    low = 0x80;
    high = 0xBF;
    code = (code << 6) | (byte & 0x3F);
  }
  return {code, length, true};
}

// The first position at or before the first differing byte of a and b that starts a
// character in both (a byte that is not 10xxxxxx always starts one). Everything before it
// decodes identically in a and b, so comparisons may start there.
size_t CommonPrefixBoundary(std::string_view a, std::string_view b);

// Everything a concrete collation's constructor needs for the base class.
struct CollationSpec {
  uint16_t id;
  std::string_view name;
  std::string_view charset;
  bool pad_space;
  bool is_binary;
  std::string_view sqlite_name;
};

// How a table-driven collation weighs code points past the end of its table.
enum class BeyondTable {
  kCodePoint,    // weight = code point (the *_bin collations)
  kReplacement,  // weight = 0xFFFD (general_ci: every supplementary character)
  kUnmappable,   // weight = 0x100 + code point (latin1/ascii: not in the repertoire)
};

// One weight per character. Immutable; shared by the collations that use it.
class WeightTable {
 public:
  WeightTable(std::vector<uint16_t> weights, BeyondTable beyond);
  WeightTable(const WeightTable&) = delete;
  WeightTable& operator=(const WeightTable&) = delete;

  uint32_t WeightOf(uint32_t code) const {
    if (code < weights_.size()) return weights_[code];
    switch (beyond_) {
      case BeyondTable::kCodePoint: return code;
      case BeyondTable::kReplacement: return 0xFFFD;
      case BeyondTable::kUnmappable: return 0x100 + code;
    }
    return code;
  }

  // The weight of the character at text[*pos] (an invalid byte b weighs
  // kInvalidByteBase + b); advances *pos past it. REQUIRES: *pos < text.size().
  uint32_t Next(std::string_view text, size_t* pos) const {
    const auto byte = static_cast<unsigned char>(text[*pos]);
    if (byte < 0x80) {
      ++*pos;
      return ascii_[byte];
    }
    const Utf8Char decoded = DecodeUtf8(text, *pos);
    *pos += decoded.length;
    return decoded.valid ? WeightOf(decoded.code) : kInvalidByteBase + byte;
  }

  uint32_t space_weight() const { return ascii_[' ']; }

 private:
  std::vector<uint16_t> weights_;  // indexed by code point; may be empty
  BeyondTable beyond_;
  std::array<uint32_t, 128> ascii_{};  // WeightOf(0..127), the common case
};

// The weight tables, each built on first use (collation_weights.cc): general_ci derived
// from ICU's Unicode data with MySQL's rules, the others from small tables.
using WeightTableSource = const WeightTable& (*)();
const WeightTable& CodePointWeights();
const WeightTable& GeneralCiWeights();
const WeightTable& AsciiBinWeights();
const WeightTable& AsciiGeneralCiWeights();
const WeightTable& Latin1BinWeights();
const WeightTable& Latin1GeneralCiWeights();
const WeightTable& Latin1SwedishCiWeights();

// kPrimary: base letters only (ai_ci); kSecondary: and accents (as_ci); kTertiary: and case.
enum class IcuStrength { kPrimary, kSecondary, kTertiary };
struct IcuOptions {
  IcuStrength strength;
  // The unicode_ci collations (UCA 4.0): a few letters ICU's root treats as accented are
  // letters of their own, and every supplementary character is equal.
  bool uca_400;
};

// `binary`: raw bytes, NO PAD (collation_table.cc).
std::unique_ptr<Collation> MakeBytesCollation(const CollationSpec& spec);
// Per-character weights over UTF-8; the table is fetched on first use (collation_table.cc).
std::unique_ptr<Collation> MakeTableCollation(const CollationSpec& spec, WeightTableSource table);
// ICU's root collator (tailored towards UCA 4.0 if asked) at a strength, opened on first use
// and shared by the collations with the same options (collation_icu.cc).
std::unique_ptr<Collation> MakeIcuCollation(const CollationSpec& spec, IcuOptions options);

}  // namespace porpoise::types::internal
