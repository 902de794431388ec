// Tests for MySQL host-pattern matching and the specificity order of host patterns. (auth/)
#include "auth/host_match.h"

#include <gtest/gtest.h>

namespace porpoise::auth {
namespace {

ClientAddress Tcp(std::string ip) { return ClientAddress{false, std::move(ip)}; }
ClientAddress Socket() { return ClientAddress{true, ""}; }

TEST(HostMatchTest, LocalhostIsTheSocketAndLoopback) {
  EXPECT_TRUE(HostMatches("localhost", Socket()));
  EXPECT_TRUE(HostMatches("LOCALHOST", Socket()));
  EXPECT_TRUE(HostMatches("localhost", Tcp("127.0.0.1")));
  EXPECT_TRUE(HostMatches("localhost", Tcp("::1")));
  EXPECT_FALSE(HostMatches("localhost", Tcp("10.0.0.1")));
  EXPECT_FALSE(HostMatches("127.0.0.1", Socket()));
}

TEST(HostMatchTest, ExactIpsAndNames) {
  EXPECT_TRUE(HostMatches("10.0.0.5", Tcp("10.0.0.5")));
  EXPECT_FALSE(HostMatches("10.0.0.5", Tcp("10.0.0.50")));
  EXPECT_TRUE(HostMatches("FE80::1", Tcp("fe80::1")));
  EXPECT_FALSE(HostMatches("db.example.com", Tcp("10.0.0.5")));
}

TEST(HostMatchTest, PercentAndUnderscoreWildcards) {
  EXPECT_TRUE(HostMatches("%", Tcp("192.168.1.7")));
  EXPECT_TRUE(HostMatches("%", Socket()));
  EXPECT_TRUE(HostMatches("", Tcp("192.168.1.7")));
  EXPECT_TRUE(HostMatches("192.168.1.%", Tcp("192.168.1.7")));
  EXPECT_FALSE(HostMatches("192.168.1.%", Tcp("192.168.2.7")));
  EXPECT_TRUE(HostMatches("192.168.1._", Tcp("192.168.1.7")));
  EXPECT_FALSE(HostMatches("192.168.1._", Tcp("192.168.1.70")));
  EXPECT_TRUE(HostMatches("local%", Socket()));
  EXPECT_TRUE(HostMatches("local%", Tcp("127.0.0.1")));
  EXPECT_TRUE(HostMatches("fe80::%", Tcp("fe80::abcd")));
}

TEST(HostMatchTest, NetmaskForm) {
  EXPECT_TRUE(HostMatches("10.0.0.0/255.255.255.0", Tcp("10.0.0.200")));
  EXPECT_FALSE(HostMatches("10.0.0.0/255.255.255.0", Tcp("10.0.1.1")));
  EXPECT_TRUE(HostMatches("10.0.0.0/255.0.0.0", Tcp("10.20.30.40")));
  EXPECT_TRUE(HostMatches("10.0.0.0/24", Tcp("10.0.0.9")));
  EXPECT_FALSE(HostMatches("10.0.0.0/24", Tcp("10.0.8.9")));
  EXPECT_FALSE(HostMatches("10.0.0.0/255.255.255.0", Tcp("::1")));
  EXPECT_FALSE(HostMatches("10.0.0.0/255.255.255.0", Socket()));
}

TEST(WildcardMatchTest, LikeSemantics) {
  EXPECT_TRUE(WildcardMatch("a%c", "abbbc"));
  EXPECT_TRUE(WildcardMatch("a%c", "ac"));
  EXPECT_FALSE(WildcardMatch("a%c", "abcd"));
  EXPECT_TRUE(WildcardMatch("%%b%", "aaab"));
  EXPECT_TRUE(WildcardMatch("ABC", "abc"));
  EXPECT_FALSE(WildcardMatch("ABC", "abc", /*case_sensitive=*/true));
  EXPECT_TRUE(WildcardMatch("a\\_b", "a_b"));
  EXPECT_FALSE(WildcardMatch("a\\_b", "axb"));
  EXPECT_TRUE(WildcardMatch("a\\%", "a%"));
  EXPECT_FALSE(WildcardMatch("a\\%", "ab"));
}

TEST(WildcardMatchTest, HasWildcardIgnoresEscapes) {
  EXPECT_TRUE(HasWildcard("db_1"));
  EXPECT_TRUE(HasWildcard("db%"));
  EXPECT_FALSE(HasWildcard("db\\_1"));
  EXPECT_FALSE(HasWildcard("plain"));
}

TEST(HostSpecificityTest, ExactThenLongerPrefixThenAnyHost) {
  EXPECT_EQ(HostSpecificity("localhost"), HostSpecificity("10.0.0.1"));
  EXPECT_LT(HostSpecificity("10.0.0.1"), HostSpecificity("10.0.0.%"));
  EXPECT_LT(HostSpecificity("10.0.0.0/255.255.255.0"), HostSpecificity("10.0.0.%"));
  EXPECT_LT(HostSpecificity("10.0.0.%"), HostSpecificity("10.%"));
  EXPECT_LT(HostSpecificity("10.%"), HostSpecificity("%"));
  EXPECT_LT(HostSpecificity("%.example.com"), HostSpecificity("%"));
  EXPECT_EQ(HostSpecificity("%"), HostSpecificity(""));
}

}  // namespace
}  // namespace porpoise::auth
