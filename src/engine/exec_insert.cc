// INSERT / REPLACE / INSERT ... SELECT / ON DUPLICATE KEY UPDATE: values are computed, put in
// the column's storage form with MySQL's strict-mode checks, given AUTO_INCREMENT ids, and
// bound into one prepared SQLite INSERT. (engine/)
#include <sqlite3.h>

#include <algorithm>
#include <charconv>

#include "catalog/information_schema.h"
#include "catalog/performance_schema.h"
#include "engine/catalog_store.h"
#include "engine/physical.h"
#include "engine/ddl_util.h"
#include "engine/session.h"
#include "storage/database.h"

namespace porpoise::engine {

namespace {

// The value of a literal without a trip through SQLite; nullopt for anything else.
// A hex or bit literal stored into a numeric column (not BIT) is the unsigned number its
// bytes make, as MySQL's Item_hex_string::save_in_field stores it: more than eight bytes,
// or a signed column's 2^63 and above, are the largest value (MySQL adds a 1264 there,
// which is not said here).
std::optional<Value> HexLiteralForColumn(Value literal, const catalog::ColumnSchema& column);

std::optional<Value> LiteralValue(const sql::Expr& expr) {
  if (expr.kind == sql::ExprKind::kUnary && expr.op == sql::Operator::kNegate &&
      expr.args.size() == 1 && expr.args[0]->kind == sql::ExprKind::kLiteral) {
    std::optional<Value> inner = LiteralValue(*expr.args[0]);
    if (!inner) return std::nullopt;
    switch (inner->kind) {
      case Value::Kind::kInteger:
        if (inner->integer == INT64_MIN) return std::nullopt;
        return Value::Integer(-inner->integer);
      case Value::Kind::kDouble:
        return Value::Double(-inner->real);
      default:
        if (expr.args[0]->literal_kind == sql::LiteralKind::kDecimal) return Value::Text("-" + inner->bytes);
        return std::nullopt;
    }
  }
  if (expr.kind != sql::ExprKind::kLiteral) return std::nullopt;
  switch (expr.literal_kind) {
    case sql::LiteralKind::kNull:
      return Value::Null();
    case sql::LiteralKind::kTrue:
      return Value::Integer(1);
    case sql::LiteralKind::kFalse:
      return Value::Integer(0);
    case sql::LiteralKind::kInteger:
      if (expr.text.size() < 19 || (expr.text.size() == 19 && expr.text <= "9223372036854775807")) {
        int64_t number = 0;
        std::from_chars(expr.text.data(), expr.text.data() + expr.text.size(), number);
        return Value::Integer(number);
      }
      return Value::Text(expr.text);
    case sql::LiteralKind::kDecimal:
      return Value::Text(expr.text);
    case sql::LiteralKind::kFloat:
      return Value::Double(std::strtod(expr.text.c_str(), nullptr));
    case sql::LiteralKind::kHexString:
    case sql::LiteralKind::kBitString:
      return Value::Blob(expr.text);
    default:
      return Value::Text(expr.text);
  }
}

// The first `length` characters of UTF-8 `text` (bytes with `bytes`).
std::string Prefix(const std::string& text, uint32_t length, bool bytes) {
  if (bytes) return text.substr(0, length);
  size_t end = 0;
  for (uint32_t characters = 0; end < text.size(); ++end) {
    if ((static_cast<unsigned char>(text[end]) & 0xc0) != 0x80 && characters++ == length) break;
  }
  return text.substr(0, end);
}

bool IsDuplicateKey(int extended_code) {
  return extended_code == SQLITE_CONSTRAINT_UNIQUE || extended_code == SQLITE_CONSTRAINT_PRIMARYKEY;
}

// INSERT ... SELECT ... ON DUPLICATE KEY UPDATE's reads of the SELECT's columns: a column of
// the SELECT's tables that a select item names as it is (s.v, or v when the target has none)
// is the value that item gives the row: VALUES(<the target column it fills>).
void ReplaceSelectColumns(sql::ExprPtr& expr, const sql::SelectStatement& select,
                          const std::vector<std::string>& inserted, const catalog::TableSchema& target) {
  if (!expr) return;
  if (expr->kind == sql::ExprKind::kColumnRef && expr->database.empty() && expr->column != "*") {
    bool target_column = expr->table.empty() ? target.FindColumn(expr->column) >= 0
                                             : EqualsIgnoreCase(expr->table, target.name);
    if (target_column) return;
    bool from_source = expr->table.empty();
    for (const sql::TableRefPtr& ref : select.from) {
      if (ref && (EqualsIgnoreCase(ref->alias, expr->table) ||
                  (ref->alias.empty() && EqualsIgnoreCase(ref->name.table, expr->table)))) {
        from_source = true;
      }
    }
    if (!from_source) return;
    for (size_t i = 0; i < select.items.size() && i < inserted.size(); ++i) {
      const sql::Expr* item = select.items[i].expr.get();
      if (item == nullptr || item->kind != sql::ExprKind::kColumnRef || !EqualsIgnoreCase(item->column, expr->column)) continue;
      if (!item->table.empty() && !expr->table.empty() && !EqualsIgnoreCase(item->table, expr->table)) continue;
      std::vector<sql::ExprPtr> args;
      args.push_back(sql::MakeColumnRef("", "", inserted[i]));
      expr = sql::MakeFunction("VALUES", std::move(args));
      expr->mutable_detail().implicit_values = true;
      return;
    }
    return;
  }
  if (expr->subquery) return;
  for (sql::ExprPtr& arg : expr->args) ReplaceSelectColumns(arg, select, inserted, target);
  ReplaceSelectColumns(expr->case_operand, select, inserted, target);
  ReplaceSelectColumns(expr->else_expr, select, inserted, target);
}

// The column names of the SELECT's base tables (joins looked into; derived tables give none).
void SourceColumnNames(const sql::TableRef& ref, const catalog::CatalogSnapshot& catalog,
                       const std::string& database, std::vector<std::string>* names) {
  if (ref.kind == sql::TableRef::Kind::kJoin) {
    if (ref.left) SourceColumnNames(*ref.left, catalog, database, names);
    if (ref.right) SourceColumnNames(*ref.right, catalog, database, names);
    return;
  }
  if (ref.kind != sql::TableRef::Kind::kTable) return;
  std::shared_ptr<const catalog::TableSchema> table =
      catalog.FindTable(ref.name.database.empty() ? database : ref.name.database, ref.name.table);
  if (!table) return;
  for (const catalog::ColumnSchema& column : table->columns) {
    if (!column.hidden()) names->push_back(column.name);
  }
}

// A bare column of INSERT ... SELECT ... ON DUPLICATE KEY UPDATE that both the target and the
// SELECT's tables have: 1052, as MySQL cannot tell which is meant (qualify it).
Status CheckAmbiguousColumns(const sql::Expr& expr, const catalog::TableSchema& target,
                             const std::vector<std::string>& source_names) {
  if (expr.kind == sql::ExprKind::kColumnRef && expr.table.empty() && expr.column != "*") {
    bool in_source = std::any_of(source_names.begin(), source_names.end(),
                                 [&](const std::string& name) { return EqualsIgnoreCase(name, expr.column); });
    if (in_source && target.FindColumn(expr.column) >= 0) {
      return Status::Error(ER_NON_UNIQ_ERROR, expr.column, "field list");
    }
    return Status::OK();
  }
  if (expr.subquery) return Status::OK();
  // (VALUES(col) and DEFAULT(col) name the target's column)
  if (expr.kind == sql::ExprKind::kDefault ||
      (expr.kind == sql::ExprKind::kFunction && EqualsIgnoreCase(expr.text, "VALUES"))) {
    return Status::OK();
  }
  for (const sql::ExprPtr& arg : expr.args) {
    if (arg) PORPOISE_RETURN_IF_ERROR(CheckAmbiguousColumns(*arg, target, source_names));
  }
  for (const sql::ExprPtr* part : {&expr.case_operand, &expr.else_expr}) {
    if (*part) PORPOISE_RETURN_IF_ERROR(CheckAmbiguousColumns(**part, target, source_names));
  }
  return Status::OK();
}

// ON DUPLICATE KEY UPDATE's reads of the new row through the row alias (VALUES (...) AS new
// [(a2, b2)]): new.b, or a column alias alone, is VALUES(b).
void ReplaceRowAlias(sql::ExprPtr& expr, const sql::InsertStatement& insert,
                     const std::vector<std::string>& inserted) {
  if (!expr) return;
  if (expr->kind == sql::ExprKind::kColumnRef && expr->database.empty()) {
    std::string column;
    bool via_alias = !expr->table.empty() && expr->table == insert.row_alias;
    bool bare = expr->table.empty();
    const std::vector<std::string>& aliases = insert.column_aliases;
    auto named = std::find(aliases.begin(), aliases.end(), expr->column);
    if (named != aliases.end() && (via_alias || bare)) {
      size_t position = static_cast<size_t>(named - aliases.begin());
      if (position < inserted.size()) column = inserted[position];
    } else if (via_alias && aliases.empty()) {
      column = expr->column;
    }
    if (!column.empty()) {
      std::vector<sql::ExprPtr> args;
      args.push_back(sql::MakeColumnRef("", "", column));
      expr = sql::MakeFunction("VALUES", std::move(args));
      expr->mutable_detail().implicit_values = true;
    }
    return;
  }
  if (expr->subquery) return;
  for (sql::ExprPtr& arg : expr->args) ReplaceRowAlias(arg, insert, inserted);
  ReplaceRowAlias(expr->case_operand, insert, inserted);
  ReplaceRowAlias(expr->else_expr, insert, inserted);
}

std::optional<Value> HexLiteralForColumn(Value literal, const catalog::ColumnSchema& column) {
  using catalog::TypeClass;
  TypeClass kind = column.type_class;
  if (kind != TypeClass::kInteger && kind != TypeClass::kDecimal && kind != TypeClass::kFloat &&
      kind != TypeClass::kDouble && kind != TypeClass::kYear) {
    return literal;
  }
  const std::string& bytes = literal.bytes;
  uint64_t number = 0;
  for (unsigned char byte : bytes) number = (number << 8) | byte;
  const bool is_unsigned = column.type.is_unsigned;
  if (bytes.size() > 8 || (!is_unsigned && number > static_cast<uint64_t>(INT64_MAX))) {
    number = is_unsigned ? UINT64_MAX : static_cast<uint64_t>(INT64_MAX);
  }
  return number > static_cast<uint64_t>(INT64_MAX) ? EncodeUnsigned(number)
                                                    : Value::Integer(static_cast<int64_t>(number));
}

}  // namespace

std::string Session::KeyPartText(const catalog::ColumnSchema& column, const Value& value) {
  std::string text;
  return ToText(value, TypeOfColumn(column), &text) ? text : value.ToText();
}

Status Session::ExistingDuplicateError(const catalog::TableSchema& table, std::string_view message) {
  Status named = DuplicateKeyError(table, message, nullptr);
  // The key is the one whose name 1062 gives ('<table>.<key>').
  const std::string& text = named.message();
  const catalog::IndexSchema* key = nullptr;
  for (const catalog::IndexSchema& index : table.indexes) {
    if (index.unique() && text.ends_with("'" + table.name + "." + index.name + "'")) key = &index;
  }
  if (key == nullptr) return named;
  std::string parts;
  for (size_t i = 0; i < key->columns.size(); ++i) {
    parts += (i > 0 ? ", " : "") + catalog::SqliteKeyPart(table, *key, i, "");
  }
  std::string sql = "SELECT " + parts + " FROM " + catalog::SqliteTableName(table) + " GROUP BY " + parts +
                    " HAVING count(*) > 1 LIMIT 1";
  Result<storage::Statement> find = db_->Prepare(sql);
  if (!find.ok()) return named;
  Result<bool> row = find.value().Step();
  if (!row.ok() || !row.value()) return named;
  std::string value;
  for (size_t i = 0; i < key->columns.size(); ++i) {
    int column = table.FindColumn(key->columns[i]);
    if (i > 0) value += "-";
    if (column >= 0) value += KeyPartText(table.columns[static_cast<size_t>(column)], ReadValue(find.value(), static_cast<int>(i)));
  }
  return Status::Error(ER_DUP_ENTRY, value, table.name + "." + key->name);
}

Status Session::DuplicateKeyError(const catalog::TableSchema& table, std::string_view message,
                                  const std::vector<Value>* row) {
  // SQLite words it "UNIQUE constraint failed: t<storage_id>.a, t<storage_id>.b".
  std::vector<std::string> columns;
  size_t colon = message.find(": ");
  std::string prefix = (table.temporary ? "x" : "t") + std::to_string(table.storage_id) + ".";
  if (colon != std::string_view::npos) {
    std::string_view list = message.substr(colon + 2);
    while (!list.empty()) {
      size_t comma = list.find(", ");
      std::string_view item = list.substr(0, comma);
      if (item.starts_with(prefix)) item.remove_prefix(prefix.size());
      columns.emplace_back(item);
      if (comma == std::string_view::npos) break;
      list.remove_prefix(comma + 2);
    }
  }
  // A key over prefixes (an index of expressions) is named "index '<its SQLite name>'".
  const catalog::IndexSchema* key = nullptr;
  if (columns.size() == 1 && columns[0].starts_with("index '")) {
    for (size_t position = 0; position < table.indexes.size(); ++position) {
      if (columns[0] == "index '" + catalog::SqliteIndexId(table, position) + "'") key = &table.indexes[position];
    }
    if (key != nullptr) columns = key->columns;
  }
  for (const catalog::IndexSchema& index : table.indexes) {
    if (key != nullptr || !index.unique() || index.columns.size() != columns.size()) continue;
    bool same = true;
    for (size_t i = 0; i < columns.size(); ++i) {
      if (table.FindColumn(index.columns[i]) != table.FindColumn(columns[i])) same = false;
    }
    if (same) key = &index;
  }
  std::string key_name = key != nullptr ? key->name : "PRIMARY";
  std::string value;
  if (row != nullptr) {
    for (size_t i = 0; i < columns.size(); ++i) {
      int column = table.FindColumn(columns[i]);
      if (i > 0) value += "-";
      if (column >= 0 && static_cast<size_t>(column) < row->size()) {
        std::string part = KeyPartText(table.columns[static_cast<size_t>(column)], (*row)[static_cast<size_t>(column)]);
        // (a prefix's characters, as the key holds them)
        std::optional<uint32_t> length = key != nullptr ? catalog::KeyPrefix(table, *key, i) : std::nullopt;
        if (length) {
          bool bytes = table.columns[static_cast<size_t>(column)].type_class == catalog::TypeClass::kBinary;
          part = Prefix(part, *length, bytes);
        }
        value += part;
      }
    }
  }
  return Status::Error(ER_DUP_ENTRY, value, table.name + "." + key_name);
}

Status Session::ExecuteInsert(const sql::InsertStatement& insert, ResultSink& sink, bool more) {
  if (insert.delayed) {
    AddWarning(Status::Error(ER_WARN_LEGACY_SYNTAX_CONVERTED, insert.replace ? "REPLACE DELAYED" : "INSERT DELAYED",
                             insert.replace ? "REPLACE" : "INSERT"));
  }
  std::string database = insert.table.database.empty() ? database_ : insert.table.database;
  if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
  if (catalog::IsInformationSchema(database)) {
    return Status::Error(ER_DBACCESS_DENIED_ERROR, checker_.principal().account_user,
                         checker_.principal().account_host, "information_schema");
  }
  if (catalog::IsPerformanceSchema(database)) {  // read-only, whatever the account holds
    return checker_.CheckTable(auth::Privilege::kInsert, database, insert.table.table);
  }
  std::shared_ptr<const catalog::TableSchema> table = catalog_->FindTable(database, insert.table.table);
  if (!table && catalog_->FindDatabase(database) == nullptr) return Status::Error(ER_BAD_DB_ERROR, database);
  if (!table) return Status::Error(ER_NO_SUCH_TABLE, database, insert.table.table);
  if (table->view) {
    PORPOISE_RETURN_IF_ERROR(RequireTable(auth::Privilege::kInsert, database, table->name));
  } else if (insert.columns.empty()) {
    std::vector<std::string> every;  // a row for every column: INSERT on each of them
    for (const catalog::ColumnSchema& column : table->columns) {
      if (!column.hidden() && !column.invisible) every.push_back(column.name);
    }
    PORPOISE_RETURN_IF_ERROR(
        RequireColumns(auth::Privilege::kInsert, database, table->name, every, true));
  } else {
    PORPOISE_RETURN_IF_ERROR(
        RequireColumns(auth::Privilege::kInsert, database, table->name, insert.columns));
  }
  if (insert.replace) PORPOISE_RETURN_IF_ERROR(RequireOnTable(auth::Privilege::kDelete, *table));
  if (!insert.on_duplicate.empty()) {
    std::vector<std::string> updated;
    for (const sql::Assignment& assignment : insert.on_duplicate) {
      updated.push_back(assignment.column->column);
    }
    PORPOISE_RETURN_IF_ERROR(
        RequireColumns(auth::Privilege::kUpdate, database, table->name, updated));
  }
  if (table->view) return InsertThroughView(insert, *table, sink, more);
  if (!tables_in_use_.empty()) PORPOISE_RETURN_IF_ERROR(CheckTableNotInUse(*table));
  using Trigger = sql::CreateTriggerStatement;
  bool triggers = HasTriggers(*table, Trigger::Event::kInsert);
  // REPLACE with DELETE triggers, ON DUPLICATE KEY UPDATE with UPDATE triggers: the row a new
  // one clashes with is found first, so its triggers fire in MySQL's order.
  bool clash_triggers = (insert.replace && HasTriggers(*table, Trigger::Event::kDelete)) ||
                        (!insert.on_duplicate.empty() && HasTriggers(*table, Trigger::Event::kUpdate));
  bool generated = std::any_of(table->columns.begin(), table->columns.end(),
                               [](const catalog::ColumnSchema& column) { return column.generated(); });

  // Target columns.
  std::vector<size_t> targets;
  if (insert.columns.empty()) {
    for (size_t i = 0; i < table->columns.size(); ++i) {
      if (!table->columns[i].hidden() && !table->columns[i].invisible) targets.push_back(i);
    }
  } else {
    std::vector<bool> seen(table->columns.size(), false);
    for (const std::string& name : insert.columns) {
      int index = table->FindColumn(name);
      if (index < 0) return Status::Error(ER_BAD_FIELD_ERROR, name, "field list");
      if (seen[static_cast<size_t>(index)]) return Status::Error(ER_FIELD_SPECIFIED_TWICE, name);
      seen[static_cast<size_t>(index)] = true;
      targets.push_back(static_cast<size_t>(index));
    }
  }

  // Source rows: VALUES expressions, or the rows of the SELECT.
  std::vector<std::vector<Value>> source;
  // Whether each source value is DEFAULT, row after row (targets.size() per row).
  std::vector<bool> use_default;
  if (insert.select) {
    TranslatorContext context = MakeTranslatorContext();
    Translator translator(context);
    PORPOISE_ASSIGN_OR_RETURN(TranslatedSelect translated, translator.TranslateSelect(*insert.select));
    PORPOISE_RETURN_IF_ERROR(CheckReads(context));
    if (translated.columns.size() != targets.size()) {
      return Status::Error(ER_WRONG_VALUE_COUNT_ON_ROW, 1L);
    }
    PORPOISE_RETURN_IF_ERROR(StartImplicitTransaction());
    PORPOISE_ASSIGN_OR_RETURN(storage::Statement statement, PrepareTranslated(translated.sql, context));
    while (true) {
      Result<bool> step = statement.Step();
      if (!step.ok()) return TranslateStorageError(step.status());
      if (!step.value()) break;
      std::vector<Value> row;
      for (size_t i = 0; i < targets.size(); ++i) {
        row.push_back(ForColumn(ReadValue(statement, static_cast<int>(i)), translated.columns[i].type,
                                table->columns[targets[i]]));
      }
      source.push_back(std::move(row));
      use_default.insert(use_default.end(), targets.size(), false);
    }
  } else {
    source.reserve(insert.rows.size());
    use_default.reserve(insert.rows.size() * targets.size());
    for (size_t row_index = 0; row_index < insert.rows.size(); ++row_index) {
      const std::vector<sql::ExprPtr>& row = insert.rows[row_index];
      if (row.size() != targets.size() && !(row.empty() && insert.columns.empty())) {
        return Status::Error(ER_WRONG_VALUE_COUNT_ON_ROW, static_cast<long>(row_index + 1));
      }
      std::vector<Value> values(targets.size());
      size_t defaults = use_default.size();
      use_default.insert(use_default.end(), targets.size(), row.empty());
      std::vector<const sql::Expr*> pending;
      std::vector<size_t> pending_index;
      for (size_t i = 0; i < row.size(); ++i) {
        if (row[i]->kind == sql::ExprKind::kDefault) {
          use_default[defaults + i] = true;
          continue;
        }
        // A prepared statement's `?` stands for its value's literal: taken as written.
        const sql::Expr* given = row[i].get();
        if (given->kind == sql::ExprKind::kParameter && program_ == nullptr &&
            given->param_index < parameters_.size() &&
            parameters_[given->param_index]->detail().charset_introducer.empty()) {
          given = parameters_[given->param_index].get();
        }
        std::optional<Value> literal = LiteralValue(*given);
        if (literal && given->kind == sql::ExprKind::kLiteral &&
            (given->literal_kind == sql::LiteralKind::kHexString ||
             given->literal_kind == sql::LiteralKind::kBitString)) {
          literal = HexLiteralForColumn(std::move(*literal), table->columns[targets[i]]);
        }
        if (literal) {
          values[i] = std::move(*literal);
        } else {
          pending.push_back(row[i].get());
          pending_index.push_back(i);
        }
      }
      if (!pending.empty()) {
        std::vector<ExprType> types;
        PORPOISE_ASSIGN_OR_RETURN(std::vector<Value> evaluated, Evaluate(pending, &types));
        for (size_t i = 0; i < pending.size(); ++i) {
          values[pending_index[i]] =
              ForColumn(evaluated[i], types[i], table->columns[targets[pending_index[i]]]);
        }
      }
      source.push_back(std::move(values));
    }
  }

  // The SQLite statement.
  BoundInsert bound;
  bound.replace = insert.replace;
  bound.storage_name = catalog::SqliteTableName(*table);
  bound.alias = table->name;
  for (const catalog::ColumnSchema& column : table->columns) bound.columns.push_back(column.name);
  // ON DUPLICATE KEY UPDATE's translation; its parameters come after the row's.
  TranslatorContext update_context = MakeTranslatorContext();
  update_context.allow_values_function = true;
  update_context.parameter_offset = table->columns.size();
  host_->store_columns.clear();
  host_->store_warnings.clear();
  host_->store_error = Status::OK();
  bool strict = StrictMode() && !insert.ignore;
  types::DateChecks dates = ColumnDateChecks();
  if (!insert.on_duplicate.empty()) {
    Translator translator(update_context);
    Scope scope;
    ScopeTable target;
    target.alias = table->name;
    target.database = database;
    target.table = table->name;
    target.schema = table;
    target.write_target = true;
    scope.tables.push_back(target);
    // With a row alias, the values read the new row through VALUES(): copies made so.
    std::vector<sql::ExprPtr> aliased_values;
    if (!insert.row_alias.empty()) {
      std::vector<std::string> inserted = insert.columns;
      if (inserted.empty()) {
        for (const catalog::ColumnSchema& column : table->columns) inserted.push_back(column.name);
      }
      if (!insert.column_aliases.empty() && insert.column_aliases.size() != inserted.size()) {
        return Status::Error(ER_WRONG_VALUE_COUNT_ON_ROW, 1);
      }
      for (const sql::Assignment& assignment : insert.on_duplicate) {
        PORPOISE_ASSIGN_OR_RETURN(sql::ExprPtr value, CloneExpr(*assignment.value));
        ReplaceRowAlias(value, insert, inserted);
        aliased_values.push_back(std::move(value));
      }
    } else if (insert.select && insert.select->unions.empty() && !insert.select->from.empty()) {
      std::vector<std::string> inserted = insert.columns;
      if (inserted.empty()) {
        for (const catalog::ColumnSchema& column : table->columns) inserted.push_back(column.name);
      }
      std::vector<std::string> source_names;
      for (const sql::TableRefPtr& ref : insert.select->from) {
        if (ref) SourceColumnNames(*ref, *catalog_, database, &source_names);
      }
      for (const sql::Assignment& assignment : insert.on_duplicate) {
        PORPOISE_RETURN_IF_ERROR(CheckAmbiguousColumns(*assignment.value, *table, source_names));
        PORPOISE_ASSIGN_OR_RETURN(sql::ExprPtr value, CloneExpr(*assignment.value));
        ReplaceSelectColumns(value, *insert.select, inserted, *table);
        aliased_values.push_back(std::move(value));
      }
    }
    for (size_t i = 0; i < insert.on_duplicate.size(); ++i) {
      const sql::Assignment& assignment = insert.on_duplicate[i];
      const sql::Expr& assigned = aliased_values.empty() ? *assignment.value : *aliased_values[i];
      int column = table->FindColumn(assignment.column->column);
      if (column < 0) return Status::Error(ER_BAD_FIELD_ERROR, assignment.column->column, "field list");
      if (table->columns[static_cast<size_t>(column)].generated()) {
        if (assignment.value->kind == sql::ExprKind::kDefault) continue;
        return Status::Error(ER_NON_DEFAULT_VALUE_FOR_GENERATED_COLUMN, assignment.column->column, table->name);
      }
      // (col = DEFAULT is col = DEFAULT(col))
      sql::ExprPtr default_of;
      if (assigned.kind == sql::ExprKind::kDefault && assigned.args.empty()) {
        default_of = std::make_unique<sql::Expr>();
        default_of->kind = sql::ExprKind::kDefault;
        default_of->args.push_back(sql::MakeColumnRef("", "", table->columns[static_cast<size_t>(column)].name));
      }
      PORPOISE_ASSIGN_OR_RETURN(BoundExpr value,
                                translator.TranslateExpr(default_of ? *default_of : assigned, scope, Clause::kSet));
      host_->store_columns.push_back(&table->columns[static_cast<size_t>(column)]);
      int64_t code = TypeCode(value.type);
      BoundExpr stored = BoundExpr::Call(
          "mysql_store", {std::move(value), IntegerConstant(static_cast<int64_t>(i)), IntegerConstant(code)},
          ExprType());
      bound.on_duplicate.emplace_back(table->columns[static_cast<size_t>(column)].name,
                                      std::move(stored));
    }
    if (generated) {
      PORPOISE_RETURN_IF_ERROR(
          AppendGeneratedAssignments(translator, scope, *table, insert.on_duplicate, &bound.on_duplicate));
    }
    host_->store_context.strict = strict;
    host_->store_context.dates = dates;
  }
  std::string sql = EmitInsert(bound, update_context);
  PORPOISE_RETURN_IF_ERROR(CheckReads(update_context));

  PORPOISE_RETURN_IF_ERROR(BeginWrite(*table));
  Status status = [&]() -> Status {
    // PrepareTranslated binds the update's parameters and puts its common tables first.
    PORPOISE_ASSIGN_OR_RETURN(storage::Statement statement,
                              PrepareTranslated(sql, update_context, /*reusable=*/true));
    int auto_column = table->auto_increment_column;
    std::optional<uint64_t> counter;
    uint64_t counter_at_start = 0;
    uint64_t first_inserted = 0;  // the first generated number of a row inserted
    Value last_auto;              // the AUTO_INCREMENT value of the last row written
    uint64_t first_draw = 0;      // the first number drawn, and how many rows drew one
    uint64_t draws = 0;
    uint64_t affected = 0;
    uint64_t duplicates = 0;  // rows REPLACE deleted and rows ON DUPLICATE KEY UPDATE changed
    uint64_t skipped = 0;     // rows INSERT IGNORE left out
    // (a single row of VALUES: MySQL refuses a NULL for a NOT NULL column there even outside
    // strict mode; of INSERT ... SELECT it warns)
    bool single_row = source.size() == 1 && !insert.select;
    std::vector<Value> full;  // the row as stored, every column (kept from row to row)
    // A column's DEFAULT literal or CURRENT_TIMESTAMP, as the value to store.
    auto constant_default = [&](const catalog::ColumnSchema& column) {
      if (column.default_kind == catalog::DefaultKind::kCurrentTimestamp) {
        return Value::Text(FormatDateTime(host_->statement_micros, catalog::FractionalDigits(column.type),
                                          host_->time_zone.get()));
      }
      return column.type_class == catalog::TypeClass::kBinary ? Value::Blob(column.default_value)
                                                              : Value::Text(column.default_value);
    };
    bool expression_defaults =
        std::any_of(table->columns.begin(), table->columns.end(), [](const catalog::ColumnSchema& column) {
          return column.default_kind == catalog::DefaultKind::kExpression;
        });
    std::vector<bool> given;  // which columns the statement gave
    for (size_t row_index = 0; row_index < source.size(); ++row_index) {
      CoerceContext coerce;
      coerce.strict = strict;
      coerce.dates = dates;
      coerce.row = row_index + 1;
      host_->store_context.row = row_index + 1;  // (ON DUPLICATE KEY UPDATE's stores name it too)
      coerce.time_zone = host_->time_zone.get();
      coerce.warnings = diagnostics_.collector();
      full.assign(table->columns.size(), Value());
      given.assign(table->columns.size(), false);
      bool numbered = false;  // this row's AUTO_INCREMENT value was generated
      uint64_t row_generated = 0;
      // The number drawn for a row that was not inserted (updated instead, or skipped) goes
      // to the statement's next row; the table's counter still passes it (see `draws`), as
      // MySQL's handler gives it back.
      auto give_back = [&] {
        if (row_generated != 0 && counter && *counter == row_generated + 1) counter = row_generated;
      };
      for (size_t i = 0; i < targets.size(); ++i) {
        if (use_default[row_index * targets.size() + i]) continue;
        full[targets[i]] = std::move(source[row_index][i]);
        given[targets[i]] = true;
      }
      // An expression default reads the row with every constant default in place, also those
      // of columns after it, as MySQL fills the record with defaults before computing any.
      if (expression_defaults) {
        for (size_t column_index = 0; column_index < table->columns.size(); ++column_index) {
          const catalog::ColumnSchema& column = table->columns[column_index];
          if (given[column_index] || column.generated()) continue;
          if (column.default_kind == catalog::DefaultKind::kValue ||
              column.default_kind == catalog::DefaultKind::kCurrentTimestamp) {
            full[column_index] = constant_default(column);
          }
        }
      }
      for (size_t column_index = 0; column_index < table->columns.size(); ++column_index) {
        const catalog::ColumnSchema& column = table->columns[column_index];
        bool is_auto = static_cast<int>(column_index) == auto_column;
        if (column.generated()) {
          // Computed from the row below; only DEFAULT may be written for it. Outside strict
          // mode the value is dropped with the error as a warning, so that a dump writing
          // every column's value (mariadb-dump does, under its non-strict sql_mode) loads.
          if (given[column_index]) {
            Status refused = Status::Error(ER_NON_DEFAULT_VALUE_FOR_GENERATED_COLUMN, column.name, table->name);
            if (strict) return refused;
            if (row_index == 0) AddWarning(std::move(refused));
          }
          continue;
        }
        if (!given[column_index]) {
          switch (column.default_kind) {
            case catalog::DefaultKind::kNone:
              if (is_auto) break;
              // (a NOT NULL ENUM's default is its first label, in any sql_mode)
              if (column.type_class == catalog::TypeClass::kEnum) {
                full[column_index] = ImplicitDefault(column);
                break;
              }
              if (strict) return Status::Error(ER_NO_DEFAULT_FOR_FIELD, column.name);
              // (said once for the statement for a column not listed, as MySQL checks the
              // columns given once; for each DEFAULT written for a listed one)
              if (row_index == 0 || std::find(targets.begin(), targets.end(), column_index) != targets.end()) {
                AddWarning(Status::Error(ER_NO_DEFAULT_FOR_FIELD, column.name));
              }
              full[column_index] = ImplicitDefault(column);
              break;
            case catalog::DefaultKind::kNull:
              break;
            case catalog::DefaultKind::kValue:
            case catalog::DefaultKind::kCurrentTimestamp:
              full[column_index] = constant_default(column);
              break;
            case catalog::DefaultKind::kExpression: {
              PORPOISE_ASSIGN_OR_RETURN(full[column_index], EvaluateRowDefault(*table, column_index, full));
              break;
            }
          }
        }
        Value& value = full[column_index];
        if (is_auto) {
          bool generate = value.is_null() ||
                          (!SqlModeHas("NO_AUTO_VALUE_ON_ZERO") &&
                           ((value.kind == Value::Kind::kInteger && value.integer == 0) ||
                            (value.kind == Value::Kind::kText && std::strtod(value.bytes.c_str(), nullptr) == 0)));
          if (!counter) {
            PORPOISE_ASSIGN_OR_RETURN(uint64_t next, ReadCounter(*table));
            counter = std::max<uint64_t>(next, table->initial_auto_increment);
            counter_at_start = *counter;
          }
          if (generate) {
            numbered = true;
            value = Value::Integer(static_cast<int64_t>(*counter));
            row_generated = *counter;
            if (draws++ == 0) first_draw = *counter;
            ++*counter;
          }
        }
        if (value.is_null() && !column.nullable) {
          if (strict || (single_row && !insert.ignore)) return Status::Error(ER_BAD_NULL_ERROR, column.name);
          AddWarning(Status::Error(ER_BAD_NULL_ERROR, column.name));
          value = ImplicitDefault(column);  // (in its stored form already: not read again)
        } else {
          PORPOISE_ASSIGN_OR_RETURN(value, CoerceToColumn(column, std::move(value), coerce));
        }
        if (is_auto && value.kind == Value::Kind::kInteger && value.integer > 0) {
          uint64_t stored = static_cast<uint64_t>(value.integer);
          if (stored >= *counter) counter = stored + 1;
        }
        // (`full` holds the row until the statement is reset, and is bound again after any
        // change below)
        PORPOISE_RETURN_IF_ERROR(BindValueKept(statement, static_cast<int>(column_index) + 1, value));
      }
      if (triggers) {
        // BEFORE INSERT sees the row and may change it (SET NEW.col = ...); an AUTO_INCREMENT
        // value not generated yet reads 0 there, as in MySQL, unless the trigger sets one.
        Value number;
        if (numbered) {
          number = full[static_cast<size_t>(auto_column)];
          full[static_cast<size_t>(auto_column)] = Value::Integer(0);
        }
        PORPOISE_RETURN_IF_ERROR(FireTriggers(*table, Trigger::Timing::kBefore, Trigger::Event::kInsert,
                                              nullptr, &full));
        Value& after = full[static_cast<size_t>(std::max(auto_column, 0))];
        if (numbered && after.kind == Value::Kind::kInteger && after.integer == 0) after = number;
        if (auto_column >= 0 && counter && after.kind == Value::Kind::kInteger && after.integer > 0 &&
            static_cast<uint64_t>(after.integer) >= *counter) {
          counter = static_cast<uint64_t>(after.integer) + 1;  // a trigger chose the number
        }
      }
      if (generated) PORPOISE_RETURN_IF_ERROR(ComputeGeneratedColumns(*table, full, coerce));
      if (triggers || generated) {
        for (size_t column_index = 0; column_index < full.size(); ++column_index) {
          PORPOISE_RETURN_IF_ERROR(BindValue(statement, static_cast<int>(column_index) + 1, full[column_index]));
        }
      }
      // CHECK constraints before foreign keys, as MySQL checks a row before InnoDB writes it.
      Status parents = CheckRowConstraints(*table, full);
      if (parents.ok()) parents = CheckParentsOf(*table, full);
      // REPLACE deletes the rows the new one clashes with: their children's rules apply.
      if (parents.ok() && insert.replace) parents = BeforeReplacing(*table, full);
      if (!parents.ok()) {
        if (!insert.ignore) return parents;
        AddWarning(std::move(parents));  // INSERT IGNORE skips the row
        ++skipped;
        give_back();
        continue;
      }
      // The row ON DUPLICATE KEY UPDATE will change (its values before), and the rows REPLACE
      // deletes: both count in the affected rows as MySQL counts them.
      std::optional<ModifiedRow> clash;
      uint64_t replaced = 0;
      if (clash_triggers || !insert.on_duplicate.empty()) {
        PORPOISE_ASSIGN_OR_RETURN(clash, ClashingRow(*table, full));
        if (clash && insert.replace) {
          // REPLACE deletes the row it clashes with (DELETE triggers around it), then inserts.
          PORPOISE_RETURN_IF_ERROR(FireTriggers(*table, Trigger::Timing::kBefore, Trigger::Event::kDelete,
                                                &clash->old_values, nullptr));
          PORPOISE_RETURN_IF_ERROR(DeleteRowById(*table, clash->rowid));
          ++replaced;
          PORPOISE_RETURN_IF_ERROR(FireTriggers(*table, Trigger::Timing::kAfter, Trigger::Event::kDelete,
                                                &clash->old_values, nullptr));
          clash.reset();
        }
      }
      if (insert.replace) {
        PORPOISE_ASSIGN_OR_RETURN(uint64_t clashes, CountClashes(*table, full));
        if (clashes == 1 && !HasTriggers(*table, Trigger::Event::kDelete) && ReferencingKeys(*table).empty()) {
          // MySQL replaces a row in place when the key it clashes on is the table's last
          // unique one: by a row just like it, that changes nothing (1 row affected).
          const catalog::IndexSchema* key = nullptr;
          PORPOISE_ASSIGN_OR_RETURN(std::optional<ModifiedRow> same, ClashingRow(*table, full, &key));
          const catalog::IndexSchema* last = nullptr;
          for (const catalog::IndexSchema& index : table->indexes) {
            if (index.unique()) last = &index;
          }
          if (same && key == last && same->old_values.size() == full.size() &&
              std::equal(full.begin(), full.end(), same->old_values.begin(), SameValue)) {
            clashes = 0;
          }
        }
        replaced += clashes;
      }
      Result<bool> step = statement.Step();
      if (!step.ok()) {
        int extended = sqlite3_extended_errcode(db_->handle());
        std::string message = sqlite3_errmsg(db_->handle());
        if (!host_->store_error.ok()) return host_->store_error;
        if (IsDuplicateKey(extended)) {
          Status duplicate = DuplicateKeyError(*table, message, &full);
          if (!insert.ignore) return duplicate;
          AddWarning(duplicate);
          ++skipped;
          give_back();
        } else {
          return TranslateStorageError(step.status());
        }
      } else {
        Status reset = statement.Reset();
        (void)reset;
        if (clash) {
          // ON DUPLICATE KEY UPDATE changed the clashing row: its UPDATE triggers see it before
          // and after (a BEFORE trigger's changes to NEW are written too).
          PORPOISE_ASSIGN_OR_RETURN(std::vector<Value> updated, ReadRowById(*table, clash->rowid));
          if (updated.empty()) {
            // The update moved the row (it changed the INTEGER PRIMARY KEY that SQLite keeps it
            // by): a row changed.
            affected += 2;
            ++duplicates;
            give_back();
            Status again = statement.Reset();
            (void)again;
            continue;
          }
          std::vector<Value> new_values = updated;
          if (clash_triggers) {
            PORPOISE_RETURN_IF_ERROR(FireTriggers(*table, Trigger::Timing::kBefore, Trigger::Event::kUpdate,
                                                  &clash->old_values, &new_values));
            bool changed = false;
            for (size_t i = 0; i < new_values.size(); ++i) changed = changed || !SameValue(new_values[i], updated[i]);
            if (changed) PORPOISE_RETURN_IF_ERROR(WriteRowById(*table, clash->rowid, new_values));
            PORPOISE_RETURN_IF_ERROR(FireTriggers(*table, Trigger::Timing::kAfter, Trigger::Event::kUpdate,
                                                  &clash->old_values, &new_values));
          }
          PORPOISE_RETURN_IF_ERROR(ForeignKeysAfterUpdate(*table, clash->old_values, new_values));
          // 2 for a row updated, 0 for one left as it was (1 under CLIENT_FOUND_ROWS).
          bool changed = false;
          for (size_t i = 0; i < new_values.size() && i < clash->old_values.size(); ++i) {
            changed = changed || !SameValue(new_values[i], clash->old_values[i]);
          }
          affected += changed ? 2 : (found_rows_flag_ ? 1 : 0);
          if (changed) ++duplicates;
          if (auto_column >= 0) last_auto = updated[static_cast<size_t>(auto_column)];
          give_back();
        } else {
          // 1 for the row inserted, and 1 for each row REPLACE deleted for it.
          affected += static_cast<uint64_t>(db_->Changes()) + replaced;
          if (first_inserted == 0) first_inserted = row_generated;
          if (auto_column >= 0) last_auto = full[static_cast<size_t>(auto_column)];
          duplicates += replaced;
        }
        if (!clash && triggers) {
          PORPOISE_RETURN_IF_ERROR(FireTriggers(*table, Trigger::Timing::kAfter, Trigger::Event::kInsert,
                                                nullptr, &full));
        }
      }
      Status reset = statement.Reset();  // repeats a failed step's error: already handled
      (void)reset;
    }
    for (Status& warning : host_->store_warnings) AddWarning(std::move(warning));
    // (a VALUES list reserves as many numbers as rows that drew one, whichever rows kept
    // them; INSERT ... SELECT draws them one at a time)
    if (counter && draws != 0 && !insert.select) counter = std::max(*counter, first_draw + draws);
    if (counter && *counter != counter_at_start) {
      PORPOISE_RETURN_IF_ERROR(WriteCounter(*table, *counter));
    }
    PORPOISE_RETURN_IF_ERROR(CounterPastUpdated(*table, insert.on_duplicate));
    // LAST_INSERT_ID(): the first number generated for a row inserted (not for one ON
    // DUPLICATE KEY UPDATE changed instead, nor one IGNORE skipped). The OK's insert id:
    // that, else LAST_INSERT_ID(x)'s x, else the AUTO_INCREMENT value of the last row
    // written (inserted or updated), as MySQL reports it.
    if (first_inserted != 0) last_insert_id_ = first_inserted;
    row_count_ = static_cast<int64_t>(affected);
    uint64_t insert_id = first_inserted;
    if (insert_id == 0 && host_->last_insert_id) insert_id = *host_->last_insert_id;
    if (insert_id == 0 && last_auto.kind == Value::Kind::kInteger && last_auto.integer > 0) {
      insert_id = static_cast<uint64_t>(last_auto.integer);
    }
    std::string info;
    if (source.size() > 1 || insert.select) {
      // MySQL's Duplicates: the rows IGNORE left out, else those replaced or updated.
      info = "Records: " + std::to_string(source.size()) + "  Duplicates: " +
             std::to_string(insert.ignore ? skipped : duplicates) +
             "  Warnings: " + std::to_string(diagnostics_.conditions().size());
    }
    PORPOISE_RETURN_IF_ERROR(EndWrite(true));
    SendOk(sink, more, affected, insert_id, std::move(info));
    return Status::OK();
  }();
  return FinishWrite(std::move(status));
}

}  // namespace porpoise::engine
