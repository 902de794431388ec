// Administrative statements: USE, SHOW, DESCRIBE, SET, SET PASSWORD, account management
// (CREATE/ALTER/DROP/RENAME USER, GRANT, REVOKE), FLUSH, LOCK/UNLOCK TABLES, transactions,
// KILL and DO. (sql/)
#include "sql/keywords.h"
#include "sql/parser_impl.h"

namespace porpoise::sql {

Result<StatementPtr> Parser::Impl::ParseUse() {
  Advance();
  auto use = std::make_unique<UseStatement>();
  PORPOISE_ASSIGN_OR_RETURN(use->database, ParseIdentifier());
  return StatementPtr(std::move(use));
}

// [LIKE 'pattern' | WHERE expr]
Status Parser::Impl::ParseShowFilter(ShowStatement* show, bool allow_like, bool allow_where) {
  if (allow_like && AcceptKeyword("LIKE")) {
    if (Peek().type != TokenType::kString) return SyntaxError();
    PORPOISE_ASSIGN_OR_RETURN(ExprPtr pattern, ParseLiteral());
    show->like = pattern->text;
  } else if (allow_where && AcceptKeyword("WHERE")) {
    PORPOISE_ASSIGN_OR_RETURN(show->where, ParseExpr());
  }
  return Status::OK();
}

Result<StatementPtr> Parser::Impl::ParseShow() {
  using What = ShowStatement::What;
  Advance();
  auto show = std::make_unique<ShowStatement>();
  auto from_database = [&]() -> Status {
    if (AcceptKeyword("FROM") || AcceptKeyword("IN")) {
      PORPOISE_ASSIGN_OR_RETURN(show->database, ParseIdentifier());
    }
    return Status::OK();
  };
  AcceptKeyword("EXTENDED");
  show->full = AcceptKeyword("FULL");
  if (AcceptKeyword("GLOBAL")) {
    show->scope = VariableScope::kGlobal;
  } else if (AcceptKeyword("SESSION") || AcceptKeyword("LOCAL")) {
    show->scope = VariableScope::kSession;
  }
  if (AcceptKeyword("DATABASES") || AcceptKeyword("SCHEMAS")) {
    show->what = What::kDatabases;
  } else if (AcceptKeyword("TABLES")) {
    show->what = What::kTables;
    PORPOISE_RETURN_IF_ERROR(from_database());
  } else if (AcceptKeywords({"TABLE", "STATUS"})) {
    show->what = What::kTableStatus;
    PORPOISE_RETURN_IF_ERROR(from_database());
  } else if (AcceptKeyword("COLUMNS") || AcceptKeyword("FIELDS") || AcceptKeyword("INDEX") ||
             AcceptKeyword("INDEXES") || AcceptKeyword("KEYS")) {
    std::string word = ToUpperAscii(tokens[pos - 1].text);
    show->what = word == "COLUMNS" || word == "FIELDS" ? What::kColumns : What::kIndex;
    if (!AcceptKeyword("FROM")) PORPOISE_RETURN_IF_ERROR(ExpectKeyword("IN"));
    PORPOISE_ASSIGN_OR_RETURN(show->table, ParseTableName());
    PORPOISE_RETURN_IF_ERROR(from_database());
    PORPOISE_RETURN_IF_ERROR(ParseShowFilter(show.get(), show->what == What::kColumns, true));
    return StatementPtr(std::move(show));
  } else if (AcceptKeyword("PROCESSLIST")) {
    show->what = What::kProcesslist;
    return StatementPtr(std::move(show));
  } else if (AcceptKeyword("VARIABLES")) {
    show->what = What::kVariables;
  } else if (AcceptKeyword("STATUS")) {
    show->what = What::kStatus;
  } else if (AcceptKeyword("GRANTS")) {
    show->what = What::kGrants;
    if (AcceptKeyword("FOR")) {
      PORPOISE_ASSIGN_OR_RETURN(show->user, ParseUserName());
      if (AcceptKeyword("USING")) {
        do {
          PORPOISE_ASSIGN_OR_RETURN(UserName role, ParseUserName());
          show->using_roles.push_back(std::move(role));
        } while (AcceptOp(","));
      }
    }
    return StatementPtr(std::move(show));
  } else if (AcceptKeyword("CREATE")) {
    if (AcceptKeyword("TABLE")) {
      show->what = What::kCreateTable;
      PORPOISE_ASSIGN_OR_RETURN(show->table, ParseTableName());
    } else if (AcceptKeyword("VIEW")) {
      show->what = What::kCreateView;
      PORPOISE_ASSIGN_OR_RETURN(show->table, ParseTableName());
    } else if (AcceptKeyword("DATABASE") || AcceptKeyword("SCHEMA")) {
      show->what = What::kCreateDatabase;
      show->if_not_exists = AcceptKeywords({"IF", "NOT", "EXISTS"});
      PORPOISE_ASSIGN_OR_RETURN(show->database, ParseIdentifier());
    } else if (AcceptKeyword("PROCEDURE") || AcceptKeyword("FUNCTION") || AcceptKeyword("TRIGGER")) {
      std::string kind = ToUpperAscii(tokens[pos - 1].text);
      show->what = kind == "PROCEDURE" ? What::kCreateProcedure
                   : kind == "FUNCTION" ? What::kCreateFunction
                                        : What::kCreateTrigger;
      PORPOISE_ASSIGN_OR_RETURN(show->table, ParseTableName());
    } else if (AcceptKeyword("USER")) {
      show->what = What::kCreateUser;
      PORPOISE_ASSIGN_OR_RETURN(show->user, ParseUserName());
    } else {
      if (Peek().type != TokenType::kWord) return SyntaxError();
      return Unsupported("SHOW CREATE " + ToUpperAscii(Peek().text));
    }
    return StatementPtr(std::move(show));
  } else if (AcceptKeyword("WARNINGS") || AcceptKeyword("ERRORS")) {
    show->what = ToUpperAscii(tokens[pos - 1].text) == "WARNINGS" ? What::kWarnings
                                                                  : What::kErrors;
    if (PeekKeyword("LIMIT")) PORPOISE_RETURN_IF_ERROR(ParseLimit(&show->limit, &show->offset));
    return StatementPtr(std::move(show));
  } else if (PeekKeyword("COUNT") && PeekOp("(", 1) && PeekOp("*", 2) && PeekOp(")", 3)) {
    pos += 4;
    if (AcceptKeyword("WARNINGS")) {
      show->what = What::kCountWarnings;
    } else {
      PORPOISE_RETURN_IF_ERROR(ExpectKeyword("ERRORS"));
      show->what = What::kCountErrors;
    }
    return StatementPtr(std::move(show));
  } else if (AcceptKeyword("ENGINES") || AcceptKeywords({"STORAGE", "ENGINES"})) {
    show->what = What::kEngines;
    return StatementPtr(std::move(show));
  } else if (AcceptKeywords({"CHARACTER", "SET"}) || AcceptKeyword("CHARSET")) {
    show->what = What::kCharset;
  } else if (AcceptKeyword("COLLATION")) {
    show->what = What::kCollation;
  } else if (AcceptKeyword("PRIVILEGES")) {
    show->what = What::kPrivileges;
    return StatementPtr(std::move(show));
  } else if (AcceptKeyword("PLUGINS")) {
    show->what = What::kPlugins;
    return StatementPtr(std::move(show));
  } else if (AcceptKeyword("TRIGGERS")) {
    show->what = What::kTriggers;
    PORPOISE_RETURN_IF_ERROR(from_database());
  } else if (AcceptKeyword("EVENTS")) {
    show->what = What::kEvents;
    PORPOISE_RETURN_IF_ERROR(from_database());
  } else if (AcceptKeywords({"OPEN", "TABLES"})) {
    show->what = What::kOpenTables;
    PORPOISE_RETURN_IF_ERROR(from_database());
  } else if (AcceptKeywords({"PROCEDURE", "STATUS"})) {
    show->what = What::kProcedureStatus;
  } else if (AcceptKeywords({"FUNCTION", "STATUS"})) {
    show->what = What::kFunctionStatus;
  } else if (AcceptKeywords({"BINARY", "LOGS"})) {
    show->what = What::kBinaryLogs;
    return StatementPtr(std::move(show));
  } else if (AcceptKeywords({"BINARY", "LOG", "STATUS"})) {
    show->what = What::kBinaryLogStatus;
    return StatementPtr(std::move(show));
  } else if (AcceptKeywords({"REPLICA", "STATUS"})) {
    show->what = What::kReplicaStatus;
    return StatementPtr(std::move(show));
  } else if (AcceptKeyword("REPLICAS")) {
    show->what = What::kReplicas;
    return StatementPtr(std::move(show));
  } else if (PeekKeyword("MASTER") || PeekKeyword("SLAVE")) {
    // MySQL 8.4 removed SHOW MASTER STATUS / MASTER LOGS / SLAVE STATUS / SLAVE HOSTS.
    return SyntaxError();
  } else {
    if (Peek().type != TokenType::kWord) return SyntaxError();
    return Unsupported("SHOW " + ToUpperAscii(Peek().text));
  }
  PORPOISE_RETURN_IF_ERROR(ParseShowFilter(show.get(), true, true));
  return StatementPtr(std::move(show));
}

// DESCRIBE|DESC|EXPLAIN t [column|'pattern'] is SHOW COLUMNS FROM t [LIKE ...]; followed by
// a statement (or FORMAT = / ANALYZE) it is EXPLAIN of that statement.
Result<StatementPtr> Parser::Impl::ParseDescribe() {
  Advance();
  bool explained = PeekKeyword("SELECT") || PeekKeyword("WITH") || PeekKeyword("TABLE") ||
                   PeekKeyword("VALUES") || PeekOp("(") || PeekKeyword("INSERT") ||
                   PeekKeyword("REPLACE") || PeekKeyword("UPDATE") || PeekKeyword("DELETE") ||
                   (PeekKeyword("FORMAT") && PeekOp("=", 1)) || PeekKeyword("ANALYZE");
  if (explained) {
    auto explain = std::make_unique<ExplainStatement>();
    if (PeekKeyword("FORMAT") && PeekOp("=", 1)) {
      Advance();
      Advance();
      if (!PeekIdentifier() && Peek().type != TokenType::kString) return SyntaxError();
      std::string format = ToUpperAscii(Advance().text);
      if (format == "TREE") {
        explain->format = ExplainStatement::Format::kTree;
      } else if (format == "JSON") {
        explain->format = ExplainStatement::Format::kJson;
      } else if (format != "TRADITIONAL") {
        return Status::Error(ER_UNKNOWN_EXPLAIN_FORMAT, format);
      }
      explain->format_written = true;
    }
    if (AcceptKeyword("ANALYZE")) {
      explain->analyze = true;
      if (PeekKeyword("FORMAT") && PeekOp("=", 1) && !explain->format_written) {
        Advance();
        Advance();
        std::string format = ToUpperAscii(Advance().text);
        if (format != "TREE") return Status::Error(ER_NOT_SUPPORTED_YET, "FORMAT=" + format + " with EXPLAIN ANALYZE");
        explain->format = ExplainStatement::Format::kTree;
        explain->format_written = true;
      }
    }
    bool explainable = PeekKeyword("SELECT") || PeekKeyword("WITH") || PeekKeyword("TABLE") ||
                       PeekKeyword("VALUES") || PeekOp("(") || PeekKeyword("INSERT") ||
                       PeekKeyword("REPLACE") || PeekKeyword("UPDATE") || PeekKeyword("DELETE");
    if (!explainable) return SyntaxError();
    size_t start = pos;
    PORPOISE_ASSIGN_OR_RETURN(explain->statement, ParseSimpleStatement());
    explain->statement->source_text = SourceText(start, pos);
    return StatementPtr(std::move(explain));
  }
  if (!PeekIdentifier()) return Unsupported("EXPLAIN");
  auto show = std::make_unique<ShowStatement>();
  show->what = ShowStatement::What::kColumns;
  PORPOISE_ASSIGN_OR_RETURN(show->table, ParseTableName());
  if (Peek().type == TokenType::kString || PeekIdentifier()) show->like = Advance().text;
  return StatementPtr(std::move(show));
}

// ---- SET --------------------------------------------------------------------------------

Result<StatementPtr> Parser::Impl::ParseSet() {
  Advance();
  if (PeekKeyword("PASSWORD") && (PeekKeyword("FOR", 1) || PeekOp("=", 1))) {
    return ParseSetPassword();
  }
  if (PeekKeyword("ROLE") || (PeekKeyword("DEFAULT") && PeekKeyword("ROLE", 1))) {
    return ParseSetRole();
  }
  auto set = std::make_unique<SetStatement>();
  // The most recent GLOBAL/SESSION/PERSIST keyword applies to later assignments that name
  // no scope of their own (MySQL's SET semantics).
  VariableScope carried_scope = VariableScope::kDefault;
  do {
    PORPOISE_ASSIGN_OR_RETURN(SetAssignment assignment, ParseSetAssignment(&carried_scope));
    set->assignments.push_back(std::move(assignment));
  } while (AcceptOp(","));
  return StatementPtr(std::move(set));
}

Result<SetAssignment> Parser::Impl::ParseSetAssignment(VariableScope* carried_scope) {
  SetAssignment assignment;
  static constexpr std::pair<std::string_view, VariableScope> kScopes[] = {
      {"GLOBAL", VariableScope::kGlobal},   {"SESSION", VariableScope::kSession},
      {"LOCAL", VariableScope::kSession},   {"PERSIST", VariableScope::kPersist},
      {"PERSIST_ONLY", VariableScope::kPersistOnly}};
  for (const auto& [word, scope] : kScopes) {
    if (PeekKeyword(word) && (Peek(1).type == TokenType::kWord ||
                              Peek(1).type == TokenType::kQuotedIdent)) {
      Advance();
      assignment.scope = scope;
      *carried_scope = scope;
      break;
    }
  }
  if (AcceptKeyword("TRANSACTION")) {
    assignment.kind = SetAssignment::Kind::kTransaction;
    PORPOISE_RETURN_IF_ERROR(ParseTransactionCharacteristics(&assignment));
    return assignment;
  }
  // NAMES, CHARSET and CHARACTER SET followed by '=' are variables (a stored program's).
  bool assigns = PeekOp("=", 1) || PeekOp(":=", 1);
  if (assignment.scope == VariableScope::kDefault && !assigns && AcceptKeyword("NAMES")) {
    assignment.kind = SetAssignment::Kind::kNames;
    PORPOISE_ASSIGN_OR_RETURN(assignment.charset, ParseCharsetName());
    if (AcceptKeyword("COLLATE")) {
      PORPOISE_ASSIGN_OR_RETURN(assignment.collation, ParseCharsetName());
    }
    return assignment;
  }
  if (assignment.scope == VariableScope::kDefault && !assigns &&
      (AcceptKeywords({"CHARACTER", "SET"}) || AcceptKeyword("CHARSET"))) {
    assignment.kind = SetAssignment::Kind::kCharset;
    PORPOISE_ASSIGN_OR_RETURN(assignment.charset, ParseCharsetName());
    return assignment;
  }
  const Token& target = Peek();
  if (target.type == TokenType::kUserVar) {
    if (assignment.scope != VariableScope::kDefault) return SyntaxError();
    assignment.scope = VariableScope::kUser;
    PORPOISE_ASSIGN_OR_RETURN(assignment.name, UserVariableName());
  } else if (target.type == TokenType::kSysVar) {
    if (assignment.scope != VariableScope::kDefault) return SyntaxError();
    assignment.scope = target.scope;
    assignment.name = Advance().text;
  } else {
    if (assignment.scope == VariableScope::kDefault) assignment.scope = *carried_scope;
    PORPOISE_ASSIGN_OR_RETURN(assignment.name, ParseIdentifier());
    if (AcceptOp(".")) {
      if (Peek().type != TokenType::kWord && Peek().type != TokenType::kQuotedIdent) {
        return SyntaxError();
      }
      assignment.name += "." + Advance().text;
    }
  }
  if (!AcceptOp("=") && !AcceptOp(":=")) return SyntaxError();
  // (DEFAULT is a value of system variables only)
  if (assignment.scope == VariableScope::kUser && PeekKeyword("DEFAULT")) return SyntaxError();
  // ON, ALL, BINARY, ROW and SYSTEM are reserved but are values here, as in MySQL's grammar.
  const Token& value = Peek();
  bool ends = Peek(1).Is(",") || Peek(1).Is(";") || Peek(1).type == TokenType::kEnd;
  if (ends && (PeekKeyword("ON") || PeekKeyword("ALL") || PeekKeyword("BINARY") ||
               PeekKeyword("ROW") || PeekKeyword("SYSTEM"))) {
    assignment.value = MakeColumnRef("", "", value.text);
    Advance();
  } else {
    PORPOISE_ASSIGN_OR_RETURN(assignment.value, ParseExpr());
  }
  return assignment;
}

// ISOLATION LEVEL {READ UNCOMMITTED|READ COMMITTED|REPEATABLE READ|SERIALIZABLE},
// READ ONLY, READ WRITE (comma-separated).
Status Parser::Impl::ParseTransactionCharacteristics(SetAssignment* assignment) {
  do {
    if (AcceptKeywords({"ISOLATION", "LEVEL"})) {
      if (AcceptKeywords({"READ", "UNCOMMITTED"})) {
        assignment->isolation_level = "READ-UNCOMMITTED";
      } else if (AcceptKeywords({"READ", "COMMITTED"})) {
        assignment->isolation_level = "READ-COMMITTED";
      } else if (AcceptKeywords({"REPEATABLE", "READ"})) {
        assignment->isolation_level = "REPEATABLE-READ";
      } else if (AcceptKeyword("SERIALIZABLE")) {
        assignment->isolation_level = "SERIALIZABLE";
      } else {
        return SyntaxError();
      }
    } else if (AcceptKeywords({"READ", "ONLY"})) {
      assignment->read_only = true;
    } else if (AcceptKeywords({"READ", "WRITE"})) {
      assignment->read_only = false;
    } else {
      return SyntaxError();
    }
  } while (PeekOp(",") && (PeekKeyword("ISOLATION", 1) || PeekKeyword("READ", 1)) && AcceptOp(","));
  return Status::OK();
}

// SET PASSWORD [FOR user] = 'text' | = PASSWORD('text')
Result<StatementPtr> Parser::Impl::ParseSetPassword() {
  Advance();
  auto set = std::make_unique<SetPasswordStatement>();
  if (AcceptKeyword("FOR")) {
    PORPOISE_ASSIGN_OR_RETURN(set->user, ParseUserName());
  }
  PORPOISE_RETURN_IF_ERROR(ExpectOp("="));
  bool wrapped = PeekKeyword("PASSWORD") && PeekOp("(", 1);
  if (wrapped) pos += 2;
  if (Peek().type != TokenType::kString) return SyntaxError();
  PORPOISE_ASSIGN_OR_RETURN(ExprPtr password, ParseLiteral());
  set->password = password->text;
  if (wrapped) PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
  if (AcceptKeyword("REPLACE")) {
    if (Peek().type != TokenType::kString) return SyntaxError();
    Advance();
  }
  AcceptKeywords({"RETAIN", "CURRENT", "PASSWORD"});
  return StatementPtr(std::move(set));
}

// ---- accounts ---------------------------------------------------------------------------

// IDENTIFIED BY 'pw' | IDENTIFIED BY PASSWORD 'hash' | IDENTIFIED WITH plugin
//   [BY 'pw' | AS 'hash']; nullopt when there is no IDENTIFIED clause.
Result<std::optional<AuthOption>> Parser::Impl::ParseAuthOption() {
  if (!AcceptKeyword("IDENTIFIED")) return std::optional<AuthOption>();
  AuthOption auth;
  auto password = [&]() -> Status {
    if (PeekKeyword("RANDOM")) return Unsupported("RANDOM PASSWORD");
    if (Peek().type != TokenType::kString) return SyntaxError();
    PORPOISE_ASSIGN_OR_RETURN(ExprPtr text, ParseLiteral());
    auth.password = text->text;
    if (AcceptKeyword("REPLACE")) {
      if (Peek().type != TokenType::kString) return SyntaxError();
      Advance();
    }
    AcceptKeywords({"RETAIN", "CURRENT", "PASSWORD"});
    return Status::OK();
  };
  if (AcceptKeyword("BY")) {
    if (AcceptKeyword("PASSWORD")) {
      if (Peek().type != TokenType::kString) return SyntaxError();
      auth.hash = Advance().text;
    } else {
      PORPOISE_RETURN_IF_ERROR(password());
    }
  } else {
    PORPOISE_RETURN_IF_ERROR(ExpectKeyword("WITH"));
    PORPOISE_ASSIGN_OR_RETURN(auth.plugin, ParseIdentifierOrString());
    if (AcceptKeyword("BY")) {
      PORPOISE_RETURN_IF_ERROR(password());
    } else if (AcceptKeyword("AS")) {
      if (Peek().type != TokenType::kString) return SyntaxError();
      PORPOISE_ASSIGN_OR_RETURN(ExprPtr hash, ParseLiteral());
      auth.hash = hash->text;
    }
  }
  if (PeekKeyword("AND") || PeekKeyword("INITIAL")) return Unsupported("multifactor authentication");
  return std::optional<AuthOption>(std::move(auth));
}

Result<UserSpec> Parser::Impl::ParseUserSpec() {
  UserSpec spec;
  if (PeekKeyword("USER") && PeekOp("(", 1) && PeekOp(")", 2)) {
    pos += 3;
    spec.user.current_user = true;
  } else {
    PORPOISE_ASSIGN_OR_RETURN(spec.user, ParseUserName());
  }
  PORPOISE_ASSIGN_OR_RETURN(spec.auth, ParseAuthOption());
  return spec;
}

// REQUIRE ..., WITH MAX_... n, PASSWORD EXPIRE/HISTORY/REUSE/REQUIRE ..., FAILED_LOGIN_ATTEMPTS,
// PASSWORD_LOCK_TIME, ACCOUNT LOCK|UNLOCK, COMMENT/ATTRIBUTE 'json'. The lock, REQUIRE (when
// `require` is given), the limits and password expiry and locking (when `limits` is) and, for
// GRANT, WITH GRANT OPTION (when `grant_option` is) are kept; the password history and reuse
// options, comments and attributes are read and dropped. GRANT takes no resource limits, as
// in MySQL 8.
Status Parser::Impl::ParseAccountOptions(std::optional<bool>* account_locked,
                                         bool* grant_option,
                                         std::optional<TlsRequirement>* require,
                                         AccountLimits* limits) {
  auto number_or_default = [&]() -> Status {
    if (AcceptKeyword("DEFAULT")) return Status::OK();
    return ParseUnsigned().status();
  };
  AccountLimits ignored_limits;
  AccountLimits& kept = limits != nullptr ? *limits : ignored_limits;
  while (!AtStatementEnd()) {
    if (AcceptKeyword("REQUIRE")) {
      TlsRequirement requirement;
      if (AcceptKeyword("NONE")) {
        requirement.kind = TlsRequirement::Kind::kNone;
      } else if (AcceptKeyword("SSL")) {
        requirement.kind = TlsRequirement::Kind::kSsl;
      } else if (AcceptKeyword("X509")) {
        requirement.kind = TlsRequirement::Kind::kX509;
      } else {
        requirement.kind = TlsRequirement::Kind::kSpecified;
        do {
          std::string* field = AcceptKeyword("ISSUER")    ? &requirement.issuer
                               : AcceptKeyword("SUBJECT") ? &requirement.subject
                                                          : nullptr;
          if (field == nullptr) {
            PORPOISE_RETURN_IF_ERROR(ExpectKeyword("CIPHER"));
            field = &requirement.cipher;
          }
          if (Peek().type != TokenType::kString) return SyntaxError();
          *field = Advance().text;
          AcceptKeyword("AND");
        } while (PeekKeyword("ISSUER") || PeekKeyword("SUBJECT") || PeekKeyword("CIPHER"));
      }
      if (require != nullptr) *require = std::move(requirement);
    } else if (AcceptKeyword("WITH")) {
      bool any = false;
      while (true) {
        if (grant_option != nullptr && AcceptKeywords({"GRANT", "OPTION"})) {
          *grant_option = true;
        } else if (limits != nullptr && (PeekKeyword("MAX_QUERIES_PER_HOUR") ||
                                         PeekKeyword("MAX_UPDATES_PER_HOUR") ||
                                         PeekKeyword("MAX_CONNECTIONS_PER_HOUR") ||
                                         PeekKeyword("MAX_USER_CONNECTIONS"))) {
          std::optional<uint32_t>* field =
              AcceptKeyword("MAX_QUERIES_PER_HOUR")      ? &kept.max_queries_per_hour
              : AcceptKeyword("MAX_UPDATES_PER_HOUR")    ? &kept.max_updates_per_hour
              : AcceptKeyword("MAX_CONNECTIONS_PER_HOUR") ? &kept.max_connections_per_hour
                                                          : (Advance(), &kept.max_user_connections);
          PORPOISE_ASSIGN_OR_RETURN(uint32_t limit, ParseUnsigned());
          *field = limit;
        } else {
          break;
        }
        any = true;
      }
      if (!any) return SyntaxError();
    } else if (grant_option == nullptr && AcceptKeyword("PASSWORD")) {
      if (AcceptKeyword("EXPIRE")) {
        if (AcceptKeyword("INTERVAL")) {
          PORPOISE_ASSIGN_OR_RETURN(uint32_t days, ParseUnsigned());
          PORPOISE_RETURN_IF_ERROR(ExpectKeyword("DAY"));
          if (days == 0 || days > 65535) {
            return Status::Error(ER_WRONG_VALUE, "DAY", std::to_string(days));
          }
          kept.password_expire = AccountLimits::Expire::kInterval;
          kept.password_expire_days = days;
        } else if (AcceptKeyword("DEFAULT")) {
          kept.password_expire = AccountLimits::Expire::kDefault;
        } else if (AcceptKeyword("NEVER")) {
          kept.password_expire = AccountLimits::Expire::kNever;
        } else {
          kept.password_expire = AccountLimits::Expire::kNow;
        }
      } else if (AcceptKeyword("HISTORY")) {
        PORPOISE_RETURN_IF_ERROR(number_or_default());
      } else if (AcceptKeywords({"REUSE", "INTERVAL"})) {
        if (!AcceptKeyword("DEFAULT")) {
          PORPOISE_ASSIGN_OR_RETURN(uint32_t days, ParseUnsigned());
          (void)days;
          PORPOISE_RETURN_IF_ERROR(ExpectKeyword("DAY"));
        }
      } else if (AcceptKeywords({"REQUIRE", "CURRENT"})) {
        if (!AcceptKeyword("DEFAULT")) AcceptKeyword("OPTIONAL");
      } else {
        return SyntaxError();
      }
    } else if (grant_option == nullptr && AcceptKeyword("FAILED_LOGIN_ATTEMPTS")) {
      PORPOISE_ASSIGN_OR_RETURN(uint32_t attempts, ParseUnsigned());
      if (attempts > 32767) {
        return Status::Error(ER_WRONG_VALUE, "FAILED_LOGIN_ATTEMPTS", std::to_string(attempts));
      }
      kept.failed_login_attempts = attempts;
    } else if (grant_option == nullptr && AcceptKeyword("PASSWORD_LOCK_TIME")) {
      if (AcceptKeyword("UNBOUNDED")) {
        kept.password_lock_time = -1;
      } else {
        PORPOISE_ASSIGN_OR_RETURN(uint32_t days, ParseUnsigned());
        if (days > 32767) {
          return Status::Error(ER_WRONG_VALUE, "PASSWORD_LOCK_TIME", std::to_string(days));
        }
        kept.password_lock_time = static_cast<int32_t>(days);
      }
    } else if (grant_option == nullptr && AcceptKeyword("ACCOUNT")) {
      if (AcceptKeyword("LOCK")) {
        *account_locked = true;
      } else {
        PORPOISE_RETURN_IF_ERROR(ExpectKeyword("UNLOCK"));
        *account_locked = false;
      }
    } else if (grant_option == nullptr && (AcceptKeyword("COMMENT") || AcceptKeyword("ATTRIBUTE"))) {
      if (Peek().type != TokenType::kString) return SyntaxError();
      Advance();
    } else if (grant_option != nullptr && PeekKeyword("AS")) {
      return Unsupported("GRANT ... AS");
    } else {
      return SyntaxError();
    }
  }
  return Status::OK();
}

Result<std::vector<UserName>> Parser::Impl::ParseUserNames() {
  std::vector<UserName> names;
  do {
    PORPOISE_ASSIGN_OR_RETURN(UserName name, ParseUserName());
    names.push_back(std::move(name));
  } while (AcceptOp(","));
  return names;
}

bool Parser::Impl::KeywordComesFirst(std::string_view stop, std::string_view other) const {
  for (size_t ahead = 0; pos + ahead < tokens.size(); ++ahead) {
    if (tokens[pos + ahead].type == TokenType::kEnd || PeekKeyword(other, ahead)) return false;
    if (PeekKeyword(stop, ahead)) return true;
  }
  return false;
}

// SET ROLE {DEFAULT | NONE | ALL [EXCEPT role, ...] | role, ...}
// SET DEFAULT ROLE {NONE | ALL | role, ...} TO user, ...
Result<StatementPtr> Parser::Impl::ParseSetRole() {
  if (AcceptKeyword("DEFAULT")) {
    PORPOISE_RETURN_IF_ERROR(ExpectKeyword("ROLE"));
    return ParseDefaultRoles({});
  }
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("ROLE"));
  auto set = std::make_unique<SetRoleStatement>();
  using Mode = SetRoleStatement::Mode;
  if (AcceptKeyword("DEFAULT")) {
    set->mode = Mode::kDefault;
  } else if (AcceptKeyword("NONE")) {
    set->mode = Mode::kNone;
  } else if (AcceptKeyword("ALL")) {
    set->mode = Mode::kAll;
    if (AcceptKeyword("EXCEPT")) {
      set->mode = Mode::kAllExcept;
      PORPOISE_ASSIGN_OR_RETURN(set->roles, ParseUserNames());
    }
  } else {
    PORPOISE_ASSIGN_OR_RETURN(set->roles, ParseUserNames());
  }
  return StatementPtr(std::move(set));
}

