// Tests for option files (groups, includes, quoting, precedence) and command-line parsing.
// (common/) Option-file tests write small files under a fresh temporary folder.
#include "common/option_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace porpoise {
namespace {

const std::vector<std::string> kServerGroups = {"mysqld", "server", "porpoised"};

constexpr OptionSpec kSpecs[] = {
    {"port", true, false, 'P', false},
    {"host", true, false, 'h', false},
    {"user", true, false, 'u', false},
    {"password", true, true, 'p', false},
    {"batch", false, false, 'B', false},
    {"skip_column_names", false, false, 'N', false},
    {"verbose", false, false, 'v', false},
    {"skip_networking", false, false, 0, true},
    {"name_resolve", false, false, 0, true},
    {"autocommit", false, false, 0, true},
    {"help", false, false, '?', false},
    {"log_error", true, true, 0, false},
};

// Makes a fresh folder under the system temp folder and removes it afterwards.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "optfileXXXXXX").string();
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
    std::filesystem::create_directories(std::filesystem::path(file).parent_path());
    std::ofstream(file) << text;
    return file;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string Describe(const std::vector<OptionValue>& values) {
  std::string out;
  for (const OptionValue& value : values) {
    if (!out.empty()) out += " ";
    out += (value.loose ? "~" : "") + value.name;
    if (value.value.has_value()) out += "=" + *value.value;
  }
  return out;
}

std::string ParseText(std::string_view text, std::vector<std::string>* warnings = nullptr) {
  auto result = ParseOptionFileText(text, "/x/my.cnf", kServerGroups, warnings);
  return result.ok() ? Describe(result.value()) : "ERROR: " + result.status().message();
}

TEST(OptionFileTest, ReadsOnlyRequestedGroups) {
  EXPECT_EQ(ParseText("[client]\nuser=bob\n[mysqld]\nport=3307\n[server]\nsocket=/s\n"
                      "[mysql]\nbatch\n[porpoised]\ndatadir=/d\n"),
            "port=3307 socket=/s datadir=/d");
}

TEST(OptionFileTest, GroupNamesAreCaseInsensitive) {
  EXPECT_EQ(ParseText("[MySQLd]\nport=1\n[ mysqld ]\nsocket=x\n"), "port=1 socket=x");
}

TEST(OptionFileTest, NameValueForms) {
  EXPECT_EQ(ParseText("[mysqld]\nskip-networking\nport=3307\nbind-address = 127.0.0.1\n"
                      "  max_connections   =   10  \nempty=\n"),
            "skip_networking port=3307 bind_address=127.0.0.1 max_connections=10 empty=");
}

TEST(OptionFileTest, DashAndUnderscoreAreEquivalent) {
  EXPECT_EQ(ParseText("[mysqld]\nmax-allowed-packet=1M\nMax_Connections=3\n"),
            "max_allowed_packet=1M max_connections=3");
}

TEST(OptionFileTest, LoosePrefixIsMarked) {
  EXPECT_EQ(ParseText("[mysqld]\nloose-frobnicate=1\nloose_port=5\n"), "~frobnicate=1 ~port=5");
}

TEST(OptionFileTest, QuotesAndEscapes) {
  EXPECT_EQ(ParseText("[mysqld]\ninit_connect=\"SET NAMES utf8mb4 # not a comment\"\n"),
            "init_connect=SET NAMES utf8mb4 # not a comment");
  EXPECT_EQ(ParseText("[mysqld]\na='single quoted'\n"), "a=single quoted");
  EXPECT_EQ(ParseText("[mysqld]\na=\"tab\\there\"\n")[5], '\t');
  EXPECT_EQ(ParseText("[mysqld]\na=x\\sy\\\\z\n"), "a=x y\\z");
  EXPECT_EQ(ParseText("[mysqld]\na=\"q\\\"q\"\n"), "a=q\"q");
  EXPECT_EQ(ParseText("[mysqld]\na=C:\\path\n"), "a=C:\\path");
}

TEST(OptionFileTest, Comments) {
  EXPECT_EQ(ParseText("# top comment\n; also a comment\n[mysqld] # group comment\n"
                      "port=3307 # trailing\n  # indented\nsocket=/a#b\nskip-networking # x\n"),
            "port=3307 socket=/a#b skip_networking");
}

TEST(OptionFileTest, WindowsLineEndings) {
  EXPECT_EQ(ParseText("[mysqld]\r\nport=3307\r\n"), "port=3307");
}

TEST(OptionFileTest, SyntaxErrorsNameTheLine) {
  EXPECT_EQ(ParseText("port=3307\n"),
            "ERROR: Found option without preceding group in config file /x/my.cnf:1");
  EXPECT_EQ(ParseText("[mysqld\nport=1\n"),
            "ERROR: Wrong group definition in config file /x/my.cnf:1");
  EXPECT_EQ(ParseText("[mysqld]\n!frob x\n"), "ERROR: Wrong '!' directive in config file /x/my.cnf:2");
  EXPECT_EQ(ParseText("[mysqld]\n= 5\n"), "ERROR: Wrong option in config file /x/my.cnf:2");
}

TEST(OptionFileTest, OriginsNameFileAndLine) {
  auto result = ParseOptionFileText("[mysqld]\n\nport=1\n", "/etc/my.cnf", kServerGroups);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.value()[0].origin, "/etc/my.cnf:3");
}

