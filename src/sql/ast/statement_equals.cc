// Structural equality of statements, for the print -> reparse round-trip check. Source texts
// (Statement::source_text, SelectItem::source) are not compared. (sql/ast/)
#include "sql/ast/statement.h"
#include "sql/printer.h"

namespace porpoise::sql {
namespace {

template <typename T>
const T& As(const Statement& statement) {
  return static_cast<const T&>(statement);
}

bool Same(const ExprPtr& a, const ExprPtr& b) {
  if (!a || !b) return !a && !b;
  return Equals(*a, *b);
}

template <typename T>
bool SameStatement(const std::unique_ptr<T>& a, const std::unique_ptr<T>& b) {
  if (!a || !b) return !a && !b;
  return Equals(static_cast<const Statement&>(*a), static_cast<const Statement&>(*b));
}

bool Same(const std::vector<ExprPtr>& a, const std::vector<ExprPtr>& b) {
  if (a.size() != b.size()) return false;
  for (size_t index = 0; index < a.size(); ++index) {
    if (!Same(a[index], b[index])) return false;
  }
  return true;
}

bool Same(const TableName& a, const TableName& b) {
  return a.database == b.database && a.table == b.table;
}

bool Same(const UserName& a, const UserName& b) {
  return a.user == b.user && a.host == b.host && a.current_user == b.current_user;
}

bool Same(const std::vector<OrderItem>& a, const std::vector<OrderItem>& b) {
  if (a.size() != b.size()) return false;
  for (size_t index = 0; index < a.size(); ++index) {
    if (a[index].descending != b[index].descending || !Same(a[index].expr, b[index].expr)) {
      return false;
    }
  }
  return true;
}

bool Same(const std::vector<Assignment>& a, const std::vector<Assignment>& b) {
  if (a.size() != b.size()) return false;
  for (size_t index = 0; index < a.size(); ++index) {
    if (!Same(a[index].column, b[index].column) || !Same(a[index].value, b[index].value)) {
      return false;
    }
  }
  return true;
}

bool Same(const JsonTableResponse& a, const JsonTableResponse& b) {
  return a.kind == b.kind && a.default_json == b.default_json;
}

bool Same(const std::vector<JsonTableColumn>& a, const std::vector<JsonTableColumn>& b) {
  if (a.size() != b.size()) return false;
  for (size_t index = 0; index < a.size(); ++index) {
    const JsonTableColumn& x = a[index];
    const JsonTableColumn& y = b[index];
    if (x.kind != y.kind || x.name != y.name || !Equals(x.type, y.type) || x.path != y.path ||
        !Same(x.on_empty, y.on_empty) || !Same(x.on_error, y.on_error) ||
        !Same(x.nested, y.nested)) {
      return false;
    }
  }
  return true;
}

bool Same(const TableRefPtr& a, const TableRefPtr& b) {
  if (!a || !b) return !a && !b;
  return a->kind == b->kind && Same(a->name, b->name) && a->alias == b->alias &&
         a->join_type == b->join_type && a->natural == b->natural && Same(a->left, b->left) &&
         Same(a->right, b->right) && Same(a->on, b->on) && a->using_columns == b->using_columns &&
         SameStatement(a->derived, b->derived) && a->lateral == b->lateral &&
         a->column_names == b->column_names && Same(a->json_doc, b->json_doc) &&
         a->json_path == b->json_path && Same(a->json_columns, b->json_columns);
}

bool Same(const std::vector<TableRefPtr>& a, const std::vector<TableRefPtr>& b) {
  if (a.size() != b.size()) return false;
  for (size_t index = 0; index < a.size(); ++index) {
    if (!Same(a[index], b[index])) return false;
  }
  return true;
}

bool SameSelect(const SelectStatement& a, const SelectStatement& b) {
  if (a.distinct != b.distinct || a.sql_calc_found_rows != b.sql_calc_found_rows ||
      a.max_execution_time != b.max_execution_time ||
      a.items.size() != b.items.size() || !Same(a.from, b.from) || !Same(a.where, b.where) ||
      !Same(a.group_by, b.group_by) || a.with_rollup != b.with_rollup ||
      !Same(a.having, b.having) || !Same(a.order_by, b.order_by) || !Same(a.limit, b.limit) ||
      !Same(a.offset, b.offset) || a.lock != b.lock || a.unions.size() != b.unions.size() ||
      !Same(a.union_order_by, b.union_order_by) || !Same(a.union_limit, b.union_limit) ||
      !Same(a.union_offset, b.union_offset) || a.with_recursive != b.with_recursive ||
      a.with.size() != b.with.size() || a.windows.size() != b.windows.size()) {
    return false;
  }
  for (size_t index = 0; index < a.windows.size(); ++index) {
    if (a.windows[index].first != b.windows[index].first ||
        !Equals(*a.windows[index].second, *b.windows[index].second)) {
      return false;
    }
  }
  for (size_t index = 0; index < a.with.size(); ++index) {
    if (a.with[index].name != b.with[index].name || a.with[index].columns != b.with[index].columns ||
        !SameStatement(a.with[index].query, b.with[index].query)) {
      return false;
    }
  }
  for (size_t index = 0; index < a.items.size(); ++index) {
    if (a.items[index].alias != b.items[index].alias ||
        !Same(a.items[index].expr, b.items[index].expr)) {
      return false;
    }
  }
  for (size_t index = 0; index < a.unions.size(); ++index) {
    if (a.unions[index].all != b.unions[index].all || a.unions[index].op != b.unions[index].op ||
        !SameStatement(a.unions[index].select, b.unions[index].select)) {
      return false;
    }
  }
  return true;
}

bool SameInsert(const InsertStatement& a, const InsertStatement& b) {
  if (a.replace != b.replace || a.delayed != b.delayed || a.ignore != b.ignore || !Same(a.table, b.table) ||
      a.columns != b.columns || a.rows.size() != b.rows.size() ||
      !SameStatement(a.select, b.select) || !Same(a.on_duplicate, b.on_duplicate) ||
      a.row_alias != b.row_alias || a.column_aliases != b.column_aliases) {
    return false;
  }
  for (size_t index = 0; index < a.rows.size(); ++index) {
    if (!Same(a.rows[index], b.rows[index])) return false;
  }
  return true;
}

bool SameChecks(const std::vector<CheckDef>& a, const std::vector<CheckDef>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name || a[i].enforced != b[i].enforced || !Same(a[i].expr, b[i].expr)) return false;
  }
  return true;
}

