// CREATE VIEW, ALTER VIEW and DROP VIEW. A view is kept as canonical CREATE VIEW text in
// porpoise_tables (it shares the tables' namespace) and bound, wherever a statement names it,
// as a derived table (Translator::ExpandView). (engine/)
#include <algorithm>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "common/strings.h"
#include "engine/catalog_store.h"
#include "engine/ddl_util.h"
#include "engine/session.h"
#include "sql/parser.h"
#include "sql/printer.h"

namespace porpoise::engine {

namespace {

using StarMap = std::map<const sql::Expr*, std::vector<StarColumn>>;
using QualifierMap = std::map<const sql::Expr*, StarColumn>;

// The name MySQL gives a view column whose expression text is too long to be a name.
constexpr size_t kMaxColumnName = 64;

void CopySources(const sql::SelectStatement& from, sql::SelectStatement& to);

void CopySources(const sql::TableRef& from, sql::TableRef& to) {
  if (from.kind != to.kind) return;
  if (from.derived && to.derived) CopySources(*from.derived, *to.derived);
  if (from.left && to.left) CopySources(*from.left, *to.left);
  if (from.right && to.right) CopySources(*from.right, *to.right);
}

// Gives `to`, a copy of `from` printed and parsed again, the item texts as written (they name
// unnamed columns), in each UNION block, derived table and common table.
void CopySources(const sql::SelectStatement& from, sql::SelectStatement& to) {
  for (size_t i = 0; i < to.items.size() && i < from.items.size(); ++i) {
    to.items[i].source = from.items[i].source;
  }
  for (size_t i = 0; i < to.unions.size() && i < from.unions.size(); ++i) {
    if (to.unions[i].select && from.unions[i].select) {
      CopySources(*from.unions[i].select, *to.unions[i].select);
    }
  }
  for (size_t i = 0; i < to.from.size() && i < from.from.size(); ++i) {
    if (to.from[i] && from.from[i]) CopySources(*from.from[i], *to.from[i]);
  }
  for (size_t i = 0; i < to.with.size() && i < from.with.size(); ++i) {
    if (to.with[i].query && from.with[i].query) CopySources(*from.with[i].query, *to.with[i].query);
  }
}

// Names each unnamed item of a query block (a UNION's later block, a derived or common
// table), and of the blocks of its UNION.
void NameItems(sql::SelectStatement& select) {
  for (size_t i = 0; i < select.items.size(); ++i) {
    sql::SelectItem& item = select.items[i];
    if (!item.alias.empty() || !item.expr) continue;
    // As the binder names them: a column by its name, a string by its value, the rest by
    // their text.
    const sql::Expr& expr = *item.expr;
    if (expr.kind == sql::ExprKind::kColumnRef) {
      item.alias = expr.column;
    } else if (expr.kind == sql::ExprKind::kLiteral && expr.literal_kind == sql::LiteralKind::kString) {
      item.alias = expr.text;
    } else {
      item.alias = item.source.empty() ? sql::ToSql(expr) : item.source;
    }
    if (Utf8Length(item.alias) > kMaxColumnName) item.alias = "Name_exp_" + std::to_string(i + 1);
  }
  for (sql::SelectStatement::UnionPart& part : select.unions) {
    if (part.select) NameItems(*part.select);
  }
}

// Puts a view's query in the form it is stored in: each table name qualified with the
// database it resolved in, each column reference with its table (and database), each `*`
// replaced by the columns it stood for when the view was created (MySQL fixes a view's
// columns then). Notes variables and parameters (1351).
// With `strip`, it does the reverse for SHOW CREATE VIEW: names in `database` lose their
// qualifier.
class ViewCanonicalizer {
 public:
  ViewCanonicalizer(std::string database, const StarMap& stars, const QualifierMap& qualifiers,
                    bool strip = false)
      : database_(std::move(database)), stars_(stars), qualifiers_(qualifiers), strip_(strip) {}

  bool has_variable() const { return has_variable_; }

  void Query(sql::SelectStatement& select) {
    // A common table's name is no table of a database: it keeps no qualifier.
    size_t names_before = common_names_.size();
    for (sql::SelectStatement::CommonTable& table : select.with) common_names_.push_back(table.name);
    for (sql::SelectStatement::CommonTable& table : select.with) {
      if (!table.query) continue;
      Query(*table.query);
      NameItems(*table.query);
    }
    QueryBody(select);
    common_names_.resize(names_before);
  }

