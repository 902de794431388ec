// Private to the parser: the recursive-descent state shared by parser.cc and the parse_*.cc
// files (one per statement family). Not part of the sql/ API. (sql/)
#pragma once

#include <cstdint>
#include <deque>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/strings.h"
#include "sql/lexer.h"
#include "sql/parser.h"

namespace porpoise::sql {

// A statement's tokens. A deque, not a vector: it grows without ever holding twice the room
// it needs, which a long statement's parse budget counts on.
using TokenList = std::deque<Token>;

// A built-in whose argument count MySQL's grammar fixes: from `min` to `max`.
struct GrammarArity {
  std::string_view name;
  size_t min, max;
};
const GrammarArity* FindGrammarArity(std::string_view upper);

// Parses one statement from its token list (which ends with ';', kEnd or kError).

struct Parser::Impl {
  Impl(std::string_view sql, const ParserOptions& options, TokenList tokens);

  // ---- tokens (parser.cc) ----
  const Token& Peek(size_t ahead = 0) const;
  const Token& Advance();
  bool PeekKeyword(std::string_view upper, size_t ahead = 0) const;
  bool AcceptKeyword(std::string_view upper);
  // Accepts the whole sequence of keywords or nothing.
  bool AcceptKeywords(std::initializer_list<std::string_view> words);
  Status ExpectKeyword(std::string_view upper);
  bool PeekOp(std::string_view op, size_t ahead = 0) const;
  bool AcceptOp(std::string_view op);
  Status ExpectOp(std::string_view op);
  bool AtStatementEnd() const;  // ';' or end of input
  Status SyntaxError() const;   // 1064 at the current token
  Status SyntaxErrorAt(const Token& token) const;
  Status EnterNesting();        // counts depth; 1064 past options.max_depth
  void LeaveNesting() { --depth; }
  std::string SourceText(size_t first_token, size_t end_token) const;

  // ---- names (parser.cc) ----
  bool PeekIdentifier(size_t ahead = 0) const;
  Result<std::string> ParseIdentifier();
  Result<std::string> ParseIdentifierOrString();
  Result<TableName> ParseTableName();
  Result<std::vector<std::string>> ParseIdentifierList();  // ( a, b, c )
  Result<std::string> ParseCharsetName();                   // ident, string or BINARY/DEFAULT
  Result<UserName> ParseUserName();
  Result<uint32_t> ParseUnsigned();

  // ---- statements ----
  Result<StatementPtr> ParseStatement();
  // The statement at the current token, up to (not including) its end.
  Result<StatementPtr> ParseSimpleStatement();
  Status Unsupported(std::string_view what) const;

  // parse_expression.cc
  Result<ExprPtr> ParseExpr();
  // One left-associative binary level: operands from `next`, operators recognised by `match`.
  using OperandParser = Result<ExprPtr> (Impl::*)();
  using OperatorMatcher = std::optional<Operator> (*)(const Impl&);
  Result<ExprPtr> ParseLeftAssociative(OperandParser next, OperatorMatcher match);
  Status ExtendChain();  // one more link in a left-associative chain (bounded, see .cc)
  Result<ExprPtr> ParseOr();
  Result<ExprPtr> ParseXor();
  Result<ExprPtr> ParseAnd();
  Result<ExprPtr> ParseNot();
  Result<ExprPtr> ParseBoolPrimary();
  Result<ExprPtr> ParsePredicate();
  Result<ExprPtr> ParseBitOr();
  Result<ExprPtr> ParseBitAnd();
  Result<ExprPtr> ParseShift();
  Result<ExprPtr> ParseAdditive();
  Result<ExprPtr> ParseMultiplicative();
  Result<ExprPtr> ParseBitXor();
  Result<ExprPtr> ParseConcat();
  Result<ExprPtr> ParseUnary();
  Result<ExprPtr> ParseDefaultValue(bool now);
  Result<ExprPtr> ParseCollate();
  Result<ExprPtr> ParsePrimary();
  Result<ExprPtr> ParseParenthesized();
  Result<ExprPtr> ParseLiteral();
  static bool IsLiteralToken(TokenType type);
  Result<ExprPtr> ParseStringLiteral(std::string introducer);
  Result<ExprPtr> ParseIdentifierExpr();
  // name(...) at "(": a built-in's special syntax, else the common one (with the argument
  // counts MySQL's grammar fixes for some names, unless `qualified` as db.name(...)).
  Result<ExprPtr> ParseFunctionCall(std::string name, bool qualified = false);
  Result<ExprPtr> ParseSpecialFunction(const std::string& upper, std::string name, bool* handled);
  Result<ExprPtr> ParseCase();
  Result<ExprPtr> ParseCast();
  Result<ExprPtr> ParseConvert();
  Result<ExprPtr> ParseInterval();
  Result<ExprPtr> ParseGroupConcat(std::string name);
  // The @name at the current token, taken: 3061 when it is longer than 64 characters.
  Result<std::string> UserVariableName();
  Result<ExprPtr> ParseWindowFunction(const std::string& upper, std::string name);
  Result<ExprPtr> ParseJsonValue(std::string name);
  Result<ExprPtr> ParseWeightString(std::string name);
  Status ParseFileFormat(FileFormat* format);
  Result<StatementPtr> ParseLoadData();
  // ( [base] [PARTITION BY ...] [ORDER BY ...] [ROWS|RANGE frame] ), the parentheses included.
  Result<std::unique_ptr<WindowSpec>> ParseWindowSpec();
  Result<WindowSpec::Bound> ParseWindowBound();
  Result<ExprPtr> ParseTrim(std::string name);
  Result<ExprPtr> ParseMatch();
  Result<std::string> ParseIntervalUnit();
  // a, b, c (no parentheses); room for `expected` items is made first
  Result<std::vector<ExprPtr>> ParseExprList(size_t expected = 0);
  Result<ExprPtr> ParseValueOrDefault();
  Result<DataType> ParseCastType();
  Result<ExprPtr> ParseLimitValue();

