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

TEST(LocaleTest, NamesMonthsAndDays) {
  const TimeNames& german = TimeNamesOf(*FindLocale("de_DE"));
  EXPECT_EQ(german.months[2], "März");
  EXPECT_EQ(german.month_abbreviations[2], "Mär");
  EXPECT_EQ(german.days[0], "Montag");
  EXPECT_EQ(german.day_abbreviations[6], "So");
  EXPECT_EQ(TimeNamesOf(*FindLocale("en_GB")).days[6], "Sunday");
  EXPECT_EQ(TimeNamesOf(*FindLocale("ja_JP")).days[0], "月曜日");
  EXPECT_EQ(LongestMonthName(DefaultLocale()), 9u);   // September
  EXPECT_EQ(LongestDayName(DefaultLocale()), 9u);     // Wednesday
  EXPECT_EQ(LongestDayName(*FindLocale("de_DE")), 10u);  // Donnerstag
  EXPECT_EQ(LongestMonthName(*FindLocale("ja_JP")), 3u);  // 10月, in characters
  // Every locale names every month and day.
  for (int64_t id = 0; id < 200; ++id) {
    const Locale* locale = FindLocaleById(id);
    if (locale == nullptr) continue;
    const TimeNames& names = TimeNamesOf(*locale);
    for (std::string_view month : names.months) EXPECT_FALSE(month.empty()) << locale->name;
    for (std::string_view day : names.days) EXPECT_FALSE(day.empty()) << locale->name;
  }
}

}  // namespace
}  // namespace porpoise::types
