// BoundExpr: the typed, name-resolved expression tree the binder (translate_*.cc) builds from
// the AST and the emitter (emitter.cc) turns into SQLite SQL. Every node carries its MySQL
// type; nodes hold no SQL text except the names SQLite knows them by. (engine/)
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/expr_type.h"
#include "engine/value.h"

namespace porpoise::engine {

struct BoundExpr;
struct BoundQuery;
using BoundExprPtr = std::shared_ptr<const BoundExpr>;

// OVER (...) of a window function call. Its PARTITION BY and then its ORDER BY expressions
// are the call's children after its `arguments`.
struct BoundWindow {
  size_t arguments = 0;
  size_t partition = 0;
  std::vector<bool> descending;  // one per ORDER BY expression
  std::string frame;             // SQLite's frame clause; "" for the default frame
};

enum class BoundKind : uint8_t {
  kConstant,  // `constant`: a bound parameter (NULL is written as NULL)
  kColumn,    // `name`: a column as SQLite names it ("t"."c", excluded."c", a select alias)
  kCall,      // name(children...): a SQLite built-in or a registered runtime function
  kInfix,     // (children[0] name children[1])
  kPrefix,    // (name children[0])
  kPostfix,   // (children[0] name): IS NULL, IS NOT TRUE, ...
  kCollate,   // children[0] COLLATE "name"
  kCast,      // CAST(children[0] AS name)
  kCase,      // CASE [operand] WHEN c THEN v ... [ELSE e] END
  kIn,        // (children[0] [NOT] IN (children[1...]))
  kBetween,   // (children[0] [NOT] BETWEEN children[1] AND children[2])
  kRow,       // (children...)
  kSubquery,  // `query`: a scalar (query), EXISTS (query), IN: children[0] IN (query), or
              // a comparison with ANY / ALL (query)
};

// kQuantified: children[0] compares a row's value, read as "q#".<first column>, with the
// operand; `negated` for ALL, ANY otherwise.
enum class SubqueryForm : uint8_t { kScalar, kExists, kIn, kQuantified };
// The name a quantified comparison's rows go by.
inline constexpr char kQuantifiedAlias[] = "q#";

struct BoundExpr {
  BoundKind kind = BoundKind::kConstant;
  ExprType type;
  // Whether an aggregate is evaluated anywhere in this tree.
  bool aggregate = false;
  // Set when the value is known at bind time (a literal, or a conversion of one): its
  // physical value, so conversions can be folded.
  std::optional<Value> constant;

  std::string name;
  std::vector<BoundExprPtr> children;
  bool negated = false;        // kIn, kBetween, kSubquery (NOT IN / NOT EXISTS)
  bool distinct = false;       // kCall of an aggregate: f(DISTINCT ...)
  bool star = false;           // kCall: count(*)
  bool aggregate_call = false; // kCall: this node is an aggregate function itself
  bool volatile_call = false;  // kCall: a new value each call (random(), SLEEP)
  // kCall: the function runs its last child itself, as often as it needs (BENCHMARK): the
  // child is written as a sub-statement, and its number and inputs stand in its place.
  bool runs_last_child = false;
  bool case_operand = false;   // kCase: children[0] is CASE's operand
  bool case_else = false;      // kCase: the last child is the ELSE value
  SubqueryForm subquery = SubqueryForm::kScalar;
  // kSubquery: the subquery, bound (bound_query.h); the emitter writes it where it stands.
  std::shared_ptr<const BoundQuery> query;
  // kCall of a window function: f(...) OVER (...).
  std::shared_ptr<const BoundWindow> window;
  // A constant bound from a text statement's literal that another run of its shape may
  // replace (TranslatorContext::shape_literals): that literal's number; -1 otherwise.
  int32_t shape_literal = -1;

  bool is_null_constant() const { return constant && constant->is_null(); }

  // Node builders; `aggregate` is inherited from the children.
  static BoundExpr Constant(Value value, ExprType type);
  static BoundExpr Column(std::string sqlite_name, ExprType type);
  static BoundExpr Call(std::string_view function, std::vector<BoundExpr> args, ExprType type);
  static BoundExpr Call(std::string_view function, std::vector<BoundExprPtr> args,
                        ExprType type);
  static BoundExpr Infix(std::string_view op, BoundExpr left, BoundExpr right, ExprType type);
  static BoundExpr Prefix(std::string_view op, BoundExpr operand, ExprType type);
  static BoundExpr Postfix(BoundExpr operand, std::string_view op, ExprType type);
  static BoundExpr Collate(BoundExpr operand, std::string_view sqlite_collation);
  static BoundExpr Cast(BoundExpr operand, std::string_view sqlite_type, ExprType type);

  // Adds a child, inheriting its `aggregate`.
  void Add(BoundExpr child);
  void Add(BoundExprPtr child);
};

// A typed integer constant (flags and modes the runtime functions take).
BoundExpr IntegerConstant(int64_t value);
// A text constant (names and source text for messages).
BoundExpr TextConstant(std::string value);
// True when none of `args` may be NULL.
bool NoneNullable(const std::vector<BoundExpr>& args);
// Whether `expr` computes something from constants alone that may be computed early: no
// column, subquery, aggregate, window, parameter, variable of a program or call that gives
// a new value each time (or does something). With `row_warnings`, what folding constants
// said, said again each time it is computed (pp_warn), is such a computation too.
bool ComputesFromConstants(const BoundExpr& expr, bool row_warnings = false);
// Whether `expr` calls something that gives a new value, or says something, each time (RAND,
// UUID, an assignment, pp_warn): such a value is not to be computed more than once.
bool HasVolatileCall(const BoundExpr& expr);
// Whether `expr` holds no subquery or window (which are computed apart from the row's
// expression).
bool NoSubqueryOrWindow(const BoundExpr& expr);

}  // namespace porpoise::engine