TEST(OptionFileTest, IncludeAndIncludeDir) {
  TempDir dir;
  dir.Write("extra.cnf", "[mysqld]\nport=2\n");
  dir.Write("conf.d/b.cnf", "[mysqld]\nsocket=b\n");
  dir.Write("conf.d/a.cnf", "[mysqld]\nsocket=a\n[client]\nuser=x\n");
  dir.Write("conf.d/c.txt", "[mysqld]\nsocket=ignored\n");
  std::string main = dir.Write("my.cnf", "[mysqld]\nport=1\n!include extra.cnf\n"
                                         "!includedir " + dir.path() + "/conf.d\nafter=1\n");
  OptionFileSources sources;
  sources.defaults_file = main;
  auto result = ReadOptionFiles(sources, kServerGroups);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(Describe(result.value()), "port=1 port=2 socket=a socket=b after=1");
}

TEST(OptionFileTest, IncludedFileStartsOutsideAnyGroup) {
  TempDir dir;
  dir.Write("inc.cnf", "port=2\n");
  std::string main = dir.Write("my.cnf", "[mysqld]\n!include inc.cnf\n");
  OptionFileSources sources;
  sources.defaults_file = main;
  auto result = ReadOptionFiles(sources, kServerGroups);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("without preceding group"), std::string::npos);
}

TEST(OptionFileTest, MissingIncludeIsAWarningAndSelfIncludeIsBounded) {
  TempDir dir;
  std::string main = dir.Write("my.cnf", "[mysqld]\n!include nothere.cnf\nport=1\n");
  OptionFileSources sources;
  sources.defaults_file = main;
  std::vector<std::string> warnings;
  auto result = ReadOptionFiles(sources, kServerGroups, &warnings);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(Describe(result.value()), "port=1");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("nothere.cnf"), std::string::npos);

  std::string loop = dir.Write("loop.cnf", "[mysqld]\n!include loop.cnf\n");
  sources.defaults_file = loop;
  auto looped = ReadOptionFiles(sources, kServerGroups);
  ASSERT_FALSE(looped.ok());
  EXPECT_NE(looped.status().message().find("nested too deeply"), std::string::npos);
}

TEST(OptionFileTest, SearchOrderLaterFilesWin) {
  TempDir dir;
  std::string first = dir.Write("a.cnf", "[mysqld]\nport=1\nsocket=s1\n");
  std::string second = dir.Write("b.cnf", "[mysqld]\nport=2\n");
  std::string extra = dir.Write("extra.cnf", "[mysqld]\nport=3\n");
  OptionFileSources sources;
  sources.search_files_for_testing = {first, dir.path() + "/missing.cnf", second};
  sources.defaults_extra_file = extra;
  auto result = ReadOptionFiles(sources, kServerGroups);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(Describe(result.value()), "port=1 socket=s1 port=2 port=3");
}

TEST(OptionFileTest, DefaultsFileReadsOnlyThatFile) {
  TempDir dir;
  std::string other = dir.Write("other.cnf", "[mysqld]\nport=1\n");
  std::string only = dir.Write("only.cnf", "[mysqld]\nport=9\n");
  OptionFileSources sources;
  sources.search_files_for_testing = {other};
  sources.defaults_file = only;
  auto result = ReadOptionFiles(sources, kServerGroups);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(Describe(result.value()), "port=9");
}

