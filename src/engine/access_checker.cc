// AccessChecker: privilege checks against the session's account in the current snapshot,
// refused with MySQL's 1227 / 1044 / 1142 / 1143 wording. (engine/)
#include "engine/access_checker.h"

#include <algorithm>
#include <cctype>

#include "common/strings.h"

namespace porpoise::engine {
namespace {

// Every account may see and use information_schema, as in MySQL.
bool IsInformationSchema(std::string_view database) {
  constexpr std::string_view kName = "information_schema";
  if (database.size() != kName.size()) return false;
  for (size_t index = 0; index < kName.size(); ++index) {
    if (std::tolower(static_cast<unsigned char>(database[index])) != kName[index]) return false;
  }
  return true;
}

// performance_schema is read-only for every account, and every account may use it (its
// public tables need no grant; the session decides which those are).
bool IsPerformanceSchema(std::string_view database) { return database == "performance_schema"; }

}  // namespace

AccessChecker::AccessChecker(const auth::AccountStore& store, Principal principal)
    : store_(&store), principal_(std::move(principal)) {
  Refresh();
}

void AccessChecker::Refresh() {
  std::shared_ptr<const auth::AccountSnapshot> current = store_->Current();
  if (current == snapshot_) return;  // nothing granted or revoked since
  const auth::Account* account =
      current->FindExact(principal_.account_user, principal_.account_host);
  // A dropped account's open sessions keep the privileges they had until they end, as in
  // MySQL ("DROP USER does not automatically close any open user sessions").
  if (account == nullptr && account_ != nullptr) return;
  snapshot_ = std::move(current);
  account_ = account;
  ComputeGrantees();
}

namespace {

bool SameRole(const AccessChecker::RoleName& name, const auth::Account& role) {
  return name.first == role.user && EqualsIgnoreCase(name.second, role.host);
}

}  // namespace

std::vector<const auth::Account*> AccessChecker::AvailableRoles() const {
  std::vector<const auth::Account*> roles;
  if (account_ == nullptr) return roles;
  roles = snapshot_->GrantedRoles(*account_);
  for (const RoleName& name : mandatory_roles_) {
    const auth::Account* role = snapshot_->FindExact(name.first, name.second);
    if (role != nullptr && role != account_ &&
        std::find(roles.begin(), roles.end(), role) == roles.end()) {
      roles.push_back(role);
    }
  }
  return roles;
}

void AccessChecker::ComputeGrantees() {
  grantees_.clear();
  if (account_ == nullptr) return;
  grantees_.push_back(account_);
  // Active roles still available to the account, then whatever roles they were granted.
  std::vector<const auth::Account*> available = AvailableRoles();
  std::vector<const auth::Account*> pending;
  for (const RoleName& name : active_roles_) {
    for (const auth::Account* role : available) {
      if (SameRole(name, *role)) pending.push_back(role);
    }
  }
  while (!pending.empty()) {
    const auth::Account* role = pending.back();
    pending.pop_back();
    if (std::find(grantees_.begin(), grantees_.end(), role) != grantees_.end()) continue;
    grantees_.push_back(role);
    for (const auth::Account* inner : snapshot_->GrantedRoles(*role)) pending.push_back(inner);
  }
}

void AccessChecker::SetMandatoryRoles(std::vector<RoleName> roles) {
  mandatory_roles_ = std::move(roles);
  ComputeGrantees();
}

void AccessChecker::ActivateDefaultRoles(bool all) {
  active_roles_.clear();
  if (account_ != nullptr) {
    for (const auth::Account* role :
         all ? AvailableRoles() : snapshot_->DefaultRoles(*account_)) {
      active_roles_.emplace_back(role->user, role->host);
    }
  }
  ComputeGrantees();
}

Status AccessChecker::SetRoles(RoleMode mode, const std::vector<RoleName>& roles) {
  if (account_ == nullptr) return Status::OK();
  std::vector<const auth::Account*> available = AvailableRoles();
  auto find = [&](const RoleName& name) -> const auth::Account* {
    for (const auth::Account* role : available) {
      if (SameRole(name, *role)) return role;
    }
    return nullptr;
  };
  std::vector<RoleName> next;
  switch (mode) {
    case RoleMode::kNone:
      break;
    case RoleMode::kDefault:
      for (const auth::Account* role : snapshot_->DefaultRoles(*account_)) {
        next.emplace_back(role->user, role->host);
      }
      break;
    case RoleMode::kAll:
    case RoleMode::kAllExcept:
      for (const auth::Account* role : available) {
        bool excepted = false;
        for (const RoleName& name : roles) excepted = excepted || SameRole(name, *role);
        if (mode == RoleMode::kAll || !excepted) next.emplace_back(role->user, role->host);
      }
      break;
    case RoleMode::kNamed:
      for (const RoleName& name : roles) {
        const auth::Account* role = find(name);
        if (role == nullptr) {
          return Status::Error(ER_ROLE_NOT_GRANTED, name.first, name.second,
                               principal_.account_user, principal_.account_host);
        }
        next.emplace_back(role->user, role->host);
      }
      break;
  }
  active_roles_ = std::move(next);
  ComputeGrantees();
  return Status::OK();
}

std::string AccessChecker::CurrentRoleText() const {
  std::vector<std::string> names;
  for (size_t index = 1; index < grantees_.size(); ++index) {
    const auth::Account* role = grantees_[index];
    bool active = false;
    for (const RoleName& name : active_roles_) active = active || SameRole(name, *role);
    if (active) names.push_back("`" + role->user + "`@`" + role->host + "`");
  }
  if (names.empty()) return "NONE";
  std::sort(names.begin(), names.end());
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ",") + name;
  return text;
}

