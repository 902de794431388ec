// Result and Row over libmariadb's MYSQL_RES. (client/)
#include "client/result.h"

#include <mysql.h>

namespace porpoise::client {

bool ColumnInfo::IsNumeric() const {
  const auto field_type = static_cast<enum_field_types>(type);
  return (field_type <= MYSQL_TYPE_INT24 && field_type != MYSQL_TYPE_TIMESTAMP) ||
         field_type == MYSQL_TYPE_YEAR || field_type == MYSQL_TYPE_NEWDECIMAL;
}

bool ColumnInfo::IsNotNull() const { return (flags & NOT_NULL_FLAG) != 0; }

void Result::ResultDeleter::operator()(st_mysql_res* result) const { mysql_free_result(result); }

namespace {

std::string FieldText(const char* text, unsigned int length) {
  return text == nullptr ? std::string() : std::string(text, length);
}

ColumnInfo ColumnFromField(const MYSQL_FIELD& field) {
  ColumnInfo column;
  column.name = FieldText(field.name, field.name_length);
  column.org_name = FieldText(field.org_name, field.org_name_length);
  column.table = FieldText(field.table, field.table_length);
  column.org_table = FieldText(field.org_table, field.org_table_length);
  column.database = FieldText(field.db, field.db_length);
  column.type = static_cast<uint8_t>(field.type);
  column.flags = field.flags;
  column.length = field.length;
  column.max_length = field.max_length;
  column.decimals = field.decimals;
  column.charset_number = field.charsetnr;
  return column;
}

}  // namespace

Result::Result(st_mysql_res* result) : result_(result) {
  const unsigned int field_count = mysql_num_fields(result);
  const MYSQL_FIELD* fields = mysql_fetch_fields(result);
  columns_.reserve(field_count);
  for (unsigned int column_index = 0; column_index < field_count; ++column_index) {
    columns_.push_back(ColumnFromField(fields[column_index]));
  }
}

uint64_t Result::row_count() const { return mysql_num_rows(result_.get()); }

std::optional<Row> Result::FetchRow() {
  MYSQL_ROW row = mysql_fetch_row(result_.get());
  if (row == nullptr) return std::nullopt;
  const unsigned long* lengths = mysql_fetch_lengths(result_.get());
  std::vector<std::optional<std::string_view>> values;
  values.reserve(columns_.size());
  for (size_t column_index = 0; column_index < columns_.size(); ++column_index) {
    if (row[column_index] == nullptr) {
      values.emplace_back(std::nullopt);
    } else {
      values.emplace_back(std::string_view(row[column_index], lengths[column_index]));
    }
  }
  return Row(std::move(values));
}

void Result::Rewind() { mysql_data_seek(result_.get(), 0); }

}  // namespace porpoise::client