// {NONE | ALL | role, ...} [TO user, ...]: after SET DEFAULT ROLE (`users` empty, TO follows)
// or ALTER USER user DEFAULT ROLE (`users` given).
Result<StatementPtr> Parser::Impl::ParseDefaultRoles(std::vector<UserName> users) {
  auto set = std::make_unique<SetRoleStatement>();
  set->default_role = true;
  using Mode = SetRoleStatement::Mode;
  if (AcceptKeyword("NONE")) {
    set->mode = Mode::kNone;
  } else if (AcceptKeyword("ALL")) {
    set->mode = Mode::kAll;
  } else {
    PORPOISE_ASSIGN_OR_RETURN(set->roles, ParseUserNames());
  }
  if (users.empty()) {
    PORPOISE_RETURN_IF_ERROR(ExpectKeyword("TO"));
    PORPOISE_ASSIGN_OR_RETURN(users, ParseUserNames());
  }
  set->users = std::move(users);
  return StatementPtr(std::move(set));
}

Result<StatementPtr> Parser::Impl::ParseCreateUser() {
  if (AcceptKeyword("ROLE")) {
    auto create = std::make_unique<CreateUserStatement>();
    create->role = true;
    create->if_not_exists = AcceptKeywords({"IF", "NOT", "EXISTS"});
    PORPOISE_ASSIGN_OR_RETURN(std::vector<UserName> roles, ParseUserNames());
    for (UserName& role : roles) create->users.push_back(UserSpec{std::move(role), std::nullopt});
    return StatementPtr(std::move(create));
  }
  Advance();
  auto create = std::make_unique<CreateUserStatement>();
  create->if_not_exists = AcceptKeywords({"IF", "NOT", "EXISTS"});
  do {
    PORPOISE_ASSIGN_OR_RETURN(UserSpec spec, ParseUserSpec());
    create->users.push_back(std::move(spec));
  } while (AcceptOp(","));
  if (PeekKeyword("DEFAULT") && PeekKeyword("ROLE", 1)) {
    pos += 2;
    do {
      PORPOISE_ASSIGN_OR_RETURN(UserName role, ParseUserName());
      create->default_roles.push_back(std::move(role));
    } while (AcceptOp(","));
  }
  PORPOISE_RETURN_IF_ERROR(
      ParseAccountOptions(&create->account_locked, nullptr, &create->require, &create->limits));
  return StatementPtr(std::move(create));
}

