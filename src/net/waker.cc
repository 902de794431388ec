// Waker over eventfd. (net/)
#include "net/waker.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>

namespace porpoise::net {

Waker::Waker() : event_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}

void Waker::Wake() const {
  uint64_t one = 1;
  [[maybe_unused]] ssize_t written = ::write(event_.fd(), &one, sizeof(one));
}

void Waker::Drain() const {
  uint64_t value = 0;
  [[maybe_unused]] ssize_t got = ::read(event_.fd(), &value, sizeof(value));
}

}  // namespace porpoise::net
