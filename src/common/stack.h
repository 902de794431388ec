// How deep a recursive walk may go on the current thread: the parser and the binder recurse
// once per level of a nested expression and stop with 1436 at the floor rather than overrun
// the thread's stack. (common/)
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

namespace porpoise {

// An address in the caller's frame.
uintptr_t CurrentStackAddress();

// The lowest address a walk starting here may reach, leaving `reserve` bytes of the thread's
// stack free for the callees of one level and whatever runs after the walk stops. Stacks grow
// down on every target. When the stack's bounds cannot be read, `fallback` bytes below here.
uintptr_t StackFloor(size_t reserve, size_t fallback);

// Runs `work` on a new thread with a stack of `bytes` and waits for it: how tests run what
// the server runs on its connection threads' stacks. Runs it here when no thread can start.
void RunWithStack(size_t bytes, const std::function<void()>& work);

}  // namespace porpoise
