// OK / ERR / EOF codecs. (protocol/)
#include "protocol/response_packets.h"

#include "protocol/capabilities.h"

namespace porpoise::protocol {

void OkPacket::Encode(ByteWriter& writer, uint32_t capabilities) const {
  writer.WriteInt1(header);
  writer.WriteLengthEncodedInt(affected_rows);
  writer.WriteLengthEncodedInt(last_insert_id);
  if (capabilities & kClientProtocol41) {
    writer.WriteInt2(status_flags);
    writer.WriteInt2(warnings);
  } else if (capabilities & kClientTransactions) {
    writer.WriteInt2(status_flags);
  }
  // MySQL's server writes the message length-encoded even without CLIENT_SESSION_TRACK
  // (the documentation says string<EOF>); libmariadb reads it that way.
  if (!(capabilities & kClientSessionTrack)) {
    if (!info.empty()) writer.WriteLengthEncodedString(info);
    return;
  }
  bool changed = (status_flags & server_status::kSessionStateChanged) != 0;
  if (info.empty() && !changed) return;
  writer.WriteLengthEncodedString(info);
  if (!changed) return;
  std::string entries;
  ByteWriter entry_writer(entries);
  for (const SessionStateChange& change : state_changes) {
    std::string data;
    ByteWriter data_writer(data);
    if (change.kind == SessionStateChange::Kind::kSystemVariable) {
      data_writer.WriteLengthEncodedString(change.name);
    }
    data_writer.WriteLengthEncodedString(change.value);
    entry_writer.WriteInt1(static_cast<uint8_t>(change.kind));
    entry_writer.WriteLengthEncodedString(data);
  }
  writer.WriteLengthEncodedString(entries);
}

Result<OkPacket> OkPacket::Decode(ByteReader& reader, uint32_t capabilities) {
  OkPacket packet;
  PORPOISE_ASSIGN_OR_RETURN(packet.header, reader.ReadInt1());
  if (packet.header != kOkHeader && packet.header != kEofHeader) {
    return Status::Error(ER_MALFORMED_PACKET);
  }
  PORPOISE_ASSIGN_OR_RETURN(packet.affected_rows, reader.ReadLengthEncodedInt());
  PORPOISE_ASSIGN_OR_RETURN(packet.last_insert_id, reader.ReadLengthEncodedInt());
  if (capabilities & kClientProtocol41) {
    PORPOISE_ASSIGN_OR_RETURN(packet.status_flags, reader.ReadInt2());
    PORPOISE_ASSIGN_OR_RETURN(packet.warnings, reader.ReadInt2());
  } else if (capabilities & kClientTransactions) {
    PORPOISE_ASSIGN_OR_RETURN(packet.status_flags, reader.ReadInt2());
  }
  if (!reader.empty()) {
    PORPOISE_ASSIGN_OR_RETURN(std::string_view info, reader.ReadLengthEncodedString());
    packet.info = std::string(info);
  }
  if ((capabilities & kClientSessionTrack) &&
      (packet.status_flags & server_status::kSessionStateChanged) && !reader.empty()) {
    PORPOISE_ASSIGN_OR_RETURN(std::string_view entries, reader.ReadLengthEncodedString());
    ByteReader entry_reader(entries);
    while (!entry_reader.empty()) {
      SessionStateChange change;
      PORPOISE_ASSIGN_OR_RETURN(uint8_t kind, entry_reader.ReadInt1());
      change.kind = static_cast<SessionStateChange::Kind>(kind);
      PORPOISE_ASSIGN_OR_RETURN(std::string_view data, entry_reader.ReadLengthEncodedString());
      ByteReader data_reader(data);
      if (change.kind == SessionStateChange::Kind::kSystemVariable) {
        PORPOISE_ASSIGN_OR_RETURN(std::string_view name, data_reader.ReadLengthEncodedString());
        change.name = std::string(name);
      }
      PORPOISE_ASSIGN_OR_RETURN(std::string_view value, data_reader.ReadLengthEncodedString());
      change.value = std::string(value);
      packet.state_changes.push_back(std::move(change));
    }
  }
  return packet;
}

ErrPacket ErrPacket::FromStatus(const Status& status) {
  ErrPacket packet;
  packet.error_code = status.code();
  packet.sql_state = std::string(status.sqlstate());
  packet.message = status.message();
  return packet;
}

void ErrPacket::Encode(ByteWriter& writer, uint32_t capabilities) const {
  writer.WriteInt1(kErrHeader);
  writer.WriteInt2(error_code);
  if (capabilities & kClientProtocol41) {
    std::string state = sql_state;
    state.resize(5, '0');
    writer.WriteInt1('#');
    writer.WriteBytes(state);
  }
  writer.WriteBytes(message);
}

Result<ErrPacket> ErrPacket::Decode(ByteReader& reader, uint32_t capabilities) {
  ErrPacket packet;
  PORPOISE_ASSIGN_OR_RETURN(uint8_t header, reader.ReadInt1());
  if (header != kErrHeader) return Status::Error(ER_MALFORMED_PACKET);
  PORPOISE_ASSIGN_OR_RETURN(packet.error_code, reader.ReadInt2());
  auto marker = reader.PeekInt1();
  if ((capabilities & kClientProtocol41) && marker.ok() && *marker == '#') {
    PORPOISE_RETURN_IF_ERROR(reader.Skip(1));
    PORPOISE_ASSIGN_OR_RETURN(std::string_view state, reader.ReadFixed(5));
    packet.sql_state = std::string(state);
  }
  packet.message = std::string(reader.ReadRest());
  return packet;
}

void EofPacket::Encode(ByteWriter& writer, uint32_t capabilities) const {
  writer.WriteInt1(kEofHeader);
  if (capabilities & kClientProtocol41) {
    writer.WriteInt2(warnings);
    writer.WriteInt2(status_flags);
  }
}

Result<EofPacket> EofPacket::Decode(ByteReader& reader, uint32_t capabilities) {
  EofPacket packet;
  PORPOISE_ASSIGN_OR_RETURN(uint8_t header, reader.ReadInt1());
  if (header != kEofHeader) return Status::Error(ER_MALFORMED_PACKET);
  if (capabilities & kClientProtocol41) {
    PORPOISE_ASSIGN_OR_RETURN(packet.warnings, reader.ReadInt2());
    PORPOISE_ASSIGN_OR_RETURN(packet.status_flags, reader.ReadInt2());
  }
  return packet;
}

}  // namespace porpoise::protocol
