// TimeZone: offsets, zoneinfo files, and wall-clock conversions around changes of offset.
#include "types/time_zone.h"

#include <gtest/gtest.h>

namespace porpoise::types {
namespace {

TEST(TimeZoneTest, FixedOffsetsInMysqlsRange) {
  ASSERT_NE(TimeZone::Find("+05:30"), nullptr);
  EXPECT_EQ(TimeZone::Find("+05:30")->OffsetAt(0), 19800);
  EXPECT_EQ(TimeZone::Find("-13:59")->OffsetAt(0), -(13 * 3600 + 59 * 60));
  EXPECT_EQ(TimeZone::Find("+14:00")->OffsetAt(0), 14 * 3600);
  EXPECT_EQ(TimeZone::Find("+14:01"), nullptr);
  EXPECT_EQ(TimeZone::Find("-14:00"), nullptr);
  EXPECT_EQ(TimeZone::Find("+5:60"), nullptr);
  EXPECT_EQ(TimeZone::Find("05:00"), nullptr);
}

TEST(TimeZoneTest, NamesOnlyReachZoneFiles) {
  EXPECT_EQ(TimeZone::Find("../../etc/passwd"), nullptr);
  EXPECT_EQ(TimeZone::Find("/etc/localtime"), nullptr);
  EXPECT_EQ(TimeZone::Find("No/Such_Zone"), nullptr);
  EXPECT_EQ(TimeZone::Find(""), nullptr);
  EXPECT_NE(TimeZone::Find("SYSTEM"), nullptr);
  EXPECT_EQ(TimeZone::Find("system")->name(), "SYSTEM");
}

TEST(TimeZoneTest, NamesMatchRegardlessOfCaseAndOffsetsPrintAsMysql) {
  ASSERT_NE(TimeZone::Find("utc"), nullptr);
  EXPECT_EQ(TimeZone::Find("utc")->name(), "UTC");
  ASSERT_NE(TimeZone::Find("europe/PARIS"), nullptr);
  EXPECT_EQ(TimeZone::Find("europe/PARIS")->name(), "Europe/Paris");
  EXPECT_EQ(TimeZone::Find("+5:30")->name(), "+05:30");
  EXPECT_EQ(TimeZone::Find("-0:00")->name(), "+00:00");
}

TEST(TimeZoneTest, NamedZoneFollowsItsTransitions) {
  std::shared_ptr<const TimeZone> paris = TimeZone::Find("Europe/Paris");
  if (paris == nullptr) GTEST_SKIP() << "no zoneinfo for Europe/Paris";
  EXPECT_EQ(paris->OffsetAt(1577880000), 3600);  // 2020-01-01 12:00 UTC
  EXPECT_EQ(paris->OffsetAt(1593604800), 7200);  // 2020-07-01 12:00 UTC
  // 2020-03-29 02:30 does not exist in Paris: read with the offset before the change.
  EXPECT_EQ(paris->ToUtc(1585449000), 1585449000 - 3600);
  // 2020-10-25 02:30 happens twice: its first occurrence (summer time).
  EXPECT_EQ(paris->ToUtc(1603593000), 1603593000 - 7200);
  EXPECT_EQ(paris->ToLocal(1577880000), 1577880000 + 3600);
}

}  // namespace
}  // namespace porpoise::types
