// PacketIo: a connection's packet layer, tying a net::Transport to a protocol::PacketFramer:
// reads whole (joined) packets with timeouts, gathers outgoing packets into the transport's
// buffer and flushes them once per command. (server/)
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "common/status.h"
#include "net/transport.h"
#include "protocol/byte_writer.h"
#include "protocol/packet_framer.h"

namespace porpoise::server {

// Thread-safety: the connection's thread only.
class PacketIo {
 public:
  PacketIo(net::Transport& transport, size_t max_packet_size,
           std::chrono::milliseconds write_timeout)
      : transport_(transport), framer_(max_packet_size), write_timeout_(write_timeout) {}

  // Reads one logical packet: waits up to `first_wait` for its first byte and up to
  // `rest_wait` for each later piece. Errors: the transport's (ER_NET_READ_INTERRUPTED on
  // timeout, ER_NET_READ_ERROR on close) or the framer's (ER_NET_PACKETS_OUT_OF_ORDER,
  // ER_NET_PACKET_TOO_LARGE).
  Result<std::string> ReadPacket(std::chrono::milliseconds first_wait,
                                 std::chrono::milliseconds rest_wait);

  // Appends one packet built by `encode(protocol::ByteWriter&)` to the output buffer.
  template <typename Encoder>
  void WritePacket(Encoder&& encode) {
    std::string& out = transport_.output();
    size_t start = framer_.BeginPacket(out);
    protocol::ByteWriter writer(out);
    encode(writer);
    framer_.EndPacket(out, start);
  }
  // Sends everything buffered. Once a flush failed, the connection is broken and further
  // flushes fail at once.
  Status Flush();
  // Flushes when the buffer has grown past a threshold (long result sets).
  Status MaybeFlush();

  void ResetSequence() { framer_.ResetSequence(); }
  bool broken() const { return broken_; }
  // True while part of an incoming packet has been read.
  bool InsidePacket() const { return framer_.InsidePacket(); }
  net::Transport& transport() { return transport_; }

  // Bytes moved since the last call (for the server's Bytes_received / Bytes_sent).
  uint64_t TakeBytesReceived() { return std::exchange(bytes_received_, 0); }
  uint64_t TakeBytesSent() { return std::exchange(bytes_sent_, 0); }

 private:
  net::Transport& transport_;
  protocol::PacketFramer framer_;
  std::chrono::milliseconds write_timeout_;
  bool broken_ = false;
  uint64_t bytes_received_ = 0;
  uint64_t bytes_sent_ = 0;
};

}  // namespace porpoise::server
