// Physical forms of MySQL values in SQLite and MySQL's conversions between them. (engine/)
#include "engine/physical.h"

#include <algorithm>
#include <charconv>
#include <functional>
#include <cmath>
#include <ctime>
#include <limits>

#include "types/charset_codec.h"
#include "types/json.h"
#include "types/temporal.h"

namespace porpoise::engine {

namespace {

using types::Decimal;

constexpr uint64_t kSignBoundary = uint64_t{1} << 63;

std::string Shorten(std::string_view text) {
  return std::string(text.substr(0, 128));
}

void Warn(ConversionContext& context, std::string_view kind, std::string_view text) {
  if (context.warnings == nullptr) return;
  context.warnings->push_back(Status::Error(ER_TRUNCATED_WRONG_VALUE, kind, Shorten(text)));
}

// The same for the text of a value of type `from`: a binary string's bytes quoted as MySQL
// quotes them (\xHH beyond printable ASCII).
void Warn(ConversionContext& context, std::string_view kind, std::string_view text,
          const ExprType& from) {
  if (from.type != ValueType::kBinary) return Warn(context, kind, text);
  if (context.warnings != nullptr) Warn(context, kind, types::BinaryForMessage(text));
}

bool OnlySpaces(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return true;
}

// Temporal text as the number MySQL reads from it: "2020-01-02" -> 20200102,
// "2020-01-02 03:04:05.5" -> 20200102030405.5, "-01:02:03" -> -10203.
std::string TemporalDigits(std::string_view text) {
  std::string digits;
  bool fraction = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == '-' && i == 0) {
      digits += c;
    } else if (c == '.' && !fraction) {
      fraction = true;
      digits += c;
    }
  }
  return digits.empty() ? "0" : digits;
}

bool IsTextual(const Value& value) {
  return value.kind == Value::Kind::kText || value.kind == Value::Kind::kBlob;
}

// The number text of a string-typed or temporal value, warning for trailing garbage, and
// for an integer part past the 81 digits MySQL's DECIMAL buffer holds (1292 naming no
// value, as its str2my_decimal says so; the value is then the largest).
bool ParseDecimalText(const Value& value, const ExprType& from, ConversionContext& context,
                      std::string_view kind, Decimal* out) {
  std::string text = IsTemporalType(from.type) ? TemporalDigits(value.bytes) : value.bytes;
  size_t consumed = 0;
  Decimal::Outcome outcome = Decimal::Parse(text, out, &consumed);
  if (outcome == Decimal::Outcome::kOverflow && !IsTemporalType(from.type) &&
      Decimal::WrittenIntegerDigits(text) > Decimal::kMaxComputedDigits) {
    Warn(context, "DECIMAL", "");
  }
  if (outcome == Decimal::Outcome::kBadValue || !OnlySpaces(std::string_view(text).substr(consumed))) {
    if (!IsTemporalType(from.type)) Warn(context, kind, value.bytes, from);
  }
  return true;
}

}  // namespace

Value EncodeUnsigned(uint64_t value) {
  if (value < kSignBoundary) return Value::Integer(static_cast<int64_t>(value));
  std::string bytes(8, '\0');
  for (int i = 7; i >= 0; --i) {
    bytes[static_cast<size_t>(i)] = static_cast<char>(value & 0xff);
    value >>= 8;
  }
  return Value::Blob(std::move(bytes));
}

bool DecodeUnsigned(const Value& value, uint64_t* out) {
  if (value.kind == Value::Kind::kInteger) {
    if (value.integer < 0) return false;
    *out = static_cast<uint64_t>(value.integer);
    return true;
  }
  if (value.kind == Value::Kind::kText) {
    // (an unsigned integer handed over as its digits, as a constant CAST AS UNSIGNED is)
    const char* end = value.bytes.data() + value.bytes.size();
    auto [rest, error] = std::from_chars(value.bytes.data(), end, *out);
    return !value.bytes.empty() && error == std::errc() && rest == end;
  }
  if (value.kind != Value::Kind::kBlob || value.bytes.size() != 8) return false;
  uint64_t result = 0;
  for (char c : value.bytes) result = (result << 8) | static_cast<unsigned char>(c);
  *out = result;
  return true;
}

Value EncodeDecimal(const Decimal& value) { return Value::Blob(value.EncodeKey()); }

