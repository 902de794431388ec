// Tests for porpoised's configuration: option files + command line -> ServerConfig, bind
// addresses, derived paths, --help and --version. (daemon/) Writes files in a temp folder.
#include "daemon/server_config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace porpoise::daemon {
namespace {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "srvcfgXXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code error;
    std::filesystem::remove_all(path_, error);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string Write(const std::string& name, const std::string& text) const {
    std::string file = path_ + "/" + name;
    std::ofstream(file) << text;
    return file;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string HostName() {
  char name[256] = {};
  if (::gethostname(name, sizeof(name) - 1) != 0 || name[0] == '\0') return "localhost";
  return name;
}

Result<ServerConfig> Load(std::vector<std::string> args) {
  std::vector<std::string> all = {"--no-defaults"};
  all.insert(all.end(), args.begin(), args.end());
  return LoadServerConfig(all);
}

std::string ErrorOf(const Result<ServerConfig>& result) {
  return result.ok() ? "OK" : result.status().message();
}

std::string VariableValue(const ServerConfig& config, std::string_view name) {
  std::string found = "<unset>";
  for (const auto& [variable, value] : config.variable_values) {
    if (variable == name) found = value;
  }
  return found;
}

TEST(ServerConfigTest, DefaultsWithNoOptions) {
  auto config = Load({});
  ASSERT_TRUE(config.ok()) << ErrorOf(config);
  EXPECT_EQ(config->bind_addresses, (std::vector<std::string>{"127.0.0.1"}));
  EXPECT_EQ(config->port, 3306);
  EXPECT_EQ(config->max_connections, 151u);
  EXPECT_EQ(config->max_allowed_packet, 67108864u);
  EXPECT_EQ(config->connect_timeout, 10u);
  EXPECT_EQ(config->wait_timeout, 28800u);
  EXPECT_EQ(config->default_authentication_plugin, "caching_sha2_password");
  EXPECT_TRUE(config->datadir.empty());
  EXPECT_TRUE(config->socket.empty());
  EXPECT_TRUE(config->log_error.empty());
  EXPECT_FALSE(config->skip_networking);
  EXPECT_TRUE(config->variable_values.empty());
}

TEST(ServerConfigTest, CommandLineOptions) {
  auto config = Load({"--port=0", "--bind-address=::1", "--max_connections=10",
                      "--max-allowed-packet=16M", "--connect-timeout", "5", "--wait_timeout=60",
                      "--skip-networking", "--default-authentication-plugin=mysql_native_password",
                      "--user=mysql", "--initialize-insecure"});
  ASSERT_TRUE(config.ok()) << ErrorOf(config);
  EXPECT_EQ(config->port, 0);
  EXPECT_EQ(config->bind_addresses, (std::vector<std::string>{"::1"}));
  EXPECT_EQ(config->max_connections, 10u);
  EXPECT_EQ(config->max_allowed_packet, 16777216u);
  EXPECT_EQ(config->connect_timeout, 5u);
  EXPECT_EQ(config->wait_timeout, 60u);
  EXPECT_TRUE(config->skip_networking);
  EXPECT_EQ(config->default_authentication_plugin, "mysql_native_password");
  EXPECT_EQ(config->user, "mysql");
  EXPECT_TRUE(config->initialize_insecure);
  EXPECT_FALSE(config->initialize);
  EXPECT_EQ(VariableValue(*config, "max_allowed_packet"), "16777216");
  EXPECT_EQ(VariableValue(*config, "skip_networking"), "ON");
}

TEST(ServerConfigTest, ShortOptions) {
  auto config = Load({"-P", "3310", "-h/tmp/pdata", "-uroot", "-V"});
  ASSERT_TRUE(config.ok()) << ErrorOf(config);
  EXPECT_EQ(config->port, 3310);
  EXPECT_EQ(config->datadir, "/tmp/pdata");
  EXPECT_EQ(config->user, "root");
  EXPECT_TRUE(config->version);
}

TEST(ServerConfigTest, UnknownOptionsAreErrorsLooseOnesWarnings) {
  EXPECT_EQ(ErrorOf(Load({"--frobnicate"})), "unknown option '--frobnicate'");
  EXPECT_EQ(ErrorOf(Load({"--version=1"})), "option '--version' cannot take an argument");
  EXPECT_EQ(ErrorOf(Load({"extra"})), "Too many arguments (first extra is 'extra').");
  // Variables that are not options (read-only facts) are not accepted either.
  EXPECT_EQ(ErrorOf(Load({"--hostname=x"})), "unknown option '--hostname'");
  auto config = Load({"--loose-frobnicate=1"});
  ASSERT_TRUE(config.ok());
  ASSERT_EQ(config->warnings.size(), 1u);
  EXPECT_EQ(config->warnings[0], "unknown option '--loose-frobnicate'");
}

TEST(ServerConfigTest, BadValuesAreErrors) {
  EXPECT_EQ(ErrorOf(Load({"--port=http"})),
            "Invalid value 'http' for option '--port' (command line)");
  EXPECT_EQ(ErrorOf(Load({"--transaction-isolation=sometimes"})),
            "Invalid value 'sometimes' for option '--transaction_isolation' (command line)");
  EXPECT_EQ(ErrorOf(Load({"--port"})), "option '--port' requires an argument");
}

TEST(ServerConfigTest, OutOfRangeValuesAreAdjustedWithAWarning) {
  auto config = Load({"--max-connections=0", "--port=70000"});
  ASSERT_TRUE(config.ok()) << ErrorOf(config);
  EXPECT_EQ(config->max_connections, 1u);
  EXPECT_EQ(config->port, 65535);
  ASSERT_EQ(config->warnings.size(), 2u);
  EXPECT_EQ(config->warnings[0], "option 'max_connections': value 0 adjusted to 1");
}

TEST(ServerConfigTest, BindAddressForms) {
  auto one = ParseBindAddress("10.0.0.1");
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one.value(), (std::vector<std::string>{"10.0.0.1"}));
  for (std::string_view wildcard : {"*", "0.0.0.0", "::"}) {
    auto result = ParseBindAddress(wildcard);
    ASSERT_TRUE(result.ok()) << wildcard;
    EXPECT_EQ(result.value(), (std::vector<std::string>{std::string(wildcard)}));
  }
  auto list = ParseBindAddress("127.0.0.1, ::1,fe80::1,db-host.example");
  ASSERT_TRUE(list.ok()) << list.status().message();
  EXPECT_EQ(list.value(),
            (std::vector<std::string>{"127.0.0.1", "::1", "fe80::1", "db-host.example"}));
  EXPECT_TRUE(ParseBindAddress("localhost").ok());
}

TEST(ServerConfigTest, BadBindAddressesAreClearErrors) {
  EXPECT_EQ(ParseBindAddress("1.2.3.999").status().message(),
            "Invalid value for --bind-address: '1.2.3.999' is not a valid IPv4 address");
  EXPECT_EQ(ParseBindAddress("::g").status().message(),
            "Invalid value for --bind-address: '::g' is not a valid IPv6 address");
  EXPECT_EQ(ParseBindAddress("bad_host!").status().message(),
            "Invalid value for --bind-address: 'bad_host!' is not an IP address or a host name");
  EXPECT_EQ(ParseBindAddress("127.0.0.1,*").status().message(),
            "Invalid value for --bind-address: '127.0.0.1,*' (the wildcard '*' cannot be part "
            "of a list)");
  EXPECT_EQ(ParseBindAddress("127.0.0.1,").status().message(),
            "Invalid value for --bind-address: '127.0.0.1,' (empty address)");
  EXPECT_EQ(ParseBindAddress("").status().message(),
            "Invalid value for --bind-address: '' (empty address)");
  EXPECT_EQ(ErrorOf(Load({"--bind-address=300.1.1.1"})),
            "Invalid value for --bind-address: '300.1.1.1' is not a valid IPv4 address");
}

TEST(ServerConfigTest, DataDirDerivedPaths) {
  auto config = Load({"--datadir=/var/lib/porpoise/../porpoise", "--log-error=err.log"});
  ASSERT_TRUE(config.ok()) << ErrorOf(config);
  EXPECT_EQ(config->datadir, "/var/lib/porpoise");
  EXPECT_EQ(config->socket, "/var/lib/porpoise/porpoise.sock");
  EXPECT_EQ(config->pid_file, "/var/lib/porpoise/" + HostName() + ".pid");
  EXPECT_EQ(config->log_error, "/var/lib/porpoise/err.log");

  auto explicit_paths = Load({"--datadir=/d", "--socket=/tmp/x.sock", "--pid-file=/run/p.pid",
                              "--log-error=/var/log/p.err"});
  ASSERT_TRUE(explicit_paths.ok());
  EXPECT_EQ(explicit_paths->socket, "/tmp/x.sock");
  EXPECT_EQ(explicit_paths->pid_file, "/run/p.pid");
  EXPECT_EQ(explicit_paths->log_error, "/var/log/p.err");

  auto bare_log = Load({"--datadir=/d", "--log-error"});
  ASSERT_TRUE(bare_log.ok()) << ErrorOf(bare_log);
  EXPECT_EQ(bare_log->log_error, "/d/" + HostName() + ".err");
}

TEST(ServerConfigTest, RelativeDataDirBecomesAbsolute) {
  auto config = Load({"--datadir=data"});
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->datadir, (std::filesystem::current_path() / "data").string());
}

