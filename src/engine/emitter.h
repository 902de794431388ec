// The emitter: the one place that writes a bound expression (bound_expr.h), or a bound query
// around such expressions (bound_query.h), as SQLite SQL.
//
// Constants become numbered parameters. Two things keep the SQL, and the time to run it,
// linear in the input however it nests:
//   - SQLite's parser stack holds about 100 entries (roughly 30 nested function calls), so a
//     subtree nesting deeper than the statement can hold is written as a sub-statement,
//     "SELECT <subtree>" (sub_statement.h), and called through pp_sub(<its number>,
//     <arguments>): its columns, subqueries and aggregates are the arguments, evaluated by
//     the statement around it, its constants are its own parameters, and it may hold
//     sub-statements of its own;
//   - a subtree the bound tree uses twice (one node with two parents) is written once, as a
//     sub-statement whose result pp_subm remembers for equal arguments;
//   - a subquery that reads nothing of the queries around it and stands inside another
//     subquery is written as a common table expression ahead of the statement ("s#N"), where
//     it nests no deeper however deep it stood. A correlated subquery stays where it is.
// (engine/)
#pragma once

#include <cstdint>
#include <string>

#include "engine/bound_expr.h"

namespace porpoise::engine {

struct TranslatorContext;

// Parser-stack units a statement leaves for one expression at top level.
inline constexpr uint32_t kExpressionBudget = 80;
// What a subquery's own expressions are held to less, per level it nests inside another: the
// room its SQL needs where it stands in the statement around it.
inline constexpr uint32_t kSubqueryReserve = 40;
// Parser-stack units of a subquery's own SELECT ... FROM ... WHERE around its expressions.
inline constexpr uint32_t kSubqueryOverhead = 8;

// Writes `expr`; its constants are added to `context.parameters`. `used` receives how many
// parser-stack units the written SQL nests (for a subquery holding it).
std::string EmitExpression(const BoundExpr& expr, TranslatorContext& context,
                           uint32_t* used = nullptr);

struct BoundQuery;
struct BoundCount;
struct BoundModification;
struct BoundInsert;
struct BoundRowFilter;

// Writes `query` as a SQLite SELECT. Each derived table is written once, as a common table
// expression added to `context.common_tables` (TranslatorContext::WithClause puts them in
// front); `context.deepest_emitted` rises to the deepest expression written.
std::string EmitQuery(const BoundQuery& query, TranslatorContext& context);
// A LIMIT / OFFSET operand.
std::string EmitCount(const BoundCount& count, TranslatorContext& context);
// UPDATE ... SET ... WHERE ... [ORDER BY ... LIMIT n] of `update`.
std::string EmitUpdate(const BoundModification& update, TranslatorContext& context);
// SELECT count(*) of the rows `update` matches (MySQL's "Rows matched").
std::string EmitMatchCount(const BoundModification& update, TranslatorContext& context);
// DELETE FROM ... WHERE ... [ORDER BY ... LIMIT n] of `deletion`.
std::string EmitDelete(const BoundModification& deletion, TranslatorContext& context);
// The rows an UPDATE or DELETE changes, one at a time (a table with triggers): SQLite's rowid,
// every column of the table in order, then each assignment's new value.
std::string EmitModifiedRows(const BoundModification& modification, TranslatorContext& context);
// INSERT INTO ... VALUES (?1, ..., ?n) [ON CONFLICT DO UPDATE SET ...] of `insert`; the
// ON CONFLICT values' constants are numbered after the row's n parameters
// (TranslatorContext::parameter_offset).
std::string EmitInsert(const BoundInsert& insert, TranslatorContext& context);
// SELECT of the positions of the rows `filter` keeps; its rows go first among
// `context.common_tables`.
std::string EmitRowFilter(const BoundRowFilter& filter, TranslatorContext& context);

// A double-quoted SQLite identifier.
std::string QuoteName(std::string_view name);
// The names of the result columns of `query`, and the first of them.
const std::vector<std::string>& ColumnNames(const BoundQuery& query);
const std::string& FirstColumnName(const BoundQuery& query);

}  // namespace porpoise::engine
