// AccountManager: account and grant statements as reads and writes of the SQLite tables of
// mysql.user and the grant tables (db, tables_priv, columns_priv, procs_priv, global_grants,
// role_edges, default_roles), MySQL 8.4's rules and error wording, and
// the snapshot reload after each change. (engine/)
#include "engine/account_manager.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <map>
#include <memory>
#include <set>
#include <span>
#include <tuple>

#include "auth/auth_plugin.h"
#include "auth/host_match.h"
#include "common/strings.h"

namespace porpoise::engine {

using auth::Bit;
using auth::Privilege;
using auth::PrivilegeSet;

namespace {

// The SQLite tables of mysql.user and the grant tables (their reserved storage ids,
// catalog::SystemTableStorageId).
constexpr std::string_view kUserTable = "\"t1\"";
constexpr std::string_view kDbTable = "\"t2\"";
constexpr std::string_view kTablesPrivTable = "\"t3\"";
constexpr std::string_view kColumnsPrivTable = "\"t4\"";
constexpr std::string_view kGlobalGrantsTable = "\"t5\"";
constexpr std::string_view kRoleEdgesTable = "\"t6\"";
constexpr std::string_view kProcsPrivTable = "\"t8\"";
constexpr std::string_view kDefaultRolesTable = "\"t7\"";
// One role edge: {role user, role host, grantee user, grantee host}.
constexpr std::string_view kEdgeWhere =
    " WHERE FROM_USER = ? AND lower(FROM_HOST) = ? AND TO_USER = ? AND lower(TO_HOST) = ?";
constexpr size_t kMaxUserLength = 32;
constexpr size_t kMaxHostLength = 255;

// mysql.db's privilege columns, in the table's column order.
constexpr Privilege kDbColumns[] = {
    Privilege::kSelect,
    Privilege::kInsert,
    Privilege::kUpdate,
    Privilege::kDelete,
    Privilege::kCreate,
    Privilege::kDrop,
    Privilege::kGrantOption,
    Privilege::kReferences,
    Privilege::kIndex,
    Privilege::kAlter,
    Privilege::kCreateTemporaryTables,
    Privilege::kLockTables,
    Privilege::kCreateView,
    Privilege::kShowView,
    Privilege::kCreateRoutine,
    Privilege::kAlterRoutine,
    Privilege::kExecute,
    Privilege::kEvent,
    Privilege::kTrigger,
};

// mysql.tables_priv.Table_priv's SET members, in declaration order.
constexpr Privilege kTableMembers[] = {
    Privilege::kSelect,  Privilege::kInsert, Privilege::kUpdate,      Privilege::kDelete,
    Privilege::kCreate,  Privilege::kDrop,   Privilege::kGrantOption, Privilege::kReferences,
    Privilege::kIndex,   Privilege::kAlter,  Privilege::kCreateView,  Privilege::kShowView,
    Privilege::kTrigger,
};

// mysql.user's privilege columns before ssl_type, in column order (enum order up to
// CREATE TABLESPACE); Create_role_priv and Drop_role_priv come after account_locked.
std::vector<Privilege> UserLeadingColumns() {
  std::vector<Privilege> columns;
  for (unsigned index = 0; index <= static_cast<unsigned>(Privilege::kCreateTablespace); ++index) {
    columns.push_back(static_cast<Privilege>(index));
  }
  return columns;
}

std::vector<Privilege> UserColumns() {
  std::vector<Privilege> columns = UserLeadingColumns();
  columns.push_back(Privilege::kCreateRole);
  columns.push_back(Privilege::kDropRole);
  return columns;
}

size_t CharacterCount(std::string_view utf8) {
  size_t count = 0;
  for (char c : utf8) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

// 'u'@'h' as MySQL quotes accounts in error messages.
std::string Quoted(std::string_view user, std::string_view host) {
  return "'" + std::string(user) + "'@'" + std::string(host) + "'";
}

std::string Backticked(std::string_view name) {
  std::string out = "`";
  for (char c : name) {
    out.push_back(c);
    if (c == '`') out.push_back('`');
  }
  return out + "`";
}

std::string SqlString(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out.push_back(c);
    out.push_back(c);
  }
  return out + "'";
}

std::string NowText() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%d %H:%M:%S", &local);
  return buffer;
}

std::string TablePrivText(PrivilegeSet set) {
  std::vector<std::string> members;
  for (Privilege privilege : kTableMembers) {
    if ((set & Bit(privilege)) != 0) members.emplace_back(auth::TablePrivilegeMember(privilege));
  }
  return Join(members, ",");
}

PrivilegeSet ParseTablePriv(std::string_view text) {
  PrivilegeSet set = 0;
  while (!text.empty()) {
    size_t comma = text.find(',');
    std::optional<Privilege> privilege = auth::PrivilegeFromTableMember(text.substr(0, comma));
    if (privilege) set |= Bit(*privilege);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return set;
}

// Proc_priv's SET members in order.
std::string ProcPrivText(PrivilegeSet set) {
  std::vector<std::string> members;
  if ((set & Bit(Privilege::kExecute)) != 0) members.emplace_back("Execute");
  if ((set & Bit(Privilege::kAlterRoutine)) != 0) members.emplace_back("Alter Routine");
  if ((set & Bit(Privilege::kGrantOption)) != 0) members.emplace_back("Grant");
  return Join(members, ",");
}

PrivilegeSet ParseProcPriv(std::string_view text) {
  PrivilegeSet set = 0;
  if (text.find("Execute") != std::string_view::npos) set |= Bit(Privilege::kExecute);
  if (text.find("Alter Routine") != std::string_view::npos) set |= Bit(Privilege::kAlterRoutine);
  if (text.find("Grant") != std::string_view::npos) set |= Bit(Privilege::kGrantOption);
  return set;
}

bool IsYes(std::string_view value) { return value == "Y" || value == "y"; }

// Prepares `sql` with every parameter bound as TEXT.
Result<storage::Statement> PrepareWith(storage::Database& db, std::string_view sql,
                                       const std::vector<std::string>& params) {
  PORPOISE_ASSIGN_OR_RETURN(storage::Statement statement, db.Prepare(sql));
  for (size_t index = 0; index < params.size(); ++index) {
    PORPOISE_RETURN_IF_ERROR(statement.BindText(static_cast<int>(index + 1), params[index]));
  }
  return statement;
}

Status RunWith(storage::Database& db, std::string_view sql,
               const std::vector<std::string>& params) {
  PORPOISE_ASSIGN_OR_RETURN(storage::Statement statement, PrepareWith(db, sql, params));
  return statement.Run();
}

std::string AccountWhere() { return " WHERE User = ? AND lower(Host) = ?"; }

}  // namespace

// ---- Private helper types ------------------------------------------------------------------

struct AccountManager::Target {
  std::string user;
  std::string host;  // lower case
  bool operator==(const Target&) const = default;
};

struct AccountManager::AuthChange {
  std::string plugin;
  std::string auth_string;
};

struct AccountManager::GrantTarget {
  enum class Level { kGlobal, kDatabase, kTable, kRoutine };
  Level level = Level::kGlobal;
  std::string database, table;
  PrivilegeSet privileges = 0;  // as named in the statement (GRANT OPTION when named)
  // SELECT (a, b), UPDATE (b): the privileges named with a column list, per column.
  std::map<std::string, PrivilegeSet> columns;
  std::set<std::string_view> dynamic;  // BACKUP_ADMIN, ...: global only
  bool procedure = true;               // kRoutine: PROCEDURE, else FUNCTION
  PrivilegeSet ColumnUnion() const {
    PrivilegeSet set = 0;
    for (const auto& [column, granted] : columns) set |= granted;
    return set;
  }
};

// ---- Construction, loading ------------------------------------------------------------------

AccountManager::AccountManager(storage::Database& db, auth::AccountStore& store,
                               auth::Sha2PasswordCache* cache)
    : db_(db), store_(store), cache_(cache) {}

namespace {

// ", Select_priv, Insert_priv, ..." for a SELECT list.
std::string PrivilegeColumnList(std::span<const Privilege> columns) {
  std::string list;
  for (Privilege privilege : columns) list += ", " + std::string(auth::PrivilegeColumn(privilege));
  return list;
}

// The privileges whose 'Y'/'N' columns start at `first` in the current row.
PrivilegeSet ReadPrivilegeColumns(const storage::Statement& statement, int first,
                                  std::span<const Privilege> columns) {
  PrivilegeSet privileges = 0;
  for (size_t index = 0; index < columns.size(); ++index) {
    if (IsYes(statement.ColumnText(first + static_cast<int>(index)))) {
      privileges |= Bit(columns[index]);
    }
  }
  return privileges;
}

// Every row of `sql`, each column as text.
Result<std::vector<std::vector<std::string>>> ReadTextRows(storage::Database& db,
                                                           const std::string& sql) {
  PORPOISE_ASSIGN_OR_RETURN(storage::Statement statement, db.Prepare(sql));
  std::vector<std::vector<std::string>> rows;
  for (;;) {
    PORPOISE_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) break;
    std::vector<std::string>& values = rows.emplace_back();
    for (int column = 0; column < statement.ColumnCount(); ++column) {
      values.emplace_back(statement.ColumnText(column));
    }
  }
  return rows;
}

Result<std::vector<auth::Account>> LoadAccounts(storage::Database& db) {
  const std::vector<Privilege> columns = UserColumns();
  // password_last_changed is kept in local time, as MySQL shows it; 'utc' reads it as such.
  std::string sql =
      "SELECT Host, User, plugin, authentication_string, account_locked, "
      "ssl_type, ssl_cipher, x509_issuer, x509_subject, max_questions, max_updates, "
      "max_connections, max_user_connections, password_expired, password_lifetime, "
      "CAST(strftime('%s', password_last_changed, 'utc') AS INTEGER), "
      "json_extract(User_attributes, '$.Password_locking.failed_login_attempts'), "
      "json_extract(User_attributes, '$.Password_locking.password_lock_time_days')" +
      PrivilegeColumnList(columns) + " FROM " + std::string(kUserTable);
  PORPOISE_ASSIGN_OR_RETURN(storage::Statement statement, db.Prepare(sql));
  std::vector<auth::Account> accounts;
  for (;;) {
    PORPOISE_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) break;
    auth::Account account;
    account.host = std::string(statement.ColumnText(0));
    account.user = std::string(statement.ColumnText(1));
    account.plugin = std::string(statement.ColumnText(2));
    account.auth_string = std::string(statement.ColumnText(3));
    account.locked = IsYes(statement.ColumnText(4));
    account.ssl_type = std::string(statement.ColumnText(5));
    account.ssl_cipher = std::string(statement.ColumnText(6));
    account.x509_issuer = std::string(statement.ColumnText(7));
    account.x509_subject = std::string(statement.ColumnText(8));
    account.max_questions = static_cast<uint32_t>(statement.ColumnInt64(9));
    account.max_updates = static_cast<uint32_t>(statement.ColumnInt64(10));
    account.max_connections_per_hour = static_cast<uint32_t>(statement.ColumnInt64(11));
    account.max_user_connections = static_cast<uint32_t>(statement.ColumnInt64(12));
    account.password_expired = IsYes(statement.ColumnText(13));
    if (!statement.IsNull(14)) {
      account.password_lifetime = static_cast<uint32_t>(statement.ColumnInt64(14));
    }
    account.password_last_changed = statement.ColumnInt64(15);
    account.failed_login_attempts = static_cast<uint32_t>(statement.ColumnInt64(16));
    account.password_lock_time = static_cast<int32_t>(statement.ColumnInt64(17));
    account.global_privileges = ReadPrivilegeColumns(statement, 18, columns);
    accounts.push_back(std::move(account));
  }
  PORPOISE_ASSIGN_OR_RETURN(
      std::vector<std::vector<std::string>> dynamic,
      ReadTextRows(db, "SELECT USER, HOST, PRIV, WITH_GRANT_OPTION FROM " +
                           std::string(kGlobalGrantsTable)));
  for (const std::vector<std::string>& row : dynamic) {
    std::optional<std::string_view> name = auth::DynamicPrivilegeName(row[2]);
    if (!name) continue;  // a privilege this server does not know grants nothing
    for (auth::Account& account : accounts) {
      if (account.user != row[0] || !EqualsIgnoreCase(account.host, row[1])) continue;
      account.dynamic_privileges.emplace(*name);
      if (IsYes(row[3])) account.grantable_dynamic_privileges.emplace(*name);
    }
  }
  return accounts;
}

Result<std::vector<auth::DatabaseGrant>> LoadDatabaseGrants(storage::Database& db) {
  std::string sql = "SELECT Host, Db, User" + PrivilegeColumnList(kDbColumns) + " FROM " +
                    std::string(kDbTable);
  PORPOISE_ASSIGN_OR_RETURN(storage::Statement statement, db.Prepare(sql));
  std::vector<auth::DatabaseGrant> grants;
  for (;;) {
    PORPOISE_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) break;
    auth::DatabaseGrant grant;
    grant.host = std::string(statement.ColumnText(0));
    grant.database = std::string(statement.ColumnText(1));
    grant.user = std::string(statement.ColumnText(2));
    grant.privileges = ReadPrivilegeColumns(statement, 3, kDbColumns);
    grants.push_back(std::move(grant));
  }
  return grants;
}

