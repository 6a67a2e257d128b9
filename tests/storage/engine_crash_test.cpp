// Crash and I/O-fault tests of the Engine, on FaultInjectionFileSystem over a
// MemFileSystem.
//
// Power loss: a random workload (multi-tree batches, synced and unsynced,
// flushes and compactions, some running on another thread, tree creation and
// drop) is cut at a random point, often in the middle of a flush or a
// compaction. The cut freezes the files (every later append fails), drops
// everything not synced (DropUnsyncedData), lets the dead engine shut down,
// undoes what it did to the namespace afterwards, and reopens. The recovered
// trees must equal the state after some prefix of the batches that includes
// every batch acknowledged with sync=true (and everything written before a
// successful Flush of all trees): nothing synced is lost, nothing is
// invented, no batch is half there, and no earlier batch is missing while a
// later one survived.
//
// I/O faults: the n-th write or sync fails, or the disk fills up (ENOSPC). The
// failing call returns an error, the engine turns read-only (later writes
// fail, reads still see the acknowledged data), and after a reopen without the
// fault everything acknowledged is intact.
//
// Each case loops over many seeds within a time budget. A failure prints the
// seed; rerun one seed with STRATA_CRASH_SEED=<seed>, or more seeds with
// STRATA_CRASH_SEEDS=<count> and a longer budget with
// STRATA_CRASH_BUDGET_MS=<ms> (STRATA_TEST_VERBOSE=1 prints how many ran).
#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "storage/engine.h"
#include "storage/io/fault_injection_file_system.h"
#include "storage/io/mem_file_system.h"
#include "tests/storage/engine_test_util.h"

namespace strata::storage {
namespace {

using testing::BatchOp;
using testing::DbState;
using testing::Rng;
using testing::TreeState;

constexpr char kDir[] = "/crash";

// Seeds to run: STRATA_CRASH_SEED alone, or `count` seeds from `first`.
std::vector<uint64_t> CrashSeeds(uint64_t first, uint64_t count) {
  if (auto seed = testing::EnvUint64("STRATA_CRASH_SEED")) return {*seed};
  count = testing::EnvUint64("STRATA_CRASH_SEEDS").value_or(count);
  std::vector<uint64_t> seeds;
  for (uint64_t i = 0; i < count; ++i) seeds.push_back(first + i);
  return seeds;
}

// Stops a seed loop once `budget` has passed (at least one seed always runs),
// so the default suite stays fast on a loaded machine.
class TimeBudget {
 public:
  explicit TimeBudget(std::chrono::milliseconds budget)
      : deadline_(std::chrono::steady_clock::now() + budget) {}
  bool Exhausted() const { return std::chrono::steady_clock::now() > deadline_; }

 private:
  std::chrono::steady_clock::time_point deadline_;
};

// With STRATA_TEST_VERBOSE set, says how many seeds a loop got through.
void ReportSeeds(const char* test, size_t ran, size_t planned) {
  if (std::getenv("STRATA_TEST_VERBOSE") != nullptr) {
    std::printf("%s: %zu of %zu seeds\n", test, ran, planned);
  }
}

std::chrono::milliseconds Budget(int release_ms) {
  if (auto ms = testing::EnvUint64("STRATA_CRASH_BUDGET_MS")) return std::chrono::milliseconds(*ms);
  return std::chrono::milliseconds(testing::kSanitizerBuild ? release_ms * 3 : release_ms);
}

// A batch the test tried to write, and what the engine answered.
struct LoggedBatch {
  std::vector<BatchOp> ops;
  bool sync = false;
  bool acked = false;  // Write returned OK
};

// Among states(p) = base + batches [0, p) for p in [min_p, max_p], finds one
// equal to `actual` on `trees`. Returns a description of the mismatch when
// none is.
std::optional<std::string> MatchPrefix(const DbState& base, const std::vector<LoggedBatch>& log,
                                       size_t min_p, size_t max_p, const DbState& actual,
                                       const std::vector<TreeId>& trees, size_t* matched) {
  DbState state = base;
  std::string first_diff, last_diff;
  for (size_t p = 0; p <= max_p; ++p) {
    if (p >= min_p) {
      std::string d = testing::DiffStates(state, actual, trees);
      if (d.empty()) {
        *matched = p;
        return std::nullopt;
      }
      if (p == min_p) first_diff = d;
      last_diff = d;
    }
    if (p < log.size()) testing::ApplyOps(log[p].ops, &state);
  }
  return "recovered state matches no allowed prefix of the " + std::to_string(log.size()) +
         " batches since the last recovery (allowed: " + std::to_string(min_p) + ".." +
         std::to_string(max_p) + ").\n  vs. the shortest allowed prefix: " + first_diff +
         "\n  vs. the longest allowed prefix: " + last_diff;
}

std::string DescribeLog(const std::vector<LoggedBatch>& log, size_t max = 40) {
  std::string s;
  const size_t from = log.size() > max ? log.size() - max : 0;
  for (size_t i = from; i < log.size(); ++i) {
    s += "    [" + std::to_string(i) + "] " + (log[i].sync ? "sync " : "nosync ") +
         (log[i].acked ? "acked: " : "FAILED: ") + testing::DescribeOps(log[i].ops) + "\n";
  }
  return s;
}

// ---------------------------------------------------------------------------
// Shared workload: a few trees, a small key space, values that name their
// batch so a mismatch says which batch is wrong.

class Workload {
 public:
  explicit Workload(uint64_t seed) : seed_(seed), rng_(seed), fs_(&base_) {
    options_ = testing::SmallEngineOptions(&fs_, &rng_);
  }
  virtual ~Workload() {
    if (engine_) (void)engine_->Close();
  }

