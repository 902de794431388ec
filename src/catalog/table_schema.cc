// Building a TableSchema from CREATE TABLE, and the SQLite DDL / SHOW text for it. (catalog/)
#include "catalog/table_schema.h"

#include <algorithm>
#include <cstdlib>
#include <cctype>

#include "catalog/charsets.h"
#include "common/mysql_types.h"
#include "common/strings.h"
#include "sql/parser.h"
#include "sql/printer.h"

namespace porpoise::catalog {

namespace {

// BLOB, TEXT, JSON and spatial columns: no literal DEFAULT, no key without a prefix length.
bool IsBlobLike(const ColumnSchema& column) {
  return column.type_class == TypeClass::kJson || column.type.name.ends_with("text") ||
         column.type.name.ends_with("blob") || IsSpatialType(column.type.name);
}

bool IsCurrentTimestamp(const sql::Expr& expr) {
  if (expr.kind != sql::ExprKind::kFunction && expr.kind != sql::ExprKind::kColumnRef) {
    return false;
  }
  std::string_view name = expr.kind == sql::ExprKind::kFunction ? expr.text : expr.column;
  return EqualsIgnoreCase(name, "current_timestamp") || EqualsIgnoreCase(name, "now") ||
         EqualsIgnoreCase(name, "localtime") || EqualsIgnoreCase(name, "localtimestamp");
}

// Fills the column's default from the DEFAULT clause.
Status ApplyDefault(const sql::ColumnDef& def, ColumnSchema& column) {
  if (!def.default_value) {
    column.default_kind = column.nullable ? DefaultKind::kNull : DefaultKind::kNone;
    return Status::OK();
  }
  if (def.default_is_expression) {
    // DEFAULT (expr), even (literal): evaluated per row, and allowed for BLOB, TEXT, JSON and spatial columns.
    column.default_kind = DefaultKind::kExpression;
    column.default_expression = sql::ToSql(*def.default_value);
    return Status::OK();
  }
  const sql::Expr* given = def.default_value.get();
  // DEFAULT +9 is the literal 9, as MySQL's grammar reads a signed literal.
  if (given->kind == sql::ExprKind::kUnary && given->op == sql::Operator::kUnaryPlus &&
      given->args.size() == 1 && given->args[0]->kind == sql::ExprKind::kLiteral &&
      (given->args[0]->literal_kind == sql::LiteralKind::kInteger ||
       given->args[0]->literal_kind == sql::LiteralKind::kDecimal ||
       given->args[0]->literal_kind == sql::LiteralKind::kFloat)) {
    given = given->args[0].get();
  }
  const sql::Expr& expr = *given;
  bool blob_like = IsBlobLike(column);
  if (expr.kind == sql::ExprKind::kLiteral) {
    switch (expr.literal_kind) {
      case sql::LiteralKind::kNull:
        if (!column.nullable) return Status::Error(ER_INVALID_DEFAULT, column.name);
        column.default_kind = DefaultKind::kNull;
        return Status::OK();
      case sql::LiteralKind::kTrue:
        column.default_value = "1";
        break;
      case sql::LiteralKind::kFalse:
        column.default_value = "0";
        break;
      case sql::LiteralKind::kHexString:
      case sql::LiteralKind::kBitString:
        if (column.type_class == TypeClass::kInteger || column.type_class == TypeClass::kDecimal ||
            column.type_class == TypeClass::kFloat || column.type_class == TypeClass::kDouble ||
            column.type_class == TypeClass::kYear) {
          // A hex or bit literal for a number is the unsigned number its bytes make.
          uint64_t number = 0;
          for (unsigned char byte : expr.text) number = (number << 8) | byte;
          column.default_value = std::to_string(number);
          break;
        }
        [[fallthrough]];
      default:
        column.default_value = expr.text;
        column.default_is_string = expr.literal_kind == sql::LiteralKind::kString ||
                                   expr.literal_kind == sql::LiteralKind::kDate ||
                                   expr.literal_kind == sql::LiteralKind::kTime ||
                                   expr.literal_kind == sql::LiteralKind::kTimestamp ||
                                   expr.literal_kind == sql::LiteralKind::kHexString;
        break;
    }
    if (blob_like) return Status::Error(ER_BLOB_CANT_HAVE_DEFAULT, column.name);
    column.default_kind = DefaultKind::kValue;
    return Status::OK();
  }
  if (expr.kind == sql::ExprKind::kUnary && expr.op == sql::Operator::kNegate &&
      expr.args.size() == 1 && expr.args[0]->kind == sql::ExprKind::kLiteral) {
    if (blob_like) return Status::Error(ER_BLOB_CANT_HAVE_DEFAULT, column.name);
    column.default_kind = DefaultKind::kValue;
    column.default_value = "-" + expr.args[0]->text;
    return Status::OK();
  }
  if (IsCurrentTimestamp(expr)) {
    if (column.type_class != TypeClass::kDateTime && column.type_class != TypeClass::kTimestamp) {
      return Status::Error(ER_INVALID_DEFAULT, column.name);
    }
    column.default_kind = DefaultKind::kCurrentTimestamp;
    return Status::OK();
  }
  column.default_kind = DefaultKind::kExpression;
  column.default_expression = sql::ToSql(expr);
  return Status::OK();
}

Result<ColumnSchema> BuildColumn(const sql::ColumnDef& def) {
  ColumnSchema column;
  column.name = def.name;
  column.type = CanonicalType(def.type);
  PORPOISE_RETURN_IF_ERROR(ValidateColumnType(column.type, def.name));
  column.type_class = *ClassifyType(column.type);
  if (IsTextual(column.type_class)) {
    column.collation = types::FindCollationByName(ColumnCollationName(column.type));
  }
  column.nullable = def.nullable.value_or(true);
  if (def.primary_key) column.nullable = false;
  if (column.type_class == TypeClass::kTimestamp && !def.nullable && !def.default_value) {
    // MySQL 8 (explicit_defaults_for_timestamp=ON): a plain TIMESTAMP is nullable.
    column.nullable = true;
  }
  column.auto_increment = def.auto_increment;
  column.invisible = def.invisible;
  if (column.auto_increment) {
    if (column.type_class != TypeClass::kInteger && column.type_class != TypeClass::kFloat &&
        column.type_class != TypeClass::kDouble) {
      return Status::Error(ER_WRONG_FIELD_SPEC, def.name);
    }
    column.nullable = false;
  }
  column.on_update_current_timestamp = def.on_update_current_timestamp;
  column.comment = def.comment;
  if (def.generated) {
    if (def.auto_increment || def.default_value) {
      return Status::Error(ER_WRONG_USAGE, def.auto_increment ? "AUTO_INCREMENT" : "DEFAULT",
                           "generated column");
    }
    column.generation_expression = sql::ToSql(*def.generated);
    column.generated_stored = def.generated_stored;
  }
  PORPOISE_RETURN_IF_ERROR(ApplyDefault(def, column));
  if (column.auto_increment && column.default_kind != DefaultKind::kNone &&
      column.default_kind != DefaultKind::kNull) {
    return Status::Error(ER_INVALID_DEFAULT, def.name);
  }
  if (column.auto_increment) column.default_kind = DefaultKind::kNone;
  return column;
}

std::string UniqueIndexName(const TableSchema& table, std::string base);

Status AddForeignKey(TableSchema& table, const sql::IndexDef& def) {
  ForeignKeySchema key;
  for (const sql::IndexPart& part : def.parts) {
    int column = table.FindColumn(part.column);
    if (column < 0) return Status::Error(ER_KEY_COLUMN_DOES_NOT_EXITS, part.column);
    key.columns.push_back(table.columns[static_cast<size_t>(column)].name);
  }
  if (key.columns.size() != def.referenced_columns.size()) {
    return Status::Error(ER_WRONG_FK_DEF, def.name.empty() ? "foreign key without name" : def.name,
                         "Key reference and table reference don't match");
  }
  key.name = def.name;
  if (key.name.empty()) {
    // InnoDB's generated names: <table>_ibfk_<n>, n one past the highest in use.
    int highest = 0;
    std::string prefix = table.name + "_ibfk_";
    for (const ForeignKeySchema& existing : table.foreign_keys) {
      if (existing.name.starts_with(prefix)) {
        highest = std::max(highest, std::atoi(existing.name.c_str() + prefix.size()));
      }
    }
    key.name = prefix + std::to_string(highest + 1);
  }
  for (const ForeignKeySchema& existing : table.foreign_keys) {
    if (EqualsIgnoreCase(existing.name, key.name)) return Status::Error(ER_FK_DUP_NAME, key.name);
  }
  key.ref_database = def.referenced_table.database.empty() ? table.database : def.referenced_table.database;
  key.ref_table = def.referenced_table.table;
  key.ref_columns = def.referenced_columns;
  key.on_delete = def.on_delete;
  key.on_update = def.on_update;
  // The referencing columns need a key that starts with them; MySQL adds one when none does,
  // named after the constraint (or its first column).
  bool covered = std::any_of(table.indexes.begin(), table.indexes.end(), [&](const IndexSchema& index) {
    if (index.columns.size() < key.columns.size()) return false;
    for (size_t i = 0; i < key.columns.size(); ++i) {
      if (!EqualsIgnoreCase(index.columns[i], key.columns[i]) || index.prefix_lengths[i]) return false;
    }
    return true;
  });
  if (!covered) {
    IndexSchema index;
    index.kind = sql::IndexDef::Kind::kIndex;
    // Named after the constraint, unless its name is one InnoDB generated (as the stored
    // definition writes it once the table has been altered): then after the first column.
    std::string generated_prefix = table.name + "_ibfk_";
    bool named = !def.name.empty() &&
                 !(def.name.starts_with(generated_prefix) &&
                   def.name.size() > generated_prefix.size() &&
                   def.name.find_first_not_of("0123456789", generated_prefix.size()) == std::string::npos);
    index.name = UniqueIndexName(table, named ? def.name : key.columns[0]);
    index.columns = key.columns;
    index.prefix_lengths.assign(key.columns.size(), std::nullopt);
    index.descending.assign(key.columns.size(), false);
    index.generated = true;
    table.indexes.push_back(std::move(index));
  }
  table.foreign_keys.push_back(std::move(key));
  return Status::OK();
}

// The columns an expression reads, and whether it reads a variable or holds a subquery.
void ScanCheck(const sql::Expr& expr, std::vector<std::string>* columns, bool* variable, bool* subquery) {
  if (expr.kind == sql::ExprKind::kColumnRef) columns->push_back(expr.column);
  if (expr.kind == sql::ExprKind::kVariable || expr.kind == sql::ExprKind::kParameter) *variable = true;
  if (expr.subquery) *subquery = true;
  for (const sql::ExprPtr& arg : expr.args) {
    if (arg) ScanCheck(*arg, columns, variable, subquery);
  }
  for (const sql::ExprPtr* part : {&expr.case_operand, &expr.else_expr}) {
    if (*part) ScanCheck(**part, columns, variable, subquery);
  }
}

// Functions whose value is not a function of the row: no generated column may call them.
bool Nondeterministic(const sql::Expr& expr) {
  if (expr.kind == sql::ExprKind::kFunction) {
    static constexpr std::string_view kNames[] = {
        "NOW", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP", "SYSDATE", "CURDATE",
        "CURRENT_DATE", "CURTIME", "CURRENT_TIME", "UTC_DATE", "UTC_TIME", "UTC_TIMESTAMP",
        "UNIX_TIMESTAMP", "RAND", "UUID", "UUID_SHORT", "CONNECTION_ID", "USER", "CURRENT_USER",
        "SESSION_USER", "SYSTEM_USER", "DATABASE", "SCHEMA", "LAST_INSERT_ID", "ROW_COUNT",
        "FOUND_ROWS", "SLEEP", "GET_LOCK", "RELEASE_LOCK", "BENCHMARK", "VALUES", "LOAD_FILE",
        "ROLES_GRAPHML"};
    std::string name = ToUpperAscii(expr.text);
    bool zero_args_only = name == "UNIX_TIMESTAMP";
    for (std::string_view listed : kNames) {
      if (name == listed && (!zero_args_only || expr.args.empty())) return true;
    }
    if (!expr.database.empty()) return true;  // a stored function
  }
  for (const sql::ExprPtr& arg : expr.args) {
    if (arg && Nondeterministic(*arg)) return true;
  }
  for (const sql::ExprPtr* part : {&expr.case_operand, &expr.else_expr}) {
    if (*part && Nondeterministic(**part)) return true;
  }
  return false;
}

// The first call in `expr` that Nondeterministic names (itself, not an argument of it), or
// nullptr.
const sql::Expr* FirstNondeterministicCall(const sql::Expr& expr) {
  if (expr.kind == sql::ExprKind::kFunction) {
    bool own = Nondeterministic(expr);
    for (const sql::ExprPtr& arg : expr.args) {
      if (arg == nullptr) continue;
      if (const sql::Expr* inner = FirstNondeterministicCall(*arg)) return inner;
    }
    if (own) return &expr;
  }
  for (const sql::ExprPtr& arg : expr.args) {
    if (arg == nullptr || expr.kind == sql::ExprKind::kFunction) continue;
    if (const sql::Expr* inner = FirstNondeterministicCall(*arg)) return inner;
  }
  for (const sql::ExprPtr* part : {&expr.case_operand, &expr.else_expr}) {
    if (*part == nullptr) continue;
    if (const sql::Expr* inner = FirstNondeterministicCall(**part)) return inner;
  }
  return nullptr;
}

// Generated columns read only columns of the table (1054), generated ones only when defined
// before them (3107), never the AUTO_INCREMENT one (3109), and nothing that is not a
// function of the row: variables, subqueries, NOW(), RAND(), ... (3102).
Status CheckGeneratedColumns(const TableSchema& table, const sql::CreateTableStatement& statement) {
  for (const sql::ColumnDef& def : statement.columns) {
    if (!def.generated) continue;
    if (!FunctionOfRow(*def.generated)) {
      return Status::Error(ER_GENERATED_COLUMN_FUNCTION_IS_NOT_ALLOWED, def.name);
    }
    std::vector<std::string> columns;
    bool variable = false, subquery = false;
    ScanCheck(*def.generated, &columns, &variable, &subquery);
    int self = table.FindColumn(def.name);
    for (const std::string& name : columns) {
      int index = table.FindColumn(name);
      if (index < 0) return Status::Error(ER_BAD_FIELD_ERROR, name, "generated column function");
      const ColumnSchema& read = table.columns[static_cast<size_t>(index)];
      if (read.auto_increment) return Status::Error(ER_GENERATED_COLUMN_REF_AUTO_INC, def.name);
      if (read.generated() && index >= self) return Status::Error(ER_GENERATED_COLUMN_NON_PRIOR);
    }
  }
  return Status::OK();
}

// CHECK constraints, the column ones first, then the table's, as MySQL numbers them:
// 3820 for a column the table lacks, 3813 for a column constraint reading another column,
// 3816 for a variable, 3815 for a subquery, 3822 for a name taken.
Status AddChecks(TableSchema& table, const sql::CreateTableStatement& statement) {
  std::vector<std::pair<const sql::CheckDef*, std::string>> all;  // with the owning column
  for (const sql::ColumnDef& column : statement.columns) {
    for (const sql::CheckDef& check : column.checks) all.emplace_back(&check, column.name);
  }
  for (const sql::CheckDef& check : statement.checks) all.emplace_back(&check, "");
  // Generated names continue past the highest <table>_chk_<n> written.
  int generated = 0;
  std::string prefix = table.name + "_chk_";
  for (const auto& [def, owner] : all) {
    if (def->name.size() > prefix.size() && def->name.starts_with(prefix)) {
      generated = std::max(generated, std::atoi(def->name.c_str() + prefix.size()));
    }
  }
  for (const auto& [def, owner] : all) {
    CheckSchema check;
    check.name = def->name.empty() ? table.name + "_chk_" + std::to_string(++generated) : def->name;
    for (const CheckSchema& existing : table.checks) {
      if (EqualsIgnoreCase(existing.name, check.name)) return Status::Error(ER_CHECK_CONSTRAINT_DUP_NAME, check.name);
    }
    if (!def->expr) return Status::Error(ER_PARSE_ERROR, "CHECK", 1);
    std::vector<std::string> columns;
    bool variable = false, subquery = false;
    ScanCheck(*def->expr, &columns, &variable, &subquery);
    if (variable) return Status::Error(ER_CHECK_CONSTRAINT_VARIABLES, check.name);
    if (subquery) return Status::Error(ER_CHECK_CONSTRAINT_FUNCTION_IS_NOT_ALLOWED, check.name);
    for (const std::string& column : columns) {
      if (table.FindColumn(column) < 0) {
        return Status::Error(ER_CHECK_CONSTRAINT_REFERS_UNKNOWN_COLUMN, check.name, column);
      }
      if (!owner.empty() && !EqualsIgnoreCase(owner, column)) {
        return Status::Error(ER_COLUMN_CHECK_CONSTRAINT_REFERENCES_OTHER_COLUMN, check.name);
      }
    }
    check.expression = sql::ToSql(*def->expr);
    check.enforced = def->enforced;
    table.checks.push_back(std::move(check));
  }
  return Status::OK();
}

std::string UniqueIndexName(const TableSchema& table, std::string base) {
  auto taken = [&](std::string_view name) {
    return std::any_of(table.indexes.begin(), table.indexes.end(),
                       [&](const IndexSchema& index) { return EqualsIgnoreCase(index.name, name); });
  };
  if (!taken(base)) return base;
  for (int suffix = 2;; ++suffix) {
    std::string candidate = base + "_" + std::to_string(suffix);
    if (!taken(candidate)) return candidate;
  }
}


void ApplyOptions(const std::vector<sql::TableOption>& options, TableSchema& table) {
  for (const sql::TableOption& option : options) {
    std::string value = option.value;
    if (option.name == "ENGINE") {
      table.engine = "InnoDB";  // every engine is stored the same way; MySQL substitutes too
    } else if (option.name == "AUTO_INCREMENT") {
      table.initial_auto_increment = std::max<uint64_t>(1, std::strtoull(value.c_str(), nullptr, 10));
    } else if (option.name == "DEFAULT CHARSET" || option.name == "CHARSET" ||
               option.name == "CHARACTER SET" || option.name == "DEFAULT CHARACTER SET") {
      std::transform(value.begin(), value.end(), value.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (value == "utf8") value = "utf8mb3";
      table.charset = value;
      if (value == "utf8mb4") table.collation = "utf8mb4_0900_ai_ci";
      else if (value == "utf8mb3") table.collation = "utf8mb3_general_ci";
      else if (value == "latin1") table.collation = "latin1_swedish_ci";
      else if (value == "ascii") table.collation = "ascii_general_ci";
      else if (value == "binary") table.collation = "binary";
    } else if (option.name == "COLLATE" || option.name == "DEFAULT COLLATE") {
      std::transform(value.begin(), value.end(), value.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      table.collation = value;
    } else if (option.name == "COMMENT") {
      table.comment = value;
    }
  }
}

}  // namespace

Status CheckNewChecks(const TableSchema& table, const sql::CreateTableStatement& statement) {
  std::vector<const sql::CheckDef*> all;  // in AddChecks' order, which table.checks keeps
  for (const sql::ColumnDef& column : statement.columns) {
    for (const sql::CheckDef& check : column.checks) all.push_back(&check);
  }
  for (const sql::CheckDef& check : statement.checks) all.push_back(&check);
  for (size_t i = 0; i < all.size() && i < table.checks.size(); ++i) {
    if (!all[i]->expr) continue;
    const std::string& name = table.checks[i].name;
    // (what is plainly no truth value: NULL, a number or string, a column alone)
    const sql::Expr& expr = *all[i]->expr;
    bool literal = expr.kind == sql::ExprKind::kLiteral && expr.literal_kind != sql::LiteralKind::kTrue &&
                   expr.literal_kind != sql::LiteralKind::kFalse;
    if (literal || expr.kind == sql::ExprKind::kColumnRef) {
      return Status::Error(ER_NON_BOOLEAN_EXPR_FOR_CHECK_CONSTRAINT, name);
    }
    if (const sql::Expr* call = FirstNondeterministicCall(*all[i]->expr)) {
      return Status::Error(ER_CHECK_CONSTRAINT_NAMED_FUNCTION_IS_NOT_ALLOWED, name, ToLowerAscii(call->text));
    }
    std::vector<std::string> columns;
    bool variable = false, subquery = false;
    ScanCheck(*all[i]->expr, &columns, &variable, &subquery);
    for (const std::string& column : columns) {
      int index = table.FindColumn(column);
      if (index >= 0 && table.columns[static_cast<size_t>(index)].auto_increment) {
        return Status::Error(ER_CHECK_CONSTRAINT_REFERS_AUTO_INCREMENT_COLUMN, name);
      }
    }
  }
  return Status::OK();
}

bool FunctionOfRow(const sql::Expr& expr) {
  std::vector<std::string> columns;
  bool variable = false, subquery = false;
  ScanCheck(expr, &columns, &variable, &subquery);
  return !variable && !subquery && !Nondeterministic(expr);
}

Status AddIndex(TableSchema& table, const sql::IndexDef& def) {
  if (def.kind == sql::IndexDef::Kind::kForeign) return AddForeignKey(table, def);
  if (def.kind == sql::IndexDef::Kind::kPrimary && table.PrimaryKey() != nullptr) {
    return Status::Error(ER_MULTIPLE_PRI_KEY);
  }
  IndexSchema index;
  index.kind = def.kind;
  for (const sql::IndexPart& part : def.parts) {
    int column_index = table.FindColumn(part.column);
    if (column_index < 0) return Status::Error(ER_KEY_COLUMN_DOES_NOT_EXITS, part.column);
    ColumnSchema& column = table.columns[static_cast<size_t>(column_index)];
    if (def.kind == sql::IndexDef::Kind::kSpatial && column.nullable) {
      return Status::Error(ER_SPATIAL_CANT_HAVE_NULL);
    }
    if (def.kind == sql::IndexDef::Kind::kFulltext && column.type_class != TypeClass::kString) {
      return Status::Error(ER_BAD_FT_COLUMN, column.name);
    }
    bool blob_like = IsBlobLike(column) && def.kind != sql::IndexDef::Kind::kSpatial &&
                     def.kind != sql::IndexDef::Kind::kFulltext;
    if (blob_like && !part.length) {
      // (a JSON column is indexed only through a generated column: 3152)
      if (column.type_class == TypeClass::kJson) return Status::Error(ER_JSON_USED_AS_KEY, column.name);
      return Status::Error(ER_BLOB_KEY_WITHOUT_LENGTH, column.name);
    }
    if (def.kind == sql::IndexDef::Kind::kPrimary) {
      if (column.default_kind == DefaultKind::kNull) column.default_kind = DefaultKind::kNone;
      column.nullable = false;
    }
    index.columns.push_back(column.name);
    index.prefix_lengths.push_back(part.length);
    index.descending.push_back(part.descending);
  }
  if (def.kind == sql::IndexDef::Kind::kPrimary) {
    index.name = "PRIMARY";
    table.indexes.insert(table.indexes.begin(), std::move(index));
    return Status::OK();
  }
  if (!def.name.empty()) {
    if (EqualsIgnoreCase(def.name, "PRIMARY")) return Status::Error(ER_WRONG_FIELD_SPEC, def.name);
    for (const IndexSchema& existing : table.indexes) {
      if (EqualsIgnoreCase(existing.name, def.name)) return Status::Error(ER_DUP_KEYNAME, def.name);
    }
    index.name = def.name;
  } else {
    index.name = UniqueIndexName(table, index.columns.empty() ? "key" : index.columns[0]);
  }
  table.indexes.push_back(std::move(index));
  return Status::OK();
}

int TableSchema::FindColumn(std::string_view column) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (EqualsIgnoreCase(columns[i].name, column)) return static_cast<int>(i);
  }
  return -1;
}

std::string_view IndexTypeName(const IndexSchema& index) {
  switch (index.kind) {
    case sql::IndexDef::Kind::kFulltext: return "FULLTEXT";
    case sql::IndexDef::Kind::kSpatial: return "SPATIAL";
    default: return "BTREE";
  }
}

const IndexSchema* TableSchema::PrimaryKey() const {
  if (!indexes.empty() && indexes[0].kind == sql::IndexDef::Kind::kPrimary) return &indexes[0];
  return nullptr;
}

Result<TableSchema> BuildTableSchema(const sql::CreateTableStatement& statement) {
  TableSchema table;
  table.database = statement.table.database;
  table.name = statement.table.table;
  if (statement.columns.empty()) return Status::Error(ER_TABLE_MUST_HAVE_COLUMNS);
  if (statement.columns.size() > 4096) return Status::Error(ER_TOO_MANY_FIELDS);
  for (const sql::ColumnDef& def : statement.columns) {
    if (def.name.empty() || def.name.size() > 64) {
      return def.name.empty() ? Status::Error(ER_WRONG_COLUMN_NAME, def.name)
                              : Status::Error(ER_TOO_LONG_IDENT, def.name);
    }
    if (table.FindColumn(def.name) >= 0) return Status::Error(ER_DUP_FIELDNAME, def.name);
    PORPOISE_ASSIGN_OR_RETURN(ColumnSchema column, BuildColumn(def));
    table.columns.push_back(std::move(column));
  }
  if (std::all_of(table.columns.begin(), table.columns.end(),
                  [](const ColumnSchema& column) { return column.invisible || column.hidden(); })) {
    return Status::Error(ER_TABLE_MUST_HAVE_A_VISIBLE_COLUMN);
  }
  PORPOISE_RETURN_IF_ERROR(CheckGeneratedColumns(table, statement));
  // Inline PRIMARY KEY / UNIQUE become keys in column order, as MySQL records them.
  for (const sql::ColumnDef& def : statement.columns) {
    if (def.primary_key) {
      sql::IndexDef index;
      index.kind = sql::IndexDef::Kind::kPrimary;
      index.parts.push_back(sql::IndexPart{def.name, std::nullopt, false});
      PORPOISE_RETURN_IF_ERROR(AddIndex(table, index));
    }
  }
  for (const sql::IndexDef& def : statement.indexes) {
    if (def.kind == sql::IndexDef::Kind::kPrimary) PORPOISE_RETURN_IF_ERROR(AddIndex(table, def));
  }
  for (const sql::ColumnDef& def : statement.columns) {
    if (def.unique_key) {
      sql::IndexDef index;
      index.kind = sql::IndexDef::Kind::kUnique;
      index.parts.push_back(sql::IndexPart{def.name, std::nullopt, false});
      PORPOISE_RETURN_IF_ERROR(AddIndex(table, index));
    }
  }
  for (const sql::IndexDef& def : statement.indexes) {
    if (def.kind != sql::IndexDef::Kind::kPrimary && def.kind != sql::IndexDef::Kind::kForeign) {
      PORPOISE_RETURN_IF_ERROR(AddIndex(table, def));
    }
  }
  // Foreign keys last: their implicit indexes come after the keys written.
  for (const sql::IndexDef& def : statement.indexes) {
    if (def.kind == sql::IndexDef::Kind::kForeign) PORPOISE_RETURN_IF_ERROR(AddIndex(table, def));
  }
  PORPOISE_RETURN_IF_ERROR(AddChecks(table, statement));
  // One auto column, and it must lead some key.
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (!table.columns[i].auto_increment) continue;
    if (table.auto_increment_column >= 0) return Status::Error(ER_WRONG_AUTO_KEY);
    bool keyed = std::any_of(table.indexes.begin(), table.indexes.end(), [&](const IndexSchema& index) {
      return !index.columns.empty() && EqualsIgnoreCase(index.columns[0], table.columns[i].name);
    });
    if (!keyed) return Status::Error(ER_WRONG_AUTO_KEY);
    table.auto_increment_column = static_cast<int>(i);
  }
  ApplyOptions(statement.options, table);
  const IndexSchema* primary = table.PrimaryKey();
  if (primary != nullptr && primary->columns.size() == 1) {
    const ColumnSchema& column = table.columns[static_cast<size_t>(table.FindColumn(primary->columns[0]))];
    table.integer_primary_key = column.type_class == TypeClass::kInteger;
  }
  return table;
}

