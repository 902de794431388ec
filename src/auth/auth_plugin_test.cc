// Tests for the authentication plugins, driven by simulated clients whose side of each
// exchange is computed here directly with OpenSSL; also the scramble, the sha2 cache and the
// RSA key files (in a temporary directory). (auth/)
#include "auth/auth_plugin.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <pwd.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "auth/rsa_keys.h"
#include "auth/sha2_cache.h"

namespace porpoise::auth {
namespace {

using Outcome = AuthStep::Outcome;

std::string Digest(const EVP_MD* md, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), out, &length, md, nullptr);
  return std::string(reinterpret_cast<const char*>(out), length);
}
std::string ClientSha1(std::string_view data) { return Digest(EVP_sha1(), data); }
std::string ClientSha256(std::string_view data) { return Digest(EVP_sha256(), data); }

std::string Xor(std::string a, std::string_view b) {
  for (size_t index = 0; index < a.size(); ++index) a[index] ^= b[index % b.size()];
  return a;
}

// What a mysql_native_password client sends.
std::string NativeClientResponse(const std::string& password, const std::string& scramble) {
  std::string stage1 = ClientSha1(password);
  return Xor(stage1, ClientSha1(scramble + ClientSha1(stage1)));
}

// What a caching_sha2_password client sends first.
std::string Sha2ClientResponse(const std::string& password, const std::string& scramble) {
  std::string first = ClientSha256(password);
  return Xor(first, ClientSha256(ClientSha256(first) + scramble));
}

// What a caching_sha2_password client sends after receiving the server's public key.
std::string RsaEncryptForServer(const std::string& pem, const std::string& password,
                                const std::string& scramble) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* key = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  EVP_PKEY_CTX* context = EVP_PKEY_CTX_new(key, nullptr);
  EVP_PKEY_encrypt_init(context);
  EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_OAEP_PADDING);
  std::string plain = Xor(password + std::string(1, '\0'), scramble);
  size_t length = 0;
  EVP_PKEY_encrypt(context, nullptr, &length, reinterpret_cast<const unsigned char*>(plain.data()),
                   plain.size());
  std::string out(length, '\0');
  EVP_PKEY_encrypt(context, reinterpret_cast<unsigned char*>(out.data()), &length,
                   reinterpret_cast<const unsigned char*>(plain.data()), plain.size());
  out.resize(length);
  EVP_PKEY_CTX_free(context);
  EVP_PKEY_free(key);
  return out;
}

Account MakeAccount(const AuthPlugin& plugin, std::string user, std::string_view password) {
  Account account;
  account.user = std::move(user);
  account.host = "%";
  account.plugin = std::string(plugin.Name());
  Result<std::string> hash = plugin.HashPassword(password);
  EXPECT_TRUE(hash.ok());
  account.auth_string = hash.value();
  return account;
}

TEST(FindAuthPluginTest, KnowsTheThreePluginsAndTheAlias) {
  ASSERT_NE(FindAuthPlugin("mysql_native_password"), nullptr);
  ASSERT_NE(FindAuthPlugin("caching_sha2_password"), nullptr);
  ASSERT_NE(FindAuthPlugin("auth_socket"), nullptr);
  EXPECT_EQ(FindAuthPlugin("unix_socket"), FindAuthPlugin("auth_socket"));
  EXPECT_EQ(FindAuthPlugin("auth_socket")->Name(), "auth_socket");
  EXPECT_EQ(FindAuthPlugin("auth_socket")->ClientPluginName(), "");
  EXPECT_EQ(FindAuthPlugin("sha256_password"), nullptr);
}

TEST(GenerateScrambleTest, TwentyPrintableSevenBitBytes) {
  for (int attempt = 0; attempt < 50; ++attempt) {
    std::string scramble = GenerateScramble();
    ASSERT_EQ(scramble.size(), 20u);
    for (char c : scramble) {
      EXPECT_NE(c, '\0');
      EXPECT_NE(c, '$');
      EXPECT_LT(static_cast<unsigned char>(c), 128);
    }
  }
  EXPECT_NE(GenerateScramble(), GenerateScramble());
}

