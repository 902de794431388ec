// MySQL's DATE, DATETIME and TIME reading and printing (temporal.h). (types/)
#include "types/temporal.h"

#include <cstdio>

namespace porpoise::types {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsPunct(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

// Reads up to `most` digits at `*at`; the count read.
int Digits(std::string_view text, size_t* at, int most, uint32_t* out) {
  int count = 0;
  uint32_t value = 0;
  while (*at < text.size() && count < most && IsDigit(text[*at])) {
    value = value * 10 + static_cast<uint32_t>(text[*at] - '0');
    ++*at;
    ++count;
  }
  *out = value;
  return count;
}

uint32_t TwoDigitYear(uint32_t year) { return year < 70 ? year + 2000 : year + 1900; }

// A '.' and fraction digits at `*at`: microseconds, the seventh digit rounding (a carry to a
// whole second is left to the caller through `carry`).
void Fraction(std::string_view text, size_t* at, uint32_t* micros, bool* carry) {
  *micros = 0;
  *carry = false;
  if (*at >= text.size() || text[*at] != '.') return;
  size_t start = ++*at;
  uint32_t value = 0;
  int digits = 0;
  while (*at < text.size() && IsDigit(text[*at])) {
    if (digits < 6) {
      value = value * 10 + static_cast<uint32_t>(text[*at] - '0');
    } else if (digits == 6 && text[*at] >= '5') {
      ++value;
    }
    ++digits;
    ++*at;
  }
  if (*at == start) return;
  for (int i = digits; i < 6; ++i) value *= 10;
  if (value >= 1000000) {
    value -= 1000000;
    *carry = true;
  }
  *micros = value;
}

bool ValidClock(const Temporal& t) { return t.hour < 24 && t.minute < 60 && t.second < 60; }

// One second more (a rounding carry).
void AddSecond(Temporal* t) {
  if (++t->second < 60) return;
  t->second = 0;
  if (++t->minute < 60) return;
  t->minute = 0;
  ++t->hour;
  if (t->kind == Temporal::Kind::kTime) {
    if (t->hour > kMaxTimeHours) {
      t->hour = kMaxTimeHours;
      t->minute = t->second = 59;
      t->micros = 0;
    }
    return;
  }
  if (t->hour < 24) return;
  t->hour = 0;
  if (t->IsZeroDate()) return;
  if (++t->day <= DaysInMonth(t->year, t->month)) return;
  t->day = 1;
  if (++t->month <= 12) return;
  t->month = 1;
  ++t->year;
}

TemporalOutcome Checked(Temporal* out, bool valid, bool trailing, bool carry) {
  if (!valid) return TemporalOutcome::kBad;
  if (carry) AddSecond(out);
  return trailing ? TemporalOutcome::kTruncated : TemporalOutcome::kOk;
}

// Text of digits alone, or digits and then a '.', read as MySQL's str_to_datetime reads its
// "internal format": fields of fixed widths (a four-digit year where there are 4, 8 or 14 and
// more digits, else two; two digits for each other part, the last one may be shorter),
// punctuation between them passed over, a fraction after the seconds' '.'. Digits past the
// seconds are cut away (kTruncated); fewer than three fields name no date; a two-digit year
// is 19xx or 20xx unless every part is zero.
TemporalOutcome DigitsOnlyDateTime(std::string_view text, size_t digits, Temporal* out,
                                   DateChecks checks, bool* delimited) {
  const int year_width = (digits == 4 || digits == 8 || digits >= 14) ? 4 : 2;
  uint32_t* const fields[6] = {&out->year, &out->month, &out->day,
                               &out->hour, &out->minute, &out->second};
  size_t at = 0;
  int count = 0;
  bool nonzero = false;
  bool carry = false;
  while (count < 6 && at < text.size() && IsDigit(text[at])) {
    Digits(text, &at, count == 0 ? year_width : 2, fields[count]);
    nonzero = nonzero || *fields[count] != 0;
    ++count;
    if (count == 6) {
      Fraction(text, &at, &out->micros, &carry);
      nonzero = nonzero || out->micros != 0 || carry;
      break;
    }
    for (; at < text.size() && IsPunct(text[at]); ++at) *delimited = true;
  }
  if (count < 3) return TemporalOutcome::kBad;
  if (year_width == 2 && nonzero) out->year = TwoDigitYear(out->year);
  out->kind = count == 3 ? Temporal::Kind::kDate : Temporal::Kind::kDateTime;
  while (at < text.size() && IsSpace(text[at])) ++at;
  return Checked(out, DateAllowed(*out, checks) && ValidClock(*out), at < text.size(), carry);
}

}  // namespace

bool DateAllowed(const Temporal& value, DateChecks checks) {
  if (value.kind == Temporal::Kind::kTime) return true;
  if (value.IsZeroDate()) return checks.zero_date;
  if (value.year > 9999 || value.month > 12 || value.day > 31) return false;
  if (value.month == 0 || value.day == 0) return checks.zero_parts;
  return checks.invalid_days || value.day <= DaysInMonth(value.year, value.month);
}

namespace {

// A canonical TIME text as signed microseconds; false for other text.
bool TimeMicros(std::string_view text, int64_t* out) {
  size_t at = 0;
  bool negative = at < text.size() && text[at] == '-';
  if (negative) ++at;
  uint32_t hours = 0, minutes = 0, seconds = 0;
  if (Digits(text, &at, 3, &hours) == 0 || at >= text.size() || text[at++] != ':' ||
      Digits(text, &at, 2, &minutes) != 2 || at >= text.size() || text[at++] != ':' ||
      Digits(text, &at, 2, &seconds) != 2) {
    return false;
  }
  uint32_t micros = 0;
  bool carry = false;
  Fraction(text, &at, &micros, &carry);
  if (at != text.size()) return false;
  int64_t total = ((static_cast<int64_t>(hours) * 60 + minutes) * 60 + seconds) * 1000000 +
                  micros + (carry ? 1000000 : 0);
  *out = negative ? -total : total;
  return true;
}

}  // namespace

int CompareTimeTexts(std::string_view a, std::string_view b) {
  int64_t x = 0, y = 0;
  bool a_time = TimeMicros(a, &x);
  bool b_time = TimeMicros(b, &y);
  if (a_time && b_time) return x < y ? -1 : x > y ? 1 : 0;
  if (a_time != b_time) return a_time ? -1 : 1;
  int order = a.compare(b);
  return order < 0 ? -1 : order > 0 ? 1 : 0;
}

// MySQL's calendar: year 0 is no leap year (calc_days_in_year), so 0000-02-29 is no date.
bool IsLeapYear(uint32_t year) {
  return (year % 4 == 0 && year % 100 != 0) || (year % 400 == 0 && year != 0);
}

uint32_t DaysInMonth(uint32_t year, uint32_t month) {
  static constexpr uint32_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

int64_t EpochSeconds(const Temporal& value) {
  // Days from 1970-01-01 to the civil date: years counted from March, in 400-year eras.
  int64_t year = static_cast<int64_t>(value.year) - (value.month <= 2 ? 1 : 0);
  int64_t era = (year >= 0 ? year : year - 399) / 400;
  int64_t year_of_era = year - era * 400;
  int64_t month = value.month;
  int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + value.day - 1;
  int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  int64_t days = era * 146097 + day_of_era - 719468;
  return days * 86400 + static_cast<int64_t>(value.hour) * 3600 + value.minute * 60 + value.second;
}

namespace {

// ParseDateTime's reading; `datetime_only`: ParseDateTimeOnly's.
TemporalOutcome ReadDateTime(std::string_view text, Temporal* out, DateChecks checks,
                             bool datetime_only) {
  *out = Temporal{};
  bool delimited = false;  // (parts joined by punctuation)
  bool spaced = false;     // (a space among them)
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  size_t digits = 0;
  while (digits < text.size() && IsDigit(text[digits])) ++digits;
  // (digits and trailing spaces too; digits and a space and more are no date: MySQL reads
  // such a run of digits as the year)
  if (digits == text.size() || (digits > 4 && text[digits] == '.') ||
      (digits > 4 && text.find_first_not_of(" \t\n\r", digits) == std::string_view::npos)) {
    TemporalOutcome outcome = DigitsOnlyDateTime(text, digits, out, checks, &delimited);
    return datetime_only && delimited && out->kind == Temporal::Kind::kDateTime ? TemporalOutcome::kBad
                                                                                : outcome;
  }
  // Else numbers of any length joined by punctuation (MySQL's str_to_datetime): year, month,
  // day, then hour, minute, second after a space or 'T' or more punctuation, a '.' and the
  // fraction after the seconds. A space is allowed only after the day; punctuation after any
  // other part but the seconds is passed over.
  if (digits == 0) return TemporalOutcome::kBad;
  uint32_t* const fields[6] = {&out->year, &out->month, &out->day,
                               &out->hour, &out->minute, &out->second};
  size_t at = 0;
  size_t end = 0;  // where the value's text ends
  size_t year_digits = 0;
  int count = 0;
  bool nonzero = false;
  bool carry = false;
  while (count < 6 && at < text.size() && IsDigit(text[at])) {
    const size_t start = at;
    uint32_t value = 0;
    for (; at < text.size() && IsDigit(text[at]); ++at) {
      value = value * 10 + static_cast<uint32_t>(text[at] - '0');
      if (value > 999999) return TemporalOutcome::kBad;  // (no part is that long)
    }
    if (count == 0) year_digits = at - start;
    *fields[count++] = value;
    nonzero = nonzero || value != 0;
    end = at;
    if (at == text.size()) break;
    if (count == 3 && text[at] == 'T') {
      end = ++at;
      spaced = true;  // (as a space is, to ParseDateTimeOnly)
      continue;
    }
    if (count == 6) {
      if (text[at] == '.') {
        Fraction(text, &at, &out->micros, &carry);
        nonzero = nonzero || out->micros != 0 || carry;
        while (at < text.size() && (IsPunct(text[at]) || IsSpace(text[at]))) ++at;
        end = at;
      }
      break;
    }
    for (; at < text.size() && (IsPunct(text[at]) || IsSpace(text[at])); ++at) {
      if (IsSpace(text[at]) && count != 3) return TemporalOutcome::kBad;
      delimited = true;
      spaced = spaced || IsSpace(text[at]);
    }
    end = at;
  }
  if (count < 3 || (datetime_only && delimited && !spaced && count > 3)) return TemporalOutcome::kBad;
  // Only a year of exactly two digits is a two-digit year ('1-2-3' is the year 1).
  if (year_digits == 2 && nonzero) out->year = TwoDigitYear(out->year);
  out->kind = count == 3 ? Temporal::Kind::kDate : Temporal::Kind::kDateTime;
  at = end;
  while (at < text.size() && IsSpace(text[at])) ++at;
  return Checked(out, DateAllowed(*out, checks) && ValidClock(*out), at < text.size(), carry);
}

}  // namespace

TemporalOutcome ParseDateTime(std::string_view text, Temporal* out, DateChecks checks) {
  return ReadDateTime(text, out, checks, false);
}

TemporalOutcome ParseDateTimeOnly(std::string_view text, Temporal* out, DateChecks checks) {
  return ReadDateTime(text, out, checks, true);
}

namespace {

// The fields of a TIME's text: '[-][D ]hh:mm[:ss][.ffffff]', '[-]hhmmss[.ffffff]', 'mmss', 'ss'.
TemporalOutcome ParseTimeFields(std::string_view text, Temporal* out) {
  *out = Temporal{};
  out->kind = Temporal::Kind::kTime;
  size_t at = 0;
  if (at < text.size() && text[at] == '-') {
    out->negative = true;
    ++at;
  }
  size_t start = at;
  while (at < text.size() && IsDigit(text[at])) ++at;
  std::string_view run = text.substr(start, at - start);
  if (run.empty()) return TemporalOutcome::kBad;
  uint64_t hours = 0;
  bool carry = false;
  // Spaces after the first number begin the hours of "D hh..." when at least two characters
  // follow them, a digit first ("12 " is 12 seconds, "35 1" 35 seconds and "1 100" 124 hours).
  size_t hour_at = at;
  while (hour_at < text.size() && IsSpace(text[hour_at])) ++hour_at;
  bool days = hour_at > at && text.size() - hour_at > 1 && IsDigit(text[hour_at]);
  if (at < text.size() && (text[at] == ':' || days)) {
    // [D ]hh:mm[:ss]; the days and the hours are numbers of any length up to 2^32 - 1.
    uint64_t first = 0;
    for (char c : run) {
      first = first * 10 + static_cast<uint64_t>(c - '0');
      if (first > UINT32_MAX) return TemporalOutcome::kBad;
    }
    if (days) {
      uint64_t hour = 0;
      for (; hour_at < text.size() && IsDigit(text[hour_at]); ++hour_at) {
        hour = hour * 10 + static_cast<uint64_t>(text[hour_at] - '0');
        if (hour > UINT32_MAX) return TemporalOutcome::kBad;
      }
      hours = first * 24 + hour;
      at = hour_at;
    } else {
      hours = first;
    }
    if (at < text.size() && text[at] == ':') {
      ++at;
      if (Digits(text, &at, 2, &out->minute) == 0) return TemporalOutcome::kBad;
      if (at < text.size() && text[at] == ':') {
        ++at;
        if (Digits(text, &at, 2, &out->second) == 0) return TemporalOutcome::kBad;
      }
    }
  } else {
    // [h..]hhmmss, mmss or ss, its fraction after any spaces ('12 .5' is 12.5 seconds).
    uint64_t number = 0;
    for (char c : run.substr(0, 12)) number = number * 10 + static_cast<uint64_t>(c - '0');
    out->second = static_cast<uint32_t>(number % 100);
    out->minute = static_cast<uint32_t>((number / 100) % 100);
    hours = number / 10000;
    at = hour_at;
  }
  Fraction(text, &at, &out->micros, &carry);
  // An exponent after it ('1e3', '10.5E-1', what %g makes of a number) is no time at all, as
  // MySQL's str_to_time has it.
  if (at + 1 < text.size() && (text[at] == 'e' || text[at] == 'E') &&
      (IsDigit(text[at + 1]) ||
       ((text[at + 1] == '-' || text[at + 1] == '+') && at + 2 < text.size() && IsDigit(text[at + 2])))) {
    return TemporalOutcome::kBad;
  }
  while (at < text.size() && IsSpace(text[at])) ++at;
  if (out->minute > 59 || out->second > 59) return TemporalOutcome::kBad;
  bool trailing = at < text.size();
  if (hours > kMaxTimeHours) {
    out->hour = kMaxTimeHours;
    out->minute = out->second = 59;
    out->micros = 0;
    return TemporalOutcome::kTruncated;
  }
  out->hour = static_cast<uint32_t>(hours);
  return Checked(out, true, trailing, carry);
}

// Whether `text` starts as a datetime's text does: three numbers joined by punctuation, then
// a space or 'T' and a digit (MySQL reads such text on as a datetime, and refuses it when it
// is none).
bool DateThenClock(std::string_view text) {
  size_t at = 0;
  for (int field = 0; field < 3; ++field) {
    size_t start = at;
    while (at < text.size() && IsDigit(text[at])) ++at;
    if (at == start) return false;
    if (field < 2) {
      size_t punct = at;
      while (at < text.size() && IsPunct(text[at])) ++at;
      if (at == punct) return false;
    }
  }
  if (at >= text.size() || !(IsSpace(text[at]) || text[at] == 'T')) return false;
  while (at < text.size() && (IsSpace(text[at]) || text[at] == 'T')) ++at;
  return at < text.size() && IsDigit(text[at]);
}

}  // namespace

TemporalOutcome ParseTime(std::string_view text, Temporal* out) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  // A datetime's text gives its time.
  size_t digits = 0;
  while (digits < text.size() && IsDigit(text[digits])) ++digits;
  // A datetime's text: only its time is wanted, so a datetime may have any date a DATETIME
  // can hold (zero parts, impossible days: a stored value reads back whatever sql_mode let it
  // in). A date alone must exist, else its digits are read as a time.
  auto read_datetime = [](std::string_view datetime_text, Temporal* datetime) {
    TemporalOutcome outcome = ParseDateTimeOnly(datetime_text, datetime);
    if (outcome != TemporalOutcome::kBad) return outcome;
    outcome = ParseDateTimeOnly(datetime_text, datetime, DateChecks{true, true, true});
    return datetime->kind == Temporal::Kind::kDateTime ? outcome : TemporalOutcome::kBad;
  };
  if ((digits == 4 || digits == 2) && digits < text.size() && text[digits] == '-') {
    Temporal datetime;
    TemporalOutcome outcome = read_datetime(text, &datetime);
    if (outcome != TemporalOutcome::kBad) {
      *out = ConvertKind(datetime, Temporal::Kind::kTime);
      return outcome;
    }
  }
  if (digits >= 12) {
    Temporal datetime;
    TemporalOutcome outcome = read_datetime(text, &datetime);
    if (outcome != TemporalOutcome::kBad && datetime.kind == Temporal::Kind::kDateTime) {
      *out = ConvertKind(datetime, Temporal::Kind::kTime);
      return outcome;
    }
  }
  return ParseTimeFields(text, out);
}

TemporalOutcome ParseTimeText(std::string_view text, Temporal* out) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  if (text.size() >= 12 && text.front() != '-') {
    size_t digits = 0;
    while (digits < text.size() && IsDigit(text[digits])) ++digits;
    bool number = digits >= 12 && (digits == text.size() || text[digits] == '.');
    if (number || DateThenClock(text)) {
      Temporal datetime;
      TemporalOutcome outcome = ParseDateTimeOnly(text, &datetime, DateChecks{true, true, false});
      if (outcome == TemporalOutcome::kBad || datetime.kind != Temporal::Kind::kDateTime) {
        return TemporalOutcome::kBad;
      }
      *out = datetime;
      return outcome;
    }
  }
  return ParseTimeFields(text, out);
}

