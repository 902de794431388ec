// RsaKeyPair over OpenSSL 3's EVP API: key generation, PEM files in the datadir, OAEP
// decryption. Every OpenSSL handle is held by a unique_ptr with its free function. (auth/)
#include "auth/rsa_keys.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace porpoise::auth {
namespace {

struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct PkeyContextDeleter {
  void operator()(EVP_PKEY_CTX* context) const { EVP_PKEY_CTX_free(context); }
};
using BioPointer = std::unique_ptr<BIO, BioDeleter>;
using PkeyContextPointer = std::unique_ptr<EVP_PKEY_CTX, PkeyContextDeleter>;

// Owns a file descriptor.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

Status OpenSslError(std::string_view what) {
  unsigned long code = ERR_get_error();
  char buffer[256] = {};
  if (code != 0) ERR_error_string_n(code, buffer, sizeof(buffer));
  ERR_clear_error();
  return Status::WithMessage(ER_UNKNOWN_ERROR, std::string(what) + ": " + buffer);
}

Status FileError(std::string_view what, const std::string& path) {
  return Status::WithMessage(ER_UNKNOWN_ERROR,
                             std::string(what) + " '" + path + "': " + std::strerror(errno));
}

std::string BioContents(BIO* bio) {
  char* data = nullptr;
  long length = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(length));
}

// Result<std::string> of the file's bytes; ER_FILE_NOT_FOUND-like error when absent.
Result<std::string> ReadFile(const std::string& path) {
  FileDescriptor fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return FileError("cannot open", path);
  std::string contents;
  char buffer[4096];
  for (;;) {
    ssize_t n = read(fd.get(), buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return FileError("cannot read", path);
    if (n == 0) break;
    contents.append(buffer, static_cast<size_t>(n));
  }
  return contents;
}

Status WriteFile(const std::string& path, std::string_view contents, mode_t mode) {
  FileDescriptor fd(open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode));
  if (fd.get() < 0) return FileError("cannot create", path);
  if (fchmod(fd.get(), mode) != 0) return FileError("cannot chmod", path);
  while (!contents.empty()) {
    ssize_t n = write(fd.get(), contents.data(), contents.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return FileError("cannot write", path);
    contents.remove_prefix(static_cast<size_t>(n));
  }
  return Status::OK();
}

bool FileExists(const std::string& path) {
  struct stat info {};
  return stat(path.c_str(), &info) == 0;
}

}  // namespace

void RsaKeyPair::KeyDeleter::operator()(evp_pkey_st* key) const { EVP_PKEY_free(key); }

RsaKeyPair::~RsaKeyPair() = default;

Result<std::unique_ptr<RsaKeyPair>> RsaKeyPair::FromKey(KeyPointer key) {
  BioPointer bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), key.get()) != 1) {
    return OpenSslError("cannot encode the RSA public key");
  }
  std::string pem = BioContents(bio.get());
  return std::make_unique<RsaKeyPair>(ConstructionTag{}, std::move(key), std::move(pem));
}

Result<std::unique_ptr<RsaKeyPair>> RsaKeyPair::Generate(int bits) {
  KeyPointer key(EVP_RSA_gen(static_cast<unsigned int>(bits)));
  if (!key) return OpenSslError("cannot generate an RSA key");
  return FromKey(std::move(key));
}

Result<std::unique_ptr<RsaKeyPair>> RsaKeyPair::FromPrivateKeyPem(std::string_view pem) {
  BioPointer bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return OpenSslError("cannot read the RSA private key");
  KeyPointer key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key || EVP_PKEY_base_id(key.get()) != EVP_PKEY_RSA) {
    return OpenSslError("cannot read the RSA private key");
  }
  return FromKey(std::move(key));
}

Result<std::unique_ptr<RsaKeyPair>> RsaKeyPair::LoadOrCreate(const std::string& directory) {
  const std::string private_path = directory + "/private_key.pem";
  const std::string public_path = directory + "/public_key.pem";
  std::unique_ptr<RsaKeyPair> pair;
  if (FileExists(private_path)) {
    PORPOISE_ASSIGN_OR_RETURN(std::string pem, ReadFile(private_path));
    PORPOISE_ASSIGN_OR_RETURN(pair, FromPrivateKeyPem(pem));
  } else {
    PORPOISE_ASSIGN_OR_RETURN(pair, Generate(2048));
    PORPOISE_ASSIGN_OR_RETURN(std::string private_pem, pair->PrivateKeyPem());
    PORPOISE_RETURN_IF_ERROR(WriteFile(private_path, private_pem, 0600));
    PORPOISE_RETURN_IF_ERROR(WriteFile(public_path, pair->public_key_pem(), 0644));
  }
  if (!FileExists(public_path)) {
    PORPOISE_RETURN_IF_ERROR(WriteFile(public_path, pair->public_key_pem(), 0644));
  }
  return pair;
}

Result<std::string> RsaKeyPair::PrivateKeyPem() const {
  BioPointer bio(BIO_new(BIO_s_mem()));
  if (!bio ||
      PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return OpenSslError("cannot encode the RSA private key");
  }
  return BioContents(bio.get());
}

size_t RsaKeyPair::ciphertext_size() const {
  return static_cast<size_t>(EVP_PKEY_get_size(key_.get()));
}

Result<std::string> RsaKeyPair::Decrypt(std::string_view ciphertext) const {
  PkeyContextPointer context(EVP_PKEY_CTX_new(key_.get(), nullptr));
  if (!context || EVP_PKEY_decrypt_init(context.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_padding(context.get(), RSA_PKCS1_OAEP_PADDING) != 1) {
    return OpenSslError("cannot set up RSA decryption");
  }
  const auto* input = reinterpret_cast<const unsigned char*>(ciphertext.data());
  size_t length = 0;
  if (EVP_PKEY_decrypt(context.get(), nullptr, &length, input, ciphertext.size()) != 1) {
    return OpenSslError("RSA decryption failed");
  }
  std::string plaintext(length, '\0');
  if (EVP_PKEY_decrypt(context.get(), reinterpret_cast<unsigned char*>(plaintext.data()), &length,
                       input, ciphertext.size()) != 1) {
    return OpenSslError("RSA decryption failed");
  }
  plaintext.resize(length);
  return plaintext;
}

}  // namespace porpoise::auth
