// ClientStatus and ErrorOr<T>: the client layer's errors as values. They keep the error number,
// SQLSTATE and message exactly as libmariadb reports them (server errors and CR_* client errors
// alike), which common/Status cannot since it derives the SQLSTATE from our table. (client/)
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace porpoise::client {

class [[nodiscard]] ClientStatus {
 public:
  ClientStatus() = default;  // OK
  ClientStatus(unsigned code, std::string sqlstate, std::string message)
      : code_(code), sqlstate_(std::move(sqlstate)), message_(std::move(message)) {}

  bool ok() const { return code_ == 0; }
  unsigned code() const { return code_; }            // 1045, 2002, ...
  const std::string& sqlstate() const { return sqlstate_; }  // "28000"; empty when ok()
  const std::string& message() const { return message_; }
  // "ERROR 1045 (28000): Access denied ..." as the mysql client prints it.
  std::string ToString() const;

 private:
  unsigned code_ = 0;
  std::string sqlstate_;
  std::string message_;
};

// Either a value or a failing ClientStatus.
template <typename T>
class [[nodiscard]] ErrorOr {
 public:
  ErrorOr(T value) : data_(std::move(value)) {}              // NOLINT: implicit by design
  ErrorOr(ClientStatus status) : data_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(data_); }
  // REQUIRES: ok()
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  // REQUIRES: !ok()
  const ClientStatus& status() const { return std::get<ClientStatus>(data_); }

 private:
  std::variant<T, ClientStatus> data_;
};

}  // namespace porpoise::client
