// DDL: CREATE/DROP DATABASE, CREATE TABLE (columns, MySQL data types, keys, foreign keys,
// table options as mysqldump writes them), DROP TABLE, TRUNCATE, and ALTER dispatch. (sql/)
#include <algorithm>

#include "sql/keywords.h"
#include "sql/parse_status.h"
#include "sql/parser_impl.h"
#include "sql/printer.h"

namespace porpoise::sql {
namespace {

// What DEFAULT takes without parentheses, as MySQL's grammar has it: a literal, a number
// with a sign, or (`now`) NOW / CURRENT_TIMESTAMP / LOCALTIME / LOCALTIMESTAMP [(fsp)].
bool IsDefaultLiteral(const Expr& value, bool now) {
  switch (value.kind) {
    case ExprKind::kLiteral:
      return true;
    case ExprKind::kUnary: {
      bool sign = value.op == Operator::kNegate || value.op == Operator::kUnaryPlus;
      const Expr& operand = *value.args[0];
      return sign && operand.kind == ExprKind::kLiteral &&
             (operand.literal_kind == LiteralKind::kInteger ||
              operand.literal_kind == LiteralKind::kDecimal ||
              operand.literal_kind == LiteralKind::kFloat);
    }
    case ExprKind::kFunction:
      return now && (EqualsIgnoreCase(value.text, "NOW") || EqualsIgnoreCase(value.text, "CURRENT_TIMESTAMP") ||
             EqualsIgnoreCase(value.text, "LOCALTIME") || EqualsIgnoreCase(value.text, "LOCALTIMESTAMP"));
    default:
      return false;
  }
}

// Spellings of the integer types, mapped to MySQL's canonical names.
constexpr std::pair<std::string_view, std::string_view> kTypeAliases[] = {
    {"TINYINT", "tinyint"},     {"INT1", "tinyint"},        {"SMALLINT", "smallint"},
    {"INT2", "smallint"},       {"MEDIUMINT", "mediumint"}, {"MIDDLEINT", "mediumint"},
    {"INT3", "mediumint"},      {"INT", "int"},             {"INTEGER", "int"},
    {"INT4", "int"},            {"BIGINT", "bigint"},       {"INT8", "bigint"},
    {"BIT", "bit"},             {"DECIMAL", "decimal"},     {"DEC", "decimal"},
    {"NUMERIC", "decimal"},     {"FIXED", "decimal"},       {"FLOAT", "float"},
    {"FLOAT4", "float"},        {"DOUBLE", "double"},       {"FLOAT8", "double"},
    {"REAL", "double"},         {"DATE", "date"},           {"TIME", "time"},
    {"DATETIME", "datetime"},   {"TIMESTAMP", "timestamp"}, {"YEAR", "year"},
    {"BINARY", "binary"},       {"VARBINARY", "varbinary"}, {"TINYBLOB", "tinyblob"},
    {"BLOB", "blob"},           {"MEDIUMBLOB", "mediumblob"}, {"LONGBLOB", "longblob"},
    {"TINYTEXT", "tinytext"},   {"TEXT", "text"},           {"MEDIUMTEXT", "mediumtext"},
    {"LONGTEXT", "longtext"},   {"JSON", "json"},           {"GEOMETRY", "geometry"},
    {"POINT", "point"},         {"LINESTRING", "linestring"}, {"POLYGON", "polygon"},
    {"MULTIPOINT", "multipoint"}, {"MULTILINESTRING", "multilinestring"},
    {"MULTIPOLYGON", "multipolygon"}, {"GEOMETRYCOLLECTION", "geometrycollection"},
    {"GEOMCOLLECTION", "geometrycollection"}, {"VARCHAR", "varchar"},
    {"VARCHARACTER", "varchar"}, {"ENUM", "enum"},      {"SET", "set"},
    {"CHAR", "char"},           {"CHARACTER", "char"},      {"NCHAR", "char"},
    {"NVARCHAR", "varchar"},    {"BOOL", "tinyint"},        {"BOOLEAN", "tinyint"},
    {"SERIAL", "bigint"},       {"LONG", "mediumtext"},     {"NATIONAL", "char"}};

std::string_view CanonicalTypeName(std::string_view upper) {
  for (const auto& [alias, name] : kTypeAliases) {
    if (alias == upper) return name;
  }
  return {};
}

}  // namespace

// DEFAULT's value: an expression in parentheses, else what IsDefaultLiteral takes (1064 near
// where MySQL's grammar stops: the value, or what follows its sign).
Result<ExprPtr> Parser::Impl::ParseDefaultValue(bool now) {
  bool parenthesized = PeekOp("(");
  size_t first = pos;
  PORPOISE_ASSIGN_OR_RETURN(ExprPtr value, ParseUnary());
  if (parenthesized || IsDefaultLiteral(*value, now)) return value;
  bool sign = value->kind == ExprKind::kUnary &&
              (value->op == Operator::kNegate || value->op == Operator::kUnaryPlus);
  pos = first + (sign ? 1 : 0);
  return SyntaxError();
}

Result<StatementPtr> Parser::Impl::ParseCreate() {
  Advance();
  if (PeekKeyword("DATABASE") || PeekKeyword("SCHEMA")) return ParseCreateDatabase();
  if (AcceptKeyword("TEMPORARY")) {
    if (!PeekKeyword("TABLE")) return SyntaxError();
    return ParseCreateTable(true);
  }
  if (PeekKeyword("TABLE")) return ParseCreateTable(false);
  if (PeekKeyword("USER") || PeekKeyword("ROLE")) return ParseCreateUser();
  if (PeekKeyword("PROCEDURE") || PeekKeyword("FUNCTION") || PeekKeyword("TRIGGER") ||
      PeekKeyword("EVENT")) {
    return ParseCreateStoredProgram(std::nullopt);
  }
  if (PeekKeyword("DEFINER")) {
    size_t at = pos;
    Advance();
    PORPOISE_RETURN_IF_ERROR(ExpectOp("="));
    PORPOISE_ASSIGN_OR_RETURN(UserName definer, ParseUserName());
    if (PeekKeyword("PROCEDURE") || PeekKeyword("FUNCTION") || PeekKeyword("TRIGGER") ||
        PeekKeyword("EVENT")) {
      return ParseCreateStoredProgram(std::move(definer));
    }
    pos = at;
  }
  if (AcceptKeywords({"OR", "REPLACE"})) return ParseCreateView(false, true);
  if (PeekKeyword("VIEW") || PeekKeyword("ALGORITHM") || PeekKeyword("DEFINER") ||
      (PeekKeyword("SQL") && PeekKeyword("SECURITY", 1))) {
    return ParseCreateView(false, false);
  }
  if (PeekKeyword("INDEX") || PeekKeyword("UNIQUE") || PeekKeyword("FULLTEXT") ||
      PeekKeyword("SPATIAL")) {
    return ParseCreateIndex();
  }
  if (Peek().type != TokenType::kWord) return SyntaxError();
  return Unsupported("CREATE " + ToUpperAscii(Peek().text));
}

Result<StatementPtr> Parser::Impl::ParseDrop() {
  Advance();
  if (AcceptKeyword("DATABASE") || AcceptKeyword("SCHEMA")) {
    auto drop = std::make_unique<DropDatabaseStatement>();
    drop->if_exists = AcceptKeywords({"IF", "EXISTS"});
    PORPOISE_ASSIGN_OR_RETURN(drop->name, ParseIdentifier());
    return StatementPtr(std::move(drop));
  }
  auto drop = std::make_unique<DropTableStatement>();
  drop->temporary = AcceptKeyword("TEMPORARY");
  if (AcceptKeyword("TABLE") || AcceptKeyword("TABLES")) {
    drop->if_exists = AcceptKeywords({"IF", "EXISTS"});
    do {
      PORPOISE_ASSIGN_OR_RETURN(TableName name, ParseTableName());
      drop->tables.push_back(std::move(name));
    } while (AcceptOp(","));
    if (!AcceptKeyword("RESTRICT")) AcceptKeyword("CASCADE");
    return StatementPtr(std::move(drop));
  }
  if (drop->temporary) return SyntaxError();
  if (PeekKeyword("USER") || PeekKeyword("ROLE")) return ParseDropUser();
  if (PeekKeyword("VIEW")) return ParseDropView();
  if (PeekKeyword("PROCEDURE") || PeekKeyword("FUNCTION") || PeekKeyword("TRIGGER")) {
    return ParseDropStoredProgram();
  }
  if (AcceptKeyword("INDEX")) {
    auto drop_index = std::make_unique<DropIndexStatement>();
    PORPOISE_ASSIGN_OR_RETURN(drop_index->name, ParseIdentifier());
    PORPOISE_RETURN_IF_ERROR(ExpectKeyword("ON"));
    PORPOISE_ASSIGN_OR_RETURN(drop_index->table, ParseTableName());
    PORPOISE_RETURN_IF_ERROR(SkipAlgorithmAndLock());
    return StatementPtr(std::move(drop_index));
  }
  if (Peek().type != TokenType::kWord) return SyntaxError();
  return Unsupported("DROP " + ToUpperAscii(Peek().text));
}

// ALTER USER is parsed; ALTER TABLE t {DISABLE|ENABLE} KEYS (mysqldump's) answers MySQL's
// InnoDB note 1031 as an error value the engine may downgrade; other ALTERs are unsupported.
Result<StatementPtr> Parser::Impl::ParseAlter() {
  Advance();
  if (PeekKeyword("USER")) return ParseAlterUser();
  if (AcceptKeyword("INSTANCE")) {
    // RELOAD TLS only: the other actions manage InnoDB keys, the binary log and redo log.
    if (!AcceptKeywords({"RELOAD", "TLS"})) {
      if (Peek().type != TokenType::kWord) return SyntaxError();
      return Unsupported("ALTER INSTANCE " + ToUpperAscii(Peek().text));
    }
    auto statement = std::make_unique<AlterInstanceStatement>();
    if (AcceptKeywords({"FOR", "CHANNEL"})) {
      if (Peek().type != TokenType::kWord) return SyntaxError();
      std::string channel = ToLowerAscii(Advance().text);
      if (channel != "mysql_main") return Unsupported("TLS channel " + channel);
    }
    statement->no_rollback_on_error = AcceptKeywords({"NO", "ROLLBACK", "ON", "ERROR"});
    if (!AtStatementEnd()) return SyntaxError();
    return StatementPtr(std::move(statement));
  }
  if (PeekKeyword("DATABASE") || PeekKeyword("SCHEMA")) return ParseAlterDatabase();
  if (AcceptKeyword("TABLE")) {
    PORPOISE_ASSIGN_OR_RETURN(TableName table, ParseTableName());
    if ((AcceptKeyword("DISABLE") || AcceptKeyword("ENABLE")) && AcceptKeyword("KEYS") &&
        AtStatementEnd()) {
      return Status::Error(ER_ILLEGAL_HA, table.table);
    }
    return ParseAlterTable(std::move(table));
  }
  if (PeekKeyword("VIEW") || PeekKeyword("ALGORITHM") || PeekKeyword("DEFINER") ||
      (PeekKeyword("SQL") && PeekKeyword("SECURITY", 1))) {
    return ParseCreateView(true, false);
  }
  if (Peek().type != TokenType::kWord) return SyntaxError();
  return Unsupported("ALTER " + ToUpperAscii(Peek().text));
}

// ANALYZE | CHECK | OPTIMIZE | REPAIR [NO_WRITE_TO_BINLOG | LOCAL] TABLE t [, t ...] [options]
Result<StatementPtr> Parser::Impl::ParseTableMaintenance() {
  using Operation = TableMaintenanceStatement::Operation;
  auto statement = std::make_unique<TableMaintenanceStatement>();
  std::string verb = ToUpperAscii(Advance().text);
  statement->operation = verb == "ANALYZE" ? Operation::kAnalyze
                         : verb == "CHECK"  ? Operation::kCheck
                         : verb == "OPTIMIZE" ? Operation::kOptimize
                                              : Operation::kRepair;
  if (statement->operation != Operation::kCheck) {
    if (!AcceptKeyword("NO_WRITE_TO_BINLOG")) AcceptKeyword("LOCAL");
  }
  if (!AcceptKeyword("TABLE") && !AcceptKeyword("TABLES")) return SyntaxError();
  do {
    PORPOISE_ASSIGN_OR_RETURN(TableName name, ParseTableName());
    statement->tables.push_back(std::move(name));
  } while (AcceptOp(","));
  if (statement->operation == Operation::kAnalyze && PeekKeyword("UPDATE")) {
    return Unsupported("ANALYZE TABLE ... UPDATE HISTOGRAM");
  }
  if (statement->operation == Operation::kAnalyze && PeekKeyword("DROP")) {
    return Unsupported("ANALYZE TABLE ... DROP HISTOGRAM");
  }
  // CHECK's FOR UPGRADE / QUICK / FAST / MEDIUM / EXTENDED / CHANGED and REPAIR's QUICK /
  // EXTENDED / USE_FRM change nothing here.
  while (AcceptKeywords({"FOR", "UPGRADE"}) || AcceptKeyword("QUICK") || AcceptKeyword("FAST") ||
         AcceptKeyword("MEDIUM") || AcceptKeyword("EXTENDED") || AcceptKeyword("CHANGED") ||
         AcceptKeyword("USE_FRM")) {
  }
  return StatementPtr(std::move(statement));
}

Result<StatementPtr> Parser::Impl::ParseTruncate() {
  Advance();
  AcceptKeyword("TABLE");
  auto truncate = std::make_unique<TruncateTableStatement>();
  PORPOISE_ASSIGN_OR_RETURN(truncate->table, ParseTableName());
  return StatementPtr(std::move(truncate));
}

// [ALGORITHM = a] [DEFINER = user] [SQL SECURITY s] VIEW v [(columns)] AS query
// [WITH [CASCADED|LOCAL] CHECK OPTION], after CREATE [OR REPLACE] or ALTER.
Result<StatementPtr> Parser::Impl::ParseCreateView(bool alter, bool or_replace) {
  auto create = std::make_unique<CreateViewStatement>();
  create->alter = alter;
  create->or_replace = or_replace;
  if (AcceptKeyword("ALGORITHM")) {
    PORPOISE_RETURN_IF_ERROR(ExpectOp("="));
    for (const char* algorithm : {"UNDEFINED", "MERGE", "TEMPTABLE"}) {
      if (AcceptKeyword(algorithm)) create->algorithm = algorithm;
    }
    if (create->algorithm.empty()) return SyntaxError();
  }
  if (AcceptKeyword("DEFINER")) {
    PORPOISE_RETURN_IF_ERROR(ExpectOp("="));
    PORPOISE_ASSIGN_OR_RETURN(create->definer, ParseUserName());
  }
  if (AcceptKeywords({"SQL", "SECURITY"})) {
    if (AcceptKeyword("DEFINER")) {
      create->security = "DEFINER";
    } else if (AcceptKeyword("INVOKER")) {
      create->security = "INVOKER";
    } else {
      return SyntaxError();
    }
  }
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("VIEW"));
  PORPOISE_ASSIGN_OR_RETURN(create->view, ParseTableName());
  if (PeekOp("(")) {
    PORPOISE_ASSIGN_OR_RETURN(create->columns, ParseIdentifierList());
  }
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("AS"));
  PORPOISE_ASSIGN_OR_RETURN(create->select, ParseQueryExpression());
  if (AcceptKeyword("WITH")) {
    create->check_option = CreateViewStatement::CheckOption::kCascaded;
    if (AcceptKeyword("LOCAL")) {
      create->check_option = CreateViewStatement::CheckOption::kLocal;
    } else {
      AcceptKeyword("CASCADED");
    }
    PORPOISE_RETURN_IF_ERROR(ExpectKeyword("CHECK"));
    PORPOISE_RETURN_IF_ERROR(ExpectKeyword("OPTION"));
  }
  return StatementPtr(std::move(create));
}

