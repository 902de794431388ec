// WriteLock and GroupSync: the contracts the server's concurrency rests on. (storage/)
#include "storage/write_lock.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "storage/group_sync.h"

namespace porpoise::storage {
namespace {

using std::chrono::milliseconds;

class TestHolder : public WriteLock::Holder {
 public:
  explicit TestHolder(milliseconds timeout = milliseconds(5000)) : timeout_(timeout) {}
  WriteLock::Clock::time_point WriteLockDeadline() override { return WriteLock::Clock::now() + timeout_; }
  const std::atomic<bool>* WriteLockInterrupted() override { return &interrupted; }
  bool GiveUpWhileIdle() override {
    if (busy) return false;
    gave_up = true;
    return true;
  }
  std::atomic<bool> interrupted{false};
  bool busy = false;       // read under the lock's mutex
  bool gave_up = false;

 private:
  milliseconds timeout_;
};

// Waits until `count` holders queue behind the current one.
void WaitForWaiters(const WriteLock& lock, size_t count) {
  while (lock.waiting() < count) std::this_thread::sleep_for(milliseconds(1));
}

TEST(WriteLockTest, OneHolderAtATimeAndReacquiringIsFree) {
  WriteLock lock;
  TestHolder a, b(milliseconds(50));
  ASSERT_TRUE(lock.Acquire(a).ok());
  EXPECT_TRUE(lock.Acquire(a).ok());
  EXPECT_TRUE(lock.Holds(a));
  Status waited = lock.Acquire(b);
  EXPECT_EQ(waited.code(), ER_LOCK_WAIT_TIMEOUT);
  EXPECT_FALSE(lock.Holds(b));
  EXPECT_EQ(lock.waiting(), 0u);
  lock.Release(b);  // not the holder: nothing happens
  EXPECT_TRUE(lock.Holds(a));
  lock.Release(a);
  EXPECT_TRUE(lock.Acquire(b).ok());
}

TEST(WriteLockTest, WaitersAreServedInArrivalOrder) {
  WriteLock lock;
  TestHolder first;
  ASSERT_TRUE(lock.Acquire(first).ok());
  std::vector<TestHolder> waiters(5);
  std::mutex order_mutex;
  std::vector<int> order;
  std::vector<std::thread> threads;
  for (int i = 0; i < 5; ++i) {
    threads.emplace_back([&, i] {
      ASSERT_TRUE(lock.Acquire(waiters[i]).ok());
      {
        std::lock_guard<std::mutex> guard(order_mutex);
        order.push_back(i);
      }
      lock.Release(waiters[i]);
    });
    WaitForWaiters(lock, static_cast<size_t>(i) + 1);
  }
  uint64_t before = lock.generation();
  lock.Release(first);
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(lock.generation(), before + 6);  // every release counts
}

TEST(WriteLockTest, AKilledWaiterLeavesTheQueue) {
  WriteLock lock;
  TestHolder holder, waiter(milliseconds(60000));
  ASSERT_TRUE(lock.Acquire(holder).ok());
  Status result;
  std::thread thread([&] { result = lock.Acquire(waiter); });
  WaitForWaiters(lock, 1);
  waiter.interrupted = true;
  lock.WakeAll();
  thread.join();
  EXPECT_EQ(result.code(), ER_QUERY_INTERRUPTED);
  EXPECT_EQ(lock.waiting(), 0u);
  EXPECT_TRUE(lock.Holds(holder));
}

TEST(WriteLockTest, AnIdleHolderGivesUpOnlyAfterItsLimit) {
  WriteLock lock;
  TestHolder idle, waiter;
  ASSERT_TRUE(lock.Acquire(idle).ok());
  lock.SetIdle(idle, true, milliseconds(100));
  auto began = WriteLock::Clock::now();
  ASSERT_TRUE(lock.Acquire(waiter).ok());
  EXPECT_GE(WriteLock::Clock::now() - began, milliseconds(90));
  EXPECT_TRUE(idle.gave_up);
  EXPECT_TRUE(lock.Holds(waiter));
}

TEST(WriteLockTest, ABusyHolderIsNotTakenFrom) {
  WriteLock lock;
  TestHolder busy, waiter(milliseconds(300));
  ASSERT_TRUE(lock.Acquire(busy).ok());
  busy.busy = true;  // it started a command after going idle
  lock.SetIdle(busy, true, milliseconds(10));
  EXPECT_EQ(lock.Acquire(waiter).code(), ER_LOCK_WAIT_TIMEOUT);
  EXPECT_FALSE(busy.gave_up);
  EXPECT_TRUE(lock.Holds(busy));
}

TEST(WriteLockTest, NoLimitMeansNeverTakenFrom) {
  WriteLock lock;
  TestHolder idle, waiter(milliseconds(200));
  ASSERT_TRUE(lock.Acquire(idle).ok());
  lock.SetIdle(idle, true, milliseconds(0));
  EXPECT_EQ(lock.Acquire(waiter).code(), ER_LOCK_WAIT_TIMEOUT);
  EXPECT_FALSE(idle.gave_up);
}

std::string TempWal() {
  char name[] = "/tmp/group_sync_testXXXXXX";
  int fd = mkstemp(name);
  EXPECT_GE(fd, 0);
  EXPECT_EQ(write(fd, "frames", 6), 6);
  close(fd);
  return name;
}

TEST(GroupSyncTest, ConcurrentCommitsShareSyncs) {
  std::string wal = TempWal();
  GroupSync sync(wal);
  std::vector<int> seen_pages;
  std::mutex seen_mutex;
  sync.set_listener([&](int pages) {
    std::lock_guard<std::mutex> guard(seen_mutex);
    seen_pages.push_back(pages);
  });
  constexpr int kThreads = 8, kCommits = 50;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kCommits; ++i) ASSERT_TRUE(sync.Committed(i).ok());
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(sync.commits(), uint64_t{kThreads * kCommits});
  EXPECT_GE(sync.syncs(), 1u);
  EXPECT_LE(sync.syncs(), uint64_t{kThreads * kCommits});
  EXPECT_EQ(seen_pages.size(), size_t{kThreads * kCommits});
  unlink(wal.c_str());
}

TEST(GroupSyncTest, OnlyTheEveryCommitPolicySyncsAtCommit) {
  std::string wal = TempWal();
  GroupSync sync(wal);
  sync.set_policy(GroupSync::Policy::kWriteEverySecond);
  ASSERT_TRUE(sync.Committed(1).ok());
  EXPECT_EQ(sync.syncs(), 0u);
  ASSERT_TRUE(sync.SyncNow().ok());
  EXPECT_EQ(sync.syncs(), 1u);
  ASSERT_TRUE(sync.SyncNow().ok());  // nothing new committed: no sync
  EXPECT_EQ(sync.syncs(), 1u);
  sync.set_policy(GroupSync::Policy::kEveryCommit);
  ASSERT_TRUE(sync.Committed(2).ok());
  EXPECT_EQ(sync.syncs(), 2u);
  unlink(wal.c_str());
}

TEST(GroupSyncTest, AMissingWalHasNothingToSync) {
  GroupSync sync("/tmp/group_sync_test_no_such_wal");
  EXPECT_TRUE(sync.Committed(1).ok());
}

}  // namespace
}  // namespace porpoise::storage
