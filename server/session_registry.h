// SessionRegistry: the live sessions of this server, by backend PID, so that
// shutdown can terminate them all and a CancelRequest can find its target.
//
// Thread-safe: sessions register and unregister from network threads while
// shutdown walks the set from the signal handler's thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>

#include "sql/backend_signals.h"

namespace strata::server {

// Also what pg_cancel_backend / pg_terminate_backend reach (by pid, without
// the secret key a CancelRequest carries).
class SessionRegistry final : public sql::BackendSignals {
 public:
  struct Entry {
    int32_t secret_key = 0;
    // Asks the session to end with FATAL 57P01 (posted to its own strand).
    std::function<void()> terminate;
    // Asks the session to cancel its running statement.
    std::function<void()> cancel;
  };

  // Adds a session unless max_sessions are already registered. Returns the
  // assigned backend PID, or nullopt when full.
  std::optional<int32_t> Register(Entry entry, int max_sessions);
  void Unregister(int32_t pid);
  // Cancels pid's running statement if the key matches; false otherwise.
  bool Cancel(int32_t pid, int32_t secret_key);
  void TerminateAll();
  // sql::BackendSignals.
  bool CancelBackend(int32_t pid) override;
  bool TerminateBackend(int32_t pid) override;
  bool BackendExists(int32_t pid) const override;
  size_t size() const;
  // Calls fn once the registry becomes (or already is) empty.
  void OnEmpty(std::function<void()> fn);

 private:
  mutable std::mutex mu_;
  std::map<int32_t, Entry> sessions_;
  int32_t next_pid_ = 0;
  std::function<void()> on_empty_;
};

}  // namespace strata::server
