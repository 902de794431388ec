// Engine: data-directory initialisation, opening (catalog + accounts), connections and
// sessions. (engine/)
#include "engine/engine.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <ctime>
#include <filesystem>

#include "engine/account_manager.h"
#include "engine/help_content.h"
#include "engine/catalog_store.h"
#include "engine/session.h"
#include "engine/sqlite_functions.h"
#include "engine/variables.h"
#include "storage/checkpointer.h"
#include "storage/database.h"
#include "storage/datadir_lock.h"
#include "storage/group_sync.h"

namespace porpoise::engine {

namespace {

constexpr const char* kDataFile = "porpoise.db";
// Connections kept open for reuse. Opening one costs far more than a connect's whole wire
// exchange (open, PRAGMAs, function registration, schema parse, and for the first connection
// the creation of the -wal/-shm files that the last close deletes again); a few pooled ones
// cover bursts of short connections while bounding what idle pooled connections hold.
constexpr size_t kConnectionPoolLimit = 8;

std::string DataFilePath(const std::string& datadir) {
  return (std::filesystem::path(datadir) / kDataFile).string();
}

}  // namespace

Engine::Engine(PrivateKey, EngineOptions options)
    : options_(std::move(options)),
      database_path_(DataFilePath(options_.datadir)),
      started_(std::chrono::steady_clock::now()),
      started_unix_(std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count()) {}

Engine::~Engine() {
  // The last checkpoint, then every commit synced, then the connections closed (the last
  // one to close checkpoints what is left and removes the WAL).
  if (group_sync_) group_sync_->set_listener(nullptr);
  checkpointer_.reset();
  if (group_sync_) (void)group_sync_->SyncNow();
  std::lock_guard<std::mutex> lock(pool_mutex_);
  for (PooledConnection& pooled : pool_) pooled.db.reset();  // before the hosts they point at
  pool_.clear();
}

void Engine::WatchIdleTransactions(Session* session) {
  std::lock_guard<std::mutex> lock(idle_watch_mutex_);
  idle_watch_.insert(session);
}

void Engine::StopWatchingIdleTransactions(Session* session) {
  std::lock_guard<std::mutex> lock(idle_watch_mutex_);
  idle_watch_.erase(session);
}

void Engine::EndExpiredIdleTransactions() {
  std::lock_guard<std::mutex> lock(idle_watch_mutex_);
  const int64_t now = std::chrono::steady_clock::now().time_since_epoch().count();
  for (Session* session : idle_watch_) session->EndIdleTransactionPast(now);
}

void Engine::UseFlushPolicy() {
  uint64_t value = options_.globals->GetUnsigned("innodb_flush_log_at_trx_commit");
  group_sync_->set_policy(value == 1   ? storage::GroupSync::Policy::kEveryCommit
                          : value == 2 ? storage::GroupSync::Policy::kWriteEverySecond
                                       : storage::GroupSync::Policy::kEverySecond);
}

uint64_t Engine::UptimeSeconds() const {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                   std::chrono::steady_clock::now() - started_)
                                   .count());
}

void Engine::NoteCommitted(const std::vector<uint64_t>& storage_ids) {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &local);
  std::lock_guard<std::mutex> lock(update_times_mutex_);
  for (uint64_t id : storage_ids) update_times_[id] = text;
}

std::optional<std::string> Engine::UpdateTime(uint64_t storage_id) const {
  std::lock_guard<std::mutex> lock(update_times_mutex_);
  auto found = update_times_.find(storage_id);
  if (found == update_times_.end()) return std::nullopt;
  return found->second;
}

bool Engine::IsInitialized(const std::string& datadir) {
  std::error_code error;
  return std::filesystem::is_regular_file(DataFilePath(datadir), error);
}

Result<std::unique_ptr<storage::Database>> Engine::OpenConnection(
    const std::string& path, bool create, FunctionHost* host, storage::WriteLock* write_lock,
    storage::GroupSync* group_sync) {
  storage::OpenOptions options;
  options.create = create;
  options.write_lock = write_lock;
  options.group_sync = group_sync;
  PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<storage::Database> db, storage::Database::Open(path, options));
  if (create) PORPOISE_RETURN_IF_ERROR(db->Execute("PRAGMA journal_mode=WAL"));
  PORPOISE_RETURN_IF_ERROR(RegisterSqliteFunctions(db->handle(), host));
  return db;
}

