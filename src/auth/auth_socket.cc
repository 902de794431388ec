// auth_socket (alias unix_socket): the login is accepted when the unix-socket peer's OS user,
// read with SO_PEERCRED by the server, is the account's user name, or the name given with
// IDENTIFIED WITH auth_socket AS 'osuser'. Whatever the client sends is ignored. (auth/)
#include <pwd.h>
#include <unistd.h>

#include <vector>

#include "auth/builtin_plugins.h"

namespace porpoise::auth {
namespace {

std::optional<std::string> OsUserName(uint32_t uid) {
  long suggested = sysconf(_SC_GETPW_R_SIZE_MAX);
  std::vector<char> buffer(suggested > 0 ? static_cast<size_t>(suggested) : 16384);
  passwd entry{};
  passwd* found = nullptr;
  for (;;) {
    int rc = getpwuid_r(static_cast<uid_t>(uid), &entry, buffer.data(), buffer.size(), &found);
    if (rc == ERANGE && buffer.size() < (1u << 20)) {
      buffer.resize(buffer.size() * 2);
      continue;
    }
    if (rc != 0 || found == nullptr) return std::nullopt;
    return std::string(entry.pw_name);
  }
}

class AuthSocketExchange : public AuthExchange {
 public:
  explicit AuthSocketExchange(const AuthContext& context) : context_(context) {}

  AuthStep Start(std::string_view) override {
    AuthStep step;
    if (!context_.peer_uid) return step;
    std::optional<std::string> os_user = OsUserName(*context_.peer_uid);
    const Account& account = *context_.account;
    const std::string& expected = account.auth_string.empty() ? account.user : account.auth_string;
    if (os_user && *os_user == expected) step.outcome = AuthStep::Outcome::kAccept;
    return step;
  }

  AuthStep Continue(std::string_view) override { return AuthStep{}; }

 private:
  AuthContext context_;
};

class AuthSocket : public AuthPlugin {
 public:
  std::string_view Name() const override { return "auth_socket"; }
  std::string_view ClientPluginName() const override { return ""; }

  // As MySQL's auth_socket, whose hash generator copies its input: BY 'name' stores the OS
  // user name like AS 'name' does.
  Result<std::string> HashPassword(std::string_view password) const override {
    return std::string(password);
  }

  bool IsValidAuthString(std::string_view) const override { return true; }

  std::unique_ptr<AuthExchange> Begin(const AuthContext& context) const override {
    return std::make_unique<AuthSocketExchange>(context);
  }
};

}  // namespace

const AuthPlugin& AuthSocketPlugin() {
  static const AuthSocket plugin;
  return plugin;
}

}  // namespace porpoise::auth
