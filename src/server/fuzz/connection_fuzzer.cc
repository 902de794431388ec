// Fuzz target: a whole client connection against server::Connection over a MemoryTransport:
// the greeting, the login, then the command loop with the real dispatch table, the prepared
// statements' wire state (bound types, long data, cursors), COM_CHANGE_USER's second login and
// the compressed protocol (zlib and zstd) under the packets. The decoders' own fuzzers
// (protocol/fuzz) check values; this one checks that nothing the client sends in any order
// breaks the connection's state machine: it must always end, leave the registry empty, and
// (uncompressed) write only whole packets. (server/fuzz)
//
// Input: byte 0 chooses the login:
//   bits 0-1  compression: 1 zlib (CLIENT_COMPRESS), 2 zstd (level 3), 0 and 3 none;
//   bit 2     CLIENT_QUERY_ATTRIBUTES;   bit 3 CLIENT_DEPRECATE_EOF;
//   bit 4     CLIENT_MULTI_STATEMENTS;   bit 5 CLIENT_SESSION_TRACK;
//   bit 6     with compression: the rest is the compressed stream as is (otherwise each
//             framed packet of the rest is compressed here, one command at a time);
//   bit 7     no login is made up: the rest is everything the client sends, from its
//             handshake response (sequence 1) on.
// Otherwise a login as 'fuzz' (mysql_native_password, no password) with those flags comes
// first and the rest is the command phase: packets framed as on the wire, each command at
// sequence 0. The session behind the connection is a small scripted one (FuzzSession).
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/account.h"
#include "auth/privileges.h"
#include "auth/sha2_cache.h"
#include "net/transport.h"
#include "protocol/byte_writer.h"
#include "protocol/capabilities.h"
#include "protocol/compression.h"
#include "protocol/handshake.h"
#include "protocol/packet_framer.h"
#include "server/connection.h"
#include "server/connection_registry.h"
#include "server/logger.h"
#include "server/server_options.h"
#include "server/session_handler.h"

namespace porpoise::server {
namespace {

constexpr size_t kMaxPacket = 1 << 16;

[[noreturn]] void Fail(const char* what) {
  std::fprintf(stderr, "connection_fuzzer: %s\n", what);
  std::abort();
}

void Check(bool condition, const char* what) {
  if (!condition) Fail(what);
}

// A session that answers every command without an engine: "S..." statements return a small
// result set, "E..." an error, anything else an OK with a state change; any text prepares,
// with one parameter per '?' (and columns for "S..."), and executing returns the parameters
// as rows (so a cursor has rows to fetch).
class FuzzSession : public SessionHandler {
 public:
  void ComQuery(std::string_view sql, bool multi_statements, ResultSink& sink) override {
    if (sql.empty()) return sink.SendError(Status::Error(ER_EMPTY_QUERY));
    bool more = multi_statements && sql.find(';') != std::string_view::npos;
    switch (sql[0]) {
      case 'S':
        SendRows(sql, more, sink);
        break;
      case 'E':
        return sink.SendError(Status::Error(ER_PARSE_ERROR, sql, 1));
      default: {
        OkResult ok;
        ok.affected_rows = sql.size();
        ok.info = std::string(sql.substr(0, 16));
        ok.state_changes.push_back({SessionStateChange::Kind::kSchema, "", ok.info});
        sink.SendOk(ok, more);
        break;
      }
    }
    if (more) sink.SendOk(OkResult{}, false);
  }
  Result<PreparedStatementInfo> ComStmtPrepare(std::string_view sql) override {
    if (sql.starts_with("E")) return Status::Error(ER_PARSE_ERROR, sql, 1);
    PreparedStatementInfo info;
    info.id = ++next_id_;
    size_t marks = static_cast<size_t>(std::count(sql.begin(), sql.end(), '?'));
    info.parameter_count = static_cast<uint16_t>(std::min<size_t>(marks, 0xffff));
    if (!sql.empty() && sql[0] == 'S') info.columns = Columns();
    prepared_.push_back(info);
    return info;
  }
  void ComStmtExecute(uint32_t id, std::span<const ParameterValue> parameters,
                      ResultSink& sink) override {
    auto found = std::find_if(prepared_.begin(), prepared_.end(),
                              [id](const PreparedStatementInfo& info) { return info.id == id; });
    if (found == prepared_.end()) {
      return sink.SendError(
          Status::Error(ER_UNKNOWN_STMT_HANDLER, std::to_string(id), "mysqld_stmt_execute"));
    }
    if (found->columns.empty()) return sink.SendOk(OkResult{}, false);
    sink.SendResultSetHeader(found->columns);
    for (const ParameterValue& value : parameters) {
      FieldValue row[] = {value.kind == ParameterValue::Kind::kNull ? FieldValue::Null()
                                                                    : FieldValue::Text(value.text),
                          FieldValue::Signed(value.integer)};
      if (!sink.SendRow(row)) return;
    }
    sink.SendResultSetEnd(false);
  }
  void ComStmtClose(uint32_t id) override {
    std::erase_if(prepared_, [id](const PreparedStatementInfo& info) { return info.id == id; });
  }
  void ComStmtReset(uint32_t /*id*/) override {}
  Result<std::vector<ColumnInfo>> ComFieldList(std::string_view table,
                                               std::string_view wildcard) override {
    if (table.empty()) return Status::Error(ER_NO_SUCH_TABLE, "db", table);
    std::vector<ColumnInfo> columns = Columns();
    for (ColumnInfo& column : columns) column.table = std::string(table) + std::string(wildcard);
    return columns;
  }
  Status ComInitDb(std::string_view database) override {
    if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
    database_ = std::string(database);
    return Status::OK();
  }
  std::vector<SessionStateChange> TakeStateChanges() override {
    return {{SessionStateChange::Kind::kSchema, "", database_}};
  }
  std::string ComStatistics() override { return "Uptime: 1  Threads: 1  Questions: 0"; }
  void ComResetConnection() override { prepared_.clear(); }
  Status ComProcessKill(uint32_t id) override {
    return Status::Error(ER_NO_SUCH_THREAD, static_cast<unsigned long>(id));
  }
  Status ComDebug() override { return Status::OK(); }
  uint16_t ServerStatus() const override { return 2; }
  uint16_t WarningCount() const override { return 0; }
  uint32_t IdleTimeoutSeconds() const override { return 28800; }
  void InterruptQuery() override {}

