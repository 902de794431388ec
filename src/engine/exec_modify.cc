// UPDATE, DELETE and TRUNCATE TABLE. UPDATE runs each new value through mysql_store() so the
// column's strict-mode rules apply, and counts matched vs changed rows as MySQL reports them.
// (engine/)
#include <sqlite3.h>

#include <algorithm>
#include <set>

#include "catalog/information_schema.h"
#include "catalog/performance_schema.h"
#include "common/strings.h"
#include "engine/catalog_store.h"
#include "engine/physical.h"
#include "engine/session.h"
#include "storage/database.h"

namespace porpoise::engine {

namespace {

Result<std::shared_ptr<const catalog::TableSchema>> FindWritableTable(
    const catalog::CatalogSnapshot& catalog, const sql::TableName& name,
    const std::string& current_database, const Principal& principal, auth::Privilege privilege) {
  std::string database = name.database.empty() ? current_database : name.database;
  if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
  if (catalog::IsInformationSchema(database)) {
    return Status::Error(ER_DBACCESS_DENIED_ERROR, principal.account_user, principal.account_host,
                         "information_schema");
  }
  if (catalog::IsPerformanceSchema(database)) {  // read-only, whatever the account holds
    return Status::Error(ER_TABLEACCESS_DENIED_ERROR, auth::PrivilegeName(privilege),
                         principal.account_user, principal.client_host, name.table);
  }
  std::shared_ptr<const catalog::TableSchema> table = catalog.FindTable(database, name.table);
  if (!table && catalog.FindDatabase(database) == nullptr) return Status::Error(ER_BAD_DB_ERROR, database);
  if (!table) return Status::Error(ER_NO_SUCH_TABLE, database, name.table);
  return table;
}

// The one table a single-table UPDATE or DELETE writes, as its scope entry.
ScopeTable TargetOf(const std::shared_ptr<const catalog::TableSchema>& table,
                    const std::string& alias) {
  ScopeTable target;
  target.alias = alias.empty() ? table->name : alias;
  target.database = table->database;
  target.table = table->name;
  target.schema = table;
  target.write_target = true;
  return target;
}

// The WHERE, ORDER BY and LIMIT of a single-table UPDATE or DELETE, bound into `bound`.
Status BindFilter(Translator& translator, const Scope& scope, const sql::ExprPtr& where,
                  const std::vector<sql::OrderItem>& order_by, const sql::ExprPtr& limit,
                  BoundModification* bound) {
  if (where) {
    PORPOISE_ASSIGN_OR_RETURN(BoundExpr condition,
                              translator.TranslateCondition(*where, scope, Clause::kWhere));
    bound->where = translator.Truth(std::move(condition));
  }
  for (const sql::OrderItem& item : order_by) {
    // (no select list here for a number to name a column of: 1054)
    if (item.expr->kind == sql::ExprKind::kLiteral && item.expr->literal_kind == sql::LiteralKind::kInteger) {
      return Status::Error(ER_BAD_FIELD_ERROR, item.expr->text, "order clause");
    }
    BoundTerm term;
    PORPOISE_ASSIGN_OR_RETURN(BoundExpr key, translator.TranslateExpr(*item.expr, scope, Clause::kOrder));
    term.expr = Translator::EnumOrdinal(std::move(key));
    term.descending = item.descending;
    bound->order_by.push_back(std::move(term));
  }
  if (limit) {
    PORPOISE_ASSIGN_OR_RETURN(bound->limit, translator.BindCount(*limit));
  }
  return Status::OK();
}

// sql_safe_updates: an UPDATE or DELETE needs a LIMIT or a WHERE that reads a key's first
// column (one the key can look rows up by), else 1175.
Status CheckSafeUpdate(const catalog::TableSchema& table, const sql::Expr* where,
                       const sql::Expr* limit) {
  if (limit != nullptr) return Status::OK();
  std::vector<const sql::Expr*> pending;
  if (where != nullptr) pending.push_back(where);
  while (!pending.empty()) {
    const sql::Expr* expr = pending.back();
    pending.pop_back();
    if (expr->kind == sql::ExprKind::kColumnRef) {
      for (const catalog::IndexSchema& index : table.indexes) {
        if (!index.columns.empty() && EqualsIgnoreCase(index.columns[0], expr->column)) {
          return Status::OK();
        }
      }
    }
    for (const sql::ExprPtr& arg : expr->args) {
      if (arg) pending.push_back(arg.get());
    }
  }
  return Status::Error(ER_UPDATE_WITHOUT_KEY_IN_SAFE_MODE);
}

}  // namespace

Status Session::ExecuteUpdate(const sql::UpdateStatement& update, ResultSink& sink, bool more) {
  if (update.tables.size() != 1 || !update.tables[0] ||
      update.tables[0]->kind != sql::TableRef::Kind::kTable) {
    return ExecuteMultiUpdate(update, sink, more);
  }
  const sql::TableRef& ref = *update.tables[0];
  PORPOISE_ASSIGN_OR_RETURN(std::shared_ptr<const catalog::TableSchema> table,
                            FindWritableTable(*catalog_, ref.name, database_, checker_.principal(),
                                              auth::Privilege::kUpdate));
  std::vector<std::string> updated;
  for (const sql::Assignment& assignment : update.assignments) {
    if (assignment.column) updated.push_back(assignment.column->column);
  }
  PORPOISE_RETURN_IF_ERROR(
      RequireColumns(auth::Privilege::kUpdate, table->database, table->name, updated));
  if (!rewriting_join_) {
    PORPOISE_RETURN_IF_ERROR(CheckTargetsNotRead(update.where.get(), {table->name}));
    for (const sql::Assignment& assignment : update.assignments) {
      PORPOISE_RETURN_IF_ERROR(CheckTargetsNotRead(assignment.value.get(), {table->name}));
    }
  }
  if (table->view) return UpdateThroughView(update, *table, sink, more);
  if (variables_.sql_safe_updates()) {
    PORPOISE_RETURN_IF_ERROR(CheckSafeUpdate(*table, update.where.get(), update.limit.get()));
  }
  if (!tables_in_use_.empty()) PORPOISE_RETURN_IF_ERROR(CheckTableNotInUse(*table));

  size_t calls_at_start = stored_calls_.size();
  auto bind = [&](BoundWrite* write) { return BindUpdate(update, write); };
  PORPOISE_ASSIGN_OR_RETURN(std::shared_ptr<const BoundWrite> plan,
                            WritePlan(update, table, ref.alias, bind));
  const bool reused = shape_write_slots_ != nullptr;
  PORPOISE_ASSIGN_OR_RETURN(TranslatorContext context, ExecutionContext(*plan));
  // Row by row, from the bound tree: bound again when it holds another run's values.
  auto update_row_by_row = [&]() -> Result<RowCounts> {
    PORPOISE_ASSIGN_OR_RETURN(std::shared_ptr<const BoundWrite> rows, BoundForRows(plan, reused, bind));
    if (rows == plan) return UpdateRowByRow(*table, plan->bound, plan->statement_assignments, context);
    PORPOISE_ASSIGN_OR_RETURN(TranslatorContext rows_context, ExecutionContext(*rows));
    return UpdateRowByRow(*table, rows->bound, rows->statement_assignments, rows_context);
  };
  host_->store_columns = plan->store_columns;
  host_->store_warnings.clear();
  host_->store_error = Status::OK();
  host_->store_context.strict = StrictMode() && !update.ignore;
  host_->store_context.dates = ColumnDateChecks();
  // The statement counts the rows it reads (mysql_examine_row) when it filters out unchanged
  // rows; otherwise each warning names row 1.
  host_->store_context.row = plan->bound.unchanged ? 0 : 1;

  PORPOISE_RETURN_IF_ERROR(BeginWrite(*table));
  Status status = [&]() -> Status {
    PORPOISE_RETURN_IF_ERROR(CheckUpdatedConstraints(update, *table, plan->alias));
    PORPOISE_RETURN_IF_ERROR(CheckUpdatedChildren(update, *table, plan->alias));
    PORPOISE_RETURN_IF_ERROR(BeforeParentKeysChange(update, *table, plan->alias));
    // Row by row when triggers fire, when a stored function is called (counting the matched
    // rows apart would call it twice for each row), and with ORDER BY, whose order SQLite's
    // UPDATE does not keep (MySQL writes the rows in it: SET u = u + 1 ORDER BY u DESC shifts
    // a unique column without a clash).
    if (HasTriggers(*table, sql::CreateTriggerStatement::Event::kUpdate) ||
        stored_calls_.size() != calls_at_start || !plan->bound.order_by.empty()) {
      PORPOISE_ASSIGN_OR_RETURN(RowCounts counts, update_row_by_row());
      for (Status& warning : host_->store_warnings) AddWarning(std::move(warning));
      PORPOISE_RETURN_IF_ERROR(CounterPastUpdated(*table, update.assignments));
      PORPOISE_RETURN_IF_ERROR(EndWrite(true));
      SendUpdateOk(sink, more, counts);
      return Status::OK();
    }
    // Matched rows first (MySQL reports them beside the changed ones).
    PORPOISE_ASSIGN_OR_RETURN(storage::Statement count,
                              PrepareTranslated(plan->count_sql, context, /*reusable=*/true));
    Result<bool> counted = count.Step();
    if (!counted.ok()) return TranslateStorageError(counted.status());
    uint64_t matched = static_cast<uint64_t>(count.ColumnInt64(0));
    PORPOISE_ASSIGN_OR_RETURN(storage::Statement statement,
                              PrepareTranslated(plan->sql, context, /*reusable=*/true));
    Result<bool> step = statement.Step();
    if (!step.ok()) {
      if (!host_->store_error.ok()) return host_->store_error;
      int extended = sqlite3_extended_errcode(db_->handle());
      if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
        // SQLite names the key, not the value: the rows again one at a time (SQLite undid
        // the statement) meet the same clash with the row in hand, whose key 1062 quotes.
        Status duplicate = DuplicateKeyError(*table, sqlite3_errmsg(db_->handle()), nullptr);
        Status ignored = statement.Reset();  // repeats the error: already read
        ignored = count.Reset();
        (void)ignored;
        Result<RowCounts> again = update_row_by_row();
        return again.ok() ? duplicate : again.status();
      }
      return TranslateStorageError(step.status());
    }
    uint64_t changed = static_cast<uint64_t>(db_->Changes());
    for (Status& warning : host_->store_warnings) AddWarning(std::move(warning));
    PORPOISE_RETURN_IF_ERROR(CounterPastUpdated(*table, update.assignments));
    PORPOISE_RETURN_IF_ERROR(EndWrite(true));
    SendUpdateOk(sink, more, RowCounts{matched, changed});
    return Status::OK();
  }();
  return FinishWrite(std::move(status));
}

