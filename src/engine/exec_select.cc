// SELECT and DO execution: translate, check SELECT privileges, run on SQLite, stream MySQL-typed
// rows to the sink; and constant-expression evaluation for SET / INSERT values. (engine/)
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <map>

#include "common/strings.h"
#include "engine/physical.h"
#include "engine/session.h"
#include "sql/parser.h"
#include "storage/database.h"

namespace porpoise::engine {

Status Session::ExecuteSelect(const sql::SelectStatement& select, ResultSink& sink, bool more) {
  if (select.into_file) return ExecuteSelectIntoFile(select, sink, more);
  if (!select.into.empty()) return ExecuteSelectInto(select, sink, more);
  if (running_shape_ != nullptr && running_shape_->statement == &select && program_ == nullptr) {
    return ExecuteSharedSelect(select, sink, more);
  }
  TranslatorContext context = MakeTranslatorContext();
  context.row_warnings_wanted = true;
  Translator translator(context);
  PORPOISE_ASSIGN_OR_RETURN(TranslatedSelect translated, translator.TranslateSelect(select));
  return RunSelect(select, translated, context, sink, more);
}

void Session::StartShapeBinding(TranslatorContext* context,
                                std::map<const sql::Expr*, int32_t>* literals) const {
  const SharedParses::Parse& parse = *running_shape_->parse;
  literals->clear();
  for (size_t index = 0; index < parse.slots.size(); ++index) {
    if (parse.compared[index]) literals->emplace(parse.slots[index], static_cast<int32_t>(index));
  }
  context->shape_literals = literals;
  context->shape_values.assign(parse.slots.size(), Value::Null());
  context->shape_slots.assign(parse.slots.size(), TranslatorContext::kShapeUnwritten);
  context->shape_extra_slots.clear();
}

Result<TranslatedSelect> Session::BindShape(const sql::SelectStatement& select,
                                            TranslatorContext* context) {
  std::map<const sql::Expr*, int32_t> literals;
  context->row_warnings_wanted = true;
  StartShapeBinding(context, &literals);
  Translator translator(*context);
  Result<TranslatedSelect> translated = translator.TranslateSelect(select);
  context->shape_literals = nullptr;
  return translated;
}

bool Session::ShapeRunValues(std::vector<Value>* values, std::vector<ExprType>* types) {
  const SharedParses::Parse& parse = *running_shape_->parse;
  values->assign(parse.slots.size(), Value::Null());
  types->clear();
  TranslatorContext literal_context = LiteralContext();
  Translator translator(literal_context);
  for (size_t index = 0; index < parse.slots.size(); ++index) {
    if (!parse.compared[index]) continue;
    Result<BoundExpr> bound = translator.TranslateExpr(*parse.slots[index], Scope(), Clause::kWhere);
    if (!bound.ok() || !bound->constant || !literal_context.warnings.empty()) return false;
    (*values)[index] = *bound->constant;
    types->push_back(bound->type);
  }
  return true;
}

bool Session::ShapeSlots::Holds(size_t index) const {
  if (std::find(first.begin(), first.end(), static_cast<int64_t>(index)) != first.end()) return true;
  return std::any_of(extra.begin(), extra.end(), [&](const auto& slot) { return slot.second == index; });
}

void Session::ShapeSlots::Apply(const std::vector<Value>& values, std::vector<Value>* parameters) const {
  for (size_t index = 0; index < values.size(); ++index) {
    if (first[index] >= 0) (*parameters)[static_cast<size_t>(first[index])] = values[index];
  }
  for (const auto& [literal, parameter] : extra) {
    (*parameters)[parameter] = values[static_cast<size_t>(literal)];
  }
}

bool Session::ShapeBindingKeepable(const TranslatorContext& context, size_t calls_before) const {
  if (!Keepable(context, calls_before) || !context.warnings.empty()) return false;
  const std::vector<bool>& compared = running_shape_->parse->compared;
  for (size_t index = 0; index < compared.size(); ++index) {
    if (compared[index] && context.shape_slots[index] < 0) return false;
  }
  return true;
}

bool Session::SameBinding(const TranslatorContext& first, const ShapeSlots& first_slots,
                          const TranslatorContext& context) {
  if (!(first_slots == SlotsOf(context)) || first.parameters.size() != context.parameters.size()) {
    return false;
  }
  for (size_t i = 0; i < context.parameters.size(); ++i) {
    if (!first_slots.Holds(i) && !SameValue(first.parameters[i], context.parameters[i])) return false;
  }
  return true;
}

// A text SELECT of a known shape whose WHERE compares columns with literals: bound once, then
// run again with other values of the same types in those literals' parameters. A binding is
// kept when it warned nothing, registered nothing for the statement, and wrote each compared
// literal as a parameter of its own, unchanged; it is used once a second binding, with other
// values, wrote the same SQL with the same other parameters. (Debug builds bind every reuse
// afresh as well and abort when the two differ, so every test run checks them.)
Status Session::ExecuteSharedSelect(const sql::SelectStatement& select, ResultSink& sink,
                                    bool more) {
  // This run's compared values, as they bind.
  std::vector<Value> values;
  std::vector<ExprType> types;
  if (!ShapeRunValues(&values, &types)) {
    running_shape_ = nullptr;  // (bound the usual way, which reports what this did)
    return ExecuteSelect(select, sink, more);
  }
  PlanKey key = CurrentPlanKey();
  ShapePlan* kept = SameKindPlan(shape_plans_, key, types);
  bool same_kind = kept != nullptr;
  if (same_kind && kept->confirmed) {
    ShapePlan& plan = *kept;
    TranslatorContext context = plan.context;
    context.reads_checked.reset();
    plan.slots.Apply(values, &context.parameters);
#ifndef NDEBUG
    TranslatorContext fresh = MakeTranslatorContext();
    Result<TranslatedSelect> again = BindShape(select, &fresh);
    bool same = again.ok() && again->sql == plan.translated.sql &&
                fresh.parameters.size() == context.parameters.size();
    for (size_t i = 0; same && i < fresh.parameters.size(); ++i) {
      same = SameValue(fresh.parameters[i], context.parameters[i]);
    }
    if (!same) {
      std::fprintf(stderr, "kept plan differs from a fresh binding: %s\n",
                   select.source_text.c_str());
      std::abort();
    }
#endif
    return RunSelect(select, plan.translated, context, sink, more);
  }
  TranslatorContext context = MakeTranslatorContext();
  size_t calls = stored_calls_.size();
  PORPOISE_ASSIGN_OR_RETURN(TranslatedSelect translated, BindShape(select, &context));
  if (ShapeBindingKeepable(context, calls)) {
    RecordShapeBinding(
        shape_plans_, same_kind,
        [&](const ShapePlan& plan) {
          return plan.translated.sql == translated.sql && SameBinding(plan.context, plan.slots, context);
        },
        [&] {
          ShapePlan plan;
          plan.key = std::move(key);
          plan.types = std::move(types);
          plan.slots = SlotsOf(context);
          plan.context = context;
          plan.translated = translated;
          return plan;
        });
  }
  return RunSelect(select, translated, context, sink, more);
}

Status Session::RunSelect(const sql::SelectStatement& select, const TranslatedSelect& translated,
                          TranslatorContext& context, ResultSink& sink, bool more) {
  PORPOISE_RETURN_IF_ERROR(CheckReads(context));
  if (!context.tables_read.empty()) PORPOISE_RETURN_IF_ERROR(StartImplicitTransaction());
  // max_execution_time bounds a client's SELECT (not one a stored program runs), from here
  // to its last row (3024).
  struct Deadline {
    FunctionHost* host = nullptr;
    ~Deadline() {
      if (host != nullptr) host->deadline_micros = 0;
    }
  } deadline;
  uint64_t limit_ms = program_ != nullptr              ? 0
                      : select.max_execution_time ? *select.max_execution_time
                                                  : variables_.max_execution_time();
  if (limit_ms > 0 && host_->deadline_micros == 0) {
    int64_t now = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now().time_since_epoch()).count();
    host_->deadline_micros = now + static_cast<int64_t>(std::min<uint64_t>(limit_ms, 1ull << 40) * 1000);
    host_->timed_out = false;
    deadline.host = host_.get();
  }

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
  // sql_select_limit caps a client's SELECT that has no LIMIT of its own (not one a stored
  // program runs).
  bool own_limit = select.unions.empty() ? select.limit != nullptr : select.union_limit != nullptr;
  uint64_t cap = own_limit || program_ != nullptr ? UINT64_MAX : variables_.sql_select_limit();
  bool has_row = step.value() && cap > 0;
  while (has_row) {
    for (size_t i = 0; i < columns.size(); ++i) {
      read[i] = ReadValue(statement, static_cast<int>(i));
      values[i] = ResultField(read[i], translated.columns[i].type, &buffers[i]);
    }
    EncodeForResults(encoding, columns, values, encoded);
    ++rows;
    if (rows == 1 && !context.first_row_warnings.empty()) {  // said once, with the first row
      for (const Status& warning : context.first_row_warnings) AddWarning(warning);
      DrainRuntimeWarnings();
    }
    if (!context.row_warnings.empty()) {  // said for each row, before what computing it said
      for (const Status& warning : context.row_warnings) AddWarning(warning);
      DrainRuntimeWarnings();
    }
    if (!sink.SendRow(values)) break;
    host_->condition_row = rows + 1;
    Result<bool> next = statement.Step();
    if (!next.ok()) {
      // MySQL ends a broken result set with an ERR packet in place of the final EOF/OK.
      Status status = TranslateStorageError(next.status());
      AddError(status);
      sink.SendError(status);
      error_sent_ = true;
      return status;
    }
    has_row = next.value() && rows < cap;
  }
  DrainRuntimeWarnings();
  sink.SendResultSetEnd(more);
  found_rows_ = rows;
  // Without SQL_CALC_FOUND_ROWS, MySQL counts the rows it read up to the LIMIT's end, those
  // an OFFSET skipped too (all of them when the result ended first).
  auto literal = [](const sql::Expr* expr) -> std::optional<uint64_t> {
    if (expr == nullptr || expr->kind != sql::ExprKind::kLiteral || expr->literal_kind != sql::LiteralKind::kInteger) {
      return std::nullopt;
    }
    return std::strtoull(expr->text.c_str(), nullptr, 10);
  };
  std::optional<uint64_t> offset = select.unions.empty() ? literal(select.offset.get()) : std::nullopt;
  std::optional<uint64_t> limit = select.unions.empty() ? literal(select.limit.get()) : std::nullopt;
  bool count_all = select.sql_calc_found_rows && select.limit;
  if (!select.sql_calc_found_rows && offset && *offset > 0 && limit) {
    found_rows_ = rows + *offset;
    count_all = rows < *limit;
  }
  if (count_all) {
    Result<storage::Statement> count = PrepareTranslated("SELECT count(*) FROM (" +
                                                    [&]() {
                                                      std::string without = sql;
                                                      size_t cut = without.rfind(" LIMIT ");
                                                      if (cut != std::string::npos) without.resize(cut);
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

namespace {

// Whether an expression binds the same way every time a stored program runs it: not when it
// reads a user or system variable or a value the session fixes when binding (bound as
// constants), nor when it holds a subquery (which may).
bool BindsAlike(const sql::Expr& expr) {
  if (expr.kind == sql::ExprKind::kVariable || expr.kind == sql::ExprKind::kParameter ||
      expr.subquery) {
    return false;
  }
  if (expr.kind == sql::ExprKind::kFunction) {
    std::string name = ToUpperAscii(expr.text);
    if (name == "LAST_INSERT_ID" || name == "ROW_COUNT" || name == "FOUND_ROWS") return false;
  }
  for (const sql::ExprPtr& arg : expr.args) {
    if (arg && !BindsAlike(*arg)) return false;
  }
  for (const auto& term : expr.detail().function_order_by) {
    if (term.first && !BindsAlike(*term.first)) return false;
  }
  for (const sql::ExprPtr* part : {&expr.case_operand, &expr.else_expr, &expr.detail().against}) {
    if (*part && !BindsAlike(**part)) return false;
  }
  return true;
}

}  // namespace

Result<std::vector<Value>> Session::Evaluate(const std::vector<const sql::Expr*>& exprs,
                                             std::vector<ExprType>* types,
                                             const catalog::ColumnSchema* default_of) {
  std::vector<Value> values;
  if (exprs.empty()) return values;
  // A stored program's expressions are bound once per session and routine version: their
  // variables are read by place when the statement runs (pp_var).
  std::optional<EvaluationKey> key;
  if (default_of == nullptr && program_ != nullptr && program_->routine != nullptr &&
      routine_expressions_ &&
      std::all_of(exprs.begin(), exprs.end(), [](const sql::Expr* expr) { return BindsAlike(*expr); })) {
    key = EvaluationKey{program_->routine, exprs.front(), exprs.size(), catalog_->version(),
                        database_, variables_.sql_mode(), variables_.collation_connection(),
                        variables_.div_precision_increment()};
  }
  TranslatorContext context;
  std::string sql;
  std::vector<ExprType> result_types;
  auto cached = key ? evaluations_.find(*key) : evaluations_.end();
  if (cached != evaluations_.end()) {
    context = cached->second.context;
    sql = cached->second.sql;
    result_types = cached->second.types;
  } else {
    context = MakeTranslatorContext();
    if (default_of != nullptr) {
      context.may_read_table = [default_of](const std::string&, const std::string&) {
        return Status::Error(ER_DEFAULT_VAL_GENERATED_FUNCTION_IS_NOT_ALLOWED, default_of->name);
      };
    }
    size_t calls_before = stored_calls_.size();
    Translator translator(context);
    Scope scope;
    BoundQuery query;
    for (size_t i = 0; i < exprs.size(); ++i) {
      PORPOISE_ASSIGN_OR_RETURN(BoundExpr expr, translator.TranslateExpr(*exprs[i], scope, Clause::kFieldList));
      result_types.push_back(expr.type);
      if (expr.aggregate) return Status::Error(ER_INVALID_GROUP_FUNC_USE);
      query.select.items.push_back(std::move(expr));
      query.select.names.push_back("c" + std::to_string(i + 1));
    }
    sql = EmitQuery(query, context);
    if (default_of != nullptr && context.ReadCount() != 0) {
      return Status::Error(ER_DEFAULT_VAL_GENERATED_FUNCTION_IS_NOT_ALLOWED, default_of->name);
    }
    // Kept unless it registered per-statement state (sub-statements, stored-function calls).
    if (key && context.sub_statements.empty() && stored_calls_.size() == calls_before) {
      if (evaluations_.size() >= 4096) evaluations_.clear();
      evaluations_.emplace(*key, CachedEvaluation{context, sql, result_types});
    }
  }
  context.reads_checked.reset();
  PORPOISE_RETURN_IF_ERROR(CheckReads(context));
  PORPOISE_ASSIGN_OR_RETURN(storage::Statement statement,
                            PrepareTranslated(sql, context, /*reusable=*/key.has_value()));
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
