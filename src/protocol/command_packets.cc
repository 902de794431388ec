// COM_CHANGE_USER, COM_PROCESS_KILL and COM_SET_OPTION codecs. (protocol/)
#include "protocol/command_packets.h"

#include "protocol/capabilities.h"

namespace porpoise::protocol {

void ComChangeUser::Encode(ByteWriter& writer, uint32_t capabilities) const {
  writer.WriteNulTerminatedString(user);
  if (capabilities & kClientSecureConnection) {
    writer.WriteInt1(static_cast<uint8_t>(auth_response.size()));
    writer.WriteBytes(auth_response);
  } else {
    writer.WriteNulTerminatedString(auth_response);
  }
  writer.WriteNulTerminatedString(database);
  if (!has_character_set) return;
  writer.WriteInt2(character_set);
  if (capabilities & kClientPluginAuth) writer.WriteNulTerminatedString(client_plugin_name);
  if ((capabilities & kClientConnectAttrs) && has_connect_attributes) {
    EncodeConnectAttributes(connect_attributes, writer);
  }
}

Result<ComChangeUser> ComChangeUser::Decode(ByteReader& reader, uint32_t capabilities) {
  ComChangeUser packet;
  PORPOISE_ASSIGN_OR_RETURN(std::string_view user, reader.ReadNulTerminatedString());
  packet.user = std::string(user);
  std::string_view auth;
  if (capabilities & kClientSecureConnection) {
    PORPOISE_ASSIGN_OR_RETURN(uint8_t auth_length, reader.ReadInt1());
    PORPOISE_ASSIGN_OR_RETURN(auth, reader.ReadFixed(auth_length));
  } else {
    PORPOISE_ASSIGN_OR_RETURN(auth, reader.ReadNulTerminatedString());
  }
  packet.auth_response = std::string(auth);
  PORPOISE_ASSIGN_OR_RETURN(std::string_view database, reader.ReadNulTerminatedString());
  packet.database = std::string(database);
  if (reader.empty()) return packet;
  PORPOISE_ASSIGN_OR_RETURN(packet.character_set, reader.ReadInt2());
  packet.has_character_set = true;
  if ((capabilities & kClientPluginAuth) && !reader.empty()) {
    PORPOISE_ASSIGN_OR_RETURN(std::string_view plugin, reader.ReadNulTerminatedString());
    packet.client_plugin_name = std::string(plugin);
  }
  if ((capabilities & kClientConnectAttrs) && !reader.empty()) {
    PORPOISE_ASSIGN_OR_RETURN(packet.connect_attributes, DecodeConnectAttributes(reader));
    packet.has_connect_attributes = true;
  }
  return packet;
}

Result<uint32_t> DecodeComProcessKill(ByteReader& reader) { return reader.ReadInt4(); }

Result<uint16_t> DecodeComSetOption(ByteReader& reader) { return reader.ReadInt2(); }

}  // namespace porpoise::protocol
