// The UCA collations (utf8mb4_0900_ai_ci, _0900_as_ci, _0900_as_cs, utf8mb4_unicode_520_ci,
// utf8mb*_unicode_ci) on ICU's root collator, with a table fast path for ASCII text. (types/)
#include "types/collation_internal.h"
#include "types/icu_api.h"

#include <unicode/ucol.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <climits>
#include <numeric>
#include <optional>

namespace porpoise::types::internal {

namespace {

// UCA 4.0 (the unicode_ci collations) gives these letters primary weights of their own,
// each right after its base letter; later UCA versions, and ICU's root, make them accented
// variants of that letter.
constexpr std::u16string_view kUca400Rules =
    u"&a<\u00E6<<<\u00C6 &d<\u0111<<<\u0110 &[before 1]e<\u00F0<<<\u00D0 "
    u"&h<\u0127<<<\u0126 &l<\u0142<<<\u0141 &o<\u00F8<<<\u00D8";

struct CollatorCloser {
  void operator()(UCollator* collator) const { Icu().ucol_close(collator); }
};
using CollatorPtr = std::unique_ptr<UCollator, CollatorCloser>;

// The root collator, or a tailoring of it when rules are given; null if ICU fails.
CollatorPtr OpenCollator(std::u16string_view rules, UColAttributeValue strength) {
  UErrorCode status = U_ZERO_ERROR;
  CollatorPtr collator;
  if (rules.empty()) {
    collator.reset(Icu().ucol_open("", &status));
  } else {
    UParseError parse_error;
    collator.reset(Icu().ucol_openRules(rules.data(), static_cast<int32_t>(rules.size()), UCOL_DEFAULT,
                                  strength, &parse_error, &status));
  }
  if (U_FAILURE(status)) return nullptr;
  Icu().ucol_setStrength(collator.get(), strength);
  return collator;
}

int Sign(int value) { return (value > 0) - (value < 0); }

int32_t IcuLength(size_t length) {
  return static_cast<int32_t>(std::min<size_t>(length, INT32_MAX));
}

// Weights of the 128 ASCII characters under one collator, for comparing ASCII text without
// ICU. Exact because in root no contraction starts with an ASCII character and none expands
// (collation_test checks this), so each ASCII character is one collation element whatever
// follows it: control characters are completely ignorable (primary 0), the others have one
// primary weight, case differs only at the tertiary level and all secondaries are equal.
struct AsciiWeights {
  std::array<uint16_t, 128> primary{};  // dense rank, 0 = ignorable
  std::array<uint8_t, 128> tertiary{};  // rank among characters of equal primary weight
};

int CompareChars(const UCollator* collator, UChar a, UChar b) {
  return Icu().ucol_strcoll(collator, &a, 1, &b, 1);
}

AsciiWeights BuildAsciiWeights(const UCollator* primary, const UCollator* full) {
  AsciiWeights weights;
  std::array<UChar, 128> order{};
  std::iota(order.begin(), order.end(), UChar{0});
  std::stable_sort(order.begin(), order.end(), [primary](UChar a, UChar b) {
    return CompareChars(primary, a, b) < 0;
  });
  uint16_t rank = 0;
  for (size_t index = 0; index < order.size(); ++index) {
    const UChar code = order[index];
    if (index > 0 && CompareChars(primary, order[index - 1], code) != 0) ++rank;
    const bool ignorable = Icu().ucol_strcoll(primary, &code, 1, nullptr, 0) == 0;
    weights.primary[code] = ignorable ? 0 : static_cast<uint16_t>(rank + 1);
  }
  for (UChar code = 0; code < 128; ++code) {
    for (UChar other = 0; other < 128; ++other) {
      if (weights.primary[other] == weights.primary[code] &&
          CompareChars(full, other, code) < 0) {
        ++weights.tertiary[code];
      }
    }
  }
  return weights;
}

// What the collations with the same IcuOptions share: opened on first use, then immutable
// (ICU collators are thread-safe for comparing and sort keys).
struct IcuState {
  CollatorPtr collator;  // null only if ICU's root data is missing
  AsciiWeights ascii;
};

IcuState BuildIcuState(IcuOptions options) {
  const std::u16string_view rules = options.uca_400 ? kUca400Rules : std::u16string_view();
  IcuState state;
  if (options.strength == IcuStrength::kPrimary) {
    state.collator = OpenCollator(rules, UCOL_PRIMARY);
    if (state.collator != nullptr) {
      state.ascii = BuildAsciiWeights(state.collator.get(), state.collator.get());
    }
    return state;
  }
  state.collator = OpenCollator(
      rules, options.strength == IcuStrength::kSecondary ? UCOL_SECONDARY : UCOL_TERTIARY);
  const CollatorPtr primary = OpenCollator(rules, UCOL_PRIMARY);
  if (state.collator != nullptr && primary != nullptr) {
    state.ascii = BuildAsciiWeights(primary.get(), state.collator.get());
  }
  return state;
}

const IcuState& SharedIcuState(IcuOptions options) {
  if (options.uca_400) {
    if (options.strength == IcuStrength::kTertiary) {
      static const IcuState uca_400_tertiary = BuildIcuState(options);
      return uca_400_tertiary;
    }
    static const IcuState uca_400_primary = BuildIcuState(options);
    return uca_400_primary;
  }
  switch (options.strength) {
    case IcuStrength::kTertiary: {
      static const IcuState root_tertiary = BuildIcuState(options);
      return root_tertiary;
    }
    case IcuStrength::kSecondary: {
      static const IcuState root_secondary = BuildIcuState(options);
      return root_secondary;
    }
    case IcuStrength::kPrimary:
      break;
  }
  static const IcuState root_primary = BuildIcuState(options);
  return root_primary;
}

constexpr int kTextEnd = -1;
constexpr int kNotAscii = -2;

// The next ASCII character at or after *pos that is not ignorable (*pos is left on it),
// kTextEnd, or kNotAscii when a non-ASCII byte comes first.
int NextAsciiElement(const AsciiWeights& weights, std::string_view text, size_t* pos) {
  for (; *pos < text.size(); ++*pos) {
    const auto byte = static_cast<unsigned char>(text[*pos]);
    if (byte >= 0x80) return kNotAscii;
    if (weights.primary[byte] != 0) return byte;
  }
  return kTextEnd;
}

// ICU's answer (collation_test checks it against ICU for every pair of ASCII characters
// and many strings) whenever the ASCII characters before the first non-ASCII byte decide
// it: the first primary difference, or else, for two ASCII strings, the first tertiary
// difference. nullopt when non-ASCII text must be looked at.
std::optional<int> CompareAscii(const AsciiWeights& weights, std::string_view a,
                                std::string_view b) {
  // Identical ASCII bytes weigh the same on both sides: the comparison starts after them.
  const size_t shorter = std::min(a.size(), b.size());
  size_t same = 0;
  while (same < shorter && a[same] == b[same] && static_cast<unsigned char>(a[same]) < 0x80) {
    ++same;
  }
  size_t a_pos = same;
  size_t b_pos = same;
  int tertiary_result = 0;
  while (true) {
    const int a_char = NextAsciiElement(weights, a, &a_pos);
    const int b_char = NextAsciiElement(weights, b, &b_pos);
    if (a_char == kNotAscii || b_char == kNotAscii) return std::nullopt;
    if (a_char == kTextEnd || b_char == kTextEnd) {
      return a_char == b_char ? tertiary_result : (a_char == kTextEnd ? -1 : 1);
    }
    if (weights.primary[a_char] != weights.primary[b_char]) {
      return weights.primary[a_char] < weights.primary[b_char] ? -1 : 1;
    }
    if (tertiary_result == 0 && weights.tertiary[a_char] != weights.tertiary[b_char]) {
      tertiary_result = weights.tertiary[a_char] < weights.tertiary[b_char] ? -1 : 1;
    }
    ++a_pos;
    ++b_pos;
  }
}

// Whether ICU can take the UTF-8 as it is: valid, and (under UCA 4.0) all in the BMP.
bool IcuReadsAsIs(std::string_view text, bool supplementary_as_one) {
  size_t pos = 0;
  while (pos < text.size()) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const Utf8Char decoded = DecodeUtf8(text, pos);
    if (!decoded.valid || (supplementary_as_one && decoded.length == 4)) return false;
    pos += decoded.length;
  }
  return true;
}

// UTF-16 for ICU, with MySQL's deviations made explicit: an invalid byte b becomes U+FFFF
// (root's highest primary) followed by the private-use U+E000 + b, so it sorts after every
// valid character and by value among invalid bytes; under UCA 4.0 every supplementary
// character becomes the unassigned U+FFF0 (so they tie, after the BMP), as in MySQL.
std::u16string ToUtf16(std::string_view text, bool supplementary_as_one) {
  std::u16string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const Utf8Char decoded = DecodeUtf8(text, pos);
    pos += decoded.length;
    if (!decoded.valid) {
      out.push_back(u'\uFFFF');
      out.push_back(static_cast<char16_t>(0xE000 + decoded.code));
    } else if (decoded.code < 0x10000) {
      out.push_back(static_cast<char16_t>(decoded.code));
    } else if (supplementary_as_one) {
      out.push_back(u'\uFFF0');
    } else {
      out.push_back(static_cast<char16_t>(0xD7C0 + (decoded.code >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (decoded.code & 0x3FF)));
    }
  }
  return out;
}

class IcuCollation final : public Collation {
 public:
  IcuCollation(const CollationSpec& spec, IcuOptions options)
      : Collation(spec.id, spec.name, spec.charset, spec.pad_space, spec.is_binary,
                  spec.sqlite_name),
        options_(options) {}