Status Engine::InitializeDataDirectory(const std::string& datadir, bool insecure) {
  std::error_code error;
  std::filesystem::path directory(datadir);
  if (std::filesystem::exists(directory, error)) {
    if (!std::filesystem::is_directory(directory, error)) {
      return Status::WithMessage(ER_UNKNOWN_ERROR, "The data directory '" + datadir +
                                                       "' exists and is not a directory. Aborting.");
    }
    if (!std::filesystem::is_empty(directory, error)) {
      return Status::WithMessage(ER_UNKNOWN_ERROR, "--initialize specified but the data directory '" +
                                                       datadir + "' has files in it. Aborting.");
    }
  } else if (!std::filesystem::create_directories(directory, error) || error) {
    return Status::WithMessage(ER_UNKNOWN_ERROR, "Cannot create the data directory '" + datadir +
                                                     "': " + error.message());
  }
  std::filesystem::permissions(directory, std::filesystem::perms::owner_all |
                                              std::filesystem::perms::group_read |
                                              std::filesystem::perms::group_exec,
                               error);
  PORPOISE_ASSIGN_OR_RETURN(storage::DataDirLock lock, storage::DataDirLock::Acquire(datadir));
  std::string path = DataFilePath(datadir);
  {
    FunctionHost host;
    PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<storage::Database> db, OpenConnection(path, true, &host));
    PORPOISE_RETURN_IF_ERROR(CreateCatalogTables(*db));
  }
  GlobalVariables globals;
  EngineOptions options;
  options.datadir = datadir;
  options.globals = &globals;
  PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<Engine> engine, OpenHolding(options, std::move(lock)));
  return engine->RunBootstrapScript(std::string(AccountManager::SystemSchemaSql()) +
                                    HelpContentSql() + AccountManager::InitialAccountsSql(insecure));
}

Status Engine::RunBootstrapScript(std::string_view script) {
  SessionContext context;
  context.principal.user = "root";
  context.principal.client_host = "localhost";
  context.principal.account_user = "root";
  context.principal.account_host = "localhost";
  PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<Session> session, OpenSession(context));
  session->bootstrap_ = true;
  FirstErrorSink sink;
  session->ComQuery(script, true, sink);
  if (!sink.error().ok()) {
    return Status::WithMessage(ER_UNKNOWN_ERROR,
                               "Setting up the system tables failed: " + sink.error().ToString());
  }
  return Status::OK();
}

Result<std::unique_ptr<Engine>> Engine::Open(const EngineOptions& options) {
  if (options.globals == nullptr) {
    return Status::WithMessage(ER_UNKNOWN_ERROR, "The engine needs the global variables");
  }
  if (!IsInitialized(options.datadir)) {
    return Status::WithMessage(ER_UNKNOWN_ERROR,
                               "The data directory '" + options.datadir +
                                   "' is not initialized; run porpoised --initialize "
                                   "(or --initialize-insecure) first");
  }
  // Nothing in the directory is read or changed (a format upgrade, above all) while another
  // server has it.
  PORPOISE_ASSIGN_OR_RETURN(storage::DataDirLock lock, storage::DataDirLock::Acquire(options.datadir));
  return OpenHolding(options, std::move(lock));
}

Result<std::unique_ptr<Engine>> Engine::OpenHolding(const EngineOptions& options,
                                                    storage::DataDirLock lock) {
  auto engine = std::make_unique<Engine>(PrivateKey(), options);
  engine->datadir_lock_ = std::move(lock);
  engine->group_sync_ = std::make_unique<storage::GroupSync>(engine->database_path_ + "-wal");
  engine->UseFlushPolicy();
  auto host = std::make_unique<FunctionHost>();
  host->globals = options.globals;
  PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<storage::Database> db,
                            OpenConnection(engine->database_path_, false, host.get(),
                                           &engine->write_lock_, engine->group_sync_.get()));
  PORPOISE_RETURN_IF_ERROR(UpgradeStorageFormat(*db));
  PORPOISE_RETURN_IF_ERROR(CheckStorageFormat(*db, options.datadir));
  PORPOISE_RETURN_IF_ERROR(engine->LoadCatalog(*db));
  // A data directory made by an earlier release gets the system tables added since (and the
  // help's content with its tables) before the accounts are read from them.
  std::shared_ptr<const catalog::CatalogSnapshot> current = engine->catalog_.Current();
  bool missing = false;
  for (std::string_view table : {"columns_priv", "global_grants", "role_edges", "default_roles",
                                 "procs_priv"}) {
    missing = missing || current->FindTable("mysql", table) == nullptr;
  }
  if (current->FindDatabase("mysql") != nullptr && missing) {
    bool help = current->FindTable("mysql", "help_topic") == nullptr;
    engine->ReleaseConnection(std::move(host), std::move(db), false);
    PORPOISE_RETURN_IF_ERROR(engine->RunBootstrapScript(
        std::string(AccountManager::SystemSchemaSql()) + (help ? HelpContentSql() : "")));
    PORPOISE_ASSIGN_OR_RETURN(PooledConnection pooled, engine->TakeConnection());
    host = std::move(pooled.host);
    db = std::move(pooled.db);
  }
  if (engine->catalog_.Current()->FindTable("mysql", "user")) {
    PORPOISE_RETURN_IF_ERROR(GrantDynamicPrivilegesAfterUpgrade(*db));
    PORPOISE_RETURN_IF_ERROR(AccountManager::LoadSnapshot(*db, engine->accounts_));
  }
  // Kept as the first pooled connection: the first session starts ready, and the WAL files
  // are not deleted and re-created whenever the last session closes.
  engine->ReleaseConnection(std::move(host), std::move(db), false);
  PORPOISE_ASSIGN_OR_RETURN(engine->checkpointer_,
                            storage::Checkpointer::Start(engine->database_path_, *engine->group_sync_,
                                                         &engine->write_lock_,
                                                         [raw = engine.get()] {
                                                           raw->EndExpiredIdleTransactions();
                                                         }));
  engine->group_sync_->set_listener(
      [checkpointer = engine->checkpointer_.get()](int pages) { checkpointer->Committed(pages); });
  return engine;
}

