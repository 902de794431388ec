// Window functions: f(...) OVER (...) and OVER name with the query's WINDOW clause. The
// ranking and value functions (ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE,
// LAG, LEAD, FIRST_VALUE, LAST_VALUE, NTH_VALUE) are SQLite's own; COUNT, SUM, AVG, MIN and MAX
// are bound as aggregates and each aggregate call of the result gets the window. A window
// function is evaluated after grouping, so only the select list and ORDER BY may hold one
// (3593). (engine/)
#include <algorithm>

#include "common/strings.h"
#include "engine/emitter.h"
#include "engine/function_registry.h"
#include "engine/runtime.h"
#include "engine/translator.h"

namespace porpoise::engine {

namespace {

// A window with its named bases folded in: which written parts apply.
struct ResolvedWindow {
  const std::vector<sql::ExprPtr>* partition = nullptr;
  const std::vector<std::pair<sql::ExprPtr, bool>>* order = nullptr;
  const sql::WindowSpec* frame = nullptr;  // the spec whose frame applies, or nullptr
};

const sql::WindowSpec* FindWindow(const Scope& scope, std::string_view name) {
  if (scope.windows == nullptr) return nullptr;
  for (const auto& [defined, definition] : *scope.windows) {
    if (EqualsIgnoreCase(defined, name)) return definition.get();
  }
  return nullptr;
}

// `spec` (named `name`, "<unnamed window>" for an OVER (...)) with its named bases folded in,
// as MySQL lets a window build on another: 3579 for a base not defined, 3580 for a cycle,
// 3581 for PARTITION BY on a window with a base, 3582 for a base with a frame, 3583 for ORDER
// BY on both; 3592 for an ORDER BY or PARTITION BY position.
Result<ResolvedWindow> Resolve(const sql::WindowSpec& spec, const Scope& scope, std::string_view name,
                               std::vector<const sql::WindowSpec*>* seen) {
  auto position = [](const sql::Expr* term) {
    return term != nullptr && term->kind == sql::ExprKind::kLiteral && term->literal_kind == sql::LiteralKind::kInteger;
  };
  for (const sql::ExprPtr& part : spec.partition) {
    if (position(part.get())) return Status::Error(ER_WINDOW_ILLEGAL_ORDER_BY, std::string(name));
  }
  for (const auto& [term, descending] : spec.order) {
    if (position(term.get())) return Status::Error(ER_WINDOW_ILLEGAL_ORDER_BY, std::string(name));
  }
  ResolvedWindow resolved;
  if (!spec.base.empty()) {
    const sql::WindowSpec* base = FindWindow(scope, spec.base);
    if (base == nullptr) return Status::Error(ER_WINDOW_NO_SUCH_WINDOW, spec.base);
    if (std::find(seen->begin(), seen->end(), base) != seen->end()) {
      return Status::Error(ER_WINDOW_CIRCULARITY_IN_WINDOW_GRAPH);
    }
    seen->push_back(base);
    PORPOISE_ASSIGN_OR_RETURN(resolved, Resolve(*base, scope, spec.base, seen));
    if (!spec.name_only) {
      if (resolved.frame != nullptr) return Status::Error(ER_WINDOW_NO_INHERIT_FRAME, spec.base);
      if (!spec.partition.empty()) return Status::Error(ER_WINDOW_NO_CHILD_PARTITIONING);
      if (!spec.order.empty() && resolved.order != nullptr) {
        return Status::Error(ER_WINDOW_NO_REDEFINE_ORDER_BY, std::string(name), spec.base);
      }
    }
  }
  if (!spec.partition.empty()) resolved.partition = &spec.partition;
  if (!spec.order.empty()) resolved.order = &spec.order;
  if (spec.unit != sql::WindowSpec::Unit::kNone) resolved.frame = &spec;
  return resolved;
}

Result<ResolvedWindow> Resolve(const sql::WindowSpec& spec, const Scope& scope, std::string_view name) {
  std::vector<const sql::WindowSpec*> seen{&spec};
  return Resolve(spec, scope, name, &seen);
}

bool HasOffset(const sql::WindowSpec::Bound& bound) {
  return bound.edge == sql::WindowSpec::Edge::kPreceding ||
         bound.edge == sql::WindowSpec::Edge::kFollowing;
}

bool IsInterval(const sql::WindowSpec::Bound& bound) {
  return HasOffset(bound) && bound.offset && bound.offset->kind == sql::ExprKind::kInterval;
}

// A frame bound as SQLite writes it. A ROWS offset is a non-negative integer; a RANGE offset
// a non-negative number, or for a temporal ORDER BY (read as microseconds by
// mysql_range_key) an INTERVAL of fixed length, written as its microseconds.
Result<std::string> FrameBound(const sql::WindowSpec::Bound& bound, bool rows,
                               const std::string& window) {
  using Edge = sql::WindowSpec::Edge;
  switch (bound.edge) {
    case Edge::kUnboundedPreceding: return std::string("UNBOUNDED PRECEDING");
    case Edge::kCurrentRow: return std::string("CURRENT ROW");
    case Edge::kUnboundedFollowing: return std::string("UNBOUNDED FOLLOWING");
    case Edge::kPreceding:
    case Edge::kFollowing: break;
  }
  std::string direction = bound.edge == Edge::kPreceding ? " PRECEDING" : " FOLLOWING";
  const sql::Expr* offset = bound.offset.get();
  if (offset != nullptr && offset->kind == sql::ExprKind::kInterval && !offset->args.empty() &&
      offset->args[0] && offset->args[0]->kind == sql::ExprKind::kLiteral) {
    const sql::Expr& amount = *offset->args[0];
    if (amount.literal_kind == sql::LiteralKind::kNull) {
      return Status::Error(ER_WINDOW_FRAME_ILLEGAL, window);
    }
    std::optional<int64_t> micros = FixedIntervalMicros(offset->text, amount.text);
    if (!micros) {
      return Status::Error(ER_NOT_SUPPORTED_YET,
                           "a RANGE frame bound of an INTERVAL in months or years");
    }
    if (*micros < 0) return Status::Error(ER_WINDOW_FRAME_ILLEGAL, window);
    return std::to_string(*micros) + direction;
  }
  bool number = offset != nullptr && offset->kind == sql::ExprKind::kLiteral &&
                (offset->literal_kind == sql::LiteralKind::kInteger ||
                 (!rows && (offset->literal_kind == sql::LiteralKind::kDecimal ||
                            offset->literal_kind == sql::LiteralKind::kFloat)));
  if (!number) {
    if (offset != nullptr && offset->kind == sql::ExprKind::kLiteral) {
      return Status::Error(ER_WINDOW_FRAME_ILLEGAL, window);
    }
    return Status::Error(ER_WINDOW_RANGE_BOUND_NOT_CONSTANT, window);
  }
  return offset->text + direction;
}

// The aggregate calls of `node` (not those inside their arguments) made window calls.
BoundExpr Windowed(const BoundExpr& node, const std::vector<BoundExpr>& parts,
                   const std::shared_ptr<const BoundWindow>& shape) {
  BoundExpr copy = node;
  copy.children.clear();
  copy.aggregate = false;
  if (node.kind == BoundKind::kCall && node.aggregate_call) {
    copy.aggregate_call = false;
    for (const BoundExprPtr& child : node.children) copy.Add(child);
    auto window = std::make_shared<BoundWindow>(*shape);
    window->arguments = node.children.size();
    copy.window = std::move(window);
    for (const BoundExpr& part : parts) copy.Add(part);
    return copy;
  }
  for (const BoundExprPtr& child : node.children) copy.Add(Windowed(*child, parts, shape));
  return copy;
}

bool IsRankingFunction(std::string_view name) {
  for (std::string_view ranking : {"ROW_NUMBER", "RANK", "DENSE_RANK", "PERCENT_RANK", "CUME_DIST",
                                   "NTILE", "LAG", "LEAD", "FIRST_VALUE", "LAST_VALUE", "NTH_VALUE"}) {
    if (name == ranking) return true;
  }
  return false;
}

}  // namespace

Status Translator::CheckWindowClause(const sql::SelectStatement& select, const Scope& scope) {
  for (size_t i = 0; i < select.windows.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (EqualsIgnoreCase(select.windows[i].first, select.windows[j].first)) {
        return Status::Error(ER_WINDOW_DUPLICATE_NAME, select.windows[j].first);
      }
    }
  }
  for (const auto& [name, definition] : select.windows) {
    if (definition) PORPOISE_RETURN_IF_ERROR(Resolve(*definition, scope, name).status());
  }
  return Status::OK();
}

