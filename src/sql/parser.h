// The MySQL-dialect parser: SQL text -> AST, one statement at a time so a multi-statement
// COM_QUERY can execute each before the next is parsed (as MySQL does). (sql/)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "sql/ast/statement.h"

namespace porpoise::sql {

struct ParserOptions {
  bool ansi_quotes = false;           // sql_mode ANSI_QUOTES: "x" is an identifier
  bool pipes_as_concat = false;       // sql_mode PIPES_AS_CONCAT: || is concatenation
  bool no_backslash_escapes = false;  // sql_mode NO_BACKSLASH_ESCAPES
  bool high_not_precedence = false;   // sql_mode HIGH_NOT_PRECEDENCE
  bool ignore_space = false;          // sql_mode IGNORE_SPACE: COUNT (x) is the built-in
  uint32_t server_version = 80400;    // /*!NNNNN ... */ runs when NNNNN <= this
  // Nesting limit (1064 beyond it); deeper input than the thread's stack holds is 1436.
  uint32_t max_depth = 4000;
  // `?N` is the parameter numbered N (text written by ToSqlNumberingParameters), so that a
  // copy printed and read back keeps its parameters' numbers. Off: each `?` is numbered in
  // the order it comes.
  bool numbered_parameters = false;
  // An interval alone (INTERVAL 1 DAY) is an expression: a copy of one printed and read
  // back. Off: it stands only where MySQL's grammar has one (1064 elsewhere).
  bool bare_interval = false;
  // When set, every `?` node the parse makes is recorded here (a statement shape's parse:
  // see statement_shape.h), in the order made.
  std::vector<Expr*>* parameter_nodes = nullptr;
  // The memory one statement's parse may take (its tokens and tree), in bytes: past it the
  // statement is refused with 3170 (parser_max_mem_size). With bounded_by_text, the parser's
  // own bound applies as well: kParserMemoryBase plus kParserMemoryPerByte for each byte of
  // text from the statement's start to the input's end, and never more than
  // kParserMemoryCeiling.
  uint64_t max_memory = UINT64_MAX;
  bool bounded_by_text = true;
  // An INSERT's rows of plain literals are read straight into trees as the statement is
  // lexed (the same trees as the parse makes; off only to compare the two).
  bool literal_rows_ahead = true;
  static constexpr uint64_t kParserMemoryBase = 256ULL << 20;
  static constexpr uint64_t kParserMemoryPerByte = 64;
  static constexpr uint64_t kParserMemoryCeiling = 1ULL << 30;
};

// The memory budget of one statement of `text_bytes` bytes under `options` (max_memory and,
// with bounded_by_text, the parser's own bound). The binder holds the statement's bound tree
// to a budget of the same size.
uint64_t StatementMemoryLimit(const ParserOptions& options, size_t text_bytes);
// 3170 for a statement past its budget of `limit` bytes.
Status StatementMemoryExceeded(uint64_t limit);
// 1064 for the statement `sql` at byte `offset` on `line`: "... near '<at most 80 characters
// from there>' at line N".
Status SyntaxErrorNear(std::string_view sql, size_t offset, uint32_t line);

class Parser {
 public:
  // `sql` must outlive the parser.
  explicit Parser(std::string_view sql, ParserOptions options = {});

  // True when only whitespace, comments and ';' remain.
  bool AtEnd();
  // Parses the next statement and consumes its terminating ';' (if any). Errors are MySQL's:
  // 1064 "... near '<rest of the statement>' at line N" for syntax, 1065 for an empty query.
  // REQUIRES: !AtEnd(), except that a wholly empty input yields 1065.
  Result<StatementPtr> ParseNext();

 private:
  Result<StatementPtr> ParseNextUnmetered();
  struct Impl;
  friend Result<StatementPtr> ParseOne(std::string_view sql, ParserOptions options);
  friend Result<ExprPtr> ParseExpression(std::string_view sql, ParserOptions options);
  std::string_view sql_;
  ParserOptions options_;
  size_t position_ = 0;
  bool in_version_comment_ = false;  // position_ is inside an executed /*!NNNNN ... */
};

// Convenience: parses exactly one statement (a trailing ';' allowed); more is 1064.
Result<StatementPtr> ParseOne(std::string_view sql, ParserOptions options = {});

// Parses a lone expression (used for SET values in option files and tests).
Result<ExprPtr> ParseExpression(std::string_view sql, ParserOptions options = {});

}  // namespace porpoise::sql
