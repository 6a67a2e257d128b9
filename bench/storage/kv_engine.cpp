// Engine registry for storage_bench: which KvEngine adapters this binary was
// built with. bench/CMakeLists.txt defines STRATA_BENCH_HAVE_<ENGINE> for each
// engine it found (and compiles that engine's adapter file only then).
#include "bench/storage/kv_engine.h"

namespace strata::bench {

std::unique_ptr<KvEngine> NewKvEngine(const std::string& name) {
#ifdef STRATA_BENCH_HAVE_STRATA
  if (name == "strata") return NewStrataKvEngine();
#endif
#ifdef STRATA_BENCH_HAVE_ROCKSDB
  if (name == "rocksdb") return NewRocksDbKvEngine();
#endif
#ifdef STRATA_BENCH_HAVE_LEVELDB
  if (name == "leveldb") return NewLevelDbKvEngine();
#endif
  (void)name;
  return nullptr;
}

std::vector<std::string> BuiltKvEngines() {
  std::vector<std::string> names;
#ifdef STRATA_BENCH_HAVE_STRATA
  names.push_back("strata");
#endif
#ifdef STRATA_BENCH_HAVE_ROCKSDB
  names.push_back("rocksdb");
#endif
#ifdef STRATA_BENCH_HAVE_LEVELDB
  names.push_back("leveldb");
#endif
  return names;
}

std::vector<std::string> MissingKvEngines() {
  std::vector<std::string> names;
#ifndef STRATA_BENCH_HAVE_STRATA
  names.push_back("strata");
#endif
#ifndef STRATA_BENCH_HAVE_ROCKSDB
  names.push_back("rocksdb");
#endif
#ifndef STRATA_BENCH_HAVE_LEVELDB
  names.push_back("leveldb");
#endif
  return names;
}

}  // namespace strata::bench
