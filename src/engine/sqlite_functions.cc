// The older MySQL string, date and session functions registered on each SQLite connection.
// (engine/)
#include "engine/sqlite_functions.h"
#include "engine/physical.h"
#include "engine/runtime.h"
#include "engine/variables.h"
#include "types/icu_api.h"
#include "types/temporal.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <thread>

namespace porpoise::engine {

namespace {

// ---- UTF-8 and folding ------------------------------------------------------------------

// Decodes one code point at `*position` (invalid bytes decode as themselves).
uint32_t DecodeUtf8(std::string_view text, size_t* position) {
  unsigned char c = static_cast<unsigned char>(text[*position]);
  size_t extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : 0;
  if (extra == 0 || *position + extra >= text.size()) {
    ++*position;
    return c;
  }
  uint32_t code = c & (0x3f >> extra);
  for (size_t k = 1; k <= extra; ++k) {
    unsigned char next = static_cast<unsigned char>(text[*position + k]);
    if ((next & 0xc0) != 0x80) {
      ++*position;
      return c;
    }
    code = (code << 6) | (next & 0x3f);
  }
  *position += extra + 1;
  return code;
}

void EncodeUtf8(uint32_t code, std::string* out) {
  if (code < 0x80) {
    out->push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out->push_back(static_cast<char>(0xc0 | (code >> 6)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3f)));
  } else if (code < 0x10000) {
    out->push_back(static_cast<char>(0xe0 | (code >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3f)));
  } else {
    out->push_back(static_cast<char>(0xf0 | (code >> 18)));
    out->push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3f)));
  }
}

// Base letters of U+00C0..U+00FF with accents removed, lower case ('\0': keep the code point).
constexpr char kLatin1Base[64] = {
    'a', 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
    'd', 'n', 'o', 'o', 'o', 'o', 'o', 0,   'o', 'u', 'u', 'u', 'u', 'y', 0,   's',
    'a', 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
    'd', 'n', 'o', 'o', 'o', 'o', 'o', 0,   'o', 'u', 'u', 'u', 'u', 'y', 0,   'y',
};

// The collation weight of a code point: case and (Latin-1) accents folded.
uint32_t FoldForCompare(uint32_t code) {
  if (code < 0x80) {
    if (code >= 'A' && code <= 'Z') return code + 32;
    return code;
  }
  if (code >= 0xc0 && code <= 0xff && kLatin1Base[code - 0xc0] != 0) {
    return static_cast<unsigned char>(kLatin1Base[code - 0xc0]);
  }
  if (code >= 0x100 && code <= 0x17f) return code | 1;  // Latin Extended-A case pairs
  if (code >= 0x391 && code <= 0x3a9) return code + 0x20;  // Greek capitals
  if (code >= 0x410 && code <= 0x42f) return code + 0x20;  // Cyrillic capitals
  if (code >= 0x400 && code <= 0x40f) return code + 0x50;
  return code;
}

uint32_t ToUpper(uint32_t code) {
  if (code >= 'a' && code <= 'z') return code - 32;
  if (code >= 0xe0 && code <= 0xfe && code != 0xf7) return code - 32;
  if (code >= 0x3b1 && code <= 0x3c9 && code != 0x3c2) return code - 0x20;
  if (code >= 0x430 && code <= 0x44f) return code - 0x20;
  if (code >= 0x450 && code <= 0x45f) return code - 0x50;
  return code;
}

uint32_t ToLower(uint32_t code) {
  if (code >= 'A' && code <= 'Z') return code + 32;
  if (code >= 0xc0 && code <= 0xde && code != 0xd7) return code + 32;
  if (code >= 0x391 && code <= 0x3a9) return code + 0x20;
  if (code >= 0x410 && code <= 0x42f) return code + 0x20;
  if (code >= 0x400 && code <= 0x40f) return code + 0x50;
  return code;
}

// ---- argument helpers -------------------------------------------------------------------

// MySQL's text form of an argument (doubles formatted MySQL's way).
std::string TextOf(sqlite3_value* value) {
  switch (sqlite3_value_type(value)) {
    case SQLITE_INTEGER:
      return std::to_string(sqlite3_value_int64(value));
    case SQLITE_FLOAT:
      return FormatDouble(sqlite3_value_double(value));
    case SQLITE_NULL:
      return std::string();
    default: {
      const void* data = sqlite3_value_blob(value);
      int size = sqlite3_value_bytes(value);
      return data == nullptr ? std::string() : std::string(static_cast<const char*>(data), static_cast<size_t>(size));
    }
  }
}

// A numeric argument: integers stay integers, text is parsed MySQL's way.
struct Number {
  bool is_integer = true;
  int64_t integer = 0;
  double real = 0;
  double AsDouble() const { return is_integer ? static_cast<double>(integer) : real; }
};

Number NumberOf(sqlite3_value* value) {
  Number number;
  switch (sqlite3_value_type(value)) {
    case SQLITE_INTEGER:
      number.integer = sqlite3_value_int64(value);
      return number;
    case SQLITE_FLOAT:
      number.is_integer = false;
      number.real = sqlite3_value_double(value);
      return number;
    default: {
      std::string text = TextOf(value);
      size_t consumed = 0;
      double parsed = ParseNumberPrefix(text, &consumed);
      std::string_view number_text = std::string_view(text).substr(0, consumed);
      bool integral = number_text.find_first_of(".eE") == std::string_view::npos &&
                      parsed > -9.2e18 && parsed < 9.2e18;
      if (integral) {
        number.integer = std::strtoll(std::string(number_text).c_str(), nullptr, 10);
      } else {
        number.is_integer = false;
        number.real = parsed;
      }
      return number;
    }
  }
}

