// The emitter (emitter.h): bound expressions -> SQLite SQL, with sub-statements for subtrees
// nested too deep for one statement and for subtrees used twice. (engine/)
#include "engine/emitter.h"

#include <algorithm>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/strings.h"
#include "engine/bound_query.h"
#include "engine/translator.h"
#include "types/temporal.h"

namespace porpoise::engine {

namespace {

// A sub-statement is "SELECT <expr>": it may nest this deep.
constexpr uint32_t kSubStatementBudget = 85;
// Below this much room a subtree that does not fit is moved into a sub-statement.
constexpr uint32_t kHoistBelow = 14;
// A shared subtree this small is written at each use: a sub-statement call costs more.
constexpr uint32_t kSharedMinimumSize = 8;
// SQLite passes at most 127 arguments to a function.
constexpr size_t kMaxSubArguments = 120;
// What a pp_sub(...) call costs where it stands.
constexpr uint32_t kCallCost = 5;

// Parser-stack units one node adds around its operands (measured on SQLite 3.40: 100 units
// hold 32 nested one-argument calls, 19 nested CASE or multi-argument calls); a subquery adds
// `subquery_height`, what its own SQL nests.
uint32_t OwnCost(const BoundExpr& expr, uint32_t subquery_height) {
  switch (expr.kind) {
    case BoundKind::kConstant:
    case BoundKind::kColumn:
      return 1;
    case BoundKind::kCall:
      return expr.children.size() > 1 ? 5 : 3;
    case BoundKind::kInfix:
    case BoundKind::kRow:
      return 3;
    case BoundKind::kPrefix:
    case BoundKind::kPostfix:
    case BoundKind::kCollate:
      return 2;
    case BoundKind::kCast:
      return 4;
    case BoundKind::kIn:
    case BoundKind::kBetween:
      return 5;
    case BoundKind::kCase:
      return 6;
    case BoundKind::kSubquery:
      return 6 + subquery_height;
  }
  return 5;
}

// Evaluated by the statement around a sub-statement and passed in, never moved inside one.
bool IsLeaf(const BoundExpr& expr) {
  return expr.kind == BoundKind::kColumn || expr.kind == BoundKind::kSubquery ||
         (expr.kind == BoundKind::kCall && (expr.aggregate_call || expr.window));
}

// Adds to `out` the largest subtrees of `expr` that compute something from constants alone:
// a call, operator or CASE over no column, aggregate, subquery or volatile call (which SQLite
// would compute once per statement). Returns whether `expr` itself is one (or a constant,
// when `computes` says no computation is in it).
bool MarkConstantComputations(const BoundExpr& expr, std::unordered_set<const BoundExpr*>* out,
                              bool* computes) {
  bool independent = !(expr.kind == BoundKind::kColumn || expr.kind == BoundKind::kSubquery ||
                       expr.aggregate || expr.volatile_call || expr.window);
  *computes = expr.kind != BoundKind::kConstant && expr.kind != BoundKind::kCollate &&
              expr.kind != BoundKind::kRow;
  std::vector<const BoundExpr*> qualifying;
  for (const BoundExprPtr& child : expr.children) {
    bool child_computes = false;
    bool child_independent = MarkConstantComputations(*child, out, &child_computes);
    independent = independent && child_independent;
    *computes = *computes || child_computes;
    if (child_independent && child_computes) qualifying.push_back(child.get());
  }
  if (!independent) out->insert(qualifying.begin(), qualifying.end());
  return independent;
}

void MarkPerRow(const BoundExpr& expr, TranslatorContext& context) {
  bool computes = false;
  if (MarkConstantComputations(expr, &context.per_row_computations, &computes) && computes) {
    context.per_row_computations.insert(&expr);
  }
}

// Sets TranslatorContext::per_row_constants for its lifetime when `on`.
class PerRow {
 public:
  PerRow(TranslatorContext& context, bool on) : context_(context), saved_(context.per_row_constants) {
    context_.per_row_constants = saved_ || on;
  }
  ~PerRow() { context_.per_row_constants = saved_; }
  PerRow(const PerRow&) = delete;
  PerRow& operator=(const PerRow&) = delete;

 private:
  TranslatorContext& context_;
  bool saved_;
};

// Whether `query` gives at most one row whatever the data: an aggregate without GROUP BY, a
// SELECT without FROM, LIMIT 0 or 1.
bool AtMostOneRow(const BoundQuery& query) {
  auto limited = [](const std::optional<BoundCount>& limit) {
    return limit && limit->literal && *limit->literal <= 1;
  };
  switch (query.kind) {
    case BoundQuery::Kind::kSelect: {
      const BoundSelect& select = query.select;
      if (limited(select.limit) || select.from.empty()) return true;
      if (!select.group_by.empty()) return false;
      return std::any_of(select.items.begin(), select.items.end(),
                         [](const BoundExpr& item) { return item.aggregate; });
    }
    case BoundQuery::Kind::kWrapped:
      return limited(query.limit) || AtMostOneRow(*query.inner);
    case BoundQuery::Kind::kSetOperation:
      return false;
  }
  return false;
}

struct Shape {
  uint32_t height = 0;  // parser-stack units written inline
  uint32_t leaf = 0;    // the most units one leaf inside takes (a subquery can take many)
  uint32_t size = 0;    // nodes
  uint32_t uses = 0;    // parents referring to the node
  bool volatile_inside = false;
};

// One statement being written: the outer statement, or a sub-statement whose arguments
// (?1, ?2, ...) are SQL of the statement around it.
struct Band {
  Band* outer = nullptr;
  uint32_t outer_budget = 0;  // room where the pp_sub call stands in `outer`
  std::vector<std::string> arguments;
  SubStatement statement;     // a sub-statement's own parameters
  std::unordered_map<std::string, size_t> argument_index;
  std::unordered_map<const BoundExpr*, std::string> shared;  // shared subtrees written here
  uint32_t deepest = 0;  // units used
};

class Writer {
 public:
  explicit Writer(TranslatorContext& context) : context_(context) {}

