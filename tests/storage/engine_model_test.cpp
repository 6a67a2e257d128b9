// Randomized model test of the Engine (in the spirit of pebble's metamorphic
// tests): a long seeded mix of puts, deletes, range deletes, multi-tree
// batches, snapshots, point reads, bounded iteration in both directions,
// flushes, CompactRange, tree creation/drop and reopen, on a MemFileSystem
// with tiny memtables and SSTables so flushes and compactions run constantly.
// Every read is checked against an in-memory model that keeps every version of
// every key, so reads at any held snapshot (and through iterators created long
// ago) can be checked too.
//
// Reproducing a failure: the failure message prints the seed; rerun with
//   STRATA_MODEL_SEED=<seed> [STRATA_MODEL_OPS=<n>] storage_tests "[model]"
// Long runs: storage_tests "[model-long]" (hidden; random seed unless
// STRATA_MODEL_SEED is set, STRATA_MODEL_OPS ops, default 500000).
//
// A second case runs writers, readers and flushes/compactions concurrently
// and checks what every snapshot may see: whole multi-tree batches, a view
// that never changes while held, and no going back in time.
//
// The engine runs background flushes and compactions on its own threads, so
// timing differs between runs, but the operations and every expected result
// depend on the seed only.
#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "storage/engine.h"
#include "storage/io/mem_file_system.h"
#include "tests/storage/engine_test_util.h"

namespace strata::storage {
namespace {

using testing::BatchOp;
using testing::Printable;
using testing::Rng;

// ---------------------------------------------------------------------------
// The model: every version of every key of one tree.

struct Version {
  SequenceNumber seq = 0;
  std::optional<std::string> value;  // nullopt = deleted (point or range tombstone)
};

class VersionedTree {
 public:
  using Entries = std::vector<std::pair<std::string, std::string>>;

  void Write(const std::string& key, SequenceNumber seq, std::optional<std::string> value) {
    keys_[key].push_back(Version{seq, std::move(value)});
  }

  // A range tombstone only matters for keys that have a version below it; keys
  // first written later are above it. So record it as a point tombstone on
  // every key the model knows in [begin, end).
  void DeleteRange(const std::string& begin, const std::string& end, SequenceNumber seq) {
    if (!(begin < end)) return;
    for (auto it = keys_.lower_bound(begin); it != keys_.end() && it->first < end; ++it) {
      it->second.push_back(Version{seq, std::nullopt});
    }
  }

  std::optional<std::string> Get(const std::string& key, SequenceNumber seq) const {
    auto it = keys_.find(key);
    if (it == keys_.end()) return std::nullopt;
    const Version* v = Visible(it->second, seq);
    return v == nullptr ? std::nullopt : v->value;
  }

  // Visible (key, value) pairs at seq with lower <= key < upper.
  Entries Range(SequenceNumber seq, const std::optional<std::string>& lower,
                const std::optional<std::string>& upper) const {
    Entries out;
    auto it = lower ? keys_.lower_bound(*lower) : keys_.begin();
    for (; it != keys_.end(); ++it) {
      if (upper && !(it->first < *upper)) break;
      const Version* v = Visible(it->second, seq);
      if (v != nullptr && v->value) out.emplace_back(it->first, *v->value);
    }
    return out;
  }

  // Forgets versions no read at or above min_seq can see.
  void Prune(SequenceNumber min_seq) {
    for (auto it = keys_.begin(); it != keys_.end();) {
      std::vector<Version>& v = it->second;
      auto first_visible =
          std::upper_bound(v.begin(), v.end(), min_seq,
                           [](SequenceNumber s, const Version& x) { return s < x.seq; });
      if (first_visible != v.begin()) v.erase(v.begin(), std::prev(first_visible));
      if (v.size() == 1 && !v[0].value && v[0].seq <= min_seq) {
        it = keys_.erase(it);
      } else {
        ++it;
      }
    }
  }

  size_t version_count() const {
    size_t n = 0;
    for (const auto& [k, v] : keys_) n += v.size();
    return n;
  }

 private:
  static const Version* Visible(const std::vector<Version>& v, SequenceNumber seq) {
    auto it = std::upper_bound(v.begin(), v.end(), seq,
                               [](SequenceNumber s, const Version& x) { return s < x.seq; });
    return it == v.begin() ? nullptr : &*std::prev(it);
  }

  std::map<std::string, std::vector<Version>> keys_;
};

// ---------------------------------------------------------------------------
// The run.

struct LiveTree {
  TreeId id;
  std::string name;
};

// An iterator kept open across many operations; its contents are fixed by the
// sequence number at creation.
struct HeldIterator {
  std::unique_ptr<Iterator> it;
  TreeId tree = 0;
  SequenceNumber seq = 0;
  std::optional<std::string> lower, upper;
};

class ModelRun {
 public:
  ModelRun(uint64_t seed, uint64_t ops) : seed_(seed), ops_(ops), rng_(seed) {
    MakeKeyUniverse();
    options_ = testing::SmallEngineOptions(&fs_, &rng_);
  }

  ~ModelRun() {
    ReleaseAll();
    if (engine_) (void)engine_->Close();
  }

  void Run() {
    Open();
    last_seq_ = engine_->LatestSequence();
    trees_.push_back({kDefaultTree, "default"});
    used_tree_ids_.insert(kDefaultTree);
    const int initial_trees = static_cast<int>(rng_.Range(1, 3));
    for (int i = 0; i < initial_trees; ++i) DoCreateTree();

    for (op_ = 0; op_ < ops_; ++op_) {
      Step();
      if (op_ % 1000 == 999) Prune();
      if (op_ % 2000 == 1999) CheckEverything();
    }
    CheckEverything();
    Reopen();
    CheckEverything();
    AccumulateStats();
  }

