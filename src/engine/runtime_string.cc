// String, hashing and address functions of MySQL's library that run in SQLite: SUBSTRING_INDEX,
// INSERT, ELT, QUOTE, CHAR, MD5/SHA1/SHA2 (OpenSSL), CRC32 (zlib), TO_BASE64/FROM_BASE64,
// UUID, INET_ATON/INET_NTOA, FORMAT, CONV, FIELD, SOUNDEX, MAKE_SET, EXPORT_SET; the
// GROUP_CONCAT and COUNT(DISTINCT a, b) aggregates; and the session state expressions change
// as they run: user variables (@v := x) and LAST_INSERT_ID(x). Arguments arrive as the binder hands them over (numbers that
// read from text as their MySQL text); a string position counts characters. (engine/)
#include <arpa/inet.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sqlite3.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <mutex>
#include <cmath>
#include <set>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/strings.h"
#include "engine/physical.h"
#include "engine/runtime.h"
#include "engine/sqlite_functions.h"
#include "engine/xpath.h"
#include "types/charset_codec.h"
#include "types/collation.h"
#include "types/locale.h"
#include "types/weight_string.h"

namespace porpoise::engine {

namespace {

void ResultText(sqlite3_context* context, std::string_view text) {
  sqlite3_result_text64(context, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void ResultBlob(sqlite3_context* context, std::string_view bytes) {
  sqlite3_result_blob64(context, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
}

// The byte offset of each character of UTF-8 `text`, and its size as the last entry.
std::vector<size_t> CharacterOffsets(std::string_view text) {
  std::vector<size_t> offsets;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xc0) != 0x80) offsets.push_back(i);
  }
  offsets.push_back(text.size());
  return offsets;
}

// SUBSTRING_INDEX(s, delimiter, count): s before the count-th delimiter from the left, or
// after the count-th from the right when count is negative; the delimiter is matched bytewise.
void SubstringIndex(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  std::string_view text = BytesOf(argv[0]);
  std::string_view delimiter = BytesOf(argv[1]);
  int64_t count = sqlite3_value_int64(argv[2]);
  if (delimiter.empty() || count == 0) return ResultText(context, "");
  if (count > 0) {
    size_t position = 0;
    for (int64_t seen = 0;; ++seen) {
      size_t found = text.find(delimiter, position);
      if (found == std::string_view::npos) return ResultText(context, text);
      if (seen + 1 == count) return ResultText(context, text.substr(0, found));
      position = found + delimiter.size();
    }
  }
  size_t end = text.size();
  for (int64_t seen = 0;; ++seen) {
    if (end < delimiter.size()) return ResultText(context, text);
    size_t found = text.rfind(delimiter, end - delimiter.size());
    if (found == std::string_view::npos) return ResultText(context, text);
    if (seen + 1 == -count) return ResultText(context, text.substr(found + delimiter.size()));
    if (found == 0) return ResultText(context, text);
    end = found;
  }
}

// INSERT(s, position, length, new): s with `length` characters from `position` replaced.
void InsertString(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  std::string_view text = BytesOf(argv[0]);
  int64_t position = sqlite3_value_int64(argv[1]);
  int64_t length = sqlite3_value_int64(argv[2]);
  std::string_view replacement = BytesOf(argv[3]);
  std::vector<size_t> offsets = CharacterOffsets(text);
  int64_t characters = static_cast<int64_t>(offsets.size()) - 1;
  if (position < 1 || position > characters) return ResultText(context, text);
  int64_t last = length < 0 || length > characters - position + 1 ? characters : position - 1 + length;
  std::string out(text.substr(0, offsets[static_cast<size_t>(position - 1)]));
  out += replacement;
  out += text.substr(offsets[static_cast<size_t>(last)]);
  ResultText(context, out);
}

// ELT(n, s1, s2, ...): sn, NULL when n names none.
void Elt(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  int64_t index = sqlite3_value_int64(argv[0]);
  if (index < 1 || index >= argc) return sqlite3_result_null(context);
  sqlite3_result_value(context, argv[index]);
}

// QUOTE(s): s as a string literal ('...' with \, ', NUL and ^Z escaped); NULL as the word.
void Quote(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return ResultText(context, "NULL");
  std::string out = "'";
  for (char c : BytesOf(argv[0])) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\'': out += "\\'"; break;
      case '\0': out += "\\0"; break;
      case '\x1a': out += "\\Z"; break;
      default: out.push_back(c); break;
    }
  }
  out += "'";
  ResultText(context, out);
}

// CHAR(n, ...): each integer as its bytes, most significant first, leading zero bytes left
// out; NULL arguments are skipped.
void CharFromCodes(sqlite3_context* context, int argc, sqlite3_value** argv) {
  std::string out;
  for (int i = 0; i < argc; ++i) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) continue;
    auto value = static_cast<uint64_t>(sqlite3_value_int64(argv[i])) & 0xffffffffu;
    bool started = false;
    for (int shift = 24; shift >= 0; shift -= 8) {
      auto byte = static_cast<char>((value >> shift) & 0xff);
      if (byte != 0 || started || shift == 0) {
        out.push_back(byte);
        started = true;
      }
    }
  }
  ResultBlob(context, out);
}

std::string HexDigest(const EVP_MD* digest, std::string_view bytes) {
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), hash, &size, digest, nullptr) != 1) return "";
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out.push_back(kDigits[hash[i] >> 4]);
    out.push_back(kDigits[hash[i] & 15]);
  }
  return out;
}

void Md5(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  ResultText(context, HexDigest(EVP_md5(), BytesOf(argv[0])));
}

void Sha1(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  ResultText(context, HexDigest(EVP_sha1(), BytesOf(argv[0])));
}

// SHA2(s, bits): 224, 256 (or 0), 384 or 512 bits; NULL with warning 1583 for any other
// length.
void Sha2(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  auto* host = static_cast<FunctionHost*>(sqlite3_user_data(context));
  const EVP_MD* digest = nullptr;
  switch (sqlite3_value_int64(argv[1])) {
    case 0: case 256: digest = EVP_sha256(); break;
    case 224: digest = EVP_sha224(); break;
    case 384: digest = EVP_sha384(); break;
    case 512: digest = EVP_sha512(); break;
    default:
      if (host != nullptr) host->warnings.push_back(Status::Error(ER_WRONG_PARAMETERS_TO_NATIVE_FCT, "sha2"));
      return sqlite3_result_null(context);
  }
  ResultText(context, HexDigest(digest, BytesOf(argv[0])));
}

void Crc32(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  std::string_view bytes = BytesOf(argv[0]);
  uLong crc = crc32(0L, Z_NULL, 0);
  crc = crc32(crc, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size()));
  sqlite3_result_int64(context, static_cast<int64_t>(crc));
}

// pp_enum_ordinal(value, labels, set): an ENUM value's label's position (from 1), or a SET
// value's members' bits; 0 for a value no label names (the empty error value). `labels` holds
// each label followed by a zero byte.
using LabelPositions = std::unordered_map<std::string, uint64_t>;

// An ENUM value's position, or the bits of a SET value's members, by `position` (a label's
// position from 1; 0 for none).
template <typename Position>
void ResultOrdinal(sqlite3_context* context, std::string_view value, bool set, const Position& position) {
  if (!set) return sqlite3_result_int64(context, static_cast<int64_t>(position(value)));
  ResultValue(context, EncodeUnsigned(SetMemberBits(value, position)));
}

