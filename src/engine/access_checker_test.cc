// Tests for AccessChecker: privilege checks at each level, MySQL's refusal wording, and
// Refresh picking up a new snapshot. (engine/)
#include "engine/access_checker.h"

#include <gtest/gtest.h>

namespace porpoise::engine {
namespace {

using auth::Bit;
using auth::Privilege;

std::shared_ptr<const auth::AccountSnapshot> MakeSnapshot(auth::PrivilegeSet global) {
  auth::Account bob;
  bob.user = "bob";
  bob.host = "%";
  bob.global_privileges = global;
  return std::make_shared<const auth::AccountSnapshot>(
      std::vector<auth::Account>{bob},
      std::vector<auth::DatabaseGrant>{{"bob", "%", "shop", Bit(Privilege::kInsert)}},
      std::vector<auth::TableGrant>{{"bob", "%", "crm", "leads", Bit(Privilege::kSelect)}});
}

Principal Bob() { return Principal{"bob", "10.0.0.7", "bob", "%"}; }

TEST(AccessCheckerTest, GlobalPrivilegesAndTheSuperMessage) {
  auth::AccountStore store;
  store.Replace(MakeSnapshot(Bit(Privilege::kProcess)));
  AccessChecker checker(store, Bob());
  ASSERT_NE(checker.account(), nullptr);
  EXPECT_TRUE(checker.HasGlobal(Privilege::kProcess));
  EXPECT_TRUE(checker.CheckGlobal(Privilege::kProcess).ok());
  Status denied = checker.CheckGlobal(Privilege::kSuper);
  EXPECT_EQ(denied.code(), 1227);
  EXPECT_EQ(denied.message(),
            "Access denied; you need (at least one of) the SUPER privilege(s) for this operation");
}

TEST(AccessCheckerTest, DatabaseLevelUsesTheAccountsParts) {
  auth::AccountStore store;
  store.Replace(MakeSnapshot(0));
  AccessChecker checker(store, Bob());
  EXPECT_TRUE(checker.CheckDatabase(Privilege::kInsert, "shop").ok());
  Status denied = checker.CheckDatabase(Privilege::kDrop, "shop");
  EXPECT_EQ(denied.code(), 1044);
  EXPECT_EQ(denied.sqlstate(), "42000");
  EXPECT_EQ(denied.message(), "Access denied for user 'bob'@'%' to database 'shop'");
}

TEST(AccessCheckerTest, TableLevelCombinesAllLevels) {
  auth::AccountStore store;
  store.Replace(MakeSnapshot(0));
  AccessChecker checker(store, Bob());
  EXPECT_TRUE(checker.CheckTable(Privilege::kSelect, "crm", "leads").ok());
  EXPECT_TRUE(checker.CheckTable(Privilege::kInsert, "shop", "orders").ok());
  Status denied = checker.CheckTable(Privilege::kSelect, "crm", "deals");
  EXPECT_EQ(denied.code(), 1142);
  // The account's user, but the client's host, as MySQL words 1142.
  EXPECT_EQ(denied.message(), "SELECT command denied to user 'bob'@'10.0.0.7' for table 'deals'");
}

TEST(AccessCheckerTest, ColumnLevelFollowsTheTableAndNamesTheColumn) {
  auth::AccountStore store;
  store.Replace(MakeSnapshot(0));
  AccessChecker checker(store, Bob());
  EXPECT_TRUE(checker.CheckColumn(Privilege::kSelect, "crm", "leads", "email").ok());
  Status denied = checker.CheckColumn(Privilege::kSelect, "shop", "orders", "total");
  EXPECT_EQ(denied.code(), 1143);
  EXPECT_EQ(denied.sqlstate(), "42000");
  EXPECT_EQ(denied.message(),
            "SELECT command denied to user 'bob'@'10.0.0.7' for column 'total' in table 'orders'");
}

TEST(AccessCheckerTest, VisibilityAndUse) {
  auth::AccountStore store;
  store.Replace(MakeSnapshot(0));
  AccessChecker checker(store, Bob());
  EXPECT_TRUE(checker.CanSeeDatabase("shop"));
  EXPECT_TRUE(checker.CanSeeDatabase("crm"));
  EXPECT_FALSE(checker.CanSeeDatabase("hr"));
  EXPECT_TRUE(checker.CanSeeDatabase("information_schema"));
  EXPECT_TRUE(checker.CheckUseDatabase("crm").ok());
  EXPECT_TRUE(checker.CheckUseDatabase("INFORMATION_SCHEMA").ok());
  EXPECT_EQ(checker.CheckUseDatabase("hr").code(), 1044);

  store.Replace(MakeSnapshot(Bit(Privilege::kShowDatabases)));
  checker.Refresh();
  EXPECT_TRUE(checker.CanSeeDatabase("hr"));
  EXPECT_EQ(checker.CheckUseDatabase("hr").code(), 1044);  // seeing is not using
}

TEST(AccessCheckerTest, RefreshSeesGrantsAndKeepsADroppedAccountsPrivileges) {
  auth::AccountStore store;
  store.Replace(MakeSnapshot(0));
  AccessChecker checker(store, Bob());
  EXPECT_FALSE(checker.HasGlobal(Privilege::kSelect));
  store.Replace(MakeSnapshot(Bit(Privilege::kSelect)));
  EXPECT_FALSE(checker.HasGlobal(Privilege::kSelect));  // until the next statement
  checker.Refresh();
  EXPECT_TRUE(checker.HasGlobal(Privilege::kSelect));
  store.Replace(std::make_shared<const auth::AccountSnapshot>(std::vector<auth::Account>{},
                                                              std::vector<auth::DatabaseGrant>{},
                                                              std::vector<auth::TableGrant>{}));
  checker.Refresh();
  // DROP USER does not end the account's open sessions: they keep what they had.
  ASSERT_NE(checker.account(), nullptr);
  EXPECT_TRUE(checker.HasGlobal(Privilege::kSelect));
  EXPECT_TRUE(checker.CanSeeDatabase("crm"));
}

}  // namespace
}  // namespace porpoise::engine
