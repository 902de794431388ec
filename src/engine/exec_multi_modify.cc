// Multi-table UPDATE and DELETE, rewritten into single-table statements that the single-table
// executors run with everything they do (strict conversion, CHECK constraints, foreign keys,
// triggers, MySQL's row counts):
//   UPDATE refs SET a.x = v ... WHERE w   becomes, for each table a that is assigned,
//   UPDATE a SET x = (SELECT v FROM refs' WHERE w LIMIT 1) WHERE EXISTS (SELECT 1 FROM refs' WHERE w)
// where refs' is the join with `a` replaced by a one-row table, so that a's columns are the
// outer row's (and an outer join that could leave `a` out is an inner one). A DELETE from one
// table is the same EXISTS filter. A DELETE from several tables first reads the keys of the
// rows each target loses, then deletes them by key, so that no deletion changes what the
// join matches for another. All of it runs as one statement. (engine/)
#include <algorithm>

#include "catalog/information_schema.h"
#include "common/strings.h"
#include "engine/ddl_util.h"
#include "engine/physical.h"
#include "engine/session.h"
#include "sql/parser.h"
#include "sql/printer.h"

namespace porpoise::engine {

namespace {

// A table reference of the join by the name the statement uses for it.
struct JoinTable {
  std::string key;  // alias, else the table's name
  sql::TableName name;
  bool derived = false;
};

void ListTables(const std::vector<sql::TableRefPtr>& refs, std::vector<JoinTable>* out) {
  std::vector<const sql::TableRef*> pending;
  for (auto it = refs.rbegin(); it != refs.rend(); ++it) pending.push_back(it->get());
  while (!pending.empty()) {
    const sql::TableRef* node = pending.back();
    pending.pop_back();
    if (node == nullptr) continue;
    if (node->kind == sql::TableRef::Kind::kJoin) {
      pending.push_back(node->right.get());
      pending.push_back(node->left.get());
      continue;
    }
    JoinTable table;
    table.derived = node->kind == sql::TableRef::Kind::kDerived ||
                    node->kind == sql::TableRef::Kind::kJsonTable;  // not a base table
    table.name = node->name;
    table.key = !node->alias.empty() ? node->alias : node->name.table;
    out->push_back(std::move(table));
  }
}

bool Names(const sql::TableRef& node, std::string_view key) {
  std::string_view own = !node.alias.empty() ? std::string_view(node.alias) : std::string_view(node.name.table);
  return node.kind != sql::TableRef::Kind::kJoin && own == key;
}

bool Holds(const sql::TableRef* node, std::string_view key) {
  if (node == nullptr) return false;
  if (node->kind == sql::TableRef::Kind::kJoin) return Holds(node->left.get(), key) || Holds(node->right.get(), key);
  return Names(*node, key);
}

// Replaces the reference `key` by (SELECT 1) AS `#target`; an outer join that could leave it
// out becomes an inner join.
Status ReplaceTarget(sql::TableRef* node, std::string_view key) {
  if (node->kind == sql::TableRef::Kind::kJoin) {
    bool left = Holds(node->left.get(), key);
    if ((left && node->join_type == sql::JoinType::kRight) ||
        (!left && node->join_type == sql::JoinType::kLeft)) {
      node->join_type = sql::JoinType::kInner;
    }
    return ReplaceTarget(left ? node->left.get() : node->right.get(), key);
  }
  PORPOISE_ASSIGN_OR_RETURN(sql::StatementPtr one, sql::ParseOne("SELECT 1"));
  node->kind = sql::TableRef::Kind::kDerived;
  node->derived.reset(static_cast<sql::SelectStatement*>(one.release()));
  node->name = sql::TableName();
  node->alias = "#target";
  return Status::OK();
}

bool ReadsColumns(const sql::Expr& expr) {
  if (expr.kind == sql::ExprKind::kColumnRef || expr.subquery) return true;
  return std::any_of(expr.args.begin(), expr.args.end(),
                     [](const sql::ExprPtr& arg) { return arg && ReadsColumns(*arg); }) ||
         (expr.case_operand && ReadsColumns(*expr.case_operand)) ||
         (expr.else_expr && ReadsColumns(*expr.else_expr));
}

// SELECT <item> FROM <refs without target> [WHERE w] [LIMIT 1], from a fresh copy of `source`
// (whose `tables` / `from` and `where` are used).
template <typename Statement>
Result<std::unique_ptr<sql::SelectStatement>> JoinQuery(const Statement& source,
                                                        std::vector<sql::TableRefPtr> Statement::*refs,
                                                        std::string_view key, sql::ExprPtr item,
                                                        bool first_only) {
  PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<Statement> copy, CloneStatement(source));
  auto select = std::make_unique<sql::SelectStatement>();
  select->from = std::move((*copy).*refs);
  for (sql::TableRefPtr& ref : select->from) {
    if (Holds(ref.get(), key)) PORPOISE_RETURN_IF_ERROR(ReplaceTarget(ref.get(), key));
  }
  select->where = std::move(copy->where);
  sql::SelectItem selected;
  selected.expr = item ? std::move(item) : sql::MakeLiteral(sql::LiteralKind::kInteger, "1");
  select->items.push_back(std::move(selected));
  if (first_only) select->limit = sql::MakeLiteral(sql::LiteralKind::kInteger, "1");
  return select;
}

sql::ExprPtr Exists(std::unique_ptr<sql::SelectStatement> query) {
  auto exists = std::make_unique<sql::Expr>();
  exists->kind = sql::ExprKind::kExists;
  exists->subquery = std::move(query);
  return exists;
}

sql::ExprPtr Scalar(std::unique_ptr<sql::SelectStatement> query) {
  auto scalar = std::make_unique<sql::Expr>();
  scalar->kind = sql::ExprKind::kSubquery;
  scalar->subquery = std::move(query);
  return scalar;
}

// The reference of `tables` a DELETE target names: by alias where the reference has one.
const JoinTable* FindTarget(const std::vector<JoinTable>& tables, const sql::TableName& target) {
  for (const JoinTable& table : tables) {
    if (table.key != target.table) continue;
    if (!target.database.empty() && target.database != table.name.database) continue;
    return &table;
  }
  return nullptr;
}

// SELECT <values, or 1> FROM <refs> WHERE <where>, from a fresh copy of `source`.
template <typename Statement>
Result<std::unique_ptr<sql::SelectStatement>> WholeJoin(const Statement& source,
                                                        std::vector<sql::TableRefPtr> Statement::*refs,
                                                        std::vector<sql::ExprPtr> (*values)(Statement&)) {
  PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<Statement> copy, CloneStatement(source));
  auto select = std::make_unique<sql::SelectStatement>();
  select->from = std::move((*copy).*refs);
  select->where = std::move(copy->where);
  for (sql::ExprPtr& value : values(*copy)) {
    sql::SelectItem item;
    item.expr = std::move(value);
    select->items.push_back(std::move(item));
  }
  if (select->items.empty()) {
    sql::SelectItem one;
    one.expr = sql::MakeLiteral(sql::LiteralKind::kInteger, "1");
    select->items.push_back(std::move(one));
  }
  return select;
}

