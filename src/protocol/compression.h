// The compressed protocol (CLIENT_COMPRESS with zlib, CLIENT_ZSTD_COMPRESSION_ALGORITHM with
// zstd): a layer under the packet framer. Each compressed packet has a 7-byte header (int<3>
// payload length, int<1> compressed sequence id, int<3> length before compression, 0 when the
// payload went uncompressed) and carries any run of bytes of the packet stream: part of a
// packet or several. With zstd each compressed payload is one whole zstd frame. (protocol/)
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/compression_policy.h"
#include "common/status.h"

namespace porpoise::protocol {

inline constexpr size_t kCompressedHeaderSize = 7;
// Payloads shorter than this go uncompressed, as MySQL sends them.
inline constexpr size_t kMinCompressLength = 50;

enum class CompressionAlgorithm : uint8_t { kZlib, kZstd };

// zlib's level as MySQL reports it (Compression_level); zstd levels a client may ask for.
inline constexpr int kZlibCompressionLevel = 6;
inline constexpr int kMinZstdLevel = 1;
inline constexpr int kMaxZstdLevel = 22;

// The names protocol_compression_algorithms lists ("zlib", "zstd", "uncompressed").
std::string_view CompressionAlgorithmName(CompressionAlgorithm algorithm);

// The greeting's compression flags for what protocol_compression_algorithms permits:
// CLIENT_COMPRESS for zlib, CLIENT_ZSTD_COMPRESSION_ALGORITHM for zstd.
uint32_t CompressionCapabilities(const CompressionPolicy& policy);

struct ZstdContexts;

// One direction's decoder and the other's encoder share the compressed sequence id, which
// restarts with the packet sequence at each command and counts every compressed packet read
// or written. Thread-safety: one connection thread.
class CompressionLayer {
 public:
  // `level` is zstd's (kMinZstdLevel..kMaxZstdLevel); zlib always uses its default.
  explicit CompressionLayer(size_t max_packet_size,
                            CompressionAlgorithm algorithm = CompressionAlgorithm::kZlib,
                            int level = kZlibCompressionLevel);
  ~CompressionLayer();
  CompressionLayer(const CompressionLayer&) = delete;
  CompressionLayer& operator=(const CompressionLayer&) = delete;

  // Chooses the algorithm before the first packet (the handshake's outcome).
  void SetAlgorithm(CompressionAlgorithm algorithm, int level);
  CompressionAlgorithm algorithm() const { return algorithm_; }
  int level() const { return level_; }

  void ResetSequence() { next_sequence_ = 0; }

  // Consumes the first compressed packet of `input` when it is whole, appending the bytes it
  // carries to `plain`; returns how many bytes were used (0: not whole yet). One at a time:
  // the next may belong to the next command, which restarts the sequence. The declared
  // length before compression is checked against the packet size limit before anything is
  // decompressed, and decompression never produces more than it declares.
  // Errors: ER_NET_PACKETS_OUT_OF_ORDER, ER_NET_UNCOMPRESS_ERROR (bad zlib or zstd data, or a
  // length that does not match), ER_NET_PACKET_TOO_LARGE.
  Result<size_t> Consume(std::string_view input, std::string& plain);
  // Appends `plain` to `out` as compressed packets of at most 0xffffff bytes before
  // compression each.
  void Compress(std::string_view plain, std::string& out);

 private:
  // Compresses `chunk` into `buffer`; false when that does not make it smaller.
  bool CompressChunk(std::string_view chunk, std::string& buffer);
  bool Decompress(std::string_view payload, char* out, size_t size);

  size_t max_packet_size_;
  CompressionAlgorithm algorithm_;
  int level_;
  std::unique_ptr<ZstdContexts> zstd_;  // made on first zstd use
  uint8_t next_sequence_ = 0;
};

}  // namespace porpoise::protocol
