// Boxed, vertical and tab-separated result layouts and the summary lines. (cli/)
#include "cli/result_formatter.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "client/result.h"

namespace porpoise::cli {
namespace {

// The mysql client stops padding past this many bytes (values are still printed whole).
constexpr size_t kMaxColumnLength = 1024;
constexpr std::string_view kNull = "NULL";

bool IsWideCodePoint(uint32_t code_point) {
  struct Range {
    uint32_t first;
    uint32_t last;
  };
  static constexpr Range kWideRanges[] = {
      {0x1100, 0x115F},   {0x2E80, 0x303E},   {0x3041, 0x33FF},  {0x3400, 0x4DBF},
      {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xAC00, 0xD7A3},  {0xF900, 0xFAFF},
      {0xFE30, 0xFE4F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},  {0x1F300, 0x1F64F},
      {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
  };
  for (const Range& range : kWideRanges) {
    if (code_point >= range.first && code_point <= range.last) return true;
  }
  return false;
}

// Length of the UTF-8 sequence starting with `lead`, 0 when `lead` cannot start one.
size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 0;
}

// Appends `value` with NUL bytes shown as spaces, as the mysql client prints table cells.
void AppendCell(std::string& out, std::string_view value) {
  for (char c : value) out.push_back(c == '\0' ? ' ' : c);
}

void AppendPadding(std::string& out, size_t count) { out.append(count, ' '); }

size_t ColumnWidth(const TableData& table, size_t column_index, bool column_names) {
  const TableColumn& column = table.columns[column_index];
  size_t width = column_names ? column.name.size() : 0;
  for (const auto& row : table.rows) {
    const auto& value = row[column_index];
    width = std::max(width, value ? value->size() : kNull.size());
  }
  if (width < kNull.size() && !column.not_null) width = kNull.size();
  return width;
}

std::string Separator(const std::vector<size_t>& widths) {
  std::string line = "+";
  for (size_t width : widths) {
    line.append(width + 2, '-');
    line.push_back('+');
  }
  line.push_back('\n');
  return line;
}

// One "| value |" cell without the leading '|'.
void AppendBoxedCell(std::string& out, std::string_view value, size_t width, bool right_align) {
  const size_t cells = DisplayCells(value);
  const size_t target = std::min(width, kMaxColumnLength);
  const size_t padding = target > cells ? target - cells : 0;
  out.push_back(' ');
  if (right_align && width <= kMaxColumnLength) {
    AppendPadding(out, padding);
    AppendCell(out, value);
  } else {
    AppendCell(out, value);
    AppendPadding(out, padding);
  }
  out += " |";
}

void AppendEscaped(std::string& out, std::string_view value) {
  for (char c : value) {
    switch (c) {
      case '\0': out += "\\0"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\\': out += "\\\\"; break;
      default: out.push_back(c); break;
    }
  }
}

}  // namespace

TableData TableFromResult(client::Result& result) {
  TableData table;
  for (const client::ColumnInfo& info : result.columns()) {
    table.columns.push_back({info.name, info.IsNumeric(), info.IsNotNull()});
  }
  result.Rewind();
  while (std::optional<client::Row> row = result.FetchRow()) {
    std::vector<std::optional<std::string>> values;
    values.reserve(row->size());
    for (const auto& value : row->values()) {
      values.push_back(value ? std::optional<std::string>(std::string(*value)) : std::nullopt);
    }
    table.rows.push_back(std::move(values));
  }
  return table;
}

size_t DisplayCells(std::string_view utf8) {
  size_t cells = 0;
  size_t position = 0;
  while (position < utf8.size()) {
    const auto lead = static_cast<unsigned char>(utf8[position]);
    const size_t length = SequenceLength(lead);
    if (length == 0 || position + length > utf8.size()) {
      ++cells;
      ++position;
      continue;
    }
    uint32_t code_point = length == 1 ? lead : lead & (0x7Fu >> length);
    bool valid = true;
    for (size_t offset = 1; offset < length; ++offset) {
      const auto next = static_cast<unsigned char>(utf8[position + offset]);
      if ((next & 0xC0) != 0x80) valid = false;
      code_point = (code_point << 6) | (next & 0x3Fu);
    }
    if (!valid) {
      ++cells;
      ++position;
      continue;
    }
    cells += IsWideCodePoint(code_point) ? 2 : 1;
    position += length;
  }
  return cells;
}

std::string FormatBoxed(const TableData& table, bool column_names) {
  std::vector<size_t> widths;
  for (size_t column_index = 0; column_index < table.columns.size(); ++column_index) {
    widths.push_back(ColumnWidth(table, column_index, column_names));
  }
  const std::string separator = Separator(widths);
  std::string out = separator;
  if (column_names) {
    out.push_back('|');
    for (size_t column_index = 0; column_index < table.columns.size(); ++column_index) {
      AppendBoxedCell(out, table.columns[column_index].name, widths[column_index], false);
    }
    out.push_back('\n');
    out += separator;
  }
  for (const auto& row : table.rows) {
    out.push_back('|');
    for (size_t column_index = 0; column_index < table.columns.size(); ++column_index) {
      const auto& value = row[column_index];
      AppendBoxedCell(out, value ? std::string_view(*value) : kNull, widths[column_index],
                      table.columns[column_index].numeric);
    }
    out.push_back('\n');
  }
  out += separator;
  return out;
}

std::string FormatVertical(const TableData& table, bool column_names) {
  size_t name_width = 0;
  for (const TableColumn& column : table.columns) {
    name_width = std::max(name_width, column.name.size());
  }
  std::string out;
  uint64_t row_number = 0;
  for (const auto& row : table.rows) {
    out += "*************************** " + std::to_string(++row_number) +
           ". row ***************************\n";
    for (size_t column_index = 0; column_index < table.columns.size(); ++column_index) {
      if (column_names) {
        const std::string& name = table.columns[column_index].name;
        AppendPadding(out, name_width - name.size());
        out += name + ": ";
      }
      const auto& value = row[column_index];
      AppendCell(out, value ? std::string_view(*value) : kNull);
      out.push_back('\n');
    }
  }
  return out;
}

std::string FormatTabSeparated(const TableData& table, bool column_names, bool raw) {
  std::string out;
  if (column_names) {
    for (size_t column_index = 0; column_index < table.columns.size(); ++column_index) {
      if (column_index != 0) out.push_back('\t');
      out += table.columns[column_index].name;
    }
    out.push_back('\n');
  }
  for (const auto& row : table.rows) {
    for (size_t column_index = 0; column_index < row.size(); ++column_index) {
      if (column_index != 0) out.push_back('\t');
      const auto& value = row[column_index];
      if (!value) {
        out += kNull;
      } else if (raw) {
        out += *value;
      } else {
        AppendEscaped(out, *value);
      }
    }
    out.push_back('\n');
  }
  return out;
}

std::string FormatElapsed(double seconds) {
  std::string out;
  struct Unit {
    double length;
    const char* singular;
    const char* plural;
  };
  static constexpr Unit kUnits[] = {
      {86400.0, " day ", " days "}, {3600.0, " hour ", " hours "}, {60.0, " min ", " min "}};
  for (const Unit& unit : kUnits) {
    if (seconds >= unit.length) {
      const auto count = static_cast<unsigned long>(std::floor(seconds / unit.length));
      seconds -= unit.length * static_cast<double>(count);
      out += std::to_string(count) + (count > 1 ? unit.plural : unit.singular);
    }
  }
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.2f sec", seconds);
  return out + buffer;
}

std::string FormatSummary(const StatementSummary& summary, double elapsed_seconds) {
  std::string line;
  if (summary.has_result_set) {
    if (summary.row_count == 0) {
      line = "Empty set";
    } else {
      line = std::to_string(summary.row_count) + (summary.row_count == 1 ? " row" : " rows") +
             " in set";
    }
  } else if (summary.affected_rows == ~uint64_t{0}) {
    line = "Query OK";
  } else {
    line = "Query OK, " + std::to_string(summary.affected_rows) +
           (summary.affected_rows == 1 ? " row affected" : " rows affected");
  }
  if (summary.warning_count != 0) {
    line += ", " + std::to_string(summary.warning_count) +
            (summary.warning_count == 1 ? " warning" : " warnings");
  }
  line += " (" + FormatElapsed(elapsed_seconds) + ")\n";
  if (!summary.info.empty()) line += summary.info + "\n";
  return line + "\n";
}

}  // namespace porpoise::cli
