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
#include <vector>

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

// Evaluates a boolean predicate over a row; NULL is false.
bool EvaluatePredicate(const BoundExpr& predicate, const Row& row, EvalContext& ctx);

}  // namespace strata::sql
