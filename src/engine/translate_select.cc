// SELECT translation: FROM/joins/derived tables into a scope, `*` expansion, WHERE, GROUP BY,
// HAVING, ORDER BY, LIMIT and UNION chains, with MySQL result-column metadata. (engine/)
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cmath>
#include <iterator>
#include <limits>
#include <set>
#include <cstdlib>
#include <string_view>

#include "catalog/information_schema.h"
#include "engine/json_table.h"
#include "catalog/performance_schema.h"
#include "common/strings.h"
#include "engine/function_registry.h"
#include "engine/translator.h"
#include "sql/parser.h"
#include "sql/printer.h"

namespace porpoise::engine {

namespace {

bool HasSubquery(const sql::Expr& expr) {
  if (expr.subquery) return true;
  for (const sql::ExprPtr& arg : expr.args) {
    if (arg && HasSubquery(*arg)) return true;
  }
  return false;
}

bool IsDual(const sql::TableRef& ref) {
  if (ref.kind != sql::TableRef::Kind::kTable || !ref.name.database.empty()) return false;
  const std::string& name = ref.name.table;
  return name.size() == 4 && std::tolower(static_cast<unsigned char>(name[0])) == 'd' &&
         std::tolower(static_cast<unsigned char>(name[1])) == 'u' &&
         std::tolower(static_cast<unsigned char>(name[2])) == 'a' &&
         std::tolower(static_cast<unsigned char>(name[3])) == 'l';
}

// A GROUP BY / ORDER BY term: MySQL reads only an unsigned integer literal as a position
// (1054 when out of range); any other constant is an expression, which SQLite must not take
// for a position.
Result<std::string> PositionOrExpression(const sql::Expr& expr, size_t columns,
                                         std::string_view clause) {
  if (expr.kind == sql::ExprKind::kLiteral && expr.literal_kind == sql::LiteralKind::kInteger) {
    size_t position = std::strtoull(expr.text.c_str(), nullptr, 10);
    if (position < 1 || position > columns) {
      return Status::Error(ER_BAD_FIELD_ERROR, expr.text, clause);
    }
    return expr.text;
  }
  return std::string();
}

// Whether MySQL can group `select` by reading an index in order, with no temporary table:
// one base table, grouped by plain columns of it (by name, by a select item's position or
// alias) that are the leading columns of one of its indexes, in any order, and ordered by
// none but those (sorting by anything else sorts a temporary table of the groups).
bool GroupedByIndex(const sql::SelectStatement& select, const std::vector<ScopeTable>& tables) {
  if (select.from.size() != 1 || select.from[0]->kind != sql::TableRef::Kind::kTable ||
      tables.size() != 1 || !tables[0].schema) {
    return false;
  }
  // (the column a term names, lower case; "" for an expression)
  auto column_of = [&select](const sql::Expr* expr) -> std::string {
    if (expr->kind == sql::ExprKind::kLiteral && expr->literal_kind == sql::LiteralKind::kInteger) {
      size_t position = std::strtoull(expr->text.c_str(), nullptr, 10);
      if (position < 1 || position > select.items.size()) return std::string();
      expr = select.items[position - 1].expr.get();
    } else if (expr->kind == sql::ExprKind::kColumnRef && expr->table.empty()) {
      for (const sql::SelectItem& item : select.items) {
        if (!item.alias.empty() && EqualsIgnoreCase(item.alias, expr->column)) {
          expr = item.expr.get();
          break;
        }
      }
    }
    if (expr == nullptr || expr->kind != sql::ExprKind::kColumnRef) return std::string();
    return ToLowerAscii(expr->column);
  };
  std::set<std::string> grouped;
  for (const sql::ExprPtr& term : select.group_by) {
    std::string column = column_of(term.get());
    if (column.empty()) return false;
    grouped.insert(std::move(column));
  }
  for (const sql::OrderItem& term : select.order_by) {
    if (!term.expr || grouped.count(column_of(term.expr.get())) == 0) return false;
  }
  for (const catalog::IndexSchema& index : tables[0].schema->indexes) {
    if (index.columns.size() < grouped.size()) continue;
    std::set<std::string> leading;
    for (size_t i = 0; i < grouped.size(); ++i) leading.insert(ToLowerAscii(index.columns[i]));
    if (leading == grouped) return true;
  }
  return false;
}

// MIN or MAX in a query MySQL groups in a temporary table is sent as that table's field
// (Item_sum_hybrid::create_tmp_field; its type BindMinMax gives it): a string field's
// decimals are 0 (Field_str::make_field), a YEAR field is ZEROFILL.
void AsTemporaryField(const BoundExpr& item, OutputColumn* column) {
  if (!item.aggregate_call || (item.name != "min" && item.name != "max")) return;
  if (column->type.type == ValueType::kYear) {
    column->info.flags = static_cast<uint16_t>((column->info.flags | column_flag::kZerofill) &
                                               ~column_flag::kBinary);
  } else if (column->type.type == ValueType::kString || column->type.type == ValueType::kBinary) {
    column->info.decimals = 0;
  }
}

// The name MySQL gives an unaliased expression: its text, cut to 255 characters.
std::string GeneratedName(std::string text) {
  constexpr size_t kMaxCharacters = 255;
  size_t characters = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xc0) == 0x80) continue;
    if (++characters > kMaxCharacters) {
      text.resize(i);
      break;
    }
  }
  return text;
}

}  // namespace

Result<ScopeTable> Translator::ResolveTable(const sql::TableName& name, const std::string& alias) {
  if (name.database.empty() && !common_table_frames_.empty()) {
    PORPOISE_ASSIGN_OR_RETURN(std::optional<ScopeTable> common, ResolveCommonTable(name, alias));
    if (common) return std::move(*common);
  }
  ScopeTable table;
  table.database = name.database.empty() ? context_.current_database : name.database;
  if (table.database.empty()) return Status::Error(ER_NO_DB_ERROR);
  table.table = name.table;
  table.alias = alias.empty() ? name.table : alias;
  if (catalog::IsInformationSchema(table.database)) {
    table.schema = catalog::FindInformationSchemaTable(name.table);
    if (!table.schema) return Status::Error(ER_UNKNOWN_TABLE, name.table, "information_schema");
    table.database = "information_schema";
    table.table = table.schema->name;
    context_.information_schema_tables.insert(table.schema->name);
    return table;
  }
  if (catalog::IsPerformanceSchema(table.database)) {
    // A table only some accounts may read is refused before its existence shows.
    if (context_.may_read_table && !catalog::PerformanceSchemaTableIsPublic(name.table)) {
      PORPOISE_RETURN_IF_ERROR(context_.may_read_table(table.database, table.table));
    }
    table.schema = catalog::FindPerformanceSchemaTable(name.table);
    if (!table.schema) return Status::Error(ER_NO_SUCH_TABLE, table.database, name.table);
    context_.performance_schema_tables.insert(table.schema->name);
    return table;
  }
  if (context_.may_read_table) {
    PORPOISE_RETURN_IF_ERROR(context_.may_read_table(table.database, table.table));
  }
  table.schema = context_.catalog->FindTable(table.database, name.table);
  if (!table.schema && context_.catalog->FindDatabase(table.database) == nullptr) {
    return Status::Error(ER_BAD_DB_ERROR, table.database);
  }
  if (!table.schema) return Status::Error(ER_NO_SUCH_TABLE, table.database, name.table);
  context_.tables_read.emplace(table.database, table.table);
  if (table.schema->view) return ExpandView(std::move(table));
  return table;
}

