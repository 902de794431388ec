// Connection state machine over a scripted MemoryTransport (no sockets): an auth_socket login
// with a known peer uid, then commands fed in arbitrary splits; checks the packets written,
// including CLIENT_DEPRECATE_EOF against the old EOF form. (server/ tests)
#include "server/connection.h"

#include <gtest/gtest.h>
#include <pwd.h>
#include <unistd.h>

#include "auth/sha2_cache.h"
#include "protocol/capabilities.h"
#include "protocol/compression.h"
#include "protocol/handshake.h"
#include "protocol/response_packets.h"
#include "server/fake_session_test_util.h"

namespace porpoise::server {
namespace {

using namespace protocol;  // NOLINT: test brevity

std::string Frame(const std::string& payload, uint8_t sequence) {
  std::string out;
  out.push_back(static_cast<char>(payload.size() & 0xff));
  out.push_back(static_cast<char>((payload.size() >> 8) & 0xff));
  out.push_back(static_cast<char>((payload.size() >> 16) & 0xff));
  out.push_back(static_cast<char>(sequence));
  return out + payload;
}

std::string Login(uint32_t extra_flags, uint8_t zstd_level = 0) {
  HandshakeResponse41 response;
  response.zstd_compression_level = zstd_level;
  response.client_flags = kClientProtocol41 | kClientSecureConnection | kClientPluginAuth |
                          kClientPluginAuthLenencClientData | extra_flags;
  response.max_packet_size = 1 << 24;
  response.character_set = 45;
  response.user = "sockuser";
  response.client_plugin_name = "auth_socket";
  std::string payload;
  ByteWriter writer(payload);
  response.Encode(writer);
  return Frame(payload, 1);
}

std::string Command(char command, const std::string& argument = "") {
  return Frame(std::string(1, command) + argument, 0);
}

std::vector<std::string> Packets(const std::string& wire) {
  std::vector<std::string> packets;
  size_t offset = 0;
  while (offset + 4 <= wire.size()) {
    size_t length = static_cast<uint8_t>(wire[offset]) |
                    (static_cast<size_t>(static_cast<uint8_t>(wire[offset + 1])) << 8) |
                    (static_cast<size_t>(static_cast<uint8_t>(wire[offset + 2])) << 16);
    packets.push_back(wire.substr(offset + 4, length));
    offset += 4 + length;
  }
  return packets;
}

uint16_t ErrorCode(const std::string& packet) {
  if (packet.size() < 3 || packet[0] != '\xff') return 0;
  return static_cast<uint16_t>(static_cast<uint8_t>(packet[1]) |
                               (static_cast<uint8_t>(packet[2]) << 8));
}

class ConnectionTest : public ::testing::Test {
 protected:
  ConnectionTest() {
    auth::Account sock;
    sock.user = "sockuser";
    sock.host = "localhost";
    sock.plugin = "auth_socket";
    passwd* entry = ::getpwuid(::getuid());
    sock.auth_string = entry != nullptr ? entry->pw_name : "root";
    accounts_.Replace(std::make_shared<const auth::AccountSnapshot>(
        std::vector<auth::Account>{sock}, std::vector<auth::DatabaseGrant>{},
        std::vector<auth::TableGrant>{}));
  }

  // Runs a connection over `wire`, delivered in pieces of `piece` bytes.
  std::vector<std::string> Run(const std::string& wire, size_t piece = 1) {
    std::vector<std::string> chunks;
    for (size_t offset = 0; offset < wire.size(); offset += piece) {
      chunks.push_back(wire.substr(offset, piece));
    }
    net::MemoryTransport transport(std::move(chunks));
    net::PeerInfo peer;
    peer.unix_socket = true;
    peer.uid = ::getuid();
    {
      Connection connection(context_, transport, peer, registry_.NextConnectionId());
      connection.Run();
      EXPECT_EQ(connection.phase(), Connection::Phase::kClosing);
    }
    EXPECT_EQ(registry_.size(), 0u);
    return Packets(transport.written());
  }

