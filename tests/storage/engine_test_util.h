// Helpers shared by the randomized Engine tests (engine_model_test.cpp,
// engine_crash_test.cpp, engine_corruption_test.cpp): a seeded PRNG, batch
// operations that become WriteBatches and apply to a plain map model,
// reading whole trees back and diffing them, directory images (capture and
// restore every file of an engine directory), and randomized small options.
//
// Everything here goes through storage/engine.h; the tests never reach into
// the engine's internals. (The functional engine tests use
// engine_functional_test_util.h.)
#pragma once

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/slice.h"
#include "storage/engine.h"
#include "storage/io/file_system.h"
#include "storage/write_batch.h"

namespace strata::storage::testing {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitizerBuild = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kSanitizerBuild = true;
#else
inline constexpr bool kSanitizerBuild = false;
#endif
#else
inline constexpr bool kSanitizerBuild = false;
#endif

// The unsigned integer in environment variable `name`, if set and numeric.
inline std::optional<uint64_t> EnvUint64(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return std::nullopt;
  char* end = nullptr;
  const unsigned long long n = std::strtoull(v, &end, 10);
  if (end == nullptr || *end != '\0') return std::nullopt;
  return static_cast<uint64_t>(n);
}

// Deterministic PRNG (splitmix64): the same seed gives the same choices.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n); 0 when n == 0.
  uint64_t Uniform(uint64_t n) { return n == 0 ? 0 : Next() % n; }
  // Uniform in [lo, hi] (inclusive).
  uint64_t Range(uint64_t lo, uint64_t hi) { return hi <= lo ? lo : lo + Uniform(hi - lo + 1); }
  bool OneIn(uint64_t n) { return Uniform(n) == 0; }
  bool Percent(uint64_t p) { return Uniform(100) < p; }
  // REQUIRES: !c.empty()
  template <typename C>
  const typename C::value_type& Pick(const C& c) {
    return c[static_cast<size_t>(Uniform(c.size()))];
  }

 private:
  uint64_t state_;
};