Result<ScopeTable> Translator::ExpandView(ScopeTable table) {
  const catalog::ViewSchema& view = *table.schema->view;
  std::string key = table.database + "." + table.table;
  for (const std::string& open : context_.views_open) {
    if (open == key) return Status::Error(ER_VIEW_RECURSIVE, table.database, table.table);
  }
  // The view is bound as its definer wrote it: names resolve in the view's database, and
  // (SQL SECURITY DEFINER) the tables it reads are not the reader's to be granted.
  bool definer_rights = view.security != "INVOKER";
  std::set<std::pair<std::string, std::string>> reads_before;
  std::vector<ColumnRead> column_reads_before;
  auto may_read_before = context_.may_read_table;
  if (definer_rights) {
    reads_before = context_.tables_read;
    column_reads_before = context_.columns_read;
    context_.may_read_table = nullptr;
  }
  std::string database_before = std::move(context_.current_database);
  context_.current_database = table.database;
  auto* stars_before = context_.star_expansions;
  auto* qualifiers_before = context_.column_qualifiers;
  context_.star_expansions = nullptr;
  context_.column_qualifiers = nullptr;
  context_.views_open.push_back(key);
  std::vector<CommonTableFrame> frames_before = std::move(common_table_frames_);
  common_table_frames_.clear();
  Result<BoundSelectResult> bound = BindSelect(*view.query, nullptr);
  common_table_frames_ = std::move(frames_before);
  context_.views_open.pop_back();
  context_.star_expansions = stars_before;
  context_.column_qualifiers = qualifiers_before;
  context_.current_database = std::move(database_before);
  if (definer_rights) {
    context_.tables_read = std::move(reads_before);
    context_.columns_read = std::move(column_reads_before);
    context_.may_read_table = std::move(may_read_before);
  }
  if (!bound.ok()) {
    switch (bound.status().code()) {
      case ER_NO_SUCH_TABLE: case ER_BAD_FIELD_ERROR: case ER_SP_DOES_NOT_EXIST:
      case ER_TABLEACCESS_DENIED_ERROR: case ER_COLUMNACCESS_DENIED_ERROR:
      case ER_BAD_DB_ERROR:
        return Status::Error(ER_VIEW_INVALID, table.database, table.table);
      default:
        return bound.status();
    }
  }
  if (bound.value().columns.size() != view.column_names.size()) {
    return Status::Error(ER_VIEW_INVALID, table.database, table.table);
  }
  table.derived_query = std::move(bound.value().query);
  for (size_t i = 0; i < view.column_names.size(); ++i) {
    // A plain column keeps its table's definition: metadata shows it as MySQL does.
    OutputColumn column = std::move(bound.value().columns[i]);
    column.type.schema = table.database;
    column.type.org_table = table.table;
    column.info = MakeColumnInfo(column.type, view.column_names[i]);
    table.derived_names.push_back(view.column_names[i]);
    table.derived_columns.push_back(std::move(column));
  }
  table.schema = nullptr;
  table.view = true;
  return table;
}

Status Translator::CollectTables(const sql::TableRef& ref, Scope& scope) {
  switch (ref.kind) {
    case sql::TableRef::Kind::kTable: {
      if (IsDual(ref)) return Status::OK();
      PORPOISE_ASSIGN_OR_RETURN(ScopeTable table, ResolveTable(ref.name, ref.alias));
      for (const ScopeTable& existing : scope.tables) {
        if (existing.alias == table.alias) return Status::Error(ER_NONUNIQ_TABLE, table.alias);
      }
      scope.tables.push_back(std::move(table));
      return Status::OK();
    }
    case sql::TableRef::Kind::kJoin: {
      if (!ref.left || !ref.right) return Status::Error(ER_PARSE_ERROR, "JOIN", 1);
      size_t left_begin = scope.tables.size();
      PORPOISE_RETURN_IF_ERROR(CollectTables(*ref.left, scope));
      if (ref.right->kind == sql::TableRef::Kind::kJoin) {
        // A parenthesised join on the right is written as one: its table functions see only
        // its own tables.
        size_t saved = visible_from_;
        visible_from_ = scope.tables.size();
        Status collected = CollectTables(*ref.right, scope);
        visible_from_ = saved;
        return collected;
      }
      if (ref.join_type != sql::JoinType::kRight) return CollectTables(*ref.right, scope);
      // MySQL reads a RIGHT JOIN as the LEFT JOIN with its sides swapped: the right side's
      // table functions do not see the left side.
      std::pair<size_t, size_t> saved = hidden_tables_;
      hidden_tables_ = {left_begin, scope.tables.size()};
      Status collected = CollectTables(*ref.right, scope);
      hidden_tables_ = saved;
      return collected;
    }
    case sql::TableRef::Kind::kDerived:
      return CollectDerived(ref, scope);
    case sql::TableRef::Kind::kJsonTable:
      return CollectJsonTable(ref, scope);
  }
  return Status::OK();
}

namespace {

// Whether a table function is among the tables `ref` joins.
bool HasTableFunction(const BoundTableRef& ref) {
  if (ref.kind == BoundTableRef::Kind::kFunction) return true;
  return ref.kind == BoundTableRef::Kind::kJoin &&
         (HasTableFunction(*ref.left) || HasTableFunction(*ref.right));
}

Status CheckUniqueAlias(const Scope& scope, const std::string& alias) {
  for (const ScopeTable& existing : scope.tables) {
    if (existing.alias == alias) return Status::Error(ER_NONUNIQ_TABLE, alias);
  }
  return Status::OK();
}

// The first table a column of `expr` is qualified with that no table of `scope` (or of the
// scopes around) goes by, or nullptr.
const std::string* UnknownQualifier(const sql::Expr& expr, const Scope& scope) {
  if (expr.kind == sql::ExprKind::kColumnRef && !expr.table.empty()) {
    for (const Scope* level = &scope; level != nullptr; level = level->outer) {
      for (const ScopeTable& table : level->tables) {
        if (table.alias == expr.table) return nullptr;
      }
    }
    return &expr.table;
  }
  for (const sql::ExprPtr& arg : expr.args) {
    if (!arg) continue;
    if (const std::string* unknown = UnknownQualifier(*arg, scope)) return unknown;
  }
  return nullptr;
}

}  // namespace

// The scope a LATERAL query or JSON_TABLE's document reads: the tables before it in the FROM
// clause (not those a RIGHT JOIN puts on its left), then the queries around.
Scope Translator::TablesBefore(const Scope& scope) const {
  Scope before;
  for (size_t i = visible_from_; i < scope.tables.size(); ++i) {
    if (i < hidden_tables_.first || i >= hidden_tables_.second) before.tables.push_back(scope.tables[i]);
  }
  before.outer = scope.outer;
  return before;
}

Status Translator::CollectDerived(const sql::TableRef& ref, Scope& scope) {
  if (!ref.derived) return Status::Error(ER_PARSE_ERROR, "(", 1);
  if (ref.alias.empty()) return Status::Error(ER_DERIVED_MUST_HAVE_ALIAS);
  ScopeTable table;
  Scope before;
  const Scope* outer = nullptr;
  if (ref.lateral) {
    before = TablesBefore(scope);
    before.lateral_arguments = &table.function_args;
    outer = &before;
  }
  PORPOISE_ASSIGN_OR_RETURN(BoundSelectResult sub, BindSelect(*ref.derived, outer));
  if (before.outer_reference) scope.outer_reference = true;
  if (!ref.column_names.empty() && ref.column_names.size() != sub.columns.size()) {
    return Status::Error(ER_VIEW_WRONG_LIST);
  }
  PORPOISE_RETURN_IF_ERROR(CheckUniqueAlias(scope, ref.alias));
  table.alias = ref.alias;
  table.derived_query = std::move(sub.query);
  if (ref.lateral) table.function = "pp_lateral";
  for (size_t i = 0; i < sub.columns.size(); ++i) {
    const OutputColumn& column = sub.columns[i];
    const std::string& name = ref.column_names.empty() ? column.info.name : ref.column_names[i];
    for (const std::string& existing : table.derived_names) {
      bool same = ref.column_names.empty() ? existing == name : EqualsIgnoreCase(existing, name);
      if (same) return Status::Error(ER_DUP_FIELDNAME, existing);
    }
    table.derived_names.push_back(name);
    OutputColumn copy = column;
    copy.info = MakeColumnInfo(copy.type, name);
    table.derived_columns.push_back(std::move(copy));
  }
  scope.tables.push_back(std::move(table));
  return Status::OK();
}

