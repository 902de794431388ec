// Transaction (transaction.h). (engine/)
#include "engine/transaction.h"

namespace porpoise::engine {

Status Transaction::Begin() {
  PORPOISE_RETURN_IF_ERROR(db_.Execute("BEGIN"));
  explicit_ = true;
  return Status::OK();
}

void Transaction::Committed() {
  if (!changed_.empty() && commit_listener_) commit_listener_(changed_);
  changed_.clear();
}

Status Transaction::Commit() {
  explicit_ = false;
  if (!db_.InTransaction()) {
    changed_.clear();
    return Status::OK();
  }
  PORPOISE_RETURN_IF_ERROR(db_.Execute("COMMIT"));
  Committed();
  return Status::OK();
}

Status Transaction::Rollback() {
  explicit_ = false;
  changed_.clear();
  if (!db_.InTransaction()) return Status::OK();
  return db_.Execute("ROLLBACK");
}

void Transaction::Abandon() {
  if (db_.InTransaction()) {
    Status ignored = db_.Execute("ROLLBACK");
    (void)ignored;
  }
  changed_.clear();
  explicit_ = false;
}

Status Transaction::StartImplicit(bool autocommit) {
  if (autocommit || db_.InTransaction()) return Status::OK();
  return db_.Execute("BEGIN");
}

Status Transaction::BeginWrite(bool autocommit, bool within_statement) {
  if (within_statement) {
    // SQLite opens no savepoint while a statement runs; the running statement's bracket
    // (whose failure undoes this write too) is the one that counts.
    statement_brackets_.push_back({Bracket::kNone, changed_.size()});
    return Status::OK();
  }
  PORPOISE_RETURN_IF_ERROR(StartImplicit(autocommit));
  bool savepoint = db_.InTransaction();
  PORPOISE_RETURN_IF_ERROR(db_.Execute(savepoint ? "SAVEPOINT porpoise_statement" : "BEGIN IMMEDIATE"));
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
    if (!db_.InTransaction()) return Status::OK();  // rolled back by a deadlock
    if (success) return db_.Execute("RELEASE porpoise_statement");
    return db_.Execute("ROLLBACK TO porpoise_statement; RELEASE porpoise_statement");
  }
  if (!db_.InTransaction()) {
    changed_.clear();
    return Status::OK();
  }
  if (!success) {
    changed_.clear();
    return db_.Execute("ROLLBACK");
  }
  Status status = db_.Execute("COMMIT");
  if (!status.ok() && db_.InTransaction()) {
    Status ignored = db_.Execute("ROLLBACK");
    (void)ignored;
  }
  if (status.ok()) {
    Committed();
  } else {
    changed_.clear();
  }
  return status;
}

}  // namespace porpoise::engine