// DROP VIEW [IF EXISTS] v [, v ...] [RESTRICT|CASCADE]
Result<StatementPtr> Parser::Impl::ParseDropView() {
  Advance();
  auto drop = std::make_unique<DropViewStatement>();
  drop->if_exists = AcceptKeywords({"IF", "EXISTS"});
  do {
    PORPOISE_ASSIGN_OR_RETURN(TableName name, ParseTableName());
    drop->views.push_back(std::move(name));
  } while (AcceptOp(","));
  if (!AcceptKeyword("RESTRICT")) AcceptKeyword("CASCADE");
  return StatementPtr(std::move(drop));
}

// CREATE DATABASE|SCHEMA [IF NOT EXISTS] name [[DEFAULT] CHARACTER SET [=] x]
//   [[DEFAULT] COLLATE [=] y] [[DEFAULT] ENCRYPTION [=] 'N']
Result<StatementPtr> Parser::Impl::ParseCreateDatabase() {
  Advance();
  auto create = std::make_unique<CreateDatabaseStatement>();
  create->if_not_exists = AcceptKeywords({"IF", "NOT", "EXISTS"});
  PORPOISE_ASSIGN_OR_RETURN(create->name, ParseIdentifier());
  PORPOISE_RETURN_IF_ERROR(ParseDatabaseOptions(&create->charset, &create->collation, false));
  return StatementPtr(std::move(create));
}

