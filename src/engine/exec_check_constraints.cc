// Expressions over a table's own row: CHECK constraints (an INSERTed row's values, and the
// rows an UPDATE changes, must not make an enforced constraint FALSE: 3819, a warning and the
// row skipped under IGNORE) and generated columns (their values computed from the row, and the
// assignments an UPDATE adds for them). (engine/)
#include <optional>

#include "common/strings.h"
#include "engine/ddl_util.h"
#include "engine/physical.h"
#include "engine/session.h"

namespace porpoise::engine {

namespace {

// (expr) IS FALSE: true exactly when a CHECK constraint is violated (NULL passes).
sql::ExprPtr IsFalse(sql::ExprPtr operand) {
  auto check = std::make_unique<sql::Expr>();
  check->kind = sql::ExprKind::kIsBool;
  check->is_value = sql::LiteralKind::kFalse;
  check->args.push_back(std::move(operand));
  return check;
}

// A stored value as a literal of the statement language.
// A stored value as a literal; a TIMESTAMP (stored in UTC) as it reads in `zone`.
Result<sql::ExprPtr> LiteralOf(const catalog::ColumnSchema& column, const Value& value,
                               const types::TimeZone& zone) {
  if (value.is_null()) return sql::MakeLiteral(sql::LiteralKind::kNull, "NULL");
  std::string text;
  if (!ToText(value, TypeOfColumn(column), &text)) text = value.ToText();
  if (column.type_class == catalog::TypeClass::kTimestamp) text = TimestampInZone(text, zone);
  std::string sql;
  if (catalog::IsNumeric(column.type_class)) {
    sql = text;
  } else if (column.type_class == catalog::TypeClass::kBinary) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    sql = "X'";
    for (unsigned char byte : text) {
      sql += kHex[byte >> 4];
      sql += kHex[byte & 15];
    }
    sql += "'";
  } else {
    sql = sql::QuoteString(text);
  }
  return sql::ParseExpression(sql);
}

// A row's values as literals, each under its column's name, for a ColumnSubstituter.
struct RowLiterals {
  std::vector<sql::ExprPtr> literals;
  std::vector<std::string> names;
  std::vector<const sql::Expr*> values;
};

Result<RowLiterals> LiteralsOf(const catalog::TableSchema& table, const std::vector<Value>& row,
                               const types::TimeZone& zone) {
  RowLiterals result;
  for (size_t i = 0; i < table.columns.size() && i < row.size(); ++i) {
    PORPOISE_ASSIGN_OR_RETURN(sql::ExprPtr literal, LiteralOf(table.columns[i], row[i], zone));
    result.names.push_back(table.columns[i].name);
    result.values.push_back(literal.get());
    result.literals.push_back(std::move(literal));
  }
  return result;
}

}  // namespace

Result<Value> Session::EvaluateRowDefault(const catalog::TableSchema& table, size_t index,
                                          const std::vector<Value>& row) {
  const catalog::ColumnSchema& column = table.columns[index];
  PORPOISE_ASSIGN_OR_RETURN(sql::ExprPtr expr, sql::ParseExpression(column.default_expression));
  // The row as far as it is known: the columns before this one in their stored forms, those
  // after it as given (read quietly; what does not read is NULL).
  std::vector<Value> known = row;
  for (size_t i = index + 1; i < known.size() && i < table.columns.size(); ++i) {
    if (known[i].is_null()) continue;
    CoerceContext quiet;
    Result<Value> stored = CoerceToColumn(table.columns[i], known[i], quiet);
    known[i] = stored.ok() ? std::move(stored).value() : Value::Null();
  }
  known[index] = Value::Null();
  PORPOISE_ASSIGN_OR_RETURN(RowLiterals literals, LiteralsOf(table, known, *host_->time_zone));
  ColumnSubstituter substitute(literals.names, literals.values, table.name);
  PORPOISE_RETURN_IF_ERROR(substitute.Expr(expr, false));
  std::vector<ExprType> types;
  PORPOISE_ASSIGN_OR_RETURN(std::vector<Value> value, Evaluate({expr.get()}, &types, &column));
  return ForColumn(value[0], types[0], column);
}