Status Translator::CollectJsonTable(const sql::TableRef& ref, Scope& scope) {
  if (!ref.json_doc) return Status::Error(ER_PARSE_ERROR, "JSON_TABLE", 1);
  Scope before = TablesBefore(scope);
  if (const std::string* unknown = UnknownQualifier(*ref.json_doc, before)) {
    return Status::Error(ER_UNKNOWN_TABLE, *unknown, "a table function argument");
  }
  PORPOISE_ASSIGN_OR_RETURN(BoundExpr doc, TranslateExpr(*ref.json_doc, before, Clause::kTableFunction));
  if (before.outer_reference) scope.outer_reference = true;
  if (doc.aggregate) return Status::Error(ER_INVALID_GROUP_FUNC_USE);
  std::string tag = "s";
  switch (doc.type.type) {
    case ValueType::kJson: tag = "j"; break;
    case ValueType::kString:
    case ValueType::kNull: break;
    case ValueType::kBinary:
      return Status::Error(ER_INVALID_JSON_CHARSET, "binary");
    default:
      return Status::Error(ER_INVALID_TYPE_FOR_JSON, 1, std::string("JSON_TABLE"));
  }
  PORPOISE_ASSIGN_OR_RETURN(JsonTablePlan planned,
                            PlanJsonTable(ref.alias, ref.json_path, ref.json_columns));
  auto plan = std::make_shared<const JsonTablePlan>(std::move(planned));
  context_.kept_alive.push_back(plan);
  PORPOISE_RETURN_IF_ERROR(CheckUniqueAlias(scope, ref.alias));
  ScopeTable table;
  table.alias = ref.alias;
  table.function = "pp_json_table";
  table.function_args.push_back(std::move(doc));
  table.function_args.push_back(TextConstant(tag));
  table.function_args.push_back(TextConstant(sql::PrintJsonTableSpec(ref.json_path, ref.json_columns)));
  for (size_t i = 0; i < plan->names.size(); ++i) {
    ExprType type = TypeOfColumn(plan->schemas[i]);
    table.derived_names.push_back(plan->names[i]);
    table.derived_columns.push_back(OutputColumn{MakeColumnInfo(type, plan->names[i]), type});
  }
  scope.tables.push_back(std::move(table));
  return Status::OK();
}

Result<std::shared_ptr<const BoundTableRef>> Translator::BindFrom(const sql::TableRef& ref,
                                                                Scope& scope) {
  auto bound = std::make_shared<BoundTableRef>();
  switch (ref.kind) {
    case sql::TableRef::Kind::kTable: {
      std::string alias = ref.alias.empty() ? ref.name.table : ref.alias;
      for (const ScopeTable& table : scope.tables) {
        if (table.alias != alias) continue;
        if (!table.schema && !table.derived_query) {  // a recursive table inside itself
          bound->kind = BoundTableRef::Kind::kTable;
          bound->storage_name = QuoteName(table.recursive_name);
          bound->alias = alias;
          return std::shared_ptr<const BoundTableRef>(std::move(bound));
        }
        if (!table.schema) {  // a view or a common table
          bound->kind = BoundTableRef::Kind::kDerived;
          bound->derived = table.derived_query;
          // A recursive table's first block names its columns (and its hidden one).
          if (table.recursive_name.empty()) bound->column_names = table.derived_names;
          bound->common_name = table.recursive_name;
          bound->alias = alias;
          return std::shared_ptr<const BoundTableRef>(std::move(bound));
        }
        bound->kind = BoundTableRef::Kind::kTable;
        bound->storage_name = table.database == "information_schema" ||
                                      catalog::IsPerformanceSchema(table.database)
                                  ? catalog::VirtualTableSqliteName(table.database, table.table)
                                  : catalog::SqliteTableName(*table.schema);
        bound->alias = alias;
        return std::shared_ptr<const BoundTableRef>(std::move(bound));
      }
      return Status::Error(ER_NO_SUCH_TABLE, ref.name.database, ref.name.table);
    }
    case sql::TableRef::Kind::kDerived:
    case sql::TableRef::Kind::kJsonTable: {
      // Bound once, when the scope was collected.
      for (const ScopeTable& table : scope.tables) {
        if (table.alias == ref.alias && !table.schema) {
          bound->kind = table.function.empty() ? BoundTableRef::Kind::kDerived
                                               : BoundTableRef::Kind::kFunction;
          bound->derived = table.derived_query;
          bound->alias = ref.alias;
          bound->function = table.function;
          bound->function_args = table.function_args;
          if (!ref.column_names.empty()) bound->column_names = table.derived_names;
          return std::shared_ptr<const BoundTableRef>(std::move(bound));
        }
      }
      return Status::Error(ER_NO_SUCH_TABLE, "", ref.alias);
    }
    case sql::TableRef::Kind::kJoin: {
      bound->kind = BoundTableRef::Kind::kJoin;
      PORPOISE_ASSIGN_OR_RETURN(bound->left, BindFrom(*ref.left, scope));
      PORPOISE_ASSIGN_OR_RETURN(bound->right, BindFrom(*ref.right, scope));
      bound->natural = ref.natural;
      bound->join_type = ref.join_type;
      if (ref.on) {
        PORPOISE_ASSIGN_OR_RETURN(BoundExpr on, TranslateCondition(*ref.on, scope, Clause::kOn));
        bound->on = Truth(std::move(on));
      }
      bound->using_columns = ref.using_columns;
      if (ref.natural || !ref.using_columns.empty()) {
        std::vector<std::string> compared = RecordJoinColumns(ref, scope);
        if (HasTableFunction(*bound->left) || HasTableFunction(*bound->right)) {
          // SQLite knows a table function's columns as c0, c1, ...: the join compares them
          // in an ON condition instead.
          PORPOISE_ASSIGN_OR_RETURN(bound->on, JoinCondition(ref, compared, scope));
          bound->natural = false;
          bound->using_columns.clear();
        }
      }
      return std::shared_ptr<const BoundTableRef>(std::move(bound));
    }
  }
  return Status::Error(ER_PARSE_ERROR, "", 1);
}

namespace {

// The aliases of the tables a FROM item joins.
void CollectAliases(const sql::TableRef& ref, std::vector<std::string>* aliases) {
  switch (ref.kind) {
    case sql::TableRef::Kind::kTable:
      aliases->push_back(ref.alias.empty() ? ref.name.table : ref.alias);
      break;
    case sql::TableRef::Kind::kJoin:
      CollectAliases(*ref.left, aliases);
      CollectAliases(*ref.right, aliases);
      break;
    case sql::TableRef::Kind::kDerived:
    case sql::TableRef::Kind::kJsonTable:
      aliases->push_back(ref.alias);
      break;
  }
}

bool HasColumn(const ScopeTable& table, const std::string& name) {
  if (table.schema) return table.schema->FindColumn(name) >= 0;
  for (const std::string& derived : table.derived_names) {
    if (EqualsIgnoreCase(derived, name)) return true;
  }
  return false;
}

}  // namespace

