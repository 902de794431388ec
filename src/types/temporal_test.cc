#include "types/temporal.h"

#include <gtest/gtest.h>

namespace porpoise::types {
namespace {

using Kind = Temporal::Kind;

// The text `parse` reads, in its canonical form with `fsp` digits (none for a DATE), or "bad".
std::string Read(TemporalOutcome (*parse)(std::string_view, Temporal*), std::string_view text,
                 uint32_t fsp, TemporalOutcome* outcome) {
  Temporal value;
  TemporalOutcome result = parse(text, &value);
  if (outcome != nullptr) *outcome = result;
  if (result == TemporalOutcome::kBad) return "bad";
  RoundFraction(&value, fsp);
  return Format(value, value.kind == Kind::kDate ? 0 : fsp);
}

std::string DateTime(std::string_view text, uint32_t fsp = 6, TemporalOutcome* outcome = nullptr) {
  return Read([](std::string_view date, Temporal* value) { return ParseDateTime(date, value); },
              text, fsp, outcome);
}

std::string Time(std::string_view text, uint32_t fsp = 0, TemporalOutcome* outcome = nullptr) {
  return Read(ParseTime, text, fsp, outcome);
}

TEST(TemporalTest, ReadsDelimitedAndDigitForms) {
  EXPECT_EQ(DateTime("2024-02-29"), "2024-02-29");
  EXPECT_EQ(DateTime("2024-2-3"), "2024-02-03");
  EXPECT_EQ(DateTime("2024/02/29 12.34.56", 0), "2024-02-29 12:34:56");
  EXPECT_EQ(DateTime("2024-02-29T12:34:56.789", 3), "2024-02-29 12:34:56.789");
  EXPECT_EQ(DateTime("20240229"), "2024-02-29");
  EXPECT_EQ(DateTime("240229"), "2024-02-29");
  EXPECT_EQ(DateTime("991231"), "1999-12-31");
  EXPECT_EQ(DateTime("20240229123456.5", 1), "2024-02-29 12:34:56.5");
  EXPECT_EQ(DateTime("  24-1-1"), "2024-01-01");
  EXPECT_EQ(DateTime("1-2-3"), "0001-02-03");  // one digit is no two-digit year
  EXPECT_EQ(DateTime("123-2-3"), "0123-02-03");
  EXPECT_EQ(DateTime("0000-00-00"), "0000-00-00");
}

TEST(TemporalTest, ReadsDigitsInFixedWidths) {
  TemporalOutcome outcome;
  EXPECT_EQ(DateTime("11111"), "2011-11-01");  // the last part may be short
  EXPECT_EQ(DateTime("2402291", 0), "2024-02-29 01:00:00");
  EXPECT_EQ(DateTime("2402291230", 0), "2024-02-29 12:30:00");
  EXPECT_EQ(DateTime("2024022912345678", 0, &outcome), "2024-02-29 12:34:56");
  EXPECT_EQ(outcome, TemporalOutcome::kTruncated);  // digits past the seconds are cut away
  EXPECT_EQ(DateTime("1111111111111", 0, &outcome), "2011-11-11 11:11:11");
  EXPECT_EQ(outcome, TemporalOutcome::kTruncated);
  EXPECT_EQ(DateTime("20240229.5", 0), "2024-02-29 05:00:00");  // a '.' before the seconds parts
  EXPECT_EQ(DateTime("2024"), "bad");  // fewer than three parts
  EXPECT_EQ(DateTime("2024022"), "bad");  // 20-24-02 2: no month 24
}

TEST(TemporalTest, ReadsPartsOfAnyLengthAndPunctuation) {
  TemporalOutcome outcome;
  EXPECT_EQ(DateTime("2024-002-029"), "2024-02-29");
  EXPECT_EQ(DateTime("02024-1-1"), "2024-01-01");
  EXPECT_EQ(DateTime("2024-02-29.10.20.30", 0), "2024-02-29 10:20:30");
  EXPECT_EQ(DateTime("2024-02-29 10:00!", 0, &outcome), "2024-02-29 10:00:00");
  EXPECT_EQ(outcome, TemporalOutcome::kOk);  // punctuation after a part is passed over
  EXPECT_EQ(DateTime("2024-02-29 10:00:00!", 0, &outcome), "2024-02-29 10:00:00");
  EXPECT_EQ(outcome, TemporalOutcome::kTruncated);  // but not after the seconds
  EXPECT_EQ(DateTime("2024-02-29x", 0, &outcome), "2024-02-29");
  EXPECT_EQ(outcome, TemporalOutcome::kTruncated);
  EXPECT_EQ(DateTime("2024- 02-29"), "bad");  // a space only after the day
  EXPECT_EQ(DateTime("1234567-01-01"), "bad");  // no part past 999999
  Temporal value;
  EXPECT_EQ(ParseDateTimeOnly("10:00:00.5", &value), TemporalOutcome::kBad);
  EXPECT_EQ(ParseDateTimeOnly("2024-02-29 10:00:00", &value), TemporalOutcome::kOk);
  EXPECT_EQ(ParseDateTimeOnly("2024-02-29T10:00:00", &value), TemporalOutcome::kOk);
}

TEST(TemporalTest, StringTimesAreDatetimesOnlyWhenLong) {
  auto text = [](std::string_view value, TemporalOutcome* outcome = nullptr) {
    return Read(ParseTimeText, value, 6, outcome);
  };
  TemporalOutcome outcome{};
  EXPECT_EQ(text("2024-02-09", &outcome), "00:20:24.000000");  // 2024 seconds-and-minutes
  EXPECT_EQ(outcome, TemporalOutcome::kTruncated);
  EXPECT_EQ(text("99-12-31"), "bad");  // 99 seconds
  EXPECT_EQ(text("2024-02-09 10:11", &outcome), "2024-02-09 10:11:00.000000");
  EXPECT_EQ(outcome, TemporalOutcome::kOk);
  EXPECT_EQ(text("20240209101112"), "2024-02-09 10:11:12.000000");
  EXPECT_EQ(text("2024-13-45 10:11:12"), "bad");  // a datetime's text, and no datetime
  EXPECT_EQ(text("12:34:56.123456"), "12:34:56.123456");
  EXPECT_EQ(text("1 10:11:12.5"), "34:11:12.500000");
  // The stored-value reader takes a date's text as its midnight.
  EXPECT_EQ(Time("2024-02-09"), "00:00:00");
}

TEST(TemporalTest, RejectsDatesThatDoNotExist) {
  EXPECT_EQ(DateTime("2023-02-29"), "bad");
  EXPECT_EQ(DateTime("2024-13-01"), "bad");
  EXPECT_EQ(DateTime("2024-01-01 24:00:00"), "bad");
  EXPECT_EQ(DateTime("abc"), "bad");
  EXPECT_EQ(DateTime("2024"), "bad");
}

// sql_mode's date checks: by default the zero date passes, zero parts and impossible days
// do not; each check lets its own kind of date through and no other.
TEST(TemporalTest, DateChecksDecideZeroAndImpossibleDates) {
  Temporal value;
  EXPECT_EQ(ParseDateTime("0000-00-00", &value), TemporalOutcome::kOk);
  EXPECT_EQ(ParseDateTime("0000-00-00", &value, {false, true, true}), TemporalOutcome::kBad);
  EXPECT_EQ(ParseDateTime("2024-00-10", &value), TemporalOutcome::kBad);
  EXPECT_EQ(ParseDateTime("2024-00-10", &value, {false, true, false}), TemporalOutcome::kOk);
  EXPECT_EQ(ParseDateTime("20240210", &value, {false, true, false}), TemporalOutcome::kOk);
  EXPECT_EQ(ParseDateTime("2024-02-30", &value, {true, true, false}), TemporalOutcome::kBad);
  EXPECT_EQ(ParseDateTime("2024-02-30", &value, {true, false, true}), TemporalOutcome::kOk);
  EXPECT_EQ(ParseDateTime("2024-02-32", &value, {true, true, true}), TemporalOutcome::kBad);
  EXPECT_EQ(ParseDateTime("2024-13-01", &value, {true, true, true}), TemporalOutcome::kBad);
  // A TIME has no date to check.
  value = Temporal{};
  value.kind = Temporal::Kind::kTime;
  EXPECT_TRUE(DateAllowed(value, {false, false, false}));
}

TEST(TemporalTest, StoredValuesReadBackWhateverTheirDate) {
  // A column holds zero months and days and impossible days when sql_mode let them in.
  Temporal value;
  ASSERT_TRUE(ParseCanonical("2024-02-00", Kind::kDate, &value));
  EXPECT_EQ(Format(value, 0), "2024-02-00");
  ASSERT_TRUE(ParseCanonical("2024-00-10 10:30:45.5", Kind::kDateTime, &value));
  EXPECT_EQ(Format(value, 1), "2024-00-10 10:30:45.5");
  ASSERT_TRUE(ParseCanonical("2024-02-30", Kind::kDate, &value));
  EXPECT_EQ(Format(value, 0), "2024-02-30");
  // A TIME read from a datetime's text takes its time whatever its date.
  EXPECT_EQ(Time("2024-00-10 10:30:45"), "10:30:45");
  EXPECT_EQ(Time("2024-02-00 10:00:00"), "10:00:00");
  // A date alone that does not exist is read as a time made of its digits.
  EXPECT_EQ(Time("2024-02-00"), "00:20:24");
}

TEST(TemporalTest, TrailingTextIsTruncated) {
  TemporalOutcome outcome;
  EXPECT_EQ(DateTime("2024-01-01abc", 0, &outcome), "2024-01-01");
  EXPECT_EQ(outcome, TemporalOutcome::kTruncated);
  EXPECT_EQ(DateTime("2024-01-01 ", 0, &outcome), "2024-01-01");
  EXPECT_EQ(outcome, TemporalOutcome::kOk);
}

TEST(TemporalTest, RoundsHalfUpAndCarries) {
  EXPECT_EQ(DateTime("2024-02-29 12:34:56.7895", 3), "2024-02-29 12:34:56.790");
  EXPECT_EQ(DateTime("2024-12-31 23:59:59.5", 0), "2025-01-01 00:00:00");
  EXPECT_EQ(DateTime("2024-02-28 23:59:59.9999999", 6), "2024-02-29 00:00:00.000000");
  EXPECT_EQ(Time("838:59:59.9", 0), "838:59:59");
  EXPECT_EQ(Time("1.5", 0), "00:00:02");
}

TEST(TemporalTest, ReadsTimes) {
  EXPECT_EQ(Time("12:34:56"), "12:34:56");
  EXPECT_EQ(Time("-838:59:59"), "-838:59:59");
  EXPECT_EQ(Time("1 02:03:04"), "26:03:04");
  EXPECT_EQ(Time("12:34"), "12:34:00");
  EXPECT_EQ(Time("123456"), "12:34:56");
  EXPECT_EQ(Time("3456"), "00:34:56");
  EXPECT_EQ(Time("2024-01-01 10:11:12"), "10:11:12");
  EXPECT_EQ(Time("12:60:00"), "bad");
  EXPECT_EQ(Time("12 .5", 1), "00:00:12.5");  // a number's fraction after spaces
  TemporalOutcome outcome;
  EXPECT_EQ(Time("900:00:00", 0, &outcome), "838:59:59");
  EXPECT_EQ(outcome, TemporalOutcome::kTruncated);
}

TEST(TemporalTest, ReadsNumbers) {
  Temporal value;
  ASSERT_EQ(DateTimeFromNumber(false, 20240101, 0, &value), TemporalOutcome::kOk);
  EXPECT_EQ(Format(value, 0), "2024-01-01");
  ASSERT_EQ(DateTimeFromNumber(false, 10101, 0, &value), TemporalOutcome::kOk);
  EXPECT_EQ(Format(value, 0), "2001-01-01");
  ASSERT_EQ(DateTimeFromNumber(false, 20240101102030ULL, 0, &value), TemporalOutcome::kOk);
  EXPECT_EQ(Format(value, 0), "2024-01-01 10:20:30");
  EXPECT_EQ(DateTimeFromNumber(false, 1000000, 0, &value), TemporalOutcome::kBad);
  EXPECT_EQ(DateTimeFromNumber(false, 20241301, 0, &value), TemporalOutcome::kBad);
  // A date alone drops its fraction (quietly only when asked); a datetime keeps it.
  ASSERT_EQ(DateTimeFromNumber(false, 20240101, 500000, &value), TemporalOutcome::kTruncated);
  EXPECT_EQ(Format(value, 6), "2024-01-01");
  DateChecks quiet;
  quiet.quiet_date_fraction = true;
  ASSERT_EQ(DateTimeFromNumber(false, 20240101, 500000, &value, quiet), TemporalOutcome::kOk);
  EXPECT_EQ(Format(value, 6), "2024-01-01");
  ASSERT_EQ(DateTimeFromNumber(false, 20240101102030ULL, 500000, &value), TemporalOutcome::kOk);
  EXPECT_EQ(Format(value, 1), "2024-01-01 10:20:30.5");
  ASSERT_EQ(TimeFromNumber(true, 10203, 0, &value), TemporalOutcome::kOk);
  EXPECT_EQ(Format(value, 0), "-01:02:03");
}

TEST(TemporalTest, ConvertsBetweenKinds) {
  Temporal value;
  ASSERT_EQ(ParseDateTime("2024-05-06 07:08:09", &value), TemporalOutcome::kOk);
  EXPECT_EQ(Format(ConvertKind(value, Kind::kDate), 0), "2024-05-06");
  EXPECT_EQ(Format(ConvertKind(value, Kind::kTime), 0), "07:08:09");
  ASSERT_EQ(ParseDateTime("2024-05-06", &value), TemporalOutcome::kOk);
  EXPECT_EQ(Format(ConvertKind(value, Kind::kDateTime), 2), "2024-05-06 00:00:00.00");
}

TEST(TemporalTest, TimesOrderByLength) {
  EXPECT_LT(CompareTimeTexts("-02:00:00", "-01:00:00"), 0);
  EXPECT_LT(CompareTimeTexts("-00:00:01", "00:00:00"), 0);
  EXPECT_LT(CompareTimeTexts("99:59:59", "100:00:00"), 0);
  EXPECT_LT(CompareTimeTexts("10:00:00", "10:00:00.5"), 0);
  EXPECT_EQ(CompareTimeTexts("10:00:00", "10:00:00.000"), 0);
  EXPECT_LT(CompareTimeTexts("838:59:59", "abc"), 0);
}

TEST(TemporalTest, EpochSecondsCountFromTheEpoch) {
  Temporal value;
  ASSERT_EQ(ParseDateTime("1970-01-01 00:00:01", &value), TemporalOutcome::kOk);
  EXPECT_EQ(EpochSeconds(value), 1);
  ASSERT_EQ(ParseDateTime("2038-01-19 03:14:07", &value), TemporalOutcome::kOk);
  EXPECT_EQ(EpochSeconds(value), 2147483647);
  ASSERT_EQ(ParseDateTime("2000-03-01", &value), TemporalOutcome::kOk);  // after a leap day
  EXPECT_EQ(EpochSeconds(value), 951868800);
  ASSERT_EQ(ParseDateTime("1969-12-31 23:59:59", &value), TemporalOutcome::kOk);
  EXPECT_EQ(EpochSeconds(value), -1);
  ASSERT_EQ(ParseDateTime("0001-01-01", &value), TemporalOutcome::kOk);
  EXPECT_EQ(EpochSeconds(value), -62135596800);
}

}  // namespace
}  // namespace porpoise::types
