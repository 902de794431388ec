// Tells a supervising service manager (systemd, Type=notify) how porpoised is doing, with the
// notification protocol's datagrams to $NOTIFY_SOCKET. A no-op when porpoised was not started
// by one (NOTIFY_SOCKET unset). (daemon/)
#pragma once

#include <string>
#include <vector>

namespace porpoise::daemon {

// What `systemctl status porpoise` shows on its Status: line once the server is ready.
struct ServiceStatus {
  std::vector<std::string> bind_addresses;  // empty with skip_networking
  std::string ports;                        // the bound TCP ports, comma-separated
  std::string socket;
  std::string version;
};

// After the listeners are bound: READY=1 and a one-line STATUS=.
void NotifyServiceReady(const ServiceStatus& status);

// When shutdown begins: STOPPING=1.
void NotifyServiceStopping();

}  // namespace porpoise::daemon
