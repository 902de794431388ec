// UserLocks implementation. (engine/)
#include "engine/user_locks.h"

#include <algorithm>
#include <chrono>

#include "common/strings.h"

namespace porpoise::engine {

UserLocks::Outcome UserLocks::Acquire(std::string_view name, uint32_t owner, double timeout_seconds,
                                      const std::atomic<bool>& interrupted) {
  std::string key = ToLowerAscii(name);
  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::microseconds(static_cast<int64_t>(
                      timeout_seconds < 0 ? 3.15e13 : std::min(timeout_seconds, 3.15e7) * 1e6));
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    auto found = locks_.find(key);
    if (found == locks_.end()) {
      locks_.emplace(key, Held{owner, 1});
      return Outcome::kAcquired;
    }
    if (found->second.owner == owner) {
      ++found->second.count;
      return Outcome::kAcquired;
    }
    if (interrupted.load()) return Outcome::kInterrupted;
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return Outcome::kTimedOut;
    // Woken by a release, or every few milliseconds to see KILL QUERY.
    released_.wait_for(lock, std::min<std::chrono::steady_clock::duration>(
                                 deadline - now, std::chrono::milliseconds(10)));
  }
}

std::optional<int> UserLocks::Release(std::string_view name, uint32_t owner) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = locks_.find(ToLowerAscii(name));
  if (found == locks_.end()) return std::nullopt;
  if (found->second.owner != owner) return 0;
  if (--found->second.count == 0) {
    locks_.erase(found);
    released_.notify_all();
  }
  return 1;
}

std::optional<uint32_t> UserLocks::Holder(std::string_view name) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = locks_.find(ToLowerAscii(name));
  if (found == locks_.end()) return std::nullopt;
  return found->second.owner;
}

uint64_t UserLocks::ReleaseAll(uint32_t owner) {
  std::lock_guard<std::mutex> lock(mutex_);
  uint64_t released = 0;
  for (auto it = locks_.begin(); it != locks_.end();) {
    if (it->second.owner == owner) {
      released += it->second.count;
      it = locks_.erase(it);
    } else {
      ++it;
    }
  }
  if (released > 0) released_.notify_all();
  return released;
}

}  // namespace porpoise::engine
