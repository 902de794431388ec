// ALTER TABLE (and CREATE/DROP INDEX, which are one-spec ALTERs). The table's definition, as
// SHOW CREATE TABLE prints it, is edited spec by spec and built again as CREATE TABLE builds
// one; then either only the indexes change (and columns appended at the end are added in
// place), or the SQLite table is rebuilt: a new table under a new storage id, every row copied
// through MySQL's conversion into the new columns, the old table dropped, all in one
// transaction. (engine/)
#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <optional>

#include "catalog/charsets.h"
#include "common/strings.h"
#include "engine/catalog_store.h"
#include "engine/ddl_util.h"
#include "engine/physical.h"
#include "engine/session.h"

namespace porpoise::engine {

namespace {

bool IsTextualType(const sql::DataType& type) {
  const std::string& name = type.name;
  return name == "char" || name == "varchar" || name.ends_with("text") || name == "enum" ||
         name == "set";
}

// Where each column of the edited definition takes its values from.
struct EditedTable {
  sql::CreateTableStatement* create = nullptr;
  std::vector<std::optional<std::string>> sources;  // the old column, or none (new column)
  std::optional<sql::TableName> rename;
  std::optional<uint64_t> auto_increment;  // AUTO_INCREMENT=
  bool primary_key_changed = false;
  // The table's keys added for its foreign keys (absent from `create`, derived again when
  // it is built).
  std::vector<std::string> generated_indexes;
};

int FindColumn(const sql::CreateTableStatement& create, std::string_view name) {
  for (size_t i = 0; i < create.columns.size(); ++i) {
    if (EqualsIgnoreCase(create.columns[i].name, name)) return static_cast<int>(i);
  }
  return -1;
}

int FindIndex(const sql::CreateTableStatement& create, std::string_view name) {
  for (size_t i = 0; i < create.indexes.size(); ++i) {
    const sql::IndexDef& index = create.indexes[i];
    if (index.kind == sql::IndexDef::Kind::kForeign) continue;  // constraints are not keys
    std::string_view index_name = index.kind == sql::IndexDef::Kind::kPrimary ? std::string_view("PRIMARY")
                                                                              : std::string_view(index.name);
    if (EqualsIgnoreCase(index_name, name)) return static_cast<int>(i);
  }
  return -1;
}

// Moves column `from` (with its source) to FIRST or AFTER `after`; 1054 for an unknown one.
Status Position(EditedTable& edit, size_t from, const sql::AlterSpec& spec, const std::string& table) {
  if (!spec.first && spec.after.empty()) return Status::OK();
  auto& columns = edit.create->columns;
  sql::ColumnDef column = std::move(columns[from]);
  std::optional<std::string> source = std::move(edit.sources[from]);
  columns.erase(columns.begin() + static_cast<long>(from));
  edit.sources.erase(edit.sources.begin() + static_cast<long>(from));
  size_t to = 0;
  if (!spec.first) {
    int after = FindColumn(*edit.create, spec.after);
    if (after < 0) return Status::Error(ER_BAD_FIELD_ERROR, spec.after, table);
    to = static_cast<size_t>(after) + 1;
  }
  columns.insert(columns.begin() + static_cast<long>(to), std::move(column));
  edit.sources.insert(edit.sources.begin() + static_cast<long>(to), std::move(source));
  return Status::OK();
}

void RenameInIndexes(sql::CreateTableStatement& create, std::string_view from, const std::string& to) {
  for (sql::IndexDef& index : create.indexes) {
    for (sql::IndexPart& part : index.parts) {
      if (EqualsIgnoreCase(part.column, from)) part.column = to;
    }
  }
}

// A column written with UNIQUE in ALTER TABLE gets a new unique key after the table's
// existing ones, named after it unless that name is taken (then a_2, a_3, ...), as MySQL adds it.
void KeyAfterExisting(sql::CreateTableStatement& create, sql::ColumnDef& column) {
  if (!column.unique_key) return;
  column.unique_key = false;
  sql::IndexDef index;
  index.kind = sql::IndexDef::Kind::kUnique;
  index.parts.push_back(sql::IndexPart{column.name, std::nullopt, false});
  create.indexes.push_back(std::move(index));
}

// Applies one spec to the definition.
Status Apply(EditedTable& edit, const sql::AlterSpec& spec, const std::string& table) {
  sql::CreateTableStatement& create = *edit.create;
  using Kind = sql::AlterSpec::Kind;
  switch (spec.kind) {
    case Kind::kNoOp:
      return Status::OK();
    case Kind::kRenameTable:
      edit.rename = spec.new_table;
      return Status::OK();
    case Kind::kAddColumn: {
      if (FindColumn(create, spec.column.name) >= 0) {
        return Status::Error(ER_DUP_FIELDNAME, spec.column.name);
      }
      PORPOISE_ASSIGN_OR_RETURN(sql::ColumnDef column, CloneColumn(spec.column));
      ApplyTableCharset(column, create);
      KeyAfterExisting(create, column);
      create.columns.push_back(std::move(column));
      edit.sources.emplace_back();
      if (spec.column.primary_key) edit.primary_key_changed = true;
      return Position(edit, create.columns.size() - 1, spec, table);
    }
    case Kind::kDropColumn: {
      int found = FindColumn(create, spec.name);
      if (found < 0) return Status::Error(ER_CANT_DROP_FIELD_OR_KEY, spec.name);
      if (create.columns.size() == 1) return Status::Error(ER_CANT_REMOVE_ALL_FIELDS);
      create.columns.erase(create.columns.begin() + found);
      edit.sources.erase(edit.sources.begin() + found);
      // The column leaves every key; a key left with no column goes.
      for (size_t i = 0; i < create.indexes.size();) {
        auto& parts = create.indexes[i].parts;
        parts.erase(std::remove_if(parts.begin(), parts.end(),
                                   [&](const sql::IndexPart& part) {
                                     return EqualsIgnoreCase(part.column, spec.name);
                                   }),
                    parts.end());
        if (parts.empty()) {
          if (create.indexes[i].kind == sql::IndexDef::Kind::kPrimary) edit.primary_key_changed = true;
          create.indexes.erase(create.indexes.begin() + static_cast<long>(i));
        } else {
          ++i;
        }
      }
      return Status::OK();
    }
    case Kind::kModifyColumn:
    case Kind::kChangeColumn: {
      int found = FindColumn(create, spec.name);
      if (found < 0) return Status::Error(ER_BAD_FIELD_ERROR, spec.name, table);
      int taken = FindColumn(create, spec.column.name);
      if (taken >= 0 && taken != found) return Status::Error(ER_DUP_FIELDNAME, spec.column.name);
      PORPOISE_ASSIGN_OR_RETURN(sql::ColumnDef column, CloneColumn(spec.column));
      ApplyTableCharset(column, create);
      if (column.primary_key) edit.primary_key_changed = true;
      RenameInIndexes(create, spec.name, column.name);
      KeyAfterExisting(create, column);
      create.columns[static_cast<size_t>(found)] = std::move(column);
      return Position(edit, static_cast<size_t>(found), spec, table);
    }
    case Kind::kRenameColumn: {
      int found = FindColumn(create, spec.name);
      if (found < 0) return Status::Error(ER_BAD_FIELD_ERROR, spec.name, table);
      int taken = FindColumn(create, spec.new_name);
      if (taken >= 0 && taken != found) return Status::Error(ER_DUP_FIELDNAME, spec.new_name);
      create.columns[static_cast<size_t>(found)].name = spec.new_name;
      RenameInIndexes(create, spec.name, spec.new_name);
      return Status::OK();
    }
    case Kind::kSetVisibility: {
      int found = FindColumn(create, spec.name);
      if (found < 0) return Status::Error(ER_BAD_FIELD_ERROR, spec.name, table);
      create.columns[static_cast<size_t>(found)].invisible = spec.invisible;
      return Status::OK();
    }
    case Kind::kSetDefault:
    case Kind::kDropDefault: {
      int found = FindColumn(create, spec.name);
      if (found < 0) return Status::Error(ER_BAD_FIELD_ERROR, spec.name, table);
      sql::ColumnDef& column = create.columns[static_cast<size_t>(found)];
      column.default_value.reset();
      // (ALTER COLUMN ... SET DEFAULT ('x') stores the plain literal 'x', in MySQL 8.4 as
      // here: still 1101 for a BLOB or TEXT column; other expressions stay expressions.)
      column.default_is_expression = false;
      if (spec.kind == Kind::kSetDefault && spec.default_value) {
        PORPOISE_ASSIGN_OR_RETURN(column.default_value, CloneExpr(*spec.default_value));
      }
      return Status::OK();
    }
    case Kind::kAddIndex:
      if (spec.index.kind == sql::IndexDef::Kind::kPrimary) edit.primary_key_changed = true;
      {
        sql::IndexDef index = spec.index;
        create.indexes.push_back(std::move(index));
      }
      return Status::OK();
    case Kind::kDropIndex:
    case Kind::kDropPrimaryKey: {
      std::string name = spec.kind == Kind::kDropPrimaryKey ? "PRIMARY" : spec.name;
      int found = FindIndex(create, name);
      if (found < 0) {
        // A key a foreign key needs, added for it: still needed (1553).
        bool generated = std::any_of(edit.generated_indexes.begin(), edit.generated_indexes.end(),
                                     [&](const std::string& index) { return EqualsIgnoreCase(index, name); });
        return Status::Error(generated ? ER_DROP_INDEX_FK : ER_CANT_DROP_FIELD_OR_KEY, name);
      }
      if (create.indexes[static_cast<size_t>(found)].kind == sql::IndexDef::Kind::kPrimary) {
        edit.primary_key_changed = true;
      }
      sql::IndexDef dropped = create.indexes[static_cast<size_t>(found)];
      create.indexes.erase(create.indexes.begin() + found);
      // A functional key's hidden columns go with it.
      std::string hidden = std::string(catalog::ColumnSchema::kHiddenColumnPrefix) + dropped.name + "!";
      for (size_t i = create.columns.size(); i-- > 0;) {
        if (!create.columns[i].name.starts_with(hidden)) continue;
        create.columns.erase(create.columns.begin() + static_cast<std::ptrdiff_t>(i));
        edit.sources.erase(edit.sources.begin() + static_cast<std::ptrdiff_t>(i));
      }
      // A foreign key's columns must still lead some key (1553).
      auto leads = [](const sql::IndexDef& index, const std::vector<sql::IndexPart>& columns) {
        if (index.kind == sql::IndexDef::Kind::kForeign || index.parts.size() < columns.size()) return false;
        for (size_t i = 0; i < columns.size(); ++i) {
          if (!EqualsIgnoreCase(index.parts[i].column, columns[i].column)) return false;
        }
        return true;
      };
      for (const sql::IndexDef& key : create.indexes) {
        if (key.kind != sql::IndexDef::Kind::kForeign || !leads(dropped, key.parts)) continue;
        bool covered = std::any_of(create.indexes.begin(), create.indexes.end(),
                                   [&](const sql::IndexDef& other) { return leads(other, key.parts); });
        if (!covered) return Status::Error(ER_DROP_INDEX_FK, name);
      }
      return Status::OK();
    }
    case Kind::kRenameIndex: {
      int found = FindIndex(create, spec.name);
      if (found < 0 || create.indexes[static_cast<size_t>(found)].kind == sql::IndexDef::Kind::kPrimary) {
        return Status::Error(ER_KEY_DOES_NOT_EXITS, spec.name, table);
      }
      if (EqualsIgnoreCase(spec.new_name, "PRIMARY")) {
        return Status::Error(ER_WRONG_NAME_FOR_INDEX, spec.new_name);
      }
      int taken = FindIndex(create, spec.new_name);
      if (taken >= 0 && taken != found) return Status::Error(ER_DUP_KEYNAME, spec.new_name);
      create.indexes[static_cast<size_t>(found)].name = spec.new_name;
      return Status::OK();
    }
    case Kind::kAddCheck: {
      sql::CheckDef check;
      check.name = spec.check.front().name;
      check.enforced = spec.check.front().enforced;
      PORPOISE_ASSIGN_OR_RETURN(check.expr, CloneExpr(*spec.check.front().expr));
      create.checks.push_back(std::move(check));
      return Status::OK();
    }
    case Kind::kDropCheck:
    case Kind::kAlterCheck: {
      auto found = std::find_if(create.checks.begin(), create.checks.end(),
                                [&](const sql::CheckDef& check) { return EqualsIgnoreCase(check.name, spec.name); });
      if (found == create.checks.end()) return Status::Error(ER_CHECK_CONSTRAINT_NOT_FOUND, spec.name);
      if (spec.kind == Kind::kDropCheck) {
        create.checks.erase(found);
      } else {
        found->enforced = spec.check.front().enforced;
      }
      return Status::OK();
    }
    case Kind::kDropForeignKey: {
      // The constraint goes; the index made for it stays, as in MySQL.
      auto found = std::find_if(create.indexes.begin(), create.indexes.end(), [&](const sql::IndexDef& index) {
        return index.kind == sql::IndexDef::Kind::kForeign && EqualsIgnoreCase(index.name, spec.name);
      });
      if (found == create.indexes.end()) return Status::Error(ER_CANT_DROP_FIELD_OR_KEY, spec.name);
      create.indexes.erase(found);
      return Status::OK();
    }
    case Kind::kOptions:
      for (const sql::TableOption& option : spec.options) {
        if (option.name == "AUTO_INCREMENT") {
          edit.auto_increment = std::strtoull(option.value.c_str(), nullptr, 10);
        }
        auto same = std::find_if(create.options.begin(), create.options.end(),
                                 [&](const sql::TableOption& existing) { return existing.name == option.name; });
        if (same != create.options.end()) {
          *same = option;
        } else {
          create.options.push_back(option);
        }
      }
      return Status::OK();
    case Kind::kConvertCharset: {
      const catalog::CharsetInfo* charset = catalog::FindCharset(spec.charset);
      if (charset == nullptr) return Status::Error(ER_UNKNOWN_CHARACTER_SET, spec.charset);
      std::string collation = spec.collation.empty() ? std::string(charset->default_collation) : spec.collation;
      if (catalog::FindCollation(collation) == nullptr) return Status::Error(ER_UNKNOWN_COLLATION, collation);
      for (sql::ColumnDef& column : create.columns) {
        if (!IsTextualType(column.type)) continue;
        column.type.charset = std::string(charset->name);
        column.type.collation = collation;
        column.type.binary = false;
      }
      sql::AlterSpec options;
      options.kind = Kind::kOptions;
      options.options = {{"DEFAULT CHARSET", std::string(charset->name)}, {"COLLATE", collation}};
      return Apply(edit, options, table);
    }
  }
  return Status::OK();
}

// The primary key's columns, as the definition names them.
std::vector<std::string> PrimaryColumns(const catalog::TableSchema& table) {
  const catalog::IndexSchema* primary = table.PrimaryKey();
  return primary ? primary->columns : std::vector<std::string>();
}

}  // namespace

Status Session::ExecuteAlterTable(const sql::AlterTableStatement& statement) {
  PORPOISE_ASSIGN_OR_RETURN(LockedTable target,
                            IndexTarget(statement.table, auth::Privilege::kAlter));
  std::vector<Status> warnings;
  for (const sql::AlterSpec& spec : statement.specs) {
    using Kind = sql::AlterSpec::Kind;
    if (spec.kind == Kind::kAddColumn || spec.kind == Kind::kModifyColumn || spec.kind == Kind::kChangeColumn) {
      PORPOISE_RETURN_IF_ERROR(CheckTypeAsWritten(spec.column, target.table->collation, StrictMode(), &warnings));
    }
    // (a character set or collation named as written: utf8 and utf8mb3 are deprecated)
    if (spec.kind == Kind::kConvertCharset) {
      for (Status& warning : catalog::DeprecatedCharsetWarnings(spec.charset, spec.collation)) {
        warnings.push_back(std::move(warning));
      }
    } else if (spec.kind == Kind::kOptions) {
      CheckTableOptionsAsWritten(spec.options, &warnings);
    }
  }
  for (Status& warning : warnings) AddWarning(std::move(warning));
  // A column's type changed copies the table's rows, which MySQL counts as affected (other
  // changes it makes in place: 0).
  altered_rows_ = 0;
  bool copies = false;
  for (const sql::AlterSpec& spec : statement.specs) {
    using Kind = sql::AlterSpec::Kind;
    if (spec.kind != Kind::kModifyColumn && spec.kind != Kind::kChangeColumn) continue;
    int index = target.table->FindColumn(spec.name);
    if (index < 0) continue;
    const sql::DataType& before = target.table->columns[static_cast<size_t>(index)].type;
    sql::DataType after = catalog::CanonicalType(spec.column.type);
    bool longer_varchar = before.name == "varchar" && after.name == "varchar" && before.length && after.length &&
                          *after.length >= *before.length && (*before.length > 63) == (*after.length > 63);
    if (!longer_varchar && catalog::ColumnTypeText(before) != catalog::ColumnTypeText(after)) copies = true;
  }
  uint64_t rows = 0;
  if (copies) {
    PORPOISE_ASSIGN_OR_RETURN(storage::Statement count,
                              db_->Prepare("SELECT count(*) FROM " + catalog::SqliteTableName(*target.table)));
    PORPOISE_ASSIGN_OR_RETURN(bool counted, count.Step());
    if (counted) rows = static_cast<uint64_t>(count.ColumnInt64(0));
  }
  PORPOISE_RETURN_IF_ERROR(ChangeTable(std::move(target), statement.specs));
  altered_rows_ = rows;
  return Status::OK();
}

Status Session::ChangeTable(LockedTable target, const std::vector<sql::AlterSpec>& specs) {
  const catalog::TableSchema& table = *target.table;
  PORPOISE_ASSIGN_OR_RETURN(sql::StatementPtr parsed,
                            sql::ParseOne(catalog::ShowCreateTableText(table, 0)));
  auto& create = static_cast<sql::CreateTableStatement&>(*parsed);
  create.table.database = table.database;
  create.table.table = table.name;
  ApplyTableCharset(create);  // (the printed form leaves out what equals the table's)
  std::vector<std::string> original;  // each old column's definition, printed
  EditedTable edit;
  edit.create = &create;
  for (const catalog::IndexSchema& index : table.indexes) {
    if (index.generated) edit.generated_indexes.push_back(index.name);
  }
  for (const sql::ColumnDef& column : create.columns) {
    original.push_back(sql::ToSql(column));
    edit.sources.push_back(column.name);
  }
  bool changes = false;
  for (const sql::AlterSpec& spec : specs) {
    PORPOISE_RETURN_IF_ERROR(Apply(edit, spec, table.name));
    changes = changes || (spec.kind != sql::AlterSpec::Kind::kRenameTable &&
                          spec.kind != sql::AlterSpec::Kind::kNoOp);
  }
  if (changes) {
    size_t columns_before = create.columns.size();
    PORPOISE_RETURN_IF_ERROR(ResolveFunctionalKeyParts(create));
    PORPOISE_RETURN_IF_ERROR(CheckDefaultExpressions(create));
    edit.sources.resize(edit.sources.size() + (create.columns.size() - columns_before));
    PORPOISE_ASSIGN_OR_RETURN(std::shared_ptr<const catalog::TableSchema> built, BuildTable(create));
    PORPOISE_RETURN_IF_ERROR(catalog::CheckNewChecks(*built, create));
    auto changed = std::make_shared<catalog::TableSchema>(*built);
    changed->storage_id = table.storage_id;
    changed->temporary = table.temporary;
    PORPOISE_RETURN_IF_ERROR(CheckForeignKeyDefinitions(*changed, &table));
    // A column another table's foreign key references stays (1828).
    for (const auto& [child, key] : ReferencingKeys(table)) {
      for (const std::string& column : key->ref_columns) {
        if (changed->FindColumn(column) < 0) return Status::Error(ER_FK_COLUMN_CANNOT_DROP, column, key->name);
      }
    }
    PORPOISE_RETURN_IF_ERROR(CheckExistingRows(*changed, table));
    if (!edit.auto_increment) changed->initial_auto_increment = table.initial_auto_increment;
    // In place when the old columns stay as they were, in order, and new ones only follow.
    bool in_place = !edit.primary_key_changed && PrimaryColumns(*changed) == PrimaryColumns(table) &&
                    create.columns.size() >= original.size();
    for (size_t i = 0; in_place && i < create.columns.size(); ++i) {
      if (i < original.size()) {
        in_place = edit.sources[i] == table.columns[i].name && sql::ToSql(create.columns[i]) == original[i];
      } else {
        in_place = !edit.sources[i] && !create.columns[i].auto_increment && !create.columns[i].generated;
      }
    }
    if (in_place) {
      // Unique keys that are new (or redefined) are checked against the rows there are.
      std::vector<const catalog::IndexSchema*> to_check;
      for (const catalog::IndexSchema& index : changed->indexes) {
        if (!index.unique()) continue;
        auto old = std::find_if(table.indexes.begin(), table.indexes.end(), [&](const catalog::IndexSchema& o) {
          return o.name == index.name && o.columns == index.columns && o.kind == index.kind;
        });
        if (old == table.indexes.end()) to_check.push_back(&index);
      }
      size_t old_columns = table.columns.size();
      auto fill_and_check = [&]() -> Status {
        PORPOISE_RETURN_IF_ERROR(FillAddedColumns(*changed, old_columns));
        for (const catalog::IndexSchema* index : to_check) {
          PORPOISE_RETURN_IF_ERROR(CheckUnique(*changed, *index));
        }
        return Status::OK();
      };
      PORPOISE_RETURN_IF_ERROR(ReplaceTableIndexes(table, changed, fill_and_check));
    } else {
      PORPOISE_RETURN_IF_ERROR(RebuildTable(table, changed, edit.sources));
    }
    if (edit.auto_increment) {
      // AUTO_INCREMENT=n: the next value, unless rows already go past it.
      Status written = InWriteTransaction(*db_, [&]() -> Status {
        uint64_t wanted = std::max<uint64_t>(*edit.auto_increment, 1);
        if (changed->auto_increment_column >= 0) {
          const catalog::ColumnSchema& column =
              changed->columns[static_cast<size_t>(changed->auto_increment_column)];
          PORPOISE_ASSIGN_OR_RETURN(
              storage::Statement highest,
              db_->Prepare("SELECT max(" + catalog::SqliteQuote(column.name) + ") FROM " +
                           catalog::SqliteTableName(*catalog_->FindTable(table.database, table.name))));
          PORPOISE_ASSIGN_OR_RETURN(bool row, highest.Step());
          if (row && !highest.IsNull(0)) {
            wanted = std::max<uint64_t>(wanted, static_cast<uint64_t>(highest.ColumnInt64(0)) + 1);
          }
        }
        return WriteCounter(table, wanted);
      });
      PORPOISE_RETURN_IF_ERROR(TranslateStorageError(written));
    }
  }
  if (!edit.rename) return Status::OK();
  sql::TableName from{table.database, table.name};
  target.lock.unlock();
  return RenameTables({{from, *edit.rename}});
}

Result<Value> Session::AddedColumnValue(const catalog::ColumnSchema& column) {
  Value value;
  switch (column.default_kind) {
    case catalog::DefaultKind::kNull: return Value::Null();
    case catalog::DefaultKind::kNone:
      // The type's implicit default, already in its stored form; a zero date is checked as
      // a value (NO_ZERO_DATE refuses it in strict mode).
      if (column.type_class != catalog::TypeClass::kDate &&
          column.type_class != catalog::TypeClass::kDateTime &&
          column.type_class != catalog::TypeClass::kTimestamp) {
        return ImplicitDefault(column);
      }
      value = ImplicitDefault(column);
      break;
    case catalog::DefaultKind::kValue:
      value = column.type_class == catalog::TypeClass::kBinary ? Value::Blob(column.default_value)
                                                               : Value::Text(column.default_value);
      break;
    case catalog::DefaultKind::kCurrentTimestamp:
      value = Value::Text(FormatDateTime(host_->statement_micros,
                                         catalog::FractionalDigits(column.type),
                                         host_->time_zone.get()));
      break;
    case catalog::DefaultKind::kExpression: {
      PORPOISE_ASSIGN_OR_RETURN(value, EvaluateDefault(column));
      break;
    }
  }
  CoerceContext context;
  context.time_zone = host_->time_zone.get();
  return CoerceToColumn(column, std::move(value), context);
}

Status Session::RebuildTable(const catalog::TableSchema& old_table,
                             std::shared_ptr<catalog::TableSchema> changed,
                             const std::vector<std::optional<std::string>>& sources) {
  if (catalog::SystemTableStorageId(old_table.database, old_table.name) != 0) {
    return Status::Error(ER_NOT_SUPPORTED_YET, "changing the columns of this system table");
  }
  std::vector<Status> warnings;
  CoerceContext context;
  context.strict = StrictMode();
  context.dates = ColumnDateChecks();
  context.warnings = &warnings;
  Status written = InWriteTransaction(*db_, [&]() -> Status {
    if (changed->temporary) {
      changed->storage_id = next_temporary_id_++;
    } else {
      PORPOISE_ASSIGN_OR_RETURN(changed->storage_id,
                                AllocateStorageId(*db_, old_table.database, old_table.name));
    }
    PORPOISE_RETURN_IF_ERROR(db_->Execute(catalog::SqliteCreateSql(*changed)));
    // The old columns each new one is filled from, read in row order.
    std::string read = "SELECT ";
    std::string insert_columns, placeholders;
    std::vector<const catalog::ColumnSchema*> from(changed->columns.size(), nullptr);
    for (size_t i = 0; i < changed->columns.size(); ++i) {
      if (i > 0) {
        read += ", ";
        insert_columns += ", ";
        placeholders += ", ";
      }
      if (sources[i]) {
        int old_index = old_table.FindColumn(*sources[i]);
        if (old_index >= 0) from[i] = &old_table.columns[static_cast<size_t>(old_index)];
      }
      read += from[i] ? catalog::SqliteQuote(from[i]->name) : "NULL";
      insert_columns += catalog::SqliteQuote(changed->columns[i].name);
      placeholders += "?" + std::to_string(i + 1);
    }
    PORPOISE_ASSIGN_OR_RETURN(storage::Statement rows,
                              db_->Prepare(read + " FROM " + catalog::SqliteTableName(old_table)));
    PORPOISE_ASSIGN_OR_RETURN(storage::Statement insert,
                              db_->Prepare("INSERT INTO " + catalog::SqliteTableName(*changed) + " (" +
                                           insert_columns + ") VALUES (" + placeholders + ")"));
    // A column with no old values takes its default (an AUTO_INCREMENT one numbers the rows),
    // computed with the first row (an empty table takes any column).
    std::vector<std::optional<Value>> defaults(changed->columns.size());
    uint64_t row = 0;
    uint64_t next_number = 1;
    std::vector<Value> values(changed->columns.size());
    while (true) {
      PORPOISE_ASSIGN_OR_RETURN(bool has_row, rows.Step());
      if (!has_row) break;
      context.row = ++row;
      if (row == 1) {
        for (size_t i = 0; i < changed->columns.size(); ++i) {
          const catalog::ColumnSchema& column = changed->columns[i];
          if (from[i] || column.auto_increment || column.generated()) continue;
          PORPOISE_ASSIGN_OR_RETURN(defaults[i], AddedColumnValue(column));
        }
      }
      for (size_t i = 0; i < changed->columns.size(); ++i) {
        const catalog::ColumnSchema& column = changed->columns[i];
        if (column.generated()) {
          values[i] = Value::Null();  // computed from the row below
          continue;
        }
        if (!from[i]) {
          values[i] = column.auto_increment && !defaults[i] ? Value::Integer(static_cast<int64_t>(next_number++))
                                                            : *defaults[i];
          continue;
        }
        Value value = ReadValue(rows, static_cast<int>(i));
        if (value.is_null() && !column.nullable) {
          // MySQL's ALTER: an error in strict mode, else the type's implicit default.
          if (context.strict) return Status::Error(ER_INVALID_USE_OF_NULL);
          warnings.push_back(Status::Error(WARN_DATA_TRUNCATED, column.name, row));
          values[i] = ImplicitDefault(column);
          continue;
        }
        // A TIMESTAMP is kept in UTC: one becoming another type is its wall-clock time in
        // the session's zone, and a value becoming a TIMESTAMP is read in that zone.
        bool was_timestamp = from[i]->type_class == catalog::TypeClass::kTimestamp;
        bool is_timestamp = column.type_class == catalog::TypeClass::kTimestamp;
        if (was_timestamp && !is_timestamp && value.kind == Value::Kind::kText) {
          value = Value::Text(TimestampInZone(value.bytes, *host_->time_zone));
        }
        CoerceContext coerce = context;
        if (is_timestamp && !was_timestamp) coerce.time_zone = host_->time_zone.get();
        value = ForColumn(value, TypeOfColumn(*from[i]), column);
        Result<Value> stored = CoerceToColumn(column, value, coerce);
        if (!stored.ok() && stored.status().code() == ER_DATA_TOO_LONG) {
          // What INSERT calls too long, ALTER TABLE calls truncated.
          return Status::Error(WARN_DATA_TRUNCATED, column.name, row);
        }
        PORPOISE_ASSIGN_OR_RETURN(values[i], std::move(stored));
      }
      PORPOISE_RETURN_IF_ERROR(ComputeGeneratedColumns(*changed, values, context));
      for (size_t i = 0; i < values.size(); ++i) {
        PORPOISE_RETURN_IF_ERROR(BindValue(insert, static_cast<int>(i) + 1, values[i]));
      }
      Status ran = insert.Run();
      if (!ran.ok()) {
        int extended = sqlite3_extended_errcode(db_->handle());
        if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
          return DuplicateKeyError(*changed, sqlite3_errmsg(db_->handle()), &values);
        }
        return ran;
      }
      PORPOISE_RETURN_IF_ERROR(insert.Reset());
    }
    PORPOISE_RETURN_IF_ERROR(db_->Execute("DROP TABLE " + catalog::SqliteTableName(old_table)));
    if (changed->auto_increment_column >= 0 && !from[static_cast<size_t>(changed->auto_increment_column)]) {
      PORPOISE_RETURN_IF_ERROR(WriteCounter(old_table, next_number));
    }
    if (changed->temporary) return Status::OK();
    return UpdateTableDefinition(*db_, *changed,
                                  catalog::ShowCreateTableText(*changed, changed->initial_auto_increment));
  });
  PORPOISE_RETURN_IF_ERROR(TranslateStorageError(written));
  for (Status& warning : warnings) AddWarning(std::move(warning));
  PublishTable(std::move(changed));
  return Status::OK();
}

