// BackendStatus and its registry (see backend_status.h).
#include "sql/backend_status.h"

#include <map>

namespace strata::sql {

namespace {

std::mutex& RegistryMutex() {
  static std::mutex mu;
  return mu;
}
std::map<int32_t, std::shared_ptr<BackendStatus>>& Registry() {
  static std::map<int32_t, std::shared_ptr<BackendStatus>> registry;
  return registry;
}
thread_local BackendStatus* current_status = nullptr;

}  // namespace

void BackendStatus::SetSsl(const BackendActivity& tls) {
  std::lock_guard lock(mu_);
  a_.ssl = tls.ssl;
  a_.ssl_version = tls.ssl_version;
  a_.ssl_cipher = tls.ssl_cipher;
  a_.ssl_bits = tls.ssl_bits;
  a_.ssl_client_dn = tls.ssl_client_dn;
  a_.ssl_client_serial = tls.ssl_client_serial;
  a_.ssl_issuer_dn = tls.ssl_issuer_dn;
}

void BackendStatus::SetConnection(int32_t pid, std::string datname, std::string usename,
                                  std::string client_addr, int32_t client_port, int64_t now) {
  std::lock_guard lock(mu_);
  a_.pid = pid;
  a_.datname = std::move(datname);
  a_.usename = std::move(usename);
  a_.client_addr = std::move(client_addr);
  a_.client_port = client_port;
  a_.backend_start = now;
  a_.state = "idle";
  a_.state_change = now;
  a_.wait_event_type = "Client";
  a_.wait_event = "ClientRead";
}

void BackendStatus::SetApplicationName(std::string name) {
  std::lock_guard lock(mu_);
  a_.application_name = std::move(name);
}

void BackendStatus::StartQuery(std::string_view query, int64_t now) {
  std::lock_guard lock(mu_);
  a_.query.assign(query);
  a_.query_start = now;
  if (a_.xact_start == 0) a_.xact_start = now;
  if (a_.state != "active") a_.state_change = now;
  a_.state = "active";
  a_.wait_event_type.clear();
  a_.wait_event.clear();
}

void BackendStatus::SetIdle(char txn_status, int64_t now) {
  std::lock_guard lock(mu_);
  const char* state = txn_status == 'T'   ? "idle in transaction"
                      : txn_status == 'E' ? "idle in transaction (aborted)"
                                          : "idle";
  if (a_.state != state) a_.state_change = now;
  a_.state = state;
  if (txn_status == 'I') {
    a_.xact_start = 0;
    a_.backend_xid.reset();
  }
  a_.wait_event_type = "Client";
  a_.wait_event = "ClientRead";
}

void BackendStatus::SetWait(std::string_view type, std::string_view event) {
  std::lock_guard lock(mu_);
  a_.wait_event_type.assign(type);
  a_.wait_event.assign(event);
}

void BackendStatus::SetTransactionId(uint64_t xid) {
  std::lock_guard lock(mu_);
  a_.backend_xid = xid;
}

void BackendStatus::SetCreateIndexProgress(std::optional<CreateIndexProgress> progress) {
  std::lock_guard lock(mu_);
  a_.create_index = std::move(progress);
}

void BackendStatus::UpdateCreateIndexProgress(std::string_view phase, int64_t tuples_done,
                                              int64_t tuples_total) {
  std::lock_guard lock(mu_);
  if (!a_.create_index) return;
  if (a_.create_index->phase != phase) a_.create_index->phase = std::string(phase);
  a_.create_index->tuples_done = tuples_done;
  a_.create_index->tuples_total = tuples_total;
}

BackendActivity BackendStatus::Read() const {
  std::lock_guard lock(mu_);
  return a_;
}

void RegisterBackendStatus(int32_t pid, std::shared_ptr<BackendStatus> status) {
  std::lock_guard lock(RegistryMutex());
  Registry()[pid] = std::move(status);
}

void UnregisterBackendStatus(int32_t pid) {
  std::lock_guard lock(RegistryMutex());
  Registry().erase(pid);
}

std::vector<BackendActivity> ListBackendActivity() {
  std::vector<std::shared_ptr<BackendStatus>> statuses;
  {
    std::lock_guard lock(RegistryMutex());
    for (const auto& [pid, status] : Registry()) statuses.push_back(status);
  }
  std::vector<BackendActivity> out;
  out.reserve(statuses.size());
  for (const auto& status : statuses) out.push_back(status->Read());
  return out;
}

BackendStatus* CurrentBackendStatus() { return current_status; }

ScopedCreateIndexProgress::ScopedCreateIndexProgress(CreateIndexProgress progress)
    : status_(current_status) {
  if (status_ != nullptr) status_->SetCreateIndexProgress(std::move(progress));
}

ScopedCreateIndexProgress::~ScopedCreateIndexProgress() {
  if (status_ != nullptr) status_->SetCreateIndexProgress(std::nullopt);
}

void ReportCreateIndexProgress(std::string_view phase, int64_t tuples_done,
                               int64_t tuples_total) {
  if (current_status != nullptr) {
    current_status->UpdateCreateIndexProgress(phase, tuples_done, tuples_total);
  }
}

ScopedBackendStatus::ScopedBackendStatus(BackendStatus* status) : previous_(current_status) {
  current_status = status;
}
ScopedBackendStatus::~ScopedBackendStatus() { current_status = previous_; }

ScopedWaitEvent::ScopedWaitEvent(std::string_view type, std::string_view event) {
  if (current_status != nullptr) current_status->SetWait(type, event);
}
ScopedWaitEvent::~ScopedWaitEvent() {
  if (current_status != nullptr) current_status->SetWait("", "");
}

}  // namespace strata::sql
