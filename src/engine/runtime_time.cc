// Date and time functions that run in SQLite on MySQL's calendar: EXTRACT, TIMESTAMPDIFF,
// DATE_ADD and TIMESTAMPADD (every INTERVAL unit; months clamp to the month's last day),
// ADDTIME, TIMEDIFF, TIME_TO_SEC, SEC_TO_TIME, MAKETIME, MICROSECOND, TO_SECONDS, PERIOD_ADD,
// PERIOD_DIFF, TIME_FORMAT, QUARTER, LAST_DAY, DAYNAME, MONTHNAME, TO_DAYS, FROM_DAYS,
// MAKEDATE, STR_TO_DATE, WEEK/YEARWEEK in every mode. Values arrive as
// MySQL's canonical text (or any text MySQL reads as a date); what is not a date gives NULL.
// (engine/)
#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "common/field_value.h"
#include "common/strings.h"
#include "engine/physical.h"
#include "engine/runtime.h"
#include "engine/sqlite_functions.h"
#include "types/collation.h"
#include "types/decimal.h"
#include "types/temporal.h"
#include "types/time_zone.h"

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

void Warn(sqlite3_context* context, Status warning) {
  auto* host = static_cast<FunctionHost*>(sqlite3_user_data(context));
  if (host != nullptr) host->warnings.push_back(std::move(warning));
}

// An argument's text for a warning: a DOUBLE as MySQL prints one (1e16, 5.584097e215; not
// SQLite's 1.0e+16), anything else as it is.
std::string WarningText(sqlite3_value* value) {
  if (sqlite3_value_type(value) == SQLITE_FLOAT) return FormatDouble(sqlite3_value_double(value));
  return std::string(BytesOf(value));
}

// 1292 "Truncated incorrect time value: '…'" for an argument that is not NULL and could not be
// read as a TIME: what MySQL's str_to_time_with_warn says (it names the TIME type whether the
// text was cut or unreadable).
void WarnTruncatedTime(sqlite3_context* context, sqlite3_value* value) {
  if (sqlite3_value_type(value) == SQLITE_NULL) return;
  Warn(context, Status::Error(ER_TRUNCATED_WRONG_VALUE, "time", WarningText(value)));
}

// 1292 "Incorrect <kind> value: '…'" for an argument that is not NULL and could not be read.
void WarnIncorrect(sqlite3_context* context, std::string_view kind, sqlite3_value* value) {
  if (sqlite3_value_type(value) == SQLITE_NULL) return;
  Warn(context, Status::WithMessage(ER_TRUNCATED_WRONG_VALUE, "Incorrect " + std::string(kind) +
                                                                  " value: '" +
                                                                  WarningText(value) + "'"));
}


// Every date a text names, zero parts and impossible days too: how the functions that read a
// date as MySQL's fuzzy reading does (YEAR, MONTH, QUARTER, ...) read their argument, which a
// string reaches only through mysql_date_text's checks.
constexpr types::DateChecks kAnyDate{true, true, true};
// A datetime whose time is wanted, as MySQL reads one (TIMEDIFF, ADDTIME, EXTRACT's DAY_*
// units): a date that exists, or a datetime with zero months and days written with its
// four-digit year and a '-' (as a stored value is), which would otherwise read as a TIME
// made of its year ('12:00:00' stays a TIME, not the year 2012). With `date_alone` (a
// datetime alone is wanted: TIMESTAMP(e[, t])) a date alone with zero parts too, and in any
// date's form, as MySQL's str_to_datetime reads one ('839:00:00' is 0839-00-00). Without it,
// text is a datetime only as MySQL's str_to_time first tries one (ParseDateTimeOnly: a TIME's
// text '00:00:00.000000' is no 0000-00-00 00:00:00).
types::TemporalOutcome ParseDateTimeZeroParts(std::string_view text, Temporal* out,
                                              bool date_alone = false) {
  auto parse = [date_alone](std::string_view value, Temporal* read, types::DateChecks checks) {
    return date_alone ? types::ParseDateTime(value, read, checks)
                      : types::ParseDateTimeOnly(value, read, checks);
  };
  types::TemporalOutcome outcome = parse(text, out, {});
  if (outcome != types::TemporalOutcome::kBad) return outcome;
  size_t at = 0;
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
  size_t digits = 0;
  while (at + digits < text.size() && text[at + digits] >= '0' && text[at + digits] <= '9') ++digits;
  if (!date_alone && (digits != 4 || at + digits >= text.size() || text[at + digits] != '-')) {
    return outcome;
  }
  outcome = parse(text, out, types::DateChecks{true, true, false});
  if (out->kind != Temporal::Kind::kDateTime && !date_alone) return types::TemporalOutcome::kBad;
  return outcome;
}