void ResultText(sqlite3_context* context, const std::string& text) {
  sqlite3_result_text64(context, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

std::vector<uint32_t> CodePoints(std::string_view text) {
  std::vector<uint32_t> codes;
  size_t position = 0;
  while (position < text.size()) codes.push_back(DecodeUtf8(text, &position));
  return codes;
}

std::string FromCodePoints(const std::vector<uint32_t>& codes, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end && i < codes.size(); ++i) EncodeUtf8(codes[i], &out);
  return out;
}

// ---- string functions -------------------------------------------------------------------

FunctionHost* HostOf(sqlite3_context* context);

// MySQL's size check of a string function's result: longer than max_allowed_packet, it is
// NULL with warning 1301 naming `function`. True when `size` bytes fit (checked before the
// result is built, so that a huge one never is).
bool FitsPacket(sqlite3_context* context, const char* function, uint64_t size) {
  FunctionHost* host = HostOf(context);
  uint64_t limit = host != nullptr ? host->max_allowed_packet : 64u * 1024 * 1024;
  if (size <= limit) return true;
  if (host != nullptr) {
    host->warnings.push_back(
        Status::Error(ER_WARN_ALLOWED_PACKET_OVERFLOWED, function, static_cast<long>(limit)));
  }
  sqlite3_result_null(context);
  return false;
}

// count * unit without overflow (UINT64_MAX when it would).
uint64_t Times(uint64_t count, uint64_t unit) {
  return unit != 0 && count > UINT64_MAX / unit ? UINT64_MAX : count * unit;
}

void Concat(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  uint64_t size = 0;
  for (int i = 0; i < argc; ++i) size += static_cast<uint64_t>(sqlite3_value_bytes(argv[i]));
  if (!FitsPacket(context, "concat", size)) return;
  std::string out;
  bool blob = false;
  for (int i = 0; i < argc; ++i) {
    out += TextOf(argv[i]);
    blob |= sqlite3_value_type(argv[i]) == SQLITE_BLOB;
  }
  if (blob) {
    sqlite3_result_blob64(context, out.data(), out.size(), SQLITE_TRANSIENT);
  } else {
    ResultText(context, out);
  }
}

void ConcatWs(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (argc < 1 || sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  std::string separator = TextOf(argv[0]);
  uint64_t size = 0;
  for (int i = 1; i < argc; ++i) {
    size += static_cast<uint64_t>(sqlite3_value_bytes(argv[i])) + separator.size();
  }
  if (!FitsPacket(context, "concat_ws", size > separator.size() ? size - separator.size() : 0)) return;
  std::string out;
  bool first = true;
  for (int i = 1; i < argc; ++i) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) continue;
    if (!first) out += separator;
    out += TextOf(argv[i]);
    first = false;
  }
  ResultText(context, out);
}

void UpperLower(sqlite3_context* context, int argc, sqlite3_value** argv, bool upper) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  std::string text = TextOf(argv[0]);
  std::string out;
  size_t position = 0;
  while (position < text.size()) {
    uint32_t code = DecodeUtf8(text, &position);
    EncodeUtf8(upper ? ToUpper(code) : ToLower(code), &out);
  }
  ResultText(context, out);
}

void Upper(sqlite3_context* c, int argc, sqlite3_value** argv) { UpperLower(c, argc, argv, true); }
void Lower(sqlite3_context* c, int argc, sqlite3_value** argv) { UpperLower(c, argc, argv, false); }

void Length(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  sqlite3_result_int64(context, static_cast<int64_t>(TextOf(argv[0]).size()));
}

void CharLength(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  if (sqlite3_value_type(argv[0]) == SQLITE_BLOB) {
    sqlite3_result_int64(context, sqlite3_value_bytes(argv[0]));
    return;
  }
  sqlite3_result_int64(context, static_cast<int64_t>(Utf8Length(TextOf(argv[0]))));
}

void Substr(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  std::vector<uint32_t> codes = CodePoints(TextOf(argv[0]));
  int64_t size = static_cast<int64_t>(codes.size());
  int64_t position = NumberOf(argv[1]).is_integer ? NumberOf(argv[1]).integer
                                                  : std::llround(NumberOf(argv[1]).real);
  int64_t length = size;
  if (argc > 2) {
    Number number = NumberOf(argv[2]);
    length = number.is_integer ? number.integer : std::llround(number.real);
  }
  if (position == 0 || length <= 0 || position > size || -position > size) {
    return ResultText(context, "");
  }
  int64_t begin = position > 0 ? position - 1 : size + position;
  int64_t end = std::min(size, begin + length);
  ResultText(context, FromCodePoints(codes, static_cast<size_t>(begin), static_cast<size_t>(end)));
}

void Right(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  std::vector<uint32_t> codes = CodePoints(TextOf(argv[0]));
  int64_t count = NumberOf(argv[1]).integer;
  if (count <= 0) return ResultText(context, "");
  size_t begin = codes.size() > static_cast<size_t>(count) ? codes.size() - static_cast<size_t>(count) : 0;
  ResultText(context, FromCodePoints(codes, begin, codes.size()));
}

void TrimString(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  std::string text = TextOf(argv[0]);
  std::string remove = TextOf(argv[1]);
  std::string mode = TextOf(argv[2]);
  if (!remove.empty()) {
    if (mode != "R") {
      while (text.compare(0, remove.size(), remove) == 0 && text.size() >= remove.size()) {
        text.erase(0, remove.size());
      }
    }
    if (mode != "L") {
      while (text.size() >= remove.size() &&
             text.compare(text.size() - remove.size(), remove.size(), remove) == 0) {
        text.erase(text.size() - remove.size());
      }
    }
  }
  ResultText(context, text);
}

// LOCATE(substr, str[, pos]) with the collation's case folding.
void Locate(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  std::vector<uint32_t> needle = CodePoints(TextOf(argv[0]));
  std::vector<uint32_t> haystack = CodePoints(TextOf(argv[1]));
  int64_t start = argc > 2 ? NumberOf(argv[2]).integer : 1;
  if (start < 1) return sqlite3_result_int64(context, 0);
  for (auto& code : needle) code = FoldForCompare(code);
  for (auto& code : haystack) code = FoldForCompare(code);
  for (size_t i = static_cast<size_t>(start - 1); i + needle.size() <= haystack.size(); ++i) {
    if (std::equal(needle.begin(), needle.end(), haystack.begin() + static_cast<std::ptrdiff_t>(i))) {
      return sqlite3_result_int64(context, static_cast<int64_t>(i + 1));
    }
  }
  sqlite3_result_int64(context, 0);
}

void Repeat(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  std::string text = TextOf(argv[0]);
  int64_t count = NumberOf(argv[1]).integer;
  std::string out;
  if (count > 0 && !text.empty()) {
    if (!FitsPacket(context, "repeat", Times(static_cast<uint64_t>(count), text.size()))) return;
    out.reserve(text.size() * static_cast<size_t>(count));
    for (int64_t i = 0; i < count; ++i) out += text;
  }
  ResultText(context, out);
}

void Reverse(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  std::vector<uint32_t> codes = CodePoints(TextOf(argv[0]));
  std::reverse(codes.begin(), codes.end());
  ResultText(context, FromCodePoints(codes, 0, codes.size()));
}

void Pad(sqlite3_context* context, int argc, sqlite3_value** argv, bool left) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  std::vector<uint32_t> codes = CodePoints(TextOf(argv[0]));
  int64_t length = NumberOf(argv[1]).integer;
  std::vector<uint32_t> pad = CodePoints(TextOf(argv[2]));
  if (length < 0) return sqlite3_result_null(context);
  // As MySQL: the length in characters of up to 4 bytes each.
  if (!FitsPacket(context, left ? "lpad" : "rpad", Times(static_cast<uint64_t>(length), 4))) return;
  size_t target = static_cast<size_t>(length);
  if (codes.size() >= target) return ResultText(context, FromCodePoints(codes, 0, target));
  if (pad.empty()) return ResultText(context, "");  // (MySQL 8.4: an empty result)
  std::vector<uint32_t> filler;
  while (filler.size() < target - codes.size()) filler.push_back(pad[filler.size() % pad.size()]);
  std::vector<uint32_t> out = left ? filler : codes;
  const std::vector<uint32_t>& tail = left ? codes : filler;
  out.insert(out.end(), tail.begin(), tail.end());
  ResultText(context, FromCodePoints(out, 0, out.size()));
}

