// AccountManager: CREATE/ALTER/DROP/RENAME USER and ROLE, SET PASSWORD, GRANT, REVOKE, SET
// DEFAULT ROLE, SHOW GRANTS and FLUSH PRIVILEGES over mysql.user and the grant tables, each
// write followed by a fresh auth::AccountSnapshot. (engine/)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/account.h"
#include "auth/sha2_cache.h"
#include "catalog/catalog.h"
#include "common/status.h"
#include "engine/access_checker.h"
#include "sql/ast/statement.h"
#include "storage/database.h"

namespace porpoise::engine {

// Storage convention: MySQL table `mysql.user` is the SQLite table "mysql.user", one SQLite
// column per MySQL column of the same name; ENUM/SET/CHAR/TEXT values as TEXT ('Y'/'N'),
// integers as INTEGER, TIMESTAMP as TEXT 'YYYY-MM-DD hh:mm:ss'.
//
// Not thread-safe: one per session (it borrows the session's connection). The AccountStore
// and the cache are shared and thread-safe. Host parts are compared case-insensitively and
// stored lower-cased.
class AccountManager {
 public:
  // `db` is the session's SQLite connection; writes run in their own transaction (the caller
  // has already committed any open user transaction, as MySQL's implicit commit does).
  // `cache` may be null (no caching_sha2 fast path to invalidate).
  AccountManager(storage::Database& db, auth::AccountStore& store, auth::Sha2PasswordCache* cache);

  Status CreateUser(const sql::CreateUserStatement&, const AccessChecker&);
  Status AlterUser(const sql::AlterUserStatement&, const AccessChecker&);
  Status DropUser(const sql::DropUserStatement&, const AccessChecker&);
  Status RenameUser(const sql::RenameUserStatement&, const AccessChecker&);
  Status SetPassword(const sql::SetPasswordStatement&, const AccessChecker&);
  // `catalog` answers whether a table and its columns exist (1146, 1054), as MySQL checks
  // for table and column grants.
  Status Grant(const sql::GrantStatement&, const AccessChecker&, std::string_view current_database,
               const catalog::CatalogSnapshot& catalog);
  Status Revoke(const sql::RevokeStatement&, const AccessChecker&,
                std::string_view current_database);
  // SET DEFAULT ROLE ... TO users (and ALTER USER user DEFAULT ROLE ...).
  Status SetDefaultRoles(const sql::SetRoleStatement&, const AccessChecker&);
  // One line per grant, as MySQL's SHOW GRANTS prints them ("GRANT ALL PRIVILEGES ON *.* TO
  // `u`@`%` WITH GRANT OPTION", "GRANT USAGE ON *.* TO `u`@`h`", "GRANT SELECT, INSERT ON
  // `db`.* TO ..."); nullopt user = the current user. With `using_roles` (SHOW GRANTS ...
  // USING), the privileges of those roles (each granted to the account, 3530 otherwise) and
  // of the roles granted to them are shown as the account's. The caller renders the result
  // set (column "Grants for u@h").
  Result<std::vector<std::string>> ShowGrants(const std::optional<sql::UserName>& user,
                                              const std::vector<sql::UserName>& using_roles,
                                              const AccessChecker&);
  // Reloads the snapshot from the tables and empties the caching_sha2 cache.
  Status FlushPrivileges();

  // Notes raised by the last statement (IF [NOT] EXISTS skips: 3163, 3162), in order; the
  // caller copies them into the session's SHOW WARNINGS list.
  const std::vector<Status>& warnings() const { return warnings_; }
  // The plugin CREATE USER uses without IDENTIFIED WITH (default_authentication_plugin).
  // REQUIRES: auth::FindAuthPlugin(name) != nullptr.
  void set_default_plugin(std::string name) { default_plugin_ = std::move(name); }

  // DROP PROCEDURE/FUNCTION: the mysql.procs_priv rows of the routine (in the caller's write
  // transaction; LoadSnapshot after it commits).
  static Status DeleteRoutineGrants(storage::Database& db, std::string_view database,
                                    std::string_view routine, bool procedure);
  // CREATE PROCEDURE/FUNCTION with automatic_sp_privileges: EXECUTE and ALTER ROUTINE on it
  // for its creator (in the caller's write transaction; LoadSnapshot after it commits).
  static Status GrantRoutineToCreator(storage::Database& db, const std::string& user,
                                      const std::string& host, std::string_view database,
                                      std::string_view routine, bool procedure);
  // Reads the grant tables into a new snapshot and installs it in `store` (unless a newer
  // one is installed already: AccountStore::Replace). Takes the write lock to read.
  static Status LoadSnapshot(storage::Database& db, auth::AccountStore& store);
  // The grant tables as a snapshot, read in the caller's write transaction, with the version
  // (the write lock's generation) it is installed under once that transaction commits.
  struct PendingSnapshot {
    std::shared_ptr<const auth::AccountSnapshot> snapshot;  // null: nothing was read
    uint64_t version = 0;
    void InstallIn(auth::AccountStore& store) {
      if (snapshot != nullptr) store.Replace(std::move(snapshot), version);
    }
  };
  static Result<PendingSnapshot> ReadSnapshot(storage::Database& db);
  // MySQL-dialect CREATE DATABASE/TABLE statements (';'-separated) for mysql.user, the grant
  // tables and the other system tables, with MySQL 8's column names, types and primary keys.
  static std::string_view SystemSchemaSql();
  // MySQL-dialect INSERT statements creating root@localhost with every privilege WITH GRANT
  // OPTION: auth_socket (insecure=false) or caching_sha2_password with an empty password
  // (insecure=true).
  static std::string InitialAccountsSql(bool insecure);

