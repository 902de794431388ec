// FindAuthPlugin and GenerateScramble: the plugin registry and the handshake nonce. (auth/)
#include "auth/auth_plugin.h"

#include <cctype>
#include <random>

#include "auth/builtin_plugins.h"
#include "auth/crypto.h"
#include "common/strings.h"

namespace porpoise::auth {
namespace {

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
  std::optional<std::string> bytes = RandomBytes(kScrambleSize);
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
