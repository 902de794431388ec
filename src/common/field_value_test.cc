// FieldValue's text forms, as MySQL prints each kind of value. (common/)
#include "common/field_value.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace porpoise {
namespace {

std::string Text(const FieldValue& value) {
  std::string buffer;
  std::optional<std::string_view> text = FieldText(value, &buffer);
  return text ? std::string(*text) : "NULL";
}

TEST(FieldValueTest, IntegersPrintInFull) {
  EXPECT_EQ(Text(FieldValue::Signed(INT64_MIN)), "-9223372036854775808");
  EXPECT_EQ(Text(FieldValue::Unsigned(UINT64_MAX)), "18446744073709551615");
  EXPECT_EQ(Text(FieldValue::Null()), "NULL");
  EXPECT_EQ(Text(FieldValue::Bit(0x0102, 2)), std::string("\x01\x02", 2));
}

TEST(FieldValueTest, DoublesPrintShortestOrWithTheirDecimals) {
  EXPECT_EQ(Text(FieldValue::Real(0.1 + 0.2, 31)), "0.30000000000000004");
  // (my_gcvt's layout: fixed from 1e-15 up, and past 1e15 while digits follow the point)
  EXPECT_EQ(Text(FieldValue::Real(1e-10, 31)), "0.0000000001");
  EXPECT_EQ(Text(FieldValue::Real(-1.5e-7, 31)), "-0.00000015");
  EXPECT_EQ(Text(FieldValue::Real(1e-15, 31)), "0.000000000000001");
  EXPECT_EQ(Text(FieldValue::Real(1e-16, 31)), "1e-16");
  EXPECT_EQ(Text(FieldValue::Real(1.234e-16, 31)), "1.234e-16");
  EXPECT_EQ(Text(FieldValue::Real(1e14, 31)), "100000000000000");
  EXPECT_EQ(Text(FieldValue::Real(1e15, 31)), "1e15");
  EXPECT_EQ(Text(FieldValue::Real(1234567890123456.7, 31)), "1234567890123456.8");
  EXPECT_EQ(Text(FieldValue::Real(123456789012345678.0, 31)), "1.2345678901234568e17");
  EXPECT_EQ(Text(FieldValue::Real(2.5, 3)), "2.500");
  EXPECT_EQ(Text(FieldValue::Real(0.1 + 0.2, 2)), "0.30");
  EXPECT_EQ(Text(FieldValue::Real(-0.001, 2)), "0.00");
  EXPECT_EQ(Text(FieldValue::Real(1.5e-7, 10)), "0.0000001500");
  // The shortest digits, padded: not the binary value's exact expansion.
  EXPECT_EQ(Text(FieldValue::Real(1e23, 0)), "100000000000000000000000");
  EXPECT_EQ(Text(FieldValue::Real(3.4e38, 31, true)), "3.4e38");
}

TEST(FieldValueTest, TextKindsPassThrough) {
  EXPECT_EQ(Text(FieldValue::Text("12.50", FieldValue::Kind::kDecimal)), "12.50");
  EXPECT_EQ(Text(FieldValue::Text("2026-12-02", FieldValue::Kind::kDate)), "2026-12-02");
  EXPECT_EQ(Text(FieldValue::Text(std::string_view("a\0b", 3))), std::string("a\0b", 3));
}

}  // namespace
}  // namespace porpoise