  uint64_t flushes() const { return flushes_; }
  uint64_t compactions() const { return compactions_; }

 private:
  // --- Failure reporting ------------------------------------------------------

  std::string Context() const {
    std::string s = "seed=" + std::to_string(seed_) + " op=" + std::to_string(op_) + " of " +
                    std::to_string(ops_) +
                    "\n  reproduce: STRATA_MODEL_SEED=" + std::to_string(seed_) +
                    " STRATA_MODEL_OPS=" + std::to_string(ops_) +
                    " storage_tests \"[model]\"\n  options: " + testing::DescribeOptions(options_) +
                    "\n  recent operations (oldest first):\n";
    for (const std::string& t : trace_) s += "    " + t + "\n";
    return s;
  }

  [[noreturn]] void Fail(const std::string& what) const {
    FAIL(what << "\n" << Context());
    std::abort();  // unreachable: FAIL throws
  }

  void Expect(bool cond, const std::function<std::string()>& what) const {
    if (!cond) Fail(what());
  }

  void ExpectOk(const Status& s, const std::string& what) const {
    if (!s.ok()) Fail(what + " failed: " + s.ToString());
  }

  void Trace(std::string s) {
    trace_.push_back("#" + std::to_string(op_) + " " + std::move(s));
    if (trace_.size() > 48) trace_.pop_front();
  }

  // --- Random choices ---------------------------------------------------------

  void MakeKeyUniverse() {
    std::set<std::string> keys;
    keys.insert("");  // the empty key is a valid key
    const uint64_t numbered = rng_.Range(100, 400);
    for (uint64_t i = 0; i < numbered; ++i) {
      char buf[32];
      std::snprintf(buf, sizeof(buf), "key%06llu",
                    static_cast<unsigned long long>(rng_.Uniform(5000)));
      keys.insert(buf);
    }
    // Short keys over a tiny alphabet with NUL and 0xff bytes: many keys are
    // prefixes of others, which stresses separators and prefix compression.
    static constexpr char kAlphabet[] = {'\0', 'a', 'b', '\xff'};
    for (int i = 0; i < 80; ++i) {
      std::string k;
      const uint64_t len = rng_.Range(1, 6);
      for (uint64_t j = 0; j < len; ++j) k.push_back(kAlphabet[rng_.Uniform(4)]);
      keys.insert(k);
    }
    for (int i = 0; i < 4; ++i)
      keys.insert("long/" + std::string(rng_.Range(100, 600), 'x') + std::to_string(i));
    keys_.assign(keys.begin(), keys.end());
  }

  std::string RandomKey() {
    if (rng_.Percent(95)) return rng_.Pick(keys_);
    // Something between or around the universe's keys.
    std::string k = rng_.Pick(keys_);
    switch (rng_.Uniform(3)) {
      case 0:
        k.push_back(static_cast<char>(rng_.Uniform(256)));
        break;
      case 1:
        if (!k.empty()) k.pop_back();
        break;
      default:
        k = "key" + std::to_string(rng_.Uniform(10000));
    }
    return k;
  }

  std::string RandomValue() {
    const uint64_t r = rng_.Uniform(1000);
    size_t len;
    if (r < 80) {
      len = 0;
    } else if (r < 700) {
      len = rng_.Range(1, 24);
    } else if (r < 985) {
      len = rng_.Range(25, 600);
    } else {
      len = rng_.Range(2000, 40000);  // spans WAL blocks and makes huge SSTable blocks
    }
    std::string v = "v" + std::to_string(op_) + ".";
    while (v.size() < len) v.push_back(static_cast<char>('a' + rng_.Uniform(26)));
    v.resize(len);
    return v;
  }

  // A range [begin, end): usually narrow, sometimes wide, rarely empty.
  std::pair<std::string, std::string> RandomRange() {
    std::string a = RandomKey();
    std::string b = RandomKey();
    if (b < a) std::swap(a, b);
    if (rng_.OneIn(40)) b = a;  // empty range
    if (rng_.Percent(60) && a != b) {
      // Narrow it: the next few universe keys after a.
      auto it = std::lower_bound(keys_.begin(), keys_.end(), a);
      const uint64_t span = rng_.Range(1, 6);
      for (uint64_t i = 0; i < span && it != keys_.end(); ++i) ++it;
      if (it != keys_.end() && *it > a && *it < b) b = *it;
    }
    return {a, b};
  }

  TreeId RandomTree() { return rng_.Pick(trees_).id; }

  // --- Engine lifecycle -------------------------------------------------------

  void Open() {
    auto r = Engine::Open(kDir, options_);
    if (!r.ok()) Fail("Open failed: " + r.status().ToString());
    engine_ = std::move(r).value();
  }

  void ReleaseAll() {
    for (const Snapshot* s : snapshots_) engine_->ReleaseSnapshot(s);
    snapshots_.clear();
    held_iterators_.clear();
  }

  void AccumulateStats() {
    EngineStats stats = engine_->GetStats();
    flushes_ += stats.flushes;
    compactions_ += stats.compactions;
  }

