// Tests for GLOBAL/SESSION system-variable values. (engine/)
#include "engine/variables.h"

#include <gtest/gtest.h>

#include <string>

namespace porpoise::engine {
namespace {

using sql::VariableScope;

std::string ValueOrError(const Result<std::string>& result) {
  return result.ok() ? result.value() : "ERROR " + std::to_string(result.status().code()) + ": " +
                                     result.status().message();
}

std::string StatusText(const Status& status) {
  return status.ok() ? "OK" : "ERROR " + std::to_string(status.code()) + ": " + status.message();
}

class VariablesTest : public ::testing::Test {
 protected:
  std::string Get(std::string_view name, VariableScope scope = VariableScope::kDefault) {
    return ValueOrError(session_.Get(name, scope));
  }
  std::string Set(std::string_view name, VariableScope scope, std::optional<std::string> value) {
    return StatusText(session_.Set(name, scope, std::move(value)));
  }

  GlobalVariables globals_;
  SessionVariables session_{globals_};
};

TEST_F(VariablesTest, DefaultsComeFromTheTable) {
  EXPECT_EQ(Get("version"), "8.4.3-porpoise");
  EXPECT_EQ(Get("autocommit"), "ON");
  EXPECT_EQ(Get("max_allowed_packet"), "67108864");
  EXPECT_EQ(Get("transaction_isolation", VariableScope::kSession), "REPEATABLE-READ");
  EXPECT_TRUE(session_.autocommit());
  EXPECT_EQ(session_.wait_timeout(), 28800u);
  EXPECT_EQ(session_.interactive_timeout(), 28800u);
  EXPECT_EQ(session_.sql_mode(),
            "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
            "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION");
  EXPECT_EQ(globals_.GetUnsigned("max_connections"), 151u);
}

TEST_F(VariablesTest, UnknownVariableIs1193) {
  EXPECT_EQ(Get("frobnicate"), "ERROR 1193: Unknown system variable 'frobnicate'");
  EXPECT_EQ(Get("frobnicate", VariableScope::kGlobal),
            "ERROR 1193: Unknown system variable 'frobnicate'");
  EXPECT_EQ(Set("frobnicate", VariableScope::kSession, "1"),
            "ERROR 1193: Unknown system variable 'frobnicate'");
  EXPECT_EQ(StatusText(globals_.Set("frobnicate", "1")),
            "ERROR 1193: Unknown system variable 'frobnicate'");
  EXPECT_EQ(StatusText(globals_.SetFromOption("frobnicate", "1")),
            "ERROR 1193: Unknown system variable 'frobnicate'");
}

TEST_F(VariablesTest, ScopeErrorsOnRead) {
  EXPECT_EQ(Get("max_connections", VariableScope::kSession),
            "ERROR 1238: Variable 'max_connections' is a GLOBAL variable");
  EXPECT_EQ(Get("max_connections"), "151");
  EXPECT_EQ(Get("warning_count", VariableScope::kGlobal),
            "ERROR 1238: Variable 'warning_count' is a SESSION variable");
  EXPECT_EQ(ValueOrError(globals_.Get("warning_count")),
            "ERROR 1238: Variable 'warning_count' is a SESSION variable");
  EXPECT_EQ(Get("warning_count"), "0");
}

TEST_F(VariablesTest, ReadOnlyVariablesAre1238) {
  EXPECT_EQ(Set("port", VariableScope::kGlobal, "1"),
            "ERROR 1238: Variable 'port' is a read only variable");
  EXPECT_EQ(Set("port", VariableScope::kDefault, "1"),
            "ERROR 1238: Variable 'port' is a read only variable");
  EXPECT_EQ(Set("version", VariableScope::kSession, "x"),
            "ERROR 1238: Variable 'version' is a read only variable");
  EXPECT_EQ(Set("warning_count", VariableScope::kSession, "3"),
            "ERROR 1238: Variable 'warning_count' is a read only variable");
}

TEST_F(VariablesTest, SessionSetOfGlobalOnlyIs1229) {
  EXPECT_EQ(Set("max_connections", VariableScope::kDefault, "10"),
            "ERROR 1229: Variable 'max_connections' is a GLOBAL variable and should be set with "
            "SET GLOBAL");
  EXPECT_EQ(Set("max_connections", VariableScope::kSession, "10"),
            "ERROR 1229: Variable 'max_connections' is a GLOBAL variable and should be set with "
            "SET GLOBAL");
}

TEST_F(VariablesTest, GlobalSetOfSessionOnlyIs1228) {
  EXPECT_EQ(Set("sql_log_bin", VariableScope::kGlobal, "0"),
            "ERROR 1228: Variable 'sql_log_bin' is a SESSION variable and can't be used with SET "
            "GLOBAL");
  EXPECT_EQ(Set("last_insert_id", VariableScope::kGlobal, "0"),
            "ERROR 1228: Variable 'last_insert_id' is a SESSION variable and can't be used with "
            "SET GLOBAL");
}

TEST_F(VariablesTest, SessionReadOnlyValueIs1621) {
  EXPECT_EQ(Set("max_allowed_packet", VariableScope::kSession, "2048"),
            "ERROR 1621: SESSION variable 'max_allowed_packet' is read-only. Use SET GLOBAL to "
            "assign the value");
  EXPECT_EQ(Set("max_allowed_packet", VariableScope::kGlobal, "2048"), "OK");
  EXPECT_EQ(Get("max_allowed_packet", VariableScope::kGlobal), "2048");
  EXPECT_EQ(Get("max_allowed_packet"), "67108864");  // existing sessions keep their value
}

TEST_F(VariablesTest, BadValuesAre1231And1232) {
  EXPECT_EQ(Set("autocommit", VariableScope::kDefault, "maybe"),
            "ERROR 1231: Variable 'autocommit' can't be set to the value of 'maybe'");
  EXPECT_EQ(Set("wait_timeout", VariableScope::kSession, "soon"),
            "ERROR 1232: Incorrect argument type to variable 'wait_timeout'");
  EXPECT_EQ(Set("max_connections", VariableScope::kGlobal, "many"),
            "ERROR 1232: Incorrect argument type to variable 'max_connections'");
  EXPECT_EQ(Get("autocommit"), "ON");
}

TEST_F(VariablesTest, SessionSetDoesNotTouchGlobal) {
  EXPECT_EQ(Set("autocommit", VariableScope::kDefault, "0"), "OK");
  EXPECT_FALSE(session_.autocommit());
  EXPECT_EQ(Get("autocommit", VariableScope::kGlobal), "ON");
  EXPECT_EQ(Set("sql_mode", VariableScope::kSession, "ANSI_QUOTES"), "OK");
  EXPECT_EQ(session_.sql_mode(), "ANSI_QUOTES");
  SessionVariables other(globals_);
  EXPECT_TRUE(other.autocommit());
}

TEST_F(VariablesTest, GlobalSetAffectsNewSessionsOnly) {
  EXPECT_EQ(Set("wait_timeout", VariableScope::kGlobal, "100"), "OK");
  EXPECT_EQ(session_.wait_timeout(), 28800u);
  SessionVariables other(globals_);
  EXPECT_EQ(other.wait_timeout(), 100u);
  EXPECT_EQ(Set("max_connections", VariableScope::kPersist, "20"), "OK");
  EXPECT_EQ(globals_.GetUnsigned("max_connections"), 20u);
}

TEST_F(VariablesTest, DefaultRestoresGlobalOrCompiledValue) {
  EXPECT_EQ(Set("wait_timeout", VariableScope::kGlobal, "100"), "OK");
  EXPECT_EQ(Set("wait_timeout", VariableScope::kSession, "5"), "OK");
  EXPECT_EQ(Set("wait_timeout", VariableScope::kSession, std::nullopt), "OK");
  EXPECT_EQ(session_.wait_timeout(), 100u);  // session DEFAULT = the global value
  EXPECT_EQ(Set("wait_timeout", VariableScope::kGlobal, std::nullopt), "OK");
  EXPECT_EQ(Get("wait_timeout", VariableScope::kGlobal), "28800");  // global DEFAULT = compiled
  EXPECT_EQ(Set("sql_log_bin", VariableScope::kSession, "0"), "OK");
  EXPECT_EQ(Set("sql_log_bin", VariableScope::kSession, std::nullopt), "OK");
  EXPECT_EQ(Get("sql_log_bin"), "ON");
}

TEST_F(VariablesTest, OutOfRangeIsClampedWithWarning1292) {
  std::vector<Status> warnings;
  EXPECT_TRUE(session_.Set("max_connections", VariableScope::kGlobal, "0", &warnings).ok());
  EXPECT_EQ(globals_.GetUnsigned("max_connections"), 1u);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].code(), 1292);
  EXPECT_EQ(warnings[0].message(), "Truncated incorrect max_connections value: '0'");
  warnings.clear();
  EXPECT_TRUE(session_.Set("wait_timeout", VariableScope::kSession, "60", &warnings).ok());
  EXPECT_TRUE(warnings.empty());
}