// EnumOrdinal's answer read straight from the labels (when no cached map could be kept).
void EnumOrdinalSlow(sqlite3_context* context, std::string_view value, std::string_view labels, bool set) {
  auto position = [&](std::string_view wanted) -> uint64_t {
    uint64_t index = 1;
    for (size_t start = 0; start < labels.size(); ++index) {
      size_t end = labels.find('\0', start);
      if (end == std::string_view::npos) end = labels.size();
      if (labels.substr(start, end - start) == wanted) return index;
      start = end + 1;
    }
    return 0;
  };
  ResultOrdinal(context, value, set, position);
}

void EnumOrdinal(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  std::string_view value = BytesOf(argv[0]);
  bool set = sqlite3_value_int64(argv[2]) != 0;
  // The labels' positions, made once for the statement (kept while the argument stays).
  auto* positions = static_cast<LabelPositions*>(sqlite3_get_auxdata(context, 1));
  if (positions == nullptr) {
    std::string_view labels = BytesOf(argv[1]);
    auto made = std::make_unique<LabelPositions>();
    uint64_t index = 1;
    for (size_t start = 0; start < labels.size(); ++index) {
      size_t end = labels.find('\0', start);
      if (end == std::string_view::npos) end = labels.size();
      made->emplace(std::string(labels.substr(start, end - start)), index);
      start = end + 1;
    }
    sqlite3_set_auxdata(context, 1, made.release(), [](void* kept) { delete static_cast<LabelPositions*>(kept); });
    // (SQLite frees it at once when it cannot keep it: read back, else answered from the labels)
    positions = static_cast<LabelPositions*>(sqlite3_get_auxdata(context, 1));
    if (positions == nullptr) return EnumOrdinalSlow(context, value, BytesOf(argv[1]), set);
  }
  auto position = [&](std::string_view wanted) -> uint64_t {
    auto found = positions->find(std::string(wanted));
    return found == positions->end() ? 0 : found->second;
  };
  ResultOrdinal(context, value, set, position);
}

FunctionHost* HostOf(sqlite3_context* context);

// The length of the well-formed start of `bytes` in `charset` (utf8mb4, utf8mb3 or ascii).
size_t WellFormedLength(std::string_view bytes, std::string_view charset) {
  size_t i = 0;
  while (i < bytes.size()) {
    unsigned char lead = static_cast<unsigned char>(bytes[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    if (charset == "ascii") break;
    size_t length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3
                    : lead >= 0xf0 && lead <= 0xf4 && charset == "utf8mb4" ? 4 : 0;
    if (length == 0 || i + length > bytes.size()) break;
    bool good = true;
    for (size_t k = 1; k < length; ++k) good = good && (static_cast<unsigned char>(bytes[i + k]) & 0xc0) == 0x80;
    unsigned char second = static_cast<unsigned char>(bytes[i + 1]);
    // (no overlong forms, surrogates or code points past U+10FFFF)
    if (lead == 0xe0 && second < 0xa0) good = false;
    if (lead == 0xed && second >= 0xa0) good = false;
    if (lead == 0xf0 && second < 0x90) good = false;
    if (lead == 0xf4 && second >= 0x90) good = false;
    if (!good) break;
    i += length;
  }
  return i;
}

// pp_char_using(bytes, charset, strict): CHAR(... USING charset): the bytes when well formed
// in it; else 1300 "Invalid <charset> character string" naming up to three bytes from the
// first bad one, with the well-formed start (NULL in strict mode).
void CharUsing(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  std::string_view bytes = BytesOf(argv[0]);
  std::string charset(BytesOf(argv[1]));
  size_t good = WellFormedLength(bytes, charset);
  if (good < bytes.size()) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string shown;
    for (size_t k = good; k < bytes.size() && k < good + 3; ++k) {
      unsigned char byte = static_cast<unsigned char>(bytes[k]);
      shown += kHex[byte >> 4];
      shown += kHex[byte & 15];
    }
    if (FunctionHost* host = HostOf(context)) {
      host->warnings.push_back(Status::Error(ER_INVALID_CHARACTER_STRING, charset, shown));
    }
    if (sqlite3_value_int64(argv[2]) != 0) return sqlite3_result_null(context);
  }
  sqlite3_result_text64(context, bytes.data(), good, SQLITE_TRANSIENT, SQLITE_UTF8);
}

// pp_cast_length(s, n, binary): CAST(s AS CHAR(n)) keeps n characters, CAST(s AS BINARY(n))
// n bytes, zero bytes added to a shorter one. What is cut says 1292 "Truncated incorrect
// CHAR(m) value" with the whole value, m the bytes kept as MySQL prints it (BINARY: n, its
// value's unprintable bytes as \xNN).
void CastLength(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  std::string_view bytes = BytesOf(argv[0]);
  const auto limit = static_cast<size_t>(std::max<sqlite3_int64>(sqlite3_value_int64(argv[1]), 0));
  const bool binary = sqlite3_value_int64(argv[2]) != 0;
  size_t kept = limit;
  if (!binary) {
    std::vector<size_t> offsets = CharacterOffsets(bytes);
    kept = limit + 1 < offsets.size() ? offsets[limit] : bytes.size();
  }
  if (kept < bytes.size()) {
    std::string shown = binary ? types::BinaryForMessage(bytes) : std::string(bytes);
    FunctionHost* host = HostOf(context);
    std::string type = (binary ? "BINARY(" : "CHAR(") + std::to_string(kept) + ")";
    if (host != nullptr) host->warnings.push_back(Status::Error(ER_TRUNCATED_WRONG_VALUE, type, shown));
    bytes = bytes.substr(0, kept);
  }
  if (!binary) return ResultText(context, bytes);
  std::string padded(bytes);
  if (padded.size() < limit) padded.resize(limit, '\0');
  ResultBlob(context, padded);
}

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// TO_BASE64(s): base64 with '=' padding and a newline after every 76 characters, as MySQL.
void ToBase64(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  std::string_view bytes = BytesOf(argv[0]);
  std::string out;
  size_t line = 0;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    if (line == 76) {
      out.push_back('\n');
      line = 0;
    }
    uint32_t group = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (i + 1 < bytes.size()) group |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    if (i + 2 < bytes.size()) group |= static_cast<unsigned char>(bytes[i + 2]);
    out.push_back(kBase64[(group >> 18) & 63]);
    out.push_back(kBase64[(group >> 12) & 63]);
    out.push_back(i + 1 < bytes.size() ? kBase64[(group >> 6) & 63] : '=');
    out.push_back(i + 2 < bytes.size() ? kBase64[group & 63] : '=');
    line += 4;
  }
  ResultText(context, out);
}