Status Session::CounterPastUpdated(const catalog::TableSchema& table,
                                   const std::vector<sql::Assignment>& assignments) {
  if (table.auto_increment_column < 0) return Status::OK();
  const catalog::ColumnSchema& column = table.columns[static_cast<size_t>(table.auto_increment_column)];
  bool written = std::any_of(assignments.begin(), assignments.end(), [&](const sql::Assignment& assignment) {
    return assignment.column && EqualsIgnoreCase(assignment.column->column, column.name);
  });
  if (!written) return Status::OK();
  PORPOISE_ASSIGN_OR_RETURN(storage::Statement highest,
                            db_->Prepare("SELECT max(" + catalog::SqliteQuote(column.name) + ") FROM " +
                                         catalog::SqliteTableName(table)));
  PORPOISE_ASSIGN_OR_RETURN(bool row, highest.Step());
  if (!row || highest.IsNull(0) || highest.ColumnInt64(0) <= 0) return Status::OK();
  uint64_t past = static_cast<uint64_t>(highest.ColumnInt64(0)) + 1;
  PORPOISE_ASSIGN_OR_RETURN(uint64_t next, ReadCounter(table));
  return past > next ? WriteCounter(table, past) : Status::OK();
}

void Session::SendUpdateOk(ResultSink& sink, bool more, RowCounts counts) {
  last_update_counts_ = counts;
  // CLIENT_FOUND_ROWS reports the matched rows as affected.
  uint64_t affected = found_rows_flag_ ? counts.matched : counts.changed;
  row_count_ = static_cast<int64_t>(affected);
  SendOk(sink, more, affected, 0,
         "Rows matched: " + std::to_string(counts.matched) + "  Changed: " +
             std::to_string(counts.changed) + "  Warnings: " +
             std::to_string(diagnostics_.conditions().size()));
}

