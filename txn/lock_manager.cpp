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

bool LockManager::Conflicts(RelationLockMode a, RelationLockMode b) {
  return ModesConflict(Space::kRelation, static_cast<uint16_t>(1u << static_cast<int>(a)),
                       static_cast<int>(b));
}

const char* LockManager::ModeName(RelationLockMode mode) {
  switch (mode) {
    case RelationLockMode::kAccessShare:
      return "AccessShareLock";
    case RelationLockMode::kRowShare:
      return "RowShareLock";
    case RelationLockMode::kRowExclusive:
      return "RowExclusiveLock";
    case RelationLockMode::kShareUpdateExclusive:
      return "ShareUpdateExclusiveLock";
    case RelationLockMode::kShare:
      return "ShareLock";
    case RelationLockMode::kShareRowExclusive:
      return "ShareRowExclusiveLock";
    case RelationLockMode::kExclusive:
      return "ExclusiveLock";
    case RelationLockMode::kAccessExclusive:
      return "AccessExclusiveLock";
  }
  return "?";
}

bool LockManager::ModesConflict(Space space, uint16_t held_modes, int mode) {
  if (space == Space::kRow) {
    for (int held = 0; held <= 3; ++held) {
      if ((held_modes & (1u << held)) != 0 &&
          Conflicts(static_cast<RowLockMode>(held), static_cast<RowLockMode>(mode))) {
        return true;
      }
    }
    return false;
  }
  // PostgreSQL's table-level conflict table (lock.c LockConflicts): the
  // modes, as bit sets, that a request for mode m conflicts with.
  static constexpr uint16_t kBit1 = 1u << 1, kBit2 = 1u << 2, kBit3 = 1u << 3, kBit4 = 1u << 4,
                            kBit5 = 1u << 5, kBit6 = 1u << 6, kBit7 = 1u << 7, kBit8 = 1u << 8;
  static constexpr uint16_t kConflicts[9] = {
      0,
      kBit8,                                                  // AccessShare
      kBit7 | kBit8,                                          // RowShare
      kBit5 | kBit6 | kBit7 | kBit8,                          // RowExclusive
      kBit4 | kBit5 | kBit6 | kBit7 | kBit8,                  // ShareUpdateExclusive
      kBit3 | kBit4 | kBit6 | kBit7 | kBit8,                  // Share
      kBit3 | kBit4 | kBit5 | kBit6 | kBit7 | kBit8,          // ShareRowExclusive
      kBit2 | kBit3 | kBit4 | kBit5 | kBit6 | kBit7 | kBit8,  // Exclusive
      kBit1 | kBit2 | kBit3 | kBit4 | kBit5 | kBit6 | kBit7 | kBit8,  // AccessExclusive
  };
  return (kConflicts[mode] & held_modes) != 0;
}

std::vector<LockManager::Owner> LockManager::Blockers(const std::string& name, uint64_t txn_id,
                                                      int mode) const {
  std::vector<Owner> out;
  auto it = table_.find(name);
  if (it == table_.end()) return out;
  for (const Holder& h : it->second.holders) {
    if (h.owner.txn_id != txn_id && ModesConflict(it->second.space, h.modes, mode)) {
      out.push_back(h.owner);
    }
  }
  return out;
}

bool LockManager::Grant(const std::string& name, Space space, const Owner& owner, int mode) {
  Entry& entry = table_[name];
  entry.space = space;
  const auto bit = static_cast<uint16_t>(1u << mode);
  for (Holder& h : entry.holders) {
    if (h.owner.txn_id == owner.txn_id) {
      if ((h.modes & bit) != 0) return false;
      h.modes |= bit;  // each mode held conflicts on its own
      held_[owner.txn_id].emplace_back(name, mode);
      return true;
    }
  }
  entry.holders.push_back(Holder{owner, bit});
  held_[owner.txn_id].emplace_back(name, mode);
  return true;
}

// ---- Fast path ----

bool LockManager::IsStrong(int relation_mode) {
  // The modes that conflict with AccessShare, RowShare or RowExclusive.
  return relation_mode >= static_cast<int>(RelationLockMode::kShare);
}

