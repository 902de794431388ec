// AccountSnapshot: login matching in MySQL's order and the privilege lookups over global,
// database and table grants; AccountStore: the swappable current snapshot. (auth/)
#include "auth/account.h"
#include "common/strings.h"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace porpoise::auth {
namespace {

bool SameAccount(std::string_view user, std::string_view host, const Account& account) {
  return user == account.user && ToLowerAscii(host) == ToLowerAscii(account.host);
}

// Database-name specificity: exact names first, then patterns by literal prefix length.
int DatabaseSpecificity(std::string_view pattern) {
  if (!HasWildcard(pattern)) return 0;
  return HostSpecificity(pattern);
}

bool DatabaseMatches(std::string_view pattern, std::string_view database) {
  if (pattern == database) return true;
  return HasWildcard(pattern) && WildcardMatch(pattern, database, /*case_sensitive=*/true);
}

}  // namespace

AccountSnapshot::AccountSnapshot(std::vector<Account> accounts,
                                 std::vector<DatabaseGrant> database_grants,
                                 std::vector<TableGrant> table_grants,
                                 std::vector<ColumnGrant> column_grants,
                                 std::vector<RoleEdge> role_edges,
                                 std::vector<DefaultRole> default_roles,
                                 std::vector<RoutineGrant> routine_grants)
    : accounts_(std::move(accounts)),
      database_grants_(std::move(database_grants)),
      table_grants_(std::move(table_grants)),
      column_grants_(std::move(column_grants)),
      role_edges_(std::move(role_edges)),
      default_roles_(std::move(default_roles)),
      routine_grants_(std::move(routine_grants)) {
  std::stable_sort(column_grants_.begin(), column_grants_.end(),
                   [](const ColumnGrant& a, const ColumnGrant& b) {
                     return std::tie(a.database, a.table, a.column) <
                            std::tie(b.database, b.table, b.column);
                   });
  std::stable_sort(accounts_.begin(), accounts_.end(), [](const Account& a, const Account& b) {
    // Anonymous users sort after named ones with the same host specificity.
    return std::make_tuple(HostSpecificity(a.host), a.user.empty(), ToLowerAscii(a.host), a.user) <
           std::make_tuple(HostSpecificity(b.host), b.user.empty(), ToLowerAscii(b.host), b.user);
  });
  std::stable_sort(database_grants_.begin(), database_grants_.end(),
                   [](const DatabaseGrant& a, const DatabaseGrant& b) {
                     return std::make_tuple(DatabaseSpecificity(a.database), a.database) <
                            std::make_tuple(DatabaseSpecificity(b.database), b.database);
                   });
}

const Account* AccountSnapshot::FindForLogin(std::string_view user,
                                             const ClientAddress& client) const {
  for (const Account& account : accounts_) {
    if ((account.user.empty() || account.user == user) && HostMatches(account.host, client)) {
      return &account;
    }
  }
  return nullptr;
}

bool AccountSnapshot::AnyHostMatches(const ClientAddress& client) const {
  return std::any_of(accounts_.begin(), accounts_.end(),
                     [&](const Account& account) { return HostMatches(account.host, client); });
}

const Account* AccountSnapshot::FindExact(std::string_view user, std::string_view host) const {
  for (const Account& account : accounts_) {
    if (SameAccount(user, host, account)) return &account;
  }
  return nullptr;
}

PrivilegeSet AccountSnapshot::DatabasePrivileges(const Account& account,
                                                 std::string_view database) const {
  PrivilegeSet set = account.global_privileges;
  // Rows are sorted exact-first, so the first match is the most specific one.
  for (const DatabaseGrant& grant : database_grants_) {
    if (SameAccount(grant.user, grant.host, account) && DatabaseMatches(grant.database, database)) {
      set |= grant.privileges;
      break;
    }
  }
  return set;
}

PrivilegeSet AccountSnapshot::TablePrivileges(const Account& account, std::string_view database,
                                              std::string_view table) const {
  PrivilegeSet set = DatabasePrivileges(account, database);
  for (const TableGrant& grant : table_grants_) {
    if (SameAccount(grant.user, grant.host, account) && grant.database == database &&
        grant.table == table) {
      set |= grant.privileges;
    }
  }
  return set;
}

PrivilegeSet AccountSnapshot::SomeColumnPrivileges(const Account& account,
                                                   std::string_view database,
                                                   std::string_view table) const {
  PrivilegeSet set = 0;
  for (const TableGrant& grant : table_grants_) {
    if (SameAccount(grant.user, grant.host, account) && grant.database == database &&
        grant.table == table) {
      set |= grant.column_privileges;
    }
  }
  return set;
}

PrivilegeSet AccountSnapshot::ColumnPrivileges(const Account& account, std::string_view database,
                                               std::string_view table,
                                               std::string_view column) const {
  PrivilegeSet set = TablePrivileges(account, database, table);
  for (const ColumnGrant& grant : column_grants_) {
    if (SameAccount(grant.user, grant.host, account) && grant.database == database &&
        grant.table == table && EqualsIgnoreCase(grant.column, column)) {
      set |= grant.privileges;
    }
  }
  return set;
}

PrivilegeSet AccountSnapshot::RoutinePrivileges(const Account& account, std::string_view database,
                                                std::string_view routine, bool procedure) const {
  PrivilegeSet set = DatabasePrivileges(account, database);
  for (const RoutineGrant& grant : routine_grants_) {
    if (SameAccount(grant.user, grant.host, account) && grant.database == database &&
        grant.procedure == procedure && EqualsIgnoreCase(grant.routine, routine)) {
      set |= grant.privileges;
    }
  }
  return set;
}

