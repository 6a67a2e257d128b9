// Window plans (Sort + WindowAgg, commands/plan_window.h) and GroupingSetsAgg
// over fixed input rows: ranking with peers, ROWS/GROUPS frames with
// EXCLUDE, running sums of the default frame, lag with a default, a
// partition spilled past work_mem, and grouping sets with NULLed keys and
// GROUPING() masks.
#include <catch2/catch.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/builtin_types.h"
#include "sql/commands/plan_window.h"
#include "sql/executor/node_grouping_sets.h"
#include "sql/executor/node_window_agg.h"

namespace strata::sql {
namespace {

class RowsNode final : public PlanNode {
 public:
  explicit RowsNode(std::vector<Row> rows) : rows_(std::move(rows)) {}
  void Init() override { next_ = 0; }
  bool Next(Row* row) override {
    if (next_ >= rows_.size()) return false;
    *row = rows_[next_++];
    return true;
  }

 private:
  std::vector<Row> rows_;
  size_t next_ = 0;
};

// Rows of (partition, value) int4 pairs.
PlanNodePtr Pairs(std::vector<std::pair<int, std::optional<int>>> values) {
  std::vector<Row> rows;
  for (auto [p, v] : values) {
    Row row{Value::Int4(p), v ? Value::Int4(*v) : Value::Null(type_oid::kInt4)};
    rows.push_back(std::move(row));
  }
  return std::make_unique<RowsNode>(std::move(rows));
}

BoundExprPtr Col(int slot) {
  return std::make_unique<BoundColumnRef>(slot, DataType{type_oid::kInt4, -1}, -1);
}

// Each output row's last column, in output order, "N" for NULL.
std::string LastColumn(PlanNode& node) {
  std::string s;
  node.Init();
  Row row;
  while (node.Next(&row)) {
    const Value& v = row.back();
    s += (s.empty() ? "" : ",") + (v.is_null() ? std::string("N") : std::to_string(v.int_value()));
  }
  node.Close();
  return s;
}

// The window plan over rows of two columns.
PlanNodePtr Plan(PlanNodePtr input, const std::vector<WindowCall>& calls) {
  return PlanWindowAggs(std::move(input), calls, 2, nullptr, {}).node;
}

WindowCall Call(WindowFuncKind kind, bool partitioned, int frame_options = frame::kDefaults) {
  WindowCall call;
  call.kind = kind;
  call.type = DataType{type_oid::kInt8, -1};
  if (partitioned) call.window.partition.push_back(Col(0));
  WindowOrderKey key;
  key.expr = Col(1);
  call.window.order.push_back(std::move(key));
  call.window.frame_options = frame_options;
  return call;
}

TEST_CASE("WindowAgg ranks peers and numbers rows per partition", "[executor][window]") {
  std::vector<WindowCall> calls;
  calls.push_back(Call(WindowFuncKind::kRank, true));
  PlanNodePtr rank = Plan(Pairs({{1, 10}, {1, 20}, {1, 10}, {2, 5}, {2, std::nullopt}}), calls);
  CHECK(LastColumn(*rank) == "1,1,3,1,2");
  calls[0].kind = WindowFuncKind::kDenseRank;
  PlanNodePtr dense = Plan(Pairs({{1, 10}, {1, 20}, {1, 10}}), calls);
  CHECK(LastColumn(*dense) == "1,1,2");
  calls[0].kind = WindowFuncKind::kRowNumber;
  PlanNodePtr numbers = Plan(Pairs({{2, 1}, {1, 2}, {1, 1}}), calls);
  CHECK(LastColumn(*numbers) == "1,2,1");
}

TEST_CASE("WindowAgg sums over the default frame and ROWS/GROUPS frames", "[executor][window]") {
  auto sum_call = [](int options) {
    WindowCall call = Call(WindowFuncKind::kAggregate, false, options);
    call.agg.kind = AggKind::kSum;
    call.agg.arg = Col(1);
    call.agg.type = DataType{type_oid::kInt8, -1};
    return call;
  };
  std::vector<WindowCall> calls;
  calls.push_back(sum_call(frame::kDefaults));  // peers share the running sum
  PlanNodePtr running = Plan(Pairs({{0, 1}, {0, 2}, {0, 2}, {0, 4}}), calls);
  CHECK(LastColumn(*running) == "1,5,5,9");

  calls.clear();
  calls.push_back(sum_call(frame::kNonDefault | frame::kRows | frame::kStartOffsetPreceding |
                           frame::kEndCurrentRow));
  calls[0].window.start_offset =
      std::make_unique<BoundConstant>(Value::Int8(1), DataType{type_oid::kInt8, -1}, -1);
  PlanNodePtr moving = Plan(Pairs({{0, 1}, {0, 2}, {0, 3}, {0, 4}}), calls);
  CHECK(LastColumn(*moving) == "1,3,5,7");

  calls.clear();
  calls.push_back(sum_call(frame::kNonDefault | frame::kGroups | frame::kStartUnboundedPreceding |
                           frame::kEndUnboundedFollowing | frame::kExcludeGroup));
  PlanNodePtr exclude = Plan(Pairs({{0, 1}, {0, 2}, {0, 2}, {0, 4}}), calls);
  CHECK(LastColumn(*exclude) == "8,5,5,5");

  calls[0].window.start_offset =
      std::make_unique<BoundConstant>(Value::Int8(-1), DataType{type_oid::kInt8, -1}, -1);
  calls[0].window.frame_options = frame::kNonDefault | frame::kRows |
                                  frame::kStartOffsetPreceding | frame::kEndCurrentRow;
  PlanNodePtr negative = Plan(Pairs({{0, 1}}), calls);
  CHECK_THROWS_WITH(LastColumn(*negative), "frame starting offset must not be negative");
}

TEST_CASE("WindowAgg lag reads earlier rows of the partition", "[executor][window]") {
  std::vector<WindowCall> calls;
  calls.push_back(Call(WindowFuncKind::kLag, true));
  calls[0].args.push_back(Col(1));
  calls[0].args.push_back(
      std::make_unique<BoundConstant>(Value::Int4(1), DataType{type_oid::kInt4, -1}, -1));
  calls[0].args.push_back(
      std::make_unique<BoundConstant>(Value::Int4(-1), DataType{type_oid::kInt4, -1}, -1));
  PlanNodePtr lag = Plan(Pairs({{1, 10}, {1, 20}, {2, 30}}), calls);
  CHECK(LastColumn(*lag) == "-1,10,-1");
}

TEST_CASE("WindowAgg reads a spilled partition back at random", "[executor][window]") {
  // One partition (column 0 is 0) of 1000 rows, ordered by column 1.
  std::vector<std::pair<int, std::optional<int>>> values;
  for (int i = 0; i < 1000; ++i) values.emplace_back(0, i);
  std::vector<WindowCall> calls;
  calls.push_back(Call(WindowFuncKind::kLag, true));
  calls[0].args.push_back(Col(1));
  calls[0].args.push_back(
      std::make_unique<BoundConstant>(Value::Int4(700), DataType{type_oid::kInt4, -1}, -1));
  WindowCall sum = Call(WindowFuncKind::kAggregate, true,
                        frame::kNonDefault | frame::kRows | frame::kStartOffsetPreceding |
                            frame::kEndOffsetFollowing);
  sum.agg.kind = AggKind::kSum;
  sum.agg.arg = Col(1);
  sum.agg.type = DataType{type_oid::kInt8, -1};
  sum.window.start_offset =
      std::make_unique<BoundConstant>(Value::Int8(300), DataType{type_oid::kInt8, -1}, -1);
  sum.window.end_offset =
      std::make_unique<BoundConstant>(Value::Int8(2), DataType{type_oid::kInt8, -1}, -1);
  calls.push_back(std::move(sum));
  // Both calls of one window each (the input is in their order already).
  auto run = [&](int64_t work_mem, size_t* spilled) {
    std::vector<WindowKeySource> keys = {{0, nullptr}, {1, nullptr}};
    WindowAgg lag(Pairs(values), &calls, {0}, keys, 2);
    lag.set_work_mem(work_mem);
    std::vector<std::string> out;
    lag.Init();
    Row row;
    while (lag.Next(&row)) {
      std::string s;
      for (size_t c = 2; c < 3; ++c) s += row[c].is_null() ? "N" : std::to_string(row[c].int_value());
      out.push_back(s);
    }
    *spilled = lag.spilled_partitions();
    lag.Close();
    WindowAgg agg(Pairs(values), &calls, {1}, keys, 2);
    agg.set_work_mem(work_mem);
    agg.Init();
    size_t i = 0;
    while (agg.Next(&row)) out[i++] += "/" + std::to_string(row[3].int_value());
    *spilled += agg.spilled_partitions();
    agg.Close();
    return out;
  };
  size_t in_memory_spills = 0, spills = 0;
  const std::vector<std::string> expected = run(int64_t{1} << 30, &in_memory_spills);
  const std::vector<std::string> spilled = run(4096, &spills);
  CHECK(in_memory_spills == 0);
  CHECK(spills == 2);
  CHECK(spilled == expected);
  REQUIRE(expected.size() == 1000);
  CHECK(expected[699] == "N/" + std::to_string((399 + 701) * 303 / 2));
  CHECK(expected[700] == "0/" + std::to_string((400 + 702) * 303 / 2));
  CHECK(expected[999] == "299/" + std::to_string((699 + 999) * 301 / 2));
}

TEST_CASE("GroupingSetsAgg NULLs keys outside a set and sets GROUPING()", "[executor][grouping]") {
  GroupingState g;
  g.keys.push_back(Col(0));
  g.keys.push_back(Col(1));
  AggregateCall count;
  count.kind = AggKind::kCountStar;
  count.type = DataType{type_oid::kInt8, -1};
  g.aggs.push_back(std::move(count));
  AggregateCall grouping;
  grouping.kind = AggKind::kCountStar;
  grouping.type = DataType{type_oid::kInt4, -1};
  g.aggs.push_back(std::move(grouping));
  g.grouping_funcs.push_back({3, {0, 1}});
  g.sets = {{true, true}, {true, false}, {false, false}};  // ROLLUP (a, b)
  GroupingSetsAgg node(Pairs({{1, 10}, {1, 10}, {2, 20}}), &g);
  node.Init();
  std::string s;
  Row row;
  while (node.Next(&row)) {
    for (const Value& v : row) s += v.is_null() ? "N " : std::to_string(v.int_value()) + " ";
    s += "|";
  }
  CHECK(s == "1 10 2 0 |2 20 1 0 |1 N 2 1 |2 N 1 1 |N N 3 3 |");
}

}  // namespace
}  // namespace strata::sql