  std::string Write(const BoundExpr& root, uint32_t budget, uint32_t* used) {
    Measure(root);
    Band top;
    std::string sql = Write(root, &top, budget, 0);
    if (used != nullptr) *used = top.deepest;
    return sql;
  }

 private:
  // A subquery written as the statement around it needs it.
  struct Subquery {
    std::string sql;      // the query as written where it stands
    uint32_t height = 0;  // parser-stack units its SQL nests there
  };

  uint32_t Own(const BoundExpr& expr) {
    if (expr.kind != BoundKind::kSubquery) return OwnCost(expr, 0);
    return OwnCost(expr, subqueries_[&expr].height);
  }

  // Writes the query of subquery node `expr` once, before the tree around it is measured:
  // its height decides where the tree is cut. Its own expressions are held to less nesting
  // (kSubqueryReserve). An uncorrelated subquery nested in another moves ahead of the
  // statement (MoveOut), so such subqueries nest as deep as MySQL's.
  void WriteSubquery(const BoundExpr& expr) {
    uint32_t base = context_.stack_base;
    uint32_t deepest = context_.deepest_emitted;
    if (!Correlated(*expr.query) && base >= kSubqueryReserve) {
      subqueries_.emplace(&expr, MoveOut(expr));
      return;
    }
    context_.stack_base = base + kSubqueryReserve;
    context_.deepest_emitted = 0;
    Subquery written;
    written.sql = Scalar(expr, EmitQuery(*expr.query, context_), &written.height);
    written.height += context_.deepest_emitted + kSubqueryOverhead;
    context_.stack_base = base;
    context_.deepest_emitted = deepest;
    subqueries_.emplace(&expr, std::move(written));
  }

  // A scalar subquery's SQL: MySQL refuses a second row (1242) where SQLite would take the
  // first, unless the query cannot give one. `height` receives the units added.
  static std::string Scalar(const BoundExpr& expr, std::string query, uint32_t* height) {
    *height = 0;
    if (expr.subquery != SubqueryForm::kScalar || AtMostOneRow(*expr.query)) return query;
    *height = kSubqueryOverhead;
    std::string alias = QuoteName("#scalar");
    return "SELECT pp_scalar(" + alias + "." + QuoteName(FirstColumnName(*expr.query)) +
           ") FROM (" + query + ") AS " + alias;
  }

  static bool Correlated(const BoundQuery& query) {
    switch (query.kind) {
      case BoundQuery::Kind::kSelect: return query.correlated;
      case BoundQuery::Kind::kWrapped: return Correlated(*query.inner);
      case BoundQuery::Kind::kSetOperation:
        return std::any_of(query.members.begin(), query.members.end(),
                           [](const auto& member) { return Correlated(*member); });
    }
    return true;
  }

  // The subquery as a common table expression ahead of the statement ("s#N"), referred to
  // where it stands: its SQL nests no deeper there however deep it nests itself.
  Subquery MoveOut(const BoundExpr& expr) {
    uint32_t base = context_.stack_base;
    uint32_t deepest = context_.deepest_emitted;
    context_.stack_base = 0;
    uint32_t ignored = 0;
    std::string query = Scalar(expr, EmitQuery(*expr.query, context_), &ignored);
    context_.stack_base = base;
    context_.deepest_emitted = deepest;
    std::string name = QuoteName("s#" + std::to_string(context_.common_tables.size() + 1));
    context_.common_tables.push_back(name + " AS (" + query + ")");
    Subquery moved;
    moved.sql = "SELECT * FROM " + name;
    moved.height = kSubqueryOverhead;
    return moved;
  }

  const Shape& Measure(const BoundExpr& expr) {
    auto found = shapes_.find(&expr);
    if (found != shapes_.end()) {
      ++found->second.uses;
      return found->second;
    }
    if (expr.kind == BoundKind::kSubquery) WriteSubquery(expr);
    Shape shape;
    shape.uses = 1;
    shape.size = 1;
    shape.volatile_inside = expr.volatile_call;
    if (IsLeaf(expr)) shape.leaf = Own(expr);
    uint32_t deepest = 0;
    for (const BoundExprPtr& child : expr.children) {
      const Shape& inner = Measure(*child);
      deepest = std::max(deepest, inner.height);
      shape.leaf = std::max(shape.leaf, inner.leaf);
      shape.size = std::min<uint32_t>(shape.size + inner.size, 1u << 30);
      shape.volatile_inside = shape.volatile_inside || inner.volatile_inside;
    }
    shape.height = std::min<uint32_t>(Own(expr) + deepest, 1u << 30);
    return shapes_.emplace(&expr, shape).first->second;
  }

