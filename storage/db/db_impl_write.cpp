// DBImpl write path: Write, the group-commit memtable hook, memtable switches
// and write throttling.
//
// Write(batch):
//  1. Fails fast in read-only mode (background error, or closed).
//  2. ValidateBatch: every tree exists, no range deletion has begin > end.
//  3. MakeRoomForWrite, only when a flag says something is off:
//       - a tree's memtable is full (switch_requested_): switch it to the
//         immutable list and start a new WAL segment (SwitchMemTables, inside
//         write exclusivity), unless the tree already has
//         max_immutable_memtables waiting for flush: then stall (wait);
//       - L0 has l0_stop_writes_trigger files in some tree: stall;
//       - L0 has l0_slowdown_writes_trigger files: sleep ~1 ms, once.
//     Stall and slowdown time is counted in the stats.
//  4. GroupCommitWriter::Write: one WAL record per group, one fdatasync if
//     any member asked, then ApplyToMemTables (the leader inserts every batch
//     of the group, in sequence order) and only then the group's last
//     sequence is published.
// A WAL write or sync failure is a background error: read-only from then on.
//
// Switching memtables never happens during a group's memtable inserts
// (RunExclusive waits for them), so the leader reads trees_ and each tree's
// `mem` without a lock.
#include <algorithm>
#include <chrono>
#include <thread>
#include <unordered_set>

#include "storage/db/db_impl.h"

namespace strata::storage {

namespace {

uint64_t NowMicros() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch())
                                   .count());
}

// Collects the trees a batch touches and checks its ranges.
class BatchChecker final : public WriteBatch::Handler {
 public:
  Status Put(SequenceNumber, uint32_t tree, Slice, Slice) override { return Note(tree); }
  Status Delete(SequenceNumber, uint32_t tree, Slice) override { return Note(tree); }
  Status DeleteRange(SequenceNumber, uint32_t tree, Slice begin, Slice end) override {
    if (Compare(begin, end) > 0)
      return Status::InvalidArgument("DeleteRange: begin is greater than end");
    return Note(tree);
  }
  const std::vector<TreeId>& trees() const { return trees_; }

 private:
  Status Note(TreeId tree) {
    if (trees_.empty() || trees_.back() != tree) {
      if (std::find(trees_.begin(), trees_.end(), tree) == trees_.end()) trees_.push_back(tree);
    }
    return Status::OK();
  }
  std::vector<TreeId> trees_;
};

}  // namespace

// Inserts the records of logged batches into their trees' memtables.
class DBImpl::MemTableInserter final : public WriteBatch::Handler {
 public:
  explicit MemTableInserter(DBImpl* db) : db_(db) {}

  Status Put(SequenceNumber seq, uint32_t tree, Slice key, Slice value) override {
    user_bytes_ += key.size() + value.size();
    Apply(seq, tree, ValueType::kValue, key, value);
    return Status::OK();
  }
  Status Delete(SequenceNumber seq, uint32_t tree, Slice key) override {
    user_bytes_ += key.size();
    Apply(seq, tree, ValueType::kDeletion, key, Slice());
    return Status::OK();
  }
  Status DeleteRange(SequenceNumber seq, uint32_t tree, Slice begin, Slice end) override {
    user_bytes_ += begin.size() + end.size();
    Apply(seq, tree, ValueType::kRangeDeletion, begin, end);
    return Status::OK();
  }
  // Inserts a run of point records of one tree, in internal-key order.
  void ApplySorted(TreeId id, const MemTable::Record* records, size_t n) {
    uint64_t bytes = 0;
    size_t charge = 0;
    for (size_t i = 0; i < n; ++i) {
      bytes += records[i].user_key.size() + records[i].value.size();
      charge += MemTableEntryCharge(records[i].user_key.size(), records[i].value.size());
    }
    user_bytes_ += bytes;
    TreeData* tree = Find(id);
    if (tree == nullptr) return;  // dropped after the batch was validated: its data goes too
    tree_bytes_ += bytes;
    tree->mem->AddSorted(records, n);
    tree->mem_bytes += charge;
    RequestSwitchIfFull(tree);
  }
  uint64_t user_bytes() const { return user_bytes_; }
  // Adds the user bytes counted for the cached tree to its counters (once per
  // run of records for one tree, not per record).
  void PublishTreeBytes() {
    if (cached_ != nullptr) TreeCounters::Add(&cached_->counters.user_bytes, tree_bytes_);
    tree_bytes_ = 0;
  }

