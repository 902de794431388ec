// Round-trip and truncation tests for the packet structs: greeting, handshake response,
// OK/ERR/EOF, auth switch, column definitions, text rows, COM_CHANGE_USER. (protocol/)
#include <gtest/gtest.h>

#include <string>

#include "protocol/auth_packets.h"
#include "protocol/capabilities.h"
#include "protocol/command_packets.h"
#include "protocol/handshake.h"
#include "protocol/response_packets.h"
#include "protocol/result_set_packets.h"

namespace porpoise::protocol {
namespace {

template <typename Packet, typename... Args>
std::string EncodeToString(const Packet& packet, Args... args) {
  std::string out;
  ByteWriter writer(out);
  packet.Encode(writer, args...);
  return out;
}

// Every strict prefix of `bytes` must fail to decode (never crash, never read past the end).
template <typename DecodeFunction>
void ExpectPrefixesFail(const std::string& bytes, DecodeFunction decode) {
  for (size_t prefix = 0; prefix < bytes.size(); ++prefix) {
    ByteReader reader(std::string_view(bytes).substr(0, prefix));
    EXPECT_FALSE(decode(reader)) << "prefix " << prefix;
  }
}

TEST(HandshakeV10Test, LayoutAndRoundTrip) {
  HandshakeV10 greeting;
  greeting.server_version = "8.4.3-porpoise";
  greeting.connection_id = 42;
  greeting.auth_plugin_data = "ABCDEFGHIJKLMNOPQRST";
  greeting.capabilities = kServerCapabilities;
  greeting.status_flags = 2;
  greeting.auth_plugin_name = "caching_sha2_password";
  std::string bytes = EncodeToString(greeting);
  // 1 + 15 + 4 + 8 + 1 + 2 + 1 + 2 + 2 + 1 + 10 + 13 + 22
  ASSERT_EQ(bytes.size(), 82u);
  EXPECT_EQ(bytes[0], '\x0a');
  EXPECT_EQ(static_cast<uint8_t>(bytes[16 + 4 + 8 + 1 + 2 + 1 + 2 + 2]), 21);
  ByteReader reader(bytes);
  auto decoded = HandshakeV10::Decode(reader);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->server_version, greeting.server_version);
  EXPECT_EQ(decoded->connection_id, 42u);
  EXPECT_EQ(decoded->auth_plugin_data, greeting.auth_plugin_data);
  EXPECT_EQ(decoded->capabilities, kServerCapabilities);
  EXPECT_EQ(decoded->auth_plugin_name, "caching_sha2_password");
  EXPECT_EQ(EncodeToString(*decoded), bytes);
}

// Found by packet_decode_fuzzer: without CLIENT_PLUGIN_AUTH the auth-plugin-data length byte
// is not used, so a stray non-zero value there must not lengthen scramble part 2.
TEST(HandshakeV10Test, DataLengthIgnoredWithoutPluginAuth) {
  HandshakeV10 greeting;
  greeting.server_version = "5.5";
  greeting.auth_plugin_data = "ABCDEFGHIJKLMNOPQRST";
  greeting.capabilities = kClientProtocol41 | kClientSecureConnection;
  std::string bytes = EncodeToString(greeting);
  size_t length_byte = 1 + 4 + 4 + 8 + 1 + 2 + 1 + 2 + 2;
  ASSERT_EQ(bytes[length_byte], '\0');
  bytes[length_byte] = 40;
  bytes += "trailing bytes past part 2";
  ByteReader reader(bytes);
  auto decoded = HandshakeV10::Decode(reader);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->auth_plugin_data, greeting.auth_plugin_data);
  EXPECT_EQ(decoded->auth_plugin_name, "");
}

