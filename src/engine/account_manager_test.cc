// Tests for AccountManager over an in-memory SQLite database holding mysql.user, mysql.db and
// mysql.tables_priv under their storage names ("t1", "t2", "t3"), as the engine lays them
// out. (engine/)
#include "engine/account_manager.h"

#include <gtest/gtest.h>

#include "auth/auth_plugin.h"

namespace porpoise::engine {
namespace {

using auth::Bit;
using auth::Privilege;

// SQLite equivalents of SystemSchemaSql's three tables (same columns, no MySQL types).
std::string SqliteSchema() {
  std::string user = "CREATE TABLE \"t1\" (Host TEXT NOT NULL, User TEXT NOT NULL";
  for (unsigned index = 0; index < static_cast<unsigned>(Privilege::kCount); ++index) {
    user += ", " + std::string(auth::PrivilegeColumn(static_cast<Privilege>(index))) +
            " TEXT NOT NULL DEFAULT 'N'";
  }
  user +=
      ", ssl_type TEXT, ssl_cipher BLOB, x509_issuer BLOB, x509_subject BLOB, "
      "max_questions INTEGER, max_updates INTEGER, max_connections INTEGER, "
      "max_user_connections INTEGER, plugin TEXT, authentication_string TEXT, "
      "password_expired TEXT, password_last_changed TEXT, password_lifetime INTEGER, "
      "account_locked TEXT, Password_reuse_history INTEGER, Password_reuse_time INTEGER, "
      "Password_require_current TEXT, User_attributes TEXT, PRIMARY KEY (Host, User));\n";
  std::string db =
      "CREATE TABLE \"t2\" (Host TEXT NOT NULL, Db TEXT NOT NULL, User TEXT NOT NULL";
  for (const char* column :
       {"Select_priv", "Insert_priv", "Update_priv", "Delete_priv", "Create_priv", "Drop_priv",
        "Grant_priv", "References_priv", "Index_priv", "Alter_priv", "Create_tmp_table_priv",
        "Lock_tables_priv", "Create_view_priv", "Show_view_priv", "Create_routine_priv",
        "Alter_routine_priv", "Execute_priv", "Event_priv", "Trigger_priv"}) {
    db += ", " + std::string(column) + " TEXT NOT NULL DEFAULT 'N'";
  }
  db += ", PRIMARY KEY (Host, Db, User));\n";
  std::string tables =
      "CREATE TABLE \"t3\" (Host TEXT NOT NULL, Db TEXT NOT NULL, User TEXT NOT "
      "NULL, Table_name TEXT NOT NULL, Grantor TEXT, Timestamp TEXT, Table_priv TEXT NOT NULL, "
      "Column_priv TEXT NOT NULL, PRIMARY KEY (Host, Db, User, Table_name));\n";
  std::string columns =
      "CREATE TABLE \"t4\" (Host TEXT NOT NULL, Db TEXT NOT NULL, User TEXT NOT NULL, "
      "Table_name TEXT NOT NULL, Column_name TEXT NOT NULL, Timestamp TEXT, Column_priv TEXT "
      "NOT NULL, PRIMARY KEY (Host, User, Db, Table_name, Column_name));\n";
  std::string global =
      "CREATE TABLE \"t5\" (USER TEXT NOT NULL, HOST TEXT NOT NULL, PRIV TEXT NOT NULL, "
      "WITH_GRANT_OPTION TEXT NOT NULL, PRIMARY KEY (USER, HOST, PRIV));\n";
  std::string roles =
      "CREATE TABLE \"t6\" (FROM_HOST TEXT NOT NULL, FROM_USER TEXT NOT NULL, TO_HOST TEXT NOT "
      "NULL, TO_USER TEXT NOT NULL, WITH_ADMIN_OPTION TEXT NOT NULL DEFAULT 'N', PRIMARY KEY "
      "(FROM_HOST, FROM_USER, TO_HOST, TO_USER));\n"
      "CREATE TABLE \"t7\" (HOST TEXT NOT NULL, USER TEXT NOT NULL, DEFAULT_ROLE_HOST TEXT NOT "
      "NULL, DEFAULT_ROLE_USER TEXT NOT NULL, PRIMARY KEY (HOST, USER, DEFAULT_ROLE_HOST, "
      "DEFAULT_ROLE_USER));\n";
  std::string procs =
      "CREATE TABLE \"t8\" (Host TEXT NOT NULL, Db TEXT NOT NULL, User TEXT NOT NULL, "
      "Routine_name TEXT NOT NULL, Routine_type TEXT NOT NULL, Grantor TEXT, Proc_priv TEXT "
      "NOT NULL, Timestamp TEXT, PRIMARY KEY (Host, User, Db, Routine_name, Routine_type));\n";
  return user + db + tables + columns + global + roles + procs;
}

// SHOW GRANTS for ALL ON *.*: MySQL 8 lists the static privileges, then the dynamic ones.
std::vector<std::string> GlobalAllLines(const std::string& to, bool grant_option) {
  std::string suffix = grant_option ? " WITH GRANT OPTION" : "";
  std::string statics;
  for (std::string_view name : auth::PrivilegeNames(auth::AllGlobalPrivileges())) {
    statics += (statics.empty() ? "" : ", ") + std::string(name);
  }
  std::string dynamics;
  for (std::string_view name : auth::DynamicPrivileges()) {
    dynamics += (dynamics.empty() ? "" : ",") + std::string(name);
  }
  return {"GRANT " + statics + " ON *.* TO " + to + suffix,
          "GRANT " + dynamics + " ON *.* TO " + to + suffix};
}

// The tables the tests grant on, each with columns a and b.
const catalog::CatalogSnapshot& Tables() {
  static const catalog::CatalogSnapshot* const kTables = [] {
    auto* snapshot = new catalog::CatalogSnapshot();
    for (const char* database : {"shop", "crm2"}) {
      catalog::DatabaseSchema schema;
      schema.name = database;
      snapshot->PutDatabase(std::move(schema));
    }
    for (auto [database, name] : {std::pair{"shop", "t"}, {"shop", "customers"}, {"shop", "orders"}, {"crm2", "leads"}}) {
      auto table = std::make_shared<catalog::TableSchema>();
      table->database = database;
      table->name = name;
      for (const char* column : {"a", "b"}) {
        catalog::ColumnSchema definition;
        definition.name = column;
        table->columns.push_back(std::move(definition));
      }
      snapshot->PutTable(std::move(table));
    }
    return snapshot;
  }();
  return *kTables;
}

sql::UserName Name(std::string user, std::string host = "%") {
  sql::UserName name;
  name.user = std::move(user);
  name.host = std::move(host);
  return name;
}

sql::UserSpec Spec(std::string user, std::string host = "%",
                   std::optional<sql::AuthOption> auth = std::nullopt) {
  return sql::UserSpec{Name(std::move(user), std::move(host)), std::move(auth)};
}

sql::AuthOption By(std::string password, std::string plugin = "") {
  sql::AuthOption option;
  option.plugin = std::move(plugin);
  option.password = std::move(password);
  return option;
}

sql::GrantPrivilege Priv(std::string name) { return sql::GrantPrivilege{std::move(name), {}}; }

class AccountManagerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<storage::Database>> db =
        storage::Database::Open(":memory:", storage::OpenOptions{.create = true});
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    ASSERT_TRUE(db_->Execute(SqliteSchema()).ok());
    // The engine runs InitialAccountsSql through its translator; here the only MySQL-only
    // spelling in it is the table name.
    std::string initial = AccountManager::InitialAccountsSql(/*insecure=*/true);
    initial.replace(initial.find("`mysql`.`user`"), 14, "\"t1\"");
    for (size_t at; (at = initial.find("`mysql`.`global_grants`")) != std::string::npos;) {
      initial.replace(at, 23, "\"t5\"");
    }
    Status inserted = db_->Execute(initial);
    ASSERT_TRUE(inserted.ok()) << inserted.ToString();
    ASSERT_TRUE(AccountManager::LoadSnapshot(*db_, store_).ok());
    manager_ = std::make_unique<AccountManager>(*db_, store_, &cache_);
  }