// A database's options to the statement's end: [DEFAULT] CHARACTER SET [=] x, [DEFAULT]
// COLLATE [=] y, [DEFAULT] ENCRYPTION [=] 'N' (kept by no one); ALTER's READ ONLY is not
// there (1235), CREATE has none.
Status Parser::Impl::ParseDatabaseOptions(std::string* charset, std::string* collation, bool alter) {
  while (!AtStatementEnd()) {
    AcceptKeyword("DEFAULT");
    if (AcceptKeywords({"CHARACTER", "SET"}) || AcceptKeyword("CHARSET")) {
      AcceptOp("=");
      PORPOISE_ASSIGN_OR_RETURN(*charset, ParseCharsetName());
    } else if (AcceptKeyword("COLLATE")) {
      AcceptOp("=");
      PORPOISE_ASSIGN_OR_RETURN(*collation, ParseCharsetName());
    } else if (AcceptKeyword("ENCRYPTION")) {
      AcceptOp("=");
      if (Peek().type != TokenType::kString) return SyntaxError();
      Advance();
    } else if (alter && PeekKeyword("READ") && PeekKeyword("ONLY", 1)) {
      return Unsupported("ALTER DATABASE ... READ ONLY");
    } else {
      return SyntaxError();
    }
  }
  return Status::OK();
}

// ALTER DATABASE|SCHEMA [name] option ...: [DEFAULT] CHARACTER SET [=] x, [DEFAULT] COLLATE
// [=] y, [DEFAULT] ENCRYPTION [=] 'N' (at least one).
Result<StatementPtr> Parser::Impl::ParseAlterDatabase() {
  Advance();
  auto alter = std::make_unique<AlterDatabaseStatement>();
  auto option_word = [&] {
    return PeekKeyword("DEFAULT") || PeekKeyword("CHARACTER") || PeekKeyword("CHARSET") ||
           PeekKeyword("COLLATE") || PeekKeyword("ENCRYPTION") || PeekKeyword("READ");
  };
  if (!AtStatementEnd() && !option_word()) {
    PORPOISE_ASSIGN_OR_RETURN(alter->name, ParseIdentifier());
  }
  if (AtStatementEnd()) return SyntaxError();
  PORPOISE_RETURN_IF_ERROR(ParseDatabaseOptions(&alter->charset, &alter->collation, true));
  return StatementPtr(std::move(alter));
}