 protected:
  std::string Context() const {
    return "seed=" + std::to_string(seed_) +
           " (rerun with STRATA_CRASH_SEED=" + std::to_string(seed_) +
           ")\n  options: " + testing::DescribeOptions(options_) + "\n  events: " + events_ + "\n";
  }

  [[noreturn]] void Fail(const std::string& what) const {
    FAIL(what << "\n" << Context());
    std::abort();
  }

  void Event(const std::string& e) {
    events_ += e + "; ";
    if (events_.size() > 3000) events_ = "..." + events_.substr(events_.size() - 2000);
  }

  Status TryOpen() {
    auto r = Engine::Open(kDir, options_);
    if (!r.ok()) return r.status();
    engine_ = std::move(r).value();
    return Status::OK();
  }

  void OpenOrFail(const std::string& when) {
    Status s = TryOpen();
    if (!s.ok()) Fail("Open " + when + " failed: " + s.ToString());
  }

  TreeId CreateTreeOrFail(const std::string& name) {
    auto r = engine_->CreateTree(name);
    if (!r.ok()) Fail("CreateTree(" + name + ") failed: " + r.status().ToString());
    return r.value();
  }

  static std::string Key(uint64_t i) {
    char buf[16];
    std::snprintf(buf, sizeof(buf), "k%03llu", static_cast<unsigned long long>(i));
    return buf;
  }

  // A batch of 1-4 (sometimes up to 30) records over `trees`, keys
  // prefix + "kNNN" with NNN < key_space; values start with `tag`.
  static std::vector<BatchOp> RandomOps(Rng* rng, const std::vector<TreeId>& trees,
                                        const std::string& prefix, uint64_t key_space,
                                        const std::string& tag) {
    std::vector<BatchOp> ops;
    const uint64_t n = rng->OneIn(8) ? rng->Range(5, 30) : rng->Range(1, 4);
    for (uint64_t i = 0; i < n; ++i) {
      BatchOp op;
      op.tree = rng->Pick(trees);
      op.key = prefix + Key(rng->Uniform(key_space));
      const uint64_t r = rng->Uniform(100);
      if (r < 75) {
        op.kind = BatchOp::Kind::kPut;
        op.arg = tag + "." + std::to_string(i) + ":";
        const size_t len = rng->OneIn(30) ? rng->Range(3000, 20000) : rng->Range(0, 200);
        while (op.arg.size() < len) op.arg.push_back(static_cast<char>('a' + rng->Uniform(26)));
      } else if (r < 92) {
        op.kind = BatchOp::Kind::kDelete;
      } else {
        op.kind = BatchOp::Kind::kDeleteRange;
        const uint64_t b = rng->Uniform(key_space);
        op.key = prefix + Key(b);
        op.arg = prefix + Key(b + rng->Range(1, 8));
      }
      ops.push_back(std::move(op));
    }
    return ops;
  }

  std::vector<BatchOp> RandomOps(const std::vector<TreeId>& trees, uint64_t key_space) {
    return RandomOps(&rng_, trees, "", key_space, "b" + std::to_string(next_batch_id_++));
  }

