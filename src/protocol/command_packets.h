// Command-phase packets: the command byte values (COM_*) and the decoders of commands that
// carry structured arguments (COM_CHANGE_USER, COM_PROCESS_KILL, COM_SET_OPTION). (protocol/)
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"
#include "protocol/byte_reader.h"
#include "protocol/byte_writer.h"
#include "protocol/handshake.h"

namespace porpoise::protocol {

// The first byte of every command packet (Text Protocol / Utility Commands).
enum class Command : uint8_t {
  kSleep = 0x00,
  kQuit = 0x01,
  kInitDb = 0x02,
  kQuery = 0x03,
  kFieldList = 0x04,
  kCreateDb = 0x05,
  kDropDb = 0x06,
  kRefresh = 0x07,
  kShutdown = 0x08,
  kStatistics = 0x09,
  kProcessInfo = 0x0a,
  kConnect = 0x0b,
  kProcessKill = 0x0c,
  kDebug = 0x0d,
  kPing = 0x0e,
  kTime = 0x0f,
  kDelayedInsert = 0x10,
  kChangeUser = 0x11,
  kBinlogDump = 0x12,
  kTableDump = 0x13,
  kConnectOut = 0x14,
  kRegisterReplica = 0x15,
  kStmtPrepare = 0x16,
  kStmtExecute = 0x17,
  kStmtSendLongData = 0x18,
  kStmtClose = 0x19,
  kStmtReset = 0x1a,
  kSetOption = 0x1b,
  kStmtFetch = 0x1c,
  kDaemon = 0x1d,
  kBinlogDumpGtid = 0x1e,
  kResetConnection = 0x1f,
};

// COM_SET_OPTION values.
inline constexpr uint16_t kMultiStatementsOn = 0;
inline constexpr uint16_t kMultiStatementsOff = 1;

struct ComChangeUser {
  std::string user;
  std::string auth_response;
  std::string database;
  bool has_character_set = false;
  uint16_t character_set = 0;
  std::string client_plugin_name;   // CLIENT_PLUGIN_AUTH
  bool has_connect_attributes = false;
  ConnectAttributes connect_attributes;

  // The packet after its 0x11 command byte. `capabilities`: the negotiated flags.
  void Encode(ByteWriter& writer, uint32_t capabilities) const;
  static Result<ComChangeUser> Decode(ByteReader& reader, uint32_t capabilities);
};

// COM_PROCESS_KILL: int4 connection id (after the command byte).
Result<uint32_t> DecodeComProcessKill(ByteReader& reader);
// COM_SET_OPTION: int2 option (after the command byte).
Result<uint16_t> DecodeComSetOption(ByteReader& reader);

}  // namespace porpoise::protocol
