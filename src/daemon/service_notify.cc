// Service-manager notifications; see service_notify.h. (daemon/)
//
// The notification protocol is one datagram of "KEY=value" lines sent to the unix socket
// named by $NOTIFY_SOCKET (a leading '@' names an abstract socket). It is written here rather
// than taken from libsystemd: linking that library maps it and five more (libgcrypt, liblzma,
// liblz4, libcap, libgpg-error) into every server, which costs idle memory for two messages.
#include "daemon/service_notify.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>

namespace porpoise::daemon {
namespace {

// Sends `text` to the service manager; nothing when there is none or the socket is unusable
// (a notification is advice: the server runs the same without it).
void Notify(const std::string& text) {
  const char* path = std::getenv("NOTIFY_SOCKET");
  if (path == nullptr || path[0] == '\0') return;
  size_t length = std::strlen(path);
  sockaddr_un address{};
  if ((path[0] != '/' && path[0] != '@') || length >= sizeof(address.sun_path)) return;
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path, path, length);
  if (path[0] == '@') address.sun_path[0] = '\0';  // abstract namespace
  int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return;
  auto size = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + length);
  (void)::sendto(fd, text.data(), text.size(), MSG_NOSIGNAL,
                 reinterpret_cast<const sockaddr*>(&address), size);
  ::close(fd);
}

}  // namespace

void NotifyServiceReady(const ServiceStatus& status) {
  std::string addresses;
  for (const std::string& address : status.bind_addresses) {
    addresses += (addresses.empty() ? "" : ",") + address;
  }
  std::string text = "READY=1\nSTATUS=Version " + status.version + "; ";
  text += addresses.empty() ? std::string("TCP off")
                            : "listening on " + addresses + " port " + status.ports;
  text += "; socket " + status.socket;
  Notify(text);
}

void NotifyServiceStopping() { Notify("STOPPING=1\nSTATUS=Shutting down"); }

}  // namespace porpoise::daemon