std::string SqliteQuote(std::string_view identifier) {
  std::string out = "\"";
  for (char c : identifier) {
    if (c == '"') out += "\"\"";
    else out += c;
  }
  return out + "\"";
}

std::string SqliteTableName(const TableSchema& table) {
  return SqliteQuote((table.temporary ? "x" : "t") + std::to_string(table.storage_id));
}

uint64_t SystemTableStorageId(std::string_view database, std::string_view table) {
  if (database != "mysql") return 0;
  if (table == "user") return 1;
  if (table == "db") return 2;
  if (table == "tables_priv") return 3;
  if (table == "columns_priv") return 4;
  if (table == "global_grants") return 5;
  if (table == "role_edges") return 6;
  if (table == "default_roles") return 7;
  if (table == "procs_priv") return 8;
  return 0;
}

std::string InformationSchemaSqliteName(std::string_view table) {
  return VirtualTableSqliteName("information_schema", table);
}

std::string VirtualTableSqliteName(std::string_view database, std::string_view table) {
  return SqliteQuote(std::string(database) + "." + std::string(table));
}

std::string SqliteCreateSql(const TableSchema& table) {
  std::string table_name = SqliteTableName(table);
  std::string sql = (table.temporary ? "CREATE TEMP TABLE " : "CREATE TABLE ") + table_name + " (";
  const IndexSchema* primary = table.PrimaryKey();
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const ColumnSchema& column = table.columns[i];
    if (i > 0) sql += ", ";
    sql += SqliteQuote(column.name) + " " + SqliteColumnType(column.type);
    if (table.integer_primary_key && EqualsIgnoreCase(primary->columns[0], column.name)) {
      sql += " PRIMARY KEY";
    }
  }
  if (primary != nullptr && !table.integer_primary_key) {
    sql += ", PRIMARY KEY (";
    for (size_t i = 0; i < primary->columns.size(); ++i) {
      if (i > 0) sql += ", ";
      sql += SqliteQuote(primary->columns[i]);
    }
    sql += ")";
  }
  sql += ");\n";
  return sql + SqliteIndexesSql(table);
}

