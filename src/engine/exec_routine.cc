// CREATE/DROP PROCEDURE, FUNCTION and TRIGGER: the checks MySQL makes of a body when it is
// created (labels, declarations, SET targets, RETURN, statements a function or trigger may
// not hold), the canonical text SHOW CREATE prints, and the catalog rows. (engine/)
#include <algorithm>
#include <functional>
#include <set>

#include "common/strings.h"
#include "engine/account_manager.h"
#include "engine/catalog_store.h"
#include "engine/ddl_util.h"
#include "engine/program.h"
#include "engine/session.h"
#include "sql/parser.h"
#include "sql/printer.h"

namespace porpoise::engine {

namespace {

// The grant tables, read inside a routine statement's write transaction (a lambda's Status
// cannot carry a Result out).
Status ReadAccountsInto(storage::Database& db, AccountManager::PendingSnapshot& out) {
  Result<AccountManager::PendingSnapshot> read = AccountManager::ReadSnapshot(db);
  if (!read.ok()) return read.status();
  out = std::move(read).value();
  return Status::OK();
}

using Kind = sql::StatementKind;

// What CREATE checks of a body, as MySQL's parser does (sp_head / sp_pcontext).
class BodyChecker {
 public:
  BodyChecker(bool function, bool trigger, bool after = false)
      : function_(function), trigger_(trigger), after_(after) {}

  // What SET may name besides the body's variables: the routine's parameters (lower case)
  // and the system variables `known` finds; 1193 for anything else, as MySQL's parser says.
  void SetNames(std::set<std::string> parameters, std::function<bool(std::string_view)> known) {
    parameters_ = std::move(parameters);
    known_system_variable_ = std::move(known);
  }

  Status Check(const sql::Statement& body) {
    PORPOISE_RETURN_IF_ERROR(Statement(body));
    return Status::OK();
  }
  bool saw_return() const { return saw_return_; }

 private:
  struct Scope {
    std::set<std::string> variables, conditions, cursors;
    bool cursor_or_handler = false, handler = false;
  };

  Status Statements(const std::vector<sql::StatementPtr>& statements) {
    for (const sql::StatementPtr& statement : statements) PORPOISE_RETURN_IF_ERROR(Statement(*statement));
    return Status::OK();
  }

  bool HasLabel(std::string_view label, bool loops_only) const {
    for (const auto& [name, loop] : labels_) {
      if (EqualsIgnoreCase(name, label) && (loop || !loops_only)) return true;
    }
    return false;
  }

  bool HasVariable(std::string_view name) const {
    std::string lower = ToLowerAscii(name);
    if (parameters_.count(lower) != 0) return true;
    for (const Scope& scope : scopes_) {
      if (scope.variables.count(lower) != 0) return true;
    }
    return false;
  }

  bool HasCondition(std::string_view name) const {
    for (const Scope& scope : scopes_) {
      if (scope.conditions.count(ToLowerAscii(name)) != 0) return true;
    }
    return false;
  }

  bool HasCursor(std::string_view name) const {
    for (const Scope& scope : scopes_) {
      if (scope.cursors.count(ToLowerAscii(name)) != 0) return true;
    }
    return false;
  }

  Status ConditionValues(const std::vector<sql::ConditionValue>& values) {
    for (const sql::ConditionValue& value : values) {
      if (value.kind == sql::ConditionValue::Kind::kName && !HasCondition(value.value)) {
        return Status::Error(ER_SP_COND_MISMATCH, value.value);
      }
    }
    return Status::OK();
  }

