// Tests for prompt expansion: each of the mysql client's escapes against fixed facts and a
// fixed time. (cli/)
#include "cli/prompt.h"

#include <gtest/gtest.h>

namespace porpoise::cli {
namespace {

PromptFacts TcpFacts() {
  PromptFacts facts;
  facts.user = "toluwase@10.0.0.5";
  facts.host_info = "127.0.0.1 via TCP/IP";
  facts.local_host = "dbhost";
  facts.database = "shop";
  facts.port = 3307;
  facts.server_version = "8.4.3-porpoise";
  facts.connection_id = 42;
  facts.delimiter = "//";
  return facts;
}

PromptFacts SocketFacts() {
  PromptFacts facts = TcpFacts();
  facts.host_info = "Localhost via UNIX socket";
  facts.socket = "/var/lib/porpoise/porpoise.sock";
  facts.port = 0;
  return facts;
}

// Tuesday 2025-03-04 09:05:07.
std::tm Morning() {
  std::tm time{};
  time.tm_year = 125;
  time.tm_mon = 2;
  time.tm_mday = 4;
  time.tm_wday = 2;
  time.tm_hour = 9;
  time.tm_min = 5;
  time.tm_sec = 7;
  return time;
}

std::string Expand(std::string_view format, const PromptFacts& facts, const std::tm& time) {
  uint64_t counter = 0;
  return ExpandPrompt(format, facts, time, &counter);
}

TEST(PromptTest, PlainTextStaysAsItIs) {
  EXPECT_EQ(Expand("porpoise> ", TcpFacts(), Morning()), "porpoise> ");
  EXPECT_EQ(Expand(std::string(kDefaultPrompt), TcpFacts(), Morning()), "porpoise> ");
}

TEST(PromptTest, ConnectionEscapes) {
  EXPECT_EQ(Expand("\\u@\\h:\\p [\\d]> ", TcpFacts(), Morning()), "toluwase@127.0.0.1:3307 [shop]> ");
  EXPECT_EQ(Expand("\\U \\C \\v \\l", TcpFacts(), Morning()),
            "toluwase@10.0.0.5 42 8.4.3-porpoise //");
  EXPECT_EQ(Expand("\\H", TcpFacts(), Morning()), "127.0.0.1");
}

TEST(PromptTest, LocalConnectionsShowLocalhostAndTheSocketName) {
  EXPECT_EQ(Expand("\\h \\H \\p", SocketFacts(), Morning()), "localhost dbhost porpoise.sock");
}

TEST(PromptTest, NoDatabaseAndNoUser) {
  PromptFacts facts = TcpFacts();
  facts.database.clear();
  facts.user.clear();
  EXPECT_EQ(Expand("\\d \\u \\U", facts, Morning()), "(none) (unknown) (unknown)");
}

TEST(PromptTest, TimeEscapes) {
  EXPECT_EQ(Expand("\\R:\\m:\\s \\r\\P", TcpFacts(), Morning()), "09:05:07 09am");
  EXPECT_EQ(Expand("\\D", TcpFacts(), Morning()), "Tue Mar  4 09:05:07 2025");
  EXPECT_EQ(Expand("\\w \\o \\O \\Y \\y", TcpFacts(), Morning()), "Tue 3 Mar 2025 25");
  std::tm evening = Morning();
  evening.tm_hour = 0;
  EXPECT_EQ(Expand("\\r\\P", TcpFacts(), evening), "12am");
  evening.tm_hour = 23;
  EXPECT_EQ(Expand("\\R \\r\\P", TcpFacts(), evening), "23 11pm");
}

TEST(PromptTest, CharacterEscapes) {
  EXPECT_EQ(Expand("a\\nb\\tc\\_d\\Se\\\\f\\'g\\\"h\\ i", TcpFacts(), Morning()),
            "a\nb\tc d;e\\f'g\"h i");
  EXPECT_EQ(Expand("\\z", TcpFacts(), Morning()), "z");  // unknown: the letter
  EXPECT_EQ(Expand("end\\", TcpFacts(), Morning()), "end\\");
}

TEST(PromptTest, CounterCountsEachPrompt) {
  uint64_t counter = 0;
  EXPECT_EQ(ExpandPrompt("\\c> ", TcpFacts(), Morning(), &counter), "1> ");
  EXPECT_EQ(ExpandPrompt("\\c> ", TcpFacts(), Morning(), &counter), "2> ");
  EXPECT_EQ(ExpandPrompt("no counter> ", TcpFacts(), Morning(), &counter), "no counter> ");
  EXPECT_EQ(counter, 2u);
}

TEST(PromptTest, NeedsUserOnlyForUserEscapes) {
  EXPECT_TRUE(PromptNeedsUser("\\u> "));
  EXPECT_TRUE(PromptNeedsUser("[\\U]"));
  EXPECT_FALSE(PromptNeedsUser("\\d> "));
  EXPECT_FALSE(PromptNeedsUser("\\\\u> "));  // a backslash, then a u
}

}  // namespace
}  // namespace porpoise::cli
