// Result and Row: one stored result set read through libmariadb, its column metadata and its
// rows as text-protocol values (NULL is nullopt). (client/)
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct st_mysql_res;  // MYSQL_RES

namespace porpoise::client {

// One column's definition as the server sent it (ColumnDefinition41).
struct ColumnInfo {
  std::string name;        // alias as shown in headers
  std::string org_name;
  std::string table;
  std::string org_table;
  std::string database;
  uint8_t type = 0;        // enum_field_types value (common/mysql_types.h FieldType numbering)
  unsigned flags = 0;      // NOT_NULL_FLAG, UNSIGNED_FLAG, ...
  unsigned long length = 0;      // declared display length
  unsigned long max_length = 0;  // longest value in this stored result, in bytes
  unsigned decimals = 0;
  unsigned charset_number = 0;

  // MySQL's IS_NUM(): the mysql client right-aligns these types.
  bool IsNumeric() const;
  bool IsNotNull() const;
};

// One row of a Result. Values are views into the Result's storage: valid while the Result
// that produced the row lives.
class Row {
 public:
  Row() = default;
  explicit Row(std::vector<std::optional<std::string_view>> values) : values_(std::move(values)) {}

  size_t size() const { return values_.size(); }
  bool IsNull(size_t column_index) const { return !values_[column_index].has_value(); }
  // nullopt for SQL NULL. REQUIRES: column_index < size().
  const std::optional<std::string_view>& operator[](size_t column_index) const {
    return values_[column_index];
  }
  const std::vector<std::optional<std::string_view>>& values() const { return values_; }

 private:
  std::vector<std::optional<std::string_view>> values_;
};

// A fully stored (mysql_store_result) result set. Move-only; frees the MYSQL_RES.
class Result {
 public:
  // Takes ownership of `result` (non-null).
  explicit Result(st_mysql_res* result);
  Result(Result&&) noexcept = default;
  Result& operator=(Result&&) noexcept = default;
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  ~Result() = default;

  const std::vector<ColumnInfo>& columns() const { return columns_; }
  uint64_t row_count() const;
  // The next row, or nullopt after the last one.
  std::optional<Row> FetchRow();
  // Moves the cursor back to the first row.
  void Rewind();

 private:
  struct ResultDeleter {
    void operator()(st_mysql_res* result) const;
  };
  std::unique_ptr<st_mysql_res, ResultDeleter> result_;
  std::vector<ColumnInfo> columns_;
};

}  // namespace porpoise::client