  void Reopen() {
    Trace("reopen");
    ReleaseAll();
    AccumulateStats();
    ExpectOk(engine_->Close(), "Close");
    engine_.reset();
    graveyard_.clear();
    if (rng_.OneIn(3)) options_ = testing::SmallEngineOptions(&fs_, &rng_);
    Open();
    const SequenceNumber recovered = engine_->LatestSequence();
    Expect(recovered >= last_seq_, [&] {
      return "LatestSequence went backwards over reopen: " + std::to_string(recovered) + " < " +
             std::to_string(last_seq_);
    });
    last_seq_ = recovered;
    for (const LiveTree& t : trees_) {
      if (t.id == kDefaultTree) continue;  // its name is the engine's choice
      auto found = engine_->FindTree(t.name);
      Expect(found.ok() && found.value() == t.id, [&] {
        return "after reopen FindTree(" + t.name + ") should be " + std::to_string(t.id) +
               ", got " + (found.ok() ? std::to_string(found.value()) : found.status().ToString());
      });
    }
    for (const std::string& name : dropped_names_) {
      auto found = engine_->FindTree(name);
      Expect(!found.ok(), [&] { return "dropped tree " + name + " is back after reopen"; });
    }
  }

  // --- Operations ---------------------------------------------------------------

  void Step() {
    const uint64_t r = rng_.Uniform(1000);
    if (r < 250) return DoPut();
    if (r < 330) return DoDelete();
    if (r < 360) return DoDeleteRange();
    if (r < 460) return DoBatch();
    if (r < 620) return DoGet();
    if (r < 720) return DoIterate();
    if (r < 750) return DoAcquireSnapshot();
    if (r < 780) return DoReleaseSnapshot();
    if (r < 800) return DoHeldIterator();
    if (r < 830) return DoFlush();
    if (r < 845) return DoCompactRange();
    if (r < 853) return DoCreateTree();
    if (r < 859) return DoDropTree();
    if (r < 862) return DoBadWrites();
    if (r < 866) return DoStats();
    if (r < 870) return Reopen();
    return DoPut();
  }

  WriteOptions RandomWriteOptions() {
    WriteOptions wo;
    wo.sync = rng_.OneIn(4);
    return wo;
  }

  // Writes ops as one batch (or through the single-record helpers) and applies
  // them to the model with the sequence numbers the engine must have used.
  void Commit(const std::vector<BatchOp>& ops) {
    Trace(testing::DescribeOps(ops));
    const WriteOptions wo = RandomWriteOptions();
    Status s;
    if (ops.size() == 1 && rng_.Percent(50)) {
      const BatchOp& op = ops[0];
      switch (op.kind) {
        case BatchOp::Kind::kPut:
          s = engine_->Put(wo, op.tree, op.key, op.arg);
          break;
        case BatchOp::Kind::kDelete:
          s = engine_->Delete(wo, op.tree, op.key);
          break;
        case BatchOp::Kind::kDeleteRange:
          s = engine_->DeleteRange(wo, op.tree, op.key, op.arg);
          break;
      }
    } else {
      WriteBatch batch = testing::MakeBatch(ops);
      s = engine_->Write(wo, &batch);
    }
    ExpectOk(s, "write " + testing::DescribeOps(ops));
    const SequenceNumber now = engine_->LatestSequence();
    Expect(now == last_seq_ + ops.size(), [&] {
      return "a batch of " + std::to_string(ops.size()) + " records moved LatestSequence from " +
             std::to_string(last_seq_) + " to " + std::to_string(now);
    });
    SequenceNumber seq = last_seq_;
    for (const BatchOp& op : ops) {
      ++seq;
      VersionedTree& t = model_[op.tree];
      switch (op.kind) {
        case BatchOp::Kind::kPut:
          t.Write(op.key, seq, op.arg);
          break;
        case BatchOp::Kind::kDelete:
          t.Write(op.key, seq, std::nullopt);
          break;
        case BatchOp::Kind::kDeleteRange:
          t.DeleteRange(op.key, op.arg, seq);
          break;
      }
    }
    last_seq_ = now;
  }

  BatchOp RandomOp(TreeId tree) {
    BatchOp op;
    op.tree = tree;
    const uint64_t r = rng_.Uniform(100);
    if (r < 65) {
      op.kind = BatchOp::Kind::kPut;
      op.key = RandomKey();
      op.arg = RandomValue();
    } else if (r < 90) {
      op.kind = BatchOp::Kind::kDelete;
      op.key = RandomKey();
    } else {
      op.kind = BatchOp::Kind::kDeleteRange;
      std::tie(op.key, op.arg) = RandomRange();
    }
    return op;
  }

  void DoPut() {
    BatchOp op{BatchOp::Kind::kPut, RandomTree(), RandomKey(), RandomValue()};
    Commit({op});
  }

  void DoDelete() {
    BatchOp op{BatchOp::Kind::kDelete, RandomTree(), RandomKey(), ""};
    Commit({op});
  }

  void DoDeleteRange() {
    auto [b, e] = RandomRange();
    Commit({BatchOp{BatchOp::Kind::kDeleteRange, RandomTree(), b, e}});
  }

  // A batch over several trees; often touches one key several times so the
  // order inside the batch matters.
  void DoBatch() {
    std::vector<BatchOp> ops;
    const uint64_t n = rng_.Range(2, rng_.OneIn(10) ? 200 : 16);
    for (uint64_t i = 0; i < n; ++i) {
      if (!ops.empty() && rng_.Percent(20)) {
        BatchOp again = RandomOp(ops.back().tree);
        if (again.kind != BatchOp::Kind::kDeleteRange) again.key = rng_.Pick(ops).key;
        again.tree = ops.back().tree;
        ops.push_back(again);
      } else {
        ops.push_back(RandomOp(RandomTree()));
      }
    }
    Commit(ops);
  }