std::vector<sql::ExprPtr> AssignedValues(sql::UpdateStatement& update) {
  std::vector<sql::ExprPtr> values;
  for (sql::Assignment& assignment : update.assignments) {
    if (assignment.value->kind != sql::ExprKind::kDefault) values.push_back(std::move(assignment.value));
  }
  return values;
}

std::vector<sql::ExprPtr> NoValues(sql::DeleteStatement&) { return {}; }

// Marks the session as running the single-table statements of a multi-table one, whose
// EXISTS subqueries read the join's other tables (perhaps the target under another name).
class JoinRewrite {
 public:
  explicit JoinRewrite(bool* flag) : flag_(flag), before_(*flag) { *flag = true; }
  ~JoinRewrite() { *flag_ = before_; }
  JoinRewrite(const JoinRewrite&) = delete;
  JoinRewrite& operator=(const JoinRewrite&) = delete;

 private:
  bool* flag_;
  bool before_;
};

}  // namespace

namespace {

Status CheckRefsNotTargets(const std::vector<sql::TableRefPtr>& refs, const std::vector<std::string>& targets) {
  std::vector<const sql::TableRef*> pending;
  for (const sql::TableRefPtr& ref : refs) pending.push_back(ref.get());
  while (!pending.empty()) {
    const sql::TableRef* node = pending.back();
    pending.pop_back();
    if (node == nullptr) continue;
    if (node->kind == sql::TableRef::Kind::kJoin) {
      pending.push_back(node->left.get());
      pending.push_back(node->right.get());
      PORPOISE_RETURN_IF_ERROR(CheckTargetsNotRead(node->on.get(), targets));
    } else if (node->kind == sql::TableRef::Kind::kTable &&
               std::find(targets.begin(), targets.end(), node->name.table) != targets.end()) {
      return Status::Error(ER_UPDATE_TABLE_USED, node->name.table);
    }
  }
  return Status::OK();
}

}  // namespace

