// performance_schema: before a statement that reads one of its tables, the session fills a
// TEMP table of that name (variables, status, connections and their attributes, threads), as
// for information_schema. The tables MySQL fills from instruments this server does not have
// stay empty. (engine/)
#include <sys/time.h>
#include <unistd.h>

#include <ctime>

#include "catalog/performance_schema.h"
#include "catalog/system_variables.h"
#include "engine/session.h"

namespace porpoise::engine {

namespace {

using Row = std::vector<Value>;

Value Text(std::string_view text) { return Value::Text(std::string(text)); }
Value Integer(int64_t value) { return Value::Integer(value); }
Value TextOrNull(std::string_view text) { return text.empty() ? Value::Null() : Text(text); }

// The `unix_seconds` moment as TIMESTAMP(6) text, in UTC.
std::string TimestampText(int64_t unix_seconds, int64_t micros) {
  time_t seconds = static_cast<time_t>(unix_seconds);
  struct tm parts {};
  gmtime_r(&seconds, &parts);
  char text[96];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02d.%06lld", parts.tm_year + 1900,
                parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
                static_cast<long long>(micros));
  return text;
}

// The background thread standing for the server itself, then one thread per connection.
// THREAD_ID is the connection id plus one (the server's own thread is 1).
void ThreadRows(const std::vector<ServerHooks::Process>& processes, int64_t uptime, std::vector<Row>* rows) {
  auto add = [&](Value thread_id, std::string_view name, std::string_view type, Row processlist,
                 Value parent, Value connection_type, Value os_id, std::string_view group) {
    Row row{thread_id, Text(name), Text(type)};
    row.insert(row.end(), processlist.begin(), processlist.end());
    row.insert(row.end(), {parent, Value::Null(), Text("YES"), Text("YES"), connection_type, os_id,
                           Text(group), Text("PRIMARY"), Integer(0), Integer(0), Integer(0), Integer(0),
                           Text("NO")});
    rows->push_back(std::move(row));
  };
  Row none(8, Value::Null());
  none[5] = Integer(uptime);  // PROCESSLIST_TIME: how long the server has run
  add(Integer(1), "thread/sql/main", "BACKGROUND", none, Value::Null(), Value::Null(),
      Integer(static_cast<int64_t>(getpid())), "SYS_default");
  for (const ServerHooks::Process& process : processes) {
    bool known = !process.account_user.empty() || !process.client_host.empty();
    Row processlist{Integer(process.id), known ? Text(process.user) : Value::Null(),
                    known ? Text(process.client_host) : Value::Null(), TextOrNull(process.db),
                    Text(process.command), Integer(static_cast<int64_t>(process.time)),
                    TextOrNull(process.state), TextOrNull(process.info)};
    add(Integer(static_cast<int64_t>(process.id) + 1), "thread/sql/one_connection", "FOREGROUND",
        std::move(processlist), Integer(1), Text(process.unix_socket ? "Socket" : "TCP/IP"),
        process.os_thread_id == 0 ? Value::Null() : Integer(static_cast<int64_t>(process.os_thread_id)),
        "USR_default");
  }
}

}  // namespace

bool Session::CanReadPerformanceSchemaTable(std::string_view name) {
  return bootstrap_ || catalog::PerformanceSchemaTableIsPublic(name) ||
         checker_.CheckTable(auth::Privilege::kSelect, "performance_schema", name).ok();
}