// Bytes as readable text: printable ASCII as is, the rest as \xNN; longer
// than `max` bytes is cut and marked with its length.
inline std::string Printable(Slice s, size_t max = 64) {
  std::string out = "\"";
  const size_t n = std::min(s.size(), max);
  for (size_t i = 0; i < n; ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  out += "\"";
  if (s.size() > max) out += "...(" + std::to_string(s.size()) + " bytes)";
  return out;
}

// One operation of a batch.
struct BatchOp {
  enum class Kind { kPut, kDelete, kDeleteRange };
  Kind kind = Kind::kPut;
  TreeId tree = 0;
  std::string key;  // the key, or the range's begin
  std::string arg;  // the value (kPut) or the range's exclusive end (kDeleteRange)
};

using TreeState = std::map<std::string, std::string>;  // visible key -> value
using DbState = std::map<TreeId, TreeState>;

inline WriteBatch MakeBatch(const std::vector<BatchOp>& ops) {
  WriteBatch batch;
  for (const BatchOp& op : ops) {
    switch (op.kind) {
      case BatchOp::Kind::kPut:
        batch.Put(op.tree, op.key, op.arg);
        break;
      case BatchOp::Kind::kDelete:
        batch.Delete(op.tree, op.key);
        break;
      case BatchOp::Kind::kDeleteRange:
        batch.DeleteRange(op.tree, op.key, op.arg);
        break;
    }
  }
  return batch;
}

// Applies ops in order to the model.
inline void ApplyOps(const std::vector<BatchOp>& ops, DbState* state) {
  for (const BatchOp& op : ops) {
    TreeState& t = (*state)[op.tree];
    switch (op.kind) {
      case BatchOp::Kind::kPut:
        t[op.key] = op.arg;
        break;
      case BatchOp::Kind::kDelete:
        t.erase(op.key);
        break;
      case BatchOp::Kind::kDeleteRange:
        if (op.key < op.arg) t.erase(t.lower_bound(op.key), t.lower_bound(op.arg));
        break;
    }
  }
}

inline std::string DescribeOps(const std::vector<BatchOp>& ops, size_t max = 12) {
  std::string s;
  for (size_t i = 0; i < ops.size() && i < max; ++i) {
    const BatchOp& op = ops[i];
    if (i > 0) s += "; ";
    switch (op.kind) {
      case BatchOp::Kind::kPut:
        s += "put t" + std::to_string(op.tree) + " " + Printable(op.key, 24) + "=" +
             Printable(op.arg, 16);
        break;
      case BatchOp::Kind::kDelete:
        s += "del t" + std::to_string(op.tree) + " " + Printable(op.key, 24);
        break;
      case BatchOp::Kind::kDeleteRange:
        s += "delrange t" + std::to_string(op.tree) + " [" + Printable(op.key, 24) + ", " +
             Printable(op.arg, 24) + ")";
        break;
    }
  }
  if (ops.size() > max) s += "; ... (" + std::to_string(ops.size()) + " ops)";
  return s;
}

// Every visible key of `tree` at the latest sequence, by a forward scan.
inline Result<TreeState> ReadTree(Engine* engine, TreeId tree) {
  std::unique_ptr<Iterator> it = engine->NewIterator(ReadOptions{}, tree);
  TreeState out;
  for (it->SeekToFirst(); it->Valid(); it->Next())
    out.emplace(std::string(it->key()), std::string(it->value()));
  if (!it->status().ok()) return it->status();
  return out;
}

inline Result<DbState> ReadTrees(Engine* engine, const std::vector<TreeId>& trees) {
  DbState out;
  for (TreeId t : trees) {
    auto tree = ReadTree(engine, t);
    if (!tree.ok()) return tree.status();
    out[t] = std::move(tree).value();
  }
  return out;
}

// "" when equal; otherwise the first few differences.
inline std::string DiffTrees(const TreeState& expected, const TreeState& actual, size_t max = 5) {
  std::string s;
  size_t n = 0;
  auto note = [&](const std::string& line) {
    if (n++ < max) s += (s.empty() ? "" : "; ") + line;
  };
  auto e = expected.begin();
  auto a = actual.begin();
  while (e != expected.end() || a != actual.end()) {
    if (a == actual.end() || (e != expected.end() && e->first < a->first)) {
      note("missing " + Printable(e->first) + " (expected " + Printable(e->second, 16) + ")");
      ++e;
    } else if (e == expected.end() || a->first < e->first) {
      note("unexpected " + Printable(a->first) + " = " + Printable(a->second, 16));
      ++a;
    } else {
      if (e->second != a->second) {
        note(Printable(e->first) + ": expected " + Printable(e->second, 16) + ", got " +
             Printable(a->second, 16));
      }
      ++e;
      ++a;
    }
  }
  if (n > max) s += "; ... (" + std::to_string(n) + " differences)";
  return s;
}

// "" when every tree in `trees` matches (a tree missing from a state is empty).
inline std::string DiffStates(const DbState& expected, const DbState& actual,
                              const std::vector<TreeId>& trees) {
  static const TreeState kEmpty;
  std::string s;
  for (TreeId t : trees) {
    auto e = expected.find(t);
    auto a = actual.find(t);
    const std::string d =
        DiffTrees(e == expected.end() ? kEmpty : e->second, a == actual.end() ? kEmpty : a->second);
    if (!d.empty()) s += (s.empty() ? "" : " | ") + ("tree " + std::to_string(t) + ": " + d);
  }
  return s;
}

// Every file of a directory: name -> contents.
using DirImage = std::map<std::string, std::string>;

inline DirImage CaptureDir(FileSystem* fs, const std::string& dir) {
  DirImage image;
  auto children = fs->GetChildren(dir);
  REQUIRE(children.ok());
  for (const std::string& name : *children) {
    auto contents = ReadFileToString(fs, dir + "/" + name);
    if (contents.ok()) image[name] = std::move(contents).value();
  }
  return image;
}

// Writes every file of `image` into dir (created if missing).
inline void RestoreDir(const DirImage& image, const std::string& dir, FileSystem* fs) {
  REQUIRE(fs->CreateDirIfMissing(dir).ok());
  for (const auto& [name, contents] : image) {
    auto file = fs->NewWritableFile(dir + "/" + name);
    REQUIRE(file.ok());
    REQUIRE((*file)->Append(contents).ok());
    REQUIRE((*file)->Sync().ok());
    REQUIRE((*file)->Close().ok());
  }
}

// Sorted names in dir that end with `pattern` (or start with it, if prefix).
inline std::vector<std::string> FilesMatching(FileSystem* fs, const std::string& dir,
                                              const std::string& pattern, bool prefix = false) {
  std::vector<std::string> out;
  auto children = fs->GetChildren(dir);
  REQUIRE(children.ok());
  for (const std::string& name : *children) {
    if (name.size() < pattern.size()) continue;
    const bool match =
        prefix ? name.compare(0, pattern.size(), pattern) == 0
               : name.compare(name.size() - pattern.size(), pattern.size(), pattern) == 0;
    if (match) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Options that make every mechanism run constantly: tiny memtables, tiny
// SSTables and blocks, low L0 triggers, a small manifest roll size and a small
// table cache. Varied by `rng` so different seeds cover different shapes
// (block sizes, bloom filters, compression, background threads).
inline EngineOptions SmallEngineOptions(FileSystem* fs, Rng* rng) {
  EngineOptions o;
  o.fs = fs;
  o.create_if_missing = true;
  o.write_buffer_size = static_cast<size_t>(rng->Pick(std::vector<uint64_t>{4, 8, 16, 32, 64}))
                        << 10;
  o.max_immutable_memtables = static_cast<int>(rng->Range(1, 3));
  o.block_size = static_cast<size_t>(rng->Pick(std::vector<uint64_t>{64, 256, 1024, 4096}));
  o.block_restart_interval = static_cast<int>(rng->Pick(std::vector<uint64_t>{1, 2, 7, 16}));
  o.bloom_bits_per_key = static_cast<int>(rng->Pick(std::vector<uint64_t>{0, 4, 10}));
  o.compression = rng->Percent(60);
  o.target_file_size = static_cast<size_t>(rng->Pick(std::vector<uint64_t>{2, 8, 32, 64})) << 10;
  o.block_cache_bytes = rng->OneIn(3) ? (16 << 10) : (4 << 20);
  o.max_open_files = static_cast<int>(rng->Pick(std::vector<uint64_t>{8, 30, 1000}));
  o.l0_compaction_trigger = static_cast<int>(rng->Range(1, 4));
  o.l0_slowdown_writes_trigger = o.l0_compaction_trigger + static_cast<int>(rng->Range(4, 12));
  o.l0_stop_writes_trigger = o.l0_slowdown_writes_trigger + static_cast<int>(rng->Range(4, 12));
  o.max_bytes_for_level_base = static_cast<uint64_t>(rng->Pick(std::vector<uint64_t>{16, 64, 256}))
                               << 10;
  o.max_bytes_for_level_multiplier = static_cast<int>(rng->Pick(std::vector<uint64_t>{2, 4, 10}));
  o.max_background_jobs = static_cast<int>(rng->Range(1, 3));
  o.manifest_rewrite_bytes = rng->OneIn(3) ? (2 << 10) : (1 << 20);
  return o;
}

inline std::string DescribeOptions(const EngineOptions& o) {
  return "write_buffer_size=" + std::to_string(o.write_buffer_size) +
         " max_immutable_memtables=" + std::to_string(o.max_immutable_memtables) +
         " block_size=" + std::to_string(o.block_size) +
         " restart_interval=" + std::to_string(o.block_restart_interval) +
         " bloom=" + std::to_string(o.bloom_bits_per_key) + " lz4=" + (o.compression ? "1" : "0") +
         " target_file_size=" + std::to_string(o.target_file_size) +
         " block_cache=" + std::to_string(o.block_cache_bytes) +
         " max_open_files=" + std::to_string(o.max_open_files) +
         " l0=" + std::to_string(o.l0_compaction_trigger) + "/" +
         std::to_string(o.l0_slowdown_writes_trigger) + "/" +
         std::to_string(o.l0_stop_writes_trigger) +
         " base=" + std::to_string(o.max_bytes_for_level_base) + "x" +
         std::to_string(o.max_bytes_for_level_multiplier) +
         " jobs=" + std::to_string(o.max_background_jobs) +
         " manifest_rewrite=" + std::to_string(o.manifest_rewrite_bytes);
}

}  // namespace strata::storage::testing
