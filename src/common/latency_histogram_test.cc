// LatencyHistogram: buckets, cumulative reading, bounds. (common/)
#include "common/latency_histogram.h"

#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace porpoise {
namespace {

TEST(LatencyHistogramTest, ReadingIsCumulativeAndEndsWithTheCount) {
  LatencyHistogram histogram({10, 100});
  histogram.Observe(5);
  histogram.Observe(10);   // on a bound: counted in that bucket
  histogram.Observe(11);
  histogram.Observe(5000);  // past the last bound
  LatencyHistogram::Snapshot reading = histogram.Read();
  EXPECT_EQ(reading.bounds_micros, (std::vector<uint64_t>{10, 100}));
  EXPECT_EQ(reading.cumulative, (std::vector<uint64_t>{2, 3, 4}));
  EXPECT_EQ(reading.count(), 4u);
  EXPECT_EQ(reading.sum_micros, 5026u);
}

TEST(LatencyHistogramTest, EmptyHistogramReadsZeroes) {
  LatencyHistogram histogram = LatencyHistogram::ForStatements();
  LatencyHistogram::Snapshot reading = histogram.Read();
  EXPECT_EQ(reading.cumulative.size(), reading.bounds_micros.size() + 1);
  EXPECT_EQ(reading.count(), 0u);
  for (size_t i = 1; i < reading.bounds_micros.size(); ++i) {
    EXPECT_LT(reading.bounds_micros[i - 1], reading.bounds_micros[i]);
  }
}

TEST(LatencyHistogramTest, ConcurrentObservationsAreAllCounted) {
  LatencyHistogram histogram = LatencyHistogram::ForConnections();
  std::vector<std::thread> threads;
  for (int thread = 0; thread < 4; ++thread) {
    threads.emplace_back([&histogram] {
      for (uint64_t i = 0; i < 10000; ++i) histogram.Observe(i * 1000);
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(histogram.Read().count(), 40000u);
}

}  // namespace
}  // namespace porpoise
