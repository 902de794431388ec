// Prometheus text exposition of the server's metrics (metrics_exposition.h). (daemon/)
#include "daemon/metrics_exposition.h"

#include <cctype>
#include <cstdlib>
#include <map>

#include "common/strings.h"

namespace porpoise::daemon {
namespace {

// Status variables whose families mysqld_exporter gives one name and a label: the prefix
// (lowercase), the family's name, its label and its type.
struct LabelledFamily {
  std::string_view prefix;
  std::string_view family;
  std::string_view label;
  std::string_view type;
};
constexpr LabelledFamily kLabelledFamilies[] = {
    {"com_", "mysql_global_status_commands_total", "command", "counter"},
    {"handler_", "mysql_global_status_handlers_total", "handler", "counter"},
    {"connection_errors_", "mysql_global_status_connection_errors_total", "error", "counter"},
    {"innodb_rows_", "mysql_global_status_innodb_row_ops_total", "operation", "counter"},
    {"performance_schema_", "mysql_global_status_performance_schema_lost_total",
     "instrumentation", "counter"},
};

// Status values that go up and down (the rest only grow until a restart).
bool IsGauge(std::string_view name) {
  if (name.starts_with("threads_")) return name != "threads_created";
  if (name.starts_with("open_")) return true;
  static constexpr std::string_view kGauges[] = {
      "compression_level", "max_used_connections", "prepared_stmt_count",
      "ssl_session_cache_size", "innodb_buffer_pool_pages_free", "innodb_buffer_pool_pages_data",
  };
  for (std::string_view gauge : kGauges) {
    if (name == gauge) return true;
  }
  return false;
}

// A value as the exposition format writes it, or "" when it is not a number. Status and
// variables are integers or decimals as MySQL prints them; ON/OFF are 1/0 as the exporter
// reads them.
std::string NumberText(std::string_view value) {
  if (EqualsIgnoreCase(value, "ON")) return "1";
  if (EqualsIgnoreCase(value, "OFF")) return "0";
  if (value.empty() || value.size() > 40) return "";
  size_t at = value[0] == '-' ? 1 : 0;
  bool digits = false, point = false;
  for (; at < value.size(); ++at) {
    char c = value[at];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits = true;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      return "";
    }
  }
  return digits ? std::string(value) : "";
}

// Metric and label names: [a-z0-9_] only (status names are letters, digits and _ already).
std::string MetricName(std::string_view name) {
  std::string out;
  for (char c : name) {
    unsigned char byte = static_cast<unsigned char>(c);
    out += std::isalnum(byte) ? static_cast<char>(std::tolower(byte)) : '_';
  }
  return out;
}

// A label value with \, " and newlines escaped.
std::string LabelValue(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

// The families of one page, in order of first appearance, each with its samples.
class Families {
 public:
  void Add(const std::string& family, std::string_view type, std::string_view help,
           std::string sample_line) {
    auto [entry, added] = index_.try_emplace(family, families_.size());
    if (added) families_.push_back({family, std::string(type), std::string(help), {}});
    families_[entry->second].samples.push_back(std::move(sample_line));
  }
  std::string Text() const {
    std::string out;
    for (const Family& family : families_) {
      out += "# HELP " + family.name + " " + family.help + "\n";
      out += "# TYPE " + family.name + " " + family.type + "\n";
      for (const std::string& sample : family.samples) out += sample + "\n";
    }
    return out;
  }

 private:
  struct Family {
    std::string name, type, help;
    std::vector<std::string> samples;
  };
  std::vector<Family> families_;
  std::map<std::string, size_t> index_;
};

void AddStatus(Families& families, const std::string& name, const std::string& value) {
  const std::string lower = MetricName(name);
  for (const LabelledFamily& labelled : kLabelledFamilies) {
    if (!lower.starts_with(labelled.prefix) || lower.size() == labelled.prefix.size()) continue;
    std::string family(labelled.family);
    families.Add(family, labelled.type, "Generic counter metric from SHOW GLOBAL STATUS.",
                 family + "{" + std::string(labelled.label) + "=\"" +
                     lower.substr(labelled.prefix.size()) + "\"} " + value);
    return;
  }
  std::string family = "mysql_global_status_" + lower;
  families.Add(family, IsGauge(lower) ? "gauge" : "counter",
               "Generic metric from SHOW GLOBAL STATUS.", family + " " + value);
}

void AddHistogram(Families& families, const MetricsPage::Histogram& histogram) {
  const LatencyHistogram::Snapshot& reading = histogram.reading;
  for (size_t bucket = 0; bucket < reading.cumulative.size(); ++bucket) {
    std::string bound = bucket < reading.bounds_micros.size()
                            ? SecondsText(reading.bounds_micros[bucket]) : "+Inf";
    families.Add(histogram.name, "histogram", histogram.help,
                 histogram.name + "_bucket{le=\"" + bound + "\"} " +
                     std::to_string(reading.cumulative[bucket]));
  }
  families.Add(histogram.name, "histogram", histogram.help,
               histogram.name + "_sum " + SecondsText(reading.sum_micros));
  families.Add(histogram.name, "histogram", histogram.help,
               histogram.name + "_count " + std::to_string(reading.count()));
}

}  // namespace

std::string SecondsText(uint64_t micros) {
  std::string text = std::to_string(micros / 1000000);
  uint64_t fraction = micros % 1000000;
  if (fraction == 0) return text;
  std::string digits = std::to_string(fraction);
  digits.insert(0, 6 - digits.size(), '0');
  while (digits.back() == '0') digits.pop_back();
  return text + "." + digits;
}

std::string FormatMetrics(const MetricsPage& page) {
  Families families;
  families.Add("mysql_up", "gauge", "Whether the MySQL server is up.", "mysql_up 1");
  families.Add("mysql_version_info", "gauge", "The server's version and distribution.",
               "mysql_version_info{version=\"" + LabelValue(page.version) +
                   "\",version_comment=\"" + LabelValue(page.version_comment) + "\"} 1");
  for (const auto& [name, value] : page.status) {
    std::string number = NumberText(value);
    if (!number.empty()) AddStatus(families, name, number);
  }
  for (const auto& [name, value] : page.variables) {
    std::string number = NumberText(value);
    if (number.empty()) continue;
    std::string family = "mysql_global_variables_" + MetricName(name);
    families.Add(family, "gauge", "Generic gauge metric from SHOW GLOBAL VARIABLES.",
                 family + " " + number);
  }
  for (const MetricsPage::Histogram& histogram : page.histograms) AddHistogram(families, histogram);
  return families.Text();
}

}  // namespace porpoise::daemon
