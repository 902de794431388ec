// Names, mysql.user/mysql.db column names and per-level ALL sets of MySQL's static privileges,
// declared once in one table. (auth/)
#include "auth/privileges.h"
#include "common/strings.h"

#include <array>
#include <cctype>

namespace porpoise::auth {
namespace {

struct PrivilegeInfo {
  Privilege privilege;
  std::string_view name;          // as GRANT and SHOW GRANTS spell it
  std::string_view column;        // mysql.user / mysql.db column
  std::string_view table_member;  // member of mysql.tables_priv.Table_priv; "" when not one
  bool database_level;            // part of ALL at the database level
};

// In enum order, which is also MySQL's bit order and SHOW GRANTS order.
constexpr std::array<PrivilegeInfo, static_cast<size_t>(Privilege::kCount)> kPrivileges = {{
    {Privilege::kSelect, "SELECT", "Select_priv", "Select", true},
    {Privilege::kInsert, "INSERT", "Insert_priv", "Insert", true},
    {Privilege::kUpdate, "UPDATE", "Update_priv", "Update", true},
    {Privilege::kDelete, "DELETE", "Delete_priv", "Delete", true},
    {Privilege::kCreate, "CREATE", "Create_priv", "Create", true},
    {Privilege::kDrop, "DROP", "Drop_priv", "Drop", true},
    {Privilege::kReload, "RELOAD", "Reload_priv", "", false},
    {Privilege::kShutdown, "SHUTDOWN", "Shutdown_priv", "", false},
    {Privilege::kProcess, "PROCESS", "Process_priv", "", false},
    {Privilege::kFile, "FILE", "File_priv", "", false},
    {Privilege::kGrantOption, "GRANT OPTION", "Grant_priv", "Grant", false},
    {Privilege::kReferences, "REFERENCES", "References_priv", "References", true},
    {Privilege::kIndex, "INDEX", "Index_priv", "Index", true},
    {Privilege::kAlter, "ALTER", "Alter_priv", "Alter", true},
    {Privilege::kShowDatabases, "SHOW DATABASES", "Show_db_priv", "", false},
    {Privilege::kSuper, "SUPER", "Super_priv", "", false},
    {Privilege::kCreateTemporaryTables, "CREATE TEMPORARY TABLES", "Create_tmp_table_priv", "",
     true},
    {Privilege::kLockTables, "LOCK TABLES", "Lock_tables_priv", "", true},
    {Privilege::kExecute, "EXECUTE", "Execute_priv", "", true},
    {Privilege::kReplicationSlave, "REPLICATION SLAVE", "Repl_slave_priv", "", false},
    {Privilege::kReplicationClient, "REPLICATION CLIENT", "Repl_client_priv", "", false},
    {Privilege::kCreateView, "CREATE VIEW", "Create_view_priv", "Create View", true},
    {Privilege::kShowView, "SHOW VIEW", "Show_view_priv", "Show view", true},
    {Privilege::kCreateRoutine, "CREATE ROUTINE", "Create_routine_priv", "", true},
    {Privilege::kAlterRoutine, "ALTER ROUTINE", "Alter_routine_priv", "", true},
    {Privilege::kCreateUser, "CREATE USER", "Create_user_priv", "", false},
    {Privilege::kEvent, "EVENT", "Event_priv", "", true},
    {Privilege::kTrigger, "TRIGGER", "Trigger_priv", "Trigger", true},
    {Privilege::kCreateTablespace, "CREATE TABLESPACE", "Create_tablespace_priv", "", false},
    {Privilege::kCreateRole, "CREATE ROLE", "Create_role_priv", "", false},
    {Privilege::kDropRole, "DROP ROLE", "Drop_role_priv", "", false},
}};

const PrivilegeInfo& Info(Privilege p) { return kPrivileges[static_cast<size_t>(p)]; }

}  // namespace

PrivilegeSet AllGlobalPrivileges() {
  PrivilegeSet set = 0;
  for (const PrivilegeInfo& info : kPrivileges) {
    if (info.privilege != Privilege::kGrantOption) set |= Bit(info.privilege);
  }
  return set;
}

PrivilegeSet AllDatabasePrivileges() {
  PrivilegeSet set = 0;
  for (const PrivilegeInfo& info : kPrivileges) {
    if (info.database_level) set |= Bit(info.privilege);
  }
  return set;
}

PrivilegeSet AllTablePrivileges() {
  PrivilegeSet set = 0;
  for (const PrivilegeInfo& info : kPrivileges) {
    if (!info.table_member.empty() && info.privilege != Privilege::kGrantOption) {
      set |= Bit(info.privilege);
    }
  }
  return set;
}

std::string_view PrivilegeName(Privilege p) { return Info(p).name; }

std::optional<Privilege> PrivilegeFromName(std::string_view name) {
  for (const PrivilegeInfo& info : kPrivileges) {
    if (EqualsIgnoreCase(info.name, name)) return info.privilege;
  }
  // MySQL 8.4's newer spellings of the replication privileges.
  if (EqualsIgnoreCase(name, "REPLICATION REPLICA")) return Privilege::kReplicationSlave;
  return std::nullopt;
}

std::string_view PrivilegeColumn(Privilege p) { return Info(p).column; }

std::vector<std::string_view> PrivilegeNames(PrivilegeSet set) {
  std::vector<std::string_view> names;
  for (const PrivilegeInfo& info : kPrivileges) {
    if (info.privilege == Privilege::kGrantOption) continue;
    if ((set & Bit(info.privilege)) != 0) names.push_back(info.name);
  }
  return names;
}

std::string_view TablePrivilegeMember(Privilege p) { return Info(p).table_member; }

std::optional<Privilege> PrivilegeFromTableMember(std::string_view member) {
  for (const PrivilegeInfo& info : kPrivileges) {
    if (!info.table_member.empty() && EqualsIgnoreCase(info.table_member, member)) {
      return info.privilege;
    }
  }
  return std::nullopt;
}

bool IsDatabaseLevel(Privilege p) { return p == Privilege::kGrantOption || Info(p).database_level; }

const std::vector<std::string_view>& DynamicPrivileges() {
  static const std::vector<std::string_view> kNames = {
      "ALLOW_NONEXISTENT_DEFINER", "APPLICATION_PASSWORD_ADMIN", "AUDIT_ABORT_EXEMPT",
      "AUDIT_ADMIN", "AUTHENTICATION_POLICY_ADMIN", "BACKUP_ADMIN", "BINLOG_ADMIN",
      "BINLOG_ENCRYPTION_ADMIN", "CLONE_ADMIN", "CONNECTION_ADMIN", "ENCRYPTION_KEY_ADMIN",
      "FIREWALL_EXEMPT", "FLUSH_OPTIMIZER_COSTS", "FLUSH_PRIVILEGES", "FLUSH_STATUS",
      "FLUSH_TABLES", "FLUSH_USER_RESOURCES", "GROUP_REPLICATION_ADMIN",
      "GROUP_REPLICATION_STREAM", "INNODB_REDO_LOG_ARCHIVE", "INNODB_REDO_LOG_ENABLE",
      "OPTIMIZE_LOCAL_TABLE", "PASSWORDLESS_USER_ADMIN", "PERSIST_RO_VARIABLES_ADMIN",
      "REPLICATION_APPLIER", "REPLICATION_SLAVE_ADMIN", "RESOURCE_GROUP_ADMIN",
      "RESOURCE_GROUP_USER", "ROLE_ADMIN", "SENSITIVE_VARIABLES_OBSERVER",
      "SERVICE_CONNECTION_ADMIN", "SESSION_VARIABLES_ADMIN", "SET_ANY_DEFINER", "SHOW_ROUTINE",
      "SYSTEM_USER", "SYSTEM_VARIABLES_ADMIN", "TABLE_ENCRYPTION_ADMIN", "TELEMETRY_LOG_ADMIN",
      "TRANSACTION_GTID_TAG", "XA_RECOVER_ADMIN"};
  return kNames;
}

std::optional<std::string_view> DynamicPrivilegeName(std::string_view name) {
  for (std::string_view known : DynamicPrivileges()) {
    if (EqualsIgnoreCase(known, name)) return known;
  }
  return std::nullopt;
}

}  // namespace porpoise::auth
