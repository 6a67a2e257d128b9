// Executor plan nodes: a pull pipeline over rows of Values, shaped like
// PostgreSQL's executor (nodeSeqscan.c, nodeSort.c, nodeLimit.c): Init()
// starts (or restarts) a node, Next() produces one row at a time, Close()
// releases what it holds. Joins and aggregates are added as further nodes.
//
//   SeqScan (table tree, optional key bounds) -> Filter (WHERE) ->
//   Project (select list + sort keys) -> Sort -> Limit
//
// Errors are SqlErrors thrown from Next(). Nodes own their children.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "sql/binder/grouping.h"
#include "sql/executor/scan_counts.h"
#include "sql/executor/scan_plan_info.h"
#include "sql/expr/bound_expr.h"
#include "sql/storage_format/key_codec.h"
#include "sql/table/table_codec.h"
#include "txn/transaction.h"

namespace strata::sql {

class ExplainWriter;  // explain_writer.h
class SpillFile;      // spill_file.h
class PlanNode;
using PlanNodePtr = std::unique_ptr<PlanNode>;

class PlanNode {
 public:
  virtual ~PlanNode() = default;
  virtual void Init() = 0;
  // The next row into *row; false when there are no more.
  virtual bool Next(Row* row) = 0;
  virtual void Close() {}

  // EXPLAIN (explain_writer.h): adds this node and its children to `w` and
  // returns how its output columns print, by slot. The default prints
  // explain_name() (else "Custom Scan") without children; nodes override it
  // (explain_nodes.cpp; a new node may define its own next to it).
  virtual std::vector<std::string> Describe(ExplainWriter& w) const;
  // EXPLAIN ANALYZE: calls `fn` on each child slot (so it can be wrapped in
  // an instrumenting node). Nodes without children keep the default.
  virtual void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) { (void)fn; }
  // The name EXPLAIN prints for nodes whose name depends on how the planner
  // used them ("Seq Scan on t x", "Subquery Scan on s", "Result").
  void set_explain_name(std::string name) { explain_name_ = std::move(name); }
  const std::string& explain_name() const { return explain_name_; }
  // The planner's cost and size estimate for the node, when it made one
  // (EXPLAIN prints it rather than a guess of its own).
  struct Estimate {
    double startup = 0, total = 0, rows = 0;
    int width = 0;
  };
  void set_estimate(const Estimate& e) {
    estimate_ = e;
    has_estimate_ = true;
  }
  const Estimate* estimate() const { return has_estimate_ ? &estimate_ : nullptr; }

 private:
  std::string explain_name_;
  Estimate estimate_;
  bool has_estimate_ = false;
};

// Every row of a table in key order, as the transaction sees it, optionally
// within key bounds [lower, upper) (a primary-key lookup is such a range).
class SeqScan final : public PlanNode {
 public:
  // LIFETIME: `txn` and `codec` outlive the node.
  SeqScan(txn::Transaction* txn, const TableCodec* codec,
          std::optional<std::string> lower = std::nullopt,
          std::optional<std::string> upper = std::nullopt)
      : txn_(txn),
        codec_(codec),
        lower_(std::move(lower)),
        upper_(std::move(upper)),
        table_oid_(codec->table().oid),
        by_primary_key_((lower_ || upper_) && codec->has_primary_key()) {}
  // Publishes what the scan counted (scan_counts.h).
  ~SeqScan() override;
  void Init() override;
  bool Next(Row* row) override;
  void Close() override { iter_.reset(); }
  // The key of the row the last Next() returned.
  const std::string& current_key() const { return key_; }
  // The table read, and whether the scan reads all of it (no key bounds).
  const TableCodec* codec() const { return codec_; }
  bool reads_whole_table() const { return !lower_ && !upper_; }
  // New key bounds for the next Init() (a parameterized rescan: the inner
  // side of a nested loop reads the keys each outer row asks for).
  void SetBounds(std::optional<std::string> lower, std::optional<std::string> upper) {
    lower_ = std::move(lower);
    upper_ = std::move(upper);
  }
  // Which of the table's columns (by attribute slot) the statement reads,
  // complete by the time the scan starts (the binder marks them while the
  // statement is bound): the others are not decoded and read as NULL.
  // Without it every column is decoded.
  void SetColumnsRead(std::shared_ptr<const std::vector<bool>> read) { read_ = std::move(read); }
  const std::shared_ptr<const std::vector<bool>>& columns_read() const { return read_; }
  // What EXPLAIN shows of the planner's choice (scan_plan_info.h).
  void set_plan_info(ScanPlanInfo info) { plan_info_ = std::move(info); }

