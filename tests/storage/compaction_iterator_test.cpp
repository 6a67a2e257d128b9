// CompactionIterator: targeted cases plus a randomized comparison with a
// brute-force model of snapshot visibility.
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>

#include "storage/compaction/compaction_iterator.h"
#include "tests/storage/compaction_test_util.h"

namespace strata::storage {
namespace {

using testing::VectorIterator;

struct Entry {
  std::string user_key;
  SequenceNumber seq;
  ValueType type;
  std::string value;
};

std::vector<VectorIterator::Entry> ToInternal(const std::vector<Entry>& entries) {
  std::vector<VectorIterator::Entry> out;
  for (const auto& e : entries) out.emplace_back(MakeInternalKey(e.user_key, e.seq, e.type), e.value);
  return out;
}

std::vector<Entry> Drain(CompactionIterator& it) {
  std::vector<Entry> out;
  for (it.SeekToFirst(); it.Valid(); it.Next()) {
    ParsedInternalKey p;
    REQUIRE(ParseInternalKey(it.key(), &p));
    out.push_back(Entry{std::string(p.user_key), p.sequence, p.type, std::string(it.value())});
  }
  return out;
}

std::string Render(const std::vector<Entry>& entries) {
  std::string s;
  for (const auto& e : entries) {
    s += e.user_key + "#" + std::to_string(e.seq) +
         (e.type == ValueType::kValue ? "" : e.type == ValueType::kDeletion ? ",DEL" : ",RANGEDEL") + " ";
  }
  return s;
}

std::string RunSimple(const std::vector<Entry>& input, CompactionIteratorOptions options) {
  VectorIterator in(ToInternal(input));
  CompactionIterator it(&in, std::move(options));
  auto out = Drain(it);
  REQUIRE(it.status().ok());
  return Render(out);
}

TEST_CASE("CompactionIterator keeps the newest version per snapshot stripe", "[compaction][compaction_iterator]") {
  std::vector<Entry> in = {{"a", 10, ValueType::kValue, "a10"}, {"a", 8, ValueType::kValue, "a8"},
                           {"a", 5, ValueType::kValue, "a5"},   {"a", 3, ValueType::kValue, "a3"},
                           {"b", 4, ValueType::kValue, "b4"}};
  CompactionIteratorOptions o;
  CHECK(RunSimple(in, o) == "a#10 b#4 ");
  o.snapshots = {6};
  CHECK(RunSimple(in, o) == "a#10 a#5 b#4 ");
  o.snapshots = {8, 6, 6, 100};  // unsorted, duplicate, one above everything
  CHECK(RunSimple(in, o) == "a#10 a#8 a#5 b#4 ");
  o.snapshots = {2};  // nothing of "a" is visible at 2
  CHECK(RunSimple(in, o) == "a#10 b#4 ");
}

TEST_CASE("CompactionIterator drops tombstones only when nothing needs them", "[compaction][compaction_iterator]") {
  std::vector<Entry> in = {{"a", 10, ValueType::kDeletion, ""}, {"a", 5, ValueType::kValue, "a5"},
                           {"b", 7, ValueType::kValue, "b7"}};
  CompactionIteratorOptions o;
  CHECK(RunSimple(in, o) == "a#10,DEL b#7 ");  // not bottommost: the tombstone hides lower levels
  o.key_not_in_lower_levels = [](Slice) { return true; };
  CHECK(RunSimple(in, o) == "b#7 ");
  o.snapshots = {7};  // a#5 visible at 7, so the tombstone must stay to hide it from newer readers
  CHECK(RunSimple(in, o) == "a#10,DEL a#5 b#7 ");
  o.snapshots = {12};  // the tombstone is in the oldest stripe: everyone sees the deletion
  CHECK(RunSimple(in, o) == "b#7 ");
  o.key_not_in_lower_levels = [](Slice k) { return k != Slice("a"); };
  CHECK(RunSimple(in, o) == "a#10,DEL b#7 ");
}

TEST_CASE("CompactionIterator applies range tombstones per stripe", "[compaction][compaction_iterator]") {
  std::vector<Entry> in = {{"a", 3, ValueType::kValue, "a3"}, {"c", 9, ValueType::kValue, "c9"},
                           {"c", 4, ValueType::kValue, "c4"}, {"d", 2, ValueType::kValue, "d2"},
                           {"f", 1, ValueType::kValue, "f1"}};
  FragmentedRangeTombstones rt({RangeTombstone{"b", "f", 6}});
  CompactionIteratorOptions o;
  o.range_tombstones = &rt;
  CHECK(RunSimple(in, o) == "a#3 c#9 f#1 ");
  o.snapshots = {5};  // c#4 and d#2 are visible at 5, which does not see the tombstone
  CHECK(RunSimple(in, o) == "a#3 c#9 c#4 d#2 f#1 ");
  o.snapshots = {6};
  CHECK(RunSimple(in, o) == "a#3 c#9 f#1 ");
}

class DropOddValues final : public CompactionFilter {
 public:
  bool Filter(TreeId tree, Slice user_key, Slice value, SequenceNumber seq) const override {
    ++calls;
    last_tree = tree;
    (void)user_key;
    (void)value;
    return seq % 2 == 1;
  }
  mutable int calls = 0;
  mutable TreeId last_tree = 0;
};

TEST_CASE("CompactionIterator compaction filter", "[compaction][compaction_iterator]") {
  std::vector<Entry> in = {{"a", 11, ValueType::kValue, "a11"}, {"a", 5, ValueType::kValue, "a5"},
                           {"b", 9, ValueType::kValue, "b9"},   {"c", 8, ValueType::kValue, "c8"},
                           {"d", 3, ValueType::kValue, "d3"}};
  DropOddValues filter;
  CompactionIteratorOptions o;
  o.tree_id = 42;
  o.filter = &filter;
  // Removed values become tombstones with the same sequence.
  CHECK(RunSimple(in, o) == "a#11,DEL b#9,DEL c#8 d#3,DEL ");
  CHECK(filter.calls == 4);
  CHECK(filter.last_tree == 42);
  // At the bottom those tombstones disappear.
  o.key_not_in_lower_levels = [](Slice) { return true; };
  CHECK(RunSimple(in, o) == "c#8 ");
  // Values visible to a snapshot are never offered to the filter.
  filter.calls = 0;
  o.snapshots = {9};
  o.key_not_in_lower_levels = nullptr;
  CHECK(RunSimple(in, o) == "a#11,DEL a#5 b#9 c#8 d#3 ");
  CHECK(filter.calls == 1);
}

TEST_CASE("CompactionIterator passes range deletion entries through", "[compaction][compaction_iterator]") {
  std::vector<Entry> in = {{"a", 7, ValueType::kRangeDeletion, "m"}, {"a", 5, ValueType::kValue, "a5"},
                           {"b", 4, ValueType::kValue, "b4"}};
  CompactionIteratorOptions o;
  CHECK(RunSimple(in, o) == "a#7,RANGEDEL a#5 b#4 ");  // coverage comes from options, not the stream
  o.bottommost_level = true;
  CHECK(RunSimple(in, o) == "a#5 b#4 ");
  o.snapshots = {6};
  CHECK(RunSimple(in, o) == "a#7,RANGEDEL a#5 b#4 ");
}

TEST_CASE("CompactionIterator reports bad input", "[compaction][compaction_iterator]") {
  SECTION("malformed key") {
    VectorIterator in({{"xy", "v"}}, &testing::CompareBytes);
    CompactionIterator it(&in, {});
    it.SeekToFirst();
    CHECK_FALSE(it.Valid());
    CHECK(it.status().IsCorruption());
  }
  SECTION("keys out of order") {
    // Sorted by bytes, not internal-key order: a#1 < a#9 bytewise.
    VectorIterator in({{MakeInternalKey("a", 1, ValueType::kValue), "x"},
                       {MakeInternalKey("a", 9, ValueType::kValue), "y"}},
                      &testing::CompareBytes);
    CompactionIterator it(&in, {});
    it.SeekToFirst();
    REQUIRE(it.Valid());
    it.Next();
    CHECK_FALSE(it.Valid());
    CHECK(it.status().IsCorruption());
  }
  SECTION("input error") {
    VectorIterator in({{MakeInternalKey("a", 1, ValueType::kValue), "x"},
                       {MakeInternalKey("b", 1, ValueType::kValue), "y"}},
                      &CompareInternalKeys, /*fail_at=*/1);
    CompactionIterator it(&in, {});
    it.SeekToFirst();
    REQUIRE(it.Valid());
    it.Next();
    CHECK_FALSE(it.Valid());
    CHECK(it.status().IsIOError());
  }
}

// ---- Randomized comparison with a brute-force model ----

enum class Read { kValue, kHidden, kAbsent };  // kHidden: deleted, lower levels hidden too
struct ReadResult {
  Read kind;
  std::string value;
  bool operator==(const ReadResult& o) const { return kind == o.kind && value == o.value; }
};

bool CoveredAt(const std::vector<RangeTombstone>& rts, const std::string& key, SequenceNumber seq,
               SequenceNumber read_seq) {
  for (const auto& t : rts) {
    if (t.start <= key && key < t.end && t.seq > seq && t.seq <= read_seq) return true;
  }
  return false;
}

ReadResult ReadAt(const std::vector<Entry>& entries, const std::vector<RangeTombstone>& rts, const std::string& key,
                  SequenceNumber read_seq) {
  const Entry* best = nullptr;
  for (const auto& e : entries) {
    if (e.user_key == key && e.seq <= read_seq && (best == nullptr || e.seq > best->seq)) best = &e;
  }
  if (best == nullptr) {
    return CoveredAt(rts, key, 0, read_seq) ? ReadResult{Read::kHidden, ""} : ReadResult{Read::kAbsent, ""};
  }
  if (best->type == ValueType::kDeletion || CoveredAt(rts, key, best->seq, read_seq)) {
    return ReadResult{Read::kHidden, ""};
  }
  return ReadResult{Read::kValue, best->value};
}

TEST_CASE("CompactionIterator matches a brute-force visibility model", "[compaction][compaction_iterator]") {
  std::mt19937 rng(7);
  for (int iter = 0; iter < 1500; ++iter) {
    const int num_keys = 1 + static_cast<int>(rng() % 8);
    const int num_entries = static_cast<int>(rng() % 40);
    std::vector<SequenceNumber> seqs;
    for (int i = 1; i <= num_entries + 4; ++i) seqs.push_back(static_cast<SequenceNumber>(i));
    std::shuffle(seqs.begin(), seqs.end(), rng);
    const SequenceNumber max_seq = seqs.size();

    std::vector<Entry> input;
    for (int i = 0; i < num_entries; ++i) {
      std::string key = "k" + std::to_string(rng() % num_keys);
      SequenceNumber seq = seqs[i];
      bool del = rng() % 10 < 3;
      input.push_back(Entry{key, seq, del ? ValueType::kDeletion : ValueType::kValue, del ? "" : "v" + std::to_string(seq)});
    }
    std::vector<RangeTombstone> rts;
    const int num_rts = static_cast<int>(rng() % 3);
    for (int i = 0; i < num_rts; ++i) {
      std::string a = "k" + std::to_string(rng() % (num_keys + 1));
      std::string b = "k" + std::to_string(rng() % (num_keys + 1));
      if (b < a) std::swap(a, b);
      rts.push_back(RangeTombstone{a, b + (rng() % 2 ? "x" : ""), seqs[num_entries + i]});
    }
    std::vector<SequenceNumber> snapshots;
    const int num_snaps = static_cast<int>(rng() % 4);
    for (int i = 0; i < num_snaps; ++i) snapshots.push_back(rng() % (max_seq + 2));
    std::set<std::string> in_lower_levels;
    const bool bottommost = rng() % 3 == 0;
    if (!bottommost) {
      for (int k = 0; k < num_keys; ++k) {
        if (rng() % 2) in_lower_levels.insert("k" + std::to_string(k));
      }
    }
    const bool use_filter = rng() % 3 == 0;
    DropOddValues filter;

    FragmentedRangeTombstones frag(rts);
    CompactionIteratorOptions o;
    o.snapshots = snapshots;
    o.range_tombstones = &frag;
    o.key_not_in_lower_levels = [&](Slice k) { return in_lower_levels.count(std::string(k)) == 0; };
    o.filter = use_filter ? &filter : nullptr;
    VectorIterator in(ToInternal(input));
    CompactionIterator it(&in, o);
    std::vector<Entry> output = Drain(it);
    REQUIRE(it.status().ok());
    INFO("iter " << iter << " input " << Render(input) << " output " << Render(output));

    // Visibility: every live snapshot and the newest readers see the same data.
    SequenceNumber max_snapshot = 0;
    for (auto s : snapshots) max_snapshot = std::max(max_snapshot, s);
    std::vector<SequenceNumber> read_points = snapshots;
    read_points.push_back(kMaxSequenceNumber);
    for (int k = 0; k < num_keys; ++k) {
      const std::string key = "k" + std::to_string(k);
      for (SequenceNumber rp : read_points) {
        ReadResult want = ReadAt(input, rts, key, rp);
        if (use_filter && rp == kMaxSequenceNumber && want.kind == Read::kValue) {
          // The newest version above every snapshot may be filtered.
          const Entry* newest = nullptr;
          for (const auto& e : input) {
            if (e.user_key == key && (newest == nullptr || e.seq > newest->seq)) newest = &e;
          }
          bool offered = snapshots.empty() || newest->seq > max_snapshot;
          if (offered && newest->seq % 2 == 1) want = ReadResult{Read::kHidden, ""};
        }
        ReadResult got = ReadAt(output, rts, key, rp);
        if (in_lower_levels.count(key) == 0) {
          // Nothing below: deleted and absent read the same.
          if (want.kind == Read::kHidden) want.kind = Read::kAbsent;
          if (got.kind == Read::kHidden) got.kind = Read::kAbsent;
        }
        INFO("key " << key << " read at " << rp);
        CHECK(got == want);
      }
    }

    // Minimality: no two outputs of a key in one stripe, no output covered by
    // a tombstone in its stripe, no droppable tombstone left.
    auto stripe = [&](SequenceNumber seq) {
      SequenceNumber best = UINT64_MAX;
      for (auto s : snapshots) {
        if (s >= seq && s < best) best = s;
      }
      return best;
    };
    SequenceNumber min_snapshot = UINT64_MAX;
    for (auto s : snapshots) min_snapshot = std::min(min_snapshot, s);
    std::set<std::pair<std::string, SequenceNumber>> stripes_seen;
    for (const auto& e : output) {
      const SequenceNumber st = stripe(e.seq);
      CHECK(stripes_seen.insert({e.user_key, st}).second);
      CHECK_FALSE(CoveredAt(rts, e.user_key, e.seq, st == UINT64_MAX ? kMaxSequenceNumber : st));
      if (e.type == ValueType::kDeletion && in_lower_levels.count(e.user_key) == 0) {
        CHECK_FALSE((snapshots.empty() || st == min_snapshot));
      }
    }
    const auto& stats = it.stats();
    CHECK(stats.input_entries == input.size());
    CHECK(stats.output_entries == output.size());
    CHECK(stats.input_entries ==
          stats.output_entries + stats.dropped_shadowed + stats.dropped_range_deleted + stats.dropped_tombstones);
  }
}

}  // namespace
}  // namespace strata::storage