 private:
  void QueryBody(sql::SelectStatement& select) {
    std::vector<sql::SelectItem> items;
    for (sql::SelectItem& item : select.items) {
      auto star = item.expr ? stars_.find(item.expr.get()) : stars_.end();
      if (star == stars_.end()) {
        if (item.expr) Expr(*item.expr);
        items.push_back(std::move(item));
        continue;
      }
      for (const StarColumn& column : star->second) {
        sql::SelectItem expanded;
        expanded.expr = sql::MakeColumnRef(column.database, column.alias, column.column);
        expanded.source = column.column;
        items.push_back(std::move(expanded));
      }
    }
    select.items = std::move(items);
    for (sql::TableRefPtr& ref : select.from) {
      if (ref) Table(*ref);
    }
    for (sql::ExprPtr* part : {&select.where, &select.having, &select.limit, &select.offset,
                               &select.union_limit, &select.union_offset}) {
      if (*part) Expr(**part);
    }
    for (sql::ExprPtr& term : select.group_by) {
      if (term) Expr(*term);
    }
    for (std::vector<sql::OrderItem>* order : {&select.order_by, &select.union_order_by}) {
      for (sql::OrderItem& item : *order) {
        if (item.expr) Expr(*item.expr);
      }
    }
    for (sql::SelectStatement::UnionPart& part : select.unions) {
      if (part.select) Query(*part.select);
    }
  }

  void Table(sql::TableRef& ref) {
    switch (ref.kind) {
      case sql::TableRef::Kind::kTable:
        if (ref.name.database.empty() &&
            std::find(common_names_.begin(), common_names_.end(), ref.name.table) != common_names_.end()) {
          return;
        }
        if (strip_) {
          if (ref.name.database == database_) ref.name.database.clear();
        } else if (ref.name.database.empty() && !EqualsIgnoreCase(ref.name.table, "dual")) {
          ref.name.database = database_;
        }
        return;
      case sql::TableRef::Kind::kDerived:
        if (ref.derived) {
          Query(*ref.derived);
          NameItems(*ref.derived);
        }
        return;
      case sql::TableRef::Kind::kJoin:
        if (ref.left) Table(*ref.left);
        if (ref.right) Table(*ref.right);
        if (ref.on) Expr(*ref.on);
        return;
      case sql::TableRef::Kind::kJsonTable:
        if (ref.json_doc) Expr(*ref.json_doc);
        return;
    }
  }

  void Expr(sql::Expr& expr) {
    if (expr.kind == sql::ExprKind::kParameter ||
        (expr.kind == sql::ExprKind::kVariable)) {
      has_variable_ = true;
    }
    if (expr.kind == sql::ExprKind::kColumnRef) {
      auto qualifier = qualifiers_.find(&expr);
      if (qualifier != qualifiers_.end()) {
        expr.database = qualifier->second.database;
        expr.table = qualifier->second.alias;
        expr.column = qualifier->second.column;
      }
      if (strip_ && expr.database == database_) expr.database.clear();
    }
    for (sql::ExprPtr& arg : expr.args) {
      if (arg) Expr(*arg);
    }
    if (sql::ExprDetail* detail = expr.detail_if_any()) {
      for (auto& term : detail->function_order_by) {
        if (term.first) Expr(*term.first);
      }
      if (detail->against) Expr(*detail->against);
    }
    for (sql::ExprPtr* part : {&expr.case_operand, &expr.else_expr}) {
      if (*part) Expr(**part);
    }
    if (expr.subquery) Query(*expr.subquery);
  }

