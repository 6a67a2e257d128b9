// HashJoin (see node_hash_join.h). The inner side is read at Init(); it is
// hashed when the first outer row arrives, so an empty outer side evaluates
// no key expression (as NestLoop evaluates no qual then).
//
// Grace mode: once Init() has collected more inner rows than the budget, it
// writes them, and every later inner row, to kPartitions partition files by
// key hash (the key expressions are columns and casts that cannot fail, so
// evaluating them early changes nothing but the order of work). When the
// first outer row is asked for, the outer side is partitioned the same way
// (PartitionOuter); then each partition's inner rows are loaded and hashed
// and its outer rows probe them through the same loop as in memory
// (NextOuterRow reads them with their hashes), the partition's unmatched
// inner rows following for RIGHT/FULL. Rows whose key is NULL never match:
// LEFT/FULL emit such outer rows, RIGHT/FULL such inner rows, after the last
// partition.
//
// Concurrent partitioning: when Init() starts spilling and both children are
// table scans (SeqScan: they only read the transaction, and no code of theirs
// reaches the statement's thread-local state) and the outer keys are plain
// columns, a StatementWorker partitions the outer side while Init() goes on
// reading the inner side; Init() waits for it before it returns, so nothing
// else of the statement runs beside it. The outer side is then read before
// the first Next() rather than at it: a table scan has no side effects.
//
// Prepared partitions: each partition is prepared (PreparePartition: its
// inner rows loaded and hashed, and when the keys decide the quals its outer
// rows matched against them, up to outer_cap_ bytes) by a worker while the
// previous one is joined; that only reads partition files, so every grace
// join does it. Next() then returns the matched rows, and streams the rest
// of a partition's outer side, if any, through the usual probe.
#include "sql/executor/node_hash_join.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <limits>
#include <string_view>

#include "common/interrupts.h"
#include "sql/executor/join_row.h"
#include "sql/executor/key_hash.h"
#include "sql/executor/row_bytes.h"

