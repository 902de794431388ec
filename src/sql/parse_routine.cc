// Stored programs: CREATE/DROP PROCEDURE, FUNCTION and TRIGGER, CALL, and the statements of
// their bodies (compound statements, DECLARE, flow control, cursors, SIGNAL, GET
// DIAGNOSTICS). Inside a body every statement ends with ';', BEGIN opens a block (not a
// transaction), and the text of the body is kept as written. (sql/)
#include <algorithm>

#include "sql/keywords.h"
#include "sql/parser_impl.h"

namespace porpoise::sql {

namespace {

bool ValidSqlstate(std::string_view state) {
  if (state.size() != 5) return false;
  for (char c : state) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
  }
  return !state.starts_with("00");
}

}  // namespace

bool Parser::Impl::StartsStoredProgram() const {
  if (!PeekKeyword("CREATE")) return false;
  for (size_t ahead = 1; ahead < 16; ++ahead) {
    const Token& token = Peek(ahead);
    if (token.type == TokenType::kEnd || token.Is(";") || token.Is("(")) return false;
    if (token.type != TokenType::kWord) continue;
    std::string word = ToUpperAscii(token.text);
    if (word == "PROCEDURE" || word == "FUNCTION" || word == "TRIGGER" || word == "EVENT") return true;
    if (word == "TABLE" || word == "VIEW" || word == "INDEX" || word == "DATABASE" ||
        word == "SCHEMA" || word == "USER" || word == "TEMPORARY" || word == "SQL" ||
        word == "ALGORITHM" || word == "UNIQUE" || word == "ROLE") {
      return false;
    }
  }
  return false;
}

// After CREATE [DEFINER = user].
Result<StatementPtr> Parser::Impl::ParseCreateStoredProgram(std::optional<UserName> definer) {
  if (AcceptKeyword("PROCEDURE")) return ParseCreateRoutine(std::move(definer), false);
  if (AcceptKeyword("FUNCTION")) return ParseCreateRoutine(std::move(definer), true);
  if (AcceptKeyword("TRIGGER")) return ParseCreateTrigger(std::move(definer));
  if (PeekKeyword("EVENT")) return Unsupported("CREATE EVENT");
  return SyntaxError();
}

Result<StatementPtr> Parser::Impl::ParseCreateRoutine(std::optional<UserName> definer, bool function) {
  auto create = std::make_unique<CreateRoutineStatement>();
  create->function = function;
  create->definer = std::move(definer);
  create->if_not_exists = AcceptKeywords({"IF", "NOT", "EXISTS"});
  PORPOISE_ASSIGN_OR_RETURN(create->name, ParseTableName());
  PORPOISE_RETURN_IF_ERROR(ExpectOp("("));
  size_t first = pos;
  if (!PeekOp(")")) {
    do {
      RoutineParameter parameter;
      if (!function) {
        if (AcceptKeyword("INOUT")) {
          parameter.mode = RoutineParameter::Mode::kInOut;
        } else if (AcceptKeyword("OUT")) {
          parameter.mode = RoutineParameter::Mode::kOut;
        } else {
          AcceptKeyword("IN");
        }
      }
      PORPOISE_ASSIGN_OR_RETURN(parameter.name, ParseIdentifier());
      PORPOISE_ASSIGN_OR_RETURN(parameter.type, ParseDataType());
      create->parameters.push_back(std::move(parameter));
    } while (AcceptOp(","));
  }
  create->parameters_text = SourceText(first, pos);
  PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
  if (function) {
    PORPOISE_RETURN_IF_ERROR(ExpectKeyword("RETURNS"));
    size_t type_first = pos;
    PORPOISE_ASSIGN_OR_RETURN(create->returns, ParseDataType());
    create->returns_text = SourceText(type_first, pos);
  }
  while (true) {
    if (AcceptKeyword("COMMENT")) {
      if (Peek().type != TokenType::kString) return SyntaxError();
      create->comment = Advance().text;
    } else if (AcceptKeyword("LANGUAGE")) {
      PORPOISE_RETURN_IF_ERROR(ExpectKeyword("SQL"));
    } else if (AcceptKeywords({"NOT", "DETERMINISTIC"})) {
      create->deterministic = false;
    } else if (AcceptKeyword("DETERMINISTIC")) {
      create->deterministic = true;
    } else if (AcceptKeywords({"CONTAINS", "SQL"})) {
      create->data_access = "CONTAINS SQL";
    } else if (AcceptKeywords({"NO", "SQL"})) {
      create->data_access = "NO SQL";
    } else if (AcceptKeywords({"READS", "SQL", "DATA"})) {
      create->data_access = "READS SQL DATA";
    } else if (AcceptKeywords({"MODIFIES", "SQL", "DATA"})) {
      create->data_access = "MODIFIES SQL DATA";
    } else if (AcceptKeywords({"SQL", "SECURITY"})) {
      if (AcceptKeyword("DEFINER")) {
        create->security = "DEFINER";
      } else if (AcceptKeyword("INVOKER")) {
        create->security = "INVOKER";
      } else {
        return SyntaxError();
      }
    } else {
      break;
    }
  }
  size_t body_first = pos;
  PORPOISE_ASSIGN_OR_RETURN(create->body, ParseProgramStatement());
  create->body_text = SourceText(body_first, pos);
  return StatementPtr(std::move(create));
}

