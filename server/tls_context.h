// TlsContext: the server's OpenSSL SSL_CTX, built from the ssl_* settings.
//
// Built once at startup when ssl=on (PostgreSQL's be_tls_init): certificate,
// private key (with PostgreSQL's permission rule for the key file), optional
// CA file for client certificates, minimum protocol version. A failure is a
// FATAL at startup with PostgreSQL's wording; the server then refuses to run.
#pragma once

#include <openssl/ssl.h>

#include <memory>
#include <optional>
#include <string>

namespace strata::server {

struct TlsSettings {
  std::string data_directory;  // relative file names are resolved against it
  std::string cert_file = "server.crt";
  std::string key_file = "server.key";
  std::string ca_file;  // empty: no client certificates asked for
  std::string min_protocol_version = "TLSv1.2";  // "" = no minimum
};

class TlsContext {
 public:
  // The context, or nullptr with the FATAL message in *error.
  static std::shared_ptr<TlsContext> Create(const TlsSettings& settings, std::string* error);

  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;

  SSL_CTX* native() const { return ctx_; }

 private:
  explicit TlsContext(SSL_CTX* ctx) : ctx_(ctx) {}
  SSL_CTX* ctx_;
};

// PostgreSQL's check of the private key file's owner and mode
// (check_ssl_key_file_permissions): nullopt when acceptable, else the message.
std::optional<std::string> CheckKeyFilePermissions(const std::string& path);

}  // namespace strata::server