std::string SqliteIndexId(const TableSchema& table, size_t position) {
  return (table.temporary ? "x" : "t") + std::to_string(table.storage_id) + "_i" + std::to_string(position);
}

namespace {

std::string SqliteIndexName(const TableSchema& table, size_t position) {
  return SqliteQuote(SqliteIndexId(table, position));
}

}  // namespace

std::optional<uint32_t> KeyPrefix(const TableSchema& table, const IndexSchema& index, size_t part) {
  if (!index.unique() || part >= index.prefix_lengths.size() || !index.prefix_lengths[part]) return std::nullopt;
  int column = table.FindColumn(index.columns[part]);
  if (column < 0) return std::nullopt;
  TypeClass type_class = table.columns[static_cast<size_t>(column)].type_class;
  if (type_class != TypeClass::kString && type_class != TypeClass::kBinary) return std::nullopt;
  return index.prefix_lengths[part];
}

std::string SqliteKeyPart(const TableSchema& table, const IndexSchema& index, size_t part,
                          std::string_view operand) {
  std::string column = SqliteQuote(index.columns[part]);
  std::string value = operand.empty() ? column : std::string(operand);
  std::optional<uint32_t> prefix = KeyPrefix(table, index, part);
  if (!prefix) return value;
  std::string sql = "substr(" + value + ", 1, " + std::to_string(*prefix) + ")";
  // (under the column's collation, which a function's result does not carry)
  const ColumnSchema& schema = table.columns[static_cast<size_t>(table.FindColumn(index.columns[part]))];
  if (schema.type_class == TypeClass::kString) {
    const types::Collation* collation = types::FindCollationByName(ColumnCollationName(schema.type));
    if (collation != nullptr && collation->id() != collation_id::kBinary) {
      sql += " COLLATE \"" + std::string(collation->sqlite_name()) + "\"";
    }
  }
  return sql;
}

