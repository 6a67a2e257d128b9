// BackendStatus: what pg_stat_activity shows of one session -- who is
// connected from where, what it runs or last ran, its state, since when, what
// it waits for and its transaction id. The server creates one per session,
// registers it under the backend pid and updates it as messages arrive; the
// statement's thread reaches it (CurrentBackendStatus) to report lock waits
// and an assigned transaction id. Readers take a consistent copy.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::sql {

// One session as pg_stat_activity shows it. Times are PostgreSQL timestamps
// (microseconds since 2000-01-01 UTC); 0 means NULL.
struct BackendActivity {
  int32_t pid = 0;
  std::string datname;
  std::string usename;
  std::string application_name;
  std::string client_addr;  // empty: a Unix-domain socket (NULL)
  int32_t client_port = -1;  // -1 for a Unix-domain socket
  int64_t backend_start = 0;
  int64_t xact_start = 0;
  int64_t query_start = 0;
  int64_t state_change = 0;
  std::string wait_event_type;  // empty: NULL
  std::string wait_event;
  std::string state;            // "active", "idle", "idle in transaction", ...
  std::optional<uint64_t> backend_xid;
  std::string query;
  // pg_stat_ssl: set once the TLS handshake is done (ssl false: plain text).
  bool ssl = false;
  std::string ssl_version;  // "TLSv1.3"
  std::string ssl_cipher;
  int32_t ssl_bits = 0;
  std::string ssl_client_dn;      // empty without a client certificate: NULL
  std::string ssl_client_serial;  // decimal
  std::string ssl_issuer_dn;
};

class BackendStatus {
 public:
  void SetConnection(int32_t pid, std::string datname, std::string usename,
                     std::string client_addr, int32_t client_port, int64_t now);
  void SetApplicationName(std::string name);
  // The connection's TLS parameters (ssl and the ssl_* fields of `tls`).
  void SetSsl(const BackendActivity& tls);
  // A query message arrived: state active, `query` its text; a transaction
  // starts now unless one is open.
  void StartQuery(std::string_view query, int64_t now);
  // Waiting for a client message after ReadyForQuery with `txn_status`
  // ('I' idle, 'T' in a transaction block, 'E' failed block).
  void SetIdle(char txn_status, int64_t now);
  // A wait inside a statement (empty type: none), e.g. ("Lock", "relation").
  void SetWait(std::string_view type, std::string_view event);
  void SetTransactionId(uint64_t xid);
  BackendActivity Read() const;

 private:
  mutable std::mutex mu_;
  BackendActivity a_;
};

// The process-wide registry pg_stat_activity reads.
void RegisterBackendStatus(int32_t pid, std::shared_ptr<BackendStatus> status);
void UnregisterBackendStatus(int32_t pid);
// Every registered session, by pid.
std::vector<BackendActivity> ListBackendActivity();

// The status of the session whose message this thread handles (null: none).
BackendStatus* CurrentBackendStatus();
class ScopedBackendStatus {
 public:
  explicit ScopedBackendStatus(BackendStatus* status);
  ~ScopedBackendStatus();
  ScopedBackendStatus(const ScopedBackendStatus&) = delete;
  ScopedBackendStatus& operator=(const ScopedBackendStatus&) = delete;

 private:
  BackendStatus* previous_;
};

// Reports a wait on this thread's session for its scope.
class ScopedWaitEvent {
 public:
  ScopedWaitEvent(std::string_view type, std::string_view event);
  ~ScopedWaitEvent();
  ScopedWaitEvent(const ScopedWaitEvent&) = delete;
  ScopedWaitEvent& operator=(const ScopedWaitEvent&) = delete;
};

}  // namespace strata::sql