  std::vector<std::string> Describe(ExplainWriter& w) const override;

 private:
  txn::Transaction* txn_;
  const TableCodec* codec_;
  std::optional<std::string> lower_;
  std::optional<std::string> upper_;
  std::unique_ptr<txn::TxnIterator> iter_;
  bool started_ = false;
  std::string key_;
  // Bounds [k, k + '\0') hold the one key k (PrimaryKeyFromWhere with every
  // key column fixed): one Get instead of an iterator over every level.
  bool point_ = false;
  std::shared_ptr<const std::vector<bool>> read_;
  // What Init() took from read_: the columns to decode (empty: all).
  std::vector<bool> decode_;
  // For the statistics views, fixed at construction (the codec need not
  // outlive the node's destructor).
  uint32_t table_oid_;
  bool by_primary_key_;
  ScanCounts counts_;
  ScanPlanInfo plan_info_;
};

// Rows of the child for which `predicate` is true (NULL counts as false).
// `params` (may be null) holds the values of $1..$n and outlives the node.
class Filter final : public PlanNode {
 public:
  Filter(PlanNodePtr child, const BoundExpr* predicate, const std::vector<Value>* params = nullptr)
      : child_(std::move(child)), predicate_(predicate), ctx_(params) {}
  void Init() override { child_->Init(); }
  bool Next(Row* row) override;
  void Close() override { child_->Close(); }

  std::vector<std::string> Describe(ExplainWriter& w) const override;
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override { fn(child_); }

 private:
  PlanNodePtr child_;
  const BoundExpr* predicate_;
  EvalContext ctx_;
};

// One output row per input row: each expression evaluated over the input.
// `params` as for Filter.
class Project final : public PlanNode {
 public:
  Project(PlanNodePtr child, std::vector<const BoundExpr*> exprs,
          const std::vector<Value>* params = nullptr)
      : child_(std::move(child)), exprs_(std::move(exprs)), ctx_(params) {}
  void Init() override { child_->Init(); }
  bool Next(Row* row) override;
  void Close() override { child_->Close(); }

  std::vector<std::string> Describe(ExplainWriter& w) const override;
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override { fn(child_); }

 private:
  PlanNodePtr child_;
  std::vector<const BoundExpr*> exprs_;
  Row input_;
  EvalContext ctx_;
};

// One sort key: a column of the input row and how it orders. With `expr`
// set, the key is that expression over the input row, evaluated once per row
// by the Sort and stored in slot `column` (past the input's width; the row
// is widened) so that the node above reads the very value the rows were
// ordered by (a WindowAgg's computed PARTITION BY / ORDER BY keys).
// LIFETIME: `expr` outlives the node.
struct SortKey {
  int column = 0;
  KeyColumn key;
  const BoundExpr* expr = nullptr;
};

// Reads every child row, orders them by the keys (PostgreSQL's ordering,
// via memcomparable key encodings), then returns the first `keep_columns`
// columns of each (dropping sort-only columns).
// Beyond work_mem (external_sort.cpp) sorted runs go to spill files and are
// merged (PostgreSQL's tuplesort); ties keep input order either way.
class Sort final : public PlanNode {
 public:
  Sort(PlanNodePtr child, std::vector<SortKey> keys, size_t keep_columns);
  ~Sort() override;
  void Init() override;
  bool Next(Row* row) override;
  void Close() override;
  // Memory budget in bytes (default: the session's work_mem at Init).
  void set_work_mem(int64_t bytes) { work_mem_ = bytes; }
  // Spill files the last Init wrote (0: sorted in memory).
  size_t spilled_runs() const { return spilled_runs_; }
  // The $n values computed keys (SortKey::expr) may read (may be null).
  void set_params(const std::vector<Value>* params) { params_ = params; }
  // EXPLAIN: the first n keys are already ordered (PostgreSQL's Incremental
  // Sort, printed as such; run as a full sort, which orders the same).
  void set_presorted_keys(size_t n) { presorted_ = n; }
  // Input slots no node reads: left out of the rows held and spilled (after
  // the keys are taken) and returned as NULL.
  void set_cleared_columns(std::vector<int> slots) { cleared_ = std::move(slots); }
  // EXPLAIN: the child describes itself with the FROM row's labels, in
  // which its columns start at `offset` (a join's inner side sorted for a
  // merge join); the keys' columns are the child row's.
  void set_explain_offset(size_t offset) { explain_offset_ = offset; }

