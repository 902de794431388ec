// Persistence of the catalog in the data file: the porpoise_schemata / porpoise_tables SQLite
// tables holding each database and each table's canonical MySQL CREATE TABLE text, loaded into
// a CatalogSnapshot at startup. (engine/)
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "catalog/catalog.h"
#include "common/status.h"
#include "sql/ast/statement.h"
#include "storage/database.h"

namespace porpoise::engine {

// The layout of the data file this server reads and writes. Bumped whenever a stored form
// changes (a type's physical form, a collation version, the catalog tables); format 2: tables
// stored as "t<storage_id>", DECIMAL as key BLOBs, BIGINT UNSIGNED above 2^63 as 8-byte
// BLOBs, collations under versioned names.
// Format 4 adds porpoise_routines (stored procedures, functions and triggers) and
// porpoise_tables.create_time. Format 5 keeps mysql.columns_priv, global_grants, role_edges,
// default_roles and procs_priv at reserved storage ids (t4..t8).
constexpr int64_t kStorageFormatVersion = 5;

// Creates the catalog tables and the format record (idempotent).
Status CreateCatalogTables(storage::Database& db);
// Brings a data file of an older format this server can read up to date in place (format
// 3 -> 4: the stored-programs table and the tables' creation times added; 4 -> 5: the grant
// tables moved to their reserved ids); leaves any other file alone.
Status UpgradeStorageFormat(storage::Database& db);
// After a 4 -> 5 upgrade, once the system tables all exist: accounts with SUPER get every
// dynamic privilege, as MySQL's upgrade gives them. Does nothing otherwise.
Status GrantDynamicPrivilegesAfterUpgrade(storage::Database& db);
// OK when the data file is in kStorageFormatVersion; otherwise an error naming both formats.
// Reads only.
Status CheckStorageFormat(storage::Database& db, const std::string& datadir);
// The storage id for a new table: reserved for the system tables, else the next free one.
// REQUIRES: inside the write transaction that creates the table.
Result<uint64_t> AllocateStorageId(storage::Database& db, std::string_view database,
                                   std::string_view table);
// Reads every database and table definition.
Result<std::shared_ptr<catalog::CatalogSnapshot>> LoadCatalogSnapshot(storage::Database& db);

// Builds a table definition from CREATE TABLE with defaults checked and put in canonical form
// (1067 for a default the column cannot hold). REQUIRES: statement.table.database set.
Result<std::shared_ptr<const catalog::TableSchema>> BuildTable(
    const sql::CreateTableStatement& statement);

// A view's definition from its canonical CREATE VIEW (exec_view.cc writes it: every item of
// the first SELECT named, unless a column list is given). REQUIRES: statement.view.database
// set.
Result<std::shared_ptr<const catalog::TableSchema>> BuildView(
    const sql::CreateViewStatement& statement, std::string character_set_client,
    std::string collation_connection);
// A view's query as MySQL shows it (sql::ToViewText), its string literals with the introducer
// of the connection the view was created on.
std::string ViewQueryText(const catalog::ViewSchema& view);
// The text porpoise_tables keeps for a view: a comment line with the character set and
// collation of the creating connection, then the canonical CREATE VIEW.
std::string ViewStoredText(const sql::CreateViewStatement& statement,
                           std::string_view character_set_client,
                           std::string_view collation_connection);

// A stored program's row (added or replaced) and its removal.
Status InsertRoutineRow(storage::Database& db, const catalog::RoutineSchema& routine);
Status DeleteRoutineRow(storage::Database& db, std::string_view database, catalog::RoutineKind kind,
                        std::string_view name);

Status InsertDatabaseRow(storage::Database& db, const catalog::DatabaseSchema& schema);
Status DeleteDatabaseRows(storage::Database& db, std::string_view database);
// A database's new default character set and collation.
Status UpdateDatabaseRow(storage::Database& db, const catalog::DatabaseSchema& schema);
// Replaces the stored MySQL definition and storage id of `table` (an ALTER TABLE that rebuilt
// the table moved it to a new one); its auto-increment counter stays.
Status UpdateTableDefinition(storage::Database& db, const catalog::TableSchema& table,
                             std::string_view create_sql);
Status InsertTableRow(storage::Database& db, const catalog::TableSchema& table,
                      std::string_view create_sql);
Status DeleteTableRow(storage::Database& db, std::string_view database, std::string_view table);
// Moves a table's row (its definition and auto-increment counter) to another name.
Status RenameTableRow(storage::Database& db, std::string_view database, std::string_view table,
                      std::string_view new_database, std::string_view new_table);

// The next AUTO_INCREMENT value of a table (1 when never used).
Result<uint64_t> ReadAutoIncrement(storage::Database& db, std::string_view database,
                                   std::string_view table);
// What information_schema.TABLES reports of a table's contents: its rows (counted), the
// bytes of its b-tree and of its indexes' (SQLite's dbstat; 16 KiB of data when unknown), and
// when it was created.
struct TableStatistics {
  uint64_t rows = 0;
  uint64_t data_length = 16384;
  uint64_t index_length = 0;
  std::optional<std::string> create_time;
};
Result<TableStatistics> ReadTableStatistics(storage::Database& db, const catalog::TableSchema& table);

Status WriteAutoIncrement(storage::Database& db, std::string_view database,
                          std::string_view table, uint64_t next);

}  // namespace porpoise::engine