bool DecodeDecimal(const Value& value, Decimal* out) {
  switch (value.kind) {
    case Value::Kind::kBlob:
      return Decimal::DecodeKey(value.bytes, out);
    case Value::Kind::kInteger:
      *out = Decimal::FromInt64(value.integer);
      return true;
    case Value::Kind::kDouble: {
      std::optional<Decimal> converted = Decimal::FromDouble(value.real);
      if (!converted) return false;
      *out = *converted;
      return true;
    }
    case Value::Kind::kText:
      return Decimal::Parse(value.bytes, out) != Decimal::Outcome::kBadValue;
    case Value::Kind::kNull:
      return false;
  }
  return false;
}

int64_t TypeCode(const ExprType& type) {
  return static_cast<int64_t>(type.type) | (type.is_unsigned ? 0x100 : 0) |
         (type.integer_cast ? 0x200 : 0) | (static_cast<int64_t>(type.decimals) << 16);
}

int64_t DateChecksCode(types::DateChecks checks) {
  return (checks.zero_date ? 1 : 0) | (checks.zero_parts ? 2 : 0) | (checks.invalid_days ? 4 : 0) |
         (checks.quiet_date_fraction ? 8 : 0);
}

types::DateChecks DateChecksFromCode(int64_t code) {
  return {(code & 1) != 0, (code & 2) != 0, (code & 4) != 0, (code & 8) != 0};
}

ExprType TypeFromCode(int64_t code) {
  ExprType type;
  type.type = static_cast<ValueType>(code & 0xff);
  type.is_unsigned = (code & 0x100) != 0;
  type.integer_cast = (code & 0x200) != 0;
  type.decimals = static_cast<uint8_t>((code >> 16) & 0xff);
  return type;
}

namespace {

// ToDecimal, naming `kind` ("DECIMAL", "INTEGER") in the 1292 for a string that is not all
// number.
bool ToDecimalAs(const Value& value, const ExprType& from, ConversionContext& context,
                 std::string_view kind, Decimal* out);

// The contents of a JSON value that is a string ('"12"' gives 12), which is what a number is
// read from; false for any other value.
bool JsonStringContents(const Value& value, const ExprType& from, std::string* out) {
  if (from.type != ValueType::kJson || value.kind != Value::Kind::kText ||
      value.bytes.empty() || value.bytes.front() != '"') {
    return false;
  }
  types::JsonValue parsed;
  types::JsonParseError error;
  if (!types::ParseJson(value.bytes, &parsed, &error) ||
      parsed.kind() != types::JsonKind::kString) {
    return false;
  }
  *out = parsed.text();
  return true;
}

}  // namespace

bool ToDecimal(const Value& value, const ExprType& from, ConversionContext& context,
               Decimal* out) {
  std::string contents;
  if (JsonStringContents(value, from, &contents)) {
    return ToDecimalAs(Value::Text(std::move(contents)), TypeOf(ValueType::kString, 0), context,
                       "DECIMAL", out);
  }
  return ToDecimalAs(value, from, context, "DECIMAL", out);
}

namespace {

bool ToDecimalAs(const Value& value, const ExprType& from, ConversionContext& context,
                 std::string_view kind, Decimal* out) {
  if (value.is_null()) return false;
  switch (from.type) {
    case ValueType::kInteger:
    case ValueType::kYear:
    case ValueType::kBit:
      if (from.is_unsigned || from.type == ValueType::kBit) {
        uint64_t number = 0;
        if (DecodeUnsigned(value, &number)) {
          *out = Decimal::FromUint64(number);
          return true;
        }
      }
      break;
    case ValueType::kDecimal:
      if (DecodeDecimal(value, out)) return true;
      break;
    default:
      break;
  }
  switch (value.kind) {
    case Value::Kind::kInteger:
      *out = Decimal::FromInt64(value.integer);
      return true;
    case Value::Kind::kDouble: {
      std::optional<Decimal> converted = Decimal::FromDouble(value.real);
      *out = converted ? *converted : Decimal();
      return true;
    }
    case Value::Kind::kText:
    case Value::Kind::kBlob:
      return ParseDecimalText(value, from, context, kind, out);
    case Value::Kind::kNull:
      return false;
  }
  return false;
}

}  // namespace

