// Tests for ClientStatus / ErrorOr and the column helpers, which need no server. (client/)
#include "client/client_status.h"

#include <gtest/gtest.h>

#include "client/result.h"

namespace porpoise::client {
namespace {

TEST(ClientStatusTest, DefaultIsOk) {
  ClientStatus status;
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(status.code(), 0u);
}

TEST(ClientStatusTest, ToStringMatchesTheMysqlClient) {
  ClientStatus status(1045, "28000", "Access denied for user 'x'@'localhost' (using password: YES)");
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.ToString(),
            "ERROR 1045 (28000): Access denied for user 'x'@'localhost' (using password: YES)");
}

TEST(ClientStatusTest, ErrorOrHoldsValueOrStatus) {
  ErrorOr<int> value = 7;
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(*value, 7);
  ErrorOr<int> failure = ClientStatus(2002, "HY000", "no socket");
  ASSERT_FALSE(failure.ok());
  EXPECT_EQ(failure.status().code(), 2002u);
}

TEST(ColumnInfoTest, NumericTypesFollowIsNum) {
  ColumnInfo column;
  for (uint8_t type : {0, 1, 2, 3, 4, 5, 6, 8, 9, 13, 246}) {
    column.type = type;
    EXPECT_TRUE(column.IsNumeric()) << int(type);
  }
  for (uint8_t type : {7, 10, 11, 12, 15, 16, 245, 252, 253, 254}) {
    column.type = type;
    EXPECT_FALSE(column.IsNumeric()) << int(type);
  }
}

}  // namespace
}  // namespace porpoise::client
