// The MySQL 8.4 keyword table: every word the lexer/parser treats specially, with MySQL's
// reserved flag (reserved words need backticks to be used as identifiers). (sql/)
#pragma once

#include <span>
#include <string_view>

namespace porpoise::sql {

struct KeywordInfo {
  std::string_view name;  // upper case
  bool reserved;
};

// The entry for `word` (any case), or nullptr when it is not a keyword.
const KeywordInfo* FindKeyword(std::string_view word);

// Every keyword, in alphabetical order (information_schema.KEYWORDS).
std::span<const KeywordInfo> AllKeywords();

// True when `word` (any case) is a MySQL 8.4 reserved word.
bool IsReservedWord(std::string_view word);

// True when the reserved `word` may still name a built-in function when followed by '('
// (IF(), LEFT(), INSERT(), REPLACE(), CHAR(), DATABASE(), ...).
bool IsReservedFunctionName(std::string_view word);

// True when `word` (any case) names a built-in only when '(' follows it at once, unless
// sql_mode has IGNORE_SPACE (COUNT, SUM, DATE_ADD, SUBSTRING, ...: MySQL's list).
bool IsSpaceSensitiveFunction(std::string_view word);

}  // namespace porpoise::sql