// mysql_time_text(s): a string argument of a function that reads a TIME, as MySQL reads a
// string as one (types::ParseTimeText): the canonical text of the TIME, or of the DATETIME
// that long text names (ADDTIME keeps its date); NULL with 1292 for what is neither, 1292
// too for text left over.
void TimeText(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  Temporal value;
  types::TemporalOutcome outcome = types::ParseTimeText(BytesOf(argv[0]), &value);
  if (outcome == types::TemporalOutcome::kBad) {
    WarnTruncatedTime(context, argv[0]);
    return sqlite3_result_null(context);
  }
  if (outcome == types::TemporalOutcome::kTruncated) {
    Warn(context, Status::Error(ER_TRUNCATED_WRONG_VALUE, "time", WarningText(argv[0])));
  }
  std::string text = types::Format(value, value.micros != 0 ? 6 : 0);
  sqlite3_result_text64(context, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

// A DATE or DATETIME argument whose date passes `checks`; a TIME one when `time_too` and it
// is not a date. `cut`, when given, says whether text was left after the date.
bool ReadTemporal(sqlite3_value* value, Temporal* out, bool time_too = false,
                  types::DateChecks checks = {}, bool* cut = nullptr) {
  if (sqlite3_value_type(value) == SQLITE_NULL) return false;
  std::string_view text = BytesOf(value);
  types::TemporalOutcome outcome = types::ParseDateTime(text, out, checks);
  if (cut != nullptr) *cut = outcome == types::TemporalOutcome::kTruncated;
  if (outcome != types::TemporalOutcome::kBad) return true;
  if (!time_too) return false;
  return types::ParseTime(text, out) != types::TemporalOutcome::kBad;
}

// A date with all its parts (a function of a whole date needs one).
bool WholeDate(const Temporal& value) {
  return !value.IsZeroDate() && value.month != 0 && value.day != 0;
}

bool ReadDate(sqlite3_value* value, Temporal* out) { return ReadTemporal(value, out) && WholeDate(*out); }

// The kind of value MySQL names in a 1292 for text cut after a date or datetime it read
// (make_truncated_value_warning: "date" for three parts, else "datetime").
const char* KindRead(const Temporal& value) {
  return value.kind == Temporal::Kind::kDate ? "date" : "datetime";
}

// mysql_date_text(text, checks): a string argument of a date function, as it is when its date
// passes `checks` (1: the zero date, 2: zero parts, 4: impossible days, as sql_mode and the
// function allow them), else NULL with 1292. Text that is no date at all is NULL with 1292
// too; text after a date is the function's to read.
// Whether the text `text` names a date that passes the checks of `code` (mysql_date_text's),
// warning 1292 when it does not or has more after it.
bool DateTextPasses(sqlite3_context* context, sqlite3_value* text, int64_t code) {
  types::DateChecks checks{(code & 1) != 0, (code & 2) != 0, (code & 4) != 0};
  Temporal value;
  types::TemporalOutcome outcome = types::ParseDateTime(BytesOf(text), &value, checks);
  if (outcome == types::TemporalOutcome::kBad) {
    WarnIncorrect(context, "datetime", text);
    return false;
  }
  // (a date read with text after it: read, and 1292 says the rest was cut)
  if (outcome == types::TemporalOutcome::kTruncated) {
    Warn(context, Status::Error(ER_TRUNCATED_WRONG_VALUE, KindRead(value), WarningText(text)));
  }
  return true;
}

void DateText(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  if (!DateTextPasses(context, argv[0], sqlite3_value_int64(argv[1]))) return sqlite3_result_null(context);
  sqlite3_result_value(context, argv[0]);
}

int64_t Quarter(const Temporal& value) { return (value.month + 2) / 3; }

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
  // MySQL counts the days in 32 unsigned bits: a date before its week one (only a zero month
  // or day gets there) wraps to a large count, and so into the next year's first week.
  auto days = static_cast<uint32_t>(before_week_one(weekday) ? day_number - (first + (7 - weekday))
                                                             : day_number - (first - weekday));
  if (week_year && days >= 52 * 7) {
    int64_t next = (weekday + DaysInYear(*year)) % 7;
    if ((!first_weekday && next < 4) || (first_weekday && next == 0)) {
      ++*year;
      return 1;
    }
  }
  // The year is unsigned there too: the week before 0000-01-01's is in year 4294967295.
  *year = static_cast<uint32_t>(*year);
  return days / 7 + 1;
}

// MySQL's mode numbers 0..7 as the flags above (week_mode).
unsigned WeekBehaviour(int64_t mode) {
  auto behaviour = static_cast<unsigned>(mode & 7);
  if ((behaviour & kMondayFirst) == 0) behaviour ^= kFirstWeekday;
  return behaviour;
}

// EXTRACT(unit FROM value, week_mode): a unit of the time of day reads the value as a TIME
// (as MySQL does, so '10:05:03' is ten hours), the others as a date; WEEK counts weeks in the
// mode given (default_week_format's), of the zero date too.
void Extract(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
    return sqlite3_result_null(context);
  }
  std::string unit = ToUpperAscii(BytesOf(argv[0]));
  bool time_unit = unit.rfind("HOUR", 0) == 0 || unit.rfind("MINUTE", 0) == 0 ||
                   unit.rfind("SECOND", 0) == 0 || unit == "MICROSECOND";
  Temporal value;
  bool date_unit = unit == "YEAR" || unit == "QUARTER" || unit == "MONTH" || unit == "WEEK" ||
                   unit == "DAY" || unit == "YEAR_MONTH";
  bool read = false;
  if (time_unit) {
    read = types::ParseTime(BytesOf(argv[1]), &value) != types::TemporalOutcome::kBad;
  } else if (date_unit) {
    read = ReadTemporal(argv[1], &value, true, kAnyDate);
  } else {  // DAY_HOUR ... DAY_MICROSECOND: a datetime's day and time, or a TIME's (no days)
    read = types::ParseTimeText(BytesOf(argv[1]), &value) != types::TemporalOutcome::kBad;
  }
  if (!read) return sqlite3_result_null(context);
  int64_t sign = value.negative ? -1 : 1;
  int64_t day = value.day, hour = value.hour, minute = value.minute, second = value.second;
  int64_t micro = value.micros;
  int64_t result = 0;
  if (unit == "YEAR") result = value.year;
  else if (unit == "QUARTER") result = Quarter(value);
  else if (unit == "MONTH") result = value.month;
  else if (unit == "WEEK") {
    int64_t year = 0;
    result = WeekNumber(value, WeekBehaviour(sqlite3_value_int64(argv[2])), &year);
  }
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

// TIMESTAMPDIFF(unit, from, to): whole units from `from` to `to`, toward zero, days counted
// as MySQL's day numbers (zero months and days taken); NULL when either is the zero date.
// mysql_timestampdiff(unit, a, b[, b_checks]): with b_checks, b is text checked here as
// mysql_date_text checks it, after a is read (MySQL reads b only beside a date).
void TimestampDiff(sqlite3_context* context, int argc, sqlite3_value** argv) {
  Temporal from, to;
  const types::DateChecks any{true, true, true};  // (text was checked when bound)
  // (a first that is no date, the zero date or one with zero parts among them, ends it)
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || !ReadTemporal(argv[1], &from, false, any) ||
      from.month == 0 || from.day == 0 ||
      (argc > 3 && sqlite3_value_type(argv[2]) != SQLITE_NULL &&
       !DateTextPasses(context, argv[2], sqlite3_value_int64(argv[3]))) ||
      !ReadTemporal(argv[2], &to, false, any) || to.month == 0 || to.day == 0) {
    return sqlite3_result_null(context);  // (a zero date or zero parts: no date to MySQL here)
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

void ResultDate(sqlite3_context* context, uint32_t year, uint32_t month, uint32_t day) {
  Temporal date{Temporal::Kind::kDate, false, year, month, day, 0, 0, 0, 0};
  std::string text = types::Format(date, 0);
  sqlite3_result_text64(context, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void QuarterOf(sqlite3_context* context, int, sqlite3_value** argv) {
  Temporal value;
  if (!ReadTemporal(argv[0], &value, false, kAnyDate)) return sqlite3_result_null(context);
  sqlite3_result_int64(context, Quarter(value));
}

// LAST_DAY(d): a month of zero has no last day (NULL with 1292 naming the date).
void LastDay(sqlite3_context* context, int, sqlite3_value** argv) {
  Temporal value;
  if (!ReadTemporal(argv[0], &value, false, kAnyDate)) return sqlite3_result_null(context);
  if (value.month == 0) {
    Warn(context, Status::WithMessage(ER_TRUNCATED_WRONG_VALUE,
                                      "Incorrect datetime value: '" +
                                          types::Format(types::ConvertKind(value, Temporal::Kind::kDate), 0) + "'"));
    return sqlite3_result_null(context);
  }
  ResultDate(context, value.year, value.month, types::DaysInMonth(value.year, value.month));
}

// English names: what STR_TO_DATE reads, whatever lc_time_names says.
constexpr const char* kDayNames[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};
constexpr const char* kMonthNames[] = {"January", "February", "March",     "April",
                                       "May",     "June",     "July",      "August",
                                       "September", "October", "November", "December"};

// The names of the session's lc_time_names.
const types::TimeNames& SessionTimeNames(sqlite3_context* context) {
  auto* host = static_cast<FunctionHost*>(sqlite3_user_data(context));
  return types::TimeNamesOf(host != nullptr && host->time_names != nullptr ? *host->time_names
                                                                           : types::DefaultLocale());
}

void DayName(sqlite3_context* context, int, sqlite3_value** argv) {
  Temporal value;
  if (!ReadDate(argv[0], &value)) return sqlite3_result_null(context);
  std::string_view name =
      SessionTimeNames(context).days[Weekday(DayNumber(value.year, value.month, value.day))];
  sqlite3_result_text(context, name.data(), static_cast<int>(name.size()), SQLITE_STATIC);
}

void MonthName(sqlite3_context* context, int, sqlite3_value** argv) {
  Temporal value;
  if (!ReadTemporal(argv[0], &value, false, kAnyDate) || value.month == 0) {
    return sqlite3_result_null(context);
  }
  std::string_view name = SessionTimeNames(context).months[value.month - 1];
  sqlite3_result_text(context, name.data(), static_cast<int>(name.size()), SQLITE_STATIC);
}

void ToDays(sqlite3_context* context, int, sqlite3_value** argv) {
  Temporal value;
  if (!ReadDate(argv[0], &value)) return sqlite3_result_null(context);
  sqlite3_result_int64(context, DayNumber(value.year, value.month, value.day));
}

void FromDays(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  uint32_t year = 0, month = 0, day = 0;
  const int64_t days = sqlite3_value_int64(argv[0]);
  if (days > 3652424 && days < 3652500) {
    // Past 9999-12-31 but short of where MySQL's calendar gives up (the zero date): a year
    // 10000 it cannot hold, NULL with 1441.
    Warn(context, Status::Error(ER_DATETIME_FUNCTION_OVERFLOW, "from_days"));
    return sqlite3_result_null(context);
  }
  if (!FromDayNumber(days, &year, &month, &day)) {
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

// WEEK(d, mode) / YEARWEEK(d, mode) (argument 2: 1 for YEARWEEK); a NULL mode is 0, as
// MySQL reads it (val_int).
void Week(sqlite3_context* context, int, sqlite3_value** argv) {
  Temporal value;
  if (!ReadDate(argv[0], &value)) return sqlite3_result_null(context);
  unsigned mode = WeekBehaviour(sqlite3_value_int64(argv[1]));
  bool yearweek = sqlite3_value_int64(argv[2]) != 0;
  if (yearweek) mode |= kWeekYear;
  int64_t year = 0;
  int64_t week = WeekNumber(value, mode, &year);
  // MySQL adds them in 32 unsigned bits (the year before 0000's wraps there).
  sqlite3_result_int64(context, yearweek ? static_cast<uint32_t>(year * 100 + week) : week);
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
// binder knows which from the format: argument 3 is 0 date, 1 datetime, 2 time, plus 8 under
// NO_ZERO_DATE, and argument 4 the fraction digits); NULL with warning 1411 for text the
// format does not fit. Text that ends early leaves the rest of the format unread (its fields
// zero); under NO_ZERO_DATE a date with a zero year, month or day is refused.
void StrToDate(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
    return sqlite3_result_null(context);
  }
  std::string_view text = BytesOf(argv[0]);
  std::string_view format = BytesOf(argv[1]);
  int64_t kind = sqlite3_value_int64(argv[2]) & 7;
  const int64_t checks = sqlite3_value_int64(argv[2]);
  const bool no_zero_date = (checks & 8) != 0;
  const bool no_zero_parts = (checks & 16) != 0;
  const bool invalid_days = (checks & 32) != 0;
  auto fsp = static_cast<uint32_t>(sqlite3_value_int64(argv[3]));
  Temporal value;
  bool pm = false, twelve_hour = false;
  int64_t yday = -1;
  // Week fields: %U/%u/%V/%v's week, %W/%a/%w's day (1 Monday .. 7 Sunday, 0 none), %X/%x's year.
  int64_t week = -1, weekday = 0, week_year = -1;
  bool sunday_first = false, strict_week = false, week_year_sunday = false;
  size_t at = 0;
  bool fits = true;
  for (size_t f = 0; f < format.size() && fits && at < text.size(); ++f) {
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
      case 'Y': {
        // Up to four digits; one or two are a two-digit year (MySQL's year_2000_handling).
        size_t start = at;
        fits = ReadNumber(text, &at, 4, &value.year);
        if (fits && at - start <= 2) value.year += value.year < 70 ? 2000 : 1900;
        break;
      }
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
        // (only after an hour of the 12-hour clock, as MySQL reads it)
        if (twelve_hour && text.size() - at >= 2 && (EqualsIgnoreCase(text.substr(at, 2), "PM") ||
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
      case 'W': case 'a':
        weekday = ReadName(text, &at, kDayNames, 7, spec == 'a') + 1;
        fits = weekday > 0;
        break;
      case 'w':
        fits = ReadNumber(text, &at, 1, &number) && number < 7;
        weekday = number == 0 ? 7 : number;
        break;
      case 'U': case 'u': case 'V': case 'v':
        fits = ReadNumber(text, &at, 2, &number);
        week = number;
        sunday_first = spec == 'U' || spec == 'V';
        strict_week = spec == 'V' || spec == 'v';
        break;
      case 'X': case 'x':
        fits = ReadNumber(text, &at, 4, &number);
        week_year = number;
        week_year_sunday = spec == 'X';
        break;
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
  if (week >= 0 && weekday > 0 && fits) {
    // A week and a day in it: %V/%v need %X/%x of the same first day, %U/%u need %Y.
    if ((strict_week && (week_year < 0 || week_year_sunday != sunday_first)) ||
        (!strict_week && week_year >= 0)) {
      fits = false;
    } else {
      int64_t days = DayNumber(strict_week ? week_year : value.year, 1, 1);
      int64_t first = sunday_first ? (days + 6) % 7 : Weekday(days);  // Jan 1st's day, from 0
      if (sunday_first) {
        days += (first == 0 ? 0 : 7) - first + (week - 1) * 7 + weekday % 7;
      } else {
        days += (first <= 3 ? 0 : 7) - first + (week - 1) * 7 + (weekday - 1);
      }
      fits = days > 0 && FromDayNumber(days, &value.year, &value.month, &value.day);
    }
  }
  bool has_date = kind != 2;
  if (fits && has_date) {
    // Fields in range, then MySQL's check_date under the sql_mode: a zero date, a zero month
    // or day in another, a day past its month's (ALLOW_INVALID_DATES takes any to 31).
    // NO_ZERO_DATE refuses any zero year, month or day here (Item_func_str_to_date).
    fits = value.month <= 12 && value.day <= 31 &&
           !(no_zero_date && (value.year == 0 || value.month == 0 || value.day == 0));
    if (fits) {
      bool zero = value.year == 0 && value.month == 0 && value.day == 0;
      if (no_zero_parts && !zero && (value.month == 0 || value.day == 0)) fits = false;
      if (!invalid_days && value.month != 0 && value.day > types::DaysInMonth(value.year, value.month)) {
        fits = false;
      }
    }
  }
  fits = fits && value.hour < 24 && value.minute < 60 && value.second < 60;
  if (fits) {
    // Text left after the format: the value, with 1292 naming the type read.
    size_t rest = at;
    while (rest < text.size() && std::isspace(static_cast<unsigned char>(text[rest]))) ++rest;
    if (rest < text.size()) {
      Warn(context, Status::Error(ER_TRUNCATED_WRONG_VALUE,
                                  kind == 0 ? "date" : kind == 2 ? "time" : "datetime",
                                  std::string(text)));
    }
  }
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

// ---- Interval arithmetic: DATE_ADD, DATE_SUB, ADDTIME, SUBTIME, TIMEDIFF --------------------

constexpr int64_t kMicrosPerSecond = 1000000LL;
constexpr int64_t kMicrosPerDay = 86400LL * kMicrosPerSecond;
// The largest TIME, in microseconds: 838:59:59.
constexpr int64_t kMaxTimeMicros = ((838LL * 60 + 59) * 60 + 59) * kMicrosPerSecond;

void ResultText(sqlite3_context* context, const std::string& text) {
  sqlite3_result_text64(context, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

// An INTERVAL's value, as months or as microseconds (never both).
struct Interval {
  int64_t months = 0;
  int64_t micros = 0;
  bool overflow = false;  // (ReadInterval) too large for 64 bits of microseconds or months
};

// The fields a unit's value is written in, largest first ("DAY_SECOND": days, hours, minutes,
// seconds), with each field's size in microseconds (0: months, with its size in months in
// `months`).
struct UnitShape {
  std::string_view name;
  int fields;
  int64_t micros[5];
  int64_t months[5];
  bool microsecond_last;  // the last field is microseconds, scaled by its digits
};

constexpr int64_t kSecond = kMicrosPerSecond, kMinute = 60 * kSecond, kHour = 60 * kMinute,
                  kDay = 24 * kHour;
constexpr UnitShape kUnits[] = {
    {"MICROSECOND", 1, {1}, {0}, false},
    {"SECOND", 1, {kSecond}, {0}, false},
    {"MINUTE", 1, {kMinute}, {0}, false},
    {"HOUR", 1, {kHour}, {0}, false},
    {"DAY", 1, {kDay}, {0}, false},
    {"WEEK", 1, {7 * kDay}, {0}, false},
    {"MONTH", 1, {0}, {1}, false},
    {"QUARTER", 1, {0}, {3}, false},
    {"YEAR", 1, {0}, {12}, false},
    {"YEAR_MONTH", 2, {0, 0}, {12, 1}, false},
    {"DAY_HOUR", 2, {kDay, kHour}, {0, 0}, false},
    {"DAY_MINUTE", 3, {kDay, kHour, kMinute}, {0}, false},
    {"DAY_SECOND", 4, {kDay, kHour, kMinute, kSecond}, {0}, false},
    {"DAY_MICROSECOND", 5, {kDay, kHour, kMinute, kSecond, 1}, {0}, true},
    {"HOUR_MINUTE", 2, {kHour, kMinute}, {0}, false},
    {"HOUR_SECOND", 3, {kHour, kMinute, kSecond}, {0}, false},
    {"HOUR_MICROSECOND", 4, {kHour, kMinute, kSecond, 1}, {0}, true},
    {"MINUTE_SECOND", 2, {kMinute, kSecond}, {0}, false},
    {"MINUTE_MICROSECOND", 3, {kMinute, kSecond, 1}, {0}, true},
    {"SECOND_MICROSECOND", 2, {kSecond, 1}, {0}, true},
};

// Whether every field of the unit counts days or more (DAY, WEEK, MONTH, ..., YEAR_MONTH): a
// date moved by such a unit stays a date, by any other becomes a datetime, whatever amount.
bool DaysOrMore(const UnitShape& shape) {
  for (int i = 0; i < shape.fields; ++i) {
    if (shape.months[i] == 0 && shape.micros[i] % kDay != 0) return false;
  }
  return true;
}

const UnitShape* FindUnit(std::string_view unit) {
  for (const UnitShape& shape : kUnits) {
    if (shape.name == unit) return &shape;
  }
  return nullptr;
}

// Reads an INTERVAL value of `shape` from `text`, as MySQL does: a single-field unit takes
// one number (SECOND keeps its fraction; the others are whole, rounded when the value was a
// number and `rounded`, else cut); a compound unit takes its fields as the runs of digits in
// the text, in order, a leading '-' negating them all, and fewer runs than fields fill the
// smallest fields (none: a zero interval). False for text that is no such value.
bool ReadInterval(std::string_view text, const UnitShape& shape, bool rounded, Interval* out) {
  size_t at = 0;
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
  bool negative = false;
  if (at < text.size() && (text[at] == '-' || text[at] == '+')) negative = text[at++] == '-';
  bool& overflow = out->overflow;  // too large for 64 bits
  auto scale = [&](int index, int64_t value) {
    int64_t* total = shape.months[index] != 0 ? &out->months : &out->micros;
    int64_t size = shape.months[index] != 0 ? shape.months[index] : shape.micros[index];
    int64_t product = 0;
    overflow = overflow || __builtin_mul_overflow(value, size, &product) ||
               __builtin_add_overflow(*total, product, total);
  };
  if (shape.fields == 1) {
    int64_t whole = 0;
    size_t start = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
      if (whole > INT64_MAX / 100) {
        overflow = true;
        return false;
      }
      whole = whole * 10 + (text[at++] - '0');
    }
    int64_t fraction = 0;  // microseconds
    bool half = false;
    if (at < text.size() && text[at] == '.') {
      ++at;
      int digits = 0;
      while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
        if (digits < 6) fraction = fraction * 10 + (text[at] - '0');
        if (digits == 0) half = text[at] >= '5';
        ++digits;
        ++at;
      }
      for (; digits < 6; ++digits) fraction *= 10;
    }
    if (at == start) return false;
    if (shape.name == "SECOND") {
      scale(0, whole);
      out->micros += fraction;
    } else {
      scale(0, whole + (rounded && half ? 1 : 0));
    }
  } else {
    int64_t values[5] = {0, 0, 0, 0, 0};
    int count = 0, last_digits = 0;
    while (at < text.size()) {
      if (text[at] < '0' || text[at] > '9') {
        ++at;
        continue;
      }
      if (count == shape.fields) return false;  // more fields than the unit has
      int64_t value = 0;
      last_digits = 0;
      while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
        // (a run of digits past 63 bits is no interval: NULL, without the 1441 a field too
        // large for the date says, as MySQL's get_interval_info gives up on it)
        if (value > (INT64_MAX - 10) / 10) return false;
        value = value * 10 + (text[at++] - '0');
        ++last_digits;
      }
      values[count++] = value;
    }
    // No digits at all: every field 0 (MySQL's get_interval_info fills them so).
    if (count == 0) return true;
    // Fewer fields than the unit has: they are its smallest ones.
    int shift = shape.fields - count;
    if (shape.microsecond_last) {
      // The microseconds field is a fraction: '5' is half a second.
      for (int digits = last_digits; digits < 6; ++digits) values[count - 1] *= 10;
    }
    for (int index = 0; index < count; ++index) scale(index + shift, values[index]);
  }
  if (overflow) return false;
  if (negative) {
    out->months = -out->months;
    out->micros = -out->micros;
  }
  return true;
}

// Microseconds since day 0 back to a DATETIME; false outside 0001-01-01..9999-12-31.
bool FromInstant(int64_t instant, Temporal* value) {
  if (instant < 0) return false;
  int64_t days = instant / kMicrosPerDay;
  int64_t rest = instant % kMicrosPerDay;
  if (!FromDayNumber(days, &value->year, &value->month, &value->day)) return false;
  value->hour = static_cast<uint32_t>(rest / kHour);
  value->minute = static_cast<uint32_t>(rest / kMinute % 60);
  value->second = static_cast<uint32_t>(rest / kSecond % 60);
  value->micros = static_cast<uint32_t>(rest % kSecond);
  return true;
}

// A TIME's signed length in microseconds.
int64_t TimeMicros(const Temporal& value) {
  int64_t micros = ((static_cast<int64_t>(value.hour) * 60 + value.minute) * 60 + value.second) *
                       kSecond + value.micros;
  return value.negative ? -micros : micros;
}

// A TIME of `micros`, clamped to ±838:59:59; `clamped` tells whether it had to be.
Temporal TimeOf(int64_t micros, bool* clamped) {
  Temporal value;
  value.kind = Temporal::Kind::kTime;
  *clamped = micros > kMaxTimeMicros || micros < -kMaxTimeMicros;
  micros = std::clamp(micros, -kMaxTimeMicros, kMaxTimeMicros);
  value.negative = micros < 0;
  int64_t length = micros < 0 ? -micros : micros;
  value.hour = static_cast<uint32_t>(length / kHour);
  value.minute = static_cast<uint32_t>(length / kMinute % 60);
  value.second = static_cast<uint32_t>(length / kSecond % 60);
  value.micros = static_cast<uint32_t>(length % kSecond);
  return value;
}

// A TIME argument (a datetime's text gives its time), as MySQL reads one for TIME functions.
bool ReadTime(sqlite3_value* value, Temporal* out) {
  return sqlite3_value_type(value) != SQLITE_NULL &&
         types::ParseTime(BytesOf(value), out) != types::TemporalOutcome::kBad;
}

// The fraction digits to print: `fsp` for a typed result, or (fsp < 0, a string result) all
// six when there is a fraction and none otherwise.
uint32_t DigitsFor(int64_t fsp, const Temporal& value) {
  if (fsp >= 0) return static_cast<uint32_t>(std::min<int64_t>(fsp, 6));
  return value.micros != 0 ? 6 : 0;
}

// A length of time as MySQL quotes it in a warning, unclamped: '1440:00:00'.
// With `digits` fraction digits (cut, not rounded), as MySQL's ErrConvString prints a TIME at
// the item's decimals.
std::string DurationText(int64_t micros, uint32_t digits = 0) {
  char buffer[64];
  int64_t length = micros < 0 ? -micros : micros;
  int written = std::snprintf(buffer, sizeof buffer, "%s%02lld:%02lld:%02lld", micros < 0 ? "-" : "",
                              static_cast<long long>(length / kHour),
                              static_cast<long long>(length / kMinute % 60),
                              static_cast<long long>(length / kSecond % 60));
  digits = std::min<uint32_t>(digits, 6);
  if (digits > 0 && written > 0) {
    static constexpr int64_t kScale[] = {1000000, 100000, 10000, 1000, 100, 10, 1};
    std::snprintf(buffer + written, sizeof buffer - static_cast<size_t>(written), ".%0*lld",
                  static_cast<int>(digits),
                  static_cast<long long>(length % kSecond / kScale[digits]));
  }
  return buffer;
}

// Moves a DATE or DATETIME by `interval`: months clamp the day to the month's last one;
// false when the result leaves MySQL's range.
bool MoveBy(Temporal* value, const Interval& interval) {
  int64_t moved = 0;
  if (interval.months == 0) {
    return !__builtin_add_overflow(Instant(*value), interval.micros, &moved) &&
           FromInstant(moved, value);
  }
  int64_t index = static_cast<int64_t>(value->year) * 12 + (value->month - 1);
  if (__builtin_add_overflow(index, interval.months, &index) || index < 0 ||
      index >= 10000 * 12) {
    return false;
  }
  value->year = static_cast<uint32_t>(index / 12);
  value->month = static_cast<uint32_t>(index % 12 + 1);
  value->day = std::min(value->day, types::DaysInMonth(value->year, value->month));
  return true;
}

// Whether a number's whole part lies outside BIGINT's range.
bool WholePartPastBigint(std::string_view text) {
  size_t at = text.find_first_not_of(" \t");
  if (at == std::string_view::npos) return false;
  bool negative = text[at] == '-';
  if (text[at] == '-' || text[at] == '+') ++at;
  while (at < text.size() && text[at] == '0') ++at;
  size_t end = at;
  while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
  std::string_view whole = text.substr(at, end - at);
  std::string_view limit = negative ? "9223372036854775808" : "9223372036854775807";
  return whole.size() > limit.size() || (whole.size() == limit.size() && whole > limit);
}

// What DATE_ADD's result is (argument 5), from the first argument's type and the unit.
enum class AddResult : int { kAsRead = 0, kDate = 1, kDateTime = 2, kTime = 3 };

// mysql_date_add(value, amount, unit, subtract, result, fsp, rounded[, number_type]):
// DATE_ADD, DATE_SUB, ADDDATE, SUBDATE and `value ± INTERVAL amount unit`. Months clamp to
// the month's last day ('2020-01-31' + 1 MONTH is '2020-02-29'); a result outside the
// DATETIME range is NULL with warning 1441. kAsRead (a string or number argument) gives a
// DATE's text when the value read was a date and the unit days or more (whatever the
// amount: + INTERVAL 0 HOUR is a DATETIME), a DATETIME's otherwise (with `fsp` digits after a number, six after text with a fraction).
void DateAdd(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[2]) == SQLITE_NULL) {
    return sqlite3_result_null(context);
  }
  const UnitShape* shape = FindUnit(ToUpperAscii(BytesOf(argv[2])));
  if (shape == nullptr) return sqlite3_result_null(context);
  auto result = static_cast<AddResult>(sqlite3_value_int64(argv[4]));
  // The date is read before the amount, as MySQL reads them: a NULL amount still leaves what
  // reading the date said.
  bool no_amount = sqlite3_value_type(argv[1]) == SQLITE_NULL;
  Interval interval;
  // argv[6]: 0 text read as the unit's fields, 1 a number (rounded to the unit), 2 text of one
  // unit read as MySQL's val_int reads it (SECOND's as its val_decimal: 3), here, so that
  // what reading it says is said only once the date is read; 4 SECOND's number with a
  // fraction (read as a DECIMAL).
  const int64_t amount_mode = sqlite3_value_int64(argv[6]);
  auto read_amount = [&] {
    if (no_amount) return false;
    std::string text(BytesOf(argv[1]));
    if (amount_mode == 2 || amount_mode == 3) {
      ConversionContext conversion{&static_cast<FunctionHost*>(sqlite3_user_data(context))->warnings};
      const ExprType to = amount_mode == 3 ? NumericType(ValueType::kDecimal, 67, 30)
                                           : TypeOf(ValueType::kInteger, 21);
      Value number = ConvertValue(ValueFrom(argv[1]), TypeOf(ValueType::kString, 0), to, conversion);
      if (number.is_null() || !ToText(number, to, &text)) return false;
    }
    // (SECOND of an amount with a fraction, read as a DECIMAL (3, 4), whose seconds pass
    // BIGINT's range: NULL, with the warning MySQL's my_decimal2lldiv_t says)
    if ((amount_mode == 3 || amount_mode == 4) && WholePartPastBigint(text)) {
      Warn(context, Status::Error(ER_TRUNCATED_WRONG_VALUE, "DECIMAL", ""));
      return false;
    }
    // (a DECIMAL of one unit past BIGINT's range: BIGINT's bound, with the warning MySQL's
    // val_int says of it, my_decimal2int's)
    if (amount_mode == 1 && shape->fields == 1 && sqlite3_value_type(argv[1]) == SQLITE_TEXT &&
        WholePartPastBigint(text)) {
      Warn(context, Status::Error(ER_TRUNCATED_WRONG_VALUE, "DECIMAL", ""));
      bool negative = text.find('-') != std::string::npos;
      text = negative ? "-9223372036854775808" : "9223372036854775807";
    }
    // (BIGINT's least value of one unit is no interval: NULL, without a warning, as MySQL's
    // get_interval_value refuses to negate it)
    if (amount_mode != 0 && shape->fields == 1 && text.find_first_not_of(" \t") != std::string::npos &&
        text.substr(text.find_first_not_of(" \t")) == "-9223372036854775808") {
      return false;
    }
    // (an amount past any date or time overflows the result once the value is read: 1441)
    if (!ReadInterval(text, *shape, amount_mode != 0, &interval) && !interval.overflow) {
      return false;
    }
    if (sqlite3_value_int64(argv[3]) != 0) {
      interval.months = -interval.months;
      interval.micros = -interval.micros;
    }
    return true;
  };
  uint32_t fsp = static_cast<uint32_t>(std::clamp<int64_t>(sqlite3_value_int64(argv[5]), 0, 6));
  Temporal value;
  if (result == AddResult::kTime) {
    if (types::ParseTime(BytesOf(argv[0]), &value) == types::TemporalOutcome::kBad || !read_amount()) {
      return sqlite3_result_null(context);
    }
    // Past ±838:59:59 in whole seconds, or moved by years or months (no TIME has them):
    // NULL with 1441, as MySQL's interval arithmetic on a TIME gives (its sec_to_time looks
    // at the whole seconds: 838:59:59 and 60 microseconds is 838:59:59.000060).
    const int64_t total = TimeMicros(value) + interval.micros;
    const bool past = total / kSecond > kMaxTimeMicros / kSecond ||
                      total / kSecond < -(kMaxTimeMicros / kSecond);
    bool clamped = false;
    Temporal sum = TimeOf(past ? total : std::clamp(total, -kMaxTimeMicros - (kSecond - 1),
                                                   kMaxTimeMicros + (kSecond - 1)),
                          &clamped);
    if (!past && clamped) {
      // (within the last second: the value as it is, its fraction past 838:59:59)
      int64_t length = total < 0 ? -total : total;
      sum.negative = total < 0;
      sum.hour = static_cast<uint32_t>(length / kHour);
      sum.minute = static_cast<uint32_t>(length / kMinute % 60);
      sum.second = static_cast<uint32_t>(length / kSecond % 60);
      sum.micros = static_cast<uint32_t>(length % kSecond);
    }
    if (past || interval.overflow || interval.months != 0) {
      Warn(context, Status::Error(ER_DATETIME_FUNCTION_OVERFLOW, "time"));
      return sqlite3_result_null(context);
    }
    return ResultText(context, types::Format(sum, fsp));
  }
  // argv[7], when given: the type code of a number read as [YY]YYMMDD[hhmmss][.fraction].
  bool read = false;
  if (argc > 7) {
    ExprType from = TypeFromCode(sqlite3_value_int64(argv[7]));
    types::TemporalOutcome outcome =
        ReadTemporal(ValueFrom(argv[0]), from, Temporal::Kind::kDateTime, &value);
    read = outcome != types::TemporalOutcome::kBad && WholeDate(value);
    // (a date number's fraction: 20240101.5 is the date 2024-01-01)
    std::string text;
    if (read && outcome == types::TemporalOutcome::kTruncated && ToText(ValueFrom(argv[0]), from, &text)) {
      Warn(context, Status::Error(ER_TRUNCATED_WRONG_VALUE, "date", text));
    }
  } else if (sqlite3_value_type(argv[0]) != SQLITE_NULL) {
    types::TemporalOutcome outcome = types::ParseDateTime(BytesOf(argv[0]), &value, {});
    read = outcome != types::TemporalOutcome::kBad && WholeDate(value);
    // (text left after a date: str_to_datetime_with_warn's 1292, naming the kind it read)
    if (read && outcome == types::TemporalOutcome::kTruncated) {
      Warn(context, Status::Error(ER_TRUNCATED_WRONG_VALUE, KindRead(value), WarningText(argv[0])));
    }
  }
  if (!read) {
    // (a DATE, DATETIME or TIMESTAMP with a zero date or zero parts: no date, silently, as
    // MySQL's fields answer get_date with TIME_NO_ZERO_DATE, check_fuzzy_date)
    if (result == AddResult::kDate || result == AddResult::kDateTime) return sqlite3_result_null(context);
    WarnIncorrect(context, "datetime", argv[0]);
    return sqlite3_result_null(context);
  }
  if (!read_amount()) return sqlite3_result_null(context);
  bool was_date = value.kind == Temporal::Kind::kDate;
  if (interval.overflow || !MoveBy(&value, interval)) {
    Warn(context, Status::Error(ER_DATETIME_FUNCTION_OVERFLOW, "datetime"));
    return sqlite3_result_null(context);
  }
  bool whole_days = DaysOrMore(*shape);
  bool date = result == AddResult::kDate ||
              (result == AddResult::kAsRead && was_date && whole_days);
  value.kind = date ? Temporal::Kind::kDate : Temporal::Kind::kDateTime;
  // (a string shows a fraction when there is one; a number its own digits, given in `fsp`)
  if (result == AddResult::kAsRead && argc <= 7) fsp = value.micros != 0 ? 6 : 0;
  ResultText(context, types::Format(value, fsp));
}

// mysql_addtime(value, amount, subtract, fsp, datetime[, amount_text]): ADDTIME / SUBTIME; TIMESTAMP(e, t)
// with `datetime` 1 and TIMESTAMP(e) (amount 0) with 2 (a DATE is then read as its midnight);
// 3 for ADDTIME / SUBTIME of text a date function wrote (a date is its midnight, a time a time).
// A DATETIME (or text read as one) moves by the TIME `amount`, counting days as MySQL's day
// numbers do (2024-00-00 is 2023-11-30); a TIME gives a TIME, clamped to ±838:59:59 with
// warning 1292.
void AddTime(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  const int64_t mode = sqlite3_value_int64(argv[4]);
  bool datetime = mode == 1 || mode == 2;
  // (mode 3: text a date function wrote, read as that function gives it, a date as its
  // midnight: ADDTIME(ADDDATE('24-02-29', 100), t) moves 2024-06-08 00:00:00)
  const bool dates_too = mode == 3;
  std::string_view text = BytesOf(argv[0]);
  Temporal value;
  const bool value_read = ParseDateTimeZeroParts(text, &value, datetime) != types::TemporalOutcome::kBad &&
                          (value.kind == Temporal::Kind::kDateTime || datetime ||
                           (dates_too && value.kind == Temporal::Kind::kDate));
  // With a sixth argument, the amount is text read here, after the value (TIMESTAMP(d, t):
  // MySQL reads d first and stops there when it is no datetime).
  const bool amount_text = argc > 5 && sqlite3_value_int64(argv[5]) != 0;
  if (mode == 1 && !value_read) {
    WarnIncorrect(context, "datetime", argv[0]);
    return sqlite3_result_null(context);
  }
  // (a first argument that is no time ends it before the amount is read)
  Temporal as_time;
  if (!value_read && !datetime && types::ParseTime(text, &as_time) == types::TemporalOutcome::kBad) {
    return sqlite3_result_null(context);
  }
  // (the amount is read here: what its constants' folding said is said now)
  if (argc > 6) SayDeferredWarnings(context, argv[6]);
  if (sqlite3_value_type(argv[1]) == SQLITE_NULL) return sqlite3_result_null(context);
  Temporal amount;
  types::TemporalOutcome read = amount_text ? types::ParseTimeText(BytesOf(argv[1]), &amount)
                                            : types::ParseTime(BytesOf(argv[1]), &amount);
  if (read == types::TemporalOutcome::kBad) {
    if (amount_text) WarnTruncatedTime(context, argv[1]);
    return sqlite3_result_null(context);
  }
  if (amount_text && read == types::TemporalOutcome::kTruncated) WarnTruncatedTime(context, argv[1]);
  if (amount_text && amount.kind != Temporal::Kind::kTime) amount = types::ConvertKind(amount, Temporal::Kind::kTime);
  int64_t micros = TimeMicros(amount) * (sqlite3_value_int64(argv[2]) != 0 ? -1 : 1);
  int64_t fsp = sqlite3_value_int64(argv[3]);
  if (value_read) {
    // TIMESTAMP(d) of a date with zero parts, or of the zero date: the value as it is, as
    // CAST gives it (anything added to the zero date is NULL).
    if (mode == 2 && (value.IsZeroDate() || value.month == 0 || value.day == 0)) {
      value.kind = Temporal::Kind::kDateTime;
      return ResultText(context, types::Format(value, DigitsFor(fsp, value)));
    }
    const int64_t total = Instant(value) + micros;
    if (!FromInstant(total, &value)) {
      // Past 9999-12-31 by less than MySQL's calendar reaches (a year 10000): 1441. Before
      // 0001-01-01, or past where the calendar gives up, MySQL's day number names the zero
      // date, which is NULL without a word (day 0).
      const int64_t days = total < 0 ? -1 : total / 86400000000LL;
      if (amount_text && days > 3652424 && days < 3652500) {
        Warn(context, Status::Error(ER_DATETIME_FUNCTION_OVERFLOW, "add_time"));
      }
      return sqlite3_result_null(context);
    }
    value.kind = Temporal::Kind::kDateTime;
    return ResultText(context, types::Format(value, DigitsFor(fsp, value)));
  }
  if (datetime) {  // TIMESTAMP(e) of what is no datetime: NULL, as CAST(e AS DATETIME) says
    WarnIncorrect(context, "datetime", argv[0]);
    return sqlite3_result_null(context);
  }
  if (types::ParseTime(text, &value) == types::TemporalOutcome::kBad) {
    return sqlite3_result_null(context);
  }
  bool clamped = false;
  int64_t total = TimeMicros(value) + micros;
  Temporal sum = TimeOf(total, &clamped);
  if (clamped) Warn(context, Status::Error(ER_TRUNCATED_WRONG_VALUE, "time", DurationText(total)));
  std::string out = types::Format(sum, DigitsFor(fsp, sum));
  ResultText(context, out);
}

// mysql_number_datetime(n, type): a number of eleven or more digits before its point read as
// the DATETIME it names ([YY]YYMMDDhhmmss[.ffffff]), as MySQL reads one where a TIME or a
// DATETIME may stand (ADDTIME's first argument): that DATETIME's text with the number's
// fraction digits, or NULL (nothing warned) when it is shorter or names no DATETIME, and is
// to be read as a TIME.
void NumberDateTime(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  const Value value = ValueFrom(argv[0]);
  const ExprType from = TypeFromCode(sqlite3_value_int64(argv[1]));
  ConversionContext quiet;
  double magnitude = 0;
  if (!ToDouble(value, from, quiet, &magnitude) || std::fabs(magnitude) < 1e10) {
    return sqlite3_result_null(context);
  }
  Temporal datetime;
  if (ReadTemporal(value, from, Temporal::Kind::kDateTime, &datetime) !=
          types::TemporalOutcome::kOk ||
      datetime.kind != Temporal::Kind::kDateTime) {
    return sqlite3_result_null(context);
  }
  ResultText(context, types::Format(datetime, std::min<uint32_t>(from.decimals, 6)));
}

// Whether `arg`, an INTEGER or a DOUBLE (or, `digits`, an unsigned integer's digits), names a
// date as MySQL reads a number where a date is wanted, zero parts allowed: its whole part as
// [YY]YYMMDD[hhmmss], nothing negative or past 14 digits. Other values (text, a DECIMAL's
// key) are not numbers here: true.
bool NumberNamesDate(sqlite3_value* arg, bool digits) {
  const int kind = sqlite3_value_type(arg);
  uint64_t whole = 0;
  if (digits && kind == SQLITE_TEXT) {
    const std::string_view text = BytesOf(arg);
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), whole);
    if (error != std::errc() || end != text.data() + text.size()) return true;
    if (whole > 99999999999999ULL) return false;
  } else {
    if (kind != SQLITE_INTEGER && kind != SQLITE_FLOAT) return true;
    const double number = sqlite3_value_double(arg);
    if (!std::isfinite(number) || number < 0 || number > 99999999999999.0) return false;
    whole = kind == SQLITE_INTEGER ? static_cast<uint64_t>(sqlite3_value_int64(arg))
                                   : static_cast<uint64_t>(std::floor(number));
  }
  Temporal date;
  return types::DateTimeFromNumber(false, whole, 0, &date, types::DateChecks{true, true, false}) !=
         types::TemporalOutcome::kBad;
}

// mysql_timediff(a, b, fsp, times): a - b as a TIME, both TIMEs or both DATETIMEs (NULL
// otherwise), clamped to ±838:59:59 with warning 1292. With `times` (neither argument is a
// DATE or DATETIME) each is read as a TIME, a datetime's text as a DATETIME; else each is read
// as a date first.
void TimeDiff(sqlite3_context* context, int argc, sqlite3_value** argv) {
  bool times = sqlite3_value_int64(argv[3]) != 0;
  if (!times && argc > 4) {
    // Beside a date, MySQL reads each argument as a DATETIME in turn, stopping at the first
    // NULL: text that is none says 1292 "Incorrect datetime value" (text with more after the
    // value, "Truncated incorrect ..."), as does a number that names none (its whole part
    // read as [YY]YYMMDD[hhmmss], number_to_datetime), and the difference is NULL.
    int64_t text = sqlite3_value_int64(argv[4]);
    for (int i = 0; i < 2; ++i) {
      if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return sqlite3_result_null(context);
      if (!NumberNamesDate(argv[i], (text >> (3 + i) & 1) != 0)) {
        WarnIncorrect(context, "datetime", argv[i]);
        return sqlite3_result_null(context);
      }
      if ((text >> i & 1) == 0) continue;
      Temporal value;
      types::TemporalOutcome outcome = ParseDateTimeZeroParts(BytesOf(argv[i]), &value);
      if (outcome == types::TemporalOutcome::kBad) {
        WarnIncorrect(context, "datetime", argv[i]);
        return sqlite3_result_null(context);
      }
      if (outcome == types::TemporalOutcome::kTruncated) {
        Warn(context, Status::Error(ER_TRUNCATED_WRONG_VALUE, KindRead(value), std::string(BytesOf(argv[i]))));
      }
    }
  }
  if (AnyNull(2, argv)) return sqlite3_result_null(context);
  // Each is a DATETIME, a DATE or a TIME; both must be of one kind.
  // (a TIME value beside a date is a TIME, whose text may look like a date's: '00:00:00')
  // (bits 1, 2: text arguments; 8, 16: unsigned integers given as their digits)
  const int64_t text_args = argc > 4 ? sqlite3_value_int64(argv[4]) : 3;
  auto read_text = [times](std::string_view text, bool number, Temporal* out, bool time_value = false) {
    if (times) {
      if (types::ParseDateTimeOnly(text, out) != types::TemporalOutcome::kBad &&
          out->kind == Temporal::Kind::kDateTime) {
        return true;
      }
    } else if (time_value) {
      // (read as a TIME below)
    } else if (ParseDateTimeZeroParts(text, out) != types::TemporalOutcome::kBad) {
      return true;
    } else if (number) {
      return false;  // (beside a date, a number is read as a datetime only)
    }
    return types::ParseTime(text, out) != types::TemporalOutcome::kBad;
  };
  auto read = [&read_text, text_args](int i, sqlite3_value* arg, Temporal* out) {
    const int kind = sqlite3_value_type(arg);
    const bool number = kind == SQLITE_INTEGER || kind == SQLITE_FLOAT;
    const std::string_view text = BytesOf(arg);
    const bool typed = !number && (text_args >> i & 1) == 0 && (text_args >> (3 + i) & 1) == 0;
    // (a TIME's text has a ':' and no date before it; a DECIMAL's text has none)
    const bool time_value = typed && text.find(':') != std::string_view::npos &&
                            (text.size() < 5 || text[4] != '-');
    return read_text(text, number, out, time_value);
  };
  Temporal a, b;
  if (!read(0, argv[0], &a)) return sqlite3_result_null(context);
  if (times && argc > 4 && (sqlite3_value_int64(argv[4]) & 4) != 0) {
    // (the second, text, read as a TIME only now that the first is one)
    std::string second(BytesOf(argv[1]));
    types::TemporalOutcome outcome = types::ParseTimeText(second, &b);
    if (outcome != types::TemporalOutcome::kOk) {
      Warn(context, Status::Error(ER_TRUNCATED_WRONG_VALUE, "time", second));
    }
    if (outcome == types::TemporalOutcome::kBad) return sqlite3_result_null(context);
    if (!read_text(types::Format(b, 6), false, &b)) return sqlite3_result_null(context);
  } else if (!read(1, argv[1], &b)) {
    return sqlite3_result_null(context);
  }
  if (a.kind != b.kind) return sqlite3_result_null(context);
  bool time = a.kind == Temporal::Kind::kTime;
  int64_t micros = time ? TimeMicros(a) - TimeMicros(b) : Instant(a) - Instant(b);
  bool clamped = false;
  Temporal difference = TimeOf(micros, &clamped);
  const int64_t fsp = sqlite3_value_int64(argv[2]);
  if (clamped) {
    Warn(context, Status::Error(ER_TRUNCATED_WRONG_VALUE, "time",
                                DurationText(micros, static_cast<uint32_t>(std::clamp<int64_t>(fsp, 0, 6)))));
  }
  std::string out = types::Format(difference, DigitsFor(fsp, difference));
  ResultText(context, out);
}

// mysql_time_to_sec(t): the TIME's signed whole seconds.
void TimeToSec(sqlite3_context* context, int, sqlite3_value** argv) {
  Temporal value;
  if (!ReadTime(argv[0], &value)) return sqlite3_result_null(context);
  sqlite3_result_int64(context, TimeMicros(value) / kSecond);
}

// mysql_sec_to_time(seconds, fsp): a TIME, clamped with warning 1292.
void SecToTime(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  double seconds = sqlite3_value_double(argv[0]);
  uint32_t fsp = static_cast<uint32_t>(std::clamp<int64_t>(sqlite3_value_int64(argv[1]), 0, 6));
  double limit = static_cast<double>(kMaxTimeMicros) / kSecond + 1;
  bool clamped = false;
  Temporal value = TimeOf(std::abs(seconds) >= limit
                              ? (seconds < 0 ? -kMaxTimeMicros - 1 : kMaxTimeMicros + 1)
                              : static_cast<int64_t>(std::llround(seconds * kSecond)),
                          &clamped);
  types::RoundFraction(&value, fsp);
  std::string out = types::Format(value, fsp);
  if (clamped) {
    // MySQL reads the argument as a DECIMAL and quotes that: 1e15 as 1000000000000000.
    std::string shown(BytesOf(argv[0]));
    if (sqlite3_value_type(argv[0]) == SQLITE_FLOAT) {
      std::optional<types::Decimal> exact = types::Decimal::FromDouble(seconds);
      if (exact) shown = exact->ToString();
    }
    // (MySQL's SEC_TO_TIME says "time", as every TIME it clamps)
    Warn(context, Status::Error(ER_TRUNCATED_WRONG_VALUE, "time", shown));
  }
  ResultText(context, out);
}

// mysql_maketime(hour, minute, second, fsp): NULL for a minute or second outside 0..59.
void MakeTime(sqlite3_context* context, int, sqlite3_value** argv) {
  if (AnyNull(3, argv)) return sqlite3_result_null(context);
  int64_t hour = sqlite3_value_int64(argv[0]);
  int64_t minute = sqlite3_value_int64(argv[1]);
  double second = sqlite3_value_double(argv[2]);
  if (minute < 0 || minute > 59 || second < 0 || second >= 60) return sqlite3_result_null(context);
  uint32_t fsp = static_cast<uint32_t>(std::clamp<int64_t>(sqlite3_value_int64(argv[3]), 0, 6));
  int64_t hours = std::clamp<int64_t>(hour, -10000, 10000);
  int64_t length = ((std::abs(hours) * 60 + minute) * 60) * kSecond +
                   static_cast<int64_t>(std::llround(second * kSecond));
  bool clamped = false;
  Temporal value = TimeOf(hour < 0 ? -length : length, &clamped);
  types::RoundFraction(&value, fsp);
  std::string out = types::Format(value, fsp);
  if (clamped) {
    // MySQL quotes the arguments as hour:MM:SS, then the seconds' fraction digits unless they
    // are all zero: 839:00:30.5.
    std::string seconds(BytesOf(argv[2]));
    size_t point = seconds.find('.');
    std::string fraction = point == std::string::npos ? "" : seconds.substr(point);
    if (fraction.find_first_not_of(".0") == std::string::npos) fraction.clear();
    char clock[16];
    std::snprintf(clock, sizeof clock, ":%02u:%02u", static_cast<unsigned>(minute),
                  static_cast<unsigned>(second));
    Warn(context, Status::Error(ER_TRUNCATED_WRONG_VALUE, "time", std::to_string(hour) + clock + fraction));
  }
  ResultText(context, out);
}

// mysql_date_field(field, d): of a date read from text (the binder hands numbers and TIMEs
// over as DATETIMEs), field 0 YEAR, 1 MONTH, 2 DAY, 4 DAYOFYEAR, 5 DAYOFWEEK (1 = Sunday), 6
// WEEKDAY (0 = Monday). YEAR, MONTH and DAY read the zero date as zeros; the others need a
// whole date. What is no date is NULL with 1292.
void DateField(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[1]) == SQLITE_NULL) return sqlite3_result_null(context);
  int64_t field = sqlite3_value_int64(argv[0]);
  Temporal value;
  bool read = ReadTemporal(argv[1], &value, false, kAnyDate);
  if (!read) {
    WarnIncorrect(context, "datetime", argv[1]);
    return sqlite3_result_null(context);
  }
  // A date with zero parts where a whole one is wanted: NULL. (Text reaches here checked
  // already; a DATE or DATETIME value holding one is NULL without a word, as MySQL's field
  // refuses it quietly.)
  if (field >= 4 && (value.month == 0 || value.day == 0)) return sqlite3_result_null(context);
  int64_t day_number = DayNumber(value.year, value.month, value.day);
  int64_t result = 0;
  switch (field) {
    case 0: result = value.year; break;
    case 1: result = value.month; break;
    case 2: result = value.day; break;
    case 4: result = day_number - DayNumber(value.year, 1, 1) + 1; break;
    case 5: result = (Weekday(day_number) + 1) % 7 + 1; break;
    default: result = Weekday(day_number); break;
  }
  sqlite3_result_int64(context, result);
}

// mysql_datediff(a, b): days from date b to date a (the binder hands numbers and TIMEs over
// as DATETIMEs); NULL with 1292 for what is no date or has zero parts.
void DateDiffDays(sqlite3_context* context, int, sqlite3_value** argv) {
  int64_t days[2] = {0, 0};
  for (int i = 0; i < 2; ++i) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return sqlite3_result_null(context);
    Temporal value;
    if (!ReadTemporal(argv[i], &value, false, kAnyDate)) {
      WarnIncorrect(context, "datetime", argv[i]);
      return sqlite3_result_null(context);
    }
    // (zero parts: text was checked before; a DATE or DATETIME holding them is NULL quietly)
    if (value.month == 0 || value.day == 0) {
      return sqlite3_result_null(context);
    }
    days[i] = DayNumber(value.year, value.month, value.day);
  }
  sqlite3_result_int64(context, days[0] - days[1]);
}

// mysql_time_field(field, t): of a time read from text (a datetime's text gives its time of
// day; the binder hands other values over as TIMEs), field 0 HOUR (all of them, up to 838),
// 1 MINUTE, 2 SECOND. What is no time is NULL with 1292.
void TimeField(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[1]) == SQLITE_NULL) return sqlite3_result_null(context);
  Temporal value;
  if (!ReadTime(argv[1], &value)) {
    WarnTruncatedTime(context, argv[1]);
    return sqlite3_result_null(context);
  }
  int64_t field = sqlite3_value_int64(argv[0]);
  sqlite3_result_int64(context, field == 0 ? value.hour : field == 1 ? value.minute : value.second);
}