Status Session::BindUpdate(const sql::UpdateStatement& update, BoundWrite* write) {
  const catalog::TableSchema& table = *write->table;
  TranslatorContext& context = write->context;
  Translator translator(context);
  Scope scope;
  ScopeTable target = TargetOf(write->table, write->alias);
  scope.tables.push_back(target);
  BoundModification& bound = write->bound;
  bound.storage_name = catalog::SqliteTableName(table);
  bound.alias = target.alias;
  // WHERE and ORDER BY first: MySQL resolves them before the SET values, so the first column
  // read without SELECT (1143) is named in that order.
  PORPOISE_RETURN_IF_ERROR(
      BindFilter(translator, scope, update.where, update.order_by, update.limit, &bound));

  size_t calls_before = stored_calls_.size();
  host_->store_columns.clear();
  std::vector<BoundExpr> unchanged;
  // The values again, without their warnings: the filter of unchanged rows says them.
  std::vector<BoundExpr> quiet_values;
  std::vector<bool> assigned(table.columns.size(), false);
  for (size_t i = 0; i < update.assignments.size(); ++i) {
    const sql::Assignment& assignment = update.assignments[i];
    const sql::Expr& column_ref = *assignment.column;
    if ((!column_ref.table.empty() && column_ref.table != target.alias) ||
        (!column_ref.database.empty() && column_ref.database != table.database)) {
      return Status::Error(ER_BAD_FIELD_ERROR, column_ref.table + "." + column_ref.column, "field list");
    }
    int column_index = table.FindColumn(column_ref.column);
    if (column_index < 0) return Status::Error(ER_BAD_FIELD_ERROR, column_ref.column, "field list");
    const catalog::ColumnSchema& column = table.columns[static_cast<size_t>(column_index)];
    if (column.generated()) {
      // Recomputed below; SET g = DEFAULT is allowed and changes nothing by itself.
      if (assignment.value->kind == sql::ExprKind::kDefault) continue;
      return Status::Error(ER_NON_DEFAULT_VALUE_FOR_GENERATED_COLUMN, column.name, table.name);
    }
    assigned[static_cast<size_t>(column_index)] = true;
    ExprType text = TypeOf(ValueType::kString, 0);
    std::optional<BoundExpr> value;
    int64_t value_code = TypeCode(ExprType());
    if (assignment.value->kind == sql::ExprKind::kDefault) {
      switch (column.default_kind) {
        case catalog::DefaultKind::kValue:
          value = BoundExpr::Constant(Value::Text(column.default_value), text);
          break;
        case catalog::DefaultKind::kCurrentTimestamp:
          value = BoundExpr::Call(
              "mysql_now", {IntegerConstant(catalog::FractionalDigits(column.type))}, text);
          break;
        case catalog::DefaultKind::kNone:
          if (StrictMode() && !column.auto_increment && column.type_class != catalog::TypeClass::kEnum) {
            return Status::Error(ER_NO_DEFAULT_FOR_FIELD, column.name);
          }
          // Already in the column's stored form (a DECIMAL key, ...): typed as the column.
          value = BoundExpr::Constant(ImplicitDefault(column), TypeOfColumn(column));
          value_code = TypeCode(TypeOfColumn(column));
          break;
        default:
          value = BoundExpr::Constant(Value::Null(), TypeOf(ValueType::kNull, 0));
          break;
      }
    } else {
      PORPOISE_ASSIGN_OR_RETURN(value, translator.TranslateExpr(*assignment.value, scope, Clause::kSet));
      if (value->aggregate) return Status::Error(ER_INVALID_GROUP_FUNC_USE);
      // (an ENUM or SET column stored in a number is its position)
      if (catalog::IsNumeric(column.type_class)) value = Translator::EnumOrdinal(std::move(*value));
      value_code = TypeCode(value->type);
    }
    BoundExpr stored = BoundExpr::Call(
        "mysql_store",
        {std::move(*value), IntegerConstant(static_cast<int64_t>(host_->store_columns.size())),
         IntegerConstant(value_code)},
        TypeOfColumn(column));
    BoundExpr quiet = stored;
    quiet.Add(IntegerConstant(1));
    quiet_values.push_back(std::move(quiet));
    host_->store_columns.push_back(&column);
    // The row already holds the value: compared byte for byte.
    BoundExpr current = BoundExpr::Collate(
        BoundExpr::Column(QuoteName(target.alias) + "." + QuoteName(column.name), TypeOfColumn(column)),
        "BINARY");
    unchanged.push_back(
        BoundExpr::Infix("IS", std::move(current), stored, TypeOf(ValueType::kInteger, 1)));
    bound.assignments.emplace_back(column.name, std::move(stored));
  }
  write->statement_assignments = bound.assignments.size();
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const catalog::ColumnSchema& column = table.columns[i];
    if (column.on_update_current_timestamp && !assigned[i]) {
      // Written as stored: a TIMESTAMP in UTC, a DATETIME in the session's time zone.
      bool utc = column.type_class == catalog::TypeClass::kTimestamp;
      bound.assignments.emplace_back(
          column.name,
          BoundExpr::Call(utc ? "mysql_utc_timestamp" : "mysql_now",
                          {IntegerConstant(catalog::FractionalDigits(column.type))},
                          TypeOf(ValueType::kString, 0)));
    }
  }
  if (std::any_of(table.columns.begin(), table.columns.end(),
                  [](const catalog::ColumnSchema& column) { return column.generated(); })) {
    PORPOISE_RETURN_IF_ERROR(
        AppendGeneratedAssignments(translator, scope, table, update.assignments, &bound.assignments));
  }
  write->store_columns = host_->store_columns;
  // Only rows whose values really change are written (and counted as changed); with a LIMIT
  // the filter would change which rows the limit picks, so every matched row is written. A
  // stored function among the values would run twice (filter and assignment): not filtered.
  if (bound.order_by.empty() && !bound.limit && !unchanged.empty() &&
      stored_calls_.size() == calls_before) {
    BoundExpr all = std::move(unchanged[0]);
    for (size_t i = 1; i < unchanged.size(); ++i) {
      all = BoundExpr::Infix("AND", std::move(all), std::move(unchanged[i]),
                             TypeOf(ValueType::kInteger, 1));
    }
    bound.unchanged = std::move(all);
    for (size_t i = 0; i < quiet_values.size(); ++i) {
      bound.assignments[i].second = std::move(quiet_values[i]);
    }
  }
  write->count_sql = EmitMatchCount(bound, context);
  write->sql = EmitUpdate(bound, context);
  return Status::OK();
}

