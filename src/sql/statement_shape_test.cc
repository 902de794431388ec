// Tests for statement shapes: which literals become parameters, which stay, and which
// statements have no shape. (sql/)
#include "sql/statement_shape.h"

#include <gtest/gtest.h>

namespace porpoise::sql {
namespace {

std::string Shape(std::string_view sql) {
  std::optional<StatementShape> shape = ShapeOf(sql, ParserOptions(), 4096);
  return shape ? shape->text : "(none)";
}

TEST(StatementShapeTest, ValuesInWhereAndRowsBecomeParameters) {
  EXPECT_EQ(Shape("SELECT c FROM t WHERE id=5"), "SELECT c FROM t WHERE id= ?0 ");
  EXPECT_EQ(Shape("UPDATE t SET c='x' WHERE id BETWEEN 1 AND 2.5"),
            "UPDATE t SET c= ?0  WHERE id BETWEEN  ?1  AND  ?2 ");
  EXPECT_EQ(Shape("INSERT INTO t VALUES (1,'a'),(2e3,'b');"),
            "INSERT INTO t VALUES ( ?0 , ?1 ),( ?2 , ?3 );");
  EXPECT_EQ(Shape("DELETE FROM t WHERE a IN (1, 2)"), "DELETE FROM t WHERE a IN ( ?0 ,  ?1 )");
}

TEST(StatementShapeTest, LiteralsThatAreMoreThanValuesStay) {
  // Select lists name columns; BY lists hold positions; LIMIT takes integers only.
  EXPECT_EQ(Shape("SELECT 1, f(2) FROM t WHERE (SELECT 3) = 4 ORDER BY 1 LIMIT 5, 6"),
            "SELECT 1, f(2) FROM t WHERE (SELECT 3) =  ?0  ORDER BY 1 LIMIT 5, 6");
  EXPECT_EQ(Shape("SELECT a FROM t GROUP BY 1 HAVING COUNT(*) > 2"),
            "SELECT a FROM t GROUP BY 1 HAVING COUNT(*) >  ?0 ");
  // Signs, adjacent strings, introducers, typed literals, INTERVAL and JSON paths.
  EXPECT_EQ(Shape("SELECT a FROM t WHERE a = -5 AND b = 'x' 'y' AND c = _latin1'z'"),
            "SELECT a FROM t WHERE a = -5 AND b = 'x' 'y' AND c = _latin1'z'");
  EXPECT_EQ(Shape("SELECT a FROM t WHERE d > DATE '2024-01-01' + INTERVAL 2 DAY AND j->'$.k' = 1"),
            "SELECT a FROM t WHERE d > DATE '2024-01-01' + INTERVAL 2 DAY AND j->'$.k' =  ?0 ");
  EXPECT_EQ(Shape("SELECT a FROM t WHERE h = X'41' AND n = N'x'"),
            "SELECT a FROM t WHERE h = X'41' AND n = N'x'");
}

TEST(StatementShapeTest, OnlyOneDataStatementHasAShape) {
  EXPECT_EQ(Shape("SET @a = 1"), "(none)");
  EXPECT_EQ(Shape("SELECT 1; SELECT 2"), "(none)");
  EXPECT_EQ(Shape("SELECT a FROM t WHERE b = ?"), "(none)");
  EXPECT_EQ(Shape("SELECT 'unterminated"), "(none)");
  EXPECT_EQ(ShapeOf("SELECT a FROM t WHERE b = 12345", ParserOptions(), 10), std::nullopt);
}

TEST(StatementShapeTest, LiteralsAndSourceComeFromTheText) {
  std::optional<StatementShape> shape = ShapeOf("  SELECT a FROM t WHERE b = 'it''s' ;  ",
                                                ParserOptions(), 4096);
  ASSERT_TRUE(shape.has_value());
  EXPECT_EQ(shape->source, "SELECT a FROM t WHERE b = 'it''s'");
  ASSERT_EQ(shape->literals.size(), 1u);
  ExprPtr literal = LiteralOf(shape->literals[0]);
  EXPECT_EQ(literal->kind, ExprKind::kLiteral);
  EXPECT_EQ(literal->literal_kind, LiteralKind::kString);
  EXPECT_EQ(literal->text, "it's");
}

}  // namespace
}  // namespace porpoise::sql
