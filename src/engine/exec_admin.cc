// Account statements (through AccountManager), FLUSH, KILL, LOCK TABLES and the transaction
// statements BEGIN / COMMIT / ROLLBACK / SAVEPOINT. (engine/)
#include "engine/account_manager.h"
#include "engine/session.h"
#include "storage/database.h"

namespace porpoise::engine {

Status Session::ExecuteAccountStatement(const sql::Statement& statement, ResultSink& sink, bool more) {
  PORPOISE_RETURN_IF_ERROR(ImplicitCommit());
  AccountManager& manager = *account_manager_;
  Status status;
  using Kind = sql::StatementKind;
  switch (statement.kind) {
    case Kind::kCreateUser:
      status = manager.CreateUser(static_cast<const sql::CreateUserStatement&>(statement), checker_);
      break;
    case Kind::kAlterUser:
      status = manager.AlterUser(static_cast<const sql::AlterUserStatement&>(statement), checker_);
      break;
    case Kind::kDropUser:
      status = manager.DropUser(static_cast<const sql::DropUserStatement&>(statement), checker_);
      break;
    case Kind::kRenameUser:
      status = manager.RenameUser(static_cast<const sql::RenameUserStatement&>(statement), checker_);
      break;
    case Kind::kSetPassword:
      status = manager.SetPassword(static_cast<const sql::SetPasswordStatement&>(statement), checker_);
      break;
    case Kind::kGrant:
      status = manager.Grant(static_cast<const sql::GrantStatement&>(statement), checker_, database_,
                             *catalog_);
      break;
    case Kind::kRevoke:
      status = manager.Revoke(static_cast<const sql::RevokeStatement&>(statement), checker_, database_);
      break;
    case Kind::kSetRole:
      status = manager.SetDefaultRoles(static_cast<const sql::SetRoleStatement&>(statement), checker_);
      break;
    default:
      return Status::Error(ER_NOT_SUPPORTED_YET, "this account statement");
  }
  for (const Status& warning : manager.warnings()) AddWarning(warning);
  PORPOISE_RETURN_IF_ERROR(TranslateStorageError(status));
  checker_.Refresh();
  SendOk(sink, more, 0);
  return Status::OK();
}

Status Session::ExecuteFlush(const sql::FlushStatement& statement) {
  // RELOAD, or for some kinds of FLUSH the dynamic privilege of that kind alone (MySQL 8).
  for (const std::string& option : statement.options) {
    std::string_view dynamic = option == "PRIVILEGES"       ? "FLUSH_PRIVILEGES"
                               : option == "TABLES"         ? "FLUSH_TABLES"
                               : option == "STATUS"         ? "FLUSH_STATUS"
                               : option == "USER_RESOURCES" ? "FLUSH_USER_RESOURCES"
                               : option == "OPTIMIZER_COSTS" ? "FLUSH_OPTIMIZER_COSTS"
                                                             : "";
    if (bootstrap_ || checker_.HasGlobal(auth::Privilege::kReload) ||
        (!dynamic.empty() && checker_.HasDynamic(dynamic))) {
      continue;
    }
    return Status::Error(ER_SPECIFIC_ACCESS_DENIED_ERROR,
                         dynamic.empty() ? std::string("RELOAD")
                                         : "RELOAD or " + std::string(dynamic));
  }
  if (statement.options.empty()) PORPOISE_RETURN_IF_ERROR(RequireGlobal(auth::Privilege::kReload));
  PORPOISE_RETURN_IF_ERROR(ImplicitCommit());
  for (const std::string& option : statement.options) {
    if (option == "PRIVILEGES") {
      PORPOISE_RETURN_IF_ERROR(account_manager_->FlushPrivileges());
      checker_.Refresh();
    }
    if (option == "HOSTS" && engine_.hooks() != nullptr) engine_.hooks()->FlushHosts();
    if (option == "USER_RESOURCES") engine_.accounts().usage().ForgetAll();
    if ((option == "LOGS" || option == "ERROR LOGS" || option == "GENERAL LOGS") &&
        engine_.hooks() != nullptr) {
      engine_.hooks()->FlushLogs();
    }
    // TABLES, LOGS, STATUS, ...: nothing is cached or buffered that needs flushing.
  }
  return Status::OK();
}

Status Session::ExecuteKill(const sql::KillStatement& statement) {
  if (!statement.id) return Status::Error(ER_PARSE_ERROR, "", 1);
  PORPOISE_ASSIGN_OR_RETURN(std::vector<Value> values, Evaluate({statement.id.get()}));
  if (values[0].kind != Value::Kind::kInteger || values[0].integer < 0) {
    return Status::Error(ER_NO_SUCH_THREAD, values[0].ToText());
  }
  return Kill(static_cast<uint32_t>(values[0].integer), statement.query_only);
}

Status Session::ComProcessKill(uint32_t id) {
  checker_.Refresh();
  return Kill(id, /*query_only=*/false);
}

Status Session::ComDebug() {
  checker_.Refresh();
  if (!checker_.HasGlobal(auth::Privilege::kSuper)) {
    return Status::Error(ER_SPECIFIC_ACCESS_DENIED_ERROR, "SUPER");
  }
  return Status::OK();
}

Status Session::Kill(uint32_t id, bool query_only) {
  ServerHooks* hooks = engine_.hooks();
  if (hooks == nullptr) {
    if (id == connection_id_ && query_only) return Status::OK();
    return Status::Error(ER_NO_SUCH_THREAD, static_cast<unsigned long>(id));
  }
  if (id != connection_id_ && !checker_.HasSuperOr("CONNECTION_ADMIN")) {
    bool found = false;
    for (const ServerHooks::Process& process : hooks->Processes()) {
      if (process.id != id) continue;
      found = true;
      if (process.user != checker_.principal().user) {
        return Status::Error(ER_KILL_DENIED_ERROR, static_cast<unsigned long>(id));
      }
    }
    if (!found) return Status::Error(ER_NO_SUCH_THREAD, static_cast<unsigned long>(id));
  }
  return hooks->Kill(id, query_only);
}

Status Session::ExecuteLockTables(const sql::LockTablesStatement& statement) {
  PORPOISE_RETURN_IF_ERROR(ImplicitCommit());
  for (const sql::LockTablesStatement::Item& item : statement.tables) {
    std::string database = item.table.database.empty() ? database_ : item.table.database;
    if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
    if (!catalog_->FindTable(database, item.table.table)) {
      return Status::Error(ER_NO_SUCH_TABLE, database, item.table.table);
    }
    PORPOISE_RETURN_IF_ERROR(RequireDatabase(auth::Privilege::kLockTables, database));
    PORPOISE_RETURN_IF_ERROR(RequireTable(auth::Privilege::kSelect, database, item.table.table));
  }
  return Status::OK();
}

Status Session::ExecuteTransactionStatement(const sql::Statement& statement) {
  using Kind = sql::StatementKind;
  switch (statement.kind) {
    case Kind::kBegin:
      PORPOISE_RETURN_IF_ERROR(ImplicitCommit());
      return TranslateStorageError(transaction_.Begin());
    case Kind::kCommit: {
      const auto& commit = static_cast<const sql::CommitStatement&>(statement);
      PORPOISE_RETURN_IF_ERROR(ImplicitCommit());
      if (commit.chain) return TranslateStorageError(transaction_.Begin());
      return Status::OK();
    }
    case Kind::kRollback: {
      const auto& rollback = static_cast<const sql::RollbackStatement&>(statement);
      if (!rollback.savepoint.empty()) {
        Status status = transaction_.RollbackTo(rollback.savepoint);
        if (!status.ok()) return Status::Error(ER_SP_DOES_NOT_EXIST, "SAVEPOINT", rollback.savepoint);
        return RestoreTemporaryTables();
      }
      PORPOISE_RETURN_IF_ERROR(transaction_.Rollback());
      PORPOISE_RETURN_IF_ERROR(RestoreTemporaryTables());
      if (rollback.chain) return TranslateStorageError(transaction_.Begin());
      return Status::OK();
    }
    case Kind::kSavepoint: {
      const auto& savepoint = static_cast<const sql::SavepointStatement&>(statement);
      if (!db_->InTransaction()) return Status::OK();  // autocommit: released at once, as MySQL does
      return TranslateStorageError(transaction_.Savepoint(savepoint.name));
    }
    case Kind::kReleaseSavepoint: {
      const auto& release = static_cast<const sql::ReleaseSavepointStatement&>(statement);
      Status status = transaction_.Release(release.name);
      if (!status.ok()) return Status::Error(ER_SP_DOES_NOT_EXIST, "SAVEPOINT", release.name);
      return Status::OK();
    }
    default:
      return Status::Error(ER_NOT_SUPPORTED_YET, "this transaction statement");
  }
}

}  // namespace porpoise::engine
