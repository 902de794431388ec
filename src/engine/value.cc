// Values, MySQL number formatting, and conversion into a column's storage form. (engine/)
#include "engine/value.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <limits>
#include <optional>

#include "common/strings.h"
#include "engine/physical.h"
#include "storage/database.h"
#include "types/charset_codec.h"
#include "types/json.h"
#include "types/temporal.h"
#include "types/collation.h"

namespace porpoise::engine {

std::string Value::ToText() const {
  switch (kind) {
    case Kind::kNull:
      return "";
    case Kind::kInteger:
      return std::to_string(integer);
    case Kind::kDouble:
      return FormatDouble(real);
    default:
      return bytes;
  }
}

Value ReadValue(const storage::Statement& statement, int column) {
  switch (statement.ColumnType(column)) {
    case SQLITE_INTEGER:
      return Value::Integer(statement.ColumnInt64(column));
    case SQLITE_FLOAT:
      return Value::Double(statement.ColumnDouble(column));
    case SQLITE_TEXT:
      return Value::Text(std::string(statement.ColumnText(column)));
    case SQLITE_BLOB:
      return Value::Blob(std::string(statement.ColumnBlob(column)));
    default:
      return Value::Null();
  }
}

Status BindValue(storage::Statement& statement, int index, const Value& value) {
  switch (value.kind) {
    case Value::Kind::kNull:
      return statement.BindNull(index);
    case Value::Kind::kInteger:
      return statement.BindInt64(index, value.integer);
    case Value::Kind::kDouble:
      return statement.BindDouble(index, value.real);
    case Value::Kind::kText:
      return statement.BindText(index, value.bytes);
    case Value::Kind::kBlob:
      return statement.BindBlob(index, value.bytes);
  }
  return Status::OK();
}

Status BindValueKept(storage::Statement& statement, int index, const Value& value) {
  if (value.kind == Value::Kind::kText) return statement.BindTextKept(index, value.bytes);
  if (value.kind == Value::Kind::kBlob) return statement.BindBlobKept(index, value.bytes);
  return BindValue(statement, index, value);
}

bool SameValue(const Value& a, const Value& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Value::Kind::kNull: return true;
    case Value::Kind::kInteger: return a.integer == b.integer;
    case Value::Kind::kDouble: return a.real == b.real;
    default: return a.bytes == b.bytes;
  }
}

size_t AddOrReuse(std::vector<Value>& values, const Value& value,
                  const std::vector<size_t>* reserved) {
  for (size_t i = values.size(); i > 0 && values.size() - i < 16; --i) {
    if (!SameValue(values[i - 1], value)) continue;
    if (reserved != nullptr && std::binary_search(reserved->begin(), reserved->end(), i - 1)) continue;
    return i - 1;
  }
  values.push_back(value);
  return values.size() - 1;
}

size_t Utf8Length(std::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xc0) != 0x80) ++count;
  }
  return count;
}

double ParseNumberPrefix(std::string_view text, size_t* consumed) {
  size_t position = 0;
  while (position < text.size() && std::isspace(static_cast<unsigned char>(text[position]))) {
    ++position;
  }
  size_t start = position;
  if (position < text.size() && (text[position] == '-' || text[position] == '+')) ++position;
  size_t digits = 0;
  while (position < text.size() && std::isdigit(static_cast<unsigned char>(text[position]))) {
    ++position;
    ++digits;
  }
  if (position < text.size() && text[position] == '.') {
    ++position;
    while (position < text.size() && std::isdigit(static_cast<unsigned char>(text[position]))) {
      ++position;
      ++digits;
    }
  }
  if (digits == 0) {
    *consumed = 0;
    return 0;
  }
  if (position < text.size() && (text[position] == 'e' || text[position] == 'E')) {
    size_t exponent = position + 1;
    if (exponent < text.size() && (text[exponent] == '-' || text[exponent] == '+')) ++exponent;
    if (exponent < text.size() && std::isdigit(static_cast<unsigned char>(text[exponent]))) {
      position = exponent;
      while (position < text.size() && std::isdigit(static_cast<unsigned char>(text[position]))) {
        ++position;
      }
    }
  }
  *consumed = position;
  std::string number(text.substr(start, position - start));
  return std::strtod(number.c_str(), nullptr);
}

std::string FormatDateTime(int64_t unix_micros, uint32_t fsp, const types::TimeZone* zone) {
  int64_t seconds = unix_micros / 1000000;
  int64_t micros = unix_micros % 1000000;
  if (micros < 0) {
    micros += 1000000;
    --seconds;
  }
  if (zone != nullptr) seconds = zone->ToLocal(seconds);
  // Days since 1970-01-01 to the civil date (proleptic Gregorian calendar).
  int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  int64_t rest = seconds - days * 86400;
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t day = doy - (153 * mp + 2) / 5 + 1;
  int64_t month = mp < 10 ? mp + 3 : mp - 9;
  int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  char buffer[160];
  std::snprintf(buffer, sizeof(buffer), "%04lld-%02lld-%02lld %02lld:%02lld:%02lld",
                static_cast<long long>(year), static_cast<long long>(month),
                static_cast<long long>(day), static_cast<long long>(rest / 3600),
                static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60));
  std::string text(buffer);
  if (fsp > 0) {
    char fraction[24];
    std::snprintf(fraction, sizeof(fraction), "%06lld", static_cast<long long>(micros));
    text += ".";
    text += std::string(fraction, std::min<uint32_t>(fsp, 6));
  }
  return text;
}

