// CopyBulkRows: duplicates caught as rows arrive, in key order or not; rows
// handed out sorted.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "sql/commands/copy_bulk_rows.h"

namespace strata::sql {
namespace {

std::vector<std::string> Keys(CopyBulkRows& rows) {
  std::vector<std::string> out;
  for (auto& [k, v] : rows.TakeSorted()) out.push_back(k + "=" + v);
  return out;
}

TEST_CASE("CopyBulkRows in key order", "[copy]") {
  CopyBulkRows rows;
  CHECK(rows.Add("a", "1"));
  CHECK(rows.Add("b", "2"));
  CHECK(rows.Add(std::string("b\0", 2), "3"));
  CHECK_FALSE(rows.Add("b", "4"));  // out of order now, and a repeat
  CHECK_FALSE(rows.Add("a", "5"));
  CHECK(rows.Add("c", "6"));
  CHECK(rows.size() == 4);
  CHECK(Keys(rows) == std::vector<std::string>{"a=1", "b=2", std::string("b\0=3", 4), "c=6"});
  CHECK(rows.size() == 0);
}

TEST_CASE("CopyBulkRows out of order", "[copy]") {
  CopyBulkRows rows;
  CHECK(rows.Add("m", "1"));
  CHECK(rows.Add("c", "2"));
  CHECK(rows.Add("x", "3"));
  CHECK_FALSE(rows.Add("m", "4"));
  CHECK_FALSE(rows.Add("x", "5"));
  CHECK(rows.Add("\xff", "6"));  // bytes compare unsigned
  CHECK(Keys(rows) == std::vector<std::string>{"c=2", "m=1", "x=3", "\xff=6"});
  // Usable again afterwards.
  CHECK(rows.Add("m", "7"));
  CHECK(Keys(rows) == std::vector<std::string>{"m=7"});
}

}  // namespace
}  // namespace strata::sql
