// Tests of the prepared-statement codecs: COM_STMT_EXECUTE's parameters in every type (and
// types carried over from an earlier execution), long data, truncated packets, binary rows
// encoded by column type, and query attributes (CLIENT_QUERY_ATTRIBUTES) with COM_QUERY and
// COM_STMT_EXECUTE, malformed prefixes included. (protocol/)
#include "protocol/statement_packets.h"

#include <gtest/gtest.h>

#include <random>
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

std::vector<QueryAttribute> SampleAttributes() {
  using Kind = ParameterValue::Kind;
  return {{"traceparent", Make(Kind::kString, 0, 0, "00-abc-01")},
          {"n", Make(Kind::kSigned, -42)},
          {"u", Make(Kind::kUnsigned, -1)},
          {"none", Make(Kind::kNull)},
          {"", Make(Kind::kDouble, 0, 2.5)},
          {"when", Make(Kind::kDateTime, 0, 0, "2024-01-02 03:04:05")}};
}

void ExpectSameAttributes(const std::vector<QueryAttribute>& got,
                          const std::vector<QueryAttribute>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].name, want[i].name);
    EXPECT_EQ(got[i].value.kind, want[i].value.kind) << got[i].name;
    EXPECT_EQ(got[i].value.integer, want[i].value.integer) << got[i].name;
    EXPECT_EQ(got[i].value.real, want[i].value.real) << got[i].name;
    EXPECT_EQ(got[i].value.text, want[i].value.text) << got[i].name;
  }
}

std::string QueryPacket(const std::vector<QueryAttribute>& attributes, std::string_view sql) {
  std::string out;
  ByteWriter writer(out);
  EncodeQueryAttributes(attributes, writer);
  return out + std::string(sql);
}

TEST(QueryAttributesTest, ComQueryPrefixRoundTripsAndLeavesTheText) {
  std::vector<QueryAttribute> attributes = SampleAttributes();
  std::string packet = QueryPacket(attributes, "SELECT 1");
  ByteReader reader(packet);
  auto decoded = DecodeQueryAttributes(reader);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  ExpectSameAttributes(*decoded, attributes);
  EXPECT_EQ(reader.ReadRest(), "SELECT 1");
  // No attributes: the two counts only (what mysql2 sends with every query).
  std::string empty = QueryPacket({}, "SELECT 2");
  EXPECT_EQ(empty.substr(0, 2), std::string("\x00\x01", 2));
  ByteReader empty_reader(empty);
  EXPECT_TRUE(DecodeQueryAttributes(empty_reader).value().empty());
  EXPECT_EQ(empty_reader.ReadRest(), "SELECT 2");
}

TEST(QueryAttributesTest, MalformedComQueryPrefixesAre1835) {
  std::string good = QueryPacket(SampleAttributes(), "");
  // Every truncation of the prefix, and the counts and flags MySQL refuses.
  for (size_t length = 0; length < good.size(); ++length) {
    ByteReader reader(std::string_view(good).substr(0, length));
    auto decoded = DecodeQueryAttributes(reader);
    ASSERT_FALSE(decoded.ok()) << length;
    EXPECT_EQ(decoded.status().code(), ER_MALFORMED_PACKET) << length;
  }
  const std::string cases[] = {
      std::string("\x01\x02", 2),                      // two parameter sets
      std::string("\x00\x00", 2),                      // none
      std::string("\x01\x01\x00\x00\x08\x00\x01n", 8),   // types not sent (flag 0)
      std::string("\x01\x01\x00\x01\x63\x00\x01n", 8),   // an unknown type (99)
      std::string("\x01\x01\x00\x01\x0a\x00\x01n\x05", 9),  // a DATE of length 5
      std::string("\xfe\xff\xff\xff\xff\xff\xff\xff\xff\x01", 10),  // 2^64-1 parameters
      std::string("\xfc\x00\x10\x01", 4),             // 4096 parameters, no room for them
      std::string("\x01\x01\x00\x01\xfe\x00\xfe\xff\xff\xff\xff", 11),  // huge name
      // 65536 parameters, past MySQL's limit, with room for their NULL bitmap.
      std::string("\xfd\x00\x00\x01\x01", 5) + std::string(8192, '\0') + "\x01",
      // 1000 parameters whose bitmap fits but whose types and names cannot: refused before
      // anything is sized from the count.
      std::string("\xfc\xe8\x03\x01", 4) + std::string(125, '\0') + "\x01" +
          std::string(200, '\0'),
  };
  for (const std::string& packet : cases) {
    ByteReader reader(packet);
    auto decoded = DecodeQueryAttributes(reader);
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(decoded.status().code(), ER_MALFORMED_PACKET);
  }
  // Random bytes never crash: they decode or are 1835.
  std::mt19937 random(5);
  for (int round = 0; round < 2000; ++round) {
    std::string bytes = good;
    for (int flips = 0; flips < 3; ++flips) bytes[random() % bytes.size()] = static_cast<char>(random());
    ByteReader reader(bytes);
    auto decoded = DecodeQueryAttributes(reader);
    if (!decoded.ok()) {
      EXPECT_EQ(decoded.status().code(), ER_MALFORMED_PACKET);
    }
  }
}

