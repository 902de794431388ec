// Golden packets captured from real clients (libmariadb's mariadb CLI, PyMySQL, the
// libmariadb C API) by testdata/capture_client_packets.py: decoding and re-encoding each must
// reproduce its bytes exactly. (protocol/)
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "protocol/capabilities.h"
#include "protocol/command_packets.h"
#include "protocol/handshake.h"

namespace porpoise::protocol {
namespace {

// The greeting the capture tool sends: scramble "abcdefghijklmnopqrst".
constexpr uint32_t kCaptureServerCapabilities = kServerCapabilities;

std::string LoadHex(const std::string& name) {
  std::ifstream file(std::string(PORPOISE_PROTOCOL_TESTDATA) + "/" + name);
  EXPECT_TRUE(file.good()) << name;
  std::stringstream text;
  text << file.rdbuf();
  std::string hex = text.str();
  std::string bytes;
  for (size_t index = 0; index + 1 < hex.size(); index += 2) {
    if (hex[index] == '\n') break;
    bytes.push_back(static_cast<char>(std::stoi(hex.substr(index, 2), nullptr, 16)));
  }
  return bytes;
}

std::string Reencode(const HandshakeResponse41& response) {
  std::string out;
  ByteWriter writer(out);
  response.Encode(writer);
  return out;
}

HandshakeResponse41 DecodeGolden(const std::string& bytes, uint32_t server_caps) {
  ByteReader reader(bytes);
  auto decoded = HandshakeResponse41::Decode(reader, server_caps);
  EXPECT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_TRUE(reader.empty());
  return decoded.ok() ? *decoded : HandshakeResponse41{};
}

std::string Attribute(const HandshakeResponse41& response, const std::string& key) {
  for (const auto& [name, value] : response.connect_attributes) {
    if (name == key) return value;
  }
  return "<missing>";
}

TEST(GoldenPacketsTest, MariadbCliNativeWithDatabase) {
  std::string bytes = LoadHex("handshake_response_mariadb_cli_native.hex");
  HandshakeResponse41 response = DecodeGolden(bytes, kCaptureServerCapabilities);
  EXPECT_EQ(response.user, "alice");
  EXPECT_EQ(response.database, "shop");
  EXPECT_EQ(response.client_plugin_name, "mysql_native_password");
  EXPECT_EQ(response.auth_response.size(), 20u);
  EXPECT_EQ(Attribute(response, "_client_name"), "libmariadb");
  EXPECT_EQ(Attribute(response, "program_name"), "mysql");
  // libmariadb sets CLIENT_SESSION_TRACK even though the greeting does not offer it.
  EXPECT_TRUE(response.client_flags & kClientSessionTrack);
  EXPECT_FALSE(response.client_flags & kClientDeprecateEof);
  EXPECT_EQ(Reencode(response), bytes);
}

TEST(GoldenPacketsTest, MariadbCliCachingSha2) {
  std::string bytes = LoadHex("handshake_response_mariadb_cli_caching_sha2.hex");
  HandshakeResponse41 response = DecodeGolden(bytes, kCaptureServerCapabilities);
  EXPECT_EQ(response.client_plugin_name, "caching_sha2_password");
  EXPECT_EQ(response.auth_response.size(), 32u);
  EXPECT_EQ(response.database, "");
  EXPECT_EQ(Reencode(response), bytes);
}

TEST(GoldenPacketsTest, MariadbCliSslRequest) {
  std::string bytes = LoadHex("handshake_response_mariadb_cli_ssl_request.hex");
  ASSERT_EQ(bytes.size(), 32u);
  HandshakeResponse41 response = DecodeGolden(bytes, kCaptureServerCapabilities | kClientSsl);
  EXPECT_TRUE(response.ssl_request);
  EXPECT_EQ(Reencode(response), bytes);
}

TEST(GoldenPacketsTest, PyMysqlNativeWithDatabase) {
  std::string bytes = LoadHex("handshake_response_pymysql_native_db.hex");
  HandshakeResponse41 response = DecodeGolden(bytes, kCaptureServerCapabilities);
  EXPECT_EQ(response.user, "alice");
  EXPECT_EQ(response.database, "shop");
  EXPECT_EQ(response.max_packet_size, 16777215u);
  EXPECT_EQ(Attribute(response, "_client_name"), "pymysql");
  EXPECT_EQ(Reencode(response), bytes);
}

TEST(GoldenPacketsTest, PyMysqlEmptyPasswordCachingSha2) {
  std::string bytes = LoadHex("handshake_response_pymysql_caching_sha2.hex");
  HandshakeResponse41 response = DecodeGolden(bytes, kCaptureServerCapabilities);
  EXPECT_EQ(response.user, "bob");
  EXPECT_EQ(response.auth_response, "");
  EXPECT_EQ(response.client_plugin_name, "caching_sha2_password");
  EXPECT_EQ(Reencode(response), bytes);
}

TEST(GoldenPacketsTest, LibmariadbWithoutDatabase) {
  std::string bytes = LoadHex("handshake_response_libmariadb_no_db.hex");
  HandshakeResponse41 response = DecodeGolden(bytes, kCaptureServerCapabilities);
  EXPECT_FALSE(response.client_flags & kClientConnectWithDb);
  EXPECT_EQ(Reencode(response), bytes);
}

TEST(GoldenPacketsTest, LibmariadbComChangeUser) {
  HandshakeResponse41 login = DecodeGolden(
      LoadHex("handshake_response_libmariadb_no_db.hex"), kCaptureServerCapabilities);
  uint32_t negotiated = login.client_flags & kCaptureServerCapabilities;
  std::string packet = LoadHex("com_change_user_libmariadb.hex");
  ASSERT_EQ(packet[0], static_cast<char>(Command::kChangeUser));
  std::string bytes = packet.substr(1);
  ByteReader reader(bytes);
  auto change = ComChangeUser::Decode(reader, negotiated);
  ASSERT_TRUE(change.ok()) << change.status().ToString();
  EXPECT_TRUE(reader.empty());
  EXPECT_EQ(change->user, "bob");
  EXPECT_EQ(change->database, "shop");
  EXPECT_EQ(change->auth_response.size(), 20u);
  EXPECT_EQ(change->character_set, 45);
  EXPECT_EQ(change->client_plugin_name, "mysql_native_password");
  EXPECT_TRUE(change->has_connect_attributes);
  std::string out;
  ByteWriter writer(out);
  change->Encode(writer, negotiated);
  EXPECT_EQ(out, bytes);
}

}  // namespace
}  // namespace porpoise::protocol
