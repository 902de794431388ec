// Files on the server host: SELECT ... INTO OUTFILE (rows as delimited text) and INTO
// DUMPFILE (one value's bytes). Both need the FILE privilege and a path secure_file_priv
// allows: NULL refuses every file (1290), a directory only paths inside it, "" any path. A
// relative path is in the datadir (which holds no per-database directories). A file is never
// overwritten (1086). (engine/)
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <string>

#include "common/strings.h"
#include "engine/session.h"
#include "sql/parser.h"
#include "sql/printer.h"

namespace porpoise::engine {

namespace {

// `path` made absolute and free of "." and ".." parts (symbolic links resolved for the parts
// that exist), so that a directory prefix test means what it says.
std::string Normalised(const std::string& path) {
  std::string directory = path.substr(0, path.rfind('/') + 1);
  std::string name = path.substr(path.rfind('/') + 1);
  char resolved[PATH_MAX];
  if (!directory.empty() && realpath(directory.c_str(), resolved) != nullptr) {
    std::string out = resolved;
    if (out.back() != '/') out += '/';
    return out + name;
  }
  return path;
}

// Writes `text` in `format`'s escaping: the escape character before itself, the enclosure,
// the first character of each terminator, and NUL as \0.
void AppendEscaped(std::string_view text, const sql::FileFormat& format, std::string* out) {
  if (format.escaped.empty()) {
    out->append(text);
    return;
  }
  char escape = format.escaped[0];
  for (char c : text) {
    bool special = c == escape || (!format.enclosed.empty() && c == format.enclosed[0]) ||
                   (format.enclosed.empty() && !format.fields_terminated.empty() &&
                    c == format.fields_terminated[0]) ||
                   (format.enclosed.empty() && !format.lines_terminated.empty() &&
                    c == format.lines_terminated[0]);
    if (c == '\0') {
      out->push_back(escape);
      out->push_back('0');
    } else if (special) {
      out->push_back(escape);
      out->push_back(c);
    } else {
      out->push_back(c);
    }
  }
}

bool IsStringResult(const ExprType& type) {
  return type.type == ValueType::kString || type.type == ValueType::kBinary ||
         type.type == ValueType::kJson || IsTemporalType(type.type);
}

}  // namespace

Result<std::string> Session::FilePath(const std::string& path) {
  if (!checker_.HasGlobal(auth::Privilege::kFile)) {
    return Status::Error(ER_ACCESS_DENIED_ERROR, checker_.principal().account_user,
                         checker_.principal().account_host, "YES");
  }
  PORPOISE_ASSIGN_OR_RETURN(std::string allowed, variables_.Get("secure_file_priv", sql::VariableScope::kGlobal));
  if (allowed == "NULL") return Status::Error(ER_OPTION_PREVENTS_STATEMENT, "--secure-file-priv");
  std::string full = path;
  if (full.empty() || full[0] != '/') {
    PORPOISE_ASSIGN_OR_RETURN(std::string datadir, variables_.Get("datadir", sql::VariableScope::kGlobal));
    if (!datadir.empty() && datadir.back() != '/') datadir += '/';
    full = datadir + path;
  }
  full = Normalised(full);
  if (!allowed.empty()) {
    std::string directory = Normalised(allowed.back() == '/' ? allowed : allowed + "/");
    if (full.compare(0, directory.size(), directory) != 0) {
      return Status::Error(ER_OPTION_PREVENTS_STATEMENT, "--secure-file-priv");
    }
  }
  return full;
}

Status Session::ExecuteSelectIntoFile(const sql::SelectStatement& select, ResultSink& sink,
                                      bool more) {
  const sql::OutFile& file = *select.into_file;
  PORPOISE_ASSIGN_OR_RETURN(std::string path, FilePath(file.path));
  std::vector<ExprType> types;
  PORPOISE_ASSIGN_OR_RETURN(std::vector<std::vector<Value>> rows, QueryRows(select, &types));
  if (file.dump && rows.size() > 1) return Status::Error(ER_TOO_MANY_ROWS);
  const sql::FileFormat& format = file.format;
  std::string out;
  std::string buffer;
  for (const std::vector<Value>& row : rows) {
    if (!file.dump) out += format.lines_starting;
    for (size_t i = 0; i < row.size(); ++i) {
      std::optional<std::string_view> text = FieldText(ResultField(row[i], types[i], &buffer), &buffer);
      if (file.dump) {
        if (text) out.append(*text);
        continue;
      }
      if (i > 0) out += format.fields_terminated;
      if (!text) {
        out += format.escaped.empty() ? "NULL" : format.escaped + "N";
        continue;
      }
      bool enclose = !format.enclosed.empty() &&
                     (!format.optionally_enclosed || IsStringResult(types[i]));
      if (enclose) out += format.enclosed;
      AppendEscaped(*text, format, &out);
      if (enclose) out += format.enclosed;
    }
    if (!file.dump) out += format.lines_terminated;
  }
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) {
    int error = errno;
    if (error == EEXIST) return Status::Error(ER_FILE_EXISTS_ERROR, file.path);
    return Status::Error(ER_CANT_CREATE_FILE, file.path, error, std::strerror(error));
  }
  size_t written = 0;
  while (written < out.size()) {
    ssize_t n = write(fd, out.data() + written, out.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int error = errno;
      close(fd);
      unlink(path.c_str());
      return Status::Error(ER_CANT_CREATE_FILE, file.path, error, std::strerror(error));
    }
    written += static_cast<size_t>(n);
  }
  int synced = fsync(fd);
  int error = errno;
  if (close(fd) != 0 && synced == 0) {
    synced = -1;
    error = errno;
  }
  if (synced != 0) return Status::Error(ER_CANT_CREATE_FILE, file.path, error, std::strerror(error));
  row_count_ = static_cast<int64_t>(rows.size());
  SendOk(sink, more, rows.size());
  return Status::OK();
}

}  // namespace porpoise::engine

