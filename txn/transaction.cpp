// Transaction and TxnIterator (see transaction.h for the contract).
#include "txn/transaction.h"

#include <algorithm>

#include "common/coding.h"
#include "common/logging.h"
#include "storage/write_batch.h"

namespace strata::txn {

std::unique_ptr<Transaction> TransactionManager::Begin() {
  return std::unique_ptr<Transaction>(new Transaction(this));
}

namespace {
// Tree 0 belongs to the catalog, which ignores key kinds it does not know;
// 0x08 is below its first kind (0x10).
const std::string kTxidKey = std::string("\x08txid", 5);
constexpr uint64_t kTxidBlock = 1024;
constexpr uint64_t kFirstTxid = 1000;  // a fresh database's first id
}  // namespace

Result<uint64_t> TransactionManager::AssignTxid() {
  std::lock_guard lock(txid_mu_);
  if (next_txid_ == 0) {
    Result<std::string> stored = engine_->Get(storage::ReadOptions{}, storage::kDefaultTree,
                                              kTxidKey);
    if (stored.ok() && stored.value().size() == 8) {
      next_txid_ = DecodeFixed64(stored.value().data());
    } else if (stored.ok() || stored.status().IsNotFound()) {
      next_txid_ = kFirstTxid;
    } else {
      return stored.status();
    }
    txid_limit_ = next_txid_;
  }
  if (next_txid_ >= txid_limit_) {
    std::string value;
    PutFixed64(&value, next_txid_ + kTxidBlock);
    storage::WriteBatch batch;
    batch.Put(storage::kDefaultTree, kTxidKey, value);
    storage::WriteOptions options;
    options.sync = true;
    if (Status s = engine_->Write(options, &batch); !s.ok()) return s;
    txid_limit_ = next_txid_ + kTxidBlock;
  }
  return next_txid_++;
}

Result<uint64_t> Transaction::AssignTxid() {
  if (txid_) return *txid_;
  Result<uint64_t> id = manager_->AssignTxid();
  if (id.ok()) txid_ = id.value();
  return id;
}

Transaction::Transaction(TransactionManager* manager)
    : manager_(manager),
      engine_(manager->engine_),
      id_(manager->next_txn_id_.fetch_add(1, std::memory_order_relaxed)),
      snapshot_(engine_->GetSnapshot()) {
  manager_->locks_.ClaimFastPathSlot(id_);
  manager_->live_txns_.fetch_add(1, std::memory_order_relaxed);
}

Transaction::~Transaction() {
  if (!finished_) Rollback();
  manager_->live_txns_.fetch_sub(1, std::memory_order_relaxed);
}

void Transaction::Finish(bool committed) {
  finished_ = true;
  if (on_finish_) {
    auto fn = std::move(on_finish_);
    on_finish_ = nullptr;
    fn(committed);
  }
  if (ssi_) {
    // Not committed through the serializable test: forgotten.
    manager_->ssi_.Abort(*ssi_);
    ssi_.reset();
  }
  // After the commit's write (or the rollback): a woken waiter reads the
  // outcome.
  manager_->locks_.ReleaseAll(id_);
  writes_.clear();
  must_not_exist_.clear();
  must_be_unchanged_.clear();
  undo_.clear();
  open_savepoints_ = 0;
  // Spill files are deleted with the last reference (an open iterator may
  // still hold a run).
  runs_.clear();
  check_log_.reset();
  forgotten_locked_.clear();
  spilled_snapshots_.clear();  // the snapshots themselves are in old_snapshots_
  memory_bytes_ = 0;
  escalated_.clear();
  if (snapshot_ != nullptr) {
    engine_->ReleaseSnapshot(snapshot_);
    snapshot_ = nullptr;
  }
  for (const storage::Snapshot* s : old_snapshots_) engine_->ReleaseSnapshot(s);
  old_snapshots_.clear();
}

bool Transaction::has_writes() const {
  if (!runs_.empty()) return true;
  for (const auto& [tree, writes] : writes_) {
    if (!writes.empty()) return true;
  }
  return false;
}

void Transaction::RecordUndo(storage::TreeId tree, const std::string& key) {
  if (open_savepoints_ == 0) return;
  Undo u{tree, key, std::nullopt};
  auto t = writes_.find(tree);
  if (t != writes_.end()) {
    auto w = t->second.find(key);
    if (w != t->second.end()) u.previous = w->second;
  }
  AddBytes(key.size() + kEntryOverhead +
           (u.previous.has_value() && u.previous->has_value() ? (*u.previous)->size() : 0));
  undo_.push_back(std::move(u));
}

Transaction::Savepoint Transaction::BeginSavepoint() {
  ++open_savepoints_;
  return Savepoint{undo_.size(),
                   new_base_ + must_not_exist_.size(),
                   unchanged_base_ + must_be_unchanged_.size(),
                   created_trees_.size(),
                   trees_to_drop_.size(),
                   manager_->locks_.GrantCount(id_),
                   spills_,
                   escalated_.size()};
}

Status Transaction::RollbackToSavepoint(const Savepoint& sp, bool release_locks) {
  if (sp.spills != spills_) {
    return Status::NotSupported(
        "cannot roll back to a savepoint set before the transaction's writes were spilled to "
        "disk");
  }
  if (release_locks) {
    manager_->locks_.ReleaseSince(id_, sp.lock_grants);
    // The table locks that stood for row locks went too.
    if (escalated_.size() > sp.escalated) escalated_.resize(sp.escalated);
  }
  while (undo_.size() > sp.undo) {
    Undo& u = undo_.back();
    WriteMap& writes = writes_[u.tree];
    if (u.previous.has_value()) {
      writes[u.key] = std::move(*u.previous);
    } else {
      writes.erase(u.key);
    }
    undo_.pop_back();
  }
  // No spill since sp: the bases are what they were then.
  if (must_not_exist_.size() > sp.must_not_exist - new_base_) {
    must_not_exist_.resize(sp.must_not_exist - new_base_);
  }
  if (must_be_unchanged_.size() > sp.must_be_unchanged - unchanged_base_) {
    must_be_unchanged_.resize(sp.must_be_unchanged - unchanged_base_);
  }
  while (created_trees_.size() > sp.created_trees) {
    const storage::TreeId tree = created_trees_.back();
    created_trees_.pop_back();
    writes_.erase(tree);
    Status d = engine_->DropTree(tree);
    if (!d.ok()) STRATA_LOG_WARNING("could not drop tree {} on rollback: {}", tree, d.ToString());
  }
  if (trees_to_drop_.size() > sp.trees_to_drop) trees_to_drop_.resize(sp.trees_to_drop);
  return Status::OK();
}

void Transaction::ReleaseSavepoint(const Savepoint& sp) {
  (void)sp;
  if (open_savepoints_ > 0 && --open_savepoints_ == 0) undo_.clear();
}

void Transaction::NewStatementSnapshot() {
  // A snapshot no recorded key refers to can go at once.
  bool referenced = false;
  for (const CheckedKey& k : must_not_exist_) referenced |= k.snapshot == snapshot_;
  for (const CheckedKey& k : must_be_unchanged_) referenced |= k.snapshot == snapshot_;
  for (const auto& [seq, snap] : spilled_snapshots_) referenced |= snap == snapshot_;
  if (referenced) {
    old_snapshots_.push_back(snapshot_);
  } else {
    engine_->ReleaseSnapshot(snapshot_);
  }
  snapshot_ = engine_->GetSnapshot();
}

const storage::Snapshot* Transaction::SnapshotFor(storage::TreeId tree) const {
  // A tree this transaction created is invisible to every other one until
  // commit, so its latest state is ours alone -- and an index build ingests
  // into it at a sequence number above our snapshot, which the snapshot
  // would hide from our own later reads.
  for (storage::TreeId created : created_trees_) {
    if (created == tree) return nullptr;
  }
  return snapshot_;
}

std::unique_ptr<TxnIterator> Transaction::NewLatestIterator(storage::TreeId tree) {
  auto base = engine_->NewIterator(storage::ReadOptions{}, tree);
  return std::make_unique<TxnIterator>(std::move(base), NewWriteCursor(tree), std::nullopt,
                                       std::nullopt, &live_iterators_[tree]);
}

Result<std::optional<std::string>> Transaction::Get(storage::TreeId tree, Slice key) {
  if (ssi_ && tree != storage::kDefaultTree) manager_->ssi_.RecordRead(*ssi_, tree, key);
  {
    auto own = LookupWrite(tree, key);
    if (!own.ok()) return own.status();
    if (own->has_value()) return std::move(**own);
  }
  storage::ReadOptions options;
  options.snapshot = SnapshotFor(tree);
  Result<std::string> got = engine_->Get(options, tree, key);
  if (got.ok()) return std::optional<std::string>(std::move(got).value());
  if (got.status().IsNotFound()) return std::optional<std::string>();
  return got.status();
}

Result<std::optional<std::string>> Transaction::GetLatest(storage::TreeId tree, Slice key) {
  if (ssi_ && tree != storage::kDefaultTree) manager_->ssi_.RecordRead(*ssi_, tree, key);
  {
    auto own = LookupWrite(tree, key);
    if (!own.ok()) return own.status();
    if (own->has_value()) return std::move(**own);
  }
  Result<std::string> got = engine_->Get(storage::ReadOptions{}, tree, key);
  if (got.ok()) return std::optional<std::string>(std::move(got).value());
  if (got.status().IsNotFound()) return std::optional<std::string>();
  return got.status();
}

void Transaction::Put(storage::TreeId tree, std::string key, std::string value) {
  if (ssi_ && tree != storage::kDefaultTree) manager_->ssi_.RecordWrite(*ssi_, tree, key);
  RecordUndo(tree, key);
  AddBytes(key.size() + value.size() + kEntryOverhead);
  writes_[tree][std::move(key)] = std::move(value);
  MaybeSpill();
}

void Transaction::Delete(storage::TreeId tree, std::string key) {
  if (ssi_ && tree != storage::kDefaultTree) manager_->ssi_.RecordWrite(*ssi_, tree, key);
  RecordUndo(tree, key);
  AddBytes(key.size() + kEntryOverhead);
  writes_[tree][std::move(key)] = std::nullopt;
  MaybeSpill();
}

void Transaction::PutExisting(storage::TreeId tree, std::string key, std::string value) {
  AddBytes(key.size() + kEntryOverhead);
  must_be_unchanged_.push_back(CheckedKey{tree, key, snapshot_});
  Put(tree, std::move(key), std::move(value));
}

void Transaction::DeleteExisting(storage::TreeId tree, std::string key) {
  AddBytes(key.size() + kEntryOverhead);
  must_be_unchanged_.push_back(CheckedKey{tree, key, snapshot_});
  Delete(tree, std::move(key));
}

void Transaction::MoveExisting(storage::TreeId tree, std::string old_key, std::string new_key,
                               std::string value) {
  moved_[tree].push_back(old_key);
  DeleteExisting(tree, std::move(old_key));
  Put(tree, std::move(new_key), std::move(value));
}

bool Transaction::DeletesKey(storage::TreeId tree, const std::string& key) const {
  const auto writes = writes_.find(tree);
  if (writes == writes_.end()) return false;
  const auto it = writes->second.find(key);
  return it != writes->second.end() && !it->second.has_value();
}

void Transaction::RecordMoves() {
  // Only transactions alive now can hold a snapshot with the old keys.
  if (moved_.empty() || manager_->live_txns_.load(std::memory_order_relaxed) <= 1) return;
  for (auto& [tree, keys] : moved_) {
    if (!spilled()) {
      // A rolled-back savepoint may have undone a move: keep the keys we
      // still delete.
      const auto writes = writes_.find(tree);
      std::erase_if(keys, [&](const std::string& key) {
        if (writes == writes_.end()) return true;
        const auto it = writes->second.find(key);
        return it == writes->second.end() || it->second.has_value();
      });
    }
    manager_->moved_keys_.Record(tree, keys);
  }
}

void Transaction::PutNew(storage::TreeId tree, std::string key, std::string value) {
  AddBytes(key.size() + kEntryOverhead);
  must_not_exist_.push_back(CheckedKey{tree, key, snapshot_});
  Put(tree, std::move(key), std::move(value));
}

LockOutcome Transaction::LockRow(storage::TreeId tree, std::string_view key, RowLockMode mode,
                                 const LockRequestOptions& options,
                                 std::string* deadlock_detail) {
  return manager_->locks_.Lock(LockManager::Owner{id_, owner_pid_}, tree, key, mode, options,
                               deadlock_detail);
}

LockOutcome Transaction::LockRelation(uint32_t oid, uint32_t database_oid, RelationLockMode mode,
                                      const LockRequestOptions& options,
                                      std::string* deadlock_detail, bool* waited) {
  return manager_->locks_.LockRelation(LockManager::Owner{id_, owner_pid_}, oid, database_oid,
                                       mode, options, deadlock_detail, waited);
}

std::unique_ptr<TxnIterator> Transaction::NewIterator(storage::TreeId tree,
                                                      std::optional<std::string> lower,
                                                      std::optional<std::string> upper) {
  if (ssi_ && tree != storage::kDefaultTree) {
    manager_->ssi_.RecordRangeRead(*ssi_, tree, lower, upper);
  }
  storage::ReadOptions options;
  options.snapshot = SnapshotFor(tree);
  options.lower_bound = lower;
  options.upper_bound = upper;
  auto base = engine_->NewIterator(options, tree);
  return std::make_unique<TxnIterator>(std::move(base), NewWriteCursor(tree), std::move(lower),
                                       std::move(upper), &live_iterators_[tree]);
}

Status Transaction::CheckOne(storage::TreeId tree, const std::string& key,
                             const storage::Snapshot* snapshot, bool must_not_exist) {
  storage::ReadOptions latest;
  storage::ReadOptions at_snapshot;
  at_snapshot.snapshot = snapshot;
  if (must_not_exist) {
    // Still ours to write only if nobody committed it since it was read.
    Result<std::string> now = engine_->Get(latest, tree, key);
    if (!now.ok()) {
      if (now.status().IsNotFound()) return Status::OK();
      return now.status();
    }
    Result<std::string> before = engine_->Get(at_snapshot, tree, key);
    if (before.ok()) return Status::OK();  // existed in our view and we deleted it first
    if (!before.status().IsNotFound()) return before.status();
    unique_violation_ = UniqueViolation{tree, key};
    return Status::Aborted("duplicate key");
  }
  Result<std::string> now = engine_->Get(latest, tree, key);
  Result<std::string> before = engine_->Get(at_snapshot, tree, key);
  const bool now_found = now.ok(), before_found = before.ok();
  if (!now_found && !now.status().IsNotFound()) return now.status();
  if (!before_found && !before.status().IsNotFound()) return before.status();
  if (now_found != before_found || (now_found && now.value() != before.value())) {
    write_conflict_ = true;
    conflict_was_delete_ = !now_found && !manager_->moved_keys_.Contains(tree, key);
    return Status::Busy("write conflict: the row was changed by a concurrent transaction");
  }
  return Status::OK();
}

Status Transaction::CheckKeys(size_t from_new, size_t from_unchanged) {
  // Spilled entries first (write_spill.h), streamed from the check log.
  if (check_log_ != nullptr && (from_new < new_base_ || from_unchanged < unchanged_base_)) {
    STRATA_RETURN_IF_ERROR(check_log_->ForEach([&](const SpilledCheck& c) -> Status {
      const storage::Snapshot* snap = spilled_snapshots_.at(c.snapshot);
      if (c.kind == SpilledCheck::kMustNotExist) {
        if (c.ordinal < from_new) return Status::OK();
        return CheckOne(c.tree, c.key, snap, true);
      }
      if (c.ordinal < from_unchanged) return Status::OK();
      if (c.kind == SpilledCheck::kLockedRow) {
        for (const auto& [from, to] : forgotten_locked_) {
          if (c.ordinal >= from && c.ordinal < to) return Status::OK();
        }
      }
      return CheckOne(c.tree, c.key, snap, false);
    }));
  }
  for (size_t i = from_new > new_base_ ? from_new - new_base_ : 0; i < must_not_exist_.size();
       ++i) {
    const CheckedKey& k = must_not_exist_[i];
    STRATA_RETURN_IF_ERROR(CheckOne(k.tree, k.key, k.snapshot, true));
  }
  for (size_t i = from_unchanged > unchanged_base_ ? from_unchanged - unchanged_base_ : 0;
       i < must_be_unchanged_.size(); ++i) {
    const CheckedKey& k = must_be_unchanged_[i];
    STRATA_RETURN_IF_ERROR(CheckOne(k.tree, k.key, k.snapshot, false));
  }
  return Status::OK();
}

void Transaction::ForgetLockedRowChecksSince(const Savepoint& sp) {
  if (sp.must_be_unchanged < unchanged_base_) {
    forgotten_locked_.emplace_back(sp.must_be_unchanged, unchanged_base_);
  }
  const size_t from =
      sp.must_be_unchanged > unchanged_base_ ? sp.must_be_unchanged - unchanged_base_ : 0;
  if (must_be_unchanged_.size() <= from) return;
  auto first = must_be_unchanged_.begin() + static_cast<std::ptrdiff_t>(from);
  must_be_unchanged_.erase(
      std::remove_if(first, must_be_unchanged_.end(), [](const CheckedKey& k) { return k.lock_only; }),
      must_be_unchanged_.end());
}

Status Transaction::CheckConflictsSince(const Savepoint& sp) {
  return CheckKeys(sp.must_not_exist, sp.must_be_unchanged);
}

bool Transaction::CheckedKeysWriteLocked() const {
  const LockManager& locks = manager_->locks_;
  for (const auto* keys : {&must_not_exist_, &must_be_unchanged_}) {
    for (const CheckedKey& k : *keys) {
      if (!locks.HoldsRowWriteLock(id_, k.tree, k.key)) return false;
    }
  }
  return true;
}

Status Transaction::Commit() {
  if (finished_) return Status::InvalidArgument("transaction already finished");
  if (!spill_error_.ok()) {
    Rollback();
    return spill_error_;
  }
  storage::WriteBatch batch;
  if (!spilled()) {
    for (const auto& [tree, writes] : writes_) {
      for (const auto& [key, value] : writes) {
        if (value.has_value()) {
          batch.Put(tree, key, *value);
        } else {
          batch.Delete(tree, key);
        }
      }
    }
  }
  Status s;
  if (batch.Count() > 0 || spilled()) {
    storage::WriteOptions options;
    options.sync = sync_;
    // A spilled write set is ingested (one sequence number, one synced
    // manifest edit) instead of written through the WAL.
    auto write = [&] { return spilled() ? IngestAllWrites() : engine_->Write(options, &batch); };
    if (!spilled() && must_not_exist_.empty() && must_be_unchanged_.empty() && !ssi_) {
      s = write();
    } else if (!ssi_ && !spilled() && CheckedKeysWriteLocked()) {
      // Nobody else can write these keys before we finish (commit_gate.h;
      // a spilled transaction's check entries are on disk: it passes alone):
      // check and write beside the other such committers, sharing syncs.
      SharedCommitGate gate(manager_->commit_gate_);
      s = CheckKeys(0, 0);
      if (s.ok()) s = write();
    } else {
      std::lock_guard<CommitGate> lock(manager_->commit_gate_);
      s = CheckKeys(0, 0);
      if (s.ok() && ssi_) {
        s = manager_->ssi_.Commit(*ssi_, write);
        serialization_failure_ = s.IsAborted();
        ssi_.reset();  // committed (or forgotten by the manager)
      } else if (s.ok()) {
        s = write();
      }
    }
  }
  if (!s.ok()) {
    Rollback();
    return s;
  }
  RecordMoves();
  if (before_release_) before_release_();
  Finish(/*committed=*/true);
  for (storage::TreeId tree : trees_to_drop_) {
    Status d = engine_->DropTree(tree);
    if (!d.ok()) STRATA_LOG_WARNING("could not drop tree {} after commit: {}", tree, d.ToString());
  }
  return Status::OK();
}

void Transaction::EnableSerializable() { ssi_ = manager_->ssi_.Register(); }

Result<bool> Transaction::ChangedSinceSnapshot(storage::TreeId tree, const std::string& key,
                                               bool* deleted) {
  storage::ReadOptions latest, at_snapshot;
  at_snapshot.snapshot = snapshot_;
  Result<std::string> now = engine_->Get(latest, tree, key);
  Result<std::string> before = engine_->Get(at_snapshot, tree, key);
  if (!now.ok() && !now.status().IsNotFound()) return now.status();
  if (!before.ok() && !before.status().IsNotFound()) return before.status();
  *deleted = !now.ok() && !manager_->moved_keys_.Contains(tree, key);
  return now.ok() != before.ok() || (now.ok() && now.value() != before.value());
}

Status Transaction::CheckSerializableWrite(storage::TreeId tree, const std::string& key) {
  if (!ssi_ || tree == storage::kDefaultTree) return Status::OK();
  Status s = manager_->ssi_.CheckWrite(*ssi_, tree, key);
  if (!s.ok()) serialization_failure_ = true;
  return s;
}

Status Transaction::CommitWithoutWrites() {
  if (finished_) return Status::InvalidArgument("transaction already finished");
  Status s;
  if (ssi_) {
    s = manager_->ssi_.Commit(*ssi_, nullptr);
    serialization_failure_ = s.IsAborted();
    ssi_.reset();
  }
  if (!s.ok()) {
    Rollback();
    return s;
  }
  Finish(/*committed=*/true);
  return Status::OK();
}

void Transaction::Rollback() {
  if (finished_) return;
  Finish();
  for (storage::TreeId tree : created_trees_) {
    Status d = engine_->DropTree(tree);
    if (!d.ok()) STRATA_LOG_WARNING("could not drop tree {} on rollback: {}", tree, d.ToString());
  }
}

// ---- TxnIterator ----

TxnIterator::TxnIterator(std::unique_ptr<storage::Iterator> base,
                         std::unique_ptr<WriteCursor> writes, std::optional<std::string> lower,
                         std::optional<std::string> upper, int* live)
    : base_(std::move(base)),
      writes_(std::move(writes)),
      live_(live),
      lower_(std::move(lower)),
      upper_(std::move(upper)) {
  if (live_ != nullptr) ++*live_;
}

TxnIterator::~TxnIterator() {
  if (live_ != nullptr) --*live_;
}

Status TxnIterator::status() const {
  Status s = base_->status();
  if (s.ok() && writes_ != nullptr) s = writes_->status();
  return s;
}

bool TxnIterator::WriteInBounds() const {
  if (writes_ == nullptr || !writes_->Valid()) return false;
  return !upper_.has_value() || Compare(writes_->key(), *upper_) < 0;
}

bool TxnIterator::WriteAboveLower() const {
  if (writes_ == nullptr || !writes_->Valid()) return false;
  return !lower_.has_value() || Compare(writes_->key(), *lower_) >= 0;
}

void TxnIterator::SeekToFirst() {
  if (lower_.has_value()) {
    Seek(*lower_);
    return;
  }
  reverse_ = false;
  base_->SeekToFirst();
  if (writes_ != nullptr) writes_->SeekToFirst();
  Settle();
}

void TxnIterator::Seek(Slice target) {
  reverse_ = false;
  std::string t(target);
  if (lower_.has_value() && t < *lower_) t = *lower_;
  base_->Seek(t);
  if (writes_ != nullptr) writes_->Seek(t);
  Settle();
}

void TxnIterator::SeekToLast() {
  reverse_ = true;
  base_->SeekToLast();  // the engine's iterator applies the upper bound itself
  if (writes_ != nullptr) {
    if (upper_.has_value()) {
      // The last write below the (exclusive) upper bound.
      writes_->SeekForPrev(*upper_);
      if (writes_->Valid() && Compare(writes_->key(), *upper_) >= 0) writes_->Prev();
    } else {
      writes_->SeekToLast();
    }
  }
  SettleReverse();
}

void TxnIterator::SeekForPrev(Slice target) {
  if (upper_.has_value() && Compare(target, *upper_) >= 0) {
    SeekToLast();
    return;
  }
  reverse_ = true;
  base_->SeekForPrev(target);
  if (writes_ != nullptr) writes_->SeekForPrev(target);
  SettleReverse();
}

void TxnIterator::Settle() {
  for (;;) {
    const bool base_ok = base_->Valid();
    const bool write_ok = WriteInBounds();
    if (!base_ok && !write_ok) {
      valid_ = false;
      return;
    }
    if (write_ok && (!base_ok || Compare(writes_->key(), base_->key()) <= 0)) {
      // The write set shadows the engine's entry for the same key.
      if (base_ok && Compare(writes_->key(), base_->key()) == 0) base_->Next();
      if (writes_->value() == nullptr) {
        writes_->Next();
        continue;  // deleted in this transaction
      }
      from_write_ = true;
      valid_ = true;
      return;
    }
    from_write_ = false;
    valid_ = true;
    return;
  }
}

void TxnIterator::SettleReverse() {
  for (;;) {
    const bool base_ok = base_->Valid();
    const bool write_ok = WriteAboveLower();
    if (!base_ok && !write_ok) {
      valid_ = false;
      return;
    }
    if (write_ok && (!base_ok || Compare(writes_->key(), base_->key()) >= 0)) {
      // The write set shadows the engine's entry for the same key.
      if (base_ok && Compare(writes_->key(), base_->key()) == 0) base_->Prev();
      if (writes_->value() == nullptr) {
        writes_->Prev();
        continue;  // deleted in this transaction
      }
      from_write_ = true;
      valid_ = true;
      return;
    }
    from_write_ = false;
    valid_ = true;
    return;
  }
}

void TxnIterator::Next() {
  if (reverse_) {
    // Turn round: both cursors to their first entry >= the current key,
    // then past it (the cursor not holding it may hold a shadowed copy).
    reverse_ = false;
    const std::string current(key());
    base_->Seek(current);
    if (base_->Valid() && Compare(base_->key(), current) == 0) base_->Next();
    if (writes_ != nullptr) {
      writes_->Seek(current);
      if (writes_->Valid() && Compare(writes_->key(), current) == 0) writes_->Next();
    }
    Settle();
    return;
  }
  if (from_write_) {
    writes_->Next();
  } else {
    base_->Next();
  }
  Settle();
}

void TxnIterator::Prev() {
  if (!reverse_) {
    // Turn round: both cursors to their last entry <= the current key,
    // then before it.
    reverse_ = true;
    const std::string current(key());
    base_->SeekForPrev(current);
    if (base_->Valid() && Compare(base_->key(), current) == 0) base_->Prev();
    if (writes_ != nullptr) {
      writes_->SeekForPrev(current);
      if (writes_->Valid() && Compare(writes_->key(), current) == 0) writes_->Prev();
    }
    SettleReverse();
    return;
  }
  if (from_write_) {
    writes_->Prev();
  } else {
    base_->Prev();
  }
  SettleReverse();
}

Slice TxnIterator::key() const { return from_write_ ? writes_->key() : base_->key(); }

Slice TxnIterator::value() const {
  return from_write_ ? Slice(*writes_->value()) : base_->value();
}

}  // namespace strata::txn
