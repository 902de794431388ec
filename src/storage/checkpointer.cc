// Checkpointer (checkpointer.h). (storage/)
#include "storage/checkpointer.h"

#include <sqlite3.h>

#include <chrono>

#include "storage/database.h"
#include "storage/group_sync.h"

namespace porpoise::storage {

Result<std::unique_ptr<Checkpointer>> Checkpointer::Start(const std::string& path, GroupSync& sync,
                                                          WriteLock* write_lock,
                                                          std::function<void()> over_bound) {
  OpenOptions options;  // no group sync: this connection syncs what it checkpoints
  PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, Database::Open(path, options));
  PORPOISE_RETURN_IF_ERROR(db->Execute("PRAGMA synchronous=NORMAL"));
  std::unique_ptr<Checkpointer> checkpointer(
      new Checkpointer(std::move(db), sync, write_lock, std::move(over_bound)));
  checkpointer->thread_ = std::thread([raw = checkpointer.get()] { raw->Run(); });
  return checkpointer;
}

Checkpointer::Checkpointer(std::unique_ptr<Database> db, GroupSync& sync, WriteLock* write_lock,
                           std::function<void()> over_bound)
    : db_(std::move(db)),
      sync_(sync),
      write_lock_(write_lock),
      over_bound_(std::move(over_bound)) {}

WriteLock::Clock::time_point Checkpointer::LockHolder::WriteLockDeadline() {
  return WriteLock::Clock::now() + kLockWait;
}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void Checkpointer::Committed(int wal_pages) {
  std::lock_guard<std::mutex> lock(mutex_);
  // After a restart of the WAL its length falls: measure from the new beginning.
  if (wal_pages < pages_at_last_run_) pages_at_last_run_ = 0;
  if (!due_ && wal_pages - pages_at_last_run_ >= kCheckpointPages) {
    due_ = true;
    wake_.notify_one();
  }
}

uint64_t Checkpointer::runs() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return runs_;
}

void Checkpointer::CheckpointOnce() {
  int log_frames = 0;
  int checkpointed = 0;
  // PASSIVE: copies what no reader still needs, waiting for nobody.
  sqlite3_wal_checkpoint_v2(db_->handle(), "main", SQLITE_CHECKPOINT_PASSIVE, &log_frames,
                            &checkpointed);
  if (log_frames >= kRestartPages && write_lock_ != nullptr &&
      write_lock_->Acquire(holder_).ok()) {
    // Writers went on meanwhile: what they appended, copied while none can, puts every frame
    // in the database file, so that the next writer restarts the WAL from its beginning
    // (unless a reader still needs old frames). A pass beside them never gets there: the
    // next commit lands before the next writer begins.
    sqlite3_wal_checkpoint_v2(db_->handle(), "main", SQLITE_CHECKPOINT_PASSIVE, &log_frames,
                              &checkpointed);
    write_lock_->Release(holder_);
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    pages_at_last_run_ = log_frames > 0 ? log_frames : 0;
    ++runs_;
  }
  over_bound_left_ = log_frames > kBoundPages && checkpointed < log_frames;
  if (over_bound_left_ && over_bound_) over_bound_();
}

void Checkpointer::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  uint64_t commits_seen = sync_.commits();
  while (!stop_) {
    wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_ || due_; });
    due_ = false;
    bool stopping = stop_;
    lock.unlock();
    if (sync_.policy() != GroupSync::Policy::kEveryCommit) (void)sync_.SyncNow();
    uint64_t commits = sync_.commits();
    // (a WAL left over its bound is looked at again each second, commits or not: the
    // reader that holds it may have sat idle past its limit since)
    if (commits != commits_seen || stopping || over_bound_left_) {
      commits_seen = commits;
      CheckpointOnce();
    }
    lock.lock();
  }
}

}  // namespace porpoise::storage
