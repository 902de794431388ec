// The AST printer: AST -> MySQL text that parses back to an equal AST. (sql/)
#pragma once

#include <string>

#include "sql/ast/statement.h"

namespace porpoise::sql {

std::string ToSql(const Statement& statement);
std::string ToSql(const Expr& expr);
std::string ToSql(const DataType& type);

// `name` quoted with backticks, inner backticks doubled.
std::string QuoteIdentifier(std::string_view name);
// 'text' with MySQL escapes for ', \, NUL, newline, CR, ^Z.
std::string QuoteString(std::string_view text);

// Structural equality of two statements (the print -> reparse round trip check).
bool Equals(const Statement& a, const Statement& b);

}  // namespace porpoise::sql
