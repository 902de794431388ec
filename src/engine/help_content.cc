// The server-side help (HELP 'topic', the mysql client's `help`): Porpoise's own short
// descriptions of its statements and types, loaded into mysql.help_* when the data
// directory is made (or first opened by a release that has them). (engine/)
#include "engine/help_content.h"

#include <string>
#include <vector>

namespace porpoise::engine {
namespace {

struct Category {
  int id;
  const char* name;
  int parent;  // 0: none
};

struct Topic {
  const char* name;
  int category;
  const char* description;
  const char* example;
};

constexpr int kContents = 1;

constexpr Category kCategories[] = {
    {kContents, "Contents", 0},
    {2, "Account Management", kContents},
    {3, "Administration", kContents},
    {4, "Data Definition", kContents},
    {5, "Data Manipulation", kContents},
    {6, "Data Types", kContents},
    {7, "Functions", kContents},
    {8, "Prepared Statements", kContents},
    {9, "Transactions", kContents},
    {10, "Utility", kContents},
};

constexpr Topic kTopics[] = {
    {"CREATE USER", 2,
     "Syntax:\nCREATE USER [IF NOT EXISTS] 'user'@'host'\n  [IDENTIFIED [WITH plugin] BY 'password']\n\n"
     "Adds an account. The plugin is caching_sha2_password unless another is named\n"
     "(mysql_native_password, auth_socket). The host may hold % and _ wildcards.\n",
     "CREATE USER 'app'@'%' IDENTIFIED WITH mysql_native_password BY 'secret';"},
    {"ALTER USER", 2,
     "Syntax:\nALTER USER 'user'@'host' IDENTIFIED [WITH plugin] BY 'password'\nALTER USER 'user'@'host' ACCOUNT {LOCK | UNLOCK}\n\n"
     "Changes an account's password, plugin or lock.\n",
     "ALTER USER 'app'@'%' ACCOUNT LOCK;"},
    {"DROP USER", 2, "Syntax:\nDROP USER [IF EXISTS] 'user'@'host' [, ...]\n\nRemoves accounts and their privileges.\n",
     "DROP USER 'app'@'%';"},
    {"GRANT", 2,
     "Syntax:\nGRANT privileges ON {*.* | db.* | db.table} TO 'user'@'host' [WITH GRANT OPTION]\n\n"
     "Gives an account privileges globally, on a database or on a table.\n",
     "GRANT SELECT, INSERT ON shop.* TO 'app'@'%';"},
    {"REVOKE", 2, "Syntax:\nREVOKE privileges ON level FROM 'user'@'host'\n\nTakes privileges back.\n",
     "REVOKE INSERT ON shop.* FROM 'app'@'%';"},
    {"SHOW GRANTS", 2, "Syntax:\nSHOW GRANTS [FOR 'user'@'host']\n\nLists an account's privileges as GRANT statements.\n",
     "SHOW GRANTS FOR CURRENT_USER();"},
    {"SHOW", 3,
     "Syntax:\nSHOW {DATABASES | TABLES | COLUMNS FROM t | INDEX FROM t | CREATE TABLE t |\n"
     "      VARIABLES | STATUS | PROCESSLIST | WARNINGS | ERRORS | GRANTS} [LIKE 'pattern' | WHERE expr]\n\n"
     "Shows the server's objects and state.\n",
     "SHOW TABLES LIKE 'order%';"},
    {"SET", 3,
     "Syntax:\nSET [GLOBAL | SESSION] variable = value [, ...]\nSET @user_variable = value\n\n"
     "Sets system variables for the session or the server, or user variables.\n",
     "SET SESSION sql_mode = 'STRICT_TRANS_TABLES';"},
    {"FLUSH", 3, "Syntax:\nFLUSH {PRIVILEGES | TABLES | LOGS | STATUS | HOSTS} [, ...]\n\nReloads or resets server state.\n",
     "FLUSH PRIVILEGES;"},
    {"KILL", 3, "Syntax:\nKILL [CONNECTION | QUERY] id\n\nEnds a connection, or only the statement it is running.\n",
     "KILL QUERY 12;"},
    {"SHUTDOWN", 3, "Syntax:\nSHUTDOWN\n\nStops the server (needs the SHUTDOWN privilege).\n", "SHUTDOWN;"},
    {"CREATE DATABASE", 4,
     "Syntax:\nCREATE DATABASE [IF NOT EXISTS] name [CHARACTER SET cs] [COLLATE collation]\n\nCreates a database.\n",
     "CREATE DATABASE shop CHARACTER SET utf8mb4;"},
    {"CREATE TABLE", 4,
     "Syntax:\nCREATE [TEMPORARY] TABLE [IF NOT EXISTS] name (column definitions, keys, constraints)\n"
     "  [table options] | LIKE other | [AS] SELECT ...\n\nCreates a table.\n",
     "CREATE TABLE item (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(100) NOT NULL);"},
    {"ALTER TABLE", 4,
     "Syntax:\nALTER TABLE name change [, change ...]\n  change: ADD COLUMN | DROP COLUMN | MODIFY | CHANGE | RENAME COLUMN | ADD INDEX |\n"
     "          DROP INDEX | ADD FOREIGN KEY | DROP FOREIGN KEY | ADD CHECK | RENAME TO | table options\n\n"
     "Changes a table's definition, keeping its rows.\n",
     "ALTER TABLE item ADD COLUMN price DECIMAL(10,2) NOT NULL DEFAULT 0;"},
    {"DROP TABLE", 4, "Syntax:\nDROP [TEMPORARY] TABLE [IF EXISTS] name [, ...]\n\nRemoves tables and their rows.\n",
     "DROP TABLE IF EXISTS item;"},
    {"CREATE INDEX", 4, "Syntax:\nCREATE [UNIQUE] INDEX name ON table (column [(length)] [ASC | DESC], ...)\n\nAdds an index.\n",
     "CREATE INDEX item_name ON item (name);"},
    {"CREATE VIEW", 4, "Syntax:\nCREATE [OR REPLACE] VIEW name [(columns)] AS SELECT ... [WITH CHECK OPTION]\n\nDefines a view.\n",
     "CREATE VIEW cheap AS SELECT * FROM item WHERE price < 10;"},
    {"CREATE PROCEDURE", 4,
     "Syntax:\nCREATE PROCEDURE name ([IN | OUT | INOUT] param type, ...) body\n\nDefines a stored procedure, run with CALL.\n",
     "CREATE PROCEDURE count_items(OUT n INT) SELECT COUNT(*) INTO n FROM item;"},
    {"CREATE TRIGGER", 4,
     "Syntax:\nCREATE TRIGGER name {BEFORE | AFTER} {INSERT | UPDATE | DELETE} ON table FOR EACH ROW body\n\n"
     "Runs a statement for each row a statement changes.\n",
     "CREATE TRIGGER stamp BEFORE UPDATE ON item FOR EACH ROW SET NEW.changed = NOW();"},
    {"SELECT", 5,
     "Syntax:\n[WITH ...] SELECT [DISTINCT] expressions [FROM tables] [WHERE condition]\n"
     "  [GROUP BY ... [WITH ROLLUP]] [HAVING condition] [WINDOW ...] [ORDER BY ...]\n"
     "  [LIMIT [offset,] count] [FOR UPDATE | FOR SHARE]\n\nReads rows.\n",
     "SELECT name, price FROM item WHERE price > 5 ORDER BY price DESC LIMIT 10;"},
    {"INSERT", 5,
     "Syntax:\nINSERT [IGNORE] INTO table [(columns)] {VALUES (...), ... | SELECT ...}\n  [ON DUPLICATE KEY UPDATE column = value, ...]\n\nAdds rows.\n",
     "INSERT INTO item (name, price) VALUES ('pen', 1.50);"},
    {"UPDATE", 5, "Syntax:\nUPDATE table SET column = value [, ...] [WHERE condition] [ORDER BY ...] [LIMIT n]\n\nChanges rows.\n",
     "UPDATE item SET price = price * 1.1 WHERE name = 'pen';"},
    {"DELETE", 5, "Syntax:\nDELETE FROM table [WHERE condition] [ORDER BY ...] [LIMIT n]\n\nRemoves rows.\n",
     "DELETE FROM item WHERE price = 0;"},
    {"REPLACE", 5, "Syntax:\nREPLACE INTO table [(columns)] VALUES (...)\n\nInserts rows, first deleting any row with the same key.\n",
     "REPLACE INTO item (id, name) VALUES (1, 'pencil');"},
    {"CALL", 5, "Syntax:\nCALL procedure([arguments])\n\nRuns a stored procedure.\n", "CALL count_items(@n);"},
    {"INT", 6, "INT[(M)] [UNSIGNED]\n\nA 4-byte integer: -2147483648 to 2147483647, or 0 to 4294967295 unsigned.\n",
     "CREATE TABLE t (n INT UNSIGNED);"},
    {"BIGINT", 6, "BIGINT [UNSIGNED]\n\nAn 8-byte integer, up to 18446744073709551615 unsigned.\n", ""},
    {"DECIMAL", 6, "DECIMAL[(M[,D])]\n\nAn exact number of M digits, D after the point (M up to 65).\n", ""},
    {"DOUBLE", 6, "DOUBLE\n\nAn 8-byte floating-point number.\n", ""},
    {"VARCHAR", 6, "VARCHAR(M) [CHARACTER SET cs] [COLLATE collation]\n\nText of up to M characters.\n", ""},
    {"TEXT", 6, "TEXT\n\nText of up to 65535 bytes (MEDIUMTEXT, LONGTEXT hold more).\n", ""},
    {"DATE", 6, "DATE\n\nA date, '1000-01-01' to '9999-12-31'.\n", ""},
    {"DATETIME", 6, "DATETIME[(fsp)]\n\nA date and time, with fsp (0 to 6) fractional second digits.\n", ""},
    {"TIMESTAMP", 6, "TIMESTAMP[(fsp)]\n\nA point in time, stored in UTC and shown in the session's time zone.\n", ""},
    {"JSON", 6, "JSON\n\nA JSON document.\n", ""},
    {"CONCAT", 7, "Syntax:\nCONCAT(str1, str2, ...)\n\nJoins strings; NULL if any argument is NULL.\n", "SELECT CONCAT('a', 'b');"},
    {"NOW", 7, "Syntax:\nNOW([fsp])\n\nThe date and time the statement started.\n", "SELECT NOW();"},
    {"COUNT", 7, "Syntax:\nCOUNT(*), COUNT([DISTINCT] expr)\n\nCounts rows, or non-NULL values.\n", "SELECT COUNT(*) FROM item;"},
    {"PREPARE", 8, "Syntax:\nPREPARE name FROM {'statement' | @variable}\n\nPrepares a statement with ? placeholders.\n",
     "PREPARE find FROM 'SELECT * FROM item WHERE id = ?';"},
    {"EXECUTE", 8, "Syntax:\nEXECUTE name [USING @var, ...]\n\nRuns a prepared statement.\n", "EXECUTE find USING @id;"},
    {"DEALLOCATE PREPARE", 8, "Syntax:\n{DEALLOCATE | DROP} PREPARE name\n\nForgets a prepared statement.\n",
     "DEALLOCATE PREPARE find;"},
    {"START TRANSACTION", 9,
     "Syntax:\nSTART TRANSACTION [READ ONLY | READ WRITE] | BEGIN\n\nStarts a transaction; COMMIT or ROLLBACK ends it.\n",
     "START TRANSACTION;"},
    {"COMMIT", 9, "Syntax:\nCOMMIT\n\nMakes the transaction's changes durable.\n", "COMMIT;"},
    {"ROLLBACK", 9, "Syntax:\nROLLBACK [TO SAVEPOINT name]\n\nUndoes the transaction, or back to a savepoint.\n", "ROLLBACK;"},
    {"SAVEPOINT", 9, "Syntax:\nSAVEPOINT name\n\nMarks a point to roll back to.\n", "SAVEPOINT before_update;"},
    {"USE", 10, "Syntax:\nUSE database\n\nMakes a database the default.\n", "USE shop;"},
    {"HELP", 10, "Syntax:\nHELP 'search string'\n\nShows help about a topic or lists a category's topics.\n", "HELP 'contents';"},
    {"DESCRIBE", 10, "Syntax:\n{DESCRIBE | DESC} table\n\nShows a table's columns (as SHOW COLUMNS).\n", "DESCRIBE item;"},
};

std::string Quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "'";
}

}  // namespace

std::string HelpContentSql() {
  std::string sql;
  for (const Category& category : kCategories) {
    sql += "INSERT INTO `mysql`.`help_category` VALUES (" + std::to_string(category.id) + ", " +
           Quote(category.name) + ", " +
           (category.parent == 0 ? std::string("NULL") : std::to_string(category.parent)) + ", '');\n";
  }
  int id = 1;
  for (const Topic& topic : kTopics) {
    sql += "INSERT INTO `mysql`.`help_topic` VALUES (" + std::to_string(id) + ", " + Quote(topic.name) +
           ", " + std::to_string(topic.category) + ", " + Quote(topic.description) + ", " +
           Quote(topic.example) + ", '');\n";
    sql += "INSERT INTO `mysql`.`help_keyword` VALUES (" + std::to_string(id) + ", " + Quote(topic.name) +
           ");\n";
    sql += "INSERT INTO `mysql`.`help_relation` VALUES (" + std::to_string(id) + ", " + std::to_string(id) +
           ");\n";
    ++id;
  }
  return sql;
}

}  // namespace porpoise::engine
