// Leader/follower group commit over one LogWriter (see group_commit_writer.h).
#include "storage/wal/group_commit_writer.h"

#include <chrono>

namespace strata::storage::wal {

// One queued request; lives on the requesting thread's stack.
struct GroupCommitWriter::Writer {
  WriteBatch* batch = nullptr;  // null for an exclusive request
  const std::function<Status()>* exclusive = nullptr;
  bool sync = false;
  bool done = false;  // set by the leader that handled it
  Status status;
  std::condition_variable cv;
};

GroupCommitWriter::GroupCommitWriter(LogWriter* log, SequenceNumber last_sequence, Options options)
    : options_(std::move(options)),
      log_(log),
      last_allocated_(last_sequence),
      published_(last_sequence) {}

GroupCommitWriter::~GroupCommitWriter() = default;

Status GroupCommitWriter::Write(WriteBatch* batch, const WalWriteOptions& options) {
  Writer w;
  w.batch = batch;
  w.sync = options.sync;
  std::unique_lock<std::mutex> lock(mu_);
  queue_.push_back(&w);
  w.cv.wait(lock, [&] { return w.done || queue_.front() == &w; });
  if (w.done) return w.status;  // a leader wrote our batch
  return LeadGroup(&w, &lock);
}

Status GroupCommitWriter::RunExclusive(const std::function<Status()>& fn) {
  Writer w;
  w.exclusive = &fn;
  std::unique_lock<std::mutex> lock(mu_);
  queue_.push_back(&w);
  w.cv.wait(lock, [&] { return queue_.front() == &w; });
  lock.unlock();
  Status s = fn();
  lock.lock();
  FinishGroup(1, s);
  return s;
}

void GroupCommitWriter::SetLogWriter(LogWriter* log) {
  std::lock_guard<std::mutex> l(mu_);
  log_ = log;
  error_ = Status::OK();
}

SequenceNumber GroupCommitWriter::ConsumeSequence(uint64_t n) {
  std::lock_guard<std::mutex> l(mu_);
  const SequenceNumber first = last_allocated_ + 1;
  last_allocated_ += n;
  published_.store(last_allocated_, std::memory_order_release);
  return first;
}

Status GroupCommitWriter::LeadGroup(Writer* leader, std::unique_lock<std::mutex>* lock) {
  if (!error_.ok()) {
    Status s = error_;
    FinishGroup(1, s);
    return s;
  }

  // Gather the group: the leader plus followers up to the byte limit.
  std::vector<const WriteBatch*> batches;
  size_t bytes = 0;
  bool need_sync = false;
  for (Writer* w : queue_) {
    if (w->exclusive != nullptr) break;
    const size_t size = w->batch->ApproximateSize();
    if (w != leader && bytes + size > options_.max_group_bytes) break;
    batches.push_back(w->batch);
    bytes += size;
    need_sync = need_sync || w->sync;
  }
  const size_t n = batches.size();

  // Sequence numbers: contiguous, in queue order.
  uint64_t total = 0;
  for (const WriteBatch* b : batches) total += b->Count();
  if (total > kMaxSequenceNumber - last_allocated_) {
    Status s = Status::InvalidArgument("sequence numbers exhausted");
    FinishGroup(n, s);
    return s;
  }
  const SequenceNumber first = last_allocated_ + 1;
  SequenceNumber next = first;
  for (size_t i = 0; i < n; ++i) {
    queue_[i]->batch->SetSequence(next);
    next += queue_[i]->batch->Count();
  }
  last_allocated_ = next - 1;
  LogWriter* log = log_;
  ++stats_.groups;
  stats_.batches += n;
  ++stats_.group_sizes[GroupSizeSlot(n)];
  if (need_sync) ++stats_.syncs;

  // Write without holding the lock; followers keep queueing behind us.
  lock->unlock();
  Slice payload;
  if (n == 1) {
    payload = batches[0]->Data();
  } else {
    merged_.Clear();
    merged_.SetSequence(first);
    for (const WriteBatch* b : batches) merged_.Append(*b);
    payload = merged_.Data();
  }
  // The group's commit time rides along for point-in-time restore.
  record_.assign(payload.data(), payload.size());
  WriteBatch::AppendCommitTime(
      &record_, std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count());
  Status s = log->AddRecord(record_);
  if (record_.capacity() > (4u << 20)) std::string().swap(record_);  // after a huge batch
  // Without sync the record still leaves our buffer for the OS, so it
  // survives a process crash (not a power loss).
  if (s.ok()) s = need_sync ? log->Sync() : log->Flush();
  if (s.ok() && options_.on_logged) s = options_.on_logged(batches);
  lock->lock();

  if (s.ok()) {
    published_.store(next - 1, std::memory_order_release);
  } else if (error_.ok()) {
    error_ = s;
  }
  FinishGroup(n, s);
  return s;
}

void GroupCommitWriter::FinishGroup(size_t n, const Status& s) {
  for (size_t i = 0; i < n; ++i) {
    Writer* w = queue_.front();
    queue_.pop_front();
    if (i == 0) continue;  // the leader returns s itself
    w->status = s;
    w->done = true;
    w->cv.notify_one();
  }
  if (!queue_.empty()) queue_.front()->cv.notify_one();
}

GroupCommitWriter::Stats GroupCommitWriter::stats() const {
  std::lock_guard<std::mutex> l(mu_);
  return stats_;
}

Status GroupCommitWriter::error() const {
  std::lock_guard<std::mutex> l(mu_);
  return error_;
}

}  // namespace strata::storage::wal
