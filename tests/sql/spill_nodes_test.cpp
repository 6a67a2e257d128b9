// HashJoin (against NestLoop, in memory and as a grace join), the external
// Sort, HashAgg and HashDistinct with a tiny work_mem (every one must spill
// and give the in-memory result), SpillFile round trips, and EXPLAIN's text
// rendering of a hash join.
#include <catch2/catch.hpp>
#include <algorithm>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "catalog/builtin_types.h"
#include "common/sql_error.h"
#include "sql/executor/byte_string_set.h"
#include "sql/executor/explain_writer.h"
#include "sql/executor/hash_join_keys.h"
#include "sql/executor/node_hash_join.h"
#include "sql/executor/plan_node.h"
#include "sql/executor/row_bytes.h"
#include "sql/executor/spill_file.h"
#include "sql/expr/builtin_function.h"
#include "sql/types/numeric.h"

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

std::vector<Row> Drain(PlanNode& node) {
  std::vector<Row> out;
  node.Init();
  Row row;
  while (node.Next(&row)) out.push_back(row);
  node.Close();
  return out;
}

std::string Show(const Row& r) {
  std::string s = "(";
  for (size_t i = 0; i < r.size(); ++i) {
    if (i) s += ",";
    s += r[i].is_null() ? "N" : std::to_string(r[i].int_value());
  }
  return s + ")";
}

std::vector<std::string> Shown(const std::vector<Row>& rows, bool sorted) {
  std::vector<std::string> out;
  for (const Row& r : rows) out.push_back(Show(r));
  if (sorted) std::sort(out.begin(), out.end());
  return out;
}

// Rows [key, seq] with keys in [0, range) or NULL.
std::vector<Row> KeyRows(size_t n, int range, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<Row> rows;
  for (size_t i = 0; i < n; ++i) {
    Row row(2);
    if (rng() % 10 != 0) row[0] = Value::Int4(static_cast<int64_t>(rng() % range));
    row[1] = Value::Int4(static_cast<int64_t>(i));
    rows.push_back(std::move(row));
  }
  return rows;
}

DataType Int4() { return DataType{type_oid::kInt4, -1}; }

// col a = col b, as the binder builds it (int4eq).
BoundExprPtr Equal(int a, int b) {
  std::vector<BoundExprPtr> args;
  args.push_back(std::make_unique<BoundColumnRef>(a, Int4(), -1));
  args.push_back(std::make_unique<BoundColumnRef>(b, Int4(), -1));
  return std::make_unique<BoundFunctionCall>(FindBuiltinFunction("int4eq"), std::move(args),
                                             DataType{type_oid::kBool, -1}, -1);
}

TEST_CASE("HashJoin keys: equalities across the sides only", "[executor][hashjoin]") {
  BoundExprPtr across = Equal(0, 2);
  BoundExprPtr same_side = Equal(0, 1);
  CHECK(FindHashJoinKeys({across.get()}, 0, 2, 2).size() == 1);
  CHECK(FindHashJoinKeys({same_side.get()}, 0, 2, 2).empty());
  // With a slot base, slots 0..1 belong to earlier FROM items.
  CHECK(FindHashJoinKeys({across.get()}, 1, 1, 2).empty());
}

TEST_CASE("HashJoin returns NestLoop's rows, in order in memory", "[executor][hashjoin]") {
  const std::vector<Row> outer = KeyRows(400, 50, 1);
  const std::vector<Row> inner = KeyRows(300, 60, 2);
  BoundExprPtr eq = Equal(0, 2);
  for (JoinType type : {JoinType::kInner, JoinType::kLeft, JoinType::kRight, JoinType::kFull}) {
    NestLoop loop(std::make_unique<RowsNode>(outer), std::make_unique<RowsNode>(inner), type,
                  {eq.get()}, 2, 2, {});
    const std::vector<Row> expected = Drain(loop);
    std::vector<HashJoinKey> keys = FindHashJoinKeys({eq.get()}, 0, 2, 2);
    REQUIRE(keys.size() == 1);
    HashJoin hash(std::make_unique<RowsNode>(outer), std::make_unique<RowsNode>(inner), type,
                  {eq.get()}, keys, 2, 2, {});
    CHECK(Shown(Drain(hash), false) == Shown(expected, false));
    CHECK_FALSE(hash.spilled());

    HashJoin grace(std::make_unique<RowsNode>(outer), std::make_unique<RowsNode>(inner), type,
                   {eq.get()}, keys, 2, 2, {});
    grace.set_work_mem(1024);
    CHECK(Shown(Drain(grace), true) == Shown(expected, true));
    CHECK(grace.spilled());
    // Init restarts, in grace mode too.
    CHECK(Shown(Drain(grace), true) == Shown(expected, true));

    // Partitions whose outer rows are matched in advance only in part: the
    // rest streams through the probe.
    HashJoin capped(std::make_unique<RowsNode>(outer), std::make_unique<RowsNode>(inner), type,
                    {eq.get()}, keys, 2, 2, {});
    capped.set_work_mem(1024);
    capped.set_outer_cap(40);
    CHECK(Shown(Drain(capped), true) == Shown(expected, true));
  }
}

