// Helpers shared by the functional engine tests (engine_{basic,iterator,
// recovery,compaction,trees,ingest,wamp}_test.cpp): small-option
// engines on a MemFileSystem or in a posix temp directory, key formatting,
// and reading a whole tree back.
#pragma once

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "storage/engine.h"
#include "storage/io/mem_file_system.h"

namespace strata::storage::testing {

// Options that make flushes and compactions happen with little data.
inline EngineOptions SmallOptions(FileSystem* fs) {
  EngineOptions o;
  o.fs = fs;
  o.write_buffer_size = 64 << 10;
  o.max_immutable_memtables = 2;
  o.block_size = 1024;
  o.target_file_size = 64 << 10;
  o.max_bytes_for_level_base = 256 << 10;
  o.l0_compaction_trigger = 4;
  o.block_cache_bytes = 1 << 20;
  o.max_background_jobs = 2;
  return o;
}

inline std::unique_ptr<Engine> OpenOrDie(const std::string& dir, const EngineOptions& options) {
  auto engine = Engine::Open(dir, options);
  INFO(engine.ToStatus().ToString());
  REQUIRE(engine.ok());
  return std::move(engine).value();
}

// "key000042" style: fixed width, so byte order is numeric order.
inline std::string Key(int i, int width = 6) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "key%0*d", width, i);
  return buf;
}

inline std::string Value(int i, int round = 0, size_t size = 20) {
  std::string v = "v" + std::to_string(round) + "_" + std::to_string(i) + "_";
  while (v.size() < size)
    v.push_back(static_cast<char>('a' + (v.size() + static_cast<size_t>(i)) % 26));
  return v;
}

// Get as a string; "<notfound>" for NotFound, "<error: ...>" otherwise.
inline std::string GetString(Engine* e, TreeId tree, Slice key,
                             const Snapshot* snapshot = nullptr) {
  ReadOptions ro;
  ro.snapshot = snapshot;
  auto r = e->Get(ro, tree, key);
  if (r.ok()) return *r;
  if (r.status().IsNotFound()) return "<notfound>";
  return "<error: " + r.status().ToString() + ">";
}

// Every visible key/value of a tree, via a forward scan.
inline std::map<std::string, std::string> ScanAll(Engine* e, TreeId tree,
                                                  const Snapshot* snapshot = nullptr) {
  ReadOptions ro;
  ro.snapshot = snapshot;
  auto it = e->NewIterator(ro, tree);
  std::map<std::string, std::string> out;
  for (it->SeekToFirst(); it->Valid(); it->Next())
    out.emplace(std::string(it->key()), std::string(it->value()));
  INFO(it->status().ToString());
  REQUIRE(it->status().ok());
  return out;
}

inline int TotalFiles(const EngineStats& s, TreeId tree) {
  for (const TreeStats& t : s.trees) {
    if (t.id != tree) continue;
    int n = 0;
    for (const LevelStats& l : t.levels) n += l.files;
    return n;
  }
  return -1;
}

inline int LevelFiles(const EngineStats& s, TreeId tree, int level) {
  for (const TreeStats& t : s.trees) {
    if (t.id == tree && level < static_cast<int>(t.levels.size()))
      return t.levels[static_cast<size_t>(level)].files;
  }
  return -1;
}

// Names in dir with the given suffix.
inline std::vector<std::string> FilesWithSuffix(FileSystem* fs, const std::string& dir,
                                                const std::string& suffix) {
  std::vector<std::string> out;
  auto children = fs->GetChildren(dir);
  REQUIRE(children.ok());
  for (const std::string& name : *children) {
    if (name.size() >= suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      out.push_back(name);
    }
  }
  return out;
}

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "strata_engine_XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace strata::storage::testing
