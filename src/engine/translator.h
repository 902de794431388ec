// The translator (the binder): walks a MySQL AST, resolving names against the catalog
// (1146 / 1054 / 1052), and binds each expression into a typed BoundExpr tree (bound_expr.h)
// with MySQL's result types, so result sets carry MySQL's column metadata; functions come
// from the registry (function_registry.h). The emitter (emitter.h) writes the expressions as
// SQLite SQL; the translator assembles the statements around them. (engine/)
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "common/result_sink.h"
#include "common/status.h"
#include "engine/bound_expr.h"
#include "engine/bound_query.h"
#include "engine/emitter.h"
#include "engine/expr_type.h"
#include "engine/sub_statement.h"
#include "engine/value.h"
#include "sql/ast/parse_meter.h"
#include "sql/ast/statement.h"
#include "sql/printer.h"

namespace porpoise::engine {

class SessionVariables;
class ProgramFrame;

// A stored function a statement calls: pp_sf(n, arguments...) calls calls[n].
struct FunctionDef;  // function_registry.h

struct StoredCall {
  std::shared_ptr<const catalog::RoutineSchema> routine;
  std::vector<ExprType> argument_types;
  std::shared_ptr<const catalog::ColumnSchema> returns;  // the call's type points here
};

// One column of a result set: the wire metadata and how to format values.
struct OutputColumn {
  ColumnInfo info;
  ExprType type;
};

// ColumnInfo for an expression of `type` named `name`.
ColumnInfo MakeColumnInfo(const ExprType& type, std::string name);
// The column type MySQL gives a value of `type` where it makes a column of one: a view's
// column, a column of CREATE TABLE ... SELECT.
sql::DataType DataTypeOf(const ExprType& type);
// One SQLite value of a result column as the typed value the server encodes; `buffer` holds
// text made for it (a DECIMAL's digits) and must outlive the row.
FieldValue ResultField(const Value& value, const ExprType& type, std::string* buffer);

// A column of a table that a statement reads.
struct ColumnRead {
  std::string database;
  std::string table;
  std::string column;
  bool star = false;  // named by `*`: refused for the whole table (1142), not the column
};

// A column reference as CREATE VIEW keeps it: {database ("" unless the table goes by its own
// name), table alias, column}.
struct StarColumn {
  std::string database, alias, column;
};

// What the translator needs from the session. Borrowed for one statement.
struct TranslatorContext {
  std::shared_ptr<const catalog::CatalogSnapshot> catalog;
  // Statements the binder wrote for itself (a WITH ROLLUP query's expansion): bound trees may
  // point into them.
  std::vector<std::shared_ptr<const sql::Statement>> rewritten_statements;
  // What bound column types point into besides the catalog (JSON_TABLE's column schemas):
  // kept as long as the context, as the catalog snapshot is.
  std::vector<std::shared_ptr<const void>> kept_alive;
  std::string current_database;  // "" when none
  const SessionVariables* variables = nullptr;
  const std::map<std::string, Value>* user_variables = nullptr;  // keys lower case
  // The statement assigns user variables (@v := x): it reads them as it runs, not when bound.
  bool runtime_user_variables = false;
  std::string user;          // USER(): user@client_host
  std::string current_user;  // CURRENT_USER(): account_user@account_host
  std::string current_role;  // CURRENT_ROLE(): "NONE" or `r`@`h`,...
  uint32_t connection_id = 0;
  uint64_t last_insert_id = 0;
  int64_t row_count = -1;
  uint64_t found_rows = 0;
  bool pipes_as_concat = false;
  // The session's time zone is not UTC: a TIMESTAMP column (kept in UTC) is read through
  // mysql_timestamp_read into it.
  bool timestamps_local = false;
  uint32_t div_precision_increment = 4;
  bool allow_values_function = false;  // ON DUPLICATE KEY UPDATE: VALUES(col) -> excluded.col
  bool only_full_group_by = false;     // sql_mode's ONLY_FULL_GROUP_BY
  bool no_unsigned_subtraction = false;  // sql_mode's NO_UNSIGNED_SUBTRACTION
  bool no_backslash_escapes = false;     // sql_mode's NO_BACKSLASH_ESCAPES: LIKE escapes with NUL only
  bool strict = false;                   // sql_mode's STRICT_TRANS_TABLES or STRICT_ALL_TABLES
  // The dates sql_mode allows (NO_ZERO_DATE, NO_ZERO_IN_DATE, ALLOW_INVALID_DATES): what a
  // DATE'…' literal may be, and how a date function reads a string argument.
  types::DateChecks sql_mode_dates;
  uint64_t warning_count = 0;          // @@warning_count: the previous statement's diagnostics
  int64_t statement_micros = 0;        // the statement's clock (@@timestamp when not set)
  uint64_t error_count = 0;            // @@error_count
  // collation_connection: the collation of string literals and of numbers made strings.
  const types::Collation* connection_collation = &types::DefaultCollation();

  // The bound parameters of the SQL being produced: literals never appear in the SQL text,
  // each is a numbered placeholder "?N" whose value is parameters[N-1].
  std::vector<Value> parameters;
  // Placeholders are numbered from parameter_offset + 1 (INSERT's own row values come first).
  size_t parameter_offset = 0;
  // Adds `value` as a parameter (reusing an equal one, except while binding a shape) and
  // returns its placeholder; `shape_literal` as BoundExpr::shape_literal.
  std::string Parameter(const Value& value, int32_t shape_literal = -1);