// CREATE [TEMPORARY] TABLE [IF NOT EXISTS] t { LIKE u | (LIKE u) |
//   [(elements)] [options] [[IGNORE|REPLACE] [AS] query] }
Result<StatementPtr> Parser::Impl::ParseCreateTable(bool temporary) {
  Advance();
  auto create = std::make_unique<CreateTableStatement>();
  create->temporary = temporary;
  create->if_not_exists = AcceptKeywords({"IF", "NOT", "EXISTS"});
  PORPOISE_ASSIGN_OR_RETURN(create->table, ParseTableName());
  bool parenthesized_like = PeekOp("(") && PeekKeyword("LIKE", 1);
  if (parenthesized_like) Advance();
  if (AcceptKeyword("LIKE")) {
    PORPOISE_ASSIGN_OR_RETURN(create->like, ParseTableName());
    if (parenthesized_like) PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
    return StatementPtr(std::move(create));
  }
  if (PeekOp("(") && !PeekKeyword("SELECT", 1) && !PeekKeyword("WITH", 1)) {
    Advance();
    do {
      PORPOISE_RETURN_IF_ERROR(ParseTableElement(create.get()));
    } while (AcceptOp(","));
    PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
  }
  PORPOISE_RETURN_IF_ERROR(ParseTableOptions(create.get()));
  if (PeekKeyword("PARTITION")) return Unsupported("PARTITION BY");
  create->select_ignore = AcceptKeyword("IGNORE");
  create->select_replace = !create->select_ignore && AcceptKeyword("REPLACE");
  bool as = AcceptKeyword("AS");
  if (PeekKeyword("SELECT") || PeekOp("(")) {
    PORPOISE_ASSIGN_OR_RETURN(create->as_select, ParseQueryExpression());
  } else if (as) {
    return SyntaxError();
  }
  if (create->columns.empty() && !create->as_select) {
    return Status::Error(ER_TABLE_MUST_HAVE_COLUMNS);
  }
  return StatementPtr(std::move(create));
}

// One entry of CREATE TABLE's list: a column, a key, a foreign key or a CHECK (dropped).
Status Parser::Impl::ParseTableElement(CreateTableStatement* create) {
  bool check = PeekKeyword("CHECK") || (PeekKeyword("CONSTRAINT") && PeekKeyword("CHECK", 1)) ||
               (PeekKeyword("CONSTRAINT") && PeekIdentifier(1) && PeekKeyword("CHECK", 2));
  if (check) {
    PORPOISE_ASSIGN_OR_RETURN(CheckDef def, ParseCheck());
    create->checks.push_back(std::move(def));
    return Status::OK();
  }
  static constexpr std::string_view kIndexStarts[] = {
      "CONSTRAINT", "PRIMARY", "UNIQUE", "KEY", "INDEX", "FULLTEXT", "SPATIAL", "FOREIGN"};
  for (std::string_view word : kIndexStarts) {
    if (PeekKeyword(word)) {
      PORPOISE_ASSIGN_OR_RETURN(IndexDef index, ParseIndexDef());
      create->indexes.push_back(std::move(index));
      return Status::OK();
    }
  }
  PORPOISE_ASSIGN_OR_RETURN(ColumnDef column, ParseColumnDef());
  create->columns.push_back(std::move(column));
  return Status::OK();
}

Result<ColumnDef> Parser::Impl::ParseColumnDef() {
  ColumnDef column;
  PORPOISE_ASSIGN_OR_RETURN(column.name, ParseIdentifier());
  bool serial = PeekKeyword("SERIAL");
  PORPOISE_ASSIGN_OR_RETURN(column.type, ParseDataType());
  if (serial) {
    // SERIAL is BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE.
    column.nullable = false;
    column.auto_increment = true;
    column.unique_key = true;
  }
  PORPOISE_RETURN_IF_ERROR(ParseColumnAttributes(&column));
  return column;
}

Status Parser::Impl::ParseColumnAttributes(ColumnDef* column) {
  while (true) {
    if (AcceptKeywords({"NOT", "NULL"})) {
      column->nullable = false;
    } else if (AcceptKeyword("NULL")) {
      column->nullable = true;
    } else if (AcceptKeyword("DEFAULT")) {
      if (AcceptKeywords({"SERIAL", "VALUE"})) {
        column->nullable = false;
        column->auto_increment = true;
        column->unique_key = true;
        continue;
      }
      column->default_is_expression = PeekOp("(");
      PORPOISE_ASSIGN_OR_RETURN(column->default_value, ParseDefaultValue(/*now=*/true));
    } else if (AcceptKeywords({"ON", "UPDATE"})) {
      PORPOISE_ASSIGN_OR_RETURN(ExprPtr value, ParsePrimary());
      if (value->kind != ExprKind::kFunction) return SyntaxError();
      column->on_update_current_timestamp = true;
    } else if (AcceptKeyword("AUTO_INCREMENT")) {
      column->auto_increment = true;
    } else if (AcceptKeywords({"PRIMARY", "KEY"}) || AcceptKeyword("KEY")) {
      column->primary_key = true;
    } else if (AcceptKeyword("UNIQUE")) {
      AcceptKeyword("KEY");
      column->unique_key = true;
    } else if (AcceptKeyword("COMMENT")) {
      if (Peek().type != TokenType::kString) return SyntaxError();
      PORPOISE_ASSIGN_OR_RETURN(ExprPtr comment, ParseLiteral());
      column->comment = comment->text;
    } else if (AcceptKeyword("COLLATE")) {
      PORPOISE_ASSIGN_OR_RETURN(column->type.collation, ParseCharsetName());
    } else if (AcceptKeywords({"CHARACTER", "SET"}) || AcceptKeyword("CHARSET")) {
      PORPOISE_ASSIGN_OR_RETURN(column->type.charset, ParseCharsetName());
    } else if (AcceptKeyword("COLUMN_FORMAT") || AcceptKeyword("STORAGE")) {
      if (Peek().type != TokenType::kWord) return SyntaxError();
      Advance();
    } else if (AcceptKeyword("VISIBLE")) {
      column->invisible = false;
    } else if (AcceptKeyword("INVISIBLE")) {
      column->invisible = true;
    } else if (AcceptKeyword("SRID")) {
      PORPOISE_ASSIGN_OR_RETURN(uint32_t srid, ParseUnsigned());
      (void)srid;
    } else if (PeekKeyword("REFERENCES")) {
      // Inline REFERENCES is accepted and ignored, as MySQL does.
      Advance();
      PORPOISE_ASSIGN_OR_RETURN(TableName table, ParseTableName());
      PORPOISE_ASSIGN_OR_RETURN(std::vector<std::string> columns, ParseIdentifierList());
      while (AcceptKeyword("ON")) {
        if (!AcceptKeyword("DELETE")) PORPOISE_RETURN_IF_ERROR(ExpectKeyword("UPDATE"));
        PORPOISE_ASSIGN_OR_RETURN(ReferenceAction action, ParseReferenceAction());
        (void)action;
      }
    } else if (PeekKeyword("CHECK") || PeekKeyword("CONSTRAINT")) {
      PORPOISE_ASSIGN_OR_RETURN(CheckDef def, ParseCheck());
      column->checks.push_back(std::move(def));
    } else if (PeekKeyword("GENERATED") || PeekKeyword("AS")) {
      if (AcceptKeyword("GENERATED")) PORPOISE_RETURN_IF_ERROR(ExpectKeyword("ALWAYS"));
      PORPOISE_RETURN_IF_ERROR(ExpectKeyword("AS"));
      PORPOISE_RETURN_IF_ERROR(ExpectOp("("));
      PORPOISE_ASSIGN_OR_RETURN(column->generated, ParseExpr());
      PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
      if (AcceptKeyword("STORED")) {
        column->generated_stored = true;
      } else {
        AcceptKeyword("VIRTUAL");
      }
    } else {
      return Status::OK();
    }
  }
}