TEST_CASE("HashJoin with a qual beyond its keys evaluates it", "[executor][hashjoin]") {
  const std::vector<Row> outer = KeyRows(300, 20, 6);
  const std::vector<Row> inner = KeyRows(300, 20, 7);
  BoundExprPtr eq = Equal(0, 2);
  // outer seq < inner seq: not a key, so the join must check it per candidate.
  std::vector<BoundExprPtr> args;
  args.push_back(std::make_unique<BoundColumnRef>(1, Int4(), -1));
  args.push_back(std::make_unique<BoundColumnRef>(3, Int4(), -1));
  BoundExprPtr less = std::make_unique<BoundFunctionCall>(
      FindBuiltinFunction("int4lt"), std::move(args), DataType{type_oid::kBool, -1}, -1);
  std::vector<HashJoinKey> keys = FindHashJoinKeys({eq.get(), less.get()}, 0, 2, 2);
  REQUIRE(keys.size() == 1);
  CHECK(KeysDecideQuals({eq.get()}, keys));
  CHECK_FALSE(KeysDecideQuals({eq.get(), less.get()}, keys));
  for (JoinType type : {JoinType::kInner, JoinType::kLeft, JoinType::kFull}) {
    NestLoop loop(std::make_unique<RowsNode>(outer), std::make_unique<RowsNode>(inner), type,
                  {eq.get(), less.get()}, 2, 2, {});
    const std::vector<Row> expected = Drain(loop);
    HashJoin hash(std::make_unique<RowsNode>(outer), std::make_unique<RowsNode>(inner), type,
                  {eq.get(), less.get()}, keys, 2, 2, {});
    CHECK(Shown(Drain(hash), false) == Shown(expected, false));
    HashJoin grace(std::make_unique<RowsNode>(outer), std::make_unique<RowsNode>(inner), type,
                   {eq.get(), less.get()}, keys, 2, 2, {});
    grace.set_work_mem(1024);
    CHECK(Shown(Drain(grace), true) == Shown(expected, true));
    CHECK(grace.spilled());
  }
}

TEST_CASE("Grace HashJoin with an empty outer side", "[executor][hashjoin]") {
  BoundExprPtr eq = Equal(0, 2);
  std::vector<HashJoinKey> keys = FindHashJoinKeys({eq.get()}, 0, 2, 2);
  const std::vector<Row> inner = KeyRows(200, 10, 3);
  for (JoinType type : {JoinType::kInner, JoinType::kRight}) {
    HashJoin grace(std::make_unique<RowsNode>(std::vector<Row>{}),
                   std::make_unique<RowsNode>(inner), type, {eq.get()}, keys, 2, 2, {});
    grace.set_work_mem(512);
    CHECK(Drain(grace).size() == (type == JoinType::kRight ? inner.size() : 0));
  }
}

TEST_CASE("Sort spills sorted runs and merges them stably", "[executor][spill]") {
  const std::vector<Row> rows = KeyRows(20000, 100, 4);
  const SortKey key{0, KeyColumn(type_oid::kInt4)};
  Sort memory(std::make_unique<RowsNode>(rows), {key}, 2);
  memory.set_work_mem(int64_t{1} << 30);
  const std::vector<Row> expected = Drain(memory);
  CHECK(memory.spilled_runs() == 0);
  Sort external(std::make_unique<RowsNode>(rows), {key}, 2);
  external.set_work_mem(2 * 1024);  // > 256 runs: a merge pass before the last
  const std::vector<Row> got = Drain(external);
  CHECK(Shown(got, false) == Shown(expected, false));
  CHECK(external.spilled_runs() > 256);
  // Stable: among equal keys (NULLs last) the input sequence ascends.
  bool stable = true;
  for (size_t i = 1; i < got.size(); ++i) {
    const bool same = got[i][0].is_null() == got[i - 1][0].is_null() &&
                      (got[i][0].is_null() || got[i][0].int_value() == got[i - 1][0].int_value());
    if (same && got[i][1].int_value() < got[i - 1][1].int_value()) stable = false;
  }
  CHECK(stable);
}

