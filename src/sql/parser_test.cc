// Tests for the parser: AST shapes of each statement family, precedence, source texts, and
// MySQL's errors (1064 text/line/near, 1065, depth limit, unsupported statements). (sql/)
#include "sql/parser.h"

#include <gtest/gtest.h>

#include "common/stack.h"
#include "sql/parse_status.h"
#include "sql/printer.h"

namespace porpoise::sql {
namespace {

template <typename T>
std::unique_ptr<T> Parse(std::string_view sql, ParserOptions options = {}) {
  Result<StatementPtr> result = ParseOne(sql, options);
  EXPECT_TRUE(result.ok()) << sql << ": " << result.status().ToString();
  if (!result.ok()) return nullptr;
  StatementPtr statement = std::move(result).value();
  auto* typed = dynamic_cast<T*>(statement.get());
  EXPECT_NE(typed, nullptr) << sql;
  if (typed == nullptr) return nullptr;
  statement.release();
  return std::unique_ptr<T>(typed);
}

std::string Expr(std::string_view sql, ParserOptions options = {}) {
  Result<ExprPtr> expr = ParseExpression(sql, options);
  EXPECT_TRUE(expr.ok()) << sql << ": " << expr.status().ToString();
  return expr.ok() ? ToSql(**expr) : "";
}

Status Error(std::string_view sql) {
  Result<StatementPtr> result = ParseOne(sql);
  EXPECT_FALSE(result.ok()) << sql;
  return result.status();
}

std::string Near(std::string_view text, int line = 1) {
  return "You have an error in your SQL syntax; check the manual that corresponds to your MySQL "
         "server version for the right syntax to use near '" +
         std::string(text) + "' at line " + std::to_string(line);
}

TEST(ParserPrecedenceTest, FollowsMysql) {
  EXPECT_EQ(Expr("1+2*3"), "(1 + (2 * 3))");
  EXPECT_EQ(Expr("NOT a = b"), "(NOT (`a` = `b`))");
  EXPECT_EQ(Expr("a OR b AND c"), "(`a` OR (`b` AND `c`))");
  EXPECT_EQ(Expr("a || b"), "(`a` OR `b`)");
  EXPECT_EQ(Expr("a XOR b OR c"), "((`a` XOR `b`) OR `c`)");
  EXPECT_EQ(Expr("1 - 2 - 3"), "((1 - 2) - 3)");
  EXPECT_EQ(Expr("-a ^ b"), "(-(`a`) ^ `b`)");
  EXPECT_EQ(Expr("a | b & c << 1 + 2"), "(`a` | (`b` & (`c` << (1 + 2))))");
  EXPECT_EQ(Expr("!a = b"), "((NOT `a`) = `b`)");
  EXPECT_EQ(Expr("a = b IS NULL"), "((`a` = `b`) IS NULL)");
  EXPECT_EQ(Expr("a BETWEEN 1 AND 2 AND c"), "((`a` BETWEEN 1 AND 2) AND `c`)");
  EXPECT_EQ(Expr("a LIKE 'x' OR b IN (1, 2)"), "((`a` LIKE 'x') OR (`b` IN (1, 2)))");
  EXPECT_EQ(Expr("a COLLATE utf8mb4_bin = b"), "((`a` COLLATE `utf8mb4_bin`) = `b`)");
  EXPECT_EQ(Expr("d + INTERVAL 1 DAY"), "(`d` + INTERVAL 1 DAY)");
  EXPECT_EQ(Expr("@v := 1 + 2"), "(@`v` := (1 + 2))");
  ParserOptions pipes;
  pipes.pipes_as_concat = true;
  EXPECT_EQ(Expr("a || b = c", pipes), "(CONCAT(`a`, `b`) = `c`)");
  ParserOptions high_not;
  high_not.high_not_precedence = true;
  EXPECT_EQ(Expr("NOT a = b", high_not), "((NOT `a`) = `b`)");
}

TEST(ParserSelectTest, ItemsKeepSourceTextAndAliases) {
  auto select = Parse<SelectStatement>("SELECT 1+1, @@version, count(*), a  b, c AS 'd', t.*");
  ASSERT_TRUE(select);
  ASSERT_EQ(select->items.size(), 6u);
  EXPECT_EQ(select->items[0].source, "1+1");
  EXPECT_EQ(select->items[1].source, "@@version");
  EXPECT_EQ(select->items[2].source, "count(*)");
  EXPECT_TRUE(select->items[2].expr->star);
  EXPECT_EQ(select->items[3].alias, "b");
  EXPECT_EQ(select->items[4].alias, "d");
  EXPECT_EQ(select->items[5].expr->table, "t");
  EXPECT_EQ(select->items[5].expr->column, "*");
  EXPECT_EQ(select->source_text, "SELECT 1+1, @@version, count(*), a  b, c AS 'd', t.*");
}

TEST(ParserSelectTest, ClausesLandInTheirFields) {
  auto select = Parse<SelectStatement>(
      "SELECT DISTINCT a FROM db.t AS x LEFT JOIN u ON x.id = u.id, v WHERE a > 1 GROUP BY a "
      "HAVING COUNT(*) > 2 ORDER BY a DESC LIMIT 3, 4 FOR UPDATE;");
  ASSERT_TRUE(select);
  EXPECT_TRUE(select->distinct);
  ASSERT_EQ(select->from.size(), 2u);
  const TableRef& join = *select->from[0];
  EXPECT_EQ(join.kind, TableRef::Kind::kJoin);
  EXPECT_EQ(join.join_type, JoinType::kLeft);
  EXPECT_EQ(join.left->name.database, "db");
  EXPECT_EQ(join.left->alias, "x");
  EXPECT_TRUE(join.on);
  EXPECT_TRUE(select->where);
  EXPECT_EQ(select->group_by.size(), 1u);
  EXPECT_TRUE(select->having);
  ASSERT_EQ(select->order_by.size(), 1u);
  EXPECT_TRUE(select->order_by[0].descending);
  EXPECT_EQ(select->limit->text, "4");
  EXPECT_EQ(select->offset->text, "3");
  EXPECT_EQ(select->lock, LockMode::kForUpdate);
}

TEST(ParserSelectTest, UnionOrderAndLimitApplyToTheWhole) {
  auto select = Parse<SelectStatement>("SELECT 1 UNION ALL SELECT 2 UNION SELECT 3 ORDER BY 1 LIMIT 1");
  ASSERT_TRUE(select);
  ASSERT_EQ(select->unions.size(), 2u);
  EXPECT_TRUE(select->unions[0].all);
  EXPECT_FALSE(select->unions[1].all);
  EXPECT_TRUE(select->order_by.empty());
  EXPECT_EQ(select->union_order_by.size(), 1u);
  EXPECT_TRUE(select->union_limit);
}

TEST(ParserSelectTest, IntersectBindsTighterThanUnionAndExcept) {
  using Op = SelectStatement::SetOperator;
  // A INTERSECT B UNION C: left to right.
  auto first = Parse<SelectStatement>("SELECT 1 INTERSECT SELECT 2 UNION SELECT 3");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->unions.size(), 2u);
  EXPECT_EQ(first->unions[0].op, Op::kIntersect);
  EXPECT_EQ(first->unions[1].op, Op::kUnion);
  // A EXCEPT B INTERSECT C: the INTERSECT is an operand of its own.
  auto second = Parse<SelectStatement>("SELECT 1 EXCEPT SELECT 2 INTERSECT SELECT 3");
  ASSERT_TRUE(second);
  ASSERT_EQ(second->unions.size(), 1u);
  EXPECT_EQ(second->unions[0].op, Op::kExcept);
  ASSERT_EQ(second->unions[0].select->unions.size(), 1u);
  EXPECT_EQ(second->unions[0].select->unions[0].op, Op::kIntersect);
  // Printed and read back, each keeps its meaning.
  for (const char* sql : {"SELECT 1 INTERSECT SELECT 2 UNION SELECT 3",
                          "SELECT 1 EXCEPT SELECT 2 INTERSECT SELECT 3",
                          "(SELECT 1 UNION SELECT 2) INTERSECT SELECT 3",
                          "SELECT 1 EXCEPT DISTINCT SELECT 2 EXCEPT ALL SELECT 3 ORDER BY 1"}) {
    Result<StatementPtr> parsed = ParseOne(sql);
    ASSERT_TRUE(parsed.ok()) << sql;
    std::string printed = ToSql(*parsed.value());
    Result<StatementPtr> again = ParseOne(printed);
    ASSERT_TRUE(again.ok()) << printed;
    EXPECT_TRUE(Equals(*parsed.value(), *again.value())) << sql << " -> " << printed;
  }
}

TEST(ParserSelectTest, SpecialFunctionForms) {
  EXPECT_EQ(Expr("TRIM(LEADING 'x' FROM s)"), "TRIM(LEADING 'x' FROM `s`)");
  EXPECT_EQ(Expr("SUBSTRING(s FROM 2 FOR 3)"), "SUBSTRING(`s`, 2, 3)");
  EXPECT_EQ(Expr("POSITION('a' IN s)"), "POSITION('a' IN `s`)");
  EXPECT_EQ(Expr("EXTRACT(YEAR_MONTH FROM d)"), "EXTRACT(YEAR_MONTH FROM `d`)");
  EXPECT_EQ(Expr("CAST(a AS UNSIGNED INTEGER)"), "CAST(`a` AS unsigned)");
  EXPECT_EQ(Expr("CONVERT(a, CHAR(3))"), "CAST(`a` AS char(3))");
  EXPECT_EQ(Expr("CONVERT(a USING utf8mb4)"), "CONVERT(`a` USING `utf8mb4`)");
  EXPECT_EQ(Expr("COUNT(DISTINCT a, b)"), "COUNT(DISTINCT `a`, `b`)");
  EXPECT_EQ(Expr("GROUP_CONCAT(x ORDER BY y SEPARATOR ',')"),
            "GROUP_CONCAT(`x` ORDER BY `y` SEPARATOR ',')");
  EXPECT_EQ(Expr("CURRENT_TIMESTAMP"), "CURRENT_TIMESTAMP()");
  EXPECT_EQ(Expr("CURRENT_USER"), "CURRENT_USER()");
  EXPECT_EQ(Expr("IF(a, LEFT(b, 1), REPLACE(c, 'x', 'y'))"),
            "IF(`a`, LEFT(`b`, 1), REPLACE(`c`, 'x', 'y'))");
  EXPECT_EQ(Expr("DATABASE()"), "DATABASE()");
  EXPECT_EQ(Expr("_binary'ab' 'c'"), "_binary'abc'");
}

TEST(ParserSelectTest, NonReservedKeywordsAreIdentifiers) {
  auto select = Parse<SelectStatement>(
      "SELECT user, host, status, password, plugin, comment, data, date, time, timestamp, text, "
      "names, level, count FROM mysql.user");
  ASSERT_TRUE(select);
  EXPECT_EQ(select->items.size(), 14u);
  EXPECT_EQ(select->items[0].expr->column, "user");
  EXPECT_EQ(Error("SELECT select FROM t").code(), 1064);
}

TEST(ParserDmlTest, InsertForms) {
  auto insert = Parse<InsertStatement>("INSERT INTO t (a, b) VALUES (1, 'x'), (2, DEFAULT)");
  ASSERT_TRUE(insert);
  EXPECT_EQ(insert->columns, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(insert->rows.size(), 2u);
  EXPECT_EQ(insert->rows[1][1]->kind, ExprKind::kDefault);
  auto set = Parse<InsertStatement>("REPLACE t SET a = 1, b = 2");
  ASSERT_TRUE(set);
  EXPECT_TRUE(set->replace);
  EXPECT_EQ(set->columns.size(), 2u);
  EXPECT_EQ(set->rows.size(), 1u);
  auto select = Parse<InsertStatement>(
      "INSERT IGNORE INTO t SELECT * FROM u ON DUPLICATE KEY UPDATE a = VALUES(a)");
  ASSERT_TRUE(select);
  EXPECT_TRUE(select->ignore);
  EXPECT_TRUE(select->select);
  EXPECT_EQ(select->on_duplicate.size(), 1u);
}

TEST(ParserDmlTest, UpdateAndDelete) {
  auto update = Parse<UpdateStatement>("UPDATE t SET a = a + 1 WHERE b = 2 ORDER BY c LIMIT 5");
  ASSERT_TRUE(update);
  EXPECT_EQ(update->tables.size(), 1u);
  EXPECT_EQ(update->assignments[0].column->column, "a");
  EXPECT_TRUE(update->limit);
  auto remove = Parse<DeleteStatement>("DELETE FROM db.t WHERE a = 1 LIMIT 1");
  ASSERT_TRUE(remove);
  EXPECT_EQ(remove->table.database, "db");
  EXPECT_TRUE(remove->where);
}

TEST(ParserDdlTest, CreateTableAsMysqldumpWritesIt) {
  auto create = Parse<CreateTableStatement>(
      "CREATE TABLE `t` (\n"
      "  `id` int(11) unsigned zerofill NOT NULL AUTO_INCREMENT,\n"
      "  `price` decimal(10,2) DEFAULT '0.00',\n"
      "  `name` varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'n',\n"
      "  `kind` enum('a','b') DEFAULT NULL,\n"
      "  `ts` timestamp(6) NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),\n"
      "  `flag` bool,\n"
      "  PRIMARY KEY (`id`),\n"
      "  UNIQUE KEY `u` (`name`(20)),\n"
      "  KEY `k` (`price`),\n"
      "  CONSTRAINT `fk` FOREIGN KEY (`id`) REFERENCES `p` (`pid`) ON DELETE CASCADE\n"
      ") ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci "
      "ROW_FORMAT=DYNAMIC COMMENT='x'");
  ASSERT_TRUE(create);
  ASSERT_EQ(create->columns.size(), 6u);
  const ColumnDef& id = create->columns[0];
  EXPECT_EQ(id.type.name, "int");
  EXPECT_EQ(id.type.length, 11u);
  EXPECT_TRUE(id.type.is_unsigned);
  EXPECT_TRUE(id.type.zerofill);
  EXPECT_EQ(id.nullable, false);
  EXPECT_TRUE(id.auto_increment);
  EXPECT_EQ(create->columns[1].type.scale, 2u);
  EXPECT_EQ(create->columns[1].default_value->text, "0.00");
  EXPECT_EQ(create->columns[2].type.charset, "utf8mb4");
  EXPECT_EQ(create->columns[2].type.collation, "utf8mb4_bin");
  EXPECT_EQ(create->columns[2].comment, "n");
  EXPECT_EQ(create->columns[3].type.values, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(create->columns[4].on_update_current_timestamp);
  EXPECT_EQ(create->columns[4].type.length, 6u);
  EXPECT_EQ(create->columns[5].type.name, "tinyint");
  EXPECT_EQ(create->columns[5].type.length, 1u);
  ASSERT_EQ(create->indexes.size(), 4u);
  EXPECT_EQ(create->indexes[0].kind, IndexDef::Kind::kPrimary);
  EXPECT_EQ(create->indexes[1].parts[0].length, 20u);
  EXPECT_EQ(create->indexes[3].kind, IndexDef::Kind::kForeign);
  EXPECT_EQ(create->indexes[3].name, "fk");
  EXPECT_EQ(create->indexes[3].on_delete, ReferenceAction::kCascade);
  ASSERT_EQ(create->options.size(), 6u);
  EXPECT_EQ(create->options[0].name, "ENGINE");
  EXPECT_EQ(create->options[0].value, "InnoDB");
  EXPECT_EQ(create->options[2].name, "DEFAULT CHARSET");
  EXPECT_EQ(create->options[3].name, "COLLATE");
}

TEST(ParserDdlTest, DatabasesAndDrops) {
  auto create = Parse<CreateDatabaseStatement>(
      "CREATE SCHEMA IF NOT EXISTS d DEFAULT CHARACTER SET = UTF8MB4 DEFAULT COLLATE utf8mb4_bin");
  ASSERT_TRUE(create);
  EXPECT_TRUE(create->if_not_exists);
  EXPECT_EQ(create->charset, "utf8mb4");
  EXPECT_EQ(create->collation, "utf8mb4_bin");
  auto drop = Parse<DropTableStatement>("DROP TEMPORARY TABLE IF EXISTS a, b.c");
  ASSERT_TRUE(drop);
  EXPECT_TRUE(drop->temporary);
  EXPECT_EQ(drop->tables.size(), 2u);
  EXPECT_TRUE(Parse<DropDatabaseStatement>("DROP DATABASE IF EXISTS d")->if_exists);
  EXPECT_EQ(Parse<UseStatement>("USE `my db`")->database, "my db");
}

TEST(ParserShowTest, FormsAndFilters) {
  using What = ShowStatement::What;
  auto tables = Parse<ShowStatement>("SHOW FULL TABLES IN db LIKE 't%'");
  EXPECT_EQ(tables->what, What::kTables);
  EXPECT_TRUE(tables->full);
  EXPECT_EQ(tables->database, "db");
  EXPECT_EQ(*tables->like, "t%");
  auto columns = Parse<ShowStatement>("SHOW COLUMNS FROM t FROM db WHERE Field = 'a'");
  EXPECT_EQ(columns->what, What::kColumns);
  EXPECT_EQ(columns->table.table, "t");
  EXPECT_TRUE(columns->where);
  auto variables = Parse<ShowStatement>("SHOW GLOBAL VARIABLES LIKE 'x'");
  EXPECT_EQ(variables->what, What::kVariables);
  EXPECT_EQ(variables->scope, VariableScope::kGlobal);
  auto grants = Parse<ShowStatement>("SHOW GRANTS FOR 'u'@'h'");
  EXPECT_EQ(grants->user->host, "h");
  EXPECT_EQ(Parse<ShowStatement>("SHOW COUNT(*) ERRORS")->what, What::kCountErrors);
  EXPECT_EQ(Parse<ShowStatement>("SHOW WARNINGS LIMIT 5")->limit->text, "5");
  auto describe = Parse<ShowStatement>("DESCRIBE db.t");
  EXPECT_EQ(describe->what, What::kColumns);
  EXPECT_EQ(describe->table.database, "db");
  EXPECT_EQ(Parse<ShowStatement>("SHOW CREATE DATABASE IF NOT EXISTS d")->if_not_exists, true);
}

TEST(ParserSetTest, EveryAssignmentKind) {
  auto set = Parse<SetStatement>(
      "SET @a = 1, @@session.x = 2, SESSION y = 3, GLOBAL z = DEFAULT, autocommit = ON, "
      "NAMES utf8mb4 COLLATE utf8mb4_bin, CHARACTER SET latin1, sql_mode = 'A,B'");
  ASSERT_TRUE(set);
  const auto& a = set->assignments;
  ASSERT_EQ(a.size(), 8u);
  EXPECT_EQ(a[0].scope, VariableScope::kUser);
  EXPECT_EQ(a[1].scope, VariableScope::kSession);
  EXPECT_EQ(a[1].name, "x");
  EXPECT_EQ(a[2].scope, VariableScope::kSession);
  EXPECT_EQ(a[3].scope, VariableScope::kGlobal);
  EXPECT_EQ(a[3].value->kind, ExprKind::kDefault);
  EXPECT_EQ(a[4].scope, VariableScope::kGlobal);  // the last scope keyword carries over
  EXPECT_EQ(a[4].value->kind, ExprKind::kColumnRef);
  EXPECT_EQ(a[4].value->column, "ON");
  EXPECT_EQ(a[5].kind, SetAssignment::Kind::kNames);
  EXPECT_EQ(a[5].collation, "utf8mb4_bin");
  EXPECT_EQ(a[6].kind, SetAssignment::Kind::kCharset);
  EXPECT_EQ(a[7].value->text, "A,B");
  auto transaction = Parse<SetStatement>("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
  EXPECT_EQ(transaction->assignments[0].kind, SetAssignment::Kind::kTransaction);
  EXPECT_EQ(transaction->assignments[0].scope, VariableScope::kSession);
  EXPECT_EQ(transaction->assignments[0].isolation_level, "READ-COMMITTED");
  auto names_default = Parse<SetStatement>("SET NAMES DEFAULT");
  EXPECT_EQ(names_default->assignments[0].charset, "default");
  auto password = Parse<SetPasswordStatement>("SET PASSWORD FOR u@h = 'pw'");
  EXPECT_EQ(password->user->user, "u");
  EXPECT_EQ(password->password, "pw");
}

TEST(ParserAccountTest, UserNamesInEveryForm) {
  auto drop = Parse<DropUserStatement>(
      "DROP USER 'a'@'h1', b@h2, `c`@`h3`, \"d\"@\"h4\", e@'%', 'f', CURRENT_USER(), g@127.0.0.1");
  ASSERT_TRUE(drop);
  ASSERT_EQ(drop->users.size(), 8u);
  EXPECT_EQ(drop->users[0].user, "a");
  EXPECT_EQ(drop->users[0].host, "h1");
  EXPECT_EQ(drop->users[1].host, "h2");
  EXPECT_EQ(drop->users[2].host, "h3");
  EXPECT_EQ(drop->users[3].user, "d");
  EXPECT_EQ(drop->users[4].host, "%");
  EXPECT_EQ(drop->users[5].host, "%");
  EXPECT_TRUE(drop->users[6].current_user);
  EXPECT_EQ(drop->users[7].host, "127.0.0.1");
}

TEST(ParserAccountTest, CreateUserGrantRevoke) {
  auto create = Parse<CreateUserStatement>(
      "CREATE USER IF NOT EXISTS 'toluwase'@'%' IDENTIFIED WITH mysql_native_password BY "
      "'toluwase123', v IDENTIFIED WITH 'caching_sha2_password' AS 'hash' ACCOUNT LOCK");
  ASSERT_TRUE(create);
  EXPECT_TRUE(create->if_not_exists);
  EXPECT_EQ(create->users[0].auth->plugin, "mysql_native_password");
  EXPECT_EQ(*create->users[0].auth->password, "toluwase123");
  EXPECT_EQ(*create->users[1].auth->hash, "hash");
  EXPECT_EQ(create->account_locked, true);
  auto grant = Parse<GrantStatement>(
      "GRANT ALL PRIVILEGES ON *.* TO 'toluwase'@'%' WITH GRANT OPTION");
  ASSERT_TRUE(grant);
  EXPECT_EQ(grant->privileges[0].name, "ALL");
  EXPECT_EQ(grant->level.database, "*");
  EXPECT_EQ(grant->level.table, "*");
  EXPECT_TRUE(grant->with_grant_option);
  auto columns = Parse<GrantStatement>("GRANT SELECT (a, b), SHOW VIEW ON db.t TO u");
  EXPECT_EQ(columns->privileges[0].columns.size(), 2u);
  EXPECT_EQ(columns->privileges[1].name, "SHOW VIEW");
  EXPECT_EQ(columns->level.database, "db");
  EXPECT_EQ(columns->level.table, "t");
  auto current_db = Parse<GrantStatement>("GRANT INSERT ON * TO u");
  EXPECT_EQ(current_db->level.database, "");
  EXPECT_EQ(current_db->level.table, "*");
  auto revoke = Parse<RevokeStatement>("REVOKE ALL, GRANT OPTION FROM u");
  EXPECT_TRUE(revoke->all_and_grant_option);
  auto alter = Parse<AlterUserStatement>("ALTER USER USER() IDENTIFIED BY 'x'");
  EXPECT_TRUE(alter->users[0].user.current_user);
  auto rename = Parse<RenameUserStatement>("RENAME USER a TO b");
  EXPECT_EQ(rename->renames[0].second.user, "b");
}

TEST(ParserMiscTest, FlushLocksTransactionsKillDo) {
  auto flush = Parse<FlushStatement>("FLUSH NO_WRITE_TO_BINLOG TABLES WITH READ LOCK");
  EXPECT_TRUE(flush->local);
  EXPECT_EQ(flush->options, (std::vector<std::string>{"TABLES WITH READ LOCK"}));
  auto lock = Parse<LockTablesStatement>("LOCK TABLES t READ LOCAL, u AS x LOW_PRIORITY WRITE");
  ASSERT_EQ(lock->tables.size(), 2u);
  EXPECT_FALSE(lock->tables[0].write);
  EXPECT_EQ(lock->tables[1].alias, "x");
  EXPECT_TRUE(lock->tables[1].write);
  EXPECT_TRUE(Parse<UnlockTablesStatement>("UNLOCK TABLES"));
  EXPECT_EQ(Parse<BeginStatement>("START TRANSACTION READ ONLY")->read_only, true);
  EXPECT_TRUE(Parse<CommitStatement>("COMMIT AND CHAIN")->chain);
  EXPECT_EQ(Parse<RollbackStatement>("ROLLBACK TO SAVEPOINT s")->savepoint, "s");
  EXPECT_TRUE(Parse<KillStatement>("KILL QUERY 3")->query_only);
  EXPECT_EQ(Parse<DoStatement>("DO 1, 2")->exprs.size(), 2u);
}

TEST(ParserErrorTest, SyntaxErrorsQuoteTheRestOfTheInput) {
  Status status = Error("SELECT * FORM t");
  EXPECT_EQ(status.code(), 1064);
  EXPECT_EQ(status.sqlstate(), "42000");
  EXPECT_EQ(status.message(), Near("FORM t"));
  EXPECT_EQ(Error("SELECT a FORM t").message(), Near("t"));
  EXPECT_EQ(Error("SELECT 1 +").message(), Near(""));
  EXPECT_EQ(Error("SELECT 1 +;").message(), Near(""));
  EXPECT_EQ(Error("SELECT\n1\n  FROM WHERE").message(), Near("WHERE", 3));
  EXPECT_EQ(Error("SELEC 1").message(), Near("SELEC 1"));
  EXPECT_EQ(Error("SELECT 'abc").message(), Near("'abc"));
  EXPECT_EQ(Error("SELECT 1 /* open").message(), Near("/* open"));
  EXPECT_EQ(Error("SELECT 1; SELECT 2").message(), Near("SELECT 2"));
  std::string long_tail(200, 'x');
  EXPECT_EQ(Error("SELECT 1 2 " + long_tail).message(), Near("2 " + long_tail.substr(0, 78)));
}

TEST(ParserErrorTest, EmptyQueriesAre1065) {
  for (const char* sql : {"", "   ", "-- just a comment", "/* c */", ";"}) {
    Parser parser(sql);
    Result<StatementPtr> result = parser.ParseNext();
    ASSERT_FALSE(result.ok()) << sql;
    EXPECT_EQ(result.status().code(), 1065) << sql;
    EXPECT_EQ(result.status().message(), "Query was empty");
  }
}

TEST(ParserErrorTest, DeepNestingIsAnErrorNotACrash) {
  // Past max_depth, 1064; past what the thread's stack holds (sooner on a small stack), 1436.
  auto refused = [](const Status& status) {
    return status.code() == 1064 || status.code() == 1436;
  };
  std::string deep(100000, '(');
  EXPECT_PRED1(refused, Error("SELECT " + deep + "1" + std::string(100000, ')')));
  EXPECT_PRED1(refused, Error("SELECT " + std::string(100000, '-') + "1"));
  EXPECT_PRED1(refused, Error("SELECT 1" + std::string(20000, '+') + "1"));
  std::string chain = "SELECT 1";
  for (int index = 0; index < 100000; ++index) chain += "+1";
  EXPECT_EQ(Error(chain).code(), 1064);
  // Hundreds of levels parse on a connection thread's stack.
  std::string nested = "SELECT " + std::string(400, '(') + "1" + std::string(400, ')');
  RunWithStack(64u << 20, [&] { EXPECT_TRUE(ParseOne(nested).ok()); });
  std::string shallow = "SELECT " + std::string(50, '(') + "1" + std::string(50, ')');
  EXPECT_TRUE(ParseOne(shallow).ok());
  ParserOptions tight;
  tight.max_depth = 5;
  EXPECT_FALSE(ParseOne("SELECT ((((((1))))))", tight).ok());
}

TEST(ParserErrorTest, ParseMemoryHasABudget) {
  ParserOptions budget;
  budget.max_memory = 1000000;
  budget.bounded_by_text = false;
  std::string items = "1";
  for (int index = 0; index < 20000; ++index) items += ",1";
  const std::string message =
      "Memory capacity of 1000000 bytes for 'parser_max_mem_size' exceeded. Parser bailed out "
      "for this query.";
  for (std::string sql : {"SELECT " + items, "SELECT 1 IN (" + items + ")",
                          "CREATE PROCEDURE p() BEGIN SELECT " + items + "; END"}) {
    Result<StatementPtr> result = ParseOne(sql, budget);
    ASSERT_FALSE(result.ok()) << sql.substr(0, 40);
    EXPECT_EQ(result.status().code(), 3170);
    EXPECT_EQ(result.status().message(), message);
  }
  Result<ExprPtr> expr = ParseExpression("1 IN (" + items + ")", budget);
  ASSERT_FALSE(expr.ok());
  EXPECT_EQ(expr.status().code(), 3170);
  // Within the budget, and under the parser's own bound (256 MiB plus 64 bytes per byte).
  EXPECT_TRUE(ParseOne("SELECT 1,2,3", budget).ok());
  EXPECT_TRUE(ParseOne("SELECT " + items).ok());
  // In a batch, each statement has a budget of its own.
  std::string batch = "SELECT 1; SELECT " + items;
  Parser parser(batch, budget);
  EXPECT_TRUE(parser.ParseNext().ok());
  EXPECT_EQ(parser.ParseNext().status().code(), 3170);
  // Without multi-statements a second statement is 1064 at its first token, which is all
  // of it that is read.
  EXPECT_EQ(ParseOne(batch, budget).status().code(), 1064);
}

TEST(ParserErrorTest, UnsupportedStatementsSayWhat) {
  Status alter = Error("ALTER TABLE t PARTITION BY HASH (a)");
  EXPECT_EQ(alter.code(), 1235);
  EXPECT_EQ(alter.message(), "This version of MySQL doesn't yet support 'ALTER TABLE ... PARTITION'");
  EXPECT_EQ(Error("CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO SET @a = 1").code(), 1235);
  Status keys = Error("/*!40000 ALTER TABLE `t` DISABLE KEYS */");
  EXPECT_TRUE(IsKeysToggleNote(keys));
  EXPECT_EQ(keys.sqlstate(), "HY000");
}

TEST(ParserMultiTest, StatementsAreParsedOneAtATime) {
  Parser parser("SELECT 1; ; SELECT 'a;b' /* ; */; SET @x = 1");
  Result<StatementPtr> first = parser.ParseNext();
  ASSERT_TRUE(first.ok());
  EXPECT_EQ((*first)->source_text, "SELECT 1");
  EXPECT_FALSE(parser.AtEnd());
  Result<StatementPtr> empty = parser.ParseNext();
  EXPECT_EQ(empty.status().code(), 1065);
  Result<StatementPtr> second = parser.ParseNext();
  ASSERT_TRUE(second.ok());
  EXPECT_EQ((*second)->source_text, "SELECT 'a;b'");
  Result<StatementPtr> third = parser.ParseNext();
  ASSERT_TRUE(third.ok());
  EXPECT_EQ((*third)->kind, StatementKind::kSet);
  EXPECT_TRUE(parser.AtEnd());
}

TEST(ParserMultiTest, StoredProgramBodiesHoldTheirOwnSemicolons) {
  Parser parser(
      "CREATE PROCEDURE p(IN a INT, OUT b INT) lbl: BEGIN DECLARE i INT DEFAULT 0; "
      "WHILE i < a DO SET i = i + 1; IF i = 2 THEN LEAVE lbl; END IF; END WHILE; "
      "SELECT i INTO b; END; CALL p(3, @b); SELECT @b");
  Result<StatementPtr> create = parser.ParseNext();
  ASSERT_TRUE(create.ok()) << create.status().ToString();
  ASSERT_EQ((*create)->kind, StatementKind::kCreateRoutine);
  const auto& routine = static_cast<const CreateRoutineStatement&>(**create);
  EXPECT_EQ(routine.parameters_text, "IN a INT, OUT b INT");
  ASSERT_EQ(routine.parameters.size(), 2u);
  EXPECT_EQ(routine.parameters[1].mode, RoutineParameter::Mode::kOut);
  EXPECT_TRUE(routine.body_text.starts_with("lbl: BEGIN DECLARE"));
  EXPECT_TRUE(routine.body_text.ends_with("SELECT i INTO b; END"));
  const auto& block = static_cast<const BlockStatement&>(*routine.body);
  EXPECT_EQ(block.label, "lbl");
  EXPECT_EQ(block.body.size(), 3u);
  Result<StatementPtr> call = parser.ParseNext();
  ASSERT_TRUE(call.ok());
  EXPECT_EQ((*call)->kind, StatementKind::kCall);
  Result<StatementPtr> select = parser.ParseNext();
  ASSERT_TRUE(select.ok());
  EXPECT_TRUE(parser.AtEnd());
}

TEST(ParserMultiTest, TriggerInVersionComments) {
  // mysqldump's form.
  Result<StatementPtr> trigger = ParseOne(
      "/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER `tr` BEFORE "
      "INSERT ON `t` FOR EACH ROW BEGIN SET NEW.a = 1; SET NEW.b = 2; END */");
  ASSERT_TRUE(trigger.ok()) << trigger.status().ToString();
  const auto& create = static_cast<const CreateTriggerStatement&>(**trigger);
  EXPECT_EQ(create.definer->user, "root");
  EXPECT_EQ(create.body_text, "BEGIN SET NEW.a = 1; SET NEW.b = 2; END");
  // A body crossing a version comment's ends is kept without them, so it reads alone.
  auto crossing = Parse<CreateRoutineStatement>(
      "CREATE PROCEDURE p(a INT /*!50003 , b INT) BEGIN SELECT a; */ SELECT b; END");
  EXPECT_EQ(crossing->parameters_text, "a INT  , b INT");
  EXPECT_EQ(crossing->body_text, "BEGIN SELECT a;  SELECT b; END");
  EXPECT_EQ(Error("CREATE PROCEDURE p() BEGIN SELECT 1 END").code(), 1064);
  EXPECT_EQ(Error("CREATE PROCEDURE p() BEGIN DECLARE c CONDITION FOR SQLSTATE '00000'; END").code(),
            1407);
}

TEST(ParserMultiTest, ParametersAreNumberedInOrder) {
  auto select = Parse<SelectStatement>("SELECT ? FROM t WHERE a = ? LIMIT ?");
  EXPECT_EQ(select->items[0].expr->param_index, 0u);
  EXPECT_EQ(select->where->args[1]->param_index, 1u);
  EXPECT_EQ(select->limit->param_index, 2u);
}

TEST(ParserMultiTest, CopiesKeepTheirParametersNumbers) {
  // The WHERE alone, printed and read back, names the second and third parameters.
  auto select = Parse<SelectStatement>("SELECT ? FROM t WHERE a = ? AND b BETWEEN ? AND 5");
  std::string text = ToSqlNumberingParameters(*select->where);
  EXPECT_EQ(text, "((`a` = ?1) AND (`b` BETWEEN ?2 AND 5))");
  ParserOptions options;
  options.numbered_parameters = true;
  auto copy = Parse<SelectStatement>("SELECT " + text, options);
  const sql::Expr& where = *copy->items[0].expr;
  EXPECT_EQ(where.args[0]->args[1]->param_index, 1u);
  EXPECT_EQ(where.args[1]->args[1]->param_index, 2u);
  // Without the option the same text does not parse: `?1` is no MySQL.
  EXPECT_EQ(Error("SELECT " + text).code(), 1064);
  EXPECT_EQ(ToSql(*select->where), "((`a` = ?) AND (`b` BETWEEN ? AND 5))");
}

// Without multi-statements, a second statement is a syntax error at its first token, empty
// statements before it skipped (this once looped for ever on ";;x").
TEST(ParserSecondStatementTest, ReportedAtItsFirstToken) {
  EXPECT_EQ(Error("SELECT 1;x").message(), Near("x"));
  EXPECT_EQ(Error("SELECT 1;;x").message(), Near("x"));
  EXPECT_EQ(Error("DO 1; ; ;1").message(), Near("1"));
  EXPECT_TRUE(ParseOne("SELECT 1;;;").ok());
}

// An INSERT's rows of plain literals, read ahead as the statement is lexed, make the same
// tree as the parse does; rows of anything else stop the reading there, and errors are
// reported where the parse reports them.
TEST(ParserInsertTest, LiteralRowsReadAheadMakeTheParsersTree) {
  ParserOptions parsed_only;
  parsed_only.literal_rows_ahead = false;
  for (std::string_view sql : {
           "INSERT INTO t VALUES (1, 'a', NULL), (-2.5, 'b''c', TRUE), (1e3, \"d\", FALSE)",
           "INSERT INTO t (a, b) VALUE (1, 2) , (3, /* comment */ 4) ON DUPLICATE KEY UPDATE a = VALUES(a)",
           "REPLACE t VALUES (1), (2), (1 + 2), (3), (_utf8mb4'x'), ('a' 'b'), (?), (DEFAULT)",
           "INSERT INTO t VALUES (-'a'), (1)",
           "INSERT INTO t VALUES (), (1)",
           "INSERT INTO t VALUES (1), (2) AS new ON DUPLICATE KEY UPDATE a = new.a",
           "INSERT INTO t SET a = 1 ON DUPLICATE KEY UPDATE a = VALUES(a)",
           "INSERT INTO t VALUES (1, 'x')/*!40000 , (2, 'y') */, (3, 'z');",
           "insert into t values (0x41, X'42', b'1', N'n', 1.5e-3, -0, - 7)",
       }) {
    Result<StatementPtr> ahead = ParseOne(sql);
    Result<StatementPtr> parsed = ParseOne(sql, parsed_only);
    ASSERT_TRUE(parsed.ok()) << sql << ": " << parsed.status().ToString();
    ASSERT_TRUE(ahead.ok()) << sql << ": " << ahead.status().ToString();
    EXPECT_TRUE(Equals(**ahead, **parsed)) << sql << "\n" << ToSql(**ahead) << "\n" << ToSql(**parsed);
  }
  for (std::string_view sql : {"INSERT INTO t VALUES (1) (2)", "INSERT INTO t VALUES (1), (2",
                               "INSERT INTO t VALUES (1, 'unterminated)", "INSERT INTO t VALUES (1),",
                               "INSERT INTO t VALUES (1)\n, (2 3)"}) {
    Result<StatementPtr> ahead = ParseOne(sql);
    Result<StatementPtr> parsed = ParseOne(sql, parsed_only);
    ASSERT_FALSE(parsed.ok()) << sql;
    ASSERT_FALSE(ahead.ok()) << sql;
    EXPECT_EQ(ahead.status().message(), parsed.status().message()) << sql;
  }
}

}  // namespace
}  // namespace porpoise::sql