// FROM_BASE64(s): the bytes; whitespace is skipped, anything else not base64 gives NULL.
void FromBase64(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  // MySQL's decoding: groups of four characters, white space (and 0xA0) skipped anywhere; '='
  // only as a group's last one or two characters, and a padded group ends the data. A group
  // cut short, a stray character or anything after the padding makes the value NULL (without
  // a warning, unlike MariaDB's 1958).
  auto is_space = [](unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xa0; };
  std::string out;
  uint32_t group = 0;
  int count = 0;    // characters of the current group
  int padding = 0;  // '=' in the current group
  bool ended = false;
  for (char raw : BytesOf(argv[0])) {
    auto c = static_cast<unsigned char>(raw);
    if (is_space(c)) continue;
    if (ended) return sqlite3_result_null(context);
    uint32_t digit = 0;
    if (c == '=') {
      if (count < 2) return sqlite3_result_null(context);
      ++padding;
    } else {
      const char* found = c == '\0' ? nullptr : std::char_traits<char>::find(kBase64, 64, raw);
      if (found == nullptr || padding > 0) return sqlite3_result_null(context);
      digit = static_cast<uint32_t>(found - kBase64);
    }
    group = (group << 6) | digit;
    if (++count < 4) continue;
    for (int shift = 16, bytes = 3 - padding; bytes > 0; shift -= 8, --bytes) {
      out.push_back(static_cast<char>((group >> shift) & 0xff));
    }
    ended = padding > 0;
    group = 0;
    count = 0;
  }
  if (count != 0) return sqlite3_result_null(context);
  ResultBlob(context, out);
}

// UUID(): a version 1 UUID (time in 100 ns since 1582-10-15, a random clock sequence and node,
// as MySQL makes them when it has no MAC address to use).
void Uuid(sqlite3_context* context, int, sqlite3_value**) {
  constexpr uint64_t kGregorianOffset = 0x01B21DD213814000ULL;  // 1582-10-15 to 1970-01-01
  auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  uint64_t ticks =
      static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count() / 100) +
      kGregorianOffset;
  unsigned char random[8] = {};
  if (RAND_bytes(random, sizeof random) != 1) return sqlite3_result_null(context);
  char text[37];
  std::snprintf(text, sizeof text, "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                static_cast<unsigned>(ticks & 0xffffffffu), static_cast<unsigned>((ticks >> 32) & 0xffff),
                static_cast<unsigned>(((ticks >> 48) & 0x0fff) | 0x1000), (random[0] & 0x3f) | 0x80,
                random[1], random[2] | 0x01, random[3], random[4], random[5], random[6], random[7]);
  ResultText(context, text);
}

// INET_ATON('a.b.c.d'): the address as a number, read as MySQL reads it: each part at most
// 255, a part may be empty ('.5' is 5), short forms leave out zero bytes before the last part
// (127.1 is 127.0.0.1); NULL with 1411 for any other character, a fifth part, text ending in
// a dot and the empty string.
void InetAton(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  std::string_view text = BytesOf(argv[0]);
  auto invalid = [&] {
    if (FunctionHost* host = HostOf(context)) {
      host->warnings.push_back(
          Status::Error(ER_WRONG_VALUE_FOR_TYPE, "string", "'" + std::string(text) + "'", "inet_aton"));
    }
    sqlite3_result_null(context);
  };
  if (text.empty() || text.back() == '.') return invalid();
  uint64_t result = 0;
  uint64_t part = 0;
  int dots = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      part = part * 10 + static_cast<uint64_t>(c - '0');
      if (part > 255) return invalid();
    } else if (c == '.' && dots < 3) {
      result = (result << 8) + part;
      part = 0;
      ++dots;
    } else {
      return invalid();
    }
  }
  if (dots == 1 || dots == 2) result <<= 8 * (3 - dots);
  sqlite3_result_int64(context, static_cast<int64_t>((result << 8) + part));
}

// INET6_ATON(text): the 4 bytes of an IPv4 address or the 16 of an IPv6 one (as inet_pton
// reads them: no short forms); NULL for anything else.
void Inet6Aton(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  std::string text(BytesOf(argv[0]));
  if (text.size() > 64) return sqlite3_result_null(context);
  unsigned char bytes[16];
  if (inet_pton(AF_INET, text.c_str(), bytes) == 1) {
    return ResultBlob(context, std::string_view(reinterpret_cast<char*>(bytes), 4));
  }
  // An IPv6 scope ("%eth0") is not an address here, as in MySQL.
  if (text.find('%') == std::string::npos && inet_pton(AF_INET6, text.c_str(), bytes) == 1) {
    return ResultBlob(context, std::string_view(reinterpret_cast<char*>(bytes), 16));
  }
  sqlite3_result_null(context);
}

// INET6_NTOA(bytes): the text of a 4- or 16-byte address; NULL for another length.
void Inet6Ntoa(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) != SQLITE_BLOB) return sqlite3_result_null(context);
  std::string_view bytes = BytesOf(argv[0]);
  char text[INET6_ADDRSTRLEN];
  int family = bytes.size() == 4 ? AF_INET : bytes.size() == 16 ? AF_INET6 : 0;
  if (family == 0 || inet_ntop(family, bytes.data(), text, sizeof text) == nullptr) {
    return sqlite3_result_null(context);
  }
  ResultText(context, text);
}

// pp_ip_is(kind, value): IS_IPV4 (0) and IS_IPV6 (1) of text; IS_IPV4_COMPAT (2) and
// IS_IPV4_MAPPED (3) of INET6_ATON's 16 bytes.
void IpIs(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[1]) == SQLITE_NULL) return sqlite3_result_int(context, 0);
  int64_t kind = sqlite3_value_int64(argv[0]);
  std::string_view value = BytesOf(argv[1]);
  unsigned char bytes[16];
  if (kind <= 1) {
    std::string text(value.substr(0, 64));
    bool ok = text.size() == value.size() && text.find('%') == std::string::npos &&
              inet_pton(kind == 0 ? AF_INET : AF_INET6, text.c_str(), bytes) == 1;
    return sqlite3_result_int(context, ok ? 1 : 0);
  }
  if (sqlite3_value_type(argv[1]) != SQLITE_BLOB || value.size() != 16) {
    return sqlite3_result_int(context, 0);
  }
  auto zero = [&](size_t from, size_t to) {
    return std::all_of(value.begin() + static_cast<std::ptrdiff_t>(from),
                       value.begin() + static_cast<std::ptrdiff_t>(to), [](char c) { return c == 0; });
  };
  bool result = kind == 2 ? zero(0, 12) && !zero(12, 16)
                          : zero(0, 10) && value[10] == '\xff' && value[11] == '\xff';
  sqlite3_result_int(context, result ? 1 : 0);
}

// The 16 bytes of a UUID's text (with or without dashes, or in braces); false when it is not
// one, as IS_UUID reads it.
bool UuidBytes(std::string_view text, std::string* out) {
  if (text.size() == 38 && text.front() == '{' && text.back() == '}') text = text.substr(1, 36);
  if (text.size() == 36) {
    for (size_t dash : {8, 13, 18, 23}) {
      if (text[dash] != '-') return false;
    }
  } else if (text.size() != 32) {
    return false;
  }
  out->clear();
  int high = -1;
  for (char c : text) {
    if (c == '-' && text.size() == 36) continue;
    int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (digit < 0) return false;
    if (high < 0) {
      high = digit;
    } else {
      out->push_back(static_cast<char>(high * 16 + digit));
      high = -1;
    }
  }
  return out->size() == 16;
}

