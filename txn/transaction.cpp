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
      snapshot_(engine_->GetSnapshot()) {}

Transaction::~Transaction() {
  if (!finished_) Rollback();
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
  if (snapshot_ != nullptr) {
    engine_->ReleaseSnapshot(snapshot_);
    snapshot_ = nullptr;
  }
  for (const storage::Snapshot* s : old_snapshots_) engine_->ReleaseSnapshot(s);
  old_snapshots_.clear();
}

bool Transaction::has_writes() const {
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
  undo_.push_back(std::move(u));
}

Transaction::Savepoint Transaction::BeginSavepoint() {
  ++open_savepoints_;
  return Savepoint{undo_.size(),           must_not_exist_.size(),
                   must_be_unchanged_.size(), created_trees_.size(),
                   trees_to_drop_.size(),     manager_->locks_.GrantCount(id_)};
}

void Transaction::RollbackToSavepoint(const Savepoint& sp, bool release_locks) {
  if (release_locks) manager_->locks_.ReleaseSince(id_, sp.lock_grants);
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
  if (must_not_exist_.size() > sp.must_not_exist) must_not_exist_.resize(sp.must_not_exist);
  if (must_be_unchanged_.size() > sp.must_be_unchanged) {
    must_be_unchanged_.resize(sp.must_be_unchanged);
  }
  while (created_trees_.size() > sp.created_trees) {
    const storage::TreeId tree = created_trees_.back();
    created_trees_.pop_back();
    writes_.erase(tree);
    Status d = engine_->DropTree(tree);
    if (!d.ok()) STRATA_LOG_WARNING("could not drop tree {} on rollback: {}", tree, d.ToString());
  }
  if (trees_to_drop_.size() > sp.trees_to_drop) trees_to_drop_.resize(sp.trees_to_drop);
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
  auto t = writes_.find(tree);
  const WriteMap* writes = t == writes_.end() ? nullptr : &t->second;
  return std::make_unique<TxnIterator>(std::move(base), writes, std::nullopt, std::nullopt);
}

