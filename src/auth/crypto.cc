// Digest, hex and random helpers for the auth plugins, over OpenSSL's EVP and RAND APIs.
// (auth/)
#include "auth/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>

namespace porpoise::auth {
namespace {

struct MdContextDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

std::string Digest(const EVP_MD* md, std::string_view a, std::string_view b) {
  std::unique_ptr<EVP_MD_CTX, MdContextDeleter> context(EVP_MD_CTX_new());
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!context || EVP_DigestInit_ex(context.get(), md, nullptr) != 1 ||
      EVP_DigestUpdate(context.get(), a.data(), a.size()) != 1 ||
      EVP_DigestUpdate(context.get(), b.data(), b.size()) != 1 ||
      EVP_DigestFinal_ex(context.get(), out, &length) != 1) {
    return std::string();
  }
  return std::string(reinterpret_cast<const char*>(out), length);
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string Sha1(std::string_view a, std::string_view b) { return Digest(EVP_sha1(), a, b); }
std::string Sha256(std::string_view a, std::string_view b) { return Digest(EVP_sha256(), a, b); }

std::string XorRepeating(std::string_view a, std::string_view b) {
  std::string out(a);
  if (b.empty()) return out;
  for (size_t index = 0; index < out.size(); ++index) {
    out[index] = static_cast<char>(out[index] ^ b[index % b.size()]);
  }
  return out;
}

std::string HexUpper(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    auto byte = static_cast<unsigned char>(c);
    out.push_back(kDigits[byte >> 4]);
    out.push_back(kDigits[byte & 0x0f]);
  }
  return out;
}

bool IsHex(std::string_view text) {
  for (char c : text) {
    if (HexValue(c) < 0) return false;
  }
  return true;
}

std::string HexDecode(std::string_view hex) {
  if (hex.size() % 2 != 0 || !IsHex(hex)) return std::string();
  std::string out;
  out.reserve(hex.size() / 2);
  for (size_t index = 0; index < hex.size(); index += 2) {
    out.push_back(static_cast<char>(HexValue(hex[index]) * 16 + HexValue(hex[index + 1])));
  }
  return out;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::optional<std::string> RandomBytes(size_t count) {
  std::string out(count, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(count)) != 1) {
    return std::nullopt;
  }
  return out;
}

}  // namespace porpoise::auth
