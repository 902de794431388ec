// Tests of the compressed protocol layer, zlib and zstd: round trips of short, long and
// incompressible streams, input arriving a byte at a time, sequence checks, corrupt payloads
// and declared lengths that do not match. (protocol/)
#include "protocol/compression.h"

#include <gtest/gtest.h>

#include <zstd.h>

#include <random>
#include <string>

#include "protocol/capabilities.h"

namespace porpoise::protocol {
namespace {

std::string RoundTrip(const std::string& plain, size_t piece,
                      CompressionAlgorithm algorithm = CompressionAlgorithm::kZlib, int level = 6) {
  CompressionLayer writer(64u << 20, algorithm, level);
  CompressionLayer reader(64u << 20, algorithm, level);
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

// A compressed packet's header before `payload`.
std::string Header(size_t length, uint8_t sequence, size_t original) {
  std::string header;
  for (size_t value : {length}) {
    header.push_back(static_cast<char>(value & 0xff));
    header.push_back(static_cast<char>((value >> 8) & 0xff));
    header.push_back(static_cast<char>((value >> 16) & 0xff));
  }
  header.push_back(static_cast<char>(sequence));
  header.push_back(static_cast<char>(original & 0xff));
  header.push_back(static_cast<char>((original >> 8) & 0xff));
  header.push_back(static_cast<char>((original >> 16) & 0xff));
  return header;
}

std::string ZstdFrame(const std::string& plain, int level = 3) {
  std::string frame(ZSTD_compressBound(plain.size()), '\0');
  size_t size = ZSTD_compress(frame.data(), frame.size(), plain.data(), plain.size(), level);
  EXPECT_FALSE(ZSTD_isError(size));
  frame.resize(size);
  return frame;
}

TEST(CompressionTest, ZstdRoundTripsAtEveryLevelAndAcrossPackets) {
  std::string repetitive;
  for (int i = 0; i < 5000; ++i) repetitive += "row " + std::to_string(i % 37) + ";";
  for (int level : {kMinZstdLevel, 3, 9, kMaxZstdLevel}) {
    CompressionLayer layer(1u << 20, CompressionAlgorithm::kZstd, level);
    std::string wire;
    layer.Compress(repetitive, wire);
    EXPECT_LT(wire.size(), repetitive.size() / 5) << level;
    // One zstd frame per compressed packet, as MySQL's peers expect.
    EXPECT_EQ(ZSTD_getFrameContentSize(wire.data() + kCompressedHeaderSize,
                                       wire.size() - kCompressedHeaderSize),
              repetitive.size());
    EXPECT_EQ(RoundTrip(repetitive, 5, CompressionAlgorithm::kZstd, level), repetitive);
  }
  EXPECT_EQ(RoundTrip("short", 1, CompressionAlgorithm::kZstd, 3), "short");
  std::mt19937 random(7);
  std::string noise(3000, '\0');
  for (char& c : noise) c = static_cast<char>(random());
  EXPECT_EQ(RoundTrip(noise, 1, CompressionAlgorithm::kZstd, 3), noise);
  // Several packets, the byte stream split anywhere: sequence ids count them in turn.
  std::string huge(0xffffff + 4096, 'z');
  huge[0xffffff] = 'y';
  EXPECT_EQ(RoundTrip(huge, 1 << 20, CompressionAlgorithm::kZstd, 1), huge);
  CompressionLayer writer(64u << 20, CompressionAlgorithm::kZstd, 3);
  std::string wire;
  writer.Compress(std::string(300, 'a'), wire);
  writer.Compress(std::string(300, 'b'), wire);
  CompressionLayer reader(64u << 20, CompressionAlgorithm::kZstd, 3);
  std::string plain;
  size_t first = reader.Consume(wire, plain).value();
  ASSERT_GT(first, 0u);
  EXPECT_EQ(plain, std::string(300, 'a'));
  EXPECT_EQ(reader.Consume(std::string_view(wire).substr(first), plain).value(), wire.size() - first);
  EXPECT_EQ(plain, std::string(300, 'a') + std::string(300, 'b'));
}

TEST(CompressionTest, ZstdCorruptOrMislabelledInputIsAnError) {
  std::string plain;
  std::string text(400, 'k');
  std::string frame = ZstdFrame(text);
  // Declared length shorter or longer than the frame's content.
  for (size_t declared : {text.size() - 1, text.size() + 1}) {
    CompressionLayer layer(1u << 20, CompressionAlgorithm::kZstd, 3);
    std::string wire = Header(frame.size(), 0, declared) + frame;
    EXPECT_EQ(layer.Consume(wire, plain).status().code(), ER_NET_UNCOMPRESS_ERROR) << declared;
    EXPECT_TRUE(plain.empty());
  }
  // Flipped bytes, truncated frames, garbage and a zlib payload.
  std::mt19937 random(11);
  for (int round = 0; round < 200; ++round) {
    std::string broken = frame;
    broken[random() % broken.size()] ^= static_cast<char>(1 + random() % 255);
    if (round % 3 == 1) broken.resize(random() % broken.size());
    CompressionLayer layer(1u << 20, CompressionAlgorithm::kZstd, 3);
    std::string out;
    Result<size_t> used = layer.Consume(Header(broken.size(), 0, text.size()) + broken, out);
    if (used.ok()) {
      // zstd frames carry no checksum (as MySQL's): a flip it cannot notice still gives
      // exactly the declared length.
      EXPECT_EQ(out.size(), text.size());
    } else {
      EXPECT_EQ(used.status().code(), ER_NET_UNCOMPRESS_ERROR);
      EXPECT_TRUE(out.empty());
    }
  }
  CompressionLayer zlib(1u << 20);
  std::string zlib_wire;
  zlib.Compress(text, zlib_wire);
  CompressionLayer zstd(1u << 20, CompressionAlgorithm::kZstd, 3);
  EXPECT_EQ(zstd.Consume(zlib_wire, plain).status().code(), ER_NET_UNCOMPRESS_ERROR);
}

TEST(CompressionTest, ZstdBombIsBoundedByTheDeclaredLengthAndThePacketLimit) {
  // 64 MiB of zeros compress to a few kilobytes.
  std::string bomb = ZstdFrame(std::string(64u << 20, '\0'), 19);
  ASSERT_LT(bomb.size(), 1u << 16);
  std::string plain;
  // Declared small: decompression stops at the declared size and fails.
  CompressionLayer small(1u << 20, CompressionAlgorithm::kZstd, 3);
  EXPECT_EQ(small.Consume(Header(bomb.size(), 0, 1000) + bomb, plain).status().code(),
            ER_NET_UNCOMPRESS_ERROR);
  EXPECT_TRUE(plain.empty());
  // Declared past the packet limit: refused before anything is decompressed.
  CompressionLayer limited(4096, CompressionAlgorithm::kZstd, 3);
  EXPECT_EQ(limited.Consume(Header(bomb.size(), 0, 0xffffff) + bomb, plain).status().code(),
            ER_NET_PACKET_TOO_LARGE);
  EXPECT_TRUE(plain.empty());
}

TEST(CompressionTest, PolicyParsesTheVariablesListAndGivesTheGreetingFlags) {
  std::optional<CompressionPolicy> all = CompressionPolicy::Parse("zlib,zstd,uncompressed");
  ASSERT_TRUE(all.has_value());
  EXPECT_TRUE(all->zlib && all->zstd && all->uncompressed);
  EXPECT_EQ(CompressionCapabilities(*all), kClientCompress | kClientZstdCompressionAlgorithm);
  std::optional<CompressionPolicy> zstd = CompressionPolicy::Parse("ZSTD");
  ASSERT_TRUE(zstd.has_value());
  EXPECT_EQ(CompressionCapabilities(*zstd), kClientZstdCompressionAlgorithm);
  EXPECT_FALSE(zstd->uncompressed);
  EXPECT_EQ(CompressionCapabilities(CompressionPolicy::Parse("uncompressed").value()), 0u);
  for (std::string_view bad : {"", "lz4", "zlib,", ",zlib", "zlib, zstd", "zlib,zstd,zlib,zstd"}) {
    EXPECT_FALSE(CompressionPolicy::Parse(bad).has_value()) << bad;
  }
  EXPECT_EQ(CompressionAlgorithmName(CompressionAlgorithm::kZstd), "zstd");
}

}  // namespace
}  // namespace porpoise::protocol
