// AST for MySQL statements. Every statement derives from Statement and carries its kind so the
// engine can dispatch with one switch. (sql/ast/)
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sql/ast/expression.h"

namespace porpoise::sql {

enum class StatementKind : uint8_t {
  kSelect, kInsert, kUpdate, kDelete,
  kCreateDatabase, kDropDatabase, kCreateTable, kDropTable, kTruncateTable, kUse,
  kCreateIndex, kDropIndex, kAlterTable, kRenameTable, kCreateView, kDropView,
  kTableMaintenance,
  kShow, kSet, kSetPassword,
  kCreateUser, kAlterUser, kDropUser, kRenameUser, kGrant, kRevoke, kFlush,
  kLockTables, kUnlockTables,
  kBegin, kCommit, kRollback, kSavepoint, kReleaseSavepoint,
  kKill, kDo, kExplain, kLoadData,
  kPrepare, kExecute, kDeallocatePrepare, kHelp, kShutdown, kAlterInstance, kSetRole,
  // Stored programs: their definitions, CALL, and the statements only their bodies hold.
  kCreateRoutine, kDropRoutine, kCreateTrigger, kDropTrigger, kCall,
  kBlock, kDeclareVariable, kDeclareCondition, kDeclareCursor, kDeclareHandler, kIf,
  kCaseStatement, kLoop, kLeave, kIterate, kReturn, kOpenCursor, kFetchCursor, kCloseCursor,
  kSignal, kResignal, kGetDiagnostics,
  kAlterDatabase,
};

struct Statement {
  explicit Statement(StatementKind k) : kind(k) {}
  virtual ~Statement() = default;
  StatementKind kind;
  std::string source_text;  // the statement's text as received, without the trailing ';'
  uint32_t parameter_count = 0;  // its `?` placeholders
};
using StatementPtr = std::unique_ptr<Statement>;

// ---- SELECT ----------------------------------------------------------------------------

enum class JoinType : uint8_t { kInner, kCross, kLeft, kRight, kStraight };

// What a JSON_TABLE column gives when its path finds nothing (ON EMPTY) or what it finds
// cannot be its value (ON ERROR).
struct JsonTableResponse {
  enum class Kind : uint8_t { kNull, kError, kDefault };
  Kind kind = Kind::kNull;
  std::string default_json;  // kDefault: JSON text
};

// One entry of JSON_TABLE's COLUMNS clause.
struct JsonTableColumn {
  enum class Kind : uint8_t { kOrdinality, kPath, kExists, kNested };
  Kind kind = Kind::kPath;
  std::string name;                     // all but kNested
  DataType type;                        // kPath, kExists
  std::string path;                     // kPath, kExists, kNested
  JsonTableResponse on_empty, on_error; // kPath
  bool error_before_empty = false;      // ON ERROR written first (deprecated order)
  std::vector<JsonTableColumn> nested;  // kNested: its COLUMNS
};

struct TableRef {
  enum class Kind : uint8_t { kTable, kJoin, kDerived, kJsonTable };
  Kind kind = Kind::kTable;
  TableName name;                             // kTable
  std::string alias;                          // kTable / kDerived / kJsonTable ("" when none)
  bool lateral = false;                       // kDerived: LATERAL (may read earlier tables)
  std::vector<std::string> column_names;      // kDerived: AS alias (a, b, ...), else empty
  ExprPtr json_doc;                           // kJsonTable: the document
  std::string json_path;                      // kJsonTable: the row path
  std::vector<JsonTableColumn> json_columns;  // kJsonTable: COLUMNS (...)
  JoinType join_type = JoinType::kInner;      // kJoin
  bool natural = false;                       // NATURAL [LEFT|RIGHT] JOIN
  std::unique_ptr<TableRef> left, right;      // kJoin
  ExprPtr on;                                 // kJoin ON condition
  std::vector<std::string> using_columns;     // kJoin USING (...)
  std::unique_ptr<SelectStatement> derived;   // kDerived: (SELECT ...) AS alias
};
using TableRefPtr = std::unique_ptr<TableRef>;

struct SelectItem {
  ExprPtr expr;        // `*` and `t.*` are kColumnRef with column "*"
  std::string alias;   // AS alias, "" when none
  std::string source;  // the expression's text as written: MySQL names unaliased columns so
};

struct OrderItem {
  ExprPtr expr;  // an integer literal means a select-list position
  bool descending = false;
};

enum class LockMode : uint8_t { kNone, kForUpdate, kForShare };

// Where SELECT ... INTO and FETCH ... INTO put a value: a user variable (@x) or a local
// variable or parameter of a stored program.
struct VariableTarget {
  bool user = false;
  std::string name;
};

// How SELECT ... INTO OUTFILE writes rows and LOAD DATA reads them.
struct FileFormat {
  std::string fields_terminated = "\t";
  std::string enclosed;            // one character or ""
  bool optionally_enclosed = false;
  std::string escaped = "\\";    // one character or ""
  std::string lines_starting;
  std::string lines_terminated = "\n";
  std::string charset;             // CHARACTER SET, lower case; "" when not given
};

// SELECT ... INTO OUTFILE 'path' [format] / INTO DUMPFILE 'path'.
struct OutFile {
  std::string path;
  bool dump = false;
  FileFormat format;
};

struct SelectStatement : Statement {
  SelectStatement() : Statement(StatementKind::kSelect) {}
  // WITH [RECURSIVE] name [(columns)] AS (query), ...: the common table expressions of this
  // query expression (on its first block).
  struct CommonTable {
    std::string name;
    std::vector<std::string> columns;  // empty: the query's own column names
    std::unique_ptr<SelectStatement> query;
  };
  bool with_recursive = false;
  std::vector<CommonTable> with;
  bool distinct = false;
  bool sql_calc_found_rows = false;
  // The MAX_EXECUTION_TIME(n) optimizer hint after SELECT: milliseconds (0: none).
  std::optional<uint64_t> max_execution_time;
  std::vector<SelectItem> items;
  std::vector<TableRefPtr> from;  // comma-separated list, each possibly a join tree
  ExprPtr where;
  std::vector<ExprPtr> group_by;
  bool with_rollup = false;
  ExprPtr having;
  // WINDOW name AS (...), ...
  std::vector<std::pair<std::string, std::unique_ptr<WindowSpec>>> windows;
  std::vector<OrderItem> order_by;
  ExprPtr limit;   // LIMIT n / LIMIT o, n / LIMIT n OFFSET o
  ExprPtr offset;
  LockMode lock = LockMode::kNone;
  // UNION / EXCEPT / INTERSECT [ALL|DISTINCT] chain, evaluated left to right: this SELECT is
  // the first operand (INTERSECT binds tighter, so an INTERSECT after a UNION or EXCEPT is
  // parsed into an operand of its own); order_by/limit written after a parenthesised or final
  // operand apply to the whole chain when `unions` is non-empty.
  enum class SetOperator : uint8_t { kUnion, kExcept, kIntersect };
  struct UnionPart {
    SetOperator op = SetOperator::kUnion;
    bool all = false;
    std::unique_ptr<SelectStatement> select;
  };
  std::vector<UnionPart> unions;
  std::vector<VariableTarget> into;  // SELECT ... INTO a, @b (of the whole statement)
  std::optional<OutFile> into_file;  // SELECT ... INTO OUTFILE / DUMPFILE
  std::vector<OrderItem> union_order_by;
  ExprPtr union_limit;
  ExprPtr union_offset;
};

// ---- INSERT / UPDATE / DELETE ----------------------------------------------------------

struct Assignment {
  ExprPtr column;  // kColumnRef
  ExprPtr value;   // may be kDefault
};

struct InsertStatement : Statement {
  InsertStatement() : Statement(StatementKind::kInsert) {}
  bool replace = false;  // REPLACE INTO
  bool delayed = false;  // INSERT DELAYED: run as a plain INSERT, with MySQL's warning
  bool ignore = false;
  TableName table;
  std::vector<std::string> columns;          // empty: all columns in order
  std::vector<std::vector<ExprPtr>> rows;    // VALUES (...), (...); SET a=1 becomes one row
  std::unique_ptr<SelectStatement> select;   // INSERT ... SELECT
  // VALUES (...) AS row_alias [(column_aliases)]: names ON DUPLICATE KEY UPDATE reads the new
  // row by ("" when none).
  std::string row_alias;
  std::vector<std::string> column_aliases;
  std::vector<Assignment> on_duplicate;      // ON DUPLICATE KEY UPDATE
};

struct UpdateStatement : Statement {
  UpdateStatement() : Statement(StatementKind::kUpdate) {}
  bool ignore = false;
  std::vector<TableRefPtr> tables;  // one table for single-table UPDATE
  std::vector<Assignment> assignments;
  ExprPtr where;
  std::vector<OrderItem> order_by;
  ExprPtr limit;
};

struct DeleteStatement : Statement {
  DeleteStatement() : Statement(StatementKind::kDelete) {}
  bool ignore = false;
  TableName table;     // single-table DELETE FROM t
  std::string alias;
  // Multi-table DELETE (t1, t2 FROM refs / FROM t1, t2 USING refs): the tables rows are
  // deleted from, as the references name them, and the references. Empty for one table.
  std::vector<TableName> targets;
  std::vector<TableRefPtr> from;
  ExprPtr where;
  std::vector<OrderItem> order_by;
  ExprPtr limit;
};

// ---- DDL -------------------------------------------------------------------------------

struct CreateDatabaseStatement : Statement {
  CreateDatabaseStatement() : Statement(StatementKind::kCreateDatabase) {}
  std::string name;
  bool if_not_exists = false;
  std::string charset, collation;  // lower case, "" when not given
};

// ALTER DATABASE [name] options: the default character set and collation of its new tables.
struct AlterDatabaseStatement : Statement {
  AlterDatabaseStatement() : Statement(StatementKind::kAlterDatabase) {}
  std::string name;  // "" for the current database
  std::string charset, collation;  // lower case, "" when not given
};

struct DropDatabaseStatement : Statement {
  DropDatabaseStatement() : Statement(StatementKind::kDropDatabase) {}
  std::string name;
  bool if_exists = false;
};

// [CONSTRAINT name] CHECK (expr) [[NOT] ENFORCED]
struct CheckDef {
  std::string name;  // "" when not written
  ExprPtr expr;
  bool enforced = true;
};

struct ColumnDef {
  std::string name;
  DataType type;
  std::optional<bool> nullable;  // NULL -> true, NOT NULL -> false, not written -> nullopt
  ExprPtr default_value;         // DEFAULT expr (literal, CURRENT_TIMESTAMP, (expr))
  bool default_is_expression = false;  // written DEFAULT (expr): an expression default
  bool on_update_current_timestamp = false;
  bool auto_increment = false;
  bool primary_key = false;      // inline PRIMARY KEY
  bool unique_key = false;       // inline UNIQUE [KEY]
  std::string comment;
  std::vector<CheckDef> checks;  // column-level CHECK constraints (table constraints in MySQL)
  ExprPtr generated;             // [GENERATED ALWAYS] AS (expr)
  bool generated_stored = false; // ... STORED (else VIRTUAL)
  bool invisible = false;        // INVISIBLE: left out of SELECT * and of INSERT's default list
};

struct IndexPart {
  std::string column;              // "" for a functional key part until one is made for it
  std::optional<uint32_t> length;  // prefix length col(10)
  bool descending = false;
  std::shared_ptr<const Expr> expression;  // a functional key part: ((expr))
};

enum class ReferenceAction : uint8_t { kNone, kRestrict, kCascade, kSetNull, kNoAction, kSetDefault };

struct IndexDef {
  enum class Kind : uint8_t { kPrimary, kUnique, kIndex, kFulltext, kSpatial, kForeign };
  Kind kind = Kind::kIndex;
  std::string name;        // "" when not given
  std::vector<IndexPart> parts;
  // kForeign
  TableName referenced_table;
  std::vector<std::string> referenced_columns;
  ReferenceAction on_delete = ReferenceAction::kNone;
  ReferenceAction on_update = ReferenceAction::kNone;
};

struct TableOption {
  std::string name;   // upper case: "ENGINE", "DEFAULT CHARSET", "COLLATE", "AUTO_INCREMENT",
                      // "COMMENT", "ROW_FORMAT", ...
  std::string value;  // as written (unquoted)
};

struct CreateTableStatement : Statement {
  CreateTableStatement() : Statement(StatementKind::kCreateTable) {}
  TableName table;
  bool if_not_exists = false;
  bool temporary = false;
  std::vector<ColumnDef> columns;
  std::vector<IndexDef> indexes;
  std::vector<CheckDef> checks;
  std::vector<TableOption> options;
  std::unique_ptr<SelectStatement> as_select;  // CREATE TABLE t AS SELECT
  bool select_ignore = false;                  // CREATE TABLE t IGNORE SELECT
  bool select_replace = false;                 // CREATE TABLE t REPLACE SELECT
  std::optional<TableName> like;               // CREATE TABLE t LIKE u
};

struct DropTableStatement : Statement {
  DropTableStatement() : Statement(StatementKind::kDropTable) {}
  std::vector<TableName> tables;
  bool if_exists = false;
  bool temporary = false;
};

struct TruncateTableStatement : Statement {
  TruncateTableStatement() : Statement(StatementKind::kTruncateTable) {}
  TableName table;
};

// CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX name ON table (parts): `index` as CREATE TABLE
// would hold it.
struct CreateIndexStatement : Statement {
  CreateIndexStatement() : Statement(StatementKind::kCreateIndex) {}
  TableName table;
  IndexDef index;
};

// DROP INDEX name ON table
struct DropIndexStatement : Statement {
  DropIndexStatement() : Statement(StatementKind::kDropIndex) {}
  TableName table;
  std::string name;
};

// ALTER TABLE t spec, ...
struct AlterSpec {
  enum class Kind : uint8_t {
    kAddIndex,        // ADD {INDEX|KEY|UNIQUE|FULLTEXT|SPATIAL|PRIMARY KEY|FOREIGN KEY} ...
    kDropIndex,       // DROP {INDEX|KEY} name
    kRenameIndex,     // RENAME {INDEX|KEY} name TO new_name
    kRenameTable,     // RENAME [TO|AS] new_table
    kAddColumn,       // ADD [COLUMN] column [FIRST | AFTER after]
    kDropColumn,      // DROP [COLUMN] name
    kModifyColumn,    // MODIFY [COLUMN] column [FIRST | AFTER after]
    kChangeColumn,    // CHANGE [COLUMN] name column [FIRST | AFTER after]
    kRenameColumn,    // RENAME COLUMN name TO new_name
    kSetDefault,      // ALTER [COLUMN] name SET DEFAULT default_value
    kDropDefault,     // ALTER [COLUMN] name DROP DEFAULT
    kDropPrimaryKey,  // DROP PRIMARY KEY
    kDropForeignKey,  // DROP FOREIGN KEY name
    kOptions,         // table options (ENGINE=, AUTO_INCREMENT=, COMMENT=, CHARSET=, ...)
    kConvertCharset,  // CONVERT TO CHARACTER SET charset [COLLATE collation]
    kAddCheck,        // ADD [CONSTRAINT name] CHECK (expr) [[NOT] ENFORCED]
    kDropCheck,       // DROP {CHECK | CONSTRAINT} name
    kAlterCheck,      // ALTER {CHECK | CONSTRAINT} name [NOT] ENFORCED
    kSetVisibility,   // ALTER [COLUMN] name SET {VISIBLE | INVISIBLE} (`invisible`)
    kNoOp,            // accepted, changes nothing here: FORCE, ORDER BY, ALTER INDEX VISIBLE,
                      // {DISABLE|ENABLE} KEYS
  };
  Kind kind = Kind::kAddIndex;
  IndexDef index;        // kAddIndex
  ColumnDef column;      // kAddColumn, kModifyColumn, kChangeColumn
  std::string name;      // the index or column the spec names
  std::string new_name;  // kRenameIndex, kRenameColumn
  TableName new_table;   // kRenameTable
  bool first = false;    // ... FIRST
  std::string after;     // ... AFTER after
  ExprPtr default_value;              // kSetDefault
  bool default_is_expression = false; // kSetDefault written SET DEFAULT (expr)
  std::vector<TableOption> options;   // kOptions
  std::string charset, collation;     // kConvertCharset (lower case; collation may be "")
  std::vector<CheckDef> check;        // kAddCheck: the one constraint; kAlterCheck: enforced
  bool invisible = false;             // kSetVisibility
};

struct AlterTableStatement : Statement {
  AlterTableStatement() : Statement(StatementKind::kAlterTable) {}
  TableName table;
  std::vector<AlterSpec> specs;
};

// RENAME TABLE a TO b [, c TO d ...]: applied in order, all or none.
struct RenameTableStatement : Statement {
  RenameTableStatement() : Statement(StatementKind::kRenameTable) {}
  std::vector<std::pair<TableName, TableName>> renames;
};

// CREATE [OR REPLACE] [ALGORITHM = a] [DEFINER = user] [SQL SECURITY s] VIEW v [(columns)]
// AS select [WITH [CASCADED|LOCAL] CHECK OPTION], and ALTER VIEW with the same clauses.
struct CreateViewStatement : Statement {
  enum class CheckOption : uint8_t { kNone, kCascaded, kLocal };
  CreateViewStatement() : Statement(StatementKind::kCreateView) {}
  bool alter = false;       // ALTER VIEW: the view must exist
  bool or_replace = false;
  std::string algorithm;    // "UNDEFINED", "MERGE", "TEMPTABLE"; "" when not written
  std::optional<UserName> definer;  // DEFINER = user (current_user for CURRENT_USER)
  std::string security;     // "DEFINER", "INVOKER"; "" when not written
  TableName view;
  std::vector<std::string> columns;
  std::unique_ptr<SelectStatement> select;
  CheckOption check_option = CheckOption::kNone;
};

// DROP VIEW [IF EXISTS] v [, v ...] [RESTRICT|CASCADE]
struct DropViewStatement : Statement {
  DropViewStatement() : Statement(StatementKind::kDropView) {}
  std::vector<TableName> views;
  bool if_exists = false;
};

// ANALYZE | CHECK | OPTIMIZE | REPAIR [NO_WRITE_TO_BINLOG | LOCAL] TABLE t [, t ...] [options]
struct TableMaintenanceStatement : Statement {
  enum class Operation : uint8_t { kAnalyze, kCheck, kOptimize, kRepair };
  TableMaintenanceStatement() : Statement(StatementKind::kTableMaintenance) {}
  Operation operation = Operation::kAnalyze;
  std::vector<TableName> tables;
};

struct UseStatement : Statement {
  UseStatement() : Statement(StatementKind::kUse) {}
  std::string database;
};

// ---- SHOW / SET ------------------------------------------------------------------------

struct ShowStatement : Statement {
  enum class What : uint8_t {
    kDatabases, kTables, kColumns, kIndex, kVariables, kStatus, kGrants, kCreateTable,
    kCreateDatabase, kCreateUser, kProcesslist, kWarnings, kErrors, kEngines, kCharset,
    kCollation, kTableStatus, kPrivileges, kPlugins, kCountWarnings, kCountErrors, kCreateView,
    kTriggers, kProcedureStatus, kFunctionStatus, kEvents, kOpenTables, kCreateProcedure,
    kCreateFunction, kCreateTrigger, kBinaryLogs, kBinaryLogStatus, kReplicaStatus, kReplicas,
  };
  ShowStatement() : Statement(StatementKind::kShow) {}
  What what = What::kDatabases;
  bool full = false;                 // SHOW FULL TABLES / COLUMNS / PROCESSLIST
  VariableScope scope = VariableScope::kSession;  // SHOW [GLOBAL|SESSION] VARIABLES/STATUS
  TableName table;                   // SHOW COLUMNS/INDEX/CREATE TABLE: the table (or the
                                     // procedure, function or trigger of SHOW CREATE)
  std::string database;              // FROM db (SHOW TABLES, SHOW COLUMNS ... FROM db)
  std::optional<UserName> user;      // SHOW GRANTS FOR / SHOW CREATE USER
  std::vector<UserName> using_roles; // SHOW GRANTS FOR u USING r, ...
  bool if_not_exists = false;        // SHOW CREATE DATABASE IF NOT EXISTS
  std::optional<std::string> like;   // LIKE 'pattern'
  ExprPtr where;                     // WHERE expr
  ExprPtr limit, offset;             // SHOW WARNINGS LIMIT
};

struct SetAssignment {
  enum class Kind : uint8_t {
    kVariable,     // @user := / @@scope.name = / [GLOBAL|SESSION] name = value
    kNames,        // SET NAMES charset [COLLATE collation] (value: charset, collation field)
    kCharset,      // SET CHARACTER SET charset / CHARSET
    kTransaction,  // SET [GLOBAL|SESSION] TRANSACTION ISOLATION LEVEL ... / READ ONLY|WRITE
  };
  Kind kind = Kind::kVariable;
  VariableScope scope = VariableScope::kDefault;  // kUser for @x
  std::string name;        // variable name as written, without @/@@ and scope prefixes
  ExprPtr value;           // kDefault expr for DEFAULT; ON/OFF etc. arrive as kColumnRef
                           // with only `column` set (an identifier), as MySQL parses them
  std::string charset, collation;   // kNames / kCharset ("default" for SET NAMES DEFAULT)
  std::string isolation_level;      // kTransaction: "READ-COMMITTED", ... ("" if not set)
  std::optional<bool> read_only;    // kTransaction: READ ONLY / READ WRITE
};

struct SetStatement : Statement {
  SetStatement() : Statement(StatementKind::kSet) {}
  std::vector<SetAssignment> assignments;
};

// ---- Accounts --------------------------------------------------------------------------

struct AuthOption {
  std::string plugin;                    // IDENTIFIED WITH plugin ("" when not given)
  std::optional<std::string> password;   // BY 'password'
  std::optional<std::string> hash;       // AS 'hash'
};

struct UserSpec {
  UserName user;
  std::optional<AuthOption> auth;  // nullopt when no IDENTIFIED clause
};

// REQUIRE of CREATE / ALTER USER: what TLS a login of the account must use. NONE: any
// connection; SSL: TLS; X509: TLS with a client certificate the server's CA verifies;
// SPECIFIED: that, with the certificate's issuer and subject and the cipher as given.
struct TlsRequirement {
  enum class Kind { kNone, kSsl, kX509, kSpecified };
  Kind kind = Kind::kNone;
  std::string cipher, issuer, subject;  // kSpecified: "" when not given
};

// The resource limits and password policy of CREATE / ALTER USER; a field not given is nullopt
// (ALTER USER then leaves it as it is).
struct AccountLimits {
  // WITH MAX_QUERIES_PER_HOUR n, MAX_UPDATES_PER_HOUR n, MAX_CONNECTIONS_PER_HOUR n,
  // MAX_USER_CONNECTIONS n (0: no limit).
  std::optional<uint32_t> max_queries_per_hour, max_updates_per_hour, max_connections_per_hour,
      max_user_connections;
  // PASSWORD EXPIRE [DEFAULT | NEVER | INTERVAL n DAY]: kNow marks the password expired.
  enum class Expire { kNow, kDefault, kNever, kInterval };
  std::optional<Expire> password_expire;
  uint32_t password_expire_days = 0;  // kInterval: 1..65535
  // FAILED_LOGIN_ATTEMPTS n (0..32767) and PASSWORD_LOCK_TIME n | UNBOUNDED (-1), in days.
  std::optional<uint32_t> failed_login_attempts;
  std::optional<int32_t> password_lock_time;

