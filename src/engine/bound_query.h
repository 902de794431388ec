// BoundQuery: a SELECT, or a chain of set operations over SELECTs, after binding: every table
// resolved to its storage name, every expression a typed BoundExpr. It holds no SQL; the
// emitter writes it (EmitQuery in emitter.h), derived tables as common table expressions.
// (engine/)
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/bound_expr.h"
#include "sql/ast/statement.h"

namespace porpoise::engine {

struct BoundQuery;

// One FROM item.
struct BoundTableRef {
  enum class Kind : uint8_t { kTable, kDerived, kJoin, kFunction };
  Kind kind = Kind::kTable;
  // kFunction: a table function (runtime_table_functions.cc) and its arguments; for
  // pp_lateral, `derived` is the query, written as a sub-statement whose number comes first.
  std::string function;
  std::vector<BoundExpr> function_args;
  std::string storage_name;                   // kTable: the SQLite table or view
  std::string alias;                          // kTable, kDerived, kFunction: how columns name it
  std::shared_ptr<const BoundQuery> derived;  // kDerived, pp_lateral
  // kDerived: the names its columns go by when they differ from the query's own (a view's
  // column list); empty otherwise.
  std::vector<std::string> column_names;
  // kDerived: the name it is written under, which its query uses to read itself (a recursive
  // common table); "" to have one made up.
  std::string common_name;
  std::shared_ptr<const BoundTableRef> left, right;  // kJoin
  sql::JoinType join_type = sql::JoinType::kInner;
  bool natural = false;
  std::optional<BoundExpr> on;
  std::vector<std::string> using_columns;
};

// A GROUP BY or ORDER BY term: an expression, or a result-column position ("2").
struct BoundTerm {
  std::optional<BoundExpr> expr;
  std::string position;
  bool descending = false;
};

// A LIMIT or OFFSET operand: a count written in the statement, or an expression.
struct BoundCount {
  std::optional<uint64_t> literal;
  std::optional<BoundExpr> expr;
};

// One SELECT without set operations.
struct BoundSelect {
  bool distinct = false;
  std::vector<BoundExpr> items;
  std::vector<std::string> names;  // the result columns' names, one per item
  std::vector<std::shared_ptr<const BoundTableRef>> from;
  std::optional<BoundExpr> where;
  std::vector<BoundTerm> group_by;
  std::optional<BoundExpr> having;
  std::vector<BoundTerm> order_by;
  std::optional<BoundCount> limit, offset;
};

struct BoundQuery {
  enum class Kind : uint8_t {
    kSelect,        // `select`
    kWrapped,       // SELECT * FROM (`inner`) with this level's ORDER BY / LIMIT
    kSetOperation,  // members[0] op[0] members[1] op[1] ...
  };
  struct SetOperator {
    sql::SelectStatement::SetOperator op = sql::SelectStatement::SetOperator::kUnion;
    bool all = false;
  };

  Kind kind = Kind::kSelect;
  BoundSelect select;
  // kSelect: it reads a column of an enclosing query (so it cannot run on its own).
  bool correlated = false;
  std::shared_ptr<const BoundQuery> inner;
  // kWrapped: the columns shown, each named as `inner`'s; empty: all of them as they are.
  std::vector<BoundExpr> items;
  std::vector<BoundTerm> order_by;            // kWrapped
  std::optional<BoundCount> limit, offset;    // kWrapped
  std::vector<std::shared_ptr<const BoundQuery>> members;  // kSetOperation
  std::vector<SetOperator> operators;                      // between members
  // kSetOperation (not a recursive common table's): its DISTINCT operators keep each row's
  // first occurrence, in the order the members give their rows (MySQL's), not SQLite's last
  // one in sorted order.
  bool first_seen = false;
};

// A single-table UPDATE or DELETE after binding.
struct BoundModification {
  std::string storage_name;  // the SQLite table written
  std::string alias;
  // UPDATE: column name = value (each value already wrapped in mysql_store, which converts
  // it into the column with MySQL's rules).
  std::vector<std::pair<std::string, BoundExpr>> assignments;
  std::optional<BoundExpr> where;
  std::vector<BoundTerm> order_by;
  std::optional<BoundCount> limit;
  // UPDATE without ORDER BY / LIMIT: true when a row already holds its new values, so that
  // only rows that change are written and counted (MySQL's "Changed").
  std::optional<BoundExpr> unchanged;
};

// INSERT (or REPLACE) of one row of parameters ?1..?n, one per column of the table in order,
// after binding; ON DUPLICATE KEY UPDATE becomes ON CONFLICT DO UPDATE.
struct BoundInsert {
  bool replace = false;
  std::string storage_name;
  std::string alias;
  std::vector<std::string> columns;  // every column of the table, in order
  // ON DUPLICATE KEY UPDATE: column name = value (wrapped in mysql_store).
  std::vector<std::pair<std::string, BoundExpr>> on_duplicate;
};

// SHOW ... WHERE: a condition over rows the server computed (not a table). The rows become a
// common table expression of bound values named `alias`, with columns `names`; the query
// selects the position (from 0) of every row `where` keeps.
struct BoundRowFilter {
  std::string alias;
  std::vector<std::string> names;
  std::vector<std::vector<Value>> rows;
  BoundExpr where;
};

}  // namespace porpoise::engine