// pp_uuid_to_bin(text, swap): the 16 bytes (time fields first with swap); 1411 for text that
// is no UUID.
void UuidToBin(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  std::string bytes;
  if (!UuidBytes(BytesOf(argv[0]), &bytes)) {
    return RaiseError(context, Status::Error(ER_WRONG_VALUE_FOR_TYPE, "string",
                                             std::string(BytesOf(argv[0])), "uuid_to_bin"));
  }
  if (sqlite3_value_int64(argv[1]) != 0) {
    // time-high and version, time-mid, time-low: the order that sorts by time.
    bytes = bytes.substr(6, 2) + bytes.substr(4, 2) + bytes.substr(0, 4) + bytes.substr(8);
  }
  ResultBlob(context, bytes);
}

// pp_bin_to_uuid(bytes, swap): the text of 16 bytes; 1411 for another length.
void BinToUuid(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  std::string bytes(BytesOf(argv[0]));
  if (bytes.size() != 16) {
    std::string shown;
    static constexpr char kHex[] = "0123456789abcdef";
    for (unsigned char c : bytes) shown += {kHex[c >> 4], kHex[c & 15]};
    return RaiseError(context, Status::Error(ER_WRONG_VALUE_FOR_TYPE, "string", shown, "bin_to_uuid"));
  }
  if (sqlite3_value_int64(argv[1]) != 0) {
    bytes = bytes.substr(4, 4) + bytes.substr(2, 2) + bytes.substr(0, 2) + bytes.substr(8);
  }
  char text[37];
  const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
  std::snprintf(text, sizeof text,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  ResultText(context, text);
}

// pp_is_uuid(text): 1 for a UUID's text, 0 otherwise, NULL for NULL.
void IsUuid(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  std::string bytes;
  sqlite3_result_int(context, UuidBytes(BytesOf(argv[0]), &bytes) ? 1 : 0);
}

// pp_compress(s): MySQL's COMPRESS: the length as 4 little-endian bytes (its top two bits
// clear), then zlib's stream; '' stays ''; a '.' follows a stream ending in a space.
void Compress(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  std::string_view input = BytesOf(argv[0]);
  if (input.empty()) return ResultBlob(context, "");
  uLongf size = compressBound(static_cast<uLong>(input.size()));
  std::string out(4 + size + 1, '\0');
  if (compress(reinterpret_cast<Bytef*>(out.data() + 4), &size,
               reinterpret_cast<const Bytef*>(input.data()), static_cast<uLong>(input.size())) != Z_OK) {
    return sqlite3_result_null(context);
  }
  uint32_t length = static_cast<uint32_t>(input.size()) & 0x3FFFFFFF;
  for (int i = 0; i < 4; ++i) out[static_cast<size_t>(i)] = static_cast<char>((length >> (8 * i)) & 0xff);
  out.resize(4 + size);
  if (out.back() == ' ') out.push_back('.');
  ResultBlob(context, out);
}

uint32_t StoredLength(std::string_view bytes) {
  uint32_t length = 0;
  for (int i = 3; i >= 0; --i) length = (length << 8) | static_cast<unsigned char>(bytes[static_cast<size_t>(i)]);
  return length & 0x3FFFFFFF;
}

// pp_uncompressed_length(s): the length COMPRESS stored (0 for '').
void UncompressedLength(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  std::string_view bytes = BytesOf(argv[0]);
  if (!bytes.empty() && bytes.size() <= 4) {
    // (too short to be COMPRESS's: 0, and 1259 as MySQL says it without reading further)
    if (FunctionHost* host = HostOf(context)) host->warnings.push_back(Status::Error(ER_ZLIB_Z_DATA_ERROR));
    return sqlite3_result_int64(context, 0);
  }
  sqlite3_result_int64(context, bytes.empty() ? 0 : StoredLength(bytes));
}

// pp_uncompress(s, max_bytes): COMPRESS undone; NULL with 1259 for data zlib refuses, with
// 1256 for a length past max_allowed_packet.
void Uncompress(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  std::string_view bytes = BytesOf(argv[0]);
  if (bytes.empty()) return ResultBlob(context, "");
  auto* host = static_cast<FunctionHost*>(sqlite3_user_data(context));
  if (bytes.size() <= 4) {
    host->warnings.push_back(Status::Error(ER_ZLIB_Z_DATA_ERROR));
    return sqlite3_result_null(context);
  }
  uint32_t length = StoredLength(bytes);
  int64_t max_bytes = sqlite3_value_int64(argv[1]);
  if (static_cast<int64_t>(length) > max_bytes) {
    host->warnings.push_back(Status::Error(ER_TOO_BIG_FOR_UNCOMPRESS, max_bytes));
    return sqlite3_result_null(context);
  }
  std::string out(length, '\0');
  uLongf size = length;
  int rc = uncompress(reinterpret_cast<Bytef*>(out.data()), &size,
                      reinterpret_cast<const Bytef*>(bytes.data() + 4), static_cast<uLong>(bytes.size() - 4));
  if (rc != Z_OK) {
    host->warnings.push_back(Status::Error(ER_ZLIB_Z_DATA_ERROR));
    return sqlite3_result_null(context);
  }
  out.resize(size);
  ResultBlob(context, out);
}

// pp_aes(decrypt, mode, data, key[, iv]): AES_ENCRYPT / AES_DECRYPT in block_encryption_mode
// ("aes-128-ecb", "aes-256-cbc", ...): the key folded by XOR into the key size, PKCS#7
// padding; NULL for what does not decrypt.
void Aes(sqlite3_context* context, int argc, sqlite3_value** argv) {
  bool decrypt = sqlite3_value_int64(argv[0]) != 0;
  std::string mode(BytesOf(argv[1]));
  int bits = mode.compare(0, 8, "aes-192-") == 0 ? 192 : mode.compare(0, 8, "aes-256-") == 0 ? 256 : 128;
  // A key longer than the mode's is folded into it, with MySQL's warning (also when the data
  // is NULL: MySQL reads the key first).
  if (sqlite3_value_type(argv[3]) != SQLITE_NULL && BytesOf(argv[3]).size() > static_cast<size_t>(bits / 8)) {
    if (FunctionHost* host = HostOf(context)) {
      host->warnings.push_back(Status::Error(ER_AES_INVALID_KEY_SIZE, bits / 8));
    }
  }
  if (sqlite3_value_type(argv[2]) == SQLITE_NULL || sqlite3_value_type(argv[3]) == SQLITE_NULL) {
    return sqlite3_result_null(context);
  }
  bool cbc = mode.size() >= 3 && mode.compare(mode.size() - 3, 3, "cbc") == 0;
  const EVP_CIPHER* cipher = cbc ? (bits == 128 ? EVP_aes_128_cbc() : bits == 192 ? EVP_aes_192_cbc() : EVP_aes_256_cbc())
                                 : (bits == 128 ? EVP_aes_128_ecb() : bits == 192 ? EVP_aes_192_ecb() : EVP_aes_256_ecb());
  std::string_view key = BytesOf(argv[3]);
  unsigned char folded[32] = {};
  size_t key_bytes = static_cast<size_t>(bits / 8);
  for (size_t i = 0; i < key.size(); ++i) folded[i % key_bytes] ^= static_cast<unsigned char>(key[i]);
  unsigned char iv[16] = {};
  if (cbc) {
    std::string_view given = argc > 4 && sqlite3_value_type(argv[4]) != SQLITE_NULL ? BytesOf(argv[4]) : "";
    if (given.size() < 16) {
      return RaiseError(context, Status::Error(ER_AES_INVALID_IV, decrypt ? "aes_decrypt" : "aes_encrypt", 16));
    }
    std::memcpy(iv, given.data(), 16);
  }
  std::string_view data = BytesOf(argv[2]);
  std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  if (!ctx || EVP_CipherInit_ex(ctx.get(), cipher, nullptr, folded, cbc ? iv : nullptr, decrypt ? 0 : 1) != 1) {
    return sqlite3_result_null(context);
  }
  std::string out(data.size() + 32, '\0');
  int written = 0, last = 0;
  if (EVP_CipherUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &written,
                       reinterpret_cast<const unsigned char*>(data.data()), static_cast<int>(data.size())) != 1 ||
      EVP_CipherFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + written, &last) != 1) {
    return sqlite3_result_null(context);
  }
  out.resize(static_cast<size_t>(written + last));
  ResultBlob(context, out);
}

