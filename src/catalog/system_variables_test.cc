// Tests for the system-variable table and value normalisation. (catalog/)
#include "catalog/system_variables.h"

#include <gtest/gtest.h>

#include <string>

namespace porpoise::catalog {
namespace {

std::string Normalize(std::string_view name, std::string_view value) {
  const SystemVariable* variable = FindSystemVariable(name);
  EXPECT_NE(variable, nullptr) << name;
  if (variable == nullptr) return "<unknown>";
  Result<std::string> result = NormalizeVariableValue(*variable, value);
  return result.ok() ? *result : "ERROR " + std::to_string(result.status().code()) + ": " +
                                     result.status().message();
}

TEST(SystemVariablesTest, TableIsSortedAndUnique) {
  std::span<const SystemVariable> table = AllSystemVariables();
  ASSERT_GT(table.size(), 100u);
  for (size_t index = 1; index < table.size(); ++index) {
    EXPECT_LT(table[index - 1].name, table[index].name) << table[index].name;
  }
}

TEST(SystemVariablesTest, EveryDefaultIsItsOwnNormalForm) {
  for (const SystemVariable& variable : AllSystemVariables()) {
    Result<std::string> normalized = NormalizeVariableValue(variable, variable.default_value);
    ASSERT_TRUE(normalized.ok()) << variable.name;
    EXPECT_EQ(*normalized, variable.default_value) << variable.name;
  }
}

TEST(SystemVariablesTest, ConnectorProbesAreAllPresent) {
  for (std::string_view name :
       {"autocommit", "auto_increment_increment", "character_set_client",
        "character_set_connection", "character_set_results", "character_set_server",
        "collation_server", "collation_connection", "init_connect", "interactive_timeout",
        "license", "lower_case_table_names", "max_allowed_packet", "net_buffer_length",
        "net_write_timeout", "performance_schema",
        "sql_mode", "system_time_zone", "time_zone", "transaction_isolation",
        "transaction_read_only", "wait_timeout", "have_ssl", "version", "version_comment",
        "authentication_policy", "default_authentication_plugin", "protocol_version"}) {
    EXPECT_NE(FindSystemVariable(name), nullptr) << name;
  }
}

TEST(SystemVariablesTest, KeyFactsMatchMySql) {
  const SystemVariable* packet = FindSystemVariable("max_allowed_packet");
  ASSERT_NE(packet, nullptr);
  EXPECT_EQ(packet->default_value, "67108864");
  EXPECT_EQ(packet->min, 1024);
  EXPECT_EQ(packet->max, 1073741824u);
  EXPECT_EQ(packet->scope, VariableScope::kBoth);
  const SystemVariable* port = FindSystemVariable("port");
  ASSERT_NE(port, nullptr);
  EXPECT_FALSE(port->dynamic);
  EXPECT_TRUE(port->option);
  EXPECT_EQ(port->scope, VariableScope::kGlobal);
  const SystemVariable* warnings = FindSystemVariable("warning_count");
  ASSERT_NE(warnings, nullptr);
  EXPECT_EQ(warnings->scope, VariableScope::kSession);
  EXPECT_FALSE(warnings->dynamic);
  EXPECT_EQ(FindSystemVariable("version")->default_value, "8.4.3-porpoise");
  EXPECT_EQ(FindSystemVariable("max_connections")->default_value, "151");
  EXPECT_EQ(FindSystemVariable("have_ssl")->default_value, "YES");
  EXPECT_EQ(FindSystemVariable("tls_version")->default_value, "TLSv1.2,TLSv1.3");
}

TEST(SystemVariablesTest, LookupIgnoresCaseAndDashes) {
  const SystemVariable* variable = FindSystemVariable("Max-Allowed-Packet");
  ASSERT_NE(variable, nullptr);
  EXPECT_EQ(variable->name, "max_allowed_packet");
  EXPECT_EQ(FindSystemVariable("AUTOCOMMIT")->name, "autocommit");
  EXPECT_EQ(FindSystemVariable("frobnicate"), nullptr);
  EXPECT_EQ(FindSystemVariable(""), nullptr);
  EXPECT_EQ(FindSystemVariable("autocommitx"), nullptr);
  EXPECT_EQ(FindSystemVariable("autocommi"), nullptr);
}

TEST(SystemVariablesTest, BooleansAcceptMySqlSpellings) {
  EXPECT_EQ(Normalize("autocommit", "1"), "ON");
  EXPECT_EQ(Normalize("autocommit", "on"), "ON");
  EXPECT_EQ(Normalize("autocommit", "True"), "ON");
  EXPECT_EQ(Normalize("autocommit", "0"), "OFF");
  EXPECT_EQ(Normalize("autocommit", "off"), "OFF");
  EXPECT_EQ(Normalize("autocommit", "FALSE"), "OFF");
  EXPECT_EQ(Normalize("autocommit", "yes"),
            "ERROR 1231: Variable 'autocommit' can't be set to the value of 'yes'");
  EXPECT_EQ(Normalize("autocommit", "2"),
            "ERROR 1231: Variable 'autocommit' can't be set to the value of '2'");
}

TEST(SystemVariablesTest, IntegersAreClampedToRange) {
  EXPECT_EQ(Normalize("max_connections", "500"), "500");
  EXPECT_EQ(Normalize("max_connections", "0"), "1");
  EXPECT_EQ(Normalize("max_connections", "1000000"), "100000");
  EXPECT_EQ(Normalize("max_connections", "-5"), "1");
  EXPECT_EQ(Normalize("max_allowed_packet", "10"), "1024");
  EXPECT_EQ(Normalize("max_allowed_packet", "99999999999999999999999"), "1073741824");
  EXPECT_EQ(Normalize("sql_select_limit", "18446744073709551615"), "18446744073709551615");
  EXPECT_EQ(Normalize("wait_timeout", "+60"), "60");
}

TEST(SystemVariablesTest, NonNumbersForIntegersAreTypeErrors) {
  EXPECT_EQ(Normalize("max_connections", "abc"),
            "ERROR 1232: Incorrect argument type to variable 'max_connections'");
  EXPECT_EQ(Normalize("max_connections", "1.5"),
            "ERROR 1232: Incorrect argument type to variable 'max_connections'");
  EXPECT_EQ(Normalize("max_connections", ""),
            "ERROR 1232: Incorrect argument type to variable 'max_connections'");
  EXPECT_EQ(Normalize("long_query_time", "x"),
            "ERROR 1232: Incorrect argument type to variable 'long_query_time'");
}

TEST(SystemVariablesTest, DoublesPrintSixDecimals) {
  EXPECT_EQ(Normalize("long_query_time", "2.5"), "2.500000");
  EXPECT_EQ(Normalize("long_query_time", "-1"), "0.000000");
}

TEST(SystemVariablesTest, EnumsMatchCaseInsensitivelyAndByIndex) {
  EXPECT_EQ(Normalize("transaction_isolation", "read-committed"), "READ-COMMITTED");
  EXPECT_EQ(Normalize("transaction_isolation", "3"), "SERIALIZABLE");
  EXPECT_EQ(Normalize("transaction_isolation", "4"),
            "ERROR 1231: Variable 'transaction_isolation' can't be set to the value of '4'");
  EXPECT_EQ(Normalize("transaction_isolation", "READ COMMITTED"),
            "ERROR 1231: Variable 'transaction_isolation' can't be set to the value of "
            "'READ COMMITTED'");
  EXPECT_EQ(Normalize("completion_type", "chain"), "CHAIN");
}

TEST(SystemVariablesTest, SqlModeIsASetInMySqlOrder) {
  EXPECT_EQ(Normalize("sql_mode", "strict_all_tables,ansi_quotes"),
            "ANSI_QUOTES,STRICT_ALL_TABLES");
  EXPECT_EQ(Normalize("sql_mode", ""), "");
  EXPECT_EQ(Normalize("sql_mode", "ANSI_QUOTES,,ANSI_QUOTES"), "ANSI_QUOTES");
  EXPECT_EQ(Normalize("sql_mode", "NO_SUCH_MODE"),
            "ERROR 1231: Variable 'sql_mode' can't be set to the value of 'NO_SUCH_MODE'");
  EXPECT_EQ(Normalize("sql_mode", "ANSI_QUOTES,BOGUS"),
            "ERROR 1231: Variable 'sql_mode' can't be set to the value of 'BOGUS'");
}

TEST(SystemVariablesTest, SqlModeCombinationsExpand) {
  EXPECT_EQ(Normalize("sql_mode", "TRADITIONAL"),
            "STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
            "ERROR_FOR_DIVISION_BY_ZERO,TRADITIONAL,NO_ENGINE_SUBSTITUTION");
  EXPECT_EQ(Normalize("sql_mode", "ansi"),
            "REAL_AS_FLOAT,PIPES_AS_CONCAT,ANSI_QUOTES,IGNORE_SPACE,ONLY_FULL_GROUP_BY,ANSI");
}

TEST(SystemVariablesTest, SqlModeNumericFormUsesMySqlBits) {
  EXPECT_EQ(Normalize("sql_mode", "0"), "");
  EXPECT_EQ(Normalize("sql_mode", "4"), "ANSI_QUOTES");
  EXPECT_EQ(Normalize("sql_mode", "2097152"), "STRICT_TRANS_TABLES");
  EXPECT_EQ(Normalize("sql_mode", "16"),
            "ERROR 1231: Variable 'sql_mode' can't be set to the value of '16'");
}

TEST(SystemVariablesTest, StringsAreKeptAsGiven) {
  EXPECT_EQ(Normalize("init_connect", "SET NAMES utf8mb4"), "SET NAMES utf8mb4");
  EXPECT_EQ(Normalize("time_zone", "+00:00"), "+00:00");
}

}  // namespace
}  // namespace porpoise::catalog
