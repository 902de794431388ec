// The locales MySQL knows (lc_time_names, FORMAT's third argument) and how each writes a
// number: its decimal point, its thousands separator and its digit grouping. (types/)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace porpoise::types {

struct Locale {
  uint16_t id;               // MySQL's number for it
  std::string_view name;     // "en_US"
  char decimal_point;
  char thousands_separator;  // written between groups, as is ('\0' for bg_BG, as MySQL has it)
  // Digit group sizes from the decimal point leftwards: first, then every later one (0: no
  // grouping). en_US groups 3 and 3; en_IN 3, then 2.
  uint8_t first_group;
  uint8_t later_groups;
};

// The names a locale writes dates with (lc_time_names: DATE_FORMAT's %M, %b, %W and %a,
// MONTHNAME, DAYNAME), in UTF-8; days from Monday.
struct TimeNames {
  std::string_view months[12];
  std::string_view month_abbreviations[12];
  std::string_view days[7];
  std::string_view day_abbreviations[7];
};

const TimeNames& TimeNamesOf(const Locale& locale);
// The longest month name and the longest day name of `locale`, in characters (MONTHNAME's and
// DAYNAME's lengths).
uint32_t LongestMonthName(const Locale& locale);
uint32_t LongestDayName(const Locale& locale);

// The locale named `name`, compared without regard to case; nullptr for a name MySQL does
// not know.
const Locale* FindLocale(std::string_view name);

// The locale MySQL numbers `id` (SET lc_time_names = 5); nullptr for none.
const Locale* FindLocaleById(int64_t id);

// en_US: FORMAT's locale when none is given, or the one given is unknown.
const Locale& DefaultLocale();

// `digits` (an optional '-' then the integer digits, then optionally '.' and the fraction
// digits, as MySQL prints a rounded number) written as `locale` writes numbers: the integer
// digits grouped with its separator, its decimal point before the fraction.
std::string FormatNumberText(std::string_view digits, const Locale& locale);

}  // namespace porpoise::types