bool ToDouble(const Value& value, const ExprType& from, ConversionContext& context, double* out) {
  if (value.is_null()) return false;
  if (value.kind == Value::Kind::kDouble) {
    *out = value.real;
    return true;
  }
  if (value.kind == Value::Kind::kInteger && !from.is_unsigned) {
    *out = static_cast<double>(value.integer);
    return true;
  }
  if (from.type == ValueType::kDecimal || from.is_unsigned || from.type == ValueType::kBit) {
    Decimal decimal;
    if (!ToDecimal(value, from, context, &decimal)) return false;
    *out = decimal.ToDouble();
    return true;
  }
  if (IsTextual(value)) {
    std::string text = IsTemporalType(from.type) ? TemporalDigits(value.bytes) : value.bytes;
    size_t consumed = 0;
    *out = ParseNumberPrefix(text, &consumed);
    bool clamped = !std::isfinite(*out);  // '1e400': MySQL takes the largest double and warns
    if (clamped) *out = std::signbit(*out) ? -1.7976931348623157e308 : 1.7976931348623157e308;
    if (!IsTemporalType(from.type) &&
        (clamped || consumed == 0 || !OnlySpaces(std::string_view(text).substr(consumed)))) {
      Warn(context, "DOUBLE", value.bytes, from);
    }
    return true;
  }
  *out = static_cast<double>(value.integer);
  return true;
}

namespace {

// A string, binary string or JSON text (not a temporal value's canonical text).
bool IsCharacterData(ValueType type) {
  return type == ValueType::kString || type == ValueType::kBinary || type == ValueType::kJson;
}

// A string read as an integer, as MySQL reads one (my_strtoll10): leading spaces, a sign
// and the digits that follow; 1292 naming `text` when nothing is read, or when anything but
// spaces follows. `magnitude` saturates at 2^64 - 1 (`overflow` set).
void StringInteger(const std::string& text, const ExprType& from, ConversionContext& context,
                   bool* negative, uint64_t* magnitude, bool* overflow) {
  size_t at = 0;
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n')) ++at;
  *negative = false;
  if (at < text.size() && (text[at] == '-' || text[at] == '+')) *negative = text[at++] == '-';
  size_t digits_start = at;
  *magnitude = 0;
  *overflow = false;
  for (; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at) {
    uint64_t digit = static_cast<uint64_t>(text[at] - '0');
    if (*magnitude > (UINT64_MAX - digit) / 10) {
      *overflow = true;
      *magnitude = UINT64_MAX;
    } else if (!*overflow) {
      *magnitude = *magnitude * 10 + digit;
    }
  }
  bool read = at > digits_start;
  if (!read || *overflow || !OnlySpaces(std::string_view(text).substr(at))) {
    Warn(context, "INTEGER", text, from);
  }
}

// A warning 1105 (ER_UNKNOWN_ERROR) of MySQL's own text: the casts' complement warnings.
void Warn1105(ConversionContext& context, std::string message) {
  if (context.warnings == nullptr || !context.integer_cast) return;
  context.warnings->push_back(Status::WithMessage(ER_UNKNOWN_ERROR, std::move(message)));
}

}  // namespace

namespace {

// A DATE, DATETIME or TIME as the integer MySQL reads it as, YYYYMMDD[hhmmss] or [-]hhmmss,
// its fraction rounded into the seconds with their carry (10:00:59.6 is 100100); a rounding
// past 9999-12-31 23:59:59 stays on that second. False for text that is no such value.
bool TemporalInteger(const Value& value, ValueType type, int64_t* out) {
  using Kind = types::Temporal::Kind;
  Kind kind = type == ValueType::kDate ? Kind::kDate
              : type == ValueType::kTime ? Kind::kTime
                                         : Kind::kDateTime;
  types::Temporal exact;
  if (value.kind != Value::Kind::kText || !types::ParseCanonical(value.bytes, kind, &exact)) {
    return false;
  }
  types::Temporal rounded = exact;
  types::RoundFraction(&rounded, 0);
  if (rounded.year > 9999) {
    rounded = exact;
    rounded.micros = 0;
  }
  int64_t clock = static_cast<int64_t>(rounded.hour) * 10000 + rounded.minute * 100 + rounded.second;
  if (kind == Kind::kTime) {
    *out = rounded.negative ? -clock : clock;
    return true;
  }
  int64_t date = static_cast<int64_t>(rounded.year) * 10000 + rounded.month * 100 + rounded.day;
  *out = kind == Kind::kDate ? date : date * 1000000 + clock;
  return true;
}

}  // namespace

namespace {

// A DECIMAL's text with its type's fraction digits (99999999999999999999.50), as MySQL's
// 1292 for one past BIGINT's range prints it (my_decimal::check_result).
std::string DecimalAsTyped(const Decimal& decimal, const ExprType& from) {
  return from.decimals <= Decimal::kMaxScale && from.decimals >= decimal.scale()
             ? decimal.ToString(from.decimals)
             : decimal.ToString();
}

}  // namespace