Result<StatementPtr> Parser::Impl::ParseCreateTrigger(std::optional<UserName> definer) {
  auto create = std::make_unique<CreateTriggerStatement>();
  create->definer = std::move(definer);
  create->if_not_exists = AcceptKeywords({"IF", "NOT", "EXISTS"});
  PORPOISE_ASSIGN_OR_RETURN(create->name, ParseTableName());
  if (AcceptKeyword("BEFORE")) {
    create->timing = CreateTriggerStatement::Timing::kBefore;
  } else if (AcceptKeyword("AFTER")) {
    create->timing = CreateTriggerStatement::Timing::kAfter;
  } else {
    return SyntaxError();
  }
  if (AcceptKeyword("INSERT")) {
    create->event = CreateTriggerStatement::Event::kInsert;
  } else if (AcceptKeyword("UPDATE")) {
    create->event = CreateTriggerStatement::Event::kUpdate;
  } else if (AcceptKeyword("DELETE")) {
    create->event = CreateTriggerStatement::Event::kDelete;
  } else {
    return SyntaxError();
  }
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("ON"));
  PORPOISE_ASSIGN_OR_RETURN(create->table, ParseTableName());
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("FOR"));
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("EACH"));
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("ROW"));
  if (AcceptKeyword("FOLLOWS")) {
    create->follows = true;
    PORPOISE_ASSIGN_OR_RETURN(create->other, ParseIdentifier());
  } else if (AcceptKeyword("PRECEDES")) {
    create->precedes = true;
    PORPOISE_ASSIGN_OR_RETURN(create->other, ParseIdentifier());
  }
  size_t body_first = pos;
  PORPOISE_ASSIGN_OR_RETURN(create->body, ParseProgramStatement());
  create->body_text = SourceText(body_first, pos);
  return StatementPtr(std::move(create));
}

// After DROP: PROCEDURE | FUNCTION | TRIGGER [IF EXISTS] name.
Result<StatementPtr> Parser::Impl::ParseDropStoredProgram() {
  if (AcceptKeyword("TRIGGER")) {
    auto drop = std::make_unique<DropTriggerStatement>();
    drop->if_exists = AcceptKeywords({"IF", "EXISTS"});
    PORPOISE_ASSIGN_OR_RETURN(drop->name, ParseTableName());
    return StatementPtr(std::move(drop));
  }
  auto drop = std::make_unique<DropRoutineStatement>();
  drop->function = AcceptKeyword("FUNCTION");
  if (!drop->function) PORPOISE_RETURN_IF_ERROR(ExpectKeyword("PROCEDURE"));
  drop->if_exists = AcceptKeywords({"IF", "EXISTS"});
  PORPOISE_ASSIGN_OR_RETURN(drop->name, ParseTableName());
  return StatementPtr(std::move(drop));
}