std::string TimestampInZone(std::string_view utc_text, const types::TimeZone& zone) {
  types::Temporal value;
  if (!types::ParseCanonical(utc_text, types::Temporal::Kind::kDateTime, &value) ||
      value.IsZeroDate()) {
    return std::string(utc_text);
  }
  size_t dot = utc_text.find('.');
  uint32_t fsp = dot == std::string_view::npos ? 0 : static_cast<uint32_t>(utc_text.size() - dot - 1);
  return FormatDateTime(types::EpochSeconds(value) * 1000000 + value.micros, fsp, &zone);
}

namespace {

using catalog::ColumnSchema;
using catalog::TypeClass;

std::string Quoted(const Value& value) { return value.ToText(); }

void Warn(const CoerceContext& context, Status warning) {
  if (context.warnings != nullptr) context.warnings->push_back(std::move(warning));
}

// The error or (non-strict) warning for a value that had to be adjusted.
Status Problem(const CoerceContext& context, Status problem) {
  if (context.strict) return problem;
  Warn(context, std::move(problem));
  return Status::OK();
}

long RowArg(const CoerceContext& context) { return static_cast<long>(context.row); }

// ---- numbers -----------------------------------------------------------------------------

struct NumberText {
  bool ok = false;       // some digits parsed
  bool complete = false; // the whole string (but trailing spaces) was the number
  double value = 0;
};

NumberText ParseNumberText(std::string_view text) {
  NumberText result;
  size_t consumed = 0;
  result.value = ParseNumberPrefix(text, &consumed);
  result.ok = consumed > 0;
  size_t rest = consumed;
  while (rest < text.size() && std::isspace(static_cast<unsigned char>(text[rest]))) ++rest;
  result.complete = result.ok && rest == text.size();
  return result;
}

// BIGINT UNSIGNED values above INT64_MAX are stored as their two's-complement int64 and shown
// unsigned again by the result formatter.
Result<Value> CoerceInteger(const ColumnSchema& column, const Value& value,
                            const CoerceContext& context) {
  // The value exactly (a DOUBLE rounded to the nearest integer, ties to even as MySQL's rint),
  // then clamped into the column's range with 1264.
  catalog::IntegerRange range = catalog::RangeOf(column.type);
  if (value.kind == Value::Kind::kInteger && value.integer >= range.min_signed &&
      (value.integer < 0 || static_cast<uint64_t>(value.integer) <= range.max)) {
    return value;  // the common case, in range
  }
  types::Decimal exact;
  switch (value.kind) {
    case Value::Kind::kInteger:
      exact = types::Decimal::FromInt64(value.integer);
      break;
    case Value::Kind::kDouble: {
      // Beyond 1e30 only the sign matters: every integer column is out of range.
      double rounded = std::nearbyint(value.real);
      if (std::fabs(rounded) > 1e30) rounded = std::copysign(1e30, rounded);
      exact = types::Decimal::FromDouble(rounded).value_or(types::Decimal());
      break;
    }
    default: {
      NumberText parsed = ParseNumberText(value.bytes);
      if (!parsed.ok) {
        PORPOISE_RETURN_IF_ERROR(Problem(
            context, Status::Error(ER_TRUNCATED_WRONG_VALUE_FOR_FIELD, "integer", Quoted(value),
                                   column.name, RowArg(context))));
        return Value::Integer(0);
      }
      if (!parsed.complete) {
        PORPOISE_RETURN_IF_ERROR(
            Problem(context, Status::Error(WARN_DATA_TRUNCATED, column.name, RowArg(context))));
      }
      // A DOUBLE holds only 53 bits of the digits: they are read exactly, rounded half away
      // from zero as MySQL rounds a string's fraction.
      if (types::Decimal::Parse(value.bytes, &exact) == types::Decimal::Outcome::kBadValue) {
        exact = types::Decimal::FromDouble(std::round(parsed.value)).value_or(types::Decimal());
      }
      exact = exact.Round(0);
      break;
    }
  }
  types::Decimal low = types::Decimal::FromInt64(range.min_signed);
  types::Decimal high = types::Decimal::FromUint64(range.max);
  if (types::Decimal::Compare(exact, low) < 0 || types::Decimal::Compare(exact, high) > 0) {
    PORPOISE_RETURN_IF_ERROR(Problem(
        context, Status::Error(ER_WARN_DATA_OUT_OF_RANGE, column.name, RowArg(context))));
    exact = types::Decimal::Compare(exact, low) < 0 ? low : high;
  }
  int64_t integer = 0;
  if (exact.ToInt64(&integer) == types::Decimal::Outcome::kOk) return Value::Integer(integer);
  uint64_t large = 0;
  exact.ToUint64(&large);
  return EncodeUnsigned(large);
}

Result<double> NumberOf(const ColumnSchema& column, const Value& value,
                        const CoerceContext& context, std::string_view type_word) {
  switch (value.kind) {
    case Value::Kind::kInteger:
      return static_cast<double>(value.integer);
    case Value::Kind::kDouble:
      return value.real;
    default: {
      NumberText parsed = ParseNumberText(value.bytes);
      if (!parsed.ok) {
        PORPOISE_RETURN_IF_ERROR(Problem(
            context, Status::Error(ER_TRUNCATED_WRONG_VALUE_FOR_FIELD, type_word, Quoted(value),
                                   column.name, RowArg(context))));
        return 0.0;
      }
      if (!parsed.complete) {
        PORPOISE_RETURN_IF_ERROR(
            Problem(context, Status::Error(WARN_DATA_TRUNCATED, column.name, RowArg(context))));
      }
      return parsed.value;
    }
  }
}

Result<Value> CoerceReal(const ColumnSchema& column, const Value& value,
                         const CoerceContext& context) {
  PORPOISE_ASSIGN_OR_RETURN(double number, NumberOf(column, value, context, "double"));
  auto out_of_range = [&](double clamped) -> Status {
    number = clamped;
    return Problem(context,
                   Status::Error(ER_WARN_DATA_OUT_OF_RANGE, column.name, RowArg(context)));
  };
  if (column.type.is_unsigned && number < 0) PORPOISE_RETURN_IF_ERROR(out_of_range(0));
  // FLOAT(M,D) and DOUBLE(M,D) keep D decimals (rounded to nearest, ties to even as MySQL's
  // rint) and at most M - D integer digits; the others their type's range.
  double limit = column.type_class == TypeClass::kFloat ? std::numeric_limits<float>::max()
                                                        : std::numeric_limits<double>::max();
  if (column.type.length && column.type.scale && *column.type.scale < *column.type.length) {
    double scale = std::pow(10.0, *column.type.scale);
    if (std::isfinite(number * scale)) number = std::nearbyint(number * scale) / scale;
    limit = std::pow(10.0, *column.type.length - *column.type.scale) - 1.0 / scale;
  }
  if (number > limit) PORPOISE_RETURN_IF_ERROR(out_of_range(limit));
  if (number < -limit) PORPOISE_RETURN_IF_ERROR(out_of_range(-limit));
  if (column.type_class == TypeClass::kFloat) number = static_cast<float>(number);
  return Value::Double(number);
}

// Exact decimal text of an integer/decimal string; false when `text` is not plain decimal.
bool SplitDecimal(std::string_view text, bool* negative, std::string* integer_part,
                  std::string* fraction_part) {
  size_t position = 0;
  while (position < text.size() && std::isspace(static_cast<unsigned char>(text[position]))) {
    ++position;
  }
  *negative = false;
  if (position < text.size() && (text[position] == '-' || text[position] == '+')) {
    *negative = text[position] == '-';
    ++position;
  }
  integer_part->clear();
  fraction_part->clear();
  while (position < text.size() && std::isdigit(static_cast<unsigned char>(text[position]))) {
    *integer_part += text[position++];
  }
  if (position < text.size() && text[position] == '.') {
    ++position;
    while (position < text.size() && std::isdigit(static_cast<unsigned char>(text[position]))) {
      *fraction_part += text[position++];
    }
  }
  while (position < text.size() && std::isspace(static_cast<unsigned char>(text[position]))) {
    ++position;
  }
  return position == text.size() && !(integer_part->empty() && fraction_part->empty());
}

// Rounds decimal digits half away from zero to `scale` fraction digits.
void RoundDecimal(std::string* integer_part, std::string* fraction_part, uint32_t scale) {
  if (fraction_part->size() <= scale) {
    fraction_part->append(scale - fraction_part->size(), '0');
    return;
  }
  bool round_up = (*fraction_part)[scale] >= '5';
  fraction_part->resize(scale);
  if (!round_up) return;
  std::string digits = *integer_part + *fraction_part;
  int position = static_cast<int>(digits.size()) - 1;
  while (position >= 0 && digits[static_cast<size_t>(position)] == '9') {
    digits[static_cast<size_t>(position)] = '0';
    --position;
  }
  if (position < 0) digits.insert(digits.begin(), '1');
  else ++digits[static_cast<size_t>(position)];
  *integer_part = digits.substr(0, digits.size() - scale);
  *fraction_part = digits.substr(digits.size() - scale);
}

Result<Value> CoerceDecimal(const ColumnSchema& column, const Value& value,
                            const CoerceContext& context) {
  uint32_t precision = column.type.length.value_or(10);
  uint32_t scale = column.type.scale.value_or(0);
  std::string text;
  if (value.kind == Value::Kind::kInteger) {
    text = std::to_string(value.integer);
  } else if (value.kind == Value::Kind::kDouble) {
    char buffer[64];
    std::snprintf(buffer, sizeof(buffer), "%.17g", value.real);
    text = buffer;
  } else {
    text = value.bytes;
  }
  bool negative = false;
  std::string integer_part, fraction_part;
  if (!SplitDecimal(text, &negative, &integer_part, &fraction_part)) {
    // Exponent forms and garbage go through a double.
    PORPOISE_ASSIGN_OR_RETURN(double number, NumberOf(column, value, context, "decimal"));
    char buffer[400];
    std::snprintf(buffer, sizeof(buffer), "%.*f", static_cast<int>(scale) + 2, number);
    SplitDecimal(buffer, &negative, &integer_part, &fraction_part);
  }
  // Digits beyond the scale that are not all zero are rounded away: a Note, as in MySQL
  // (unless the value is out of range, which says so instead).
  bool rounded = fraction_part.size() > scale &&
                 fraction_part.find_first_not_of('0', scale) != std::string::npos;
  RoundDecimal(&integer_part, &fraction_part, scale);
  size_t first = integer_part.find_first_not_of('0');
  integer_part = first == std::string::npos ? "0" : integer_part.substr(first);
  size_t integer_limit = precision - scale;
  bool zero = integer_part == "0" && fraction_part.find_first_not_of('0') == std::string::npos;
  bool out_of_range = (integer_part != "0" && integer_part.size() > integer_limit) ||
                      (column.type.is_unsigned && negative && !zero);
  if (out_of_range) {
    PORPOISE_RETURN_IF_ERROR(Problem(
        context, Status::Error(ER_WARN_DATA_OUT_OF_RANGE, column.name, RowArg(context))));
    if (column.type.is_unsigned && negative) {
      negative = false;
      integer_part = "0";
      fraction_part.assign(scale, '0');
    } else {
      integer_part.assign(std::max<size_t>(integer_limit, 1), '9');
      if (integer_limit == 0) integer_part = "0";
      fraction_part.assign(scale, '9');
    }
  }
  if (rounded && !out_of_range) {
    Warn(context, Status::Error(WARN_DATA_TRUNCATED, column.name, RowArg(context)).AsNote());
  }
  std::string out = (negative && !zero) ? "-" : "";
  out += integer_part;
  if (scale > 0) out += "." + fraction_part;
  types::Decimal decimal;
  types::Decimal::Parse(out, &decimal);
  return EncodeDecimal(decimal);
}

// ---- strings -----------------------------------------------------------------------------

std::string Utf8Prefix(std::string_view text, size_t characters) {
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xc0) != 0x80) {
      if (count == characters) return std::string(text.substr(0, i));
      ++count;
    }
  }
  return std::string(text);
}