  const uint64_t seed_;
  Rng rng_;
  MemFileSystem base_;
  FaultInjectionFileSystem fs_;
  EngineOptions options_;
  std::unique_ptr<Engine> engine_;
  uint64_t next_batch_id_ = 0;
  std::string events_;
};

// ---------------------------------------------------------------------------
// Power loss at random points, one writer.

// How the crashes landed, summed over all seeds (STRATA_TEST_VERBOSE prints
// it): shows that cuts do hit running flushes/compactions and do lose
// unsynced batches.
struct CrashCounts {
  std::atomic<uint64_t> crashes{0};
  std::atomic<uint64_t> interrupted_maintenance{0};  // a flush/compaction failed because of the cut
  std::atomic<uint64_t> lost_unsynced{0};            // recovery kept fewer batches than were acked
};
CrashCounts g_crash_counts;

class PowerLossRun : public Workload {
 public:
  using Workload::Workload;

  ~PowerLossRun() override { JoinMaintenance(/*expect_ok=*/false); }

  void Run(int cycles) {
    OpenOrFail("a new database");
    trees_ = {{kDefaultTree, ""}};
    for (int i = 0; i < 2; ++i) AddTree();
    for (cycle_ = 0; cycle_ < cycles; ++cycle_) {
      const uint64_t ops = rng_.Range(10, 250);
      for (uint64_t i = 0; i < ops; ++i) Step();
      CrashAndRecover();
      if (rng_.OneIn(4)) {
        // Power fails again right after recovery: whatever recovery did must
        // itself have been crash-safe.
        Event("crash right after recovery");
        CrashAndRecover();
      }
    }
  }

 private:
  struct NamedTree {
    TreeId id;
    std::string name;
  };

  std::vector<TreeId> TreeIds() const {
    std::vector<TreeId> ids;
    for (const NamedTree& t : trees_) ids.push_back(t.id);
    return ids;
  }

  void AddTree() {
    const std::string name = "t" + std::to_string(next_tree_++);
    const TreeId id = CreateTreeOrFail(name);
    Event("create " + name + "=t" + std::to_string(id));
    trees_.push_back({id, name});
  }

  void Step() {
    const uint64_t r = rng_.Uniform(1000);
    if (r < 820) {
      Write();
    } else if (r < 860) {
      const std::optional<TreeId> tree =
          rng_.Percent(40) ? std::nullopt : std::optional<TreeId>(rng_.Pick(TreeIds()));
      Event(tree ? "flush t" + std::to_string(*tree) : std::string("flush all"));
      Status s = engine_->Flush(tree);
      if (!s.ok()) Fail("Flush failed: " + s.ToString());
      // Everything written before a successful flush of all trees is in
      // synced SSTables: a crash must not lose it.
      if (!tree) required_ = log_.size();
    } else if (r < 880) {
      const TreeId t = rng_.Pick(TreeIds());
      Event("compact t" + std::to_string(t));
      Status s = engine_->CompactRange(t);
      if (!s.ok()) Fail("CompactRange failed: " + s.ToString());
    } else if (r < 950) {
      StartMaintenance();
    } else if (r < 965) {
      if (trees_.size() < 5) AddTree();
    } else if (r < 975) {
      DropTree();
    } else {
      Write();
    }
  }

  void Write() {
    LoggedBatch b;
    b.ops = RandomOps(TreeIds(), 60);
    b.sync = rng_.Percent(35);
    WriteBatch batch = testing::MakeBatch(b.ops);
    WriteOptions wo;
    wo.sync = b.sync;
    Status s = engine_->Write(wo, &batch);
    if (!s.ok()) Fail("Write failed with no fault armed: " + s.ToString());
    b.acked = true;
    log_.push_back(std::move(b));
    if (log_.back().sync) required_ = log_.size();
  }

  void DropTree() {
    if (trees_.size() <= 2) return;
    JoinMaintenance(/*expect_ok=*/true);  // it may be working on the tree
    const size_t i = rng_.Range(1, trees_.size() - 1);
    Event("drop " + trees_[i].name);
    Status s = engine_->DropTree(trees_[i].id);
    if (!s.ok()) Fail("DropTree failed: " + s.ToString());
    dropped_.push_back(trees_[i].name);
    trees_.erase(trees_.begin() + static_cast<long>(i));
  }

  // A flush or compaction on another thread, so that the crash can land in
  // the middle of it.
  void StartMaintenance() {
    JoinMaintenance(/*expect_ok=*/true);
    const TreeId t = rng_.Pick(TreeIds());
    const bool flush = rng_.Percent(60);
    Event(std::string("async ") + (flush ? "flush" : "compact") + " t" + std::to_string(t));
    maintenance_status_ = Status::OK();
    maintenance_ = std::thread([this, t, flush] {
      maintenance_status_ = flush ? engine_->Flush(t) : engine_->CompactRange(t);
    });
  }