Status CheckTargetsNotRead(const sql::Expr* expr, const std::vector<std::string>& targets) {
  if (expr == nullptr) return Status::OK();
  if (expr->subquery) {
    PORPOISE_RETURN_IF_ERROR(CheckRefsNotTargets(expr->subquery->from, targets));
    PORPOISE_RETURN_IF_ERROR(CheckTargetsNotRead(expr->subquery->where.get(), targets));
    for (const sql::SelectItem& item : expr->subquery->items) {
      PORPOISE_RETURN_IF_ERROR(CheckTargetsNotRead(item.expr.get(), targets));
    }
  }
  for (const sql::ExprPtr& arg : expr->args) PORPOISE_RETURN_IF_ERROR(CheckTargetsNotRead(arg.get(), targets));
  PORPOISE_RETURN_IF_ERROR(CheckTargetsNotRead(expr->case_operand.get(), targets));
  return CheckTargetsNotRead(expr->else_expr.get(), targets);
}

// The join, its condition and the values bound as one SELECT in the statement's own scope:
// ambiguous (1052) and unknown (1054) columns as MySQL reports them, and SELECT checked on
// what is read. Nothing runs.
Status Session::CheckJoinQuery(const sql::SelectStatement& query) {
  TranslatorContext context = MakeTranslatorContext();
  Translator translator(context);
  PORPOISE_ASSIGN_OR_RETURN(TranslatedSelect translated, translator.TranslateSelect(query));
  (void)translated;
  return CheckReads(context);
}

Status Session::ExecuteMultiUpdate(const sql::UpdateStatement& update, ResultSink& sink, bool more) {
  JoinRewrite rewrite(&rewriting_join_);
  if (!update.order_by.empty()) return Status::Error(ER_WRONG_USAGE, "UPDATE", "ORDER BY");
  if (update.limit) return Status::Error(ER_WRONG_USAGE, "UPDATE", "LIMIT");
  std::vector<JoinTable> tables;
  ListTables(update.tables, &tables);
  std::vector<std::shared_ptr<const catalog::TableSchema>> schemas;
  for (const JoinTable& table : tables) {
    std::shared_ptr<const catalog::TableSchema> schema;
    if (!table.derived) {
      std::string database = table.name.database.empty() ? database_ : table.name.database;
      if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
      schema = catalog_->FindTable(database, table.name.table);
      if (!schema) return Status::Error(ER_NO_SUCH_TABLE, database, table.name.table);
    }
    schemas.push_back(std::move(schema));
  }
  // Which reference each assignment writes.
  std::vector<size_t> owner(update.assignments.size());
  std::vector<size_t> order;  // the written references, in order of their first assignment
  for (size_t i = 0; i < update.assignments.size(); ++i) {
    const sql::Expr& column = *update.assignments[i].column;
    std::vector<size_t> candidates;
    for (size_t t = 0; t < tables.size(); ++t) {
      if (!column.table.empty() && (tables[t].key != column.table ||
                                    (!column.database.empty() && column.database != tables[t].name.database))) {
        continue;
      }
      bool has = tables[t].derived ? !column.table.empty()
                                   : schemas[t]->FindColumn(column.column) >= 0;
      if (has) candidates.push_back(t);
    }
    std::string shown = column.table.empty() ? column.column : column.table + "." + column.column;
    if (candidates.empty()) return Status::Error(ER_BAD_FIELD_ERROR, shown, "field list");
    if (candidates.size() > 1) return Status::Error(ER_NON_UNIQ_ERROR, column.column, "field list");
    if (tables[candidates[0]].derived) {
      return Status::Error(ER_NON_UPDATABLE_TABLE, tables[candidates[0]].key, "UPDATE");
    }
    owner[i] = candidates[0];
    if (std::find(order.begin(), order.end(), candidates[0]) == order.end()) order.push_back(candidates[0]);
  }
  std::vector<std::string> written;
  for (size_t target : order) written.push_back(tables[target].name.table);
  PORPOISE_RETURN_IF_ERROR(CheckTargetsNotRead(update.where.get(), written));
  for (const sql::Assignment& assignment : update.assignments) {
    PORPOISE_RETURN_IF_ERROR(CheckTargetsNotRead(assignment.value.get(), written));
  }
  PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<sql::SelectStatement> whole,
                            WholeJoin(update, &sql::UpdateStatement::tables, AssignedValues));
  PORPOISE_RETURN_IF_ERROR(CheckJoinQuery(*whole));
  PORPOISE_RETURN_IF_ERROR(BeginWrite(*schemas[order.front()]));
  RowCounts total;
  Status status = [&]() -> Status {
    for (size_t target : order) {
      const JoinTable& table = tables[target];
      PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<sql::UpdateStatement> parsed, CloneStatement(update));
      sql::UpdateStatement& copy = *parsed;
      sql::UpdateStatement single;
      single.ignore = update.ignore;
      auto ref = std::make_unique<sql::TableRef>();
      ref->kind = sql::TableRef::Kind::kTable;
      ref->name = table.name;
      ref->alias = table.key == table.name.table ? "" : table.key;
      single.tables.push_back(std::move(ref));
      for (size_t i = 0; i < copy.assignments.size(); ++i) {
        if (owner[i] != target) continue;
        sql::Assignment assignment;
        assignment.column = std::move(copy.assignments[i].column);
        sql::ExprPtr value = std::move(copy.assignments[i].value);
        if (value->kind != sql::ExprKind::kDefault && ReadsColumns(*value)) {
          PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<sql::SelectStatement> first,
                                    JoinQuery(update, &sql::UpdateStatement::tables, table.key,
                                              std::move(value), true));
          value = Scalar(std::move(first));
        }
        assignment.value = std::move(value);
        single.assignments.push_back(std::move(assignment));
      }
      PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<sql::SelectStatement> any,
                                JoinQuery(update, &sql::UpdateStatement::tables, table.key, nullptr,
                                          false));
      single.where = Exists(std::move(any));
      FirstErrorSink quiet;
      PORPOISE_RETURN_IF_ERROR(ExecuteUpdate(single, quiet, false));
      total.matched += last_update_counts_.matched;
      total.changed += last_update_counts_.changed;
    }
    return Status::OK();
  }();
  if (!status.ok()) return FinishWrite(std::move(status));
  PORPOISE_RETURN_IF_ERROR(EndWrite(true));
  SendUpdateOk(sink, more, total);
  return Status::OK();
}

