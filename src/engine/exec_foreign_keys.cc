// Foreign keys, checked and carried out by the engine as InnoDB does (SQLite's own are off):
// their definitions against the tables they reference (CREATE/ALTER TABLE), a child row's
// parent (INSERT, UPDATE: 1452), and a parent row's children when it is deleted or its key
// changes (RESTRICT / NO ACTION: 1451, CASCADE, SET NULL). foreign_key_checks=0 turns all of
// it off. (engine/)
#include <algorithm>
#include <set>

#include "common/strings.h"
#include "engine/ddl_util.h"
#include "engine/physical.h"
#include "engine/session.h"

namespace porpoise::engine {

namespace {

// InnoDB's limit on cascades within cascades.
constexpr int kMaxCascadeDepth = 15;

std::string Conjunction(const std::vector<std::string>& columns, size_t first_parameter) {
  std::string sql;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) sql += " AND ";
    sql += catalog::SqliteQuote(columns[i]) + " = ?" + std::to_string(first_parameter + i);
  }
  return sql;
}

bool HasNull(const std::vector<Value>& tuple) {
  return std::any_of(tuple.begin(), tuple.end(), [](const Value& value) { return value.is_null(); });
}

const catalog::ColumnSchema* Column(const catalog::TableSchema& table, std::string_view name) {
  int index = table.FindColumn(name);
  return index < 0 ? nullptr : &table.columns[static_cast<size_t>(index)];
}

// InnoDB's rule for a referencing and a referenced column: the same type (integers of one size
// and signedness, DECIMAL of one precision and scale), strings of one character set.
bool Compatible(const catalog::ColumnSchema& child, const catalog::ColumnSchema& parent) {
  if (child.type_class != parent.type_class) return false;
  switch (child.type_class) {
    case catalog::TypeClass::kInteger:
      return child.type.name == parent.type.name && child.type.is_unsigned == parent.type.is_unsigned;
    case catalog::TypeClass::kDecimal:
      return child.type.length == parent.type.length && child.type.scale == parent.type.scale;
    case catalog::TypeClass::kString:
      return child.collation == nullptr || parent.collation == nullptr ||
             child.collation->charset() == parent.collation->charset();
    default:
      return child.type.name == parent.type.name;
  }
}

}  // namespace

std::string Session::ForeignKeyError(const catalog::TableSchema& child,
                                     const catalog::ForeignKeySchema& key) {
  return "`" + child.database + "`.`" + child.name + "`, " + catalog::ForeignKeyText(child, key);
}

std::vector<std::pair<std::shared_ptr<const catalog::TableSchema>, const catalog::ForeignKeySchema*>>
Session::ReferencingKeys(const catalog::TableSchema& parent) {
  std::vector<std::pair<std::shared_ptr<const catalog::TableSchema>, const catalog::ForeignKeySchema*>> found;
  if (!catalog_->HasForeignKeys()) return found;
  for (const auto& [database, schema] : catalog_->databases()) {
    for (const auto& [name, table] : schema->tables) {
      for (const catalog::ForeignKeySchema& key : table->foreign_keys) {
        if (key.ref_database == parent.database && key.ref_table == parent.name) {
          found.emplace_back(table, &key);
        }
      }
    }
  }
  return found;
}