  void JoinMaintenance(bool expect_ok) {
    if (!maintenance_.joinable()) return;
    maintenance_.join();
    if (expect_ok && !maintenance_status_.ok()) {
      Fail("background Flush/CompactRange failed with no fault armed: " +
           maintenance_status_.ToString());
    }
  }

  void CrashAndRecover() {
    // Sometimes make sure the cut lands inside a flush or compaction: start
    // one and let it write a few blocks first.
    if (!maintenance_.joinable() && rng_.Percent(60)) StartMaintenance();
    if (maintenance_.joinable()) {
      const uint64_t target = fs_.write_count() + rng_.Range(0, 6);
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(30);
      while (fs_.write_count() < target && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::yield();
      }
    }
    Event("CRASH after " + std::to_string(log_.size()) + " batches (required " +
          std::to_string(required_) + ")");
    fs_.SetSpaceLimit(0);  // from here on nothing reaches the files
    if (Status s = fs_.DropUnsyncedData(); !s.ok()) Fail("DropUnsyncedData: " + s.ToString());
    if (maintenance_.joinable()) {
      maintenance_.join();
      if (!maintenance_status_.ok()) g_crash_counts.interrupted_maintenance.fetch_add(1);
    }
    g_crash_counts.crashes.fetch_add(1);
    (void)engine_->Close();
    engine_.reset();
    // Undo what the dead engine did to the namespace after the power cut.
    if (Status s = fs_.DropUnsyncedData(); !s.ok()) Fail("DropUnsyncedData: " + s.ToString());
    fs_.SetSpaceLimit(std::nullopt);

    if (rng_.OneIn(3)) options_ = testing::SmallEngineOptions(&fs_, &rng_);
    OpenOrFail("after a crash");
    Verify();
  }

  void Verify() {
    for (const NamedTree& t : trees_) {
      if (t.id == kDefaultTree) continue;
      auto found = engine_->FindTree(t.name);
      if (!found.ok() || found.value() != t.id) {
        Fail("tree " + t.name + " (created and acknowledged) is missing after the crash: " +
             (found.ok() ? "id " + std::to_string(found.value()) : found.status().ToString()));
      }
    }
    for (const std::string& name : dropped_) {
      if (engine_->FindTree(name).ok()) Fail("dropped tree " + name + " is back after the crash");
    }
    auto actual = testing::ReadTrees(engine_.get(), TreeIds());
    if (!actual.ok()) Fail("reading after recovery failed: " + actual.status().ToString());
    size_t p = 0;
    if (auto mismatch =
            MatchPrefix(durable_, log_, required_, log_.size(), actual.value(), TreeIds(), &p)) {
      Fail(*mismatch + "\n  last batches:\n" + DescribeLog(log_));
    }
    Event("recovered " + std::to_string(p) + "/" + std::to_string(log_.size()));
    if (p < log_.size()) g_crash_counts.lost_unsynced.fetch_add(1);
    durable_ = std::move(actual).value();
    log_.clear();
    required_ = 0;
  }

  std::vector<NamedTree> trees_;
  std::vector<std::string> dropped_;
  int next_tree_ = 0;
  int cycle_ = 0;
  DbState durable_;               // the state found at the last recovery
  std::vector<LoggedBatch> log_;  // batches written since then
  size_t required_ = 0;           // this prefix of log_ must survive a crash
  std::thread maintenance_;
  Status maintenance_status_;
};

TEST_CASE("Power loss at random points keeps exactly the synced writes, whole batches only",
          "[engine][crash]") {
  TimeBudget budget(Budget(10000));
  const auto seeds = CrashSeeds(1, testing::kSanitizerBuild ? 60 : 120);
  size_t ran = 0;
  for (uint64_t seed : seeds) {
    if (ran > 0 && budget.Exhausted()) break;
    INFO("seed " << seed);
    PowerLossRun run(seed);
    run.Run(testing::kSanitizerBuild ? 3 : 5);
    ++ran;
  }
  ReportSeeds("power loss", ran, seeds.size());
  if (std::getenv("STRATA_TEST_VERBOSE") != nullptr) {
    std::printf(
        "power loss: %llu crashes, %llu cut a running flush/compaction, %llu lost unsynced "
        "batches\n",
        static_cast<unsigned long long>(g_crash_counts.crashes.load()),
        static_cast<unsigned long long>(g_crash_counts.interrupted_maintenance.load()),
        static_cast<unsigned long long>(g_crash_counts.lost_unsynced.load()));
  }
  CHECK(ran > 0);
}

// ---------------------------------------------------------------------------
// Power loss under concurrent writers (group commit).

class ConcurrentRun : public Workload {
 public:
  using Workload::Workload;

