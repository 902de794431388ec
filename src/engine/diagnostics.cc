// Diagnostics (diagnostics.h). (engine/)
#include "engine/diagnostics.h"

#include <utility>

namespace porpoise::engine {

void Diagnostics::BeginStatement() {
  previous_warning_count_ = Count();
  previous_error_count_ = ErrorCount();
}

void Diagnostics::Clear() {
  conditions_.clear();
  dropped_ = 0;
  error_position_ = -1;
}

void Diagnostics::AddWarning(Status warning, size_t limit) {
  if (conditions_.size() < limit) {
    conditions_.push_back(std::move(warning));
  } else {
    ++dropped_;
  }
}

void Diagnostics::AddError(Status error, size_t limit) {
  if (conditions_.size() >= limit) {
    ++dropped_;
    return;
  }
  error_position_ = static_cast<int64_t>(conditions_.size());
  conditions_.push_back(std::move(error));
}

void Diagnostics::Enforce(size_t limit) {
  if (conditions_.size() <= limit) return;
  dropped_ += conditions_.size() - limit;
  conditions_.resize(limit);
  if (error_position_ >= static_cast<int64_t>(limit)) error_position_ = -1;
}

}  // namespace porpoise::engine
