// GROUP BY ... WITH ROLLUP: a query block with n grouping expressions becomes the UNION ALL of
// n + 1 groupings (all n, the first n - 1, ..., none), each with the rolled-up expressions
// NULL outside aggregates and GROUPING() a constant, read back in MySQL's order: by group,
// each super-aggregate row after the rows it sums, the grand total last (or by the query's own
// ORDER BY, then that order). The expansion is written as SQL and read back, so it binds like
// any query; its column names are the block's. (engine/)
#include <algorithm>
#include <cstdlib>
#include <optional>

#include "common/strings.h"
#include "engine/ddl_util.h"
#include "engine/function_registry.h"
#include "engine/translator.h"
#include "sql/parser.h"
#include "sql/printer.h"

namespace porpoise::engine {

namespace {

bool IsAggregateCall(const sql::Expr& expr) {
  if (expr.kind != sql::ExprKind::kFunction || !expr.database.empty()) return false;
  const FunctionDef* def = FunctionRegistry::Get().Find(ToUpperAscii(expr.text));
  return def != nullptr && def->aggregate;
}

bool IsGroupingCall(const sql::Expr& expr) {
  return expr.kind == sql::ExprKind::kFunction && expr.database.empty() &&
         ToUpperAscii(expr.text) == "GROUPING";
}

// Whether `a` is the grouping expression `b`: the same tree, or the same column named with
// or without its table.
bool SameGroup(const sql::Expr& a, const sql::Expr& b) {
  if (a.kind == sql::ExprKind::kColumnRef && b.kind == sql::ExprKind::kColumnRef) {
    return EqualsIgnoreCase(a.column, b.column) &&
           (a.table.empty() || b.table.empty() || a.table == b.table);
  }
  return sql::Equals(a, b);
}

bool ContainsGrouping(const sql::Expr& expr) {
  if (IsGroupingCall(expr)) return true;
  return std::any_of(expr.args.begin(), expr.args.end(),
                     [](const sql::ExprPtr& arg) { return arg && ContainsGrouping(*arg); });
}

// Replaces, outside aggregate calls and subqueries, each expression equal to a rolled-up
// grouping expression (groups[kept...]) with NULL, and each GROUPING(...) with its value.
Status Rewrite(sql::ExprPtr& expr, const std::vector<const sql::Expr*>& groups, size_t kept) {
  if (!expr) return Status::OK();
  if (IsGroupingCall(*expr)) {
    int64_t value = 0;
    for (size_t i = 0; i < expr->args.size(); ++i) {
      const sql::Expr& arg = *expr->args[i];
      if (arg.kind == sql::ExprKind::kLiteral) return Status::Error(ER_WRONG_ARGUMENTS, "GROUPING");
      auto found = std::find_if(groups.begin(), groups.end(),
                                [&](const sql::Expr* group) { return SameGroup(arg, *group); });
      if (found == groups.end()) return Status::Error(ER_FIELD_IN_GROUPING_NOT_GROUP_BY, i + 1);
      value = value * 2 + (static_cast<size_t>(found - groups.begin()) >= kept ? 1 : 0);
    }
    expr = sql::MakeLiteral(sql::LiteralKind::kInteger, std::to_string(value));
    return Status::OK();
  }
  if (IsAggregateCall(*expr) || expr->subquery) return Status::OK();
  for (size_t j = kept; j < groups.size(); ++j) {
    if (SameGroup(*expr, *groups[j])) {
      expr = sql::MakeLiteral(sql::LiteralKind::kNull, "");
      return Status::OK();
    }
  }
  for (sql::ExprPtr& arg : expr->args) PORPOISE_RETURN_IF_ERROR(Rewrite(arg, groups, kept));
  PORPOISE_RETURN_IF_ERROR(Rewrite(expr->case_operand, groups, kept));
  return Rewrite(expr->else_expr, groups, kept);
}

// GROUP BY 2 and GROUP BY alias name the select list's expressions.
Status ResolveGroupList(sql::SelectStatement* select) {
  for (sql::ExprPtr& group : select->group_by) {
    if (ContainsGrouping(*group)) return Status::Error(ER_WRONG_GROUP_FIELD, sql::ToSql(*group));
    if (group->kind == sql::ExprKind::kLiteral && group->literal_kind == sql::LiteralKind::kInteger) {
      size_t position = static_cast<size_t>(std::strtoull(group->text.c_str(), nullptr, 10));
      if (position < 1 || position > select->items.size()) {
        return Status::Error(ER_BAD_FIELD_ERROR, group->text, "group statement");
      }
      PORPOISE_ASSIGN_OR_RETURN(group, CloneExpr(*select->items[position - 1].expr));
      continue;
    }
    if (group->kind != sql::ExprKind::kColumnRef || !group->table.empty()) continue;
    for (const sql::SelectItem& item : select->items) {
      if (item.alias.empty() || !EqualsIgnoreCase(item.alias, group->column)) continue;
      bool same_column = item.expr->kind == sql::ExprKind::kColumnRef &&
                         EqualsIgnoreCase(item.expr->column, group->column);
      if (!same_column) {
        PORPOISE_ASSIGN_OR_RETURN(group, CloneExpr(*item.expr));
      }
      break;
    }
  }
  return Status::OK();
}

std::string Hidden(char kind, size_t number) {
  return sql::QuoteIdentifier(std::string("#") + kind + std::to_string(number));
}

}  // namespace

Result<const sql::SelectStatement*> Translator::ExpandRollup(const sql::SelectStatement& select,
                                                           bool with_order_and_limit) {
  for (const sql::SelectItem& item : select.items) {
    if (item.expr->kind == sql::ExprKind::kColumnRef && item.expr->column == "*") {
      return Status::Error(ER_NOT_SUPPORTED_YET, "SELECT * with WITH ROLLUP");
    }
  }
  size_t groups = select.group_by.size();
  // The user's ORDER BY: a select-list column, or an expression computed in each grouping.
  struct OrderTerm {
    std::optional<size_t> column;  // #c<n>
    bool descending = false;
  };
  std::vector<OrderTerm> order;
  std::vector<const sql::Expr*> order_exprs;  // hidden #o<n>, in the block's own terms
  if (with_order_and_limit) {
    for (const sql::OrderItem& item : select.order_by) {
      OrderTerm term;
      term.descending = item.descending;
      const sql::Expr& expr = *item.expr;
      if (expr.kind == sql::ExprKind::kLiteral && expr.literal_kind == sql::LiteralKind::kInteger) {
        size_t position = static_cast<size_t>(std::strtoull(expr.text.c_str(), nullptr, 10));
        if (position < 1 || position > select.items.size()) {
          return Status::Error(ER_BAD_FIELD_ERROR, expr.text, "order clause");
        }
        term.column = position - 1;
      } else if (expr.kind == sql::ExprKind::kColumnRef && expr.table.empty()) {
        for (size_t i = 0; i < select.items.size(); ++i) {
          if (!select.items[i].alias.empty() && EqualsIgnoreCase(select.items[i].alias, expr.column)) {
            term.column = i;
            break;
          }
        }
      }
      if (!term.column) order_exprs.push_back(&expr);
      order.push_back(term);
    }
  }

  std::vector<std::string> levels;
  for (size_t kept = groups + 1; kept-- > 0;) {
    PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<sql::SelectStatement> level, CloneStatement(select));
    level->with.clear();
    level->with_rollup = false;
    level->order_by.clear();
    level->limit.reset();
    level->offset.reset();
    level->unions.clear();
    PORPOISE_RETURN_IF_ERROR(ResolveGroupList(level.get()));
    std::vector<const sql::Expr*> group_exprs;
    for (const sql::ExprPtr& group : level->group_by) group_exprs.push_back(group.get());
    // The hidden columns MySQL's order needs: for each grouping expression, whether it is
    // rolled up here and its value.
    std::vector<sql::SelectItem> hidden;
    for (size_t j = 0; j < groups; ++j) {
      sql::SelectItem rolled;
      rolled.expr = sql::MakeLiteral(sql::LiteralKind::kInteger, j >= kept ? "1" : "0");
      rolled.alias = "#r" + std::to_string(j);
      hidden.push_back(std::move(rolled));
      sql::SelectItem value;
      if (j >= kept) {
        value.expr = sql::MakeLiteral(sql::LiteralKind::kNull, "");
      } else {
        PORPOISE_ASSIGN_OR_RETURN(value.expr, CloneExpr(*group_exprs[j]));
      }
      value.alias = "#g" + std::to_string(j);
      hidden.push_back(std::move(value));
    }
    for (size_t j = 0; j < order_exprs.size(); ++j) {
      sql::SelectItem term;
      PORPOISE_ASSIGN_OR_RETURN(term.expr, CloneExpr(*order_exprs[j]));
      PORPOISE_RETURN_IF_ERROR(Rewrite(term.expr, group_exprs, kept));
      term.alias = "#o" + std::to_string(j);
      hidden.push_back(std::move(term));
    }
    for (size_t i = 0; i < level->items.size(); ++i) {
      PORPOISE_RETURN_IF_ERROR(Rewrite(level->items[i].expr, group_exprs, kept));
      level->items[i].alias = "#c" + std::to_string(i);
    }
    PORPOISE_RETURN_IF_ERROR(Rewrite(level->having, group_exprs, kept));
    if (kept == 0) {
      // The grand total of no rows is no row.
      sql::ExprPtr count = sql::MakeFunction("COUNT", {});
      count->star = true;
      sql::ExprPtr some = sql::MakeBinary(sql::Operator::kGt, std::move(count),
                                          sql::MakeLiteral(sql::LiteralKind::kInteger, "0"));
      level->having = level->having ? sql::MakeBinary(sql::Operator::kAnd, std::move(level->having),
                                                      std::move(some))
                                    : std::move(some);
    }
    // Every grouping counts its rows: the grand total's block is then an aggregate query
    // (its HAVING needs one) even when the select list holds no aggregate.
    sql::SelectItem counted;
    counted.expr = sql::MakeFunction("COUNT", {});
    counted.expr->star = true;
    counted.alias = "#n";
    hidden.push_back(std::move(counted));
    for (sql::SelectItem& item : hidden) level->items.push_back(std::move(item));
    level->group_by.resize(kept);
    levels.push_back("(" + sql::ToSqlNumberingParameters(*level) + ")");
  }

