// MySQL error numbers under MySQL's own symbols, and lookups into the table in errors.def.
// (common/)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace porpoise {

enum ErrorCode : uint16_t {
#define X(symbol, number, sqlstate, format) symbol = number,
#include "common/errors.def"
#undef X
};

struct ErrorInfo {
  uint16_t number;
  std::string_view symbol;    // "ER_NO_SUCH_TABLE"
  std::string_view sqlstate;  // five characters
  std::string_view format;    // printf-like, %s/%d/%u/%ld/%lu placeholders
};

// The table entry for `code`, or nullptr when the number is not in the table.
const ErrorInfo* FindErrorInfo(uint16_t code);

// Fills the format's placeholders with `args` in order (missing args print as empty).
std::string FormatErrorMessage(ErrorCode code, const std::vector<std::string>& args);

}  // namespace porpoise
