// IndexNestLoop: PostgreSQL's nested loop over a parameterized inner index
// scan. For each outer row the inner table is read only where its key
// equals the outer row's join values: the join equalities' outer sides are
// evaluated over the outer row and encoded as the leading columns of an
// index (or of the primary key), and the inner scan is re-aimed at that key
// prefix and run again. The inner side may be wrapped in a ConjunctFilter
// (the inner table's own restrictions). Every join qual, the equalities
// included, is still evaluated over each pair, so the rows are exactly a
// NestLoop's over the same inputs, in the same order.
//
// A join value that is NULL, or that no key of the column's type can
// equal (an int8 beyond int4's range for an int4 column), matches nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sql/executor/node_index_scan.h"
#include "sql/executor/plan_node.h"
#include "sql/storage_format/key_codec.h"

namespace strata::sql {

class IndexNestLoop final : public PlanNode {
 public:
  // One leading key column of the inner index: the outer expression its
  // value must equal (over [slot_base slots, outer row]), how the column
  // is encoded, its type, and the equality qual it comes from (for EXPLAIN).
  struct KeyPart {
    const BoundExpr* outer;
    const BoundExpr* inner_column;
    const BoundExpr* qual;  // the equality conjunct (one of the quals)
    KeyColumn column;
    Oid column_type;
  };
  // `inner`: the inner subtree; `seq_scan` (a primary-key read of the table
  // tree) or `index_scan` is the scan inside it that gets re-aimed.
  // `whole_key`: the key parts are the whole primary key (one row at most).
  IndexNestLoop(PlanNodePtr outer, PlanNodePtr inner, SeqScan* seq_scan, IndexScan* index_scan,
                std::vector<KeyPart> keys, bool whole_key, JoinType type,
                std::vector<const BoundExpr*> quals, size_t outer_width, size_t inner_width,
                std::vector<const BoundExpr*> extra, size_t slot_base,
                const std::vector<Value>* params)
      : outer_(std::move(outer)),
        inner_(std::move(inner)),
        seq_scan_(seq_scan),
        index_scan_(index_scan),
        keys_(std::move(keys)),
        whole_key_(whole_key),
        type_(type),
        quals_(std::move(quals)),
        outer_width_(outer_width),
        inner_width_(inner_width),
        extra_(std::move(extra)),
        slot_base_(slot_base),
        ctx_(params) {}
  void Init() override;
  bool Next(Row* row) override;
  void Close() override;
  std::vector<std::string> Describe(ExplainWriter& w) const override;
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override {
    fn(outer_);
    fn(inner_);
  }
  // How an outer value becomes a key value of the inner column's type
  // (exactly, or nullopt when no key can equal it); REQUIRED before Init().
  using ExactValueFn = std::optional<Value> (*)(const Value&, Oid);
  void set_exact_value(ExactValueFn fn) { exact_value_ = fn; }

 private:
  // Aims the inner scan at the current outer row's key; false if no key
  // can match.
  bool AimInner();

  PlanNodePtr outer_;
  PlanNodePtr inner_;
  SeqScan* seq_scan_;
  IndexScan* index_scan_;
  std::vector<KeyPart> keys_;
  bool whole_key_;
  JoinType type_;
  std::vector<const BoundExpr*> quals_;
  size_t outer_width_;
  size_t inner_width_;
  std::vector<const BoundExpr*> extra_;
  size_t slot_base_;
  EvalContext ctx_;
  ExactValueFn exact_value_ = nullptr;
  Row outer_row_;
  Row inner_row_;
  Row combined_;
  bool have_outer_ = false;
  bool inner_open_ = false;
  bool outer_matched_ = false;
};

}  // namespace strata::sql