  AccessChecker Root() {
    return AccessChecker(store_, Principal{"root", "localhost", "root", "localhost"});
  }
  AccessChecker As(const std::string& user, const std::string& host = "%") {
    return AccessChecker(store_, Principal{user, "10.0.0.1", user, host});
  }

  Status Create(const std::string& user, const std::string& host = "%",
                std::optional<sql::AuthOption> auth = std::nullopt) {
    sql::CreateUserStatement statement;
    statement.users.push_back(Spec(user, host, std::move(auth)));
    return manager_->CreateUser(statement, Root());
  }

  Status GrantTo(const std::string& user, std::vector<std::string> privileges, std::string database,
                 std::string table, bool grant_option = false,
                 std::optional<AccessChecker> grantor = std::nullopt) {
    sql::GrantStatement statement;
    for (std::string& privilege : privileges) statement.privileges.push_back(Priv(privilege));
    statement.level = sql::GrantLevel{std::move(database), std::move(table)};
    statement.users.push_back(Spec(user));
    statement.with_grant_option = grant_option;
    return manager_->Grant(statement, grantor ? *grantor : Root(), "", Tables());
  }

  Status RevokeFrom(const std::string& user, std::vector<std::string> privileges,
                    std::string database, std::string table) {
    sql::RevokeStatement statement;
    for (std::string& privilege : privileges) statement.privileges.push_back(Priv(privilege));
    statement.level = sql::GrantLevel{std::move(database), std::move(table)};
    statement.users.push_back(Name(user));
    return manager_->Revoke(statement, Root(), "");
  }

