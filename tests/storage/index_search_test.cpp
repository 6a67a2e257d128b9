// IndexSearch against BlockIter::Seek: for index blocks of internal keys with
// and without a shared prefix, short and long user keys and equal user keys at
// several sequence numbers, every probe (inside, below and above the keys'
// range, and exact hits) must find the same entry as a plain block seek.
#include "storage/sstable/index_search.h"

#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "storage/dbformat.h"
#include "storage/sstable/block_builder.h"
#include "tests/storage/sstable_test_util.h"

namespace strata::storage {
namespace {

std::string Internal(const std::string& user_key, SequenceNumber seq) {
  return MakeInternalKey(user_key, seq, ValueType::kValue);
}

// Builds an index-like block (restart interval `interval`) from `keys` and
// checks IndexSearch against BlockIter for every probe.
void CheckSearch(const testing::InternalMap& entries, int interval,
                 const std::vector<std::string>& probes, bool expect_enabled) {
  BlockBuilder builder(interval);
  for (const auto& [k, v] : entries) builder.Add(k, v);
  auto created = Block::Create(BlockContents::Copy(builder.Finish()));
  REQUIRE(created.ok());
  const std::shared_ptr<const Block> block = std::move(created).value();
  const IndexSearch search = IndexSearch::Build(*block);
  REQUIRE(search.enabled() == expect_enabled);
  if (!expect_enabled) return;
  REQUIRE(search.size() == entries.size());

  BlockIter it;
  it.Init(block.get(), kInternalKeyComparator);
  for (const std::string& probe : probes) {
    it.Seek(probe);
    const size_t i = search.Seek(probe);
    if (!it.Valid()) {
      REQUIRE(i == search.size());
      continue;
    }
    REQUIRE(i < search.size());
    Slice key, value;
    search.Entry(i, &key, &value);
    REQUIRE(key == it.key());
    REQUIRE(value == it.value());
  }
}

std::vector<std::string> ProbesFor(const testing::InternalMap& entries, std::mt19937_64* rng,
                                   const std::vector<std::string>& extra_user_keys) {
  std::vector<std::string> probes;
  for (const auto& [k, v] : entries) {
    const std::string user = k.substr(0, k.size() - 8);
    probes.push_back(k);
    probes.push_back(Internal(user, kMaxSequenceNumber));
    probes.push_back(Internal(user, 0));
    probes.push_back(Internal(user + std::string(1, '\0'), kMaxSequenceNumber));
    if (!user.empty()) probes.push_back(Internal(user.substr(0, user.size() - 1), 5));
  }
  for (const std::string& u : extra_user_keys) probes.push_back(Internal(u, 7));
  for (int i = 0; i < 200; ++i) {
    probes.push_back(Internal(testing::RandomBytes(rng, (*rng)() % 20), (*rng)() % 100));
  }
  return probes;
}

TEST_CASE("IndexSearch finds what a block seek finds", "[sstable][index_search]") {
  std::mt19937_64 rng(42);
  SECTION("keys with a long shared prefix") {
    testing::InternalMap entries;
    for (int i = 0; i < 3000; i += 3) {
      entries[Internal("tableprefix/" + testing::UserKey(i, 12), 100 + i % 7)] = "h" + std::to_string(i);
    }
    CheckSearch(entries, 1, ProbesFor(entries, &rng, {"", "t", "tableprefix", "tableprefix/",
                                                       "tableprefiw", "tableprefiz", "u"}),
                true);
  }
  SECTION("random binary keys of mixed lengths, equal user keys at several sequences") {
    testing::InternalMap entries;
    for (int i = 0; i < 2000; ++i) {
      const std::string user = testing::RandomBytes(&rng, 1 + rng() % 14);
      entries[Internal(user, rng() % 1000)] = "v";
      if (i % 10 == 0) entries[Internal(user, 1000 + rng() % 1000)] = "w";
    }
    CheckSearch(entries, 1, ProbesFor(entries, &rng, {std::string(), std::string(1, '\xff')}), true);
  }
  SECTION("keys that are prefixes of each other (zero padding)") {
    testing::InternalMap entries;
    std::string k = "p";
    for (int i = 0; i < 40; ++i) {
      entries[Internal(k, 9)] = "x";
      entries[Internal(k + std::string(1, '\0'), 9)] = "y";
      k += static_cast<char>(i % 3);
    }
    CheckSearch(entries, 1, ProbesFor(entries, &rng, {"p", "o", "q"}), true);
  }
  SECTION("a single entry") {
    testing::InternalMap entries;
    entries[Internal("only", 3)] = "h";
    CheckSearch(entries, 1, ProbesFor(entries, &rng, {"a", "only", "z"}), true);
  }
  SECTION("an index written with a restart interval above 1 is left to BlockIter") {
    testing::InternalMap entries;
    for (int i = 0; i < 100; ++i) entries[Internal(testing::UserKey(i), 1)] = "h";
    CheckSearch(entries, 16, {}, false);
  }
}

}  // namespace
}  // namespace strata::storage
