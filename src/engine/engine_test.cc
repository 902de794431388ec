// Engine tests: a temporary data directory, statements through Session::ComQuery, results,
// column metadata and error codes checked as a MySQL client would see them. (engine/)
#include "engine/engine.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "common/stack.h"
#include "engine/session.h"
#include "engine/sqlite_functions.h"
#include "engine/translator.h"
#include "sql/parser.h"
#include "engine/variables.h"
#include "storage/database.h"

namespace porpoise::engine {
namespace {

// One statement's outcome as the sink saw it.
struct Outcome {
  bool is_error = false;
  bool is_result_set = false;
  Status status;
  OkResult ok;
  std::vector<ColumnInfo> columns;
  std::vector<std::vector<std::string>> rows;  // NULL as "NULL"
  bool more = false;
};

class CollectingSink : public ResultSink {
 public:
  void SendOk(const OkResult& result, bool more) override {
    Outcome outcome;
    outcome.ok = result;
    outcome.more = more;
    outcomes.push_back(outcome);
  }
  void SendError(const Status& status) override {
    Outcome outcome;
    outcome.is_error = true;
    outcome.status = status;
    outcomes.push_back(outcome);
  }
  void SendResultSetHeader(std::span<const ColumnInfo> columns) override {
    Outcome outcome;
    outcome.is_result_set = true;
    outcome.columns.assign(columns.begin(), columns.end());
    outcomes.push_back(outcome);
  }
  bool SendRow(std::span<const FieldValue> values) override {
    std::vector<std::string> row;
    std::string buffer;
    for (const FieldValue& value : values) {
      std::optional<std::string_view> text = FieldText(value, &buffer);
      row.push_back(text ? std::string(*text) : "NULL");
    }
    outcomes.back().rows.push_back(std::move(row));
    return true;
  }
  void SendResultSetEnd(bool more) override { outcomes.back().more = more; }

  std::vector<Outcome> outcomes;
};

using Rows = std::vector<std::vector<std::string>>;

class EngineTest : public ::testing::Test {
 protected:
  void DeeplyNestedExpressions();
  void SetUp() override {
    char pattern[] = "/tmp/porpoise-engine-test-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    root_ = pattern;
    datadir_ = root_ + "/data";
    Status status = Engine::InitializeDataDirectory(datadir_, false);
    ASSERT_TRUE(status.ok()) << status.ToString();
    OpenEngine();
    session_ = Connect("root", "localhost");
  }

  void TearDown() override {
    session_.reset();
    other_.reset();
    engine_.reset();
    std::error_code error;
    std::filesystem::remove_all(root_, error);
  }

  void OpenEngine() {
    EngineOptions options;
    options.datadir = datadir_;
    options.globals = &globals_;
    Result<std::unique_ptr<Engine>> engine = Engine::Open(options);
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    engine_ = std::move(engine).value();
  }

  std::unique_ptr<Session> Connect(const std::string& user, const std::string& host,
                                   const std::string& database = "", bool multi_results = true) {
    Engine::SessionContext context;
    context.multi_results = multi_results;
    context.connection_id = ++next_id_;
    context.principal = Principal{user, host == "%" ? "127.0.0.1" : host, user, host};
    context.database = database;
    Result<std::unique_ptr<Session>> session = engine_->OpenSession(context);
    EXPECT_TRUE(session.ok()) << session.status().ToString();
    return session.ok() ? std::move(session).value() : nullptr;
  }

  std::vector<Outcome> Run(const std::string& sql, Session* session = nullptr, bool multi = true) {
    CollectingSink sink;
    (session != nullptr ? session : session_.get())->ComQuery(sql, multi, sink);
    return sink.outcomes;
  }

  // Runs one statement that must succeed; returns its rows (empty for OK results).
  Rows Query(const std::string& sql, Session* session = nullptr) {
    std::vector<Outcome> outcomes = Run(sql, session);
    EXPECT_EQ(outcomes.size(), 1u) << sql;
    if (outcomes.empty()) return {};
    EXPECT_FALSE(outcomes[0].is_error) << sql << ": " << outcomes[0].status.ToString();
    return outcomes[0].rows;
  }

  OkResult Exec(const std::string& sql, Session* session = nullptr) {
    std::vector<Outcome> outcomes = Run(sql, session);
    EXPECT_EQ(outcomes.size(), 1u) << sql;
    if (outcomes.empty()) return {};
    EXPECT_FALSE(outcomes[0].is_error) << sql << ": " << outcomes[0].status.ToString();
    return outcomes[0].ok;
  }

  // The CREATE TABLE text SHOW CREATE TABLE gives for `table` ("" when it gives no row).
  std::string ShowCreate(const std::string& table) {
    Rows rows = Query("SHOW CREATE TABLE " + table);
    return rows.size() == 1 && rows[0].size() == 2 ? rows[0][1] : std::string();
  }

  uint16_t ErrorOf(const std::string& sql, Session* session = nullptr) {
    std::vector<Outcome> outcomes = Run(sql, session);
    if (outcomes.empty() || !outcomes.back().is_error) {
      ADD_FAILURE() << "expected an error from: " << sql;
      return 0;
    }
    return outcomes.back().status.code();
  }

