// The locales MySQL knows and how each writes a number (MySQL's sql_locale.cc facts: id,
// name, decimal point, thousands separator, digit grouping). (types/)
#include "types/locale.h"

#include <cctype>

namespace porpoise::types {
namespace {

// {id, name, decimal point, thousands separator, first group, later groups}; sr_YU is the
// deprecated name of sr_RS, still accepted.
constexpr Locale kLocales[] = {
    {0, "en_US", '.', ',', 3, 3},
    {1, "en_GB", '.', ',', 3, 3},
    {2, "ja_JP", '.', ',', 3, 3},
    {3, "sv_SE", ',', ' ', 3, 3},
    {4, "de_DE", ',', '.', 3, 3},
    {5, "fr_FR", ',', '\0', 0, 0},
    {6, "ar_AE", '.', ',', 3, 3},
    {7, "ar_BH", '.', ',', 3, 3},
    {8, "ar_JO", '.', ',', 3, 3},
    {9, "ar_SA", '.', '\0', 0, 0},
    {10, "ar_SY", '.', ',', 3, 3},
    {11, "be_BY", ',', '.', 3, 3},
    {12, "bg_BG", ',', '\0', 3, 3},
    {13, "ca_ES", ',', '\0', 0, 0},
    {14, "cs_CZ", ',', ' ', 3, 3},
    {15, "da_DK", ',', '.', 3, 3},
    {16, "de_AT", ',', '\0', 0, 0},
    {17, "es_ES", ',', '\0', 0, 0},
    {18, "et_EE", ',', ' ', 3, 3},
    {19, "eu_ES", ',', '\0', 0, 0},
    {20, "fi_FI", ',', ' ', 3, 3},
    {21, "fo_FO", ',', '.', 3, 3},
    {22, "gl_ES", ',', '\0', 0, 0},
    {23, "gu_IN", '.', ',', 3, 3},
    {24, "he_IL", '.', ',', 3, 3},
    {25, "hi_IN", '.', ',', 3, 3},
    {26, "hr_HR", ',', '\0', 0, 0},
    {27, "hu_HU", ',', '.', 3, 3},
    {28, "id_ID", ',', '.', 3, 3},
    {29, "is_IS", ',', '.', 3, 3},
    {30, "it_CH", ',', '\'', 3, 3},
    {31, "ko_KR", '.', ',', 3, 3},
    {32, "lt_LT", ',', '.', 3, 3},
    {33, "lv_LV", ',', ' ', 3, 3},
    {34, "mk_MK", ',', ' ', 3, 3},
    {35, "mn_MN", ',', '.', 3, 3},
    {36, "ms_MY", '.', ',', 3, 3},
    {37, "nb_NO", ',', '.', 3, 3},
    {38, "nl_NL", ',', '\0', 0, 0},
    {39, "pl_PL", ',', '\0', 0, 0},
    {40, "pt_BR", ',', '\0', 0, 0},
    {41, "pt_PT", ',', '\0', 0, 0},
    {42, "ro_RO", ',', '.', 3, 3},
    {43, "ru_RU", ',', ' ', 3, 3},
    {44, "ru_UA", ',', '.', 3, 3},
    {45, "sk_SK", ',', ' ', 3, 3},
    {46, "sl_SI", ',', ' ', 0, 0},
    {47, "sq_AL", ',', '.', 3, 3},
    {48, "sr_RS", '.', '\0', 0, 0},
    {48, "sr_YU", '.', '\0', 0, 0},
    {49, "ta_IN", '.', ',', 3, 2},
    {50, "te_IN", '.', ',', 3, 2},
    {51, "th_TH", '.', ',', 3, 3},
    {52, "tr_TR", ',', '.', 3, 3},
    {53, "uk_UA", ',', '.', 3, 3},
    {54, "ur_PK", '.', ',', 3, 3},
    {55, "vi_VN", ',', '.', 3, 3},
    {56, "zh_CN", '.', ',', 3, 3},
    {57, "zh_TW", '.', ',', 3, 3},
    {58, "ar_DZ", '.', ',', 3, 3},
    {59, "ar_EG", '.', ',', 3, 3},
    {60, "ar_IN", '.', ',', 3, 3},
    {61, "ar_IQ", '.', ',', 3, 3},
    {62, "ar_KW", '.', ',', 3, 3},
    {63, "ar_LB", '.', ',', 3, 3},
    {64, "ar_LY", '.', ',', 3, 3},
    {65, "ar_MA", '.', ',', 3, 3},
    {66, "ar_OM", '.', ',', 3, 3},
    {67, "ar_QA", '.', ',', 3, 3},
    {68, "ar_SD", '.', ',', 3, 3},
    {69, "ar_TN", '.', ',', 3, 3},
    {70, "ar_YE", '.', ',', 3, 3},
    {71, "de_BE", ',', '.', 3, 3},
    {72, "de_CH", '.', '\'', 3, 3},
    {73, "de_LU", ',', '.', 3, 3},
    {74, "en_AU", '.', ',', 3, 3},
    {75, "en_CA", '.', ',', 3, 3},
    {76, "en_IN", '.', ',', 3, 2},
    {77, "en_NZ", '.', ',', 3, 3},
    {78, "en_PH", '.', ',', 3, 3},
    {79, "en_ZA", '.', ',', 3, 3},
    {80, "en_ZW", '.', ',', 3, 3},
    {81, "es_AR", ',', '.', 3, 3},
    {82, "es_BO", ',', '\0', 0, 0},
    {83, "es_CL", ',', '\0', 0, 0},
    {84, "es_CO", ',', '\0', 0, 0},
    {85, "es_CR", '.', '\0', 0, 0},
    {86, "es_DO", '.', '\0', 0, 0},
    {87, "es_EC", ',', '\0', 0, 0},
    {88, "es_GT", '.', '\0', 0, 0},
    {89, "es_HN", '.', '\0', 0, 0},
    {90, "es_MX", '.', '\0', 0, 0},
    {91, "es_NI", '.', '\0', 0, 0},
    {92, "es_PA", '.', '\0', 0, 0},
    {93, "es_PE", '.', '\0', 0, 0},
    {94, "es_PR", '.', '\0', 0, 0},
    {95, "es_PY", ',', '\0', 0, 0},
    {96, "es_SV", '.', '\0', 0, 0},
    {97, "es_US", '.', ',', 3, 3},
    {98, "es_UY", ',', '\0', 0, 0},
    {99, "es_VE", ',', '\0', 0, 0},
    {100, "fr_BE", ',', '.', 0, 0},
    {101, "fr_CA", ',', ' ', 0, 0},
    {102, "fr_CH", ',', '\0', 0, 0},
    {103, "fr_LU", ',', '\0', 0, 0},
    {104, "it_IT", ',', '\0', 0, 0},
    {105, "nl_BE", ',', '.', 0, 0},
    {106, "no_NO", ',', '.', 3, 3},
    {107, "sv_FI", ',', ' ', 3, 3},
    {108, "zh_HK", '.', ',', 3, 3},
    {109, "el_GR", ',', '.', 0, 0},
    {110, "rm_CH", ',', '\'', 3, 3},
};

}  // namespace

const Locale* FindLocale(std::string_view name) {
  for (const Locale& locale : kLocales) {
    if (locale.name.size() != name.size()) continue;
    bool same = true;
    for (size_t i = 0; i < name.size() && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(name[i])) ==
             std::tolower(static_cast<unsigned char>(locale.name[i]));
    }
    if (same) return &locale;
  }
  return nullptr;
}

