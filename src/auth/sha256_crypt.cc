// SHA-256-crypt, written from the published specification ("Unix crypt using SHA-256 and
// SHA-512", U. Drepper): the key/salt mixing, the round loop and the permuted base64. (auth/)
#include "auth/sha256_crypt.h"

#include <openssl/evp.h>

#include <algorithm>
#include <memory>

namespace porpoise::auth {
namespace {

constexpr size_t kMaxSaltSize = 16;
constexpr uint32_t kDefaultRounds = 5000;
constexpr uint32_t kMinRounds = 1000;
constexpr uint32_t kMaxRounds = 999999999;
constexpr std::string_view kCryptAlphabet =
    "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

struct MdContextDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

// A SHA-256 computation fed piece by piece.
class Hasher {
 public:
  Hasher() : context_(EVP_MD_CTX_new()) {
    EVP_DigestInit_ex(context_.get(), EVP_sha256(), nullptr);
  }
  void Add(std::string_view bytes) { EVP_DigestUpdate(context_.get(), bytes.data(), bytes.size()); }
  // Returns the digest and starts over, so one context serves every round.
  std::string Finish() {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(context_.get(), out, &length);
    EVP_DigestInit_ex(context_.get(), EVP_sha256(), nullptr);
    return std::string(reinterpret_cast<const char*>(out), length);
  }

 private:
  std::unique_ptr<EVP_MD_CTX, MdContextDeleter> context_;
};

// `source` repeated (whole and then partially) to exactly `length` bytes.
std::string Stretch(std::string_view source, size_t length) {
  std::string out;
  out.reserve(length);
  while (out.size() < length) {
    out.append(source.substr(0, std::min(source.size(), length - out.size())));
  }
  return out;
}

std::string InitialDigest(std::string_view key, std::string_view salt) {
  Hasher alternate;
  alternate.Add(key);
  alternate.Add(salt);
  alternate.Add(key);
  const std::string alternate_digest = alternate.Finish();

  Hasher main;
  main.Add(key);
  main.Add(salt);
  main.Add(Stretch(alternate_digest, key.size()));
  for (size_t length = key.size(); length > 0; length >>= 1) {
    main.Add((length & 1) != 0 ? std::string_view(alternate_digest) : key);
  }
  return main.Finish();
}

void AppendBase64(std::string& out, unsigned char high, unsigned char middle, unsigned char low,
                  int characters) {
  uint32_t word = (uint32_t{high} << 16) | (uint32_t{middle} << 8) | low;
  for (int index = 0; index < characters; ++index) {
    out.push_back(kCryptAlphabet[word & 0x3f]);
    word >>= 6;
  }
}

std::string EncodeDigest(std::string_view digest) {
  auto byte = [&](size_t index) { return static_cast<unsigned char>(digest[index]); };
  std::string out;
  // The spec's byte triples: (i, i+10, i+20) rotating through the 30 first bytes.
  for (size_t group = 0; group < 10; ++group) {
    size_t a = (group * 21) % 30;  // 0, 21, 12, 3, 24, 15, 6, 27, 18, 9
    size_t b = (a + 10) % 30;
    size_t c = (a + 20) % 30;
    AppendBase64(out, byte(a), byte(b), byte(c), 4);
  }
  AppendBase64(out, 0, byte(31), byte(30), 3);
  return out;
}

}  // namespace

std::string Sha256CryptDigest(std::string_view key, std::string_view salt, uint32_t rounds) {
  std::string previous = InitialDigest(key, salt);

  Hasher key_hasher;
  for (size_t index = 0; index < key.size(); ++index) key_hasher.Add(key);
  const std::string key_sequence = Stretch(key_hasher.Finish(), key.size());

  Hasher salt_hasher;
  for (size_t index = 0; index < 16u + static_cast<unsigned char>(previous[0]); ++index) {
    salt_hasher.Add(salt);
  }
  const std::string salt_sequence = Stretch(salt_hasher.Finish(), salt.size());

  Hasher hasher;
  for (uint32_t round = 0; round < rounds; ++round) {
    const bool odd = (round & 1) != 0;
    hasher.Add(odd ? std::string_view(key_sequence) : std::string_view(previous));
    if (round % 3 != 0) hasher.Add(salt_sequence);
    if (round % 7 != 0) hasher.Add(key_sequence);
    hasher.Add(odd ? std::string_view(previous) : std::string_view(key_sequence));
    previous = hasher.Finish();
  }
  return EncodeDigest(previous);
}

Result<std::string> Sha256Crypt(std::string_view key, std::string_view setting) {
  constexpr std::string_view kPrefix = "$5$";
  constexpr std::string_view kRoundsPrefix = "rounds=";
  if (setting.substr(0, kPrefix.size()) != kPrefix) {
    return Status::WithMessage(ER_PASSWORD_FORMAT, "not a $5$ setting");
  }
  std::string_view rest = setting.substr(kPrefix.size());
  uint32_t rounds = kDefaultRounds;
  bool explicit_rounds = false;
  if (rest.substr(0, kRoundsPrefix.size()) == kRoundsPrefix) {
    size_t end = rest.find('$');
    std::string_view number = rest.substr(kRoundsPrefix.size(), end - kRoundsPrefix.size());
    if (end == std::string_view::npos || number.empty() || number.size() > 10 ||
        number.find_first_not_of("0123456789") != std::string_view::npos) {
      return Status::WithMessage(ER_PASSWORD_FORMAT, "bad rounds in $5$ setting");
    }
    uint64_t value = std::stoull(std::string(number));
    rounds = static_cast<uint32_t>(std::clamp<uint64_t>(value, kMinRounds, kMaxRounds));
    explicit_rounds = true;
    rest = rest.substr(end + 1);
  }
  std::string_view salt = rest.substr(0, std::min(rest.find('$'), kMaxSaltSize));
  std::string out(kPrefix);
  if (explicit_rounds) out += "rounds=" + std::to_string(rounds) + "$";
  out.append(salt);
  out += "$";
  out += Sha256CryptDigest(key, salt, rounds);
  return out;
}

}  // namespace porpoise::auth