Result<StatementPtr> Parser::Impl::ParseCall() {
  Advance();
  auto call = std::make_unique<CallStatement>();
  PORPOISE_ASSIGN_OR_RETURN(call->name, ParseTableName());
  if (AcceptOp("(")) {
    if (!AcceptOp(")")) {
      PORPOISE_ASSIGN_OR_RETURN(call->arguments, ParseExprList());
      PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
    }
  }
  return StatementPtr(std::move(call));
}

Result<StatementPtr> Parser::Impl::ParseProgramStatement() {
  PORPOISE_RETURN_IF_ERROR(EnterNesting());
  size_t first = pos;
  auto result = [&]() -> Result<StatementPtr> {
    std::string label;
    if (PeekIdentifier() && PeekOp(":", 1)) {
      label = Advance().text;
      Advance();
      if (!(PeekKeyword("BEGIN") || PeekKeyword("LOOP") || PeekKeyword("WHILE") ||
            PeekKeyword("REPEAT"))) {
        return SyntaxError();
      }
    }
    if (PeekKeyword("BEGIN")) return ParseBlock(std::move(label));
    if (PeekKeyword("LOOP") || PeekKeyword("WHILE") || PeekKeyword("REPEAT")) {
      return ParseLoop(std::move(label));
    }
    if (PeekKeyword("DECLARE")) return ParseDeclare();
    if (PeekKeyword("IF")) return ParseIf();
    if (PeekKeyword("CASE")) return ParseCaseStatement();
    if (PeekKeyword("LEAVE") || PeekKeyword("ITERATE")) {
      auto statement = std::make_unique<LabelStatement>(
          PeekKeyword("LEAVE") ? StatementKind::kLeave : StatementKind::kIterate);
      Advance();
      PORPOISE_ASSIGN_OR_RETURN(statement->label, ParseIdentifier());
      return StatementPtr(std::move(statement));
    }
    if (AcceptKeyword("RETURN")) {
      auto statement = std::make_unique<ReturnStatement>();
      PORPOISE_ASSIGN_OR_RETURN(statement->value, ParseExpr());
      return StatementPtr(std::move(statement));
    }
    if (PeekKeyword("OPEN") || PeekKeyword("FETCH") || PeekKeyword("CLOSE")) {
      return ParseCursorStatement();
    }
    return ParseSimpleStatement();
  }();
  LeaveNesting();
  if (!result.ok()) return result;
  StatementPtr statement = std::move(result).value();
  statement->source_text = SourceText(first, pos);
  return statement;
}

Result<std::vector<StatementPtr>> Parser::Impl::ParseProgramStatements(
    std::initializer_list<std::string_view> ends) {
  std::vector<StatementPtr> statements;
  while (true) {
    for (std::string_view end : ends) {
      if (PeekKeyword(end)) return statements;
    }
    if (Peek().type == TokenType::kEnd) return SyntaxError();
    PORPOISE_ASSIGN_OR_RETURN(StatementPtr statement, ParseProgramStatement());
    statements.push_back(std::move(statement));
    PORPOISE_RETURN_IF_ERROR(ExpectOp(";"));
  }
}

Result<StatementPtr> Parser::Impl::ParseBlock(std::string label) {
  Advance();  // BEGIN
  AcceptKeywords({"NOT", "ATOMIC"});
  auto block = std::make_unique<BlockStatement>();
  block->label = std::move(label);
  PORPOISE_ASSIGN_OR_RETURN(block->body, ParseProgramStatements({"END"}));
  Advance();  // END
  if (PeekIdentifier() && !block->label.empty() && Peek().text == block->label) {
    Advance();
  } else if (PeekIdentifier() && !PeekKeyword("END") && !PeekKeyword("ELSE") &&
             !PeekKeyword("ELSEIF") && !PeekKeyword("WHEN") && !PeekKeyword("UNTIL")) {
    return SyntaxError();  // an end label that does not match (1310 in MySQL)
  }
  return StatementPtr(std::move(block));
}