  std::string root_, datadir_;
  GlobalVariables globals_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Session> session_;
  std::unique_ptr<Session> other_;
  uint32_t next_id_ = 0;
};

TEST_F(EngineTest, InitializedDirectoryHasRootWithAuthSocket) {
  EXPECT_EQ(Query("SELECT user, plugin, host FROM mysql.user"),
            (Rows{{"root", "auth_socket", "localhost"}}));
  EXPECT_FALSE(Engine::InitializeDataDirectory(datadir_, false).ok());  // not empty
}

TEST_F(EngineTest, ProcedureResultSetsNeedMultiResults) {
  Exec("CREATE DATABASE sp");
  Exec("CREATE PROCEDURE sp.listing() SELECT 1");
  Exec("CREATE PROCEDURE sp.quiet() SET @quiet = 1");
  std::unique_ptr<Session> old_client = Connect("root", "localhost", "sp", /*multi_results=*/false);
  ASSERT_NE(old_client, nullptr);
  std::vector<Outcome> refused = Run("CALL listing()", old_client.get());
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_TRUE(refused[0].is_error);
  EXPECT_EQ(refused[0].status.code(), 1312);
  EXPECT_EQ(refused[0].status.message(), "PROCEDURE sp.listing can't return a result set in the given context");
  std::vector<Outcome> quiet = Run("CALL quiet()", old_client.get());
  ASSERT_EQ(quiet.size(), 1u);
  EXPECT_FALSE(quiet[0].is_error);
  // A client that takes several results gets the SELECT's, then CALL's OK.
  std::unique_ptr<Session> client = Connect("root", "localhost", "sp");
  std::vector<Outcome> both = Run("CALL listing()", client.get());
  ASSERT_EQ(both.size(), 2u);
  EXPECT_TRUE(both[0].is_result_set);
  EXPECT_TRUE(both[0].more);
  EXPECT_FALSE(both[1].is_result_set || both[1].is_error);
}

TEST_F(EngineTest, WalkthroughCreatesUserAndGrants) {
  Exec("CREATE USER 'toluwase'@'%' IDENTIFIED WITH mysql_native_password BY 'toluwase123'");
  Exec("GRANT ALL PRIVILEGES ON *.* TO 'toluwase'@'%'");
  Exec("FLUSH PRIVILEGES");
  EXPECT_EQ(Query("SELECT user,plugin,host FROM mysql.user ORDER BY user"),
            (Rows{{"root", "auth_socket", "localhost"},
                  {"toluwase", "mysql_native_password", "%"}}));
  auto user = Connect("toluwase", "%");
  Rows databases = Query("show databases", user.get());
  EXPECT_EQ(databases, (Rows{{"information_schema"}, {"mysql"}, {"performance_schema"}}));
  Exec("CREATE DATABASE shop", user.get());
  Exec("CREATE TABLE shop.items (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(20))", user.get());
  Exec("INSERT INTO shop.items (name) VALUES ('pen'), ('ink')", user.get());
  EXPECT_EQ(Query("SELECT id, name FROM shop.items ORDER BY id", user.get()),
            (Rows{{"1", "pen"}, {"2", "ink"}}));
  // MySQL 8 spells out the global static privileges, then the dynamic ones on a line of
  // their own.
  Rows grants = Query("SHOW GRANTS", user.get());
  ASSERT_EQ(grants.size(), 2u);
  EXPECT_EQ(grants[0][0].rfind("GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, RELOAD", 0), 0u);
  EXPECT_NE(grants[0][0].find("CREATE ROLE, DROP ROLE ON *.* TO `toluwase`@`%`"), std::string::npos);
  EXPECT_EQ(grants[1][0].rfind("GRANT ALLOW_NONEXISTENT_DEFINER,APPLICATION_PASSWORD_ADMIN,", 0),
            0u);
}

TEST_F(EngineTest, CrudWithMetadata) {
  Exec("CREATE DATABASE d1");
  Exec("USE d1");
  Exec("CREATE TABLE t (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(10) NOT NULL, "
       "price DECIMAL(10,2) DEFAULT '0.00', created DATE)");
  OkResult inserted = Exec("INSERT INTO t (name, price, created) VALUES ('a', 1.5, '2024-01-02'), "
                           "('b', 2, NULL), ('c', '3.456', '2024-03-04')");
  EXPECT_EQ(inserted.affected_rows, 3u);
  EXPECT_EQ(inserted.last_insert_id, 1u);
  std::vector<Outcome> select = Run("SELECT id, name, price, created, 5/2, 1+1, 'x' FROM t WHERE id > 1");
  ASSERT_EQ(select.size(), 1u);
  ASSERT_TRUE(select[0].is_result_set);
  EXPECT_EQ(select[0].rows, (Rows{{"2", "b", "2.00", "NULL", "2.5000", "2", "x"},
                                  {"3", "c", "3.46", "2024-03-04", "2.5000", "2", "x"}}));
  const std::vector<ColumnInfo>& columns = select[0].columns;
  EXPECT_EQ(columns[0].type, FieldType::kLong);
  EXPECT_EQ(columns[0].flags & column_flag::kPrimaryKey, column_flag::kPrimaryKey);
  EXPECT_EQ(columns[0].flags & column_flag::kAutoIncrement, column_flag::kAutoIncrement);
  EXPECT_EQ(columns[0].schema, "d1");
  EXPECT_EQ(columns[0].org_table, "t");
  EXPECT_EQ(columns[1].type, FieldType::kVarString);
  EXPECT_EQ(columns[1].length, 40u);
  EXPECT_EQ(columns[1].collation, collation_id::kUtf8mb4_0900AiCi);
  EXPECT_EQ(columns[2].type, FieldType::kNewDecimal);
  EXPECT_EQ(columns[2].decimals, 2);
  EXPECT_EQ(columns[3].type, FieldType::kDate);
  EXPECT_EQ(columns[4].name, "5/2");
  EXPECT_EQ(columns[4].type, FieldType::kNewDecimal);
  EXPECT_EQ(columns[5].type, FieldType::kLongLong);

  OkResult updated = Exec("UPDATE t SET price = price + 1 WHERE name IN ('A', 'b')");
  EXPECT_EQ(updated.affected_rows, 2u);
  EXPECT_EQ(updated.info, "Rows matched: 2  Changed: 2  Warnings: 0");
  OkResult same = Exec("UPDATE t SET name = 'a' WHERE id = 1");
  EXPECT_EQ(same.info, "Rows matched: 1  Changed: 0  Warnings: 0");
  EXPECT_EQ(Query("SELECT price FROM t WHERE name = 'A'"), (Rows{{"2.50"}}));
  EXPECT_EQ(Exec("DELETE FROM t WHERE id = 3").affected_rows, 1u);
  EXPECT_EQ(Query("SELECT count(*), sum(price), max(name) FROM t"), (Rows{{"2", "5.50", "b"}}));
  // The counter survives DELETE.
  EXPECT_EQ(Exec("INSERT INTO t (name) VALUES ('d')").last_insert_id, 4u);
  EXPECT_EQ(Query("SELECT LAST_INSERT_ID()"), (Rows{{"4"}}));
}

TEST_F(EngineTest, DataSurvivesReopen) {
  Exec("CREATE DATABASE keep");
  Exec("CREATE TABLE keep.notes (id BIGINT UNSIGNED PRIMARY KEY, body TEXT, UNIQUE KEY uk (id, body(10)))");
  Exec("INSERT INTO keep.notes VALUES (7, 'hello')");
  session_.reset();
  engine_.reset();
  OpenEngine();
  session_ = Connect("root", "localhost", "keep");
  EXPECT_EQ(Query("SELECT id, body FROM notes"), (Rows{{"7", "hello"}}));
  EXPECT_EQ(ShowCreate("notes"),
            "CREATE TABLE `notes` (\n"
            "  `id` bigint unsigned NOT NULL,\n"
            "  `body` text,\n"
            "  PRIMARY KEY (`id`),\n"
            "  UNIQUE KEY `uk` (`id`,`body`(10))\n"
            ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci");
}

TEST_F(EngineTest, StrictModeErrors) {
  Exec("CREATE DATABASE s");
  Exec("USE s");
  Exec("CREATE TABLE t (a INT NOT NULL, b VARCHAR(3), c TINYINT, d INT NOT NULL DEFAULT 5, "
       "PRIMARY KEY (a))");
  EXPECT_EQ(ErrorOf("INSERT INTO t (a) VALUES (NULL)"), ER_BAD_NULL_ERROR);
  EXPECT_EQ(ErrorOf("INSERT INTO t (b) VALUES ('x')"), ER_NO_DEFAULT_FOR_FIELD);
  EXPECT_EQ(ErrorOf("INSERT INTO t (a, b) VALUES (1, 'toolong')"), ER_DATA_TOO_LONG);
  EXPECT_EQ(ErrorOf("INSERT INTO t (a, c) VALUES (1, 300)"), ER_WARN_DATA_OUT_OF_RANGE);
  EXPECT_EQ(ErrorOf("INSERT INTO t (a) VALUES ('abc')"), ER_TRUNCATED_WRONG_VALUE_FOR_FIELD);
  EXPECT_EQ(ErrorOf("INSERT INTO t (a) VALUES (1, 2)"), ER_WRONG_VALUE_COUNT_ON_ROW);
  Exec("INSERT INTO t (a) VALUES (1)");
  std::vector<Outcome> duplicate = Run("INSERT INTO t (a) VALUES (1)");
  ASSERT_TRUE(duplicate.back().is_error);
  EXPECT_EQ(duplicate.back().status.code(), ER_DUP_ENTRY);
  EXPECT_EQ(duplicate.back().status.message(), "Duplicate entry '1' for key 't.PRIMARY'");
  EXPECT_EQ(Query("SELECT a, d FROM t"), (Rows{{"1", "5"}}));
  // A failing multi-row insert leaves nothing behind.
  EXPECT_EQ(ErrorOf("INSERT INTO t (a, c) VALUES (2, 1), (3, 1000)"), ER_WARN_DATA_OUT_OF_RANGE);
  EXPECT_EQ(Query("SELECT count(*) FROM t"), (Rows{{"1"}}));
  // Non-strict: adjusted with warnings.
  Exec("SET sql_mode = ''");
  Exec("INSERT INTO t (a, b, c) VALUES (2, 'abcdef', 1000)");
  EXPECT_EQ(session_->WarningCount(), 2);
  EXPECT_EQ(Query("SHOW COUNT(*) WARNINGS"), (Rows{{"2"}}));
  EXPECT_EQ(Query("SHOW WARNINGS"),
            (Rows{{"Warning", "1265", "Data truncated for column 'b' at row 1"},
                  {"Warning", "1264", "Out of range value for column 'c' at row 1"}}));
  EXPECT_EQ(Query("SELECT b, c FROM t WHERE a = 2"), (Rows{{"abc", "127"}}));
}

TEST_F(EngineTest, ErrorCodes) {
  EXPECT_EQ(ErrorOf("USE nope"), ER_BAD_DB_ERROR);
  EXPECT_EQ(ErrorOf("SELECT * FROM t"), ER_NO_DB_ERROR);
  EXPECT_EQ(ErrorOf("SELECT * FROM mysql.nope"), ER_NO_SUCH_TABLE);
  EXPECT_EQ(ErrorOf("SELECT nope FROM mysql.user"), ER_BAD_FIELD_ERROR);
  EXPECT_EQ(ErrorOf("SELEC 1"), ER_PARSE_ERROR);
  EXPECT_EQ(ErrorOf("CREATE DATABASE mysql"), ER_DB_CREATE_EXISTS);
  EXPECT_EQ(ErrorOf("DROP DATABASE nope"), ER_DB_DROP_EXISTS);
  Exec("CREATE DATABASE e");
  EXPECT_EQ(ErrorOf("CREATE TABLE e.t (a INT, a INT)"), ER_DUP_FIELDNAME);
  EXPECT_EQ(ErrorOf("CREATE TABLE e.t (a INT PRIMARY KEY, b INT, PRIMARY KEY (b))"), ER_MULTIPLE_PRI_KEY);
  EXPECT_EQ(ErrorOf("CREATE TABLE e.t (a INT AUTO_INCREMENT)"), ER_WRONG_AUTO_KEY);
  Exec("CREATE TABLE e.t (a INT)");
  EXPECT_EQ(ErrorOf("CREATE TABLE e.t (a INT)"), ER_TABLE_EXISTS_ERROR);
  std::vector<Outcome> drop = Run("DROP TABLE e.t, e.missing");
  ASSERT_TRUE(drop.back().is_error);
  EXPECT_EQ(drop.back().status.message(), "Unknown table 'e.missing'");
  Exec("DROP TABLE IF EXISTS e.missing");
  EXPECT_EQ(Query("SHOW WARNINGS"), (Rows{{"Note", "1051", "Unknown table 'e.missing'"}}));
}

// SQLite's plan for `SELECT id FROM d.ix WHERE <condition>` as the translator emits it.
std::string QueryPlan(Engine& engine, const std::string& datadir, const std::string& condition) {
  Result<std::unique_ptr<storage::Database>> db =
      storage::Database::Open(datadir + "/porpoise.db", storage::OpenOptions{});
  if (!db.ok()) return db.status().ToString();
  FunctionHost host;
  if (!RegisterSqliteFunctions(db.value()->handle(), &host).ok()) return "no functions";
  TranslatorContext context;
  context.catalog = engine.catalog().Current();
  context.current_database = "d";
  Result<sql::StatementPtr> parsed = sql::ParseOne("SELECT id FROM ix WHERE " + condition);
  if (!parsed.ok()) return parsed.status().ToString();
  Translator translator(context);
  Result<TranslatedSelect> translated =
      translator.TranslateSelect(static_cast<const sql::SelectStatement&>(*parsed.value()));
  if (!translated.ok()) return translated.status().ToString();
  Result<storage::Statement> plan = db.value()->Prepare(
      "EXPLAIN QUERY PLAN " + context.WithClause() + translated->sql);
  if (!plan.ok()) return plan.status().ToString();
  for (size_t i = 0; i < context.parameters.size(); ++i) {
    if (!BindValue(plan.value(), static_cast<int>(i) + 1, context.parameters[i]).ok()) return "bind";
  }
  std::string details;
  while (true) {
    Result<bool> row = plan->Step();
    if (!row.ok() || !row.value()) break;
    details += std::string(plan->ColumnText(3)) + "; ";
  }
  return details;
}

// Every type's physical form and every collation keeps a WHERE on an indexed column an index
// search (the literal is converted at translation time, never the column).
TEST_F(EngineTest, IndexedWhereOnEveryTypeUsesTheIndex) {
  Exec("CREATE DATABASE d");
  Exec("CREATE TABLE d.ix (id INT PRIMARY KEY, dc DECIMAL(20,4), wide DECIMAL(40,10), "
       "u BIGINT UNSIGNED, s VARCHAR(20), b VARCHAR(20) COLLATE utf8mb4_bin, "
       "g VARCHAR(20) COLLATE utf8mb4_general_ci, l VARCHAR(20) CHARACTER SET latin1, "
       "dt DATE, f DOUBLE, ts DATETIME(3), tm TIME, KEY (dc), KEY (wide), KEY (u), KEY (s), "
       "KEY (b), KEY (g), KEY (l), KEY (dt), KEY (f), KEY (ts), KEY (tm))");
  for (const char* condition :
       {"id = 5", "dc = 1.5", "dc > 2.25", "dc BETWEEN 1 AND 2", "wide = 12345678901234567890.5",
        "u = 18446744073709551615", "u > 5", "s = 'abc'", "s > 'a'", "b = 'abc'", "g = 'abc'",
        "l = 'abc'", "dt = '2020-01-01'", "f = 1.5", "dc IN (1.5, 2.5)", "id = '5'",
        "id > '5'", "u = '18446744073709551615'", "id = 5.0", "dt > '2020-1-1'",
        "dt = 20200101", "ts = '2020-01-01 10:00:00'", "ts < '2020-01-01'", "tm = '10:00'",
        "tm < '-01:00:00'", "tm BETWEEN '01:00:00' AND '100:00:00'"}) {
    std::string plan = QueryPlan(*engine_, datadir_, condition);
    EXPECT_NE(plan.find("USING"), std::string::npos) << condition << ": " << plan;
    EXPECT_EQ(plan.find("SCAN"), std::string::npos) << condition << ": " << plan;
  }
}

TEST_F(EngineTest, DeepExpressionsAreAnErrorNotAStackOverflow) {
  // A chain of + is a left-deep tree the translator recurses into once per operator: past
  // what the thread's stack holds, 1436.
  std::string chain = "SELECT 1";
  for (int index = 0; index < 60000; ++index) chain += "+1";
  EXPECT_EQ(ErrorOf(chain), 1436);
  EXPECT_EQ(Query("SELECT 1+1+1"), (Rows{{"3"}}));
}

// `open` x depth, `inner`, `close` x depth.
std::string Nested(const std::string& open, const std::string& inner, const std::string& close,
                   int depth) {
  std::string text;
  for (int i = 0; i < depth; ++i) text += open;
  text += inner;
  for (int i = 0; i < depth; ++i) text += close;
  return text;
}

// On a connection thread's stack (64 MiB, as porpoised gives them).
TEST_F(EngineTest, DeeplyNestedExpressionsRun) {
  RunWithStack(64u << 20, [&] { DeeplyNestedExpressions(); });
}

void EngineTest::DeeplyNestedExpressions() {
  Exec("CREATE DATABASE deep");
  Exec("CREATE TABLE deep.t (a INT, b VARCHAR(10))");
  Exec("INSERT INTO deep.t VALUES (1, 'x'), (2, 'y')");
  EXPECT_EQ(Query("SELECT " + Nested("ABS(", "-1", ")", 300)), (Rows{{"1"}}));
  EXPECT_EQ(Query("SELECT " + Nested("(1 + ", "1", ")", 300)), (Rows{{"301"}}));
  EXPECT_EQ(Query("SELECT a, " + Nested("ABS(", "a", ")", 200) + " FROM deep.t WHERE " +
                  Nested("(0 + ", "a", ")", 200) + " > 1 ORDER BY " + Nested("-(", "a", ")", 201)),
            (Rows{{"2", "2"}}));
  EXPECT_EQ(Query("SELECT " + Nested("CASE WHEN a > 0 THEN ", "b", " END", 100) +
                  " FROM deep.t ORDER BY a"),
            (Rows{{"x"}, {"y"}}));
  EXPECT_EQ(Query("SELECT SUM(" + Nested("ABS(", "a", ")", 100) + ") + " +
                  Nested("ABS(", "COUNT(*)", ")", 100) + " FROM deep.t"),
            (Rows{{"5"}}));
  // An error deep inside is the flat expression's.
  EXPECT_EQ(ErrorOf("SELECT " + Nested("(9223372036854775800 + ", "a", ")", 100) +
                    " FROM deep.t"),
            ER_DATA_OUT_OF_RANGE);
}

// The SQL of `SELECT <expr> FROM ix`, its sub-statements and its parameters: their total size.
size_t EmittedSize(Engine& engine, const std::string& expr) {
  TranslatorContext context;
  context.catalog = engine.catalog().Current();
  context.current_database = "d";
  Result<sql::StatementPtr> parsed = sql::ParseOne("SELECT " + expr + " FROM ix");
  if (!parsed.ok()) return 0;
  Translator translator(context);
  Result<TranslatedSelect> translated =
      translator.TranslateSelect(static_cast<const sql::SelectStatement&>(*parsed.value()));
  if (!translated.ok()) return 0;
  size_t size = translated->sql.size();
  for (const SubStatement& sub : context.sub_statements) size += sub.sql.size();
  for (const Value& value : context.parameters) size += value.bytes.size() + 8;
  return size;
}

TEST_F(EngineTest, EmittedSqlGrowsLinearlyWithNesting) {
  Exec("CREATE DATABASE d");
  Exec("CREATE TABLE d.ix (id INT PRIMARY KEY, s VARCHAR(20), dc DECIMAL(20,4))");
  for (const auto& [open, inner, close] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"ABS(", "id", ")"},
           {"(id + ", "dc", ")"},
           {"CASE WHEN id > 0 THEN ", "s", " END"},
           {"STRCMP(", "s", ", 'b')"},
           {"NULLIF(", "id", ", 0)"}}) {
    size_t small = EmittedSize(*engine_, Nested(open, inner, close, 200));
    size_t large = EmittedSize(*engine_, Nested(open, inner, close, 400));
    ASSERT_GT(small, 0u) << open;
    EXPECT_LT(large, small * 5 / 2) << open << ": " << small << " -> " << large;
  }
}

TEST_F(EngineTest, LongAndOrChainsRun) {
  // ORMs write `id=1 OR id=2 OR ...` by the thousand: such chains must neither hit the stack
  // guard nor SQLite's expression-depth and parser-stack limits.
  Exec("CREATE DATABASE chains");
  Exec("CREATE TABLE chains.t (id INT PRIMARY KEY)");
  Exec("INSERT INTO chains.t VALUES (1), (2), (3)");
  std::string any = "SELECT COUNT(*) FROM chains.t WHERE id = 0";
  std::string all = "SELECT COUNT(*) FROM chains.t WHERE id <> 1000";
  for (int index = 1; index < 3000; ++index) {
    any += " OR id = " + std::to_string(index);
    all += " AND id <> " + std::to_string(1000 + index);
  }
  EXPECT_EQ(Query(any), (Rows{{"3"}}));
  EXPECT_EQ(Query(all), (Rows{{"3"}}));
  EXPECT_EQ(Query("SELECT 1 OR 0 AND 0, NULL OR 1, NULL AND 0, 0 OR NULL, 1 AND 2 AND NULL"),
            (Rows{{"1", "1", "0", "NULL", "NULL"}}));
}

TEST_F(EngineTest, PrivilegesAreCheckedOnEveryStatement) {
  Exec("CREATE DATABASE secret");
  Exec("CREATE TABLE secret.t (a INT)");
  Exec("CREATE USER 'guest'@'%' IDENTIFIED BY 'pw'");
  auto guest = Connect("guest", "%");
  EXPECT_EQ(Query("SHOW DATABASES", guest.get()), (Rows{{"information_schema"}, {"performance_schema"}}));
  EXPECT_EQ(ErrorOf("USE secret", guest.get()), ER_DBACCESS_DENIED_ERROR);
  EXPECT_EQ(ErrorOf("SELECT * FROM secret.t", guest.get()), ER_TABLEACCESS_DENIED_ERROR);
  EXPECT_EQ(ErrorOf("INSERT INTO secret.t VALUES (1)", guest.get()), ER_TABLEACCESS_DENIED_ERROR);
  EXPECT_EQ(ErrorOf("CREATE DATABASE mine", guest.get()), ER_DBACCESS_DENIED_ERROR);
  EXPECT_EQ(ErrorOf("SELECT user FROM mysql.user", guest.get()), ER_TABLEACCESS_DENIED_ERROR);
  EXPECT_EQ(ErrorOf("SET GLOBAL max_connections = 10", guest.get()), ER_SPECIFIC_ACCESS_DENIED_ERROR);
  Exec("GRANT SELECT ON secret.* TO 'guest'@'%'");
  EXPECT_EQ(Query("SELECT count(*) FROM secret.t", guest.get()), (Rows{{"0"}}));
  EXPECT_EQ(ErrorOf("DELETE FROM secret.t", guest.get()), ER_TABLEACCESS_DENIED_ERROR);
  Engine::SessionContext context;
  context.principal = Principal{"guest", "127.0.0.1", "guest", "%"};
  context.database = "mysql";
  EXPECT_EQ(engine_->OpenSession(context).status().code(), ER_DBACCESS_DENIED_ERROR);
  context.database = "nope";  // no privileges there: access is refused before existence
  EXPECT_EQ(engine_->OpenSession(context).status().code(), ER_DBACCESS_DENIED_ERROR);
  context.principal = Principal{"root", "localhost", "root", "localhost"};
  EXPECT_EQ(engine_->OpenSession(context).status().code(), ER_BAD_DB_ERROR);
}

// Columns of a latin1 table hold latin1 unless they say otherwise; SHOW CREATE TABLE names a
// column's character set and collation where they are not the table's.
TEST_F(EngineTest, ColumnsTakeTheTablesCharacterSet) {
  Exec("CREATE DATABASE d");
  Exec("CREATE TABLE d.t (a VARCHAR(5), b VARCHAR(5) COLLATE utf8mb4_bin, e CHAR(2) BINARY, "
       "f VARCHAR(3) CHARACTER SET utf8mb4) DEFAULT CHARSET=latin1");
  EXPECT_EQ(ShowCreate("d.t"),
            "CREATE TABLE `t` (\n"
            "  `a` varchar(5) DEFAULT NULL,\n"
            "  `b` varchar(5) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL,\n"
            "  `e` char(2) COLLATE latin1_bin DEFAULT NULL,\n"
            "  `f` varchar(3) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci DEFAULT NULL\n"
            ") ENGINE=InnoDB DEFAULT CHARSET=latin1");
}

// A multi-table DELETE names its targets in the current database unless they are
// qualified, aliases too (1046 without one), and never in information_schema (1044).
TEST_F(EngineTest, MultiDeleteTargetsNeedADatabase) {
  Exec("CREATE DATABASE d");
  Exec("CREATE TABLE d.t (k INT)");
  Exec("CREATE TABLE d.u (k INT)");
  Exec("INSERT INTO d.t VALUES (1), (2)");
  Exec("INSERT INTO d.u VALUES (1)");
  EXPECT_EQ(ErrorOf("DELETE t FROM d.t JOIN d.u ON t.k = u.k"), ER_NO_DB_ERROR);
  EXPECT_EQ(ErrorOf("DELETE a FROM d.t AS a JOIN d.u AS b ON a.k = b.k"), ER_NO_DB_ERROR);
  EXPECT_EQ(ErrorOf("DELETE information_schema.SCHEMATA FROM d.t JOIN d.u ON t.k = u.k"),
            ER_DBACCESS_DENIED_ERROR);
  Exec("USE information_schema");
  EXPECT_EQ(ErrorOf("DELETE a FROM d.t AS a JOIN d.u AS b ON a.k = b.k"), ER_DBACCESS_DENIED_ERROR);
  Exec("DELETE d.a FROM d.t AS a JOIN d.u AS b ON a.k = b.k");
  EXPECT_EQ(Query("SELECT k FROM d.t"), (Rows{{"2"}}));
}

// ONLY_FULL_GROUP_BY's 1055 numbers an expression counting the columns a * stands for.
TEST_F(EngineTest, FullGroupByCountsStarColumns) {
  Exec("CREATE DATABASE d");
  Exec("CREATE TABLE d.p (id INT PRIMARY KEY, title VARCHAR(10))");
  Exec("CREATE TABLE d.c (id INT PRIMARY KEY, post_id INT)");
  std::vector<Outcome> outcomes = Run("SELECT * FROM d.p LEFT JOIN d.c ON p.id = c.post_id GROUP BY p.id");
  ASSERT_FALSE(outcomes.empty());
  ASSERT_TRUE(outcomes.back().is_error);
  EXPECT_EQ(outcomes.back().status.code(), ER_WRONG_FIELD_WITH_GROUP);
  EXPECT_NE(outcomes.back().status.message().find("Expression #3 of SELECT list"), std::string::npos)
      << outcomes.back().status.message();
  EXPECT_NE(outcomes.back().status.message().find("'d.c.id'"), std::string::npos);
}

// DEFAULT (literal) is an expression default: allowed for TEXT and BLOB, kept as an expression
// across a restart and by SHOW CREATE TABLE.
TEST_F(EngineTest, ParenthesizedDefaultsStayExpressions) {
  Exec("CREATE DATABASE d");
  EXPECT_EQ(ErrorOf("CREATE TABLE d.t (a TEXT DEFAULT 'x')"), ER_BLOB_CANT_HAVE_DEFAULT);
  Exec("CREATE TABLE d.t (id INT, a TEXT DEFAULT ('x'), b BLOB DEFAULT (X'41'), c INT DEFAULT (5))");
  session_.reset();
  engine_.reset();
  OpenEngine();
  session_ = Connect("root", "localhost", "d");
  Exec("INSERT INTO t (id) VALUES (1)");
  EXPECT_EQ(Query("SELECT id, a, HEX(b), c FROM t"), (Rows{{"1", "x", "41", "5"}}));
  EXPECT_EQ(ShowCreate("t"),
            "CREATE TABLE `t` (\n"
            "  `id` int DEFAULT NULL,\n"
            "  `a` text DEFAULT (_utf8mb4'x'),\n"
            "  `b` blob DEFAULT (0x41),\n"
            "  `c` int DEFAULT (5)\n"
            ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci");
}

// A DEFAULT expression runs for whoever inserts, so it may read no table: CREATE TABLE
// refuses a subquery in one, and a stored definition holding one (written before that check)
// is refused when its default is needed, instead of reading with the inserter's rights.
TEST_F(EngineTest, DefaultExpressionsReadNoTables) {
  Exec("CREATE DATABASE d");
  Exec("CREATE TABLE d.secret (v INT)");
  Exec("INSERT INTO d.secret VALUES (42)");
  EXPECT_EQ(ErrorOf("CREATE TABLE d.t (id INT, b INT DEFAULT ((SELECT MAX(v) FROM d.secret)))"),
            ER_DEFAULT_VAL_GENERATED_FUNCTION_IS_NOT_ALLOWED);
  Exec("CREATE TABLE d.t (id INT, b INT DEFAULT (ABS(4242)))");
  session_.reset();
  engine_.reset();
  {
    Result<std::unique_ptr<storage::Database>> db =
        storage::Database::Open(datadir_ + "/porpoise.db", storage::OpenOptions());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    Status planted = db.value()->Execute(
        "UPDATE porpoise_tables SET create_sql = "
        "replace(create_sql, '4242', '(SELECT MAX(v) FROM d.secret)') WHERE name = 't'");
    ASSERT_TRUE(planted.ok()) << planted.ToString();
  }
  OpenEngine();
  session_ = Connect("root", "localhost");
  EXPECT_EQ(ErrorOf("INSERT INTO d.t (id) VALUES (1)"),
            ER_DEFAULT_VAL_GENERATED_FUNCTION_IS_NOT_ALLOWED);
  Exec("INSERT INTO d.t VALUES (2, 3)");  // a value given: the default is not computed
  EXPECT_EQ(Query("SELECT id, b FROM d.t"), (Rows{{"2", "3"}}));
}

TEST_F(EngineTest, MultiStatementsStopAtFirstError) {
  std::vector<Outcome> outcomes = Run("SELECT 1; SELECT 2; SELECT nope; SELECT 4");
  ASSERT_EQ(outcomes.size(), 3u);
  EXPECT_TRUE(outcomes[0].more);
  EXPECT_EQ(outcomes[1].rows, (Rows{{"2"}}));
  EXPECT_TRUE(outcomes[2].is_error);
  std::vector<Outcome> single = Run("SELECT 1; SELECT 2", nullptr, false);
  ASSERT_EQ(single.size(), 1u);
  EXPECT_EQ(single[0].status.code(), ER_PARSE_ERROR);
}

TEST_F(EngineTest, ConnectorProbes) {
  EXPECT_EQ(Query("SELECT @@version_comment LIMIT 1").size(), 1u);
  EXPECT_EQ(Query("SELECT @@session.transaction_isolation"), (Rows{{"REPEATABLE-READ"}}));
  // MySQL 8.4 removed tx_isolation and the query cache's variables.
  EXPECT_EQ(ErrorOf("SELECT @@tx_isolation"), ER_UNKNOWN_SYSTEM_VARIABLE);
  std::vector<Outcome> packet = Run("SELECT @@max_allowed_packet");
  ASSERT_EQ(packet.size(), 1u);
  EXPECT_EQ(packet[0].columns[0].name, "@@max_allowed_packet");
  EXPECT_EQ(packet[0].columns[0].type, FieldType::kLongLong);
  EXPECT_EQ(ErrorOf("SELECT @@query_cache_size"), ER_UNKNOWN_SYSTEM_VARIABLE);
  EXPECT_EQ(Query("SELECT @@autocommit"), (Rows{{"1"}}));
  Exec("SET NAMES utf8mb4");
  EXPECT_EQ(Query("SELECT @@character_set_client, @@collation_connection"),
            (Rows{{"utf8mb4", "utf8mb4_0900_ai_ci"}}));
  Rows mode = Query("SHOW VARIABLES LIKE 'sql_mode'");
  ASSERT_EQ(mode.size(), 1u);
  EXPECT_EQ(mode[0][0], "sql_mode");
  EXPECT_EQ(Query("SELECT DATABASE(), USER(), CURRENT_USER(), CONNECTION_ID()"),
            (Rows{{"NULL", "root@localhost", "root@localhost", "1"}}));
  Exec("SET @x = 5, SESSION autocommit = 0");
  EXPECT_EQ(Query("SELECT @x + 1, @@autocommit"), (Rows{{"6", "0"}}));
  EXPECT_EQ(ErrorOf("SELECT @@nope"), ER_UNKNOWN_SYSTEM_VARIABLE);
}

TEST_F(EngineTest, ExpressionsBehaveLikeMysql) {
  EXPECT_EQ(Query("SELECT 'abc' = 'ABC', 1 || 0, 7 DIV 2, 7 % 3, CONCAT('a', 1, NULL), "
                  "CONCAT_WS('-', 'a', NULL, 'b'), IFNULL(NULL, 'x'), IF(1 > 2, 'y', 'n')"),
            (Rows{{"1", "1", "3", "1", "NULL", "a-b", "x", "n"}}));
  EXPECT_EQ(Query("SELECT UPPER('straße'), LENGTH('é'), CHAR_LENGTH('é'), SUBSTRING('hello', 2, 3), "
                  "TRIM('  x  '), ROUND(2.5), ROUND(1.2345, 2), FLOOR(-1.5), GREATEST(1, 3, 2)"),
            (Rows{{"STRAßE", "2", "1", "ell", "x", "3", "1.23", "-2", "3"}}));
}

TEST_F(EngineTest, TransactionsRollBack) {
  Exec("CREATE DATABASE tx");
  Exec("CREATE TABLE tx.t (a INT)");
  Exec("BEGIN");
  Exec("INSERT INTO tx.t VALUES (1)");
  EXPECT_NE(session_->ServerStatus() & server_status::kInTransaction, 0);
  Exec("ROLLBACK");
  EXPECT_EQ(Query("SELECT count(*) FROM tx.t"), (Rows{{"0"}}));
  Exec("SET autocommit = 0");
  Exec("INSERT INTO tx.t VALUES (2)");
  Exec("CREATE TABLE tx.u (a INT)");  // implicit commit
  Exec("ROLLBACK");
  EXPECT_EQ(Query("SELECT a FROM tx.t"), (Rows{{"2"}}));
}

TEST_F(EngineTest, ShowAndInformationSchema) {
  Exec("CREATE DATABASE inf");
  Exec("CREATE TABLE inf.t (id INT PRIMARY KEY, name VARCHAR(5) DEFAULT 'x')");
  EXPECT_EQ(Query("SHOW TABLES FROM inf"), (Rows{{"t"}}));
  EXPECT_EQ(Query("SHOW COLUMNS FROM inf.t"),
            (Rows{{"id", "int", "NO", "PRI", "NULL", ""}, {"name", "varchar(5)", "YES", "", "x", ""}}));
  EXPECT_EQ(Query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'inf'"),
            (Rows{{"t"}}));
  EXPECT_EQ(Query("SELECT column_name, data_type FROM information_schema.columns "
                  "WHERE table_schema = 'inf' ORDER BY ordinal_position"),
            (Rows{{"id", "int"}, {"name", "varchar"}}));
  EXPECT_EQ(Query("SELECT schema_name FROM information_schema.schemata ORDER BY 1"),
            (Rows{{"inf"}, {"information_schema"}, {"mysql"}, {"performance_schema"}}));
}

TEST_F(EngineTest, PooledConnectionsStartClean) {
  Exec("CREATE DATABASE pool");
  Exec("CREATE TABLE pool.t (a INT)");
  Exec("CREATE USER 'narrow'@'localhost'");
  Exec("GRANT SELECT ON pool.* TO 'narrow'@'localhost'");
  other_ = Connect("root", "localhost");
  Exec("BEGIN", other_.get());
  Exec("INSERT INTO pool.t VALUES (1)", other_.get());
  EXPECT_EQ(Query("SELECT count(*) FROM information_schema.schemata", other_.get()), (Rows{{"4"}}));
  EXPECT_EQ(Query("SELECT a FROM pool.t", other_.get()), (Rows{{"1"}}));
  other_.reset();  // its connection, mid-transaction, goes back to the pool
  other_ = Connect("narrow", "localhost");
  EXPECT_EQ(other_->ServerStatus() & server_status::kInTransaction, 0);
  EXPECT_EQ(Query("SELECT a FROM pool.t", other_.get()), Rows{});
  EXPECT_EQ(Query("SELECT schema_name FROM information_schema.schemata ORDER BY 1", other_.get()),
            (Rows{{"information_schema"}, {"performance_schema"}, {"pool"}}));
  other_.reset();
  // A statement kept for reuse sees a table that was redefined meanwhile.
  Exec("DROP TABLE pool.t");
  Exec("CREATE TABLE pool.t (a VARCHAR(3))");
  Exec("INSERT INTO pool.t VALUES ('x')");
  other_ = Connect("root", "localhost");
  EXPECT_EQ(Query("SELECT a FROM pool.t", other_.get()), (Rows{{"x"}}));
  EXPECT_EQ(Query("SELECT a FROM pool.t", other_.get()), (Rows{{"x"}}));
}

}  // namespace
}  // namespace porpoise::engine

