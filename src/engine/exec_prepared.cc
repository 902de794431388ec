// Prepared statements: COM_STMT_PREPARE / EXECUTE / CLOSE / RESET and SQL's PREPARE, EXECUTE
// and DEALLOCATE PREPARE; and COM_FIELD_LIST, which describes a table as a query would. A
// statement is parsed once and kept. A SELECT, UPDATE or DELETE is bound once too, each `?`
// read when it runs (pp_param), and the bound form kept while the values' types, the catalog
// and the session settings binding read stay the same; other statements are bound at each
// execution with their `?`s standing for the values given (literals of the values' types).
// (engine/)
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <utility>

#include "common/strings.h"
#include "engine/session.h"
#include "sql/printer.h"
#include "types/decimal.h"

namespace porpoise::engine {
namespace {

// A literal standing for a negative number: MySQL types -5 as the negation of 5.
sql::ExprPtr Signed(sql::LiteralKind kind, std::string_view digits) {
  if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) {
    sql::ExprPtr magnitude = sql::MakeLiteral(kind, std::string(digits.substr(1)));
    if (digits[0] == '+') return magnitude;
    return sql::MakeUnary(sql::Operator::kNegate, std::move(magnitude));
  }
  return sql::MakeLiteral(kind, std::string(digits));
}

sql::ExprPtr StringLiteral(std::string bytes, bool binary) {
  sql::ExprPtr literal = sql::MakeLiteral(sql::LiteralKind::kString, std::move(bytes));
  if (binary) literal->mutable_detail().charset_introducer = "binary";
  return literal;
}

bool AllZero(std::string_view temporal) {
  return temporal.find_first_not_of("0-:. ") == std::string_view::npos;
}

// Statements only a stored program's body holds, and those that manage prepared statements,
// cannot be prepared themselves.
bool Preparable(sql::StatementKind kind) {
  using Kind = sql::StatementKind;
  switch (kind) {
    case Kind::kPrepare: case Kind::kExecute: case Kind::kDeallocatePrepare: case Kind::kUse:
    case Kind::kCreateRoutine: case Kind::kCreateTrigger:
    case Kind::kBlock: case Kind::kDeclareVariable: case Kind::kDeclareCondition:
    case Kind::kDeclareCursor: case Kind::kDeclareHandler: case Kind::kIf:
    case Kind::kCaseStatement: case Kind::kLoop: case Kind::kLeave: case Kind::kIterate:
    case Kind::kReturn: case Kind::kOpenCursor: case Kind::kFetchCursor:
    case Kind::kCloseCursor:
    case Kind::kLoadData:  // LOAD DATA LOCAL would answer an execute with a file request
      return false;
    default:
      return true;
  }
}

}  // namespace

bool SameParameterType(const ExprType& a, const ExprType& b) {
  return a.type == b.type && a.is_unsigned == b.is_unsigned && a.length == b.length &&
         a.decimals == b.decimals && a.digits == b.digits && a.integer_field == b.integer_field &&
         a.own_field == b.own_field && a.datetime_text == b.datetime_text &&
         a.temporal_text == b.temporal_text &&
         a.not_null == b.not_null && a.collation == b.collation && a.coercibility == b.coercibility;
}

