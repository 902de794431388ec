// Date and time functions that run in SQLite on MySQL's calendar: EXTRACT, TIMESTAMPDIFF,
// TIMESTAMPADD (months clamp to the month's last day), QUARTER, LAST_DAY, DAYNAME, MONTHNAME,
// TO_DAYS, FROM_DAYS, MAKEDATE, STR_TO_DATE, WEEK/YEARWEEK in every mode. Values arrive as
// MySQL's canonical text (or any text MySQL reads as a date); what is not a date gives NULL.
// (engine/)
#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/strings.h"
#include "engine/runtime.h"
#include "engine/sqlite_functions.h"
#include "types/temporal.h"

namespace porpoise::engine {

namespace {

using types::Temporal;

// Days since 0000-03-01 shifted so that MySQL's TO_DAYS('0000-01-01') is 1: the proleptic
// Gregorian day number MySQL counts with.
int64_t DayNumber(int64_t year, int64_t month, int64_t day) {
  // Days from 0000-01-01 (day 1) as MySQL's calc_daynr counts them.
  if (year == 0 && month == 0) return 0;
  int64_t delsum = 365 * year + 31 * (month - 1) + day;
  if (month <= 2) {
    --year;
  } else {
    delsum -= (month * 4 + 23) / 10;
  }
  int64_t temp = ((year / 100 + 1) * 3) / 4;
  return delsum + year / 4 - temp;
}

// The date of MySQL day number `days` (the inverse of DayNumber); false outside its range.
bool FromDayNumber(int64_t days, uint32_t* year, uint32_t* month, uint32_t* day) {
  if (days <= 365 || days > 3652424) return false;  // before 0001-01-01 MySQL gives the zero date
  int64_t y = days * 100 / 36525;  // an estimate, corrected below
  while (DayNumber(y + 1, 1, 1) <= days) ++y;
  while (DayNumber(y, 1, 1) > days) --y;
  int64_t m = 1;
  while (m < 12 && DayNumber(y, m + 1, 1) <= days) ++m;
  *year = static_cast<uint32_t>(y);
  *month = static_cast<uint32_t>(m);
  *day = static_cast<uint32_t>(days - DayNumber(y, m, 1) + 1);
  return true;
}

// 0 = Monday ... 6 = Sunday.
int Weekday(int64_t day_number) { return static_cast<int>((day_number + 5) % 7); }

// A DATE or DATETIME argument; a TIME one when `time_too` and it is not a date.
bool ReadTemporal(sqlite3_value* value, Temporal* out, bool time_too = false) {
  if (sqlite3_value_type(value) == SQLITE_NULL) return false;
  std::string_view text = BytesOf(value);
  types::TemporalOutcome outcome = types::ParseDateTime(text, out);
  if (outcome != types::TemporalOutcome::kBad) return true;
  if (!time_too) return false;
  return types::ParseTime(text, out) != types::TemporalOutcome::kBad;
}

bool ReadDate(sqlite3_value* value, Temporal* out) {
  return ReadTemporal(value, out) && !out->IsZeroDate() && out->month != 0 && out->day != 0;
}

int64_t Quarter(const Temporal& value) { return (value.month + 2) / 3; }

// MySQL's WEEK(date, 0): weeks start on Sunday, week 1 holds the year's first Sunday.
int64_t WeekMode0(const Temporal& value) {
  int64_t first = DayNumber(value.year, 1, 1);
  int64_t yday = DayNumber(value.year, value.month, value.day) - first + 1;
  int sunday_based = (Weekday(first) + 1) % 7;  // 0 = Sunday
  return (yday - 1 + (sunday_based == 0 ? 7 : sunday_based)) / 7;
}

// EXTRACT(unit FROM value): a unit of the time of day reads the value as a TIME (as MySQL
// does, so '10:05:03' is ten hours), the others as a date.
void Extract(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
    return sqlite3_result_null(context);
  }
  std::string unit = ToUpperAscii(BytesOf(argv[0]));
  bool time_unit = unit.rfind("HOUR", 0) == 0 || unit.rfind("MINUTE", 0) == 0 ||
                   unit.rfind("SECOND", 0) == 0 || unit == "MICROSECOND";
  Temporal value;
  bool read = time_unit ? types::ParseTime(BytesOf(argv[1]), &value) != types::TemporalOutcome::kBad
                        : ReadTemporal(argv[1], &value, true);
  if (!read) return sqlite3_result_null(context);
  int64_t sign = value.negative ? -1 : 1;
  int64_t day = value.day, hour = value.hour, minute = value.minute, second = value.second;
  int64_t micro = value.micros;
  int64_t result = 0;
  if (unit == "YEAR") result = value.year;
  else if (unit == "QUARTER") result = Quarter(value);
  else if (unit == "MONTH") result = value.month;
  else if (unit == "WEEK") result = WeekMode0(value);
  else if (unit == "DAY") result = day;
  else if (unit == "HOUR") result = sign * hour;
  else if (unit == "MINUTE") result = sign * minute;
  else if (unit == "SECOND") result = sign * second;
  else if (unit == "MICROSECOND") result = sign * micro;
  else if (unit == "YEAR_MONTH") result = value.year * 100 + value.month;
  else if (unit == "DAY_HOUR") result = sign * (day * 100 + hour);
  else if (unit == "DAY_MINUTE") result = sign * ((day * 100 + hour) * 100 + minute);
  else if (unit == "DAY_SECOND") result = sign * (((day * 100 + hour) * 100 + minute) * 100 + second);
  else if (unit == "DAY_MICROSECOND") {
    result = sign * ((((day * 100 + hour) * 100 + minute) * 100 + second) * 1000000 + micro);
  } else if (unit == "HOUR_MINUTE") result = sign * (hour * 100 + minute);
  else if (unit == "HOUR_SECOND") result = sign * ((hour * 100 + minute) * 100 + second);
  else if (unit == "HOUR_MICROSECOND") result = sign * (((hour * 100 + minute) * 100 + second) * 1000000 + micro);
  else if (unit == "MINUTE_SECOND") result = sign * (minute * 100 + second);
  else if (unit == "MINUTE_MICROSECOND") result = sign * ((minute * 100 + second) * 1000000 + micro);
  else if (unit == "SECOND_MICROSECOND") result = sign * (second * 1000000 + micro);
  else return sqlite3_result_null(context);
  sqlite3_result_int64(context, result);
}

// Microseconds since day 0 of a DATE or DATETIME.
int64_t Instant(const Temporal& value) {
  int64_t days = DayNumber(value.year, value.month, value.day);
  return ((days * 24 + value.hour) * 60 + value.minute) * 60000000LL + value.second * 1000000LL +
         value.micros;
}

// TIMESTAMPDIFF(unit, from, to): whole units from `from` to `to`, toward zero.
void TimestampDiff(sqlite3_context* context, int, sqlite3_value** argv) {
  Temporal from, to;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || !ReadTemporal(argv[1], &from) ||
      !ReadTemporal(argv[2], &to)) {
    return sqlite3_result_null(context);
  }
  std::string unit = ToUpperAscii(BytesOf(argv[0]));
  if (unit == "MONTH" || unit == "QUARTER" || unit == "YEAR") {
    int64_t months = (static_cast<int64_t>(to.year) - from.year) * 12 +
                     (static_cast<int64_t>(to.month) - from.month);
    // The rest of the month (day and time of day) decides whether the last month is whole.
    int64_t from_rest = Instant(from) - Instant(Temporal{Temporal::Kind::kDateTime, false, from.year, from.month, 1, 0, 0, 0, 0});
    int64_t to_rest = Instant(to) - Instant(Temporal{Temporal::Kind::kDateTime, false, to.year, to.month, 1, 0, 0, 0, 0});
    if (months > 0 && to_rest < from_rest) --months;
    if (months < 0 && to_rest > from_rest) ++months;
    int64_t divisor = unit == "MONTH" ? 1 : unit == "QUARTER" ? 3 : 12;
    return sqlite3_result_int64(context, months / divisor);
  }
  int64_t micros = Instant(to) - Instant(from);
  int64_t divisor = unit == "MICROSECOND" ? 1
                    : unit == "SECOND"    ? 1000000LL
                    : unit == "MINUTE"    ? 60000000LL
                    : unit == "HOUR"      ? 3600000000LL
                    : unit == "DAY"       ? 86400000000LL
                    : unit == "WEEK"      ? 604800000000LL
                                          : 0;
  if (divisor == 0) return sqlite3_result_null(context);
  sqlite3_result_int64(context, micros / divisor);
}

