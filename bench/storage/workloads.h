// storage_bench's workloads, modelled on RocksDB's db_bench, run against any
// KvEngine by 1..N threads that together do a fixed amount of work.
//
//   fillseq      keys 0..num-1 in ascending order into a fresh database
//                (with T threads, thread t writes batches t, t+T, ... so the
//                stream stays almost sorted)
//   fillrandom   every key 0..num-1 exactly once, in a random permutation,
//                into a fresh database (db_bench draws with replacement; a
//                permutation makes every later read a hit)
//   overwrite    num puts of uniformly random existing keys
//   readrandom   `reads` gets of uniformly random existing keys
//   readseq      one forward scan over all keys, split into T key ranges
//   seekrandom   `seeks` seeks to random keys, each followed by `seek_nexts`
//                Next() calls (db_bench --seek_nexts)
//   readrandomwriterandom
//                `reads` operations per run, each a get (readwritepercent %)
//                or a put of a random existing key: a 90/10 read/write mix
//                (db_bench's readrandomwriterandom)
//
// Work is split evenly between threads; throughput is total operations over
// the wall time from the moment all threads start to when the last finishes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bench/storage/kv_engine.h"
#include "common/status.h"

namespace strata::bench {

enum class Workload {
  kFillSeq,
  kFillRandom,
  kOverwrite,
  kReadRandom,
  kReadSeq,
  kSeekRandom,
  kReadRandomWriteRandom,
};

std::string WorkloadName(Workload w);
std::optional<Workload> ParseWorkload(const std::string& name);
// fillseq and fillrandom start from an empty database.
bool NeedsFreshDb(Workload w);
// Whether the workload expects the keys 0..num-1 to be present.
bool NeedsData(Workload w);
bool Writes(Workload w);

struct WorkloadConfig {
  uint64_t num = 0;    // keys in the database
  uint64_t reads = 0;  // readrandom and readrandomwriterandom operations
  uint64_t seeks = 0;  // seekrandom operations
  int seek_nexts = 10;
  size_t value_size = 100;
  int batch_size = 1;  // puts per write batch in the fill and overwrite workloads
  int read_write_percent = 90;
  uint64_t seed = 301;
};

struct WorkloadResult {
  Status status;
  uint64_t ops = 0;
  uint64_t found = 0;               // reads and seeks that found a key
  uint64_t user_bytes_written = 0;  // key + value bytes handed to the engine
  uint64_t bytes_read = 0;          // key + value bytes scanned (readseq)
  double seconds = 0;
  double OpsPerSec() const { return seconds > 0 ? static_cast<double>(ops) / seconds : 0; }
};

WorkloadResult RunWorkload(Workload w, KvEngine* engine, const WorkloadConfig& config, int threads);

}  // namespace strata::bench