bool ToInt64(const Value& value, const ExprType& from, ConversionContext& context, int64_t* out) {
  if (value.is_null()) return false;
  if (IsCharacterData(from.type) && IsTextual(value)) {
    bool negative = false, overflow = false;
    uint64_t magnitude = 0;
    StringInteger(value.bytes, from, context, &negative, &magnitude, &overflow);
    if (negative) {
      if (magnitude > kSignBoundary) {
        if (!overflow) Warn(context, "INTEGER", value.bytes, from);
        *out = std::numeric_limits<int64_t>::min();
      } else {
        *out = static_cast<int64_t>(0 - magnitude);
      }
      return true;
    }
    if (magnitude >= kSignBoundary && !overflow) {
      Warn1105(context, "Cast to signed converted positive out-of-range integer to its negative "
                        "complement");
    }
    *out = static_cast<int64_t>(magnitude);
    return true;
  }
  if (value.kind == Value::Kind::kInteger && !from.is_unsigned) {
    *out = value.integer;
    return true;
  }
  if (value.kind == Value::Kind::kDouble) {
    // To the nearest integer, ties to even, as MySQL's rint (CAST(2.5e0 AS SIGNED) is 2).
    double rounded = std::nearbyint(value.real);
    if (rounded >= 9.2233720368547758e18) *out = std::numeric_limits<int64_t>::max();
    else if (rounded <= -9.2233720368547758e18) *out = std::numeric_limits<int64_t>::min();
    else *out = static_cast<int64_t>(rounded);
    return true;
  }
  uint64_t unsigned_value = 0;
  if ((from.is_unsigned || from.type == ValueType::kBit) && DecodeUnsigned(value, &unsigned_value)) {
    *out = static_cast<int64_t>(unsigned_value);  // CAST(... AS SIGNED) wraps, as in MySQL
    return true;
  }
  if (IsTemporalType(from.type) && TemporalInteger(value, from.type, out)) return true;
  Decimal decimal;
  if (!ToDecimalAs(value, from, context, "INTEGER", &decimal)) return false;
  if (decimal.ToInt64(out) == Decimal::Outcome::kOverflow) {
    if (from.type == ValueType::kDecimal) Warn(context, "DECIMAL", DecimalAsTyped(decimal, from));
    else if (IsTextual(value)) Warn(context, "INTEGER", value.bytes, from);
  }
  return true;
}

bool ToUint64(const Value& value, const ExprType& from, ConversionContext& context, uint64_t* out) {
  if (value.is_null()) return false;
  if (IsCharacterData(from.type) && IsTextual(value)) {
    bool negative = false, overflow = false;
    uint64_t magnitude = 0;
    StringInteger(value.bytes, from, context, &negative, &magnitude, &overflow);
    if (negative && magnitude > 0) {
      // Past -2^63 it is cut there (1292); else MySQL says the complement (1105).
      if (magnitude > kSignBoundary) {
        if (!overflow) Warn(context, "INTEGER", value.bytes, from);
        magnitude = kSignBoundary;
      } else {
        Warn1105(context, "Cast to unsigned converted negative integer to its positive complement");
      }
      *out = 0 - magnitude;
      return true;
    }
    *out = magnitude;
    return true;
  }
  if ((from.is_unsigned || from.type == ValueType::kBit) && DecodeUnsigned(value, out)) return true;
  if (value.kind == Value::Kind::kInteger) {
    // CAST(-1 AS UNSIGNED) wraps quietly, as in MySQL (only a string's minus is said).
    *out = static_cast<uint64_t>(value.integer);
    return true;
  }
  if (value.kind == Value::Kind::kDouble) {
    // Ties to even as MySQL's rint; a negative number wraps, beyond 2^64 clamps.
    double rounded = std::nearbyint(value.real);
    if (rounded >= 18446744073709551615.0) {
      *out = UINT64_MAX;
    } else if (rounded < 0) {
      *out = static_cast<uint64_t>(rounded <= -9.2233720368547758e18
                                       ? std::numeric_limits<int64_t>::min()
                                       : static_cast<int64_t>(rounded));
    } else {
      *out = static_cast<uint64_t>(rounded);
    }
    return true;
  }
  int64_t temporal = 0;
  if (IsTemporalType(from.type) && TemporalInteger(value, from.type, &temporal)) {
    *out = static_cast<uint64_t>(temporal);  // a negative TIME wraps, as a negative number does
    return true;
  }
  Decimal decimal;
  if (!ToDecimalAs(value, from, context, "INTEGER", &decimal)) return false;
  // A DECIMAL is rounded to a signed integer when negative (it wraps: CAST(-1.5 AS UNSIGNED)
  // is 2^64 - 2), to an unsigned one else; past the range it is cut there, which MySQL says
  // naming the DECIMAL (1292).
  bool exact = from.type == ValueType::kDecimal;
  if (decimal.IsNegative()) {
    int64_t signed_value = 0;
    if (decimal.ToInt64(&signed_value) == Decimal::Outcome::kOverflow && exact) {
      Warn(context, "DECIMAL", DecimalAsTyped(decimal, from));
    }
    *out = static_cast<uint64_t>(signed_value);
    return true;
  }
  if (decimal.ToUint64(out) == Decimal::Outcome::kOverflow && exact) Warn(context, "DECIMAL", DecimalAsTyped(decimal, from));
  return true;
}

