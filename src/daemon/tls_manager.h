// TlsManager: the server's TLS context, built from the ssl_* and tls_* variables on the first
// connection that asks for TLS (the default certificates created in the datadir first when
// missing, as MySQL's auto_generate_certs does), and rebuilt by ALTER INSTANCE RELOAD TLS.
// (daemon/)
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "engine/variables.h"
#include "net/tls.h"

namespace porpoise::daemon {

// Thread-safe.
class TlsManager {
 public:
  TlsManager(const engine::GlobalVariables& globals, std::string datadir)
      : globals_(globals), datadir_(std::move(datadir)) {}

  // The context in force (loaded on the first call); null, logged once, when TLS cannot be
  // set up. A connection keeps the one it got for its handshake, whatever reloads follow.
  std::shared_ptr<const net::TlsContext> Get();

  // ALTER INSTANCE RELOAD TLS: a context from the variables' current values replaces the one
  // in force. When it cannot be built, the old one stays (or, with `no_rollback`, TLS is off
  // until the next reload) and the error is MySQL's 3888.
  Status Reload(bool no_rollback);
  // SIGHUP: Reload (keeping the old context on failure) when a context was loaded; before
  // the first TLS connection there is nothing to reload, the first load reads the files.
  Status ReloadIfLoaded();

  // SHOW STATUS: Ssl_server_not_before/after and the Current_tls_* values of the context in
  // force.
  std::vector<std::pair<std::string, std::string>> StatusValues();

 private:
  // The variables' values now, as files and settings.
  net::TlsFiles CurrentSettings() const;
  Result<std::shared_ptr<const net::TlsContext>> Build(const net::TlsFiles& files) const;

  const engine::GlobalVariables& globals_;
  const std::string datadir_;
  std::mutex mutex_;
  bool tried_ = false;                               // GUARDED_BY(mutex_)
  std::shared_ptr<const net::TlsContext> context_;   // GUARDED_BY(mutex_)
  net::TlsFiles in_force_;                           // GUARDED_BY(mutex_): what built it
};

}  // namespace porpoise::daemon
