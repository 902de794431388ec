// SHOW statements: each builds its rows in memory from the catalog, the variables, the account
// manager or the server hooks, then LIKE / WHERE filter them as MySQL does. (engine/)
#include <algorithm>
#include <array>

#include "catalog/charsets.h"
#include "catalog/information_schema.h"
#include "catalog/performance_schema.h"
#include "common/strings.h"
#include "engine/account_manager.h"
#include "engine/bound_query.h"
#include "engine/catalog_store.h"
#include "engine/emitter.h"
#include "engine/session.h"
#include "storage/database.h"

namespace porpoise::engine {

namespace {

OutputColumn TextColumn(std::string name, uint32_t length = 64) {
  ExprType type;
  type.type = ValueType::kString;
  type.length = length;
  OutputColumn column;
  column.type = type;
  column.info = MakeColumnInfo(type, std::move(name));
  return column;
}

OutputColumn IntegerColumn(std::string name) {
  ExprType type;
  type.type = ValueType::kInteger;
  type.length = 21;
  OutputColumn column;
  column.type = type;
  column.info = MakeColumnInfo(type, std::move(name));
  return column;
}

using Cell = std::optional<std::string>;

// SHOW BINARY LOGS / BINARY LOG STATUS / REPLICA STATUS / REPLICAS of a server that keeps no
// binary log and replicates from nobody: 1381 for the logs, empty results (with MySQL 8.4's
// columns, which it sets in *columns) for the rest, behind the privileges MySQL asks for (1227).
Status ReplicationColumns(sql::ShowStatement::What what, const AccessChecker& checker,
                          std::vector<OutputColumn>* columns) {
  using What = sql::ShowStatement::What;
  if (what == What::kReplicas) {
    if (!checker.HasGlobal(auth::Privilege::kReplicationSlave)) {
      return Status::Error(ER_SPECIFIC_ACCESS_DENIED_ERROR, "REPLICATION SLAVE");
    }
  } else if (!checker.HasGlobal(auth::Privilege::kSuper) &&
             !checker.HasGlobal(auth::Privilege::kReplicationClient)) {
    return Status::Error(ER_SPECIFIC_ACCESS_DENIED_ERROR, "SUPER, REPLICATION CLIENT");
  }
  if (what == What::kBinaryLogs) return Status::Error(ER_NO_BINARY_LOGGING);
  if (what == What::kBinaryLogStatus) {
    *columns = {TextColumn("File", 512), IntegerColumn("Position"),
                TextColumn("Binlog_Do_DB", 255), TextColumn("Binlog_Ignore_DB", 255),
                TextColumn("Executed_Gtid_Set", 1024)};
    return Status::OK();
  }
  if (what == What::kReplicas) {
    *columns = {IntegerColumn("Server_Id"), TextColumn("Host", 255), IntegerColumn("Port"),
                IntegerColumn("Source_Id"), TextColumn("Replica_UUID", 36)};
    return Status::OK();
  }
  static constexpr std::string_view kNumbers[] = {
      "Source_Port", "Connect_Retry", "Read_Source_Log_Pos", "Relay_Log_Pos", "Last_Errno",
      "Skip_Counter", "Exec_Source_Log_Pos", "Relay_Log_Space", "Until_Log_Pos",
      "Seconds_Behind_Source", "Last_IO_Errno", "Last_SQL_Errno", "Source_Server_Id",
      "SQL_Delay", "SQL_Remaining_Delay", "Source_Retry_Count", "Auto_Position",
      "Get_Source_public_key"};
  static constexpr std::string_view kColumns[] = {
      "Replica_IO_State", "Source_Host", "Source_User", "Source_Port", "Connect_Retry",
      "Source_Log_File", "Read_Source_Log_Pos", "Relay_Log_File", "Relay_Log_Pos",
      "Relay_Source_Log_File", "Replica_IO_Running", "Replica_SQL_Running", "Replicate_Do_DB",
      "Replicate_Ignore_DB", "Replicate_Do_Table", "Replicate_Ignore_Table",
      "Replicate_Wild_Do_Table", "Replicate_Wild_Ignore_Table", "Last_Errno", "Last_Error",
      "Skip_Counter", "Exec_Source_Log_Pos", "Relay_Log_Space", "Until_Condition",
      "Until_Log_File", "Until_Log_Pos", "Source_SSL_Allowed", "Source_SSL_CA_File",
      "Source_SSL_CA_Path", "Source_SSL_Cert", "Source_SSL_Cipher", "Source_SSL_Key",
      "Seconds_Behind_Source", "Source_SSL_Verify_Server_Cert", "Last_IO_Errno",
      "Last_IO_Error", "Last_SQL_Errno", "Last_SQL_Error", "Replicate_Ignore_Server_Ids",
      "Source_Server_Id", "Source_UUID", "Source_Info_File", "SQL_Delay",
      "SQL_Remaining_Delay", "Replica_SQL_Running_State", "Source_Retry_Count", "Source_Bind",
      "Last_IO_Error_Timestamp", "Last_SQL_Error_Timestamp", "Source_SSL_Crl",
      "Source_SSL_Crlpath", "Retrieved_Gtid_Set", "Executed_Gtid_Set", "Auto_Position",
      "Replicate_Rewrite_DB", "Channel_Name", "Source_TLS_Version", "Source_public_key_path",
      "Get_Source_public_key", "Network_Namespace"};
  for (std::string_view name : kColumns) {
    bool number = std::find(std::begin(kNumbers), std::end(kNumbers), name) != std::end(kNumbers);
    columns->push_back(number ? IntegerColumn(std::string(name)) : TextColumn(std::string(name)));
  }
  return Status::OK();
}

}  // namespace

std::string_view DiagnosticLevel(const Status& status) {
  if (status.is_note()) return "Note";
  switch (status.code()) {
    case ER_DB_CREATE_EXISTS:
    case ER_DB_DROP_EXISTS:
    case ER_TABLE_EXISTS_ERROR:
    case ER_BAD_TABLE_ERROR:
    case ER_USER_DOES_NOT_EXIST:
    case ER_USER_ALREADY_EXISTS:
    case ER_ILLEGAL_HA:
      return "Note";
    default:
      return "Warning";
  }
}

namespace {

std::string_view LevelOf(const Status& status) { return DiagnosticLevel(status); }

}  // namespace

Status Session::ExecuteTableMaintenance(const sql::TableMaintenanceStatement& statement,
                                       ResultSink& sink, bool more) {
  using Operation = sql::TableMaintenanceStatement::Operation;
  std::string_view op = statement.operation == Operation::kAnalyze    ? "analyze"
                        : statement.operation == Operation::kCheck    ? "check"
                        : statement.operation == Operation::kOptimize ? "optimize"
                                                                      : "repair";
  if (statement.operation != Operation::kCheck) PORPOISE_RETURN_IF_ERROR(ImplicitCommit());
  // ANALYZE writes SQLite's statistics: it takes the write lock like any other writer.
  auto analyze = [&](const catalog::TableSchema& table) -> Status {
    PORPOISE_RETURN_IF_ERROR(TranslateStorageError(db_->LockForWriting()));
    return TranslateStorageError(db_->Execute("ANALYZE " + catalog::SqliteTableName(table)));
  };
  Rows rows;
  rows.columns = {TextColumn("Table", 128), TextColumn("Op", 10), TextColumn("Msg_type", 10),
                  TextColumn("Msg_text", 1024)};
  for (const sql::TableName& name : statement.tables) {
    std::string database = name.database.empty() ? database_ : name.database;
    if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
    PORPOISE_RETURN_IF_ERROR(RequireTable(auth::Privilege::kSelect, database, name.table));
    if (statement.operation != Operation::kCheck) {
      PORPOISE_RETURN_IF_ERROR(RequireTable(auth::Privilege::kInsert, database, name.table));
    }
    std::string shown = database + "." + name.table;
    auto add = [&](std::string_view type, std::string text) {
      rows.rows.push_back({shown, std::string(op), std::string(type), std::move(text)});
    };
    std::shared_ptr<const catalog::TableSchema> table = catalog_->FindTable(database, name.table);
    if (!table) {
      add("Error", Status::Error(ER_NO_SUCH_TABLE, database, name.table).message());
      add("status", "Operation failed");
      continue;
    }
    if (table->view && statement.operation != Operation::kCheck) {
      add("Error", Status::Error(ER_WRONG_OBJECT, database, name.table, "BASE TABLE").message());
      add("status", "Operation failed");
      continue;
    }
    switch (statement.operation) {
      case Operation::kAnalyze:
        // Fresh statistics for SQLite's planner.
        PORPOISE_RETURN_IF_ERROR(analyze(*table));
        add("status", "OK");
        break;
      case Operation::kCheck:
        add("status", "OK");
        break;
      case Operation::kOptimize:
        add("note", "Table does not support optimize, doing recreate + analyze instead");
        PORPOISE_RETURN_IF_ERROR(analyze(*table));
        add("status", "OK");
        break;
      case Operation::kRepair:
        add("note", "The storage engine for the table doesn't support repair");
        break;
    }
  }
  return SendRows(rows, sink, more);
}

Status Session::ExecuteShow(const sql::ShowStatement& show, ResultSink& sink, bool more) {
  PORPOISE_ASSIGN_OR_RETURN(Rows rows, ShowRows(show));
  // SHOW WARNINGS and SHOW ERRORS leave FOUND_ROWS() as the statement before left it.
  bool diagnostic = show.what == sql::ShowStatement::What::kWarnings || show.what == sql::ShowStatement::What::kErrors ||
                    show.what == sql::ShowStatement::What::kCountWarnings ||
                    show.what == sql::ShowStatement::What::kCountErrors;
  uint64_t found_rows = found_rows_;
  PORPOISE_RETURN_IF_ERROR(SendRows(rows, sink, more));
  if (diagnostic) found_rows_ = found_rows;
  return Status::OK();
}

Result<Session::Rows> Session::FilterRows(Rows rows, const sql::ShowStatement& show,
                                          size_t like_column) {
  if (show.like) {
    std::vector<std::vector<Cell>> kept;
    for (auto& row : rows.rows) {
      if (like_column < row.size() && row[like_column] &&
          MatchesLikePattern(*row[like_column], *show.like)) {
        kept.push_back(std::move(row));
      }
    }
    rows.rows = std::move(kept);
  }
  if (!show.where) return rows;
  // WHERE runs in SQLite over the rows as a VALUES table named like the SHOW's columns.
  TranslatorContext context = MakeTranslatorContext();
  Translator translator(context);
  Scope scope;
  ScopeTable table;
  table.alias = "show";
  for (const OutputColumn& column : rows.columns) {
    table.derived_names.push_back(column.info.name);
    table.derived_columns.push_back(column);
  }
  scope.tables.push_back(table);
  PORPOISE_ASSIGN_OR_RETURN(BoundExpr where, translator.TranslateExpr(*show.where, scope, Clause::kWhere));
  // Its subqueries read tables like a SELECT does, whether or not there are rows to filter.
  PORPOISE_RETURN_IF_ERROR(CheckReads(context));
  if (rows.rows.empty()) return rows;
  BoundRowFilter filter{"show", {}, {}, std::move(where)};
  for (const OutputColumn& column : rows.columns) filter.names.push_back(column.info.name);
  for (const std::vector<Cell>& row : rows.rows) {
    std::vector<Value>& values = filter.rows.emplace_back();
    for (size_t i = 0; i < rows.columns.size(); ++i) {
      const Cell& cell = row[i];
      if (!cell) {
        values.push_back(Value::Null());
      } else if (rows.columns[i].type.type == ValueType::kInteger) {
        values.push_back(Value::Integer(std::strtoll(cell->c_str(), nullptr, 10)));
      } else {
        values.push_back(Value::Text(*cell));
      }
    }
  }
  std::string sql = EmitRowFilter(filter, context);
  PORPOISE_ASSIGN_OR_RETURN(storage::Statement statement, PrepareTranslated(sql, context));
  std::vector<std::vector<Cell>> kept;
  while (true) {
    PORPOISE_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) break;
    size_t index = static_cast<size_t>(statement.ColumnInt64(0));
    if (index < rows.rows.size()) kept.push_back(rows.rows[index]);
  }
  rows.rows = std::move(kept);
  return rows;
}

