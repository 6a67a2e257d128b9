// HashJoin: PostgreSQL's Hash Join over a Hash of the inner side, for joins
// with at least one hashable equality condition (hash_join_keys.h).
//
// Same contract and output as NestLoop (plan_node.h), row for row and in the
// same order: the inner rows are read into memory in order, each outer row
// looks up the inner rows with its key and tries them in inner order against
// every qual (the hashed conditions included, so a key collision can never
// produce a wrong match) -- or, when the quals are just the keys' equalities
// (KeysDecideQuals), compares the candidates' encoded keys with its own,
// which is the same test since those encodings are exact for their
// operators. LEFT/FULL emit an unmatched outer row right after it, RIGHT/FULL
// emit the unmatched inner rows in inner order at the end. NULL keys never
// match: such outer rows probe nothing and such inner rows are not hashed
// (they are still emitted, NULL-extended, by RIGHT/FULL).
//
// LIFETIME: `quals`, `extra` and the keys' expressions outlive the node.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/executor/hash_join_keys.h"
#include "sql/executor/plan_node.h"
#include "sql/executor/spill_file.h"
#include "sql/executor/statement_worker.h"

namespace strata::sql {

class HashJoin final : public PlanNode {
 public:
  HashJoin(PlanNodePtr outer, PlanNodePtr inner, JoinType type,
           std::vector<const BoundExpr*> quals, std::vector<HashJoinKey> keys,
           size_t outer_width, size_t inner_width, std::vector<const BoundExpr*> extra,
           const std::vector<Value>* params = nullptr)
      : outer_(std::move(outer)),
        inner_(std::move(inner)),
        type_(type),
        quals_(std::move(quals)),
        keys_(std::move(keys)),
        outer_width_(outer_width),
        inner_width_(inner_width),
        extra_(std::move(extra)),
        compare_keys_(KeysDecideQuals(quals_, keys_)),
        params_(params),
        ctx_(params) {}
  ~HashJoin() override;
  void Init() override;
  bool Next(Row* row) override;
  void Close() override;
  // As NestLoop::set_slot_base.
  void set_slot_base(size_t base) { slot_base_ = base; }
  std::vector<std::string> Describe(ExplainWriter& w) const override;
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override {
    fn(outer_);
    fn(inner_);
  }

  // Memory budget in bytes (default: the session's work_mem at Init). An
  // inner side larger than that makes this a grace hash join: both sides
  // are written to kPartitions partition files by key hash and joined one
  // partition at a time (rows whose key is NULL aside, emitted at the end by
  // the outer joins that keep them). Output order then differs from the
  // NestLoop's; the rows are the same. When both sides are plain table
  // scans and the outer keys plain columns, the outer side is partitioned
  // on a second thread (StatementWorker) while the inner side is read.
  void set_work_mem(int64_t bytes) { work_mem_ = bytes; }
  bool spilled() const { return spill_; }
  // Grace mode: how many bytes of a partition's outer rows are matched in
  // advance (by a worker) at most; the rest streams from the partition file
  // through the probe. Default: work_mem, at least 8 MB.
  void set_outer_cap(size_t bytes) { outer_cap_override_ = bytes; }
  // Enough that a partition of a 10M-row inner side is some 80K rows: its
  // table stays near the caches and its memory near the budget.
  static constexpr size_t kPartitions = 128;

  JoinType type() const { return type_; }
  const std::vector<HashJoinKey>& keys() const { return keys_; }
  const std::vector<const BoundExpr*>& quals() const { return quals_; }
  PlanNode* outer() const { return outer_.get(); }
  PlanNode* inner() const { return inner_.get(); }

 private:
  void Emit(const Row* outer, size_t i, Row* row);
  // Whether every qual holds for the outer row (already in combined_) and
  // inner row i, which this copies into combined_'s inner slots.
  bool QualsMatch(size_t i);
  // combined_ = [base NULLs, outer_row_, inner slots left as they are].
  void LoadOuterRow();
  // Points ctx_ at a row the outer key expressions can read outer_row_
  // through (outer_row_ itself when it can, else combined_, loaded).
  void SetOuterKeyRow();
  // The key of the row ctx_ is on into key_ and its hash (nullopt: a NULL
  // key).
  std::optional<uint64_t> KeyHash(bool outer);
  // Appends key_ as inner row entries_.size()'s key, with `hash`.
  void AddInnerEntry(uint64_t hash);
  std::string_view InnerKey(size_t i) const {
    const size_t begin = i == 0 ? 0 : key_ends_[i - 1];
    return std::string_view(key_arena_).substr(begin, key_ends_[i] - begin);
  }
  // Links the inner rows into the chains of heads_ (entries_' hashes set).
  void BuildTable();
  // The first candidate at or after `i` in its chain whose hash is probe_hash_.
  size_t NextCandidate(size_t i) const;

  PlanNodePtr outer_;
  PlanNodePtr inner_;
  JoinType type_;
  std::vector<const BoundExpr*> quals_;
  std::vector<HashJoinKey> keys_;
  size_t outer_width_;
  size_t inner_width_;
  std::vector<const BoundExpr*> extra_;
  // Whether the quals are just the keys' equalities: candidates then match
  // by encoded key (key_arena_), and no qual is evaluated.
  bool compare_keys_;
  const std::vector<Value>* params_;
  size_t slot_base_ = 0;