  // `depth`: units already used above this node in `band`.
  std::string Write(const BoundExpr& expr, Band* band, uint32_t budget, uint32_t depth) {
    PerRow per_row(context_, !context_.per_row_computations.empty() &&
                                 context_.per_row_computations.count(&expr) != 0);
    if (band->outer != nullptr && IsLeaf(expr)) return Argument(expr, band);
    const Shape& shape = shapes_[&expr];
    bool shared = shape.uses > 1 && shape.size >= kSharedMinimumSize && !IsLeaf(expr) &&
                  expr.kind != BoundKind::kConstant && !expr.aggregate_call;
    if (shared) {
      auto found = band->shared.find(&expr);
      if (found != band->shared.end()) return found->second;
    }
    std::string sql;
    // Moved out while there is still room here for its leaves, which stay in this band as
    // the call's arguments.
    bool too_deep = shape.height > budget && budget < kHoistBelow + shape.leaf + kCallCost &&
                    !IsLeaf(expr) && expr.kind != BoundKind::kConstant;
    if (shared || too_deep) {
      sql = Hoist(expr, band, budget, depth, shared && !shape.volatile_inside);
    } else {
      band->deepest = std::max(band->deepest, depth + Own(expr));
      sql = WriteNode(expr, band, budget, depth);
    }
    if (shared) band->shared.emplace(&expr, sql);
    return sql;
  }

  // A value of the statement around `band`, passed to the sub-statement as ?N.
  std::string Slot(std::string outer_sql, Band* band) {
    auto found = band->argument_index.find(outer_sql);
    if (found != band->argument_index.end()) return "?" + std::to_string(found->second + 1);
    band->arguments.push_back(outer_sql);
    band->argument_index.emplace(std::move(outer_sql), band->arguments.size() - 1);
    return "?" + std::to_string(band->arguments.size());
  }

  std::string Argument(const BoundExpr& expr, Band* band) {
    uint32_t room = band->outer_budget > kCallCost ? band->outer_budget - kCallCost : 0;
    return Slot(Write(expr, band->outer, room, 0), band);
  }

  // A constant of `band`: a parameter of the statement, or of the sub-statement.
  std::string ConstantSql(const Value& value, Band* band, int32_t shape_literal = -1) {
    if (band->outer == nullptr) {
      std::string parameter = context_.Parameter(value, shape_literal);
      return context_.per_row_constants ? "pp_row(" + parameter + ")" : parameter;
    }
    context_.ShapeLiteralUnusable(shape_literal);
    if (value.is_null()) return "NULL";
    size_t index = AddOrReuse(band->statement.parameters, value, &band->statement.references);
    return "?" + std::to_string(kSubStatementFirstParameter + index);
  }

  // The number of sub-statement `index`, as `band` refers to it.
  std::string SubStatementNumber(size_t index, Band* band) {
    if (band->outer == nullptr) return context_.SubStatementParameter(index);
    band->statement.parameters.push_back(Value::Integer(static_cast<int64_t>(index)));
    band->statement.references.push_back(band->statement.parameters.size() - 1);
    return "?" + std::to_string(kSubStatementFirstParameter +
                                band->statement.parameters.size() - 1);
  }

  std::string Hoist(const BoundExpr& expr, Band* band, uint32_t budget, uint32_t depth,
                    bool remember) {
    std::optional<std::string> inputs = SubStatementInputs(expr, band, budget, depth);
    if (!inputs) {
      // Too many inputs for one call: written in place, as deep as it is.
      band->deepest = std::max(band->deepest, depth + shapes_[&expr].height);
      return WriteNode(expr, band, kSubStatementBudget, depth);
    }
    return (remember ? "pp_subm(" : "pp_sub(") + *inputs + ")";
  }

  // `expr` made a sub-statement: its number as `band` refers to it, then the values of band
  // it takes, comma-separated; nullopt when it would take too many for one call.
  std::optional<std::string> SubStatementInputs(const BoundExpr& expr, Band* band,
                                                uint32_t budget, uint32_t depth) {
    Band sub;
    sub.outer = band;
    sub.outer_budget = budget;
    std::string body = WriteNode(expr, &sub, kSubStatementBudget, 0);
    if (sub.arguments.size() > kMaxSubArguments) return std::nullopt;
    band->deepest = std::max(band->deepest, depth + kCallCost);
    sub.statement.sql = "SELECT " + body;
    size_t index = context_.sub_statements.size();
    context_.sub_statements.push_back(std::move(sub.statement));
    std::string sql = SubStatementNumber(index, band);
    for (const std::string& argument : sub.arguments) sql += ", " + argument;
    return sql;
  }

  // The arguments of a call that runs its last child itself (BoundExpr::runs_last_child): the
  // other children, then the last one's sub-statement number and inputs, or -1 and its value
  // when it takes too many inputs to be one.
  std::string RunsLastChild(const BoundExpr& call, Band* band, uint32_t budget, uint32_t depth) {
    size_t last = call.children.size() - 1;
    std::string sql;
    for (size_t i = 0; i < last; ++i) sql += Child(call, i, band, budget, depth) + ", ";
    std::optional<std::string> inputs = SubStatementInputs(*call.children[last], band, budget, depth);
    return sql + (inputs ? *inputs : "-1, " + Child(call, last, band, budget, depth));
  }

  std::string Child(const BoundExpr& parent, size_t index, Band* band, uint32_t budget,
                    uint32_t depth) {
    uint32_t own = Own(parent);
    uint32_t room = budget > own ? budget - own : 0;
    return Write(*parent.children[index], band, room, depth + own);
  }

