// TLS for the server side of a connection, over OpenSSL: TlsContext holds the certificate,
// key and CA a server presents (read from files, or created in the datadir the way MySQL's
// auto_generate_certs does), TlsTransport runs TLS over another Transport, so that bytes the
// plain transport has already buffered (a ClientHello sent right behind the SSLRequest) are
// the first the TLS layer reads. (net/)
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "net/transport.h"

struct ssl_ctx_st;
struct ssl_st;

namespace porpoise::net {

// The files a server's TLS is made from; relative names are in `directory`.
struct TlsFiles {
  std::string directory;  // the datadir
  std::string ca = "ca.pem";
  std::string cert = "server-cert.pem";
  std::string key = "server-key.pem";
  std::string crl;           // ssl_crl: revoked client certificates ("" none)
  std::string cipher;        // ssl_cipher: TLS 1.2 ciphers, OpenSSL's list ("" its default)
  std::string ciphersuites;  // tls_ciphersuites: TLS 1.3 suites ("" OpenSSL's default)
  std::string versions = "TLSv1.2,TLSv1.3";  // tls_version: a comma list of those two
};

// Creates, in `directory`, what MySQL's auto_generate_certs creates when none of it exists:
// a self-signed CA (ca.pem, ca-key.pem), a server certificate and key signed by it
// (server-cert.pem, server-key.pem) and a client pair (client-cert.pem, client-key.pem);
// RSA 2048, valid ten years, keys mode 0600, named Porpoise_Server_Auto_Generated_*; the
// server's also names localhost, 127.0.0.1, ::1 and this host (subjectAltName). Does
// nothing when server-cert.pem or
// server-key.pem is there already.
Status CreateCertificatesIfMissing(const std::string& directory);

// Thread-safe after construction: every connection makes its sessions from the one context.
class TlsContext {
 public:
  // Loads the certificate chain, key and CA; fails with the reason (files missing, key not
  // matching the certificate, ...).
  static Result<std::unique_ptr<TlsContext>> Load(const TlsFiles& files);
  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;

  ssl_ctx_st* handle() const { return context_; }
  // The server certificate's validity, as OpenSSL prints it ("Jan  2 03:04:05 2036 GMT"):
  // SHOW STATUS Ssl_server_not_before / Ssl_server_not_after.
  const std::string& not_before() const { return not_before_; }
  const std::string& not_after() const { return not_after_; }

 private:
  explicit TlsContext(ssl_ctx_st* context) : context_(context) {}
  ssl_ctx_st* context_;
  std::string not_before_, not_after_;
};

// TLS over `inner` (which must outlive it). Thread-safety: as Transport (Shutdown reaches the
// inner transport from any thread).
class TlsTransport final : public Transport {
 public:
  TlsTransport(const TlsContext& context, Transport& inner);
  ~TlsTransport() override;

  // The server side of the TLS handshake, each read and write waiting up to `timeout`.
  // Errors: ER_HANDSHAKE_ERROR (bad handshake), the inner transport's read/write errors.
  Status Accept(Milliseconds timeout);
  // "TLSv1.3" and the cipher's name, once Accept succeeded.
  std::string Version() const;
  std::string Cipher() const;
  // Whether the client sent a certificate that the server's CA verifies, and its issuer and
  // subject in OpenSSL's one-line form ("/C=../CN=.."), as REQUIRE X509 / ISSUER / SUBJECT
  // compare them ("" without a certificate).
  bool PeerVerified() const;
  std::string PeerIssuer() const;
  std::string PeerSubject() const;

  Result<std::string_view> Peek(Milliseconds timeout) override;
  void Consume(size_t count) override;
  Status Flush(Milliseconds timeout) override;
  void Shutdown() override { inner_.Shutdown(); }

  // For the BIO callbacks (tls.cc).
  struct Io;

 private:
  Transport& inner_;
  ssl_st* ssl_ = nullptr;
  std::unique_ptr<Io> io_;
  std::string input_;  // decrypted bytes [input_begin_, size) are unread
  size_t input_begin_ = 0;
};

}  // namespace porpoise::net
