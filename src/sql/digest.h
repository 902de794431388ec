// Statement digests as MySQL's performance_schema and STATEMENT_DIGEST_TEXT() make them: the
// statement's tokens with every literal a `?`, keywords in upper case under MySQL's spelling,
// identifiers quoted, one space between tokens, and lists of values folded. (sql/)
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "sql/parser.h"

namespace porpoise::sql {

// MySQL's max_digest_length default: the bytes of token storage a digest keeps (2 per token,
// 4 plus the name's bytes per identifier); tokens past it are dropped.
inline constexpr size_t kMaxDigestLength = 1024;

// The digest text of the statement in `sql`, e.g. "SELECT * FROM `t1` WHERE `a` = ?":
//   - numbers, strings, hexadecimal and bit literals, NULL as a value (not IS [NOT] NULL, nor a
//     column's NULL attribute) and user variables' names become `?`, a sign before a number
//     where an expression starts is folded into it;
//   - `?, ...` for a list of values, `(?)` and `(...)` for a parenthesised one or several,
//     `(?) /* , ... */` and `(...) /* , ... */` for lists of those (VALUES rows), `IN (...)`;
//   - keywords upper case, a keyword with several spellings under the one MySQL prints
//     (DISTINCTROW, INTEGER, NOW, SCHEMA, ...), `<>` as `!=`; other words and quoted names as
//     `name`; optimizer hints kept; comments dropped, a final `;` kept.
// REQUIRES: `sql` is one statement the parser accepts.
std::string StatementDigestText(std::string_view sql, const ParserOptions& options,
                                size_t max_length = kMaxDigestLength);

// The syntax error MySQL gives a digest function's statement that the parser accepts only in
// prepared statements: 1064 naming its first `?` parameter marker; OK when there is none.
Status CheckNoParameterMarkers(std::string_view sql, const ParserOptions& options);

}  // namespace porpoise::sql
