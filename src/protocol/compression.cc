// The compressed protocol's packets, with zlib. (protocol/)
#include "protocol/compression.h"

#include <zlib.h>

#include <algorithm>

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
    uLongf produced = static_cast<uLongf>(original);
    int result = uncompress(reinterpret_cast<Bytef*>(plain.data() + start), &produced,
                            reinterpret_cast<const Bytef*>(payload.data()),
                            static_cast<uLong>(payload.size()));
    if (result != Z_OK || produced != original) {
      plain.resize(start);
      return Status::Error(ER_NET_UNCOMPRESS_ERROR);
    }
  }
  ++next_sequence_;
  return kCompressedHeaderSize + length;
}

void CompressionLayer::Compress(std::string_view plain, std::string& out) {
  std::string buffer;
  do {
    std::string_view chunk = plain.substr(0, std::min(plain.size(), kMaxChunk));
    plain.remove_prefix(chunk.size());
    bool compressed = false;
    if (chunk.size() >= kMinCompressLength) {
      uLongf bound = compressBound(static_cast<uLong>(chunk.size()));
      buffer.resize(bound);
      int result = compress(reinterpret_cast<Bytef*>(buffer.data()), &bound,
                            reinterpret_cast<const Bytef*>(chunk.data()),
                            static_cast<uLong>(chunk.size()));
      // Sent as it is when compressing does not make it smaller (or would not fit the
      // header's length).
      compressed = result == Z_OK && bound < chunk.size();
      if (compressed) buffer.resize(bound);
    }
    std::string_view payload = compressed ? std::string_view(buffer) : chunk;
    WriteInt3(out, payload.size());
    out.push_back(static_cast<char>(next_sequence_++));
    WriteInt3(out, compressed ? chunk.size() : 0);
    out.append(payload);
  } while (!plain.empty());
}

}  // namespace porpoise::protocol