void Lpad(sqlite3_context* c, int argc, sqlite3_value** argv) { Pad(c, argc, argv, true); }
void Rpad(sqlite3_context* c, int argc, sqlite3_value** argv) { Pad(c, argc, argv, false); }

void Space(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  int64_t count = NumberOf(argv[0]).integer;
  if (count > 0 && !FitsPacket(context, "space", static_cast<uint64_t>(count))) return;
  ResultText(context, std::string(static_cast<size_t>(std::max<int64_t>(count, 0)), ' '));
}

void Hex(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  int type = sqlite3_value_type(argv[0]);
  if (type == SQLITE_INTEGER || type == SQLITE_FLOAT) {
    Number number = NumberOf(argv[0]);
    // A DOUBLE rounds half away from zero; one outside BIGINT's and BIGINT UNSIGNED's range
    // (at or below -2^63, at or above 2^64) is all ones, as in MySQL.
    uint64_t value = 0;
    if (number.is_integer) {
      value = static_cast<uint64_t>(number.integer);
    } else if (number.real <= -9223372036854775808.0 || number.real >= 18446744073709551616.0) {
      value = ~uint64_t{0};
    } else if (number.real >= 9223372036854775808.0) {
      value = static_cast<uint64_t>(number.real + 0.5);
    } else {
      value = static_cast<uint64_t>(std::llround(number.real));
    }
    char buffer[32];
    std::snprintf(buffer, sizeof(buffer), "%llX", static_cast<unsigned long long>(value));
    return ResultText(context, buffer);
  }
  for (unsigned char c : TextOf(argv[0])) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  ResultText(context, out);
}

void Unhex(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  std::string text = TextOf(argv[0]);
  if (text.size() % 2 == 1) text.insert(text.begin(), '0');
  std::string out;
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < text.size(); i += 2) {
    int high = digit(text[i]);
    int low = digit(text[i + 1]);
    if (high < 0 || low < 0) return sqlite3_result_null(context);
    out.push_back(static_cast<char>(high * 16 + low));
  }
  sqlite3_result_blob64(context, out.data(), out.size(), SQLITE_TRANSIENT);
}

void Ascii(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  std::string text = TextOf(argv[0]);
  sqlite3_result_int64(context, text.empty() ? 0 : static_cast<unsigned char>(text[0]));
}

// mysql_bit_bytes(bits, count): the integer's lowest `count` bytes, big-endian (a BLOB).
void BitBytes(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  auto bits = static_cast<uint64_t>(sqlite3_value_int64(argv[0]));
  int64_t count = std::clamp<int64_t>(sqlite3_value_int64(argv[1]), 1, 8);
  unsigned char bytes[8];
  for (int64_t i = 0; i < count; ++i) bytes[i] = static_cast<unsigned char>(bits >> (8 * (count - 1 - i)));
  sqlite3_result_blob(context, bytes, static_cast<int>(count), SQLITE_TRANSIENT);
}

// mysql_ord(s): text is UTF-8 (its first character's bytes, big-endian, as one number), a
// BLOB one byte per character.
void Ord(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  std::string text = TextOf(argv[0]);
  if (text.empty()) return sqlite3_result_int64(context, 0);
  auto lead = static_cast<unsigned char>(text[0]);
  size_t length = 1;
  if (sqlite3_value_type(argv[0]) != SQLITE_BLOB) {
    length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (length > text.size()) length = 1;
  }
  int64_t number = 0;
  for (size_t i = 0; i < length; ++i) number = (number << 8) | static_cast<unsigned char>(text[i]);
  sqlite3_result_int64(context, number);
}

void FindInSet(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  std::string needle = TextOf(argv[0]);
  std::string list = TextOf(argv[1]);
  int64_t index = 1;
  size_t start = 0;
  if (list.empty()) return sqlite3_result_int64(context, 0);
  while (true) {
    size_t comma = list.find(',', start);
    std::string item = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (CompareCaseInsensitive(item, needle) == 0) return sqlite3_result_int64(context, index);
    if (comma == std::string::npos) break;
    start = comma + 1;
    ++index;
  }
  sqlite3_result_int64(context, 0);
}

// REGEXP / RLIKE with ICU's regular expressions, as MySQL 8 has them: case-insensitive, a
// match bounded by regexp_time_limit and regexp_stack_limit (3699, 3698) and stopped by KILL
// QUERY or max_execution_time while it runs.
struct CompiledRegex {
  URegularExpression* regex = nullptr;
  UText* subject = nullptr;
  uint32_t flags = 0;  // the UREGEX_* flags it was compiled with
  ~CompiledRegex() {
    if (subject != nullptr) types::Icu().utext_close(subject);
    if (regex != nullptr) types::Icu().uregex_close(regex);
  }
};

void DeleteRegex(void* pointer) {
  std::unique_ptr<CompiledRegex> owned(static_cast<CompiledRegex*>(pointer));
}

// Called by ICU every few thousand steps of a match: false stops it.
UBool KeepMatching(const void* context, int32_t /*steps*/) {
  const auto* host = static_cast<const FunctionHost*>(context);
  if (host->interrupted.load()) return false;
  if (host->deadline_micros == 0) return true;
  int64_t now = std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::steady_clock::now().time_since_epoch()).count();
  return now < host->deadline_micros;
}

