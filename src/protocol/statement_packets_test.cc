// Tests of the prepared-statement codecs: COM_STMT_EXECUTE's parameters in every type (and
// types carried over from an earlier execution), long data, truncated packets, and binary
// rows encoded by column type. (protocol/)
#include "protocol/statement_packets.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace porpoise::protocol {
namespace {

constexpr uint16_t kUnsigned = 0x8000;

ParameterValue Make(ParameterValue::Kind kind, int64_t integer = 0, double real = 0,
                    std::string text = {}) {
  ParameterValue value;
  value.kind = kind;
  value.integer = integer;
  value.real = real;
  value.text = std::move(text);
  return value;
}

std::string ExecutePacket(uint32_t id, std::vector<uint16_t> types,
                          const std::vector<ParameterValue>& values) {
  std::string out;
  ByteWriter writer(out);
  EncodeStmtExecute(id, 0, types, values, writer);
  return out;
}

TEST(StmtExecuteTest, DecodesEveryParameterKind) {
  using Kind = ParameterValue::Kind;
  std::vector<uint16_t> types = {
      static_cast<uint16_t>(FieldType::kLongLong),
      static_cast<uint16_t>(FieldType::kLongLong) | kUnsigned,
      static_cast<uint16_t>(FieldType::kDouble),
      static_cast<uint16_t>(FieldType::kNewDecimal),
      static_cast<uint16_t>(FieldType::kVarString),
      static_cast<uint16_t>(FieldType::kBlob),
      static_cast<uint16_t>(FieldType::kDate),
      static_cast<uint16_t>(FieldType::kDateTime),
      static_cast<uint16_t>(FieldType::kTime),
      static_cast<uint16_t>(FieldType::kLong),
  };
  std::vector<ParameterValue> values = {
      Make(Kind::kSigned, -5),
      Make(Kind::kUnsigned, static_cast<int64_t>(18446744073709551615ull)),
      Make(Kind::kDouble, 0, -0.25),
      Make(Kind::kDecimal, 0, 0, "-12.50"),
      Make(Kind::kString, 0, 0, "text"),
      Make(Kind::kBinary, 0, 0, std::string("\0\1", 2)),
      Make(Kind::kDate, 0, 0, "2024-02-29"),
      Make(Kind::kDateTime, 0, 0, "2024-02-29 23:59:58.000100"),
      Make(Kind::kTime, 0, 0, "-49:02:03"),
      Make(Kind::kNull),
  };
  std::string packet = ExecutePacket(7, types, values);
  ByteReader reader(packet);
  ASSERT_EQ(DecodeStatementId(reader).value(), 7u);
  std::vector<uint16_t> bound(types.size(), 0xffff);
  std::vector<std::optional<std::string>> long_data(types.size());
  Result<StmtExecute> decoded = DecodeStmtExecute(reader, bound, long_data);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(bound, types);
  const std::vector<ParameterValue>& got = decoded->parameters;
  ASSERT_EQ(got.size(), values.size());
  EXPECT_EQ(got[0].kind, Kind::kSigned);
  EXPECT_EQ(got[0].integer, -5);
  EXPECT_EQ(got[1].kind, Kind::kUnsigned);
  EXPECT_EQ(static_cast<uint64_t>(got[1].integer), 18446744073709551615ull);
  EXPECT_EQ(got[2].real, -0.25);
  EXPECT_EQ(got[3].kind, Kind::kDecimal);
  EXPECT_EQ(got[3].text, "-12.50");
  EXPECT_EQ(got[4].kind, Kind::kString);
  EXPECT_EQ(got[5].kind, Kind::kBinary);
  EXPECT_EQ(got[5].text, std::string("\0\1", 2));
  EXPECT_EQ(got[6].text, "2024-02-29");
  EXPECT_EQ(got[7].text, "2024-02-29 23:59:58.000100");
  EXPECT_EQ(got[8].kind, Kind::kTime);
  EXPECT_EQ(got[8].text, "-49:02:03");
  EXPECT_EQ(got[9].kind, Kind::kNull);
}

TEST(StmtExecuteTest, KeepsTypesLongDataAndRejectsBadPackets) {
  std::vector<uint16_t> types = {static_cast<uint16_t>(FieldType::kTiny),
                                 static_cast<uint16_t>(FieldType::kString)};
  // First execution binds the types; a TINY of 0xff is -1 signed.
  std::string packet;
  {
    ByteWriter writer(packet);
    writer.WriteInt4(1);  // statement id
    writer.WriteInt1(0);
    writer.WriteInt4(1);
    writer.WriteInt1(0);  // NULL bitmap
    writer.WriteInt1(1);  // new types
    writer.WriteInt2(types[0]);
    writer.WriteInt2(types[1]);
    writer.WriteInt1(0xff);
    writer.WriteLengthEncodedString("ab");
  }
  std::vector<uint16_t> bound(2, 0xffff);
  std::vector<std::optional<std::string>> long_data(2);
  ByteReader reader(packet);
  ASSERT_TRUE(DecodeStatementId(reader).ok());
  Result<StmtExecute> first = DecodeStmtExecute(reader, bound, long_data);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->parameters[0].integer, -1);
  // Second execution sends no types; the second parameter's value came as long data.
  std::string again;
  {
    ByteWriter writer(again);
    writer.WriteInt1(0);
    writer.WriteInt4(1);
    writer.WriteInt1(0);
    writer.WriteInt1(0);  // types as before
    writer.WriteInt1(7);
  }
  long_data[1] = "streamed";
  ByteReader second_reader(again);
  Result<StmtExecute> second = DecodeStmtExecute(second_reader, bound, long_data);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->parameters[0].integer, 7);
  EXPECT_EQ(second->parameters[1].text, "streamed");
  // Values with no types ever bound, and an unknown type, are 1210.
  std::vector<uint16_t> unbound(2, 0xffff);
  ByteReader unbound_reader(again);
  EXPECT_EQ(DecodeStmtExecute(unbound_reader, unbound, long_data).status().code(), ER_WRONG_ARGUMENTS);
  std::string unknown = packet;
  unknown[4 + 1 + 4 + 1 + 1] = static_cast<char>(0x20);
  ByteReader unknown_reader(unknown);
  ASSERT_TRUE(DecodeStatementId(unknown_reader).ok());
  std::vector<uint16_t> fresh(2, 0xffff);
  EXPECT_EQ(DecodeStmtExecute(unknown_reader, fresh, long_data).status().code(), ER_WRONG_ARGUMENTS);
  // Every truncation fails cleanly.
  for (size_t prefix = 4; prefix < packet.size(); ++prefix) {
    ByteReader cut(std::string_view(packet).substr(4, prefix - 4));
    std::vector<uint16_t> cut_types(2, 0xffff);
    EXPECT_FALSE(DecodeStmtExecute(cut, cut_types, {std::nullopt, std::nullopt}).ok()) << prefix;
  }
}

