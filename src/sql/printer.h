// The AST printer: AST -> MySQL text that parses back to an equal AST. (sql/)
#pragma once

#include <string>
#include <unordered_map>

#include "sql/ast/statement.h"

namespace porpoise::sql {

std::string ToSql(const Statement& statement);
std::string ToSql(const Expr& expr);
std::string ToSql(const DataType& type);
// ToSql(expr), with each parameter written `?N` for its number N: read back with
// ParserOptions::numbered_parameters, a copy keeps the numbers (a `?` otherwise takes the
// next number in the text it is read from).
std::string ToSqlNumberingParameters(const Expr& expr);
std::string ToSqlNumberingParameters(const Statement& statement);
// JSON_TABLE's 'path' COLUMNS (...), as it reads back.
std::string PrintJsonTableSpec(const std::string& path, const std::vector<JsonTableColumn>& columns);
// A column definition as CREATE TABLE writes it: `name` type [NOT NULL] [DEFAULT ...] ...
std::string ToSql(const ColumnDef& column);

// Remembers the text of each expression printed on this thread while a Use of it is open, so
// printing every level of a deeply nested expression costs work in proportion to the text,
// not to the square of the depth. The expressions must outlive the cache, unchanged.
class PrintCache {
 public:
  class Use {
   public:
    explicit Use(PrintCache& cache);
    ~Use();
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;

   private:
    PrintCache* previous_;
  };

 private:
  friend std::string ToSql(const Expr& expr);
  std::unordered_map<const Expr*, std::string> texts_;
};

// A view's query as MySQL shows it (SHOW CREATE VIEW, information_schema.VIEWS): keywords in
// lower case except the AS of a column, no space after a comma, a string literal without an
// introducer given `charset`'s, COUNT(*) as count(0), table aliases without AS, a comma join or
// CROSS JOIN as join, a RIGHT JOIN as the LEFT JOIN with its sides swapped, NOT as not(...).
// It parses back to an equivalent query, not to an equal tree.
std::string ToViewText(const SelectStatement& select, const std::string& charset);

// An expression as MySQL prints a stored one (a generated column's, a DEFAULT (expr)'s, a
// CHECK constraint's, a functional key part's): ToViewText's form, string literals introduced
// with `charset`'s name, hex literals as 0x.. (X'' when empty).
std::string ToItemText(const Expr& expr, const std::string& charset);

// `name` quoted with backticks, inner backticks doubled.
std::string QuoteIdentifier(std::string_view name);
// 'text' with MySQL escapes for ', \, NUL, newline, CR, ^Z.
std::string QuoteString(std::string_view text);

// Structural equality of two statements (the print -> reparse round trip check).
bool Equals(const Statement& a, const Statement& b);

}  // namespace porpoise::sql