TEST(OptionFileTest, MissingRequiredFilesAreErrors) {
  OptionFileSources sources;
  sources.defaults_file = "/nonexistent/porpoise.cnf";
  auto result = ReadOptionFiles(sources, kServerGroups);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(),
            "Could not open required defaults file: /nonexistent/porpoise.cnf");
  OptionFileSources extra;
  extra.search_files_for_testing = std::vector<std::string>{};
  extra.defaults_extra_file = "/nonexistent/extra.cnf";
  EXPECT_FALSE(ReadOptionFiles(extra, kServerGroups).ok());
}

TEST(OptionFileTest, NoDefaultsReadsNothing) {
  TempDir dir;
  std::string file = dir.Write("a.cnf", "[mysqld]\nport=1\n");
  OptionFileSources sources;
  sources.no_defaults = true;
  sources.search_files_for_testing = {file};
  auto result = ReadOptionFiles(sources, kServerGroups);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result.value().empty());
  EXPECT_TRUE(DefaultOptionFiles(sources).empty());
}

TEST(OptionFileTest, WorldWritableFilesAreIgnored) {
  TempDir dir;
  std::string file = dir.Write("a.cnf", "[mysqld]\nport=1\n");
  ASSERT_EQ(::chmod(file.c_str(), 0666), 0);
  OptionFileSources sources;
  sources.search_files_for_testing = {file};
  std::vector<std::string> warnings;
  auto result = ReadOptionFiles(sources, kServerGroups, &warnings);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result.value().empty());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("World-writable"), std::string::npos);
}

TEST(OptionFileTest, DefaultSearchListFollowsMySql) {
  ::setenv("HOME", "/home/someone", 1);
  ::unsetenv("MYSQL_HOME");
  OptionFileSources sources;
  sources.defaults_extra_file = "/x/extra.cnf";
  EXPECT_EQ(DefaultOptionFiles(sources),
            (std::vector<std::string>{"/etc/my.cnf", "/etc/mysql/my.cnf", "/etc/porpoise/my.cnf",
                                      "/x/extra.cnf", "/home/someone/.my.cnf"}));
}

TEST(OptionSourcesTest, ConsumesLeadingSourceOptions) {
  std::vector<std::string> args = {"--no-defaults", "--defaults-extra-file=/e", "--port=1",
                                   "--defaults-file=/late"};
  size_t consumed = 0;
  auto sources = ParseOptionFileSources(args, &consumed);
  ASSERT_TRUE(sources.ok());
  EXPECT_EQ(consumed, 2u);
  EXPECT_TRUE(sources.value().no_defaults);
  EXPECT_EQ(sources.value().defaults_extra_file, "/e");
  EXPECT_FALSE(sources.value().defaults_file.has_value());

  // A source option after another option is rejected by the command-line parser.
  auto rest = ParseCommandLine(std::span(args).subspan(consumed), kSpecs, nullptr);
  ASSERT_FALSE(rest.ok());
  EXPECT_EQ(rest.status().message(),
            "option '--defaults-file' must be given before any other option");
}

TEST(OptionSourcesTest, RejectsMalformedSourceOptions) {
  size_t consumed = 0;
  std::vector<std::string> no_file = {"--defaults-file"};
  EXPECT_FALSE(ParseOptionFileSources(no_file, &consumed).ok());
  std::vector<std::string> valued = {"--no-defaults=1"};
  EXPECT_FALSE(ParseOptionFileSources(valued, &consumed).ok());
  std::vector<std::string> print = {"--print-defaults", "-uroot"};
  auto sources = ParseOptionFileSources(print, &consumed);
  ASSERT_TRUE(sources.ok());
  EXPECT_TRUE(sources.value().print_defaults);
  EXPECT_EQ(consumed, 1u);
}

std::string Parse(std::vector<std::string> args, std::vector<std::string>* positional = nullptr,
                  std::vector<std::string>* warnings = nullptr) {
  auto result = ParseCommandLine(args, kSpecs, positional, warnings);
  return result.ok() ? Describe(result.value()) : "ERROR: " + result.status().message();
}

TEST(CommandLineTest, LongForms) {
  EXPECT_EQ(Parse({"--port=3307", "--host", "db", "--user=root", "--help"}),
            "port=3307 host=db user=root help");
  EXPECT_EQ(Parse({"--Port=1"}), "port=1");
  EXPECT_EQ(Parse({"--log-error", "--port", "5"}), "log_error port=5");
  EXPECT_EQ(Parse({"--password"}), "password");
  EXPECT_EQ(Parse({"--password=secret"}), "password=secret");
  EXPECT_EQ(Parse({"--port="}), "port=");
}