  std::string List(const BoundExpr& parent, size_t first, Band* band, uint32_t budget,
                   uint32_t depth) {
    std::string sql;
    for (size_t i = first; i < parent.children.size(); ++i) {
      if (i > first) sql += ", ";
      sql += Child(parent, i, band, budget, depth);
    }
    return sql;
  }

  std::string WriteNode(const BoundExpr& expr, Band* band, uint32_t budget, uint32_t depth) {
    switch (expr.kind) {
      case BoundKind::kConstant:
        return ConstantSql(expr.constant ? *expr.constant : Value::Null(), band,
                           expr.shape_literal);
      case BoundKind::kColumn:
        return expr.name;
      case BoundKind::kCall: {
        std::string sql = expr.name + "(";
        if (expr.distinct) sql += "DISTINCT ";
        if (expr.star) sql += "*";
        if (expr.runs_last_child && !expr.children.empty()) {
          return sql + RunsLastChild(expr, band, budget, depth) + ")";
        }
        if (expr.aggregate_call) {
          // An aggregate's argument is computed for each row it reads.
          for (const BoundExprPtr& child : expr.children) MarkPerRow(*child, context_);
        }
        if (!expr.window) return sql + List(expr, 0, band, budget, depth) + ")";
        const BoundWindow& window = *expr.window;
        for (size_t i = 0; i < window.arguments; ++i) {
          sql += (i > 0 ? ", " : "") + Child(expr, i, band, budget, depth);
        }
        sql += ") OVER (";
        size_t first_order = window.arguments + window.partition;
        for (size_t i = window.arguments; i < first_order; ++i) {
          sql += (i == window.arguments ? "PARTITION BY " : ", ") + Child(expr, i, band, budget, depth);
        }
        for (size_t i = first_order; i < expr.children.size(); ++i) {
          sql += i == first_order ? (first_order > window.arguments ? " ORDER BY " : "ORDER BY ") : ", ";
          sql += Child(expr, i, band, budget, depth);
          if (window.descending[i - first_order]) sql += " DESC";
        }
        if (!window.frame.empty()) sql += (expr.children.size() > window.arguments ? " " : "") + window.frame;
        return sql + ")";
      }
      case BoundKind::kInfix:
        return "(" + Child(expr, 0, band, budget, depth) + " " + expr.name + " " +
               Child(expr, 1, band, budget, depth) + ")";
      case BoundKind::kPrefix:
        return "(" + expr.name + " " + Child(expr, 0, band, budget, depth) + ")";
      case BoundKind::kPostfix:
        return "(" + Child(expr, 0, band, budget, depth) + " " + expr.name + ")";
      case BoundKind::kCollate:
        return "(" + Child(expr, 0, band, budget, depth) + " COLLATE " + QuoteName(expr.name) +
               ")";
      case BoundKind::kCast:
        return "CAST(" + Child(expr, 0, band, budget, depth) + " AS " + expr.name + ")";
      case BoundKind::kCase: {
        std::string sql = "CASE";
        size_t i = 0;
        if (expr.case_operand) sql += " " + Child(expr, i++, band, budget, depth);
        size_t end = expr.children.size() - (expr.case_else ? 1 : 0);
        for (; i + 1 < end; i += 2) {
          sql += " WHEN " + Child(expr, i, band, budget, depth) + " THEN " +
                 Child(expr, i + 1, band, budget, depth);
        }
        if (expr.case_else) sql += " ELSE " + Child(expr, end, band, budget, depth);
        return sql + " END";
      }
      case BoundKind::kIn:
        return "(" + Child(expr, 0, band, budget, depth) +
               (expr.negated ? " NOT IN (" : " IN (") + List(expr, 1, band, budget, depth) +
               "))";
      case BoundKind::kBetween:
        return "(" + Child(expr, 0, band, budget, depth) +
               (expr.negated ? " NOT BETWEEN " : " BETWEEN ") +
               Child(expr, 1, band, budget, depth) + " AND " +
               Child(expr, 2, band, budget, depth) + ")";
      case BoundKind::kRow:
        return "(" + List(expr, 0, band, budget, depth) + ")";
      case BoundKind::kSubquery: {
        const std::string& query = subqueries_[&expr].sql;
        switch (expr.subquery) {
          case SubqueryForm::kScalar:
            return "(" + query + ")";
          case SubqueryForm::kExists:
            return std::string(expr.negated ? "(NOT EXISTS (" : "(EXISTS (") + query + "))";
          case SubqueryForm::kIn:
            return "(" + Child(expr, 0, band, budget, depth) +
                   (expr.negated ? " NOT IN (" : " IN (") + query + "))";
          case SubqueryForm::kQuantified: {
            // ANY: 1 when a row compares true, else NULL when one compares NULL, else 0 (no
            // rows too); ALL the other way round. A NULL comparison counts as 0.5, so the
            // largest (ANY) or smallest (ALL) value over the rows decides.
            std::string fold = expr.negated ? "min(" : "max(";
            std::string decisive = expr.negated ? "0" : "1";
            return "(SELECT CASE " + fold + "coalesce(" + Child(expr, 0, band, budget, depth) +
                   ", 0.5)) WHEN " + decisive + " THEN " + decisive + " WHEN 0.5 THEN NULL ELSE " +
                   (expr.negated ? "1" : "0") + " END FROM (" + query + ") AS " +
                   QuoteName(kQuantifiedAlias) + ")";
          }
        }
        break;
      }
    }
    return "NULL";
  }