  // Writes that must fail without any effect: to an unknown or dropped tree,
  // atomically together with valid records.
  void DoBadWrites() {
    TreeId bad = 1000000 + static_cast<TreeId>(rng_.Uniform(1000));
    if (!dropped_ids_.empty() && rng_.Percent(50)) bad = rng_.Pick(dropped_ids_);
    std::vector<BatchOp> ops;
    for (uint64_t i = 0, n = rng_.Range(0, 3); i < n; ++i) ops.push_back(RandomOp(RandomTree()));
    ops.insert(ops.begin() + static_cast<long>(rng_.Uniform(ops.size() + 1)),
               BatchOp{BatchOp::Kind::kPut, bad, RandomKey(), RandomValue()});
    Trace("bad write (tree " + std::to_string(bad) + "): " + testing::DescribeOps(ops));
    WriteBatch batch = testing::MakeBatch(ops);
    Status s = engine_->Write(WriteOptions(), &batch);
    Expect(!s.ok(),
           [&] { return "a batch writing to missing tree " + std::to_string(bad) + " succeeded"; });
    Expect(engine_->LatestSequence() == last_seq_, [&] {
      return "a failed write consumed sequence numbers: " + std::to_string(last_seq_) + " -> " +
             std::to_string(engine_->LatestSequence());
    });
    Trace("dropping default tree must fail");
    Expect(!engine_->DropTree(kDefaultTree).ok(), [] { return "DropTree(default) succeeded"; });
    const std::string existing = trees_[rng_.Range(1, trees_.size() - 1)].name;
    auto created = engine_->CreateTree(existing);
    Expect(!created.ok(),
           [&] { return "CreateTree(" + existing + ") with an existing name succeeded"; });
    if (!dropped_ids_.empty()) {
      // A dropped tree can no longer be flushed, compacted or read.
      const TreeId gone = rng_.Pick(dropped_ids_);
      Trace("operations on dropped tree t" + std::to_string(gone));
      Expect(!engine_->Flush(gone).ok(), [&] { return "Flush of a dropped tree succeeded"; });
      Expect(!engine_->CompactRange(gone).ok(),
             [&] { return "CompactRange of a dropped tree succeeded"; });
      Result<std::string> got = engine_->Get(ReadOptions(), gone, RandomKey());
      Expect(!got.ok(), [&] { return "Get on a dropped tree returned " + Printable(got.value()); });
      std::unique_ptr<Iterator> it = engine_->NewIterator(ReadOptions(), gone);
      it->SeekToFirst();
      Expect(!it->Valid(),
             [&] { return "an iterator on a dropped tree returned " + Printable(it->key()); });
    }
  }

  // A random held snapshot, or nullptr (latest) with probability 1/2.
  const Snapshot* RandomSnapshot() {
    if (snapshots_.empty() || rng_.Percent(50)) return nullptr;
    return rng_.Pick(snapshots_);
  }

  void DoGet() {
    const TreeId tree = RandomTree();
    const Snapshot* snap = RandomSnapshot();
    const SequenceNumber seq = snap ? snap->sequence() : last_seq_;
    ReadOptions ro;
    ro.snapshot = snap;
    ro.fill_cache = !rng_.OneIn(5);
    // Read several keys, some of them twice (the second read hits the cache).
    for (uint64_t i = 0, n = rng_.Range(1, 8); i < n; ++i) {
      const std::string key = RandomKey();
      CheckGet(ro, tree, key, seq);
    }
  }

  void CheckGet(const ReadOptions& ro, TreeId tree, const std::string& key, SequenceNumber seq) {
    const std::optional<std::string> expected = model_[tree].Get(key, seq);
    Result<std::string> got = engine_->Get(ro, tree, key);
    if (expected) {
      Expect(got.ok() && got.value() == *expected, [&] {
        return "Get(t" + std::to_string(tree) + ", " + Printable(key) + ") at seq " +
               std::to_string(seq) + ": expected " + Printable(*expected) + ", got " +
               (got.ok() ? Printable(got.value()) : got.status().ToString());
      });
    } else {
      Expect(!got.ok() && got.status().IsNotFound(), [&] {
        return "Get(t" + std::to_string(tree) + ", " + Printable(key) + ") at seq " +
               std::to_string(seq) + ": expected NotFound, got " +
               (got.ok() ? Printable(got.value()) : got.status().ToString());
      });
    }
  }

  void RandomBounds(std::optional<std::string>* lower, std::optional<std::string>* upper) {
    lower->reset();
    upper->reset();
    if (rng_.Percent(40)) return;
    if (rng_.Percent(70)) *lower = RandomKey();
    if (rng_.Percent(70)) *upper = RandomKey();
    if (*lower && *upper && **upper < **lower) std::swap(*lower, *upper);
  }

  void DoIterate() {
    const TreeId tree = RandomTree();
    const Snapshot* snap = RandomSnapshot();
    ReadOptions ro;
    ro.snapshot = snap;
    ro.fill_cache = !rng_.OneIn(5);
    RandomBounds(&ro.lower_bound, &ro.upper_bound);
    const SequenceNumber seq = snap ? snap->sequence() : last_seq_;
    Trace("iterate t" + std::to_string(tree) + " seq " + std::to_string(seq) + " bounds [" +
          (ro.lower_bound ? Printable(*ro.lower_bound, 16) : "-") + ", " +
          (ro.upper_bound ? Printable(*ro.upper_bound, 16) : "-") + ")");
    std::unique_ptr<Iterator> it = engine_->NewIterator(ro, tree);
    const VersionedTree::Entries expected = model_[tree].Range(seq, ro.lower_bound, ro.upper_bound);
    if (rng_.Percent(30)) {
      CheckFullScan(it.get(), expected, rng_.Percent(50));
    } else {
      RandomWalk(it.get(), expected, rng_.Range(1, 40));
    }
  }