TemporalOutcome DateTimeFromNumber(bool negative, uint64_t number, uint32_t micros,
                                   Temporal* out, DateChecks checks) {
  *out = Temporal{};
  if (negative) return TemporalOutcome::kBad;
  if (number == 0) {  // the zero date; with a fraction, the zero datetime that keeps it
    if (micros > 0) {
      out->kind = Temporal::Kind::kDateTime;
      out->micros = micros;
    }
    return checks.zero_date ? TemporalOutcome::kOk : TemporalOutcome::kBad;
  }
  uint64_t date = number;
  uint64_t clock = 0;
  bool two_digit_year = false;
  if (number < 101) return TemporalOutcome::kBad;
  if (number <= 991231) {
    two_digit_year = true;
  } else if (number < 10000101) {
    return TemporalOutcome::kBad;
  } else if (number <= 99991231) {
  } else if (number < 101000000) {
    return TemporalOutcome::kBad;
  } else if (number <= 991231235959ULL) {
    two_digit_year = true;
    date = number / 1000000;
    clock = number % 1000000;
  } else if (number < 10000101000000ULL || number > 99991231235959ULL) {
    return TemporalOutcome::kBad;
  } else {
    date = number / 1000000;
    clock = number % 1000000;
  }
  out->kind = number > 99991231 ? Temporal::Kind::kDateTime : Temporal::Kind::kDate;
  out->year = static_cast<uint32_t>(date / 10000);
  if (two_digit_year) out->year = TwoDigitYear(out->year);
  out->month = static_cast<uint32_t>((date / 100) % 100);
  out->day = static_cast<uint32_t>(date % 100);
  out->hour = static_cast<uint32_t>(clock / 10000);
  out->minute = static_cast<uint32_t>((clock / 100) % 100);
  out->second = static_cast<uint32_t>(clock % 100);
  bool dropped_fraction = out->kind == Temporal::Kind::kDate && micros > 0;
  out->micros = dropped_fraction ? 0 : micros;
  if (!DateAllowed(*out, checks) || !ValidClock(*out)) return TemporalOutcome::kBad;
  return dropped_fraction && !checks.quiet_date_fraction ? TemporalOutcome::kTruncated
                                                         : TemporalOutcome::kOk;
}

