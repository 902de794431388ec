// Unit tests for types/collation.h: MySQL's comparison, PAD SPACE, LIKE and sort-key rules
// for every implemented collation. (types/)
#include "types/collation.h"

#include <gtest/gtest.h>
#include <unicode/ucol.h>
#include <unicode/uset.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace porpoise::types {
namespace {

const Collation& Get(std::string_view name) {
  const Collation* collation = FindCollationByName(name);
  if (collation == nullptr) {
    ADD_FAILURE() << "no collation " << name;
    return DefaultCollation();
  }
  return *collation;
}

int Cmp(std::string_view name, std::string_view a, std::string_view b) {
  return Get(name).Compare(a, b);
}

bool Like(std::string_view name, std::string_view text, std::string_view pattern,
          uint32_t escape = '\\') {
  return Get(name).Like(text, pattern, escape);
}

int Sign(int value) { return (value > 0) - (value < 0); }

int KeyCompare(const std::string& a, const std::string& b) {
  const size_t shorter = std::min(a.size(), b.size());
  const int result = shorter == 0 ? 0 : std::memcmp(a.data(), b.data(), shorter);
  if (result != 0) return Sign(result);
  return (a.size() > b.size()) - (a.size() < b.size());
}

// ---- Registry ----

struct Expected {
  const char* name;
  const char* charset;
  uint16_t id;
  bool pad_space;
  bool is_binary;
};

constexpr Expected kExpected[] = {
    {"ascii_bin", "ascii", 65, true, true},
    {"ascii_general_ci", "ascii", 11, true, false},
    {"binary", "binary", 63, false, true},
    {"latin1_bin", "latin1", 47, true, true},
    {"latin1_general_ci", "latin1", 48, true, false},
    {"latin1_swedish_ci", "latin1", 8, true, false},
    {"utf8mb3_bin", "utf8mb3", 83, true, true},
    {"utf8mb3_general_ci", "utf8mb3", 33, true, false},
    {"utf8mb3_unicode_ci", "utf8mb3", 192, true, false},
    {"utf8mb4_0900_ai_ci", "utf8mb4", 255, false, false},
    {"utf8mb4_0900_as_ci", "utf8mb4", 305, false, false},
    {"utf8mb4_0900_as_cs", "utf8mb4", 278, false, false},
    {"utf8mb4_0900_bin", "utf8mb4", 309, false, true},
    {"utf8mb4_bin", "utf8mb4", 46, true, true},
    {"utf8mb4_general_ci", "utf8mb4", 45, true, false},
    {"utf8mb4_unicode_ci", "utf8mb4", 224, true, false},
    {"utf8mb4_unicode_520_ci", "utf8mb4", 246, true, false},
};

TEST(CollationRegistryTest, ListsEveryCatalogCollationWithItsAttributes) {
  ASSERT_EQ(AllCollations().size(), std::size(kExpected));
  for (const Expected& expected : kExpected) {
    SCOPED_TRACE(expected.name);
    const Collation* by_name = FindCollationByName(expected.name);
    ASSERT_NE(by_name, nullptr);
    EXPECT_EQ(FindCollationById(expected.id), by_name);
    EXPECT_EQ(by_name->name(), expected.name);
    EXPECT_EQ(by_name->charset(), expected.charset);
    EXPECT_EQ(by_name->id(), expected.id);
    EXPECT_EQ(by_name->pad_space(), expected.pad_space);
    EXPECT_EQ(by_name->is_binary(), expected.is_binary);
    EXPECT_EQ(by_name->sqlite_name(), std::string(expected.name) + ".v1");
  }
}

TEST(CollationRegistryTest, NamesCompareCaseInsensitively) {
  EXPECT_EQ(FindCollationByName("UTF8MB4_0900_AI_CI"), &DefaultCollation());
  EXPECT_EQ(FindCollationByName("Latin1_Swedish_CI")->id(), 8);
}

TEST(CollationRegistryTest, UnknownNamesAndIdsAreNull) {
  EXPECT_EQ(FindCollationByName("utf8mb4_ja_0900_as_cs"), nullptr);
  EXPECT_EQ(FindCollationByName(""), nullptr);
  EXPECT_EQ(FindCollationByName("utf8mb4_0900_ai_ci.v1"), nullptr);
  EXPECT_EQ(FindCollationById(0), nullptr);
  EXPECT_EQ(FindCollationById(1234), nullptr);
}

TEST(CollationRegistryTest, BinaryAndDefault) {
  EXPECT_EQ(BinaryCollation().name(), "binary");
  EXPECT_EQ(BinaryCollation().id(), 63);
  EXPECT_EQ(DefaultCollation().name(), "utf8mb4_0900_ai_ci");
  EXPECT_EQ(DefaultCollation().id(), 255);
}

// ---- utf8mb4_0900_ai_ci ----

TEST(Utf8mb4_0900AiCiTest, IgnoresAccentsAndCase) {
  const char* kName = "utf8mb4_0900_ai_ci";
  EXPECT_EQ(Cmp(kName, "a", "A"), 0);
  EXPECT_EQ(Cmp(kName, "a", "ä"), 0);
  EXPECT_EQ(Cmp(kName, "a", "á"), 0);
  EXPECT_EQ(Cmp(kName, "Ä", "á"), 0);
  EXPECT_EQ(Cmp(kName, "Résumé", "RESUME"), 0);
  EXPECT_LT(Cmp(kName, "a", "b"), 0);
  EXPECT_GT(Cmp(kName, "B", "a"), 0);
  EXPECT_LT(Cmp(kName, "ä", "z"), 0);
}

TEST(Utf8mb4_0900AiCiTest, SharpSEqualsSs) {
  EXPECT_EQ(Cmp("utf8mb4_0900_ai_ci", "ß", "ss"), 0);
  EXPECT_EQ(Cmp("utf8mb4_0900_ai_ci", "Straße", "STRASSE"), 0);
  EXPECT_NE(Cmp("utf8mb4_0900_ai_ci", "ß", "s"), 0);
}

TEST(Utf8mb4_0900AiCiTest, NoPadMakesTrailingSpacesSignificant) {
  EXPECT_LT(Cmp("utf8mb4_0900_ai_ci", "a", "a "), 0);
  EXPECT_GT(Cmp("utf8mb4_0900_ai_ci", "a  ", "a "), 0);
  EXPECT_LT(Cmp("utf8mb4_0900_ai_ci", "", " "), 0);
}

TEST(Utf8mb4_0900AiCiTest, SupplementaryCharactersAreDistinct) {
  EXPECT_NE(Cmp("utf8mb4_0900_ai_ci", "😀", "😁"), 0);
  EXPECT_EQ(Cmp("utf8mb4_0900_ai_ci", "😀", "😀"), 0);
  EXPECT_LT(Cmp("utf8mb4_0900_ai_ci", "😀", "a"), 0);  // symbols sort before letters
}

// ---- utf8mb4_0900_as_cs ----

TEST(Utf8mb4_0900AsCsTest, CaseAndAccentSensitive) {
  const char* kName = "utf8mb4_0900_as_cs";
  EXPECT_LT(Cmp(kName, "a", "A"), 0);  // tertiary: lower case first
  EXPECT_NE(Cmp(kName, "a", "ä"), 0);
  EXPECT_LT(Cmp(kName, "a", "ä"), 0);
  EXPECT_LT(Cmp(kName, "A", "ä"), 0);    // the accent (secondary) outranks case
  EXPECT_LT(Cmp(kName, "Aa", "ab"), 0);  // letters (primary) outrank both
  EXPECT_EQ(Cmp(kName, "abc", "abc"), 0);
  EXPECT_NE(Cmp(kName, "ß", "ss"), 0);
  EXPECT_LT(Cmp(kName, "a", "a "), 0);
}

// ---- utf8mb4_0900_as_ci, utf8mb4_unicode_520_ci ----

TEST(Utf8mb4_0900AsCiTest, AccentSensitiveCaseInsensitive) {
  const char* kName = "utf8mb4_0900_as_ci";
  EXPECT_EQ(Cmp(kName, "a", "A"), 0);
  EXPECT_EQ(Cmp(kName, "abc", "ABC"), 0);
  EXPECT_LT(Cmp(kName, "a", "ä"), 0);
  EXPECT_EQ(Cmp(kName, "ä", "Ä"), 0);
  EXPECT_LT(Cmp(kName, "a", "a "), 0);  // NO PAD
  EXPECT_TRUE(FindCollationByName(kName)->Like("Äbc", "ä%"));
  EXPECT_FALSE(FindCollationByName(kName)->Like("abc", "ä%"));
}

TEST(Utf8mb4Unicode520CiTest, FoldsCaseAndAccentsWithPadSpace) {
  const char* kName = "utf8mb4_unicode_520_ci";
  EXPECT_EQ(Cmp(kName, "a", "A"), 0);
  EXPECT_EQ(Cmp(kName, "a", "ä"), 0);
  EXPECT_EQ(Cmp(kName, "a", "a  "), 0);  // PAD SPACE
  EXPECT_EQ(Cmp(kName, "ß", "ss"), 0);
  EXPECT_LT(Cmp(kName, "a", "b"), 0);
}

// ---- general_ci ----

TEST(GeneralCiTest, FoldsCaseAndAccentsWithPadSpace) {
  for (const char* name : {"utf8mb4_general_ci", "utf8mb3_general_ci"}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(Cmp(name, "ä", "a"), 0);
    EXPECT_EQ(Cmp(name, "Ä", "a"), 0);
    EXPECT_EQ(Cmp(name, "a", "A"), 0);
    EXPECT_EQ(Cmp(name, "a", "a   "), 0);
    EXPECT_EQ(Cmp(name, "a ", "A"), 0);
    EXPECT_LT(Cmp(name, "a", "b"), 0);
    EXPECT_EQ(Cmp(name, "Ā", "a"), 0);
    EXPECT_EQ(Cmp(name, "ё", "Е"), 0);
    EXPECT_EQ(Cmp(name, "ά", "Α"), 0);
  }
}

TEST(GeneralCiTest, SharpSIsOneS) {
  EXPECT_EQ(Cmp("utf8mb4_general_ci", "ß", "s"), 0);
  EXPECT_EQ(Cmp("utf8mb4_general_ci", "ß", "S"), 0);
  EXPECT_NE(Cmp("utf8mb4_general_ci", "ß", "ss"), 0);
}

TEST(GeneralCiTest, KeepsLettersMySqlKeeps) {
  const char* kName = "utf8mb4_general_ci";
  EXPECT_NE(Cmp(kName, "ø", "o"), 0);
  EXPECT_EQ(Cmp(kName, "ø", "Ø"), 0);
  EXPECT_NE(Cmp(kName, "й", "и"), 0);
  EXPECT_EQ(Cmp(kName, "й", "Й"), 0);
  EXPECT_NE(Cmp(kName, "\u2126", "\u03A9"), 0);  // OHM SIGN is not omega
  EXPECT_NE(Cmp(kName, "\u212A", "K"), 0);       // nor KELVIN SIGN K
  EXPECT_EQ(Cmp(kName, "\u1F71", "\u1FBB"), 0);  // alpha with oxia: case only
  EXPECT_NE(Cmp(kName, "\u1F71", "\u0391"), 0);
  EXPECT_NE(Cmp(kName, "\u0180", "\u0243"), 0);  // a case pair newer than Unicode 3.0
  EXPECT_NE(Cmp(kName, "\uFB00", "ff"), 0);
  EXPECT_NE(Cmp(kName, "\uAC00", "\u1100\u1161"), 0);  // Hangul is not decomposed
}

TEST(GeneralCiTest, FoldsOldCaseMappings) {
  const char* kName = "utf8mb4_general_ci";
  EXPECT_EQ(Cmp(kName, "µ", "\u039C"), 0);       // micro sign weighs as capital mu
  EXPECT_EQ(Cmp(kName, "\u01C5", "\u01C6"), 0);  // Dž, dž
  EXPECT_EQ(Cmp(kName, "\u01C4", "\u01C6"), 0);
  EXPECT_EQ(Cmp(kName, "\u0131", "I"), 0);       // dotless i
  EXPECT_EQ(Cmp(kName, "\u017F", "s"), 0);       // long s
  EXPECT_EQ(Cmp(kName, "\u03F2", "\u03A3"), 0);  // lunate sigma
  EXPECT_EQ(Cmp(kName, "ς", "Σ"), 0);
}

TEST(GeneralCiTest, SupplementaryCharactersAllWeighAsReplacementCharacter) {
  EXPECT_EQ(Cmp("utf8mb4_general_ci", "😀", "😁"), 0);
  EXPECT_EQ(Cmp("utf8mb4_general_ci", "😀", "\uFFFD"), 0);
  EXPECT_GT(Cmp("utf8mb4_general_ci", "😀", "\uFFFC"), 0);
}

TEST(GeneralCiTest, CharactersBelowSpaceSortBeforePadding) {
  EXPECT_LT(Cmp("utf8mb4_general_ci", "a\t", "a"), 0);
  EXPECT_GT(Cmp("utf8mb4_general_ci", "a", "a\t"), 0);
  EXPECT_LT(Cmp("utf8mb4_general_ci", "a  \t", "a "), 0);
  EXPECT_GT(Cmp("utf8mb4_general_ci", "a  b", "a"), 0);
}

// ---- unicode_ci ----

TEST(UnicodeCiTest, UcaPrimaryStrengthWithPadSpace) {
  for (const char* name : {"utf8mb4_unicode_ci", "utf8mb3_unicode_ci"}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(Cmp(name, "ß", "ss"), 0);
    EXPECT_EQ(Cmp(name, "ä", "A"), 0);
    EXPECT_EQ(Cmp(name, "a", "a  "), 0);
    EXPECT_EQ(Cmp(name, "", "   "), 0);
    EXPECT_LT(Cmp(name, "a", "b "), 0);
    EXPECT_EQ(Cmp(name, "Œ", "oe"), 0);
  }
}

TEST(UnicodeCiTest, Uca400LettersOfTheirOwn) {
  const char* kName = "utf8mb4_unicode_ci";
  EXPECT_NE(Cmp(kName, "ø", "o"), 0);
  EXPECT_EQ(Cmp(kName, "ø", "Ø"), 0);
  EXPECT_EQ(Cmp(kName, "ǿ", "ø"), 0);
  EXPECT_LT(Cmp(kName, "ö", "ø"), 0);
  EXPECT_LT(Cmp(kName, "ø", "p"), 0);
  EXPECT_NE(Cmp(kName, "æ", "ae"), 0);
  EXPECT_LT(Cmp(kName, "æ", "b"), 0);
  EXPECT_NE(Cmp(kName, "ł", "l"), 0);
  EXPECT_NE(Cmp(kName, "đ", "d"), 0);
  EXPECT_NE(Cmp(kName, "ð", "đ"), 0);
  EXPECT_LT(Cmp(kName, "ð", "e"), 0);
  EXPECT_NE(Cmp(kName, "ħ", "h"), 0);
  // UCA 9.0 makes them accented letters.
  EXPECT_EQ(Cmp("utf8mb4_0900_ai_ci", "ø", "o"), 0);
  EXPECT_EQ(Cmp("utf8mb4_0900_ai_ci", "æ", "ae"), 0);
}

TEST(UnicodeCiTest, SupplementaryCharactersAreAllEqual) {
  EXPECT_EQ(Cmp("utf8mb4_unicode_ci", "😀", "😁"), 0);
  EXPECT_EQ(Cmp("utf8mb4_unicode_ci", "x😀y", "X😁Y"), 0);
  EXPECT_NE(Cmp("utf8mb4_unicode_ci", "😀", "\uFFFD"), 0);
  EXPECT_GT(Cmp("utf8mb4_unicode_ci", "😀", "\u9FA5"), 0);
}

// ---- *_bin and binary ----

TEST(BinCollationTest, Utf8BinComparesCodePointsWithPadSpace) {
  for (const char* name : {"utf8mb4_bin", "utf8mb3_bin"}) {
    SCOPED_TRACE(name);
    EXPECT_NE(Cmp(name, "a", "A"), 0);
    EXPECT_LT(Cmp(name, "A", "a"), 0);
    EXPECT_EQ(Cmp(name, "a", "a "), 0);
    EXPECT_LT(Cmp(name, "a\t", "a"), 0);
    EXPECT_NE(Cmp(name, "a", "ä"), 0);
    EXPECT_LT(Cmp(name, "z", "é"), 0);
    EXPECT_LT(Cmp(name, "\uFFFD", "😀"), 0);
  }
}

TEST(BinCollationTest, Utf8mb4_0900BinHasNoPad) {
  EXPECT_LT(Cmp("utf8mb4_0900_bin", "a", "a "), 0);
  EXPECT_LT(Cmp("utf8mb4_0900_bin", "A", "a"), 0);
  EXPECT_GT(Cmp("utf8mb4_0900_bin", "a\t", "a"), 0);
  EXPECT_LT(Cmp("utf8mb4_0900_bin", "\uFFFD", "😀"), 0);
}

TEST(BinCollationTest, BinaryComparesBytesWithoutPadding) {
  EXPECT_NE(Cmp("binary", "a", "a "), 0);
  EXPECT_LT(Cmp("binary", "a", "a "), 0);
  EXPECT_LT(Cmp("binary", "A", "a"), 0);
  EXPECT_GT(Cmp("binary", std::string_view("a\0", 2), "a"), 0);
  EXPECT_GT(Cmp("binary", "\xFF", "a"), 0);
  EXPECT_EQ(Cmp("binary", "", ""), 0);
}

TEST(BinCollationTest, AsciiBinAndLatin1Bin) {
  EXPECT_LT(Cmp("ascii_bin", "A", "a"), 0);
  EXPECT_EQ(Cmp("ascii_bin", "a", "a "), 0);
  EXPECT_LT(Cmp("latin1_bin", "a", "€"), 0);  // cp1252 byte 0x80
  EXPECT_LT(Cmp("latin1_bin", "€", "é"), 0);  // 0xE9
  EXPECT_LT(Cmp("latin1_bin", "Š", "é"), 0);  // 0x8A
  EXPECT_GT(Cmp("latin1_bin", "Ω", "ÿ"), 0);  // not in latin1: after every latin1 character
  EXPECT_EQ(Cmp("latin1_bin", "é", "é  "), 0);
}

// ---- latin1 and ascii ----

TEST(Latin1SwedishCiTest, SwedishLettersSortAfterZ) {
  const char* kName = "latin1_swedish_ci";
  EXPECT_LT(Cmp(kName, "z", "å"), 0);
  EXPECT_LT(Cmp(kName, "å", "ä"), 0);
  EXPECT_LT(Cmp(kName, "ä", "ö"), 0);
  EXPECT_EQ(Cmp(kName, "ä", "Ä"), 0);
  EXPECT_EQ(Cmp(kName, "ä", "æ"), 0);
  EXPECT_EQ(Cmp(kName, "Å", "["), 0);  // MySQL's table ties them
  EXPECT_EQ(Cmp(kName, "ö", "]"), 0);
}

TEST(Latin1SwedishCiTest, OtherAccentsFoldToTheBaseLetter) {
  const char* kName = "latin1_swedish_ci";
  EXPECT_EQ(Cmp(kName, "ü", "y"), 0);
  EXPECT_EQ(Cmp(kName, "Ü", "Y"), 0);
  EXPECT_EQ(Cmp(kName, "é", "E"), 0);
  EXPECT_EQ(Cmp(kName, "ñ", "n"), 0);
  EXPECT_EQ(Cmp(kName, "ð", "d"), 0);
  EXPECT_NE(Cmp(kName, "ÿ", "y"), 0);
  EXPECT_NE(Cmp(kName, "ø", "ö"), 0);
  EXPECT_EQ(Cmp(kName, "ø", "Ø"), 0);
  EXPECT_NE(Cmp(kName, "ß", "s"), 0);
  EXPECT_EQ(Cmp(kName, "abc", "ABC  "), 0);
  EXPECT_LT(Cmp(kName, "a\t", "a"), 0);
}

TEST(Latin1GeneralCiTest, CaseInsensitiveButAccentSensitive) {
  const char* kName = "latin1_general_ci";
  EXPECT_EQ(Cmp(kName, "a", "A"), 0);
  EXPECT_NE(Cmp(kName, "ä", "a"), 0);
  EXPECT_EQ(Cmp(kName, "ä", "Ä"), 0);
  EXPECT_LT(Cmp(kName, "a", "ä"), 0);
  EXPECT_LT(Cmp(kName, "ä", "b"), 0);
  EXPECT_LT(Cmp(kName, "s", "ß"), 0);
  EXPECT_LT(Cmp(kName, "ß", "t"), 0);
  EXPECT_LT(Cmp(kName, "ý", "ÿ"), 0);
  EXPECT_LT(Cmp(kName, "ÿ", "z"), 0);
  EXPECT_LT(Cmp(kName, "z", "þ"), 0);
  EXPECT_LT(Cmp(kName, "~", "€"), 0);
  EXPECT_EQ(Cmp(kName, "a", "a "), 0);
}

TEST(AsciiGeneralCiTest, FoldsAsciiCase) {
  EXPECT_EQ(Cmp("ascii_general_ci", "Hello", "hELLO "), 0);
  EXPECT_LT(Cmp("ascii_general_ci", "z", "["), 0);
  EXPECT_LT(Cmp("ascii_general_ci", "a", "b"), 0);
}

// ---- LIKE ----

TEST(CollationLikeTest, MatchesCharactersWithTheCollationsEquality) {
  EXPECT_TRUE(Like("utf8mb4_0900_ai_ci", "ä", "a"));
  EXPECT_TRUE(Like("utf8mb4_0900_ai_ci", "Äpfel", "apf%"));
  EXPECT_FALSE(Like("utf8mb4_bin", "ä", "a"));
  EXPECT_FALSE(Like("utf8mb4_bin", "A", "a"));
  EXPECT_TRUE(Like("utf8mb4_general_ci", "ä", "A"));
  EXPECT_FALSE(Like("utf8mb4_0900_as_cs", "A", "a"));
  EXPECT_TRUE(Like("utf8mb4_0900_as_cs", "abc", "a_c"));
  EXPECT_TRUE(Like("latin1_swedish_ci", "ü", "Y"));
  EXPECT_FALSE(Like("binary", "A", "a"));
}

TEST(CollationLikeTest, MatchesOneCharacterAtATime) {
  EXPECT_FALSE(Like("utf8mb4_0900_ai_ci", "ß", "ss"));
  EXPECT_FALSE(Like("utf8mb4_unicode_ci", "ß", "ss"));
  EXPECT_TRUE(Like("utf8mb4_0900_ai_ci", "ß", "_"));
}

TEST(CollationLikeTest, SpaceLikeCharactersMatchSpace) {
  EXPECT_TRUE(Like("utf8mb4_unicode_ci", "a\u3000b", "a b"));  // IDEOGRAPHIC SPACE
  EXPECT_TRUE(Like("utf8mb4_0900_ai_ci", "a\u00A0b", "a b"));  // NO-BREAK SPACE
  EXPECT_FALSE(Like("utf8mb4_unicode_ci", "a\tb", "a b"));
}

TEST(CollationLikeTest, UnderscoreIsOneCharacterNotOneByte) {
  EXPECT_TRUE(Like("utf8mb4_bin", "ä", "_"));
  EXPECT_TRUE(Like("utf8mb4_0900_ai_ci", "😀", "_"));
  EXPECT_FALSE(Like("utf8mb4_bin", "ä", "__"));
  EXPECT_TRUE(Like("binary", "ä", "__"));  // binary strings are bytes
  EXPECT_FALSE(Like("binary", "ä", "_"));
}

TEST(CollationLikeTest, Wildcards) {
  const char* kName = "utf8mb4_0900_ai_ci";
  EXPECT_TRUE(Like(kName, "", ""));
  EXPECT_TRUE(Like(kName, "", "%"));
  EXPECT_TRUE(Like(kName, "", "%%"));
  EXPECT_FALSE(Like(kName, "", "_"));
  EXPECT_FALSE(Like(kName, "a", ""));
  EXPECT_TRUE(Like(kName, "abc", "%"));
  EXPECT_TRUE(Like(kName, "abc", "a%"));
  EXPECT_TRUE(Like(kName, "abc", "%c"));
  EXPECT_TRUE(Like(kName, "abc", "%b%"));
  EXPECT_TRUE(Like(kName, "abc", "a%%c"));
  EXPECT_TRUE(Like(kName, "ab", "a%%b%"));
  EXPECT_FALSE(Like(kName, "abc", "%d%"));
  EXPECT_TRUE(Like(kName, "abcabd", "%ab_"));
  EXPECT_TRUE(Like(kName, "aXbXc", "a%b%c"));
  EXPECT_FALSE(Like(kName, "aXbXd", "a%b%c"));
  EXPECT_TRUE(Like(kName, "mississippi", "%ss%ss%"));
  EXPECT_TRUE(Like(kName, "mississippi", "m_%i_%p_"));
  EXPECT_FALSE(Like(kName, "ab", "a_%_"));
}

TEST(CollationLikeTest, EscapeQuotesTheNextCharacter) {
  const char* kName = "utf8mb4_0900_ai_ci";
  EXPECT_TRUE(Like(kName, "a%", "a\\%"));
  EXPECT_FALSE(Like(kName, "ab", "a\\%"));
  EXPECT_TRUE(Like(kName, "a_", "a\\_"));
  EXPECT_FALSE(Like(kName, "ab", "a\\_"));
  EXPECT_TRUE(Like(kName, "a\\", "a\\\\"));
  EXPECT_TRUE(Like(kName, "a\\", "a\\"));  // a trailing escape stands for itself
  EXPECT_TRUE(Like(kName, "ab", "a\\b"));
  EXPECT_TRUE(Like(kName, "x%y", "%\\%%"));
  EXPECT_FALSE(Like(kName, "xy", "%\\%%"));
}

TEST(CollationLikeTest, CustomEscape) {
  const char* kName = "utf8mb4_general_ci";
  EXPECT_TRUE(Like(kName, "a%", "a|%", '|'));
  EXPECT_FALSE(Like(kName, "ab", "a|%", '|'));
  EXPECT_TRUE(Like(kName, "a\\b", "a\\_", '|'));  // '\' is an ordinary character now
  EXPECT_TRUE(Like(kName, "100%", "100ä%", U'ä'));
  EXPECT_FALSE(Like(kName, "1000", "100ä%", U'ä'));
  EXPECT_TRUE(Like("binary", "a%", "a|%", '|'));
}

TEST(CollationLikeTest, TrailingSpacesAreSignificant) {
  for (const Collation* collation : AllCollations()) {
    SCOPED_TRACE(collation->name());
    EXPECT_FALSE(collation->Like("a ", "a"));
    EXPECT_FALSE(collation->Like("a", "a "));
    EXPECT_TRUE(collation->Like("a ", "a_"));
    EXPECT_TRUE(collation->Like("a ", "a%"));
  }
}

// ---- Properties over many strings ----

// Strings built from pieces that exercise case, accents, expansions, padding, characters
// below space, supplementary characters and invalid UTF-8.
std::vector<std::string> Corpus() {
  const std::vector<std::string> pieces = {
      "a", "A", "b", "ä", "Ä", "á", "ß", "ss", "s", " ", " ", "\t", "\x01", "é", "E",
      "z", "å", "ö", "ü", "y", "[", "😀", "😁", "\uFFFD", "\x80", "\xC3", "\xFF",
      "й", "и", "Ω", "€", "ǅ", "0", "9", "-", "ø", "\xED\xA0\x80", "\uFFF0"};
  std::vector<std::string> corpus = {"", " ", "  ", "a", "a ", "a  ", "A", "a\t"};
  std::mt19937 random(20240917);
  for (int index = 0; index < 220; ++index) {
    std::string text;
    const int count = static_cast<int>(random() % 5);
    for (int piece = 0; piece < count; ++piece) text += pieces[random() % pieces.size()];
    if (random() % 4 == 0) text += std::string(random() % 3 + 1, ' ');
    corpus.push_back(text);
  }
  return corpus;
}

TEST(CollationPropertyTest, SortKeyOrderMatchesCompare) {
  const std::vector<std::string> corpus = Corpus();
  for (const Collation* collation : AllCollations()) {
    SCOPED_TRACE(collation->name());
    std::vector<std::string> keys;
    for (const std::string& text : corpus) keys.push_back(collation->SortKey(text));
    int failures = 0;
    for (size_t left = 0; left < corpus.size() && failures < 5; ++left) {
      for (size_t right = 0; right < corpus.size(); ++right) {
        const int compare = collation->Compare(corpus[left], corpus[right]);
        if (KeyCompare(keys[left], keys[right]) != compare) {
          ADD_FAILURE() << "'" << corpus[left] << "' vs '" << corpus[right] << "': Compare "
                        << compare;
          ++failures;
        }
      }
    }
  }
}

TEST(CollationPropertyTest, CompareIsATotalOrder) {
  const std::vector<std::string> corpus = Corpus();
  for (const Collation* collation : AllCollations()) {
    SCOPED_TRACE(collation->name());
    for (const std::string& text : corpus) EXPECT_EQ(collation->Compare(text, text), 0);
    for (size_t left = 0; left < corpus.size(); left += 3) {
      for (size_t right = 0; right < corpus.size(); right += 2) {
        EXPECT_EQ(collation->Compare(corpus[left], corpus[right]),
                  -collation->Compare(corpus[right], corpus[left]));
      }
    }
    std::vector<std::string> sorted = corpus;
    std::sort(sorted.begin(), sorted.end(),
              [collation](const std::string& a, const std::string& b) {
                return collation->Compare(a, b) < 0;
              });
    for (size_t index = 0; index + 1 < sorted.size(); ++index) {
      for (size_t later = index + 1; later < sorted.size(); later += 7) {
        EXPECT_LE(collation->Compare(sorted[index], sorted[later]), 0);
      }
    }
  }
}

TEST(CollationPropertyTest, PadSpaceSortKeysIgnoreTrailingSpaces) {
  for (const Collation* collation : AllCollations()) {
    SCOPED_TRACE(collation->name());
    const bool equal = collation->SortKey("ab") == collation->SortKey("ab   ");
    EXPECT_EQ(equal, collation->pad_space());
    EXPECT_EQ(collation->Compare("ab", "ab   ") == 0, collation->pad_space());
  }
}

// ---- Invalid UTF-8 ----

TEST(CollationInvalidUtf8Test, InvalidBytesSortAfterValidCharactersAndByValue) {
  for (const Collation* collation : AllCollations()) {
    if (collation->charset() == "binary") continue;
    SCOPED_TRACE(collation->name());
    EXPECT_GT(collation->Compare("\x80", "z"), 0);
    EXPECT_GT(collation->Compare("\x80", "\U0010FFFD"), 0);
    EXPECT_GT(collation->Compare("\xC3", "é"), 0);  // a truncated sequence
    EXPECT_LT(collation->Compare("\x80", "\x81"), 0);
    EXPECT_NE(collation->Compare("a\xF0\x9F", "a\xF0\x9E"), 0);
    EXPECT_EQ(collation->Compare("a\xFF", "a\xFF"), 0);
    EXPECT_NE(collation->Compare("\xED\xA0\x80", "\xED\xA0\x81"), 0);  // surrogates
    EXPECT_NE(collation->Compare("\xC0\x80", ""), 0);                  // overlong NUL
  }
}

TEST(CollationInvalidUtf8Test, RandomBytesNeverCrashAndStayConsistent) {
  std::mt19937 random(7);
  std::vector<std::string> inputs;
  for (int index = 0; index < 150; ++index) {
    std::string text(random() % 12, '\0');
    for (char& byte : text) {
      const uint32_t pick = random() % 8;
      byte = static_cast<char>(pick == 0 ? 'a' : pick == 1 ? ' ' : pick == 2 ? '%' : random());
    }
    inputs.push_back(text);
  }
  for (const Collation* collation : AllCollations()) {
    SCOPED_TRACE(collation->name());
    std::vector<std::string> keys;
    for (const std::string& text : inputs) keys.push_back(collation->SortKey(text));
    for (size_t left = 0; left < inputs.size(); ++left) {
      for (size_t right = 0; right < inputs.size(); ++right) {
        const int compare = collation->Compare(inputs[left], inputs[right]);
        ASSERT_EQ(KeyCompare(keys[left], keys[right]), compare);
        if (right % 10 == 0) {
          (void)collation->Like(inputs[left], inputs[right]);
          (void)collation->Like(inputs[left], inputs[right], 0xFF);
        }
      }
    }
  }
}

TEST(CollationInvalidUtf8Test, LikeTreatsAnInvalidByteAsOneCharacter) {
  EXPECT_TRUE(Like("utf8mb4_0900_ai_ci", "a\x80", "a_"));
  EXPECT_TRUE(Like("utf8mb4_bin", "\xC3", "_"));
  EXPECT_TRUE(Like("utf8mb4_general_ci", "\xC3\x28", "__"));
  EXPECT_TRUE(Like("utf8mb4_0900_ai_ci", "x\xFFy", "%\xFF%"));
  EXPECT_FALSE(Like("utf8mb4_0900_ai_ci", "x\xFEy", "%\xFF%"));
}

// ---- The ASCII fast path equals ICU ----

struct IcuCloser {
  void operator()(UCollator* collator) const { ucol_close(collator); }
};

int IcuCompare(UCollator* collator, std::string_view a, std::string_view b, bool pad_space) {
  if (pad_space) {
    while (!a.empty() && a.back() == ' ') a.remove_suffix(1);
    while (!b.empty() && b.back() == ' ') b.remove_suffix(1);
  }
  UErrorCode status = U_ZERO_ERROR;
  return Sign(ucol_strcollUTF8(collator, a.data(), static_cast<int32_t>(a.size()), b.data(),
                               static_cast<int32_t>(b.size()), &status));
}

using Strings = std::vector<std::string>;

// Test strings for the ASCII fast path: every ASCII character, all two-character strings
// over an alphabet with a member of every ASCII class, random strings over it, and ASCII
// prefixes followed by text only ICU can weigh.
struct FastPathStrings {
  Strings singles;
  Strings doubles;
  Strings randoms;
  Strings mixed;
};

FastPathStrings MakeFastPathStrings() {
  FastPathStrings strings;
  for (int code = 0; code < 128; ++code) strings.singles.emplace_back(1, static_cast<char>(code));
  const std::string alphabet = "aAbZ09 \t\x01\x7F-_'.,@[~";
  for (char first : alphabet) {
    for (char second : alphabet) strings.doubles.push_back(std::string{first, second});
  }
  std::mt19937 random(99);
  auto random_ascii = [&](size_t max_length) {
    std::string text(random() % (max_length + 1), '\0');
    for (char& byte : text) byte = alphabet[random() % alphabet.size()];
    return text;
  };
  for (int index = 0; index < 400; ++index) strings.randoms.push_back(random_ascii(6));
  const Strings tails = {"é", "\u0301", "\u0308a", "ß", "\u2603", "Ω", "\u00AD"};
  for (int index = 0; index < 200; ++index) {
    strings.mixed.push_back(random_ascii(3) + tails[random() % tails.size()] + random_ascii(1));
  }
  return strings;
}

int CountIcuMismatches(const Collation& collation, UCollator* icu, const Strings& left,
                       const Strings& right) {
  int failures = 0;
  for (const std::string& a : left) {
    for (const std::string& b : right) {
      if (collation.Compare(a, b) != IcuCompare(icu, a, b, collation.pad_space()) &&
          ++failures < 5) {
        ADD_FAILURE() << "'" << a << "' vs '" << b << "'";
      }
    }
  }
  return failures;
}

void ExpectAsciiMatchesIcu(std::string_view name, UColAttributeValue strength) {
  SCOPED_TRACE(name);
  const Collation& collation = Get(name);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCollator, IcuCloser> icu(ucol_open("", &status));
  ASSERT_TRUE(U_SUCCESS(status));
  ucol_setStrength(icu.get(), strength);
  const FastPathStrings strings = MakeFastPathStrings();
  EXPECT_EQ(CountIcuMismatches(collation, icu.get(), strings.singles, strings.singles), 0);
  EXPECT_EQ(CountIcuMismatches(collation, icu.get(), strings.doubles, strings.doubles), 0);
  EXPECT_EQ(CountIcuMismatches(collation, icu.get(), strings.randoms, strings.randoms), 0);
  EXPECT_EQ(CountIcuMismatches(collation, icu.get(), strings.mixed, strings.randoms), 0);
  EXPECT_EQ(CountIcuMismatches(collation, icu.get(), strings.mixed, strings.mixed), 0);
}

// The ASCII fast path treats every ASCII character as one collation element.
TEST(CollationIcuTest, RootHasNoAsciiContractionsOrExpansions) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCollator, IcuCloser> root(ucol_open("", &status));
  ASSERT_TRUE(U_SUCCESS(status));
  USet* contractions = uset_openEmpty();
  USet* expansions = uset_openEmpty();
  ucol_getContractionsAndExpansions(root.get(), contractions, expansions, false, &status);
  ASSERT_TRUE(U_SUCCESS(status));
  for (UChar32 code = 0; code < 0x80; ++code) EXPECT_FALSE(uset_contains(expansions, code));
  for (int32_t index = 0; index < uset_getItemCount(contractions); ++index) {
    UChar32 start = 0;
    UChar32 end = 0;
    UChar text[64];
    const int32_t length = uset_getItem(contractions, index, &start, &end, text, 64, &status);
    EXPECT_TRUE(length == 0 ? start >= 0x80 : text[0] >= 0x80) << "item " << index;
  }
  uset_close(contractions);
  uset_close(expansions);
}

