// Accounts and grants as loaded from the mysql schema, the most-specific-match lookup used at
// login, and the privilege questions every statement asks. Pure data: no sockets, no SQLite.
// (auth/)
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "auth/host_match.h"
#include "auth/privileges.h"

namespace porpoise::auth {

// One row of mysql.user.
struct Account {
  std::string user;         // "" is the anonymous user
  std::string host;         // pattern: name, IP, '%'/'_' wildcards, ip/netmask, "localhost"
  std::string plugin;       // "caching_sha2_password", "mysql_native_password", "auth_socket"
  std::string auth_string;  // the plugin's hash; never the password
  bool locked = false;
  PrivilegeSet global_privileges = 0;  // includes Bit(kGrantOption) when WITH GRANT OPTION
  // Dynamic privileges (mysql.global_grants), upper case; those held WITH GRANT OPTION.
  std::set<std::string, std::less<>> dynamic_privileges, grantable_dynamic_privileges;
  bool HasDynamic(std::string_view name) const { return dynamic_privileges.count(name) != 0; }
  // MySQL 8 lets SUPER stand for most dynamic privileges: "SUPER or CONNECTION_ADMIN".
  bool HasSuperOr(std::string_view name) const {
    return (global_privileges & Bit(Privilege::kSuper)) != 0 || HasDynamic(name);
  }
  // REQUIRE: mysql.user's ssl_type ("" none, "ANY" SSL, "X509", "SPECIFIED") and, for
  // SPECIFIED, the cipher and the client certificate's issuer and subject ("" when not named).
  std::string ssl_type, ssl_cipher, x509_issuer, x509_subject;
  // Resource limits (0: none): statements, writes and logins per hour; connections at once.
  uint32_t max_questions = 0, max_updates = 0, max_connections_per_hour = 0,
           max_user_connections = 0;
  // PASSWORD EXPIRE: marked expired; password_lifetime in days (nullopt: the server's
  // default_password_lifetime, 0: never), counted from password_last_changed (Unix seconds).
  bool password_expired = false;
  std::optional<uint32_t> password_lifetime;
  int64_t password_last_changed = 0;
  // FAILED_LOGIN_ATTEMPTS / PASSWORD_LOCK_TIME (days, -1 UNBOUNDED): both non-zero turn on
  // the temporary lock after that many failed logins in a row.
  uint32_t failed_login_attempts = 0;
  int32_t password_lock_time = 0;
  bool TracksFailedLogins() const { return failed_login_attempts != 0 && password_lock_time != 0; }
};

// One row of mysql.db.
struct DatabaseGrant {
  std::string user, host;   // the account
  std::string database;     // may hold '%'/'_' wildcards, as in MySQL
  PrivilegeSet privileges = 0;
};

// One row of mysql.tables_priv.
struct TableGrant {
  std::string user, host;
  std::string database, table;
  PrivilegeSet privileges = 0;         // Table_priv: on the whole table
  PrivilegeSet column_privileges = 0;  // Column_priv: held on some of its columns
};

// One row of mysql.columns_priv: SELECT, INSERT, UPDATE or REFERENCES on one column.
struct ColumnGrant {
  std::string user, host;
  std::string database, table, column;  // the column as granted; compared case-insensitively
  PrivilegeSet privileges = 0;
};

// One row of mysql.procs_priv: EXECUTE, ALTER ROUTINE (and GRANT OPTION) on one routine.
struct RoutineGrant {
  std::string user, host;
  std::string database, routine;  // the routine's name compares case-insensitively
  bool procedure = true;          // PROCEDURE, else FUNCTION
  PrivilegeSet privileges = 0;
};

// One row of mysql.role_edges: the role granted to the account (WITH ADMIN OPTION: the account
// may grant it on).
struct RoleEdge {
  std::string role_user, role_host;
  std::string user, host;
  bool admin = false;
};

// One row of mysql.default_roles: a role activated when the account logs in.
struct DefaultRole {
  std::string user, host;
  std::string role_user, role_host;
};

// An immutable picture of every account and grant. Built by whoever reads the mysql schema,
// then shared read-only between connections.
class AccountSnapshot {
 public:
  AccountSnapshot(std::vector<Account> accounts, std::vector<DatabaseGrant> database_grants,
                  std::vector<TableGrant> table_grants,
                  std::vector<ColumnGrant> column_grants = {},
                  std::vector<RoleEdge> role_edges = {},
                  std::vector<DefaultRole> default_roles = {},
                  std::vector<RoutineGrant> routine_grants = {});

  // The account a login as `user` from `client` maps to, MySQL's way: rows sorted by host
  // specificity (exact names/IPs first, wildcards later, '%' last), then user (non-empty
  // before anonymous); the first row whose host and user match wins. nullptr when none.
  const Account* FindForLogin(std::string_view user, const ClientAddress& client) const;
  // True when some account has this host pattern matching the client (any user): MySQL
  // answers 1130 instead of 1045 when no row's host matches at all.
  bool AnyHostMatches(const ClientAddress& client) const;
  // The account with exactly this user and host pattern (host compared case-insensitively).
  const Account* FindExact(std::string_view user, std::string_view host) const;

