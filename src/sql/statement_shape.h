// Statement shapes: a statement's text with the literals that stand for values taken out,
// so that statements differing only in those values (a point SELECT run with a thousand ids)
// can share one parse. The shape's text has each such literal as a numbered parameter `?N`;
// parsed once (with ParserOptions::numbered_parameters), the tree takes each run's literals
// in place of its parameter nodes and is then the tree the statement's own text parses to.
// (sql/)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/ast/expression.h"
#include "sql/lexer.h"
#include "sql/parser.h"

namespace porpoise::sql {

struct StatementShape {
  std::string text;             // the statement with `?N` for each value literal
  std::vector<Token> literals;  // those literals, in order: `?N` is literals[N]
  std::string_view source;      // the statement's text without surrounding space and ';'
};

// The shape of `sql`, or nothing when it is not a statement to share a parse for: not one
// SELECT, WITH, INSERT, REPLACE, UPDATE or DELETE statement (a second statement after ';'),
// longer than `max_bytes`, not lexable, or holding a `?` of its own.
//
// A literal stays in the shape's text (so it is part of what must match) wherever the
// parser or the binder reads it as more than a value: in a select list (which names the
// result's columns), in ORDER BY, GROUP BY and PARTITION BY (a number there is a position),
// after LIMIT, OFFSET, INTERVAL, `->` and `->>`, after a sign, beside another string, and
// after an introducer or DATE/TIME/TIMESTAMP. Hexadecimal, bit and national literals stay too.
std::optional<StatementShape> ShapeOf(std::string_view sql, const ParserOptions& options,
                                      size_t max_bytes);

// The expression a shape's literal token stands for, as the parser makes it.
ExprPtr LiteralOf(const Token& token);

}  // namespace porpoise::sql