 private:
  struct Target;  // a resolved user@host
  struct AuthChange;
  struct GrantTarget;

  Result<Target> Resolve(const sql::UserName& name, const AccessChecker& checker) const;
  Result<bool> Exists(const Target& target);
  Result<AuthChange> MakeAuthChange(const std::optional<sql::AuthOption>& auth,
                                    const std::string& current_plugin) const;
  Status InsertUser(const Target& target, const AuthChange& auth, bool locked);
  // REQUIRE: mysql.user's ssl_type, ssl_cipher, x509_issuer and x509_subject.
  Status SetRequire(const Target& target, const sql::TlsRequirement& require);
  // The resource limits, password expiry and FAILED_LOGIN_ATTEMPTS / PASSWORD_LOCK_TIME given;
  // new locking settings lift a block in force.
  Status SetLimits(const Target& target, const sql::AccountLimits& limits);
  Status UpdateAuth(const Target& target, const AuthChange& auth);
  Status DeleteAccountRows(const Target& target);
  Status RenameAccountRows(const Target& from, const Target& to);
  Result<std::string> CurrentPlugin(const Target& target);
  Result<GrantTarget> ResolveLevel(const sql::GrantLevel& level,
                                   const std::vector<sql::GrantPrivilege>& privileges,
                                   std::string_view current_database) const;
  Status CheckGrantor(const GrantTarget& grant, auth::PrivilegeSet privileges,
                      const AccessChecker& checker) const;
  Status AddPrivileges(const Target& target, const GrantTarget& grant, auth::PrivilegeSet set);
  // A table-level grant's mysql.columns_priv rows, and its tables_priv row (Table_priv `set`,
  // Column_priv the union of the column rows; deleted when both are empty).
  Status WriteColumnGrants(const std::vector<std::string>& key, const GrantTarget& grant,
                           bool revoke, bool if_exists, const Target& target);
  Status WriteTableRow(const std::vector<std::string>& key, auth::PrivilegeSet set);
  // One mysql.procs_priv row: read (nullopt when none); replaced (deleted when `set` is 0).
  Result<std::optional<auth::PrivilegeSet>> ReadRoutineGrant(const Target& target,
                                                             const GrantTarget& grant);
  Status WriteRoutineGrant(const Target& target, const GrantTarget& grant,
                           auth::PrivilegeSet set);
  Status RemovePrivileges(const Target& target, const GrantTarget& grant, auth::PrivilegeSet set,
                          bool if_exists);
  Status RemoveEverything(const Target& target);
  // GRANT role, ... TO users [WITH ADMIN OPTION] / REVOKE role, ... FROM users.
  Status GrantRoles(const sql::GrantStatement&, const AccessChecker&);
  Status RevokeRoles(const sql::RevokeStatement&, const AccessChecker&);
  // 3523 unless the account exists.
  Result<Target> ResolveExisting(const sql::UserName& name, const AccessChecker& checker);
  // The roles of GRANT/REVOKE role, once the issuer may administer each (1227) and each
  // exists (3523).
  Result<std::vector<Target>> ResolveRoles(const std::vector<sql::UserName>& names,
                                           const AccessChecker& checker);
  // The role's edge to the user: nullopt when not granted, else its WITH ADMIN OPTION.
  Result<std::optional<bool>> ReadRoleEdge(const Target& role, const Target& user);
  // Whether `from` is `role` itself or granted to it, directly or through other roles (so
  // that granting `role` to `from` would make a loop).
  Result<bool> ReachesRole(const Target& from, const Target& role);
  Status DeleteRoleEdge(const Target& role, const Target& user);
  Status InsertRoleEdge(const Target& role, const Target& user, bool admin);
  // A mysql.default_roles row (none added when it is there already).
  Status InsertDefaultRole(const Target& user, const Target& role);
  Status Commit(storage::Transaction& transaction);
  void Warn(Status status) { warnings_.push_back(std::move(status)); }

  storage::Database& db_;
  auth::AccountStore& store_;
  auth::Sha2PasswordCache* cache_;
  std::string default_plugin_ = "caching_sha2_password";
  std::vector<Status> warnings_;
  std::string grantor_;  // "user@host" of the statement's issuer (tables_priv.Grantor)
};

}  // namespace porpoise::engine
