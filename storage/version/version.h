// Version: an immutable snapshot of one tree's files, per level.
//
// Invariants (checked by VersionBuilder before a Version is made):
//  1. L0 files may overlap; they are ordered newest first (largest_seqno
//     descending, then smallest_seqno descending, then file number
//     descending), so a reader checks them in that order.
//  2. Each level L1..L6 is one sorted run: files ordered by smallest internal
//     key and strictly non-overlapping in internal-key order
//     (prev.largest < next.smallest). Two neighbours may share a user key at
//     their boundary (different sequence numbers); compaction pickers expand
//     inputs so such a pair is always compacted together.
//  3. A file number appears at most once in a Version.
//
// Lifetime: Versions are shared as std::shared_ptr<const Version>; a reader
// pins the files it reads by holding the Version. Each Version refs its file
// numbers in the LiveFileTracker (if given) for as long as it lives, which is
// how the engine learns when an SSTable can be deleted.
//
// Thread safety: immutable after construction, so any thread may read it;
// the only mutable state it exposes is FileMetaData::being_compacted (see
// file_meta_data.h for the rule).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/slice.h"
#include "storage/version/file_meta_data.h"
#include "storage/version/live_file_tracker.h"

namespace strata::storage {

class Version {
 public:
  using FileList = std::vector<std::shared_ptr<FileMetaData>>;
  using LevelFiles = std::array<FileList, kNumLevels>;

  // REQUIRES: `files` satisfies the invariants above (use VersionBuilder).
  // `tracker` may be null (tests, tools): then no lifetime tracking happens.
  Version(uint32_t tree_id, LevelFiles files, uint64_t version_number = 0,
          std::shared_ptr<LiveFileTracker> tracker = nullptr);
  ~Version();
  Version(const Version&) = delete;
  Version& operator=(const Version&) = delete;

  uint32_t tree_id() const { return tree_id_; }
  // Increases by one with each Version the VersionSet installs for any tree.
  uint64_t version_number() const { return version_number_; }

  // REQUIRES: 0 <= level < kNumLevels for every `level` argument below.
  const FileList& files(int level) const { return files_[level]; }
  int NumFiles(int level) const { return static_cast<int>(files_[level].size()); }
  uint64_t NumLevelBytes(int level) const;
  uint64_t TotalBytes() const;
  // The deepest level holding a file, or -1 when the tree is empty.
  int LastNonEmptyLevel() const;

  // For level >= 1: index of the first file whose largest internal key is >=
  // internal_key, or NumFiles(level) when there is none.
  size_t FindFile(int level, Slice internal_key) const;

  // Files in `level` whose user-key range intersects the inclusive range
  // [smallest_user_key, largest_user_key]; nullopt means unbounded on that
  // side. L0 results are newest first, L1+ results in key order.
  FileList OverlappingFiles(int level, std::optional<Slice> smallest_user_key,
                            std::optional<Slice> largest_user_key) const;
  bool OverlapInLevel(int level, std::optional<Slice> smallest_user_key,
                      std::optional<Slice> largest_user_key) const;

  // Calls fn(level, file) for every file whose range contains user_key, in
  // the order a point lookup must consult them (L0 newest first, then L1 ..
  // L6); stops early when fn returns false.
  void ForEachFileContaining(Slice user_key,
                             const std::function<bool(int level, const FileMetaData& file)>& fn) const;

  // "L0:\n  000012[...] ...\nL6:\n  ..." listing non-empty levels only.
  std::string DebugString() const;

 private:
  const uint32_t tree_id_;
  const uint64_t version_number_;
  const LevelFiles files_;
  const std::shared_ptr<LiveFileTracker> tracker_;
};

}  // namespace strata::storage
