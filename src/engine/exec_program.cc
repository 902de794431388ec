// Running stored programs: CALL, stored functions (pp_sf), triggers, and the interpreter of
// their bodies. Each SQL statement of a body runs through the same binder and executors as a
// client's, its variables read by place when it runs (pp_var, program.h); the body's own
// expressions (conditions, SET, DECLARE defaults, RETURN) are bound once and rerun. The
// interpreter carries the flow of control (blocks, IF, CASE, loops, LEAVE/ITERATE/RETURN),
// cursors, handlers and SIGNAL. (engine/)
#include <sqlite3.h>

#include <algorithm>

#include "common/strings.h"
#include "engine/ddl_util.h"
#include "engine/physical.h"
#include "engine/program.h"
#include "engine/session.h"

namespace porpoise::engine {

namespace {

using Flow = ProgramFrame::Flow;

// Deepest nesting of running programs (procedures calling procedures, triggers firing
// triggers); MySQL's is bounded by the thread stack.
constexpr size_t kMaxProgramDepth = 64;

// A result set from a procedure goes to the client, flagged as followed by more (CALL's own
// OK comes last); the OKs of its other statements are not sent, only remembered.
class ProcedureSink : public ResultSink {
 public:
  explicit ProcedureSink(ResultSink& client) : client_(client) {}
  void SendOk(const OkResult& result, bool) override { affected_ = result.affected_rows; }
  void SendError(const Status& status) override { client_.SendError(status); }
  void SendResultSetHeader(std::span<const ColumnInfo> columns) override {
    affected_ = 0;
    client_.SendResultSetHeader(columns);
  }
  bool SendRow(std::span<const FieldValue> values) override { return client_.SendRow(values); }
  void SendResultSetEnd(bool) override { client_.SendResultSetEnd(true); }
  uint64_t affected() const { return affected_; }

