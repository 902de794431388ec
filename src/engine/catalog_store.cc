// Catalog persistence in the porpoise_schemata / porpoise_tables SQLite tables. (engine/)
#include "engine/catalog_store.h"

#include "auth/privileges.h"

#include <sqlite3.h>

#include <algorithm>
#include <optional>

#include "common/strings.h"
#include "engine/physical.h"
#include "engine/program.h"
#include "engine/translator.h"
#include "engine/value.h"
#include "sql/parser.h"
#include "sql/printer.h"

namespace porpoise::engine {

namespace {

// Procedures, functions and triggers: kind is 'PROCEDURE', 'FUNCTION' or 'TRIGGER', key the
// lower-case name (MySQL's routine names are case-insensitive).
constexpr std::string_view kRoutinesTableSql =
    "CREATE TABLE IF NOT EXISTS porpoise_routines ("
    "db TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL, "
    "definition TEXT NOT NULL, definer_user TEXT NOT NULL, definer_host TEXT NOT NULL, "
    "created TEXT NOT NULL, modified TEXT NOT NULL, sql_mode TEXT NOT NULL, "
    "character_set_client TEXT NOT NULL, collation_connection TEXT NOT NULL, "
    "database_collation TEXT NOT NULL, table_name TEXT NOT NULL DEFAULT '', "
    "action_order INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (db, kind, key));";

// Whether the data directory has porpoise_meta (the first storage format had none).
Result<bool> HasMetaTable(storage::Database& db) {
  PORPOISE_ASSIGN_OR_RETURN(
      storage::Statement exists,
      db.Prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'porpoise_meta'"));
  return exists.Step();
}

// porpoise_meta's value for `key`; nullopt when the table or the key is missing.
Result<std::optional<std::string>> MetaValue(storage::Database& db, std::string_view key) {
  PORPOISE_ASSIGN_OR_RETURN(bool has_meta, HasMetaTable(db));
  if (!has_meta) return std::optional<std::string>();
  PORPOISE_ASSIGN_OR_RETURN(storage::Statement read,
                            db.Prepare("SELECT value FROM porpoise_meta WHERE key = ?"));
  PORPOISE_RETURN_IF_ERROR(read.BindText(1, key));
  PORPOISE_ASSIGN_OR_RETURN(bool row, read.Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(std::string(read.ColumnText(0)));
}

}  // namespace

Status CreateCatalogTables(storage::Database& db) {
  return db.Execute(
      "CREATE TABLE IF NOT EXISTS porpoise_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
      "INSERT OR IGNORE INTO porpoise_meta VALUES ('format_version', '" +
      std::to_string(kStorageFormatVersion) +
      "'), ('next_storage_id', '" + std::to_string(catalog::kFirstUserStorageId) + "');"
      "CREATE TABLE IF NOT EXISTS porpoise_schemata ("
      "name TEXT PRIMARY KEY, charset TEXT NOT NULL, collation TEXT NOT NULL);"
      "CREATE TABLE IF NOT EXISTS porpoise_tables ("
      "db TEXT NOT NULL, name TEXT NOT NULL, storage_id INTEGER NOT NULL UNIQUE, "
      "create_sql TEXT NOT NULL, auto_increment INTEGER NOT NULL DEFAULT 1, "
      "create_time TEXT, PRIMARY KEY (db, name));" +
      std::string(kRoutinesTableSql));
}

Status UpgradeStorageFormat(storage::Database& db) {
  PORPOISE_ASSIGN_OR_RETURN(std::optional<std::string> version, MetaValue(db, "format_version"));
  if (!version) return Status::OK();
  std::string found = *version;
  if (found == "3") {
    // Format 4 adds the stored-programs table and each table's creation time.
    PORPOISE_RETURN_IF_ERROR(db.Execute("BEGIN IMMEDIATE;" + std::string(kRoutinesTableSql) +
                                        "ALTER TABLE porpoise_tables ADD COLUMN create_time TEXT;"
                                        "UPDATE porpoise_meta SET value = '4' WHERE key = "
                                        "'format_version';"
                                        "COMMIT;"));
    found = "4";
  }
  if (found != "4") return Status::OK();
  // Format 5 keeps mysql.columns_priv, global_grants, role_edges, default_roles and procs_priv
  // at reserved storage ids, as the grant code reads them without the catalog.
  std::string sql = "BEGIN IMMEDIATE;";
  for (std::string_view table :
       {"columns_priv", "global_grants", "role_edges", "default_roles", "procs_priv"}) {
    uint64_t reserved = catalog::SystemTableStorageId("mysql", table);
    PORPOISE_ASSIGN_OR_RETURN(
        storage::Statement current,
        db.Prepare("SELECT storage_id FROM porpoise_tables WHERE db = 'mysql' AND name = ?"));
    PORPOISE_RETURN_IF_ERROR(current.BindText(1, table));
    PORPOISE_ASSIGN_OR_RETURN(bool row, current.Step());
    if (!row) continue;
    uint64_t id = static_cast<uint64_t>(current.ColumnInt64(0));
    if (id == reserved) continue;
    sql += "ALTER TABLE \"t" + std::to_string(id) + "\" RENAME TO \"t" + std::to_string(reserved) +
           "\";UPDATE porpoise_tables SET storage_id = " + std::to_string(reserved) +
           " WHERE db = 'mysql' AND name = '" + std::string(table) + "';";
  }
  // Accounts with SUPER get the dynamic privileges once mysql.global_grants surely exists
  // (GrantDynamicPrivilegesAfterUpgrade).
  Status upgraded = db.Execute(
      sql +
      "INSERT OR REPLACE INTO porpoise_meta VALUES ('grant_dynamic_to_super', '1');"
      "UPDATE porpoise_meta SET value = '5' WHERE key = 'format_version';COMMIT;");
  if (!upgraded.ok() && db.InTransaction()) (void)db.Execute("ROLLBACK");
  return upgraded;
}

Status GrantDynamicPrivilegesAfterUpgrade(storage::Database& db) {
  PORPOISE_ASSIGN_OR_RETURN(std::optional<std::string> pending,
                            MetaValue(db, "grant_dynamic_to_super"));
  if (!pending) return Status::OK();
  // As MySQL's upgrade does, accounts with SUPER get every dynamic privilege (with GRANT
  // OPTION where they hold it), so that nothing they could do before is lost.
  std::string sql = "BEGIN IMMEDIATE;";
  for (std::string_view name : auth::DynamicPrivileges()) {
    sql += "INSERT OR IGNORE INTO \"t5\" (USER, HOST, PRIV, WITH_GRANT_OPTION) SELECT User, "
           "Host, '" + std::string(name) + "', Grant_priv FROM \"t1\" WHERE Super_priv = 'Y';";
  }
  Status granted = db.Execute(
      sql + "DELETE FROM porpoise_meta WHERE key = 'grant_dynamic_to_super';COMMIT;");
  if (!granted.ok() && db.InTransaction()) (void)db.Execute("ROLLBACK");
  return granted;
}

Status CheckStorageFormat(storage::Database& db, const std::string& datadir) {
  int64_t found = 1;  // the first format had no porpoise_meta table
  PORPOISE_ASSIGN_OR_RETURN(bool has_meta, HasMetaTable(db));
  if (has_meta) {
    PORPOISE_ASSIGN_OR_RETURN(std::optional<std::string> version,
                              MetaValue(db, "format_version"));
    found = version ? std::atoll(version->c_str()) : 0;
  }
  if (found == kStorageFormatVersion) return Status::OK();
  return Status::WithMessage(
      ER_UNKNOWN_ERROR,
      "The data directory '" + datadir + "' uses storage format " + std::to_string(found) +
          "; this porpoised reads format " + std::to_string(kStorageFormatVersion) +
          " only. Nothing was changed. Dump the data with the porpoised that wrote it and load "
          "it into a data directory initialized by this one.");
}

Result<uint64_t> AllocateStorageId(storage::Database& db, std::string_view database,
                                   std::string_view table) {
  uint64_t reserved = catalog::SystemTableStorageId(database, table);
  if (reserved != 0) return reserved;
  PORPOISE_ASSIGN_OR_RETURN(
      storage::Statement read,
      db.Prepare("SELECT value FROM porpoise_meta WHERE key = 'next_storage_id'"));
  PORPOISE_ASSIGN_OR_RETURN(bool row, read.Step());
  if (!row) return Status::WithMessage(ER_UNKNOWN_ERROR, "The catalog has no next_storage_id");
  uint64_t id = std::strtoull(std::string(read.ColumnText(0)).c_str(), nullptr, 10);
  PORPOISE_ASSIGN_OR_RETURN(
      storage::Statement write,
      db.Prepare("UPDATE porpoise_meta SET value = ? WHERE key = 'next_storage_id'"));
  PORPOISE_RETURN_IF_ERROR(write.BindText(1, std::to_string(id + 1)));
  PORPOISE_RETURN_IF_ERROR(write.Run());
  return id;
}

Result<std::shared_ptr<const catalog::TableSchema>> BuildTable(
    const sql::CreateTableStatement& statement) {
  PORPOISE_ASSIGN_OR_RETURN(catalog::TableSchema table, catalog::BuildTableSchema(statement));
  for (catalog::ColumnSchema& column : table.columns) {
    if (column.default_kind != catalog::DefaultKind::kValue) continue;
    CoerceContext context;
    context.strict = true;
    Result<Value> stored = CoerceToColumn(column, Value::Text(column.default_value), context);
    if (!stored.ok()) return Status::Error(ER_INVALID_DEFAULT, column.name);
    std::string text;
    column.default_value =
        ToText(stored.value(), TypeOfColumn(column), &text) ? text : stored.value().ToText();
  }
  return std::shared_ptr<const catalog::TableSchema>(
      std::make_shared<catalog::TableSchema>(std::move(table)));
}

namespace {

constexpr std::string_view kViewHeader = "-- character_set_client=";
constexpr std::string_view kViewCollation = " collation_connection=";

}  // namespace

Result<std::shared_ptr<const catalog::TableSchema>> BuildView(
    const sql::CreateViewStatement& statement, std::string character_set_client,
    std::string collation_connection) {
  auto table = std::make_shared<catalog::TableSchema>();
  table->database = statement.view.database;
  table->name = statement.view.table;
  table->engine.clear();
  auto view = std::make_shared<catalog::ViewSchema>();
  if (!statement.algorithm.empty()) view->algorithm = statement.algorithm;
  if (statement.definer) {
    view->definer_user = statement.definer->user;
    view->definer_host = statement.definer->host;
  }
  if (!statement.security.empty()) view->security = statement.security;
  view->check_option = statement.check_option;
  view->column_list = statement.columns;
  if (!statement.select) return Status::Error(ER_PARSE_ERROR, "", 1);
  if (!statement.columns.empty()) {
    view->column_names = statement.columns;
  } else {
    for (const sql::SelectItem& item : statement.select->items) {
      if (item.alias.empty()) {
        return Status::WithMessage(ER_UNKNOWN_ERROR, "The stored definition of view '" +
                                                         table->database + "." + table->name +
                                                         "' has an unnamed column");
      }
      view->column_names.push_back(item.alias);
    }
  }
  // The stored query is shared, read-only, by every statement that reads the view.
  PORPOISE_ASSIGN_OR_RETURN(sql::StatementPtr copy, sql::ParseOne(sql::ToSql(*statement.select)));
  if (copy->kind != sql::StatementKind::kSelect) return Status::Error(ER_PARSE_ERROR, "", 1);
  view->query = std::shared_ptr<const sql::SelectStatement>(
      static_cast<sql::SelectStatement*>(copy.release()));
  view->character_set_client = std::move(character_set_client);
  view->collation_connection = std::move(collation_connection);
  table->view = std::move(view);
  return std::shared_ptr<const catalog::TableSchema>(std::move(table));
}

std::string ViewQueryText(const catalog::ViewSchema& view) {
  std::string charset = view.collation_connection.substr(0, view.collation_connection.find('_'));
  return sql::ToViewText(*view.query, charset);
}

std::string ViewStoredText(const sql::CreateViewStatement& statement,
                           std::string_view character_set_client,
                           std::string_view collation_connection) {
  return std::string(kViewHeader) + std::string(character_set_client) +
         std::string(kViewCollation) + std::string(collation_connection) + "\n" +
         sql::ToSql(statement);
}

Result<std::shared_ptr<catalog::CatalogSnapshot>> LoadCatalogSnapshot(storage::Database& db) {
  auto snapshot = std::make_shared<catalog::CatalogSnapshot>();
  {
    PORPOISE_ASSIGN_OR_RETURN(storage::Statement statement,
                              db.Prepare("SELECT name, charset, collation FROM porpoise_schemata"));
    while (true) {
      PORPOISE_ASSIGN_OR_RETURN(bool row, statement.Step());
      if (!row) break;
      catalog::DatabaseSchema schema;
      schema.name = std::string(statement.ColumnText(0));
      schema.charset = std::string(statement.ColumnText(1));
      schema.collation = std::string(statement.ColumnText(2));
      snapshot->PutDatabase(std::move(schema));
    }
  }
  PORPOISE_ASSIGN_OR_RETURN(storage::Statement statement,
                            db.Prepare("SELECT db, name, create_sql, storage_id FROM porpoise_tables"));
  while (true) {
    PORPOISE_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) break;
    std::string database(statement.ColumnText(0));
    std::string name(statement.ColumnText(1));
    std::string create_sql(statement.ColumnText(2));
    std::string charset = "utf8mb4", collation = "utf8mb4_0900_ai_ci";
    if (create_sql.starts_with(kViewHeader)) {
      size_t line_end = create_sql.find('\n');
      size_t collation_at = create_sql.find(kViewCollation);
      if (line_end == std::string::npos || collation_at == std::string::npos || collation_at > line_end) {
        return Status::WithMessage(ER_UNKNOWN_ERROR, "Cannot read the definition of view '" +
                                                         database + "." + name + "'");
      }
      charset = create_sql.substr(kViewHeader.size(), collation_at - kViewHeader.size());
      size_t from = collation_at + kViewCollation.size();
      collation = create_sql.substr(from, line_end - from);
      create_sql.erase(0, line_end + 1);
    }
    Result<sql::StatementPtr> parsed = sql::ParseOne(create_sql);
    if (parsed.ok() && parsed.value()->kind == sql::StatementKind::kCreateView) {
      auto& create = static_cast<sql::CreateViewStatement&>(*parsed.value());
      create.view.database = database;
      create.view.table = name;
      PORPOISE_ASSIGN_OR_RETURN(std::shared_ptr<const catalog::TableSchema> built,
                                BuildView(create, charset, collation));
      auto view = std::make_shared<catalog::TableSchema>(*built);
      view->storage_id = static_cast<uint64_t>(statement.ColumnInt64(3));
      snapshot->PutTable(std::move(view));
      continue;
    }
    if (!parsed.ok() || parsed.value()->kind != sql::StatementKind::kCreateTable) {
      return Status::WithMessage(ER_UNKNOWN_ERROR, "Cannot read the definition of table '" +
                                                       database + "." + name + "': " +
                                                       parsed.status().message());
    }
    auto& create = static_cast<sql::CreateTableStatement&>(*parsed.value());
    create.table.database = database;
    create.table.table = name;
    PORPOISE_ASSIGN_OR_RETURN(std::shared_ptr<const catalog::TableSchema> built, BuildTable(create));
    auto table = std::make_shared<catalog::TableSchema>(*built);
    table->storage_id = static_cast<uint64_t>(statement.ColumnInt64(3));
    snapshot->PutTable(std::move(table));
  }
  PORPOISE_ASSIGN_OR_RETURN(
      storage::Statement routines,
      db.Prepare("SELECT db, kind, name, definition, definer_user, definer_host, created, modified, "
                 "sql_mode, character_set_client, collation_connection, database_collation, "
                 "table_name, action_order FROM porpoise_routines"));
  while (true) {
    PORPOISE_ASSIGN_OR_RETURN(bool row, routines.Step());
    if (!row) break;
    auto routine = std::make_shared<catalog::RoutineSchema>();
    routine->database = std::string(routines.ColumnText(0));
    std::string_view kind = routines.ColumnText(1);
    routine->kind = kind == "FUNCTION"  ? catalog::RoutineKind::kFunction
                    : kind == "TRIGGER" ? catalog::RoutineKind::kTrigger
                                        : catalog::RoutineKind::kProcedure;
    routine->name = std::string(routines.ColumnText(2));
    routine->definition = std::string(routines.ColumnText(3));
    routine->definer_user = std::string(routines.ColumnText(4));
    routine->definer_host = std::string(routines.ColumnText(5));
    routine->created = std::string(routines.ColumnText(6));
    routine->modified = std::string(routines.ColumnText(7));
    routine->sql_mode = std::string(routines.ColumnText(8));
    routine->character_set_client = std::string(routines.ColumnText(9));
    routine->collation_connection = std::string(routines.ColumnText(10));
    routine->database_collation = std::string(routines.ColumnText(11));
    routine->table = std::string(routines.ColumnText(12));
    routine->action_order = routines.ColumnInt64(13);
    Result<std::shared_ptr<const sql::Statement>> parsed = ParseDefinition(*routine);
    if (!parsed.ok()) {
      return Status::WithMessage(ER_UNKNOWN_ERROR, "Cannot read the definition of " +
                                                       std::string(kind) + " '" + routine->database +
                                                       "." + routine->name + "': " +
                                                       parsed.status().message());
    }
    routine->statement = std::move(parsed).value();
    snapshot->PutRoutine(std::move(routine));
  }
  return snapshot;
}

Status InsertRoutineRow(storage::Database& db, const catalog::RoutineSchema& routine) {
  PORPOISE_ASSIGN_OR_RETURN(
      storage::Statement statement,
      db.Prepare("INSERT OR REPLACE INTO porpoise_routines (db, kind, key, name, definition, "
                 "definer_user, definer_host, created, modified, sql_mode, character_set_client, "
                 "collation_connection, database_collation, table_name, action_order) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  const std::string texts[] = {routine.database, std::string(catalog::RoutineKindName(routine.kind)),
                               ToLowerAscii(routine.name), routine.name, routine.definition,
                               routine.definer_user, routine.definer_host, routine.created,
                               routine.modified, routine.sql_mode, routine.character_set_client,
                               routine.collation_connection, routine.database_collation, routine.table};
  for (size_t i = 0; i < std::size(texts); ++i) {
    PORPOISE_RETURN_IF_ERROR(statement.BindText(static_cast<int>(i + 1), texts[i]));
  }
  PORPOISE_RETURN_IF_ERROR(statement.BindInt64(15, routine.action_order));
  return statement.Run();
}

Status DeleteRoutineRow(storage::Database& db, std::string_view database, catalog::RoutineKind kind,
                        std::string_view name) {
  PORPOISE_ASSIGN_OR_RETURN(
      storage::Statement statement,
      db.Prepare("DELETE FROM porpoise_routines WHERE db = ? AND kind = ? AND key = ?"));
  PORPOISE_RETURN_IF_ERROR(statement.BindText(1, database));
  PORPOISE_RETURN_IF_ERROR(statement.BindText(2, catalog::RoutineKindName(kind)));
  PORPOISE_RETURN_IF_ERROR(statement.BindText(3, ToLowerAscii(name)));
  return statement.Run();
}

namespace {

// Runs `sql`, whose ?1, ?2 and ?3 are `schema`'s name, character set and collation.
Status WriteDatabaseRow(storage::Database& db, const char* sql, const catalog::DatabaseSchema& schema) {
  PORPOISE_ASSIGN_OR_RETURN(storage::Statement statement, db.Prepare(sql));
  PORPOISE_RETURN_IF_ERROR(statement.BindText(1, schema.name));
  PORPOISE_RETURN_IF_ERROR(statement.BindText(2, schema.charset));
  PORPOISE_RETURN_IF_ERROR(statement.BindText(3, schema.collation));
  return statement.Run();
}

}  // namespace

Status InsertDatabaseRow(storage::Database& db, const catalog::DatabaseSchema& schema) {
  return WriteDatabaseRow(
      db, "INSERT INTO porpoise_schemata (name, charset, collation) VALUES (?1, ?2, ?3)", schema);
}

Status UpdateDatabaseRow(storage::Database& db, const catalog::DatabaseSchema& schema) {
  return WriteDatabaseRow(
      db, "UPDATE porpoise_schemata SET charset = ?2, collation = ?3 WHERE name = ?1", schema);
}

Status DeleteDatabaseRows(storage::Database& db, std::string_view database) {
  for (const char* sql : {"DELETE FROM porpoise_tables WHERE db = ?",
                          "DELETE FROM porpoise_routines WHERE db = ?",
                          "DELETE FROM porpoise_schemata WHERE name = ?"}) {
    PORPOISE_ASSIGN_OR_RETURN(storage::Statement statement, db.Prepare(sql));
    PORPOISE_RETURN_IF_ERROR(statement.BindText(1, database));
    PORPOISE_RETURN_IF_ERROR(statement.Run());
  }
  return Status::OK();
}

Status InsertTableRow(storage::Database& db, const catalog::TableSchema& table,
                      std::string_view create_sql) {
  PORPOISE_ASSIGN_OR_RETURN(
      storage::Statement statement,
      db.Prepare("INSERT INTO porpoise_tables (db, name, storage_id, create_sql, auto_increment, "
                 "create_time) VALUES (?, ?, ?, ?, ?, datetime('now', 'localtime'))"));
  PORPOISE_RETURN_IF_ERROR(statement.BindText(1, table.database));
  PORPOISE_RETURN_IF_ERROR(statement.BindText(2, table.name));
  PORPOISE_RETURN_IF_ERROR(statement.BindInt64(3, static_cast<int64_t>(table.storage_id)));
  PORPOISE_RETURN_IF_ERROR(statement.BindText(4, create_sql));
  PORPOISE_RETURN_IF_ERROR(
      statement.BindInt64(5, static_cast<int64_t>(table.initial_auto_increment)));
  return statement.Run();
}

Status UpdateTableDefinition(storage::Database& db, const catalog::TableSchema& table,
                             std::string_view create_sql) {
  PORPOISE_ASSIGN_OR_RETURN(
      storage::Statement statement,
      db.Prepare("UPDATE porpoise_tables SET create_sql = ?, storage_id = ? WHERE db = ? AND name = ?"));
  PORPOISE_RETURN_IF_ERROR(statement.BindText(1, create_sql));
  PORPOISE_RETURN_IF_ERROR(statement.BindInt64(2, static_cast<int64_t>(table.storage_id)));
  PORPOISE_RETURN_IF_ERROR(statement.BindText(3, table.database));
  PORPOISE_RETURN_IF_ERROR(statement.BindText(4, table.name));
  return statement.Run();
}

Status DeleteTableRow(storage::Database& db, std::string_view database, std::string_view table) {
  PORPOISE_ASSIGN_OR_RETURN(storage::Statement statement,
                            db.Prepare("DELETE FROM porpoise_tables WHERE db = ? AND name = ?"));
  PORPOISE_RETURN_IF_ERROR(statement.BindText(1, database));
  PORPOISE_RETURN_IF_ERROR(statement.BindText(2, table));
  return statement.Run();
}

Status RenameTableRow(storage::Database& db, std::string_view database, std::string_view table,
                      std::string_view new_database, std::string_view new_table) {
  PORPOISE_ASSIGN_OR_RETURN(
      storage::Statement statement,
      db.Prepare("UPDATE porpoise_tables SET db = ?, name = ? WHERE db = ? AND name = ?"));
  PORPOISE_RETURN_IF_ERROR(statement.BindText(1, new_database));
  PORPOISE_RETURN_IF_ERROR(statement.BindText(2, new_table));
  PORPOISE_RETURN_IF_ERROR(statement.BindText(3, database));
  PORPOISE_RETURN_IF_ERROR(statement.BindText(4, table));
  return statement.Run();
}

Result<uint64_t> ReadAutoIncrement(storage::Database& db, std::string_view database,
                                   std::string_view table) {
  PORPOISE_ASSIGN_OR_RETURN(
      storage::Statement statement,
      db.PrepareCached("SELECT auto_increment FROM porpoise_tables WHERE db = ? AND name = ?"));
  PORPOISE_RETURN_IF_ERROR(statement.BindText(1, database));
  PORPOISE_RETURN_IF_ERROR(statement.BindText(2, table));
  PORPOISE_ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) return uint64_t{1};
  return static_cast<uint64_t>(std::max<int64_t>(1, statement.ColumnInt64(0)));
}

Result<TableStatistics> ReadTableStatistics(storage::Database& db, const catalog::TableSchema& table) {
  TableStatistics statistics;
  {
    PORPOISE_ASSIGN_OR_RETURN(
        storage::Statement created,
        db.PrepareCached("SELECT create_time FROM porpoise_tables WHERE db = ? AND name = ?"));
    PORPOISE_RETURN_IF_ERROR(created.BindText(1, table.database));
    PORPOISE_RETURN_IF_ERROR(created.BindText(2, table.name));
    PORPOISE_ASSIGN_OR_RETURN(bool row, created.Step());
    if (row && created.ColumnType(0) != SQLITE_NULL) statistics.create_time = std::string(created.ColumnText(0));
    Status reset = created.Reset();
    (void)reset;
  }
  std::string name = catalog::SqliteTableName(table);
  Result<storage::Statement> count = db.Prepare("SELECT count(*) FROM " + name);
  // A table created after the reader's snapshot began is in the catalog but not in the
  // snapshot: it is listed, empty.
  if (!count.ok()) return statistics;
  PORPOISE_ASSIGN_OR_RETURN(bool counted, count->Step());
  if (counted) statistics.rows = static_cast<uint64_t>(count->ColumnInt64(0));
  // The pages of the table's b-tree and of its indexes' (SQLite's dbstat, one row a b-tree).
  std::string unquoted = name.substr(1, name.size() - 2);
  Result<storage::Statement> pages =
      db.Prepare("SELECT name = ?1, sum(pgsize) FROM dbstat('main', 1) "
                 "WHERE name = ?1 OR name LIKE ?1 || '\\_i%' ESCAPE '\\' GROUP BY name = ?1");
  if (pages.ok()) {
    PORPOISE_RETURN_IF_ERROR(pages->BindText(1, unquoted));
    while (true) {
      Result<bool> row = pages->Step();
      if (!row.ok() || !row.value()) break;
      uint64_t bytes = static_cast<uint64_t>(pages->ColumnInt64(1));
      (pages->ColumnInt64(0) != 0 ? statistics.data_length : statistics.index_length) = bytes;
    }
  }
  return statistics;
}

Status WriteAutoIncrement(storage::Database& db, std::string_view database,
                          std::string_view table, uint64_t next) {
  PORPOISE_ASSIGN_OR_RETURN(
      storage::Statement statement,
      db.PrepareCached("UPDATE porpoise_tables SET auto_increment = ? WHERE db = ? AND name = ?"));
  PORPOISE_RETURN_IF_ERROR(statement.BindInt64(1, static_cast<int64_t>(next)));
  PORPOISE_RETURN_IF_ERROR(statement.BindText(2, database));
  PORPOISE_RETURN_IF_ERROR(statement.BindText(3, table));
  return statement.Run();
}

}  // namespace porpoise::engine