Status Session::ExecuteMultiDelete(const sql::DeleteStatement& remove, ResultSink& sink, bool more) {
  JoinRewrite rewrite(&rewriting_join_);
  std::vector<JoinTable> tables;
  ListTables(remove.from, &tables);
  std::vector<const JoinTable*> targets;
  std::vector<std::shared_ptr<const catalog::TableSchema>> schemas;
  for (const sql::TableName& name : remove.targets) {
    // A target is named in the current database unless qualified, even when it is an alias
    // (1046 without one), and never one in information_schema (1044).
    const std::string& named_database = name.database.empty() ? database_ : name.database;
    if (named_database.empty()) return Status::Error(ER_NO_DB_ERROR);
    if (catalog::IsInformationSchema(named_database)) {
      return Status::Error(ER_DBACCESS_DENIED_ERROR, checker_.principal().account_user,
                           checker_.principal().account_host, "information_schema");
    }
    const JoinTable* table = FindTarget(tables, name);
    if (table == nullptr) return Status::Error(ER_UNKNOWN_TABLE, name.table, "MULTI DELETE");
    if (table->derived) return Status::Error(ER_NON_UPDATABLE_TABLE, table->key, "DELETE");
    if (std::find(targets.begin(), targets.end(), table) != targets.end()) continue;
    std::string database = table->name.database.empty() ? database_ : table->name.database;
    if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
    auto schema = catalog_->FindTable(database, table->name.table);
    if (!schema) return Status::Error(ER_NO_SUCH_TABLE, database, table->name.table);
    targets.push_back(table);
    schemas.push_back(std::move(schema));
  }
  std::vector<std::string> deleted_from;
  for (const JoinTable* table : targets) deleted_from.push_back(table->name.table);
  PORPOISE_RETURN_IF_ERROR(CheckTargetsNotRead(remove.where.get(), deleted_from));
  PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<sql::SelectStatement> whole,
                            WholeJoin(remove, &sql::DeleteStatement::from, NoValues));
  PORPOISE_RETURN_IF_ERROR(CheckJoinQuery(*whole));
  auto single_for = [&](const JoinTable& table) {
    sql::DeleteStatement single;
    single.ignore = remove.ignore;
    single.table = table.name;
    single.alias = table.key == table.name.table ? "" : table.key;
    return single;
  };
  PORPOISE_RETURN_IF_ERROR(BeginWrite(*schemas.front()));
  uint64_t deleted = 0;
  Status status = [&]() -> Status {
    if (targets.size() == 1) {
      sql::DeleteStatement single = single_for(*targets[0]);
      PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<sql::SelectStatement> any,
                                JoinQuery(remove, &sql::DeleteStatement::from, targets[0]->key,
                                          nullptr, false));
      single.where = Exists(std::move(any));
      FirstErrorSink quiet;
      PORPOISE_RETURN_IF_ERROR(ExecuteDelete(single, quiet, false));
      deleted = static_cast<uint64_t>(std::max<int64_t>(row_count_, 0));
      return Status::OK();
    }
    // Several targets: the keys of every target's rows first, read before anything is deleted.
    std::vector<std::vector<std::string>> conditions(targets.size());
    for (size_t t = 0; t < targets.size(); ++t) {
      const catalog::TableSchema& schema = *schemas[t];
      std::vector<std::string> columns;
      for (const catalog::IndexSchema& index : schema.indexes) {
        if (index.kind == sql::IndexDef::Kind::kPrimary) columns = index.columns;
      }
      bool by_key = !columns.empty();
      if (!by_key) {
        for (const catalog::ColumnSchema& column : schema.columns) {
          if (!column.generated()) columns.push_back(column.name);
        }
      }
      PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<sql::DeleteStatement> parsed, CloneStatement(remove));
      sql::DeleteStatement& copy = *parsed;
      auto query = std::make_unique<sql::SelectStatement>();
      query->from = std::move(copy.from);
      query->where = std::move(copy.where);
      query->distinct = true;
      for (const std::string& column : columns) {
        sql::SelectItem item;
        item.expr = sql::MakeColumnRef("", targets[t]->key, column);
        query->items.push_back(std::move(item));
      }
      TranslatorContext context = MakeTranslatorContext();
      Translator translator(context);
      PORPOISE_ASSIGN_OR_RETURN(TranslatedSelect translated, translator.TranslateSelect(*query));
      PORPOISE_RETURN_IF_ERROR(CheckReads(context));
      PORPOISE_ASSIGN_OR_RETURN(storage::Statement rows, PrepareTranslated(translated.sql, context));
      while (true) {
        Result<bool> step = rows.Step();
        if (!step.ok()) return TranslateStorageError(step.status());
        if (!step.value()) break;
        std::string condition;
        for (size_t c = 0; c < columns.size(); ++c) {
          Value value = ReadValue(rows, static_cast<int>(c));
          std::string literal = "NULL";
          std::string text;
          if (!value.is_null() && ToText(value, translated.columns[c].type, &text)) {
            literal = translated.columns[c].type.type == ValueType::kBinary
                          ? SqlHexLiteral(text)
                          : sql::QuoteString(text);
          }
          condition += (c > 0 ? " AND " : "") + sql::QuoteIdentifier(columns[c]) + " <=> " + literal;
        }
        conditions[t].push_back("(" + condition + ")");
      }
    }
    for (size_t t = 0; t < targets.size(); ++t) {
      // A few hundred rows per statement keeps each one's text small.
      for (size_t from = 0; from < conditions[t].size(); from += 200) {
        std::string where;
        for (size_t i = from; i < std::min(conditions[t].size(), from + 200); ++i) {
          where += (i > from ? " OR " : "") + conditions[t][i];
        }
        sql::DeleteStatement single = single_for(*targets[t]);
        single.alias.clear();
        PORPOISE_ASSIGN_OR_RETURN(sql::StatementPtr parsed,
                                  sql::ParseOne("SELECT 1 FROM DUAL WHERE " + where));
        single.where = std::move(static_cast<sql::SelectStatement&>(*parsed).where);
        FirstErrorSink quiet;
        PORPOISE_RETURN_IF_ERROR(ExecuteDelete(single, quiet, false));
        deleted += static_cast<uint64_t>(std::max<int64_t>(row_count_, 0));
      }
    }
    return Status::OK();
  }();
  if (!status.ok()) return FinishWrite(std::move(status));
  PORPOISE_RETURN_IF_ERROR(EndWrite(true));
  row_count_ = static_cast<int64_t>(deleted);
  SendOk(sink, more, deleted);
  return Status::OK();
}

}  // namespace porpoise::engine
