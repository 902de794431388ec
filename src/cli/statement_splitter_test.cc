// Tests for StatementSplitter: terminators, quotes, comments, delimiter and client commands.
// (cli/)
#include "cli/statement_splitter.h"

#include <gtest/gtest.h>

namespace porpoise::cli {
namespace {

std::vector<SplitItem> Feed(StatementSplitter& splitter, std::vector<std::string_view> lines) {
  std::vector<SplitItem> items;
  for (std::string_view line : lines) {
    for (SplitItem& item : splitter.AddLine(line)) items.push_back(std::move(item));
  }
  return items;
}

TEST(StatementSplitterTest, SplitsOnSemicolons) {
  StatementSplitter splitter;
  auto items = Feed(splitter, {"select 1; select 2 ;  select 3;"});
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].text, "select 1");
  EXPECT_EQ(items[1].text, "select 2");
  EXPECT_EQ(items[2].text, "select 3");
  EXPECT_FALSE(splitter.HasPendingText());
}

TEST(StatementSplitterTest, StatementsSpanLines) {
  StatementSplitter splitter;
  EXPECT_TRUE(splitter.AddLine("select").empty());
  EXPECT_TRUE(splitter.HasPendingText());
  auto items = Feed(splitter, {"  1 + 1", ";"});
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].text, "select\n  1 + 1");
}

TEST(StatementSplitterTest, SemicolonInsideQuotesDoesNotEnd) {
  StatementSplitter splitter;
  auto items = Feed(splitter, {"select 'a;b', \"c;d\", `e;f` from t;"});
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].text, "select 'a;b', \"c;d\", `e;f` from t");
}

TEST(StatementSplitterTest, EscapedQuoteStaysInsideTheString) {
  StatementSplitter splitter;
  auto items = Feed(splitter, {R"(select 'it\'s;', 'o''k;';)"});
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].text, R"(select 'it\'s;', 'o''k;')");
}

TEST(StatementSplitterTest, StringsSpanLinesAndReportTheOpenQuote) {
  StatementSplitter splitter;
  EXPECT_TRUE(splitter.AddLine("insert into t values ('one;").empty());
  EXPECT_EQ(splitter.OpenQuote(), '\'');
  auto items = Feed(splitter, {"two');"});
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].text, "insert into t values ('one;\ntwo')");
  EXPECT_EQ(splitter.OpenQuote(), 0);
}

TEST(StatementSplitterTest, CommentsAreStrippedAndHideSemicolons) {
  StatementSplitter splitter;
  auto items = Feed(splitter, {"-- a comment; still a comment", "# another;",
                               "select 1 /* ; */ + 2; -- trailing;", "select 3--1;"});
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].text, "select 1  + 2");  // the comment goes, its surrounding blanks stay
  EXPECT_EQ(items[1].text, "select 3--1");
}

TEST(StatementSplitterTest, BlockCommentsSpanLines) {
  StatementSplitter splitter;
  EXPECT_TRUE(splitter.AddLine("select /* start;").empty());
  EXPECT_EQ(splitter.OpenQuote(), '*');
  auto items = Feed(splitter, {"end; */ 4;"});
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].text, "select \n 4");
}

TEST(StatementSplitterTest, VersionCommentsAndHintsAreKept) {
  StatementSplitter splitter;
  auto items = Feed(splitter, {"/*!40101 SET NAMES utf8 */;", "select /*+ NO_ICP(t) */ 1;"});
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].text, "/*!40101 SET NAMES utf8 */");
  EXPECT_EQ(items[1].text, "select /*+ NO_ICP(t) */ 1");
}

TEST(StatementSplitterTest, BackslashGEndsStatementsVertically) {
  StatementSplitter splitter;
  auto items = Feed(splitter, {"select 1\\G select 2\\g select 3;"});
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].text, "select 1");
  EXPECT_TRUE(items[0].vertical);
  EXPECT_EQ(items[1].text, "select 2");
  EXPECT_FALSE(items[1].vertical);
  EXPECT_EQ(items[2].text, "select 3");
}

TEST(StatementSplitterTest, BackslashGInsideAStringIsText) {
  StatementSplitter splitter;
  auto items = Feed(splitter, {"select 'a\\Gb';"});
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].text, "select 'a\\Gb'");
  EXPECT_FALSE(items[0].vertical);
}

TEST(StatementSplitterTest, DelimiterCommandChangesTheTerminator) {
  StatementSplitter splitter;
  auto items = Feed(splitter, {"delimiter //", "create procedure p() begin select 1; end//",
                               "DELIMITER ;", "select 2;"});
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].command, ClientCommand::kDelimiter);
  EXPECT_EQ(items[0].text, "//");
  EXPECT_EQ(items[1].command, ClientCommand::kNone);
  EXPECT_EQ(items[1].text, "create procedure p() begin select 1; end");
  EXPECT_EQ(items[2].command, ClientCommand::kDelimiter);
  EXPECT_EQ(splitter.delimiter(), ";");
  EXPECT_EQ(items[3].text, "select 2");
}

TEST(StatementSplitterTest, DelimiterWithBackslashIsRejected) {
  StatementSplitter splitter;
  auto items = Feed(splitter, {"delimiter \\x"});
  ASSERT_EQ(items.size(), 1u);
  EXPECT_FALSE(items[0].error.empty());
  EXPECT_EQ(splitter.delimiter(), ";");
}

