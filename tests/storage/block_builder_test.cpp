// BlockBuilder + Block + BlockIter: round trips, seek/prev against a sorted
// reference, restart intervals, bytewise and internal-key order, malformed
// blocks.
#include "storage/sstable/block_builder.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <random>

#include "common/coding.h"
#include "storage/sstable/block.h"
#include "tests/storage/sstable_test_util.h"

namespace strata::storage {
namespace {

using testing::InternalKeyLess;
using testing::InternalMap;

std::shared_ptr<const Block> MakeBlock(Slice bytes) {
  auto b = Block::Create(BlockContents::Copy(bytes));
  REQUIRE(b.ok());
  return std::move(b).value();
}

// Entries sorted by `less`, checked through a BlockIter in `cmp` order with a
// random walk of Seek/SeekForPrev/Next/Prev/SeekToFirst/SeekToLast.
template <typename Map>
void CheckAgainstReference(const Map& ref, KeyComparator cmp, int restart_interval,
                           std::mt19937_64* rng, const std::vector<std::string>& probes) {
  BlockBuilder builder(restart_interval);
  for (const auto& [k, v] : ref) builder.Add(k, v);
  auto block = MakeBlock(builder.Finish());

  std::vector<std::pair<std::string, std::string>> sorted(ref.begin(), ref.end());
  BlockIter it;
  it.Init(block.get(), cmp);

  // Full forward and backward scans.
  size_t i = 0;
  for (it.SeekToFirst(); it.Valid(); it.Next(), ++i) {
    REQUIRE(i < sorted.size());
    REQUIRE(it.key() == sorted[i].first);
    REQUIRE(it.value() == sorted[i].second);
  }
  REQUIRE(it.status().ok());
  REQUIRE(i == sorted.size());
  i = sorted.size();
  for (it.SeekToLast(); it.Valid(); it.Prev()) {
    REQUIRE(i > 0);
    --i;
    REQUIRE(it.key() == sorted[i].first);
    REQUIRE(it.value() == sorted[i].second);
  }
  REQUIRE(i == 0);

  // Random walk: pos is the reference index, sorted.size() meaning invalid.
  auto lower = [&](const std::string& t) {
    return static_cast<size_t>(
        std::partition_point(sorted.begin(), sorted.end(),
                             [&](const auto& e) { return cmp(e.first, t) < 0; }) -
        sorted.begin());
  };
  size_t pos = sorted.size();
  for (int step = 0; step < 3000; ++step) {
    const int op = static_cast<int>((*rng)() % 6);
    const std::string& target = probes[(*rng)() % probes.size()];
    if (op == 0) {
      it.Seek(target);
      pos = lower(target);
    } else if (op == 1) {
      it.SeekForPrev(target);
      size_t p = lower(target);
      if (p < sorted.size() && cmp(sorted[p].first, target) == 0) {
        pos = p;
      } else {
        pos = p == 0 ? sorted.size() : p - 1;
      }
    } else if (op == 2) {
      it.SeekToFirst();
      pos = 0;
    } else if (op == 3) {
      it.SeekToLast();
      pos = sorted.empty() ? 0 : sorted.size() - 1;
    } else if (op == 4 && pos < sorted.size()) {
      it.Next();
      ++pos;
    } else if (op == 5 && pos < sorted.size()) {
      it.Prev();
      pos = pos == 0 ? sorted.size() : pos - 1;
    }
    REQUIRE(it.status().ok());
    REQUIRE(it.Valid() == (pos < sorted.size()));
    if (pos < sorted.size()) {
      REQUIRE(it.key() == sorted[pos].first);
      REQUIRE(it.value() == sorted[pos].second);
    }
  }
}

TEST_CASE("block: empty block iterates nothing", "[block]") {
  BlockBuilder builder(16);
  CHECK(builder.empty());
  auto block = MakeBlock(builder.Finish());
  BlockIter it;
  it.Init(block.get(), kBytewiseComparator);
  it.SeekToFirst();
  CHECK(!it.Valid());
  it.SeekToLast();
  CHECK(!it.Valid());
  it.Seek("a");
  CHECK(!it.Valid());
  it.SeekForPrev("z");
  CHECK(!it.Valid());
  CHECK(it.status().ok());
}

TEST_CASE("block: bytewise keys round trip with every restart interval", "[block]") {
  std::mt19937_64 rng(42);
  for (int interval : {1, 2, 3, 16, 1000}) {
    DYNAMIC_SECTION("restart interval " << interval) {
      std::map<std::string, std::string> ref;
      std::vector<std::string> probes;
      for (int i = 0; i < 700; ++i) {
        // Shared prefixes of varying length exercise prefix compression.
        std::string k =
            "prefix/" + std::to_string(rng() % 50) + "/" + testing::RandomBytes(&rng, rng() % 12);
        ref[k] = testing::RandomBytes(&rng, rng() % 40);
        probes.push_back(k);
        probes.push_back(k + '\0');
        probes.push_back(k.substr(0, k.size() / 2));
      }
      probes.push_back("");
      probes.push_back("\xff\xff");
      CheckAgainstReference(ref, kBytewiseComparator, interval, &rng, probes);
    }
  }
}

TEST_CASE("block: internal keys with many versions seek by snapshot", "[block]") {
  std::mt19937_64 rng(7);
  InternalMap ref;
  std::vector<std::string> probes;
  for (int i = 0; i < 300; ++i) {
    const std::string user = testing::UserKey(static_cast<int>(rng() % 120));
    const SequenceNumber seq = rng() % 1000;
    const ValueType t = rng() % 4 == 0 ? ValueType::kDeletion : ValueType::kValue;
    ref[MakeInternalKey(user, seq, t)] = std::to_string(i);
    probes.push_back(MakeInternalKey(user, rng() % 1000, kValueTypeForSeek));
    probes.push_back(MakeInternalKey(user, kMaxSequenceNumber, kValueTypeForSeek));
    probes.push_back(MakeInternalKey(user, 0, ValueType::kDeletion));
  }
  for (int interval : {1, 4, 16}) {
    CheckAgainstReference(ref, kInternalKeyComparator, interval, &rng, probes);
  }

  // A Seek to (user, snapshot) lands on the newest version <= snapshot.
  BlockBuilder builder(16);
  InternalMap small;
  for (SequenceNumber s : {50, 40, 30, 20, 10}) {
    small[MakeInternalKey("k", s, ValueType::kValue)] = std::to_string(s);
  }
  for (const auto& [k, v] : small) builder.Add(k, v);
  auto block = MakeBlock(builder.Finish());
  BlockIter it;
  it.Init(block.get(), kInternalKeyComparator);
  it.Seek(MakeInternalKey("k", 35, kValueTypeForSeek));
  REQUIRE(it.Valid());
  CHECK(it.value() == "30");
  it.Seek(MakeInternalKey("k", 50, kValueTypeForSeek));
  REQUIRE(it.Valid());
  CHECK(it.value() == "50");
  it.Seek(MakeInternalKey("k", 5, kValueTypeForSeek));
  CHECK(!it.Valid());
}

TEST_CASE("block: prefix compression makes shared-prefix keys small", "[block]") {
  BlockBuilder shared(16), distinct(1);
  for (int i = 0; i < 1000; ++i) {
    std::string k = std::string(40, 'p') + testing::UserKey(i);
    shared.Add(k, "v");
    distinct.Add(k, "v");
  }
  // Restart interval 1 stores every key whole; 16 stores ~1/16 of them whole.
  CHECK(shared.CurrentSizeEstimate() * 3 < distinct.CurrentSizeEstimate());
}

TEST_CASE("block: large values and keys use multi-byte varints", "[block]") {
  BlockBuilder builder(2);
  std::map<std::string, std::string> ref;
  std::mt19937_64 rng(3);
  for (int i = 0; i < 40; ++i) {
    ref[std::string(200 + i, static_cast<char>('a' + i % 26)) + std::to_string(i)] =
        testing::RandomBytes(&rng, 1000 + i * 37);
  }
  std::vector<std::string> probes;
  for (const auto& [k, v] : ref) probes.push_back(k);
  CheckAgainstReference(ref, kBytewiseComparator, 2, &rng, probes);
}

TEST_CASE("block: malformed blocks are Corruption, never out-of-bounds reads", "[block]") {
  CHECK(Block::Create(BlockContents::Copy("ab")).status().IsCorruption());
  std::string zero_restarts(4, '\0');
  CHECK(Block::Create(BlockContents::Copy(zero_restarts)).status().IsCorruption());
  std::string too_many;
  PutFixed32(&too_many, 1000);
  CHECK(Block::Create(BlockContents::Copy(too_many)).status().IsCorruption());

  // A valid block whose entry lengths are then damaged.
  BlockBuilder builder(16);
  for (int i = 0; i < 20; ++i) builder.Add(testing::UserKey(i), "value");
  const std::string original(builder.Finish());
  std::string bytes = original;
  bytes[0] = 5;  // the first entry claims to share 5 bytes with no previous key
  auto block = MakeBlock(bytes);
  BlockIter it;
  it.Init(block.get(), kBytewiseComparator);
  it.SeekToFirst();
  CHECK(!it.Valid());
  CHECK(it.status().IsCorruption());
  it.SeekToLast();
  bool saw_error = !it.status().ok();
  for (int i = 0; i < 30 && it.Valid(); ++i) it.Prev();
  saw_error = saw_error || !it.status().ok();
  CHECK(saw_error);

  // A restart offset pointing past the entries.
  std::string bad_restart = original;
  const size_t restarts_at = bad_restart.size() - 4 - 4 * 2;
  EncodeFixed32(bad_restart.data() + restarts_at + 4, 0xffffff);
  auto block2 = MakeBlock(bad_restart);
  it.Init(block2.get(), kBytewiseComparator);
  it.Seek(testing::UserKey(19));
  CHECK(!it.Valid());
  CHECK(it.status().IsCorruption());
}

TEST_CASE("block: iterator can be re-initialized on another block", "[block]") {
  BlockBuilder b1(4), b2(4);
  for (int i = 0; i < 10; ++i) b1.Add(testing::UserKey(i), "one");
  for (int i = 10; i < 20; ++i) b2.Add(testing::UserKey(i), "two");
  auto block1 = MakeBlock(b1.Finish());
  auto block2 = MakeBlock(b2.Finish());
  BlockIter it;
  it.Init(block1.get(), kBytewiseComparator);
  it.SeekToLast();
  REQUIRE(it.Valid());
  CHECK(it.key() == testing::UserKey(9));
  it.Init(block2.get(), kBytewiseComparator);
  CHECK(!it.Valid());
  it.SeekToFirst();
  REQUIRE(it.Valid());
  CHECK(it.key() == testing::UserKey(10));
  CHECK(it.value() == "two");

  // The heap-allocated iterator behaves the same.
  auto heap_it = block2->NewIterator(kBytewiseComparator);
  heap_it->SeekForPrev(testing::UserKey(15) + "x");
  REQUIRE(heap_it->Valid());
  CHECK(heap_it->key() == testing::UserKey(15));
}

}  // namespace
}  // namespace strata::storage
