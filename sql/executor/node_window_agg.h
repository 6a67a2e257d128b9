// WindowAgg: evaluates the window function calls of one window (PostgreSQL's
// nodeWindowAgg.c). The planner (sql/commands/plan_window.h) stacks one
// WindowAgg per distinct window, each over a Sort by that window's PARTITION
// BY and ORDER BY keys unless its input already arrives in that order, so a
// WindowAgg reads rows already ordered and works one partition at a time:
// it reads the partition's rows (up to the first row of the next partition,
// held back), finds its peer groups (rows equal in the ORDER BY keys), then
// returns the partition's rows in order, each with its calls' values: the
// ranking functions from peer groups, lag/lead from row positions,
// aggregates and first/last/nth_value over each row's frame (ROWS / RANGE /
// GROUPS bounds, EXCLUDE). Aggregates whose frame starts at the partition's
// start with no exclusion advance one state; any other frame is recomputed
// per row.
//
// Memory: only the current partition is held (PartitionRows); past work_mem
// its rows go to a spill file and are read back in chunks (random access for
// lag/lead and frames). What stays in memory per partition is one file
// offset per chunk of rows, the peer groups' first positions and, for RANGE
// with an offset, each row's ORDER BY value.
//
// Rows: the input row is [row (base slots)..., earlier windows' call
// results..., computed keys...]; the output row has exactly base + the
// number of ALL window calls slots (slot base + j holds call j once its
// WindowAgg has run) -- computed keys a Sort below appended are dropped.
//
// LIFETIME: `calls` and `params` outlive the node.
#pragma once

#include <memory>
#include <vector>

#include "sql/binder/window.h"
#include "sql/executor/plan_node.h"

namespace strata::sql {

// Where a WindowAgg finds a PARTITION BY / ORDER BY key value of a row: slot
// `slot` of its input row (a plain column, or one a Sort below computed),
// else `expr` evaluated over the row.
struct WindowKeySource {
  int slot = -1;
  const BoundExpr* expr = nullptr;
};

class PartitionRows;  // node_window_agg.cpp

class WindowAgg final : public PlanNode {
 public:
  // `members`: indexes into `calls` of the calls of this window (all with
  // the same window); `keys`: its partition keys, then its order keys;
  // `base`: the width of the row the window calls were bound over.
  WindowAgg(PlanNodePtr child, const std::vector<WindowCall>* calls, std::vector<size_t> members,
            std::vector<WindowKeySource> keys, int base, const std::vector<Value>* params = nullptr);
  ~WindowAgg() override;
  void Init() override;
  bool Next(Row* row) override;
  void Close() override;
  // Memory budget in bytes for one partition (default: work_mem at Init).
  void set_work_mem(int64_t bytes) { work_mem_ = bytes; }
  // Input slots no node reads: set to NULL as rows arrive (see Sort's).
  void set_cleared_columns(std::vector<int> slots) { cleared_ = std::move(slots); }
  // Partitions the last run spilled to disk.
  size_t spilled_partitions() const { return spilled_partitions_; }

  std::vector<std::string> Describe(ExplainWriter& w) const override;
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override { fn(child_); }

 private:
  struct CallState;
  // Reads the next input row into pending_ with its keys; false at the end.
  bool ReadInput();
  // Reads the next partition into rows_; false when the input is done.
  bool LoadPartition();
  // Evaluates the partition-wide values (frame offsets, ntile's argument).
  void StartPartition();
  // Sets the values of this window's calls for position i of the partition.
  void ComputeRow(size_t i, Row* out);
  void FrameOf(size_t i, int64_t* fs, int64_t* fe);
  Value RangeBound(size_t i, const Value& offset, bool add, int* infinite);

  PlanNodePtr child_;
  const std::vector<WindowCall>* calls_;
  std::vector<size_t> members_;
  std::vector<WindowKeySource> keys_;
  size_t partition_keys_;  // keys_[0, partition_keys_) partition, the rest order
  std::vector<KeyColumn> key_columns_;
  int base_;
  size_t width_;  // output width: base + all calls
  EvalContext ctx_;
  const BoundWindow& window_;  // the window of every member
  int opts_;
  bool is_range_;
  bool is_groups_;
  bool range_values_;  // RANGE with an offset: cmp_ is filled
  bool nulls_first_;
  bool desc_;
  // Rows never looked at again once returned (no lag, frames that only move
  // forward...): returned by move rather than copied.
  bool move_rows_ = false;
  std::vector<int> cleared_;
  int64_t work_mem_ = -1;
  int64_t budget_ = 0;
  size_t spilled_partitions_ = 0;

  // The current partition.
  std::unique_ptr<PartitionRows> rows_;
  std::vector<size_t> g_start_;  // first position of each peer group
  std::vector<Value> cmp_;       // RANGE offsets: each row's compare-typed order value
  size_t pos_ = 0;               // next position to return
  size_t group_ = 0;             // peer group of position pos_
  std::vector<CallState> states_;
  Row values_;  // this window's call values for the row being returned
  bool offsets_done_ = false;
  int64_t off_start_ = 0;
  int64_t off_end_ = 0;
  Value off_start_value_;
  Value off_end_value_;
  // The first row of the next partition, read ahead, with its keys.
  Row pending_;
  std::string pending_pkey_;
  std::string pending_okey_;
  Value pending_first_;
  bool have_pending_ = false;
  bool input_done_ = false;
};

}  // namespace strata::sql
