// MemTable: snapshot visibility of Get, range deletions, internal-key
// iteration in both directions, lifetime, and readers concurrent with writes.
#include "storage/memtable/memtable.h"

#include "common/coding.h"

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <map>
#include <random>
#include <thread>

namespace strata::storage {
namespace {

using State = MemTable::GetResult::State;

std::string Describe(const MemTable::GetResult& r) {
  switch (r.state) {
    case State::kNotPresent:
      return "none";
    case State::kDeleted:
      return "deleted@" + std::to_string(r.sequence);
    case State::kFound:
      return std::string(r.value) + "@" + std::to_string(r.sequence);
  }
  return "?";
}

std::string GetAt(const MemTable& m, Slice key, SequenceNumber snap) {
  return Describe(m.Get(key, snap));
}

TEST_CASE("MemTable Get sees exactly the versions at or below the snapshot", "[memtable]") {
  auto m = MemTable::Create();
  m->Add(1, ValueType::kValue, "k", "v1");
  m->Add(3, ValueType::kValue, "k", "v3");
  m->Add(5, ValueType::kDeletion, "k", "");
  m->Add(7, ValueType::kValue, "k", "v7");
  m->Add(2, ValueType::kValue, "ka", "other");  // a longer key sharing the prefix
  m->Add(4, ValueType::kValue, std::string("k\0", 2), "nul");

  CHECK(GetAt(*m, "k", 0) == "none");
  CHECK(GetAt(*m, "k", 1) == "v1@1");
  CHECK(GetAt(*m, "k", 2) == "v1@1");
  CHECK(GetAt(*m, "k", 3) == "v3@3");
  CHECK(GetAt(*m, "k", 4) == "v3@3");
  CHECK(GetAt(*m, "k", 5) == "deleted@5");
  CHECK(GetAt(*m, "k", 6) == "deleted@5");
  CHECK(GetAt(*m, "k", 7) == "v7@7");
  CHECK(GetAt(*m, "k", kMaxSequenceNumber) == "v7@7");
  CHECK(GetAt(*m, "ka", 10) == "other@2");
  CHECK(GetAt(*m, "ka", 1) == "none");
  CHECK(GetAt(*m, std::string("k\0", 2), 10) == "nul@4");
  CHECK(GetAt(*m, "", 10) == "none");
  CHECK(GetAt(*m, "j", 10) == "none");
  CHECK(GetAt(*m, "z", 10) == "none");

  CHECK(m->num_entries() == 6);
  CHECK(m->num_deletes() == 1);
  CHECK(m->smallest_sequence() == 1);
  CHECK(m->largest_sequence() == 7);
}

TEST_CASE("MemTable range deletions hide older versions at visible snapshots", "[memtable]") {
  auto m = MemTable::Create();
  m->Add(1, ValueType::kValue, "a", "a1");
  m->Add(2, ValueType::kValue, "c", "c2");
  m->Add(3, ValueType::kValue, "e", "e3");
  m->Add(10, ValueType::kRangeDeletion, "b", "e");  // deletes [b, e)
  m->Add(11, ValueType::kValue, "d", "d11");
  m->Add(20, ValueType::kRangeDeletion, "a", "b");

  CHECK(m->num_range_deletes() == 2);
  CHECK(GetAt(*m, "a", 19) == "a1@1");
  CHECK(GetAt(*m, "a", 20) == "deleted@20");
  CHECK(GetAt(*m, "c", 9) == "c2@2");
  CHECK(GetAt(*m, "c", 10) == "deleted@10");
  CHECK(GetAt(*m, "bb", 10) == "deleted@10");  // no version here, still deleted
  CHECK(GetAt(*m, "bb", 9) == "none");
  CHECK(GetAt(*m, "d", 10) == "deleted@10");
  CHECK(GetAt(*m, "d", 11) == "d11@11");      // written after the range deletion
  CHECK(GetAt(*m, "e", 30) == "e3@3");        // end is exclusive
  CHECK(GetAt(*m, "b", 30) == "deleted@10");  // begin is inclusive

  // Range deletions are exposed separately, in internal-key order.
  auto it = m->NewRangeTombstoneIterator();
  it->SeekToFirst();
  REQUIRE(it->Valid());
  CHECK(it->key() == MakeInternalKey("a", 20, ValueType::kRangeDeletion));
  CHECK(it->value() == "b");
  it->Next();
  REQUIRE(it->Valid());
  CHECK(it->key() == MakeInternalKey("b", 10, ValueType::kRangeDeletion));
  CHECK(it->value() == "e");
  it->Next();
  CHECK_FALSE(it->Valid());
  // ...and not mixed into the point iterator.
  auto points = m->NewIterator();
  int n = 0;
  for (points->SeekToFirst(); points->Valid(); points->Next()) ++n;
  CHECK(n == 4);
}

TEST_CASE("MemTable iterator orders internal keys and seeks both ways", "[memtable]") {
  auto m = MemTable::Create();
  // Model: internal key -> value, ordered by CompareInternalKeys.
  struct Less {
    bool operator()(const std::string& a, const std::string& b) const {
      return CompareInternalKeys(a, b) < 0;
    }
  };
  std::map<std::string, std::string, Less> model;
  std::mt19937_64 rng(11);
  SequenceNumber seq = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string key = "key" + std::to_string(rng() % 300);
    if (rng() % 17 == 0) key.push_back('\0');
    ++seq;
    const bool del = rng() % 5 == 0;
    std::string value = del ? "" : "v" + std::to_string(seq);
    const ValueType t = del ? ValueType::kDeletion : ValueType::kValue;
    m->Add(seq, t, key, value);
    model[MakeInternalKey(key, seq, t)] = value;
  }