  void CheckFullScan(Iterator* it, const VersionedTree::Entries& expected, bool forward) {
    size_t n = 0;
    if (forward) {
      for (it->SeekToFirst(); it->Valid(); it->Next(), ++n) {
        Expect(n < expected.size() && it->key() == expected[n].first &&
                   it->value() == expected[n].second,
               [&] { return ScanMismatch(it, expected, n, "forward"); });
      }
    } else {
      for (it->SeekToLast(); it->Valid(); it->Prev(), ++n) {
        const size_t i = expected.size() - 1 - n;
        Expect(n < expected.size() && it->key() == expected[i].first &&
                   it->value() == expected[i].second,
               [&] { return ScanMismatch(it, expected, i, "backward"); });
      }
    }
    ExpectOk(it->status(), "iterator");
    Expect(n == expected.size(), [&] {
      return std::string(forward ? "forward" : "backward") + " scan returned " + std::to_string(n) +
             " entries, expected " + std::to_string(expected.size());
    });
  }

  std::string ScanMismatch(Iterator* it, const VersionedTree::Entries& expected, size_t i,
                           const char* dir) {
    std::string s = std::string(dir) + " scan entry " + std::to_string(i) + ": got " +
                    Printable(it->key()) + " = " + Printable(it->value()) + ", expected ";
    if (i < expected.size()) {
      s += Printable(expected[i].first) + " = " + Printable(expected[i].second);
    } else {
      s += "the end";
    }
    return s;
  }

  // Random positioning and stepping in both directions, each step checked.
  void RandomWalk(Iterator* it, const VersionedTree::Entries& expected, uint64_t steps) {
    auto key_less = [](const std::pair<std::string, std::string>& e, const std::string& k) {
      return e.first < k;
    };
    long pos = -1;  // expected position, -1 = not valid
    std::string last_op;
    for (uint64_t step = 0; step < steps; ++step) {
      const uint64_t r = rng_.Uniform(100);
      if (pos < 0 || r < 30) {
        const uint64_t kind = rng_.Uniform(4);
        if (kind == 0) {
          it->SeekToFirst();
          pos = expected.empty() ? -1 : 0;
          last_op = "SeekToFirst";
        } else if (kind == 1) {
          it->SeekToLast();
          pos = static_cast<long>(expected.size()) - 1;
          last_op = "SeekToLast";
        } else {
          std::string target = RandomKey();
          if (!expected.empty() && rng_.Percent(30)) target = rng_.Pick(expected).first;
          if (kind == 2) {
            it->Seek(target);
            auto lb = std::lower_bound(expected.begin(), expected.end(), target, key_less);
            pos = lb == expected.end() ? -1 : static_cast<long>(lb - expected.begin());
            last_op = "Seek(" + Printable(target) + ")";
          } else {
            it->SeekForPrev(target);
            auto ub = std::upper_bound(
                expected.begin(), expected.end(), target,
                [](const std::string& k, const std::pair<std::string, std::string>& e) {
                  return k < e.first;
                });
            pos = static_cast<long>(ub - expected.begin()) - 1;
            last_op = "SeekForPrev(" + Printable(target) + ")";
          }
        }
      } else if (r < 65) {
        it->Next();
        ++pos;
        if (pos >= static_cast<long>(expected.size())) pos = -1;
        last_op += " Next";
      } else {
        it->Prev();
        --pos;
        last_op += " Prev";
      }
      if (last_op.size() > 400) last_op = "..." + last_op.substr(last_op.size() - 200);
      ExpectOk(it->status(), "iterator after " + last_op);
      if (pos < 0) {
        Expect(!it->Valid(), [&] {
          return "after " + last_op + " the iterator should be exhausted, but is at " +
                 Printable(it->key()) + " (" + std::to_string(expected.size()) +
                 " entries expected in range)";
        });
      } else {
        const auto& e = expected[static_cast<size_t>(pos)];
        Expect(it->Valid() && it->key() == e.first && it->value() == e.second, [&] {
          return "after " + last_op + " expected " + Printable(e.first) + " = " +
                 Printable(e.second) + ", got " +
                 (it->Valid() ? Printable(it->key()) + " = " + Printable(it->value())
                              : std::string("!Valid()"));
        });
      }
    }
  }

  void DoAcquireSnapshot() {
    if (snapshots_.size() >= 8) return DoReleaseSnapshot();
    const Snapshot* s = engine_->GetSnapshot();
    Trace("snapshot @" + std::to_string(s->sequence()));
    Expect(s->sequence() == last_seq_, [&] {
      return "GetSnapshot returned sequence " + std::to_string(s->sequence()) +
             " but the last write was " + std::to_string(last_seq_);
    });
    snapshots_.push_back(s);
  }

  void DoReleaseSnapshot() {
    if (snapshots_.empty()) return;
    const size_t i = rng_.Uniform(snapshots_.size());
    Trace("release snapshot @" + std::to_string(snapshots_[i]->sequence()));
    engine_->ReleaseSnapshot(snapshots_[i]);
    snapshots_.erase(snapshots_.begin() + static_cast<long>(i));
  }

