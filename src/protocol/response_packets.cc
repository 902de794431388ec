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
  if (!info.empty()) writer.WriteLengthEncodedString(info);
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