 private:
  void Apply(SequenceNumber seq, TreeId id, ValueType type, Slice key, Slice value) {
    TreeData* tree = Find(id);
    if (tree == nullptr) return;  // dropped after the batch was validated: its data goes too
    tree_bytes_ += key.size() + value.size();
    tree->mem->Add(seq, type, key, value);
    tree->mem_bytes += MemTableEntryCharge(key.size(), value.size());
    RequestSwitchIfFull(tree);
  }
  void RequestSwitchIfFull(TreeData* tree) {
    if (tree->mem_bytes >= db_->options_.write_buffer_size &&
        !tree->switch_requested.load(std::memory_order_relaxed)) {
      tree->switch_requested.store(true, std::memory_order_relaxed);
      db_->switch_requested_.store(true, std::memory_order_release);
    }
  }
  TreeData* Find(TreeId id) {
    if (cached_ != nullptr && cached_id_ == id) return cached_;
    auto it = db_->trees_.find(id);
    if (it == db_->trees_.end()) return nullptr;
    PublishTreeBytes();
    cached_id_ = id;
    cached_ = it->second.get();
    return cached_;
  }

  DBImpl* const db_;
  TreeId cached_id_ = 0;
  TreeData* cached_ = nullptr;
  uint64_t user_bytes_ = 0;
  uint64_t tree_bytes_ = 0;  // of cached_, not yet in its counters
};

Status DBImpl::ValidateBatch(const WriteBatch& batch) const {
  BatchChecker checker;
  STRATA_RETURN_IF_ERROR(batch.Iterate(&checker));
  std::lock_guard<std::mutex> lock(tree_index_mu_);
  for (TreeId id : checker.trees()) {
    if (trees_.find(id) == trees_.end())
      return Status::InvalidArgument("write to unknown tree " + std::to_string(id));
  }
  return Status::OK();
}

namespace {

// The records of a write group, to be inserted tree by tree in key order so
// that each tree's memtable takes them as one sorted run (MemTable::AddSorted),
// its skiplist descents overlapping instead of each waiting on its own cache
// misses. The slices point into the group's batches, which outlive this.
template <class Inserter>
class SortedRecords final : public WriteBatch::Handler {
 public:
  explicit SortedRecords(Inserter* inserter) : inserter_(inserter) {}

  Status Put(SequenceNumber seq, uint32_t tree, Slice key, Slice value) override {
    Buffer(tree, {seq, ValueType::kValue, key, value});
    return Status::OK();
  }
  Status Delete(SequenceNumber seq, uint32_t tree, Slice key) override {
    Buffer(tree, {seq, ValueType::kDeletion, key, Slice()});
    return Status::OK();
  }
  Status DeleteRange(SequenceNumber seq, uint32_t tree, Slice begin, Slice end) override {
    range_deletions_.push_back({tree, {seq, ValueType::kRangeDeletion, begin, end}});
    return Status::OK();
  }

  // Inserts what is left (each full window is inserted as it fills, so a
  // huge batch never needs a second copy of all its records).
  Status Finish() {
    for (const auto& [tree, r] : range_deletions_) {
      STRATA_RETURN_IF_ERROR(inserter_->DeleteRange(r.seq, tree, r.user_key, r.value));
    }
    Flush();
    return Status::OK();
  }

 private:
  static constexpr size_t kWindow = 1 << 16;

  // One run per tree; a group touches a few trees, its rows cycling through
  // them (a table, then each of its indexes), so a short search finds each.
  void Buffer(uint32_t tree, const MemTable::Record& r) {
    if (last_ >= runs_.size() || runs_[last_].first != tree) {
      last_ = 0;
      while (last_ < runs_.size() && runs_[last_].first != tree) ++last_;
      if (last_ == runs_.size()) runs_.emplace_back(tree, std::vector<MemTable::Record>());
    }
    runs_[last_].second.push_back(r);
    if (++buffered_ >= kWindow) Flush();
  }

  void Flush() {
    for (auto& [tree, run] : runs_) {
      if (run.empty()) continue;
      std::sort(run.begin(), run.end(), [](const MemTable::Record& a, const MemTable::Record& b) {
        const int c = Compare(a.user_key, b.user_key);
        return c != 0 ? c < 0 : a.seq > b.seq;
      });
      inserter_->ApplySorted(tree, run.data(), run.size());
      run.clear();
    }
    buffered_ = 0;
  }