TEST(NativePasswordTest, StoredHashIsMysqlsPasswordFunction) {
  const AuthPlugin& plugin = *FindAuthPlugin("mysql_native_password");
  // MySQL 5.7's PASSWORD('password').
  EXPECT_EQ(plugin.HashPassword("password").value(), "*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19");
  EXPECT_EQ(plugin.HashPassword("").value(), "");
  EXPECT_TRUE(plugin.IsValidAuthString("*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19"));
  EXPECT_TRUE(plugin.IsValidAuthString(""));
  EXPECT_FALSE(plugin.IsValidAuthString("2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19"));
  EXPECT_FALSE(plugin.IsValidAuthString("*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E1G"));
}

TEST(NativePasswordTest, AcceptsTheRightScrambleOnly) {
  const AuthPlugin& plugin = *FindAuthPlugin("mysql_native_password");
  Account account = MakeAccount(plugin, "toluwase", "toluwase123");
  AuthContext context;
  context.scramble = GenerateScramble();
  context.account = &account;
  AuthStep step =
      plugin.Begin(context)->Start(NativeClientResponse("toluwase123", context.scramble));
  EXPECT_EQ(step.outcome, Outcome::kAccept);
  EXPECT_TRUE(step.password_used);
  step = plugin.Begin(context)->Start(NativeClientResponse("wrong", context.scramble));
  EXPECT_EQ(step.outcome, Outcome::kReject);
  step = plugin.Begin(context)->Start("");
  EXPECT_EQ(step.outcome, Outcome::kReject);
  EXPECT_FALSE(step.password_used);
  // A response to another scramble is refused.
  step = plugin.Begin(context)->Start(NativeClientResponse("toluwase123", GenerateScramble()));
  EXPECT_EQ(step.outcome, Outcome::kReject);
}

TEST(NativePasswordTest, EmptyPasswordNeedsAnEmptyResponse) {
  const AuthPlugin& plugin = *FindAuthPlugin("mysql_native_password");
  Account account = MakeAccount(plugin, "u", "");
  AuthContext context;
  context.scramble = GenerateScramble();
  context.account = &account;
  EXPECT_EQ(plugin.Begin(context)->Start("").outcome, Outcome::kAccept);
  EXPECT_EQ(plugin.Begin(context)->Start(NativeClientResponse("x", context.scramble)).outcome,
            Outcome::kReject);
}

class CachingSha2Test : public ::testing::Test {
 protected:
  void SetUp() override {
    account_ = MakeAccount(plugin_, "toluwase", "toluwase123");
    context_.scramble = GenerateScramble();
    context_.account = &account_;
    context_.sha2_cache = &cache_;
  }

  const AuthPlugin& plugin_ = *FindAuthPlugin("caching_sha2_password");
  Account account_;
  Sha2PasswordCache cache_;
  AuthContext context_;
};

TEST_F(CachingSha2Test, StoredFormIsMysqls) {
  const std::string& stored = account_.auth_string;
  ASSERT_EQ(stored.size(), 70u);
  EXPECT_EQ(stored.substr(0, 7), "$A$005$");
  EXPECT_TRUE(plugin_.IsValidAuthString(stored));
  EXPECT_FALSE(plugin_.IsValidAuthString("*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19"));
  EXPECT_NE(plugin_.HashPassword("toluwase123").value(), stored);  // fresh salt each time
}

TEST_F(CachingSha2Test, FullAuthenticationOverSecureTransportThenFastPath) {
  context_.secure_transport = true;
  std::unique_ptr<AuthExchange> exchange = plugin_.Begin(context_);
  AuthStep step = exchange->Start(Sha2ClientResponse("toluwase123", context_.scramble));
  ASSERT_EQ(step.outcome, Outcome::kContinue);
  EXPECT_EQ(step.more_data, "\x04");
  step = exchange->Continue(std::string("toluwase123") + '\0');
  EXPECT_EQ(step.outcome, Outcome::kAccept);
  EXPECT_EQ(cache_.size(), 1u);

  context_.scramble = GenerateScramble();
  step = plugin_.Begin(context_)->Start(Sha2ClientResponse("toluwase123", context_.scramble));
  EXPECT_EQ(step.outcome, Outcome::kAccept);
  EXPECT_EQ(step.more_data, "\x03");

  // A wrong password misses the cache and must authenticate fully, which fails.
  exchange = plugin_.Begin(context_);
  step = exchange->Start(Sha2ClientResponse("nope", context_.scramble));
  ASSERT_EQ(step.outcome, Outcome::kContinue);
  EXPECT_EQ(exchange->Continue(std::string("nope") + '\0').outcome, Outcome::kReject);
}

