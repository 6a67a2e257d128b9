// Transaction and TxnIterator (see transaction.h for the contract).
#include "txn/transaction.h"

#include "common/logging.h"
#include "storage/write_batch.h"

namespace strata::txn {

std::unique_ptr<Transaction> TransactionManager::Begin() {
  return std::unique_ptr<Transaction>(new Transaction(this));
}

Transaction::Transaction(TransactionManager* manager)
    : manager_(manager), engine_(manager->engine_), snapshot_(engine_->GetSnapshot()) {}

Transaction::~Transaction() {
  if (!finished_) Rollback();
}

void Transaction::Finish() {
  finished_ = true;
  writes_.clear();
  must_not_exist_.clear();
  must_be_unchanged_.clear();
  if (snapshot_ != nullptr) {
    engine_->ReleaseSnapshot(snapshot_);
    snapshot_ = nullptr;
  }
}

Result<std::optional<std::string>> Transaction::Get(storage::TreeId tree, Slice key) {
  auto t = writes_.find(tree);
  if (t != writes_.end()) {
    auto w = t->second.find(std::string(key));
    if (w != t->second.end()) return w->second;
  }
  storage::ReadOptions options;
  options.snapshot = snapshot_;
  Result<std::string> got = engine_->Get(options, tree, key);
  if (got.ok()) return std::optional<std::string>(std::move(got).value());
  if (got.status().IsNotFound()) return std::optional<std::string>();
  return got.status();
}

void Transaction::Put(storage::TreeId tree, std::string key, std::string value) {
  writes_[tree][std::move(key)] = std::move(value);
}

void Transaction::Delete(storage::TreeId tree, std::string key) {
  writes_[tree][std::move(key)] = std::nullopt;
}

void Transaction::PutExisting(storage::TreeId tree, std::string key, std::string value) {
  must_be_unchanged_.emplace_back(tree, key);
  Put(tree, std::move(key), std::move(value));
}

void Transaction::DeleteExisting(storage::TreeId tree, std::string key) {
  must_be_unchanged_.emplace_back(tree, key);
  Delete(tree, std::move(key));
}

void Transaction::PutNew(storage::TreeId tree, std::string key, std::string value) {
  must_not_exist_.emplace_back(tree, key);
  Put(tree, std::move(key), std::move(value));
}

std::unique_ptr<TxnIterator> Transaction::NewIterator(storage::TreeId tree,
                                                      std::optional<std::string> lower,
                                                      std::optional<std::string> upper) {
  storage::ReadOptions options;
  options.snapshot = snapshot_;
  options.lower_bound = lower;
  options.upper_bound = upper;
  auto base = engine_->NewIterator(options, tree);
  auto t = writes_.find(tree);
  const WriteMap* writes = t == writes_.end() ? nullptr : &t->second;
  return std::make_unique<TxnIterator>(std::move(base), writes, std::move(lower),
                                       std::move(upper));
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
    options.sync = true;
    if (must_not_exist_.empty() && must_be_unchanged_.empty()) {
      s = engine_->Write(options, &batch);
    } else {
      std::lock_guard<std::mutex> lock(manager_->commit_mu_);
      storage::ReadOptions latest;
      storage::ReadOptions at_snapshot;
      at_snapshot.snapshot = snapshot_;
      for (const auto& [tree, key] : must_not_exist_) {
        // Still ours to write only if nobody committed it since our snapshot.
        Result<std::string> now = engine_->Get(latest, tree, key);
        if (!now.ok()) {
          if (now.status().IsNotFound()) continue;
          s = now.status();
          break;
        }
        Result<std::string> before = engine_->Get(at_snapshot, tree, key);
        if (before.ok()) continue;  // existed in our view and we deleted it first
        if (!before.status().IsNotFound()) {
          s = before.status();
          break;
        }
        unique_violation_ = UniqueViolation{tree, key};
        s = Status::Aborted("duplicate key");
        break;
      }
      for (const auto& [tree, key] : must_be_unchanged_) {
        if (!s.ok()) break;
        Result<std::string> now = engine_->Get(latest, tree, key);
        Result<std::string> before = engine_->Get(at_snapshot, tree, key);
        const bool now_found = now.ok(), before_found = before.ok();
        if ((!now_found && !now.status().IsNotFound()) ||
            (!before_found && !before.status().IsNotFound())) {
          s = !now_found && !now.status().IsNotFound() ? now.status() : before.status();
          break;
        }
        if (now_found != before_found || (now_found && now.value() != before.value())) {
          write_conflict_ = true;
          s = Status::Busy("write conflict: the row was changed by a concurrent transaction");
        }
      }
      if (s.ok()) s = engine_->Write(options, &batch);
    }
  }
  if (!s.ok()) {
    Rollback();
    return s;
  }
  Finish();
  for (storage::TreeId tree : trees_to_drop_) {
    Status d = engine_->DropTree(tree);
    if (!d.ok()) STRATA_LOG_WARNING("could not drop tree {} after commit: {}", tree, d.ToString());
  }
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
