// Per-character weight tables of the legacy collations, each built on first use: general_ci
// derived from ICU's Unicode data with MySQL's rules, and the small latin1 and ascii tables.
// (types/)
#include "types/collation_internal.h"
#include "types/icu_api.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

#include <array>
#include <string_view>
#include <utility>

namespace porpoise::types::internal {

namespace {

using Weights = std::vector<uint16_t>;

// MySQL's general_ci table was generated from Unicode 3.0 data: characters or case mappings
// added later are not folded.
bool InUnicode30(UChar32 code) {
  UVersionInfo age;
  Icu().u_charAge(code, age);
  return age[0] < 3 || (age[0] == 3 && age[1] == 0);
}

// The letter a Latin, Greek or Cyrillic letter is built on (its canonical decomposition's
// first character), or the character itself. Singleton decompositions (OHM SIGN, the Greek
// oxia forms) and the Cyrillic short I, a letter of its own, are kept.
UChar32 BaseLetter(UChar32 code, const UNormalizer2* nfd) {
  if (code == 0x0419 || code == 0x0439) return code;
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = Icu().uscript_getScript(code, &status);
  if (U_FAILURE(status) || !Icu().u_isalpha(code)) return code;
  if (script != USCRIPT_LATIN && script != USCRIPT_GREEK && script != USCRIPT_CYRILLIC) {
    return code;
  }
  UChar raw[8];
  const int32_t raw_length = Icu().unorm2_getRawDecomposition(nfd, code, raw, 8, &status);
  if (U_FAILURE(status) || raw_length <= 0 || U16_LENGTH(raw[0]) == raw_length) return code;
  UChar full[32];
  const int32_t full_length = Icu().unorm2_getDecomposition(nfd, code, full, 32, &status);
  if (U_FAILURE(status) || full_length <= 0) return code;
  UChar32 base = code;
  int32_t offset = 0;
  U16_NEXT(full, offset, full_length, base);
  return base;
}

uint16_t GeneralCiWeight(UChar32 code, const UNormalizer2* nfd) {
  if (code == 0x00DF) return 'S';     // sharp s weighs as one S, not SS
  if (code == 0x03F2) return 0x03A3;  // lunate sigma: its Unicode 3.0 uppercase
  const UChar32 base = BaseLetter(code, nfd);
  const UChar32 upper = Icu().u_toupper(base);
  if (!InUnicode30(base) || !InUnicode30(upper)) return static_cast<uint16_t>(base);
  return static_cast<uint16_t>(upper);
}

Weights BuildGeneralCi() {
  Weights weights(0x10000);
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2* nfd = Icu().unorm2_getNFDInstance(&status);
  for (UChar32 code = 0; code < 0x10000; ++code) {
    const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
    weights[static_cast<size_t>(code)] = (surrogate || U_FAILURE(status) || nfd == nullptr)
                                             ? static_cast<uint16_t>(code)
                                             : GeneralCiWeight(code, nfd);
  }
  return weights;
}

// latin1 is MySQL's cp1252: the code points of bytes 0x80..0x9F (0x81, 0x8D, 0x8F, 0x90 and
// 0x9D, undefined in cp1252, stand for the C1 controls of the same value).
constexpr std::array<uint16_t, 32> kCp1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
constexpr uint32_t kLatin1TableSize = 0x2123;  // past U+2122, the highest cp1252 code point

// Expands per-byte weights to a code point table; code points outside latin1 weigh
// 0x100 + code point.
Weights ExpandLatin1(const std::array<uint16_t, 256>& byte_weights) {
  Weights weights(kLatin1TableSize);
  for (uint32_t code = 0; code < kLatin1TableSize; ++code) {
    weights[code] = static_cast<uint16_t>(0x100 + code);
  }
  for (uint32_t byte = 0; byte < 256; ++byte) {
    const uint32_t code = (byte >= 0x80 && byte < 0xA0) ? kCp1252High[byte - 0x80] : byte;
    weights[code] = byte_weights[byte];
  }
  return weights;
}

std::array<uint16_t, 256> IdentityBytes() {
  std::array<uint16_t, 256> weights{};
  for (uint32_t byte = 0; byte < 256; ++byte) weights[byte] = static_cast<uint16_t>(byte);
  return weights;
}

// latin1_swedish_ci, letters 0xC0..0xDF (the lower-case row 0xE0..0xFF weighs the same,
// except 0xF7 and 0xFF, which weigh as themselves): accents are ignored except on the
// Swedish and Finnish letters, which sort after Z (and so tie with '[', '\' and ']'); U with
// diaeresis sorts as Y. '*' marks a letter weighing as its own upper-case byte.
constexpr std::string_view kSwedishLetters = "AAAA\\[\\CEEEEIIIIDNOOOO]**UUUYY**";

std::array<uint16_t, 256> SwedishBytes() {
  std::array<uint16_t, 256> weights = IdentityBytes();
  for (uint32_t byte = 'a'; byte <= 'z'; ++byte) weights[byte] = static_cast<uint16_t>(byte - 32);
  for (uint32_t index = 0; index < 32; ++index) {
    const char letter = kSwedishLetters[index];
    const uint16_t weight = letter == '*' ? static_cast<uint16_t>(0xC0 + index)
                                          : static_cast<uint16_t>(letter);
    weights[0xC0 + index] = weight;
    if (index != 0x17 && index != 0x1F) weights[0xE0 + index] = weight;
  }
  return weights;
}

// latin1_general_ci: everything below 'A' in byte order, then this sequence (each upper-case
// letter with its lower-case form; accented letters after their base letter), then the
// bytes 0x80..0xBF in byte order.
constexpr std::string_view kGeneralSequence =
    "A\xC0\xC1\xC2\xC3\xC4\xC5\xC6" "BC\xC7" "D\xD0" "E\xC8\xC9\xCA\xCB" "FGHI\xCC\xCD\xCE\xCF"
    "JKLMN\xD1" "O\xD2\xD3\xD4\xD5\xD6\xD8" "PQRS\xDF" "TU\xD9\xDA\xDB\xDC" "VWXY\xDD\xFF"
    "Z\xDE[\\]^_`{|}~\xD7\xF7\x7F";

bool HasLatin1LowerCase(unsigned char byte) {
  return (byte >= 'A' && byte <= 'Z') || (byte >= 0xC0 && byte <= 0xDE && byte != 0xD7);
}

std::array<uint16_t, 256> GeneralLatin1Bytes() {
  std::array<uint16_t, 256> weights = IdentityBytes();
  uint16_t next = 'A';
  for (const char entry : kGeneralSequence) {
    const auto byte = static_cast<unsigned char>(entry);
    weights[byte] = next;
    if (HasLatin1LowerCase(byte)) weights[byte + 0x20u] = next;
    ++next;
  }
  for (uint32_t byte = 0x80; byte < 0xC0; ++byte) weights[byte] = next++;
  return weights;
}

Weights AsciiTable(bool fold_case) {
  Weights weights(0x80);
  for (uint32_t code = 0; code < 0x80; ++code) {
    const bool lower = fold_case && code >= 'a' && code <= 'z';
    weights[code] = static_cast<uint16_t>(lower ? code - 32 : code);
  }
  return weights;
}

}  // namespace

WeightTable::WeightTable(std::vector<uint16_t> weights, BeyondTable beyond)
    : weights_(std::move(weights)), beyond_(beyond) {
  for (uint32_t code = 0; code < 128; ++code) ascii_[code] = WeightOf(code);
}

const WeightTable& CodePointWeights() {
  static const WeightTable table({}, BeyondTable::kCodePoint);
  return table;
}

const WeightTable& GeneralCiWeights() {
  static const WeightTable table(BuildGeneralCi(), BeyondTable::kReplacement);
  return table;
}

const WeightTable& AsciiBinWeights() {
  static const WeightTable table(AsciiTable(false), BeyondTable::kUnmappable);
  return table;
}

const WeightTable& AsciiGeneralCiWeights() {
  static const WeightTable table(AsciiTable(true), BeyondTable::kUnmappable);
  return table;
}

const WeightTable& Latin1BinWeights() {
  static const WeightTable table(ExpandLatin1(IdentityBytes()), BeyondTable::kUnmappable);
  return table;
}

const WeightTable& Latin1GeneralCiWeights() {
  static const WeightTable table(ExpandLatin1(GeneralLatin1Bytes()), BeyondTable::kUnmappable);
  return table;
}

const WeightTable& Latin1SwedishCiWeights() {
  static const WeightTable table(ExpandLatin1(SwedishBytes()), BeyondTable::kUnmappable);
  return table;
}

}  // namespace porpoise::types::internal