  Status Statement(const sql::Statement& statement) {
    const char* where = trigger_ ? "trigger" : "function";
    switch (statement.kind) {
      case Kind::kBlock: {
        const auto& block = static_cast<const sql::BlockStatement&>(statement);
        scopes_.emplace_back();
        labels_.emplace_back(block.label, false);
        Status status = Statements(block.body);
        labels_.pop_back();
        scopes_.pop_back();
        return status;
      }
      case Kind::kDeclareVariable: {
        Scope& scope = scopes_.back();
        if (scope.cursor_or_handler) return Status::Error(ER_SP_VARCOND_AFTER_CURSHNDLR);
        for (const std::string& name : static_cast<const sql::DeclareVariableStatement&>(statement).names) {
          if (!scope.variables.insert(ToLowerAscii(name)).second) return Status::Error(ER_SP_DUP_VAR, name);
        }
        return Status::OK();
      }
      case Kind::kDeclareCondition: {
        Scope& scope = scopes_.back();
        if (scope.cursor_or_handler) return Status::Error(ER_SP_VARCOND_AFTER_CURSHNDLR);
        const std::string& name = static_cast<const sql::DeclareConditionStatement&>(statement).name;
        if (!scope.conditions.insert(ToLowerAscii(name)).second) return Status::Error(ER_SP_DUP_COND, name);
        return Status::OK();
      }
      case Kind::kDeclareCursor: {
        Scope& scope = scopes_.back();
        if (scope.handler) return Status::Error(ER_SP_CURSOR_AFTER_HANDLER);
        scope.cursor_or_handler = true;
        const auto& cursor = static_cast<const sql::DeclareCursorStatement&>(statement);
        if (!cursor.select->into.empty()) return Status::Error(ER_SP_BAD_CURSOR_SELECT);
        if (!scope.cursors.insert(ToLowerAscii(cursor.name)).second) {
          return Status::Error(ER_SP_DUP_CURS, cursor.name);
        }
        return Status::OK();
      }
      case Kind::kDeclareHandler: {
        Scope& scope = scopes_.back();
        scope.cursor_or_handler = scope.handler = true;
        const auto& handler = static_cast<const sql::DeclareHandlerStatement&>(statement);
        PORPOISE_RETURN_IF_ERROR(ConditionValues(handler.conditions));
        // A handler's body sees no labels of the blocks around it.
        std::vector<std::pair<std::string, bool>> outer;
        outer.swap(labels_);
        Status status = Statement(*handler.body);
        labels_.swap(outer);
        return status;
      }
      case Kind::kIf:
      case Kind::kCaseStatement: {
        const auto& branches = statement.kind == Kind::kIf
                                   ? static_cast<const sql::IfStatement&>(statement).branches
                                   : static_cast<const sql::CaseStatement&>(statement).branches;
        for (const sql::ConditionalBranch& branch : branches) PORPOISE_RETURN_IF_ERROR(Statements(branch.body));
        return Status::OK();
      }
      case Kind::kLoop: {
        const auto& loop = static_cast<const sql::LoopStatement&>(statement);
        labels_.emplace_back(loop.label, true);
        Status status = Statements(loop.body);
        labels_.pop_back();
        return status;
      }
      case Kind::kLeave:
      case Kind::kIterate: {
        const std::string& label = static_cast<const sql::LabelStatement&>(statement).label;
        bool iterate = statement.kind == Kind::kIterate;
        if (!HasLabel(label, iterate)) {
          return Status::Error(ER_SP_LILABEL_MISMATCH, iterate ? "ITERATE" : "LEAVE", label);
        }
        return Status::OK();
      }
      case Kind::kReturn:
        if (!function_) return Status::Error(ER_SP_BADRETURN);
        saw_return_ = true;
        return Status::OK();
      case Kind::kOpenCursor:
      case Kind::kFetchCursor:
      case Kind::kCloseCursor: {
        const std::string& cursor = static_cast<const sql::CursorStatement&>(statement).cursor;
        if (!HasCursor(cursor)) return Status::Error(ER_SP_CURSOR_MISMATCH, cursor);
        return Status::OK();
      }
      case Kind::kSignal:
      case Kind::kResignal: {
        const auto& signal = static_cast<const sql::SignalStatement&>(statement);
        if (signal.condition) return ConditionValues({*signal.condition});
        return Status::OK();
      }
      case Kind::kCreateRoutine:
        return Status::Error(ER_SP_NO_RECURSIVE_CREATE,
                             static_cast<const sql::CreateRoutineStatement&>(statement).function
                                 ? "FUNCTION" : "PROCEDURE");
      case Kind::kCreateTrigger:
        return Status::Error(ER_SP_NO_RECURSIVE_CREATE, "TRIGGER");
      case Kind::kDropRoutine:
        if (function_ || trigger_) return Status::Error(ER_COMMIT_NOT_ALLOWED_IN_SF_OR_TRG);
        return Status::OK();
      case Kind::kSelect:
        if ((function_ || trigger_) && static_cast<const sql::SelectStatement&>(statement).into.empty()) {
          return Status::Error(ER_SP_NO_RETSET, where);
        }
        return Status::OK();
      case Kind::kShow:
        if (function_ || trigger_) return Status::Error(ER_SP_NO_RETSET, where);
        return Status::OK();
      case Kind::kSet:
        for (const sql::SetAssignment& assignment : static_cast<const sql::SetStatement&>(statement).assignments) {
          if (known_system_variable_ && assignment.kind == sql::SetAssignment::Kind::kVariable &&
              assignment.scope != sql::VariableScope::kUser &&
              assignment.name.find('.') == std::string::npos &&
              !(assignment.scope == sql::VariableScope::kDefault && HasVariable(assignment.name)) &&
              !known_system_variable_(assignment.name)) {
            return Status::Error(ER_UNKNOWN_SYSTEM_VARIABLE, assignment.name);
          }
          // A trigger's OLD row never changes, nor its NEW row after the change.
          if (!trigger_ || assignment.kind != sql::SetAssignment::Kind::kVariable ||
              assignment.scope != sql::VariableScope::kDefault) {
            continue;
          }
          std::string name = ToLowerAscii(assignment.name);
          if (name.starts_with("old.")) return Status::Error(ER_TRG_CANT_CHANGE_ROW, "OLD", "");
          if (name.starts_with("new.") && after_) return Status::Error(ER_TRG_CANT_CHANGE_ROW, "NEW", "after ");
        }
        return Status::OK();
      case Kind::kUse:
        return Status::Error(ER_SP_BADSTATEMENT, "USE");
      case Kind::kLoadData:
        return Status::Error(ER_SP_BADSTATEMENT, "LOAD DATA");
      case Kind::kLockTables:
      case Kind::kUnlockTables:
        return Status::Error(ER_SP_BADSTATEMENT, statement.kind == Kind::kLockTables ? "LOCK TABLES" : "UNLOCK TABLES");
      case Kind::kBegin:
      case Kind::kCommit:
      case Kind::kRollback:
      case Kind::kCreateDatabase:
      case Kind::kAlterDatabase:
      case Kind::kDropDatabase:
      case Kind::kCreateTable:
      case Kind::kDropTable:
      case Kind::kTruncateTable:
      case Kind::kCreateIndex:
      case Kind::kDropIndex:
      case Kind::kAlterTable:
      case Kind::kRenameTable:
      case Kind::kCreateView:
      case Kind::kDropView:
      case Kind::kDropTrigger:
      case Kind::kCreateUser:
      case Kind::kDropUser:
      case Kind::kAlterUser:
      case Kind::kRenameUser:
      case Kind::kGrant:
      case Kind::kRevoke:
        if (function_ || trigger_) {
          // A temporary table is the one kind of table a function or trigger may create.
          bool temporary = (statement.kind == Kind::kCreateTable &&
                            static_cast<const sql::CreateTableStatement&>(statement).temporary) ||
                           (statement.kind == Kind::kDropTable &&
                            static_cast<const sql::DropTableStatement&>(statement).temporary);
          if (!temporary) return Status::Error(ER_COMMIT_NOT_ALLOWED_IN_SF_OR_TRG);
        }
        return Status::OK();
      default:
        return Status::OK();
    }
  }