// Reads one WKB geometry at `*at` (byte order, type, body), at most `depth` collections deep;
// its type in `*type`. False when the bytes are not one.
bool ReadWkb(std::string_view bytes, size_t* at, uint32_t* type, int depth) {
  auto read32 = [&](uint32_t* out) {  // little-endian
    if (bytes.size() - *at < 4) return false;
    uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      uint32_t byte = static_cast<unsigned char>(bytes[*at + 3 - i]);
      value = (value << 8) | byte;
    }
    *at += 4;
    *out = value;
    return true;
  };
  auto points = [&](uint64_t count) {
    if (count > (bytes.size() - *at) / 16) return false;
    *at += count * 16;
    return true;
  };
  if (bytes.size() - *at < 1 || depth < 0) return false;
  // MySQL keeps little-endian WKB only.
  if (bytes[(*at)++] != 1) return false;
  if (!read32(type)) return false;
  uint32_t count = 0;
  switch (*type) {
    case 1: return points(1);                               // Point
    case 2: return read32(&count) && points(count);  // LineString
    case 3: {                                               // Polygon: rings of points
      if (!read32(&count)) return false;
      for (uint32_t ring = 0; ring < count; ++ring) {
        uint32_t ring_points = 0;
        if (!read32(&ring_points) || !points(ring_points)) return false;
      }
      return true;
    }
    case 4: case 5: case 6: case 7: {  // Multi* and GeometryCollection: whole geometries
      if (!read32(&count)) return false;
      for (uint32_t i = 0; i < count; ++i) {
        uint32_t member = 0;
        if (!ReadWkb(bytes, at, &member, depth - 1)) return false;
        if (*type != 7 && member != *type - 3) return false;  // MULTI* hold their own kind
      }
      return true;
    }
    default: return false;
  }
}