Status Session::CheckForeignKeyDefinitions(const catalog::TableSchema& table,
                                           const catalog::TableSchema* before) {
  if (!variables_.foreign_key_checks()) return Status::OK();
  for (const catalog::ForeignKeySchema& key : table.foreign_keys) {
    std::shared_ptr<const catalog::TableSchema> found;
    const catalog::TableSchema* parent = &table;
    if (key.ref_database != table.database || key.ref_table != table.name) {
      found = catalog_->FindTable(key.ref_database, key.ref_table);
      if (!found || found->view) return Status::Error(ER_FK_CANNOT_OPEN_PARENT, key.ref_table);
      parent = found.get();
    }
    // The referenced columns must lead one of the parent's keys.
    bool indexed = std::any_of(parent->indexes.begin(), parent->indexes.end(), [&](const catalog::IndexSchema& index) {
      if (index.columns.size() < key.ref_columns.size()) return false;
      for (size_t i = 0; i < key.ref_columns.size(); ++i) {
        if (!EqualsIgnoreCase(index.columns[i], key.ref_columns[i])) return false;
      }
      return true;
    });
    if (!indexed) return Status::Error(ER_FK_NO_INDEX_PARENT, key.name, key.ref_table);
    // MySQL 8.4 (restrict_fk_on_non_standard_key) wants them to be a PRIMARY or UNIQUE key,
    // whole.
    bool unique = std::any_of(parent->indexes.begin(), parent->indexes.end(), [&](const catalog::IndexSchema& index) {
      if (!index.unique() || index.columns.size() != key.ref_columns.size()) return false;
      for (size_t i = 0; i < key.ref_columns.size(); ++i) {
        if (!EqualsIgnoreCase(index.columns[i], key.ref_columns[i])) return false;
      }
      return true;
    });
    if (!unique) return Status::Error(ER_FK_NO_UNIQUE_INDEX_PARENT, key.name, key.ref_table);
    for (size_t i = 0; i < key.columns.size(); ++i) {
      const catalog::ColumnSchema* child_column = Column(table, key.columns[i]);
      const catalog::ColumnSchema* parent_column = Column(*parent, key.ref_columns[i]);
      if (child_column == nullptr || parent_column == nullptr) {
        return Status::Error(ER_FK_NO_INDEX_PARENT, key.name, key.ref_table);
      }
      if (!Compatible(*child_column, *parent_column)) {
        return Status::Error(ER_FK_INCOMPATIBLE_COLUMNS, child_column->name, parent_column->name, key.name);
      }
      bool set_null = key.on_delete == sql::ReferenceAction::kSetNull ||
                      key.on_update == sql::ReferenceAction::kSetNull;
      if (set_null && !child_column->nullable) {
        return Status::Error(ER_FK_COLUMN_NOT_NULL, child_column->name, key.name);
      }
    }
    // A key added to a table with rows: every row must have its parent.
    bool added = before == nullptr ||
                 std::none_of(before->foreign_keys.begin(), before->foreign_keys.end(),
                              [&](const catalog::ForeignKeySchema& old) { return old.name == key.name; });
    if (added && before != nullptr) {
      std::string columns;
      for (const std::string& column : key.columns) {
        columns += (columns.empty() ? "" : ", ") + catalog::SqliteQuote(column);
      }
      PORPOISE_ASSIGN_OR_RETURN(
          storage::Statement rows,
          db_->Prepare("SELECT DISTINCT " + columns + " FROM " + catalog::SqliteTableName(*before)));
      while (true) {
        PORPOISE_ASSIGN_OR_RETURN(bool row, rows.Step());
        if (!row) break;
        std::vector<Value> tuple;
        for (size_t i = 0; i < key.columns.size(); ++i) tuple.push_back(ReadValue(rows, static_cast<int>(i)));
        if (HasNull(tuple)) continue;
        PORPOISE_ASSIGN_OR_RETURN(bool present, RowExists(*parent, key.ref_columns, tuple));
        if (!present) return Status::Error(ER_NO_REFERENCED_ROW_2, ForeignKeyError(table, key));
      }
    }
  }
  return Status::OK();
}

Result<bool> Session::RowExists(const catalog::TableSchema& table, const std::vector<std::string>& columns,
                                const std::vector<Value>& tuple) {
  PORPOISE_ASSIGN_OR_RETURN(
      storage::Statement lookup,
      db_->PrepareCached("SELECT 1 FROM " + catalog::SqliteTableName(table) + " WHERE " +
                         Conjunction(columns, 1) + " LIMIT 1"));
  for (size_t i = 0; i < tuple.size(); ++i) {
    PORPOISE_RETURN_IF_ERROR(BindValue(lookup, static_cast<int>(i) + 1, tuple[i]));
  }
  return lookup.Step();
}

Status Session::CheckParentsOf(const catalog::TableSchema& child, const std::vector<Value>& row) {
  if (child.foreign_keys.empty() || !variables_.foreign_key_checks()) return Status::OK();
  for (const catalog::ForeignKeySchema& key : child.foreign_keys) {
    std::vector<Value> tuple;
    for (const std::string& column : key.columns) {
      tuple.push_back(row[static_cast<size_t>(child.FindColumn(column))]);
    }
    if (HasNull(tuple)) continue;
    std::shared_ptr<const catalog::TableSchema> parent = catalog_->FindTable(key.ref_database, key.ref_table);
    bool present = false;
    if (parent) {
      PORPOISE_ASSIGN_OR_RETURN(present, RowExists(*parent, key.ref_columns, tuple));
    }
    if (!present) return Status::Error(ER_NO_REFERENCED_ROW_2, ForeignKeyError(child, key));
  }
  return Status::OK();
}