bool SameColumn(const ColumnDef& a, const ColumnDef& b) {
  return SameChecks(a.checks, b.checks) && a.name == b.name && Equals(a.type, b.type) && a.nullable == b.nullable &&
         Same(a.default_value, b.default_value) && a.default_is_expression == b.default_is_expression &&
         a.on_update_current_timestamp == b.on_update_current_timestamp &&
         a.auto_increment == b.auto_increment && a.primary_key == b.primary_key &&
         a.unique_key == b.unique_key && a.comment == b.comment && Same(a.generated, b.generated) &&
         a.generated_stored == b.generated_stored && a.invisible == b.invisible;
}

bool SameIndex(const IndexDef& a, const IndexDef& b) {
  if (a.kind != b.kind || a.name != b.name || a.parts.size() != b.parts.size() ||
      !Same(a.referenced_table, b.referenced_table) ||
      a.referenced_columns != b.referenced_columns || a.on_delete != b.on_delete ||
      a.on_update != b.on_update) {
    return false;
  }
  for (size_t index = 0; index < a.parts.size(); ++index) {
    const IndexPart& x = a.parts[index];
    const IndexPart& y = b.parts[index];
    if (x.column != y.column || x.length != y.length || x.descending != y.descending) return false;
    if ((x.expression != nullptr) != (y.expression != nullptr) ||
        (x.expression && !Equals(*x.expression, *y.expression))) {
      return false;
    }
  }
  return true;
}