TemporalOutcome TimeFromNumber(bool negative, uint64_t number, uint32_t micros, Temporal* out) {
  *out = Temporal{};
  out->kind = Temporal::Kind::kTime;
  out->negative = negative && (number != 0 || micros != 0);
  if (number > uint64_t{kMaxTimeHours} * 10000 + 5959) {
    // A datetime number gives its time; any other number past 838:59:59 is clamped to it.
    Temporal datetime;
    if (!negative && number >= 10000000000ULL &&
        DateTimeFromNumber(false, number, micros, &datetime) == TemporalOutcome::kOk) {
      *out = ConvertKind(datetime, Temporal::Kind::kTime);
      return TemporalOutcome::kOk;
    }
    out->hour = kMaxTimeHours;
    out->minute = out->second = 59;
    return TemporalOutcome::kTruncated;
  }
  out->second = static_cast<uint32_t>(number % 100);
  out->minute = static_cast<uint32_t>((number / 100) % 100);
  uint64_t hours = number / 10000;
  if (out->minute > 59 || out->second > 59) return TemporalOutcome::kBad;
  if (hours > kMaxTimeHours) {
    out->hour = kMaxTimeHours;
    out->minute = out->second = 59;
    return TemporalOutcome::kTruncated;
  }
  out->hour = static_cast<uint32_t>(hours);
  out->micros = micros;
  return TemporalOutcome::kOk;
}

