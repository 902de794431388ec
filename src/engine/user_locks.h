// UserLocks: MySQL's user-level named locks (GET_LOCK, RELEASE_LOCK, IS_FREE_LOCK,
// IS_USED_LOCK, RELEASE_ALL_LOCKS), shared by every session of the engine. A lock belongs
// to one connection, which may take it again (it is then released as often); a connection's
// locks go when it ends. Names compare case-insensitively. (engine/)
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace porpoise::engine {

// Thread-safe.
class UserLocks {
 public:
  enum class Outcome { kAcquired, kTimedOut, kInterrupted };
  // Waits up to `timeout_seconds` (negative: without limit) for `name`; `interrupted` (KILL
  // QUERY) ends the wait.
  Outcome Acquire(std::string_view name, uint32_t owner, double timeout_seconds,
                  const std::atomic<bool>& interrupted);
  // 1 released (once), 0 held by another connection, nullopt when nobody holds it.
  std::optional<int> Release(std::string_view name, uint32_t owner);
  // The connection holding `name`, nullopt when it is free.
  std::optional<uint32_t> Holder(std::string_view name);
  // Releases every lock `owner` holds (each as often as taken); the number released.
  uint64_t ReleaseAll(uint32_t owner);

 private:
  struct Held {
    uint32_t owner = 0;
    uint64_t count = 0;
  };
  std::mutex mutex_;
  std::condition_variable released_;
  std::map<std::string, Held> locks_;  // guarded by mutex_; keys lower case
};

}  // namespace porpoise::engine
