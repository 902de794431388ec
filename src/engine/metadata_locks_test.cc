// MetadataLocks: shared locks for transactions, exclusive ones for DDL. (engine/)
#include "engine/metadata_locks.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace porpoise::engine {
namespace {

using Clock = MetadataLocks::Clock;
using std::chrono::milliseconds;

Clock::time_point In(int ms) { return Clock::now() + milliseconds(ms); }

TEST(MetadataLocksTest, DdlWaitsForOtherSessionsSharedLocksOnly) {
  MetadataLocks locks;
  ASSERT_TRUE(locks.Share(1, {"db", "t"}, false, In(100), nullptr).ok());
  // The session's own shared lock does not stop its DDL; another table is free.
  EXPECT_TRUE(locks.Exclusive(1, {{"db", "t"}}, In(100), nullptr).ok());
  locks.ReleaseExclusive(1);
  EXPECT_TRUE(locks.Exclusive(2, {{"db", "other"}}, In(100), nullptr).ok());
  locks.ReleaseExclusive(2);
  EXPECT_EQ(locks.Exclusive(2, {{"db", "t"}}, In(50), nullptr).code(), ER_LOCK_WAIT_TIMEOUT);
  // A whole database covers its tables, both ways.
  EXPECT_EQ(locks.Exclusive(2, {{"db", ""}}, In(50), nullptr).code(), ER_LOCK_WAIT_TIMEOUT);
  EXPECT_TRUE(locks.Exclusive(2, {{"db2", ""}}, In(50), nullptr).ok());
  locks.ReleaseExclusive(2);
}

TEST(MetadataLocksTest, TheDdlGoesOnWhenTheTransactionEnds) {
  MetadataLocks locks;
  ASSERT_TRUE(locks.Share(1, {"db", "t"}, false, In(100), nullptr).ok());
  Status ddl;
  std::thread thread([&] { ddl = locks.Exclusive(2, {{"db", "t"}}, In(5000), nullptr); });
  std::this_thread::sleep_for(milliseconds(50));
  EXPECT_TRUE(locks.HoldsShared(1));
  locks.ReleaseShared(1);
  thread.join();
  EXPECT_TRUE(ddl.ok());
  // While the DDL holds it, a reader waits; one holding the write lock would deadlock: 1213.
  EXPECT_EQ(locks.Share(1, {"db", "t"}, false, In(50), nullptr).code(), ER_LOCK_WAIT_TIMEOUT);
  EXPECT_EQ(locks.Share(1, {"db", "t"}, true, In(5000), nullptr).code(), ER_LOCK_DEADLOCK);
  locks.ReleaseExclusive(2);
  EXPECT_TRUE(locks.Share(1, {"db", "t"}, true, In(50), nullptr).ok());
}

TEST(MetadataLocksTest, AKilledDdlStopsWaiting) {
  MetadataLocks locks;
  ASSERT_TRUE(locks.Share(1, {"db", "t"}, false, In(100), nullptr).ok());
  std::atomic<bool> killed{false};
  Status ddl;
  std::thread thread([&] { ddl = locks.Exclusive(2, {{"db", "t"}}, In(60000), &killed); });
  std::this_thread::sleep_for(milliseconds(20));
  killed = true;
  locks.WakeAll();
  thread.join();
  EXPECT_EQ(ddl.code(), ER_QUERY_INTERRUPTED);
}

TEST(MetadataLocksTest, AWaitingDdlHoldsBackNewTransactionsOnly) {
  MetadataLocks locks;
  ASSERT_TRUE(locks.Share(1, {"db", "t"}, false, In(100), nullptr).ok());
  Status ddl;
  std::thread thread([&] { ddl = locks.Exclusive(2, {{"db", "t"}}, In(5000), nullptr); });
  std::this_thread::sleep_for(milliseconds(50));
  // A transaction that starts on the table now waits behind the DDL; another table is free.
  EXPECT_EQ(locks.Share(3, {"db", "t"}, false, In(50), nullptr).code(), ER_LOCK_WAIT_TIMEOUT);
  EXPECT_TRUE(locks.Share(4, {"db", "other"}, false, In(50), nullptr).ok());
  // The transaction the DDL waits for goes on, on that table too; so does one holding the
  // write lock.
  EXPECT_TRUE(locks.Share(1, {"db", "t"}, false, In(50), nullptr).ok());
  EXPECT_TRUE(locks.Share(4, {"db", "t"}, false, In(50), nullptr).ok());
  EXPECT_TRUE(locks.Share(5, {"db", "t"}, true, In(50), nullptr).ok());
  locks.ReleaseShared(1);
  locks.ReleaseShared(4);
  locks.ReleaseShared(5);
  thread.join();
  EXPECT_TRUE(ddl.ok());
  locks.ReleaseExclusive(2);
  EXPECT_TRUE(locks.Share(3, {"db", "t"}, false, In(50), nullptr).ok());
}

TEST(MetadataLocksTest, ADdlThatGivesUpLetsTheNewcomersIn) {
  MetadataLocks locks;
  ASSERT_TRUE(locks.Share(1, {"db", "t"}, false, In(100), nullptr).ok());
  Status ddl, reader;
  std::thread waiting_ddl([&] { ddl = locks.Exclusive(2, {{"db", "t"}}, In(150), nullptr); });
  std::this_thread::sleep_for(milliseconds(30));
  std::thread newcomer([&] { reader = locks.Share(3, {"db", "t"}, false, In(5000), nullptr); });
  waiting_ddl.join();
  newcomer.join();
  EXPECT_EQ(ddl.code(), ER_LOCK_WAIT_TIMEOUT);
  EXPECT_TRUE(reader.ok());
}

}  // namespace
}  // namespace porpoise::engine
