// RAII wrappers over SQLite: Database (one sqlite3* connection), Statement (one prepared
// sqlite3_stmt), Transaction (BEGIN ... COMMIT/ROLLBACK). SQLite result codes become Status
// values with MySQL error numbers. (storage/)
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "storage/write_lock.h"

struct sqlite3;
struct sqlite3_stmt;

namespace porpoise::storage {

class GroupSync;

struct OpenOptions {
  bool create = false;          // create the file when missing
  bool read_only = false;
  // SQLITE_BUSY waits this long: only a writer that bypassed the write lock, or a checkpoint,
  // makes SQLite itself wait.
  int busy_timeout_ms = 50000;
  int cache_size_kib = 2048;    // per-connection page cache
  // The server's connections share these. A writer takes `write_lock` before its write
  // transaction begins and gives it back when the transaction ends; a commit is made durable
  // by `group_sync` (the connection itself neither syncs nor checkpoints: the checkpointer
  // does). Without them the connection syncs each commit and checkpoints by itself.
  WriteLock* write_lock = nullptr;
  GroupSync* group_sync = nullptr;
};

// Maps a failed SQLite call to a Status: a stale snapshot's write to 1213, busy/locked to
// 1205, interrupts to 1317, everything
// else (constraint failures included: the engine words those itself) to 1030 with SQLite's
// message.
Status StatusFromSqlite(int rc, sqlite3* db);

class Statement;

// One SQLite connection. Not thread-safe: used by one thread at a time.
class Database {
 public:
  static Result<std::unique_ptr<Database>> Open(const std::string& path, const OpenOptions& options);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements that return no rows.
  Status Execute(std::string_view sql);
  // Execute for one statement of a fixed text the engine runs again and again (BEGIN,
  // COMMIT, SAVEPOINT of its statement bracket): prepared once and kept.
  Status ExecuteKept(const std::string& sql);
  // Prepares one statement (REQUIRES: `sql` holds exactly one).
  Result<Statement> Prepare(std::string_view sql);
  // A prepared statement from this connection's cache: reused (and reset) when the same text
  // was prepared before. The Statement borrows the cached handle; do not keep it past the next
  // PrepareCached of the same text.
  Result<Statement> PrepareCached(const std::string& sql);
  // A statement kept for reuse across statements with the same text (a hot SELECT): the
  // Statement owns its handle while alive and hands it back, reset, when destroyed; the
  // connection keeps the kReusableStatements most recently handed back. A schema change makes
  // SQLite re-prepare one on its next step.
  Result<Statement> PrepareReusable(std::string_view sql);
  static constexpr size_t kReusableStatements = 16;

  // The write lock (OpenOptions::write_lock): held from before a write transaction begins to
  // its end. `holder` says how long to wait and what a wait stops for; without one the
  // connection waits busy_timeout_ms, uninterrupted, and never gives the lock up while idle.
  // A new holder while the lock is held: the transaction is rolled back and the lock given
  // back in the old holder's name first.
  void set_write_lock_holder(WriteLock::Holder* holder);
  // Whether the open transaction has written to any schema (TEMP included).
  bool HasWritten() const;
  // Takes the lock unless held already (or there is none): 1205 at the holder's deadline.
  Status LockForWriting();
  bool HoldsWriteLock() const { return write_locked_; }
  // Gives the lock back when no transaction is open any more (and it is not pinned).
  void ReleaseWriteLockIfDone();
  // While pinned, the lock stays held between transactions (a DDL statement's several).
  // Unpinning gives it back when no transaction is open.
  void PinWriteLock(bool pinned);
  // The holder's transaction was rolled back while it was idle (WriteLock::Holder::
  // GiveUpWhileIdle): the lock changed hands inside the WriteLock. REQUIRES: the lock's mutex
  // held, and no other thread using this connection.
  void RollBackForWaiter();
  // How many times the write lock changed hands (WriteLock::generation), 0 without one.
  uint64_t WriteGeneration() const;