// A spatial column holds MySQL's internal form: a 4-byte SRID, then one WKB geometry of the
// column's type (any type for GEOMETRY).
bool IsGeometryOf(std::string_view bytes, std::string_view column_type) {
  if (bytes.size() < 4) return false;
  size_t at = 4;
  uint32_t type = 0;
  if (!ReadWkb(bytes, &at, &type, 32) || at != bytes.size()) return false;
  static constexpr std::string_view kNames[] = {"", "point", "linestring", "polygon", "multipoint",
                                                "multilinestring", "multipolygon", "geomcollection"};
  // GEOMCOLLECTION also takes the MULTI* collections.
  return column_type == "geometry" || column_type == kNames[type] ||
         (column_type == "geomcollection" && type >= 4);
}

Result<Value> CoerceString(const ColumnSchema& column, Value value, const CoerceContext& context) {
  // (a string's bytes are taken, not copied)
  bool bytes_held = value.kind == Value::Kind::kText || value.kind == Value::Kind::kBlob;
  std::string text = bytes_held ? std::move(value.bytes) : value.ToText();
  if (column.type_class == TypeClass::kBinary && catalog::IsSpatialType(column.type.name)) {
    if (!IsGeometryOf(text, column.type.name)) return Status::Error(ER_CANT_CREATE_GEOMETRY_OBJECT);
    return Value::Blob(std::move(text));
  }
  if (value.kind == Value::Kind::kDouble && column.type_class == TypeClass::kString) {
    text = FormatDouble(value.real);
  }
  uint64_t limit = catalog::MaxLength(column.type);
  // (CHAR(0) and VARCHAR(0) hold the empty string only; 0 is no limit for the other types)
  bool limited = limit > 0 || catalog::IsFixedLength(column.type) || column.type.name == "varchar" ||
                 column.type.name == "varbinary";
  bool binary = column.type_class == TypeClass::kBinary;
  if (catalog::IsFixedLength(column.type) && !binary) {
    while (!text.empty() && text.back() == ' ') text.pop_back();
  }
  uint64_t length = binary ? text.size() : Utf8Length(text);
  if (limited && length > limit && !binary) {
    // Only trailing spaces cut off: a Note, never an error (MySQL's rule).
    std::string kept = Utf8Prefix(text, limit);
    if (text.find_first_not_of(' ', kept.size()) == std::string::npos) {
      Warn(context, Status::Error(WARN_DATA_TRUNCATED, column.name, RowArg(context)).AsNote());
      text = std::move(kept);
      length = limit;
    }
  }
  if (limited && length > limit) {
    PORPOISE_RETURN_IF_ERROR(Problem(
        context, context.strict ? Status::Error(ER_DATA_TOO_LONG, column.name, RowArg(context))
                                : Status::Error(WARN_DATA_TRUNCATED, column.name, RowArg(context))));
    text = binary ? text.substr(0, limit) : Utf8Prefix(text, limit);
  }
  if (binary) {
    if (catalog::IsFixedLength(column.type) && text.size() < limit) text.append(limit - text.size(), '\0');
    return Value::Blob(std::move(text));
  }
  // A character its set cannot hold (an 'Ω' for latin1): 1366, or '?' in its place.
  if (column.collation != nullptr && types::NeedsEncoding(column.collation->charset())) {
    std::string bytes;
    size_t bad = 0;
    if (!types::Encode(text, column.collation->charset(), &bytes, &bad)) {
      PORPOISE_RETURN_IF_ERROR(Problem(
          context, Status::Error(ER_TRUNCATED_WRONG_VALUE_FOR_FIELD, "string",
                                 types::PrintableFrom(text, bad), column.name, RowArg(context))));
      text = types::Decode(bytes, column.collation->charset());
    }
  }
  return Value::Text(std::move(text));
}

