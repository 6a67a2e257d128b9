// One connection's TLS state over a socket descriptor (see tls_connection.h).
#include "server/tls_connection.h"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/x509.h>

#include <cerrno>
#include <cstring>

#include "server/tls_context.h"

namespace strata::server {

namespace {

// An X509 name as PostgreSQL's X509_NAME_to_cstring writes it for pg_stat_ssl:
// RFC 2253 order (most specific first) with commas.
std::string NameText(X509_NAME* name) {
  if (name == nullptr) return "";
  BIO* bio = BIO_new(BIO_s_mem());
  if (bio == nullptr) return "";
  X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<size_t>(size));
  BIO_free(bio);
  return out;
}

}  // namespace

TlsConnection::TlsConnection(std::shared_ptr<TlsContext> context, int fd)
    : context_(std::move(context)) {
  ssl_ = SSL_new(context_->native());
  if (ssl_ != nullptr && SSL_set_fd(ssl_, fd) != 1) {
    SSL_free(ssl_);
    ssl_ = nullptr;
  }
  if (ssl_ == nullptr) error_ = "could not initialize SSL connection";
}

TlsConnection::~TlsConnection() {
  if (ssl_ != nullptr) SSL_free(ssl_);
}

TlsConnection::Step TlsConnection::Classify(int result) {
  const int error = SSL_get_error(ssl_, result);
  switch (error) {
    case SSL_ERROR_WANT_READ:
      return {Status::kWantRead};
    case SSL_ERROR_WANT_WRITE:
      return {Status::kWantWrite};
    case SSL_ERROR_ZERO_RETURN:
      return {Status::kClosed};
    case SSL_ERROR_SYSCALL: {
      const int saved = errno;
      const unsigned long queued = ERR_get_error();
      ERR_clear_error();
      if (queued != 0) {
        const char* reason = ERR_reason_error_string(queued);
        error_ = reason != nullptr ? reason : "SSL SYSCALL error";
        return {Status::kError};
      }
      if (result == 0 || saved == 0) return {Status::kClosed};  // EOF without close_notify
      error_ = std::string("SSL SYSCALL error: ") + std::strerror(saved);
      return {Status::kError};
    }
    default: {
      const unsigned long queued = ERR_get_error();
      ERR_clear_error();
      const char* reason = queued != 0 ? ERR_reason_error_string(queued) : nullptr;
      error_ = reason != nullptr ? reason : "unrecognized SSL error code: " + std::to_string(error);
      return {Status::kError};
    }
  }
}

TlsConnection::Step TlsConnection::Accept() {
  ERR_clear_error();
  const int r = SSL_accept(ssl_);
  if (r == 1) return {Status::kDone};
  return Classify(r);
}

TlsConnection::Step TlsConnection::Read(char* data, size_t size) {
  ERR_clear_error();
  size_t n = 0;
  const int r = SSL_read_ex(ssl_, data, size, &n);
  if (r == 1) return {Status::kDone, n};
  return Classify(r);
}

TlsConnection::Step TlsConnection::Write(const char* data, size_t size) {
  ERR_clear_error();
  size_t n = 0;
  const int r = SSL_write_ex(ssl_, data, size, &n);
  if (r == 1) return {Status::kDone, n};
  return Classify(r);
}

void TlsConnection::Shutdown() {
  ERR_clear_error();
  SSL_shutdown(ssl_);
  ERR_clear_error();
}

std::string TlsConnection::version() const { return SSL_get_version(ssl_); }

std::string TlsConnection::cipher() const {
  const char* name = SSL_get_cipher_name(ssl_);
  return name != nullptr ? name : "";
}

int TlsConnection::bits() const {
  int bits = 0;
  SSL_get_cipher_bits(ssl_, &bits);
  return bits;
}

std::string TlsConnection::client_dn() const {
  X509* cert = SSL_get_peer_certificate(ssl_);
  if (cert == nullptr) return "";
  std::string out = NameText(X509_get_subject_name(cert));
  X509_free(cert);
  return out;
}

std::string TlsConnection::issuer_dn() const {
  X509* cert = SSL_get_peer_certificate(ssl_);
  if (cert == nullptr) return "";
  std::string out = NameText(X509_get_issuer_name(cert));
  X509_free(cert);
  return out;
}

std::string TlsConnection::client_serial() const {
  X509* cert = SSL_get_peer_certificate(ssl_);
  if (cert == nullptr) return "";
  std::string out;
  if (BIGNUM* b = ASN1_INTEGER_to_BN(X509_get_serialNumber(cert), nullptr)) {
    if (char* text = BN_bn2dec(b)) {
      out = text;
      OPENSSL_free(text);
    }
    BN_free(b);
  }
  X509_free(cert);
  return out;
}

}  // namespace strata::server
