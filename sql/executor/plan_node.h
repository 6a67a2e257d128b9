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
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "sql/binder/grouping.h"
#include "sql/expr/bound_expr.h"
#include "sql/storage_format/key_codec.h"
#include "sql/table/table_codec.h"
#include "txn/transaction.h"

namespace strata::sql {

class PlanNode {
 public:
  virtual ~PlanNode() = default;
  virtual void Init() = 0;
  // The next row into *row; false when there are no more.
  virtual bool Next(Row* row) = 0;
  virtual void Close() {}
};

using PlanNodePtr = std::unique_ptr<PlanNode>;

// Every row of a table in key order, as the transaction sees it, optionally
// within key bounds [lower, upper) (a primary-key lookup is such a range).
class SeqScan final : public PlanNode {
 public:
  // LIFETIME: `txn` and `codec` outlive the node.
  SeqScan(txn::Transaction* txn, const TableCodec* codec,
          std::optional<std::string> lower = std::nullopt,
          std::optional<std::string> upper = std::nullopt)
      : txn_(txn), codec_(codec), lower_(std::move(lower)), upper_(std::move(upper)) {}
  void Init() override;
  bool Next(Row* row) override;
  void Close() override { iter_.reset(); }
  // The key of the row the last Next() returned.
  const std::string& current_key() const { return key_; }

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

 private:
  PlanNodePtr child_;
  std::vector<const BoundExpr*> exprs_;
  Row input_;
  EvalContext ctx_;
};

// One sort key: a column of the input row and how it orders.
struct SortKey {
  int column = 0;
  KeyColumn key;
};

// Reads every child row, orders them by the keys (PostgreSQL's ordering,
// via memcomparable key encodings), then returns the first `keep_columns`
// columns of each (dropping sort-only columns).
class Sort final : public PlanNode {
 public:
  Sort(PlanNodePtr child, std::vector<SortKey> keys, size_t keep_columns)
      : child_(std::move(child)), keys_(std::move(keys)), keep_columns_(keep_columns) {}
  void Init() override;
  bool Next(Row* row) override;
  void Close() override { rows_.clear(); child_->Close(); }

 private:
  PlanNodePtr child_;
  std::vector<SortKey> keys_;
  size_t keep_columns_;
  std::vector<std::pair<std::string, Row>> rows_;
  size_t next_ = 0;
};

// OFFSET then LIMIT (count < 0 = no limit).
class Limit final : public PlanNode {
 public:
  Limit(PlanNodePtr child, int64_t offset, int64_t count)
      : child_(std::move(child)), offset_(offset), count_(count) {}
  void Init() override;
  bool Next(Row* row) override;
  void Close() override { child_->Close(); }

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

 private:
  PlanNodePtr child_;
  const std::vector<BoundExprPtr>* keys_;
  const std::vector<AggregateCall>* aggs_;
  const std::vector<Value>* params_;  // the statement's $n values (may be null)
  std::vector<Row> groups_;  // finished output rows
  size_t next_ = 0;
};

// SELECT DISTINCT: the first row of each set of rows equal in their first
// `columns` columns (equal memcomparable encodings: NULLs equal), in input
// order. Rows are not materialized, only their keys.
class HashDistinct final : public PlanNode {
 public:
  HashDistinct(PlanNodePtr child, std::vector<KeyColumn> columns)
      : child_(std::move(child)), columns_(std::move(columns)) {}
  void Init() override {
    seen_.clear();
    child_->Init();
  }
  bool Next(Row* row) override;
  void Close() override {
    seen_.clear();
    child_->Close();
  }

 private:
  PlanNodePtr child_;
  std::vector<KeyColumn> columns_;
  std::unordered_set<std::string> seen_;
};

// Evaluates a boolean predicate over a row; NULL is false.
bool EvaluatePredicate(const BoundExpr& predicate, const Row& row, EvalContext& ctx);

}  // namespace strata::sql
