// Authentication-phase packets: AuthSwitchRequest (0xFE) and AuthMoreData (0x01). The
// client's answers (AuthSwitchResponse and later rounds) are raw payloads. (protocol/)
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"
#include "protocol/byte_reader.h"
#include "protocol/byte_writer.h"

namespace porpoise::protocol {

struct AuthSwitchRequest {
  std::string plugin_name;  // the client plugin to switch to
  std::string plugin_data;  // for native/caching_sha2: the 20-byte scramble plus a NUL

  void Encode(ByteWriter& writer) const;
  static Result<AuthSwitchRequest> Decode(ByteReader& reader);
};

struct AuthMoreData {
  std::string data;  // e.g. 0x03 fast-auth success, 0x04 perform full auth, a PEM key

  void Encode(ByteWriter& writer) const;
  static Result<AuthMoreData> Decode(ByteReader& reader);
};

}  // namespace porpoise::protocol
