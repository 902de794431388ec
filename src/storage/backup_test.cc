// Tests for BackupDatabase: the copy is one committed snapshot, checked, in WAL mode, and
// nothing is left beside it. These use files: the backup API copies between two of them.
#include "storage/backup.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "storage/database.h"

namespace porpoise::storage {
namespace {

class BackupDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = ::testing::TempDir() + "backup_test_XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    directory_ = pattern;
    source_path_ = directory_ + "/source.db";
    target_path_ = directory_ + "/copy.db";
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::unique_ptr<Database> OpenSource() {
    OpenOptions options;
    options.create = true;
    auto db = Database::Open(source_path_, options);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    EXPECT_TRUE((*db)->Execute("PRAGMA journal_mode=WAL").ok());
    return std::move(db).value();
  }

  static int64_t QueryInt(Database& db, const std::string& sql) {
    auto statement = db.Prepare(sql);
    EXPECT_TRUE(statement.ok()) << statement.status().ToString();
    auto row = statement->Step();
    EXPECT_TRUE(row.ok() && row.value());
    return statement->ColumnInt64(0);
  }

  std::string directory_;
  std::string source_path_;
  std::string target_path_;
};

TEST_F(BackupDatabaseTest, CopiesCommittedRowsAndNotAnOpenTransaction) {
  std::unique_ptr<Database> writer = OpenSource();
  ASSERT_TRUE(writer->Execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT);"
                              "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                              "WHERE i < 500) INSERT INTO t SELECT i, 'row' FROM n;")
                  .ok());
  // Another connection keeps the committed frames in the WAL (no checkpoint on close) and
  // holds an uncommitted write.
  OpenOptions options;
  auto open_writer = Database::Open(source_path_, options);
  ASSERT_TRUE(open_writer.ok());
  ASSERT_TRUE((*open_writer)->Execute("BEGIN IMMEDIATE; INSERT INTO t VALUES (1000, 'open')").ok());

  auto result = BackupDatabase(source_path_, target_path_);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_GT(result->pages, 0);
  EXPECT_GT(result->page_size, 0);

  ASSERT_TRUE((*open_writer)->Execute("COMMIT").ok());
  auto copy = Database::Open(target_path_, options);
  ASSERT_TRUE(copy.ok());
  EXPECT_EQ(QueryInt(**copy, "SELECT count(*) FROM t"), 500);
  EXPECT_EQ(QueryInt(**copy, "SELECT count(*) FROM t WHERE id = 1000"), 0);
  auto mode = (*copy)->Prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode.ok());
  auto has_row = mode->Step();
  ASSERT_TRUE(has_row.ok() && has_row.value());
  EXPECT_EQ(mode->ColumnText(0), "wal");
}

TEST_F(BackupDatabaseTest, LeavesOnlyTheCopyBehind) {
  { std::unique_ptr<Database> writer = OpenSource();
    ASSERT_TRUE(writer->Execute("CREATE TABLE t(id INTEGER PRIMARY KEY)").ok()); }
  ASSERT_TRUE(BackupDatabase(source_path_, target_path_).ok());
  for (const char* suffix : {"-journal", "-wal", "-shm"}) {
    EXPECT_FALSE(std::filesystem::exists(target_path_ + suffix)) << suffix;
    EXPECT_FALSE(std::filesystem::exists(source_path_ + suffix)) << suffix;
  }
}

TEST_F(BackupDatabaseTest, RefusesAnExistingTarget) {
  { std::unique_ptr<Database> writer = OpenSource(); }
  ASSERT_TRUE(BackupDatabase(source_path_, target_path_).ok());
  auto again = BackupDatabase(source_path_, target_path_);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("exists already"), std::string::npos);
}

TEST_F(BackupDatabaseTest, ReportsAMissingSource) {
  auto result = BackupDatabase(directory_ + "/missing.db", target_path_);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("no database file"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(target_path_));
}

int CompareBytes(void*, int left_size, const void* left, int right_size, const void* right) {
  return std::string_view(static_cast<const char*>(left), static_cast<size_t>(left_size))
      .compare(std::string_view(static_cast<const char*>(right), static_cast<size_t>(right_size)));
}

Status RegisterCollation(sqlite3* db) {
  int rc = sqlite3_create_collation(db, "bytes.v1", SQLITE_UTF8, nullptr, &CompareBytes);
  return rc == SQLITE_OK ? Status::OK() : StatusFromSqlite(rc, db);
}

// The check needs the collations the schema names: the caller registers them.
TEST_F(BackupDatabaseTest, ChecksWithTheCollationsTheCallerRegisters) {
  {
    std::unique_ptr<Database> writer = OpenSource();
    ASSERT_TRUE(RegisterCollation(writer->handle()).ok());
    ASSERT_TRUE(writer->Execute("CREATE TABLE t(s TEXT COLLATE \"bytes.v1\" PRIMARY KEY);"
                                "INSERT INTO t VALUES ('b'), ('a')")
                    .ok());
  }
  auto unchecked = BackupDatabase(source_path_, target_path_);
  ASSERT_FALSE(unchecked.ok());
  EXPECT_FALSE(std::filesystem::exists(target_path_));

  BackupOptions options;
  options.prepare_check = &RegisterCollation;
  auto checked = BackupDatabase(source_path_, target_path_, options);
  EXPECT_TRUE(checked.ok()) << checked.status().ToString();
}

}  // namespace
}  // namespace porpoise::storage