Result<std::vector<JoinedColumn>> Translator::JoinColumns(const sql::TableRef& ref, Scope& scope) {
  std::vector<JoinedColumn> columns;
  if (ref.kind != sql::TableRef::Kind::kJoin) {
    std::string alias = ref.kind == sql::TableRef::Kind::kTable && ref.alias.empty() ? ref.name.table : ref.alias;
    for (const ScopeTable& table : scope.tables) {
      if (table.alias != alias) continue;
      if (table.schema) {
        for (const catalog::ColumnSchema& column : table.schema->columns) {
          if (!column.hidden() && !column.invisible) columns.push_back({column.name, {alias}});
        }
      } else {
        for (const std::string& name : table.derived_names) columns.push_back({name, {alias}});
      }
      break;
    }
    return columns;
  }
  PORPOISE_ASSIGN_OR_RETURN(std::vector<JoinedColumn> left, JoinColumns(*ref.left, scope));
  PORPOISE_ASSIGN_OR_RETURN(std::vector<JoinedColumn> right, JoinColumns(*ref.right, scope));
  if (!ref.natural && ref.using_columns.empty()) {
    for (JoinedColumn& column : right) left.push_back(std::move(column));
    return left;
  }
  // A RIGHT JOIN is its mirror LEFT JOIN: the right table comes first.
  bool right_join = ref.join_type == sql::JoinType::kRight;
  std::vector<JoinedColumn>& first = right_join ? right : left;
  std::vector<JoinedColumn>& second = right_join ? left : right;
  auto find = [](std::vector<JoinedColumn>& side, std::string_view name) {
    return std::find_if(side.begin(), side.end(),
                        [&](const JoinedColumn& column) { return EqualsIgnoreCase(column.name, name); });
  };
  std::vector<std::string> common;
  if (ref.natural) {
    for (const JoinedColumn& column : first) {
      if (find(second, column.name) != second.end()) common.push_back(column.name);
    }
  } else {
    for (const std::string& name : ref.using_columns) {
      if (find(first, name) == first.end() || find(second, name) == second.end()) {
        return Status::Error(ER_BAD_FIELD_ERROR, name, "from clause");
      }
      common.push_back(find(first, name)->name);
    }
  }
  for (const std::string& name : common) {
    JoinedColumn joined = *find(first, name);
    const JoinedColumn& other = *find(second, name);
    joined.aliases.insert(joined.aliases.end(), other.aliases.begin(), other.aliases.end());
    scope.joined.push_back(joined);
    columns.push_back(std::move(joined));
  }
  auto is_common = [&](const JoinedColumn& column) {
    return std::any_of(common.begin(), common.end(),
                       [&](const std::string& name) { return EqualsIgnoreCase(name, column.name); });
  };
  for (std::vector<JoinedColumn>* side : {&first, &second}) {
    for (JoinedColumn& column : *side) {
      if (!is_common(column)) columns.push_back(std::move(column));
    }
  }
  return columns;
}

Result<BoundExpr> Translator::JoinCondition(const sql::TableRef& join,
                                            const std::vector<std::string>& columns,
                                            const Scope& scope) {
  auto side_alias = [&](const sql::TableRef& side, const std::string& column) {
    std::vector<std::string> aliases;
    CollectAliases(side, &aliases);
    for (const std::string& alias : aliases) {
      for (const ScopeTable& table : scope.tables) {
        if (table.alias == alias && HasColumn(table, column)) return alias;
      }
    }
    return std::string();
  };
  auto holder = std::make_shared<sql::SelectStatement>();
  for (const std::string& column : columns) {
    sql::ExprPtr equal = sql::MakeBinary(sql::Operator::kEq,
                                         sql::MakeColumnRef("", side_alias(*join.left, column), column),
                                         sql::MakeColumnRef("", side_alias(*join.right, column), column));
    holder->where = holder->where ? sql::MakeBinary(sql::Operator::kAnd, std::move(holder->where),
                                                    std::move(equal))
                                  : std::move(equal);
  }
  if (!holder->where) return BoundExpr::Column("1", TypeOf(ValueType::kInteger, 1));
  context_.rewritten_statements.push_back(holder);
  PORPOISE_ASSIGN_OR_RETURN(BoundExpr on, TranslateCondition(*holder->where, scope, Clause::kOn));
  return Truth(std::move(on));
}

std::vector<std::string> Translator::RecordJoinColumns(const sql::TableRef& join, const Scope& scope) {
  // The base tables on each side, as the scope has them.
  auto side = [&](const sql::TableRef& ref) {
    std::vector<std::string> aliases;
    CollectAliases(ref, &aliases);
    std::vector<const ScopeTable*> tables;
    for (const ScopeTable& table : scope.tables) {
      for (const std::string& alias : aliases) {
        if (table.alias == alias) tables.push_back(&table);
      }
    }
    return tables;
  };
  std::vector<const ScopeTable*> left = side(*join.left);
  std::vector<const ScopeTable*> right = side(*join.right);
  std::vector<std::string> columns = join.using_columns;
  if (join.natural) {  // the columns both sides have
    for (const ScopeTable* table : left) {
      std::vector<std::string> names = table->derived_names;
      if (table->schema) {
        names.clear();
        for (const catalog::ColumnSchema& column : table->schema->columns) {
          names.push_back(column.name);
        }
      }
      for (const std::string& name : names) {
        for (const ScopeTable* other : right) {
          if (HasColumn(*other, name)) columns.push_back(name);
        }
      }
    }
  }
  // USING and NATURAL compare these columns: they are read, as a column named in ON is (a
  // derived table's own reads were recorded when it was bound).
  for (const std::vector<const ScopeTable*>* tables : {&left, &right}) {
    for (const ScopeTable* table : *tables) {
      if (!table->schema || table->schema->view) continue;
      for (const std::string& column : columns) {
        int index = table->schema->FindColumn(column);
        if (index < 0) continue;
        context_.columns_read.push_back(
            {table->database, table->table, table->schema->columns[static_cast<size_t>(index)].name});
      }
    }
  }
  return columns;
}

Result<std::vector<BoundTerm>> Translator::BindOrderBy(const std::vector<sql::OrderItem>& items,
                                                       const Scope& scope) {
  std::vector<BoundTerm> terms;
  for (const sql::OrderItem& item : items) {
    BoundTerm term;
    PORPOISE_ASSIGN_OR_RETURN(term.position,
                              PositionOrExpression(*item.expr, scope.select_types.size(), "order clause"));
    if (term.position.empty()) {
      PORPOISE_ASSIGN_OR_RETURN(BoundExpr expr, TranslateExpr(*item.expr, scope, Clause::kOrder));
      // (an ENUM or SET sorts by its labels' positions)
      expr = EnumOrdinal(std::move(expr));
      if (expr.type.type == ValueType::kString && expr.type.collation != nullptr) {
        std::string_view collation = expr.type.collation->sqlite_name();
        expr = BoundExpr::Collate(std::move(expr), collation);
      } else if (expr.type.type == ValueType::kJson) {
        expr = JsonSortKey(std::move(expr));
      }
      term.expr = std::move(expr);
    }
    if (!term.position.empty()) {
      // ORDER BY n of an ENUM or SET item sorts by the labels' positions too: the item by
      // its name, when no other item shares it.
      size_t index = std::strtoull(term.position.c_str(), nullptr, 10) - 1;
      const catalog::ColumnSchema* source = index < scope.select_types.size() ? scope.select_types[index].column : nullptr;
      if (source != nullptr && (source->type_class == catalog::TypeClass::kEnum ||
                                source->type_class == catalog::TypeClass::kSet)) {
        std::string name;
        size_t named = 0;
        for (const auto& [alias, position] : scope.select_aliases) {
          if (position == index) name = alias;
        }
        for (const auto& [alias, position] : scope.select_aliases) named += EqualsIgnoreCase(alias, name) ? 1 : 0;
        if (named == 1) {
          term.expr = EnumOrdinal(BoundExpr::Column(QuoteName(name), scope.select_types[index]));
          term.position.clear();
        }
      }
    }
    term.descending = item.descending;
    terms.push_back(std::move(term));
  }
  return terms;
}