  std::vector<std::string> Describe(ExplainWriter& w) const override;
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override { fn(child_); }

 private:
  // Sorts entries_ by key, then by position (input order).
  void SortEntries();

  PlanNodePtr child_;
  std::vector<SortKey> keys_;
  size_t keep_columns_;
  // The rows held in memory: each one's key then row bytes in arena_, from
  // `offset`, `size` bytes in all (external_sort.cpp).
  struct Entry {
    uint64_t prefix;  // the key's first 8 bytes, big-endian (OrderedPrefix64)
    size_t offset;
    uint32_t key_size;
    uint32_t size;
  };
  std::string arena_;
  std::vector<Entry> entries_;
  Row compact_;  // with cleared columns: a row as stored
  size_t next_ = 0;
  int64_t work_mem_ = -1;
  size_t spilled_runs_ = 0;
  const std::vector<Value>* params_ = nullptr;
  std::vector<int> cleared_;
  std::vector<size_t> stored_;  // the columns rows hold when some are cleared
  size_t presorted_ = 0;
  size_t explain_offset_ = 0;
  struct Merge;  // external_sort.cpp
  std::unique_ptr<Merge> merge_;
};

// OFFSET then LIMIT (count < 0 = no limit).
class Limit final : public PlanNode {
 public:
  Limit(PlanNodePtr child, int64_t offset, int64_t count)
      : child_(std::move(child)), offset_(offset), count_(count) {}
  void Init() override;
  bool Next(Row* row) override;
  void Close() override { child_->Close(); }

  std::vector<std::string> Describe(ExplainWriter& w) const override;
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override { fn(child_); }

 private:
  PlanNodePtr child_;
  int64_t offset_;
  int64_t count_;
  int64_t returned_ = 0;
};

enum class JoinType { kInner, kLeft, kRight, kFull };

// Nested-loop join (PostgreSQL's NestLoop over a materialized inner side):
// output rows are [outer row, inner row, extra...] where a side with no
// match (LEFT/RIGHT/FULL) is all NULLs and `extra` are expressions over that
// combined row appended to it (the merged columns of JOIN ... USING).
// Rows match when every one of `quals` (none: a cross product) is true over
// [outer, inner]. LIFETIME: `quals` and `extra` outlive the node.
class NestLoop final : public PlanNode {
 public:
  NestLoop(PlanNodePtr outer, PlanNodePtr inner, JoinType type,
           std::vector<const BoundExpr*> quals, size_t outer_width, size_t inner_width,
           std::vector<const BoundExpr*> extra, const std::vector<Value>* params = nullptr)
      : outer_(std::move(outer)),
        inner_(std::move(inner)),
        type_(type),
        quals_(std::move(quals)),
        outer_width_(outer_width),
        inner_width_(inner_width),
        extra_(std::move(extra)),
        ctx_(params) {}
  void Init() override;
  bool Next(Row* row) override;
  void Close() override;
  // A join that is not the first FROM item (`a, b JOIN c ON ...`): its
  // conditions and USING columns are bound to slots that start at `base`
  // (the widths of the items before it), so they are evaluated over a row
  // with `base` leading slots in front of the outer and inner columns.
  void set_slot_base(size_t base) { slot_base_ = base; }

  std::vector<std::string> Describe(ExplainWriter& w) const override;
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override {
    fn(outer_);
    fn(inner_);
  }

 private:
  // Builds the output row from the current outer row (or NULLs) and inner
  // row `i` (or NULLs when i is npos).
  void Emit(const Row* outer, size_t i, Row* row);
  size_t slot_base_ = 0;