  // Binding a text statement's shape (Session::ExecuteSharedSelect, SharedWritePlan): the
  // literal nodes another run may give other values, with their numbers. Each constant bound
  // from one carries its number; `shape_values` receives the constant, `shape_slots` the
  // parameter index it was first written to (kShapeUnwritten; kShapeUnusable when written
  // changed or inside a sub-statement) and `shape_extra_slots` the others it was written to
  // unchanged (an UPDATE writes its WHERE twice), so that the plan may be run again with other
  // values in those parameters.
  const std::map<const sql::Expr*, int32_t>* shape_literals = nullptr;
  std::vector<Value> shape_values;
  std::vector<int64_t> shape_slots;
  std::vector<std::pair<int32_t, size_t>> shape_extra_slots;  // (literal, parameter index)
  static constexpr int64_t kShapeUnwritten = -1;
  static constexpr int64_t kShapeUnusable = -2;
  // A constant of shape literal `index` kept from being written as a parameter of this
  // context (a sub-statement's): the plan cannot take another value for it.
  void ShapeLiteralUnusable(int32_t index);

  // The emitter's sub-statements (emitter.h), numbered from 0 in this context. Each is
  // registered with the connection when the SQL is prepared (Session::PrepareTranslated),
  // which then adds the connection's numbering base to every reference to one: the
  // parameters listed in sub_statement_parameters and the sub-statements' own references.
  std::vector<SubStatement> sub_statements;
  std::vector<size_t> sub_statement_parameters;  // indexes into `parameters`
  // A parameter holding the number of sub-statement `index`, never shared with another.
  std::string SubStatementParameter(size_t index);

  // Derived tables, each emitted once as a named common table expression ahead of the
  // statement ("d#N" AS (...)): nesting them in the FROM clause instead would hit SQLite's
  // parser depth after a dozen levels. Ordered so that each only uses earlier ones.
  std::vector<std::string> common_tables;
  // "WITH ... " for common_tables, or "" when there are none.
  std::string WithClause() const;

  // Parser-stack units the statement around the expressions being written already uses
  // (kSubqueryReserve per level of subquery nesting): see emitter.h.
  uint32_t stack_base = 0;
  // The deepest expression emitted since the innermost subquery began (its height).
  uint32_t deepest_emitted = 0;
  // The computations of constants alone that MySQL evaluates for each row (within a select
  // item over a FROM clause, or an aggregate's argument), and set while the emitter writes
  // one: their constants are written as pp_row(?N), which SQLite cannot hoist out of the row
  // loop, so what such a computation warns comes once per row, and not at all for no rows.
  std::unordered_set<const BoundExpr*> per_row_computations;
  bool per_row_constants = false;
  // The select-list item being bound and its column name: MySQL's messages about a whole
  // item (1264 from CAST AS DECIMAL) quote that name, the item as written.
  const sql::Expr* select_item = nullptr;
  std::string select_item_name;

  // Warnings raised while translating (constant conversions such as '1abc' + 1).
  std::vector<Status> warnings;
  // With `row_warnings_wanted` (a client's SELECT, whose executor says them once per row
  // sent): those of folding the constants of the statement's select items over a FROM
  // clause, which MySQL computes for each row (SELECT 'a' + 0 FROM t warns per row, and not
  // at all for no rows).
  bool row_warnings_wanted = false;
  std::vector<Status> row_warnings;
  // Among those, what converting a comparison's constant operand said (MySQL converts it
  // once and keeps it, Arg_comparator's cached constant): said once, with the first row.
  // `once_warnings` holds their places in `warnings` until the item's warnings are sorted.
  std::vector<Status> first_row_warnings;
  std::set<size_t> once_warnings;

  // The memory the bound tree may take, in bytes (the statement's parse budget: see
  // sql::StatementMemoryLimit); past it binding stops with 3170.
  uint64_t memory_limit = UINT64_MAX;

  // Computes a computation of constants alone while the statement is bound, as MySQL reads a
  // constant argument's value to type a function (Item::time_precision): the value, or none
  // when it cannot be computed; what computing it warns is added to `said`. Unset: nothing is
  // computed early.
  std::function<std::optional<Value>(const BoundExpr& expr, std::vector<Status>* said)> compute_constant;

  // Asked about each base table as name resolution reaches it, before its existence or its
  // columns are looked at (MySQL checks table privileges before resolving names, so a table
  // the account may not read reveals neither). Unset: no early check.
  std::function<Status(const std::string& database, const std::string& table)> may_read_table;

  // The views being expanded, outermost first ("db.view"): a view met again inside itself is
  // 1462.
  std::vector<std::string> views_open;
  // When set, each `*` or `t.*` of the statement's own select lists is recorded with the
  // columns it stood for, each as a column reference qualified as column_qualifiers are:
  // CREATE VIEW keeps the expansion.
  std::map<const sql::Expr*, std::vector<StarColumn>>* star_expansions = nullptr;
  // When set, each column reference of the statement's own query that names a column of a
  // table in its FROM, or a select-list alias standing for one, is recorded as that column,
  // qualified: CREATE VIEW keeps its references so.
  std::map<const sql::Expr*, StarColumn>* column_qualifiers = nullptr;

  // The values of a prepared statement's `?`s, by position (expressions bound in their place);
  // nullptr outside prepared statements, where a `?` is a syntax error.
  const std::vector<sql::ExprPtr>* statement_parameters = nullptr;
  // Binding a statement being prepared only to describe its result: the parameters are NULL
  // and LIMIT ? counts nothing yet.
  bool describing = false;
  // The `?`s that are LIMIT / OFFSET counts (described to clients as BIGINT).
  std::set<uint32_t> count_parameters;
  // Binding a prepared statement whose bound form is kept for later executions: each `?`
  // binds as pp_param(i), read when the statement runs, typed as its value is now (recorded
  // here, one entry per `?`). Null: a `?` binds as the literal of its value.
  std::vector<ExprType>* parameter_types = nullptr;
  // Cleared when binding fixed something the session may change before another execution:
  // a user or system variable's value, LAST_INSERT_ID(), ROW_COUNT(), FOUND_ROWS(), LIMIT ?.
  bool binds_alike = true;

