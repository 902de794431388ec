// MetadataLocks: DDL waits for the transactions that use its tables, as MySQL's metadata
// locks make it. A session holds a shared lock on each table its open transaction (or its
// running statement, in autocommit mode) has read or written, until the transaction ends; a
// DDL statement takes an exclusive lock on its tables (or a whole database) first, waiting
// until no other session holds them shared, for at most lock_wait_timeout seconds (1205).
// While a DDL holds its exclusive lock, a statement that needs one of its tables waits for
// it; one that holds the server's write lock while the DDL waits for that lock gets 1213
// instead (the two would wait for each other). A DDL that waits holds back a transaction that
// starts using its table meanwhile, as MySQL's pending exclusive lock does, so a stream of
// new transactions cannot keep it waiting; a transaction that already holds shared locks is
// not held back (it may be what the DDL waits for). (engine/)
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "common/status.h"

namespace porpoise::engine {

class MetadataLocks {
 public:
  using Clock = std::chrono::steady_clock;
  // A table ("db", "t") or, with an empty table, a whole database.
  struct Name {
    std::string database;
    std::string table;
    bool operator<(const Name& other) const {
      return database != other.database ? database < other.database : table < other.table;
    }
  };

  // Takes `session`'s shared lock on `name`: at once, unless another session's DDL holds it
  // exclusively, or waits for it while `session` holds no shared lock and not the write lock
  // (then waits, 1205 at `deadline`, 1317 when interrupted; 1213 at once when
  // `holds_write_lock` and the DDL holds it).
  Status Share(uint32_t session, const Name& name, bool holds_write_lock, Clock::time_point deadline,
               const std::atomic<bool>* interrupted);
  // Ends every shared lock of `session` (its transaction ended).
  void ReleaseShared(uint32_t session);
  bool HoldsShared(uint32_t session) const;

  // Takes `session`'s exclusive locks on `names` (all or none), waiting until no other
  // session holds any of them, shared or exclusive. 1205 at `deadline`, 1317 when interrupted.
  Status Exclusive(uint32_t session, const std::vector<Name>& names, Clock::time_point deadline,
                   const std::atomic<bool>* interrupted);
  void ReleaseExclusive(uint32_t session);

  void WakeAll();

 private:
  // REQUIRES: mutex_ held.
  bool ExclusiveBlocks(uint32_t session, const Name& name) const;
  bool PendingBlocks(uint32_t session, const Name& name) const;
  bool SharedBlocks(uint32_t session, const Name& name) const;
  Status Wait(std::unique_lock<std::mutex>& lock, Clock::time_point deadline,
              const std::atomic<bool>* interrupted);

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::map<uint32_t, std::set<Name>> shared_;     // by session
  std::map<uint32_t, std::vector<Name>> exclusive_;  // by session
  std::map<uint32_t, std::vector<Name>> pending_;    // exclusive locks waited for, by session
};

}  // namespace porpoise::engine