// MySQL's error for an ICU regular-expression status.
Status RegexError(UErrorCode code, const UParseError& where, const FunctionHost* host) {
  switch (code) {
    case U_REGEX_TIME_OUT: return Status::Error(ER_REGEXP_TIME_OUT);
    case U_REGEX_STACK_OVERFLOW: return Status::Error(ER_REGEXP_STACK_OVERFLOW);
    case U_REGEX_STOPPED_BY_CALLER:
      return host != nullptr && host->interrupted.load() ? Status::Error(ER_QUERY_INTERRUPTED)
                                                         : Status::Error(ER_QUERY_TIMEOUT);
    case U_REGEX_RULE_SYNTAX:
      return Status::Error(ER_REGEXP_RULE_SYNTAX, std::to_string(where.line),
                           std::to_string(where.offset));
    case U_REGEX_BAD_ESCAPE_SEQUENCE: return Status::Error(ER_REGEXP_BAD_ESCAPE_SEQUENCE);
    case U_REGEX_UNIMPLEMENTED: return Status::Error(ER_REGEXP_UNIMPLEMENTED);
    case U_REGEX_MISMATCHED_PAREN: return Status::Error(ER_REGEXP_MISMATCHED_PAREN);
    case U_REGEX_BAD_INTERVAL: return Status::Error(ER_REGEXP_BAD_INTERVAL);
    case U_REGEX_MAX_LT_MIN: return Status::Error(ER_REGEXP_MAX_LT_MIN);
    case U_REGEX_INVALID_BACK_REF: return Status::Error(ER_REGEXP_INVALID_BACK_REF);
    case U_REGEX_LOOK_BEHIND_LIMIT: return Status::Error(ER_REGEXP_LOOK_BEHIND_LIMIT);
    case U_REGEX_MISSING_CLOSE_BRACKET: return Status::Error(ER_REGEXP_MISSING_CLOSE_BRACKET);
    case U_REGEX_INVALID_RANGE: return Status::Error(ER_REGEXP_INVALID_RANGE);
    case U_REGEX_PATTERN_TOO_BIG: return Status::Error(ER_REGEXP_PATTERN_TOO_BIG);
    case U_ILLEGAL_ARGUMENT_ERROR: return Status::Error(ER_REGEXP_ILLEGAL_ARGUMENT);
    default: return Status::Error(ER_REGEXP_INTERNAL_ERROR);
  }
}

// The UREGEX_* flags of a match_type ("c", "i", "m", "n", "u"; a later letter overrides an
// earlier one); false for another letter.
bool RegexFlags(std::string_view match_type, uint32_t* flags) {
  for (char c : match_type) {
    switch (c) {
      case 'c': *flags &= ~static_cast<uint32_t>(UREGEX_CASE_INSENSITIVE); break;
      case 'i': *flags |= UREGEX_CASE_INSENSITIVE; break;
      case 'm': *flags |= UREGEX_MULTILINE; break;
      case 'n': *flags |= UREGEX_DOTALL; break;
      case 'u': *flags |= UREGEX_UNIX_LINES; break;
      default: return false;
    }
  }
  return true;
}

// The statement's compiled pattern, argument `index` (kept for its other rows while the
// pattern and `flags` stay the same), or nullptr after raising the pattern's error.
CompiledRegex* PatternOf(sqlite3_context* context, int index, sqlite3_value* pattern_value,
                         FunctionHost* host, uint32_t flags = UREGEX_CASE_INSENSITIVE) {
  if (auto* kept = static_cast<CompiledRegex*>(sqlite3_get_auxdata(context, index))) {
    if (kept->flags == flags) return kept;
  }
  const types::IcuApi& icu = types::Icu();
  std::string pattern = TextOf(pattern_value);
  auto fresh = std::make_unique<CompiledRegex>();
  UParseError where{};
  UErrorCode status = U_ZERO_ERROR;
  UText* pattern_text = icu.utext_openUTF8(nullptr, pattern.data(),
                                           static_cast<int64_t>(pattern.size()), &status);
  if (U_SUCCESS(status)) {
    fresh->regex = icu.uregex_openUText(pattern_text, flags, &where, &status);
    fresh->flags = flags;
  }
  if (pattern_text != nullptr) icu.utext_close(pattern_text);  // the regex keeps a copy
  if (U_FAILURE(status)) {
    RaiseError(context, RegexError(status, where, host));
    return nullptr;
  }
  uint64_t time_limit = 32, stack_limit = 8000000;  // MySQL's defaults
  if (host != nullptr && host->globals != nullptr) {
    time_limit = host->globals->GetUnsigned("regexp_time_limit");
    stack_limit = host->globals->GetUnsigned("regexp_stack_limit");
  }
  icu.uregex_setTimeLimit(fresh->regex, static_cast<int32_t>(time_limit), &status);
  icu.uregex_setStackLimit(fresh->regex, static_cast<int32_t>(stack_limit), &status);
  if (host != nullptr) icu.uregex_setMatchCallback(fresh->regex, KeepMatching, host, &status);
  if (U_FAILURE(status)) {
    RaiseError(context, RegexError(status, where, host));
    return nullptr;
  }
  CompiledRegex* compiled = fresh.get();
  sqlite3_set_auxdata(context, index, fresh.release(), DeleteRegex);
  // (SQLite may drop the auxiliary data at once, having deleted it: then it lives no longer
  // than this call, and a non-constant pattern is compiled for each row.)
  auto* kept = static_cast<CompiledRegex*>(sqlite3_get_auxdata(context, index));
  if (kept == nullptr) {
    RaiseError(context, Status::Error(ER_REGEXP_INTERNAL_ERROR));
    return nullptr;
  }
  (void)compiled;
  return kept;
}

// Points the compiled pattern at `subject` (bytes valid for the call); false after raising.
bool SetSubject(sqlite3_context* context, CompiledRegex* compiled, std::string_view subject,
                FunctionHost* host) {
  const types::IcuApi& icu = types::Icu();
  UErrorCode status = U_ZERO_ERROR;
  compiled->subject = icu.utext_openUTF8(compiled->subject, subject.data(),
                                         static_cast<int64_t>(subject.size()), &status);
  if (U_SUCCESS(status)) icu.uregex_setUText(compiled->regex, compiled->subject, &status);
  if (U_FAILURE(status)) {
    RaiseError(context, RegexError(status, UParseError{}, host));
    return false;
  }
  return true;
}

std::string_view SubjectOf(sqlite3_value* value) {
  return std::string_view(reinterpret_cast<const char*>(sqlite3_value_text(value)),
                          static_cast<size_t>(sqlite3_value_bytes(value)));
}

// The flags of match_type `text` over the binder's default ("c" or "i" from the operands'
// collation); false after raising 1210 for a letter MySQL does not know.
bool MatchFlags(sqlite3_context* context, std::string_view text, const char* function,
                uint32_t* flags) {
  if (RegexFlags(text, flags)) return true;
  RaiseError(context, Status::Error(ER_WRONG_ARGUMENTS, function));
  return false;
}

// A regular-expression call with a NULL argument: NULL, but as in MySQL the pattern is
// compiled first (its error raised) when it and the match_type (index -1: none) are not NULL.
void RegexNullResult(sqlite3_context* context, sqlite3_value** argv, int pattern, int match_type,
                     const char* function) {
  if (sqlite3_value_type(argv[pattern]) == SQLITE_NULL ||
      (match_type >= 0 && sqlite3_value_type(argv[match_type]) == SQLITE_NULL)) {
    return sqlite3_result_null(context);
  }
  uint32_t flags = UREGEX_CASE_INSENSITIVE;
  if (match_type >= 0 && !MatchFlags(context, TextOf(argv[match_type]), function, &flags)) return;
  if (PatternOf(context, pattern, argv[pattern], HostOf(context), flags) == nullptr) return;
  sqlite3_result_null(context);
}

