// Expr's special members (an iterative destructor, so deep trees cannot overflow the stack),
// the builders, and structural equality of expressions and data types. (sql/ast/)
#include "sql/ast/expression.h"

#include "sql/ast/parse_meter.h"

#include "sql/printer.h"

namespace porpoise::sql {
namespace {

// Moves every child of `node` into `pending`.
void DetachChildren(Expr& node, std::vector<ExprPtr>& pending) {
  for (ExprPtr& arg : node.args) {
    if (arg) pending.push_back(std::move(arg));
  }
  node.args.clear();
  if (ExprDetail* detail = node.detail_if_any()) {
    for (auto& [expr, descending] : detail->function_order_by) {
      if (expr) pending.push_back(std::move(expr));
    }
    detail->function_order_by.clear();
    if (detail->against) pending.push_back(std::move(detail->against));
  }
  if (node.case_operand) pending.push_back(std::move(node.case_operand));
  if (node.else_expr) pending.push_back(std::move(node.else_expr));
}

bool EqualsPtr(const ExprPtr& a, const ExprPtr& b) {
  if (!a || !b) return !a && !b;
  return Equals(*a, *b);
}

bool EqualsOrder(const std::vector<std::pair<ExprPtr, bool>>& a,
                 const std::vector<std::pair<ExprPtr, bool>>& b) {
  if (a.size() != b.size()) return false;
  for (size_t index = 0; index < a.size(); ++index) {
    if (a[index].second != b[index].second || !EqualsPtr(a[index].first, b[index].first)) return false;
  }
  return true;
}

}  // namespace

bool Equals(const WindowSpec& a, const WindowSpec& b) {
  if (a.name_only != b.name_only || a.base != b.base || a.unit != b.unit ||
      a.between != b.between || a.partition.size() != b.partition.size() ||
      !EqualsOrder(a.order, b.order) || a.start.edge != b.start.edge ||
      a.end.edge != b.end.edge || !EqualsPtr(a.start.offset, b.start.offset) ||
      !EqualsPtr(a.end.offset, b.end.offset)) {
    return false;
  }
  for (size_t index = 0; index < a.partition.size(); ++index) {
    if (!EqualsPtr(a.partition[index], b.partition[index])) return false;
  }
  return true;
}

namespace {
thread_local ParseMeter* current_meter = nullptr;
}  // namespace

ParseMeter::ParseMeter(uint64_t limit) : previous_(current_meter), limit_(limit) {
  current_meter = this;
}

ParseMeter::~ParseMeter() { current_meter = previous_; }

void ParseMeter::Charge(uint64_t bytes) {
  if (current_meter != nullptr) current_meter->used_ += bytes;
}

bool ParseMeter::CurrentExceeded() { return current_meter != nullptr && current_meter->exceeded(); }

// A node, and its slot in the list that holds it (a vector that may be up to twice as large
// as it needs).
Expr::Expr() { ParseMeter::Charge(sizeof(Expr) + 2 * sizeof(ExprPtr)); }
Expr::Expr(Expr&&) noexcept = default;
Expr& Expr::operator=(Expr&&) noexcept = default;

const ExprDetail& Expr::detail() const {
  static const ExprDetail kNone;
  return detail_ ? *detail_ : kNone;
}

ExprDetail& Expr::mutable_detail() {
  if (!detail_) {
    ParseMeter::Charge(sizeof(ExprDetail));
    detail_ = std::make_unique<ExprDetail>();
  }
  return *detail_;
}

Expr::~Expr() {
  std::vector<ExprPtr> pending;
  DetachChildren(*this, pending);
  while (!pending.empty()) {
    ExprPtr node = std::move(pending.back());
    pending.pop_back();
    DetachChildren(*node, pending);
  }
}

ExprPtr MakeLiteral(LiteralKind kind, std::string text) {
  auto expr = std::make_unique<Expr>();
  expr->kind = ExprKind::kLiteral;
  expr->literal_kind = kind;
  expr->text = std::move(text);
  return expr;
}

ExprPtr MakeColumnRef(std::string database, std::string table, std::string column) {
  auto expr = std::make_unique<Expr>();
  expr->kind = ExprKind::kColumnRef;
  expr->database = std::move(database);
  expr->table = std::move(table);
  expr->column = std::move(column);
  return expr;
}

ExprPtr MakeUnary(Operator op, ExprPtr operand) {
  auto expr = std::make_unique<Expr>();
  expr->kind = ExprKind::kUnary;
  expr->op = op;
  expr->args.push_back(std::move(operand));
  return expr;
}

ExprPtr MakeBinary(Operator op, ExprPtr left, ExprPtr right) {
  auto expr = std::make_unique<Expr>();
  expr->kind = ExprKind::kBinary;
  expr->op = op;
  expr->args.push_back(std::move(left));
  expr->args.push_back(std::move(right));
  return expr;
}

ExprPtr MakeFunction(std::string name, std::vector<ExprPtr> args) {
  auto expr = std::make_unique<Expr>();
  expr->kind = ExprKind::kFunction;
  expr->text = std::move(name);
  expr->args = std::move(args);
  return expr;
}

bool Equals(const DataType& a, const DataType& b) {
  return a.name == b.name && a.length == b.length && a.scale == b.scale &&
         a.is_unsigned == b.is_unsigned && a.zerofill == b.zerofill && a.binary == b.binary &&
         a.values == b.values && a.charset == b.charset && a.collation == b.collation;
}

bool Equals(const Expr& a, const Expr& b) {
  if (a.kind != b.kind || a.literal_kind != b.literal_kind || a.text != b.text ||
      a.detail().charset_introducer != b.detail().charset_introducer || a.database != b.database ||
      a.table != b.table || a.column != b.column || a.scope != b.scope || a.op != b.op ||
      a.distinct != b.distinct || a.star != b.star || a.detail().separator != b.detail().separator ||
      a.detail().has_separator != b.detail().has_separator || a.negated != b.negated ||
      a.is_value != b.is_value || a.param_index != b.param_index ||
      a.detail().match_modifier != b.detail().match_modifier || !Equals(a.detail().cast_type, b.detail().cast_type) ||
      a.detail().on_empty != b.detail().on_empty || a.detail().on_error != b.detail().on_error ||
      a.detail().stored_name != b.detail().stored_name || a.detail().char_using != b.detail().char_using ||
      a.detail().implicit_values != b.detail().implicit_values) {
    return false;
  }
  if (a.args.size() != b.args.size() || !EqualsOrder(a.detail().function_order_by, b.detail().function_order_by)) {
    return false;
  }
  if (!a.over || !b.over) {
    if (a.over || b.over) return false;
  } else if (!Equals(*a.over, *b.over)) {
    return false;
  }
  for (size_t index = 0; index < a.args.size(); ++index) {
    if (!EqualsPtr(a.args[index], b.args[index])) return false;
  }
  if (!EqualsPtr(a.case_operand, b.case_operand) || !EqualsPtr(a.else_expr, b.else_expr) ||
      !EqualsPtr(a.detail().against, b.detail().against)) {
    return false;
  }
  if (!a.subquery || !b.subquery) return !a.subquery && !b.subquery;
  return Equals(static_cast<const Statement&>(*a.subquery),
                static_cast<const Statement&>(*b.subquery));
}

}  // namespace porpoise::sql
