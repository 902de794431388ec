// End-to-end tests of the wire half: a real Server on 127.0.0.1 (port 0) and a unix socket
// in a temp dir, a scripted SessionHandler, real accounts, and REAL libmariadb clients.
// (server/ tests)
#include "server/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <mysql.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

#include "auth/rsa_keys.h"
#include "server/fake_session_test_util.h"

namespace porpoise::server {
namespace {

std::string OsUser() {
  passwd* entry = ::getpwuid(::getuid());
  return entry != nullptr ? entry->pw_name : "root";
}

auth::Account MakeAccount(std::string user, std::string host, std::string plugin,
                          std::string password, bool locked = false) {
  auth::Account account;
  account.user = std::move(user);
  account.host = std::move(host);
  account.plugin = std::move(plugin);
  if (account.plugin == "auth_socket") {
    account.auth_string = OsUser();
  } else if (!password.empty()) {
    account.auth_string = auth::FindAuthPlugin(account.plugin)->HashPassword(password).value();
  }
  account.locked = locked;
  return account;
}

std::shared_ptr<const auth::AccountSnapshot> DefaultAccounts() {
  std::vector<auth::Account> accounts = {
      MakeAccount("native", "%", "mysql_native_password", "nativepw"),
      MakeAccount("sha2", "%", "caching_sha2_password", "sha2pw"),
      MakeAccount("nopw", "%", "caching_sha2_password", ""),
      MakeAccount("sockuser", "localhost", "auth_socket", ""),
      MakeAccount("locked", "%", "mysql_native_password", "lockedpw", /*locked=*/true),
      MakeAccount("boss", "%", "mysql_native_password", "bosspw"),
  };
  accounts.back().global_privileges = auth::Bit(auth::Privilege::kSuper);
  return std::make_shared<const auth::AccountSnapshot>(std::move(accounts),
                                                       std::vector<auth::DatabaseGrant>{},
                                                       std::vector<auth::TableGrant>{});
}

// Owns a MYSQL handle.
struct Client {
  MYSQL* handle = mysql_init(nullptr);
  Client() {
    unsigned int timeout = 10;
    mysql_optionsv(handle, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    mysql_optionsv(handle, MYSQL_OPT_READ_TIMEOUT, &timeout);
    unsigned long max_packet = 256ul * 1024 * 1024;
    mysql_optionsv(handle, MYSQL_OPT_MAX_ALLOWED_PACKET, &max_packet);
  }
  ~Client() { mysql_close(handle); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;
  unsigned int error() { return mysql_errno(handle); }
  std::string message() { return mysql_error(handle); }
  // The single value of a one-row result, or "<error N>".
  std::string Value(const std::string& sql) {
    if (mysql_real_query(handle, sql.data(), sql.size()) != 0) {
      return "<error " + std::to_string(error()) + ">";
    }
    MYSQL_RES* result = mysql_store_result(handle);
    if (result == nullptr) return "<no result>";
    MYSQL_ROW row = mysql_fetch_row(result);
    unsigned long* lengths = mysql_fetch_lengths(result);
    std::string value = row && row[0] ? std::string(row[0], lengths[0]) : "<null>";
    mysql_free_result(result);
    return value;
  }
};

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char directory[] = "/tmp/porpoise-server-XXXXXX";
    ASSERT_NE(::mkdtemp(directory), nullptr);
    directory_ = directory;
    accounts_.Replace(DefaultAccounts());
  }
  void TearDown() override {
    StopServer();
    std::filesystem::remove_all(directory_);
  }

  void StartServer(ServerOptions options = {}, const auth::RsaKeyPair* rsa = nullptr) {
    options.bind_addresses = {"127.0.0.1"};
    options.port = 0;
    options.socket_path = directory_ + "/mysqld.sock";
    server_ = std::make_unique<Server>(options, factory_, accounts_, rsa);
    Status status = server_->Start();
    ASSERT_TRUE(status.ok()) << status.ToString();
    port_ = server_->BoundPorts().at(0);
    runner_ = std::thread([this] { server_->Run(); });
  }
  void StopServer() {
    if (!server_) return;
    server_->Stop();
    runner_.join();
    server_.reset();
  }

