// Column definitions of the information_schema tables. (catalog/)
#include "catalog/information_schema.h"
#include "common/strings.h"

#include <cctype>
#include <initializer_list>

namespace porpoise::catalog {

namespace {

struct ColumnSpec {
  std::string_view name;
  std::string_view type;  // canonical type name
  uint32_t length;        // 0: none
  bool is_unsigned;
};

std::shared_ptr<const TableSchema> MakeTable(std::string_view name,
                                             std::initializer_list<ColumnSpec> specs) {
  auto table = std::make_shared<TableSchema>();
  table->database = "information_schema";
  table->name = std::string(name);
  table->engine = "MEMORY";
  table->charset = "utf8mb3";
  table->collation = "utf8mb3_general_ci";
  for (const ColumnSpec& spec : specs) {
    ColumnSchema column;
    column.name = std::string(spec.name);
    column.type.name = std::string(spec.type);
    if (spec.length > 0) column.type.length = spec.length;
    column.type.is_unsigned = spec.is_unsigned;
    column.type_class = *ClassifyType(column.type);
    column.nullable = true;
    column.default_kind = DefaultKind::kNull;
    table->columns.push_back(std::move(column));
  }
  return table;
}

std::vector<std::shared_ptr<const TableSchema>> BuildTables() {
  std::vector<std::shared_ptr<const TableSchema>> tables;
  tables.push_back(MakeTable("CHARACTER_SETS", {{"CHARACTER_SET_NAME", "varchar", 64, false},
                                                {"DEFAULT_COLLATE_NAME", "varchar", 64, false},
                                                {"DESCRIPTION", "varchar", 2048, false},
                                                {"MAXLEN", "int", 0, true}}));
  tables.push_back(MakeTable("CHECK_CONSTRAINTS", {{"CONSTRAINT_CATALOG", "varchar", 64, false},
                                                   {"CONSTRAINT_SCHEMA", "varchar", 64, false},
                                                   {"CONSTRAINT_NAME", "varchar", 64, false},
                                                   {"CHECK_CLAUSE", "longtext", 0, false}}));
  tables.push_back(MakeTable("COLLATION_CHARACTER_SET_APPLICABILITY",
                             {{"COLLATION_NAME", "varchar", 64, false},
                              {"CHARACTER_SET_NAME", "varchar", 64, false}}));
  tables.push_back(MakeTable("COLLATIONS", {{"COLLATION_NAME", "varchar", 64, false},
                                            {"CHARACTER_SET_NAME", "varchar", 64, false},
                                            {"ID", "bigint", 0, true},
                                            {"IS_DEFAULT", "varchar", 3, false},
                                            {"IS_COMPILED", "varchar", 3, false},
                                            {"SORTLEN", "int", 0, true},
                                            {"PAD_ATTRIBUTE", "varchar", 9, false}}));
  tables.push_back(MakeTable(
      "COLUMNS",
      {{"TABLE_CATALOG", "varchar", 64, false},   {"TABLE_SCHEMA", "varchar", 64, false},
       {"TABLE_NAME", "varchar", 64, false},      {"COLUMN_NAME", "varchar", 64, false},
       {"ORDINAL_POSITION", "int", 0, true},      {"COLUMN_DEFAULT", "text", 0, false},
       {"IS_NULLABLE", "varchar", 3, false},      {"DATA_TYPE", "longtext", 0, false},
       {"CHARACTER_MAXIMUM_LENGTH", "bigint", 0, false},
       {"CHARACTER_OCTET_LENGTH", "bigint", 0, false},
       {"NUMERIC_PRECISION", "bigint", 0, true},  {"NUMERIC_SCALE", "bigint", 0, true},
       {"DATETIME_PRECISION", "int", 0, true},    {"CHARACTER_SET_NAME", "varchar", 64, false},
       {"COLLATION_NAME", "varchar", 64, false},  {"COLUMN_TYPE", "mediumtext", 0, false},
       {"COLUMN_KEY", "varchar", 3, false},       {"EXTRA", "varchar", 256, false},
       {"PRIVILEGES", "varchar", 154, false},     {"COLUMN_COMMENT", "text", 0, false},
       {"GENERATION_EXPRESSION", "longtext", 0, false}, {"SRS_ID", "int", 0, true}}));
  tables.push_back(MakeTable("ENGINES", {{"ENGINE", "varchar", 64, false},
                                         {"SUPPORT", "varchar", 8, false},
                                         {"COMMENT", "varchar", 80, false},
                                         {"TRANSACTIONS", "varchar", 3, false},
                                         {"XA", "varchar", 3, false},
                                         {"SAVEPOINTS", "varchar", 3, false}}));
  tables.push_back(MakeTable(
      "EVENTS",
      {{"EVENT_CATALOG", "varchar", 64, false},      {"EVENT_SCHEMA", "varchar", 64, false},
       {"EVENT_NAME", "varchar", 64, false},         {"DEFINER", "varchar", 288, false},
       {"TIME_ZONE", "varchar", 64, false},          {"EVENT_BODY", "varchar", 3, false},
       {"EVENT_DEFINITION", "longtext", 0, false},   {"EVENT_TYPE", "varchar", 9, false},
       {"EXECUTE_AT", "datetime", 0, false},         {"INTERVAL_VALUE", "varchar", 256, false},
       {"INTERVAL_FIELD", "varchar", 18, false},     {"SQL_MODE", "varchar", 520, false},
       {"STARTS", "datetime", 0, false},             {"ENDS", "datetime", 0, false},
       {"STATUS", "varchar", 18, false},             {"ON_COMPLETION", "varchar", 12, false},
       {"CREATED", "timestamp", 0, false},           {"LAST_ALTERED", "timestamp", 0, false},
       {"LAST_EXECUTED", "datetime", 0, false},      {"EVENT_COMMENT", "varchar", 2048, false},
       {"ORIGINATOR", "int", 0, true},               {"CHARACTER_SET_CLIENT", "varchar", 64, false},
       {"COLLATION_CONNECTION", "varchar", 64, false}, {"DATABASE_COLLATION", "varchar", 64, false}}));
  tables.push_back(MakeTable(
      "KEY_COLUMN_USAGE",
      {{"CONSTRAINT_CATALOG", "varchar", 64, false}, {"CONSTRAINT_SCHEMA", "varchar", 64, false},
       {"CONSTRAINT_NAME", "varchar", 64, false},    {"TABLE_CATALOG", "varchar", 64, false},
       {"TABLE_SCHEMA", "varchar", 64, false},       {"TABLE_NAME", "varchar", 64, false},
       {"COLUMN_NAME", "varchar", 64, false},        {"ORDINAL_POSITION", "int", 0, true},
       {"POSITION_IN_UNIQUE_CONSTRAINT", "int", 0, true},
       {"REFERENCED_TABLE_SCHEMA", "varchar", 64, false},
       {"REFERENCED_TABLE_NAME", "varchar", 64, false},
       {"REFERENCED_COLUMN_NAME", "varchar", 64, false}}));
  tables.push_back(MakeTable(
      "REFERENTIAL_CONSTRAINTS",
      {{"CONSTRAINT_CATALOG", "varchar", 64, false}, {"CONSTRAINT_SCHEMA", "varchar", 64, false},
       {"CONSTRAINT_NAME", "varchar", 64, false},
       {"UNIQUE_CONSTRAINT_CATALOG", "varchar", 64, false},
       {"UNIQUE_CONSTRAINT_SCHEMA", "varchar", 64, false},
       {"UNIQUE_CONSTRAINT_NAME", "varchar", 64, false}, {"MATCH_OPTION", "varchar", 7, false},
       {"UPDATE_RULE", "varchar", 11, false},         {"DELETE_RULE", "varchar", 11, false},
       {"TABLE_NAME", "varchar", 64, false},          {"REFERENCED_TABLE_NAME", "varchar", 64, false}}));
  tables.push_back(MakeTable(
      "PARAMETERS",
      {{"SPECIFIC_CATALOG", "varchar", 64, false}, {"SPECIFIC_SCHEMA", "varchar", 64, false},
       {"SPECIFIC_NAME", "varchar", 64, false},    {"ORDINAL_POSITION", "int", 0, true},
       {"PARAMETER_MODE", "varchar", 5, false},    {"PARAMETER_NAME", "varchar", 64, false},
       {"DATA_TYPE", "longtext", 0, false},        {"CHARACTER_MAXIMUM_LENGTH", "bigint", 0, false},
       {"CHARACTER_OCTET_LENGTH", "bigint", 0, false}, {"NUMERIC_PRECISION", "int", 0, true},
       {"NUMERIC_SCALE", "bigint", 0, false},      {"DATETIME_PRECISION", "int", 0, true},
       {"CHARACTER_SET_NAME", "varchar", 64, false}, {"COLLATION_NAME", "varchar", 64, false},
       {"DTD_IDENTIFIER", "mediumtext", 0, false}, {"ROUTINE_TYPE", "varchar", 9, false}}));
  tables.push_back(MakeTable(
      "PARTITIONS",
      {{"TABLE_CATALOG", "varchar", 64, false},      {"TABLE_SCHEMA", "varchar", 64, false},
       {"TABLE_NAME", "varchar", 64, false},         {"PARTITION_NAME", "varchar", 64, false},
       {"SUBPARTITION_NAME", "varchar", 64, false},  {"PARTITION_ORDINAL_POSITION", "int", 0, true},
       {"SUBPARTITION_ORDINAL_POSITION", "int", 0, true}, {"PARTITION_METHOD", "varchar", 13, false},
       {"SUBPARTITION_METHOD", "varchar", 13, false}, {"PARTITION_EXPRESSION", "varchar", 2048, false},
       {"SUBPARTITION_EXPRESSION", "varchar", 2048, false}, {"PARTITION_DESCRIPTION", "text", 0, false},
       {"TABLE_ROWS", "bigint", 0, true},            {"AVG_ROW_LENGTH", "bigint", 0, true},
       {"DATA_LENGTH", "bigint", 0, true},           {"MAX_DATA_LENGTH", "bigint", 0, true},
       {"INDEX_LENGTH", "bigint", 0, true},          {"DATA_FREE", "bigint", 0, true},
       {"CREATE_TIME", "timestamp", 0, false},       {"UPDATE_TIME", "datetime", 0, false},
       {"CHECK_TIME", "datetime", 0, false},         {"CHECKSUM", "bigint", 0, false},
       {"PARTITION_COMMENT", "text", 0, false},      {"NODEGROUP", "varchar", 256, false},
       {"TABLESPACE_NAME", "varchar", 268, false}}));
  tables.push_back(MakeTable(
      "ROUTINES",
      {{"SPECIFIC_NAME", "varchar", 64, false},      {"ROUTINE_CATALOG", "varchar", 64, false},
       {"ROUTINE_SCHEMA", "varchar", 64, false},     {"ROUTINE_NAME", "varchar", 64, false},
       {"ROUTINE_TYPE", "varchar", 9, false},        {"DATA_TYPE", "longtext", 0, false},
       {"CHARACTER_MAXIMUM_LENGTH", "bigint", 0, false}, {"CHARACTER_OCTET_LENGTH", "bigint", 0, false},
       {"NUMERIC_PRECISION", "int", 0, true},        {"NUMERIC_SCALE", "int", 0, true},
       {"DATETIME_PRECISION", "int", 0, true},       {"CHARACTER_SET_NAME", "varchar", 64, false},
       {"COLLATION_NAME", "varchar", 64, false},     {"DTD_IDENTIFIER", "longtext", 0, false},
       {"ROUTINE_BODY", "varchar", 3, false},        {"ROUTINE_DEFINITION", "longtext", 0, false},
       {"EXTERNAL_NAME", "varchar", 64, false},      {"EXTERNAL_LANGUAGE", "varchar", 64, false},
       {"PARAMETER_STYLE", "varchar", 3, false},     {"IS_DETERMINISTIC", "varchar", 3, false},
       {"SQL_DATA_ACCESS", "varchar", 17, false},    {"SQL_PATH", "varchar", 64, false},
       {"SECURITY_TYPE", "varchar", 7, false},       {"CREATED", "timestamp", 0, false},
       {"LAST_ALTERED", "timestamp", 0, false},      {"SQL_MODE", "varchar", 520, false},
       {"ROUTINE_COMMENT", "text", 0, false},        {"DEFINER", "varchar", 288, false},
       {"CHARACTER_SET_CLIENT", "varchar", 64, false}, {"COLLATION_CONNECTION", "varchar", 64, false},
       {"DATABASE_COLLATION", "varchar", 64, false}}));
  tables.push_back(MakeTable("SCHEMATA", {{"CATALOG_NAME", "varchar", 64, false},
                                          {"SCHEMA_NAME", "varchar", 64, false},
                                          {"DEFAULT_CHARACTER_SET_NAME", "varchar", 64, false},
                                          {"DEFAULT_COLLATION_NAME", "varchar", 64, false},
                                          {"SQL_PATH", "varchar", 512, false},
                                          {"DEFAULT_ENCRYPTION", "varchar", 3, false}}));
  tables.push_back(MakeTable(
      "STATISTICS",
      {{"TABLE_CATALOG", "varchar", 64, false}, {"TABLE_SCHEMA", "varchar", 64, false},
       {"TABLE_NAME", "varchar", 64, false},    {"NON_UNIQUE", "int", 0, false},
       {"INDEX_SCHEMA", "varchar", 64, false},  {"INDEX_NAME", "varchar", 64, false},
       {"SEQ_IN_INDEX", "int", 0, true},        {"COLUMN_NAME", "varchar", 64, false},
       {"COLLATION", "varchar", 1, false},      {"CARDINALITY", "bigint", 0, false},
       {"SUB_PART", "bigint", 0, false},        {"PACKED", "varchar", 10, false},
       {"NULLABLE", "varchar", 3, false},       {"INDEX_TYPE", "varchar", 11, false},
       {"COMMENT", "varchar", 8, false},        {"INDEX_COMMENT", "varchar", 2048, false},
       {"IS_VISIBLE", "varchar", 3, false},     {"EXPRESSION", "longtext", 0, false}}));
  tables.push_back(MakeTable(
      "TABLE_CONSTRAINTS",
      {{"CONSTRAINT_CATALOG", "varchar", 64, false}, {"CONSTRAINT_SCHEMA", "varchar", 64, false},
       {"CONSTRAINT_NAME", "varchar", 64, false},    {"TABLE_SCHEMA", "varchar", 64, false},
       {"TABLE_NAME", "varchar", 64, false},         {"CONSTRAINT_TYPE", "varchar", 11, false},
       {"ENFORCED", "varchar", 3, false}}));
  tables.push_back(MakeTable(
      "TABLES",
      {{"TABLE_CATALOG", "varchar", 64, false},  {"TABLE_SCHEMA", "varchar", 64, false},
       {"TABLE_NAME", "varchar", 64, false},     {"TABLE_TYPE", "varchar", 64, false},
       {"ENGINE", "varchar", 64, false},         {"VERSION", "int", 0, false},
       {"ROW_FORMAT", "varchar", 10, false},     {"TABLE_ROWS", "bigint", 0, true},
       {"AVG_ROW_LENGTH", "bigint", 0, true},    {"DATA_LENGTH", "bigint", 0, true},
       {"MAX_DATA_LENGTH", "bigint", 0, true},   {"INDEX_LENGTH", "bigint", 0, true},
       {"DATA_FREE", "bigint", 0, true},         {"AUTO_INCREMENT", "bigint", 0, true},
       {"CREATE_TIME", "datetime", 0, false},    {"UPDATE_TIME", "datetime", 0, false},
       {"CHECK_TIME", "datetime", 0, false},     {"TABLE_COLLATION", "varchar", 64, false},
       {"CHECKSUM", "bigint", 0, false},         {"CREATE_OPTIONS", "varchar", 256, false},
       {"TABLE_COMMENT", "text", 0, false}}));
  tables.push_back(MakeTable(
      "TRIGGERS",
      {{"TRIGGER_CATALOG", "varchar", 64, false},    {"TRIGGER_SCHEMA", "varchar", 64, false},
       {"TRIGGER_NAME", "varchar", 64, false},       {"EVENT_MANIPULATION", "varchar", 6, false},
       {"EVENT_OBJECT_CATALOG", "varchar", 64, false}, {"EVENT_OBJECT_SCHEMA", "varchar", 64, false},
       {"EVENT_OBJECT_TABLE", "varchar", 64, false}, {"ACTION_ORDER", "int", 0, true},
       {"ACTION_CONDITION", "binary", 0, false},     {"ACTION_STATEMENT", "longtext", 0, false},
       {"ACTION_ORIENTATION", "varchar", 3, false},  {"ACTION_TIMING", "varchar", 6, false},
       {"ACTION_REFERENCE_OLD_TABLE", "binary", 0, false},
       {"ACTION_REFERENCE_NEW_TABLE", "binary", 0, false},
       {"ACTION_REFERENCE_OLD_ROW", "varchar", 3, false}, {"ACTION_REFERENCE_NEW_ROW", "varchar", 3, false},
       {"CREATED", "timestamp", 0, false},           {"SQL_MODE", "varchar", 520, false},
       {"DEFINER", "varchar", 288, false},           {"CHARACTER_SET_CLIENT", "varchar", 64, false},
       {"COLLATION_CONNECTION", "varchar", 64, false}, {"DATABASE_COLLATION", "varchar", 64, false}}));
  const ColumnSpec grantee{"GRANTEE", "varchar", 292, false};
  const ColumnSpec catalog{"TABLE_CATALOG", "varchar", 512, false};
  const ColumnSpec privilege{"PRIVILEGE_TYPE", "varchar", 64, false};
  const ColumnSpec grantable{"IS_GRANTABLE", "varchar", 3, false};
  tables.push_back(MakeTable("USER_PRIVILEGES", {grantee, catalog, privilege, grantable}));
  tables.push_back(MakeTable("SCHEMA_PRIVILEGES", {grantee, catalog, {"TABLE_SCHEMA", "varchar", 64, false},
                                                   privilege, grantable}));
  tables.push_back(MakeTable("TABLE_PRIVILEGES", {grantee, catalog, {"TABLE_SCHEMA", "varchar", 64, false},
                                                  {"TABLE_NAME", "varchar", 64, false}, privilege,
                                                  grantable}));
  tables.push_back(MakeTable("COLUMN_PRIVILEGES",
                             {grantee, catalog, {"TABLE_SCHEMA", "varchar", 64, false},
                              {"TABLE_NAME", "varchar", 64, false}, {"COLUMN_NAME", "varchar", 64, false},
                              privilege, grantable}));
  // Roles: those the current account may activate (APPLICABLE_ROLES, one row per grant of a
  // role on the way from the account) and those active in the session (ENABLED_ROLES).
  const ColumnSpec role_name{"ROLE_NAME", "varchar", 255, false};
  const ColumnSpec role_host{"ROLE_HOST", "varchar", 255, false};
  const ColumnSpec is_default{"IS_DEFAULT", "varchar", 3, false};
  const ColumnSpec is_mandatory{"IS_MANDATORY", "varchar", 3, false};
  tables.push_back(MakeTable("APPLICABLE_ROLES",
                             {{"USER", "varchar", 97, false}, {"HOST", "varchar", 256, false},
                              {"GRANTEE", "varchar", 97, false}, {"GRANTEE_HOST", "varchar", 256, false},
                              role_name, role_host, {"IS_GRANTABLE", "varchar", 3, false}, is_default,
                              is_mandatory}));
  tables.push_back(MakeTable("ENABLED_ROLES", {role_name, role_host, is_default, is_mandatory}));
  tables.push_back(MakeTable("PROCESSLIST", {{"ID", "bigint", 0, true},
                                             {"USER", "varchar", 32, false},
                                             {"HOST", "varchar", 261, false},
                                             {"DB", "varchar", 64, false},
                                             {"COMMAND", "varchar", 16, false},
                                             {"TIME", "int", 0, false},
                                             {"STATE", "varchar", 64, false},
                                             {"INFO", "longtext", 0, false}}));
  tables.push_back(MakeTable("KEYWORDS", {{"WORD", "varchar", 128, false}, {"RESERVED", "int", 0, false}}));
  tables.push_back(MakeTable(
      "PLUGINS",
      {{"PLUGIN_NAME", "varchar", 64, false},        {"PLUGIN_VERSION", "varchar", 20, false},
       {"PLUGIN_STATUS", "varchar", 10, false},      {"PLUGIN_TYPE", "varchar", 80, false},
       {"PLUGIN_TYPE_VERSION", "varchar", 20, false}, {"PLUGIN_LIBRARY", "varchar", 64, false},
       {"PLUGIN_LIBRARY_VERSION", "varchar", 20, false}, {"PLUGIN_AUTHOR", "varchar", 64, false},
       {"PLUGIN_DESCRIPTION", "longtext", 0, false}, {"PLUGIN_LICENSE", "varchar", 80, false},
       {"LOAD_OPTION", "varchar", 64, false}}));
  // InnoDB's transaction list, which tools probe: no InnoDB here, so always empty.
  tables.push_back(MakeTable(
      "INNODB_TRX",
      {{"trx_id", "bigint", 0, true},                {"trx_state", "varchar", 13, false},
       {"trx_started", "datetime", 0, false},        {"trx_requested_lock_id", "varchar", 105, false},
       {"trx_wait_started", "datetime", 0, false},   {"trx_weight", "bigint", 0, true},
       {"trx_mysql_thread_id", "bigint", 0, true},   {"trx_query", "varchar", 1024, false},
       {"trx_operation_state", "varchar", 64, false}, {"trx_tables_in_use", "bigint", 0, true},
       {"trx_tables_locked", "bigint", 0, true},     {"trx_lock_structs", "bigint", 0, true},
       {"trx_lock_memory_bytes", "bigint", 0, true}, {"trx_rows_locked", "bigint", 0, true},
       {"trx_rows_modified", "bigint", 0, true},     {"trx_concurrency_tickets", "bigint", 0, true},
       {"trx_isolation_level", "varchar", 16, false}, {"trx_unique_checks", "int", 0, false},
       {"trx_foreign_key_checks", "int", 0, false},  {"trx_last_foreign_key_error", "varchar", 256, false},
       {"trx_adaptive_hash_latched", "int", 0, false}, {"trx_adaptive_hash_timeout", "bigint", 0, true},
       {"trx_is_read_only", "int", 0, false},        {"trx_autocommit_non_locking", "int", 0, false},
       {"trx_schedule_weight", "bigint", 0, true}}));
  tables.push_back(MakeTable("VIEWS", {{"TABLE_CATALOG", "varchar", 64, false},
                                       {"TABLE_SCHEMA", "varchar", 64, false},
                                       {"TABLE_NAME", "varchar", 64, false},
                                       {"VIEW_DEFINITION", "longtext", 0, false},
                                       {"CHECK_OPTION", "varchar", 8, false},
                                       {"IS_UPDATABLE", "varchar", 3, false},
                                       {"DEFINER", "varchar", 288, false},
                                       {"SECURITY_TYPE", "varchar", 7, false},
                                       {"CHARACTER_SET_CLIENT", "varchar", 64, false},
                                       {"COLLATION_CONNECTION", "varchar", 64, false}}));
  return tables;
}

}  // namespace

const std::vector<std::shared_ptr<const TableSchema>>& InformationSchemaTables() {
  static const std::vector<std::shared_ptr<const TableSchema>> tables = BuildTables();
  return tables;
}

std::shared_ptr<const TableSchema> FindInformationSchemaTable(std::string_view name) {
  for (const auto& table : InformationSchemaTables()) {
    if (EqualsIgnoreCase(table->name, name)) return table;
  }
  return nullptr;
}

bool IsInformationSchema(std::string_view database) {
  return EqualsIgnoreCase(database, "information_schema");
}

}  // namespace porpoise::catalog