// pp_uuid_short(server_id): MySQL's UUID_SHORT(): (server_id & 255) << 56, plus the
// seconds since the epoch << 24 when the server first made one, plus one for each value made
// since: unique within a server's run, increasing.
void UuidShort(sqlite3_context* context, int, sqlite3_value** argv) {
  static std::atomic<uint64_t> next{0};
  static std::once_flag started;
  uint64_t server_id = static_cast<uint64_t>(sqlite3_value_int64(argv[0])) & 255;
  std::call_once(started, [&] {
    next = (server_id << 56) + (static_cast<uint64_t>(std::time(nullptr)) << 24);
  });
  ResultValue(context, EncodeUnsigned(next.fetch_add(1)));
}

// pp_random_bytes(n): n random bytes from OpenSSL, 1 <= n <= 1024 (3683 otherwise).
void RandomBytes(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  int64_t count = sqlite3_value_int64(argv[0]);
  if (count < 1 || count > 1024) {
    return RaiseError(context, Status::Error(ER_DATA_OUT_OF_RANGE, "length", "random_bytes"));
  }
  std::string bytes(static_cast<size_t>(count), '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) != 1) {
    return sqlite3_result_null(context);
  }
  ResultBlob(context, bytes);
}

// INET_NTOA(n): the dotted address of an IPv4 number; NULL outside 0 .. 2^32-1.
void InetNtoa(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  double number = sqlite3_value_double(argv[0]);
  if (number < 0 || number > 4294967295.0) return sqlite3_result_null(context);
  auto value = static_cast<uint64_t>(sqlite3_value_int64(argv[0]));
  char text[16];
  std::snprintf(text, sizeof text, "%u.%u.%u.%u", static_cast<unsigned>((value >> 24) & 255),
                static_cast<unsigned>((value >> 16) & 255), static_cast<unsigned>((value >> 8) & 255),
                static_cast<unsigned>(value & 255));
  ResultText(context, text);
}

FunctionHost* HostOf(sqlite3_context* context) {
  return static_cast<FunctionHost*>(sqlite3_user_data(context));
}

// mysql_user_var(name): the user variable's value now (NULL when it has none).
void UserVariable(sqlite3_context* context, int, sqlite3_value** argv) {
  FunctionHost* host = HostOf(context);
  if (host == nullptr || host->user_variables == nullptr) return sqlite3_result_null(context);
  auto found = host->user_variables->find(std::string(BytesOf(argv[0])));
  if (found == host->user_variables->end()) return sqlite3_result_null(context);
  ResultValue(context, found->second);
}

// pp_param(i): the running prepared statement's parameter i.
void StatementParameter(sqlite3_context* context, int, sqlite3_value** argv) {
  FunctionHost* host = HostOf(context);
  int64_t index = sqlite3_value_int64(argv[0]);
  if (host == nullptr || index < 0 || static_cast<size_t>(index) >= host->statement_parameters.size()) {
    return sqlite3_result_null(context);
  }
  ResultValue(context, host->statement_parameters[static_cast<size_t>(index)]);
}

// mysql_set_user_var(name, value): @name := value, giving the value.
void SetUserVariable(sqlite3_context* context, int, sqlite3_value** argv) {
  FunctionHost* host = HostOf(context);
  Value value = ValueFrom(argv[1]);
  if (host != nullptr && host->user_variables != nullptr) {
    (*host->user_variables)[std::string(BytesOf(argv[0]))] = value;
  }
  ResultValue(context, value);
}

// mysql_set_last_insert_id(n): LAST_INSERT_ID(n), which LAST_INSERT_ID() gives afterwards.
void SetLastInsertId(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  uint64_t value = 0;
  if (!DecodeUnsigned(ValueFrom(argv[0]), &value)) value = static_cast<uint64_t>(sqlite3_value_int64(argv[0]));
  FunctionHost* host = HostOf(context);
  if (host != nullptr) host->last_insert_id = value;
  ResultValue(context, EncodeUnsigned(value));
}

// mysql_last_insert_id(before): what LAST_INSERT_ID(x) set earlier in the statement, else
// `before` (the session's value when the statement began).
void LastInsertIdNow(sqlite3_context* context, int, sqlite3_value** argv) {
  FunctionHost* host = HostOf(context);
  if (host != nullptr && host->last_insert_id) return ResultValue(context, EncodeUnsigned(*host->last_insert_id));
  sqlite3_result_value(context, argv[0]);
}

// FORMAT(x, d[, locale]): x rounded half away from zero to d decimals (0..30), written as the
// locale writes numbers (types/locale.h: en_US's ',' groups of three and '.', de_DE's '.'
// and ',', en_IN's groups of three then two, ...). The number arrives as its MySQL text, so
// a DECIMAL rounds exactly.
void FormatNumber(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
    return sqlite3_result_null(context);
  }
  std::string text;
  if (sqlite3_value_type(argv[0]) == SQLITE_FLOAT) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.17g", sqlite3_value_double(argv[0]));
    text = buffer;
    if (text.find_first_of("eE") != std::string::npos || text.find("inf") != std::string::npos ||
        text.find("nan") != std::string::npos) {
      std::snprintf(buffer, sizeof buffer, "%.15f", sqlite3_value_double(argv[0]));
      text = buffer;
    }
  } else {
    text = std::string(BytesOf(argv[0]));
  }
  int64_t decimals = std::clamp<int64_t>(sqlite3_value_int64(argv[1]), 0, 30);
  // (a locale MySQL does not know, NULL among them, is en_US, with 1649; a constant one was
  // checked once when the statement was bound)
  const types::Locale* locale = &types::DefaultLocale();
  if (argc > 2) {
    bool null = sqlite3_value_type(argv[2]) == SQLITE_NULL;
    const types::Locale* named = null ? nullptr : types::FindLocale(BytesOf(argv[2]));
    if (named != nullptr) {
      locale = named;
    } else if (FunctionHost* host = HostOf(context)) {
      host->warnings.push_back(Status::Error(ER_UNKNOWN_LOCALE, null ? "NULL" : std::string(BytesOf(argv[2]))));
    }
  }
  bool negative = !text.empty() && text[0] == '-';
  if (negative || (!text.empty() && text[0] == '+')) text.erase(0, 1);
  size_t digits_end = 0;
  while (digits_end < text.size() && ((text[digits_end] >= '0' && text[digits_end] <= '9') || text[digits_end] == '.')) {
    ++digits_end;
  }
  text.resize(digits_end);
  size_t point = text.find('.');
  std::string integer = point == std::string::npos ? text : text.substr(0, point);
  std::string fraction = point == std::string::npos ? "" : text.substr(point + 1);
  if (integer.empty()) integer = "0";
  // Round half away from zero at `decimals` digits.
  bool carry = fraction.size() > static_cast<size_t>(decimals) && fraction[static_cast<size_t>(decimals)] >= '5';
  fraction.resize(static_cast<size_t>(decimals), '0');
  std::string all = integer + fraction;
  for (size_t i = all.size(); carry && i-- > 0;) {
    if (all[i] == '9') {
      all[i] = '0';
    } else {
      ++all[i];
      carry = false;
    }
  }
  if (carry) all.insert(all.begin(), '1');
  integer = all.substr(0, all.size() - fraction.size());
  fraction = all.substr(all.size() - fraction.size());
  std::string plain = integer;
  if (decimals > 0) plain += "." + fraction;
  bool zero = plain.find_first_not_of("0.") == std::string::npos;
  ResultText(context, types::FormatNumberText(negative && !zero ? "-" + plain : plain, *locale));
}