std::atomic<uint32_t>& LockManager::StrongCount(
    std::array<std::atomic<uint32_t>, kStrongCountPartitions>& counts, uint32_t oid) {
  return counts[oid % kStrongCountPartitions];
}

std::string LockManager::RelationLockName(uint32_t oid) {
  std::string name = "rel";
  PutFixed32(&name, oid);
  return name;
}

void LockManager::ClaimFastPathSlot(uint64_t txn_id) {
  if (txn_id == 0) return;
  FastPathSlot& slot = SlotFor(txn_id);
  std::lock_guard<std::mutex> guard(slot.mu);
  if (slot.txn_id != 0) return;  // another transaction's
  slot.txn_id = txn_id;
  slot.locks.clear();
  slot.uses_table = false;
  slot.pinned_slow = false;
}

bool LockManager::TryFastPath(const Owner& owner, uint32_t oid, int mode) {
  if (owner.txn_id == 0) return false;
  FastPathSlot& slot = SlotFor(owner.txn_id);
  std::lock_guard<std::mutex> guard(slot.mu);
  if (slot.txn_id != owner.txn_id) return false;  // no slot: table_ only
  if (IsStrong(mode) || mode == static_cast<int>(RelationLockMode::kShareUpdateExclusive) ||
      slot.pinned_slow || StrongCount(strong_counts_, oid).load() != 0) {
    slot.uses_table = true;
    return false;
  }
  slot.owner = owner;
  for (const auto& [held_oid, held_mode] : slot.locks) {
    if (held_oid == oid && held_mode == mode) return true;
  }
  slot.locks.emplace_back(oid, mode);
  return true;
}

void LockManager::NoteUsesTable(uint64_t txn_id) {
  FastPathSlot& slot = SlotFor(txn_id);
  std::lock_guard<std::mutex> guard(slot.mu);
  if (slot.txn_id == txn_id) slot.uses_table = true;
}

void LockManager::TransferFastPathLocks(uint32_t oid) {
  const std::string name = RelationLockName(oid);
  for (FastPathSlot& slot : slots_) {
    std::lock_guard<std::mutex> guard(slot.mu);
    if (slot.txn_id == 0 || slot.locks.empty()) continue;
    bool moved = false;
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = slot.locks.begin(); it != slot.locks.end();) {
      if (it->first == oid) {
        Grant(name, Space::kRelation, slot.owner, it->second);
        it = slot.locks.erase(it);
        moved = true;
      } else {
        ++it;
      }
    }
    if (moved) slot.uses_table = true;
  }
}

void LockManager::TransferOwnFastPathLocks(uint64_t txn_id) {
  FastPathSlot& slot = SlotFor(txn_id);
  std::lock_guard<std::mutex> guard(slot.mu);
  if (slot.txn_id != txn_id) return;
  slot.pinned_slow = true;
  slot.uses_table = true;
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [oid, mode] : slot.locks) {
    Grant(RelationLockName(oid), Space::kRelation, slot.owner, mode);
  }
  slot.locks.clear();
}

void LockManager::UncountIfStrong(const std::string& name, Space space, int mode) {
  if (space != Space::kRelation || !IsStrong(mode)) return;
  StrongCount(strong_counts_, DecodeFixed32(name.data() + 3)).fetch_sub(1);
}