namespace porpoise::engine {
namespace {

// Runs the tests/sql/engine/*.test scripts (the e2e runner's format) straight through the
// engine, so SQL behaviour is checked without a server.
class SqlScriptTest : public EngineTest {
 protected:
  struct Record {
    std::string kind;  // "statement" or "query"
    int line = 0;
    std::string sql;
    std::optional<int> error;  // statement error N
    bool rowsort = false;
    std::vector<std::string> expected;
    bool run = true;
  };

  static std::vector<Record> Parse(const std::string& path) {
    std::ifstream file(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(file, line);) lines.push_back(line);
    std::vector<Record> records;
    std::vector<std::string> only, skip;
    size_t i = 0;
    while (i < lines.size()) {
      std::string text = lines[i];
      int line_number = static_cast<int>(++i);
      if (text.empty() || text[0] == '#') continue;
      std::istringstream words(text);
      std::string word;
      words >> word;
      if (word == "halt") break;
      if (word == "skipif" || word == "onlyif") {
        std::string kind;
        words >> kind;
        (word == "skipif" ? skip : only).push_back(kind);
        continue;
      }
      Record record;
      record.kind = word;
      record.line = line_number;
      record.run = (only.empty() || std::find(only.begin(), only.end(), "porpoise") != only.end()) &&
                   std::find(skip.begin(), skip.end(), "porpoise") == skip.end();
      only.clear();
      skip.clear();
      if (word == "statement") {
        std::string outcome;
        words >> outcome;
        if (outcome == "error") {
          int code = 0;
          words >> code;
          record.error = code;
        }
      } else {
        std::string types, sort;
        words >> types >> sort;
        record.rowsort = sort == "rowsort";
      }
      bool in_rows = false;
      bool in_block = false;  // "-- columns" / "-- warnings": checked by the e2e runner only
      while (i < lines.size() && !lines[i].empty()) {
        if (lines[i].rfind("-- ", 0) == 0) {
          in_block = true;
        } else if (in_block) {
        } else if (record.kind == "query" && lines[i] == "----") {
          in_rows = true;
        } else if (in_rows) {
          record.expected.push_back(lines[i]);
        } else {
          record.sql += (record.sql.empty() ? "" : "\n") + lines[i];
        }
        ++i;
      }
      records.push_back(std::move(record));
    }
    return records;
  }