TEST_CASE("HashAgg and HashDistinct spill partitions past work_mem", "[executor][spill]") {
  const std::vector<Row> rows = KeyRows(5000, 2000, 5);
  std::vector<BoundExprPtr> keys;
  keys.push_back(std::make_unique<BoundColumnRef>(0, Int4(), -1));
  std::vector<AggregateCall> aggs(2);
  aggs[0].kind = AggKind::kCountStar;
  aggs[0].type = DataType{type_oid::kInt8, -1};
  aggs[1].kind = AggKind::kSum;
  aggs[1].arg = std::make_unique<BoundColumnRef>(1, Int4(), -1);
  aggs[1].type = DataType{type_oid::kInt8, -1};
  HashAgg memory(std::make_unique<RowsNode>(rows), &keys, &aggs);
  memory.set_work_mem(int64_t{1} << 30);
  const std::vector<Row> expected = Drain(memory);
  CHECK(memory.spilled_partitions() == 0);
  HashAgg spilled(std::make_unique<RowsNode>(rows), &keys, &aggs);
  spilled.set_work_mem(4096);
  CHECK(Shown(Drain(spilled), true) == Shown(expected, true));
  CHECK(spilled.spilled_partitions() > 0);

  std::vector<Row> keys_only;
  for (const Row& r : rows) keys_only.push_back(Row{r[0]});
  HashDistinct distinct_memory(std::make_unique<RowsNode>(keys_only), {KeyColumn(type_oid::kInt4)});
  const std::vector<Row> distinct_expected = Drain(distinct_memory);
  HashDistinct distinct(std::make_unique<RowsNode>(keys_only), {KeyColumn(type_oid::kInt4)});
  distinct.set_work_mem(2048);
  distinct.Init();
  std::vector<Row> got;
  Row row;
  while (distinct.Next(&row)) got.push_back(row);
  CHECK(distinct.spilled_partitions() > 0);
  distinct.Close();
  CHECK(Shown(got, true) == Shown(distinct_expected, true));
}

TEST_CASE("SpillFile round-trips values of every payload", "[executor][spill]") {
  SpillFile file;
  Row row;
  row.push_back(Value::Null(type_oid::kText));
  row.push_back(Value::Bool(true));
  row.push_back(Value::Int8(-42));
  row.push_back(Value::Float8(1.5));
  row.push_back(Value::Text(std::string("a\0b", 3)));
  row.push_back(Value::FromNumeric(Numeric::Parse("-12.500")));
  row.push_back(Value::FromInterval(Interval{5, 6, 7}));
  row.push_back(Value::Date(123));
  file.WriteKeyedRow("key", row);
  file.WriteRow(Row{});
  file.Rewind();
  std::string key;
  Row back;
  REQUIRE(file.ReadKeyedRow(&key, &back));
  CHECK(key == "key");
  REQUIRE(back.size() == row.size());
  CHECK(back[0].is_null());
  CHECK(back[0].type() == type_oid::kText);
  CHECK(back[1].bool_value());
  CHECK(back[2].int_value() == -42);
  CHECK(back[3].float_value() == 1.5);
  CHECK(back[4].string_value() == std::string("a\0b", 3));
  CHECK(back[5].numeric_value().ToString() == "-12.500");
  CHECK(back[6].interval_value() == Interval{5, 6, 7});
  CHECK(back[7].type() == type_oid::kDate);
  CHECK(back[7].date_value() == 123);
  REQUIRE(file.ReadRow(&back));
  CHECK(back.empty());
  CHECK_FALSE(file.ReadRow(&back));
}

TEST_CASE("ByteStringSet keeps each byte string once", "[executor]") {
  ByteStringSet set;
  std::set<std::string> expected;
  std::mt19937 rng(9);
  for (int i = 0; i < 20000; ++i) {
    // Lengths 0..40 (empty strings and embedded NULs included), many repeats.
    std::string key(rng() % 41, '\0');
    for (char& c : key) c = static_cast<char>(rng() % 3);
    CHECK(set.Insert(key) == expected.insert(key).second);
  }
  CHECK(set.size() == expected.size());
  for (const std::string& key : expected) CHECK_FALSE(set.Insert(key));
  set.clear();
  CHECK(set.size() == 0);
  CHECK(set.Insert(""));
  CHECK_FALSE(set.Insert(""));
}