// A `?`'s value from the binary protocol as the literal it stands for.
static sql::ExprPtr ParameterLiteral(const ParameterValue& value, std::string text) {
  using Kind = ParameterValue::Kind;
  switch (value.kind) {
    case Kind::kNull:
      return sql::MakeLiteral(sql::LiteralKind::kNull, "");
    case Kind::kSigned:
      return Signed(sql::LiteralKind::kInteger, std::to_string(value.integer));
    case Kind::kUnsigned:
      return sql::MakeLiteral(sql::LiteralKind::kInteger,
                              std::to_string(static_cast<uint64_t>(value.integer)));
    case Kind::kDouble:
      if (!std::isfinite(value.real)) return sql::MakeLiteral(sql::LiteralKind::kNull, "");
      return Signed(sql::LiteralKind::kFloat, FormatDouble(value.real));
    case Kind::kDecimal: {
      types::Decimal decimal;
      std::string_view digits = value.text;
      while (!digits.empty() && digits.front() == ' ') digits.remove_prefix(1);
      while (!digits.empty() && digits.back() == ' ') digits.remove_suffix(1);
      std::string_view magnitude = digits;
      if (!magnitude.empty() && (magnitude[0] == '-' || magnitude[0] == '+')) magnitude.remove_prefix(1);
      size_t consumed = 0;
      if (types::Decimal::Parse(magnitude, &decimal, &consumed) == types::Decimal::Outcome::kOk &&
          consumed == magnitude.size() && !magnitude.empty()) {
        return Signed(sql::LiteralKind::kDecimal, digits);
      }
      return StringLiteral(std::move(text), false);
    }
    case Kind::kString:
      return StringLiteral(std::move(text), false);
    case Kind::kBinary:
      return StringLiteral(value.text, true);
    case Kind::kDate:
    case Kind::kTime:
    case Kind::kDateTime: {
      // A zero date is no DATE literal: it goes in as the string MySQL would also reject or
      // accept under sql_mode.
      if (value.kind != Kind::kTime && AllZero(value.text)) return StringLiteral(value.text, false);
      sql::LiteralKind kind = value.kind == Kind::kDate   ? sql::LiteralKind::kDate
                              : value.kind == Kind::kTime ? sql::LiteralKind::kTime
                                                          : sql::LiteralKind::kTimestamp;
      return sql::MakeLiteral(kind, value.text);
    }
  }
  return sql::MakeLiteral(sql::LiteralKind::kNull, "");
}

// EXECUTE ... USING @v: the variable's value as a literal of its kind.
static sql::ExprPtr VariableLiteral(const Value& value) {
  switch (value.kind) {
    case Value::Kind::kNull:
      return sql::MakeLiteral(sql::LiteralKind::kNull, "");
    case Value::Kind::kInteger:
      return Signed(sql::LiteralKind::kInteger, std::to_string(value.integer));
    case Value::Kind::kDouble:
      if (!std::isfinite(value.real)) return sql::MakeLiteral(sql::LiteralKind::kNull, "");
      return Signed(sql::LiteralKind::kFloat, FormatDouble(value.real));
    case Value::Kind::kText:
      return StringLiteral(value.bytes, false);
    case Value::Kind::kBlob:
      return StringLiteral(value.bytes, true);
  }
  return sql::MakeLiteral(sql::LiteralKind::kNull, "");
}

Result<Session::PreparedStatement> Session::PrepareText(std::string_view sql) {
  sql::ParserOptions options = ParserOptionsNow();
  PORPOISE_ASSIGN_OR_RETURN(sql::StatementPtr statement, sql::ParseOne(sql, options));
  if (!Preparable(statement->kind)) return Status::Error(ER_UNSUPPORTED_PS);
  PreparedStatement prepared;
  prepared.memory_limit = sql::StatementMemoryLimit(options, sql.size());
  statement_memory_limit_ = prepared.memory_limit;
  if (statement->kind == sql::StatementKind::kSelect &&
      static_cast<const sql::SelectStatement&>(*statement).into.empty()) {
    // The result's columns, and the errors MySQL gives at preparation (unknown tables and
    // columns, missing rights), from binding the query with NULL for every `?`.
    std::vector<sql::ExprPtr> saved = std::move(parameters_);
    parameters_.clear();
    for (uint32_t i = 0; i < statement->parameter_count; ++i) {
      parameters_.push_back(sql::MakeLiteral(sql::LiteralKind::kNull, ""));
    }
    size_t calls = stored_calls_.size();
    TranslatorContext context = MakeTranslatorContext();
    context.describing = true;
    Translator translator(context);
    Result<TranslatedSelect> translated =
        translator.TranslateSelect(static_cast<const sql::SelectStatement&>(*statement));
    Status checked = translated.ok() ? CheckReads(context) : translated.status();
    parameters_ = std::move(saved);
    stored_calls_.resize(calls);
    PORPOISE_RETURN_IF_ERROR(checked);
    prepared.columns = ResultColumns(translated->columns);
    prepared.parameter_types.assign(statement->parameter_count, FieldType::kVarString);
    for (uint32_t index : context.count_parameters) {
      if (index < statement->parameter_count) prepared.parameter_types[index] = FieldType::kLongLong;
    }
  }
  prepared.parameter_types.resize(statement->parameter_count, FieldType::kVarString);
  prepared.statement = std::move(statement);
  prepared.database = database_;
  return prepared;
}

