// TlsContext, certificate creation and TlsTransport over OpenSSL 3. The TLS layer reads and
// writes through a BIO whose callbacks call the inner Transport, so its timeouts and
// Shutdown apply to TLS too. (net/)
#include "net/tls.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <random>

namespace porpoise::net {
namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* pointer) const { Free(pointer); }
};
using KeyPointer = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CertPointer = std::unique_ptr<X509, Deleter<X509, X509_free>>;
void FreeBio(BIO* bio) { BIO_free(bio); }
using BioPointer = std::unique_ptr<BIO, Deleter<BIO, FreeBio>>;

Status OpenSslError(std::string_view what) {
  unsigned long code = ERR_get_error();
  char buffer[256] = {};
  if (code != 0) ERR_error_string_n(code, buffer, sizeof(buffer));
  ERR_clear_error();
  return Status::WithMessage(ER_UNKNOWN_ERROR, std::string(what) + (code != 0 ? ": " : "") + buffer);
}

std::string PathIn(const std::string& directory, const std::string& name) {
  if (name.empty() || name[0] == '/' || directory.empty()) return name;
  return directory + "/" + name;
}

bool Exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

// A certificate time as OpenSSL prints it ("Jan  2 03:04:05 2036 GMT"), as MySQL shows it.
std::string TimeText(const ASN1_TIME* time) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  if (!bio || ASN1_TIME_print(bio.get(), time) != 1) return "";
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return size > 0 ? std::string(data, static_cast<size_t>(size)) : std::string();
}

// Writes `contents` to a new file `path` with `mode`.
Status WriteNewFile(const std::string& path, const std::string& contents, mode_t mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    return Status::WithMessage(ER_UNKNOWN_ERROR, "could not create '" + path + "': " + std::strerror(errno));
  }
  size_t written = 0;
  while (written < contents.size()) {
    ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      return Status::WithMessage(ER_UNKNOWN_ERROR, "could not write '" + path + "': " + std::strerror(errno));
    }
    written += static_cast<size_t>(n);
  }
  ::close(fd);
  return Status::OK();
}

// The PEM text `write` puts in a memory BIO.
template <typename Writer>
Result<std::string> Pem(Writer write) {
  BioPointer bio(BIO_new(BIO_s_mem()));
  if (!bio || write(bio.get()) != 1) return OpenSslError("PEM encoding");
  char* data = nullptr;
  long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(length));
}

// Adds the extension `nid` with the value `text` (OpenSSL's configuration syntax).
Status AddExtension(X509* cert, X509* issuer, int nid, const std::string& text) {
  X509V3_CTX context;
  X509V3_set_ctx(&context, issuer != nullptr ? issuer : cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, text.c_str());
  if (extension == nullptr) return OpenSslError("certificate extension " + text);
  int added = X509_add_ext(cert, extension, -1);
  X509_EXTENSION_free(extension);
  if (added != 1) return OpenSslError("certificate extension " + text);
  return Status::OK();
}

// A certificate for `key` named `common_name`, issued by `issuer` (itself when null) and
// signed with `issuer_key`; a CA certificate when `authority`; `alt_names` (OpenSSL's
// "DNS:a,IP:b" form) are the names a client may check, none when empty.
Result<CertPointer> MakeCertificate(EVP_PKEY* key, const std::string& common_name, X509* issuer,
                                    EVP_PKEY* issuer_key, bool authority, long serial,
                                    const std::string& alt_names = "") {
  CertPointer cert(X509_new());
  if (!cert) return OpenSslError("X509_new");
  constexpr long kTenYears = 10L * 365 * 24 * 3600;
  if (X509_set_version(cert.get(), 2) != 1 ||
      ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial) != 1 ||
      X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0) == nullptr ||
      X509_gmtime_adj(X509_getm_notAfter(cert.get()), kTenYears) == nullptr ||
      X509_set_pubkey(cert.get(), key) != 1) {
    return OpenSslError("certificate fields");
  }
  X509_NAME* name = X509_get_subject_name(cert.get());
  if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                 reinterpret_cast<const unsigned char*>(common_name.c_str()), -1,
                                 -1, 0) != 1 ||
      X509_set_issuer_name(cert.get(), issuer != nullptr ? X509_get_subject_name(issuer) : name) != 1) {
    return OpenSslError("certificate names");
  }
  PORPOISE_RETURN_IF_ERROR(AddExtension(cert.get(), issuer, NID_basic_constraints,
                                        authority ? "critical,CA:TRUE" : "CA:FALSE"));
  if (!alt_names.empty()) {
    PORPOISE_RETURN_IF_ERROR(AddExtension(cert.get(), issuer, NID_subject_alt_name, alt_names));
  }
  if (X509_sign(cert.get(), issuer_key, EVP_sha256()) == 0) return OpenSslError("X509_sign");
  return cert;
}