  // Effective privileges of `account` on a database / table: global | db | table.
  PrivilegeSet DatabasePrivileges(const Account& account, std::string_view database) const;
  PrivilegeSet TablePrivileges(const Account& account, std::string_view database,
                               std::string_view table) const;
  // The privileges the account holds on some column of a table (its tables_priv.Column_priv).
  PrivilegeSet SomeColumnPrivileges(const Account& account, std::string_view database,
                                    std::string_view table) const;
  // Effective privileges on one column: the table's, and those granted on that column.
  PrivilegeSet ColumnPrivileges(const Account& account, std::string_view database,
                                std::string_view table, std::string_view column) const;
  // True when the account holds any privilege in the database or on a table, column or
  // routine in it
  // (decides SHOW DATABASES visibility and USE permission).
  bool HasAnyPrivilegeIn(const Account& account, std::string_view database) const;

  const std::vector<Account>& accounts() const { return accounts_; }
  const std::vector<DatabaseGrant>& database_grants() const { return database_grants_; }
  const std::vector<TableGrant>& table_grants() const { return table_grants_; }
  const std::vector<ColumnGrant>& column_grants() const { return column_grants_; }
  const std::vector<RoleEdge>& role_edges() const { return role_edges_; }
  const std::vector<RoutineGrant>& routine_grants() const { return routine_grants_; }
  // Effective privileges on a stored routine: global | database | those granted on it.
  PrivilegeSet RoutinePrivileges(const Account& account, std::string_view database,
                                 std::string_view routine, bool procedure) const;
  // The roles granted to the account (existing accounts only), and its default roles.
  std::vector<const Account*> GrantedRoles(const Account& account) const;
  std::vector<const Account*> DefaultRoles(const Account& account) const;
  // The role edge from `role` to `account`, or nullptr when the role is not granted to it.
  const RoleEdge* FindRoleEdge(const Account& role, const Account& account) const;

 private:
  std::vector<Account> accounts_;  // sorted in login-match order
  std::vector<DatabaseGrant> database_grants_;
  std::vector<TableGrant> table_grants_;
  std::vector<ColumnGrant> column_grants_;  // sorted by column name within a table
  std::vector<RoleEdge> role_edges_;
  std::vector<DefaultRole> default_roles_;
  std::vector<RoutineGrant> routine_grants_;
};

// FAILED_LOGIN_ATTEMPTS / PASSWORD_LOCK_TIME: for each account that tracks them, the failed
// logins in a row and, once there were enough, when the account was locked. Held in memory
// only, as MySQL holds it: a restart or FLUSH PRIVILEGES unlocks every account. Thread-safe.
class PasswordLocks {
 public:
  using Clock = std::chrono::system_clock;

  // The days the account stays locked from `now` (at least 1; -1 for UNBOUNDED), or nullopt
  // when it is not locked. A lock whose time has passed is lifted, its count started again.
  std::optional<int64_t> DaysLeft(const Account& account, Clock::time_point now);
  // A failed login of `account`: the days left when this failure locks it (see DaysLeft).
  std::optional<int64_t> RecordFailure(const Account& account, Clock::time_point now);
  // A login that succeeded: the count starts again.
  void RecordSuccess(const Account& account);
  // ALTER USER ... ACCOUNT UNLOCK or new settings, DROP/RENAME USER: that account's state
  // goes. FLUSH PRIVILEGES: everyone's.
  void Forget(std::string_view user, std::string_view host);
  void ForgetAll();

 private:
  struct State {
    uint32_t failures = 0;
    std::optional<Clock::time_point> locked_at;
  };
  std::optional<int64_t> DaysLeftLocked(const Account& account, State& state,
                                        Clock::time_point now);

  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, State> states_;  // GUARDED_BY(mutex_)
};

// MAX_QUERIES_PER_HOUR, MAX_UPDATES_PER_HOUR, MAX_CONNECTIONS_PER_HOUR: what each account with
// such a limit used in the hour that began with its first use counted. In memory, as in
// MySQL: FLUSH PRIVILEGES / FLUSH USER_RESOURCES start every count again, new limits the
// account's. Thread-safe.
class AccountUsage {
 public:
  using Clock = std::chrono::steady_clock;
  enum class Resource { kQuestions, kUpdates, kConnections };

  // Counts one use of `resource` by `account`; when its limit (the Account's max_questions,
  // max_updates or max_connections_per_hour; 0: none) is already used up, counts nothing and
  // returns the limit.
  std::optional<uint32_t> Use(const Account& account, Resource resource, Clock::time_point now);
  void Forget(std::string_view user, std::string_view host);
  void ForgetAll();

 private:
  struct Counts {
    Clock::time_point started;
    uint64_t used[3] = {0, 0, 0};
  };
  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, Counts> counts_;  // GUARDED_BY(mutex_)
};

// Holds the current snapshot. Thread-safe: readers take a shared_ptr and keep using it while a
// writer swaps in a new one (FLUSH PRIVILEGES, CREATE USER, GRANT, ...). Also holds the
// accounts' temporary password locks and hourly usage, which outlive snapshots.
class AccountStore {
 public:
  AccountStore();  // starts with an empty snapshot, so Current() is never null
  std::shared_ptr<const AccountSnapshot> Current() const;
  // Installs `snapshot` unless one of a later `version` is installed already: snapshots read
  // one after the other under the server's write lock carry increasing versions, and a
  // reader that installs late cannot put an older view back.
  void Replace(std::shared_ptr<const AccountSnapshot> snapshot, uint64_t version = 0);
  PasswordLocks& password_locks() { return password_locks_; }
  AccountUsage& usage() { return usage_; }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const AccountSnapshot> current_;
  uint64_t version_ = 0;
  PasswordLocks password_locks_;
  AccountUsage usage_;
};

}  // namespace porpoise::auth