const Locale* FindLocaleById(int64_t id) {
  for (const Locale& locale : kLocales) {
    if (locale.id == id) return &locale;  // (sr_RS before its deprecated sr_YU)
  }
  return nullptr;
}

const Locale& DefaultLocale() {
  static const Locale* en_us = FindLocale("en_US");
  return *en_us;
}

std::string FormatNumberText(std::string_view digits, const Locale& locale) {
  bool negative = !digits.empty() && digits.front() == '-';
  std::string_view body = negative ? digits.substr(1) : digits;
  size_t point = body.find('.');
  std::string_view integer = body.substr(0, point);
  std::string_view fraction = point == std::string_view::npos ? std::string_view() : body.substr(point + 1);
  // The integer digits from the right, a separator between groups.
  std::string reversed;
  bool grouped = locale.first_group > 0;
  int count = locale.first_group;
  for (size_t i = integer.size(); i-- > 0;) {
    if (grouped && count == 0) {
      reversed.push_back(locale.thousands_separator);
      count = locale.later_groups;
    }
    reversed.push_back(integer[i]);
    --count;
  }
  std::string out = negative ? "-" : "";
  out.append(reversed.rbegin(), reversed.rend());
  if (point != std::string_view::npos) {
    out.push_back(locale.decimal_point);
    out.append(fraction);
  }
  return out;
}

}  // namespace porpoise::types
