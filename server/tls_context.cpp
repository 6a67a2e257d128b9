// Builds the server's SSL_CTX from the ssl_* settings (see tls_context.h).
#include "server/tls_context.h"

#include <openssl/err.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace strata::server {

namespace {

// The reason of the most recent OpenSSL error, as PostgreSQL's SSLerrmessage
// reports it; the queue is cleared so the next call starts afresh.
std::string OpenSslError() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "no SSL error reported";
  // OpenSSL 3 does not always map a system error to its text (as
  // PostgreSQL's SSLerrmessage notes): strerror does.
  if (ERR_SYSTEM_ERROR(code)) return std::strerror(ERR_GET_REASON(code));
  const char* reason = ERR_reason_error_string(code);
  if (reason != nullptr) return reason;
  return "SSL error code " + std::to_string(code);
}

std::string Resolve(const std::string& data_directory, const std::string& file) {
  if (file.empty() || file[0] == '/' || data_directory.empty()) return file;
  return data_directory + "/" + file;
}

// SSL_CTX_set_min_proto_version's value of a ssl_min_protocol_version name.
int ProtocolVersion(const std::string& name) {
  if (name == "TLSv1") return TLS1_VERSION;
  if (name == "TLSv1.1") return TLS1_1_VERSION;
  if (name == "TLSv1.2") return TLS1_2_VERSION;
  if (name == "TLSv1.3") return TLS1_3_VERSION;
  return 0;  // "": any version OpenSSL allows
}

// Client certificates are checked against ssl_ca_file; as in PostgreSQL a
// client without one still connects (the hba rule decides), and a bad one
// fails the handshake.
int VerifyClient(int preverify_ok, X509_STORE_CTX*) { return preverify_ok; }

}  // namespace

std::optional<TlsError> CheckKeyFilePermissions(const std::string& path, const std::string& name) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return TlsError{
        "could not access private key file \"" + name + "\": " + std::strerror(errno), ""};
  }
  if (!S_ISREG(st.st_mode)) {
    return TlsError{"private key file \"" + name + "\" is not a regular file", ""};
  }
  // The key may belong to the server's user (mode 0600 or less) or to root
  // (0640 or less, for a key shared through a group), as PostgreSQL allows.
  if (st.st_uid != ::geteuid() && st.st_uid != 0) {
    return TlsError{
        "private key file \"" + name + "\" must be owned by the database user or root", ""};
  }
  const bool bad = st.st_uid == ::geteuid() ? (st.st_mode & (S_IRWXG | S_IRWXO)) != 0
                                            : (st.st_mode & (S_IWGRP | S_IXGRP | S_IRWXO)) != 0;
  if (bad) {
    return TlsError{"private key file \"" + name + "\" has group or world access",
                    "File must have permissions u=rw (0600) or less if owned by the database "
                    "user, or permissions u=rw,g=r (0640) or less if owned by root."};
  }
  return std::nullopt;
}

std::shared_ptr<TlsContext> TlsContext::Create(const TlsSettings& settings, TlsError* error) {
  ERR_clear_error();
  SSL_CTX* raw = SSL_CTX_new(TLS_server_method());
  if (raw == nullptr) {
    error->message = "could not create SSL context: " + OpenSslError();
    return nullptr;
  }
  std::shared_ptr<TlsContext> context(new TlsContext(raw));
  SSL_CTX* ctx = context->native();
  // No session reuse across connections and no compression, as PostgreSQL.
  SSL_CTX_set_mode(ctx, SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
  SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET | SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION |
                               SSL_OP_CIPHER_SERVER_PREFERENCE);

  const std::string cert = Resolve(settings.data_directory, settings.cert_file);
  const std::string key = Resolve(settings.data_directory, settings.key_file);
  if (SSL_CTX_use_certificate_chain_file(ctx, cert.c_str()) != 1) {
    error->message = "could not load server certificate file \"" + settings.cert_file +
                     "\": " + OpenSslError();
    return nullptr;
  }
  if (auto err = CheckKeyFilePermissions(key, settings.key_file)) {
    *error = *err;
    return nullptr;
  }
  if (SSL_CTX_use_PrivateKey_file(ctx, key.c_str(), SSL_FILETYPE_PEM) != 1) {
    error->message =
        "could not load private key file \"" + settings.key_file + "\": " + OpenSslError();
    return nullptr;
  }
  if (SSL_CTX_check_private_key(ctx) != 1) {
    error->message = "check of private key failed: " + OpenSslError();
    return nullptr;
  }
  if (const int version = ProtocolVersion(settings.min_protocol_version); version != 0) {
    if (SSL_CTX_set_min_proto_version(ctx, version) != 1) {
      error->message = "could not set minimum SSL protocol version";
      return nullptr;
    }
  }
  // PostgreSQL's default ssl_ciphers.
  if (SSL_CTX_set_cipher_list(ctx, "HIGH:MEDIUM:+3DES:!aNULL") != 1) {
    error->message = "could not set the cipher list (no valid ciphers available)";
    return nullptr;
  }
  if (!settings.ca_file.empty()) {
    const std::string ca = Resolve(settings.data_directory, settings.ca_file);
    STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(ca.c_str());
    if (SSL_CTX_load_verify_locations(ctx, ca.c_str(), nullptr) != 1 || names == nullptr) {
      error->message = "could not load root certificate file \"" + settings.ca_file +
                       "\": " + OpenSslError();
      return nullptr;
    }
    SSL_CTX_set_client_CA_list(ctx, names);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_CLIENT_ONCE, VerifyClient);
  }
  return context;
}

TlsContext::~TlsContext() { SSL_CTX_free(ctx_); }

}  // namespace strata::server