const auth::Account* AccessChecker::account() const { return account_; }

bool AccessChecker::HasGlobal(auth::Privilege privilege) const {
  return (Union([](const auth::Account& a) { return a.global_privileges; }) &
          auth::Bit(privilege)) != 0;
}

bool AccessChecker::HasSuperOr(std::string_view name) const {
  for (const auth::Account* grantee : grantees_) {
    if (grantee->HasSuperOr(name)) return true;
  }
  return false;
}

bool AccessChecker::HasDynamic(std::string_view name) const {
  for (const auth::Account* grantee : grantees_) {
    if (grantee->HasDynamic(name)) return true;
  }
  return false;
}

Status AccessChecker::CheckSuperOr(std::string_view name) const {
  if (HasSuperOr(name)) return Status::OK();
  return Status::Error(ER_SPECIFIC_ACCESS_DENIED_ERROR, "SUPER or " + std::string(name));
}

Status AccessChecker::CheckGlobal(auth::Privilege privilege) const {
  if (HasGlobal(privilege)) return Status::OK();
  return Status::Error(ER_SPECIFIC_ACCESS_DENIED_ERROR, auth::PrivilegeName(privilege));
}

Status AccessChecker::CheckDatabase(auth::Privilege privilege, std::string_view database) const {
  if ((Union([&](const auth::Account& a) { return snapshot_->DatabasePrivileges(a, database); }) &
       auth::Bit(privilege)) != 0) {
    return Status::OK();
  }
  return Status::Error(ER_DBACCESS_DENIED_ERROR, principal_.account_user, principal_.account_host,
                       database);
}

bool AccessChecker::HasTable(auth::Privilege privilege, std::string_view database,
                             std::string_view table) const {
  bool read_only = IsPerformanceSchema(database) && privilege != auth::Privilege::kSelect;
  return !read_only && (Union([&](const auth::Account& a) {
                         return snapshot_->TablePrivileges(a, database, table);
                       }) & auth::Bit(privilege)) != 0;
}

Status AccessChecker::CheckTable(auth::Privilege privilege, std::string_view database,
                                 std::string_view table) const {
  if (HasTable(privilege, database, table)) return Status::OK();
  // MySQL names the account's user but the client's own host in 1142.
  return Status::Error(ER_TABLEACCESS_DENIED_ERROR, auth::PrivilegeName(privilege),
                       principal_.account_user, principal_.client_host, table);
}