std::vector<std::pair<std::string, std::string>> Session::StatusVariables() {
  std::vector<std::pair<std::string, std::string>> counters = engine_.GlobalStatus();
  auto has = [&](std::string_view name) {
    return std::any_of(counters.begin(), counters.end(), [&](const auto& entry) { return entry.first == name; });
  };
  if (!has("Questions")) counters.emplace_back("Questions", std::to_string(questions_));
  if (!has("Ssl_cipher")) counters.emplace_back("Ssl_cipher", tls_cipher_);
  if (!has("Ssl_version")) counters.emplace_back("Ssl_version", tls_version_);
  counters.emplace_back("Compression", compression_algorithm_.empty() ? "OFF" : "ON");
  counters.emplace_back("Compression_algorithm",
                        compression_algorithm_.empty() ? "uncompressed" : compression_algorithm_);
  counters.emplace_back("Compression_level", std::to_string(compression_level_));
  std::sort(counters.begin(), counters.end());
  return counters;
}

std::vector<ServerHooks::Process> Session::VisibleProcesses() {
  std::vector<ServerHooks::Process> processes;
  if (engine_.hooks() == nullptr) return processes;
  bool all = bootstrap_ || checker_.HasGlobal(auth::Privilege::kProcess);
  for (ServerHooks::Process& process : engine_.hooks()->Processes()) {
    if (all || process.user == checker_.principal().user) processes.push_back(std::move(process));
  }
  return processes;
}

