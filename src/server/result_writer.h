// ResultWriter: the ResultSink the engine writes a command's results into, encoding them as
// packets (column count, ColumnDefinition41s, EOF unless DEPRECATE_EOF, rows, then EOF or
// the 0xFE OK): COM_QUERY's rows in the text protocol, each typed value printed as MySQL
// prints it; COM_STMT_EXECUTE's in the binary protocol. (server/)
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "common/result_sink.h"
#include "server/packet_io.h"
#include "server/session_handler.h"

namespace porpoise::server {

// Lives for one command. Status flags and warnings come from the session at the moment each
// terminating packet is written.
class ResultWriter final : public ResultSink {
 public:
  enum class Mode {
    kText,    // COM_QUERY: rows in the text protocol
    kBinary,  // COM_STMT_EXECUTE: rows in the binary protocol, each value in its column's type
    // COM_STMT_EXECUTE asking for a read-only cursor: a result set's rows are kept (binary
    // row packets, in cursor_rows()) and the column definitions end with an EOF carrying
    // SERVER_STATUS_CURSOR_EXISTS; COM_STMT_FETCH sends the rows later.
    kCursor,
  };
  ResultWriter(PacketIo& io, uint32_t capabilities, const SessionHandler& session,
               Mode mode = Mode::kText)
      : io_(io), capabilities_(capabilities), session_(session), mode_(mode) {}

  void SendOk(const OkResult& result, bool more_results) override;
  void SendError(const Status& status) override;
  void SendResultSetHeader(std::span<const ColumnInfo> columns) override;
  bool SendRow(std::span<const FieldValue> values) override;
  void SendResultSetEnd(bool more_results) override;
  Result<std::string> ReadLocalFile(std::string_view name, uint64_t limit) override;
  // How long ReadLocalFile waits for each of the client's packets (net_read_timeout).
  void set_read_timeout(std::chrono::milliseconds timeout) { read_timeout_ = timeout; }

  // True once a statement's final packet (OK, ERR or end of a result set) went out with no
  // more results announced: the command has been fully answered.
  bool finished() const { return finished_; }
  // The end of a result set (EOF, or the 0xFE OK under DEPRECATE_EOF) with `status_flags`.
  void WriteEnd(uint16_t status_flags);
  // kCursor: whether a result set opened a cursor, and its rows.
  bool cursor_opened() const { return cursor_opened_; }
  std::vector<std::string> TakeCursorRows() { return std::move(cursor_rows_); }

 private:
  uint16_t StatusFlags(bool more_results) const;

  PacketIo& io_;
  uint32_t capabilities_;
  const SessionHandler& session_;
  const Mode mode_;
  std::chrono::milliseconds read_timeout_{30000};
  bool finished_ = false;
  bool cursor_opened_ = false;
  std::vector<std::string> cursor_rows_;
  std::vector<ColumnInfo> columns_;  // the binary protocol's: the result set's columns
  // A row's text forms, reused from row to row.
  std::vector<std::string> text_buffers_;
  std::vector<TextValue> text_values_;
};

}  // namespace porpoise::server
