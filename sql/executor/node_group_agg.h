// GroupAgg: PostgreSQL's sorted aggregation (GroupAggregate, nodeAgg.c's
// AGG_SORTED): the input arrives ordered by the group keys (an index read in
// their order), so each group is its run of consecutive rows with equal keys
// and is finished as soon as the next key differs. Nothing is materialized
// and a Limit above stops the input early.
//
// Output rows are as HashAgg's: the keys' values, then each aggregate's.
// Keys are equal when their memcomparable encodings are (NULLs equal), as
// HashAgg groups them.
#pragma once

#include <string>
#include <vector>

#include "sql/executor/plan_node.h"

namespace strata::sql {

class GroupAgg final : public PlanNode {
 public:
  // REQUIRES: `keys` not empty; the child's rows ordered by them.
  // LIFETIME: keys, aggs and params outlive the node.
  GroupAgg(PlanNodePtr child, const std::vector<BoundExprPtr>* keys,
           const std::vector<AggregateCall>* aggs, const std::vector<Value>* params = nullptr);
  void Init() override;
  bool Next(Row* row) override;
  void Close() override { child_->Close(); }
  std::vector<std::string> Describe(ExplainWriter& w) const override;
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override { fn(child_); }

 private:
  // Reads the next input row into pending_ and its key into pending_key_.
  bool ReadRow();

  PlanNodePtr child_;
  const std::vector<BoundExprPtr>* keys_;
  const std::vector<AggregateCall>* aggs_;
  std::vector<KeyColumn> key_columns_;
  EvalContext ctx_;
  Row pending_;              // the first row of the next group
  Row pending_values_;       // its key values
  std::string pending_key_;  // their encoding
  bool have_pending_ = false;
};

// EXPLAIN of an aggregate node (explain_nodes.cpp): `name` is
// "HashAggregate", "GroupAggregate" or "Aggregate".
std::vector<std::string> DescribeAggregate(ExplainWriter& w, const std::string& name,
                                           const PlanNode& child,
                                           const std::vector<BoundExprPtr>& keys,
                                           const std::vector<AggregateCall>& aggs);

}  // namespace strata::sql
