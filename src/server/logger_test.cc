// FormatLogLine: the error log's lines in MySQL 8's layout. (server/)
#include "server/logger.h"

#include <gtest/gtest.h>

namespace porpoise::server {
namespace {

TEST(LoggerTest, LineHasTimeThreadLabelCodeAndSubsystem) {
  // 2026-12-05T00:33:28.833607Z
  EXPECT_EQ(FormatLogLine(1796430808833607, LogLevel::kNote, LogCode::kNone, "hello", 0),
            "2026-12-05T00:33:28.833607Z 0 [Note] [MY-000000] [Server] hello");
  EXPECT_EQ(FormatLogLine(1796430808000001, LogLevel::kSystem, LogCode::kReadyForConnections,
                          "ready", 7),
            "2026-12-05T00:33:28.000001Z 7 [System] [MY-010931] [Server] ready");
  EXPECT_EQ(FormatLogLine(0, LogLevel::kError, LogCode::kNone, "x", 0),
            "1970-01-01T00:00:00.000000Z 0 [ERROR] [MY-000000] [Server] x");
  EXPECT_EQ(FormatLogLine(0, LogLevel::kWarning, LogCode::kShutdownComplete, "x", 0),
            "1970-01-01T00:00:00.000000Z 0 [Warning] [MY-010910] [Server] x");
}

}  // namespace
}  // namespace porpoise::server
