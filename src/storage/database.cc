// RAII wrappers over SQLite and the SQLite -> MySQL error mapping. (storage/)
#include "storage/database.h"

#include <sqlite3.h>

#include <unordered_map>
#include <utility>
#include <vector>

#include "storage/group_sync.h"
#include "storage/sqlite_setup.h"

namespace porpoise::storage {

struct Database::StatementCache {
  std::unordered_map<std::string, sqlite3_stmt*> statements;
  // PrepareReusable's handles not in use, most recently handed back first.
  std::vector<sqlite3_stmt*> reusable;
  ~StatementCache() {
    for (auto& entry : statements) sqlite3_finalize(entry.second);
    for (sqlite3_stmt* stmt : reusable) sqlite3_finalize(stmt);
  }
};

Status StatusFromSqlite(int rc, sqlite3* db) {
  const char* message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
      return Status::OK();
    case SQLITE_BUSY:
      // A transaction whose read snapshot is older than the newest commit cannot write: the
      // conflict MySQL reports as a deadlock that rolled the transaction back.
      if (rc == SQLITE_BUSY_SNAPSHOT) return Status::Error(ER_LOCK_DEADLOCK);
      return Status::Error(ER_LOCK_WAIT_TIMEOUT);
    case SQLITE_LOCKED:
      return Status::Error(ER_LOCK_WAIT_TIMEOUT);
    case SQLITE_INTERRUPT:
      return Status::Error(ER_QUERY_INTERRUPTED);
    case SQLITE_NOMEM:
      return Status::Error(ER_OUT_OF_RESOURCES);
    case SQLITE_READONLY:
      return Status::WithMessage(ER_OPTION_PREVENTS_STATEMENT,
                                 std::string("The database is read only: ") + message);
    default:
      return Status::Error(ER_GET_ERRNO, rc, message);
  }
}

Result<std::unique_ptr<Database>> Database::Open(const std::string& path,
                                                 const OpenOptions& options) {
  SetUpSqlite();
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_NOMUTEX;
  flags |= options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (options.create) flags |= SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status status = Status::Error(ER_GET_ERRNO, rc,
                                  raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc));
    sqlite3_close_v2(raw);
    return status;
  }
  std::unique_ptr<Database> db(new Database(raw));
  db->cache_ = std::make_unique<StatementCache>();
  db->default_holder_ = std::make_unique<DefaultHolder>(options.busy_timeout_ms);
  db->write_lock_ = options.write_lock;
  db->group_sync_ = options.group_sync;
  sqlite3_busy_timeout(raw, options.busy_timeout_ms);
  sqlite3_extended_result_codes(raw, 1);
  // threads=1: a sort too large for memory (a GROUP BY or ORDER BY over many rows without an
  // index) sorts its spilled runs on one helper thread while the statement goes on reading.
  std::string pragmas =
      "PRAGMA cache_size=-" + std::to_string(options.cache_size_kib) + "; PRAGMA threads=1;";
  if (options.group_sync != nullptr) {
    // Commits are synced by the group (AfterCommit); replacing the WAL hook also turns
    // SQLite's automatic checkpoints off, which the checkpointer does instead.
    // After a checkpoint copied everything, the next writer starts the WAL again from its
    // beginning and cuts the file back to 64 MiB.
    pragmas += "PRAGMA synchronous=OFF; PRAGMA journal_size_limit=67108864;";
    sqlite3_wal_hook(raw, &Database::AfterCommit, db.get());
  } else {
    pragmas += "PRAGMA synchronous=FULL;";
  }
  PORPOISE_RETURN_IF_ERROR(db->Execute(pragmas));
  return db;
}

class Database::DefaultHolder : public WriteLock::Holder {
 public:
  explicit DefaultHolder(int timeout_ms) : timeout_(timeout_ms) {}
  WriteLock::Clock::time_point WriteLockDeadline() override { return WriteLock::Clock::now() + timeout_; }
  const std::atomic<bool>* WriteLockInterrupted() override { return nullptr; }
  bool GiveUpWhileIdle() override { return false; }

 private:
  std::chrono::milliseconds timeout_;
};

Database::Database(sqlite3* db) : db_(db) {}

