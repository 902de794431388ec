// Decimal: MySQL's exact DECIMAL arithmetic on a 512-bit coefficient, whose intermediates
// (products, scaled dividends) are checked never to wrap it. (types/)
#include "types/decimal.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

namespace porpoise::types {
namespace {

namespace mp = boost::multiprecision;

// Holds every intermediate below (10^154 < 2^512): a dividend scaled for division has at
// most 141 digits, and Multiply makes no product of more than 155 (one that long would
// overflow anyway).
using Wide = mp::int512_t;
using Outcome = Decimal::Outcome;

constexpr int kWidePowerCount = 155;  // 10^0 .. 10^154
constexpr int kWordDigits = 9;        // a word of MySQL's decimal buffer
constexpr int kComputedWords = Decimal::kMaxComputedDigits / kWordDigits;
// The integer-digit count -29..81 maps to 1..111 (a stored value's to at most 95).
constexpr int kKeyExponentBias = 30;
constexpr int kKeyMaxExponentOffset = Decimal::kMaxComputedDigits + kKeyExponentBias;
constexpr unsigned char kKeyZero = 0x80;
constexpr unsigned char kKeyNegativePairBase = 0xFE;  // a negative pair p is 0xFE - p
constexpr unsigned char kKeyNegativeEnd = 0xFF;

enum class RoundMode { kHalfUp, kTruncate, kFloor, kCeiling };

const std::array<Wide, kWidePowerCount>& WidePowers() {
  static const std::array<Wide, kWidePowerCount> powers = [] {
    std::array<Wide, kWidePowerCount> table;
    table[0] = 1;
    for (size_t exponent = 1; exponent < table.size(); ++exponent) {
      table[exponent] = table[exponent - 1] * 10;
    }
    return table;
  }();
  return powers;
}

// REQUIRES: 0 <= exponent < kWidePowerCount.
const Wide& Pow10(int exponent) {
  assert(exponent >= 0 && exponent < kWidePowerCount);
  return WidePowers()[static_cast<size_t>(exponent)];
}

// Decimal digits in |value| (0 for zero). REQUIRES: |value| < 10^154.
int CountDigits(const Wide& value) {
  const auto& powers = WidePowers();
  Wide magnitude = mp::abs(value);
  return static_cast<int>(std::upper_bound(powers.begin(), powers.end(), magnitude) -
                          powers.begin());
}

bool FitsComputed(const Wide& value) {
  return mp::abs(value) < Pow10(Decimal::kMaxComputedDigits);
}

// The largest magnitude with `digits` digits, with the sign of `negative`.
Wide AllNines(int digits, bool negative) {
  Wide nines = Pow10(digits) - 1;
  return negative ? Wide(-nines) : nines;
}

Decimal MakeDecimal(const Wide& coefficient, int scale) {
  assert(FitsComputed(coefficient));
  return Decimal::FromParts(static_cast<DecimalCoefficient>(coefficient), scale);
}

// value / 10^digits, rounded as `mode` says. REQUIRES: 0 <= digits < kWidePowerCount.
Wide DropDigits(const Wide& value, int digits, RoundMode mode) {
  if (digits == 0) return value;
  const Wide& divisor = Pow10(digits);
  Wide quotient;
  Wide remainder;
  mp::divide_qr(value, divisor, quotient, remainder);  // truncates toward zero
  if (remainder == 0) return quotient;
  const bool negative = value < 0;
  switch (mode) {
    case RoundMode::kHalfUp:
      if (mp::abs(remainder) * 2 >= divisor) quotient += negative ? -1 : 1;
      break;
    case RoundMode::kTruncate:
      break;
    case RoundMode::kFloor:
      if (negative) quotient -= 1;
      break;
    case RoundMode::kCeiling:
      if (!negative) quotient += 1;
      break;
  }
  return quotient;
}

// The coefficient of `value` expressed at `scale` (>= value.scale()).
Wide AlignTo(const Decimal& value, int scale) {
  return Wide(value.coefficient()) * Pow10(scale - value.scale());
}

// Rounds or pads `value` to `scale` digits (negative: tens, hundreds, ...). Padding stops at
// 30 fraction digits or 65 digits in all; a result past 81 digits (only possible when
// rounding 81 integer digits up to tens or more) is clamped to the 81-digit bound.
Decimal RoundToScale(const Decimal& value, int scale, RoundMode mode) {
  scale = std::max(scale, -(Decimal::kMaxComputedDigits + 1));
  const Wide coefficient(value.coefficient());
  if (scale >= value.scale()) {
    const int room = std::max(Decimal::kMaxPrecision - std::max(CountDigits(coefficient), 1), 0);
    const int padded = std::min({scale, Decimal::kMaxScale, value.scale() + room});
    return MakeDecimal(coefficient * Pow10(padded - value.scale()), padded);
  }
  Wide result = DropDigits(coefficient, value.scale() - scale, mode);
  if (scale < 0) result *= Pow10(-scale);
  if (!FitsComputed(result)) result = AllNines(Decimal::kMaxComputedDigits, result < 0);
  return MakeDecimal(result, std::max(scale, 0));
}

// Whether a coefficient is short enough that any scale fits the nine words beside it (45
// integer digits take five words, 30 fraction digits four).
bool FitsAnyScale(const Wide& coefficient) {
  static const Wide kAlwaysFits = Pow10(45);
  return mp::abs(coefficient) < kAlwaysFits;
}

// Keeps `result` at `scale` as MySQL's nine-word buffer holds a computed value: the integer
// part's words first, fraction words cut (not rounded) to those left; kOverflow with the
// largest 65-digit value when the integer part alone needs more than nine words.
Outcome StoreChecked(const Wide& result, int scale, Decimal* out) {
  if (FitsAnyScale(result)) {
    *out = MakeDecimal(result, scale);
    return Outcome::kOk;
  }
  const int integer_digits = std::max(CountDigits(result) - scale, 0);
  const int integer_words = (integer_digits + kWordDigits - 1) / kWordDigits;
  if (integer_words > kComputedWords) {
    *out = MakeDecimal(AllNines(Decimal::kMaxPrecision, result < 0), scale);
    return Outcome::kOverflow;
  }
  const int fraction_words = (scale + kWordDigits - 1) / kWordDigits;
  if (integer_words + fraction_words <= kComputedWords) {
    *out = MakeDecimal(result, scale);
    return Outcome::kOk;
  }
  const int kept = (kComputedWords - integer_words) * kWordDigits;
  *out = MakeDecimal(DropDigits(result, scale - kept, RoundMode::kTruncate), kept);
  return Outcome::kOk;
}

// Number text split into its parts, before any rounding.
struct ScannedNumber {
  std::string digits;           // significant digits, leading zeros dropped ("" for zero)
  int64_t fraction_digits = 0;  // digits after the point, minus the exponent
  bool negative = false;
  size_t consumed = 0;
};

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads an exponent ("e-12") at `pos`; returns how many bytes it took (0 when there is
// none). The magnitude saturates far beyond anything that can fit.
size_t ScanExponent(std::string_view text, size_t pos, int64_t* exponent) {
  constexpr int64_t kExponentCap = 1'000'000'000;
  if (pos >= text.size() || (text[pos] != 'e' && text[pos] != 'E')) return 0;
  size_t cursor = pos + 1;
  bool negative = false;
  if (cursor < text.size() && (text[cursor] == '+' || text[cursor] == '-')) {
    negative = text[cursor] == '-';
    ++cursor;
  }
  if (cursor >= text.size() || !IsDigit(text[cursor])) return 0;
  int64_t magnitude = 0;
  for (; cursor < text.size() && IsDigit(text[cursor]); ++cursor) {
    magnitude = std::min(kExponentCap, magnitude * 10 + (text[cursor] - '0'));
  }
  *exponent = negative ? -magnitude : magnitude;
  return cursor - pos;
}

// Appends the digit run at `pos` to `number`; returns the count of digits read.
size_t ScanDigits(std::string_view text, size_t pos, ScannedNumber* number) {
  size_t cursor = pos;
  for (; cursor < text.size() && IsDigit(text[cursor]); ++cursor) {
    if (number->digits.empty() && text[cursor] == '0') continue;
    number->digits.push_back(text[cursor]);
  }
  return cursor - pos;
}

std::optional<ScannedNumber> ScanNumber(std::string_view text) {
  ScannedNumber number;
  size_t pos = 0;
  while (pos < text.size() && IsSpace(text[pos])) ++pos;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    number.negative = text[pos] == '-';
    ++pos;
  }
  size_t digit_count = ScanDigits(text, pos, &number);
  pos += digit_count;
  if (pos < text.size() && text[pos] == '.') {
    const size_t fraction = ScanDigits(text, pos + 1, &number);
    if (digit_count + fraction == 0) return std::nullopt;
    number.fraction_digits = static_cast<int64_t>(fraction);
    digit_count += fraction;
    pos += 1 + fraction;
  }
  if (digit_count == 0) return std::nullopt;
  int64_t exponent = 0;
  pos += ScanExponent(text, pos, &exponent);
  number.fraction_digits -= exponent;
  number.consumed = pos;
  return number;
}

// Reads the digits 19 at a time in 64 bits, so the wide multiply runs once per 19 digits.
Wide DigitsToWide(std::string_view digits) {
  constexpr size_t kChunk = 19;
  Wide value = 0;
  while (!digits.empty()) {
    const size_t count = std::min(digits.size(), kChunk);
    uint64_t chunk = 0;
    for (size_t index = 0; index < count; ++index) chunk = chunk * 10 + (digits[index] - '0');
    value = value.is_zero() ? Wide(chunk) : value * Pow10(static_cast<int>(count)) + chunk;
    digits.remove_prefix(count);
  }
  return value;
}

Decimal SignedDecimal(const Wide& magnitude, bool negative, int scale) {
  return MakeDecimal(negative ? Wide(-magnitude) : magnitude, scale);
}

// The scanned number has fraction digits: keeps at most 30 of them and at most 65 digits in
// all, rounding half up what does not fit. REQUIRES: at most 65 integer digits.
Outcome BuildParsedFraction(const ScannedNumber& number, Decimal* out) {
  const std::string_view digits = number.digits;
  const auto digit_count = static_cast<int64_t>(digits.size());
  const int64_t integer_digits = std::max<int64_t>(digit_count - number.fraction_digits, 0);
  int scale = static_cast<int>(std::min<int64_t>(
      {number.fraction_digits, Decimal::kMaxScale, Decimal::kMaxPrecision - integer_digits}));
  const int64_t kept = digit_count - (number.fraction_digits - scale);
  if (kept < 0) {  // even the first digit lies past the rounding digit: rounds to zero
    *out = Decimal::FromParts(0, scale);
    return Outcome::kRounded;
  }
  Wide value = DigitsToWide(digits.substr(0, static_cast<size_t>(kept)));
  const std::string_view dropped = digits.substr(static_cast<size_t>(kept));
  if (!dropped.empty() && dropped[0] >= '5') value += 1;
  if (mp::abs(value) >= Pow10(Decimal::kMaxPrecision)) {  // rounding carried into a 66th digit
    if (scale == 0) {
      *out = SignedDecimal(AllNines(Decimal::kMaxPrecision, false), number.negative, 0);
      return Outcome::kOverflow;
    }
    value /= 10;
    --scale;
  }
  *out = SignedDecimal(value, number.negative, scale);
  const bool changed = dropped.find_first_not_of('0') != std::string_view::npos;
  return changed ? Outcome::kRounded : Outcome::kOk;
}

// Turns scanned parts into a Decimal (see Decimal::Parse for the limits).
Outcome BuildParsed(const ScannedNumber& number, Decimal* out) {
  const auto digit_count = static_cast<int64_t>(number.digits.size());
  if (digit_count == 0) {
    const int64_t scale = std::clamp<int64_t>(number.fraction_digits, 0, Decimal::kMaxScale);
    *out = Decimal::FromParts(0, static_cast<int>(scale));
    return Outcome::kOk;
  }
  if (digit_count - number.fraction_digits > Decimal::kMaxPrecision) {
    *out = SignedDecimal(AllNines(Decimal::kMaxPrecision, false), number.negative, 0);
    return Outcome::kOverflow;
  }
  if (number.fraction_digits > 0) return BuildParsedFraction(number, out);
  const Wide value = DigitsToWide(number.digits) * Pow10(static_cast<int>(-number.fraction_digits));
  *out = SignedDecimal(value, number.negative, 0);
  return Outcome::kOk;
}

// The digits of |coefficient|, 19 at a time from 64-bit pieces (a coefficient has at most
// 81 digits, so at most four divisions by 10^19).
std::string MagnitudeDigits(const DecimalCoefficient& coefficient) {
  constexpr uint64_t kChunkBase = 10'000'000'000'000'000'000ULL;  // 10^19
  constexpr int kChunkDigits = 19;
  DecimalCoefficient magnitude = mp::abs(coefficient);
  std::array<uint64_t, 5> low_chunks{};
  size_t chunk_count = 0;
  while (magnitude > std::numeric_limits<uint64_t>::max()) {
    DecimalCoefficient quotient;
    DecimalCoefficient remainder;
    mp::divide_qr(magnitude, DecimalCoefficient(kChunkBase), quotient, remainder);
    low_chunks[chunk_count++] = static_cast<uint64_t>(remainder);
    magnitude = quotient;
  }
  char buffer[24];
  const std::to_chars_result top =
      std::to_chars(buffer, buffer + sizeof(buffer), static_cast<uint64_t>(magnitude));
  std::string digits(buffer, top.ptr);
  while (chunk_count > 0) {
    uint64_t chunk = low_chunks[--chunk_count];
    const size_t end = digits.size() + kChunkDigits;
    digits.resize(end);
    for (size_t index = end; index > end - kChunkDigits; --index) {
      digits[index - 1] = static_cast<char>('0' + chunk % 10);
      chunk /= 10;
    }
  }
  return digits;
}

// Key header byte for a nonzero value with `exponent` integer digits (may be <= 0).
unsigned char KeyHeader(bool negative, int exponent) {
  const int offset = exponent + kKeyExponentBias;
  assert(offset >= 1 && offset <= kKeyMaxExponentOffset);
  return static_cast<unsigned char>(negative ? kKeyZero - offset : kKeyZero + offset);
}

// Reads the base-100 pairs of a key body into significant digits. False when a byte is
// not a pair, the first digit is zero or the last pair is zero (not canonical).
bool DecodeKeyPairs(std::string_view body, bool negative, std::string* digits) {
  if (body.empty() || body.size() > (Decimal::kMaxComputedDigits + 1) / 2) return false;
  for (char byte : body) {
    int pair = static_cast<unsigned char>(byte);
    if (negative) pair = kKeyNegativePairBase - pair;
    if (pair < 0 || pair > 99) return false;
    digits->push_back(static_cast<char>('0' + pair / 10));
    digits->push_back(static_cast<char>('0' + pair % 10));
  }
  if ((*digits)[0] == '0') return false;
  if (digits->substr(digits->size() - 2) == "00") return false;
  if (digits->back() == '0') digits->pop_back();
  return true;
}

}  // namespace

Decimal Decimal::FromInt64(int64_t value) { return Decimal(DecimalCoefficient(value), 0); }

Decimal Decimal::FromUint64(uint64_t value) { return Decimal(DecimalCoefficient(value), 0); }

std::optional<Decimal> Decimal::FromDouble(double value) {
  if (!std::isfinite(value)) return std::nullopt;
  // The shortest text that reads back as the same double, as MySQL prints a DOUBLE.
  char buffer[64];
  const std::to_chars_result written = std::to_chars(buffer, buffer + sizeof(buffer), value);
  if (written.ec != std::errc()) return std::nullopt;
  Decimal result;
  Parse(std::string_view(buffer, static_cast<size_t>(written.ptr - buffer)), &result);
  return result;
}

Decimal Decimal::FromParts(DecimalCoefficient coefficient, int scale) {
  assert(scale >= 0 && scale <= kMaxScale);
  assert(FitsComputed(Wide(coefficient)));
  return Decimal(std::move(coefficient), scale);
}

Decimal::Outcome Decimal::FromComputed(const DecimalCoefficient& coefficient, int scale,
                                       Decimal* out) {
  assert(scale >= 0 && scale <= kMaxScale);
  return StoreChecked(Wide(coefficient), scale, out);
}

Decimal::Outcome Decimal::Parse(std::string_view text, Decimal* out, size_t* consumed) {
  const std::optional<ScannedNumber> number = ScanNumber(text);
  if (consumed != nullptr) *consumed = number ? number->consumed : 0;
  if (!number) {
    *out = Decimal();
    return Outcome::kBadValue;
  }
  return BuildParsed(*number, out);
}

int64_t Decimal::WrittenIntegerDigits(std::string_view text) {
  const std::optional<ScannedNumber> number = ScanNumber(text);
  if (!number || number->digits.empty()) return 0;
  const auto digits = static_cast<int64_t>(number->digits.size());
  return std::max<int64_t>(digits - number->fraction_digits, 0);
}

int Decimal::IntegerDigits() const { return std::max(CountDigits(Wide(coefficient_)) - scale_, 0); }

std::string Decimal::ToString() const {
  std::string text = MagnitudeDigits(coefficient_);
  const auto scale = static_cast<size_t>(scale_);
  if (text.size() <= scale) text.insert(0, scale + 1 - text.size(), '0');
  if (scale > 0) text.insert(text.size() - scale, 1, '.');
  if (IsNegative()) text.insert(0, 1, '-');
  return text;
}

std::string Decimal::ToString(int scale) const {
  scale = std::max(scale, 0);
  if (scale < scale_) return RoundToScale(*this, scale, RoundMode::kHalfUp).ToString();
  if (!FitsAnyScale(coefficient_)) {
    const int integer_words = (IntegerDigits() + kWordDigits - 1) / kWordDigits;
    scale = std::min(scale, std::max((kComputedWords - integer_words) * kWordDigits, scale_));
  }
  std::string text = ToString();
  if (scale > scale_ && scale_ == 0) text.push_back('.');
  text.append(static_cast<size_t>(scale - scale_), '0');
  return text;
}

double Decimal::ToDouble() const {
  const std::string text = ToString();
  double result = 0;
  std::from_chars(text.data(), text.data() + text.size(), result);
  return result;
}

Decimal::Outcome Decimal::ToInt64(int64_t* out) const {
  const Decimal rounded = Round(0);
  const DecimalCoefficient& value = rounded.coefficient_;
  if (value > std::numeric_limits<int64_t>::max()) {
    *out = std::numeric_limits<int64_t>::max();
    return Outcome::kOverflow;
  }
  if (value < std::numeric_limits<int64_t>::min()) {
    *out = std::numeric_limits<int64_t>::min();
    return Outcome::kOverflow;
  }
  *out = value.convert_to<int64_t>();
  return Outcome::kOk;
}

Decimal::Outcome Decimal::ToUint64(uint64_t* out) const {
  const Decimal rounded = Round(0);
  const DecimalCoefficient& value = rounded.coefficient_;
  if (value < 0) {
    *out = 0;
    return Outcome::kOverflow;
  }
  if (value > std::numeric_limits<uint64_t>::max()) {
    *out = std::numeric_limits<uint64_t>::max();
    return Outcome::kOverflow;
  }
  *out = value.convert_to<uint64_t>();
  return Outcome::kOk;
}

Decimal Decimal::Round(int scale) const { return RoundToScale(*this, scale, RoundMode::kHalfUp); }

Decimal Decimal::Truncate(int scale) const {
  return RoundToScale(*this, scale, RoundMode::kTruncate);
}

Decimal Decimal::Floor() const { return RoundToScale(*this, 0, RoundMode::kFloor); }

Decimal Decimal::Ceiling() const { return RoundToScale(*this, 0, RoundMode::kCeiling); }

Decimal Decimal::Negate() const { return Decimal(-coefficient_, scale_); }

Decimal Decimal::Abs() const { return Decimal(mp::abs(coefficient_), scale_); }

Decimal Decimal::Normalized() const {
  DecimalCoefficient coefficient = coefficient_;
  int scale = scale_;
  while (scale > 0 && coefficient % 10 == 0) {
    coefficient /= 10;
    --scale;
  }
  return Decimal(std::move(coefficient), scale);
}

Decimal::Outcome Decimal::FitTo(int precision, int scale, Decimal* out) const {
  assert(precision >= 1 && precision <= kMaxPrecision);
  assert(scale >= 0 && scale <= std::min(kMaxScale, precision));
  const Decimal rounded = RoundToScale(*this, scale, RoundMode::kHalfUp);
  if (rounded.IntegerDigits() > precision - scale) {
    *out = MakeDecimal(AllNines(precision, IsNegative()), scale);
    return Outcome::kOverflow;
  }
  *out = rounded;
  return Compare(rounded, *this) == 0 ? Outcome::kOk : Outcome::kRounded;
}

Decimal::Outcome Decimal::Add(const Decimal& a, const Decimal& b, Decimal* out) {
  const int scale = std::max(a.scale_, b.scale_);
  return StoreChecked(AlignTo(a, scale) + AlignTo(b, scale), scale, out);
}

Decimal::Outcome Decimal::Subtract(const Decimal& a, const Decimal& b, Decimal* out) {
  return Add(a, b.Negate(), out);
}

// A product beyond 30 fraction digits is rounded without a warning, as MySQL does.
Decimal::Outcome Decimal::Multiply(const Decimal& a, const Decimal& b, Decimal* out) {
  // (a product of 155 digits or more has 94 integer digits or more: past 81, and past what
  // Wide holds; a factor of at most 73 digits beside one of 81 makes no more than 154)
  const Wide& longest = Pow10(73);
  if (mp::abs(a.coefficient_) >= longest && mp::abs(b.coefficient_) >= longest &&
      CountDigits(a.coefficient_) + CountDigits(b.coefficient_) > 154) {
    *out = MakeDecimal(AllNines(kMaxPrecision, a.IsNegative() != b.IsNegative()), 0);
    return Outcome::kOverflow;
  }
  Wide product = Wide(a.coefficient_) * Wide(b.coefficient_);
  int scale = a.scale_ + b.scale_;
  if (scale > kMaxScale) {
    product = DropDigits(product, scale - kMaxScale, RoundMode::kHalfUp);
    scale = kMaxScale;
  }
  return StoreChecked(product, scale, out);
}

int Decimal::DivisionScale(const Decimal& a, const Decimal& b, int increment) {
  constexpr int kWord = 9;
  auto words = [](int digits) { return (digits + kWord - 1) / kWord * kWord; };
  const int scale_a = words(a.scale_);
  const int scale_b = words(b.scale_);
  const int extra = std::max(increment - (scale_a - a.scale_) - (scale_b - b.scale_), 0);
  return std::min(words(scale_a + scale_b + extra), kMaxScale);
}

Decimal::Outcome Decimal::Divide(const Decimal& a, const Decimal& b, int result_scale,
                                 Decimal* out, bool truncate) {
  result_scale = std::clamp(result_scale, 0, kMaxScale);
  if (b.IsZero()) {
    *out = Decimal(0, result_scale);
    return Outcome::kDivByZero;
  }
  // a / b * 10^result_scale = (ca * 10^(sb + result_scale)) / (cb * 10^sa).
  const int shift = b.scale_ + result_scale - a.scale_;
  const Wide dividend = mp::abs(Wide(a.coefficient_)) * Pow10(std::max(shift, 0));
  const Wide divisor = mp::abs(Wide(b.coefficient_)) * Pow10(std::max(-shift, 0));
  Wide quotient;
  Wide remainder;
  mp::divide_qr(dividend, divisor, quotient, remainder);
  if (!truncate && remainder * 2 >= divisor) quotient += 1;
  if (a.IsNegative() != b.IsNegative()) quotient = -quotient;
  return StoreChecked(quotient, result_scale, out);
}

Decimal::Outcome Decimal::Modulo(const Decimal& a, const Decimal& b, Decimal* out) {
  const int scale = std::max(a.scale_, b.scale_);
  if (b.IsZero()) {
    *out = Decimal(0, scale);
    return Outcome::kDivByZero;
  }
  const Wide dividend = mp::abs(AlignTo(a, scale));
  const Wide remainder = dividend % mp::abs(AlignTo(b, scale));
  return StoreChecked(a.IsNegative() ? Wide(-remainder) : remainder, scale, out);
}

Decimal::Outcome Decimal::IntegerDivide(const Decimal& a, const Decimal& b, Decimal* out) {
  if (b.IsZero()) {
    *out = Decimal();
    return Outcome::kDivByZero;
  }
  const int shift = b.scale_ - a.scale_;
  const Wide dividend = mp::abs(Wide(a.coefficient_)) * Pow10(std::max(shift, 0));
  const Wide divisor = mp::abs(Wide(b.coefficient_)) * Pow10(std::max(-shift, 0));
  Wide quotient = dividend / divisor;
  if (a.IsNegative() != b.IsNegative()) quotient = -quotient;
  return StoreChecked(quotient, 0, out);
}

int Decimal::Compare(const Decimal& a, const Decimal& b) {
  const int scale = std::max(a.scale_, b.scale_);
  const int order = AlignTo(a, scale).compare(AlignTo(b, scale));
  return order < 0 ? -1 : (order > 0 ? 1 : 0);
}

// Key layout: one header byte, then the significand's digits in base-100 pairs.
//   header: 0x80 for zero (the whole key); 0x80 + e for positives and 0x80 - e for
//           negatives, where e = integer digits + 30 (1..111, a stored value's 1..95; 0.05
//           has -1 integer digits).
//   pairs:  the digits from the first nonzero one, trailing zeros dropped, an odd count
//           padded with one 0; each pair p is the byte p (positive) or 0xFE - p (negative).
//   end:    negatives end in 0xFF, above every pair byte, so -1.5 sorts after -1.55.
std::string Decimal::EncodeKey() const {
  if (IsZero()) return std::string(1, static_cast<char>(kKeyZero));
  // Trailing zeros drop from the digits below; the exponent (integer digits) does not
  // depend on them, so the value needs no normalising first.
  std::string digits = MagnitudeDigits(coefficient_);
  const int exponent = static_cast<int>(digits.size()) - scale_;
  digits.erase(digits.find_last_not_of('0') + 1);
  if (digits.size() % 2 != 0) digits.push_back('0');
  const bool negative = IsNegative();
  std::string key(1, static_cast<char>(KeyHeader(negative, exponent)));
  for (size_t index = 0; index < digits.size(); index += 2) {
    const int pair = (digits[index] - '0') * 10 + (digits[index + 1] - '0');
    key.push_back(static_cast<char>(negative ? kKeyNegativePairBase - pair : pair));
  }
  if (negative) key.push_back(static_cast<char>(kKeyNegativeEnd));
  return key;
}

bool Decimal::DecodeKey(std::string_view key, Decimal* out) {
  if (key.empty()) return false;
  const auto header = static_cast<unsigned char>(key[0]);
  if (header == kKeyZero) {
    if (key.size() != 1) return false;
    *out = Decimal();
    return true;
  }
  const bool negative = header < kKeyZero;
  const int offset = negative ? kKeyZero - header : header - kKeyZero;
  if (offset < 1 || offset > kKeyMaxExponentOffset) return false;
  std::string_view body = key.substr(1);
  if (negative) {
    if (body.empty() || static_cast<unsigned char>(body.back()) != kKeyNegativeEnd) return false;
    body.remove_suffix(1);
  }
  std::string digits;
  if (!DecodeKeyPairs(body, negative, &digits)) return false;
  const int exponent = offset - kKeyExponentBias;
  const int digit_count = static_cast<int>(digits.size());
  const int scale = std::max(digit_count - exponent, 0);
  if (scale > kMaxScale || std::max(digit_count, exponent) > kMaxComputedDigits) return false;
  Wide value = DigitsToWide(digits) * Pow10(std::max(exponent - digit_count, 0));
  *out = MakeDecimal(negative ? Wide(-value) : value, scale);
  return true;
}

}  // namespace porpoise::types
