// LatencyHistogram: counts of durations in fixed buckets, for the metrics endpoint's
// histograms. Lock-free: Observe is a few relaxed atomic adds, safe from any thread. (common/)
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <vector>

namespace porpoise {

class LatencyHistogram {
 public:
  static constexpr size_t kMaxBounds = 24;

  // `upper_bounds_micros`: the buckets' inclusive upper bounds in microseconds, ascending,
  // at most kMaxBounds of them; one more bucket takes everything above the last.
  explicit LatencyHistogram(std::initializer_list<uint64_t> upper_bounds_micros) {
    for (uint64_t bound : upper_bounds_micros) {
      if (bound_count_ == kMaxBounds) break;
      bounds_[bound_count_++] = bound;
    }
  }
  LatencyHistogram(const LatencyHistogram&) = delete;
  LatencyHistogram& operator=(const LatencyHistogram&) = delete;

  // Bounds from 50 us to 10 s, for statements and commits (returned by guaranteed elision).
  static LatencyHistogram ForStatements() {
    return LatencyHistogram({50, 100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000,
                             250000, 500000, 1000000, 2500000, 5000000, 10000000});
  }
  // Bounds from 10 ms to 8 hours, for how long connections last.
  static LatencyHistogram ForConnections() {
    return LatencyHistogram({10000, 100000, 1000000, 10000000, 60000000, 300000000,
                             1800000000, 3600000000, 28800000000});
  }

  void Observe(uint64_t micros) {
    size_t bucket = 0;
    while (bucket < bound_count_ && micros > bounds_[bucket]) ++bucket;
    buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
    sum_micros_.fetch_add(micros, std::memory_order_relaxed);
  }

  // A reading: `cumulative[i]` counts observations <= bounds[i]; its last entry (one past
  // the bounds) counts every observation, and is the histogram's count.
  struct Snapshot {
    std::vector<uint64_t> bounds_micros;
    std::vector<uint64_t> cumulative;
    uint64_t sum_micros = 0;
    uint64_t count() const { return cumulative.empty() ? 0 : cumulative.back(); }
  };
  Snapshot Read() const {
    Snapshot snapshot;
    snapshot.bounds_micros.assign(bounds_.begin(), bounds_.begin() + bound_count_);
    uint64_t running = 0;
    for (size_t bucket = 0; bucket <= bound_count_; ++bucket) {
      running += buckets_[bucket].load(std::memory_order_relaxed);
      snapshot.cumulative.push_back(running);
    }
    snapshot.sum_micros = sum_micros_.load(std::memory_order_relaxed);
    return snapshot;
  }

 private:
  size_t bound_count_ = 0;
  std::array<uint64_t, kMaxBounds> bounds_{};
  std::array<std::atomic<uint64_t>, kMaxBounds + 1> buckets_{};
  std::atomic<uint64_t> sum_micros_{0};
};

}  // namespace porpoise
