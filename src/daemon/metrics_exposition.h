// The metrics endpoint's page: the server's status counters, some global variables and its
// latency histograms in Prometheus's text exposition format (version 0.0.4), named as
// mysqld_exporter names them, so its dashboards and alerts read Porpoise unchanged.
// Pure formatting: no sockets, no engine. (daemon/)
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/latency_histogram.h"

namespace porpoise::daemon {

struct MetricsPage {
  std::string version;          // the server's version string (mysql_version_info)
  std::string version_comment;  // version_comment
  // SHOW GLOBAL STATUS, as name/value pairs; values that are not numbers are left out.
  std::vector<std::pair<std::string, std::string>> status;
  // Global variables to show as mysql_global_variables_<name>; ON/OFF read as 1/0, other
  // values that are not numbers are left out.
  std::vector<std::pair<std::string, std::string>> variables;
  struct Histogram {
    std::string name;  // the family's name, without _bucket/_sum/_count; values in seconds
    std::string help;
    LatencyHistogram::Snapshot reading;
  };
  std::vector<Histogram> histograms;
};

// The whole page. Each family is written once, with its HELP and TYPE lines first.
std::string FormatMetrics(const MetricsPage& page);

// A duration in microseconds as seconds, as short as it can be written exactly ("0.00005",
// "2.5", "10").
std::string SecondsText(uint64_t micros);

}  // namespace porpoise::daemon