  // Creates an iterator to check much later (across flushes, compactions and
  // even the drop of its tree), or checks and closes one.
  void DoHeldIterator() {
    if (held_iterators_.size() < 3 && rng_.Percent(60)) {
      HeldIterator h;
      h.tree = RandomTree();
      h.seq = last_seq_;
      ReadOptions ro;
      RandomBounds(&h.lower, &h.upper);
      ro.lower_bound = h.lower;
      ro.upper_bound = h.upper;
      h.it = engine_->NewIterator(ro, h.tree);
      if (rng_.Percent(50)) h.it->SeekToFirst();  // pin some blocks now
      Trace("hold iterator on t" + std::to_string(h.tree) + " @" + std::to_string(h.seq));
      held_iterators_.push_back(std::move(h));
      return;
    }
    if (held_iterators_.empty()) return;
    const size_t i = rng_.Uniform(held_iterators_.size());
    HeldIterator& h = held_iterators_[i];
    Trace("check held iterator on t" + std::to_string(h.tree) + " @" + std::to_string(h.seq));
    VersionedTree& tree = model_.count(h.tree) ? model_[h.tree] : graveyard_[h.tree];
    const VersionedTree::Entries expected = tree.Range(h.seq, h.lower, h.upper);
    if (rng_.Percent(40)) {
      CheckFullScan(h.it.get(), expected, rng_.Percent(50));
    } else {
      RandomWalk(h.it.get(), expected, rng_.Range(1, 30));
    }
    if (rng_.Percent(50)) held_iterators_.erase(held_iterators_.begin() + static_cast<long>(i));
  }

  void DoFlush() {
    if (rng_.Percent(30)) {
      Trace("flush all");
      ExpectOk(engine_->Flush(), "Flush()");
    } else {
      const TreeId t = RandomTree();
      Trace("flush t" + std::to_string(t));
      ExpectOk(engine_->Flush(t), "Flush(t" + std::to_string(t) + ")");
    }
  }

  void DoCompactRange() {
    const TreeId t = RandomTree();
    if (rng_.Percent(40)) {
      Trace("compact t" + std::to_string(t) + " all");
      ExpectOk(engine_->CompactRange(t), "CompactRange(all)");
    } else {
      auto [b, e] = RandomRange();
      std::optional<Slice> begin, end;
      if (!rng_.OneIn(5)) begin = Slice(b);
      if (!rng_.OneIn(5)) end = Slice(e);
      Trace("compact t" + std::to_string(t) + " [" + (begin ? Printable(b, 16) : "-") + ", " +
            (end ? Printable(e, 16) : "-") + ")");
      ExpectOk(engine_->CompactRange(t, begin, end), "CompactRange");
    }
  }

  void DoCreateTree() {
    if (trees_.size() >= 6) return DoDropTree();
    const std::string name = "tree" + std::to_string(next_tree_name_++);
    TreeOptions to;
    to.compaction_style =
        rng_.Percent(25) ? CompactionStyle::kUniversal : CompactionStyle::kLeveled;
    auto r = engine_->CreateTree(name, to);
    if (!r.ok()) Fail("CreateTree(" + name + ") failed: " + r.status().ToString());
    const TreeId id = r.value();
    Trace("create tree " + name + " -> t" + std::to_string(id) +
          (to.compaction_style == CompactionStyle::kUniversal ? " (universal)" : ""));
    Expect(used_tree_ids_.insert(id).second,
           [&] { return "CreateTree reused tree id " + std::to_string(id); });
    trees_.push_back({id, name});
    model_[id];  // an empty tree
    auto found = engine_->FindTree(name);
    Expect(found.ok() && found.value() == id,
           [&] { return "FindTree(" + name + ") after create"; });
  }

  void DoDropTree() {
    if (trees_.size() <= 2) return DoCreateTree();
    const size_t i = rng_.Range(1, trees_.size() - 1);  // never the default tree
    const LiveTree t = trees_[i];
    Trace("drop tree " + t.name + " (t" + std::to_string(t.id) + ")");
    ExpectOk(engine_->DropTree(t.id), "DropTree(" + t.name + ")");
    trees_.erase(trees_.begin() + static_cast<long>(i));
    graveyard_[t.id] = std::move(model_[t.id]);
    model_.erase(t.id);
    dropped_ids_.push_back(t.id);
    dropped_names_.push_back(t.name);
    auto found = engine_->FindTree(t.name);
    Expect(!found.ok(), [&] { return "FindTree(" + t.name + ") found a dropped tree"; });
  }

  void DoStats() {
    EngineStats stats = engine_->GetStats();
    Trace("stats");
    Expect(stats.last_sequence == last_seq_, [&] {
      return "GetStats().last_sequence " + std::to_string(stats.last_sequence) +
             " != " + std::to_string(last_seq_);
    });
    for (const LiveTree& t : trees_) {
      const bool listed = std::any_of(stats.trees.begin(), stats.trees.end(),
                                      [&](const TreeStats& s) { return s.id == t.id; });
      Expect(listed, [&] { return "GetStats() does not list tree " + t.name; });
    }
  }

  // --- Whole-state checks -------------------------------------------------------

  void CheckEverything() {
    Trace("check everything");
    for (const LiveTree& t : trees_) {
      std::vector<std::pair<const Snapshot*, SequenceNumber>> views = {{nullptr, last_seq_}};
      for (const Snapshot* s : snapshots_) views.emplace_back(s, s->sequence());
      for (const auto& [snap, seq] : views) {
        ReadOptions ro;
        ro.snapshot = snap;
        std::unique_ptr<Iterator> it = engine_->NewIterator(ro, t.id);
        CheckFullScan(it.get(), model_[t.id].Range(seq, std::nullopt, std::nullopt), true);
        it = engine_->NewIterator(ro, t.id);
        CheckFullScan(it.get(), model_[t.id].Range(seq, std::nullopt, std::nullopt), false);
      }
    }
  }

  void Prune() {
    SequenceNumber min_seq = last_seq_;
    for (const Snapshot* s : snapshots_) min_seq = std::min(min_seq, s->sequence());
    for (const HeldIterator& h : held_iterators_) min_seq = std::min(min_seq, h.seq);
    for (auto& [id, t] : model_) t.Prune(min_seq);
    for (auto it = graveyard_.begin(); it != graveyard_.end();) {
      const TreeId id = it->first;
      const bool referenced = std::any_of(held_iterators_.begin(), held_iterators_.end(),
                                          [&](const HeldIterator& h) { return h.tree == id; });
      it = referenced ? std::next(it) : graveyard_.erase(it);
    }
  }