namespace porpoise::engine {

namespace {

// LOAD DATA's reading of one file: lines, then fields, with MySQL's enclosure and escapes.
class DelimitedReader {
 public:
  DelimitedReader(std::string_view data, const sql::FileFormat& format) : data_(data), format_(format) {}

  // The next line's fields (nullopt for \N); false at the end of the data.
  bool Next(std::vector<std::optional<std::string>>* fields) {
    fields->clear();
    while (pos_ < data_.size()) {
      if (!format_.lines_starting.empty()) {
        size_t start = data_.find(format_.lines_starting, pos_);
        if (start == std::string_view::npos) {
          pos_ = data_.size();
          return false;
        }
        pos_ = start + format_.lines_starting.size();
      }
      return ReadLine(fields);
    }
    return false;
  }

 private:
  bool At(std::string_view text) const {
    return !text.empty() && data_.substr(pos_, text.size()) == text;
  }

  bool ReadLine(std::vector<std::optional<std::string>>* fields) {
    while (true) {
      std::optional<std::string> field = ReadField();
      fields->push_back(std::move(field));
      if (pos_ >= data_.size()) return true;
      if (At(format_.lines_terminated)) {
        pos_ += format_.lines_terminated.size();
        return true;
      }
      if (At(format_.fields_terminated)) {
        pos_ += format_.fields_terminated.size();
        continue;
      }
      // Text after a closing enclosure: read up to the next terminator as part of nothing.
      ++pos_;
    }
  }

  std::optional<std::string> ReadField() {
    std::string field;
    char escape = format_.escaped.empty() ? '\0' : format_.escaped[0];
    bool has_escape = !format_.escaped.empty();
    bool enclosed = !format_.enclosed.empty() && pos_ < data_.size() && data_[pos_] == format_.enclosed[0];
    if (enclosed) ++pos_;
    bool any_escape = false;
    while (pos_ < data_.size()) {
      char c = data_[pos_];
      if (has_escape && c == escape && pos_ + 1 < data_.size()) {
        char next = data_[pos_ + 1];
        pos_ += 2;
        any_escape = true;
        switch (next) {
          case '0': field.push_back('\0'); break;
          case 'b': field.push_back('\b'); break;
          case 'n': field.push_back('\n'); break;
          case 'r': field.push_back('\r'); break;
          case 't': field.push_back('\t'); break;
          case 'Z': field.push_back('\x1a'); break;
          case 'N':
            if (field.empty() && !enclosed) return std::nullopt;
            field.push_back('N');
            break;
          default: field.push_back(next); break;
        }
        continue;
      }
      if (enclosed) {
        if (c == format_.enclosed[0]) {
          // A doubled enclosure is one character; else the field ends.
          if (pos_ + 1 < data_.size() && data_[pos_ + 1] == c) {
            field.push_back(c);
            pos_ += 2;
            continue;
          }
          ++pos_;
          return field;
        }
      } else if (At(format_.fields_terminated) || At(format_.lines_terminated)) {
        break;
      }
      field.push_back(c);
      ++pos_;
    }
    (void)any_escape;
    // Without an escape character, an unenclosed NULL is NULL.
    if (!has_escape && !enclosed && field == "NULL") return std::nullopt;
    return field;
  }