// The number a string of at most `max_digits` decimal digits and nothing else makes; 0 for
// any other string.
uint64_t DigitsNumber(std::string_view text, size_t max_digits) {
  if (text.empty() || text.size() > max_digits) return 0;
  uint64_t number = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return 0;
    uint64_t next = number * 10 + static_cast<uint64_t>(c - '0');
    if (next / 10 != number) return 0;
    number = next;
  }
  return number;
}

Result<Value> CoerceEnum(const ColumnSchema& column, const Value& value,
                         const CoerceContext& context) {
  const std::vector<std::string>& members = column.type.values;
  if (value.kind == Value::Kind::kInteger || value.kind == Value::Kind::kDouble) {
    int64_t index = value.kind == Value::Kind::kInteger ? value.integer
                                                        : static_cast<int64_t>(value.real);
    if (index >= 1 && static_cast<size_t>(index) <= members.size()) {
      return Value::Text(members[static_cast<size_t>(index - 1)]);
    }
  } else {
    std::string text = value.bytes;
    while (!text.empty() && text.back() == ' ') text.pop_back();
    for (const std::string& member : members) {
      if (EqualsIgnoreCase(member, text)) return Value::Text(member);
    }
    // A string no label names that is a label's position in digits is that label.
    size_t index = DigitsNumber(text, 5);
    if (index >= 1 && index <= members.size()) return Value::Text(members[index - 1]);
  }
  PORPOISE_RETURN_IF_ERROR(
      Problem(context, Status::Error(WARN_DATA_TRUNCATED, column.name, RowArg(context))));
  return Value::Text("");
}

