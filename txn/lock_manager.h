// LockManager: row locks that writers wait on (PostgreSQL's tuple locks) and
// relation locks (PostgreSQL's table-level lock modes: the implicit locks of
// SELECT / DML / DDL and LOCK TABLE), shared by all transactions of a
// TransactionManager.
//
// A row is named by (tree, key), a relation by its OID; the two are separate
// lock spaces. Modes are PostgreSQL's four row-lock
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
//
// Fast path (PostgreSQL's fast-path relation locks, lock.c): every statement
// takes a weak relation lock (AccessShare, RowShare or RowExclusive) on each
// table it touches, and through the one lock-table mutex two sessions on the
// same table serialised on every statement, which on a busy machine (a holder
// preempted mid-section) stalled the other for a whole time slice. A
// transaction records its weak relation locks in a slot of its own instead
// (slots_[txn_id % kFastPathSlots], each with its own mutex), as long as no
// transaction holds or awaits a strong mode (Share and above, the ones that
// conflict with a weak mode) on that relation: strong_counts_ counts those per
// relation hash. A strong request first counts itself, then moves every slot's
// weak locks on the relation into the shared table, then waits as usual.
// Ordering argument: a weak locker reads the count while holding its slot's
// mutex, and a strong locker increments it before taking each slot's mutex, so
// either the weak locker sees the count or the strong locker sees its entry.
// A transaction whose slot is taken by another uses the shared table.
#pragma once

#include <array>
#include <atomic>
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