// TIMESTAMPADD(unit, n, value): a DATE stays a DATE for whole days, months and years.
void TimestampAdd(sqlite3_context* context, int, sqlite3_value** argv) {
  Temporal value;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL ||
      !ReadDate(argv[2], &value)) {
    return sqlite3_result_null(context);
  }
  std::string unit = ToUpperAscii(BytesOf(argv[0]));
  int64_t amount = sqlite3_value_int64(argv[1]);
  bool date = value.kind == Temporal::Kind::kDate;
  if (unit == "MONTH" || unit == "QUARTER" || unit == "YEAR") {
    int64_t months = amount * (unit == "MONTH" ? 1 : unit == "QUARTER" ? 3 : 12);
    int64_t index = static_cast<int64_t>(value.year) * 12 + (value.month - 1) + months;
    if (index < 0 || index >= 10000 * 12) return sqlite3_result_null(context);
    value.year = static_cast<uint32_t>(index / 12);
    value.month = static_cast<uint32_t>(index % 12 + 1);
    value.day = std::min(value.day, types::DaysInMonth(value.year, value.month));
  } else {
    int64_t micros = unit == "MICROSECOND" ? amount
                     : unit == "SECOND"    ? amount * 1000000LL
                     : unit == "MINUTE"    ? amount * 60000000LL
                     : unit == "HOUR"      ? amount * 3600000000LL
                     : unit == "DAY"       ? amount * 86400000000LL
                     : unit == "WEEK"      ? amount * 604800000000LL
                                           : INT64_MIN;
    if (micros == INT64_MIN) return sqlite3_result_null(context);
    date = date && (unit == "DAY" || unit == "WEEK");
    int64_t instant = Instant(value) + micros;
    int64_t days = instant / 86400000000LL;
    int64_t rest = instant % 86400000000LL;
    if (!FromDayNumber(days, &value.year, &value.month, &value.day)) return sqlite3_result_null(context);
    value.hour = static_cast<uint32_t>(rest / 3600000000LL);
    value.minute = static_cast<uint32_t>(rest / 60000000LL % 60);
    value.second = static_cast<uint32_t>(rest / 1000000LL % 60);
    value.micros = static_cast<uint32_t>(rest % 1000000LL);
  }
  value.kind = date ? Temporal::Kind::kDate : Temporal::Kind::kDateTime;
  // As many fraction digits as the argument's type has (argument 4), or all for a fraction.
  uint32_t fsp = static_cast<uint32_t>(std::clamp<int64_t>(sqlite3_value_int64(argv[3]), 0, 6));
  std::string text = types::Format(value, value.micros != 0 ? 6 : fsp);
  sqlite3_result_text64(context, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void ResultDate(sqlite3_context* context, uint32_t year, uint32_t month, uint32_t day) {
  Temporal date{Temporal::Kind::kDate, false, year, month, day, 0, 0, 0, 0};
  std::string text = types::Format(date, 0);
  sqlite3_result_text64(context, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void QuarterOf(sqlite3_context* context, int, sqlite3_value** argv) {
  Temporal value;
  if (!ReadTemporal(argv[0], &value)) return sqlite3_result_null(context);
  sqlite3_result_int64(context, Quarter(value));
}

void LastDay(sqlite3_context* context, int, sqlite3_value** argv) {
  Temporal value;
  if (!ReadDate(argv[0], &value)) return sqlite3_result_null(context);
  ResultDate(context, value.year, value.month, types::DaysInMonth(value.year, value.month));
}

constexpr const char* kDayNames[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};
constexpr const char* kMonthNames[] = {"January", "February", "March",     "April",
                                       "May",     "June",     "July",      "August",
                                       "September", "October", "November", "December"};

void DayName(sqlite3_context* context, int, sqlite3_value** argv) {
  Temporal value;
  if (!ReadDate(argv[0], &value)) return sqlite3_result_null(context);
  const char* name = kDayNames[Weekday(DayNumber(value.year, value.month, value.day))];
  sqlite3_result_text(context, name, -1, SQLITE_STATIC);
}

void MonthName(sqlite3_context* context, int, sqlite3_value** argv) {
  Temporal value;
  if (!ReadTemporal(argv[0], &value) || value.month == 0) return sqlite3_result_null(context);
  sqlite3_result_text(context, kMonthNames[value.month - 1], -1, SQLITE_STATIC);
}

void ToDays(sqlite3_context* context, int, sqlite3_value** argv) {
  Temporal value;
  if (!ReadDate(argv[0], &value)) return sqlite3_result_null(context);
  sqlite3_result_int64(context, DayNumber(value.year, value.month, value.day));
}

void FromDays(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  uint32_t year = 0, month = 0, day = 0;
  if (!FromDayNumber(sqlite3_value_int64(argv[0]), &year, &month, &day)) {
    return sqlite3_result_text(context, "0000-00-00", -1, SQLITE_STATIC);
  }
  ResultDate(context, year, month, day);
}

// MAKEDATE(year, day_of_year): NULL for a day of year below 1.
void MakeDate(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
    return sqlite3_result_null(context);
  }
  int64_t year = sqlite3_value_int64(argv[0]);
  int64_t yday = sqlite3_value_int64(argv[1]);
  if (yday < 1 || year < 0 || year > 9999) return sqlite3_result_null(context);
  if (year < 70) year += 2000;
  else if (year < 100) year += 1900;
  uint32_t y = 0, m = 0, d = 0;
  if (!FromDayNumber(DayNumber(year, 1, 1) + yday - 1, &y, &m, &d)) return sqlite3_result_null(context);
  ResultDate(context, y, m, d);
}

// ---- WEEK, YEARWEEK ----------------------------------------------------------------------

constexpr unsigned kMondayFirst = 1;   // the week starts on Monday (else Sunday)
constexpr unsigned kWeekYear = 2;      // weeks 1..53, a week at a year's edge counts in the other
constexpr unsigned kFirstWeekday = 4;  // week 1 holds the year's first start day (else 4 days)

int64_t DaysInYear(int64_t year) { return types::IsLeapYear(static_cast<uint32_t>(year)) ? 366 : 365; }

// MySQL's week number of `value` under `behaviour` (the flags above), with the year the week
// belongs to in *year.
int64_t WeekNumber(const Temporal& value, unsigned behaviour, int64_t* year) {
  int64_t day_number = DayNumber(value.year, value.month, value.day);
  int64_t first = DayNumber(value.year, 1, 1);
  bool monday_first = (behaviour & kMondayFirst) != 0;
  bool week_year = (behaviour & kWeekYear) != 0;
  bool first_weekday = (behaviour & kFirstWeekday) != 0;
  int64_t weekday = (first + 5 + (monday_first ? 0 : 1)) % 7;  // of January 1st, 0 = start day
  *year = value.year;
  auto before_week_one = [&](int64_t day) {
    return (first_weekday && day != 0) || (!first_weekday && day >= 4);
  };
  if (value.month == 1 && value.day <= 7 - weekday) {
    if (!week_year && before_week_one(weekday)) return 0;
    week_year = true;
    --*year;
    int64_t days = DaysInYear(*year);
    first -= days;
    weekday = (weekday + 53 * 7 - days) % 7;
  }
  int64_t days = before_week_one(weekday) ? day_number - (first + (7 - weekday))
                                          : day_number - (first - weekday);
  if (week_year && days >= 52 * 7) {
    int64_t next = (weekday + DaysInYear(*year)) % 7;
    if ((!first_weekday && next < 4) || (first_weekday && next == 0)) {
      ++*year;
      return 1;
    }
  }
  return days / 7 + 1;
}

// WEEK(d, mode) / YEARWEEK(d, mode) (argument 2: 1 for YEARWEEK).
void Week(sqlite3_context* context, int, sqlite3_value** argv) {
  Temporal value;
  if (!ReadDate(argv[0], &value) || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
    return sqlite3_result_null(context);
  }
  auto mode = static_cast<unsigned>(sqlite3_value_int64(argv[1]) & 7);
  if ((mode & kMondayFirst) == 0) mode ^= kFirstWeekday;
  bool yearweek = sqlite3_value_int64(argv[2]) != 0;
  if (yearweek) mode |= kWeekYear;
  int64_t year = 0;
  int64_t week = WeekNumber(value, mode, &year);
  sqlite3_result_int64(context, yearweek ? year * 100 + week : week);
}

// ---- STR_TO_DATE ---------------------------------------------------------------------

// Reads up to `width` digits at text[*at]; false when there is none.
bool ReadNumber(std::string_view text, size_t* at, size_t width, uint32_t* out) {
  size_t start = *at;
  uint32_t value = 0;
  while (*at < text.size() && *at - start < width && text[*at] >= '0' && text[*at] <= '9') {
    value = value * 10 + static_cast<uint32_t>(text[*at] - '0');
    ++*at;
  }
  *out = value;
  return *at > start;
}

// Reads one of `names` (case-insensitively, whole or its first three letters when `prefix`);
// its index, or -1.
int ReadName(std::string_view text, size_t* at, const char* const* names, int count, bool prefix) {
  for (int i = 0; i < count; ++i) {
    std::string_view name(names[i]);
    if (prefix) name = name.substr(0, 3);
    if (text.size() - *at >= name.size() && EqualsIgnoreCase(text.substr(*at, name.size()), name)) {
      *at += name.size();
      return i;
    }
  }
  return -1;
}

// STR_TO_DATE(text, format): the DATE, DATETIME or TIME the format reads from the text (the
// binder knows which from the format: argument 3 is 0 date, 1 datetime, 2 time, and argument
// 4 the fraction digits); NULL with warning 1411 for text the format does not fit.
void StrToDate(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
    return sqlite3_result_null(context);
  }
  std::string_view text = BytesOf(argv[0]);
  std::string_view format = BytesOf(argv[1]);
  int64_t kind = sqlite3_value_int64(argv[2]);
  auto fsp = static_cast<uint32_t>(sqlite3_value_int64(argv[3]));
  Temporal value;
  bool pm = false, twelve_hour = false;
  int64_t yday = -1;
  size_t at = 0;
  bool fits = true;
  for (size_t f = 0; f < format.size() && fits; ++f) {
    char c = format[f];
    if (c != '%' || f + 1 == format.size()) {
      // Spaces match any run of spaces; other characters themselves.
      if (c == ' ') {
        while (at < text.size() && text[at] == ' ') ++at;
      } else {
        fits = at < text.size() && text[at] == c;
        ++at;
      }
      continue;
    }
    char spec = format[++f];
    while (at < text.size() && text[at] == ' ') ++at;  // spaces before a field are skipped
    uint32_t number = 0;
    switch (spec) {
      case 'Y': fits = ReadNumber(text, &at, 4, &value.year); break;
      case 'y':
        fits = ReadNumber(text, &at, 2, &number);
        value.year = number < 70 ? 2000 + number : 1900 + number;
        break;
      case 'm': case 'c': fits = ReadNumber(text, &at, 2, &value.month); break;
      case 'd': case 'e': fits = ReadNumber(text, &at, 2, &value.day); break;
      case 'D':
        fits = ReadNumber(text, &at, 2, &value.day);
        if (fits && text.size() - at >= 2) at += 2;  // st, nd, rd, th
        break;
      case 'H': case 'k': fits = ReadNumber(text, &at, 2, &value.hour); break;
      case 'h': case 'I': case 'l':
        fits = ReadNumber(text, &at, 2, &value.hour);
        twelve_hour = true;
        break;
      case 'i': fits = ReadNumber(text, &at, 2, &value.minute); break;
      case 's': case 'S': fits = ReadNumber(text, &at, 2, &value.second); break;
      case 'f': {
        size_t start = at;
        fits = ReadNumber(text, &at, 6, &number);
        for (size_t digits = at - start; digits < 6; ++digits) number *= 10;
        value.micros = number;
        break;
      }
      case 'p':
        if (text.size() - at >= 2 && (EqualsIgnoreCase(text.substr(at, 2), "PM") ||
                                      EqualsIgnoreCase(text.substr(at, 2), "AM"))) {
          pm = EqualsIgnoreCase(text.substr(at, 2), "PM");
          at += 2;
        } else {
          fits = false;
        }
        break;
      case 'M': case 'b': {
        int month = ReadName(text, &at, kMonthNames, 12, spec == 'b');
        fits = month >= 0;
        value.month = static_cast<uint32_t>(month + 1);
        break;
      }
      case 'W': case 'a': fits = ReadName(text, &at, kDayNames, 7, spec == 'a') >= 0; break;
      case 'j':
        fits = ReadNumber(text, &at, 3, &number);
        yday = number;
        break;
      case 'T':
        fits = ReadNumber(text, &at, 2, &value.hour) && at < text.size() && text[at++] == ':' &&
               ReadNumber(text, &at, 2, &value.minute) && at < text.size() && text[at++] == ':' &&
               ReadNumber(text, &at, 2, &value.second);
        break;
      case 'r':
        fits = ReadNumber(text, &at, 2, &value.hour) && at < text.size() && text[at++] == ':' &&
               ReadNumber(text, &at, 2, &value.minute) && at < text.size() && text[at++] == ':' &&
               ReadNumber(text, &at, 2, &value.second);
        twelve_hour = true;
        while (fits && at < text.size() && text[at] == ' ') ++at;
        if (fits && text.size() - at >= 2) {
          pm = EqualsIgnoreCase(text.substr(at, 2), "PM");
          at += 2;
        }
        break;
      case '%': fits = at < text.size() && text[at++] == '%'; break;
      default: fits = false; break;
    }
  }
  if (twelve_hour) {
    if (value.hour < 1 || value.hour > 12) fits = false;
    value.hour = value.hour % 12 + (pm ? 12 : 0);
  }
  if (yday > 0 && fits) {
    uint32_t year = value.year;
    fits = FromDayNumber(DayNumber(year, 1, 1) + yday - 1, &value.year, &value.month, &value.day);
  }
  bool has_date = kind != 2;
  if (fits && has_date) {
    // Fields in range, as MySQL checks them here (April 31st passes; a zero part does not,
    // under the default NO_ZERO_IN_DATE).
    fits = value.month >= 1 && value.month <= 12 && value.day >= 1 && value.day <= 31;
  }
  fits = fits && value.hour < 24 && value.minute < 60 && value.second < 60;
  if (!fits) {
    auto* host = static_cast<FunctionHost*>(sqlite3_user_data(context));
    if (host != nullptr) {
      host->warnings.push_back(
          Status::Error(ER_WRONG_VALUE_FOR_TYPE, "datetime", std::string(text), "str_to_date"));
    }
    return sqlite3_result_null(context);
  }
  value.kind = kind == 0 ? Temporal::Kind::kDate : kind == 2 ? Temporal::Kind::kTime : Temporal::Kind::kDateTime;
  std::string out = types::Format(value, fsp);
  sqlite3_result_text64(context, out.data(), out.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

}  // namespace

Status RegisterTimeRuntime(sqlite3* db, FunctionHost* host) {
  static constexpr ScalarFunction kScalars[] = {
      {"mysql_extract", 2, Extract},       {"mysql_timestampdiff", 3, TimestampDiff},
      {"mysql_timestampadd", 4, TimestampAdd}, {"mysql_quarter", 1, QuarterOf},
      {"mysql_last_day", 1, LastDay},      {"mysql_dayname", 1, DayName},
      {"mysql_monthname", 1, MonthName},   {"mysql_to_days", 1, ToDays},
      {"mysql_from_days", 1, FromDays},    {"mysql_makedate", 2, MakeDate},
      {"mysql_str_to_date", 4, StrToDate},
      {"mysql_week", 3, Week},
  };
  return RegisterScalars(db, host, kScalars);
}

}  // namespace porpoise::engine
