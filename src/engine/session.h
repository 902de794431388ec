// Session: one client connection's SQL side. It dispatches the statements of COM_QUERY
// (session.cc) to the executors of each statement family (exec_*.cc), and holds the
// connection's state: current database, variables, its own SQLite connection, the
// transaction (transaction.h) and the diagnostics area (diagnostics.h). (engine/)
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/parameter_value.h"
#include "common/result_sink.h"
#include "common/status.h"
#include "engine/access_checker.h"
#include "engine/diagnostics.h"
#include "engine/engine.h"
#include "engine/program.h"
#include "engine/shared_parses.h"
#include "engine/sqlite_functions.h"
#include "engine/transaction.h"
#include "engine/translator.h"
#include "engine/value.h"
#include "engine/variables.h"
#include "sql/ast/statement.h"
#include "sql/parser.h"
#include "storage/write_lock.h"

namespace porpoise::storage {
class Database;
class Statement;
}

namespace porpoise::engine {

class AccountManager;

// "Note" or "Warning": the level SHOW WARNINGS gives a condition that is not the error.
std::string_view DiagnosticLevel(const Status& status);

// Used by one thread at a time (the connection's), except InterruptQuery.
// 1093 when a subquery of `expr` reads one of the tables `targets` (directly: a derived table
// is read into a table of its own first, which MySQL allows). (exec_multi_modify.cc)
Status CheckTargetsNotRead(const sql::Expr* expr, const std::vector<std::string>& targets);

// Whether a kept binding made for values of type `a` serves values of type `b`.
bool SameParameterType(const ExprType& a, const ExprType& b);

class Session {
 public:
  // Only Engine creates sessions (Engine::OpenSession).
  class PrivateKey {
    PrivateKey() = default;
    friend class Engine;
  };
  Session(PrivateKey, Engine& engine, const Engine::SessionContext& context,
          std::unique_ptr<FunctionHost> host, std::unique_ptr<storage::Database> db);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Runs the statements of one COM_QUERY. Without `multi_statements` a second statement is a
  // 1064, as MySQL reports it. Stops at the first error.
  void ComQuery(std::string_view sql, bool multi_statements, ResultSink& sink);
  // USE db: 1049 / 1044.
  Status ComInitDb(std::string_view database);
  // The changes of the session state the client tracks (session_track_schema,
  // session_track_system_variables, session_track_state_change) since it was last told;
  // nothing unless it asked for CLIENT_SESSION_TRACK.
  std::vector<SessionStateChange> TakeStateChanges();
  std::string ComStatistics();
  // Rolls back, drops temporary tables, resets session variables, user variables and warnings.
  void ComResetConnection();
  // KILL CONNECTION `id` from COM_PROCESS_KILL, checked against the account's privileges
  // (and active roles) as they are now.
  Status ComProcessKill(uint32_t id);
  // COM_DEBUG: 1227 without SUPER.
  Status ComDebug();
  uint16_t ServerStatus() const;
  uint16_t WarningCount() const;
  uint32_t IdleTimeoutSeconds() const;
  // Thread-safe: stops the running statement (1317) and wakes SLEEP().
  void InterruptQuery();

  const std::string& database() const { return database_; }
  uint32_t connection_id() const { return connection_id_; }
  // Rows stepped through in full scans by the session's statements so far (a statement that
  // moves it read some table with no index narrowing it: log_queries_not_using_indexes).
  uint64_t FullScanSteps() const;
  // The session's long_query_time in seconds (for the slow query log).
  double LongQueryTime() const {
    // Read again only after a session value changed: every statement asks.
    if (long_query_time_generation_ != variables_.generation() || long_query_time_ < 0) {
      Result<std::string> value = variables_.Get("long_query_time", sql::VariableScope::kSession);
      long_query_time_ = value.ok() ? std::strtod(value->c_str(), nullptr) : 10;
      long_query_time_generation_ = variables_.generation();
    }
    return long_query_time_;
  }

  // ---- prepared statements (exec_prepared.cc) ----
  struct Prepared {
    uint32_t id = 0;
    uint16_t parameter_count = 0;
    // How each `?` is described: BIGINT for a LIMIT count, else a string.
    std::vector<FieldType> parameter_types;
    std::vector<ColumnInfo> columns;  // of the result set it returns, if it returns one
  };
  // COM_STMT_PREPARE: one statement, kept parsed (1064 for more; 1295 for one that cannot be
  // prepared; 1461 past max_prepared_stmt_count). A query's tables, columns and rights are
  // checked now, as MySQL checks them.
  Result<Prepared> ComStmtPrepare(std::string_view sql);
  // COM_STMT_EXECUTE: runs prepared statement `id` with a value for each `?`.
  void ComStmtExecute(uint32_t id, std::span<const ParameterValue> parameters, ResultSink& sink);
  // The query attributes of the command about to run (none: clears them), as text for
  // mysql_query_attribute_string: names and string values decoded from the client's
  // character set, numbers and temporal values as MySQL prints them.
  void SetQueryAttributes(std::vector<QueryAttribute> attributes);
  void ComStmtClose(uint32_t id);
  void ComStmtReset(uint32_t id);
  // Rolls back a transaction this session left open between commands, if its idle deadline
  // (write_lock_idle_timeout after its last command) is at or before `now` (steady-clock
  // ticks); its next statement reports 1213. Called from another thread; never blocks.
  void EndIdleTransactionPast(int64_t now);
  // COM_FIELD_LIST: `table`'s columns as SELECT * describes them, those whose names match
  // the LIKE pattern `wildcard` (all when it is empty).
  Result<std::vector<ColumnInfo>> ComFieldList(std::string_view table, std::string_view wildcard);

  // The handshake's collation: character_set_client/connection/results become its character
  // set and collation_connection the collation (the set's default collation when only the set
  // is known here). 0 and numbers MySQL does not know leave the server's default. A set MySQL
  // has and this server has not is 1115; ucs2/utf16/utf32, which no client can write in, 1231.
  Status UseClientCollation(uint16_t id);

 private:
  friend class Engine;

  // ---- the write lock (session.cc) ----
  // One client command: the session is busy from its start to its end. Between commands a
  // transaction that holds the server's write lock is idle, and a writer it has kept waiting
  // for write_lock_idle_timeout seconds rolls it back; the next statement then reports 1213.
  class Busy {
   public:
    explicit Busy(Session& session);
    ~Busy();
    Busy(const Busy&) = delete;
    Busy& operator=(const Busy&) = delete;

   private:
    Session& session_;
  };
  // The session as the write lock sees it.
  class WriteHolder : public storage::WriteLock::Holder {
   public:
    explicit WriteHolder(Session& session) : session_(session) {}
    storage::WriteLock::Clock::time_point WriteLockDeadline() override;
    const std::atomic<bool>* WriteLockInterrupted() override;
    bool GiveUpWhileIdle() override;
    // A DDL statement waits for the lock as for a metadata lock: lock_wait_timeout, not
    // innodb_lock_wait_timeout, decides when it gives up.
    void set_for_ddl(bool for_ddl) { for_ddl_ = for_ddl; }

   private:
    Session& session_;
    bool for_ddl_ = false;
  };
  // write_lock_idle_timeout.
  std::chrono::seconds IdleLimit() const;
  // The transaction was rolled back while idle: 1213 now (nothing for a ROLLBACK), and the
  // session's state after a rollback.
  Status AnswerLostTransaction(const sql::Statement& statement);

  // ---- metadata locks (session.cc) ----
  // The shared lock on a table the statement reads or writes, held to the transaction's end
  // (none for temporary and system tables).
  Status ShareTable(const std::string& database, const std::string& table);
  // Ends the shared locks when no transaction is open any more.
  void ReleaseTablesIfDone();
  // The exclusive locks of a DDL statement on its tables (after committing the open
  // transaction, as the statement would; *locked then true); nothing for other statements.
  Status LockForDdl(const sql::Statement& statement, bool* locked);
  // Whether the statement changes the catalog (and so takes the catalog's mutex): a DDL
  // statement other than on a temporary table.
  bool ChangesCatalog(const sql::Statement& statement) const;