Result<uint32_t> Session::KeepPrepared(PreparedStatement prepared) {
  Engine::StatementCounters& counters = engine_.statement_counters();
  uint64_t limit = 16382;
  Result<std::string> configured =
      variables_.Get("max_prepared_stmt_count", sql::VariableScope::kGlobal);
  if (configured.ok()) limit = std::strtoull(configured->c_str(), nullptr, 10);
  if (counters.prepared.fetch_add(1) + 1 > static_cast<int64_t>(limit)) {
    counters.prepared.fetch_sub(1);
    return Status::Error(ER_MAX_PREPARED_STMT_COUNT_REACHED, static_cast<int>(limit));
  }
  counters.prepare.fetch_add(1, std::memory_order_relaxed);
  uint32_t id = ++next_prepared_id_;
  prepared.id = id;
  if (!prepared.name.empty()) prepared_names_[prepared.name] = id;
  prepared_[id] = std::make_shared<const PreparedStatement>(std::move(prepared));
  return id;
}

void Session::DropPrepared(uint32_t id) {
  auto found = prepared_.find(id);
  if (found == prepared_.end()) return;
  if (!found->second->name.empty()) prepared_names_.erase(found->second->name);
  prepared_.erase(found);
  prepared_plans_.erase(id);
  engine_.statement_counters().prepared.fetch_sub(1);
  engine_.statement_counters().close.fetch_add(1, std::memory_order_relaxed);
}

Status Session::RunPrepared(const PreparedStatement& prepared,
                            std::vector<sql::ExprPtr> parameters, ResultSink& sink, bool more) {
  engine_.statement_counters().execute.fetch_add(1, std::memory_order_relaxed);
  std::vector<sql::ExprPtr> saved = std::move(parameters_);
  parameters_ = std::move(parameters);
  const PreparedStatement* outer = std::exchange(running_prepared_, &prepared);
  std::vector<Value> outer_values = std::move(host_->statement_parameters);
  host_->statement_parameters.clear();
  // It runs in the database it was prepared in, as MySQL runs it.
  std::string database = std::exchange(database_, prepared.database);
  uint64_t memory_limit = std::exchange(statement_memory_limit_, prepared.memory_limit);
  const sql::Statement& statement = *prepared.statement;
  bool select = statement.kind == sql::StatementKind::kSelect &&
                static_cast<const sql::SelectStatement&>(statement).into.empty();
  Status status = ExecuteClientStatement(statement, sink, more, [&]() -> Status {
    if (!select) return Execute(statement, sink, more);
    return ExecutePreparedSelect(prepared, sink, more);
  });
  parameters_ = std::move(saved);
  running_prepared_ = outer;
  host_->statement_parameters = std::move(outer_values);
  database_ = std::move(database);
  statement_memory_limit_ = memory_limit;
  return status;
}

Session::PlanKey Session::CurrentPlanKey() const {
  return PlanKey{catalog_->version(), database_, variables_.sql_mode(),
                 variables_.collation_connection(), variables_.time_zone(),
                 variables_.div_precision_increment(), variables_.generation(),
                 temporary_generation_};
}

bool Session::ParameterConstants(std::vector<Value>* values, std::vector<ExprType>* types) {
  // What the binary protocol sends are literals, which need no more of the session.
  const bool literals = std::all_of(parameters_.begin(), parameters_.end(), [](const auto& parameter) {
    return parameter->kind == sql::ExprKind::kLiteral;
  });
  TranslatorContext context = literals ? LiteralContext() : MakeTranslatorContext();
  Translator translator(context);
  for (const sql::ExprPtr& parameter : parameters_) {
    Result<BoundExpr> bound = translator.TranslateExpr(*parameter, Scope(), Clause::kFieldList);
    if (!bound.ok() || !bound->constant) return false;
    values->push_back(*bound->constant);
    types->push_back(bound->type);
  }
  return true;
}