// mysql_regexp(pattern, subject[, match_type]): REGEXP / RLIKE / REGEXP_LIKE.
void Regexp(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return RegexNullResult(context, argv, 0, argc > 2 ? 2 : -1, "regexp_like");
  FunctionHost* host = HostOf(context);
  uint32_t flags = UREGEX_CASE_INSENSITIVE;
  if (argc > 2 && !MatchFlags(context, TextOf(argv[2]), "regexp_like", &flags)) return;
  CompiledRegex* compiled = PatternOf(context, 0, argv[0], host, flags);
  if (compiled == nullptr || !SetSubject(context, compiled, SubjectOf(argv[1]), host)) return;
  UErrorCode status = U_ZERO_ERROR;
  UBool found = types::Icu().uregex_find(compiled->regex, 0, &status);
  if (U_FAILURE(status)) return RaiseError(context, RegexError(status, UParseError{}, host));
  sqlite3_result_int(context, found ? 1 : 0);
}

// The byte offset of character `position` (1-based) of UTF-8 `text`; npos past its end + 1.
size_t ByteOfCharacter(std::string_view text, int64_t position) {
  size_t at = 0;
  for (int64_t i = 1; i < position; ++i) {
    if (at >= text.size()) return std::string_view::npos;
    unsigned char c = static_cast<unsigned char>(text[at]);
    at += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  }
  return std::min(at, text.size());
}

int64_t CharacterOfByte(std::string_view text, size_t offset) {
  int64_t count = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++count;
  }
  return count;
}

// The `occurrence`-th match at or after character `position` of the subject: true with its
// byte range, false when there is none; *failed after raising an error.
struct RegexSearch {
  sqlite3_context* context;
  FunctionHost* host;
  CompiledRegex* compiled;
  std::string_view subject;
  bool failed = false;

  bool Next(bool first, size_t from, int64_t* start, int64_t* end) {
    const types::IcuApi& icu = types::Icu();
    UErrorCode status = U_ZERO_ERROR;
    UBool found = first ? icu.uregex_find64(compiled->regex, static_cast<int64_t>(from), &status)
                        : icu.uregex_findNext(compiled->regex, &status);
    if (U_SUCCESS(status) && found) {
      *start = icu.uregex_start64(compiled->regex, 0, &status);
      *end = icu.uregex_end64(compiled->regex, 0, &status);
    }
    if (U_FAILURE(status)) {
      RaiseError(context, RegexError(status, UParseError{}, host));
      failed = true;
      return false;
    }
    return found;
  }
};

// Reads REGEXP_INSTR/SUBSTR/REPLACE's pattern, position and match_type arguments (indexes
// given; -1 for none) and finds the start; false when the call is over (its result set).
bool StartSearch(sqlite3_context* context, sqlite3_value** argv, int pattern, int position,
                 int match_type, const char* function, RegexSearch* search, size_t* from) {
  search->context = context;
  search->host = HostOf(context);
  uint32_t flags = UREGEX_CASE_INSENSITIVE;
  if (match_type >= 0 && !MatchFlags(context, TextOf(argv[match_type]), function, &flags)) {
    return false;
  }
  search->compiled = PatternOf(context, pattern, argv[pattern], search->host, flags);
  search->subject = SubjectOf(argv[0]);
  if (search->compiled == nullptr ||
      !SetSubject(context, search->compiled, search->subject, search->host)) {
    return false;
  }
  int64_t start = position >= 0 ? sqlite3_value_int64(argv[position]) : 1;
  *from = start >= 1 ? ByteOfCharacter(search->subject, start) : std::string_view::npos;
  if (*from == std::string_view::npos) {
    RaiseError(context, Status::Error(ER_REGEXP_INDEX_OUTOFBOUNDS_ERROR));
    return false;
  }
  return true;
}

// mysql_regexp_instr(subject, pattern, pos, occurrence, return_option, match_type): the
// character position of the occurrence-th match (after it with return_option 1), 0 for none.
void RegexpInstr(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return RegexNullResult(context, argv, 1, 5, "regexp_instr");
  RegexSearch search{};
  size_t from = 0;
  if (!StartSearch(context, argv, 1, 2, 5, "regexp_instr", &search, &from)) return;
  int64_t occurrence = std::max<int64_t>(sqlite3_value_int64(argv[3]), 1);
  int64_t return_option = sqlite3_value_int64(argv[4]);
  if (return_option != 0 && return_option != 1) {
    return RaiseError(context, Status::Error(ER_WRONG_ARGUMENTS, "regexp_instr"));
  }
  int64_t start = 0, end = 0;
  for (int64_t i = 0; i < occurrence; ++i) {
    if (!search.Next(i == 0, from, &start, &end)) {
      if (!search.failed) sqlite3_result_int64(context, 0);
      return;
    }
  }
  size_t offset = static_cast<size_t>(return_option == 0 ? start : end);
  sqlite3_result_int64(context, CharacterOfByte(search.subject, offset));
}

// mysql_regexp_substr(subject, pattern, pos, occurrence, match_type): the occurrence-th match,
// NULL for none.
void RegexpSubstr(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return RegexNullResult(context, argv, 1, 4, "regexp_substr");
  RegexSearch search{};
  size_t from = 0;
  if (!StartSearch(context, argv, 1, 2, 4, "regexp_substr", &search, &from)) return;
  int64_t occurrence = std::max<int64_t>(sqlite3_value_int64(argv[3]), 1);
  int64_t start = 0, end = 0;
  for (int64_t i = 0; i < occurrence; ++i) {
    if (!search.Next(i == 0, from, &start, &end)) {
      if (!search.failed) sqlite3_result_null(context);
      return;
    }
  }
  ResultText(context, std::string(search.subject.substr(static_cast<size_t>(start),
                                                        static_cast<size_t>(end - start))));
}

