// Accounts and grants as loaded from the mysql schema, the most-specific-match lookup used at
// login, and the privilege questions every statement asks. Pure data: no sockets, no SQLite.
// (auth/)
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
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
  // REQUIRE: mysql.user's ssl_type ("" none, "ANY" SSL, "X509", "SPECIFIED") and, for
  // SPECIFIED, the cipher and the client certificate's issuer and subject ("" when not named).
  std::string ssl_type, ssl_cipher, x509_issuer, x509_subject;
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
  PrivilegeSet privileges = 0;
};

// An immutable picture of every account and grant. Built by whoever reads the mysql schema,
// then shared read-only between connections.
class AccountSnapshot {
 public:
  AccountSnapshot(std::vector<Account> accounts, std::vector<DatabaseGrant> database_grants,
                  std::vector<TableGrant> table_grants);

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
  // True when the account holds any privilege in the database or on a table in it
  // (decides SHOW DATABASES visibility and USE permission).
  bool HasAnyPrivilegeIn(const Account& account, std::string_view database) const;

  const std::vector<Account>& accounts() const { return accounts_; }
  const std::vector<DatabaseGrant>& database_grants() const { return database_grants_; }
  const std::vector<TableGrant>& table_grants() const { return table_grants_; }

 private:
  std::vector<Account> accounts_;  // sorted in login-match order
  std::vector<DatabaseGrant> database_grants_;
  std::vector<TableGrant> table_grants_;
};

// Holds the current snapshot. Thread-safe: readers take a shared_ptr and keep using it while a
// writer swaps in a new one (FLUSH PRIVILEGES, CREATE USER, GRANT, ...).
class AccountStore {
 public:
  AccountStore();  // starts with an empty snapshot, so Current() is never null
  std::shared_ptr<const AccountSnapshot> Current() const;
  void Replace(std::shared_ptr<const AccountSnapshot> snapshot);

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const AccountSnapshot> current_;
};

}  // namespace porpoise::auth
