// Persistence of the catalog in the data file: the porpoise_schemata / porpoise_tables SQLite
// tables holding each database and each table's canonical MySQL CREATE TABLE text, loaded into
// a CatalogSnapshot at startup. (engine/)
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "catalog/catalog.h"
#include "common/status.h"
#include "sql/ast/statement.h"
#include "storage/database.h"

namespace porpoise::engine {

// Creates the catalog tables (idempotent).
Status CreateCatalogTables(storage::Database& db);
// Reads every database and table definition.
Result<std::shared_ptr<catalog::CatalogSnapshot>> LoadCatalogSnapshot(storage::Database& db);

// Builds a table definition from CREATE TABLE with defaults checked and put in canonical form
// (1067 for a default the column cannot hold). REQUIRES: statement.table.database set.
Result<std::shared_ptr<const catalog::TableSchema>> BuildTable(
    const sql::CreateTableStatement& statement);

Status InsertDatabaseRow(storage::Database& db, const catalog::DatabaseSchema& schema);
Status DeleteDatabaseRows(storage::Database& db, std::string_view database);
Status InsertTableRow(storage::Database& db, std::string_view database, std::string_view table,
                      std::string_view create_sql, uint64_t auto_increment);
Status DeleteTableRow(storage::Database& db, std::string_view database, std::string_view table);

// The next AUTO_INCREMENT value of a table (1 when never used).
Result<uint64_t> ReadAutoIncrement(storage::Database& db, std::string_view database,
                                   std::string_view table);
Status WriteAutoIncrement(storage::Database& db, std::string_view database,
                          std::string_view table, uint64_t next);

}  // namespace porpoise::engine
