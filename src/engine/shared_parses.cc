// SharedParses: the per-session cache of statement shapes' parses. (engine/)
#include "engine/shared_parses.h"

#include <string_view>

namespace porpoise::engine {
namespace {

bool IsComparison(sql::Operator op) {
  using Op = sql::Operator;
  return op == Op::kEq || op == Op::kNullSafeEq || op == Op::kNe || op == Op::kLt ||
         op == Op::kLe || op == Op::kGt || op == Op::kGe;
}

bool IsParameter(const sql::ExprPtr& expr) {
  return expr != nullptr && expr->kind == sql::ExprKind::kParameter;
}

bool IsColumn(const sql::ExprPtr& expr) {
  return expr != nullptr && expr->kind == sql::ExprKind::kColumnRef && expr->column != "*";
}

// Marks in `compared` the parameters of `condition`'s AND-joined column comparisons.
void MarkCompared(const sql::Expr& condition, std::vector<bool>* compared) {
  auto mark = [&](const sql::ExprPtr& parameter) {
    if (IsParameter(parameter) && parameter->param_index < compared->size()) {
      (*compared)[parameter->param_index] = true;
    }
  };
  switch (condition.kind) {
    case sql::ExprKind::kBinary:
      if (condition.op == sql::Operator::kAnd && condition.args.size() == 2) {
        for (const sql::ExprPtr& arg : condition.args) {
          if (arg != nullptr) MarkCompared(*arg, compared);
        }
      } else if (IsComparison(condition.op) && condition.args.size() == 2) {
        if (IsColumn(condition.args[0])) mark(condition.args[1]);
        if (IsColumn(condition.args[1])) mark(condition.args[0]);
      }
      return;
    case sql::ExprKind::kBetween:
      if (condition.args.size() == 3 && IsColumn(condition.args[0])) {
        mark(condition.args[1]);
        mark(condition.args[2]);
      }
      return;
    case sql::ExprKind::kIn:
      if (condition.subquery == nullptr && !condition.args.empty() && IsColumn(condition.args[0])) {
        for (size_t i = 1; i < condition.args.size(); ++i) mark(condition.args[i]);
      }
      return;
    default:
      return;
  }
}

// The parse of a shape's text, with its `?N` nodes found; an empty Parse when the text does
// not parse, or when its parameters are not exactly one node per literal.
SharedParses::Parse ParseShape(const sql::StatementShape& shape, sql::ParserOptions options,
                               uint64_t memory_limit) {
  std::vector<sql::Expr*> nodes;
  options.numbered_parameters = true;
  options.parameter_nodes = &nodes;
  options.bounded_by_text = false;
  options.max_memory = memory_limit;
  Result<sql::StatementPtr> parsed = sql::ParseOne(shape.text, options);
  SharedParses::Parse parse;
  if (!parsed.ok()) return parse;
  parse.slots.assign(shape.literals.size(), nullptr);
  for (sql::Expr* node : nodes) {
    if (node->param_index >= parse.slots.size() || parse.slots[node->param_index] != nullptr) {
      return SharedParses::Parse();
    }
    parse.slots[node->param_index] = node;
  }
  for (sql::Expr* slot : parse.slots) {
    if (slot == nullptr) return SharedParses::Parse();
  }
  parse.statement = std::move(parsed).value();
  parse.compared.assign(parse.slots.size(), false);
  if (parse.statement->kind == sql::StatementKind::kSelect) {
    const auto& select = static_cast<const sql::SelectStatement&>(*parse.statement);
    if (select.unions.empty() && select.with.empty() && select.into.empty() &&
        !select.into_file && select.where != nullptr) {
      MarkCompared(*select.where, &parse.compared);
    }
  } else if (parse.statement->kind == sql::StatementKind::kUpdate) {
    // One table's UPDATE: its WHERE's compared values, and the values SET writes as they are.
    const auto& update = static_cast<const sql::UpdateStatement&>(*parse.statement);
    if (update.tables.size() == 1 && update.tables[0] != nullptr &&
        update.tables[0]->kind == sql::TableRef::Kind::kTable) {
      if (update.where != nullptr) MarkCompared(*update.where, &parse.compared);
      for (const sql::Assignment& assignment : update.assignments) {
        if (IsParameter(assignment.value) && assignment.value->param_index < parse.compared.size()) {
          parse.compared[assignment.value->param_index] = true;
        }
      }
    }
  } else if (parse.statement->kind == sql::StatementKind::kDelete) {
    const auto& remove = static_cast<const sql::DeleteStatement&>(*parse.statement);
    if (remove.targets.empty() && remove.where != nullptr) MarkCompared(*remove.where, &parse.compared);
  }
  return parse;
}

// What in the parser options changes how a text parses, as a prefix of the cache key.
std::string OptionsKey(const sql::ParserOptions& options) {
  std::string key(5, '0');
  key[0] += options.ansi_quotes;
  key[1] += options.pipes_as_concat;
  key[2] += options.no_backslash_escapes;
  key[3] += options.high_not_precedence;
  key[4] += options.ignore_space;
  return key;
}

}  // namespace

const SharedParses::Parse& SharedParses::Get(const sql::StatementShape& shape,
                                             const sql::ParserOptions& options,
                                             uint64_t memory_limit) {
  std::string key = OptionsKey(options) + shape.text;
  auto found = by_key_.find(key);
  if (found != by_key_.end()) {
    entries_.splice(entries_.begin(), entries_, found->second);
    return found->second->second;
  }
  if (entries_.size() >= kCapacity) {
    by_key_.erase(entries_.back().first);
    entries_.pop_back();
  }
  entries_.emplace_front(key, ParseShape(shape, options, memory_limit));
  by_key_.emplace(std::move(key), entries_.begin());
  return entries_.front().second;
}

}  // namespace porpoise::engine