Status Session::FillAddedColumns(const catalog::TableSchema& table, size_t first) {
  std::string name = catalog::SqliteTableName(table);
  for (size_t i = first; i < table.columns.size(); ++i) {
    const catalog::ColumnSchema& column = table.columns[i];
    PORPOISE_RETURN_IF_ERROR(db_->Execute("ALTER TABLE " + name + " ADD COLUMN " +
                                          catalog::SqliteQuote(column.name) + " " +
                                          catalog::SqliteColumnType(column.type)));
    // (an empty table takes any column: its default is checked only for rows to fill)
    PORPOISE_ASSIGN_OR_RETURN(storage::Statement any, db_->Prepare("SELECT 1 FROM " + name + " LIMIT 1"));
    PORPOISE_ASSIGN_OR_RETURN(bool has_rows, any.Step());
    if (!has_rows) continue;
    PORPOISE_ASSIGN_OR_RETURN(Value stored, AddedColumnValue(column));
    if (stored.is_null()) continue;
    PORPOISE_ASSIGN_OR_RETURN(storage::Statement update,
                              db_->Prepare("UPDATE " + name + " SET " +
                                           catalog::SqliteQuote(column.name) + " = ?"));
    PORPOISE_RETURN_IF_ERROR(BindValue(update, 1, stored));
    PORPOISE_RETURN_IF_ERROR(update.Run());
  }
  return Status::OK();
}

Status Session::ReplaceTableIndexes(const catalog::TableSchema& old_table,
                                    std::shared_ptr<const catalog::TableSchema> changed,
                                    const std::function<Status()>& first) {
  Status written = InWriteTransaction(*db_, [&]() -> Status {
    PORPOISE_RETURN_IF_ERROR(first());
    PORPOISE_RETURN_IF_ERROR(db_->Execute(catalog::SqliteDropIndexesSql(old_table)));
    Status indexed = db_->Execute(catalog::SqliteIndexesSql(*changed));
    if (!indexed.ok()) {
      int extended = sqlite3_extended_errcode(db_->handle());
      if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return ExistingDuplicateError(*changed, sqlite3_errmsg(db_->handle()));
      }
      return indexed;
    }
    if (changed->temporary) return Status::OK();
    return UpdateTableDefinition(*db_, *changed,
                                 catalog::ShowCreateTableText(*changed, changed->initial_auto_increment));
  });
  PORPOISE_RETURN_IF_ERROR(TranslateStorageError(written));
  PublishTable(std::move(changed));
  return Status::OK();
}

}  // namespace porpoise::engine