Result<std::vector<auth::TableGrant>> LoadTableGrants(storage::Database& db) {
  PORPOISE_ASSIGN_OR_RETURN(
      std::vector<std::vector<std::string>> rows,
      ReadTextRows(db, "SELECT Host, Db, User, Table_name, Table_priv, Column_priv FROM " +
                           std::string(kTablesPrivTable)));
  std::vector<auth::TableGrant> grants;
  for (std::vector<std::string>& row : rows) {
    grants.push_back(auth::TableGrant{std::move(row[2]), std::move(row[0]), std::move(row[1]),
                                      std::move(row[3]), ParseTablePriv(row[4]),
                                      ParseTablePriv(row[5])});
  }
  return grants;
}

Result<std::vector<auth::ColumnGrant>> LoadColumnGrants(storage::Database& db) {
  PORPOISE_ASSIGN_OR_RETURN(
      std::vector<std::vector<std::string>> rows,
      ReadTextRows(db, "SELECT Host, Db, User, Table_name, Column_name, Column_priv FROM " +
                           std::string(kColumnsPrivTable)));
  std::vector<auth::ColumnGrant> grants;
  for (std::vector<std::string>& row : rows) {
    grants.push_back(auth::ColumnGrant{std::move(row[2]), std::move(row[0]), std::move(row[1]),
                                       std::move(row[3]), std::move(row[4]),
                                       ParseTablePriv(row[5])});
  }
  return grants;
}

}  // namespace

Status AccountManager::LoadSnapshot(storage::Database& db, auth::AccountStore& store) {
  // Read under the write lock: no account change commits meanwhile, and the lock's
  // generation orders this snapshot after every change committed before it.
  PORPOISE_ASSIGN_OR_RETURN(storage::Transaction reading, storage::Transaction::Begin(db, /*write=*/true));
  PORPOISE_ASSIGN_OR_RETURN(PendingSnapshot pending, ReadSnapshot(db));
  PORPOISE_RETURN_IF_ERROR(reading.Commit());
  pending.InstallIn(store);
  return Status::OK();
}

Result<AccountManager::PendingSnapshot> AccountManager::ReadSnapshot(storage::Database& db) {
  uint64_t version = db.WriteGeneration() + 1;
  PORPOISE_ASSIGN_OR_RETURN(std::vector<auth::Account> accounts, LoadAccounts(db));
  PORPOISE_ASSIGN_OR_RETURN(std::vector<auth::DatabaseGrant> database_grants,
                            LoadDatabaseGrants(db));
  PORPOISE_ASSIGN_OR_RETURN(std::vector<auth::TableGrant> table_grants, LoadTableGrants(db));
  PORPOISE_ASSIGN_OR_RETURN(std::vector<auth::ColumnGrant> column_grants, LoadColumnGrants(db));
  std::vector<auth::RoleEdge> edges;
  PORPOISE_ASSIGN_OR_RETURN(
      std::vector<std::vector<std::string>> edge_rows,
      ReadTextRows(db, "SELECT FROM_USER, FROM_HOST, TO_USER, TO_HOST, WITH_ADMIN_OPTION FROM " +
                           std::string(kRoleEdgesTable)));
  for (std::vector<std::string>& row : edge_rows) {
    edges.push_back(auth::RoleEdge{std::move(row[0]), std::move(row[1]), std::move(row[2]),
                                   std::move(row[3]), IsYes(row[4])});
  }
  std::vector<auth::DefaultRole> defaults;
  PORPOISE_ASSIGN_OR_RETURN(
      std::vector<std::vector<std::string>> default_rows,
      ReadTextRows(db, "SELECT USER, HOST, DEFAULT_ROLE_USER, DEFAULT_ROLE_HOST FROM " +
                           std::string(kDefaultRolesTable)));
  for (std::vector<std::string>& row : default_rows) {
    defaults.push_back(auth::DefaultRole{std::move(row[0]), std::move(row[1]), std::move(row[2]),
                                         std::move(row[3])});
  }
  std::vector<auth::RoutineGrant> routine_grants;
  PORPOISE_ASSIGN_OR_RETURN(
      std::vector<std::vector<std::string>> routine_rows,
      ReadTextRows(db, "SELECT User, Host, Db, Routine_name, Routine_type, Proc_priv FROM " +
                           std::string(kProcsPrivTable)));
  for (std::vector<std::string>& row : routine_rows) {
    routine_grants.push_back(auth::RoutineGrant{std::move(row[0]), std::move(row[1]),
                                                std::move(row[2]), std::move(row[3]),
                                                row[4] == "PROCEDURE", ParseProcPriv(row[5])});
  }
  return PendingSnapshot{
      std::make_shared<const auth::AccountSnapshot>(
          std::move(accounts), std::move(database_grants), std::move(table_grants),
          std::move(column_grants), std::move(edges), std::move(defaults), std::move(routine_grants)),
      version};
}

Status AccountManager::FlushPrivileges() {
  warnings_.clear();
  PORPOISE_RETURN_IF_ERROR(LoadSnapshot(db_, store_));
  if (cache_ != nullptr) cache_->Clear();
  store_.password_locks().ForgetAll();  // as MySQL: every temporary lock is lifted,
  store_.usage().ForgetAll();           // every hourly count started again
  return Status::OK();
}

Status AccountManager::Commit(storage::Transaction& transaction) {
  // Read inside the change's own transaction, which holds the write lock and sees its own
  // rows: once the commit succeeds the new view goes in, with nothing left to wait for.
  PORPOISE_ASSIGN_OR_RETURN(PendingSnapshot pending, ReadSnapshot(db_));
  PORPOISE_RETURN_IF_ERROR(transaction.Commit());
  pending.InstallIn(store_);
  return Status::OK();
}

// ---- Row helpers ----------------------------------------------------------------------------

Result<AccountManager::Target> AccountManager::Resolve(const sql::UserName& name,
                                                       const AccessChecker& checker) const {
  if (name.current_user) {
    return Target{checker.principal().account_user, ToLowerAscii(checker.principal().account_host)};
  }
  if (CharacterCount(name.user) > kMaxUserLength) {
    return Status::Error(ER_WRONG_STRING_LENGTH, name.user, "user name", kMaxUserLength);
  }
  if (CharacterCount(name.host) > kMaxHostLength) {
    return Status::Error(ER_WRONG_STRING_LENGTH, name.host, "host name", kMaxHostLength);
  }
  return Target{name.user, ToLowerAscii(name.host)};
}

Result<bool> AccountManager::Exists(const Target& target) {
  PORPOISE_ASSIGN_OR_RETURN(
      storage::Statement statement,
      PrepareWith(db_, "SELECT 1 FROM " + std::string(kUserTable) + AccountWhere(),
                  {target.user, target.host}));
  return statement.Step();
}

Result<std::string> AccountManager::CurrentPlugin(const Target& target) {
  PORPOISE_ASSIGN_OR_RETURN(
      storage::Statement statement,
      PrepareWith(db_, "SELECT plugin FROM " + std::string(kUserTable) + AccountWhere(),
                  {target.user, target.host}));
  PORPOISE_ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) return Status::Error(ER_PASSWORD_NO_MATCH);
  return std::string(statement.ColumnText(0));
}

Result<AccountManager::AuthChange> AccountManager::MakeAuthChange(
    const std::optional<sql::AuthOption>& auth, const std::string& current_plugin) const {
  const std::string& name = auth && !auth->plugin.empty() ? auth->plugin : current_plugin;
  const auth::AuthPlugin* plugin = auth::FindAuthPlugin(name);
  if (plugin == nullptr) return Status::Error(ER_PLUGIN_IS_NOT_LOADED, name);
  AuthChange change{std::string(plugin->Name()), ""};
  if (auth && auth->password) {
    PORPOISE_ASSIGN_OR_RETURN(change.auth_string, plugin->HashPassword(*auth->password));
  } else if (auth && auth->hash) {
    if (!plugin->IsValidAuthString(*auth->hash)) return Status::Error(ER_PASSWORD_FORMAT);
    change.auth_string = *auth->hash;
  }
  return change;
}

namespace {

// mysql.user's ssl_type for a REQUIRE clause.
std::string SslType(const sql::TlsRequirement& require) {
  switch (require.kind) {
    case sql::TlsRequirement::Kind::kNone: return "";
    case sql::TlsRequirement::Kind::kSsl: return "ANY";
    case sql::TlsRequirement::Kind::kX509: return "X509";
    case sql::TlsRequirement::Kind::kSpecified: return "SPECIFIED";
  }
  return "";
}

}  // namespace

Status AccountManager::SetRequire(const Target& target, const sql::TlsRequirement& require) {
  return RunWith(db_,
                 "UPDATE " + std::string(kUserTable) +
                     " SET ssl_type = ?, ssl_cipher = CAST(? AS BLOB), x509_issuer = CAST(? AS BLOB), "
                     "x509_subject = CAST(? AS BLOB)" +
                     AccountWhere(),
                 {SslType(require), require.cipher, require.issuer, require.subject, target.user,
                  target.host});
}

Status AccountManager::SetLimits(const Target& target, const sql::AccountLimits& limits) {
  std::vector<std::string> assignments;
  std::vector<std::string> values;
  auto set = [&](const char* column, std::optional<uint32_t> value) {
    if (!value) return;
    assignments.push_back(std::string(column) + " = ?");
    values.push_back(std::to_string(*value));
  };
  set("max_questions", limits.max_queries_per_hour);
  set("max_updates", limits.max_updates_per_hour);
  set("max_connections", limits.max_connections_per_hour);
  set("max_user_connections", limits.max_user_connections);
  if (limits.max_queries_per_hour || limits.max_updates_per_hour ||
      limits.max_connections_per_hour) {
    store_.usage().Forget(target.user, target.host);
  }
  if (limits.password_expire) {
    switch (*limits.password_expire) {
      case sql::AccountLimits::Expire::kNow: assignments.push_back("password_expired = 'Y'"); break;
      case sql::AccountLimits::Expire::kDefault: assignments.push_back("password_lifetime = NULL"); break;
      case sql::AccountLimits::Expire::kNever: assignments.push_back("password_lifetime = 0"); break;
      case sql::AccountLimits::Expire::kInterval: set("password_lifetime", limits.password_expire_days); break;
    }
  }
  if (limits.failed_login_attempts || limits.password_lock_time) {
    // User_attributes' Password_locking object, as MySQL keeps it; what is not given stays.
    auto kept = [](const char* key) {
      return "COALESCE(json_extract(User_attributes, '$.Password_locking." + std::string(key) +
             "'), 0)";
    };
    std::string attempts = limits.failed_login_attempts
                               ? std::to_string(*limits.failed_login_attempts)
                               : kept("failed_login_attempts");
    std::string days = limits.password_lock_time ? std::to_string(*limits.password_lock_time)
                                                 : kept("password_lock_time_days");
    assignments.push_back(
        "User_attributes = json_set(COALESCE(User_attributes, '{}'), '$.Password_locking', "
        "json_object('failed_login_attempts', " + attempts + ", 'password_lock_time_days', " +
        days + "))");
    store_.password_locks().Forget(target.user, target.host);
  }
  if (assignments.empty()) return Status::OK();
  values.push_back(target.user);
  values.push_back(target.host);
  return RunWith(db_, "UPDATE " + std::string(kUserTable) + " SET " + Join(assignments, ", ") +
                          AccountWhere(),
                 values);
}

Status AccountManager::InsertUser(const Target& target, const AuthChange& auth, bool locked) {
  std::string columns = "Host, User";
  std::string values = "?, ?";
  for (Privilege privilege : UserLeadingColumns()) {
    columns += ", " + std::string(auth::PrivilegeColumn(privilege));
    values += ", 'N'";
  }
  columns +=
      ", ssl_type, ssl_cipher, x509_issuer, x509_subject, max_questions, max_updates, "
      "max_connections, max_user_connections, plugin, authentication_string, password_expired, "
      "password_last_changed, password_lifetime, account_locked, Create_role_priv, "
      "Drop_role_priv, Password_reuse_history, Password_reuse_time, Password_require_current, "
      "User_attributes";
  values +=
      ", '', X'', X'', X'', 0, 0, 0, 0, ?, ?, 'N', ?, NULL, ?, 'N', 'N', NULL, NULL, NULL, NULL";
  return RunWith(
      db_, "INSERT INTO " + std::string(kUserTable) + " (" + columns + ") VALUES (" + values + ")",
      {target.host, target.user, auth.plugin, auth.auth_string, NowText(), locked ? "Y" : "N"});
}

Status AccountManager::UpdateAuth(const Target& target, const AuthChange& auth) {
  if (cache_ != nullptr) cache_->Forget(target.user, target.host);
  return RunWith(db_,
                 "UPDATE " + std::string(kUserTable) +
                     " SET plugin = ?, authentication_string = ?, password_expired = 'N', "
                     "password_last_changed = ?" +
                     AccountWhere(),
                 {auth.plugin, auth.auth_string, NowText(), target.user, target.host});
}