  // parse_select.cc
  Result<std::unique_ptr<SelectStatement>> ParseQueryExpression();
  Result<std::unique_ptr<SelectStatement>> ParseValuesRows();
  // Whether the token `ahead` starts a query expression (SELECT, WITH, TABLE, VALUES ROW;
  // VALUES( alone is ON DUPLICATE KEY UPDATE's function).
  bool StartsQuery(size_t ahead) const {
    return PeekKeyword("SELECT", ahead) || PeekKeyword("WITH", ahead) ||
           PeekKeyword("TABLE", ahead) ||
           (PeekKeyword("VALUES", ahead) && PeekKeyword("ROW", ahead + 1));
  }
  Result<std::unique_ptr<SelectStatement>> ParseQueryPrimary();
  Result<std::unique_ptr<SelectStatement>> ParseQueryTerm();
  Status ParseSetOperand(SelectStatement* select, SelectStatement::SetOperator op, bool term);
  Result<std::unique_ptr<SelectStatement>> ParseSelectCore();
  Result<std::unique_ptr<SelectStatement>> ParseSubquery();  // ( query ) with the parens
  Status ParseSelectItems(SelectStatement* select);
  Status ParseSelectTail(SelectStatement* select);
  Result<std::vector<TableRefPtr>> ParseTableReferenceList();
  Result<TableRefPtr> ParseTableReference();
  Result<TableRefPtr> ParseTableFactor();
  Status ParseDerivedTable(TableRef* ref);
  Status ParseJsonTable(TableRef* ref);
  Result<std::vector<JsonTableColumn>> ParseJsonTableColumns();
  Status ParseJsonTableResponses(JsonTableColumn* column);
  Status SkipIndexHints();
  Result<std::string> ParseOptionalAlias(bool allow_string);
  Result<std::vector<OrderItem>> ParseOrderBy();
  Status ParseLimit(ExprPtr* limit, ExprPtr* offset);
  Status ParseLockingClause(SelectStatement* select);
  Status ParseInto(SelectStatement* select);
  Result<VariableTarget> ParseVariableTarget();  // @user or a stored program's variable
  Result<std::vector<VariableTarget>> ParseVariableTargets();
  Result<std::vector<Assignment>> ParseAssignments();
  Result<StatementPtr> ParseInsert();
  Result<StatementPtr> ParseUpdate();
  Result<StatementPtr> ParseDelete();

  // parse_ddl.cc
  Result<StatementPtr> ParseCreate();
  Result<StatementPtr> ParseDrop();
  Result<StatementPtr> ParseAlter();
  Result<StatementPtr> ParseCreateDatabase();
  Result<StatementPtr> ParseAlterDatabase();
  Status ParseDatabaseOptions(std::string* charset, std::string* collation, bool alter);
  Result<StatementPtr> ParseCreateTable(bool temporary);
  Status ParseTableElement(CreateTableStatement* create);
  Result<ColumnDef> ParseColumnDef();
  Status ParseColumnAttributes(ColumnDef* column);
  Result<IndexDef> ParseIndexDef();
  Result<StatementPtr> ParseCreateIndex();
  Result<StatementPtr> ParseCreateView(bool alter, bool or_replace);
  Result<StatementPtr> ParseDropView();
  Result<StatementPtr> ParseAlterTable(TableName table);
  Status SkipAlgorithmAndLock();
  Result<std::vector<IndexPart>> ParseIndexParts();
  Status SkipIndexOptions();
  Result<ReferenceAction> ParseReferenceAction();
  Result<CheckDef> ParseCheck();
  Status ParseTableOptions(CreateTableStatement* create);
  Result<DataType> ParseDataType();
  Status ParseTypeAttributes(DataType* type);
  Status ParseTypeLength(DataType* type, bool allow_scale);
  Result<StatementPtr> ParseTruncate();
  Result<StatementPtr> ParseTableMaintenance();

