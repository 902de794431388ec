// Waker: an eventfd another thread or a signal handler can poke to wake a poll() loop.
// (net/)
#pragma once

#include "common/status.h"
#include "net/socket.h"

namespace porpoise::net {

class Waker {
 public:
  // Creates the eventfd (non-blocking, close-on-exec); fd() is -1 when that failed.
  Waker();
  Waker(const Waker&) = delete;
  Waker& operator=(const Waker&) = delete;

  // Async-signal-safe: a single write(2).
  void Wake() const;
  // Clears pending wake-ups.
  void Drain() const;
  int fd() const { return event_.fd(); }

 private:
  Socket event_;
};

}  // namespace porpoise::net