  PlanNodePtr outer_;
  PlanNodePtr inner_;
  JoinType type_;
  std::vector<const BoundExpr*> quals_;
  size_t outer_width_;
  size_t inner_width_;
  std::vector<const BoundExpr*> extra_;
  std::vector<Row> inner_rows_;
  std::vector<bool> inner_matched_;
  Row outer_row_;
  Row combined_;
  bool have_outer_ = false;
  bool outer_matched_ = false;
  bool outer_done_ = false;
  size_t inner_pos_ = 0;
  size_t unmatched_pos_ = 0;  // RIGHT/FULL: scan of unmatched inner rows
  EvalContext ctx_;
};

// Hash aggregation (PostgreSQL's Agg with AGG_HASHED, or AGG_PLAIN without
// keys): reads every child row, groups by the key expressions (equal keys:
// equal memcomparable encodings, so NULLs group together) and returns one row
// per group, [key values..., aggregate results...], in the order groups were
// first seen. Without keys it returns exactly one row, even for no input.
// LIFETIME: `keys` and `aggs` (and their expressions) outlive the node.
class HashAgg final : public PlanNode {
 public:
  HashAgg(PlanNodePtr child, const std::vector<BoundExprPtr>* keys,
          const std::vector<AggregateCall>* aggs, const std::vector<Value>* params = nullptr)
      : child_(std::move(child)), keys_(keys), aggs_(aggs), params_(params) {}
  void Init() override;
  bool Next(Row* row) override;
  void Close() override { groups_.clear(); child_->Close(); }
  // Memory budget in bytes (default: the session's work_mem at Init). Past
  // it, rows of groups not in memory yet go to partition files and are
  // aggregated partition by partition after the in-memory groups (PostgreSQL
  // 13's hash aggregate spilling); the groups then come out in that order.
  void set_work_mem(int64_t bytes) { work_mem_ = bytes; }
  // Partition files the last Init wrote.
  size_t spilled_partitions() const { return spilled_partitions_; }

  std::vector<std::string> Describe(ExplainWriter& w) const override;
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override { fn(child_); }

 private:
  PlanNodePtr child_;
  const std::vector<BoundExprPtr>* keys_;
  const std::vector<AggregateCall>* aggs_;
  const std::vector<Value>* params_;  // the statement's $n values (may be null)
  std::vector<Row> groups_;  // finished output rows
  size_t next_ = 0;
  int64_t work_mem_ = -1;
  size_t spilled_partitions_ = 0;
  // One aggregation pass over rows from `next_row` (see set_work_mem).
  void AggregatePass(const std::function<bool(Row*)>& next_row, int depth, int64_t budget);
};

// SELECT DISTINCT: the first row of each set of rows equal in their first
// `columns` columns (equal memcomparable encodings: NULLs equal), in input
// order. Rows are not materialized, only their keys.
// Past work_mem (set_work_mem), rows whose key is not in memory go to
// partition files by key hash, each deduplicated on its own once the child
// is exhausted (the set in memory no longer grows, so no spilled key was
// returned before).
class HashDistinct final : public PlanNode {
 public:
  HashDistinct(PlanNodePtr child, std::vector<KeyColumn> columns);
  ~HashDistinct() override;
  void Init() override;
  bool Next(Row* row) override;
  void Close() override;
  void set_work_mem(int64_t bytes) { work_mem_ = bytes; }
  size_t spilled_partitions() const { return partitions_.size(); }

  std::vector<std::string> Describe(ExplainWriter& w) const override;
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override { fn(child_); }

 private:
  PlanNodePtr child_;
  std::vector<KeyColumn> columns_;
  std::unordered_set<std::string> seen_;
  int64_t work_mem_ = -1;
  int64_t budget_ = 0;
  int64_t used_ = 0;
  bool child_done_ = false;
  std::vector<std::unique_ptr<SpillFile>> partitions_;
  size_t partition_ = 0;  // the partition being read once child_done_
  bool partition_open_ = false;
};

// Evaluates a boolean predicate over a row; NULL is false.
bool EvaluatePredicate(const BoundExpr& predicate, const Row& row, EvalContext& ctx);

}  // namespace strata::sql