  std::vector<std::string> Grants(const std::string& user, const std::string& host = "%") {
    Result<std::vector<std::string>> lines = manager_->ShowGrants(Name(user, host), {}, Root());
    EXPECT_TRUE(lines.ok()) << lines.status().ToString();
    return lines.ok() ? lines.value() : std::vector<std::string>{};
  }

  std::string Query(const std::string& sql) {
    Result<storage::Statement> statement = db_->Prepare(sql);
    EXPECT_TRUE(statement.ok()) << statement.status().ToString();
    Result<bool> row = statement->Step();
    if (!row.ok() || !row.value()) return "<none>";
    return std::string(statement->ColumnText(0));
  }

  std::unique_ptr<storage::Database> db_;
  auth::AccountStore store_;
  auth::Sha2PasswordCache cache_;
  std::unique_ptr<AccountManager> manager_;
};

TEST_F(AccountManagerTest, InitialRootHasEverythingWithGrantOption) {
  const auth::Account* root = store_.Current()->FindExact("root", "localhost");
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(root->plugin, "caching_sha2_password");
  EXPECT_EQ(root->auth_string, "");
  EXPECT_EQ(root->global_privileges, auth::AllGlobalPrivileges() | Bit(Privilege::kGrantOption));
  EXPECT_EQ(Grants("root", "localhost"),
            GlobalAllLines("`root`@`localhost`", true));
  EXPECT_NE(AccountManager::InitialAccountsSql(false).find("'auth_socket'"), std::string::npos);
}

TEST_F(AccountManagerTest, WalkthroughCreateGrantFlush) {
  ASSERT_TRUE(Create("toluwase", "%", By("toluwase123", "mysql_native_password")).ok());
  ASSERT_TRUE(GrantTo("toluwase", {"ALL PRIVILEGES"}, "*", "*").ok());
  ASSERT_TRUE(manager_->FlushPrivileges().ok());
  EXPECT_EQ(Query("SELECT plugin FROM \"t1\" WHERE User = 'toluwase'"),
            "mysql_native_password");
  EXPECT_EQ(Query("SELECT authentication_string FROM \"t1\" WHERE User = 'toluwase'"),
            auth::FindAuthPlugin("mysql_native_password")->HashPassword("toluwase123").value());
  EXPECT_EQ(Query("SELECT Super_priv FROM \"t1\" WHERE User = 'toluwase'"), "Y");
  EXPECT_EQ(Query("SELECT Grant_priv FROM \"t1\" WHERE User = 'toluwase'"), "N");
  const auth::Account* account =
      store_.Current()->FindForLogin("toluwase", auth::ClientAddress{false, "192.168.1.9"});
  ASSERT_NE(account, nullptr);
  EXPECT_EQ(account->global_privileges, auth::AllGlobalPrivileges());
  EXPECT_EQ(Grants("toluwase"),
            GlobalAllLines("`toluwase`@`%`", false));
}

