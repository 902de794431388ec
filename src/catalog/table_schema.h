// A table's MySQL definition as the catalog keeps it (columns, keys, options), built from a
// CREATE TABLE AST with MySQL's checks, and the SQLite DDL that stores it. (catalog/)
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/column_type.h"
#include "common/status.h"
#include "sql/ast/statement.h"
#include "types/collation.h"

namespace porpoise::catalog {

enum class DefaultKind : uint8_t {
  kNone,              // no DEFAULT clause and NOT NULL: inserting without a value is 1364
  kNull,              // DEFAULT NULL (explicit or implied for nullable columns)
  kValue,             // a constant, kept in `default_value` in storage form
  kCurrentTimestamp,  // DEFAULT CURRENT_TIMESTAMP / NOW()
  kExpression,        // DEFAULT (expr): evaluated at insert time from `default_sql`
};

struct ColumnSchema {
  std::string name;
  sql::DataType type;  // canonical (CanonicalType)
  TypeClass type_class = TypeClass::kString;
  // Textual columns: ColumnCollationName(type), resolved once; nullptr otherwise.
  const types::Collation* collation = nullptr;
  bool nullable = true;
  bool auto_increment = false;
  bool on_update_current_timestamp = false;
  DefaultKind default_kind = DefaultKind::kNull;
  std::string default_value;  // kValue: MySQL text of the constant ('0', 'abc', '12.50')
  bool default_is_string = false;  // kValue: the constant was a string literal
  std::string default_expression;  // kExpression: MySQL text of the expression
  std::string comment;
  // A generated column's expression as the printer writes it ("" for other columns) and
  // whether it is STORED (else VIRTUAL). Both kinds keep their values in the row here,
  // computed whenever the columns they read are written.
  std::string generation_expression;
  bool generated_stored = false;
  bool generated() const { return !generation_expression.empty(); }
  // The column a functional key part is kept in ("!hidden!<index>!<part>!0"): a VIRTUAL
  // generated column no statement names, which only the index and the stored definition show.
  bool hidden() const { return name.starts_with(kHiddenColumnPrefix); }
  // INVISIBLE: shown by SHOW and information_schema, but left out of SELECT * and of the
  // columns an INSERT without a column list fills.
  bool invisible = false;
  static constexpr std::string_view kHiddenColumnPrefix = "!hidden!";
};

struct IndexSchema {
  sql::IndexDef::Kind kind = sql::IndexDef::Kind::kIndex;
  std::string name;  // "PRIMARY" for the primary key
  std::vector<std::string> columns;  // column names as the table spells them
  std::vector<std::optional<uint32_t>> prefix_lengths;
  std::vector<bool> descending;  // key part written DESC (SQLite reads the index either way)
  // Added for a foreign key whose columns no key led. Not part of the stored definition: it
  // is derived again whenever the definition is built, so a later key that covers the
  // columns replaces it, as MySQL drops its generated key then.
  bool generated = false;
  bool unique() const {
    return kind == sql::IndexDef::Kind::kPrimary || kind == sql::IndexDef::Kind::kUnique;
  }
};

// FOREIGN KEY (columns) REFERENCES ref_database.ref_table (ref_columns) ON DELETE/UPDATE.
struct ForeignKeySchema {
  std::string name;  // the constraint's: CONSTRAINT name, else <table>_ibfk_<n>
  std::vector<std::string> columns;
  std::string ref_database, ref_table;
  std::vector<std::string> ref_columns;
  sql::ReferenceAction on_delete = sql::ReferenceAction::kNone;  // kNone: NO ACTION
  sql::ReferenceAction on_update = sql::ReferenceAction::kNone;
};

// CONSTRAINT name CHECK (expression) [NOT ENFORCED].
struct CheckSchema {
  std::string name;        // written, or <table>_chk_<n>
  std::string expression;  // the expression as the printer writes it
  bool enforced = true;
};

// A view's definition. Its query is kept in canonical form: every table name qualified with its
// database, `*` expanded to the columns it meant at CREATE VIEW, and every item of the first
// SELECT named, so it means the same whatever the database of the session that reads it.
struct ViewSchema {
  std::string algorithm = "UNDEFINED";  // UNDEFINED, MERGE, TEMPTABLE
  std::string definer_user, definer_host;
  std::string security = "DEFINER";     // DEFINER, INVOKER
  sql::CreateViewStatement::CheckOption check_option = sql::CreateViewStatement::CheckOption::kNone;
  std::vector<std::string> column_list;  // (a, b) as written; empty when not written
  std::vector<std::string> column_names;  // the view's columns: column_list or the items' names
  std::shared_ptr<const sql::SelectStatement> query;
  std::string character_set_client = "utf8mb4";
  std::string collation_connection = "utf8mb4_0900_ai_ci";
};

struct TableSchema {
  std::string database;
  std::string name;
  // The SQLite table is "t<storage_id>" (PhysicalTableName): names with dots, quotes or
  // differing only in case never collide there. Assigned at CREATE TABLE, and anew when ALTER
  // TABLE rebuilds the table.
  uint64_t storage_id = 0;
  std::vector<ColumnSchema> columns;
  std::vector<IndexSchema> indexes;  // the primary key first when there is one
  std::vector<ForeignKeySchema> foreign_keys;
  std::vector<CheckSchema> checks;
  int auto_increment_column = -1;    // index into columns, -1 when none
  uint64_t initial_auto_increment = 1;  // AUTO_INCREMENT=N table option
  std::string engine = "InnoDB";
  std::string charset = "utf8mb4";
  std::string collation = "utf8mb4_0900_ai_ci";
  std::string comment;
  bool integer_primary_key = false;  // single integer PK stored as SQLite's rowid alias
  // CREATE TEMPORARY TABLE: one session's, in its SQLite connection's TEMP schema as
  // "x<storage_id>" (the id counted by the session), shadowing a table of the same name.
  bool temporary = false;
  // Set for a view (which shares the tables' namespace); it has no columns or indexes here.
  std::shared_ptr<const ViewSchema> view;