  TranslatorContext& context_;
  std::unordered_map<const BoundExpr*, Shape> shapes_;
  std::unordered_map<const BoundExpr*, Subquery> subqueries_;
};

}  // namespace

const std::vector<std::string>& ColumnNames(const BoundQuery& query) {
  switch (query.kind) {
    case BoundQuery::Kind::kSelect: return query.select.names;
    case BoundQuery::Kind::kWrapped: return ColumnNames(*query.inner);
    case BoundQuery::Kind::kSetOperation: return ColumnNames(*query.members.front());
  }
  return query.select.names;
}

const std::string& FirstColumnName(const BoundQuery& query) { return ColumnNames(query).front(); }

std::string QuoteName(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += "\"\"";
    else out += c;
  }
  return out + "\"";
}

std::string EmitExpression(const BoundExpr& expr, TranslatorContext& context, uint32_t* used) {
  uint32_t budget = kExpressionBudget > context.stack_base
                        ? kExpressionBudget - context.stack_base
                        : kHoistBelow;
  return Writer(context).Write(expr, budget, used);
}

namespace {

// True when SQLite would read `sql` as a result-column position: an integer literal under
// unary signs and parentheses, such as the "-1" of MySQL's constant ORDER BY -1.
bool ReadsAsPosition(std::string_view sql) {
  bool digit = false;
  for (char c : sql) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c != '-' && c != '+' && c != '(' && c != ')' && c != ' ') {
      return false;
    }
  }
  return digit;
}

}  // namespace

std::string EmitCount(const BoundCount& count, TranslatorContext& context);

namespace {

// An expression written for a statement: the statement's deepest expression is tracked.
std::string Tracked(const BoundExpr& expr, TranslatorContext& context) {
  uint32_t used = 0;
  std::string sql = EmitExpression(expr, context, &used);
  context.deepest_emitted = std::max(context.deepest_emitted, used);
  return sql;
}

class QueryWriter {
 public:
  explicit QueryWriter(TranslatorContext& context) : context_(context) {}

  std::string Query(const BoundQuery& query) {
    switch (query.kind) {
      case BoundQuery::Kind::kSelect:
        return Select(query.select);
      case BoundQuery::Kind::kWrapped: {
        std::string shown = "*";
        if (!query.items.empty()) {
          const std::vector<std::string>& names = ColumnNames(*query.inner);
          shown.clear();
          for (size_t i = 0; i < query.items.size(); ++i) {
            shown += (i > 0 ? ", " : "") + Expr(query.items[i]) + " AS " + QuoteName(names[i]);
          }
        }
        return "SELECT " + shown + " FROM (" + Query(*query.inner) + ")" +
               Terms(" ORDER BY ", query.order_by) + Limit(query.limit, query.offset);
      }
      case BoundQuery::Kind::kSetOperation: {
        if (query.first_seen) {
          std::optional<std::string> ordered = FirstSeenUnion(query);
          if (!ordered) ordered = FirstSeenDistinct(query);
          if (ordered) return *ordered;
        }
        return Compound(query);
      }
    }
    return std::string();
  }

  // A set operation as SQLite's compound SELECT (its DISTINCT operators keep the last of
  // equal rows, in sorted order); EXCEPT ALL and INTERSECT ALL by Multiset.
  std::string Compound(const BoundQuery& query) {
    using Op = sql::SelectStatement::SetOperator;
    std::string sql = Query(*query.members[0]);
    const std::vector<std::string>& names = ColumnNames(*query.members[0]);
    for (size_t i = 1; i < query.members.size(); ++i) {
      const BoundQuery::SetOperator& op = query.operators[i - 1];
      if (op.all && op.op != Op::kUnion) {
        sql = Multiset(sql, names, op.op == Op::kExcept ? " EXCEPT " : " INTERSECT ",
                       Query(*query.members[i]), ColumnNames(*query.members[i]));
        continue;
      }
      sql += op.op == Op::kExcept      ? " EXCEPT "
             : op.op == Op::kIntersect ? " INTERSECT "
             : op.all                  ? " UNION ALL "
                                       : " UNION ";
      sql += Query(*query.members[i]);
    }
    return sql;
  }

  // A chain of UNIONs with a DISTINCT one among them as MySQL gives it: the members up to the
  // last DISTINCT one together, each row numbered by member and place, grouped by every
  // column (so under the columns' collations), each group shown as its first row (SQLite's
  // bare columns beside min() come from the row min() picked) in the order of those; the
  // members after it follow with UNION ALL. nullopt when a column name repeats (the grouping
  // names the columns), where SQLite's own UNION is written instead.
  std::optional<std::string> FirstSeenUnion(const BoundQuery& query) {
    using Op = sql::SelectStatement::SetOperator;
    size_t last_distinct = 0;
    for (size_t i = 0; i < query.operators.size(); ++i) {
      if (query.operators[i].op != Op::kUnion) return std::nullopt;
      if (!query.operators[i].all) last_distinct = i + 1;
    }
    if (last_distinct == 0) return std::nullopt;
    std::optional<std::string> columns = GroupingColumns(query);
    if (!columns) return std::nullopt;
    std::vector<size_t> members;
    for (size_t i = 0; i <= last_distinct; ++i) members.push_back(i);
    std::string sql = "SELECT " + *columns + " FROM (" + Numbered(query, members) +
                      ") GROUP BY " + *columns + " ORDER BY min(\"#m\" * 4294967296 + \"#r\")";
    if (last_distinct + 1 < query.members.size()) sql = "SELECT * FROM (" + sql + ")";
    for (size_t i = last_distinct + 1; i < query.members.size(); ++i) {
      sql += " UNION ALL " + Query(*query.members[i]);
    }
    return sql;
  }