  void RunScript(const std::filesystem::path& path) {
    std::string database = "sqltest_" + path.parent_path().filename().string() + "_" + path.stem().string();
    Exec("CREATE DATABASE " + database);
    std::unique_ptr<Session> session = Connect("root", "localhost", database);
    ASSERT_NE(session, nullptr);
    for (const Record& record : Parse(path.string())) {
      if (!record.run) continue;
      std::string where = path.filename().string() + ":" + std::to_string(record.line);
      std::vector<Outcome> outcomes = Run(record.sql, session.get());
      ASSERT_FALSE(outcomes.empty()) << where;
      // A query's rows are its first result set, as a client reads them (CALL sends its
      // procedure's result sets before its own OK); an error ends the statement.
      const Outcome* chosen = &outcomes.back();
      for (const Outcome& candidate : outcomes) {
        if (candidate.is_result_set && !outcomes.back().is_error) {
          chosen = &candidate;
          break;
        }
      }
      const Outcome& outcome = *chosen;
      if (record.error) {
        EXPECT_TRUE(outcome.is_error) << where << ": expected error " << *record.error;
        if (outcome.is_error && *record.error != 0) {
          EXPECT_EQ(outcome.status.code(), *record.error) << where << ": " << outcome.status.ToString();
        }
        continue;
      }
      EXPECT_FALSE(outcome.is_error) << where << ": " << outcome.status.ToString();
      if (record.kind != "query" || outcome.is_error) continue;
      std::vector<std::string> actual;
      for (const auto& row : outcome.rows) {
        std::string line;
        for (size_t i = 0; i < row.size(); ++i) {
          if (i > 0) line += "\t";
          line += row[i].empty() ? "(empty)" : row[i];
        }
        actual.push_back(line);
      }
      std::vector<std::string> expected = record.expected;
      if (record.rowsort) {
        std::sort(actual.begin(), actual.end());
        std::sort(expected.begin(), expected.end());
      }
      EXPECT_EQ(actual, expected) << where << ": " << record.sql;
    }
  }
};

TEST_F(SqlScriptTest, EngineScriptsPass) {
  std::vector<std::filesystem::path> scripts;
  for (const char* folder : {"tests/sql/engine", "tests/sql/walkthrough"}) {
    std::filesystem::path directory = std::filesystem::path(PORPOISE_SOURCE_DIR) / folder;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
      if (entry.path().extension() == ".test") scripts.push_back(entry.path());
    }
  }
  std::sort(scripts.begin(), scripts.end());
  ASSERT_FALSE(scripts.empty());
  for (const auto& script : scripts) {
    SCOPED_TRACE(script.string());
    RunScript(script);
  }
}

}  // namespace
}  // namespace porpoise::engine
