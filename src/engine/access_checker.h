// AccessChecker: the privilege questions a session asks before running a statement, answered
// from the current account snapshot and worded as MySQL words its refusals. (engine/)
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/account.h"
#include "auth/privileges.h"
#include "common/status.h"

namespace porpoise::engine {

// The authenticated principal of a session.
struct Principal {
  std::string user;          // USER()'s user part: the name the client sent
  std::string client_host;   // USER()'s host part: "localhost" or the client IP
  std::string account_user;  // CURRENT_USER(): the matched mysql.user row
  std::string account_host;
};

// Not thread-safe: one per session. Refresh() at the start of each statement so GRANT/REVOKE
// by other sessions take effect on the next statement, as in MySQL.
class AccessChecker {
 public:
  AccessChecker(const auth::AccountStore& store, Principal principal);

  void Refresh();
  const Principal& principal() const { return principal_; }

  // Roles. Every privilege question below is answered for the account and its active roles
  // (with the roles granted to those, transitively), as MySQL answers it.
  using RoleName = std::pair<std::string, std::string>;  // user, host
  // mandatory_roles: granted to every account (those that exist).
  void SetMandatoryRoles(std::vector<RoleName> roles);
  const std::vector<RoleName>& mandatory_roles() const { return mandatory_roles_; }
  // At login: the account's default roles, or every role it may use when
  // activate_all_roles_on_login is on.
  void ActivateDefaultRoles(bool all);
  // SET ROLE: 3530 for a named role not granted to the account; nothing changes then.
  enum class RoleMode { kNamed, kDefault, kNone, kAll, kAllExcept };
  Status SetRoles(RoleMode mode, const std::vector<RoleName>& roles);
  // The roles the account may activate: granted to it, and mandatory.
  std::vector<const auth::Account*> AvailableRoles() const;
  // CURRENT_ROLE(): "NONE", or the active roles as `u`@`h` sorted and comma-separated.
  std::string CurrentRoleText() const;
  // The session's account row; after a DROP USER the session keeps the row (and snapshot) it
  // last saw, as MySQL keeps a dropped account's sessions working until they end.
  const auth::Account* account() const;
  const auth::AccountSnapshot& snapshot() const { return *snapshot_; }
  // The account (first) and the closure of its active roles: whose grants the questions
  // below are answered from.
  const std::vector<const auth::Account*>& grantees() const { return grantees_; }

  bool HasGlobal(auth::Privilege privilege) const;
  // SUPER or the dynamic privilege `name` (CONNECTION_ADMIN, SYSTEM_VARIABLES_ADMIN, ...);
  // otherwise 1227 naming both, as MySQL 8 gates what SUPER alone used to.
  bool HasSuperOr(std::string_view name) const;
  bool HasDynamic(std::string_view name) const;
  Status CheckSuperOr(std::string_view name) const;
  // 1227 ER_SPECIFIC_ACCESS_DENIED_ERROR naming `privilege` unless the global privilege is held.
  Status CheckGlobal(auth::Privilege privilege) const;
  // 1044 ER_DBACCESS_DENIED_ERROR unless held globally or on `database`.
  Status CheckDatabase(auth::Privilege privilege, std::string_view database) const;
  // 1142 ER_TABLEACCESS_DENIED_ERROR ("SELECT command denied to user 'u'@'client host' for
  // table 't'")
  // unless held globally, on the database or on the table. Nothing but SELECT is held on a
  // table of performance_schema.
  Status CheckTable(auth::Privilege privilege, std::string_view database,
                    std::string_view table) const;
  // EXECUTE or ALTER ROUTINE on a stored routine (global, database or routine grants);
  // otherwise 1370 ER_PROCACCESS_DENIED_ERROR ("execute command denied ... for routine 'd.p'").
  Status CheckRoutine(auth::Privilege privilege, std::string_view database,
                      std::string_view routine, bool procedure) const;
  // CheckTable, also passed when the privilege is held on some column of the table (MySQL's
  // first test: the columns a statement names are checked one by one afterwards).
  Status CheckTableOrColumns(auth::Privilege privilege, std::string_view database,
                             std::string_view table) const;
  // A privilege on one column: held on the table or granted on the column; otherwise 1143
  // ER_COLUMNACCESS_DENIED_ERROR naming the column.
  Status CheckColumn(auth::Privilege privilege, std::string_view database, std::string_view table,
                     std::string_view column) const;
  // True when the privilege is held on the whole table (not only on some of its columns).
  bool HasTable(auth::Privilege privilege, std::string_view database,
                std::string_view table) const;
  // Whether information_schema, SHOW TABLES and SHOW COLUMNS show the table: the account
  // holds some privilege on it or on one of its columns (globally, on its database or on it).
  bool CanSeeTable(std::string_view database, std::string_view table) const;
  // SELECT, INSERT, UPDATE and REFERENCES as held on one column (from any level): the column
  // is shown when there is one, and SHOW FULL COLUMNS lists them.
  auth::PrivilegeSet ColumnAccess(std::string_view database, std::string_view table,
                                  std::string_view column) const;
  // SHOW COLUMNS / SHOW INDEX / SHOW CREATE TABLE: 1142 naming `command` ("SELECT", "SHOW")
  // unless CanSeeTable.
  Status CheckSeeTable(std::string_view command, std::string_view database,
                       std::string_view table) const;
  // SHOW DATABASES lists a database when the account has SHOW DATABASES globally or any
  // privilege in it; information_schema and performance_schema are everyone's.
  bool CanSeeDatabase(std::string_view database) const;
  // USE / COM_INIT_DB / connect-with-db: 1044 when the account has no privilege in `database`.
  Status CheckUseDatabase(std::string_view database) const;

 private:
  // The account and the active roles' closure, in *snapshot_ (account first).
  void ComputeGrantees();
  bool AnyPrivilegeIn(std::string_view database) const;
  template <typename F>
  auth::PrivilegeSet Union(F privileges_of) const {
    auth::PrivilegeSet set = 0;
    for (const auth::Account* grantee : grantees_) set |= privileges_of(*grantee);
    return set;
  }

  const auth::AccountStore* store_;  // a pointer: checkers are swapped (stored programs run as their definer)
  Principal principal_;
  std::shared_ptr<const auth::AccountSnapshot> snapshot_;
  const auth::Account* account_ = nullptr;  // in *snapshot_; looked up by Refresh()
  std::vector<RoleName> mandatory_roles_;
  std::vector<RoleName> active_roles_;
  std::vector<const auth::Account*> grantees_;
};

}  // namespace porpoise::engine