Status Session::BeforeParentRowsGo(const catalog::TableSchema& parent, const std::string& where,
                                   const std::vector<Value>& parameters, int depth) {
  auto referencing = ReferencingKeys(parent);
  if (referencing.empty()) return Status::OK();
  if (depth > kMaxCascadeDepth) return Status::Error(ER_FK_DEPTH_EXCEEDED, kMaxCascadeDepth);
  for (const auto& [child, key] : referencing) {
    // The distinct keys of the rows going, each a parent its children lose.
    std::string columns;
    for (const std::string& column : key->ref_columns) {
      columns += (columns.empty() ? "" : ", ") + catalog::SqliteQuote(column);
    }
    PORPOISE_ASSIGN_OR_RETURN(
        storage::Statement keys,
        db_->Prepare("SELECT DISTINCT " + columns + " FROM " + catalog::SqliteTableName(parent) +
                     " WHERE " + where));
    for (size_t i = 0; i < parameters.size(); ++i) {
      PORPOISE_RETURN_IF_ERROR(BindValue(keys, static_cast<int>(i) + 1, parameters[i]));
    }
    std::vector<std::vector<Value>> tuples;
    while (true) {
      PORPOISE_ASSIGN_OR_RETURN(bool row, keys.Step());
      if (!row) break;
      std::vector<Value> tuple;
      for (size_t i = 0; i < key->ref_columns.size(); ++i) tuple.push_back(ReadValue(keys, static_cast<int>(i)));
      if (!HasNull(tuple)) tuples.push_back(std::move(tuple));
    }
    for (const std::vector<Value>& tuple : tuples) {
      PORPOISE_RETURN_IF_ERROR(LoseParent(*child, *key, tuple, nullptr, depth));
    }
  }
  return Status::OK();
}

Status Session::LoseParent(const catalog::TableSchema& child, const catalog::ForeignKeySchema& key,
                           const std::vector<Value>& old_key, const std::vector<Value>* new_key,
                           int depth) {
  sql::ReferenceAction action = new_key ? key.on_update : key.on_delete;
  std::string where = Conjunction(key.columns, 1);
  switch (action) {
    case sql::ReferenceAction::kCascade:
      if (new_key == nullptr) {
        // The children go too, and what hangs on them first.
        PORPOISE_RETURN_IF_ERROR(BeforeParentRowsGo(child, where, old_key, depth + 1));
        PORPOISE_ASSIGN_OR_RETURN(storage::Statement remove,
                                  db_->Prepare("DELETE FROM " + catalog::SqliteTableName(child) + " WHERE " + where));
        for (size_t i = 0; i < old_key.size(); ++i) {
          PORPOISE_RETURN_IF_ERROR(BindValue(remove, static_cast<int>(i) + 1, old_key[i]));
        }
        return remove.Run();
      }
      [[fallthrough]];
    case sql::ReferenceAction::kSetNull: {
      // The children follow the new key, or lose theirs.
      std::string set;
      for (size_t i = 0; i < key.columns.size(); ++i) {
        set += (i > 0 ? ", " : "") + catalog::SqliteQuote(key.columns[i]) + " = " +
               (action == sql::ReferenceAction::kSetNull ? std::string("NULL")
                                                         : "?" + std::to_string(old_key.size() + i + 1));
      }
      PORPOISE_ASSIGN_OR_RETURN(storage::Statement change,
                                db_->Prepare("UPDATE " + catalog::SqliteTableName(child) + " SET " + set +
                                             " WHERE " + where));
      for (size_t i = 0; i < old_key.size(); ++i) {
        PORPOISE_RETURN_IF_ERROR(BindValue(change, static_cast<int>(i) + 1, old_key[i]));
      }
      if (action == sql::ReferenceAction::kCascade) {
        for (size_t i = 0; i < new_key->size(); ++i) {
          PORPOISE_RETURN_IF_ERROR(
              BindValue(change, static_cast<int>(old_key.size() + i) + 1, (*new_key)[i]));
        }
      }
      return change.Run();
    }
    default: {
      // RESTRICT and NO ACTION: a child left without its parent is an error.
      PORPOISE_ASSIGN_OR_RETURN(bool referenced, RowExists(child, key.columns, old_key));
      if (!referenced) return Status::OK();
      return Status::Error(ER_ROW_IS_REFERENCED_2, ForeignKeyError(child, key));
    }
  }
}

