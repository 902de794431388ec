// The memory one parse takes (its tokens and its tree) and, with a meter of its own, the
// memory binding takes, counted so that a statement stays within its budget
// (parser_max_mem_size). (sql/ast/)
#pragma once

#include <cstdint>

namespace porpoise::sql {

// Installed for the calling thread while a parse runs. Everything that builds the tree
// charges it: Expr's constructor charges every node, whoever constructs it, so no parse site
// can forget. Not thread-safe beyond that: one meter per thread at a time (nested meters
// stack; the innermost is charged).
class ParseMeter {
 public:
  explicit ParseMeter(uint64_t limit);
  ~ParseMeter();
  ParseMeter(const ParseMeter&) = delete;
  ParseMeter& operator=(const ParseMeter&) = delete;

  // Adds `bytes` to the thread's meter; nothing when no parse runs.
  static void Charge(uint64_t bytes);
  // Whether the thread's meter (if any) has gone past its limit.
  static bool CurrentExceeded();

  // Adds `bytes` to this meter.
  void Add(uint64_t bytes) { used_ += bytes; }

  bool exceeded() const { return used_ > limit_; }
  uint64_t used() const { return used_; }
  uint64_t limit() const { return limit_; }

 private:
  ParseMeter* previous_;
  uint64_t limit_;
  uint64_t used_ = 0;
};

}  // namespace porpoise::sql