Session::PreparedPlan* Session::KeptPlan(uint32_t id, const PlanKey& key,
                                         const std::vector<ExprType>& types, bool write) {
  auto plan = prepared_plans_.find(id);
  if (plan == prepared_plans_.end()) return nullptr;
  const PreparedPlan& kept = plan->second;
  if (kept.key == key && (kept.write != nullptr) == write &&
      std::equal(types.begin(), types.end(), kept.parameter_types.begin(),
                 kept.parameter_types.end(), SameParameterType)) {
    return &plan->second;
  }
  prepared_plans_.erase(plan);
  return nullptr;
}

bool Session::Keepable(const TranslatorContext& context, size_t calls_before) const {
  return context.binds_alike && context.sub_statements.empty() &&
         stored_calls_.size() == calls_before;
}

Status Session::ExecutePreparedSelect(const PreparedStatement& prepared, ResultSink& sink,
                                      bool more) {
  const auto& select = static_cast<const sql::SelectStatement&>(*prepared.statement);
  // This execution's values, as the literals they stand for bind.
  std::vector<Value> values;
  std::vector<ExprType> types;
  if (!ParameterConstants(&values, &types)) return ExecuteSelect(select, sink, more);
  PlanKey key = CurrentPlanKey();
  PreparedPlan* plan = KeptPlan(prepared.id, key, types, /*write=*/false);
  if (plan == nullptr) {
    PreparedPlan made;
    made.key = std::move(key);
    made.context = MakeTranslatorContext();
    std::vector<ExprType> slots(parameters_.size());
    made.context.parameter_types = &slots;
    size_t calls = stored_calls_.size();
    Translator translator(made.context);
    PORPOISE_ASSIGN_OR_RETURN(made.translated, translator.TranslateSelect(select));
    made.context.parameter_types = nullptr;
    if (!Keepable(made.context, calls)) {
      host_->statement_parameters = std::move(values);
      return RunSelect(select, made.translated, made.context, sink, more);
    }
    // A `?` that bound as a NULL literal (or not as a read) keeps its type as recorded.
    made.parameter_types = types;
    plan = &prepared_plans_.emplace(prepared.id, std::move(made)).first->second;
  }
  TranslatorContext context = plan->context;
  context.reads_checked.reset();
  host_->statement_parameters = std::move(values);
  return RunSelect(select, plan->translated, context, sink, more);
}

Result<std::shared_ptr<const Session::BoundWrite>> Session::WritePlan(
    const sql::Statement& statement, std::shared_ptr<const catalog::TableSchema> table,
    const std::string& alias, const std::function<Status(BoundWrite*)>& bind) {
  auto fresh = std::make_shared<BoundWrite>();
  fresh->alias = alias.empty() ? table->name : alias;
  fresh->table = std::move(table);
  shape_write_slots_ = nullptr;
  if (running_shape_ != nullptr && running_shape_->statement == &statement && program_ == nullptr) {
    return SharedWritePlan(std::move(fresh), bind);
  }
  std::vector<Value> values;
  std::vector<ExprType> types;
  // Only the prepared statement itself, not one its execution runs (a trigger's), is kept.
  bool prepared = running_prepared_ != nullptr && running_prepared_->statement.get() == &statement &&
                  ParameterConstants(&values, &types);
  if (!prepared) {
    fresh->context = MakeTranslatorContext();
    PORPOISE_RETURN_IF_ERROR(bind(fresh.get()));
    return std::shared_ptr<const BoundWrite>(std::move(fresh));
  }
  uint32_t id = running_prepared_->id;
  PlanKey key = CurrentPlanKey();
  if (PreparedPlan* plan = KeptPlan(id, key, types, /*write=*/true)) {
    host_->statement_parameters = std::move(values);
    return plan->write;
  }
  fresh->context = MakeTranslatorContext();
  std::vector<ExprType> slots(parameters_.size());
  fresh->context.parameter_types = &slots;
  size_t calls = stored_calls_.size();
  Status bound = bind(fresh.get());
  fresh->context.parameter_types = nullptr;
  PORPOISE_RETURN_IF_ERROR(bound);
  host_->statement_parameters = std::move(values);
  if (Keepable(fresh->context, calls)) {
    PreparedPlan made;
    made.key = std::move(key);
    made.parameter_types = std::move(types);
    made.write = fresh;
    prepared_plans_.emplace(id, std::move(made));
  }
  return std::shared_ptr<const BoundWrite>(std::move(fresh));
}

