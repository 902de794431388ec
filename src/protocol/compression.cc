// The compressed protocol's packets, with zlib or zstd. (protocol/)
#include "protocol/compression.h"

#include <zlib.h>
#include <zstd.h>

#include <algorithm>

#include "protocol/capabilities.h"

namespace porpoise::protocol {
namespace {

constexpr size_t kMaxChunk = 0xffffff;

uint32_t ReadInt3(std::string_view bytes) {
  return static_cast<uint8_t>(bytes[0]) | (static_cast<uint32_t>(static_cast<uint8_t>(bytes[1])) << 8) |
         (static_cast<uint32_t>(static_cast<uint8_t>(bytes[2])) << 16);
}

void WriteInt3(std::string& out, size_t value) {
  out.push_back(static_cast<char>(value & 0xff));
  out.push_back(static_cast<char>((value >> 8) & 0xff));
  out.push_back(static_cast<char>((value >> 16) & 0xff));
}

}  // namespace

// zstd's contexts, kept for the connection so each packet does not allocate them anew.
struct ZstdContexts {
  ZSTD_CCtx* compress = ZSTD_createCCtx();
  ZSTD_DCtx* decompress = ZSTD_createDCtx();
  ~ZstdContexts() {
    ZSTD_freeCCtx(compress);
    ZSTD_freeDCtx(decompress);
  }
};

std::string_view CompressionAlgorithmName(CompressionAlgorithm algorithm) {
  return algorithm == CompressionAlgorithm::kZstd ? "zstd" : "zlib";
}

uint32_t CompressionCapabilities(const CompressionPolicy& policy) {
  return (policy.zlib ? kClientCompress : 0) | (policy.zstd ? kClientZstdCompressionAlgorithm : 0);
}

CompressionLayer::CompressionLayer(size_t max_packet_size, CompressionAlgorithm algorithm, int level)
    : max_packet_size_(max_packet_size), algorithm_(algorithm), level_(level) {}

CompressionLayer::~CompressionLayer() = default;

void CompressionLayer::SetAlgorithm(CompressionAlgorithm algorithm, int level) {
  algorithm_ = algorithm;
  level_ = level;
}

bool CompressionLayer::Decompress(std::string_view payload, char* out, size_t size) {
  if (algorithm_ == CompressionAlgorithm::kZstd) {
    if (zstd_ == nullptr) zstd_ = std::make_unique<ZstdContexts>();
    if (zstd_->decompress == nullptr) return false;
    // Writes at most `size` bytes: a frame that would expand further is an error.
    size_t produced = ZSTD_decompressDCtx(zstd_->decompress, out, size, payload.data(), payload.size());
    return !ZSTD_isError(produced) && produced == size;
  }
  uLongf produced = static_cast<uLongf>(size);
  int result = uncompress(reinterpret_cast<Bytef*>(out), &produced,
                          reinterpret_cast<const Bytef*>(payload.data()),
                          static_cast<uLong>(payload.size()));
  return result == Z_OK && produced == size;
}

Result<size_t> CompressionLayer::Consume(std::string_view input, std::string& plain) {
  if (input.size() < kCompressedHeaderSize) return 0;
  size_t length = ReadInt3(input);
  auto sequence = static_cast<uint8_t>(input[3]);
  size_t original = ReadInt3(input.substr(4));
  if (sequence != next_sequence_) return Status::Error(ER_NET_PACKETS_OUT_OF_ORDER);
  if (original > max_packet_size_ + 4 || (original == 0 && length > max_packet_size_ + 4)) {
    return Status::Error(ER_NET_PACKET_TOO_LARGE);
  }
  if (input.size() - kCompressedHeaderSize < length) return 0;
  std::string_view payload = input.substr(kCompressedHeaderSize, length);
  if (original == 0) {
    plain.append(payload);
  } else {
    size_t start = plain.size();
    plain.resize(start + original);
    if (!Decompress(payload, plain.data() + start, original)) {
      plain.resize(start);
      return Status::Error(ER_NET_UNCOMPRESS_ERROR);
    }
  }
  ++next_sequence_;
  return kCompressedHeaderSize + length;
}

bool CompressionLayer::CompressChunk(std::string_view chunk, std::string& buffer) {
  if (algorithm_ == CompressionAlgorithm::kZstd) {
    if (zstd_ == nullptr) zstd_ = std::make_unique<ZstdContexts>();
    if (zstd_->compress == nullptr) return false;
    buffer.resize(ZSTD_compressBound(chunk.size()));
    size_t size = ZSTD_compressCCtx(zstd_->compress, buffer.data(), buffer.size(), chunk.data(),
                                    chunk.size(), level_);
    if (ZSTD_isError(size) || size >= chunk.size()) return false;
    buffer.resize(size);
    return true;
  }
  uLongf bound = compressBound(static_cast<uLong>(chunk.size()));
  buffer.resize(bound);
  int result = compress(reinterpret_cast<Bytef*>(buffer.data()), &bound,
                        reinterpret_cast<const Bytef*>(chunk.data()),
                        static_cast<uLong>(chunk.size()));
  if (result != Z_OK || bound >= chunk.size()) return false;
  buffer.resize(bound);
  return true;
}

void CompressionLayer::Compress(std::string_view plain, std::string& out) {
  std::string buffer;
  do {
    std::string_view chunk = plain.substr(0, std::min(plain.size(), kMaxChunk));
    plain.remove_prefix(chunk.size());
    // Sent as it is when compressing does not make it smaller (or would not fit the
    // header's length).
    bool compressed = chunk.size() >= kMinCompressLength && CompressChunk(chunk, buffer);
    std::string_view payload = compressed ? std::string_view(buffer) : chunk;
    WriteInt3(out, payload.size());
    out.push_back(static_cast<char>(next_sequence_++));
    WriteInt3(out, compressed ? chunk.size() : 0);
    out.append(payload);
  } while (!plain.empty());
}

}  // namespace porpoise::protocol
