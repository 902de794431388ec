// ONLY_FULL_GROUP_BY: MySQL 8's check that every column a grouped query reads outside an
// aggregate (in the select list, HAVING and ORDER BY) is a GROUP BY column, part of a GROUP
// BY expression written the same way, or functionally dependent on GROUP BY columns through
// a PRIMARY KEY or a UNIQUE key of NOT NULL columns. 1055 with GROUP BY, 1140 without.
// Also DISTINCT's rule that ORDER BY reads only what the select list has (3065 / 3066).
// (engine/)
#include <algorithm>
#include <cstdlib>
#include <functional>
#include <set>

#include "common/strings.h"
#include "engine/translator.h"
#include "sql/parser.h"
#include "sql/printer.h"

namespace porpoise::engine {

namespace {

// Column references of `expr` outside aggregates and subqueries (a window function is no
// aggregate: it reads the grouped rows, its window's expressions too).
void CollectColumns(const sql::Expr& expr, std::vector<const sql::Expr*>* out) {
  if (expr.kind == sql::ExprKind::kFunction && IsAggregateFunction(ToUpperAscii(expr.text)) &&
      !expr.over) {
    return;
  }
  if (expr.over) {
    for (const sql::ExprPtr& part : expr.over->partition) {
      if (part) CollectColumns(*part, out);
    }
    for (const auto& term : expr.over->order) {
      if (term.first) CollectColumns(*term.first, out);
    }
  }
  if (expr.kind == sql::ExprKind::kColumnRef) {
    if (expr.column != "*") out->push_back(&expr);
    return;
  }
  for (const sql::ExprPtr& arg : expr.args) {
    if (arg) CollectColumns(*arg, out);
  }
  if (expr.case_operand) CollectColumns(*expr.case_operand, out);
  if (expr.else_expr) CollectColumns(*expr.else_expr, out);
}

bool ContainsAggregate(const sql::Expr& expr) {
  if (expr.kind == sql::ExprKind::kFunction && IsAggregateFunction(ToUpperAscii(expr.text)) &&
      !expr.over) {
    return true;
  }
  for (const sql::ExprPtr& arg : expr.args) {
    if (arg && ContainsAggregate(*arg)) return true;
  }
  return (expr.case_operand && ContainsAggregate(*expr.case_operand)) ||
         (expr.else_expr && ContainsAggregate(*expr.else_expr));
}

std::string ColumnKey(const std::string& alias, const std::string& column) {
  return alias + "\x1f" + ToLowerAscii(column);
}

// Every column reference of `expr` (subqueries aside), to qualify with its table.
void CollectMutableColumns(sql::Expr* expr, std::vector<sql::Expr*>* out) {
  if (expr->kind == sql::ExprKind::kColumnRef) out->push_back(expr);
  for (sql::ExprPtr& arg : expr->args) {
    if (arg) CollectMutableColumns(arg.get(), out);
  }
  if (expr->case_operand) CollectMutableColumns(expr->case_operand.get(), out);
  if (expr->else_expr) CollectMutableColumns(expr->else_expr.get(), out);
}

// The expression with each column written as `alias`.`column`, so that `BINARY a` and
// `BINARY s.a` match as MySQL matches them: by what they read, not by how it is written.
// `qualify` rewrites one column reference in place (it leaves outer and unknown ones).
template <typename Qualify>
std::string GroupMatchText(const sql::Expr& expr, Qualify qualify) {
  std::string text = sql::ToSql(expr);
  Result<sql::ExprPtr> copy = sql::ParseExpression(text);
  if (!copy.ok()) return text;
  std::vector<sql::Expr*> columns;
  CollectMutableColumns(copy->get(), &columns);
  for (sql::Expr* column : columns) {
    if (column->column != "*") qualify(column);
  }
  return sql::ToSql(**copy);
}

}  // namespace

void Translator::QualifyColumn(sql::Expr* column, const Scope& scope) {
  Result<BoundExpr> resolved = TranslateExpr(*column, scope, Clause::kWhere);
  if (!resolved.ok() || resolved->type.column == nullptr) return;
  column->database.clear();
  column->table = resolved->type.table_alias;
  column->column = ToLowerAscii(resolved->type.column->name);
}

Status Translator::CheckFullGroupBy(const sql::SelectStatement& select, const Scope& scope) {
  auto qualify = [&](sql::Expr* column) { QualifyColumn(column, scope); };
  std::set<std::string> group_columns;
  std::set<std::string> group_texts;
  for (const sql::ExprPtr& group : select.group_by) {
    const sql::Expr* expr = group.get();
    if (expr->kind == sql::ExprKind::kLiteral && expr->literal_kind == sql::LiteralKind::kInteger) {
      size_t position = std::strtoull(expr->text.c_str(), nullptr, 10);
      if (position >= 1 && position <= select.items.size()) expr = select.items[position - 1].expr.get();
      // Grouping on an aggregate: MySQL's 1111, before any dependency question.
      if (ContainsAggregate(*expr)) return Status::Error(ER_INVALID_GROUP_FUNC_USE);
    } else if (expr->kind == sql::ExprKind::kColumnRef && expr->table.empty()) {
      for (const sql::SelectItem& item : select.items) {
        if (!item.alias.empty() && EqualsIgnoreCase(item.alias, expr->column)) expr = item.expr.get();
      }
    }
    group_texts.insert(sql::ToSql(*expr));
    group_texts.insert(GroupMatchText(*expr, qualify));
    if (expr->kind != sql::ExprKind::kColumnRef) continue;
    // Resolved as a column of the FROM tables (select-list aliases were replaced above).
    Result<BoundExpr> resolved = TranslateExpr(*expr, scope, Clause::kWhere);
    if (resolved.ok() && resolved->type.column != nullptr) {
      group_columns.insert(ColumnKey(resolved->type.table_alias, resolved->type.column->name));
    }
  }
  // Tables whose every column is determined by the group: a key fully in GROUP BY.
  std::set<std::string> determined_tables;
  for (const ScopeTable& table : scope.tables) {
    if (!table.schema) continue;
    for (const catalog::IndexSchema& index : table.schema->indexes) {
      if (!index.unique()) continue;
      bool covered = true;
      for (const std::string& column : index.columns) {
        int position = table.schema->FindColumn(column);
        bool not_null = position >= 0 && !table.schema->columns[static_cast<size_t>(position)].nullable;
        covered = covered && not_null && group_columns.count(ColumnKey(table.alias, column)) > 0;
      }
      if (covered) determined_tables.insert(table.alias);
    }
  }
  auto check = [&](const sql::Expr& expr, size_t number, std::string_view clause) -> Status {
    if (group_texts.count(sql::ToSql(expr)) > 0) return Status::OK();
    if (expr.kind != sql::ExprKind::kColumnRef && group_texts.count(GroupMatchText(expr, qualify)) > 0) {
      return Status::OK();
    }
    std::vector<const sql::Expr*> columns;
    CollectColumns(expr, &columns);
    for (const sql::Expr* column : columns) {
      Result<BoundExpr> resolved = TranslateExpr(*column, scope, Clause::kFieldList);
      if (!resolved.ok() || resolved->type.column == nullptr) continue;  // outer or derived
      const ExprType& type = resolved->type;
      if (group_columns.count(ColumnKey(type.table_alias, type.column->name)) > 0) continue;
      if (determined_tables.count(type.table_alias) > 0) continue;
      std::string name = type.schema + "." + type.table_alias + "." + type.column->name;
      if (select.group_by.empty()) {
        return Status::Error(ER_MIX_OF_GROUP_FUNC_AND_FIELDS, static_cast<unsigned>(number), name);
      }
      return Status::Error(ER_WRONG_FIELD_WITH_GROUP, static_cast<unsigned>(number), clause, name);
    }
    return Status::OK();
  };
  // (an item's number counts the columns a * before it stands for, as MySQL expands it)
  size_t number = 0;
  for (size_t i = 0; i < select.items.size(); ++i) {
    const sql::Expr& expr = *select.items[i].expr;
    if (expr.kind == sql::ExprKind::kColumnRef && expr.column == "*") {
      for (const ScopeTable& table : scope.tables) {
        if (!table.schema || (!expr.table.empty() && table.alias != expr.table)) continue;
        for (const catalog::ColumnSchema& column : table.schema->columns) {
          if (column.hidden() || column.invisible) continue;
          sql::Expr ref;
          ref.kind = sql::ExprKind::kColumnRef;
          ref.table = table.alias;
          ref.column = column.name;
          PORPOISE_RETURN_IF_ERROR(check(ref, ++number, "SELECT list"));
        }
      }
      continue;
    }
    PORPOISE_RETURN_IF_ERROR(check(expr, ++number, "SELECT list"));
  }
  if (select.having) PORPOISE_RETURN_IF_ERROR(check(*select.having, 1, "HAVING clause"));
  // (an aggregated query without GROUP BY is one row: MySQL drops its ORDER BY unchecked)
  for (size_t i = 0; i < select.order_by.size() && !select.group_by.empty(); ++i) {
    const sql::Expr& expr = *select.order_by[i].expr;
    bool names_item = expr.kind == sql::ExprKind::kLiteral ||
                      (expr.kind == sql::ExprKind::kColumnRef && expr.table.empty() &&
                       std::any_of(select.items.begin(), select.items.end(),
                                   [&](const sql::SelectItem& item) {
                                     return !item.alias.empty() &&
                                            EqualsIgnoreCase(item.alias, expr.column);
                                   }));
    if (!names_item) PORPOISE_RETURN_IF_ERROR(check(expr, i + 1, "ORDER BY clause"));
  }
  return Status::OK();
}

// With DISTINCT, an ORDER BY expression that is no select-list item may combine items, but a
// column it reads outside them must be a select-list column (3065), and it may hold no
// aggregate of its own (3066): the rows it would sort by are gone once duplicates are.
Status Translator::CheckDistinctOrder(const sql::SelectStatement& select, const Scope& scope) {
  auto qualify = [&](sql::Expr* column) { QualifyColumn(column, scope); };
  std::set<std::string> item_texts;
  std::set<std::string> item_columns;
  for (const sql::SelectItem& item : select.items) {
    const sql::Expr& expr = *item.expr;
    if (expr.kind == sql::ExprKind::kColumnRef && expr.column == "*") {
      for (const ScopeTable& table : scope.tables) {
        if (!table.schema || (!expr.table.empty() && table.alias != expr.table)) continue;
        for (const catalog::ColumnSchema& column : table.schema->columns) {
          item_columns.insert(ColumnKey(table.alias, column.name));
        }
      }
      continue;
    }
    item_texts.insert(sql::ToSql(expr));
    item_texts.insert(GroupMatchText(expr, qualify));
    if (expr.kind != sql::ExprKind::kColumnRef) continue;
    Result<BoundExpr> resolved = TranslateExpr(expr, scope, Clause::kWhere);
    if (resolved.ok() && resolved->type.column != nullptr) {
      item_columns.insert(ColumnKey(resolved->type.table_alias, resolved->type.column->name));
    }
  }
  size_t number = 0;
  std::function<Status(const sql::Expr&)> walk = [&](const sql::Expr& expr) -> Status {
    if (item_texts.count(sql::ToSql(expr)) > 0) return Status::OK();
    if (expr.kind != sql::ExprKind::kColumnRef && item_texts.count(GroupMatchText(expr, qualify)) > 0) {
      return Status::OK();
    }
    if (expr.subquery) return Status::OK();
    if (expr.kind == sql::ExprKind::kFunction && IsAggregateFunction(ToUpperAscii(expr.text)) && !expr.over) {
      return Status::Error(ER_AGGREGATE_IN_ORDER_NOT_SELECT, static_cast<unsigned>(number), "DISTINCT");
    }
    if (expr.kind == sql::ExprKind::kColumnRef) {
      Result<BoundExpr> resolved = TranslateExpr(expr, scope, Clause::kFieldList);
      if (!resolved.ok() || resolved->type.column == nullptr) return Status::OK();  // outer or derived
      const ExprType& type = resolved->type;
      if (item_columns.count(ColumnKey(type.table_alias, type.column->name)) > 0) return Status::OK();
      std::string name = type.schema + "." + type.table_alias + "." + type.column->name;
      return Status::Error(ER_FIELD_IN_ORDER_NOT_SELECT, static_cast<unsigned>(number), name, "DISTINCT");
    }
    for (const sql::ExprPtr& arg : expr.args) {
      if (arg) PORPOISE_RETURN_IF_ERROR(walk(*arg));
    }
    for (const sql::ExprPtr* part : {&expr.case_operand, &expr.else_expr}) {
      if (*part) PORPOISE_RETURN_IF_ERROR(walk(**part));
    }
    return Status::OK();
  };
  for (size_t i = 0; i < select.order_by.size(); ++i) {
    const sql::Expr& expr = *select.order_by[i].expr;
    bool names_item = expr.kind == sql::ExprKind::kLiteral ||
                      (expr.kind == sql::ExprKind::kColumnRef && expr.table.empty() &&
                       std::any_of(select.items.begin(), select.items.end(),
                                   [&](const sql::SelectItem& item) {
                                     return !item.alias.empty() && EqualsIgnoreCase(item.alias, expr.column);
                                   }));
    if (names_item) continue;
    number = i + 1;
    PORPOISE_RETURN_IF_ERROR(walk(expr));
  }
  return Status::OK();
}

}  // namespace porpoise::engine
