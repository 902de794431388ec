// FindAuthPlugin and GenerateScramble: the plugin registry and the handshake nonce. (auth/)
#include "auth/auth_plugin.h"

#include <sys/random.h>

#include <cerrno>
#include <random>

#include "auth/builtin_plugins.h"
#include "auth/crypto.h"
#include "common/strings.h"

namespace porpoise::auth {
namespace {

// Fills `out` from the kernel's CSPRNG. Used for the greeting's nonce rather than OpenSSL's
// generator, whose first use maps and initialises some 2 MiB of libcrypto that a server which
// has not authenticated anyone yet does not need.
bool KernelRandom(std::string& out) {
  size_t filled = 0;
  while (filled < out.size()) {
    ssize_t got = ::getrandom(out.data() + filled, out.size() - filled, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    filled += static_cast<size_t>(got);
  }
  return true;
}

}  // namespace

const AuthPlugin* FindAuthPlugin(std::string_view name) {
  for (const AuthPlugin* plugin :
       {&NativePasswordPlugin(), &CachingSha2PasswordPlugin(), &AuthSocketPlugin()}) {
    if (EqualsIgnoreCase(plugin->Name(), name)) return plugin;
  }
  if (EqualsIgnoreCase(name, "unix_socket")) return &AuthSocketPlugin();
  return nullptr;
}

std::string GenerateScramble() {
  constexpr size_t kScrambleSize = 20;
  std::optional<std::string> bytes(std::in_place, kScrambleSize, '\0');
  if (!KernelRandom(*bytes)) bytes = RandomBytes(kScrambleSize);
  if (!bytes) {
    // RAND_bytes only fails when the system entropy source does; random_device reads the same
    // kernel source through another path.
    std::random_device device;
    bytes.emplace(kScrambleSize, '\0');
    for (char& c : *bytes) c = static_cast<char>(device());
  }
  // As MySQL's generate_user_salt: 7-bit, never NUL (it ends C strings) nor '$'.
  for (char& c : *bytes) {
    c = static_cast<char>(c & 0x7f);
    if (c == '\0' || c == '$') ++c;
  }
  return *bytes;
}

}  // namespace porpoise::auth
