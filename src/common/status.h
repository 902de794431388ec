// Status and Result<T>: expected failures as values, each carrying MySQL's error number,
// SQLSTATE and message so any layer's failure becomes an ERR packet in one place. (common/)
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "common/error_codes.h"

namespace porpoise {

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  static Status OK() { return Status(); }

  // Builds the error from the table in error_codes.cc: `args` fill the message's %s/%d/%u
  // placeholders in order. Unknown codes get ER_UNKNOWN_ERROR's SQLSTATE (HY000).
  template <typename... Args>
  static Status Error(ErrorCode code, const Args&... args) {
    return Status(code, FormatErrorMessage(code, {ToArg(args)...}));
  }
  // An error with an explicit message (the SQLSTATE still comes from the table).
  static Status WithMessage(ErrorCode code, std::string message) {
    return Status(code, std::move(message));
  }
  // A condition whose number, SQLSTATE and message are all given: SIGNAL's.
  // REQUIRES: `sqlstate` is five characters.
  static Status Condition(uint16_t code, std::string_view sqlstate, std::string message) {
    Status status(static_cast<ErrorCode>(code), std::move(message));
    for (size_t i = 0; i < status.sqlstate_.size() && i < sqlstate.size(); ++i) {
      status.sqlstate_[i] = sqlstate[i];
    }
    return status;
  }

  bool ok() const { return code_ == 0; }
  uint16_t code() const { return code_; }
  // A condition raised at the Note level where its code is usually a Warning (1265 for a
  // DECIMAL rounded or trailing spaces cut on store, as MySQL raises them).
  Status AsNote() && {
    note_ = true;
    return std::move(*this);
  }
  bool is_note() const { return note_; }
  // A warning MySQL raises while resolving the statement (SHA2's length when constant): said
  // once, whatever rows the statement reads, never again for each row.
  Status AtResolve() && {
    at_resolve_ = true;
    return std::move(*this);
  }
  bool at_resolve() const { return at_resolve_; }
  // Five characters, e.g. "28000"; "00000" when ok().
  std::string_view sqlstate() const;
  const std::string& message() const { return message_; }
  // "ERROR 1045 (28000): Access denied ..." as the mysql client prints it; for logs and tests.
  std::string ToString() const;

 private:
  Status(ErrorCode code, std::string message)
      : code_(static_cast<uint16_t>(code)), message_(std::move(message)) {}
  static std::string ToArg(std::string_view s) { return std::string(s); }
  static std::string ToArg(const char* s) { return std::string(s); }
  static std::string ToArg(const std::string& s) { return s; }
  template <typename N>
    requires std::is_arithmetic_v<N>
  static std::string ToArg(N n) {
    return std::to_string(n);
  }

  uint16_t code_ = 0;
  bool note_ = false;
  bool at_resolve_ = false;
  std::array<char, 5> sqlstate_{};  // set by Condition(); else the table's
  std::string message_;
};

// Either a value or a failing Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}           // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {}    // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(data_); }
  // REQUIRES: ok()
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  // The error; Status::OK() when ok().
  Status status() const { return ok() ? Status::OK() : std::get<Status>(data_); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace porpoise

// Early-return helpers.
#define PORPOISE_RETURN_IF_ERROR(expr)            \
  do {                                            \
    ::porpoise::Status porpoise_status_ = (expr); \
    if (!porpoise_status_.ok()) return porpoise_status_; \
  } while (0)

#define PORPOISE_CONCAT_INNER(a, b) a##b
#define PORPOISE_CONCAT(a, b) PORPOISE_CONCAT_INNER(a, b)
#define PORPOISE_ASSIGN_OR_RETURN(lhs, expr) \
  PORPOISE_ASSIGN_OR_RETURN_IMPL(PORPOISE_CONCAT(porpoise_result_, __LINE__), lhs, expr)
#define PORPOISE_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                   \
  if (!tmp.ok()) return tmp.status();                  \
  lhs = std::move(tmp).value()
