// Serializable snapshot isolation (see ssi_manager.h).
#include "txn/ssi_manager.h"

#include <algorithm>

namespace strata::txn {

std::shared_ptr<SsiManager::Txn> SsiManager::Register() {
  std::lock_guard lock(mu_);
  auto txn = std::make_shared<Txn>();
  txn->id = ++clock_;
  txns_[txn->id] = txn;
  return txn;
}

void SsiManager::RecordRead(Txn& txn, storage::TreeId tree, std::string_view key) {
  std::lock_guard lock(mu_);
  for (const Range& r : txn.range_reads) {
    if (r.tree == tree && !r.lower && !r.upper) return;  // the whole tree is read already
  }
  txn.point_reads.emplace_back(tree, std::string(key));
  // Memory stays bounded as with PostgreSQL's lock promotion: many keys of
  // one tree become a read of the whole tree (more conflicts, never fewer).
  constexpr size_t kMaxKeysPerTree = 1000;
  size_t in_tree = 0;
  for (const auto& [t, k] : txn.point_reads) in_tree += t == tree;
  if (in_tree > kMaxKeysPerTree) {
    std::erase_if(txn.point_reads, [&](const auto& read) { return read.first == tree; });
    txn.range_reads.push_back(Range{tree, std::nullopt, std::nullopt});
  }
}

void SsiManager::RecordRangeRead(Txn& txn, storage::TreeId tree,
                                 const std::optional<std::string>& lower,
                                 const std::optional<std::string>& upper) {
  std::lock_guard lock(mu_);
  for (const Range& r : txn.range_reads) {
    if (r.tree == tree && !r.lower && !r.upper) return;  // already the whole tree
  }
  txn.range_reads.push_back(Range{tree, lower, upper});
}

void SsiManager::RecordWrite(Txn& txn, storage::TreeId tree, std::string_view key) {
  std::lock_guard lock(mu_);
  txn.writes.emplace(tree, std::string(key));
}

size_t SsiManager::size() const {
  std::lock_guard lock(mu_);
  return txns_.size();
}

bool SsiManager::ReadCovers(const Txn& reader, storage::TreeId tree, const std::string& key) {
  for (const auto& [t, k] : reader.point_reads) {
    if (t == tree && k == key) return true;
  }
  for (const Range& r : reader.range_reads) {
    if (r.tree != tree) continue;
    if (r.lower && key < *r.lower) continue;
    if (r.upper && key >= *r.upper) continue;
    return true;
  }
  return false;
}

bool SsiManager::ReadsAnyWriteOf(const Txn& reader, const Txn& writer) {
  for (const auto& [tree, key] : writer.writes) {
    if (ReadCovers(reader, tree, key)) return true;
  }
  return false;
}

bool SsiManager::Concurrent(const Txn& a, const Txn& b) const {
  // Neither committed before the other began.
  const bool a_before_b = a.commit_ticket != 0 && a.commit_ticket < b.id;
  const bool b_before_a = b.commit_ticket != 0 && b.commit_ticket < a.id;
  return !a_before_b && !b_before_a;
}

Status SsiManager::Commit(Txn& txn, const std::function<Status()>& write) {
  std::lock_guard lock(mu_);
  // New edges with every concurrent transaction, from what each has read
  // and written so far.
  for (auto& [id, other] : txns_) {
    if (id == txn.id || !Concurrent(txn, *other)) continue;
    if (ReadsAnyWriteOf(txn, *other)) {
      txn.out.insert(id);
      other->in.insert(txn.id);
    }
    if (ReadsAnyWriteOf(*other, txn)) {
      txn.in.insert(id);
      other->out.insert(txn.id);
    }
  }
  auto find = [&](uint64_t id) -> const Txn* {
    auto it = txns_.find(id);
    return it == txns_.end() ? nullptr : it->second.get();
  };
  // Does T1 -rw-> pivot -rw-> t3 count, with t3 committed before the pivot
  // commits? A read-only T1 only if t3 committed before T1 began.
  bool fail = IsDangerousPivot(txn);
  // The committer as T1 of a committed pivot whose T3 committed first.
  for (uint64_t out_id : txn.out) {
    const Txn* pivot = find(out_id);
    if (pivot == nullptr || pivot->commit_ticket == 0 || pivot->earliest_committed_out == 0) {
      continue;
    }
    if (!txn.writes.empty() || pivot->earliest_committed_out < txn.id) fail = true;
  }
  if (fail) {
    Forget(txn.id);
    return Status::Aborted("could not serialize access due to read/write dependencies");
  }
  if (write) {
    Status s = write();
    if (!s.ok()) {
      Forget(txn.id);
      return s;
    }
  }
  for (uint64_t out_id : txn.out) {
    const Txn* t3 = find(out_id);
    if (t3 == nullptr || t3->commit_ticket == 0) continue;
    if (txn.earliest_committed_out == 0 || t3->commit_ticket < txn.earliest_committed_out) {
      txn.earliest_committed_out = t3->commit_ticket;
    }
  }
  txn.commit_ticket = ++clock_;
  Cleanup();
  return Status::OK();
}

bool SsiManager::IsDangerousPivot(const Txn& txn) const {
  auto find = [&](uint64_t id) -> const Txn* {
    auto it = txns_.find(id);
    return it == txns_.end() ? nullptr : it->second.get();
  };
  for (uint64_t out_id : txn.out) {
    const Txn* t3 = find(out_id);
    if (t3 == nullptr || t3->commit_ticket == 0) continue;
    for (uint64_t in_id : txn.in) {
      const Txn* t1 = find(in_id);
      if (t1 == nullptr) continue;
      // A read-only T1 only if T3 committed before T1 began.
      const bool read_only = t1->commit_ticket != 0 && t1->writes.empty();
      if (!read_only || t3->commit_ticket < t1->id) return true;
    }
  }
  return false;
}

Status SsiManager::CheckWrite(Txn& txn, storage::TreeId tree, const std::string& key) {
  std::lock_guard lock(mu_);
  for (auto& [id, other] : txns_) {
    if (id == txn.id || !Concurrent(txn, *other)) continue;
    if (ReadCovers(*other, tree, key)) {
      txn.in.insert(id);
      other->out.insert(txn.id);
    }
  }
  if (IsDangerousPivot(txn)) return Status::Aborted("pivot during write");
  return Status::OK();
}

void SsiManager::Abort(Txn& txn) {
  std::lock_guard lock(mu_);
  if (txn.commit_ticket == 0) Forget(txn.id);
}

void SsiManager::Forget(uint64_t id) {
  txns_.erase(id);
  for (auto& [other_id, other] : txns_) {
    other->in.erase(id);
    other->out.erase(id);
  }
}

void SsiManager::Cleanup() {
  // A committed transaction matters while an active one began before its
  // commit (the only ones still concurrent with it).
  uint64_t oldest_active = UINT64_MAX;
  for (const auto& [id, t] : txns_) {
    if (t->commit_ticket == 0) oldest_active = std::min(oldest_active, id);
  }
  std::vector<uint64_t> done;
  for (const auto& [id, t] : txns_) {
    if (t->commit_ticket != 0 && t->commit_ticket < oldest_active) done.push_back(id);
  }
  for (uint64_t id : done) Forget(id);
}

}  // namespace strata::txn
