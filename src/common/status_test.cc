// Status messages: the error table's formats filled in, always valid UTF-8. (common/)
#include "common/status.h"

#include <gtest/gtest.h>

#include <string>

namespace porpoise {
namespace {

TEST(StatusTest, FillsTheFormatInOrder) {
  Status status = Status::Error(ER_ACCESS_DENIED_ERROR, "u", "h", "YES");
  EXPECT_EQ(status.code(), 1045);
  EXPECT_EQ(status.sqlstate(), "28000");
  EXPECT_EQ(status.message(), "Access denied for user 'u'@'h' (using password: YES)");
}

TEST(StatusTest, TextArgumentsStayAsTheyAre) {
  Status status = Status::Error(ER_TRUNCATED_WRONG_VALUE, "DECIMAL", "\xC3\xA4\xF0\x9F\x98\x80");
  EXPECT_EQ(status.message(), "Truncated incorrect DECIMAL value: '\xC3\xA4\xF0\x9F\x98\x80'");
}

TEST(StatusTest, BytesThatAreNoTextAreWrittenInHex) {
  // A lone byte, a truncated sequence, an overlong form and a surrogate.
  Status status = Status::Error(ER_TRUNCATED_WRONG_VALUE, "DECIMAL", "a\xE4" "b\xC3" "\xC0\xAF\xED\xA0\x80");
  EXPECT_EQ(status.message(),
            "Truncated incorrect DECIMAL value: 'a\\xE4b\\xC3\\xC0\\xAF\\xED\\xA0\\x80'");
}

}  // namespace
}  // namespace porpoise