// mysql_microsecond(t): the fraction of a TIME, DATETIME or their text, in microseconds.
void Microsecond(sqlite3_context* context, int, sqlite3_value** argv) {
  Temporal value;
  if (!ReadTime(argv[0], &value)) {
    WarnTruncatedTime(context, argv[0]);
    return sqlite3_result_null(context);
  }
  sqlite3_result_int64(context, value.micros);
}

// mysql_to_seconds(d): seconds since day 0 of MySQL's calendar; NULL, silently, for a
// stored zero date or one with a zero part (text was read, with its warnings, before), as
// TO_DAYS.
void ToSeconds(sqlite3_context* context, int, sqlite3_value** argv) {
  Temporal value;
  if (!ReadDate(argv[0], &value)) return sqlite3_result_null(context);
  sqlite3_result_int64(context, Instant(value) / kSecond);
}

// A period YYMM or YYYYMM as months since year 0 (two-digit years as MySQL reads them).
int64_t PeriodMonths(int64_t period) {
  if (period == 0) return 0;
  int64_t year = period / 100;
  if (year < 100) year += year < 70 ? 2000 : 1900;
  return year * 12 + period % 100 - 1;
}

// A period MySQL takes: positive, its month 1..12.
bool ValidPeriod(int64_t period) { return period > 0 && period % 100 != 0 && period % 100 <= 12; }