// Writes `cert` and `key` as `cert_name` (0644) and `key_name` (0600) in `directory`.
Status WritePair(const std::string& directory, const std::string& cert_name,
                 const std::string& key_name, X509* cert, EVP_PKEY* key) {
  PORPOISE_ASSIGN_OR_RETURN(std::string cert_pem, Pem([&](BIO* bio) { return PEM_write_bio_X509(bio, cert); }));
  PORPOISE_ASSIGN_OR_RETURN(std::string key_pem, Pem([&](BIO* bio) {
                              return PEM_write_bio_PrivateKey_traditional(bio, key, nullptr, nullptr,
                                                                          0, nullptr, nullptr);
                            }));
  PORPOISE_RETURN_IF_ERROR(WriteNewFile(PathIn(directory, key_name), key_pem, 0600));
  return WriteNewFile(PathIn(directory, cert_name), cert_pem, 0644);
}

}  // namespace

Status CreateCertificatesIfMissing(const std::string& directory) {
  if (Exists(PathIn(directory, "server-cert.pem")) || Exists(PathIn(directory, "server-key.pem"))) {
    return Status::OK();
  }
  // The CA's files are kept when they are there (a CA of the admin's own).
  if (Exists(PathIn(directory, "ca.pem")) != Exists(PathIn(directory, "ca-key.pem"))) {
    return Status::WithMessage(ER_UNKNOWN_ERROR, "ca.pem and ca-key.pem must both be in " + directory);
  }
  std::random_device random;
  long serial = static_cast<long>(random() & 0x7fffffff) | 1;
  std::string prefix = "Porpoise_Server_Auto_Generated_";
  KeyPointer ca_key;
  CertPointer ca;
  if (Exists(PathIn(directory, "ca.pem"))) {
    BioPointer key_file(BIO_new_file(PathIn(directory, "ca-key.pem").c_str(), "r"));
    BioPointer cert_file(BIO_new_file(PathIn(directory, "ca.pem").c_str(), "r"));
    if (key_file) ca_key.reset(PEM_read_bio_PrivateKey(key_file.get(), nullptr, nullptr, nullptr));
    if (cert_file) ca.reset(PEM_read_bio_X509(cert_file.get(), nullptr, nullptr, nullptr));
    if (!ca_key || !ca) return OpenSslError("reading ca.pem and ca-key.pem");
  } else {
    ca_key.reset(EVP_RSA_gen(2048));
    if (!ca_key) return OpenSslError("RSA key generation");
    PORPOISE_ASSIGN_OR_RETURN(ca, MakeCertificate(ca_key.get(), prefix + "CA_Certificate", nullptr,
                                                  ca_key.get(), true, serial));
    PORPOISE_RETURN_IF_ERROR(WritePair(directory, "ca.pem", "ca-key.pem", ca.get(), ca_key.get()));
  }
  // The server's certificate names this host and the loopback addresses, so that a client
  // checking the host name (VERIFY_IDENTITY) accepts it there.
  char host[256] = {};
  std::string server_names = "DNS:localhost,IP:127.0.0.1,IP:::1";
  if (::gethostname(host, sizeof(host) - 1) == 0 && host[0] != '\0' &&
      std::string_view(host).find_first_of(",: ") == std::string_view::npos &&
      std::string_view(host) != "localhost") {
    server_names += std::string(",DNS:") + host;
  }
  for (const char* role : {"server", "client"}) {
    KeyPointer key(EVP_RSA_gen(2048));
    if (!key) return OpenSslError("RSA key generation");
    bool server = role == std::string("server");
    std::string name = server ? "Server_Certificate" : "Client_Certificate";
    PORPOISE_ASSIGN_OR_RETURN(CertPointer cert,
                              MakeCertificate(key.get(), prefix + name, ca.get(), ca_key.get(),
                                              false, ++serial, server ? server_names : ""));
    std::string base = role;
    PORPOISE_RETURN_IF_ERROR(WritePair(directory, base + "-cert.pem", base + "-key.pem", cert.get(), key.get()));
  }
  return Status::OK();
}

