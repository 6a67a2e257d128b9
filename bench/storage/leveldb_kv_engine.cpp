// KvEngine adapter for LevelDB (Debian's libleveldb-dev), the second reference
// storage_bench compares against. Benchmark-only dependency.
//
// Set alike: 16 KiB blocks, bloom filter of KvOptions::bloom_bits_per_key, an
// LRU block cache of the same size, 64 MiB write buffer, WAL on (LevelDB has
// no way to turn it off), the same sync flag, checksums verified on reads.
// Where LevelDB cannot match:
//  - compression is snappy (LevelDB 1.23 has no lz4), or none;
//  - one immutable memtable and one background thread, fixed in LevelDB;
//  - L0 triggers 4/8/12 and a 10 MiB L1 are compile-time constants, so its
//    file size stays at its default 2 MiB (its level sizing assumes it).
// LevelDB reports no WAL byte counter: WAL bytes are estimated here from the
// encoded batch sizes plus the 7-byte log record headers, and its
// "leveldb.stats" Write(MB) column counts memtable flushes and compaction
// output together (whole MiB per level).
#include <leveldb/cache.h>
#include <leveldb/db.h>
#include <leveldb/filter_policy.h>
#include <leveldb/iterator.h>
#include <leveldb/options.h>
#include <leveldb/write_batch.h>

#include <atomic>
#include <cstdio>
#include <sstream>
#include <string>

#include "bench/storage/kv_engine.h"

namespace strata::bench {
namespace {

// leveldb/db/log_format.h: a physical record header is checksum(4) +
// length(2) + type(1), and a record is split at every 32 KiB block.
constexpr uint64_t kLogHeaderBytes = 7;
constexpr uint64_t kLogBlockBytes = 32768;

leveldb::Slice ToLevel(Slice s) { return leveldb::Slice(s.data(), s.size()); }
Slice FromLevel(const leveldb::Slice& s) { return Slice(s.data(), s.size()); }

Status FromLevel(const leveldb::Status& s) {
  if (s.ok()) return Status::OK();
  if (s.IsNotFound()) return Status::NotFound();
  return Status::IOError("leveldb: " + s.ToString());
}

class LevelDbKvIterator final : public KvIterator {
 public:
  explicit LevelDbKvIterator(leveldb::Iterator* it) : it_(it) {}
  void SeekToFirst() override { it_->SeekToFirst(); }
  void Seek(Slice target) override { it_->Seek(ToLevel(target)); }
  bool Valid() const override { return it_->Valid(); }
  void Next() override { it_->Next(); }
  Slice key() const override { return FromLevel(it_->key()); }
  Slice value() const override { return FromLevel(it_->value()); }
  Status status() const override { return FromLevel(it_->status()); }

 private:
  std::unique_ptr<leveldb::Iterator> it_;
};

class LevelDbKvEngine final : public KvEngine {
 public:
  ~LevelDbKvEngine() override { (void)Close(); }

  std::string Name() const override { return "leveldb"; }

  Status Open(const std::string& dir, const KvOptions& o) override {
    cache_.reset(leveldb::NewLRUCache(o.block_cache_bytes));
    if (o.bloom_bits_per_key > 0) {
      filter_.reset(leveldb::NewBloomFilterPolicy(o.bloom_bits_per_key));
    }
    leveldb::Options options;
    options.create_if_missing = true;
    options.write_buffer_size = o.write_buffer_size;
    options.max_open_files = o.max_open_files;
    options.block_size = o.block_size;
    options.block_restart_interval = 16;
    options.block_cache = cache_.get();
    options.filter_policy = filter_.get();
    options.compression = o.compression ? leveldb::kSnappyCompression : leveldb::kNoCompression;
    write_options_.sync = o.sync;
    read_options_.verify_checksums = true;

    leveldb::DB* db = nullptr;
    leveldb::Status s = leveldb::DB::Open(options, dir, &db);
    if (!s.ok()) return FromLevel(s);
    db_.reset(db);
    wal_bytes_ = 0;
    return Status::OK();
  }