// mysql_period_add(P, N) / mysql_period_diff(P1, P2); a period that is none is an error
// (1210), as MySQL 8 has it.
void PeriodAdd(sqlite3_context* context, int, sqlite3_value** argv) {
  if (AnyNull(2, argv)) return sqlite3_result_null(context);
  int64_t period = sqlite3_value_int64(argv[0]);
  if (!ValidPeriod(period)) return RaiseError(context, Status::Error(ER_WRONG_ARGUMENTS, "period_add"));
  int64_t months = PeriodMonths(period) + sqlite3_value_int64(argv[1]);
  sqlite3_result_int64(context, months / 12 * 100 + months % 12 + 1);
}

void PeriodDiff(sqlite3_context* context, int, sqlite3_value** argv) {
  if (AnyNull(2, argv)) return sqlite3_result_null(context);
  int64_t first = sqlite3_value_int64(argv[0]);
  int64_t second = sqlite3_value_int64(argv[1]);
  if (!ValidPeriod(first) || !ValidPeriod(second)) {
    return RaiseError(context, Status::Error(ER_WRONG_ARGUMENTS, "period_diff"));
  }
  sqlite3_result_int64(context, PeriodMonths(first) - PeriodMonths(second));
}

// mysql_time_format(t, format): DATE_FORMAT's time specifiers over a TIME (hours past 23
// kept); a date specifier gives NULL.
void TimeFormat(sqlite3_context* context, int, sqlite3_value** argv) {
  Temporal value;
  if (AnyNull(2, argv) || !ReadTime(argv[0], &value)) return sqlite3_result_null(context);
  std::string_view format = BytesOf(argv[1]);
  std::string out;
  char buffer[32];
  uint32_t hour12 = value.hour % 12 == 0 ? 12 : value.hour % 12;
  const char* meridiem = value.hour % 24 < 12 ? "AM" : "PM";
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%' || i + 1 == format.size()) {
      out += format[i];
      continue;
    }
    char spec = format[++i];
    switch (spec) {
      case 'H': std::snprintf(buffer, sizeof buffer, "%02u", value.hour); break;
      case 'k': std::snprintf(buffer, sizeof buffer, "%u", value.hour); break;
      case 'h': case 'I': std::snprintf(buffer, sizeof buffer, "%02u", hour12); break;
      case 'l': std::snprintf(buffer, sizeof buffer, "%u", hour12); break;
      case 'i': std::snprintf(buffer, sizeof buffer, "%02u", value.minute); break;
      case 's': case 'S': std::snprintf(buffer, sizeof buffer, "%02u", value.second); break;
      case 'f': std::snprintf(buffer, sizeof buffer, "%06u", value.micros); break;
      case 'p': std::snprintf(buffer, sizeof buffer, "%s", meridiem); break;
      case 'r':
        std::snprintf(buffer, sizeof buffer, "%02u:%02u:%02u %s", hour12, value.minute,
                      value.second, meridiem);
        break;
      case 'T':
        std::snprintf(buffer, sizeof buffer, "%02u:%02u:%02u", value.hour, value.minute,
                      value.second);
        break;
      // A TIME's date is all zeros to MySQL: its numbers print as such, names and weeks
      // make the result NULL.
      case 'Y': std::snprintf(buffer, sizeof buffer, "0000"); break;
      case 'y': case 'm': case 'd': std::snprintf(buffer, sizeof buffer, "00"); break;
      case 'c': case 'e': std::snprintf(buffer, sizeof buffer, "0"); break;
      default:
        if (std::string_view("abDjMUuVvWwXx").find(spec) != std::string_view::npos) {
          return sqlite3_result_null(context);
        }
        std::snprintf(buffer, sizeof buffer, "%c", spec);
        break;
    }
    out += buffer;
  }
  if (format.empty()) return sqlite3_result_null(context);
  if (value.negative && !out.empty()) out.insert(out.begin(), '-');
  ResultText(context, out);
}