TEST(ServerConfigTest, CallerChosenDataDir) {
  auto config = Load({"--pid-file=my.pid"});
  ASSERT_TRUE(config.ok());
  ServerConfig resolved = config.value();
  ResolveDataDirPaths(resolved, "/srv/db");
  EXPECT_EQ(resolved.datadir, "/srv/db");
  EXPECT_EQ(resolved.pid_file, "/srv/db/my.pid");
  EXPECT_EQ(resolved.socket, "/srv/db/porpoise.sock");
}

TEST(ServerConfigTest, FilesThenCommandLineWins) {
  TempDir dir;
  std::string file = dir.Write("my.cnf",
                               "[client]\nport=1\n"
                               "[mysqld]\nport=3307\nmax_connections=20\nskip-name-resolve\n"
                               "[server]\nwait_timeout=100\n"
                               "[porpoised]\nbind-address=0.0.0.0\nloose-innodb-foo=1\n");
  std::vector<std::string> args = {"--defaults-file=" + file, "--port=3308"};
  auto config = LoadServerConfig(args);
  ASSERT_TRUE(config.ok()) << ErrorOf(config);
  EXPECT_EQ(config->port, 3308);
  EXPECT_EQ(config->max_connections, 20u);
  EXPECT_EQ(config->wait_timeout, 100u);
  EXPECT_EQ(config->bind_addresses, (std::vector<std::string>{"0.0.0.0"}));
  EXPECT_EQ(VariableValue(*config, "skip_name_resolve"), "ON");
  EXPECT_EQ(VariableValue(*config, "port"), "3308");
  ASSERT_EQ(config->warnings.size(), 1u);
  EXPECT_NE(config->warnings[0].find("loose-innodb-foo"), std::string::npos);
  EXPECT_EQ(config->print_defaults_arguments.size(), 6u);
  EXPECT_EQ(config->print_defaults_arguments[0], "--port=3307");
}

