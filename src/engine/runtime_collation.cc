// SQLite collations for every MySQL collation (under versioned names, since an index's order
// is on disk), LIKE under a collation, and strings in the bytes of their character set.
// (engine/)
#include <sqlite3.h>

#include "engine/runtime.h"
#include "engine/sqlite_functions.h"
#include "types/charset_codec.h"
#include "types/collation.h"
#include "types/temporal.h"

namespace porpoise::engine {

std::string_view BytesOf(sqlite3_value* value) {
  const void* data = sqlite3_value_type(value) == SQLITE_BLOB ? sqlite3_value_blob(value)
                                                               : sqlite3_value_text(value);
  if (data == nullptr) return {};
  return std::string_view(static_cast<const char*>(data),
                          static_cast<size_t>(sqlite3_value_bytes(value)));
}

namespace {

int CompareCallback(void* collation, int left_size, const void* left, int right_size,
                    const void* right) {
  return static_cast<const types::Collation*>(collation)->Compare(
      std::string_view(static_cast<const char*>(left), static_cast<size_t>(left_size)),
      std::string_view(static_cast<const char*>(right), static_cast<size_t>(right_size)));
}

uint32_t FirstCodePoint(std::string_view text) {
  if (text.empty()) return '\\';
  unsigned char lead = static_cast<unsigned char>(text[0]);
  if (lead < 0x80 || text.size() < 2) return lead;
  uint32_t code = lead & (lead >= 0xf0 ? 0x07 : lead >= 0xe0 ? 0x0f : 0x1f);
  size_t length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
  for (size_t i = 1; i < length && i < text.size(); ++i) {
    code = (code << 6) | (static_cast<unsigned char>(text[i]) & 0x3f);
  }
  return code;
}

// pp_like(text, pattern, escape, collation_id)
void Like(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
    return sqlite3_result_null(context);
  }
  const types::Collation* collation =
      types::FindCollationById(static_cast<uint16_t>(sqlite3_value_int(argv[3])));
  if (collation == nullptr) collation = &types::DefaultCollation();
  uint32_t escape = FirstCodePoint(BytesOf(argv[2]));
  sqlite3_result_int(context, collation->Like(BytesOf(argv[0]), BytesOf(argv[1]), escape) ? 1 : 0);
}

// pp_strcmp(a, b, collation_id): STRCMP, -1 / 0 / 1 under the collation.
void Strcmp(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
    return sqlite3_result_null(context);
  }
  const types::Collation* collation =
      types::FindCollationById(static_cast<uint16_t>(sqlite3_value_int(argv[2])));
  if (collation == nullptr) collation = &types::DefaultCollation();
  int order = collation->Compare(BytesOf(argv[0]), BytesOf(argv[1]));
  sqlite3_result_int(context, order < 0 ? -1 : order > 0 ? 1 : 0);
}

// pp_encode(text, charset): the text's bytes in `charset` (a BLOB), '?' for what it cannot
// hold.
void EncodeBytes(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  std::string bytes;
  types::Encode(BytesOf(argv[0]), BytesOf(argv[1]), &bytes);
  sqlite3_result_blob64(context, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
}

// pp_convert(text, charset): CONVERT(text USING charset): the text as `charset` holds it
// (what it cannot hold becomes '?'), as UTF-8 text again.
void ConvertText(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  std::string_view charset = BytesOf(argv[1]);
  std::string bytes;
  types::Encode(BytesOf(argv[0]), charset, &bytes);
  std::string text = types::Decode(bytes, charset);
  sqlite3_result_text64(context, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

int CompareTimes(void*, int a_size, const void* a, int b_size, const void* b) {
  return types::CompareTimeTexts(
      std::string_view(static_cast<const char*>(a), static_cast<size_t>(a_size)),
      std::string_view(static_cast<const char*>(b), static_cast<size_t>(b_size)));
}

}  // namespace

Status RegisterCollationRuntime(sqlite3* db, FunctionHost* host) {
  for (const types::Collation* collation : types::AllCollations()) {
    std::string name(collation->sqlite_name());
    int rc = sqlite3_create_collation_v2(db, name.c_str(), SQLITE_UTF8,
                                         const_cast<types::Collation*>(collation),
                                         CompareCallback, nullptr);
    if (rc != SQLITE_OK) return Status::Error(ER_UNKNOWN_ERROR);
  }
  if (sqlite3_create_collation_v2(db, types::kTimeCollationName, SQLITE_UTF8, nullptr,
                                  CompareTimes, nullptr) != SQLITE_OK) {
    return Status::Error(ER_UNKNOWN_ERROR);
  }
  int rc = sqlite3_create_function_v2(db, "pp_like", 4, SQLITE_UTF8 | SQLITE_DETERMINISTIC, host,
                                      Like, nullptr, nullptr, nullptr);
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_function_v2(db, "pp_strcmp", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, host,
                                    Strcmp, nullptr, nullptr, nullptr);
  }
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_function_v2(db, "pp_encode", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                    nullptr, EncodeBytes, nullptr, nullptr, nullptr);
  }
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_function_v2(db, "pp_convert", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                    nullptr, ConvertText, nullptr, nullptr, nullptr);
  }
  return rc == SQLITE_OK ? Status::OK() : Status::Error(ER_UNKNOWN_ERROR);
}

}  // namespace porpoise::engine