  void Run(int cycles) {
    OpenOrFail("a new database");
    trees_ = {kDefaultTree, CreateTreeOrFail("other")};
    bases_.assign(kThreads, DbState());
    for (int cycle = 0; cycle < cycles; ++cycle) {
      RunWritersAndCrash();
      Verify();
    }
  }

 private:
  static constexpr int kThreads = 4;

  struct TimedBatch {
    LoggedBatch batch;
    uint64_t start = 0;  // logical clock before Write was called
    uint64_t end = 0;    // ... and after it returned
  };

  void RunWritersAndCrash() {
    logs_.assign(kThreads, {});
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    // Each writer draws from its own generator, so its batches depend on the
    // seed only (how many of them get written depends on timing).
    const uint64_t cycle_seed = rng_.Next();
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        Rng rng(cycle_seed + static_cast<uint64_t>(t));
        const std::string prefix = "w" + std::to_string(t) + "/";
        for (uint64_t i = 0; !stop.load(); ++i) {
          TimedBatch tb;
          tb.batch.ops = RandomOps(&rng, trees_, prefix, 40, prefix + "b" + std::to_string(i));
          tb.batch.sync = rng.Percent(30);
          WriteBatch batch = testing::MakeBatch(tb.batch.ops);
          WriteOptions wo;
          wo.sync = tb.batch.sync;
          tb.start = clock_.fetch_add(1);
          Status s = engine_->Write(wo, &batch);
          tb.end = clock_.fetch_add(1);
          tb.batch.acked = s.ok();
          logs_[t].push_back(std::move(tb));
          if (!s.ok()) break;
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::microseconds(rng_.Range(200, 8000)));
    fs_.SetSpaceLimit(0);
    if (Status s = fs_.DropUnsyncedData(); !s.ok()) Fail("DropUnsyncedData: " + s.ToString());
    stop.store(true);
    for (auto& th : threads) th.join();
    (void)engine_->Close();
    engine_.reset();
    if (Status s = fs_.DropUnsyncedData(); !s.ok()) Fail("DropUnsyncedData: " + s.ToString());
    fs_.SetSpaceLimit(std::nullopt);
    OpenOrFail("after a crash");
  }

  void Verify() {
    // A batch acknowledged before an acknowledged sync=true batch started has
    // a lower sequence number, so that sync made it durable too.
    uint64_t last_sync_start = 0;
    bool any_sync = false;
    for (const auto& log : logs_) {
      for (const TimedBatch& tb : log) {
        if (tb.batch.acked && tb.batch.sync) {
          last_sync_start = std::max(last_sync_start, tb.start);
          any_sync = true;
        }
      }
    }
    auto actual = testing::ReadTrees(engine_.get(), trees_);
    if (!actual.ok()) Fail("reading after recovery failed: " + actual.status().ToString());
    for (int t = 0; t < kThreads; ++t) {
      const std::string prefix = "w" + std::to_string(t) + "/";
      DbState mine;  // this thread's keys only
      for (const auto& [tree, contents] : actual.value()) {
        TreeState& m = mine[tree];
        for (const auto& [k, v] : contents) {
          if (k.rfind(prefix, 0) == 0) m.emplace(k, v);
        }
      }
      std::vector<LoggedBatch> log;
      size_t required = 0;
      for (const TimedBatch& tb : logs_[t]) {
        log.push_back(tb.batch);
        if (tb.batch.acked && ((tb.batch.sync) || (any_sync && tb.end < last_sync_start))) {
          required = log.size();
        }
      }
      size_t p = 0;
      if (auto mismatch = MatchPrefix(bases_[t], log, required, log.size(), mine, trees_, &p)) {
        Fail("writer " + std::to_string(t) + ": " + *mismatch + "\n  its last batches:\n" +
             DescribeLog(log));
      }
      Event("writer " + std::to_string(t) + " recovered " + std::to_string(p) + "/" +
            std::to_string(log.size()) + " (required " + std::to_string(required) + ")");
      bases_[t] = std::move(mine);
    }
  }

