// Fuzz target: tokenizes any bytes under every sql_mode combination, from the start and from
// a point inside the input, and checks the tokens are well formed (never a crash). (sql/fuzz)
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "sql/lexer.h"
#include "sql/parser.h"

namespace porpoise::sql {
namespace {

void Check(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "sql_lexer_fuzzer: %s\n", what);
  std::abort();
}

void Tokenize(std::string_view sql, const ParserOptions& options, size_t start,
              bool in_version_comment) {
  Lexer lexer(sql, options, start, in_version_comment);
  size_t previous_end = start;
  uint32_t previous_line = 1;
  // Every token but kEnd consumes at least one byte, so this bounds a runaway loop.
  for (size_t count = 0; count <= sql.size() + 2; ++count) {
    Token token = lexer.Next();
    if (token.type == TokenType::kEnd) return;
    Check(token.begin >= previous_end || token.type == TokenType::kError, "token out of order");
    Check(token.begin <= token.end && token.end <= sql.size(), "token offsets out of range");
    Check(token.line >= previous_line, "line number went back");
    if (token.type == TokenType::kError) {
      Check(lexer.Next().type == TokenType::kEnd, "token after kError");
      return;
    }
    Check(token.end > token.begin, "empty token");
    Check(lexer.position() <= sql.size(), "position out of range");
    previous_end = token.end;
    previous_line = token.line;
  }
  Check(false, "lexer does not reach kEnd");
}

}  // namespace
}  // namespace porpoise::sql

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace porpoise::sql;
  std::string_view sql(reinterpret_cast<const char*>(data), size);
  for (unsigned mode = 0; mode < 16; ++mode) {
    ParserOptions options;
    options.ansi_quotes = (mode & 1) != 0;
    options.pipes_as_concat = (mode & 2) != 0;
    options.no_backslash_escapes = (mode & 4) != 0;
    options.high_not_precedence = (mode & 8) != 0;
    options.server_version = mode % 3 == 0 ? 80400 : (mode % 3 == 1 ? 50700 : 0);
    Tokenize(sql, options, 0, false);
    if (!sql.empty()) Tokenize(sql, options, size / 2, mode % 2 == 1);
  }
  std::vector<Token> all = Lexer::TokenizeAll(sql);
  Check(!all.empty() &&
            (all.back().type == TokenType::kEnd || all.back().type == TokenType::kError),
        "TokenizeAll does not end with kEnd or kError");
  return 0;
}