bool ToText(const Value& value, const ExprType& from, std::string* out) {
  switch (value.kind) {
    case Value::Kind::kNull:
      return false;
    case Value::Kind::kText:
    case Value::Kind::kBlob:
      break;
    case Value::Kind::kInteger:
      if (from.type == ValueType::kDecimal && from.decimals > 0 && from.decimals < 31) {
        *out = Decimal::FromInt64(value.integer).ToString(from.decimals);
      } else if (from.type == ValueType::kYear && value.integer >= 0 && value.integer < 1000) {
        // A YEAR shows four digits: the zero year is 0000.
        std::string digits = std::to_string(value.integer);
        *out = std::string(4 - digits.size(), '0') + digits;
      } else {
        *out = std::to_string(value.integer);
      }
      return true;
    case Value::Kind::kDouble:
      // (a DOUBLE or FLOAT with fixed decimals, FLOAT(7,2) or ROUND(x, 2), shows them all)
      if (from.decimals < 31 && (from.type == ValueType::kDecimal ||
                                 from.type == ValueType::kDouble || from.type == ValueType::kFloat)) {
        *out = FormatFixed(value.real, from.decimals);
      } else {
        *out = from.type == ValueType::kFloat ? FormatFloat(value.real) : FormatDouble(value.real);
      }
      return true;
  }
  if (from.type == ValueType::kDecimal) {
    Decimal decimal;
    if (Decimal::DecodeKey(value.bytes, &decimal)) {
      *out = decimal.ToString(from.decimals < 31 ? from.decimals : decimal.scale());
      return true;
    }
  }
  uint64_t number = 0;
  if (from.type == ValueType::kInteger && from.is_unsigned && DecodeUnsigned(value, &number)) {
    *out = std::to_string(number);
    return true;
  }
  *out = value.bytes;
  return true;
}

namespace {

types::Temporal::Kind TemporalKind(ValueType type) {
  switch (type) {
    case ValueType::kDate: return types::Temporal::Kind::kDate;
    case ValueType::kTime: return types::Temporal::Kind::kTime;
    default: return types::Temporal::Kind::kDateTime;
  }
}

// A number's whole part and its fraction in microseconds (rounded at the seventh digit).
bool SplitNumber(const Value& value, const ExprType& from, bool* negative, uint64_t* whole,
                 uint32_t* micros) {
  *micros = 0;
  if (from.type == ValueType::kYear && value.kind == Value::Kind::kText) {
    // (a YEAR shown as its four digits, 0000 for the zero year: its number)
    *negative = false;
    *whole = 0;
    for (char digit : value.bytes) {
      if (digit < '0' || digit > '9') return false;
      *whole = *whole * 10 + static_cast<uint64_t>(digit - '0');
    }
    return !value.bytes.empty();
  }
  bool unsigned_form = (from.type == ValueType::kInteger && from.is_unsigned) ||
                       from.type == ValueType::kBit;
  if (value.kind == Value::Kind::kInteger && !unsigned_form && from.type != ValueType::kDecimal) {
    *negative = value.integer < 0;
    *whole = *negative ? 0 - static_cast<uint64_t>(value.integer)
                       : static_cast<uint64_t>(value.integer);
    return true;
  }
  if (unsigned_form) {
    *negative = false;
    return DecodeUnsigned(value, whole);
  }
  Decimal decimal;
  if (from.type == ValueType::kDecimal) {
    if (!DecodeDecimal(value, &decimal)) return false;
  } else {
    std::optional<Decimal> exact = Decimal::FromDouble(value.real);
    if (!exact) return false;
    decimal = *exact;
  }
  *negative = decimal.IsNegative();
  if (*negative) decimal = decimal.Negate();
  Decimal truncated = decimal.Truncate(0);
  Decimal fraction;
  Decimal::Subtract(decimal, truncated, &fraction);
  fraction = fraction.Round(6);
  if (truncated.ToUint64(whole) != Decimal::Outcome::kOk) {
    // Past 64 bits: the largest (no date or time has so many digits; a TIME clamps).
    *whole = UINT64_MAX;
    return true;
  }
  std::string digits = fraction.ToString(6);  // "0.xxxxxx" or "1.000000"
  if (digits[0] == '1') {
    ++*whole;
    return true;
  }
  *micros = static_cast<uint32_t>(std::stoul(digits.substr(2)));
  return true;
}

// Today in the server's time zone: a TIME becomes a DATETIME on it.
types::Temporal Today() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  types::Temporal today;
  today.kind = types::Temporal::Kind::kDate;
  today.year = static_cast<uint32_t>(local.tm_year + 1900);
  today.month = static_cast<uint32_t>(local.tm_mon + 1);
  today.day = static_cast<uint32_t>(local.tm_mday);
  return today;
}

