// Tests for CompletionWords: keywords in the typed case, names as spelled. (cli/)
#include "cli/completion.h"

#include <gtest/gtest.h>

namespace porpoise::cli {
namespace {

using Words = std::vector<std::string>;

TEST(CompletionTest, KeywordsFollowTheCaseTyped) {
  CompletionWords words;
  EXPECT_EQ(words.Matches("SELEC"), Words{"SELECT"});
  EXPECT_EQ(words.Matches("selec"), Words{"select"});
  EXPECT_EQ(words.Matches("Selec"), Words{"SELECT"});
  EXPECT_TRUE(words.Matches("zzzz").empty());
}

TEST(CompletionTest, NamesAreCaseSensitiveAndSorted) {
  CompletionWords words;
  words.SetNames({"orders", "order_log", "orders.total", "Orders", "orders"});
  EXPECT_EQ(words.name_count(), 4u);
  const Words matches = words.Matches("orders");
  EXPECT_EQ(matches, (Words{"orders", "orders.total"}));
  EXPECT_EQ(words.Matches("Ord"), (Words{"ORDER", "ORDINALITY", "Orders"}));
  EXPECT_EQ(words.Matches("order_"), Words{"order_log"});
}

TEST(CompletionTest, NewNamesReplaceTheOld) {
  CompletionWords words;
  words.SetNames({"customer"});
  words.SetNames({"zebra_stats"});
  EXPECT_TRUE(words.Matches("custom").empty());
  EXPECT_EQ(words.Matches("zeb"), Words{"zebra_stats"});
}

}  // namespace
}  // namespace porpoise::cli
