// DBImpl read path: Get, NewIterator and snapshots.
//
// Both reads start by pinning the tree's SuperVersion (a shared_ptr copy under
// tree_index_mu_) and only then read the snapshot sequence: every file and
// memtable the pinned SuperVersion lists stays alive while the read runs, so
// no version the sequence could see has been compacted away from them. (Read
// the other way round, a flush plus compaction between the two steps could
// drop a version that the sequence, not yet protected by anything, needs.)
//
// Get consults the sources newest first and stops at the first that decides:
// memtable, immutable memtables (newest first), L0 tables (newest first),
// then one table per level L1..L6. Each source already combines its point
// entries with its own range tombstones (MemTable::Get, TableReader::Get);
// older data sits only in later sources, so the first decision is final.
// Bloom filters are checked here (not inside TableReader) so the engine can
// count what they saved (engine-wide, and per tree with the blocks the Get
// read: tree_counters.h); a table whose filter rules the key out is still
// asked about its range tombstones.
#include "storage/db/db_impl.h"
#include "storage/db/db_iter.h"
#include "storage/db/tree_counting_iterator.h"
#include "storage/empty_iterator.h"

namespace strata::storage {

namespace {

enum class Decision { kContinue, kFound, kDeleted };

}  // namespace

std::shared_ptr<TreeData> DBImpl::FindTreeData(TreeId tree) const {
  std::lock_guard<std::mutex> lock(tree_index_mu_);
  auto it = trees_.find(tree);
  return it == trees_.end() ? nullptr : it->second;
}

std::shared_ptr<const SuperVersion> DBImpl::AcquireSuperVersion(TreeId tree) const {
  std::lock_guard<std::mutex> lock(tree_index_mu_);
  auto it = trees_.find(tree);
  return it == trees_.end() ? nullptr : it->second->super_version;
}

SequenceNumber DBImpl::LatestSequence() const {
  return group_commit_ != nullptr ? group_commit_->LastSequence() : versions_->last_sequence();
}

// The sequence is read and registered under mutex_, the lock RunCompaction holds
// while it copies the snapshot list: a compaction then either sees this snapshot
// or picked its inputs before it existed (so every input version is <= it).
const Snapshot* DBImpl::GetSnapshot() {
  std::lock_guard<std::mutex> lock(mutex_);
  return snapshots_.New(LatestSequence());
}

void DBImpl::ReleaseSnapshot(const Snapshot* snapshot) {
  if (snapshot != nullptr) (void)snapshots_.Release(snapshot);
}

Result<std::string> DBImpl::Get(const ReadOptions& options, TreeId tree, Slice key) {
  std::shared_ptr<TreeData> tree_data;
  std::shared_ptr<const SuperVersion> sv;
  {
    std::lock_guard<std::mutex> lock(tree_index_mu_);
    auto it = trees_.find(tree);
    if (it != trees_.end()) {
      tree_data = it->second;
      sv = tree_data->super_version;
    }
  }
  if (sv == nullptr) return Status::InvalidArgument("Get: unknown tree " + std::to_string(tree));
  // The tree's read figures, added to its counters once when Get returns.
  uint64_t bloom_checks = 0;
  uint64_t bloom_negatives = 0;
  const ThreadBlockCounters blocks_before = CurrentThreadBlockCounters();
  struct PublishReadCounts {
    TreeCounters* c;
    const ThreadBlockCounters& before;
    const uint64_t& checks;
    const uint64_t& negatives;
    std::atomic<uint64_t>* engine_checks;
    ~PublishReadCounts() {
      const ThreadBlockCounters& now = CurrentThreadBlockCounters();
      TreeCounters::Add(&c->block_cache_hits, now.hits - before.hits);
      TreeCounters::Add(&c->block_cache_misses, now.reads - before.reads);
      TreeCounters::Add(&c->bloom_checks, checks);
      TreeCounters::Add(&c->bloom_negatives, negatives);
      TreeCounters::Add(engine_checks, checks);
    }
  } publish{&tree_data->counters, blocks_before, bloom_checks, bloom_negatives, &bloom_checks_};
  const SequenceNumber snapshot =
      options.snapshot != nullptr ? options.snapshot->sequence() : LatestSequence();

  // Memtables.
  auto from_memtable = [&](const MemTable& mem, std::string* out) {
    MemTable::GetResult r = mem.Get(key, snapshot);
    switch (r.state) {
      case MemTable::GetResult::State::kFound:
        out->assign(r.value.data(), r.value.size());
        return Decision::kFound;
      case MemTable::GetResult::State::kDeleted:
        return Decision::kDeleted;
      case MemTable::GetResult::State::kNotPresent:
        break;
    }
    return Decision::kContinue;
  };
  std::string value;
  Decision d = from_memtable(*sv->mem, &value);
  for (size_t i = 0; d == Decision::kContinue && i < sv->imm.size(); ++i)
    d = from_memtable(*sv->imm[i], &value);
  if (d == Decision::kFound) return value;
  if (d == Decision::kDeleted) return Status::NotFound();

  // SSTables.
  TableReadOptions read_options;
  read_options.fill_cache = options.fill_cache;
  Status error;
  auto from_table = [&](const FileMetaData& f) {
    auto reader = table_cache_->FindTable(f.number, f.file_size);
    if (!reader.ok()) {
      error = reader.status();
      return Decision::kDeleted;  // stop
    }
    const TableReader& table = **reader;
    ++CurrentThreadBlockCounters().tables;
    if (table.has_filter()) ++bloom_checks;
    if (table.has_filter() && !table.KeyMayMatch(key)) {
      ++bloom_negatives;
      ++CurrentThreadBlockCounters().bloom_skips;
      bloom_useful_.fetch_add(1, std::memory_order_relaxed);
      if (table.range_tombstones().empty()) return Decision::kContinue;
      return table.range_tombstones().MaxCoveringSeq(key, snapshot) ? Decision::kDeleted
                                                                    : Decision::kContinue;
    }
    auto r = table.Get(read_options, key, snapshot);
    if (!r.ok()) {
      error = r.status();
      return Decision::kDeleted;
    }
    switch (r->kind) {
      case TableGetResult::Kind::kValue:
        value.assign(r->value.data(), r->value.size());
        return Decision::kFound;
      case TableGetResult::Kind::kDeleted:
        return Decision::kDeleted;
      case TableGetResult::Kind::kNotFound:
        break;
    }
    return Decision::kContinue;
  };

  const Version& v = *sv->version;
  for (const auto& f : v.files(0)) {
    if (Compare(key, f->smallest_user_key()) < 0 || Compare(key, f->largest_user_key()) > 0)
      continue;
    d = from_table(*f);
    if (d != Decision::kContinue) break;
  }
  if (d == Decision::kContinue) {
    // Files whose largest key is below (key, snapshot) hold nothing visible.
    std::string seek = MakeInternalKey(key, snapshot, kValueTypeForSeek);
    for (int level = 1; level < kNumLevels && d == Decision::kContinue; ++level) {
      const Version::FileList& files = v.files(level);
      if (files.empty()) continue;
      for (size_t i = v.FindFile(level, seek); i < files.size(); ++i) {
        const FileMetaData& f = *files[i];
        if (Compare(f.smallest_user_key(), key) > 0) break;
        d = from_table(f);
        if (d != Decision::kContinue) break;
        // A user key continues into the next file only at a shared boundary.
        if (Compare(f.largest_user_key(), key) > 0) break;
      }
    }
  }
  if (!error.ok()) return error;
  if (d == Decision::kFound) return value;
  return Status::NotFound();
}

std::unique_ptr<Iterator> DBImpl::NewIterator(const ReadOptions& options, TreeId tree) {
  std::shared_ptr<TreeData> tree_data;
  std::shared_ptr<const SuperVersion> sv;
  {
    std::lock_guard<std::mutex> lock(tree_index_mu_);
    auto it = trees_.find(tree);
    if (it != trees_.end()) {
      tree_data = it->second;
      sv = tree_data->super_version;
    }
  }
  if (sv == nullptr) {
    return std::make_unique<EmptyIterator>(
        Status::InvalidArgument("NewIterator: unknown tree " + std::to_string(tree)));
  }
  const SequenceNumber snapshot =
      options.snapshot != nullptr ? options.snapshot->sequence() : LatestSequence();
  // The counting wrapper charges the blocks the iterator reads to the tree;
  // it holds the tree's data (for its counters) by an aliasing pointer.
  TreeCounters* counters = &tree_data->counters;
  return std::make_unique<TreeCountingIterator>(
      std::make_unique<DBIter>(std::move(sv), table_cache_.get(), snapshot, options),
      std::shared_ptr<TreeCounters>(std::move(tree_data), counters));
}

}  // namespace strata::storage
