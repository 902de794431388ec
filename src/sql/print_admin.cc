// The AST printer for DDL, SHOW, SET, account, FLUSH, lock and transaction statements. (sql/)
#include "sql/print_helpers.h"
#include "sql/printer.h"

namespace porpoise::sql {
namespace {

template <typename T>
const T& As(const Statement& statement) {
  return static_cast<const T&>(statement);
}

std::string Join(const std::vector<std::string>& items, bool quote) {
  std::string out;
  for (size_t index = 0; index < items.size(); ++index) {
    out += (index > 0 ? ", " : "") + (quote ? QuoteIdentifier(items[index]) : items[index]);
  }
  return out;
}

std::string ReferenceActionText(ReferenceAction action) {
  switch (action) {
    case ReferenceAction::kRestrict: return "RESTRICT";
    case ReferenceAction::kCascade: return "CASCADE";
    case ReferenceAction::kSetNull: return "SET NULL";
    case ReferenceAction::kNoAction: return "NO ACTION";
    case ReferenceAction::kSetDefault: return "SET DEFAULT";
    case ReferenceAction::kNone: return "";
  }
  return "";
}

std::string PrintCheck(const CheckDef& check) {
  std::string out = check.name.empty() ? "" : "CONSTRAINT " + QuoteIdentifier(check.name) + " ";
  out += "CHECK (" + (check.expr ? ToSql(*check.expr) : std::string("TRUE")) + ")";
  return check.enforced ? out : out + " NOT ENFORCED";
}

std::string PrintColumn(const ColumnDef& column) {
  std::string out = QuoteIdentifier(column.name) + " " + ToSql(column.type);
  if (column.generated) {
    out += " GENERATED ALWAYS AS (" + ToSql(*column.generated) + ")" +
           (column.generated_stored ? " STORED" : " VIRTUAL");
  }
  if (column.nullable) out += *column.nullable ? " NULL" : " NOT NULL";
  if (column.default_value) {
    out += column.default_is_expression ? " DEFAULT (" + ToSql(*column.default_value) + ")"
                                        : " DEFAULT " + ToSql(*column.default_value);
  }
  if (column.on_update_current_timestamp) out += " ON UPDATE CURRENT_TIMESTAMP";
  if (column.auto_increment) out += " AUTO_INCREMENT";
  if (column.unique_key) out += " UNIQUE KEY";
  if (column.primary_key) out += " PRIMARY KEY";
  if (!column.comment.empty()) out += " COMMENT " + QuoteString(column.comment);
  if (column.invisible) out += " INVISIBLE";
  for (const CheckDef& check : column.checks) out += " " + PrintCheck(check);
  return out;
}

std::string PrintIndexParts(const std::vector<IndexPart>& parts) {
  std::string out = "(";
  for (size_t part_index = 0; part_index < parts.size(); ++part_index) {
    const IndexPart& part = parts[part_index];
    out += part_index > 0 ? ", " : "";
    out += part.expression ? "(" + ToSql(*part.expression) + ")" : QuoteIdentifier(part.column);
    if (part.length) out += "(" + std::to_string(*part.length) + ")";
    if (part.descending) out += " DESC";
  }
  return out + ")";
}

std::string PrintIndex(const IndexDef& index) {
  std::string out;
  std::string name = index.name.empty() ? "" : QuoteIdentifier(index.name) + " ";
  switch (index.kind) {
    case IndexDef::Kind::kPrimary: out = "PRIMARY KEY "; break;
    case IndexDef::Kind::kUnique: out = "UNIQUE KEY " + name; break;
    case IndexDef::Kind::kIndex: out = "KEY " + name; break;
    case IndexDef::Kind::kFulltext: out = "FULLTEXT KEY " + name; break;
    case IndexDef::Kind::kSpatial: out = "SPATIAL KEY " + name; break;
    case IndexDef::Kind::kForeign:
      out = (index.name.empty() ? "" : "CONSTRAINT " + name) + "FOREIGN KEY ";
      break;
  }
  out += PrintIndexParts(index.parts);
  if (index.kind != IndexDef::Kind::kForeign) return out;
  out += " REFERENCES " + PrintTableName(index.referenced_table) + " (" +
         Join(index.referenced_columns, true) + ")";
  if (index.on_delete != ReferenceAction::kNone) {
    out += " ON DELETE " + ReferenceActionText(index.on_delete);
  }
  if (index.on_update != ReferenceAction::kNone) {
    out += " ON UPDATE " + ReferenceActionText(index.on_update);
  }
  return out;
}

bool IsBareOptionValue(const TableOption& option) {
  static constexpr std::string_view kQuoted[] = {
      "COMMENT", "CONNECTION", "PASSWORD", "COMPRESSION", "ENCRYPTION", "DATA DIRECTORY",
      "INDEX DIRECTORY", "ENGINE_ATTRIBUTE", "SECONDARY_ENGINE_ATTRIBUTE"};
  for (std::string_view name : kQuoted) {
    if (option.name == name) return false;
  }
  const std::string& value = option.value;
  if (value.empty()) return false;
  bool digits = true, word = !(value[0] >= '0' && value[0] <= '9');
  for (char c : value) {
    digits = digits && c >= '0' && c <= '9';
    word = word && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '$');
  }
  return digits || word;
}

// " NAME=value" for each option.
std::string PrintTableOptions(const std::vector<TableOption>& options) {
  std::string out;
  for (const TableOption& option : options) {
    if (option.name == "UNION") {  // the members, quoted already
      out += " UNION=(" + option.value + ")";
      continue;
    }
    out += " " + option.name + "=" +
           (IsBareOptionValue(option) ? option.value : QuoteString(option.value));
  }
  return out;
}

std::string PrintCreateTable(const CreateTableStatement& create) {
  std::string out = std::string("CREATE ") + (create.temporary ? "TEMPORARY " : "") + "TABLE " +
                    (create.if_not_exists ? "IF NOT EXISTS " : "") + PrintTableName(create.table);
  if (create.like) return out + " LIKE " + PrintTableName(*create.like);
  if (!create.columns.empty() || !create.indexes.empty()) {
    std::vector<std::string> elements;
    for (const ColumnDef& column : create.columns) elements.push_back(PrintColumn(column));
    for (const IndexDef& index : create.indexes) elements.push_back(PrintIndex(index));
    for (const CheckDef& check : create.checks) elements.push_back(PrintCheck(check));
    out += " (" + Join(elements, false) + ")";
  }
  out += PrintTableOptions(create.options);
  if (create.select_ignore) out += " IGNORE";
  if (create.select_replace) out += " REPLACE";
  if (create.as_select) out += " AS " + ToSql(*create.as_select);
  return out;
}

std::string ScopeWord(VariableScope scope) {
  switch (scope) {
    case VariableScope::kGlobal: return "GLOBAL ";
    case VariableScope::kSession: return "SESSION ";
    case VariableScope::kPersist: return "PERSIST ";
    case VariableScope::kPersistOnly: return "PERSIST_ONLY ";
    default: return "";
  }
}

std::string PrintShowFilter(const ShowStatement& show) {
  if (show.like) return " LIKE " + QuoteString(*show.like);
  if (show.where) return " WHERE " + ToSql(*show.where);
  return "";
}

std::string PrintUsers(const std::vector<UserName>& users);

std::string PrintShow(const ShowStatement& show) {
  using What = ShowStatement::What;
  std::string out = std::string("SHOW ") + (show.full ? "FULL " : "");
  std::string from_db = show.database.empty() ? "" : " FROM " + QuoteIdentifier(show.database);
  switch (show.what) {
    case What::kDatabases: return out + "DATABASES" + PrintShowFilter(show);
    case What::kTables: return out + "TABLES" + from_db + PrintShowFilter(show);
    case What::kTableStatus: return out + "TABLE STATUS" + from_db + PrintShowFilter(show);
    case What::kColumns:
      return out + "COLUMNS FROM " + PrintTableName(show.table) + from_db + PrintShowFilter(show);
    case What::kIndex:
      return out + "INDEX FROM " + PrintTableName(show.table) + from_db + PrintShowFilter(show);
    case What::kVariables:
    case What::kStatus:
      return out + (show.scope == VariableScope::kGlobal ? "GLOBAL " : "SESSION ") +
             (show.what == What::kVariables ? "VARIABLES" : "STATUS") + PrintShowFilter(show);
    case What::kGrants:
      return out + "GRANTS" + (show.user ? " FOR " + PrintUser(*show.user) : "") +
             (show.using_roles.empty() ? "" : " USING " + PrintUsers(show.using_roles));
    case What::kCreateTable: return out + "CREATE TABLE " + PrintTableName(show.table);
    case What::kCreateView: return out + "CREATE VIEW " + PrintTableName(show.table);
    case What::kCreateProcedure: return out + "CREATE PROCEDURE " + PrintTableName(show.table);
    case What::kCreateFunction: return out + "CREATE FUNCTION " + PrintTableName(show.table);
    case What::kCreateTrigger: return out + "CREATE TRIGGER " + PrintTableName(show.table);
    case What::kCreateDatabase:
      return out + "CREATE DATABASE " + (show.if_not_exists ? "IF NOT EXISTS " : "") +
             QuoteIdentifier(show.database);
    case What::kCreateUser:
      return out + "CREATE USER " + (show.user ? PrintUser(*show.user) : "CURRENT_USER");
    case What::kProcesslist: return out + "PROCESSLIST";
    case What::kWarnings:
    case What::kErrors: {
      out += show.what == What::kWarnings ? "WARNINGS" : "ERRORS";
      if (show.limit && show.offset) return out + " LIMIT " + ToSql(*show.offset) + ", " + ToSql(*show.limit);
      if (show.limit) out += " LIMIT " + ToSql(*show.limit);
      return out;
    }
    case What::kCountWarnings: return out + "COUNT(*) WARNINGS";
    case What::kCountErrors: return out + "COUNT(*) ERRORS";
    case What::kEngines: return out + "ENGINES";
    case What::kCharset: return out + "CHARACTER SET" + PrintShowFilter(show);
    case What::kCollation: return out + "COLLATION" + PrintShowFilter(show);
    case What::kPrivileges: return out + "PRIVILEGES";
    case What::kPlugins: return out + "PLUGINS";
    case What::kTriggers:
    case What::kEvents:
    case What::kOpenTables: {
      out += show.what == What::kTriggers ? "TRIGGERS" : show.what == What::kEvents ? "EVENTS" : "OPEN TABLES";
      if (!show.database.empty()) out += " FROM " + QuoteIdentifier(show.database);
      return out + PrintShowFilter(show);
    }
    case What::kProcedureStatus: return out + "PROCEDURE STATUS" + PrintShowFilter(show);
    case What::kFunctionStatus: return out + "FUNCTION STATUS" + PrintShowFilter(show);
    case What::kBinaryLogs: return out + "BINARY LOGS";
    case What::kBinaryLogStatus: return out + "BINARY LOG STATUS";
    case What::kReplicaStatus: return out + "REPLICA STATUS";
    case What::kReplicas: return out + "REPLICAS";
  }
  return out;
}

std::string PrintSetAssignment(const SetAssignment& assignment) {
  switch (assignment.kind) {
    case SetAssignment::Kind::kNames: {
      std::string out = "NAMES " + (assignment.charset == "default"
                                        ? std::string("DEFAULT")
                                        : QuoteIdentifier(assignment.charset));
      if (!assignment.collation.empty()) out += " COLLATE " + QuoteIdentifier(assignment.collation);
      return out;
    }
    case SetAssignment::Kind::kCharset:
      return "CHARACTER SET " + (assignment.charset == "default"
                                     ? std::string("DEFAULT")
                                     : QuoteIdentifier(assignment.charset));
    case SetAssignment::Kind::kTransaction: {
      std::vector<std::string> parts;
      if (!assignment.isolation_level.empty()) {
        std::string level = assignment.isolation_level;
        for (char& c : level) c = c == '-' ? ' ' : c;
        parts.push_back("ISOLATION LEVEL " + level);
      }
      if (assignment.read_only) parts.push_back(*assignment.read_only ? "READ ONLY" : "READ WRITE");
      return ScopeWord(assignment.scope) + "TRANSACTION " + Join(parts, false);
    }
    case SetAssignment::Kind::kVariable: {
      // GLOBAL/SESSION print as @@global.x / @@session.x: a scope keyword would carry over
      // to the following assignments when reparsed.
      std::string target;
      if (assignment.scope == VariableScope::kUser) {
        target = "@" + QuoteIdentifier(assignment.name);
      } else if (assignment.scope == VariableScope::kGlobal) {
        target = "@@global." + assignment.name;
      } else if (assignment.scope == VariableScope::kSession) {
        target = "@@session." + assignment.name;
      } else {
        target = ScopeWord(assignment.scope) + QuoteIdentifier(assignment.name);
      }
      return target + " = " + (assignment.value ? ToSql(*assignment.value) : "DEFAULT");
    }
  }
  return "";
}

std::string PrintUserSpec(const UserSpec& spec) {
  std::string out = PrintUser(spec.user);
  if (!spec.auth) return out;
  const AuthOption& auth = *spec.auth;
  out += " IDENTIFIED";
  if (auth.plugin.empty()) {
    if (auth.hash) return out + " BY PASSWORD " + QuoteString(*auth.hash);
    return out + " BY " + QuoteString(auth.password.value_or(""));
  }
  out += " WITH " + QuoteIdentifier(auth.plugin);
  if (auth.password) out += " BY " + QuoteString(*auth.password);
  if (auth.hash) out += " AS " + QuoteString(*auth.hash);
  return out;
}

std::string PrintUserSpecs(const std::vector<UserSpec>& specs) {
  std::string out;
  for (size_t index = 0; index < specs.size(); ++index) {
    out += (index > 0 ? ", " : "") + PrintUserSpec(specs[index]);
  }
  return out;
}

std::string PrintUsers(const std::vector<UserName>& users) {
  std::string out;
  for (size_t index = 0; index < users.size(); ++index) {
    out += (index > 0 ? ", " : "") + PrintUser(users[index]);
  }
  return out;
}

std::string PrintRequire(const std::optional<TlsRequirement>& require) {
  if (!require) return "";
  switch (require->kind) {
    case TlsRequirement::Kind::kNone: return " REQUIRE NONE";
    case TlsRequirement::Kind::kSsl: return " REQUIRE SSL";
    case TlsRequirement::Kind::kX509: return " REQUIRE X509";
    case TlsRequirement::Kind::kSpecified: break;
  }
  std::string out = " REQUIRE";
  const char* joiner = " ";
  for (const auto& [name, value] : {std::pair<const char*, const std::string*>{"ISSUER", &require->issuer},
                                    {"SUBJECT", &require->subject}, {"CIPHER", &require->cipher}}) {
    if (value->empty()) continue;
    out += joiner + std::string(name) + " " + QuoteString(*value);
    joiner = " AND ";
  }
  return out;
}

std::string PrintLimits(const AccountLimits& limits) {
  std::string with;
  for (const auto& [name, value] :
       {std::pair<const char*, const std::optional<uint32_t>*>{"MAX_QUERIES_PER_HOUR",
                                                               &limits.max_queries_per_hour},
        {"MAX_UPDATES_PER_HOUR", &limits.max_updates_per_hour},
        {"MAX_CONNECTIONS_PER_HOUR", &limits.max_connections_per_hour},
        {"MAX_USER_CONNECTIONS", &limits.max_user_connections}}) {
    if (*value) with += std::string(" ") + name + " " + std::to_string(**value);
  }
  std::string out = with.empty() ? "" : " WITH" + with;
  if (limits.password_expire) {
    switch (*limits.password_expire) {
      case AccountLimits::Expire::kNow: out += " PASSWORD EXPIRE"; break;
      case AccountLimits::Expire::kDefault: out += " PASSWORD EXPIRE DEFAULT"; break;
      case AccountLimits::Expire::kNever: out += " PASSWORD EXPIRE NEVER"; break;
      case AccountLimits::Expire::kInterval:
        out += " PASSWORD EXPIRE INTERVAL " + std::to_string(limits.password_expire_days) + " DAY";
        break;
    }
  }
  if (limits.failed_login_attempts) {
    out += " FAILED_LOGIN_ATTEMPTS " + std::to_string(*limits.failed_login_attempts);
  }
  if (limits.password_lock_time) {
    out += " PASSWORD_LOCK_TIME " + (*limits.password_lock_time < 0
                                         ? std::string("UNBOUNDED")
                                         : std::to_string(*limits.password_lock_time));
  }
  return out;
}

std::string PrintLock(std::optional<bool> locked) {
  if (!locked) return "";
  return *locked ? " ACCOUNT LOCK" : " ACCOUNT UNLOCK";
}

std::string PrintPrivileges(const std::vector<GrantPrivilege>& privileges) {
  std::string out;
  for (size_t index = 0; index < privileges.size(); ++index) {
    out += (index > 0 ? ", " : "") + privileges[index].name;
    if (!privileges[index].columns.empty()) out += " (" + Join(privileges[index].columns, true) + ")";
  }
  return out;
}

std::string PrintGrantLevel(const GrantLevel& level) {
  auto part = [](const std::string& name) { return name == "*" ? name : QuoteIdentifier(name); };
  std::string type = level.routine_type.empty() ? "" : level.routine_type + " ";
  if (level.database.empty()) return type + part(level.table);
  return type + part(level.database) + "." + part(level.table);
}

std::string PrintCompletion(bool chain, bool release) {
  return std::string(chain ? " AND CHAIN" : "") + (release ? " RELEASE" : "");
}

std::string PrintCondition(const ConditionValue& condition) {
  switch (condition.kind) {
    case ConditionValue::Kind::kSqlstate: return "SQLSTATE " + QuoteString(condition.value);
    case ConditionValue::Kind::kErrorCode: return std::to_string(condition.code);
    case ConditionValue::Kind::kName: return QuoteIdentifier(condition.value);
    case ConditionValue::Kind::kSqlWarning: return "SQLWARNING";
    case ConditionValue::Kind::kNotFound: return "NOT FOUND";
    case ConditionValue::Kind::kSqlException: return "SQLEXCEPTION";
  }
  return "";
}

std::string PrintTarget(const VariableTarget& target) {
  return target.user ? "@" + QuoteIdentifier(target.name) : QuoteIdentifier(target.name);
}

// Stored-program definitions and the statements that run them print from their parts (the
// body as written); the statements only a body holds print as they were written.
std::string PrintStoredProgramStatement(const Statement& statement) {
  switch (statement.kind) {
    case StatementKind::kCreateRoutine: {
      const auto& create = As<CreateRoutineStatement>(statement);
      std::string out = "CREATE ";
      if (create.definer) out += "DEFINER = " + PrintUser(*create.definer) + " ";
      out += create.function ? "FUNCTION " : "PROCEDURE ";
      if (create.if_not_exists) out += "IF NOT EXISTS ";
      out += PrintTableName(create.name) + "(" + create.parameters_text + ")";
      if (create.function) out += " RETURNS " + create.returns_text;
      if (create.data_access != "CONTAINS SQL") out += " " + create.data_access;
      if (create.deterministic) out += " DETERMINISTIC";
      if (create.security != "DEFINER") out += " SQL SECURITY " + create.security;
      if (!create.comment.empty()) out += " COMMENT " + QuoteString(create.comment);
      return out + " " + create.body_text;
    }
    case StatementKind::kCreateTrigger: {
      const auto& create = As<CreateTriggerStatement>(statement);
      std::string out = "CREATE ";
      if (create.definer) out += "DEFINER = " + PrintUser(*create.definer) + " ";
      out += "TRIGGER ";
      if (create.if_not_exists) out += "IF NOT EXISTS ";
      out += PrintTableName(create.name) + " " + std::string(create.TimingName()) + " " +
             std::string(create.EventName()) +
             " ON " + PrintTableName(create.table) + " FOR EACH ROW ";
      if (create.follows) out += "FOLLOWS " + QuoteIdentifier(create.other) + " ";
      if (create.precedes) out += "PRECEDES " + QuoteIdentifier(create.other) + " ";
      return out + create.body_text;
    }
    case StatementKind::kDropRoutine: {
      const auto& drop = As<DropRoutineStatement>(statement);
      return std::string(drop.function ? "DROP FUNCTION " : "DROP PROCEDURE ") +
             (drop.if_exists ? "IF EXISTS " : "") + PrintTableName(drop.name);
    }
    case StatementKind::kDropTrigger: {
      const auto& drop = As<DropTriggerStatement>(statement);
      return std::string("DROP TRIGGER ") + (drop.if_exists ? "IF EXISTS " : "") + PrintTableName(drop.name);
    }
    case StatementKind::kCall: {
      const auto& call = As<CallStatement>(statement);
      std::string out = "CALL " + PrintTableName(call.name) + "(";
      for (size_t i = 0; i < call.arguments.size(); ++i) out += (i > 0 ? ", " : "") + ToSql(*call.arguments[i]);
      return out + ")";
    }
    case StatementKind::kSignal:
    case StatementKind::kResignal: {
      const auto& signal = As<SignalStatement>(statement);
      std::string out = statement.kind == StatementKind::kSignal ? "SIGNAL" : "RESIGNAL";
      if (signal.condition) out += " " + PrintCondition(*signal.condition);
      for (size_t i = 0; i < signal.items.size(); ++i) {
        out += (i == 0 ? " SET " : ", ") + signal.items[i].first + " = " + ToSql(*signal.items[i].second);
      }
      return out;
    }
    case StatementKind::kGetDiagnostics: {
      const auto& get = As<GetDiagnosticsStatement>(statement);
      std::string out = std::string("GET ") + (get.stacked ? "STACKED " : "") + "DIAGNOSTICS ";
      if (get.condition_number) out += "CONDITION " + ToSql(*get.condition_number) + " ";
      for (size_t i = 0; i < get.items.size(); ++i) {
        out += (i > 0 ? ", " : "") + PrintTarget(get.items[i].first) + " = " + get.items[i].second;
      }
      return out;
    }
    default:
      if (statement.kind >= StatementKind::kCreateRoutine) return statement.source_text;
      return "";
  }
}

std::string PrintAccountStatement(const Statement& statement) {
  switch (statement.kind) {
    case StatementKind::kCreateUser: {
      const auto& create = As<CreateUserStatement>(statement);
      if (create.role) {
        std::vector<UserName> roles;
        for (const UserSpec& spec : create.users) roles.push_back(spec.user);
        return std::string("CREATE ROLE ") + (create.if_not_exists ? "IF NOT EXISTS " : "") +
               PrintUsers(roles);
      }
      return std::string("CREATE USER ") + (create.if_not_exists ? "IF NOT EXISTS " : "") +
             PrintUserSpecs(create.users) +
             (create.default_roles.empty() ? "" : " DEFAULT ROLE " + PrintUsers(create.default_roles)) +
             PrintRequire(create.require) +
             PrintLimits(create.limits) + PrintLock(create.account_locked);
    }
    case StatementKind::kAlterUser: {
      const auto& alter = As<AlterUserStatement>(statement);
      return std::string("ALTER USER ") + (alter.if_exists ? "IF EXISTS " : "") +
             PrintUserSpecs(alter.users) + PrintRequire(alter.require) +
             PrintLimits(alter.limits) + PrintLock(alter.account_locked);
    }
    case StatementKind::kDropUser: {
      const auto& drop = As<DropUserStatement>(statement);
      return std::string(drop.role ? "DROP ROLE " : "DROP USER ") +
             (drop.if_exists ? "IF EXISTS " : "") +
             PrintUsers(drop.users);
    }
    case StatementKind::kRenameUser: {
      std::string out = "RENAME USER ";
      const auto& renames = As<RenameUserStatement>(statement).renames;
      for (size_t index = 0; index < renames.size(); ++index) {
        out += (index > 0 ? ", " : "") + PrintUser(renames[index].first) + " TO " +
               PrintUser(renames[index].second);
      }
      return out;
    }
    case StatementKind::kGrant: {
      const auto& grant = As<GrantStatement>(statement);
      if (!grant.roles.empty()) {
        std::vector<UserName> users;
        for (const UserSpec& spec : grant.users) users.push_back(spec.user);
        return "GRANT " + PrintUsers(grant.roles) + " TO " + PrintUsers(users) +
               (grant.with_admin_option ? " WITH ADMIN OPTION" : "");
      }
      return "GRANT " + PrintPrivileges(grant.privileges) + " ON " + PrintGrantLevel(grant.level) +
             " TO " + PrintUserSpecs(grant.users) +
             (grant.with_grant_option ? " WITH GRANT OPTION" : "");
    }
    case StatementKind::kRevoke: {
      const auto& revoke = As<RevokeStatement>(statement);
      std::string out = std::string("REVOKE ") + (revoke.if_exists ? "IF EXISTS " : "");
      if (revoke.all_and_grant_option) {
        out += "ALL PRIVILEGES, GRANT OPTION";
      } else if (!revoke.roles.empty()) {
        out += PrintUsers(revoke.roles);
      } else {
        out += PrintPrivileges(revoke.privileges) + " ON " + PrintGrantLevel(revoke.level);
      }
      return out + " FROM " + PrintUsers(revoke.users);
    }
    case StatementKind::kSetPassword: {
      const auto& set = As<SetPasswordStatement>(statement);
      return std::string("SET PASSWORD") + (set.user ? " FOR " + PrintUser(*set.user) : "") +
             " = " + QuoteString(set.password);
    }
    default:
      return PrintStoredProgramStatement(statement);
  }
}

std::string PrintSessionStatement(const Statement& statement) {
  switch (statement.kind) {
    case StatementKind::kFlush: {
      const auto& flush = As<FlushStatement>(statement);
      return std::string("FLUSH ") + (flush.local ? "LOCAL " : "") + Join(flush.options, false);
    }
    case StatementKind::kLockTables: {
      std::string out = "LOCK TABLES ";
      const auto& items = As<LockTablesStatement>(statement).tables;
      for (size_t index = 0; index < items.size(); ++index) {
        out += (index > 0 ? ", " : "") + PrintTableName(items[index].table);
        if (!items[index].alias.empty()) out += " AS " + QuoteIdentifier(items[index].alias);
        out += items[index].write ? " WRITE" : " READ";
      }
      return out;
    }
    case StatementKind::kUnlockTables: return "UNLOCK TABLES";
    case StatementKind::kBegin: {
      const auto& begin = As<BeginStatement>(statement);
      std::vector<std::string> parts;
      if (begin.consistent_snapshot) parts.push_back("WITH CONSISTENT SNAPSHOT");
      if (begin.read_only) parts.push_back(*begin.read_only ? "READ ONLY" : "READ WRITE");
      if (parts.empty()) return "BEGIN";
      return "START TRANSACTION " + Join(parts, false);
    }
    case StatementKind::kCommit: {
      const auto& commit = As<CommitStatement>(statement);
      return "COMMIT" + PrintCompletion(commit.chain, commit.release);
    }
    case StatementKind::kRollback: {
      const auto& rollback = As<RollbackStatement>(statement);
      if (!rollback.savepoint.empty()) {
        return "ROLLBACK TO SAVEPOINT " + QuoteIdentifier(rollback.savepoint);
      }
      return "ROLLBACK" + PrintCompletion(rollback.chain, rollback.release);
    }
    case StatementKind::kSavepoint:
      return "SAVEPOINT " + QuoteIdentifier(As<SavepointStatement>(statement).name);
    case StatementKind::kReleaseSavepoint:
      return "RELEASE SAVEPOINT " + QuoteIdentifier(As<ReleaseSavepointStatement>(statement).name);
    case StatementKind::kKill: {
      const auto& kill = As<KillStatement>(statement);
      return std::string("KILL ") + (kill.query_only ? "QUERY " : "") + ToSql(*kill.id);
    }
    case StatementKind::kDo:
      return "DO " + JoinExprs(As<DoStatement>(statement).exprs);
    case StatementKind::kLoadData: {
      const auto& load = As<LoadDataStatement>(statement);
      std::string out = std::string("LOAD DATA ") + (load.local ? "LOCAL " : "") + "INFILE " +
                        QuoteString(load.path) + (load.replace ? " REPLACE" : load.ignore ? " IGNORE" : "") +
                        " INTO TABLE " + (load.table.database.empty() ? "" : QuoteIdentifier(load.table.database) + ".") +
                        QuoteIdentifier(load.table.table);
      const FileFormat& f = load.format;
      if (!f.charset.empty()) out += " CHARACTER SET " + f.charset;
      out += " FIELDS TERMINATED BY " + QuoteString(f.fields_terminated) +
             (f.optionally_enclosed ? " OPTIONALLY" : "") + " ENCLOSED BY " + QuoteString(f.enclosed) +
             " ESCAPED BY " + QuoteString(f.escaped) + " LINES STARTING BY " + QuoteString(f.lines_starting) +
             " TERMINATED BY " + QuoteString(f.lines_terminated);
      if (load.ignore_lines > 0) out += " IGNORE " + std::to_string(load.ignore_lines) + " LINES";
      if (!load.columns.empty()) {
        out += " (";
        for (size_t i = 0; i < load.columns.size(); ++i) {
          const LoadDataStatement::Target& target = load.columns[i];
          out += (i > 0 ? ", " : "") + (target.variable ? "@" + QuoteIdentifier(target.name)
                                                        : QuoteIdentifier(target.name));
        }
        out += ")";
      }
      if (!load.assignments.empty()) out += " SET " + PrintAssignments(load.assignments);
      return out;
    }
    case StatementKind::kExplain: {
      const auto& explain = As<ExplainStatement>(statement);
      std::string out = "EXPLAIN ";
      if (explain.format_written) {
        out += explain.format == ExplainStatement::Format::kTree   ? "FORMAT=TREE "
               : explain.format == ExplainStatement::Format::kJson ? "FORMAT=JSON "
                                                                   : "FORMAT=TRADITIONAL ";
      }
      if (explain.analyze) out += "ANALYZE ";
      return out + ToSql(*explain.statement);
    }
    case StatementKind::kPrepare: {
      const auto& prepare = As<PrepareStatement>(statement);
      return "PREPARE " + QuoteIdentifier(prepare.name) + " FROM " + ToSql(*prepare.source);
    }
    case StatementKind::kExecute: {
      const auto& execute = As<ExecuteStatement>(statement);
      std::string out = "EXECUTE " + QuoteIdentifier(execute.name);
      if (!execute.arguments.empty()) out += " USING " + JoinExprs(execute.arguments);
      return out;
    }
    case StatementKind::kShutdown:
      return "SHUTDOWN";
    case StatementKind::kSetRole: {
      const auto& set = As<SetRoleStatement>(statement);
      using Mode = SetRoleStatement::Mode;
      std::string out = set.default_role ? "SET DEFAULT ROLE " : "SET ROLE ";
      switch (set.mode) {
        case Mode::kDefault: out += "DEFAULT"; break;
        case Mode::kNone: out += "NONE"; break;
        case Mode::kAll: out += "ALL"; break;
        case Mode::kAllExcept: out += "ALL EXCEPT " + PrintUsers(set.roles); break;
        case Mode::kNamed: out += PrintUsers(set.roles); break;
      }
      if (set.default_role) out += " TO " + PrintUsers(set.users);
      return out;
    }
    case StatementKind::kAlterInstance:
      return std::string("ALTER INSTANCE RELOAD TLS") +
             (As<AlterInstanceStatement>(statement).no_rollback_on_error ? " NO ROLLBACK ON ERROR"
                                                                           : "");
    case StatementKind::kHelp:
      return "HELP " + QuoteString(As<HelpStatement>(statement).topic);
    case StatementKind::kDeallocatePrepare:
      return "DEALLOCATE PREPARE " + QuoteIdentifier(As<DeallocatePrepareStatement>(statement).name);
    case StatementKind::kSet: {
      std::string out = "SET ";
      const auto& assignments = As<SetStatement>(statement).assignments;
      for (size_t index = 0; index < assignments.size(); ++index) {
        out += (index > 0 ? ", " : "") + PrintSetAssignment(assignments[index]);
      }
      return out;
    }
    case StatementKind::kShow: return PrintShow(As<ShowStatement>(statement));
    case StatementKind::kUse: return "USE " + QuoteIdentifier(As<UseStatement>(statement).database);
    default: return PrintAccountStatement(statement);
  }
}

}  // namespace