Result<std::shared_ptr<const Session::BoundWrite>> Session::SharedWritePlan(
    std::shared_ptr<BoundWrite> fresh, const std::function<Status(BoundWrite*)>& bind) {
  using Event = sql::CreateTriggerStatement::Event;
  std::vector<Value> values;
  std::vector<ExprType> types;
  const catalog::TableSchema& table = *fresh->table;
  if (HasTriggers(table, Event::kUpdate) || HasTriggers(table, Event::kDelete) ||
      !ShapeRunValues(&values, &types)) {
    fresh->context = MakeTranslatorContext();
    PORPOISE_RETURN_IF_ERROR(bind(fresh.get()));
    return std::shared_ptr<const BoundWrite>(std::move(fresh));
  }
  PlanKey key = CurrentPlanKey();
  ShapeWritePlan* kept = SameKindPlan(shape_write_plans_, key, types);
  bool same_kind = kept != nullptr;
  if (same_kind && kept->confirmed) {
    const ShapeWritePlan& plan = *kept;
    shape_write_slots_ = &plan.slots;
    shape_write_values_ = values;
#ifndef NDEBUG
    fresh->context = MakeTranslatorContext();
    std::map<const sql::Expr*, int32_t> literals;
    StartShapeBinding(&fresh->context, &literals);
    Status again = bind(fresh.get());
    fresh->context.shape_literals = nullptr;
    std::vector<Value> expected = plan.write->context.parameters;
    plan.slots.Apply(values, &expected);
    bool same = again.ok() && fresh->sql == plan.write->sql &&
                fresh->count_sql == plan.write->count_sql &&
                fresh->context.parameters.size() == expected.size();
    for (size_t i = 0; same && i < expected.size(); ++i) {
      same = SameValue(fresh->context.parameters[i], expected[i]);
    }
    if (!same) {
      std::fprintf(stderr, "kept write plan differs from a fresh binding: %s\n",
                   running_shape_->statement->source_text.c_str());
      std::abort();
    }
#endif
    return plan.write;
  }
  fresh->context = MakeTranslatorContext();
  std::map<const sql::Expr*, int32_t> literals;
  StartShapeBinding(&fresh->context, &literals);
  size_t calls = stored_calls_.size();
  Status bound = bind(fresh.get());
  fresh->context.shape_literals = nullptr;
  PORPOISE_RETURN_IF_ERROR(bound);
  if (ShapeBindingKeepable(fresh->context, calls)) {
    RecordShapeBinding(
        shape_write_plans_, same_kind,
        [&](const ShapeWritePlan& plan) {
          return plan.write->sql == fresh->sql && plan.write->count_sql == fresh->count_sql &&
                 SameBinding(plan.write->context, plan.slots, fresh->context);
        },
        [&] {
          ShapeWritePlan plan;
          plan.key = std::move(key);
          plan.types = std::move(types);
          plan.slots = SlotsOf(fresh->context);
          plan.write = fresh;
          return plan;
        });
  }
  return std::shared_ptr<const BoundWrite>(std::move(fresh));
}

Result<std::shared_ptr<const Session::BoundWrite>> Session::BoundForRows(
    std::shared_ptr<const BoundWrite> plan, bool reused,
    const std::function<Status(BoundWrite*)>& bind) {
  if (!reused) return plan;
  auto fresh = std::make_shared<BoundWrite>();
  fresh->alias = plan->alias;
  fresh->table = plan->table;
  fresh->context = MakeTranslatorContext();
  PORPOISE_RETURN_IF_ERROR(bind(fresh.get()));
  return std::shared_ptr<const BoundWrite>(std::move(fresh));
}

