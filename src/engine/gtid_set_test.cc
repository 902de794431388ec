#include "engine/gtid_set.h"

#include <gtest/gtest.h>

namespace porpoise::engine {
namespace {

constexpr char kA[] = "3E11FA47-71CA-11E1-9E33-C80AA9429562";
constexpr char kLowerA[] = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
constexpr char kB[] = "00000000-0000-0000-0000-000000000001";

std::string Text(std::string_view set) {
  std::optional<GtidSet> parsed = GtidSet::Parse(set);
  return parsed ? parsed->ToText() : "<malformed>";
}

std::string Minus(std::string_view a, std::string_view b) {
  std::optional<GtidSet> first = GtidSet::Parse(a);
  std::optional<GtidSet> second = GtidSet::Parse(b);
  if (!first || !second) return "<malformed>";
  first->Subtract(*second);
  return first->ToText();
}

bool Subset(std::string_view a, std::string_view b) {
  std::optional<GtidSet> first = GtidSet::Parse(a);
  std::optional<GtidSet> second = GtidSet::Parse(b);
  EXPECT_TRUE(first && second);
  return first->IsSubsetOf(*second);
}

TEST(GtidSetTest, PrintsMergedSortedLowerCase) {
  std::string a = kA;
  EXPECT_EQ(Text(a + ":5:1-3:4"), std::string(kLowerA) + ":1-5");
  EXPECT_EQ(Text(a + ":9:1-3"), std::string(kLowerA) + ":1-3:9");
  EXPECT_EQ(Text(a + ":1-3," + kB + ":7"), std::string(kB) + ":7,\n" + kLowerA + ":1-3");
  EXPECT_EQ(Text(std::string(kB) + ":2," + kB + ":1"), std::string(kB) + ":1-2");
  EXPECT_EQ(Text(""), "");
  EXPECT_EQ(Text(" , ,"), "");
  // A range whose end is below its start adds nothing; so does a UUID without intervals.
  EXPECT_EQ(Text(a + ":5-3"), "");
  EXPECT_EQ(Text(a), "");
  // Spaces around every part; numbers as strtoll reads them with base 0.
  EXPECT_EQ(Text(std::string("  ") + a + " : 1 - 2 , "), std::string(kLowerA) + ":1-2");
  EXPECT_EQ(Text(a + ":0x10"), std::string(kLowerA) + ":16");
}

TEST(GtidSetTest, TagsFollowTheirUuidsUntaggedFirst) {
  std::string a = kA;
  // A tag holds for the intervals after it, up to the next tag or UUID.
  EXPECT_EQ(Text(a + ":Zeta:3:alpha:1-2:7"), std::string(kLowerA) + ":alpha:1-2:7:zeta:3");
  EXPECT_EQ(Text(a + ":t:1," + a + ":2"), std::string(kLowerA) + ":2:t:1");
  EXPECT_EQ(Text(a + ":_t1:1"), std::string(kLowerA) + ":_t1:1");
  EXPECT_EQ(Text(a + ":1tag:1"), "<malformed>");                         // a digit first
  EXPECT_EQ(Text(a + ":" + std::string(33, 't') + ":1"), "<malformed>");  // 33 characters
  EXPECT_EQ(Text(a + ":" + std::string(32, 't') + ":1"),
            std::string(kLowerA) + ":" + std::string(32, 't') + ":1");
}

TEST(GtidSetTest, RefusesMalformedText) {
  std::string a = kA;
  for (const std::string& bad : {std::string("x"), a + ":0", a + ":-1", a + ":1:", a + ":1 x",
                                 a.substr(0, 35), std::string("3E11FA4771CA11E19E33C80AA9429562:1"),
                                 a + ":9223372036854775807", a + ":1-99999999999999999999"}) {
    EXPECT_FALSE(GtidSet::Parse(bad).has_value()) << bad;
  }
  EXPECT_TRUE(GtidSet::Parse(a + ":9223372036854775806").has_value());
}

TEST(GtidSetTest, SubtractsAndComparesAsSets) {
  std::string a = kA;
  EXPECT_EQ(Minus(a + ":21-57", a + ":20-25"), std::string(kLowerA) + ":26-57");
  EXPECT_EQ(Minus(a + ":1-100", a + ":9"), std::string(kLowerA) + ":1-8:10-100");
  EXPECT_EQ(Minus(a + ":1-10", a + ":2-3:5:9-20"), std::string(kLowerA) + ":1:4:6-8");
  EXPECT_EQ(Minus(a + ":1-5:t:1-5", a + ":t:1-5"), std::string(kLowerA) + ":1-5");
  EXPECT_EQ(Minus(a + ":1-5", std::string(kB) + ":1-5"), std::string(kLowerA) + ":1-5");
  EXPECT_EQ(Minus(a + ":1-5", a + ":1-5"), "");
  EXPECT_TRUE(Subset(a + ":23", a + ":21-57"));
  EXPECT_FALSE(Subset(a + ":20-25", a + ":21-57"));
  EXPECT_TRUE(Subset(a + ":1-3:5", a + ":1-2:3:4-5"));
  EXPECT_TRUE(Subset("", a + ":1"));
  EXPECT_FALSE(Subset(a + ":t:1", a + ":1"));
}

TEST(GtidSetTest, QuotesTheArgumentFromItsFirstCharacter) {
  EXPECT_EQ(MalformedGtidSetText("  x "), "x ");
  EXPECT_EQ(MalformedGtidSetText(std::string(300, 'y')).size(), 200u);
}

}  // namespace
}  // namespace porpoise::engine
