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
  if (db_.InTransaction()) {
    statement_savepoint_ = true;
    return db_.Execute("SAVEPOINT porpoise_statement");
  }
  statement_savepoint_ = false;
  return db_.Execute("BEGIN IMMEDIATE");
}

Status Transaction::EndWrite(bool success) {
  if (statement_savepoint_) {
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