// ---- Time zones: UNIX_TIMESTAMP(value), FROM_UNIXTIME, CONVERT_TZ ---------------------------

// MySQL's day number of 1970-01-01.
constexpr int64_t kEpochDay = 719528;
// The last instant UNIX_TIMESTAMP, FROM_UNIXTIME and CONVERT_TZ take (MySQL's on 64-bit
// platforms: '3001-01-18 23:59:59.999999' UTC).
constexpr int64_t kMaxUnixtime = 32536771199;

const types::TimeZone& SessionZone(sqlite3_context* context) {
  auto* host = static_cast<FunctionHost*>(sqlite3_user_data(context));
  return host != nullptr && host->time_zone ? *host->time_zone : *types::TimeZone::Utc();
}

// mysql_unix_timestamp_of(value, fsp): the instant the session's wall-clock time `value`
// names, in whole seconds (fsp 0) or as the text of a number with fsp fraction digits; 0
// outside 1970-01-01 00:00:01 to 3001-01-18 23:59:59 UTC.
void UnixTimestampOf(sqlite3_context* context, int, sqlite3_value** argv) {
  Temporal value;
  int type = sqlite3_value_type(argv[0]);
  if (type == SQLITE_NULL) return sqlite3_result_null(context);
  uint32_t fsp = static_cast<uint32_t>(std::clamp<int64_t>(sqlite3_value_int64(argv[1]), 0, 6));
  // (1: text read under NO_ZERO_DATE, which refuses the zero date)
  bool zero_refused = sqlite3_value_int64(argv[2]) != 0;
  bool number = type == SQLITE_INTEGER || type == SQLITE_FLOAT;
  int64_t utc = 0;
  const bool zero = number && sqlite3_value_double(argv[0]) == 0;
  bool cut = false;
  const bool read = !zero && ReadTemporal(argv[0], &value, false, kAnyDate, &cut);
  // (text left after the date: 1292, and the date read)
  if (read && cut && type == SQLITE_TEXT) {
    Warn(context, Status::Error(ER_TRUNCATED_WRONG_VALUE, KindRead(value), WarningText(argv[0])));
  }
  if (zero) {
    // The number 0 is the zero date, which names no instant: 0, quietly.
  } else if (!read) {
    WarnIncorrect(context, "datetime", argv[0]);
  } else if (value.IsZeroDate() || value.month == 0 || value.day == 0) {
    // A date with zero parts reads (MySQL's fuzzy reading) but names no instant: 0, quietly,
    // save for the zero date as text NO_ZERO_DATE refuses.
    if (value.IsZeroDate() && zero_refused) WarnIncorrect(context, "datetime", argv[0]);
  } else {
    types::RoundFraction(&value, fsp);
    utc = SessionZone(context).ToUtc(types::EpochSeconds(value));
    if (utc < 1 || utc > kMaxUnixtime) utc = 0;
  }
  if (fsp == 0) return sqlite3_result_int64(context, utc);
  std::string out = std::to_string(utc) + ".";
  std::string fraction = std::to_string(utc == 0 ? 0 : value.micros + 1000000).substr(1);
  if (utc == 0) fraction = "000000";
  ResultText(context, out + fraction.substr(0, fsp));
}

