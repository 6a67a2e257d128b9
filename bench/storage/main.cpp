// storage_bench: runs the same key-value workloads against StrataDB's storage
// engine, RocksDB and LevelDB, configured alike, and prints ops/s per engine,
// the StrataDB/RocksDB ratio and each engine's write amplification.
//
// For every engine and every thread count it runs the benchmark list in
// order on one database, as db_bench does: fillseq and fillrandom start from
// an empty directory, the others use what the previous ones left (a
// workload that needs data on an empty database gets an untimed fillrandom
// first). Engines run one after another, never at the same time.
//
//   storage_bench [--num=N] [--engines=strata,rocksdb,leveldb]
//                 [--benchmarks=fillseq,...] [--threads=1,2] [--cache_mb=M]
//                 [--sync] [--db_dir=DIR] [--value_size=B] ...   (--help)
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "bench/storage/data_generator.h"
#include "bench/storage/kv_engine.h"
#include "bench/storage/workloads.h"

namespace strata::bench {
namespace {

constexpr const char* kDefaultBenchmarks =
    "fillseq,fillrandom,overwrite,readrandom,readseq,seekrandom,readrandomwriterandom";

struct Flags {
  uint64_t num = 1'500'000;
  int64_t reads = -1;  // -1: num / 4
  int64_t seeks = -1;  // -1: num / 20
  std::vector<std::string> engines = {"strata", "rocksdb", "leveldb"};
  std::vector<Workload> benchmarks;
  std::vector<int> threads = {1, 2};
  uint64_t cache_mb = 32;
  uint64_t write_buffer_mb = 64;
  uint64_t block_size = 16 << 10;
  int bloom_bits = 10;
  bool compression = true;
  bool sync = false;
  std::string db_dir = "/tmp/strata_storage_bench";
  bool keep_db = false;
  size_t value_size = 100;
  int batch_size = 1;
  int seek_nexts = 10;
  int read_write_percent = 90;
  uint64_t seed = 301;
};

void PrintUsage() {
  std::printf(
      "usage: storage_bench [flags]\n"
      "  --num=N                keys per fill (default 1500000)\n"
      "  --reads=N              readrandom / readrandomwriterandom ops (default num/4)\n"
      "  --seeks=N              seekrandom ops (default num/20)\n"
      "  --engines=LIST         strata,rocksdb,leveldb (default: all three)\n"
      "  --benchmarks=LIST      default %s\n"
      "  --threads=LIST         thread counts, each runs the whole list (default 1,2)\n"
      "  --cache_mb=M           block cache per engine (default 32)\n"
      "  --write_buffer_mb=M    memtable size (default 64)\n"
      "  --block_size=B         SSTable block size (default 16384)\n"
      "  --bloom_bits=N         bloom filter bits per key, 0 = none (default 10)\n"
      "  --compression=0|1      lz4 (LevelDB: snappy) (default 1)\n"
      "  --sync[=0|1]           fdatasync every write (default 0; WAL is always on)\n"
      "  --db_dir=DIR           parent of the per-engine databases "
      "(default /tmp/strata_storage_bench)\n"
      "  --keep_db[=0|1]        leave the databases behind (default 0)\n"
      "  --value_size=B         (default 100; keys are 16 bytes)\n"
      "  --batch_size=N         puts per write batch in fills/overwrite (default 1)\n"
      "  --seek_nexts=N         Next() calls after each seek (default 10)\n"
      "  --readwritepercent=P   reads in readrandomwriterandom (default 90)\n"
      "  --seed=N               (default 301)\n",
      kDefaultBenchmarks);
}

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

bool ParseUint(const std::string& s, uint64_t* out) {
  if (s.empty()) return false;
  char* end = nullptr;
  unsigned long long v = std::strtoull(s.c_str(), &end, 10);
  if (*end != '\0') return false;
  *out = v;
  return true;
}

// Returns false (after printing why) on a bad flag.
bool ParseFlags(int argc, char** argv, Flags* f) {
  std::string benchmarks = kDefaultBenchmarks;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      PrintUsage();
      std::exit(0);
    }
    if (arg.rfind("--", 0) != 0) {
      std::fprintf(stderr, "storage_bench: unexpected argument %s\n", arg.c_str());
      return false;
    }
    const size_t eq = arg.find('=');
    const std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    const bool has_value = eq != std::string::npos;
    const std::string value = has_value ? arg.substr(eq + 1) : "";
    uint64_t n = 0;
    auto number = [&](auto* out) {
      if (!ParseUint(value, &n)) return false;
      *out = static_cast<std::remove_reference_t<decltype(*out)>>(n);
      return true;
    };
    auto boolean = [&](bool* out) {
      if (!has_value) return *out = true;
      if (value != "0" && value != "1" && value != "true" && value != "false") return false;
      *out = value == "1" || value == "true";
      return true;
    };
    bool ok = true;
    if (name == "num") {
      ok = number(&f->num) && f->num > 0;
    } else if (name == "reads") {
      ok = number(&f->reads);
    } else if (name == "seeks") {
      ok = number(&f->seeks);
    } else if (name == "engines") {
      f->engines = SplitList(value);
    } else if (name == "benchmarks") {
      benchmarks = value;
    } else if (name == "threads") {
      f->threads.clear();
      for (const std::string& t : SplitList(value)) {
        ok = ok && ParseUint(t, &n) && n >= 1 && n <= 64;
        f->threads.push_back(static_cast<int>(n));
      }
    } else if (name == "cache_mb") {
      ok = number(&f->cache_mb);
    } else if (name == "write_buffer_mb") {
      ok = number(&f->write_buffer_mb) && f->write_buffer_mb > 0;
    } else if (name == "block_size") {
      ok = number(&f->block_size) && f->block_size >= 256;
    } else if (name == "bloom_bits") {
      ok = number(&f->bloom_bits);
    } else if (name == "compression") {
      ok = boolean(&f->compression);
    } else if (name == "sync") {
      ok = boolean(&f->sync);
    } else if (name == "db_dir") {
      f->db_dir = value;
      ok = !value.empty();
    } else if (name == "keep_db") {
      ok = boolean(&f->keep_db);
    } else if (name == "value_size") {
      ok = number(&f->value_size) && f->value_size > 0 && f->value_size <= (512 << 10);
    } else if (name == "batch_size") {
      ok = number(&f->batch_size) && f->batch_size >= 1;
    } else if (name == "seek_nexts") {
      ok = number(&f->seek_nexts);
    } else if (name == "readwritepercent") {
      ok = number(&f->read_write_percent) && f->read_write_percent <= 100;
    } else if (name == "seed") {
      ok = number(&f->seed);
    } else {
      std::fprintf(stderr, "storage_bench: unknown flag --%s (see --help)\n", name.c_str());
      return false;
    }
    if (!ok) {
      std::fprintf(stderr, "storage_bench: bad value in %s\n", arg.c_str());
      return false;
    }
  }
  for (const std::string& b : SplitList(benchmarks)) {
    std::optional<Workload> w = ParseWorkload(b);
    if (!w) {
      std::fprintf(stderr, "storage_bench: unknown benchmark %s (known: %s)\n", b.c_str(),
                   kDefaultBenchmarks);
      return false;
    }
    f->benchmarks.push_back(*w);
  }
  if (f->benchmarks.empty() || f->threads.empty() || f->engines.empty()) {
    std::fprintf(stderr, "storage_bench: nothing to run\n");
    return false;
  }
  return true;
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

uint64_t DirectoryBytes(const std::string& dir) {
  uint64_t total = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec)) total += entry.file_size(ec);
  }
  return total;
}

