// TlsConnection: one client connection's TLS state (an OpenSSL SSL object
// working directly on the socket's descriptor).
//
// Each call does one step and says what it waits for, so the caller decides
// how to wait: the session's startup coroutine waits for readiness through
// Asio (non-blocking descriptor), the query thread just uses a blocking
// descriptor, where OpenSSL waits itself. Only one thread uses the object at
// a time (the session hands the connection over as it hands the descriptor).
#pragma once

#include <openssl/ssl.h>

#include <cstddef>
#include <memory>
#include <string>

namespace strata::server {

class TlsContext;

class TlsConnection {
 public:
  enum class Status {
    kDone,       // the step finished (for reads: `bytes` > 0)
    kWantRead,   // retry once the descriptor is readable
    kWantWrite,  // retry once the descriptor is writable
    kClosed,     // the peer closed the connection
    kError,      // handshake or I/O failure; error() says why
  };
  struct Step {
    Status status;
    size_t bytes = 0;
  };

  TlsConnection(std::shared_ptr<TlsContext> context, int fd);
  ~TlsConnection();
  TlsConnection(const TlsConnection&) = delete;
  TlsConnection& operator=(const TlsConnection&) = delete;

  bool ok() const { return ssl_ != nullptr; }
  Step Accept();
  Step Read(char* data, size_t size);
  Step Write(const char* data, size_t size);
  // Best-effort close_notify (never waits for the peer's answer).
  void Shutdown();
  const std::string& error() const { return error_; }

  // What pg_stat_ssl shows, valid after the handshake.
  std::string version() const;  // "TLSv1.3"
  std::string cipher() const;
  int bits() const;
  std::string client_dn() const;      // empty without a client certificate
  std::string client_serial() const;  // decimal; empty without one
  std::string issuer_dn() const;

 private:
  Step Classify(int result);

  std::shared_ptr<TlsContext> context_;  // outlives ssl_
  SSL* ssl_ = nullptr;
  std::string error_;
};

}  // namespace strata::server