  // A result set built in memory (SHOW and friends).
  struct Rows {
    std::vector<OutputColumn> columns;
    std::vector<std::vector<std::optional<std::string>>> rows;
  };

  // ---- dispatch and bookkeeping (session.cc) ----
  // The parser's options under the session's sql_mode.
  sql::ParserOptions ParserOptionsNow();
  // Text the client sent (a statement, a string parameter) as UTF-8: `text` itself unless
  // character_set_client is latin1 or ascii, else decoded into `buffer`.
  std::string_view DecodeClientText(std::string_view text, std::string* buffer);
  // Runs one statement of the client's (through `run` when given, else Execute), clearing
  // the previous statement's warnings first (unless it shows them) and answering an error
  // with ERR; false when it failed.
  bool RunClientStatement(const sql::Statement& statement, ResultSink& sink, bool more,
                          const std::function<Status()>& run = nullptr);
  Status Execute(const sql::Statement& statement, ResultSink& sink, bool more);
  // MAX_QUERIES_PER_HOUR / MAX_UPDATES_PER_HOUR: counts the statement against the account's
  // hourly limits; 1226 when one is used up.
  Status CountAccountUse(const sql::Statement& statement);
  // The audit log: tells the hooks of an account statement that succeeded or a statement
  // refused for want of a privilege.
  void AuditOutcome(const sql::Statement& statement, const Status& status);
  // ALTER USER or SET PASSWORD of the session's own account.
  bool ChangesOwnPassword(const sql::Statement& statement) const;
  // Execute (or `run`, when given) for a statement of the client's own (not one a stored
  // program runs).
  Status ExecuteClientStatement(const sql::Statement& statement, ResultSink& sink, bool more,
                                const std::function<Status()>& run = nullptr);
  void BeginStatement();
  // The runtime's time zone (NOW(), TIMESTAMP columns) becomes the session's time_zone, and
  // the names it writes dates with (DATE_FORMAT, DAYNAME) its lc_time_names.
  void UseSessionTimeZone();
  Status ImplicitCommit();
  Status StartImplicitTransaction();
  Status TranslateStorageError(Status status);
  // collation_connection's collation.
  const types::Collation* ConnectionCollation();
  // The part of MakeTranslatorContext's context that binding a literal reads.
  TranslatorContext LiteralContext();
  TranslatorContext MakeTranslatorContext();
  bool StrictMode() const;
  // The dates sql_mode lets a column take (NO_ZERO_DATE, NO_ZERO_IN_DATE, ALLOW_INVALID_DATES).
  types::DateChecks ColumnDateChecks() const;
  // Moves the warnings the SQLite functions raised into the statement's diagnostics.
  void DrainRuntimeWarnings();
  // Prepares translated SQL and binds the translation's parameters (those the text uses);
  // the translation's warnings join the statement's. Refuses (1105) SQL from a context whose
  // reads have not all passed CheckReads: translated SQL runs through here only, since its
  // literals are parameters that only this binds. `prefix` goes before everything, the
  // translation's WITH clause included ("EXPLAIN QUERY PLAN ").
  Result<storage::Statement> PrepareTranslated(std::string_view sql, TranslatorContext& context,
                                               bool reusable = false, std::string_view prefix = "");
  // The privilege check of everything a translation read, in MySQL's order: SELECT on each
  // base table (1142), then on each column of the write target (1143); the information_schema
  // tables read are filled in. Marks the context checked for PrepareTranslated. Executors
  // call it once, after translating and before running anything.
  Status CheckReads(TranslatorContext& context);
  bool SqlModeHas(std::string_view flag) const;
  void SendOk(ResultSink& sink, bool more, uint64_t affected, uint64_t insert_id = 0,
              std::string info = {});
  Status SendRows(const Rows& rows, ResultSink& sink, bool more);
  // The column definitions of a result as MySQL announces them: a text column in the
  // character set results are sent in (character_set_results), with that set's default
  // collation and its length in that set's bytes; binary columns, and every column when
  // character_set_results is NULL or binary, as they are.
  std::vector<ColumnInfo> ResultColumns(const std::vector<OutputColumn>& columns) const;
  // The character set text values must be converted to before they are sent ("" when they
  // go as they are: utf8mb4, binary, NULL). Read once per result set.
  std::string ResultsEncoding() const;
  // Text values of a row in the bytes of `encoding` (ResultsEncoding; nothing when ""):
  // `buffers` hold the converted bytes until the row is sent.
  static void EncodeForResults(std::string_view encoding, std::span<const ColumnInfo> columns,
                               std::span<FieldValue> values, std::vector<std::string>& buffers);
  // Answers a statement that failed to parse: mysqldump's DISABLE/ENABLE KEYS becomes an OK
  // with a note (returns true: carry on), anything else an error (returns false: stop).
  bool AnswerParseFailure(const Status& status, ResultSink& sink, bool more);
  // Runs `sql` on its shape's shared parse (engine/shared_parses.h) with its own literals put
  // in; false, having done nothing, when the statement is not one whose parse is shared.
  bool RunSharedParse(std::string_view sql, const sql::ParserOptions& options, ResultSink& sink);
  void AddWarning(Status warning);
  void AddError(Status error);
  void ClearWarnings();
  // Privilege checks (skipped while bootstrapping the data directory).
  Status RequireGlobal(auth::Privilege privilege);
  Status RequireDatabase(auth::Privilege privilege, std::string_view database);
  // MySQL checks no privilege on a temporary table once its session has created it: true
  // when the name resolves to one of the session's (which hide the shared table of the name
  // in every statement that resolves names: reads and DML).
  bool OwnTemporaryTable(std::string_view database, std::string_view table) const;
  Status RequireTable(auth::Privilege privilege, std::string_view database, std::string_view table);
  // RequireTable for a table a DML statement resolved: nothing for a temporary one.
  Status RequireOnTable(auth::Privilege privilege, const catalog::TableSchema& table);
  // SUPER or the dynamic privilege `name` (AccessChecker::CheckSuperOr).
  Status RequireSuperOr(std::string_view name) {
    return bootstrap_ ? Status::OK() : checker_.CheckSuperOr(name);
  }
  Status RequireColumn(auth::Privilege privilege, const ColumnRead& column);
  // "select,insert,update,references" as far as the account holds them on the column (MySQL's
  // Privileges column); "" when it holds none, and the column is not shown.
  std::string ColumnPrivilegesText(std::string_view database, std::string_view table,
                                   std::string_view column) const;
  bool CanSeeTable(std::string_view database, std::string_view table) const {
    return bootstrap_ || checker_.CanSeeTable(database, table);
  }
  // Reads the global values a session keeps (mandatory_roles, handed to the checker when it
  // changed, and parser_max_mem_size) again when some global value changed.
  void RefreshGlobalReads();
  // `privilege` on each of `columns` of a table written: held on the table, or on some column
  // of it (else 1142) and then on each column named (else 1143; 1142 when `every_column`, the
  // statement naming none).
  Status RequireColumns(auth::Privilege privilege, std::string_view database,
                        std::string_view table, const std::vector<std::string>& columns,
                        bool every_column = false);
  std::string UserText() const;         // USER()
  std::string CurrentUserText() const;  // CURRENT_USER()

  // Statement-level transaction: BEGIN IMMEDIATE outside a transaction, a savepoint inside,
  // for a statement that changes `table`.
  Status BeginWrite(const catalog::TableSchema& table);
  Status EndWrite(bool success);
  // The end of a write statement whose body (BeginWrite .. EndWrite(true)) gave `status`:
  // mysql_store's columns let go, and a failed statement's writes undone.
  Status FinishWrite(Status status);