Status AccessChecker::CheckRoutine(auth::Privilege privilege, std::string_view database,
                                   std::string_view routine, bool procedure) const {
  if ((Union([&](const auth::Account& a) {
         return snapshot_->RoutinePrivileges(a, database, routine, procedure);
       }) & auth::Bit(privilege)) != 0) {
    return Status::OK();
  }
  return Status::Error(ER_PROCACCESS_DENIED_ERROR, ToLowerAscii(auth::PrivilegeName(privilege)),
                       principal_.account_user, principal_.account_host,
                       std::string(database) + "." + std::string(routine));
}

Status AccessChecker::CheckTableOrColumns(auth::Privilege privilege, std::string_view database,
                                          std::string_view table) const {
  if (!IsPerformanceSchema(database) && (Union([&](const auth::Account& a) {
                                            return snapshot_->SomeColumnPrivileges(a, database, table);
                                          }) & auth::Bit(privilege)) != 0) {
    return Status::OK();
  }
  return CheckTable(privilege, database, table);
}

Status AccessChecker::CheckColumn(auth::Privilege privilege, std::string_view database,
                                  std::string_view table, std::string_view column) const {
  bool read_only = IsPerformanceSchema(database) && privilege != auth::Privilege::kSelect;
  if (!read_only && (Union([&](const auth::Account& a) {
                       return snapshot_->ColumnPrivileges(a, database, table, column);
                     }) & auth::Bit(privilege)) != 0) {
    return Status::OK();
  }
  return Status::Error(ER_COLUMNACCESS_DENIED_ERROR, auth::PrivilegeName(privilege),
                       principal_.account_user, principal_.client_host, column, table);
}

namespace {

constexpr auth::PrivilegeSet kColumnPrivileges =
    auth::Bit(auth::Privilege::kSelect) | auth::Bit(auth::Privilege::kInsert) |
    auth::Bit(auth::Privilege::kUpdate) | auth::Bit(auth::Privilege::kReferences);

}  // namespace

bool AccessChecker::CanSeeTable(std::string_view database, std::string_view table) const {
  if (account_ == nullptr) return false;
  if (IsInformationSchema(database)) return true;
  const auth::PrivilegeSet table_level =
      auth::AllTablePrivileges() | auth::Bit(auth::Privilege::kGrantOption);
  return (Union([&](const auth::Account& a) {
            return (snapshot_->TablePrivileges(a, database, table) & table_level) |
                   snapshot_->SomeColumnPrivileges(a, database, table);
          })) != 0;
}

auth::PrivilegeSet AccessChecker::ColumnAccess(std::string_view database, std::string_view table,
                                               std::string_view column) const {
  return Union([&](const auth::Account& a) {
           return snapshot_->ColumnPrivileges(a, database, table, column);
         }) & kColumnPrivileges;
}

Status AccessChecker::CheckSeeTable(std::string_view command, std::string_view database,
                                    std::string_view table) const {
  if (CanSeeTable(database, table)) return Status::OK();
  return Status::Error(ER_TABLEACCESS_DENIED_ERROR, command,
                       principal_.account_user, principal_.client_host, table);
}

bool AccessChecker::AnyPrivilegeIn(std::string_view database) const {
  for (const auth::Account* grantee : grantees_) {
    if (snapshot_->HasAnyPrivilegeIn(*grantee, database)) return true;
  }
  return false;
}

bool AccessChecker::CanSeeDatabase(std::string_view database) const {
  if (account_ == nullptr) return false;
  return IsInformationSchema(database) || IsPerformanceSchema(database) ||
         HasGlobal(auth::Privilege::kShowDatabases) || AnyPrivilegeIn(database);
}

Status AccessChecker::CheckUseDatabase(std::string_view database) const {
  if (account_ != nullptr &&
      (IsInformationSchema(database) || IsPerformanceSchema(database) ||
       AnyPrivilegeIn(database))) {
    return Status::OK();
  }
  return Status::Error(ER_DBACCESS_DENIED_ERROR, principal_.account_user, principal_.account_host,
                       database);
}

}  // namespace porpoise::engine