Result<StatementPtr> Parser::Impl::ParseAlterUser() {
  Advance();
  auto alter = std::make_unique<AlterUserStatement>();
  alter->if_exists = AcceptKeywords({"IF", "EXISTS"});
  do {
    PORPOISE_ASSIGN_OR_RETURN(UserSpec spec, ParseUserSpec());
    alter->users.push_back(std::move(spec));
  } while (AcceptOp(","));
  if (PeekKeyword("DEFAULT") && PeekKeyword("ROLE", 1)) {
    // ALTER USER user DEFAULT ROLE ...: SET DEFAULT ROLE ... TO user.
    pos += 2;
    std::vector<UserName> users;
    for (UserSpec& spec : alter->users) {
      if (spec.auth || alter->if_exists) return SyntaxError();
      users.push_back(std::move(spec.user));
    }
    return ParseDefaultRoles(std::move(users));
  }
  PORPOISE_RETURN_IF_ERROR(
      ParseAccountOptions(&alter->account_locked, nullptr, &alter->require, &alter->limits));
  return StatementPtr(std::move(alter));
}

Result<StatementPtr> Parser::Impl::ParseDropUser() {
  auto drop = std::make_unique<DropUserStatement>();
  drop->role = PeekKeyword("ROLE");
  Advance();
  drop->if_exists = AcceptKeywords({"IF", "EXISTS"});
  do {
    PORPOISE_ASSIGN_OR_RETURN(UserName user, ParseUserName());
    drop->users.push_back(std::move(user));
  } while (AcceptOp(","));
  return StatementPtr(std::move(drop));
}