  std::string database_;
  const StarMap& stars_;
  const QualifierMap& qualifiers_;
  bool strip_ = false;
  std::vector<std::string> common_names_;  // the WITH tables in scope
  bool has_variable_ = false;
};

bool IsAggregateName(std::string_view name) {
  for (std::string_view aggregate :
       {"COUNT", "SUM", "AVG", "MIN", "MAX", "GROUP_CONCAT", "BIT_AND", "BIT_OR", "BIT_XOR", "STD",
        "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VAR_POP", "VAR_SAMP", "VARIANCE",
        "JSON_ARRAYAGG", "JSON_OBJECTAGG"}) {
    if (EqualsIgnoreCase(name, aggregate)) return true;
  }
  return false;
}

// True when a select-list item makes a view read-only: an aggregate or a subquery in it.
bool BlocksUpdate(const sql::Expr& expr) {
  if (expr.subquery) return true;
  if (expr.kind == sql::ExprKind::kFunction && IsAggregateName(expr.text)) return true;
  for (const sql::ExprPtr& arg : expr.args) {
    if (arg && BlocksUpdate(*arg)) return true;
  }
  for (const sql::ExprPtr* part : {&expr.case_operand, &expr.else_expr}) {
    if (*part && BlocksUpdate(**part)) return true;
  }
  return false;
}

sql::ExprPtr And(sql::ExprPtr left, sql::ExprPtr right) {
  if (!left) return right;
  if (!right) return left;
  return sql::MakeBinary(sql::Operator::kAnd, std::move(left), std::move(right));
}

}  // namespace

Result<std::shared_ptr<const catalog::TableSchema>> Session::ViewColumns(
    const catalog::TableSchema& view) {
  TranslatorContext context = MakeTranslatorContext();
  context.may_read_table = nullptr;
  context.current_database = view.database;
  context.views_open.push_back(view.database + "." + view.name);
  std::vector<OutputColumn> columns;
  {
    Translator translator(context);
    Result<BoundSelectResult> bound = translator.BindSelect(*view.view->query, nullptr);
    if (!bound.ok()) return Status::Error(ER_VIEW_INVALID, view.database, view.name);
    columns = std::move(bound.value().columns);
  }
  const std::vector<std::string>& names = view.view->column_names;
  if (columns.empty() || columns.size() != names.size()) {
    return Status::Error(ER_VIEW_INVALID, view.database, view.name);
  }
  // Built as CREATE TABLE would build it, so types come out canonical; a plain column of a
  // table keeps that column's definition (type, default, comment).
  sql::CreateTableStatement create;
  create.table.database = view.database;
  create.table.table = view.name;
  for (size_t i = 0; i < columns.size(); ++i) {
    sql::ColumnDef column;
    column.name = names[i];
    column.type = DataTypeOf(columns[i].type);
    column.nullable = !columns[i].type.not_null;
    create.columns.push_back(std::move(column));
  }
  PORPOISE_ASSIGN_OR_RETURN(catalog::TableSchema table, catalog::BuildTableSchema(create));
  for (size_t i = 0; i < table.columns.size(); ++i) {
    catalog::ColumnSchema& column = table.columns[i];
    if (const catalog::ColumnSchema* source = columns[i].type.column) {
      column = *source;
      column.name = names[i];
      column.auto_increment = false;
    } else if (!column.nullable) {
      column.default_kind = catalog::DefaultKind::kNone;
    }
  }
  table.view = view.view;
  table.engine.clear();
  return std::shared_ptr<const catalog::TableSchema>(
      std::make_shared<catalog::TableSchema>(std::move(table)));
}

std::string Session::ShowCreateViewText(const catalog::TableSchema& table) {
  const catalog::ViewSchema& view = *table.view;
  // In the view's own database, names there go unqualified; elsewhere every name is qualified.
  bool compact = database_ == table.database;
  std::string text = "CREATE ALGORITHM=" + view.algorithm + " DEFINER=" +
                     sql::QuoteIdentifier(view.definer_user) + "@" +
                     sql::QuoteIdentifier(view.definer_host) + " SQL SECURITY " + view.security +
                     " VIEW " + (compact ? "" : sql::QuoteIdentifier(table.database) + ".") +
                     sql::QuoteIdentifier(table.name);
  if (!view.column_list.empty()) {
    text += " (";
    for (size_t i = 0; i < view.column_list.size(); ++i) {
      text += (i > 0 ? "," : "") + sql::QuoteIdentifier(view.column_list[i]);
    }
    text += ")";
  }
  catalog::ViewSchema shown = view;
  Result<sql::StatementPtr> copy = sql::ParseOne(sql::ToSql(*view.query));
  if (compact && copy.ok() && copy.value()->kind == sql::StatementKind::kSelect) {
    StarMap no_stars;
    QualifierMap no_qualifiers;
    ViewCanonicalizer strip(database_, no_stars, no_qualifiers, true);
    strip.Query(static_cast<sql::SelectStatement&>(*copy.value()));
    shown.query = std::shared_ptr<const sql::SelectStatement>(
        static_cast<sql::SelectStatement*>(copy.value().release()));
  }
  text += " AS " + ViewQueryText(shown);
  switch (view.check_option) {
    case sql::CreateViewStatement::CheckOption::kNone: break;
    case sql::CreateViewStatement::CheckOption::kCascaded: text += " WITH CASCADED CHECK OPTION"; break;
    case sql::CreateViewStatement::CheckOption::kLocal: text += " WITH LOCAL CHECK OPTION"; break;
  }
  return text;
}

Status Session::ExecuteCreateView(const sql::CreateViewStatement& statement) {
  std::string database = statement.view.database.empty() ? database_ : statement.view.database;
  if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
  PORPOISE_RETURN_IF_ERROR(CheckName(statement.view.table, false));
  if (IsSystemSchema(database)) {
    return Status::Error(ER_DBACCESS_DENIED_ERROR, checker_.principal().account_user,
                         checker_.principal().account_host, database);
  }
  const std::string& name = statement.view.table;
  PORPOISE_RETURN_IF_ERROR(RequireTable(auth::Privilege::kCreateView, database, name));
  if (statement.or_replace || statement.alter) {
    PORPOISE_RETURN_IF_ERROR(RequireTable(auth::Privilege::kDrop, database, name));
  }
  sql::UserName definer;
  definer.user = checker_.principal().account_user;
  definer.host = checker_.principal().account_host;
  if (statement.definer && !statement.definer->current_user &&
      (statement.definer->user != definer.user || statement.definer->host != definer.host)) {
    // Naming another account as the definer lends the view its rights.
    PORPOISE_RETURN_IF_ERROR(RequireSuperOr("SET_ANY_DEFINER"));
    definer = *statement.definer;
  }

  // The query is bound from a private copy, whose `*` items the binder records.
  PORPOISE_ASSIGN_OR_RETURN(sql::StatementPtr parsed, sql::ParseOne(sql::ToSql(*statement.select)));
  if (parsed->kind != sql::StatementKind::kSelect) return Status::Error(ER_PARSE_ERROR, "", 1);
  auto query = std::unique_ptr<sql::SelectStatement>(
      static_cast<sql::SelectStatement*>(parsed.release()));
  // Unnamed columns are named by their text as written, not as printed.
  CopySources(*statement.select, *query);
  StarMap stars;
  QualifierMap qualifiers;
  TranslatorContext context = MakeTranslatorContext();
  context.star_expansions = &stars;
  context.column_qualifiers = &qualifiers;
  // A table the account may neither read nor write is refused as MySQL refuses it in a view
  // ("ANY command", naming the account); SELECT on what it reads is checked after binding.
  context.may_read_table = [this](const std::string& read_database, const std::string& table) {
    if (bootstrap_ || OwnTemporaryTable(read_database, table)) return Status::OK();
    for (auth::Privilege any : {auth::Privilege::kSelect, auth::Privilege::kInsert,
                                auth::Privilege::kUpdate, auth::Privilege::kDelete}) {
      if (checker_.CheckTableOrColumns(any, read_database, table).ok()) return Status::OK();
    }
    return Status::Error(ER_TABLEACCESS_DENIED_ERROR, "ANY", checker_.principal().account_user,
                         checker_.principal().account_host, table);
  };
  std::vector<OutputColumn> columns;
  {
    Translator translator(context);
    PORPOISE_ASSIGN_OR_RETURN(BoundSelectResult bound, translator.BindSelect(*query, nullptr));
    columns = std::move(bound.columns);
  }
  for (const auto& [read_database, read_table] : context.tables_read) {
    if (TemporaryTable(read_database, read_table)) {
      return Status::Error(ER_VIEW_SELECT_TMPTABLE, read_table);
    }
  }
  ViewCanonicalizer canonicalizer(database_, stars, qualifiers);
  canonicalizer.Query(*query);
  if (canonicalizer.has_variable()) return Status::Error(ER_VIEW_SELECT_VARIABLE);
  PORPOISE_RETURN_IF_ERROR(CheckReads(context));

  // The view's columns: the list written, or the items' names (too long a name becomes
  // Name_exp_<position>, as MySQL names it).
  std::vector<std::string> names;
  if (!statement.columns.empty()) {
    if (statement.columns.size() != columns.size()) return Status::Error(ER_VIEW_WRONG_LIST);
    names = statement.columns;
  } else {
    for (size_t i = 0; i < columns.size(); ++i) {
      std::string column = columns[i].info.name;
      if (Utf8Length(column) > kMaxColumnName) column = "Name_exp_" + std::to_string(i + 1);
      names.push_back(std::move(column));
    }
  }
  for (size_t i = 0; i < names.size(); ++i) {
    if (Utf8Length(names[i]) > kMaxColumnName) return Status::Error(ER_TOO_LONG_IDENT, names[i]);
    for (size_t j = 0; j < i; ++j) {
      if (EqualsIgnoreCase(names[i], names[j])) return Status::Error(ER_DUP_FIELDNAME, names[i]);
    }
  }
  if (query->items.size() != columns.size()) return Status::Error(ER_VIEW_WRONG_LIST);
  for (size_t i = 0; i < columns.size(); ++i) query->items[i].alias = columns[i].info.name;
  if (statement.columns.empty()) {
    for (size_t i = 0; i < names.size(); ++i) query->items[i].alias = names[i];
  }
  // The other blocks of a UNION name their columns too, as MySQL shows them.
  for (sql::SelectStatement::UnionPart& part : query->unions) {
    NameItems(*part.select);
  }

  sql::CreateViewStatement canonical;
  canonical.algorithm = statement.algorithm.empty() ? "UNDEFINED" : statement.algorithm;
  canonical.definer = definer;
  canonical.security = statement.security.empty() ? "DEFINER" : statement.security;
  canonical.view.table = name;
  canonical.columns = statement.columns;
  canonical.select = std::move(query);
  canonical.check_option = statement.check_option;
  PORPOISE_ASSIGN_OR_RETURN(std::string charset,
                            variables_.Get("character_set_client", sql::VariableScope::kSession));
  PORPOISE_ASSIGN_OR_RETURN(std::string collation,
                            variables_.Get("collation_connection", sql::VariableScope::kSession));
  std::string stored = ViewStoredText(canonical, charset, collation);
  canonical.view.database = database;
  PORPOISE_ASSIGN_OR_RETURN(std::shared_ptr<const catalog::TableSchema> view,
                            BuildView(canonical, charset, collation));

  PORPOISE_RETURN_IF_ERROR(ImplicitCommit());
  std::lock_guard<std::mutex> lock(engine_.ddl_mutex());
  std::shared_ptr<const catalog::CatalogSnapshot> current = engine_.catalog().Current();
  if (current->FindDatabase(database) == nullptr) return Status::Error(ER_BAD_DB_ERROR, database);
  std::shared_ptr<const catalog::TableSchema> existing = current->FindTable(database, name);
  if (existing && !existing->view) {
    if (statement.or_replace || statement.alter) {
      return Status::Error(ER_WRONG_OBJECT, database, name, "VIEW");
    }
    return Status::Error(ER_TABLE_EXISTS_ERROR, name);
  }
  if (existing && !statement.or_replace && !statement.alter) {
    return Status::Error(ER_TABLE_EXISTS_ERROR, name);
  }
  if (!existing && statement.alter) return Status::Error(ER_NO_SUCH_TABLE, database, name);
  Status written = InWriteTransaction(*db_, [&]() -> Status {
    auto stored_view = std::make_shared<catalog::TableSchema>(*view);
    if (existing) {
      stored_view->storage_id = existing->storage_id;
      view = stored_view;
      return UpdateTableDefinition(*db_, *view, stored);
    }
    PORPOISE_ASSIGN_OR_RETURN(stored_view->storage_id, AllocateStorageId(*db_, database, name));
    view = stored_view;
    return InsertTableRow(*db_, *view, stored);
  });
  PORPOISE_RETURN_IF_ERROR(TranslateStorageError(written));
  PublishTable(std::move(view));
  return Status::OK();
}

Status Session::ExecuteDropView(const sql::DropViewStatement& statement) {
  return DropCatalogObjects(statement.views, statement.if_exists, true);
}

}  // namespace porpoise::engine