Status Session::CheckRowConstraints(const catalog::TableSchema& table, const std::vector<Value>& row) {
  if (table.checks.empty()) return Status::OK();
  PORPOISE_ASSIGN_OR_RETURN(RowLiterals literals, LiteralsOf(table, row, *host_->time_zone));
  ColumnSubstituter substitute(literals.names, literals.values, table.name);
  for (const catalog::CheckSchema& check : table.checks) {
    if (!check.enforced) continue;
    PORPOISE_ASSIGN_OR_RETURN(sql::ExprPtr expr, sql::ParseExpression(check.expression));
    PORPOISE_RETURN_IF_ERROR(substitute.Expr(expr, false));
    sql::ExprPtr violated = IsFalse(std::move(expr));
    PORPOISE_ASSIGN_OR_RETURN(std::vector<Value> result, Evaluate({violated.get()}));
    if (!result.empty() && result[0].kind == Value::Kind::kInteger && result[0].integer != 0) {
      return Status::Error(ER_CHECK_CONSTRAINT_VIOLATED, check.name);
    }
  }
  return Status::OK();
}

Status Session::ComputeGeneratedColumns(const catalog::TableSchema& table, std::vector<Value>& row,
                                        const CoerceContext& context) {
  std::optional<RowLiterals> literals;
  for (size_t index = 0; index < table.columns.size(); ++index) {
    const catalog::ColumnSchema& column = table.columns[index];
    if (!column.generated()) continue;
    if (!literals) {
      PORPOISE_ASSIGN_OR_RETURN(literals, LiteralsOf(table, row, *host_->time_zone));
    }
    ColumnSubstituter substitute(literals->names, literals->values, table.name);
    PORPOISE_ASSIGN_OR_RETURN(sql::ExprPtr expr, sql::ParseExpression(column.generation_expression));
    PORPOISE_RETURN_IF_ERROR(substitute.Expr(expr, false));
    std::vector<ExprType> types;
    PORPOISE_ASSIGN_OR_RETURN(std::vector<Value> result, Evaluate({expr.get()}, &types));
    PORPOISE_ASSIGN_OR_RETURN(row[index], CoerceToColumn(column, ForColumn(result[0], types[0], column), context));
    // The generated columns after this one read its new value.
    PORPOISE_ASSIGN_OR_RETURN(literals->literals[index], LiteralOf(column, row[index], *host_->time_zone));
    literals->values[index] = literals->literals[index].get();
  }
  return Status::OK();
}

Status Session::AppendGeneratedAssignments(Translator& translator, const Scope& scope,
                                           const catalog::TableSchema& table,
                                           const std::vector<sql::Assignment>& assignments,
                                           std::vector<std::pair<std::string, BoundExpr>>* bound) {
  // Each generated column's expression over the row as the statement leaves it: the assigned
  // columns replaced by their new values, earlier generated columns by their expressions.
  std::vector<std::string> names;
  std::vector<const sql::Expr*> values;
  std::vector<sql::ExprPtr> expressions;
  for (const sql::Assignment& assignment : assignments) {
    if (assignment.value->kind == sql::ExprKind::kDefault) continue;
    names.push_back(assignment.column->column);
    values.push_back(assignment.value.get());
  }
  for (const catalog::ColumnSchema& column : table.columns) {
    if (!column.generated()) continue;
    PORPOISE_ASSIGN_OR_RETURN(sql::ExprPtr expr, sql::ParseExpression(column.generation_expression));
    ColumnSubstituter substitute(names, values, scope.tables.front().alias);
    PORPOISE_RETURN_IF_ERROR(substitute.Expr(expr, false));
    PORPOISE_ASSIGN_OR_RETURN(BoundExpr value, translator.TranslateExpr(*expr, scope, Clause::kSet));
    int64_t code = TypeCode(value.type);
    BoundExpr stored = BoundExpr::Call(
        "mysql_store",
        {std::move(value), IntegerConstant(static_cast<int64_t>(host_->store_columns.size())),
         IntegerConstant(code)},
        TypeOfColumn(column));
    host_->store_columns.push_back(&column);
    bound->emplace_back(column.name, std::move(stored));
    names.push_back(column.name);
    values.push_back(expr.get());
    expressions.push_back(std::move(expr));
  }
  return Status::OK();
}

