// Helpers shared by the DDL executors (exec_ddl.cc, exec_view.cc). Not part of the engine's
// API. (engine/)
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/information_schema.h"
#include "catalog/performance_schema.h"
#include "common/status.h"
#include "common/strings.h"
#include "sql/parser.h"
#include "sql/printer.h"
#include "storage/database.h"

namespace porpoise::engine {

// information_schema, performance_schema and sys: nobody creates or drops objects there.
inline bool IsSystemSchema(std::string_view name) {
  return catalog::IsInformationSchema(name) || catalog::IsPerformanceSchema(name) || name == "sys";
}

// 1059 for a name over 64 characters, 1102 / 1103 for an empty one, one ending in a space, or
// one naming a directory entry ("." and "..", where MySQL keeps schemas and tables as files).
inline Status CheckName(std::string_view name, bool database) {
  bool bad = name.empty() || name.size() > 64 || name.back() == ' ' || name == "." || name == "..";
  if (bad && name.size() > 64) return Status::Error(ER_TOO_LONG_IDENT, name);
  if (bad) return database ? Status::Error(ER_WRONG_DB_NAME, name) : Status::Error(ER_WRONG_TABLE_NAME, name);
  return Status::OK();
}

// What MySQL says of the character sets and collations table options name (utf8 and
// utf8mb3 are deprecated: 3719, 1287, 3778), appended to `warnings`.
void CheckTableOptionsAsWritten(const std::vector<sql::TableOption>& options, std::vector<Status>* warnings);

// The checks of a column's type as the statement wrote it, before it is made canonical:
// 1439 for an integer's display width past 255, 1063 for FLOAT(p) past 53 digits or an
// AUTO_INCREMENT FLOAT or DOUBLE, 1367 for a SET label holding a comma, 1291 for labels
// alike (with `strict`; a note otherwise) under the column's collation, else
// `table_collation`; and the deprecation warnings of display widths, ZEROFILL, FLOAT(M,D),
// UNSIGNED on DECIMAL, FLOAT and DOUBLE (1681), and of utf8 and utf8mb3 (3719, 1287, 3778),
// added to `warnings`.
Status CheckTypeAsWritten(const sql::ColumnDef& column, std::string_view table_collation, bool strict,
                          std::vector<Status>* warnings);

// The DEFAULT (expr) clauses as written: 3769 subquery, 3772 variable, 1054 unknown column,
// 3768 the AUTO_INCREMENT column, 3767 a later generated or expression-default column.
Status CheckDefaultExpressions(const sql::CreateTableStatement& statement);

// A character column that names no character set or collation takes the table's, written
// into its definition (as MySQL records it); a utf8mb4 table of the default collation changes
// nothing. The other forms read the table's from CREATE TABLE's options.
void ApplyTableCharset(sql::ColumnDef& column, std::string_view charset, std::string_view collation);
void ApplyTableCharset(sql::ColumnDef& column, const sql::CreateTableStatement& table);
void ApplyTableCharset(sql::CreateTableStatement& create);

// The keys as CREATE TABLE wrote them: 1171 for a PRIMARY KEY column written NULL, 1060 for
// a column named twice in one key.
Status CheckKeysAsWritten(const sql::CreateTableStatement& statement);

// Runs `work` inside BEGIN IMMEDIATE ... COMMIT on `db`.
template <typename Work>
Status InWriteTransaction(storage::Database& db, Work work) {
  PORPOISE_ASSIGN_OR_RETURN(storage::Transaction transaction, storage::Transaction::Begin(db, true));
  PORPOISE_RETURN_IF_ERROR(work());
  return transaction.Commit();
}

// Deep copies of AST pieces, printed and parsed back (the printer's round trip is exact; a
// prepared statement's `?`s keep their numbers).
inline Result<sql::ExprPtr> CloneExpr(const sql::Expr& expr) {
  sql::ParserOptions options;
  options.numbered_parameters = true;
  options.bare_interval = true;
  PORPOISE_ASSIGN_OR_RETURN(sql::StatementPtr parsed,
                            sql::ParseOne("SELECT " + sql::ToSqlNumberingParameters(expr), options));
  auto& select = static_cast<sql::SelectStatement&>(*parsed);
  if (parsed->kind != sql::StatementKind::kSelect || select.items.size() != 1) {
    return Status::Error(ER_PARSE_ERROR, "", 1);
  }
  return std::move(select.items[0].expr);
}

// A whole statement of type T (SelectStatement, UpdateStatement, ...).
template <typename T>
Result<std::unique_ptr<T>> CloneStatement(const T& statement) {
  sql::ParserOptions options;
  options.numbered_parameters = true;
  PORPOISE_ASSIGN_OR_RETURN(sql::StatementPtr parsed,
                            sql::ParseOne(sql::ToSqlNumberingParameters(statement), options));
  if (parsed->kind != statement.kind) return Status::Error(ER_PARSE_ERROR, "", 1);
  return std::unique_ptr<T>(static_cast<T*>(parsed.release()));
}

inline Result<std::vector<sql::OrderItem>> CloneOrderBy(const std::vector<sql::OrderItem>& items) {
  std::vector<sql::OrderItem> copies;
  for (const sql::OrderItem& item : items) {
    sql::OrderItem copy;
    PORPOISE_ASSIGN_OR_RETURN(copy.expr, CloneExpr(*item.expr));
    copy.descending = item.descending;
    copies.push_back(std::move(copy));
  }
  return copies;
}

// Replaces references to the columns `names` (unqualified, or qualified with `qualifier`) by
// copies of the expressions `items` gives them: a view's columns by what they stand for, a
// row's columns by new values. In a subquery only qualified references are replaced.
class ColumnSubstituter {
 public:
  ColumnSubstituter(const std::vector<std::string>& names,
                    const std::vector<const sql::Expr*>& items, std::string qualifier)
      : names_(names), items_(items), qualifier_(std::move(qualifier)) {}

