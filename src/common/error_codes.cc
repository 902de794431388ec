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
    if (next_arg < args.size()) out += args[next_arg];
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