TEST(CollationIcuTest, AsciiFastPathMatchesIcu) {
  ExpectAsciiMatchesIcu("utf8mb4_0900_ai_ci", UCOL_PRIMARY);
  ExpectAsciiMatchesIcu("utf8mb4_0900_as_cs", UCOL_TERTIARY);
  ExpectAsciiMatchesIcu("utf8mb4_unicode_ci", UCOL_PRIMARY);
}

TEST(CollationIcuTest, MixedAsciiAndNonAsciiAgree) {
  // The same pair compared through the fast path and through ICU proper.
  EXPECT_EQ(Cmp("utf8mb4_0900_ai_ci", "abc", "ABD"), Cmp("utf8mb4_0900_ai_ci", "äbc", "ABD"));
  EXPECT_EQ(Cmp("utf8mb4_0900_as_cs", "abc", "Abc"), Cmp("utf8mb4_0900_as_cs", "abc\u00AD", "Abc"));
}

// ---- Concurrency ----

TEST(CollationConcurrencyTest, ConcurrentComparesAgree) {
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (size_t thread_index = 0; thread_index < mismatches.size(); ++thread_index) {
    threads.emplace_back([&mismatches, thread_index] {
      for (int round = 0; round < 300; ++round) {
        for (const Collation* collation : AllCollations()) {
          if (collation->Compare("Straße", "strasse") != collation->Compare("Straße", "strasse")) {
            ++mismatches[thread_index];
          }
          if (!collation->Like("abc", "a%")) ++mismatches[thread_index];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const int count : mismatches) EXPECT_EQ(count, 0);
}

}  // namespace
}  // namespace porpoise::types
