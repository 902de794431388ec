// Tests for the boxed, vertical and batch layouts and the summary lines; the expected texts
// are what the stock mysql/mariadb client prints for the same result shapes. (cli/)
#include "cli/result_formatter.h"

#include <gtest/gtest.h>

namespace porpoise::cli {
namespace {

// id INT NOT NULL, name VARCHAR, price DECIMAL, note TEXT: numbers, NULL, UTF-8, wide chars.
TableData ProductTable() {
  TableData table;
  table.columns = {{"id", true, true}, {"name", false, false}, {"price", true, false},
                   {"note", false, false}};
  table.rows = {
      {"1", "apple", "1.50", std::nullopt},
      {"2", "h\xC3\xA9llo w\xC3\xB6rld", "12.00", "x"},
      {"10", "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", std::nullopt, "tab\there"},
  };
  return table;
}

TEST(FormatBoxedTest, MatchesTheMysqlClientLayout) {
  // Column widths count bytes, as the mysql client does; multibyte values get the padding
  // their screen width needs so the borders line up.
  const std::string expected =
      "+----+---------------+-------+----------+\n"
      "| id | name          | price | note     |\n"
      "+----+---------------+-------+----------+\n"
      "|  1 | apple         |  1.50 | NULL     |\n"
      "|  2 | h\xC3\xA9llo w\xC3\xB6rld   | 12.00 | x        |\n"
      "| 10 | \xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E        |  NULL | tab\there |\n"
      "+----+---------------+-------+----------+\n";
  EXPECT_EQ(FormatBoxed(ProductTable(), true), expected);
}

TEST(FormatBoxedTest, NullableColumnIsAtLeastFourWide) {
  TableData table;
  table.columns = {{"a", false, false}, {"b", true, true}};
  table.rows = {{"x", "1"}};
  EXPECT_EQ(FormatBoxed(table, true),
            "+------+---+\n"
            "| a    | b |\n"
            "+------+---+\n"
            "| x    | 1 |\n"
            "+------+---+\n");
}

TEST(FormatBoxedTest, SkipColumnNamesDropsTheHeader) {
  TableData table;
  table.columns = {{"NULL", true, false}, {"1", true, true}, {"a", false, true}};
  table.rows = {{std::nullopt, "1", "a"}};
  EXPECT_EQ(FormatBoxed(table, false),
            "+------+---+---+\n"
            "| NULL | 1 | a |\n"
            "+------+---+---+\n");
}

TEST(FormatBoxedTest, NoRowsStillPrintsTheHeader) {
  TableData table;
  table.columns = {{"Database", false, true}};
  EXPECT_EQ(FormatBoxed(table, true),
            "+----------+\n"
            "| Database |\n"
            "+----------+\n"
            "+----------+\n");
}

TEST(FormatVerticalTest, RightAlignsNamesAndNumbersRows) {
  EXPECT_EQ(FormatVertical(ProductTable(), true),
            "*************************** 1. row ***************************\n"
            "   id: 1\n"
            " name: apple\n"
            "price: 1.50\n"
            " note: NULL\n"
            "*************************** 2. row ***************************\n"
            "   id: 2\n"
            " name: h\xC3\xA9llo w\xC3\xB6rld\n"
            "price: 12.00\n"
            " note: x\n"
            "*************************** 3. row ***************************\n"
            "   id: 10\n"
            " name: \xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\n"
            "price: NULL\n"
            " note: tab\there\n");
}

TEST(FormatTabSeparatedTest, EscapesSpecialCharactersAndPrintsNull) {
  TableData table;
  table.columns = {{"id", true, true}, {"note", false, false}};
  table.rows = {{"1", std::nullopt}, {"2", "line\nbreak\\x\tend"},
                {"3", std::string("nul\0byte", 8)}};
  EXPECT_EQ(FormatTabSeparated(table, true, false),
            "id\tnote\n"
            "1\tNULL\n"
            "2\tline\\nbreak\\\\x\\tend\n"
            "3\tnul\\0byte\n");
}

TEST(FormatTabSeparatedTest, RawAndWithoutColumnNames) {
  TableData table;
  table.columns = {{"id", true, true}, {"note", false, false}};
  table.rows = {{"2", "a\tb"}};
  EXPECT_EQ(FormatTabSeparated(table, false, true), "2\ta\tb\n");
}

TEST(DisplayCellsTest, CountsCharactersAndWideCharacters) {
  EXPECT_EQ(DisplayCells("abc"), 3u);
  EXPECT_EQ(DisplayCells("h\xC3\xA9llo"), 5u);
  EXPECT_EQ(DisplayCells("\xE6\x97\xA5\xE6\x9C\xAC"), 4u);
  EXPECT_EQ(DisplayCells("\xFF\xFE"), 2u);  // invalid bytes count one each
}

TEST(FormatElapsedTest, FollowsTheMysqlClient) {
  EXPECT_EQ(FormatElapsed(0.0), "0.00 sec");
  EXPECT_EQ(FormatElapsed(1.234), "1.23 sec");
  EXPECT_EQ(FormatElapsed(65.2), "1 min 5.20 sec");
  EXPECT_EQ(FormatElapsed(7201.0), "2 hours 1.00 sec");
}

TEST(FormatSummaryTest, ResultSetsAndOkPackets) {
  EXPECT_EQ(FormatSummary({true, 3, 0, 0, ""}, 0.0), "3 rows in set (0.00 sec)\n\n");
  EXPECT_EQ(FormatSummary({true, 1, 0, 0, ""}, 0.0), "1 row in set (0.00 sec)\n\n");
  EXPECT_EQ(FormatSummary({true, 0, 0, 0, ""}, 0.0), "Empty set (0.00 sec)\n\n");
  EXPECT_EQ(FormatSummary({false, 0, 1, 0, ""}, 0.0), "Query OK, 1 row affected (0.00 sec)\n\n");
  EXPECT_EQ(FormatSummary({false, 0, 0, 2, ""}, 0.01),
            "Query OK, 0 rows affected, 2 warnings (0.01 sec)\n\n");
  EXPECT_EQ(FormatSummary({false, 0, 1, 0, "Rows matched: 1  Changed: 1  Warnings: 0"}, 0.0),
            "Query OK, 1 row affected (0.00 sec)\n"
            "Rows matched: 1  Changed: 1  Warnings: 0\n\n");
  EXPECT_EQ(FormatSummary({true, 1, 0, 1, ""}, 0.0), "1 row in set, 1 warning (0.00 sec)\n\n");
}

}  // namespace
}  // namespace porpoise::cli