  // ---- SELECT / DO / expression evaluation (exec_select.cc) ----
  Status ExecuteSelect(const sql::SelectStatement& select, ResultSink& sink, bool more);
  // ExecuteSelect of the running shape's statement: its kept plan with this run's values, or
  // bound afresh (and kept when it may be).
  Status ExecuteSharedSelect(const sql::SelectStatement& select, ResultSink& sink, bool more);
  // Binds the running shape's statement, marking its compared literals' constants.
  Result<TranslatedSelect> BindShape(const sql::SelectStatement& select,
                                     TranslatorContext* context);
  // Readies `context` for binding the running shape's statement: its compared literals (in
  // `literals`, which must outlive the binding) marked.
  void StartShapeBinding(TranslatorContext* context, std::map<const sql::Expr*, int32_t>* literals) const;
  // This run's values of the running shape's compared literals, and their types; false when
  // one does not bind to a constant without warnings (the statement is then bound as usual).
  bool ShapeRunValues(std::vector<Value>* values, std::vector<ExprType>* types);
  // Runs a bound SELECT: checks what it reads, then streams its rows.
  Status RunSelect(const sql::SelectStatement& select, const TranslatedSelect& translated,
                   TranslatorContext& context, ResultSink& sink, bool more);
  Status ExecuteDo(const sql::DoStatement& statement, ResultSink& sink, bool more);
  // ---- files on the server host (exec_file_io.cc) ----
  // The absolute path of a file a statement reads or writes: FILE privilege (1045) and
  // secure_file_priv (1290) checked.
  Result<std::string> FilePath(const std::string& path);
  Status ExecuteSelectIntoFile(const sql::SelectStatement& select, ResultSink& sink, bool more);
  Status ExecuteLoadData(const sql::LoadDataStatement& load, ResultSink& sink, bool more);
  // ---- EXPLAIN (exec_explain.cc) ----
  Status ExecuteExplain(const sql::ExplainStatement& explain, ResultSink& sink, bool more);
  void CollectExplainTables(const std::vector<sql::TableRefPtr>& from,
                            std::map<std::string, std::shared_ptr<const catalog::TableSchema>>* out);
  void CollectExplainSubqueries(const sql::Expr& expr,
                                std::map<std::string, std::shared_ptr<const catalog::TableSchema>>* out);
  // Evaluates constant expressions (no tables) with SQLite.
  // With `types`, values keep their physical forms and their types are returned; without,
  // DECIMAL and BIGINT UNSIGNED values come back as their MySQL text.
  // With `default_of`, the expressions are that column's DEFAULT: any read is refused (3769).
  // The value of a bound computation of constants alone (TranslatorContext::compute_constant),
  // or none when it cannot be computed; its warnings are moved to `said`.
  std::optional<Value> ComputeConstant(const BoundExpr& expr, std::vector<Status>* said);
  Result<std::vector<Value>> Evaluate(const std::vector<const sql::Expr*>& exprs,
                                      std::vector<ExprType>* types = nullptr,
                                      const catalog::ColumnSchema* default_of = nullptr);
  // The value of `column`'s DEFAULT expression, in the column's storage form. It runs for
  // whoever inserts, so it may read no table at all (3769, as CREATE TABLE refuses it).
  Result<Value> EvaluateDefault(const catalog::ColumnSchema& column);
  // The DEFAULT (expression) of `table`'s column `index` for a row being inserted, reading
  // the row's other columns (`row`: the earlier ones stored, the later ones as given).
  Result<Value> EvaluateRowDefault(const catalog::TableSchema& table, size_t index, const std::vector<Value>& row);
  Status PrepareInformationSchema(const TranslatorContext& context);
  // performance_schema: the same for its tables (exec_performance_schema.cc).
  Status PreparePerformanceSchema(const TranslatorContext& context);
  // Whether the account may read that performance_schema table (a public one, or granted).
  bool CanReadPerformanceSchemaTable(std::string_view name);
  // (Re)fills the session's TEMP table of a virtual schema's table with `rows`.
  Status FillVirtualTable(const catalog::TableSchema& definition,
                          const std::vector<std::vector<Value>>& rows);
  // The name/value pairs of SHOW STATUS, sorted by name (global_status, session_status too).
  std::vector<std::pair<std::string, std::string>> StatusVariables();
  // performance_schema.variables_info's rows; RecordVariableSet notes a SET for it.
  void VariableInfoRows(std::vector<std::vector<Value>>* rows);
  void RecordVariableSet(std::string_view name, bool global);
  // The rows of USER_PRIVILEGES, SCHEMA_PRIVILEGES or TABLE_PRIVILEGES the account may see.
  void PrivilegeRows(std::string_view name, std::vector<std::vector<Value>>* rows);
  void RoleRows(std::string_view name, std::vector<std::vector<Value>>* rows);

