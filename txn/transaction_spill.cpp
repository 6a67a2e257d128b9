// Transaction's spilling of huge write sets (write_spill.h has the files;
// txn/README.md, "Huge transactions", the design).
//
// Past the threshold the in-memory write maps become one sorted run on disk
// and the check entries go to the check log; reads merge memory over the
// runs (newest first) over the snapshot. Commit of a spilled transaction
// streams the merged writes of every tree into Engine::IngestRowStream: one
// new sequence number, one synced manifest edit, so a crash leaves all of it
// or none. The checks are streamed from the log alone in the commit gate.
#include <set>

#include "common/logging.h"
#include "txn/transaction.h"

namespace strata::txn {

Status TransactionManager::EnableSpill(storage::FileSystem* fs, const std::string& dir) {
  auto area = std::make_unique<SpillArea>(fs, dir);
  STRATA_RETURN_IF_ERROR(area->Sweep());
  spill_ = std::move(area);
  return Status::OK();
}

void Transaction::MaybeSpill() {
  if (spill_threshold_ == 0 || memory_bytes_ < spill_threshold_ || !spill_error_.ok() ||
      manager_->spill_ == nullptr || finished_) {
    return;
  }
  spill_error_ = Spill();
  if (!spill_error_.ok()) {
    STRATA_LOG_WARNING("could not spill a transaction's writes: {}", spill_error_.ToString());
  }
}

Status Transaction::Spill() {
  SpillArea* area = manager_->spill_.get();
  // The write maps, except those a live iterator walks (they stay in memory;
  // they are newer than every run, so reads stay right).
  std::map<storage::TreeId, WriteMap> out;
  for (auto it = writes_.begin(); it != writes_.end();) {
    auto live = live_iterators_.find(it->first);
    if ((live != live_iterators_.end() && live->second > 0) || it->second.empty()) {
      ++it;
      continue;
    }
    out.insert(writes_.extract(it++));
  }
  if (!out.empty()) {
    auto run = SpillRun::Write(area, out);
    if (!run.ok()) {
      // Put the maps back: nothing is lost, the transaction fails at commit.
      for (auto& node : out) writes_[node.first] = std::move(node.second);
      return run.status();
    }
    runs_.push_back(std::move(*run));
  }
  // The check entries, in order, with the ordinal each had.
  if (!must_not_exist_.empty() || !must_be_unchanged_.empty()) {
    if (check_log_ == nullptr) check_log_ = std::make_unique<CheckLog>(area);
    SpilledCheck c;
    for (size_t i = 0; i < must_not_exist_.size(); ++i) {
      const CheckedKey& k = must_not_exist_[i];
      c.kind = SpilledCheck::kMustNotExist;
      c.tree = k.tree;
      c.snapshot = k.snapshot->sequence();
      c.ordinal = new_base_ + i;
      c.key = k.key;
      spilled_snapshots_.emplace(c.snapshot, k.snapshot);
      STRATA_RETURN_IF_ERROR(check_log_->Append(c));
    }
    for (size_t i = 0; i < must_be_unchanged_.size(); ++i) {
      const CheckedKey& k = must_be_unchanged_[i];
      c.kind = k.lock_only ? SpilledCheck::kLockedRow : SpilledCheck::kMustBeUnchanged;
      c.tree = k.tree;
      c.snapshot = k.snapshot->sequence();
      c.ordinal = unchanged_base_ + i;
      c.key = k.key;
      spilled_snapshots_.emplace(c.snapshot, k.snapshot);
      STRATA_RETURN_IF_ERROR(check_log_->Append(c));
    }
    STRATA_RETURN_IF_ERROR(check_log_->Flush());
    new_base_ += must_not_exist_.size();
    unchanged_base_ += must_be_unchanged_.size();
    must_not_exist_.clear();
    must_not_exist_.shrink_to_fit();
    must_be_unchanged_.clear();
    must_be_unchanged_.shrink_to_fit();
  }
  // Savepoints older than this spill can no longer be rolled back to
  // (RollbackToSavepoint refuses), so their undo entries are dead.
  undo_.clear();
  undo_.shrink_to_fit();
  memory_bytes_ = 0;
  ++spills_;
  return Status::OK();
}

Result<std::optional<std::optional<std::string>>> Transaction::LookupWrite(storage::TreeId tree,
                                                                           Slice key) {
  using Out = std::optional<std::optional<std::string>>;
  auto t = writes_.find(tree);
  if (t != writes_.end()) {
    auto w = t->second.find(std::string(key));
    if (w != t->second.end()) return Out(w->second);
  }
  if (!spill_error_.ok()) return spill_error_;
  for (auto run = runs_.rbegin(); run != runs_.rend(); ++run) {
    auto got = (*run)->Get(tree, key);
    if (!got.ok()) return got.status();
    if (got->has_value()) return got;
  }
  return Out();
}

std::unique_ptr<WriteCursor> Transaction::NewWriteCursor(storage::TreeId tree) {
  auto t = writes_.find(tree);
  const WriteMap* memory = t == writes_.end() ? nullptr : &t->second;
  std::vector<std::shared_ptr<SpillRun>> runs;
  for (auto run = runs_.rbegin(); run != runs_.rend(); ++run) {
    if ((*run)->ranges().count(tree) != 0) runs.push_back(*run);
  }
  if (memory == nullptr && runs.empty()) return nullptr;
  return std::make_unique<WriteCursor>(tree, memory, std::move(runs));
}

Status Transaction::IngestAllWrites() {
  // Every tree written, with the key range its rows cover.
  std::map<storage::TreeId, std::pair<std::string, std::string>> ranges;
  auto widen = [&](storage::TreeId tree, const std::string& lo, const std::string& hi) {
    auto [it, fresh] = ranges.try_emplace(tree, lo, hi);
    if (!fresh) {
      if (Compare(lo, it->second.first) < 0) it->second.first = lo;
      if (Compare(hi, it->second.second) > 0) it->second.second = hi;
    }
  };
  for (const auto& [tree, map] : writes_) {
    if (!map.empty()) widen(tree, map.begin()->first, map.rbegin()->first);
  }
  for (const auto& run : runs_) {
    for (const auto& [tree, range] : run->ranges()) widen(tree, range.first, range.second);
  }
  std::vector<storage::IngestTreeRange> trees;
  for (const auto& [tree, range] : ranges) {
    trees.push_back(storage::IngestTreeRange{tree, range.first, range.second});
  }
  return engine_->IngestRowStream(trees, [&](const storage::IngestEmit& emit) -> Status {
    for (const auto& [tree, range] : ranges) {
      std::unique_ptr<WriteCursor> cursor = NewWriteCursor(tree);
      if (cursor == nullptr) continue;
      for (cursor->SeekToFirst(); cursor->Valid(); cursor->Next()) {
        const std::string* value = cursor->value();
        if (value == nullptr) {
          STRATA_RETURN_IF_ERROR(emit(tree, cursor->key(), nullptr));
        } else {
          const Slice v(*value);
          STRATA_RETURN_IF_ERROR(emit(tree, cursor->key(), &v));
        }
      }
      STRATA_RETURN_IF_ERROR(cursor->status());
    }
    return Status::OK();
  });
}

}  // namespace strata::txn