Result<ConditionValue> Parser::Impl::ParseConditionValue(bool handler) {
  ConditionValue value;
  if (AcceptKeyword("SQLSTATE")) {
    AcceptKeyword("VALUE");
    if (Peek().type != TokenType::kString) return SyntaxError();
    value.kind = ConditionValue::Kind::kSqlstate;
    value.value = Advance().text;
    if (!ValidSqlstate(value.value)) return Status::Error(ER_SP_BAD_SQLSTATE, value.value);
    return value;
  }
  if (Peek().type == TokenType::kInteger) {
    value.kind = ConditionValue::Kind::kErrorCode;
    PORPOISE_ASSIGN_OR_RETURN(value.code, ParseUnsigned());
    if (value.code == 0) return Status::Error(ER_WRONG_VALUE, "CONDITION", "0");
    return value;
  }
  if (handler) {
    if (AcceptKeyword("SQLWARNING")) {
      value.kind = ConditionValue::Kind::kSqlWarning;
      return value;
    }
    if (AcceptKeywords({"NOT", "FOUND"})) {
      value.kind = ConditionValue::Kind::kNotFound;
      return value;
    }
    if (AcceptKeyword("SQLEXCEPTION")) {
      value.kind = ConditionValue::Kind::kSqlException;
      return value;
    }
  }
  value.kind = ConditionValue::Kind::kName;
  PORPOISE_ASSIGN_OR_RETURN(value.value, ParseIdentifier());
  return value;
}

Result<StatementPtr> Parser::Impl::ParseDeclare() {
  Advance();  // DECLARE
  if ((PeekKeyword("CONTINUE") || PeekKeyword("EXIT") || PeekKeyword("UNDO")) &&
      PeekKeyword("HANDLER", 1)) {
    auto handler = std::make_unique<DeclareHandlerStatement>();
    if (PeekKeyword("UNDO")) return Unsupported("UNDO HANDLER");
    handler->action = PeekKeyword("EXIT") ? DeclareHandlerStatement::Action::kExit
                                          : DeclareHandlerStatement::Action::kContinue;
    Advance();
    Advance();
    PORPOISE_RETURN_IF_ERROR(ExpectKeyword("FOR"));
    do {
      PORPOISE_ASSIGN_OR_RETURN(ConditionValue condition, ParseConditionValue(true));
      handler->conditions.push_back(std::move(condition));
    } while (AcceptOp(","));
    PORPOISE_ASSIGN_OR_RETURN(handler->body, ParseProgramStatement());
    return StatementPtr(std::move(handler));
  }
  PORPOISE_ASSIGN_OR_RETURN(std::string name, ParseIdentifier());
  if (AcceptKeyword("CONDITION")) {
    auto condition = std::make_unique<DeclareConditionStatement>();
    condition->name = std::move(name);
    PORPOISE_RETURN_IF_ERROR(ExpectKeyword("FOR"));
    PORPOISE_ASSIGN_OR_RETURN(condition->condition, ParseConditionValue(false));
    if (condition->condition.kind == ConditionValue::Kind::kName) return SyntaxError();
    return StatementPtr(std::move(condition));
  }
  if (AcceptKeyword("CURSOR")) {
    auto cursor = std::make_unique<DeclareCursorStatement>();
    cursor->name = std::move(name);
    PORPOISE_RETURN_IF_ERROR(ExpectKeyword("FOR"));
    PORPOISE_ASSIGN_OR_RETURN(cursor->select, ParseQueryExpression());
    return StatementPtr(std::move(cursor));
  }
  auto variable = std::make_unique<DeclareVariableStatement>();
  variable->names.push_back(std::move(name));
  while (AcceptOp(",")) {
    PORPOISE_ASSIGN_OR_RETURN(std::string more, ParseIdentifier());
    variable->names.push_back(std::move(more));
  }
  PORPOISE_ASSIGN_OR_RETURN(variable->type, ParseDataType());
  if (AcceptKeyword("DEFAULT")) {
    PORPOISE_ASSIGN_OR_RETURN(variable->default_value, ParseExpr());
  }
  return StatementPtr(std::move(variable));
}

