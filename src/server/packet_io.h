// PacketIo: a connection's packet layer, tying a net::Transport to a protocol::PacketFramer
// (and, with compression, a protocol::CompressionLayer under it): reads whole (joined)
// packets with timeouts, gathers outgoing packets into the transport's buffer and flushes
// them once per command. (server/)
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "common/status.h"
#include "net/transport.h"
#include "protocol/byte_writer.h"
#include "protocol/compression.h"
#include "protocol/packet_framer.h"

namespace porpoise::server {

// Thread-safety: the connection's thread only.
class PacketIo {
 public:
  PacketIo(net::Transport& transport, size_t max_packet_size,
           std::chrono::milliseconds write_timeout)
      : transport_(&transport),
        framer_(max_packet_size),
        compression_(max_packet_size),
        write_timeout_(write_timeout) {}

  // From now on packets travel inside compressed packets (CLIENT_COMPRESS or
  // CLIENT_ZSTD_COMPRESSION_ALGORITHM, once the connection phase's OK has been flushed).
  // `level` is zstd's; zlib uses its default.
  void EnableCompression(protocol::CompressionAlgorithm algorithm, int level) {
    compress_ = true;
    compression_.SetAlgorithm(algorithm, level);
    framer_.set_check_sequence(false);
  }

  // Reads one logical packet: waits up to `first_wait` for its first byte and up to
  // `rest_wait` for each later piece, and never past `deadline` (the connection phase's, so
  // that a client trickling bytes cannot hold a connection). Errors: the transport's
  // (ER_NET_READ_INTERRUPTED on timeout, ER_NET_READ_ERROR on close) or the framer's
  // (ER_NET_PACKETS_OUT_OF_ORDER, ER_NET_PACKET_TOO_LARGE).
  Result<std::string> ReadPacket(
      std::chrono::milliseconds first_wait, std::chrono::milliseconds rest_wait,
      std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max());
  // The largest packet accepted from now on (a small one before authentication).
  void SetMaxPacketSize(size_t size) { framer_.set_max_packet_size(size); }

  // Appends one packet built by `encode(protocol::ByteWriter&)` to the output buffer.
  template <typename Encoder>
  void WritePacket(Encoder&& encode) {
    std::string& out = compress_ ? plain_output_ : transport_->output();
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

  void ResetSequence() {
    framer_.ResetSequence();
    compression_.ResetSequence();
  }
  bool broken() const { return broken_; }
  // True while part of an incoming packet has been read.
  bool InsidePacket() const {
    return framer_.InsidePacket() || !compressed_input_.empty() || plain_input_.size() > plain_read_;
  }
  net::Transport& transport() { return *transport_; }
  // From now on packets travel over `transport` (TLS, once the SSLRequest's handshake is
  // done); it must outlive this PacketIo. REQUIRES: nothing buffered for output.
  void SwitchTransport(net::Transport& transport) { transport_ = &transport; }

  // Bytes moved since the last call (for the server's Bytes_received / Bytes_sent).
  uint64_t TakeBytesReceived() { return std::exchange(bytes_received_, 0); }
  uint64_t TakeBytesSent() { return std::exchange(bytes_sent_, 0); }

 private:
  net::Transport* transport_;
  // Reads the next compressed packet(s) into plain_input_.
  Status ReadCompressed(std::chrono::milliseconds wait);

  protocol::PacketFramer framer_;
  protocol::CompressionLayer compression_;
  bool compress_ = false;
  std::string compressed_input_;  // compressed bytes read but not yet a whole packet
  std::string plain_input_;       // the packet stream they carried; [plain_read_, end) unread
  size_t plain_read_ = 0;
  std::string plain_output_;      // packets written, to be compressed at the next flush
  std::chrono::milliseconds write_timeout_;
  bool broken_ = false;
  uint64_t bytes_received_ = 0;
  uint64_t bytes_sent_ = 0;
};

}  // namespace porpoise::server
