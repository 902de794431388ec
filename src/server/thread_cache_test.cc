// ThreadCache: finished threads park and are reused; JoinAll waits for running tasks.
// (server/ tests)
#include "server/thread_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>

namespace porpoise::server {
namespace {

void WaitUntil(const std::function<bool()>& condition) {
  for (int attempt = 0; attempt < 500 && !condition(); ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

TEST(ThreadCacheTest, SequentialTasksReuseOneThread) {
  ThreadCache cache(4);
  std::atomic<int> done{0};
  for (int task = 0; task < 20; ++task) {
    cache.Run([&done] { ++done; });
    WaitUntil([&] { return done.load() == task + 1 && cache.idle_count() == 1; });
  }
  EXPECT_EQ(done.load(), 20);
  EXPECT_EQ(cache.started_count(), 1u);
  cache.JoinAll();
}

TEST(ThreadCacheTest, ConcurrentTasksGetTheirOwnThreadsAndExtrasExit) {
  ThreadCache cache(2);
  std::atomic<bool> release{false};
  std::atomic<int> running{0};
  for (int task = 0; task < 5; ++task) {
    cache.Run([&] {
      ++running;
      while (!release.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    });
  }
  WaitUntil([&] { return running.load() == 5; });
  EXPECT_EQ(running.load(), 5);
  EXPECT_EQ(cache.started_count(), 5u);
  release = true;
  WaitUntil([&] { return cache.idle_count() == 2; });
  EXPECT_EQ(cache.idle_count(), 2u);
  cache.JoinAll();
}

}  // namespace
}  // namespace porpoise::server
