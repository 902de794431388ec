// Tests for AccountSnapshot's login matching and privilege lookups, AccountStore, and the
// privilege name table. (auth/)
#include "auth/account.h"

#include <gtest/gtest.h>

namespace porpoise::auth {
namespace {

Account MakeAccount(std::string user, std::string host, PrivilegeSet privileges = 0) {
  Account account;
  account.user = std::move(user);
  account.host = std::move(host);
  account.plugin = "caching_sha2_password";
  account.global_privileges = privileges;
  return account;
}

ClientAddress Tcp(std::string ip) { return ClientAddress{false, std::move(ip)}; }

TEST(AccountSnapshotTest, FindForLoginPicksTheMostSpecificHost) {
  AccountSnapshot snapshot({MakeAccount("bob", "%"), MakeAccount("bob", "10.0.0.%"),
                            MakeAccount("bob", "10.0.0.7"), MakeAccount("bob", "10.%")},
                           {}, {});
  const Account* match = snapshot.FindForLogin("bob", Tcp("10.0.0.7"));
  ASSERT_NE(match, nullptr);
  EXPECT_EQ(match->host, "10.0.0.7");
  match = snapshot.FindForLogin("bob", Tcp("10.0.0.8"));
  ASSERT_NE(match, nullptr);
  EXPECT_EQ(match->host, "10.0.0.%");
  match = snapshot.FindForLogin("bob", Tcp("10.9.0.8"));
  ASSERT_NE(match, nullptr);
  EXPECT_EQ(match->host, "10.%");
  match = snapshot.FindForLogin("bob", Tcp("192.168.0.1"));
  ASSERT_NE(match, nullptr);
  EXPECT_EQ(match->host, "%");
  EXPECT_EQ(snapshot.FindForLogin("alice", Tcp("10.0.0.7")), nullptr);
}

TEST(AccountSnapshotTest, HostSpecificityBeatsTheUserName) {
  // MySQL's classic surprise: the anonymous ''@localhost beats 'bob'@'%' for a local login.
  AccountSnapshot snapshot({MakeAccount("bob", "%"), MakeAccount("", "localhost")}, {}, {});
  const Account* match = snapshot.FindForLogin("bob", ClientAddress{true, ""});
  ASSERT_NE(match, nullptr);
  EXPECT_EQ(match->user, "");
  match = snapshot.FindForLogin("bob", Tcp("10.1.1.1"));
  ASSERT_NE(match, nullptr);
  EXPECT_EQ(match->user, "bob");
}

TEST(AccountSnapshotTest, NamedUserBeforeAnonymousOnTheSameHost) {
  AccountSnapshot snapshot({MakeAccount("", "localhost"), MakeAccount("bob", "localhost")}, {}, {});
  const Account* match = snapshot.FindForLogin("bob", ClientAddress{true, ""});
  ASSERT_NE(match, nullptr);
  EXPECT_EQ(match->user, "bob");
  match = snapshot.FindForLogin("carol", ClientAddress{true, ""});
  ASSERT_NE(match, nullptr);
  EXPECT_EQ(match->user, "");
}

TEST(AccountSnapshotTest, AnyHostMatchesAndFindExact) {
  AccountSnapshot snapshot({MakeAccount("bob", "10.0.0.%"), MakeAccount("root", "localhost")}, {},
                           {});
  EXPECT_TRUE(snapshot.AnyHostMatches(Tcp("10.0.0.3")));
  EXPECT_TRUE(snapshot.AnyHostMatches(ClientAddress{true, ""}));
  EXPECT_FALSE(snapshot.AnyHostMatches(Tcp("192.168.0.1")));
  ASSERT_NE(snapshot.FindExact("root", "LocalHost"), nullptr);
  EXPECT_EQ(snapshot.FindExact("ROOT", "localhost"), nullptr);
  EXPECT_EQ(snapshot.FindExact("bob", "10.0.0.3"), nullptr);
}

TEST(AccountSnapshotTest, DatabaseAndTablePrivilegesCombineLevels) {
  Account bob = MakeAccount("bob", "%", Bit(Privilege::kProcess));
  AccountSnapshot snapshot(
      {bob},
      {DatabaseGrant{"bob", "%", "shop", Bit(Privilege::kSelect) | Bit(Privilege::kInsert)},
       DatabaseGrant{"bob", "%", "sh%", Bit(Privilege::kDelete)},
       DatabaseGrant{"other", "%", "shop", Bit(Privilege::kDrop)}},
      {TableGrant{"bob", "%", "crm", "leads", Bit(Privilege::kUpdate)}});
  const Account& account = *snapshot.FindExact("bob", "%");
  // Exact database name beats the wildcard row.
  EXPECT_EQ(snapshot.DatabasePrivileges(account, "shop"),
            Bit(Privilege::kProcess) | Bit(Privilege::kSelect) | Bit(Privilege::kInsert));
  EXPECT_EQ(snapshot.DatabasePrivileges(account, "shelf"),
            Bit(Privilege::kProcess) | Bit(Privilege::kDelete));
  EXPECT_EQ(snapshot.DatabasePrivileges(account, "Shop"), Bit(Privilege::kProcess));
  EXPECT_EQ(snapshot.TablePrivileges(account, "crm", "leads"),
            Bit(Privilege::kProcess) | Bit(Privilege::kUpdate));
  EXPECT_EQ(snapshot.TablePrivileges(account, "crm", "other"), Bit(Privilege::kProcess));
  EXPECT_TRUE(snapshot.HasAnyPrivilegeIn(account, "shop"));
  EXPECT_TRUE(snapshot.HasAnyPrivilegeIn(account, "crm"));
  // PROCESS is not a database privilege: it does not make a database visible.
  EXPECT_FALSE(snapshot.HasAnyPrivilegeIn(account, "hr"));
}

TEST(AccountSnapshotTest, GlobalPrivilegesReachEveryDatabase) {
  AccountSnapshot snapshot({MakeAccount("admin", "%", AllGlobalPrivileges())}, {}, {});
  const Account& admin = *snapshot.FindExact("admin", "%");
  EXPECT_NE(snapshot.TablePrivileges(admin, "any", "t") & Bit(Privilege::kSelect), 0u);
  EXPECT_TRUE(snapshot.HasAnyPrivilegeIn(admin, "any"));
}

TEST(AccountStoreTest, StartsEmptyAndSwapsSnapshots) {
  AccountStore store;
  ASSERT_NE(store.Current(), nullptr);
  EXPECT_TRUE(store.Current()->accounts().empty());
  std::shared_ptr<const AccountSnapshot> old = store.Current();
  store.Replace(std::make_shared<const AccountSnapshot>(std::vector<Account>{MakeAccount("a", "%")},
                                                        std::vector<DatabaseGrant>{},
                                                        std::vector<TableGrant>{}));
  EXPECT_EQ(store.Current()->accounts().size(), 1u);
  EXPECT_TRUE(old->accounts().empty());  // readers keep their snapshot
}

TEST(PrivilegesTest, NamesAndColumns) {
  EXPECT_EQ(PrivilegeName(Privilege::kCreateTemporaryTables), "CREATE TEMPORARY TABLES");
  EXPECT_EQ(PrivilegeColumn(Privilege::kCreateTemporaryTables), "Create_tmp_table_priv");
  EXPECT_EQ(PrivilegeColumn(Privilege::kShowDatabases), "Show_db_priv");
  EXPECT_EQ(PrivilegeColumn(Privilege::kReplicationSlave), "Repl_slave_priv");
  EXPECT_EQ(PrivilegeColumn(Privilege::kGrantOption), "Grant_priv");
  EXPECT_EQ(PrivilegeFromName("show databases"), Privilege::kShowDatabases);
  EXPECT_EQ(PrivilegeFromName("Grant Option"), Privilege::kGrantOption);
  EXPECT_EQ(PrivilegeFromName("REPLICATION REPLICA"), Privilege::kReplicationSlave);
  EXPECT_FALSE(PrivilegeFromName("ALL").has_value());
  EXPECT_FALSE(PrivilegeFromName("FLY").has_value());
  EXPECT_EQ(TablePrivilegeMember(Privilege::kShowView), "Show view");
  EXPECT_EQ(PrivilegeFromTableMember("create view"), Privilege::kCreateView);
}

TEST(PrivilegesTest, AllSetsPerLevel) {
  EXPECT_EQ(PrivilegeNames(AllDatabasePrivileges()),
            (std::vector<std::string_view>{
                "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "REFERENCES", "INDEX",
                "ALTER", "CREATE TEMPORARY TABLES", "LOCK TABLES", "EXECUTE", "CREATE VIEW",
                "SHOW VIEW", "CREATE ROUTINE", "ALTER ROUTINE", "EVENT", "TRIGGER"}));
  EXPECT_EQ(PrivilegeNames(AllTablePrivileges()),
            (std::vector<std::string_view>{"SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP",
                                           "REFERENCES", "INDEX", "ALTER", "CREATE VIEW",
                                           "SHOW VIEW", "TRIGGER"}));
  EXPECT_EQ(AllGlobalPrivileges() & Bit(Privilege::kGrantOption), 0u);
  EXPECT_EQ(PrivilegeNames(AllGlobalPrivileges()).size(),
            static_cast<size_t>(Privilege::kCount) - 1);
}

TEST(PrivilegesTest, ShowGrantsOrderLeavesOutGrantOption) {
  PrivilegeSet set = Bit(Privilege::kInsert) | Bit(Privilege::kSelect) |
                     Bit(Privilege::kGrantOption) | Bit(Privilege::kReload);
  EXPECT_EQ(PrivilegeNames(set), (std::vector<std::string_view>{"SELECT", "INSERT", "RELOAD"}));
}

}  // namespace
}  // namespace porpoise::auth
