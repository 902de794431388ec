// Engine::GlobalStatus: the server-wide values of SHOW GLOBAL STATUS, one list for SHOW
// STATUS, performance_schema.global_status and the metrics endpoint. (engine/)
#include <algorithm>
#include <string_view>

#include "engine/engine.h"
#include "sql/ast/statement.h"

namespace porpoise::engine {
namespace {

using Kind = sql::StatementKind;

// The statement kinds counted as Com_* (SHOW's forms are counted apart in MySQL).
constexpr std::pair<Kind, const char*> kCommandCounters[] = {
    {Kind::kSelect, "Com_select"}, {Kind::kInsert, "Com_insert"},
    {Kind::kUpdate, "Com_update"}, {Kind::kDelete, "Com_delete"},
    {Kind::kBegin, "Com_begin"}, {Kind::kCommit, "Com_commit"},
    {Kind::kRollback, "Com_rollback"}, {Kind::kSet, "Com_set_option"},
    {Kind::kCreateTable, "Com_create_table"}, {Kind::kDropTable, "Com_drop_table"},
    {Kind::kAlterTable, "Com_alter_table"}, {Kind::kCreateDatabase, "Com_create_db"},
    {Kind::kDropDatabase, "Com_drop_db"}, {Kind::kAlterDatabase, "Com_alter_db"}, {Kind::kCreateIndex, "Com_create_index"},
    {Kind::kDropIndex, "Com_drop_index"}, {Kind::kTruncateTable, "Com_truncate"},
    {Kind::kCall, "Com_call_procedure"}, {Kind::kFlush, "Com_flush"},
    {Kind::kUse, "Com_change_db"}, {Kind::kPrepare, "Com_prepare_sql"},
    {Kind::kExecute, "Com_execute_sql"}, {Kind::kDeallocatePrepare, "Com_dealloc_sql"},
    {Kind::kGrant, "Com_grant"}, {Kind::kCreateUser, "Com_create_user"},
    {Kind::kKill, "Com_kill"},
};

}  // namespace

std::vector<std::pair<std::string, std::string>> Engine::GlobalStatus() {
  std::vector<std::pair<std::string, std::string>> counters;
  if (hooks() != nullptr) counters = hooks()->StatusCounters();
  auto has = [&](std::string_view name) {
    return std::any_of(counters.begin(), counters.end(),
                       [&](const auto& entry) { return entry.first == name; });
  };
  if (!has("Uptime")) counters.emplace_back("Uptime", std::to_string(UptimeSeconds()));
  const StatementCounters& statements = statement_counters_;
  counters.emplace_back("Prepared_stmt_count", std::to_string(statements.prepared.load()));
  counters.emplace_back("Com_stmt_prepare", std::to_string(statements.prepare.load()));
  counters.emplace_back("Com_stmt_execute", std::to_string(statements.execute.load()));
  counters.emplace_back("Com_stmt_close", std::to_string(statements.close.load()));
  counters.emplace_back("Com_stmt_reset", std::to_string(statements.reset.load()));
  counters.emplace_back("Com_stmt_reprepare", "0");
  const QueryCounters& queries = query_counters_;
  counters.emplace_back("Queries", std::to_string(queries.queries.load()));
  counters.emplace_back("Slow_queries", std::to_string(queries.slow.load()));
  for (const auto& [kind, name] : kCommandCounters) {
    counters.emplace_back(name, std::to_string(queries.by_kind[static_cast<uint8_t>(kind)].load()));
  }
  counters.emplace_back("Flush_commands",
                        std::to_string(queries.by_kind[static_cast<uint8_t>(Kind::kFlush)].load()));
  size_t tables = 0;
  for (const auto& [name, schema] : catalog_.Current()->databases()) tables += schema->tables.size();
  counters.emplace_back("Open_tables", std::to_string(tables));
  counters.emplace_back("Opened_tables", std::to_string(tables));
  return counters;
}

}  // namespace porpoise::engine
