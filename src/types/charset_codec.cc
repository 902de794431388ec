#include "types/charset_codec.h"

#include <cstdint>

#include "types/collation_internal.h"

namespace porpoise::types {

namespace {

// Windows-1252's 0x80..0x9F; the holes map to the C1 control of the same number.
constexpr uint16_t kLatin1High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

void AppendUtf8(uint32_t code, std::string* out) {
  if (code < 0x80) {
    out->push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out->push_back(static_cast<char>(0xc0 | (code >> 6)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3f)));
  } else {
    out->push_back(static_cast<char>(0xe0 | (code >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3f)));
  }
}

// The latin1 byte of `code`, or -1.
int Latin1Byte(uint32_t code) {
  if (code < 0x80 || (code >= 0xA0 && code <= 0xFF)) return static_cast<int>(code);
  for (int i = 0; i < 32; ++i) {
    if (kLatin1High[i] == code) return 0x80 + i;
  }
  return -1;
}

}  // namespace

bool NeedsEncoding(std::string_view charset) {
  return charset == "latin1" || charset == "ascii" || charset == "utf8mb3";
}

bool Encode(std::string_view utf8, std::string_view charset, std::string* out,
            size_t* first_bad) {
  out->clear();
  if (!NeedsEncoding(charset)) {
    out->assign(utf8);
    return true;
  }
  out->reserve(utf8.size());
  bool exact = true;
  size_t position = 0;
  while (position < utf8.size()) {
    size_t start = position;
    // An invalid byte decodes as itself, and is kept as that byte.
    const internal::Utf8Char decoded = internal::DecodeUtf8(utf8, position);
    position += decoded.length;
    uint32_t code = decoded.code;
    if (charset == "utf8mb3") {
      if (code >= 0x10000) {
        out->push_back('?');
        if (exact && first_bad != nullptr) *first_bad = start;
        exact = false;
      } else {
        out->append(utf8.substr(start, position - start));
      }
      continue;
    }
    int byte = charset == "ascii" ? (code < 0x80 ? static_cast<int>(code) : -1) : Latin1Byte(code);
    if (byte < 0) {
      out->push_back('?');
      if (exact && first_bad != nullptr) *first_bad = start;
      exact = false;
    } else {
      out->push_back(static_cast<char>(byte));
    }
  }
  return exact;
}

namespace {

void AppendPrintable(std::string_view bytes, std::string* out) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  for (char byte : bytes) {
    unsigned char c = static_cast<unsigned char>(byte);
    if (c >= 0x20 && c < 0x7f) {
      out->push_back(byte);
    } else {
      *out += "\\x";
      out->push_back(kDigits[c >> 4]);
      out->push_back(kDigits[c & 15]);
    }
  }
}

}  // namespace

std::string PrintableFrom(std::string_view bytes, size_t offset) {
  constexpr size_t kMost = 6;
  std::string out;
  std::string_view rest = bytes.substr(std::min(offset, bytes.size()));
  AppendPrintable(rest.substr(0, kMost), &out);
  if (rest.size() > kMost) out += "...";
  return out;
}

std::string BinaryForMessage(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  AppendPrintable(bytes, &out);
  return out;
}

std::string Decode(std::string_view bytes, std::string_view charset) {
  if (charset != "latin1" && charset != "ascii") return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (charset == "ascii") {
      out.push_back('?');
    } else {
      AppendUtf8(c < 0xA0 ? kLatin1High[c - 0x80] : c, &out);
    }
  }
  return out;
}

}  // namespace porpoise::types