Result<TranslatorContext> Session::ExecutionContext(const BoundWrite& plan) {
  TranslatorContext context = plan.context;
  // (a kept shape plan's run: this run's values in its literals' parameters)
  if (shape_write_slots_ != nullptr) {
    shape_write_slots_->Apply(shape_write_values_, &context.parameters);
    shape_write_slots_ = nullptr;
  }
  context.reads_checked.reset();
  PORPOISE_RETURN_IF_ERROR(CheckReads(context));
  return context;
}

Result<Session::Prepared> Session::ComStmtPrepare(std::string_view sql) {
  Busy busy(*this);
  BeginStatement();
  ClearWarnings();
  if (must_change_password_) {
    AddError(Status::Error(ER_MUST_CHANGE_PASSWORD));
    return Status::Error(ER_MUST_CHANGE_PASSWORD);
  }
  std::string decoded;
  sql = DecodeClientText(sql, &decoded);
  Result<PreparedStatement> prepared = PrepareText(sql);
  Result<uint32_t> id = prepared.ok() ? KeepPrepared(std::move(prepared).value())
                                      : Result<uint32_t>(prepared.status());
  if (!id.ok()) {
    AddError(id.status());
    return id.status();
  }
  const PreparedStatement& kept = *prepared_[*id];
  Prepared result;
  result.id = *id;
  result.parameter_count = static_cast<uint16_t>(kept.statement->parameter_count);
  result.parameter_types = kept.parameter_types;
  result.columns = kept.columns;
  return result;
}

void Session::ComStmtExecute(uint32_t id, std::span<const ParameterValue> parameters,
                             ResultSink& sink) {
  Busy busy(*this);
  ++questions_;
  BeginStatement();
  auto found = prepared_.find(id);
  if (found == prepared_.end()) {
    Status status = Status::Error(ER_UNKNOWN_STMT_HANDLER, std::to_string(id), "mysqld_stmt_execute");
    ClearWarnings();
    AddError(status);
    sink.SendError(status);
    return;
  }
  std::shared_ptr<const PreparedStatement> prepared = found->second;
  std::vector<sql::ExprPtr> literals;
  for (const ParameterValue& value : parameters) {
    std::string buffer;
    std::string text(DecodeClientText(value.text, &buffer));
    literals.push_back(ParameterLiteral(value, std::move(text)));
  }
  (void)RunClientStatement(*prepared->statement, sink, false, [&]() -> Status {
    if (literals.size() != prepared->statement->parameter_count) {
      return Status::Error(ER_WRONG_ARGUMENTS, "mysqld_stmt_execute");
    }
    return RunPrepared(*prepared, std::move(literals), sink, false);
  });
}

void Session::SetQueryAttributes(std::vector<QueryAttribute> attributes) {
  using Kind = ParameterValue::Kind;
  std::vector<std::pair<std::string, std::optional<std::string>>>& kept = host_->query_attributes;
  kept.clear();
  for (QueryAttribute& attribute : attributes) {
    std::string buffer;
    std::string name(DecodeClientText(attribute.name, &buffer));
    const ParameterValue& value = attribute.value;
    std::optional<std::string> text;
    switch (value.kind) {
      case Kind::kNull:
        break;
      case Kind::kSigned:
        text = std::to_string(value.integer);
        break;
      case Kind::kUnsigned:
        text = std::to_string(static_cast<uint64_t>(value.integer));
        break;
      case Kind::kDouble:
        text = FormatDouble(value.real);
        break;
      case Kind::kString:
        text = std::string(DecodeClientText(value.text, &buffer));
        break;
      case Kind::kDecimal:
      case Kind::kBinary:
      case Kind::kDate:
      case Kind::kTime:
      case Kind::kDateTime:
        text = std::move(attribute.value.text);
        break;
    }
    kept.emplace_back(std::move(name), std::move(text));
  }
}

void Session::ComStmtClose(uint32_t id) {
  Busy busy(*this);
  DropPrepared(id);
}