Status Session::CheckUpdatedConstraints(const sql::UpdateStatement& update,
                                        const catalog::TableSchema& table, const std::string& alias) {
  if (table.checks.empty()) return Status::OK();
  // The rows the UPDATE changes, with the constraint read over their new values:
  //   SELECT 1 FROM t AS alias WHERE <where> AND (<check, assigned columns replaced>) IS FALSE
  std::vector<std::string> names;
  std::vector<const sql::Expr*> values;
  for (const sql::Assignment& assignment : update.assignments) {
    if (assignment.value->kind == sql::ExprKind::kDefault) continue;
    names.push_back(assignment.column->column);
    values.push_back(assignment.value.get());
  }
  ColumnSubstituter substitute(names, values, table.name);
  for (const catalog::CheckSchema& check : table.checks) {
    if (!check.enforced) continue;
    PORPOISE_ASSIGN_OR_RETURN(sql::ExprPtr expr, sql::ParseExpression(check.expression));
    PORPOISE_RETURN_IF_ERROR(substitute.Expr(expr, false));
    std::unique_ptr<sql::SelectStatement> holder = ProbeSelect(table.database, table.name, alias);
    sql::SelectStatement& probe = *holder;
    sql::ExprPtr violated = IsFalse(std::move(expr));
    if (update.where) {
      PORPOISE_ASSIGN_OR_RETURN(sql::ExprPtr where, CloneExpr(*update.where));
      probe.where = sql::MakeBinary(sql::Operator::kAnd, std::move(where), std::move(violated));
    } else {
      probe.where = std::move(violated);
    }
    probe.limit = sql::MakeLiteral(sql::LiteralKind::kInteger, "1");
    PORPOISE_ASSIGN_OR_RETURN(bool found, AnyRow(probe));
    if (found) return Status::Error(ER_CHECK_CONSTRAINT_VIOLATED, check.name);
  }
  return Status::OK();
}

Status Session::CheckExistingRows(const catalog::TableSchema& table, const catalog::TableSchema& before) {
  // A constraint new (or newly enforced) holds for the rows there are.
  for (const catalog::CheckSchema& check : table.checks) {
    if (!check.enforced) continue;
    bool held = false;
    for (const catalog::CheckSchema& old : before.checks) {
      held = held || (old.name == check.name && old.enforced && old.expression == check.expression);
    }
    if (held) continue;
    PORPOISE_ASSIGN_OR_RETURN(sql::StatementPtr parsed,
                              sql::ParseOne("SELECT 1 FROM " + sql::QuoteIdentifier(before.database) + "." +
                                            sql::QuoteIdentifier(before.name) + " WHERE (" +
                                            check.expression + ") IS FALSE LIMIT 1"));
    Result<bool> found = AnyRow(static_cast<sql::SelectStatement&>(*parsed));
    // A constraint over a column the same ALTER adds is not read here (1054).
    if (!found.ok() && found.status().code() == ER_BAD_FIELD_ERROR) continue;
    if (!found.ok()) return found.status();
    if (found.value()) return Status::Error(ER_CHECK_CONSTRAINT_VIOLATED, check.name);
  }
  return Status::OK();
}

}  // namespace porpoise::engine