  // ---- INSERT / UPDATE / DELETE / TRUNCATE (exec_insert.cc, exec_modify.cc) ----
  Status ExecuteInsert(const sql::InsertStatement& insert, ResultSink& sink, bool more);
  Status ExecuteUpdate(const sql::UpdateStatement& update, ResultSink& sink, bool more);
  Status ExecuteDelete(const sql::DeleteStatement& statement, ResultSink& sink, bool more);
  // Multi-table UPDATE / DELETE, as single-table statements (exec_multi_modify.cc).
  Status ExecuteMultiUpdate(const sql::UpdateStatement& update, ResultSink& sink, bool more);
  Status ExecuteMultiDelete(const sql::DeleteStatement& remove, ResultSink& sink, bool more);
  Status CheckJoinQuery(const sql::SelectStatement& query);
  bool rewriting_join_ = false;  // running a multi-table statement's single-table parts
  // A single-table UPDATE or DELETE as bound: what running it needs. A prepared statement's
  // is kept and run again while nothing binding depended on has changed (WritePlan).
  struct BoundWrite {
    std::shared_ptr<const catalog::TableSchema> table;
    std::string alias;  // the table's name in the statement
    BoundModification bound;
    TranslatorContext context;
    // UPDATE: mysql_store()'s columns, by its index argument (SqliteHost::store_columns).
    std::vector<const catalog::ColumnSchema*> store_columns;
    size_t statement_assignments = 0;  // UPDATE: bound.assignments[0..n) are the statement's
    std::string count_sql;  // UPDATE: SELECT count(*) of the rows it matches
    std::string sql;        // the SQLite UPDATE or DELETE
  };
  // Fill write->bound, the SQL and the rest from the statement (write->table, alias and
  // context set by the caller).
  Status BindUpdate(const sql::UpdateStatement& update, BoundWrite* write);
  Status BindDelete(const sql::DeleteStatement& statement, BoundWrite* write);
  // The bound form of `statement`, which writes `table` (named `alias`, or its own name): when
  // it is the running prepared statement, the one kept from an earlier execution if it still
  // serves; else one bound here by `bind` (and kept for later executions when nothing in it
  // holds this execution's state alone).
  Result<std::shared_ptr<const BoundWrite>> WritePlan(
      const sql::Statement& statement, std::shared_ptr<const catalog::TableSchema> table,
      const std::string& alias, const std::function<Status(BoundWrite*)>& bind);
  // WritePlan for the running text shape's UPDATE or DELETE: a kept binding run with this
  // run's values in its compared literals' parameters, as ExecuteSharedSelect does for a
  // SELECT (not for a table with triggers, whose rows are written from the bound tree).
  Result<std::shared_ptr<const BoundWrite>> SharedWritePlan(
      std::shared_ptr<BoundWrite> fresh, const std::function<Status(BoundWrite*)>& bind);
  // `plan`'s bound tree for writing row by row: `plan` itself, or when it holds another run's
  // values (`reused`: WritePlan handed out a kept shape plan) the statement bound again by
  // `bind`.
  Result<std::shared_ptr<const BoundWrite>> BoundForRows(
      std::shared_ptr<const BoundWrite> plan, bool reused,
      const std::function<Status(BoundWrite*)>& bind);
  // The context one execution of `plan` runs with: a copy (running adds to it), whose reads
  // are checked against the account's rights as they are now.
  Result<TranslatorContext> ExecutionContext(const BoundWrite& plan);
  Status ExecuteTruncate(const sql::TruncateTableStatement& statement, ResultSink& sink, bool more);
  // 1062 for a unique key `table`'s rows already break (SQLite's `sqlite_message` from
  // creating its index), naming the first value that repeats.
  Status ExistingDuplicateError(const catalog::TableSchema& table, std::string_view sqlite_message);
  Status DuplicateKeyError(const catalog::TableSchema& table, std::string_view sqlite_message,
                           const std::vector<Value>* row);
  // A table with triggers is changed one row at a time, with the triggers around each row:
  // the rows the bound UPDATE or DELETE reaches (their rowid, old values, and the new values
  // of the assignments), then each written by rowid.
  struct ModifiedRow {
    int64_t rowid = 0;
    std::vector<Value> old_values;
    std::vector<Value> assigned;
  };
  struct RowCounts {
    uint64_t matched = 0, changed = 0;
  };
  // The counts of the last single-table UPDATE (a multi-table UPDATE adds them up).
  RowCounts last_update_counts_;
  // An UPDATE's OK: affected rows, ROW_COUNT() and MySQL's "Rows matched" info.
  void SendUpdateOk(ResultSink& sink, bool more, RowCounts counts);
  Result<std::vector<ModifiedRow>> ReadModifiedRows(const catalog::TableSchema& table,
                                                    const BoundModification& bound,
                                                    TranslatorContext& context);
  // The first `written_assignments` of bound.assignments are the statement's; the rest (ON
  // UPDATE CURRENT_TIMESTAMP) apply only to rows that change.
  Result<RowCounts> UpdateRowByRow(const catalog::TableSchema& table, const BoundModification& bound,
                                   size_t written_assignments, TranslatorContext& context);
  Result<uint64_t> DeleteRowByRow(const catalog::TableSchema& table, const BoundModification& bound,
                                  TranslatorContext& context);
  // The row of `table` a new `row` (stored forms) clashes with on its primary key or a unique
  // key (the first such, as MySQL finds it), or nullopt; `key`, when given, is set to that key.
  Result<std::optional<ModifiedRow>> ClashingRow(const catalog::TableSchema& table,
                                                 const std::vector<Value>& row,
                                                 const catalog::IndexSchema** key = nullptr);
  // How many rows of `table` a new `row` clashes with on any of its unique keys (the rows
  // REPLACE deletes for it).
  Result<uint64_t> CountClashes(const catalog::TableSchema& table, const std::vector<Value>& row);
  // One row by SQLite rowid: read, rewritten whole, deleted.
  Result<std::vector<Value>> ReadRowById(const catalog::TableSchema& table, int64_t rowid);
  Status WriteRowById(const catalog::TableSchema& table, int64_t rowid, const std::vector<Value>& values);
  Status DeleteRowById(const catalog::TableSchema& table, int64_t rowid);