  // The running stored program: its variables, and a trigger's NEW and OLD rows, are what
  // names resolve to first (program.h). nullptr outside stored programs.
  ProgramFrame* program = nullptr;
  // Where calls of stored functions are registered (the session's, for the whole top-level
  // statement); nullptr: a stored function is 1305, as an unknown function.
  std::vector<StoredCall>* stored_calls = nullptr;

  // Filled during translation.
  std::set<std::pair<std::string, std::string>> tables_read;  // (database, table), base tables
  std::set<std::string> information_schema_tables;            // upper-case names used
  std::set<std::string> performance_schema_tables;            // names used
  // Columns of the statement's write target (ScopeTable::write_target) read anywhere in the
  // statement, in translation order: like tables_read, they need SELECT.
  std::vector<ColumnRead> target_columns_read;
  // Every other column of a base table the statement reads: checked one by one when the
  // account's SELECT on the table is only on some of its columns.
  std::vector<ColumnRead> columns_read;

  // Every read recorded so far (tables, virtual schemas' tables, columns).
  size_t ReadCount() const {
    return tables_read.size() + information_schema_tables.size() +
           performance_schema_tables.size() + target_columns_read.size() + columns_read.size();
  }
  // ReadCount() when Session::CheckReads last passed; nullopt before. The session refuses to
  // prepare SQL from a context whose reads were not all checked (PrepareTranslated).
  std::optional<size_t> reads_checked;
};

// One table visible to name resolution.
struct ScopeTable {
  std::string alias;     // the name columns are qualified with
  std::string database;  // "" for a derived table
  std::string table;     // the real table name
  std::shared_ptr<const catalog::TableSchema> schema;  // base tables
  std::vector<OutputColumn> derived_columns;          // derived tables
  std::vector<std::string> derived_names;
  std::shared_ptr<const BoundQuery> derived_query;  // derived tables: bound once
  // A recursive common table: the name SQLite knows it by. With derived_query, the whole
  // table; without, its reference inside its own definition (the rows made so far).
  std::string recursive_name;
  // The table an UPDATE, DELETE or ON DUPLICATE KEY UPDATE writes: its columns, when read,
  // go to TranslatorContext::target_columns_read.
  bool write_target = false;
  // A view's query (database and table name the view): its columns, when read, go to
  // TranslatorContext::columns_read under the view's name, for column grants on the view.
  bool view = false;
  // A table function (runtime_table_functions.cc): a LATERAL derived table ("pp_lateral",
  // derived_query its query) or JSON_TABLE ("pp_json_table"), called with `function_args`;
  // its columns are named c0, c1, ... in SQLite. "" for other tables.
  std::string function;
  std::vector<BoundExpr> function_args;
};

// How SQLite names column `index` of a derived table or table function `table`.
inline std::string DerivedColumnSql(const ScopeTable& table, size_t index) {
  return QuoteName(table.alias) + "." +
         QuoteName(table.function.empty() ? table.derived_names[index] : "c" + std::to_string(index));
}

// A column of a FROM clause as `SELECT *` lists it: a NATURAL or USING join's common column
// once, standing for the same-named columns of `aliases`. The first is the column it reads:
// the first table's, which for a RIGHT JOIN is the right one (the preserved side).
struct JoinedColumn {
  std::string name;
  std::vector<std::string> aliases;
};

struct Scope {
  std::vector<ScopeTable> tables;
  // The common columns of the NATURAL / USING joins of the FROM clause (an unqualified name
  // of one is not ambiguous), and the columns `SELECT *` gives when there is one (else empty).
  std::vector<JoinedColumn> joined;
  std::vector<JoinedColumn> star_columns;
  // The WINDOW clause of the query this scope binds (named windows), or nullptr.
  const std::vector<std::pair<std::string, std::unique_ptr<sql::WindowSpec>>>* windows = nullptr;
  // Whether the query has a GROUP BY (MySQL's aggregates then go through a temporary table's
  // fields).
  bool grouped = false;
  // Whether MySQL groups the query in a temporary table (no index orders its groups): MIN
  // and MAX are then that table's fields (a YEAR's shows four digits).
  bool temporary_grouping = false;
  const Scope* outer = nullptr;
  // Select-list aliases usable by ORDER BY / GROUP BY / HAVING: alias -> index.
  std::vector<std::pair<std::string, size_t>> select_aliases;
  std::vector<ExprType> select_types;
  // Set when a name in this query (or one nested in it) resolved to a table of an
  // enclosing query: the query is correlated.
  mutable bool outer_reference = false;
  // The tables a LATERAL derived table's query may read, which it runs without: a column of
  // one of them (or of a query around) read from inside becomes an argument of the table
  // function, collected here, and reads as ?1, ?2, ... inside. nullptr for other scopes.
  std::vector<BoundExpr>* lateral_arguments = nullptr;
};

// Which clause an expression sits in (for 1054's wording and alias visibility).
enum class Clause : uint8_t {
  kFieldList, kWhere, kOn, kGroup, kHaving, kOrder, kSet, kValues,
  kTableFunction,  // JSON_TABLE's document
};

// A comparison's operands converted to their common type: the subject carries the
// comparison's COLLATE (SQLite takes the collation from the left operand).
struct ComparedOperands {
  BoundExpr subject;
  std::vector<BoundExpr> others;
};

// A bound SELECT and its result columns.
struct BoundSelectResult {
  std::shared_ptr<const BoundQuery> query;
  std::vector<OutputColumn> columns;
};

struct TranslatedSelect {
  std::string sql;
  std::vector<OutputColumn> columns;
};

class Translator {
 public:
  // Notes how far down this thread's stack the recursive walk may go (see stack_floor_).
  explicit Translator(TranslatorContext& context);

