// The translator: walks a MySQL AST and produces the SQLite SQL that computes it, resolving
// names against the catalog (1146 / 1054 / 1052), and infers each expression's MySQL type so
// result sets carry MySQL's column metadata. Never rewrites SQL text. (engine/)
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "common/result_sink.h"
#include "common/status.h"
#include "engine/expr_type.h"
#include "engine/value.h"
#include "sql/ast/statement.h"

namespace porpoise::engine {

class SessionVariables;

// One column of a result set: the wire metadata and how to format values.
struct OutputColumn {
  ColumnInfo info;
  ExprType type;
};

// ColumnInfo for an expression of `type` named `name`.
ColumnInfo MakeColumnInfo(const ExprType& type, std::string name);
// Formats one SQLite value of a result column as MySQL prints it. Returns false for NULL.
bool FormatResultValue(const Value& value, const ExprType& type, std::string* out);

// A column of a table that a statement reads.
struct ColumnRead {
  std::string database;
  std::string table;
  std::string column;
};

// What the translator needs from the session. Borrowed for one statement.
struct TranslatorContext {
  std::shared_ptr<const catalog::CatalogSnapshot> catalog;
  std::string current_database;  // "" when none
  const SessionVariables* variables = nullptr;
  const std::map<std::string, Value>* user_variables = nullptr;  // keys lower case
  std::string user;          // USER(): user@client_host
  std::string current_user;  // CURRENT_USER(): account_user@account_host
  uint32_t connection_id = 0;
  uint64_t last_insert_id = 0;
  int64_t row_count = -1;
  uint64_t found_rows = 0;
  bool pipes_as_concat = false;
  uint32_t div_precision_increment = 4;
  bool allow_values_function = false;  // ON DUPLICATE KEY UPDATE: VALUES(col) -> excluded.col
  bool only_full_group_by = false;     // sql_mode's ONLY_FULL_GROUP_BY
  uint64_t warning_count = 0;          // @@warning_count: the previous statement's diagnostics
  uint64_t error_count = 0;            // @@error_count
  // collation_connection: the collation of string literals and of numbers made strings.
  const types::Collation* connection_collation = &types::DefaultCollation();

  // The bound parameters of the SQL being produced: literals never appear in the SQL text,
  // each is a numbered placeholder "?N" whose value is parameters[N-1].
  std::vector<Value> parameters;
  // Placeholders are numbered from parameter_offset + 1 (INSERT's own row values come first).
  size_t parameter_offset = 0;
  // Adds `value` as a parameter (reusing an equal one) and returns its placeholder.
  std::string Parameter(const Value& value);

  // Derived tables, each emitted once as a named common table expression ahead of the
  // statement ("d#N" AS (...)): nesting them in the FROM clause instead would hit SQLite's
  // parser depth after a dozen levels. Ordered so that each only uses earlier ones.
  std::vector<std::string> common_tables;
  // "WITH ... " for common_tables, or "" when there are none.
  std::string WithClause() const;

  // Warnings raised while translating (constant conversions such as '1abc' + 1).
  std::vector<Status> warnings;

  // Asked about each base table as name resolution reaches it, before its existence or its
  // columns are looked at (MySQL checks table privileges before resolving names, so a table
  // the account may not read reveals neither). Unset: no early check.
  std::function<Status(const std::string& database, const std::string& table)> may_read_table;

  // Filled during translation.
  std::set<std::pair<std::string, std::string>> tables_read;  // (database, table), base tables
  std::set<std::string> information_schema_tables;            // upper-case names used
  // Columns of the statement's write target (ScopeTable::write_target) read anywhere in the
  // statement, in translation order: like tables_read, they need SELECT.
  std::vector<ColumnRead> target_columns_read;

  // Every read recorded so far (tables, information_schema tables, target columns).
  size_t ReadCount() const {
    return tables_read.size() + information_schema_tables.size() + target_columns_read.size();
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
  std::string derived_sql;  // derived tables: the SQL of the subquery, translated once
  // The table an UPDATE, DELETE or ON DUPLICATE KEY UPDATE writes: its columns, when read,
  // go to TranslatorContext::target_columns_read.
  bool write_target = false;
};

struct Scope {
  std::vector<ScopeTable> tables;
  const Scope* outer = nullptr;
  // Select-list aliases usable by ORDER BY / GROUP BY / HAVING: alias -> index.
  std::vector<std::pair<std::string, size_t>> select_aliases;
  std::vector<ExprType> select_types;
};

// Which clause an expression sits in (for 1054's wording and alias visibility).
enum class Clause : uint8_t { kFieldList, kWhere, kOn, kGroup, kHaving, kOrder, kSet, kValues };

struct TranslatedExpr {
  std::string sql;
  ExprType type;
  bool aggregate = false;
  // Set when the expression is a constant known at translation time (a literal, or a
  // conversion of one): its physical value, so conversions can be folded.
  std::optional<Value> constant;
};

// A comparison's operands converted to their common type: the subject carries the
// comparison's COLLATE (SQLite takes the collation from the left operand).
struct ComparedOperands {
  std::string subject;
  std::vector<std::string> others;
};

struct TranslatedSelect {
  std::string sql;
  std::vector<OutputColumn> columns;
};

class Translator {
 public:
  // Notes how far down this thread's stack the recursive walk may go (see stack_floor_).
  explicit Translator(TranslatorContext& context);

