// mysql_native_password: "*" + hex SHA1(SHA1(password)) stored; the client proves the
// password with SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password))). (auth/)
#include "auth/builtin_plugins.h"
#include "auth/crypto.h"

namespace porpoise::auth {
namespace {

constexpr size_t kSha1Size = 20;

class NativeExchange : public AuthExchange {
 public:
  explicit NativeExchange(const AuthContext& context) : context_(context) {}

  AuthStep Start(std::string_view response) override {
    AuthStep step;
    step.password_used = !response.empty();
    step.outcome = Verify(response) ? AuthStep::Outcome::kAccept : AuthStep::Outcome::kReject;
    return step;
  }

  AuthStep Continue(std::string_view) override { return AuthStep{}; }

 private:
  bool Verify(std::string_view response) const {
    const std::string& stored = context_.account->auth_string;
    if (stored.empty()) return response.empty();
    if (response.size() != kSha1Size || stored.size() != 1 + 2 * kSha1Size) return false;
    const std::string stage2 = HexDecode(std::string_view(stored).substr(1));
    if (stage2.size() != kSha1Size) return false;
    const std::string stage1 = XorRepeating(response, Sha1(context_.scramble, stage2));
    return ConstantTimeEquals(Sha1(stage1), stage2);
  }

  AuthContext context_;
};

class NativePassword : public AuthPlugin {
 public:
  std::string_view Name() const override { return "mysql_native_password"; }
  std::string_view ClientPluginName() const override { return "mysql_native_password"; }

  Result<std::string> HashPassword(std::string_view password) const override {
    if (password.empty()) return std::string();
    return "*" + HexUpper(Sha1(Sha1(password)));
  }

  bool IsValidAuthString(std::string_view auth_string) const override {
    if (auth_string.empty()) return true;
    return auth_string.size() == 1 + 2 * kSha1Size && auth_string[0] == '*' &&
           IsHex(auth_string.substr(1));
  }

  std::unique_ptr<AuthExchange> Begin(const AuthContext& context) const override {
    return std::make_unique<NativeExchange>(context);
  }
};

}  // namespace

const AuthPlugin& NativePasswordPlugin() {
  static const NativePassword plugin;
  return plugin;
}

}  // namespace porpoise::auth