namespace porpoise::engine {

namespace {

// A view's column `name` must be a plain column of its base table to be written: its name
// there.
Result<std::string> BaseColumn(const std::vector<std::string>& names,
                               const std::vector<const sql::Expr*>& items, std::string_view name) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (!EqualsIgnoreCase(names[i], name)) continue;
    if (items[i]->kind != sql::ExprKind::kColumnRef) {
      return Status::Error(ER_NONUPDATEABLE_COLUMN, name);
    }
    return items[i]->column;
  }
  return Status::Error(ER_BAD_FIELD_ERROR, name, "field list");
}

sql::ExprPtr IsNotTrue(sql::ExprPtr operand) {
  auto check = std::make_unique<sql::Expr>();
  check->kind = sql::ExprKind::kIsBool;
  check->is_value = sql::LiteralKind::kTrue;
  check->negated = true;
  check->args.push_back(std::move(operand));
  return check;
}

sql::TableRefPtr TableRefTo(const sql::TableRef& base) {
  auto ref = std::make_unique<sql::TableRef>();
  ref->kind = sql::TableRef::Kind::kTable;
  ref->name = base.name;
  ref->alias = base.alias;
  return ref;
}

}  // namespace

Result<Session::ViewWrite> Session::ViewWriteOf(const catalog::TableSchema& view,
                                                std::string_view statement, bool insert) {
  const catalog::ViewSchema& schema = *view.view;
  const sql::SelectStatement& query = *schema.query;
  Status refused = insert ? Status::Error(ER_NON_INSERTABLE_TABLE, view.name, statement)
                          : Status::Error(ER_NON_UPDATABLE_TABLE, view.name, statement);
  if (!query.unions.empty() || query.distinct || !query.group_by.empty() || query.having ||
      query.limit || query.with_rollup || schema.algorithm == "TEMPTABLE" ||
      query.from.size() != 1 || !query.from[0] ||
      query.from[0]->kind != sql::TableRef::Kind::kTable) {
    return refused;
  }
  ViewWrite write;
  write.view = &view;
  write.base = query.from[0].get();
  write.qualifier = write.base->alias.empty() ? write.base->name.table : write.base->alias;
  write.names = schema.column_names;
  for (const sql::SelectItem& item : query.items) {
    if (!item.expr || BlocksUpdate(*item.expr)) return refused;
    if (insert && item.expr->kind != sql::ExprKind::kColumnRef) return refused;
    write.items.push_back(item.expr.get());
  }
  if (write.items.size() != write.names.size()) {
    return Status::Error(ER_VIEW_INVALID, view.database, view.name);
  }
  write.where = query.where.get();
  write.check = schema.check_option != sql::CreateViewStatement::CheckOption::kNone ||
                view_check_cascaded_;
  write.cascade = view_check_cascaded_ ||
                  schema.check_option == sql::CreateViewStatement::CheckOption::kCascaded;
  return write;
}