  bool operator==(const AccountLimits&) const = default;
};

struct CreateUserStatement : Statement {
  CreateUserStatement() : Statement(StatementKind::kCreateUser) {}
  bool role = false;  // CREATE ROLE: locked accounts no one logs in as
  bool if_not_exists = false;
  std::vector<UserSpec> users;
  std::vector<UserName> default_roles;  // DEFAULT ROLE r, ...: granted, and active at login
  std::optional<TlsRequirement> require;
  std::optional<bool> account_locked;  // ACCOUNT LOCK / UNLOCK
  AccountLimits limits;
};

struct AlterUserStatement : Statement {
  AlterUserStatement() : Statement(StatementKind::kAlterUser) {}
  bool if_exists = false;
  std::vector<UserSpec> users;  // ALTER USER USER() IDENTIFIED BY: user.current_user = true
  std::optional<TlsRequirement> require;
  std::optional<bool> account_locked;
  AccountLimits limits;
};

struct DropUserStatement : Statement {
  DropUserStatement() : Statement(StatementKind::kDropUser) {}
  bool role = false;  // DROP ROLE
  bool if_exists = false;
  std::vector<UserName> users;
};

struct RenameUserStatement : Statement {
  RenameUserStatement() : Statement(StatementKind::kRenameUser) {}
  std::vector<std::pair<UserName, UserName>> renames;
};

struct SetPasswordStatement : Statement {
  SetPasswordStatement() : Statement(StatementKind::kSetPassword) {}
  std::optional<UserName> user;  // SET PASSWORD FOR u = ...; nullopt: the current user
  std::string password;          // = 'text' (or = PASSWORD('text'))
};

// GRANT / REVOKE target: `*.*`, `db.*`, `db.t`, `*` (current db), `t` (current db's table).
struct GrantLevel {
  std::string database;  // "*" for all, "" for the current database
  std::string table;     // "*" for all tables; the routine's name for ON PROCEDURE/FUNCTION
  std::string routine_type;  // "PROCEDURE" or "FUNCTION" (ON PROCEDURE db.p); "" otherwise
};

struct GrantPrivilege {
  std::string name;                  // upper case, single spaces: "SELECT", "ALL", "GRANT OPTION"
  std::vector<std::string> columns;  // SELECT (a, b): column-level
};

struct GrantStatement : Statement {
  GrantStatement() : Statement(StatementKind::kGrant) {}
  std::vector<GrantPrivilege> privileges;
  GrantLevel level;
  std::vector<UserSpec> users;
  bool with_grant_option = false;
  // GRANT role, ... TO user, ... [WITH ADMIN OPTION] (no privileges, no level).
  std::vector<UserName> roles;
  bool with_admin_option = false;
};

struct RevokeStatement : Statement {
  RevokeStatement() : Statement(StatementKind::kRevoke) {}
  bool all_and_grant_option = false;  // REVOKE ALL [PRIVILEGES], GRANT OPTION FROM ...
  bool if_exists = false;
  std::vector<GrantPrivilege> privileges;
  GrantLevel level;
  std::vector<UserName> users;
  std::vector<UserName> roles;  // REVOKE role, ... FROM user, ...
};

// SET ROLE {DEFAULT | NONE | ALL [EXCEPT role, ...] | role, ...}; with `users`, SET DEFAULT
// ROLE {NONE | ALL | role, ...} TO user, ... (and ALTER USER user DEFAULT ROLE ...).
struct SetRoleStatement : Statement {
  SetRoleStatement() : Statement(StatementKind::kSetRole) {}
  enum class Mode : uint8_t { kNamed, kDefault, kNone, kAll, kAllExcept };
  Mode mode = Mode::kNamed;
  std::vector<UserName> roles;
  bool default_role = false;
  std::vector<UserName> users;
};

struct FlushStatement : Statement {
  FlushStatement() : Statement(StatementKind::kFlush) {}
  std::vector<std::string> options;  // upper case: "PRIVILEGES", "TABLES", "LOGS", "STATUS", ...
  bool local = false;                // FLUSH LOCAL / NO_WRITE_TO_BINLOG
};

// ---- Locks, transactions, misc ---------------------------------------------------------

struct LockTablesStatement : Statement {
  LockTablesStatement() : Statement(StatementKind::kLockTables) {}
  struct Item {
    TableName table;
    std::string alias;
    bool write = false;  // WRITE / LOW_PRIORITY WRITE; READ [LOCAL] otherwise
  };
  std::vector<Item> tables;
};

struct UnlockTablesStatement : Statement {
  UnlockTablesStatement() : Statement(StatementKind::kUnlockTables) {}
};

struct BeginStatement : Statement {
  BeginStatement() : Statement(StatementKind::kBegin) {}
  std::optional<bool> read_only;  // START TRANSACTION READ ONLY / READ WRITE
  bool consistent_snapshot = false;
};

struct CommitStatement : Statement {
  CommitStatement() : Statement(StatementKind::kCommit) {}
  bool chain = false, release = false;
};

struct RollbackStatement : Statement {
  RollbackStatement() : Statement(StatementKind::kRollback) {}
  std::string savepoint;  // ROLLBACK TO [SAVEPOINT] name; "" for a full rollback
  bool chain = false, release = false;
};

struct SavepointStatement : Statement {
  SavepointStatement() : Statement(StatementKind::kSavepoint) {}
  std::string name;
};

struct ReleaseSavepointStatement : Statement {
  ReleaseSavepointStatement() : Statement(StatementKind::kReleaseSavepoint) {}
  std::string name;
};

struct KillStatement : Statement {
  KillStatement() : Statement(StatementKind::kKill) {}
  bool query_only = false;  // KILL QUERY n; KILL [CONNECTION] n otherwise
  ExprPtr id;
};

struct DoStatement : Statement {
  DoStatement() : Statement(StatementKind::kDo) {}
  std::vector<ExprPtr> exprs;
};

// LOAD DATA [LOCAL] INFILE 'path' [REPLACE | IGNORE] INTO TABLE t [CHARACTER SET cs]
//   [FIELDS ...] [LINES ...] [IGNORE n {LINES | ROWS}] [(column, ...)]
struct LoadDataStatement : Statement {
  LoadDataStatement() : Statement(StatementKind::kLoadData) {}
  bool local = false;
  std::string path;
  bool replace = false;
  bool ignore = false;
  TableName table;
  FileFormat format;
  uint64_t ignore_lines = 0;
  // Where each field goes: a column, or a user variable (@name).
  struct Target {
    std::string name;
    bool variable = false;
    bool operator==(const Target&) const = default;
  };
  std::vector<Target> columns;  // empty: all the table's columns, in order
  // SET column = expr, ...: computed for each row (the variables and columns read are the
  // row's).
  std::vector<Assignment> assignments;
};

// EXPLAIN [FORMAT = TRADITIONAL | TREE | JSON] [ANALYZE] statement: SELECT (or TABLE, VALUES,
// a parenthesized query), INSERT/REPLACE, UPDATE or DELETE.
struct ExplainStatement : Statement {
  ExplainStatement() : Statement(StatementKind::kExplain) {}
  enum class Format : uint8_t { kTraditional, kTree, kJson };
  Format format = Format::kTraditional;
  bool format_written = false;  // FORMAT = ... was given
  bool analyze = false;
  StatementPtr statement;
};

// PREPARE name FROM {'text' | @variable}.
struct PrepareStatement : Statement {
  PrepareStatement() : Statement(StatementKind::kPrepare) {}
  std::string name;
  ExprPtr source;  // a string literal or a user variable
};

// EXECUTE name [USING @a, @b, ...].
struct ExecuteStatement : Statement {
  ExecuteStatement() : Statement(StatementKind::kExecute) {}
  std::string name;
  std::vector<ExprPtr> arguments;  // user variables
};

// SHUTDOWN.
struct ShutdownStatement : Statement {
  ShutdownStatement() : Statement(StatementKind::kShutdown) {}
};

// ALTER INSTANCE RELOAD TLS [FOR CHANNEL mysql_main] [NO ROLLBACK ON ERROR].
struct AlterInstanceStatement : Statement {
  AlterInstanceStatement() : Statement(StatementKind::kAlterInstance) {}
  bool no_rollback_on_error = false;  // a failed reload leaves TLS off instead of as it was
};

// HELP 'search string'.
struct HelpStatement : Statement {
  HelpStatement() : Statement(StatementKind::kHelp) {}
  std::string topic;
};

// {DEALLOCATE | DROP} PREPARE name.
struct DeallocatePrepareStatement : Statement {
  DeallocatePrepareStatement() : Statement(StatementKind::kDeallocatePrepare) {}
  std::string name;
};

// ---- Stored programs -------------------------------------------------------------------

// A parameter of a procedure or function.
struct RoutineParameter {
  enum class Mode : uint8_t { kIn, kOut, kInOut };
  Mode mode = Mode::kIn;
  std::string name;
  DataType type;
};

// CREATE [DEFINER = user] {PROCEDURE | FUNCTION} [IF NOT EXISTS] name (parameters)
// [RETURNS type] [characteristics] body
struct CreateRoutineStatement : Statement {
  CreateRoutineStatement() : Statement(StatementKind::kCreateRoutine) {}
  bool function = false;
  bool if_not_exists = false;
  std::optional<UserName> definer;
  TableName name;                    // database "" for the current one
  std::vector<RoutineParameter> parameters;
  std::string parameters_text;       // between the parentheses, as written
  DataType returns;                  // functions
  std::string returns_text;          // as written
  std::string comment;
  bool deterministic = false;
  std::string data_access = "CONTAINS SQL";  // NO SQL, READS SQL DATA, MODIFIES SQL DATA
  std::string security = "DEFINER";          // SQL SECURITY DEFINER | INVOKER
  StatementPtr body;
  std::string body_text;             // the body as written
};

// DROP {PROCEDURE | FUNCTION} [IF EXISTS] name
struct DropRoutineStatement : Statement {
  DropRoutineStatement() : Statement(StatementKind::kDropRoutine) {}
  bool function = false;
  bool if_exists = false;
  TableName name;
};

// CREATE [DEFINER = user] TRIGGER [IF NOT EXISTS] name {BEFORE | AFTER}
// {INSERT | UPDATE | DELETE} ON table FOR EACH ROW [{FOLLOWS | PRECEDES} other] body
struct CreateTriggerStatement : Statement {
  enum class Timing : uint8_t { kBefore, kAfter };
  enum class Event : uint8_t { kInsert, kUpdate, kDelete };
  CreateTriggerStatement() : Statement(StatementKind::kCreateTrigger) {}
  bool if_not_exists = false;
  std::optional<UserName> definer;
  TableName name;    // the trigger (its database is the table's)
  Timing timing = Timing::kBefore;
  Event event = Event::kInsert;
  TableName table;
  bool follows = false, precedes = false;
  std::string other;  // FOLLOWS / PRECEDES this trigger
  StatementPtr body;
  std::string body_text;
  // "INSERT", "UPDATE", "DELETE" and "BEFORE", "AFTER", as SQL writes them.
  std::string_view EventName() const {
    return event == Event::kInsert ? "INSERT" : event == Event::kUpdate ? "UPDATE" : "DELETE";
  }
  std::string_view TimingName() const { return timing == Timing::kBefore ? "BEFORE" : "AFTER"; }
};

// DROP TRIGGER [IF EXISTS] [db.]name
struct DropTriggerStatement : Statement {
  DropTriggerStatement() : Statement(StatementKind::kDropTrigger) {}
  bool if_exists = false;
  TableName name;
};

// CALL name[(arguments)]
struct CallStatement : Statement {
  CallStatement() : Statement(StatementKind::kCall) {}
  TableName name;
  std::vector<ExprPtr> arguments;
};

// [label:] BEGIN [statements] END [label]: DECLAREs first (variables and conditions, then
// cursors, then handlers), as MySQL requires.
struct BlockStatement : Statement {
  BlockStatement() : Statement(StatementKind::kBlock) {}
  std::string label;
  std::vector<StatementPtr> body;
};

// DECLARE name [, name] type [DEFAULT expr]
struct DeclareVariableStatement : Statement {
  DeclareVariableStatement() : Statement(StatementKind::kDeclareVariable) {}
  std::vector<std::string> names;
  DataType type;
  ExprPtr default_value;
};

// A condition a handler catches or SIGNAL raises.
struct ConditionValue {
  enum class Kind : uint8_t { kSqlstate, kErrorCode, kName, kSqlWarning, kNotFound, kSqlException };
  Kind kind = Kind::kSqlstate;
  std::string value;  // kSqlstate: the five characters; kName: the condition's name
  uint32_t code = 0;  // kErrorCode
};

// DECLARE name CONDITION FOR {SQLSTATE [VALUE] 'xxxxx' | error_code}
struct DeclareConditionStatement : Statement {
  DeclareConditionStatement() : Statement(StatementKind::kDeclareCondition) {}
  std::string name;
  ConditionValue condition;
};

// DECLARE name CURSOR FOR select
struct DeclareCursorStatement : Statement {
  DeclareCursorStatement() : Statement(StatementKind::kDeclareCursor) {}
  std::string name;
  std::unique_ptr<SelectStatement> select;
};

// DECLARE {CONTINUE | EXIT | UNDO} HANDLER FOR condition [, condition] statement
struct DeclareHandlerStatement : Statement {
  enum class Action : uint8_t { kContinue, kExit };
  DeclareHandlerStatement() : Statement(StatementKind::kDeclareHandler) {}
  Action action = Action::kContinue;
  std::vector<ConditionValue> conditions;
  StatementPtr body;
};

// A list of statements run under a condition (IF / CASE branches).
struct ConditionalBranch {
  ExprPtr condition;  // nullptr for ELSE
  std::vector<StatementPtr> body;
};

// IF c THEN ... [ELSEIF c THEN ...] [ELSE ...] END IF
struct IfStatement : Statement {
  IfStatement() : Statement(StatementKind::kIf) {}
  std::vector<ConditionalBranch> branches;  // an ELSE branch last, with no condition
};

// CASE [subject] WHEN v THEN ... [ELSE ...] END CASE
struct CaseStatement : Statement {
  CaseStatement() : Statement(StatementKind::kCaseStatement) {}
  ExprPtr subject;  // nullptr: searched CASE
  std::vector<ConditionalBranch> branches;  // an ELSE branch last, with no condition
};

// [label:] LOOP ... END LOOP | WHILE c DO ... END WHILE | REPEAT ... UNTIL c END REPEAT
struct LoopStatement : Statement {
  enum class Form : uint8_t { kLoop, kWhile, kRepeat };
  LoopStatement() : Statement(StatementKind::kLoop) {}
  Form form = Form::kLoop;
  std::string label;
  ExprPtr condition;  // WHILE's (checked before) or REPEAT's UNTIL (checked after)
  std::vector<StatementPtr> body;
};

// LEAVE label / ITERATE label (kind kLeave or kIterate)
struct LabelStatement : Statement {
  explicit LabelStatement(StatementKind k) : Statement(k) {}
  std::string label;
};

// RETURN expr
struct ReturnStatement : Statement {
  ReturnStatement() : Statement(StatementKind::kReturn) {}
  ExprPtr value;
};

// OPEN c / CLOSE c / FETCH [[NEXT] FROM] c INTO targets
struct CursorStatement : Statement {
  explicit CursorStatement(StatementKind k) : Statement(k) {}
  std::string cursor;
  std::vector<VariableTarget> into;
};

// SIGNAL condition [SET item = value, ...] / RESIGNAL [condition] [SET ...]
struct SignalStatement : Statement {
  explicit SignalStatement(StatementKind k) : Statement(k) {}
  std::optional<ConditionValue> condition;  // a SQLSTATE or a declared condition's name
  std::vector<std::pair<std::string, ExprPtr>> items;  // upper case: MESSAGE_TEXT, MYSQL_ERRNO
};

// GET [CURRENT | STACKED] DIAGNOSTICS target = item [, ...]
//   | GET ... DIAGNOSTICS CONDITION n target = item [, ...]
struct GetDiagnosticsStatement : Statement {
  GetDiagnosticsStatement() : Statement(StatementKind::kGetDiagnostics) {}
  bool stacked = false;
  ExprPtr condition_number;  // nullptr: statement information (NUMBER, ROW_COUNT)
  std::vector<std::pair<VariableTarget, std::string>> items;  // item upper case
};

}  // namespace porpoise::sql
