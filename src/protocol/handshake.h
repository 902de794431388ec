// The connection-phase packets: the server's greeting (Protocol::HandshakeV10) and the
// client's answer (Protocol::HandshakeResponse41, or the short SSLRequest). (protocol/)
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "protocol/byte_reader.h"
#include "protocol/byte_writer.h"

namespace porpoise::protocol {

// Connection attributes as the client sent them, in order (CLIENT_CONNECT_ATTRS).
using ConnectAttributes = std::vector<std::pair<std::string, std::string>>;

struct HandshakeV10 {
  uint8_t protocol_version = 10;
  std::string server_version;     // "8.4.3-porpoise"; drivers key behaviour off it
  uint32_t connection_id = 0;
  std::string auth_plugin_data;   // the scramble, 20 bytes (8 in part 1, the rest in part 2)
  uint32_t capabilities = 0;
  uint8_t character_set = 255;    // utf8mb4_0900_ai_ci
  uint16_t status_flags = 0;
  std::string auth_plugin_name;   // sent when capabilities has CLIENT_PLUGIN_AUTH

  void Encode(ByteWriter& writer) const;
  static Result<HandshakeV10> Decode(ByteReader& reader);
};

struct HandshakeResponse41 {
  uint32_t client_flags = 0;      // exactly as sent
  uint32_t max_packet_size = 0;
  uint8_t character_set = 0;
  std::string filler;             // the 23 reserved bytes as sent (MariaDB uses the last 4)
  bool ssl_request = false;       // the packet stopped after the filler: an SSLRequest
  std::string user;
  std::string auth_response;
  std::string database;           // CLIENT_CONNECT_WITH_DB
  std::string client_plugin_name; // CLIENT_PLUGIN_AUTH
  bool has_connect_attributes = false;
  ConnectAttributes connect_attributes;
  uint8_t zstd_compression_level = 0;  // CLIENT_ZSTD_COMPRESSION_ALGORITHM

  // Writes the fields the client flags call for (the inverse of Decode).
  void Encode(ByteWriter& writer) const;
  // Optional parts are read only when both the client flags and `server_capabilities` have
  // the flag (bytes beyond what the negotiated flags describe are ignored). Rejects clients
  // without CLIENT_PROTOCOL_41 (ER_HANDSHAKE_ERROR) and short packets (ER_MALFORMED_PACKET).
  static Result<HandshakeResponse41> Decode(ByteReader& reader, uint32_t server_capabilities);
};

// Shared with COM_CHANGE_USER: the CLIENT_CONNECT_ATTRS block (lenenc total + lenenc pairs).
void EncodeConnectAttributes(const ConnectAttributes& attributes, ByteWriter& writer);
Result<ConnectAttributes> DecodeConnectAttributes(ByteReader& reader);

}  // namespace porpoise::protocol