  auto it = m->NewIterator();
  CHECK(it->status().ok());
  it->SeekToFirst();
  for (const auto& [k, v] : model) {
    REQUIRE(it->Valid());
    REQUIRE(it->key() == k);
    REQUIRE(it->value() == v);
    it->Next();
  }
  CHECK_FALSE(it->Valid());
  it->SeekToLast();
  for (auto r = model.rbegin(); r != model.rend(); ++r) {
    REQUIRE(it->Valid());
    REQUIRE(it->key() == r->first);
    it->Prev();
  }
  CHECK_FALSE(it->Valid());

  for (int i = 0; i < 1000; ++i) {
    std::string user_key = "key" + std::to_string(rng() % 310);
    SequenceNumber snap = rng() % (seq + 5);
    std::string target = MakeInternalKey(user_key, snap, kValueTypeForSeek);
    it->Seek(target);
    auto lb = model.lower_bound(target);
    if (lb == model.end()) {
      CHECK_FALSE(it->Valid());
    } else {
      REQUIRE(it->Valid());
      CHECK(it->key() == lb->first);
    }
    it->SeekForPrev(target);
    auto ub = model.upper_bound(target);
    if (ub == model.begin()) {
      CHECK_FALSE(it->Valid());
    } else {
      REQUIRE(it->Valid());
      CHECK(it->key() == std::prev(ub)->first);
    }
  }
  // Seek to an exact internal key, then SeekForPrev to the same key.
  const std::string exact = std::next(model.begin(), 100)->first;
  it->Seek(exact);
  REQUIRE(it->Valid());
  CHECK(it->key() == exact);
  it->SeekForPrev(exact);
  REQUIRE(it->Valid());
  CHECK(it->key() == exact);
}

TEST_CASE("MemTable Get agrees with a brute-force model under random ops", "[memtable]") {
  struct Op {
    SequenceNumber seq;
    ValueType type;
    std::string key, value;
  };
  std::vector<Op> ops;
  auto m = MemTable::Create();
  std::mt19937_64 rng(77);
  auto rand_key = [&] { return std::string(1, static_cast<char>('a' + rng() % 20)); };
  for (SequenceNumber seq = 1; seq <= 2000; ++seq) {
    Op op{seq, ValueType::kValue, rand_key(), ""};
    const int r = static_cast<int>(rng() % 20);
    if (r == 0) {
      op.type = ValueType::kRangeDeletion;
      std::string end = rand_key();
      if (end < op.key) std::swap(end, op.key);
      op.value = end;
    } else if (r < 5) {
      op.type = ValueType::kDeletion;
    } else {
      op.value = "v" + std::to_string(seq);
    }
    m->Add(op.seq, op.type, op.key, op.value);
    ops.push_back(op);
  }
  for (int i = 0; i < 3000; ++i) {
    const std::string key = rand_key();
    const SequenceNumber snap = rng() % 2100;
    // Newest op at or below snap that affects key.
    std::string expected = "none";
    for (auto o = ops.rbegin(); o != ops.rend(); ++o) {
      if (o->seq > snap) continue;
      if (o->type == ValueType::kRangeDeletion) {
        if (o->key <= key && key < o->value) {
          expected = "deleted@" + std::to_string(o->seq);
          break;
        }
      } else if (o->key == key) {
        expected = o->type == ValueType::kValue ? o->value + "@" + std::to_string(o->seq)
                                                : "deleted@" + std::to_string(o->seq);
        break;
      }
    }
    INFO("key " << key << " snapshot " << snap);
    REQUIRE(GetAt(*m, key, snap) == expected);
  }
}

// The skiplist compares 8-byte user-key prefixes before whole entries. Keys
// shorter than 8 bytes, keys that differ only past byte 8, and keys whose
// tails are zero bytes (so that zero padding makes prefixes equal) must still
// come out in dbformat.h order.
TEST_CASE("MemTable orders keys around the 8-byte prefix boundary", "[memtable]") {
  auto m = MemTable::Create();
  std::vector<std::string> keys = {"",         std::string(1, '\0'), std::string(2, '\0'),
                                   "a",        std::string("a\0", 2), std::string("a\0\0\0\0\0\0\0", 8),
                                   std::string("a\0\0\0\0\0\0\0\0", 9), "abcdefgh",  "abcdefgh0",
                                   "abcdefgh1", "abcdefg",  "abcdefgi", "\xff\xff\xff\xff\xff\xff\xff\xff",
                                   "\xff\xff\xff\xff\xff\xff\xff\xff\x01", "\x80", "\x7f\xff"};
  std::mt19937_64 rng(5);
  std::vector<std::string> shuffled = keys;
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  SequenceNumber seq = 0;
  std::vector<std::string> internal;
  for (const std::string& k : shuffled) {
    for (int v = 0; v < 2; ++v) {
      ++seq;
      m->Add(seq, ValueType::kValue, k, "v" + std::to_string(seq));
      std::string ikey = k;
      PutFixed64(&ikey, PackSequenceAndType(seq, ValueType::kValue));
      internal.push_back(ikey);
    }
  }
  std::sort(internal.begin(), internal.end(),
            [](const std::string& a, const std::string& b) { return CompareInternalKeys(a, b) < 0; });
  auto it = m->NewIterator();
  size_t i = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next(), ++i) {
    REQUIRE(i < internal.size());
    CHECK(std::string(it->key()) == internal[i]);
  }
  CHECK(i == internal.size());
  for (const std::string& k : keys) {
    const MemTable::GetResult r = m->Get(k, seq);
    REQUIRE(r.state == State::kFound);
    CHECK(std::string(r.value) == "v" + std::to_string(r.sequence));
    // Seek lands on the newest version of exactly this key.
    std::string target = k;
    PutFixed64(&target, PackSequenceAndType(seq, kValueTypeForSeek));
    it->Seek(target);
    REQUIRE(it->Valid());
    CHECK(std::string(ExtractUserKey(it->key())) == k);
  }
}

