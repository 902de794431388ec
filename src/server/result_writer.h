// ResultWriter: the ResultSink the engine writes a command's results into, encoding them as
// packets (column count, ColumnDefinition41s, EOF unless DEPRECATE_EOF, rows, then EOF or
// the 0xFE OK): COM_QUERY's rows in the text protocol, each typed value printed as MySQL
// prints it; COM_STMT_EXECUTE's in the binary protocol. (server/)
#pragma once

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
  // `binary`: rows in the binary protocol (COM_STMT_EXECUTE), each value in its column's type.
  ResultWriter(PacketIo& io, uint32_t capabilities, const SessionHandler& session,
               bool binary = false)
      : io_(io), capabilities_(capabilities), session_(session), binary_(binary) {}

  void SendOk(const OkResult& result, bool more_results) override;
  void SendError(const Status& status) override;
  void SendResultSetHeader(std::span<const ColumnInfo> columns) override;
  bool SendRow(std::span<const FieldValue> values) override;
  void SendResultSetEnd(bool more_results) override;

  // True once a statement's final packet (OK, ERR or end of a result set) went out with no
  // more results announced: the command has been fully answered.
  bool finished() const { return finished_; }

 private:
  uint16_t StatusFlags(bool more_results) const;

  PacketIo& io_;
  uint32_t capabilities_;
  const SessionHandler& session_;
  const bool binary_;
  bool finished_ = false;
  std::vector<ColumnInfo> columns_;  // the binary protocol's: the result set's columns
  // A row's text forms, reused from row to row.
  std::vector<std::string> text_buffers_;
  std::vector<TextValue> text_values_;
};

}  // namespace porpoise::server
