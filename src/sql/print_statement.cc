// The AST printer for statements: one function per statement kind, each producing MySQL text
// that parses back to an equal statement (identifiers backticked, strings escaped). (sql/)
#include <cctype>
#include <string_view>
#include <utility>

#include "sql/print_helpers.h"
#include "sql/printer.h"

namespace porpoise::sql {
namespace {

std::string PrintOrderBy(const std::vector<OrderItem>& items) {
  if (items.empty()) return "";
  std::string out = " " + Keyword("ORDER BY") + " ";
  for (size_t index = 0; index < items.size(); ++index) {
    if (index > 0) out += ListSeparator();
    out += ToSql(*items[index].expr);
    if (items[index].descending) out += " " + Keyword("DESC");
  }
  return out;
}

std::string PrintLimit(const ExprPtr& limit, const ExprPtr& offset) {
  if (!limit) return "";
  if (offset) return " " + Keyword("LIMIT") + " " + ToSql(*offset) + ListSeparator() + ToSql(*limit);
  return " " + Keyword("LIMIT") + " " + ToSql(*limit);
}

std::string PrintTableRef(const TableRef& ref);

// A join, parenthesised. In the view form, as MySQL shows it: (`a` join `b` on(...)), a RIGHT
// JOIN as the LEFT JOIN with its sides swapped, CROSS JOIN as join.
std::string PrintJoin(const TableRef& ref) {
  const bool view_form = ViewFormCharset() != nullptr;
  const TableRef* left = ref.left.get();
  const TableRef* right = ref.right.get();
  std::string keyword;
  switch (ref.join_type) {
    case JoinType::kInner: keyword = "JOIN"; break;
    case JoinType::kCross: keyword = view_form ? "JOIN" : "CROSS JOIN"; break;
    case JoinType::kLeft: keyword = "LEFT JOIN"; break;
    case JoinType::kRight:
      keyword = view_form ? "LEFT JOIN" : "RIGHT JOIN";
      if (view_form) std::swap(left, right);
      break;
    case JoinType::kStraight: keyword = "STRAIGHT_JOIN"; break;
  }
  if (ref.natural) keyword = "NATURAL " + keyword;
  std::string out = "(" + PrintTableRef(*left) + " " + Keyword(keyword) + " " + PrintTableRef(*right);
  if (ref.on) out += view_form ? " on(" + ToSql(*ref.on) + ")" : " ON " + ToSql(*ref.on);
  if (!ref.using_columns.empty()) {
    out += " " + Keyword("USING") + " (";
    for (size_t index = 0; index < ref.using_columns.size(); ++index) {
      out += (index > 0 ? ListSeparator() : "") + QuoteIdentifier(ref.using_columns[index]);
    }
    out += ")";
  }
  return out + ")";
}

std::string PrintJsonTableResponse(const JsonTableResponse& response, std::string_view on) {
  switch (response.kind) {
    case JsonTableResponse::Kind::kNull: return "";
    case JsonTableResponse::Kind::kError:
      return " " + Keyword("ERROR") + " " + Keyword("ON") + " " + Keyword(on);
    case JsonTableResponse::Kind::kDefault:
      return " " + Keyword("DEFAULT") + " " + QuoteString(response.default_json) + " " +
             Keyword("ON") + " " + Keyword(on);
  }
  return "";
}

std::string PrintJsonTableColumns(const std::vector<JsonTableColumn>& columns) {
  std::string out = Keyword("COLUMNS") + " (";
  for (size_t index = 0; index < columns.size(); ++index) {
    const JsonTableColumn& column = columns[index];
    if (index > 0) out += ListSeparator();
    switch (column.kind) {
      case JsonTableColumn::Kind::kOrdinality:
        out += QuoteIdentifier(column.name) + " " + Keyword("FOR") + " " + Keyword("ORDINALITY");
        break;
      case JsonTableColumn::Kind::kPath:
      case JsonTableColumn::Kind::kExists:
        out += QuoteIdentifier(column.name) + " " + ToSql(column.type) +
               (column.kind == JsonTableColumn::Kind::kExists ? " " + Keyword("EXISTS") : "") +
               " " + Keyword("PATH") + " " + QuoteString(column.path) +
               PrintJsonTableResponse(column.on_empty, "EMPTY") +
               PrintJsonTableResponse(column.on_error, "ERROR");
        break;
      case JsonTableColumn::Kind::kNested:
        out += Keyword("NESTED") + " " + Keyword("PATH") + " " + QuoteString(column.path) + " " +
               PrintJsonTableColumns(column.nested);
        break;
    }
  }
  return out + ")";
}

}  // namespace

std::string PrintJsonTableSpec(const std::string& path, const std::vector<JsonTableColumn>& columns) {
  return QuoteString(path) + " " + PrintJsonTableColumns(columns);
}

namespace {

std::string PrintTableRef(const TableRef& ref) {
  switch (ref.kind) {
    case TableRef::Kind::kTable: {
      std::string out = PrintTableName(ref.name);
      if (!ref.alias.empty()) out += (ViewFormCharset() ? " " : " AS ") + QuoteIdentifier(ref.alias);
      return out;
    }
    case TableRef::Kind::kDerived: {
      std::string out = (ref.lateral ? Keyword("LATERAL") + " (" : "(") + ToSql(*ref.derived) +
                        (ViewFormCharset() ? ") " : ") AS ") + QuoteIdentifier(ref.alias);
      if (!ref.column_names.empty()) {
        out += " (";
        for (size_t index = 0; index < ref.column_names.size(); ++index) {
          out += (index > 0 ? ListSeparator() : "") + QuoteIdentifier(ref.column_names[index]);
        }
        out += ")";
      }
      return out;
    }
    case TableRef::Kind::kJsonTable:
      return Keyword("JSON_TABLE") + "(" + (ref.json_doc ? ToSql(*ref.json_doc) : "NULL") +
             ListSeparator() + PrintJsonTableSpec(ref.json_path, ref.json_columns) +
             (ViewFormCharset() ? ") " : ") AS ") + QuoteIdentifier(ref.alias);
    case TableRef::Kind::kJoin:
      return PrintJoin(ref);
  }
  return "";
}

std::string PrintTableRefs(const std::vector<TableRefPtr>& refs) {
  std::string out;
  for (size_t index = 0; index < refs.size(); ++index) {
    if (index == 0) {
      out = PrintTableRef(*refs[index]);
    } else if (ViewFormCharset()) {  // a comma join is shown as join
      out = "(" + out + " join " + PrintTableRef(*refs[index]) + ")";
    } else {
      out += ", " + PrintTableRef(*refs[index]);
    }
  }
  return out;
}

// Whether `text`, first in a select list, would read as a SELECT option (a function named
// SQL_CACHE, say): then it is written in parentheses.
bool ReadsAsSelectOption(std::string_view text) {
  static constexpr std::string_view kOptions[] = {
      "ALL", "DISTINCT", "DISTINCTROW", "HIGH_PRIORITY", "STRAIGHT_JOIN", "SQL_SMALL_RESULT",
      "SQL_BIG_RESULT", "SQL_BUFFER_RESULT", "SQL_NO_CACHE", "SQL_CACHE", "SQL_CALC_FOUND_ROWS"};
  size_t end = 0;
  while (end < text.size() &&
         (std::isalnum(static_cast<unsigned char>(text[end])) != 0 || text[end] == '_')) {
    ++end;
  }
  for (std::string_view option : kOptions) {
    if (EqualsIgnoreCase(text.substr(0, end), option)) return true;
  }
  return false;
}

// One SELECT block without its UNION chain.
std::string PrintSelectBlock(const SelectStatement& select) {
  std::string out = Keyword("SELECT") + " ";
  if (select.max_execution_time) {
    out += "/*+ MAX_EXECUTION_TIME(" + std::to_string(*select.max_execution_time) + ") */ ";
  }
  if (select.distinct) out += Keyword("DISTINCT") + " ";
  if (select.sql_calc_found_rows) out += Keyword("SQL_CALC_FOUND_ROWS") + " ";
  for (size_t index = 0; index < select.items.size(); ++index) {
    const SelectItem& item = select.items[index];
    std::string text = ToSql(*item.expr);
    if (index == 0 && ReadsAsSelectOption(text)) text = "(" + text + ")";
    out += (index > 0 ? ListSeparator() : "") + text;
    if (!item.alias.empty()) out += " AS " + QuoteIdentifier(item.alias);
  }
  if (!select.from.empty()) out += " " + Keyword("FROM") + " " + PrintTableRefs(select.from);
  if (select.where) out += " " + Keyword("WHERE") + " " + ToSql(*select.where);
  if (!select.group_by.empty()) out += " " + Keyword("GROUP BY") + " " + JoinExprs(select.group_by);
  if (select.with_rollup) out += " " + Keyword("WITH ROLLUP");
  if (select.having) out += " " + Keyword("HAVING") + " " + ToSql(*select.having);
  for (size_t index = 0; index < select.windows.size(); ++index) {
    out += (index == 0 ? " " + Keyword("WINDOW") + " " : ListSeparator()) +
           QuoteIdentifier(select.windows[index].first) + " " + Keyword("AS") + " " +
           PrintWindowSpec(*select.windows[index].second);
  }
  out += PrintOrderBy(select.order_by) + PrintLimit(select.limit, select.offset);
  if (select.lock == LockMode::kForUpdate) out += " " + Keyword("FOR UPDATE");
  if (select.lock == LockMode::kForShare) out += " " + Keyword("FOR SHARE");
  return out;
}

std::string PrintWith(const SelectStatement& select) {
  if (select.with.empty()) return "";
  std::string out = Keyword("WITH") + " ";
  if (select.with_recursive) out += Keyword("RECURSIVE") + " ";
  for (size_t index = 0; index < select.with.size(); ++index) {
    const SelectStatement::CommonTable& table = select.with[index];
    if (index > 0) out += ListSeparator();
    out += QuoteIdentifier(table.name);
    if (!table.columns.empty()) {
      out += " (";
      for (size_t column = 0; column < table.columns.size(); ++column) {
        out += (column > 0 ? ListSeparator() : "") + QuoteIdentifier(table.columns[column]);
      }
      out += ")";
    }
    out += " " + Keyword("AS") + " (" + ToSql(*table.query) + ")";
  }
  return out + " ";
}

std::string PrintSetOperations(const SelectStatement& select);

std::string PrintSelect(const SelectStatement& select) {
  return PrintWith(select) + PrintSetOperations(select);
}

std::string PrintSetOperations(const SelectStatement& select) {
  if (select.unions.empty()) return PrintSelectBlock(select);
  // The first block is parenthesised only when it has clauses of its own: `x IN ((SELECT 1)
  // UNION ...)` does not parse as a subquery, `x IN (SELECT 1 UNION ...)` does.
  bool own_clauses = !select.order_by.empty() || select.limit || select.lock != LockMode::kNone;
  std::string out = own_clauses ? "(" + PrintSelectBlock(select) + ")" : PrintSelectBlock(select);
  bool looser = false;  // a UNION or EXCEPT so far: an INTERSECT after it applies to all of it
  for (const SelectStatement::UnionPart& part : select.unions) {
    using Op = SelectStatement::SetOperator;
    if (part.op == Op::kIntersect && looser) out = "(" + out + ")";
    looser = looser || part.op != Op::kIntersect;
    out += " " + Keyword(part.op == Op::kUnion    ? "UNION"
                         : part.op == Op::kExcept ? "EXCEPT"
                                                  : "INTERSECT");
    if (part.all) out += " " + Keyword("ALL");
    const SelectStatement& branch = *part.select;
    bool bare = ViewFormCharset() && branch.unions.empty() && branch.order_by.empty() &&
                !branch.limit && branch.lock == LockMode::kNone;
    out += bare ? " " + PrintSelect(branch) : " (" + PrintSelect(branch) + ")";
  }
  return out + PrintOrderBy(select.union_order_by) +
         PrintLimit(select.union_limit, select.union_offset);
}

}  // namespace

std::string PrintAssignments(const std::vector<Assignment>& assignments) {
  std::string out;
  for (size_t index = 0; index < assignments.size(); ++index) {
    out += (index > 0 ? ", " : "") + ToSql(*assignments[index].column) + " = " +
           ToSql(*assignments[index].value);
  }
  return out;
}

namespace {

std::string PrintInsert(const InsertStatement& insert) {
  std::string out = insert.replace ? "REPLACE " : "INSERT ";
  if (insert.delayed) out += "DELAYED ";
  if (insert.ignore) out += "IGNORE ";
  out += "INTO " + PrintTableName(insert.table);
  if (!insert.columns.empty()) {
    out += " (";
    for (size_t index = 0; index < insert.columns.size(); ++index) {
      out += (index > 0 ? ", " : "") + QuoteIdentifier(insert.columns[index]);
    }
    out += ")";
  }
  if (insert.select) {
    out += " " + PrintSelect(*insert.select);
  } else {
    out += " VALUES ";
    for (size_t index = 0; index < insert.rows.size(); ++index) {
      out += (index > 0 ? ", (" : "(") + JoinExprs(insert.rows[index]) + ")";
    }
    if (!insert.row_alias.empty()) {
      out += " AS " + QuoteIdentifier(insert.row_alias);
      if (!insert.column_aliases.empty()) {
        out += " (";
        for (size_t index = 0; index < insert.column_aliases.size(); ++index) {
          out += (index > 0 ? ", " : "") + QuoteIdentifier(insert.column_aliases[index]);
        }
        out += ")";
      }
    }
  }
  if (!insert.on_duplicate.empty()) {
    out += " ON DUPLICATE KEY UPDATE " + PrintAssignments(insert.on_duplicate);
  }
  return out;
}

std::string PrintUpdate(const UpdateStatement& update) {
  std::string out = std::string("UPDATE ") + (update.ignore ? "IGNORE " : "") +
                    PrintTableRefs(update.tables) + " SET " + PrintAssignments(update.assignments);
  if (update.where) out += " WHERE " + ToSql(*update.where);
  return out + PrintOrderBy(update.order_by) + PrintLimit(update.limit, nullptr);
}

std::string PrintDelete(const DeleteStatement& remove) {
  if (!remove.targets.empty()) {
    std::string out = std::string("DELETE ") + (remove.ignore ? "IGNORE " : "");
    for (size_t i = 0; i < remove.targets.size(); ++i) {
      out += (i > 0 ? ", " : "") + PrintTableName(remove.targets[i]);
    }
    out += " FROM " + PrintTableRefs(remove.from);
    if (remove.where) out += " WHERE " + ToSql(*remove.where);
    return out;
  }
  std::string out = std::string("DELETE ") + (remove.ignore ? "IGNORE " : "") + "FROM " +
                    PrintTableName(remove.table);
  if (!remove.alias.empty()) out += " AS " + QuoteIdentifier(remove.alias);
  if (remove.where) out += " WHERE " + ToSql(*remove.where);
  return out + PrintOrderBy(remove.order_by) + PrintLimit(remove.limit, nullptr);
}

}  // namespace

std::string ToSql(const Statement& statement) {
  switch (statement.kind) {
    case StatementKind::kSelect:
      return PrintSelect(static_cast<const SelectStatement&>(statement));
    case StatementKind::kInsert:
      return PrintInsert(static_cast<const InsertStatement&>(statement));
    case StatementKind::kUpdate:
      return PrintUpdate(static_cast<const UpdateStatement&>(statement));
    case StatementKind::kDelete:
      return PrintDelete(static_cast<const DeleteStatement&>(statement));
    default:
      return PrintDdlOrAdmin(statement);
  }
}

std::string PrintTableName(const TableName& name) {
  std::string out;
  if (!name.database.empty()) out += QuoteIdentifier(name.database) + ".";
  return out + QuoteIdentifier(name.table);
}

std::string PrintUser(const UserName& user) {
  if (user.current_user) return "CURRENT_USER";
  return QuoteString(user.user) + "@" + QuoteString(user.host);
}

}  // namespace porpoise::sql