bool SameCreateTable(const CreateTableStatement& a, const CreateTableStatement& b) {
  if (!Same(a.table, b.table) || a.if_not_exists != b.if_not_exists ||
      a.temporary != b.temporary || a.columns.size() != b.columns.size() ||
      a.indexes.size() != b.indexes.size() || a.options.size() != b.options.size() ||
      !SameStatement(a.as_select, b.as_select) || a.like.has_value() != b.like.has_value() ||
      a.select_ignore != b.select_ignore || a.select_replace != b.select_replace ||
      !SameChecks(a.checks, b.checks) ||
      (a.like && !Same(*a.like, *b.like))) {
    return false;
  }
  for (size_t index = 0; index < a.columns.size(); ++index) {
    if (!SameColumn(a.columns[index], b.columns[index])) return false;
  }
  for (size_t index = 0; index < a.indexes.size(); ++index) {
    if (!SameIndex(a.indexes[index], b.indexes[index])) return false;
  }
  for (size_t index = 0; index < a.options.size(); ++index) {
    if (a.options[index].name != b.options[index].name ||
        a.options[index].value != b.options[index].value) {
      return false;
    }
  }
  return true;
}

bool SameUsers(const std::vector<UserName>& a, const std::vector<UserName>& b);

bool SameShow(const ShowStatement& a, const ShowStatement& b) {
  return a.what == b.what && a.full == b.full && a.scope == b.scope && Same(a.table, b.table) &&
         a.database == b.database && a.user.has_value() == b.user.has_value() &&
         (!a.user || Same(*a.user, *b.user)) && SameUsers(a.using_roles, b.using_roles) &&
         a.if_not_exists == b.if_not_exists &&
         a.like == b.like && Same(a.where, b.where) && Same(a.limit, b.limit) &&
         Same(a.offset, b.offset);
}

bool SameSet(const SetStatement& a, const SetStatement& b) {
  if (a.assignments.size() != b.assignments.size()) return false;
  for (size_t index = 0; index < a.assignments.size(); ++index) {
    const SetAssignment& x = a.assignments[index];
    const SetAssignment& y = b.assignments[index];
    if (x.kind != y.kind || x.scope != y.scope || x.name != y.name || !Same(x.value, y.value) ||
        x.charset != y.charset || x.collation != y.collation ||
        x.isolation_level != y.isolation_level || x.read_only != y.read_only) {
      return false;
    }
  }
  return true;
}

bool SameSpecs(const std::vector<UserSpec>& a, const std::vector<UserSpec>& b) {
  if (a.size() != b.size()) return false;
  for (size_t index = 0; index < a.size(); ++index) {
    const auto& x = a[index].auth;
    const auto& y = b[index].auth;
    if (!Same(a[index].user, b[index].user) || x.has_value() != y.has_value()) return false;
    if (x && (x->plugin != y->plugin || x->password != y->password || x->hash != y->hash)) {
      return false;
    }
  }
  return true;
}

bool SameUsers(const std::vector<UserName>& a, const std::vector<UserName>& b) {
  if (a.size() != b.size()) return false;
  for (size_t index = 0; index < a.size(); ++index) {
    if (!Same(a[index], b[index])) return false;
  }
  return true;
}

bool SamePrivileges(const std::vector<GrantPrivilege>& a, const std::vector<GrantPrivilege>& b) {
  if (a.size() != b.size()) return false;
  for (size_t index = 0; index < a.size(); ++index) {
    if (a[index].name != b[index].name || a[index].columns != b[index].columns) return false;
  }
  return true;
}

bool SameUserOption(const std::optional<UserName>& a, const std::optional<UserName>& b) {
  return a.has_value() == b.has_value() && (!a || Same(*a, *b));
}

bool SameCondition(const std::optional<ConditionValue>& a, const std::optional<ConditionValue>& b) {
  return a.has_value() == b.has_value() &&
         (!a || (a->kind == b->kind && a->value == b->value && a->code == b->code));
}

