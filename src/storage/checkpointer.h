// Checkpointer: copies committed WAL frames into the database file on a thread of its own,
// so that no commit pays for it (the server's connections never checkpoint). It runs once the
// WAL has grown by kCheckpointPages since the last run, and once a second otherwise; it also
// makes the once-a-second sync of innodb_flush_log_at_trx_commit 0 and 2. Its connection
// syncs the WAL before and the database file after each checkpoint, so a writer may restart
// the WAL from its beginning afterwards without risking a committed transaction. (storage/)
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "common/status.h"

namespace porpoise::storage {

class Database;
class GroupSync;

class Checkpointer {
 public:
  // WAL pages (of 4 KiB) that wake the checkpointer early.
  static constexpr int kCheckpointPages = 4096;
  // The WAL's bound (64 MiB): a checkpoint that leaves more than this uncopied, because some
  // reader still needs it, calls `over_bound`, which ends the transactions that have sat
  // idle too long on old snapshots (see Engine).
  static constexpr int kBoundPages = 16384;

  // Opens its own connection to `path` and starts the thread.
  static Result<std::unique_ptr<Checkpointer>> Start(const std::string& path, GroupSync& sync,
                                                     std::function<void()> over_bound);
  ~Checkpointer();  // stops the thread after one last checkpoint
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // A commit left the WAL `wal_pages` long.
  void Committed(int wal_pages);
  // Checkpoints run, for status counters.
  uint64_t runs() const;

 private:
  Checkpointer(std::unique_ptr<Database> db, GroupSync& sync, std::function<void()> over_bound);
  void Run();
  void CheckpointOnce();

  std::unique_ptr<Database> db_;
  GroupSync& sync_;
  std::function<void()> over_bound_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  bool due_ = false;
  int pages_at_last_run_ = 0;
  uint64_t runs_ = 0;
  std::thread thread_;
};

}  // namespace porpoise::storage