Database::~Database() {
  cache_.reset();
  if (write_locked_) {
    write_lock_pinned_ = false;
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    ReleaseWriteLockIfDone();
  }
  // Closing the last connection checkpoints the WAL into the database file and removes it:
  // that must sync, whatever this connection's commits did.
  sqlite3_exec(db_, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
  sqlite3_close_v2(db_);
}

int Database::AfterCommit(void* self, sqlite3* /*db*/, const char* /*name*/, int wal_pages) {
  auto* database = static_cast<Database*>(self);
  // The transaction is over: the next writer may write while this commit is being synced.
  database->ReleaseWriteLockIfDone();
  Status synced = database->group_sync_->Committed(wal_pages);
  return synced.ok() ? SQLITE_OK : SQLITE_IOERR_FSYNC;
}

void Database::set_write_lock_holder(WriteLock::Holder* holder) {
  write_lock_pinned_ = false;
  if (write_locked_ && holder != holder_) {
    if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    write_locked_ = false;
    write_lock_->Release(holder_ != nullptr ? *holder_ : *default_holder_);
  }
  holder_ = holder;
}

bool Database::HasWritten() const { return sqlite3_txn_state(db_, nullptr) == SQLITE_TXN_WRITE; }

Status Database::LockForWriting() {
  if (write_lock_ == nullptr || write_locked_) return Status::OK();
  PORPOISE_RETURN_IF_ERROR(write_lock_->Acquire(holder_ != nullptr ? *holder_ : *default_holder_));
  write_locked_ = true;
  return Status::OK();
}

void Database::PinWriteLock(bool pinned) {
  write_lock_pinned_ = pinned;
  if (!pinned) ReleaseWriteLockIfDone();
}

void Database::ReleaseWriteLockIfDone() {
  if (!write_locked_ || write_lock_pinned_ || !sqlite3_get_autocommit(db_)) return;
  write_locked_ = false;
  write_lock_->Release(holder_ != nullptr ? *holder_ : *default_holder_);
}

void Database::RollBackForWaiter() {
  if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  write_locked_ = false;
  write_lock_pinned_ = false;
}

uint64_t Database::WriteGeneration() const {
  return write_lock_ != nullptr ? write_lock_->generation() : 0;
}

Status Database::Execute(std::string_view sql) {
  std::string text(sql);
  char* error = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  sqlite3_free(error);
  // A COMMIT, ROLLBACK or failure that ended the transaction ends its hold on the lock.
  ReleaseWriteLockIfDone();
  if (rc != SQLITE_OK) return StatusFromSqlite(rc, db_);
  return Status::OK();
}

Status Database::ExecuteKept(const std::string& sql) {
  Status status;
  {
    Result<Statement> statement = PrepareCached(sql);
    status = statement.ok() ? statement.value().Run() : statement.status();
  }  // (reset here, before the lock is looked at)
  ReleaseWriteLockIfDone();
  return status;
}

Result<Statement> Database::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return StatusFromSqlite(rc, db_);
  if (stmt == nullptr) return Status::Error(ER_EMPTY_QUERY);
  return Statement(stmt, this, /*owned=*/true);
}

Result<Statement> Database::PrepareCached(const std::string& sql) {
  auto found = cache_->statements.find(sql);
  if (found != cache_->statements.end()) {
    sqlite3_reset(found->second);
    sqlite3_clear_bindings(found->second);
    return Statement(found->second, this, /*owned=*/false);
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return StatusFromSqlite(rc, db_);
  if (stmt == nullptr) return Status::Error(ER_EMPTY_QUERY);
  cache_->statements.emplace(sql, stmt);
  return Statement(stmt, this, /*owned=*/false);
}

Result<Statement> Database::PrepareReusable(std::string_view sql) {
  std::vector<sqlite3_stmt*>& reusable = cache_->reusable;
  for (size_t i = 0; i < reusable.size(); ++i) {
    if (std::string_view(sqlite3_sql(reusable[i])) == sql) {
      sqlite3_stmt* stmt = reusable[i];
      reusable.erase(reusable.begin() + static_cast<std::ptrdiff_t>(i));
      return Statement(stmt, this, /*owned=*/true, /*reusable=*/true);
    }
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return StatusFromSqlite(rc, db_);
  if (stmt == nullptr) return Status::Error(ER_EMPTY_QUERY);
  return Statement(stmt, this, /*owned=*/true, /*reusable=*/true);
}

void Database::GiveBack(sqlite3_stmt* stmt) {
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  std::vector<sqlite3_stmt*>& reusable = cache_->reusable;
  std::string_view text(sqlite3_sql(stmt));
  for (sqlite3_stmt* kept : reusable) {
    if (std::string_view(sqlite3_sql(kept)) == text) {  // two were in use at once
      sqlite3_finalize(stmt);
      return;
    }
  }
  reusable.insert(reusable.begin(), stmt);
  if (reusable.size() > kReusableStatements) {
    sqlite3_finalize(reusable.back());
    reusable.pop_back();
  }
}

int64_t Database::LastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }
int64_t Database::Changes() const { return sqlite3_changes64(db_); }
bool Database::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }
void Database::Interrupt() { sqlite3_interrupt(db_); }

