// ResultWriter: the ResultSink the engine writes COM_QUERY results into, encoding them as
// text-protocol packets (column count, ColumnDefinition41s, EOF unless DEPRECATE_EOF, rows
// with each typed value printed as MySQL prints it, then EOF or the 0xFE OK). (server/)
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
  ResultWriter(PacketIo& io, uint32_t capabilities, const SessionHandler& session)
      : io_(io), capabilities_(capabilities), session_(session) {}

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
  bool finished_ = false;
  // A row's text forms, reused from row to row.
  std::vector<std::string> text_buffers_;
  std::vector<TextValue> text_values_;
};

}  // namespace porpoise::server
