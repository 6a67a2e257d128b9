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

// Why the context could not be built: a FATAL message and its DETAIL.
struct TlsError {
  std::string message;
  std::string detail;
};

class TlsContext {
 public:
  // The context, or nullptr with the FATAL message in *error. Messages name
  // the files as configured (PostgreSQL runs in its data directory).
  static std::shared_ptr<TlsContext> Create(const TlsSettings& settings, TlsError* error);

  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;

  SSL_CTX* native() const { return ctx_; }

 private:
  explicit TlsContext(SSL_CTX* ctx) : ctx_(ctx) {}
  SSL_CTX* ctx_;
};

// PostgreSQL's check of the private key file's owner and mode
// (check_ssl_key_file_permissions) at `path`, named `name` in messages:
// nullopt when acceptable, else why not.
std::optional<TlsError> CheckKeyFilePermissions(const std::string& path, const std::string& name);

}  // namespace strata::server