namespace strata::sql {

namespace {
constexpr size_t kNoRow = std::numeric_limits<size_t>::max();

// The partition from the hash's high bits: the buckets use the low ones,
// which would otherwise be the same for every row of a partition.
size_t PartitionOf(uint64_t hash) { return (hash >> 40) % HashJoin::kPartitions; }

// kNoRow marks a NULL key in entries_: a real hash of that value moves off
// it (a collision only costs a comparison).
uint64_t HashKey(std::string_view key) {
  const uint64_t h = HashKeyBytes(key);
  return h == kNoRow ? 0 : h;
}

// Writes `first` (if any) and then the rest of `outer` to `parts` by key hash,
// rows with a NULL key to `nulls` (if any); returns the rows read. Rows are
// [slot_base leading slots, outer_width values] for the key expressions.
// Polls `stop` on a worker, checks for interrupts otherwise.
uint64_t PartitionRows(PlanNode& outer, Row* first, const std::vector<HashJoinKey>& keys,
                       size_t slot_base, size_t outer_width, const std::vector<Value>* params,
                       std::vector<std::unique_ptr<SpillFile>>& parts, SpillFile* nulls,
                       const std::atomic<bool>* stop) {
  EvalContext ctx(params);
  Row row;
  Row padded;
  std::string key;
  uint64_t n = 0;
  bool have_row = first != nullptr;
  if (have_row) row = std::move(*first);
  if (!have_row) have_row = outer.Next(&row);
  while (have_row) {
    if ((++n & 1023) == 0) {
      if (stop == nullptr) {
        CheckForInterrupts();
      } else if (stop->load(std::memory_order_relaxed)) {
        break;
      }
    }
    row.resize(outer_width);
    if (slot_base == 0) {
      ctx.SetRow(&row);
    } else {
      padded.resize(slot_base + outer_width);
      std::copy(row.begin(), row.end(), padded.begin() + static_cast<std::ptrdiff_t>(slot_base));
      ctx.SetRow(&padded);
    }
    if (EncodeHashJoinKey(keys, true, ctx, &key)) {
      parts[PartitionOf(HashKey(key))]->WriteKeyedRow(key, row);
    } else if (nulls != nullptr) {
      nulls->WriteRow(row);
    }
    have_row = outer.Next(&row);
  }
  return n;
}
}  // namespace

void HashJoin::Init() {
  outer_->Init();
  inner_->Init();
  inner_rows_.clear();
  entries_.clear();
  heads_.clear();
  spill_ = false;
  partitioned_ = false;
  joining_parts_ = false;
  inner_parts_.clear();
  outer_parts_.clear();
  null_outer_.reset();
  null_inner_.reset();
  part_ = 0;
  parts_done_ = false;
  outer_worker_.reset();
  part_worker_.reset();
  outer_rows_ = 0;
  key_arena_.clear();
  key_ends_.clear();
  inner_bytes_.clear();
  inner_byte_ends_.clear();
  inner_loaded_ = kNoRow;
  const int64_t budget = work_mem_ >= 0 ? work_mem_ : WorkMemBytes();
  // Outer rows a partition worker matches in advance, at most: the rest of a
  // (skewed) partition streams from its file as without a worker.
  outer_cap_ = outer_cap_override_.value_or(
      static_cast<size_t>(std::max<int64_t>(budget, int64_t{8} << 20)));
  probed_bytes_.clear();
  probed_ends_.clear();
  probed_match_ends_.clear();
  probed_matches_.clear();
  probed_pos_ = 0;
  match_pos_ = match_end_ = 0;
  int64_t used = 0;
  Row row;
  while (inner_->Next(&row)) {
    row.resize(inner_width_);
    if (spill_) {
      SpillInnerRow(row);
      continue;
    }
    used += static_cast<int64_t>(RowMemory(row) + 48);
    inner_rows_.push_back(std::move(row));
    row = Row();
    if (used > budget) {
      StartSpill();
      if (CanPartitionOuterConcurrently()) StartOuterWorker();
      for (const Row& r : inner_rows_) SpillInnerRow(r);
      inner_rows_.clear();
      inner_rows_.shrink_to_fit();
    }
  }
  inner_->Close();
  if (outer_worker_ != nullptr) {
    outer_worker_->Wait();
    outer_worker_.reset();
    FinishPartitioning();
  }
  inner_matched_.assign(inner_rows_.size(), false);
  built_ = false;
  cand_ = kNoRow;
  have_outer_ = false;
  outer_done_ = false;
  unmatched_pos_ = 0;
}

HashJoin::~HashJoin() {
  // Stopped and joined before the members they use go.
  outer_worker_.reset();
  part_worker_.reset();
}

void HashJoin::Close() {
  // Stopped and joined if an error left them running.
  outer_worker_.reset();
  part_worker_.reset();
  inner_rows_.clear();
  inner_matched_.clear();
  entries_.clear();
  heads_.clear();
  key_arena_.clear();
  key_ends_.clear();
  inner_bytes_.clear();
  inner_bytes_.shrink_to_fit();
  inner_byte_ends_.clear();
  inner_parts_.clear();
  outer_parts_.clear();
  null_outer_.reset();
  null_inner_.reset();
  outer_->Close();
}

const Row& HashJoin::InnerRow(size_t i) {
  if (!spill_) return inner_rows_[i];
  if (inner_loaded_ != i) {
    const size_t begin = i == 0 ? 0 : inner_byte_ends_[i - 1];
    std::string_view bytes =
        std::string_view(inner_bytes_).substr(begin, inner_byte_ends_[i] - begin);
    ReadRowBytes(&bytes, &inner_row_);
    inner_loaded_ = i;
  }
  return inner_row_;
}

void HashJoin::Emit(const Row* outer, size_t i, Row* row) {
  if (spill_ && i != kNoRow && outer != nullptr && slot_base_ == 0 && extra_.empty()) {
    // A partition's inner row is decoded straight into the output row.
    if (row->size() < outer_width_) row->resize(outer_width_);
    AssignJoinSide(outer, outer_width_, 0, row);
    const size_t begin = i == 0 ? 0 : inner_byte_ends_[i - 1];
    std::string_view bytes =
        std::string_view(inner_bytes_).substr(begin, inner_byte_ends_[i] - begin);
    ReadRowBytesAt(&bytes, row, outer_width_);
    return;
  }
  EmitJoinRow(outer, outer_width_, i != kNoRow ? &InnerRow(i) : nullptr, inner_width_,
              slot_base_, extra_, ctx_, row);
}

void HashJoin::SetOuterKeyRow() {
  if (compare_keys_ && slot_base_ == 0) {
    // The outer keys read only slots [0, outer width): the outer row itself
    // serves, and no qual needs combined_.
    ctx_.SetRow(&outer_row_);
    return;
  }
  LoadOuterRow();
  ctx_.SetRow(&combined_);
}

void HashJoin::LoadOuterRow() {
  combined_.resize(slot_base_ + outer_width_ + inner_width_);
  std::copy(outer_row_.begin(), outer_row_.begin() + static_cast<std::ptrdiff_t>(outer_width_),
            combined_.begin() + static_cast<std::ptrdiff_t>(slot_base_));
}

bool HashJoin::QualsMatch(size_t i) {
  if (compare_keys_) return InnerKey(i) == probe_key_;
  // Copy assignment: the slots keep their string buffers from row to row.
  const Row& inner = InnerRow(i);
  std::copy(inner.begin(), inner.end(),
            combined_.begin() + static_cast<std::ptrdiff_t>(slot_base_ + outer_width_));
  ctx_.SetRow(&combined_);
  for (const BoundExpr* q : quals_) {
    if (!EvaluatePredicate(*q, combined_, ctx_)) return false;
  }
  return true;
}

std::optional<uint64_t> HashJoin::KeyHash(bool outer) {
  if (!EncodeHashJoinKey(keys_, outer, ctx_, &key_)) return std::nullopt;
  return HashKey(key_);
}

void HashJoin::AddInnerEntry(uint64_t hash) {
  entries_.push_back(Entry{hash, kNoRow});
  key_arena_.append(key_);
  key_ends_.push_back(key_arena_.size());
}

void HashJoin::BuildTable() { BuildChains(entries_, &heads_); }

void HashJoin::BuildChains(std::vector<Entry>& entries, std::vector<size_t>* heads) {
  size_t buckets = 1;
  while (buckets < entries.size()) buckets <<= 1;
  heads->assign(buckets, kNoRow);
  const size_t mask = buckets - 1;
  // Backwards, each row in front of its bucket's chain: chains ascend.
  for (size_t i = entries.size(); i-- > 0;) {
    Entry& e = entries[i];
    e.next = kNoRow;
    if (e.hash == kNoRow) continue;  // a NULL key
    size_t& head = (*heads)[e.hash & mask];
    e.next = head;
    head = i;
  }
}

size_t HashJoin::NextCandidate(size_t i) const {
  while (i != kNoRow && entries_[i].hash != probe_hash_) i = entries_[i].next;
  return i;
}

void HashJoin::StartSpill() {
  spill_ = true;
  for (size_t p = 0; p < kPartitions; ++p) {
    inner_parts_.push_back(std::make_unique<SpillFile>());
  }
  null_inner_ = std::make_unique<SpillFile>();
}

void HashJoin::SpillInnerRow(const Row& row) {
  padded_.resize(slot_base_ + outer_width_ + inner_width_);
  std::copy(row.begin(), row.end(),
            padded_.begin() + static_cast<std::ptrdiff_t>(slot_base_ + outer_width_));
  ctx_.SetRow(&padded_);
  const std::optional<uint64_t> hash = KeyHash(false);
  if (hash) {
    inner_parts_[PartitionOf(*hash)]->WriteKeyedRow(key_, row);
  } else if (keep_inner()) {
    null_inner_->WriteRow(row);
  }
}

// The next outer row into outer_row_ (and combined_) with its key hash
// (nullopt: NULL key); false when the outer side (in grace mode: the
// partition) is exhausted.
bool HashJoin::NextOuterRow(std::optional<uint64_t>* hash) {
  if (spill_) {
    if (!outer_parts_[part_]->ReadKeyedRow(&probe_key_, &outer_row_)) return false;
    *hash = HashKey(probe_key_);
    if (!compare_keys_) LoadOuterRow();  // for QualsMatch
    return true;
  }
  if (!outer_->Next(&outer_row_)) return false;
  outer_row_.resize(outer_width_);
  if (!built_) {
    // The inner keys, over [base + outer NULLs, inner row] (they read only
    // inner slots); a NULL key is marked kNoRow.
    entries_.clear();
    entries_.reserve(inner_rows_.size());
    key_ends_.reserve(inner_rows_.size());
    for (size_t i = 0; i < inner_rows_.size(); ++i) {
      if ((i & 1023) == 0) CheckForInterrupts();
      padded_.resize(slot_base_ + outer_width_ + inner_width_);
      std::copy(inner_rows_[i].begin(), inner_rows_[i].end(),
                padded_.begin() + static_cast<std::ptrdiff_t>(slot_base_ + outer_width_));
      ctx_.SetRow(&padded_);
      const std::optional<uint64_t> h = KeyHash(false);
      if (!h) key_.clear();
      AddInnerEntry(h ? *h : kNoRow);
    }
    BuildTable();
    built_ = true;
  }
  SetOuterKeyRow();
  *hash = KeyHash(true);
  probe_key_.swap(key_);
  return true;
}

bool HashJoin::CanPartitionOuterConcurrently() const {
  if (dynamic_cast<const SeqScan*>(outer_.get()) == nullptr ||
      dynamic_cast<const SeqScan*>(inner_.get()) == nullptr) {
    return false;
  }
  for (const HashJoinKey& k : keys_) {
    if (k.outer->kind() != BoundExprKind::kColumnRef) return false;
  }
  return true;
}

void HashJoin::CreateOuterParts() {
  for (size_t p = 0; p < kPartitions; ++p) {
    outer_parts_.push_back(std::make_unique<SpillFile>());
  }
  null_outer_ = std::make_unique<SpillFile>();
}

void HashJoin::StartOuterWorker() {
  CreateOuterParts();
  outer_worker_ = std::make_unique<StatementWorker>([this](const std::atomic<bool>& stop) {
    outer_rows_ = PartitionRows(*outer_, nullptr, keys_, slot_base_, outer_width_, params_,
                                outer_parts_, keep_outer() ? null_outer_.get() : nullptr, &stop);
  });
}

// Writes the outer side to its partitions: the row in outer_row_ (if
// have_row) first, then the rest.
void HashJoin::PartitionOuter(bool have_row) {
  CreateOuterParts();
  outer_rows_ = PartitionRows(*outer_, have_row ? &outer_row_ : nullptr, keys_, slot_base_,
                              outer_width_, params_, outer_parts_,
                              keep_outer() ? null_outer_.get() : nullptr, nullptr);
  FinishPartitioning();
}

void HashJoin::FinishPartitioning() {
  for (auto& f : outer_parts_) f->Rewind();
  for (auto& f : inner_parts_) f->Rewind();
  null_outer_->Rewind();
  null_inner_->Rewind();
  partitioned_ = true;
  part_ = 0;
}

void HashJoin::PreparePartition(SpillFile& inner, SpillFile* outer, size_t outer_cap,
                                PartitionTable* table) {
  // The inner rows: their keys and row bytes (row_bytes.h, as SpillInnerRow
  // wrote them; InnerRow decodes a row when a probe matches it), hashed and
  // chained.
  table->entries.clear();
  table->key_arena.clear();
  table->key_ends.clear();
  table->bytes.clear();
  table->byte_ends.clear();
  std::string key;
  std::string bytes;
  while (inner.ReadKeyValue(&key, &bytes)) {
    table->entries.push_back(Entry{HashKey(key), kNoRow});
    table->key_arena.append(key);
    table->key_ends.push_back(table->key_arena.size());
    table->bytes.append(bytes);
    table->byte_ends.push_back(table->bytes.size());
  }
  BuildChains(table->entries, &table->heads);
  // The outer rows matched by key: the same test as QualsMatch's when the
  // keys decide the quals.
  table->outer_bytes.clear();
  table->outer_ends.clear();
  table->match_ends.clear();
  table->matches.clear();
  if (outer == nullptr) return;
  // The outer rows first, then the probes: a probe's bucket and first entry
  // are prefetched a few rows ahead (the table is larger than the core's
  // cache, and each probe would otherwise wait for two misses in turn).
  std::string outer_keys;
  std::vector<size_t> outer_key_ends;
  std::vector<uint64_t> hashes;
  while (table->outer_bytes.size() < outer_cap && outer->ReadKeyValue(&key, &bytes)) {
    hashes.push_back(HashKey(key));
    outer_keys.append(key);
    outer_key_ends.push_back(outer_keys.size());
    table->outer_bytes.append(bytes);
    table->outer_ends.push_back(table->outer_bytes.size());
  }
  const std::string_view arena = table->key_arena;
  const std::vector<size_t>& heads = table->heads;
  const std::vector<Entry>& entries = table->entries;
  const size_t mask = heads.size() - 1;
  constexpr size_t kAhead = 8;
  const size_t n = hashes.size();
  for (size_t j = 0; j < n; ++j) {
    if (j + 2 * kAhead < n) __builtin_prefetch(&heads[hashes[j + 2 * kAhead] & mask]);
    if (j + kAhead < n) {
      const size_t first = heads[hashes[j + kAhead] & mask];
      if (first != kNoRow) __builtin_prefetch(&entries[first]);
    }
    const uint64_t hash = hashes[j];
    const size_t key_begin = j == 0 ? 0 : outer_key_ends[j - 1];
    const std::string_view outer_key =
        std::string_view(outer_keys).substr(key_begin, outer_key_ends[j] - key_begin);
    for (size_t i = heads[hash & mask]; i != kNoRow; i = entries[i].next) {
      if (entries[i].hash != hash) continue;
      const size_t begin = i == 0 ? 0 : table->key_ends[i - 1];
      if (arena.substr(begin, table->key_ends[i] - begin) == outer_key) {
        table->matches.push_back(i);
      }
    }
    table->match_ends.push_back(table->matches.size());
  }
}

// Swapped, not moved: a worker refills the previous partition's buffers.
void HashJoin::SwapTables(PartitionTable* table) {
  entries_.swap(table->entries);
  heads_.swap(table->heads);
  key_arena_.swap(table->key_arena);
  key_ends_.swap(table->key_ends);
  inner_bytes_.swap(table->bytes);
  inner_byte_ends_.swap(table->byte_ends);
  probed_bytes_.swap(table->outer_bytes);
  probed_ends_.swap(table->outer_ends);
  probed_match_ends_.swap(table->match_ends);
  probed_matches_.swap(table->matches);
}

// Makes partition part_ the one being joined: prepared here, or by the
// worker started for it while the previous one was joined; then starts a
// worker on the next one. The workers only read partition files, so any
// grace join may use them.
bool HashJoin::NextPartition() {
  if (part_ >= kPartitions) return false;
  const auto prepare = [this](size_t p) {
    PreparePartition(*inner_parts_[p], compare_keys_ ? outer_parts_[p].get() : nullptr,
                     outer_cap_, &next_table_);
  };
  if (part_worker_ != nullptr) {
    part_worker_->Wait();
    part_worker_.reset();
  } else {
    prepare(part_);
  }
  SwapTables(&next_table_);
  inner_parts_[part_].reset();
  inner_loaded_ = kNoRow;
  inner_matched_.assign(entries_.size(), false);
  probed_pos_ = 0;
  unmatched_pos_ = 0;
  outer_done_ = false;
  have_outer_ = false;
  if (part_ + 1 < kPartitions) {
    part_worker_ = std::make_unique<StatementWorker>(
        [prepare, next = part_ + 1](const std::atomic<bool>&) { prepare(next); });
  }
  return true;
}

bool HashJoin::Next(Row* row) {
  if (spill_ && !joining_parts_) {
    if (!partitioned_) PartitionOuter(outer_->Next(&outer_row_));
    joining_parts_ = true;
    // An empty outer side leaves only RIGHT/FULL rows to return (every
    // inner row, NULL-extended): the partitions are then joined with no
    // outer row.
    if (outer_rows_ == 0 && !keep_inner()) {
      parts_done_ = true;
      return false;
    }
    NextPartition();
  }
  while (!parts_done_) {
    while (!outer_done_) {
      if (!have_outer_ && probed_pos_ < probed_ends_.size()) {
        // Grace mode: the partition's outer rows matched in advance.
        const size_t j = probed_pos_++;
        match_pos_ = j == 0 ? 0 : probed_match_ends_[j - 1];
        match_end_ = probed_match_ends_[j];
        if (match_pos_ == match_end_ && !keep_outer()) continue;
        const size_t begin = j == 0 ? 0 : probed_ends_[j - 1];
        std::string_view bytes =
            std::string_view(probed_bytes_).substr(begin, probed_ends_[j] - begin);
        ReadRowBytes(&bytes, &outer_row_);
        have_outer_ = true;
        outer_matched_ = false;
        cand_ = kNoRow;
      } else if (!have_outer_) {
        std::optional<uint64_t> hash;
        if (!NextOuterRow(&hash)) {
          outer_done_ = true;
          break;
        }
        have_outer_ = true;
        outer_matched_ = false;
        match_pos_ = match_end_ = 0;
        cand_ = kNoRow;
        if (hash && !heads_.empty()) {
          probe_hash_ = *hash;
          cand_ = NextCandidate(heads_[*hash & (heads_.size() - 1)]);
        }
      }
      while (match_pos_ < match_end_) {
        CheckForInterrupts();
        const size_t i = probed_matches_[match_pos_++];
        outer_matched_ = true;
        inner_matched_[i] = true;
        Emit(&outer_row_, i, row);
        return true;
      }
      while (cand_ != kNoRow) {
        CheckForInterrupts();
        const size_t i = cand_;
        cand_ = NextCandidate(entries_[i].next);
        if (!QualsMatch(i)) continue;
        outer_matched_ = true;
        inner_matched_[i] = true;
        Emit(&outer_row_, i, row);
        return true;
      }
      have_outer_ = false;
      if (!outer_matched_ && keep_outer()) {
        Emit(&outer_row_, kNoRow, row);
        return true;
      }
    }
    if (keep_inner()) {
      while (unmatched_pos_ < (spill_ ? entries_.size() : inner_rows_.size())) {
        const size_t i = unmatched_pos_++;
        if (inner_matched_[i]) continue;
        Emit(nullptr, i, row);
        return true;
      }
    }
    if (!spill_) return false;
    outer_parts_[part_].reset();
    ++part_;
    if (!NextPartition()) parts_done_ = true;
  }
  // Grace mode, after the last partition: the rows with NULL keys.
  if (null_outer_ && null_outer_->ReadRow(&outer_row_)) {
    Emit(&outer_row_, kNoRow, row);
    return true;
  }
  if (null_inner_ && null_inner_->ReadRow(&inner_row_)) {
    inner_loaded_ = kNoRow;
    EmitJoinRow(nullptr, outer_width_, &inner_row_, inner_width_, slot_base_, extra_, ctx_, row);
    return true;
  }
  return false;
}

}  // namespace strata::sql
