// The built-in function registry: each MySQL function is an entry (name, arity, how its
// arguments are bound, and a bind rule that gives its MySQL result type and the bound call of
// its implementation, a SQLite built-in or a runtime function of runtime_*.cc /
// sqlite_functions.cc). One file per family registers its entries:
//   functions_aggregate.cc    COUNT SUM AVG MIN MAX GROUP_CONCAT STDDEV VARIANCE ...
//   functions_control.cc      IF IFNULL NULLIF COALESCE GREATEST LEAST ISNULL
//   functions_numeric.cc      ABS ROUND TRUNCATE FLOOR CEILING MOD SIGN POW SQRT LOG BIT_COUNT ...
//   functions_string.cc       CONCAT SUBSTRING SUBSTRING_INDEX TRIM LOCATE HEX MD5 SHA2 ...
//   functions_time.cc         NOW CURDATE DATE_ADD ADDTIME TIMEDIFF DATE_FORMAT YEAR ...
//   functions_information.cc  DATABASE USER VERSION LAST_INSERT_ID SLEEP UUID INET6_ATON
//                             FORMAT_BYTES LOAD_FILE STATEMENT_DIGEST BENCHMARK NAME_CONST ...
//   functions_json.cc         JSON_EXTRACT JSON_OBJECT JSON_SET JSON_SEARCH MEMBER OF
//                             JSON_SCHEMA_VALID ...
// (engine/)
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "engine/translator.h"

namespace porpoise::engine {

// How the binder hands a function its arguments.
enum class ArgumentForm : uint8_t {
  kTyped,    // bound, in their own physical forms
  kTextual,  // bound, DECIMAL and BIGINT UNSIGNED as their text (functions reading text)
  kString,   // kTextual, and FLOAT as its single-precision text (string functions)
  kUnbound,  // not bound: the rule binds them itself (DATE_ADD's INTERVAL)
};

// One call being bound.
struct FunctionCall {
  Translator& binder;
  const sql::Expr& expr;  // the call as written
  std::string_view name;  // upper case
  const Scope& scope;
  Clause clause;
  std::vector<BoundExpr> args;
  // For each argument that constants alone compute: what folding its constants said while
  // binding it (the statement says that for each row), for a rule that reads the argument
  // once more while resolving, as MySQL reads a constant string for its time precision.
  std::vector<std::vector<Status>> folded;

  TranslatorContext& context() const { return binder.context(); }
};

using BindRule = Result<BoundExpr> (*)(FunctionCall& call);

// Whether a call's result may be NULL, which the NOT_NULL flag of its column reports.
enum class Nullability : uint8_t {
  kRule,      // the bind rule decides
  kFromArgs,  // NULL only when an argument may be (MySQL's default for functions)
  kAlways,    // may be NULL whatever the arguments (invalid input gives NULL)
};

inline constexpr uint8_t kAnyArity = 255;

struct FunctionDef {
  std::string_view name;  // upper case
  uint8_t min_args = 0;
  uint8_t max_args = 0;   // kAnyArity: no upper bound
  ArgumentForm form = ArgumentForm::kTextual;
  BindRule bind = nullptr;
  bool aggregate = false;  // an aggregate: not in WHERE/ON/GROUP BY, no aggregate inside
  Nullability nulls = Nullability::kRule;
  // The arguments MySQL reads as integers (its val_int): bit i for argument i, bit 31 for
  // every argument from the 32nd on. A DECIMAL or DOUBLE there reaches the rule rounded as
  // CAST(... AS SIGNED) rounds it, a temporal value as its digits, text as its integer prefix
  // (1292 for the rest). Set for the whole registry in FunctionRegistry::Get.
  uint32_t integer_args = 0;
  // Of integer_args, the constants MySQL also reads while resolving the call (same bits).
  uint32_t resolve_args = 0;
  // The arguments MySQL reads as other numbers (val_real, val_decimal), bits as above: a
  // temporal value there reaches the rule as its digits, a DECIMAL with its fraction
  // (Translator::TemporalAsDecimal). Set in FunctionRegistry::Get too.
  uint32_t number_args = 0;
  // The first argument MySQL computes only when it needs it (IF's branches, COALESCE's
  // alternatives): a constant there whose folding warned warns only when computed.
  uint8_t lazy_from = 255;
  // The argument MySQL reads first and stops at when it is NULL, if any (255: none): a
  // later argument's constant is then read, and warns, only for rows where it is not NULL.
  // Set in FunctionRegistry::Get.
  uint8_t null_first = 255;
  // Whether MySQL reads the arguments in order and stops at the first that is NULL
  // (GREATEST, LEAST, CONCAT): what a later one says is unsaid after one known NULL while
  // binding. Set in FunctionRegistry::Get.
  bool stops_at_null = false;
  // Whether MySQL reads the second argument before the first and stops at a NULL there (the
  // REGEXP_ functions compile their pattern before they read the subject): a subject beside
  // a pattern known NULL while binding is never read. Set in FunctionRegistry::Get.
  bool second_first = false;
};

class FunctionRegistry {
 public:
  // Every family's functions, built once.
  static const FunctionRegistry& Get();