  // ---- DDL (exec_ddl.cc) ----
  Status ExecuteCreateDatabase(const sql::CreateDatabaseStatement& statement);
  Status ExecuteAlterDatabase(const sql::AlterDatabaseStatement& statement);
  // CREATE and ALTER DATABASE's [DEFAULT] CHARACTER SET and COLLATE into `defaults` (a set
  // alone brings its default collation, a collation alone its set; both stay as they are
  // when neither is named), with MySQL's warnings for utf8 and utf8mb3: 1115, 1273 for a
  // name that is none, 1253 for a collation not of the set.
  Status ResolveDatabaseCharset(const std::string& charset_name, const std::string& collation_name,
                                catalog::DatabaseSchema* defaults);
  // Stores `schema` (kept by `write`, inside a write transaction) and publishes the catalog
  // `current` with it: CREATE and ALTER DATABASE.
  Status PublishDatabase(const std::shared_ptr<const catalog::CatalogSnapshot>& current,
                         catalog::DatabaseSchema schema,
                         Status (*write)(storage::Database&, const catalog::DatabaseSchema&));
  // character_set_database and collation_database become the current database's defaults
  // (the server's without one), as MySQL sets them whenever the default database changes.
  void FollowDatabaseCharset();
  Status ExecuteDropDatabase(const sql::DropDatabaseStatement& statement, uint64_t* dropped);
  // `written_columns`: how many of the columns the statement wrote (CREATE TABLE ... SELECT
  // adds the query's after them), whose types as written are checked.
  Status ExecuteCreateTable(const sql::CreateTableStatement& statement, size_t written_columns = SIZE_MAX);
  // CREATE TABLE ... [IGNORE|REPLACE] SELECT: the table from the written columns and the
  // query's, then INSERT ... SELECT into it (its OK packet); the table is dropped again when
  // the insert fails.
  Status ExecuteCreateTableSelect(const sql::CreateTableStatement& statement, ResultSink& sink,
                                  bool more);
  Status ExecuteDropTable(const sql::DropTableStatement& statement);
  // Functional key parts ((expr)) of `create`'s keys become hidden VIRTUAL generated columns
  // ("!hidden!<index>!<part>!0", typed as the expression binds) that the keys name, as MySQL
  // keeps them; unnamed such keys are named functional_index[_n]. 3756, 3757, 3758, 3762.
  Status ResolveFunctionalKeyParts(sql::CreateTableStatement& create);
  // DROP TABLE (views = false) or DROP VIEW: all the named objects or none; 1051 names every
  // missing one (a note each with IF EXISTS), DROP VIEW of a table is 1347.
  Status DropCatalogObjects(const std::vector<sql::TableName>& names, bool if_exists, bool views);
  // The table CREATE/DROP INDEX or ALTER TABLE changes, after the check of `privilege` and
  // the implicit commit, held under the DDL lock.
  struct LockedTable {
    std::unique_lock<std::mutex> lock;
    std::shared_ptr<const catalog::TableSchema> table;
  };
  Result<LockedTable> IndexTarget(const sql::TableName& name, auth::Privilege privilege);
  // Sets altered_rows_: the rows a change of a column's type copied (0 otherwise).
  Status ExecuteAlterTable(const sql::AlterTableStatement& statement);
  uint64_t altered_rows_ = 0;
  // The OK of ALTER TABLE, CREATE INDEX and DROP INDEX: `rows` affected, MySQL's Records line.
  void SendAlterOk(ResultSink& sink, bool more, uint64_t rows);
  // Applies ALTER TABLE specs to the locked table (CREATE/DROP INDEX are one spec each)
  // together, in one transaction (exec_alter.cc), then RENAME TO.
  Status ChangeTable(LockedTable target, const std::vector<sql::AlterSpec>& specs);
  // RENAME TABLE's pairs, in order, all or none: ALTER and DROP on each source, CREATE and
  // INSERT on each target; 1146 for a missing source, 1050 for a taken target.
  Status RenameTables(const std::vector<std::pair<sql::TableName, sql::TableName>>& renames);
  Status ExecuteCreateIndex(const sql::CreateIndexStatement& statement);
  Status ExecuteDropIndex(const sql::DropIndexStatement& statement);
  // A key part's value as 1062 quotes it (DECIMAL with its scale, BIGINT UNSIGNED whole).
  static std::string KeyPartText(const catalog::ColumnSchema& column, const Value& value);
  // 1062 naming the first key value `index` (unique) would find twice in `table`'s rows.
  Status CheckUnique(const catalog::TableSchema& table, const catalog::IndexSchema& index);
  // Swaps the definition of a table for `changed` (same storage): in one write transaction
  // `first` runs (new columns filled, new unique keys checked), the SQLite indexes are
  // rebuilt and the stored definition rewritten.
  Status ReplaceTableIndexes(const catalog::TableSchema& old_table,
                             std::shared_ptr<const catalog::TableSchema> changed,
                             const std::function<Status()>& first);
  // Replaces `old_table` by a new SQLite table for `changed` (a new storage id): each row
  // copied with column i of `changed` filled from old column sources[i] (converted with
  // MySQL's rules and the session's strictness: 1265, 1264, 1138 for NULL into NOT NULL) or,
  // with none, from its default; 1062 when a unique key meets a duplicate.
  Status RebuildTable(const catalog::TableSchema& old_table,
                      std::shared_ptr<catalog::TableSchema> changed,
                      const std::vector<std::optional<std::string>>& sources);
  // The value a column added to a table with rows takes in each of them: its default; a NOT
  // NULL column without one its type's implicit default, as MySQL fills it.
  Result<Value> AddedColumnValue(const catalog::ColumnSchema& column);
  // Adds `table`'s columns from position `first` on to its SQLite table, filled with their
  // defaults.
  Status FillAddedColumns(const catalog::TableSchema& table, size_t first);
  Status ExecuteUse(std::string_view database);
  // ---- foreign keys (exec_foreign_keys.cc) ----
  // The foreign keys (of any table, `parent` included) that reference `parent`.
  std::vector<std::pair<std::shared_ptr<const catalog::TableSchema>, const catalog::ForeignKeySchema*>>
  ReferencingKeys(const catalog::TableSchema& parent);
  // After a row of `table` changed from `old_row` to `new_row` (ON DUPLICATE KEY UPDATE):
  // a changed reference must name a parent (1452), and the children of a changed key
  // follow its ON UPDATE action (1451 for RESTRICT).
  Status ForeignKeysAfterUpdate(const catalog::TableSchema& table, const std::vector<Value>& old_row,
                                const std::vector<Value>& new_row);
  // "`db`.`child`, CONSTRAINT ... FOREIGN KEY ... REFERENCES ...": what 1451 and 1452 quote.
  static std::string ForeignKeyError(const catalog::TableSchema& child, const catalog::ForeignKeySchema& key);
  // CREATE / ALTER TABLE: each foreign key against what it references (1824, 1822, 3780,
  // 1830); one `before` lacked must hold for the rows there are (1452).
  Status CheckForeignKeyDefinitions(const catalog::TableSchema& table, const catalog::TableSchema* before);
  // Whether `table` has a row with `columns` = `tuple` (stored forms).
  Result<bool> RowExists(const catalog::TableSchema& table, const std::vector<std::string>& columns,
                         const std::vector<Value>& tuple);
  // INSERT: the parent of each foreign key of a new row (stored forms, table order): 1452.
  Status CheckParentsOf(const catalog::TableSchema& child, const std::vector<Value>& row);
  // UPDATE: the rows it changes keep parents for the foreign keys it assigns to (1452).
  Status CheckUpdatedChildren(const sql::UpdateStatement& update, const catalog::TableSchema& table,
                              const std::string& alias);
  // DELETE / UPDATE of a referenced table, before it runs: the children of each key that goes
  // or changes are refused (1451), deleted, updated or set NULL by their rule.
  Status BeforeParentDelete(const sql::DeleteStatement& statement, const catalog::TableSchema& table,
                            const std::string& alias);
  // REPLACE of `row` (stored forms): the rows it will delete lose their children by the rules.
  Status BeforeReplacing(const catalog::TableSchema& table, const std::vector<Value>& row);
  Status BeforeParentKeysChange(const sql::UpdateStatement& update, const catalog::TableSchema& table,
                                const std::string& alias);
  // The rows of `parent` matching `where` (SQL over its columns, ?1.. = parameters) are going:
  // their children's rules apply, cascading at most 15 deep (3008).
  Status BeforeParentRowsGo(const catalog::TableSchema& parent, const std::string& where,
                            const std::vector<Value>& parameters, int depth);
  // `child`'s rows referencing `old_key` lose that parent (deleted when `new_key` is null,
  // else changed to it): RESTRICT / NO ACTION 1451, CASCADE, SET NULL.
  Status LoseParent(const catalog::TableSchema& child, const catalog::ForeignKeySchema& key,
                    const std::vector<Value>& old_key, const std::vector<Value>* new_key, int depth);
  // The rows of `select`, in stored forms, and their types.
  Result<std::vector<std::vector<Value>>> QueryRows(const sql::SelectStatement& select,
                                                   std::vector<ExprType>* types);
  // ---- CHECK constraints (exec_check_constraints.cc) ----
  // A new row (stored forms, table order) against the enforced constraints: 3819.
  Status CheckRowConstraints(const catalog::TableSchema& table, const std::vector<Value>& row);
  // The rows an UPDATE changes, read with their new values, against them: 3819.
  Status CheckUpdatedConstraints(const sql::UpdateStatement& update, const catalog::TableSchema& table,
                                 const std::string& alias);
  // ---- generated columns (exec_check_constraints.cc) ----
  // `row` (stored forms, table order) with each generated column computed from it.
  Status ComputeGeneratedColumns(const catalog::TableSchema& table, std::vector<Value>& row,
                                 const CoerceContext& context);
  // UPDATE and ON DUPLICATE KEY UPDATE: an assignment for each generated column, over the
  // values `assignments` give (bound in `scope`, whose first table is the target).
  Status AppendGeneratedAssignments(Translator& translator, const Scope& scope,
                                    const catalog::TableSchema& table,
                                    const std::vector<sql::Assignment>& assignments,
                                    std::vector<std::pair<std::string, BoundExpr>>* bound);
  // ALTER TABLE: constraints added or newly enforced hold for the rows of `before`: 3819.
  Status CheckExistingRows(const catalog::TableSchema& table, const catalog::TableSchema& before);
  // ---- temporary tables (exec_ddl.cc) ----
  // catalog_ = the shared catalog with this session's temporary tables laid over it.
  void RefreshCatalog();
  // The session's temporary table `database`.`table`, or nullptr.
  std::shared_ptr<const catalog::TableSchema> TemporaryTable(std::string_view database,
                                                             std::string_view table) const;
  // Publishes a changed definition: the session's own for a temporary table, the shared
  // catalog's (already written to porpoise_tables) for any other.
  void PublishTable(std::shared_ptr<const catalog::TableSchema> table);
  // A table's next AUTO_INCREMENT value (porpoise_tables, or the session's for a temporary
  // table) and its update.
  Result<uint64_t> ReadCounter(const catalog::TableSchema& table);
  Status WriteCounter(const catalog::TableSchema& table, uint64_t next);
  // After an UPDATE that wrote `table`'s AUTO_INCREMENT column: the counter past the
  // column's highest value, as MySQL 8 keeps it.
  Status CounterPastUpdated(const catalog::TableSchema& table, const std::vector<sql::Assignment>& assignments);
  Status CreateTemporaryTable(std::shared_ptr<const catalog::TableSchema> table, bool if_not_exists);
  // After a ROLLBACK: a temporary table created inside the transaction went with it (SQLite's
  // TEMP schema is transactional), but MySQL's stays, without the rows the transaction
  // wrote, so it is created again, empty.
  Status RestoreTemporaryTables();
  // ---- views (exec_view.cc) ----
  // CREATE [OR REPLACE] VIEW and ALTER VIEW: the query is bound with the creator's rights
  // (SELECT on what it reads), then stored in canonical form.
  Status ExecuteCreateView(const sql::CreateViewStatement& statement);
  Status ExecuteDropView(const sql::DropViewStatement& statement);
  // A view's columns as a table's: the types its query gives them now (1356 when it no
  // longer binds). No keys; the reader's rights are not checked.
  Result<std::shared_ptr<const catalog::TableSchema>> ViewColumns(const catalog::TableSchema& view);
  // SHOW CREATE VIEW's text: tables of the session's database unqualified, as MySQL prints.
  std::string ShowCreateViewText(const catalog::TableSchema& view);
  // What a write through a view reaches: its one FROM entry (a table or a view), and the
  // expression each view column stands for. 1288 / 1471 when the view cannot be written
  // (set operations, DISTINCT, GROUP BY, HAVING, LIMIT, aggregates or subqueries in the
  // select list, TEMPTABLE, joins and derived tables; INSERT also needs plain columns).
  struct ViewWrite {
    const catalog::TableSchema* view = nullptr;
    const sql::TableRef* base = nullptr;
    std::string qualifier;  // how the view's expressions name the base table
    std::vector<std::string> names;
    std::vector<const sql::Expr*> items;
    const sql::Expr* where = nullptr;
    bool check = false;    // WITH CHECK OPTION applies at this level
    bool cascade = false;  // and to the views below
  };
  Result<ViewWrite> ViewWriteOf(const catalog::TableSchema& view, std::string_view statement,
                                bool insert);
  bool ViewUpdatable(const catalog::TableSchema& view);
  // The statement rewritten onto the view's base table (its columns for the view's, the
  // view's WHERE added) and run as if written so; WITH CHECK OPTION (1369) is checked first
  // on the rows it would write.
  Status UpdateThroughView(const sql::UpdateStatement& update, const catalog::TableSchema& view,
                           ResultSink& sink, bool more);
  Status DeleteThroughView(const sql::DeleteStatement& statement, const catalog::TableSchema& view,
                           ResultSink& sink, bool more);
  Status InsertThroughView(const sql::InsertStatement& insert, const catalog::TableSchema& view,
                           ResultSink& sink, bool more);
  // Runs the rewritten statement one level below `view` (WITH CASCADED CHECK OPTION reaches
  // the views under it; 1369 names the outermost view written through).
  Status WriteBelowView(const catalog::TableSchema& view, const ViewWrite& write,
                        const std::function<Status()>& run);
  Status CheckOptionFailed(const catalog::TableSchema& view);
  // Whether `select` gives a row (run with the session's rights, nothing sent).
  Result<bool> AnyRow(const sql::SelectStatement& select);

