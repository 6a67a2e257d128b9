// CompactionOutputCutter: output files end at the size limit or after too much
// grandparent overlap, never inside one user key.
#include <catch2/catch.hpp>

#include "storage/compaction/compaction_output_cutter.h"
#include "tests/storage/compaction_test_util.h"

namespace strata::storage {
namespace {

std::string K(const std::string& user_key, SequenceNumber seq = 1) {
  return MakeInternalKey(user_key, seq, ValueType::kValue);
}

Version::FileList Grandparents() {
  Version::FileList gp;
  gp.push_back(std::make_shared<FileMetaData>(testing::MakeFile(1, "a", 1, "c", 1, 100)));
  gp.push_back(std::make_shared<FileMetaData>(testing::MakeFile(2, "d", 1, "f", 1, 100)));
  gp.push_back(std::make_shared<FileMetaData>(testing::MakeFile(3, "g", 1, "i", 1, 100)));
  gp.push_back(std::make_shared<FileMetaData>(testing::MakeFile(4, "j", 1, "l", 1, 100)));
  return gp;
}

TEST_CASE("Output cutter cuts after too much grandparent overlap", "[compaction][compaction_output_cutter]") {
  CompactionOutputCutter cutter(Grandparents(), /*max_output_file_size=*/1000,
                                /*max_grandparent_overlap_bytes=*/150);
  CHECK_FALSE(cutter.ShouldCutBefore(K("a"), false, 0));
  CHECK_FALSE(cutter.ShouldCutBefore(K("b"), true, 10));
  CHECK_FALSE(cutter.ShouldCutBefore(K("d"), true, 20));  // passed [a..c]: 100 bytes
  CHECK(cutter.overlapped_bytes() == 100);
  CHECK(cutter.ShouldCutBefore(K("g"), true, 30));  // passed [d..f] too: 200 > 150
  CHECK(cutter.overlapped_bytes() == 0);
  CHECK_FALSE(cutter.ShouldCutBefore(K("h"), true, 10));
  CHECK_FALSE(cutter.ShouldCutBefore(K("j"), true, 20));  // passed [g..i]
  CHECK(cutter.ShouldCutBefore(K("m"), true, 30));        // passed [j..l]
}

TEST_CASE("Output cutter cuts at the size limit between user keys", "[compaction][compaction_output_cutter]") {
  CompactionOutputCutter cutter({}, /*max_output_file_size=*/100, /*max_grandparent_overlap_bytes=*/1000);
  CHECK_FALSE(cutter.ShouldCutBefore(K("a", 9), false, 0));
  CHECK_FALSE(cutter.ShouldCutBefore(K("a", 5), true, 99));
  CHECK_FALSE(cutter.ShouldCutBefore(K("a", 3), true, 150));  // same user key: never split
  CHECK(cutter.ShouldCutBefore(K("b", 7), true, 150));
  CHECK_FALSE(cutter.ShouldCutBefore(K("c", 7), false, 0));  // nothing open
}

}  // namespace
}  // namespace strata::storage
