// The locale table and MySQL's way of writing a number with one. (types/)
#include "types/locale.h"

#include <gtest/gtest.h>

#include <string>

namespace porpoise::types {
namespace {

std::string Format(std::string_view digits, std::string_view locale) {
  const Locale* found = FindLocale(locale);
  EXPECT_NE(found, nullptr) << locale;
  return found == nullptr ? "" : FormatNumberText(digits, *found);
}

TEST(LocaleTest, FindsNamesWithoutRegardToCase) {
  ASSERT_NE(FindLocale("en_US"), nullptr);
  EXPECT_EQ(FindLocale("EN_us"), FindLocale("en_US"));
  EXPECT_EQ(FindLocale("xx_XX"), nullptr);
  EXPECT_EQ(FindLocale("en_US "), nullptr);
  EXPECT_EQ(DefaultLocale().name, "en_US");
  EXPECT_EQ(FindLocale("sr_YU")->id, FindLocale("sr_RS")->id);
}

TEST(LocaleTest, GroupsAsTheLocaleDoes) {
  EXPECT_EQ(Format("1234567.89", "en_US"), "1,234,567.89");
  EXPECT_EQ(Format("1234567.89", "de_DE"), "1.234.567,89");
  EXPECT_EQ(Format("1234567.89", "en_IN"), "12,34,567.89");
  EXPECT_EQ(Format("1234567.89", "fr_FR"), "1234567,89");  // no grouping
  EXPECT_EQ(Format("1234567.89", "de_CH"), "1'234'567.89");
  EXPECT_EQ(Format("1234567", "ru_RU"), "1 234 567");
  EXPECT_EQ(Format(std::string("1234") , "bg_BG"), std::string("1\0" "234", 5));
}

TEST(LocaleTest, SignAndShortNumbers) {
  EXPECT_EQ(Format("-1234.5", "en_US"), "-1,234.5");
  EXPECT_EQ(Format("-123", "en_US"), "-123");
  EXPECT_EQ(Format("0.25", "de_DE"), "0,25");
  EXPECT_EQ(Format("7", "en_IN"), "7");
}

}  // namespace
}  // namespace porpoise::types
