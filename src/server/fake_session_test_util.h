// A scripted SessionHandler for the server tests: "SELECT <n>" returns one row with n,
// "ECHO <text>" returns the text, "USE <db>" reports the schema (and a variable) as changed, "ROWS <n>" n rows, "SLEEP <ms>" waits (KILL QUERY ends it
// with 1317), "MULTI" two result sets, "FAIL" an error, "THROW" throws. (server/ tests)
#pragma once

#include <algorithm>
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
    if (sql.starts_with("USE ")) {
      identity_.database = std::string(sql.substr(4));
      OkResult ok;
      ok.state_changes = TakeStateChanges();
      ok.state_changes.push_back({SessionStateChange::Kind::kSystemVariable, "autocommit", "ON"});
      return sink.SendOk(ok, false);
    }
    if (sql == "THROW") throw std::runtime_error("scripted failure");
    sink.SendError(Status::Error(ER_PARSE_ERROR, sql, 1));
  }
  // Any statement prepares, with one parameter per '?'; executing it returns one row of the
  // parameters' text forms (columns p1, p2, ...), or "ok" when it has none.
  Result<PreparedStatementInfo> ComStmtPrepare(std::string_view sql) override {
    if (sql == "FAIL") return Status::Error(ER_PARSE_ERROR, sql, 1);
    PreparedStatementInfo info;
    info.id = ++next_statement_;
    info.parameter_count = static_cast<uint16_t>(std::count(sql.begin(), sql.end(), '?'));
    for (uint16_t i = 0; i < std::max<uint16_t>(info.parameter_count, 1); ++i) {
      ColumnInfo column;
      column.name = "p" + std::to_string(i + 1);
      info.columns.push_back(column);
    }
    prepared_.push_back(info);
    return info;
  }
  void ComStmtExecute(uint32_t id, std::span<const ParameterValue> parameters,
                      ResultSink& sink) override {
    for (const PreparedStatementInfo& info : prepared_) {
      if (info.id != id) continue;
      sink.SendResultSetHeader(info.columns);
      std::vector<std::string> texts;
      for (const ParameterValue& value : parameters) {
        switch (value.kind) {
          case ParameterValue::Kind::kNull: texts.push_back("NULL"); break;
          case ParameterValue::Kind::kSigned: texts.push_back(std::to_string(value.integer)); break;
          case ParameterValue::Kind::kUnsigned:
            texts.push_back(std::to_string(static_cast<uint64_t>(value.integer)));
            break;
          case ParameterValue::Kind::kDouble: texts.push_back(std::to_string(value.real)); break;
          default: texts.push_back(value.text); break;
        }
      }
      if (texts.empty()) texts.push_back("ok");
      std::vector<FieldValue> row;
      for (const std::string& text : texts) row.push_back(FieldValue::Text(text));
      sink.SendRow(row);
      return sink.SendResultSetEnd(false);
    }
    sink.SendError(Status::Error(ER_UNKNOWN_STMT_HANDLER, std::to_string(id), "mysqld_stmt_execute"));
  }
  void ComStmtClose(uint32_t id) override {
    std::erase_if(prepared_, [id](const PreparedStatementInfo& info) { return info.id == id; });
  }
  void ComStmtReset(uint32_t /*id*/) override {}
  std::vector<SessionStateChange> TakeStateChanges() override {
    std::vector<SessionStateChange> changes;
    if (identity_.database != reported_database_) {
      reported_database_ = identity_.database;
      changes.push_back({SessionStateChange::Kind::kSchema, "", identity_.database});
    }
    return changes;
  }
  // Any table has the columns "a" and "b".
  Result<std::vector<ColumnInfo>> ComFieldList(std::string_view table,
                                               std::string_view wildcard) override {
    if (table == "nosuch") return Status::Error(ER_NO_SUCH_TABLE, "test", table);
    std::vector<ColumnInfo> columns;
    for (const char* name : {"a", "b"}) {
      if (!wildcard.empty() && wildcard != name) continue;
      ColumnInfo column;
      column.table = column.org_table = std::string(table);
      column.name = column.org_name = name;
      columns.push_back(column);
    }
    return columns;
  }
  Status ComInitDb(std::string_view database) override {
    if (database == "nodb") return Status::Error(ER_BAD_DB_ERROR, database);
    identity_.database = std::string(database);
    return Status::OK();
  }
  std::string ComStatistics() override { return "Uptime: 1  Threads: 1  Questions: 0"; }
  void ComResetConnection() override { ++resets_; }
  Status ComProcessKill(uint32_t id) override {
    return Status::Error(ER_NO_SUCH_THREAD, static_cast<unsigned long>(id));
  }
  Status ComDebug() override { return Status::OK(); }
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
  uint32_t next_statement_ = 0;
  std::string reported_database_;
  std::vector<PreparedStatementInfo> prepared_;
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