bool ParseCanonical(std::string_view text, Temporal::Kind kind, Temporal* out) {
  // A stored value was held to sql_mode's checks on its way in, whichever were on then: any
  // date a column can hold reads back.
  TemporalOutcome outcome = kind == Temporal::Kind::kTime
                                ? ParseTime(text, out)
                                : ParseDateTime(text, out, DateChecks{true, true, true});
  if (outcome == TemporalOutcome::kBad) return false;
  *out = ConvertKind(*out, kind);
  return true;
}

void RoundFraction(Temporal* value, uint32_t fsp) {
  if (fsp >= 6) return;
  uint32_t unit = 1;
  for (uint32_t i = fsp; i < 6; ++i) unit *= 10;
  uint32_t rounded = (value->micros + unit / 2) / unit * unit;
  if (rounded >= 1000000) {
    value->micros = 0;
    AddSecond(value);
  } else {
    value->micros = rounded;
  }
}

Temporal ConvertKind(const Temporal& value, Temporal::Kind kind) {
  Temporal result = value;
  result.kind = kind;
  switch (kind) {
    case Temporal::Kind::kDate:
      result.negative = false;
      result.hour = result.minute = result.second = result.micros = 0;
      break;
    case Temporal::Kind::kDateTime:
      result.negative = false;
      break;
    case Temporal::Kind::kTime:
      if (value.kind != Temporal::Kind::kTime) result.negative = false;
      result.year = result.month = result.day = 0;
      break;
  }
  return result;
}

std::string Format(const Temporal& value, uint32_t fsp) {
  char buffer[48];
  int n = 0;
  switch (value.kind) {
    case Temporal::Kind::kDate:
      n = std::snprintf(buffer, sizeof(buffer), "%04u-%02u-%02u", value.year, value.month,
                        value.day);
      return std::string(buffer, static_cast<size_t>(n));
    case Temporal::Kind::kDateTime:
      n = std::snprintf(buffer, sizeof(buffer), "%04u-%02u-%02u %02u:%02u:%02u", value.year,
                        value.month, value.day, value.hour, value.minute, value.second);
      break;
    case Temporal::Kind::kTime:
      n = std::snprintf(buffer, sizeof(buffer), "%s%02u:%02u:%02u", value.negative ? "-" : "",
                        value.hour, value.minute, value.second);
      break;
  }
  std::string text(buffer, static_cast<size_t>(n));
  if (fsp > 0) {
    char fraction[8];
    std::snprintf(fraction, sizeof(fraction), "%06u", value.micros % 1000000);
    text += '.';
    text.append(fraction, fsp > 6 ? 6 : fsp);
  }
  return text;
}

}  // namespace porpoise::types
