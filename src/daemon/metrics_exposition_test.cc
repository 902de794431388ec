// FormatMetrics: names, labels, types and histograms of the metrics page. (daemon/)
#include "daemon/metrics_exposition.h"

#include <gtest/gtest.h>

namespace porpoise::daemon {
namespace {

bool Has(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos || text.starts_with(line + "\n");
}

TEST(MetricsExpositionTest, StatusFamiliesAreNamedAsMysqldExporterNamesThem) {
  MetricsPage page;
  page.version = "8.4.0";
  page.status = {{"Com_select", "7"}, {"Com_insert", "2"}, {"Questions", "12"},
                 {"Threads_connected", "3"}, {"Connection_errors_tcpwrap", "1"},
                 {"Handler_read_key", "4"}, {"Ssl_cipher", "TLS_AES_256_GCM_SHA384"}};
  std::string text = FormatMetrics(page);
  EXPECT_TRUE(Has(text, "mysql_up 1"));
  EXPECT_TRUE(Has(text, "mysql_version_info{version=\"8.4.0\",version_comment=\"\"} 1"));
  EXPECT_TRUE(Has(text, "# TYPE mysql_global_status_commands_total counter"));
  EXPECT_TRUE(Has(text, "mysql_global_status_commands_total{command=\"select\"} 7"));
  EXPECT_TRUE(Has(text, "mysql_global_status_commands_total{command=\"insert\"} 2"));
  EXPECT_TRUE(Has(text, "mysql_global_status_questions 12"));
  EXPECT_TRUE(Has(text, "# TYPE mysql_global_status_threads_connected gauge"));
  EXPECT_TRUE(Has(text, "mysql_global_status_connection_errors_total{error=\"tcpwrap\"} 1"));
  EXPECT_TRUE(Has(text, "mysql_global_status_handlers_total{handler=\"read_key\"} 4"));
  EXPECT_EQ(text.find("ssl_cipher"), std::string::npos);  // not a number
  // One TYPE line per family, however many samples it has.
  size_t first = text.find("# TYPE mysql_global_status_commands_total");
  EXPECT_EQ(text.find("# TYPE mysql_global_status_commands_total", first + 1), std::string::npos);
}

TEST(MetricsExpositionTest, VariablesReadOnOffAsOneAndZero) {
  MetricsPage page;
  page.variables = {{"max_connections", "151"}, {"slow_query_log", "OFF"},
                    {"long_query_time", "10.000000"}, {"datadir", "/var/lib/porpoise/"}};
  std::string text = FormatMetrics(page);
  EXPECT_TRUE(Has(text, "mysql_global_variables_max_connections 151"));
  EXPECT_TRUE(Has(text, "mysql_global_variables_slow_query_log 0"));
  EXPECT_TRUE(Has(text, "mysql_global_variables_long_query_time 10.000000"));
  EXPECT_EQ(text.find("datadir"), std::string::npos);
}

TEST(MetricsExpositionTest, LabelValuesAreEscaped) {
  MetricsPage page;
  page.version = "8.4.0 \"x\"\\";
  EXPECT_TRUE(Has(FormatMetrics(page),
                  "mysql_version_info{version=\"8.4.0 \\\"x\\\"\\\\\",version_comment=\"\"} 1"));
}

TEST(MetricsExpositionTest, HistogramBucketsAreCumulativeAndEndWithInf) {
  LatencyHistogram latency({100, 2500000});
  latency.Observe(50);
  latency.Observe(200);
  latency.Observe(3000000);
  MetricsPage page;
  page.histograms.push_back({"porpoise_query_duration_seconds", "Statements.", latency.Read()});
  std::string text = FormatMetrics(page);
  EXPECT_TRUE(Has(text, "# TYPE porpoise_query_duration_seconds histogram"));
  EXPECT_TRUE(Has(text, "porpoise_query_duration_seconds_bucket{le=\"0.0001\"} 1"));
  EXPECT_TRUE(Has(text, "porpoise_query_duration_seconds_bucket{le=\"2.5\"} 2"));
  EXPECT_TRUE(Has(text, "porpoise_query_duration_seconds_bucket{le=\"+Inf\"} 3"));
  EXPECT_TRUE(Has(text, "porpoise_query_duration_seconds_sum 3.00025"));
  EXPECT_TRUE(Has(text, "porpoise_query_duration_seconds_count 3"));
}

TEST(MetricsExpositionTest, SecondsAreWrittenShort) {
  EXPECT_EQ(SecondsText(0), "0");
  EXPECT_EQ(SecondsText(50), "0.00005");
  EXPECT_EQ(SecondsText(2500000), "2.5");
  EXPECT_EQ(SecondsText(10000000), "10");
}

}  // namespace
}  // namespace porpoise::daemon