TEST_F(VariablesTest, NamesMySql8RemovedAreUnknown) {
  EXPECT_EQ(Set("transaction_isolation", VariableScope::kSession, "read-committed"), "OK");
  EXPECT_EQ(session_.transaction_isolation(), "READ-COMMITTED");
  EXPECT_TRUE(globals_.SetFromOption("transaction-isolation", "READ-UNCOMMITTED").ok());
  EXPECT_EQ(ValueOrError(globals_.Get("transaction_isolation")), "READ-UNCOMMITTED");
  for (std::string_view name : {"tx_isolation", "tx_read_only", "query_cache_size", "query_cache_type"}) {
    EXPECT_EQ(Get(name), "ERROR 1193: Unknown system variable '" + std::string(name) + "'");
  }
}

TEST_F(VariablesTest, SetFromOptionReachesReadOnlyVariables) {
  EXPECT_TRUE(globals_.SetFromOption("port", "3307").ok());
  EXPECT_TRUE(globals_.SetFromOption("hostname", "db1").ok());
  EXPECT_TRUE(globals_.SetFromOption("max-allowed-packet", "16M").ok());
  EXPECT_EQ(globals_.GetUnsigned("port"), 3307u);
  EXPECT_EQ(ValueOrError(globals_.Get("hostname")), "db1");
  EXPECT_EQ(globals_.GetUnsigned("max_allowed_packet"), 16777216u);
  EXPECT_EQ(StatusText(globals_.SetFromOption("skip_networking", "perhaps")),
            "ERROR 1231: Variable 'skip_networking' can't be set to the value of 'perhaps'");
}