 private:
  ResultSink& client_;
  uint64_t affected_ = 0;
};

// Functions and triggers send nothing: their statements' OKs are dropped (a result set
// cannot reach here: CREATE refuses such bodies, 1415).
class SilentSink : public ResultSink {
 public:
  void SendOk(const OkResult&, bool) override {}
  void SendError(const Status&) override {}
  void SendResultSetHeader(std::span<const ColumnInfo>) override {}
  bool SendRow(std::span<const FieldValue>) override { return true; }
  void SendResultSetEnd(bool) override {}
};

// Whether a body may send result sets (a SELECT without INTO, a SHOW, a CALL), which a
// client without CLIENT_MULTI_RESULTS cannot take.
bool ReturnsResultSets(const sql::Statement& statement) {
  using Kind = sql::StatementKind;
  auto any = [](const std::vector<sql::StatementPtr>& statements) {
    for (const sql::StatementPtr& inner : statements) {
      if (ReturnsResultSets(*inner)) return true;
    }
    return false;
  };
  switch (statement.kind) {
    case Kind::kSelect: return static_cast<const sql::SelectStatement&>(statement).into.empty();
    case Kind::kShow:
    case Kind::kCall: return true;
    case Kind::kBlock: return any(static_cast<const sql::BlockStatement&>(statement).body);
    case Kind::kLoop: return any(static_cast<const sql::LoopStatement&>(statement).body);
    case Kind::kDeclareHandler: return ReturnsResultSets(*static_cast<const sql::DeclareHandlerStatement&>(statement).body);
    case Kind::kIf:
    case Kind::kCaseStatement: {
      const auto& branches = statement.kind == Kind::kIf
                                 ? static_cast<const sql::IfStatement&>(statement).branches
                                 : static_cast<const sql::CaseStatement&>(statement).branches;
      for (const sql::ConditionalBranch& branch : branches) {
        if (any(branch.body)) return true;
      }
      return false;
    }
    default: return false;
  }
}

bool IsCompound(sql::StatementKind kind) {
  using Kind = sql::StatementKind;
  return kind == Kind::kBlock || kind == Kind::kIf || kind == Kind::kCaseStatement ||
         kind == Kind::kLoop;
}

// The program's own instructions run without clearing the diagnostics area (only its SQL
// statements clear it): flow control, declarations, GET DIAGNOSTICS, RETURN, cursor moves,
// and a SET of the program's variables.
bool KeepsDiagnostics(const sql::Statement& statement, const ProgramFrame& frame) {
  using Kind = sql::StatementKind;
  Kind kind = statement.kind;
  if (kind == Kind::kSet) {
    for (const sql::SetAssignment& assignment : static_cast<const sql::SetStatement&>(statement).assignments) {
      bool local = assignment.kind == sql::SetAssignment::Kind::kVariable &&
                   assignment.scope == sql::VariableScope::kDefault &&
                   (frame.FindSlot(assignment.name) ||
                    (frame.trigger_table != nullptr && assignment.name.find('.') != std::string::npos));
      if (!local) return false;
    }
    return true;
  }
  return IsCompound(kind) || kind == Kind::kGetDiagnostics || kind == Kind::kDeclareVariable ||
         kind == Kind::kDeclareCondition || kind == Kind::kDeclareCursor ||
         kind == Kind::kDeclareHandler || kind == Kind::kLeave || kind == Kind::kIterate ||
         kind == Kind::kResignal || kind == Kind::kReturn || kind == Kind::kOpenCursor ||
         kind == Kind::kFetchCursor || kind == Kind::kCloseCursor;
}

bool IsWarningState(std::string_view state) { return state.starts_with("01"); }
bool IsNotFoundState(std::string_view state) { return state.starts_with("02"); }
bool IsExceptionState(std::string_view state) {
  return !state.starts_with("00") && !IsWarningState(state) && !IsNotFoundState(state);
}

// How specifically `value` names `condition`: 3 an error number, 2 a SQLSTATE, 1 a class
// (SQLWARNING, NOT FOUND, SQLEXCEPTION), 0 not at all.
int MatchStrength(const sql::ConditionValue& value, const Status& condition,
                  const ProgramFrame& frame) {
  std::string_view state = condition.sqlstate();
  switch (value.kind) {
    case sql::ConditionValue::Kind::kErrorCode:
      return condition.code() == value.code ? 3 : 0;
    case sql::ConditionValue::Kind::kSqlstate:
      return state == value.value ? 2 : 0;
    case sql::ConditionValue::Kind::kName: {
      const sql::ConditionValue* declared = frame.FindCondition(value.value);
      return declared == nullptr ? 0 : MatchStrength(*declared, condition, frame);
    }
    case sql::ConditionValue::Kind::kSqlWarning:
      return IsWarningState(state) ? 1 : 0;
    case sql::ConditionValue::Kind::kNotFound:
      return IsNotFoundState(state) ? 1 : 0;
    case sql::ConditionValue::Kind::kSqlException:
      return IsExceptionState(state) ? 1 : 0;
  }
  return 0;
}

// Errors no handler catches: the statement was killed, or the server is going away.
bool Uncatchable(const Status& status) {
  return status.code() == ER_QUERY_INTERRUPTED || status.code() == ER_SERVER_SHUTDOWN ||
         status.code() == ER_STACK_OVERRUN_NEED_MORE;
}

// MySQL's truth of a value: NULL and zero are false; strings read as numbers.
bool Truth(const Value& value, const ExprType& type) {
  switch (value.kind) {
    case Value::Kind::kNull: return false;
    case Value::Kind::kInteger: return value.integer != 0;
    case Value::Kind::kDouble: return value.real != 0;
    default: {
      std::string text;
      if (!ToText(value, type, &text)) text = value.bytes;
      size_t consumed = 0;
      return ParseNumberPrefix(text, &consumed) != 0;
    }
  }
}

}  // namespace

ProgramVariable* ProgramFrame::FindVariable(std::string_view name) {
  for (auto block = blocks.rbegin(); block != blocks.rend(); ++block) {
    for (auto variable = block->variables.rbegin(); variable != block->variables.rend(); ++variable) {
      if (EqualsIgnoreCase(variable->name, name)) return &*variable;
    }
  }
  return nullptr;
}

std::optional<std::pair<size_t, size_t>> ProgramFrame::FindSlot(std::string_view name) const {
  for (size_t block = blocks.size(); block-- > 0;) {
    const std::deque<ProgramVariable>& variables = blocks[block].variables;
    for (size_t index = variables.size(); index-- > 0;) {
      if (EqualsIgnoreCase(variables[index].name, name)) return std::make_pair(block, index);
    }
  }
  return std::nullopt;
}

Value ProgramFrame::SlotValue(int64_t block, int64_t index) const {
  if (block < 0) {
    const std::vector<Value>* row = block == -1 ? new_row : old_row;
    if (row == nullptr || index < 0 || static_cast<size_t>(index) >= row->size()) return Value::Null();
    return (*row)[static_cast<size_t>(index)];
  }
  if (static_cast<size_t>(block) >= blocks.size()) return Value::Null();
  const std::deque<ProgramVariable>& variables = blocks[static_cast<size_t>(block)].variables;
  if (index < 0 || static_cast<size_t>(index) >= variables.size()) return Value::Null();
  return variables[static_cast<size_t>(index)].value;
}

ProgramCursor* ProgramFrame::FindCursor(std::string_view name) {
  for (auto block = blocks.rbegin(); block != blocks.rend(); ++block) {
    for (ProgramCursor& cursor : block->cursors) {
      if (EqualsIgnoreCase(cursor.declaration->name, name)) return &cursor;
    }
  }
  return nullptr;
}

const sql::ConditionValue* ProgramFrame::FindCondition(std::string_view name) const {
  for (auto block = blocks.rbegin(); block != blocks.rend(); ++block) {
    for (const auto& [declared, value] : block->conditions) {
      if (EqualsIgnoreCase(declared, name)) return &value;
    }
  }
  return nullptr;
}

Result<catalog::ColumnSchema> VariableColumn(std::string name, const sql::DataType& type) {
  sql::CreateTableStatement create;
  create.table.database = "db";
  create.table.table = "t";
  sql::ColumnDef column;
  column.name = std::move(name);
  column.type = type;
  column.nullable = true;
  create.columns.push_back(std::move(column));
  PORPOISE_ASSIGN_OR_RETURN(catalog::TableSchema table, catalog::BuildTableSchema(create));
  return table.columns[0];
}

// ---- values -----------------------------------------------------------------------------

Status Session::AssignVariable(ProgramVariable& variable, const Value& value, const ExprType& type) {
  CoerceContext context;
  context.strict = StrictMode();
  context.warnings = diagnostics_.collector();
  PORPOISE_ASSIGN_OR_RETURN(variable.value,
                            CoerceToColumn(variable.column, ForColumn(value, type, variable.column), context));
  diagnostics_.Enforce(variables_.max_error_count());
  return Status::OK();
}

Status Session::AssignTarget(const sql::VariableTarget& target, const Value& value,
                             const ExprType& type) {
  if (target.user) {
    Value stored = value;
    std::string text;
    bool textual = type.type == ValueType::kDecimal ||
                   (type.type == ValueType::kInteger && type.is_unsigned && value.kind == Value::Kind::kBlob);
    if (textual && ToText(value, type, &text)) stored = Value::Text(text);
    user_variables_[ToLowerAscii(target.name)] = std::move(stored);
    return Status::OK();
  }
  ProgramVariable* variable = program_ == nullptr ? nullptr : program_->FindVariable(target.name);
  if (variable == nullptr) return Status::Error(ER_SP_UNDECLARED_VAR, target.name);
  return AssignVariable(*variable, value, type);
}

Result<std::vector<Value>> Session::EvaluateOwned(const std::vector<const sql::Expr*>& exprs,
                                                  std::vector<ExprType>* types) {
  routine_expressions_ = true;
  Result<std::vector<Value>> values = Evaluate(exprs, types);
  routine_expressions_ = false;
  return values;
}

Result<bool> Session::EvaluateCondition(const sql::Expr& condition, bool owned) {
  std::vector<ExprType> types;
  PORPOISE_ASSIGN_OR_RETURN(std::vector<Value> values,
                            owned ? EvaluateOwned({&condition}, &types) : Evaluate({&condition}, &types));
  return Truth(values[0], types[0]);
}

// SET NEW.col = value in a trigger (1362 where the row may not change).
Result<bool> Session::SetTriggerColumn(std::string_view name, const sql::Expr& value) {
  if (program_ == nullptr || program_->trigger_table == nullptr) return false;
  size_t dot = name.find('.');
  if (dot == std::string_view::npos) return false;
  std::string_view row = name.substr(0, dot);
  bool is_new = EqualsIgnoreCase(row, "NEW");
  if (!is_new && !EqualsIgnoreCase(row, "OLD")) return false;
  if (!is_new) return Status::Error(ER_TRG_CANT_CHANGE_ROW, "OLD", "");
  if (program_->new_row == nullptr) {
    return Status::Error(ER_TRG_NO_SUCH_ROW_IN_TRG, "NEW", "on " + std::string(program_->event));
  }
  if (!program_->before) return Status::Error(ER_TRG_CANT_CHANGE_ROW, "NEW", "after ");
  std::string column_name(name.substr(dot + 1));
  int index = program_->trigger_table->FindColumn(column_name);
  if (index < 0) return Status::Error(ER_BAD_FIELD_ERROR, column_name, "NEW");
  const catalog::ColumnSchema& column = program_->trigger_table->columns[static_cast<size_t>(index)];
  std::vector<ExprType> types;
  PORPOISE_ASSIGN_OR_RETURN(std::vector<Value> values, EvaluateOwned({&value}, &types));
  CoerceContext context;
  context.strict = StrictMode();
  context.warnings = diagnostics_.collector();
  context.time_zone = host_->time_zone.get();
  PORPOISE_ASSIGN_OR_RETURN(Value stored, CoerceToColumn(column, ForColumn(values[0], types[0], column), context));
  (*program_->new_row)[static_cast<size_t>(index)] = std::move(stored);
  return true;
}

// ---- the interpreter --------------------------------------------------------------------

Status Session::RunProgram(ProgramFrame& frame, const sql::Statement& body, ResultSink& sink) {
  if (program_depth_ >= kMaxProgramDepth) {
    return Status::WithMessage(ER_STACK_OVERRUN_NEED_MORE,
                               "Thread stack overrun: stored programs nested too deeply");
  }
  ProgramFrame* caller = program_;
  program_ = &frame;
  ++program_depth_;
  // The statement that fired a trigger or called a function keeps its column conversions
  // (mysql_store) for its next rows; the program's own statements set theirs.
  std::vector<const catalog::ColumnSchema*> store_columns = host_->store_columns;
  CoerceContext store_context = host_->store_context;
  std::vector<Status> store_warnings = std::move(host_->store_warnings);
  Status store_error = host_->store_error;
  // A condition the body itself raises (outside any BEGIN ... END) has no handler to meet.
  Status status = RunProgramStatement(body, frame, sink);
  host_->store_columns = std::move(store_columns);
  host_->store_context = store_context;
  host_->store_warnings = std::move(store_warnings);
  host_->store_error = store_error;
  --program_depth_;
  program_ = caller;
  if (frame.flow == Flow::kExit || frame.flow == Flow::kLeave || frame.flow == Flow::kIterate) {
    frame.flow = Flow::kNormal;
  }
  return status;
}

Status Session::RunStatements(const std::vector<sql::StatementPtr>& statements, ProgramFrame& frame,
                              ResultSink& sink) {
  for (const sql::StatementPtr& statement : statements) {
    if (host_->interrupted.load()) return Status::Error(ER_QUERY_INTERRUPTED);
    if (frame.clears_diagnostics && !KeepsDiagnostics(*statement, frame)) ClearWarnings();
    size_t before = diagnostics_.conditions().size();
    frame.offered = false;
    Status status = RunProgramStatement(*statement, frame, sink);
    if (!status.ok()) {
      if (Uncatchable(status) || frame.offered) return status;
      PORPOISE_ASSIGN_OR_RETURN(bool handled, HandleCondition(frame, {status}, sink));
      if (!handled) {
        frame.offered = true;
        return status;
      }
      if (frame.flow != Flow::kNormal) return Status::OK();
      continue;
    }
    if (frame.flow != Flow::kNormal) return Status::OK();
    if (IsCompound(statement->kind)) continue;
    // Warnings and "no data" the statement raised meet the handlers too.
    const std::vector<Status>& conditions = diagnostics_.conditions();
    if (conditions.size() > before) {
      std::vector<Status> raised(conditions.begin() + static_cast<std::ptrdiff_t>(before), conditions.end());
      PORPOISE_ASSIGN_OR_RETURN(bool handled, HandleCondition(frame, std::move(raised), sink));
      if (handled && frame.flow != Flow::kNormal) return Status::OK();
    }
  }
  return Status::OK();
}

Result<bool> Session::HandleCondition(ProgramFrame& frame, std::vector<Status> conditions,
                                      ResultSink& sink) {
  // The innermost block with a handler for the condition wins; within a block, the most
  // specific handler (an error number, then a SQLSTATE, then a class).
  const sql::DeclareHandlerStatement* chosen = nullptr;
  size_t chosen_block = 0;
  const Status* condition = nullptr;
  for (size_t depth = frame.blocks.size(); depth-- > 0 && chosen == nullptr;) {
    if (depth >= frame.handler_floor && depth < frame.handler_ceiling) continue;
    int best = 0;
    for (const sql::DeclareHandlerStatement* handler : frame.blocks[depth].handlers) {
      for (const sql::ConditionValue& value : handler->conditions) {
        for (const Status& raised : conditions) {
          int strength = MatchStrength(value, raised, frame);
          if (strength > best) {
            best = strength;
            chosen = handler;
            chosen_block = depth;
            condition = &raised;
          }
        }
      }
    }
  }
  if (chosen == nullptr) return false;
  // The handler runs with the condition it caught as the diagnostics area (and as the
  // stacked one); handlers of its own block do not catch what it raises.
  Status caught = *condition;
  host_->error = Status::OK();
  ClearWarnings();
  if (IsExceptionState(caught.sqlstate())) {
    AddError(caught);
  } else {
    AddWarning(caught);
  }
  frame.handled.push_back({caught});
  size_t saved_floor = frame.handler_floor, saved_ceiling = frame.handler_ceiling;
  frame.handler_floor = chosen_block;
  frame.handler_ceiling = frame.blocks.size();
  Status status = RunProgramStatement(*chosen->body, frame, sink);
  frame.handler_floor = saved_floor;
  frame.handler_ceiling = saved_ceiling;
  frame.handled.pop_back();
  if (!status.ok()) return status;
  if (frame.flow == Flow::kReturn) return true;
  if (frame.flow != Flow::kNormal && frame.flow != Flow::kExit) return true;
  if (chosen->action == sql::DeclareHandlerStatement::Action::kExit) {
    frame.flow = Flow::kExit;
    frame.exit_depth = chosen_block;
  }
  return true;
}

Status Session::RunBlock(const sql::BlockStatement& block, ProgramFrame& frame, ResultSink& sink) {
  frame.blocks.emplace_back();
  size_t depth = frame.blocks.size() - 1;
  Status status = RunStatements(block.body, frame, sink);
  frame.blocks.pop_back();
  if (!status.ok()) return status;
  if (frame.flow == Flow::kExit && frame.exit_depth == depth) frame.flow = Flow::kNormal;
  if (frame.flow == Flow::kLeave && !block.label.empty() &&
      EqualsIgnoreCase(frame.target_label, block.label)) {
    frame.flow = Flow::kNormal;
  }
  return Status::OK();
}

Status Session::RunLoop(const sql::LoopStatement& loop, ProgramFrame& frame, ResultSink& sink) {
  while (true) {
    if (host_->interrupted.load()) return Status::Error(ER_QUERY_INTERRUPTED);
    if (loop.form == sql::LoopStatement::Form::kWhile) {
      PORPOISE_ASSIGN_OR_RETURN(bool go_on, EvaluateCondition(*loop.condition));
      if (!go_on) return Status::OK();
    }
    PORPOISE_RETURN_IF_ERROR(RunStatements(loop.body, frame, sink));
    bool mine = !loop.label.empty() && EqualsIgnoreCase(frame.target_label, loop.label);
    if (frame.flow == Flow::kLeave && mine) {
      frame.flow = Flow::kNormal;
      return Status::OK();
    }
    if (frame.flow == Flow::kIterate && mine) {
      frame.flow = Flow::kNormal;
      continue;
    }
    if (frame.flow != Flow::kNormal) return Status::OK();
    if (loop.form == sql::LoopStatement::Form::kRepeat) {
      PORPOISE_ASSIGN_OR_RETURN(bool done, EvaluateCondition(*loop.condition));
      if (done) return Status::OK();
    }
  }
}

Status Session::RunProgramStatement(const sql::Statement& statement, ProgramFrame& frame,
                                    ResultSink& sink) {
  using Kind = sql::StatementKind;
  switch (statement.kind) {
    case Kind::kBlock:
      return RunBlock(static_cast<const sql::BlockStatement&>(statement), frame, sink);
    case Kind::kDeclareVariable: {
      const auto& declare = static_cast<const sql::DeclareVariableStatement&>(statement);
      Value value;
      ExprType type = TypeOf(ValueType::kNull, 0);
      if (declare.default_value) {
        std::vector<ExprType> types;
        PORPOISE_ASSIGN_OR_RETURN(std::vector<Value> values,
                                  EvaluateOwned({declare.default_value.get()}, &types));
        value = std::move(values[0]);
        type = types[0];
      }
      for (const std::string& name : declare.names) {
        ProgramVariable variable;
        variable.name = name;
        PORPOISE_ASSIGN_OR_RETURN(variable.column, VariableColumn(name, declare.type));
        PORPOISE_RETURN_IF_ERROR(AssignVariable(variable, value, type));
        frame.blocks.back().variables.push_back(std::move(variable));
      }
      return Status::OK();
    }
    case Kind::kDeclareCondition: {
      const auto& declare = static_cast<const sql::DeclareConditionStatement&>(statement);
      frame.blocks.back().conditions.emplace_back(declare.name, declare.condition);
      return Status::OK();
    }
    case Kind::kDeclareCursor: {
      ProgramCursor cursor;
      cursor.declaration = &static_cast<const sql::DeclareCursorStatement&>(statement);
      frame.blocks.back().cursors.push_back(std::move(cursor));
      return Status::OK();
    }
    case Kind::kDeclareHandler:
      frame.blocks.back().handlers.push_back(&static_cast<const sql::DeclareHandlerStatement&>(statement));
      return Status::OK();
    case Kind::kIf: {
      for (const sql::ConditionalBranch& branch : static_cast<const sql::IfStatement&>(statement).branches) {
        bool taken = true;
        if (branch.condition) {
          PORPOISE_ASSIGN_OR_RETURN(taken, EvaluateCondition(*branch.condition));
        }
        if (taken) return RunStatements(branch.body, frame, sink);
      }
      return Status::OK();
    }
    case Kind::kCaseStatement: {
      const auto& case_statement = static_cast<const sql::CaseStatement&>(statement);
      for (const sql::ConditionalBranch& branch : case_statement.branches) {
        bool taken = true;
        if (branch.condition && case_statement.subject) {
          sql::Expr equal;
          equal.kind = sql::ExprKind::kBinary;
          equal.op = sql::Operator::kEq;
          PORPOISE_ASSIGN_OR_RETURN(sql::ExprPtr subject, CloneExpr(*case_statement.subject));
          PORPOISE_ASSIGN_OR_RETURN(sql::ExprPtr value, CloneExpr(*branch.condition));
          equal.args.push_back(std::move(subject));
          equal.args.push_back(std::move(value));
          // Made here each time: not an expression of the routine to keep bound.
          PORPOISE_ASSIGN_OR_RETURN(taken, EvaluateCondition(equal, /*owned=*/false));
        } else if (branch.condition) {
          PORPOISE_ASSIGN_OR_RETURN(taken, EvaluateCondition(*branch.condition));
        }
        if (taken) return RunStatements(branch.body, frame, sink);
      }
      return Status::Error(ER_SP_CASE_NOT_FOUND);
    }
    case Kind::kLoop:
      return RunLoop(static_cast<const sql::LoopStatement&>(statement), frame, sink);
    case Kind::kLeave:
    case Kind::kIterate:
      frame.flow = statement.kind == Kind::kLeave ? Flow::kLeave : Flow::kIterate;
      frame.target_label = static_cast<const sql::LabelStatement&>(statement).label;
      return Status::OK();
    case Kind::kReturn: {
      if (frame.kind_name != "FUNCTION") return Status::Error(ER_SP_BADRETURN);
      std::vector<ExprType> types;
      PORPOISE_ASSIGN_OR_RETURN(
          std::vector<Value> values,
          EvaluateOwned({static_cast<const sql::ReturnStatement&>(statement).value.get()}, &types));
      ProgramVariable result;
      result.name = frame.return_column.name;
      result.column = frame.return_column;
      PORPOISE_RETURN_IF_ERROR(AssignVariable(result, values[0], types[0]));
      frame.return_value = std::move(result.value);
      frame.flow = Flow::kReturn;
      return Status::OK();
    }
    case Kind::kOpenCursor:
    case Kind::kFetchCursor:
    case Kind::kCloseCursor:
      return RunCursorStatement(static_cast<const sql::CursorStatement&>(statement), frame);
    case Kind::kSignal:
    case Kind::kResignal:
      return RunSignal(static_cast<const sql::SignalStatement&>(statement), frame);
    case Kind::kGetDiagnostics:
      return RunGetDiagnostics(static_cast<const sql::GetDiagnosticsStatement&>(statement), frame);
    default:
      break;
  }
  // Any other statement runs as a client's would (bound now, with the variables' values);
  // CREATE refused the ones a body may not hold.
  Status status = Execute(statement, sink, true);
  DrainRuntimeWarnings();
  return status;
}

Status Session::RunCursorStatement(const sql::CursorStatement& statement, ProgramFrame& frame) {
  ProgramCursor* cursor = frame.FindCursor(statement.cursor);
  if (cursor == nullptr) return Status::Error(ER_SP_CURSOR_MISMATCH, statement.cursor);
  switch (statement.kind) {
    case sql::StatementKind::kOpenCursor: {
      if (cursor->open) return Status::Error(ER_SP_CURSOR_ALREADY_OPEN);
      PORPOISE_ASSIGN_OR_RETURN(cursor->rows, QueryRows(*cursor->declaration->select, &cursor->types));
      cursor->next = 0;
      cursor->open = true;
      return Status::OK();
    }
    case sql::StatementKind::kCloseCursor:
      if (!cursor->open) return Status::Error(ER_SP_CURSOR_NOT_OPEN);
      cursor->open = false;
      cursor->rows.clear();
      return Status::OK();
    default:
      break;
  }
  if (!cursor->open) return Status::Error(ER_SP_CURSOR_NOT_OPEN);
  if (cursor->types.size() != statement.into.size()) return Status::Error(ER_SP_WRONG_NO_OF_FETCH_ARGS);
  if (cursor->next >= cursor->rows.size()) return Status::Error(ER_SP_FETCH_NO_DATA);
  const std::vector<Value>& row = cursor->rows[cursor->next++];
  for (size_t i = 0; i < statement.into.size(); ++i) {
    PORPOISE_RETURN_IF_ERROR(AssignTarget(statement.into[i], row[i], cursor->types[i]));
  }
  return Status::OK();
}

Status Session::RunSignal(const sql::SignalStatement& statement, ProgramFrame& frame) {
  std::optional<Status> base;
  if (statement.kind == sql::StatementKind::kResignal) {
    if (frame.handled.empty()) return Status::Error(ER_RESIGNAL_WITHOUT_ACTIVE_HANDLER);
    base = frame.handled.back().front();
  }
  std::string state;
  if (statement.condition) {
    const sql::ConditionValue* value = &*statement.condition;
    if (value->kind == sql::ConditionValue::Kind::kName) {
      value = frame.FindCondition(statement.condition->value);
      if (value == nullptr) return Status::Error(ER_SP_COND_MISMATCH, statement.condition->value);
    }
    if (value->kind == sql::ConditionValue::Kind::kErrorCode) {
      return Status::WithMessage(ER_UNKNOWN_ERROR,
                                 "SIGNAL/RESIGNAL can only use a CONDITION defined with SQLSTATE");
    }
    state = value->value;
  } else if (base) {
    state = std::string(base->sqlstate());
  }
  uint32_t code;
  std::string message;
  if (base && !statement.condition) {
    code = base->code();
    message = base->message();
  } else if (IsWarningState(state)) {
    code = ER_SIGNAL_WARN;
  } else if (IsNotFoundState(state)) {
    code = ER_SIGNAL_NOT_FOUND;
  } else {
    code = ER_SIGNAL_EXCEPTION;
  }
  if (message.empty()) message = Status::Error(static_cast<ErrorCode>(code)).message();
  for (const auto& [item, expr] : statement.items) {
    std::vector<ExprType> types;
    PORPOISE_ASSIGN_OR_RETURN(std::vector<Value> values, Evaluate({expr.get()}, &types));
    std::string text;
    if (!ToText(values[0], types[0], &text)) text = values[0].ToText();
    if (item == "MESSAGE_TEXT") {
      if (values[0].is_null()) return Status::Error(ER_WRONG_VALUE_FOR_VAR, "MESSAGE_TEXT", "NULL");
      message = text;
    } else if (item == "MYSQL_ERRNO") {
      long number = std::strtol(text.c_str(), nullptr, 10);
      if (values[0].is_null() || number <= 0 || number > 65535) {
        return Status::Error(ER_WRONG_VALUE_FOR_VAR, "MYSQL_ERRNO", values[0].is_null() ? "NULL" : text);
      }
      code = static_cast<uint32_t>(number);
    }
  }
  Status raised = Status::Condition(static_cast<uint16_t>(code), state, std::move(message));
  if (IsExceptionState(state)) return raised;
  // A warning or "no data" is raised and the program goes on, unless a handler takes it.
  AddWarning(std::move(raised));
  return Status::OK();
}

Status Session::RunGetDiagnostics(const sql::GetDiagnosticsStatement& statement, ProgramFrame& frame) {
  std::vector<Status> area;
  if (statement.stacked) {
    if (frame.handled.empty()) {
      return Status::WithMessage(ER_UNKNOWN_ERROR, "GET STACKED DIAGNOSTICS when handler not active");
    }
    area = frame.handled.back();
  } else {
    area = diagnostics_.conditions();
  }
  ExprType integer = TypeOf(ValueType::kInteger, 21);
  ExprType text = TypeOf(ValueType::kString, 512);
  if (!statement.condition_number) {
    for (const auto& [target, item] : statement.items) {
      Value value = item == "NUMBER" ? Value::Integer(static_cast<int64_t>(area.size()))
                                     : Value::Integer(row_count_);
      PORPOISE_RETURN_IF_ERROR(AssignTarget(target, value, integer));
    }
    return Status::OK();
  }
  std::vector<ExprType> types;
  PORPOISE_ASSIGN_OR_RETURN(std::vector<Value> number, Evaluate({statement.condition_number.get()}, &types));
  std::string number_text;
  if (!ToText(number[0], types[0], &number_text)) number_text = number[0].ToText();
  long index = std::strtol(number_text.c_str(), nullptr, 10);
  if (number[0].is_null() || index < 1 || static_cast<size_t>(index) > area.size()) {
    return Status::Error(ER_DA_INVALID_CONDITION_NUMBER);
  }
  const Status& condition = area[static_cast<size_t>(index - 1)];
  std::string_view state = condition.sqlstate();
  // Standard SQLSTATE classes come from ISO 9075, the rest are MySQL's.
  bool standard = state.size() == 5 && ((state[0] >= '0' && state[0] <= '4') ||
                                        (state[0] >= 'A' && state[0] <= 'H')) &&
                  ((state[1] >= '0' && state[1] <= '9') || (state[1] >= 'A' && state[1] <= 'Z'));
  for (const auto& [target, item] : statement.items) {
    if (item == "MYSQL_ERRNO") {
      PORPOISE_RETURN_IF_ERROR(AssignTarget(target, Value::Integer(condition.code()), integer));
      continue;
    }
    std::string value;
    if (item == "RETURNED_SQLSTATE") {
      value = std::string(state);
    } else if (item == "MESSAGE_TEXT") {
      value = condition.message();
    } else if (item == "CLASS_ORIGIN" || item == "SUBCLASS_ORIGIN") {
      value = standard ? "ISO 9075" : "MySQL";
    }
    PORPOISE_RETURN_IF_ERROR(AssignTarget(target, Value::Text(value), text));
  }
  return Status::OK();
}

// ---- running the rights of the definer ---------------------------------------------------

Status Session::AsDefiner(const catalog::RoutineSchema& routine, bool definer_rights,
                          const std::function<Status()>& run) {
  // A stored program runs under the sql_mode it was created with, as in MySQL.
  std::string caller_mode = variables_.sql_mode();
  if (routine.sql_mode != caller_mode) {
    std::vector<Status> ignored;
    PORPOISE_RETURN_IF_ERROR(variables_.Set("sql_mode", sql::VariableScope::kSession, routine.sql_mode, &ignored));
    Status status = AsDefinerIn(routine, definer_rights, run);
    Status restored = variables_.Set("sql_mode", sql::VariableScope::kSession, caller_mode, &ignored);
    return status.ok() ? restored : status;
  }
  return AsDefinerIn(routine, definer_rights, run);
}

Status Session::AsDefinerIn(const catalog::RoutineSchema& routine, bool definer_rights,
                            const std::function<Status()>& run) {
  const Principal& current = checker_.principal();
  if (!definer_rights || bootstrap_ ||
      (current.account_user == routine.definer_user && current.account_host == routine.definer_host)) {
    return run();
  }
  Principal definer;
  definer.user = routine.definer_user;
  definer.client_host = routine.definer_host;
  definer.account_user = routine.definer_user;
  definer.account_host = routine.definer_host;
  AccessChecker as_definer(engine_.accounts(), definer);
  as_definer.Refresh();
  if (as_definer.account() == nullptr) {
    return Status::Error(ER_NO_SUCH_USER, routine.definer_user, routine.definer_host);
  }
  // The definer's default roles are active, as MySQL activates them in definer context.
  as_definer.SetMandatoryRoles(checker_.mandatory_roles());
  as_definer.ActivateDefaultRoles(false);
  std::swap(checker_, as_definer);
  Status status = run();
  std::swap(checker_, as_definer);
  return status;
}

Status Session::EnterRoutine(const catalog::RoutineSchema& routine) {
  size_t same = 0;
  for (const catalog::RoutineSchema* running : running_routines_) {
    if (running == &routine) ++same;
  }
  if (same > 0 && routine.kind != catalog::RoutineKind::kProcedure) {
    return Status::Error(ER_SP_NO_RECURSION);
  }
  if (same > 0) {
    Result<std::string> limit = variables_.Get("max_sp_recursion_depth", sql::VariableScope::kSession);
    uint64_t allowed = limit.ok() ? std::strtoull(limit.value().c_str(), nullptr, 10) : 0;
    if (same > allowed) {
      return Status::Error(ER_SP_RECURSION_LIMIT, static_cast<int>(allowed), routine.name);
    }
  }
  running_routines_.push_back(&routine);
  return Status::OK();
}

// ---- CALL -------------------------------------------------------------------------------

Status Session::ExecuteCall(const sql::CallStatement& call, ResultSink& sink, bool more) {
  std::string database = call.name.database.empty() ? database_ : call.name.database;
  if (database.empty()) return Status::Error(ER_NO_DB_ERROR);
  std::shared_ptr<const catalog::RoutineSchema> routine =
      catalog_->FindRoutine(database, catalog::RoutineKind::kProcedure, call.name.table);
  if (!routine) return Status::Error(ER_SP_DOES_NOT_EXIST, "PROCEDURE", database + "." + call.name.table);
  if (!bootstrap_) {
    PORPOISE_RETURN_IF_ERROR(
        checker_.CheckRoutine(auth::Privilege::kExecute, database, routine->name, true));
  }
  const sql::CreateRoutineStatement& definition = routine->routine();
  if (!multi_results_ && ReturnsResultSets(*definition.body)) {
    return Status::Error(ER_SP_BADSELECT, database + "." + routine->name);
  }
  if (call.arguments.size() != definition.parameters.size()) {
    return Status::Error(ER_SP_WRONG_NO_OF_ARGS, "PROCEDURE", database + "." + routine->name,
                         static_cast<unsigned>(definition.parameters.size()),
                         static_cast<unsigned>(call.arguments.size()));
  }
  ProgramFrame frame;
  frame.routine = routine.get();
  frame.kind_name = "PROCEDURE";
  frame.qualified_name = database + "." + routine->name;
  frame.clears_diagnostics = true;
  frame.blocks.emplace_back();
  // Arguments are read in the caller's context; OUT and INOUT ones must be variables.
  std::vector<std::optional<sql::VariableTarget>> outputs;
  for (size_t i = 0; i < definition.parameters.size(); ++i) {
    const sql::RoutineParameter& parameter = definition.parameters[i];
    const sql::Expr& argument = *call.arguments[i];
    ProgramVariable variable;
    variable.name = parameter.name;
    PORPOISE_ASSIGN_OR_RETURN(variable.column, VariableColumn(parameter.name, parameter.type));
    std::optional<sql::VariableTarget> output;
    if (parameter.mode != sql::RoutineParameter::Mode::kIn) {
      sql::VariableTarget target;
      if (argument.kind == sql::ExprKind::kVariable && argument.scope == sql::VariableScope::kUser) {
        target.user = true;
        target.name = argument.text;
      } else if (argument.kind == sql::ExprKind::kColumnRef && argument.table.empty() &&
                 program_ != nullptr && program_->FindVariable(argument.column) != nullptr) {
        target.name = argument.column;
      } else {
        return Status::Error(ER_SP_NOT_VAR_ARG, static_cast<int>(i + 1), frame.qualified_name);
      }
      output = target;
    }
    if (parameter.mode != sql::RoutineParameter::Mode::kOut) {
      std::vector<ExprType> types;
      PORPOISE_ASSIGN_OR_RETURN(std::vector<Value> values, Evaluate({&argument}, &types));
      PORPOISE_RETURN_IF_ERROR(AssignVariable(variable, values[0], types[0]));
    }
    frame.blocks.back().variables.push_back(std::move(variable));
    outputs.push_back(std::move(output));
  }
  PORPOISE_RETURN_IF_ERROR(EnterRoutine(*routine));
  ProcedureSink inner(sink);
  std::string saved_database = database_;
  database_ = database;
  Status status = AsDefiner(*routine, definition.security == "DEFINER",
                            [&] { return RunProgram(frame, *definition.body, inner); });
  database_ = saved_database;
  running_routines_.pop_back();
  PORPOISE_RETURN_IF_ERROR(status);
  // OUT and INOUT parameters go back to the caller's variables.
  for (size_t i = 0; i < outputs.size(); ++i) {
    if (!outputs[i]) continue;
    const ProgramVariable& variable = frame.blocks.front().variables[i];
    PORPOISE_RETURN_IF_ERROR(AssignTarget(*outputs[i], variable.value, TypeOfColumn(variable.column)));
  }
  // (ROW_COUNT() after CALL is its last statement's, as MySQL keeps it)
  const int64_t last_row_count = row_count_;
  SendOk(sink, more, inner.affected());
  row_count_ = last_row_count;
  return Status::OK();
}

// ---- stored functions -------------------------------------------------------------------

Result<Value> Session::CallStoredFunction(size_t index, const std::vector<Value>& arguments) {
  if (index >= stored_calls_.size()) {
    return Status::WithMessage(ER_UNKNOWN_ERROR, "Unknown stored function call");
  }
  StoredCall call = stored_calls_[index];  // the list grows while the body runs
  const catalog::RoutineSchema& routine = *call.routine;
  const sql::CreateRoutineStatement& definition = routine.routine();
  if (!bootstrap_) {
    PORPOISE_RETURN_IF_ERROR(checker_.CheckRoutine(auth::Privilege::kExecute, routine.database,
                                                   routine.name, false));
  }
  ProgramFrame frame;
  frame.routine = &routine;
  frame.kind_name = "FUNCTION";
  frame.qualified_name = routine.database + "." + routine.name;
  PORPOISE_ASSIGN_OR_RETURN(frame.return_column, VariableColumn(routine.name, definition.returns));
  frame.blocks.emplace_back();
  for (size_t i = 0; i < definition.parameters.size() && i < arguments.size(); ++i) {
    ProgramVariable variable;
    variable.name = definition.parameters[i].name;
    PORPOISE_ASSIGN_OR_RETURN(variable.column,
                              VariableColumn(variable.name, definition.parameters[i].type));
    PORPOISE_RETURN_IF_ERROR(AssignVariable(variable, arguments[i], call.argument_types[i]));
    frame.blocks.back().variables.push_back(std::move(variable));
  }
  PORPOISE_RETURN_IF_ERROR(EnterRoutine(routine));
  SilentSink silent;
  std::string saved_database = database_;
  database_ = routine.database;
  ++function_depth_;
  Status status = AsDefiner(routine, definition.security == "DEFINER",
                            [&] { return RunProgram(frame, *definition.body, silent); });
  --function_depth_;
  database_ = saved_database;
  running_routines_.pop_back();
  PORPOISE_RETURN_IF_ERROR(status);
  if (!frame.return_value) return Status::Error(ER_SP_NORETURNEND, routine.name);
  return *frame.return_value;
}

// ---- triggers ---------------------------------------------------------------------------

bool Session::HasTriggers(const catalog::TableSchema& table, sql::CreateTriggerStatement::Event event) const {
  if (!catalog_->HasTriggers() || table.temporary) return false;
  for (const auto& trigger : catalog_->TriggersOf(table.database, table.name)) {
    if (trigger->trigger().event == event) return true;
  }
  return false;
}

Status Session::FireTriggers(const catalog::TableSchema& table, sql::CreateTriggerStatement::Timing timing,
                             sql::CreateTriggerStatement::Event event, const std::vector<Value>* old_row,
                             std::vector<Value>* new_row) {
  if (!catalog_->HasTriggers() || table.temporary) return Status::OK();
  for (const std::shared_ptr<const catalog::RoutineSchema>& trigger :
       catalog_->TriggersOf(table.database, table.name)) {
    const sql::CreateTriggerStatement& definition = trigger->trigger();
    if (definition.event != event || definition.timing != timing) continue;
    ProgramFrame frame;
    frame.routine = trigger.get();
    frame.kind_name = "TRIGGER";
    frame.qualified_name = trigger->database + "." + trigger->name;
    frame.trigger_table = &table;
    frame.old_row = old_row;
    frame.new_row = new_row;
    frame.before = timing == sql::CreateTriggerStatement::Timing::kBefore;
    frame.event = definition.EventName();
    frame.blocks.emplace_back();
    PORPOISE_RETURN_IF_ERROR(EnterRoutine(*trigger));
    tables_in_use_.emplace_back(table.database, table.name);
    SilentSink silent;
    std::string saved_database = database_;
    database_ = trigger->database;
    Status status = AsDefiner(*trigger, true, [&] { return RunProgram(frame, *definition.body, silent); });
    database_ = saved_database;
    tables_in_use_.pop_back();
    running_routines_.pop_back();
    PORPOISE_RETURN_IF_ERROR(status);
  }
  return Status::OK();
}

Status Session::CheckTableNotInUse(const catalog::TableSchema& table) {
  for (const auto& [database, name] : tables_in_use_) {
    if (database == table.database && name == table.name) {
      return Status::Error(ER_CANT_UPDATE_USED_TABLE_IN_SF_OR_TRG, table.name);
    }
  }
  return Status::OK();
}

// ---- SELECT ... INTO --------------------------------------------------------------------

Status Session::ExecuteSelectInto(const sql::SelectStatement& select, ResultSink& sink, bool more) {
  std::vector<ExprType> types;
  PORPOISE_ASSIGN_OR_RETURN(std::vector<std::vector<Value>> rows, QueryRows(select, &types));
  if (types.size() != select.into.size()) return Status::Error(ER_WRONG_NUMBER_OF_COLUMNS_IN_SELECT);
  if (rows.size() > 1) return Status::Error(ER_TOO_MANY_ROWS);
  if (rows.empty()) {
    AddWarning(Status::Error(ER_SP_FETCH_NO_DATA));
    row_count_ = 0;
    SendOk(sink, more, 0);
    return Status::OK();
  }
  for (size_t i = 0; i < types.size(); ++i) {
    PORPOISE_RETURN_IF_ERROR(AssignTarget(select.into[i], rows[0][i], types[i]));
  }
  row_count_ = 1;
  SendOk(sink, more, 1);
  return Status::OK();
}

}  // namespace porpoise::engine
