// AccessChecker: privilege checks against the session's account in the current snapshot,
// refused with MySQL's 1227 / 1044 / 1142 / 1143 wording. (engine/)
#include "engine/access_checker.h"

#include <cctype>

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
  const auth::Account* account =
      current->FindExact(principal_.account_user, principal_.account_host);
  // A dropped account's open sessions keep the privileges they had until they end, as in
  // MySQL ("DROP USER does not automatically close any open user sessions").
  if (account == nullptr && account_ != nullptr) return;
  snapshot_ = std::move(current);
  account_ = account;
}

const auth::Account* AccessChecker::account() const { return account_; }

bool AccessChecker::HasGlobal(auth::Privilege privilege) const {
  return account_ != nullptr && (account_->global_privileges & auth::Bit(privilege)) != 0;
}

bool AccessChecker::HasSuperOr(std::string_view name) const {
  return account_ != nullptr && account_->HasSuperOr(name);
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
  if (account_ != nullptr &&
      (snapshot_->DatabasePrivileges(*account_, database) & auth::Bit(privilege)) != 0) {
    return Status::OK();
  }
  return Status::Error(ER_DBACCESS_DENIED_ERROR, principal_.account_user, principal_.account_host,
                       database);
}

bool AccessChecker::HasTable(auth::Privilege privilege, std::string_view database,
                             std::string_view table) const {
  bool read_only = IsPerformanceSchema(database) && privilege != auth::Privilege::kSelect;
  return account_ != nullptr && !read_only &&
         (snapshot_->TablePrivileges(*account_, database, table) & auth::Bit(privilege)) != 0;
}

Status AccessChecker::CheckTable(auth::Privilege privilege, std::string_view database,
                                 std::string_view table) const {
  if (HasTable(privilege, database, table)) return Status::OK();
  // MySQL names the account's user but the client's own host in 1142.
  return Status::Error(ER_TABLEACCESS_DENIED_ERROR, auth::PrivilegeName(privilege),
                       principal_.account_user, principal_.client_host, table);
}

Status AccessChecker::CheckTableOrColumns(auth::Privilege privilege, std::string_view database,
                                          std::string_view table) const {
  if (account_ != nullptr && !IsPerformanceSchema(database) &&
      (snapshot_->SomeColumnPrivileges(*account_, database, table) & auth::Bit(privilege)) != 0) {
    return Status::OK();
  }
  return CheckTable(privilege, database, table);
}

Status AccessChecker::CheckColumn(auth::Privilege privilege, std::string_view database,
                                  std::string_view table, std::string_view column) const {
  bool read_only = IsPerformanceSchema(database) && privilege != auth::Privilege::kSelect;
  if (account_ != nullptr && !read_only &&
      (snapshot_->ColumnPrivileges(*account_, database, table, column) & auth::Bit(privilege)) !=
          0) {
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
  return (snapshot_->TablePrivileges(*account_, database, table) & table_level) != 0 ||
         snapshot_->SomeColumnPrivileges(*account_, database, table) != 0;
}

auth::PrivilegeSet AccessChecker::ColumnAccess(std::string_view database, std::string_view table,
                                               std::string_view column) const {
  if (account_ == nullptr) return 0;
  return snapshot_->ColumnPrivileges(*account_, database, table, column) & kColumnPrivileges;
}

Status AccessChecker::CheckSeeTable(std::string_view command, std::string_view database,
                                    std::string_view table) const {
  if (CanSeeTable(database, table)) return Status::OK();
  return Status::Error(ER_TABLEACCESS_DENIED_ERROR, command,
                       principal_.account_user, principal_.client_host, table);
}

bool AccessChecker::CanSeeDatabase(std::string_view database) const {
  if (account_ == nullptr) return false;
  return IsInformationSchema(database) || IsPerformanceSchema(database) ||
         HasGlobal(auth::Privilege::kShowDatabases) ||
         snapshot_->HasAnyPrivilegeIn(*account_, database);
}

Status AccessChecker::CheckUseDatabase(std::string_view database) const {
  if (account_ != nullptr &&
      (IsInformationSchema(database) || IsPerformanceSchema(database) ||
       snapshot_->HasAnyPrivilegeIn(*account_, database))) {
    return Status::OK();
  }
  return Status::Error(ER_DBACCESS_DENIED_ERROR, principal_.account_user, principal_.account_host,
                       database);
}

}  // namespace porpoise::engine