TEST(ServerConfigTest, UnknownOptionInFileIsAnError) {
  TempDir dir;
  std::string file = dir.Write("my.cnf", "[mysqld]\nfrobnicate=1\n");
  std::vector<std::string> args = {"--defaults-file=" + file};
  EXPECT_EQ(ErrorOf(LoadServerConfig(args)),
            "unknown variable 'frobnicate=1' (" + file + ":2)");
}

TEST(ServerConfigTest, DefaultsFileMustExistAndComeFirst) {
  std::vector<std::string> missing = {"--defaults-file=/nonexistent/my.cnf"};
  EXPECT_EQ(ErrorOf(LoadServerConfig(missing)),
            "Could not open required defaults file: /nonexistent/my.cnf");
  std::vector<std::string> late = {"--no-defaults", "--port=1", "--defaults-file=/x.cnf"};
  EXPECT_EQ(ErrorOf(LoadServerConfig(late)),
            "option '--defaults-file' must be given before any other option");
}

TEST(ServerConfigTest, ExtraFileAndSearchList) {
  TempDir dir;
  std::string global = dir.Write("global.cnf", "[mysqld]\nport=1\nsocket=/tmp/g.sock\n");
  std::string extra = dir.Write("extra.cnf", "[mysqld]\nport=2\n");
  OptionFileSources sources;
  sources.search_files_for_testing = {global};
  sources.defaults_extra_file = extra;
  std::vector<std::string> none;
  auto config = LoadServerConfigFrom(sources, none);
  ASSERT_TRUE(config.ok()) << ErrorOf(config);
  EXPECT_EQ(config->port, 2);
  EXPECT_EQ(config->socket, "/tmp/g.sock");
}