Result<Value> CoerceSet(const ColumnSchema& column, const Value& value,
                        const CoerceContext& context) {
  const std::vector<std::string>& members = column.type.values;
  std::vector<bool> chosen(members.size(), false);
  bool bad = false;
  if (value.kind == Value::Kind::kInteger) {
    for (size_t i = 0; i < members.size() && i < 64; ++i) {
      if ((static_cast<uint64_t>(value.integer) >> i) & 1) chosen[i] = true;
    }
    bad = members.size() < 64 && (static_cast<uint64_t>(value.integer) >> members.size()) != 0;
  } else {
    std::string_view text = value.bytes;
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    // A string that names no member but is a number in digits is the members of its bits.
    uint64_t bits = DigitsNumber(text, 21);
    uint64_t all = members.size() >= 64 ? ~uint64_t{0} : (uint64_t{1} << members.size()) - 1;
    bool names_one = false;
    for (std::string_view rest = text; !names_one && !rest.empty();) {
      size_t comma = rest.find(',');
      for (const std::string& member : members) names_one |= EqualsIgnoreCase(member, rest.substr(0, comma));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    if (!names_one && bits != 0 && (bits & ~all) == 0) {
      for (size_t i = 0; i < members.size() && i < 64; ++i) chosen[i] = ((bits >> i) & 1) != 0;
      text = {};
    }
    while (!text.empty()) {
      size_t comma = text.find(',');
      std::string_view item = text.substr(0, comma);
      bool found = item.empty();
      for (size_t i = 0; i < members.size(); ++i) {
        if (EqualsIgnoreCase(members[i], item)) {
          chosen[i] = true;
          found = true;
        }
      }
      if (!found) bad = true;
      if (comma == std::string_view::npos) break;
      text.remove_prefix(comma + 1);
    }
  }
  if (bad) {
    PORPOISE_RETURN_IF_ERROR(
        Problem(context, Status::Error(WARN_DATA_TRUNCATED, column.name, RowArg(context))));
  }
  std::string out;
  for (size_t i = 0; i < members.size(); ++i) {
    if (!chosen[i]) continue;
    if (!out.empty()) out += ",";
    out += members[i];
  }
  return Value::Text(out);
}

// ---- temporal ----------------------------------------------------------------------------

Result<Value> BadTemporal(const ColumnSchema& column, const Value& value,
                          const CoerceContext& context, std::string_view word,
                          std::string zero) {
  // Strict: 1292 naming the value; otherwise the column is set to zero with 1265.
  Status problem =
      context.strict
          ? Status::WithMessage(ER_TRUNCATED_WRONG_VALUE,
                                "Incorrect " + std::string(word) + " value: '" + value.ToText() +
                                    "' for column '" + column.name + "' at row " +
                                    std::to_string(context.row))
          : Status::Error(WARN_DATA_TRUNCATED, column.name, RowArg(context));
  PORPOISE_RETURN_IF_ERROR(Problem(context, problem));
  return Value::Text(std::move(zero));
}

// A value stored into a DATE, DATETIME or TIME column, read as ReadTemporal reads its type
// (text's dates passing `checks`).
types::TemporalOutcome ReadForColumn(const Value& value, types::Temporal::Kind kind,
                                     types::Temporal* out, types::DateChecks checks = {}) {
  ExprType from = value.kind == Value::Kind::kInteger  ? TypeOf(ValueType::kInteger, 21)
                  : value.kind == Value::Kind::kDouble ? TypeOf(ValueType::kDouble, 22, 31)
                                                       : TypeOf(ValueType::kString, 0);
  return ReadTemporal(value, from, kind, out, checks);
}

Result<Value> CoerceDateTime(const ColumnSchema& column, const Value& value,
                             const CoerceContext& context) {
  bool date_only = column.type_class == TypeClass::kDate;
  std::string_view word = date_only ? "date" : "datetime";
  std::string zero = date_only ? "0000-00-00" : "0000-00-00 00:00:00";
  uint32_t fsp = date_only ? 0 : catalog::FractionalDigits(column.type);
  // Read whatever date the text names, then hold it to sql_mode's checks (a TIMESTAMP's
  // date must always exist): what fails them is 1292 in strict mode, else the zero date.
  types::DateChecks checks = context.dates;
  if (column.type_class == TypeClass::kTimestamp) checks.zero_parts = checks.invalid_days = false;
  types::Temporal parsed;
  types::TemporalOutcome outcome = ReadForColumn(value, types::Temporal::Kind::kDateTime, &parsed,
                                                 {true, true, true});
  if (outcome == types::TemporalOutcome::kBad ||
      (outcome == types::TemporalOutcome::kTruncated && context.strict)) {
    return BadTemporal(column, value, context, word, zero);
  }
  if (!types::DateAllowed(parsed, checks)) {
    // A date the sql_mode refuses (a zero date, a day its month lacks): outside strict mode
    // the zero date with 1264, as MySQL's field reports an out-of-range date.
    if (context.strict) return BadTemporal(column, value, context, word, zero);
    Warn(context, Status::Error(ER_WARN_DATA_OUT_OF_RANGE, column.name, RowArg(context)));
    return Value::Text(std::move(zero));
  }
  if (outcome == types::TemporalOutcome::kTruncated) {
    Warn(context, Status::Error(WARN_DATA_TRUNCATED, column.name, RowArg(context)));
  }
  types::RoundFraction(&parsed, fsp);
  if (parsed.year > 9999) {
    // Rounded past 9999-12-31 23:59:59: MySQL's datetime overflow (1441; a warning, and the
    // zero value, when not strict).
    PORPOISE_RETURN_IF_ERROR(
        Problem(context, Status::Error(ER_DATETIME_FUNCTION_OVERFLOW, "datetime")));
    return Value::Text(std::move(zero));
  }
  if (column.type_class == TypeClass::kTimestamp && !parsed.IsZeroDate()) {
    // Kept in UTC, from 1970-01-01 00:00:01 to 2038-01-19 03:14:07.999999.
    int64_t wall = types::EpochSeconds(parsed);
    int64_t utc = context.time_zone != nullptr ? context.time_zone->ToUtc(wall) : wall;
    // A wall-clock time a change of offset skips (a DST gap) names no instant.
    bool skipped = context.time_zone != nullptr && context.time_zone->ToLocal(utc) != wall;
    if (utc < 1 || utc > kMaxTimestampSeconds || skipped) {
      return BadTemporal(column, value, context, word, zero);
    }
    if (utc != wall) return Value::Text(FormatDateTime(utc * 1000000 + parsed.micros, fsp, nullptr));
  }
  bool has_time = parsed.hour || parsed.minute || parsed.second || parsed.micros;
  if (date_only && has_time) {
    Warn(context, Status::WithMessage(WARN_DATA_TRUNCATED,
                                      "Data truncated for column '" + column.name + "' at row " +
                                          std::to_string(context.row)));
  }
  types::Temporal::Kind kind = date_only ? types::Temporal::Kind::kDate
                                         : types::Temporal::Kind::kDateTime;
  return Value::Text(types::Format(types::ConvertKind(parsed, kind), fsp));
}

// Whether text is written as a clock time: [-]digits ':' digits ...
bool LooksLikeClock(std::string_view text) {
  size_t at = 0;
  while (at < text.size() && text[at] == ' ') ++at;
  if (at < text.size() && text[at] == '-') ++at;
  size_t digits = at;
  while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) ++at;
  return at > digits && at + 1 < text.size() && text[at] == ':' &&
         std::isdigit(static_cast<unsigned char>(text[at + 1]));
}

