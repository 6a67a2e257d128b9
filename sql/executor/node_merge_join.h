// MergeJoin: PostgreSQL's merge join for inner joins. Both inputs arrive
// ordered by the join keys (a Sort below, or an index / primary-key scan in
// that order); the join walks them side by side, keeping the inner rows of
// the current key (the "group") in memory so outer rows with equal keys can
// all be paired with it. That buffer is what PostgreSQL's mark/restore on
// the inner scan (or a Material node) provides.
//
// Order: keys compare by their memcomparable encodings (hash_join_keys.h,
// the same KeyColumn the sort below each side uses), ascending, NULLs last;
// a row whose key is NULL matches nothing and is skipped. Output comes in
// the key order, each outer row's matches in inner order.
#pragma once

#include <string>
#include <vector>

#include "sql/executor/hash_join_keys.h"
#include "sql/executor/plan_node.h"

namespace strata::sql {

class MergeJoin final : public PlanNode {
 public:
  // `quals`: every join condition (the key equalities included), over rows
  // [slot_base leading slots, outer, inner]; `keys` the merge clauses, in
  // the inputs' sort order. `extra`: as NestLoop's.
  MergeJoin(PlanNodePtr outer, PlanNodePtr inner, std::vector<const BoundExpr*> quals,
            std::vector<HashJoinKey> keys, size_t outer_width, size_t inner_width,
            std::vector<const BoundExpr*> extra, const std::vector<Value>* params = nullptr);
  void Init() override;
  bool Next(Row* row) override;
  void Close() override;
  void set_slot_base(size_t base) { slot_base_ = base; }

  std::vector<std::string> Describe(ExplainWriter& w) const override;
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override {
    fn(outer_);
    fn(inner_);
  }

 private:
  // Reads inner rows until one with a non-NULL key (into pending_), or the
  // end (inner_done_).
  void ReadInner();
  // Whether the pair (outer_row_, group_[i]) passes the non-key quals.
  bool PairMatches(size_t i);

  PlanNodePtr outer_;
  PlanNodePtr inner_;
  std::vector<const BoundExpr*> quals_;
  std::vector<HashJoinKey> keys_;
  size_t outer_width_;
  size_t inner_width_;
  std::vector<const BoundExpr*> extra_;
  bool compare_keys_;  // the quals are exactly the key equalities
  size_t slot_base_ = 0;
  EvalContext ctx_;

  Row combined_;              // [slot_base, outer, inner] for evaluation
  Row outer_row_;
  std::string outer_key_;
  bool outer_done_ = false;
  Row pending_;               // the next inner row not in the group
  std::string pending_key_;
  bool inner_done_ = false;
  std::vector<Row> group_;    // inner rows whose key is group_key_
  std::string group_key_;
  bool have_group_ = false;
  size_t group_pos_ = 0;      // next group row to pair with outer_row_
  bool emitting_ = false;     // outer_row_ matches the group
};

}  // namespace strata::sql