Result<BoundCount> Translator::BindCount(const sql::Expr& value) {
  if (value.kind == sql::ExprKind::kParameter && context_.statement_parameters != nullptr &&
      value.param_index < context_.statement_parameters->size()) {
    // LIMIT ?: a non-negative integer, given as a number or a string of digits (1210
    // otherwise).
    const sql::Expr& bound = *(*context_.statement_parameters)[value.param_index];
    context_.binds_alike = false;
    context_.count_parameters.insert(value.param_index);
    if (context_.describing) return BindCount(*sql::MakeLiteral(sql::LiteralKind::kInteger, "0"));
    std::string digits;
    if (bound.kind == sql::ExprKind::kLiteral) {
      std::string_view text = bound.text;
      while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
      while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
      switch (bound.literal_kind) {
        case sql::LiteralKind::kInteger:
        case sql::LiteralKind::kString:
          if (!text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos) {
            digits = std::string(text);
          }
          break;
        case sql::LiteralKind::kFloat:
        case sql::LiteralKind::kDecimal: {
          double number = std::strtod(std::string(text).c_str(), nullptr);
          if (number >= 0 && number < 9.2e18 && number == std::floor(number)) {
            digits = std::to_string(static_cast<int64_t>(number));
          }
          break;
        }
        default:
          break;
      }
    }
    if (digits.empty()) return Status::Error(ER_WRONG_ARGUMENTS, "LIMIT");
    return BindCount(*sql::MakeLiteral(sql::LiteralKind::kInteger, digits));
  }
  BoundCount count;
  if (value.kind == sql::ExprKind::kLiteral && value.literal_kind == sql::LiteralKind::kInteger) {
    uint64_t number = 0;
    const char* end = value.text.data() + value.text.size();
    auto [stop, error] = std::from_chars(value.text.data(), end, number);
    if (error != std::errc() || stop != end) return Status::Error(ER_PARSE_ERROR, value.text, 1);
    count.literal = std::min<uint64_t>(number, std::numeric_limits<int64_t>::max());
    return count;
  }
  PORPOISE_ASSIGN_OR_RETURN(BoundExpr bound, TranslateExpr(value, Scope(), Clause::kFieldList));
  count.expr = std::move(bound);
  return count;
}

Status Translator::BindLimit(const sql::Expr* limit, const sql::Expr* offset,
                             std::optional<BoundCount>* bound_limit,
                             std::optional<BoundCount>* bound_offset) {
  if (limit == nullptr) return Status::OK();
  PORPOISE_ASSIGN_OR_RETURN(*bound_limit, BindCount(*limit));
  if (offset != nullptr) {
    PORPOISE_ASSIGN_OR_RETURN(*bound_offset, BindCount(*offset));
  }
  return Status::OK();
}