  // ---- stored programs: definitions (exec_routine.cc) ----
  Status ExecuteCreateRoutine(const sql::CreateRoutineStatement& statement);
  Status ExecuteDropRoutine(const sql::DropRoutineStatement& statement);
  Status ExecuteCreateTrigger(const sql::CreateTriggerStatement& statement);
  Status ExecuteDropTrigger(const sql::DropTriggerStatement& statement);
  // Publishes a changed catalog: `edit` applied to a copy of the current snapshot.
  void PublishCatalog(const std::function<void(catalog::CatalogSnapshot&)>& edit);
  // The metadata MySQL keeps with a new stored program (definer, times, modes, charsets).
  catalog::RoutineSchema NewRoutine(catalog::RoutineKind kind, std::string database,
                                    std::string name, const std::optional<sql::UserName>& definer);
  // What the account may see of a stored program (information_schema, SHOW): a procedure or
  // function when it is the definer or holds EXECUTE, CREATE ROUTINE or ALTER ROUTINE on the
  // database (or global SELECT), its body only as the definer or with global SELECT; a
  // trigger with TRIGGER on its table.
  RoutineAccess AccessTo(const catalog::RoutineSchema& routine);
  // ---- stored programs: running them (exec_program.cc) ----
  Status ExecuteCall(const sql::CallStatement& call, ResultSink& sink, bool more);
  // pp_sf: stored_calls_[index] on `arguments` (physical forms); the result in the physical
  // form of the function's RETURNS type.
  Result<Value> CallStoredFunction(size_t index, const std::vector<Value>& arguments);
  bool HasTriggers(const catalog::TableSchema& table, sql::CreateTriggerStatement::Event event) const;
  // Runs `table`'s triggers for `event` at `timing` on one row: OLD is `old_row` (UPDATE,
  // DELETE), NEW is `new_row` (INSERT, UPDATE; a BEFORE trigger may change it).
  Status FireTriggers(const catalog::TableSchema& table, sql::CreateTriggerStatement::Timing timing,
                      sql::CreateTriggerStatement::Event event, const std::vector<Value>* old_row,
                      std::vector<Value>* new_row);
  // 1442 when a trigger or stored function writes the table whose change fired it.
  Status CheckTableNotInUse(const catalog::TableSchema& table);
  Status ExecuteSelectInto(const sql::SelectStatement& select, ResultSink& sink, bool more);
  Status RunProgram(ProgramFrame& frame, const sql::Statement& body, ResultSink& sink);
  Status RunStatements(const std::vector<sql::StatementPtr>& statements, ProgramFrame& frame,
                       ResultSink& sink);
  Status RunProgramStatement(const sql::Statement& statement, ProgramFrame& frame, ResultSink& sink);
  Status RunBlock(const sql::BlockStatement& block, ProgramFrame& frame, ResultSink& sink);
  Status RunLoop(const sql::LoopStatement& loop, ProgramFrame& frame, ResultSink& sink);
  Status RunCursorStatement(const sql::CursorStatement& statement, ProgramFrame& frame);
  Status RunSignal(const sql::SignalStatement& statement, ProgramFrame& frame);
  Status RunGetDiagnostics(const sql::GetDiagnosticsStatement& statement, ProgramFrame& frame);
  // Offers `conditions` (raised by one statement) to the handlers in scope; true when one
  // ran (frame.flow says whether an EXIT handler ended its block).
  Result<bool> HandleCondition(ProgramFrame& frame, std::vector<Status> conditions, ResultSink& sink);
  Status AssignVariable(ProgramVariable& variable, const Value& value, const ExprType& type);
  // SELECT ... INTO / FETCH ... INTO / GET DIAGNOSTICS targets: a user variable or a variable
  // of the running program (1327 when there is none of that name).
  Status AssignTarget(const sql::VariableTarget& target, const Value& value, const ExprType& type);
  // A condition of the running routine's body (kept bound), or not (`owned` false).
  Result<bool> EvaluateCondition(const sql::Expr& condition, bool owned = true);
  // Evaluate for expressions of the running routine's own body: bound once and kept.
  Result<std::vector<Value>> EvaluateOwned(const std::vector<const sql::Expr*>& exprs,
                                           std::vector<ExprType>* types);
  // SET NEW.col = value inside a trigger: false when `name` is not NEW.x / OLD.x there.
  Result<bool> SetTriggerColumn(std::string_view name, const sql::Expr& value);
  // Runs `run` under the routine's sql_mode, and as its definer when `definer_rights` (SQL
  // SECURITY DEFINER).
  Status AsDefiner(const catalog::RoutineSchema& routine, bool definer_rights,
                   const std::function<Status()>& run);
  Status AsDefinerIn(const catalog::RoutineSchema& routine, bool definer_rights,
                     const std::function<Status()>& run);
  // Recursion rules: a function or trigger may not run inside itself (1424); a procedure
  // as deep as max_sp_recursion_depth (1456). Pushes `routine` on running_routines_.
  Status EnterRoutine(const catalog::RoutineSchema& routine);

  // ---- SHOW (exec_show.cc) ----
  Status ExecuteShow(const sql::ShowStatement& show, ResultSink& sink, bool more);
  // ANALYZE / CHECK / OPTIMIZE / REPAIR TABLE, answered as InnoDB answers them (ANALYZE and
  // OPTIMIZE refresh SQLite's statistics); a missing table is a row, not an error.
  Status ExecuteTableMaintenance(const sql::TableMaintenanceStatement& statement, ResultSink& sink,
                                 bool more);
  Result<Rows> ShowRows(const sql::ShowStatement& show);
  // Each key part's cardinality of table.indexes[position] (distinct values of the columns
  // up to it), estimated from SQLite's statistics as ANALYZE TABLE left them; 0 before any.
  std::vector<int64_t> KeyCardinalities(const catalog::TableSchema& table, size_t position);
  // HELP 'x' over the mysql.help_* tables, as MySQL answers it: one topic matching by name
  // or keyword as its name, description and example; else one matching category as its
  // subcategories and topics; else the matching topics and categories by name.
  Status ExecuteHelp(const sql::HelpStatement& help, ResultSink& sink, bool more);
  // The connections the account may see: all with PROCESS, else its own user's.
  std::vector<ServerHooks::Process> VisibleProcesses();
  Result<Rows> FilterRows(Rows rows, const sql::ShowStatement& show, size_t like_column);