TEST_F(CachingSha2Test, WrongCleartextIsRejectedAndNotCached) {
  context_.secure_transport = true;
  std::unique_ptr<AuthExchange> exchange = plugin_.Begin(context_);
  ASSERT_EQ(exchange->Start(Sha2ClientResponse("bad", context_.scramble)).outcome,
            Outcome::kContinue);
  EXPECT_EQ(exchange->Continue(std::string("bad") + '\0').outcome, Outcome::kReject);
  EXPECT_EQ(cache_.size(), 0u);
}

TEST_F(CachingSha2Test, CleartextOverInsecureTransportIsRefused) {
  std::unique_ptr<AuthExchange> exchange = plugin_.Begin(context_);
  ASSERT_EQ(exchange->Start(Sha2ClientResponse("toluwase123", context_.scramble)).outcome,
            Outcome::kContinue);
  EXPECT_EQ(exchange->Continue(std::string("toluwase123") + '\0').outcome, Outcome::kReject);
}

TEST_F(CachingSha2Test, EmptyPassword) {
  Account empty = MakeAccount(plugin_, "e", "");
  EXPECT_EQ(empty.auth_string, "");
  context_.account = &empty;
  EXPECT_EQ(plugin_.Begin(context_)->Start("").outcome, Outcome::kAccept);
  EXPECT_EQ(plugin_.Begin(context_)->Start(Sha2ClientResponse("x", context_.scramble)).outcome,
            Outcome::kReject);
  context_.account = &account_;
  AuthStep step = plugin_.Begin(context_)->Start("");
  EXPECT_EQ(step.outcome, Outcome::kReject);
  EXPECT_FALSE(step.password_used);
}