  // Grace mode (see set_work_mem).
  bool keep_outer() const { return type_ == JoinType::kLeft || type_ == JoinType::kFull; }
  bool keep_inner() const { return type_ == JoinType::kRight || type_ == JoinType::kFull; }
  void StartSpill();
  void SpillInnerRow(const Row& row);
  bool NextOuterRow(std::optional<uint64_t>* hash);
  void PartitionOuter(bool have_row);
  // Whether the outer side can be partitioned by a StatementWorker while
  // this thread reads the inner side (see StartOuterWorker).
  bool CanPartitionOuterConcurrently() const;
  void CreateOuterParts();
  void StartOuterWorker();
  // Rewinds every partition for reading once both sides are written.
  void FinishPartitioning();
  bool NextPartition();
  int64_t work_mem_ = -1;
  bool spill_ = false;
  bool partitioned_ = false;    // grace mode: both sides written
  bool joining_parts_ = false;  // grace mode: the partitions are being joined
  std::vector<std::unique_ptr<SpillFile>> inner_parts_, outer_parts_;
  std::unique_ptr<SpillFile> null_outer_, null_inner_;  // rows with a NULL key
  size_t part_ = 0;  // the partition being joined
  bool parts_done_ = false;   // grace mode: every partition joined
  uint64_t outer_rows_ = 0;  // grace mode: rows the outer side had
  // Grace mode with workers: outer_worker_ (if CanPartitionOuterConcurrently()
  // at the spill) writes outer_parts_ and null_outer_ and counts the rows in
  // outer_rows_, part_worker_ prepares partition part_ + 1 in next_table_;
  // nothing else touches those until the worker's Wait(). The destructor
  // and Close() stop and join them before anything they use goes.
  std::unique_ptr<StatementWorker> outer_worker_;
  std::unique_ptr<StatementWorker> part_worker_;

  // Inner row i: inner_rows_[i] in memory; in grace mode the partition's
  // row bytes, decoded into inner_row_ on demand.
  const Row& InnerRow(size_t i);
  std::vector<Row> inner_rows_;  // in memory (not grace mode)
  // Grace mode: row i's bytes are inner_bytes_[inner_byte_ends_[i - 1],
  // inner_byte_ends_[i]); inner_row_ holds row inner_loaded_ decoded.
  std::string inner_bytes_;
  std::vector<size_t> inner_byte_ends_;
  Row inner_row_;
  size_t inner_loaded_ = 0;
  std::vector<bool> inner_matched_;
  // The hash table: a chained table over inner_rows_. entries_[i] holds row
  // i's key hash (kNoRow: a NULL key, in no chain) and the next row of its
  // bucket (one cache line for both); heads_ (a power of two long) the first
  // row of each bucket. Chains are in ascending row order, so candidates are
  // tried in inner order. Rows are compared by hash only: the quals re-check
  // every candidate, so a collision costs a qual evaluation, never a wrong
  // match.
  struct Entry {
    uint64_t hash;
    size_t next;
  };
  std::vector<Entry> entries_;
  std::vector<size_t> heads_;
  // Links entries into chains from heads (see BuildTable).
  static void BuildChains(std::vector<Entry>& entries, std::vector<size_t>* heads);
  // Row i's encoded key is key_arena_[key_ends_[i - 1], key_ends_[i]) (from
  // 0 for row 0; empty for a NULL key). When the quals are just the keys'
  // equalities (compare_keys_), a candidate matches iff its key equals the
  // probing row's, and no qual is evaluated.
  std::string key_arena_;
  std::vector<size_t> key_ends_;
  // Grace mode: one partition's inner side loaded and hashed, the parts
  // of the members above that NextPartition() swaps in.
  // With `probed` outer rows: the first rows of the partition's outer side
  // (row j's bytes end at outer_ends[j]) with their matches, the inner rows
  // matches[match_ends[j - 1], match_ends[j]) in inner order; the rest of
  // the outer side is still in its file.
  struct PartitionTable {
    std::vector<Entry> entries;
    std::vector<size_t> heads;
    std::string key_arena;
    std::vector<size_t> key_ends;
    std::string bytes;
    std::vector<size_t> byte_ends;
    std::string outer_bytes;
    std::vector<size_t> outer_ends;
    std::vector<size_t> match_ends;
    std::vector<size_t> matches;
  };
  // Loads an inner partition file into *table; with `outer` (when the keys
  // decide the quals) also matches its outer rows, up to `outer_cap` bytes
  // of them, against it.
  static void PreparePartition(SpillFile& inner, SpillFile* outer, size_t outer_cap,
                               PartitionTable* table);
  void SwapTables(PartitionTable* table);
  PartitionTable next_table_;
  // The partition being joined: its matched outer rows (as in
  // PartitionTable), the next one to return, and its match range.
  std::string probed_bytes_;
  std::vector<size_t> probed_ends_;
  std::vector<size_t> probed_match_ends_;
  std::vector<size_t> probed_matches_;
  size_t probed_pos_ = 0;
  size_t match_pos_ = 0;
  size_t match_end_ = 0;
  size_t outer_cap_ = 0;
  std::optional<size_t> outer_cap_override_;
  std::string key_;        // the key KeyHash made last
  std::string probe_key_;  // the current outer row's key
  bool built_ = false;
  Row outer_row_;
  Row combined_;
  Row padded_;  // [base + outer NULLs, inner row]: inner keys are evaluated on it
  uint64_t probe_hash_ = 0;
  size_t cand_ = 0;  // the current outer row's next candidate (kNoRow: none)
  bool have_outer_ = false;
  bool outer_matched_ = false;
  bool outer_done_ = false;
  size_t unmatched_pos_ = 0;
  EvalContext ctx_;
};

}  // namespace strata::sql
