// ThreadCache: runs each connection on its own thread, reusing threads that finished a
// connection (like MySQL's thread_cache_size) so connect+auth+close does not pay for thread
// creation. (server/)
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <list>
#include <mutex>
#include <thread>
#include <vector>

namespace porpoise::server {

// Invariants:
//  1. idle_ threads are parked in Worker() waiting for tasks_; idle_ <= max_idle_ except
//     transiently while a parked thread is being handed a task.
//  2. Every thread ever started is in threads_ until joined.
// Thread-safety: Run and JoinAll may be called from any thread.
class ThreadCache {
 public:
  explicit ThreadCache(size_t max_idle) : max_idle_(max_idle) {}
  ~ThreadCache() { JoinAll(); }
  ThreadCache(const ThreadCache&) = delete;
  ThreadCache& operator=(const ThreadCache&) = delete;

  // Runs `task` on a parked thread, or on a new one when none is parked.
  void Run(std::function<void()> task);
  // Waits for every running task to finish and joins every thread; Run must not be called
  // afterwards.
  void JoinAll();

  // For tests: threads started so far, and threads parked now.
  size_t started_count() const;
  size_t idle_count() const;

 private:
  void Worker(std::list<std::thread>::iterator self);
  void JoinFinishedLocked(std::unique_lock<std::mutex>& lock);

  const size_t max_idle_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;             // GUARDED_BY(mutex_)
  size_t idle_ = 0;                                     // GUARDED_BY(mutex_)
  bool stopping_ = false;                               // GUARDED_BY(mutex_)
  size_t started_ = 0;                                  // GUARDED_BY(mutex_)
  std::list<std::thread> threads_;                      // GUARDED_BY(mutex_)
  std::vector<std::list<std::thread>::iterator> finished_;  // GUARDED_BY(mutex_)
};

}  // namespace porpoise::server