TEST_F(AccountManagerTest, CreateDefaultsAndHashes) {
  ASSERT_TRUE(Create("a", "%", By("pw")).ok());
  const auth::Account* a = store_.Current()->FindExact("a", "%");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->plugin, "caching_sha2_password");
  EXPECT_EQ(a->auth_string.substr(0, 7), "$A$005$");
  EXPECT_EQ(Grants("a"), std::vector<std::string>{"GRANT USAGE ON *.* TO `a`@`%`"});

  ASSERT_TRUE(Create("sock", "localhost", sql::AuthOption{"unix_socket", {}, {}}).ok());
  EXPECT_EQ(store_.Current()->FindExact("sock", "localhost")->plugin, "auth_socket");

  sql::AuthOption as_hash{"mysql_native_password", {}, "*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19"};
  ASSERT_TRUE(Create("h", "%", as_hash).ok());
  EXPECT_EQ(store_.Current()->FindExact("h", "%")->auth_string, *as_hash.hash);

  as_hash.hash = "not-a-hash";
  EXPECT_EQ(Create("bad", "%", as_hash).code(), 1827);
  EXPECT_EQ(Create("bad", "%", By("x", "sha256_password")).code(), 1524);
  EXPECT_EQ(Create(std::string(33, 'u')).code(), 1470);
}

TEST_F(AccountManagerTest, CreateExistingFailsUnlessIfNotExists) {
  ASSERT_TRUE(Create("dup").ok());
  Status again = Create("dup");
  EXPECT_EQ(again.code(), 1396);
  EXPECT_EQ(again.message(), "Operation CREATE USER failed for 'dup'@'%'");

  sql::CreateUserStatement statement;
  statement.if_not_exists = true;
  statement.users.push_back(Spec("dup"));
  EXPECT_TRUE(manager_->CreateUser(statement, Root()).ok());
  ASSERT_EQ(manager_->warnings().size(), 1u);
  EXPECT_EQ(manager_->warnings()[0].code(), 3163);
  EXPECT_EQ(manager_->warnings()[0].message(), "Authorization ID 'dup'@'%' already exists.");
}

TEST_F(AccountManagerTest, CreateIsAtomic) {
  ASSERT_TRUE(Create("dup").ok());
  sql::CreateUserStatement statement;
  statement.users = {Spec("fresh"), Spec("dup")};
  EXPECT_EQ(manager_->CreateUser(statement, Root()).code(), 1396);
  EXPECT_EQ(store_.Current()->FindExact("fresh", "%"), nullptr);
  EXPECT_EQ(Query("SELECT count(*) FROM \"t1\" WHERE User = 'fresh'"), "0");
}

TEST_F(AccountManagerTest, HostsAreStoredLowerCaseAndComparedWithoutCase) {
  ASSERT_TRUE(Create("c", "LocalHost").ok());
  EXPECT_EQ(Query("SELECT Host FROM \"t1\" WHERE User = 'c'"), "localhost");
  EXPECT_EQ(Create("c", "LOCALHOST").code(), 1396);
  sql::DropUserStatement drop;
  drop.users.push_back(Name("c", "LOCALhost"));
  EXPECT_TRUE(manager_->DropUser(drop, Root()).ok());
}

TEST_F(AccountManagerTest, AccountManagementNeedsCreateUser) {
  ASSERT_TRUE(Create("plain").ok());
  sql::CreateUserStatement create;
  create.users.push_back(Spec("other"));
  Status denied = manager_->CreateUser(create, As("plain"));
  EXPECT_EQ(denied.code(), 1227);
  EXPECT_EQ(denied.message(),
            "Access denied; you need (at least one of) the CREATE USER privilege(s) for this "
            "operation");
  ASSERT_TRUE(GrantTo("plain", {"CREATE USER"}, "*", "*").ok());
  EXPECT_TRUE(manager_->CreateUser(create, As("plain")).ok());
  sql::DropUserStatement drop;
  drop.users.push_back(Name("other"));
  EXPECT_TRUE(manager_->DropUser(drop, As("plain")).ok());
}

TEST_F(AccountManagerTest, DropUserRemovesGrantsAndReportsUnknown) {
  ASSERT_TRUE(Create("gone").ok());
  ASSERT_TRUE(GrantTo("gone", {"SELECT"}, "shop", "*").ok());
  ASSERT_TRUE(GrantTo("gone", {"SELECT"}, "shop", "orders").ok());
  sql::DropUserStatement drop;
  drop.users.push_back(Name("gone"));
  ASSERT_TRUE(manager_->DropUser(drop, Root()).ok());
  EXPECT_EQ(Query("SELECT count(*) FROM \"t2\" WHERE User = 'gone'"), "0");
  EXPECT_EQ(Query("SELECT count(*) FROM \"t3\" WHERE User = 'gone'"), "0");
  EXPECT_TRUE(store_.Current()->database_grants().empty());

  Status unknown = manager_->DropUser(drop, Root());
  EXPECT_EQ(unknown.code(), 1396);
  EXPECT_EQ(unknown.message(), "Operation DROP USER failed for 'gone'@'%'");
  drop.if_exists = true;
  EXPECT_TRUE(manager_->DropUser(drop, Root()).ok());
  ASSERT_EQ(manager_->warnings().size(), 1u);
  EXPECT_EQ(manager_->warnings()[0].message(), "Authorization ID 'gone'@'%' does not exist.");
}

