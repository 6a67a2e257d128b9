// KvEngine: the small key-value adapter interface storage_bench drives, with
// one implementation per engine (StrataDB, RocksDB, LevelDB) so every
// workload runs the same code path against each of them.
//
// Every engine is opened from one KvOptions, which each adapter maps onto its
// own option names as closely as the engine allows (block size, bloom bits per
// key, block-cache bytes, compression, write-buffer size, WAL on, sync per
// write); Describe() says what is set, including where an engine differs.
//
// Thread safety: Put/Write/Get/NewIterator/Stats may be called concurrently
// from several benchmark threads (all three engines allow it). A KvIterator is
// used by one thread at a time. Open and Close are not concurrent with
// anything else.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "common/slice.h"
#include "common/status.h"

namespace strata::bench {

// What every engine is configured with; the defaults are the benchmark's.
struct KvOptions {
  size_t block_size = 16 << 10;
  int bloom_bits_per_key = 10;
  size_t block_cache_bytes = 32 << 20;
  bool compression = true;  // lz4 where supported (LevelDB only has snappy)
  size_t write_buffer_size = 64 << 20;
  int max_immutable_memtables = 2;
  int max_background_jobs = 2;
  int max_open_files = 1000;
  bool sync = false;  // fdatasync the WAL on every write (the WAL is always on)
};

struct KeyValue {
  Slice key;
  Slice value;
};

// Bytes each engine wrote to storage since it was opened; write amplification
// is (wal + flush + compaction) / bytes the benchmark handed to it.
struct KvStats {
  uint64_t wal_bytes = 0;
  uint64_t flush_bytes = 0;
  uint64_t compaction_bytes = 0;  // compaction output
  // Some engines do not break these numbers out; the adapter says how it got
  // them (e.g. LevelDB: WAL bytes estimated, flush counted with compaction).
  bool wal_estimated = false;
  bool flush_in_compaction = false;
  uint64_t EngineBytes() const { return wal_bytes + flush_bytes + compaction_bytes; }
};

class KvIterator {
 public:
  virtual ~KvIterator() = default;
  virtual void SeekToFirst() = 0;
  // First entry with key >= target.
  virtual void Seek(Slice target) = 0;
  virtual bool Valid() const = 0;
  // REQUIRES: Valid().
  virtual void Next() = 0;
  // REQUIRES: Valid(). LIFETIME: until the iterator moves.
  virtual Slice key() const = 0;
  virtual Slice value() const = 0;
  virtual Status status() const = 0;
};

class KvEngine {
 public:
  virtual ~KvEngine() = default;

  // "strata", "rocksdb", "leveldb".
  virtual std::string Name() const = 0;
  // Opens (creating if missing) the database in dir.
  [[nodiscard]] virtual Status Open(const std::string& dir, const KvOptions& options) = 0;
  // How Open configures the engine for these options, one line per group,
  // including where the engine cannot match them.
  virtual std::vector<std::string> Describe(const KvOptions& options) const = 0;

  [[nodiscard]] virtual Status Put(Slice key, Slice value) = 0;
  // Applies all pairs atomically as one batch.
  [[nodiscard]] virtual Status Write(std::span<const KeyValue> batch) = 0;
  // NotFound when the key is absent.
  [[nodiscard]] virtual Status Get(Slice key, std::string* value) = 0;
  virtual std::unique_ptr<KvIterator> NewIterator() = 0;

  virtual KvStats Stats() const = 0;
  // Engine-specific counters worth printing (compactions, stalls, ...); may be empty.
  virtual std::string StatsDetail() const { return {}; }
  // Closes the database; idempotent. The destructor closes too.
  [[nodiscard]] virtual Status Close() = 0;
};

// Factory for one engine; returns nullptr when the benchmark was built
// without it (the comparison engines are optional dependencies).
std::unique_ptr<KvEngine> NewKvEngine(const std::string& name);
// Names of the engines compiled into this binary, and of those left out.
std::vector<std::string> BuiltKvEngines();
std::vector<std::string> MissingKvEngines();

// Defined in each engine's own file (only compiled when the engine is present).
std::unique_ptr<KvEngine> NewStrataKvEngine();
std::unique_ptr<KvEngine> NewRocksDbKvEngine();
std::unique_ptr<KvEngine> NewLevelDbKvEngine();

}  // namespace strata::bench
