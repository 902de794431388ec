// ResultWriter implementation. (server/)
#include "server/result_writer.h"

#include "common/mysql_types.h"
#include "protocol/capabilities.h"
#include "protocol/response_packets.h"
#include "protocol/result_set_packets.h"
#include "protocol/statement_packets.h"

namespace porpoise::server {

uint16_t ResultWriter::StatusFlags(bool more_results) const {
  uint16_t flags = session_.ServerStatus();
  if (more_results) flags |= server_status::kMoreResultsExist;
  return flags;
}

void ResultWriter::SendOk(const OkResult& result, bool more_results) {
  protocol::OkPacket ok;
  ok.affected_rows = result.affected_rows;
  ok.last_insert_id = result.last_insert_id;
  ok.status_flags = StatusFlags(more_results);
  ok.warnings = session_.WarningCount();
  ok.info = result.info;
  if ((capabilities_ & protocol::kClientSessionTrack) && !result.state_changes.empty()) {
    ok.status_flags |= server_status::kSessionStateChanged;
    ok.state_changes = result.state_changes;
  }
  io_.WritePacket([&](protocol::ByteWriter& writer) { ok.Encode(writer, capabilities_); });
  finished_ = !more_results;
}

// The LOCAL INFILE request (0xFB and the file name), then the client's packets up to an
// empty one: the file's bytes, or none when it could not read the file.
Result<std::string> ResultWriter::ReadLocalFile(std::string_view name, uint64_t limit) {
  if (!(capabilities_ & protocol::kClientLocalFiles)) {
    return porpoise::Status::Error(ER_CLIENT_LOCAL_FILES_DISABLED);
  }
  io_.WritePacket([&](protocol::ByteWriter& writer) {
    writer.WriteInt1(0xFB);
    writer.WriteBytes(name);
  });
  PORPOISE_RETURN_IF_ERROR(io_.Flush());
  std::string data;
  bool too_large = false;
  while (true) {
    PORPOISE_ASSIGN_OR_RETURN(std::string packet, io_.ReadPacket(read_timeout_, read_timeout_));
    if (packet.empty()) break;
    if (data.size() + packet.size() > limit) too_large = true;
    if (!too_large) data += packet;
  }
  if (too_large) return porpoise::Status::Error(ER_NET_PACKET_TOO_LARGE);
  return data;
}

void ResultWriter::SendError(const porpoise::Status& status) {
  protocol::ErrPacket err = protocol::ErrPacket::FromStatus(status);
  io_.WritePacket([&](protocol::ByteWriter& writer) { err.Encode(writer, capabilities_); });
  finished_ = true;
}

void ResultWriter::SendResultSetHeader(std::span<const ColumnInfo> columns) {
  if (mode_ != Mode::kText) columns_.assign(columns.begin(), columns.end());
  io_.WritePacket(
      [&](protocol::ByteWriter& writer) { protocol::EncodeColumnCount(columns.size(), writer); });
  for (const ColumnInfo& column : columns) {
    io_.WritePacket([&](protocol::ByteWriter& writer) {
      protocol::ColumnDefinition41::EncodeColumn(column, writer);
    });
  }
  if (!(capabilities_ & protocol::kClientDeprecateEof) && mode_ != Mode::kCursor) {
    protocol::EofPacket eof{session_.WarningCount(), StatusFlags(false)};
    io_.WritePacket([&](protocol::ByteWriter& writer) { eof.Encode(writer, capabilities_); });
  }
}

bool ResultWriter::SendRow(std::span<const FieldValue> values) {
  if (mode_ == Mode::kCursor) {
    std::string row;
    protocol::ByteWriter writer(row);
    protocol::EncodeBinaryRow(columns_, values, writer);
    cursor_rows_.push_back(std::move(row));
    return true;
  }
  if (mode_ == Mode::kBinary) {
    io_.WritePacket(
        [&](protocol::ByteWriter& writer) { protocol::EncodeBinaryRow(columns_, values, writer); });
    return io_.MaybeFlush().ok();
  }
  // The text protocol: every value as MySQL prints it.
  if (text_buffers_.size() < values.size()) text_buffers_.resize(values.size());
  text_values_.resize(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    text_values_[i] = FieldText(values[i], &text_buffers_[i]);
  }
  io_.WritePacket(
      [&](protocol::ByteWriter& writer) { protocol::EncodeTextRow(text_values_, writer); });
  return io_.MaybeFlush().ok();
}

void ResultWriter::SendResultSetEnd(bool more_results) {
  if (mode_ == Mode::kCursor) {
    // The cursor is open: the definitions end with the EOF that says so, and the rows wait
    // for COM_STMT_FETCH.
    cursor_opened_ = true;
    WriteEnd(StatusFlags(false) | server_status::kCursorExists);
    finished_ = true;
    return;
  }
  WriteEnd(StatusFlags(more_results));
  finished_ = !more_results;
}

void ResultWriter::WriteEnd(uint16_t status_flags) {
  if (capabilities_ & protocol::kClientDeprecateEof) {
    protocol::OkPacket ok;
    ok.header = protocol::kEofHeader;
    ok.status_flags = status_flags;
    ok.warnings = session_.WarningCount();
    io_.WritePacket([&](protocol::ByteWriter& writer) { ok.Encode(writer, capabilities_); });
  } else {
    protocol::EofPacket eof{session_.WarningCount(), status_flags};
    io_.WritePacket([&](protocol::ByteWriter& writer) { eof.Encode(writer, capabilities_); });
  }
}

}  // namespace porpoise::server