Result<StatementPtr> Parser::Impl::ParseIf() {
  Advance();  // IF
  auto statement = std::make_unique<IfStatement>();
  while (true) {
    ConditionalBranch branch;
    PORPOISE_ASSIGN_OR_RETURN(branch.condition, ParseExpr());
    PORPOISE_RETURN_IF_ERROR(ExpectKeyword("THEN"));
    PORPOISE_ASSIGN_OR_RETURN(branch.body, ParseProgramStatements({"ELSEIF", "ELSE", "END"}));
    statement->branches.push_back(std::move(branch));
    if (!AcceptKeyword("ELSEIF")) break;
  }
  if (AcceptKeyword("ELSE")) {
    ConditionalBranch otherwise;
    PORPOISE_ASSIGN_OR_RETURN(otherwise.body, ParseProgramStatements({"END"}));
    statement->branches.push_back(std::move(otherwise));
  }
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("END"));
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("IF"));
  return StatementPtr(std::move(statement));
}

Result<StatementPtr> Parser::Impl::ParseCaseStatement() {
  Advance();  // CASE
  auto statement = std::make_unique<CaseStatement>();
  if (!PeekKeyword("WHEN")) {
    PORPOISE_ASSIGN_OR_RETURN(statement->subject, ParseExpr());
  }
  if (!PeekKeyword("WHEN")) return SyntaxError();
  while (AcceptKeyword("WHEN")) {
    ConditionalBranch branch;
    PORPOISE_ASSIGN_OR_RETURN(branch.condition, ParseExpr());
    PORPOISE_RETURN_IF_ERROR(ExpectKeyword("THEN"));
    PORPOISE_ASSIGN_OR_RETURN(branch.body, ParseProgramStatements({"WHEN", "ELSE", "END"}));
    statement->branches.push_back(std::move(branch));
  }
  if (AcceptKeyword("ELSE")) {
    ConditionalBranch otherwise;
    PORPOISE_ASSIGN_OR_RETURN(otherwise.body, ParseProgramStatements({"END"}));
    statement->branches.push_back(std::move(otherwise));
  }
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("END"));
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("CASE"));
  return StatementPtr(std::move(statement));
}

Result<StatementPtr> Parser::Impl::ParseLoop(std::string label) {
  auto loop = std::make_unique<LoopStatement>();
  loop->label = std::move(label);
  std::string_view closing;
  if (AcceptKeyword("LOOP")) {
    loop->form = LoopStatement::Form::kLoop;
    closing = "LOOP";
    PORPOISE_ASSIGN_OR_RETURN(loop->body, ParseProgramStatements({"END"}));
  } else if (AcceptKeyword("WHILE")) {
    loop->form = LoopStatement::Form::kWhile;
    closing = "WHILE";
    PORPOISE_ASSIGN_OR_RETURN(loop->condition, ParseExpr());
    PORPOISE_RETURN_IF_ERROR(ExpectKeyword("DO"));
    PORPOISE_ASSIGN_OR_RETURN(loop->body, ParseProgramStatements({"END"}));
  } else {
    Advance();  // REPEAT
    loop->form = LoopStatement::Form::kRepeat;
    closing = "REPEAT";
    PORPOISE_ASSIGN_OR_RETURN(loop->body, ParseProgramStatements({"UNTIL"}));
    Advance();  // UNTIL
    PORPOISE_ASSIGN_OR_RETURN(loop->condition, ParseExpr());
  }
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("END"));
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword(closing));
  if (PeekIdentifier() && !loop->label.empty() && Peek().text == loop->label) Advance();
  return StatementPtr(std::move(loop));
}

Result<StatementPtr> Parser::Impl::ParseCursorStatement() {
  StatementKind kind = PeekKeyword("OPEN")    ? StatementKind::kOpenCursor
                       : PeekKeyword("CLOSE") ? StatementKind::kCloseCursor
                                              : StatementKind::kFetchCursor;
  Advance();
  auto statement = std::make_unique<CursorStatement>(kind);
  if (kind == StatementKind::kFetchCursor) {
    if (AcceptKeyword("NEXT")) {
      PORPOISE_RETURN_IF_ERROR(ExpectKeyword("FROM"));
    } else {
      AcceptKeyword("FROM");
    }
  }
  PORPOISE_ASSIGN_OR_RETURN(statement->cursor, ParseIdentifier());
  if (kind == StatementKind::kFetchCursor) {
    PORPOISE_RETURN_IF_ERROR(ExpectKeyword("INTO"));
    PORPOISE_ASSIGN_OR_RETURN(statement->into, ParseVariableTargets());
  }
  return StatementPtr(std::move(statement));
}

