// caching_sha2_password: SHA-256-crypt hashes stored as MySQL writes them, the scramble fast
// path against the in-memory cache, and full authentication with the cleartext password over
// a secure transport or RSA-encrypted otherwise. (auth/)
//
// Exchange, server side (packets after the handshake's scramble response):
//   Start(scramble response) --cache hit-------------------> kAccept  + "\x03"
//                            --miss----> kAwaitFull          kContinue + "\x04"
//   kAwaitFull: "\x02"                                     -> kContinue + public key PEM
//               cleartext "pw\0" (secure transport only)   -> verify, cache, kAccept/kReject
//               RSA-OAEP(pw\0 XOR scramble)                -> decrypt, verify, cache, ...
#include <cstdio>

#include "auth/builtin_plugins.h"
#include "auth/crypto.h"
#include "auth/rsa_keys.h"
#include "auth/sha256_crypt.h"
#include "auth/sha2_cache.h"

namespace porpoise::auth {
namespace {

constexpr std::string_view kPrefix = "$A$";
constexpr size_t kSaltSize = 20;
constexpr size_t kDigestChars = 43;
constexpr size_t kStoredSize = 3 + 3 + 1 + kSaltSize + kDigestChars;  // "$A$" "005" "$"
constexpr uint32_t kRoundsMultiplier = 1000;
constexpr uint32_t kDefaultRounds = 5000;
constexpr size_t kScrambleResponseSize = 32;
constexpr char kRequestPublicKey = '\x02';
constexpr std::string_view kFastAuthSuccess = "\x03";
constexpr std::string_view kPerformFullAuthentication = "\x04";

// Printable salt bytes; '$' and quotes are left out so the stored form reads safely anywhere.
constexpr std::string_view kSaltAlphabet =
    "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#%&()*+,-:;<=>?@[]^_{|}~";

std::optional<std::string> GenerateSalt() {
  std::optional<std::string> bytes = RandomBytes(kSaltSize);
  if (!bytes) return std::nullopt;
  for (char& c : *bytes) c = kSaltAlphabet[static_cast<unsigned char>(c) % kSaltAlphabet.size()];
  return bytes;
}

bool VerifyPassword(std::string_view password, std::string_view auth_string) {
  std::optional<CachingSha2Hash> hash = ParseCachingSha2Hash(auth_string);
  if (!hash) return false;
  return ConstantTimeEquals(Sha256CryptDigest(password, hash->salt, hash->rounds), hash->digest);
}

class CachingSha2Exchange : public AuthExchange {
 public:
  explicit CachingSha2Exchange(const AuthContext& context) : context_(context) {}

  AuthStep Start(std::string_view response) override {
    AuthStep step;
    step.password_used = !response.empty();
    const Account& account = *context_.account;
    if (account.auth_string.empty() || response.empty()) {
      if (account.auth_string.empty() && response.empty()) step.outcome = Accept();
      return step;
    }
    if (response.size() == kScrambleResponseSize && context_.sha2_cache != nullptr &&
        context_.sha2_cache->Check(account.user, account.host, context_.scramble, response)) {
      step.outcome = Accept();
      step.more_data = std::string(kFastAuthSuccess);
      return step;
    }
    awaiting_full_ = true;
    step.outcome = AuthStep::Outcome::kContinue;
    step.more_data = std::string(kPerformFullAuthentication);
    return step;
  }

  AuthStep Continue(std::string_view packet) override {
    AuthStep step;
    step.password_used = true;
    if (!awaiting_full_) return step;
    if (packet.size() == 1 && packet[0] == kRequestPublicKey) {
      if (context_.rsa == nullptr) return step;
      step.outcome = AuthStep::Outcome::kContinue;
      step.more_data = context_.rsa->public_key_pem();
      return step;
    }
    std::optional<std::string> password = ExtractPassword(packet);
    awaiting_full_ = false;
    if (password && FullAuthenticate(*password)) step.outcome = Accept();
    return step;
  }

 private:
  AuthStep::Outcome Accept() {
    awaiting_full_ = false;
    return AuthStep::Outcome::kAccept;
  }

  // The password the client sent in full authentication, without its terminating NUL.
  std::optional<std::string> ExtractPassword(std::string_view packet) const {
    std::string password;
    if (context_.secure_transport) {
      password.assign(packet);
    } else if (context_.rsa != nullptr && packet.size() == context_.rsa->ciphertext_size()) {
      Result<std::string> plain = context_.rsa->Decrypt(packet);
      if (!plain.ok() || context_.scramble.empty()) return std::nullopt;
      password = XorRepeating(plain.value(), context_.scramble);
    } else {
      return std::nullopt;  // a cleartext password over an insecure transport is refused
    }
    if (!password.empty() && password.back() == '\0') password.pop_back();
    return password;
  }

  bool FullAuthenticate(std::string_view password) const {
    const Account& account = *context_.account;
    if (!VerifyPassword(password, account.auth_string)) return false;
    if (context_.sha2_cache != nullptr) {
      context_.sha2_cache->Remember(account.user, account.host, Sha256(Sha256(password)));
    }
    return true;
  }

  AuthContext context_;
  bool awaiting_full_ = false;
};

class CachingSha2Password : public AuthPlugin {
 public:
  std::string_view Name() const override { return "caching_sha2_password"; }
  std::string_view ClientPluginName() const override { return "caching_sha2_password"; }

  Result<std::string> HashPassword(std::string_view password) const override {
    if (password.empty()) return std::string();
    std::optional<std::string> salt = GenerateSalt();
    if (!salt) return Status::WithMessage(ER_UNKNOWN_ERROR, "the random generator failed");
    return MakeCachingSha2Hash(password, *salt, kDefaultRounds);
  }

  bool IsValidAuthString(std::string_view auth_string) const override {
    return auth_string.empty() || ParseCachingSha2Hash(auth_string).has_value();
  }

  std::unique_ptr<AuthExchange> Begin(const AuthContext& context) const override {
    return std::make_unique<CachingSha2Exchange>(context);
  }
};

}  // namespace

std::optional<CachingSha2Hash> ParseCachingSha2Hash(std::string_view auth_string) {
  if (auth_string.size() != kStoredSize || auth_string.substr(0, kPrefix.size()) != kPrefix ||
      auth_string[6] != '$') {
    return std::nullopt;
  }
  std::string_view rounds_field = auth_string.substr(3, 3);
  if (!IsHex(rounds_field)) return std::nullopt;
  CachingSha2Hash hash;
  hash.rounds =
      static_cast<uint32_t>(std::stoul(std::string(rounds_field), nullptr, 16)) * kRoundsMultiplier;
  if (hash.rounds == 0) return std::nullopt;
  hash.salt = std::string(auth_string.substr(7, kSaltSize));
  hash.digest = std::string(auth_string.substr(7 + kSaltSize));
  for (char c : hash.digest) {
    bool crypt_char = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                      c == '.' || c == '/';
    if (!crypt_char) return std::nullopt;
  }
  return hash;
}

std::string MakeCachingSha2Hash(std::string_view password, std::string_view salt, uint32_t rounds) {
  char field[8];
  std::snprintf(field, sizeof(field), "%03X", rounds / kRoundsMultiplier);
  std::string out(kPrefix);
  out += field;
  out += '$';
  out.append(salt);
  out += Sha256CryptDigest(password, salt, rounds);
  return out;
}

const AuthPlugin& CachingSha2PasswordPlugin() {
  static const CachingSha2Password plugin;
  return plugin;
}

}  // namespace porpoise::auth