Status Session::ExecuteDelete(const sql::DeleteStatement& statement, ResultSink& sink, bool more) {
  if (!statement.targets.empty()) return ExecuteMultiDelete(statement, sink, more);
  PORPOISE_ASSIGN_OR_RETURN(std::shared_ptr<const catalog::TableSchema> table,
                            FindWritableTable(*catalog_, statement.table, database_, checker_.principal(),
                                              auth::Privilege::kDelete));
  PORPOISE_RETURN_IF_ERROR(RequireOnTable(auth::Privilege::kDelete, *table));
  if (!rewriting_join_) {
    PORPOISE_RETURN_IF_ERROR(CheckTargetsNotRead(statement.where.get(), {table->name}));
  }
  if (table->view) return DeleteThroughView(statement, *table, sink, more);
  if (variables_.sql_safe_updates()) {
    PORPOISE_RETURN_IF_ERROR(CheckSafeUpdate(*table, statement.where.get(), statement.limit.get()));
  }
  if (!tables_in_use_.empty()) PORPOISE_RETURN_IF_ERROR(CheckTableNotInUse(*table));
  auto bind = [&](BoundWrite* write) { return BindDelete(statement, write); };
  PORPOISE_ASSIGN_OR_RETURN(std::shared_ptr<const BoundWrite> plan,
                            WritePlan(statement, table, statement.alias, bind));
  const bool reused = shape_write_slots_ != nullptr;
  PORPOISE_ASSIGN_OR_RETURN(TranslatorContext context, ExecutionContext(*plan));
  PORPOISE_RETURN_IF_ERROR(BeginWrite(*table));
  Status status = [&]() -> Status {
    PORPOISE_RETURN_IF_ERROR(BeforeParentDelete(statement, *table, plan->alias));
    uint64_t deleted = 0;
    if (HasTriggers(*table, sql::CreateTriggerStatement::Event::kDelete)) {
      PORPOISE_ASSIGN_OR_RETURN(std::shared_ptr<const BoundWrite> rows, BoundForRows(plan, reused, bind));
      if (rows == plan) {
        PORPOISE_ASSIGN_OR_RETURN(deleted, DeleteRowByRow(*table, plan->bound, context));
      } else {
        PORPOISE_ASSIGN_OR_RETURN(TranslatorContext rows_context, ExecutionContext(*rows));
        PORPOISE_ASSIGN_OR_RETURN(deleted, DeleteRowByRow(*table, rows->bound, rows_context));
      }
    } else {
      PORPOISE_ASSIGN_OR_RETURN(storage::Statement prepared,
                                PrepareTranslated(plan->sql, context, /*reusable=*/true));
      Result<bool> step = prepared.Step();
      if (!step.ok()) return TranslateStorageError(step.status());
      deleted = static_cast<uint64_t>(db_->Changes());
    }
    PORPOISE_RETURN_IF_ERROR(EndWrite(true));
    row_count_ = static_cast<int64_t>(deleted);
    SendOk(sink, more, deleted);
    return Status::OK();
  }();
  return FinishWrite(std::move(status));
}

