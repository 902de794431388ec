// porpoised: reads the options, initialises or opens the data directory, wires the engine to
// the server, and runs until SIGTERM/SIGINT. (daemon/)
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "auth/rsa_keys.h"
#include "auth/sha2_cache.h"
#include "daemon/audit_log.h"
#include "daemon/engine_session_handler.h"
#include "daemon/metrics_endpoint.h"
#include "daemon/server_config.h"
#include "daemon/service_notify.h"
#include "daemon/tls_manager.h"
#include "engine/engine.h"
#include "engine/variables.h"
#include "net/tls.h"
#include "server/logger.h"
#include "server/server.h"

namespace porpoise::daemon {
namespace {

constexpr char kDefaultDatadir[] = "/var/lib/porpoise";

void PrintError(const std::string& message) {
  std::fprintf(stderr, "porpoised: [ERROR] %s\n", message.c_str());
}

// Without --datadir porpoised serves /var/lib/porpoise, like mysqld's /var/lib/mysql.
void ResolvePaths(ServerConfig& config) {
  if (config.datadir.empty()) ResolveDataDirPaths(config, kDefaultDatadir);
}

int Initialize(const ServerConfig& config) {
  const bool insecure = config.initialize_insecure;
  Status status = engine::Engine::InitializeDataDirectory(config.datadir, insecure);
  if (!status.ok()) {
    PrintError(status.message());
    return 1;
  }
  auto keys = auth::RsaKeyPair::LoadOrCreate(config.datadir);
  if (!keys.ok()) {
    PrintError("could not create the RSA key pair: " + keys.status().message());
    return 1;
  }
  if (Status certificates = net::CreateCertificatesIfMissing(config.datadir);
      !certificates.ok()) {
    PrintError("could not create the TLS certificates: " + certificates.message());
    return 1;
  }
  server::Log(server::LogLevel::kNote,
              insecure ? "root@localhost is created with an empty password ! Please consider "
                         "switching off the --initialize-insecure option."
                       : "root@localhost is created with the auth_socket plugin: the operating "
                         "system user root logs in over the unix socket without a password.");
  server::Log(server::LogLevel::kNote, "Data directory " + config.datadir + " initialized.");
  return 0;
}

// The pid file: refused when it names another running porpoised, written with this
// process's pid, and removed on destruction only while it still names this process (a
// server that fails to start must not take a running one's pid file away).
class PidFile {
 public:
  static Result<std::unique_ptr<PidFile>> Create(const std::string& path) {
    long other = ReadPid(path);
    if (other > 0 && other != static_cast<long>(getpid()) && IsPorpoised(other)) {
      return Status::WithMessage(ER_UNKNOWN_ERROR, "Another porpoised (pid " +
                                                       std::to_string(other) +
                                                       ") is using the pid file '" + path + "'");
    }
    std::FILE* file = std::fopen(path.c_str(), "w");
    if (file == nullptr) {
      return Status::WithMessage(ER_UNKNOWN_ERROR, "Can't create the pid file '" + path +
                                                       "': " + std::strerror(errno));
    }
    std::fprintf(file, "%d\n", static_cast<int>(getpid()));
    std::fclose(file);
    return std::unique_ptr<PidFile>(new PidFile(path));
  }
  ~PidFile() {
    if (ReadPid(path_) == static_cast<long>(getpid())) std::remove(path_.c_str());
  }
  PidFile(const PidFile&) = delete;
  PidFile& operator=(const PidFile&) = delete;

 private:
  explicit PidFile(std::string path) : path_(std::move(path)) {}
  // The pid the file names; 0 when there is none.
  static long ReadPid(const std::string& path) {
    std::FILE* file = std::fopen(path.c_str(), "r");
    if (file == nullptr) return 0;
    long pid = 0;
    if (std::fscanf(file, "%ld", &pid) != 1) pid = 0;
    std::fclose(file);
    return pid;
  }
  // Whether process `pid` is alive and is a porpoised.
  static bool IsPorpoised(long pid) {
    std::FILE* file = std::fopen(("/proc/" + std::to_string(pid) + "/comm").c_str(), "r");
    if (file == nullptr) return false;
    char name[32] = {};
    bool porpoised = std::fgets(name, sizeof name, file) != nullptr &&
                     std::strncmp(name, "porpoised\n", 10) == 0;
    std::fclose(file);
    return porpoised;
  }
  std::string path_;
};

// The server's RSA key pair, read from the datadir on first use.
class LazyRsaKeys {
 public:
  explicit LazyRsaKeys(std::string datadir) : datadir_(std::move(datadir)) {}

