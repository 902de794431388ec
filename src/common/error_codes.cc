// The MySQL error table expanded from errors.def, and message formatting. (common/)
#include "common/error_codes.h"

#include <algorithm>
#include <array>

#include "common/status.h"

namespace porpoise {
namespace {

constexpr ErrorInfo kErrors[] = {
#define X(symbol, number, sqlstate, format) {number, #symbol, sqlstate, format},
#include "common/errors.def"
#undef X
};

bool IsConversionChar(char c) { return c == 's' || c == 'd' || c == 'u' || c == 'c'; }

// The bytes of a well-formed UTF-8 character starting at text[at], or 0 for none.
size_t Utf8CharLength(std::string_view text, size_t at) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(at);
  if (lead < 0x80) return 1;
  size_t length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3
                  : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (length == 0 || at + length > text.size()) return 0;
  unsigned char low = lead == 0xe0 ? 0xa0 : lead == 0xf0 ? 0x90 : 0x80;  // (no overlongs,
  unsigned char high = lead == 0xed ? 0x9f : lead == 0xf4 ? 0x8f : 0xbf;  // surrogates)
  if (byte(at + 1) < low || byte(at + 1) > high) return 0;
  for (size_t i = 2; i < length; ++i) {
    if (byte(at + i) < 0x80 || byte(at + i) > 0xbf) return 0;
  }
  return length;
}

// `text` with each byte that is no part of a UTF-8 character written \xHH, as MySQL writes a
// value's bytes that are not text in a message: a message is always valid UTF-8.
void AppendPrintable(std::string_view text, std::string* out) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  for (size_t at = 0; at < text.size();) {
    size_t length = Utf8CharLength(text, at);
    if (length != 0) {
      out->append(text.substr(at, length));
      at += length;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(text[at++]);
    *out += "\\x";
    out->push_back(kDigits[c >> 4]);
    out->push_back(kDigits[c & 15]);
  }
}

}  // namespace

const ErrorInfo* FindErrorInfo(uint16_t code) {
  for (const ErrorInfo& info : kErrors) {
    if (info.number == code) return &info;
  }
  return nullptr;
}

std::string FormatErrorMessage(ErrorCode code, const std::vector<std::string>& args) {
  const ErrorInfo* info = FindErrorInfo(code);
  if (info == nullptr) return "Unknown error";
  std::string out;
  size_t next_arg = 0;
  std::string_view format = info->format;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') {
      out.push_back(format[i]);
      continue;
    }
    size_t end = i + 1;
    while (end < format.size() && !IsConversionChar(format[end]) && format[end] != '%') ++end;
    if (end >= format.size() || format[end] == '%') {
      out.push_back('%');
      if (end < format.size() && end == i + 1) i = end;  // "%%"
      continue;
    }
    if (next_arg < args.size()) AppendPrintable(args[next_arg], &out);
    ++next_arg;
    i = end;
  }
  return out;
}

std::string_view Status::sqlstate() const {
  if (code_ == 0) return "00000";
  if (sqlstate_[0] != 0) return std::string_view(sqlstate_.data(), sqlstate_.size());
  const ErrorInfo* info = FindErrorInfo(code_);
  return info != nullptr ? info->sqlstate : std::string_view("HY000");
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return "ERROR " + std::to_string(code_) + " (" + std::string(sqlstate()) + "): " + message_;
}

}  // namespace porpoise
