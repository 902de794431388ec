// GroupSync (group_sync.h). (storage/)
#include "storage/group_sync.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <cstring>

namespace porpoise::storage {

GroupSync::~GroupSync() {
  if (fd_ >= 0) ::close(fd_);
}

uint64_t GroupSync::commits() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return committed_;
}

Status GroupSync::Committed(int wal_pages) {
  const auto started = std::chrono::steady_clock::now();
  wal_pages_.store(wal_pages, std::memory_order_relaxed);
  if (listener_) listener_(wal_pages);
  Status status;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    uint64_t sequence = ++committed_;
    if (policy_.load(std::memory_order_relaxed) == Policy::kEveryCommit) {
      status = SyncThrough(lock, sequence);
    }
  }
  commit_latency_.Observe(static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                            started).count()));
  return status;
}

Status GroupSync::SyncNow() {
  std::unique_lock<std::mutex> lock(mutex_);
  return SyncThrough(lock, committed_);
}

Status GroupSync::SyncThrough(std::unique_lock<std::mutex>& lock, uint64_t sequence) {
  while (synced_ < sequence) {
    if (syncing_) {
      uint64_t round = sync_rounds_;
      synced_cv_.wait(lock, [&] { return sync_rounds_ != round; });
      // A failed sync that covered this commit is this commit's failure too; one that began
      // before it was written says nothing about it: the loop syncs again.
      if (!last_error_.ok() && failed_through_ >= sequence) return last_error_;
      continue;
    }
    // This commit leads: one sync covers every commit noted so far, whose frames are all
    // written (a commit is noted after SQLite wrote it).
    syncing_ = true;
    uint64_t target = committed_;
    lock.unlock();
    Status status = SyncFile();
    lock.lock();
    syncing_ = false;
    ++sync_rounds_;
    if (status.ok()) {
      synced_ = std::max(synced_, target);
      last_error_ = Status::OK();
    } else {
      last_error_ = status;
      failed_through_ = target;
    }
    synced_cv_.notify_all();
    if (!status.ok()) return status;
  }
  return Status::OK();
}

Status GroupSync::SyncFile() {
  struct stat now {};
  bool exists = ::stat(wal_path_.c_str(), &now) == 0;
  if (!exists) {
    // No WAL file: nothing was committed into one (the last connection's close checkpointed
    // and removed it, syncing the database file first).
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    return Status::OK();
  }
  if (fd_ < 0 || now.st_dev != device_ || now.st_ino != inode_) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = ::open(wal_path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
      return Status::Error(ER_GET_ERRNO, errno, "cannot open " + wal_path_ + ": " + std::strerror(errno));
    }
    device_ = now.st_dev;
    inode_ = now.st_ino;
  }
  syncs_.fetch_add(1, std::memory_order_relaxed);
  if (::fdatasync(fd_) != 0) {
    int error = errno;
    return Status::Error(ER_GET_ERRNO, error, "fdatasync of " + wal_path_ + ": " + std::strerror(error));
  }
  return Status::OK();
}

}  // namespace porpoise::storage