Statement::Statement(Statement&& other) noexcept
    : stmt_(other.stmt_), db_(other.db_), owner_(other.owner_), owned_(other.owned_),
      home_(other.home_) {
  other.stmt_ = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    Release();
    stmt_ = other.stmt_;
    db_ = other.db_;
    owner_ = other.owner_;
    owned_ = other.owned_;
    home_ = other.home_;
    other.stmt_ = nullptr;
  }
  return *this;
}

Statement::~Statement() { Release(); }

void Statement::NoteFullScanSteps() {
  owner_->full_scan_steps_ +=
      static_cast<uint64_t>(sqlite3_stmt_status(stmt_, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1));
}

void Statement::Release() {
  if (stmt_ == nullptr) return;
  NoteFullScanSteps();
  if (home_ != nullptr) {
    home_->GiveBack(stmt_);
  } else if (owned_) {
    sqlite3_finalize(stmt_);
  } else {
    sqlite3_reset(stmt_);
  }
  stmt_ = nullptr;
}

namespace {
Status BindResult(int rc, sqlite3* db) {
  return rc == SQLITE_OK ? Status::OK() : StatusFromSqlite(rc, db);
}
}  // namespace

Status Statement::BindNull(int index) { return BindResult(sqlite3_bind_null(stmt_, index), db_); }
Status Statement::BindInt64(int index, int64_t value) {
  return BindResult(sqlite3_bind_int64(stmt_, index, value), db_);
}
Status Statement::BindDouble(int index, double value) {
  return BindResult(sqlite3_bind_double(stmt_, index, value), db_);
}
Status Statement::BindText(int index, std::string_view value) {
  return BindResult(sqlite3_bind_text64(stmt_, index, value.data(), value.size(),
                                        SQLITE_TRANSIENT, SQLITE_UTF8),
                    db_);
}
Status Statement::BindBlob(int index, std::string_view value) {
  return BindResult(
      sqlite3_bind_blob64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT), db_);
}
Status Statement::BindTextKept(int index, std::string_view value) {
  return BindResult(
      sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8), db_);
}
Status Statement::BindBlobKept(int index, std::string_view value) {
  return BindResult(sqlite3_bind_blob64(stmt_, index, value.data(), value.size(), SQLITE_STATIC), db_);
}

namespace {
// Re-runs of a statement whose schema changed under it, beyond SQLite's own 25.
constexpr int kSchemaRetries = 200;
}  // namespace

Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  // Another connection's DDL changed the schema (every MySQL database shares one file): SQLite
  // re-prepares up to SQLITE_MAX_SCHEMA_RETRY times, which a burst of DDL can outlast. The
  // check happens before a statement produces anything, so running it again is safe.
  for (int attempt = 0; (rc & 0xff) == SQLITE_SCHEMA && attempt < kSchemaRetries; ++attempt) {
    sqlite3_reset(stmt_);
    if (attempt > 8) sqlite3_sleep(1);
    rc = sqlite3_step(stmt_);
  }
  if (rc == SQLITE_ROW) return true;
  NoteFullScanSteps();
  if (rc == SQLITE_DONE) return false;
  return StatusFromSqlite(rc, db_);
}

Status Statement::Run() {
  while (true) {
    Result<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return Status::OK();
  }
}

Status Statement::Reset() {
  NoteFullScanSteps();
  return BindResult(sqlite3_reset(stmt_), db_);
}

int Statement::ColumnCount() const { return sqlite3_column_count(stmt_); }
std::string_view Statement::ColumnName(int column) const {
  const char* name = sqlite3_column_name(stmt_, column);
  return name != nullptr ? std::string_view(name) : std::string_view();
}
int Statement::ColumnType(int column) const { return sqlite3_column_type(stmt_, column); }
bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}
int64_t Statement::ColumnInt64(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::ColumnDouble(int column) const { return sqlite3_column_double(stmt_, column); }
std::string_view Statement::ColumnText(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  int size = sqlite3_column_bytes(stmt_, column);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text), static_cast<size_t>(size)};
}
std::string_view Statement::ColumnBlob(int column) const {
  const void* blob = sqlite3_column_blob(stmt_, column);
  int size = sqlite3_column_bytes(stmt_, column);
  if (blob == nullptr) return {};
  return {static_cast<const char*>(blob), static_cast<size_t>(size)};
}

Result<Transaction> Transaction::Begin(Database& db, bool write) {
  if (write) PORPOISE_RETURN_IF_ERROR(db.LockForWriting());
  PORPOISE_RETURN_IF_ERROR(db.Execute(write ? "BEGIN IMMEDIATE" : "BEGIN"));
  return Transaction(&db);
}

Transaction::Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }

Transaction::~Transaction() {
  if (db_ != nullptr) (void)db_->Execute("ROLLBACK");
}

Status Transaction::Commit() {
  Database* db = db_;
  db_ = nullptr;
  return db->Execute("COMMIT");
}

}  // namespace porpoise::storage