Status Session::CheckUpdatedChildren(const sql::UpdateStatement& update,
                                     const catalog::TableSchema& table, const std::string& alias) {
  if (table.foreign_keys.empty() || !variables_.foreign_key_checks()) return Status::OK();
  auto assigned = [&](std::string_view column) -> const sql::Assignment* {
    for (const sql::Assignment& assignment : update.assignments) {
      if (EqualsIgnoreCase(assignment.column->column, column)) return &assignment;
    }
    return nullptr;
  };
  for (const catalog::ForeignKeySchema& key : table.foreign_keys) {
    if (std::none_of(key.columns.begin(), key.columns.end(), [&](const std::string& c) { return assigned(c); })) {
      continue;
    }
    // A row the UPDATE changes whose new key is whole and names no parent:
    //   SELECT 1 FROM t AS alias WHERE <where> AND new1 IS NOT NULL ... AND NOT EXISTS
    //     (SELECT 1 FROM parent AS `#parent` WHERE `#parent`.r1 = new1 AND ...) LIMIT 1
    std::unique_ptr<sql::SelectStatement> holder = ProbeSelect(table.database, table.name, alias);
    sql::SelectStatement& check = *holder;
    sql::ExprPtr condition;
    if (update.where) {
      PORPOISE_ASSIGN_OR_RETURN(condition, CloneExpr(*update.where));
    }
    std::unique_ptr<sql::SelectStatement> parent_query = ProbeSelect(key.ref_database, key.ref_table, "#parent");
    for (size_t i = 0; i < key.columns.size(); ++i) {
      auto new_value = [&]() -> Result<sql::ExprPtr> {
        if (const sql::Assignment* assignment = assigned(key.columns[i])) return CloneExpr(*assignment->value);
        return sql::MakeColumnRef("", alias, key.columns[i]);
      };
      PORPOISE_ASSIGN_OR_RETURN(sql::ExprPtr present, new_value());
      auto not_null = std::make_unique<sql::Expr>();
      not_null->kind = sql::ExprKind::kIsNull;
      not_null->negated = true;
      not_null->args.push_back(std::move(present));
      condition = condition ? sql::MakeBinary(sql::Operator::kAnd, std::move(condition), std::move(not_null))
                            : std::move(not_null);
      PORPOISE_ASSIGN_OR_RETURN(sql::ExprPtr compared, new_value());
      sql::ExprPtr equal = sql::MakeBinary(sql::Operator::kEq, sql::MakeColumnRef("", "#parent", key.ref_columns[i]),
                                           std::move(compared));
      parent_query->where = parent_query->where
                                ? sql::MakeBinary(sql::Operator::kAnd, std::move(parent_query->where), std::move(equal))
                                : std::move(equal);
    }
    auto exists = std::make_unique<sql::Expr>();
    exists->kind = sql::ExprKind::kExists;
    exists->negated = true;
    exists->subquery = std::move(parent_query);
    check.where = sql::MakeBinary(sql::Operator::kAnd, std::move(condition), std::move(exists));
    check.limit = sql::MakeLiteral(sql::LiteralKind::kInteger, "1");
    PORPOISE_ASSIGN_OR_RETURN(bool orphan, AnyRow(check));
    if (orphan) return Status::Error(ER_NO_REFERENCED_ROW_2, ForeignKeyError(table, key));
  }
  return Status::OK();
}

