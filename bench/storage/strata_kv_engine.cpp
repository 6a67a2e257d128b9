// KvEngine adapter for StrataDB's own LSM engine (storage/engine.h), the
// engine storage_bench measures. All keys go to the default tree.
//
// KvOptions map one to one onto EngineOptions (block size, bloom bits, block
// cache, lz4, write buffer, immutable memtables, background jobs, open files);
// the leveled-compaction shape is left at EngineOptions' defaults, which the
// RocksDB adapter mirrors (L0 4/20/36, L1 256 MiB x10, 64 MiB files). WAL
// bytes, flush bytes and compaction bytes come from Engine::GetStats().
#include <string>

#include "bench/storage/kv_engine.h"
#include "storage/engine.h"
#include "storage/write_batch.h"

namespace strata::bench {
namespace {

using storage::kDefaultTree;

storage::EngineOptions ToEngineOptions(const KvOptions& o) {
  storage::EngineOptions options;
  options.create_if_missing = true;
  options.write_buffer_size = o.write_buffer_size;
  options.max_immutable_memtables = o.max_immutable_memtables;
  options.block_size = o.block_size;
  options.block_restart_interval = 16;
  options.bloom_bits_per_key = o.bloom_bits_per_key;
  options.compression = o.compression;
  options.block_cache_bytes = o.block_cache_bytes;
  options.max_open_files = o.max_open_files;
  options.max_background_jobs = o.max_background_jobs;
  return options;
}

class StrataKvIterator final : public KvIterator {
 public:
  explicit StrataKvIterator(std::unique_ptr<storage::Iterator> it) : it_(std::move(it)) {}
  void SeekToFirst() override { it_->SeekToFirst(); }
  void Seek(Slice target) override { it_->Seek(target); }
  bool Valid() const override { return it_->Valid(); }
  void Next() override { it_->Next(); }
  Slice key() const override { return it_->key(); }
  Slice value() const override { return it_->value(); }
  Status status() const override { return it_->status(); }

 private:
  std::unique_ptr<storage::Iterator> it_;
};

class StrataKvEngine final : public KvEngine {
 public:
  ~StrataKvEngine() override { (void)Close(); }

  std::string Name() const override { return "strata"; }

  Status Open(const std::string& dir, const KvOptions& o) override {
    write_options_.sync = o.sync;
    read_options_.verify_checksums = true;
    read_options_.fill_cache = true;

    auto engine = storage::Engine::Open(dir, ToEngineOptions(o));
    if (!engine.ok()) return engine.status();
    engine_ = std::move(engine).value();
    return Status::OK();
  }

  std::vector<std::string> Describe(const KvOptions& o) const override {
    const storage::EngineOptions e = ToEngineOptions(o);
    return {
        "StrataDB: " + std::to_string(e.block_size >> 10) + " KiB blocks, bloom " +
            std::to_string(e.bloom_bits_per_key) + " bits/key, block cache " +
            std::to_string(e.block_cache_bytes >> 20) + " MiB, " +
            (e.compression ? "lz4" : "no compression") + ", write buffer " +
            std::to_string(e.write_buffer_size >> 20) + " MiB x" +
            std::to_string(1 + e.max_immutable_memtables) + ", " +
            std::to_string(e.max_background_jobs) + " background jobs",
        "  L0 triggers " + std::to_string(e.l0_compaction_trigger) + "/" +
            std::to_string(e.l0_slowdown_writes_trigger) + "/" +
            std::to_string(e.l0_stop_writes_trigger) + ", L1 " +
            std::to_string(e.max_bytes_for_level_base >> 20) + " MiB x" +
            std::to_string(e.max_bytes_for_level_multiplier) + ", " +
            std::to_string(e.target_file_size >> 20) +
            " MiB files; WAL on, sync=" + (o.sync ? "on" : "off"),
    };
  }

  Status Put(Slice key, Slice value) override {
    storage::WriteBatch batch;
    batch.Put(kDefaultTree, key, value);
    return engine_->Write(write_options_, &batch);
  }

  Status Write(std::span<const KeyValue> kvs) override {
    storage::WriteBatch batch;
    for (const KeyValue& kv : kvs) batch.Put(kDefaultTree, kv.key, kv.value);
    return engine_->Write(write_options_, &batch);
  }

  Status Get(Slice key, std::string* value) override {
    Result<std::string> result = engine_->Get(read_options_, kDefaultTree, key);
    if (!result.ok()) return result.status();
    *value = std::move(result).value();
    return Status::OK();
  }

  std::unique_ptr<KvIterator> NewIterator() override {
    return std::make_unique<StrataKvIterator>(engine_->NewIterator(read_options_, kDefaultTree));
  }

  KvStats Stats() const override {
    KvStats stats;
    if (engine_ == nullptr) return stats;
    storage::EngineStats s = engine_->GetStats();
    stats.wal_bytes = s.wal_bytes_written;
    stats.flush_bytes = s.flush_bytes_written;
    stats.compaction_bytes = s.compaction_bytes_written;
    return stats;
  }

  std::string StatsDetail() const override {
    if (engine_ == nullptr) return {};
    storage::EngineStats s = engine_->GetStats();
    std::string files = "files/level";
    for (const storage::TreeStats& tree : s.trees) {
      if (tree.id != kDefaultTree) continue;
      for (size_t i = 0; i < tree.levels.size(); ++i) {
        files += (i == 0 ? " " : "/") + std::to_string(tree.levels[i].files);
      }
    }
    return files + ", " + std::to_string(s.flushes) + " flushes, " + std::to_string(s.compactions) +
           " compactions, stall " + std::to_string(s.stall_micros / 1000) + " ms, slowdown " +
           std::to_string(s.slowdown_micros / 1000) + " ms, block cache " +
           std::to_string(s.block_cache_hits) + " hits / " + std::to_string(s.block_cache_misses) +
           " misses, bloom useful " + std::to_string(s.bloom_useful) + ", engine-reported WA " +
           std::to_string(s.write_amplification);
  }

  Status Close() override {
    if (engine_ == nullptr) return Status::OK();
    Status s = engine_->Close();
    engine_.reset();
    return s;
  }

 private:
  std::unique_ptr<storage::Engine> engine_;
  storage::WriteOptions write_options_;
  storage::ReadOptions read_options_;
};

}  // namespace

std::unique_ptr<KvEngine> NewStrataKvEngine() { return std::make_unique<StrataKvEngine>(); }

}  // namespace strata::bench
