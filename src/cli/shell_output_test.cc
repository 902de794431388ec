// Tests for ShellOutput's tee file and pager, with files under TMPDIR. (cli/)
#include "cli/shell_output.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace porpoise::cli {
namespace {

// A fresh folder under TMPDIR, removed with its files at the end of the test.
class TempDir {
 public:
  TempDir() {
    const char* tmpdir = std::getenv("TMPDIR");
    std::string pattern = std::string(tmpdir != nullptr ? tmpdir : "/tmp") + "/porpoise_out_XXXXXX";
    path_ = mkdtemp(pattern.data()) != nullptr ? pattern : std::string();
  }
  ~TempDir() {
    if (!path_.empty()) std::system(("rm -rf '" + path_ + "'").c_str());
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string File(std::string_view name) const { return path_ + "/" + std::string(name); }

 private:
  std::string path_;
};

std::string Contents(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

TEST(ShellOutputTest, TeeCopiesOutputErrorsAndEchoesWhileOn) {
  TempDir dir;
  const std::string path = dir.File("tee.txt");
  {
    ShellOutput output;
    output.Out("before\n");
    ASSERT_TRUE(output.StartTee(path));
    EXPECT_TRUE(output.teeing());
    output.TeeOnly("porpoise> select 1;\n");
    output.Out("out\n");
    output.Err("err\n");
    output.Screen("screen only\n");
    output.Paged("table\n");
    output.StopTee();
    EXPECT_FALSE(output.teeing());
    EXPECT_EQ(output.tee_path(), path);
    output.Out("after\n");
    ASSERT_TRUE(output.StartTee(path));  // appends
    output.Out("again\n");
  }
  EXPECT_EQ(Contents(path), "porpoise> select 1;\nout\nerr\ntable\nagain\n");
}

TEST(ShellOutputTest, TeeWritesCanBeTurnedOff) {
  TempDir dir;
  const std::string path = dir.File("quiet.txt");
  {
    ShellOutput output;
    output.set_tee_writes(false);
    ASSERT_TRUE(output.StartTee(path));
    output.Out("nothing\n");
  }
  EXPECT_EQ(Contents(path), "");
}

TEST(ShellOutputTest, AnUnwritableTeeFileIsRefused) {
  TempDir dir;
  ShellOutput output;
  EXPECT_FALSE(output.StartTee(dir.File("no/such/folder.txt")));
  EXPECT_FALSE(output.teeing());
}

TEST(ShellOutputTest, PagedTextGoesThroughThePagerCommand) {
  TempDir dir;
  const std::string paged = dir.File("paged.txt");
  ShellOutput output;
  output.set_pager("cat >> '" + paged + "'");
  output.Paged("+---+\n| 1 |\n+---+\n");
  output.Paged("second\n");
  EXPECT_EQ(Contents(paged), "+---+\n| 1 |\n+---+\nsecond\n");
  ASSERT_TRUE(output.pager().has_value());
}

TEST(ShellOutputTest, APagerThatQuitsEarlyDoesNotEndTheShell) {
  ShellOutput output;
  output.set_pager("true");
  output.Paged(std::string(1 << 20, 'x'));  // SIGPIPE would kill the test
  SUCCEED();
}

}  // namespace
}  // namespace porpoise::cli