Status Session::BeforeParentKeysChange(const sql::UpdateStatement& update,
                                       const catalog::TableSchema& table, const std::string& alias) {
  if (!variables_.foreign_key_checks()) return Status::OK();
  auto referencing = ReferencingKeys(table);
  for (const auto& [child, key] : referencing) {
    // Only keys the UPDATE assigns to can change.
    std::vector<const sql::Expr*> values;
    bool changes = false;
    for (const std::string& column : key->ref_columns) {
      const sql::Expr* value = nullptr;
      for (const sql::Assignment& assignment : update.assignments) {
        if (EqualsIgnoreCase(assignment.column->column, column)) value = assignment.value.get();
      }
      changes = changes || value != nullptr;
      values.push_back(value);
    }
    if (!changes) continue;
    // Each changed row's old and new key: SELECT old1.., new1.. FROM t AS alias WHERE ...
    sql::SelectStatement pairs;
    for (const std::string& column : key->ref_columns) {
      sql::SelectItem item;
      item.expr = sql::MakeColumnRef("", alias, column);
      pairs.items.push_back(std::move(item));
    }
    for (size_t i = 0; i < values.size(); ++i) {
      sql::SelectItem item;
      if (values[i] != nullptr && values[i]->kind != sql::ExprKind::kDefault) {
        PORPOISE_ASSIGN_OR_RETURN(item.expr, CloneExpr(*values[i]));
      } else {
        item.expr = sql::MakeColumnRef("", alias, key->ref_columns[i]);
      }
      pairs.items.push_back(std::move(item));
    }
    auto target = std::make_unique<sql::TableRef>();
    target->name = {table.database, table.name};
    target->alias = alias;
    pairs.from.push_back(std::move(target));
    if (update.where) {
      PORPOISE_ASSIGN_OR_RETURN(pairs.where, CloneExpr(*update.where));
    }
    PORPOISE_ASSIGN_OR_RETURN(pairs.order_by, CloneOrderBy(update.order_by));
    if (update.limit) {
      PORPOISE_ASSIGN_OR_RETURN(pairs.limit, CloneExpr(*update.limit));
    }
    std::vector<ExprType> types;
    PORPOISE_ASSIGN_OR_RETURN(std::vector<std::vector<Value>> rows, QueryRows(pairs, &types));
    size_t width = key->ref_columns.size();
    for (const std::vector<Value>& row : rows) {
      std::vector<Value> old_key(row.begin(), row.begin() + static_cast<long>(width));
      std::vector<Value> new_key;
      for (size_t i = 0; i < width; ++i) {
        const catalog::ColumnSchema* column = Column(table, key->ref_columns[i]);
        if (column == nullptr) return Status::Error(ER_FK_NO_INDEX_PARENT, key->name, table.name);
        CoerceContext context;
        Result<Value> stored = CoerceToColumn(*column, ForColumn(row[width + i], types[width + i], *column), context);
        new_key.push_back(stored.ok() ? stored.value() : Value::Null());
      }
      if (HasNull(old_key)) continue;
      bool same = true;
      for (size_t i = 0; i < width; ++i) {
        same = same && old_key[i].kind == new_key[i].kind && old_key[i].ToText() == new_key[i].ToText();
      }
      if (same) continue;
      PORPOISE_RETURN_IF_ERROR(LoseParent(*child, *key, old_key, &new_key, 0));
    }
  }
  return Status::OK();
}

Status Session::ForeignKeysAfterUpdate(const catalog::TableSchema& table, const std::vector<Value>& old_row,
                                       const std::vector<Value>& new_row) {
  if (!variables_.foreign_key_checks() || old_row.size() != table.columns.size() ||
      new_row.size() != table.columns.size()) {
    return Status::OK();
  }
  auto key_of = [&](const std::vector<std::string>& columns, const std::vector<Value>& row) {
    std::vector<Value> key;
    for (const std::string& column : columns) key.push_back(row[static_cast<size_t>(table.FindColumn(column))]);
    return key;
  };
  auto same = [](const std::vector<Value>& a, const std::vector<Value>& b) {
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i].kind != b[i].kind || a[i].ToText() != b[i].ToText()) return false;
    }
    return true;
  };
  // As a child: a changed reference names a parent that exists.
  for (const catalog::ForeignKeySchema& key : table.foreign_keys) {
    if (!same(key_of(key.columns, old_row), key_of(key.columns, new_row))) return CheckParentsOf(table, new_row);
  }
  // As a parent: the children of a changed key follow ON UPDATE.
  for (const auto& [child, key] : ReferencingKeys(table)) {
    std::vector<Value> old_key = key_of(key->ref_columns, old_row);
    std::vector<Value> new_key = key_of(key->ref_columns, new_row);
    if (HasNull(old_key) || same(old_key, new_key)) continue;
    PORPOISE_RETURN_IF_ERROR(LoseParent(*child, *key, old_key, &new_key, 0));
  }
  return Status::OK();
}

