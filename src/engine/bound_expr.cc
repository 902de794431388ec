// Builders of the bound expression tree. (engine/)
#include "engine/bound_expr.h"

#include <algorithm>
#include <utility>

namespace porpoise::engine {

namespace {

BoundExpr Node(BoundKind kind, std::string name, ExprType type) {
  BoundExpr node;
  node.kind = kind;
  node.name = std::move(name);
  node.type = std::move(type);
  return node;
}

}  // namespace

void BoundExpr::Add(BoundExpr child) {
  aggregate = aggregate || child.aggregate;
  children.push_back(std::make_shared<const BoundExpr>(std::move(child)));
}

void BoundExpr::Add(BoundExprPtr child) {
  aggregate = aggregate || child->aggregate;
  children.push_back(std::move(child));
}

BoundExpr BoundExpr::Constant(Value value, ExprType type) {
  BoundExpr node = Node(BoundKind::kConstant, std::string(), std::move(type));
  node.type.not_null = !value.is_null();
  node.constant = std::move(value);
  return node;
}

BoundExpr BoundExpr::Column(std::string sqlite_name, ExprType type) {
  return Node(BoundKind::kColumn, std::move(sqlite_name), std::move(type));
}

BoundExpr BoundExpr::Call(std::string_view function, std::vector<BoundExpr> args, ExprType type) {
  BoundExpr node = Node(BoundKind::kCall, std::string(function), std::move(type));
  for (BoundExpr& arg : args) node.Add(std::move(arg));
  return node;
}

BoundExpr BoundExpr::Call(std::string_view function, std::vector<BoundExprPtr> args,
                          ExprType type) {
  BoundExpr node = Node(BoundKind::kCall, std::string(function), std::move(type));
  for (BoundExprPtr& arg : args) node.Add(std::move(arg));
  return node;
}

BoundExpr BoundExpr::Infix(std::string_view op, BoundExpr left, BoundExpr right, ExprType type) {
  BoundExpr node = Node(BoundKind::kInfix, std::string(op), std::move(type));
  node.Add(std::move(left));
  node.Add(std::move(right));
  return node;
}

BoundExpr BoundExpr::Prefix(std::string_view op, BoundExpr operand, ExprType type) {
  BoundExpr node = Node(BoundKind::kPrefix, std::string(op), std::move(type));
  node.Add(std::move(operand));
  return node;
}

BoundExpr BoundExpr::Postfix(BoundExpr operand, std::string_view op, ExprType type) {
  BoundExpr node = Node(BoundKind::kPostfix, std::string(op), std::move(type));
  node.Add(std::move(operand));
  return node;
}

BoundExpr BoundExpr::Collate(BoundExpr operand, std::string_view sqlite_collation) {
  ExprType type = operand.type;
  BoundExpr node = Node(BoundKind::kCollate, std::string(sqlite_collation), std::move(type));
  node.Add(std::move(operand));
  return node;
}

BoundExpr BoundExpr::Cast(BoundExpr operand, std::string_view sqlite_type, ExprType type) {
  BoundExpr node = Node(BoundKind::kCast, std::string(sqlite_type), std::move(type));
  node.Add(std::move(operand));
  return node;
}

BoundExpr IntegerConstant(int64_t value) {
  return BoundExpr::Constant(Value::Integer(value), NumericType(ValueType::kInteger, 21, 0));
}

BoundExpr TextConstant(std::string value) {
  ExprType type;
  type.type = ValueType::kString;
  type.length = static_cast<uint32_t>(value.size());
  return BoundExpr::Constant(Value::Text(std::move(value)), type);
}

bool NoneNullable(const std::vector<BoundExpr>& args) {
  return std::all_of(args.begin(), args.end(),
                     [](const BoundExpr& arg) { return arg.type.not_null; });
}

bool ComputesFromConstants(const BoundExpr& expr, bool row_warnings) {
  const bool said_again = row_warnings && expr.kind == BoundKind::kCall && expr.name == "pp_warn";
  if (expr.kind == BoundKind::kColumn || expr.kind == BoundKind::kSubquery || expr.aggregate ||
      expr.window || (expr.volatile_call && !said_again) ||
      (expr.kind == BoundKind::kCall && (expr.name == "pp_param" || expr.name == "pp_var"))) {
    return false;
  }
  return std::all_of(expr.children.begin(), expr.children.end(), [row_warnings](const BoundExprPtr& child) {
    return ComputesFromConstants(*child, row_warnings);
  });
}

bool HasVolatileCall(const BoundExpr& expr) {
  if (expr.volatile_call) return true;
  return std::any_of(expr.children.begin(), expr.children.end(),
                     [](const BoundExprPtr& child) { return HasVolatileCall(*child); });
}

bool NoSubqueryOrWindow(const BoundExpr& expr) {
  if (expr.kind == BoundKind::kSubquery || expr.window) return false;
  return std::all_of(expr.children.begin(), expr.children.end(),
                     [](const BoundExprPtr& child) { return NoSubqueryOrWindow(*child); });
}

}  // namespace porpoise::engine