Result<StatementPtr> Parser::Impl::ParseRenameUser() {
  Advance();
  if (AcceptKeyword("TABLE") || AcceptKeyword("TABLES")) {
    auto rename = std::make_unique<RenameTableStatement>();
    do {
      PORPOISE_ASSIGN_OR_RETURN(TableName from, ParseTableName());
      PORPOISE_RETURN_IF_ERROR(ExpectKeyword("TO"));
      PORPOISE_ASSIGN_OR_RETURN(TableName to, ParseTableName());
      rename->renames.emplace_back(std::move(from), std::move(to));
    } while (AcceptOp(","));
    return StatementPtr(std::move(rename));
  }
  if (!AcceptKeyword("USER")) {
    if (Peek().type != TokenType::kWord) return SyntaxError();
    return Unsupported("RENAME " + ToUpperAscii(Peek().text));
  }
  auto rename = std::make_unique<RenameUserStatement>();
  do {
    PORPOISE_ASSIGN_OR_RETURN(UserName from, ParseUserName());
    PORPOISE_RETURN_IF_ERROR(ExpectKeyword("TO"));
    PORPOISE_ASSIGN_OR_RETURN(UserName to, ParseUserName());
    rename->renames.emplace_back(std::move(from), std::move(to));
  } while (AcceptOp(","));
  return StatementPtr(std::move(rename));
}

