// Helpers shared by the DDL executors (exec_ddl.cc, exec_view.cc). Not part of the engine's
// API. (engine/)
#pragma once

#include <string_view>

#include "catalog/information_schema.h"
#include "common/status.h"
#include "sql/parser.h"
#include "sql/printer.h"
#include "storage/database.h"

namespace porpoise::engine {

// information_schema, performance_schema and sys: nobody creates or drops objects there.
inline bool IsSystemSchema(std::string_view name) {
  return catalog::IsInformationSchema(name) || name == "performance_schema" || name == "sys";
}

// 1059 for a name over 64 characters, 1102 / 1103 for an empty one, one ending in a space, or
// one naming a directory entry ("." and "..", where MySQL keeps schemas and tables as files).
inline Status CheckName(std::string_view name, bool database) {
  bool bad = name.empty() || name.size() > 64 || name.back() == ' ' || name == "." || name == "..";
  if (bad && name.size() > 64) return Status::Error(ER_TOO_LONG_IDENT, name);
  if (bad) return database ? Status::Error(ER_WRONG_DB_NAME, name) : Status::Error(ER_WRONG_TABLE_NAME, name);
  return Status::OK();
}

// Runs `work` inside BEGIN IMMEDIATE ... COMMIT on `db`.
template <typename Work>
Status InWriteTransaction(storage::Database& db, Work work) {
  PORPOISE_ASSIGN_OR_RETURN(storage::Transaction transaction, storage::Transaction::Begin(db, true));
  PORPOISE_RETURN_IF_ERROR(work());
  return transaction.Commit();
}

// Deep copies of AST pieces, printed and parsed back (the printer's round trip is exact).
inline Result<sql::ExprPtr> CloneExpr(const sql::Expr& expr) {
  PORPOISE_ASSIGN_OR_RETURN(sql::StatementPtr parsed, sql::ParseOne("SELECT " + sql::ToSql(expr)));
  auto& select = static_cast<sql::SelectStatement&>(*parsed);
  if (parsed->kind != sql::StatementKind::kSelect || select.items.size() != 1) {
    return Status::Error(ER_PARSE_ERROR, "", 1);
  }
  return std::move(select.items[0].expr);
}

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
