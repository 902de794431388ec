// Tests for ByteReader / ByteWriter: integer widths, length-encoded boundaries, strings and
// truncated input. (protocol/)
#include "protocol/byte_reader.h"
#include "protocol/byte_writer.h"

#include <gtest/gtest.h>

#include <string>

namespace porpoise::protocol {
namespace {

std::string Bytes(std::initializer_list<int> values) {
  std::string out;
  for (int value : values) out.push_back(static_cast<char>(value));
  return out;
}

TEST(ByteCodecTest, FixedIntegersAreLittleEndian) {
  std::string buffer;
  ByteWriter writer(buffer);
  writer.WriteInt1(0x12);
  writer.WriteInt2(0x3456);
  writer.WriteInt3(0x789abc);
  writer.WriteInt4(0xdef01234u);
  writer.WriteInt6(0x0000112233445566ull);
  writer.WriteInt8(0x8877665544332211ull);
  EXPECT_EQ(buffer.substr(0, 6), Bytes({0x12, 0x56, 0x34, 0xbc, 0x9a, 0x78}));
  ByteReader reader(buffer);
  EXPECT_EQ(reader.ReadInt1().value(), 0x12);
  EXPECT_EQ(reader.ReadInt2().value(), 0x3456);
  EXPECT_EQ(reader.ReadInt3().value(), 0x789abcu);
  EXPECT_EQ(reader.ReadInt4().value(), 0xdef01234u);
  EXPECT_EQ(reader.ReadInt6().value(), 0x0000112233445566ull);
  EXPECT_EQ(reader.ReadInt8().value(), 0x8877665544332211ull);
  EXPECT_TRUE(reader.empty());
}

struct LenencCase {
  uint64_t value;
  size_t encoded_size;
  int first_byte;
};

// Boundaries: 250 is the largest 1-byte value (251 = 0xfb means NULL), 65535/65536 and
// 16777215/16777216 switch the width.
TEST(ByteCodecTest, LengthEncodedIntBoundaries) {
  const LenencCase cases[] = {
      {0, 1, 0x00},          {250, 1, 0xfa},          {251, 3, 0xfc},
      {65535, 3, 0xfc},      {65536, 4, 0xfd},        {16777215, 4, 0xfd},
      {16777216, 9, 0xfe},   {~uint64_t{0}, 9, 0xfe},
  };
  for (const LenencCase& test_case : cases) {
    std::string buffer;
    ByteWriter writer(buffer);
    writer.WriteLengthEncodedInt(test_case.value);
    ASSERT_EQ(buffer.size(), test_case.encoded_size) << test_case.value;
    EXPECT_EQ(ByteWriter::LengthEncodedIntSize(test_case.value), test_case.encoded_size);
    EXPECT_EQ(static_cast<uint8_t>(buffer[0]), test_case.first_byte) << test_case.value;
    ByteReader reader(buffer);
    auto decoded = reader.ReadLengthEncodedInt();
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(*decoded, test_case.value);
    EXPECT_TRUE(reader.empty());
    // Every strict prefix is truncated and leaves the position alone.
    for (size_t prefix = 0; prefix < buffer.size(); ++prefix) {
      ByteReader short_reader(std::string_view(buffer).substr(0, prefix));
      auto result = short_reader.ReadLengthEncodedInt();
      ASSERT_FALSE(result.ok());
      EXPECT_EQ(result.status().code(), ER_MALFORMED_PACKET);
      EXPECT_EQ(short_reader.position(), 0u);
    }
  }
}

TEST(ByteCodecTest, NullAndErrMarkersAreNotIntegers) {
  std::string null_marker = Bytes({0xfb});
  ByteReader reader(null_marker);
  EXPECT_FALSE(reader.ReadLengthEncodedInt().ok());
  ByteReader row_reader(null_marker);
  auto value = row_reader.ReadLengthEncodedStringOrNull();
  ASSERT_TRUE(value.ok());
  EXPECT_FALSE(value->has_value());
  std::string err_marker = Bytes({0xff});
  ByteReader err_reader(err_marker);
  EXPECT_FALSE(err_reader.ReadLengthEncodedInt().ok());
}

TEST(ByteCodecTest, LengthEncodedStringsAroundBoundaries) {
  for (size_t length : {size_t{0}, size_t{250}, size_t{251}, size_t{65535}, size_t{65536}}) {
    std::string text(length, 'x');
    std::string buffer;
    ByteWriter writer(buffer);
    writer.WriteLengthEncodedString(text);
    EXPECT_EQ(buffer.size(), ByteWriter::LengthEncodedIntSize(length) + length);
    ByteReader reader(buffer);
    auto decoded = reader.ReadLengthEncodedString();
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(*decoded, text);
    // One byte missing from the body.
    ByteReader short_reader(std::string_view(buffer).substr(0, buffer.size() - 1));
    if (length > 0) {
      EXPECT_FALSE(short_reader.ReadLengthEncodedString().ok());
      EXPECT_EQ(short_reader.position(), 0u);
    }
  }
}

TEST(ByteCodecTest, NulTerminatedStringNeedsItsTerminator) {
  std::string buffer;
  ByteWriter writer(buffer);
  writer.WriteNulTerminatedString("root");
  writer.WriteBytes("tail");
  ByteReader reader(buffer);
  EXPECT_EQ(reader.ReadNulTerminatedString().value(), "root");
  EXPECT_FALSE(reader.ReadNulTerminatedString().ok());
  EXPECT_EQ(reader.ReadRest(), "tail");
  EXPECT_TRUE(reader.empty());
  EXPECT_EQ(reader.ReadRest(), "");
}

TEST(ByteCodecTest, ShortReadsFailWithoutMoving) {
  std::string buffer = Bytes({1, 2, 3});
  ByteReader reader(buffer);
  EXPECT_FALSE(reader.ReadInt4().ok());
  EXPECT_FALSE(reader.ReadInt8().ok());
  EXPECT_FALSE(reader.ReadInt6().ok());
  EXPECT_FALSE(reader.ReadFixed(4).ok());
  EXPECT_FALSE(reader.Skip(4).ok());
  EXPECT_EQ(reader.position(), 0u);
  EXPECT_EQ(reader.ReadInt3().value(), 0x030201u);
  EXPECT_FALSE(reader.ReadInt1().ok());
  EXPECT_FALSE(reader.PeekInt1().ok());
}

}  // namespace
}  // namespace porpoise::protocol
