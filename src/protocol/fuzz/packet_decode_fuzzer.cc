// Fuzz target: bytes -> PacketFramer -> every decoder in protocol/. Whatever decodes must
// re-encode and decode back to an equal value; the framer must give the same packets however
// the input is split, and re-framing a payload must give it back. (protocol/fuzz)
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/auth_packets.h"
#include "protocol/byte_reader.h"
#include "protocol/byte_writer.h"
#include "protocol/capabilities.h"
#include "protocol/command_packets.h"
#include "protocol/handshake.h"
#include "protocol/packet_framer.h"
#include "protocol/response_packets.h"
#include "protocol/result_set_packets.h"
#include "protocol/statement_packets.h"

namespace porpoise::protocol {
namespace {

// Small enough that a fuzzed header cannot make every run allocate megabytes.
constexpr size_t kMaxPacket = 1 << 16;

// The flags that change how HandshakeResponse41's fields are laid out.
constexpr uint32_t kResponseLayoutFlags =
    kClientPluginAuthLenencClientData | kClientSecureConnection | kClientConnectWithDb |
    kClientPluginAuth | kClientConnectAttrs | kClientZstdCompressionAlgorithm;

[[noreturn]] void Fail(const char* what) {
  std::fprintf(stderr, "packet_decode_fuzzer: round trip mismatch: %s\n", what);
  std::abort();
}

void Check(bool condition, const char* what) {
  if (!condition) Fail(what);
}

// The capability sets every capability-dependent decoder is tried with.
std::vector<uint32_t> CapabilitySets(std::string_view payload) {
  std::vector<uint32_t> sets = {
      kServerCapabilities,
      0xffffffffu,
      0,
      kClientProtocol41,
      kClientProtocol41 | kClientSecureConnection,
      kClientProtocol41 | kClientSecureConnection | kClientPluginAuth | kClientConnectAttrs,
      kServerCapabilities & ~kClientPluginAuthLenencClientData,
      kServerCapabilities | kClientZstdCompressionAlgorithm | kClientSessionTrack,
      kClientTransactions,
  };
  // And the payload's own first four bytes, so the fuzzer can steer the flags.
  if (payload.size() >= 4) {
    uint32_t own = 0;
    for (size_t index = 0; index < 4; ++index) {
      own |= uint32_t{static_cast<uint8_t>(payload[index])} << (8 * index);
    }
    sets.push_back(own);
  }
  return sets;
}

bool SameColumn(const ColumnInfo& a, const ColumnInfo& b) {
  return a.schema == b.schema && a.table == b.table && a.org_table == b.org_table &&
         a.name == b.name && a.org_name == b.org_name && a.collation == b.collation &&
         a.length == b.length && a.type == b.type && a.flags == b.flags &&
         a.decimals == b.decimals;
}

bool SameResponse(const HandshakeResponse41& a, const HandshakeResponse41& b) {
  return a.client_flags == b.client_flags && a.max_packet_size == b.max_packet_size &&
         a.character_set == b.character_set && a.filler == b.filler &&
         a.ssl_request == b.ssl_request && a.user == b.user &&
         a.auth_response == b.auth_response && a.database == b.database &&
         a.client_plugin_name == b.client_plugin_name &&
         a.has_connect_attributes == b.has_connect_attributes &&
         a.connect_attributes == b.connect_attributes &&
         a.zstd_compression_level == b.zstd_compression_level;
}

bool SameChangeUser(const ComChangeUser& a, const ComChangeUser& b) {
  return a.user == b.user && a.auth_response == b.auth_response && a.database == b.database &&
         a.has_character_set == b.has_character_set && a.character_set == b.character_set &&
         a.client_plugin_name == b.client_plugin_name &&
         a.has_connect_attributes == b.has_connect_attributes &&
         a.connect_attributes == b.connect_attributes;
}

bool SameGreeting(const HandshakeV10& a, const HandshakeV10& b) {
  return a.protocol_version == b.protocol_version && a.server_version == b.server_version &&
         a.connection_id == b.connection_id && a.auth_plugin_data == b.auth_plugin_data &&
         a.capabilities == b.capabilities && a.character_set == b.character_set &&
         a.status_flags == b.status_flags && a.auth_plugin_name == b.auth_plugin_name;
}

void FuzzHandshakeResponse(std::string_view payload, uint32_t server_caps) {
  ByteReader reader(payload);
  Result<HandshakeResponse41> decoded = HandshakeResponse41::Decode(reader, server_caps);
  if (!decoded.ok()) return;
  // Encode lays the fields out by the client's own flags, Decode by the flags both sides
  // have: the two agree when every layout flag the client set is also the server's.
  if ((decoded->client_flags & kResponseLayoutFlags & ~server_caps) != 0) return;
  std::string bytes;
  ByteWriter writer(bytes);
  decoded->Encode(writer);
  ByteReader again_reader(bytes);
  Result<HandshakeResponse41> again = HandshakeResponse41::Decode(again_reader, server_caps);
  Check(again.ok(), "HandshakeResponse41 re-decode failed");
  Check(SameResponse(*decoded, *again), "HandshakeResponse41");
}

void FuzzChangeUser(std::string_view arguments, uint32_t caps) {
  ByteReader reader(arguments);
  Result<ComChangeUser> decoded = ComChangeUser::Decode(reader, caps);
  if (!decoded.ok()) return;
  std::string bytes;
  ByteWriter writer(bytes);
  decoded->Encode(writer, caps);
  ByteReader again_reader(bytes);
  Result<ComChangeUser> again = ComChangeUser::Decode(again_reader, caps);
  Check(again.ok(), "COM_CHANGE_USER re-decode failed");
  Check(SameChangeUser(*decoded, *again), "COM_CHANGE_USER");
}

void FuzzCommand(std::string_view payload, const std::vector<uint32_t>& cap_sets) {
  if (payload.empty()) return;
  auto command = static_cast<Command>(static_cast<uint8_t>(payload[0]));
  std::string_view arguments = payload.substr(1);
  switch (command) {
    case Command::kChangeUser:
      for (uint32_t caps : cap_sets) FuzzChangeUser(arguments, caps);
      break;
    case Command::kProcessKill: {
      ByteReader reader(arguments);
      Result<uint32_t> id = DecodeComProcessKill(reader);
      if (!id.ok()) break;
      std::string bytes;
      ByteWriter(bytes).WriteInt4(*id);
      ByteReader again_reader(bytes);
      Result<uint32_t> again = DecodeComProcessKill(again_reader);
      Check(again.ok() && *again == *id, "COM_PROCESS_KILL");
      break;
    }
    case Command::kSetOption: {
      ByteReader reader(arguments);
      Result<uint16_t> option = DecodeComSetOption(reader);
      if (!option.ok()) break;
      std::string bytes;
      ByteWriter(bytes).WriteInt2(*option);
      ByteReader again_reader(bytes);
      Result<uint16_t> again = DecodeComSetOption(again_reader);
      Check(again.ok() && *again == *option, "COM_SET_OPTION");
      break;
    }
    case Command::kQuery: {
      // With CLIENT_QUERY_ATTRIBUTES: the attribute prefix, re-encoded the same way.
      ByteReader reader(arguments);
      Result<std::vector<QueryAttribute>> attributes = DecodeQueryAttributes(reader);
      if (!attributes.ok()) break;
      std::string bytes;
      ByteWriter writer(bytes);
      EncodeQueryAttributes(*attributes, writer);
      ByteReader again_reader(bytes);
      Result<std::vector<QueryAttribute>> again = DecodeQueryAttributes(again_reader);
      Check(again.ok() && again->size() == attributes->size() && again_reader.empty(),
            "COM_QUERY attributes");
      break;
    }
    case Command::kStmtExecute: {
      // A statement of 0 to 2 parameters, with and without CLIENT_QUERY_ATTRIBUTES.
      for (size_t own = 0; own <= 2; ++own) {
        for (bool attributes : {false, true}) {
          ByteReader reader(arguments);
          if (!DecodeStatementId(reader).ok()) return;
          std::vector<uint16_t> types(own, 0xffff);
          (void)DecodeStmtExecute(reader, types, {}, attributes);
        }
      }
      break;
    }
    default:
      break;  // the other commands carry plain text or nothing
  }
}

void FuzzResponses(std::string_view payload, uint32_t caps) {
  {
    ByteReader reader(payload);
    Result<OkPacket> ok = OkPacket::Decode(reader, caps);
    if (ok.ok()) {
      std::string bytes;
      ByteWriter writer(bytes);
      ok->Encode(writer, caps);
      ByteReader again_reader(bytes);
      Result<OkPacket> again = OkPacket::Decode(again_reader, caps);
      Check(again.ok(), "OK re-decode failed");
      Check(again->header == ok->header && again->affected_rows == ok->affected_rows &&
                again->last_insert_id == ok->last_insert_id &&
                again->status_flags == ok->status_flags && again->warnings == ok->warnings &&
                again->info == ok->info,
            "OK");
    }
  }
  {
    ByteReader reader(payload);
    Result<ErrPacket> err = ErrPacket::Decode(reader, caps);
    if (err.ok()) {
      std::string bytes;
      ByteWriter writer(bytes);
      err->Encode(writer, caps);
      ByteReader again_reader(bytes);
      Result<ErrPacket> again = ErrPacket::Decode(again_reader, caps);
      Check(again.ok(), "ERR re-decode failed");
      Check(again->error_code == err->error_code && again->sql_state == err->sql_state &&
                again->message == err->message,
            "ERR");
    }
  }
  {
    ByteReader reader(payload);
    Result<EofPacket> eof = EofPacket::Decode(reader, caps);
    if (eof.ok()) {
      std::string bytes;
      ByteWriter writer(bytes);
      eof->Encode(writer, caps);
      ByteReader again_reader(bytes);
      Result<EofPacket> again = EofPacket::Decode(again_reader, caps);
      Check(again.ok(), "EOF re-decode failed");
      Check(again->warnings == eof->warnings && again->status_flags == eof->status_flags, "EOF");
    }
  }
}

void FuzzGreeting(std::string_view payload) {
  ByteReader reader(payload);
  Result<HandshakeV10> greeting = HandshakeV10::Decode(reader);
  if (!greeting.ok()) return;
  std::string bytes;
  ByteWriter writer(bytes);
  greeting->Encode(writer);
  ByteReader again_reader(bytes);
  Result<HandshakeV10> again = HandshakeV10::Decode(again_reader);
  Check(again.ok(), "HandshakeV10 re-decode failed");
  Check(SameGreeting(*greeting, *again), "HandshakeV10");
}

void FuzzAuthPackets(std::string_view payload) {
  {
    ByteReader reader(payload);
    Result<AuthSwitchRequest> request = AuthSwitchRequest::Decode(reader);
    if (request.ok()) {
      std::string bytes;
      ByteWriter writer(bytes);
      request->Encode(writer);
      ByteReader again_reader(bytes);
      Result<AuthSwitchRequest> again = AuthSwitchRequest::Decode(again_reader);
      Check(again.ok() && again->plugin_name == request->plugin_name &&
                again->plugin_data == request->plugin_data,
            "AuthSwitchRequest");
    }
  }
  {
    ByteReader reader(payload);
    Result<AuthMoreData> more = AuthMoreData::Decode(reader);
    if (more.ok()) {
      std::string bytes;
      ByteWriter writer(bytes);
      more->Encode(writer);
      ByteReader again_reader(bytes);
      Result<AuthMoreData> again = AuthMoreData::Decode(again_reader);
      Check(again.ok() && again->data == more->data, "AuthMoreData");
    }
  }
}

void FuzzResultSet(std::string_view payload) {
  {
    ByteReader reader(payload);
    Result<ColumnDefinition41> definition = ColumnDefinition41::Decode(reader);
    if (definition.ok()) {
      // The catalog is always written as "def", whatever was read.
      std::string bytes;
      ByteWriter writer(bytes);
      definition->Encode(writer);
      ByteReader again_reader(bytes);
      Result<ColumnDefinition41> again = ColumnDefinition41::Decode(again_reader);
      Check(again.ok(), "ColumnDefinition41 re-decode failed");
      Check(again->catalog == "def" && SameColumn(again->column, definition->column),
            "ColumnDefinition41");
    }
  }
  {
    ByteReader reader(payload);
    Result<uint64_t> count = reader.ReadLengthEncodedInt();
    if (count.ok()) {
      std::string bytes;
      ByteWriter writer(bytes);
      EncodeColumnCount(*count, writer);
      ByteReader again_reader(bytes);
      Result<uint64_t> again = again_reader.ReadLengthEncodedInt();
      Check(again.ok() && *again == *count && again_reader.empty(), "column count");
    }
  }
  size_t guessed = payload.empty() ? 0 : static_cast<uint8_t>(payload[0]) % 32;
  for (size_t column_count : {size_t{0}, size_t{1}, size_t{2}, size_t{3}, guessed}) {
    ByteReader reader(payload);
    Result<std::vector<std::optional<std::string>>> row = DecodeTextRow(reader, column_count);
    if (!row.ok()) continue;
    std::vector<TextValue> values;
    for (const std::optional<std::string>& value : *row) {
      values.push_back(value.has_value() ? TextValue(*value) : TextValue());
    }
    std::string bytes;
    ByteWriter writer(bytes);
    EncodeTextRow(values, writer);
    ByteReader again_reader(bytes);
    Result<std::vector<std::optional<std::string>>> again =
        DecodeTextRow(again_reader, column_count);
    Check(again.ok() && *again == *row, "text row");
  }
}

void FuzzPayload(std::string_view payload) {
  std::vector<uint32_t> cap_sets = CapabilitySets(payload);
  for (uint32_t caps : cap_sets) {
    FuzzHandshakeResponse(payload, caps);
    FuzzResponses(payload, caps);
  }
  FuzzCommand(payload, cap_sets);
  FuzzGreeting(payload);
  FuzzAuthPackets(payload);
  FuzzResultSet(payload);

  // Framing the payload and reading it back gives the payload.
  PacketFramer writer(kMaxPacket);
  std::string framed;
  writer.AppendPacket(payload, framed);
  PacketFramer reader(kMaxPacket);
  Result<size_t> used = reader.Consume(framed);
  Check(used.ok() && *used == framed.size() && reader.HasPacket(), "framer re-read");
  Check(reader.TakePacket() == payload, "framer payload");
}

// Splits `input` into packets, `step` bytes at a time; each packet starts a new sequence (as
// each command does). Stops at the first framing error.
std::vector<std::string> Frame(std::string_view input, size_t step) {
  std::vector<std::string> packets;
  PacketFramer framer(kMaxPacket);
  while (!input.empty()) {
    std::string_view piece = input.substr(0, step);
    Result<size_t> used = framer.Consume(piece);
    if (!used.ok()) break;
    Check(*used <= piece.size(), "framer consumed too much");
    input.remove_prefix(*used);
    if (framer.HasPacket()) {
      packets.push_back(framer.TakePacket());
      framer.ResetSequence();
    } else if (*used == 0) {
      Fail("framer made no progress");
    }
  }
  return packets;
}

}  // namespace
}  // namespace porpoise::protocol

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace porpoise::protocol;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> packets = Frame(input, input.size());
  // Byte-at-a-time (or in small pieces for long inputs) must give the same packets.
  std::vector<std::string> pieces = Frame(input, input.size() > 4096 ? 61 : 1);
  Check(packets == pieces, "framer split dependence");
  for (const std::string& payload : packets) FuzzPayload(payload);
  // The input as one bare payload too, so decoders see it even when the framing is wrong.
  FuzzPayload(input);
  return 0;
}
