// SsiManager: the dangerous-structure tests of serializable snapshot
// isolation -- write skew fails the second committer (at commit, or at the
// write once the structure is certain), disjoint transactions and
// read-only ones are not aborted, and many point reads of a tree become a
// read of the whole tree.
#include <catch2/catch.hpp>

#include "txn/ssi_manager.h"

namespace strata::txn {
namespace {

constexpr storage::TreeId kTree = 5;

TEST_CASE("write skew fails the second committer", "[ssi]") {
  SsiManager ssi;
  auto a = ssi.Register();
  auto b = ssi.Register();
  ssi.RecordRead(*a, kTree, "2");
  ssi.RecordRead(*b, kTree, "1");
  ssi.RecordWrite(*a, kTree, "1");
  ssi.RecordWrite(*b, kTree, "2");
  int writes = 0;
  auto write = [&] { ++writes; return Status::OK(); };
  CHECK(ssi.Commit(*a, write).ok());
  CHECK(ssi.Commit(*b, write).IsAborted());
  CHECK(writes == 1);  // the failed commit did not write
}

TEST_CASE("the write that makes a pivot fails at once", "[ssi]") {
  SsiManager ssi;
  auto a = ssi.Register();
  auto b = ssi.Register();
  ssi.RecordRangeRead(*a, kTree, std::nullopt, std::nullopt);  // a scans the table
  ssi.RecordRead(*b, kTree, "1");
  ssi.RecordWrite(*a, kTree, "1");
  REQUIRE(ssi.Commit(*a, nullptr).ok());
  // b read what a wrote (a committed): out-edge; b's write of a key a read
  // adds the in-edge.
  CHECK(ssi.CheckWrite(*b, kTree, "2").IsAborted());
}

TEST_CASE("disjoint and read-only transactions commit", "[ssi]") {
  SsiManager ssi;
  auto a = ssi.Register();
  auto b = ssi.Register();
  auto reader = ssi.Register();
  ssi.RecordRead(*a, kTree, "1");
  ssi.RecordRead(*b, kTree, "2");
  ssi.RecordRangeRead(*reader, kTree, std::nullopt, std::nullopt);
  ssi.RecordWrite(*a, kTree, "1");
  ssi.RecordWrite(*b, kTree, "2");
  CHECK(ssi.Commit(*a, nullptr).ok());
  CHECK(ssi.Commit(*reader, nullptr).ok());
  CHECK(ssi.Commit(*b, nullptr).ok());
  // Nothing active any more: every committed transaction is forgotten.
  CHECK(ssi.size() == 0);
}

TEST_CASE("many point reads of a tree become a whole-tree read", "[ssi]") {
  SsiManager ssi;
  auto a = ssi.Register();
  auto b = ssi.Register();
  for (int i = 0; i < 1500; ++i) ssi.RecordRead(*a, kTree, "k" + std::to_string(i));
  ssi.RecordWrite(*b, kTree, "never-read");
  ssi.RecordRead(*b, kTree, "x");
  ssi.RecordWrite(*a, kTree, "x");
  REQUIRE(ssi.Commit(*b, nullptr).ok());
  // a -rw-> b through the promoted read of "never-read", b -rw-> a on "x".
  CHECK(ssi.Commit(*a, nullptr).IsAborted());
}

}  // namespace
}  // namespace strata::txn