Status Session::CheckOptionFailed(const catalog::TableSchema& view) {
  // MySQL names the view the statement wrote through, whichever view's condition failed.
  if (!view_written_.empty()) return Status::Error(ER_VIEW_CHECK_FAILED, view_written_.front(), view_written_.back());
  return Status::Error(ER_VIEW_CHECK_FAILED, view.database, view.name);
}

Status Session::WriteBelowView(const catalog::TableSchema& view, const ViewWrite& write,
                               const std::function<Status()>& run) {
  bool cascaded_before = view_check_cascaded_;
  bool outermost = view_written_.empty();
  if (outermost) view_written_ = {view.database, view.name};
  view_check_cascaded_ = write.cascade;
  Status status = run();
  view_check_cascaded_ = cascaded_before;
  if (outermost) view_written_.clear();
  return status;
}

Result<bool> Session::AnyRow(const sql::SelectStatement& select) {
  TranslatorContext context = MakeTranslatorContext();
  std::string sql;
  {
    Translator translator(context);
    PORPOISE_ASSIGN_OR_RETURN(TranslatedSelect translated, translator.TranslateSelect(select));
    sql = std::move(translated.sql);
  }
  PORPOISE_RETURN_IF_ERROR(CheckReads(context));
  PORPOISE_ASSIGN_OR_RETURN(storage::Statement statement, PrepareTranslated(sql, context));
  Result<bool> step = statement.Step();
  if (!step.ok()) return TranslateStorageError(step.status());
  DrainRuntimeWarnings();
  return step.value();
}