  bool function_, trigger_, after_;
  bool saw_return_ = false;
  std::vector<Scope> scopes_{Scope()};
  std::set<std::string> parameters_;
  std::function<bool(std::string_view)> known_system_variable_;
  std::vector<std::pair<std::string, bool>> labels_;  // (label, is a loop)
};

std::string Definer(const catalog::RoutineSchema& routine) {
  return sql::QuoteIdentifier(routine.definer_user) + "@" + sql::QuoteIdentifier(routine.definer_host);
}

}  // namespace

std::string RoutineDefinitionText(const catalog::RoutineSchema& routine,
                                  const sql::CreateRoutineStatement& statement) {
  std::string text = "CREATE DEFINER=" + Definer(routine) +
                     (statement.function ? " FUNCTION " : " PROCEDURE ") +
                     sql::QuoteIdentifier(routine.name) + "(" + statement.parameters_text + ")";
  if (statement.function) text += " RETURNS " + statement.returns_text;
  text += "\n";
  if (statement.data_access != "CONTAINS SQL") text += "    " + statement.data_access + "\n";
  if (statement.deterministic) text += "    DETERMINISTIC\n";
  if (statement.security == "INVOKER") text += "    SQL SECURITY INVOKER\n";
  if (!statement.comment.empty()) text += "    COMMENT " + sql::QuoteString(statement.comment) + "\n";
  return text + statement.body_text;
}

std::string TriggerDefinitionText(const catalog::RoutineSchema& routine,
                                  const sql::CreateTriggerStatement& statement) {
  return "CREATE DEFINER=" + Definer(routine) + " TRIGGER " + sql::QuoteIdentifier(routine.name) +
         " " + std::string(statement.TimingName()) + " " + std::string(statement.EventName()) +
         " ON " + sql::QuoteIdentifier(routine.table) + " FOR EACH ROW " + statement.body_text;
}

Result<std::shared_ptr<const sql::Statement>> ParseDefinition(const catalog::RoutineSchema& routine) {
  sql::ParserOptions options;
  std::string mode = "," + ToUpperAscii(routine.sql_mode) + ",";
  auto has = [&](std::string_view flag) { return mode.find("," + std::string(flag) + ",") != std::string::npos; };
  options.ansi_quotes = has("ANSI_QUOTES") || has("ANSI");
  options.pipes_as_concat = has("PIPES_AS_CONCAT") || has("ANSI");
  options.no_backslash_escapes = has("NO_BACKSLASH_ESCAPES");
  options.high_not_precedence = has("HIGH_NOT_PRECEDENCE");
  options.ignore_space = has("IGNORE_SPACE") || has("ANSI");
  PORPOISE_ASSIGN_OR_RETURN(sql::StatementPtr parsed, sql::ParseOne(routine.definition, options));
  return std::shared_ptr<const sql::Statement>(std::move(parsed));
}

RoutineAccess Session::AccessTo(const catalog::RoutineSchema& routine) {
  const Principal& me = checker_.principal();
  if (bootstrap_ || (routine.definer_user == me.account_user && routine.definer_host == me.account_host) ||
      checker_.HasGlobal(auth::Privilege::kSelect)) {
    return RoutineAccess::kDefinition;
  }
  if (routine.kind == catalog::RoutineKind::kTrigger) {
    return checker_.CheckTable(auth::Privilege::kTrigger, routine.database, routine.table).ok()
               ? RoutineAccess::kDefinition
               : RoutineAccess::kNone;
  }
  for (auth::Privilege privilege : {auth::Privilege::kExecute, auth::Privilege::kCreateRoutine,
                                    auth::Privilege::kAlterRoutine}) {
    if (checker_.CheckDatabase(privilege, routine.database).ok()) return RoutineAccess::kListed;
  }
  bool procedure = routine.kind == catalog::RoutineKind::kProcedure;
  for (auth::Privilege privilege : {auth::Privilege::kExecute, auth::Privilege::kAlterRoutine}) {
    if (checker_.CheckRoutine(privilege, routine.database, routine.name, procedure).ok()) {
      return RoutineAccess::kListed;
    }
  }
  return RoutineAccess::kNone;
}

catalog::RoutineSchema Session::NewRoutine(catalog::RoutineKind kind, std::string database,
                                           std::string name,
                                           const std::optional<sql::UserName>& definer) {
  catalog::RoutineSchema routine;
  routine.kind = kind;
  routine.database = std::move(database);
  routine.name = std::move(name);
  if (definer && !definer->current_user) {
    routine.definer_user = definer->user;
    routine.definer_host = definer->host;
  } else {
    routine.definer_user = checker_.principal().account_user;
    routine.definer_host = checker_.principal().account_host;
  }
  routine.created = routine.modified = FormatDateTime(host_->statement_micros, 0, host_->time_zone.get());
  Result<std::string> mode = variables_.Get("sql_mode", sql::VariableScope::kSession);
  routine.sql_mode = mode.ok() ? mode.value() : "";
  routine.character_set_client = variables_.character_set_client();
  routine.collation_connection = variables_.collation_connection();
  const catalog::DatabaseSchema* schema = catalog_->FindDatabase(routine.database);
  routine.database_collation = schema != nullptr ? schema->collation : "utf8mb4_0900_ai_ci";
  return routine;
}

void Session::PublishCatalog(const std::function<void(catalog::CatalogSnapshot&)>& edit) {
  auto next = std::make_shared<catalog::CatalogSnapshot>(*engine_.catalog().Current());
  edit(*next);
  engine_.catalog().Replace(std::move(next));
  RefreshCatalog();
}

Status Session::ExecuteCreateRoutine(const sql::CreateRoutineStatement& statement) {
  std::string database = statement.name.database.empty() ? database_ : statement.name.database;
  if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
  const char* kind_name = statement.function ? "FUNCTION" : "PROCEDURE";
  catalog::RoutineKind kind = statement.function ? catalog::RoutineKind::kFunction
                                                 : catalog::RoutineKind::kProcedure;
  if (statement.name.table.empty() || statement.name.table.back() == ' ' ||
      statement.name.table.size() > 64) {
    return Status::Error(ER_SP_WRONG_NAME, statement.name.table);
  }
  if (IsSystemSchema(database)) {
    return Status::Error(ER_DBACCESS_DENIED_ERROR, checker_.principal().account_user,
                         checker_.principal().account_host, database);
  }
  PORPOISE_RETURN_IF_ERROR(RequireDatabase(auth::Privilege::kCreateRoutine, database));
  if (statement.definer && !statement.definer->current_user &&
      (statement.definer->user != checker_.principal().account_user ||
       statement.definer->host != checker_.principal().account_host)) {
    PORPOISE_RETURN_IF_ERROR(RequireSuperOr("SET_ANY_DEFINER"));
  }
  std::set<std::string> parameters;
  for (const sql::RoutineParameter& parameter : statement.parameters) {
    if (!parameters.insert(ToLowerAscii(parameter.name)).second) {
      return Status::Error(ER_SP_DUP_PARAM, parameter.name);
    }
    PORPOISE_RETURN_IF_ERROR(VariableColumn(parameter.name, parameter.type).status());
  }
  if (statement.function) PORPOISE_RETURN_IF_ERROR(VariableColumn(statement.name.table, statement.returns).status());
  BodyChecker checker(statement.function, false);
  checker.SetNames(parameters, [&](std::string_view name) { return variables_.Find(name) != nullptr; });
  PORPOISE_RETURN_IF_ERROR(checker.Check(*statement.body));
  if (statement.function && !checker.saw_return()) {
    return Status::Error(ER_SP_NORETURN, database + "." + statement.name.table);
  }
  PORPOISE_RETURN_IF_ERROR(ImplicitCommit());
  std::lock_guard<std::mutex> lock(engine_.ddl_mutex());
  std::shared_ptr<const catalog::CatalogSnapshot> current = engine_.catalog().Current();
  if (current->FindDatabase(database) == nullptr) return Status::Error(ER_BAD_DB_ERROR, database);
  if (current->FindRoutine(database, kind, statement.name.table)) {
    Status exists = Status::Error(ER_SP_ALREADY_EXISTS, kind_name, statement.name.table);
    if (!statement.if_not_exists) return exists;
    AddWarning(std::move(exists).AsNote());
    return Status::OK();
  }
  auto routine = std::make_shared<catalog::RoutineSchema>(
      NewRoutine(kind, database, statement.name.table, statement.definer));
  routine->definition = RoutineDefinitionText(*routine, statement);
  PORPOISE_ASSIGN_OR_RETURN(routine->statement, ParseDefinition(*routine));
  if (statement.definer && !statement.definer->current_user &&
      checker_.snapshot().FindExact(routine->definer_user, routine->definer_host) == nullptr) {
    AddWarning(Status::Error(ER_NO_SUCH_USER, routine->definer_user, routine->definer_host).AsNote());
  }
  // automatic_sp_privileges: the creator may run and alter (and drop) what it made, when it
  // does not already hold that on the database.
  bool procedure = kind == catalog::RoutineKind::kProcedure;
  const Principal& creator = checker_.principal();
  bool grant = !bootstrap_ && engine_.globals().GetBool("automatic_sp_privileges") &&
               !(checker_.CheckDatabase(auth::Privilege::kExecute, database).ok() &&
                 checker_.CheckDatabase(auth::Privilege::kAlterRoutine, database).ok());
  AccountManager::PendingSnapshot accounts;  // the grants as the transaction leaves them
  PORPOISE_RETURN_IF_ERROR(TranslateStorageError(InWriteTransaction(*db_, [&]() -> Status {
    Status inserted = InsertRoutineRow(*db_, *routine);
    if (!inserted.ok() || !grant) return inserted;
    Status granted = AccountManager::GrantRoutineToCreator(
        *db_, creator.account_user, creator.account_host, database, routine->name, procedure);
    if (!granted.ok()) return granted;
    return ReadAccountsInto(*db_, accounts);
  })));
  PublishCatalog([&](catalog::CatalogSnapshot& next) { next.PutRoutine(routine); });
  if (grant) {
    accounts.InstallIn(engine_.accounts());
    checker_.Refresh();
  }
  return Status::OK();
}

Status Session::ExecuteDropRoutine(const sql::DropRoutineStatement& statement) {
  std::string database = statement.name.database.empty() ? database_ : statement.name.database;
  if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
  const char* kind_name = statement.function ? "FUNCTION" : "PROCEDURE";
  catalog::RoutineKind kind = statement.function ? catalog::RoutineKind::kFunction
                                                 : catalog::RoutineKind::kProcedure;
  PORPOISE_RETURN_IF_ERROR(ImplicitCommit());
  std::lock_guard<std::mutex> lock(engine_.ddl_mutex());
  std::shared_ptr<const catalog::CatalogSnapshot> current = engine_.catalog().Current();
  std::shared_ptr<const catalog::RoutineSchema> routine =
      current->FindRoutine(database, kind, statement.name.table);
  if (!routine) {
    Status missing = Status::Error(ER_SP_DOES_NOT_EXIST, kind_name, database + "." + statement.name.table);
    if (!statement.if_exists) return missing;
    AddWarning(std::move(missing).AsNote());
    return Status::OK();
  }
  if (!bootstrap_) {
    PORPOISE_RETURN_IF_ERROR(checker_.CheckRoutine(auth::Privilege::kAlterRoutine, database,
                                                   routine->name,
                                                   kind == catalog::RoutineKind::kProcedure));
  }
  // The grants on it go with it, as MySQL drops them (a routine made later under the name
  // starts with none).
  bool procedure = kind == catalog::RoutineKind::kProcedure;
  AccountManager::PendingSnapshot accounts;  // the grants as the transaction leaves them
  PORPOISE_RETURN_IF_ERROR(TranslateStorageError(InWriteTransaction(*db_, [&]() -> Status {
    Status deleted = DeleteRoutineRow(*db_, database, kind, routine->name);
    if (!deleted.ok()) return deleted;
    Status revoked = AccountManager::DeleteRoutineGrants(*db_, database, routine->name, procedure);
    if (!revoked.ok()) return revoked;
    return ReadAccountsInto(*db_, accounts);
  })));
  PublishCatalog([&](catalog::CatalogSnapshot& next) { next.RemoveRoutine(database, kind, routine->name); });
  accounts.InstallIn(engine_.accounts());
  checker_.Refresh();
  return Status::OK();
}

Status Session::ExecuteCreateTrigger(const sql::CreateTriggerStatement& statement) {
  std::string database = statement.table.database.empty() ? database_ : statement.table.database;
  if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
  if (!statement.name.database.empty() && statement.name.database != database) {
    return Status::Error(ER_TRG_IN_WRONG_SCHEMA);
  }
  PORPOISE_RETURN_IF_ERROR(CheckName(statement.name.table, false));
  if (IsSystemSchema(database)) {
    return Status::Error(ER_DBACCESS_DENIED_ERROR, checker_.principal().account_user,
                         checker_.principal().account_host, database);
  }
  std::shared_ptr<const catalog::TableSchema> table = catalog_->FindTable(database, statement.table.table);
  if (!table || TemporaryTable(database, statement.table.table)) {
    if (TemporaryTable(database, statement.table.table) || (table && table->view)) {
      return Status::Error(ER_TRG_ON_VIEW_OR_TEMP_TABLE, statement.table.table);
    }
    return Status::Error(ER_NO_SUCH_TABLE, database, statement.table.table);
  }
  if (table->view) return Status::Error(ER_TRG_ON_VIEW_OR_TEMP_TABLE, statement.table.table);
  PORPOISE_RETURN_IF_ERROR(RequireTable(auth::Privilege::kTrigger, database, table->name));
  if (statement.definer && !statement.definer->current_user &&
      (statement.definer->user != checker_.principal().account_user ||
       statement.definer->host != checker_.principal().account_host)) {
    PORPOISE_RETURN_IF_ERROR(RequireSuperOr("SET_ANY_DEFINER"));
  }
  BodyChecker checker(false, true, statement.timing == sql::CreateTriggerStatement::Timing::kAfter);
  checker.SetNames({}, [&](std::string_view name) { return variables_.Find(name) != nullptr; });
  PORPOISE_RETURN_IF_ERROR(checker.Check(*statement.body));
  PORPOISE_RETURN_IF_ERROR(ImplicitCommit());
  std::lock_guard<std::mutex> lock(engine_.ddl_mutex());
  std::shared_ptr<const catalog::CatalogSnapshot> current = engine_.catalog().Current();
  if (current->FindRoutine(database, catalog::RoutineKind::kTrigger, statement.name.table)) {
    if (!statement.if_not_exists) return Status::Error(ER_TRG_ALREADY_EXISTS);
    AddWarning(Status::Error(ER_TRG_ALREADY_EXISTS).AsNote());
    return Status::OK();
  }
  // The new trigger's place among the table's others for the same timing and event: last,
  // or beside the one FOLLOWS / PRECEDES names (3062 when there is none such).
  std::vector<std::shared_ptr<const catalog::RoutineSchema>> same;
  for (const auto& other : current->TriggersOf(database, table->name)) {
    if (other->trigger().timing == statement.timing && other->trigger().event == statement.event) {
      same.push_back(other);
    }
  }
  int64_t order = static_cast<int64_t>(same.size()) + 1;
  if (statement.follows || statement.precedes) {
    auto anchor = std::find_if(same.begin(), same.end(), [&](const auto& other) {
      return EqualsIgnoreCase(other->name, statement.other);
    });
    if (anchor == same.end()) return Status::Error(ER_REFERENCED_TRG_DOES_NOT_EXIST, statement.other);
    order = (*anchor)->action_order + (statement.follows ? 1 : 0);
  }
  auto trigger = std::make_shared<catalog::RoutineSchema>(
      NewRoutine(catalog::RoutineKind::kTrigger, database, statement.name.table, statement.definer));
  trigger->table = table->name;
  trigger->action_order = order;
  trigger->definition = TriggerDefinitionText(*trigger, statement);
  PORPOISE_ASSIGN_OR_RETURN(trigger->statement, ParseDefinition(*trigger));
  // Those at or after the new one's place move down one.
  std::vector<std::shared_ptr<catalog::RoutineSchema>> moved;
  for (const auto& other : same) {
    if (other->action_order < order) continue;
    auto copy = std::make_shared<catalog::RoutineSchema>(*other);
    ++copy->action_order;
    moved.push_back(std::move(copy));
  }
  auto write = [&]() -> Status {
    for (const auto& other : moved) PORPOISE_RETURN_IF_ERROR(InsertRoutineRow(*db_, *other));
    return InsertRoutineRow(*db_, *trigger);
  };
  PORPOISE_RETURN_IF_ERROR(TranslateStorageError(InWriteTransaction(*db_, write)));
  PublishCatalog([&](catalog::CatalogSnapshot& next) {
    for (const auto& other : moved) next.PutRoutine(other);
    next.PutRoutine(trigger);
  });
  return Status::OK();
}

Status Session::ExecuteDropTrigger(const sql::DropTriggerStatement& statement) {
  std::string database = statement.name.database.empty() ? database_ : statement.name.database;
  if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
  PORPOISE_RETURN_IF_ERROR(ImplicitCommit());
  std::lock_guard<std::mutex> lock(engine_.ddl_mutex());
  std::shared_ptr<const catalog::CatalogSnapshot> current = engine_.catalog().Current();
  std::shared_ptr<const catalog::RoutineSchema> trigger =
      current->FindRoutine(database, catalog::RoutineKind::kTrigger, statement.name.table);
  if (!trigger) {
    if (!statement.if_exists) return Status::Error(ER_TRG_DOES_NOT_EXIST);
    AddWarning(Status::Error(ER_TRG_DOES_NOT_EXIST).AsNote());
    return Status::OK();
  }
  PORPOISE_RETURN_IF_ERROR(RequireTable(auth::Privilege::kTrigger, database, trigger->table));
  // The ones after it move up one.
  std::vector<std::shared_ptr<catalog::RoutineSchema>> moved;
  for (const auto& other : current->TriggersOf(database, trigger->table)) {
    if (other->trigger().timing != trigger->trigger().timing ||
        other->trigger().event != trigger->trigger().event || other->action_order <= trigger->action_order) {
      continue;
    }
    auto copy = std::make_shared<catalog::RoutineSchema>(*other);
    --copy->action_order;
    moved.push_back(std::move(copy));
  }
  auto write = [&]() -> Status {
    for (const auto& other : moved) PORPOISE_RETURN_IF_ERROR(InsertRoutineRow(*db_, *other));
    return DeleteRoutineRow(*db_, database, catalog::RoutineKind::kTrigger, trigger->name);
  };
  PORPOISE_RETURN_IF_ERROR(TranslateStorageError(InWriteTransaction(*db_, write)));
  PublishCatalog([&](catalog::CatalogSnapshot& next) {
    for (const auto& other : moved) next.PutRoutine(other);
    next.RemoveRoutine(database, catalog::RoutineKind::kTrigger, trigger->name);
  });
  return Status::OK();
}

}  // namespace porpoise::engine