  // A chain of DISTINCT set operations with an INTERSECT or EXCEPT among them as MySQL gives
  // it: SQLite's compound says which rows are in the result; each is shown as its first
  // occurrence among the members that give rows (the first, and those a UNION adds), in the
  // order of those. nullopt with an ALL operator, or a repeated column name.
  std::optional<std::string> FirstSeenDistinct(const BoundQuery& query) {
    using Op = sql::SelectStatement::SetOperator;
    std::vector<size_t> members{0};
    for (size_t i = 0; i < query.operators.size(); ++i) {
      if (query.operators[i].all) return std::nullopt;
      if (query.operators[i].op == Op::kUnion) members.push_back(i + 1);
    }
    std::optional<std::string> columns = GroupingColumns(query);
    if (!columns) return std::nullopt;
    std::string same;
    for (const std::string& name : ColumnNames(*query.members[0])) {
      same += (same.empty() ? "" : " AND ") + QuoteName("#s") + "." + QuoteName(name) + " IS " +
              QuoteName("#n") + "." + QuoteName(name);
    }
    return "SELECT " + *columns + " FROM (" + Numbered(query, members) + ") AS " +
           QuoteName("#n") + " WHERE EXISTS (SELECT 1 FROM (" + Compound(query) + ") AS " +
           QuoteName("#s") + " WHERE " + same + ") GROUP BY " + *columns +
           " ORDER BY min(\"#m\" * 4294967296 + \"#r\")";
  }

  // The first member's column names, quoted and comma-separated, when they name each column
  // once (as GROUP BY needs); nullopt otherwise.
  std::optional<std::string> GroupingColumns(const BoundQuery& query) {
    std::set<std::string> seen;
    std::string columns;
    for (const std::string& name : ColumnNames(*query.members[0])) {
      if (!seen.insert(ToLowerAscii(name)).second || name.starts_with("#")) return std::nullopt;
      columns += (columns.empty() ? "" : ", ") + QuoteName(name);
    }
    return columns;
  }

  // The rows of `members`, each with its member's place ("#m") and its own ("#r"), one
  // after the other.
  std::string Numbered(const BoundQuery& query, const std::vector<size_t>& members) {
    std::string numbered;
    for (size_t i : members) {
      numbered += (numbered.empty() ? "" : " UNION ALL ") + std::string("SELECT *, ") +
                  std::to_string(i) + " AS \"#m\", row_number() OVER () AS \"#r\" FROM (" +
                  Query(*query.members[i]) + ")";
    }
    return numbered;
  }

  // EXCEPT ALL / INTERSECT ALL, which SQLite lacks: each side's rows numbered within their
  // group of equal rows, so that the set operation on (row, number) keeps repeats as a
  // multiset operation does; the numbers are then left out.
  static std::string Multiset(const std::string& left, const std::vector<std::string>& names,
                              std::string_view op, const std::string& right,
                              const std::vector<std::string>& right_names) {
    auto numbered = [&](const std::string& sql, const std::vector<std::string>& own) {
      std::string columns;
      std::string partition;
      for (size_t c = 0; c < own.size() && c < names.size(); ++c) {
        columns += (c > 0 ? ", " : "") + QuoteName(own[c]) + " AS " + QuoteName(names[c]);
        partition += (c > 0 ? ", " : "") + QuoteName(own[c]);
      }
      return "SELECT " + columns + ", row_number() OVER (PARTITION BY " + partition +
             ") AS \"#n\" FROM (" + sql + ")";
    };
    std::string columns;
    for (size_t c = 0; c < names.size(); ++c) columns += (c > 0 ? ", " : "") + QuoteName(names[c]);
    return "SELECT " + columns + " FROM (" + numbered(left, names) + std::string(op) +
           numbered(right, right_names) + ")";
  }

  // " ORDER BY ... LIMIT n" of an UPDATE or DELETE.
  // (an UPDATE's or DELETE's ORDER BY without LIMIT still orders the rows it writes: SQLite
  // takes ORDER BY there only with a LIMIT, -1 for none)
  std::string OrderAndLimit(const std::vector<BoundTerm>& order_by,
                            const std::optional<BoundCount>& limit) {
    if (!order_by.empty() && !limit) return Terms(" ORDER BY ", order_by) + " LIMIT -1";
    return Terms(" ORDER BY ", order_by) + Limit(limit, std::nullopt);
  }

 private:
  std::string Expr(const BoundExpr& expr) { return Tracked(expr, context_); }

  // A string under its collation: SQLite compares a column under the one it was declared
  // with and anything else computed as BINARY, so GROUP BY, ORDER BY, DISTINCT, set
  // operations and the columns of derived tables need it named.
  std::string Collated(const BoundExpr& expr) {
    std::string sql = Expr(expr);
    // A table's column is compared under the collation it was declared with already.
    bool declared = expr.kind == BoundKind::kColumn && expr.type.column != nullptr;
    if (declared || expr.kind == BoundKind::kCollate) return sql;
    if (expr.type.type == ValueType::kTime) {
      return "(" + sql + " COLLATE " + QuoteName(types::kTimeCollationName) + ")";
    }
    if (expr.type.type != ValueType::kString || expr.type.collation == nullptr) return sql;
    return "(" + sql + " COLLATE " + QuoteName(expr.type.collation->sqlite_name()) + ")";
  }