  static constexpr char kDir[] = "/model";

  const uint64_t seed_;
  const uint64_t ops_;
  Rng rng_;
  uint64_t op_ = 0;
  MemFileSystem fs_;
  EngineOptions options_;
  std::unique_ptr<Engine> engine_;
  std::vector<std::string> keys_;

  SequenceNumber last_seq_ = 0;
  std::map<TreeId, VersionedTree> model_;
  std::map<TreeId, VersionedTree> graveyard_;  // dropped trees still read by held iterators
  std::vector<LiveTree> trees_;
  std::set<TreeId> used_tree_ids_;
  std::vector<TreeId> dropped_ids_;
  std::vector<std::string> dropped_names_;
  int next_tree_name_ = 0;
  std::vector<const Snapshot*> snapshots_;
  std::vector<HeldIterator> held_iterators_;
  std::deque<std::string> trace_;
  uint64_t flushes_ = 0;
  uint64_t compactions_ = 0;
};

uint64_t DefaultOps() {
  if (auto ops = testing::EnvUint64("STRATA_MODEL_OPS")) return *ops;
  return testing::kSanitizerBuild ? 6000 : 20000;
}

TEST_CASE("Engine matches a versioned model under a random workload", "[engine][model]") {
  std::vector<uint64_t> seeds = {1, 2, 3, 4};
  if (auto seed = testing::EnvUint64("STRATA_MODEL_SEED")) seeds = {*seed};
  const uint64_t ops = DefaultOps();
  uint64_t flushes = 0;
  uint64_t compactions = 0;
  for (uint64_t seed : seeds) {
    INFO("seed " << seed << " (rerun with STRATA_MODEL_SEED=" << seed << ")");
    ModelRun run(seed, ops);
    run.Run();
    flushes += run.flushes();
    compactions += run.compactions();
  }
  // The options must keep the machinery busy, or the test checks little.
  CHECK(flushes >= seeds.size());
  CHECK(compactions >= seeds.size());
}

// ---------------------------------------------------------------------------
// Concurrent readers: while writers commit multi-tree batches and the main
// thread flushes and compacts, readers check that every snapshot shows whole
// batches (the two trees a batch wrote agree), that a snapshot's view never
// changes while it is held, and that successive snapshots never go back.

class ConcurrentReadRun {
 public:
  ConcurrentReadRun(uint64_t seed, std::chrono::milliseconds duration)
      : seed_(seed), duration_(duration) {
    Rng rng(seed);
    options_ = testing::SmallEngineOptions(&fs_, &rng);
  }

  void Run() {
    auto opened = Engine::Open("/concurrent", options_);
    REQUIRE(opened.ok());
    engine_ = std::move(opened).value();
    auto a = engine_->CreateTree("a");
    auto b = engine_->CreateTree("b");
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    tree_a_ = a.value();
    tree_b_ = b.value();

    std::vector<std::thread> threads;
    for (int w = 0; w < kWriters; ++w) threads.emplace_back([this, w] { Writer(w); });
    for (int r = 0; r < kReaders; ++r) threads.emplace_back([this, r] { Reader(r); });
    Rng rng(seed_ ^ 0x5eed);
    const auto deadline = std::chrono::steady_clock::now() + duration_;
    while (std::chrono::steady_clock::now() < deadline && !failed_.load()) {
      std::this_thread::sleep_for(std::chrono::microseconds(rng.Range(100, 3000)));
      Status s = rng.Percent(60) ? engine_->Flush(rng.Percent(50) ? tree_a_ : tree_b_)
                                 : engine_->CompactRange(rng.Percent(50) ? tree_a_ : tree_b_);
      if (!s.ok()) Report("Flush/CompactRange failed: " + s.ToString());
    }
    stop_.store(true);
    for (auto& t : threads) t.join();
    INFO("seed " << seed_ << " options: " << testing::DescribeOptions(options_));
    if (failed_.load()) FAIL(first_error_);
    CHECK(batches_.load() > 0);
    CHECK(checks_.load() > 0);
    REQUIRE(engine_->Close().ok());
  }

 private:
  static constexpr int kWriters = 3;
  static constexpr int kReaders = 2;

  void Report(const std::string& what) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!failed_.exchange(true)) first_error_ = what;
  }

  static std::string Prefix(int w) { return "w" + std::to_string(w) + "/"; }

  // Batch i of writer w: x (tree a) and y (tree b) both become i; key k<i%40>
  // of tree a gets i; every 7th batch also deletes the writer's r-range in
  // tree b and rewrites one r key.
  void Writer(int w) {
    Rng rng(seed_ * 131 + static_cast<uint64_t>(w));
    const std::string p = Prefix(w);
    for (uint64_t i = 1; !stop_.load(); ++i) {
      WriteBatch batch;
      const std::string v = std::to_string(i);
      const std::string pad(rng.Range(0, 300), 'p');
      batch.Put(tree_a_, p + "x", v);
      batch.Put(tree_a_, p + "k" + std::to_string(i % 40), v + pad);
      if (i % 7 == 0) batch.DeleteRange(tree_b_, p + "r", p + "s");
      batch.Put(tree_b_, p + "r" + std::to_string(i % 10), v);
      batch.Put(tree_b_, p + "y", v);
      WriteOptions wo;
      wo.sync = rng.OneIn(8);
      Status s = engine_->Write(wo, &batch);
      if (!s.ok()) return Report("writer " + std::to_string(w) + ": Write failed: " + s.ToString());
      batches_.fetch_add(1);
    }
  }

