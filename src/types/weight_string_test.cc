// WEIGHT_STRING's bytes: MySQL's weights of the legacy and _bin collations, AS CHAR(n)
// truncation and padding, and ICU's sort key for the UCA collations.
#include "types/weight_string.h"

#include <gtest/gtest.h>

namespace porpoise::types {
namespace {

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

std::string Weights(std::string_view collation, std::string_view text,
                    std::optional<uint32_t> characters = std::nullopt) {
  const Collation* found = FindCollationByName(collation);
  EXPECT_NE(found, nullptr) << collation;
  return found == nullptr ? "" : Hex(WeightString(*found, text, characters));
}

TEST(WeightStringTest, BinaryIsTheBytesPaddedWithZeros) {
  EXPECT_EQ(Weights("binary", "ab"), "6162");
  EXPECT_EQ(Weights("binary", "ab", 4), "61620000");
  EXPECT_EQ(Weights("binary", "abc", 2), "6162");
}

TEST(WeightStringTest, Latin1AndAsciiWeighOneBytePerCharacter) {
  EXPECT_EQ(Weights("latin1_swedish_ci", "ab"), "4142");
  EXPECT_EQ(Weights("latin1_swedish_ci", "ab", 4), "41422020");
  EXPECT_EQ(Weights("latin1_swedish_ci", "abc", 2), "4142");
  EXPECT_EQ(Weights("latin1_swedish_ci", "\xC3\xA4\xC3\xA9"), "5C45");  // ä sorts after Z, é as E
  EXPECT_EQ(Weights("latin1_bin", "aB\xC3\xA9"), "6142E9");
  EXPECT_EQ(Weights("latin1_swedish_ci", "a "), "4120");  // a trailing space counts
  EXPECT_EQ(Weights("ascii_general_ci", "aZ"), "415A");
  EXPECT_EQ(Weights("ascii_bin", "aZ"), "615A");
}

TEST(WeightStringTest, UnicodeLegacyCollationsWeighTwoOrThreeBytes) {
  EXPECT_EQ(Weights("utf8mb4_general_ci", "ab"), "00410042");
  EXPECT_EQ(Weights("utf8mb4_general_ci", "a", 3), "004100200020");
  EXPECT_EQ(Weights("utf8mb4_general_ci", "\xF0\x9F\x98\x80"), "FFFD");  // U+1F600
  EXPECT_EQ(Weights("utf8mb3_general_ci", "\xC3\xA9"), "0045");
  EXPECT_EQ(Weights("utf8mb3_bin", "\xC3\xA9"), "00E9");
  EXPECT_EQ(Weights("utf8mb4_bin", "a\xF0\x9F\x98\x80"), "00006101F600");
  EXPECT_EQ(Weights("utf8mb4_bin", "a", 2), "000061000020");
  EXPECT_EQ(Weights("utf8mb4_0900_bin", "a\xC3\xA9"), "61C3A9");
  EXPECT_EQ(Weights("utf8mb4_0900_bin", "a\xC3\xA9", 4), "61C3A9");  // NO PAD
}

TEST(WeightStringTest, UcaCollationsGiveIcusSortKey) {
  const Collation* ai = FindCollationByName("utf8mb4_0900_ai_ci");
  ASSERT_NE(ai, nullptr);
  EXPECT_FALSE(HasMysqlWeights(*ai));
  EXPECT_EQ(WeightString(*ai, "abc"), ai->SortKey("abc"));
  EXPECT_EQ(WeightString(*ai, "abcd", 3), ai->SortKey("abc"));
  EXPECT_LT(WeightString(*ai, "a"), WeightString(*ai, "b"));
  EXPECT_TRUE(HasMysqlWeights(*FindCollationByName("latin1_swedish_ci")));
}

}  // namespace
}  // namespace porpoise::types