  // Creates (and keeps) the pair when private_key.pem is missing or unreadable.
  Status CreateIfMissing() {
    std::string path = datadir_ + "/private_key.pem";
    if (::access(path.c_str(), R_OK) == 0) return Status::OK();
    auto loaded = auth::RsaKeyPair::LoadOrCreate(datadir_);
    if (!loaded.ok()) return loaded.status();
    std::call_once(once_, [&] { keys_ = std::move(loaded).value(); });
    return Status::OK();
  }

  // Thread-safe; null (logged once) when the key cannot be read.
  const auth::RsaKeyPair* Get() {
    std::call_once(once_, [this] {
      auto loaded = auth::RsaKeyPair::LoadOrCreate(datadir_);
      if (loaded.ok()) {
        keys_ = std::move(loaded).value();
      } else {
        server::Log(server::LogLevel::kError,
                    "could not load the RSA key pair: " + loaded.status().message());
      }
    });
    return keys_.get();
  }

 private:
  std::string datadir_;
  std::once_flag once_;
  std::unique_ptr<auth::RsaKeyPair> keys_;
};

server::ServerOptions MakeServerOptions(const ServerConfig& config,
                                        const engine::GlobalVariables& globals) {
  server::ServerOptions options;
  options.bind_addresses = config.bind_addresses;
  options.port = config.port;
  options.socket_path = config.socket;
  options.skip_networking = config.skip_networking;
  // Checked when the options were read, so it parses.
  options.allow_from = net::AddressFilter::Parse(config.allow_from).value();
  Result<std::string> admin_address = globals.Get("admin_address");
  if (admin_address.ok()) options.admin_address = admin_address.value();
  options.admin_port = static_cast<uint16_t>(globals.GetUnsigned("admin_port"));
  options.max_connections = config.max_connections;
  options.max_allowed_packet = config.max_allowed_packet;
  options.default_authentication_plugin = config.default_authentication_plugin;
  options.connect_timeout = config.connect_timeout;
  Result<std::string> version = globals.Get("version");
  if (version.ok()) options.server_version = version.value();
  return options;
}

// Blocks the shutdown signals (and SIGHUP) in every thread; one thread waits for them with
// sigwait and stops the server (or reopens the logs), so no work happens in a signal handler.
sigset_t ShutdownSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGQUIT);
  sigaddset(&set, SIGHUP);
  return set;
}

std::string BoundPortsText(const server::Server& server) {
  std::string text;
  for (uint16_t port : server.BoundPorts()) {
    text += (text.empty() ? "" : ",") + std::to_string(port);
  }
  return text.empty() ? "0" : text;
}

// The Prometheus endpoint when metrics_address names one (null otherwise); it stops before
// the engine and the factory it reads go away.
Result<std::unique_ptr<MetricsEndpoint>> StartMetricsEndpoint(
    const engine::GlobalVariables& globals, engine::Engine& engine,
    const EngineSessionHandlerFactory& factory) {
  Result<std::string> address = globals.Get("metrics_address");
  if (!address.ok() || address->empty()) return std::unique_ptr<MetricsEndpoint>();
  auto port = static_cast<uint16_t>(globals.GetUnsigned("metrics_port"));
  PORPOISE_ASSIGN_OR_RETURN(
      std::unique_ptr<MetricsEndpoint> endpoint,
      MetricsEndpoint::Start(*address, port, [&engine, &factory] {
        return RenderMetrics(engine, factory.histograms());
      }));
  server::Log(server::LogLevel::kNote, "Metrics endpoint ready, address: '" + *address +
                                           "'  port: " + std::to_string(endpoint->port()));
  return endpoint;
}

// Raises the process's limit on open files to what the server may need, as mysqld does at
// start: the most of open_files_limit, 5,000 and 5 per allowed connection (a connection holds
// its socket and, in SQLite, its database, WAL and shared-memory files). The soft limit goes up
// to the hard one, and the hard one too where the process may raise it (root). Returns the
// limit in force, which open_files_limit then reports; a warning when it is short.
uint64_t RaiseOpenFilesLimit(const ServerConfig& config) {
  uint64_t wanted = std::max<uint64_t>({config.open_files_limit, 5000,
                                        10 + 5 * static_cast<uint64_t>(config.max_connections)});
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return wanted;
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < wanted) {
    rlimit raised = limit;
    raised.rlim_cur = wanted;
    if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < wanted) raised.rlim_max = wanted;
    if (setrlimit(RLIMIT_NOFILE, &raised) != 0) {
      raised.rlim_max = limit.rlim_max;
      raised.rlim_cur = std::min<rlim_t>(wanted, limit.rlim_max);
      (void)setrlimit(RLIMIT_NOFILE, &raised);
    }
    (void)getrlimit(RLIMIT_NOFILE, &limit);
  }
  uint64_t in_force = limit.rlim_cur == RLIM_INFINITY ? wanted : limit.rlim_cur;
  if (in_force < wanted) {
    server::Log(server::LogLevel::kWarning,
                "Changed limits: max_open_files: " + std::to_string(in_force) +
                    " (requested " + std::to_string(wanted) + "); with " +
                    std::to_string(config.max_connections) +
                    " max_connections some connections may fail with 1030");
  }
  return in_force;
}