TEST_CASE("Row bytes round-trip and refuse truncated input", "[executor][spill]") {
  Row row = {Value::Int4(3), Value::Null(type_oid::kNumeric), Value::Text("x"),
             Value::FromNumeric(Numeric::Parse("2.50")), Value::Float4(1.25f)};
  std::string bytes = "pre";
  AppendRowBytes(row, &bytes);
  std::string_view in = std::string_view(bytes).substr(3);
  Row back = {Value::Text("stale")};
  ReadRowBytes(&in, &back);
  CHECK(in.empty());
  REQUIRE(back.size() == row.size());
  CHECK(back[0].type() == type_oid::kInt4);
  CHECK(back[0].int_value() == 3);
  CHECK(back[1].is_null());
  CHECK(back[1].type() == type_oid::kNumeric);
  CHECK(back[2].string_value() == "x");
  CHECK(back[3].numeric_value().ToString() == "2.50");
  CHECK(back[4].type() == type_oid::kFloat4);
  CHECK(back[4].float_value() == 1.25);
  for (size_t cut = 0; cut + 3 < bytes.size(); ++cut) {
    std::string_view part = std::string_view(bytes).substr(3, cut);
    CHECK_THROWS_AS(ReadRowBytes(&part, &back), SqlError);
  }
  // With a side store the numeric stays a Value (no text round trip); the
  // bytes then read back only with that store.
  std::vector<Value> side;
  std::string held;
  AppendRowBytes(row, &held, &side);
  REQUIRE(side.size() == 1);
  std::string_view with_side = held;
  ReadRowBytes(&with_side, &back, &side);
  CHECK(back[3].numeric_value().ToString() == "2.50");
  CHECK(back[2].string_value() == "x");
  std::string_view without_side = held;
  CHECK_THROWS_AS(ReadRowBytes(&without_side, &back), SqlError);
}

TEST_CASE("EXPLAIN renders a hash join in PostgreSQL's text layout", "[executor][explain]") {
  BoundExprPtr eq = Equal(0, 2);
  std::vector<HashJoinKey> keys = FindHashJoinKeys({eq.get()}, 0, 2, 2);
  auto outer = std::make_unique<RowsNode>(std::vector<Row>{});
  outer->set_explain_name("Seq Scan on a");
  auto inner = std::make_unique<RowsNode>(std::vector<Row>{});
  inner->set_explain_name("Seq Scan on b");
  HashJoin join(std::move(outer), std::move(inner), JoinType::kLeft, {eq.get()}, keys, 2, 2, {});
  ExplainOptions options;
  options.costs = false;
  ExplainWriter w(options);
  w.SetFromLabels({"a.x", "a.y", "b.x", "b.z"}, {"x", "y", "x", "z"}, true);
  w.Describe(join);
  const std::vector<std::string> expected = {
      "Hash Left Join",
      "  Hash Cond: (a.x = b.x)",
      "  ->  Seq Scan on a",
      "  ->  Hash",
      "        ->  Seq Scan on b",
  };
  CHECK(w.Render() == expected);
}

TEST_CASE("EXPLAIN VERBOSE: Output lines through a projection onto a hash join",
          "[executor][explain]") {
  // SELECT b.z, a.y = b.z FROM a JOIN b ON a.x = b.x ORDER BY 2
  BoundExprPtr eq = Equal(0, 2);
  std::vector<HashJoinKey> keys = FindHashJoinKeys({eq.get()}, 0, 2, 2);
  auto outer = std::make_unique<RowsNode>(std::vector<Row>{});
  outer->set_explain_name("Seq Scan on a");
  auto inner = std::make_unique<RowsNode>(std::vector<Row>{});
  inner->set_explain_name("Seq Scan on b");
  auto join = std::make_unique<HashJoin>(std::move(outer), std::move(inner), JoinType::kInner,
                                         std::vector<const BoundExpr*>{eq.get()}, keys, 2, 2,
                                         std::vector<const BoundExpr*>{});
  BoundExprPtr z = std::make_unique<BoundColumnRef>(3, Int4(), -1);
  BoundExprPtr computed = Equal(1, 3);
  auto project = std::make_unique<Project>(std::move(join),
                                           std::vector<const BoundExpr*>{z.get(), computed.get()});
  Sort sort(std::move(project), {SortKey{1, KeyColumn(type_oid::kBool)}}, 2);
  ExplainOptions options;
  options.costs = false;
  options.verbose = true;
  ExplainWriter w(options);
  w.SetFromLabels({"a.x", "a.y", "b.x", "b.z"}, {"x", "y", "x", "z"}, true);
  w.Describe(sort);
  // The computed column prints bare where it is computed, in parentheses
  // above; the outer scan returns all its columns, the inner one what is
  // used above it (select list first, then the join condition).
  const std::vector<std::string> expected = {
      "Sort",
      "  Output: b.z, ((a.y = b.z))",
      "  Sort Key: ((a.y = b.z))",
      "  ->  Hash Join",
      "        Output: b.z, (a.y = b.z)",
      "        Hash Cond: (a.x = b.x)",
      "        ->  Seq Scan on a",
      "              Output: a.x, a.y",
      "        ->  Hash",
      "              Output: b.z, b.x",
      "              ->  Seq Scan on b",
      "                    Output: b.z, b.x",
  };
  CHECK(w.Render() == expected);
}

}  // namespace
}  // namespace strata::sql
