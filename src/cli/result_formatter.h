// The mysql client's three result layouts (boxed table, vertical, tab-separated batch) and its
// summary lines ("3 rows in set (0.00 sec)"), as pure functions over plain data. (cli/)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace porpoise::client {
class Result;
}

namespace porpoise::cli {

struct TableColumn {
  std::string name;
  bool numeric = false;   // right-aligned in boxed tables (MySQL's IS_NUM over the type)
  bool not_null = false;  // NOT NULL columns need no room for "NULL"
};

// A result set's columns and rows; nullopt values are SQL NULL.
struct TableData {
  std::vector<TableColumn> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;
};

// Copies a stored client result (all its rows) into TableData.
TableData TableFromResult(client::Result& result);

// Screen cells `utf8` takes: one per character, two for East Asian wide and fullwidth
// characters (as MySQL's numcells counts them). Invalid bytes count one each.
size_t DisplayCells(std::string_view utf8);

// The boxed layout: +---+ borders, a column as wide as its longest value or name in bytes (as
// the mysql client measures), numbers right-aligned, NULL as "NULL". Without column names the
// header row and its border are left out.
std::string FormatBoxed(const TableData& table, bool column_names);

// `*************************** 1. row ***************************` blocks with the column
// names right-aligned before ": ".
std::string FormatVertical(const TableData& table, bool column_names);

// Batch layout: a tab-separated header line (when column_names), one line per row. Unless
// `raw`, values escape NUL, tab, newline and backslash as \0 \t \n \\; NULL prints as "NULL".
std::string FormatTabSeparated(const TableData& table, bool column_names, bool raw);

// "0.00 sec", "1 min 5.20 sec", "2 hours 1 min 0.00 sec" as the mysql client writes durations.
std::string FormatElapsed(double seconds);

// What a statement produced, for the summary line.
struct StatementSummary {
  bool has_result_set = false;
  uint64_t row_count = 0;       // rows in the result set
  uint64_t affected_rows = 0;   // ~0: unknown ("Query OK" alone)
  unsigned warning_count = 0;
  std::string info;             // mysql_info(); empty when none
};

// "3 rows in set (0.01 sec)" / "Empty set (0.00 sec)" / "Query OK, 1 row affected, 1 warning
// (0.00 sec)", then the info line when there is one, then an empty line; each line ends in '\n'.
std::string FormatSummary(const StatementSummary& summary, double elapsed_seconds);

}  // namespace porpoise::cli
