// ThreadCache implementation. (server/)
#include "server/thread_cache.h"

namespace porpoise::server {

void ThreadCache::Run(std::function<void()> task) {
  std::unique_lock<std::mutex> lock(mutex_);
  JoinFinishedLocked(lock);
  tasks_.push_back(std::move(task));
  if (idle_ >= tasks_.size()) {
    lock.unlock();  // the woken worker then finds the mutex free
    wake_.notify_one();
    return;
  }
  ++started_;
  threads_.emplace_back();
  auto self = std::prev(threads_.end());
  *self = std::thread([this, self] { Worker(self); });
}

void ThreadCache::Worker(std::list<std::thread>::iterator self) {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    if (tasks_.empty()) {
      if (stopping_ || idle_ >= max_idle_) break;
      ++idle_;
      wake_.wait(lock, [this] { return !tasks_.empty() || stopping_; });
      --idle_;
      continue;
    }
    std::function<void()> task = std::move(tasks_.front());
    tasks_.pop_front();
    lock.unlock();
    task();
    task = nullptr;  // destroy what the task captured before parking
    lock.lock();
  }
  finished_.push_back(self);
}

void ThreadCache::JoinFinishedLocked(std::unique_lock<std::mutex>& lock) {
  std::vector<std::list<std::thread>::iterator> finished;
  finished.swap(finished_);
  std::vector<std::thread> to_join;
  for (auto thread : finished) {
    to_join.push_back(std::move(*thread));
    threads_.erase(thread);
  }
  lock.unlock();
  for (std::thread& thread : to_join) thread.join();
  lock.lock();
}

void ThreadCache::JoinAll() {
  std::list<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    wake_.notify_all();
    threads.swap(threads_);
    finished_.clear();
  }
  for (std::thread& thread : threads) {
    if (thread.joinable()) thread.join();
  }
}

size_t ThreadCache::started_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return started_;
}

size_t ThreadCache::idle_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return idle_;
}

}  // namespace porpoise::server
