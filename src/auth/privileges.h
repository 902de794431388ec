// MySQL's static privileges as a bit set, with their SQL names. (auth/)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace porpoise::auth {

// One bit per privilege; the order is ours, the names are MySQL's.
enum class Privilege : uint8_t {
  kSelect, kInsert, kUpdate, kDelete, kCreate, kDrop, kReload, kShutdown, kProcess, kFile,
  kGrantOption, kReferences, kIndex, kAlter, kShowDatabases, kSuper, kCreateTemporaryTables,
  kLockTables, kExecute, kReplicationSlave, kReplicationClient, kCreateView, kShowView,
  kCreateRoutine, kAlterRoutine, kCreateUser, kEvent, kTrigger, kCreateTablespace,
  kCreateRole, kDropRole,
  kCount
};

using PrivilegeSet = uint64_t;

constexpr PrivilegeSet Bit(Privilege p) { return PrivilegeSet{1} << static_cast<unsigned>(p); }

// What ALL [PRIVILEGES] means at each level (without GRANT OPTION).
PrivilegeSet AllGlobalPrivileges();
PrivilegeSet AllDatabasePrivileges();
PrivilegeSet AllTablePrivileges();

// "SELECT", "CREATE TEMPORARY TABLES", "GRANT OPTION", ...
std::string_view PrivilegeName(Privilege p);
// Case-insensitive lookup of a name as written in GRANT (single spaces between words).
std::optional<Privilege> PrivilegeFromName(std::string_view name);
// The mysql.user / mysql.db column of a privilege: "Select_priv", "Create_tmp_table_priv", ...
std::string_view PrivilegeColumn(Privilege p);
// The privileges of a set in MySQL's SHOW GRANTS order, by name. GRANT OPTION is left out:
// SHOW GRANTS prints it as "WITH GRANT OPTION".
std::vector<std::string_view> PrivilegeNames(PrivilegeSet set);

// The member of mysql.tables_priv.Table_priv's SET ("Select", "Create View", "Show view",
// "Grant", ...); "" for privileges that do not exist at the table level.
std::string_view TablePrivilegeMember(Privilege p);
// Case-insensitive inverse of TablePrivilegeMember.
std::optional<Privilege> PrivilegeFromTableMember(std::string_view member);
// True when the privilege has a mysql.db column (GRANT OPTION included).
bool IsDatabaseLevel(Privilege p);

// MySQL 8.4's dynamic privileges (BACKUP_ADMIN, CONNECTION_ADMIN, SYSTEM_VARIABLES_ADMIN, ...),
// granted only ON *.* and kept in mysql.global_grants; in alphabetical order, as SHOW GRANTS
// lists them.
const std::vector<std::string_view>& DynamicPrivileges();
// The upper-case name of a dynamic privilege named case-insensitively; nullopt for others.
std::optional<std::string_view> DynamicPrivilegeName(std::string_view name);

}  // namespace porpoise::auth
