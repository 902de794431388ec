// Transaction (transaction.h). (engine/)
#include "engine/transaction.h"

namespace porpoise::engine {

Status Transaction::Begin() {
  PORPOISE_RETURN_IF_ERROR(db_.Execute("BEGIN"));
  explicit_ = true;
  return Status::OK();
}

Status Transaction::Commit() {
  explicit_ = false;
  if (!db_.InTransaction()) return Status::OK();
  return db_.Execute("COMMIT");
}

Status Transaction::Rollback() {
  explicit_ = false;
  if (!db_.InTransaction()) return Status::OK();
  return db_.Execute("ROLLBACK");
}

void Transaction::Abandon() {
  if (db_.InTransaction()) {
    Status ignored = db_.Execute("ROLLBACK");
    (void)ignored;
  }
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
    statement_brackets_.push_back(Bracket::kNone);
    return Status::OK();
  }
  PORPOISE_RETURN_IF_ERROR(StartImplicit(autocommit));
  bool savepoint = db_.InTransaction();
  PORPOISE_RETURN_IF_ERROR(db_.Execute(savepoint ? "SAVEPOINT porpoise_statement" : "BEGIN IMMEDIATE"));
  statement_brackets_.push_back(savepoint ? Bracket::kSavepoint : Bracket::kTransaction);
  return Status::OK();
}

Status Transaction::EndWrite(bool success) {
  Bracket bracket = statement_brackets_.empty() ? Bracket::kTransaction : statement_brackets_.back();
  if (!statement_brackets_.empty()) statement_brackets_.pop_back();
  if (bracket == Bracket::kNone) return Status::OK();
  if (bracket == Bracket::kSavepoint) {
    if (!db_.InTransaction()) return Status::OK();  // rolled back by a deadlock
    if (success) return db_.Execute("RELEASE porpoise_statement");
    return db_.Execute("ROLLBACK TO porpoise_statement; RELEASE porpoise_statement");
  }
  if (!db_.InTransaction()) return Status::OK();
  if (!success) return db_.Execute("ROLLBACK");
  Status status = db_.Execute("COMMIT");
  if (!status.ok() && db_.InTransaction()) {
    Status ignored = db_.Execute("ROLLBACK");
    (void)ignored;
  }
  return status;
}

}  // namespace porpoise::engine