TEST(StatementSplitterTest, NamedClientCommands) {
  StatementSplitter splitter;
  auto items = Feed(splitter, {"use `my db`;", "USE test", "status", "source /tmp/x.sql;",
                               "help", "quit"});
  ASSERT_EQ(items.size(), 6u);
  EXPECT_EQ(items[0].command, ClientCommand::kUse);
  EXPECT_EQ(items[0].text, "my db");
  EXPECT_EQ(items[1].command, ClientCommand::kUse);
  EXPECT_EQ(items[1].text, "test");
  EXPECT_EQ(items[2].command, ClientCommand::kStatus);
  EXPECT_EQ(items[3].command, ClientCommand::kSource);
  EXPECT_EQ(items[3].text, "/tmp/x.sql");
  EXPECT_EQ(items[4].command, ClientCommand::kHelp);
  EXPECT_EQ(items[5].command, ClientCommand::kQuit);
}

TEST(StatementSplitterTest, CommandWordsWithinStatementsGoToTheServer) {
  StatementSplitter splitter;
  auto items = Feed(splitter, {"status of things;", "select 1 from exit;"});
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].command, ClientCommand::kNone);
  EXPECT_EQ(items[0].text, "status of things");
  EXPECT_EQ(items[1].command, ClientCommand::kNone);
}

TEST(StatementSplitterTest, BackslashCommands) {
  StatementSplitter splitter;
  auto items = Feed(splitter, {"select 1 \\c", "\\u test; select 2; \\s", "\\q select 3;"});
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].command, ClientCommand::kUse);
  EXPECT_EQ(items[0].text, "test");
  EXPECT_EQ(items[1].text, "select 2");
  EXPECT_EQ(items[2].command, ClientCommand::kStatus);
  EXPECT_EQ(items[3].command, ClientCommand::kQuit);
  EXPECT_FALSE(splitter.HasPendingText());
}

TEST(StatementSplitterTest, EmptyStatementIsReported) {
  StatementSplitter splitter;
  auto items = Feed(splitter, {";"});
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].command, ClientCommand::kNone);
  EXPECT_TRUE(items[0].text.empty());
}

TEST(StatementSplitterTest, FinishReturnsTheUnterminatedStatement) {
  StatementSplitter splitter;
  EXPECT_TRUE(splitter.AddLine("select 42").empty());
  std::optional<SplitItem> last = splitter.Finish();
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->text, "select 42");
  EXPECT_FALSE(splitter.Finish().has_value());
}

TEST(StatementSplitterTest, UnknownBackslashCommandIsAnError) {
  StatementSplitter splitter;
  auto items = Feed(splitter, {"select 1 \\k;"});
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].command, ClientCommand::kError);
  EXPECT_EQ(items[0].error, "Unknown command '\\k'.");
}

// The command and text of each item, in order.
void ExpectItems(const std::vector<SplitItem>& items,
                 const std::vector<std::pair<ClientCommand, std::string>>& expected) {
  ASSERT_EQ(items.size(), expected.size());
  for (size_t i = 0; i < items.size(); ++i) {
    EXPECT_EQ(items[i].command, expected[i].first) << "item " << i;
    EXPECT_EQ(items[i].text, expected[i].second) << "item " << i;
  }
}

TEST(StatementSplitterTest, OutputAndPromptCommandsByName) {
  StatementSplitter splitter;
  ExpectItems(Feed(splitter, {"tee /tmp/out.txt ", "notee", "pager less -S", "nopager",
                              "pager cat > /tmp/p.txt;", "tee", "rehash", "prompt \\u@\\h> ",
                              "prompt", "PROMPT [db]> ;"}),
              {{ClientCommand::kTee, "/tmp/out.txt"},
               {ClientCommand::kNoTee, ""},
               {ClientCommand::kPager, "less -S"},
               {ClientCommand::kNoPager, ""},
               {ClientCommand::kPager, "cat > /tmp/p.txt"},
               {ClientCommand::kTee, ""},
               {ClientCommand::kRehash, ""},
               {ClientCommand::kPrompt, "\\u@\\h> "},  // the trailing blank stays
               {ClientCommand::kPrompt, ""},
               {ClientCommand::kPrompt, "[db]>"}});
}

TEST(StatementSplitterTest, OutputAndPromptBackslashCommands) {
  StatementSplitter splitter;
  ExpectItems(Feed(splitter, {"\\T /tmp/o.txt", "\\t", "\\P cat > /tmp/p.txt; select 1;",
                              "\\n", "\\R [\\d]> ", "\\#"}),
              {{ClientCommand::kTee, "/tmp/o.txt"},
               {ClientCommand::kNoTee, ""},
               {ClientCommand::kPager, "cat > /tmp/p.txt"},
               {ClientCommand::kNone, "select 1"},
               {ClientCommand::kNoPager, ""},
               {ClientCommand::kPrompt, "[\\d]> "},
               {ClientCommand::kRehash, ""}});
}

TEST(StatementSplitterTest, CommandWordsFollowedByTextAreStatementsWhenTheyTakeNoArgument) {
  StatementSplitter splitter;
  auto items = Feed(splitter, {"rehash now", ";"});
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].command, ClientCommand::kNone);
  EXPECT_EQ(items[0].text, "rehash now");
}

}  // namespace
}  // namespace porpoise::cli