// A TIME on today's date (its hours may run into other days, or before today).
types::Temporal OnToday(const types::Temporal& time) {
  types::Temporal today = Today();
  int64_t seconds = (static_cast<int64_t>(time.hour) * 60 + time.minute) * 60 + time.second;
  std::tm day{};
  day.tm_year = static_cast<int>(today.year) - 1900;
  day.tm_mon = static_cast<int>(today.month) - 1;
  day.tm_mday = static_cast<int>(today.day);
  // (in microseconds: today - 12:00:00.25 is yesterday's 11:59:59.75)
  int64_t length = seconds * 1000000 + time.micros;
  int64_t instant = static_cast<int64_t>(timegm(&day)) * 1000000 + (time.negative ? -length : length);
  int64_t micros = ((instant % 1000000) + 1000000) % 1000000;
  std::time_t moment = static_cast<std::time_t>((instant - micros) / 1000000);
  std::tm moved{};
  gmtime_r(&moment, &moved);
  types::Temporal result;
  result.year = static_cast<uint32_t>(moved.tm_year + 1900);
  result.month = static_cast<uint32_t>(moved.tm_mon + 1);
  result.day = static_cast<uint32_t>(moved.tm_mday);
  result.hour = static_cast<uint32_t>(moved.tm_hour);
  result.minute = static_cast<uint32_t>(moved.tm_min);
  result.second = static_cast<uint32_t>(moved.tm_sec);
  result.micros = static_cast<uint32_t>(micros);
  return result;
}

}  // namespace

types::TemporalOutcome ReadTemporal(const Value& value, const ExprType& from,
                                    types::Temporal::Kind kind, types::Temporal* out,
                                    types::DateChecks checks) {
  using types::Temporal;
  if (IsTemporalType(from.type)) {
    if (!types::ParseCanonical(value.bytes, TemporalKind(from.type), out)) {
      return types::TemporalOutcome::kBad;
    }
    if (out->kind == Temporal::Kind::kTime && kind != Temporal::Kind::kTime) *out = OnToday(*out);
    return types::TemporalOutcome::kOk;
  }
  if (!IsNumericType(from.type) && from.type != ValueType::kBit) {
    if (kind == Temporal::Kind::kTime) {
      if (from.type != ValueType::kString && from.type != ValueType::kBinary) {
        return types::ParseTime(value.bytes, out);
      }
      // A string is read as MySQL reads a string as a TIME (a datetime's text gives its time).
      types::TemporalOutcome outcome = types::ParseTimeText(value.bytes, out);
      if (outcome != types::TemporalOutcome::kBad && out->kind != Temporal::Kind::kTime) {
        *out = types::ConvertKind(*out, Temporal::Kind::kTime);
      }
      return outcome;
    }
    types::TemporalOutcome outcome = types::ParseDateTime(value.bytes, out, checks);
    // A time's text ('839:00:00', '12:00:00') is no date with zero parts.
    bool zero_parts = !out->IsZeroDate() && (out->month == 0 || out->day == 0);
    size_t separator = value.bytes.find_first_not_of(" \t0123456789");
    if (outcome != types::TemporalOutcome::kBad && zero_parts &&
        separator != std::string::npos && value.bytes[separator] == ':') {
      return types::TemporalOutcome::kBad;
    }
    return outcome;
  }
  bool negative = false;
  uint64_t whole = 0;
  uint32_t micros = 0;
  if (!SplitNumber(value, from, &negative, &whole, &micros)) return types::TemporalOutcome::kBad;
  return kind == Temporal::Kind::kTime ? types::TimeFromNumber(negative, whole, micros, out)
                                       : types::DateTimeFromNumber(negative, whole, micros, out, checks);
}