  // Binds `select` and has the emitter write it.
  Result<TranslatedSelect> TranslateSelect(const sql::SelectStatement& select,
                                           const Scope* outer = nullptr);
  // Binds `select` (a derived table's query: written where the statement uses it).
  Result<BoundSelectResult> BindSelect(const sql::SelectStatement& select, const Scope* outer);
  Result<BoundExpr> TranslateExpr(const sql::Expr& expr, const Scope& scope, Clause clause);
  // `condition` where only its truth counts, an unknown being as good as false (WHERE,
  // HAVING, ON, IF's condition): an AND/OR there folds its constant operands while binding
  // (see TranslateLogicalChain).
  Result<BoundExpr> TranslateCondition(const sql::Expr& condition, const Scope& scope,
                                       Clause clause);
  // One LIMIT / OFFSET operand; a literal above INT64_MAX (MySQL's unsigned range, meaning
  // "no limit") is clamped so SQLite, whose LIMIT is signed, accepts it.
  Result<BoundCount> BindCount(const sql::Expr& value);

  // Resolves `name` (database defaulted) to a base table for a scope, or to a view's query
  // bound as a derived table; 1046 / 1146.
  Result<ScopeTable> ResolveTable(const sql::TableName& name, const std::string& alias);
  // A view's query bound as the derived table `table` names: SELECT on the view is recorded
  // for the reader; the tables the view reads are checked for the reader only when the view is
  // SQL SECURITY INVOKER. 1356 when the query no longer binds, 1462 for a view inside itself.
  Result<ScopeTable> ExpandView(ScopeTable table);

  TranslatorContext& context() { return context_; }

