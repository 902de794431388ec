// Diagnostics: a session's diagnostics area. It holds the conditions (notes, warnings and the
// error) of the statement that ran last, as SHOW WARNINGS and SHOW ERRORS list them; keeps at
// most max_error_count of them while counting all; and remembers the counts of the
// statement before, which @@warning_count and @@error_count read. (engine/)
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "common/status.h"

namespace porpoise::engine {

class Diagnostics {
 public:
  // A statement starts: the counts so far become the previous statement's.
  void BeginStatement();
  // Forgets every condition (a new statement that does not keep its predecessor's).
  void Clear();
  // Adds a note or warning; at `limit` (max_error_count) it is counted but not kept.
  void AddWarning(Status warning, size_t limit);
  // Adds the statement's error, likewise.
  void AddError(Status error, size_t limit);
  // Conditions appended straight to conditions() past `limit` are dropped and counted.
  void Enforce(size_t limit);

  // Every condition raised, kept or not.
  uint64_t Count() const { return conditions_.size() + dropped_; }
  uint64_t ErrorCount() const { return error_position_ >= 0 ? 1 : 0; }
  uint64_t previous_warning_count() const { return previous_warning_count_; }
  uint64_t previous_error_count() const { return previous_error_count_; }

  const std::vector<Status>& conditions() const { return conditions_; }
  bool IsError(size_t index) const { return static_cast<int64_t>(index) == error_position_; }
  // Where code that collects conditions into a vector (column conversions, SET) appends
  // them; Enforce holds the list to the limit afterwards.
  std::vector<Status>* collector() { return &conditions_; }

 private:
  std::vector<Status> conditions_;
  uint64_t dropped_ = 0;          // raised beyond the limit
  int64_t error_position_ = -1;   // index of the statement's error in conditions_
  uint64_t previous_warning_count_ = 0;
  uint64_t previous_error_count_ = 0;
};

}  // namespace porpoise::engine