namespace {

// MySQL's conversion to DATE, DATETIME or TIME: text and numbers read by its rules (1292 and
// NULL for what is not a value of the kind), rounded to the target's fraction digits.
Value ToTemporal(const Value& value, const ExprType& from, const ExprType& to,
                 ConversionContext& context) {
  using types::Temporal;
  using types::TemporalOutcome;
  Temporal::Kind kind = TemporalKind(to.type);
  Temporal result;
  TemporalOutcome outcome = ReadTemporal(value, from, kind, &result, context.dates);
  // (what is cut from a date alone, text after one or a number's fraction, is a date's
  // warning: MySQL names the kind of value it read, str_to_datetime's DATE for three parts)
  bool read_date = outcome == TemporalOutcome::kTruncated && result.kind == Temporal::Kind::kDate;
  std::string_view word = kind == Temporal::Kind::kTime ? "time" : read_date ? "date" : "datetime";
  if (outcome != TemporalOutcome::kOk && context.warnings != nullptr) {
    // (a DOUBLE quoted in its shortest form whatever its decimals, as MySQL's ErrConvString
    // of a double prints it: FLOOR(1e308) is '1e308')
    ExprType shown = from;
    if (from.type == ValueType::kDouble || from.type == ValueType::kFloat) shown.decimals = 31;
    std::string text;
    if (!ToText(value, shown, &text)) text.clear();
    // (a YEAR's number: MySQL quotes the integer it read, 0 for 0000)
    if (from.type == ValueType::kYear) text = std::to_string(std::strtoll(text.c_str(), nullptr, 10));
    // (a TIME's is always "Truncated incorrect time value": MySQL names the type it read)
    std::string message = outcome == TemporalOutcome::kBad && kind != Temporal::Kind::kTime
                              ? "Incorrect "
                              : "Truncated incorrect ";
    message += std::string(word) + " value: '" + Shorten(text) + "'";
    context.warnings->push_back(Status::WithMessage(ER_TRUNCATED_WRONG_VALUE, std::move(message)));
  }
  if (outcome == TemporalOutcome::kBad) return Value::Null();
  uint32_t fsp = kind == Temporal::Kind::kDate ? 0 : std::min<uint32_t>(to.decimals, 6);
  // A date and time read as a TIME is its time of day first, then rounded as a TIME is (MySQL's
  // CAST: 23:59:59.999999 is 24:00:00, whatever the date).
  if (kind == Temporal::Kind::kTime && result.kind != Temporal::Kind::kTime) {
    result = types::ConvertKind(result, kind);
  }
  if (kind != Temporal::Kind::kDate) types::RoundFraction(&result, fsp);
  if (result.kind != Temporal::Kind::kTime && result.year > 9999) {
    // Rounded past 9999-12-31 23:59:59: no DATETIME (NULL with 1441, as MySQL's overflow).
    if (context.warnings != nullptr) {
      context.warnings->push_back(Status::Error(ER_DATETIME_FUNCTION_OVERFLOW, "datetime"));
    }
    return Value::Null();
  }
  return Value::Text(types::Format(types::ConvertKind(result, kind), fsp));
}

}  // namespace

