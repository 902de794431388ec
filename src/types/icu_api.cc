// Loading ICU on first use (icu_api.h). (types/)
#include "types/icu_api.h"

#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace porpoise::types {

namespace {

#define PORPOISE_ICU_TEXT_(x) #x
#define PORPOISE_ICU_TEXT(x) PORPOISE_ICU_TEXT_(x)

// The shared objects of the ICU the server was built against (their sonames carry the
// major version, as the symbols do).
constexpr const char* kCommon = "libicuuc.so." PORPOISE_ICU_TEXT(U_ICU_VERSION_MAJOR_NUM);
constexpr const char* kI18n = "libicui18n.so." PORPOISE_ICU_TEXT(U_ICU_VERSION_MAJOR_NUM);

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "porpoise: cannot load ICU (%s): %s\n", what.c_str(), dlerror());
  std::abort();
}

void* Open(const char* name) {
  void* handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) Fail(name);
  return handle;
}

template <typename Function>
void Find(void* library, const char* symbol, Function* out) {
  void* address = dlsym(library, symbol);
  if (address == nullptr) Fail(symbol);
  *out = reinterpret_cast<Function>(address);
}

IcuApi Load() {
  void* common = Open(kCommon);
  void* i18n = Open(kI18n);
  IcuApi api;
  // PORPOISE_ICU_TEXT(name) is the versioned symbol ICU's headers rename `name` to.
#define PORPOISE_ICU_FIND(library, name) Find(library, PORPOISE_ICU_TEXT(name), &api.name)
  PORPOISE_ICU_FIND(i18n, ucol_open);
  PORPOISE_ICU_FIND(i18n, ucol_openRules);
  PORPOISE_ICU_FIND(i18n, ucol_close);
  PORPOISE_ICU_FIND(i18n, ucol_setStrength);
  PORPOISE_ICU_FIND(i18n, ucol_strcoll);
  PORPOISE_ICU_FIND(i18n, ucol_strcollUTF8);
  PORPOISE_ICU_FIND(i18n, ucol_getSortKey);
  PORPOISE_ICU_FIND(i18n, ucol_getContractionsAndExpansions);
  PORPOISE_ICU_FIND(common, uset_openEmpty);
  PORPOISE_ICU_FIND(common, uset_close);
  PORPOISE_ICU_FIND(common, uset_contains);
  PORPOISE_ICU_FIND(common, uset_getItem);
  PORPOISE_ICU_FIND(common, uset_getItemCount);
  PORPOISE_ICU_FIND(common, uscript_getScript);
  PORPOISE_ICU_FIND(common, unorm2_getNFDInstance);
  PORPOISE_ICU_FIND(common, unorm2_getDecomposition);
  PORPOISE_ICU_FIND(common, unorm2_getRawDecomposition);
  PORPOISE_ICU_FIND(common, u_charAge);
  PORPOISE_ICU_FIND(common, u_isalpha);
  PORPOISE_ICU_FIND(common, u_toupper);
  PORPOISE_ICU_FIND(i18n, uregex_openUText);
  PORPOISE_ICU_FIND(i18n, uregex_close);
  PORPOISE_ICU_FIND(i18n, uregex_setUText);
  PORPOISE_ICU_FIND(i18n, uregex_find);
  PORPOISE_ICU_FIND(i18n, uregex_find64);
  PORPOISE_ICU_FIND(i18n, uregex_findNext);
  PORPOISE_ICU_FIND(i18n, uregex_start64);
  PORPOISE_ICU_FIND(i18n, uregex_end64);
  PORPOISE_ICU_FIND(i18n, uregex_groupCount);
  PORPOISE_ICU_FIND(i18n, uregex_setTimeLimit);
  PORPOISE_ICU_FIND(i18n, uregex_setStackLimit);
  PORPOISE_ICU_FIND(i18n, uregex_setMatchCallback);
  PORPOISE_ICU_FIND(common, utext_openUTF8);
  PORPOISE_ICU_FIND(common, utext_close);
#undef PORPOISE_ICU_FIND
  return api;
}

}  // namespace

const IcuApi& Icu() {
  static const IcuApi api = Load();
  return api;
}

}  // namespace porpoise::types