// CONV(n, from, to): n read in base |from| (2..36, up to its first digit that is not one),
// written in base |to|; a negative `to` writes a signed value, otherwise a negative n is its
// 64-bit two's complement. NULL for a base out of range, and for the empty string.
void Conv(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv) || sqlite3_value_bytes(argv[0]) == 0) return sqlite3_result_null(context);
  int64_t from = sqlite3_value_int64(argv[1]);
  int64_t to = sqlite3_value_int64(argv[2]);
  uint64_t from_base = static_cast<uint64_t>(from < 0 ? -from : from);
  uint64_t to_base = static_cast<uint64_t>(to < 0 ? -to : to);
  if (from_base < 2 || from_base > 36 || to_base < 2 || to_base > 36) return sqlite3_result_null(context);
  std::string_view text = BytesOf(argv[0]);
  size_t at = 0;
  while (at < text.size() && text[at] == ' ') ++at;
  bool negative = at < text.size() && text[at] == '-';
  if (negative) ++at;
  uint64_t value = 0;
  size_t digits = 0;
  bool overflow = false;
  for (; at < text.size(); ++at, ++digits) {
    char c = text[at];
    uint64_t digit = c >= '0' && c <= '9'   ? static_cast<uint64_t>(c - '0')
                     : c >= 'a' && c <= 'z' ? static_cast<uint64_t>(c - 'a' + 10)
                     : c >= 'A' && c <= 'Z' ? static_cast<uint64_t>(c - 'A' + 10)
                                            : 99;
    if (digit >= from_base) break;
    if (value > (UINT64_MAX - digit) / from_base) overflow = true;
    if (!overflow) value = value * from_base + digit;
  }
  // Past 64 bits the value saturates: all ones read unsigned, and for a negative `from`
  // (read signed) the largest or smallest BIGINT, as MySQL's strntoull/strntoll answer.
  if (from < 0) {
    uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
    if (overflow || value > limit) value = limit;
  } else if (overflow) {
    value = UINT64_MAX;
    negative = false;
  }
  if (digits == 0) {  // (no digit of the base at all: 0, with 1292, as MySQL reads it)
    if (FunctionHost* host = HostOf(context)) {
      host->warnings.push_back(Status::Error(ER_TRUNCATED_WRONG_VALUE, "DECIMAL", std::string(text)));
    }
  }
  bool minus = false;
  if (negative) {
    if (to < 0) {
      minus = true;
    } else {
      value = ~value + 1;
    }
  } else if (to < 0 && static_cast<int64_t>(value) < 0) {
    minus = true;
    value = ~value + 1;
  }
  std::string out;
  do {
    uint64_t digit = value % to_base;
    out.push_back(static_cast<char>(digit < 10 ? '0' + digit : 'A' + digit - 10));
    value /= to_base;
  } while (value != 0);
  if (minus) out.push_back('-');
  std::reverse(out.begin(), out.end());
  ResultText(context, out);
}

const types::Collation* CollationArgument(sqlite3_value* value);

// FIELD(x, s1, s2, ...): the position of x among the rest, 0 when absent or NULL. Argument 0
// says how they compare: a collation's id (strings), or 0 (as numbers).
void Field(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (argc < 3 || sqlite3_value_type(argv[1]) == SQLITE_NULL) return sqlite3_result_int64(context, 0);
  const types::Collation* collation = CollationArgument(argv[0]);
  bool as_text = sqlite3_value_int64(argv[0]) != 0;
  for (int i = 2; i < argc; ++i) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) continue;
    bool equal = as_text ? (collation != nullptr ? collation->Compare(BytesOf(argv[1]), BytesOf(argv[i])) == 0
                                                 : BytesOf(argv[1]) == BytesOf(argv[i]))
                         : sqlite3_value_double(argv[1]) == sqlite3_value_double(argv[i]);
    if (equal) return sqlite3_result_int64(context, i - 1);
  }
  sqlite3_result_int64(context, 0);
}

// SOUNDEX(s): its first letter, then the codes of the consonants that follow, a code equal to
// the previous consonant's left out (vowels between them do not count), at least four
// characters.
void Soundex(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  static constexpr char kCodes[] = "01230120022455012623010202";  // A..Z
  std::string out;
  char last = 0;
  std::string_view text = BytesOf(argv[0]);
  for (size_t at = 0; at < text.size(); ++at) {
    char c = text[at];
    auto lead = static_cast<unsigned char>(c);
    if (lead >= 0x80) {
      // A character past ASCII: the first letter as it is when it comes first, else
      // passed over as a vowel is (MySQL's rule).
      size_t length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
      length = std::min(length, text.size() - at);
      if (out.empty()) out.append(text.substr(at, length));
      at += length - 1;
      continue;
    }
    char upper = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    if (upper < 'A' || upper > 'Z') continue;
    char code = kCodes[upper - 'A'];
    if (out.empty()) {
      out.push_back(upper);
    } else if (code != last && code != '0') {
      out.push_back(code);
    }
    if (code != '0') last = code;
  }
  if (!out.empty()) {
    // (four characters: a first one past ASCII counts as one)
    size_t characters = 0;
    for (char c : out) characters += (static_cast<unsigned char>(c) & 0xc0) != 0x80 ? 1 : 0;
    for (; characters < 4; ++characters) out.push_back('0');
  }
  ResultText(context, out);
}

// MAKE_SET(bits, s1, s2, ...): the strings whose bit is set (NULLs left out), comma-joined.
void MakeSet(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  auto bits = static_cast<uint64_t>(sqlite3_value_int64(argv[0]));
  std::string out;
  bool first = true;
  for (int i = 1; i < argc && i <= 64; ++i) {
    if (((bits >> (i - 1)) & 1) == 0 || sqlite3_value_type(argv[i]) == SQLITE_NULL) continue;
    if (!first) out.push_back(',');
    out += BytesOf(argv[i]);
    first = false;
  }
  ResultText(context, out);
}

// EXPORT_SET(bits, on, off[, separator[, count]]): on or off for each of the first `count`
// bits (64 at most and by default), lowest first.
void ExportSet(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv)) return sqlite3_result_null(context);
  auto bits = static_cast<uint64_t>(sqlite3_value_int64(argv[0]));
  std::string separator = argc > 3 ? std::string(BytesOf(argv[3])) : ",";
  int64_t count = argc > 4 ? sqlite3_value_int64(argv[4]) : 64;
  if (count < 0 || count > 64) count = 64;
  std::string out;
  for (int64_t i = 0; i < count; ++i) {
    if (i > 0) out += separator;
    out += ((bits >> i) & 1) != 0 ? BytesOf(argv[1]) : BytesOf(argv[2]);
  }
  ResultText(context, out);
}