std::string SqliteIndexesSql(const TableSchema& table) {
  std::string sql;
  for (size_t index_number = 0; index_number < table.indexes.size(); ++index_number) {
    const IndexSchema& index = table.indexes[index_number];
    if (index.kind == sql::IndexDef::Kind::kPrimary) continue;
    sql += index.unique() ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
    sql += SqliteIndexName(table, index_number) + " ON " + SqliteTableName(table) + " (";
    for (size_t i = 0; i < index.columns.size(); ++i) {
      if (i > 0) sql += ", ";
      // (a UNIQUE key over a prefix holds the prefixes unique, not the whole values)
      sql += SqliteKeyPart(table, index, i, "");
    }
    sql += ");\n";
  }
  return sql;
}

std::string SqliteDropIndexesSql(const TableSchema& table) {
  std::string sql;
  for (size_t index_number = 0; index_number < table.indexes.size(); ++index_number) {
    if (table.indexes[index_number].kind == sql::IndexDef::Kind::kPrimary) continue;
    sql += "DROP INDEX IF EXISTS " + SqliteIndexName(table, index_number) + ";\n";
  }
  return sql;
}

namespace {

std::string Backtick(std::string_view name) { return sql::QuoteIdentifier(name); }

std::string QuoteDefault(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'') out += "''";
    else if (c == '\\') out += "\\\\";
    else out += c;
  }
  return out + "'";
}