  Status Expr(sql::ExprPtr& slot, bool in_subquery) {
    if (!slot) return Status::OK();
    sql::Expr& expr = *slot;
    if (expr.kind == sql::ExprKind::kColumnRef && expr.column != "*") {
      bool ours = expr.table.empty() ? !in_subquery : expr.table == qualifier_;
      if (ours) {
        for (size_t i = 0; i < names_.size(); ++i) {
          if (!EqualsIgnoreCase(names_[i], expr.column)) continue;
          PORPOISE_ASSIGN_OR_RETURN(slot, CloneExpr(*items_[i]));
          return Status::OK();
        }
      }
      return Status::OK();
    }
    for (sql::ExprPtr& arg : expr.args) PORPOISE_RETURN_IF_ERROR(Expr(arg, in_subquery));
    if (sql::ExprDetail* detail = expr.detail_if_any()) {
      for (auto& term : detail->function_order_by) {
        PORPOISE_RETURN_IF_ERROR(Expr(term.first, in_subquery));
      }
      PORPOISE_RETURN_IF_ERROR(Expr(detail->against, in_subquery));
    }
    PORPOISE_RETURN_IF_ERROR(Expr(expr.case_operand, in_subquery));
    PORPOISE_RETURN_IF_ERROR(Expr(expr.else_expr, in_subquery));
    if (expr.subquery) PORPOISE_RETURN_IF_ERROR(Query(*expr.subquery));
    return Status::OK();
  }

  Status Query(sql::SelectStatement& select) {
    for (sql::SelectItem& item : select.items) PORPOISE_RETURN_IF_ERROR(Expr(item.expr, true));
    for (sql::ExprPtr* part : {&select.where, &select.having}) {
      PORPOISE_RETURN_IF_ERROR(Expr(*part, true));
    }
    for (sql::ExprPtr& term : select.group_by) PORPOISE_RETURN_IF_ERROR(Expr(term, true));
    for (sql::OrderItem& item : select.order_by) PORPOISE_RETURN_IF_ERROR(Expr(item.expr, true));
    for (sql::TableRefPtr& ref : select.from) {
      if (ref) PORPOISE_RETURN_IF_ERROR(Table(*ref));
    }
    for (sql::SelectStatement::UnionPart& part : select.unions) {
      if (part.select) PORPOISE_RETURN_IF_ERROR(Query(*part.select));
    }
    return Status::OK();
  }

 private:
  Status Table(sql::TableRef& ref) {
    if (ref.kind == sql::TableRef::Kind::kDerived && ref.derived) return Query(*ref.derived);
    if (ref.kind != sql::TableRef::Kind::kJoin) return Status::OK();
    if (ref.left) PORPOISE_RETURN_IF_ERROR(Table(*ref.left));
    if (ref.right) PORPOISE_RETURN_IF_ERROR(Table(*ref.right));
    return Expr(ref.on, true);
  }

  const std::vector<std::string>& names_;
  const std::vector<const sql::Expr*>& items_;
  std::string qualifier_;
};

// SELECT 1 FROM `database`.`table` AS alias: the start of a query that asks whether a row
// exists (its WHERE and LIMIT are the caller's).
inline std::unique_ptr<sql::SelectStatement> ProbeSelect(const std::string& database,
                                                         const std::string& table,
                                                         const std::string& alias) {
  auto probe = std::make_unique<sql::SelectStatement>();
  sql::SelectItem one;
  one.expr = sql::MakeLiteral(sql::LiteralKind::kInteger, "1");
  probe->items.push_back(std::move(one));
  auto target = std::make_unique<sql::TableRef>();
  target->name = {database, table};
  target->alias = alias;
  probe->from.push_back(std::move(target));
  return probe;
}

inline Result<sql::ColumnDef> CloneColumn(const sql::ColumnDef& column) {
  PORPOISE_ASSIGN_OR_RETURN(sql::StatementPtr parsed,
                            sql::ParseOne("CREATE TABLE c (" + sql::ToSql(column) + ")"));
  auto& create = static_cast<sql::CreateTableStatement&>(*parsed);
  if (parsed->kind != sql::StatementKind::kCreateTable || create.columns.size() != 1) {
    return Status::Error(ER_PARSE_ERROR, "", 1);
  }
  return std::move(create.columns.front());
}

}  // namespace porpoise::engine