std::vector<int64_t> Session::KeyCardinalities(const catalog::TableSchema& table, size_t position) {
  const catalog::IndexSchema& index = table.indexes[position];
  std::vector<int64_t> result(index.columns.size(), 0);
  if (table.temporary) return result;
  Result<storage::Statement> read = db_->Prepare("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = ?1");
  if (!read.ok()) return result;  // never analyzed: no statistics table
  std::string table_id = catalog::SqliteTableName(table);
  table_id = table_id.substr(1, table_id.size() - 2);
  if (!read->BindText(1, table_id).ok()) return result;
  bool primary = index.kind == sql::IndexDef::Kind::kPrimary;
  std::string wanted = primary ? "sqlite_autoindex_" + table_id + "_1" : catalog::SqliteIndexId(table, position);
  int64_t rows = 0;
  std::vector<int64_t> per_value;
  while (true) {
    Result<bool> step = read->Step();
    if (!step.ok() || !*step) break;
    std::string stat(read->ColumnText(1));
    std::vector<int64_t> numbers;
    for (size_t at = 0; at < stat.size();) {
      size_t end = stat.find(' ', at);
      if (end == std::string::npos) end = stat.size();
      if (end > at && std::isdigit(static_cast<unsigned char>(stat[at]))) {
        numbers.push_back(std::strtoll(stat.c_str() + at, nullptr, 10));
      }
      at = end + 1;
    }
    if (!numbers.empty()) rows = std::max(rows, numbers[0]);
    if (read->ColumnText(0) == wanted) per_value.assign(numbers.begin() + (numbers.empty() ? 0 : 1), numbers.end());
  }
  for (size_t part = 0; part < result.size(); ++part) {
    if (part < per_value.size() && per_value[part] > 0) {
      result[part] = (rows + per_value[part] / 2) / per_value[part];
    } else if (primary || (index.unique() && part + 1 == result.size())) {
      result[part] = rows;  // the whole key is unique: one row per value
    }
  }
  return result;
}

Status Session::ExecuteHelp(const sql::HelpStatement& help, ResultSink& sink, bool more) {
  // Runs `query` (one ?1: the search string, a LIKE pattern as MySQL takes it) over the
  // help tables, giving its rows as text.
  auto rows_of = [&](const std::string& query, std::string_view argument)
      -> Result<std::vector<std::vector<std::optional<std::string>>>> {
    std::vector<std::vector<std::optional<std::string>>> found;
    std::string sql = query;
    for (std::string_view table : {"help_topic", "help_category", "help_keyword", "help_relation"}) {
      std::shared_ptr<const catalog::TableSchema> schema = catalog_->FindTable("mysql", table);
      if (schema == nullptr) return found;
      std::string placeholder = "{" + std::string(table) + "}";
      for (size_t at = sql.find(placeholder); at != std::string::npos; at = sql.find(placeholder)) {
        sql.replace(at, placeholder.size(), catalog::SqliteTableName(*schema));
      }
    }
    PORPOISE_ASSIGN_OR_RETURN(storage::Statement statement, db_->Prepare(sql));
    PORPOISE_RETURN_IF_ERROR(statement.BindText(1, argument));
    while (true) {
      PORPOISE_ASSIGN_OR_RETURN(bool row, statement.Step());
      if (!row) break;
      std::vector<std::optional<std::string>> values;
      for (int i = 0; i < statement.ColumnCount(); ++i) values.emplace_back(std::string(statement.ColumnText(i)));
      found.push_back(std::move(values));
    }
    return found;
  };
  const std::string& mask = help.topic;
  // A topic by name, else by keyword: one is shown whole.
  PORPOISE_ASSIGN_OR_RETURN(auto topics, rows_of("SELECT name, description, example FROM {help_topic} "
                                                 "WHERE name LIKE ?1 ORDER BY name", mask));
  if (topics.empty()) {
    PORPOISE_ASSIGN_OR_RETURN(
        topics, rows_of("SELECT t.name, t.description, t.example FROM {help_topic} t JOIN {help_relation} r "
                        "ON r.help_topic_id = t.help_topic_id JOIN {help_keyword} k "
                        "ON k.help_keyword_id = r.help_keyword_id WHERE k.name LIKE ?1 ORDER BY t.name",
                        mask));
  }
  Rows rows;
  if (topics.size() == 1) {
    rows.columns = {TextColumn("name"), TextColumn("description", 1000), TextColumn("example", 1000)};
    rows.rows = std::move(topics);
    return SendRows(rows, sink, more);
  }
  PORPOISE_ASSIGN_OR_RETURN(auto categories, rows_of("SELECT name, help_category_id FROM {help_category} "
                                                     "WHERE name LIKE ?1 ORDER BY name", mask));
  if (topics.empty() && categories.size() == 1) {
    // One category: what it holds, its subcategories and its topics.
    std::string id = *categories[0][1];
    PORPOISE_ASSIGN_OR_RETURN(auto children, rows_of("SELECT name FROM {help_category} WHERE "
                                                     "parent_category_id = ?1 ORDER BY name", id));
    PORPOISE_ASSIGN_OR_RETURN(auto members, rows_of("SELECT name FROM {help_topic} WHERE "
                                                    "help_category_id = ?1 ORDER BY name", id));
    rows.columns = {TextColumn("source_category_name"), TextColumn("name"),
                    TextColumn("is_it_category", 1)};
    for (auto& child : children) rows.rows.push_back({categories[0][0], std::move(child[0]), "Y"});
    for (auto& member : members) rows.rows.push_back({categories[0][0], std::move(member[0]), "N"});
    return SendRows(rows, sink, more);
  }
  rows.columns = {TextColumn("name"), TextColumn("is_it_category", 1)};
  for (auto& topic : topics) rows.rows.push_back({std::move(topic[0]), "N"});
  for (auto& category : categories) rows.rows.push_back({std::move(category[0]), "Y"});
  return SendRows(rows, sink, more);
}