std::string ColumnLine(const TableSchema& table, const ColumnSchema& column) {
  std::string line = "  " + Backtick(column.name) + " " + ColumnTypeText(column.type);
  if (IsTextual(column.type_class)) {
    // The character set when it is not the table's; the collation when it is not the
    // table's, unless it is the default of a set named (utf8mb4's always shown).
    auto [charset, collation] = ColumnCharsetAndCollation(table, column);
    if (charset != table.charset) line += " CHARACTER SET " + charset;
    const CharsetInfo* info = FindCharset(charset);
    bool set_default = info != nullptr && collation == info->default_collation;
    if (!collation.empty() && collation != table.collation &&
        (charset == table.charset || !set_default || charset == "utf8mb4")) {
      line += " COLLATE " + collation;
    }
  }
  // MySQL prints no DEFAULT NULL for TEXT and BLOB columns only (JSON and spatial columns,
  // fields of their own types, get one).
  bool blob_like = column.type.name.ends_with("text") || column.type.name.ends_with("blob");
  if (column.generated()) {
    // The printer parenthesizes an operator, as MySQL does: AS ((`a` + `b`)).
    line += " GENERATED ALWAYS AS (" + ShownExpression(column.generation_expression) + ")" +
            (column.generated_stored ? " STORED" : " VIRTUAL");
    if (!column.nullable) line += " NOT NULL";
    if (!column.comment.empty()) line += " COMMENT " + QuoteDefault(column.comment);
    if (column.invisible) line += " /*!80023 INVISIBLE */";
    return line;
  }
  if (!column.nullable) {
    line += " NOT NULL";
  } else if (column.type_class == TypeClass::kTimestamp) {
    line += " NULL";
  }
  if (column.auto_increment) line += " AUTO_INCREMENT";
  switch (column.default_kind) {
    case DefaultKind::kNone:
      break;
    case DefaultKind::kNull:
      if (!blob_like) line += " DEFAULT NULL";
      break;
    case DefaultKind::kValue:
      line += " DEFAULT " + QuoteDefault(column.default_value);
      break;
    case DefaultKind::kCurrentTimestamp: {
      uint32_t fsp = FractionalDigits(column.type);
      line += " DEFAULT CURRENT_TIMESTAMP";
      if (fsp > 0) line += "(" + std::to_string(fsp) + ")";
      break;
    }
    case DefaultKind::kExpression:
      line += " DEFAULT (" + ShownExpression(column.default_expression) + ")";
      break;
  }
  if (column.on_update_current_timestamp) {
    uint32_t fsp = FractionalDigits(column.type);
    line += " ON UPDATE CURRENT_TIMESTAMP";
    if (fsp > 0) line += "(" + std::to_string(fsp) + ")";
  }
  if (!column.comment.empty()) line += " COMMENT " + QuoteDefault(column.comment);
  if (column.invisible) line += " /*!80023 INVISIBLE */";
  return line;
}