TEST(CommandLineTest, BooleanForms) {
  EXPECT_EQ(Parse({"--skip-networking"}), "skip_networking=ON");
  EXPECT_EQ(Parse({"--skip-networking=0"}), "skip_networking=OFF");
  EXPECT_EQ(Parse({"--skip-name-resolve"}), "name_resolve=OFF");
  EXPECT_EQ(Parse({"--enable-name-resolve", "--disable-autocommit"}),
            "name_resolve=ON autocommit=OFF");
  EXPECT_EQ(Parse({"--autocommit=true", "--autocommit=Off"}), "autocommit=ON autocommit=OFF");
  EXPECT_EQ(Parse({"--autocommit", "0"}, nullptr), "ERROR: unexpected argument '0'");
  EXPECT_EQ(Parse({"--autocommit=maybe"}),
            "ERROR: option '--autocommit': boolean value 'maybe' wasn't recognized");
  EXPECT_EQ(Parse({"--skip-autocommit=1"}),
            "ERROR: option '--skip-autocommit' cannot take an argument");
}

TEST(CommandLineTest, ValueErrors) {
  EXPECT_EQ(Parse({"--port"}), "ERROR: option '--port' requires an argument");
  EXPECT_EQ(Parse({"--help=1"}), "ERROR: option '--help' cannot take an argument");
  EXPECT_EQ(Parse({"-P"}), "ERROR: option '-P' requires an argument");
}

TEST(CommandLineTest, UnknownOptions) {
  EXPECT_EQ(Parse({"--frobnicate"}), "ERROR: unknown option '--frobnicate'");
  EXPECT_EQ(Parse({"--skip-port"}), "ERROR: unknown option '--skip-port'");
  EXPECT_EQ(Parse({"-x"}), "ERROR: unknown option '-x'");
  std::vector<std::string> warnings;
  EXPECT_EQ(Parse({"--loose-frobnicate=1", "--loose-port=4"}, nullptr, &warnings), "~port=4");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], "unknown option '--loose-frobnicate'");
}

TEST(CommandLineTest, ShortForms) {
  EXPECT_EQ(Parse({"-h", "db", "-P3307", "-uroot", "-psecret"}),
            "host=db port=3307 user=root password=secret");
  EXPECT_EQ(Parse({"-p", "-BN"}, nullptr), "password batch skip_column_names");
  EXPECT_EQ(Parse({"-vvv"}), "verbose verbose verbose");
  EXPECT_EQ(Parse({"-Bu", "root"}), "batch user=root");
}

TEST(CommandLineTest, PositionalArguments) {
  std::vector<std::string> positional;
  EXPECT_EQ(Parse({"db1", "-uroot", "-", "--", "--port=1"}, &positional), "user=root");
  EXPECT_EQ(positional, (std::vector<std::string>{"db1", "-", "--port=1"}));
  EXPECT_EQ(Parse({"db1"}), "ERROR: unexpected argument 'db1'");
}

TEST(ResolveOptionsTest, FileValuesAreCheckedAgainstSpecs) {
  std::vector<std::string> warnings;
  auto parsed = ParseOptionFileText(
      "[mysqld]\nskip-networking\nskip-name-resolve=0\nport=1\nloose-frobnicate=2\n", "/f.cnf",
      kServerGroups);
  ASSERT_TRUE(parsed.ok());
  auto resolved = ResolveOptions(parsed.value(), kSpecs, &warnings);
  ASSERT_FALSE(resolved.ok());  // skip- prefix with a value
  EXPECT_EQ(resolved.status().message(),
            "option '--skip-name-resolve' (/f.cnf:3) cannot take an argument");

  parsed = ParseOptionFileText("[mysqld]\nskip-networking\nport=1\nloose-frobnicate=2\n",
                               "/f.cnf", kServerGroups);
  resolved = ResolveOptions(parsed.value(), kSpecs, &warnings);
  ASSERT_TRUE(resolved.ok());
  EXPECT_EQ(Describe(resolved.value()), "skip_networking=ON port=1");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], "unknown variable 'loose-frobnicate=2' (/f.cnf:4)");

  parsed = ParseOptionFileText("[mysqld]\nfrobnicate=2\n", "/f.cnf", kServerGroups);
  resolved = ResolveOptions(parsed.value(), kSpecs);
  ASSERT_FALSE(resolved.ok());
  EXPECT_EQ(resolved.status().message(), "unknown variable 'frobnicate=2' (/f.cnf:2)");
}

}  // namespace
}  // namespace porpoise
