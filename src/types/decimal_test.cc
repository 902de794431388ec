// Tests for Decimal: parsing, formatting, MySQL's rounding and arithmetic rules, integer
// conversions and the order-preserving key encoding. (types/)
#include "types/decimal.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <ostream>
#include <random>
#include <string>
#include <vector>

namespace porpoise::types {

void PrintTo(Decimal::Outcome outcome, std::ostream* os) {
  static constexpr const char* kNames[] = {"kOk", "kRounded", "kOverflow", "kBadValue",
                                           "kDivByZero"};
  *os << kNames[static_cast<int>(outcome)];
}

void PrintTo(const Decimal& value, std::ostream* os) { *os << value.ToString(); }

namespace {

using Outcome = Decimal::Outcome;

// Parses text that must be an exact decimal.
Decimal Dec(std::string_view text) {
  Decimal value;
  EXPECT_EQ(Decimal::Parse(text, &value), Outcome::kOk) << text;
  return value;
}

std::string Nines(int count) { return std::string(static_cast<size_t>(count), '9'); }

// "1" followed by `zeros` zeros.
std::string PowerOfTen(int zeros) { return "1" + std::string(static_cast<size_t>(zeros), '0'); }

// An outcome with the result's text, so one EXPECT_EQ checks both.
struct OpResult {
  Outcome outcome;
  std::string text;
  bool operator==(const OpResult&) const = default;
};

void PrintTo(const OpResult& result, std::ostream* os) {
  PrintTo(result.outcome, os);
  *os << " " << result.text;
}

using BinaryOp = Outcome (*)(const Decimal&, const Decimal&, Decimal*);

OpResult Apply(BinaryOp op, std::string_view a, std::string_view b) {
  Decimal out;
  const Outcome outcome = op(Dec(a), Dec(b), &out);
  return {outcome, out.ToString()};
}

OpResult Divide(std::string_view a, std::string_view b, int scale) {
  Decimal out;
  const Outcome outcome = Decimal::Divide(Dec(a), Dec(b), scale, &out);
  return {outcome, out.ToString()};
}

OpResult ParseResult(std::string_view text) {
  Decimal out;
  const Outcome outcome = Decimal::Parse(text, &out);
  return {outcome, out.ToString()};
}

OpResult Fit(std::string_view text, int precision, int scale) {
  Decimal out;
  const Outcome outcome = Dec(text).FitTo(precision, scale, &out);
  return {outcome, out.ToString()};
}

size_t Consumed(std::string_view text) {
  Decimal out;
  size_t consumed = 12345;
  Decimal::Parse(text, &out, &consumed);
  return consumed;
}

int Sign(int value) { return (value > 0) - (value < 0); }

int KeyOrder(const std::string& a, const std::string& b) {
  const int order = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
  if (order != 0) return Sign(order);
  return Sign(static_cast<int>(a.size()) - static_cast<int>(b.size()));
}

std::string Bytes(std::initializer_list<int> bytes) {
  std::string key;
  for (int byte : bytes) key.push_back(static_cast<char>(byte));
  return key;
}

// ---- Parse ----

TEST(DecimalParseTest, PlainNumbers) {
  EXPECT_EQ(ParseResult("0"), (OpResult{Outcome::kOk, "0"}));
  EXPECT_EQ(ParseResult("12"), (OpResult{Outcome::kOk, "12"}));
  EXPECT_EQ(ParseResult("-12.50"), (OpResult{Outcome::kOk, "-12.50"}));
  EXPECT_EQ(ParseResult("+3.25"), (OpResult{Outcome::kOk, "3.25"}));
  EXPECT_EQ(ParseResult("0.001"), (OpResult{Outcome::kOk, "0.001"}));
  EXPECT_EQ(Dec("-12.50").scale(), 2);
  EXPECT_EQ(Dec("-12.50").coefficient(), -1250);
}

TEST(DecimalParseTest, LeadingSpacesSignAndExponent) {
  EXPECT_EQ(ParseResult("  -12.5e3"), (OpResult{Outcome::kOk, "-12500"}));
  EXPECT_EQ(Consumed("  -12.5e3"), 9u);
  EXPECT_EQ(ParseResult("\t\n 7"), (OpResult{Outcome::kOk, "7"}));
  EXPECT_EQ(ParseResult("1.5E+2"), (OpResult{Outcome::kOk, "150"}));
  EXPECT_EQ(ParseResult("1.5e-3"), (OpResult{Outcome::kOk, "0.0015"}));
  EXPECT_EQ(ParseResult("12e-1"), (OpResult{Outcome::kOk, "1.2"}));
  EXPECT_EQ(ParseResult("1.25e1"), (OpResult{Outcome::kOk, "12.5"}));
  EXPECT_EQ(ParseResult("-0.5e0"), (OpResult{Outcome::kOk, "-0.5"}));
}

TEST(DecimalParseTest, PointWithoutDigitsOnOneSide) {
  EXPECT_EQ(ParseResult(".5"), (OpResult{Outcome::kOk, "0.5"}));
  EXPECT_EQ(ParseResult("-.5"), (OpResult{Outcome::kOk, "-0.5"}));
  EXPECT_EQ(ParseResult("5."), (OpResult{Outcome::kOk, "5"}));
  EXPECT_EQ(Consumed("5."), 2u);
  EXPECT_EQ(Consumed(".5"), 2u);
  EXPECT_EQ(ParseResult("1.e2"), (OpResult{Outcome::kOk, "100"}));
}

TEST(DecimalParseTest, LeadingZerosDroppedTrailingZerosKeepScale) {
  EXPECT_EQ(ParseResult("00012.3400"), (OpResult{Outcome::kOk, "12.3400"}));
  EXPECT_EQ(Dec("00012.3400").scale(), 4);
  EXPECT_EQ(Dec("00012.3400").IntegerDigits(), 2);
  EXPECT_EQ(ParseResult("000"), (OpResult{Outcome::kOk, "0"}));
  EXPECT_EQ(ParseResult("0.000"), (OpResult{Outcome::kOk, "0.000"}));
  EXPECT_EQ(ParseResult("-0.00"), (OpResult{Outcome::kOk, "0.00"}));
  EXPECT_FALSE(Dec("-0.00").IsNegative());
  EXPECT_EQ(ParseResult("0" + Nines(65)), (OpResult{Outcome::kOk, Nines(65)}));
}

TEST(DecimalParseTest, StopsAtTrailingText) {
  EXPECT_EQ(ParseResult("12abc"), (OpResult{Outcome::kOk, "12"}));
  EXPECT_EQ(Consumed("12abc"), 2u);
  EXPECT_EQ(Consumed("1.2.3"), 3u);
  EXPECT_EQ(Consumed("1e5x"), 3u);
  EXPECT_EQ(Consumed("1e"), 1u);  // no exponent digits: the 'e' is not part of it
  EXPECT_EQ(Consumed("1e+"), 1u);
  EXPECT_EQ(Consumed("1e-x"), 1u);
  EXPECT_EQ(Consumed("  3 "), 3u);
  EXPECT_EQ(ParseResult("1e"), (OpResult{Outcome::kOk, "1"}));
}

TEST(DecimalParseTest, NonNumbersAreBadValues) {
  for (std::string_view text : {"abc", "", "-", "+", ".", "-.", "  ", "e5", ".e5", "--1", "- 1"}) {
    Decimal out = Dec("7.5");
    size_t consumed = 99;
    EXPECT_EQ(Decimal::Parse(text, &out, &consumed), Outcome::kBadValue) << text;
    EXPECT_EQ(consumed, 0u) << text;
    EXPECT_TRUE(out.IsZero()) << text;
  }
}

TEST(DecimalParseTest, MoreThanThirtyFractionDigitsRoundHalfUp) {
  EXPECT_EQ(ParseResult("1e-40"), (OpResult{Outcome::kRounded, "0." + std::string(30, '0')}));
  EXPECT_EQ(ParseResult("0." + std::string(29, '0') + "15"),
            (OpResult{Outcome::kRounded, "0." + std::string(29, '0') + "2"}));
  EXPECT_EQ(ParseResult("-0." + std::string(29, '0') + "15"),
            (OpResult{Outcome::kRounded, "-0." + std::string(29, '0') + "2"}));
  EXPECT_EQ(ParseResult("0." + std::string(30, '0') + "5"),
            (OpResult{Outcome::kRounded, "0." + std::string(29, '0') + "1"}));
  EXPECT_EQ(ParseResult("0." + std::string(30, '0') + "49999"),
            (OpResult{Outcome::kRounded, "0." + std::string(30, '0')}));
  EXPECT_EQ(ParseResult("-0." + std::string(30, '0') + "4"),
            (OpResult{Outcome::kRounded, "0." + std::string(30, '0')}));
  EXPECT_EQ(ParseResult("-0." + std::string(35, '0') + "9"),
            (OpResult{Outcome::kRounded, "0." + std::string(30, '0')}));
  // Only zeros dropped: the value is unchanged.
  EXPECT_EQ(ParseResult("0.5" + std::string(40, '0')),
            (OpResult{Outcome::kOk, "0.5" + std::string(29, '0')}));
  EXPECT_EQ(ParseResult("0e-50"), (OpResult{Outcome::kOk, "0." + std::string(30, '0')}));
}

TEST(DecimalParseTest, FractionShrinksToFitSixtyFiveDigits) {
  // 60 integer digits leave room for 5 fraction digits.
  const std::string integer = "1" + std::string(59, '2');
  EXPECT_EQ(ParseResult(integer + ".1234567"), (OpResult{Outcome::kRounded, integer + ".12346"}));
  // The carry reaches a 66th digit: one more fraction digit goes.
  EXPECT_EQ(ParseResult(Nines(64) + ".95"), (OpResult{Outcome::kRounded, PowerOfTen(64)}));
  EXPECT_EQ(ParseResult(Nines(65) + ".4"), (OpResult{Outcome::kRounded, Nines(65)}));
}

TEST(DecimalParseTest, WrittenIntegerDigitsCountTheExponent) {
  EXPECT_EQ(Decimal::WrittenIntegerDigits("1e400"), 401);
  EXPECT_EQ(Decimal::WrittenIntegerDigits(" -00123.45"), 3);
  EXPECT_EQ(Decimal::WrittenIntegerDigits("0.001e5"), 3);
  EXPECT_EQ(Decimal::WrittenIntegerDigits("0.001"), 0);
  EXPECT_EQ(Decimal::WrittenIntegerDigits("0"), 0);
  EXPECT_EQ(Decimal::WrittenIntegerDigits("abc"), 0);
}

TEST(DecimalParseTest, MoreThanSixtyFiveIntegerDigitsOverflow) {
  EXPECT_EQ(ParseResult(Nines(65)), (OpResult{Outcome::kOk, Nines(65)}));
  EXPECT_EQ(ParseResult(PowerOfTen(65)), (OpResult{Outcome::kOverflow, Nines(65)}));
  EXPECT_EQ(ParseResult("-" + PowerOfTen(70) + ".5"),
            (OpResult{Outcome::kOverflow, "-" + Nines(65)}));
  EXPECT_EQ(ParseResult(Nines(65) + ".5"), (OpResult{Outcome::kOverflow, Nines(65)}));
  EXPECT_EQ(ParseResult("1e64"), (OpResult{Outcome::kOk, PowerOfTen(64)}));
  EXPECT_EQ(ParseResult("1e65"), (OpResult{Outcome::kOverflow, Nines(65)}));
  EXPECT_EQ(ParseResult("-1e99999999999999999999"),
            (OpResult{Outcome::kOverflow, "-" + Nines(65)}));
  EXPECT_EQ(ParseResult("0e99999999999999999999"), (OpResult{Outcome::kOk, "0"}));
  EXPECT_EQ(ParseResult("1e-99999999999999999999"),
            (OpResult{Outcome::kRounded, "0." + std::string(30, '0')}));
}

TEST(DecimalParseTest, ConsumedMayBeNull) {
  Decimal out;
  EXPECT_EQ(Decimal::Parse("4.5", &out), Outcome::kOk);
  EXPECT_EQ(Decimal::Parse("x", &out, nullptr), Outcome::kBadValue);
}

// ---- Construction and formatting ----

TEST(DecimalFormatTest, ToStringUsesTheHeldScale) {
  EXPECT_EQ(Decimal().ToString(), "0");
  EXPECT_EQ(Decimal::FromParts(0, 2).ToString(), "0.00");
  EXPECT_EQ(Decimal::FromParts(-1250, 2).ToString(), "-12.50");
  EXPECT_EQ(Decimal::FromParts(1, 3).ToString(), "0.001");
  EXPECT_EQ(Decimal::FromParts(-5, 3).ToString(), "-0.005");
  EXPECT_EQ(Decimal::FromParts(123, 3).ToString(), "0.123");
  EXPECT_EQ(Decimal::FromParts(1, 30).ToString(), "0." + std::string(29, '0') + "1");
  EXPECT_EQ(Dec("-" + Nines(35) + "." + Nines(30)).ToString(), "-" + Nines(35) + "." + Nines(30));
}

TEST(DecimalFormatTest, ToStringWithScalePadsOrRounds) {
  EXPECT_EQ(Dec("1.5").ToString(3), "1.500");
  EXPECT_EQ(Dec("12").ToString(2), "12.00");
  EXPECT_EQ(Dec("12").ToString(0), "12");
  EXPECT_EQ(Dec("1.25").ToString(1), "1.3");
  EXPECT_EQ(Dec("-1.25").ToString(1), "-1.3");
  EXPECT_EQ(Dec("2.5").ToString(0), "3");
  EXPECT_EQ(Dec("-2.5").ToString(0), "-3");
  EXPECT_EQ(Dec("9.995").ToString(2), "10.00");
  EXPECT_EQ(Decimal::FromParts(0, 2).ToString(4), "0.0000");
  EXPECT_EQ(Dec("1.5").ToString(-1), "2");
  // A computed value pads no further than its nine words: 64 integer digits leave one word.
  Decimal wide;
  ASSERT_EQ(Decimal::Add(Dec(PowerOfTen(63)), Dec("0.5"), &wide), Outcome::kOk);
  EXPECT_EQ(wide.ToString(12), PowerOfTen(63) + ".500000000");
  EXPECT_EQ(Dec(Nines(55) + ".5").ToString(10), Nines(55) + ".5000000000");
}

TEST(DecimalFormatTest, NegativeZeroNeverPrintsMinus) {
  EXPECT_EQ(Dec("-0.004").ToString(2), "0.00");
  EXPECT_EQ(Dec("-0.4").Round(0).ToString(), "0");
  EXPECT_EQ(Dec("-0.5").Ceiling().ToString(), "0");
  EXPECT_EQ(Dec("-0.09").Truncate(1).ToString(), "0.0");
  EXPECT_EQ(Decimal().Negate().ToString(), "0");
  EXPECT_EQ(Dec("0.00").Negate().ToString(), "0.00");
  EXPECT_FALSE(Decimal().Negate().IsNegative());
}

TEST(DecimalConstructTest, FromIntegers) {
  EXPECT_EQ(Decimal::FromInt64(0).ToString(), "0");
  EXPECT_EQ(Decimal::FromInt64(-42).ToString(), "-42");
  EXPECT_EQ(Decimal::FromInt64(std::numeric_limits<int64_t>::max()).ToString(),
            "9223372036854775807");
  EXPECT_EQ(Decimal::FromInt64(std::numeric_limits<int64_t>::min()).ToString(),
            "-9223372036854775808");
  EXPECT_EQ(Decimal::FromUint64(std::numeric_limits<uint64_t>::max()).ToString(),
            "18446744073709551615");
  EXPECT_EQ(Decimal::FromInt64(-7).scale(), 0);
}

TEST(DecimalConstructTest, FromDoubleUsesShortestRoundTripDigits) {
  EXPECT_EQ(Decimal::FromDouble(0.1)->ToString(), "0.1");
  EXPECT_EQ(Decimal::FromDouble(1.5)->ToString(), "1.5");
  EXPECT_EQ(Decimal::FromDouble(-2.25)->ToString(), "-2.25");
  EXPECT_EQ(Decimal::FromDouble(0.1 + 0.2)->ToString(), "0.30000000000000004");
  EXPECT_EQ(Decimal::FromDouble(1e20)->ToString(), "100000000000000000000");
  EXPECT_EQ(Decimal::FromDouble(1e-5)->ToString(), "0.00001");
  EXPECT_EQ(Decimal::FromDouble(123456789.125)->ToString(), "123456789.125");
  EXPECT_EQ(Decimal::FromDouble(-0.0)->ToString(), "0");
  EXPECT_EQ(Decimal::FromDouble(100.0)->ToString(), "100");
  EXPECT_TRUE(Decimal::FromDouble(1e-40)->IsZero());
  EXPECT_EQ(Decimal::FromDouble(1e300)->ToString(), Nines(65));
}

TEST(DecimalConstructTest, FromDoubleRejectsInfAndNan) {
  EXPECT_FALSE(Decimal::FromDouble(std::numeric_limits<double>::infinity()).has_value());
  EXPECT_FALSE(Decimal::FromDouble(-std::numeric_limits<double>::infinity()).has_value());
  EXPECT_FALSE(Decimal::FromDouble(std::nan("")).has_value());
}

TEST(DecimalConstructTest, ToDouble) {
  EXPECT_EQ(Dec("0.1").ToDouble(), 0.1);
  EXPECT_EQ(Dec("-12.5").ToDouble(), -12.5);
  EXPECT_EQ(Decimal().ToDouble(), 0.0);
  EXPECT_EQ(Dec("0.30000000000000004").ToDouble(), 0.1 + 0.2);
  EXPECT_EQ(Dec(Nines(65)).ToDouble(), 1e65);
  EXPECT_EQ(Decimal::FromParts(1, 30).ToDouble(), 1e-30);
}

TEST(DecimalConstructTest, IntegerDigits) {
  EXPECT_EQ(Decimal().IntegerDigits(), 0);
  EXPECT_EQ(Dec("0.5").IntegerDigits(), 0);
  EXPECT_EQ(Dec("0.000").IntegerDigits(), 0);
  EXPECT_EQ(Dec("123.45").IntegerDigits(), 3);
  EXPECT_EQ(Dec("-1000").IntegerDigits(), 4);
  EXPECT_EQ(Dec("9.99").IntegerDigits(), 1);
  EXPECT_EQ(Dec(Nines(65)).IntegerDigits(), 65);
}

// ---- Integer conversions ----

TEST(DecimalIntegerTest, ToInt64RoundsHalfAwayFromZero) {
  int64_t out = 0;
  EXPECT_EQ(Dec("2.5").ToInt64(&out), Outcome::kOk);
  EXPECT_EQ(out, 3);
  EXPECT_EQ(Dec("-2.5").ToInt64(&out), Outcome::kOk);
  EXPECT_EQ(out, -3);
  EXPECT_EQ(Dec("-2.4").ToInt64(&out), Outcome::kOk);
  EXPECT_EQ(out, -2);
  EXPECT_EQ(Dec("0.49").ToInt64(&out), Outcome::kOk);
  EXPECT_EQ(out, 0);
}

TEST(DecimalIntegerTest, ToInt64Bounds) {
  int64_t out = 0;
  EXPECT_EQ(Dec("9223372036854775807").ToInt64(&out), Outcome::kOk);
  EXPECT_EQ(out, std::numeric_limits<int64_t>::max());
  EXPECT_EQ(Dec("9223372036854775807.4").ToInt64(&out), Outcome::kOk);
  EXPECT_EQ(out, std::numeric_limits<int64_t>::max());
  EXPECT_EQ(Dec("9223372036854775807.5").ToInt64(&out), Outcome::kOverflow);
  EXPECT_EQ(out, std::numeric_limits<int64_t>::max());
  EXPECT_EQ(Dec("-9223372036854775808").ToInt64(&out), Outcome::kOk);
  EXPECT_EQ(out, std::numeric_limits<int64_t>::min());
  EXPECT_EQ(Dec("-9223372036854775808.5").ToInt64(&out), Outcome::kOverflow);
  EXPECT_EQ(out, std::numeric_limits<int64_t>::min());
  EXPECT_EQ(Dec(Nines(65)).ToInt64(&out), Outcome::kOverflow);
  EXPECT_EQ(out, std::numeric_limits<int64_t>::max());
}

TEST(DecimalIntegerTest, ToUint64Bounds) {
  uint64_t out = 7;
  EXPECT_EQ(Dec("18446744073709551615").ToUint64(&out), Outcome::kOk);
  EXPECT_EQ(out, std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(Dec("18446744073709551614.5").ToUint64(&out), Outcome::kOk);
  EXPECT_EQ(out, std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(Dec("18446744073709551615.5").ToUint64(&out), Outcome::kOverflow);
  EXPECT_EQ(out, std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(Dec("2.5").ToUint64(&out), Outcome::kOk);
  EXPECT_EQ(out, 3u);
}

TEST(DecimalIntegerTest, ToUint64NegativesOverflowToZero) {
  uint64_t out = 7;
  EXPECT_EQ(Dec("-1").ToUint64(&out), Outcome::kOverflow);
  EXPECT_EQ(out, 0u);
  out = 7;
  EXPECT_EQ(Dec("-0.5").ToUint64(&out), Outcome::kOverflow);  // rounds to -1
  EXPECT_EQ(out, 0u);
  out = 7;
  EXPECT_EQ(Dec("-0.4").ToUint64(&out), Outcome::kOk);  // rounds to 0
  EXPECT_EQ(out, 0u);
}

// ---- Rounding family ----

TEST(DecimalRoundTest, HalfAwayFromZero) {
  EXPECT_EQ(Dec("2.5").Round(0).ToString(), "3");
  EXPECT_EQ(Dec("-2.5").Round(0).ToString(), "-3");
  EXPECT_EQ(Dec("0.5").Round(0).ToString(), "1");
  EXPECT_EQ(Dec("0.4").Round(0).ToString(), "0");
  EXPECT_EQ(Dec("1.2345").Round(2).ToString(), "1.23");
  EXPECT_EQ(Dec("1.235").Round(2).ToString(), "1.24");
  EXPECT_EQ(Dec("-1.235").Round(2).ToString(), "-1.24");
  EXPECT_EQ(Dec("9.99").Round(1).ToString(), "10.0");
  EXPECT_EQ(Dec("-9.99").Round(1).ToString(), "-10.0");
}

TEST(DecimalRoundTest, NegativeScaleRoundsToTens) {
  EXPECT_EQ(Dec("155").Round(-1).ToString(), "160");
  EXPECT_EQ(Dec("-155").Round(-1).ToString(), "-160");
  EXPECT_EQ(Dec("154.99").Round(-1).ToString(), "150");
  EXPECT_EQ(Dec("149").Round(-2).ToString(), "100");
  EXPECT_EQ(Dec("150").Round(-2).ToString(), "200");
  EXPECT_EQ(Dec("-150").Round(-2).ToString(), "-200");
  EXPECT_EQ(Dec("499").Round(-3).ToString(), "0");
  EXPECT_EQ(Dec("500.5").Round(-3).ToString(), "1000");
  EXPECT_EQ(Dec("123.456").Round(-100).ToString(), "0");
  EXPECT_EQ(Dec("155").Round(-1).scale(), 0);
}

TEST(DecimalRoundTest, LargerScalePadsWithZeros) {
  EXPECT_EQ(Dec("1.5").Round(5).ToString(), "1.50000");
  EXPECT_EQ(Dec("-7").Round(2).ToString(), "-7.00");
  EXPECT_EQ(Dec("1").Round(40).scale(), 30);  // at most 30 fraction digits
  // Padding stops at 65 digits in all.
  EXPECT_EQ(Dec(Nines(60)).Round(10).ToString(), Nines(60) + ".00000");
}

TEST(DecimalRoundTest, RoundingUpPastEightyOneDigitsClampsToTheBound) {
  // A computed value holds 81 digits: 65 nines round up to a 66th.
  EXPECT_EQ(Dec(Nines(65)).Round(-1).ToString(), PowerOfTen(65));
  EXPECT_EQ(Dec("-" + Nines(65)).Round(-1).ToString(), "-" + PowerOfTen(65));
  Decimal wide;
  ASSERT_EQ(Decimal::Multiply(Dec(Nines(41)), Dec(PowerOfTen(40)), &wide), Outcome::kOk);
  ASSERT_EQ(Decimal::Add(wide, Dec(Nines(40)), &wide), Outcome::kOk);  // 81 nines
  EXPECT_EQ(wide.Round(-1).ToString(), Nines(81));
  EXPECT_EQ(Dec(Nines(65)).Round(0).ToString(), Nines(65));
  EXPECT_EQ(Dec(Nines(64) + ".9").Round(0).ToString(), PowerOfTen(64));
  EXPECT_EQ(Dec(Nines(35) + "." + Nines(30)).Round(29).ToString(),
            "1" + std::string(35, '0') + "." + std::string(29, '0'));
}

TEST(DecimalRoundTest, Truncate) {
  EXPECT_EQ(Dec("1.58").Truncate(1).ToString(), "1.5");
  EXPECT_EQ(Dec("-1.58").Truncate(1).ToString(), "-1.5");
  EXPECT_EQ(Dec("1.58").Truncate(5).ToString(), "1.58000");
  EXPECT_EQ(Dec("1.999").Truncate(0).ToString(), "1");
  EXPECT_EQ(Dec("159").Truncate(-1).ToString(), "150");
  EXPECT_EQ(Dec("-159").Truncate(-1).ToString(), "-150");
  EXPECT_EQ(Dec("-159.9").Truncate(-2).ToString(), "-100");
  EXPECT_EQ(Dec("99").Truncate(-2).ToString(), "0");
  EXPECT_EQ(Dec(Nines(65)).Truncate(-1).ToString(), Nines(64) + "0");
}

TEST(DecimalRoundTest, FloorAndCeiling) {
  EXPECT_EQ(Dec("1.5").Floor().ToString(), "1");
  EXPECT_EQ(Dec("1.5").Ceiling().ToString(), "2");
  EXPECT_EQ(Dec("-1.5").Floor().ToString(), "-2");
  EXPECT_EQ(Dec("-1.5").Ceiling().ToString(), "-1");
  EXPECT_EQ(Dec("-0.5").Floor().ToString(), "-1");
  EXPECT_EQ(Dec("0.5").Floor().ToString(), "0");
  EXPECT_EQ(Dec("2.00").Floor().ToString(), "2");
  EXPECT_EQ(Dec("-2.00").Ceiling().ToString(), "-2");
  EXPECT_EQ(Dec("-2").Floor().ToString(), "-2");
  EXPECT_EQ(Dec("0.000000001").Ceiling().ToString(), "1");
  EXPECT_EQ(Dec(Nines(64) + ".1").Ceiling().ToString(), PowerOfTen(64));
  EXPECT_EQ(Dec("-" + Nines(64) + ".1").Floor().ToString(), "-" + PowerOfTen(64));
  EXPECT_EQ(Dec("7.25").Floor().scale(), 0);
}

TEST(DecimalRoundTest, NegateAbsNormalized) {
  EXPECT_EQ(Dec("1.50").Negate().ToString(), "-1.50");
  EXPECT_EQ(Dec("-1.50").Negate().ToString(), "1.50");
  EXPECT_EQ(Dec("-1.50").Abs().ToString(), "1.50");
  EXPECT_EQ(Dec("1.50").Abs().ToString(), "1.50");
  EXPECT_EQ(Dec("1.500").Normalized().ToString(), "1.5");
  EXPECT_EQ(Dec("-1.500").Normalized().scale(), 1);
  EXPECT_EQ(Dec("100").Normalized().ToString(), "100");
  EXPECT_EQ(Dec("100.00").Normalized().ToString(), "100");
  EXPECT_EQ(Dec("0.000").Normalized().ToString(), "0");
  EXPECT_EQ(Dec("0.000").Normalized().scale(), 0);
}

// ---- FitTo ----

TEST(DecimalFitTest, RoundsToTheColumnScale) {
  EXPECT_EQ(Fit("123.456", 5, 2), (OpResult{Outcome::kRounded, "123.46"}));
  EXPECT_EQ(Fit("-123.454", 5, 2), (OpResult{Outcome::kRounded, "-123.45"}));
  EXPECT_EQ(Fit("12.3", 5, 2), (OpResult{Outcome::kOk, "12.30"}));
  EXPECT_EQ(Fit("12.300", 5, 2), (OpResult{Outcome::kOk, "12.30"}));
  EXPECT_EQ(Fit("0.001", 5, 2), (OpResult{Outcome::kRounded, "0.00"}));
  EXPECT_EQ(Fit("-0.001", 5, 2), (OpResult{Outcome::kRounded, "0.00"}));
  EXPECT_EQ(Fit("0.5", 3, 3), (OpResult{Outcome::kOk, "0.500"}));
  EXPECT_EQ(Fit("2.5", 1, 0), (OpResult{Outcome::kRounded, "3"}));
}

TEST(DecimalFitTest, OverflowClampsToTheLargestOfTheShape) {
  EXPECT_EQ(Fit("1234.5", 5, 2), (OpResult{Outcome::kOverflow, "999.99"}));
  EXPECT_EQ(Fit("-1234.5", 5, 2), (OpResult{Outcome::kOverflow, "-999.99"}));
  EXPECT_EQ(Fit("999.995", 5, 2), (OpResult{Outcome::kOverflow, "999.99"}));
  EXPECT_EQ(Fit("999.994", 5, 2), (OpResult{Outcome::kRounded, "999.99"}));
  EXPECT_EQ(Fit("9.5", 1, 0), (OpResult{Outcome::kOverflow, "9"}));
  EXPECT_EQ(Fit("0.9995", 3, 3), (OpResult{Outcome::kOverflow, "0.999"}));
  EXPECT_EQ(Fit("1", 3, 3), (OpResult{Outcome::kOverflow, "0.999"}));
  EXPECT_EQ(Fit(Nines(60), 65, 10), (OpResult{Outcome::kOverflow, Nines(55) + "." + Nines(10)}));
}

TEST(DecimalFitTest, MaximumShapes) {
  EXPECT_EQ(Fit(Nines(65), 65, 0), (OpResult{Outcome::kOk, Nines(65)}));
  EXPECT_EQ(Fit(Nines(35), 65, 30),
            (OpResult{Outcome::kOk, Nines(35) + "." + std::string(30, '0')}));
  EXPECT_EQ(Fit("0." + Nines(30), 30, 30), (OpResult{Outcome::kOk, "0." + Nines(30)}));
  EXPECT_EQ(Fit("-" + Nines(36), 65, 30),
            (OpResult{Outcome::kOverflow, "-" + Nines(35) + "." + Nines(30)}));
}

// ---- Add and Subtract ----

TEST(DecimalAddTest, ScaleIsTheLargerScale) {
  EXPECT_EQ(Apply(&Decimal::Add, "1.5", "2.25"), (OpResult{Outcome::kOk, "3.75"}));
  EXPECT_EQ(Apply(&Decimal::Add, "1.0", "1.00"), (OpResult{Outcome::kOk, "2.00"}));
  EXPECT_EQ(Apply(&Decimal::Add, "1", "2"), (OpResult{Outcome::kOk, "3"}));
  EXPECT_EQ(Apply(&Decimal::Add, "0", "0.000"), (OpResult{Outcome::kOk, "0.000"}));
}

TEST(DecimalAddTest, SignsAndCarries) {
  EXPECT_EQ(Apply(&Decimal::Add, "-1.5", "2.25"), (OpResult{Outcome::kOk, "0.75"}));
  EXPECT_EQ(Apply(&Decimal::Add, "1.5", "-2.25"), (OpResult{Outcome::kOk, "-0.75"}));
  EXPECT_EQ(Apply(&Decimal::Add, "-1.5", "-2.25"), (OpResult{Outcome::kOk, "-3.75"}));
  EXPECT_EQ(Apply(&Decimal::Add, "1.5", "-1.5"), (OpResult{Outcome::kOk, "0.0"}));
  EXPECT_EQ(Apply(&Decimal::Add, "999.99", "0.01"), (OpResult{Outcome::kOk, "1000.00"}));
  EXPECT_EQ(Apply(&Decimal::Add, "-999.99", "-0.01"), (OpResult{Outcome::kOk, "-1000.00"}));
  EXPECT_EQ(Apply(&Decimal::Add, "1000", "-0.001"), (OpResult{Outcome::kOk, "999.999"}));
}

TEST(DecimalAddTest, EightyOneDigitsInNineWords) {
  EXPECT_EQ(Apply(&Decimal::Add, Nines(64), "1"), (OpResult{Outcome::kOk, PowerOfTen(64)}));
  EXPECT_EQ(Apply(&Decimal::Add, Nines(65), "-1"), (OpResult{Outcome::kOk, Nines(64) + "8"}));
  // A sum may pass 65 digits: MySQL computes in nine words of nine digits.
  EXPECT_EQ(Apply(&Decimal::Add, Nines(65), "1"), (OpResult{Outcome::kOk, PowerOfTen(65)}));
  EXPECT_EQ(Apply(&Decimal::Add, "-" + Nines(65), "-1"),
            (OpResult{Outcome::kOk, "-" + PowerOfTen(65)}));
  EXPECT_EQ(
      Apply(&Decimal::Add, Nines(35) + "." + Nines(30), "0." + std::string(29, '0') + "1"),
      (OpResult{Outcome::kOk, PowerOfTen(35) + "." + std::string(30, '0')}));
  // 64 integer digits take eight words: one is left for the fraction, cut to nine digits.
  EXPECT_EQ(Apply(&Decimal::Add, PowerOfTen(63), "0.1234567891" + std::string(19, '0') + "1"),
            (OpResult{Outcome::kOk, PowerOfTen(63) + ".123456789"}));
  Decimal wide;
  ASSERT_EQ(Decimal::Multiply(Dec(Nines(41)), Dec(PowerOfTen(40)), &wide), Outcome::kOk);
  EXPECT_EQ(Decimal::Add(wide, Dec(Nines(40)), &wide), Outcome::kOk);  // 81 nines
  EXPECT_EQ(wide.ToString(), Nines(81));
  EXPECT_EQ(Decimal::Add(wide, Dec("1"), &wide), Outcome::kOverflow);  // 82 digits
}

TEST(DecimalSubtractTest, SignsAndBorrows) {
  EXPECT_EQ(Apply(&Decimal::Subtract, "1", "1.25"), (OpResult{Outcome::kOk, "-0.25"}));
  EXPECT_EQ(Apply(&Decimal::Subtract, "-5", "-7"), (OpResult{Outcome::kOk, "2"}));
  EXPECT_EQ(Apply(&Decimal::Subtract, "-5", "7"), (OpResult{Outcome::kOk, "-12"}));
  EXPECT_EQ(Apply(&Decimal::Subtract, "1000.00", "0.01"), (OpResult{Outcome::kOk, "999.99"}));
  EXPECT_EQ(Apply(&Decimal::Subtract, "0", "0.00"), (OpResult{Outcome::kOk, "0.00"}));
  EXPECT_EQ(Apply(&Decimal::Subtract, "2.5", "2.50"), (OpResult{Outcome::kOk, "0.00"}));
  EXPECT_EQ(Apply(&Decimal::Subtract, "-" + Nines(65), "1"),
            (OpResult{Outcome::kOk, "-" + PowerOfTen(65)}));
  EXPECT_EQ(Apply(&Decimal::Subtract, "-" + Nines(65), "-1"),
            (OpResult{Outcome::kOk, "-" + Nines(64) + "8"}));
}

// ---- Multiply ----

TEST(DecimalMultiplyTest, ScaleIsTheSumOfScales) {
  EXPECT_EQ(Apply(&Decimal::Multiply, "1.5", "2.25"), (OpResult{Outcome::kOk, "3.375"}));
  EXPECT_EQ(Apply(&Decimal::Multiply, "-1.5", "2"), (OpResult{Outcome::kOk, "-3.0"}));
  EXPECT_EQ(Apply(&Decimal::Multiply, "-2", "-3"), (OpResult{Outcome::kOk, "6"}));
  EXPECT_EQ(Apply(&Decimal::Multiply, "0.10", "0.10"), (OpResult{Outcome::kOk, "0.0100"}));
  EXPECT_EQ(Apply(&Decimal::Multiply, "-0.5", "0"), (OpResult{Outcome::kOk, "0.0"}));
  EXPECT_EQ(
      Apply(&Decimal::Multiply, "12345678901234567890.123456789",
            "-98765432109876543210.987654321"),
      (OpResult{Outcome::kOk, "-1219326311370217952261850327336229233322.374638011112635269"}));
}

TEST(DecimalMultiplyTest, ScaleCappedAtThirtyRoundsHalfUp) {
  const std::string twenty = "0." + std::string(19, '0') + "1";   // 1e-20
  const std::string eleven = "0." + std::string(10, '0') + "5";   // 5e-11
  const std::string fifteen = "0." + std::string(14, '0') + "5";  // 5e-15
  EXPECT_EQ(Apply(&Decimal::Multiply, twenty, eleven),
            (OpResult{Outcome::kOk, "0." + std::string(29, '0') + "1"}));
  EXPECT_EQ(Apply(&Decimal::Multiply, "-" + twenty, eleven),
            (OpResult{Outcome::kOk, "-0." + std::string(29, '0') + "1"}));
  EXPECT_EQ(Apply(&Decimal::Multiply, twenty, fifteen),
            (OpResult{Outcome::kOk, "0." + std::string(30, '0')}));
  const std::string near_max = "99999." + Nines(30);
  EXPECT_EQ(Apply(&Decimal::Multiply, near_max, near_max),
            (OpResult{Outcome::kOk, "9999999999.999999999999999999999999800000"}));
}

TEST(DecimalMultiplyTest, EightyOneDigitsAndOverflow) {
  EXPECT_EQ(Apply(&Decimal::Multiply, PowerOfTen(32), PowerOfTen(32)),
            (OpResult{Outcome::kOk, PowerOfTen(64)}));
  EXPECT_EQ(Apply(&Decimal::Multiply, PowerOfTen(33), PowerOfTen(32)),
            (OpResult{Outcome::kOk, PowerOfTen(65)}));
  EXPECT_EQ(Apply(&Decimal::Multiply, PowerOfTen(40), PowerOfTen(40)),
            (OpResult{Outcome::kOk, PowerOfTen(80)}));
  EXPECT_EQ(Apply(&Decimal::Multiply, PowerOfTen(41), PowerOfTen(40)).outcome, Outcome::kOverflow);
  EXPECT_EQ(Apply(&Decimal::Multiply, Nines(65), Nines(65)).outcome, Outcome::kOverflow);
  // Products of the widest computed values overflow without wrapping the coefficient.
  Decimal wide;
  ASSERT_EQ(Decimal::Multiply(Dec(Nines(41)), Dec(PowerOfTen(40)), &wide), Outcome::kOk);
  ASSERT_EQ(Decimal::Add(wide, Dec(Nines(40)), &wide), Outcome::kOk);  // 81 nines
  Decimal product;
  EXPECT_EQ(Decimal::Multiply(wide, wide, &product), Outcome::kOverflow);
  EXPECT_EQ(Decimal::Multiply(wide, Dec("-" + Nines(65)), &product), Outcome::kOverflow);
  EXPECT_EQ(Decimal::Multiply(wide, Dec("0." + std::string(29, '0') + "1"), &product),
            Outcome::kOk);
  EXPECT_EQ(product.ToString(), Nines(51) + "." + Nines(27));  // six words and three
  EXPECT_EQ(Apply(&Decimal::Multiply, "-" + Nines(65), "1"),
            (OpResult{Outcome::kOk, "-" + Nines(65)}));
  EXPECT_EQ(Apply(&Decimal::Multiply, Nines(65), "-1.0"),
            (OpResult{Outcome::kOk, "-" + Nines(65) + ".0"}));
  EXPECT_EQ(Apply(&Decimal::Multiply, Nines(65), "0." + std::string(29, '0') + "1"),
            (OpResult{Outcome::kOk, Nines(35) + "." + Nines(30)}));
}

// ---- Divide ----

TEST(DecimalDivideTest, RoundsHalfUpToTheResultScale) {
  EXPECT_EQ(Divide("1", "3", 4), (OpResult{Outcome::kOk, "0.3333"}));
  EXPECT_EQ(Divide("2", "3", 4), (OpResult{Outcome::kOk, "0.6667"}));
  EXPECT_EQ(Divide("-2", "3", 4), (OpResult{Outcome::kOk, "-0.6667"}));
  EXPECT_EQ(Divide("2", "-3", 4), (OpResult{Outcome::kOk, "-0.6667"}));
  EXPECT_EQ(Divide("-2", "-3", 4), (OpResult{Outcome::kOk, "0.6667"}));
  EXPECT_EQ(Divide("1", "8", 2), (OpResult{Outcome::kOk, "0.13"}));
  EXPECT_EQ(Divide("-1", "8", 2), (OpResult{Outcome::kOk, "-0.13"}));
  EXPECT_EQ(Divide("1", "8", 3), (OpResult{Outcome::kOk, "0.125"}));
  EXPECT_EQ(Divide("7.5", "2.5", 4), (OpResult{Outcome::kOk, "3.0000"}));
  EXPECT_EQ(Divide("0", "5", 4), (OpResult{Outcome::kOk, "0.0000"}));
  EXPECT_EQ(Divide("-1", "3", 0), (OpResult{Outcome::kOk, "0"}));
  EXPECT_EQ(Divide("10", "4", 0), (OpResult{Outcome::kOk, "3"}));
}

TEST(DecimalDivideTest, LongScales) {
  const std::string one_scale_25 = "1." + std::string(25, '0');
  EXPECT_EQ(Divide(one_scale_25, "3", 29),
            (OpResult{Outcome::kOk, "0.33333333333333333333333333333"}));
  EXPECT_EQ(Divide("1", "7", 30), (OpResult{Outcome::kOk, "0.142857142857142857142857142857"}));
  EXPECT_EQ(Divide("-22", "7", 30), (OpResult{Outcome::kOk, "-3.142857142857142857142857142857"}));
  EXPECT_EQ(Divide("0." + Nines(30), "0." + std::string(29, '0') + "3", 30),
            (OpResult{Outcome::kOk, std::string(30, '3') + "." + std::string(30, '0')}));
  EXPECT_EQ(Divide("1", "3", 45).text, "0." + std::string(30, '3'));  // scale capped at 30
}

TEST(DecimalDivideTest, EightyOneDigitsAndOverflow) {
  EXPECT_EQ(Divide(Nines(65), "7", 0),
            (OpResult{Outcome::kOk,
                      "14285714285714285714285714285714285714285714285714285714285714286"}));
  EXPECT_EQ(
      Divide("1234567890123456789012345678901234567890123456789012345678901234.5", "0.5", 0),
      (OpResult{Outcome::kOk, "2469135780246913578024691357802469135780246913578024691357802469"}));
  EXPECT_EQ(Divide(PowerOfTen(64), "0.001", 0), (OpResult{Outcome::kOk, PowerOfTen(67)}));
  EXPECT_EQ(Divide(Nines(65), "0." + std::string(29, '0') + "1", 30).outcome, Outcome::kOverflow);
  EXPECT_EQ(Divide(Nines(60), "1", 5), (OpResult{Outcome::kOk, Nines(60) + ".00000"}));
  // 60 integer digits take seven words: two are left for the fraction.
  EXPECT_EQ(Divide(Nines(60), "1", 30),
            (OpResult{Outcome::kOk, Nines(60) + "." + std::string(18, '0')}));
}

TEST(DecimalDivideTest, ByZero) {
  EXPECT_EQ(Divide("1", "0", 4).outcome, Outcome::kDivByZero);
  EXPECT_TRUE(Dec(Divide("1", "0.000", 4).text).IsZero());
  EXPECT_EQ(Divide("0", "0", 4).outcome, Outcome::kDivByZero);
}

// ---- Modulo and integer division ----

TEST(DecimalModuloTest, SignFollowsTheDividend) {
  EXPECT_EQ(Apply(&Decimal::Modulo, "10.5", "3"), (OpResult{Outcome::kOk, "1.5"}));
  EXPECT_EQ(Apply(&Decimal::Modulo, "-7", "2"), (OpResult{Outcome::kOk, "-1"}));
  EXPECT_EQ(Apply(&Decimal::Modulo, "7", "-2"), (OpResult{Outcome::kOk, "1"}));
  EXPECT_EQ(Apply(&Decimal::Modulo, "-7.5", "-2"), (OpResult{Outcome::kOk, "-1.5"}));
  EXPECT_EQ(Apply(&Decimal::Modulo, "1", "0.3"), (OpResult{Outcome::kOk, "0.1"}));
  EXPECT_EQ(Apply(&Decimal::Modulo, "6", "3.00"), (OpResult{Outcome::kOk, "0.00"}));
  EXPECT_EQ(Apply(&Decimal::Modulo, "-6", "3"), (OpResult{Outcome::kOk, "0"}));
  EXPECT_EQ(Apply(&Decimal::Modulo, "2", "7"), (OpResult{Outcome::kOk, "2"}));
  EXPECT_EQ(Apply(&Decimal::Modulo, "1234567890123456789012345678901234.5678", "-987654321.123"),
            (OpResult{Outcome::kOk, "958355551.7328"}));
}

TEST(DecimalModuloTest, ExtremeScalesAndZero) {
  const std::string tiny = "0." + std::string(29, '0') + "3";
  EXPECT_EQ(Apply(&Decimal::Modulo, PowerOfTen(64), tiny),
            (OpResult{Outcome::kOk, "0." + std::string(29, '0') + "1"}));
  EXPECT_EQ(Apply(&Decimal::Modulo, tiny, Nines(65)), (OpResult{Outcome::kOk, tiny}));
  EXPECT_EQ(Apply(&Decimal::Modulo, "5", "0").outcome, Outcome::kDivByZero);
  EXPECT_EQ(Apply(&Decimal::Modulo, "5.5", "0.00"), (OpResult{Outcome::kDivByZero, "0.00"}));
}

TEST(DecimalIntegerDivideTest, TruncatesTowardZero) {
  EXPECT_EQ(Apply(&Decimal::IntegerDivide, "7", "2"), (OpResult{Outcome::kOk, "3"}));
  EXPECT_EQ(Apply(&Decimal::IntegerDivide, "-7", "2"), (OpResult{Outcome::kOk, "-3"}));
  EXPECT_EQ(Apply(&Decimal::IntegerDivide, "7", "-2"), (OpResult{Outcome::kOk, "-3"}));
  EXPECT_EQ(Apply(&Decimal::IntegerDivide, "-7", "-2"), (OpResult{Outcome::kOk, "3"}));
  EXPECT_EQ(Apply(&Decimal::IntegerDivide, "7.5", "0.5"), (OpResult{Outcome::kOk, "15"}));
  EXPECT_EQ(Apply(&Decimal::IntegerDivide, "0.9", "1"), (OpResult{Outcome::kOk, "0"}));
  EXPECT_EQ(Apply(&Decimal::IntegerDivide, "-0.9", "1"), (OpResult{Outcome::kOk, "0"}));
  EXPECT_EQ(Apply(&Decimal::IntegerDivide, "1", "0").outcome, Outcome::kDivByZero);
  EXPECT_EQ(Apply(&Decimal::IntegerDivide, PowerOfTen(64), "0.01"),
            (OpResult{Outcome::kOk, PowerOfTen(66)}));
  EXPECT_EQ(Apply(&Decimal::IntegerDivide, PowerOfTen(64), "1e-20").outcome, Outcome::kOverflow);
  EXPECT_EQ(Apply(&Decimal::IntegerDivide, Nines(65), "1"), (OpResult{Outcome::kOk, Nines(65)}));
}

// ---- Compare ----

TEST(DecimalCompareTest, IgnoresScale) {
  EXPECT_EQ(Decimal::Compare(Dec("1.5"), Dec("1.50")), 0);
  EXPECT_TRUE(Dec("1.5") == Dec("1.500"));
  EXPECT_EQ(Decimal::Compare(Dec("0"), Dec("0.000")), 0);
  EXPECT_EQ(Decimal::Compare(Dec("0"), Dec("-0.000")), 0);
  EXPECT_EQ(Decimal::Compare(Dec("100"), Dec("100.000")), 0);
  EXPECT_FALSE(Dec("1.5") == Dec("1.51"));
}

TEST(DecimalCompareTest, OrdersAcrossSignsAndScales) {
  EXPECT_EQ(Decimal::Compare(Dec("-1.5"), Dec("-1.25")), -1);
  EXPECT_EQ(Decimal::Compare(Dec("-1.25"), Dec("-1.5")), 1);
  EXPECT_EQ(Decimal::Compare(Dec("0.1"), Dec("1")), -1);
  EXPECT_EQ(Decimal::Compare(Dec("-0.1"), Dec("0")), -1);
  EXPECT_EQ(Decimal::Compare(Dec("2"), Dec("1.999999999999999999999999999999")), 1);
  EXPECT_EQ(Decimal::Compare(Dec(Nines(65)), Dec(Nines(35) + "." + Nines(30))), 1);
  EXPECT_EQ(Decimal::Compare(Dec("-" + Nines(65)), Dec("0." + std::string(29, '0') + "1")), -1);
  EXPECT_EQ(Decimal::Compare(Dec("0." + std::string(29, '0') + "1"), Decimal()), 1);
}

// ---- Keys ----

TEST(DecimalKeyTest, EqualValuesGiveIdenticalKeys) {
  EXPECT_EQ(Dec("1.5").EncodeKey(), Dec("1.50").EncodeKey());
  EXPECT_EQ(Dec("-1.5").EncodeKey(), Dec("-1.500").EncodeKey());
  EXPECT_EQ(Dec("0").EncodeKey(), Dec("0.0000").EncodeKey());
  EXPECT_EQ(Dec("0").EncodeKey(), Dec("-0.00").EncodeKey());
  EXPECT_EQ(Dec("100").EncodeKey(), Dec("100.0").EncodeKey());
  EXPECT_NE(Dec("100").EncodeKey(), Dec("10").EncodeKey());
  EXPECT_NE(Dec("1.5").EncodeKey(), Dec("-1.5").EncodeKey());
}

TEST(DecimalKeyTest, KnownLayout) {
  EXPECT_EQ(Decimal().EncodeKey(), Bytes({0x80}));
  EXPECT_EQ(Dec("1.5").EncodeKey(), Bytes({0x80 + 31, 15}));
  EXPECT_EQ(Dec("123").EncodeKey(), Bytes({0x80 + 33, 12, 30}));
  EXPECT_EQ(Dec("1500").EncodeKey(), Bytes({0x80 + 34, 15}));
  EXPECT_EQ(Dec("0.05").EncodeKey(), Bytes({0x80 + 29, 50}));
  EXPECT_EQ(Dec("-1.5").EncodeKey(), Bytes({0x80 - 31, 0xFE - 15, 0xFF}));
  EXPECT_EQ(Decimal::FromParts(1, 30).EncodeKey(), Bytes({0x81, 10}));
  EXPECT_EQ(Dec(Nines(65)).EncodeKey().size(), 34u);
}

TEST(DecimalKeyTest, KeysAreCompact) {
  EXPECT_LE(Dec("1234567890").EncodeKey().size(), 6u);
  EXPECT_LE(Dec("-1234567890").EncodeKey().size(), 7u);
  EXPECT_LE(Dec("12345.67").EncodeKey().size(), 5u);
  EXPECT_LE(Dec("-" + Nines(35) + "." + Nines(30)).EncodeKey().size(), 35u);
}

TEST(DecimalKeyTest, PrefixCasesOrderCorrectly) {
  const std::string tiny = "0." + std::string(29, '0') + "1";
  const std::string nines = Nines(65);
  const std::vector<std::string> ascending = {
      "-" + nines, "-100", "-1.55", "-1.5", "-1.05", "-1",  "-0.5", "-0.05", "-" + tiny, "0",
      tiny,        "0.05", "0.5",   "1",    "1.05",  "1.5", "1.55", "100",   nines};
  for (size_t index = 0; index + 1 < ascending.size(); ++index) {
    EXPECT_EQ(KeyOrder(Dec(ascending[index]).EncodeKey(), Dec(ascending[index + 1]).EncodeKey()),
              -1)
        << ascending[index] << " < " << ascending[index + 1];
  }
}

TEST(DecimalKeyTest, DecodeRoundTripsToTheNormalizedValue) {
  for (std::string_view text : {"0", "1.500", "-1.500", "1500", "-0.05", "123.456", "1e64"}) {
    const Decimal value = Dec(text);
    Decimal decoded = Dec("42");
    ASSERT_TRUE(Decimal::DecodeKey(value.EncodeKey(), &decoded)) << text;
    EXPECT_EQ(decoded.ToString(), value.Normalized().ToString()) << text;
  }
}

TEST(DecimalKeyTest, DecodeRejectsMalformedKeys) {
  const std::vector<std::string> malformed = {
      "",
      Bytes({0x80, 0x00}),     // zero with a body
      Bytes({0x81 + 31}),      // positive without digits
      Bytes({0x80 + 112, 15}),  // exponent beyond 81 digits
      Bytes({0x80 - 112, 0xFE - 15, 0xFF}),
      Bytes({0x00}),
      Bytes({0xFF, 0x01}),
      Bytes({0x80 + 31, 100}),        // not a base-100 pair
      Bytes({0x80 + 31, 5}),          // leading zero digit
      Bytes({0x80 + 31, 15, 0}),      // trailing zero pair
      Bytes({0x80 - 31, 0xFE - 15}),  // negative without its end byte
      Bytes({0x80 - 31, 0xFF}),       // negative without digits
      Bytes({0x80 - 31, 0xFE - 15, 0xFF, 0xFF}),
      Bytes({0x80 - 31, 0x10, 0xFF}),  // not a negative pair
      Bytes({0x80 + 1, 12}),           // 1.2e-30: 31 fraction digits
      // 1.0101...: 33 fraction digits.
      Bytes({0x80 + 31, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 11}),
  };
  for (const std::string& key : malformed) {
    Decimal out;
    EXPECT_FALSE(Decimal::DecodeKey(key, &out)) << testing::PrintToString(key);
  }
}

TEST(DecimalKeyTest, DecodeRejectsMoreThanEightyOneDigits) {
  std::string key = Bytes({0x80 + 30 + 60});  // 60 integer digits
  for (int pair = 0; pair < 41; ++pair) key.push_back(11);
  Decimal out;
  EXPECT_FALSE(Decimal::DecodeKey(key, &out));  // 82 digits
  key.back() = 10;  // the last digit is now a pad: 81 digits, 21 of them fraction digits
  ASSERT_TRUE(Decimal::DecodeKey(key, &out));
  EXPECT_EQ(out.scale(), 21);
  EXPECT_EQ(out.EncodeKey(), key);
}

// ---- Randomized key properties ----

// Random decimals with mixed signs, scales and magnitudes, many of them near neighbours of
// earlier ones (prefixes, one more digit, one unit apart, the same value at another scale).
class RandomDecimals {
 public:
  explicit RandomDecimals(uint64_t seed) : random_(seed) {}

  Decimal Next() {
    if (!made_.empty() && Pick(3) == 0) return Remember(Neighbour(made_[Pick(made_.size())]));
    if (Pick(20) == 0) return Remember(Decimal::FromParts(0, static_cast<int>(Pick(31))));
    return Remember(Fresh());
  }

 private:
  size_t Pick(size_t bound) { return static_cast<size_t>(random_() % bound); }

  Decimal Remember(const Decimal& value) {
    made_.push_back(value);
    return value;
  }

  Decimal Fresh() {
    const int digit_count = 1 + static_cast<int>(Pick(65));
    const int scale = static_cast<int>(Pick(31));
    std::vector<int> digits;
    for (int index = 0; index < digit_count; ++index) digits.push_back(static_cast<int>(Pick(10)));
    if (Pick(4) == 0) {  // trailing zeros
      std::fill(digits.end() - static_cast<long>(Pick(digits.size())), digits.end(), 0);
    }
    DecimalCoefficient coefficient = 0;
    for (int digit : digits) coefficient = coefficient * 10 + digit;
    return Decimal::FromParts(Pick(2) == 0 ? DecimalCoefficient(-coefficient) : coefficient, scale);
  }

  Decimal Neighbour(const Decimal& base) {
    Decimal out = base;
    const Decimal unit = Decimal::FromParts(1, base.scale());
    switch (Pick(6)) {
      case 0:
        Decimal::Add(base, unit, &out);
        break;
      case 1:
        Decimal::Subtract(base, unit, &out);
        break;
      case 2:
        out = base.Truncate(base.scale() - 1 - static_cast<int>(Pick(3)));
        break;
      case 3:
        out = base.Round(base.scale() + 1 + static_cast<int>(Pick(3)));
        break;
      case 4:
        out = base.Negate();
        break;
      default: {
        Decimal extra =
            Decimal::FromParts(static_cast<int>(1 + Pick(9)), std::min(base.scale() + 1, 30));
        if (base.IsNegative()) extra = extra.Negate();
        if (Decimal::Add(base, extra, &out) != Outcome::kOk) out = base;
      }
    }
    return out;
  }

  std::mt19937_64 random_;
  std::vector<Decimal> made_;
};

TEST(DecimalKeyPropertyTest, MemcmpOrderIsNumericOrder) {
  RandomDecimals source(20240601);
  std::vector<Decimal> values;
  for (int index = 0; index < 6000; ++index) values.push_back(source.Next());
  std::vector<std::string> keys;
  for (const Decimal& value : values) keys.push_back(value.EncodeKey());
  std::mt19937_64 random(7);
  for (int trial = 0; trial < 30000; ++trial) {
    const size_t left = random() % values.size();
    const size_t right = random() % values.size();
    ASSERT_EQ(KeyOrder(keys[left], keys[right]), Decimal::Compare(values[left], values[right]))
        << values[left].ToString() << " vs " << values[right].ToString();
  }
  std::vector<size_t> order(values.size());
  for (size_t index = 0; index < order.size(); ++index) order[index] = index;
  std::sort(order.begin(), order.end(), [&](size_t left, size_t right) {
    return Decimal::Compare(values[left], values[right]) < 0;
  });
  // Neighbours in numeric order: with both orders transitive, this checks every pair.
  for (size_t index = 0; index + 1 < order.size(); ++index) {
    const size_t left = order[index];
    const size_t right = order[index + 1];
    ASSERT_EQ(KeyOrder(keys[left], keys[right]), Decimal::Compare(values[left], values[right]))
        << values[left].ToString() << " vs " << values[right].ToString();
  }
}

TEST(DecimalKeyPropertyTest, DecodeKeyRoundTrips) {
  RandomDecimals source(99);
  for (int index = 0; index < 5000; ++index) {
    const Decimal value = source.Next();
    const std::string key = value.EncodeKey();
    ASSERT_LE(key.size(), 35u);
    Decimal decoded;
    ASSERT_TRUE(Decimal::DecodeKey(key, &decoded)) << value.ToString();
    const Decimal normal = value.Normalized();
    ASSERT_EQ(decoded.coefficient(), normal.coefficient()) << value.ToString();
    ASSERT_EQ(decoded.scale(), normal.scale()) << value.ToString();
    ASSERT_EQ(decoded.EncodeKey(), key);
  }
}

// Whatever DecodeKey accepts is canonical: encoding it again gives the same bytes.
TEST(DecimalKeyPropertyTest, DecodeAcceptsOnlyCanonicalKeys) {
  RandomDecimals source(5);
  std::mt19937_64 random(11);
  int accepted = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    std::string key = source.Next().EncodeKey();
    const size_t position = random() % (key.size() + 1);
    switch (random() % 3) {
      case 0:
        key.resize(position);
        break;
      case 1:
        if (position < key.size()) key[position] = static_cast<char>(random());
        break;
      default:
        key.insert(position, 1, static_cast<char>(random()));
        break;
    }
    Decimal decoded;
    if (!Decimal::DecodeKey(key, &decoded)) continue;
    ++accepted;
    ASSERT_EQ(decoded.EncodeKey(), key) << testing::PrintToString(key);
  }
  EXPECT_GT(accepted, 1000);
}

}  // namespace
}  // namespace porpoise::types

namespace porpoise::types {
namespace {

// MySQL computes a quotient to whole 9-digit words of fraction and cuts it there.
TEST(DecimalDivisionScaleTest, WholeWordsOfFraction) {
  EXPECT_EQ(Decimal::DivisionScale(Dec("1"), Dec("3"), 4), 9);
  EXPECT_EQ(Decimal::DivisionScale(Dec("1.5"), Dec("7"), 4), 9);  // 1.5's word has 8 to spare
  EXPECT_EQ(Decimal::DivisionScale(Dec("0.5"), Dec("0.25"), 4), 18);
  EXPECT_EQ(Decimal::DivisionScale(Dec("1.5"), Dec("7"), 30), 30);  // capped at DECIMAL's 30
  Decimal third;
  ASSERT_EQ(Decimal::Divide(Dec("2"), Dec("3"), 9, &third, /*truncate=*/true), Outcome::kOk);
  EXPECT_EQ(third.ToString(), "0.666666666");
  EXPECT_EQ(third.ToString(4), "0.6667");  // shown rounded to the declared scale
}

}  // namespace
}  // namespace porpoise::types
