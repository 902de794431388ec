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

TEST(ClientOptionsTest, TlsOptions) {
  auto defaults = Resolve({});
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->connect.ssl_mode, client::SslMode::kPreferred);
  auto verify = Resolve({"--ssl-mode=verify_identity", "--ssl-ca=/d/ca.pem", "--ssl-cert=/d/c.pem",
                         "--ssl-key=/d/k.pem", "--tls-version=TLSv1.3"});
  ASSERT_TRUE(verify.ok()) << verify.status().message();
  EXPECT_EQ(verify->connect.ssl_mode, client::SslMode::kVerifyIdentity);
  EXPECT_EQ(verify->connect.ssl_ca, "/d/ca.pem");
  EXPECT_EQ(verify->connect.ssl_cert, "/d/c.pem");
  EXPECT_EQ(verify->connect.ssl_key, "/d/k.pem");
  EXPECT_EQ(verify->connect.tls_version, "TLSv1.3");
  auto skipped = Resolve({"--skip-ssl"});
  ASSERT_TRUE(skipped.ok());
  EXPECT_EQ(skipped->connect.ssl_mode, client::SslMode::kDisabled);
  auto again = Resolve({"--skip-ssl", "--ssl"});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->connect.ssl_mode, client::SslMode::kPreferred);
  auto bad = Resolve({"--ssl-mode=sometimes"});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("--ssl-mode"), std::string::npos);
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

TEST(ClientOptionsTest, TeeAndPager) {
  auto none = Resolve({});
  ASSERT_TRUE(none.ok()) << none.status().message();
  EXPECT_FALSE(none->tee_file.has_value());
  EXPECT_FALSE(none->pager.has_value());
  auto given = Resolve({"--tee=/tmp/session.log", "--pager=less -S"});
  ASSERT_TRUE(given.ok()) << given.status().message();
  EXPECT_EQ(given->tee_file, "/tmp/session.log");
  EXPECT_EQ(given->pager, "less -S");
  EXPECT_EQ(given->default_pager, "less -S");
  auto off = Resolve({"--tee=/tmp/session.log", "--no-tee", "--pager=more", "--skip-pager"});
  ASSERT_TRUE(off.ok()) << off.status().message();
  EXPECT_FALSE(off->tee_file.has_value());
  EXPECT_FALSE(off->pager.has_value());
  EXPECT_EQ(off->default_pager, "more");  // `pager` alone still finds it
}

TEST(ClientOptionsTest, PagerWithoutAValueTakesPagerVariable) {
  ClientEnvironment environment = TestEnvironment();
  environment.pager_variable = "less";
  std::vector<std::string> args = {"--pager"};
  auto with_variable = ResolveClientSettings(args, environment);
  ASSERT_TRUE(with_variable.ok()) << with_variable.status().message();
  EXPECT_EQ(with_variable->pager, "less");
  auto without_variable = Resolve({"--pager"});
  ASSERT_TRUE(without_variable.ok());
  EXPECT_FALSE(without_variable->pager.has_value());  // nothing to page with: stdout
  std::vector<std::string> no_pager;
  auto variable_alone = ResolveClientSettings(no_pager, environment);
  ASSERT_TRUE(variable_alone.ok());
  EXPECT_FALSE(variable_alone->pager.has_value());  // $PAGER alone turns on nothing
  EXPECT_EQ(variable_alone->default_pager, "less");
}

TEST(ClientOptionsTest, PromptFromOptionOrMysqlPs1) {
  ClientEnvironment environment = TestEnvironment();
  environment.prompt_variable = "\\u> ";
  std::vector<std::string> no_args;
  auto from_variable = ResolveClientSettings(no_args, environment);
  ASSERT_TRUE(from_variable.ok());
  EXPECT_EQ(from_variable->prompt, "\\u> ");
  std::vector<std::string> args = {"--prompt=\\d> "};
  auto from_option = ResolveClientSettings(args, environment);
  ASSERT_TRUE(from_option.ok());
  EXPECT_EQ(from_option->prompt, "\\d> ");
  TempOptionFile file("[mysql]\nprompt=\"(\\\\u) \"\n");
  auto from_file = Resolve({"--defaults-file=" + file.path()});
  ASSERT_TRUE(from_file.ok()) << from_file.status().message();
  EXPECT_EQ(from_file->prompt, "(\\u) ");
  EXPECT_FALSE(Resolve({})->prompt.has_value());
}

TEST(ClientOptionsTest, InitCommandThenSafeUpdates) {
  auto plain = Resolve({"--init-command=SET @a=1"});
  ASSERT_TRUE(plain.ok()) << plain.status().message();
  EXPECT_EQ(plain->init_commands, std::vector<std::string>{"SET @a=1"});
  EXPECT_FALSE(plain->safe_updates);
  auto safe = Resolve({"-U", "--init-command=SET @a=1"});
  ASSERT_TRUE(safe.ok()) << safe.status().message();
  EXPECT_TRUE(safe->safe_updates);
  EXPECT_EQ(safe->init_commands,
            (std::vector<std::string>{
                "SET @a=1", "SET SQL_SAFE_UPDATES=1,SQL_SELECT_LIMIT=1000,MAX_JOIN_SIZE=1000000"}));
  auto limits = Resolve({"--i-am-a-dummy", "--select-limit=5", "--max-join-size=70"});
  ASSERT_TRUE(limits.ok()) << limits.status().message();
  EXPECT_EQ(limits->init_commands,
            std::vector<std::string>{"SET SQL_SAFE_UPDATES=1,SQL_SELECT_LIMIT=5,MAX_JOIN_SIZE=70"});
  auto limits_alone = Resolve({"--select-limit=5"});  // without --safe-updates: nothing sent
  ASSERT_TRUE(limits_alone.ok());
  EXPECT_TRUE(limits_alone->init_commands.empty());
  EXPECT_FALSE(Resolve({"--select-limit=many"}).ok());
}

TEST(ClientOptionsTest, AutoRehash) {
  EXPECT_TRUE(Resolve({})->auto_rehash);
  EXPECT_FALSE(Resolve({"-A"})->auto_rehash);
  EXPECT_FALSE(Resolve({"--no-auto-rehash"})->auto_rehash);
  EXPECT_FALSE(Resolve({"--skip-auto-rehash"})->auto_rehash);
  EXPECT_TRUE(Resolve({"-A", "--auto-rehash"})->auto_rehash);
}

TEST(ClientOptionsTest, UsageListsTheShellOptions) {
  const std::string usage = ClientUsage("porpoise");
  for (const char* option : {"--tee=value", "--no-tee", "--pager[=value]", "--skip-pager",
                             "--prompt=value", "--init-command=value", "-U, --safe-updates",
                             "--i-am-a-dummy", "--select-limit=value", "--max-join-size=value",
                             "--auto-rehash", "-A, --no-auto-rehash", "--show-warnings"}) {
    EXPECT_NE(usage.find(option), std::string::npos) << option;
  }
}

}  // namespace
}  // namespace porpoise::cli
