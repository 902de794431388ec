// SharedParses: the per-session cache of statement shapes' parses. (engine/)
#include "engine/shared_parses.h"

#include <string_view>

namespace porpoise::engine {
namespace {

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
  return parse;
}

// What in the parser options changes how a text parses, as a prefix of the cache key.
std::string OptionsKey(const sql::ParserOptions& options) {
  std::string key(4, '0');
  key[0] += options.ansi_quotes;
  key[1] += options.pipes_as_concat;
  key[2] += options.no_backslash_escapes;
  key[3] += options.high_not_precedence;
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