Result<BoundSelectResult> Translator::BindCore(const sql::SelectStatement& select,
                                               const Scope* outer, bool with_order_and_limit) {
  // The first select list bound is the statement's own (a set operation claims it first).
  bool row_warnings = context_.row_warnings_wanted && !row_warnings_claimed_ && outer == nullptr &&
                      !select.with_rollup && !select.from.empty() &&
                      !(select.from.size() == 1 && IsDual(*select.from[0]));
  row_warnings_claimed_ = true;
  if (select.with_rollup) {
    PORPOISE_ASSIGN_OR_RETURN(const sql::SelectStatement* expanded,
                              ExpandRollup(select, with_order_and_limit));
    return BindCore(*expanded, outer, with_order_and_limit);
  }
  if (select.sql_calc_found_rows) {
    context_.warnings.push_back(Status::WithMessage(
        ER_WARN_DEPRECATED_SYNTAX,
        "SQL_CALC_FOUND_ROWS is deprecated and will be removed in a future release. Consider using two "
        "separate queries instead."));
  }
  Scope scope;
  scope.outer = outer;
  scope.windows = &select.windows;
  scope.grouped = !select.group_by.empty();
  for (const sql::TableRefPtr& ref : select.from) {
    if (!ref) return Status::Error(ER_PARSE_ERROR, "", 1);
    PORPOISE_RETURN_IF_ERROR(CollectTables(*ref, scope));
  }
  PORPOISE_RETURN_IF_ERROR(CheckWindowClause(select, scope));
  // (over base tables: a derived table's column keeps its own description)
  scope.temporary_grouping =
      scope.grouped && !GroupedByIndex(select, scope.tables) &&
      std::all_of(scope.tables.begin(), scope.tables.end(),
                  [](const ScopeTable& table) { return table.schema != nullptr; });
  {
    std::vector<JoinedColumn> star;
    for (const sql::TableRefPtr& ref : select.from) {
      PORPOISE_ASSIGN_OR_RETURN(std::vector<JoinedColumn> columns, JoinColumns(*ref, scope));
      for (JoinedColumn& column : columns) star.push_back(std::move(column));
    }
    if (!scope.joined.empty()) scope.star_columns = std::move(star);
  }
  BoundSelectResult result;
  auto query = std::make_shared<BoundQuery>();
  BoundSelect& bound = query->select;
  bool aggregate_query = !select.group_by.empty();
  auto add_item = [&](BoundExpr item, OutputColumn column) {
    meter_.Add(sizeof(BoundExpr) + sizeof(OutputColumn) + 2 * column.info.name.size());
    bound.items.push_back(std::move(item));
    bound.names.push_back(column.info.name);
    result.columns.push_back(std::move(column));
  };
  size_t items_warned = context_.warnings.size();
  for (const sql::SelectItem& item : select.items) {
    if (!item.expr) return Status::Error(ER_PARSE_ERROR, "", 1);
    const sql::Expr& expr = *item.expr;
    if (expr.kind == sql::ExprKind::kColumnRef && expr.column == "*" && expr.table.empty() &&
        !scope.star_columns.empty()) {
      // With NATURAL / USING joins: their common columns once, first.
      std::vector<StarColumn>* expansion =
          context_.star_expansions != nullptr ? &(*context_.star_expansions)[&expr] : nullptr;
      for (const JoinedColumn& column : scope.star_columns) {
        sql::Expr ref;
        ref.kind = sql::ExprKind::kColumnRef;
        ref.column = column.name;
        if (column.aliases.size() == 1) ref.table = column.aliases[0];
        if (expansion != nullptr) expansion->push_back({"", ref.table, column.name});
        size_t reads_before = context_.columns_read.size();
        PORPOISE_ASSIGN_OR_RETURN(BoundExpr translated, TranslateExpr(ref, scope, Clause::kFieldList));
        for (size_t i = reads_before; i < context_.columns_read.size(); ++i) context_.columns_read[i].star = true;
        ExprType type = translated.type;
        add_item(std::move(translated), OutputColumn{MakeColumnInfo(type, column.name), type});
      }
      continue;
    }
    if (expr.kind == sql::ExprKind::kColumnRef && expr.column == "*") {
      bool any = false;
      std::vector<StarColumn>* expansion =
          context_.star_expansions != nullptr ? &(*context_.star_expansions)[&expr] : nullptr;
      for (const ScopeTable& table : scope.tables) {
        if (!expr.table.empty() && table.alias != expr.table) continue;
        any = true;
        if (expansion != nullptr) {
          std::string database =
              !table.table.empty() && table.alias == table.table ? table.database : "";
          if (table.schema) {
            for (const catalog::ColumnSchema& column : table.schema->columns) {
              if (!column.hidden() && !column.invisible) expansion->push_back({database, table.alias, column.name});
            }
          } else {
            for (const std::string& name : table.derived_names) {
              expansion->push_back({database, table.alias, name});
            }
          }
        }
        if (table.schema) {
          for (const catalog::ColumnSchema& column : table.schema->columns) {
            if (column.hidden() || column.invisible) continue;  // (a functional key part's; INVISIBLE)
            sql::Expr ref;
            ref.kind = sql::ExprKind::kColumnRef;
            ref.table = table.alias;
            ref.column = column.name;
            size_t reads_before = context_.columns_read.size();
            PORPOISE_ASSIGN_OR_RETURN(BoundExpr translated, TranslateExpr(ref, scope, Clause::kFieldList));
            if (context_.columns_read.size() > reads_before) context_.columns_read.back().star = true;
            ExprType type = translated.type;
            add_item(std::move(translated), OutputColumn{MakeColumnInfo(type, column.name), type});
          }
        } else {
          for (size_t i = 0; i < table.derived_names.size(); ++i) {
            if (table.view) {
              context_.columns_read.push_back(
                  {table.database, table.table, table.derived_names[i], /*star=*/true});
            }
            ExprType type = table.derived_columns[i].type;
            type.table_alias = table.alias;
            ColumnInfo info = MakeColumnInfo(type, table.derived_names[i]);
            info.table = table.alias;
            add_item(BoundExpr::Column(DerivedColumnSql(table, i), type),
                     OutputColumn{info, type});
          }
        }
      }
      if (!any) {
        if (expr.table.empty() && &select == exists_select_) {
          // EXISTS (SELECT * [FROM DUAL]) reads no column: MySQL answers it as SELECT 1.
          sql::Expr one;
          one.kind = sql::ExprKind::kLiteral;
          one.literal_kind = sql::LiteralKind::kInteger;
          one.text = "1";
          PORPOISE_ASSIGN_OR_RETURN(BoundExpr translated, TranslateExpr(one, scope, Clause::kFieldList));
          ExprType type = translated.type;
          add_item(std::move(translated), OutputColumn{MakeColumnInfo(type, "1"), type});
          continue;
        }
        if (expr.table.empty()) {
          return Status::WithMessage(ER_NO_TABLES_USED, "No tables used");
        }
        return Status::Error(ER_UNKNOWN_TABLE, expr.table, "field list");
      }
      continue;
    }
    // MySQL names an unaliased string literal by its value, anything else by its text.
    bool string_literal =
        expr.kind == sql::ExprKind::kLiteral && expr.literal_kind == sql::LiteralKind::kString;
    std::string name = !item.alias.empty()                     ? item.alias
                       : expr.kind == sql::ExprKind::kColumnRef ? expr.column
                       : string_literal                         ? GeneratedName(expr.text)
                       : GeneratedName(!item.source.empty() ? item.source : SourceText(expr));
    if (const std::string* constant = NameConstColumnName(expr); constant && item.alias.empty()) {
      name = *constant;
    }
    context_.select_item = &expr;
    context_.select_item_name = name;
    size_t warned = context_.warnings.size();
    Result<BoundExpr> item_expr = TranslateExpr(expr, scope, Clause::kFieldList);
    context_.select_item = nullptr;
    PORPOISE_ASSIGN_OR_RETURN(BoundExpr translated, std::move(item_expr));
    // What folding the item's constants said, MySQL says each time it computes the item:
    // once per row, of an aggregated query once per group (an aggregate's arguments, computed
    // per row read, said theirs already; a subquery without outer references is computed
    // once: left as it is); what converting a comparison's constant operand said, once, with
    // the first row.
    // (a deprecation is MySQL's parser's, and a warning of resolving the
    // statement its resolver's: said once, whatever the rows)
    if (row_warnings && context_.warnings.size() > warned && !HasSubquery(expr)) {
      size_t kept = warned;
      for (size_t i = warned; i < context_.warnings.size(); ++i) {
        if (SaidByParser(context_.warnings[i]) || context_.warnings[i].at_resolve()) {
          if (kept != i) context_.warnings[kept] = std::move(context_.warnings[i]);
          ++kept;
          continue;
        }
        std::vector<Status>& said = context_.once_warnings.count(i) != 0
                                        ? context_.first_row_warnings
                                        : context_.row_warnings;
        said.push_back(std::move(context_.warnings[i]));
      }
      context_.warnings.resize(kept);
    }
    context_.once_warnings.erase(context_.once_warnings.lower_bound(warned),
                                 context_.once_warnings.end());
    aggregate_query = aggregate_query || translated.aggregate;
    ColumnInfo info = MakeColumnInfo(translated.type, name);
    if (!item.alias.empty() && translated.type.column != nullptr) info.name = item.alias;
    ExprType type = translated.type;
    add_item(std::move(translated), OutputColumn{info, type});
  }
  // MySQL parses the statement, then resolves every item before it computes one: what the
  // parser said (deprecations) comes first, then what resolving said, then the rest.
  if (context_.once_warnings.lower_bound(items_warned) == context_.once_warnings.end()) {
    auto first = context_.warnings.begin() + static_cast<std::ptrdiff_t>(items_warned);
    auto resolved = std::stable_partition(first, context_.warnings.end(), [](const Status& warning) {
      return SaidByParser(warning) || warning.at_resolve();
    });
    std::stable_partition(first, resolved, SaidByParser);
  }
  if (meter_.exceeded()) return sql::StatementMemoryExceeded(meter_.limit());
  if (scope.temporary_grouping) {
    for (size_t i = 0; i < result.columns.size(); ++i) AsTemporaryField(bound.items[i], &result.columns[i]);
  }
  for (size_t i = 0; i < result.columns.size(); ++i) {
    scope.select_aliases.emplace_back(result.columns[i].info.name, i);
    scope.select_types.push_back(result.columns[i].type);
  }
  bound.distinct = select.distinct;
  for (const sql::TableRefPtr& ref : select.from) {
    if (IsDual(*ref) || scope.tables.empty()) continue;
    PORPOISE_ASSIGN_OR_RETURN(std::shared_ptr<const BoundTableRef> from, BindFrom(*ref, scope));
    bound.from.push_back(std::move(from));
  }
  std::optional<BoundExpr> having;
  if (select.having) {
    PORPOISE_ASSIGN_OR_RETURN(BoundExpr condition, TranslateCondition(*select.having, scope, Clause::kHaving));
    aggregate_query = aggregate_query || condition.aggregate;
    having = Truth(std::move(condition));
  }
  // MySQL filters a query that neither groups nor aggregates with its HAVING as if it were a
  // WHERE; SQLite rejects HAVING there, so it joins the WHERE condition.
  bool having_as_where = select.having && !aggregate_query;
  if (select.where) {
    PORPOISE_ASSIGN_OR_RETURN(BoundExpr condition, TranslateCondition(*select.where, scope, Clause::kWhere));
    bound.where = Truth(std::move(condition));
  }
  if (having_as_where) {
    bound.where = bound.where ? BoundExpr::Infix("AND", std::move(*bound.where), std::move(*having),
                                                 TypeOf(ValueType::kInteger, 1))
                              : std::move(*having);
  } else {
    bound.having = std::move(having);
  }
  for (const sql::ExprPtr& group : select.group_by) {
    BoundTerm term;
    PORPOISE_ASSIGN_OR_RETURN(term.position,
                              PositionOrExpression(*group, scope.select_types.size(), "group statement"));
    if (term.position.empty()) {
      PORPOISE_ASSIGN_OR_RETURN(BoundExpr expr, TranslateExpr(*group, scope, Clause::kGroup));
      term.expr = std::move(expr);
    }
    bound.group_by.push_back(std::move(term));
  }
  if (aggregate_query && context_.only_full_group_by) {
    PORPOISE_RETURN_IF_ERROR(CheckFullGroupBy(select, scope));
  }
  if (with_order_and_limit) {
    PORPOISE_ASSIGN_OR_RETURN(bound.order_by, BindOrderBy(select.order_by, scope));
    if (select.distinct) PORPOISE_RETURN_IF_ERROR(CheckDistinctOrder(select, scope));
    PORPOISE_RETURN_IF_ERROR(
        BindLimit(select.limit.get(), select.offset.get(), &bound.limit, &bound.offset));
  }
  query->correlated = scope.outer_reference;
  result.query = std::move(query);
  return result;
}