// Definitions compare by their parts (the body as written); the statements only a body holds
// by their text.
bool SameStoredProgramStatement(const Statement& a, const Statement& b) {
  switch (a.kind) {
    case StatementKind::kCreateRoutine: {
      const auto& x = As<CreateRoutineStatement>(a);
      const auto& y = As<CreateRoutineStatement>(b);
      return x.function == y.function && x.if_not_exists == y.if_not_exists &&
             SameUserOption(x.definer, y.definer) && Same(x.name, y.name) &&
             x.parameters_text == y.parameters_text && x.returns_text == y.returns_text &&
             x.comment == y.comment && x.deterministic == y.deterministic &&
             x.data_access == y.data_access && x.security == y.security && x.body_text == y.body_text;
    }
    case StatementKind::kCreateTrigger: {
      const auto& x = As<CreateTriggerStatement>(a);
      const auto& y = As<CreateTriggerStatement>(b);
      return x.if_not_exists == y.if_not_exists && SameUserOption(x.definer, y.definer) &&
             Same(x.name, y.name) && x.timing == y.timing && x.event == y.event &&
             Same(x.table, y.table) && x.follows == y.follows && x.precedes == y.precedes &&
             x.other == y.other && x.body_text == y.body_text;
    }
    case StatementKind::kDropRoutine: {
      const auto& x = As<DropRoutineStatement>(a);
      const auto& y = As<DropRoutineStatement>(b);
      return x.function == y.function && x.if_exists == y.if_exists && Same(x.name, y.name);
    }
    case StatementKind::kDropTrigger:
      return As<DropTriggerStatement>(a).if_exists == As<DropTriggerStatement>(b).if_exists &&
             Same(As<DropTriggerStatement>(a).name, As<DropTriggerStatement>(b).name);
    case StatementKind::kCall:
      return Same(As<CallStatement>(a).name, As<CallStatement>(b).name) &&
             Same(As<CallStatement>(a).arguments, As<CallStatement>(b).arguments);
    case StatementKind::kSignal:
    case StatementKind::kResignal: {
      const auto& x = As<SignalStatement>(a);
      const auto& y = As<SignalStatement>(b);
      if (!SameCondition(x.condition, y.condition) || x.items.size() != y.items.size()) return false;
      for (size_t i = 0; i < x.items.size(); ++i) {
        if (x.items[i].first != y.items[i].first || !Same(x.items[i].second, y.items[i].second)) return false;
      }
      return true;
    }
    case StatementKind::kGetDiagnostics: {
      const auto& x = As<GetDiagnosticsStatement>(a);
      const auto& y = As<GetDiagnosticsStatement>(b);
      if (x.stacked != y.stacked || !Same(x.condition_number, y.condition_number) ||
          x.items.size() != y.items.size()) {
        return false;
      }
      for (size_t i = 0; i < x.items.size(); ++i) {
        if (x.items[i].first.user != y.items[i].first.user || x.items[i].first.name != y.items[i].first.name ||
            x.items[i].second != y.items[i].second) {
          return false;
        }
      }
      return true;
    }
    default:
      return a.kind >= StatementKind::kCreateRoutine && a.source_text == b.source_text;
  }
}

bool SameRequire(const std::optional<TlsRequirement>& a, const std::optional<TlsRequirement>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->kind == b->kind && a->cipher == b->cipher && a->issuer == b->issuer &&
                a->subject == b->subject);
}

bool SameAccount(const Statement& a, const Statement& b) {
  switch (a.kind) {
    case StatementKind::kCreateUser: {
      const auto& x = As<CreateUserStatement>(a);
      const auto& y = As<CreateUserStatement>(b);
      return x.role == y.role && x.if_not_exists == y.if_not_exists &&
             SameSpecs(x.users, y.users) && SameUsers(x.default_roles, y.default_roles) &&
             SameRequire(x.require, y.require) && x.account_locked == y.account_locked &&
             x.limits == y.limits;
    }
    case StatementKind::kAlterUser: {
      const auto& x = As<AlterUserStatement>(a);
      const auto& y = As<AlterUserStatement>(b);
      return x.if_exists == y.if_exists && SameSpecs(x.users, y.users) &&
             SameRequire(x.require, y.require) && x.account_locked == y.account_locked &&
             x.limits == y.limits;
    }
    case StatementKind::kDropUser: {
      const auto& x = As<DropUserStatement>(a);
      const auto& y = As<DropUserStatement>(b);
      return x.role == y.role && x.if_exists == y.if_exists && SameUsers(x.users, y.users);
    }
    case StatementKind::kRenameUser: {
      const auto& x = As<RenameUserStatement>(a).renames;
      const auto& y = As<RenameUserStatement>(b).renames;
      if (x.size() != y.size()) return false;
      for (size_t index = 0; index < x.size(); ++index) {
        if (!Same(x[index].first, y[index].first) || !Same(x[index].second, y[index].second)) {
          return false;
        }
      }
      return true;
    }
    case StatementKind::kGrant: {
      const auto& x = As<GrantStatement>(a);
      const auto& y = As<GrantStatement>(b);
      return SamePrivileges(x.privileges, y.privileges) && x.level.database == y.level.database &&
             x.level.table == y.level.table &&
             x.level.routine_type == y.level.routine_type && SameSpecs(x.users, y.users) &&
             x.with_grant_option == y.with_grant_option && SameUsers(x.roles, y.roles) &&
             x.with_admin_option == y.with_admin_option;
    }
    case StatementKind::kRevoke: {
      const auto& x = As<RevokeStatement>(a);
      const auto& y = As<RevokeStatement>(b);
      return x.all_and_grant_option == y.all_and_grant_option && x.if_exists == y.if_exists &&
             SamePrivileges(x.privileges, y.privileges) && x.level.database == y.level.database &&
             x.level.table == y.level.table &&
             x.level.routine_type == y.level.routine_type && SameUsers(x.users, y.users) &&
             SameUsers(x.roles, y.roles);
    }
    case StatementKind::kSetPassword: {
      const auto& x = As<SetPasswordStatement>(a);
      const auto& y = As<SetPasswordStatement>(b);
      return x.password == y.password && x.user.has_value() == y.user.has_value() &&
             (!x.user || Same(*x.user, *y.user));
    }
    default:
      return SameStoredProgramStatement(a, b);
  }
}

