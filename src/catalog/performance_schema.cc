// Column definitions of the performance_schema tables, written as MySQL 8.4 declares them and
// read through the SQL parser once. (catalog/)
#include "catalog/performance_schema.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "sql/parser.h"

namespace porpoise::catalog {

namespace {

constexpr std::string_view kDatabase = "performance_schema";

// One statement per table, in name order. Keys are declared as MySQL declares them (they
// matter only to SHOW INDEX and information_schema; the rows are built per statement).
constexpr std::string_view kDefinitions[] = {
    "CREATE TABLE events_statements_summary_by_digest (SCHEMA_NAME varchar(64), "
    "DIGEST varchar(64), DIGEST_TEXT longtext, COUNT_STAR bigint unsigned NOT NULL, "
    "SUM_TIMER_WAIT bigint unsigned NOT NULL, MIN_TIMER_WAIT bigint unsigned NOT NULL, "
    "AVG_TIMER_WAIT bigint unsigned NOT NULL, MAX_TIMER_WAIT bigint unsigned NOT NULL, "
    "SUM_LOCK_TIME bigint unsigned NOT NULL, SUM_ERRORS bigint unsigned NOT NULL, "
    "SUM_WARNINGS bigint unsigned NOT NULL, SUM_ROWS_AFFECTED bigint unsigned NOT NULL, "
    "SUM_ROWS_SENT bigint unsigned NOT NULL, SUM_ROWS_EXAMINED bigint unsigned NOT NULL, "
    "SUM_CREATED_TMP_DISK_TABLES bigint unsigned NOT NULL, "
    "SUM_CREATED_TMP_TABLES bigint unsigned NOT NULL, SUM_SELECT_FULL_JOIN bigint unsigned NOT NULL, "
    "SUM_SELECT_FULL_RANGE_JOIN bigint unsigned NOT NULL, SUM_SELECT_RANGE bigint unsigned NOT NULL, "
    "SUM_SELECT_RANGE_CHECK bigint unsigned NOT NULL, SUM_SELECT_SCAN bigint unsigned NOT NULL, "
    "SUM_SORT_MERGE_PASSES bigint unsigned NOT NULL, SUM_SORT_RANGE bigint unsigned NOT NULL, "
    "SUM_SORT_ROWS bigint unsigned NOT NULL, SUM_SORT_SCAN bigint unsigned NOT NULL, "
    "SUM_NO_INDEX_USED bigint unsigned NOT NULL, SUM_NO_GOOD_INDEX_USED bigint unsigned NOT NULL, "
    "SUM_CPU_TIME bigint unsigned NOT NULL, MAX_CONTROLLED_MEMORY bigint unsigned NOT NULL, "
    "MAX_TOTAL_MEMORY bigint unsigned NOT NULL, COUNT_SECONDARY bigint unsigned NOT NULL, "
    "FIRST_SEEN timestamp(6) NOT NULL, LAST_SEEN timestamp(6) NOT NULL, "
    "QUANTILE_95 bigint unsigned NOT NULL, QUANTILE_99 bigint unsigned NOT NULL, "
    "QUANTILE_999 bigint unsigned NOT NULL, QUERY_SAMPLE_TEXT longtext, "
    "QUERY_SAMPLE_SEEN timestamp(6) NOT NULL, QUERY_SAMPLE_TIMER_WAIT bigint unsigned NOT NULL, "
    "UNIQUE KEY SCHEMA_NAME (SCHEMA_NAME, DIGEST) USING HASH)",
    "CREATE TABLE global_status (VARIABLE_NAME varchar(64) NOT NULL, "
    "VARIABLE_VALUE varchar(1024), PRIMARY KEY (VARIABLE_NAME) USING HASH)",
    "CREATE TABLE global_variables (VARIABLE_NAME varchar(64) NOT NULL, "
    "VARIABLE_VALUE varchar(1024), PRIMARY KEY (VARIABLE_NAME) USING HASH)",
    "CREATE TABLE host_cache (IP varchar(64) NOT NULL, HOST varchar(255) CHARACTER SET ascii, "
    "HOST_VALIDATED enum('YES','NO') NOT NULL, SUM_CONNECT_ERRORS bigint NOT NULL, "
    "COUNT_HOST_BLOCKED_ERRORS bigint NOT NULL, COUNT_NAMEINFO_TRANSIENT_ERRORS bigint NOT NULL, "
    "COUNT_NAMEINFO_PERMANENT_ERRORS bigint NOT NULL, COUNT_FORMAT_ERRORS bigint NOT NULL, "
    "COUNT_ADDRINFO_TRANSIENT_ERRORS bigint NOT NULL, COUNT_ADDRINFO_PERMANENT_ERRORS bigint NOT NULL, "
    "COUNT_FCRDNS_ERRORS bigint NOT NULL, COUNT_HOST_ACL_ERRORS bigint NOT NULL, "
    "COUNT_NO_AUTH_PLUGIN_ERRORS bigint NOT NULL, COUNT_AUTH_PLUGIN_ERRORS bigint NOT NULL, "
    "COUNT_HANDSHAKE_ERRORS bigint NOT NULL, COUNT_PROXY_USER_ERRORS bigint NOT NULL, "
    "COUNT_PROXY_USER_ACL_ERRORS bigint NOT NULL, COUNT_AUTHENTICATION_ERRORS bigint NOT NULL, "
    "COUNT_SSL_ERRORS bigint NOT NULL, COUNT_MAX_USER_CONNECTIONS_ERRORS bigint NOT NULL, "
    "COUNT_MAX_USER_CONNECTIONS_PER_HOUR_ERRORS bigint NOT NULL, "
    "COUNT_DEFAULT_DATABASE_ERRORS bigint NOT NULL, COUNT_INIT_CONNECT_ERRORS bigint NOT NULL, "
    "COUNT_LOCAL_ERRORS bigint NOT NULL, COUNT_UNKNOWN_ERRORS bigint NOT NULL, "
    "FIRST_SEEN timestamp NOT NULL, LAST_SEEN timestamp NOT NULL, "
    "FIRST_ERROR_SEEN timestamp NULL, LAST_ERROR_SEEN timestamp NULL, "
    "PRIMARY KEY (IP) USING HASH, KEY HOST (HOST) USING HASH)",
    "CREATE TABLE persisted_variables (VARIABLE_NAME varchar(64) NOT NULL, "
    "VARIABLE_VALUE varchar(1024), PRIMARY KEY (VARIABLE_NAME) USING HASH)",
    "CREATE TABLE processlist (ID bigint unsigned NOT NULL, USER varchar(32), "
    "HOST varchar(261) CHARACTER SET ascii, DB varchar(64), COMMAND varchar(16), TIME bigint, "
    "STATE varchar(64), INFO longtext, EXECUTION_ENGINE enum('PRIMARY','SECONDARY'), "
    "PRIMARY KEY (ID) USING HASH)",
    "CREATE TABLE replication_applier_status (CHANNEL_NAME char(64) NOT NULL, "
    "SERVICE_STATE enum('ON','OFF') NOT NULL, REMAINING_DELAY int unsigned, "
    "COUNT_TRANSACTIONS_RETRIES bigint unsigned NOT NULL, "
    "PRIMARY KEY (CHANNEL_NAME) USING HASH)",
    "CREATE TABLE replication_group_members (CHANNEL_NAME char(64) NOT NULL, "
    "MEMBER_ID char(36) CHARACTER SET ascii NOT NULL, "
    "MEMBER_HOST char(255) CHARACTER SET ascii NOT NULL, MEMBER_PORT int, "
    "MEMBER_STATE char(64) NOT NULL, MEMBER_ROLE char(64) NOT NULL, "
    "MEMBER_VERSION char(64) NOT NULL, MEMBER_COMMUNICATION_STACK char(64) NOT NULL)",
    "CREATE TABLE session_account_connect_attrs (PROCESSLIST_ID bigint unsigned NOT NULL, "
    "ATTR_NAME varchar(32) COLLATE utf8mb4_bin NOT NULL, "
    "ATTR_VALUE varchar(1024) COLLATE utf8mb4_bin, ORDINAL_POSITION int, "
    "PRIMARY KEY (PROCESSLIST_ID, ATTR_NAME) USING HASH)",
    "CREATE TABLE session_connect_attrs (PROCESSLIST_ID bigint unsigned NOT NULL, "
    "ATTR_NAME varchar(32) COLLATE utf8mb4_bin NOT NULL, "
    "ATTR_VALUE varchar(1024) COLLATE utf8mb4_bin, ORDINAL_POSITION int, "
    "PRIMARY KEY (PROCESSLIST_ID, ATTR_NAME) USING HASH)",
    "CREATE TABLE session_status (VARIABLE_NAME varchar(64) NOT NULL, "
    "VARIABLE_VALUE varchar(1024), PRIMARY KEY (VARIABLE_NAME) USING HASH)",
    "CREATE TABLE session_variables (VARIABLE_NAME varchar(64) NOT NULL, "
    "VARIABLE_VALUE varchar(1024), PRIMARY KEY (VARIABLE_NAME) USING HASH)",
    "CREATE TABLE threads (THREAD_ID bigint unsigned NOT NULL, NAME varchar(128) NOT NULL, "
    "TYPE varchar(10) NOT NULL, PROCESSLIST_ID bigint unsigned, PROCESSLIST_USER varchar(32), "
    "PROCESSLIST_HOST varchar(255) CHARACTER SET ascii, PROCESSLIST_DB varchar(64), "
    "PROCESSLIST_COMMAND varchar(16), PROCESSLIST_TIME bigint, PROCESSLIST_STATE varchar(64), "
    "PROCESSLIST_INFO longtext, PARENT_THREAD_ID bigint unsigned, ROLE varchar(64), "
    "INSTRUMENTED enum('YES','NO') NOT NULL, HISTORY enum('YES','NO') NOT NULL, "
    "CONNECTION_TYPE varchar(16), THREAD_OS_ID bigint unsigned, RESOURCE_GROUP varchar(64), "
    "EXECUTION_ENGINE enum('PRIMARY','SECONDARY'), CONTROLLED_MEMORY bigint unsigned NOT NULL, "
    "MAX_CONTROLLED_MEMORY bigint unsigned NOT NULL, TOTAL_MEMORY bigint unsigned NOT NULL, "
    "MAX_TOTAL_MEMORY bigint unsigned NOT NULL, TELEMETRY_ACTIVE enum('YES','NO') NOT NULL, "
    "PRIMARY KEY (THREAD_ID) USING HASH, KEY PROCESSLIST_ID (PROCESSLIST_ID) USING HASH, "
    "KEY THREAD_OS_ID (THREAD_OS_ID) USING HASH, KEY NAME (NAME) USING HASH, "
    "KEY PROCESSLIST_ACCOUNT (PROCESSLIST_USER, PROCESSLIST_HOST) USING HASH, "
    "KEY PROCESSLIST_HOST (PROCESSLIST_HOST) USING HASH, "
    "KEY RESOURCE_GROUP (RESOURCE_GROUP) USING HASH)",
    "CREATE TABLE variables_info (VARIABLE_NAME varchar(64) NOT NULL, "
    "VARIABLE_SOURCE enum('COMPILED','GLOBAL','SERVER','EXPLICIT','EXTRA','USER','LOGIN',"
    "'COMMAND_LINE','PERSISTED','DYNAMIC') DEFAULT 'COMPILED', VARIABLE_PATH varchar(1024), "
    "MIN_VALUE varchar(64), MAX_VALUE varchar(64), SET_TIME timestamp(6) NULL DEFAULT NULL, "
    "SET_USER char(32) COLLATE utf8mb4_bin, SET_HOST char(255) CHARACTER SET ascii)",
};

std::vector<std::shared_ptr<const TableSchema>> BuildTables() {
  std::vector<std::shared_ptr<const TableSchema>> tables;
  for (std::string_view definition : kDefinitions) {
    // Fixed text: a definition that does not parse is a bug here, caught by the tests.
    Result<sql::StatementPtr> parsed = sql::ParseOne(definition);
    if (!parsed.ok()) std::abort();
    auto* create = dynamic_cast<sql::CreateTableStatement*>(parsed.value().get());
    if (create == nullptr) std::abort();
    create->table.database = std::string(kDatabase);
    Result<TableSchema> table = BuildTableSchema(*create);
    if (!table.ok()) std::abort();
    table->engine = "PERFORMANCE_SCHEMA";
    tables.push_back(std::make_shared<const TableSchema>(std::move(table).value()));
  }
  return tables;
}

}  // namespace

const std::vector<std::shared_ptr<const TableSchema>>& PerformanceSchemaTables() {
  static const std::vector<std::shared_ptr<const TableSchema>> tables = BuildTables();
  return tables;
}

std::shared_ptr<const TableSchema> FindPerformanceSchemaTable(std::string_view name) {
  for (const auto& table : PerformanceSchemaTables()) {
    if (table->name == name) return table;
  }
  return nullptr;
}

bool IsPerformanceSchema(std::string_view database) { return database == kDatabase; }

bool PerformanceSchemaTableIsPublic(std::string_view name) {
  constexpr std::string_view kPublic[] = {
      "global_status",      "global_variables", "persisted_variables",
      "processlist",        "session_account_connect_attrs",
      "session_status",     "session_variables", "variables_info"};
  return std::find(std::begin(kPublic), std::end(kPublic), name) != std::end(kPublic);
}

}  // namespace porpoise::catalog
