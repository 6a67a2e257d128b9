// Session bookkeeping for shutdown and cancellation (see session_registry.h).
#include "server/session_registry.h"

#include <unistd.h>

#include <vector>

namespace strata::server {

std::optional<int32_t> SessionRegistry::Register(Entry entry, int max_sessions) {
  std::lock_guard lock(mu_);
  if (static_cast<int>(sessions_.size()) >= max_sessions) return std::nullopt;
  if (next_pid_ == 0) {
    // Backend "PIDs" are session ids; start near the real PID so they look
    // familiar in logs, and keep them positive 31-bit values.
    next_pid_ = static_cast<int32_t>((static_cast<uint32_t>(::getpid()) * 16u) & 0x3fffffff) + 1;
  }
  int32_t pid = next_pid_++;
  if (next_pid_ <= 0) next_pid_ = 1;
  sessions_.emplace(pid, std::move(entry));
  return pid;
}

void SessionRegistry::Unregister(int32_t pid) {
  std::function<void()> notify;
  {
    std::lock_guard lock(mu_);
    sessions_.erase(pid);
    if (sessions_.empty() && on_empty_) notify = std::move(on_empty_);
  }
  if (notify) notify();
}

bool SessionRegistry::Cancel(int32_t pid, int32_t secret_key) {
  std::function<void()> cancel;
  {
    std::lock_guard lock(mu_);
    auto it = sessions_.find(pid);
    if (it == sessions_.end() || it->second.secret_key != secret_key) return false;
    cancel = it->second.cancel;
  }
  if (cancel) cancel();
  return true;
}

bool SessionRegistry::CancelBackend(int32_t pid) {
  std::function<void()> cancel;
  {
    std::lock_guard lock(mu_);
    auto it = sessions_.find(pid);
    if (it == sessions_.end()) return false;
    cancel = it->second.cancel;
  }
  if (cancel) cancel();
  return true;
}

bool SessionRegistry::TerminateBackend(int32_t pid) {
  std::function<void()> terminate;
  {
    std::lock_guard lock(mu_);
    auto it = sessions_.find(pid);
    if (it == sessions_.end()) return false;
    terminate = it->second.terminate;
  }
  if (terminate) terminate();
  return true;
}

bool SessionRegistry::BackendExists(int32_t pid) const {
  std::lock_guard lock(mu_);
  return sessions_.count(pid) > 0;
}

void SessionRegistry::TerminateAll() {
  std::vector<std::function<void()>> terminators;
  {
    std::lock_guard lock(mu_);
    for (auto& [pid, entry] : sessions_) terminators.push_back(entry.terminate);
  }
  for (auto& t : terminators) t();
}

size_t SessionRegistry::size() const {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

void SessionRegistry::OnEmpty(std::function<void()> fn) {
  {
    std::lock_guard lock(mu_);
    if (!sessions_.empty()) {
      on_empty_ = std::move(fn);
      return;
    }
  }
  fn();
}

}  // namespace strata::server