Result<BoundExpr> Translator::TranslateWindowFunction(const sql::Expr& expr, const Scope& scope,
                                                      Clause clause) {
  std::string name = ToUpperAscii(expr.text);
  if (clause != Clause::kFieldList && clause != Clause::kOrder) {
    return Status::Error(ER_WINDOW_INVALID_WINDOW_FUNC_USE, ToLowerAscii(name));
  }
  PORPOISE_ASSIGN_OR_RETURN(ResolvedWindow window, Resolve(*expr.over, scope, "<unnamed window>"));

  // PARTITION BY and ORDER BY, then the frame, as SQLite takes them.
  std::vector<BoundExpr> parts;
  auto shape = std::make_shared<BoundWindow>();
  if (window.partition != nullptr) {
    for (const sql::ExprPtr& part : *window.partition) {
      PORPOISE_ASSIGN_OR_RETURN(BoundExpr bound, TranslateExpr(*part, scope, Clause::kFieldList));
      parts.push_back(std::move(bound));
    }
  }
  shape->partition = parts.size();
  if (window.order != nullptr) {
    for (const auto& [term, descending] : *window.order) {
      PORPOISE_ASSIGN_OR_RETURN(BoundExpr bound, TranslateExpr(*term, scope, Clause::kFieldList));
      bound = EnumOrdinal(std::move(bound));
      if (bound.type.type == ValueType::kString && bound.type.collation != nullptr) {
        std::string_view collation = bound.type.collation->sqlite_name();
        bound = BoundExpr::Collate(std::move(bound), collation);
      }
      parts.push_back(std::move(bound));
      shape->descending.push_back(descending);
    }
  }
  if (window.frame != nullptr) {
    const sql::WindowSpec& frame = *window.frame;
    bool rows = frame.unit == sql::WindowSpec::Unit::kRows;
    std::string window_name = expr.over->name_only ? expr.over->base : "<unnamed window>";
    bool interval = IsInterval(frame.start) || (frame.between && IsInterval(frame.end));
    if (rows && interval) return Status::Error(ER_WINDOW_ROWS_INTERVAL_USE, window_name);
    if (!rows && (HasOffset(frame.start) || (frame.between && HasOffset(frame.end)))) {
      // SQLite's RANGE offsets move along one numeric ORDER BY key.
      size_t orders = parts.size() - shape->partition;
      const ExprType& key = orders == 1 ? parts.back().type : ExprType();
      bool temporal = key.type == ValueType::kDate || key.type == ValueType::kDateTime;
      bool numeric = key.type == ValueType::kInteger || key.type == ValueType::kDecimal ||
                     key.type == ValueType::kDouble || key.type == ValueType::kFloat;
      if (orders != 1 || (!temporal && !numeric)) {
        return Status::Error(ER_WINDOW_RANGE_FRAME_ORDER_TYPE, window_name);
      }
      if (temporal && !interval) return Status::Error(ER_WINDOW_RANGE_FRAME_TEMPORAL_TYPE, window_name);
      if (numeric && interval) return Status::Error(ER_WINDOW_RANGE_FRAME_NUMERIC_TYPE, window_name);
      ExprType number = TypeOf(ValueType::kInteger, 21);
      if (temporal) {
        parts.back() = BoundExpr::Call("mysql_range_key", {std::move(parts.back())}, number);
      } else if (key.type == ValueType::kDecimal) {
        parts.back() = Convert(std::move(parts.back()), TypeOf(ValueType::kDouble, 22, 31));
      }
    }
    // The bounds' order: no frame starts at UNBOUNDED FOLLOWING or ends at UNBOUNDED
    // PRECEDING, and none starts after it ends by its kinds of bound (CURRENT ROW to N
    // PRECEDING, N FOLLOWING to CURRENT ROW or N PRECEDING).
    using Edge = sql::WindowSpec::Edge;
    Edge end_edge = frame.between ? frame.end.edge : Edge::kCurrentRow;
    if (frame.start.edge == Edge::kUnboundedFollowing) {
      return Status::Error(ER_WINDOW_FRAME_START_ILLEGAL, window_name);
    }
    if (end_edge == Edge::kUnboundedPreceding) return Status::Error(ER_WINDOW_FRAME_END_ILLEGAL, window_name);
    if ((frame.start.edge == Edge::kCurrentRow && end_edge == Edge::kPreceding) ||
        (frame.start.edge == Edge::kFollowing && (end_edge == Edge::kPreceding || end_edge == Edge::kCurrentRow))) {
      return Status::Error(ER_WINDOW_FRAME_ILLEGAL, window_name);
    }
    PORPOISE_ASSIGN_OR_RETURN(std::string start, FrameBound(frame.start, rows, window_name));
    std::string unit = rows ? "ROWS " : "RANGE ";
    if (frame.between) {
      PORPOISE_ASSIGN_OR_RETURN(std::string end, FrameBound(frame.end, rows, window_name));
      shape->frame = unit + "BETWEEN " + start + " AND " + end;
    } else {
      shape->frame = unit + start;
    }
  }

  if (IsRankingFunction(name)) {
    std::vector<BoundExpr> args;
    for (const sql::ExprPtr& arg : expr.args) {
      PORPOISE_ASSIGN_OR_RETURN(BoundExpr bound, TranslateExpr(*arg, scope, Clause::kFieldList));
      args.push_back(std::move(bound));
    }
    size_t min_args = 0;
    size_t max_args = 0;
    ExprType type = TypeOf(ValueType::kInteger, 21);
    type.not_null = true;
    if (name == "PERCENT_RANK" || name == "CUME_DIST") {
      type = TypeOf(ValueType::kDouble, 23, 31);
      type.not_null = true;
    } else if (name == "NTILE") {
      min_args = max_args = 1;
    } else if (name == "LAG" || name == "LEAD") {
      min_args = 1;
      max_args = 3;
    } else if (name == "FIRST_VALUE" || name == "LAST_VALUE") {
      min_args = max_args = 1;
    } else if (name == "NTH_VALUE") {
      min_args = max_args = 2;
    }
    if (args.size() < min_args || args.size() > max_args) {
      return Status::Error(ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT, expr.text);
    }
    // NTILE's count and NTH_VALUE's row are positive (the grammar took only counts).
    if (name == "NTILE" || name == "NTH_VALUE") {
      const BoundExpr& bound = args.back();
      if (bound.constant && !bound.constant->is_null() &&
          (bound.constant->kind != Value::Kind::kInteger || bound.constant->integer <= 0)) {
        return Status::Error(ER_WRONG_ARGUMENTS, ToLowerAscii(name));
      }
    }
    if (name == "LAG" || name == "LEAD" || name == "FIRST_VALUE" || name == "LAST_VALUE" ||
        name == "NTH_VALUE") {
      // The value read from another row: its own type (merged with LAG's default), nullable.
      std::vector<BoundExpr> values;
      values.push_back(args[0]);
      if ((name == "LAG" || name == "LEAD") && args.size() == 3) values.push_back(args[2]);
      type = values.size() == 1 ? values[0].type : MergeTypes(values);
      type.column = nullptr;
      type.not_null = false;
      if (values.size() == 2) args[2] = Convert(std::move(args[2]), type);
      args[0] = Convert(std::move(args[0]), type);
    }
    BoundExpr call = BoundExpr::Call(ToLowerAscii(name), std::move(args), type);
    call.aggregate_call = true;  // made a window call below
    return Windowed(call, parts, shape);
  }

  const FunctionDef* def = FunctionRegistry::Get().Find(name);
  bool windowable = name != "GROUP_CONCAT";  // every other aggregate, as in MySQL
  if (def == nullptr || !def->aggregate || !windowable) {
    if (name == "GROUP_CONCAT") return Status::Error(ER_NOT_SUPPORTED_YET, "group_concat as window function");
    return Status::Error(ER_NOT_SUPPORTED_YET, expr.text + " as a window function");
  }
  if (expr.distinct) {
    return Status::Error(ER_NOT_SUPPORTED_YET, "<window function>(DISTINCT ..)");
  }
  PORPOISE_ASSIGN_OR_RETURN(BoundExpr aggregate, BindBuiltinCall(expr, *def, scope, Clause::kFieldList, true));
  return Windowed(aggregate, parts, shape);
}

}  // namespace porpoise::engine