  std::string text = "SELECT ";
  for (size_t i = 0; i < select.items.size(); ++i) {
    const sql::SelectItem& item = select.items[i];
    // A column is named by its column name (as MySQL names it), anything else by its text.
    std::string name = !item.alias.empty()                             ? item.alias
                       : item.expr->kind == sql::ExprKind::kColumnRef ? item.expr->column
                       : !item.source.empty()                          ? item.source
                                                                       : sql::ToSql(*item.expr);
    text += (i > 0 ? ", " : "") + std::string("`#rollup`.") + Hidden('c', i) + " AS " +
            sql::QuoteIdentifier(name);
  }
  text += " FROM (";
  for (size_t i = 0; i < levels.size(); ++i) text += (i > 0 ? " UNION ALL " : "") + levels[i];
  text += ") AS `#rollup` ORDER BY ";
  std::vector<std::string> keys;
  size_t next_hidden = 0;
  for (const OrderTerm& term : order) {
    std::string key = term.column ? Hidden('c', *term.column) : Hidden('o', next_hidden++);
    keys.push_back(key + (term.descending ? " DESC" : ""));
  }
  for (size_t j = 0; j < groups; ++j) {
    keys.push_back(Hidden('r', j));
    keys.push_back(Hidden('g', j));
  }
  for (size_t i = 0; i < keys.size(); ++i) text += (i > 0 ? ", " : "") + keys[i];
  if (with_order_and_limit && select.limit) {
    text += " LIMIT " + sql::ToSqlNumberingParameters(*select.limit);
    if (select.offset) text += " OFFSET " + sql::ToSqlNumberingParameters(*select.offset);
  }
  // Printed text reads back the same in any sql_mode; its parameters keep their numbers.
  sql::ParserOptions options;
  options.numbered_parameters = true;
  PORPOISE_ASSIGN_OR_RETURN(sql::StatementPtr expanded, sql::ParseOne(text, options));
  std::shared_ptr<const sql::Statement> kept(std::move(expanded));
  context_.rewritten_statements.push_back(kept);
  return static_cast<const sql::SelectStatement*>(kept.get());
}

}  // namespace porpoise::engine
