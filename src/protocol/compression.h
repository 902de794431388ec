// The compressed protocol (CLIENT_COMPRESS): a layer under the packet framer. Each compressed
// packet has a 7-byte header (int<3> payload length, int<1> compressed sequence id, int<3>
// length before compression, 0 when the payload went uncompressed) and carries any run of
// bytes of the packet stream: part of a packet or several. (protocol/)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace porpoise::protocol {

inline constexpr size_t kCompressedHeaderSize = 7;
// Payloads shorter than this go uncompressed, as MySQL sends them.
inline constexpr size_t kMinCompressLength = 50;

// One direction's decoder and the other's encoder share the compressed sequence id, which
// restarts with the packet sequence at each command and counts every compressed packet read
// or written. Thread-safety: one connection thread.
class CompressionLayer {
 public:
  explicit CompressionLayer(size_t max_packet_size) : max_packet_size_(max_packet_size) {}

  void ResetSequence() { next_sequence_ = 0; }

  // Consumes the first compressed packet of `input` when it is whole, appending the bytes it
  // carries to `plain`; returns how many bytes were used (0: not whole yet). One at a time:
  // the next may belong to the next command, which restarts the sequence.
  // Errors: ER_NET_PACKETS_OUT_OF_ORDER, ER_NET_UNCOMPRESS_ERROR (bad zlib data or a length
  // that does not match), ER_NET_PACKET_TOO_LARGE.
  Result<size_t> Consume(std::string_view input, std::string& plain);
  // Appends `plain` to `out` as compressed packets of at most 0xffffff bytes before
  // compression each.
  void Compress(std::string_view plain, std::string& out);

 private:
  size_t max_packet_size_;
  uint8_t next_sequence_ = 0;
};

}  // namespace porpoise::protocol
