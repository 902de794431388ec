// Session: COM_QUERY's statement loop, dispatch by statement kind, transactions, warnings and
// the per-statement bookkeeping. (engine/)
#include "engine/session.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <chrono>
#include <cstdio>
#include <limits>
#include <set>

#include "catalog/charsets.h"
#include "catalog/information_schema.h"
#include "catalog/performance_schema.h"
#include "common/strings.h"
#include "engine/account_manager.h"
#include "engine/roles_graphml.h"
#include "types/charset_codec.h"
#include "types/locale.h"
#include "types/collation.h"
#include "sql/parse_status.h"
#include "sql/parser.h"
#include "sql/printer.h"
#include "sql/statement_shape.h"
#include "storage/database.h"

namespace porpoise::engine {

namespace {

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool KeepsWarnings(const sql::Statement& statement) {
  // (GET DIAGNOSTICS, a diagnostic statement too, reads the area it leaves as it was)
  if (statement.kind == sql::StatementKind::kGetDiagnostics) return true;
  if (statement.kind != sql::StatementKind::kShow) return false;
  auto what = static_cast<const sql::ShowStatement&>(statement).what;
  return what == sql::ShowStatement::What::kWarnings || what == sql::ShowStatement::What::kErrors ||
         what == sql::ShowStatement::What::kCountWarnings ||
         what == sql::ShowStatement::What::kCountErrors;
}

// SQLite's own messages for mistakes in the query that the translator lets through, turned
// into the MySQL error a user expects instead of 1030 "Got error ... from storage engine".
Status MapSqliteUserError(Status status) {
  if (status.code() != ER_GET_ERRNO) return status;
  const std::string& message = status.message();
  auto has = [&](std::string_view text) { return message.find(text) != std::string::npos; };
  if (has("row value misused") || has("sub-select returns")) {
    return Status::Error(ER_OPERAND_COLUMNS, 1);
  }
  // ER_WRONG_GROUP_FIELD (1056) would be MySQL's answer to the GROUP BY case; not in errors.def.
  if (has("misuse of aggregate") || has("misuse of window function") ||
      has("aggregate functions are not allowed in the GROUP BY clause")) {
    return Status::Error(ER_INVALID_GROUP_FUNC_USE);
  }
  if (has("ESCAPE expression must be a single character")) {
    return Status::Error(ER_WRONG_ARGUMENTS, "ESCAPE");
  }
  static constexpr std::string_view kJoinUsing = "cannot join using column ";
  if (size_t at = message.find(kJoinUsing); at != std::string::npos) {
    size_t start = at + kJoinUsing.size();
    size_t end = message.find(" - column not present", start);
    if (end != std::string::npos) {
      return Status::Error(ER_BAD_FIELD_ERROR, message.substr(start, end - start), "from clause");
    }
  }
  if (has("Expression tree is too large") || has("parser stack overflow")) {
    return Status::WithMessage(ER_STACK_OVERRUN_NEED_MORE,
                               "Thread stack overrun: the expression is nested too deeply");
  }
  return status;
}

}  // namespace

Session::Session(PrivateKey, Engine& engine, const Engine::SessionContext& context,
                 std::unique_ptr<FunctionHost> host, std::unique_ptr<storage::Database> db)
    : engine_(engine),
      connection_id_(context.connection_id),
      interactive_(context.interactive),
      multi_results_(context.multi_results),
      found_rows_flag_(context.found_rows),
      must_change_password_(context.password_expired),
      track_state_(context.track_state),
      compression_algorithm_(context.compression_algorithm),
      tls_version_(context.tls_version),
      tls_cipher_(context.tls_cipher),
      compression_level_(context.compression_level),
      host_(std::move(host)),
      db_(std::move(db)),
      transaction_(*db_),
      variables_(engine.globals()),
      checker_(engine.accounts(), context.principal),
      account_manager_(std::make_unique<AccountManager>(*db_, engine.accounts(), engine.sha2_cache())),
      catalog_(engine.catalog().Current()) {
  db_->set_write_lock_holder(&write_holder_);
  engine_.WatchIdleTransactions(this);
  transaction_.set_commit_listener(
      [&engine](const std::vector<uint64_t>& changed) { engine.NoteCommitted(changed); });
  host_->user_lock = [this](int op, std::string_view name, double timeout) -> Result<Value> {
    UserLocks& locks = engine_.user_locks();
    if (op != 4 && (name.empty() || Utf8Length(name) > 64)) {
      return Status::Error(ER_USER_LOCK_WRONG_NAME, std::string(name));
    }
    switch (op) {
      case 0: {
        UserLocks::Outcome outcome = locks.Acquire(name, connection_id_, timeout, host_->interrupted);
        if (outcome == UserLocks::Outcome::kInterrupted) return Value::Null();
        return Value::Integer(outcome == UserLocks::Outcome::kAcquired ? 1 : 0);
      }
      case 1: {
        std::optional<int> released = locks.Release(name, connection_id_);
        return released ? Value::Integer(*released) : Value::Null();
      }
      case 2:
        return Value::Integer(locks.Holder(name) ? 0 : 1);
      case 3: {
        std::optional<uint32_t> holder = locks.Holder(name);
        return holder ? Value::Integer(*holder) : Value::Null();
      }
      default:
        return Value::Integer(static_cast<int64_t>(locks.ReleaseAll(connection_id_)));
    }
  };
  host_->call_stored_function = [this](size_t index, const std::vector<Value>& arguments) {
    return CallStoredFunction(index, arguments);
  };
  host_->user_variables = &user_variables_;
  host_->server_file_path = [this](const std::string& path) -> std::optional<std::string> {
    Result<std::string> full = FilePath(path);  // FILE and secure_file_priv, as for OUTFILE
    if (!full.ok()) return std::nullopt;
    return std::move(full).value();
  };
  host_->connection_exists = [this](uint64_t id) {
    if (id == connection_id_) return true;
    if (engine_.hooks() == nullptr) return false;
    for (const ServerHooks::Process& process : engine_.hooks()->Processes()) {
      if (process.id == id) return true;
    }
    return false;
  };
  host_->roles_graphml = [this] {
    return checker_.HasSuperOr("ROLE_ADMIN") ? RolesGraphml(checker_.snapshot())
                                             : std::string(kEmptyRolesGraphml);
  };
  host_->program_value = [this](int64_t depth, int64_t index) {
    return program_ == nullptr ? Value::Null() : program_->SlotValue(depth, index);
  };
  Result<std::string> plugin = engine.globals().Get("default_authentication_plugin");
  if (plugin.ok() && (plugin.value() == "mysql_native_password" ||
                      plugin.value() == "caching_sha2_password")) {
    account_manager_->set_default_plugin(plugin.value());
  }
  RefreshGlobalReads();
  checker_.ActivateDefaultRoles(engine.globals().GetBool("activate_all_roles_on_login"));
}

namespace {

// mandatory_roles: "r1,`r2`@`%`,'r3'@'h'", each name with an optional host ('%' when none).
std::vector<AccessChecker::RoleName> ParseRoleList(std::string_view text) {
  std::vector<AccessChecker::RoleName> roles;
  auto unquote = [](std::string_view part) {
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (part.size() >= 2 && (part.front() == '`' || part.front() == '\'' || part.front() == '"') &&
        part.back() == part.front()) {
      part = part.substr(1, part.size() - 2);
    }
    return std::string(part);
  };
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string_view item = text.substr(start, comma == std::string_view::npos ? text.npos
                                                                                : comma - start);
    size_t at = item.rfind('@');
    std::string user = unquote(at == std::string_view::npos ? item : item.substr(0, at));
    std::string host = at == std::string_view::npos ? "%" : unquote(item.substr(at + 1));
    if (!user.empty()) roles.emplace_back(std::move(user), std::move(host));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return roles;
}

}  // namespace

void Session::RefreshGlobalReads() {
  uint64_t changes = engine_.globals().changes();
  if (changes == globals_seen_) return;  // no global value changed since the last look
  globals_seen_ = changes;
  engine_.UseFlushPolicy();  // a SET GLOBAL innodb_flush_log_at_trx_commit
  parser_max_mem_size_global_ = engine_.globals().GetUnsigned("parser_max_mem_size");
  Result<std::string> text = engine_.globals().Get("mandatory_roles");
  std::string value = text.ok() ? text.value() : "";
  if (value == mandatory_roles_text_) return;
  mandatory_roles_text_ = value;
  checker_.SetMandatoryRoles(ParseRoleList(value));
}

Session::~Session() {
  {
    // Waits out a waiter that is rolling the transaction back; then the lock is given back
    // before the connection stops naming this session as its holder.
    std::lock_guard<std::recursive_mutex> busy(activity_);
    engine_.StopWatchingIdleTransactions(this);
    transaction_.Abandon();
    db_->set_write_lock_holder(nullptr);
  }
  engine_.metadata_locks().ReleaseShared(connection_id_);
  engine_.metadata_locks().ReleaseExclusive(connection_id_);
  engine_.user_locks().ReleaseAll(connection_id_);
  host_->user_lock = nullptr;
  while (!prepared_.empty()) DropPrepared(prepared_.begin()->first);
  host_->call_stored_function = nullptr;
  host_->program_value = nullptr;
  host_->user_variables = nullptr;
  host_->server_file_path = nullptr;
  host_->roles_graphml = nullptr;
  host_->connection_exists = nullptr;
  account_manager_.reset();  // it borrows db_, which goes back to the engine's pool
  engine_.ReleaseConnection(std::move(host_), std::move(db_), temp_tables_);
}

sql::ParserOptions Session::ParserOptionsNow() {
  sql::ParserOptions options;
  options.ansi_quotes = SqlModeHas("ANSI_QUOTES") || SqlModeHas("ANSI");
  options.pipes_as_concat = SqlModeHas("PIPES_AS_CONCAT") || SqlModeHas("ANSI");
  options.no_backslash_escapes = SqlModeHas("NO_BACKSLASH_ESCAPES");
  options.high_not_precedence = SqlModeHas("HIGH_NOT_PRECEDENCE");
  options.ignore_space = SqlModeHas("IGNORE_SPACE") || SqlModeHas("ANSI");
  // A session may lower parser_max_mem_size, not raise it past the global value; at its
  // default (MySQL's: no limit) the global value leaves the parser's own bound in force.
  RefreshGlobalReads();
  uint64_t global = parser_max_mem_size_global_;
  options.max_memory = std::min(variables_.parser_max_mem_size(), global);
  options.bounded_by_text = global == std::numeric_limits<uint64_t>::max();
  return options;
}

std::string_view Session::DecodeClientText(std::string_view text, std::string* buffer) {
  std::string client = variables_.character_set_client();
  if (client != "latin1" && client != "ascii") return text;
  *buffer = types::Decode(text, client);
  return *buffer;
}

bool Session::RunClientStatement(const sql::Statement& statement, ResultSink& sink, bool more,
                                 const std::function<Status()>& run) {
  if (!KeepsWarnings(statement)) ClearWarnings();
  error_sent_ = false;
  Status status = MapSqliteUserError(run ? run() : ExecuteClientStatement(statement, sink, more));
  if (static_cast<double>(NowMicros() - host_->statement_micros) > LongQueryTime() * 1e6) {
    engine_.query_counters().slow.fetch_add(1, std::memory_order_relaxed);
  }
  if (status.ok()) return true;
  if (!error_sent_) {
    AddError(status);
    sink.SendError(status);
  }
  return false;
}

void Session::ComQuery(std::string_view sql, bool multi_statements, ResultSink& sink) {
  Busy busy(*this);
  ++questions_;
  // A client that writes latin1 (or ascii): its statement as the UTF-8 the parser reads.
  std::string decoded;
  sql = DecodeClientText(sql, &decoded);
  sql::ParserOptions options = ParserOptionsNow();
  statement_memory_limit_ = sql::StatementMemoryLimit(options, sql.size());
  if (RunSharedParse(sql, options, sink)) return;
  if (!multi_statements) {
    BeginStatement();
    Result<sql::StatementPtr> parsed = sql::ParseOne(sql, options);
    if (!parsed.ok()) {
      (void)AnswerParseFailure(parsed.status(), sink, false);
      return;
    }
    (void)RunClientStatement(*parsed.value(), sink, false);
    return;
  }
  sql::Parser parser(sql, options);
  bool first = true;
  while (first || !parser.AtEnd()) {
    first = false;
    BeginStatement();
    Result<sql::StatementPtr> parsed = parser.ParseNext();
    if (!parsed.ok()) {
      if (AnswerParseFailure(parsed.status(), sink, !parser.AtEnd())) continue;
      return;
    }
    if (!RunClientStatement(*parsed.value(), sink, !parser.AtEnd())) return;
  }
}

bool Session::RunSharedParse(std::string_view sql, const sql::ParserOptions& options,
                             ResultSink& sink) {
  std::optional<sql::StatementShape> shape =
      sql::ShapeOf(sql, options, SharedParses::kMaxStatementBytes);
  if (!shape) return false;
  const SharedParses::Parse& parse = shared_parses_.Get(*shape, options, statement_memory_limit_);
  if (parse.statement == nullptr) return false;
  BeginStatement();
  std::vector<sql::ExprPtr> literals;
  literals.reserve(shape->literals.size());
  for (const sql::Token& token : shape->literals) literals.push_back(sql::LiteralOf(token));
  auto swap_literals = [&] {
    for (size_t index = 0; index < literals.size(); ++index) {
      std::swap(*parse.slots[index], *literals[index]);
    }
  };
  std::string shape_text =
      std::exchange(parse.statement->source_text, std::string(shape->source));
  // With its literals in place of the `?N` nodes, the tree is the one its own text parses to
  // (which debug builds check, so that every test run checks the shapes it makes).
  swap_literals();
#ifndef NDEBUG
  Result<sql::StatementPtr> direct = sql::ParseOne(sql, options);
  if (!direct.ok() || !sql::Equals(**direct, *parse.statement)) {
    std::fprintf(stderr, "shared parse differs from the statement's own: %.*s\n",
                 static_cast<int>(sql.size()), sql.data());
    std::abort();
  }
#endif
  // A SELECT comparing columns with some of its literals may keep its bound plan for other
  // values of those (ExecuteSharedSelect); the others are part of what the plan is kept for.
  RunningShape running;
  if (std::find(parse.compared.begin(), parse.compared.end(), true) != parse.compared.end()) {
    running.statement = parse.statement.get();
    running.parse = &parse;
    running.key = shape->text;
    for (size_t index = 0; index < shape->literals.size(); ++index) {
      if (parse.compared[index]) continue;
      running.key += '\x01';
      running.key += static_cast<char>(shape->literals[index].type);
      running.key += shape->literals[index].text;
    }
  }
  const RunningShape* outer = std::exchange(running_shape_, running.parse ? &running : nullptr);
  (void)RunClientStatement(*parse.statement, sink, false);
  running_shape_ = outer;
  swap_literals();
  parse.statement->source_text = std::move(shape_text);
  return true;
}

bool Session::AnswerParseFailure(const Status& status, ResultSink& sink, bool more) {
  ClearWarnings();
  if (sql::IsKeysToggleNote(status)) {
    // mysqldump's ALTER TABLE ... DISABLE/ENABLE KEYS: a no-op with a note, as on InnoDB.
    AddWarning(status);
    SendOk(sink, more, 0);
    return true;
  }
  AddError(status);
  sink.SendError(status);
  return false;
}

void Session::UseSessionTimeZone() {
  if (std::string zone = variables_.time_zone(); zone != host_->time_zone->name()) {
    std::shared_ptr<const types::TimeZone> found = types::TimeZone::Find(zone);
    host_->time_zone = found != nullptr ? std::move(found) : types::TimeZone::Utc();
  }
  host_->store_context.time_zone = host_->time_zone.get();
  host_->time_names = types::FindLocale(variables_.lc_time_names());
}

void Session::BeginStatement() {
  // What the client knows of the state it tracks, before its first statement changes any.
  if (track_state_ && !reported_database_) (void)TakeStateChanges();
  // @@warning_count and @@error_count describe the previous statement's diagnostics.
  diagnostics_.BeginStatement();
  host_->statement_micros = NowMicros();
  // SET timestamp = N: the statements' clock stands at N (mysqlbinlog's output sets it).
  if (Result<std::string> fixed = variables_.Get("timestamp", sql::VariableScope::kSession); fixed.ok()) {
    double seconds = std::strtod(fixed->c_str(), nullptr);
    if (seconds > 0) host_->statement_micros = static_cast<int64_t>(std::llround(seconds * 1e6));
  }
  UseSessionTimeZone();
  host_->interrupted.store(false);
  host_->timed_out = false;
  host_->warnings.clear();
  host_->error = Status::OK();
  host_->sub_statements.clear();
  host_->group_concat_rows = 0;
  host_->condition_row = 1;
  host_->max_allowed_packet = variables_.max_allowed_packet();
  stored_calls_.clear();
  host_->division_by_zero = SqlModeHas("ERROR_FOR_DIVISION_BY_ZERO") ? DivisionByZeroMode::kWarn
                                                                     : DivisionByZeroMode::kSilent;
  checker_.Refresh();
  RefreshGlobalReads();
  RefreshCatalog();
}

void Session::DrainRuntimeWarnings() {
  for (Status& warning : host_->warnings) AddWarning(std::move(warning));
  host_->warnings.clear();
  // Executors that append row warnings directly are held to max_error_count here.
  diagnostics_.Enforce(variables_.max_error_count());
}

namespace {

// The statements MySQL counts against MAX_UPDATES_PER_HOUR: those that change data, schema
// objects or accounts.
bool ChangesData(const sql::Statement& statement) {
  using Kind = sql::StatementKind;
  switch (statement.kind) {
    case Kind::kInsert: case Kind::kUpdate: case Kind::kDelete:
    case Kind::kCreateDatabase: case Kind::kAlterDatabase: case Kind::kDropDatabase: case Kind::kCreateTable:
    case Kind::kDropTable: case Kind::kTruncateTable: case Kind::kCreateIndex:
    case Kind::kDropIndex: case Kind::kAlterTable: case Kind::kRenameTable:
    case Kind::kCreateView: case Kind::kDropView: case Kind::kSetPassword:
    case Kind::kCreateUser: case Kind::kAlterUser: case Kind::kDropUser: case Kind::kRenameUser:
    case Kind::kGrant: case Kind::kRevoke: case Kind::kCreateRoutine: case Kind::kDropRoutine:
    case Kind::kCreateTrigger: case Kind::kDropTrigger:
      return true;
    default:
      return false;
  }
}

}  // namespace

Status Session::CountAccountUse(const sql::Statement& statement) {
  const auth::Account* account = checker_.account();
  if (account == nullptr || (account->max_questions == 0 && account->max_updates == 0)) {
    return Status::OK();
  }
  // EXECUTE counts as the statement it runs, which comes here itself.
  if (statement.kind == sql::StatementKind::kExecute) return Status::OK();
  using Resource = auth::AccountUsage::Resource;
  auth::AccountUsage& usage = engine_.accounts().usage();
  auto now = std::chrono::steady_clock::now();
  if (std::optional<uint32_t> used_up = usage.Use(*account, Resource::kQuestions, now)) {
    return Status::Error(ER_USER_LIMIT_REACHED, checker_.principal().user, "max_questions",
                         std::to_string(*used_up));
  }
  if (!ChangesData(statement)) return Status::OK();
  if (std::optional<uint32_t> used_up = usage.Use(*account, Resource::kUpdates, now)) {
    return Status::Error(ER_USER_LIMIT_REACHED, checker_.principal().user, "max_updates",
                         std::to_string(*used_up));
  }
  return Status::OK();
}

namespace {

bool ChangesAccounts(sql::StatementKind kind) {
  using Kind = sql::StatementKind;
  return kind == Kind::kCreateUser || kind == Kind::kAlterUser || kind == Kind::kDropUser ||
         kind == Kind::kRenameUser || kind == Kind::kGrant || kind == Kind::kRevoke ||
         kind == Kind::kSetPassword;
}

bool IsAccessDenied(uint16_t code) {
  switch (code) {
    case ER_DBACCESS_DENIED_ERROR: case ER_ACCESS_DENIED_ERROR: case ER_TABLEACCESS_DENIED_ERROR:
    case ER_COLUMNACCESS_DENIED_ERROR: case ER_SPECIFIC_ACCESS_DENIED_ERROR:
    case ER_PROCACCESS_DENIED_ERROR: case ER_CANT_CREATE_USER_WITH_GRANT:
    case ER_NO_SYSTEM_SCHEMA_ACCESS:
      return true;
    default:
      return false;
  }
}

std::string Quoted(const sql::UserName& name) {
  return name.current_user ? "CURRENT_USER" : "'" + name.user + "'@'" + name.host + "'";
}

// What an account statement did, without the passwords its text may hold: "CREATE USER
// 'app'@'%'", "GRANT SELECT, INSERT ON shop.* TO 'app'@'%'", ...
std::string AccountSummary(const sql::Statement& statement) {
  using Kind = sql::StatementKind;
  std::vector<std::string> users;
  std::string out;
  auto specs = [&](const std::vector<sql::UserSpec>& list) {
    for (const sql::UserSpec& spec : list) users.push_back(Quoted(spec.user));
  };
  auto privileges = [](const std::vector<sql::GrantPrivilege>& list, const sql::GrantLevel& level) {
    std::string text;
    for (const sql::GrantPrivilege& privilege : list) {
      text += (text.empty() ? "" : ", ") + privilege.name;
      if (!privilege.columns.empty()) {
        std::string columns;
        for (const std::string& column : privilege.columns) columns += (columns.empty() ? "" : ", ") + column;
        text += " (" + columns + ")";
      }
    }
    return text + " ON " + (level.database.empty() ? "*" : level.database) + "." + level.table;
  };
  switch (statement.kind) {
    case Kind::kCreateUser:
      out = static_cast<const sql::CreateUserStatement&>(statement).role ? "CREATE ROLE"
                                                                          : "CREATE USER";
      specs(static_cast<const sql::CreateUserStatement&>(statement).users);
      break;
    case Kind::kAlterUser:
      out = "ALTER USER";
      specs(static_cast<const sql::AlterUserStatement&>(statement).users);
      break;
    case Kind::kDropUser:
      out = static_cast<const sql::DropUserStatement&>(statement).role ? "DROP ROLE" : "DROP USER";
      for (const auto& name : static_cast<const sql::DropUserStatement&>(statement).users) {
        users.push_back(Quoted(name));
      }
      break;
    case Kind::kRenameUser:
      out = "RENAME USER";
      for (const auto& [from, to] : static_cast<const sql::RenameUserStatement&>(statement).renames) {
        users.push_back(Quoted(from) + " TO " + Quoted(to));
      }
      break;
    case Kind::kGrant: {
      const auto& grant = static_cast<const sql::GrantStatement&>(statement);
      out = "GRANT " + privileges(grant.privileges, grant.level) + " TO";
      specs(grant.users);
      break;
    }
    case Kind::kRevoke: {
      const auto& revoke = static_cast<const sql::RevokeStatement&>(statement);
      out = "REVOKE " + (revoke.all_and_grant_option ? std::string("ALL PRIVILEGES, GRANT OPTION")
                                                     : privileges(revoke.privileges, revoke.level)) +
            " FROM";
      for (const auto& name : revoke.users) users.push_back(Quoted(name));
      break;
    }
    case Kind::kSetPassword: {
      const auto& set = static_cast<const sql::SetPasswordStatement&>(statement);
      out = "SET PASSWORD FOR";
      users.push_back(set.user ? Quoted(*set.user) : "CURRENT_USER");
      break;
    }
    default:
      return "";
  }
  for (size_t index = 0; index < users.size(); ++index) {
    out += (index == 0 ? " " : ", ") + users[index];
  }
  return out;
}

}  // namespace

void Session::AuditOutcome(const sql::Statement& statement, const Status& status) {
  bool account = ChangesAccounts(statement.kind);
  bool denied = IsAccessDenied(status.code());
  if (!(account && status.ok()) && !denied) return;
  ServerHooks* hooks = engine_.hooks();
  if (hooks == nullptr || !hooks->AuditOn()) return;
  ServerHooks::AuditedStatement audited;
  audited.connection_id = connection_id_;
  audited.user = checker_.principal().user;
  audited.host = checker_.principal().client_host;
  audited.denied = denied;
  audited.status = status;
  constexpr size_t kLongest = 1024;
  audited.what = account ? AccountSummary(statement) : statement.source_text.substr(0, kLongest);
  hooks->AuditStatement(audited);
}

bool Session::ChangesOwnPassword(const sql::Statement& statement) const {
  const Principal& me = checker_.principal();
  auto is_me = [&](const sql::UserName& name) {
    return name.current_user ||
           (name.user == me.account_user && EqualsIgnoreCase(name.host, me.account_host));
  };
  if (statement.kind == sql::StatementKind::kSetPassword) {
    const auto& set = static_cast<const sql::SetPasswordStatement&>(statement);
    return !set.user || is_me(*set.user);
  }
  if (statement.kind != sql::StatementKind::kAlterUser) return false;
  for (const sql::UserSpec& spec : static_cast<const sql::AlterUserStatement&>(statement).users) {
    if (spec.auth && is_me(spec.user)) return true;
  }
  return false;
}

Status Session::ExecuteClientStatement(const sql::Statement& statement, ResultSink& sink,
                                       bool more, const std::function<Status()>& run) {
  // An expired password: only statements that can change it (and SET) run, as in MySQL's
  // sandbox mode; changing it ends the sandbox.
  if (must_change_password_) {
    using Kind = sql::StatementKind;
    if (statement.kind != Kind::kAlterUser && statement.kind != Kind::kSetPassword &&
        statement.kind != Kind::kSet) {
      return Status::Error(ER_MUST_CHANGE_PASSWORD);
    }
  }
  PORPOISE_RETURN_IF_ERROR(CountAccountUse(statement));
  if (transaction_lost_) PORPOISE_RETURN_IF_ERROR(AnswerLostTransaction(statement));
  // A statement that assigns a user variable (@v := x) reads every user variable as it runs.
  runtime_user_variables_ = statement.source_text.find(":=") != std::string::npos;
  host_->last_insert_id.reset();
  // READ COMMITTED and READ UNCOMMITTED: each statement reads the newest commits.
  if (transaction_.open() && transaction_.SnapshotBehind()) {
    std::string isolation = variables_.transaction_isolation();
    if (isolation == "READ-COMMITTED" || isolation == "READ-UNCOMMITTED") {
      PORPOISE_RETURN_IF_ERROR(transaction_.FreshSnapshot());
    }
  }
  Status status = run ? run() : Execute(statement, sink, more);
  if (must_change_password_ && status.ok() && ChangesOwnPassword(statement)) {
    must_change_password_ = false;
  }
  AuditOutcome(statement, status);
  // SQLite ended the transaction itself: the next statement hears of it (1213).
  if (transaction_.TakeLost()) transaction_lost_ = true;
  runtime_user_variables_ = false;
  if (host_->last_insert_id) last_insert_id_ = *host_->last_insert_id;
  host_->last_insert_id.reset();
  return status;
}

Status Session::Execute(const sql::Statement& statement, ResultSink& sink, bool more) {
  bool exclusive = false;
  PORPOISE_RETURN_IF_ERROR(LockForDdl(statement, &exclusive));
  struct ExclusiveEnd {
    Session& session;
    bool held;
    ~ExclusiveEnd() {
      if (held) session.engine_.metadata_locks().ReleaseExclusive(session.connection_id_);
    }
  } exclusive_end{*this, exclusive};
  // A statement that changes the catalog takes the write lock before the catalog's mutex
  // and keeps it to its end: while it waits for a writer it holds no other DDL up.
  bool pinned = false;
  if (ChangesCatalog(statement)) {
    PORPOISE_RETURN_IF_ERROR(ImplicitCommit());
    write_holder_.set_for_ddl(true);
    Status locked = TranslateStorageError(db_->LockForWriting());
    write_holder_.set_for_ddl(false);
    PORPOISE_RETURN_IF_ERROR(locked);
    db_->PinWriteLock(true);
    pinned = true;
  }
  struct Unpin {
    storage::Database& db;
    bool pinned;
    ~Unpin() {
      if (pinned) db.PinWriteLock(false);
    }
  } unpin{*db_, pinned};
  using Kind = sql::StatementKind;
  Engine::QueryCounters& counters = engine_.query_counters();
  counters.queries.fetch_add(1, std::memory_order_relaxed);
  counters.by_kind[static_cast<uint8_t>(statement.kind)].fetch_add(1, std::memory_order_relaxed);
  bool write = statement.kind == Kind::kInsert || statement.kind == Kind::kUpdate ||
               statement.kind == Kind::kDelete;
  if (write && StrictMode() && host_->division_by_zero == DivisionByZeroMode::kWarn) {
    host_->division_by_zero = DivisionByZeroMode::kError;
  }
  switch (statement.kind) {
    case Kind::kSelect:
      return ExecuteSelect(static_cast<const sql::SelectStatement&>(statement), sink, more);
    case Kind::kInsert:
      return ExecuteInsert(static_cast<const sql::InsertStatement&>(statement), sink, more);
    case Kind::kUpdate:
      return ExecuteUpdate(static_cast<const sql::UpdateStatement&>(statement), sink, more);
    case Kind::kDelete:
      return ExecuteDelete(static_cast<const sql::DeleteStatement&>(statement), sink, more);
    case Kind::kTruncateTable:
      return ExecuteTruncate(static_cast<const sql::TruncateTableStatement&>(statement), sink, more);
    case Kind::kCreateDatabase:
      PORPOISE_RETURN_IF_ERROR(
          ExecuteCreateDatabase(static_cast<const sql::CreateDatabaseStatement&>(statement)));
      SendOk(sink, more, diagnostics_.conditions().empty() ? 1 : 0);
      return Status::OK();
    case Kind::kAlterDatabase:
      PORPOISE_RETURN_IF_ERROR(
          ExecuteAlterDatabase(static_cast<const sql::AlterDatabaseStatement&>(statement)));
      SendOk(sink, more, 1);
      return Status::OK();
    case Kind::kDropDatabase: {
      uint64_t dropped = 0;
      PORPOISE_RETURN_IF_ERROR(
          ExecuteDropDatabase(static_cast<const sql::DropDatabaseStatement&>(statement), &dropped));
      SendOk(sink, more, dropped);
      return Status::OK();
    }
    case Kind::kCreateTable:
      if (static_cast<const sql::CreateTableStatement&>(statement).as_select) {
        return ExecuteCreateTableSelect(static_cast<const sql::CreateTableStatement&>(statement),
                                        sink, more);
      }
      PORPOISE_RETURN_IF_ERROR(
          ExecuteCreateTable(static_cast<const sql::CreateTableStatement&>(statement)));
      SendOk(sink, more, 0);
      return Status::OK();
    case Kind::kDropTable:
      PORPOISE_RETURN_IF_ERROR(ExecuteDropTable(static_cast<const sql::DropTableStatement&>(statement)));
      SendOk(sink, more, 0);
      return Status::OK();
    case Kind::kCreateIndex:
      PORPOISE_RETURN_IF_ERROR(
          ExecuteCreateIndex(static_cast<const sql::CreateIndexStatement&>(statement)));
      SendAlterOk(sink, more, 0);
      return Status::OK();
    case Kind::kAlterTable:
      PORPOISE_RETURN_IF_ERROR(ExecuteAlterTable(static_cast<const sql::AlterTableStatement&>(statement)));
      SendAlterOk(sink, more, altered_rows_);
      return Status::OK();
    case Kind::kRenameTable:
      PORPOISE_RETURN_IF_ERROR(
          RenameTables(static_cast<const sql::RenameTableStatement&>(statement).renames));
      SendOk(sink, more, 0);
      return Status::OK();
    case Kind::kTableMaintenance:
      return ExecuteTableMaintenance(static_cast<const sql::TableMaintenanceStatement&>(statement),
                                     sink, more);
    case Kind::kCreateView:
      PORPOISE_RETURN_IF_ERROR(ExecuteCreateView(static_cast<const sql::CreateViewStatement&>(statement)));
      SendOk(sink, more, 0);
      return Status::OK();
    case Kind::kDropView:
      PORPOISE_RETURN_IF_ERROR(ExecuteDropView(static_cast<const sql::DropViewStatement&>(statement)));
      SendOk(sink, more, 0);
      return Status::OK();
    case Kind::kDropIndex:
      PORPOISE_RETURN_IF_ERROR(ExecuteDropIndex(static_cast<const sql::DropIndexStatement&>(statement)));
      SendAlterOk(sink, more, 0);
      return Status::OK();
    case Kind::kUse:
      PORPOISE_RETURN_IF_ERROR(ExecuteUse(static_cast<const sql::UseStatement&>(statement).database));
      SendOk(sink, more, 0);
      return Status::OK();
    case Kind::kShow:
      return ExecuteShow(static_cast<const sql::ShowStatement&>(statement), sink, more);
    case Kind::kSet:
      PORPOISE_RETURN_IF_ERROR(ExecuteSet(static_cast<const sql::SetStatement&>(statement)));
      SendOk(sink, more, 0);
      return Status::OK();
    case Kind::kSetPassword:
    case Kind::kCreateUser:
    case Kind::kAlterUser:
    case Kind::kDropUser:
    case Kind::kRenameUser:
    case Kind::kGrant:
    case Kind::kRevoke:
      return ExecuteAccountStatement(statement, sink, more);
    case Kind::kSetRole: {
      const auto& set = static_cast<const sql::SetRoleStatement&>(statement);
      if (set.default_role) return ExecuteAccountStatement(statement, sink, more);
      std::vector<AccessChecker::RoleName> roles;
      for (const sql::UserName& role : set.roles) roles.emplace_back(role.user, role.host);
      PORPOISE_RETURN_IF_ERROR(
          checker_.SetRoles(static_cast<AccessChecker::RoleMode>(set.mode), roles));
      SendOk(sink, more, 0);
      return Status::OK();
    }
    case Kind::kFlush:
      PORPOISE_RETURN_IF_ERROR(ExecuteFlush(static_cast<const sql::FlushStatement&>(statement)));
      SendOk(sink, more, 0);
      return Status::OK();
    case Kind::kLockTables:
      PORPOISE_RETURN_IF_ERROR(ExecuteLockTables(static_cast<const sql::LockTablesStatement&>(statement)));
      SendOk(sink, more, 0);
      return Status::OK();
    case Kind::kUnlockTables:
      SendOk(sink, more, 0);
      return Status::OK();
    case Kind::kBegin:
    case Kind::kCommit:
    case Kind::kRollback:
    case Kind::kSavepoint:
    case Kind::kReleaseSavepoint:
      PORPOISE_RETURN_IF_ERROR(ExecuteTransactionStatement(statement));
      SendOk(sink, more, 0);
      return Status::OK();
    case Kind::kKill:
      PORPOISE_RETURN_IF_ERROR(ExecuteKill(static_cast<const sql::KillStatement&>(statement)));
      SendOk(sink, more, 0);
      return Status::OK();
    case Kind::kDo:
      return ExecuteDo(static_cast<const sql::DoStatement&>(statement), sink, more);
    case Kind::kLoadData:
      return ExecuteLoadData(static_cast<const sql::LoadDataStatement&>(statement), sink, more);
    case Kind::kExplain:
      return ExecuteExplain(static_cast<const sql::ExplainStatement&>(statement), sink, more);
    case Kind::kPrepare:
      PORPOISE_RETURN_IF_ERROR(ExecutePrepare(static_cast<const sql::PrepareStatement&>(statement)));
      SendOk(sink, more, 0, 0, "Statement prepared");
      return Status::OK();
    case Kind::kExecute:
      return ExecuteExecute(static_cast<const sql::ExecuteStatement&>(statement), sink, more);
    case Kind::kAlterInstance: {
      // CONNECTION_ADMIN itself: SUPER does not stand in for it here, as in MySQL.
      if (!bootstrap_ && !checker_.HasDynamic("CONNECTION_ADMIN")) {
        return Status::Error(ER_SPECIFIC_ACCESS_DENIED_ERROR, "CONNECTION_ADMIN");
      }
      if (engine_.hooks() == nullptr) {
        return Status::Error(ER_NOT_SUPPORTED_YET, "ALTER INSTANCE RELOAD TLS here");
      }
      const auto& alter = static_cast<const sql::AlterInstanceStatement&>(statement);
      PORPOISE_RETURN_IF_ERROR(engine_.hooks()->ReloadTls(alter.no_rollback_on_error));
      SendOk(sink, more, 0);
      return Status::OK();
    }
    case Kind::kShutdown:
      PORPOISE_RETURN_IF_ERROR(RequireGlobal(auth::Privilege::kShutdown));
      if (engine_.hooks() == nullptr) return Status::Error(ER_NOT_SUPPORTED_YET, "SHUTDOWN here");
      SendOk(sink, more, 0);
      engine_.hooks()->Shutdown(UserText());
      return Status::OK();
    case Kind::kHelp:
      return ExecuteHelp(static_cast<const sql::HelpStatement&>(statement), sink, more);
    case Kind::kDeallocatePrepare:
      PORPOISE_RETURN_IF_ERROR(
          ExecuteDeallocatePrepare(static_cast<const sql::DeallocatePrepareStatement&>(statement)));
      SendOk(sink, more, 0);
      return Status::OK();
    case Kind::kCreateRoutine:
      PORPOISE_RETURN_IF_ERROR(ExecuteCreateRoutine(static_cast<const sql::CreateRoutineStatement&>(statement)));
      SendOk(sink, more, 0);
      return Status::OK();
    case Kind::kDropRoutine:
      PORPOISE_RETURN_IF_ERROR(ExecuteDropRoutine(static_cast<const sql::DropRoutineStatement&>(statement)));
      SendOk(sink, more, 0);
      return Status::OK();
    case Kind::kCreateTrigger:
      PORPOISE_RETURN_IF_ERROR(ExecuteCreateTrigger(static_cast<const sql::CreateTriggerStatement&>(statement)));
      SendOk(sink, more, 0);
      return Status::OK();
    case Kind::kDropTrigger:
      PORPOISE_RETURN_IF_ERROR(ExecuteDropTrigger(static_cast<const sql::DropTriggerStatement&>(statement)));
      SendOk(sink, more, 0);
      return Status::OK();
    case Kind::kCall:
      return ExecuteCall(static_cast<const sql::CallStatement&>(statement), sink, more);
    case Kind::kSignal:
    case Kind::kResignal:
    case Kind::kGetDiagnostics: {
      // Outside a program: on a frame of their own (RESIGNAL then has no handler, 1645).
      ProgramFrame frame;
      frame.blocks.emplace_back();
      Status status = statement.kind == Kind::kGetDiagnostics
                          ? RunGetDiagnostics(static_cast<const sql::GetDiagnosticsStatement&>(statement), frame)
                          : RunSignal(static_cast<const sql::SignalStatement&>(statement), frame);
      PORPOISE_RETURN_IF_ERROR(status);
      SendOk(sink, more, 0);
      return Status::OK();
    }
    default:
      // DECLARE, IF, loops, cursors, RETURN ...: only a stored program's body holds them,
      // and the parser gives them to no one else.
      break;
  }
  return Status::Error(ER_NOT_SUPPORTED_YET, "this statement");
}

std::vector<SessionStateChange> Session::TakeStateChanges() {
  std::vector<SessionStateChange> changes;
  if (!track_state_ || program_ != nullptr) return changes;
  // No session variable set and the same default database: nothing changed to report.
  if (reported_database_ && *reported_database_ == database_ &&
      reported_generation_ == variables_.generation()) {
    return changes;
  }
  reported_generation_ = variables_.generation();
  auto setting = [&](std::string_view name) {
    Result<std::string> value = variables_.Get(name, sql::VariableScope::kSession);
    return value.ok() ? *value : std::string();
  };
  bool first = !reported_database_.has_value();
  if (setting("session_track_schema") == "ON" && reported_database_ != database_ && !first) {
    changes.push_back({SessionStateChange::Kind::kSchema, "", database_});
  }
  reported_database_ = database_;
  std::string names = setting("session_track_system_variables");
  std::vector<std::string> tracked;
  if (names == "*") {
    for (const auto& [name, value] : variables_.Show(false, std::nullopt)) tracked.push_back(name);
  } else {
    for (size_t start = 0; start <= names.size();) {
      size_t comma = std::min(names.find(',', start), names.size());
      std::string name = ToLowerAscii(std::string_view(names).substr(start, comma - start));
      if (!name.empty()) tracked.push_back(std::move(name));
      start = comma + 1;
    }
  }
  for (const std::string& name : tracked) {
    std::string value = setting(name);
    auto [known, inserted] = reported_variables_.try_emplace(name, value);
    if (inserted || known->second == value) continue;
    known->second = value;
    if (!first) changes.push_back({SessionStateChange::Kind::kSystemVariable, name, value});
  }
  if (!changes.empty() && setting("session_track_state_change") == "ON") {
    changes.push_back({SessionStateChange::Kind::kStateChange, "", "1"});
  }
  return changes;
}

Status Session::ComInitDb(std::string_view database) {
  Busy busy(*this);
  BeginStatement();
  ClearWarnings();
  return ExecuteUse(database);
}

std::string Session::ComStatistics() {
  std::string uptime = std::to_string(engine_.UptimeSeconds());
  std::string threads = "1";
  std::string questions = std::to_string(questions_);
  if (engine_.hooks() != nullptr) {
    for (const auto& [name, value] : engine_.hooks()->StatusCounters()) {
      if (name == "Threads_connected") threads = value;
      if (name == "Questions") questions = value;
      if (name == "Uptime") uptime = value;
    }
  }
  size_t tables = 0;
  for (const auto& [name, schema] : engine_.catalog().Current()->databases()) tables += schema->tables.size();
  const Engine::QueryCounters& counters = engine_.query_counters();
  // Thousandths of queries per second, truncated, as MySQL prints them.
  uint64_t seconds = std::max<uint64_t>(1, std::strtoull(uptime.c_str(), nullptr, 10));
  uint64_t thousandths = std::strtoull(questions.c_str(), nullptr, 10) * 1000 / seconds;
  char per_second[32];
  std::snprintf(per_second, sizeof(per_second), "%llu.%03llu",
                static_cast<unsigned long long>(thousandths / 1000),
                static_cast<unsigned long long>(thousandths % 1000));
  uint64_t flushes = counters.by_kind[static_cast<uint8_t>(sql::StatementKind::kFlush)].load();
  return "Uptime: " + uptime + "  Threads: " + threads + "  Questions: " + questions +
         "  Slow queries: " + std::to_string(counters.slow.load()) +
         "  Opens: " + std::to_string(tables) + "  Flush tables: " + std::to_string(flushes + 1) +
         "  Open tables: " + std::to_string(tables) + "  Queries per second avg: " + per_second;
}

void Session::ComResetConnection() {
  Busy busy(*this);
  transaction_lost_ = false;
  transaction_.Abandon();
  ReleaseTablesIfDone();
  engine_.user_locks().ReleaseAll(connection_id_);
  // Temporary tables end with the session state they belong to.
  for (const auto& [key, table] : temporary_) {
    Status dropped = db_->Execute("DROP TABLE IF EXISTS " + catalog::SqliteTableName(*table));
    (void)dropped;
  }
  temporary_.clear();
  temporary_counters_.clear();
  ++temporary_generation_;
  variables_.Reset();
  FollowDatabaseCharset();
  session_variable_origins_.clear();
  user_variables_.clear();
  while (!prepared_.empty()) DropPrepared(prepared_.begin()->first);
  ClearWarnings();
  last_insert_id_ = 0;
  row_count_ = -1;
  found_rows_ = 0;
}

// ---- the write lock ------------------------------------------------------------------------

Session::Busy::Busy(Session& session) : session_(session) {
  session_.activity_.lock();
  if (session_.activity_depth_++ == 0 &&
      session_.idle_deadline_.load(std::memory_order_relaxed) != 0) {
    session_.idle_deadline_.store(0, std::memory_order_relaxed);
  }
}

Session::Busy::~Busy() {
  if (--session_.activity_depth_ == 0) {
    storage::Database& db = *session_.db_;
    db.ReleaseWriteLockIfDone();
    session_.ReleaseTablesIfDone();
    session_.in_transaction_after_command_ = session_.transaction_.open();
    // The idle limit is looked up only for a session that leaves a transaction open.
    if (db.HoldsWriteLock()) {
      session_.engine_.write_lock().SetIdle(session_.write_holder_, true, session_.IdleLimit());
    } else if (db.InTransaction()) {
      const auto deadline = std::chrono::steady_clock::now() + session_.IdleLimit();
      session_.idle_deadline_.store(deadline.time_since_epoch().count(),
                                    std::memory_order_relaxed);
    }
  }
  session_.activity_.unlock();
}

void Session::EndIdleTransactionPast(int64_t now) {
  // Looked at first without the lock, to pass over the busy and the recently idle cheaply.
  auto expired = [&] {
    const int64_t deadline = idle_deadline_.load(std::memory_order_relaxed);
    return deadline != 0 && deadline <= now;
  };
  if (!expired()) return;
  std::unique_lock<std::recursive_mutex> idle(activity_, std::try_to_lock);
  if (!idle.owns_lock() || !expired()) return;  // a command runs, or ran since
  idle_deadline_.store(0, std::memory_order_relaxed);
  (void)write_holder_.GiveUpWhileIdle();
}

std::chrono::seconds Session::IdleLimit() const {
  return std::chrono::seconds(variables_.write_lock_idle_timeout());
}

storage::WriteLock::Clock::time_point Session::WriteHolder::WriteLockDeadline() {
  uint64_t seconds = for_ddl_ ? session_.variables_.lock_wait_timeout()
                              : session_.variables_.innodb_lock_wait_timeout();
  return storage::WriteLock::Clock::now() + std::chrono::seconds(seconds);
}

const std::atomic<bool>* Session::WriteHolder::WriteLockInterrupted() {
  return &session_.host_->interrupted;
}

bool Session::WriteHolder::GiveUpWhileIdle() {
  // Runs on the waiter's thread: only a session that is between commands can be touched.
  std::unique_lock<std::recursive_mutex> idle(session_.activity_, std::try_to_lock);
  if (!idle.owns_lock()) return false;
  session_.db_->RollBackForWaiter();
  session_.transaction_lost_ = true;
  session_.shared_tables_.clear();
  session_.engine_.metadata_locks().ReleaseShared(session_.connection_id_);
  return true;
}

Status Session::ShareTable(const std::string& database, const std::string& table) {
  // A statement outside a transaction reads one SQLite snapshot from start to end and holds
  // nothing after it: what a DDL changes meanwhile it does not see.
  if (!transaction_.open() || bootstrap_) return Status::OK();
  std::pair<std::string, std::string> key(database, table);  // names are case-sensitive
  if (shared_tables_.count(key) != 0 || OwnTemporaryTable(database, table)) return Status::OK();
  if (key.first == "information_schema" || key.first == "performance_schema") return Status::OK();
  Status shared = engine_.metadata_locks().Share(
      connection_id_, {key.first, key.second}, db_->HoldsWriteLock(),
      MetadataLocks::Clock::now() + std::chrono::seconds(variables_.lock_wait_timeout()),
      &host_->interrupted);
  if (shared.code() == ER_LOCK_DEADLOCK) {
    // As any deadlock: the whole transaction is rolled back.
    transaction_.Abandon();
    ReleaseTablesIfDone();
    Status restored = RestoreTemporaryTables();
    (void)restored;
  }
  PORPOISE_RETURN_IF_ERROR(shared);
  shared_tables_.insert(std::move(key));
  return Status::OK();
}

void Session::ReleaseTablesIfDone() {
  if (shared_tables_.empty() || transaction_.open()) return;
  shared_tables_.clear();
  engine_.metadata_locks().ReleaseShared(connection_id_);
}

namespace {

// The tables (or, with an empty table, databases) whose definition a DDL statement changes.
std::vector<MetadataLocks::Name> DdlTargets(const sql::Statement& statement, const std::string& current) {
  using Kind = sql::StatementKind;
  std::vector<MetadataLocks::Name> names;
  auto add = [&](const sql::TableName& name) {
    names.push_back({name.database.empty() ? current : name.database, name.table});
  };
  switch (statement.kind) {
    case Kind::kDropTable: {
      const auto& drop = static_cast<const sql::DropTableStatement&>(statement);
      if (!drop.temporary) for (const sql::TableName& table : drop.tables) add(table);
      break;
    }
    case Kind::kTruncateTable:
      add(static_cast<const sql::TruncateTableStatement&>(statement).table);
      break;
    case Kind::kCreateIndex:
      add(static_cast<const sql::CreateIndexStatement&>(statement).table);
      break;
    case Kind::kDropIndex:
      add(static_cast<const sql::DropIndexStatement&>(statement).table);
      break;
    case Kind::kAlterTable: {
      const auto& alter = static_cast<const sql::AlterTableStatement&>(statement);
      add(alter.table);
      for (const sql::AlterSpec& spec : alter.specs) {
        if (spec.kind == sql::AlterSpec::Kind::kRenameTable) add(spec.new_table);
      }
      break;
    }
    case Kind::kCreateView: {
      const auto& view = static_cast<const sql::CreateViewStatement&>(statement);
      if (view.alter || view.or_replace) add(view.view);
      break;
    }
    case Kind::kDropView:
      for (const sql::TableName& view : static_cast<const sql::DropViewStatement&>(statement).views) {
        add(view);
      }
      break;
    case Kind::kRenameTable:
      for (const auto& [from, to] : static_cast<const sql::RenameTableStatement&>(statement).renames) {
        add(from);
        add(to);
      }
      break;
    case Kind::kCreateTrigger:
      add(static_cast<const sql::CreateTriggerStatement&>(statement).table);
      break;
    case Kind::kDropDatabase:
      names.push_back({static_cast<const sql::DropDatabaseStatement&>(statement).name, ""});
      break;
    default:
      break;
  }
  return names;
}

}  // namespace

bool Session::ChangesCatalog(const sql::Statement& statement) const {
  using Kind = sql::StatementKind;
  if (bootstrap_) return false;
  switch (statement.kind) {
    case Kind::kCreateTable:
      return !static_cast<const sql::CreateTableStatement&>(statement).temporary;
    case Kind::kDropTable:
      return !static_cast<const sql::DropTableStatement&>(statement).temporary;
    case Kind::kTruncateTable: {
      const sql::TableName& table = static_cast<const sql::TruncateTableStatement&>(statement).table;
      return !OwnTemporaryTable(table.database.empty() ? database_ : table.database, table.table);
    }
    case Kind::kCreateDatabase:
    case Kind::kAlterDatabase:
    case Kind::kDropDatabase:
    case Kind::kCreateIndex:
    case Kind::kDropIndex:
    case Kind::kAlterTable:
    case Kind::kRenameTable:
    case Kind::kCreateView:
    case Kind::kDropView:
    case Kind::kCreateRoutine:
    case Kind::kDropRoutine:
    case Kind::kCreateTrigger:
    case Kind::kDropTrigger:
      return true;
    default:
      return false;
  }
}

Status Session::LockForDdl(const sql::Statement& statement, bool* locked) {
  if (bootstrap_) return Status::OK();
  std::vector<MetadataLocks::Name> names = DdlTargets(statement, database_);
  // A temporary table is the session's own: nothing to wait for.
  names.erase(std::remove_if(names.begin(), names.end(),
                             [&](const MetadataLocks::Name& name) {
                               return !name.table.empty() && OwnTemporaryTable(name.database, name.table);
                             }),
              names.end());
  if (names.empty()) return Status::OK();
  // The statement commits first: its own transaction must not hold the write lock (or
  // shared locks) while it waits for others.
  PORPOISE_RETURN_IF_ERROR(ImplicitCommit());
  ReleaseTablesIfDone();
  PORPOISE_RETURN_IF_ERROR(engine_.metadata_locks().Exclusive(
      connection_id_, names,
      MetadataLocks::Clock::now() + std::chrono::seconds(variables_.lock_wait_timeout()),
      &host_->interrupted));
  *locked = true;
  return Status::OK();
}

Status Session::AnswerLostTransaction(const sql::Statement& statement) {
  transaction_lost_ = false;
  transaction_.Abandon();
  PORPOISE_RETURN_IF_ERROR(RestoreTemporaryTables());
  if (statement.kind == sql::StatementKind::kRollback) return Status::OK();
  return Status::Error(ER_LOCK_DEADLOCK);
}

uint16_t Session::ServerStatus() const {
  uint16_t status = 0;
  if (variables_.autocommit()) status |= server_status::kAutocommit;
  // Between commands the connection may be in a waiter's hands (GiveUpWhileIdle): what the
  // last command left is what the client is told.
  bool in_transaction = activity_depth_ > 0 ? transaction_.open() : in_transaction_after_command_;
  if (in_transaction) status |= server_status::kInTransaction;
  if (SqlModeHas("NO_BACKSLASH_ESCAPES")) status |= server_status::kNoBackslashEscapes;
  return status;
}

uint64_t Session::FullScanSteps() const { return db_->full_scan_steps(); }

uint16_t Session::WarningCount() const {
  return static_cast<uint16_t>(std::min<uint64_t>(diagnostics_.Count(), 65535));
}

uint32_t Session::IdleTimeoutSeconds() const {
  return interactive_ ? variables_.interactive_timeout() : variables_.wait_timeout();
}

void Session::InterruptQuery() {
  host_->interrupted.store(true);
  db_->Interrupt();
  engine_.write_lock().WakeAll();
  engine_.metadata_locks().WakeAll();
}

// ---- helpers ----------------------------------------------------------------------------

bool Session::SqlModeHas(std::string_view flag) const {
  // Asked several times per statement: the split, upper-cased list is kept until sql_mode changes.
  const std::string& mode = variables_.sql_mode();
  if (mode != sql_mode_text_) {
    sql_mode_text_ = mode;
    sql_mode_flags_.clear();
    size_t start = 0;
    while (start <= mode.size()) {
      size_t comma = mode.find(',', start);
      size_t end = comma == std::string::npos ? mode.size() : comma;
      std::string item = mode.substr(start, end - start);
      for (char& c : item) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      sql_mode_flags_.push_back(std::move(item));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  for (const std::string& item : sql_mode_flags_) {
    if (item == flag) return true;
  }
  return false;
}

bool Session::StrictMode() const {
  return SqlModeHas("STRICT_TRANS_TABLES") || SqlModeHas("STRICT_ALL_TABLES") ||
         SqlModeHas("TRADITIONAL");
}

types::DateChecks Session::ColumnDateChecks() const {
  return {!SqlModeHas("NO_ZERO_DATE"), !SqlModeHas("NO_ZERO_IN_DATE"),
          SqlModeHas("ALLOW_INVALID_DATES")};
}

void Session::AddWarning(Status warning) {
  if (!variables_.sql_notes() && DiagnosticLevel(warning) == "Note") return;
  diagnostics_.AddWarning(std::move(warning), variables_.max_error_count());
}

void Session::ClearWarnings() { diagnostics_.Clear(); }

void Session::AddError(Status error) {
  row_count_ = -1;  // ROW_COUNT() after a statement that failed
  diagnostics_.AddError(std::move(error), variables_.max_error_count());
}

Status Session::RequireGlobal(auth::Privilege privilege) {
  if (bootstrap_) return Status::OK();
  return checker_.CheckGlobal(privilege);
}

Status Session::RequireDatabase(auth::Privilege privilege, std::string_view database) {
  if (bootstrap_) return Status::OK();
  return checker_.CheckDatabase(privilege, database);
}

bool Session::OwnTemporaryTable(std::string_view database, std::string_view table) const {
  std::shared_ptr<const catalog::TableSchema> found = catalog_->FindTable(database, table);
  return found && found->temporary;
}

Status Session::RequireTable(auth::Privilege privilege, std::string_view database,
                             std::string_view table) {
  if (bootstrap_) return Status::OK();
  return checker_.CheckTable(privilege, database, table);
}

Status Session::RequireOnTable(auth::Privilege privilege, const catalog::TableSchema& table) {
  if (table.temporary) return Status::OK();
  return RequireTable(privilege, table.database, table.name);
}

Status Session::RequireColumn(auth::Privilege privilege, const ColumnRead& column) {
  if (bootstrap_ || OwnTemporaryTable(column.database, column.table)) return Status::OK();
  return checker_.CheckColumn(privilege, column.database, column.table, column.column);
}

std::string Session::ColumnPrivilegesText(std::string_view database, std::string_view table,
                                          std::string_view column) const {
  // Virtual schemas' columns are read-only: SELECT is all anyone holds on them.
  bool virtual_schema =
      catalog::IsInformationSchema(database) || catalog::IsPerformanceSchema(database);
  auth::PrivilegeSet held = virtual_schema ? auth::Bit(auth::Privilege::kSelect)
                            : bootstrap_ || OwnTemporaryTable(database, table)
                                ? ~auth::PrivilegeSet{0}
                                : checker_.ColumnAccess(database, table, column);
  std::string text;
  for (auth::Privilege privilege : {auth::Privilege::kSelect, auth::Privilege::kInsert,
                                    auth::Privilege::kUpdate, auth::Privilege::kReferences}) {
    if ((held & auth::Bit(privilege)) == 0) continue;
    if (!text.empty()) text += ",";
    text += ToLowerAscii(auth::PrivilegeName(privilege));
  }
  return text;
}

Status Session::RequireColumns(auth::Privilege privilege, std::string_view database,
                               std::string_view table, const std::vector<std::string>& columns,
                               bool every_column) {
  if (bootstrap_ || checker_.HasTable(privilege, database, table) ||
      OwnTemporaryTable(database, table)) {
    return Status::OK();
  }
  PORPOISE_RETURN_IF_ERROR(checker_.CheckTableOrColumns(privilege, database, table));
  for (const std::string& column : columns) {
    Status held = checker_.CheckColumn(privilege, database, table, column);
    if (!held.ok()) return every_column ? checker_.CheckTable(privilege, database, table) : held;
  }
  return Status::OK();
}

std::string Session::UserText() const {
  return checker_.principal().user + "@" + checker_.principal().client_host;
}

std::string Session::CurrentUserText() const {
  return checker_.principal().account_user + "@" + checker_.principal().account_host;
}

const types::Collation* Session::ConnectionCollation() {
  // Looked up again only when collation_connection changes.
  std::string collation_name = variables_.collation_connection();
  if (collation_name != connection_collation_name_) {
    const types::Collation* collation = types::FindCollationByName(collation_name);
    connection_collation_ = collation != nullptr ? collation : &types::DefaultCollation();
    connection_collation_name_ = std::move(collation_name);
  }
  return connection_collation_;
}

TranslatorContext Session::LiteralContext() {
  TranslatorContext context;
  context.variables = &variables_;
  context.memory_limit = statement_memory_limit_;
  context.sql_mode_dates = ColumnDateChecks();
  context.connection_collation = ConnectionCollation();
  context.div_precision_increment = variables_.div_precision_increment();
  return context;
}

TranslatorContext Session::MakeTranslatorContext() {
  TranslatorContext context;
  context.catalog = catalog_;
  context.current_database = database_;
  context.variables = &variables_;
  context.user_variables = &user_variables_;
  context.user = UserText();
  context.current_user = CurrentUserText();
  context.current_role = checker_.CurrentRoleText();
  context.connection_id = connection_id_;
  context.memory_limit = statement_memory_limit_;
  context.last_insert_id = last_insert_id_;
  context.runtime_user_variables = runtime_user_variables_;
  context.row_count = row_count_;
  context.found_rows = found_rows_;
  context.pipes_as_concat = SqlModeHas("PIPES_AS_CONCAT");
  context.timestamps_local = !host_->time_zone->IsUtc();
  context.only_full_group_by = SqlModeHas("ONLY_FULL_GROUP_BY");
  context.no_unsigned_subtraction = SqlModeHas("NO_UNSIGNED_SUBTRACTION");
  context.no_backslash_escapes = SqlModeHas("NO_BACKSLASH_ESCAPES");
  context.strict = StrictMode();
  context.sql_mode_dates = ColumnDateChecks();
  context.warning_count = diagnostics_.previous_warning_count();
  context.statement_micros = host_->statement_micros;
  context.error_count = diagnostics_.previous_error_count();
  context.connection_collation = ConnectionCollation();
  context.div_precision_increment = variables_.div_precision_increment();
  context.program = program_;
  if (program_ == nullptr && !parameters_.empty()) context.statement_parameters = &parameters_;
  context.stored_calls = &stored_calls_;
  context.may_read_table = [this](const std::string& database, const std::string& table) {
    if (bootstrap_ || OwnTemporaryTable(database, table)) return Status::OK();
    return checker_.CheckTableOrColumns(auth::Privilege::kSelect, database, table);
  };
  context.compute_constant = [this](const BoundExpr& expr, std::vector<Status>* said) {
    return ComputeConstant(expr, said);
  };
  return context;
}

std::optional<Value> Session::ComputeConstant(const BoundExpr& expr, std::vector<Status>* said) {
  TranslatorContext context = MakeTranslatorContext();
  BoundQuery query;
  query.select.items.push_back(expr);
  query.select.names.push_back("c1");
  std::string sql = EmitQuery(query, context);
  context.reads_checked.reset();
  if (context.ReadCount() != 0 || !context.sub_statements.empty() || !CheckReads(context).ok()) {
    return std::nullopt;
  }
  size_t before = host_->warnings.size();
  Result<storage::Statement> statement = PrepareTranslated(sql, context, /*reusable=*/false);
  if (!statement.ok()) return std::nullopt;
  Result<bool> step = statement.value().Step();
  for (size_t i = before; i < host_->warnings.size(); ++i) said->push_back(std::move(host_->warnings[i]));
  host_->warnings.resize(std::min(before, host_->warnings.size()));
  if (!step.ok() || !step.value()) return std::nullopt;
  return ReadValue(statement.value(), 0);
}

void Session::SendAlterOk(ResultSink& sink, bool more, uint64_t rows) {
  DrainRuntimeWarnings();
  SendOk(sink, more, rows, 0,
         "Records: " + std::to_string(rows) + "  Duplicates: 0  Warnings: " +
             std::to_string(diagnostics_.conditions().size()));
}

void Session::SendOk(ResultSink& sink, bool more, uint64_t affected, uint64_t insert_id,
                     std::string info) {
  DrainRuntimeWarnings();
  // ROW_COUNT(): what the statement's OK reports (MySQL's my_ok: 0 after DO, SET or DDL).
  row_count_ = static_cast<int64_t>(affected);
  OkResult result;
  result.affected_rows = affected;
  result.last_insert_id = insert_id;
  result.info = std::move(info);
  result.state_changes = TakeStateChanges();
  sink.SendOk(result, more);
}

std::vector<ColumnInfo> Session::ResultColumns(const std::vector<OutputColumn>& columns) const {
  std::vector<ColumnInfo> infos;
  infos.reserve(columns.size());
  for (const OutputColumn& column : columns) infos.push_back(column.info);
  std::string results = variables_.character_set_results();
  const catalog::CharsetInfo* to = catalog::FindCharset(results);
  if (to == nullptr || EqualsIgnoreCase(results, "binary")) return infos;
  if (types::NeedsEncoding(results)) {
    // Names travel in the results' character set too.
    std::string bytes;
    for (ColumnInfo& info : infos) {
      for (std::string* name : {&info.schema, &info.table, &info.org_table, &info.name, &info.org_name}) {
        types::Encode(*name, results, &bytes);
        name->swap(bytes);
      }
    }
  }
  const catalog::CollationInfo* to_collation = catalog::FindCollation(to->default_collation);
  if (to_collation == nullptr) return infos;
  for (ColumnInfo& info : infos) {
    if (info.collation == collation_id::kBinary) continue;
    const types::Collation* from = types::FindCollationById(info.collation);
    const catalog::CharsetInfo* from_charset =
        from != nullptr ? catalog::FindCharset(from->charset()) : nullptr;
    if (from_charset == nullptr) continue;
    uint64_t characters = info.length / from_charset->max_length;
    info.length = static_cast<uint32_t>(
        std::min<uint64_t>(characters * to->max_length, UINT32_MAX));
    info.collation = to_collation->id;
  }
  return infos;
}

Status Session::UseClientCollation(uint16_t id) {
  if (id == 0) return Status::OK();
  const types::Collation* collation = types::FindCollationById(id);
  if (collation == nullptr) {
    // A number MySQL does not know either leaves the server's default, as in MySQL. A set
    // MySQL has and this server has not is refused rather than misread: a client escaping
    // for sjis, gbk or big5 would have its statements read as something else.
    std::string_view named = catalog::MysqlCharsetOfCollationId(id);
    if (named.empty()) return Status::OK();
    if (catalog::IsImpossibleClientCharset(named)) {
      return Status::Error(ER_WRONG_VALUE_FOR_VAR, "character_set_client", named);
    }
    const catalog::CharsetInfo* known = catalog::FindCharset(named);
    if (known == nullptr) return Status::Error(ER_UNKNOWN_CHARACTER_SET, named);
    const catalog::CollationInfo* fallback = catalog::FindCollation(known->default_collation);
    collation = fallback == nullptr ? nullptr : types::FindCollationById(fallback->id);
    if (collation == nullptr) return Status::OK();
  }
  if (collation->id() == collation_id::kBinary) return Status::OK();
  if (collation->name() == variables_.collation_connection()) return Status::OK();
  std::string charset(collation->charset());
  for (const char* variable :
       {"character_set_client", "character_set_connection", "character_set_results"}) {
    (void)variables_.Set(variable, sql::VariableScope::kSession, charset, diagnostics_.collector());
  }
  (void)variables_.Set("collation_connection", sql::VariableScope::kSession,
                       std::string(collation->name()), diagnostics_.collector());
  return Status::OK();
}

std::string Session::ResultsEncoding() const {
  std::string results = variables_.character_set_results();
  return types::NeedsEncoding(results) ? results : std::string();
}

void Session::EncodeForResults(std::string_view encoding, std::span<const ColumnInfo> columns,
                               std::span<FieldValue> values, std::vector<std::string>& buffers) {
  if (encoding.empty()) return;
  if (buffers.size() < values.size()) buffers.resize(values.size());
  for (size_t i = 0; i < values.size() && i < columns.size(); ++i) {
    if (values[i].kind != FieldValue::Kind::kString) continue;
    if (columns[i].collation == collation_id::kBinary) continue;
    types::Encode(values[i].text, encoding, &buffers[i]);
    values[i].text = buffers[i];
  }
}

Status Session::SendRows(const Rows& rows, ResultSink& sink, bool more) {
  std::vector<ColumnInfo> columns = ResultColumns(rows.columns);
  sink.SendResultSetHeader(columns);
  std::vector<FieldValue> values(columns.size());
  std::vector<std::string> encoded;
  const std::string encoding = ResultsEncoding();
  for (const auto& row : rows.rows) {
    for (size_t i = 0; i < values.size(); ++i) {
      values[i] = i < row.size() && row[i] ? FieldValue::Text(*row[i]) : FieldValue::Null();
    }
    EncodeForResults(encoding, columns, values, encoded);
    if (!sink.SendRow(values)) break;
  }
  sink.SendResultSetEnd(more);
  found_rows_ = rows.rows.size();
  row_count_ = -1;
  return Status::OK();
}

// ---- transactions -----------------------------------------------------------------------

Status Session::ImplicitCommit() { return TranslateStorageError(transaction_.Commit()); }

Status Session::StartImplicitTransaction() {
  return TranslateStorageError(transaction_.StartImplicit(variables_.autocommit()));
}

Status Session::BeginWrite(const catalog::TableSchema& table) {
  PORPOISE_RETURN_IF_ERROR(ShareTable(table.database, table.name));
  PORPOISE_RETURN_IF_ERROR(
      TranslateStorageError(transaction_.BeginWrite(variables_.autocommit(), function_depth_ > 0)));
  transaction_.Changed(table.storage_id);
  return Status::OK();
}

// A failed statement's rollback reports storage's own status: the statement's error is the
// one that counts.
Status Session::EndWrite(bool success) {
  Status status = transaction_.EndWrite(success);
  return success ? TranslateStorageError(std::move(status)) : status;
}

Status Session::FinishWrite(Status status) {
  host_->store_columns.clear();
  if (!status.ok()) {
    Status ignored = EndWrite(false);
    (void)ignored;
  }
  return status;
}

Status Session::TranslateStorageError(Status status) {
  if (status.ok()) return status;
  DrainRuntimeWarnings();
  if (status.code() == ER_QUERY_INTERRUPTED && host_->timed_out) {
    host_->timed_out = false;
    return Status::Error(ER_QUERY_TIMEOUT);
  }
  if (!host_->error.ok()) {
    Status raised = std::move(host_->error);
    host_->error = Status::OK();
    return raised;
  }
  status = MapSqliteUserError(std::move(status));
  // A deadlock rolls the whole transaction back (a lock wait timeout only the statement).
  if (status.code() == ER_LOCK_DEADLOCK) transaction_.Abandon();
  return status;
}

Status Session::CheckReads(TranslatorContext& context) {
  // MySQL checks the tables first (before resolving names), then each column it resolves: a
  // table whose SELECT is granted on some columns only has each column read checked.
  std::set<std::pair<std::string, std::string>> by_column;
  for (const auto& [database, table] : context.tables_read) {
    if (bootstrap_ || checker_.HasTable(auth::Privilege::kSelect, database, table) ||
        OwnTemporaryTable(database, table)) {
      continue;
    }
    PORPOISE_RETURN_IF_ERROR(
        checker_.CheckTableOrColumns(auth::Privilege::kSelect, database, table));
    by_column.emplace(database, table);
  }
  for (const ColumnRead& column : context.columns_read) {
    if (by_column.empty()) break;
    if (by_column.count({column.database, column.table}) == 0) continue;
    Status allowed = RequireColumn(auth::Privilege::kSelect, column);
    if (!allowed.ok() && column.star) {
      return RequireTable(auth::Privilege::kSelect, column.database, column.table);
    }
    PORPOISE_RETURN_IF_ERROR(allowed);
  }
  for (const ColumnRead& column : context.target_columns_read) {
    PORPOISE_RETURN_IF_ERROR(RequireColumn(auth::Privilege::kSelect, column));
  }
  for (const std::string& table : context.performance_schema_tables) {
    if (catalog::PerformanceSchemaTableIsPublic(table)) continue;
    PORPOISE_RETURN_IF_ERROR(RequireTable(auth::Privilege::kSelect, "performance_schema", table));
  }
  for (const auto& [database, table] : context.tables_read) {
    PORPOISE_RETURN_IF_ERROR(ShareTable(database, table));
  }
  if (!context.information_schema_tables.empty()) {
    PORPOISE_RETURN_IF_ERROR(PrepareInformationSchema(context));
  }
  if (!context.performance_schema_tables.empty()) {
    PORPOISE_RETURN_IF_ERROR(PreparePerformanceSchema(context));
  }
  context.reads_checked = context.ReadCount();
  return Status::OK();
}

Result<storage::Statement> Session::PrepareTranslated(std::string_view sql,
                                                     TranslatorContext& context, bool reusable,
                                                     std::string_view prefix) {
  if (context.reads_checked != context.ReadCount()) {
    return Status::WithMessage(ER_UNKNOWN_ERROR,
                               "Internal error: the statement's reads were not privilege-checked");
  }
  std::string with = context.WithClause();
  std::string full = std::string(prefix) + with + std::string(sql);
  PORPOISE_ASSIGN_OR_RETURN(storage::Statement statement,
                            reusable ? db_->PrepareReusable(full) : db_->Prepare(full));
  // The sub-statements join the connection's list for this statement, numbered from `base`.
  int64_t base = static_cast<int64_t>(host_->sub_statements.size());
  for (const SubStatement& sub : context.sub_statements) {
    host_->sub_statements.push_back(sub);
    for (size_t reference : sub.references) {
      host_->sub_statements.back().parameters[reference].integer += base;
    }
  }
  int used = sqlite3_bind_parameter_count(statement.handle());
  size_t next_reference = 0;
  for (size_t i = 0; i < context.parameters.size(); ++i) {
    int index = static_cast<int>(context.parameter_offset + i) + 1;
    if (index > used) break;
    bool reference = next_reference < context.sub_statement_parameters.size() &&
                     context.sub_statement_parameters[next_reference] == i;
    if (reference) {
      ++next_reference;
      PORPOISE_RETURN_IF_ERROR(
          BindValue(statement, index, Value::Integer(context.parameters[i].integer + base)));
      continue;
    }
    PORPOISE_RETURN_IF_ERROR(BindValue(statement, index, context.parameters[i]));
  }
  for (Status& warning : context.warnings) AddWarning(std::move(warning));
  context.warnings.clear();
  return statement;
}

}  // namespace porpoise::engine
