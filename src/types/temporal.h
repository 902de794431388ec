// Temporal: MySQL's DATE, DATETIME and TIME values as fields, read from text and numbers by
// MySQL's rules, rounded to a fractional-second precision and printed in MySQL's canonical
// text, which is also their form in SQLite. (types/)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace porpoise::types {

struct Temporal {
  enum class Kind : uint8_t { kDate, kDateTime, kTime };

  Kind kind = Kind::kDateTime;
  bool negative = false;  // TIME only
  uint32_t year = 0, month = 0, day = 0;
  uint32_t hour = 0;  // TIME: 0..838
  uint32_t minute = 0, second = 0;
  uint32_t micros = 0;

  bool IsZeroDate() const { return year == 0 && month == 0 && day == 0; }
};

// Which dates a reading accepts beyond those that exist: MySQL's checks, chosen by sql_mode
// (NO_ZERO_DATE, NO_ZERO_IN_DATE, ALLOW_INVALID_DATES) and by the reader. The default is
// what a DATE column holds under the default sql_mode, plus the zero date.
struct DateChecks {
  bool zero_date = true;      // 0000-00-00 (all three parts zero)
  bool zero_parts = false;    // a zero month or day in another date ('2024-00-10')
  bool invalid_days = false;  // any day up to 31 in any month ('2024-02-30')
  // A number that names a date alone drops its fraction quietly (CAST does), rather than
  // with kTruncated.
  bool quiet_date_fraction = false;
};

// Whether the date of `value` passes `checks` (a TIME's has nothing to check).
bool DateAllowed(const Temporal& value, DateChecks checks);

// How a reading went.
enum class TemporalOutcome : uint8_t {
  kOk,
  kTruncated,  // a value was read, and text after it ignored (MySQL warns 1292)
  kBad,        // not a value of the kind (MySQL: NULL, or zero in a column, with 1292)
};

// The largest TIME: 838:59:59.
inline constexpr uint32_t kMaxTimeHours = 838;

// Reads a DATE or DATETIME from text as MySQL's str_to_datetime does: 'YYYY-MM-DD[ hh:mm:ss
// [.ffffff]]' with numbers of any length and any punctuation between the fields ('T', spaces
// or more punctuation before the time), 'YYYYMMDD[hhmmss[.ffffff]]' and its two-digit-year
// forms (years 00-69 are 2000-2069, 70-99 are 1970-1999) in fixed widths. The kind read is
// kDate when the text has three parts. Dates must exist or pass `checks`; digits beyond
// microseconds are rounded; text left after the value is kTruncated.
TemporalOutcome ParseDateTime(std::string_view text, Temporal* out, DateChecks checks = {});

// The same, as MySQL reads text it takes for a TIME when it is no datetime
// (TIME_DATETIME_ONLY): more than a date's three parts joined by punctuation with no space
// among them are no datetime ('10:00:00.5' is no 2010-00-00 05:00:00, but a time); a date
// alone is read.
TemporalOutcome ParseDateTimeOnly(std::string_view text, Temporal* out, DateChecks checks = {});
// Reads a TIME from text: '[-][D ]hh:mm[:ss][.ffffff]', '[-]hhmmss[.ffffff]' (also 'mmss' and
// 'ss'), or a datetime's text, whose time it takes (whatever its date, zero parts too; a date
// alone must exist). Hours above 838 clamp to 838:59:59 (kBad's
// sibling: the value is kept clamped and kTruncated given).
TemporalOutcome ParseTime(std::string_view text, Temporal* out);
// Reads a TIME from a string as MySQL's str_to_time does, for a string value (not a stored
// DATE or DATETIME): only text of 12 or more characters can be a datetime (a date, then a
// space or 'T' and a time, or 12+ digits), whose value is given as a kDateTime; an impossible
// such datetime is kBad. Anything shorter is a time: '2024-02-09' is 20 minutes 24 seconds
// with text left over (kTruncated), '99-12-31' kBad (99 seconds).
TemporalOutcome ParseTimeText(std::string_view text, Temporal* out);
// A DATE or DATETIME from a number: YYMMDD, YYYYMMDD, YYMMDDhhmmss, YYYYMMDDhhmmss, with
// `micros` the fraction (0 is the zero date). Other dates pass `checks`. A date alone has no
// fraction: 20240101.5 is 2024-01-01, kTruncated unless `checks.quiet_date_fraction`.
TemporalOutcome DateTimeFromNumber(bool negative, uint64_t number, uint32_t micros,
                                   Temporal* out, DateChecks checks = {});
// A TIME from a number [-]hhmmss with `micros` the fraction.
TemporalOutcome TimeFromNumber(bool negative, uint64_t number, uint32_t micros, Temporal* out);

// Reads the canonical text of a value of `kind` (as Format writes it): any date a column
// holds, zero months and days and impossible days too.
bool ParseCanonical(std::string_view text, Temporal::Kind kind, Temporal* out);

// Rounds the fraction half up to `fsp` digits (0..6), carrying into the seconds and on up
// (a DATETIME into the next day; a TIME clamps at 838:59:59).
void RoundFraction(Temporal* value, uint32_t fsp);
// The value as a `kind`: a DATETIME's date or time, a DATE at midnight. (A TIME as a
// DATETIME needs today's date: the caller's.)
Temporal ConvertKind(const Temporal& value, Temporal::Kind kind);

// Canonical text with `fsp` fraction digits (0..6): 'YYYY-MM-DD', 'YYYY-MM-DD hh:mm:ss.fff',
// '-hh:mm:ss'.
std::string Format(const Temporal& value, uint32_t fsp);

// TIME values order by their signed length of time, not by their text ('-02:00:00' is
// before '-01:00:00', '100:00:00' after '99:00:00'): SQLite compares TIME columns and values
// under this collation. Texts that are not TIMEs order after TIMEs, bytewise. The name
// carries a version, as an index stores the order on disk.
inline constexpr char kTimeCollationName[] = "porpoise_time.v1";
int CompareTimeTexts(std::string_view a, std::string_view b);

bool IsLeapYear(uint32_t year);
uint32_t DaysInMonth(uint32_t year, uint32_t month);
// Whole seconds from 1970-01-01 00:00:00 to the wall-clock time of a DATE or DATETIME, as if
// its clock were UTC (negative before 1970; the microseconds apart).
int64_t EpochSeconds(const Temporal& value);

}  // namespace porpoise::types