Status Session::UpdateThroughView(const sql::UpdateStatement& update,
                                  const catalog::TableSchema& view, ResultSink& sink, bool more) {
  PORPOISE_ASSIGN_OR_RETURN(ViewWrite write, ViewWriteOf(view, "UPDATE", false));
  const sql::TableRef& ref = *update.tables[0];
  ColumnSubstituter substitute(write.names, write.items, ref.alias.empty() ? view.name : ref.alias);
  auto rewritten = std::make_unique<sql::UpdateStatement>();
  rewritten->ignore = update.ignore;
  rewritten->tables.push_back(TableRefTo(*write.base));
  std::vector<std::string> assigned;
  std::vector<const sql::Expr*> values;
  for (const sql::Assignment& assignment : update.assignments) {
    PORPOISE_ASSIGN_OR_RETURN(std::string column,
                              BaseColumn(write.names, write.items, assignment.column->column));
    sql::Assignment copy;
    copy.column = sql::MakeColumnRef("", write.qualifier, column);
    PORPOISE_ASSIGN_OR_RETURN(copy.value, CloneExpr(*assignment.value));
    PORPOISE_RETURN_IF_ERROR(substitute.Expr(copy.value, false));
    assigned.push_back(column);
    values.push_back(copy.value.get());
    rewritten->assignments.push_back(std::move(copy));
  }
  sql::ExprPtr where;
  if (update.where) {
    PORPOISE_ASSIGN_OR_RETURN(where, CloneExpr(*update.where));
    PORPOISE_RETURN_IF_ERROR(substitute.Expr(where, false));
  }
  sql::ExprPtr own;
  if (write.where) {
    PORPOISE_ASSIGN_OR_RETURN(own, CloneExpr(*write.where));
  }
  PORPOISE_ASSIGN_OR_RETURN(rewritten->order_by, CloneOrderBy(update.order_by));
  for (sql::OrderItem& item : rewritten->order_by) {
    PORPOISE_RETURN_IF_ERROR(substitute.Expr(item.expr, false));
  }
  if (update.limit) {
    PORPOISE_ASSIGN_OR_RETURN(rewritten->limit, CloneExpr(*update.limit));
  }

  if (write.check && write.where && rewritten->order_by.empty() && !rewritten->limit) {
    // WITH CHECK OPTION: no row the UPDATE changes may leave the view. Checked before it
    // runs, on the rows it will change, with the view's condition read over the new values.
    std::unique_ptr<sql::SelectStatement> probe =
        ProbeSelect(write.base->name.database, write.base->name.table, write.base->alias);
    sql::SelectStatement& check = *probe;
    PORPOISE_ASSIGN_OR_RETURN(sql::ExprPtr after, CloneExpr(*write.where));
    ColumnSubstituter new_values(assigned, values, write.qualifier);
    PORPOISE_RETURN_IF_ERROR(new_values.Expr(after, false));
    sql::ExprPtr selected;
    if (where) {
      PORPOISE_ASSIGN_OR_RETURN(selected, CloneExpr(*where));
    }
    PORPOISE_ASSIGN_OR_RETURN(sql::ExprPtr own_copy, CloneExpr(*write.where));
    check.where = And(And(std::move(selected), std::move(own_copy)), IsNotTrue(std::move(after)));
    check.limit = sql::MakeLiteral(sql::LiteralKind::kInteger, "1");
    PORPOISE_ASSIGN_OR_RETURN(bool leaves, AnyRow(check));
    if (leaves) return CheckOptionFailed(view);
  }
  rewritten->where = And(std::move(where), std::move(own));
  return WriteBelowView(view, write, [&] { return ExecuteUpdate(*rewritten, sink, more); });
}