  std::string Select(const BoundSelect& select) {
    std::string sql = select.distinct ? "SELECT DISTINCT " : "SELECT ";
    for (size_t i = 0; i < select.items.size(); ++i) {
      if (i > 0) sql += ", ";
      // (a computation of constants is computed for each row, as MySQL computes a select
      // item: SELECT 1 / 0 FROM t warns for each row of t)
      if (!select.from.empty()) MarkPerRow(select.items[i], context_);
      sql += Collated(select.items[i]) + " AS " + QuoteName(select.names[i]);
    }
    if (!select.from.empty()) {
      sql += " FROM ";
      for (size_t i = 0; i < select.from.size(); ++i) {
        if (i > 0) sql += ", ";
        sql += From(*select.from[i]);
      }
    }
    if (select.where) sql += " WHERE " + Expr(*select.where);
    sql += Terms(" GROUP BY ", select.group_by);
    if (select.having) sql += " HAVING " + Expr(*select.having);
    sql += Terms(" ORDER BY ", select.order_by);
    return sql + Limit(select.limit, select.offset);
  }

  std::string From(const BoundTableRef& ref) {
    switch (ref.kind) {
      case BoundTableRef::Kind::kTable:
        return ref.storage_name + " AS " + QuoteName(ref.alias);
      case BoundTableRef::Kind::kDerived: {
        // Written once, here: writing it again for each use would grow as 2^depth with
        // nested derived tables.
        std::string body = Query(*ref.derived);
        std::string name = !ref.common_name.empty()
                               ? QuoteName(ref.common_name)
                               : QuoteName("d#" + std::to_string(context_.common_tables.size() + 1));
        std::string columns;
        for (const std::string& column : ref.column_names) {
          columns += (columns.empty() ? "(" : ", ") + QuoteName(column);
        }
        if (!columns.empty()) columns += ")";
        context_.common_tables.push_back(name + columns + " AS (" + body + ")");
        return name + " AS " + QuoteName(ref.alias);
      }
      case BoundTableRef::Kind::kFunction: {
        std::string call = ref.function + "(";
        if (ref.derived) call += context_.SubStatementParameter(Statement(*ref.derived));
        for (size_t i = 0; i < ref.function_args.size(); ++i) {
          call += (i > 0 || ref.derived ? ", " : "") + Expr(ref.function_args[i]);
        }
        return call + ") AS " + QuoteName(ref.alias);
      }
      case BoundTableRef::Kind::kJoin: {
        std::string left = From(*ref.left);
        std::string right = From(*ref.right);
        if (ref.right->kind == BoundTableRef::Kind::kJoin) right = "(" + right + ")";
        std::string join = ref.natural ? " NATURAL" : "";
        switch (ref.join_type) {
          case sql::JoinType::kLeft: join += " LEFT JOIN "; break;
          case sql::JoinType::kRight: join += " RIGHT JOIN "; break;
          case sql::JoinType::kCross: join += ref.on ? " JOIN " : " CROSS JOIN "; break;
          default: join += " JOIN "; break;
        }
        std::string sql = left + join + right;
        if (ref.on) {
          sql += " ON " + Expr(*ref.on);
        } else if (!ref.using_columns.empty()) {
          sql += " USING (";
          for (size_t i = 0; i < ref.using_columns.size(); ++i) {
            if (i > 0) sql += ", ";
            sql += QuoteName(ref.using_columns[i]);
          }
          sql += ")";
        }
        return sql;
      }
    }
    return std::string();
  }

  // `query` written as a sub-statement of its own (a LATERAL derived table's, which runs per
  // row of the tables before it): its constants are its own parameters from ?200, its
  // sub-statements join the statement's list ahead of it. Its number in that list.
  size_t Statement(const BoundQuery& query) {
    TranslatorContext inner;
    inner.parameter_offset = kSubStatementFirstParameter - 1;
    std::string body = EmitQuery(query, inner);
    size_t base = context_.sub_statements.size();
    for (SubStatement& nested : inner.sub_statements) {
      for (size_t reference : nested.references) nested.parameters[reference].integer += base;
      context_.sub_statements.push_back(std::move(nested));
    }
    SubStatement statement;
    statement.sql = inner.WithClause() + body;
    statement.parameters = std::move(inner.parameters);
    for (size_t reference : inner.sub_statement_parameters) {
      statement.parameters[reference].integer += static_cast<int64_t>(base);
    }
    statement.references = std::move(inner.sub_statement_parameters);
    context_.sub_statements.push_back(std::move(statement));
    return context_.sub_statements.size() - 1;
  }

  // GROUP BY / ORDER BY terms. An expression SQLite would take for a position (ORDER BY -1)
  // is made a value that it cannot.
  std::string Terms(std::string_view keyword, const std::vector<BoundTerm>& terms) {
    std::string sql;
    for (size_t i = 0; i < terms.size(); ++i) {
      sql += i == 0 ? std::string(keyword) : ", ";
      if (terms[i].expr) {
        std::string term = Collated(*terms[i].expr);
        sql += ReadsAsPosition(term) ? "CAST(" + term + " AS INTEGER)" : term;
      } else {
        sql += terms[i].position;
      }
      if (terms[i].descending) sql += " DESC";
    }
    return sql;
  }

