// HandshakeV10 and HandshakeResponse41 codecs. (protocol/)
#include "protocol/handshake.h"

#include <algorithm>

#include "protocol/capabilities.h"

namespace porpoise::protocol {
namespace {

constexpr size_t kScramblePart1 = 8;
constexpr size_t kFillerSize = 23;

}  // namespace

void HandshakeV10::Encode(ByteWriter& writer) const {
  writer.WriteInt1(protocol_version);
  writer.WriteNulTerminatedString(server_version);
  writer.WriteInt4(connection_id);
  std::string part1 = auth_plugin_data.substr(0, kScramblePart1);
  part1.resize(kScramblePart1, '\0');
  writer.WriteBytes(part1);
  writer.WriteInt1(0);
  writer.WriteInt2(static_cast<uint16_t>(capabilities & 0xffff));
  writer.WriteInt1(character_set);
  writer.WriteInt2(status_flags);
  writer.WriteInt2(static_cast<uint16_t>(capabilities >> 16));
  bool plugin_auth = (capabilities & kClientPluginAuth) != 0;
  // Length of the whole scramble including part 2's terminating NUL.
  writer.WriteInt1(plugin_auth ? static_cast<uint8_t>(auth_plugin_data.size() + 1) : 0);
  writer.WriteZeros(10);
  if (capabilities & kClientSecureConnection) {
    std::string part2 =
        auth_plugin_data.size() > kScramblePart1 ? auth_plugin_data.substr(kScramblePart1) : "";
    // At least 13 bytes with the NUL, as the protocol requires.
    part2.resize(std::max<size_t>(12, part2.size()), '\0');
    writer.WriteBytes(part2);
    writer.WriteInt1(0);
  }
  if (plugin_auth) writer.WriteNulTerminatedString(auth_plugin_name);
}

Result<HandshakeV10> HandshakeV10::Decode(ByteReader& reader) {
  HandshakeV10 packet;
  PORPOISE_ASSIGN_OR_RETURN(packet.protocol_version, reader.ReadInt1());
  PORPOISE_ASSIGN_OR_RETURN(std::string_view version, reader.ReadNulTerminatedString());
  packet.server_version = std::string(version);
  PORPOISE_ASSIGN_OR_RETURN(packet.connection_id, reader.ReadInt4());
  PORPOISE_ASSIGN_OR_RETURN(std::string_view part1, reader.ReadFixed(kScramblePart1));
  PORPOISE_RETURN_IF_ERROR(reader.Skip(1));
  PORPOISE_ASSIGN_OR_RETURN(uint16_t caps_low, reader.ReadInt2());
  PORPOISE_ASSIGN_OR_RETURN(packet.character_set, reader.ReadInt1());
  PORPOISE_ASSIGN_OR_RETURN(packet.status_flags, reader.ReadInt2());
  PORPOISE_ASSIGN_OR_RETURN(uint16_t caps_high, reader.ReadInt2());
  packet.capabilities = uint32_t{caps_low} | (uint32_t{caps_high} << 16);
  PORPOISE_ASSIGN_OR_RETURN(uint8_t data_length, reader.ReadInt1());
  PORPOISE_RETURN_IF_ERROR(reader.Skip(10));
  packet.auth_plugin_data = std::string(part1);
  if (packet.capabilities & kClientSecureConnection) {
    // The length byte counts only under CLIENT_PLUGIN_AUTH (it is 0 otherwise), as
    // libmysqlclient reads it.
    size_t whole = (packet.capabilities & kClientPluginAuth) ? data_length : 0;
    size_t part2_length = std::max<size_t>(13, whole > 8 ? whole - 8 : 0);
    PORPOISE_ASSIGN_OR_RETURN(std::string_view part2, reader.ReadFixed(part2_length));
    // Drop part 2's terminating NUL.
    packet.auth_plugin_data.append(part2.substr(0, part2.size() - 1));
  }
  if (packet.capabilities & kClientPluginAuth) {
    // Some servers omit the final NUL; accept the rest of the packet then.
    auto name = reader.ReadNulTerminatedString();
    packet.auth_plugin_name = name.ok() ? std::string(*name) : std::string(reader.ReadRest());
  }
  return packet;
}

void EncodeConnectAttributes(const ConnectAttributes& attributes, ByteWriter& writer) {
  std::string block;
  ByteWriter block_writer(block);
  for (const auto& [key, value] : attributes) {
    block_writer.WriteLengthEncodedString(key);
    block_writer.WriteLengthEncodedString(value);
  }
  writer.WriteLengthEncodedString(block);
}

Result<ConnectAttributes> DecodeConnectAttributes(ByteReader& reader) {
  PORPOISE_ASSIGN_OR_RETURN(std::string_view block, reader.ReadLengthEncodedString());
  ByteReader block_reader(block);
  ConnectAttributes attributes;
  while (!block_reader.empty()) {
    PORPOISE_ASSIGN_OR_RETURN(std::string_view key, block_reader.ReadLengthEncodedString());
    PORPOISE_ASSIGN_OR_RETURN(std::string_view value, block_reader.ReadLengthEncodedString());
    attributes.emplace_back(std::string(key), std::string(value));
  }
  return attributes;
}

void HandshakeResponse41::Encode(ByteWriter& writer) const {
  writer.WriteInt4(client_flags);
  writer.WriteInt4(max_packet_size);
  writer.WriteInt1(character_set);
  std::string reserved = filler;
  reserved.resize(kFillerSize, '\0');
  writer.WriteBytes(reserved);
  if (ssl_request) return;
  writer.WriteNulTerminatedString(user);
  if (client_flags & kClientPluginAuthLenencClientData) {
    writer.WriteLengthEncodedString(auth_response);
  } else if (client_flags & kClientSecureConnection) {
    writer.WriteInt1(static_cast<uint8_t>(auth_response.size()));
    writer.WriteBytes(auth_response);
  } else {
    writer.WriteNulTerminatedString(auth_response);
  }
  if (client_flags & kClientConnectWithDb) writer.WriteNulTerminatedString(database);
  if (client_flags & kClientPluginAuth) writer.WriteNulTerminatedString(client_plugin_name);
  bool attributes_missing = (client_flags & kClientConnectAttrs) && !has_connect_attributes;
  if ((client_flags & kClientConnectAttrs) && has_connect_attributes) {
    EncodeConnectAttributes(connect_attributes, writer);
  }
  // The level follows the attributes: a packet that ended before them has no level either
  // (Decode would read the level byte as the attributes' length).
  if ((client_flags & kClientZstdCompressionAlgorithm) && !attributes_missing) {
    writer.WriteInt1(zstd_compression_level);
  }
}

Result<HandshakeResponse41> HandshakeResponse41::Decode(ByteReader& reader,
                                                        uint32_t server_capabilities) {
  HandshakeResponse41 packet;
  PORPOISE_ASSIGN_OR_RETURN(packet.client_flags, reader.ReadInt4());
  if (!(packet.client_flags & kClientProtocol41)) return Status::Error(ER_HANDSHAKE_ERROR);
  uint32_t flags = packet.client_flags & server_capabilities;
  PORPOISE_ASSIGN_OR_RETURN(packet.max_packet_size, reader.ReadInt4());
  PORPOISE_ASSIGN_OR_RETURN(packet.character_set, reader.ReadInt1());
  PORPOISE_ASSIGN_OR_RETURN(std::string_view reserved, reader.ReadFixed(kFillerSize));
  packet.filler = std::string(reserved);
  if (reader.empty() && (packet.client_flags & kClientSsl)) {
    packet.ssl_request = true;
    return packet;
  }
  PORPOISE_ASSIGN_OR_RETURN(std::string_view user, reader.ReadNulTerminatedString());
  packet.user = std::string(user);
  std::string_view auth;
  if (flags & kClientPluginAuthLenencClientData) {
    PORPOISE_ASSIGN_OR_RETURN(auth, reader.ReadLengthEncodedString());
  } else if (flags & kClientSecureConnection) {
    PORPOISE_ASSIGN_OR_RETURN(uint8_t auth_length, reader.ReadInt1());
    PORPOISE_ASSIGN_OR_RETURN(auth, reader.ReadFixed(auth_length));
  } else {
    PORPOISE_ASSIGN_OR_RETURN(auth, reader.ReadNulTerminatedString());
  }
  packet.auth_response = std::string(auth);
  if ((flags & kClientConnectWithDb) && !reader.empty()) {
    PORPOISE_ASSIGN_OR_RETURN(std::string_view database, reader.ReadNulTerminatedString());
    packet.database = std::string(database);
  }
  if ((flags & kClientPluginAuth) && !reader.empty()) {
    // libmysqlclient 5.x may leave the terminator off the last field.
    auto name = reader.ReadNulTerminatedString();
    packet.client_plugin_name = name.ok() ? std::string(*name) : std::string(reader.ReadRest());
  }
  if ((flags & kClientConnectAttrs) && !reader.empty()) {
    PORPOISE_ASSIGN_OR_RETURN(packet.connect_attributes, DecodeConnectAttributes(reader));
    packet.has_connect_attributes = true;
  }
  if ((flags & kClientZstdCompressionAlgorithm) && !reader.empty()) {
    PORPOISE_ASSIGN_OR_RETURN(packet.zstd_compression_level, reader.ReadInt1());
  }
  return packet;
}

}  // namespace porpoise::protocol
