// Gather, Parallel Seq Scan and the shared scan state (see node_gather.h).
#include "sql/executor/node_gather.h"

#include <algorithm>
#include <chrono>

#include "common/interrupts.h"
#include "common/sql_error.h"
#include "sql/executor/explain_writer.h"
#include "sql/executor/statement_worker.h"
#include "sql/settings/session_settings.h"

namespace strata::sql {

namespace {

std::atomic<int> g_active_workers{0};

}  // namespace

int ReserveParallelWorkers(int wanted, int limit) {
  int now = g_active_workers.load(std::memory_order_relaxed);
  while (true) {
    const int granted = std::max(0, std::min(wanted, limit - now));
    if (granted == 0) return 0;
    if (g_active_workers.compare_exchange_weak(now, now + granted, std::memory_order_relaxed)) {
      return granted;
    }
  }
}

void ReleaseParallelWorkers(int n) { g_active_workers.fetch_sub(n, std::memory_order_relaxed); }

// ---- ParallelScanShared ----

ParallelScanShared::~ParallelScanShared() {
  if (counts_.scans > 0) PublishSeqScanCounts(table_oid_, false, counts_);
}

void ParallelScanShared::Reset() {
  std::lock_guard<std::mutex> lock(mu_);
  ++counts_.scans;
  // Created here, on the leader's thread: the transaction counts its live
  // iterators without a lock.
  iter_ = txn_->NewIterator(codec_->table().tree, std::nullopt, std::nullopt);
  started_ = false;
  done_ = false;
  stopped_.store(false, std::memory_order_relaxed);
}

bool ParallelScanShared::NextChunk(Chunk* out) {
  out->bytes.clear();
  out->ends.clear();
  if (stopped_.load(std::memory_order_relaxed)) return false;
  std::lock_guard<std::mutex> lock(mu_);
  if (done_ || iter_ == nullptr) return false;
  const auto before = ScanCounts::Now();
  for (size_t n = 0; n < kChunkRows; ++n) {
    if (!started_) {
      iter_->SeekToFirst();
      started_ = true;
    } else {
      iter_->Next();
    }
    if (!iter_->Valid()) {
      done_ = true;
      if (Status s = iter_->status(); !s.ok()) {
        throw SqlError(SqlState::kInternalError, s.ToString());
      }
      break;
    }
    const Slice v = iter_->value();
    out->bytes.append(v.data(), v.size());
    out->ends.push_back(out->bytes.size());
  }
  counts_.AddBlocksSince(before);
  counts_.tuples += static_cast<int64_t>(out->ends.size());
  return !out->ends.empty();
}

// ---- ParallelSeqScan ----

void ParallelSeqScan::Init() {
  decode_.clear();
  if (read_ != nullptr && std::find(read_->begin(), read_->end(), false) != read_->end()) {
    decode_ = *read_;
  }
  chunk_.ends.clear();
  next_ = 0;
}

bool ParallelSeqScan::Next(Row* row) {
  CheckForInterrupts();  // the leader's copy; a no-op on worker threads
  if (next_ >= chunk_.ends.size()) {
    next_ = 0;
    if (!shared_->NextChunk(&chunk_)) return false;
  }
  const size_t begin = next_ == 0 ? 0 : chunk_.ends[next_ - 1];
  const size_t end = chunk_.ends[next_++];
  shared_->codec()->DecodeValueInto(std::string_view(chunk_.bytes).substr(begin, end - begin),
                                    decode_, row);
  return true;
}

std::vector<std::string> ParallelSeqScan::Describe(ExplainWriter& w) const {
  std::string name = explain_name();
  if (name.empty()) name = "Parallel Seq Scan on " + shared_->codec()->table().name;
  w.BeginNode(name);
  ExplainEntry* e = w.LastNode();
  if (plan_info_.costed && w.options().costs) {
    e->startup_cost = plan_info_.startup_cost;
    e->total_cost = plan_info_.total_cost;
    e->rows = plan_info_.rows;
    e->width = plan_info_.width;
    e->costed = true;
  }
  w.EndNode();
  return w.FromLabels();
}

// ---- Gather ----

// Rows from the workers to the leader. Workers block while it is full.
struct Gather::Queue {
  static constexpr size_t kCapacity = 4096;
  std::mutex mu;
  std::condition_variable not_empty, not_full;
  std::deque<Row> rows;
  int running = 0;             // workers not finished
  bool cancelled = false;      // the leader stopped reading
  std::exception_ptr error;    // the first worker error

