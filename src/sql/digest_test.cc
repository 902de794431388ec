// Statement digests: literals, signs, lists and rows of values, keywords and their spellings,
// names, variables, hints, NULL, the storage limit, and `?` outside prepared statements.
#include "sql/digest.h"

#include <gtest/gtest.h>

namespace porpoise::sql {
namespace {

std::string Digest(std::string_view sql) { return StatementDigestText(sql, ParserOptions{}); }

TEST(DigestTest, LiteralsBecomeMarksAndNamesAreQuoted) {
  EXPECT_EQ(Digest("select 1"), "SELECT ?");
  EXPECT_EQ(Digest("SELECT * FROM t1 WHERE a = 2"), "SELECT * FROM `t1` WHERE `a` = ?");
  EXPECT_EQ(Digest("select 1 + 1"), "SELECT ? + ?");
  EXPECT_EQ(Digest("select /*x*/ 1 from dual"), "SELECT ? FROM DUAL");
  EXPECT_EQ(Digest("SELECT * FroM T1 WHERE c1 > 10 and c2=\"abc\" AND 1+SIN(3) > 0;"),
            "SELECT * FROM `T1` WHERE `c1` > ? AND `c2` = ? AND ? + `SIN` (?) > ? ;");
  EXPECT_EQ(Digest("select a+1,b>=2,c<>3,d<=>null from t where e like 'x%' or f is not null"),
            "SELECT `a` + ? , `b` >= ? , `c` != ? , `d` <=> ? FROM `t` WHERE `e` LIKE ? OR `f` "
            "IS NOT NULL");
  EXPECT_EQ(Digest("select x'4142', b'101', 0x10, N'n', 1.5e3"), "SELECT ?, ...");
}

TEST(DigestTest, ValuesFoldIntoListsAndRows) {
  EXPECT_EQ(Digest("select * from t where id in (1,2,3)"), "SELECT * FROM `t` WHERE `id` IN (...)");
  EXPECT_EQ(Digest("select * from t where id not in (7)"), "SELECT * FROM `t` WHERE `id` NOT IN (...)");
  EXPECT_EQ(Digest("insert into t values (1, 2), (3, 4)"), "INSERT INTO `t` VALUES (...) /* , ... */");
  EXPECT_EQ(Digest("insert into t values (1), (2)"), "INSERT INTO `t` VALUES (?) /* , ... */");
  EXPECT_EQ(Digest("insert into t (a, b) values (1, 'x')"),
            "INSERT INTO `t` ( `a` , `b` ) VALUES (...)");
  EXPECT_EQ(Digest("select a, b from t where c = 'x' and d in (1, 2, 3) order by a limit 10"),
            "SELECT `a` , `b` FROM `t` WHERE `c` = ? AND `d` IN (...) ORDER BY `a` LIMIT ?");
}

TEST(DigestTest, SignsFoldWhereAnExpressionStarts) {
  EXPECT_EQ(Digest("select 1, -2, -'x', 1 = -1"), "SELECT ?, ... , - ?, ... = - ?");
  EXPECT_EQ(Digest("select a - 1, (-1)"), "SELECT `a` - ? , (?)");
  EXPECT_EQ(Digest("select null from t where a is null and b in (select -1)"),
            "SELECT ? FROM `t` WHERE `a` IS NULL AND `b` IN ( SELECT ? )");
}

TEST(DigestTest, KeywordsVariablesAndHints) {
  EXPECT_EQ(Digest("select /*+ BKA(t1@qb) MAX_EXECUTION_TIME(1000) */ distinct @a, "
                   "@@session.sql_mode from dual"),
            "SELECT /*+ BKA ( `t1`@`qb` ) MAX_EXECUTION_TIME (?) */ DISTINCTROW @? , @@SESSION . "
            "`sql_mode` FROM DUAL");
  EXPECT_EQ(Digest("select @@version_comment limit 1"), "SELECT @@`version_comment` LIMIT ?");
  EXPECT_EQ(Digest("select count(*), sum(x), t.select from t"),
            "SELECT COUNT ( * ) , SUM ( `x` ) , `t` . `select` FROM `t`");
  EXPECT_EQ(Digest("select `status`, status from `my table`"),
            "SELECT `status` , STATUS FROM `my table`");
  EXPECT_EQ(Digest("create table t (a int null, b int default null, c varchar(3) not null)"),
            "CREATE TABLE `t` ( `a` INTEGER NULL , `b` INTEGER DEFAULT ? , `c` VARCHARACTER "
            "(?) NOT NULL )");
  EXPECT_EQ(Digest("select _utf8mb4'a'"), "SELECT (_charset) ?");
}

TEST(DigestTest, StorageStopsAtMaxDigestLength) {
  EXPECT_EQ(Digest("select a" + std::string(1100, 'x')), "SELECT");
  EXPECT_EQ(StatementDigestText("select a, b, c", ParserOptions{}, 2 + 5 + 2), "SELECT `a` ,");
}

TEST(DigestTest, ParameterMarkersAreSyntaxErrors) {
  EXPECT_TRUE(CheckNoParameterMarkers("select 1", ParserOptions{}).ok());
  Status status = CheckNoParameterMarkers("select a from t where b = ? and c", ParserOptions{});
  EXPECT_EQ(status.code(), ER_PARSE_ERROR);
  EXPECT_NE(status.message().find("near '? and c' at line 1"), std::string::npos)
      << status.message();
}

}  // namespace
}  // namespace porpoise::sql
