// Tests for porpoise-backup's command line (option files are read with --no-defaults off
// only in the end-to-end tests).
#include "backup/backup_options.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace porpoise::backup {
namespace {

Result<BackupCommand> Parse(std::vector<std::string> args) {
  args.insert(args.begin(), "--no-defaults");
  return ParseBackupCommand(args);
}

TEST(BackupOptionsTest, BackupWithTargetDirAndDatadir) {
  auto command = Parse({"--backup", "--target-dir=/b/1", "--datadir=/var/lib/porpoise/"});
  ASSERT_TRUE(command.ok()) << command.status().ToString();
  EXPECT_EQ(command->mode, BackupMode::kBackup);
  EXPECT_EQ(command->target_dir, "/b/1");
  EXPECT_EQ(command->datadir, "/var/lib/porpoise/");
}

TEST(BackupOptionsTest, TargetTakesItsValueAsTheNextArgument) {
  auto command = Parse({"--restore", "--target", "/b/1", "-h", "/d"});
  ASSERT_TRUE(command.ok()) << command.status().ToString();
  EXPECT_EQ(command->mode, BackupMode::kRestore);
  EXPECT_EQ(command->target_dir, "/b/1");
  EXPECT_EQ(command->datadir, "/d");
}

TEST(BackupOptionsTest, RelativeDatadirBecomesAbsolute) {
  auto command = Parse({"--backup", "--target-dir=b", "--datadir=data"});
  ASSERT_TRUE(command.ok());
  EXPECT_EQ(command->datadir.front(), '/');
  EXPECT_TRUE(command->datadir.ends_with("/data"));
}

TEST(BackupOptionsTest, NeedsOneModeATargetAndADatadir) {
  auto neither = Parse({"--target-dir=/b", "--datadir=/d"});
  ASSERT_FALSE(neither.ok());
  EXPECT_NE(neither.status().message().find("exactly one of --backup and --restore"),
            std::string::npos);
  EXPECT_FALSE(Parse({"--backup", "--restore", "--target-dir=/b", "--datadir=/d"}).ok());
  auto no_target = Parse({"--backup", "--datadir=/d"});
  ASSERT_FALSE(no_target.ok());
  EXPECT_NE(no_target.status().message().find("--target-dir"), std::string::npos);
  auto no_datadir = Parse({"--backup", "--target-dir=/b"});
  ASSERT_FALSE(no_datadir.ok());
  EXPECT_NE(no_datadir.status().message().find("[mysqld]"), std::string::npos);
}

TEST(BackupOptionsTest, HelpAndVersionNeedNothingElse) {
  auto help = Parse({"--help"});
  ASSERT_TRUE(help.ok());
  EXPECT_EQ(help->mode, BackupMode::kHelp);
  auto version = Parse({"--version"});
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(version->mode, BackupMode::kVersion);
  EXPECT_NE(BackupUsage().find("--target-dir=value"), std::string::npos);
}

TEST(BackupOptionsTest, RefusesUnknownOptionsAndArguments) {
  EXPECT_FALSE(Parse({"--backup", "--target-dir=/b", "--datadir=/d", "--stream"}).ok());
  EXPECT_FALSE(Parse({"--backup", "--target-dir=/b", "--datadir=/d", "extra"}).ok());
}

}  // namespace
}  // namespace porpoise::backup