TEST(QueryAttributesTest, StmtExecuteSplitsParametersFromNamedAttributes) {
  using Kind = ParameterValue::Kind;
  std::vector<uint16_t> wire_types = {static_cast<uint16_t>(FieldType::kLongLong),
                                      static_cast<uint16_t>(FieldType::kVarString)};
  std::vector<ParameterValue> values = {Make(Kind::kSigned, 9), Make(Kind::kString, 0, 0, "x")};
  std::vector<QueryAttribute> attributes = SampleAttributes();
  std::string packet;
  ByteWriter writer(packet);
  EncodeStmtExecute(3, 0, wire_types, values, writer, attributes);
  ByteReader id_reader(packet);
  ASSERT_EQ(DecodeStatementId(id_reader).value(), 3u);
  std::string body(id_reader.ReadRest());
  EXPECT_EQ(static_cast<uint8_t>(body[0]), kParameterCountAvailable);
  std::vector<uint16_t> types(2, 0xffff);
  ByteReader reader(body);
  auto execute = DecodeStmtExecute(reader, types, {}, true);
  ASSERT_TRUE(execute.ok()) << execute.status().ToString();
  ASSERT_EQ(execute->parameters.size(), 2u);
  EXPECT_EQ(execute->parameters[0].integer, 9);
  EXPECT_EQ(execute->parameters[1].text, "x");
  EXPECT_EQ(types, wire_types);
  ExpectSameAttributes(execute->attributes, attributes);
  // Without CLIENT_QUERY_ATTRIBUTES the same flag is not read as a count.
  std::string plain;
  ByteWriter plain_writer(plain);
  EncodeStmtExecute(3, 0, wire_types, values, plain_writer);
  ByteReader plain_reader(std::string_view(plain).substr(4));
  std::vector<uint16_t> plain_types(2, 0xffff);
  auto unnamed = DecodeStmtExecute(plain_reader, plain_types, {}, true);
  ASSERT_TRUE(unnamed.ok());
  EXPECT_TRUE(unnamed->attributes.empty());
  // A statement without parameters, with the count (0) and without attributes.
  std::string zero;
  ByteWriter zero_writer(zero);
  EncodeStmtExecute(4, 0, {}, {}, zero_writer, {}, true);
  EXPECT_EQ(zero.substr(4), std::string("\x08\x01\x00\x00\x00\x00", 6));
  std::vector<uint16_t> no_types;
  ByteReader zero_reader(std::string_view(zero).substr(4));
  EXPECT_TRUE(DecodeStmtExecute(zero_reader, no_types, {}, true).ok());
}

TEST(QueryAttributesTest, MalformedStmtExecuteCountsAre1835) {
  std::vector<uint16_t> types(2, static_cast<uint16_t>(FieldType::kLongLong));
  // Fewer parameters than the statement has.
  std::string fewer("\x08\x01\x00\x00\x00\x01\x00\x01\x08\x00\x00", 11);
  ByteReader fewer_reader(fewer);
  EXPECT_EQ(DecodeStmtExecute(fewer_reader, types, {}, true).status().code(), ER_MALFORMED_PACKET);
  // Attributes on a re-execution that binds no new types.
  std::string unbound("\x08\x01\x00\x00\x00\x03\x00\x00", 8);
  ByteReader unbound_reader(unbound);
  EXPECT_EQ(DecodeStmtExecute(unbound_reader, types, {}, true).status().code(), ER_MALFORMED_PACKET);
  // A count no packet could hold.
  std::string huge("\x08\x01\x00\x00\x00\xfe\xff\xff\xff\xff\xff\xff\xff\x7f", 14);
  ByteReader huge_reader(huge);
  EXPECT_EQ(DecodeStmtExecute(huge_reader, types, {}, true).status().code(), ER_MALFORMED_PACKET);
  // Every truncation of a good packet is an error, never a crash.
  std::string good;
  ByteWriter writer(good);
  std::vector<ParameterValue> values = {Make(ParameterValue::Kind::kSigned, 1),
                                       Make(ParameterValue::Kind::kNull)};
  EncodeStmtExecute(1, 0, types, values, writer, SampleAttributes());
  for (size_t length = 4; length < good.size(); ++length) {
    std::vector<uint16_t> fresh(2, 0xffff);
    ByteReader reader(std::string_view(good).substr(4, length - 4));
    EXPECT_FALSE(DecodeStmtExecute(reader, fresh, {}, true).ok()) << length;
  }
}

}  // namespace
}  // namespace porpoise::protocol
