// Tests for PacketFramer: headers, sequence ids, 16 MiB splitting and joining, size limits
// and byte-at-a-time input. (protocol/)
#include "protocol/packet_framer.h"

#include <gtest/gtest.h>

#include <string>

namespace porpoise::protocol {
namespace {

constexpr size_t kLimit = 64u * 1024 * 1024;

// Parses the chunk headers of a framed byte string: (length, sequence) pairs.
std::vector<std::pair<size_t, int>> Chunks(const std::string& framed) {
  std::vector<std::pair<size_t, int>> chunks;
  size_t offset = 0;
  while (offset + 4 <= framed.size()) {
    auto byte = [&](size_t index) { return size_t{static_cast<uint8_t>(framed[offset + index])}; };
    size_t length = byte(0) | (byte(1) << 8) | (byte(2) << 16);
    chunks.emplace_back(length, static_cast<int>(byte(3)));
    offset += 4 + length;
  }
  EXPECT_EQ(offset, framed.size());
  return chunks;
}

TEST(PacketFramerTest, SmallPacketHasOneHeader) {
  PacketFramer framer(kLimit);
  std::string out;
  framer.AppendPacket("\x03select 1", out);
  framer.AppendPacket("", out);
  EXPECT_EQ(out.substr(0, 4), std::string("\x09\x00\x00\x00", 4));
  EXPECT_EQ(out.substr(13), std::string("\x00\x00\x00\x01", 4));
  EXPECT_EQ(framer.next_sequence_id(), 2);
}

TEST(PacketFramerTest, SplitsAtExactlyMaxChunkWithEmptyTail) {
  PacketFramer framer(kLimit);
  std::string out;
  framer.AppendPacket(std::string(kMaxChunkPayload, 'a'), out);
  auto chunks = Chunks(out);
  ASSERT_EQ(chunks.size(), 2u);
  EXPECT_EQ(chunks[0], std::make_pair(kMaxChunkPayload, 0));
  EXPECT_EQ(chunks[1], std::make_pair(size_t{0}, 1));
}

TEST(PacketFramerTest, SplitsTwiceMaxChunk) {
  PacketFramer framer(kLimit);
  std::string out;
  framer.AppendPacket(std::string(2 * kMaxChunkPayload, 'b'), out);
  auto chunks = Chunks(out);
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(chunks[1], std::make_pair(kMaxChunkPayload, 1));
  EXPECT_EQ(chunks[2], std::make_pair(size_t{0}, 2));
}

TEST(PacketFramerTest, OneBelowMaxChunkIsNotSplit) {
  PacketFramer framer(kLimit);
  std::string out;
  framer.AppendPacket(std::string(kMaxChunkPayload - 1, 'c'), out);
  EXPECT_EQ(Chunks(out).size(), 1u);
}

TEST(PacketFramerTest, BeginEndAfterOtherPacketsKeepsEarlierBytes) {
  PacketFramer framer(kLimit);
  std::string out;
  framer.AppendPacket("first", out);
  size_t start = framer.BeginPacket(out);
  out.append(kMaxChunkPayload + 5, 'd');
  framer.EndPacket(out, start);
  auto chunks = Chunks(out);
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(chunks[0], std::make_pair(size_t{5}, 0));
  EXPECT_EQ(chunks[2], std::make_pair(size_t{5}, 2));
}

// Writes then reads back payloads around the chunk boundaries, feeding the reader in pieces.
TEST(PacketFramerTest, JoinRoundTripsAroundBoundaries) {
  for (size_t length : {size_t{0}, size_t{1}, kMaxChunkPayload - 1, kMaxChunkPayload,
                        kMaxChunkPayload + 1, 2 * kMaxChunkPayload}) {
    std::string payload(length, 'p');
    if (length > 2) payload[length / 2] = 'q';
    PacketFramer writer(kLimit);
    std::string wire;
    writer.AppendPacket(payload, wire);
    wire.append("NEXT");  // bytes of a following packet must not be consumed
    PacketFramer reader(kLimit);
    size_t offset = 0;
    while (!reader.HasPacket()) {
      std::string_view piece = std::string_view(wire).substr(offset, 1000003);
      auto consumed = reader.Consume(piece);
      ASSERT_TRUE(consumed.ok());
      offset += *consumed;
    }
    EXPECT_EQ(offset, wire.size() - 4) << length;
    EXPECT_EQ(reader.TakePacket(), payload) << length;
    EXPECT_EQ(reader.next_sequence_id(), writer.next_sequence_id());
  }
}

TEST(PacketFramerTest, ByteAtATimeInput) {
  PacketFramer writer(kLimit);
  std::string wire;
  writer.AppendPacket("hello", wire);
  writer.AppendPacket("", wire);
  PacketFramer reader(kLimit);
  std::vector<std::string> packets;
  for (char byte : wire) {
    auto consumed = reader.Consume(std::string_view(&byte, 1));
    ASSERT_TRUE(consumed.ok());
    EXPECT_EQ(*consumed, 1u);
    if (reader.HasPacket()) packets.push_back(reader.TakePacket());
  }
  ASSERT_EQ(packets.size(), 2u);
  EXPECT_EQ(packets[0], "hello");
  EXPECT_EQ(packets[1], "");
  EXPECT_FALSE(reader.InsidePacket());
}

TEST(PacketFramerTest, WrongSequenceIsOutOfOrder) {
  std::string wire("\x01\x00\x00\x05\x0e", 5);
  PacketFramer reader(kLimit);
  auto consumed = reader.Consume(wire);
  ASSERT_FALSE(consumed.ok());
  EXPECT_EQ(consumed.status().code(), ER_NET_PACKETS_OUT_OF_ORDER);
}

TEST(PacketFramerTest, ResetSequenceStartsACommandAtZero) {
  PacketFramer framer(kLimit);
  std::string out;
  framer.AppendPacket("x", out);
  framer.AppendPacket("y", out);
  framer.ResetSequence();
  auto consumed = framer.Consume(std::string("\x01\x00\x00\x00\x0e", 5));
  ASSERT_TRUE(consumed.ok());
  EXPECT_TRUE(framer.HasPacket());
  EXPECT_EQ(framer.next_sequence_id(), 1);
}

TEST(PacketFramerTest, OversizedPacketIsRejectedFromItsHeader) {
  PacketFramer reader(1024);
  std::string header("\x01\x04\x00\x00", 4);  // 1025 bytes announced
  auto consumed = reader.Consume(header);
  ASSERT_FALSE(consumed.ok());
  EXPECT_EQ(consumed.status().code(), ER_NET_PACKET_TOO_LARGE);
  PacketFramer exact(1024);
  std::string wire("\x00\x04\x00\x00", 4);
  wire.append(1024, 'z');
  ASSERT_TRUE(exact.Consume(wire).ok());
  EXPECT_TRUE(exact.HasPacket());
}

TEST(PacketFramerTest, JoinedSizeCountsAgainstTheLimit) {
  PacketFramer writer(kLimit);
  std::string wire;
  writer.AppendPacket(std::string(kMaxChunkPayload + 10, 'l'), wire);
  PacketFramer reader(kMaxChunkPayload + 9);
  auto consumed = reader.Consume(wire);
  ASSERT_FALSE(consumed.ok());
  EXPECT_EQ(consumed.status().code(), ER_NET_PACKET_TOO_LARGE);
}

TEST(PacketFramerTest, PartialPacketIsReportedAsInside) {
  PacketFramer reader(kLimit);
  ASSERT_TRUE(reader.Consume(std::string("\x05\x00", 2)).ok());
  EXPECT_TRUE(reader.InsidePacket());
  EXPECT_FALSE(reader.HasPacket());
}

}  // namespace
}  // namespace porpoise::protocol