std::string PrintDdlOrAdmin(const Statement& statement) {
  switch (statement.kind) {
    case StatementKind::kCreateDatabase: {
      const auto& create = As<CreateDatabaseStatement>(statement);
      std::string out = std::string("CREATE DATABASE ") +
                        (create.if_not_exists ? "IF NOT EXISTS " : "") +
                        QuoteIdentifier(create.name);
      if (!create.charset.empty()) out += " CHARACTER SET " + QuoteIdentifier(create.charset);
      if (!create.collation.empty()) out += " COLLATE " + QuoteIdentifier(create.collation);
      return out;
    }
    case StatementKind::kAlterDatabase: {
      const auto& alter = As<AlterDatabaseStatement>(statement);
      std::string out = "ALTER DATABASE";
      if (!alter.name.empty()) out += " " + QuoteIdentifier(alter.name);
      if (!alter.charset.empty()) out += " CHARACTER SET " + QuoteIdentifier(alter.charset);
      if (!alter.collation.empty()) out += " COLLATE " + QuoteIdentifier(alter.collation);
      // (ENCRYPTION is accepted and kept by no one: a statement of it alone prints as such)
      if (alter.charset.empty() && alter.collation.empty()) out += " ENCRYPTION 'N'";
      return out;
    }
    case StatementKind::kDropDatabase: {
      const auto& drop = As<DropDatabaseStatement>(statement);
      return std::string("DROP DATABASE ") + (drop.if_exists ? "IF EXISTS " : "") +
             QuoteIdentifier(drop.name);
    }
    case StatementKind::kCreateTable:
      return PrintCreateTable(As<CreateTableStatement>(statement));
    case StatementKind::kDropTable: {
      const auto& drop = As<DropTableStatement>(statement);
      std::string out = std::string("DROP ") + (drop.temporary ? "TEMPORARY " : "") + "TABLE " +
                        (drop.if_exists ? "IF EXISTS " : "");
      for (size_t index = 0; index < drop.tables.size(); ++index) {
        out += (index > 0 ? ", " : "") + PrintTableName(drop.tables[index]);
      }
      return out;
    }
    case StatementKind::kTruncateTable:
      return "TRUNCATE TABLE " + PrintTableName(As<TruncateTableStatement>(statement).table);
    case StatementKind::kCreateIndex: {
      const auto& create = As<CreateIndexStatement>(statement);
      std::string kind = create.index.kind == IndexDef::Kind::kUnique     ? "UNIQUE "
                         : create.index.kind == IndexDef::Kind::kFulltext ? "FULLTEXT "
                         : create.index.kind == IndexDef::Kind::kSpatial  ? "SPATIAL "
                                                                          : "";
      return "CREATE " + kind + "INDEX " + QuoteIdentifier(create.index.name) + " ON " +
             PrintTableName(create.table) + " " + PrintIndexParts(create.index.parts);
    }
    case StatementKind::kAlterTable: {
      const auto& alter = As<AlterTableStatement>(statement);
      std::string out = "ALTER TABLE " + PrintTableName(alter.table) + " ";
      for (size_t i = 0; i < alter.specs.size(); ++i) {
        const AlterSpec& spec = alter.specs[i];
        if (i > 0) out += ", ";
        std::string position = spec.first ? " FIRST"
                               : spec.after.empty() ? ""
                                                    : " AFTER " + QuoteIdentifier(spec.after);
        switch (spec.kind) {
          case AlterSpec::Kind::kAddIndex: out += "ADD " + PrintIndex(spec.index); break;
          case AlterSpec::Kind::kDropIndex: out += "DROP INDEX " + QuoteIdentifier(spec.name); break;
          case AlterSpec::Kind::kRenameIndex:
            out += "RENAME INDEX " + QuoteIdentifier(spec.name) + " TO " +
                   QuoteIdentifier(spec.new_name);
            break;
          case AlterSpec::Kind::kRenameTable: out += "RENAME TO " + PrintTableName(spec.new_table); break;
          case AlterSpec::Kind::kAddColumn: out += "ADD COLUMN " + PrintColumn(spec.column) + position; break;
          case AlterSpec::Kind::kDropColumn: out += "DROP COLUMN " + QuoteIdentifier(spec.name); break;
          case AlterSpec::Kind::kModifyColumn: out += "MODIFY COLUMN " + PrintColumn(spec.column) + position; break;
          case AlterSpec::Kind::kChangeColumn:
            out += "CHANGE COLUMN " + QuoteIdentifier(spec.name) + " " + PrintColumn(spec.column) + position;
            break;
          case AlterSpec::Kind::kRenameColumn:
            out += "RENAME COLUMN " + QuoteIdentifier(spec.name) + " TO " + QuoteIdentifier(spec.new_name);
            break;
          case AlterSpec::Kind::kSetDefault:
            out += "ALTER COLUMN " + QuoteIdentifier(spec.name) + " SET DEFAULT " +
                   (!spec.default_value            ? std::string("NULL")
                    : spec.default_is_expression ? "(" + ToSql(*spec.default_value) + ")"
                                                 : ToSql(*spec.default_value));
            break;
          case AlterSpec::Kind::kDropDefault: out += "ALTER COLUMN " + QuoteIdentifier(spec.name) + " DROP DEFAULT"; break;
          case AlterSpec::Kind::kSetVisibility:
            out += "ALTER COLUMN " + QuoteIdentifier(spec.name) + (spec.invisible ? " SET INVISIBLE" : " SET VISIBLE");
            break;
          case AlterSpec::Kind::kDropPrimaryKey: out += "DROP PRIMARY KEY"; break;
          case AlterSpec::Kind::kDropForeignKey: out += "DROP FOREIGN KEY " + QuoteIdentifier(spec.name); break;
          case AlterSpec::Kind::kOptions: out += PrintTableOptions(spec.options).substr(1); break;
          case AlterSpec::Kind::kConvertCharset:
            out += "CONVERT TO CHARACTER SET " + QuoteIdentifier(spec.charset);
            if (!spec.collation.empty()) out += " COLLATE " + QuoteIdentifier(spec.collation);
            break;
          case AlterSpec::Kind::kNoOp: out += "FORCE"; break;
          case AlterSpec::Kind::kAddCheck: out += "ADD " + PrintCheck(spec.check.front()); break;
          case AlterSpec::Kind::kDropCheck: out += "DROP CHECK " + QuoteIdentifier(spec.name); break;
          case AlterSpec::Kind::kAlterCheck:
            out += "ALTER CHECK " + QuoteIdentifier(spec.name) +
                   (spec.check.front().enforced ? " ENFORCED" : " NOT ENFORCED");
            break;
        }
      }
      return out;
    }
    case StatementKind::kRenameTable: {
      const auto& rename = As<RenameTableStatement>(statement);
      std::string out = "RENAME TABLE ";
      for (size_t i = 0; i < rename.renames.size(); ++i) {
        if (i > 0) out += ", ";
        out += PrintTableName(rename.renames[i].first) + " TO " +
               PrintTableName(rename.renames[i].second);
      }
      return out;
    }
    case StatementKind::kCreateView: {
      const auto& create = As<CreateViewStatement>(statement);
      std::string out = create.alter ? "ALTER " : create.or_replace ? "CREATE OR REPLACE " : "CREATE ";
      if (!create.algorithm.empty()) out += "ALGORITHM = " + create.algorithm + " ";
      if (create.definer) out += "DEFINER = " + PrintUser(*create.definer) + " ";
      if (!create.security.empty()) out += "SQL SECURITY " + create.security + " ";
      out += "VIEW " + PrintTableName(create.view);
      if (!create.columns.empty()) {
        out += " (";
        for (size_t i = 0; i < create.columns.size(); ++i) {
          out += (i > 0 ? ", " : "") + QuoteIdentifier(create.columns[i]);
        }
        out += ")";
      }
      out += " AS " + ToSql(*create.select);
      switch (create.check_option) {
        case CreateViewStatement::CheckOption::kNone: break;
        case CreateViewStatement::CheckOption::kCascaded: out += " WITH CASCADED CHECK OPTION"; break;
        case CreateViewStatement::CheckOption::kLocal: out += " WITH LOCAL CHECK OPTION"; break;
      }
      return out;
    }
    case StatementKind::kDropView: {
      const auto& drop = As<DropViewStatement>(statement);
      std::string out = std::string("DROP VIEW ") + (drop.if_exists ? "IF EXISTS " : "");
      for (size_t index = 0; index < drop.views.size(); ++index) {
        out += (index > 0 ? ", " : "") + PrintTableName(drop.views[index]);
      }
      return out;
    }
    case StatementKind::kTableMaintenance: {
      const auto& maintenance = As<TableMaintenanceStatement>(statement);
      using Operation = TableMaintenanceStatement::Operation;
      std::string out = maintenance.operation == Operation::kAnalyze  ? "ANALYZE TABLE "
                        : maintenance.operation == Operation::kCheck  ? "CHECK TABLE "
                        : maintenance.operation == Operation::kOptimize ? "OPTIMIZE TABLE "
                                                                        : "REPAIR TABLE ";
      for (size_t i = 0; i < maintenance.tables.size(); ++i) {
        out += (i > 0 ? ", " : "") + PrintTableName(maintenance.tables[i]);
      }
      return out;
    }
    case StatementKind::kDropIndex: {
      const auto& drop = As<DropIndexStatement>(statement);
      return "DROP INDEX " + QuoteIdentifier(drop.name) + " ON " + PrintTableName(drop.table);
    }
    default:
      return PrintSessionStatement(statement);
  }
}

std::string ToSql(const ColumnDef& column) { return PrintColumn(column); }

}  // namespace porpoise::sql