// priv [(cols)], ... where priv is one or more words: SELECT, ALL [PRIVILEGES], GRANT OPTION,
// CREATE TEMPORARY TABLES, dynamic privileges such as BACKUP_ADMIN.
Result<std::vector<GrantPrivilege>> Parser::Impl::ParsePrivileges() {
  std::vector<GrantPrivilege> privileges;
  do {
    GrantPrivilege privilege;
    while (Peek().type == TokenType::kWord && !PeekKeyword("ON") && !PeekKeyword("TO") &&
           !PeekKeyword("FROM")) {
      if (!privilege.name.empty()) privilege.name += " ";
      privilege.name += ToUpperAscii(Advance().text);
    }
    if (privilege.name.empty()) return SyntaxError();
    if (privilege.name == "ALL PRIVILEGES") privilege.name = "ALL";
    if (PeekOp("(")) {
      // Only the privileges a column can carry take a column list.
      const std::string& name = privilege.name;
      if (name != "SELECT" && name != "INSERT" && name != "UPDATE" && name != "REFERENCES") {
        return SyntaxError();
      }
      PORPOISE_ASSIGN_OR_RETURN(privilege.columns, ParseIdentifierList());
    }
    privileges.push_back(std::move(privilege));
  } while (AcceptOp(","));
  return privileges;
}