 private:
  static std::vector<ColumnInfo> Columns() {
    std::vector<ColumnInfo> columns(2);
    columns[0].name = "a";
    columns[1].name = "b";
    columns[1].type = FieldType::kLongLong;
    return columns;
  }
  static void SendRows(std::string_view sql, bool more, ResultSink& sink) {
    std::vector<ColumnInfo> columns = Columns();
    sink.SendResultSetHeader(columns);
    for (size_t i = 0; i < std::min<size_t>(sql.size(), 8); ++i) {
      FieldValue row[] = {i % 3 == 0 ? FieldValue::Null() : FieldValue::Text(sql.substr(i)),
                          FieldValue::Signed(static_cast<int64_t>(i))};
      if (!sink.SendRow(row)) return;
    }
    sink.SendResultSetEnd(more);
  }

  uint32_t next_id_ = 0;
  std::string database_;
  std::vector<PreparedStatementInfo> prepared_;
};

class FuzzSessionFactory : public SessionHandlerFactory {
 public:
  Result<std::unique_ptr<SessionHandler>> Open(const SessionIdentity& /*identity*/) override {
    return std::unique_ptr<SessionHandler>(std::make_unique<FuzzSession>());
  }
};

// What every connection shares, made once: one account, 'fuzz'@'%' with no password.
struct Server {
  Server() {
    // The error log would print a line for most inputs.
    int null_fd = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null_fd >= 0) SetLogFd(null_fd);
    options.default_authentication_plugin = "mysql_native_password";
    auth::Account account;
    account.user = "fuzz";
    account.host = "%";
    account.plugin = "mysql_native_password";
    account.global_privileges = auth::Bit(auth::Privilege::kSuper);
    accounts.Replace(std::make_shared<const auth::AccountSnapshot>(
        std::vector<auth::Account>{account}, std::vector<auth::DatabaseGrant>{},
        std::vector<auth::TableGrant>{}));
  }