  // nullptr when `upper_name` is not a built-in function.
  const FunctionDef* Find(std::string_view upper_name) const;
  // Registers `def`; aliases are entries of their own that share a rule.
  void Add(const FunctionDef& def);

 private:
  std::unordered_map<std::string_view, FunctionDef> functions_;
};

// GREATEST / LEAST of mixed types with a DATE or DATETIME among them, whose merged `type` is
// a string: compared as DATETIMEs, the winner written as the DATE or DATETIME when it is one,
// as MySQL does (functions_time.cc).
Result<BoundExpr> BindMinMaxOfDates(FunctionCall& call, ExprType type);

void RegisterAggregateFunctions(FunctionRegistry& registry);
void RegisterControlFunctions(FunctionRegistry& registry);
void RegisterNumericFunctions(FunctionRegistry& registry);
void RegisterStringFunctions(FunctionRegistry& registry);
void RegisterTimeFunctions(FunctionRegistry& registry);
void RegisterInformationFunctions(FunctionRegistry& registry);
void RegisterJsonFunctions(FunctionRegistry& registry);

// `left op right` (op one of = <=> <> < <= > >=) where one side is JSON: the other side is
// made a JSON value as MySQL makes it (a string is a JSON string), and the two compare by
// MySQL's JSON order. The ASTs (may be null) tell TRUE and comparisons, which are booleans.
// REQUIRES: both operands in the textual form.
BoundExpr CompareAsJson(std::string_view op, BoundExpr left, const sql::Expr* left_ast,
                        BoundExpr right, const sql::Expr* right_ast, ExprType truth);
// A BLOB whose byte order is MySQL's order of the JSON values (ORDER BY a JSON value).
BoundExpr JsonSortKey(BoundExpr json);
// CAST(operand AS JSON), `operand_ast` as written (TRUE and comparisons become booleans).
BoundExpr CastToJson(const sql::Expr& operand_ast, BoundExpr operand);

// NAME_CONST(name, value) names its result column `name`: the name when `expr` is such a call
// with a string literal for a name, else nullptr.
const std::string* NameConstColumnName(const sql::Expr& expr);

// The type CASE/IF/COALESCE-style functions give their values args[first...].
ExprType MergeTypes(const std::vector<BoundExpr>& args, size_t first = 0);
// A DOUBLE or FLOAT that `types` merged into (*merged), sized as MySQL sizes it over all of
// them at once; anything else is left as it is.
void SizeMergedReal(const std::vector<ExprType>& types, ExprType* merged);
// Text that `types` merged into (*merged), as long as the longest of them; anything else is
// left as it is.
void SizeMergedText(const std::vector<ExprType>& types, ExprType* merged);

}  // namespace porpoise::engine
