// Parallel query execution: Gather, and the Parallel Seq Scan its workers run
// (PostgreSQL's nodeGather.c / the shared heap scan of heapam.c).
//
// A Gather runs copies of one partial plan: up to `workers` of them on
// StatementWorker threads (statement_worker.h), plus one in the leader when
// parallel_leader_participation is on. The copies' Parallel Seq Scans draw
// disjoint chunks of the table from one ParallelScanShared, so together they
// read every row once; the rows they return come back through a bounded
// queue, in no particular order.
//
// Thread safety: ParallelScanShared is the only object the copies share,
// and it serializes its iterator behind a mutex (the transaction's iterator
// reads the snapshot and the transaction's own write set, which nothing
// changes while a SELECT runs). Each copy's nodes and evaluation contexts
// are its own. The planner puts under a Gather only expressions a worker
// thread can evaluate (commands/parallel_safety.h): no subqueries, no
// user-defined functions, no catalog lookups.
//
// Errors: an error in a worker stops the others and is rethrown by the
// leader's Next() with the context line "parallel worker", as PostgreSQL
// reports it. A cancel or statement timeout (checked by the leader while it
// waits) stops the workers before the error leaves.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sql/executor/plan_node.h"

namespace strata::sql {

class StatementWorker;

// The table as one stream of chunks (PostgreSQL hands out block numbers
// from a shared counter; we hand out runs of consecutive rows of the
// table tree under the statement's snapshot).
class ParallelScanShared {
 public:
  // LIFETIME: `txn` and `codec` outlive the object.
  ParallelScanShared(txn::Transaction* txn, const TableCodec* codec)
      : txn_(txn), codec_(codec), table_oid_(codec->table().oid) {}
  // Publishes what the scans counted (one sequential scan per Reset, as
  // PostgreSQL counts a parallel scan once; scan_counts.h).
  ~ParallelScanShared();
  // Starts over from the table's first row.
  void Reset();
  // The next chunk's row values (encoded), back to back in out->bytes and
  // ending at out->ends; false when every row was handed out or Stop() was
  // called. One buffer per chunk: the rows cost no allocation each.
  struct Chunk {
    std::string bytes;
    std::vector<size_t> ends;
  };
  bool NextChunk(Chunk* out);
  // Makes every later NextChunk return false (a worker failed or the
  // leader stopped early).
  void Stop() { stopped_.store(true, std::memory_order_relaxed); }
  const TableCodec* codec() const { return codec_; }

  static constexpr size_t kChunkRows = 1024;

 private:
  txn::Transaction* txn_;
  const TableCodec* codec_;
  std::mutex mu_;
  std::unique_ptr<txn::TxnIterator> iter_;  // GUARDED_BY(mu_)
  bool started_ = false;                    // GUARDED_BY(mu_)
  bool done_ = false;                       // GUARDED_BY(mu_)
  uint32_t table_oid_;
  ScanCounts counts_;                       // GUARDED_BY(mu_)
  std::atomic<bool> stopped_{false};
};

// One process's share of a table: the rows of the chunks it draws.
class ParallelSeqScan final : public PlanNode {
 public:
  // `read`: the columns to decode (null: all), as SeqScan::SetColumnsRead.
  ParallelSeqScan(std::shared_ptr<ParallelScanShared> shared,
                  std::shared_ptr<const std::vector<bool>> read)
      : shared_(std::move(shared)), read_(std::move(read)) {}
  void Init() override;
  bool Next(Row* row) override;
  void Close() override { chunk_.ends.clear(); }
  // What EXPLAIN shows (the planner's estimate for one process's share).
  void set_plan_info(ScanPlanInfo info) { plan_info_ = std::move(info); }

  std::vector<std::string> Describe(ExplainWriter& w) const override;

 private:
  std::shared_ptr<ParallelScanShared> shared_;
  std::shared_ptr<const std::vector<bool>> read_;
  std::vector<bool> decode_;
  ParallelScanShared::Chunk chunk_;
  size_t next_ = 0;
  ScanPlanInfo plan_info_;
};

// Builds one copy of the partial plan over the shared scan.
using PartialPlanFactory = std::function<PlanNodePtr(std::shared_ptr<ParallelScanShared>)>;

class Gather final : public PlanNode {
 public:
  // `leader_copy` is the copy EXPLAIN describes and the leader runs;
  // `factory` makes the workers' copies over the same `shared` scan.
  Gather(int workers_planned, std::shared_ptr<ParallelScanShared> shared, PlanNodePtr leader_copy,
         PartialPlanFactory factory);
  ~Gather() override;
  void Init() override;
  bool Next(Row* row) override;
  void Close() override;

  int workers_planned() const { return workers_planned_; }
  // Workers the last Init started (EXPLAIN ANALYZE's Workers Launched).
  int workers_launched() const { return last_launched_; }

  std::vector<std::string> Describe(ExplainWriter& w) const override;
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override { fn(leader_copy_); }

 private:
  struct Queue;
  void StopWorkers() noexcept;
  // Rethrows a worker's error (with PostgreSQL's context line).
  [[noreturn]] void RaiseWorkerError(std::exception_ptr error);

  int workers_planned_;
  std::shared_ptr<ParallelScanShared> shared_;
  PlanNodePtr leader_copy_;
  PartialPlanFactory factory_;
  int launched_ = 0;       // reserved and running (released by StopWorkers)
  int last_launched_ = 0;
  bool leader_participates_ = true;
  bool leader_done_ = false;
  std::shared_ptr<Queue> queue_;
  std::vector<std::unique_ptr<StatementWorker>> workers_;
};

// Workers running now in the whole server, against max_parallel_workers.
// Reserve(n) returns how many of n may start; Release gives them back.
int ReserveParallelWorkers(int wanted, int limit);
void ReleaseParallelWorkers(int n);

}  // namespace strata::sql