Value ConvertValue(const Value& value, const ExprType& from, const ExprType& to,
                   ConversionContext& context) {
  if (value.is_null()) return Value::Null();
  // A JSON true or false is 1 or 0 where a number is wanted, as MySQL coerces JSON booleans.
  bool numeric = to.type == ValueType::kInteger || to.type == ValueType::kYear ||
                 to.type == ValueType::kBit || to.type == ValueType::kDecimal ||
                 to.type == ValueType::kDouble || to.type == ValueType::kFloat;
  if (from.type == ValueType::kJson && numeric && value.kind == Value::Kind::kText &&
      (value.bytes == "true" || value.bytes == "false")) {
    return ConvertValue(Value::Integer(value.bytes == "true" ? 1 : 0),
                        TypeOf(ValueType::kInteger, 1), to, context);
  }
  // A JSON string is read by its contents ("12" is 12), as MySQL coerces JSON scalars.
  std::string contents;
  if (numeric && JsonStringContents(value, from, &contents)) {
    return ConvertValue(Value::Text(std::move(contents)), TypeOf(ValueType::kString, 0), to,
                        context);
  }
  switch (to.type) {
    case ValueType::kDate:
    case ValueType::kDateTime:
    case ValueType::kTime:
      return ToTemporal(value, from, to, context);
    case ValueType::kNull:
      return Value::Null();
    case ValueType::kInteger:
    case ValueType::kYear:
    case ValueType::kBit: {
      ConversionContext reading = context;
      reading.integer_cast = to.integer_cast;
      if (to.is_unsigned || to.type == ValueType::kBit) {
        uint64_t number = 0;
        if (!ToUint64(value, from, reading, &number)) return Value::Null();
        return EncodeUnsigned(number);
      }
      int64_t number = 0;
      if (!ToInt64(value, from, reading, &number)) return Value::Null();
      return Value::Integer(number);
    }
    case ValueType::kDecimal: {
      Decimal decimal;
      if (!ToDecimal(value, from, context, &decimal)) return Value::Null();
      if (to.decimals < 31 && decimal.scale() > to.decimals) decimal = decimal.Round(to.decimals);
      return EncodeDecimal(decimal);
    }
    case ValueType::kDouble:
    case ValueType::kFloat: {
      double number = 0;
      if (!ToDouble(value, from, context, &number)) return Value::Null();
      return Value::Double(number);
    }
    case ValueType::kBinary: {
      std::string text;
      if (!ToText(value, from, &text)) return Value::Null();
      return Value::Blob(std::move(text));
    }
    default: {
      std::string text;
      if (!ToText(value, from, &text)) return Value::Null();
      return Value::Text(std::move(text));
    }
  }
}

uint64_t SetMemberBits(std::string_view value, const std::function<uint64_t(std::string_view)>& position) {
  uint64_t bits = 0;
  while (!value.empty()) {
    size_t comma = value.find(',');
    uint64_t index = position(value.substr(0, comma));
    if (index >= 1 && index <= 64) bits |= uint64_t{1} << (index - 1);
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return bits;
}

Value ForColumn(const Value& value, const ExprType& from, const catalog::ColumnSchema& column) {
  if (value.is_null()) return value;
  // An ENUM or SET column's value stored where a number goes is its label's position (a
  // SET's bits), as MySQL copies the field's number.
  const catalog::ColumnSchema* source = from.column;
  if (source != nullptr && catalog::IsNumeric(column.type_class) && value.kind == Value::Kind::kText &&
      (source->type_class == catalog::TypeClass::kEnum || source->type_class == catalog::TypeClass::kSet)) {
    const std::vector<std::string>& labels = source->type.values;
    auto position = [&](std::string_view label) -> uint64_t {
      auto found = std::find(labels.begin(), labels.end(), label);
      return found == labels.end() ? 0 : static_cast<uint64_t>(found - labels.begin()) + 1;
    };
    uint64_t ordinal = source->type_class == catalog::TypeClass::kEnum ? position(value.bytes)
                                                                        : SetMemberBits(value.bytes, position);
    return ordinal > static_cast<uint64_t>(INT64_MAX) ? Value::Text(std::to_string(ordinal))
                                                      : Value::Integer(static_cast<int64_t>(ordinal));
  }
  if (from.type == ValueType::kDecimal) {
    Decimal decimal;
    if (!DecodeDecimal(value, &decimal)) return value;
    switch (column.type_class) {
      case catalog::TypeClass::kDecimal:
        return Value::Text(decimal.ToString());
      case catalog::TypeClass::kInteger:
      case catalog::TypeClass::kYear:
      case catalog::TypeClass::kBit: {
        int64_t integer = 0;
        if (decimal.Round(0).ToInt64(&integer) == Decimal::Outcome::kOk) return Value::Integer(integer);
        return Value::Text(decimal.Round(0).ToString());
      }
      case catalog::TypeClass::kFloat:
      case catalog::TypeClass::kDouble:
        return Value::Double(decimal.ToDouble());
      default:
        return Value::Text(decimal.ToString(from.decimals < 31 ? from.decimals : decimal.scale()));
    }
  }
  uint64_t number = 0;
  if ((from.type == ValueType::kInteger && from.is_unsigned) || from.type == ValueType::kBit) {
    if (value.kind == Value::Kind::kBlob && DecodeUnsigned(value, &number)) {
      return Value::Text(std::to_string(number));
    }
  }
  return value;
}

}  // namespace porpoise::engine