  // ---- prepared statements (exec_prepared.cc) ----
  struct PreparedStatement {
    uint32_t id = 0;
    std::string name;  // PREPARE's name (lower case), "" for COM_STMT_PREPARE's
    std::string database;  // the default database it was prepared in, which it runs in
    std::vector<FieldType> parameter_types;  // as COM_STMT_PREPARE describes each `?`
    sql::StatementPtr statement;
    std::vector<ColumnInfo> columns;
    uint64_t memory_limit = UINT64_MAX;  // its budget (sql::StatementMemoryLimit) when bound
  };
  // Parses and checks `sql` (UTF-8) as a statement to prepare, giving its result columns.
  Result<PreparedStatement> PrepareText(std::string_view sql);
  // Keeps a prepared statement under a new id (1461 when the server holds the most it may).
  Result<uint32_t> KeepPrepared(PreparedStatement prepared);
  void DropPrepared(uint32_t id);
  // Runs a prepared statement with `parameters` standing for its `?`s (as literals of the
  // values' types, or the user variables of EXECUTE ... USING).
  Status RunPrepared(const PreparedStatement& prepared, std::vector<sql::ExprPtr> parameters,
                     ResultSink& sink, bool more);
  // A prepared SELECT, bound once and kept (each `?` read at run time) while the values'
  // types, the catalog and the session settings binding depends on stay the same.
  Status ExecutePreparedSelect(const PreparedStatement& prepared, ResultSink& sink, bool more);
  // The running prepared statement's `?` values as constants, with their types as they
  // bind; false when one of them is no constant.
  bool ParameterConstants(std::vector<Value>* values, std::vector<ExprType>* types);
  Status ExecutePrepare(const sql::PrepareStatement& statement);
  Status ExecuteExecute(const sql::ExecuteStatement& statement, ResultSink& sink, bool more);
  Status ExecuteDeallocatePrepare(const sql::DeallocatePrepareStatement& statement);

  // ---- SET (exec_set.cc) ----
  Status ExecuteSet(const sql::SetStatement& statement);
  Status SetSystemVariable(std::string_view name, sql::VariableScope scope,
                           std::optional<std::string> value);

  // ---- accounts, FLUSH, KILL, LOCK, transactions (exec_admin.cc) ----
  Status ExecuteAccountStatement(const sql::Statement& statement, ResultSink& sink, bool more);
  Status ExecuteFlush(const sql::FlushStatement& statement);
  Status ExecuteKill(const sql::KillStatement& statement);
  // Kills connection `id` (its running statement only with `query_only`): one's own, or with
  // CONNECTION_ADMIN or SUPER any, else only the same user's (1095); 1094 for no such id.
  Status Kill(uint32_t id, bool query_only);
  Status ExecuteLockTables(const sql::LockTablesStatement& statement);
  Status ExecuteTransactionStatement(const sql::Statement& statement);

