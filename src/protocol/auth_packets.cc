// AuthSwitchRequest and AuthMoreData codecs. (protocol/)
#include "protocol/auth_packets.h"

namespace porpoise::protocol {
namespace {
constexpr uint8_t kAuthSwitchHeader = 0xfe;
constexpr uint8_t kAuthMoreDataHeader = 0x01;
}  // namespace

void AuthSwitchRequest::Encode(ByteWriter& writer) const {
  writer.WriteInt1(kAuthSwitchHeader);
  writer.WriteNulTerminatedString(plugin_name);
  writer.WriteBytes(plugin_data);
}

Result<AuthSwitchRequest> AuthSwitchRequest::Decode(ByteReader& reader) {
  PORPOISE_ASSIGN_OR_RETURN(uint8_t header, reader.ReadInt1());
  if (header != kAuthSwitchHeader) return Status::Error(ER_MALFORMED_PACKET);
  AuthSwitchRequest packet;
  PORPOISE_ASSIGN_OR_RETURN(std::string_view name, reader.ReadNulTerminatedString());
  packet.plugin_name = std::string(name);
  packet.plugin_data = std::string(reader.ReadRest());
  return packet;
}

void AuthMoreData::Encode(ByteWriter& writer) const {
  writer.WriteInt1(kAuthMoreDataHeader);
  writer.WriteBytes(data);
}

Result<AuthMoreData> AuthMoreData::Decode(ByteReader& reader) {
  PORPOISE_ASSIGN_OR_RETURN(uint8_t header, reader.ReadInt1());
  if (header != kAuthMoreDataHeader) return Status::Error(ER_MALFORMED_PACKET);
  AuthMoreData packet;
  packet.data = std::string(reader.ReadRest());
  return packet;
}

}  // namespace porpoise::protocol
