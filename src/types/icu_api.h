// The ICU functions the collations and REGEXP call, loaded with dlopen on first use rather
// than linked: a server that has not yet compared a string under a UCA collation or matched a
// regular expression keeps ICU's libraries (and their data) out of its memory. (types/)
#pragma once

#include <unicode/uchar.h>
#include <unicode/uregex.h>
#include <unicode/utext.h>
#include <unicode/ucol.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/uset.h>

namespace porpoise::types {

// The names are ICU's own (its headers map them to their versioned symbols).
struct IcuApi {
  decltype(&::ucol_open) ucol_open;
  decltype(&::ucol_openRules) ucol_openRules;
  decltype(&::ucol_close) ucol_close;
  decltype(&::ucol_setStrength) ucol_setStrength;
  decltype(&::ucol_strcoll) ucol_strcoll;
  decltype(&::ucol_strcollUTF8) ucol_strcollUTF8;
  decltype(&::ucol_getSortKey) ucol_getSortKey;
  decltype(&::ucol_getContractionsAndExpansions) ucol_getContractionsAndExpansions;
  decltype(&::uset_openEmpty) uset_openEmpty;
  decltype(&::uset_close) uset_close;
  decltype(&::uset_contains) uset_contains;
  decltype(&::uset_getItem) uset_getItem;
  decltype(&::uset_getItemCount) uset_getItemCount;
  decltype(&::uscript_getScript) uscript_getScript;
  decltype(&::unorm2_getNFDInstance) unorm2_getNFDInstance;
  decltype(&::unorm2_getDecomposition) unorm2_getDecomposition;
  decltype(&::unorm2_getRawDecomposition) unorm2_getRawDecomposition;
  decltype(&::u_charAge) u_charAge;
  decltype(&::u_isalpha) u_isalpha;
  decltype(&::u_toupper) u_toupper;
  decltype(&::uregex_openUText) uregex_openUText;
  decltype(&::uregex_close) uregex_close;
  decltype(&::uregex_setUText) uregex_setUText;
  decltype(&::uregex_find) uregex_find;
  decltype(&::uregex_find64) uregex_find64;
  decltype(&::uregex_findNext) uregex_findNext;
  decltype(&::uregex_start64) uregex_start64;
  decltype(&::uregex_end64) uregex_end64;
  decltype(&::uregex_groupCount) uregex_groupCount;
  decltype(&::uregex_setTimeLimit) uregex_setTimeLimit;
  decltype(&::uregex_setStackLimit) uregex_setStackLimit;
  decltype(&::uregex_setMatchCallback) uregex_setMatchCallback;
  decltype(&::utext_openUTF8) utext_openUTF8;
  decltype(&::utext_close) utext_close;
};

// ICU, loaded on the first call (thread-safe). ICU is a dependency of the server: when its
// libraries cannot be loaded the process stops with a message naming them.
const IcuApi& Icu();

}  // namespace porpoise::types