// mysql_timestamp_read(value): a TIMESTAMP column's stored UTC text as the session's
// wall-clock time, with as many fraction digits as it has.
void TimestampRead(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  ResultText(context, TimestampInZone(BytesOf(argv[0]), SessionZone(context)));
}

// mysql_from_unixtime(seconds, fsp): the session's wall-clock DATETIME of an instant; NULL
// for a negative one or past 3001-01-18 23:59:59.999999 UTC.
void FromUnixtime(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  double seconds = sqlite3_value_double(argv[0]);
  if (seconds < 0 || seconds >= static_cast<double>(kMaxUnixtime + 1)) {
    return sqlite3_result_null(context);
  }
  uint32_t fsp = static_cast<uint32_t>(std::clamp<int64_t>(sqlite3_value_int64(argv[1]), 0, 6));
  int64_t micros = sqlite3_value_type(argv[0]) == SQLITE_INTEGER
                       ? sqlite3_value_int64(argv[0]) * kSecond
                       : static_cast<int64_t>(std::llround(seconds * kSecond));
  Temporal value;
  value.kind = Temporal::Kind::kDateTime;
  int64_t local = SessionZone(context).ToLocal(micros / kSecond);
  if (!FromInstant((local + kEpochDay * 86400) * kSecond + micros % kSecond, &value)) {
    return sqlite3_result_null(context);
  }
  types::RoundFraction(&value, fsp);
  ResultText(context, types::Format(value, fsp));
}