  bool ConnectTcp(Client& client, const char* user, const char* password,
                  const char* database = nullptr, unsigned long flags = 0) {
    return mysql_real_connect(client.handle, "127.0.0.1", user, password, database, port_,
                              nullptr, flags) != nullptr;
  }
  bool ConnectSocket(Client& client, const char* user, const char* password,
                     const char* database = nullptr) {
    return mysql_real_connect(client.handle, "localhost", user, password, database, 0,
                              (directory_ + "/mysqld.sock").c_str(), 0) != nullptr;
  }

  std::string directory_;
  auth::AccountStore accounts_;
  FakeSessionFactory factory_;
  std::unique_ptr<Server> server_;
  std::thread runner_;
  uint16_t port_ = 0;
};

TEST_F(ServerTest, NativeLoginOverTcpRunsQueries) {
  StartServer();
  Client client;
  ASSERT_TRUE(ConnectTcp(client, "native", "nativepw", "shop")) << client.message();
  EXPECT_EQ(client.Value("SELECT 42"), "42");
  EXPECT_EQ(client.Value("WHOAMI"), "native@127.0.0.1/shop");
  EXPECT_STREQ(mysql_get_server_info(client.handle), "8.4.3-porpoise");
  EXPECT_EQ(client.Value("bogus"), "<error 1064>");
  EXPECT_STREQ(mysql_sqlstate(client.handle), "42000");
  // Rows with NULLs, enough to need several flushes.
  ASSERT_EQ(mysql_query(client.handle, "ROWS 20000"), 0);
  MYSQL_RES* result = mysql_store_result(client.handle);
  ASSERT_NE(result, nullptr);
  EXPECT_EQ(mysql_num_rows(result), 20000u);
  mysql_data_seek(result, 19999);
  MYSQL_ROW row = mysql_fetch_row(result);
  EXPECT_STREQ(row[0], "19999");
  EXPECT_EQ(row[1], nullptr);
  mysql_free_result(result);
  SessionIdentity identity = factory_.identities().at(0);
  EXPECT_EQ(identity.account_user, "native");
  EXPECT_EQ(identity.account_host, "%");
  EXPECT_FALSE(identity.over_unix_socket);
}

TEST_F(ServerTest, WrongPasswordAndUnknownUserAre1045) {
  StartServer();
  Client wrong;
  EXPECT_FALSE(ConnectTcp(wrong, "native", "nope"));
  EXPECT_EQ(wrong.error(), 1045u);
  EXPECT_EQ(wrong.message(),
            "Access denied for user 'native'@'127.0.0.1' (using password: YES)");
  EXPECT_STREQ(mysql_sqlstate(wrong.handle), "28000");
  Client unknown;
  EXPECT_FALSE(ConnectTcp(unknown, "ghost", ""));
  EXPECT_EQ(unknown.error(), 1045u);
  EXPECT_EQ(unknown.message(), "Access denied for user 'ghost'@'127.0.0.1' (using password: NO)");
  Client sha2_wrong;
  EXPECT_FALSE(ConnectSocket(sha2_wrong, "sha2", "nope"));
  EXPECT_EQ(sha2_wrong.error(), 1045u);
  EXPECT_GE(server_->registry().Counters().aborted_connects, 3u);
}

TEST_F(ServerTest, HostWithNoAccountGets1130) {
  std::vector<auth::Account> accounts = {
      MakeAccount("native", "10.%", "mysql_native_password", "nativepw")};
  accounts_.Replace(std::make_shared<const auth::AccountSnapshot>(
      std::move(accounts), std::vector<auth::DatabaseGrant>{}, std::vector<auth::TableGrant>{}));
  StartServer();
  Client client;
  EXPECT_FALSE(ConnectTcp(client, "native", "nativepw"));
  EXPECT_EQ(client.error(), 1130u);
  EXPECT_EQ(client.message(), "Host '127.0.0.1' is not allowed to connect to this MySQL server");
}

TEST_F(ServerTest, LockedAccountAndUnknownDatabase) {
  StartServer();
  Client locked;
  EXPECT_FALSE(ConnectTcp(locked, "locked", "lockedpw"));
  EXPECT_EQ(locked.error(), 3118u);
  Client nodb;
  EXPECT_FALSE(ConnectTcp(nodb, "native", "nativepw", "nodb"));
  EXPECT_EQ(nodb.error(), 1049u);
  EXPECT_EQ(nodb.message(), "Unknown database 'nodb'");
}

// The greeting offers caching_sha2_password; a native account makes the server switch.
TEST_F(ServerTest, AuthSwitchToNativeAndBack) {
  StartServer();
  Client native;
  ASSERT_TRUE(ConnectTcp(native, "native", "nativepw")) << native.message();
  ServerOptions options;
  options.default_authentication_plugin = "mysql_native_password";
  StopServer();
  StartServer(options);
  Client sha2;
  // Greeting says native, account says caching_sha2: switch the other way, then full auth
  // over the (secure) unix socket.
  ASSERT_TRUE(ConnectSocket(sha2, "sha2", "sha2pw")) << sha2.message();
  EXPECT_EQ(sha2.Value("SELECT 1"), "1");
}

TEST_F(ServerTest, ClientDefaultingToNativeLogsInAgainstACachingSha2Greeting) {
  StartServer();  // the greeting names caching_sha2_password
  Client client;
  const char* plugin = "mysql_native_password";
  mysql_optionsv(client.handle, MYSQL_DEFAULT_AUTH, plugin);
  ASSERT_TRUE(ConnectTcp(client, "native", "nativepw")) << client.message();
  EXPECT_EQ(client.Value("SELECT 7"), "7");
  Client wrong;
  mysql_optionsv(wrong.handle, MYSQL_DEFAULT_AUTH, plugin);
  EXPECT_FALSE(ConnectTcp(wrong, "native", "bad"));
  EXPECT_EQ(wrong.error(), 1045u);
  EXPECT_NE(wrong.message().find("(using password: YES)"), std::string::npos) << wrong.message();
}

TEST_F(ServerTest, PreparedStatementsBindTypedParametersAndReturnBinaryRows) {
  StartServer();
  Client client;
  ASSERT_TRUE(ConnectTcp(client, "native", "nativepw")) << client.message();
  MYSQL_STMT* stmt = mysql_stmt_init(client.handle);
  const std::string sql = "ECHO ?, ?, ?, ?, ?, ?";
  ASSERT_EQ(mysql_stmt_prepare(stmt, sql.data(), sql.size()), 0) << mysql_stmt_error(stmt);
  ASSERT_EQ(mysql_stmt_param_count(stmt), 6u);
  EXPECT_EQ(mysql_stmt_field_count(stmt), 6u);
  long long number = -42;
  unsigned long long big = 18446744073709551615ull;
  double real = 2.5;
  std::string text = "h\xc3\xa9llo";
  MYSQL_TIME when{};
  when.year = 2024, when.month = 2, when.day = 29, when.hour = 13, when.minute = 5,
  when.second = 9, when.second_part = 120000, when.time_type = MYSQL_TIMESTAMP_DATETIME;
  unsigned long text_length = text.size();
  my_bool is_null = 1;
  MYSQL_BIND bind[6] = {};
  bind[0].buffer_type = MYSQL_TYPE_LONGLONG, bind[0].buffer = &number;
  bind[1].buffer_type = MYSQL_TYPE_LONGLONG, bind[1].buffer = &big, bind[1].is_unsigned = 1;
  bind[2].buffer_type = MYSQL_TYPE_DOUBLE, bind[2].buffer = &real;
  bind[3].buffer_type = MYSQL_TYPE_STRING, bind[3].buffer = text.data();
  bind[3].length = &text_length;
  bind[4].buffer_type = MYSQL_TYPE_DATETIME, bind[4].buffer = &when;
  bind[5].buffer_type = MYSQL_TYPE_LONG, bind[5].is_null = &is_null;
  ASSERT_EQ(mysql_stmt_bind_param(stmt, bind), 0);
  ASSERT_EQ(mysql_stmt_execute(stmt), 0) << mysql_stmt_error(stmt);
  // The fake session echoes each parameter's decoded form as a string column.
  char values[6][64] = {};
  unsigned long lengths[6] = {};
  MYSQL_BIND out[6] = {};
  for (int i = 0; i < 6; ++i) {
    out[i].buffer_type = MYSQL_TYPE_STRING;
    out[i].buffer = values[i];
    out[i].buffer_length = sizeof(values[i]);
    out[i].length = &lengths[i];
  }
  ASSERT_EQ(mysql_stmt_bind_result(stmt, out), 0);
  ASSERT_EQ(mysql_stmt_fetch(stmt), 0) << mysql_stmt_error(stmt);
  EXPECT_STREQ(values[0], "-42");
  EXPECT_STREQ(values[1], "18446744073709551615");
  EXPECT_STREQ(values[2], "2.500000");
  EXPECT_EQ(std::string(values[3], lengths[3]), text);
  EXPECT_STREQ(values[4], "2024-02-29 13:05:09.120000");
  EXPECT_STREQ(values[5], "NULL");
  EXPECT_EQ(mysql_stmt_fetch(stmt), MYSQL_NO_DATA);
  // Long data, then re-execution with the types already bound.
  std::string blob(100000, 'x');
  ASSERT_EQ(mysql_stmt_send_long_data(stmt, 3, blob.data(), blob.size()), 0);
  ASSERT_EQ(mysql_stmt_execute(stmt), 0) << mysql_stmt_error(stmt);
  ASSERT_EQ(mysql_stmt_store_result(stmt), 0);
  EXPECT_EQ(mysql_stmt_num_rows(stmt), 1u);
  mysql_stmt_free_result(stmt);
  EXPECT_EQ(mysql_stmt_reset(stmt), 0);
  EXPECT_EQ(mysql_stmt_close(stmt), 0);
  // A failed prepare, and the connection carries on.
  MYSQL_STMT* failing = mysql_stmt_init(client.handle);
  EXPECT_NE(mysql_stmt_prepare(failing, "FAIL", 4), 0);
  EXPECT_EQ(mysql_stmt_errno(failing), 1064u);
  mysql_stmt_close(failing);
  EXPECT_EQ(client.Value("SELECT 5"), "5");
}

TEST_F(ServerTest, CompressedProtocolCarriesQueriesRowsAndPreparedStatements) {
  StartServer();
  Client client;
  mysql_optionsv(client.handle, MYSQL_OPT_COMPRESS, nullptr);
  ASSERT_TRUE(ConnectTcp(client, "native", "nativepw")) << client.message();
  EXPECT_EQ(client.Value("SELECT 42"), "42");
  std::string long_text(3 * 1024 * 1024, 'c');
  EXPECT_EQ(client.Value("ECHO " + long_text), long_text);
  ASSERT_EQ(mysql_query(client.handle, "ROWS 5000"), 0);
  MYSQL_RES* result = mysql_store_result(client.handle);
  ASSERT_NE(result, nullptr);
  EXPECT_EQ(mysql_num_rows(result), 5000u);
  mysql_free_result(result);
  MYSQL_STMT* stmt = mysql_stmt_init(client.handle);
  ASSERT_EQ(mysql_stmt_prepare(stmt, "ECHO ?", 6), 0) << mysql_stmt_error(stmt);
  long long number = 99;
  MYSQL_BIND bind{};
  bind.buffer_type = MYSQL_TYPE_LONGLONG;
  bind.buffer = &number;
  ASSERT_EQ(mysql_stmt_bind_param(stmt, &bind), 0);
  ASSERT_EQ(mysql_stmt_execute(stmt), 0) << mysql_stmt_error(stmt);
  ASSERT_EQ(mysql_stmt_store_result(stmt), 0);
  EXPECT_EQ(mysql_stmt_num_rows(stmt), 1u);
  mysql_stmt_close(stmt);
  EXPECT_EQ(mysql_ping(client.handle), 0);
  EXPECT_EQ(client.Value("SELECT 43"), "43");
}

TEST_F(ServerTest, ReadOnlyCursorFetchesRowsInBatches) {
  StartServer();
  Client client;
  ASSERT_TRUE(ConnectTcp(client, "native", "nativepw")) << client.message();
  MYSQL_STMT* stmt = mysql_stmt_init(client.handle);
  unsigned long cursor = CURSOR_TYPE_READ_ONLY;
  unsigned long prefetch = 2;
  mysql_stmt_attr_set(stmt, STMT_ATTR_CURSOR_TYPE, &cursor);
  mysql_stmt_attr_set(stmt, STMT_ATTR_PREFETCH_ROWS, &prefetch);
  ASSERT_EQ(mysql_stmt_prepare(stmt, "ECHO ?, ?, ?", 12), 0) << mysql_stmt_error(stmt);
  long long values[3] = {7, 8, 9};
  MYSQL_BIND bind[3] = {};
  for (int i = 0; i < 3; ++i) {
    bind[i].buffer_type = MYSQL_TYPE_LONGLONG;
    bind[i].buffer = &values[i];
  }
  ASSERT_EQ(mysql_stmt_bind_param(stmt, bind), 0);
  for (int round = 0; round < 2; ++round) {
    ASSERT_EQ(mysql_stmt_execute(stmt), 0) << mysql_stmt_error(stmt);
    char text[3][16] = {};
    MYSQL_BIND out[3] = {};
    for (int i = 0; i < 3; ++i) {
      out[i].buffer_type = MYSQL_TYPE_STRING;
      out[i].buffer = text[i];
      out[i].buffer_length = sizeof(text[i]);
    }
    ASSERT_EQ(mysql_stmt_bind_result(stmt, out), 0);
    ASSERT_EQ(mysql_stmt_fetch(stmt), 0) << mysql_stmt_error(stmt);
    EXPECT_STREQ(text[0], "7");
    EXPECT_STREQ(text[2], "9");
    EXPECT_EQ(mysql_stmt_fetch(stmt), MYSQL_NO_DATA);
  }
  EXPECT_EQ(mysql_stmt_close(stmt), 0);
  EXPECT_EQ(client.Value("SELECT 6"), "6");
}

TEST_F(ServerTest, OkPacketsCarrySessionStateChanges) {
  StartServer();
  Client client;
  ASSERT_TRUE(ConnectTcp(client, "native", "nativepw")) << client.message();
  ASSERT_EQ(mysql_query(client.handle, "USE shop"), 0) << client.message();
  const char* data = nullptr;
  size_t length = 0;
  ASSERT_EQ(mysql_session_track_get_first(client.handle, SESSION_TRACK_SCHEMA, &data, &length), 0);
  EXPECT_EQ(std::string(data, length), "shop");
  ASSERT_EQ(mysql_session_track_get_first(client.handle, SESSION_TRACK_SYSTEM_VARIABLES, &data, &length), 0);
  EXPECT_EQ(std::string(data, length), "autocommit");
  ASSERT_EQ(mysql_session_track_get_next(client.handle, SESSION_TRACK_SYSTEM_VARIABLES, &data, &length), 0);
  EXPECT_EQ(std::string(data, length), "ON");
  EXPECT_EQ(client.Value("SELECT 9"), "9");
}

TEST_F(ServerTest, FieldListDescribesColumnsAndAnswersErrors) {
  StartServer();
  Client client;
  ASSERT_TRUE(ConnectTcp(client, "native", "nativepw", "shop")) << client.message();
  MYSQL_RES* fields = mysql_list_fields(client.handle, "items", nullptr);
  ASSERT_NE(fields, nullptr) << client.message();
  ASSERT_EQ(mysql_num_fields(fields), 2u);
  EXPECT_STREQ(mysql_fetch_field_direct(fields, 1)->name, "b");
  EXPECT_STREQ(mysql_fetch_field_direct(fields, 1)->table, "items");
  mysql_free_result(fields);
  fields = mysql_list_fields(client.handle, "items", "a");
  ASSERT_NE(fields, nullptr) << client.message();
  EXPECT_EQ(mysql_num_fields(fields), 1u);
  mysql_free_result(fields);
  EXPECT_EQ(mysql_list_fields(client.handle, "nosuch", nullptr), nullptr);
  EXPECT_EQ(client.error(), 1146u);
  EXPECT_EQ(client.Value("SELECT 3"), "3");
}

TEST_F(ServerTest, CachingSha2FullAuthOverSocketThenFastPathOverTcp) {
  StartServer();  // no RSA keys: TCP full authentication is impossible
  Client tcp_first;
  EXPECT_FALSE(ConnectTcp(tcp_first, "sha2", "sha2pw"));
  Client socket;
  ASSERT_TRUE(ConnectSocket(socket, "sha2", "sha2pw")) << socket.message();
  EXPECT_EQ(server_->sha2_cache().size(), 1u);
  Client tcp_again;
  ASSERT_TRUE(ConnectTcp(tcp_again, "sha2", "sha2pw")) << tcp_again.message();
  EXPECT_EQ(tcp_again.Value("SELECT 5"), "5");
  Client empty;
  ASSERT_TRUE(ConnectTcp(empty, "nopw", "")) << empty.message();
}

TEST_F(ServerTest, CachingSha2FullAuthOverTcpWithRsa) {
  auto keys = auth::RsaKeyPair::Generate(2048);
  ASSERT_TRUE(keys.ok());
  StartServer({}, keys->get());
  Client first;
  ASSERT_TRUE(ConnectTcp(first, "sha2", "sha2pw")) << first.message();
  EXPECT_EQ(first.Value("SELECT 9"), "9");
  Client wrong;
  EXPECT_FALSE(ConnectTcp(wrong, "sha2", "bad"));
  EXPECT_EQ(wrong.error(), 1045u);
  Client second;  // fast path now
  ASSERT_TRUE(ConnectTcp(second, "sha2", "sha2pw")) << second.message();
}

TEST_F(ServerTest, AuthSocketOverSocketOnly) {
  StartServer();
  Client over_socket;
  ASSERT_TRUE(ConnectSocket(over_socket, "sockuser", nullptr)) << over_socket.message();
  EXPECT_EQ(over_socket.Value("WHOAMI"), "sockuser@localhost/");
  EXPECT_TRUE(factory_.identities().back().over_unix_socket);
  Client over_tcp;
  EXPECT_FALSE(ConnectTcp(over_tcp, "sockuser", nullptr));
  EXPECT_EQ(over_tcp.error(), 1698u);
  EXPECT_EQ(over_tcp.message(), "Access denied for user 'sockuser'@'127.0.0.1'");
}

TEST_F(ServerTest, MaxConnectionsGives1040) {
  ServerOptions options;
  options.max_connections = 2;
  StartServer(options);
  Client first, second, third;
  ASSERT_TRUE(ConnectTcp(first, "native", "nativepw"));
  ASSERT_TRUE(ConnectTcp(second, "native", "nativepw"));
  EXPECT_FALSE(ConnectTcp(third, "native", "nativepw"));
  EXPECT_EQ(third.error(), 1040u);
  EXPECT_EQ(third.message(), "Too many connections");
  mysql_close(first.handle);
  first.handle = mysql_init(nullptr);
  for (int attempt = 0; attempt < 100 && server_->registry().size() > 1; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  Client fourth;
  EXPECT_TRUE(ConnectTcp(fourth, "native", "nativepw")) << fourth.message();
}

TEST_F(ServerTest, SeventeenMebibyteQueryRoundTrip) {
  StartServer();
  Client client;
  ASSERT_TRUE(ConnectTcp(client, "native", "nativepw"));
  std::string payload(17u * 1024 * 1024, 'x');
  payload[12345] = 'y';
  payload.back() = 'z';
  std::string echoed = client.Value("ECHO " + payload);
  ASSERT_EQ(echoed.size(), payload.size());
  EXPECT_EQ(echoed, payload);
  EXPECT_EQ(client.Value("SELECT 3"), "3");
}

TEST_F(ServerTest, PacketOverMaxAllowedPacketIs1153) {
  ServerOptions options;
  options.max_allowed_packet = 1024 * 1024;
  StartServer(options);
  Client client;
  ASSERT_TRUE(ConnectTcp(client, "native", "nativepw"));
  std::string query = "ECHO " + std::string(2 * 1024 * 1024, 'q');
  EXPECT_NE(mysql_real_query(client.handle, query.data(), query.size()), 0);
  EXPECT_EQ(client.error(), 1153u) << client.message();
  Client other;
  ASSERT_TRUE(ConnectTcp(other, "native", "nativepw"));
  EXPECT_EQ(other.Value("SELECT 1"), "1");
}

TEST_F(ServerTest, GarbageClosesOnlyThatConnection) {
  StartServer();
  for (std::string garbage : {std::string("\x05\x00\x00\x07hello", 9),   // bad sequence
                              std::string("\x02\x00\x00\x01\x00\x00", 6),  // short response
                              std::string(300, '\xff')}) {
    net::Socket raw(::socket(AF_INET, SOCK_STREAM, 0));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port_);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::connect(raw.fd(), reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
    char buffer[4096];
    ASSERT_GT(::read(raw.fd(), buffer, sizeof(buffer)), 0);  // the greeting
    ASSERT_EQ(::write(raw.fd(), garbage.data(), garbage.size()),
              static_cast<ssize_t>(garbage.size()));
    ssize_t got = 0;
    size_t total = 0;
    while ((got = ::read(raw.fd(), buffer, sizeof(buffer))) > 0) total += static_cast<size_t>(got);
    EXPECT_GT(total, 4u);  // an ERR packet, then EOF
  }
  Client client;
  ASSERT_TRUE(ConnectTcp(client, "native", "nativepw"));
  EXPECT_EQ(client.Value("SELECT 2"), "2");
}

TEST_F(ServerTest, ChangeUserResetPingStatistics) {
  StartServer();
  Client client;
  ASSERT_TRUE(ConnectSocket(client, "native", "nativepw"));
  EXPECT_EQ(mysql_ping(client.handle), 0);
  EXPECT_STREQ(mysql_stat(client.handle), "Uptime: 1  Threads: 1  Questions: 0");
  EXPECT_EQ(mysql_reset_connection(client.handle), 0) << client.message();
  EXPECT_EQ(factory_.resets.load(), 1);
  ASSERT_EQ(mysql_change_user(client.handle, "sha2", "sha2pw", "shop"), 0) << client.message();
  EXPECT_EQ(client.Value("WHOAMI"), "sha2@localhost/shop");
  ASSERT_EQ(mysql_change_user(client.handle, "native", "nativepw", nullptr), 0)
      << client.message();
  EXPECT_EQ(client.Value("WHOAMI"), "native@localhost/");
  EXPECT_EQ(mysql_select_db(client.handle, "nodb"), 1);
  EXPECT_EQ(client.error(), 1049u);
  EXPECT_EQ(mysql_select_db(client.handle, "books"), 0);
  EXPECT_EQ(client.Value("WHOAMI"), "native@localhost/books");
  EXPECT_NE(mysql_change_user(client.handle, "native", "wrong", nullptr), 0);
  EXPECT_EQ(client.error(), 1045u);
}

TEST_F(ServerTest, MultiStatementsNeedTheClientFlag) {
  StartServer();
  Client single;
  ASSERT_TRUE(ConnectTcp(single, "native", "nativepw"));
  EXPECT_EQ(single.Value("MULTI"), "<error 1064>");
  Client multi;
  ASSERT_TRUE(ConnectTcp(multi, "native", "nativepw", nullptr, CLIENT_MULTI_STATEMENTS));
  ASSERT_EQ(mysql_query(multi.handle, "MULTI"), 0);
  MYSQL_RES* first = mysql_store_result(multi.handle);
  ASSERT_NE(first, nullptr);
  mysql_free_result(first);
  ASSERT_TRUE(mysql_more_results(multi.handle));
  ASSERT_EQ(mysql_next_result(multi.handle), 0) << multi.message();
  EXPECT_EQ(mysql_affected_rows(multi.handle), 3u);
  EXPECT_EQ(mysql_insert_id(multi.handle), 9u);
  EXPECT_STREQ(mysql_info(multi.handle), "done");
  EXPECT_EQ(mysql_set_server_option(single.handle, MYSQL_OPTION_MULTI_STATEMENTS_ON), 0);
  ASSERT_EQ(mysql_query(single.handle, "MULTI"), 0) << single.message();
}

TEST_F(ServerTest, KillQueryKillConnectionAndProcessList) {
  StartServer();
  Client victim;
  ASSERT_TRUE(ConnectTcp(victim, "native", "nativepw", "shop"));
  uint32_t victim_id = static_cast<uint32_t>(mysql_thread_id(victim.handle));
  std::string result;
  std::thread runner([&] { result = victim.Value("SLEEP 20000"); });
  bool seen_query = false;
  for (int attempt = 0; attempt < 200 && !seen_query; ++attempt) {
    for (const ProcessInfo& process : server_->registry().Snapshot()) {
      if (process.id == victim_id && process.command == "Query") {
        seen_query = process.info == "SLEEP 20000" && process.user == "native" &&
                     process.db == "shop" && process.host.starts_with("127.0.0.1:");
      }
    }
    if (!seen_query) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(seen_query);
  ASSERT_TRUE(server_->registry().Kill(victim_id, /*query_only=*/true).ok());
  runner.join();
  EXPECT_EQ(result, "<error 1317>");
  EXPECT_EQ(victim.Value("SELECT 1"), "1");
  // KILL CONNECTION: the victim's thread is woken and closes.
  ASSERT_TRUE(server_->registry().Kill(victim_id, /*query_only=*/false).ok());
  EXPECT_NE(victim.Value("SELECT 1").find("<error"), std::string::npos);
  EXPECT_EQ(server_->registry().Kill(999999, false).code(), ER_NO_SUCH_THREAD);
}

TEST_F(ServerTest, IdleTimeoutClosesWith4031) {
  StartServer();
  Client client;
  ASSERT_TRUE(ConnectTcp(client, "native", "nativepw", "idle"));
  std::this_thread::sleep_for(std::chrono::milliseconds(1600));
  EXPECT_EQ(client.Value("SELECT 1").substr(0, 6), "<error");
  unsigned int error = client.error();
  EXPECT_TRUE(error == 4031 || error == 2013 || error == 2006) << error;
}

TEST_F(ServerTest, StopWithOpenConnectionsReturnsPromptly) {
  StartServer();
  Client idle1, idle2;
  ASSERT_TRUE(ConnectTcp(idle1, "native", "nativepw"));
  ASSERT_TRUE(ConnectSocket(idle2, "native", "nativepw"));
  EXPECT_EQ(server_->registry().Counters().threads_connected, 2u);
  auto started = std::chrono::steady_clock::now();
  StopServer();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
  EXPECT_FALSE(std::filesystem::exists(directory_ + "/mysqld.sock"));
}

}  // namespace
}  // namespace porpoise::server
