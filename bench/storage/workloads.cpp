// The workloads of storage_bench (see workloads.h): per-thread loops over a
// KvEngine, a start latch so all threads begin together, and the timing.
#include "bench/storage/workloads.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <latch>
#include <mutex>
#include <numeric>
#include <thread>

#include "bench/storage/data_generator.h"

namespace strata::bench {
namespace {

struct NamedWorkload {
  Workload workload;
  const char* name;
};

constexpr std::array<NamedWorkload, 7> kWorkloads = {{
    {Workload::kFillSeq, "fillseq"},
    {Workload::kFillRandom, "fillrandom"},
    {Workload::kOverwrite, "overwrite"},
    {Workload::kReadRandom, "readrandom"},
    {Workload::kReadSeq, "readseq"},
    {Workload::kSeekRandom, "seekrandom"},
    {Workload::kReadRandomWriteRandom, "readrandomwriterandom"},
}};

// State shared by the threads of one run.
struct Shared {
  Workload workload;
  KvEngine* engine;
  const WorkloadConfig* config;
  int threads;
  const std::vector<uint64_t>* permutation;  // fillrandom only
  std::atomic<bool> failed{false};
  std::mutex mu;
  Status first_error;  // GUARDED_BY(mu)

  void Fail(Status s) {
    std::lock_guard<std::mutex> lock(mu);
    if (!failed.exchange(true)) first_error = std::move(s);
  }
};

// [begin, end) of `total` items for thread t of n.
uint64_t SplitBegin(uint64_t total, int t, int n) { return total * t / n; }

class ThreadRunner {
 public:
  ThreadRunner(Shared* shared, int index)
      : shared_(shared),
        config_(*shared->config),
        index_(index),
        rng_(config_.seed * 1000003 + static_cast<uint64_t>(index) * 7919 + 1),
        values_(config_.seed + static_cast<uint64_t>(index)) {}

  WorkloadResult Run() {
    switch (shared_->workload) {
      case Workload::kFillSeq:
        WriteBatches([](uint64_t i) { return i; });
        break;
      case Workload::kFillRandom:
        WriteBatches([this](uint64_t i) { return (*shared_->permutation)[i]; });
        break;
      case Workload::kOverwrite:
        Overwrite();
        break;
      case Workload::kReadRandom:
        ReadRandom();
        break;
      case Workload::kReadSeq:
        ReadSeq();
        break;
      case Workload::kSeekRandom:
        SeekRandom();
        break;
      case Workload::kReadRandomWriteRandom:
        ReadRandomWriteRandom();
        break;
    }
    return result_;
  }

 private:
  bool Check(Status s) {
    if (s.ok()) return true;
    shared_->Fail(std::move(s));
    return false;
  }
  bool Stopped() const { return shared_->failed.load(std::memory_order_relaxed); }

  // Writes keys key_of(0..num-1) in batches of batch_size: batch b (keys
  // b*batch_size ...) goes to thread b % threads.
  template <typename KeyOf>
  void WriteBatches(KeyOf key_of) {
    const uint64_t num = config_.num;
    const uint64_t batch = static_cast<uint64_t>(std::max(config_.batch_size, 1));
    const uint64_t batches = (num + batch - 1) / batch;
    std::vector<std::array<char, kKeySize>> keys(batch);
    std::vector<KeyValue> kvs;
    kvs.reserve(batch);
    for (uint64_t b = index_; b < batches && !Stopped(); b += shared_->threads) {
      kvs.clear();
      const uint64_t end = std::min(num, (b + 1) * batch);
      for (uint64_t i = b * batch; i < end; ++i) {
        char* key = keys[i - b * batch].data();
        FormatKey(key_of(i), key);
        kvs.push_back({Slice(key, kKeySize), values_.Generate(config_.value_size)});
        result_.user_bytes_written += kKeySize + config_.value_size;
      }
      if (!Check(kvs.size() == 1 ? shared_->engine->Put(kvs[0].key, kvs[0].value)
                                 : shared_->engine->Write(kvs))) {
        return;
      }
      result_.ops += kvs.size();
    }
  }

  uint64_t MyShare(uint64_t total) const {
    return SplitBegin(total, index_ + 1, shared_->threads) -
           SplitBegin(total, index_, shared_->threads);
  }

  bool PutRandom() {
    char key[kKeySize];
    FormatKey(rng_.Uniform(config_.num), key);
    result_.user_bytes_written += kKeySize + config_.value_size;
    return Check(shared_->engine->Put(Slice(key, kKeySize), values_.Generate(config_.value_size)));
  }

  bool GetRandom(std::string* value) {
    char key[kKeySize];
    FormatKey(rng_.Uniform(config_.num), key);
    Status s = shared_->engine->Get(Slice(key, kKeySize), value);
    if (s.ok()) {
      ++result_.found;
      return true;
    }
    return s.IsNotFound() || Check(std::move(s));
  }