Status AccountManager::DeleteAccountRows(const Target& target) {
  if (cache_ != nullptr) cache_->Forget(target.user, target.host);
  store_.password_locks().Forget(target.user, target.host);
  store_.usage().Forget(target.user, target.host);
  // The roles it was granted, was granted to others as, or activates at login go too.
  for (std::string_view where :
       {" WHERE FROM_USER = ? AND lower(FROM_HOST) = ?", " WHERE TO_USER = ? AND lower(TO_HOST) = ?"}) {
    PORPOISE_RETURN_IF_ERROR(RunWith(db_, "DELETE FROM " + std::string(kRoleEdgesTable) +
                                              std::string(where), {target.user, target.host}));
  }
  PORPOISE_RETURN_IF_ERROR(RunWith(db_,
                                   "DELETE FROM " + std::string(kDefaultRolesTable) +
                                       " WHERE DEFAULT_ROLE_USER = ? AND "
                                       "lower(DEFAULT_ROLE_HOST) = ?",
                                   {target.user, target.host}));
  for (std::string_view table : {kUserTable, kDbTable, kTablesPrivTable, kColumnsPrivTable,
                                 kGlobalGrantsTable, kDefaultRolesTable, kProcsPrivTable}) {
    PORPOISE_RETURN_IF_ERROR(RunWith(db_, "DELETE FROM " + std::string(table) + AccountWhere(),
                                     {target.user, target.host}));
  }
  return Status::OK();
}

Status AccountManager::RenameAccountRows(const Target& from, const Target& to) {
  if (cache_ != nullptr) cache_->Forget(from.user, from.host);
  store_.password_locks().Forget(from.user, from.host);
  store_.usage().Forget(from.user, from.host);
  for (std::string_view sides : {"FROM_USER = ?, FROM_HOST = ? WHERE FROM_USER = ? AND "
                                 "lower(FROM_HOST) = ?",
                                 "TO_USER = ?, TO_HOST = ? WHERE TO_USER = ? AND lower(TO_HOST) = ?"}) {
    PORPOISE_RETURN_IF_ERROR(RunWith(db_, "UPDATE " + std::string(kRoleEdgesTable) + " SET " +
                                              std::string(sides),
                                     {to.user, to.host, from.user, from.host}));
  }
  PORPOISE_RETURN_IF_ERROR(RunWith(db_,
                                   "UPDATE " + std::string(kDefaultRolesTable) +
                                       " SET DEFAULT_ROLE_USER = ?, DEFAULT_ROLE_HOST = ? WHERE "
                                       "DEFAULT_ROLE_USER = ? AND lower(DEFAULT_ROLE_HOST) = ?",
                                   {to.user, to.host, from.user, from.host}));
  for (std::string_view table : {kUserTable, kDbTable, kTablesPrivTable, kColumnsPrivTable,
                                 kGlobalGrantsTable, kDefaultRolesTable, kProcsPrivTable}) {
    PORPOISE_RETURN_IF_ERROR(
        RunWith(db_, "UPDATE " + std::string(table) + " SET User = ?, Host = ?" + AccountWhere(),
                {to.user, to.host, from.user, from.host}));
  }
  return Status::OK();
}

// ---- CREATE / ALTER / DROP / RENAME USER, SET PASSWORD ---------------------------------------

namespace {

// 3628 for a role named in mandatory_roles: it is neither revoked nor dropped.
Status RefuseMandatoryRole(const AccessChecker& checker, const std::string& user,
                           const std::string& host) {
  for (const auto& [role_user, role_host] : checker.mandatory_roles()) {
    if (role_user == user && EqualsIgnoreCase(role_host, host)) {
      return Status::Error(ER_MANDATORY_ROLE, user, host);
    }
  }
  return Status::OK();
}

bool CanManageUsers(const AccessChecker& checker, Privilege table_privilege) {
  return checker.HasGlobal(Privilege::kCreateUser) ||
         checker.CheckDatabase(table_privilege, "mysql").ok();
}

Status CreateUserDenied() { return Status::Error(ER_SPECIFIC_ACCESS_DENIED_ERROR, "CREATE USER"); }

}  // namespace

Status AccountManager::CreateUser(const sql::CreateUserStatement& statement,
                                  const AccessChecker& checker) {
  warnings_.clear();
  if (!CanManageUsers(checker, Privilege::kInsert) &&
      !(statement.role && checker.HasGlobal(Privilege::kCreateRole))) {
    return statement.role
               ? Status::Error(ER_SPECIFIC_ACCESS_DENIED_ERROR, "CREATE USER or CREATE ROLE")
               : CreateUserDenied();
  }
  PORPOISE_ASSIGN_OR_RETURN(storage::Transaction transaction,
                            storage::Transaction::Begin(db_, /*write=*/true));
  // DEFAULT ROLE: each role must exist (3523), and the issuer may grant it as GRANT role
  // requires (ROLE_ADMIN, or the role WITH ADMIN OPTION).
  std::vector<Target> default_roles;
  if (!statement.default_roles.empty()) {
    PORPOISE_ASSIGN_OR_RETURN(default_roles, ResolveRoles(statement.default_roles, checker));
  }
  std::vector<std::string> failed;
  for (const sql::UserSpec& spec : statement.users) {
    PORPOISE_ASSIGN_OR_RETURN(Target target, Resolve(spec.user, checker));
    PORPOISE_ASSIGN_OR_RETURN(bool exists, Exists(target));
    if (exists) {
      if (statement.if_not_exists) {
        Warn(Status::WithMessage(
            ER_USER_ALREADY_EXISTS,
            "Authorization ID " + Quoted(target.user, target.host) + " already exists."));
      } else {
        failed.push_back(Quoted(target.user, target.host));
      }
      continue;
    }
    if (statement.role) {
      // A role is an account no one can log in as: locked, its empty password expired.
      PORPOISE_RETURN_IF_ERROR(InsertUser(target, AuthChange{"caching_sha2_password", ""}, true));
      PORPOISE_RETURN_IF_ERROR(RunWith(db_,
                                       "UPDATE " + std::string(kUserTable) +
                                           " SET password_expired = 'Y'" + AccountWhere(),
                                       {target.user, target.host}));
      continue;
    }
    PORPOISE_ASSIGN_OR_RETURN(AuthChange auth, MakeAuthChange(spec.auth, default_plugin_));
    PORPOISE_RETURN_IF_ERROR(InsertUser(target, auth, statement.account_locked.value_or(false)));
    if (statement.require) PORPOISE_RETURN_IF_ERROR(SetRequire(target, *statement.require));
    PORPOISE_RETURN_IF_ERROR(SetLimits(target, statement.limits));
    // The default roles are granted to the new account and made its default.
    for (const Target& role : default_roles) {
      PORPOISE_RETURN_IF_ERROR(DeleteRoleEdge(role, target));
      PORPOISE_RETURN_IF_ERROR(InsertRoleEdge(role, target, false));
      PORPOISE_RETURN_IF_ERROR(InsertDefaultRole(target, role));
    }
  }
  if (!failed.empty()) {
    return Status::Error(ER_CANNOT_USER, statement.role ? "CREATE ROLE" : "CREATE USER",
                         Join(failed, ","));
  }
  return Commit(transaction);
}

Status AccountManager::AlterUser(const sql::AlterUserStatement& statement,
                                 const AccessChecker& checker) {
  warnings_.clear();
  const bool privileged = CanManageUsers(checker, Privilege::kUpdate);
  const Target self{checker.principal().account_user, ToLowerAscii(checker.principal().account_host)};
  PORPOISE_ASSIGN_OR_RETURN(storage::Transaction transaction,
                            storage::Transaction::Begin(db_, /*write=*/true));
  std::vector<std::string> failed;
  for (const sql::UserSpec& spec : statement.users) {
    PORPOISE_ASSIGN_OR_RETURN(Target target, Resolve(spec.user, checker));
    // Without privileges an account may only change its own password.
    const bool own_password = target == self && spec.auth && spec.auth->plugin.empty() &&
                              spec.auth->password && !statement.account_locked &&
                              !statement.require && statement.limits == sql::AccountLimits{};
    if (!privileged && !own_password) return CreateUserDenied();
    PORPOISE_ASSIGN_OR_RETURN(bool exists, Exists(target));
    if (!exists) {
      if (statement.if_exists) {
        Warn(Status::Error(ER_USER_DOES_NOT_EXIST, Quoted(target.user, target.host)));
      } else {
        failed.push_back(Quoted(target.user, target.host));
      }
      continue;
    }
    if (spec.auth) {
      PORPOISE_ASSIGN_OR_RETURN(std::string plugin, CurrentPlugin(target));
      PORPOISE_ASSIGN_OR_RETURN(AuthChange auth, MakeAuthChange(spec.auth, plugin));
      PORPOISE_RETURN_IF_ERROR(UpdateAuth(target, auth));
    }
    if (statement.account_locked) {
      PORPOISE_RETURN_IF_ERROR(RunWith(
          db_, "UPDATE " + std::string(kUserTable) + " SET account_locked = ?" + AccountWhere(),
          {*statement.account_locked ? "Y" : "N", target.user, target.host}));
      // ACCOUNT UNLOCK also lifts a FAILED_LOGIN_ATTEMPTS block, as in MySQL.
      if (!*statement.account_locked) store_.password_locks().Forget(target.user, target.host);
    }
    if (statement.require) PORPOISE_RETURN_IF_ERROR(SetRequire(target, *statement.require));
    PORPOISE_RETURN_IF_ERROR(SetLimits(target, statement.limits));
  }
  if (!failed.empty()) return Status::Error(ER_CANNOT_USER, "ALTER USER", Join(failed, ","));
  return Commit(transaction);
}

Status AccountManager::DropUser(const sql::DropUserStatement& statement,
                                const AccessChecker& checker) {
  warnings_.clear();
  // DROP ROLE alone drops roles only: accounts that are locked, as roles are made.
  const bool roles_only = !CanManageUsers(checker, Privilege::kDelete);
  const Status denied =
      statement.role ? Status::Error(ER_SPECIFIC_ACCESS_DENIED_ERROR, "CREATE USER or DROP ROLE")
                     : CreateUserDenied();
  if (roles_only && !(statement.role && checker.HasGlobal(Privilege::kDropRole))) return denied;
  PORPOISE_ASSIGN_OR_RETURN(storage::Transaction transaction,
                            storage::Transaction::Begin(db_, /*write=*/true));
  std::shared_ptr<const auth::AccountSnapshot> snapshot = store_.Current();
  std::vector<std::string> failed;
  for (const sql::UserName& name : statement.users) {
    PORPOISE_ASSIGN_OR_RETURN(Target target, Resolve(name, checker));
    PORPOISE_ASSIGN_OR_RETURN(bool exists, Exists(target));
    if (!exists) {
      if (statement.if_exists) {
        Warn(Status::Error(ER_USER_DOES_NOT_EXIST, Quoted(target.user, target.host)));
      } else {
        failed.push_back(Quoted(target.user, target.host));
      }
      continue;
    }
    const auth::Account* account = snapshot->FindExact(target.user, target.host);
    if (roles_only && (account == nullptr || !account->locked)) return denied;
    PORPOISE_RETURN_IF_ERROR(RefuseMandatoryRole(checker, target.user, target.host));
    PORPOISE_RETURN_IF_ERROR(DeleteAccountRows(target));
  }
  if (!failed.empty()) {
    return Status::Error(ER_CANNOT_USER, statement.role ? "DROP ROLE" : "DROP USER",
                         Join(failed, ","));
  }
  return Commit(transaction);
}

Status AccountManager::RenameUser(const sql::RenameUserStatement& statement,
                                  const AccessChecker& checker) {
  warnings_.clear();
  if (!CanManageUsers(checker, Privilege::kUpdate)) return CreateUserDenied();
  PORPOISE_ASSIGN_OR_RETURN(storage::Transaction transaction,
                            storage::Transaction::Begin(db_, /*write=*/true));
  std::vector<std::string> failed;
  for (const auto& [from_name, to_name] : statement.renames) {
    PORPOISE_ASSIGN_OR_RETURN(Target from, Resolve(from_name, checker));
    PORPOISE_ASSIGN_OR_RETURN(Target to, Resolve(to_name, checker));
    PORPOISE_ASSIGN_OR_RETURN(bool from_exists, Exists(from));
    PORPOISE_ASSIGN_OR_RETURN(bool to_exists, Exists(to));
    if (!from_exists || to_exists) {
      failed.push_back(Quoted(from.user, from.host));
      continue;
    }
    PORPOISE_RETURN_IF_ERROR(RenameAccountRows(from, to));
  }
  if (!failed.empty()) return Status::Error(ER_CANNOT_USER, "RENAME USER", Join(failed, ","));
  return Commit(transaction);
}