  ServerOptions options_;
  FakeSessionFactory factory_;
  auth::AccountStore accounts_;
  auth::Sha2PasswordCache cache_;
  ConnectionRegistry registry_;
  ServerContext context_{options_, factory_, accounts_, nullptr, cache_, registry_};
};

TEST_F(ConnectionTest, DeprecateEofEndsResultSetWithFeHeadedOk) {
  auto packets = Run(Login(kClientDeprecateEof) + Command(0x03, "SELECT 7") + Command(0x01));
  ASSERT_EQ(packets.size(), 6u);
  EXPECT_EQ(packets[1][0], '\x00');              // login OK
  EXPECT_EQ(packets[2], "\x01");                 // one column
  EXPECT_EQ(packets[4], "\x01" "7");             // the row; no EOF before it
  ASSERT_EQ(packets[5].size(), 7u);              // 0xFE OK, not a 5-byte EOF
  EXPECT_EQ(packets[5][0], '\xfe');
  EXPECT_EQ(factory_.identities().at(0).client_collation, 45);
}

TEST_F(ConnectionTest, OldEofFormSurroundsRows) {
  auto packets = Run(Login(0) + Command(0x03, "SELECT 8") + Command(0x01), 3);
  ASSERT_EQ(packets.size(), 7u);
  EXPECT_EQ(packets[4], std::string("\xfe\x00\x00\x02\x00", 5));  // after the definitions
  EXPECT_EQ(packets[5], "\x01" "8");
  EXPECT_EQ(packets[6], std::string("\xfe\x00\x00\x02\x00", 5));
}

TEST_F(ConnectionTest, UnknownCommandsAndExceptionsKeepTheConnection) {
  auto packets = Run(Login(0) + Command(0x1d) + Command(0x1b, std::string("\x00\x00", 2)) +
                     Command(0x03, "THROW") + Command(0x0c, std::string("\x39\x30\x00\x00", 4)) +
                     Command(0x0e) + Command(0x09) + Command(0x01));
  ASSERT_EQ(packets.size(), 8u);
  EXPECT_EQ(ErrorCode(packets[2]), ER_UNKNOWN_COM_ERROR);
  EXPECT_EQ(packets[3], std::string("\xfe\x00\x00\x02\x00", 5));  // COM_SET_OPTION: EOF
  EXPECT_EQ(ErrorCode(packets[4]), ER_UNKNOWN_ERROR);
  EXPECT_EQ(ErrorCode(packets[5]), ER_NO_SUCH_THREAD);
  EXPECT_EQ(packets[5].substr(9), "Unknown thread id: 12345");
  EXPECT_EQ(packets[6][0], '\x00');  // ping
  EXPECT_EQ(packets[7], "Uptime: 1  Threads: 1  Questions: 0");
}

TEST_F(ConnectionTest, MalformedCommandClosesWith1835) {
  auto packets = Run(Login(0) + Command(0x0c, "\x01") + Command(0x0e));
  ASSERT_EQ(packets.size(), 3u);
  EXPECT_EQ(ErrorCode(packets[2]), ER_MALFORMED_PACKET);
}

TEST_F(ConnectionTest, WrongSequenceClosesWith1156) {
  auto packets = Run(Login(0) + Frame("\x0e", 3));
  ASSERT_EQ(packets.size(), 3u);
  EXPECT_EQ(ErrorCode(packets[2]), ER_NET_PACKETS_OUT_OF_ORDER);
}

TEST_F(ConnectionTest, TruncatedHandshakeResponseIsBadHandshake) {
  std::string login = Login(0);
  std::string payload = login.substr(4, 20);
  auto packets = Run(Frame(payload, 1));
  ASSERT_EQ(packets.size(), 2u);
  EXPECT_EQ(ErrorCode(packets[1]), ER_HANDSHAKE_ERROR);
  // Before the client's capabilities are known, no '#'+SQLSTATE (MySQL does the same).
  EXPECT_NE(packets[1][3], '#');
  EXPECT_EQ(registry_.Counters().aborted_connects, 1u);
}

TEST_F(ConnectionTest, CommandPacketOverMaxAllowedPacketIs1153) {
  options_.max_allowed_packet = 100;
  auto packets = Run(Login(0) + Command(0x03, std::string(200, 'x')), 64);
  ASSERT_EQ(packets.size(), 3u);
  EXPECT_EQ(ErrorCode(packets[2]), ER_NET_PACKET_TOO_LARGE);
}

TEST_F(ConnectionTest, GreetingAdvertisesHonestCapabilities) {
  auto packets = Run("");
  ASSERT_EQ(packets.size(), 1u);
  ByteReader reader(packets[0]);
  auto greeting = HandshakeV10::Decode(reader);
  ASSERT_TRUE(greeting.ok());
  EXPECT_EQ(greeting->capabilities, kServerCapabilities);
  EXPECT_FALSE(greeting->capabilities & kClientSsl);
  EXPECT_TRUE(greeting->capabilities & kClientQueryAttributes);
  EXPECT_TRUE(greeting->capabilities & kClientZstdCompressionAlgorithm);
  EXPECT_EQ(greeting->auth_plugin_data.size(), 20u);
  EXPECT_EQ(greeting->auth_plugin_name, "caching_sha2_password");
  EXPECT_EQ(greeting->server_version, "8.4.3-porpoise");
  EXPECT_EQ(greeting->status_flags, 2);
}

// A command as a client sends it on a compressed connection: its own compressed sequence.
std::string Compressed(const std::string& packets, CompressionAlgorithm algorithm, int level) {
  CompressionLayer layer(1 << 24, algorithm, level);
  std::string wire;
  layer.Compress(packets, wire);
  return wire;
}

// The packets inside a compressed reply stream. Each reply continues the sequence of its
// command, so every compressed packet is read as the first of a fresh sequence.
std::vector<std::string> Uncompressed(std::string wire, CompressionAlgorithm algorithm) {
  std::string plain;
  size_t at = 0;
  while (at + kCompressedHeaderSize <= wire.size()) {
    CompressionLayer layer(1 << 24, algorithm, 3);
    wire[at + 3] = 0;
    Result<size_t> used = layer.Consume(std::string_view(wire).substr(at), plain);
    EXPECT_TRUE(used.ok()) << used.status().ToString();
    if (!used.ok() || *used == 0) break;
    at += *used;
  }
  return Packets(plain);
}

TEST_F(ConnectionTest, ZstdConnectionCompressesBothWaysAtTheClientsLevel) {
  std::string login = Login(kClientZstdCompressionAlgorithm, 7);
  std::string commands =
      Compressed(Command(0x03, "SELECT " + std::string(80, '9')), CompressionAlgorithm::kZstd, 7) +
      Compressed(Command(0x01), CompressionAlgorithm::kZstd, 7);
  net::MemoryTransport transport({login + commands});
  net::PeerInfo peer;
  peer.unix_socket = true;
  peer.uid = ::getuid();
  {
    Connection connection(context_, transport, peer, registry_.NextConnectionId());
    connection.Run();
  }
  const std::string& written = transport.written();
  // The greeting and the login OK go uncompressed; the rest is zstd.
  auto first = Packets(written);
  ASSERT_GE(first.size(), 2u);
  size_t head = 4 + first[0].size() + 4 + first[1].size();
  EXPECT_EQ(first[1][0], '\x00');
  auto packets = Uncompressed(written.substr(head), CompressionAlgorithm::kZstd);
  ASSERT_EQ(packets.size(), 5u);  // count, definition, EOF, row, EOF
  EXPECT_EQ(packets[3], "\x50" + std::string(80, '9'));  // the row, 80 characters
  ASSERT_EQ(factory_.identities().size(), 1u);
  EXPECT_EQ(factory_.identities()[0].compression_algorithm, "zstd");
  EXPECT_EQ(factory_.identities()[0].compression_level, 7);
}

TEST_F(ConnectionTest, ZlibWinsWhenTheClientSetsBothFlags) {
  auto packets = Run(Login(kClientCompress | kClientZstdCompressionAlgorithm, 3));
  ASSERT_EQ(packets.size(), 2u);
  EXPECT_EQ(packets[1][0], '\x00');
  EXPECT_EQ(factory_.identities().at(0).compression_algorithm, "zlib");
  EXPECT_EQ(factory_.identities().at(0).compression_level, 6);
}

TEST_F(ConnectionTest, ZstdLevelOutsideOneToTwentyTwoIs3923) {
  for (uint8_t level : {0, 23}) {
    auto packets = Run(Login(kClientZstdCompressionAlgorithm, level));
    ASSERT_EQ(packets.size(), 2u);
    EXPECT_EQ(ErrorCode(packets[1]), ER_WRONG_COMPRESSION_LEVEL_CLIENT);
    EXPECT_NE(packets[1].find("algorithm 'zstd'"), std::string::npos);
  }
}

TEST_F(ConnectionTest, CompressionAlgorithmsDecideTheOfferAndTheFallback) {
  std::string policy = "zstd";
  context_.compression_algorithms = [&policy] { return policy; };
  // Only zstd permitted: the greeting offers no zlib, and a client without zstd is refused.
  auto refused = Run(Login(kClientCompress));
  ASSERT_EQ(refused.size(), 2u);
  ByteReader reader(refused[0]);
  auto greeting = HandshakeV10::Decode(reader);
  ASSERT_TRUE(greeting.ok());
  EXPECT_EQ(greeting->capabilities & kCompressionCapabilities, kClientZstdCompressionAlgorithm);
  EXPECT_EQ(ErrorCode(refused[1]), ER_WRONG_COMPRESSION_ALGORITHM_CLIENT);
  EXPECT_NE(refused[1].find("Invalid compression algorithm 'uncompressed'."), std::string::npos);
  // zlib and uncompressed: a zstd client falls back to an uncompressed connection.
  policy = "ZLIB,uncompressed";
  auto fallback = Run(Login(kClientZstdCompressionAlgorithm, 3) + Command(0x0e) + Command(0x01));
  ASSERT_EQ(fallback.size(), 3u);
  EXPECT_EQ(fallback[2][0], '\x00');  // the ping's OK, uncompressed
  EXPECT_EQ(factory_.identities().back().compression_algorithm, "");
  EXPECT_EQ(factory_.identities().back().compression_level, 0);
}

TEST_F(ConnectionTest, QueryAttributePrefixesAreReadAndMalformedOnesAre1835) {
  auto packets = Run(Login(kClientQueryAttributes | kClientDeprecateEof) +
                     Command(0x03, std::string("\x01\x02", 2) + "SELECT 1") +
                     Command(0x03, std::string("\x00\x01", 2) + "SELECT 5") +
                     Command(0x03, std::string("\x01\x01\x00\x01\x08\x00\x01n", 8) +
                                       std::string("\x07\x00\x00\x00\x00\x00\x00\x00", 8) +
                                       "SELECT 6") +
                     Command(0x01));
  ASSERT_EQ(packets.size(), 11u);
  EXPECT_EQ(ErrorCode(packets[2]), ER_MALFORMED_PACKET);  // the connection goes on
  EXPECT_EQ(packets[5], "\x01" "5");
  EXPECT_EQ(packets[9], "\x01" "6");
}

}  // namespace
}  // namespace porpoise::server