Result<Value> CoerceTime(const ColumnSchema& column, const Value& value,
                         const CoerceContext& context) {
  types::Temporal parsed;
  types::TemporalOutcome outcome = ReadForColumn(value, types::Temporal::Kind::kTime, &parsed);
  // Outside strict mode, a time past the range (clamped) or with a field past its own
  // ('12:60:00', the zero time) is out of range, 1264, as MySQL's field reports it; other
  // text that is cut or no time is 1265.
  const bool clock_text = value.kind == Value::Kind::kText && LooksLikeClock(value.bytes);
  const bool past_range = outcome == types::TemporalOutcome::kTruncated && parsed.hour == 838 &&
                          parsed.minute == 59 && parsed.second == 59;
  if (!context.strict && ((outcome == types::TemporalOutcome::kBad && clock_text) || past_range)) {
    Warn(context, Status::Error(ER_WARN_DATA_OUT_OF_RANGE, column.name, RowArg(context)));
    if (outcome == types::TemporalOutcome::kBad) return Value::Text("00:00:00");
  } else if (outcome == types::TemporalOutcome::kBad ||
             (outcome == types::TemporalOutcome::kTruncated && context.strict)) {
    return BadTemporal(column, value, context, "time", "00:00:00");
  } else if (outcome == types::TemporalOutcome::kTruncated) {
    Warn(context, Status::Error(WARN_DATA_TRUNCATED, column.name, RowArg(context)));
  }
  uint32_t fsp = catalog::FractionalDigits(column.type);
  types::RoundFraction(&parsed, fsp);
  return Value::Text(types::Format(parsed, fsp));
}

Result<Value> CoerceYear(const ColumnSchema& column, const Value& value,
                         const CoerceContext& context) {
  PORPOISE_ASSIGN_OR_RETURN(double number, NumberOf(column, value, context, "integer"));
  int64_t year = static_cast<int64_t>(std::round(number));
  bool from_string = value.kind == Value::Kind::kText;
  if (year >= 1 && year <= 69) year += 2000;
  else if (year >= 70 && year <= 99) year += 1900;
  else if (year == 0 && from_string && value.bytes.size() != 4) {
    // '0' and '00' are 2000 ('0000' is 0); text with no number at all ('') is 0.
    size_t first = value.bytes.find_first_not_of(" \t\n\r");
    bool digits = first != std::string::npos &&
                  (std::isdigit(static_cast<unsigned char>(value.bytes[first])) != 0 ||
                   ((value.bytes[first] == '+' || value.bytes[first] == '-' || value.bytes[first] == '.') &&
                    first + 1 < value.bytes.size() &&
                    std::isdigit(static_cast<unsigned char>(value.bytes[first + 1])) != 0));
    if (digits) year = 2000;
  }
  if (year != 0 && (year < 1901 || year > 2155)) {
    PORPOISE_RETURN_IF_ERROR(Problem(
        context, Status::Error(ER_WARN_DATA_OUT_OF_RANGE, column.name, RowArg(context))));
    year = 0;
  }
  return Value::Integer(year);
}

