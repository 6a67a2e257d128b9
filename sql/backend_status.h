// BackendStatus: what pg_stat_activity shows of one session -- who is
// connected from where, what it runs or last ran, its state, since when, what
// it waits for and its transaction id -- and, while it builds an index, the
// build's progress (pg_stat_progress_create_index). The server creates one per session,
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

// A running CREATE INDEX / REINDEX as pg_stat_progress_create_index shows
// it. Phases are PostgreSQL's texts for a B-tree build: "initializing",
// "building index: scanning table" (tuples_done: rows read so far,
// tuples_total: the table's live-row count, a hint), "building index:
// sorting live tuples", "building index: loading tuples in tree"
// (tuples_total: the entries ingested). We count no blocks (0).
struct CreateIndexProgress {
  uint32_t datid = 0;
  std::string datname;
  uint32_t relid = 0;
  uint32_t index_relid = 0;
  std::string command;  // "CREATE INDEX" or "REINDEX"
  std::string phase = "initializing";
  int64_t tuples_total = 0;
  int64_t tuples_done = 0;
};

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
  // Set while the session builds an index.
  std::optional<CreateIndexProgress> create_index;
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
  // Starts (a value) or ends (nullopt) the index build's progress report.
  void SetCreateIndexProgress(std::optional<CreateIndexProgress> progress);
  // Updates a started report (no-op otherwise).
  void UpdateCreateIndexProgress(std::string_view phase, int64_t tuples_done,
                                 int64_t tuples_total);
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

// Reports an index build of this thread's session for its scope (no-op
// without a session: autovacuum, unit tests).
class ScopedCreateIndexProgress {
 public:
  explicit ScopedCreateIndexProgress(CreateIndexProgress progress);
  ~ScopedCreateIndexProgress();
  ScopedCreateIndexProgress(const ScopedCreateIndexProgress&) = delete;
  ScopedCreateIndexProgress& operator=(const ScopedCreateIndexProgress&) = delete;

 private:
  BackendStatus* status_;
};
// The build's phase and counts, on this thread's session's report if one
// is started. Cheap: callers report every few thousand rows.
void ReportCreateIndexProgress(std::string_view phase, int64_t tuples_done,
                               int64_t tuples_total);

// Reports a wait on this thread's session for its scope.
class ScopedWaitEvent {
 public:
  ScopedWaitEvent(std::string_view type, std::string_view event);
  ~ScopedWaitEvent();
  ScopedWaitEvent(const ScopedWaitEvent&) = delete;
  ScopedWaitEvent& operator=(const ScopedWaitEvent&) = delete;
};

}  // namespace strata::sql