  // For the function rules (function_registry.h):
  // MySQL's arithmetic (+ - * / DIV MOD) on typed operands.
  Result<BoundExpr> TranslateArithmetic(sql::Operator op, BoundExpr left, BoundExpr right,
                                        const sql::Expr& expr);
  // `operand` cast as `cast_expr` (a CAST, or a call with a RETURNING type) says.
  Result<BoundExpr> CastAs(const sql::Expr& cast_expr, BoundExpr operand) {
    std::vector<BoundExpr> args;
    args.push_back(std::move(operand));
    return BindCast(cast_expr, std::move(args));
  }
  // A hexadecimal or bit literal as the BIGINT UNSIGNED numeric contexts read it (its last
  // eight bytes, big-endian); any other expression unchanged.
  static BoundExpr NumericLiteral(BoundExpr expr);
  // `constant` (an expression whose constants' folding raised the context's warnings from
  // `first_warning` on), as a value that raises them again each time it is computed
  // (pp_warn); they leave the statement's warnings, but for those said once (a comparison's
  // cached constant, deprecations), which stay.
  BoundExpr WarningEachRow(BoundExpr constant, size_t first_warning);
  // COUNT, SUM or AVG of DISTINCT over `arg`, computed from constants alone: read once for
  // the statement, as MySQL's Aggregator_distinct reads it (translate_function.cc).
  bool ReadsDistinctConstantOnce(std::string_view function, BoundExpr* arg, size_t first_warning);
  // Drops the warnings from `first_warning` on that computing an operand MySQL never reads
  // would have said (an AND's after a deciding constant, XOR's right beside a NULL), keeping
  // the parser's and the resolver's, which MySQL says all the same.
  void ForgetWarnings(size_t first_warning);
  // Whether `value` is NULL known while binding (a constant, or what constants alone compute):
  // none when it is not, else whether computing it says nothing.
  std::optional<bool> KnownNull(const BoundExpr& value);
  // Whether `value` is NULL, known while binding (a constant, or what constants alone compute,
  // warnings or not).
  bool IsKnownNull(const BoundExpr& value);
  // Whether `value` is NULL known while binding: the NULL constant, or a computation of
  // constants alone that gives NULL and warns nothing (computed here to know).
  bool IsSilentNull(const BoundExpr& value);
  // `value`'s value now, with what computing it says in `said`: a constant's, or one that
  // constants alone compute (on the session's connection); nullopt for anything else.
  // With `row_warnings`, what folding said for each row computed (pp_warn) is computed too.
  std::optional<Value> ComputeNow(const BoundExpr& value, std::vector<Status>* said,
                                  bool row_warnings = false);
  // A JSON value as its text, utf8mb4_bin: what MySQL compares where it has no JSON
  // comparator (BETWEEN, GREATEST, LEAST).
  BoundExpr JsonAsText(BoundExpr json);
  // NULL of `type` (or of `unread`'s own type) in place of `unread`, never computed; an
  // aggregate in it is kept.
  BoundExpr UnreadNull(BoundExpr unread, const ExprType& type);
  BoundExpr UnreadNull(BoundExpr unread);
  // CASE WHEN column IS NULL THEN NULL ELSE value END: `value` computed only for rows where
  // `column` is not NULL (what MySQL reads no further past).
  BoundExpr NullWhereNull(const BoundExpr& column, BoundExpr value);
  // A constant compared with a temporal value of type `common`, as that value (nothing when
  // it is no constant, NULL or temporal already); 1525 when it names none.
  Result<std::optional<BoundExpr>> ConstantAsTemporal(const BoundExpr& side, const ExprType& common);
  // A value constants alone compute, compared as a number of another kind than its own
  // (an integer compared as a DOUBLE): computed now, once, as MySQL's
  // Arg_comparator::cache_converted_constant caches it; what computing it says is said once.
  void CacheConvertedConstant(BoundExpr* value, const ExprType& common);
  // `right`, computed per row beside `left` in a select item, under NullWhereNull when `left`
  // is a nullable column: MySQL's comparisons read the left operand first and never the
  // right beside a NULL, so what computing it says (warnings, errors) is not said there.
  BoundExpr UnreadBesideNull(const BoundExpr& left, BoundExpr right);
  // An IN list of constants alone that all compare with `left` as numbers of `common`'s
  // type, or as TIMEs: each text read as one now, its warnings said once, as MySQL's sorted
  // list of values reads them (Item_func_in's bisection).
  void ConstantListAsNumbers(const BoundExpr& left, const ExprType& common,
                             std::vector<BoundExpr>* items);
  // `expr` where MySQL computes it only when needed (a CASE's branches): a constant whose
  // folding warned becomes WarningEachRow's, warning when computed, not when bound.
  Result<BoundExpr> TranslateLazy(const sql::Expr& expr, const Scope& scope, Clause clause);
  // Marks the warnings from `first_warning` on, raised converting a comparison's constant
  // operand inside a select item, as said once for the statement (first_row_warnings).
  void ComparisonWarningsOnce(size_t first_warning);
  // An ENUM or SET column as the number MySQL reads from it in a numeric context and sorts
  // it by: an ENUM's label's position (1 for the first), a SET's bits of its members;
  // 0 for the empty error value. Any other expression unchanged.
  static BoundExpr EnumOrdinal(BoundExpr expr);
  // `expr` converted to the physical form of `to` (folded when constant); an ENUM or SET
  // column converted to a number is its EnumOrdinal.
  BoundExpr Convert(BoundExpr expr, const ExprType& to);
  // Convert for a value read once per row (an aggregate's argument): a constant whose
  // conversion warns is converted when each row is read, so the warning comes once per row
  // as MySQL gives it; other constants are folded.
  BoundExpr ConvertPerRow(BoundExpr expr, const ExprType& to);
  // `expr` converted to `to` by the SQLite function `function` (pp_conv, pp_conv_row, which
  // SQLite evaluates on every row, or pp_conv_quiet, which warns about nothing).
  static BoundExpr RuntimeConversion(std::string_view function, BoundExpr expr, const ExprType& to);
  static BoundExpr TemporalTextAs(BoundExpr expr, const ExprType& to);
  // Text or a number converted to a DATE or DATETIME as CAST and DATE() read it under sql_mode: zero
  // months and days whatever NO_ZERO_IN_DATE says, the zero date unless NO_ZERO_DATE,
  // impossible days only under ALLOW_INVALID_DATES (NULL with 1292 for what fails). Other
  // operands as Convert does. A constant is read when the statement is bound only with
  // `fold` (its warning then comes even from a branch that is not taken).
  // `checks`, when given, replace those of the session's sql_mode (and a date number's
  // fraction then warns, as outside a CAST).
  BoundExpr ConvertDateText(BoundExpr expr, const ExprType& to, bool fold = true,
                            const types::DateChecks* checks = nullptr);
  // `expr` converted at run time to the DATE or DATETIME `to` with its dates held to
  // `checks` (pp_conv): NULL, with 1292, for what is no such date, or with `compared` the
  // zero date, as a comparison reads it.
  // `beside`: for a comparison's operand, "date:name" or "datetime:name" of the date column it
  // is compared with, which its 1292 names ("" for none).
  BoundExpr DateConversion(BoundExpr expr, const ExprType& to, types::DateChecks checks, bool compared,
                           const std::string& beside = "");
  // A constant `value` typed `type` (a bound parameter once emitted).
  BoundExpr Constant(Value value, ExprType type);
  // DECIMAL, BIGINT UNSIGNED and a YEAR column (four digits) handed over as their MySQL
  // text, for the functions that read numbers from text; other values unchanged.
  BoundExpr Textual(BoundExpr expr);
  // The default collation of character set `charset` (the connection's when Porpoise has
  // none for it); 1115 for a set MySQL does not know.
  Result<const types::Collation*> CharsetCollation(std::string_view charset);
  // A string typed in latin1, ascii or utf8mb3 as that set holds it ('?' for what it cannot,
  // as CONVERT ... USING gives it); other strings as they are.
  static BoundExpr HeldInCharset(BoundExpr text);
  // A temporal value where a number is read (MySQL's val_decimal): its digits as a DECIMAL
  // with its fraction (TIME '00:01:00.5' is 100.5) and the value's display length; anything
  // else as it is.
  BoundExpr TemporalAsDecimal(BoundExpr expr);
  // Textual, and a FLOAT as the single-precision text MySQL prints for it (0.1, not
  // 0.10000000149011612), a DOUBLE or FLOAT with fixed decimals with all of them (FLOAT(7,2):
  // 1.50): an argument a function reads as a string. `as_number` keeps the
  // argument's numeric type for the function's type rules; else it is typed as the string.
  BoundExpr StringArgument(BoundExpr expr, bool as_number = true);
  // A DOUBLE or FLOAT as the text MySQL prints for it (1e308, a FLOAT's 3.4e38, a DOUBLE of
  // fixed decimals with them), typed as that text in the connection's collation; other values
  // unchanged.
  BoundExpr FloatText(BoundExpr expr);
  // A value that IF, IFNULL, COALESCE or CASE may return, in the form of their merged `type`
  // (MergeType): among strings (binary ones too) a number is its MySQL text (1e308, a FLOAT's 3.4e38);
  // otherwise it is converted where ConvertsToMerged says, and always to a DECIMAL or BIGINT
  // UNSIGNED, whose forms an INTEGER does not share (a comparison or arithmetic over the
  // result reads it in that form).
  BoundExpr AsMerged(BoundExpr value, const ExprType& type);
  // A string as the bytes of its character set (a latin1 'ä' is one byte), for what reads
  // bytes: HEX, LENGTH, BINARY, CAST AS BINARY; other values unchanged.
  static BoundExpr CharsetBytes(BoundExpr expr);
  // An operand of a bit operation (& | ^ ~ << >>, BIT_AND...) as MySQL reads one: 64 bits,
  // a negative integer's two's complement; in the physical form of BIGINT (signed) or
  // BIGINT UNSIGNED, which the pp_bit_* functions read as bits.
  BoundExpr BitOperand(BoundExpr expr);
  // A condition's operand (WHERE, NOT, AND/OR, CASE WHEN, IF) as SQLite reads truth from it:
  // a string as the DOUBLE MySQL reads from it (1292 when it is not a number), a DATE,
  // DATETIME or TIME as its number, DECIMAL and BIGINT UNSIGNED as their text.
  BoundExpr Truth(BoundExpr expr);
  // The text of an expression of the statement, as messages quote it: at most 512 bytes,
  // printed once per node however deep the nesting.
  std::string SourceText(const sql::Expr& expr);