  std::string Count(const BoundCount& count) { return EmitCount(count, context_); }

  std::string Limit(const std::optional<BoundCount>& limit,
                    const std::optional<BoundCount>& offset) {
    if (!limit) return std::string();
    std::string sql = " LIMIT " + Count(*limit);
    if (offset) sql += " OFFSET " + Count(*offset);
    return sql;
  }

  TranslatorContext& context_;
};

}  // namespace

std::string EmitQuery(const BoundQuery& query, TranslatorContext& context) {
  return QueryWriter(context).Query(query);
}

std::string EmitUpdate(const BoundModification& update, TranslatorContext& context) {
  QueryWriter writer(context);
  std::string sql = "UPDATE " + update.storage_name + " AS " + QuoteName(update.alias) + " SET ";
  for (size_t i = 0; i < update.assignments.size(); ++i) {
    if (i > 0) sql += ", ";
    sql += QuoteName(update.assignments[i].first) + " = " +
           Tracked(update.assignments[i].second, context);
  }
  std::string where = update.where ? "(" + Tracked(*update.where, context) + ")" : "";
  if (update.unchanged) {
    // Each row read is counted first (the row number of its warnings), then the filter
    // computes its new values, saying their warnings once, matched or not changed.
    sql += " WHERE mysql_examine_row() AND " + (where.empty() ? "" : where + " AND ") + "NOT (" +
           Tracked(*update.unchanged, context) + ")";
  } else if (!where.empty()) {
    sql += " WHERE " + where;
  }
  return sql + writer.OrderAndLimit(update.order_by, update.limit);
}

std::string EmitInsert(const BoundInsert& insert, TranslatorContext& context) {
  std::string sql = insert.replace ? "REPLACE INTO " : "INSERT INTO ";
  sql += insert.storage_name + " AS " + QuoteName(insert.alias) + " (";
  std::string values;
  for (size_t i = 0; i < insert.columns.size(); ++i) {
    if (i > 0) {
      sql += ", ";
      values += ", ";
    }
    sql += QuoteName(insert.columns[i]);
    values += "?" + std::to_string(i + 1);
  }
  sql += ") VALUES (" + values + ")";
  for (size_t i = 0; i < insert.on_duplicate.size(); ++i) {
    sql += i == 0 ? " ON CONFLICT DO UPDATE SET " : ", ";
    sql += QuoteName(insert.on_duplicate[i].first) + " = " +
           Tracked(insert.on_duplicate[i].second, context);
  }
  return sql;
}

std::string EmitMatchCount(const BoundModification& update, TranslatorContext& context) {
  QueryWriter writer(context);
  std::string sql = "SELECT count(*) FROM (SELECT 1 FROM " + update.storage_name + " AS " +
                    QuoteName(update.alias);
  if (update.where) sql += " WHERE " + Tracked(*update.where, context);
  return sql + writer.OrderAndLimit(update.order_by, update.limit) + ")";
}

std::string EmitModifiedRows(const BoundModification& modification, TranslatorContext& context) {
  QueryWriter writer(context);
  std::string alias = QuoteName(modification.alias);
  std::string sql = "SELECT " + alias + "._rowid_, " + alias + ".*";
  for (const auto& [column, value] : modification.assignments) sql += ", " + Tracked(value, context);
  sql += " FROM " + modification.storage_name + " AS " + alias;
  if (modification.where) sql += " WHERE " + Tracked(*modification.where, context);
  return sql + writer.OrderAndLimit(modification.order_by, modification.limit);
}

std::string EmitDelete(const BoundModification& deletion, TranslatorContext& context) {
  QueryWriter writer(context);
  std::string sql = "DELETE FROM " + deletion.storage_name + " AS " + QuoteName(deletion.alias);
  if (deletion.where) sql += " WHERE " + Tracked(*deletion.where, context);
  return sql + writer.OrderAndLimit(deletion.order_by, deletion.limit);
}

std::string EmitRowFilter(const BoundRowFilter& filter, TranslatorContext& context) {
  std::string rows = QuoteName(filter.alias) + " (";
  for (size_t i = 0; i < filter.names.size(); ++i) {
    if (i > 0) rows += ", ";
    rows += QuoteName(filter.names[i]);
  }
  rows += ") AS (VALUES ";
  for (size_t r = 0; r < filter.rows.size(); ++r) {
    rows += r == 0 ? "(" : ", (";
    for (size_t i = 0; i < filter.rows[r].size(); ++i) {
      if (i > 0) rows += ", ";
      const Value& value = filter.rows[r][i];
      rows += value.is_null() ? std::string("NULL") : context.Parameter(value);
    }
    rows += ")";
  }
  rows += ")";
  context.common_tables.insert(context.common_tables.begin(), std::move(rows));
  return "SELECT \"#position\" FROM (SELECT row_number() OVER () - 1 AS \"#position\", * FROM " +
         QuoteName(filter.alias) + ") AS " + QuoteName(filter.alias) + " WHERE " +
         Tracked(filter.where, context);
}

std::string EmitCount(const BoundCount& count, TranslatorContext& context) {
  return count.literal ? std::to_string(*count.literal) : Tracked(*count.expr, context);
}

}  // namespace porpoise::engine