// ---- GROUP_CONCAT ---------------------------------------------------------------------

// pp_group_concat(value, separator, max_bytes, distinct, collation, key, descending, key
// collation, ...): the group's non-NULL values, without repeats under `collation` when
// `distinct`, ordered by the keys, joined by the separator, cut to max_bytes (1260).
struct GroupConcat {
  struct Entry {
    std::string value;
    std::vector<Value> keys;
  };
  std::vector<Entry> entries;
  std::string separator;
  uint64_t max_bytes = 1024;
  bool distinct = false;
  const types::Collation* collation = nullptr;
  std::vector<bool> descending;
  std::vector<const types::Collation*> key_collations;
};

GroupConcat* ConcatState(sqlite3_context* context, bool create) {
  return AggregateState<GroupConcat>(context, create);
}

const types::Collation* CollationArgument(sqlite3_value* value) {
  auto id = static_cast<uint16_t>(sqlite3_value_int64(value));
  return id == 0 ? nullptr : types::FindCollationById(id);
}

void GroupConcatStep(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (argc < 5 || sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  GroupConcat* state = ConcatState(context, true);
  if (state == nullptr) return sqlite3_result_error_nomem(context);
  if (state->entries.empty() && state->descending.empty()) {
    state->separator = std::string(BytesOf(argv[1]));
    state->max_bytes = static_cast<uint64_t>(sqlite3_value_int64(argv[2]));
    state->distinct = sqlite3_value_int64(argv[3]) != 0;
    state->collation = CollationArgument(argv[4]);
    for (int i = 5; i + 2 < argc; i += 3) {
      state->descending.push_back(sqlite3_value_int64(argv[i + 1]) != 0);
      state->key_collations.push_back(CollationArgument(argv[i + 2]));
    }
  }
  GroupConcat::Entry entry;
  entry.value = std::string(BytesOf(argv[0]));
  for (int i = 5; i + 2 < argc; i += 3) entry.keys.push_back(ValueFrom(argv[i]));
  state->entries.push_back(std::move(entry));
}

int CompareKeys(const Value& a, const Value& b, const types::Collation* collation) {
  if (a.is_null() || b.is_null()) return a.is_null() == b.is_null() ? 0 : (a.is_null() ? -1 : 1);
  bool a_number = a.kind == Value::Kind::kInteger || a.kind == Value::Kind::kDouble;
  bool b_number = b.kind == Value::Kind::kInteger || b.kind == Value::Kind::kDouble;
  if (a_number && b_number) {
    if (a.kind == Value::Kind::kInteger && b.kind == Value::Kind::kInteger) {
      return a.integer < b.integer ? -1 : a.integer > b.integer ? 1 : 0;
    }
    double x = a.kind == Value::Kind::kInteger ? static_cast<double>(a.integer) : a.real;
    double y = b.kind == Value::Kind::kInteger ? static_cast<double>(b.integer) : b.real;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (collation != nullptr) return collation->Compare(a.bytes, b.bytes);
  return a.bytes.compare(b.bytes) < 0 ? -1 : a.bytes == b.bytes ? 0 : 1;
}

void GroupConcatFinal(sqlite3_context* context) {
  std::unique_ptr<GroupConcat> state(ConcatState(context, false));
  if (!state || state->entries.empty()) return sqlite3_result_null(context);
  std::vector<GroupConcat::Entry>& entries = state->entries;
  if (state->distinct) {
    std::vector<GroupConcat::Entry> kept;
    for (GroupConcat::Entry& entry : entries) {
      bool seen = false;
      for (const GroupConcat::Entry& other : kept) {
        seen = state->collation != nullptr ? state->collation->Compare(entry.value, other.value) == 0
                                           : entry.value == other.value;
        if (seen) break;
      }
      if (!seen) kept.push_back(std::move(entry));
    }
    entries = std::move(kept);
    if (state->descending.empty()) {
      // Without ORDER BY, DISTINCT gives the values in order (MySQL keeps them in a tree).
      std::stable_sort(entries.begin(), entries.end(),
                       [&](const GroupConcat::Entry& a, const GroupConcat::Entry& b) {
                         return state->collation != nullptr
                                    ? state->collation->Compare(a.value, b.value) < 0
                                    : a.value < b.value;
                       });
    }
  }
  if (!state->descending.empty()) {
    std::stable_sort(entries.begin(), entries.end(),
                     [&](const GroupConcat::Entry& a, const GroupConcat::Entry& b) {
                       for (size_t k = 0; k < state->descending.size(); ++k) {
                         int order = CompareKeys(a.keys[k], b.keys[k], state->key_collations[k]);
                         if (order != 0) return state->descending[k] ? order > 0 : order < 0;
                       }
                       return false;
                     });
  }
  std::string out;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) out += state->separator;
    out += entries[i].value;
  }
  FunctionHost* host = HostOf(context);
  uint32_t row = host != nullptr ? ++host->group_concat_rows : 1;
  if (out.size() > state->max_bytes) {
    size_t cut = static_cast<size_t>(state->max_bytes);
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xc0) == 0x80) --cut;  // whole characters
    out.resize(cut);
    if (host != nullptr) host->warnings.push_back(Status::Error(ER_CUT_VALUE_GROUP_CONCAT, row));
  }
  ResultText(context, out);
}

// ---- COUNT(DISTINCT a, b, ...) -----------------------------------------------------------

// pp_count_distinct(collation, a, collation, b, ...): the rows whose values are all non-NULL
// and differ from every earlier row's, strings compared under their collation, numbers by
// value.
struct DistinctRows {
  std::set<std::string> keys;
};

void CountDistinctStep(sqlite3_context* context, int argc, sqlite3_value** argv) {
  std::string key;
  for (int i = 0; i + 1 < argc; i += 2) {
    sqlite3_value* value = argv[i + 1];
    std::string field;
    switch (sqlite3_value_type(value)) {
      case SQLITE_NULL: return;
      case SQLITE_INTEGER: field = "i" + std::to_string(sqlite3_value_int64(value)); break;
      case SQLITE_FLOAT: {
        double number = sqlite3_value_double(value);
        char text[32];
        std::snprintf(text, sizeof text, "%.17g", number);
        field = number == static_cast<double>(static_cast<int64_t>(number)) && std::abs(number) < 9e18
                    ? "i" + std::to_string(static_cast<int64_t>(number))
                    : std::string("d") + text;
        break;
      }
      default: {
        const types::Collation* collation = CollationArgument(argv[i]);
        std::string_view bytes = BytesOf(value);
        field = "s" + (collation != nullptr ? collation->SortKey(bytes) : std::string(bytes));
        break;
      }
    }
    key += std::to_string(field.size()) + ":" + field;
  }
  DistinctRows* state = AggregateState<DistinctRows>(context, true);
  if (state == nullptr) return sqlite3_result_error_nomem(context);
  state->keys.insert(std::move(key));
}

