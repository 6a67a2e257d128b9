// LockManager: row locks that writers wait on (PostgreSQL's tuple locks),
// shared by all transactions of a TransactionManager.
//
// A row is named by (tree, key). Modes are PostgreSQL's four row-lock
// strengths, from weakest to strongest: FOR KEY SHARE, FOR SHARE, FOR NO
// KEY UPDATE, FOR UPDATE, with PostgreSQL's conflict table (a holder of
// one mode blocks another transaction asking for a conflicting one; one
// transaction never blocks itself and a stronger request upgrades its hold).
// Locks are held until the transaction ends (ReleaseAll, called after its
// commit is visible, so a waiter that wakes reads the committed version).
//
// Waiting: a blocked request waits until the conflicting holders are gone,
// or gives up when `interrupted()` says so (query cancel, statement_timeout),
// when lock_timeout passes, or when, after deadlock_timeout, it finds itself
// on a cycle of waiters (the checker is the victim, as in PostgreSQL: the
// transaction whose timer fires first breaks the cycle).
//
// Not a fair queue: a waiter that wakes competes with newcomers. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/engine.h"

namespace strata::txn {

enum class RowLockMode { kKeyShare = 0, kShare = 1, kNoKeyUpdate = 2, kUpdate = 3 };

// What a request does when the row is locked by someone else.
enum class LockWaitPolicy { kWait, kNoWait, kSkipLocked };

struct LockRequestOptions {
  LockWaitPolicy policy = LockWaitPolicy::kWait;
  int64_t lock_timeout_ms = 0;        // 0: wait without limit
  int64_t deadlock_timeout_ms = 1000;
  // Polled while waiting; true ends the wait with kInterrupted. May be empty.
  std::function<bool()> interrupted;
};

enum class LockOutcome {
  kAcquired,
  kNotAvailable,  // kNoWait / kSkipLocked and the row is locked
  kTimedOut,      // lock_timeout passed
  kDeadlock,      // this request closed a cycle of waiters; see deadlock_detail
  kInterrupted,   // options.interrupted() returned true
};

class LockManager {
 public:
  // A transaction as the lock table knows it: its id and, for messages, the
  // session (process) it runs in.
  struct Owner {
    uint64_t txn_id = 0;
    int32_t pid = 0;
  };

  // Locks (tree, key) in `mode` for `owner`. On kDeadlock, *deadlock_detail
  // (if not null) gets PostgreSQL-style lines naming the cycle.
  LockOutcome Lock(const Owner& owner, storage::TreeId tree, std::string_view key,
                   RowLockMode mode, const LockRequestOptions& options,
                   std::string* deadlock_detail = nullptr);

  // Releases every lock `txn_id` holds and wakes the waiters.
  void ReleaseAll(uint64_t txn_id);

  // Whether `a` held by one transaction blocks `b` asked by another.
  static bool Conflicts(RowLockMode a, RowLockMode b);
  static const char* ModeName(RowLockMode mode);

 private:
  struct Holder {
    Owner owner;
    RowLockMode mode;
  };
  struct Entry {
    std::vector<Holder> holders;
  };
  struct Waiter {
    Owner owner;
    std::vector<Owner> blockers;  // refreshed at each wake-up
  };

  static std::string LockName(storage::TreeId tree, std::string_view key);
  // Holders of `name` other than `txn_id` whose mode conflicts with `mode`.
  std::vector<Owner> Blockers(const std::string& name, uint64_t txn_id, RowLockMode mode) const;
  void Grant(const std::string& name, const Owner& owner, RowLockMode mode);
  // REQUIRES: mu_ held. The cycle through `txn_id` in the waits-for graph,
  // as PostgreSQL's DETAIL lines; empty if there is none.
  std::string FindCycle(uint64_t txn_id) const;

  mutable std::mutex mu_;
  std::condition_variable released_;
  std::unordered_map<std::string, Entry> table_;
  std::unordered_map<uint64_t, std::vector<std::string>> held_;  // txn -> lock names
  std::unordered_map<uint64_t, Waiter> waiting_;
};

}  // namespace strata::txn
