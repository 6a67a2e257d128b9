// NestLoop, HashAgg, HashDistinct, Unique and LimitWithTies over fixed input
// rows: NULL extension of outer joins, grouping with NULL keys, one row for
// aggregates over no rows, DISTINCT ON's first row per key, FETCH ... WITH TIES.
#include <catch2/catch.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/builtin_types.h"
#include "sql/executor/node_limit_with_ties.h"
#include "sql/executor/node_unique.h"
#include "sql/executor/plan_node.h"

namespace strata::sql {
namespace {

// A child node returning fixed rows.
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

PlanNodePtr Ints(std::vector<std::optional<int64_t>> values) {
  std::vector<Row> rows;
  for (auto v : values) {
    Row row(1);
    if (v) row[0] = Value::Int4(*v);
    rows.push_back(std::move(row));
  }
  return std::make_unique<RowsNode>(std::move(rows));
}

std::vector<Row> Drain(PlanNode& node) {
  std::vector<Row> out;
  node.Init();
  Row row;
  while (node.Next(&row)) out.push_back(row);
  node.Close();
  return out;
}

std::string Show(const std::vector<Row>& rows) {
  std::string s;
  for (const Row& r : rows) {
    s += "(";
    for (size_t i = 0; i < r.size(); ++i) {
      if (i) s += ",";
      s += r[i].is_null() ? "N" : std::to_string(r[i].int_value());
    }
    s += ")";
  }
  return s;
}

// outer.col0 = inner.col0
class EqualColumns final : public BoundExpr {
 public:
  EqualColumns() : BoundExpr(BoundExprKind::kFunctionCall, DataType{type_oid::kBool, -1}, -1) {}
  Value Evaluate(EvalContext& ctx) const override {
    const Value& a = ctx.Column(0);
    const Value& b = ctx.Column(1);
    if (a.is_null() || b.is_null()) return Value::Null(type_oid::kBool);
    return Value::Bool(a.int_value() == b.int_value());
  }
};

TEST_CASE("NestLoop joins and NULL-extends", "[executor]") {
  EqualColumns eq;
  auto join = [&](JoinType type) {
    NestLoop node(Ints({1, 2, std::nullopt}), Ints({2, 3, 2}), type, {&eq}, 1, 1, {});
    return Show(Drain(node));
  };
  CHECK(join(JoinType::kInner) == "(2,2)(2,2)");
  CHECK(join(JoinType::kLeft) == "(1,N)(2,2)(2,2)(N,N)");
  CHECK(join(JoinType::kRight) == "(2,2)(2,2)(N,3)");
  CHECK(join(JoinType::kFull) == "(1,N)(2,2)(2,2)(N,N)(N,3)");
  NestLoop cross(Ints({1, 2}), Ints({5, 6}), JoinType::kInner, {}, 1, 1, {});
  CHECK(Show(Drain(cross)) == "(1,5)(1,6)(2,5)(2,6)");
  NestLoop empty(Ints({}), Ints({1}), JoinType::kFull, {&eq}, 1, 1, {});
  CHECK(Show(Drain(empty)) == "(N,1)");
}

TEST_CASE("HashAgg groups (NULLs together) and aggregates", "[executor]") {
  std::vector<BoundExprPtr> keys;
  keys.push_back(std::make_unique<BoundColumnRef>(0, DataType{type_oid::kInt4, -1}, -1));
  std::vector<AggregateCall> aggs(2);
  aggs[0].kind = AggKind::kCountStar;
  aggs[0].type = DataType{type_oid::kInt8, -1};
  aggs[1].kind = AggKind::kSum;
  aggs[1].arg = std::make_unique<BoundColumnRef>(0, DataType{type_oid::kInt4, -1}, -1);
  aggs[1].type = DataType{type_oid::kInt8, -1};
  HashAgg grouped(Ints({3, std::nullopt, 3, 1, std::nullopt}), &keys, &aggs);
  CHECK(Show(Drain(grouped)) == "(3,2,6)(N,2,N)(1,1,1)");

  std::vector<BoundExprPtr> no_keys;
  HashAgg plain(Ints({}), &no_keys, &aggs);
  CHECK(Show(Drain(plain)) == "(0,N)");
  aggs[1].distinct = true;
  HashAgg distinct(Ints({2, 2, 5, std::nullopt}), &no_keys, &aggs);
  CHECK(Show(Drain(distinct)) == "(4,7)");
}

TEST_CASE("HashDistinct keeps the first of equal rows", "[executor]") {
  HashDistinct node(Ints({2, 1, 2, std::nullopt, std::nullopt, 1}),
                    {KeyColumn(type_oid::kInt4)});
  CHECK(Show(Drain(node)) == "(2)(1)(N)");
}

TEST_CASE("Unique keeps the first row of each run of equal keys", "[executor]") {
  const SortKey key{0, KeyColumn(type_oid::kInt4)};
  Unique node(Ints({1, 1, 2, std::nullopt, std::nullopt, 1}), {key});
  CHECK(Show(Drain(node)) == "(1)(2)(N)(1)");
  CHECK(Show(Drain(node)) == "(1)(2)(N)(1)");  // Init restarts
}

TEST_CASE("LimitWithTies returns the rows tying with the last one", "[executor]") {
  const SortKey key{0, KeyColumn(type_oid::kInt4)};
  auto run = [&](int64_t offset, int64_t count) {
    LimitWithTies node(Ints({1, 2, 2, 2, 3, std::nullopt, std::nullopt}), offset, count, {key});
    return Show(Drain(node));
  };
  CHECK(run(0, 2) == "(1)(2)(2)(2)");
  CHECK(run(0, 1) == "(1)");
  CHECK(run(0, 0) == "");
  CHECK(run(1, 1) == "(2)(2)(2)");
  CHECK(run(4, 1) == "(3)");
  CHECK(run(5, 1) == "(N)(N)");
  CHECK(run(0, -1) == "(1)(2)(2)(2)(3)(N)(N)");
  CHECK(run(10, 1) == "");
}

}  // namespace
}  // namespace strata::sql
