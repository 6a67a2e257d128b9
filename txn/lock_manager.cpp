// LockManager (see lock_manager.h).
#include "txn/lock_manager.h"

#include <algorithm>
#include <chrono>
#include <unordered_set>

#include "common/coding.h"

namespace strata::txn {

bool LockManager::Conflicts(RowLockMode a, RowLockMode b) {
  // PostgreSQL's tuple lock conflict table (README.tuplock): each mode
  // conflicts with the modes at least as strong as its complement.
  const int x = static_cast<int>(a), y = static_cast<int>(b);
  return x + y >= 3;
}

const char* LockManager::ModeName(RowLockMode mode) {
  switch (mode) {
    case RowLockMode::kKeyShare:
      return "FOR KEY SHARE";
    case RowLockMode::kShare:
      return "FOR SHARE";
    case RowLockMode::kNoKeyUpdate:
      return "FOR NO KEY UPDATE";
    case RowLockMode::kUpdate:
      return "FOR UPDATE";
  }
  return "?";
}

std::string LockManager::LockName(storage::TreeId tree, std::string_view key) {
  std::string name;
  PutFixed64(&name, tree);
  name.append(key);
  return name;
}

std::vector<LockManager::Owner> LockManager::Blockers(const std::string& name, uint64_t txn_id,
                                                      RowLockMode mode) const {
  std::vector<Owner> out;
  auto it = table_.find(name);
  if (it == table_.end()) return out;
  for (const Holder& h : it->second.holders) {
    if (h.owner.txn_id != txn_id && Conflicts(h.mode, mode)) out.push_back(h.owner);
  }
  return out;
}

void LockManager::Grant(const std::string& name, const Owner& owner, RowLockMode mode) {
  Entry& entry = table_[name];
  for (Holder& h : entry.holders) {
    if (h.owner.txn_id == owner.txn_id) {
      h.mode = std::max(h.mode, mode);  // an upgrade keeps the stronger hold
      return;
    }
  }
  entry.holders.push_back(Holder{owner, mode});
  held_[owner.txn_id].push_back(name);
}

std::string LockManager::FindCycle(uint64_t txn_id) const {
  // Depth-first over "waits for" edges; the path back to txn_id is the cycle.
  std::vector<std::pair<Owner, Owner>> path;  // (waiter, blocker)
  std::unordered_set<uint64_t> visited;
  std::function<bool(uint64_t)> visit = [&](uint64_t t) -> bool {
    auto w = waiting_.find(t);
    if (w == waiting_.end()) return false;
    for (const Owner& b : w->second.blockers) {
      path.emplace_back(w->second.owner, b);
      if (b.txn_id == txn_id) return true;
      if (visited.insert(b.txn_id).second && visit(b.txn_id)) return true;
      path.pop_back();
    }
    return false;
  };
  if (!visit(txn_id)) return {};
  std::string detail;
  for (const auto& [waiter, blocker] : path) {
    if (!detail.empty()) detail += "\n";
    detail += "Process " + std::to_string(waiter.pid) + " waits for ShareLock on transaction " +
              std::to_string(blocker.txn_id) + "; blocked by process " +
              std::to_string(blocker.pid) + ".";
  }
  return detail;
}

LockOutcome LockManager::Lock(const Owner& owner, storage::TreeId tree, std::string_view key,
                              RowLockMode mode, const LockRequestOptions& options,
                              std::string* deadlock_detail) {
  using Clock = std::chrono::steady_clock;
  const std::string name = LockName(tree, key);
  std::unique_lock<std::mutex> lock(mu_);
  std::vector<Owner> blockers = Blockers(name, owner.txn_id, mode);
  if (blockers.empty()) {
    Grant(name, owner, mode);
    return LockOutcome::kAcquired;
  }
  if (options.policy != LockWaitPolicy::kWait) return LockOutcome::kNotAvailable;

  const auto start = Clock::now();
  bool deadlock_checked = false;
  LockOutcome outcome = LockOutcome::kAcquired;
  waiting_[owner.txn_id] = Waiter{owner, blockers};
  while (true) {
    // Wake at least every 10 ms to poll for interrupts.
    released_.wait_for(lock, std::chrono::milliseconds(10));
    blockers = Blockers(name, owner.txn_id, mode);
    if (blockers.empty()) break;
    waiting_[owner.txn_id].blockers = blockers;
    if (options.interrupted && options.interrupted()) {
      outcome = LockOutcome::kInterrupted;
      break;
    }
    const auto waited =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    if (options.lock_timeout_ms > 0 && waited >= options.lock_timeout_ms) {
      outcome = LockOutcome::kTimedOut;
      break;
    }
    if (!deadlock_checked && waited >= options.deadlock_timeout_ms) {
      deadlock_checked = true;
      std::string cycle = FindCycle(owner.txn_id);
      if (!cycle.empty()) {
        if (deadlock_detail != nullptr) *deadlock_detail = std::move(cycle);
        outcome = LockOutcome::kDeadlock;
        break;
      }
    }
  }
  waiting_.erase(owner.txn_id);
  if (outcome == LockOutcome::kAcquired) Grant(name, owner, mode);
  return outcome;
}

void LockManager::ReleaseAll(uint64_t txn_id) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto held = held_.find(txn_id);
    if (held == held_.end()) return;
    for (const std::string& name : held->second) {
      auto it = table_.find(name);
      if (it == table_.end()) continue;
      auto& holders = it->second.holders;
      holders.erase(std::remove_if(holders.begin(), holders.end(),
                                   [&](const Holder& h) { return h.owner.txn_id == txn_id; }),
                    holders.end());
      if (holders.empty()) table_.erase(it);
    }
    held_.erase(held);
  }
  released_.notify_all();
}

}  // namespace strata::txn
