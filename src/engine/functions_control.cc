// Control-flow functions: IF, IFNULL/NVL, NULLIF, COALESCE, ISNULL, GREATEST, LEAST. Their
// type is the merge of the values they may return. (engine/)
#include <algorithm>

#include "common/strings.h"
#include "catalog/column_type.h"
#include "engine/function_registry.h"

namespace porpoise::engine {

namespace {

// The values go out in the merged type's form (Translator::AsMerged).
void ToMerged(FunctionCall& call, size_t first, const ExprType& type) {
  for (size_t i = first; i < call.args.size(); ++i) {
    call.args[i] = call.binder.AsMerged(std::move(call.args[i]), type);
  }
}

// A string result takes the collation MySQL derives from the values it may return, the
// arguments from `first` on (1267 when they do not mix): IF(c, latin1_col, utf8mb4_col) is
// utf8mb4. One binary value makes it binary.
Status CollateValues(const FunctionCall& call, size_t first, ExprType* type) {
  std::vector<ExprType> values;
  for (size_t i = first; i < call.args.size(); ++i) values.push_back(call.args[i].type);
  return CollateStringResult(values, ToLowerAscii(call.name), call.context().connection_collation,
                             type);
}

// IF(c, a, b) may be NULL when a or b may be.
Result<BoundExpr> BindIf(FunctionCall& call) {
  ExprType type = MergeTypes(call.args, 1);
  PORPOISE_RETURN_IF_ERROR(CollateValues(call, 1, &type));
  type.not_null = call.args[1].type.not_null && call.args[2].type.not_null;
  call.args[0] = call.binder.Truth(std::move(call.args[0]));
  ToMerged(call, 1, type);
  BoundExpr result;
  result.kind = BoundKind::kCase;
  result.type = type;
  result.case_else = true;
  for (BoundExpr& arg : call.args) result.Add(std::move(arg));
  return result;
}

// IFNULL(a, b) is NULL only when b may be.
Result<BoundExpr> BindIfNull(FunctionCall& call) {
  ExprType type = MergeTypes(call.args);
  PORPOISE_RETURN_IF_ERROR(CollateValues(call, 0, &type));
  type.not_null = call.args[1].type.not_null;
  ToMerged(call, 0, type);
  type.quiet_number = type.type == ValueType::kString || type.type == ValueType::kBinary;
  return BoundExpr::Call("ifnull", std::move(call.args), type);
}

// The most nodes of a first operand NULLIF reads twice by copying it.
constexpr size_t kCopiedNodes = 32;

// Whether `expr` has fewer than `limit` nodes (counting stops there).
bool SmallerThan(const BoundExpr& expr, size_t limit) {
  size_t seen = 0;
  std::vector<const BoundExpr*> pending{&expr};
  while (!pending.empty()) {
    const BoundExpr* node = pending.back();
    pending.pop_back();
    if (++seen >= limit) return false;
    for (const BoundExprPtr& child : node->children) pending.push_back(child.get());
  }
  return true;
}

// NULLIF(a, b): a, or NULL when a = b as MySQL compares them. Two strings compare under
// their collation, two numbers as their common type (a DECIMAL with an integer by value),
// a column or a constant a written once; other pairs (and an exact number compared as a
// DOUBLE) as their comparison converts them, a written twice, to compare and to return.
Result<BoundExpr> BindNullIfComparison(FunctionCall& call) {
  ExprType type = call.args[0].type;
  // (of a's type: a TIMESTAMP column's NULLIF is a TIMESTAMP)
  if (type.column != nullptr && catalog::WireType(type.column->type) == FieldType::kTimestamp) {
    type.own_field = FieldType::kTimestamp;
  }
  // (a CHAR column's is a CHAR)
  if (type.column != nullptr && type.type == ValueType::kString &&
      catalog::WireType(type.column->type) == FieldType::kString) {
    type.own_field = FieldType::kString;
  }
  // (a TINYINT column's a TINYINT)
  if (type.column != nullptr && type.type == ValueType::kInteger) {
    type.integer_field = catalog::WireType(type.column->type);
  }
  type.column = nullptr;
  type.not_null = false;
  BoundExpr& a = call.args[0];
  BoundExpr& b = call.args[1];
  bool strings = a.type.type == ValueType::kString && b.type.type == ValueType::kString;
  bool numbers = IsNumericType(a.type.type) && IsNumericType(b.type.type);
  PORPOISE_ASSIGN_OR_RETURN(ExprType common, ComparisonType(a.type, b.type, "nullif"));
  common = TimeComparisonType(a, b, std::move(common));
  // (b computed from constants alone and compared as another kind of number: once)
  call.binder.CacheConvertedConstant(&b, common);
  // (a constant beside a date must name one, as for =: 1525 else)
  if (common.type == ValueType::kDate || common.type == ValueType::kDateTime) {
    for (const BoundExpr* side : {&a, &b}) {
      PORPOISE_RETURN_IF_ERROR(call.binder.ConstantAsTemporal(*side, common).status());
    }
  }
  // (an exact a compared as a DOUBLE is not read back from it: 99999999999999999999 stays)
  bool exact_as_double = (common.type == ValueType::kDouble || common.type == ValueType::kFloat) &&
                         a.type.type != ValueType::kDouble && a.type.type != ValueType::kFloat;
  // (a computed value is read twice, as MySQL's NULLIF reads it to compare and again to
  // return it: what computing it says is said twice where it is returned; a column or a
  // constant says nothing more, and SQLite's nullif reads it once, as it reads a large
  // computation, whose copy would double the statement with each NULLIF nested in it)
  const bool read_once = a.kind == BoundKind::kColumn || a.kind == BoundKind::kConstant ||
                         !SmallerThan(a, kCopiedNodes);
  if ((strings || (numbers && !exact_as_double)) && read_once) {
    BoundExpr left = call.binder.Convert(std::move(a), common);
    if (strings && common.collation != nullptr) {
      left = BoundExpr::Collate(std::move(left), common.collation->sqlite_name());
    }
    BoundExpr right = call.binder.Convert(std::move(b), common);
    if (strings) return BoundExpr::Call("nullif", {std::move(left), std::move(right)}, type);
    ExprType compared = common;
    compared.not_null = false;
    BoundExpr result = BoundExpr::Call("nullif", {std::move(left), std::move(right)}, compared);
    return call.binder.Convert(std::move(result), type);
  }
  // Operands of different kinds (a string and a number, a temporal value and a string, ...)
  // compare as MySQL's comparison rules convert them, and the result is a itself: CASE WHEN
  // a = b THEN NULL ELSE a END, as the manual defines NULLIF (a is evaluated twice, there
  // as here).
  BoundExpr original = a;
  BoundExpr left = call.binder.Convert(std::move(a), common);
  if (common.type == ValueType::kString && common.collation != nullptr) {
    left = BoundExpr::Collate(std::move(left), common.collation->sqlite_name());
  }
  BoundExpr right = call.binder.Convert(std::move(b), common);
  BoundExpr result;
  result.kind = BoundKind::kCase;
  result.type = type;
  result.case_else = true;
  if (original.kind == BoundKind::kColumn && !original.type.not_null) {
    // (b is not computed beside a NULL column: MySQL's comparator stops at a NULL left)
    result.Add(BoundExpr::Postfix(original, "IS NULL", TypeOf(ValueType::kInteger, 1)));
    result.Add(BoundExpr::Constant(Value::Null(), type));
  }
  result.Add(BoundExpr::Infix("=", std::move(left), std::move(right),
                              TypeOf(ValueType::kInteger, 1)));
  result.Add(BoundExpr::Constant(Value::Null(), type));
  result.Add(std::move(original));
  return result;
}

// `*arg` itself where all that computing it says is said once, the first time (a
// comparison's cached constant inside it: pp_warn with flag 2), those warnings said once by
// the statement again: NULLIF reads its first operand twice, and each copy of such a pp_warn
// would say them.
void WarningsOnceAtBind(FunctionCall& call, BoundExpr* arg) {
  for (const BoundExpr* link = arg; link->kind == BoundKind::kCall && link->name == "pp_warn" &&
                                    link->children.size() == 4;
       link = link->children[0].get()) {
    const std::optional<Value>& flags = link->children[3]->constant;
    if (!flags || (flags->integer & 2) == 0) return;
  }
  const BoundExpr* inner = nullptr;
  std::vector<Status> warnings = WarningsEachRow(*arg, &inner);
  if (warnings.empty()) return;
  TranslatorContext& context = call.context();
  for (Status& warning : warnings) {
    context.once_warnings.insert(context.warnings.size());
    context.warnings.push_back(std::move(warning));
  }
  BoundExpr value = *inner;
  *arg = std::move(value);
}

// NULLIF's constant operand is converted once, as a comparison's is.
// A first argument that is NULL (known while binding) is the answer, the second not read
// (MySQL's comparator stops at a NULL left operand).
Result<BoundExpr> BindNullIf(FunctionCall& call) {
  WarningsOnceAtBind(call, &call.args[0]);
  size_t warned = call.context().warnings.size();
  bool null_first = call.binder.IsSilentNull(call.args[0]);
  // An operand computed from constants alone, silently, is computed now: what converting it
  // for the comparison says is then said once, as for a constant (MySQL's comparator caches
  // a constant operand's converted value).
  for (BoundExpr& arg : call.args) {
    if (arg.constant) continue;
    std::vector<Status> said;
    std::optional<Value> value = call.binder.ComputeNow(arg, &said);
    if (value && said.empty()) arg = call.binder.Constant(std::move(*value), arg.type);
  }
  Result<BoundExpr> result = BindNullIfComparison(call);
  if (result.ok() && null_first) {
    call.binder.ForgetWarnings(warned);
    ExprType type = result.value().type;
    return call.binder.UnreadNull(std::move(result).value(), type);
  }
  call.binder.ComparisonWarningsOnce(warned);
  return result;
}

// COALESCE is NULL only when every argument may be.
Result<BoundExpr> BindCoalesce(FunctionCall& call) {
  ExprType type = MergeTypes(call.args);
  PORPOISE_RETURN_IF_ERROR(CollateValues(call, 0, &type));
  type.not_null = std::any_of(call.args.begin(), call.args.end(),
                              [](const BoundExpr& arg) { return arg.type.not_null; });
  ToMerged(call, 0, type);
  type.quiet_number = type.type == ValueType::kString || type.type == ValueType::kBinary;
  if (call.args.size() == 1) {
    BoundExpr only = std::move(call.args[0]);
    only.type = type;
    return only;
  }
  return BoundExpr::Call("coalesce", std::move(call.args), type);
}

Result<BoundExpr> BindIsNull(FunctionCall& call) {
  ExprType truth = TypeOf(ValueType::kInteger, 1);
  truth.not_null = true;
  return BoundExpr::Postfix(std::move(call.args[0]), "IS NULL", truth);
}

// Every argument goes in converted to the merged type, so SQLite's min/max compare one
// physical form (a DECIMAL with an integer, say, rather than a BLOB with an INTEGER), and
// strings compare under the merged collation.
Result<BoundExpr> BindGreatestLeast(FunctionCall& call) {
  if (std::any_of(call.args.begin(), call.args.end(),
                  [](const BoundExpr& arg) { return arg.type.type == ValueType::kJson; })) {
    // (JSON is not compared by JSON's order here, and MySQL says so once)
    call.context().warnings.push_back(
        Status::Error(ER_NOT_SUPPORTED_YET, "comparison of JSON in the LEAST and GREATEST operators")
            .AtResolve());
    for (BoundExpr& arg : call.args) {
      if (arg.type.type == ValueType::kJson) arg = call.binder.JsonAsText(std::move(arg));
    }
  }
  ExprType type = MergeTypes(call.args);
  bool not_null = NoneNullable(call.args);
  const bool temporal_argument = std::any_of(call.args.begin(), call.args.end(), [](const BoundExpr& arg) {
    return IsTemporalType(arg.type.type);
  });
  if (type.type == ValueType::kString) {
    // The collation of all the arguments together (1267/1270/1271 when they do not mix).
    ExprType merged = TypeOf(ValueType::kNull, 0);
    std::vector<ExprType> operands;
    for (const BoundExpr& arg : call.args) operands.push_back(arg.type);
    std::string operation = ToLowerAscii(call.name);
    for (const BoundExpr& arg : call.args) {
      Status folded = FoldCollation(&merged, arg.type, operation, false);
      if (!folded.ok()) return IllegalMix(operands, operation, folded);
    }
    type.collation =
        merged.collation != nullptr ? merged.collation : call.context().connection_collation;
    type.coercibility = merged.collation != nullptr ? merged.coercibility : Coercibility::kCoercible;
    bool dates = std::any_of(call.args.begin(), call.args.end(), [](const BoundExpr& arg) {
      return arg.type.type == ValueType::kDate || arg.type.type == ValueType::kDateTime;
    });
    if (dates) {
      type.not_null = not_null;
      return BindMinMaxOfDates(call, type);
    }
  }
  std::vector<BoundExpr> args;
  for (BoundExpr& arg : call.args) args.push_back(call.binder.Convert(std::move(arg), type));
  // Of equal values MySQL's LEAST returns the first, its GREATEST the last; SQLite's min()
  // returns the last of them, its max() the first: both go to SQLite in reverse.
  std::reverse(args.begin(), args.end());
  if (type.type == ValueType::kString && !args.empty()) {
    args[0] = BoundExpr::Collate(std::move(args[0]), type.collation->sqlite_name());
  }
  type.not_null = not_null;
  if (type.type == ValueType::kDouble && type.decimals >= 31) type.length = 23;
  // (read as a number, text is its winner's, unchecked; with a TIME among the arguments
  // MySQL reads each argument as a number instead)
  type.quiet_number = (type.type == ValueType::kString || type.type == ValueType::kBinary) && !temporal_argument;
  return BoundExpr::Call(call.name == "GREATEST" ? "max" : "min", std::move(args), type);
}

}  // namespace

void RegisterControlFunctions(FunctionRegistry& registry) {
  auto add = [&](std::string_view name, uint8_t min, uint8_t max, BindRule bind, uint8_t lazy_from = 255) {
    FunctionDef def{name, min, max, ArgumentForm::kTyped, bind, false};
    def.lazy_from = lazy_from;
    registry.Add(def);
  };
  add("IF", 3, 3, BindIf, 1);
  add("IFNULL", 2, 2, BindIfNull, 1);
  add("NVL", 2, 2, BindIfNull, 1);
  add("NULLIF", 2, 2, BindNullIf, 0);
  add("COALESCE", 1, kAnyArity, BindCoalesce, 1);
  add("ISNULL", 1, 1, BindIsNull);
  registry.Add({"GREATEST", 2, kAnyArity, ArgumentForm::kTyped, BindGreatestLeast, false});
  registry.Add({"LEAST", 2, kAnyArity, ArgumentForm::kTyped, BindGreatestLeast, false});
}

}  // namespace porpoise::engine