 private:
  Result<std::shared_ptr<const BoundTableRef>> BindFrom(const sql::TableRef& ref, Scope& scope);
  // NATURAL JOIN / JOIN ... USING: the columns compared, recorded as read on both sides.
  // Returns the columns compared.
  std::vector<std::string> RecordJoinColumns(const sql::TableRef& join, const Scope& scope);
  // `columns` of the two sides of `join` equal, as an ON condition.
  Result<BoundExpr> JoinCondition(const sql::TableRef& join, const std::vector<std::string>& columns,
                                  const Scope& scope);
  Status CollectTables(const sql::TableRef& ref, Scope& scope);
  // The columns `ref` gives in MySQL's order, the common columns of its NATURAL / USING joins
  // added to scope.joined.
  Result<std::vector<JoinedColumn>> JoinColumns(const sql::TableRef& ref, Scope& scope);
  // GROUP BY ... WITH ROLLUP as the query it stands for (translate_rollup.cc), kept in the
  // context for as long as the binding.
  Result<const sql::SelectStatement*> ExpandRollup(const sql::SelectStatement& select,
                                                   bool with_order_and_limit);
  Result<BoundSelectResult> BindCore(const sql::SelectStatement& select, const Scope* outer,
                                     bool with_order_and_limit);
  Result<std::vector<BoundTerm>> BindOrderBy(const std::vector<sql::OrderItem>& items,
                                             const Scope& scope);
  Status BindLimit(const sql::Expr* limit, const sql::Expr* offset,
                   std::optional<BoundCount>* bound_limit,
                   std::optional<BoundCount>* bound_offset);
  // A TIMESTAMP column's value `column` (kept in UTC) as the session reads it.
  BoundExpr TimestampRead(BoundExpr column);
  // A column found at `level` read from `scope` inside a LATERAL query: its argument.
  Result<BoundExpr> LateralArgument(BoundExpr column, const Scope& scope, const Scope& level);
  // CollectTables of a derived table and of JSON_TABLE.
  Status CollectDerived(const sql::TableRef& ref, Scope& scope);
  Status CollectJsonTable(const sql::TableRef& ref, Scope& scope);
  Scope TablesBefore(const Scope& scope) const;
  Result<BoundExpr> TranslateColumnRef(const sql::Expr& expr, const Scope& scope,
                                            Clause clause);
  // A name that is a variable of the running stored program, or NEW.col / OLD.col in a
  // trigger: its value; nullopt when the name is not one (a column, then).
  Result<std::optional<BoundExpr>> ProgramValue(const sql::Expr& expr);
  // A call of a stored function of the current (or named) database; nullopt when none.
  Result<std::optional<BoundExpr>> StoredFunctionCall(const sql::Expr& expr, const Scope& scope,
                                                      Clause clause);
  Result<BoundExpr> TranslateLiteral(const sql::Expr& expr);
  Result<BoundExpr> TemporalLiteral(const sql::Expr& expr);
  Result<BoundExpr> TranslateParameter(const sql::Expr& expr, const Scope& scope, Clause clause);
  Result<BoundExpr> TranslateVariable(const sql::Expr& expr);
  Result<BoundExpr> TranslateUnary(const sql::Expr& expr, const Scope& scope, Clause clause);
  Result<BoundExpr> TranslateBinary(const sql::Expr& expr, const Scope& scope, Clause clause);
  Result<BoundExpr> TranslateLogicalChain(const sql::Expr& expr, const Scope& scope,
                                               Clause clause);
  Result<BoundExpr> TranslateFunction(const sql::Expr& expr, const Scope& scope,
                                           Clause clause);
  // A built-in function's arguments bound and its rule applied (the clause already checked).
  // `windowed`: an aggregate about to become a window function, whose arguments may hold
  // aggregates of the grouped query.
  Result<BoundExpr> BindBuiltinCall(const sql::Expr& expr, const FunctionDef& definition,
                                    const Scope& scope, Clause clause, bool windowed = false);
  // f(...) OVER (...) (translate_window.cc).
  Result<BoundExpr> TranslateWindowFunction(const sql::Expr& expr, const Scope& scope,
                                            Clause clause);
  Result<BoundExpr> TranslateCast(const sql::Expr& expr, const Scope& scope, Clause clause);
  // The operator or cast over operands already bound: out of line, so the frames that stay
  // live while a nested expression is bound stay small.
  [[gnu::noinline]] Result<BoundExpr> BindBinary(const sql::Expr& expr, std::vector<BoundExpr> args);
  [[gnu::noinline]] Result<BoundExpr> BindUnary(const sql::Expr& expr, std::vector<BoundExpr> args);
  [[gnu::noinline]] Result<BoundExpr> BindCast(const sql::Expr& expr, std::vector<BoundExpr> args);
  Result<BoundExpr> TranslateCase(const sql::Expr& expr, const Scope& scope, Clause clause);
  Result<BoundExpr> TranslateIn(const sql::Expr& expr, const Scope& scope, Clause clause);
  Result<BoundExpr> TranslateBetween(const sql::Expr& expr, const Scope& scope, Clause clause);
  // DEFAULT(col): the column's default value (its expression's, CURRENT_TIMESTAMP's), typed
  // as the column; 1364 when it has none.
  Result<BoundExpr> TranslateDefault(const sql::Expr& expr, const Scope& scope, Clause clause);
  Result<BoundExpr> TranslateLike(const sql::Expr& expr, const Scope& scope, Clause clause);
  Result<BoundExpr> TranslateRegexp(const sql::Expr& expr, const Scope& scope, Clause clause);
  Result<BoundExpr> TranslateIsNull(const sql::Expr& expr, const Scope& scope, Clause clause);
  Result<BoundExpr> TranslateIsBool(const sql::Expr& expr, const Scope& scope, Clause clause);
  Result<BoundExpr> TranslateScalarSubquery(const sql::Expr& expr, const Scope& scope, Clause clause);
  Result<BoundExpr> TranslateExists(const sql::Expr& expr, const Scope& scope, Clause clause);
  Result<BoundExpr> TranslateQuantified(const sql::Expr& expr, const Scope& scope, Clause clause);
  Result<BoundExpr> TranslateConvertUsing(const sql::Expr& expr, const Scope& scope, Clause clause);
  Result<BoundExpr> TranslateCollate(const sql::Expr& expr, const Scope& scope, Clause clause);
  Result<BoundExpr> TranslateRow(const sql::Expr& expr, const Scope& scope, Clause clause);
  Result<BoundExpr> TranslateComparison(sql::Operator op, BoundExpr left,
                                             BoundExpr right, const sql::Expr& expr);
  Result<BoundExpr> TranslateNegate(BoundExpr operand, const sql::Expr& expr);
  // Writes a column reference as `alias`.`column` of the table it names in `scope` (leaves
  // outer and unknown ones as they are).
  void QualifyColumn(sql::Expr* column, const Scope& scope);
  // The WINDOW clause's definitions as MySQL checks them, used or not: 3591 for a name given
  // twice, then each as Resolve checks a window (translate_window.cc).
  Status CheckWindowClause(const sql::SelectStatement& select, const Scope& scope);
  // 1055 / 1140 under ONLY_FULL_GROUP_BY (translate_group_check.cc).
  Status CheckFullGroupBy(const sql::SelectStatement& select, const Scope& scope);
  // 3065 / 3066: SELECT DISTINCT ordered by what its select list lacks (translate_group_check.cc).
  Status CheckDistinctOrder(const sql::SelectStatement& select, const Scope& scope);
  void IntegralConstantForColumn(const BoundExpr& integer, BoundExpr* constant);
  void ComputeConvertedConstant(BoundExpr* text, const BoundExpr& other);
  ComparedOperands CompareOperands(BoundExpr subject, std::vector<BoundExpr> others,
                                   const ExprType& common);
  // The operands of `expr`; `textual` hands DECIMAL and BIGINT UNSIGNED operands over as
  // their MySQL text, for the functions that read numbers from text (`float_text`: FLOAT
  // too, for what reads its operands as strings).
  Result<std::vector<BoundExpr>> TranslateArgs(const sql::Expr& expr, const Scope& scope,
                                                    Clause clause, bool textual = false,
                                                    bool float_text = false);