TEST(HandshakeResponse41Test, RoundTripWithEveryOptionalPart) {
  HandshakeResponse41 response;
  response.client_flags = kServerCapabilities;
  response.max_packet_size = 16777216;
  response.character_set = 45;
  response.user = "toluwase";
  response.auth_response = std::string(20, '\x7f');
  response.database = "shop";
  response.client_plugin_name = "mysql_native_password";
  response.has_connect_attributes = true;
  response.connect_attributes = {{"_client_name", "libmariadb"}, {"_pid", "1"}};
  std::string bytes = EncodeToString(response);
  ByteReader reader(bytes);
  auto decoded = HandshakeResponse41::Decode(reader, kServerCapabilities);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->user, "toluwase");
  EXPECT_EQ(decoded->database, "shop");
  EXPECT_EQ(decoded->client_plugin_name, "mysql_native_password");
  EXPECT_EQ(decoded->connect_attributes, response.connect_attributes);
  EXPECT_FALSE(decoded->ssl_request);
  EXPECT_EQ(EncodeToString(*decoded), bytes);
  ExpectPrefixesFail(bytes.substr(0, bytes.size() - 1), [](ByteReader& prefix_reader) {
    // Without CONNECT_ATTRS in the server set a cut inside the attributes is ignored, so
    // check against the full set.
    auto result = HandshakeResponse41::Decode(prefix_reader, kServerCapabilities);
    return result.ok() && result->connect_attributes.size() == 2;
  });
}

TEST(HandshakeResponse41Test, OneByteAuthLengthWithoutLenencFlag) {
  HandshakeResponse41 response;
  response.client_flags = kClientProtocol41 | kClientSecureConnection;
  response.user = "u";
  response.auth_response = "0123456789";
  std::string bytes = EncodeToString(response);
  ByteReader reader(bytes);
  auto decoded = HandshakeResponse41::Decode(reader, kServerCapabilities);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->auth_response, "0123456789");
}

TEST(HandshakeResponse41Test, FlagsTheServerDidNotOfferAreIgnored) {
  HandshakeResponse41 response;
  response.client_flags = kClientProtocol41 | kClientSecureConnection | kClientConnectWithDb;
  response.user = "u";
  response.database = "db";
  std::string bytes = EncodeToString(response);
  ByteReader reader(bytes);
  auto decoded =
      HandshakeResponse41::Decode(reader, kClientProtocol41 | kClientSecureConnection);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->database, "");
}

// Found by packet_decode_fuzzer: a packet that ends before its connection attributes (though
// CONNECT_ATTRS and ZSTD are flagged) re-encodes without a level byte, which would otherwise
// be read back as an empty attribute block.
TEST(HandshakeResponse41Test, NoZstdLevelWithoutAttributes) {
  HandshakeResponse41 response;
  response.client_flags =
      kClientProtocol41 | kClientSecureConnection | kClientConnectAttrs |
      kClientZstdCompressionAlgorithm;
  response.user = "u";
  std::string bytes = EncodeToString(response);
  EXPECT_EQ(bytes.size(), 32u + 2 + 1);  // fixed part, "u\0", auth length 0
  ByteReader reader(bytes);
  auto decoded = HandshakeResponse41::Decode(reader, 0xffffffffu);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_FALSE(decoded->has_connect_attributes);
  EXPECT_EQ(decoded->zstd_compression_level, 0);

  response.has_connect_attributes = true;
  response.zstd_compression_level = 3;
  bytes = EncodeToString(response);
  ByteReader full_reader(bytes);
  decoded = HandshakeResponse41::Decode(full_reader, 0xffffffffu);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_TRUE(decoded->has_connect_attributes);
  EXPECT_EQ(decoded->zstd_compression_level, 3);
}

TEST(HandshakeResponse41Test, Pre41ClientIsABadHandshake) {
  std::string bytes(32, '\0');
  bytes[0] = 1;
  ByteReader reader(bytes);
  auto decoded = HandshakeResponse41::Decode(reader, kServerCapabilities);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), ER_HANDSHAKE_ERROR);
}

