// FieldValue and the text forms of numbers MySQL prints. (common/)
#include "common/field_value.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string_view>

namespace porpoise {

namespace {

// The shortest round-trip digits of a number printed as "d[.ddd]e[+-]xx": its sign, its
// significant digits (no trailing zeros) and the power of ten of the first digit.
struct Digits {
  bool negative = false;
  std::string digits;
  int exponent = 0;
};

Digits ReadScientific(std::string_view text) {
  Digits out;
  out.negative = !text.empty() && text[0] == '-';
  if (out.negative) text.remove_prefix(1);
  size_t e = text.find('e');
  for (char c : text.substr(0, e)) {
    if (c != '.') out.digits += c;
  }
  out.exponent = std::atoi(std::string(text.substr(e + 1)).c_str());
  while (out.digits.size() > 1 && out.digits.back() == '0') out.digits.pop_back();
  return out;
}

// Renders shortest round-trip digits as MySQL's my_gcvt lays them out: fixed from 1e-15 up
// (0.00000015), and past 1e15 while the digits run past the point (1234567890123456.8);
// scientific otherwise (1e-16, 1e15, 1.2345678901234568e17). No trailing zeros, no '+' in
// exponents.
std::string FormatShortest(const char* scientific) {
  Digits read = ReadScientific(scientific);
  const std::string& digits = read.digits;
  int exponent = read.exponent;
  bool negative = read.negative;
  std::string out = negative ? "-" : "";
  const bool whole_past_fixed = exponent >= 15 && digits.size() <= static_cast<size_t>(exponent) + 1;
  if (exponent < -15 || whole_past_fixed) {
    out += digits[0];
    if (digits.size() > 1) out += "." + digits.substr(1);
    out += "e" + std::to_string(exponent);
    return out;
  }
  if (exponent < 0) {
    out += "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
    return out;
  }
  size_t integer_digits = static_cast<size_t>(exponent) + 1;
  if (digits.size() <= integer_digits) {
    out += digits + std::string(integer_digits - digits.size(), '0');
  } else {
    out += digits.substr(0, integer_digits) + "." + digits.substr(integer_digits);
  }
  return out;
}

}  // namespace

std::string FormatDouble(double value) {
  // No digits name an infinity or a NaN (an aggregate's overflow): MySQL prints 0.
  if (!std::isfinite(value)) return "0";
  if (value == 0) return "0";
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer) - 1, value, std::chars_format::scientific);
  *result.ptr = '\0';
  return FormatShortest(buffer);
}

std::string FormatFloat(double value) {
  if (std::isnan(value) || std::isinf(value) || value == 0) return FormatDouble(value);
  // A double beyond FLOAT's range narrows to +-inf (not digits), so it is shown like one.
  float narrowed = std::abs(value) > std::numeric_limits<float>::max()
                       ? (value > 0 ? std::numeric_limits<float>::infinity()
                                    : -std::numeric_limits<float>::infinity())
                       : static_cast<float>(value);
  if (std::isinf(narrowed) || narrowed == 0) return FormatDouble(narrowed);
  // Six significant digits (FLT_DIG), as MySQL prints a FLOAT column: 3.14159, 3.40282e38,
  // fixed down to 1e-15.
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer) - 1, static_cast<double>(narrowed),
                              std::chars_format::scientific, 5);
  *result.ptr = '\0';
  return FormatShortest(buffer);
}

std::string FormatFixed(double value, uint32_t scale) {
  scale = std::min<uint32_t>(scale, 30);
  std::string text;
  // The shortest digits that read back as `value`, in fixed notation: when they need no more
  // than `scale` decimals, those digits padded with zeros are the answer, as MySQL prints
  // them (1e23 is 100000000000000000000000, not the binary value's exact expansion
  // 99999999999999991611392; 2.5 to 3 decimals is 2.500).
  if (std::isfinite(value) && value != 0) {
    char scientific[64];
    auto result = std::to_chars(scientific, scientific + sizeof(scientific), value,
                                std::chars_format::scientific);
    Digits read = ReadScientific(
        std::string_view(scientific, static_cast<size_t>(result.ptr - scientific)));
    const std::string& digits = read.digits;
    int exponent = read.exponent;
    bool negative = read.negative;
    // digits[0] stands for 10^exponent.
    std::string integer, fraction;
    if (exponent >= 0) {
      size_t integer_digits = static_cast<size_t>(exponent) + 1;
      integer = digits.substr(0, std::min(integer_digits, digits.size()));
      if (integer.size() < integer_digits) integer.append(integer_digits - integer.size(), '0');
      if (digits.size() > integer_digits) fraction = digits.substr(integer_digits);
    } else {
      integer = "0";
      fraction = std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
    }
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    if (fraction.size() <= scale) {
      fraction.append(scale - fraction.size(), '0');
      text = (negative ? "-" : "") + integer + (scale > 0 ? "." + fraction : "");
    }
  }
  if (text.empty()) {
    // More digits than `scale`: rounded to it.
    char buffer[400];
    std::snprintf(buffer, sizeof(buffer), "%.*f", static_cast<int>(scale), value);
    text = buffer;
  }
  if (text.starts_with("-") && text.find_first_not_of("-0.") == std::string::npos) {
    text.erase(0, 1);  // -0.00 prints as 0.00
  }
  return text;
}

FieldValue FieldValue::Signed(int64_t value) {
  FieldValue field;
  field.kind = Kind::kSigned;
  field.integer = value;
  return field;
}

FieldValue FieldValue::Unsigned(uint64_t value) {
  FieldValue field;
  field.kind = Kind::kUnsigned;
  field.integer = static_cast<int64_t>(value);
  return field;
}

FieldValue FieldValue::Real(double value, uint8_t decimals, bool single) {
  FieldValue field;
  field.kind = single ? Kind::kFloat : Kind::kDouble;
  field.real = value;
  field.decimals = decimals;
  return field;
}

FieldValue FieldValue::Text(std::string_view value, Kind kind) {
  FieldValue field;
  field.kind = kind;
  field.text = value;
  return field;
}

FieldValue FieldValue::Bit(uint64_t value, uint8_t width) {
  FieldValue field;
  field.kind = Kind::kBit;
  field.integer = static_cast<int64_t>(value);
  field.width = width;
  return field;
}

std::optional<std::string_view> FieldText(const FieldValue& value, std::string* buffer) {
  using Kind = FieldValue::Kind;
  switch (value.kind) {
    case Kind::kNull:
      return std::nullopt;
    case Kind::kSigned:
    case Kind::kUnsigned: {
      char digits[24];
      auto result = value.kind == Kind::kSigned
                        ? std::to_chars(digits, digits + sizeof(digits), value.integer)
                        : std::to_chars(digits, digits + sizeof(digits),
                                        static_cast<uint64_t>(value.integer));
      buffer->assign(digits, result.ptr);
      return std::string_view(*buffer);
    }
    case Kind::kDouble:
    case Kind::kFloat:
      if (value.decimals < 31) {
        *buffer = FormatFixed(value.real, value.decimals);
      } else {
        *buffer = value.kind == Kind::kFloat ? FormatFloat(value.real) : FormatDouble(value.real);
      }
      return std::string_view(*buffer);
    case Kind::kBit:
      buffer->clear();
      for (uint32_t i = std::max<uint32_t>(value.width, 1); i > 0; --i) {
        buffer->push_back(
            static_cast<char>((static_cast<uint64_t>(value.integer) >> ((i - 1) * 8)) & 0xff));
      }
      return std::string_view(*buffer);
    default:
      return value.text;
  }
}

}  // namespace porpoise