  Inserter* const inserter_;
  std::vector<std::pair<uint32_t, std::vector<MemTable::Record>>> runs_;
  size_t last_ = 0;  // the run the previous record went to
  size_t buffered_ = 0;
  std::vector<std::pair<uint32_t, MemTable::Record>> range_deletions_;
};

// Below this many records one Add each costs less than sorting.
constexpr uint64_t kSortedApplyMinRecords = 64;

}  // namespace

Status DBImpl::ApplyToMemTables(const std::vector<const WriteBatch*>& group) {
  MemTableInserter inserter(this);
  uint64_t records = 0;
  for (const WriteBatch* b : group) records += b->Count();
  if (records >= kSortedApplyMinRecords) {
    SortedRecords<MemTableInserter> sorted(&inserter);
    for (const WriteBatch* b : group) STRATA_RETURN_IF_ERROR(b->Iterate(&sorted));
    STRATA_RETURN_IF_ERROR(sorted.Finish());
  } else {
    for (const WriteBatch* b : group) STRATA_RETURN_IF_ERROR(b->Iterate(&inserter));
  }
  inserter.PublishTreeBytes();
  user_bytes_.fetch_add(inserter.user_bytes(), std::memory_order_relaxed);
  wal_bytes_.store(wal_bytes_closed_ + log_->FileSize(), std::memory_order_relaxed);
  return Status::OK();
}

Status DBImpl::Write(const WriteOptions& options, WriteBatch* batch) {
  if (batch == nullptr) return Status::InvalidArgument("Write: null batch");
  if (has_bg_error_.load(std::memory_order_acquire)) return BackgroundError();
  if (batch->Count() == 0) return Status::OK();
  STRATA_RETURN_IF_ERROR(ValidateBatch(*batch));
  if (switch_requested_.load(std::memory_order_acquire) ||
      write_stop_.load(std::memory_order_relaxed) ||
      write_slowdown_.load(std::memory_order_relaxed)) {
    STRATA_RETURN_IF_ERROR(MakeRoomForWrite());
  }
  wal::WalWriteOptions wal_options;
  wal_options.sync = options.sync;
  Status s = group_commit_->Write(batch, wal_options);
  if (!s.ok()) {
    std::lock_guard<std::mutex> lock(mutex_);
    SetBackgroundErrorLocked(s);
  }
  return s;
}

Status DBImpl::MakeRoomForWrite() {
  const size_t max_imm = static_cast<size_t>(std::max(1, options_.max_immutable_memtables));
  bool slowed_down = false;
  std::unordered_set<TreeId> stalled_trees;  // this write's stalls, counted once per tree
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    if (!bg_error_.ok()) return bg_error_;
    bool stall = write_stop_.load(std::memory_order_relaxed);
    if (switch_requested_.load(std::memory_order_acquire)) {
      bool can_switch = false;
      bool any_requested = false;
      for (const auto& [id, tree] : trees_) {
        if (!tree->switch_requested.load(std::memory_order_relaxed)) continue;
        any_requested = true;
        if (tree->imm.size() < max_imm) {
          can_switch = true;
        } else {
          stall = true;  // the flush must make room first
        }
      }
      if (can_switch) {
        lock.unlock();
        STRATA_RETURN_IF_ERROR(
            group_commit_->RunExclusive([this] { return SwitchMemTables(nullptr); }));
        lock.lock();
        continue;
      }
      if (!any_requested) switch_requested_.store(false, std::memory_order_relaxed);
    }
    if (stall) {
      // Charged to the trees that cause it (imm list full or L0 at the stop
      // trigger), read again after each wait: mutex_ is held here.
      const uint64_t start = NowMicros();
      bg_cv_.wait_for(lock, std::chrono::milliseconds(100));
      const uint64_t waited = NowMicros() - start;
      stall_micros_.fetch_add(waited, std::memory_order_relaxed);
      for (const auto& [id, tree] : trees_) {
        const bool imm_full =
            tree->switch_requested.load(std::memory_order_relaxed) && tree->imm.size() >= max_imm;
        if (!imm_full && !tree->stops_writes) continue;
        TreeCounters::Add(&tree->counters.stall_micros, waited);
        if (!stalled_trees.contains(id)) {
          stalled_trees.insert(id);
          TreeCounters::Add(&tree->counters.stalls, 1);
        }
      }
      continue;
    }
    if (write_slowdown_.load(std::memory_order_relaxed) && !slowed_down) {
      lock.unlock();
      const uint64_t start = NowMicros();
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      slowdown_micros_.fetch_add(NowMicros() - start, std::memory_order_relaxed);
      slowed_down = true;
      lock.lock();
      continue;
    }
    return Status::OK();
  }
}