// mysql_convert_tz(value, from, to, fsp): the wall-clock time `value` in zone `from` as the
// wall-clock time in `to`. NULL for a zone that is none; a value whose instant falls outside
// 1970-01-01 00:00:01 to 3001-01-18 23:59:59 UTC is returned as it is, as MySQL does.
void ConvertTz(sqlite3_context* context, int, sqlite3_value** argv) {
  Temporal value;
  if (AnyNull(3, argv) || !ReadDate(argv[0], &value)) return sqlite3_result_null(context);
  std::shared_ptr<const types::TimeZone> from = types::TimeZone::Find(BytesOf(argv[1]));
  std::shared_ptr<const types::TimeZone> to = types::TimeZone::Find(BytesOf(argv[2]));
  if (from == nullptr || to == nullptr) return sqlite3_result_null(context);
  uint32_t fsp = static_cast<uint32_t>(std::clamp<int64_t>(sqlite3_value_int64(argv[3]), 0, 6));
  value.kind = Temporal::Kind::kDateTime;
  int64_t utc = from->ToUtc(types::EpochSeconds(value));
  if (utc >= 1 && utc <= kMaxUnixtime) {
    int64_t local = to->ToLocal(utc);
    uint32_t micros = value.micros;
    if (!FromInstant((local + kEpochDay * 86400) * kSecond + micros, &value)) {
      return sqlite3_result_null(context);
    }
  }
  ResultText(context, types::Format(value, fsp));
}

