// Engine: data-directory initialisation, opening (catalog + accounts), connections and
// sessions. (engine/)
#include "engine/engine.h"

#include <sys/stat.h>

#include <filesystem>

#include "engine/account_manager.h"
#include "engine/catalog_store.h"
#include "engine/session.h"
#include "engine/sqlite_functions.h"
#include "engine/variables.h"
#include "storage/database.h"

namespace porpoise::engine {

namespace {

constexpr const char* kDataFile = "porpoise.db";

std::string DataFilePath(const std::string& datadir) {
  return (std::filesystem::path(datadir) / kDataFile).string();
}

// Keeps the first error of a bootstrap script.
class FirstErrorSink : public ResultSink {
 public:
  void SendOk(const OkResult&, bool) override {}
  void SendError(const Status& status) override {
    if (error_.ok()) error_ = status;
  }
  void SendResultSetHeader(std::span<const ColumnInfo>) override {}
  bool SendRow(std::span<const TextValue>) override { return true; }
  void SendResultSetEnd(bool) override {}
  const Status& error() const { return error_; }

 private:
  Status error_;
};

}  // namespace

Engine::Engine(PrivateKey, EngineOptions options)
    : options_(std::move(options)),
      database_path_(DataFilePath(options_.datadir)),
      started_(std::chrono::steady_clock::now()) {}

Engine::~Engine() = default;

uint64_t Engine::UptimeSeconds() const {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                   std::chrono::steady_clock::now() - started_)
                                   .count());
}

bool Engine::IsInitialized(const std::string& datadir) {
  std::error_code error;
  return std::filesystem::is_regular_file(DataFilePath(datadir), error);
}

Result<std::unique_ptr<storage::Database>> Engine::OpenConnection(const std::string& path,
                                                                  bool create,
                                                                  FunctionHost* host) {
  storage::OpenOptions options;
  options.create = create;
  PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<storage::Database> db, storage::Database::Open(path, options));
  if (create) PORPOISE_RETURN_IF_ERROR(db->Execute("PRAGMA journal_mode=WAL"));
  PORPOISE_RETURN_IF_ERROR(db->Execute("PRAGMA synchronous=FULL"));
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
  PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<Engine> engine, Open(options));
  SessionContext context;
  context.principal.user = "root";
  context.principal.client_host = "localhost";
  context.principal.account_user = "root";
  context.principal.account_host = "localhost";
  PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<Session> session, engine->OpenSession(context));
  session->bootstrap_ = true;
  FirstErrorSink sink;
  std::string script = std::string(AccountManager::SystemSchemaSql()) +
                       AccountManager::InitialAccountsSql(insecure);
  session->ComQuery(script, true, sink);
  if (!sink.error().ok()) {
    return Status::WithMessage(ER_UNKNOWN_ERROR,
                               "Initializing the data directory failed: " + sink.error().ToString());
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
  auto engine = std::make_unique<Engine>(PrivateKey(), options);
  FunctionHost host;
  PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<storage::Database> db,
                            OpenConnection(engine->database_path_, false, &host));
  PORPOISE_RETURN_IF_ERROR(engine->LoadCatalog(*db));
  if (engine->catalog_.Current()->FindTable("mysql", "user")) {
    PORPOISE_RETURN_IF_ERROR(AccountManager::LoadSnapshot(*db, engine->accounts_));
  }
  return engine;
}

Status Engine::LoadCatalog(storage::Database& db) {
  PORPOISE_ASSIGN_OR_RETURN(std::shared_ptr<catalog::CatalogSnapshot> snapshot, LoadCatalogSnapshot(db));
  catalog_.Replace(std::move(snapshot));
  return Status::OK();
}

Result<std::unique_ptr<Session>> Engine::OpenSession(const SessionContext& context) {
  auto host = std::make_unique<FunctionHost>();
  PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<storage::Database> db,
                            OpenConnection(database_path_, false, host.get()));
  auto session = std::make_unique<Session>(Session::PrivateKey(), *this, context, std::move(host), std::move(db));
  if (!context.database.empty()) {
    PORPOISE_RETURN_IF_ERROR(session->ComInitDb(context.database));
  }
  return session;
}

}  // namespace porpoise::engine
