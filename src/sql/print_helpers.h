// Internal helpers shared by the printer's .cc files. Not part of the sql/ API. (sql/)
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sql/ast/statement.h"
#include "common/strings.h"

namespace porpoise::sql {

// "a, b, c" with each expression printed by ToSql ("a,b,c" in the view form).
std::string JoinExprs(const std::vector<ExprPtr>& exprs);

// The view form (ToViewText) is being printed on this thread: its charset, else nullptr.
const std::string* ViewFormCharset();
// A keyword as the current form writes it: as given (upper case), or in lower case.
std::string Keyword(std::string_view upper);
// The separator of a list: ", ", or "," in the view form.
const char* ListSeparator();
// ( [base] [PARTITION BY ...] [ORDER BY ...] [frame] ), or the bare name of OVER w.
std::string PrintWindowSpec(const WindowSpec& spec);

// `db`.`t` (or `t`), and 'user'@'host' / CURRENT_USER (print_statement.cc).
std::string PrintTableName(const TableName& name);
// col = value, ... of SET and ON DUPLICATE KEY UPDATE.
std::string PrintAssignments(const std::vector<Assignment>& assignments);
std::string PrintUser(const UserName& user);
// Statements other than SELECT/INSERT/UPDATE/DELETE (print_admin.cc).
std::string PrintDdlOrAdmin(const Statement& statement);

}  // namespace porpoise::sql