TEST_F(AccountManagerTest, RenameUserMovesGrants) {
  ASSERT_TRUE(Create("old").ok());
  ASSERT_TRUE(GrantTo("old", {"INSERT"}, "shop", "*").ok());
  sql::RenameUserStatement rename;
  rename.renames.emplace_back(Name("old"), Name("new", "10.0.0.%"));
  ASSERT_TRUE(manager_->RenameUser(rename, Root()).ok());
  EXPECT_EQ(store_.Current()->FindExact("old", "%"), nullptr);
  EXPECT_EQ(Grants("new", "10.0.0.%"),
            (std::vector<std::string>{"GRANT USAGE ON *.* TO `new`@`10.0.0.%`",
                                      "GRANT INSERT ON `shop`.* TO `new`@`10.0.0.%`"}));
  Status again = manager_->RenameUser(rename, Root());
  EXPECT_EQ(again.code(), 1396);
  EXPECT_EQ(again.message(), "Operation RENAME USER failed for 'old'@'%'");
}

TEST_F(AccountManagerTest, SetPasswordOwnAlwaysOthersNeedPrivileges) {
  ASSERT_TRUE(Create("me", "%", By("one")).ok());
  ASSERT_TRUE(Create("you", "%", By("two")).ok());
  const std::string before = store_.Current()->FindExact("me", "%")->auth_string;
  sql::SetPasswordStatement own;
  own.password = "three";
  ASSERT_TRUE(manager_->SetPassword(own, As("me")).ok());
  EXPECT_NE(store_.Current()->FindExact("me", "%")->auth_string, before);

  sql::SetPasswordStatement other;
  other.user = Name("you");
  other.password = "x";
  Status denied = manager_->SetPassword(other, As("me"));
  EXPECT_EQ(denied.code(), 1044);
  EXPECT_EQ(denied.message(), "Access denied for user 'me'@'%' to database 'mysql'");
  EXPECT_TRUE(manager_->SetPassword(other, Root()).ok());
  other.user = Name("nobody");
  EXPECT_EQ(manager_->SetPassword(other, Root()).code(), 1133);
  EXPECT_EQ(manager_->SetPassword(own, As("")).code(), 1131);
}

TEST_F(AccountManagerTest, PasswordChangeForgetsTheFastPathCache) {
  ASSERT_TRUE(Create("cached", "%", By("one")).ok());
  cache_.Remember("cached", "%", std::string(32, 'x'));
  sql::AlterUserStatement alter;
  alter.users.push_back(Spec("cached", "%", By("two")));
  ASSERT_TRUE(manager_->AlterUser(alter, Root()).ok());
  EXPECT_FALSE(cache_.Lookup("cached", "%").has_value());
  cache_.Remember("cached", "%", std::string(32, 'x'));
  ASSERT_TRUE(manager_->FlushPrivileges().ok());
  EXPECT_EQ(cache_.size(), 0u);
}

TEST_F(AccountManagerTest, AlterUserPluginLockAndPermissions) {
  ASSERT_TRUE(Create("al", "%", By("one")).ok());
  sql::AlterUserStatement alter;
  alter.users.push_back(Spec("al", "%", By("two", "mysql_native_password")));
  alter.account_locked = true;
  ASSERT_TRUE(manager_->AlterUser(alter, Root()).ok());
  const auth::Account* al = store_.Current()->FindExact("al", "%");
  EXPECT_EQ(al->plugin, "mysql_native_password");
  EXPECT_EQ(al->auth_string,
            auth::FindAuthPlugin("mysql_native_password")->HashPassword("two").value());
  EXPECT_TRUE(al->locked);

  sql::AlterUserStatement own;
  own.users.push_back(Spec("al", "%", By("three")));
  EXPECT_TRUE(manager_->AlterUser(own, As("al")).ok());
  EXPECT_EQ(store_.Current()->FindExact("al", "%")->plugin, "mysql_native_password");
  sql::AlterUserStatement lock_self;
  lock_self.users.push_back(Spec("al"));
  lock_self.account_locked = false;
  EXPECT_EQ(manager_->AlterUser(lock_self, As("al")).code(), 1227);

  sql::AlterUserStatement missing;
  missing.users.push_back(Spec("ghost", "%", By("x")));
  EXPECT_EQ(manager_->AlterUser(missing, Root()).message(),
            "Operation ALTER USER failed for 'ghost'@'%'");
  missing.if_exists = true;
  EXPECT_TRUE(manager_->AlterUser(missing, Root()).ok());
  EXPECT_EQ(manager_->warnings().size(), 1u);
}

