// KvEngine adapter for RocksDB (Debian's librocksdb-dev), the main reference
// storage_bench compares StrataDB against. Benchmark-only dependency.
//
// Configured like StrataDB's EngineOptions: block-based tables with 16 KiB
// blocks, a full bloom filter of KvOptions::bloom_bits_per_key, an LRU block
// cache, lz4 on every level, 64 MiB memtables (1 active + 2 immutable), the
// same L0 triggers (4/20/36), L1 target 256 MiB x10 and 64 MiB files, WAL on.
// Write amplification comes from the Statistics tickers (WAL, flush and
// compaction bytes written); statistics run at kExceptHistogramOrTimers so
// they cost no clock reads.
#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/iterator.h>
#include <rocksdb/options.h>
#include <rocksdb/statistics.h>
#include <rocksdb/table.h>
#include <rocksdb/version.h>
#include <rocksdb/write_batch.h>

#include <string>

#include "bench/storage/kv_engine.h"

namespace strata::bench {
namespace {

rocksdb::Slice ToRocks(Slice s) { return rocksdb::Slice(s.data(), s.size()); }
Slice FromRocks(const rocksdb::Slice& s) { return Slice(s.data(), s.size()); }

Status FromRocks(const rocksdb::Status& s) {
  if (s.ok()) return Status::OK();
  if (s.IsNotFound()) return Status::NotFound();
  return Status::IOError("rocksdb: " + s.ToString());
}

class RocksDbKvIterator final : public KvIterator {
 public:
  explicit RocksDbKvIterator(rocksdb::Iterator* it) : it_(it) {}
  void SeekToFirst() override { it_->SeekToFirst(); }
  void Seek(Slice target) override { it_->Seek(ToRocks(target)); }
  bool Valid() const override { return it_->Valid(); }
  void Next() override { it_->Next(); }
  Slice key() const override { return FromRocks(it_->key()); }
  Slice value() const override { return FromRocks(it_->value()); }
  Status status() const override { return FromRocks(it_->status()); }

 private:
  std::unique_ptr<rocksdb::Iterator> it_;
};

class RocksDbKvEngine final : public KvEngine {
 public:
  ~RocksDbKvEngine() override { (void)Close(); }

  std::string Name() const override { return "rocksdb"; }

  Status Open(const std::string& dir, const KvOptions& o) override {
    rocksdb::Options options;
    options.create_if_missing = true;
    options.write_buffer_size = o.write_buffer_size;
    options.max_write_buffer_number = 1 + o.max_immutable_memtables;
    options.max_background_jobs = o.max_background_jobs;
    options.max_open_files = o.max_open_files;
    options.compression = o.compression ? rocksdb::kLZ4Compression : rocksdb::kNoCompression;
    options.level0_file_num_compaction_trigger = 4;
    options.level0_slowdown_writes_trigger = 20;
    options.level0_stop_writes_trigger = 36;
    options.max_bytes_for_level_base = 256ull << 20;
    options.max_bytes_for_level_multiplier = 10;
    options.target_file_size_base = 64ull << 20;
    statistics_ = rocksdb::CreateDBStatistics();
    statistics_->set_stats_level(rocksdb::StatsLevel::kExceptHistogramOrTimers);
    options.statistics = statistics_;

    rocksdb::BlockBasedTableOptions table;
    table.block_size = o.block_size;
    table.block_restart_interval = 16;
    if (o.bloom_bits_per_key > 0) {
      table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(o.bloom_bits_per_key));
    }
    table.block_cache = rocksdb::NewLRUCache(o.block_cache_bytes);
    options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));

    write_options_.sync = o.sync;
    write_options_.disableWAL = false;
    read_options_.verify_checksums = true;

    rocksdb::DB* db = nullptr;
    rocksdb::Status s = rocksdb::DB::Open(options, dir, &db);
    if (!s.ok()) return FromRocks(s);
    db_.reset(db);
    return Status::OK();
  }

  std::vector<std::string> Describe(const KvOptions& o) const override {
    return {
        "RocksDB " + rocksdb::GetRocksVersionAsString() + ": block-based table, " +
            std::to_string(o.block_size >> 10) + " KiB blocks, bloom " +
            std::to_string(o.bloom_bits_per_key) + " bits/key, LRU block cache " +
            std::to_string(o.block_cache_bytes >> 20) + " MiB, " +
            (o.compression ? "lz4" : "no compression") + ", write buffer " +
            std::to_string(o.write_buffer_size >> 20) + " MiB x" +
            std::to_string(1 + o.max_immutable_memtables) + ", " +
            std::to_string(o.max_background_jobs) + " background jobs",
        "  L0 triggers 4/20/36, L1 256 MiB x10, 64 MiB files; WAL on, sync=" +
            std::string(o.sync ? "on" : "off") +
            "; index/filter blocks in table readers (RocksDB default)",
    };
  }

  Status Put(Slice key, Slice value) override {
    return FromRocks(db_->Put(write_options_, ToRocks(key), ToRocks(value)));
  }

  Status Write(std::span<const KeyValue> batch) override {
    rocksdb::WriteBatch wb;
    for (const KeyValue& kv : batch) {
      rocksdb::Status s = wb.Put(ToRocks(kv.key), ToRocks(kv.value));
      if (!s.ok()) return FromRocks(s);
    }
    return FromRocks(db_->Write(write_options_, &wb));
  }

  Status Get(Slice key, std::string* value) override {
    return FromRocks(db_->Get(read_options_, ToRocks(key), value));
  }

  std::unique_ptr<KvIterator> NewIterator() override {
    return std::make_unique<RocksDbKvIterator>(db_->NewIterator(read_options_));
  }

  KvStats Stats() const override {
    KvStats stats;
    if (statistics_ == nullptr) return stats;
    stats.wal_bytes = statistics_->getTickerCount(rocksdb::WAL_FILE_BYTES);
    stats.flush_bytes = statistics_->getTickerCount(rocksdb::FLUSH_WRITE_BYTES);
    stats.compaction_bytes = statistics_->getTickerCount(rocksdb::COMPACT_WRITE_BYTES);
    return stats;
  }

  std::string StatsDetail() const override {
    if (db_ == nullptr) return {};
    std::string files = "files/level";
    for (int level = 0; level < 7; ++level) {
      std::string n;
      db_->GetProperty("rocksdb.num-files-at-level" + std::to_string(level), &n);
      files += (level == 0 ? " " : "/") + n;
    }
    uint64_t stall_micros = statistics_->getTickerCount(rocksdb::STALL_MICROS);
    uint64_t hits = statistics_->getTickerCount(rocksdb::BLOCK_CACHE_HIT);
    uint64_t misses = statistics_->getTickerCount(rocksdb::BLOCK_CACHE_MISS);
    return files + ", stall " + std::to_string(stall_micros / 1000) + " ms, block cache " +
           std::to_string(hits) + " hits / " + std::to_string(misses) + " misses";
  }

  Status Close() override {
    if (db_ == nullptr) return Status::OK();
    rocksdb::Status s = db_->Close();
    db_.reset();
    return FromRocks(s);
  }

 private:
  std::unique_ptr<rocksdb::DB> db_;
  std::shared_ptr<rocksdb::Statistics> statistics_;
  rocksdb::WriteOptions write_options_;
  rocksdb::ReadOptions read_options_;
};

}  // namespace

std::unique_ptr<KvEngine> NewRocksDbKvEngine() { return std::make_unique<RocksDbKvEngine>(); }

}  // namespace strata::bench
