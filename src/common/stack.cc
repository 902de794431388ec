// Stack bounds of the current thread. (common/)
#include "common/stack.h"

#include <pthread.h>

namespace porpoise {

uintptr_t CurrentStackAddress() {
  char marker = 0;
  // The marker's address, laundered so the compiler keeps a real frame address.
  uintptr_t address = reinterpret_cast<uintptr_t>(&marker);
  asm volatile("" : "+r"(address));
  return address;
}

namespace {

// The lowest address of this thread's stack, 0 when unknown; read once per thread (reading it
// costs a system call, and every statement's parse and bind asks).
uintptr_t StackBase() {
  thread_local const uintptr_t base = [] {
    pthread_attr_t attributes;
    if (pthread_getattr_np(pthread_self(), &attributes) != 0) return uintptr_t{0};
    void* low = nullptr;
    size_t size = 0;
    int rc = pthread_attr_getstack(&attributes, &low, &size);
    pthread_attr_destroy(&attributes);
    return rc == 0 ? reinterpret_cast<uintptr_t>(low) : uintptr_t{0};
  }();
  return base;
}

}  // namespace

uintptr_t StackFloor(size_t reserve, size_t fallback) {
  uintptr_t here = CurrentStackAddress();
  uintptr_t base = StackBase();
  if (base != 0 && here > base + reserve) return base + reserve;
  return here > fallback ? here - fallback : 0;
}

void RunWithStack(size_t bytes, const std::function<void()>& work) {
  pthread_attr_t attributes;
  pthread_t thread;
  bool started = pthread_attr_init(&attributes) == 0;
  if (started) {
    started = pthread_attr_setstacksize(&attributes, bytes) == 0 &&
              pthread_create(
                  &thread, &attributes,
                  [](void* argument) -> void* {
                    (*static_cast<const std::function<void()>*>(argument))();
                    return nullptr;
                  },
                  const_cast<std::function<void()>*>(&work)) == 0;
    pthread_attr_destroy(&attributes);
  }
  if (!started) {
    work();
    return;
  }
  pthread_join(thread, nullptr);
}

}  // namespace porpoise