  int64_t LastInsertRowid() const;
  int64_t Changes() const;   // rows changed by the last INSERT/UPDATE/DELETE
  bool InTransaction() const;  // false when in autocommit mode
  // Stops the statement running on this connection; callable from any thread.
  void Interrupt();
  sqlite3* handle() const { return db_; }
  // Rows (and index entries) the connection's statements have stepped through in full
  // scans, loops that no index narrowed (SQLITE_STMTSTATUS_FULLSCAN_STEP), summed over its
  // life; counted when a statement finishes, is reset or is released.
  uint64_t full_scan_steps() const { return full_scan_steps_; }

 private:
  explicit Database(sqlite3* db);
  friend class Statement;
  // Called by SQLite after each commit on this connection.
  static int AfterCommit(void* self, sqlite3* db, const char* name, int wal_pages);
  // Waits busy_timeout_ms for the write lock when no holder was set.
  class DefaultHolder;
  void GiveBack(sqlite3_stmt* stmt);  // a PrepareReusable handle returns to the cache
  struct StatementCache;
  sqlite3* db_ = nullptr;
  std::unique_ptr<StatementCache> cache_;
  WriteLock* write_lock_ = nullptr;
  GroupSync* group_sync_ = nullptr;
  WriteLock::Holder* holder_ = nullptr;
  std::unique_ptr<DefaultHolder> default_holder_;
  bool write_locked_ = false;
  bool write_lock_pinned_ = false;
  uint64_t full_scan_steps_ = 0;
};

// A prepared statement. Owns its handle unless it came from PrepareCached.
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQLite.
  Status BindNull(int index);
  Status BindInt64(int index, int64_t value);
  Status BindDouble(int index, double value);
  Status BindText(int index, std::string_view value);
  Status BindBlob(int index, std::string_view value);
  // The same without a copy: the caller keeps `value`'s bytes unchanged until the statement
  // is bound again at `index`, reset or destroyed.
  Status BindTextKept(int index, std::string_view value);
  Status BindBlobKept(int index, std::string_view value);

  // Advances: true with a row, false at the end.
  Result<bool> Step();
  // Runs to completion, ignoring rows.
  Status Run();
  Status Reset();

  int ColumnCount() const;
  std::string_view ColumnName(int column) const;
  // SQLITE_INTEGER / SQLITE_FLOAT / SQLITE_TEXT / SQLITE_BLOB / SQLITE_NULL
  int ColumnType(int column) const;
  bool IsNull(int column) const;
  int64_t ColumnInt64(int column) const;
  double ColumnDouble(int column) const;
  // Text or blob bytes; valid until the next Step/Reset.
  std::string_view ColumnText(int column) const;
  std::string_view ColumnBlob(int column) const;

  sqlite3_stmt* handle() const { return stmt_; }

 private:
  friend class Database;
  // `reusable`: a PrepareReusable handle, handed back to `owner` when released.
  Statement(sqlite3_stmt* stmt, Database* owner, bool owned, bool reusable = false)
      : stmt_(stmt), db_(owner->db_), owner_(owner), owned_(owned),
        home_(reusable ? owner : nullptr) {}
  void Release();  // finalizes, resets or hands back the handle
  // Adds the full-scan steps since the last call to the owner's count.
  void NoteFullScanSteps();
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
  Database* owner_ = nullptr;
  bool owned_ = true;
  Database* home_ = nullptr;  // set for PrepareReusable handles
};

// BEGIN on construction (IMMEDIATE, after taking the write lock, when `write`), ROLLBACK on
// destruction unless committed.
class Transaction {
 public:
  static Result<Transaction> Begin(Database& db, bool write);
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  Status Commit();

 private:
  explicit Transaction(Database* db) : db_(db) {}
  Database* db_ = nullptr;
};

}  // namespace porpoise::storage
