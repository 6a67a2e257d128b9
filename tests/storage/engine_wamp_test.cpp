// Write amplification of leveled compaction under a ~1 GB random-write load
// (hidden test, run explicitly):
//
//   storage_tests "[wamp]"
//
// 16-byte keys drawn uniformly from a key space as large as the number of
// writes, 100-byte values, WriteOptions::sync = false, default EngineOptions
// (64 MiB memtables, 64 MiB files, 256 MiB L1 target x10, lz4) on the posix
// file system in a temp directory. Values are incompressible unless
// STRATA_WAMP_COMPRESSIBLE=1 (then half of each value repeats, like
// db_bench's compression ratio 0.5). STRATA_WAMP_MB changes the volume
// (default 1024). After the load the test waits for background compaction to
// settle and checks write amplification = (WAL + flush + compaction bytes) /
// user bytes < 10.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include "storage/engine.h"
#include "tests/storage/engine_functional_test_util.h"

namespace strata::storage {
namespace {

uint64_t EnvOr(const char* name, uint64_t fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::strtoull(v, nullptr, 10) : fallback;
}

class SplitMix {
 public:
  explicit SplitMix(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }

 private:
  uint64_t state_;
};

TEST_CASE("Engine write amplification under 1 GB of random writes stays below 10", "[.][wamp]") {
  constexpr size_t kKeySize = 16;
  constexpr size_t kValueSize = 100;
  const uint64_t mb = EnvOr("STRATA_WAMP_MB", 1024);
  const bool compressible = EnvOr("STRATA_WAMP_COMPRESSIBLE", 0) != 0;
  const uint64_t n = (mb << 20) / (kKeySize + kValueSize);

  testing::TempDir dir;
  EngineOptions options;  // the defaults, on DefaultFileSystem()
  auto e = testing::OpenOrDie(dir.path(), options);

  SplitMix rng(20261121);
  std::string key(kKeySize, '\0');
  std::string value(kValueSize, '\0');
  const WriteOptions wo{false};
  const auto start = std::chrono::steady_clock::now();
  for (uint64_t i = 0; i < n; ++i) {
    std::snprintf(key.data(), key.size() + 1, "%016llx",
                  static_cast<unsigned long long>(rng.Next() % n));
    for (size_t j = 0; j < kValueSize; j += 8) {
      const uint64_t r = compressible && j >= kValueSize / 2 ? 0x6161616161616161ull : rng.Next();
      std::memcpy(value.data() + j, &r, std::min<size_t>(8, kValueSize - j));
    }
    WriteBatch batch;
    batch.Put(kDefaultTree, key, value);
    const Status s = e->Write(wo, &batch);
    if (!s.ok()) FAIL("write " << i << ": " << s.ToString());
  }
  const double load_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  // Let compaction catch up (the tree's shape after the load, not mid-way).
  for (int i = 0; i < 600; ++i) {
    const EngineStats s = e->GetStats();
    if (s.trees[0].pending_compaction_bytes == 0 &&
        s.trees[0].levels[0].files < options.l0_compaction_trigger) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  const double total_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const EngineStats s = e->GetStats();
  std::string shape;
  for (const LevelStats& l : s.trees[0].levels) {
    shape += " L" + std::to_string(l.level) + "=" + std::to_string(l.files) + "/" +
             std::to_string(l.bytes >> 20) + "MiB";
  }
  std::printf(
      "wamp: %llu writes (%llu MiB user data, %s values) in %.1f s (%.0f writes/s), settled after "
      "%.1f s\n"
      "wamp: user %llu MiB, WAL %llu MiB, flush %llu MiB, compaction %llu MiB (read %llu MiB)\n"
      "wamp: write amplification %.2f, %llu flushes, %llu compactions, stall %.1f s, slowdown %.1f "
      "s\n"
      "wamp: shape%s\n",
      static_cast<unsigned long long>(n),
      static_cast<unsigned long long>(s.user_bytes_written >> 20),
      compressible ? "half-compressible" : "incompressible", load_seconds,
      static_cast<double>(n) / load_seconds, total_seconds,
      static_cast<unsigned long long>(s.user_bytes_written >> 20),
      static_cast<unsigned long long>(s.wal_bytes_written >> 20),
      static_cast<unsigned long long>(s.flush_bytes_written >> 20),
      static_cast<unsigned long long>(s.compaction_bytes_written >> 20),
      static_cast<unsigned long long>(s.compaction_bytes_read >> 20), s.write_amplification,
      static_cast<unsigned long long>(s.flushes), static_cast<unsigned long long>(s.compactions),
      static_cast<double>(s.stall_micros) / 1e6, static_cast<double>(s.slowdown_micros) / 1e6,
      shape.c_str());
  CHECK(s.write_amplification > 1.0);
  CHECK(s.write_amplification < 10.0);
  REQUIRE(e->Close().ok());
}

}  // namespace
}  // namespace strata::storage