std::string GetValue(const engine::GlobalVariables& globals, std::string_view name) {
  Result<std::string> value = globals.Get(name);
  return value.ok() ? value.value() : value.status().message();
}

TEST(ServerConfigTest, ApplyFeedsGlobalVariables) {
  auto config = Load({"--datadir=/d", "--port=3309", "--bind-address=127.0.0.1,::1",
                      "--sql-mode=ANSI_QUOTES", "--max-connections=42", "--autocommit=0",
                      "--default-time-zone=+00:00"});
  ASSERT_TRUE(config.ok()) << ErrorOf(config);
  engine::GlobalVariables globals;
  ASSERT_TRUE(ApplyServerConfig(*config, globals).ok());
  EXPECT_EQ(GetValue(globals, "port"), "3309");
  EXPECT_EQ(GetValue(globals, "datadir"), "/d/");
  EXPECT_EQ(GetValue(globals, "socket"), "/d/porpoise.sock");
  EXPECT_EQ(GetValue(globals, "bind_address"), "127.0.0.1,::1");
  EXPECT_EQ(GetValue(globals, "sql_mode"), "ANSI_QUOTES");
  EXPECT_EQ(GetValue(globals, "max_connections"), "42");
  EXPECT_EQ(GetValue(globals, "autocommit"), "OFF");
  EXPECT_EQ(GetValue(globals, "time_zone"), "+00:00");
  EXPECT_EQ(GetValue(globals, "log_error"), "stderr");
  EXPECT_EQ(GetValue(globals, "hostname"), HostName());
}

TEST(ServerConfigTest, EveryOptionHasADescriptionAndSpecsAreSorted) {
  std::span<const OptionSpec> specs = ServerOptionSpecs();
  ASSERT_GT(specs.size(), 80u);
  for (size_t index = 0; index < specs.size(); ++index) {
    EXPECT_FALSE(specs[index].description.empty()) << specs[index].name;
    if (index > 0) {
      EXPECT_LT(specs[index - 1].name, specs[index].name);
    }
  }
}

TEST(ServerConfigTest, VersionAndHelp) {
  EXPECT_EQ(VersionText(), "porpoised  Ver 8.4.3-porpoise for Linux on x86_64 (Porpoise)");
  auto config = Load({"--help", "--verbose", "--port=3311", "--skip-networking"});
  ASSERT_TRUE(config.ok());
  EXPECT_TRUE(config->help);
  EXPECT_TRUE(config->verbose);
  std::string short_help = HelpText(*config, false);
  EXPECT_NE(short_help.find("  -P, --port=#"), std::string::npos);
  EXPECT_NE(short_help.find("--bind-address=name"), std::string::npos);
  EXPECT_NE(short_help.find("--initialize-insecure"), std::string::npos);
  EXPECT_EQ(short_help.find("Value (after reading options)"), std::string::npos);
  std::string verbose = HelpText(*config, true);
  EXPECT_NE(verbose.find("Value (after reading options)"), std::string::npos);
  EXPECT_NE(verbose.find("\nport" + std::string(55, ' ') + "3311\n"), std::string::npos);
  EXPECT_NE(verbose.find("\nskip-networking" + std::string(44, ' ') + "TRUE\n"),
            std::string::npos);
  EXPECT_EQ(verbose.find("\nhelp "), std::string::npos);
  EXPECT_NE(verbose.find("\nmax-connections" + std::string(44, ' ') + "151\n"),
            std::string::npos);
  EXPECT_NE(verbose.find("\nsocket" + std::string(53, ' ') + "(No default value)\n"),
            std::string::npos);
}

}  // namespace
}  // namespace porpoise::daemon