std::string LockManager::FindCycle(uint64_t txn_id) const {
  // Depth-first over "waits for" edges; the path back to txn_id is the cycle.
  std::vector<std::pair<const Waiter*, Owner>> path;  // (waiter, blocker)
  std::unordered_set<uint64_t> visited;
  std::function<bool(uint64_t)> visit = [&](uint64_t t) -> bool {
    auto w = waiting_.find(t);
    if (w == waiting_.end()) return false;
    for (const Owner& b : w->second.blockers) {
      path.emplace_back(&w->second, b);
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
    detail += "Process " + std::to_string(waiter->owner.pid) + " waits for " +
              waiter->waits_for(blocker) + "; blocked by process " +
              std::to_string(blocker.pid) + ".";
  }
  return detail;
}

LockOutcome LockManager::Lock(const Owner& owner, storage::TreeId tree, std::string_view key,
                              RowLockMode mode, const LockRequestOptions& options,
                              std::string* deadlock_detail) {
  // A row lock waiter waits, in PostgreSQL's terms, for the holder's
  // transaction to end.
  NoteUsesTable(owner.txn_id);
  return Acquire(owner, LockName(tree, key), Space::kRow, static_cast<int>(mode), options,
                 deadlock_detail, nullptr, [](const Owner& blocker) {
                   return "ShareLock on transaction " + std::to_string(blocker.txn_id);
                 });
}

bool LockManager::HoldsRowWriteLock(uint64_t txn_id, storage::TreeId tree,
                                    std::string_view key) const {
  constexpr uint16_t kWriteModes = (1u << static_cast<int>(RowLockMode::kNoKeyUpdate)) |
                                   (1u << static_cast<int>(RowLockMode::kUpdate));
  const std::string name = LockName(tree, key);
  std::lock_guard<std::mutex> lock(mu_);
  auto it = table_.find(name);
  if (it == table_.end() || it->second.space != Space::kRow) return false;
  for (const Holder& h : it->second.holders) {
    if (h.owner.txn_id == txn_id) return (h.modes & kWriteModes) != 0;
  }
  return false;
}

LockOutcome LockManager::LockRelation(const Owner& owner, uint32_t oid, uint32_t database_oid,
                                      RelationLockMode mode, const LockRequestOptions& options,
                                      std::string* deadlock_detail, bool* waited) {
  const int m = static_cast<int>(mode);
  if (waited != nullptr) *waited = false;
  if (TryFastPath(owner, oid, m)) return LockOutcome::kAcquired;
  const bool strong = IsStrong(m);
  if (strong) {
    // Counted first: from now on no weak lock on oid goes to a slot, and the
    // ones already there move to table_, where this request sees them.
    StrongCount(strong_counts_, oid).fetch_add(1);
    TransferFastPathLocks(oid);
  }
  bool newly_granted = false;
  const LockOutcome outcome =
      Acquire(owner, RelationLockName(oid), Space::kRelation, m, options, deadlock_detail, waited,
              [=](const Owner&) {
                return std::string(ModeName(mode)) + " on relation " + std::to_string(oid) +
                       " of database " + std::to_string(database_oid);
              },
              &newly_granted);
  // The count stays while the mode is held (one per held_ entry).
  if (strong && !newly_granted) StrongCount(strong_counts_, oid).fetch_sub(1);
  return outcome;
}

LockOutcome LockManager::Acquire(const Owner& owner, const std::string& name, Space space,
                                 int mode, const LockRequestOptions& options,
                                 std::string* deadlock_detail, bool* waited,
                                 const std::function<std::string(const Owner&)>& describe,
                                 bool* newly_granted) {
  using Clock = std::chrono::steady_clock;
  if (waited != nullptr) *waited = false;
  if (newly_granted != nullptr) *newly_granted = false;
  std::unique_lock<std::mutex> lock(mu_);
  std::vector<Owner> blockers = Blockers(name, owner.txn_id, mode);
  if (blockers.empty()) {
    const bool added = Grant(name, space, owner, mode);
    if (newly_granted != nullptr) *newly_granted = added;
    return LockOutcome::kAcquired;
  }
  if (options.policy != LockWaitPolicy::kWait) return LockOutcome::kNotAvailable;
  if (waited != nullptr) *waited = true;

  const auto start = Clock::now();
  bool deadlock_checked = false;
  LockOutcome outcome = LockOutcome::kAcquired;
  waiting_[owner.txn_id] = Waiter{owner, name, space, mode, describe, blockers};
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
    const auto waited_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    if (options.lock_timeout_ms > 0 && waited_ms >= options.lock_timeout_ms) {
      outcome = LockOutcome::kTimedOut;
      break;
    }
    if (!deadlock_checked && waited_ms >= options.deadlock_timeout_ms) {
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
  if (outcome == LockOutcome::kAcquired) {
    const bool added = Grant(name, space, owner, mode);
    if (newly_granted != nullptr) *newly_granted = added;
  }
  return outcome;
}

LockManager::LockInfo LockManager::Describe(const std::string& name, Space space,
                                            const Owner& owner, int mode, bool granted) {
  LockInfo info;
  info.owner = owner;
  info.granted = granted;
  if (space == Space::kRelation) {
    info.relation = true;
    info.relation_oid = DecodeFixed32(name.data() + 3);  // "rel" + fixed32
    info.mode = ModeName(static_cast<RelationLockMode>(mode));
  } else {
    info.tree = DecodeFixed64(name.data());
    info.key = name.substr(8);
    info.mode = ModeName(static_cast<RowLockMode>(mode));
  }
  return info;
}

std::vector<LockManager::LockInfo> LockManager::Snapshot() const {
  std::vector<LockInfo> out;
  // Fast-path locks first (slot mutexes are never taken under mu_).
  for (const FastPathSlot& slot : slots_) {
    std::lock_guard<std::mutex> guard(slot.mu);
    if (slot.txn_id == 0) continue;
    for (const auto& [oid, mode] : slot.locks) {
      LockInfo info = Describe(RelationLockName(oid), Space::kRelation, slot.owner, mode, true);
      info.fastpath = true;
      out.push_back(std::move(info));
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [name, entry] : table_) {
    for (const Holder& h : entry.holders) {
      for (int mode = 0; mode < 16; ++mode) {
        if ((h.modes & (1u << mode)) != 0) {
          out.push_back(Describe(name, entry.space, h.owner, mode, true));
        }
      }
    }
  }
  for (const auto& [txn, waiter] : waiting_) {
    out.push_back(Describe(waiter.name, waiter.space, waiter.owner, waiter.mode, false));
  }
  return out;
}

size_t LockManager::HeldCount(uint64_t txn_id) const {
  size_t count = 0;
  if (txn_id != 0) {
    const FastPathSlot& slot = slots_[txn_id % kFastPathSlots];
    std::lock_guard<std::mutex> guard(slot.mu);
    if (slot.txn_id == txn_id) {
      count += slot.locks.size();
      if (!slot.uses_table) return count;
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  auto held = held_.find(txn_id);
  return count + (held == held_.end() ? 0 : held->second.size());
}

size_t LockManager::GrantCount(uint64_t txn_id) {
  TransferOwnFastPathLocks(txn_id);
  std::lock_guard<std::mutex> lock(mu_);
  auto held = held_.find(txn_id);
  return held == held_.end() ? 0 : held->second.size();
}

void LockManager::ReleaseSince(uint64_t txn_id, size_t marker) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto held = held_.find(txn_id);
    if (held == held_.end() || held->second.size() <= marker) return;
    for (size_t i = marker; i < held->second.size(); ++i) {
      const auto& [name, mode] = held->second[i];
      auto it = table_.find(name);
      if (it == table_.end()) continue;
      auto& holders = it->second.holders;
      for (Holder& h : holders) {
        if (h.owner.txn_id == txn_id) h.modes &= static_cast<uint16_t>(~(1u << mode));
      }
      UncountIfStrong(name, it->second.space, mode);
      holders.erase(std::remove_if(holders.begin(), holders.end(),
                                   [](const Holder& h) { return h.modes == 0; }),
                    holders.end());
      if (holders.empty()) table_.erase(it);
    }
    held->second.resize(marker);
  }
  released_.notify_all();
}

void LockManager::ReleaseAll(uint64_t txn_id) {
  bool uses_table = true;
  if (txn_id != 0) {
    FastPathSlot& slot = SlotFor(txn_id);
    std::lock_guard<std::mutex> guard(slot.mu);
    if (slot.txn_id == txn_id) {
      // Nobody waits for a fast-path lock: a strong request moves it to
      // table_ (setting uses_table) before it waits.
      uses_table = slot.uses_table;
      slot.txn_id = 0;
      slot.locks.clear();
      slot.uses_table = false;
      slot.pinned_slow = false;
    }
  }
  if (!uses_table) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto held = held_.find(txn_id);
    if (held == held_.end()) return;
    for (const auto& [name, mode] : held->second) {
      auto it = table_.find(name);
      if (it == table_.end()) continue;
      UncountIfStrong(name, it->second.space, mode);
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
