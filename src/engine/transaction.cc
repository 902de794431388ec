// Transaction (transaction.h). (engine/)
#include "engine/transaction.h"

#include <strings.h>

#include "engine/emitter.h"

namespace porpoise::engine {

namespace {

bool SameSavepoint(const std::string& a, const std::string& b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

Status Transaction::BeginDeferred() {
  // Read before BEGIN: a commit that lands in between makes the snapshot look older than it
  // is, which costs at most a needless fresh snapshot at the first write.
  began_generation_ = db_.WriteGeneration();
  return db_.ExecuteKept("BEGIN");
}

Status Transaction::Begin() {
  PORPOISE_RETURN_IF_ERROR(BeginDeferred());
  explicit_ = true;
  return Status::OK();
}

void Transaction::Forget() {
  changed_.clear();
  savepoints_.clear();
}

void Transaction::Committed() {
  if (!changed_.empty() && commit_listener_) commit_listener_(changed_);
  Forget();
}

Status Transaction::Commit() {
  explicit_ = false;
  if (!db_.InTransaction()) {
    Forget();
    return Status::OK();
  }
  PORPOISE_RETURN_IF_ERROR(db_.ExecuteKept("COMMIT"));
  Committed();
  return Status::OK();
}

Status Transaction::Rollback() {
  explicit_ = false;
  Forget();
  if (!db_.InTransaction()) return Status::OK();
  return db_.ExecuteKept("ROLLBACK");
}

void Transaction::Abandon() {
  if (db_.InTransaction()) {
    Status ignored = db_.ExecuteKept("ROLLBACK");
    (void)ignored;
  }
  db_.ReleaseWriteLockIfDone();
  Forget();
  explicit_ = false;
}

Status Transaction::StartImplicit(bool autocommit) {
  if (autocommit || db_.InTransaction()) return Status::OK();
  return BeginDeferred();
}

Status Transaction::Savepoint(const std::string& name) {
  PORPOISE_RETURN_IF_ERROR(db_.Execute("SAVEPOINT " + QuoteName(name)));
  // A second savepoint of a name replaces the first, as in MySQL.
  for (size_t i = 0; i < savepoints_.size(); ++i) {
    if (SameSavepoint(savepoints_[i], name)) {
      savepoints_.erase(savepoints_.begin() + static_cast<std::ptrdiff_t>(i));
      break;
    }
  }
  savepoints_.push_back(name);
  return Status::OK();
}

void Transaction::ForgetSavepointsAfter(const std::string& name, bool keep_it) {
  for (size_t i = savepoints_.size(); i-- > 0;) {
    if (SameSavepoint(savepoints_[i], name)) {
      savepoints_.resize(keep_it ? i + 1 : i);
      return;
    }
  }
}

Status Transaction::RollbackTo(const std::string& name) {
  if (!db_.InTransaction()) return Status::Error(ER_UNKNOWN_ERROR);
  PORPOISE_RETURN_IF_ERROR(db_.Execute("ROLLBACK TO " + QuoteName(name)));
  ForgetSavepointsAfter(name, /*keep_it=*/true);
  return Status::OK();
}

Status Transaction::Release(const std::string& name) {
  if (!db_.InTransaction()) return Status::Error(ER_UNKNOWN_ERROR);
  PORPOISE_RETURN_IF_ERROR(db_.Execute("RELEASE " + QuoteName(name)));
  ForgetSavepointsAfter(name, /*keep_it=*/false);
  return Status::OK();
}

Status Transaction::LockInsideTransaction() {
  if (db_.HoldsWriteLock()) return Status::OK();
  PORPOISE_RETURN_IF_ERROR(db_.LockForWriting());
  // Holding the lock for the first time in this transaction: nothing was written in it yet.
  // When the lock changed hands since BEGIN, a commit may be missing from the read snapshot,
  // and SQLite would refuse the write (SQLITE_BUSY_SNAPSHOT): begin again on the newest data.
  if (db_.WriteGeneration() == began_generation_) return Status::OK();
  // Never over a write (a temporary table's, or one that bypassed the lock): SQLite then
  // decides, refusing the write on a stale snapshot (1213) rather than losing anything.
  if (db_.HasWritten()) return Status::OK();
  return BeginAgain("BEGIN IMMEDIATE");
}

Status Transaction::BeginAgain(std::string_view begin) {
  std::string again = "ROLLBACK; " + std::string(begin) + ";";
  for (const std::string& name : savepoints_) again += " SAVEPOINT " + QuoteName(name) + ";";
  began_generation_ = db_.WriteGeneration();
  return db_.Execute(again);
}

bool Transaction::SnapshotBehind() const {
  if (!db_.InTransaction() || db_.HoldsWriteLock() || db_.HasWritten()) return false;
  return db_.WriteGeneration() != began_generation_;  // someone committed since
}

Status Transaction::FreshSnapshot() { return SnapshotBehind() ? BeginAgain("BEGIN") : Status::OK(); }

Status Transaction::BeginWrite(bool autocommit, bool within_statement) {
  if (within_statement) {
    // SQLite opens no savepoint while a statement runs; the running statement's bracket
    // (whose failure undoes this write too) is the one that counts. The write lock is
    // still taken (no fresh snapshot can be had in the middle of a statement: a stale one
    // makes SQLite refuse the write, 1213).
    PORPOISE_RETURN_IF_ERROR(db_.LockForWriting());
    statement_brackets_.push_back({Bracket::kNone, changed_.size()});
    return Status::OK();
  }
  PORPOISE_RETURN_IF_ERROR(StartImplicit(autocommit));
  bool savepoint = db_.InTransaction();
  if (savepoint) {
    PORPOISE_RETURN_IF_ERROR(LockInsideTransaction());
  } else {
    PORPOISE_RETURN_IF_ERROR(db_.LockForWriting());
  }
  PORPOISE_RETURN_IF_ERROR(
      db_.ExecuteKept(savepoint ? "SAVEPOINT porpoise_statement" : "BEGIN IMMEDIATE"));
  statement_brackets_.push_back(
      {savepoint ? Bracket::kSavepoint : Bracket::kTransaction, changed_.size()});
  return Status::OK();
}

Status Transaction::EndWrite(bool success) {
  OpenBracket open{Bracket::kTransaction, 0};
  if (!statement_brackets_.empty()) {
    open = statement_brackets_.back();
    statement_brackets_.pop_back();
  }
  // A statement that failed changed nothing (its writes are undone below, or with the
  // statement it runs inside).
  if (!success && open.changes_before < changed_.size()) changed_.resize(open.changes_before);
  if (open.kind == Bracket::kNone) return Status::OK();
  if (open.kind == Bracket::kSavepoint) {
    if (!db_.InTransaction()) {
      // SQLite rolled the whole transaction back (an interrupted write, a full disk, a
      // deadlock): the session must learn it.
      lost_ = true;
      Forget();
      return Status::OK();
    }
    if (success) return db_.ExecuteKept("RELEASE porpoise_statement");
    return db_.Execute("ROLLBACK TO porpoise_statement; RELEASE porpoise_statement");
  }
  if (!db_.InTransaction()) {
    Forget();
    return Status::OK();
  }
  if (!success) {
    Forget();
    return db_.ExecuteKept("ROLLBACK");
  }
  Status status = db_.ExecuteKept("COMMIT");
  if (!status.ok() && db_.InTransaction()) {
    Status ignored = db_.ExecuteKept("ROLLBACK");
    (void)ignored;
  }
  if (status.ok()) {
    Committed();
  } else {
    Forget();
  }
  return status;
}

}  // namespace porpoise::engine
