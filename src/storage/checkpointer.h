// Checkpointer: copies committed WAL frames into the database file on a thread of its own,
// so that no commit pays for it (the server's connections never checkpoint). It runs once the
// WAL has grown by kCheckpointPages since the last run, and once a second otherwise; it also
// makes the once-a-second sync of innodb_flush_log_at_trx_commit 0 and 2. Its connection
// syncs the WAL before and the database file after each checkpoint, so a writer may restart
// the WAL from its beginning afterwards without risking a committed transaction. A checkpoint
// of a long WAL ends with a pass under the write lock: a writer restarts the WAL only when
// every frame was in the database file as it began, which under a steady stream of commits a
// checkpoint beside them never leaves behind. (storage/)
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "common/status.h"
#include "storage/write_lock.h"

namespace porpoise::storage {

class Database;
class GroupSync;

class Checkpointer {
 public:
  // WAL pages (of 4 KiB) that wake the checkpointer early.
  static constexpr int kCheckpointPages = 4096;
  // The WAL's bound (64 MiB): a checkpoint that leaves more than this uncopied, because some
  // reader still needs it, calls `over_bound`, which ends the transactions that have sat
  // idle too long on old snapshots (see Engine); it runs again each second while so.
  static constexpr int kBoundPages = 16384;

  // A WAL this long (4 MiB) is restarted: the checkpoint's last pass runs under the write
  // lock. It waits at most kLockWait for it, else leaves that to its next run.
  static constexpr int kRestartPages = 1024;
  static constexpr std::chrono::milliseconds kLockWait{250};

  // Opens its own connection to `path` and starts the thread. `write_lock` (may be null: no
  // finishing under it) is the lock the server's writers take.
  static Result<std::unique_ptr<Checkpointer>> Start(const std::string& path, GroupSync& sync,
                                                     WriteLock* write_lock,
                                                     std::function<void()> over_bound);
  ~Checkpointer();  // stops the thread after one last checkpoint
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // A commit left the WAL `wal_pages` long.
  void Committed(int wal_pages);
  // Checkpoints run, for status counters.
  uint64_t runs() const;

 private:
  // The checkpointer as a taker of the write lock: it waits kLockWait, and is never idle.
  class LockHolder : public WriteLock::Holder {
   public:
    WriteLock::Clock::time_point WriteLockDeadline() override;
    const std::atomic<bool>* WriteLockInterrupted() override { return nullptr; }
    bool GiveUpWhileIdle() override { return false; }
  };

  Checkpointer(std::unique_ptr<Database> db, GroupSync& sync, WriteLock* write_lock,
               std::function<void()> over_bound);
  void Run();
  void CheckpointOnce();

  std::unique_ptr<Database> db_;
  GroupSync& sync_;
  WriteLock* write_lock_;
  LockHolder holder_;
  std::function<void()> over_bound_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  bool due_ = false;
  int pages_at_last_run_ = 0;
  bool over_bound_left_ = false;  // the last run left more than kBoundPages uncopied (thread's)
  uint64_t runs_ = 0;
  std::thread thread_;
};

}  // namespace porpoise::storage
