// Tests of the compressed protocol layer: round trips of short, long and incompressible
// streams, input arriving a byte at a time, sequence checks and corrupt payloads. (protocol/)
#include "protocol/compression.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace porpoise::protocol {
namespace {

std::string RoundTrip(const std::string& plain, size_t piece) {
  CompressionLayer writer(64u << 20);
  CompressionLayer reader(64u << 20);
  std::string wire;
  writer.Compress(plain, wire);
  std::string received, pending;
  for (size_t at = 0; at < wire.size(); at += piece) {
    pending.append(wire, at, piece);
    while (true) {
      Result<size_t> used = reader.Consume(pending, received);
      EXPECT_TRUE(used.ok()) << used.status().ToString();
      if (!used.ok() || *used == 0) break;
      pending.erase(0, *used);
    }
  }
  EXPECT_TRUE(pending.empty());
  return received;
}

TEST(CompressionTest, ShortPayloadsTravelUncompressed) {
  CompressionLayer layer(1024);
  std::string wire;
  layer.Compress("tiny", wire);
  ASSERT_EQ(wire.size(), kCompressedHeaderSize + 4);
  EXPECT_EQ(wire.substr(0, 7), std::string("\x04\x00\x00\x00\x00\x00\x00", 7));
  EXPECT_EQ(RoundTrip("tiny", 1), "tiny");
}

TEST(CompressionTest, RoundTripsRepetitiveRandomAndHugeStreams) {
  std::string repetitive(100000, 'a');
  CompressionLayer layer(1u << 20);
  std::string wire;
  layer.Compress(repetitive, wire);
  EXPECT_LT(wire.size(), repetitive.size() / 10);
  EXPECT_EQ(RoundTrip(repetitive, 7), repetitive);
  std::mt19937 random(42);
  std::string noise(5000, '\0');
  for (char& c : noise) c = static_cast<char>(random());
  EXPECT_EQ(RoundTrip(noise, 1), noise);
  // More than 0xffffff bytes: several compressed packets, numbered in turn.
  std::string huge(0xffffff + 100, 'q');
  EXPECT_EQ(RoundTrip(huge, 1 << 20), huge);
}

TEST(CompressionTest, SequenceAndCorruptionErrors) {
  CompressionLayer writer(1024);
  std::string wire;
  writer.Compress(std::string(200, 'x'), wire);
  std::string plain;
  CompressionLayer reader(1024);
  std::string out_of_order = wire;
  out_of_order[3] = 5;
  EXPECT_EQ(reader.Consume(out_of_order, plain).status().code(), ER_NET_PACKETS_OUT_OF_ORDER);
  std::string corrupt = wire;
  corrupt[kCompressedHeaderSize + 2] ^= 0x55;
  CompressionLayer fresh(1024);
  EXPECT_EQ(fresh.Consume(corrupt, plain).status().code(), ER_NET_UNCOMPRESS_ERROR);
  CompressionLayer small(100);
  EXPECT_EQ(small.Consume(wire, plain).status().code(), ER_NET_PACKET_TOO_LARGE);
  // A header alone is not consumed.
  CompressionLayer waiting(1024);
  EXPECT_EQ(waiting.Consume(wire.substr(0, 9), plain).value(), 0u);
}

}  // namespace
}  // namespace porpoise::protocol
