// ResultSink: how the SQL side hands results to the wire side without knowing the protocol.
// The server implements it over a connection; the engine calls it with typed rows. (common/)
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/field_value.h"
#include "common/mysql_types.h"
#include "common/status.h"

namespace porpoise {

// One result-set column as MySQL describes it (Protocol::ColumnDefinition41).
struct ColumnInfo {
  std::string schema;     // database of the underlying table, "" for expressions
  std::string table;      // table alias as written in the query
  std::string org_table;  // the table's real name
  std::string name;       // column alias / expression text as the client sees it
  std::string org_name;   // the underlying column's name
  uint16_t collation = collation_id::kUtf8mb4_0900AiCi;  // kBinary for numbers and blobs
  uint32_t length = 0;    // maximum display length in bytes (chars * mbmaxlen for text)
  FieldType type = FieldType::kVarString;
  uint16_t flags = 0;     // column_flag::*
  uint8_t decimals = 0;   // 0x1f for "not fixed" (floats, dynamic strings)
};

// A change of session state a client tracking it (CLIENT_SESSION_TRACK) is told of.
struct SessionStateChange {
  enum class Kind : uint8_t {
    kSystemVariable = 0,  // `name` now has `value` (session_track_system_variables)
    kSchema = 1,          // the default database is now `value` (session_track_schema)
    kStateChange = 2,     // something of the session changed (session_track_state_change)
  };
  Kind kind = Kind::kStateChange;
  std::string name;
  std::string value;
};

// The outcome of a statement that returns no rows.
struct OkResult {
  uint64_t affected_rows = 0;
  uint64_t last_insert_id = 0;
  std::string info;  // "Rows matched: 1  Changed: 1  Warnings: 0", shown by the mysql client
  std::vector<SessionStateChange> state_changes;  // since the previous statement
};

// A text-protocol value: nullopt is SQL NULL. The view must stay alive for the call only.
using TextValue = std::optional<std::string_view>;

// Receives a statement's results in order. Every statement ends in exactly one of: SendOk,
// SendError, or SendResultSetHeader + SendRow* + SendResultSetEnd. `more_results` is true when
// another statement of the same COM_QUERY follows (SERVER_MORE_RESULTS_EXISTS). After
// SendError nothing else is sent for that COM_QUERY.
// Thread-safety: used by the one thread that runs the session.
class ResultSink {
 public:
  virtual ~ResultSink() = default;
  virtual void SendOk(const OkResult& result, bool more_results) = 0;
  virtual void SendError(const Status& status) = 0;
  virtual void SendResultSetHeader(std::span<const ColumnInfo> columns) = 0;
  // One row of typed values (FieldValue), which the sink encodes; their views need stay
  // alive for the call only. Returns false once the connection is broken: the caller should
  // stop producing rows.
  virtual bool SendRow(std::span<const FieldValue> values) = 0;
  virtual void SendResultSetEnd(bool more_results) = 0;
  // LOAD DATA LOCAL: asks the client for the file `name` and returns its bytes, at most
  // `limit` of them (ER_NET_PACKET_TOO_LARGE past it, once the client has sent the rest).
  // Sinks without a client refuse (3948).
  virtual Result<std::string> ReadLocalFile(std::string_view name, uint64_t limit) {
    (void)name;
    (void)limit;
    return Status::Error(ER_CLIENT_LOCAL_FILES_DISABLED);
  }
};

// Drops results and keeps the first error: for statements the server runs on its own behalf
// (bootstrap scripts, log table rows).
class FirstErrorSink : public ResultSink {
 public:
  void SendOk(const OkResult&, bool) override {}
  void SendError(const Status& status) override {
    if (error_.ok()) error_ = status;
  }
  void SendResultSetHeader(std::span<const ColumnInfo>) override {}
  bool SendRow(std::span<const FieldValue>) override { return true; }
  void SendResultSetEnd(bool) override {}
  const Status& error() const { return error_; }

 private:
  Status error_;
};

}  // namespace porpoise
