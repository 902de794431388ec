// Tests for the client's option resolution: argv plus a temporary option file give the
// connection settings the mysql client would use. (cli/)
#include "cli/client_options.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

namespace porpoise::cli {
namespace {

// A uniquely named option file under TMPDIR, removed at the end of the test.
class TempOptionFile {
 public:
  explicit TempOptionFile(std::string_view contents) {
    const char* tmpdir = std::getenv("TMPDIR");
    std::string pattern = std::string(tmpdir != nullptr ? tmpdir : "/tmp") + "/porpoise_cnf_XXXXXX";
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    const int fd = mkstemp(buffer.data());
    path_ = buffer.data();
    if (fd >= 0) close(fd);
    std::ofstream(path_) << contents;
  }
  ~TempOptionFile() { std::remove(path_.c_str()); }
  TempOptionFile(const TempOptionFile&) = delete;
  TempOptionFile& operator=(const TempOptionFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

ClientEnvironment TestEnvironment() {
  return ClientEnvironment{"osuser", std::vector<std::string>{}};
}

Result<ClientSettings> Resolve(std::vector<std::string> args) {
  return ResolveClientSettings(args, TestEnvironment());
}

TEST(ClientOptionsTest, DefaultsUseTheLoginNameAndTheSocket) {
  auto settings = Resolve({});
  ASSERT_TRUE(settings.ok()) << settings.status().message();
  EXPECT_EQ(settings->connect.user, "osuser");
  EXPECT_EQ(settings->connect.host, "");
  EXPECT_EQ(settings->connect.port, 0u);
  EXPECT_FALSE(settings->connect.password.has_value());
  EXPECT_FALSE(settings->prompt_password);
  EXPECT_TRUE(settings->column_names);
  EXPECT_EQ(settings->layout, OutputLayout::kAuto);
}

TEST(ClientOptionsTest, ShortAndLongConnectionOptions) {
  auto settings = Resolve({"-h", "127.0.0.1", "-P3307", "-u", "toluwase", "-psecret",
                           "--socket=/tmp/s", "--protocol=tcp", "--connect-timeout=5", "shop"});
  ASSERT_TRUE(settings.ok()) << settings.status().message();
  EXPECT_EQ(settings->connect.host, "127.0.0.1");
  EXPECT_EQ(settings->connect.port, 3307u);
  EXPECT_EQ(settings->connect.user, "toluwase");
  EXPECT_EQ(settings->connect.password, "secret");
  EXPECT_EQ(settings->connect.socket, "/tmp/s");
  EXPECT_EQ(settings->connect.protocol, client::Protocol::kTcp);
  EXPECT_EQ(settings->connect.connect_timeout_seconds, 5u);
  EXPECT_EQ(settings->connect.database, "shop");
}

TEST(ClientOptionsTest, PasswordWithoutValuePrompts) {
  auto short_form = Resolve({"-p", "shop"});
  ASSERT_TRUE(short_form.ok()) << short_form.status().message();
  EXPECT_TRUE(short_form->prompt_password);
  EXPECT_EQ(short_form->connect.database, "shop");  // -p never takes the next argument
  auto long_form = Resolve({"--password"});
  ASSERT_TRUE(long_form.ok());
  EXPECT_TRUE(long_form->prompt_password);
  auto with_value = Resolve({"--password=pw"});
  ASSERT_TRUE(with_value.ok());
  EXPECT_FALSE(with_value->prompt_password);
  EXPECT_EQ(with_value->connect.password, "pw");
}

TEST(ClientOptionsTest, OutputFlags) {
  auto settings = Resolve({"-BNt", "-e", "select 1", "-ss", "-f", "-E"});
  ASSERT_TRUE(settings.ok()) << settings.status().message();
  EXPECT_TRUE(settings->batch);
  EXPECT_FALSE(settings->column_names);
  EXPECT_EQ(settings->layout, OutputLayout::kVertical);  // the last of -t / -E wins
  EXPECT_EQ(settings->execute, "select 1");
  EXPECT_EQ(settings->silent, 2);
  EXPECT_TRUE(settings->force);
  auto skip = Resolve({"--skip-column-names", "--no-beep"});
  ASSERT_TRUE(skip.ok()) << skip.status().message();
  EXPECT_FALSE(skip->column_names);
  EXPECT_FALSE(skip->beep);
}

TEST(ClientOptionsTest, OptionFileGroupsThenCommandLine) {
  TempOptionFile file(
      "[mysqld]\nport=1111\n"
      "[client]\nuser=fromfile\nport=4000\nsocket=/run/porpoise.sock\n"
      "quick\nmax_allowed_packet=16M\n"  // known to other tools, skipped by porpoise
      "[mysql]\ndatabase=inventory\n"
      "[porpoise]\nport=4001\n");
  auto settings = Resolve({"--defaults-file=" + file.path(), "-u", "cli"});
  ASSERT_TRUE(settings.ok()) << settings.status().message();
  EXPECT_EQ(settings->connect.user, "cli");  // command line beats files
  EXPECT_EQ(settings->connect.port, 4001u);  // [porpoise] is read after [client]
  EXPECT_EQ(settings->connect.socket, "/run/porpoise.sock");
  EXPECT_EQ(settings->connect.database, "inventory");
}

TEST(ClientOptionsTest, PasswordInFile) {
  TempOptionFile file("[client]\npassword=\"p w\"\n");
  auto settings = Resolve({"--defaults-file=" + file.path()});
  ASSERT_TRUE(settings.ok()) << settings.status().message();
  EXPECT_EQ(settings->connect.password, "p w");
  EXPECT_FALSE(settings->prompt_password);
}

TEST(ClientOptionsTest, NoDefaultsSkipsTheFiles) {
  TempOptionFile file("[client]\nuser=fromfile\n");
  ClientEnvironment environment{"osuser", std::vector<std::string>{file.path()}};
  std::vector<std::string> read_args;
  auto read = ResolveClientSettings(read_args, environment);
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->connect.user, "fromfile");
  std::vector<std::string> no_defaults_args = {"--no-defaults"};
  auto skipped = ResolveClientSettings(no_defaults_args, environment);
  ASSERT_TRUE(skipped.ok());
  EXPECT_EQ(skipped->connect.user, "osuser");
}

TEST(ClientOptionsTest, Errors) {
  EXPECT_FALSE(Resolve({"--no-such-option"}).ok());
  EXPECT_FALSE(Resolve({"--protocol=pipe"}).ok());
  EXPECT_FALSE(Resolve({"-P", "abc"}).ok());
  EXPECT_FALSE(Resolve({"db1", "db2"}).ok());
  EXPECT_FALSE(Resolve({"--defaults-file=/nonexistent/porpoise.cnf"}).ok());
}

}  // namespace
}  // namespace porpoise::cli
