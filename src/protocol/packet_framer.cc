// PacketFramer implementation: chunk splitting on write, incremental joining on read.
// (protocol/)
#include "protocol/packet_framer.h"

#include <algorithm>
#include <cassert>
#include <utility>

namespace porpoise::protocol {
namespace {

void PutHeader(char* at, size_t length, uint8_t sequence) {
  at[0] = static_cast<char>(length & 0xff);
  at[1] = static_cast<char>((length >> 8) & 0xff);
  at[2] = static_cast<char>((length >> 16) & 0xff);
  at[3] = static_cast<char>(sequence);
}

}  // namespace

size_t PacketFramer::BeginPacket(std::string& out) {
  size_t start = out.size();
  out.append(kPacketHeaderSize, '\0');
  return start;
}

void PacketFramer::EndPacket(std::string& out, size_t start) {
  assert(out.size() >= start + kPacketHeaderSize);
  size_t length = out.size() - start - kPacketHeaderSize;
  if (length < kMaxChunkPayload) {
    PutHeader(&out[start], length, next_sequence_++);
    return;
  }
  // Rare: rebuild the tail as chunks.
  std::string payload = out.substr(start + kPacketHeaderSize);
  out.resize(start);
  size_t full_chunks = length / kMaxChunkPayload;
  out.reserve(start + length + (full_chunks + 1) * kPacketHeaderSize);
  std::string_view rest(payload);
  for (size_t chunk_index = 0; chunk_index <= full_chunks; ++chunk_index) {
    size_t chunk_length = std::min(rest.size(), kMaxChunkPayload);
    char header[kPacketHeaderSize];
    PutHeader(header, chunk_length, next_sequence_++);
    out.append(header, kPacketHeaderSize);
    out.append(rest.substr(0, chunk_length));
    rest.remove_prefix(chunk_length);
  }
}

void PacketFramer::AppendPacket(std::string_view payload, std::string& out) {
  size_t start = BeginPacket(out);
  out.append(payload);
  EndPacket(out, start);
}

namespace {
constexpr size_t kReserveLimit = 64 * 1024;
}  // namespace

Status PacketFramer::StartChunk() {
  auto byte = [this](size_t index) { return static_cast<uint8_t>(header_[index]); };
  size_t length = size_t{byte(0)} | (size_t{byte(1)} << 8) | (size_t{byte(2)} << 16);
  uint8_t sequence = byte(3);
  header_filled_ = 0;
  if (sequence != next_sequence_ && check_sequence_) {
    return Status::Error(ER_NET_PACKETS_OUT_OF_ORDER);
  }
  next_sequence_ = static_cast<uint8_t>(sequence + 1);
  if (payload_.size() + length > max_packet_size_) {
    return Status::Error(ER_NET_PACKET_TOO_LARGE);
  }
  // Reserve for small packets only: a header alone must not make the server allocate up to
  // 16 MiB before the bytes arrive; large payloads grow as they come in.
  payload_.reserve(payload_.size() + std::min(length, kReserveLimit));
  in_body_ = true;
  chunk_remaining_ = length;
  chunk_is_full_ = length == kMaxChunkPayload;
  return Status::OK();
}

Result<size_t> PacketFramer::Consume(std::string_view input) {
  size_t consumed = 0;
  while (!packet_ready_ && consumed < input.size()) {
    if (!in_body_) {
      size_t take = std::min(kPacketHeaderSize - header_filled_, input.size() - consumed);
      std::copy_n(input.data() + consumed, take, header_.data() + header_filled_);
      header_filled_ += take;
      consumed += take;
      if (header_filled_ < kPacketHeaderSize) break;
      PORPOISE_RETURN_IF_ERROR(StartChunk());
    }
    size_t take = std::min(chunk_remaining_, input.size() - consumed);
    payload_.append(input.data() + consumed, take);
    consumed += take;
    chunk_remaining_ -= take;
    if (chunk_remaining_ == 0) {
      in_body_ = false;
      if (!chunk_is_full_) packet_ready_ = true;
    }
  }
  return consumed;
}

std::string PacketFramer::TakePacket() {
  assert(packet_ready_);
  packet_ready_ = false;
  return std::exchange(payload_, std::string());
}

}  // namespace porpoise::protocol
