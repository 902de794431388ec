// TlsManager: building, keeping and reloading the server's TLS context. (daemon/)
#include "daemon/tls_manager.h"

#include "server/logger.h"

namespace porpoise::daemon {

net::TlsFiles TlsManager::CurrentSettings() const {
  net::TlsFiles files;
  files.directory = datadir_;
  const std::pair<const char*, std::string*> wanted[] = {
      {"ssl_ca", &files.ca},         {"ssl_cert", &files.cert},
      {"ssl_key", &files.key},       {"ssl_crl", &files.crl},
      {"ssl_cipher", &files.cipher}, {"tls_ciphersuites", &files.ciphersuites},
      {"tls_version", &files.versions}};
  for (const auto& [name, field] : wanted) {
    Result<std::string> value = globals_.Get(name);
    if (value.ok()) *field = value.value();
  }
  return files;
}

Result<std::shared_ptr<const net::TlsContext>> TlsManager::Build(
    const net::TlsFiles& files) const {
  if (files.cert == "server-cert.pem" && files.key == "server-key.pem") {
    PORPOISE_RETURN_IF_ERROR(net::CreateCertificatesIfMissing(datadir_));
  }
  PORPOISE_ASSIGN_OR_RETURN(std::unique_ptr<net::TlsContext> loaded, net::TlsContext::Load(files));
  return std::shared_ptr<const net::TlsContext>(std::move(loaded));
}

std::shared_ptr<const net::TlsContext> TlsManager::Get() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!tried_) {
    tried_ = true;
    net::TlsFiles files = CurrentSettings();
    Result<std::shared_ptr<const net::TlsContext>> built = Build(files);
    if (built.ok()) {
      context_ = std::move(built).value();
      in_force_ = std::move(files);
    } else {
      server::Log(server::LogLevel::kError,
                  "TLS could not be set up: " + built.status().message());
    }
  }
  return context_;
}

Status TlsManager::Reload(bool no_rollback) {
  net::TlsFiles files = CurrentSettings();
  Result<std::shared_ptr<const net::TlsContext>> built = Build(files);
  std::lock_guard<std::mutex> lock(mutex_);
  tried_ = true;
  if (!built.ok()) {
    if (no_rollback) {
      context_.reset();
      in_force_ = net::TlsFiles{};
    }
    return Status::Error(ER_DA_SSL_LIBRARY_ERROR, built.status().message());
  }
  context_ = std::move(built).value();
  in_force_ = std::move(files);
  server::Log(server::LogLevel::kNote, "TLS reloaded: certificate " + in_force_.cert);
  return Status::OK();
}

Status TlsManager::ReloadIfLoaded() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!tried_) return Status::OK();
  }
  return Reload(/*no_rollback=*/false);
}

std::vector<std::pair<std::string, std::string>> TlsManager::StatusValues() {
  std::shared_ptr<const net::TlsContext> context = Get();
  std::lock_guard<std::mutex> lock(mutex_);
  bool on = context != nullptr;
  auto shown = [&](const std::string& value) { return on ? value : std::string(); };
  return {
      {"Current_tls_ca", shown(in_force_.ca)},
      {"Current_tls_cert", shown(in_force_.cert)},
      {"Current_tls_cipher", shown(in_force_.cipher)},
      {"Current_tls_ciphersuites", shown(in_force_.ciphersuites)},
      {"Current_tls_crl", shown(in_force_.crl)},
      {"Current_tls_key", shown(in_force_.key)},
      {"Current_tls_version", shown(in_force_.versions)},
      {"Ssl_server_not_after", on ? context->not_after() : std::string()},
      {"Ssl_server_not_before", on ? context->not_before() : std::string()},
  };
}

}  // namespace porpoise::daemon