Status Session::DeleteThroughView(const sql::DeleteStatement& statement,
                                  const catalog::TableSchema& view, ResultSink& sink, bool more) {
  PORPOISE_ASSIGN_OR_RETURN(ViewWrite write, ViewWriteOf(view, "DELETE", false));
  ColumnSubstituter substitute(write.names, write.items,
                             statement.alias.empty() ? view.name : statement.alias);
  sql::DeleteStatement rewritten;
  rewritten.ignore = statement.ignore;
  rewritten.table = write.base->name;
  rewritten.alias = write.base->alias;
  sql::ExprPtr where;
  if (statement.where) {
    PORPOISE_ASSIGN_OR_RETURN(where, CloneExpr(*statement.where));
    PORPOISE_RETURN_IF_ERROR(substitute.Expr(where, false));
  }
  sql::ExprPtr own;
  if (write.where) {
    PORPOISE_ASSIGN_OR_RETURN(own, CloneExpr(*write.where));
  }
  rewritten.where = And(std::move(where), std::move(own));
  PORPOISE_ASSIGN_OR_RETURN(rewritten.order_by, CloneOrderBy(statement.order_by));
  for (sql::OrderItem& item : rewritten.order_by) {
    PORPOISE_RETURN_IF_ERROR(substitute.Expr(item.expr, false));
  }
  if (statement.limit) {
    PORPOISE_ASSIGN_OR_RETURN(rewritten.limit, CloneExpr(*statement.limit));
  }
  return WriteBelowView(view, write, [&] { return ExecuteDelete(rewritten, sink, more); });
}

