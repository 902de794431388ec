// Control-flow functions: IF, IFNULL/NVL, NULLIF, COALESCE, ISNULL, GREATEST, LEAST. Their
// type is the merge of the values they may return. (engine/)
#include "engine/function_registry.h"

namespace porpoise::engine {

namespace {

Result<BoundExpr> BindIf(FunctionCall& call) {
  ExprType type = MergeTypes(call.args, 1);
  BoundExpr result;
  result.kind = BoundKind::kCase;
  result.type = type;
  result.case_else = true;
  for (BoundExpr& arg : call.args) result.Add(std::move(arg));
  return result;
}

Result<BoundExpr> BindIfNull(FunctionCall& call) {
  ExprType type = MergeTypes(call.args);
  return BoundExpr::Call("ifnull", std::move(call.args), type);
}

Result<BoundExpr> BindNullIf(FunctionCall& call) {
  ExprType type = call.args[0].type;
  type.column = nullptr;
  return BoundExpr::Call("nullif", std::move(call.args), type);
}

Result<BoundExpr> BindCoalesce(FunctionCall& call) {
  ExprType type = MergeTypes(call.args);
  if (call.args.size() == 1) {
    BoundExpr only = std::move(call.args[0]);
    only.type = type;
    return only;
  }
  return BoundExpr::Call("coalesce", std::move(call.args), type);
}

Result<BoundExpr> BindIsNull(FunctionCall& call) {
  return BoundExpr::Postfix(std::move(call.args[0]), "IS NULL", TypeOf(ValueType::kInteger, 1));
}

Result<BoundExpr> BindGreatestLeast(FunctionCall& call) {
  ExprType type = MergeTypes(call.args);
  return BoundExpr::Call(call.name == "GREATEST" ? "max" : "min", std::move(call.args), type);
}

}  // namespace

void RegisterControlFunctions(FunctionRegistry& registry) {
  auto add = [&](std::string_view name, uint8_t min, uint8_t max, BindRule bind) {
    registry.Add({name, min, max, ArgumentForm::kTextual, bind, false});
  };
  add("IF", 3, 3, BindIf);
  add("IFNULL", 2, 2, BindIfNull);
  add("NVL", 2, 2, BindIfNull);
  add("NULLIF", 2, 2, BindNullIf);
  add("COALESCE", 1, kAnyArity, BindCoalesce);
  add("ISNULL", 1, 1, BindIsNull);
  add("GREATEST", 2, kAnyArity, BindGreatestLeast);
  add("LEAST", 2, kAnyArity, BindGreatestLeast);
}

}  // namespace porpoise::engine