Status AccountManager::SetPassword(const sql::SetPasswordStatement& statement,
                                   const AccessChecker& checker) {
  warnings_.clear();
  const Principal& principal = checker.principal();
  const Target self{principal.account_user, ToLowerAscii(principal.account_host)};
  Target target = self;
  if (statement.user && !statement.user->current_user) {
    PORPOISE_ASSIGN_OR_RETURN(target, Resolve(*statement.user, checker));
  }
  if (target == self && principal.account_user.empty()) {
    return Status::Error(ER_PASSWORD_ANONYMOUS_USER);
  }
  if (target != self && !CanManageUsers(checker, Privilege::kUpdate)) {
    return Status::Error(ER_DBACCESS_DENIED_ERROR, principal.account_user, principal.account_host,
                         "mysql");
  }
  PORPOISE_ASSIGN_OR_RETURN(storage::Transaction transaction,
                            storage::Transaction::Begin(db_, /*write=*/true));
  PORPOISE_ASSIGN_OR_RETURN(std::string plugin, CurrentPlugin(target));
  sql::AuthOption option;
  option.password = statement.password;
  PORPOISE_ASSIGN_OR_RETURN(AuthChange auth, MakeAuthChange(option, plugin));
  PORPOISE_RETURN_IF_ERROR(UpdateAuth(target, auth));
  return Commit(transaction);
}

// ---- GRANT / REVOKE ---------------------------------------------------------------------------

namespace {

bool IsAll(std::string_view name) { return name == "ALL" || name == "ALL PRIVILEGES"; }

}  // namespace

Result<AccountManager::GrantTarget> AccountManager::ResolveLevel(
    const sql::GrantLevel& level, const std::vector<sql::GrantPrivilege>& privileges,
    std::string_view current_database) const {
  using Level = GrantTarget::Level;
  GrantTarget target;
  if (level.database == "*") {
    target.level = Level::kGlobal;
  } else if (level.database.empty() && level.table == "*") {
    // ON *: the current database's level, or global when none is selected (MySQL's rule).
    target.level = current_database.empty() ? Level::kGlobal : Level::kDatabase;
    target.database = std::string(current_database);
  } else {
    if (level.database.empty() && current_database.empty()) return Status::Error(ER_NO_DB_ERROR);
    target.database = level.database.empty() ? std::string(current_database) : level.database;
    target.level = level.table == "*" ? Level::kDatabase : Level::kTable;
    target.table = level.table == "*" ? "" : level.table;
  }
  if (!level.routine_type.empty()) {
    if (target.level != Level::kTable) return Status::Error(ER_ILLEGAL_GRANT_FOR_TABLE);
    target.level = Level::kRoutine;
    target.procedure = level.routine_type == "PROCEDURE";
  }
  const PrivilegeSet routine_all = Bit(Privilege::kExecute) | Bit(Privilege::kAlterRoutine);
  const PrivilegeSet all = target.level == Level::kGlobal     ? auth::AllGlobalPrivileges()
                           : target.level == Level::kDatabase ? auth::AllDatabasePrivileges()
                           : target.level == Level::kRoutine  ? routine_all
                                                              : auth::AllTablePrivileges();
  for (const sql::GrantPrivilege& privilege : privileges) {
    if (!privilege.columns.empty()) {
      std::optional<Privilege> known = auth::PrivilegeFromName(privilege.name);
      if (!known) return Status::Error(ER_SYNTAX_ERROR);
      if (target.level != Level::kTable) return Status::Error(ER_ILLEGAL_GRANT_FOR_TABLE);
      for (const std::string& column : privilege.columns) {
        std::string key = ToLowerAscii(column);
        auto found = target.columns.find(key);
        if (found == target.columns.end()) {
          target.columns.emplace(key, Bit(*known));
        } else {
          found->second |= Bit(*known);
        }
      }
      continue;
    }
    if (IsAll(privilege.name)) {
      target.privileges |= all;
      // ALL at the global level is every dynamic privilege as well, as in MySQL 8.
      if (target.level == Level::kGlobal) {
        for (std::string_view name : auth::DynamicPrivileges()) target.dynamic.insert(name);
      }
    } else if (privilege.name != "USAGE") {
      std::optional<Privilege> known = auth::PrivilegeFromName(privilege.name);
      if (!known) {
        std::optional<std::string_view> dynamic = auth::DynamicPrivilegeName(privilege.name);
        if (!dynamic) return Status::Error(ER_SYNTAX_ERROR);
        if (target.level != Level::kGlobal) {
          return Status::Error(ER_ILLEGAL_PRIVILEGE_LEVEL, *dynamic);
        }
        target.dynamic.insert(*dynamic);
        continue;
      }
      target.privileges |= Bit(*known);
    }
  }
  const PrivilegeSet allowed = all | Bit(Privilege::kGrantOption);
  if ((target.privileges & ~allowed) != 0 ||
      (target.level == Level::kRoutine && (!target.columns.empty() || !target.dynamic.empty()))) {
    if (target.level == Level::kTable || target.level == Level::kRoutine) {
      return Status::Error(ER_ILLEGAL_GRANT_FOR_TABLE);
    }
    return Status::WithMessage(ER_WRONG_USAGE, "Incorrect usage of DB GRANT and GLOBAL PRIVILEGES");
  }
  return target;
}

Status AccountManager::CheckGrantor(const GrantTarget& grant, PrivilegeSet privileges,
                                    const AccessChecker& checker) const {
  const Principal& principal = checker.principal();
  const PrivilegeSet needed = privileges | Bit(Privilege::kGrantOption);
  // What the issuer holds at the grant's level, itself or through its active roles (GRANT
  // OPTION from one, the privileges from another, as MySQL adds them up).
  PrivilegeSet held = 0;
  for (const auth::Account* grantee : checker.grantees()) {
    switch (grant.level) {
      case GrantTarget::Level::kGlobal:
        held |= grantee->global_privileges;
        break;
      case GrantTarget::Level::kDatabase:
        held |= checker.snapshot().DatabasePrivileges(*grantee, grant.database);
        break;
      case GrantTarget::Level::kTable:
        held |= checker.snapshot().TablePrivileges(*grantee, grant.database, grant.table);
        break;
      case GrantTarget::Level::kRoutine:
        held |= checker.snapshot().RoutinePrivileges(*grantee, grant.database, grant.table,
                                                     grant.procedure);
        break;
    }
  }
  PrivilegeSet missing = needed & ~held;
  // A dynamic privilege is passed on only by one holding it WITH GRANT OPTION.
  for (std::string_view name : grant.dynamic) {
    bool grantable = false;
    for (const auth::Account* grantee : checker.grantees()) {
      grantable = grantable || grantee->grantable_dynamic_privileges.count(name) != 0;
    }
    if (!grantable) missing |= Bit(Privilege::kGrantOption);
  }
  if (missing == 0) return Status::OK();
  switch (grant.level) {
    case GrantTarget::Level::kGlobal:
      // MySQL answers a global GRANT beyond one's own privileges with 1045.
      return Status::Error(ER_ACCESS_DENIED_ERROR, principal.account_user, principal.account_host,
                           "YES");
    case GrantTarget::Level::kDatabase:
      return Status::Error(ER_DBACCESS_DENIED_ERROR, principal.account_user, principal.account_host,
                           grant.database);
    case GrantTarget::Level::kTable:
      break;
    case GrantTarget::Level::kRoutine:
      return Status::Error(ER_PROCACCESS_DENIED_ERROR, "grant", principal.account_user,
                           principal.account_host, grant.database + "." + grant.table);
  }
  std::string command = "GRANT";
  for (unsigned index = 0; index < static_cast<unsigned>(Privilege::kCount); ++index) {
    auto privilege = static_cast<Privilege>(index);
    if ((missing & Bit(privilege)) != 0 && privilege != Privilege::kGrantOption) {
      command = std::string(auth::PrivilegeName(privilege));
      break;
    }
  }
  return Status::Error(ER_TABLEACCESS_DENIED_ERROR, command, principal.account_user,
                       principal.client_host, grant.table);
}

namespace {

// Reads the privileges of one mysql.db / mysql.tables_priv row; nullopt when there is none.
Result<std::optional<PrivilegeSet>> ReadGrantRow(storage::Database& db, bool table_level,
                                                 const std::vector<std::string>& key) {
  std::string sql;
  if (table_level) {
    sql = "SELECT Table_priv FROM " + std::string(kTablesPrivTable) + AccountWhere() +
          " AND Db = ? AND Table_name = ?";
  } else {
    sql = "SELECT 1";
    for (Privilege privilege : kDbColumns)
      sql += ", " + std::string(auth::PrivilegeColumn(privilege));
    sql += " FROM " + std::string(kDbTable) + AccountWhere() + " AND Db = ?";
  }
  PORPOISE_ASSIGN_OR_RETURN(storage::Statement statement, PrepareWith(db, sql, key));
  PORPOISE_ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) return std::optional<PrivilegeSet>();
  if (table_level) return std::optional<PrivilegeSet>(ParseTablePriv(statement.ColumnText(0)));
  PrivilegeSet set = 0;
  for (size_t index = 0; index < std::size(kDbColumns); ++index) {
    if (IsYes(statement.ColumnText(static_cast<int>(index + 1)))) set |= Bit(kDbColumns[index]);
  }
  return std::optional<PrivilegeSet>(set);
}

// Replaces (or deletes, when `set` is empty) one mysql.db / mysql.tables_priv row.
Status WriteGrantRow(storage::Database& db, bool table_level, const std::vector<std::string>& key,
                     PrivilegeSet set, const std::string& grantor) {
  std::string where = AccountWhere() + " AND Db = ?" + (table_level ? " AND Table_name = ?" : "");
  std::string table(table_level ? kTablesPrivTable : kDbTable);
  PORPOISE_RETURN_IF_ERROR(RunWith(db, "DELETE FROM " + table + where, key));
  if (set == 0) return Status::OK();
  // key = {user, host, db[, table]}
  if (table_level) {
    return RunWith(db,
                   "INSERT INTO " + table +
                       " (Host, Db, User, Table_name, Grantor, Timestamp, Table_priv, "
                       "Column_priv) VALUES (?, ?, ?, ?, ?, ?, ?, '')",
                   {key[1], key[2], key[0], key[3], grantor, NowText(), TablePrivText(set)});
  }
  std::string columns = "Host, Db, User";
  std::string values = "?, ?, ?";
  for (Privilege privilege : kDbColumns) {
    columns += ", " + std::string(auth::PrivilegeColumn(privilege));
    values += (set & Bit(privilege)) != 0 ? ", 'Y'" : ", 'N'";
  }
  return RunWith(db, "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")",
                 {key[1], key[2], key[0]});
}

Status WriteGlobalPrivileges(storage::Database& db, const std::vector<std::string>& key,
                             PrivilegeSet set, std::string_view value) {
  std::string assignments;
  for (Privilege privilege : UserColumns()) {
    if ((set & Bit(privilege)) == 0) continue;
    if (!assignments.empty()) assignments += ", ";
    assignments +=
        std::string(auth::PrivilegeColumn(privilege)) + " = '" + std::string(value) + "'";
  }
  if (assignments.empty()) return Status::OK();
  return RunWith(db, "UPDATE " + std::string(kUserTable) + " SET " + assignments + AccountWhere(),
                 key);
}

}  // namespace

Status AccountManager::AddPrivileges(const Target& target, const GrantTarget& grant,
                                     PrivilegeSet set) {
  std::vector<std::string> key{target.user, target.host};
  if (grant.level == GrantTarget::Level::kGlobal) {
    bool grantable = (set & Bit(Privilege::kGrantOption)) != 0;
    for (std::string_view name : grant.dynamic) {
      // The row is replaced; WITH GRANT OPTION once given stays until revoked.
      std::vector<std::string> row = key;
      row.emplace_back(name);
      PORPOISE_ASSIGN_OR_RETURN(
          storage::Statement existing,
          PrepareWith(db_, "SELECT WITH_GRANT_OPTION FROM " + std::string(kGlobalGrantsTable) +
                               AccountWhere() + " AND PRIV = ?", row));
      PORPOISE_ASSIGN_OR_RETURN(bool found, existing.Step());
      bool keep = grantable || (found && IsYes(existing.ColumnText(0)));
      PORPOISE_RETURN_IF_ERROR(RunWith(
          db_, "DELETE FROM " + std::string(kGlobalGrantsTable) + AccountWhere() + " AND PRIV = ?",
          row));
      PORPOISE_RETURN_IF_ERROR(RunWith(db_,
                                       "INSERT INTO " + std::string(kGlobalGrantsTable) +
                                           " (USER, HOST, PRIV, WITH_GRANT_OPTION) VALUES "
                                           "(?, ?, ?, ?)",
                                       {target.user, target.host, std::string(name),
                                        keep ? "Y" : "N"}));
    }
    return WriteGlobalPrivileges(db_, key, set, "Y");
  }
  if (grant.level == GrantTarget::Level::kRoutine) {
    PORPOISE_ASSIGN_OR_RETURN(std::optional<PrivilegeSet> existing, ReadRoutineGrant(target, grant));
    return WriteRoutineGrant(target, grant, existing.value_or(0) | set);
  }
  const bool table_level = grant.level == GrantTarget::Level::kTable;
  key.push_back(grant.database);
  if (table_level) key.push_back(grant.table);
  PORPOISE_ASSIGN_OR_RETURN(std::optional<PrivilegeSet> existing,
                            ReadGrantRow(db_, table_level, key));
  const PrivilegeSet combined = existing.value_or(0) | set;
  if (table_level) {
    PORPOISE_RETURN_IF_ERROR(WriteColumnGrants(key, grant, /*revoke=*/false, false, target));
    return WriteTableRow(key, combined);
  }
  if (existing && combined == *existing) return Status::OK();
  return WriteGrantRow(db_, table_level, key, combined, grantor_);
}