  // The query expression of BindSelect, inside the WITH clause it may have.
  // `member` of a set operation with each column of type `from` that the result's column
  // (`to`) holds differently converted to it. The `leftmost` member's strings carry the
  // result's collation, which SQLite compares the rows of a set operation under.
  std::shared_ptr<const BoundQuery> ConvertedMember(std::shared_ptr<const BoundQuery> member,
                                                    const std::vector<ExprType>& from,
                                                    const std::vector<OutputColumn>& to,
                                                    bool leftmost);
  Result<BoundSelectResult> BindQueryExpression(const sql::SelectStatement& select,
                                                const Scope* outer);
  // A table name without a database that names a common table in scope: the table, bound
  // (translate_cte.cc); nullopt when it names none.
  Result<std::optional<ScopeTable>> ResolveCommonTable(const sql::TableName& name,
                                                       const std::string& alias);
  Result<BoundSelectResult> BindCommonTable(const sql::SelectStatement::CommonTable& table);
  Result<BoundSelectResult> BindRecursive(const sql::SelectStatement::CommonTable& table,
                                          std::string storage_name);

  // The WITH clauses around the query being bound, outermost first, each with how many of
  // its tables the query sees (a table's own definition sees those before it, and itself
  // when the clause is RECURSIVE).
  struct CommonTableFrame {
    const sql::SelectStatement* owner;
    size_t visible;
  };
  std::vector<CommonTableFrame> common_table_frames_;
  // The recursive common tables whose recursive blocks are being bound, innermost last.
  struct RecursiveTable {
    const sql::SelectStatement::CommonTable* table;
    std::string storage_name;
    std::vector<std::string> names;
    std::vector<OutputColumn> columns;
    int references = 0;     // in the block being bound
    std::string self_alias;  // how that block names it
  };
  std::vector<RecursiveTable> recursive_tables_;
  int recursive_count_ = 0;
  // Positions in the scope being collected of the tables a RIGHT JOIN's left side added while
  // its right side is collected (TablesBefore leaves them out); empty otherwise.
  std::pair<size_t, size_t> hidden_tables_{0, 0};
  // The first table of the scope being collected that a table function may read (those of
  // an enclosing parenthesised join only).
  size_t visible_from_ = 0;

