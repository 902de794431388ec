// Fuzz target: parses any bytes statement by statement (with the nesting limit); every
// statement that parses must print, reparse, compare equal (sql::Equals) and print the same
// text again. (sql/fuzz)
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sql/parser.h"
#include "sql/printer.h"

namespace porpoise::sql {
namespace {

[[noreturn]] void Fail(const char* what, std::string_view input, const std::string& printed) {
  std::fprintf(stderr, "sql_parser_fuzzer: %s\ninput:   %.*s\nprinted: %s\n", what,
               static_cast<int>(input.size()), input.data(), printed.c_str());
  std::abort();
}

// Printed text is default-mode MySQL whatever mode the statement was parsed in. From a
// default-mode parse the reparsed tree must be equal; from another mode (PIPES_AS_CONCAT's
// `||` prints as CONCAT()) it must mean the same, so printing it again gives the same text.
// A stored program's body is kept as written, and read again under the sql_mode it was
// created in (the catalog keeps it, and the server writes the header with backquoted names
// that read alike in every mode): its statement may need `options` to read again.
void CheckRoundTrip(const Statement& statement, std::string_view input, bool default_mode,
                    const ParserOptions& options) {
  std::string printed = ToSql(statement);
  bool kept_body = statement.kind == StatementKind::kCreateRoutine ||
                   statement.kind == StatementKind::kCreateTrigger;
  Result<StatementPtr> again = ParseOne(printed);
  if (!again.ok() && kept_body) again = ParseOne(printed, options);
  if (!again.ok()) Fail(again.status().ToString().c_str(), input, printed);
  if (default_mode && !Equals(statement, **again)) Fail("reparsed AST differs", input, printed);
  if (ToSql(**again) != printed) Fail("second print differs", input, ToSql(**again));
}

void ParseAll(std::string_view sql, const ParserOptions& options, bool default_mode) {
  Parser parser(sql, options);
  // Each statement consumes at least one byte, so this bounds a runaway loop.
  for (size_t count = 0; count <= sql.size() + 1; ++count) {
    if (parser.AtEnd()) return;
    Result<StatementPtr> statement = parser.ParseNext();
    if (!statement.ok()) return;
    CheckRoundTrip(**statement, sql, default_mode, options);
  }
  Fail("parser does not reach the end", sql, "");
}

}  // namespace
}  // namespace porpoise::sql

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace porpoise::sql;
  std::string_view sql(reinterpret_cast<const char*>(data), size);
  ParserOptions options;
  options.max_depth = 100;
  ParseAll(sql, options, true);
  // The sql_mode variants build different trees from the same text.
  options.ansi_quotes = true;
  options.pipes_as_concat = true;
  options.high_not_precedence = true;
  options.no_backslash_escapes = true;
  ParseAll(sql, options, false);
  return 0;
}