  // Case-insensitive, as MySQL compares column names; -1 when missing.
  int FindColumn(std::string_view column) const;
  const IndexSchema* PrimaryKey() const;
};

// Builds the schema from CREATE TABLE, applying MySQL's rules: 1113 no columns, 1060 duplicate
// column, 1068 two primary keys, 1075 bad auto column, 1072 unknown key column, 1061 duplicate
// key name, 1067 bad default, 1101 BLOB/TEXT default, 1171 nullable PK part (made NOT NULL
// silently for inline PRIMARY KEY as MySQL does).
// REQUIRES: statement.table.database is filled in (the session's default applied).
Result<TableSchema> BuildTableSchema(const sql::CreateTableStatement& statement);
// Adds index `def` to `table` as CREATE TABLE would: 1061 for a name taken, 1072 for a column
// the table lacks, 1170 for a BLOB or TEXT column without a prefix length, 1068 for a second
// primary key. A foreign key is recorded (1826 for a name taken, 1072 for a column the table
// lacks) with the index MySQL adds when no key starts with its columns; what it references is
// the engine's to check.
Status AddIndex(TableSchema& table, const sql::IndexDef& def);

// The SQLite table holding `table`'s rows: "t<storage_id>", double-quoted.
std::string SqliteTableName(const TableSchema& table);
// The SQLite name (unquoted) of table.indexes[position]'s index; a primary key has none of
// its own (the table's rowid, or SQLite's autoindex).
std::string SqliteIndexId(const TableSchema& table, size_t position);
// Whether `expr` is a function of a row alone, as a generated column or functional key part
// must be: no variable, subquery, stored function or value of the moment (NOW(), RAND(), ...).
bool FunctionOfRow(const sql::Expr& expr);
// The checks MySQL makes of the CHECK constraints of a definition a statement writes (not
// of one read back from the catalog): 3812 for what is no truth value (NULL, 5, a column
// alone), 3814 for a function that is no function of the row (NOW, RAND, a stored
// function), naming it; 3818 for one reading the AUTO_INCREMENT column.
// `table` was built from `statement`.
Status CheckNewChecks(const TableSchema& table, const sql::CreateTableStatement& statement);
// The storage id of a table of the system schema `mysql` that the server itself reads by
// physical name (user, db, tables_priv: ids 1-3), or 0. Every other table gets an id of
// kFirstUserStorageId or more.
uint64_t SystemTableStorageId(std::string_view database, std::string_view table);
constexpr uint64_t kFirstUserStorageId = 100;
// The quoted SQLite name of a session's information_schema table (a TEMP table).
std::string InformationSchemaSqliteName(std::string_view table);
// The same for a table of either virtual schema (information_schema, performance_schema).
std::string VirtualTableSqliteName(std::string_view database, std::string_view table);
// A double-quoted SQLite identifier.
std::string SqliteQuote(std::string_view identifier);
// CREATE TABLE plus CREATE INDEX statements for the SQLite side of the table.
std::string SqliteCreateSql(const TableSchema& table);
// The CREATE INDEX statements of the table's secondary indexes ("t<id>_i<n>": n is the
// index's position), and the DROP INDEX statements that remove them.
std::string SqliteIndexesSql(const TableSchema& table);
// The prefix length of key part `part` of `index` when it makes the key unique over a
// prefix (a UNIQUE key's (n) on a string or binary column), else nullopt.
std::optional<uint32_t> KeyPrefix(const TableSchema& table, const IndexSchema& index, size_t part);
// Key part `part` of `index` as SQLite compares it: the column, or for a prefix
// (KeyPrefix) substr(column, 1, n) under the column's collation. `operand` replaces the
// column ("?1": the same form of a bound value) when not empty.
std::string SqliteKeyPart(const TableSchema& table, const IndexSchema& index, size_t part,
                          std::string_view operand);
std::string SqliteDropIndexesSql(const TableSchema& table);

// A column's line of SHOW CREATE TABLE (`name` type ... DEFAULT ...), without indentation; its
// character set is written when it differs from `table`'s.
std::string ColumnDefinitionText(const TableSchema& table, const ColumnSchema& column);
// SHOW CREATE TABLE text in MySQL 8's format. `auto_increment` is the next counter value
// (printed when > 1). The stored definition (`display` false) writes the hidden columns of
// functional key parts as columns and keys over them; SHOW CREATE TABLE (`display`) leaves
// them out and writes each such key part as its expression, ((expr)), as MySQL does.
std::string ShowCreateTableText(const TableSchema& table, uint64_t auto_increment,
                                bool display = false);

// A foreign key's line of SHOW CREATE TABLE: CONSTRAINT `n` FOREIGN KEY (...) REFERENCES ...
std::string ForeignKeyText(const TableSchema& table, const ForeignKeySchema& key);
// The rule's name for information_schema (NO ACTION when none was written).
std::string_view ReferenceActionName(sql::ReferenceAction action);
// The Index_type of SHOW INDEX: BTREE, FULLTEXT or SPATIAL.
std::string_view IndexTypeName(const IndexSchema& index);
// The Key column of SHOW COLUMNS for column `column_index`: "PRI", "UNI", "MUL" or "".
std::string ColumnKeyText(const TableSchema& table, size_t column_index);
// The key flags of a result column read from column `column_index`, as MySQL sets them:
// PRI_KEY on every part of the primary key, UNIQUE_KEY on the column of a one-column unique
// key, MULTIPLE_KEY on the first part of any other key, PART_KEY on every part of any key.
uint16_t ColumnKeyFlags(const TableSchema& table, size_t column_index);
// A character column's character set and collation as it holds them (the collation it
// compares under), for what SHOW CREATE TABLE and information_schema show.
std::pair<std::string, std::string> ColumnCharsetAndCollation(const TableSchema& table, const ColumnSchema& column);
// A stored expression (a generated column's, a DEFAULT (expr)'s, a CHECK constraint's) as
// SHOW CREATE TABLE prints it: MySQL's form, string literals introduced with _utf8mb4.
std::string ShownExpression(const std::string& stored);
// ... and as information_schema, SHOW COLUMNS and SHOW INDEX give it: quotes escaped with a
// backslash, as MySQL's data dictionary keeps it.
std::string EscapedExpression(const std::string& stored);
// The Default column: nullopt prints as NULL.
std::optional<std::string> ColumnDefaultText(const ColumnSchema& column);
// The Extra column: "auto_increment", "DEFAULT_GENERATED", "on update CURRENT_TIMESTAMP".
std::string ColumnExtraText(const ColumnSchema& column);

}  // namespace porpoise::catalog
