// PacketFramer: the MySQL packet layer (3-byte length + 1-byte sequence id), splitting
// payloads of 0xffffff bytes or more into chunks and joining them back, checking sequence ids
// and the max_allowed_packet limit. Pure: bytes in, bytes out, no sockets. (protocol/)
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace porpoise::protocol {

inline constexpr size_t kPacketHeaderSize = 4;
inline constexpr size_t kMaxChunkPayload = 0xffffff;

// One sequence counter shared by both directions, as in the protocol: a command resets it to
// 0 (ResetSequence), every packet read or written takes the next value.
// Invariants:
//  1. A logical packet of L bytes is written as floor(L / 0xffffff) full chunks plus one
//     final chunk of L % 0xffffff bytes (possibly empty).
//  2. Consume never consumes bytes past the end of the logical packet it completes.
// Thread-safety: one connection thread.
class PacketFramer {
 public:
  explicit PacketFramer(size_t max_packet_size) : max_packet_size_(max_packet_size) {}

  uint8_t next_sequence_id() const { return next_sequence_; }
  void ResetSequence() { next_sequence_ = 0; }
  void set_max_packet_size(size_t size) { max_packet_size_ = size; }
  // Inside compressed packets the sequence ids of the packets carried are not checked (the
  // compressed packets' own are), as MySQL's server does: clients number them loosely there.
  void set_check_sequence(bool check) { check_sequence_ = check; }

  // --- writing ---
  // Reserves a header at the end of `out` and returns the packet's start offset; the caller
  // then appends the payload to `out` and calls EndPacket with that offset.
  size_t BeginPacket(std::string& out);
  // Fills in the header (splitting into chunks when needed) and advances the sequence.
  void EndPacket(std::string& out, size_t start);
  // BeginPacket + append + EndPacket.
  void AppendPacket(std::string_view payload, std::string& out);

  // --- reading ---
  // Consumes bytes from `input` until one logical packet is complete or input runs out, and
  // returns how many were used; HasPacket() then says whether a packet is ready.
  // Errors: ER_NET_PACKETS_OUT_OF_ORDER (wrong sequence id), ER_NET_PACKET_TOO_LARGE (the
  // joined payload would exceed the max packet size). After an error the connection must be
  // closed: the framer does not resynchronise.
  Result<size_t> Consume(std::string_view input);
  bool HasPacket() const { return packet_ready_; }
  // REQUIRES: HasPacket(). Returns the joined payload and starts a new packet.
  std::string TakePacket();
  // True while part of a packet has been consumed (a disconnect now is mid-packet).
  bool InsidePacket() const { return header_filled_ > 0 || in_body_ || !payload_.empty(); }

 private:
  Status StartChunk();

  size_t max_packet_size_;
  uint8_t next_sequence_ = 0;
  bool check_sequence_ = true;
  // Reading state.
  std::array<char, kPacketHeaderSize> header_{};
  size_t header_filled_ = 0;
  bool in_body_ = false;
  size_t chunk_remaining_ = 0;
  bool chunk_is_full_ = false;  // the current chunk is 0xffffff bytes: more chunks follow
  bool packet_ready_ = false;
  std::string payload_;
};

}  // namespace porpoise::protocol