Status Engine::LoadCatalog(storage::Database& db) {
  PORPOISE_ASSIGN_OR_RETURN(std::shared_ptr<catalog::CatalogSnapshot> snapshot, LoadCatalogSnapshot(db));
  catalog_.Replace(std::move(snapshot));
  return Status::OK();
}

Result<Engine::PooledConnection> Engine::TakeConnection() {
  {
    std::lock_guard<std::mutex> lock(pool_mutex_);
    if (!pool_.empty()) {
      PooledConnection pooled = std::move(pool_.back());
      pool_.pop_back();
      return pooled;
    }
  }
  PooledConnection fresh;
  fresh.host = std::make_unique<FunctionHost>();
  fresh.host->globals = options_.globals;
  PORPOISE_ASSIGN_OR_RETURN(fresh.db, OpenConnection(database_path_, false, fresh.host.get(),
                                                     &write_lock_, group_sync_.get()));
  return fresh;
}

void Engine::ReleaseConnection(std::unique_ptr<FunctionHost> host,
                               std::unique_ptr<storage::Database> db, bool temp_tables) {
  if (!host || !db) return;
  bool reusable = true;
  if (db->InTransaction()) reusable = db->Execute("ROLLBACK").ok() && !db->InTransaction();
  if (reusable && temp_tables) {
    // information_schema's materialised tables hold what the last account could see.
    std::vector<std::string> names;
    Result<storage::Statement> list =
        db->Prepare("SELECT name FROM temp.sqlite_master WHERE type = 'table'");
    reusable = list.ok();
    while (reusable) {
      Result<bool> row = list->Step();
      if (!row.ok()) reusable = false;
      if (!reusable || !row.value()) break;
      names.emplace_back(list->ColumnText(0));
    }
    if (list.ok()) (void)list->Reset();
    for (const std::string& name : names) {
      std::string quoted = "\"";
      for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
      quoted += "\"";
      if (reusable) reusable = db->Execute("DROP TABLE temp." + quoted).ok();
    }
  }
  if (reusable) {
    sqlite3_db_release_memory(db->handle());
    host->statement_micros = 0;
    host->interrupted.store(false);
    host->store_columns.clear();
    host->store_context = CoerceContext();
    host->store_warnings.clear();
    host->store_error = Status::OK();
    std::lock_guard<std::mutex> lock(pool_mutex_);
    if (pool_.size() < kConnectionPoolLimit) {
      pool_.push_back(PooledConnection{std::move(host), std::move(db)});
      return;
    }
  }
  db.reset();  // closes the connection before the host its functions point at goes
}

Result<std::unique_ptr<Session>> Engine::OpenSession(const SessionContext& context) {
  PORPOISE_ASSIGN_OR_RETURN(PooledConnection connection, TakeConnection());
  auto session = std::make_unique<Session>(Session::PrivateKey(), *this, context,
                                           std::move(connection.host), std::move(connection.db));
  PORPOISE_RETURN_IF_ERROR(session->UseClientCollation(context.client_collation));
  if (!context.database.empty()) {
    PORPOISE_RETURN_IF_ERROR(session->ComInitDb(context.database));
  }
  return session;
}

}  // namespace porpoise::engine
