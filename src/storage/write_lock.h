// WriteLock: the data file has one writer at a time, and the server decides who it is.
// Writers queue in arrival order (FIFO) and are handed the lock one after the other instead
// of polling SQLite's busy handler; a waiter gives up at its deadline (1205) or when its
// statement is killed (1317). A holder that sits idle between statements while others wait
// can be made to give the lock up (its transaction is rolled back) once it has been idle for
// its own limit. (storage/)
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>

#include "common/status.h"

namespace porpoise::storage {

class WriteLock {
 public:
  using Clock = std::chrono::steady_clock;

  // Whoever takes the lock: a session's connection, an account change, the checkpointer.
  class Holder {
   public:
    virtual ~Holder() = default;
    // When the wait for the lock ends with 1205.
    virtual Clock::time_point WriteLockDeadline() = 0;
    // Set when the statement that waits is killed (KILL QUERY, max_execution_time).
    virtual const std::atomic<bool>* WriteLockInterrupted() = 0;
    // Called by a waiter, with the lock's mutex held, once this holder has been idle past
    // its limit (or by whoever ends idle transactions that hold old snapshots): rolls its
    // transaction back without calling the lock again and answers true, or answers false
    // when it is busy after all. Must not block.
    virtual bool GiveUpWhileIdle() = 0;

   private:
    friend class WriteLock;
    // Guarded by the lock's mutex.
    bool idle_ = false;
    Clock::time_point idle_since_{};
    std::chrono::milliseconds idle_limit_{0};
  };

  WriteLock() = default;
  WriteLock(const WriteLock&) = delete;
  WriteLock& operator=(const WriteLock&) = delete;

  // Waits until `who` holds the lock. OK at once when it already does.
  Status Acquire(Holder& who);
  // Gives the lock to the next waiter; nothing when `who` does not hold it.
  void Release(Holder& who);
  bool Holds(const Holder& who) const;

  // A holder between statements (idle) or running one. While idle for longer than `limit`
  // (zero: no limit) with others waiting, a waiter may call its GiveUpWhileIdle.
  void SetIdle(Holder& who, bool idle, std::chrono::milliseconds limit);
  // Makes waiters look at their interrupt flags now.
  void WakeAll();

  // How many times a holder gave the lock up: a reader whose transaction began when this was
  // N and that later takes the lock with it still N has seen every commit.
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }
  // Holders now waiting (for status counters).
  size_t waiting() const;

 private:
  struct Waiter {
    Holder* who;
    std::condition_variable wake;
    bool granted = false;
  };
  // REQUIRES: mutex_ held. Gives the lock to the first waiter, or to nobody.
  void HandOver();
  void Leave(Waiter& waiter);

  mutable std::mutex mutex_;
  Holder* holder_ = nullptr;
  std::deque<Waiter*> queue_;
  std::atomic<uint64_t> generation_{0};
};

}  // namespace porpoise::storage