TEST_F(AccountManagerTest, GrantToUnknownUserIsRefused) {
  Status status = GrantTo("ghost", {"SELECT"}, "*", "*");
  EXPECT_EQ(status.code(), 1410);
  EXPECT_EQ(status.message(), "You are not allowed to create a user with GRANT");
}

TEST_F(AccountManagerTest, DatabaseAndTableGrantsAndShowGrants) {
  ASSERT_TRUE(Create("g").ok());
  ASSERT_TRUE(GrantTo("g", {"SELECT", "INSERT"}, "shop", "*").ok());
  ASSERT_TRUE(GrantTo("g", {"UPDATE"}, "shop", "*", /*grant_option=*/true).ok());
  ASSERT_TRUE(GrantTo("g", {"ALL"}, "crm", "*").ok());
  ASSERT_TRUE(GrantTo("g", {"SELECT", "INSERT"}, "crm2", "leads").ok());
  EXPECT_EQ(Query("SELECT Update_priv FROM \"t2\" WHERE User = 'g' AND Db = 'shop'"), "Y");
  EXPECT_EQ(Query("SELECT Grant_priv FROM \"t2\" WHERE User = 'g' AND Db = 'shop'"), "Y");
  EXPECT_EQ(Query("SELECT Table_priv FROM \"t3\" WHERE User = 'g'"),
            "Select,Insert");
  EXPECT_EQ(Grants("g"),
            (std::vector<std::string>{
                "GRANT USAGE ON *.* TO `g`@`%`", "GRANT ALL PRIVILEGES ON `crm`.* TO `g`@`%`",
                "GRANT SELECT, INSERT, UPDATE ON `shop`.* TO `g`@`%` WITH GRANT OPTION",
                "GRANT SELECT, INSERT ON `crm2`.`leads` TO `g`@`%`"}));
  const auth::Account& g = *store_.Current()->FindExact("g", "%");
  EXPECT_NE(store_.Current()->TablePrivileges(g, "crm2", "leads") & Bit(Privilege::kInsert), 0u);
  EXPECT_EQ(GrantTo("g", {"SUPER"}, "shop", "*").code(), 1221);
  EXPECT_EQ(GrantTo("g", {"EXECUTE"}, "shop", "t").code(), 1144);
}

TEST_F(AccountManagerTest, GrantorNeedsGrantOptionAndThePrivileges) {
  ASSERT_TRUE(Create("boss").ok());
  ASSERT_TRUE(Create("worker").ok());
  ASSERT_TRUE(GrantTo("boss", {"SELECT"}, "shop", "*", /*grant_option=*/true).ok());
  ASSERT_TRUE(GrantTo("boss", {"SELECT"}, "crm", "*").ok());
  EXPECT_TRUE(GrantTo("worker", {"SELECT"}, "shop", "*", false, As("boss")).ok());
  Status db_denied = GrantTo("worker", {"INSERT"}, "shop", "*", false, As("boss"));
  EXPECT_EQ(db_denied.code(), 1044);
  EXPECT_EQ(db_denied.message(), "Access denied for user 'boss'@'%' to database 'shop'");
  EXPECT_EQ(GrantTo("worker", {"SELECT"}, "crm", "*", false, As("boss")).code(), 1044);
  Status table_denied = GrantTo("worker", {"SELECT"}, "crm", "t", false, As("boss"));
  EXPECT_EQ(table_denied.code(), 1142);
  EXPECT_EQ(table_denied.message(), "GRANT command denied to user 'boss'@'10.0.0.1' for table 't'");
  Status global_denied = GrantTo("worker", {"SELECT"}, "*", "*", false, As("boss"));
  EXPECT_EQ(global_denied.code(), 1045);
}