Result<Value> CoerceBit(const ColumnSchema& column, const Value& value,
                        const CoerceContext& context) {
  uint64_t bits = 0;
  if (value.kind == Value::Kind::kBlob || value.kind == Value::Kind::kText) {
    if (value.bytes.size() > 8) {
      PORPOISE_RETURN_IF_ERROR(Problem(
          context, Status::Error(ER_DATA_TOO_LONG, column.name, RowArg(context))));
    }
    for (unsigned char c : value.bytes) bits = (bits << 8) | c;
  } else if (value.kind == Value::Kind::kInteger) {
    bits = static_cast<uint64_t>(value.integer);
  } else {
    bits = static_cast<uint64_t>(std::llround(value.real));
  }
  uint32_t width = column.type.length.value_or(1);
  if (width < 64 && (bits >> width) != 0) {
    PORPOISE_RETURN_IF_ERROR(
        Problem(context, Status::Error(ER_DATA_TOO_LONG, column.name, RowArg(context))));
    bits = (uint64_t{1} << width) - 1;
  }
  return Value::Integer(static_cast<int64_t>(bits));
}

// A JSON column keeps a document's normalised text: the value must be JSON text (3140
// otherwise, with the parser's message; a number is "not a JSON text").
Result<Value> CoerceJson(const ColumnSchema& column, const Value& value) {
  if (value.kind == Value::Kind::kBlob) {
    return Status::Error(ER_INVALID_JSON_CHARSET, "binary");
  }
  if (value.kind != Value::Kind::kText) {
    return Status::Error(ER_INVALID_JSON_TEXT, "not a JSON text, may need CAST", 0, column.name);
  }
  types::JsonValue json;
  types::JsonParseError error;
  bool too_deep = false;
  if (!types::ParseJson(value.bytes, &json, &error, &too_deep)) {
    if (too_deep) return Status::Error(ER_JSON_DOCUMENT_TOO_DEEP);
    return Status::Error(ER_INVALID_JSON_TEXT, error.message, error.offset, column.name);
  }
  return Value::Text(types::PrintJson(json));
}

}  // namespace

Result<Value> CoerceToColumn(const ColumnSchema& column, Value value,
                             const CoerceContext& context) {
  if (value.is_null()) {
    if (column.nullable) return Value::Null();
    // Outside strict mode (or with IGNORE) a NULL for a NOT NULL column is its implicit
    // default, with the error as a warning, as MySQL's UPDATE stores it.
    PORPOISE_RETURN_IF_ERROR(Problem(context, Status::Error(ER_BAD_NULL_ERROR, column.name)));
    return ImplicitDefault(column);
  }
  switch (column.type_class) {
    case TypeClass::kInteger:
      return CoerceInteger(column, value, context);
    case TypeClass::kFloat:
    case TypeClass::kDouble:
      return CoerceReal(column, value, context);
    case TypeClass::kDecimal:
      return CoerceDecimal(column, value, context);
    case TypeClass::kString:
    case TypeClass::kBinary:
      return CoerceString(column, std::move(value), context);
    case TypeClass::kJson:
      return CoerceJson(column, value);
    case TypeClass::kEnum:
      return CoerceEnum(column, value, context);
    case TypeClass::kSet:
      return CoerceSet(column, value, context);
    case TypeClass::kDate:
    case TypeClass::kDateTime:
    case TypeClass::kTimestamp:
      return CoerceDateTime(column, value, context);
    case TypeClass::kTime:
      return CoerceTime(column, value, context);
    case TypeClass::kYear:
      return CoerceYear(column, value, context);
    case TypeClass::kBit:
      return CoerceBit(column, value, context);
  }
  return value;
}

Value ImplicitDefault(const ColumnSchema& column) {
  switch (column.type_class) {
    case TypeClass::kInteger:
    case TypeClass::kYear:
    case TypeClass::kBit:
      return Value::Integer(0);
    case TypeClass::kFloat:
    case TypeClass::kDouble:
      return Value::Double(0);
    case TypeClass::kDecimal:
      return EncodeDecimal(types::Decimal());
    case TypeClass::kBinary:
      return Value::Blob(catalog::IsFixedLength(column.type)
                             ? std::string(catalog::MaxLength(column.type), '\0')
                             : std::string());
    case TypeClass::kEnum:
      return Value::Text(column.type.values.empty() ? "" : column.type.values[0]);
    case TypeClass::kDate:
      return Value::Text("0000-00-00");
    case TypeClass::kDateTime:
    case TypeClass::kTimestamp:
      return Value::Text("0000-00-00 00:00:00");
    case TypeClass::kTime:
      return Value::Text("00:00:00");
    case TypeClass::kJson:
      return Value::Text("null");  // (JSON's own null, as MySQL fills a NOT NULL JSON column)
    default:
      return Value::Text("");
  }
}

}  // namespace porpoise::engine