Status Session::InsertThroughView(const sql::InsertStatement& insert,
                                  const catalog::TableSchema& view, ResultSink& sink, bool more) {
  PORPOISE_ASSIGN_OR_RETURN(ViewWrite write, ViewWriteOf(view, "INSERT", true));
  ColumnSubstituter substitute(write.names, write.items, view.name);
  sql::InsertStatement rewritten;
  rewritten.replace = insert.replace;
  rewritten.ignore = insert.ignore;
  rewritten.table = write.base->name;
  const std::vector<std::string>& listed = insert.columns.empty() ? write.names : insert.columns;
  for (const std::string& name : listed) {
    PORPOISE_ASSIGN_OR_RETURN(std::string column, BaseColumn(write.names, write.items, name));
    for (const std::string& earlier : rewritten.columns) {
      if (EqualsIgnoreCase(earlier, column)) return Status::Error(ER_FIELD_SPECIFIED_TWICE, name);
    }
    rewritten.columns.push_back(std::move(column));
  }
  for (const std::vector<sql::ExprPtr>& row : insert.rows) {
    std::vector<sql::ExprPtr> copy;
    for (const sql::ExprPtr& value : row) {
      PORPOISE_ASSIGN_OR_RETURN(sql::ExprPtr cloned, CloneExpr(*value));
      copy.push_back(std::move(cloned));
    }
    rewritten.rows.push_back(std::move(copy));
  }
  if (insert.select) {
    PORPOISE_ASSIGN_OR_RETURN(sql::StatementPtr select, sql::ParseOne(sql::ToSql(*insert.select)));
    rewritten.select.reset(static_cast<sql::SelectStatement*>(select.release()));
  }
  for (const sql::Assignment& assignment : insert.on_duplicate) {
    PORPOISE_ASSIGN_OR_RETURN(std::string column,
                              BaseColumn(write.names, write.items, assignment.column->column));
    sql::Assignment copy;
    copy.column = sql::MakeColumnRef("", "", column);
    PORPOISE_ASSIGN_OR_RETURN(copy.value, CloneExpr(*assignment.value));
    PORPOISE_RETURN_IF_ERROR(substitute.Expr(copy.value, false));
    rewritten.on_duplicate.push_back(std::move(copy));
  }

  if (write.check && write.where) {
    // WITH CHECK OPTION: each new row, as a derived table named like the base table, must
    // meet the view's condition (columns not given read as NULL).
    auto rows = std::make_unique<sql::SelectStatement>();
    bool first = true;
    auto add_row = [&](std::unique_ptr<sql::SelectStatement> row) {
      if (first) {
        rows = std::move(row);
        first = false;
        return;
      }
      sql::SelectStatement::UnionPart part;
      part.all = true;
      part.select = std::move(row);
      rows->unions.push_back(std::move(part));
    };
    for (const std::vector<sql::ExprPtr>& row : insert.rows) {
      auto select = std::make_unique<sql::SelectStatement>();
      for (size_t i = 0; i < row.size() && i < rewritten.columns.size(); ++i) {
        sql::SelectItem item;
        if (row[i]->kind == sql::ExprKind::kDefault) {
          item.expr = sql::MakeLiteral(sql::LiteralKind::kNull, "NULL");
        } else {
          PORPOISE_ASSIGN_OR_RETURN(item.expr, CloneExpr(*row[i]));
        }
        item.alias = rewritten.columns[i];
        select->items.push_back(std::move(item));
      }
      add_row(std::move(select));
    }
    if (insert.select) {
      PORPOISE_ASSIGN_OR_RETURN(sql::StatementPtr select, sql::ParseOne(sql::ToSql(*insert.select)));
      auto& copy = static_cast<sql::SelectStatement&>(*select);
      for (size_t i = 0; i < copy.items.size() && i < rewritten.columns.size(); ++i) {
        copy.items[i].alias = rewritten.columns[i];
      }
      add_row(std::unique_ptr<sql::SelectStatement>(static_cast<sql::SelectStatement*>(select.release())));
    }
    if (!first) {
      sql::SelectStatement check;
      sql::SelectItem one;
      one.expr = sql::MakeLiteral(sql::LiteralKind::kInteger, "1");
      check.items.push_back(std::move(one));
      auto derived = std::make_unique<sql::TableRef>();
      derived->kind = sql::TableRef::Kind::kDerived;
      derived->alias = write.qualifier;
      derived->derived = std::move(rows);
      check.from.push_back(std::move(derived));
      PORPOISE_ASSIGN_OR_RETURN(sql::ExprPtr own, CloneExpr(*write.where));
      // The condition names the base table's columns with its database, which the derived
      // table does not have.
      std::vector<sql::ExprPtr> row_columns;
      std::vector<const sql::Expr*> row_refs;
      for (const std::string& column : rewritten.columns) {
        row_columns.push_back(sql::MakeColumnRef("", write.qualifier, column));
        row_refs.push_back(row_columns.back().get());
      }
      ColumnSubstituter unqualify(rewritten.columns, row_refs, write.qualifier);
      PORPOISE_RETURN_IF_ERROR(unqualify.Expr(own, false));
      check.where = IsNotTrue(std::move(own));
      check.limit = sql::MakeLiteral(sql::LiteralKind::kInteger, "1");
      Result<bool> leaves = AnyRow(check);
      if (leaves.ok() && leaves.value()) return CheckOptionFailed(view);
    }
  }
  return WriteBelowView(view, write, [&] { return ExecuteInsert(rewritten, sink, more); });
}

bool Session::ViewUpdatable(const catalog::TableSchema& view) {
  const catalog::TableSchema* current = &view;
  std::shared_ptr<const catalog::TableSchema> base;
  // Views nest at most as deep as they were created; a cycle (left by ALTER VIEW) is not
  // updatable.
  for (int depth = 0; depth < 64; ++depth) {
    Result<ViewWrite> write = ViewWriteOf(*current, "UPDATE", false);
    if (!write.ok()) return false;
    base = catalog_->FindTable(write.value().base->name.database, write.value().base->name.table);
    if (!base) return false;
    if (!base->view) return true;
    current = base.get();
  }
  return false;
}

}  // namespace porpoise::engine