// mysql_regexp_replace(subject, pattern, replacement, pos, occurrence, match_type): the
// subject with the occurrence-th match (every match for 0) from pos on replaced; `$n` in the
// replacement is group n, `\c` the character c.
void RegexpReplace(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return RegexNullResult(context, argv, 1, 5, "regexp_replace");
  // (an empty subject comes back as it is, whatever the pattern matches in it)
  if (sqlite3_value_bytes(argv[0]) == 0) return ResultText(context, std::string());
  RegexSearch search{};
  size_t from = 0;
  if (!StartSearch(context, argv, 1, 3, 5, "regexp_replace", &search, &from)) return;
  std::string replacement = TextOf(argv[2]);
  int64_t occurrence = std::max<int64_t>(sqlite3_value_int64(argv[4]), 0);
  const types::IcuApi& icu = types::Icu();
  std::string out(search.subject.substr(0, from));
  size_t copied = from;
  int64_t start = 0, end = 0;
  uint64_t limit = HostOf(context) != nullptr ? HostOf(context)->max_allowed_packet : UINT64_MAX;
  for (int64_t count = 1; search.Next(count == 1, from, &start, &end); ++count) {
    if (occurrence != 0 && count < occurrence) continue;
    out.append(search.subject.substr(copied, static_cast<size_t>(start) - copied));
    for (size_t i = 0; i < replacement.size(); ++i) {
      char c = replacement[i];
      if (c == '\\' && i + 1 < replacement.size()) {
        out += replacement[++i];
      } else if (c == '$' && i + 1 < replacement.size() && replacement[i + 1] >= '0' &&
                 replacement[i + 1] <= '9') {
        int32_t group = replacement[++i] - '0';
        UErrorCode status = U_ZERO_ERROR;
        int32_t groups = icu.uregex_groupCount(search.compiled->regex, &status);
        if (group > groups) {
          return RaiseError(context, Status::Error(ER_REGEXP_INDEX_OUTOFBOUNDS_ERROR));
        }
        int64_t group_start = icu.uregex_start64(search.compiled->regex, group, &status);
        int64_t group_end = icu.uregex_end64(search.compiled->regex, group, &status);
        if (U_SUCCESS(status) && group_start >= 0) {
          out.append(search.subject.substr(static_cast<size_t>(group_start),
                                           static_cast<size_t>(group_end - group_start)));
        }
      } else {
        out += c;
      }
    }
    copied = static_cast<size_t>(end);
    if (out.size() > limit) {
      if (HostOf(context) != nullptr) {
        HostOf(context)->warnings.push_back(
            Status::Error(ER_WARN_ALLOWED_PACKET_OVERFLOWED, "regexp_replace", limit));
      }
      return sqlite3_result_null(context);
    }
    if (occurrence != 0) break;
  }
  if (search.failed) return;
  out.append(search.subject.substr(copied));
  ResultText(context, out);
}

// ---- numbers ----------------------------------------------------------------------------

void CastInteger(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  int type = sqlite3_value_type(argv[0]);
  Number number = NumberOf(argv[0]);
  if (number.is_integer) return sqlite3_result_int64(context, number.integer);
  double value = type == SQLITE_FLOAT ? std::nearbyint(number.real) : std::trunc(number.real);
  if (value >= 9.2e18 || value <= -9.2e18) return sqlite3_result_double(context, value);
  sqlite3_result_int64(context, static_cast<int64_t>(value));
}

void CastChar(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  ResultText(context, TextOf(argv[0]));
}

void Xor(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  bool left = NumberOf(argv[0]).AsDouble() != 0;
  bool right = NumberOf(argv[1]).AsDouble() != 0;
  sqlite3_result_int(context, left != right ? 1 : 0);
}

// ---- dates ------------------------------------------------------------------------------

int64_t DaysFromCivil(int64_t year, int64_t month, int64_t day) {
  year -= month <= 2;
  int64_t era = (year >= 0 ? year : year - 399) / 400;
  int64_t year_of_era = year - era * 400;
  int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

void DateFormat(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  std::string text = TextOf(argv[0]);
  std::string format = TextOf(argv[1]);
  // The binder hands over a DATE or DATETIME, or text it has checked under sql_mode: read it
  // as MySQL reads dates ('2024-02-29', '20240229', '240229123456.5', zero parts kept).
  types::Temporal value;
  if (types::ParseDateTime(text, &value, types::DateChecks{true, true, true}) ==
      types::TemporalOutcome::kBad) {
    return sqlite3_result_null(context);
  }
  int year = static_cast<int>(value.year), month = static_cast<int>(value.month);
  int day = static_cast<int>(value.day), hour = static_cast<int>(value.hour);
  int minute = static_cast<int>(value.minute), second = static_cast<int>(value.second);
  char fraction[8];
  std::snprintf(fraction, sizeof fraction, "%06u", static_cast<unsigned>(value.micros));
  std::string micros(fraction);
  // Month and day names in the session's lc_time_names.
  FunctionHost* host = HostOf(context);
  const types::TimeNames& names = types::TimeNamesOf(
      host != nullptr && host->time_names != nullptr ? *host->time_names : types::DefaultLocale());
  int64_t days = DaysFromCivil(year, month, day);
  int weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
  int day_of_year = static_cast<int>(days - DaysFromCivil(year, 1, 1) + 1);
  std::string out;
  char buffer[32];
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%' || i + 1 == format.size()) {
      out += format[i];
      continue;
    }
    char spec = format[++i];
    int hour12 = hour % 12 == 0 ? 12 : hour % 12;
    // A month name needs a month, a day's name a date (MySQL: NULL).
    if (((spec == 'M' || spec == 'b') && month == 0) ||
        ((spec == 'W' || spec == 'a' || spec == 'w') && month == 0 && year == 0)) {
      return sqlite3_result_null(context);
    }
    switch (spec) {
      case 'Y': std::snprintf(buffer, sizeof(buffer), "%04d", year); out += buffer; break;
      case 'y': std::snprintf(buffer, sizeof(buffer), "%02d", year % 100); out += buffer; break;
      case 'm': std::snprintf(buffer, sizeof(buffer), "%02d", month); out += buffer; break;
      case 'c': out += std::to_string(month); break;
      case 'd': std::snprintf(buffer, sizeof(buffer), "%02d", day); out += buffer; break;
      case 'e': out += std::to_string(day); break;
      case 'H': std::snprintf(buffer, sizeof(buffer), "%02d", hour); out += buffer; break;
      case 'k': out += std::to_string(hour); break;
      case 'h':
      case 'I': std::snprintf(buffer, sizeof(buffer), "%02d", hour12); out += buffer; break;
      case 'l': out += std::to_string(hour12); break;
      case 'i': std::snprintf(buffer, sizeof(buffer), "%02d", minute); out += buffer; break;
      case 's':
      case 'S': std::snprintf(buffer, sizeof(buffer), "%02d", second); out += buffer; break;
      case 'f': out += micros; break;
      case 'p': out += hour < 12 ? "AM" : "PM"; break;
      // (a month of 0 never gets here: NULL above)
      case 'M': out += names.months[month - 1]; break;
      case 'b': out += names.month_abbreviations[month - 1]; break;
      case 'W': out += names.days[(weekday + 6) % 7]; break;
      case 'a': out += names.day_abbreviations[(weekday + 6) % 7]; break;
      case 'w': out += std::to_string(weekday); break;
      case 'j': std::snprintf(buffer, sizeof(buffer), "%03d", day_of_year); out += buffer; break;
      case 'T':
        std::snprintf(buffer, sizeof(buffer), "%02d:%02d:%02d", hour, minute, second);
        out += buffer;
        break;
      case 'r':
        std::snprintf(buffer, sizeof(buffer), "%02d:%02d:%02d %s", hour12, minute, second,
                      hour < 12 ? "AM" : "PM");
        out += buffer;
        break;
      case 'U':
      case 'u':
      case 'V':
      case 'v':
      case 'X':
      case 'x': {
        // WEEK's modes: %U 0, %u 1, %V/%X 2, %v/%x 3.
        unsigned behaviour = spec == 'U' ? 4 : spec == 'u' ? 1 : (spec == 'V' || spec == 'X') ? 6 : 3;
        int64_t week_year = 0;
        // The zero date too, as MySQL's calc_week counts it (%x of it is 0001).
        int64_t week = MysqlWeekOfDate(static_cast<uint32_t>(year), static_cast<uint32_t>(month),
                                       static_cast<uint32_t>(day), behaviour, &week_year);
        if (spec == 'X' || spec == 'x') {
          std::snprintf(buffer, sizeof(buffer), "%04lld", static_cast<long long>(week_year));
        } else {
          std::snprintf(buffer, sizeof(buffer), "%02lld", static_cast<long long>(week));
        }
        out += buffer;
        break;
      }
      case 'D': {
        out += std::to_string(day);
        int last = day % 10;
        out += (day / 10 == 1) ? "th" : last == 1 ? "st" : last == 2 ? "nd" : last == 3 ? "rd" : "th";
        break;
      }
      default: out += spec; break;
    }
  }
  ResultText(context, out);
}

