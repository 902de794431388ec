// The server's RSA key pair for caching_sha2_password's full authentication without TLS:
// the public key is sent to clients that ask, the private key decrypts their password. (auth/)
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

struct evp_pkey_st;

namespace porpoise::auth {

// Immutable after construction; Decrypt is safe to call from many threads at once.
class RsaKeyPair {
 public:
  // Loads private_key.pem from `directory` (the datadir); when it is missing, creates a fresh
  // 2048-bit pair there as MySQL's auto-generated keys are: private_key.pem (mode 0600) and
  // public_key.pem (mode 0644). public_key.pem is rewritten when it is missing.
  static Result<std::unique_ptr<RsaKeyPair>> LoadOrCreate(const std::string& directory);
  // A fresh pair kept in memory only.
  static Result<std::unique_ptr<RsaKeyPair>> Generate(int bits = 2048);
  // A pair from a PEM private key (PKCS#1 or PKCS#8).
  static Result<std::unique_ptr<RsaKeyPair>> FromPrivateKeyPem(std::string_view pem);

  // Use the factories above; the tag keeps this constructor theirs.
  struct ConstructionTag {
    explicit ConstructionTag() = default;
  };
  struct KeyDeleter {
    void operator()(evp_pkey_st* key) const;
  };
  using KeyPointer = std::unique_ptr<evp_pkey_st, KeyDeleter>;
  RsaKeyPair(ConstructionTag, KeyPointer key, std::string public_key_pem)
      : key_(std::move(key)), public_key_pem_(std::move(public_key_pem)) {}
  ~RsaKeyPair();
  RsaKeyPair(const RsaKeyPair&) = delete;
  RsaKeyPair& operator=(const RsaKeyPair&) = delete;

  // "-----BEGIN PUBLIC KEY-----..." (SubjectPublicKeyInfo), what clients expect.
  const std::string& public_key_pem() const { return public_key_pem_; }
  // The private key as PKCS#8 PEM.
  Result<std::string> PrivateKeyPem() const;
  // RSA-OAEP (SHA-1, MGF1-SHA-1) decryption, as caching_sha2_password's clients encrypt.
  Result<std::string> Decrypt(std::string_view ciphertext) const;
  // Bytes in a ciphertext (256 for 2048-bit keys).
  size_t ciphertext_size() const;

 private:
  static Result<std::unique_ptr<RsaKeyPair>> FromKey(KeyPointer key);

  KeyPointer key_;
  std::string public_key_pem_;
};

}  // namespace porpoise::auth