int Serve(ServerConfig& config) {
  if (!engine::Engine::IsInitialized(config.datadir)) {
    PrintError("The data directory " + config.datadir +
               " is not initialized. Create it with: porpoised --initialize --datadir=" +
               config.datadir);
    return 1;
  }
  engine::GlobalVariables globals;
  if (Status status = ApplyServerConfig(config, globals); !status.ok()) {
    PrintError(status.message());
    return 1;
  }
  (void)globals.SetFromOption("open_files_limit", std::to_string(RaiseOpenFilesLimit(config)));
  // An existing key pair is loaded on the first caching_sha2_password login: parsing it
  // initialises OpenSSL's providers, megabytes an idle server does not need. A missing one is
  // created now, as mysqld creates its auto-generated keys at start.
  LazyRsaKeys keys(config.datadir);
  if (Status status = keys.CreateIfMissing(); !status.ok()) {
    PrintError("could not load the RSA key pair: " + status.message());
    return 1;
  }
  auth::Sha2PasswordCache sha2_cache;
  RegistryHooks hooks;
  AuditLog audit(globals, config.datadir);  // outlives the engine and the server
  hooks.AttachAudit(&audit);
  engine::EngineOptions engine_options;
  engine_options.datadir = config.datadir;
  engine_options.globals = &globals;
  engine_options.hooks = &hooks;
  engine_options.sha2_cache = &sha2_cache;
  auto engine = engine::Engine::Open(engine_options);
  if (!engine.ok()) {
    PrintError("could not open the data directory: " + engine.status().message());
    return 1;
  }
  EngineSessionHandlerFactory factory(*engine.value(), &audit);
  server::ServerOptions options = MakeServerOptions(config, globals);
  const std::string version = options.server_version;
  TlsManager tls(globals, config.datadir);  // outlives the server's connections
  hooks.AttachTls(&tls);
  server::Server server(std::move(options), factory,
                        engine.value()->accounts(), nullptr, &sha2_cache);
  server.SetRsaKeyLoader([&keys] { return keys.Get(); });
  server.SetTlsLoader([&tls] { return tls.Get(); });
  server.SetLoginRefusedObserver(
      [&audit](const std::string& user, const std::string& host, const Status& error) {
        audit.LoginRefused(user, host, error);
      });
  server.SetGlobalVariableSource([&globals](std::string_view name) {
    Result<std::string> value = globals.Get(name);
    return value.ok() ? value.value() : std::string();
  });
  server.SetCompressionAlgorithmsSource([&globals] {
    Result<std::string> value = globals.Get("protocol_compression_algorithms");
    return value.ok() ? value.value() : std::string();
  });
  hooks.Attach(&server);
  // The pid file exists before the first connection can be accepted, as with mysqld, so
  // whoever sees the server answer also finds its pid file.
  auto pid_file = PidFile::Create(config.pid_file);
  if (!pid_file.ok()) {
    PrintError(pid_file.status().message());
    return 1;
  }
  if (Status status = server.Start(); !status.ok()) {
    PrintError(status.message());
    return 1;
  }
  auto metrics = StartMetricsEndpoint(globals, *engine.value(), factory);
  if (!metrics.ok()) {
    PrintError(metrics.status().message());
    return 1;
  }
  std::thread signal_waiter([&server, &hooks, &tls] {
    sigset_t set = ShutdownSignals();
    int signal_number = 0;
    // SIGHUP (systemd's reload, logrotate's postrotate) re-reads what can change on disk
    // while the server runs: the error and audit logs are opened again under their names
    // (the query logs notice a rotation themselves) and the TLS files are loaded again
    // (when TLS is in use).
    while (sigwait(&set, &signal_number) == 0 && signal_number == SIGHUP) {
      hooks.FlushLogs();
      if (Status reloaded = tls.ReloadIfLoaded(); !reloaded.ok()) {
        server::Log(server::LogLevel::kWarning,
                    "SIGHUP: the TLS files were not loaded again, the old ones stay: " +
                        reloaded.message());
      }
      server::Log(server::LogLevel::kNote, "Received SIGHUP: log files opened again");
    }
    if (signal_number != SIGQUIT) {
      server::Log(server::LogLevel::kNote, std::string("Received ") +
                                               strsignal(signal_number) + ", shutting down");
    }
    NotifyServiceStopping();
    server.Stop();
  });
  if (server.AdminPort() != 0) {
    server::Log(server::LogLevel::kSystem, server::LogCode::kAdminInterfaceReady,
                "Admin interface ready for connections, address: '" +
                    server.options().admin_address +
                    "'  port: " + std::to_string(server.AdminPort()));
  }
  server::Log(server::LogLevel::kSystem, server::LogCode::kReadyForConnections,
              "porpoised: ready for connections. Version: '" +
                  version + "'  socket: '" +
                  config.socket + "'  port: " + BoundPortsText(server));
  NotifyServiceReady({config.skip_networking ? std::vector<std::string>() : config.bind_addresses,
                      BoundPortsText(server), config.socket, version});
  server.Run();
  pthread_kill(signal_waiter.native_handle(), SIGQUIT);  // wakes it if Run ended on its own
  signal_waiter.join();
  server::Log(server::LogLevel::kSystem, server::LogCode::kShutdownComplete,
              "porpoised: Shutdown complete");
  return 0;
}

