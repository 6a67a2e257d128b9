// MergingIterator against a sorted std::vector model, in both directions.
#include <catch2/catch.hpp>

#include <random>

#include "storage/merging_iterator.h"
#include "tests/storage/compaction_test_util.h"

namespace strata::storage {
namespace {

using testing::VectorIterator;

std::string RandomUserKey(std::mt19937& rng) {
  std::string k;
  int len = 1 + static_cast<int>(rng() % 3);
  for (int i = 0; i < len; ++i) k.push_back(static_cast<char>('a' + rng() % 5));
  return k;
}

TEST_CASE("MergingIterator matches a sorted model under random operations", "[merging_iterator]") {
  std::mt19937 rng(12345);
  for (int iter = 0; iter < 300; ++iter) {
    const int num_children = static_cast<int>(rng() % 6);
    std::vector<std::unique_ptr<Iterator>> children;
    std::vector<std::pair<std::string, std::string>> model;
    SequenceNumber seq = 1;
    for (int c = 0; c < num_children; ++c) {
      std::vector<VectorIterator::Entry> entries;
      const int n = static_cast<int>(rng() % 12);
      for (int i = 0; i < n; ++i) {
        // Same user key may appear in several children, never the same internal key.
        std::string ikey = MakeInternalKey(RandomUserKey(rng), seq++, ValueType::kValue);
        std::string value = "c" + std::to_string(c) + "v" + std::to_string(i);
        entries.emplace_back(ikey, value);
        model.emplace_back(ikey, value);
      }
      children.push_back(std::make_unique<VectorIterator>(std::move(entries)));
    }
    std::sort(model.begin(), model.end(),
              [](const auto& a, const auto& b) { return CompareInternalKeys(a.first, b.first) < 0; });
    auto it = NewMergingIterator(std::move(children));

    int pos = -1;  // model position; -1 or model.size() means invalid
    auto model_valid = [&] { return pos >= 0 && pos < static_cast<int>(model.size()); };
    for (int step = 0; step < 60; ++step) {
      const int op = static_cast<int>(rng() % 6);
      std::string target = MakeInternalKey(RandomUserKey(rng), rng() % (seq + 1), ValueType::kValue);
      switch (op) {
        case 0:
          it->SeekToFirst();
          pos = 0;
          break;
        case 1:
          it->SeekToLast();
          pos = static_cast<int>(model.size()) - 1;
          break;
        case 2:
          it->Seek(target);
          pos = 0;
          while (pos < static_cast<int>(model.size()) && CompareInternalKeys(model[pos].first, target) < 0) ++pos;
          break;
        case 3:
          it->SeekForPrev(target);
          pos = static_cast<int>(model.size()) - 1;
          while (pos >= 0 && CompareInternalKeys(model[pos].first, target) > 0) --pos;
          break;
        case 4:
          if (!model_valid()) continue;
          it->Next();
          ++pos;
          break;
        case 5:
          if (!model_valid()) continue;
          it->Prev();
          --pos;
          break;
      }
      INFO("iter " << iter << " step " << step << " op " << op);
      REQUIRE(it->Valid() == model_valid());
      REQUIRE(it->status().ok());
      if (model_valid()) {
        CHECK(it->key() == model[pos].first);
        CHECK(it->value() == model[pos].second);
      }
    }

    // Full scans both ways.
    std::vector<std::string> forward, backward;
    for (it->SeekToFirst(); it->Valid(); it->Next()) forward.emplace_back(it->key());
    for (it->SeekToLast(); it->Valid(); it->Prev()) backward.emplace_back(it->key());
    REQUIRE(forward.size() == model.size());
    REQUIRE(backward.size() == model.size());
    for (size_t i = 0; i < model.size(); ++i) {
      CHECK(forward[i] == model[i].first);
      CHECK(backward[model.size() - 1 - i] == model[i].first);
    }
  }
}

TEST_CASE("MergingIterator zig-zag across children", "[merging_iterator]") {
  std::vector<std::unique_ptr<Iterator>> children;
  children.push_back(std::make_unique<VectorIterator>(
      std::vector<VectorIterator::Entry>{{"a", "1"}, {"d", "1"}, {"g", "1"}}, &testing::CompareBytes));
  children.push_back(std::make_unique<VectorIterator>(
      std::vector<VectorIterator::Entry>{{"b", "2"}, {"e", "2"}}, &testing::CompareBytes));
  children.push_back(std::make_unique<VectorIterator>(
      std::vector<VectorIterator::Entry>{{"c", "3"}, {"f", "3"}}, &testing::CompareBytes));
  auto it = NewMergingIterator(std::move(children), &testing::CompareBytes);
  it->Seek("d");
  REQUIRE(it->Valid());
  CHECK(it->key() == "d");
  it->Prev();
  CHECK(it->key() == "c");
  it->Next();
  CHECK(it->key() == "d");
  it->Next();
  CHECK(it->key() == "e");
  it->Prev();
  it->Prev();
  CHECK(it->key() == "c");
  it->SeekForPrev("cc");
  CHECK(it->key() == "c");
  it->Next();
  CHECK(it->key() == "d");
  it->SeekToLast();
  CHECK(it->key() == "g");
  it->Next();
  CHECK_FALSE(it->Valid());
  CHECK(it->status().ok());
  it->SeekToFirst();
  it->Prev();
  CHECK_FALSE(it->Valid());
}

TEST_CASE("MergingIterator trivial shapes", "[merging_iterator]") {
  auto empty = NewMergingIterator({});
  empty->SeekToFirst();
  CHECK_FALSE(empty->Valid());
  CHECK(empty->status().ok());

  std::vector<std::unique_ptr<Iterator>> one;
  one.push_back(std::make_unique<VectorIterator>(std::vector<VectorIterator::Entry>{{"x", "1"}},
                                                 &testing::CompareBytes));
  auto single = NewMergingIterator(std::move(one), &testing::CompareBytes);
  single->SeekToFirst();
  REQUIRE(single->Valid());
  CHECK(single->key() == "x");
}

TEST_CASE("MergingIterator surfaces a child's error", "[merging_iterator]") {
  auto make = [] {
    std::vector<std::unique_ptr<Iterator>> children;
    children.push_back(std::make_unique<VectorIterator>(
        std::vector<VectorIterator::Entry>{{"a", "1"}, {"c", "1"}, {"e", "1"}}, &testing::CompareBytes));
    // The second entry ("d") of this child fails to load.
    children.push_back(std::make_unique<VectorIterator>(
        std::vector<VectorIterator::Entry>{{"b", "2"}, {"d", "2"}}, &testing::CompareBytes, /*fail_at=*/1));
    return NewMergingIterator(std::move(children), &testing::CompareBytes);
  };
  auto it = make();
  it->SeekToFirst();
  CHECK(it->key() == "a");
  it->Next();
  CHECK(it->key() == "b");
  it->Next();  // the failing child moves onto its broken entry
  CHECK_FALSE(it->Valid());
  CHECK(it->status().IsIOError());

  auto it2 = make();
  it2->Seek("c");  // positions the failing child on its broken entry
  CHECK_FALSE(it2->Valid());
  CHECK(it2->status().IsIOError());
  it2->Seek("a");  // a fresh positioning recovers
  CHECK(it2->Valid());
  CHECK(it2->status().ok());
}

}  // namespace
}  // namespace strata::storage
