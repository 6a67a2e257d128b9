// Version, VersionBuilder and LiveFileTracker: invariants, queries, lifetimes.
#include <catch2/catch.hpp>

#include "storage/version/live_file_tracker.h"
#include "storage/version/version.h"
#include "storage/version/version_builder.h"
#include "tests/storage/compaction_test_util.h"

namespace strata::storage {
namespace {

using testing::MakeFile;

std::vector<uint64_t> Numbers(const Version::FileList& files) {
  std::vector<uint64_t> out;
  for (const auto& f : files) out.push_back(f->number);
  return out;
}

std::shared_ptr<const Version> Build(VersionBuilder& b, std::shared_ptr<LiveFileTracker> tracker = nullptr) {
  auto v = b.Finish(1, std::move(tracker));
  REQUIRE(v.ok());
  return *v;
}

TEST_CASE("VersionBuilder orders L0 newest first and L1+ by key", "[version]") {
  VersionBuilder b(7, nullptr);
  REQUIRE(b.AddFile(0, MakeFile(10, "a", 1, "z", 5, 100)).ok());
  REQUIRE(b.AddFile(0, MakeFile(11, "a", 20, "c", 30, 100)).ok());
  REQUIRE(b.AddFile(0, MakeFile(12, "b", 6, "d", 19, 100)).ok());
  REQUIRE(b.AddFile(1, MakeFile(3, "m", 1, "p", 1, 50)).ok());
  REQUIRE(b.AddFile(1, MakeFile(2, "a", 1, "f", 1, 60)).ok());
  auto v = Build(b);
  CHECK(v->tree_id() == 7);
  CHECK(Numbers(v->files(0)) == std::vector<uint64_t>{11, 12, 10});
  CHECK(Numbers(v->files(1)) == std::vector<uint64_t>{2, 3});
  CHECK(v->NumLevelBytes(1) == 110);
  CHECK(v->TotalBytes() == 410);
  CHECK(v->LastNonEmptyLevel() == 1);
  CHECK(b.MaxFileNumber() == 12);
}

TEST_CASE("VersionBuilder rejects broken edits", "[version]") {
  VersionBuilder b(1, nullptr);
  REQUIRE(b.AddFile(2, MakeFile(5, "a", 1, "f", 1, 1)).ok());
  SECTION("overlap in L1+") {
    REQUIRE(b.AddFile(2, MakeFile(6, "e", 1, "k", 1, 1)).ok());
    auto v = b.Finish(1, nullptr);
    REQUIRE_FALSE(v.ok());
    CHECK(v.status().IsCorruption());
    CHECK(v.status().message().find("overlap in L2") != std::string::npos);
  }
  SECTION("shared boundary user key with ordered seqs is fine") {
    REQUIRE(b.AddFile(2, MakeFile(6, "f", 0, "k", 1, 1)).ok());  // f#1 > f#0 in internal order... f#1 first
    CHECK(b.Finish(1, nullptr).ok());
  }
  SECTION("shared boundary with wrong seq order overlaps") {
    REQUIRE(b.AddFile(2, MakeFile(6, "f", 2, "k", 1, 1)).ok());  // f#2 sorts before f#1
    CHECK_FALSE(b.Finish(1, nullptr).ok());
  }
  SECTION("delete of a missing file") {
    Status s = b.DeleteFile(2, 99);
    CHECK(s.IsCorruption());
    CHECK(s.message().find("000099") != std::string::npos);
    CHECK(b.DeleteFile(1, 5).IsCorruption());  // wrong level
  }
  SECTION("duplicate number") { CHECK(b.AddFile(0, MakeFile(5, "x", 1, "y", 1, 1)).IsCorruption()); }
  SECTION("bad keys") {
    FileMetaData f = MakeFile(8, "z", 1, "a", 1, 1);  // smallest > largest
    CHECK(b.AddFile(3, f).IsCorruption());
    f = MakeFile(8, "a", 1, "b", 1, 1);
    f.largest.resize(3);  // too short to be an internal key
    CHECK(b.AddFile(3, f).IsCorruption());
    CHECK(b.AddFile(kNumLevels, MakeFile(9, "a", 1, "b", 1, 1)).IsCorruption());
  }
}

TEST_CASE("VersionBuilder applies deletions before additions (trivial move)", "[version]") {
  VersionBuilder b(1, nullptr);
  REQUIRE(b.AddFile(1, MakeFile(5, "a", 1, "f", 1, 1)).ok());
  auto v1 = Build(b);
  v1->files(1)[0]->being_compacted = true;

  VersionEdit e;
  e.DeleteFile(1, 1, 5);
  e.AddFile(1, 2, MakeFile(5, "a", 1, "f", 1, 1));
  e.AddFile(2, 0, MakeFile(6, "a", 1, "f", 1, 1));  // another tree: ignored
  VersionBuilder b2(1, v1.get());
  REQUIRE(b2.Apply(e).ok());
  auto v2 = Build(b2);
  CHECK(v2->NumFiles(1) == 0);
  CHECK(Numbers(v2->files(2)) == std::vector<uint64_t>{5});
  CHECK(v2->NumFiles(0) == 0);
  CHECK_FALSE(v2->files(2)[0]->being_compacted);  // a new object
}

TEST_CASE("VersionBuilder keeps base file objects", "[version]") {
  VersionBuilder b(1, nullptr);
  REQUIRE(b.AddFile(1, MakeFile(5, "a", 1, "f", 1, 1)).ok());
  auto v1 = Build(b);
  VersionBuilder b2(1, v1.get());
  REQUIRE(b2.AddFile(1, MakeFile(6, "g", 1, "k", 1, 1)).ok());
  auto v2 = Build(b2);
  CHECK(v2->files(1)[0].get() == v1->files(1)[0].get());
}

TEST_CASE("Version overlap queries", "[version]") {
  VersionBuilder b(1, nullptr);
  REQUIRE(b.AddFile(0, MakeFile(20, "c", 50, "e", 40, 1)).ok());
  REQUIRE(b.AddFile(0, MakeFile(21, "k", 60, "m", 55, 1)).ok());
  // L1: [a..c] [c..f] share user key c; [h..j]; [p..t]
  REQUIRE(b.AddFile(1, MakeFile(1, "a", 9, "c", 8, 1)).ok());
  REQUIRE(b.AddFile(1, MakeFile(2, "c", 7, "f", 3, 1)).ok());
  REQUIRE(b.AddFile(1, MakeFile(3, "h", 1, "j", 1, 1)).ok());
  REQUIRE(b.AddFile(1, MakeFile(4, "p", 1, "t", 1, 1)).ok());
  auto v = Build(b);

  CHECK(Numbers(v->OverlappingFiles(1, Slice("c"), Slice("c"))) == std::vector<uint64_t>{1, 2});
  CHECK(Numbers(v->OverlappingFiles(1, Slice("g"), Slice("g"))).empty());
  CHECK(Numbers(v->OverlappingFiles(1, Slice("g"), Slice("p"))) == std::vector<uint64_t>{3, 4});
  CHECK(Numbers(v->OverlappingFiles(1, std::nullopt, Slice("b"))) == std::vector<uint64_t>{1});
  CHECK(Numbers(v->OverlappingFiles(1, Slice("s"), std::nullopt)) == std::vector<uint64_t>{4});
  CHECK(Numbers(v->OverlappingFiles(1, std::nullopt, std::nullopt)) == std::vector<uint64_t>{1, 2, 3, 4});
  CHECK(Numbers(v->OverlappingFiles(1, Slice("u"), Slice("z"))).empty());
  CHECK(Numbers(v->OverlappingFiles(0, Slice("a"), Slice("z"))) == std::vector<uint64_t>{21, 20});
  CHECK(Numbers(v->OverlappingFiles(0, Slice("f"), Slice("j"))).empty());
  CHECK(v->OverlapInLevel(1, Slice("t"), Slice("z")));
  CHECK_FALSE(v->OverlapInLevel(1, Slice("ta"), Slice("z")));
  CHECK_FALSE(v->OverlapInLevel(1, Slice("k"), Slice("o")));
  CHECK(v->OverlapInLevel(0, Slice("m"), std::nullopt));
  CHECK_FALSE(v->OverlapInLevel(2, std::nullopt, std::nullopt));

  std::vector<std::pair<int, uint64_t>> seen;
  v->ForEachFileContaining("c", [&](int level, const FileMetaData& f) {
    seen.emplace_back(level, f.number);
    return true;
  });
  CHECK(seen == std::vector<std::pair<int, uint64_t>>{{0, 20}, {1, 1}, {1, 2}});
  seen.clear();
  v->ForEachFileContaining("c", [&](int level, const FileMetaData& f) {
    seen.emplace_back(level, f.number);
    return false;
  });
  CHECK(seen.size() == 1);
  seen.clear();
  v->ForEachFileContaining("i", [&](int level, const FileMetaData& f) {
    seen.emplace_back(level, f.number);
    return true;
  });
  CHECK(seen == std::vector<std::pair<int, uint64_t>>{{1, 3}});

  CHECK(v->DebugString() ==
        "L0:\n"
        "  000021[k#60,SET .. m#55,SET] 1B seq=55..60\n"
        "  000020[c#50,SET .. e#40,SET] 1B seq=40..50\n"
        "L1:\n"
        "  000001[a#9,SET .. c#8,SET] 1B seq=8..9\n"
        "  000002[c#7,SET .. f#3,SET] 1B seq=3..7\n"
        "  000003[h#1,SET .. j#1,SET] 1B seq=1..1\n"
        "  000004[p#1,SET .. t#1,SET] 1B seq=1..1\n");
}

TEST_CASE("LiveFileTracker follows Version lifetimes by file number", "[version]") {
  auto tracker = std::make_shared<LiveFileTracker>();
  VersionBuilder b(1, nullptr);
  REQUIRE(b.AddFile(1, MakeFile(5, "a", 1, "f", 1, 100)).ok());
  REQUIRE(b.AddFile(1, MakeFile(6, "g", 1, "k", 1, 200)).ok());
  auto v1 = Build(b, tracker);
  CHECK(tracker->LiveFileNumbers() == std::vector<uint64_t>{5, 6});
  CHECK(tracker->RefCount(5) == 1);

  // v2: 5 moves to L2 (same number), 6 is compacted away into 7.
  VersionEdit e;
  e.DeleteFile(1, 1, 5);
  e.AddFile(1, 2, MakeFile(5, "a", 1, "f", 1, 100));
  e.DeleteFile(1, 1, 6);
  e.AddFile(1, 2, MakeFile(7, "g", 1, "k", 1, 150));
  VersionBuilder b2(1, v1.get());
  REQUIRE(b2.Apply(e).ok());
  auto v2 = Build(b2, tracker);
  CHECK(tracker->RefCount(5) == 2);
  CHECK(tracker->LiveFileNumbers() == std::vector<uint64_t>{5, 6, 7});
  CHECK(tracker->TakeObsoleteFiles().empty());

  v1.reset();  // a reader releasing the old version
  CHECK(tracker->LiveFileNumbers() == std::vector<uint64_t>{5, 7});
  auto obsolete = tracker->TakeObsoleteFiles();
  REQUIRE(obsolete.size() == 1);
  CHECK(obsolete[0].number == 6);
  CHECK(obsolete[0].file_size == 200);
  CHECK(obsolete[0].tree_id == 1);
  CHECK(tracker->TakeObsoleteFiles().empty());

  v2.reset();
  obsolete = tracker->TakeObsoleteFiles();
  CHECK(obsolete.size() == 2);
  CHECK(tracker->LiveFileNumbers().empty());
}

}  // namespace
}  // namespace strata::storage