TEST(OkPacketTest, EncodesLenencCountersStatusAndInfo) {
  OkPacket ok;
  ok.affected_rows = 300;
  ok.last_insert_id = 7;
  ok.status_flags = 2;
  ok.warnings = 1;
  ok.info = "Rows matched: 1";
  std::string bytes = EncodeToString(ok, kServerCapabilities);
  EXPECT_EQ(bytes.substr(0, 5), std::string("\x00\xfc\x2c\x01\x07", 5));
  EXPECT_EQ(bytes.substr(9), std::string("\x0fRows matched: 1"));
  ByteReader reader(bytes);
  auto decoded = OkPacket::Decode(reader, kServerCapabilities);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->affected_rows, 300u);
  EXPECT_EQ(decoded->warnings, 1);
  EXPECT_EQ(decoded->info, "Rows matched: 1");
  ExpectPrefixesFail(bytes.substr(0, 9), [](ByteReader& prefix_reader) {
    return OkPacket::Decode(prefix_reader, kServerCapabilities).ok();
  });
}

TEST(OkPacketTest, SessionTrackCarriesStateChanges) {
  uint32_t capabilities = kClientProtocol41 | kClientSessionTrack;
  OkPacket ok;
  ok.status_flags = server_status::kAutocommit | server_status::kSessionStateChanged;
  ok.state_changes = {{SessionStateChange::Kind::kSchema, "", "shop"},
                      {SessionStateChange::Kind::kSystemVariable, "autocommit", "OFF"},
                      {SessionStateChange::Kind::kStateChange, "", "1"}};
  std::string bytes = EncodeToString(ok, capabilities);
  // Empty info, then the entries: type, length, data (a variable's name and value).
  EXPECT_EQ(bytes.substr(7), std::string("\x00\x1c\x01\x05\x04shop\x00\x0f\x0a" "autocommit\x03OFF"
                                         "\x02\x02\x01" "1", 30));
  ByteReader reader(bytes);
  Result<OkPacket> decoded = OkPacket::Decode(reader, capabilities);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  ASSERT_EQ(decoded->state_changes.size(), 3u);
  EXPECT_EQ(decoded->state_changes[0].value, "shop");
  EXPECT_EQ(decoded->state_changes[1].name, "autocommit");
  EXPECT_EQ(decoded->state_changes[1].value, "OFF");
  // Without the flag nothing follows the info; without the capability the old form.
  OkPacket plain;
  plain.status_flags = server_status::kAutocommit;
  EXPECT_EQ(EncodeToString(plain, capabilities).size(), 7u);
  plain.info = "Rows matched: 1";
  EXPECT_EQ(EncodeToString(plain, capabilities).size(), 7u + 1 + plain.info.size());
}

TEST(OkPacketTest, EofHeadedOkEndsAResultSet) {
  OkPacket ok;
  ok.header = kEofHeader;
  ok.status_flags = 0x000a;
  std::string bytes = EncodeToString(ok, kServerCapabilities);
  EXPECT_EQ(bytes, std::string("\xfe\x00\x00\x0a\x00\x00\x00", 7));
}

TEST(ErrPacketTest, CarriesSqlstateOnlyWithProtocol41) {
  ErrPacket err = ErrPacket::FromStatus(Status::Error(ER_ACCESS_DENIED_ERROR, "u", "h", "YES"));
  std::string with_state = EncodeToString(err, kClientProtocol41);
  EXPECT_EQ(with_state.substr(0, 9), std::string("\xff\x15\x04#28000", 9));
  EXPECT_EQ(with_state.substr(9), "Access denied for user 'u'@'h' (using password: YES)");
  std::string without_state = EncodeToString(err, 0u);
  EXPECT_EQ(without_state.substr(3), err.message);
  ByteReader reader(with_state);
  auto decoded = ErrPacket::Decode(reader, kClientProtocol41);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->error_code, 1045);
  EXPECT_EQ(decoded->sql_state, "28000");
}

TEST(EofPacketTest, RoundTrip) {
  EofPacket eof{3, 0x22};
  std::string bytes = EncodeToString(eof, kClientProtocol41);
  EXPECT_EQ(bytes, std::string("\xfe\x03\x00\x22\x00", 5));
  ByteReader reader(bytes);
  auto decoded = EofPacket::Decode(reader, kClientProtocol41);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->warnings, 3);
  EXPECT_EQ(decoded->status_flags, 0x22);
}

