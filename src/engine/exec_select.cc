// SELECT and DO execution: translate, check SELECT privileges, run on SQLite, stream MySQL-typed
// rows to the sink; and constant-expression evaluation for SET / INSERT values. (engine/)
#include <sqlite3.h>

#include "engine/physical.h"
#include "engine/session.h"
#include "sql/parser.h"
#include "storage/database.h"

namespace porpoise::engine {

Status Session::ExecuteSelect(const sql::SelectStatement& select, ResultSink& sink, bool more) {
  if (!select.into.empty()) return ExecuteSelectInto(select, sink, more);
  TranslatorContext context = MakeTranslatorContext();
  Translator translator(context);
  PORPOISE_ASSIGN_OR_RETURN(TranslatedSelect translated, translator.TranslateSelect(select));
  PORPOISE_RETURN_IF_ERROR(CheckReads(context));
  if (!context.tables_read.empty()) PORPOISE_RETURN_IF_ERROR(StartImplicitTransaction());

  const std::string& sql = translated.sql;
  PORPOISE_ASSIGN_OR_RETURN(storage::Statement statement, PrepareTranslated(sql, context, true));
  Result<bool> step = statement.Step();
  if (!step.ok()) return TranslateStorageError(step.status());

  std::vector<ColumnInfo> columns = ResultColumns(translated.columns);
  sink.SendResultSetHeader(columns);
  std::vector<std::string> buffers(columns.size());
  std::vector<std::string> encoded;
  const std::string encoding = ResultsEncoding();
  std::vector<FieldValue> values(columns.size());
  std::vector<Value> read(columns.size());
  uint64_t rows = 0;
  bool has_row = step.value();
  while (has_row) {
    for (size_t i = 0; i < columns.size(); ++i) {
      read[i] = ReadValue(statement, static_cast<int>(i));
      values[i] = ResultField(read[i], translated.columns[i].type, &buffers[i]);
    }
    EncodeForResults(encoding, columns, values, encoded);
    ++rows;
    if (!sink.SendRow(values)) break;
    Result<bool> next = statement.Step();
    if (!next.ok()) {
      // MySQL ends a broken result set with an ERR packet in place of the final EOF/OK.
      Status status = TranslateStorageError(next.status());
      AddError(status);
      sink.SendError(status);
      error_sent_ = true;
      return status;
    }
    has_row = next.value();
  }
  DrainRuntimeWarnings();
  sink.SendResultSetEnd(more);
  found_rows_ = rows;
  if (select.sql_calc_found_rows && select.limit) {
    Result<storage::Statement> count = PrepareTranslated("SELECT count(*) FROM (" +
                                                    [&]() {
                                                      std::string without = sql;
                                                      size_t limit = without.rfind(" LIMIT ");
                                                      if (limit != std::string::npos) without.resize(limit);
                                                      return without;
                                                    }() + ")", context);
    if (count.ok()) {
      Result<bool> counted = count->Step();
      if (counted.ok() && counted.value()) found_rows_ = static_cast<uint64_t>(count->ColumnInt64(0));
    }
  }
  row_count_ = -1;
  return Status::OK();
}

Result<std::vector<Value>> Session::Evaluate(const std::vector<const sql::Expr*>& exprs,
                                             std::vector<ExprType>* types,
                                             const catalog::ColumnSchema* default_of) {
  std::vector<Value> values;
  if (exprs.empty()) return values;
  TranslatorContext context = MakeTranslatorContext();
  if (default_of != nullptr) {
    context.may_read_table = [default_of](const std::string&, const std::string&) {
      return Status::Error(ER_DEFAULT_VAL_GENERATED_FUNCTION_IS_NOT_ALLOWED, default_of->name);
    };
  }
  Translator translator(context);
  Scope scope;
  BoundQuery query;
  std::vector<ExprType> result_types;
  for (size_t i = 0; i < exprs.size(); ++i) {
    PORPOISE_ASSIGN_OR_RETURN(BoundExpr expr, translator.TranslateExpr(*exprs[i], scope, Clause::kFieldList));
    result_types.push_back(expr.type);
    if (expr.aggregate) return Status::Error(ER_INVALID_GROUP_FUNC_USE);
    query.select.items.push_back(std::move(expr));
    query.select.names.push_back("c" + std::to_string(i + 1));
  }
  std::string sql = EmitQuery(query, context);
  if (default_of != nullptr && context.ReadCount() != 0) {
    return Status::Error(ER_DEFAULT_VAL_GENERATED_FUNCTION_IS_NOT_ALLOWED, default_of->name);
  }
  PORPOISE_RETURN_IF_ERROR(CheckReads(context));
  PORPOISE_ASSIGN_OR_RETURN(storage::Statement statement, PrepareTranslated(sql, context));
  Result<bool> step = statement.Step();
  if (!step.ok()) return TranslateStorageError(step.status());
  for (size_t i = 0; i < exprs.size(); ++i) {
    Value value = ReadValue(statement, static_cast<int>(i));
    std::string text;
    bool textual = result_types[i].type == ValueType::kDecimal ||
                   (result_types[i].type == ValueType::kInteger && result_types[i].is_unsigned &&
                    value.kind == Value::Kind::kBlob);
    if (types == nullptr && textual && ToText(value, result_types[i], &text)) value = Value::Text(text);
    values.push_back(std::move(value));
  }
  if (types != nullptr) *types = std::move(result_types);
  return values;
}

Result<Value> Session::EvaluateDefault(const catalog::ColumnSchema& column) {
  PORPOISE_ASSIGN_OR_RETURN(sql::ExprPtr expr, sql::ParseExpression(column.default_expression));
  std::vector<ExprType> types;
  PORPOISE_ASSIGN_OR_RETURN(std::vector<Value> value, Evaluate({expr.get()}, &types, &column));
  return ForColumn(value[0], types[0], column);
}

Status Session::ExecuteDo(const sql::DoStatement& statement, ResultSink& sink, bool more) {
  std::vector<const sql::Expr*> exprs;
  for (const sql::ExprPtr& expr : statement.exprs) exprs.push_back(expr.get());
  PORPOISE_ASSIGN_OR_RETURN(std::vector<Value> values, Evaluate(exprs));
  (void)values;
  SendOk(sink, more, 0);
  return Status::OK();
}

}  // namespace porpoise::engine
