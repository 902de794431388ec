// GroupSync: when a commit becomes durable. The server's connections commit into the WAL
// without syncing it themselves; each commit then, by the flush policy
// (innodb_flush_log_at_trx_commit), waits until an fdatasync of the WAL file that began after
// its frames were written has finished. Commits that wait at the same time share one
// fdatasync (group commit). (storage/)
#pragma once

#include <sys/types.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

#include "common/latency_histogram.h"
#include "common/status.h"

namespace porpoise::storage {

class GroupSync {
 public:
  // innodb_flush_log_at_trx_commit: 1 syncs before each commit's OK; 0 and 2 leave the sync
  // to the once-a-second flush (a commit's frames are written to the file at once either way,
  // so a crash of the server alone loses nothing; a power loss loses up to a second).
  enum class Policy : int { kEverySecond = 0, kEveryCommit = 1, kWriteEverySecond = 2 };

  explicit GroupSync(std::string wal_path) : wal_path_(std::move(wal_path)) {}
  ~GroupSync();
  GroupSync(const GroupSync&) = delete;
  GroupSync& operator=(const GroupSync&) = delete;

  // A commit wrote its frames; `wal_pages` is the WAL's size in pages after it. Under
  // kEveryCommit, returns once those frames are on disk (an error when the sync failed: the
  // commit happened, but it may not survive a power loss).
  Status Committed(int wal_pages);
  // Syncs every commit made so far (the periodic flush, and before the server stops).
  Status SyncNow();

  // Told the WAL's length after every commit (the checkpointer). Set before the first.
  void set_listener(std::function<void(int wal_pages)> listener) { listener_ = std::move(listener); }
  void set_policy(Policy policy) { policy_.store(policy, std::memory_order_relaxed); }
  Policy policy() const { return policy_.load(std::memory_order_relaxed); }
  uint64_t syncs() const { return syncs_.load(std::memory_order_relaxed); }
  uint64_t commits() const;
  // The WAL's size in pages after the last commit.
  int wal_pages() const { return wal_pages_.load(std::memory_order_relaxed); }
  // How long each commit waited in Committed, from its frames being written to its OK
  // (the sync it joined under kEveryCommit; next to nothing under the other policies).
  const LatencyHistogram& commit_latency() const { return commit_latency_; }

 private:
  // Waits until every commit up to `sequence` is synced (or the sync failed).
  Status SyncThrough(std::unique_lock<std::mutex>& lock, uint64_t sequence);
  // One fdatasync of the WAL file, reopened when SQLite replaced it.
  Status SyncFile();

  const std::string wal_path_;
  std::function<void(int)> listener_;
  mutable std::mutex mutex_;
  std::condition_variable synced_cv_;
  uint64_t committed_ = 0;  // commits noted
  uint64_t synced_ = 0;     // commits known durable
  bool syncing_ = false;    // a leader is in fdatasync
  uint64_t sync_rounds_ = 0;    // syncs finished, failed or not
  Status last_error_;           // the last sync's failure (OK when it succeeded)
  uint64_t failed_through_ = 0;  // the last commit that failed sync was to cover
  // Only the leader touches these.
  int fd_ = -1;
  dev_t device_ = 0;
  ino_t inode_ = 0;
  std::atomic<Policy> policy_{Policy::kEveryCommit};
  std::atomic<uint64_t> syncs_{0};
  std::atomic<int> wal_pages_{0};
  LatencyHistogram commit_latency_ = LatencyHistogram::ForStatements();
};

}  // namespace porpoise::storage