Status Session::BindDelete(const sql::DeleteStatement& statement, BoundWrite* write) {
  Translator translator(write->context);
  Scope scope;
  scope.tables.push_back(TargetOf(write->table, write->alias));
  write->bound.storage_name = catalog::SqliteTableName(*write->table);
  write->bound.alias = write->alias;
  PORPOISE_RETURN_IF_ERROR(BindFilter(translator, scope, statement.where, statement.order_by,
                                      statement.limit, &write->bound));
  write->sql = EmitDelete(write->bound, write->context);
  return Status::OK();
}

Result<std::vector<Session::ModifiedRow>> Session::ReadModifiedRows(const catalog::TableSchema& table,
                                                                     const BoundModification& bound,
                                                                     TranslatorContext& context) {
  std::string sql = EmitModifiedRows(bound, context);
  PORPOISE_ASSIGN_OR_RETURN(storage::Statement statement, PrepareTranslated(sql, context));
  std::vector<ModifiedRow> rows;
  size_t columns = table.columns.size();
  while (true) {
    Result<bool> step = statement.Step();
    if (!step.ok()) {
      if (!host_->store_error.ok()) return host_->store_error;
      return TranslateStorageError(step.status());
    }
    if (!step.value()) break;
    ModifiedRow row;
    row.rowid = statement.ColumnInt64(0);
    for (size_t i = 0; i < columns; ++i) row.old_values.push_back(ReadValue(statement, static_cast<int>(i + 1)));
    for (size_t i = 0; i < bound.assignments.size(); ++i) {
      row.assigned.push_back(ReadValue(statement, static_cast<int>(columns + 1 + i)));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

namespace {

// The rows of `table` whose `index` key a new `row` (stored forms) repeats:
// "SELECT <what> FROM t WHERE a = ?1 AND b = ?2", prepared from the connection's cache with
// the key bound; nullopt when a part of the key is NULL (a NULL never clashes in a unique
// key).
Result<std::optional<storage::Statement>> KeyLookup(storage::Database& db,
                                                    const catalog::TableSchema& table,
                                                    const catalog::IndexSchema& index,
                                                    const std::vector<Value>& row,
                                                    std::string_view what) {
  std::string where;
  std::vector<const Value*> key;
  for (size_t part = 0; part < index.columns.size(); ++part) {
    int column = table.FindColumn(index.columns[part]);
    if (column < 0 || row[static_cast<size_t>(column)].is_null()) {
      return std::optional<storage::Statement>();
    }
    if (!where.empty()) where += " AND ";
    key.push_back(&row[static_cast<size_t>(column)]);
    // (a prefix key compares the prefixes)
    std::string parameter = "?" + std::to_string(key.size());
    where += catalog::SqliteKeyPart(table, index, part, "") + " = " +
             (catalog::KeyPrefix(table, index, part) ? catalog::SqliteKeyPart(table, index, part, parameter) : parameter);
  }
  if (key.empty()) return std::optional<storage::Statement>();
  PORPOISE_ASSIGN_OR_RETURN(storage::Statement find,
                            db.PrepareCached("SELECT " + std::string(what) + " FROM " +
                                             catalog::SqliteTableName(table) + " WHERE " + where));
  for (size_t i = 0; i < key.size(); ++i) {
    PORPOISE_RETURN_IF_ERROR(BindValue(find, static_cast<int>(i + 1), *key[i]));
  }
  return std::optional<storage::Statement>(std::move(find));
}

}  // namespace

Result<std::optional<Session::ModifiedRow>> Session::ClashingRow(const catalog::TableSchema& table,
                                                                const std::vector<Value>& row,
                                                                const catalog::IndexSchema** key) {
  for (const catalog::IndexSchema& index : table.indexes) {
    if (!index.unique()) continue;
    PORPOISE_ASSIGN_OR_RETURN(std::optional<storage::Statement> find,
                              KeyLookup(*db_, table, index, row, "_rowid_, *"));
    if (!find) continue;
    Result<bool> found = find->Step();
    if (!found.ok()) return TranslateStorageError(found.status());
    if (!found.value()) continue;
    ModifiedRow clash;
    if (key != nullptr) *key = &index;
    clash.rowid = find->ColumnInt64(0);
    for (size_t i = 0; i < table.columns.size(); ++i) {
      clash.old_values.push_back(ReadValue(*find, static_cast<int>(i + 1)));
    }
    return std::optional<ModifiedRow>(std::move(clash));
  }
  return std::optional<ModifiedRow>();
}

Result<uint64_t> Session::CountClashes(const catalog::TableSchema& table, const std::vector<Value>& row) {
  std::set<int64_t> rows;
  for (const catalog::IndexSchema& index : table.indexes) {
    if (!index.unique()) continue;
    PORPOISE_ASSIGN_OR_RETURN(std::optional<storage::Statement> find,
                              KeyLookup(*db_, table, index, row, "_rowid_"));
    if (!find) continue;
    while (true) {
      Result<bool> found = find->Step();
      if (!found.ok()) return TranslateStorageError(found.status());
      if (!found.value()) break;
      rows.insert(find->ColumnInt64(0));
    }
  }
  return static_cast<uint64_t>(rows.size());
}

Result<std::vector<Value>> Session::ReadRowById(const catalog::TableSchema& table, int64_t rowid) {
  PORPOISE_ASSIGN_OR_RETURN(storage::Statement read,
                            db_->Prepare("SELECT * FROM " + catalog::SqliteTableName(table) +
                                         " WHERE _rowid_ = ?1"));
  PORPOISE_RETURN_IF_ERROR(read.BindInt64(1, rowid));
  Result<bool> found = read.Step();
  if (!found.ok()) return TranslateStorageError(found.status());
  std::vector<Value> values;
  for (size_t i = 0; found.value() && i < table.columns.size(); ++i) {
    values.push_back(ReadValue(read, static_cast<int>(i)));
  }
  return values;
}

Status Session::WriteRowById(const catalog::TableSchema& table, int64_t rowid, const std::vector<Value>& values) {
  std::string sql = "UPDATE " + catalog::SqliteTableName(table) + " SET ";
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (i > 0) sql += ", ";
    sql += catalog::SqliteQuote(table.columns[i].name) + " = ?" + std::to_string(i + 1);
  }
  sql += " WHERE _rowid_ = ?" + std::to_string(table.columns.size() + 1);
  PORPOISE_ASSIGN_OR_RETURN(storage::Statement write, db_->PrepareCached(sql));
  for (size_t i = 0; i < values.size(); ++i) {
    PORPOISE_RETURN_IF_ERROR(BindValue(write, static_cast<int>(i + 1), values[i]));
  }
  PORPOISE_RETURN_IF_ERROR(write.BindInt64(static_cast<int>(values.size() + 1), rowid));
  Result<bool> step = write.Step();
  Status reset = write.Reset();
  (void)reset;
  if (!step.ok()) {
    int extended = sqlite3_extended_errcode(db_->handle());
    if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
      return DuplicateKeyError(table, sqlite3_errmsg(db_->handle()), &values);
    }
    return TranslateStorageError(step.status());
  }
  return Status::OK();
}

Status Session::DeleteRowById(const catalog::TableSchema& table, int64_t rowid) {
  PORPOISE_ASSIGN_OR_RETURN(storage::Statement remove,
                            db_->PrepareCached("DELETE FROM " + catalog::SqliteTableName(table) +
                                               " WHERE _rowid_ = ?1"));
  PORPOISE_RETURN_IF_ERROR(remove.BindInt64(1, rowid));
  Result<bool> step = remove.Step();
  Status reset = remove.Reset();
  (void)reset;
  return step.ok() ? Status::OK() : TranslateStorageError(step.status());
}

Result<Session::RowCounts> Session::UpdateRowByRow(const catalog::TableSchema& table,
                                                   const BoundModification& bound,
                                                   size_t written_assignments,
                                                   TranslatorContext& context) {
  using Trigger = sql::CreateTriggerStatement;
  PORPOISE_ASSIGN_OR_RETURN(std::vector<ModifiedRow> rows, ReadModifiedRows(table, bound, context));
  RowCounts counts;
  counts.matched = rows.size();
  for (ModifiedRow& row : rows) {
    std::vector<Value> new_values = row.old_values;
    for (size_t i = 0; i < written_assignments; ++i) {
      new_values[static_cast<size_t>(table.FindColumn(bound.assignments[i].first))] = row.assigned[i];
    }
    PORPOISE_RETURN_IF_ERROR(FireTriggers(table, Trigger::Timing::kBefore, Trigger::Event::kUpdate,
                                          &row.old_values, &new_values));
    bool changed = false;
    for (size_t i = 0; i < new_values.size(); ++i) {
      if (!SameValue(new_values[i], row.old_values[i])) changed = true;
    }
    if (changed) {
      // ON UPDATE CURRENT_TIMESTAMP columns (the assignments after the written ones) change
      // only with the row.
      for (size_t i = written_assignments; i < bound.assignments.size(); ++i) {
        new_values[static_cast<size_t>(table.FindColumn(bound.assignments[i].first))] = row.assigned[i];
      }
      PORPOISE_RETURN_IF_ERROR(WriteRowById(table, row.rowid, new_values));
      ++counts.changed;
    }
    PORPOISE_RETURN_IF_ERROR(FireTriggers(table, Trigger::Timing::kAfter, Trigger::Event::kUpdate,
                                          &row.old_values, &new_values));
  }
  return counts;
}

Result<uint64_t> Session::DeleteRowByRow(const catalog::TableSchema& table, const BoundModification& bound,
                                         TranslatorContext& context) {
  using Trigger = sql::CreateTriggerStatement;
  PORPOISE_ASSIGN_OR_RETURN(std::vector<ModifiedRow> rows, ReadModifiedRows(table, bound, context));
  uint64_t deleted = 0;
  for (ModifiedRow& row : rows) {
    PORPOISE_RETURN_IF_ERROR(FireTriggers(table, Trigger::Timing::kBefore, Trigger::Event::kDelete,
                                          &row.old_values, nullptr));
    PORPOISE_RETURN_IF_ERROR(DeleteRowById(table, row.rowid));
    deleted += static_cast<uint64_t>(db_->Changes());
    PORPOISE_RETURN_IF_ERROR(FireTriggers(table, Trigger::Timing::kAfter, Trigger::Event::kDelete,
                                          &row.old_values, nullptr));
  }
  return deleted;
}

Status Session::ExecuteTruncate(const sql::TruncateTableStatement& statement, ResultSink& sink,
                                bool more) {
  Result<std::shared_ptr<const catalog::TableSchema>> found =
      FindWritableTable(*catalog_, statement.table, database_, checker_.principal(), auth::Privilege::kDrop);
  if (!found.ok() && found.status().code() == ER_BAD_DB_ERROR) {
    // (TRUNCATE names the table whose schema is missing, as MySQL does)
    return Status::Error(ER_NO_SUCH_TABLE, statement.table.database, statement.table.table);
  }
  PORPOISE_ASSIGN_OR_RETURN(std::shared_ptr<const catalog::TableSchema> table, std::move(found));
  if (table->view) return Status::Error(ER_NO_SUCH_TABLE, table->database, table->name);
  PORPOISE_RETURN_IF_ERROR(RequireOnTable(auth::Privilege::kDrop, *table));
  if (variables_.foreign_key_checks()) {
    for (const auto& [child, key] : ReferencingKeys(*table)) {
      if (child->database == table->database && child->name == table->name) continue;
      return Status::Error(ER_TRUNCATE_ILLEGAL_FK,
                           "`" + child->database + "`.`" + child->name + "`, CONSTRAINT `" + key->name + "`");
    }
  }
  PORPOISE_RETURN_IF_ERROR(ImplicitCommit());
  PORPOISE_RETURN_IF_ERROR(BeginWrite(*table));
  std::shared_ptr<catalog::TableSchema> renewed;
  Status status = [&]() -> Status {
    PORPOISE_RETURN_IF_ERROR(TranslateStorageError(
        db_->Execute("DELETE FROM " + catalog::SqliteTableName(*table))));
    // (the counter starts again at 1, whatever AUTO_INCREMENT= the table was made with, as
    // InnoDB's truncation makes the table anew: the definition forgets it)
    PORPOISE_RETURN_IF_ERROR(WriteCounter(*table, 1));
    if (table->initial_auto_increment > 1 && !table->temporary) {
      auto anew = std::make_shared<catalog::TableSchema>(*table);
      anew->initial_auto_increment = 1;
      PORPOISE_RETURN_IF_ERROR(UpdateTableDefinition(*db_, *anew, catalog::ShowCreateTableText(*anew, 1)));
      renewed = std::move(anew);
    }
    return EndWrite(true);
  }();
  if (!status.ok()) {
    Status ignored = EndWrite(false);
    (void)ignored;
    return status;
  }
  if (renewed) {
    std::lock_guard<std::mutex> lock(engine_.ddl_mutex());
    PublishTable(std::move(renewed));
  }
  row_count_ = 0;
  SendOk(sink, more, 0);
  return Status::OK();
}

}  // namespace porpoise::engine