  std::vector<TreeId> trees_;
  std::vector<DbState> bases_;
  std::vector<std::vector<TimedBatch>> logs_;
  std::atomic<uint64_t> clock_{1};
};

TEST_CASE("Power loss under concurrent writers loses no synced batch", "[engine][crash]") {
  TimeBudget budget(Budget(6000));
  const auto seeds = CrashSeeds(1000, testing::kSanitizerBuild ? 16 : 40);
  size_t ran = 0;
  for (uint64_t seed : seeds) {
    if (ran > 0 && budget.Exhausted()) break;
    INFO("seed " << seed);
    ConcurrentRun run(seed);
    run.Run(3);
    ++ran;
  }
  ReportSeeds("concurrent power loss", ran, seeds.size());
  CHECK(ran > 0);
}

// ---------------------------------------------------------------------------
// Injected write/sync errors and ENOSPC.

class FaultRun : public Workload {
 public:
  using Workload::Workload;

  void Run() {
    OpenOrFail("a new database");
    trees_ = {kDefaultTree, CreateTreeOrFail("a"), CreateTreeOrFail("b")};
    for (int i = 0; i < 20; ++i) WriteOrFail();
    if (rng_.Percent(50)) {
      Status s = engine_->Flush();
      if (!s.ok()) Fail("Flush failed: " + s.ToString());
    }
    ArmFault();

    // Run until the engine reports an error.
    bool surfaced = false;
    for (int op = 0; op < 400 && !surfaced; ++op) surfaced = !Step();
    if (!surfaced && Fired()) {
      // Background work may still be on its way to the failure.
      Status s = engine_->Flush();
      if (!s.ok()) {
        surfaced = true;
        Event("Flush reports " + s.ToString());
      } else {
        surfaced = !Step();
        if (!surfaced) surfaced = !Step();
      }
      if (!surfaced) {
        Fail("an injected " + fault_name_ + " fired but no engine call ever reported an error");
      }
    }
    if (surfaced) CheckReadOnly();
    CheckLiveReads();
    Reopen();
  }

 private:
  bool WriteBatchNow(bool sync) {
    LoggedBatch b;
    b.ops = RandomOps(trees_, 50);
    b.sync = sync;
    WriteBatch batch = testing::MakeBatch(b.ops);
    WriteOptions wo;
    wo.sync = sync;
    Status s = engine_->Write(wo, &batch);
    b.acked = s.ok();
    if (!s.ok()) Event("write fails: " + s.ToString());
    // Only the first failed batch might have reached the log; later ones are
    // refused by a read-only engine and are not logged.
    if (b.acked || !failed_batch_logged_) {
      if (!b.acked) failed_batch_logged_ = true;
      log_.push_back(std::move(b));
      if (log_.back().acked && log_.back().sync) required_ = log_.size();
    }
    return s.ok();
  }

  void WriteOrFail() {
    if (!WriteBatchNow(rng_.Percent(60))) Fail("Write failed with no fault armed");
  }

  void ArmFault() {
    writes_at_arm_ = fs_.write_count();
    syncs_at_arm_ = fs_.sync_count();
    switch (rng_.Uniform(4)) {
      case 0:
        fault_n_ = rng_.Range(1, 80);
        fault_name_ = "write error (write #" + std::to_string(fault_n_) + ")";
        fs_.FailNthWrite(fault_n_);
        kind_ = Kind::kWrite;
        break;
      case 1:
        fault_n_ = rng_.Range(1, 40);
        fault_name_ = "sync error (sync #" + std::to_string(fault_n_) + ")";
        fs_.FailNthSync(fault_n_);
        kind_ = Kind::kSync;
        break;
      default:
        fault_n_ = rng_.Range(0, 96 << 10);
        fault_name_ = "ENOSPC (after " + std::to_string(fault_n_) + " bytes)";
        fs_.SetSpaceLimit(fault_n_);
        kind_ = Kind::kNoSpace;
        break;
    }
    Event("armed " + fault_name_);
  }

  // Whether the armed fault has certainly fired (unknown for ENOSPC).
  bool Fired() const {
    switch (kind_) {
      case Kind::kWrite:
        return fs_.write_count() >= writes_at_arm_ + fault_n_;
      case Kind::kSync:
        return fs_.sync_count() >= syncs_at_arm_ + fault_n_;
      default:
        return false;
    }
  }

  void Disarm() {
    fs_.SetSpaceLimit(std::nullopt);
    fs_.FailNthWrite(std::numeric_limits<uint64_t>::max());
    fs_.FailNthSync(std::numeric_limits<uint64_t>::max());
  }

