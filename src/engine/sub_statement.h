// SubStatement: a piece of an expression the emitter moved out of its statement (emitter.h),
// run by pp_sub / pp_subm (runtime_substatement.cc). (engine/)
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "engine/value.h"

namespace porpoise::engine {

// Placeholder number of a sub-statement's first own parameter; ?1, ?2, ... below it are the
// arguments of the call.
inline constexpr int kSubStatementFirstParameter = 200;

struct SubStatement {
  std::string sql;                // "SELECT <expression>"
  std::vector<Value> parameters;  // bound to ?200, ?201, ...
  // Indexes into `parameters` that hold the number of another sub-statement (its index in
  // the same list until registered with the connection, which adds its base).
  std::vector<size_t> references;
};

}  // namespace porpoise::engine