// *.* | db.* | db.t | * | t
Result<GrantLevel> Parser::Impl::ParseGrantLevel() {
  GrantLevel level;
  if (AcceptOp("*")) {
    if (AcceptOp(".")) {
      PORPOISE_RETURN_IF_ERROR(ExpectOp("*"));
      level.database = "*";
    }
    level.table = "*";
    return level;
  }
  PORPOISE_ASSIGN_OR_RETURN(std::string first, ParseIdentifier());
  if (!AcceptOp(".")) {
    level.table = std::move(first);
    return level;
  }
  level.database = std::move(first);
  if (AcceptOp("*")) {
    level.table = "*";
  } else if (Peek().type == TokenType::kWord || Peek().type == TokenType::kQuotedIdent) {
    level.table = Advance().text;
  } else {
    return SyntaxError();
  }
  return level;
}

// GRANT privs ON [TABLE] level TO user [IDENTIFIED ...], ... [REQUIRE ...] [WITH GRANT OPTION]
Result<StatementPtr> Parser::Impl::ParseGrant() {
  Advance();
  if (PeekKeyword("PROXY")) return Unsupported("GRANT PROXY");
  auto grant = std::make_unique<GrantStatement>();
  if (KeywordComesFirst("TO", "ON")) {
    // GRANT role, ... TO user, ... [WITH ADMIN OPTION]
    PORPOISE_ASSIGN_OR_RETURN(grant->roles, ParseUserNames());
    PORPOISE_RETURN_IF_ERROR(ExpectKeyword("TO"));
    PORPOISE_ASSIGN_OR_RETURN(std::vector<UserName> users, ParseUserNames());
    for (UserName& user : users) grant->users.push_back(UserSpec{std::move(user), std::nullopt});
    grant->with_admin_option = AcceptKeywords({"WITH", "ADMIN", "OPTION"});
    return StatementPtr(std::move(grant));
  }
  PORPOISE_ASSIGN_OR_RETURN(grant->privileges, ParsePrivileges());
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("ON"));
  std::string routine_type;
  if (PeekKeyword("FUNCTION") || PeekKeyword("PROCEDURE")) {
    routine_type = ToUpperAscii(Advance().text);
  } else {
    AcceptKeyword("TABLE");
  }
  PORPOISE_ASSIGN_OR_RETURN(grant->level, ParseGrantLevel());
  grant->level.routine_type = std::move(routine_type);
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("TO"));
  do {
    PORPOISE_ASSIGN_OR_RETURN(UserSpec spec, ParseUserSpec());
    grant->users.push_back(std::move(spec));
  } while (AcceptOp(","));
  std::optional<bool> ignored;
  PORPOISE_RETURN_IF_ERROR(ParseAccountOptions(&ignored, &grant->with_grant_option));
  return StatementPtr(std::move(grant));
}