Status AccountManager::WriteColumnGrants(const std::vector<std::string>& key,
                                         const GrantTarget& grant, bool revoke, bool if_exists,
                                         const Target& target) {
  const std::string where =
      AccountWhere() + " AND Db = ? AND Table_name = ? AND lower(Column_name) = lower(?)";
  auto read = [&](const std::string& column) -> Result<std::optional<PrivilegeSet>> {
    std::vector<std::string> params = key;
    params.push_back(column);
    PORPOISE_ASSIGN_OR_RETURN(
        storage::Statement statement,
        PrepareWith(db_, "SELECT Column_priv FROM " + std::string(kColumnsPrivTable) + where,
                    params));
    PORPOISE_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) return std::optional<PrivilegeSet>();
    return std::optional<PrivilegeSet>(ParseTablePriv(statement.ColumnText(0)));
  };
  auto write = [&](const std::string& column, PrivilegeSet set) -> Status {
    std::vector<std::string> params = key;
    params.push_back(column);
    PORPOISE_RETURN_IF_ERROR(
        RunWith(db_, "DELETE FROM " + std::string(kColumnsPrivTable) + where, params));
    if (set == 0) return Status::OK();
    return RunWith(db_,
                   "INSERT INTO " + std::string(kColumnsPrivTable) +
                       " (Host, Db, User, Table_name, Column_name, Timestamp, Column_priv) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)",
                   {key[1], key[2], key[0], key[3], column, NowText(), TablePrivText(set)});
  };
  for (const auto& [column, privileges] : grant.columns) {
    PORPOISE_ASSIGN_OR_RETURN(std::optional<PrivilegeSet> existing, read(column));
    if (revoke && (!existing || (*existing & privileges) == 0)) {
      Status missing =
          Status::Error(ER_NONEXISTING_TABLE_GRANT, target.user, target.host, grant.table);
      if (!if_exists) return missing;
      Warn(std::move(missing));
      continue;
    }
    PrivilegeSet set = revoke ? existing.value_or(0) & ~privileges : existing.value_or(0) | privileges;
    PORPOISE_RETURN_IF_ERROR(write(column, set));
  }
  // A table-level REVOKE takes the same privileges off every column too, as in MySQL.
  const PrivilegeSet column_kinds = Bit(Privilege::kSelect) | Bit(Privilege::kInsert) |
                                    Bit(Privilege::kUpdate) | Bit(Privilege::kReferences);
  if (revoke && (grant.privileges & column_kinds) != 0) {
    std::vector<std::pair<std::string, PrivilegeSet>> rows;
    {
      PORPOISE_ASSIGN_OR_RETURN(
          storage::Statement statement,
          PrepareWith(db_,
                      "SELECT Column_name, Column_priv FROM " + std::string(kColumnsPrivTable) +
                          AccountWhere() + " AND Db = ? AND Table_name = ?",
                      key));
      for (;;) {
        PORPOISE_ASSIGN_OR_RETURN(bool row, statement.Step());
        if (!row) break;
        rows.emplace_back(std::string(statement.ColumnText(0)),
                          ParseTablePriv(statement.ColumnText(1)));
      }
    }
    for (const auto& [column, set] : rows) {
      if ((set & grant.privileges) != 0) {
        PORPOISE_RETURN_IF_ERROR(write(column, set & ~grant.privileges));
      }
    }
  }
  return Status::OK();
}

namespace {

constexpr std::string_view kRoutineGrantWhere =
    " WHERE User = ? AND lower(Host) = ? AND Db = ? AND lower(Routine_name) = lower(?) AND "
    "Routine_type = ?";

}  // namespace

Result<std::optional<PrivilegeSet>> AccountManager::ReadRoutineGrant(const Target& target,
                                                                     const GrantTarget& grant) {
  PORPOISE_ASSIGN_OR_RETURN(
      storage::Statement statement,
      PrepareWith(db_,
                  "SELECT Proc_priv FROM " + std::string(kProcsPrivTable) +
                      std::string(kRoutineGrantWhere),
                  {target.user, target.host, grant.database, grant.table,
                   grant.procedure ? "PROCEDURE" : "FUNCTION"}));
  PORPOISE_ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) return std::optional<PrivilegeSet>();
  return std::optional<PrivilegeSet>(ParseProcPriv(statement.ColumnText(0)));
}

Status AccountManager::WriteRoutineGrant(const Target& target, const GrantTarget& grant,
                                         PrivilegeSet set) {
  const std::string type = grant.procedure ? "PROCEDURE" : "FUNCTION";
  PORPOISE_RETURN_IF_ERROR(RunWith(
      db_, "DELETE FROM " + std::string(kProcsPrivTable) + std::string(kRoutineGrantWhere),
      {target.user, target.host, grant.database, grant.table, type}));
  if (set == 0) return Status::OK();
  return RunWith(db_,
                 "INSERT INTO " + std::string(kProcsPrivTable) +
                     " (Host, Db, User, Routine_name, Routine_type, Grantor, Proc_priv, "
                     "Timestamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 {target.host, grant.database, target.user, grant.table, type, grantor_,
                  ProcPrivText(set), NowText()});
}

Status AccountManager::GrantRoutineToCreator(storage::Database& db, const std::string& user,
                                             const std::string& host, std::string_view database,
                                             std::string_view routine, bool procedure) {
  PORPOISE_RETURN_IF_ERROR(DeleteRoutineGrants(db, database, routine, procedure));
  return RunWith(db,
                 "INSERT INTO " + std::string(kProcsPrivTable) +
                     " (Host, Db, User, Routine_name, Routine_type, Grantor, Proc_priv, "
                     "Timestamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 {ToLowerAscii(host), std::string(database), user, std::string(routine),
                  procedure ? "PROCEDURE" : "FUNCTION", user + "@" + host, ProcPrivText(
                      Bit(Privilege::kExecute) | Bit(Privilege::kAlterRoutine)),
                  NowText()});
}

Status AccountManager::DeleteRoutineGrants(storage::Database& db, std::string_view database,
                                           std::string_view routine, bool procedure) {
  return RunWith(db,
                 "DELETE FROM " + std::string(kProcsPrivTable) +
                     " WHERE Db = ? AND lower(Routine_name) = lower(?) AND Routine_type = ?",
                 {std::string(database), std::string(routine),
                  procedure ? "PROCEDURE" : "FUNCTION"});
}

Status AccountManager::WriteTableRow(const std::vector<std::string>& key, PrivilegeSet set) {
  PrivilegeSet columns = 0;
  {
    PORPOISE_ASSIGN_OR_RETURN(
        storage::Statement statement,
        PrepareWith(db_,
                    "SELECT Column_priv FROM " + std::string(kColumnsPrivTable) + AccountWhere() +
                        " AND Db = ? AND Table_name = ?",
                    key));
    for (;;) {
      PORPOISE_ASSIGN_OR_RETURN(bool row, statement.Step());
      if (!row) break;
      columns |= ParseTablePriv(statement.ColumnText(0));
    }
  }
  const std::string where = AccountWhere() + " AND Db = ? AND Table_name = ?";
  PORPOISE_RETURN_IF_ERROR(
      RunWith(db_, "DELETE FROM " + std::string(kTablesPrivTable) + where, key));
  if ((set | columns) == 0) return Status::OK();
  return RunWith(db_,
                 "INSERT INTO " + std::string(kTablesPrivTable) +
                     " (Host, Db, User, Table_name, Grantor, Timestamp, Table_priv, "
                     "Column_priv) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 {key[1], key[2], key[0], key[3], grantor_, NowText(), TablePrivText(set),
                  TablePrivText(columns)});
}

Status AccountManager::RemovePrivileges(const Target& target, const GrantTarget& grant,
                                        PrivilegeSet set, bool if_exists) {
  std::vector<std::string> key{target.user, target.host};
  if (grant.level == GrantTarget::Level::kGlobal) {
    for (std::string_view name : grant.dynamic) {
      std::vector<std::string> row = key;
      row.emplace_back(name);
      PORPOISE_RETURN_IF_ERROR(RunWith(
          db_, "DELETE FROM " + std::string(kGlobalGrantsTable) + AccountWhere() + " AND PRIV = ?",
          row));
    }
    // REVOKE GRANT OPTION ON *.* takes it off the dynamic privileges too.
    if ((set & Bit(Privilege::kGrantOption)) != 0) {
      PORPOISE_RETURN_IF_ERROR(RunWith(db_,
                                       "UPDATE " + std::string(kGlobalGrantsTable) +
                                           " SET WITH_GRANT_OPTION = 'N'" + AccountWhere(),
                                       key));
    }
    return WriteGlobalPrivileges(db_, key, set, "N");
  }
  if (grant.level == GrantTarget::Level::kRoutine) {
    PORPOISE_ASSIGN_OR_RETURN(std::optional<PrivilegeSet> existing, ReadRoutineGrant(target, grant));
    if (!existing) {
      Status missing = Status::Error(ER_NONEXISTING_PROC_GRANT, target.user, target.host,
                                     grant.table);
      if (!if_exists) return missing;
      Warn(std::move(missing));
      return Status::OK();
    }
    return WriteRoutineGrant(target, grant, *existing & ~set);
  }
  const bool table_level = grant.level == GrantTarget::Level::kTable;
  key.push_back(grant.database);
  if (table_level) key.push_back(grant.table);
  PORPOISE_ASSIGN_OR_RETURN(std::optional<PrivilegeSet> existing,
                            ReadGrantRow(db_, table_level, key));
  if (!existing) {
    Status missing = table_level ? Status::Error(ER_NONEXISTING_TABLE_GRANT, target.user,
                                                 target.host, grant.table)
                                 : Status::Error(ER_NONEXISTING_GRANT, target.user, target.host);
    if (!if_exists) return missing;
    Warn(std::move(missing));
    return Status::OK();
  }
  if (table_level) {
    PORPOISE_RETURN_IF_ERROR(WriteColumnGrants(key, grant, /*revoke=*/true, if_exists, target));
    return WriteTableRow(key, *existing & ~set);
  }
  return WriteGrantRow(db_, table_level, key, *existing & ~set, grantor_);
}

Status AccountManager::RemoveEverything(const Target& target) {
  std::vector<std::string> key{target.user, target.host};
  PORPOISE_RETURN_IF_ERROR(WriteGlobalPrivileges(
      db_, key, auth::AllGlobalPrivileges() | Bit(Privilege::kGrantOption), "N"));
  for (std::string_view table :
       {kDbTable, kTablesPrivTable, kColumnsPrivTable, kGlobalGrantsTable, kProcsPrivTable}) {
    PORPOISE_RETURN_IF_ERROR(
        RunWith(db_, "DELETE FROM " + std::string(table) + AccountWhere(), key));
  }
  return Status::OK();
}

Status AccountManager::Grant(const sql::GrantStatement& statement, const AccessChecker& checker,
                             std::string_view current_database,
                             const catalog::CatalogSnapshot& catalog) {
  warnings_.clear();
  if (!statement.roles.empty()) return GrantRoles(statement, checker);
  PORPOISE_ASSIGN_OR_RETURN(GrantTarget grant,
                            ResolveLevel(statement.level, statement.privileges, current_database));
  PrivilegeSet set = grant.privileges;
  if (statement.with_grant_option) set |= Bit(Privilege::kGrantOption);
  PORPOISE_RETURN_IF_ERROR(CheckGrantor(grant, set | grant.ColumnUnion(), checker));
  if (grant.level == GrantTarget::Level::kRoutine) {
    std::shared_ptr<const catalog::RoutineSchema> routine = catalog.FindRoutine(
        grant.database,
        grant.procedure ? catalog::RoutineKind::kProcedure : catalog::RoutineKind::kFunction,
        grant.table);
    if (!routine) {
      return Status::Error(ER_SP_DOES_NOT_EXIST, grant.procedure ? "PROCEDURE" : "FUNCTION",
                           grant.database + "." + grant.table);
    }
    grant.table = routine->name;
  }
  if (grant.level == GrantTarget::Level::kTable) {
    // MySQL grants on a table that does not exist yet only with CREATE among the privileges.
    std::shared_ptr<const catalog::TableSchema> table =
        catalog.FindTable(grant.database, grant.table);
    if (!table && (!grant.columns.empty() || (set & Bit(Privilege::kCreate)) == 0)) {
      return Status::Error(ER_NO_SUCH_TABLE, grant.database, grant.table);
    }
    std::map<std::string, PrivilegeSet> columns;
    for (const auto& [column, privileges] : grant.columns) {
      // A view's columns are its query's result columns (names compared as MySQL does).
      std::string name;
      if (table->view) {
        for (const std::string& view_column : table->view->column_names) {
          if (EqualsIgnoreCase(view_column, column)) name = view_column;
        }
      } else if (int index = table->FindColumn(column); index >= 0) {
        name = table->columns[static_cast<size_t>(index)].name;
      }
      if (name.empty()) return Status::Error(ER_BAD_FIELD_ERROR, column, grant.table);
      columns[name] |= privileges;
    }
    grant.columns = std::move(columns);
  }
  grantor_ = checker.principal().account_user + "@" + checker.principal().account_host;
  PORPOISE_ASSIGN_OR_RETURN(storage::Transaction transaction,
                            storage::Transaction::Begin(db_, /*write=*/true));
  for (const sql::UserSpec& spec : statement.users) {
    // MySQL 8 neither creates accounts nor sets passwords in GRANT.
    if (spec.auth) return Status::Error(ER_SYNTAX_ERROR);
    PORPOISE_ASSIGN_OR_RETURN(Target target, Resolve(spec.user, checker));
    PORPOISE_ASSIGN_OR_RETURN(bool exists, Exists(target));
    if (!exists) return Status::Error(ER_CANT_CREATE_USER_WITH_GRANT);
    PORPOISE_RETURN_IF_ERROR(AddPrivileges(target, grant, set));
  }
  return Commit(transaction);
}