TEST_F(AccountManagerTest, RevokeGrantedAndNotGranted) {
  ASSERT_TRUE(Create("r").ok());
  ASSERT_TRUE(GrantTo("r", {"SELECT", "INSERT"}, "shop", "*").ok());
  ASSERT_TRUE(GrantTo("r", {"SELECT"}, "shop", "orders").ok());
  ASSERT_TRUE(GrantTo("r", {"ALL"}, "*", "*").ok());
  ASSERT_TRUE(RevokeFrom("r", {"INSERT"}, "shop", "*").ok());
  EXPECT_EQ(Query("SELECT Insert_priv FROM \"t2\" WHERE User = 'r'"), "N");
  ASSERT_TRUE(RevokeFrom("r", {"SELECT"}, "shop", "*").ok());
  EXPECT_EQ(Query("SELECT count(*) FROM \"t2\" WHERE User = 'r'"), "0");
  Status no_db = RevokeFrom("r", {"SELECT"}, "shop", "*");
  EXPECT_EQ(no_db.code(), 1141);
  EXPECT_EQ(no_db.message(), "There is no such grant defined for user 'r' on host '%'");
  Status no_table = RevokeFrom("r", {"SELECT"}, "shop", "customers");
  EXPECT_EQ(no_table.code(), 1147);
  EXPECT_EQ(no_table.message(),
            "There is no such grant defined for user 'r' on host '%' on table 'customers'");
  ASSERT_TRUE(RevokeFrom("r", {"SUPER"}, "*", "*").ok());
  EXPECT_EQ(store_.Current()->FindExact("r", "%")->global_privileges & Bit(Privilege::kSuper), 0u);
  EXPECT_EQ(RevokeFrom("ghost", {"SELECT"}, "*", "*").code(), 1141);

  sql::RevokeStatement everything;
  everything.all_and_grant_option = true;
  everything.users.push_back(Name("r"));
  ASSERT_TRUE(manager_->Revoke(everything, Root(), "").ok());
  EXPECT_EQ(Grants("r"), std::vector<std::string>{"GRANT USAGE ON *.* TO `r`@`%`"});
}

TEST_F(AccountManagerTest, ColumnGrants) {
  ASSERT_TRUE(Create("c").ok());
  sql::GrantStatement statement;
  statement.privileges.push_back(sql::GrantPrivilege{"SELECT", {"A", "b"}});
  statement.privileges.push_back(sql::GrantPrivilege{"UPDATE", {"b"}});
  statement.privileges.push_back(Priv("INSERT"));
  statement.level = sql::GrantLevel{"shop", "t"};
  statement.users.push_back(Spec("c"));
  ASSERT_TRUE(manager_->Grant(statement, Root(), "", Tables()).ok());
  EXPECT_EQ(Grants("c"),
            (std::vector<std::string>{"GRANT USAGE ON *.* TO `c`@`%`",
                                      "GRANT SELECT (`a`, `b`), INSERT, UPDATE (`b`) ON `shop`.`t` "
                                      "TO `c`@`%`"}));
  EXPECT_EQ(Query("SELECT Table_priv || '/' || Column_priv FROM \"t3\" WHERE User = 'c'"),
            "Insert/Select,Update");
  const auth::Account* account = store_.Current()->FindExact("c", "%");
  ASSERT_NE(account, nullptr);
  EXPECT_EQ(store_.Current()->ColumnPrivileges(*account, "shop", "t", "B"),
            Bit(Privilege::kSelect) | Bit(Privilege::kUpdate) | Bit(Privilege::kInsert));

  statement.privileges = {sql::GrantPrivilege{"SELECT", {"zz"}}};
  Status unknown = manager_->Grant(statement, Root(), "", Tables());
  EXPECT_EQ(unknown.code(), 1054);
  EXPECT_EQ(unknown.message(), "Unknown column 'zz' in 't'");
  statement.level = sql::GrantLevel{"shop", "*"};
  EXPECT_EQ(manager_->Grant(statement, Root(), "", Tables()).code(), 1144);
  statement.level = sql::GrantLevel{"shop", "nothere"};
  statement.privileges = {Priv("SELECT")};
  EXPECT_EQ(manager_->Grant(statement, Root(), "", Tables()).code(), 1146);
  statement.privileges = {Priv("CREATE")};
  EXPECT_TRUE(manager_->Grant(statement, Root(), "", Tables()).ok());

  sql::RevokeStatement revoke;
  revoke.privileges = {sql::GrantPrivilege{"SELECT", {"a"}}};
  revoke.level = sql::GrantLevel{"shop", "t"};
  revoke.users.push_back(Name("c"));
  ASSERT_TRUE(manager_->Revoke(revoke, Root(), "").ok());
  EXPECT_EQ(manager_->Revoke(revoke, Root(), "").code(), 1147);
  revoke.privileges = {Priv("UPDATE"), Priv("INSERT")};  // the table's, and b's UPDATE with it
  ASSERT_TRUE(manager_->Revoke(revoke, Root(), "").ok());
  std::vector<std::string> lines = Grants("c");
  EXPECT_NE(std::find(lines.begin(), lines.end(), "GRANT SELECT (`b`) ON `shop`.`t` TO `c`@`%`"),
            lines.end());
  revoke.privileges = {Priv("SELECT")};
  ASSERT_TRUE(manager_->Revoke(revoke, Root(), "").ok());
  EXPECT_EQ(Query("SELECT count(*) FROM \"t4\" WHERE User = 'c'"), "0");
  EXPECT_EQ(Query("SELECT count(*) FROM \"t3\" WHERE User = 'c' AND Table_name = 't'"), "0");
}