  ServerOptions options;
  FuzzSessionFactory factory;
  auth::AccountStore accounts;
  auth::Sha2PasswordCache cache;
  ConnectionRegistry registry;
  ServerContext context{options, factory, accounts, nullptr, cache, registry};
};

std::string Frame(std::string_view payload, uint8_t sequence) {
  std::string out;
  for (int shift : {0, 8, 16}) out.push_back(static_cast<char>((payload.size() >> shift) & 0xff));
  out.push_back(static_cast<char>(sequence));
  out.append(payload);
  return out;
}

std::string Login(uint32_t flags, uint8_t zstd_level) {
  protocol::HandshakeResponse41 response;
  response.client_flags = flags;
  response.max_packet_size = 1 << 24;
  response.character_set = 45;
  response.user = "fuzz";
  response.client_plugin_name = "mysql_native_password";
  response.has_connect_attributes = true;
  response.connect_attributes = {{"_client_name", "fuzz"}};
  response.zstd_compression_level = zstd_level;
  std::string payload;
  protocol::ByteWriter writer(payload);
  response.Encode(writer);
  return Frame(payload, 1);
}

// The command stream as a compressing client sends it: each command's packet in compressed
// packets of its own, the compressed sequence restarting with the command. Bytes that do not
// frame go last, in one more compressed packet.
std::string Compress(std::string_view stream, protocol::CompressionAlgorithm algorithm) {
  protocol::CompressionLayer layer(kMaxPacket, algorithm, 3);
  protocol::PacketFramer framer(kMaxPacket);
  std::string out;
  while (!stream.empty()) {
    Result<size_t> used = framer.Consume(stream);
    if (!used.ok() || !framer.HasPacket()) break;
    std::string packet = framer.TakePacket();
    framer.ResetSequence();
    layer.ResetSequence();
    layer.Compress(Frame(packet, 0), out);
    stream.remove_prefix(*used);
  }
  if (!stream.empty()) {
    layer.ResetSequence();
    layer.Compress(stream, out);
  }
  return out;
}

// Whether `written` is a run of whole packets.
bool WholePackets(std::string_view written) {
  while (!written.empty()) {
    if (written.size() < protocol::kPacketHeaderSize) return false;
    size_t length = static_cast<uint8_t>(written[0]) |
                    (size_t{static_cast<uint8_t>(written[1])} << 8) |
                    (size_t{static_cast<uint8_t>(written[2])} << 16);
    if (written.size() - protocol::kPacketHeaderSize < length) return false;
    written.remove_prefix(protocol::kPacketHeaderSize + length);
  }
  return true;
}

}  // namespace
}  // namespace porpoise::server

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace porpoise;
  using namespace porpoise::server;
  static Server* server = new Server();  // never destroyed: connections may log at exit
  if (size == 0) return 0;
  uint8_t selector = data[0];
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);

  std::vector<std::string> chunks;
  bool compressed = false;
  if (selector & 0x80) {
    chunks.emplace_back(rest);
  } else {
    uint32_t flags = protocol::kClientProtocol41 | protocol::kClientSecureConnection |
                     protocol::kClientPluginAuth | protocol::kClientPluginAuthLenencClientData |
                     protocol::kClientConnectAttrs | protocol::kClientTransactions;
    std::optional<protocol::CompressionAlgorithm> algorithm;
    if ((selector & 0x03) == 1) {
      flags |= protocol::kClientCompress;
      algorithm = protocol::CompressionAlgorithm::kZlib;
    } else if ((selector & 0x03) == 2) {
      flags |= protocol::kClientZstdCompressionAlgorithm;
      algorithm = protocol::CompressionAlgorithm::kZstd;
    }
    if (selector & 0x04) flags |= protocol::kClientQueryAttributes;
    if (selector & 0x08) flags |= protocol::kClientDeprecateEof;
    if (selector & 0x10) flags |= protocol::kClientMultiStatements;
    if (selector & 0x20) flags |= protocol::kClientSessionTrack;
    chunks.push_back(Login(flags, 3));
    compressed = algorithm.has_value();
    if (compressed && !(selector & 0x40)) {
      chunks.push_back(Compress(rest, *algorithm));
    } else {
      chunks.emplace_back(rest);
    }
  }

  net::MemoryTransport transport(std::move(chunks));
  net::PeerInfo peer;
  peer.ip = "127.0.0.1";
  peer.port = 40000;
  {
    Connection connection(server->context, transport, peer, server->registry.NextConnectionId());
    connection.Run();
    Check(connection.phase() == Connection::Phase::kClosing, "Run returned before closing");
  }
  Check(server->registry.size() == 0, "the connection stayed registered");
  if (!compressed && !(selector & 0x80)) {
    Check(WholePackets(transport.written()), "the server wrote a partial packet");
  }
  return 0;
}