Status AccountManager::Revoke(const sql::RevokeStatement& statement, const AccessChecker& checker,
                              std::string_view current_database) {
  warnings_.clear();
  if (!statement.roles.empty()) return RevokeRoles(statement, checker);
  std::optional<GrantTarget> grant;
  if (statement.all_and_grant_option) {
    if (!CanManageUsers(checker, Privilege::kUpdate)) return CreateUserDenied();
  } else {
    PORPOISE_ASSIGN_OR_RETURN(
        grant, ResolveLevel(statement.level, statement.privileges, current_database));
    PORPOISE_RETURN_IF_ERROR(
        CheckGrantor(*grant, grant->privileges | grant->ColumnUnion(), checker));
  }
  grantor_ = checker.principal().account_user + "@" + checker.principal().account_host;
  PORPOISE_ASSIGN_OR_RETURN(storage::Transaction transaction,
                            storage::Transaction::Begin(db_, /*write=*/true));
  for (const sql::UserName& name : statement.users) {
    PORPOISE_ASSIGN_OR_RETURN(Target target, Resolve(name, checker));
    PORPOISE_ASSIGN_OR_RETURN(bool exists, Exists(target));
    if (!exists) {
      Status missing = Status::Error(ER_NONEXISTING_GRANT, target.user, target.host);
      if (!statement.if_exists) return missing;
      Warn(std::move(missing));
      continue;
    }
    if (grant) {
      PORPOISE_RETURN_IF_ERROR(
          RemovePrivileges(target, *grant, grant->privileges, statement.if_exists));
    } else {
      PORPOISE_RETURN_IF_ERROR(RemoveEverything(target));
    }
  }
  return Commit(transaction);
}

// ---- Roles ------------------------------------------------------------------------------------

Result<AccountManager::Target> AccountManager::ResolveExisting(const sql::UserName& name,
                                                               const AccessChecker& checker) {
  PORPOISE_ASSIGN_OR_RETURN(Target target, Resolve(name, checker));
  PORPOISE_ASSIGN_OR_RETURN(bool exists, Exists(target));
  if (!exists) return Status::Error(ER_UNKNOWN_AUTHID, target.user, target.host);
  return target;
}

namespace {

// ROLE_ADMIN (or SUPER) grants and revokes any role; otherwise each role must have been
// granted WITH ADMIN OPTION to the issuer or to one of its active roles.
Status CheckRoleAdmin(const AccessChecker& checker, const std::vector<sql::UserName>& roles) {
  if (checker.HasSuperOr("ROLE_ADMIN")) return Status::OK();
  for (const sql::UserName& name : roles) {
    const auth::Account* role = checker.snapshot().FindExact(name.user, name.host);
    bool admin = false;
    for (const auth::Account* grantee : checker.grantees()) {
      const auth::RoleEdge* edge =
          role == nullptr ? nullptr : checker.snapshot().FindRoleEdge(*role, *grantee);
      admin = admin || (edge != nullptr && edge->admin);
    }
    if (!admin) {
      return Status::Error(ER_SPECIFIC_ACCESS_DENIED_ERROR, "WITH ADMIN, ROLE_ADMIN, SUPER");
    }
  }
  return Status::OK();
}

}  // namespace

Result<std::vector<AccountManager::Target>> AccountManager::ResolveRoles(
    const std::vector<sql::UserName>& names, const AccessChecker& checker) {
  PORPOISE_RETURN_IF_ERROR(CheckRoleAdmin(checker, names));
  std::vector<Target> roles;
  for (const sql::UserName& name : names) {
    PORPOISE_ASSIGN_OR_RETURN(Target role, ResolveExisting(name, checker));
    roles.push_back(std::move(role));
  }
  return roles;
}

Result<std::optional<bool>> AccountManager::ReadRoleEdge(const Target& role, const Target& user) {
  PORPOISE_ASSIGN_OR_RETURN(
      storage::Statement existing,
      PrepareWith(db_,
                  "SELECT WITH_ADMIN_OPTION FROM " + std::string(kRoleEdgesTable) +
                      std::string(kEdgeWhere),
                  {role.user, role.host, user.user, user.host}));
  PORPOISE_ASSIGN_OR_RETURN(bool found, existing.Step());
  if (!found) return std::optional<bool>();
  return std::optional<bool>(IsYes(existing.ColumnText(0)));
}

Result<bool> AccountManager::ReachesRole(const Target& from, const Target& role) {
  const std::string edges(kRoleEdgesTable);
  PORPOISE_ASSIGN_OR_RETURN(
      storage::Statement reach,
      PrepareWith(db_,
                  "WITH RECURSIVE reach(u, h) AS (SELECT ?, ? UNION SELECT e.TO_USER, "
                  "e.TO_HOST FROM " + edges + " AS e JOIN reach ON e.FROM_USER = reach.u AND "
                  "e.FROM_HOST = reach.h) SELECT 1 FROM reach WHERE u = ? AND h = ? LIMIT 1",
                  {from.user, from.host, role.user, role.host}));
  return reach.Step();
}

Status AccountManager::InsertRoleEdge(const Target& role, const Target& user, bool admin) {
  return RunWith(db_,
                 "INSERT INTO " + std::string(kRoleEdgesTable) +
                     " (FROM_HOST, FROM_USER, TO_HOST, TO_USER, WITH_ADMIN_OPTION) "
                     "VALUES (?, ?, ?, ?, ?)",
                 {role.host, role.user, user.host, user.user, admin ? "Y" : "N"});
}

Status AccountManager::InsertDefaultRole(const Target& user, const Target& role) {
  return RunWith(db_,
                 "INSERT OR IGNORE INTO " + std::string(kDefaultRolesTable) +
                     " (HOST, USER, DEFAULT_ROLE_HOST, DEFAULT_ROLE_USER) VALUES (?, ?, ?, ?)",
                 {user.host, user.user, role.host, role.user});
}

Status AccountManager::DeleteRoleEdge(const Target& role, const Target& user) {
  return RunWith(db_, "DELETE FROM " + std::string(kRoleEdgesTable) + std::string(kEdgeWhere),
                 {role.user, role.host, user.user, user.host});
}

Status AccountManager::GrantRoles(const sql::GrantStatement& statement,
                                  const AccessChecker& checker) {
  PORPOISE_ASSIGN_OR_RETURN(storage::Transaction transaction,
                            storage::Transaction::Begin(db_, /*write=*/true));
  PORPOISE_ASSIGN_OR_RETURN(std::vector<Target> roles, ResolveRoles(statement.roles, checker));
  for (const sql::UserSpec& spec : statement.users) {
    PORPOISE_ASSIGN_OR_RETURN(Target user, ResolveExisting(spec.user, checker));
    for (const Target& role : roles) {
      PORPOISE_ASSIGN_OR_RETURN(bool loop, ReachesRole(user, role));
      if (loop) {
        return Status::Error(ER_ROLE_GRANTED_TO_ITSELF, user.user, user.host, role.user,
                             role.host);
      }
      // WITH ADMIN OPTION once given stays until the role is revoked.
      PORPOISE_ASSIGN_OR_RETURN(std::optional<bool> existing, ReadRoleEdge(role, user));
      bool admin = statement.with_admin_option || existing.value_or(false);
      PORPOISE_RETURN_IF_ERROR(DeleteRoleEdge(role, user));
      PORPOISE_RETURN_IF_ERROR(InsertRoleEdge(role, user, admin));
    }
  }
  return Commit(transaction);
}

Status AccountManager::RevokeRoles(const sql::RevokeStatement& statement,
                                   const AccessChecker& checker) {
  PORPOISE_ASSIGN_OR_RETURN(storage::Transaction transaction,
                            storage::Transaction::Begin(db_, /*write=*/true));
  PORPOISE_ASSIGN_OR_RETURN(std::vector<Target> roles, ResolveRoles(statement.roles, checker));
  for (const Target& role : roles) {
    PORPOISE_RETURN_IF_ERROR(RefuseMandatoryRole(checker, role.user, role.host));
  }
  for (const sql::UserName& name : statement.users) {
    PORPOISE_ASSIGN_OR_RETURN(Target user, ResolveExisting(name, checker));
    for (const Target& role : roles) {
      PORPOISE_ASSIGN_OR_RETURN(std::optional<bool> existing, ReadRoleEdge(role, user));
      if (!existing) {
        Status missing =
            Status::Error(ER_ROLE_NOT_GRANTED, role.user, role.host, user.user, user.host);
        if (!statement.if_exists) return missing;
        Warn(std::move(missing));
        continue;
      }
      PORPOISE_RETURN_IF_ERROR(DeleteRoleEdge(role, user));
    }
  }
  return Commit(transaction);
}

Status AccountManager::SetDefaultRoles(const sql::SetRoleStatement& statement,
                                       const AccessChecker& checker) {
  warnings_.clear();
  PORPOISE_ASSIGN_OR_RETURN(storage::Transaction transaction,
                            storage::Transaction::Begin(db_, /*write=*/true));
  const Target self{checker.principal().account_user,
                    ToLowerAscii(checker.principal().account_host)};
  std::shared_ptr<const auth::AccountSnapshot> snapshot = store_.Current();
  for (const sql::UserName& name : statement.users) {
    // Anyone sets their own default roles; another account's need CREATE USER or UPDATE
    // on the mysql schema (checked before whether it exists shows).
    PORPOISE_ASSIGN_OR_RETURN(Target named, Resolve(name, checker));
    if (named != self && !CanManageUsers(checker, Privilege::kUpdate)) return CreateUserDenied();
    PORPOISE_ASSIGN_OR_RETURN(Target user, ResolveExisting(name, checker));
    const auth::Account* account = snapshot->FindExact(user.user, user.host);
    std::vector<const auth::Account*> granted =
        account != nullptr ? snapshot->GrantedRoles(*account) : std::vector<const auth::Account*>{};
    std::vector<const auth::Account*> chosen;
    using Mode = sql::SetRoleStatement::Mode;
    if (statement.mode == Mode::kAll) {
      chosen = granted;
    } else if (statement.mode == Mode::kNamed) {
      for (const sql::UserName& role_name : statement.roles) {
        const auth::Account* role = nullptr;
        for (const auth::Account* candidate : granted) {
          if (candidate->user == role_name.user &&
              ToLowerAscii(candidate->host) == ToLowerAscii(role_name.host)) {
            role = candidate;
          }
        }
        if (role == nullptr) {
          return Status::Error(ER_ROLE_NOT_GRANTED, role_name.user, role_name.host, user.user,
                               user.host);
        }
        chosen.push_back(role);
      }
    }
    PORPOISE_RETURN_IF_ERROR(RunWith(
        db_, "DELETE FROM " + std::string(kDefaultRolesTable) + AccountWhere(),
        {user.user, user.host}));
    for (const auth::Account* role : chosen) {
      PORPOISE_RETURN_IF_ERROR(InsertDefaultRole(user, Target{role->user, role->host}));
    }
  }
  return Commit(transaction);
}

// ---- SHOW GRANTS ------------------------------------------------------------------------------