  std::vector<std::string> Describe(const KvOptions& o) const override {
    return {
        "LevelDB " + std::to_string(leveldb::kMajorVersion) + "." +
            std::to_string(leveldb::kMinorVersion) + ": " + std::to_string(o.block_size >> 10) +
            " KiB blocks, bloom " + std::to_string(o.bloom_bits_per_key) +
            " bits/key, LRU block cache " + std::to_string(o.block_cache_bytes >> 20) + " MiB, " +
            (o.compression ? "snappy (no lz4 in LevelDB)" : "no compression") + ", write buffer " +
            std::to_string(o.write_buffer_size >> 20) + " MiB x2",
        "  fixed by LevelDB: 1 background thread, L0 triggers 4/8/12, L1 10 MiB x10, "
        "2 MiB files; WAL on, sync=" +
            std::string(o.sync ? "on" : "off"),
    };
  }

  Status Put(Slice key, Slice value) override {
    leveldb::WriteBatch wb;
    wb.Put(ToLevel(key), ToLevel(value));
    return Apply(&wb);
  }

  Status Write(std::span<const KeyValue> batch) override {
    leveldb::WriteBatch wb;
    for (const KeyValue& kv : batch) wb.Put(ToLevel(kv.key), ToLevel(kv.value));
    return Apply(&wb);
  }

  Status Get(Slice key, std::string* value) override {
    return FromLevel(db_->Get(read_options_, ToLevel(key), value));
  }

  std::unique_ptr<KvIterator> NewIterator() override {
    return std::make_unique<LevelDbKvIterator>(db_->NewIterator(read_options_));
  }

  KvStats Stats() const override {
    KvStats stats;
    stats.wal_bytes = wal_bytes_.load(std::memory_order_relaxed);
    stats.wal_estimated = true;
    stats.flush_in_compaction = true;
    if (db_ == nullptr) return stats;
    // "leveldb.stats": two header lines, a dashed rule, then one line per
    // level: Level Files Size(MB) Time(sec) Read(MB) Write(MB).
    std::string text;
    if (!db_->GetProperty("leveldb.stats", &text)) return stats;
    std::istringstream lines(text);
    std::string line;
    double written_mb = 0;
    while (std::getline(lines, line)) {
      int level = 0;
      int files = 0;
      double size_mb = 0;
      double seconds = 0;
      double read_mb = 0;
      double write_mb = 0;
      if (std::sscanf(line.c_str(), "%d %d %lf %lf %lf %lf", &level, &files, &size_mb, &seconds,
                      &read_mb, &write_mb) == 6) {
        written_mb += write_mb;
      }
    }
    stats.compaction_bytes = static_cast<uint64_t>(written_mb * 1048576.0);
    return stats;
  }

  std::string StatsDetail() const override {
    if (db_ == nullptr) return {};
    std::string files = "files/level";
    for (int level = 0; level < 7; ++level) {
      std::string n;
      db_->GetProperty("leveldb.num-files-at-level" + std::to_string(level), &n);
      files += (level == 0 ? " " : "/") + n;
    }
    return files;
  }

  Status Close() override {
    db_.reset();  // LevelDB closes in its destructor
    filter_.reset();
    cache_.reset();
    return Status::OK();
  }

 private:
  Status Apply(leveldb::WriteBatch* wb) {
    const uint64_t payload = wb->ApproximateSize();
    const uint64_t fragments = payload / (kLogBlockBytes - kLogHeaderBytes) + 1;
    wal_bytes_.fetch_add(payload + fragments * kLogHeaderBytes, std::memory_order_relaxed);
    return FromLevel(db_->Write(write_options_, wb));
  }

  // Declared before db_ so the database is destroyed first.
  std::unique_ptr<leveldb::Cache> cache_;
  std::unique_ptr<const leveldb::FilterPolicy> filter_;
  std::unique_ptr<leveldb::DB> db_;
  leveldb::WriteOptions write_options_;
  leveldb::ReadOptions read_options_;
  std::atomic<uint64_t> wal_bytes_{0};
};

}  // namespace

std::unique_ptr<KvEngine> NewLevelDbKvEngine() { return std::make_unique<LevelDbKvEngine>(); }

}  // namespace strata::bench