  Engine& engine_;
  uint32_t connection_id_;
  bool interactive_;
  bool multi_results_;  // the client takes several results for one statement
  bool found_rows_flag_;  // CLIENT_FOUND_ROWS (Engine::SessionContext::found_rows)
  // Engine::SessionContext::password_expired, until the session changes its password.
  bool must_change_password_;
  bool track_state_;    // the client tracks session state (CLIENT_SESSION_TRACK)
  std::string compression_algorithm_;  // the connection's, "" when uncompressed
  std::string tls_version_, tls_cipher_;  // the connection's TLS, "" without
  int compression_level_;
  // What the client was last told of the state it tracks (TakeStateChanges): the default
  // database and the tracked variables' values; unset until the first statement.
  std::optional<std::string> reported_database_;
  std::map<std::string, std::string> reported_variables_;
  // The session variables' generation when they were last compared: nothing to look up
  // while it stays the same.
  uint64_t reported_generation_ = 0;
  std::unique_ptr<FunctionHost> host_;
  std::unique_ptr<storage::Database> db_;
  Transaction transaction_;  // on *db_
  WriteHolder write_holder_{*this};
  std::recursive_mutex activity_;  // held while a command runs (Busy)
  int activity_depth_ = 0;         // Busy guards open (a command's own calls nest)
  bool transaction_lost_ = false;  // set by a waiter that rolled the transaction back
  // Steady-clock ticks past which a transaction left open between commands may be ended
  // (EndIdleTransactionPast); 0 while a command runs or no transaction is open. Set under
  // activity_; read without it too.
  std::atomic<int64_t> idle_deadline_{0};
  bool in_transaction_after_command_ = false;  // ServerStatus between commands
  mutable double long_query_time_ = -1;  // LongQueryTime's, under this generation of values
  mutable uint64_t long_query_time_generation_ = 0;
  std::set<std::pair<std::string, std::string>> shared_tables_;  // metadata locks held
  SessionVariables variables_;
  // Session values SET in this session, for variables_info (by the variable's table name).
  std::map<std::string, VariableOrigin> session_variable_origins_;
  std::string mandatory_roles_text_;  // mandatory_roles as last given to checker_
  uint64_t parser_max_mem_size_global_ = UINT64_MAX;  // the global value, as last read
  // The running statement's memory budget: its bound tree is held to it (TranslatorContext).
  uint64_t statement_memory_limit_ = UINT64_MAX;
  uint64_t globals_seen_ = UINT64_MAX;  // GlobalVariables::changes() when it was read
  AccessChecker checker_;
  std::unique_ptr<AccountManager> account_manager_;
  std::shared_ptr<const catalog::CatalogSnapshot> catalog_;  // this statement's snapshot
  std::string database_;
  std::map<std::string, Value> user_variables_;  // keys lower case
  // By statement id; shared with a running execution, which a statement it runs (a CALL's
  // DEALLOCATE PREPARE) cannot pull from under it.
  std::map<uint32_t, std::shared_ptr<const PreparedStatement>> prepared_;
  std::map<std::string, uint32_t> prepared_names_;  // SQL PREPARE's names -> ids
  uint32_t next_prepared_id_ = 0;
  // The values of the running prepared statement's `?`s, by position (see RunPrepared).
  std::vector<sql::ExprPtr> parameters_;
  // The prepared statement whose execution is running (RunPrepared), else nullptr.
  const PreparedStatement* running_prepared_ = nullptr;
  // Prepared statements as bound (ExecutePreparedSelect, WritePlan), by statement id.
  struct PlanKey {
    uint64_t catalog_version = 0;
    std::string database, sql_mode, collation_connection, time_zone;
    uint32_t div_precision_increment = 0;
    uint64_t variables_generation = 0;  // any session variable bound in (group_concat_max_len, ...)
    uint64_t temporary_generation = 0;  // the session's temporary tables
    auto operator<=>(const PlanKey&) const = default;
  };
  PlanKey CurrentPlanKey() const;
  struct PreparedPlan {
    PlanKey key;
    std::vector<ExprType> parameter_types;
    TranslatorContext context;
    TranslatedSelect translated;                // a SELECT
    std::shared_ptr<const BoundWrite> write;    // an UPDATE or DELETE
  };
  // The kept plan of prepared statement `id` when it was bound under `key` for values of
  // `types`, and is a write's (or a SELECT's); else nullptr, a stale one dropped.
  PreparedPlan* KeptPlan(uint32_t id, const PlanKey& key, const std::vector<ExprType>& types,
                         bool write);
  // Whether a form bound since `calls_before` stored calls may be kept: not when binding fixed
  // session state or registered per-statement state (stored functions, sub-statements).
  bool Keepable(const TranslatorContext& context, size_t calls_before) const;
  std::map<uint32_t, PreparedPlan> prepared_plans_;
  SharedParses shared_parses_;
  // The text SELECT of a known shape that is running (RunSharedParse), for ExecuteSelect.
  struct RunningShape {
    const sql::Statement* statement = nullptr;
    const SharedParses::Parse* parse = nullptr;
    // The shape's text and the literals no plan may replace (SharedParses::Parse::compared).
    std::string key;
  };
  const RunningShape* running_shape_ = nullptr;
  // The bound plan of a text SELECT's shape (ExecuteSharedSelect), run again with other
  // values of the same types in the parameters its compared literals were written to.
  // Where a shape's compared literals were written, and with which values.
  struct ShapeSlots {
    std::vector<int64_t> first;                        // TranslatorContext::shape_slots
    std::vector<std::pair<int32_t, size_t>> extra;     // TranslatorContext::shape_extra_slots
    bool operator==(const ShapeSlots&) const = default;
    // Whether parameter `index` is one of them.
    bool Holds(size_t index) const;
    // Writes `values` (by literal number) into `parameters` wherever their literals went
    // (only compared literals are written as parameters of their own).
    void Apply(const std::vector<Value>& values, std::vector<Value>* parameters) const;
  };
  static ShapeSlots SlotsOf(const TranslatorContext& context) {
    return ShapeSlots{context.shape_slots, context.shape_extra_slots};
  }
  // Whether a binding of the running shape (`context`, made since `calls_before` stored
  // calls) may be kept: Keepable, no warnings, each compared literal in a parameter of its own.
  bool ShapeBindingKeepable(const TranslatorContext& context, size_t calls_before) const;
  // The running shape's kept plan in `plans` when it was bound under `key` for compared
  // values of `types` (else nullptr).
  template <typename Plan>
  Plan* SameKindPlan(std::map<std::string, Plan>& plans, const PlanKey& key,
                     const std::vector<ExprType>& types) {
    auto kept = plans.find(running_shape_->key);
    if (kept == plans.end() || !(kept->second.key == key) ||
        !std::equal(types.begin(), types.end(), kept->second.types.begin(),
                    kept->second.types.end(), SameParameterType)) {
      return nullptr;
    }
    return &kept->second;
  }
  // Records a keepable binding of the running shape in `plans` (ShapePlan or ShapeWritePlan):
  // the first is kept (`make` makes it); a second of the same kind confirms the kept one when
  // `agrees` with it, else the kept one is dropped.
  template <typename Plan, typename Agrees, typename Make>
  void RecordShapeBinding(std::map<std::string, Plan>& plans, bool same_kind, Agrees agrees,
                          Make make) {
    auto kept = plans.find(running_shape_->key);
    if (same_kind && kept != plans.end() && !kept->second.confirmed) {
      if (agrees(kept->second)) {
        kept->second.confirmed = true;
      } else {
        plans.erase(kept);
      }
      return;
    }
    if (plans.size() >= SharedParses::kCapacity * 4) plans.clear();
    plans.insert_or_assign(running_shape_->key, make());
  }
  // Whether a second binding (`context`) agrees with the first (`first`, `first_slots`): the
  // same SQL, the same slots, and the same values in every parameter no literal fills.
  static bool SameBinding(const TranslatorContext& first, const ShapeSlots& first_slots,
                          const TranslatorContext& context);
  struct ShapePlan {
    PlanKey key;
    std::vector<ExprType> types;     // of the compared literals
    ShapeSlots slots;                // their parameters
    TranslatorContext context;       // parameters as first bound
    TranslatedSelect translated;
    bool confirmed = false;          // a second binding with other values agreed
  };
  std::map<std::string, ShapePlan> shape_plans_;  // by RunningShape::key
  // The same for a text UPDATE or DELETE of one table (SharedWritePlan).
  struct ShapeWritePlan {
    PlanKey key;
    std::vector<ExprType> types;
    ShapeSlots slots;
    std::shared_ptr<const BoundWrite> write;
    bool confirmed = false;
  };
  std::map<std::string, ShapeWritePlan> shape_write_plans_;  // by RunningShape::key
  // Set by WritePlan when it hands out a kept shape write plan (null otherwise): where its
  // literals' parameters are, and this run's values for them (by literal number), which
  // ExecutionContext, called next, writes into its context and then clears. The caller reads
  // it first: the plan's bound tree holds another run's values (see BoundForRows).
  const ShapeSlots* shape_write_slots_ = nullptr;
  std::vector<Value> shape_write_values_;
  Diagnostics diagnostics_;  // the last statement's notes, warnings and error
  std::string connection_collation_name_;  // collation_connection connection_collation_ is for
  const types::Collation* connection_collation_ = &types::DefaultCollation();
  uint64_t last_insert_id_ = 0;
  bool runtime_user_variables_ = false;  // the running client statement assigns @variables
  int64_t row_count_ = -1;
  uint64_t found_rows_ = 0;
  uint64_t information_schema_version_ = UINT64_MAX;  // catalog version materialised
  uint64_t questions_ = 0;
  bool error_sent_ = false;  // a result set was cut short by an ERR already sent
  bool bootstrap_ = false;   // data-directory initialisation: no privilege checks
  bool temp_tables_ = false;
  // CREATE TEMPORARY TABLE's tables, by (database, name), and their AUTO_INCREMENT counters.
  std::map<std::pair<std::string, std::string>, std::shared_ptr<const catalog::TableSchema>>
      temporary_;
  std::map<std::pair<std::string, std::string>, uint64_t> temporary_counters_;
  uint64_t next_temporary_id_ = 1;
  // Moves with every temporary table created, dropped, renamed or altered: kept plans bound
  // before name tables that may be gone (PlanKey).
  uint64_t temporary_generation_ = 0;
  // Stored programs' expressions as bound (Evaluate), by routine, expression and what binding
  // depends on; the catalog version in the key retires them when any definition changes.
  struct EvaluationKey {
    const catalog::RoutineSchema* routine;
    const sql::Expr* first;
    size_t count;
    uint64_t catalog_version;
    std::string database, sql_mode, collation_connection;
    uint32_t div_precision_increment;
    auto operator<=>(const EvaluationKey&) const = default;
  };
  struct CachedEvaluation {
    TranslatorContext context;  // parameters, reads to check, warnings
    std::string sql;
    std::vector<ExprType> types;
  };
  std::map<EvaluationKey, CachedEvaluation> evaluations_;
  // Set (by EvaluateOwned) while Evaluate's expressions are nodes of the running routine's own
  // parsed body, which live as long as its definition: only those are kept bound.
  bool routine_expressions_ = false;
  ProgramFrame* program_ = nullptr;  // the innermost running stored program
  size_t program_depth_ = 0;
  size_t function_depth_ = 0;  // stored functions running (inside a statement's step)
  std::vector<const catalog::RoutineSchema*> running_routines_;
  // The stored-function calls of the running top-level statement (pp_sf's numbers).
  std::vector<StoredCall> stored_calls_;
  // Tables whose triggers are running: a trigger may not write them (1442).
  std::vector<std::pair<std::string, std::string>> tables_in_use_;
  bool view_check_cascaded_ = false;  // a write through views under WITH CASCADED CHECK OPTION
  std::vector<std::string> view_written_;  // {database, view} of the outermost view written
  mutable std::string sql_mode_text_;               // the sql_mode sql_mode_flags_ was split from
  mutable std::vector<std::string> sql_mode_flags_;  // its items, upper case  // information_schema tables were materialised on db_
};

}  // namespace porpoise::engine