// mysql_range_key(value): a DATE or DATETIME as a count of microseconds, which a RANGE window
// frame with an INTERVAL offset orders by and moves along. NULL for NULL or no date.
void RangeKey(sqlite3_context* context, int, sqlite3_value** argv) {
  Temporal value;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || !ReadDate(argv[0], &value)) {
    return sqlite3_result_null(context);
  }
  sqlite3_result_int64(context, Instant(value));
}

}  // namespace

int64_t MysqlWeekOfDate(uint32_t year, uint32_t month, uint32_t day, unsigned behaviour,
                        int64_t* week_year) {
  Temporal value;
  value.kind = Temporal::Kind::kDate;
  value.year = year;
  value.month = month;
  value.day = day;
  return WeekNumber(value, behaviour, week_year);
}

namespace {

// mysql_minmax_dates(flags, fsp, collation_id, date_checks, code1, v1, code2, v2, ...):
// GREATEST / LEAST (flags bit 0: LEAST) of values of mixed types among which a DATE or
// DATETIME is, as MySQL computes them: every value read as a DATETIME (what is none reads as
// the zero date, with 1292), the winner by that; when it is past the zero date, the winner
// written as the DATE (flags bit 1) or the DATETIME with `fsp` digits; else the winner of the
// values' texts under the collation. NULL when any value is.
void MinMaxDates(sqlite3_context* context, int argc, sqlite3_value** argv) {
  const bool least = (sqlite3_value_int64(argv[0]) & 1) != 0;
  const bool date = (sqlite3_value_int64(argv[0]) & 2) != 0;
  const int fsp = static_cast<int>(std::clamp<int64_t>(sqlite3_value_int64(argv[1]), 0, 6));
  const types::Collation* collation = types::FindCollationById(static_cast<uint16_t>(sqlite3_value_int(argv[2])));
  if (collation == nullptr) collation = &types::DefaultCollation();
  ConversionContext conversion{&static_cast<FunctionHost*>(sqlite3_user_data(context))->warnings};
  conversion.dates = DateChecksFromCode(sqlite3_value_int64(argv[3]));
  const ExprType datetime = TypeOf(ValueType::kDateTime, 26, 6);
  static const std::string kZero = "0000-00-00 00:00:00.000000";
  std::string best;
  int winner = -1;
  for (int i = 4; i + 1 < argc; i += 2) {
    if (sqlite3_value_type(argv[i + 1]) == SQLITE_NULL) return sqlite3_result_null(context);
    Value converted = ConvertValue(ValueFrom(argv[i + 1]), TypeFromCode(sqlite3_value_int64(argv[i])), datetime,
                                   conversion);
    std::string key = converted.is_null() || converted.bytes.size() != kZero.size() ? kZero : converted.bytes;
    if (winner < 0 || (key < best) == least) {
      best = std::move(key);
      winner = i;
    }
  }
  if (winner < 0) return sqlite3_result_null(context);
  if (best != kZero) {
    std::string text = date ? best.substr(0, 10) : best.substr(0, fsp > 0 ? 20 + fsp : 19);
    return sqlite3_result_text(context, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  std::string best_text;
  for (int i = 4; i + 1 < argc; i += 2) {
    std::string text;
    if (!ToText(ValueFrom(argv[i + 1]), TypeFromCode(sqlite3_value_int64(argv[i])), &text)) continue;
    if (i == 4 || (collation->Compare(text, best_text) < 0) == least) best_text = std::move(text);
  }
  sqlite3_result_text(context, best_text.data(), static_cast<int>(best_text.size()), SQLITE_TRANSIENT);
}

}  // namespace

std::optional<int64_t> FixedIntervalMicros(std::string_view unit, std::string_view text) {
  const UnitShape* shape = FindUnit(ToUpperAscii(unit));
  Interval interval;
  if (shape == nullptr || !ReadInterval(text, *shape, false, &interval) || interval.months != 0) {
    return std::nullopt;
  }
  for (int i = 0; i < shape->fields; ++i) {
    if (shape->months[i] != 0) return std::nullopt;
  }
  return interval.micros;
}

Status RegisterTimeRuntime(sqlite3* db, FunctionHost* host) {
  static constexpr ScalarFunction kScalars[] = {
      {"mysql_extract", 3, Extract},       {"mysql_date_field", 2, DateField},
      {"mysql_date_text", 2, DateText}, {"mysql_time_text", 1, TimeText},
      {"mysql_time_field", 2, TimeField}, {"mysql_datediff", 2, DateDiffDays},       {"mysql_timestampdiff", 3, TimestampDiff}, {"mysql_timestampdiff", 4, TimestampDiff},
      {"mysql_quarter", 1, QuarterOf},
      {"mysql_last_day", 1, LastDay},      {"mysql_dayname", 1, DayName},
      {"mysql_monthname", 1, MonthName},   {"mysql_to_days", 1, ToDays},
      {"mysql_from_days", 1, FromDays},    {"mysql_makedate", 2, MakeDate},
      {"mysql_str_to_date", 4, StrToDate},
      {"mysql_week", 3, Week},
      {"mysql_date_add", 7, DateAdd},      {"mysql_date_add", 8, DateAdd},      {"mysql_addtime", 5, AddTime},      {"mysql_addtime", 6, AddTime},      {"mysql_addtime", 7, AddTime},
      {"mysql_number_datetime", 2, NumberDateTime},
      {"mysql_timediff", 4, TimeDiff},     {"mysql_timediff", 5, TimeDiff},     {"mysql_time_to_sec", 1, TimeToSec},
      {"mysql_sec_to_time", 2, SecToTime}, {"mysql_maketime", 4, MakeTime},
      {"mysql_microsecond", 1, Microsecond}, {"mysql_to_seconds", 1, ToSeconds},
      {"mysql_period_add", 2, PeriodAdd},  {"mysql_period_diff", 2, PeriodDiff},
      {"mysql_time_format", 2, TimeFormat},
      {"mysql_unix_timestamp_of", 3, UnixTimestampOf, false},
      {"mysql_timestamp_read", 1, TimestampRead, false},
      {"mysql_range_key", 1, RangeKey},
      {"mysql_from_unixtime", 2, FromUnixtime, false},
      {"mysql_convert_tz", 4, ConvertTz},
      {"mysql_minmax_dates", -1, MinMaxDates},
  };
  return RegisterScalars(db, host, kScalars);
}

}  // namespace porpoise::engine