  // parse_routine.cc: stored programs and the statements of their bodies
  Result<StatementPtr> ParseCreateStoredProgram(std::optional<UserName> definer);
  Result<StatementPtr> ParseCreateRoutine(std::optional<UserName> definer, bool function);
  Result<StatementPtr> ParseCreateTrigger(std::optional<UserName> definer);
  Result<StatementPtr> ParseDropStoredProgram();
  Result<StatementPtr> ParseCall();
  // One statement of a body (a compound statement, a DECLARE, or any SQL statement).
  Result<StatementPtr> ParseProgramStatement();
  // Statements each ended by ';' until one of `ends` (keywords) is next.
  Result<std::vector<StatementPtr>> ParseProgramStatements(std::initializer_list<std::string_view> ends);
  Result<StatementPtr> ParseBlock(std::string label);
  Result<StatementPtr> ParseDeclare();
  Result<ConditionValue> ParseConditionValue(bool handler);
  Result<StatementPtr> ParseIf();
  Result<StatementPtr> ParseCaseStatement();
  Result<StatementPtr> ParseLoop(std::string label);
  Result<StatementPtr> ParseSignal();
  Result<StatementPtr> ParseGetDiagnostics();
  Result<StatementPtr> ParseCursorStatement();
  // Whether the tokens from the current one start a stored-program definition.
  bool StartsStoredProgram() const;

  // parse_admin.cc
  Result<StatementPtr> ParseUse();
  Result<StatementPtr> ParseShow();
  Result<StatementPtr> ParseDescribe();
  Status ParseShowFilter(ShowStatement* show, bool allow_like, bool allow_where);
  Result<StatementPtr> ParseSet();
  Result<SetAssignment> ParseSetAssignment(VariableScope* carried_scope);
  Status ParseTransactionCharacteristics(SetAssignment* assignment);
  Result<StatementPtr> ParseSetPassword();
  // SET ROLE ... / SET DEFAULT ROLE ... TO users (after SET); ALTER USER user DEFAULT ROLE ...
  Result<StatementPtr> ParseSetRole();
  Result<StatementPtr> ParseDefaultRoles(std::vector<UserName> users);
  Result<std::vector<UserName>> ParseUserNames();
  // True when the keyword `stop` comes before `other` (or the end) from the current token.
  bool KeywordComesFirst(std::string_view stop, std::string_view other) const;
  Result<std::optional<AuthOption>> ParseAuthOption();
  Result<UserSpec> ParseUserSpec();
  Status ParseAccountOptions(std::optional<bool>* account_locked, bool* grant_option,
                             std::optional<TlsRequirement>* require = nullptr,
                             AccountLimits* limits = nullptr);
  Result<StatementPtr> ParseCreateUser();
  Result<StatementPtr> ParseAlterUser();
  Result<StatementPtr> ParseDropUser();
  Result<StatementPtr> ParseRenameUser();
  Result<std::vector<GrantPrivilege>> ParsePrivileges();
  Result<GrantLevel> ParseGrantLevel();
  Result<StatementPtr> ParseGrant();
  Result<StatementPtr> ParseRevoke();
  Result<StatementPtr> ParseFlush();
  Result<StatementPtr> ParseLockTables();
  Result<StatementPtr> ParseUnlockTables();
  Result<StatementPtr> ParseBegin();
  Result<StatementPtr> ParseCommit();
  Result<StatementPtr> ParseRollback();
  Result<StatementPtr> ParseKill();
  Result<StatementPtr> ParseDo();
  Result<StatementPtr> ParsePrepare();
  Result<StatementPtr> ParseExecute();
  Result<StatementPtr> ParseDeallocatePrepare();
  Result<StatementPtr> ParseHelp();

  std::string_view sql;
  ParserOptions options;
  TokenList tokens;
  // The rows a kLiteralRows token stands for (read ahead by the statement's lexing).
  std::vector<std::vector<ExprPtr>> literal_rows;
  size_t pos = 0;
  uint32_t depth = 0;
  uint32_t param_count = 0;
  uint32_t chain_length = 0;  // links of unfinished left-associative chains (AST depth)
  // Whether the INTERVAL about to be parsed stands where MySQL's grammar has one: the right
  // operand of + or -, or the amount of DATE_ADD and its kin (ParseInterval resets it).
  bool interval_allowed = false;
  uintptr_t stack_floor = 0;  // EnterNesting answers 1436 below this address
};


}  // namespace porpoise::sql