// PostgreSQL's eight table-level lock modes, weakest first (lockdefs.h).
enum class RelationLockMode {
  kAccessShare = 1,
  kRowShare,
  kRowExclusive,
  kShareUpdateExclusive,
  kShare,
  kShareRowExclusive,
  kExclusive,
  kAccessExclusive,
};

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
  // Locks relation `oid` in `mode` for `owner`. A transaction may hold
  // several modes of one relation; each conflicts on its own. `database_oid`
  // only names the relation in deadlock messages. *waited (if not null) says
  // whether the request had to wait for another transaction.
  LockOutcome LockRelation(const Owner& owner, uint32_t oid, uint32_t database_oid,
                           RelationLockMode mode, const LockRequestOptions& options,
                           std::string* deadlock_detail = nullptr, bool* waited = nullptr);

  // One held or awaited lock, as pg_locks lists it.
  struct LockInfo {
    bool relation = false;      // relation lock (else a row lock)
    uint32_t relation_oid = 0;  // relation locks
    storage::TreeId tree = 0;   // row locks
    std::string key;            // row locks
    Owner owner;
    const char* mode = "";      // ModeName of the mode
    bool granted = true;
    bool fastpath = false;      // held through the fast path
  };
  // Every held mode of every lock, then every awaited one.
  std::vector<LockInfo> Snapshot() const;

  // Whether `txn_id` holds (tree, key) in a mode that every writer of the
  // row must take and that conflicts with every other writer's: FOR NO KEY
  // UPDATE or FOR UPDATE. While it does, nobody else can write the row.
  bool HoldsRowWriteLock(uint64_t txn_id, storage::TreeId tree, std::string_view key) const;

  // How many locks `txn_id` holds (modes of rows and relations, fast path
  // included): what lock escalation compares with its threshold.
  size_t HeldCount(uint64_t txn_id) const;
  // How many lock grants `txn_id` has had: a marker for ReleaseSince. Moves
  // the transaction's fast-path locks to the shared table and keeps it off
  // the fast path from then on, so that every later grant is ordered after
  // the marker (savepoints are rare; their transactions take the slow path).
  size_t GrantCount(uint64_t txn_id);
  // Releases the modes `txn_id` was granted after `marker` (ROLLBACK TO a
  // savepoint: the subtransaction's locks go) and wakes the waiters.
  void ReleaseSince(uint64_t txn_id, size_t marker);

  // Gives a new transaction the fast-path slot it maps to, if that slot is
  // free (else the transaction takes every lock through the shared table).
  // Call before its first lock; ReleaseAll frees the slot.
  void ClaimFastPathSlot(uint64_t txn_id);

  // Releases every lock `txn_id` holds and wakes the waiters.
  void ReleaseAll(uint64_t txn_id);

  // Whether `a` held by one transaction blocks `b` asked by another.
  static bool Conflicts(RowLockMode a, RowLockMode b);
  static bool Conflicts(RelationLockMode a, RelationLockMode b);
  static const char* ModeName(RowLockMode mode);
  // PostgreSQL's name of the mode as pg_locks shows it ("AccessShareLock").
  static const char* ModeName(RelationLockMode mode);

 private:
  enum class Space : uint8_t { kRow, kRelation };
  struct Holder {
    Owner owner;
    uint16_t modes;  // bit m: mode m held (RowLockMode / RelationLockMode values)
  };
  struct Entry {
    Space space = Space::kRow;
    std::vector<Holder> holders;
  };
  struct Waiter {
    Owner owner;
    std::string name;  // the lock awaited, in `space`, for `mode`
    Space space = Space::kRow;
    int mode = 0;
    // Names what is awaited from a blocker ("ShareLock on transaction 7"),
    // for deadlock DETAIL lines.
    std::function<std::string(const Owner&)> waits_for;
    std::vector<Owner> blockers;  // refreshed at each wake-up
  };

  // One transaction's fast-path relation locks.
  struct FastPathSlot {
    mutable std::mutex mu;
    uint64_t txn_id = 0;  // the transaction using the slot; 0 = free
    Owner owner;
    std::vector<std::pair<uint32_t, int>> locks;  // (relation oid, mode)
    bool uses_table = false;  // the transaction also has locks in table_
    bool pinned_slow = false;  // GrantCount ran: no more fast-path grants
  };
  static constexpr size_t kFastPathSlots = 256;
  static constexpr size_t kStrongCountPartitions = 1024;
  static bool IsStrong(int relation_mode);
  static std::atomic<uint32_t>& StrongCount(
      std::array<std::atomic<uint32_t>, kStrongCountPartitions>& counts, uint32_t oid);
  static std::string RelationLockName(uint32_t oid);
  FastPathSlot& SlotFor(uint64_t txn_id) { return slots_[txn_id % kFastPathSlots]; }
  // True (and granted) if the weak `mode` on `oid` could be taken on the fast
  // path; false (the transaction marked as using table_) otherwise.
  bool TryFastPath(const Owner& owner, uint32_t oid, int mode);
  // Marks that `txn_id` has (or will have) locks in table_, if it owns its slot.
  void NoteUsesTable(uint64_t txn_id);
  // Moves every slot's fast-path locks on `oid` into table_.
  void TransferFastPathLocks(uint32_t oid);
  // Moves `txn_id`'s own fast-path locks into table_ (and pins it slow).
  void TransferOwnFastPathLocks(uint64_t txn_id);
  // REQUIRES: mu_ held. A strong relation mode leaving table_: uncounts it.
  void UncountIfStrong(const std::string& name, Space space, int mode);

  static std::string LockName(storage::TreeId tree, std::string_view key);
  static LockInfo Describe(const std::string& name, Space space, const Owner& owner, int mode,
                           bool granted);
  // Whether a holder of `held_modes` blocks a request for `mode` in `space`.
  static bool ModesConflict(Space space, uint16_t held_modes, int mode);
  // Holders of `name` other than `txn_id` whose modes conflict with `mode`.
  std::vector<Owner> Blockers(const std::string& name, uint64_t txn_id, int mode) const;
  // True if the mode is new to the owner (recorded in held_).
  bool Grant(const std::string& name, Space space, const Owner& owner, int mode);
  // The shared wait loop. `describe` names what is awaited, given the first
  // blocker, in a deadlock DETAIL line.
  // *newly_granted (if not null): the grant added a mode the owner lacked.
  LockOutcome Acquire(const Owner& owner, const std::string& name, Space space, int mode,
                      const LockRequestOptions& options, std::string* deadlock_detail,
                      bool* waited, const std::function<std::string(const Owner&)>& describe,
                      bool* newly_granted = nullptr);
  // REQUIRES: mu_ held. The cycle through `txn_id` in the waits-for graph,
  // as PostgreSQL's DETAIL lines; empty if there is none.
  std::string FindCycle(uint64_t txn_id) const;

  mutable std::mutex mu_;
  std::condition_variable released_;
  std::unordered_map<std::string, Entry> table_;
  // txn -> (lock name, mode bit) per grant of a mode it did not hold, in
  // grant order.
  std::unordered_map<uint64_t, std::vector<std::pair<std::string, int>>> held_;
  std::unordered_map<uint64_t, Waiter> waiting_;

  // Lock order: a slot's mutex, then mu_; never a slot's mutex under mu_.
  std::array<FastPathSlot, kFastPathSlots> slots_;
  // Strong relation modes held or requested, per relation hash partition.
  std::array<std::atomic<uint32_t>, kStrongCountPartitions> strong_counts_{};
};

}  // namespace strata::txn
