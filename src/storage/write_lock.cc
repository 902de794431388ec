// WriteLock (write_lock.h). (storage/)
#include "storage/write_lock.h"

#include <algorithm>

namespace porpoise::storage {

namespace {

// A waiter looks at its interrupt flag at least this often, in case nobody wakes it.
constexpr std::chrono::milliseconds kRecheck{1000};

}  // namespace

Status WriteLock::Acquire(Holder& who) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (holder_ == &who) return Status::OK();
  if (holder_ == nullptr && queue_.empty()) {
    holder_ = &who;
    return Status::OK();
  }
  Clock::time_point deadline = who.WriteLockDeadline();
  const std::atomic<bool>* interrupted = who.WriteLockInterrupted();
  Waiter me{&who};
  queue_.push_back(&me);
  while (!me.granted) {
    if (interrupted != nullptr && interrupted->load()) {
      Leave(me);
      return Status::Error(ER_QUERY_INTERRUPTED);
    }
    Clock::time_point now = Clock::now();
    if (now >= deadline) {
      Leave(me);
      return Status::Error(ER_LOCK_WAIT_TIMEOUT);
    }
    Clock::time_point wake = std::min(deadline, now + kRecheck);
    if (holder_ != nullptr && holder_->idle_ && holder_->idle_limit_.count() > 0) {
      Clock::time_point idle_end = holder_->idle_since_ + holder_->idle_limit_;
      if (now >= idle_end) {
        if (holder_->GiveUpWhileIdle()) {
          HandOver();
          continue;
        }
        // It started a statement after all; SetIdle will say when it is idle again.
        holder_->idle_ = false;
      } else {
        wake = std::min(wake, idle_end);
      }
    }
    me.wake.wait_until(lock, wake);
  }
  return Status::OK();
}

void WriteLock::Leave(Waiter& waiter) {
  auto found = std::find(queue_.begin(), queue_.end(), &waiter);
  if (found != queue_.end()) queue_.erase(found);
}

void WriteLock::HandOver() {
  holder_ = nullptr;
  generation_.fetch_add(1, std::memory_order_acq_rel);
  if (queue_.empty()) return;
  Waiter* next = queue_.front();
  queue_.pop_front();
  next->granted = true;
  holder_ = next->who;
  holder_->idle_ = false;
  next->wake.notify_one();
}

void WriteLock::Release(Holder& who) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (holder_ != &who) return;
  who.idle_ = false;
  HandOver();
}

bool WriteLock::Holds(const Holder& who) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return holder_ == &who;
}

void WriteLock::SetIdle(Holder& who, bool idle, std::chrono::milliseconds limit) {
  std::lock_guard<std::mutex> lock(mutex_);
  who.idle_ = idle;
  who.idle_limit_ = limit;
  if (idle) who.idle_since_ = Clock::now();
  // The first waiter times its wait by the holder's idle limit.
  if (idle && holder_ == &who && !queue_.empty()) queue_.front()->wake.notify_one();
}

void WriteLock::WakeAll() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (Waiter* waiter : queue_) waiter->wake.notify_one();
}

size_t WriteLock::waiting() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return queue_.size();
}

}  // namespace porpoise::storage
