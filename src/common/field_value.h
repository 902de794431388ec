// FieldValue: one value of a result row as the engine hands it to the server, typed as MySQL
// types it. The server encodes it for the protocol in use (FieldText: the text protocol's
// form); the engine never formats integers or floating-point numbers for the wire. (common/)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace porpoise {

struct FieldValue {
  enum class Kind : uint8_t {
    kNull,
    kSigned,    // `integer`
    kUnsigned,  // `integer`'s bits as uint64_t
    kDouble,    // `real`, printed with `decimals` digits after the point (31: shortest form)
    kFloat,     // `real` narrowed to single precision, likewise
    kDecimal,   // `text`: the exact number as MySQL prints it
    kString,    // `text`: the bytes
    kDate,      // `text`: YYYY-MM-DD
    kTime,      // `text`: [-]HH:MM:SS[.ffffff]
    kDateTime,  // `text`: YYYY-MM-DD HH:MM:SS[.ffffff]
    kBit,       // `integer`'s low `width` bytes, most significant first
  };

  Kind kind = Kind::kNull;
  int64_t integer = 0;
  double real = 0;
  uint8_t decimals = 31;
  uint8_t width = 0;
  std::string_view text;  // must stay alive until the row is sent

  static FieldValue Null() { return FieldValue(); }
  static FieldValue Signed(int64_t value);
  static FieldValue Unsigned(uint64_t value);
  static FieldValue Real(double value, uint8_t decimals, bool single = false);
  static FieldValue Text(std::string_view value, Kind kind = Kind::kString);
  static FieldValue Bit(uint64_t value, uint8_t width);
};

// The text protocol's form of `value`: nullopt for NULL, else a view of the value's text or
// of `buffer`, into which numbers are printed.
std::optional<std::string_view> FieldText(const FieldValue& value, std::string* buffer);

// MySQL's shortest text form of a DOUBLE: "2.5", "0.30000000000000004", "1e20", "1e-7";
// "0" for an infinity or a NaN, as MySQL prints one (SUM(1e308) over two rows shows 0).
std::string FormatDouble(double value);
// A FLOAT's value: six significant digits of its single-precision value, fixed from 1e-15
// to below 1e15 (3.14159, 1.5e-16, 3.40282e38).
std::string FormatFloat(double value);
// Fixed point with `scale` digits after the point; -0.00 prints as 0.00.
std::string FormatFixed(double value, uint32_t scale);

}  // namespace porpoise
