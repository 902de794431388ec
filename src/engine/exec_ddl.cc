// DDL: CREATE/DROP DATABASE, CREATE/DROP TABLE, USE. Each change commits the open
// transaction (MySQL's implicit commit), then updates the SQLite schema and the catalog tables
// in one SQLite transaction, then publishes a new catalog snapshot. (engine/)
#include <algorithm>
#include <functional>
#include <mutex>
#include <optional>
#include <set>

#include "catalog/charsets.h"
#include "catalog/information_schema.h"
#include "common/strings.h"
#include "engine/catalog_store.h"
#include "engine/ddl_util.h"
#include "engine/session.h"
#include "sql/parser.h"
#include "sql/printer.h"
#include "storage/database.h"

namespace porpoise::engine {

namespace {

// True when `expr` holds a subquery anywhere (scalar, EXISTS or IN).
bool ContainsSubquery(const sql::Expr& expr) {
  if (expr.subquery) return true;
  for (const sql::ExprPtr& arg : expr.args) {
    if (arg && ContainsSubquery(*arg)) return true;
  }
  for (const auto& term : expr.detail().function_order_by) {
    if (term.first && ContainsSubquery(*term.first)) return true;
  }
  for (const sql::ExprPtr* part : {&expr.case_operand, &expr.else_expr, &expr.detail().against}) {
    if (*part && ContainsSubquery(**part)) return true;
  }
  return false;
}

// The columns an expression reads, and whether it reads a variable.
void ScanDefault(const sql::Expr& expr, std::vector<std::string>* columns, bool* variable) {
  if (expr.kind == sql::ExprKind::kColumnRef) columns->push_back(expr.column);
  if (expr.kind == sql::ExprKind::kVariable || expr.kind == sql::ExprKind::kParameter) *variable = true;
  for (const sql::ExprPtr& arg : expr.args) {
    if (arg) ScanDefault(*arg, columns, variable);
  }
  for (const sql::ExprPtr* part : {&expr.case_operand, &expr.else_expr}) {
    if (*part) ScanDefault(**part, columns, variable);
  }
}

}  // namespace

// A DEFAULT expression is computed with the rights of whoever inserts, so MySQL lets it read
// no table: a subquery in one is 3769, found while parsing, before any other check. Then each
// reads no variable (3772), only columns of the table (1054), never the AUTO_INCREMENT one
// (3768), and a generated or expression-default column only when defined before it (3767).
Status CheckDefaultExpressions(const sql::CreateTableStatement& statement) {
  for (const sql::ColumnDef& column : statement.columns) {
    if (column.default_value && ContainsSubquery(*column.default_value)) {
      return Status::Error(ER_DEFAULT_VAL_GENERATED_FUNCTION_IS_NOT_ALLOWED, column.name);
    }
  }
  const std::vector<sql::ColumnDef>& defs = statement.columns;
  for (size_t self = 0; self < defs.size(); ++self) {
    const sql::ColumnDef& column = defs[self];
    if (!column.default_value || !column.default_is_expression) continue;
    std::vector<std::string> names;
    bool variable = false;
    ScanDefault(*column.default_value, &names, &variable);
    if (variable) return Status::Error(ER_DEFAULT_VAL_GENERATED_VARIABLES, column.name);
    for (const std::string& name : names) {
      auto read = std::find_if(defs.begin(), defs.end(),
                               [&](const sql::ColumnDef& def) { return EqualsIgnoreCase(def.name, name); });
      if (read == defs.end()) return Status::Error(ER_BAD_FIELD_ERROR, name, "default value expression");
      if (read->auto_increment) return Status::Error(ER_DEFAULT_VAL_GENERATED_REF_AUTO_INC, column.name);
      bool computed = read->generated || (read->default_value && read->default_is_expression);
      if (computed && static_cast<size_t>(read - defs.begin()) >= self) {
        return Status::Error(ER_DEFAULT_VAL_GENERATED_NON_PRIOR, column.name);
      }
    }
  }
  return Status::OK();
}

void ApplyTableCharset(sql::ColumnDef& column, std::string_view charset, std::string_view collation) {
  if (!column.type.charset.empty() || !column.type.collation.empty()) return;
  std::optional<catalog::TypeClass> kind = catalog::ClassifyType(column.type);
  if (!kind || !catalog::IsTextual(*kind)) return;
  std::string table_charset = ToLowerAscii(charset);
  if (table_charset == "utf8") table_charset = "utf8mb3";
  std::string table_collation = ToLowerAscii(collation);
  if (table_charset.empty() && !table_collation.empty()) {
    if (const catalog::CollationInfo* info = catalog::FindCollation(table_collation)) {
      table_charset = std::string(info->charset);
    }
  }
  const catalog::CharsetInfo* info = table_charset.empty() ? nullptr : catalog::FindCharset(table_charset);
  if (info == nullptr || table_charset == "binary") return;
  bool default_collation = table_collation.empty() || table_collation == info->default_collation;
  if (table_charset == "utf8mb4" && default_collation) return;  // (what a column has anyway)
  column.type.charset = table_charset;
  if (!default_collation && !column.type.binary) column.type.collation = table_collation;
}

void ApplyTableCharset(sql::ColumnDef& column, const sql::CreateTableStatement& table) {
  std::string charset, collation;
  for (const sql::TableOption& option : table.options) {
    if (option.name.find("COLLATE") != std::string::npos) {
      collation = option.value;
    } else if (option.name.find("CHARSET") != std::string::npos ||
               option.name.find("CHARACTER SET") != std::string::npos) {
      charset = option.value;
    }
  }
  ApplyTableCharset(column, charset, collation);
}

void ApplyTableCharset(sql::CreateTableStatement& create) {
  for (sql::ColumnDef& column : create.columns) ApplyTableCharset(column, create);
}

Status CheckKeysAsWritten(const sql::CreateTableStatement& statement) {
  auto column_def = [&](std::string_view name) -> const sql::ColumnDef* {
    for (const sql::ColumnDef& column : statement.columns) {
      if (EqualsIgnoreCase(column.name, name)) return &column;
    }
    return nullptr;
  };
  for (const sql::ColumnDef& column : statement.columns) {
    if (column.primary_key && column.nullable.value_or(false)) return Status::Error(ER_PRIMARY_CANT_HAVE_NULL);
  }
  for (const sql::IndexDef& index : statement.indexes) {
    for (size_t i = 0; i < index.parts.size(); ++i) {
      const sql::IndexPart& part = index.parts[i];
      if (part.column.empty()) continue;
      for (size_t j = 0; j < i; ++j) {
        if (EqualsIgnoreCase(index.parts[j].column, part.column) && index.kind != sql::IndexDef::Kind::kForeign) {
          return Status::Error(ER_DUP_FIELDNAME, part.column);
        }
      }
      const sql::ColumnDef* column = column_def(part.column);
      if (index.kind == sql::IndexDef::Kind::kPrimary && column != nullptr && column->nullable.value_or(false)) {
        return Status::Error(ER_PRIMARY_CANT_HAVE_NULL);
      }
    }
  }
  return Status::OK();
}

void CheckTableOptionsAsWritten(const std::vector<sql::TableOption>& options, std::vector<Status>* warnings) {
  for (const sql::TableOption& option : options) {
    bool charset = option.name.find("CHARSET") != std::string::npos ||
                   option.name.find("CHARACTER SET") != std::string::npos;
    bool collation = option.name.find("COLLATE") != std::string::npos;
    for (Status& warning : catalog::DeprecatedCharsetWarnings(charset ? option.value : "",
                                                              collation ? option.value : "")) {
      warnings->push_back(std::move(warning));
    }
  }
}

Status CheckTypeAsWritten(const sql::ColumnDef& column, std::string_view table_collation, bool strict,
                          std::vector<Status>* warnings) {
  const sql::DataType& type = column.type;
  auto deprecated = [&](std::string what, std::string_view rest = " is deprecated and will be removed in a future release.") {
    warnings->push_back(Status::WithMessage(ER_WARN_DEPRECATED_SYNTAX_NO_REPLACEMENT, what + std::string(rest)));
  };
  for (Status& warning : catalog::DeprecatedCharsetWarnings(type.charset, type.collation)) {
    warnings->push_back(std::move(warning));
  }
  // A character set and collation the column names exist and go together.
  const catalog::CharsetInfo* charset = nullptr;
  if (!type.charset.empty() && type.charset != "binary") {
    charset = catalog::FindCharset(type.charset);
    if (charset == nullptr) return Status::Error(ER_UNKNOWN_CHARACTER_SET, type.charset);
  }
  bool bytes = type.name == "binary" || type.name == "varbinary" || type.name.ends_with("blob");
  if (bytes && !type.collation.empty() && type.collation != "binary") {
    return Status::Error(ER_COLLATION_CHARSET_MISMATCH, type.collation, "binary");
  }
  if (!type.collation.empty() && type.collation != "binary") {
    const catalog::CollationInfo* collation = catalog::FindCollation(type.collation);
    if (collation == nullptr) return Status::Error(ER_UNKNOWN_COLLATION, type.collation);
    if (charset != nullptr && collation->charset != charset->name) {
      return Status::Error(ER_COLLATION_CHARSET_MISMATCH, type.collation, std::string(charset->name));
    }
  }
  bool real = type.name == "float" || type.name == "double";
  if (type.display_width) {
    if (*type.length > 255) return Status::Error(ER_TOO_BIG_DISPLAYWIDTH, column.name, 255);
    deprecated("Integer display width");
  }
  // FLOAT(p): p at most 53 digits; FLOAT and DOUBLE take no AUTO_INCREMENT in MySQL 8.4.
  if (type.name == "float" && type.length && !type.scale && *type.length > 53) {
    return Status::Error(ER_WRONG_FIELD_SPEC, column.name);
  }
  if (real && column.auto_increment) return Status::Error(ER_WRONG_FIELD_SPEC, column.name);
  if (real && type.length && type.scale) deprecated("Specifying number of digits for floating point data types");
  if (type.zerofill) {
    deprecated("The ZEROFILL attribute",
               " is deprecated and will be removed in a future release. Use the LPAD function to "
               "zero-pad numbers, or store the formatted numbers in a CHAR column.");
  } else if (type.is_unsigned && (real || type.name == "decimal")) {
    deprecated("UNSIGNED for decimal and floating point data types",
               " is deprecated and support for it will be removed in a future release.");
  }
  if (type.name == "enum" || type.name == "set") {
    // Labels are compared without their trailing spaces, under the column's collation
    // (case-insensitively unless it is binary).
    auto sensitive = [](std::string_view collation) {
      return collation.ends_with("_bin") || collation.ends_with("_cs") || collation == "binary";
    };
    bool named = !type.collation.empty() || !type.charset.empty() || type.binary;
    bool exact = type.binary || sensitive(type.collation) || type.charset == "binary" ||
                 (!named && sensitive(table_collation));
    std::set<std::string> seen;  // each label as compared
    for (std::string label : type.values) {
      while (!label.empty() && label.back() == ' ') label.pop_back();
      if (type.name == "set" && label.find(',') != std::string::npos) {
        return Status::Error(ER_ILLEGAL_VALUE_FOR_TYPE, "set", label);
      }
      std::string key = exact ? label : ToLowerAscii(label);
      auto [found, added] = seen.insert(std::move(key));
      if (added) continue;
      // (the earlier label is named, as MySQL names it)
      std::string first;
      for (std::string earlier : type.values) {
        while (!earlier.empty() && earlier.back() == ' ') earlier.pop_back();
        if ((exact ? earlier : ToLowerAscii(earlier)) == *found) {
          first = earlier;
          break;
        }
      }
      Status duplicate = Status::Error(ER_DUPLICATED_VALUE_IN_TYPE, column.name, first,
                                       type.name == "set" ? "SET" : "ENUM");
      if (strict) return duplicate;
      warnings->push_back(std::move(duplicate).AsNote());
    }
  }
  return Status::OK();
}

// ALTER DATABASE: the default character set and collation its new tables take (its tables
// keep theirs). A character set alone brings its default collation; a collation alone its
// set.
Status Session::ExecuteAlterDatabase(const sql::AlterDatabaseStatement& statement) {
  std::string name = statement.name.empty() ? database_ : statement.name;
  if (name.empty()) return Status::Error(ER_NO_DB_ERROR);
  PORPOISE_RETURN_IF_ERROR(RequireDatabase(auth::Privilege::kAlter, name));
  catalog::DatabaseSchema requested;
  PORPOISE_RETURN_IF_ERROR(ResolveDatabaseCharset(statement.charset, statement.collation, &requested));
  if (IsSystemSchema(name)) {
    return Status::Error(ER_DBACCESS_DENIED_ERROR, checker_.principal().account_user,
                         checker_.principal().account_host, name);
  }
  PORPOISE_RETURN_IF_ERROR(ImplicitCommit());
  std::lock_guard<std::mutex> lock(engine_.ddl_mutex());
  std::shared_ptr<const catalog::CatalogSnapshot> current = engine_.catalog().Current();
  const catalog::DatabaseSchema* found = current->FindDatabase(name);
  if (found == nullptr) return Status::Error(ER_BAD_DB_ERROR, name);
  catalog::DatabaseSchema schema = *found;
  if (!requested.charset.empty()) {
    schema.charset = std::move(requested.charset);
    schema.collation = std::move(requested.collation);
  }
  PORPOISE_RETURN_IF_ERROR(PublishDatabase(current, std::move(schema), UpdateDatabaseRow));
  if (name == database_) FollowDatabaseCharset();
  return Status::OK();
}

Status Session::ResolveDatabaseCharset(const std::string& charset_name, const std::string& collation_name,
                                       catalog::DatabaseSchema* defaults) {
  for (Status& warning : catalog::DeprecatedCharsetWarnings(charset_name, collation_name)) {
    AddWarning(std::move(warning));
  }
  const catalog::CharsetInfo* charset = nullptr;
  if (!charset_name.empty()) {
    charset = catalog::FindCharset(charset_name);
    if (charset == nullptr) return Status::Error(ER_UNKNOWN_CHARACTER_SET, charset_name);
    defaults->charset = std::string(charset->name);
    defaults->collation = std::string(charset->default_collation);
  }
  if (!collation_name.empty()) {
    const catalog::CollationInfo* collation = catalog::FindCollation(collation_name);
    if (collation == nullptr) return Status::Error(ER_UNKNOWN_COLLATION, collation_name);
    if (charset != nullptr && collation->charset != charset->name) {
      return Status::Error(ER_COLLATION_CHARSET_MISMATCH, collation_name, std::string(charset->name));
    }
    defaults->charset = std::string(collation->charset);
    defaults->collation = std::string(collation->name);
  }
  return Status::OK();
}

Status Session::PublishDatabase(const std::shared_ptr<const catalog::CatalogSnapshot>& current,
                                catalog::DatabaseSchema schema,
                                Status (*write)(storage::Database&, const catalog::DatabaseSchema&)) {
  PORPOISE_RETURN_IF_ERROR(TranslateStorageError(
      InWriteTransaction(*db_, [&]() { return write(*db_, schema); })));
  auto next = std::make_shared<catalog::CatalogSnapshot>(*current);
  next->PutDatabase(std::move(schema));
  engine_.catalog().Replace(std::move(next));
  RefreshCatalog();
  return Status::OK();
}

Status Session::ExecuteCreateDatabase(const sql::CreateDatabaseStatement& statement) {
  PORPOISE_RETURN_IF_ERROR(CheckName(statement.name, true));
  PORPOISE_RETURN_IF_ERROR(RequireDatabase(auth::Privilege::kCreate, statement.name));
  catalog::DatabaseSchema schema;
  schema.name = statement.name;
  PORPOISE_RETURN_IF_ERROR(ResolveDatabaseCharset(statement.charset, statement.collation, &schema));
  PORPOISE_RETURN_IF_ERROR(ImplicitCommit());
  std::lock_guard<std::mutex> lock(engine_.ddl_mutex());
  std::shared_ptr<const catalog::CatalogSnapshot> current = engine_.catalog().Current();
  if (IsSystemSchema(statement.name) || current->FindDatabase(statement.name) != nullptr) {
    Status exists = Status::Error(ER_DB_CREATE_EXISTS, statement.name);
    if (!statement.if_not_exists) return exists;
    AddWarning(exists);
    return Status::OK();
  }
  return PublishDatabase(current, std::move(schema), InsertDatabaseRow);
}

Status Session::ExecuteDropDatabase(const sql::DropDatabaseStatement& statement,
                                    uint64_t* dropped) {
  if (IsSystemSchema(statement.name)) {
    return Status::Error(ER_DBACCESS_DENIED_ERROR, checker_.principal().account_user,
                         checker_.principal().account_host, statement.name);
  }
  if (statement.name == "mysql") {
    // Dropping it would take every account with it; MySQL refuses too.
    return Status::Error(ER_NO_SYSTEM_SCHEMA_ACCESS, statement.name);
  }
  PORPOISE_RETURN_IF_ERROR(RequireDatabase(auth::Privilege::kDrop, statement.name));
  PORPOISE_RETURN_IF_ERROR(ImplicitCommit());
  std::lock_guard<std::mutex> lock(engine_.ddl_mutex());
  std::shared_ptr<const catalog::CatalogSnapshot> current = engine_.catalog().Current();
  const catalog::DatabaseSchema* schema = current->FindDatabase(statement.name);
  if (schema == nullptr) {
    Status missing = Status::Error(ER_DB_DROP_EXISTS, statement.name);
    if (!statement.if_exists) return missing;
    AddWarning(missing);
    return Status::OK();
  }
  Status written = InWriteTransaction(*db_, [&]() -> Status {
    for (const auto& [name, table] : schema->tables) {
      PORPOISE_RETURN_IF_ERROR(db_->Execute("DROP TABLE IF EXISTS " +
                                            catalog::SqliteTableName(*table)));
    }
    return DeleteDatabaseRows(*db_, statement.name);
  });
  PORPOISE_RETURN_IF_ERROR(TranslateStorageError(written));
  *dropped = schema->tables.size();
  auto next = std::make_shared<catalog::CatalogSnapshot>(*current);
  next->RemoveDatabase(statement.name);
  engine_.catalog().Replace(std::move(next));
  RefreshCatalog();
  if (database_ == statement.name) {
    database_.clear();
    FollowDatabaseCharset();
  }
  return Status::OK();
}

Status Session::ExecuteCreateTable(const sql::CreateTableStatement& statement, size_t written_columns) {
  PORPOISE_RETURN_IF_ERROR(CheckDefaultExpressions(statement));
  std::string database = statement.table.database.empty() ? database_ : statement.table.database;
  {
    // The collation ENUM and SET labels compare under when their column names none: the
    // table's, else its database's.
    std::string collation;
    for (const sql::TableOption& option : statement.options) {
      if (option.name.find("COLLATE") != std::string::npos) collation = ToLowerAscii(option.value);
      if (option.name.find("CHARSET") != std::string::npos || option.name.find("CHARACTER SET") != std::string::npos) {
        if (EqualsIgnoreCase(option.value, "binary")) collation = "binary";
      }
    }
    if (collation.empty()) {
      const catalog::DatabaseSchema* schema = catalog_->FindDatabase(database);
      if (schema != nullptr) collation = schema->collation;
    }
    std::vector<Status> warnings;
    for (size_t i = 0; i < statement.columns.size() && i < written_columns; ++i) {
      PORPOISE_RETURN_IF_ERROR(CheckTypeAsWritten(statement.columns[i], collation, StrictMode(), &warnings));
    }
    CheckTableOptionsAsWritten(statement.options, &warnings);
    for (Status& warning : warnings) AddWarning(std::move(warning));
    PORPOISE_RETURN_IF_ERROR(CheckKeysAsWritten(statement));
  }
  if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
  PORPOISE_RETURN_IF_ERROR(CheckName(statement.table.table, false));
  if (IsSystemSchema(database)) {
    return Status::Error(ER_DBACCESS_DENIED_ERROR, checker_.principal().account_user,
                         checker_.principal().account_host, database);
  }
  if (statement.temporary) {
    PORPOISE_RETURN_IF_ERROR(RequireDatabase(auth::Privilege::kCreateTemporaryTables, database));
  } else {
    PORPOISE_RETURN_IF_ERROR(RequireTable(auth::Privilege::kCreate, database, statement.table.table));
  }

  // The definition: the statement itself, or (LIKE) the source table's definition renamed.
  std::string create_sql;
  std::shared_ptr<const catalog::TableSchema> table;
  if (statement.like) {
    std::string source_database = statement.like->database.empty() ? database_ : statement.like->database;
    if (source_database.empty()) return Status::Error(ER_NO_DB_ERROR);
    std::shared_ptr<const catalog::TableSchema> source =
        catalog_->FindTable(source_database, statement.like->table);
    if (!source) return Status::Error(ER_NO_SUCH_TABLE, source_database, statement.like->table);
    if (source->view) {
      return Status::Error(ER_WRONG_OBJECT, source_database, source->name, "BASE TABLE");
    }
    PORPOISE_RETURN_IF_ERROR(RequireTable(auth::Privilege::kSelect, source_database, source->name));
    PORPOISE_ASSIGN_OR_RETURN(sql::StatementPtr parsed, sql::ParseOne(catalog::ShowCreateTableText(*source, 0)));
    auto& copy = static_cast<sql::CreateTableStatement&>(*parsed);
    copy.table.database = database;
    copy.table.table = statement.table.table;
    ApplyTableCharset(copy);  // (the printed form leaves out what equals the table's)
    // CHECK constraint names are the schema's: the copy's are made anew, <table>_chk_<n> in
    // the order of the source's names.
    std::vector<sql::CheckDef*> checks;
    for (sql::CheckDef& check : copy.checks) checks.push_back(&check);
    for (sql::ColumnDef& column : copy.columns) {
      for (sql::CheckDef& check : column.checks) checks.push_back(&check);
    }
    std::stable_sort(checks.begin(), checks.end(),
                     [](const sql::CheckDef* a, const sql::CheckDef* b) { return a->name < b->name; });
    for (size_t i = 0; i < checks.size(); ++i) {
      checks[i]->name = copy.table.table + "_chk_" + std::to_string(i + 1);
    }
    create_sql = sql::ToSql(copy);
    PORPOISE_ASSIGN_OR_RETURN(table, BuildTable(copy));
  } else {
    PORPOISE_ASSIGN_OR_RETURN(sql::StatementPtr parsed, sql::ParseOne(sql::ToSql(statement)));
    auto& copy = static_cast<sql::CreateTableStatement&>(*parsed);
    copy.table.database = database;
    // A table without a character set or collation of its own takes its database's.
    bool own = std::any_of(copy.options.begin(), copy.options.end(), [](const sql::TableOption& option) {
      return option.name.find("CHARSET") != std::string::npos ||
             option.name.find("CHARACTER SET") != std::string::npos ||
             option.name.find("COLLATE") != std::string::npos;
    });
    const catalog::DatabaseSchema* schema = catalog_->FindDatabase(database);
    if (!own && schema != nullptr) {
      copy.options.push_back(sql::TableOption{"DEFAULT CHARSET", schema->charset});
      copy.options.push_back(sql::TableOption{"COLLATE", schema->collation});
    }
    PORPOISE_RETURN_IF_ERROR(ResolveFunctionalKeyParts(copy));
    ApplyTableCharset(copy);
    create_sql = sql::ToSql(copy);
    PORPOISE_ASSIGN_OR_RETURN(table, BuildTable(copy));
    PORPOISE_RETURN_IF_ERROR(catalog::CheckNewChecks(*table, copy));
  }
  if (statement.temporary) {
    if (catalog_->FindDatabase(database) == nullptr) return Status::Error(ER_BAD_DB_ERROR, database);
    return CreateTemporaryTable(std::move(table), statement.if_not_exists);
  }
  // A CHECK constraint's name is unique in its schema (3822).
  if (const catalog::DatabaseSchema* schema = catalog_->FindDatabase(database); schema != nullptr && !table->checks.empty()) {
    for (const auto& [name, other] : schema->tables) {
      if (name == table->name) continue;
      for (const catalog::CheckSchema& taken : other->checks) {
        for (const catalog::CheckSchema& check : table->checks) {
          if (check.name == taken.name) return Status::Error(ER_CHECK_CONSTRAINT_DUP_NAME, check.name);
        }
      }
    }
  }
  if (!table->foreign_keys.empty() && !engine_.catalog().Current()->FindTable(database, table->name)) {
    PORPOISE_RETURN_IF_ERROR(CheckForeignKeyDefinitions(*table, nullptr));
  }

  PORPOISE_RETURN_IF_ERROR(ImplicitCommit());
  std::lock_guard<std::mutex> lock(engine_.ddl_mutex());
  std::shared_ptr<const catalog::CatalogSnapshot> current = engine_.catalog().Current();
  if (current->FindDatabase(database) == nullptr) return Status::Error(ER_BAD_DB_ERROR, database);
  if (current->FindTable(database, statement.table.table)) {
    Status exists = Status::Error(ER_TABLE_EXISTS_ERROR, statement.table.table);
    if (!statement.if_not_exists) return exists;
    AddWarning(exists);
    return Status::OK();
  }
  Status written = InWriteTransaction(*db_, [&]() -> Status {
    PORPOISE_ASSIGN_OR_RETURN(uint64_t storage_id, AllocateStorageId(*db_, database, table->name));
    auto stored = std::make_shared<catalog::TableSchema>(*table);
    stored->storage_id = storage_id;
    table = stored;
    PORPOISE_RETURN_IF_ERROR(db_->Execute(catalog::SqliteCreateSql(*table)));
    return InsertTableRow(*db_, *table, create_sql);
  });
  PORPOISE_RETURN_IF_ERROR(TranslateStorageError(written));
  PublishTable(std::move(table));
  return Status::OK();
}

Status Session::ResolveFunctionalKeyParts(sql::CreateTableStatement& create) {
  auto functional = [](const sql::IndexDef& index) {
    return std::any_of(index.parts.begin(), index.parts.end(),
                       [](const sql::IndexPart& part) { return part.expression != nullptr; });
  };
  if (std::none_of(create.indexes.begin(), create.indexes.end(), functional)) return Status::OK();
  // The expressions are bound over the table's columns as written.
  sql::CreateTableStatement columns_only;
  columns_only.table = create.table;
  for (const sql::ColumnDef& column : create.columns) {
    PORPOISE_ASSIGN_OR_RETURN(sql::ColumnDef copy, CloneColumn(column));
    columns_only.columns.push_back(std::move(copy));
  }
  PORPOISE_ASSIGN_OR_RETURN(catalog::TableSchema built, catalog::BuildTableSchema(columns_only));
  ScopeTable target;
  target.alias = create.table.table;
  target.database = create.table.database;
  target.table = create.table.table;
  target.schema = std::make_shared<const catalog::TableSchema>(std::move(built));
  Scope scope;
  scope.tables.push_back(target);
  TranslatorContext context = MakeTranslatorContext();
  context.may_read_table = nullptr;
  Translator translator(context);
  auto taken = [&](std::string_view name) {
    return std::any_of(create.indexes.begin(), create.indexes.end(),
                       [&](const sql::IndexDef& index) { return EqualsIgnoreCase(index.name, name); });
  };
  for (sql::IndexDef& index : create.indexes) {
    if (!functional(index)) continue;
    if (index.kind == sql::IndexDef::Kind::kPrimary) return Status::Error(ER_FUNCTIONAL_INDEX_PRIMARY_KEY);
    if (index.name.empty()) {
      // MySQL's names for unnamed ones: functional_index, functional_index_2, ...
      std::string name = "functional_index";
      for (int n = 2; taken(name); ++n) name = "functional_index_" + std::to_string(n);
      index.name = name;
    }
    for (size_t part_number = 0; part_number < index.parts.size(); ++part_number) {
      sql::IndexPart& part = index.parts[part_number];
      if (!part.expression) continue;
      if (part.expression->kind == sql::ExprKind::kColumnRef) return Status::Error(ER_FUNCTIONAL_INDEX_ON_FIELD);
      if (!catalog::FunctionOfRow(*part.expression)) {
        return Status::Error(ER_FUNCTIONAL_INDEX_FUNCTION_IS_NOT_ALLOWED, index.name);
      }
      PORPOISE_ASSIGN_OR_RETURN(BoundExpr bound, translator.TranslateExpr(*part.expression, scope, Clause::kFieldList));
      sql::ColumnDef hidden;
      hidden.name = std::string(catalog::ColumnSchema::kHiddenColumnPrefix) + index.name + "!" +
                    std::to_string(part_number) + "!0";
      hidden.type = DataTypeOf(bound.type);
      if (hidden.type.name.ends_with("text") || hidden.type.name.ends_with("blob") || hidden.type.name == "json") {
        return Status::Error(ER_FUNCTIONAL_INDEX_ON_LOB);
      }
      hidden.nullable = true;
      PORPOISE_ASSIGN_OR_RETURN(hidden.generated, CloneExpr(*part.expression));
      part.column = hidden.name;
      part.expression = nullptr;
      create.columns.push_back(std::move(hidden));
    }
  }
  return Status::OK();
}

Status Session::ExecuteCreateTableSelect(const sql::CreateTableStatement& statement,
                                        ResultSink& sink, bool more) {
  std::string database = statement.table.database.empty() ? database_ : statement.table.database;
  if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
  // The query's columns, bound with the creator's rights.
  TranslatorContext context = MakeTranslatorContext();
  std::vector<OutputColumn> columns;
  {
    Translator translator(context);
    PORPOISE_ASSIGN_OR_RETURN(BoundSelectResult bound, translator.BindSelect(*statement.as_select, nullptr));
    columns = std::move(bound.columns);
  }
  PORPOISE_RETURN_IF_ERROR(CheckReads(context));

  // The definition: the columns written first, then the query's other columns, typed as
  // MySQL types them (a table's column keeps its definition, less AUTO_INCREMENT and keys).
  PORPOISE_ASSIGN_OR_RETURN(sql::StatementPtr parsed, sql::ParseOne(sql::ToSql(statement)));
  auto& create = static_cast<sql::CreateTableStatement&>(*parsed);
  create.as_select.reset();
  create.table.database = database;
  auto insert = std::make_unique<sql::InsertStatement>();
  insert->table = create.table;
  insert->ignore = statement.select_ignore;
  insert->replace = statement.select_replace;
  catalog::TableSchema defaults;  // utf8mb4: a column's character set is written when it differs
  for (const OutputColumn& column : columns) {
    const std::string& name = column.info.name;
    for (const std::string& earlier : insert->columns) {
      if (EqualsIgnoreCase(earlier, name)) return Status::Error(ER_DUP_FIELDNAME, name);
    }
    insert->columns.push_back(name);
    bool written = std::any_of(create.columns.begin(), create.columns.end(),
                               [&](const sql::ColumnDef& def) { return EqualsIgnoreCase(def.name, name); });
    if (written) continue;
    sql::ColumnDef def;
    if (const catalog::ColumnSchema* source = column.type.column) {
      catalog::ColumnSchema copy = *source;
      copy.name = name;
      if (copy.auto_increment && copy.default_kind == catalog::DefaultKind::kNone) {
        // An AUTO_INCREMENT column has an implicit default, which the copy keeps.
        copy.default_kind = catalog::DefaultKind::kValue;
        copy.default_value = "0";
      }
      copy.auto_increment = false;
      PORPOISE_ASSIGN_OR_RETURN(
          sql::StatementPtr one,
          sql::ParseOne("CREATE TABLE c (" + catalog::ColumnDefinitionText(defaults, copy) + ")"));
      def = std::move(static_cast<sql::CreateTableStatement&>(*one).columns.front());
    } else {
      def.name = name;
      def.type = DataTypeOf(column.type);
      def.nullable = !column.type.not_null;
      // A NOT NULL number or string takes its type's zero as default, as MySQL gives it.
      if (column.type.not_null && (IsNumericType(column.type.type) || IsStringType(column.type.type))) {
        def.default_value = sql::MakeLiteral(
            sql::LiteralKind::kString, IsNumericType(column.type.type) ? "0" : "");
      }
    }
    create.columns.push_back(std::move(def));
  }
  bool exists = statement.temporary ? TemporaryTable(database, statement.table.table) != nullptr
                                    : engine_.catalog().Current()->FindTable(database, statement.table.table) != nullptr;
  PORPOISE_RETURN_IF_ERROR(ExecuteCreateTable(create, statement.columns.size()));
  if (exists) {  // IF NOT EXISTS met the table: nothing is inserted (a note says so)
    SendOk(sink, more, 0);
    return Status::OK();
  }
  PORPOISE_ASSIGN_OR_RETURN(sql::StatementPtr query, sql::ParseOne(sql::ToSql(*statement.as_select)));
  insert->select.reset(static_cast<sql::SelectStatement*>(query.release()));
  Status inserted = ExecuteInsert(*insert, sink, more);
  if (!inserted.ok()) {
    // All or nothing: the table goes with the rows that failed.
    sql::DropTableStatement drop;
    drop.tables = {create.table};
    drop.if_exists = true;
    drop.temporary = statement.temporary;
    Status dropped = ExecuteDropTable(drop);
    (void)dropped;
  }
  return inserted;
}

Status Session::ExecuteDropTable(const sql::DropTableStatement& statement) {
  // The session's temporary tables go first (without a commit); what is left names tables.
  std::vector<sql::TableName> rest;
  std::string missing;
  for (const sql::TableName& name : statement.tables) {
    std::string database = name.database.empty() ? database_ : name.database;
    if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
    if (TemporaryTable(database, name.table)) continue;
    if (statement.temporary) {
      if (statement.if_exists) {
        AddWarning(Status::Error(ER_BAD_TABLE_ERROR, database + "." + name.table));
      } else {
        missing += (missing.empty() ? "" : ",") + database + "." + name.table;
      }
      continue;
    }
    rest.push_back(name);
  }
  if (!missing.empty()) return Status::Error(ER_BAD_TABLE_ERROR, missing);
  for (const sql::TableName& name : statement.tables) {
    std::string database = name.database.empty() ? database_ : name.database;
    std::shared_ptr<const catalog::TableSchema> temporary = TemporaryTable(database, name.table);
    if (!temporary) continue;
    PORPOISE_RETURN_IF_ERROR(
        TranslateStorageError(db_->Execute("DROP TABLE " + catalog::SqliteTableName(*temporary))));
    temporary_.erase({database, name.table});
    temporary_counters_.erase({database, name.table});
    ++temporary_generation_;
  }
  RefreshCatalog();
  if (rest.empty()) return Status::OK();
  return DropCatalogObjects(rest, statement.if_exists, false);
}

void Session::RefreshCatalog() {
  catalog_ = engine_.catalog().Current();
  if (temporary_.empty()) return;
  auto overlay = std::make_shared<catalog::CatalogSnapshot>(*catalog_);
  for (const auto& [key, table] : temporary_) {
    if (overlay->FindDatabase(key.first) != nullptr) overlay->PutTable(table);
  }
  catalog_ = std::move(overlay);
}

std::shared_ptr<const catalog::TableSchema> Session::TemporaryTable(std::string_view database,
                                                                    std::string_view table) const {
  auto found = temporary_.find({std::string(database), std::string(table)});
  return found == temporary_.end() ? nullptr : found->second;
}

void Session::PublishTable(std::shared_ptr<const catalog::TableSchema> table) {
  if (table->temporary) {
    temporary_[{table->database, table->name}] = std::move(table);
    ++temporary_generation_;
  } else {
    auto next = std::make_shared<catalog::CatalogSnapshot>(*engine_.catalog().Current());
    next->PutTable(std::move(table));
    engine_.catalog().Replace(std::move(next));
  }
  RefreshCatalog();
}

Result<uint64_t> Session::ReadCounter(const catalog::TableSchema& table) {
  if (!table.temporary) return ReadAutoIncrement(*db_, table.database, table.name);
  auto found = temporary_counters_.find({table.database, table.name});
  return found == temporary_counters_.end() ? uint64_t{1} : found->second;
}

Status Session::WriteCounter(const catalog::TableSchema& table, uint64_t next) {
  if (!table.temporary) return WriteAutoIncrement(*db_, table.database, table.name, next);
  temporary_counters_[{table.database, table.name}] = next;
  return Status::OK();
}

Status Session::RestoreTemporaryTables() {
  if (temporary_.empty()) return Status::OK();
  std::set<std::string> present;
  PORPOISE_ASSIGN_OR_RETURN(storage::Statement tables,
                            db_->Prepare("SELECT name FROM temp.sqlite_master WHERE type = 'table'"));
  while (true) {
    PORPOISE_ASSIGN_OR_RETURN(bool row, tables.Step());
    if (!row) break;
    present.insert(catalog::SqliteQuote(tables.ColumnText(0)));
  }
  for (const auto& [key, table] : temporary_) {
    if (present.count(catalog::SqliteTableName(*table)) != 0) continue;
    PORPOISE_RETURN_IF_ERROR(TranslateStorageError(db_->Execute(catalog::SqliteCreateSql(*table))));
  }
  return Status::OK();
}

Status Session::CreateTemporaryTable(std::shared_ptr<const catalog::TableSchema> table,
                                     bool if_not_exists) {
  // No implicit commit: a temporary table is the session's own.
  if (TemporaryTable(table->database, table->name)) {
    Status exists = Status::Error(ER_TABLE_EXISTS_ERROR, table->name);
    if (!if_not_exists) return exists;
    AddWarning(exists);
    return Status::OK();
  }
  auto temporary = std::make_shared<catalog::TableSchema>(*table);
  temporary->temporary = true;
  temporary->storage_id = next_temporary_id_++;
  PORPOISE_RETURN_IF_ERROR(TranslateStorageError(db_->Execute(catalog::SqliteCreateSql(*temporary))));
  temp_tables_ = true;  // the connection's TEMP schema is emptied when it goes back to the pool
  temporary_counters_[{temporary->database, temporary->name}] = temporary->initial_auto_increment;
  PublishTable(std::move(temporary));
  return Status::OK();
}

Status Session::DropCatalogObjects(const std::vector<sql::TableName>& names, bool if_exists,
                                   bool views) {
  std::vector<std::pair<std::string, std::string>> targets;
  for (const sql::TableName& name : names) {
    std::string database = name.database.empty() ? database_ : name.database;
    if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
    if (catalog::IsPerformanceSchema(database)) {  // its tables refuse DROP to everyone: 1142
      return checker_.CheckTable(auth::Privilege::kDrop, database, name.table);
    }
    if (IsSystemSchema(database)) {
      return Status::Error(ER_DBACCESS_DENIED_ERROR, checker_.principal().account_user,
                           checker_.principal().account_host, database);
    }
    PORPOISE_RETURN_IF_ERROR(RequireTable(auth::Privilege::kDrop, database, name.table));
    targets.emplace_back(database, name.table);
  }
  PORPOISE_RETURN_IF_ERROR(ImplicitCommit());
  std::lock_guard<std::mutex> lock(engine_.ddl_mutex());
  std::shared_ptr<const catalog::CatalogSnapshot> current = engine_.catalog().Current();
  std::string missing;
  std::vector<std::shared_ptr<const catalog::TableSchema>> existing;
  for (const auto& [database, name] : targets) {
    // DROP TABLE finds no view; DROP VIEW refuses a table (1347).
    std::shared_ptr<const catalog::TableSchema> found = current->FindTable(database, name);
    if (found && views && !found->view) return Status::Error(ER_WRONG_OBJECT, database, name, "VIEW");
    if (found && (found->view != nullptr) == views) {
      existing.push_back(std::move(found));
      continue;
    }
    if (if_exists) {
      AddWarning(Status::Error(ER_BAD_TABLE_ERROR, database + "." + name));
    } else {
      if (!missing.empty()) missing += ",";
      missing += database + "." + name;
    }
  }
  if (!missing.empty()) return Status::Error(ER_BAD_TABLE_ERROR, missing);
  if (existing.empty()) return Status::OK();
  if (!views && variables_.foreign_key_checks()) {
    // A table another one (not dropped with it) references stays: 3730.
    for (const auto& table : existing) {
      for (const auto& [child, key] : ReferencingKeys(*table)) {
        // (A structured binding is captured by name: clang 14 cannot capture it implicitly.)
        bool going = std::any_of(existing.begin(), existing.end(),
                                 [&child = child](const auto& other) {
          return other->database == child->database && other->name == child->name;
        });
        if (!going) return Status::Error(ER_FK_CANNOT_DROP_PARENT, table->name, key->name, child->name);
      }
    }
  }
  Status written = InWriteTransaction(*db_, [&]() -> Status {
    for (const auto& table : existing) {
      if (!table->view) {
        PORPOISE_RETURN_IF_ERROR(db_->Execute("DROP TABLE IF EXISTS " + catalog::SqliteTableName(*table)));
      }
      PORPOISE_RETURN_IF_ERROR(DeleteTableRow(*db_, table->database, table->name));
      // A table's triggers go with it.
      for (const auto& trigger : current->TriggersOf(table->database, table->name)) {
        PORPOISE_RETURN_IF_ERROR(DeleteRoutineRow(*db_, trigger->database, trigger->kind, trigger->name));
      }
    }
    return Status::OK();
  });
  PORPOISE_RETURN_IF_ERROR(TranslateStorageError(written));
  auto next = std::make_shared<catalog::CatalogSnapshot>(*current);
  for (const auto& table : existing) {
    for (const auto& trigger : current->TriggersOf(table->database, table->name)) {
      next->RemoveRoutine(trigger->database, trigger->kind, trigger->name);
    }
    next->RemoveTable(table->database, table->name);
  }
  engine_.catalog().Replace(std::move(next));
  RefreshCatalog();
  return Status::OK();
}

Result<Session::LockedTable> Session::IndexTarget(const sql::TableName& name,
                                                  auth::Privilege privilege) {
  std::string database = name.database.empty() ? database_ : name.database;
  if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
  PORPOISE_RETURN_IF_ERROR(RequireTable(privilege, database, name.table));
  if (IsSystemSchema(database)) {
    return Status::Error(ER_DBACCESS_DENIED_ERROR, checker_.principal().account_user,
                         checker_.principal().account_host, database);
  }
  PORPOISE_RETURN_IF_ERROR(ImplicitCommit());
  LockedTable target{std::unique_lock<std::mutex>(engine_.ddl_mutex()), nullptr};
  target.table = TemporaryTable(database, name.table);
  if (!target.table) target.table = engine_.catalog().Current()->FindTable(database, name.table);
  if (!target.table && catalog_->FindDatabase(database) == nullptr) return Status::Error(ER_BAD_DB_ERROR, database);
  if (!target.table) return Status::Error(ER_NO_SUCH_TABLE, database, name.table);
  if (target.table->view) return Status::Error(ER_WRONG_OBJECT, database, name.table, "BASE TABLE");
  return target;
}

Status Session::ExecuteCreateIndex(const sql::CreateIndexStatement& statement) {
  PORPOISE_ASSIGN_OR_RETURN(LockedTable target,
                            IndexTarget(statement.table, auth::Privilege::kIndex));
  std::vector<sql::AlterSpec> specs(1);
  specs[0].index = statement.index;
  return ChangeTable(std::move(target), specs);
}

Status Session::CheckUnique(const catalog::TableSchema& table, const catalog::IndexSchema& index) {
  // Rows with a NULL in the key never clash, as in MySQL.
  std::string columns, present;
  for (size_t i = 0; i < index.columns.size(); ++i) {
    std::string column = catalog::SqliteQuote(index.columns[i]);
    columns += (i > 0 ? ", " : "") + column;
    present += (i > 0 ? " AND " : "") + column + " IS NOT NULL";
  }
  PORPOISE_ASSIGN_OR_RETURN(
      storage::Statement duplicate,
      db_->Prepare("SELECT " + columns + " FROM " + catalog::SqliteTableName(table) + " WHERE " +
                   present + " GROUP BY " + columns + " HAVING count(*) > 1 LIMIT 1"));
  PORPOISE_ASSIGN_OR_RETURN(bool found, duplicate.Step());
  if (!found) return Status::OK();
  std::string entry;
  for (size_t i = 0; i < index.columns.size(); ++i) {
    const catalog::ColumnSchema& column =
        table.columns[static_cast<size_t>(table.FindColumn(index.columns[i]))];
    if (i > 0) entry += "-";
    entry += KeyPartText(column, ReadValue(duplicate, static_cast<int>(i)));
  }
  return Status::Error(ER_DUP_ENTRY, entry, table.name + "." + index.name);
}

Status Session::ExecuteDropIndex(const sql::DropIndexStatement& statement) {
  PORPOISE_ASSIGN_OR_RETURN(LockedTable target,
                            IndexTarget(statement.table, auth::Privilege::kIndex));
  std::vector<sql::AlterSpec> specs(1);
  specs[0].kind = sql::AlterSpec::Kind::kDropIndex;
  specs[0].name = statement.name;
  return ChangeTable(std::move(target), specs);
}

Status Session::RenameTables(const std::vector<std::pair<sql::TableName, sql::TableName>>& renames) {
  using Name = std::pair<std::string, std::string>;
  std::vector<std::pair<Name, Name>> resolved;
  for (const auto& [from, to] : renames) {
    Name source{from.database.empty() ? database_ : from.database, from.table};
    Name target{to.database.empty() ? database_ : to.database, to.table};
    for (const Name* name : {&source, &target}) {
      if (name->first.empty()) return Status::Error(ER_NO_DB_ERROR);
      if (IsSystemSchema(name->first)) {
        return Status::Error(ER_DBACCESS_DENIED_ERROR, checker_.principal().account_user,
                             checker_.principal().account_host, name->first);
      }
    }
    if (std::shared_ptr<const catalog::TableSchema> temporary = TemporaryTable(source.first, source.second)) {
      // The session's own table: renamed in place (its storage does not depend on the name).
      if (TemporaryTable(target.first, target.second)) {
        return Status::Error(ER_TABLE_EXISTS_ERROR, target.second);
      }
      auto moved = std::make_shared<catalog::TableSchema>(*temporary);
      moved->database = target.first;
      moved->name = target.second;
      uint64_t counter = temporary_counters_[source];
      temporary_.erase(source);
      temporary_counters_.erase(source);
      ++temporary_generation_;
      temporary_counters_[target] = counter;
      PublishTable(std::move(moved));
      continue;
    }
    PORPOISE_RETURN_IF_ERROR(RequireTable(auth::Privilege::kAlter, source.first, source.second));
    PORPOISE_RETURN_IF_ERROR(RequireTable(auth::Privilege::kDrop, source.first, source.second));
    PORPOISE_RETURN_IF_ERROR(RequireTable(auth::Privilege::kCreate, target.first, target.second));
    PORPOISE_RETURN_IF_ERROR(RequireTable(auth::Privilege::kInsert, target.first, target.second));
    resolved.emplace_back(std::move(source), std::move(target));
  }
  if (resolved.empty()) return Status::OK();
  PORPOISE_RETURN_IF_ERROR(ImplicitCommit());
  std::lock_guard<std::mutex> lock(engine_.ddl_mutex());
  auto next = std::make_shared<catalog::CatalogSnapshot>(*engine_.catalog().Current());
  // Each pair sees the ones before it (RENAME TABLE a TO tmp, b TO a, tmp TO b swaps).
  // Tables whose stored definitions change: foreign keys that moved, CHECK names renamed.
  std::set<std::pair<std::string, std::string>> redefined;
  std::vector<std::shared_ptr<const catalog::RoutineSchema>> moved_triggers;
  for (const auto& [source, target] : resolved) {
    std::shared_ptr<const catalog::TableSchema> table = next->FindTable(source.first, source.second);
    if (!table) return Status::Error(ER_NO_SUCH_TABLE, source.first, source.second);
    if (next->FindDatabase(target.first) == nullptr) {
      return Status::Error(ER_BAD_DB_ERROR, target.first);
    }
    if (next->FindTable(target.first, target.second)) {
      return Status::Error(ER_TABLE_EXISTS_ERROR, target.second);
    }
    if (table->view && target.first != source.first) {
      return Status::Error(ER_FORBID_SCHEMA_CHANGE, source.first, target.first);
    }
    // Triggers follow their table within its database (1435 across databases).
    std::vector<std::shared_ptr<const catalog::RoutineSchema>> triggers =
        next->TriggersOf(source.first, source.second);
    if (!triggers.empty() && target.first != source.first) return Status::Error(ER_TRG_IN_WRONG_SCHEMA);
    for (const auto& trigger : triggers) {
      auto renamed = std::make_shared<catalog::RoutineSchema>(*trigger);
      renamed->table = target.second;
      renamed->definition = TriggerDefinitionText(*renamed, trigger->trigger());
      PORPOISE_ASSIGN_OR_RETURN(renamed->statement, ParseDefinition(*renamed));
      moved_triggers.push_back(renamed);
      next->PutRoutine(std::move(renamed));
    }
    auto moved = std::make_shared<catalog::TableSchema>(*table);
    moved->database = target.first;
    moved->name = target.second;
    // The CHECK constraints named after the table (<table>_chk_<n>) take the new name.
    std::string generated = source.second + "_chk_";
    for (catalog::CheckSchema& check : moved->checks) {
      std::string_view number = std::string_view(check.name).substr(std::min(check.name.size(), generated.size()));
      if (check.name.size() > generated.size() && check.name.starts_with(generated) &&
          number.find_first_not_of("0123456789") == std::string_view::npos) {
        check.name = target.second + "_chk_" + std::string(number);
        redefined.insert(target);
      }
    }
    next->RemoveTable(source.first, source.second);
    next->PutTable(std::move(moved));
    // Foreign keys follow the table they reference, as in MySQL.
    if (next->HasForeignKeys()) {
      std::vector<std::shared_ptr<catalog::TableSchema>> referencing;
      for (const auto& [database, schema] : next->databases()) {
        for (const auto& [name, other] : schema->tables) {
          bool refers = std::any_of(other->foreign_keys.begin(), other->foreign_keys.end(),
                                    [&source = source](const auto& key) {
            return key.ref_database == source.first && key.ref_table == source.second;
          });
          if (refers) referencing.push_back(std::make_shared<catalog::TableSchema>(*other));
        }
      }
      for (auto& other : referencing) {
        for (catalog::ForeignKeySchema& key : other->foreign_keys) {
          if (key.ref_database == source.first && key.ref_table == source.second) {
            key.ref_database = target.first;
            key.ref_table = target.second;
          }
        }
        redefined.insert({other->database, other->name});
        next->PutTable(std::move(other));
      }
    }
  }
  Status written = InWriteTransaction(*db_, [&]() -> Status {
    for (const auto& [source, target] : resolved) {
      PORPOISE_RETURN_IF_ERROR(
          RenameTableRow(*db_, source.first, source.second, target.first, target.second));
    }
    for (const auto& trigger : moved_triggers) PORPOISE_RETURN_IF_ERROR(InsertRoutineRow(*db_, *trigger));
    for (const auto& [database, name] : redefined) {
      std::shared_ptr<const catalog::TableSchema> table = next->FindTable(database, name);
      if (!table) continue;
      PORPOISE_RETURN_IF_ERROR(UpdateTableDefinition(
          *db_, *table, catalog::ShowCreateTableText(*table, table->initial_auto_increment)));
    }
    return Status::OK();
  });
  PORPOISE_RETURN_IF_ERROR(TranslateStorageError(written));
  engine_.catalog().Replace(std::move(next));
  RefreshCatalog();
  return Status::OK();
}

Status Session::ExecuteUse(std::string_view database) {
  std::string name(database);
  if (catalog::IsInformationSchema(name)) {
    database_ = "information_schema";
    FollowDatabaseCharset();
    return Status::OK();
  }
  if (catalog::IsPerformanceSchema(name)) {  // every account may use it
    database_ = name;
    FollowDatabaseCharset();
    return Status::OK();
  }
  // Access is checked before existence, as MySQL does: without privileges in a database a
  // user cannot learn whether it exists.
  if (!bootstrap_) PORPOISE_RETURN_IF_ERROR(checker_.CheckUseDatabase(name));
  if (catalog_->FindDatabase(name) == nullptr) return Status::Error(ER_BAD_DB_ERROR, name);
  database_ = name;
  FollowDatabaseCharset();
  return Status::OK();
}

void Session::FollowDatabaseCharset() {
  const catalog::DatabaseSchema* schema = database_.empty() ? nullptr : catalog_->FindDatabase(database_);
  std::string charset, collation;
  if (schema != nullptr && !schema->charset.empty()) {
    charset = schema->charset;
    collation = schema->collation;
  } else if (catalog::IsInformationSchema(database_)) {
    charset = "utf8mb3";
    collation = "utf8mb3_general_ci";
  } else {
    Result<std::string> server = variables_.Get("character_set_server", sql::VariableScope::kSession);
    Result<std::string> server_collation = variables_.Get("collation_server", sql::VariableScope::kSession);
    if (!server.ok() || !server_collation.ok()) return;
    charset = *server;
    collation = *server_collation;
  }
  variables_.SetInternal("character_set_database", charset);
  variables_.SetInternal("collation_database", collation);
}

}  // namespace porpoise::engine