bool SameOther(const Statement& a, const Statement& b) {
  switch (a.kind) {
    case StatementKind::kFlush:
      return As<FlushStatement>(a).options == As<FlushStatement>(b).options &&
             As<FlushStatement>(a).local == As<FlushStatement>(b).local;
    case StatementKind::kLockTables: {
      const auto& x = As<LockTablesStatement>(a).tables;
      const auto& y = As<LockTablesStatement>(b).tables;
      if (x.size() != y.size()) return false;
      for (size_t index = 0; index < x.size(); ++index) {
        if (!Same(x[index].table, y[index].table) || x[index].alias != y[index].alias ||
            x[index].write != y[index].write) {
          return false;
        }
      }
      return true;
    }
    case StatementKind::kUnlockTables: return true;
    case StatementKind::kBegin:
      return As<BeginStatement>(a).read_only == As<BeginStatement>(b).read_only &&
             As<BeginStatement>(a).consistent_snapshot == As<BeginStatement>(b).consistent_snapshot;
    case StatementKind::kCommit:
      return As<CommitStatement>(a).chain == As<CommitStatement>(b).chain &&
             As<CommitStatement>(a).release == As<CommitStatement>(b).release;
    case StatementKind::kRollback:
      return As<RollbackStatement>(a).savepoint == As<RollbackStatement>(b).savepoint &&
             As<RollbackStatement>(a).chain == As<RollbackStatement>(b).chain &&
             As<RollbackStatement>(a).release == As<RollbackStatement>(b).release;
    case StatementKind::kSavepoint:
      return As<SavepointStatement>(a).name == As<SavepointStatement>(b).name;
    case StatementKind::kReleaseSavepoint:
      return As<ReleaseSavepointStatement>(a).name == As<ReleaseSavepointStatement>(b).name;
    case StatementKind::kKill:
      return As<KillStatement>(a).query_only == As<KillStatement>(b).query_only &&
             Same(As<KillStatement>(a).id, As<KillStatement>(b).id);
    case StatementKind::kDo: return Same(As<DoStatement>(a).exprs, As<DoStatement>(b).exprs);
    case StatementKind::kLoadData: {
      const auto& x = As<LoadDataStatement>(a);
      const auto& y = As<LoadDataStatement>(b);
      const FileFormat& f = x.format;
      const FileFormat& g = y.format;
      return x.local == y.local && x.path == y.path && x.replace == y.replace &&
             x.ignore == y.ignore && Same(x.table, y.table) && x.ignore_lines == y.ignore_lines &&
             x.columns == y.columns && Same(x.assignments, y.assignments) &&
             f.fields_terminated == g.fields_terminated &&
             f.enclosed == g.enclosed && f.optionally_enclosed == g.optionally_enclosed &&
             f.escaped == g.escaped && f.lines_starting == g.lines_starting &&
             f.lines_terminated == g.lines_terminated && f.charset == g.charset;
    }
    case StatementKind::kExplain: {
      const auto& x = As<ExplainStatement>(a);
      const auto& y = As<ExplainStatement>(b);
      return x.format == y.format && x.format_written == y.format_written &&
             x.analyze == y.analyze && x.statement && y.statement &&
             Equals(*x.statement, *y.statement);
    }
    case StatementKind::kPrepare:
      return As<PrepareStatement>(a).name == As<PrepareStatement>(b).name &&
             Same(As<PrepareStatement>(a).source, As<PrepareStatement>(b).source);
    case StatementKind::kExecute:
      return As<ExecuteStatement>(a).name == As<ExecuteStatement>(b).name &&
             Same(As<ExecuteStatement>(a).arguments, As<ExecuteStatement>(b).arguments);
    case StatementKind::kShutdown:
      return true;
    case StatementKind::kSetRole: {
      const auto& x = As<SetRoleStatement>(a);
      const auto& y = As<SetRoleStatement>(b);
      return x.mode == y.mode && x.default_role == y.default_role &&
             SameUsers(x.roles, y.roles) && SameUsers(x.users, y.users);
    }
    case StatementKind::kAlterInstance:
      return As<AlterInstanceStatement>(a).no_rollback_on_error ==
             As<AlterInstanceStatement>(b).no_rollback_on_error;
    case StatementKind::kHelp:
      return As<HelpStatement>(a).topic == As<HelpStatement>(b).topic;
    case StatementKind::kDeallocatePrepare:
      return As<DeallocatePrepareStatement>(a).name == As<DeallocatePrepareStatement>(b).name;
    default: return SameAccount(a, b);
  }
}

}  // namespace

