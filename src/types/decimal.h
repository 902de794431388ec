// Decimal: MySQL's exact DECIMAL value (a column holds up to 65 digits; a computed value up
// to 81, as MySQL's nine 9-digit words; scale up to 30) with MySQL's rounding, arithmetic
// precision rules and an order-preserving key encoding for SQLite. The coefficient is a
// fixed-width 512-bit integer (Boost.Multiprecision); nothing here ever goes through double
// except ToDouble/FromDouble. (types/)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/multiprecision/cpp_int.hpp>

namespace porpoise::types {

// The coefficient type: |coefficient| < 10^kMaxComputedDigits always holds.
using DecimalCoefficient = boost::multiprecision::int512_t;

class Decimal {
 public:
  static constexpr int kMaxPrecision = 65;  // digits, MySQL's DECIMAL_MAX_PRECISION
  static constexpr int kMaxScale = 30;      // MySQL's DECIMAL_MAX_SCALE
  // What arithmetic may compute before a value is stored: nine words of nine digits, the
  // integer part's words and the fraction's together (MySQL's my_decimal buffer; a result
  // whose words do not fit loses fraction words, one whose integer part does not overflows).
  static constexpr int kMaxComputedDigits = 81;

  // What a conversion or operation did, in order of severity.
  enum class Outcome : uint8_t {
    kOk,         // exact
    kRounded,    // digits beyond the target scale were rounded away (MySQL: note 1265)
    kOverflow,   // the value does not fit: the result is clamped to the largest value of
                 // the requested shape (MySQL: 1264 / 1690)
    kBadValue,   // not a number at all (parse)
    kDivByZero,  // division or modulo by zero (the result is zero; callers give NULL)
  };

  Decimal() = default;  // 0 with scale 0
  static Decimal FromInt64(int64_t value);
  static Decimal FromUint64(uint64_t value);
  // Exact value of the double rounded to at most 17 significant digits, as MySQL converts
  // a DOUBLE to DECIMAL; nullopt for inf/nan. The scale is what the digits need (<= 30).
  static std::optional<Decimal> FromDouble(double value);
  // REQUIRES: |coefficient| < 10^81, 0 <= scale <= 30.
  static Decimal FromParts(DecimalCoefficient coefficient, int scale);
  // The computed value coefficient / 10^scale as arithmetic keeps it: fraction digits cut to
  // the words left beside the integer part's (kMaxComputedDigits); kOverflow (and the largest
  // 65-digit value at `scale`, sign kept) when the integer part alone needs more than nine
  // words. REQUIRES: 0 <= scale <= 30.
  static Outcome FromComputed(const DecimalCoefficient& coefficient, int scale, Decimal* out);

  // Parses MySQL number text: optional leading spaces, sign, digits, optional '.' fraction,
  // optional exponent ("1.5e3"). `consumed` (if not null) receives how many bytes formed the
  // number; text after it is the caller's business (MySQL warns 1292/1265 for it). More
  // than 30 fraction digits are rounded half up (kRounded); more than 65 integer digits give
  // kOverflow with the largest 65-digit value. No digits at all give kBadValue and 0.
  static Outcome Parse(std::string_view text, Decimal* out, size_t* consumed = nullptr);
  // The integer digits of the number `text` starts with, its exponent counted ('1e400' has
  // 401); 0 for zero, a value below 1, or text that starts with no number.
  static int64_t WrittenIntegerDigits(std::string_view text);

  const DecimalCoefficient& coefficient() const { return coefficient_; }
  int scale() const { return scale_; }  // digits after the point as held (0..30)
  bool IsZero() const { return coefficient_ == 0; }
  bool IsNegative() const { return coefficient_ < 0; }
  // Digits before the point (0 for |x| < 1), as MySQL counts them for DECIMAL(M,D) checks.
  int IntegerDigits() const;