Result<TranslatedSelect> Translator::TranslateSelect(const sql::SelectStatement& select,
                                                     const Scope* outer) {
  PORPOISE_ASSIGN_OR_RETURN(BoundSelectResult bound, BindSelect(select, outer));
  TranslatedSelect result;
  result.columns = std::move(bound.columns);
  result.sql = EmitQuery(*bound.query, context_);
  return result;
}

namespace {

std::shared_ptr<BoundQuery> Wrapped(std::shared_ptr<const BoundQuery> inner) {
  auto wrapper = std::make_shared<BoundQuery>();
  wrapper->kind = BoundQuery::Kind::kWrapped;
  wrapper->inner = std::move(inner);
  return wrapper;
}

}  // namespace

Result<BoundSelectResult> Translator::BindSelect(const sql::SelectStatement& select,
                                                 const Scope* outer) {
  if (select.with.empty()) return BindQueryExpression(select, outer);
  for (size_t i = 0; i < select.with.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (select.with[i].name == select.with[j].name) {
        return Status::Error(ER_NONUNIQ_TABLE, select.with[i].name);
      }
    }
  }
  common_table_frames_.push_back({&select, select.with.size()});
  Result<BoundSelectResult> bound = BindQueryExpression(select, outer);
  common_table_frames_.pop_back();
  return bound;
}

namespace {

// Whether a member's column of type `from` must be converted to hold the set operation's
// column of type `to`: values of another kind are written differently (a DECIMAL as its key,
// a BIGINT UNSIGNED past the signed range as its bytes).
bool NeedsConversion(const ExprType& from, const ExprType& to) {
  if (from.type == ValueType::kNull || to.type == ValueType::kNull) return false;
  if (from.type != to.type) return true;
  if (IsTemporalType(from.type)) return from.decimals != to.decimals;
  return from.type == ValueType::kInteger && from.is_unsigned && !to.is_unsigned;
}

}  // namespace

std::shared_ptr<const BoundQuery> Translator::ConvertedMember(
    std::shared_ptr<const BoundQuery> member, const std::vector<ExprType>& from,
    const std::vector<OutputColumn>& to, bool leftmost) {
  // Strings compare under the result's collation: the leftmost member's say which (SQLite
  // takes a compound's collations from it), another's when theirs differs.
  auto recollated = [&](size_t i) {
    const ExprType& type = to[i].type;
    return type.type == ValueType::kString && type.collation != nullptr &&
           from[i].type == ValueType::kString && (leftmost || from[i].collation != type.collation);
  };
  auto converted_column = [&](BoundExpr item, size_t i) {
    if (NeedsConversion(from[i], to[i].type)) item = Convert(std::move(item), to[i].type);
    if (recollated(i)) item = BoundExpr::Collate(std::move(item), to[i].type.collation->sqlite_name());
    return item;
  };
  bool any = false;
  for (size_t i = 0; i < from.size() && i < to.size(); ++i) {
    any |= NeedsConversion(from[i], to[i].type) || recollated(i);
  }
  if (!any) return member;
  auto converted = std::make_shared<BoundQuery>();
  if (member->kind == BoundQuery::Kind::kSelect) {
    *converted = *member;
    for (size_t i = 0; i < from.size() && i < to.size(); ++i) {
      BoundExpr& item = converted->select.items[i];
      item = converted_column(std::move(item), i);
    }
    return converted;
  }
  // A member with its own ORDER BY / LIMIT, or a chain: its rows read from outside.
  converted->kind = BoundQuery::Kind::kWrapped;
  const std::vector<std::string>& names = ColumnNames(*member);
  for (size_t i = 0; i < names.size(); ++i) {
    ExprType type = i < from.size() ? from[i] : ExprType();
    type.column = nullptr;
    BoundExpr column = BoundExpr::Column(QuoteName(names[i]), type);
    if (i < from.size() && i < to.size()) column = converted_column(std::move(column), i);
    converted->items.push_back(std::move(column));
  }
  converted->inner = std::move(member);
  return converted;
}

