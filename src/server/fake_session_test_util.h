// A scripted SessionHandler for the server tests: "SELECT <n>" returns one row with n,
// "ECHO <text>" returns the text, "ROWS <n>" n rows, "SLEEP <ms>" waits (KILL QUERY ends it
// with 1317), "MULTI" two result sets, "FAIL" an error, "THROW" throws. (server/ tests)
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "server/session_handler.h"

namespace porpoise::server {

class FakeSession : public SessionHandler {
 public:
  FakeSession(SessionIdentity identity, std::atomic<int>& resets, uint32_t idle_timeout)
      : identity_(std::move(identity)), resets_(resets), idle_timeout_(idle_timeout) {}

  void ComQuery(std::string_view sql, bool multi_statements, ResultSink& sink) override {
    interrupted_ = false;
    if (sql.starts_with("SELECT ")) return SendOneValue("n", sql.substr(7), false, sink);
    if (sql.starts_with("ECHO ")) return SendOneValue("echo", sql.substr(5), false, sink);
    if (sql == "WHOAMI") {
      return SendOneValue("user", identity_.user + "@" + identity_.client_host + "/" +
                                      identity_.database, false, sink);
    }
    if (sql.starts_with("ROWS ")) return SendRows(std::stoul(std::string(sql.substr(5))), sink);
    if (sql.starts_with("SLEEP ")) {
      auto until = std::chrono::steady_clock::now() +
                   std::chrono::milliseconds(std::stoul(std::string(sql.substr(6))));
      while (!interrupted_ && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      if (interrupted_) return sink.SendError(Status::Error(ER_QUERY_INTERRUPTED));
      return sink.SendOk(OkResult{}, false);
    }
    if (sql == "MULTI" && multi_statements) {
      SendOneValue("first", "1", true, sink);
      return sink.SendOk(OkResult{3, 9, "done"}, false);
    }
    if (sql.starts_with("SET ")) return sink.SendOk(OkResult{}, false);
    if (sql == "THROW") throw std::runtime_error("scripted failure");
    sink.SendError(Status::Error(ER_PARSE_ERROR, sql, 1));
  }
  Status ComInitDb(std::string_view database) override {
    if (database == "nodb") return Status::Error(ER_BAD_DB_ERROR, database);
    identity_.database = std::string(database);
    return Status::OK();
  }
  std::string ComStatistics() override { return "Uptime: 1  Threads: 1  Questions: 0"; }
  void ComResetConnection() override { ++resets_; }
  uint16_t ServerStatus() const override { return 2; }
  uint16_t WarningCount() const override { return 0; }
  uint32_t IdleTimeoutSeconds() const override { return idle_timeout_; }
  void InterruptQuery() override { interrupted_ = true; }

 private:
  void SendOneValue(std::string name, std::string_view value, bool more, ResultSink& sink) {
    ColumnInfo column;
    column.name = std::move(name);
    column.length = static_cast<uint32_t>(value.size());
    ColumnInfo columns[] = {column};
    sink.SendResultSetHeader(columns);
    FieldValue row[] = {FieldValue::Text(value)};
    sink.SendRow(row);
    sink.SendResultSetEnd(more);
  }
  void SendRows(size_t count, ResultSink& sink) {
    ColumnInfo columns[2];
    columns[0].name = "i";
    columns[1].name = "nothing";
    sink.SendResultSetHeader(columns);
    for (size_t index = 0; index < count; ++index) {
      std::string text = std::to_string(index);
      FieldValue row[] = {FieldValue::Signed(static_cast<int64_t>(index)), FieldValue::Null()};
      if (!sink.SendRow(row)) return;
    }
    sink.SendResultSetEnd(false);
  }

  SessionIdentity identity_;
  std::atomic<int>& resets_;
  uint32_t idle_timeout_;
  std::atomic<bool> interrupted_{false};
};

class FakeSessionFactory : public SessionHandlerFactory {
 public:
  Result<std::unique_ptr<SessionHandler>> Open(const SessionIdentity& identity) override {
    if (identity.database == "nodb") return Status::Error(ER_BAD_DB_ERROR, identity.database);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      identities_.push_back(identity);
    }
    uint32_t idle = identity.database == "idle" ? 1 : 28800;
    return std::unique_ptr<SessionHandler>(
        std::make_unique<FakeSession>(identity, resets, idle));
  }
  std::vector<SessionIdentity> identities() {
    std::lock_guard<std::mutex> lock(mutex_);
    return identities_;
  }
  std::atomic<int> resets{0};

 private:
  std::mutex mutex_;
  std::vector<SessionIdentity> identities_;
};

}  // namespace porpoise::server
