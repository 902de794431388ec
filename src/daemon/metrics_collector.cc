// The metrics page, read from the engine and the session handlers (metrics_collector.h).
// (daemon/)
#include "daemon/metrics_collector.h"

#include <string_view>

#include "daemon/metrics_exposition.h"
#include "engine/variables.h"
#include "storage/group_sync.h"

namespace porpoise::daemon {
namespace {

// The global variables shown, as mysqld_exporter's dashboards use them.
constexpr std::string_view kShownVariables[] = {
    "connect_timeout",         "general_log",          "innodb_flush_log_at_trx_commit",
    "interactive_timeout",     "log_queries_not_using_indexes", "long_query_time",
    "max_allowed_packet",      "max_connect_errors",   "max_connections",
    "max_execution_time",      "max_prepared_stmt_count", "max_user_connections",
    "open_files_limit",        "read_only",            "slow_query_log",
    "super_read_only",         "table_open_cache",     "thread_cache_size",
    "wait_timeout",
};

}  // namespace

std::string RenderMetrics(engine::Engine& engine, const SessionHistograms& histograms) {
  MetricsPage page;
  const engine::GlobalVariables& globals = engine.globals();
  Result<std::string> version = globals.Get("version");
  if (version.ok()) page.version = *version;
  Result<std::string> comment = globals.Get("version_comment");
  if (comment.ok()) page.version_comment = *comment;
  page.status = engine.GlobalStatus();
  for (std::string_view name : kShownVariables) {
    Result<std::string> value = globals.Get(name);
    if (value.ok()) page.variables.emplace_back(std::string(name), *value);
  }
  page.histograms.push_back({"porpoise_query_duration_seconds",
                             "Time to run each statement a client sent (COM_QUERY, "
                             "COM_STMT_EXECUTE).",
                             histograms.statements.Read()});
  page.histograms.push_back({"porpoise_commit_duration_seconds",
                             "Time each write commit waited to be durable after its WAL frames "
                             "were written (innodb_flush_log_at_trx_commit).",
                             engine.group_sync().commit_latency().Read()});
  page.histograms.push_back({"porpoise_login_duration_seconds",
                             "Time from the greeting to the session being open: handshake, "
                             "TLS and authentication.",
                             histograms.logins.Read()});
  page.histograms.push_back({"porpoise_connection_duration_seconds",
                             "How long each client session lasted, login to disconnect.",
                             histograms.connections.Read()});
  return FormatMetrics(page);
}

}  // namespace porpoise::daemon