  // One random operation; false if the engine returned an error.
  bool Step() {
    const uint64_t r = rng_.Uniform(100);
    if (r < 85) return WriteBatchNow(rng_.Percent(70));
    if (r < 95) {
      Status s = engine_->Flush(rng_.Percent(50) ? std::nullopt
                                                 : std::optional<TreeId>(rng_.Pick(trees_)));
      if (!s.ok()) Event("flush fails: " + s.ToString());
      return s.ok();
    }
    Status s = engine_->CompactRange(rng_.Pick(trees_));
    if (!s.ok()) Event("compaction fails: " + s.ToString());
    return s.ok();
  }

  // After an error the engine refuses writes until reopened.
  void CheckReadOnly() {
    (void)engine_->Flush();  // let background work settle
    for (int i = 0; i < 3; ++i) {
      WriteBatch batch;
      batch.Put(rng_.Pick(trees_), "readonly-probe", "must not be written");
      WriteOptions wo;
      wo.sync = rng_.Percent(50);
      Status s = engine_->Write(wo, &batch);
      if (s.ok()) {
        Fail("after the " + fault_name_ + " surfaced, a Write succeeded: the engine must be " +
             "read-only until reopened");
      }
    }
  }

  // The failed batch (if any, always last in log_) may or may not be visible.
  size_t CheckState(const std::string& when, size_t min_p) {
    auto actual = testing::ReadTrees(engine_.get(), trees_);
    if (!actual.ok()) Fail("reading " + when + " failed: " + actual.status().ToString());
    size_t p = 0;
    if (auto mismatch =
            MatchPrefix(DbState(), log_, min_p, log_.size(), actual.value(), trees_, &p)) {
      Fail(when + ": " + *mismatch + "\n  last batches:\n" + DescribeLog(log_));
    }
    // Spot-check point reads too.
    for (TreeId t : trees_) {
      for (int i = 0; i < 10; ++i) {
        const std::string key = Key(rng_.Uniform(50));
        Result<std::string> got = engine_->Get(ReadOptions(), t, key);
        const auto& contents = actual.value().at(t);
        auto it = contents.find(key);
        const bool ok = it == contents.end() ? (!got.ok() && got.status().IsNotFound())
                                             : (got.ok() && got.value() == it->second);
        if (!ok) Fail(when + ": Get disagrees with the iterator for " + testing::Printable(key));
      }
    }
    return p;
  }

  size_t AckedCount() const {
    return log_.empty() || log_.back().acked ? log_.size() : log_.size() - 1;
  }

  void CheckLiveReads() { (void)CheckState("reads from the engine after the fault", AckedCount()); }

  void Reopen() {
    (void)engine_->Close();
    engine_.reset();
    Disarm();
    bool power_loss = rng_.Percent(40);
    if (power_loss) {
      Event("power loss");
      if (Status s = fs_.DropUnsyncedData(); !s.ok()) Fail("DropUnsyncedData: " + s.ToString());
    }
    // A reopen that itself hits a fault must fail cleanly and leave the data
    // recoverable.
    if (rng_.Percent(50)) {
      const uint64_t n = rng_.Range(1, 6);
      if (rng_.Percent(50)) {
        fs_.FailNthWrite(n);
      } else {
        fs_.FailNthSync(n);
      }
      Event("reopen with fault #" + std::to_string(n));
      if (TryOpen().ok()) {
        (void)engine_->Close();
        engine_.reset();
      }
      Disarm();
      if (rng_.Percent(50)) {
        power_loss = true;
        Event("power loss");
        if (Status s = fs_.DropUnsyncedData(); !s.ok()) Fail("DropUnsyncedData: " + s.ToString());
      }
    }
    OpenOrFail("after the fault was removed");
    // Keep only the batches that survived, so the log stays a prefix model.
    log_.resize(CheckState("after reopen", power_loss ? required_ : AckedCount()));
    for (LoggedBatch& b : log_) b.acked = true;
    required_ = log_.size();
    failed_batch_logged_ = false;
    // The reopened engine takes writes again.
    for (int i = 0; i < 5; ++i) {
      if (!WriteBatchNow(true)) Fail("Write after reopening without faults failed");
    }
    (void)CheckState("writes after reopen", log_.size());
    // And the logs left behind by the fault stay recoverable.
    (void)engine_->Close();
    engine_.reset();
    OpenOrFail("a second time after the fault");
    (void)CheckState("after the second reopen", log_.size());
  }