Status DBImpl::SwitchMemTables(const std::vector<TreeId>* force) {
  const size_t max_imm = static_cast<size_t>(std::max(1, options_.max_immutable_memtables));
  std::vector<std::shared_ptr<TreeData>> targets;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!bg_error_.ok()) return bg_error_;
    for (const auto& [id, tree] : trees_) {
      const bool wanted = force != nullptr
                              ? std::find(force->begin(), force->end(), id) != force->end()
                              : tree->switch_requested.load(std::memory_order_relaxed);
      if (!wanted) continue;
      if (tree->mem->empty()) {
        tree->switch_requested.store(false, std::memory_order_relaxed);
        continue;
      }
      if (force == nullptr && tree->imm.size() >= max_imm) continue;  // stalls until a flush
      targets.push_back(tree);
    }
    if (targets.empty()) return Status::OK();
  }

  // Retire the current segment synced, so only the newest segment can ever
  // have a torn tail, then start the next one.
  const uint64_t retired_bytes = log_->FileSize();
  Status s = log_->Sync();
  extra_wal_syncs_.fetch_add(1, std::memory_order_relaxed);
  if (s.ok()) s = log_->Close();
  const uint64_t number = versions_->NewFileNumber();
  Result<std::unique_ptr<wal::LogWriter>> next =
      s.ok() ? NewWalSegment(number) : Result<std::unique_ptr<wal::LogWriter>>(s);
  if (!next.ok()) {
    std::lock_guard<std::mutex> lock(mutex_);
    SetBackgroundErrorLocked(next.status());
    return next.status();
  }
  wal_bytes_closed_ += retired_bytes;
  std::unique_ptr<wal::LogWriter> retired = std::move(log_);
  log_ = std::move(*next);
  group_commit_->SetLogWriter(log_.get());
  wal_bytes_.store(wal_bytes_closed_, std::memory_order_relaxed);

  std::lock_guard<std::mutex> lock(mutex_);
  if (options_.archive_wal) {
    unarchived_.push_back(logfile_number_);  // finished: the archiver's turn
    bg_cv_.notify_all();
  }
  logfile_number_ = number;
  alive_logs_.push_back(number);
  for (const auto& tree : targets) {
    ImmutableMemTable imm;
    imm.mem = std::move(tree->mem);
    imm.id = tree->mem_id;
    imm.log_number = tree->mem_log_number;
    imm.next_log_number = number;
    tree->imm.push_back(std::move(imm));
    tree->mem = MemTable::Create();
    tree->mem_bytes = 0;
    tree->mem_id = tree->next_mem_id++;
    tree->mem_log_number = number;
    tree->switch_requested.store(false, std::memory_order_relaxed);
    InstallSuperVersionLocked(tree.get());
  }
  bool still_requested = false;
  for (const auto& [id, tree] : trees_)
    still_requested = still_requested || tree->switch_requested.load();
  switch_requested_.store(still_requested, std::memory_order_release);
  bg_cv_.notify_all();  // flush work
  return Status::OK();
}

void DBImpl::RecalculateWriteStallLocked() {
  bool stop = false;
  bool slowdown = false;
  for (const auto& [id, tree] : trees_) {
    if (tree->super_version == nullptr) continue;
    const int l0 = tree->super_version->version->NumFiles(0);
    tree->stops_writes = l0 >= options_.l0_stop_writes_trigger;
    if (tree->stops_writes) stop = true;
    if (l0 >= options_.l0_slowdown_writes_trigger) slowdown = true;
  }
  write_stop_.store(stop, std::memory_order_relaxed);
  write_slowdown_.store(slowdown, std::memory_order_relaxed);
  if (!stop) bg_cv_.notify_all();
}

}  // namespace strata::storage