  // The value of key at snapshot, or "" when absent; false on error.
  bool Read(const Snapshot* snap, TreeId tree, const std::string& key, std::string* out) {
    ReadOptions ro;
    ro.snapshot = snap;
    Result<std::string> r = engine_->Get(ro, tree, key);
    if (r.ok()) {
      *out = r.value();
      return true;
    }
    if (r.status().IsNotFound()) {
      out->clear();
      return true;
    }
    Report("Get(" + key + ") failed: " + r.status().ToString());
    return false;
  }

  static uint64_t Num(const std::string& s) { return s.empty() ? 0 : std::stoull(s); }

  void Reader(int r) {
    Rng rng(seed_ * 977 + static_cast<uint64_t>(r));
    std::vector<uint64_t> last_seen(kWriters, 0);
    while (!stop_.load() && !failed_.load()) {
      const Snapshot* snap = engine_->GetSnapshot();
      std::vector<uint64_t> seen(kWriters, 0);
      for (int w = 0; w < kWriters && !failed_.load(); ++w) {
        std::string x, y;
        if (!Read(snap, tree_a_, Prefix(w) + "x", &x) || !Read(snap, tree_b_, Prefix(w) + "y", &y))
          break;
        if (x != y) {
          Report("snapshot @" + std::to_string(snap->sequence()) + " sees half a batch of writer " +
                 std::to_string(w) + ": x=" + x + " (tree a) but y=" + y + " (tree b)");
          break;
        }
        seen[w] = Num(x);
        if (seen[w] < last_seen[w]) {
          Report("a later snapshot went back: writer " + std::to_string(w) + " batch " +
                 std::to_string(seen[w]) + " after " + std::to_string(last_seen[w]));
        }
        last_seen[w] = seen[w];
      }
      // Tree b's r-range at the snapshot, read twice with writes, flushes and
      // compactions in between, must not change and must fit batch x.
      auto scan = [&](std::map<std::string, std::string>* out) {
        ReadOptions ro;
        ro.snapshot = snap;
        std::unique_ptr<Iterator> it = engine_->NewIterator(ro, tree_b_);
        for (it->SeekToFirst(); it->Valid(); it->Next())
          (*out)[std::string(it->key())] = std::string(it->value());
        if (!it->status().ok()) Report("scan failed: " + it->status().ToString());
      };
      std::map<std::string, std::string> first, second;
      scan(&first);
      std::this_thread::sleep_for(std::chrono::microseconds(rng.Range(0, 2000)));
      scan(&second);
      if (first != second) {
        Report("the view of snapshot @" + std::to_string(snap->sequence()) +
               " changed while it was held (" + std::to_string(first.size()) + " vs " +
               std::to_string(second.size()) + " keys)");
      }
      for (int w = 0; w < kWriters; ++w) {
        // After batch n the r keys hold exactly the batches since the last
        // multiple of 7 at or below n (the range delete), one key each.
        const uint64_t n = seen[w];
        const std::string p = Prefix(w);
        for (uint64_t j = 0; j < 10; ++j) {
          auto it = first.find(p + "r" + std::to_string(j));
          uint64_t expected = 0;
          for (uint64_t i = n; i > 0 && i + 10 > n; --i) {
            if (i % 10 == j) {
              expected = i;
              break;
            }
          }
          if (expected != 0 && expected < n - n % 7) expected = 0;  // range-deleted
          const uint64_t got = it == first.end() ? 0 : Num(it->second);
          if (got != expected) {
            Report("snapshot @" + std::to_string(snap->sequence()) + ", writer " +
                   std::to_string(w) + " at batch " + std::to_string(n) + ": key " + p + "r" +
                   std::to_string(j) + " = " + std::to_string(got) + ", expected " +
                   std::to_string(expected));
          }
        }
      }
      engine_->ReleaseSnapshot(snap);
      checks_.fetch_add(1);
    }
  }

  const uint64_t seed_;
  const std::chrono::milliseconds duration_;
  MemFileSystem fs_;
  EngineOptions options_;
  std::unique_ptr<Engine> engine_;
  TreeId tree_a_ = 0;
  TreeId tree_b_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<bool> failed_{false};
  std::atomic<uint64_t> batches_{0};
  std::atomic<uint64_t> checks_{0};
  std::mutex mu_;
  std::string first_error_;
};

TEST_CASE("Concurrent readers see whole multi-tree batches and stable snapshots",
          "[engine][model]") {
  std::vector<uint64_t> seeds = {11, 12, 13};
  if (auto seed = testing::EnvUint64("STRATA_MODEL_SEED")) seeds = {*seed};
  for (uint64_t seed : seeds) {
    INFO("seed " << seed << " (rerun with STRATA_MODEL_SEED=" << seed << ")");
    ConcurrentReadRun run(seed, std::chrono::milliseconds(testing::kSanitizerBuild ? 1500 : 1000));
    run.Run();
  }
}

TEST_CASE("Engine model test, long run", "[.][model-long]") {
  uint64_t seed = testing::EnvUint64("STRATA_MODEL_SEED")
                      .value_or(static_cast<uint64_t>(
                          std::chrono::steady_clock::now().time_since_epoch().count()));
  const uint64_t ops = testing::EnvUint64("STRATA_MODEL_OPS").value_or(500000);
  INFO("seed " << seed << " (rerun with STRATA_MODEL_SEED=" << seed << ")");
  std::printf("model-long: seed %llu, %llu ops\n", static_cast<unsigned long long>(seed),
              static_cast<unsigned long long>(ops));
  ModelRun run(seed, ops);
  run.Run();
  CHECK(run.flushes() > 0);
}

}  // namespace
}  // namespace strata::storage