  enum class Kind { kWrite, kSync, kNoSpace };
  std::vector<TreeId> trees_;
  std::vector<LoggedBatch> log_;
  size_t required_ = 0;
  bool failed_batch_logged_ = false;
  Kind kind_ = Kind::kWrite;
  uint64_t fault_n_ = 0;
  std::string fault_name_;
  uint64_t writes_at_arm_ = 0;
  uint64_t syncs_at_arm_ = 0;
};

TEST_CASE(
    "Injected write/sync errors and ENOSPC make the engine read-only and lose nothing acknowledged",
    "[engine][crash][fault]") {
  TimeBudget budget(Budget(8000));
  const auto seeds = CrashSeeds(5000, testing::kSanitizerBuild ? 150 : 300);
  size_t ran = 0;
  for (uint64_t seed : seeds) {
    if (ran > 0 && budget.Exhausted()) break;
    INFO("seed " << seed);
    FaultRun run(seed);
    run.Run();
    ++ran;
  }
  ReportSeeds("faults", ran, seeds.size());
  CHECK(ran > 0);
}

// A deterministic case: the WAL sync of a synced write fails.
TEST_CASE(
    "A failed WAL sync fails the write, turns the engine read-only, and reopen keeps prior data",
    "[engine][crash][fault]") {
  MemFileSystem base;
  FaultInjectionFileSystem fs(&base);
  EngineOptions options;
  options.fs = &fs;
  auto opened = Engine::Open(kDir, options);
  REQUIRE(opened.ok());
  std::unique_ptr<Engine> engine = std::move(opened).value();
  WriteOptions sync;
  sync.sync = true;
  REQUIRE(engine->Put(sync, kDefaultTree, "a", "1").ok());
  REQUIRE(engine->Put(sync, kDefaultTree, "b", "2").ok());

  fs.FailNthSync(1);
  Status s = engine->Put(sync, kDefaultTree, "c", "3");
  CHECK_FALSE(s.ok());
  CHECK_FALSE(engine->Put(sync, kDefaultTree, "d", "4").ok());
  WriteOptions nosync;
  nosync.sync = false;
  CHECK_FALSE(engine->Put(nosync, kDefaultTree, "e", "5").ok());
  auto a = engine->Get(ReadOptions(), kDefaultTree, "a");
  CHECK((a.ok() && a.value() == "1"));
  (void)engine->Close();
  engine.reset();

  REQUIRE(fs.DropUnsyncedData().ok());
  opened = Engine::Open(kDir, options);
  REQUIRE(opened.ok());
  engine = std::move(opened).value();
  auto state = testing::ReadTree(engine.get(), kDefaultTree);
  REQUIRE(state.ok());
  CHECK(state.value().at("a") == "1");
  CHECK(state.value().at("b") == "2");
  CHECK(state.value().count("d") == 0);
  CHECK(state.value().count("e") == 0);
  CHECK(engine->Put(sync, kDefaultTree, "f", "6").ok());
}

// A deterministic case: an unsynced write that a later synced write covers.
TEST_CASE(
    "A synced write also makes the unsynced writes before it durable, across memtable switches",
    "[engine][crash]") {
  MemFileSystem base;
  FaultInjectionFileSystem fs(&base);
  EngineOptions options;
  options.fs = &fs;
  options.write_buffer_size = 4 << 10;  // switch memtables (and WAL segments) often
  options.l0_compaction_trigger = 2;
  auto opened = Engine::Open(kDir, options);
  REQUIRE(opened.ok());
  std::unique_ptr<Engine> engine = std::move(opened).value();
  WriteOptions nosync;
  nosync.sync = false;
  TreeState expected;
  for (int i = 0; i < 400; ++i) {
    const std::string key = "key" + std::to_string(i % 97);
    const std::string value =
        "value" + std::to_string(i) + std::string(static_cast<size_t>(i % 50), 'x');
    REQUIRE(engine->Put(nosync, kDefaultTree, key, value).ok());
    expected[key] = value;
  }
  WriteOptions sync;
  sync.sync = true;
  REQUIRE(engine->Put(sync, kDefaultTree, "last", "synced").ok());
  expected["last"] = "synced";

  fs.SetSpaceLimit(0);
  REQUIRE(fs.DropUnsyncedData().ok());
  (void)engine->Close();
  engine.reset();
  REQUIRE(fs.DropUnsyncedData().ok());
  fs.SetSpaceLimit(std::nullopt);

  opened = Engine::Open(kDir, options);
  REQUIRE(opened.ok());
  engine = std::move(opened).value();
  auto state = testing::ReadTree(engine.get(), kDefaultTree);
  REQUIRE(state.ok());
  CHECK(testing::DiffTrees(expected, state.value()) == "");
}

}  // namespace
}  // namespace strata::storage