// REVOKE [IF EXISTS] ALL [PRIVILEGES], GRANT OPTION FROM users
// REVOKE [IF EXISTS] privs ON [TABLE] level FROM users [IGNORE UNKNOWN USER]
Result<StatementPtr> Parser::Impl::ParseRevoke() {
  Advance();
  auto revoke = std::make_unique<RevokeStatement>();
  revoke->if_exists = AcceptKeywords({"IF", "EXISTS"});
  size_t all_words = PeekKeyword("PRIVILEGES", 1) ? 2 : 1;
  if (PeekKeyword("ALL") && PeekOp(",", all_words) && PeekKeyword("GRANT", all_words + 1) &&
      PeekKeyword("OPTION", all_words + 2)) {
    pos += all_words + 3;
    revoke->all_and_grant_option = true;
  } else if (KeywordComesFirst("FROM", "ON")) {
    // REVOKE role, ... FROM user, ...
    PORPOISE_ASSIGN_OR_RETURN(revoke->roles, ParseUserNames());
  } else {
    PORPOISE_ASSIGN_OR_RETURN(revoke->privileges, ParsePrivileges());
    PORPOISE_RETURN_IF_ERROR(ExpectKeyword("ON"));
    std::string routine_type;
    if (PeekKeyword("FUNCTION") || PeekKeyword("PROCEDURE")) {
      routine_type = ToUpperAscii(Advance().text);
    } else {
      AcceptKeyword("TABLE");
    }
    PORPOISE_ASSIGN_OR_RETURN(revoke->level, ParseGrantLevel());
    revoke->level.routine_type = std::move(routine_type);
  }
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("FROM"));
  do {
    PORPOISE_ASSIGN_OR_RETURN(UserName user, ParseUserName());
    revoke->users.push_back(std::move(user));
  } while (AcceptOp(","));
  AcceptKeywords({"IGNORE", "UNKNOWN", "USER"});
  return StatementPtr(std::move(revoke));
}

// FLUSH [NO_WRITE_TO_BINLOG|LOCAL] option, ...
Result<StatementPtr> Parser::Impl::ParseFlush() {
  Advance();
  auto flush = std::make_unique<FlushStatement>();
  flush->local = AcceptKeyword("NO_WRITE_TO_BINLOG") || AcceptKeyword("LOCAL");
  static constexpr std::string_view kSingle[] = {
      "PRIVILEGES", "LOGS", "HOSTS", "STATUS", "USER_RESOURCES", "OPTIMIZER_COSTS"};
  static constexpr std::string_view kLogKinds[] = {"BINARY", "ENGINE", "ERROR", "GENERAL",
                                                   "RELAY", "SLOW"};
  do {
    if (Peek().type != TokenType::kWord) return SyntaxError();
    std::string word = ToUpperAscii(Peek().text);
    bool single = false;
    for (std::string_view name : kSingle) single = single || word == name;
    bool log = false;
    for (std::string_view name : kLogKinds) log = log || word == name;
    if (single) {
      flush->options.push_back(ToUpperAscii(Advance().text));
    } else if (log && PeekKeyword("LOGS", 1)) {
      pos += 2;
      flush->options.push_back(word + " LOGS");
    } else if (AcceptKeyword("TABLES") || AcceptKeyword("TABLE")) {
      std::string option = "TABLES";
      if (PeekIdentifier()) {
        do {
          PORPOISE_ASSIGN_OR_RETURN(TableName table, ParseTableName());
        } while (AcceptOp(","));
      }
      if (AcceptKeywords({"WITH", "READ", "LOCK"})) {
        option += " WITH READ LOCK";
      } else if (AcceptKeywords({"FOR", "EXPORT"})) {
        option += " FOR EXPORT";
      }
      flush->options.push_back(std::move(option));
    } else {
      return SyntaxError();
    }
  } while (AcceptOp(","));
  return StatementPtr(std::move(flush));
}

// ---- locks, transactions, misc ----------------------------------------------------------

// LOCK TABLES t [[AS] a] {READ [LOCAL] | [LOW_PRIORITY] WRITE}, ...
Result<StatementPtr> Parser::Impl::ParseLockTables() {
  Advance();
  if (!AcceptKeyword("TABLES") && !AcceptKeyword("TABLE")) {
    if (PeekKeyword("INSTANCE")) return Unsupported("LOCK INSTANCE");
    return SyntaxError();
  }
  auto lock = std::make_unique<LockTablesStatement>();
  do {
    LockTablesStatement::Item item;
    PORPOISE_ASSIGN_OR_RETURN(item.table, ParseTableName());
    PORPOISE_ASSIGN_OR_RETURN(item.alias, ParseOptionalAlias(false));
    if (AcceptKeyword("READ")) {
      AcceptKeyword("LOCAL");
    } else {
      AcceptKeyword("LOW_PRIORITY");
      PORPOISE_RETURN_IF_ERROR(ExpectKeyword("WRITE"));
      item.write = true;
    }
    lock->tables.push_back(std::move(item));
  } while (AcceptOp(","));
  return StatementPtr(std::move(lock));
}