Result<BoundSelectResult> Translator::BindQueryExpression(const sql::SelectStatement& select,
                                                          const Scope* outer) {
  if (select.unions.empty()) return BindCore(select, outer, true);
  row_warnings_claimed_ = true;  // a member's rows are not the statement's
  // SQLite evaluates a compound left to right, as the chain is kept. A member with its own
  // ORDER BY / LIMIT, or a chain of its own (an INTERSECT operand of a UNION), is wrapped so
  // SQLite takes it as one operand.
  auto member = [&](const sql::SelectStatement& part, bool first) -> Result<BoundSelectResult> {
    if (!first && !part.unions.empty()) {
      PORPOISE_ASSIGN_OR_RETURN(BoundSelectResult chain, BindSelect(part, outer));
      chain.query = Wrapped(std::move(chain.query));
      return chain;
    }
    PORPOISE_ASSIGN_OR_RETURN(BoundSelectResult bound, BindCore(part, outer, true));
    if (!part.order_by.empty() || part.limit) bound.query = Wrapped(std::move(bound.query));
    return bound;
  };
  PORPOISE_ASSIGN_OR_RETURN(BoundSelectResult result, member(select, true));
  auto chain = std::make_shared<BoundQuery>();
  chain->kind = BoundQuery::Kind::kSetOperation;
  chain->first_seen = true;
  chain->members.push_back(std::move(result.query));
  std::vector<std::vector<ExprType>> member_types(1);
  for (const OutputColumn& column : result.columns) member_types[0].push_back(column.type);
  for (const sql::SelectStatement::UnionPart& part : select.unions) {
    if (!part.select) return Status::Error(ER_PARSE_ERROR, "UNION", 1);
    PORPOISE_ASSIGN_OR_RETURN(BoundSelectResult next, member(*part.select, false));
    if (next.columns.size() != result.columns.size()) {
      return Status::Error(ER_WRONG_NUMBER_OF_COLUMNS_IN_SELECT);
    }
    chain->operators.push_back({part.op, part.all});
    chain->members.push_back(std::move(next.query));
    member_types.emplace_back();
    for (const OutputColumn& column : next.columns) member_types.back().push_back(column.type);
    for (size_t i = 0; i < result.columns.size(); ++i) {
      OutputColumn& column = result.columns[i];
      const ExprType& other = next.columns[i].type;
      bool real = column.type.type == ValueType::kDouble || column.type.type == ValueType::kFloat ||
                  other.type == ValueType::kDouble || other.type == ValueType::kFloat;
      bool numbers = IsNumericType(column.type.type) &&
                     (IsNumericType(other.type) || other.type == ValueType::kNull);
      if (!real && numbers &&
          (column.type.type == ValueType::kDecimal || other.type == ValueType::kDecimal ||
           column.type.type == ValueType::kInteger)) {
        uint8_t a = column.type.decimals < 31 ? column.type.decimals : 0;
        uint8_t b = other.decimals < 31 ? other.decimals : 0;
        // A BIGINT UNSIGNED beside a signed integer: only a DECIMAL holds both ranges.
        bool wide_unsigned = column.type.type == ValueType::kInteger &&
                             other.type == ValueType::kInteger &&
                             column.type.is_unsigned != other.is_unsigned &&
                             (column.type.is_unsigned ? column.type : other).length >= 19;
        bool decimal = column.type.type == ValueType::kDecimal || other.type == ValueType::kDecimal ||
                       wide_unsigned;
        if (wide_unsigned) {
          column.type.type = ValueType::kDecimal;
          column.type.column = nullptr;
        }
        uint32_t length = std::max(column.type.length, other.length);
        bool is_unsigned = column.type.is_unsigned && other.is_unsigned;
        if (decimal) {
          // As many integer digits as the wider side, as many decimals as the finer one.
          uint8_t scale = std::max(a, b);
          uint32_t digits = std::max(DecimalPrecision(column.type) - a, DecimalPrecision(other) - b);
          length = DecimalLength(std::min<uint32_t>(digits + scale, 65), scale, is_unsigned);
        }
        column.type.digits = 0;
        column.type.integer_field = FieldType::kLongLong;
        if (length != column.type.length || std::max(a, b) != column.type.decimals) {
          column.type.column = nullptr;
          column.type.length = length;
          column.type.decimals = std::max(a, b);
          column.type.is_unsigned = is_unsigned;
          column.info = MakeColumnInfo(column.type, column.info.name);
        }
        column.type.is_unsigned = is_unsigned;
      }
      if (IsTemporalType(column.type.type) && IsTemporalType(other.type)) {
        // Two temporal kinds: a DATETIME holds both (a DATE's midnight, a TIME on today's
        // date); the finer fraction wins.
        ExprType merged = MergeType(&column.type, other);
        if (merged.type != column.type.type || merged.decimals != column.type.decimals) {
          column.type.type = merged.type;
          column.type.decimals = merged.decimals;
          column.type.length = merged.length;
          column.type.column = nullptr;
          column.info = MakeColumnInfo(column.type, column.info.name);
        }
      } else if (column.type.type == ValueType::kNull && other.type != ValueType::kNull) {
        // NULL takes the other operand's type whole (length, collation), nullable.
        column.type = other;
        column.type.column = nullptr;
        column.type.not_null = false;
        column.info = MakeColumnInfo(column.type, column.info.name);
      } else if (column.type.type != other.type && other.type != ValueType::kNull) {
        if (IsNumericType(column.type.type) && IsNumericType(other.type)) {
          column.type.type = real ? ValueType::kDouble : ValueType::kDecimal;
          if (real) {
            // A DOUBLE shows every digit it holds unless both sides fix their decimals.
            column.type.decimals = std::max(column.type.decimals, other.decimals);
            column.type.length = std::max(column.type.length, other.length);
            column.type.is_unsigned = false;
          }
        } else {
          // As many characters as either side shows.
          column.type.type = ValueType::kString;
          column.type.length = std::max(column.type.length, other.length);
        }
        column.type.column = nullptr;
        column.info = MakeColumnInfo(column.type, column.info.name);
      } else if (column.type.type == ValueType::kString && other.length > column.type.length) {
        column.type.length = other.length;
        column.type.column = nullptr;
        column.info = MakeColumnInfo(column.type, column.info.name);
      }
    }
  }
  // A string column's collation is derived from every member's (1267 when they do not mix):
  // latin1 beside utf8mb4 is utf8mb4.
  for (size_t i = 0; i < result.columns.size(); ++i) {
    OutputColumn& column = result.columns[i];
    if (column.type.type != ValueType::kString && column.type.type != ValueType::kBinary) continue;
    std::vector<ExprType> values;
    for (const std::vector<ExprType>& types : member_types) values.push_back(types[i]);
    ExprType collated = column.type;
    PORPOISE_RETURN_IF_ERROR(
        CollateStringResult(values, "UNION", context_.connection_collation, &collated));
    if (collated.type == column.type.type && collated.collation == column.type.collation &&
        collated.coercibility == column.type.coercibility) {
      continue;
    }
    column.type = collated;
    column.type.column = nullptr;
    column.info = MakeColumnInfo(column.type, column.info.name);
  }
  // A set operation's result is no ENUM or SET column, whose labels the members may not
  // share: it sorts and compares as the strings (MySQL makes it a CHAR).
  for (OutputColumn& column : result.columns) {
    const catalog::ColumnSchema* source = column.type.column;
    if (source != nullptr && (source->type_class == catalog::TypeClass::kEnum ||
                              source->type_class == catalog::TypeClass::kSet)) {
      column.type.column = nullptr;
    }
  }
  // Each member's values in the result's types, so that what SQLite compares (UNION's
  // duplicates, INTERSECT, EXCEPT, ORDER BY) and what is sent are the result column's.
  for (size_t k = 0; k < chain->members.size(); ++k) {
    chain->members[k] = ConvertedMember(chain->members[k], member_types[k], result.columns, k == 0);
  }
  // Unless the rows stream through (UNION ALL only, no ORDER BY over them), the result's
  // columns are a temporary table's: a number is not flagged BINARY, as an expression's is.
  bool streamed = select.union_order_by.empty() &&
                  std::all_of(chain->operators.begin(), chain->operators.end(),
                              [](const BoundQuery::SetOperator& op) {
                                return op.all && op.op == sql::SelectStatement::SetOperator::kUnion;
                              });
  for (OutputColumn& column : result.columns) {
    if (!streamed && IsNumericType(column.type.type)) column.info.flags &= ~column_flag::kBinary;
  }
  Scope scope;
  for (size_t i = 0; i < result.columns.size(); ++i) {
    scope.select_aliases.emplace_back(result.columns[i].info.name, i);
    scope.select_types.push_back(result.columns[i].type);
  }
  PORPOISE_ASSIGN_OR_RETURN(std::vector<BoundTerm> order, BindOrderBy(select.union_order_by, scope));
  std::optional<BoundCount> limit, offset;
  PORPOISE_RETURN_IF_ERROR(
      BindLimit(select.union_limit.get(), select.union_offset.get(), &limit, &offset));
  if (!order.empty() || limit) {
    std::shared_ptr<BoundQuery> wrapper = Wrapped(std::move(chain));
    wrapper->order_by = std::move(order);
    wrapper->limit = std::move(limit);
    wrapper->offset = std::move(offset);
    result.query = std::move(wrapper);
  } else {
    result.query = std::move(chain);
  }
  return result;
}

std::string TranslatorContext::WithClause() const {
  if (common_tables.empty()) return std::string();
  std::string with = "WITH ";
  for (size_t i = 0; i < common_tables.size(); ++i) {
    if (i > 0) with += ", ";
    with += common_tables[i];
  }
  return with + " ";
}

}  // namespace porpoise::engine