Result<std::optional<std::string>> Transaction::Get(storage::TreeId tree, Slice key) {
  if (ssi_ && tree != storage::kDefaultTree) manager_->ssi_.RecordRead(*ssi_, tree, key);
  auto t = writes_.find(tree);
  if (t != writes_.end()) {
    auto w = t->second.find(std::string(key));
    if (w != t->second.end()) return w->second;
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
  auto t = writes_.find(tree);
  if (t != writes_.end()) {
    auto w = t->second.find(std::string(key));
    if (w != t->second.end()) return w->second;
  }
  Result<std::string> got = engine_->Get(storage::ReadOptions{}, tree, key);
  if (got.ok()) return std::optional<std::string>(std::move(got).value());
  if (got.status().IsNotFound()) return std::optional<std::string>();
  return got.status();
}

void Transaction::Put(storage::TreeId tree, std::string key, std::string value) {
  if (ssi_ && tree != storage::kDefaultTree) manager_->ssi_.RecordWrite(*ssi_, tree, key);
  RecordUndo(tree, key);
  writes_[tree][std::move(key)] = std::move(value);
}

void Transaction::Delete(storage::TreeId tree, std::string key) {
  if (ssi_ && tree != storage::kDefaultTree) manager_->ssi_.RecordWrite(*ssi_, tree, key);
  RecordUndo(tree, key);
  writes_[tree][std::move(key)] = std::nullopt;
}

void Transaction::PutExisting(storage::TreeId tree, std::string key, std::string value) {
  must_be_unchanged_.push_back(CheckedKey{tree, key, snapshot_});
  Put(tree, std::move(key), std::move(value));
}

void Transaction::DeleteExisting(storage::TreeId tree, std::string key) {
  must_be_unchanged_.push_back(CheckedKey{tree, key, snapshot_});
  Delete(tree, std::move(key));
}

void Transaction::PutNew(storage::TreeId tree, std::string key, std::string value) {
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
  auto t = writes_.find(tree);
  const WriteMap* writes = t == writes_.end() ? nullptr : &t->second;
  return std::make_unique<TxnIterator>(std::move(base), writes, std::move(lower),
                                       std::move(upper));
}

Status Transaction::CheckKeys(size_t from_new, size_t from_unchanged) {
  storage::ReadOptions latest;
  for (size_t i = from_new; i < must_not_exist_.size(); ++i) {
    const CheckedKey& k = must_not_exist_[i];
    // Still ours to write only if nobody committed it since it was read.
    Result<std::string> now = engine_->Get(latest, k.tree, k.key);
    if (!now.ok()) {
      if (now.status().IsNotFound()) continue;
      return now.status();
    }
    storage::ReadOptions at_snapshot;
    at_snapshot.snapshot = k.snapshot;
    Result<std::string> before = engine_->Get(at_snapshot, k.tree, k.key);
    if (before.ok()) continue;  // existed in our view and we deleted it first
    if (!before.status().IsNotFound()) return before.status();
    unique_violation_ = UniqueViolation{k.tree, k.key};
    return Status::Aborted("duplicate key");
  }
  for (size_t i = from_unchanged; i < must_be_unchanged_.size(); ++i) {
    const CheckedKey& k = must_be_unchanged_[i];
    storage::ReadOptions at_snapshot;
    at_snapshot.snapshot = k.snapshot;
    Result<std::string> now = engine_->Get(latest, k.tree, k.key);
    Result<std::string> before = engine_->Get(at_snapshot, k.tree, k.key);
    const bool now_found = now.ok(), before_found = before.ok();
    if (!now_found && !now.status().IsNotFound()) return now.status();
    if (!before_found && !before.status().IsNotFound()) return before.status();
    if (now_found != before_found || (now_found && now.value() != before.value())) {
      write_conflict_ = true;
      conflict_was_delete_ = !now_found;
      return Status::Busy("write conflict: the row was changed by a concurrent transaction");
    }
  }
  return Status::OK();
}

void Transaction::ForgetLockedRowChecksSince(const Savepoint& sp) {
  if (must_be_unchanged_.size() <= sp.must_be_unchanged) return;
  auto first = must_be_unchanged_.begin() + static_cast<std::ptrdiff_t>(sp.must_be_unchanged);
  must_be_unchanged_.erase(
      std::remove_if(first, must_be_unchanged_.end(), [](const CheckedKey& k) { return k.lock_only; }),
      must_be_unchanged_.end());
}

Status Transaction::CheckConflictsSince(const Savepoint& sp) {
  return CheckKeys(sp.must_not_exist, sp.must_be_unchanged);
}

Status Transaction::Commit() {
  if (finished_) return Status::InvalidArgument("transaction already finished");
  storage::WriteBatch batch;
  for (const auto& [tree, writes] : writes_) {
    for (const auto& [key, value] : writes) {
      if (value.has_value()) {
        batch.Put(tree, key, *value);
      } else {
        batch.Delete(tree, key);
      }
    }
  }
  Status s;
  if (batch.Count() > 0) {
    storage::WriteOptions options;
    options.sync = sync_;
    auto write = [&] { return engine_->Write(options, &batch); };
    if (must_not_exist_.empty() && must_be_unchanged_.empty() && !ssi_) {
      s = write();
    } else {
      std::lock_guard<std::mutex> lock(manager_->commit_mu_);
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
  *deleted = !now.ok();
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

TxnIterator::TxnIterator(std::unique_ptr<storage::Iterator> base, const WriteMap* writes,
                         std::optional<std::string> lower, std::optional<std::string> upper)
    : base_(std::move(base)), writes_(writes), lower_(std::move(lower)), upper_(std::move(upper)) {
  if (writes_ != nullptr) write_it_ = writes_->end();
}

bool TxnIterator::WriteInBounds() const {
  if (writes_ == nullptr || write_it_ == writes_->end()) return false;
  return !upper_.has_value() || write_it_->first < *upper_;
}

void TxnIterator::SeekToFirst() {
  if (lower_.has_value()) {
    Seek(*lower_);
    return;
  }
  base_->SeekToFirst();
  if (writes_ != nullptr) write_it_ = writes_->begin();
  Settle();
}

void TxnIterator::Seek(Slice target) {
  std::string t(target);
  if (lower_.has_value() && t < *lower_) t = *lower_;
  base_->Seek(t);
  if (writes_ != nullptr) write_it_ = writes_->lower_bound(t);
  Settle();
}

void TxnIterator::Settle() {
  for (;;) {
    const bool base_ok = base_->Valid();
    const bool write_ok = WriteInBounds();
    if (!base_ok && !write_ok) {
      valid_ = false;
      return;
    }
    if (write_ok && (!base_ok || Compare(Slice(write_it_->first), base_->key()) <= 0)) {
      // The write set shadows the engine's entry for the same key.
      if (base_ok && Compare(Slice(write_it_->first), base_->key()) == 0) base_->Next();
      if (!write_it_->second.has_value()) {
        ++write_it_;
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
  if (from_write_) {
    ++write_it_;
  } else {
    base_->Next();
  }
  Settle();
}

Slice TxnIterator::key() const { return from_write_ ? Slice(write_it_->first) : base_->key(); }

Slice TxnIterator::value() const {
  return from_write_ ? Slice(*write_it_->second) : base_->value();
}

}  // namespace strata::txn
