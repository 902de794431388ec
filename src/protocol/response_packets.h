// Generic response packets: OK (also the 0xFE-headed OK that ends a result set under
// CLIENT_DEPRECATE_EOF), ERR with '#'+SQLSTATE, and the old EOF. (protocol/)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result_sink.h"
#include "common/status.h"
#include "protocol/byte_reader.h"
#include "protocol/byte_writer.h"

namespace porpoise::protocol {

inline constexpr uint8_t kOkHeader = 0x00;
inline constexpr uint8_t kEofHeader = 0xfe;
inline constexpr uint8_t kErrHeader = 0xff;

struct OkPacket {
  uint8_t header = kOkHeader;     // kEofHeader when it ends a result set (DEPRECATE_EOF)
  uint64_t affected_rows = 0;
  uint64_t last_insert_id = 0;
  uint16_t status_flags = 0;      // server_status::*
  uint16_t warnings = 0;
  std::string info;               // human-readable, e.g. "Rows matched: 1  Changed: 1 ..."
  // CLIENT_SESSION_TRACK: the changes, written (with SERVER_SESSION_STATE_CHANGED set in
  // status_flags) as type-tagged, length-encoded entries.
  std::vector<SessionStateChange> state_changes;

  // `capabilities` are the negotiated ones (PROTOCOL_41 adds warnings). Without
  // SESSION_TRACK the info is still length-encoded, as MySQL's server writes it, and only
  // present when non-empty; with it the info is always there, then the state changes when
  // status_flags has SERVER_SESSION_STATE_CHANGED.
  void Encode(ByteWriter& writer, uint32_t capabilities) const;
  static Result<OkPacket> Decode(ByteReader& reader, uint32_t capabilities);
};

struct ErrPacket {
  uint16_t error_code = 0;
  std::string sql_state = "HY000";  // five characters; sent only with CLIENT_PROTOCOL_41
  std::string message;

  static ErrPacket FromStatus(const Status& status);
  // Before the client's capabilities are known (errors instead of the greeting) pass 0: the
  // '#'+SQLSTATE marker is then left out, as MySQL does, and clients show HY000.
  void Encode(ByteWriter& writer, uint32_t capabilities) const;
  static Result<ErrPacket> Decode(ByteReader& reader, uint32_t capabilities);
};

// The pre-DEPRECATE_EOF terminator (Protocol::EOF_Packet).
struct EofPacket {
  uint16_t warnings = 0;
  uint16_t status_flags = 0;

  void Encode(ByteWriter& writer, uint32_t capabilities) const;
  static Result<EofPacket> Decode(ByteReader& reader, uint32_t capabilities);
};

}  // namespace porpoise::protocol
