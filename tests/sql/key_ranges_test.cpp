// Key ranges from WHERE's restrictions (KeyRangesFromRestrictions): checked
// by encoding index entries for values on both sides of each condition and
// asking which ones the ranges take in -- in every direction and NULLS
// order an index column can have.
#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_objects.h"
#include "sql/commands/primary_key_lookup.h"
#include "sql/storage_format/key_codec.h"

namespace strata::sql {
namespace {

using Op = ColumnRestriction::Op;

// An index entry: the column's key, then a table-key suffix.
std::string Entry(const KeyColumn& column, const Value& v) {
  std::string key;
  AppendKeyDatum(column, v, &key);
  key += std::string("\x00\x00\x00\x07", 4);
  return key;
}

bool InRanges(const KeyRanges& r, const std::string& key) {
  for (const KeyRange& range : r.ranges) {
    if ((!range.lower || key >= *range.lower) && (!range.upper || key < *range.upper)) return true;
  }
  return false;
}

struct Layout {
  SortDirection direction;
  NullsOrder nulls;
};

}  // namespace

TEST_CASE("IS NOT NULL bounds an index column's range to its non-NULL entries", "[key_ranges]") {
  const catalog::TableDesc table;
  const int slots[] = {0};
  const Layout layout = GENERATE(Layout{SortDirection::kAscending, NullsOrder::kDefault},
                                 Layout{SortDirection::kAscending, NullsOrder::kFirst},
                                 Layout{SortDirection::kDescending, NullsOrder::kDefault},
                                 Layout{SortDirection::kDescending, NullsOrder::kLast});
  const KeyColumn column(type_oid::kInt4, layout.direction, layout.nulls);
  const KeyColumn columns[] = {column};
  const std::vector<Value> values = {Value::Int4(-2147483648LL), Value::Int4(-1), Value::Int4(0),
                                     Value::Int4(7), Value::Int4(2147483647LL)};

  SECTION("alone") {
    const KeyRanges r =
        KeyRangesFromRestrictions(table, slots, columns, false, {ColumnRestriction{0, 0, Op::kIsNotNull, {}}});
    REQUIRE(r.bounded);
    REQUIRE(r.used_conjuncts == std::vector<size_t>{0});
    for (const Value& v : values) CHECK(InRanges(r, Entry(column, v)));
    CHECK_FALSE(InRanges(r, Entry(column, Value::Null(type_oid::kInt4))));
  }
  SECTION("with a bound on the same column, on either side") {
    const Op op = GENERATE(Op::kLt, Op::kGe);
    const KeyRanges r = KeyRangesFromRestrictions(
        table, slots, columns, false,
        {ColumnRestriction{0, 0, op, {Value::Int4(0)}}, ColumnRestriction{1, 0, Op::kIsNotNull, {}}});
    REQUIRE(r.used_conjuncts == std::vector<size_t>{0, 1});
    for (const Value& v : values) {
      CHECK(InRanges(r, Entry(column, v)) == (op == Op::kLt ? v.int_value() < 0 : v.int_value() >= 0));
    }
    CHECK_FALSE(InRanges(r, Entry(column, Value::Null(type_oid::kInt4))));
  }
  SECTION("after an equality on the column before") {
    const KeyColumn two[] = {KeyColumn(type_oid::kInt4), column};
    const int two_slots[] = {1, 0};
    const KeyRanges r = KeyRangesFromRestrictions(
        table, two_slots, two, false,
        {ColumnRestriction{0, 1, Op::kEq, {Value::Int4(3)}}, ColumnRestriction{1, 0, Op::kIsNotNull, {}}});
    REQUIRE(r.pinned == 1);
    auto entry = [&](int64_t first, const Value& second) {
      std::string key;
      AppendKeyDatum(two[0], Value::Int4(first), &key);
      AppendKeyDatum(two[1], second, &key);
      return key + std::string("\x00\x01", 2);
    };
    for (const Value& v : values) {
      CHECK(InRanges(r, entry(3, v)));
      CHECK_FALSE(InRanges(r, entry(4, v)));
    }
    CHECK_FALSE(InRanges(r, entry(3, Value::Null(type_oid::kInt4))));
  }
}

TEST_CASE("IS NOT NULL holds for a whole primary key, which has no NULLs", "[key_ranges]") {
  const catalog::TableDesc table;
  const int slots[] = {0};
  const KeyColumn columns[] = {KeyColumn(type_oid::kInt4)};
  const KeyRanges r = KeyRangesFromRestrictions(table, slots, columns, true,
                                                {ColumnRestriction{0, 0, Op::kIsNotNull, {}}});
  CHECK_FALSE(r.bounded);
  CHECK(r.ranges.empty());
  CHECK(r.used_conjuncts == std::vector<size_t>{0});
}

}  // namespace strata::sql