Status Session::PreparePerformanceSchema(const TranslatorContext& context) {
  for (const std::string& name : context.performance_schema_tables) {
    std::shared_ptr<const catalog::TableSchema> definition = catalog::FindPerformanceSchemaTable(name);
    if (!definition) continue;
    std::vector<Row> rows;
    auto pairs = [&](const std::vector<std::pair<std::string, std::string>>& values) {
      for (const auto& [variable, value] : values) rows.push_back(Row{Text(variable), Text(value)});
    };
    std::vector<ServerHooks::Process> processes;
    if (engine_.hooks() != nullptr) processes = engine_.hooks()->Processes();
    if (name == "session_variables" || name == "global_variables") {
      pairs(variables_.Show(name == "global_variables", std::nullopt));
    } else if (name == "session_status" || name == "global_status") {
      pairs(StatusVariables());
    } else if (name == "variables_info") {
      VariableInfoRows(&rows);
    } else if (name == "session_connect_attrs" || name == "session_account_connect_attrs") {
      const Principal& me = checker_.principal();
      bool all = name == "session_connect_attrs";
      for (const ServerHooks::Process& process : processes) {
        if (!all && (process.account_user != me.account_user || process.account_host != me.account_host)) {
          continue;
        }
        for (size_t i = 0; i < process.attributes.size(); ++i) {
          rows.push_back(Row{Integer(process.id), Text(process.attributes[i].first),
                             Text(process.attributes[i].second), Integer(static_cast<int64_t>(i))});
        }
      }
    } else if (name == "host_cache") {
      // Names are not resolved (skip_name_resolve): HOST is NULL, HOST_VALIDATED NO.
      std::vector<ServerHooks::HostCacheEntry> hosts;
      if (engine_.hooks() != nullptr) hosts = engine_.hooks()->HostCache();
      for (const ServerHooks::HostCacheEntry& host : hosts) {
        auto count = [](uint64_t value) { return Integer(static_cast<int64_t>(value)); };
        auto seen = [](int64_t when) {
          return when == 0 ? Value::Null() : Text(TimestampText(when, 0).substr(0, 19));
        };
        Row row{Text(host.ip), Value::Null(), Text("NO"), count(host.connect_errors),
                count(host.blocked)};
        for (int i = 0; i < 6; ++i) row.push_back(Integer(0));  // name and format errors
        row.push_back(count(host.host_acl_errors));
        row.push_back(Integer(0));
        row.push_back(Integer(0));
        row.push_back(count(host.handshake_errors));
        row.push_back(Integer(0));
        row.push_back(Integer(0));
        row.push_back(count(host.authentication_errors));
        for (int i = 0; i < 7; ++i) row.push_back(Integer(0));  // SSL .. UNKNOWN
        row.push_back(seen(host.first_seen));
        row.push_back(seen(host.last_seen));
        row.push_back(seen(host.first_error_seen));
        row.push_back(seen(host.last_error_seen));
        rows.push_back(std::move(row));
      }
    } else if (name == "threads") {
      ThreadRows(processes, static_cast<int64_t>(engine_.UptimeSeconds()), &rows);
    } else if (name == "processlist") {
      for (const ServerHooks::Process& process : VisibleProcesses()) {
        rows.push_back(Row{Integer(process.id), Text(process.user), Text(process.host), TextOrNull(process.db),
                           Text(process.command), Integer(static_cast<int64_t>(process.time)),
                           Text(process.state), TextOrNull(process.info), Text("PRIMARY")});
      }
    }
    PORPOISE_RETURN_IF_ERROR(FillVirtualTable(*definition, rows));
  }
  return Status::OK();
}

// One row per system variable: where its value came from (a SET in this session first, then
// the global value's origin), its range, and when and by whom it was set.
void Session::VariableInfoRows(std::vector<Row>* rows) {
  std::vector<VariableOrigin> origins = variables_.globals().Origins();
  std::string started = TimestampText(engine_.StartedUnixSeconds(), 0);
  std::span<const catalog::SystemVariable> table = catalog::AllSystemVariables();
  for (size_t i = 0; i < table.size(); ++i) {
    const catalog::SystemVariable& variable = table[i];
    const VariableOrigin* origin = &origins[i];
    auto own = session_variable_origins_.find(std::string(variable.name));
    if (own != session_variable_origins_.end() && variable.scope != catalog::VariableScope::kGlobal) {
      origin = &own->second;
    }
    bool numeric = variable.type == catalog::VariableType::kInteger ||
                   variable.type == catalog::VariableType::kUnsigned ||
                   variable.type == catalog::VariableType::kDouble;
    rows->push_back(Row{Text(variable.name), Text(origin->source), Text(origin->path),
                        Text(numeric ? std::to_string(variable.min) : "0"),
                        Text(numeric ? std::to_string(variable.max) : "0"),
                        Text(origin->set_time.empty() ? started : origin->set_time),
                        TextOrNull(origin->set_user), TextOrNull(origin->set_host)});
  }
}

// SET of a system variable: variables_info reports it as DYNAMIC from now on, with the moment
// and the client (the session's own for a session value, everyone's for a global one).
void Session::RecordVariableSet(std::string_view name, bool global) {
  const catalog::SystemVariable* variable = variables_.Find(name);
  if (variable == nullptr) return;
  struct timeval now {};
  gettimeofday(&now, nullptr);
  VariableOrigin origin;
  origin.source = "DYNAMIC";
  origin.set_time = TimestampText(now.tv_sec, now.tv_usec);
  origin.set_user = checker_.principal().user;
  origin.set_host = checker_.principal().client_host;
  if (global || variable->scope == catalog::VariableScope::kGlobal) {
    variables_.globals().SetOrigin(variable->name, std::move(origin));
  } else {
    session_variable_origins_[std::string(variable->name)] = std::move(origin);
  }
}

}  // namespace porpoise::engine