class RsaTest : public CachingSha2Test {
 protected:
  void SetUp() override {
    CachingSha2Test::SetUp();
    char pattern[] = "/tmp/porpoise-rsa-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    directory_ = pattern;
    Result<std::unique_ptr<RsaKeyPair>> keys = RsaKeyPair::LoadOrCreate(directory_);
    ASSERT_TRUE(keys.ok()) << keys.status().ToString();
    keys_ = std::move(keys).value();
    context_.rsa = keys_.get();
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::string directory_;
  std::unique_ptr<RsaKeyPair> keys_;
};

TEST_F(RsaTest, KeyFilesAreCreatedOnceWithPrivateMode) {
  struct stat info {};
  ASSERT_EQ(stat((directory_ + "/private_key.pem").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  ASSERT_EQ(stat((directory_ + "/public_key.pem").c_str(), &info), 0);
  EXPECT_EQ(keys_->public_key_pem().rfind("-----BEGIN PUBLIC KEY-----", 0), 0u);
  EXPECT_EQ(keys_->ciphertext_size(), 256u);
  Result<std::unique_ptr<RsaKeyPair>> again = RsaKeyPair::LoadOrCreate(directory_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value()->public_key_pem(), keys_->public_key_pem());
}

TEST_F(RsaTest, FullAuthenticationWithPublicKeyRequest) {
  std::unique_ptr<AuthExchange> exchange = plugin_.Begin(context_);
  ASSERT_EQ(exchange->Start(Sha2ClientResponse("toluwase123", context_.scramble)).outcome,
            Outcome::kContinue);
  AuthStep step = exchange->Continue("\x02");
  ASSERT_EQ(step.outcome, Outcome::kContinue);
  ASSERT_EQ(step.more_data, keys_->public_key_pem());
  step = exchange->Continue(RsaEncryptForServer(step.more_data, "toluwase123", context_.scramble));
  EXPECT_EQ(step.outcome, Outcome::kAccept);
  EXPECT_EQ(cache_.size(), 1u);
}

TEST_F(RsaTest, ClientThatAlreadyHasTheKeySendsItDirectly) {
  std::unique_ptr<AuthExchange> exchange = plugin_.Begin(context_);
  ASSERT_EQ(exchange->Start(Sha2ClientResponse("toluwase123", context_.scramble)).outcome,
            Outcome::kContinue);
  AuthStep step = exchange->Continue(
      RsaEncryptForServer(keys_->public_key_pem(), "toluwase123", context_.scramble));
  EXPECT_EQ(step.outcome, Outcome::kAccept);
}

TEST_F(RsaTest, WrongPasswordOrScrambleIsRejected) {
  std::unique_ptr<AuthExchange> exchange = plugin_.Begin(context_);
  ASSERT_EQ(exchange->Start(Sha2ClientResponse("x", context_.scramble)).outcome,
            Outcome::kContinue);
  EXPECT_EQ(exchange
                ->Continue(
                    RsaEncryptForServer(keys_->public_key_pem(), "toluwase123", GenerateScramble()))
                .outcome,
            Outcome::kReject);
  exchange = plugin_.Begin(context_);
  ASSERT_EQ(exchange->Start(Sha2ClientResponse("x", context_.scramble)).outcome,
            Outcome::kContinue);
  EXPECT_EQ(exchange->Continue(std::string(256, 'z')).outcome, Outcome::kReject);
  EXPECT_EQ(cache_.size(), 0u);
}

TEST_F(CachingSha2Test, PublicKeyRequestWithoutKeysIsRejected) {
  std::unique_ptr<AuthExchange> exchange = plugin_.Begin(context_);
  ASSERT_EQ(exchange->Start(Sha2ClientResponse("toluwase123", context_.scramble)).outcome,
            Outcome::kContinue);
  EXPECT_EQ(exchange->Continue("\x02").outcome, Outcome::kReject);
}

TEST(Sha2PasswordCacheTest, RememberCheckForgetClear) {
  Sha2PasswordCache cache;
  const std::string scramble = GenerateScramble();
  const std::string response = Sha2ClientResponse("pw", scramble);
  EXPECT_FALSE(cache.Check("u", "h", scramble, response));
  cache.Remember("u", "Host", ClientSha256(ClientSha256("pw")));
  EXPECT_TRUE(cache.Check("u", "host", scramble, response));
  EXPECT_FALSE(cache.Check("u", "host", scramble, Sha2ClientResponse("other", scramble)));
  EXPECT_FALSE(cache.Check("U", "host", scramble, response));
  cache.Forget("u", "HOST");
  EXPECT_FALSE(cache.Check("u", "host", scramble, response));
  cache.Remember("u", "h", ClientSha256(ClientSha256("pw")));
  cache.Remember("v", "h", ClientSha256(ClientSha256("pw")));
  EXPECT_EQ(cache.size(), 2u);
  cache.Clear();
  EXPECT_EQ(cache.size(), 0u);
}

std::string CurrentOsUser() {
  passwd* entry = getpwuid(getuid());
  return entry != nullptr ? entry->pw_name : "";
}

TEST(AuthSocketTest, AcceptsTheSameOsUser) {
  const AuthPlugin& plugin = *FindAuthPlugin("unix_socket");
  Account account;
  account.user = CurrentOsUser();  // "root" when the suite runs as root
  account.host = "localhost";
  account.plugin = "auth_socket";
  AuthContext context;
  context.account = &account;
  context.peer_uid = static_cast<uint32_t>(getuid());
  AuthStep step = plugin.Begin(context)->Start("anything");
  EXPECT_EQ(step.outcome, Outcome::kAccept);
  EXPECT_FALSE(step.password_used);

  context.peer_uid.reset();  // TCP: no peer credentials
  EXPECT_EQ(plugin.Begin(context)->Start("").outcome, Outcome::kReject);
}

TEST(AuthSocketTest, OtherNamesNeedTheAsClause) {
  const AuthPlugin& plugin = *FindAuthPlugin("auth_socket");
  Account account;
  account.user = "someone_else";
  account.host = "localhost";
  AuthContext context;
  context.account = &account;
  context.peer_uid = static_cast<uint32_t>(getuid());
  EXPECT_EQ(plugin.Begin(context)->Start("").outcome, Outcome::kReject);
  account.auth_string = CurrentOsUser();  // IDENTIFIED WITH auth_socket AS '<os user>'
  EXPECT_EQ(plugin.Begin(context)->Start("").outcome, Outcome::kAccept);
  account.auth_string = "nobody_here";
  EXPECT_EQ(plugin.Begin(context)->Start("").outcome, Outcome::kReject);
}

}  // namespace
}  // namespace porpoise::auth