TEST(AuthPacketsTest, AuthSwitchAndMoreData) {
  AuthSwitchRequest request{"mysql_native_password", std::string("01234567890123456789\0", 21)};
  std::string bytes = EncodeToString(request);
  EXPECT_EQ(bytes[0], '\xfe');
  ByteReader reader(bytes);
  auto decoded = AuthSwitchRequest::Decode(reader);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->plugin_name, "mysql_native_password");
  EXPECT_EQ(decoded->plugin_data, request.plugin_data);
  AuthMoreData more{"\x03"};
  EXPECT_EQ(EncodeToString(more), "\x01\x03");
}

TEST(ColumnDefinition41Test, RoundTrip) {
  ColumnDefinition41 definition;
  definition.column.schema = "shop";
  definition.column.table = "t";
  definition.column.org_table = "items";
  definition.column.name = "n";
  definition.column.org_name = "id";
  definition.column.collation = collation_id::kBinary;
  definition.column.length = 11;
  definition.column.type = FieldType::kLong;
  definition.column.flags = column_flag::kNotNull | column_flag::kPrimaryKey;
  std::string bytes = EncodeToString(definition);
  ByteReader reader(bytes);
  auto decoded = ColumnDefinition41::Decode(reader);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->column.org_table, "items");
  EXPECT_EQ(decoded->column.type, FieldType::kLong);
  EXPECT_EQ(decoded->column.flags, definition.column.flags);
  EXPECT_EQ(EncodeToString(*decoded), bytes);
  ExpectPrefixesFail(bytes, [](ByteReader& prefix_reader) {
    return ColumnDefinition41::Decode(prefix_reader).ok();
  });
}

TEST(TextRowTest, NullsAndValues) {
  TextValue values[] = {std::string_view("1"), std::nullopt, std::string_view("")};
  std::string bytes;
  ByteWriter writer(bytes);
  EncodeTextRow(values, writer);
  EXPECT_EQ(bytes, std::string("\x01" "1" "\xfb\x00", 4));
  ByteReader reader(bytes);
  auto row = DecodeTextRow(reader, 3);
  ASSERT_TRUE(row.ok());
  EXPECT_EQ((*row)[0], "1");
  EXPECT_FALSE((*row)[1].has_value());
  EXPECT_EQ((*row)[2], "");
  ByteReader short_reader(std::string_view(bytes).substr(0, 3));
  EXPECT_FALSE(DecodeTextRow(short_reader, 3).ok());
}

TEST(ComChangeUserTest, RoundTripAndTruncation) {
  ComChangeUser change;
  change.user = "bob";
  change.auth_response = std::string(20, 'a');
  change.database = "shop";
  change.has_character_set = true;
  change.character_set = 45;
  change.client_plugin_name = "mysql_native_password";
  std::string bytes = EncodeToString(change, kServerCapabilities);
  ByteReader reader(bytes);
  auto decoded = ComChangeUser::Decode(reader, kServerCapabilities);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->user, "bob");
  EXPECT_EQ(decoded->database, "shop");
  EXPECT_EQ(decoded->client_plugin_name, "mysql_native_password");
  EXPECT_EQ(EncodeToString(*decoded, kServerCapabilities), bytes);
  // Cut before the optional tail: the required part must be complete.
  ExpectPrefixesFail(bytes.substr(0, 4 + 21 + 5), [](ByteReader& prefix_reader) {
    return ComChangeUser::Decode(prefix_reader, kServerCapabilities).ok();
  });
}

TEST(CommandPacketsTest, KillAndSetOption) {
  std::string kill("\x05\x00\x00\x00", 4);
  ByteReader reader(kill);
  EXPECT_EQ(DecodeComProcessKill(reader).value(), 5u);
  std::string short_option("\x01", 1);
  ByteReader option_reader(short_option);
  EXPECT_FALSE(DecodeComSetOption(option_reader).ok());
}

}  // namespace
}  // namespace porpoise::protocol
