// SharedParses: a session's parses of statement shapes (sql/statement_shape.h), so that a
// client sending the same statement with other values over the text protocol parses it once.
// Sixteen shapes, least recently used dropped first. Not thread-safe: one per session.
// (engine/)
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <string>
#include <unordered_map>
#include <vector>

#include "sql/ast/statement.h"
#include "sql/parser.h"
#include "sql/statement_shape.h"

namespace porpoise::engine {

class SharedParses {
 public:
  // Statements longer than this are parsed each time (a shape's tree is kept per session).
  static constexpr size_t kMaxStatementBytes = 1024;
  static constexpr size_t kCapacity = 16;

  struct Parse {
    sql::StatementPtr statement;     // null: the shape is not shared (it does not parse)
    std::vector<sql::Expr*> slots;   // the `?N` nodes of `statement`, by N
    // By N: whether `?N` is only a value a column is compared with in the WHERE of a single
    // SELECT or of a one-table UPDATE or DELETE (`col = ?`, `col BETWEEN ? AND ?`,
    // `col IN (?, ...)` joined by AND), or a value such an UPDATE's SET writes as it is, so
    // that a bound plan of the statement may take another value of its type in its place
    // (Session::ExecuteSharedSelect, Session::SharedWritePlan).
    std::vector<bool> compared;
  };

  // The parse of `shape` under `options`, made on first use. `memory_limit` is the budget of
  // the statement's own text (parser_max_mem_size), which the shape's parse is held to.
  const Parse& Get(const sql::StatementShape& shape, const sql::ParserOptions& options,
                   uint64_t memory_limit);

 private:
  using Entry = std::pair<std::string, Parse>;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;
};

}  // namespace porpoise::engine