  Result<TranslatedSelect> TranslateSelect(const sql::SelectStatement& select,
                                           const Scope* outer = nullptr);
  Result<TranslatedExpr> TranslateExpr(const sql::Expr& expr, const Scope& scope, Clause clause);
  // One LIMIT / OFFSET operand; a literal above INT64_MAX (MySQL's unsigned range, meaning
  // "no limit") is clamped so SQLite, whose LIMIT is signed, accepts it.
  Result<std::string> TranslateLimitValue(const sql::Expr& value);

  // Resolves `name` (database defaulted) to a base table for a scope; 1046 / 1146.
  Result<ScopeTable> ResolveTable(const sql::TableName& name, const std::string& alias);

  TranslatorContext& context() { return context_; }

 private:
  Result<std::string> TranslateFrom(const sql::TableRef& ref, Scope& scope);
  Status CollectTables(const sql::TableRef& ref, Scope& scope);
  Result<TranslatedSelect> TranslateCore(const sql::SelectStatement& select, const Scope* outer,
                                         bool with_order_and_limit);
  Result<std::string> TranslateOrderBy(const std::vector<sql::OrderItem>& items,
                                       const Scope& scope);
  Result<std::string> TranslateLimit(const sql::Expr* limit, const sql::Expr* offset);
  Result<TranslatedExpr> TranslateColumnRef(const sql::Expr& expr, const Scope& scope,
                                            Clause clause);
  Result<TranslatedExpr> TranslateLiteral(const sql::Expr& expr);
  Result<TranslatedExpr> TranslateVariable(const sql::Expr& expr);
  Result<TranslatedExpr> TranslateUnary(const sql::Expr& expr, const Scope& scope, Clause clause);
  Result<TranslatedExpr> TranslateBinary(const sql::Expr& expr, const Scope& scope, Clause clause);
  Result<TranslatedExpr> TranslateLogicalChain(const sql::Expr& expr, const Scope& scope,
                                               Clause clause);
  Result<TranslatedExpr> TranslateFunction(const sql::Expr& expr, const Scope& scope,
                                           Clause clause);
  Result<TranslatedExpr> TranslateCast(const sql::Expr& expr, const Scope& scope, Clause clause);
  // MySQL's arithmetic (+ - * / DIV MOD) and comparisons on typed operands.
  Result<TranslatedExpr> TranslateArithmetic(sql::Operator op, TranslatedExpr left,
                                             TranslatedExpr right, const sql::Expr& expr);
  Result<TranslatedExpr> TranslateComparison(sql::Operator op, TranslatedExpr left,
                                             TranslatedExpr right, const sql::Expr& expr);
  Result<TranslatedExpr> TranslateNegate(TranslatedExpr operand, const sql::Expr& expr);
  // ABS, SIGN, ROUND, TRUNCATE, FLOOR, CEILING, MOD (translate_numeric.cc).
  Result<TranslatedExpr> TranslateNumericFunction(std::string_view name,
                                                  std::vector<TranslatedExpr> args,
                                                  const sql::Expr& expr);
  // 1055 / 1140 under ONLY_FULL_GROUP_BY (translate_group_check.cc).
  Status CheckFullGroupBy(const sql::SelectStatement& select, const Scope& scope);
  void IntegralConstantForColumn(const TranslatedExpr& integer, TranslatedExpr* constant);
  ComparedOperands CompareOperands(TranslatedExpr subject, std::vector<TranslatedExpr> others,
                                   const ExprType& common);
  // `expr` converted to the physical form of `to` (folded when constant).
  TranslatedExpr Convert(TranslatedExpr expr, const ExprType& to);
  // A placeholder for `value` typed `type`.
  TranslatedExpr Constant(Value value, ExprType type);
  // The operands of `expr`; `textual` hands DECIMAL and BIGINT UNSIGNED operands over as
  // their MySQL text, for the functions that read numbers from text.
  Result<std::vector<TranslatedExpr>> TranslateArgs(const sql::Expr& expr, const Scope& scope,
                                                    Clause clause, bool textual = false);
  TranslatedExpr Textual(TranslatedExpr expr);
  Result<TranslatedExpr> TranslateSumOrAverage(std::string_view name, TranslatedExpr arg,
                                               const std::string& distinct);

  TranslatorContext& context_;
  // Lowest stack address TranslateExpr may run at: deeper input (a chain of thousands of
  // operators recurses once per operator) is answered with 1436 instead of overflowing.
  uintptr_t stack_floor_ = 0;
};

// The collation two string operands compare or combine under (MySQL's coercibility rules);
// 1267 for an illegal mix. nullptr when neither is a string.
Result<const types::Collation*> AggregateCollation(const ExprType& a, const ExprType& b,
                                                   std::string_view operation);
// The type both operands of a comparison are converted to (MySQL's comparison rules).
Result<ExprType> ComparisonType(const ExprType& left, const ExprType& right,
                                std::string_view operation);

// Whether `upper_name` is one of TranslateNumericFunction's.
bool IsNumericFamilyFunction(std::string_view upper_name);
// Whether `upper_name` names an aggregate function (COUNT, SUM, GROUP_CONCAT, ...).
bool IsAggregateFunction(std::string_view upper_name);

// Literal SQL for a value ('text', 12, 1.5, X'..', NULL).
std::string SqlLiteral(const Value& value);
// A double-quoted SQLite identifier.
std::string QuoteName(std::string_view name);
// The type a stored column produces.
ExprType TypeOfColumn(const catalog::ColumnSchema& column);

}  // namespace porpoise::engine