Result<StatementPtr> Parser::Impl::ParseSignal() {
  StatementKind kind = PeekKeyword("SIGNAL") ? StatementKind::kSignal : StatementKind::kResignal;
  Advance();
  auto statement = std::make_unique<SignalStatement>(kind);
  if (!(kind == StatementKind::kResignal && (AtStatementEnd() || PeekKeyword("SET")))) {
    PORPOISE_ASSIGN_OR_RETURN(ConditionValue condition, ParseConditionValue(false));
    if (condition.kind == ConditionValue::Kind::kErrorCode) return SyntaxError();
    statement->condition = std::move(condition);
  }
  if (AcceptKeyword("SET")) {
    do {
      if (Peek().type != TokenType::kWord) return SyntaxError();
      std::string item = ToUpperAscii(Advance().text);
      static constexpr std::string_view kItems[] = {
          "CLASS_ORIGIN", "SUBCLASS_ORIGIN", "MESSAGE_TEXT", "MYSQL_ERRNO", "CONSTRAINT_CATALOG",
          "CONSTRAINT_SCHEMA", "CONSTRAINT_NAME", "CATALOG_NAME", "SCHEMA_NAME", "TABLE_NAME",
          "COLUMN_NAME", "CURSOR_NAME"};
      if (std::find(std::begin(kItems), std::end(kItems), item) == std::end(kItems)) {
        return SyntaxError();
      }
      for (const auto& [seen, value] : statement->items) {
        if (seen == item) return Status::Error(ER_DUP_SIGNAL_SET, item);
      }
      PORPOISE_RETURN_IF_ERROR(ExpectOp("="));
      PORPOISE_ASSIGN_OR_RETURN(ExprPtr value, ParseExpr());
      statement->items.emplace_back(std::move(item), std::move(value));
    } while (AcceptOp(","));
  }
  return StatementPtr(std::move(statement));
}

Result<StatementPtr> Parser::Impl::ParseGetDiagnostics() {
  Advance();  // GET
  auto statement = std::make_unique<GetDiagnosticsStatement>();
  if (AcceptKeyword("STACKED")) {
    statement->stacked = true;
  } else {
    AcceptKeyword("CURRENT");
  }
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("DIAGNOSTICS"));
  if (AcceptKeyword("CONDITION")) {
    PORPOISE_ASSIGN_OR_RETURN(statement->condition_number, ParseExpr());
  }
  do {
    PORPOISE_ASSIGN_OR_RETURN(VariableTarget one, ParseVariableTarget());
    PORPOISE_RETURN_IF_ERROR(ExpectOp("="));
    if (Peek().type != TokenType::kWord) return SyntaxError();
    std::string item = ToUpperAscii(Advance().text);
    static constexpr std::string_view kStatementItems[] = {"NUMBER", "ROW_COUNT"};
    static constexpr std::string_view kConditionItems[] = {
        "CLASS_ORIGIN", "SUBCLASS_ORIGIN", "RETURNED_SQLSTATE", "MESSAGE_TEXT", "MYSQL_ERRNO",
        "CONSTRAINT_CATALOG", "CONSTRAINT_SCHEMA", "CONSTRAINT_NAME", "CATALOG_NAME",
        "SCHEMA_NAME", "TABLE_NAME", "COLUMN_NAME", "CURSOR_NAME"};
    bool known = statement->condition_number
                     ? std::find(std::begin(kConditionItems), std::end(kConditionItems), item) !=
                           std::end(kConditionItems)
                     : std::find(std::begin(kStatementItems), std::end(kStatementItems), item) !=
                           std::end(kStatementItems);
    if (!known) return SyntaxError();
    statement->items.emplace_back(std::move(one), std::move(item));
  } while (AcceptOp(","));
  return StatementPtr(std::move(statement));
}

}  // namespace porpoise::sql