  void Overwrite() {
    const uint64_t batch = static_cast<uint64_t>(std::max(config_.batch_size, 1));
    const uint64_t ops = MyShare(config_.num);
    std::vector<std::array<char, kKeySize>> keys(batch);
    std::vector<KeyValue> kvs;
    for (uint64_t done = 0; done < ops && !Stopped();) {
      if (batch == 1) {
        if (!PutRandom()) return;
        ++done;
        ++result_.ops;
        continue;
      }
      kvs.clear();
      for (uint64_t i = 0; i < batch && done + i < ops; ++i) {
        FormatKey(rng_.Uniform(config_.num), keys[i].data());
        kvs.push_back({Slice(keys[i].data(), kKeySize), values_.Generate(config_.value_size)});
        result_.user_bytes_written += kKeySize + config_.value_size;
      }
      if (!Check(shared_->engine->Write(kvs))) return;
      done += kvs.size();
      result_.ops += kvs.size();
    }
  }

  void ReadRandom() {
    const uint64_t ops = MyShare(config_.reads);
    std::string value;
    for (uint64_t i = 0; i < ops && !Stopped(); ++i) {
      if (!GetRandom(&value)) return;
      ++result_.ops;
    }
  }

  void ReadSeq() {
    const uint64_t begin = SplitBegin(config_.num, index_, shared_->threads);
    const uint64_t end = SplitBegin(config_.num, index_ + 1, shared_->threads);
    std::unique_ptr<KvIterator> it = shared_->engine->NewIterator();
    char key[kKeySize];
    FormatKey(begin, key);
    for (it->Seek(Slice(key, kKeySize)); it->Valid() && !Stopped(); it->Next()) {
      if (ParseKey(it->key()) >= end) break;
      result_.bytes_read += it->key().size() + it->value().size();
      ++result_.ops;
    }
    result_.found = result_.ops;
    Check(it->status());
  }

  void SeekRandom() {
    const uint64_t ops = MyShare(config_.seeks);
    char key[kKeySize];
    for (uint64_t i = 0; i < ops && !Stopped(); ++i) {
      // A fresh iterator per seek, like db_bench without --use_tailing_iterator.
      std::unique_ptr<KvIterator> it = shared_->engine->NewIterator();
      FormatKey(rng_.Uniform(config_.num), key);
      it->Seek(Slice(key, kKeySize));
      if (it->Valid()) {
        ++result_.found;
        for (int n = 0; n < config_.seek_nexts && it->Valid(); ++n) it->Next();
      }
      if (!Check(it->status())) return;
      ++result_.ops;
    }
  }

  void ReadRandomWriteRandom() {
    const uint64_t ops = MyShare(config_.reads);
    std::string value;
    for (uint64_t i = 0; i < ops && !Stopped(); ++i) {
      const bool read = rng_.Uniform(100) < static_cast<uint64_t>(config_.read_write_percent);
      if (!(read ? GetRandom(&value) : PutRandom())) return;
      ++result_.ops;
    }
  }

  Shared* shared_;
  const WorkloadConfig& config_;
  const int index_;
  Random64 rng_;
  ValueGenerator values_;
  WorkloadResult result_;
};

}  // namespace

std::string WorkloadName(Workload w) {
  for (const NamedWorkload& n : kWorkloads) {
    if (n.workload == w) return n.name;
  }
  return "?";
}

std::optional<Workload> ParseWorkload(const std::string& name) {
  for (const NamedWorkload& n : kWorkloads) {
    if (name == n.name) return n.workload;
  }
  return std::nullopt;
}

bool NeedsFreshDb(Workload w) { return w == Workload::kFillSeq || w == Workload::kFillRandom; }

bool NeedsData(Workload w) { return !NeedsFreshDb(w); }

bool Writes(Workload w) {
  return w == Workload::kFillSeq || w == Workload::kFillRandom || w == Workload::kOverwrite ||
         w == Workload::kReadRandomWriteRandom;
}

WorkloadResult RunWorkload(Workload w, KvEngine* engine, const WorkloadConfig& config,
                           int threads) {
  threads = std::max(threads, 1);
  std::vector<uint64_t> permutation;
  if (w == Workload::kFillRandom) {
    permutation.resize(config.num);
    std::iota(permutation.begin(), permutation.end(), 0);
    Random64 rng(config.seed);
    for (uint64_t i = config.num; i > 1; --i) {
      std::swap(permutation[i - 1], permutation[rng.Uniform(i)]);
    }
  }
  Shared shared;
  shared.workload = w;
  shared.engine = engine;
  shared.config = &config;
  shared.threads = threads;
  shared.permutation = &permutation;

  std::vector<WorkloadResult> results(threads);
  std::latch start(threads + 1);
  std::vector<std::thread> workers;
  workers.reserve(threads);
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      ThreadRunner runner(&shared, t);  // builds its value buffer before the clock starts
      start.arrive_and_wait();
      results[t] = runner.Run();
    });
  }
  start.arrive_and_wait();
  const auto begin = std::chrono::steady_clock::now();
  for (std::thread& worker : workers) worker.join();
  const auto end = std::chrono::steady_clock::now();

  WorkloadResult total;
  total.seconds = std::chrono::duration<double>(end - begin).count();
  for (const WorkloadResult& r : results) {
    total.ops += r.ops;
    total.found += r.found;
    total.user_bytes_written += r.user_bytes_written;
    total.bytes_read += r.bytes_read;
  }
  if (shared.failed.load()) total.status = shared.first_error;
  return total;
}

}  // namespace strata::bench