void CountDistinctFinal(sqlite3_context* context) {
  std::unique_ptr<DistinctRows> state(AggregateState<DistinctRows>(context, false));
  sqlite3_result_int64(context, state ? static_cast<int64_t>(state->keys.size()) : 0);
}

}  // namespace

namespace {

// pp_weight_string(collation, count, value): WEIGHT_STRING of value under the collation
// numbered `collation`, `count` weights when it is not -1 (AS CHAR(n) / AS BINARY(n)).
void WeightStringOf(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[2]) == SQLITE_NULL) return sqlite3_result_null(context);
  const types::Collation* collation =
      types::FindCollationById(static_cast<uint16_t>(sqlite3_value_int64(argv[0])));
  if (collation == nullptr) collation = &types::BinaryCollation();
  int64_t count = sqlite3_value_int64(argv[1]);
  std::optional<uint32_t> characters;
  if (count >= 0) characters = static_cast<uint32_t>(std::min<int64_t>(count, UINT32_MAX));
  ResultBlob(context, types::WeightString(*collation, BytesOf(argv[2]), characters));
}

// A user variable's value as the XPath of EXTRACTVALUE and UPDATEXML reads it ($@name).
xml::Value XPathVariable(FunctionHost* host, std::string_view name) {
  xml::Value out;
  if (host == nullptr || host->user_variables == nullptr) return out;
  auto found = host->user_variables->find(ToLowerAscii(name));
  if (found == host->user_variables->end()) return out;
  const Value& value = found->second;
  switch (value.kind) {
    case Value::Kind::kInteger:
      out.kind = xml::Value::Kind::kInteger;
      out.integer = value.integer;
      break;
    case Value::Kind::kDouble:
      out.kind = xml::Value::Kind::kReal;
      out.real = value.real;
      break;
    case Value::Kind::kText:
    case Value::Kind::kBlob:
      out.kind = xml::Value::Kind::kString;
      out.text = value.bytes;
      break;
    case Value::Kind::kNull: break;
  }
  return out;
}

void XmlFunctionWith(sqlite3_context* context, int argc, sqlite3_value** argv,
                     const xml::XPath& path) {
  bool update = argc == 4;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL ||
      (update && sqlite3_value_type(argv[2]) == SQLITE_NULL)) {
    return sqlite3_result_null(context);
  }
  auto* host = static_cast<FunctionHost*>(sqlite3_user_data(context));
  xml::Environment env;
  env.collation = types::FindCollationById(static_cast<uint16_t>(sqlite3_value_int64(argv[argc - 1])));
  env.warn = [host](Status warning) {
    if (host != nullptr) host->warnings.push_back(std::move(warning));
  };
  env.user_variable = [host](std::string_view name) { return XPathVariable(host, name); };
  Result<std::optional<std::string>> result =
      update ? path.Update(BytesOf(argv[0]), BytesOf(argv[2]), env) : path.Extract(BytesOf(argv[0]), env);
  if (!result.ok()) return RaiseError(context, result.status());
  if (!result.value().has_value()) return sqlite3_result_null(context);
  ResultText(context, *result.value());
}

// pp_extractvalue(xml, xpath, collation) and pp_updatexml(xml, xpath, replacement, collation):
// the XPath compiled once per statement (kept as the call's auxiliary data while the argument
// stays the same), evaluated over each value.
void XmlFunction(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[1]) == SQLITE_NULL) return sqlite3_result_null(context);
  if (auto* kept = static_cast<xml::XPath*>(sqlite3_get_auxdata(context, 1))) {
    return XmlFunctionWith(context, argc, argv, *kept);
  }
  Result<xml::XPath> made = xml::XPath::Compile(BytesOf(argv[1]));
  if (!made.ok()) return RaiseError(context, made.status());
  XmlFunctionWith(context, argc, argv, made.value());
  // Kept for the next row while the argument stays the same (SQLite may drop it at once).
  sqlite3_set_auxdata(context, 1, new xml::XPath(std::move(made.value())),
                      [](void* kept) { delete static_cast<xml::XPath*>(kept); });
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) { return HexDigest(EVP_sha256(), bytes); }

Status RegisterStringRuntime(sqlite3* db, FunctionHost* host) {
  static constexpr ScalarFunction kScalars[] = {
      {"mysql_substring_index", 3, SubstringIndex, true},
      {"mysql_insert", 4, InsertString, true},
      {"mysql_elt", -1, Elt, true},
      {"mysql_quote", 1, Quote, true},
      {"mysql_char", -1, CharFromCodes, true},
      {"mysql_md5", 1, Md5, true},
      {"mysql_sha1", 1, Sha1, true},
      {"mysql_sha2", 2, Sha2, true},
      {"mysql_crc32", 1, Crc32, true},
      {"pp_enum_ordinal", 3, EnumOrdinal, true},
      {"pp_char_using", 3, CharUsing, true},
      {"mysql_to_base64", 1, ToBase64, true},
      {"pp_cast_length", 3, CastLength, true},
      {"mysql_from_base64", 1, FromBase64, true},
      {"mysql_uuid", 0, Uuid, false},
      {"mysql_inet_aton", 1, InetAton, true},
      {"mysql_inet_ntoa", 1, InetNtoa, true},
      {"mysql_inet6_aton", 1, Inet6Aton, true},
      {"mysql_inet6_ntoa", 1, Inet6Ntoa, true},
      {"pp_ip_is", 2, IpIs, true},
      {"pp_uuid_to_bin", 2, UuidToBin, true},
      {"pp_bin_to_uuid", 2, BinToUuid, true},
      {"pp_is_uuid", 1, IsUuid, true},
      {"pp_random_bytes", 1, RandomBytes, false},
      {"pp_compress", 1, Compress, true},
      {"pp_uuid_short", 1, UuidShort, false},
      {"pp_uncompress", 2, Uncompress, true},
      {"pp_uncompressed_length", 1, UncompressedLength, true},
      {"pp_aes", -1, Aes, true},
      {"mysql_format", 2, FormatNumber, true},
      {"pp_weight_string", 3, WeightStringOf, true},
      {"pp_extractvalue", 3, XmlFunction, false},
      {"pp_updatexml", 4, XmlFunction, false},
      {"mysql_conv", 3, Conv, true},
      {"mysql_field", -1, Field, true},
      {"mysql_soundex", 1, Soundex, true},
      {"mysql_make_set", -1, MakeSet, true},
      {"mysql_export_set", -1, ExportSet, true},
      {"mysql_format", 3, FormatNumber, true},
      {"mysql_user_var", 1, UserVariable, false},
      {"pp_param", 1, StatementParameter, false},
      {"mysql_set_user_var", 2, SetUserVariable, false},
      {"mysql_set_last_insert_id", 1, SetLastInsertId, false},
      {"mysql_last_insert_id", 1, LastInsertIdNow, false},
  };
  PORPOISE_RETURN_IF_ERROR(RegisterScalars(db, host, kScalars));
  int rc = sqlite3_create_function_v2(db, "pp_group_concat", -1, SQLITE_UTF8, host, nullptr,
                                      GroupConcatStep, GroupConcatFinal, nullptr);
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_function_v2(db, "pp_count_distinct", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                    host, nullptr, CountDistinctStep, CountDistinctFinal, nullptr);
  }
  if (rc != SQLITE_OK) return Status::Error(ER_UNKNOWN_ERROR);
  return Status::OK();
}

}  // namespace porpoise::engine