  std::string_view data_;
  const sql::FileFormat& format_;
  size_t pos_ = 0;
};

// A field as a literal: its text, or NULL for \N.
sql::ExprPtr FieldLiteral(const std::optional<std::string>& field) {
  return field ? sql::MakeLiteral(sql::LiteralKind::kString, *field)
               : sql::MakeLiteral(sql::LiteralKind::kNull, "");
}

// Replaces in `expr` (a SET value of LOAD DATA) each user variable and each column of
// `table` that a field is read into with that field of the row (NULL for a field missing).
void PutFields(sql::Expr& expr, const std::string& table,
               const std::vector<sql::LoadDataStatement::Target>& targets,
               const std::vector<std::optional<std::string>>& fields) {
  bool variable = expr.kind == sql::ExprKind::kVariable && expr.scope == sql::VariableScope::kUser;
  bool column = expr.kind == sql::ExprKind::kColumnRef &&
                (expr.table.empty() || EqualsIgnoreCase(expr.table, table));
  if (variable || column) {
    const std::string& name = variable ? expr.text : expr.column;
    for (size_t c = 0; c < targets.size(); ++c) {
      if (targets[c].variable != variable || !EqualsIgnoreCase(targets[c].name, name)) continue;
      expr = std::move(*FieldLiteral(c < fields.size() ? fields[c] : std::nullopt));
      return;
    }
    return;
  }
  for (sql::ExprPtr& arg : expr.args) {
    if (arg) PutFields(*arg, table, targets, fields);
  }
  if (expr.case_operand) PutFields(*expr.case_operand, table, targets, fields);
  if (expr.else_expr) PutFields(*expr.else_expr, table, targets, fields);
}

// What MySQL's LOAD DATA writes in a column its row gives no value (a field missing, or \N
// for a NOT NULL column): NULL where the column's default is NULL, else the type's zero.
sql::ExprPtr ZeroValue(const catalog::ColumnSchema& column, bool null_allowed) {
  using catalog::TypeClass;
  if (null_allowed && column.nullable && column.default_kind == catalog::DefaultKind::kNull) {
    return sql::MakeLiteral(sql::LiteralKind::kNull, "");
  }
  switch (column.type_class) {
    case TypeClass::kInteger: case TypeClass::kDecimal: case TypeClass::kFloat: case TypeClass::kDouble:
    case TypeClass::kYear: case TypeClass::kBit:
      return sql::MakeLiteral(sql::LiteralKind::kInteger, "0");
    case TypeClass::kDate: return sql::MakeLiteral(sql::LiteralKind::kString, "0000-00-00");
    case TypeClass::kDateTime: case TypeClass::kTimestamp:
      return sql::MakeLiteral(sql::LiteralKind::kString, "0000-00-00 00:00:00");
    case TypeClass::kTime: return sql::MakeLiteral(sql::LiteralKind::kString, "00:00:00");
    case TypeClass::kJson: return sql::MakeLiteral(sql::LiteralKind::kString, "null");
    default: return sql::MakeLiteral(sql::LiteralKind::kString, "");
  }
}

}  // namespace

Status Session::ExecuteLoadData(const sql::LoadDataStatement& load, ResultSink& sink, bool more) {
  if (load.local) {
    PORPOISE_ASSIGN_OR_RETURN(std::string local, variables_.Get("local_infile", sql::VariableScope::kGlobal));
    if (local != "ON") return Status::Error(ER_CLIENT_LOCAL_FILES_DISABLED);
  }
  if (!load.format.charset.empty() && load.format.charset != "utf8mb4" && load.format.charset != "utf8" &&
      load.format.charset != "binary" && load.format.charset != "utf8mb3" && load.format.charset != "ascii") {
    return Status::Error(ER_NOT_SUPPORTED_YET, "LOAD DATA CHARACTER SET " + load.format.charset);
  }
  std::string database = load.table.database.empty() ? database_ : load.table.database;
  if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
  std::shared_ptr<const catalog::TableSchema> table = catalog_->FindTable(database, load.table.table);
  if (!table && catalog_->FindDatabase(database) == nullptr) return Status::Error(ER_BAD_DB_ERROR, database);
  if (!table) return Status::Error(ER_NO_SUCH_TABLE, database, load.table.table);
  // The whole file is read before any row is written (the largest: 4 GiB).
  constexpr uint64_t kLimit = uint64_t{1} << 32;
  std::string data;
  if (load.local) {
    // The client sends it (and a client that cannot read it sends nothing: no rows).
    PORPOISE_ASSIGN_OR_RETURN(data, sink.ReadLocalFile(load.path, kLimit));
  } else {
    PORPOISE_ASSIGN_OR_RETURN(std::string path, FilePath(load.path));
    struct stat info {};
    if (stat(path.c_str(), &info) != 0) {
      int error = errno;
      return Status::Error(EE_STAT, path, error, std::strerror(error));
    }
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      int error = errno;
      return Status::Error(EE_FILENOTFOUND, path, error, std::strerror(error));
    }
    char buffer[65536];
    while (true) {
      ssize_t n = read(fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      data.append(buffer, static_cast<size_t>(n));
      if (data.size() > kLimit) {
        close(fd);
        return Status::Error(ER_NOT_SUPPORTED_YET, "LOAD DATA of a file past 4 GiB");
      }
    }
    close(fd);
  }
  std::vector<sql::LoadDataStatement::Target> targets = load.columns;
  if (targets.empty()) {
    for (const catalog::ColumnSchema& column : table->columns) {
      if (!column.hidden() && !column.invisible && !column.generated()) targets.push_back({column.name, false});
    }
  }
  // The columns written: the fields' that are columns, then SET's. SET's values are printed
  // once and read back for each row, with the row's fields in place of what they name.
  // A column SET assigns takes SET's value, not its field's: `from_field` marks the fields
  // that are written as they are.
  std::vector<bool> from_field(targets.size());
  std::vector<std::string> columns;
  for (size_t c = 0; c < targets.size(); ++c) {
    const sql::LoadDataStatement::Target& target = targets[c];
    from_field[c] = !target.variable &&
                    std::none_of(load.assignments.begin(), load.assignments.end(),
                                 [&](const sql::Assignment& a) { return EqualsIgnoreCase(a.column->column, target.name); });
    if (from_field[c]) columns.push_back(target.name);
  }
  std::vector<std::optional<std::string>> set_values;  // nullopt: DEFAULT
  for (const sql::Assignment& assignment : load.assignments) {
    columns.push_back(assignment.column->column);
    set_values.push_back(assignment.value->kind == sql::ExprKind::kDefault
                             ? std::nullopt
                             : std::optional<std::string>(sql::ToSql(*assignment.value)));
  }
  DelimitedReader reader(data, load.format);
  std::vector<std::optional<std::string>> fields;
  for (uint64_t i = 0; i < load.ignore_lines && reader.Next(&fields); ++i) {
  }
  bool insert_ignores = load.ignore || (load.local && !load.replace);
  // A row's own problems (fields too few or too many, \N for a NOT NULL column) stop a strict
  // LOAD DATA (1261, 1262, 1263); with IGNORE or LOCAL, or outside strict mode, they warn.
  const bool strict_rows = StrictMode() && !insert_ignores;
  auto column_of = [&](const std::string& name) -> const catalog::ColumnSchema* {
    int index = table->FindColumn(name);
    return index < 0 ? nullptr : &table->columns[static_cast<size_t>(index)];
  };
  PORPOISE_RETURN_IF_ERROR(BeginWrite(*table));
  uint64_t records = 0, affected = 0;
  Status status = [&]() -> Status {
    auto flush = [&](sql::InsertStatement& insert) -> Status {
      if (insert.rows.empty()) return Status::OK();
      FirstErrorSink quiet;
      PORPOISE_RETURN_IF_ERROR(ExecuteInsert(insert, quiet, false));
      affected += static_cast<uint64_t>(std::max<int64_t>(row_count_, 0));
      insert.rows.clear();
      return Status::OK();
    };
    sql::InsertStatement insert;
    insert.table = sql::TableName{database, table->name};
    std::vector<std::optional<std::string>> last_fields;
    insert.replace = load.replace;
    // The server cannot stop a client's transfer: with LOCAL, duplicate keys and values that
    // do not convert are warnings, as with IGNORE.
    insert.ignore = insert_ignores;
    insert.columns = columns;
    while (reader.Next(&fields)) {
      ++records;
      if (fields.size() > targets.size()) {
        Status truncated = Status::Error(ER_WARN_TOO_MANY_RECORDS, records);
        if (strict_rows) return truncated;
        AddWarning(std::move(truncated));
      }
      std::vector<sql::ExprPtr> row;
      for (size_t c = 0; c < targets.size(); ++c) {
        if (c >= fields.size()) {
          // (one warning for each field missing, a line with none too)
          Status missing = Status::Error(ER_WARN_TOO_FEW_RECORDS, records);
          if (strict_rows) return missing;
          AddWarning(std::move(missing));
        }
        if (!from_field[c]) continue;
        const catalog::ColumnSchema* column = column_of(targets[c].name);
        if (c >= fields.size()) {
          if (column != nullptr) {
            row.push_back(ZeroValue(*column, true));
          } else {
            auto missing = std::make_unique<sql::Expr>();
            missing->kind = sql::ExprKind::kDefault;
            row.push_back(std::move(missing));
          }
        } else if (!fields[c] && column != nullptr && !column->nullable && !column->auto_increment) {
          // \N for a NOT NULL column: the time for a TIMESTAMP, else the type's zero.
          if (column->type_class == catalog::TypeClass::kTimestamp) {
            PORPOISE_ASSIGN_OR_RETURN(sql::ExprPtr now, sql::ParseExpression("CURRENT_TIMESTAMP(6)"));
            row.push_back(std::move(now));
            continue;
          }
          Status null_to_not_null = Status::Error(ER_WARN_NULL_TO_NOTNULL, column->name, static_cast<long>(records));
          if (strict_rows) return null_to_not_null;
          AddWarning(std::move(null_to_not_null));
          row.push_back(ZeroValue(*column, false));
        } else {
          row.push_back(FieldLiteral(fields[c]));
        }
      }
      for (const std::optional<std::string>& text : set_values) {
        if (!text) {
          auto value = std::make_unique<sql::Expr>();
          value->kind = sql::ExprKind::kDefault;
          row.push_back(std::move(value));
          continue;
        }
        PORPOISE_ASSIGN_OR_RETURN(sql::ExprPtr value, sql::ParseExpression(*text));
        PutFields(*value, table->name, targets, fields);
        row.push_back(std::move(value));
      }
      last_fields = fields;
      insert.rows.push_back(std::move(row));
      if (insert.rows.size() >= 500) PORPOISE_RETURN_IF_ERROR(flush(insert));
    }
    PORPOISE_RETURN_IF_ERROR(flush(insert));
    // The variables keep the last row's fields.
    for (size_t c = 0; c < targets.size() && records > 0; ++c) {
      if (!targets[c].variable) continue;
      bool present = c < last_fields.size() && last_fields[c];
      user_variables_[ToLowerAscii(targets[c].name)] =
          present ? Value::Text(*last_fields[c]) : Value::Null();
    }
    return Status::OK();
  }();
  if (!status.ok()) return FinishWrite(std::move(status));
  PORPOISE_RETURN_IF_ERROR(EndWrite(true));
  uint64_t deleted = load.replace && affected > records ? affected - records : 0;
  uint64_t skipped = insert_ignores && records > affected ? records - affected : 0;
  row_count_ = static_cast<int64_t>(affected);
  SendOk(sink, more, affected, 0,
         "Records: " + std::to_string(records) + "  Deleted: " + std::to_string(deleted) +
             "  Skipped: " + std::to_string(skipped) + "  Warnings: " +
             std::to_string(diagnostics_.conditions().size()));
  return Status::OK();
}

}  // namespace porpoise::engine