Result<Session::Rows> Session::ShowRows(const sql::ShowStatement& show) {
  using What = sql::ShowStatement::What;
  Rows rows;
  switch (show.what) {
    case What::kDatabases: {
      std::string title = "Database";
      if (show.like) title += " (" + *show.like + ")";
      rows.columns = {TextColumn(title)};
      std::vector<std::string> names = {"information_schema", "performance_schema"};
      for (const auto& [name, schema] : catalog_->databases()) names.push_back(name);
      std::sort(names.begin(), names.end());
      for (const std::string& name : names) {
        if (bootstrap_ || checker_.CanSeeDatabase(name)) rows.rows.push_back({name});
      }
      return FilterRows(std::move(rows), show, 0);
    }
    case What::kTables: {
      std::string database = show.database.empty() ? database_ : show.database;
      if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
      bool information = catalog::IsInformationSchema(database);
      bool performance = catalog::IsPerformanceSchema(database);
      const catalog::DatabaseSchema* schema = engine_.catalog().Current()->FindDatabase(database);
      if (!information && !performance && schema == nullptr) return Status::Error(ER_BAD_DB_ERROR, database);
      if (!bootstrap_ && !information) PORPOISE_RETURN_IF_ERROR(checker_.CheckUseDatabase(database));
      std::string title = "Tables_in_" + (information ? std::string("information_schema") : database);
      if (show.like) title += " (" + *show.like + ")";
      rows.columns = {TextColumn(title)};
      if (show.full) rows.columns.push_back(TextColumn("Table_type"));
      if (information) {
        for (const auto& table : catalog::InformationSchemaTables()) {
          rows.rows.push_back({table->name, std::string("SYSTEM VIEW")});
        }
      } else if (performance) {
        for (const auto& table : catalog::PerformanceSchemaTables()) {
          if (CanReadPerformanceSchemaTable(table->name)) rows.rows.push_back({table->name, std::string("BASE TABLE")});
        }
      } else {
        for (const auto& [name, table] : schema->tables) {
          if (!CanSeeTable(database, name)) continue;
          rows.rows.push_back({name, std::string(table->view ? "VIEW" : "BASE TABLE")});
        }
      }
      if (!show.full) {
        for (auto& row : rows.rows) row.resize(1);
      }
      return FilterRows(std::move(rows), show, 0);
    }
    case What::kColumns:
    case What::kIndex:
    case What::kCreateTable:
    case What::kCreateView:
    case What::kTableStatus:
      break;
    case What::kVariables: {
      rows.columns = {TextColumn("Variable_name"), TextColumn("Value", 1024)};
      bool global = show.scope == sql::VariableScope::kGlobal;
      for (auto& [name, value] : variables_.Show(global, std::nullopt)) {
        rows.rows.push_back({name, value});
      }
      return FilterRows(std::move(rows), show, 0);
    }
    case What::kStatus: {
      rows.columns = {TextColumn("Variable_name"), TextColumn("Value", 1024)};
      for (auto& [name, value] : StatusVariables()) rows.rows.push_back({name, value});
      return FilterRows(std::move(rows), show, 0);
    }
    case What::kGrants: {
      PORPOISE_ASSIGN_OR_RETURN(std::vector<std::string> grants, account_manager_->ShowGrants(show.user, show.using_roles, checker_));
      std::string user = show.user && !show.user->current_user ? show.user->user : checker_.principal().account_user;
      std::string host = show.user && !show.user->current_user ? show.user->host : checker_.principal().account_host;
      rows.columns = {TextColumn("Grants for " + user + "@" + host, 1024)};
      for (std::string& grant : grants) rows.rows.push_back({std::move(grant)});
      for (const Status& warning : account_manager_->warnings()) AddWarning(warning);
      return rows;
    }
    case What::kCreateDatabase: {
      std::string database = show.database.empty() ? show.table.table : show.database;
      const catalog::DatabaseSchema* schema = catalog_->FindDatabase(database);
      if (schema == nullptr) return Status::Error(ER_BAD_DB_ERROR, database);
      if (!bootstrap_ && !checker_.CanSeeDatabase(database)) {
        return Status::Error(ER_DBACCESS_DENIED_ERROR, checker_.principal().account_user,
                             checker_.principal().account_host, database);
      }
      rows.columns = {TextColumn("Database"), TextColumn("Create Database", 1024)};
      std::string text = "CREATE DATABASE ";
      if (show.if_not_exists) text += "/*!32312 IF NOT EXISTS*/ ";
      text += "`" + schema->name + "` /*!40100 DEFAULT CHARACTER SET " + schema->charset +
              " COLLATE " + schema->collation + " */ /*!80016 DEFAULT ENCRYPTION='N' */";
      rows.rows.push_back({schema->name, text});
      return rows;
    }
    case What::kCreateUser: {
      std::string user = show.user && !show.user->current_user ? show.user->user : checker_.principal().account_user;
      std::string host = show.user && !show.user->current_user ? show.user->host : checker_.principal().account_host;
      if (user != checker_.principal().account_user || host != checker_.principal().account_host) {
        PORPOISE_RETURN_IF_ERROR(RequireTable(auth::Privilege::kSelect, "mysql", "user"));
      }
      const auth::Account* account = checker_.snapshot().FindExact(user, host);
      if (account == nullptr) {
        return Status::Error(ER_CANNOT_USER, "SHOW CREATE USER", "'" + user + "'@'" + host + "'");
      }
      rows.columns = {TextColumn("CREATE USER for " + user + "@" + host, 1024)};
      std::string text = "CREATE USER `" + user + "`@`" + host + "` IDENTIFIED WITH '" + account->plugin + "'";
      if (!account->auth_string.empty()) text += " AS '" + account->auth_string + "'";
      std::vector<std::string> default_roles;
      for (const auth::Account* role : checker_.snapshot().DefaultRoles(*account)) {
        default_roles.push_back("`" + role->user + "`@`" + role->host + "`");
      }
      std::sort(default_roles.begin(), default_roles.end());
      if (!default_roles.empty()) text += " DEFAULT ROLE " + Join(default_roles, ",");
      text += " REQUIRE ";
      if (account->ssl_type == "ANY") {
        text += "SSL";
      } else if (account->ssl_type == "X509") {
        text += "X509";
      } else if (account->ssl_type == "SPECIFIED") {
        std::string parts;
        for (const auto& [name, value] : {std::pair<const char*, const std::string*>{"ISSUER", &account->x509_issuer},
                                          {"SUBJECT", &account->x509_subject},
                                          {"CIPHER", &account->ssl_cipher}}) {
          if (value->empty()) continue;
          parts += std::string(parts.empty() ? "" : " ") + name + " '" + *value + "'";
        }
        text += parts;
      } else {
        text += "NONE";
      }
      std::string with;
      for (const auto& [name, value] : {std::pair<const char*, uint32_t>{"MAX_QUERIES_PER_HOUR", account->max_questions},
                                        {"MAX_UPDATES_PER_HOUR", account->max_updates},
                                        {"MAX_CONNECTIONS_PER_HOUR", account->max_connections_per_hour},
                                        {"MAX_USER_CONNECTIONS", account->max_user_connections}}) {
        if (value != 0) with += std::string(" ") + name + " " + std::to_string(value);
      }
      if (!with.empty()) text += " WITH" + with;
      if (account->password_expired) {
        text += " PASSWORD EXPIRE";
      } else if (!account->password_lifetime) {
        text += " PASSWORD EXPIRE DEFAULT";
      } else if (*account->password_lifetime == 0) {
        text += " PASSWORD EXPIRE NEVER";
      } else {
        text += " PASSWORD EXPIRE INTERVAL " + std::to_string(*account->password_lifetime) + " DAY";
      }
      text += " ACCOUNT ";
      text += account->locked ? "LOCK" : "UNLOCK";
      text += " PASSWORD HISTORY DEFAULT PASSWORD REUSE INTERVAL DEFAULT PASSWORD REQUIRE CURRENT DEFAULT";
      if (account->failed_login_attempts != 0 || account->password_lock_time != 0) {
        text += " FAILED_LOGIN_ATTEMPTS " + std::to_string(account->failed_login_attempts) +
                " PASSWORD_LOCK_TIME " +
                (account->password_lock_time < 0 ? std::string("UNBOUNDED")
                                                 : std::to_string(account->password_lock_time));
      }
      rows.rows.push_back({text});
      return rows;
    }
    case What::kProcesslist: {
      rows.columns = {IntegerColumn("Id"),      TextColumn("User", 32), TextColumn("Host", 261),
                      TextColumn("db"),         TextColumn("Command", 16), IntegerColumn("Time"),
                      TextColumn("State", 30),  TextColumn("Info", show.full ? 65535 : 100)};
      for (ServerHooks::Process& process : VisibleProcesses()) {
        std::string info = process.info;
        if (!show.full && info.size() > 100) info.resize(100);
        rows.rows.push_back({std::to_string(process.id), process.user, process.host,
                             process.db.empty() ? Cell() : Cell(process.db), process.command,
                             std::to_string(process.time), process.state,
                             info.empty() ? Cell() : Cell(info)});
      }
      return rows;
    }
    case What::kWarnings:
    case What::kErrors: {
      rows.columns = {TextColumn("Level", 7), IntegerColumn("Code"), TextColumn("Message", 512)};
      bool errors_only = show.what == What::kErrors;
      const std::vector<Status>& conditions = diagnostics_.conditions();
      for (size_t i = 0; i < conditions.size(); ++i) {
        bool is_error = diagnostics_.IsError(i);
        if (errors_only && !is_error) continue;
        rows.rows.push_back({std::string(is_error ? "Error" : LevelOf(conditions[i])),
                             std::to_string(conditions[i].code()), conditions[i].message()});
      }
      if (show.limit) {
        std::vector<const sql::Expr*> exprs = {show.limit.get()};
        if (show.offset) exprs.push_back(show.offset.get());
        PORPOISE_ASSIGN_OR_RETURN(std::vector<Value> limits, Evaluate(exprs));
        size_t offset = limits.size() > 1 ? static_cast<size_t>(std::max<int64_t>(0, limits[1].integer)) : 0;
        size_t count = static_cast<size_t>(std::max<int64_t>(0, limits[0].integer));
        std::vector<std::vector<Cell>> kept;
        for (size_t i = offset; i < rows.rows.size() && kept.size() < count; ++i) kept.push_back(rows.rows[i]);
        rows.rows = std::move(kept);
      }
      return rows;
    }
    case What::kCountWarnings:
    case What::kCountErrors: {
      bool errors = show.what == What::kCountErrors;
      rows.columns = {IntegerColumn(errors ? "@@session.error_count" : "@@session.warning_count")};
      uint64_t count = errors ? diagnostics_.ErrorCount() : diagnostics_.Count();
      rows.rows.push_back({std::to_string(count)});
      return rows;
    }
    case What::kEngines:
      rows.columns = {TextColumn("Engine"), TextColumn("Support", 8), TextColumn("Comment", 80),
                      TextColumn("Transactions", 3), TextColumn("XA", 3), TextColumn("Savepoints", 3)};
      rows.rows.push_back({std::string("InnoDB"), std::string("DEFAULT"),
                           std::string("Supports transactions, row-level locking, and foreign keys"),
                           std::string("YES"), std::string("NO"), std::string("YES")});
      rows.rows.push_back({std::string("PERFORMANCE_SCHEMA"), std::string("YES"), std::string("Performance Schema"),
                           std::string("NO"), std::string("NO"), std::string("NO")});
      return FilterRows(std::move(rows), show, 0);
    case What::kCharset:
      rows.columns = {TextColumn("Charset"), TextColumn("Description", 2048),
                      TextColumn("Default collation"), IntegerColumn("Maxlen")};
      for (const catalog::CharsetInfo& charset : catalog::AllCharsets()) {
        rows.rows.push_back({std::string(charset.name), std::string(charset.description),
                             std::string(charset.default_collation), std::to_string(charset.max_length)});
      }
      return FilterRows(std::move(rows), show, 0);
    case What::kCollation:
      rows.columns = {TextColumn("Collation"), TextColumn("Charset"), IntegerColumn("Id"),
                      TextColumn("Default", 3), TextColumn("Compiled", 3), IntegerColumn("Sortlen"),
                      TextColumn("Pad_attribute", 9)};
      for (const catalog::CollationInfo& collation : catalog::AllCollations()) {
        rows.rows.push_back({std::string(collation.name), std::string(collation.charset),
                             std::to_string(collation.id), std::string(collation.is_default ? "Yes" : ""),
                             std::string("Yes"), std::string("1"), std::string(collation.pad_attribute)});
      }
      return FilterRows(std::move(rows), show, 0);
    case What::kPrivileges: {
      rows.columns = {TextColumn("Privilege"), TextColumn("Context", 64), TextColumn("Comment", 64)};
      static constexpr std::array<std::array<std::string_view, 3>, 12> kPrivileges = {{
          {"Alter", "Tables", "To alter the table"},
          {"Create", "Databases,Tables,Indexes", "To create new databases and tables"},
          {"Create user", "Server Admin", "To create new users"},
          {"Delete", "Tables", "To delete existing rows"},
          {"Drop", "Databases,Tables", "To drop databases, tables, and views"},
          {"Grant option", "Databases,Tables,Functions,Procedures", "To give to other users those privileges you possess"},
          {"Insert", "Tables", "To insert data into tables"},
          {"Lock tables", "Databases", "To use LOCK TABLES (together with SELECT privilege)"},
          {"Process", "Server Admin", "To view the plain text of currently executing queries"},
          {"Reload", "Server Admin", "To reload or refresh tables, logs and privileges"},
          {"Select", "Tables", "To retrieve rows from table"},
          {"Update", "Tables", "To update existing rows"},
      }};
      for (const auto& entry : kPrivileges) {
        rows.rows.push_back({std::string(entry[0]), std::string(entry[1]), std::string(entry[2])});
      }
      return rows;
    }
    case What::kCreateProcedure:
    case What::kCreateFunction:
    case What::kCreateTrigger: {
      std::string database = show.table.database.empty() ? database_ : show.table.database;
      if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
      catalog::RoutineKind kind = show.what == What::kCreateProcedure  ? catalog::RoutineKind::kProcedure
                                  : show.what == What::kCreateFunction ? catalog::RoutineKind::kFunction
                                                                       : catalog::RoutineKind::kTrigger;
      std::shared_ptr<const catalog::RoutineSchema> routine =
          catalog_->FindRoutine(database, kind, show.table.table);
      RoutineAccess access = routine ? AccessTo(*routine) : RoutineAccess::kNone;
      if (access == RoutineAccess::kNone) {
        if (kind == catalog::RoutineKind::kTrigger) return Status::Error(ER_TRG_DOES_NOT_EXIST);
        return Status::Error(ER_SP_DOES_NOT_EXIST, catalog::RoutineKindName(kind),
                             database + "." + show.table.table);
      }
      std::string title = kind == catalog::RoutineKind::kProcedure  ? "Procedure"
                          : kind == catalog::RoutineKind::kFunction ? "Function"
                                                                    : "Trigger";
      std::string text_title = kind == catalog::RoutineKind::kTrigger ? "SQL Original Statement"
                                                                       : "Create " + title;
      rows.columns = {TextColumn(title), TextColumn("sql_mode", 1024), TextColumn(text_title, 65535),
                      TextColumn("character_set_client", 32), TextColumn("collation_connection", 32),
                      TextColumn("Database Collation", 32)};
      std::vector<Cell> row = {routine->name, routine->sql_mode,
                               access == RoutineAccess::kDefinition ? Cell(routine->definition) : Cell(),
                               routine->character_set_client, routine->collation_connection,
                               routine->database_collation};
      if (kind == catalog::RoutineKind::kTrigger) {
        rows.columns.push_back(TextColumn("Created", 22));
        row.push_back(routine->created + ".00");
      }
      rows.rows.push_back(std::move(row));
      return rows;
    }
    case What::kTriggers:
    case What::kEvents:
    case What::kOpenTables:
    case What::kProcedureStatus:
    case What::kFunctionStatus: {
      std::string database = show.database.empty() ? database_ : show.database;
      bool per_database = show.what != What::kProcedureStatus && show.what != What::kFunctionStatus;
      if (per_database && show.what != What::kOpenTables) {
        if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
        if (catalog_->FindDatabase(database) == nullptr) return Status::Error(ER_BAD_DB_ERROR, database);
      }
      std::vector<const char*> names;
      size_t like_column = 1;
      switch (show.what) {
        case What::kTriggers:
          names = {"Trigger", "Event", "Table", "Statement", "Timing", "Created", "sql_mode",
                   "Definer", "character_set_client", "collation_connection", "Database Collation"};
          like_column = 2;
          break;
        case What::kEvents:
          names = {"Db", "Name", "Definer", "Time zone", "Type", "Execute at", "Interval value",
                   "Interval field", "Starts", "Ends", "Status", "Originator",
                   "character_set_client", "collation_connection", "Database Collation"};
          break;
        case What::kOpenTables:
          names = {"Database", "Table", "In_use", "Name_locked"};
          break;
        default:
          names = {"Db", "Name", "Type", "Definer", "Modified", "Created", "Security_type", "Comment",
                   "character_set_client", "collation_connection", "Database Collation"};
          break;
      }
      for (const char* name : names) {
        std::string_view column(name);
        bool number = column == "In_use" || column == "Name_locked" || column == "Originator";
        rows.columns.push_back(number ? IntegerColumn(name) : TextColumn(name, 1024));
      }
      if (show.what == What::kTriggers) {
        for (const auto& [key, routine] : catalog_->routines()) {
          if (routine->kind != catalog::RoutineKind::kTrigger || routine->database != database) continue;
          if (AccessTo(*routine) == RoutineAccess::kNone) continue;
          const sql::CreateTriggerStatement& trigger = routine->trigger();
          rows.rows.push_back(
              {routine->name,
               std::string(trigger.EventName()),
               routine->table, trigger.body_text,
               std::string(trigger.TimingName()),
               routine->created + ".00", routine->sql_mode,
               routine->definer_user + "@" + routine->definer_host, routine->character_set_client,
               routine->collation_connection, routine->database_collation});
        }
      }
      if (show.what == What::kProcedureStatus || show.what == What::kFunctionStatus) {
        catalog::RoutineKind kind = show.what == What::kProcedureStatus ? catalog::RoutineKind::kProcedure
                                                                         : catalog::RoutineKind::kFunction;
        for (const auto& [key, routine] : catalog_->routines()) {
          if (routine->kind != kind || AccessTo(*routine) == RoutineAccess::kNone) continue;
          const sql::CreateRoutineStatement& definition = routine->routine();
          rows.rows.push_back({routine->database, routine->name,
                               std::string(catalog::RoutineKindName(kind)),
                               routine->definer_user + "@" + routine->definer_host, routine->modified,
                               routine->created, definition.security, definition.comment,
                               routine->character_set_client, routine->collation_connection,
                               routine->database_collation});
        }
      }
      // No events exist here; the open tables are the base tables the account may see, none
      // in use.
      if (show.what == What::kOpenTables) {
        std::shared_ptr<const catalog::CatalogSnapshot> shared = engine_.catalog().Current();
        for (const auto& [name, schema] : shared->databases()) {
          if (!show.database.empty() && name != show.database) continue;
          if (!bootstrap_ && !checker_.CanSeeDatabase(name)) continue;
          for (const auto& [table_name, table] : schema->tables) {
            if (table->view) continue;
            rows.rows.push_back({name, table_name, std::string("0"), std::string("0")});
          }
        }
      }
      return FilterRows(std::move(rows), show, like_column);
    }
    case What::kBinaryLogs:
    case What::kBinaryLogStatus:
    case What::kReplicaStatus:
    case What::kReplicas:
      PORPOISE_RETURN_IF_ERROR(ReplicationColumns(show.what, checker_, &rows.columns));
      return rows;
    case What::kPlugins:
      rows.columns = {TextColumn("Name"), TextColumn("Status", 10), TextColumn("Type", 80),
                      TextColumn("Library", 1024), TextColumn("License", 80)};
      for (std::string_view name : {"mysql_native_password", "caching_sha2_password", "auth_socket"}) {
        rows.rows.push_back({std::string(name), std::string("ACTIVE"), std::string("AUTHENTICATION"),
                             Cell(), std::string("GPL")});
      }
      for (std::string_view name : {"InnoDB", "PERFORMANCE_SCHEMA"}) {
        rows.rows.push_back({std::string(name), std::string("ACTIVE"), std::string("STORAGE ENGINE"),
                             Cell(), std::string("GPL")});
      }
      return FilterRows(std::move(rows), show, 0);
  }

  // The table-level SHOWs.
  std::string database = !show.database.empty()        ? show.database
                         : !show.table.database.empty() ? show.table.database
                                                        : database_;
  if (show.what == What::kTableStatus) {
    if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
    const catalog::DatabaseSchema* schema = engine_.catalog().Current()->FindDatabase(database);
    catalog::DatabaseSchema performance;
    if (catalog::IsPerformanceSchema(database)) {
      for (const auto& table : catalog::PerformanceSchemaTables()) {
        if (CanReadPerformanceSchemaTable(table->name)) performance.tables.emplace(table->name, table);
      }
      schema = &performance;
    }
    if (schema == nullptr) return Status::Error(ER_BAD_DB_ERROR, database);
    if (!bootstrap_) PORPOISE_RETURN_IF_ERROR(checker_.CheckUseDatabase(database));
    rows.columns = {TextColumn("Name"), TextColumn("Engine"), IntegerColumn("Version"),
                    TextColumn("Row_format", 10), IntegerColumn("Rows"), IntegerColumn("Avg_row_length"),
                    IntegerColumn("Data_length"), IntegerColumn("Max_data_length"),
                    IntegerColumn("Index_length"), IntegerColumn("Data_free"),
                    IntegerColumn("Auto_increment"), TextColumn("Create_time", 19),
                    TextColumn("Update_time", 19), TextColumn("Check_time", 19),
                    TextColumn("Collation"), IntegerColumn("Checksum"),
                    TextColumn("Create_options", 256), TextColumn("Comment", 2048)};
    for (const auto& [name, table] : schema->tables) {
      if (!catalog::IsPerformanceSchema(database) && !CanSeeTable(database, name)) continue;
      if (table->view) {
        std::vector<Cell> row(rows.columns.size());
        row.front() = name;
        row.back() = std::string("VIEW");
        rows.rows.push_back(std::move(row));
        continue;
      }
      Cell auto_increment;
      if (table->auto_increment_column >= 0) {
        PORPOISE_ASSIGN_OR_RETURN(uint64_t next, ReadAutoIncrement(*db_, database, name));
        auto_increment = std::to_string(std::max(next, table->initial_auto_increment));
      }
      TableStatistics statistics;
      if (table->storage_id != 0) {
        PORPOISE_ASSIGN_OR_RETURN(statistics, ReadTableStatistics(*db_, *table));
      } else {
        statistics.data_length = 0;  // a performance_schema table has no storage
      }
      uint64_t average = statistics.rows == 0 ? 0 : statistics.data_length / statistics.rows;
      rows.rows.push_back({name, table->engine, std::string("10"), std::string("Dynamic"),
                           std::to_string(statistics.rows), std::to_string(average),
                           std::to_string(statistics.data_length), std::string("0"),
                           std::to_string(statistics.index_length), std::string("0"), auto_increment,
                           statistics.create_time, engine_.UpdateTime(table->storage_id), Cell(),
                           table->collation, Cell(),
                           std::string(""), table->comment});
    }
    return FilterRows(std::move(rows), show, 0);
  }
  if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
  std::shared_ptr<const catalog::TableSchema> table;
  if (catalog::IsInformationSchema(database)) {
    table = catalog::FindInformationSchemaTable(show.table.table);
    if (!table) return Status::Error(ER_UNKNOWN_TABLE, show.table.table, "information_schema");
  } else if (catalog::IsPerformanceSchema(database)) {
    if (!CanReadPerformanceSchemaTable(show.table.table)) {
      PORPOISE_RETURN_IF_ERROR(RequireTable(auth::Privilege::kSelect, database, show.table.table));
    }
    table = catalog::FindPerformanceSchemaTable(show.table.table);
    if (!table) return Status::Error(ER_NO_SUCH_TABLE, database, show.table.table);
  } else {
    // Refused before the table is looked up, so that 1146 never tells a stranger it exists;
    // any privilege on the table or one of its columns lets it be described.
    std::string_view command =
        show.what == What::kCreateTable || show.what == What::kCreateView ? "SHOW" : "SELECT";
    if (!bootstrap_ && !OwnTemporaryTable(database, show.table.table)) {
      PORPOISE_RETURN_IF_ERROR(checker_.CheckSeeTable(command, database, show.table.table));
    }
    table = catalog_->FindTable(database, show.table.table);
    if (!table && show.what == What::kColumns && catalog_->FindDatabase(database) == nullptr) {
      return Status::Error(ER_BAD_DB_ERROR, database);  // (SHOW COLUMNS reads the schema first)
    }
    if (!table) return Status::Error(ER_NO_SUCH_TABLE, database, show.table.table);
  }
  if (show.what == What::kCreateView && !table->view) {
    return Status::Error(ER_WRONG_OBJECT, database, table->name, "VIEW");
  }
  if (table->view && (show.what == What::kCreateTable || show.what == What::kCreateView)) {
    // MySQL shows a view's definition to one who may both see it and read it.
    PORPOISE_RETURN_IF_ERROR(RequireTable(auth::Privilege::kShowView, database, table->name));
    PORPOISE_RETURN_IF_ERROR(RequireTable(auth::Privilege::kSelect, database, table->name));
    rows.columns = {TextColumn("View"), TextColumn("Create View", 1024),
                    TextColumn("character_set_client", 32), TextColumn("collation_connection", 32)};
    rows.rows.push_back({table->name, ShowCreateViewText(*table), table->view->character_set_client,
                         table->view->collation_connection});
    return rows;
  }
  const std::string shown_name = table->name;
  if (table->view) {
    PORPOISE_ASSIGN_OR_RETURN(table, ViewColumns(*table));
  }
  if (show.what == What::kCreateTable) {
    uint64_t next = 0;
    if (table->auto_increment_column >= 0) {
      PORPOISE_ASSIGN_OR_RETURN(next, ReadCounter(*table));
      next = std::max(next, table->initial_auto_increment);
    }
    rows.columns = {TextColumn("Table"), TextColumn("Create Table", 1024)};
    std::string text = catalog::ShowCreateTableText(*table, next, true);
    // (a session's temporary table says so)
    if (table->temporary && text.starts_with("CREATE TABLE ")) text.insert(7, "TEMPORARY ");
    rows.rows.push_back({table->name, std::move(text)});
    return rows;
  }
  if (show.what == What::kIndex) {
    rows.columns = {TextColumn("Table"), IntegerColumn("Non_unique"), TextColumn("Key_name"),
                    IntegerColumn("Seq_in_index"), TextColumn("Column_name"), TextColumn("Collation", 1),
                    IntegerColumn("Cardinality"), IntegerColumn("Sub_part"), TextColumn("Packed", 10),
                    TextColumn("Null", 3), TextColumn("Index_type", 16), TextColumn("Comment", 16),
                    TextColumn("Index_comment", 1024), TextColumn("Visible", 3), TextColumn("Expression", 64)};
    for (size_t position = 0; position < table->indexes.size(); ++position) {
      const catalog::IndexSchema& index = table->indexes[position];
      std::vector<int64_t> cardinality = KeyCardinalities(*table, position);
      for (size_t i = 0; i < index.columns.size(); ++i) {
        const catalog::ColumnSchema& column = table->columns[static_cast<size_t>(table->FindColumn(index.columns[i]))];
        // A functional key part shows its expression, not its hidden column.
        bool functional = column.hidden();
        rows.rows.push_back({table->name, std::string(index.unique() ? "0" : "1"), index.name,
                             std::to_string(i + 1), functional ? Cell() : Cell(column.name),
                             std::string(i < index.descending.size() && index.descending[i] ? "D" : "A"),
                             std::to_string(cardinality[i]),
                             index.prefix_lengths[i] ? Cell(std::to_string(*index.prefix_lengths[i])) : Cell(),
                             Cell(), std::string(column.nullable ? "YES" : ""), std::string(catalog::IndexTypeName(index)),
                             std::string(""), std::string(""), std::string("YES"),
                             functional ? Cell(catalog::EscapedExpression(column.generation_expression)) : Cell()});
      }
    }
    return FilterRows(std::move(rows), show, 2);
  }
  // SHOW [FULL] COLUMNS / DESCRIBE.
  rows.columns = {TextColumn("Field"), TextColumn("Type", 1024)};
  if (show.full) rows.columns.push_back(TextColumn("Collation"));
  for (const char* name : {"Null", "Key", "Default", "Extra"}) rows.columns.push_back(TextColumn(name, 64));
  if (show.full) {
    rows.columns.push_back(TextColumn("Privileges", 80));
    rows.columns.push_back(TextColumn("Comment", 1024));
  }
  for (size_t i = 0; i < table->columns.size(); ++i) {
    const catalog::ColumnSchema& column = table->columns[i];
    if (column.hidden()) continue;
    std::string privileges = ColumnPrivilegesText(database, shown_name, column.name);
    if (privileges.empty()) continue;
    std::vector<Cell> row = {column.name, catalog::ColumnTypeText(column.type)};
    if (show.full) {
      row.push_back(catalog::IsTextual(column.type_class)
                        ? Cell(column.type.collation.empty() ? table->collation : column.type.collation)
                        : Cell());
    }
    row.push_back(std::string(column.nullable ? "YES" : "NO"));
    row.push_back(catalog::ColumnKeyText(*table, i));
    row.push_back(catalog::ColumnDefaultText(column));
    row.push_back(catalog::ColumnExtraText(column));
    if (show.full) {
      row.push_back(privileges);
      row.push_back(column.comment);
    }
    rows.rows.push_back(std::move(row));
  }
  return FilterRows(std::move(rows), show, 0);
}

}  // namespace porpoise::engine