TEST_F(AccountManagerTest, CurrentDatabaseLevels) {
  ASSERT_TRUE(Create("cd").ok());
  sql::GrantStatement statement;
  statement.privileges.push_back(Priv("SELECT"));
  statement.level = sql::GrantLevel{"", "t"};
  statement.users.push_back(Spec("cd"));
  EXPECT_EQ(manager_->Grant(statement, Root(), "", Tables()).code(), 1046);
  ASSERT_TRUE(manager_->Grant(statement, Root(), "shop", Tables()).ok());
  statement.level = sql::GrantLevel{"", "*"};
  ASSERT_TRUE(manager_->Grant(statement, Root(), "shop", Tables()).ok());
  EXPECT_EQ(Grants("cd"), (std::vector<std::string>{"GRANT USAGE ON *.* TO `cd`@`%`",
                                                    "GRANT SELECT ON `shop`.* TO `cd`@`%`",
                                                    "GRANT SELECT ON `shop`.`t` TO `cd`@`%`"}));
}

TEST_F(AccountManagerTest, ShowGrantsForOthersAndUnknown) {
  ASSERT_TRUE(Create("s").ok());
  Result<std::vector<std::string>> own = manager_->ShowGrants(std::nullopt, {}, As("s"));
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own.value(), std::vector<std::string>{"GRANT USAGE ON *.* TO `s`@`%`"});
  EXPECT_EQ(manager_->ShowGrants(Name("root", "localhost"), {}, As("s")).status().code(), 1044);
  Status unknown = manager_->ShowGrants(Name("ghost"), {}, Root()).status();
  EXPECT_EQ(unknown.code(), 1141);
  EXPECT_EQ(unknown.message(), "There is no such grant defined for user 'ghost' on host '%'");
}

TEST(AccountManagerSchemaTest, SystemSchemaNamesMysqlsColumns) {
  std::string_view sql = AccountManager::SystemSchemaSql();
  for (std::string_view piece :
       {"CREATE DATABASE IF NOT EXISTS `mysql`",
        "CREATE TABLE IF NOT EXISTS `mysql`.`user`",
        "`Host` char(255)",
        "`User` char(32)",
        "`Select_priv` enum('N','Y')",
        "`Create_tmp_table_priv`",
        "`Repl_slave_priv`",
        "`Create_tablespace_priv`",
        "`ssl_cipher` blob NOT NULL",
        "`max_user_connections` int unsigned",
        "`plugin` char(64) COLLATE utf8mb3_bin NOT NULL DEFAULT 'caching_sha2_password'",
        "`authentication_string` text",
        "`password_last_changed` timestamp",
        "`password_lifetime` smallint unsigned",
        "`account_locked` enum('N','Y')",
        "`Drop_role_priv`",
        "PRIMARY KEY (`Host`,`User`)",
        "`mysql`.`db`",
        "PRIMARY KEY (`Host`,`Db`,`User`)",
        "`mysql`.`tables_priv`",
        "set('Select','Insert','Update','Delete','Create','Drop','Grant','References','Index',"
        "'Alter','Create View','Show view','Trigger')",
        "PRIMARY KEY (`Host`,`Db`,`User`,`Table_name`)"}) {
    EXPECT_NE(sql.find(piece), std::string_view::npos) << piece;
  }
}

}  // namespace
}  // namespace porpoise::engine