TEST_CASE("MemTable iterators keep the memtable alive", "[memtable]") {
  auto m = MemTable::Create();
  m->Add(1, ValueType::kValue, "k", std::string(1000, 'v'));
  std::weak_ptr<MemTable> weak = m;
  auto it = m->NewIterator();
  m.reset();  // e.g. flushed and dropped from the version
  CHECK_FALSE(weak.expired());
  it->SeekToFirst();
  REQUIRE(it->Valid());
  CHECK(it->value() == std::string(1000, 'v'));
  it.reset();
  CHECK(weak.expired());
}

TEST_CASE("MemTable memory usage grows with data", "[memtable]") {
  auto m = MemTable::Create();
  CHECK(m->empty());
  const size_t before = m->ApproximateMemoryUsage();
  for (int i = 0; i < 10000; ++i) {
    m->Add(i + 1, ValueType::kValue, "key" + std::to_string(i), std::string(100, 'x'));
  }
  CHECK_FALSE(m->empty());
  CHECK(m->ApproximateMemoryUsage() >= before + 10000 * 100);
  CHECK(m->ApproximateMemoryUsage() < 10000 * 400);
}

TEST_CASE("MemTable readers see a consistent snapshot while a writer adds", "[memtable]") {
  auto m = MemTable::Create();
  constexpr int kWrites = 40000;
  constexpr int kKeys = 500;
  // The writer overwrites keys round-robin; value = sequence. `visible` is
  // the last sequence fully added, like the engine's published sequence.
  std::atomic<SequenceNumber> visible{0};
  std::atomic<bool> stop{false};
  std::atomic<int> errors{0};

  auto reader = [&](int id) {
    std::mt19937_64 rng(id);
    while (!stop.load()) {
      const SequenceNumber snap = visible.load(std::memory_order_acquire);
      // Point reads: key k was last written at the largest seq <= snap with
      // (seq - 1) % kKeys == k.
      for (int j = 0; j < 20; ++j) {
        const int k = static_cast<int>(rng() % kKeys);
        auto r = m->Get("key" + std::to_string(k), snap);
        if (snap < static_cast<SequenceNumber>(k) + 1) {
          if (r.state != State::kNotPresent) ++errors;
          continue;
        }
        const SequenceNumber expect = snap - ((snap - 1 - k) % kKeys);
        if (r.state != State::kFound || r.sequence != expect || r.value != std::to_string(expect)) {
          ++errors;
        }
      }
      // A scan sees internal keys in strictly increasing order.
      auto it = m->NewIterator();
      std::string prev;
      for (it->SeekToFirst(); it->Valid(); it->Next()) {
        std::string cur(it->key());
        if (!prev.empty() && CompareInternalKeys(prev, cur) >= 0) ++errors;
        prev = std::move(cur);
      }
    }
  };
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) readers.emplace_back(reader, r + 1);
  for (int i = 0; i < kWrites; ++i) {
    const SequenceNumber seq = i + 1;
    m->Add(seq, ValueType::kValue, "key" + std::to_string(i % kKeys), std::to_string(seq));
    visible.store(seq, std::memory_order_release);
  }
  stop = true;
  for (auto& t : readers) t.join();
  CHECK(errors.load() == 0);
}

}  // namespace
}  // namespace strata::storage
