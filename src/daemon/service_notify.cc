// sd_notify messages for the service manager; see service_notify.h. (daemon/)
#include "daemon/service_notify.h"

#include <systemd/sd-daemon.h>

namespace porpoise::daemon {

void NotifyServiceReady(const ServiceStatus& status) {
  std::string addresses;
  for (const std::string& address : status.bind_addresses) {
    addresses += (addresses.empty() ? "" : ",") + address;
  }
  std::string text = "READY=1\nSTATUS=Version " + status.version + "; ";
  text += addresses.empty() ? std::string("TCP off")
                            : "listening on " + addresses + " port " + status.ports;
  text += "; socket " + status.socket;
  // unset_environment=0 keeps NOTIFY_SOCKET for the STOPPING=1 message at shutdown.
  sd_notify(0, text.c_str());
}

void NotifyServiceStopping() { sd_notify(0, "STOPPING=1\nSTATUS=Shutting down"); }

}  // namespace porpoise::daemon