Result<StatementPtr> Parser::Impl::ParseUnlockTables() {
  Advance();
  if (!AcceptKeyword("TABLES") && !AcceptKeyword("TABLE")) {
    if (PeekKeyword("INSTANCE")) return Unsupported("UNLOCK INSTANCE");
    return SyntaxError();
  }
  return StatementPtr(std::make_unique<UnlockTablesStatement>());
}

// BEGIN [WORK] | START TRANSACTION [READ ONLY | READ WRITE | WITH CONSISTENT SNAPSHOT], ...
Result<StatementPtr> Parser::Impl::ParseBegin() {
  auto begin = std::make_unique<BeginStatement>();
  if (AcceptKeyword("BEGIN")) {
    AcceptKeyword("WORK");
    return StatementPtr(std::move(begin));
  }
  Advance();
  if (!AcceptKeyword("TRANSACTION")) {
    if (Peek().type != TokenType::kWord) return SyntaxError();
    return Unsupported("START " + ToUpperAscii(Peek().text));
  }
  if (AtStatementEnd()) return StatementPtr(std::move(begin));
  do {
    if (AcceptKeywords({"READ", "ONLY"})) {
      begin->read_only = true;
    } else if (AcceptKeywords({"READ", "WRITE"})) {
      begin->read_only = false;
    } else if (AcceptKeywords({"WITH", "CONSISTENT", "SNAPSHOT"})) {
      begin->consistent_snapshot = true;
    } else {
      return SyntaxError();
    }
  } while (AcceptOp(","));
  return StatementPtr(std::move(begin));
}


Result<StatementPtr> Parser::Impl::ParseCommit() {
  Advance();
  AcceptKeyword("WORK");
  auto commit = std::make_unique<CommitStatement>();
  if (AcceptKeywords({"AND", "CHAIN"})) {
    commit->chain = true;
  } else {
    AcceptKeywords({"AND", "NO", "CHAIN"});
  }
  if (AcceptKeyword("RELEASE")) {
    commit->release = true;
  } else {
    AcceptKeywords({"NO", "RELEASE"});
  }
  return StatementPtr(std::move(commit));
}

// ROLLBACK [WORK] [TO [SAVEPOINT] x | completion], SAVEPOINT x, RELEASE SAVEPOINT x.
Result<StatementPtr> Parser::Impl::ParseRollback() {
  if (AcceptKeyword("SAVEPOINT")) {
    auto savepoint = std::make_unique<SavepointStatement>();
    PORPOISE_ASSIGN_OR_RETURN(savepoint->name, ParseIdentifier());
    return StatementPtr(std::move(savepoint));
  }
  if (AcceptKeyword("RELEASE")) {
    PORPOISE_RETURN_IF_ERROR(ExpectKeyword("SAVEPOINT"));
    auto release = std::make_unique<ReleaseSavepointStatement>();
    PORPOISE_ASSIGN_OR_RETURN(release->name, ParseIdentifier());
    return StatementPtr(std::move(release));
  }
  Advance();
  AcceptKeyword("WORK");
  auto rollback = std::make_unique<RollbackStatement>();
  if (AcceptKeyword("TO")) {
    AcceptKeyword("SAVEPOINT");
    PORPOISE_ASSIGN_OR_RETURN(rollback->savepoint, ParseIdentifier());
    return StatementPtr(std::move(rollback));
  }
  if (AcceptKeywords({"AND", "CHAIN"})) {
    rollback->chain = true;
  } else {
    AcceptKeywords({"AND", "NO", "CHAIN"});
  }
  if (AcceptKeyword("RELEASE")) {
    rollback->release = true;
  } else {
    AcceptKeywords({"NO", "RELEASE"});
  }
  return StatementPtr(std::move(rollback));
}

Result<StatementPtr> Parser::Impl::ParseKill() {
  Advance();
  auto kill = std::make_unique<KillStatement>();
  if (AcceptKeyword("QUERY")) {
    kill->query_only = true;
  } else {
    AcceptKeyword("CONNECTION");
  }
  PORPOISE_ASSIGN_OR_RETURN(kill->id, ParseExpr());
  return StatementPtr(std::move(kill));
}

Result<StatementPtr> Parser::Impl::ParseDo() {
  Advance();
  auto statement = std::make_unique<DoStatement>();
  PORPOISE_ASSIGN_OR_RETURN(statement->exprs, ParseExprList());
  return StatementPtr(std::move(statement));
}

Result<StatementPtr> Parser::Impl::ParsePrepare() {
  Advance();
  auto prepare = std::make_unique<PrepareStatement>();
  PORPOISE_ASSIGN_OR_RETURN(prepare->name, ParseIdentifier());
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("FROM"));
  const Token& source = Peek();
  PORPOISE_ASSIGN_OR_RETURN(prepare->source, ParsePrimary());
  bool literal = prepare->source->kind == ExprKind::kLiteral &&
                 prepare->source->literal_kind == LiteralKind::kString;
  bool variable = prepare->source->kind == ExprKind::kVariable &&
                  prepare->source->scope == VariableScope::kUser;
  if (!literal && !variable) return SyntaxErrorAt(source);
  return StatementPtr(std::move(prepare));
}

Result<StatementPtr> Parser::Impl::ParseExecute() {
  Advance();
  auto execute = std::make_unique<ExecuteStatement>();
  PORPOISE_ASSIGN_OR_RETURN(execute->name, ParseIdentifier());
  if (AcceptKeyword("USING")) {
    do {
      if (Peek().type != TokenType::kUserVar) return SyntaxError();
      PORPOISE_ASSIGN_OR_RETURN(ExprPtr argument, ParsePrimary());
      execute->arguments.push_back(std::move(argument));
    } while (AcceptOp(","));
  }
  return StatementPtr(std::move(execute));
}

Result<StatementPtr> Parser::Impl::ParseHelp() {
  Advance();
  auto help = std::make_unique<HelpStatement>();
  PORPOISE_ASSIGN_OR_RETURN(help->topic, ParseIdentifierOrString());
  return StatementPtr(std::move(help));
}

Result<StatementPtr> Parser::Impl::ParseDeallocatePrepare() {
  Advance();
  Advance();  // PREPARE
  auto deallocate = std::make_unique<DeallocatePrepareStatement>();
  PORPOISE_ASSIGN_OR_RETURN(deallocate->name, ParseIdentifier());
  return StatementPtr(std::move(deallocate));
}

}  // namespace porpoise::sql
