// Transaction: a session's transaction state on its SQLite connection. An explicit
// transaction (BEGIN, COMMIT AND CHAIN) or the implicit one autocommit=0 opens, and the
// bracket every writing statement runs in: the server's write lock, then BEGIN IMMEDIATE
// outside a transaction or a savepoint inside one, so a failed statement undoes itself and
// nothing else. A transaction that has only read and then writes continues on the newest
// data, as InnoDB's writes do: when a commit happened since it began, its read snapshot is
// replaced by a new one (its savepoints are set again). Errors come back as storage reports
// them; the session maps them to MySQL's. (engine/)
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/status.h"
#include "storage/database.h"

namespace porpoise::engine {

class Transaction {
 public:
  explicit Transaction(storage::Database& db) : db_(db) {}

  // Whether a transaction is open (SERVER_STATUS_IN_TRANS).
  bool open() const { return explicit_ || db_.InTransaction(); }
  // Whether it was opened by BEGIN / START TRANSACTION.
  bool explicit_open() const { return explicit_; }

  // BEGIN: a new explicit transaction (the caller commits any open one first).
  Status Begin();
  // COMMIT, and the implicit commit of DDL and account statements.
  Status Commit();
  // ROLLBACK of the whole transaction.
  Status Rollback();
  // The transaction was lost (a deadlock): what is left is rolled back and forgotten.
  void Abandon();
  // autocommit=0: the first statement opens a transaction that stays open.
  Status StartImplicit(bool autocommit);

  // Brackets one writing statement.
  // `within_statement`: the write runs inside another statement's step (a stored function's
  // statement): no bracket of its own.
  Status BeginWrite(bool autocommit, bool within_statement = false);
  Status EndWrite(bool success);

  // Whether SQLite rolled the open transaction back on its own (an interrupted write, an
  // I/O error) since the last call.
  bool TakeLost() {
    bool lost = lost_;
    lost_ = false;
    return lost;
  }

  // SAVEPOINT, ROLLBACK TO SAVEPOINT, RELEASE SAVEPOINT of the client's. RollbackTo and
  // Release fail when there is no such savepoint.
  Status Savepoint(const std::string& name);
  Status RollbackTo(const std::string& name);
  Status Release(const std::string& name);

  // The running statement changes the table stored as `storage_id`. When the transaction
  // commits, the listener hears every table its surviving statements changed.
  void Changed(uint64_t storage_id) {
    // A run of statements on one table (a bulk load) is noted once.
    if (changed_.empty() || changed_.back() != storage_id) changed_.push_back(storage_id);
  }
  void set_commit_listener(std::function<void(const std::vector<uint64_t>&)> listener) {
    commit_listener_ = std::move(listener);
  }

  // READ COMMITTED: before a statement of an open transaction that has only read, the
  // transaction moves to the newest commits (its savepoints set again). Nothing is done once
  // it has written, temporary tables included: a writer's snapshot is the newest already,
  // as writers take turns.
  Status FreshSnapshot();
  // Whether FreshSnapshot would begin again: the transaction has only read, and someone
  // committed since its snapshot was taken. Cheap, for the per-statement check.
  bool SnapshotBehind() const;

 private:
  // After a COMMIT that succeeded: tells the listener, and forgets the changes.
  void Committed();
  // SQLite's BEGIN (deferred): notes when, in write-lock generations.
  Status BeginDeferred();
  // Takes the write lock for a write inside the open transaction; a transaction that has
  // only read gets a fresh snapshot when someone wrote since it began.
  Status LockInsideTransaction();
  // Ends the SQLite transaction, which has not written, and opens it again with `begin`
  // (BEGIN or BEGIN IMMEDIATE) and the savepoints, in one Execute: no moment without an open
  // transaction gives the write lock back.
  Status BeginAgain(std::string_view begin);
  void Forget();  // the transaction ended: no savepoints, no changes
  // Drops the savepoints set after the newest one named `name`, and that one unless `keep_it`.
  void ForgetSavepointsAfter(const std::string& name, bool keep_it);

  storage::Database& db_;
  bool explicit_ = false;
  // One entry per BeginWrite not yet ended (statements nest: a trigger's inside the one that
  // fired it): what EndWrite closes, and how many changes there were before it.
  enum class Bracket : uint8_t { kTransaction, kSavepoint, kNone };
  struct OpenBracket {
    Bracket kind;
    size_t changes_before;
  };
  std::vector<OpenBracket> statement_brackets_;
  std::vector<uint64_t> changed_;  // storage ids, no two neighbours alike
  std::vector<std::string> savepoints_;  // the client's, oldest first
  uint64_t began_generation_ = 0;  // WriteGeneration() at BEGIN
  bool lost_ = false;
  std::function<void(const std::vector<uint64_t>&)> commit_listener_;
};

}  // namespace porpoise::engine