TEST_F(VariablesTest, ResetReturnsToGlobals) {
  EXPECT_EQ(Set("autocommit", VariableScope::kDefault, "OFF"), "OK");
  EXPECT_EQ(Set("wait_timeout", VariableScope::kGlobal, "77"), "OK");
  session_.SetInternal("warning_count", "4");
  EXPECT_EQ(Get("warning_count"), "4");
  session_.Reset();
  EXPECT_TRUE(session_.autocommit());
  EXPECT_EQ(session_.wait_timeout(), 77u);
  EXPECT_EQ(Get("warning_count"), "0");
}

TEST_F(VariablesTest, ShowListsSortedWithLike) {
  EXPECT_EQ(Set("autocommit", VariableScope::kDefault, "OFF"), "OK");
  auto session_rows = session_.Show(false, std::nullopt);
  auto global_rows = session_.Show(true, std::nullopt);
  EXPECT_GT(session_rows.size(), global_rows.size());  // session-only ones too
  for (size_t index = 1; index < session_rows.size(); ++index) {
    EXPECT_LT(session_rows[index - 1].first, session_rows[index].first);
  }
  auto autocommit = session_.Show(false, "AUTOCOMMIT");
  ASSERT_EQ(autocommit.size(), 1u);
  EXPECT_EQ(autocommit[0].second, "OFF");
  auto global_autocommit = session_.Show(true, "autocommit");
  ASSERT_EQ(global_autocommit.size(), 1u);
  EXPECT_EQ(global_autocommit[0].second, "ON");
  EXPECT_TRUE(session_.Show(true, "warning_count").empty());
  EXPECT_EQ(session_.Show(false, "warning_count").size(), 1u);
  auto versions = session_.Show(false, "version%");
  ASSERT_EQ(versions.size(), 4u);
  EXPECT_EQ(versions[0].first, "version");
  EXPECT_EQ(versions[1].first, "version_comment");
  auto character_sets = session_.Show(false, "character\\_set\\_%");
  EXPECT_EQ(character_sets.size(), 7u);
  EXPECT_EQ(session_.Show(false, "max_connections")[0].second, "151");
}

TEST(LikePatternTest, WildcardsAndEscapes) {
  EXPECT_TRUE(MatchesLikePattern("max_connections", "max%"));
  EXPECT_TRUE(MatchesLikePattern("max_connections", "%CONNECTIONS"));
  EXPECT_TRUE(MatchesLikePattern("max_connections", "max_connection_"));
  EXPECT_TRUE(MatchesLikePattern("max_connections", "%_%"));
  EXPECT_TRUE(MatchesLikePattern("abc", "a%%c"));
  EXPECT_FALSE(MatchesLikePattern("max_connections", "max"));
  EXPECT_FALSE(MatchesLikePattern("maxxconnections", "max\\_connections"));
  EXPECT_TRUE(MatchesLikePattern("max_connections", "max\\_connections"));
  EXPECT_TRUE(MatchesLikePattern("", "%"));
  EXPECT_FALSE(MatchesLikePattern("", "_"));
}

TEST(SizeSuffixTest, ExpandsMySqlSuffixes) {
  EXPECT_EQ(ExpandSizeSuffix("64M"), "67108864");
  EXPECT_EQ(ExpandSizeSuffix("1k"), "1024");
  EXPECT_EQ(ExpandSizeSuffix("1G"), "1073741824");
  EXPECT_EQ(ExpandSizeSuffix("100"), "100");
  EXPECT_EQ(ExpandSizeSuffix("M"), "M");
  EXPECT_EQ(ExpandSizeSuffix("12X"), "12X");
  EXPECT_EQ(ExpandSizeSuffix("99999999E"), "18446744073709551615");
}

}  // namespace
}  // namespace porpoise::engine