Status Session::BeforeReplacing(const catalog::TableSchema& table, const std::vector<Value>& row) {
  if (!variables_.foreign_key_checks() || !catalog_->HasForeignKeys() || ReferencingKeys(table).empty()) {
    return Status::OK();
  }
  // The rows a unique key of the new row meets, by rowid.
  std::set<int64_t> clashing;
  for (const catalog::IndexSchema& index : table.indexes) {
    if (!index.unique()) continue;
    std::vector<Value> tuple;
    for (const std::string& column : index.columns) tuple.push_back(row[static_cast<size_t>(table.FindColumn(column))]);
    if (HasNull(tuple)) continue;
    PORPOISE_ASSIGN_OR_RETURN(
        storage::Statement lookup,
        db_->Prepare("SELECT rowid FROM " + catalog::SqliteTableName(table) + " WHERE " +
                     Conjunction(index.columns, 1)));
    for (size_t i = 0; i < tuple.size(); ++i) {
      PORPOISE_RETURN_IF_ERROR(BindValue(lookup, static_cast<int>(i) + 1, tuple[i]));
    }
    while (true) {
      PORPOISE_ASSIGN_OR_RETURN(bool found, lookup.Step());
      if (!found) break;
      clashing.insert(lookup.ColumnInt64(0));
    }
  }
  for (int64_t rowid : clashing) {
    PORPOISE_RETURN_IF_ERROR(BeforeParentRowsGo(table, "rowid = ?1", {Value::Integer(rowid)}, 0));
  }
  return Status::OK();
}

Status Session::BeforeParentDelete(const sql::DeleteStatement& statement,
                                   const catalog::TableSchema& table, const std::string& alias) {
  if (!variables_.foreign_key_checks()) return Status::OK();
  for (const auto& [child, key] : ReferencingKeys(table)) {
    // The keys of the rows the DELETE removes: SELECT DISTINCT r1.. FROM t AS alias WHERE ...
    sql::SelectStatement keys;
    keys.distinct = true;
    for (const std::string& column : key->ref_columns) {
      sql::SelectItem item;
      item.expr = sql::MakeColumnRef("", alias, column);
      keys.items.push_back(std::move(item));
    }
    auto target = std::make_unique<sql::TableRef>();
    target->name = {table.database, table.name};
    target->alias = alias;
    keys.from.push_back(std::move(target));
    if (statement.where) {
      PORPOISE_ASSIGN_OR_RETURN(keys.where, CloneExpr(*statement.where));
    }
    if (statement.limit) {
      // ORDER BY and LIMIT pick the rows; DISTINCT would pick among keys instead.
      keys.distinct = false;
      PORPOISE_ASSIGN_OR_RETURN(keys.order_by, CloneOrderBy(statement.order_by));
      PORPOISE_ASSIGN_OR_RETURN(keys.limit, CloneExpr(*statement.limit));
    }
    std::vector<ExprType> types;
    PORPOISE_ASSIGN_OR_RETURN(std::vector<std::vector<Value>> tuples, QueryRows(keys, &types));
    for (const std::vector<Value>& tuple : tuples) {
      if (HasNull(tuple)) continue;
      PORPOISE_RETURN_IF_ERROR(LoseParent(*child, *key, tuple, nullptr, 0));
    }
  }
  return Status::OK();
}

Result<std::vector<std::vector<Value>>> Session::QueryRows(const sql::SelectStatement& select,
                                                          std::vector<ExprType>* types) {
  TranslatorContext context = MakeTranslatorContext();
  std::string sql;
  {
    Translator translator(context);
    PORPOISE_ASSIGN_OR_RETURN(TranslatedSelect translated, translator.TranslateSelect(select));
    sql = std::move(translated.sql);
    types->clear();
    for (const OutputColumn& column : translated.columns) types->push_back(column.type);
  }
  PORPOISE_RETURN_IF_ERROR(CheckReads(context));
  PORPOISE_ASSIGN_OR_RETURN(storage::Statement statement, PrepareTranslated(sql, context));
  std::vector<std::vector<Value>> rows;
  while (true) {
    Result<bool> step = statement.Step();
    if (!step.ok()) return TranslateStorageError(step.status());
    if (!step.value()) break;
    std::vector<Value> row;
    for (size_t i = 0; i < types->size(); ++i) row.push_back(ReadValue(statement, static_cast<int>(i)));
    rows.push_back(std::move(row));
  }
  DrainRuntimeWarnings();
  return rows;
}

}  // namespace porpoise::engine