double Mb(uint64_t bytes) { return static_cast<double>(bytes) / (1 << 20); }

// Write amplification sampled after a workload: cumulative since the
// database was created.
struct WaSample {
  uint64_t user_bytes = 0;
  KvStats stats;
  double Amplification() const {
    return user_bytes == 0 ? 0 : static_cast<double>(stats.EngineBytes()) / user_bytes;
  }
};

struct RowKey {
  size_t position;  // in the benchmark list; kAtClose for the close sample
  int threads;
  bool operator<(const RowKey& o) const {
    return position != o.position ? position < o.position : threads < o.threads;
  }
};
constexpr size_t kAtClose = ~size_t{0};

struct Report {
  std::map<RowKey, std::map<std::string, double>> ops_per_sec;
  std::map<RowKey, std::map<std::string, WaSample>> write_amp;
  std::vector<std::string> details;
  std::vector<std::string> errors;
};

// One engine, one thread count: the whole benchmark list on one database.
void RunEngine(const std::string& name, int threads, const Flags& f, const KvOptions& options,
               const WorkloadConfig& config, Report* report) {
  const std::string dir = f.db_dir + "/" + name;
  std::unique_ptr<KvEngine> engine;
  uint64_t user_bytes = 0;
  bool has_data = false;
  auto fail = [&](const std::string& what, const Status& s) {
    std::string msg =
        name + " threads=" + std::to_string(threads) + " " + what + ": " + s.ToString();
    std::printf("  ERROR %s\n", msg.c_str());
    report->errors.push_back(msg);
  };
  auto open_fresh = [&]() -> bool {
    if (engine) (void)engine->Close();
    engine.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    std::filesystem::create_directories(f.db_dir, ec);
    engine = NewKvEngine(name);
    Status s = engine->Open(dir, options);
    if (!s.ok()) {
      fail("open", s);
      engine.reset();
      return false;
    }
    user_bytes = 0;
    has_data = false;
    return true;
  };

  for (size_t pos = 0; pos < f.benchmarks.size(); ++pos) {
    const Workload w = f.benchmarks[pos];
    if ((NeedsFreshDb(w) || !engine) && !open_fresh()) return;
    if (NeedsData(w) && !has_data) {
      std::printf("  %-8s %-22s thr=%d  (untimed fillrandom of %" PRIu64 " keys first)\n",
                  name.c_str(), WorkloadName(w).c_str(), threads, f.num);
      std::fflush(stdout);
      WorkloadResult fill = RunWorkload(Workload::kFillRandom, engine.get(), config, threads);
      user_bytes += fill.user_bytes_written;
      if (!fill.status.ok()) return fail("fillrandom", fill.status);
    }
    WorkloadResult r = RunWorkload(w, engine.get(), config, threads);
    user_bytes += r.user_bytes_written;
    has_data = true;
    if (!r.status.ok()) return fail(WorkloadName(w), r.status);
    std::string extra;
    if (w == Workload::kReadRandom || w == Workload::kSeekRandom ||
        w == Workload::kReadRandomWriteRandom || w == Workload::kReadSeq) {
      extra = "  found " + std::to_string(r.found);
    }
    if (w == Workload::kReadSeq) {
      char mbs[32];
      std::snprintf(mbs, sizeof(mbs), "  %.1f MB/s", Mb(r.bytes_read) / r.seconds);
      extra += mbs;
    }
    std::printf("  %-8s %-22s thr=%d %11.0f ops/s  %7.2f s%s\n", name.c_str(),
                WorkloadName(w).c_str(), threads, r.OpsPerSec(), r.seconds, extra.c_str());
    std::fflush(stdout);
    const RowKey key{pos, threads};
    report->ops_per_sec[key][name] = r.OpsPerSec();
    if (Writes(w)) report->write_amp[key][name] = WaSample{user_bytes, engine->Stats()};
  }
  if (engine) {
    WaSample at_close{user_bytes, engine->Stats()};
    report->write_amp[{kAtClose, threads}][name] = at_close;
    const KvStats& s = at_close.stats;
    char line[512];
    std::snprintf(line, sizeof(line),
                  "%s thr=%d: user %.0f MB; WAL %.0f MB%s, flush %s, compaction %.0f MB%s; "
                  "on disk %.0f MB",
                  name.c_str(), threads, Mb(at_close.user_bytes), Mb(s.wal_bytes),
                  s.wal_estimated ? " (estimated)" : "",
                  s.flush_in_compaction
                      ? "counted in compaction"
                      : (std::to_string(static_cast<int>(Mb(s.flush_bytes))) + " MB").c_str(),
                  Mb(s.compaction_bytes), s.flush_in_compaction ? " (incl. flushes)" : "",
                  Mb(DirectoryBytes(dir)));
    report->details.push_back(line);
    std::string detail = engine->StatsDetail();
    if (!detail.empty()) report->details.push_back("    " + detail);
    Status s_close = engine->Close();
    if (!s_close.ok()) fail("close", s_close);
    engine.reset();
  }
  if (!f.keep_db) {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
}

std::string RowLabel(const Flags& f, size_t position) {
  return position == kAtClose ? "(at close)" : WorkloadName(f.benchmarks[position]);
}

void PrintTables(const Flags& f, const std::vector<std::string>& engines, const Report& report) {
  const bool ratio = std::find(engines.begin(), engines.end(), "strata") != engines.end() &&
                     std::find(engines.begin(), engines.end(), "rocksdb") != engines.end();
  std::printf("\nops/s (higher is better)\n%-22s %3s", "workload", "thr");
  for (const std::string& e : engines) std::printf(" %12s", e.c_str());
  if (ratio) std::printf(" %15s", "strata/rocksdb");
  std::printf("\n");
  for (const auto& [key, by_engine] : report.ops_per_sec) {
    std::printf("%-22s %3d", RowLabel(f, key.position).c_str(), key.threads);
    for (const std::string& e : engines) {
      auto it = by_engine.find(e);
      if (it == by_engine.end()) {
        std::printf(" %12s", "-");
      } else {
        std::printf(" %12.0f", it->second);
      }
    }
    if (ratio) {
      auto s = by_engine.find("strata");
      auto r = by_engine.find("rocksdb");
      if (s != by_engine.end() && r != by_engine.end() && r->second > 0) {
        std::printf(" %15.2f", s->second / r->second);
      } else {
        std::printf(" %15s", "-");
      }
    }
    std::printf("\n");
  }

  std::printf(
      "\nwrite amplification = (WAL + flush + compaction bytes written) / key+value bytes "
      "written,\ncumulative from the fresh fill to the end of the workload (lower is better)\n"
      "%-22s %3s",
      "after", "thr");
  for (const std::string& e : engines) std::printf(" %12s", e.c_str());
  std::printf("\n");
  for (const auto& [key, by_engine] : report.write_amp) {
    std::printf("%-22s %3d", RowLabel(f, key.position).c_str(), key.threads);
    for (const std::string& e : engines) {
      auto it = by_engine.find(e);
      if (it == by_engine.end()) {
        std::printf(" %12s", "-");
      } else {
        std::printf(" %11.2f%s", it->second.Amplification(),
                    it->second.stats.wal_estimated ? "*" : " ");
      }
    }
    std::printf("\n");
  }
  bool any_estimated = false;
  for (const auto& [key, by_engine] : report.write_amp) {
    for (const auto& [e, sample] : by_engine) any_estimated |= sample.stats.wal_estimated;
  }
  if (any_estimated) {
    std::printf(
        "* LevelDB: WAL bytes estimated from batch sizes; flushes and compactions "
        "from leveldb.stats (whole MB per level)\n");
  }
  std::printf("\nbytes written, at close:\n");
  for (const std::string& line : report.details) std::printf("  %s\n", line.c_str());
}

int Main(int argc, char** argv) {
  Flags f;
  if (!ParseFlags(argc, argv, &f)) return 2;

  std::vector<std::string> engines;
  for (const std::string& e : f.engines) {
    if (NewKvEngine(e) != nullptr) {
      engines.push_back(e);
    } else if (e == "rocksdb" || e == "leveldb") {
      std::printf(
          "note: %s is not built into this binary (lib%s-dev was not found when "
          "configuring: run scripts/setup.sh --bench and reconfigure); skipped\n",
          e.c_str(), e.c_str());
    } else {
      std::fprintf(stderr, "storage_bench: unknown engine %s\n", e.c_str());
      return 2;
    }
  }
  if (engines.empty()) {
    std::fprintf(stderr, "storage_bench: none of the requested engines is built in\n");
    return 1;
  }

  KvOptions options;
  options.block_size = f.block_size;
  options.bloom_bits_per_key = f.bloom_bits;
  options.block_cache_bytes = f.cache_mb << 20;
  options.compression = f.compression;
  options.write_buffer_size = f.write_buffer_mb << 20;
  options.sync = f.sync;

  WorkloadConfig config;
  config.num = f.num;
  config.reads = f.reads >= 0 ? static_cast<uint64_t>(f.reads) : f.num / 4;
  config.seeks = f.seeks >= 0 ? static_cast<uint64_t>(f.seeks) : f.num / 20;
  config.seek_nexts = f.seek_nexts;
  config.value_size = f.value_size;
  config.batch_size = f.batch_size;
  config.read_write_percent = f.read_write_percent;
  config.seed = f.seed;

  const uint64_t raw_bytes = f.num * (kKeySize + f.value_size);
  std::printf("storage_bench: %" PRIu64
              " keys x (%zu-byte key + %zu-byte value) = %.0f MB raw, "
              "block cache %" PRIu64 " MB (data/cache %.1fx)\n",
              f.num, kKeySize, f.value_size, Mb(raw_bytes), f.cache_mb,
              f.cache_mb ? Mb(raw_bytes) / static_cast<double>(f.cache_mb) : 0.0);
  std::printf("  reads %" PRIu64 ", seeks %" PRIu64
              " (+%d nexts), batch %d, read/write %d/%d, "
              "sync %s, db_dir %s\n",
              config.reads, config.seeks, config.seek_nexts, config.batch_size,
              config.read_write_percent, 100 - config.read_write_percent, f.sync ? "on" : "off",
              f.db_dir.c_str());
  if (raw_bytes < 4 * (f.cache_mb << 20)) {
    std::printf(
        "warning: the data set is less than 4x the block cache; readrandom will mostly "
        "hit the cache (raise --num or lower --cache_mb)\n");
  }
  if (f.sync && f.num > 100'000) {
    std::printf(
        "warning: --sync makes every put wait for fdatasync (a few hundred per second on "
        "most disks); consider --num=20000\n");
  }
  std::printf("  load average at start: %s (%u CPUs)\n", LoadAverage().c_str(),
              std::thread::hardware_concurrency());

  Report report;
  for (const std::string& name : engines) {
    for (const std::string& line : NewKvEngine(name)->Describe(options)) {
      std::printf("  %s\n", line.c_str());
    }
  }

  for (const std::string& name : engines) {
    for (int threads : f.threads) RunEngine(name, threads, f, options, config, &report);
  }

  PrintTables(f, engines, report);
  std::printf("\nload average at end: %s\n", LoadAverage().c_str());
  if (!report.errors.empty()) {
    std::printf("\n%zu error(s):\n", report.errors.size());
    for (const std::string& e : report.errors) std::printf("  %s\n", e.c_str());
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace strata::bench

int main(int argc, char** argv) { return strata::bench::Main(argc, argv); }