bool Equals(const Statement& a, const Statement& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case StatementKind::kSelect: return SameSelect(As<SelectStatement>(a), As<SelectStatement>(b));
    case StatementKind::kInsert: return SameInsert(As<InsertStatement>(a), As<InsertStatement>(b));
    case StatementKind::kUpdate: {
      const auto& x = As<UpdateStatement>(a);
      const auto& y = As<UpdateStatement>(b);
      return x.ignore == y.ignore && Same(x.tables, y.tables) &&
             Same(x.assignments, y.assignments) && Same(x.where, y.where) &&
             Same(x.order_by, y.order_by) && Same(x.limit, y.limit);
    }
    case StatementKind::kDelete: {
      const auto& x = As<DeleteStatement>(a);
      const auto& y = As<DeleteStatement>(b);
      if (x.targets.size() != y.targets.size()) return false;
      for (size_t i = 0; i < x.targets.size(); ++i) {
        if (!Same(x.targets[i], y.targets[i])) return false;
      }
      return x.ignore == y.ignore && Same(x.table, y.table) && x.alias == y.alias &&
             Same(x.from, y.from) && Same(x.where, y.where) && Same(x.order_by, y.order_by) &&
             Same(x.limit, y.limit);
    }
    case StatementKind::kCreateDatabase: {
      const auto& x = As<CreateDatabaseStatement>(a);
      const auto& y = As<CreateDatabaseStatement>(b);
      return x.name == y.name && x.if_not_exists == y.if_not_exists && x.charset == y.charset &&
             x.collation == y.collation;
    }
    case StatementKind::kAlterDatabase: {
      const auto& x = As<AlterDatabaseStatement>(a);
      const auto& y = As<AlterDatabaseStatement>(b);
      return x.name == y.name && x.charset == y.charset && x.collation == y.collation;
    }
    case StatementKind::kDropDatabase:
      return As<DropDatabaseStatement>(a).name == As<DropDatabaseStatement>(b).name &&
             As<DropDatabaseStatement>(a).if_exists == As<DropDatabaseStatement>(b).if_exists;
    case StatementKind::kCreateTable:
      return SameCreateTable(As<CreateTableStatement>(a), As<CreateTableStatement>(b));
    case StatementKind::kDropTable: {
      const auto& x = As<DropTableStatement>(a);
      const auto& y = As<DropTableStatement>(b);
      if (x.if_exists != y.if_exists || x.temporary != y.temporary ||
          x.tables.size() != y.tables.size()) {
        return false;
      }
      for (size_t index = 0; index < x.tables.size(); ++index) {
        if (!Same(x.tables[index], y.tables[index])) return false;
      }
      return true;
    }
    case StatementKind::kTruncateTable:
      return Same(As<TruncateTableStatement>(a).table, As<TruncateTableStatement>(b).table);
    case StatementKind::kCreateIndex:
      return Same(As<CreateIndexStatement>(a).table, As<CreateIndexStatement>(b).table) &&
             SameIndex(As<CreateIndexStatement>(a).index, As<CreateIndexStatement>(b).index);
    case StatementKind::kAlterTable: {
      const auto& x = As<AlterTableStatement>(a);
      const auto& y = As<AlterTableStatement>(b);
      if (!Same(x.table, y.table) || x.specs.size() != y.specs.size()) return false;
      for (size_t i = 0; i < x.specs.size(); ++i) {
        const AlterSpec& p = x.specs[i];
        const AlterSpec& q = y.specs[i];
        if (p.kind != q.kind || p.new_name != q.new_name ||
            !SameIndex(p.index, q.index) || !Same(p.new_table, q.new_table) ||
            !SameColumn(p.column, q.column) || p.first != q.first || p.after != q.after ||
            !Same(p.default_value, q.default_value) ||
            p.default_is_expression != q.default_is_expression || p.charset != q.charset ||
            p.collation != q.collation || p.options.size() != q.options.size() ||
            !SameChecks(p.check, q.check)) {
          return false;
        }
        // A no-op keeps nothing of what it named.
        if (p.kind != AlterSpec::Kind::kNoOp && p.name != q.name) return false;
        for (size_t k = 0; k < p.options.size(); ++k) {
          if (p.options[k].name != q.options[k].name || p.options[k].value != q.options[k].value) {
            return false;
          }
        }
      }
      return true;
    }
    case StatementKind::kRenameTable: {
      const auto& x = As<RenameTableStatement>(a).renames;
      const auto& y = As<RenameTableStatement>(b).renames;
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i) {
        if (!Same(x[i].first, y[i].first) || !Same(x[i].second, y[i].second)) return false;
      }
      return true;
    }
    case StatementKind::kCreateView: {
      const auto& x = As<CreateViewStatement>(a);
      const auto& y = As<CreateViewStatement>(b);
      bool same_definer = x.definer.has_value() == y.definer.has_value() &&
                          (!x.definer || Same(*x.definer, *y.definer));
      return x.alter == y.alter && x.or_replace == y.or_replace && x.algorithm == y.algorithm &&
             same_definer && x.security == y.security && Same(x.view, y.view) &&
             x.columns == y.columns && x.check_option == y.check_option && x.select &&
             y.select && SameSelect(*x.select, *y.select);
    }
    case StatementKind::kTableMaintenance: {
      const auto& x = As<TableMaintenanceStatement>(a);
      const auto& y = As<TableMaintenanceStatement>(b);
      if (x.operation != y.operation || x.tables.size() != y.tables.size()) return false;
      for (size_t index = 0; index < x.tables.size(); ++index) {
        if (!Same(x.tables[index], y.tables[index])) return false;
      }
      return true;
    }
    case StatementKind::kDropView: {
      const auto& x = As<DropViewStatement>(a);
      const auto& y = As<DropViewStatement>(b);
      if (x.if_exists != y.if_exists || x.views.size() != y.views.size()) return false;
      for (size_t index = 0; index < x.views.size(); ++index) {
        if (!Same(x.views[index], y.views[index])) return false;
      }
      return true;
    }
    case StatementKind::kDropIndex:
      return Same(As<DropIndexStatement>(a).table, As<DropIndexStatement>(b).table) &&
             As<DropIndexStatement>(a).name == As<DropIndexStatement>(b).name;
    case StatementKind::kUse:
      return As<UseStatement>(a).database == As<UseStatement>(b).database;
    case StatementKind::kShow: return SameShow(As<ShowStatement>(a), As<ShowStatement>(b));
    case StatementKind::kSet: return SameSet(As<SetStatement>(a), As<SetStatement>(b));
    default: return SameOther(a, b);
  }
}

}  // namespace porpoise::sql