namespace {

// `columns`: for a table grant, each column-level privilege's columns ("SELECT (`a`, `b`)").
std::string GrantLine(PrivilegeSet set, PrivilegeSet all, const std::string& on,
                      const std::string& to,
                      const std::map<Privilege, std::vector<std::string>>* columns = nullptr) {
  const PrivilegeSet plain = set & ~Bit(Privilege::kGrantOption);
  PrivilegeSet named = plain;
  if (columns != nullptr) {
    for (const auto& [privilege, names] : *columns) named |= Bit(privilege);
  }
  std::string what;
  if (named == 0) {
    what = "USAGE";
  } else if ((plain & all) == all) {
    what = "ALL PRIVILEGES";
  } else {
    for (std::string_view name : auth::PrivilegeNames(named)) {
      if (!what.empty()) what += ", ";
      what += name;
      std::optional<Privilege> privilege = auth::PrivilegeFromName(name);
      if (columns == nullptr || !privilege || (plain & Bit(*privilege)) != 0) continue;
      auto found = columns->find(*privilege);
      if (found == columns->end()) continue;
      what += " (";
      for (size_t index = 0; index < found->second.size(); ++index) {
        if (index > 0) what += ", ";
        what += Backticked(found->second[index]);
      }
      what += ")";
    }
  }
  std::string line = "GRANT " + what + " ON " + on + " TO " + to;
  if ((set & Bit(Privilege::kGrantOption)) != 0) line += " WITH GRANT OPTION";
  return line;
}

}  // namespace

namespace {

// Grants merged from several accounts (SHOW GRANTS ... USING), per object in the order the
// snapshot lists them.
template <typename Key>
class MergedGrants {
 public:
  PrivilegeSet& At(const Key& key) {
    auto [found, added] = index_.emplace(key, entries_.size());
    if (added) entries_.emplace_back(key, PrivilegeSet{0});
    return entries_[found->second].second;
  }
  const std::vector<std::pair<Key, PrivilegeSet>>& entries() const { return entries_; }

 private:
  std::map<Key, size_t> index_;
  std::vector<std::pair<Key, PrivilegeSet>> entries_;
};

bool SameGrantee(const std::string& user, const std::string& host, const auth::Account& account) {
  return user == account.user && ToLowerAscii(host) == ToLowerAscii(account.host);
}

}  // namespace

Result<std::vector<std::string>> AccountManager::ShowGrants(
    const std::optional<sql::UserName>& user, const std::vector<sql::UserName>& using_roles,
    const AccessChecker& checker) {
  warnings_.clear();
  const Principal& principal = checker.principal();
  const Target self{principal.account_user, ToLowerAscii(principal.account_host)};
  Target target = self;
  if (user && !user->current_user) {
    PORPOISE_ASSIGN_OR_RETURN(target, Resolve(*user, checker));
  }
  if (target != self && !checker.CheckDatabase(Privilege::kSelect, "mysql").ok()) {
    return Status::Error(ER_DBACCESS_DENIED_ERROR, principal.account_user, principal.account_host,
                         "mysql");
  }
  std::shared_ptr<const auth::AccountSnapshot> snapshot = store_.Current();
  const auth::Account* account = snapshot->FindExact(target.user, target.host);
  if (account == nullptr) return Status::Error(ER_NONEXISTING_GRANT, target.user, target.host);
  // Whose privileges are shown: the account, and with USING the named roles (each granted to
  // it: 3530 otherwise) with the roles granted to those.
  std::vector<const auth::Account*> sources{account};
  for (const sql::UserName& name : using_roles) {
    PORPOISE_ASSIGN_OR_RETURN(Target role_name, Resolve(name, checker));
    const auth::Account* role = snapshot->FindExact(role_name.user, role_name.host);
    if (role == nullptr || snapshot->FindRoleEdge(*role, *account) == nullptr) {
      return Status::Error(ER_ROLE_NOT_GRANTED, role_name.user, role_name.host, account->user,
                           account->host);
    }
    if (std::find(sources.begin(), sources.end(), role) == sources.end()) sources.push_back(role);
  }
  for (size_t next = 1; next < sources.size(); ++next) {
    for (const auth::RoleEdge& edge : snapshot->role_edges()) {
      if (!SameGrantee(edge.user, edge.host, *sources[next])) continue;
      const auth::Account* role = snapshot->FindExact(edge.role_user, edge.role_host);
      if (role != nullptr && std::find(sources.begin(), sources.end(), role) == sources.end()) {
        sources.push_back(role);
      }
    }
  }
  auto from_sources = [&](const std::string& grant_user, const std::string& grant_host) {
    return std::any_of(sources.begin(), sources.end(), [&](const auth::Account* source) {
      return SameGrantee(grant_user, grant_host, *source);
    });
  };

  const std::string to = Backticked(account->user) + "@" + Backticked(account->host);
  std::vector<std::string> lines;
  // MySQL 8 spells the global privileges out rather than write ALL PRIVILEGES, whose meaning
  // there depends on the dynamic privileges; those follow on lines of their own.
  PrivilegeSet global = 0;
  std::set<std::string> dynamic, grantable_dynamic;
  for (const auth::Account* source : sources) {
    global |= source->global_privileges;
    dynamic.insert(source->dynamic_privileges.begin(), source->dynamic_privileges.end());
    grantable_dynamic.insert(source->grantable_dynamic_privileges.begin(),
                             source->grantable_dynamic_privileges.end());
  }
  lines.push_back(GrantLine(global, ~PrivilegeSet{0}, "*.*", to));
  for (bool grantable : {false, true}) {
    std::string names;
    for (const std::string& name : dynamic) {
      if ((grantable_dynamic.count(name) != 0) != grantable) continue;
      if (!names.empty()) names += ",";
      names += name;
    }
    if (names.empty()) continue;
    lines.push_back("GRANT " + names + " ON *.* TO " + to +
                    (grantable ? " WITH GRANT OPTION" : ""));
  }
  MergedGrants<std::string> databases;
  for (const auth::DatabaseGrant& grant : snapshot->database_grants()) {
    if (from_sources(grant.user, grant.host)) databases.At(grant.database) |= grant.privileges;
  }
  for (const auto& [database, privileges] : databases.entries()) {
    lines.push_back(GrantLine(privileges, auth::AllDatabasePrivileges(),
                              Backticked(database) + ".*", to));
  }
  using TableKey = std::pair<std::string, std::string>;
  MergedGrants<TableKey> tables;
  std::map<TableKey, std::map<Privilege, std::vector<std::string>>> table_columns;
  for (const auth::TableGrant& grant : snapshot->table_grants()) {
    if (from_sources(grant.user, grant.host)) {
      tables.At({grant.database, grant.table}) |= grant.privileges;
    }
  }
  for (const auth::ColumnGrant& column : snapshot->column_grants()) {
    if (!from_sources(column.user, column.host)) continue;
    auto& columns = table_columns[{column.database, column.table}];
    for (Privilege privilege : {Privilege::kSelect, Privilege::kInsert, Privilege::kUpdate,
                                Privilege::kReferences}) {
      if ((column.privileges & Bit(privilege)) == 0) continue;
      std::vector<std::string>& names = columns[privilege];
      if (std::find(names.begin(), names.end(), column.column) == names.end()) {
        names.push_back(column.column);
      }
    }
  }
  for (const auto& [key, privileges] : tables.entries()) {
    lines.push_back(GrantLine(privileges, auth::AllTablePrivileges(),
                              Backticked(key.first) + "." + Backticked(key.second), to,
                              &table_columns[key]));
  }
  using RoutineKey = std::tuple<bool, std::string, std::string>;
  MergedGrants<RoutineKey> routines;
  for (const auth::RoutineGrant& grant : snapshot->routine_grants()) {
    if (from_sources(grant.user, grant.host)) {
      routines.At({grant.procedure, grant.database, grant.routine}) |= grant.privileges;
    }
  }
  for (const auto& [key, privileges] : routines.entries()) {
    const auto& [procedure, database, routine] = key;
    lines.push_back(GrantLine(privileges,
                              Bit(Privilege::kExecute) | Bit(Privilege::kAlterRoutine),
                              std::string(procedure ? "PROCEDURE " : "FUNCTION ") +
                                  Backticked(database) + "." + Backticked(routine),
                              to));
  }
  // The roles granted to the account itself: one line without ADMIN OPTION, one with.
  for (bool admin : {false, true}) {
    std::vector<std::string> roles;
    for (const auth::RoleEdge& edge : snapshot->role_edges()) {
      if (!SameGrantee(edge.user, edge.host, *account) || edge.admin != admin) continue;
      roles.push_back(Backticked(edge.role_user) + "@" + Backticked(edge.role_host));
    }
    if (roles.empty()) continue;
    std::sort(roles.begin(), roles.end());
    lines.push_back("GRANT " + Join(roles, ",") + " TO " + to +
                    (admin ? " WITH ADMIN OPTION" : ""));
  }
  return lines;
}

// ---- System schema ------------------------------------------------------------------------------