void Session::ComStmtReset(uint32_t id) {
  Busy busy(*this);
  if (prepared_.count(id) != 0) {
    engine_.statement_counters().reset.fetch_add(1, std::memory_order_relaxed);
  }
}

Result<std::vector<ColumnInfo>> Session::ComFieldList(std::string_view table,
                                                      std::string_view wildcard) {
  Busy busy(*this);
  BeginStatement();
  ClearWarnings();
  std::string buffer;
  table = DecodeClientText(table, &buffer);
  Result<std::vector<ColumnInfo>> columns = [&]() -> Result<std::vector<ColumnInfo>> {
    if (database_.empty()) return Status::Error(ER_NO_DB_ERROR);
    PORPOISE_ASSIGN_OR_RETURN(
        sql::StatementPtr statement,
        sql::ParseOne("SELECT * FROM " + sql::QuoteIdentifier(table) + " LIMIT 0", ParserOptionsNow()));
    TranslatorContext context = MakeTranslatorContext();
    Translator translator(context);
    PORPOISE_ASSIGN_OR_RETURN(
        TranslatedSelect translated,
        translator.TranslateSelect(static_cast<const sql::SelectStatement&>(*statement)));
    PORPOISE_RETURN_IF_ERROR(CheckReads(context));
    std::vector<ColumnInfo> all = ResultColumns(translated.columns);
    std::vector<ColumnInfo> matching;
    for (ColumnInfo& column : all) {
      if (wildcard.empty() || MatchesLikePattern(column.name, wildcard)) {
        matching.push_back(std::move(column));
      }
    }
    return matching;
  }();
  if (!columns.ok()) AddError(columns.status());
  return columns;
}

Status Session::ExecutePrepare(const sql::PrepareStatement& statement) {
  std::string text;
  if (statement.source->kind == sql::ExprKind::kVariable) {
    auto found = user_variables_.find(ToLowerAscii(statement.source->text));
    if (found == user_variables_.end() || found->second.is_null()) {
      return Status::Error(ER_PARSE_ERROR, "NULL", 1);
    }
    const Value& value = found->second;
    text = value.kind == Value::Kind::kInteger  ? std::to_string(value.integer)
           : value.kind == Value::Kind::kDouble ? FormatDouble(value.real)
                                                : value.bytes;
  } else {
    text = statement.source->text;
  }
  // A name in use is freed first, even when the new text fails to prepare.
  std::string name = ToLowerAscii(statement.name);
  auto existing = prepared_names_.find(name);
  if (existing != prepared_names_.end()) DropPrepared(existing->second);
  PORPOISE_ASSIGN_OR_RETURN(PreparedStatement prepared, PrepareText(text));
  prepared.name = std::move(name);
  return KeepPrepared(std::move(prepared)).status();
}

Status Session::ExecuteExecute(const sql::ExecuteStatement& statement, ResultSink& sink,
                               bool more) {
  auto named = prepared_names_.find(ToLowerAscii(statement.name));
  if (named == prepared_names_.end()) {
    return Status::Error(ER_UNKNOWN_STMT_HANDLER, statement.name, "EXECUTE");
  }
  std::shared_ptr<const PreparedStatement> prepared = prepared_.at(named->second);
  if (statement.arguments.size() != prepared->statement->parameter_count) {
    return Status::Error(ER_WRONG_ARGUMENTS, "EXECUTE");
  }
  std::vector<sql::ExprPtr> literals;
  for (const sql::ExprPtr& argument : statement.arguments) {
    auto found = user_variables_.find(ToLowerAscii(argument->text));
    literals.push_back(VariableLiteral(found == user_variables_.end() ? Value::Null() : found->second));
  }
  return RunPrepared(*prepared, std::move(literals), sink, more);
}

Status Session::ExecuteDeallocatePrepare(const sql::DeallocatePrepareStatement& statement) {
  auto named = prepared_names_.find(ToLowerAscii(statement.name));
  if (named == prepared_names_.end()) {
    return Status::Error(ER_UNKNOWN_STMT_HANDLER, statement.name, "DEALLOCATE PREPARE");
  }
  DropPrepared(named->second);
  return Status::OK();
}

}  // namespace porpoise::engine