TEST(BinaryRowTest, EncodesEachValueInItsColumnsForm) {
  auto column = [](FieldType type, uint16_t flags = 0) {
    ColumnInfo info;
    info.type = type;
    info.flags = flags;
    return info;
  };
  std::vector<ColumnInfo> columns = {
      column(FieldType::kTiny),     column(FieldType::kShort),
      column(FieldType::kLong),     column(FieldType::kLongLong, column_flag::kUnsigned),
      column(FieldType::kFloat),    column(FieldType::kDouble),
      column(FieldType::kNewDecimal), column(FieldType::kVarString),
      column(FieldType::kDate),     column(FieldType::kDateTime),
      column(FieldType::kTime),     column(FieldType::kYear),
      column(FieldType::kLong),     column(FieldType::kNull),
  };
  std::vector<FieldValue> values = {
      FieldValue::Signed(-3),
      FieldValue::Signed(-300),
      FieldValue::Signed(70000),
      FieldValue::Unsigned(18446744073709551615ull),
      FieldValue::Real(1.5, 31, true),
      FieldValue::Real(0.1, 31),
      FieldValue::Text("-1.25", FieldValue::Kind::kDecimal),
      FieldValue::Text("hello"),
      FieldValue::Text("0000-00-00", FieldValue::Kind::kDate),
      FieldValue::Text("1999-12-31 23:59:59.500000", FieldValue::Kind::kDateTime),
      FieldValue::Text("-838:59:59", FieldValue::Kind::kTime),
      FieldValue::Signed(2024),
      FieldValue::Null(),
      FieldValue::Null(),
  };
  std::string out;
  ByteWriter writer(out);
  EncodeBinaryRow(columns, values, writer);
  ByteReader reader(out);
  Result<std::vector<std::optional<std::string>>> row = DecodeBinaryRow(reader, columns);
  ASSERT_TRUE(row.ok()) << row.status().ToString();
  EXPECT_TRUE(reader.empty());
  std::vector<std::optional<std::string>> expected = {
      "-3", "-300", "70000", "18446744073709551615", "1.5", "0.1", "-1.25", "hello",
      "0000-00-00", "1999-12-31 23:59:59.500000", "-838:59:59", "2024", std::nullopt,
      std::nullopt};
  EXPECT_EQ(*row, expected);
}

}  // namespace
}  // namespace porpoise::protocol
