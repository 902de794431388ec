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

Status Transaction::BeginWrite(bool autocommit) {
  PORPOISE_RETURN_IF_ERROR(StartImplicit(autocommit));
  bool savepoint = db_.InTransaction();
  PORPOISE_RETURN_IF_ERROR(db_.Execute(savepoint ? "SAVEPOINT porpoise_statement" : "BEGIN IMMEDIATE"));
  statement_savepoints_.push_back(savepoint);
  return Status::OK();
}

Status Transaction::EndWrite(bool success) {
  bool savepoint = !statement_savepoints_.empty() && statement_savepoints_.back();
  if (!statement_savepoints_.empty()) statement_savepoints_.pop_back();
  if (savepoint) {
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