std::string IndexLine(const TableSchema& table, const IndexSchema& index, bool display) {
  std::string line = "  ";
  if (index.kind == sql::IndexDef::Kind::kPrimary) line += "PRIMARY KEY (";
  else if (index.kind == sql::IndexDef::Kind::kUnique) line += "UNIQUE KEY " + Backtick(index.name) + " (";
  else if (index.kind == sql::IndexDef::Kind::kFulltext) line += "FULLTEXT KEY " + Backtick(index.name) + " (";
  else if (index.kind == sql::IndexDef::Kind::kSpatial) line += "SPATIAL KEY " + Backtick(index.name) + " (";
  else line += "KEY " + Backtick(index.name) + " (";
  for (size_t i = 0; i < index.columns.size(); ++i) {
    if (i > 0) line += ",";
    int column = table.FindColumn(index.columns[i]);
    if (display && column >= 0 && table.columns[static_cast<size_t>(column)].hidden()) {
      line += "(" + ShownExpression(table.columns[static_cast<size_t>(column)].generation_expression) + ")";
      if (i < index.descending.size() && index.descending[i]) line += " DESC";
      continue;
    }
    line += Backtick(index.columns[i]);
    if (index.prefix_lengths[i]) line += "(" + std::to_string(*index.prefix_lengths[i]) + ")";
    if (i < index.descending.size() && index.descending[i]) line += " DESC";
  }
  return line + ")";
}

}  // namespace