  TranslatorContext& context_;
  // Charged for each node bound and each result column, so a statement's bound tree stays
  // within context_.memory_limit; current for this thread while the translator lives.
  sql::ParseMeter meter_;
  bool row_warnings_claimed_ = false;  // the statement's own select list was bound
  // The AND/OR about to be bound where only its truth counts (TranslateCondition).
  const sql::Expr* truth_only_ = nullptr;
  // The query of the EXISTS being bound: a bare * there, without tables, is no error.
  const sql::SelectStatement* exists_select_ = nullptr;
  sql::PrintCache print_cache_;
  // Lowest stack address TranslateExpr may run at: deeper input (a chain of thousands of
  // operators recurses once per operator) is answered with 1436 instead of overflowing.
  uintptr_t stack_floor_ = 0;
};

// Whether a regular expression matches a string of `type` case-sensitively: binary strings
// and _bin and _cs collations, as in MySQL.
bool MatchesCase(const ExprType& type);
// A warning MySQL's parser raises as it reads the statement (the deprecations: 1287, 1681,
// 3719, 3778): said once, first, whatever the rows.
bool SaidByParser(const Status& warning);
// The chain of pp_warn calls at the top of `expr` (what folding its constants said, said each
// time it is computed: WarningEachRow), its warnings in the order they were said; the value
// under them in `inner`.
std::vector<Status> WarningsEachRow(const BoundExpr& expr, const BoundExpr** inner);
// Whether a bit operation (& | ^ ~ << >>, BIT_COUNT) reads an operand of `type` as a binary
// string, byte by byte: a binary string that is no hexadecimal or bit literal.
bool IsBitString(const ExprType& type);

// The collation two string operands compare or combine under (MySQL's coercibility and
// conversion rules); 1267 for an illegal mix. nullptr when neither is a string. `strength`
// receives the result's coercibility. `allow_none`: for a string result, two equally strong
// collations of one character set give its _bin collation at coercibility NONE (a later
// comparison of it fails) where a comparison fails at once.
Result<const types::Collation*> AggregateCollation(const ExprType& a, const ExprType& b,
                                                   std::string_view operation,
                                                   Coercibility* strength = nullptr,
                                                   bool allow_none = false);
// Folds `next`'s collation into `merged`, the collation of the strings so far (AggregateCollation
// with its coercibility; one of no collation is skipped): 1267 when they do not mix.
Status FoldCollation(ExprType* merged, const ExprType& next, std::string_view operation,
                     bool allow_none);
// MySQL's error when the collations of a call's `operands` (all of them, strings or not) do
// not aggregate: `pairwise` (1267) for two, 1270 naming the three, 1271 for more.
Status IllegalMix(std::span<const ExprType> operands, std::string_view operation,
                  Status pairwise);
// How a value takes part in a string's collation: strings with theirs (a string of none in
// `connection`'s, COERCIBLE), binary strings as binary, JSON as utf8mb4_bin (IMPLICIT),
// numbers and temporal values as text in `connection`'s collation (NUMERIC), NULL not at all
// (no collation).
ExprType AsStringSource(const ExprType& type, const types::Collation* connection);
// The type of a string result made of `values` (CONCAT's arguments, IF's and CASE's values):
// kBinary when one of them is binary, else kString in the collation MySQL derives from them
// with the winner's coercibility (COERCIBLE in `connection`'s when no string takes part);
// IllegalMix's error when they do not mix. The length is left 0.
Result<ExprType> StringResultCollation(std::span<const ExprType> values,
                                       std::string_view operation,
                                       const types::Collation* connection);
// A string (or binary) `type` merged from `values` given StringResultCollation's type,
// collation and coercibility; other types are left as they are.
Status CollateStringResult(std::span<const ExprType> values, std::string_view operation,
                           const types::Collation* connection, ExprType* type);
// `operands` with their strings all in the collation they compare under together, folded as
// MySQL folds them (two equally strong collations give NONE, which a stronger one later may
// outrank); IllegalMix's error when they do not mix.
Result<std::vector<ExprType>> UnderOneCollation(std::span<const ExprType> operands,
                                                std::string_view operation);
// The type all `operands` (at least one) compare as together: IN, BETWEEN, CASE x WHEN.
Result<ExprType> CommonComparisonType(std::span<const ExprType> operands,
                                      std::string_view operation);
// Whether the constant `value` converts to `to` with nothing worse than a note (`dates`: the
// date checks to read it under, if any).
bool StoresAs(const BoundExpr& value, const ExprType& to, const types::DateChecks* dates);
// Whether the number `value`, a constant, names a datetime with a time of day.
bool NamesTimeOfDay(const BoundExpr& value);
// `common` (ComparisonType's) for comparing `left` with `right`, as text when one is a TIME
// and the other text that is no constant naming a TIME (MySQL's comparator).
ExprType TimeComparisonType(const BoundExpr& left, const BoundExpr& right, ExprType common);
// The type both operands of a comparison are converted to (MySQL's comparison rules).
Result<ExprType> ComparisonType(const ExprType& left, const ExprType& right,
                                std::string_view operation);
// Whether a value of `value`'s type is compared as `common` of another result type (an
// integer as a DOUBLE), which MySQL's comparator converts once for a constant.
bool ConvertedForComparison(const ExprType& value, const ExprType& common);

// Whether `upper_name` names an aggregate function (COUNT, SUM, GROUP_CONCAT, ...).
bool IsAggregateFunction(std::string_view upper_name);

// Literal SQL for a value ('text', 12, 1.5, X'..', NULL).
std::string SqlLiteral(const Value& value);
// The type a stored column produces.
ExprType TypeOfColumn(const catalog::ColumnSchema& column);
// The most bytes one character of `collation`'s character set takes (4 when nullptr).
uint32_t MaxBytesPerCharacter(const types::Collation* collation);
// The most bytes a value of `type` may take as text (MySQL's max_length): a string's characters
// times its character set's widest, any other type's display length.
int64_t MaxByteLength(const ExprType& type);

}  // namespace porpoise::engine