std::vector<const Account*> AccountSnapshot::GrantedRoles(const Account& account) const {
  std::vector<const Account*> roles;
  for (const RoleEdge& edge : role_edges_) {
    if (!SameAccount(edge.user, edge.host, account)) continue;
    if (const Account* role = FindExact(edge.role_user, edge.role_host)) roles.push_back(role);
  }
  return roles;
}

std::vector<const Account*> AccountSnapshot::DefaultRoles(const Account& account) const {
  std::vector<const Account*> roles;
  for (const DefaultRole& row : default_roles_) {
    if (!SameAccount(row.user, row.host, account)) continue;
    if (const Account* role = FindExact(row.role_user, row.role_host)) roles.push_back(role);
  }
  return roles;
}

const RoleEdge* AccountSnapshot::FindRoleEdge(const Account& role, const Account& account) const {
  for (const RoleEdge& edge : role_edges_) {
    if (SameAccount(edge.user, edge.host, account) &&
        SameAccount(edge.role_user, edge.role_host, role)) {
      return &edge;
    }
  }
  return nullptr;
}

bool AccountSnapshot::HasAnyPrivilegeIn(const Account& account, std::string_view database) const {
  const PrivilegeSet database_mask = AllDatabasePrivileges() | Bit(Privilege::kGrantOption);
  if ((DatabasePrivileges(account, database) & database_mask) != 0) return true;
  bool on_table =
      std::any_of(table_grants_.begin(), table_grants_.end(), [&](const TableGrant& grant) {
        return (grant.privileges | grant.column_privileges) != 0 &&
               SameAccount(grant.user, grant.host, account) && grant.database == database;
      });
  return on_table ||
         std::any_of(routine_grants_.begin(), routine_grants_.end(), [&](const RoutineGrant& grant) {
           return grant.privileges != 0 && SameAccount(grant.user, grant.host, account) &&
                  grant.database == database;
         });
}

AccountStore::AccountStore()
    : current_(std::make_shared<const AccountSnapshot>(
          std::vector<Account>{}, std::vector<DatabaseGrant>{}, std::vector<TableGrant>{})) {}

std::shared_ptr<const AccountSnapshot> AccountStore::Current() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return current_;
}

void AccountStore::Replace(std::shared_ptr<const AccountSnapshot> snapshot, uint64_t version) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (version < version_) return;
  version_ = version;
  current_ = std::move(snapshot);
}

namespace {

// Erases the entries of 'user'@'host' (host compared case-insensitively) from a map keyed by
// (user, host).
template <typename Map>
void EraseAccount(Map& map, std::string_view user, std::string_view host) {
  for (auto it = map.begin(); it != map.end();) {
    bool same = it->first.first == user && EqualsIgnoreCase(it->first.second, host);
    it = same ? map.erase(it) : std::next(it);
  }
}

}  // namespace

std::optional<int64_t> PasswordLocks::DaysLeftLocked(const Account& account, State& state,
                                                     Clock::time_point now) {
  if (!state.locked_at) return std::nullopt;
  if (account.password_lock_time < 0) return -1;
  auto elapsed = std::chrono::duration_cast<std::chrono::hours>(now - *state.locked_at);
  int64_t days_passed = elapsed.count() / 24;
  if (days_passed >= account.password_lock_time) {
    state = State{};
    return std::nullopt;
  }
  return account.password_lock_time - days_passed;
}

std::optional<int64_t> PasswordLocks::DaysLeft(const Account& account, Clock::time_point now) {
  if (!account.TracksFailedLogins()) return std::nullopt;
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = states_.find({account.user, account.host});
  if (found == states_.end()) return std::nullopt;
  return DaysLeftLocked(account, found->second, now);
}

std::optional<int64_t> PasswordLocks::RecordFailure(const Account& account,
                                                    Clock::time_point now) {
  if (!account.TracksFailedLogins()) return std::nullopt;
  std::lock_guard<std::mutex> lock(mutex_);
  State& state = states_[{account.user, account.host}];
  if (std::optional<int64_t> left = DaysLeftLocked(account, state, now)) return left;
  if (++state.failures < account.failed_login_attempts) return std::nullopt;
  state.locked_at = now;
  return DaysLeftLocked(account, state, now);
}

void PasswordLocks::RecordSuccess(const Account& account) {
  if (!account.TracksFailedLogins()) return;
  std::lock_guard<std::mutex> lock(mutex_);
  states_.erase({account.user, account.host});
}

void PasswordLocks::Forget(std::string_view user, std::string_view host) {
  std::lock_guard<std::mutex> lock(mutex_);
  EraseAccount(states_, user, host);
}

std::optional<uint32_t> AccountUsage::Use(const Account& account, Resource resource,
                                          Clock::time_point now) {
  uint32_t limit = resource == Resource::kQuestions ? account.max_questions
                   : resource == Resource::kUpdates ? account.max_updates
                                                    : account.max_connections_per_hour;
  if (limit == 0) return std::nullopt;
  std::lock_guard<std::mutex> lock(mutex_);
  auto [found, added] = counts_.try_emplace({account.user, account.host});
  Counts& counts = found->second;
  if (added || now - counts.started >= std::chrono::hours(1)) counts = Counts{now};
  uint64_t& used = counts.used[static_cast<int>(resource)];
  if (used >= limit) return limit;
  ++used;
  return std::nullopt;
}

void AccountUsage::Forget(std::string_view user, std::string_view host) {
  std::lock_guard<std::mutex> lock(mutex_);
  EraseAccount(counts_, user, host);
}

void AccountUsage::ForgetAll() {
  std::lock_guard<std::mutex> lock(mutex_);
  counts_.clear();
}

void PasswordLocks::ForgetAll() {
  std::lock_guard<std::mutex> lock(mutex_);
  states_.clear();
}

}  // namespace porpoise::auth