FunctionHost* HostOf(sqlite3_context* context) {
  return static_cast<FunctionHost*>(sqlite3_user_data(context));
}

void Now(sqlite3_context* context, int argc, sqlite3_value** argv) {
  uint32_t fsp = argc > 0 ? static_cast<uint32_t>(std::clamp<int64_t>(NumberOf(argv[0]).integer, 0, 6)) : 0;
  FunctionHost* host = HostOf(context);
  ResultText(context, FormatDateTime(host->statement_micros, fsp, host->time_zone.get()));
}

// mysql_sysdate(fsp): the time this call runs, by the real clock (SET timestamp does not
// move it, and it moves within a statement), in the session's time zone.
void SysDate(sqlite3_context* context, int argc, sqlite3_value** argv) {
  uint32_t fsp = argc > 0 ? static_cast<uint32_t>(std::clamp<int64_t>(NumberOf(argv[0]).integer, 0, 6)) : 0;
  const int64_t micros = std::chrono::duration_cast<std::chrono::microseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  ResultText(context, FormatDateTime(micros, fsp, HostOf(context)->time_zone.get()));
}

void UtcTimestamp(sqlite3_context* context, int argc, sqlite3_value** argv) {
  uint32_t fsp = argc > 0 ? static_cast<uint32_t>(std::clamp<int64_t>(NumberOf(argv[0]).integer, 0, 6)) : 0;
  ResultText(context, FormatDateTime(HostOf(context)->statement_micros, fsp, nullptr));
}

void UnixTimestamp(sqlite3_context* context, int, sqlite3_value**) {
  sqlite3_result_int64(context, HostOf(context)->statement_micros / 1000000);
}

