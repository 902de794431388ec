#include "net/address_filter.h"

#include <gtest/gtest.h>

namespace porpoise::net {
namespace {

AddressFilter Filter(std::string_view list) {
  Result<AddressFilter> filter = AddressFilter::Parse(list);
  EXPECT_TRUE(filter.ok()) << filter.status().message();
  return filter.ok() ? std::move(filter).value() : AddressFilter();
}

TEST(AddressFilterTest, EmptyAdmitsEverything) {
  EXPECT_TRUE(Filter("").empty());
  EXPECT_TRUE(Filter("  ").Admits("203.0.113.9"));
  EXPECT_TRUE(AddressFilter().Admits("::1"));
}

TEST(AddressFilterTest, SingleAddresses) {
  AddressFilter filter = Filter("10.0.0.5, fd00::7");
  EXPECT_TRUE(filter.Admits("10.0.0.5"));
  EXPECT_FALSE(filter.Admits("10.0.0.6"));
  EXPECT_TRUE(filter.Admits("fd00::7"));
  EXPECT_TRUE(filter.Admits("fd00:0:0::7"));
  EXPECT_FALSE(filter.Admits("fd00::8"));
  EXPECT_FALSE(filter.Admits("127.0.0.1"));
  EXPECT_FALSE(filter.Admits("not an address"));
}

TEST(AddressFilterTest, Networks) {
  AddressFilter filter = Filter("192.168.8.0/21,2001:db8::/32,127.0.0.1");
  EXPECT_TRUE(filter.Admits("192.168.8.1"));
  EXPECT_TRUE(filter.Admits("192.168.15.254"));
  EXPECT_FALSE(filter.Admits("192.168.16.0"));
  EXPECT_FALSE(filter.Admits("192.168.7.255"));
  EXPECT_TRUE(filter.Admits("2001:db8:ffff::1"));
  EXPECT_FALSE(filter.Admits("2001:db9::1"));
  EXPECT_TRUE(filter.Admits("127.0.0.1"));
  EXPECT_TRUE(Filter("0.0.0.0/0").Admits("198.51.100.1"));
  EXPECT_FALSE(Filter("0.0.0.0/0").Admits("::2"));
  EXPECT_TRUE(Filter("::/0").Admits("::2"));
}

TEST(AddressFilterTest, MappedAddressesAreIpv4) {
  EXPECT_TRUE(Filter("::ffff:10.1.2.3").Admits("10.1.2.3"));
  EXPECT_TRUE(Filter("::ffff:10.1.0.0/112").Admits("10.1.9.9"));
  EXPECT_TRUE(Filter("10.1.2.3").Admits("::ffff:10.1.2.3"));
}

TEST(AddressFilterTest, BadEntries) {
  for (std::string_view bad : {"10.0.0.256", "10.0.0.0/33", "fd00::/129", "10.0.0.0/", "10.0.0.0/x",
                               "10.0.0.1,,10.0.0.2", "10.0.0.1,", "example.com", "::ffff:1.2.3.4/8"}) {
    EXPECT_FALSE(AddressFilter::Parse(bad).ok()) << bad;
  }
  EXPECT_EQ(AddressFilter::Parse("10.0.0.0/33").status().message(),
            "'10.0.0.0/33' has a prefix length too long");
}

}  // namespace
}  // namespace porpoise::net