namespace {

std::string EnumColumn(std::string_view name, bool nullable = false) {
  return "  `" + std::string(name) + "` enum('N','Y') CHARACTER SET utf8mb3 COLLATE " +
         "utf8mb3_general_ci " + (nullable ? "DEFAULT NULL" : "NOT NULL DEFAULT 'N'") + ",\n";
}

constexpr std::string_view kHostColumn =
    "  `Host` char(255) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL DEFAULT '',\n";
constexpr std::string_view kUserColumn =
    "  `User` char(32) COLLATE utf8mb3_bin NOT NULL DEFAULT '',\n";
constexpr std::string_view kDbColumn = "  `Db` char(64) COLLATE utf8mb3_bin NOT NULL DEFAULT '',\n";
constexpr std::string_view kTableOptions =
    " ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_bin";

std::string UserTableSql() {
  std::string sql = "CREATE TABLE IF NOT EXISTS `mysql`.`user` (\n";
  sql += kHostColumn;
  sql += kUserColumn;
  for (Privilege privilege : UserLeadingColumns())
    sql += EnumColumn(auth::PrivilegeColumn(privilege));
  sql +=
      "  `ssl_type` enum('','ANY','X509','SPECIFIED') CHARACTER SET utf8mb3 COLLATE "
      "utf8mb3_general_ci NOT NULL DEFAULT '',\n"
      "  `ssl_cipher` blob NOT NULL,\n"
      "  `x509_issuer` blob NOT NULL,\n"
      "  `x509_subject` blob NOT NULL,\n"
      "  `max_questions` int unsigned NOT NULL DEFAULT '0',\n"
      "  `max_updates` int unsigned NOT NULL DEFAULT '0',\n"
      "  `max_connections` int unsigned NOT NULL DEFAULT '0',\n"
      "  `max_user_connections` int unsigned NOT NULL DEFAULT '0',\n"
      "  `plugin` char(64) COLLATE utf8mb3_bin NOT NULL DEFAULT 'caching_sha2_password',\n"
      "  `authentication_string` text COLLATE utf8mb3_bin,\n";
  sql += EnumColumn("password_expired");
  sql += "  `password_last_changed` timestamp NULL DEFAULT NULL,\n";
  sql += "  `password_lifetime` smallint unsigned DEFAULT NULL,\n";
  sql += EnumColumn("account_locked");
  sql += EnumColumn("Create_role_priv");
  sql += EnumColumn("Drop_role_priv");
  sql += "  `Password_reuse_history` smallint unsigned DEFAULT NULL,\n";
  sql += "  `Password_reuse_time` smallint unsigned DEFAULT NULL,\n";
  sql += EnumColumn("Password_require_current", /*nullable=*/true);
  sql += "  `User_attributes` json DEFAULT NULL,\n";
  sql += "  PRIMARY KEY (`Host`,`User`)\n)";
  sql += kTableOptions;
  return sql + ";\n";
}

std::string DbTableSql() {
  std::string sql = "CREATE TABLE IF NOT EXISTS `mysql`.`db` (\n";
  sql += kHostColumn;
  sql += kDbColumn;
  sql += kUserColumn;
  for (Privilege privilege : kDbColumns) sql += EnumColumn(auth::PrivilegeColumn(privilege));
  sql += "  PRIMARY KEY (`Host`,`Db`,`User`),\n  KEY `User` (`User`)\n)";
  sql += kTableOptions;
  return sql + ";\n";
}

std::string TablesPrivTableSql() {
  std::string members;
  for (Privilege privilege : kTableMembers) {
    if (!members.empty()) members += ",";
    members += SqlString(auth::TablePrivilegeMember(privilege));
  }
  std::string sql = "CREATE TABLE IF NOT EXISTS `mysql`.`tables_priv` (\n";
  sql += kHostColumn;
  sql += kDbColumn;
  sql += kUserColumn;
  sql +=
      "  `Table_name` char(64) COLLATE utf8mb3_bin NOT NULL DEFAULT '',\n"
      "  `Grantor` varchar(288) COLLATE utf8mb3_bin NOT NULL DEFAULT '',\n"
      "  `Timestamp` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n";
  sql += "  `Table_priv` set(" + members +
         ") CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci NOT NULL DEFAULT '',\n";
  sql +=
      "  `Column_priv` set('Select','Insert','Update','References') CHARACTER SET utf8mb3 "
      "COLLATE utf8mb3_general_ci NOT NULL DEFAULT '',\n"
      "  PRIMARY KEY (`Host`,`Db`,`User`,`Table_name`),\n  KEY `Grantor` (`Grantor`)\n)";
  sql += kTableOptions;
  return sql + ";\n";
}

// The server-side help (HELP, the mysql client's `help`): MySQL's tables, kept empty here.
constexpr std::string_view kHelpTablesSql =
    "CREATE TABLE IF NOT EXISTS `mysql`.`help_category` (\n"
    "  `help_category_id` smallint unsigned NOT NULL,\n"
    "  `name` char(64) NOT NULL,\n"
    "  `parent_category_id` smallint unsigned DEFAULT NULL,\n"
    "  `url` text NOT NULL,\n"
    "  PRIMARY KEY (`help_category_id`),\n  UNIQUE KEY `name` (`name`)\n"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;\n"
    "CREATE TABLE IF NOT EXISTS `mysql`.`help_keyword` (\n"
    "  `help_keyword_id` int unsigned NOT NULL,\n"
    "  `name` char(64) NOT NULL,\n"
    "  PRIMARY KEY (`help_keyword_id`),\n  UNIQUE KEY `name` (`name`)\n"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;\n"
    "CREATE TABLE IF NOT EXISTS `mysql`.`help_relation` (\n"
    "  `help_topic_id` int unsigned NOT NULL,\n"
    "  `help_keyword_id` int unsigned NOT NULL,\n"
    "  PRIMARY KEY (`help_keyword_id`,`help_topic_id`)\n"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;\n"
    "CREATE TABLE IF NOT EXISTS `mysql`.`help_topic` (\n"
    "  `help_topic_id` int unsigned NOT NULL,\n"
    "  `name` char(64) NOT NULL,\n"
    "  `help_category_id` smallint unsigned NOT NULL,\n"
    "  `description` text NOT NULL,\n"
    "  `example` text NOT NULL,\n"
    "  `url` text NOT NULL,\n"
    "  PRIMARY KEY (`help_topic_id`),\n  UNIQUE KEY `name` (`name`)\n"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;\n";

// The log tables MySQL keeps (and mysqldump describes) even with log_output=FILE.
constexpr std::string_view kLogTablesSql =
    "CREATE TABLE IF NOT EXISTS `mysql`.`general_log` (\n"
    "  `event_time` timestamp(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE "
    "CURRENT_TIMESTAMP(6),\n"
    "  `user_host` mediumtext NOT NULL,\n"
    "  `thread_id` bigint unsigned NOT NULL,\n"
    "  `server_id` int unsigned NOT NULL,\n"
    "  `command_type` varchar(64) NOT NULL,\n"
    "  `argument` mediumblob NOT NULL\n"
    ") ENGINE=CSV DEFAULT CHARSET=utf8mb3 COMMENT='General log';\n"
    "CREATE TABLE IF NOT EXISTS `mysql`.`slow_log` (\n"
    "  `start_time` timestamp(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE "
    "CURRENT_TIMESTAMP(6),\n"
    "  `user_host` mediumtext NOT NULL,\n"
    "  `query_time` time(6) NOT NULL,\n"
    "  `lock_time` time(6) NOT NULL,\n"
    "  `rows_sent` int NOT NULL,\n"
    "  `rows_examined` int NOT NULL,\n"
    "  `db` varchar(512) NOT NULL,\n"
    "  `last_insert_id` int NOT NULL,\n"
    "  `insert_id` int NOT NULL,\n"
    "  `server_id` int unsigned NOT NULL,\n"
    "  `sql_text` mediumblob NOT NULL,\n"
    "  `thread_id` bigint unsigned NOT NULL\n"
    ") ENGINE=CSV DEFAULT CHARSET=utf8mb3 COMMENT='Slow log';\n";

// The other grant tables (roles, dynamic privileges, column and routine grants, kept at
// reserved storage ids), and tables MySQL keeps for features this server does not have,
// which tools read: password history, federated servers, plugins and components, time zone
// descriptions. Those stay empty, as MySQL's do until the features are used.
constexpr std::string_view kUnusedTablesSql =
    "CREATE TABLE IF NOT EXISTS `mysql`.`role_edges` (\n"
    "  `FROM_HOST` char(255) CHARACTER SET ascii NOT NULL DEFAULT '',\n"
    "  `FROM_USER` char(32) NOT NULL DEFAULT '',\n"
    "  `TO_HOST` char(255) CHARACTER SET ascii NOT NULL DEFAULT '',\n"
    "  `TO_USER` char(32) NOT NULL DEFAULT '',\n"
    "  `WITH_ADMIN_OPTION` enum('N','Y') NOT NULL DEFAULT 'N',\n"
    "  PRIMARY KEY (`FROM_HOST`,`FROM_USER`,`TO_HOST`,`TO_USER`)\n"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_bin;\n"
    "CREATE TABLE IF NOT EXISTS `mysql`.`default_roles` (\n"
    "  `HOST` char(255) CHARACTER SET ascii NOT NULL DEFAULT '',\n"
    "  `USER` char(32) NOT NULL DEFAULT '',\n"
    "  `DEFAULT_ROLE_HOST` char(255) CHARACTER SET ascii NOT NULL DEFAULT '%',\n"
    "  `DEFAULT_ROLE_USER` char(32) NOT NULL DEFAULT '',\n"
    "  PRIMARY KEY (`HOST`,`USER`,`DEFAULT_ROLE_HOST`,`DEFAULT_ROLE_USER`)\n"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_bin;\n"
    "CREATE TABLE IF NOT EXISTS `mysql`.`global_grants` (\n"
    "  `USER` char(32) NOT NULL DEFAULT '',\n"
    "  `HOST` char(255) CHARACTER SET ascii NOT NULL DEFAULT '',\n"
    "  `PRIV` char(32) CHARACTER SET utf8mb3 NOT NULL DEFAULT '',\n"
    "  `WITH_GRANT_OPTION` enum('N','Y') NOT NULL DEFAULT 'N',\n"
    "  PRIMARY KEY (`USER`,`HOST`,`PRIV`)\n"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_bin;\n"
    "CREATE TABLE IF NOT EXISTS `mysql`.`password_history` (\n"
    "  `Host` char(255) CHARACTER SET ascii NOT NULL DEFAULT '',\n"
    "  `User` char(32) NOT NULL DEFAULT '',\n"
    "  `Password_timestamp` timestamp(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),\n"
    "  `Password` text,\n"
    "  PRIMARY KEY (`Host`,`User`,`Password_timestamp` DESC)\n"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_bin;\n"
    "CREATE TABLE IF NOT EXISTS `mysql`.`servers` (\n"
    "  `Server_name` char(64) NOT NULL DEFAULT '',\n"
    "  `Host` char(255) CHARACTER SET ascii NOT NULL DEFAULT '',\n"
    "  `Db` char(64) NOT NULL DEFAULT '',\n"
    "  `Username` char(64) NOT NULL DEFAULT '',\n"
    "  `Password` char(64) NOT NULL DEFAULT '',\n"
    "  `Port` int NOT NULL DEFAULT '0',\n"
    "  `Socket` char(64) NOT NULL DEFAULT '',\n"
    "  `Wrapper` char(64) NOT NULL DEFAULT '',\n"
    "  `Owner` char(64) NOT NULL DEFAULT '',\n"
    "  PRIMARY KEY (`Server_name`)\n"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;\n"
    "CREATE TABLE IF NOT EXISTS `mysql`.`plugin` (\n"
    "  `name` varchar(64) NOT NULL DEFAULT '',\n"
    "  `dl` varchar(128) NOT NULL DEFAULT '',\n"
    "  PRIMARY KEY (`name`)\n"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;\n"
    "CREATE TABLE IF NOT EXISTS `mysql`.`component` (\n"
    "  `component_id` int unsigned NOT NULL AUTO_INCREMENT,\n"
    "  `component_group_id` int unsigned NOT NULL,\n"
    "  `component_urn` text NOT NULL,\n"
    "  PRIMARY KEY (`component_id`)\n"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;\n"
    "CREATE TABLE IF NOT EXISTS `mysql`.`time_zone` (\n"
    "  `Time_zone_id` int unsigned NOT NULL AUTO_INCREMENT,\n"
    "  `Use_leap_seconds` enum('Y','N') NOT NULL DEFAULT 'N',\n"
    "  PRIMARY KEY (`Time_zone_id`)\n"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;\n"
    "CREATE TABLE IF NOT EXISTS `mysql`.`time_zone_name` (\n"
    "  `Name` char(64) NOT NULL,\n"
    "  `Time_zone_id` int unsigned NOT NULL,\n"
    "  PRIMARY KEY (`Name`)\n"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;\n"
    "CREATE TABLE IF NOT EXISTS `mysql`.`time_zone_transition` (\n"
    "  `Time_zone_id` int unsigned NOT NULL,\n"
    "  `Transition_time` bigint NOT NULL,\n"
    "  `Transition_type_id` int unsigned NOT NULL,\n"
    "  PRIMARY KEY (`Time_zone_id`,`Transition_time`)\n"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;\n"
    "CREATE TABLE IF NOT EXISTS `mysql`.`time_zone_transition_type` (\n"
    "  `Time_zone_id` int unsigned NOT NULL,\n"
    "  `Transition_type_id` int unsigned NOT NULL,\n"
    "  `Offset` int NOT NULL DEFAULT '0',\n"
    "  `Is_DST` tinyint unsigned NOT NULL DEFAULT '0',\n"
    "  `Abbreviation` char(8) NOT NULL DEFAULT '',\n"
    "  PRIMARY KEY (`Time_zone_id`,`Transition_type_id`)\n"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;\n"
    "CREATE TABLE IF NOT EXISTS `mysql`.`time_zone_leap_second` (\n"
    "  `Transition_time` bigint NOT NULL,\n"
    "  `Correction` int NOT NULL,\n"
    "  PRIMARY KEY (`Transition_time`)\n"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;\n"
    "CREATE TABLE IF NOT EXISTS `mysql`.`columns_priv` (\n"
    "  `Host` char(255) CHARACTER SET ascii NOT NULL DEFAULT '',\n"
    "  `Db` char(64) NOT NULL DEFAULT '',\n"
    "  `User` char(32) NOT NULL DEFAULT '',\n"
    "  `Table_name` char(64) NOT NULL DEFAULT '',\n"
    "  `Column_name` char(64) NOT NULL DEFAULT '',\n"
    "  `Timestamp` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n"
    "  `Column_priv` set('Select','Insert','Update','References') CHARACTER SET utf8mb3 "
    "COLLATE utf8mb3_general_ci NOT NULL DEFAULT '',\n"
    "  PRIMARY KEY (`Host`,`User`,`Db`,`Table_name`,`Column_name`)\n"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_bin COMMENT='Column privileges';\n"
    "CREATE TABLE IF NOT EXISTS `mysql`.`procs_priv` (\n"
    "  `Host` char(255) CHARACTER SET ascii NOT NULL DEFAULT '',\n"
    "  `Db` char(64) NOT NULL DEFAULT '',\n"
    "  `User` char(32) NOT NULL DEFAULT '',\n"
    "  `Routine_name` char(64) CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci NOT NULL "
    "DEFAULT '',\n"
    "  `Routine_type` enum('FUNCTION','PROCEDURE') NOT NULL,\n"
    "  `Grantor` varchar(288) NOT NULL DEFAULT '',\n"
    "  `Proc_priv` set('Execute','Alter Routine','Grant') CHARACTER SET utf8mb3 "
    "COLLATE utf8mb3_general_ci NOT NULL DEFAULT '',\n"
    "  `Timestamp` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n"
    "  PRIMARY KEY (`Host`,`User`,`Db`,`Routine_name`,`Routine_type`),\n"
    "  KEY `Grantor` (`Grantor`)\n"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_bin COMMENT='Procedure privileges';\n";

}  // namespace

std::string_view AccountManager::SystemSchemaSql() {
  static const std::string kSql = "CREATE DATABASE IF NOT EXISTS `mysql`;\n" + UserTableSql() +
                                  DbTableSql() + TablesPrivTableSql() + std::string(kHelpTablesSql) +
                                  std::string(kLogTablesSql) + std::string(kUnusedTablesSql);
  return kSql;
}

std::string AccountManager::InitialAccountsSql(bool insecure) {
  std::string columns = "Host, User";
  std::string values = "'localhost', 'root'";
  for (Privilege privilege : UserColumns()) {
    columns += ", " + std::string(auth::PrivilegeColumn(privilege));
    values += ", 'Y'";
  }
  columns +=
      ", ssl_type, ssl_cipher, x509_issuer, x509_subject, max_questions, max_updates, "
      "max_connections, max_user_connections, plugin, authentication_string, password_expired, "
      "password_last_changed, password_lifetime, account_locked, Password_reuse_history, "
      "Password_reuse_time, Password_require_current, User_attributes";
  values += ", '', '', '', '', 0, 0, 0, 0, ";
  values += insecure ? "'caching_sha2_password'" : "'auth_socket'";
  values += ", '', 'N', " + SqlString(NowText()) + ", NULL, 'N', NULL, NULL, NULL, NULL";
  std::string sql = "INSERT INTO `mysql`.`user` (" + columns + ") VALUES (" + values + ");\n";
  for (std::string_view name : auth::DynamicPrivileges()) {
    sql += "INSERT INTO `mysql`.`global_grants` (USER, HOST, PRIV, WITH_GRANT_OPTION) VALUES "
           "('root', 'localhost', '" + std::string(name) + "', 'Y');\n";
  }
  return sql;
}

}  // namespace porpoise::engine