void Sleep(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  FunctionHost* host = HostOf(context);
  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::microseconds(static_cast<int64_t>(NumberOf(argv[0]).AsDouble() * 1e6));
  while (std::chrono::steady_clock::now() < deadline) {
    if (host->interrupted.load()) return sqlite3_result_int(context, 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  sqlite3_result_int(context, 0);
}

// mysql_user_lock(op, [name, [timeout]]): FunctionHost::user_lock.
void UserLock(sqlite3_context* context, int argc, sqlite3_value** argv) {
  FunctionHost* host = HostOf(context);
  if (host == nullptr || !host->user_lock || argc < 1) return sqlite3_result_null(context);
  int op = sqlite3_value_int(argv[0]);
  std::string name;
  if (argc > 1) {
    if (sqlite3_value_type(argv[1]) == SQLITE_NULL) {
      return RaiseError(context, Status::Error(ER_USER_LOCK_WRONG_NAME, "NULL"));
    }
    name = TextOf(argv[1]);
  }
  double timeout = argc > 2 && sqlite3_value_type(argv[2]) != SQLITE_NULL ? NumberOf(argv[2]).AsDouble() : 0;
  Result<Value> result = host->user_lock(op, name, timeout);
  if (!result.ok()) return RaiseError(context, result.status());
  ResultValue(context, *result);
}

// mysql_ps_thread_id(id): PS_THREAD_ID(id), the performance_schema THREAD_ID of open
// connection `id` (its id plus one), NULL for an id no connection has.
void PsThreadId(sqlite3_context* context, int, sqlite3_value** argv) {
  FunctionHost* host = HostOf(context);
  if (host == nullptr || !host->connection_exists || sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    return sqlite3_result_null(context);
  }
  int64_t id = sqlite3_value_int64(argv[0]);
  if (id <= 0 || !host->connection_exists(static_cast<uint64_t>(id))) return sqlite3_result_null(context);
  sqlite3_result_int64(context, id + 1);
}

// mysql_query_attribute(name): the value of the running command's first attribute called
// `name` (names compare byte for byte), NULL when there is none or it is NULL.
void QueryAttributeValue(sqlite3_context* context, int, sqlite3_value** argv) {
  FunctionHost* host = HostOf(context);
  if (host == nullptr || sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  std::string name = TextOf(argv[0]);
  for (const auto& [attribute, value] : host->query_attributes) {
    if (attribute != name) continue;
    if (!value.has_value()) return sqlite3_result_null(context);
    return ResultText(context, *value);
  }
  sqlite3_result_null(context);
}

// mysql_store(value, column, type_code[, quiet]): `value` as the column holds it, by MySQL's
// rules; the warnings go to the statement's (with `quiet` 1, not: a value computed again for
// a row whose warnings were said already).
void Store(sqlite3_context* context, int argc, sqlite3_value** argv) {
  FunctionHost* host = HostOf(context);
  if (argc != 3 && argc != 4) return sqlite3_result_error(context, "mysql_store arguments", -1);
  const bool quiet = argc == 4 && sqlite3_value_int64(argv[3]) != 0;
  int64_t index = sqlite3_value_int64(argv[1]);
  if (index < 0 || static_cast<size_t>(index) >= host->store_columns.size()) {
    return sqlite3_result_error(context, "mysql_store column", -1);
  }
  Value value;
  switch (sqlite3_value_type(argv[0])) {
    case SQLITE_INTEGER: value = Value::Integer(sqlite3_value_int64(argv[0])); break;
    case SQLITE_FLOAT: value = Value::Double(sqlite3_value_double(argv[0])); break;
    case SQLITE_TEXT: value = Value::Text(TextOf(argv[0])); break;
    case SQLITE_BLOB: value = Value::Blob(TextOf(argv[0])); break;
    default: break;
  }
  value = ForColumn(value, TypeFromCode(sqlite3_value_int64(argv[2])),
                    *host->store_columns[static_cast<size_t>(index)]);
  CoerceContext coerce = host->store_context;
  std::vector<Status> unsaid;
  coerce.warnings = quiet ? &unsaid : &host->store_warnings;
  Result<Value> stored =
      CoerceToColumn(*host->store_columns[static_cast<size_t>(index)], std::move(value), coerce);
  if (!stored.ok()) {
    if (host->store_error.ok()) host->store_error = stored.status();
    return sqlite3_result_error(context, stored.status().message().c_str(), -1);
  }
  const Value& result = stored.value();
  switch (result.kind) {
    case Value::Kind::kNull: sqlite3_result_null(context); break;
    case Value::Kind::kInteger: sqlite3_result_int64(context, result.integer); break;
    case Value::Kind::kDouble: sqlite3_result_double(context, result.real); break;
    case Value::Kind::kText: ResultText(context, result.bytes); break;
    case Value::Kind::kBlob:
      sqlite3_result_blob64(context, result.bytes.data(), result.bytes.size(), SQLITE_TRANSIENT);
      break;
  }
}

// mysql_examine_row(): true, counting one more row read by the statement, the row number
// MySQL's warnings about storing a value quote ("at row N": rows read, matched or not).
void ExamineRow(sqlite3_context* context, int, sqlite3_value**) {
  ++HostOf(context)->store_context.row;
  sqlite3_result_int(context, 1);
}

using Callback = void (*)(sqlite3_context*, int, sqlite3_value**);

struct FunctionEntry {
  const char* name;
  int arguments;  // -1: any
  Callback callback;
  bool deterministic;
  bool needs_host;
};

constexpr FunctionEntry kFunctions[] = {
    {"mysql_concat", -1, Concat, true, true},
    {"mysql_concat_ws", -1, ConcatWs, true, true},
    {"mysql_upper", 1, Upper, true, false},
    {"mysql_lower", 1, Lower, true, false},
    {"mysql_length", 1, Length, true, false},
    {"mysql_char_length", 1, CharLength, true, false},
    {"mysql_substr", 2, Substr, true, false},
    {"mysql_substr", 3, Substr, true, false},
    {"mysql_right", 2, Right, true, false},
    {"mysql_trim_string", 3, TrimString, true, false},
    {"mysql_locate", 2, Locate, true, false},
    {"mysql_locate", 3, Locate, true, false},
    {"mysql_repeat", 2, Repeat, true, true},
    {"mysql_reverse", 1, Reverse, true, false},
    {"mysql_lpad", 3, Lpad, true, true},
    {"mysql_rpad", 3, Rpad, true, true},
    {"mysql_space", 1, Space, true, true},
    {"mysql_hex", 1, Hex, true, false},
    {"mysql_unhex", 1, Unhex, true, false},
    {"mysql_ascii", 1, Ascii, true, false},
    {"mysql_ord", 1, Ord, true, false},
    {"mysql_bit_bytes", 2, BitBytes, true, false},
    {"mysql_find_in_set", 2, FindInSet, true, false},
    {"mysql_regexp", 2, Regexp, true, true},
    {"mysql_regexp", 3, Regexp, true, true},
    {"mysql_regexp_instr", 6, RegexpInstr, true, true},
    {"mysql_regexp_substr", 5, RegexpSubstr, true, true},
    {"mysql_regexp_replace", 6, RegexpReplace, true, true},
    {"mysql_cast_integer", 1, CastInteger, true, false},
    {"mysql_cast_char", 1, CastChar, true, false},
    {"mysql_xor", 2, Xor, true, false},
    {"mysql_date_format", 2, DateFormat, true, true},
    {"mysql_now", 1, Now, false, true},
    {"mysql_sysdate", 1, SysDate, false, true},
    {"mysql_utc_timestamp", 1, UtcTimestamp, false, true},
    {"mysql_unix_timestamp", 0, UnixTimestamp, false, true},
    {"mysql_sleep", 1, Sleep, false, true},
    {"mysql_user_lock", -1, UserLock, false, true},
    {"mysql_ps_thread_id", 1, PsThreadId, false, true},
    {"mysql_query_attribute", 1, QueryAttributeValue, false, true},
    {"mysql_store", 3, Store, false, true},
    {"mysql_store", 4, Store, false, true},
    {"mysql_examine_row", 0, ExamineRow, false, true},
};

}  // namespace

int CompareCaseInsensitive(std::string_view a, std::string_view b) {
  size_t left = 0;
  size_t right = 0;
  while (left < a.size() && right < b.size()) {
    uint32_t x = FoldForCompare(DecodeUtf8(a, &left));
    uint32_t y = FoldForCompare(DecodeUtf8(b, &right));
    if (x != y) return x < y ? -1 : 1;
  }
  if (left < a.size()) return 1;
  if (right < b.size()) return -1;
  return 0;
}

namespace {

// SQLite's progress handler: stops the running statement once its deadline has passed.
int ProgressHandler(void* data) { return PastDeadline(*static_cast<FunctionHost*>(data)) ? 1 : 0; }

}  // namespace

bool PastDeadline(FunctionHost& host) {
  if (host.deadline_micros == 0) return false;
  int64_t now = std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::steady_clock::now().time_since_epoch()).count();
  if (now < host.deadline_micros) return false;
  host.timed_out = true;
  return true;
}

Status RegisterSqliteFunctions(sqlite3* db, FunctionHost* host) {
  // Every few thousand virtual-machine steps: a fraction of a millisecond.
  sqlite3_progress_handler(db, 4096, ProgressHandler, host);
  PORPOISE_RETURN_IF_ERROR(RegisterNumericRuntime(db, host));
  PORPOISE_RETURN_IF_ERROR(RegisterCollationRuntime(db, host));
  PORPOISE_RETURN_IF_ERROR(RegisterSubStatementRuntime(db, host));
  PORPOISE_RETURN_IF_ERROR(RegisterStringRuntime(db, host));
  PORPOISE_RETURN_IF_ERROR(RegisterTimeRuntime(db, host));
  PORPOISE_RETURN_IF_ERROR(RegisterJsonRuntime(db, host));
  PORPOISE_RETURN_IF_ERROR(RegisterInformationRuntime(db, host));
  PORPOISE_RETURN_IF_ERROR(RegisterTableFunctions(db, host));
  for (const FunctionEntry& entry : kFunctions) {
    int flags = SQLITE_UTF8 | (entry.deterministic ? SQLITE_DETERMINISTIC : 0);
    int rc = sqlite3_create_function_v2(db, entry.name, entry.arguments, flags,
                                        entry.needs_host ? host : nullptr, entry.callback,
                                        nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return Status::Error(ER_UNKNOWN_ERROR);
  }
  return Status::OK();
}

}  // namespace porpoise::engine
