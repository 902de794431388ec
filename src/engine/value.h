// A SQL value as the engine moves it between SQLite and MySQL (null, integer, double, text,
// blob), MySQL's text formatting of numbers, and the conversion of a value into a column's
// storage form under sql_mode's strict rules. (engine/)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/table_schema.h"
#include "common/field_value.h"
#include "common/status.h"
#include "types/temporal.h"
#include "types/time_zone.h"

namespace porpoise::storage {
class Statement;
}

namespace porpoise::engine {

struct Value {
  enum class Kind : uint8_t { kNull, kInteger, kDouble, kText, kBlob };
  Kind kind = Kind::kNull;
  int64_t integer = 0;
  double real = 0;
  std::string bytes;  // kText / kBlob

  static Value Null() { return Value(); }
  static Value Integer(int64_t v) {
    Value value;
    value.kind = Kind::kInteger;
    value.integer = v;
    return value;
  }
  static Value Double(double v) {
    Value value;
    value.kind = Kind::kDouble;
    value.real = v;
    return value;
  }
  static Value Text(std::string v) {
    Value value;
    value.kind = Kind::kText;
    value.bytes = std::move(v);
    return value;
  }
  static Value Blob(std::string v) {
    Value value;
    value.kind = Kind::kBlob;
    value.bytes = std::move(v);
    return value;
  }
  bool is_null() const { return kind == Kind::kNull; }
  // MySQL's text form of the value ("NULL" is not produced: callers check is_null()).
  std::string ToText() const;
};

// Whether two values are the same value of the same kind (text and blobs byte for byte).
bool SameValue(const Value& a, const Value& b);
// The index of `value` in `values`: one of the last 16 when it is the same value, else a new
// last entry. (Parameter lists reuse a constant written twice, but not the `reserved`
// entries, ascending indexes of sub-statement numbers that are renumbered later.)
size_t AddOrReuse(std::vector<Value>& values, const Value& value,
                  const std::vector<size_t>* reserved = nullptr);

// Reads column `column` of the current row.
Value ReadValue(const storage::Statement& statement, int column);
// Binds a value to 1-based parameter `index`.
Status BindValue(storage::Statement& statement, int index, const Value& value);
// The same without copying a string's bytes: `value` stays unchanged until the statement is
// reset or bound again there.
Status BindValueKept(storage::Statement& statement, int index, const Value& value);

// FormatDouble, FormatFloat, FormatFixed: common/field_value.h.

// Character count of UTF-8 text (invalid bytes count as one character each).
size_t Utf8Length(std::string_view text);

// What the conversion of one value needs to know.
struct CoerceContext {
  bool strict = true;               // STRICT_TRANS_TABLES / STRICT_ALL_TABLES (and not IGNORE)
  uint64_t row = 1;                 // 1-based row number for messages
  std::vector<Status>* warnings = nullptr;  // non-strict conversions append warnings here
  // The session's time zone, which a TIMESTAMP value is read in (it is stored in UTC);
  // nullptr: the value is UTC already.
  const types::TimeZone* time_zone = nullptr;
  // The dates a DATE, DATETIME or TIMESTAMP column takes (sql_mode's NO_ZERO_DATE,
  // NO_ZERO_IN_DATE, ALLOW_INVALID_DATES; by default MySQL's default sql_mode).
  types::DateChecks dates{false, false, false};
};

// Converts `value` into `column`'s storage form (see MYSQL-ON-SQLITE.md): integers checked
// against the type's range (1264), strings checked against the length (1406), numbers parsed
// from strings (1366 / 1265), ENUM members, DECIMAL rounded to its scale, dates validated
// (1292). NULL into a NOT NULL column is 1048. In non-strict mode the value is adjusted and a
// warning recorded instead of an error (except 1048 for explicit NULLs in single-row inserts,
// which the caller decides). A value the caller moves in is not copied on the way.
Result<Value> CoerceToColumn(const catalog::ColumnSchema& column, Value value,
                             const CoerceContext& context);

// A TIMESTAMP column's stored UTC text as the wall-clock text of `zone`, with as many
// fraction digits; text that is no such value (the zero date) as it is.
std::string TimestampInZone(std::string_view utc_text, const types::TimeZone& zone);

// The last second a TIMESTAMP holds: 2038-01-19 03:14:07 UTC.
inline constexpr int64_t kMaxTimestampSeconds = 2147483647;

// The implicit default of a NOT NULL column without DEFAULT, used in non-strict mode
// (0, '', the zero date, the first ENUM member).
Value ImplicitDefault(const catalog::ColumnSchema& column);

// Parses a MySQL number from the start of `text` (leading spaces, sign, digits, fraction,
// exponent). `consumed` is how many bytes formed the number (0 when none).
double ParseNumberPrefix(std::string_view text, size_t* consumed);

// "YYYY-MM-DD hh:mm:ss" local time of `unix_micros`, with `fsp` fractional digits.
// The wall-clock DATETIME text of instant `unix_micros` in `zone` (UTC when nullptr), with
// `fsp` fraction digits.
std::string FormatDateTime(int64_t unix_micros, uint32_t fsp, const types::TimeZone* zone);

}  // namespace porpoise::engine
