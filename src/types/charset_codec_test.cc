#include "types/charset_codec.h"

#include <gtest/gtest.h>

namespace porpoise::types {
namespace {

std::string Encoded(std::string_view text, std::string_view charset, bool* exact = nullptr) {
  std::string out;
  bool all = Encode(text, charset, &out);
  if (exact != nullptr) *exact = all;
  return out;
}

TEST(CharsetCodecTest, Latin1IsWindows1252) {
  EXPECT_EQ(Encoded("a\xc3\xa4", "latin1"), "a\xe4");           // ä
  EXPECT_EQ(Encoded("\xe2\x82\xac", "latin1"), "\x80");          // €
  EXPECT_EQ(Encoded("\xc2\x81", "latin1"), "\x81");              // a hole: the C1 control
  EXPECT_EQ(Decode("\x80\xe4\x81", "latin1"), "\xe2\x82\xac\xc3\xa4\xc2\x81");
}

TEST(CharsetCodecTest, UnmappableBecomesQuestionMark) {
  bool exact = true;
  EXPECT_EQ(Encoded("x\xce\xa9y", "latin1", &exact), "x?y");  // Ω
  EXPECT_FALSE(exact);
  EXPECT_EQ(Encoded("\xc3\xa4", "ascii", &exact), "?");
  EXPECT_FALSE(exact);
  EXPECT_EQ(Encoded("a\xf0\x9f\x98\x80", "utf8mb3", &exact), "a?");  // an emoji
  EXPECT_FALSE(exact);
  EXPECT_EQ(Encoded("a\xc3\xa4", "utf8mb4", &exact), "a\xc3\xa4");
  EXPECT_TRUE(exact);
}

TEST(CharsetCodecTest, InvalidUtf8IsReadByteByByte) {
  EXPECT_EQ(Encoded("\xff" "a", "latin1"), "\xff" "a");
  EXPECT_EQ(Encoded("\xc3", "latin1"), "\xc3");
}

TEST(CharsetCodecTest, RoundTripsEveryLatin1Byte) {
  std::string all;
  for (int c = 0; c < 256; ++c) all.push_back(static_cast<char>(c));
  bool exact = false;
  EXPECT_EQ(Encoded(Decode(all, "latin1"), "latin1", &exact), all);
  EXPECT_TRUE(exact);
}

}  // namespace
}  // namespace porpoise::types