std::string_view ReferenceActionName(sql::ReferenceAction action) {
  switch (action) {
    case sql::ReferenceAction::kRestrict: return "RESTRICT";
    case sql::ReferenceAction::kCascade: return "CASCADE";
    case sql::ReferenceAction::kSetNull: return "SET NULL";
    case sql::ReferenceAction::kSetDefault: return "SET DEFAULT";
    default: return "NO ACTION";
  }
}

std::string ForeignKeyText(const TableSchema& table, const ForeignKeySchema& key) {
  auto list = [](const std::vector<std::string>& names) {
    std::string out = "(";
    for (size_t i = 0; i < names.size(); ++i) out += (i > 0 ? ", " : "") + Backtick(names[i]);
    return out + ")";
  };
  std::string text = "CONSTRAINT " + Backtick(key.name) + " FOREIGN KEY " + list(key.columns) +
                     " REFERENCES ";
  if (key.ref_database != table.database) text += Backtick(key.ref_database) + ".";
  text += Backtick(key.ref_table) + " " + list(key.ref_columns);
  // NO ACTION, the rule when none is written, is left out, as MySQL prints it.
  if (key.on_delete != sql::ReferenceAction::kNone && key.on_delete != sql::ReferenceAction::kNoAction) {
    text += " ON DELETE " + std::string(ReferenceActionName(key.on_delete));
  }
  if (key.on_update != sql::ReferenceAction::kNone && key.on_update != sql::ReferenceAction::kNoAction) {
    text += " ON UPDATE " + std::string(ReferenceActionName(key.on_update));
  }
  return text;
}

std::string ColumnDefinitionText(const TableSchema& table, const ColumnSchema& column) {
  return ColumnLine(table, column).substr(2);
}