// [CONSTRAINT [name]] CHECK (expr) [[NOT] ENFORCED]
Result<CheckDef> Parser::Impl::ParseCheck() {
  CheckDef def;
  if (AcceptKeyword("CONSTRAINT") && PeekIdentifier()) def.name = Advance().text;
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("CHECK"));
  PORPOISE_RETURN_IF_ERROR(ExpectOp("("));
  PORPOISE_ASSIGN_OR_RETURN(def.expr, ParseExpr());
  PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
  if (AcceptKeywords({"NOT", "ENFORCED"})) {
    def.enforced = false;
  } else {
    AcceptKeyword("ENFORCED");
  }
  return def;
}

Result<ReferenceAction> Parser::Impl::ParseReferenceAction() {
  if (AcceptKeyword("RESTRICT")) return ReferenceAction::kRestrict;
  if (AcceptKeyword("CASCADE")) return ReferenceAction::kCascade;
  if (AcceptKeywords({"SET", "NULL"})) return ReferenceAction::kSetNull;
  if (AcceptKeywords({"SET", "DEFAULT"})) return ReferenceAction::kSetDefault;
  if (AcceptKeywords({"NO", "ACTION"})) return ReferenceAction::kNoAction;
  return SyntaxError();
}

Result<IndexDef> Parser::Impl::ParseIndexDef() {
  IndexDef index;
  std::string symbol;
  if (AcceptKeyword("CONSTRAINT")) {
    if (PeekIdentifier()) symbol = Advance().text;
  }
  if (AcceptKeywords({"PRIMARY", "KEY"})) {
    index.kind = IndexDef::Kind::kPrimary;
  } else if (AcceptKeyword("UNIQUE")) {
    index.kind = IndexDef::Kind::kUnique;
    if (!AcceptKeyword("INDEX")) AcceptKeyword("KEY");
  } else if (AcceptKeywords({"FOREIGN", "KEY"})) {
    index.kind = IndexDef::Kind::kForeign;
  } else if (!symbol.empty() || PeekKeyword("CONSTRAINT", 0)) {
    return SyntaxError();
  } else if (AcceptKeyword("FULLTEXT") || AcceptKeyword("SPATIAL")) {
    index.kind = ToUpperAscii(tokens[pos - 1].text) == "FULLTEXT" ? IndexDef::Kind::kFulltext
                                                                   : IndexDef::Kind::kSpatial;
    if (!AcceptKeyword("INDEX")) AcceptKeyword("KEY");
  } else if (AcceptKeyword("INDEX") || AcceptKeyword("KEY")) {
    index.kind = IndexDef::Kind::kIndex;
  } else {
    return SyntaxError();
  }
  if (index.kind != IndexDef::Kind::kPrimary && PeekIdentifier()) index.name = Advance().text;
  if (index.name.empty() && index.kind != IndexDef::Kind::kPrimary) index.name = symbol;
  if (index.kind == IndexDef::Kind::kForeign && !symbol.empty()) index.name = symbol;
  PORPOISE_RETURN_IF_ERROR(SkipIndexOptions());
  PORPOISE_ASSIGN_OR_RETURN(index.parts, ParseIndexParts());
  if (index.kind != IndexDef::Kind::kForeign) {
    PORPOISE_RETURN_IF_ERROR(SkipIndexOptions());
    return index;
  }
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("REFERENCES"));
  PORPOISE_ASSIGN_OR_RETURN(index.referenced_table, ParseTableName());
  PORPOISE_ASSIGN_OR_RETURN(index.referenced_columns, ParseIdentifierList());
  if (AcceptKeyword("MATCH")) {
    if (!AcceptKeyword("FULL") && !AcceptKeyword("PARTIAL")) {
      PORPOISE_RETURN_IF_ERROR(ExpectKeyword("SIMPLE"));
    }
  }
  while (AcceptKeyword("ON")) {
    if (AcceptKeyword("DELETE")) {
      PORPOISE_ASSIGN_OR_RETURN(index.on_delete, ParseReferenceAction());
    } else {
      PORPOISE_RETURN_IF_ERROR(ExpectKeyword("UPDATE"));
      PORPOISE_ASSIGN_OR_RETURN(index.on_update, ParseReferenceAction());
    }
  }
  return index;
}