  // Text with exactly scale() fraction digits: "-12.50", "0.001", "0".
  std::string ToString() const;
  // Text rounded half up (away from zero) or zero-padded to `scale` fraction digits (padded
  // no further than the words a computed value leaves its fraction, as MySQL's rounding
  // pads within its nine words: 10^63 shows at most nine fraction digits).
  std::string ToString(int scale) const;
  double ToDouble() const;
  // Rounded half away from zero to an integer; kOverflow (and the clamped bound) outside
  // the range.
  Outcome ToInt64(int64_t* out) const;
  Outcome ToUint64(uint64_t* out) const;  // negative values: kOverflow and 0

  // Rounds half away from zero (MySQL's ROUND for exact values) to `scale` digits; a
  // negative scale rounds to tens, hundreds, ... (ROUND(155, -1) = 160). The result's
  // scale is max(scale, 0).
  Decimal Round(int scale) const;
  // Drops digits beyond `scale` (TRUNCATE); negative scale as in Round.
  Decimal Truncate(int scale) const;
  Decimal Floor() const;    // scale 0
  Decimal Ceiling() const;  // scale 0
  Decimal Negate() const;
  Decimal Abs() const;
  // The same value with trailing fraction zeros removed (scale lowered).
  Decimal Normalized() const;

  // Fits the value into DECIMAL(precision, scale): rounds half up to `scale` (kRounded when
  // that changed the value) and checks integer digits <= precision - scale (kOverflow with
  // the largest value of that shape, sign kept, e.g. 999.99 for DECIMAL(5,2)).
  // REQUIRES: 1 <= precision <= 65, 0 <= scale <= min(30, precision).
  Outcome FitTo(int precision, int scale, Decimal* out) const;

  // Exact arithmetic. The result scale is max(a, b) for + and -, a+b capped at 30 for *
  // (rounded half up when capped), kept as FromComputed keeps it: kOverflow when the
  // integer part needs more than 81 digits (the result is then unspecified).
  static Outcome Add(const Decimal& a, const Decimal& b, Decimal* out);
  static Outcome Subtract(const Decimal& a, const Decimal& b, Decimal* out);
  static Outcome Multiply(const Decimal& a, const Decimal& b, Decimal* out);
  // a / b rounded half up (or, with `truncate`, cut) to `result_scale` fraction digits,
  // at most 30 (fewer where FromComputed keeps fewer). kDivByZero when b is zero.
  static Outcome Divide(const Decimal& a, const Decimal& b, int result_scale, Decimal* out,
                        bool truncate = false);
  // The fraction digits MySQL's division computes a / b to before anything rounds it: the
  // operands' scales and div_precision_increment `increment`, each counted in whole 9-digit
  // words, at most 30 here. (1/3 is 0.333333333, so 1/3*3 shows as 1.0000.)
  static int DivisionScale(const Decimal& a, const Decimal& b, int increment);
  // MySQL's MOD / %: the sign follows a; scale max(a, b). kDivByZero when b is zero.
  static Outcome Modulo(const Decimal& a, const Decimal& b, Decimal* out);
  // DIV: a / b truncated toward zero, as a Decimal of scale 0.
  static Outcome IntegerDivide(const Decimal& a, const Decimal& b, Decimal* out);

  // Numeric comparison, ignoring scale: 1.50 == 1.5. Returns <0, 0, >0.
  static int Compare(const Decimal& a, const Decimal& b);
  friend bool operator==(const Decimal& a, const Decimal& b) { return Compare(a, b) == 0; }

  // Order-preserving binary key: memcmp order of keys is numeric order, equal values (any
  // scale) give identical keys, and DecodeKey(EncodeKey(x)) is numerically equal to x with
  // trailing fraction zeros removed. Used as the SQLite storage and in-flight form of
  // DECIMAL (a BLOB), so SQLite's own =, <, ORDER BY, GROUP BY, DISTINCT, MIN/MAX and indexes
  // are correct on it. The format is on disk: never change it without a datadir format bump.
  std::string EncodeKey() const;
  // False on malformed input (never reads outside `key`).
  static bool DecodeKey(std::string_view key, Decimal* out);

 private:
  Decimal(DecimalCoefficient coefficient, int scale)
      : coefficient_(std::move(coefficient)), scale_(scale) {}

  DecimalCoefficient coefficient_ = 0;  // value = coefficient_ / 10^scale_
  int scale_ = 0;
};

}  // namespace porpoise::types