// ---- TlsContext ----

Result<std::unique_ptr<TlsContext>> TlsContext::Load(const TlsFiles& files) {
  SSL_CTX* context = SSL_CTX_new(TLS_server_method());
  if (context == nullptr) return OpenSslError("SSL_CTX_new");
  auto fail = [&](std::string_view what) {
    Status status = OpenSslError(what);
    SSL_CTX_free(context);
    return status;
  };
  // tls_version: TLSv1.2 and/or TLSv1.3, the only ones MySQL 8.4 speaks.
  bool tls12 = false, tls13 = false;
  for (std::string_view rest = files.versions; !rest.empty();) {
    size_t comma = rest.find(',');
    std::string_view version = rest.substr(0, comma);
    while (!version.empty() && version.front() == ' ') version.remove_prefix(1);
    while (!version.empty() && version.back() == ' ') version.remove_suffix(1);
    if (version == "TLSv1.2") {
      tls12 = true;
    } else if (version == "TLSv1.3") {
      tls13 = true;
    } else if (!version.empty()) {
      SSL_CTX_free(context);
      return Status::WithMessage(ER_UNKNOWN_ERROR,
                                 "tls_version: '" + std::string(version) + "' is not supported");
    }
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  if (!tls12 && !tls13) {
    SSL_CTX_free(context);
    return Status::WithMessage(ER_UNKNOWN_ERROR, "tls_version names no TLS version");
  }
  SSL_CTX_set_min_proto_version(context, tls12 ? TLS1_2_VERSION : TLS1_3_VERSION);
  SSL_CTX_set_max_proto_version(context, tls13 ? TLS1_3_VERSION : TLS1_2_VERSION);
  SSL_CTX_set_options(context, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
  if (!files.cipher.empty() && SSL_CTX_set_cipher_list(context, files.cipher.c_str()) != 1) {
    return fail("ssl_cipher '" + files.cipher + "'");
  }
  if (!files.ciphersuites.empty() &&
      SSL_CTX_set_ciphersuites(context, files.ciphersuites.c_str()) != 1) {
    return fail("tls_ciphersuites '" + files.ciphersuites + "'");
  }
  std::string cert = PathIn(files.directory, files.cert);
  std::string key = PathIn(files.directory, files.key);
  std::string ca = PathIn(files.directory, files.ca);
  if (SSL_CTX_use_certificate_chain_file(context, cert.c_str()) != 1) {
    return fail("the certificate '" + cert + "'");
  }
  if (SSL_CTX_use_PrivateKey_file(context, key.c_str(), SSL_FILETYPE_PEM) != 1) {
    return fail("the key '" + key + "'");
  }
  if (SSL_CTX_check_private_key(context) != 1) return fail("the key and the certificate");
  if (!files.ca.empty() && Exists(ca)) {
    if (SSL_CTX_load_verify_locations(context, ca.c_str(), nullptr) != 1) {
      return fail("the CA '" + ca + "'");
    }
    // Clients may send a certificate (for REQUIRE X509); one that does not verify does not
    // fail the handshake, it just does not count (PeerVerified).
    SSL_CTX_set_verify(context, SSL_VERIFY_PEER | SSL_VERIFY_CLIENT_ONCE,
                       [](int, X509_STORE_CTX*) { return 1; });
    // With peer verification on, OpenSSL resumes a session only in a named context.
    static constexpr unsigned char kSessionContext[] = "porpoise";
    SSL_CTX_set_session_id_context(context, kSessionContext, sizeof(kSessionContext) - 1);
    if (STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(ca.c_str())) {
      SSL_CTX_set_client_CA_list(context, names);
    }
  }
  if (!files.crl.empty()) {
    // A client certificate the CRL revokes does not verify, so it does not count for
    // REQUIRE X509 (PeerVerified).
    std::string crl = PathIn(files.directory, files.crl);
    X509_STORE* store = SSL_CTX_get_cert_store(context);
    if (X509_STORE_load_file(store, crl.c_str()) != 1) return fail("the CRL '" + crl + "'");
    X509_STORE_set_flags(store, X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL);
  }
  auto loaded = std::unique_ptr<TlsContext>(new TlsContext(context));
  if (X509* certificate = SSL_CTX_get0_certificate(context)) {
    loaded->not_before_ = TimeText(X509_get0_notBefore(certificate));
    loaded->not_after_ = TimeText(X509_get0_notAfter(certificate));
  }
  return loaded;
}

TlsContext::~TlsContext() { SSL_CTX_free(context_); }

// ---- TlsTransport ----

// What the BIO callbacks work with: the inner transport, the wait for the running call, and
// the inner transport's last error (a timeout is a retry for OpenSSL, not a broken stream).
struct TlsTransport::Io {
  using Clock = std::chrono::steady_clock;
  Transport* inner;
  Milliseconds timeout{0};
  Clock::time_point deadline = Clock::time_point::max();  // the handshake's, while it runs
  Status error;

  // How long the next read or write may wait: the call's timeout, cut at the deadline.
  Milliseconds Wait() const {
    if (deadline == Clock::time_point::max()) return timeout;
    auto left = std::chrono::ceil<Milliseconds>(deadline - Clock::now());
    return std::max(Milliseconds(0), std::min(timeout, left));
  }
};

namespace {

TlsTransport::Io* IoOf(BIO* bio) { return static_cast<TlsTransport::Io*>(BIO_get_data(bio)); }

int BioRead(BIO* bio, char* out, int size) {
  TlsTransport::Io* io = IoOf(bio);
  BIO_clear_retry_flags(bio);
  Result<std::string_view> data = io->inner->Peek(io->Wait());
  if (!data.ok()) {
    io->error = data.status();
    if (data.status().code() == ER_NET_READ_INTERRUPTED) BIO_set_retry_read(bio);
    return -1;
  }
  size_t count = std::min(static_cast<size_t>(size), data->size());
  std::memcpy(out, data->data(), count);
  io->inner->Consume(count);
  return static_cast<int>(count);
}

int BioWrite(BIO* bio, const char* in, int size) {
  IoOf(bio)->inner->output().append(in, static_cast<size_t>(size));
  return size;
}

long BioControl(BIO* bio, int command, long, void*) {
  if (command != BIO_CTRL_FLUSH) return 0;
  TlsTransport::Io* io = IoOf(bio);
  Status status = io->inner->Flush(io->Wait());
  if (!status.ok()) {
    io->error = status;
    return 0;
  }
  return 1;
}

BIO_METHOD* TransportMethod() {
  static BIO_METHOD* method = [] {
    BIO_METHOD* made = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "porpoise transport");
    BIO_meth_set_read(made, BioRead);
    BIO_meth_set_write(made, BioWrite);
    BIO_meth_set_ctrl(made, BioControl);
    return made;
  }();
  return method;
}

}  // namespace

TlsTransport::TlsTransport(const TlsContext& context, Transport& inner)
    : inner_(inner), ssl_(SSL_new(context.handle())), io_(std::make_unique<Io>()) {
  io_->inner = &inner_;
  if (ssl_ == nullptr) return;
  BIO* bio = BIO_new(TransportMethod());
  if (bio == nullptr) return;
  BIO_set_data(bio, io_.get());
  BIO_set_init(bio, 1);
  SSL_set_bio(ssl_, bio, bio);
}

TlsTransport::~TlsTransport() {
  if (ssl_ != nullptr) SSL_free(ssl_);
}

Status TlsTransport::Accept(Milliseconds timeout) {
  if (ssl_ == nullptr || SSL_get_rbio(ssl_) == nullptr) return OpenSslError("SSL_new");
  io_->timeout = timeout;
  io_->deadline = Io::Clock::now() + timeout;  // the whole handshake, however it trickles
  io_->error = Status::OK();
  int result = SSL_accept(ssl_);
  io_->deadline = Io::Clock::time_point::max();
  ERR_clear_error();
  if (result == 1) return Status::OK();
  // Whatever the handshake wrote (an alert) goes out.
  Status flushed = inner_.Flush(timeout);
  (void)flushed;
  if (!io_->error.ok()) return io_->error;
  return Status::Error(ER_HANDSHAKE_ERROR);
}

std::string TlsTransport::Version() const { return ssl_ != nullptr ? SSL_get_version(ssl_) : ""; }

std::string TlsTransport::Cipher() const {
  const char* name = ssl_ != nullptr ? SSL_get_cipher_name(ssl_) : nullptr;
  return name != nullptr ? name : "";
}

namespace {

// The one-line form of the peer certificate's issuer or subject.
std::string PeerName(ssl_st* ssl, bool issuer) {
  if (ssl == nullptr) return "";
  X509* cert = SSL_get1_peer_certificate(ssl);
  if (cert == nullptr) return "";
  char* text = X509_NAME_oneline(issuer ? X509_get_issuer_name(cert) : X509_get_subject_name(cert),
                                 nullptr, 0);
  std::string name = text != nullptr ? text : "";
  OPENSSL_free(text);
  X509_free(cert);
  return name;
}

}  // namespace

bool TlsTransport::PeerVerified() const {
  if (ssl_ == nullptr) return false;
  X509* cert = SSL_get1_peer_certificate(ssl_);
  if (cert == nullptr) return false;
  X509_free(cert);
  return SSL_get_verify_result(ssl_) == X509_V_OK;
}

std::string TlsTransport::PeerIssuer() const { return PeerName(ssl_, true); }
std::string TlsTransport::PeerSubject() const { return PeerName(ssl_, false); }

Result<std::string_view> TlsTransport::Peek(Milliseconds timeout) {
  if (input_begin_ < input_.size()) return std::string_view(input_).substr(input_begin_);
  constexpr size_t kRecord = 16 * 1024;
  input_.resize(kRecord);
  input_begin_ = 0;
  io_->timeout = timeout;
  io_->error = Status::OK();
  int received = SSL_read(ssl_, input_.data(), static_cast<int>(input_.size()));
  if (received > 0) {
    input_.resize(static_cast<size_t>(received));
    return std::string_view(input_);
  }
  input_.clear();
  int reason = SSL_get_error(ssl_, received);
  ERR_clear_error();
  if (reason == SSL_ERROR_WANT_READ && !io_->error.ok()) return io_->error;  // a timeout
  if (!io_->error.ok()) return io_->error;
  return Status::Error(ER_NET_READ_ERROR);
}

void TlsTransport::Consume(size_t count) { input_begin_ += count; }

Status TlsTransport::Flush(Milliseconds timeout) {
  io_->timeout = timeout;
  io_->error = Status::OK();
  size_t done = 0;
  while (done < output_.size()) {
    int chunk = static_cast<int>(std::min<size_t>(output_.size() - done, 1 << 30));
    int written = SSL_write(ssl_, output_.data() + done, chunk);
    if (written <= 0) {
      ERR_clear_error();
      output_.clear();
      return io_->error.ok() ? Status::Error(ER_NET_ERROR_ON_WRITE) : io_->error;
    }
    done += static_cast<size_t>(written);
  }
  output_.clear();
  return inner_.Flush(timeout);
}

}  // namespace porpoise::net