// ALTER TABLE t spec [, spec ...] for the specs that change indexes: ADD {INDEX|KEY|UNIQUE|
// FULLTEXT|SPATIAL|CONSTRAINT ... UNIQUE} ..., DROP {INDEX|KEY} name, RENAME {INDEX|KEY} a TO b,
// ADD [COLUMN] definition (at the end), RENAME [TO|AS] new_name, ALGORITHM=..., LOCK=....
// Any other spec is 1235 naming it.
Result<StatementPtr> Parser::Impl::ParseAlterTable(TableName table) {
  auto alter = std::make_unique<AlterTableStatement>();
  alter->table = std::move(table);
  // [FIRST | AFTER column] after a column definition.
  auto position = [&](AlterSpec* spec) -> Status {
    if (AcceptKeyword("FIRST")) {
      spec->first = true;
    } else if (AcceptKeyword("AFTER")) {
      PORPOISE_ASSIGN_OR_RETURN(spec->after, ParseIdentifier());
    }
    return Status::OK();
  };
  do {
    if (PeekKeyword("ALGORITHM") || PeekKeyword("LOCK")) {
      PORPOISE_RETURN_IF_ERROR(SkipAlgorithmAndLock());
      continue;
    }
    AlterSpec spec;
    if (AcceptKeyword("ADD")) {
      bool check = PeekKeyword("CHECK") || (PeekKeyword("CONSTRAINT") && PeekKeyword("CHECK", 1)) ||
                   (PeekKeyword("CONSTRAINT") && PeekKeyword("CHECK", 2));
      bool index = !check && (PeekKeyword("INDEX") || PeekKeyword("KEY") || PeekKeyword("UNIQUE") ||
                              PeekKeyword("FULLTEXT") || PeekKeyword("SPATIAL") ||
                              PeekKeyword("PRIMARY") || PeekKeyword("FOREIGN") ||
                              PeekKeyword("CONSTRAINT"));
      if (check) {
        spec.kind = AlterSpec::Kind::kAddCheck;
        PORPOISE_ASSIGN_OR_RETURN(CheckDef def, ParseCheck());
        spec.check.push_back(std::move(def));
      } else if (index) {
        PORPOISE_ASSIGN_OR_RETURN(spec.index, ParseIndexDef());
      } else {
        AcceptKeyword("COLUMN");
        if (AcceptOp("(")) {
          // ADD [COLUMN] (definition, ...): each at the end, in order.
          do {
            AlterSpec add;
            add.kind = AlterSpec::Kind::kAddColumn;
            PORPOISE_ASSIGN_OR_RETURN(add.column, ParseColumnDef());
            alter->specs.push_back(std::move(add));
          } while (AcceptOp(","));
          PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
          continue;
        }
        spec.kind = AlterSpec::Kind::kAddColumn;
        PORPOISE_ASSIGN_OR_RETURN(spec.column, ParseColumnDef());
        PORPOISE_RETURN_IF_ERROR(position(&spec));
      }
    } else if (AcceptKeyword("DROP")) {
      if (AcceptKeyword("INDEX") || AcceptKeyword("KEY")) {
        spec.kind = AlterSpec::Kind::kDropIndex;
        PORPOISE_ASSIGN_OR_RETURN(spec.name, ParseIdentifier());
      } else if (AcceptKeywords({"PRIMARY", "KEY"})) {
        spec.kind = AlterSpec::Kind::kDropPrimaryKey;
      } else if (AcceptKeywords({"FOREIGN", "KEY"})) {
        spec.kind = AlterSpec::Kind::kDropForeignKey;
        PORPOISE_ASSIGN_OR_RETURN(spec.name, ParseIdentifier());
      } else if (AcceptKeyword("CHECK") || AcceptKeyword("CONSTRAINT")) {
        spec.kind = AlterSpec::Kind::kDropCheck;
        PORPOISE_ASSIGN_OR_RETURN(spec.name, ParseIdentifier());
      } else {
        AcceptKeyword("COLUMN");
        spec.kind = AlterSpec::Kind::kDropColumn;
        PORPOISE_ASSIGN_OR_RETURN(spec.name, ParseIdentifier());
        if (!AcceptKeyword("RESTRICT")) AcceptKeyword("CASCADE");
      }
    } else if (AcceptKeyword("MODIFY")) {
      AcceptKeyword("COLUMN");
      spec.kind = AlterSpec::Kind::kModifyColumn;
      PORPOISE_ASSIGN_OR_RETURN(spec.column, ParseColumnDef());
      spec.name = spec.column.name;
      PORPOISE_RETURN_IF_ERROR(position(&spec));
    } else if (AcceptKeyword("CHANGE")) {
      AcceptKeyword("COLUMN");
      spec.kind = AlterSpec::Kind::kChangeColumn;
      PORPOISE_ASSIGN_OR_RETURN(spec.name, ParseIdentifier());
      PORPOISE_ASSIGN_OR_RETURN(spec.column, ParseColumnDef());
      PORPOISE_RETURN_IF_ERROR(position(&spec));
    } else if (AcceptKeyword("RENAME")) {
      if (AcceptKeyword("INDEX") || AcceptKeyword("KEY")) {
        spec.kind = AlterSpec::Kind::kRenameIndex;
      } else if (AcceptKeyword("COLUMN")) {
        spec.kind = AlterSpec::Kind::kRenameColumn;
      } else {
        if (!AcceptKeyword("TO")) AcceptKeyword("AS");
        spec.kind = AlterSpec::Kind::kRenameTable;
        PORPOISE_ASSIGN_OR_RETURN(spec.new_table, ParseTableName());
        alter->specs.push_back(std::move(spec));
        continue;
      }
      PORPOISE_ASSIGN_OR_RETURN(spec.name, ParseIdentifier());
      PORPOISE_RETURN_IF_ERROR(ExpectKeyword("TO"));
      PORPOISE_ASSIGN_OR_RETURN(spec.new_name, ParseIdentifier());
    } else if (AcceptKeyword("ALTER")) {
      if (AcceptKeyword("INDEX")) {
        // ALTER INDEX i [IN]VISIBLE: nothing to change here.
        spec.kind = AlterSpec::Kind::kNoOp;
        PORPOISE_ASSIGN_OR_RETURN(spec.name, ParseIdentifier());
        if (!AcceptKeyword("VISIBLE") && !AcceptKeyword("INVISIBLE")) return SyntaxError();
      } else if (AcceptKeyword("CHECK") || AcceptKeyword("CONSTRAINT")) {
        spec.kind = AlterSpec::Kind::kAlterCheck;
        PORPOISE_ASSIGN_OR_RETURN(spec.name, ParseIdentifier());
        CheckDef state;
        if (AcceptKeywords({"NOT", "ENFORCED"})) {
          state.enforced = false;
        } else {
          PORPOISE_RETURN_IF_ERROR(ExpectKeyword("ENFORCED"));
        }
        spec.check.push_back(std::move(state));
      } else {
        AcceptKeyword("COLUMN");
        PORPOISE_ASSIGN_OR_RETURN(spec.name, ParseIdentifier());
        if (AcceptKeywords({"SET", "DEFAULT"})) {
          spec.kind = AlterSpec::Kind::kSetDefault;
          spec.default_is_expression = PeekOp("(");
          PORPOISE_ASSIGN_OR_RETURN(spec.default_value, ParseDefaultValue(/*now=*/false));
        } else if (AcceptKeywords({"DROP", "DEFAULT"})) {
          spec.kind = AlterSpec::Kind::kDropDefault;
        } else if (AcceptKeywords({"SET", "VISIBLE"})) {
          spec.kind = AlterSpec::Kind::kSetVisibility;
        } else if (AcceptKeywords({"SET", "INVISIBLE"})) {
          spec.kind = AlterSpec::Kind::kSetVisibility;
          spec.invisible = true;
        } else {
          return SyntaxError();
        }
      }
    } else if (AcceptKeyword("CONVERT")) {
      PORPOISE_RETURN_IF_ERROR(ExpectKeyword("TO"));
      if (!AcceptKeywords({"CHARACTER", "SET"}) && !AcceptKeyword("CHARSET")) return SyntaxError();
      spec.kind = AlterSpec::Kind::kConvertCharset;
      PORPOISE_ASSIGN_OR_RETURN(spec.charset, ParseCharsetName());
      if (AcceptKeyword("COLLATE")) {
        PORPOISE_ASSIGN_OR_RETURN(spec.collation, ParseCharsetName());
      }
    } else if (AcceptKeyword("FORCE")) {
      spec.kind = AlterSpec::Kind::kNoOp;
    } else if (PeekKeyword("ORDER") && PeekKeyword("BY", 1)) {
      spec.kind = AlterSpec::Kind::kNoOp;
      PORPOISE_ASSIGN_OR_RETURN(std::vector<OrderItem> ignored, ParseOrderBy());
      (void)ignored;
    } else if ((PeekKeyword("DISABLE") || PeekKeyword("ENABLE")) && PeekKeyword("KEYS", 1)) {
      Advance();
      Advance();
      spec.kind = AlterSpec::Kind::kNoOp;
    } else {
      // Table options: ENGINE=, AUTO_INCREMENT=, COMMENT=, [DEFAULT] CHARSET=, ...
      auto holder = std::make_unique<CreateTableStatement>();
      size_t before = pos;
      PORPOISE_RETURN_IF_ERROR(ParseTableOptions(holder.get()));
      if (pos == before) {
        if (Peek().type == TokenType::kWord) {
          return Unsupported("ALTER TABLE ... " + ToUpperAscii(Peek().text));
        }
        return SyntaxError();
      }
      // A comma after the options separates them from the next spec.
      if (tokens[pos - 1].Is(",")) --pos;
      spec.kind = AlterSpec::Kind::kOptions;
      spec.options = std::move(holder->options);
    }
    alter->specs.push_back(std::move(spec));
  } while (AcceptOp(","));
  return StatementPtr(std::move(alter));
}

// CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX name [USING ...] ON table (parts) [options]
// [ALGORITHM [=] x] [LOCK [=] x]
Result<StatementPtr> Parser::Impl::ParseCreateIndex() {
  auto create = std::make_unique<CreateIndexStatement>();
  IndexDef& index = create->index;
  if (AcceptKeyword("UNIQUE")) {
    index.kind = IndexDef::Kind::kUnique;
  } else if (AcceptKeyword("FULLTEXT")) {
    index.kind = IndexDef::Kind::kFulltext;
  } else if (AcceptKeyword("SPATIAL")) {
    index.kind = IndexDef::Kind::kSpatial;
  }
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("INDEX"));
  PORPOISE_ASSIGN_OR_RETURN(index.name, ParseIdentifier());
  PORPOISE_RETURN_IF_ERROR(SkipIndexOptions());
  PORPOISE_RETURN_IF_ERROR(ExpectKeyword("ON"));
  PORPOISE_ASSIGN_OR_RETURN(create->table, ParseTableName());
  PORPOISE_ASSIGN_OR_RETURN(index.parts, ParseIndexParts());
  PORPOISE_RETURN_IF_ERROR(SkipIndexOptions());
  PORPOISE_RETURN_IF_ERROR(SkipAlgorithmAndLock());
  return StatementPtr(std::move(create));
}

// [ALGORITHM [=] DEFAULT|INPLACE|COPY|INSTANT] [LOCK [=] DEFAULT|NONE|SHARED|EXCLUSIVE], in
// either order: accepted, as every algorithm gives the same result here.
Status Parser::Impl::SkipAlgorithmAndLock() {
  while (PeekKeyword("ALGORITHM") || PeekKeyword("LOCK")) {
    bool algorithm = AcceptKeyword("ALGORITHM");
    if (!algorithm) Advance();
    AcceptOp("=");
    bool known = algorithm ? AcceptKeyword("DEFAULT") || AcceptKeyword("INPLACE") ||
                                 AcceptKeyword("COPY") || AcceptKeyword("INSTANT")
                           : AcceptKeyword("DEFAULT") || AcceptKeyword("NONE") ||
                                 AcceptKeyword("SHARED") || AcceptKeyword("EXCLUSIVE");
    if (!known) return SyntaxError();
  }
  return Status::OK();
}

// ( col [(length)] [ASC|DESC], ... )
Result<std::vector<IndexPart>> Parser::Impl::ParseIndexParts() {
  PORPOISE_RETURN_IF_ERROR(ExpectOp("("));
  std::vector<IndexPart> parts;
  do {
    IndexPart part;
    if (AcceptOp("(")) {
      // A functional key part: (expr), a hidden generated column once the table is built.
      PORPOISE_ASSIGN_OR_RETURN(ExprPtr expression, ParseExpr());
      PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
      part.expression = std::move(expression);
    } else {
      PORPOISE_ASSIGN_OR_RETURN(part.column, ParseIdentifier());
    }
    if (!part.expression && AcceptOp("(")) {
      PORPOISE_ASSIGN_OR_RETURN(part.length, ParseUnsigned());
      PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
    }
    if (AcceptKeyword("DESC")) {
      part.descending = true;
    } else {
      AcceptKeyword("ASC");
    }
    parts.push_back(std::move(part));
  } while (AcceptOp(","));
  PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
  return parts;
}

// USING BTREE|HASH, KEY_BLOCK_SIZE [=] n, COMMENT 'x', VISIBLE, INVISIBLE, WITH PARSER p.
Status Parser::Impl::SkipIndexOptions() {
  while (true) {
    if (AcceptKeyword("USING")) {
      if (!AcceptKeyword("BTREE") && !AcceptKeyword("HASH") && !AcceptKeyword("RTREE")) {
        return SyntaxError();
      }
    } else if (AcceptKeyword("KEY_BLOCK_SIZE")) {
      AcceptOp("=");
      PORPOISE_ASSIGN_OR_RETURN(uint32_t size, ParseUnsigned());
      (void)size;
    } else if (AcceptKeyword("COMMENT") || AcceptKeyword("ENGINE_ATTRIBUTE")) {
      AcceptOp("=");
      if (Peek().type != TokenType::kString) return SyntaxError();
      Advance();
    } else if (AcceptKeywords({"WITH", "PARSER"})) {
      PORPOISE_ASSIGN_OR_RETURN(std::string parser, ParseIdentifier());
    } else if (!AcceptKeyword("VISIBLE") && !AcceptKeyword("INVISIBLE")) {
      return Status::OK();
    }
  }
}

// ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=... AUTO_INCREMENT=5 COMMENT='x' ...
Status Parser::Impl::ParseTableOptions(CreateTableStatement* create) {
  static constexpr std::string_view kSimpleOptions[] = {
      "ENGINE", "AUTO_INCREMENT", "AVG_ROW_LENGTH", "CHECKSUM", "TABLE_CHECKSUM", "COMMENT",
      "COMPRESSION", "CONNECTION", "DELAY_KEY_WRITE", "ENCRYPTION", "INSERT_METHOD",
      "KEY_BLOCK_SIZE", "MAX_ROWS", "MIN_ROWS", "PACK_KEYS", "PASSWORD", "ROW_FORMAT",
      "STATS_AUTO_RECALC", "STATS_PERSISTENT", "STATS_SAMPLE_PAGES", "TABLESPACE",
      "SECONDARY_ENGINE", "AUTOEXTEND_SIZE", "ENGINE_ATTRIBUTE", "SECONDARY_ENGINE_ATTRIBUTE"};
  while (!AtStatementEnd()) {
    TableOption option;
    if (AcceptKeywords({"DEFAULT", "CHARACTER", "SET"}) || AcceptKeywords({"DEFAULT", "CHARSET"}) ||
        AcceptKeywords({"CHARACTER", "SET"}) || AcceptKeyword("CHARSET")) {
      option.name = "DEFAULT CHARSET";
    } else if (AcceptKeywords({"DEFAULT", "COLLATE"}) || AcceptKeyword("COLLATE")) {
      option.name = "COLLATE";
    } else if (AcceptKeywords({"DATA", "DIRECTORY"}) || AcceptKeywords({"INDEX", "DIRECTORY"})) {
      option.name = ToUpperAscii(tokens[pos - 2].text) + " DIRECTORY";
    } else if (Peek().type == TokenType::kWord &&
               std::find(std::begin(kSimpleOptions), std::end(kSimpleOptions),
                         ToUpperAscii(Peek().text)) != std::end(kSimpleOptions)) {
      option.name = ToUpperAscii(Advance().text);
    } else if (AcceptKeyword("UNION")) {
      // UNION [=] (t1, ...): MERGE tables' members; InnoDB accepts and ignores it.
      AcceptOp("=");
      PORPOISE_ASSIGN_OR_RETURN(std::vector<std::string> members, ParseIdentifierList());
      option.name = "UNION";
      for (const std::string& member : members) {
        option.value += (option.value.empty() ? "" : ",") + QuoteIdentifier(member);
      }
      create->options.push_back(std::move(option));
      AcceptOp(",");
      continue;
    } else {
      return Status::OK();
    }
    AcceptOp("=");
    const Token& value = Peek();
    if (value.type == TokenType::kString) {
      PORPOISE_ASSIGN_OR_RETURN(ExprPtr literal, ParseLiteral());
      option.value = literal->text;
    } else if (value.type == TokenType::kWord || value.type == TokenType::kQuotedIdent ||
               value.type == TokenType::kInteger || value.type == TokenType::kDecimal) {
      option.value = Advance().text;
    } else if (value.type == TokenType::kHex || value.type == TokenType::kBit) {
      // 0x1, b'1': the number their bytes spell.
      uint64_t number = 0;
      for (unsigned char byte : Advance().text) number = number << 8 | byte;
      option.value = std::to_string(number);
    } else {
      return SyntaxError();
    }
    create->options.push_back(std::move(option));
    AcceptOp(",");
  }
  return Status::OK();
}

// ---- data types -------------------------------------------------------------------------

Result<DataType> Parser::Impl::ParseDataType() {
  if (Peek().type != TokenType::kWord) return SyntaxError();
  std::string word = ToUpperAscii(Peek().text);
  std::string_view canonical = CanonicalTypeName(word);
  if (canonical.empty()) return SyntaxError();
  Advance();
  DataType type;
  type.name = std::string(canonical);
  if (word == "NATIONAL") {
    // NATIONAL CHAR|CHARACTER [VARYING] | NATIONAL VARCHAR
    if (AcceptKeyword("VARCHAR")) {
      type.name = "varchar";
    } else if (AcceptKeyword("CHAR") || AcceptKeyword("CHARACTER")) {
      if (AcceptKeyword("VARYING")) type.name = "varchar";
    } else {
      return SyntaxError();
    }
    type.charset = "utf8mb3";
  } else if (word == "CHAR" || word == "CHARACTER" || word == "NCHAR") {
    if (AcceptKeyword("VARYING") || (word == "NCHAR" && AcceptKeyword("VARCHAR"))) {
      type.name = "varchar";
    }
    if (word == "NCHAR") type.charset = "utf8mb3";
  } else if (word == "NVARCHAR") {
    type.charset = "utf8mb3";
  } else if (word == "LONG") {
    if (AcceptKeyword("VARBINARY")) {
      type.name = "mediumblob";
    } else {
      AcceptKeyword("VARCHAR");
    }
  } else if (word == "DOUBLE") {
    AcceptKeyword("PRECISION");
  } else if (word == "BOOL" || word == "BOOLEAN") {
    type.length = 1;
    return type;
  } else if (word == "SERIAL") {
    type.is_unsigned = true;
    return type;
  }
  if (type.name == "enum" || type.name == "set") {
    PORPOISE_RETURN_IF_ERROR(ExpectOp("("));
    do {
      if (Peek().type != TokenType::kString) return SyntaxError();
      PORPOISE_ASSIGN_OR_RETURN(ExprPtr value, ParseLiteral());
      type.values.push_back(value->text);
    } while (AcceptOp(","));
    PORPOISE_RETURN_IF_ERROR(ExpectOp(")"));
  } else {
    bool scale = type.name == "decimal" || type.name == "float" || type.name == "double";
    bool integer = type.name.find("int") != std::string::npos;
    PORPOISE_RETURN_IF_ERROR(ParseTypeLength(&type, scale || integer));
    type.display_width = integer && type.name.ends_with("int") && type.length.has_value();
  }
  PORPOISE_RETURN_IF_ERROR(ParseTypeAttributes(&type));
  return type;
}

// [(M)] or [(M, D)] when allow_scale.
Status Parser::Impl::ParseTypeLength(DataType* type, bool allow_scale) {
  if (!AcceptOp("(")) return Status::OK();
  PORPOISE_ASSIGN_OR_RETURN(type->length, ParseUnsigned());
  if (allow_scale && AcceptOp(",")) {
    PORPOISE_ASSIGN_OR_RETURN(type->scale, ParseUnsigned());
  }
  return ExpectOp(")");
}

// UNSIGNED, SIGNED, ZEROFILL, BINARY, CHARACTER SET x, CHARSET x, ASCII, UNICODE, BYTE,
// COLLATE x (in any order, as MySQL accepts them after the type).
Status Parser::Impl::ParseTypeAttributes(DataType* type) {
  while (true) {
    if (AcceptKeyword("UNSIGNED")) {
      type->is_unsigned = true;
    } else if (AcceptKeyword("SIGNED")) {
    } else if (AcceptKeyword("ZEROFILL")) {
      type->zerofill = true;
      type->is_unsigned = true;
    } else if (AcceptKeyword("BINARY")) {
      type->binary = true;
    } else if (AcceptKeywords({"CHARACTER", "SET"}) || AcceptKeyword("CHARSET")) {
      PORPOISE_ASSIGN_OR_RETURN(type->charset, ParseCharsetName());
    } else if (AcceptKeyword("ASCII")) {
      type->charset = "latin1";
    } else if (AcceptKeyword("UNICODE")) {
      type->charset = "ucs2";
    } else if (AcceptKeyword("BYTE")) {
      type->charset = "binary";
    } else if (AcceptKeyword("COLLATE")) {
      PORPOISE_ASSIGN_OR_RETURN(type->collation, ParseCharsetName());
    } else {
      return Status::OK();
    }
  }
}

}  // namespace porpoise::sql