// Stack of every thread started from here on (connections run one each). Binding and
// parsing recurse once per level of a nested expression; both stop with 1436 before the
// stack's end, and this much room lets generated queries nest hundreds of levels. Only the
// pages a thread touches are ever committed.
constexpr size_t kThreadStackBytes = 64u << 20;

void SetThreadStackSize() {
  pthread_attr_t attributes;
  if (pthread_attr_init(&attributes) != 0) return;
  if (pthread_attr_setstacksize(&attributes, kThreadStackBytes) == 0) {
    pthread_setattr_default_np(&attributes);
  }
  pthread_attr_destroy(&attributes);
}

// A statement that builds a large parse (a 1,000-row INSERT: over a megabyte of syntax tree
// and values) frees it all at its end. By default glibc then gives the top of the heap back to
// the kernel, and the next statement faults the same pages in again, zeroed (342 page faults
// per 1,000-row INSERT; docs/performance.md). Freed memory up to 4 MiB per arena now stays
// for reuse, and blocks up to 1 MiB come from the heap rather than a mapping of their own.
// An idle server touches none of it.
constexpr int kTrimThresholdBytes = 4 << 20;
constexpr int kMmapThresholdBytes = 1 << 20;

void SetMallocThresholds() {
  mallopt(M_TRIM_THRESHOLD, kTrimThresholdBytes);
  mallopt(M_MMAP_THRESHOLD, kMmapThresholdBytes);
}

bool AsksForHelpOrVersion(const std::vector<std::string>& args) {
  for (const std::string& arg : args) {
    if (arg == "--help" || arg == "-?" || arg == "--version" || arg == "-V") return true;
  }
  return false;
}

// The command line with its option-file arguments replaced by --no-defaults.
std::vector<std::string> WithoutOptionFiles(const std::vector<std::string>& args) {
  size_t consumed = 0;
  (void)ParseOptionFileSources(args, &consumed);
  std::vector<std::string> rest{"--no-defaults"};
  rest.insert(rest.end(), args.begin() + static_cast<std::ptrdiff_t>(consumed), args.end());
  return rest;
}

int Main(int argc, char** argv) {
  SetThreadStackSize();
  SetMallocThresholds();
  std::vector<std::string> args(argv + 1, argv + argc);
  auto loaded = LoadServerConfig(args);
  if (!loaded.ok() && AsksForHelpOrVersion(args)) {
    // --help and --version answer even when an option file holds what this server does not
    // know (a MariaDB or MySQL my.cnf): the problem is reported, the text printed anyway.
    PrintError(loaded.status().message());
    loaded = LoadServerConfig(WithoutOptionFiles(args));
  }
  if (!loaded.ok()) {
    PrintError(loaded.status().message());
    return 1;
  }
  ServerConfig& config = loaded.value();
  if (config.help) {
    std::fputs(HelpText(config, config.verbose).c_str(), stdout);
    return 0;
  }
  if (config.version) {
    std::puts(VersionText().c_str());
    return 0;
  }
  ResolvePaths(config);
  if (!config.log_error.empty()) {
    // Written until exit; FLUSH LOGS and SIGHUP open it again under its name.
    if (std::string error = server::OpenLogFile(config.log_error); !error.empty()) {
      PrintError("Could not open the error log '" + config.log_error + "': " + error);
      return 1;
    }
  }
  for (const std::string& warning : config.warnings) {
    server::Log(server::LogLevel::kWarning, warning);
  }
  if (config.initialize || config.initialize_insecure) return Initialize(config);

  signal(SIGPIPE, SIG_IGN);
  sigset_t set = ShutdownSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return Serve(config);
}

}  // namespace
}  // namespace porpoise::daemon

int main(int argc, char** argv) { return porpoise::daemon::Main(argc, argv); }