  int Compare(std::string_view a, std::string_view b) const override;
  std::string SortKey(std::string_view text) const override;

 protected:
  bool CharEquals(std::string_view a, std::string_view b) const override;

 private:
  std::string_view Trimmed(std::string_view text) const {
    if (pad_space()) {
      while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    }
    return text;
  }
  std::u16string ToUtf16(std::string_view text) const {
    return internal::ToUtf16(text, options_.uca_400);
  }
  int CompareWithIcu(const UCollator* collator, std::string_view a, std::string_view b) const;
  // SharedIcuState(options_), looked up once.
  const IcuState& State() const {
    const IcuState* state = state_.load(std::memory_order_acquire);
    if (state == nullptr) {
      state = &SharedIcuState(options_);
      state_.store(state, std::memory_order_release);
    }
    return *state;
  }

  IcuOptions options_;
  mutable std::atomic<const IcuState*> state_{nullptr};
};

int IcuCollation::Compare(std::string_view a, std::string_view b) const {
  a = Trimmed(a);
  b = Trimmed(b);
  const IcuState& state = State();
  if (state.collator == nullptr) return Sign(ToUtf16(a).compare(ToUtf16(b)));
  const std::optional<int> ascii_result = CompareAscii(state.ascii, a, b);
  if (ascii_result.has_value()) return *ascii_result;
  return CompareWithIcu(state.collator.get(), a, b);
}

int IcuCollation::CompareWithIcu(const UCollator* collator, std::string_view a,
                                 std::string_view b) const {
  if (IcuReadsAsIs(a, options_.uca_400) && IcuReadsAsIs(b, options_.uca_400)) {
    UErrorCode status = U_ZERO_ERROR;
    const int result = Icu().ucol_strcollUTF8(collator, a.data(), IcuLength(a.size()), b.data(),
                                        IcuLength(b.size()), &status);
    if (U_SUCCESS(status)) return Sign(result);
  }
  const std::u16string a16 = ToUtf16(a);
  const std::u16string b16 = ToUtf16(b);
  return Sign(Icu().ucol_strcoll(collator, a16.data(), IcuLength(a16.size()), b16.data(),
                          IcuLength(b16.size())));
}

// Single characters are never trimmed: a space must not equal the empty string.
bool IcuCollation::CharEquals(std::string_view a, std::string_view b) const {
  const IcuState& state = State();
  if (state.collator == nullptr) return a == b;
  if (a.size() == 1 && b.size() == 1) {
    const auto a_code = static_cast<unsigned char>(a[0]);
    const auto b_code = static_cast<unsigned char>(b[0]);
    if (a_code < 0x80 && b_code < 0x80) {
      return state.ascii.primary[a_code] == state.ascii.primary[b_code] &&
             state.ascii.tertiary[a_code] == state.ascii.tertiary[b_code];
    }
  }
  return CompareWithIcu(state.collator.get(), a, b) == 0;
}

// Without ICU data the key is the UTF-16 code units, big-endian, matching Compare.
std::string IcuCollation::SortKey(std::string_view text) const {
  const std::u16string text16 = ToUtf16(Trimmed(text));
  const IcuState& state = State();
  std::string key;
  if (state.collator == nullptr) {
    for (const char16_t unit : text16) {
      key.push_back(static_cast<char>(unit >> 8));
      key.push_back(static_cast<char>(unit & 0xFF));
    }
    return key;
  }
  key.resize(text16.size() * 2 + 16);
  for (int attempt = 0; attempt < 2; ++attempt) {
    const int32_t needed = Icu().ucol_getSortKey(
        state.collator.get(), text16.data(), IcuLength(text16.size()),
        reinterpret_cast<uint8_t*>(key.data()), IcuLength(key.size()));
    if (needed <= static_cast<int32_t>(key.size())) {
      key.resize(static_cast<size_t>(std::max(needed, 0)));
      return key;
    }
    key.resize(static_cast<size_t>(needed));
  }
  return key;
}

}  // namespace

std::unique_ptr<Collation> MakeIcuCollation(const CollationSpec& spec, IcuOptions options) {
  return std::make_unique<IcuCollation>(spec, options);
}

}  // namespace porpoise::types::internal