std::string ShowCreateTableText(const TableSchema& table, uint64_t auto_increment, bool display) {
  std::string text = "CREATE TABLE " + Backtick(table.name) + " (\n";
  std::vector<std::string> lines;
  for (const ColumnSchema& column : table.columns) {
    if (!display || !column.hidden()) lines.push_back(ColumnLine(table, column));
  }
  for (const IndexSchema& index : table.indexes) {
    if (index.generated && !display) continue;  // derived from its foreign key when built
    lines.push_back(IndexLine(table, index, display));
  }
  for (const ForeignKeySchema& key : table.foreign_keys) lines.push_back("  " + ForeignKeyText(table, key));
  for (const CheckSchema& check : table.checks) {
    // The printer parenthesizes an operator, as MySQL does: CHECK ((`a` > 0)).
    lines.push_back("  CONSTRAINT " + Backtick(check.name) + " CHECK (" + ShownExpression(check.expression) + ")" +
                    (check.enforced ? "" : " /*!80016 NOT ENFORCED */"));
  }
  for (size_t i = 0; i < lines.size(); ++i) {
    text += lines[i];
    text += i + 1 < lines.size() ? ",\n" : "\n";
  }
  text += ") ENGINE=" + table.engine;
  if (auto_increment > 1) text += " AUTO_INCREMENT=" + std::to_string(auto_increment);
  text += " DEFAULT CHARSET=" + table.charset;
  if (table.charset == "utf8mb4" || table.collation.find("_bin") != std::string::npos) {
    text += " COLLATE=" + table.collation;
  }
  if (!table.comment.empty()) text += " COMMENT=" + QuoteDefault(table.comment);
  return text;
}

std::string ColumnKeyText(const TableSchema& table, size_t column_index) {
  const std::string& name = table.columns[column_index].name;
  // PRI for every column of the primary key; without one, for the columns of the first
  // unique key whose columns are all NOT NULL, which InnoDB takes as its primary key.
  const IndexSchema* primary = table.PrimaryKey();
  if (primary == nullptr) {
    for (const IndexSchema& index : table.indexes) {
      if (!index.unique() || index.columns.empty()) continue;
      bool not_null = std::all_of(index.columns.begin(), index.columns.end(), [&](const std::string& column) {
        int found = table.FindColumn(column);
        return found >= 0 && !table.columns[static_cast<size_t>(found)].nullable;
      });
      if (not_null) {
        primary = &index;
        break;
      }
    }
  }
  if (primary != nullptr) {
    for (const std::string& column : primary->columns) {
      if (EqualsIgnoreCase(column, name)) return "PRI";
    }
  }
  std::string result;
  for (const IndexSchema& index : table.indexes) {
    if (index.columns.empty() || !EqualsIgnoreCase(index.columns[0], name)) continue;
    if (&index == primary) continue;
    if (index.unique() && index.columns.size() == 1) {
      if (result != "PRI") result = "UNI";
    } else if (result.empty()) {
      result = "MUL";
    }
  }
  return result;
}

uint16_t ColumnKeyFlags(const TableSchema& table, size_t column_index) {
  const std::string& name = table.columns[column_index].name;
  uint16_t flags = 0;
  for (const IndexSchema& index : table.indexes) {
    for (size_t part = 0; part < index.columns.size(); ++part) {
      if (!EqualsIgnoreCase(index.columns[part], name)) continue;
      flags |= column_flag::kPartKey;
      if (index.kind == sql::IndexDef::Kind::kPrimary) {
        flags |= column_flag::kPrimaryKey;
      } else if (part == 0) {
        flags |= index.unique() && index.columns.size() == 1 ? column_flag::kUniqueKey
                                                             : column_flag::kMultipleKey;
      }
    }
  }
  return flags;
}

std::pair<std::string, std::string> ColumnCharsetAndCollation(const TableSchema& table, const ColumnSchema& column) {
  if (column.collation != nullptr) {
    return {std::string(column.collation->charset()), std::string(column.collation->name())};
  }
  std::string charset = column.type.charset.empty() ? table.charset : column.type.charset;
  std::string collation = column.type.collation.empty() ? table.collation : column.type.collation;
  return {charset, collation};
}

std::string ShownExpression(const std::string& stored) {
  Result<sql::ExprPtr> parsed = sql::ParseExpression(stored);
  if (!parsed.ok()) return stored;
  static const std::string kCharset = "utf8mb4";
  return sql::ToItemText(**parsed, kCharset);
}

std::string EscapedExpression(const std::string& stored) {
  std::string escaped;
  for (char c : ShownExpression(stored)) {
    if (c == '\'') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

std::optional<std::string> ColumnDefaultText(const ColumnSchema& column) {
  switch (column.default_kind) {
    case DefaultKind::kValue:
      return column.default_value;
    case DefaultKind::kCurrentTimestamp: {
      uint32_t fsp = FractionalDigits(column.type);
      if (fsp > 0) return "CURRENT_TIMESTAMP(" + std::to_string(fsp) + ")";
      return std::string("CURRENT_TIMESTAMP");
    }
    case DefaultKind::kExpression:
      return EscapedExpression(column.default_expression);
    default:
      return std::nullopt;
  }
}

std::string ColumnExtraText(const ColumnSchema& column) {
  std::string extra;
  if (column.auto_increment) extra = "auto_increment";
  if (column.default_kind == DefaultKind::kCurrentTimestamp ||
      column.default_kind == DefaultKind::kExpression) {
    extra = "DEFAULT_GENERATED";
  }
  if (column.on_update_current_timestamp) {
    if (!extra.empty()) extra += " ";
    extra += "on update CURRENT_TIMESTAMP";
  }
  if (column.generated()) extra = column.generated_stored ? "STORED GENERATED" : "VIRTUAL GENERATED";
  if (column.invisible) extra += extra.empty() ? "INVISIBLE" : " INVISIBLE";
  return extra;
}

}  // namespace porpoise::catalog