  // False when the leader stopped reading.
  bool Push(Row row) {
    std::unique_lock<std::mutex> lock(mu);
    not_full.wait(lock, [this] { return cancelled || rows.size() < kCapacity; });
    if (cancelled) return false;
    rows.push_back(std::move(row));
    not_empty.notify_one();
    return true;
  }
};

Gather::Gather(int workers_planned, std::shared_ptr<ParallelScanShared> shared,
               PlanNodePtr leader_copy, PartialPlanFactory factory)
    : workers_planned_(workers_planned),
      shared_(std::move(shared)),
      leader_copy_(std::move(leader_copy)),
      factory_(std::move(factory)) {}

Gather::~Gather() { StopWorkers(); }

void Gather::StopWorkers() noexcept {
  if (queue_ != nullptr) {
    std::lock_guard<std::mutex> lock(queue_->mu);
    queue_->cancelled = true;
    queue_->not_full.notify_all();
  }
  shared_->Stop();
  workers_.clear();  // joins each thread
  if (launched_ > 0) ReleaseParallelWorkers(launched_);
  launched_ = 0;
}

void Gather::Init() {
  StopWorkers();
  shared_->Reset();
  queue_ = std::make_shared<Queue>();
  const SessionSettings* settings = CurrentSessionSettingsOrNull();
  leader_participates_ =
      settings == nullptr || settings->Show("parallel_leader_participation") != "off";
  const int limit =
      settings == nullptr ? 8 : static_cast<int>(settings->IntValue("max_parallel_workers"));
  launched_ = ReserveParallelWorkers(workers_planned_, limit);
  last_launched_ = launched_;
  // No worker could start: the leader does all the work, as PostgreSQL's
  // Gather does then even with parallel_leader_participation off.
  if (launched_ == 0) leader_participates_ = true;
  queue_->running = launched_;
  for (int i = 0; i < launched_; ++i) {
    std::shared_ptr<PlanNode> copy(factory_(shared_).release());
    std::shared_ptr<Queue> queue = queue_;
    std::shared_ptr<ParallelScanShared> shared = shared_;
    workers_.push_back(std::make_unique<StatementWorker>(
        [copy, queue, shared](const std::atomic<bool>& stop) mutable {
          try {
            copy->Init();
            Row row;
            while (!stop.load(std::memory_order_relaxed) && copy->Next(&row)) {
              if (!queue->Push(std::move(row))) break;
              row = Row();
            }
            copy->Close();
          } catch (...) {
            shared->Stop();
            std::lock_guard<std::mutex> lock(queue->mu);
            if (!queue->error) queue->error = std::current_exception();
          }
          copy.reset();
          std::lock_guard<std::mutex> lock(queue->mu);
          --queue->running;
          queue->not_empty.notify_all();
        }));
  }
  leader_done_ = !leader_participates_;
  if (leader_participates_) leader_copy_->Init();
}

void Gather::RaiseWorkerError(std::exception_ptr error) {
  StopWorkers();
  try {
    std::rethrow_exception(error);
  } catch (SqlError& e) {
    SqlErrorFields fields = e.fields();
    fields.context = fields.context.empty() ? "parallel worker"
                                            : fields.context + "\nparallel worker";
    throw SqlError(std::move(fields));
  }
}

bool Gather::Next(Row* row) {
  while (true) {
    {
      std::unique_lock<std::mutex> lock(queue_->mu);
      if (queue_->error) {
        std::exception_ptr error = queue_->error;
        lock.unlock();
        RaiseWorkerError(error);
      }
      if (!queue_->rows.empty()) {
        *row = std::move(queue_->rows.front());
        queue_->rows.pop_front();
        queue_->not_full.notify_one();
        return true;
      }
      if (queue_->running == 0 && leader_done_) return false;
      if (leader_done_) {
        queue_->not_empty.wait_for(lock, std::chrono::milliseconds(20));
        lock.unlock();
        try {
          CheckForInterruptsNow();
        } catch (...) {
          StopWorkers();
          throw;
        }
        continue;
      }
    }
    // The leader's own share, between looks at the queue.
    try {
      if (leader_copy_->Next(row)) return true;
    } catch (...) {
      StopWorkers();
      throw;
    }
    leader_done_ = true;
  }
}

void Gather::Close() {
  StopWorkers();
  leader_copy_->Close();
}

std::vector<std::string> Gather::Describe(ExplainWriter& w) const {
  w.BeginNode("Gather");
  ExplainEntry* self = w.LastNode();
  self->properties.emplace_back("Workers Planned", std::to_string(workers_planned_));
  if (w.options().analyze) {
    self->properties.emplace_back("Workers Launched", std::to_string(last_launched_));
  }
  ExplainLabels labels = w.Describe(*leader_copy_);
  w.EndNode();
  return labels;
}

}  // namespace strata::sql
