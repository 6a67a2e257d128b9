// VersionBuilder: applies a sequence of VersionEdits for one tree to a base
// Version and produces the next Version, checking the level invariants of
// version.h. Used by VersionSet::LogAndApply (one edit) and by
// VersionSet::Recover (every edit in a MANIFEST, so replay is linear).
//
// Within one edit, this tree's deletions are applied before its additions, so
// an edit may move a file between levels (trivial move). Errors (deleting a
// file that is not there, adding a number twice, overlapping files in L1+)
// come back as Corruption with a message naming the file; LogAndApply reports
// them as InvalidArgument since there the edit came from the caller.
//
// Files carried over from the base keep their FileMetaData objects (and so
// their being_compacted flags); added files get new objects.
//
// Thread safety: not thread-safe; a builder is used by one thread.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <unordered_map>

#include "common/result.h"
#include "common/status.h"
#include "storage/version/version.h"
#include "storage/version/version_edit.h"

namespace strata::storage {

class VersionBuilder {
 public:
  // base may be null (a new, empty tree).
  VersionBuilder(uint32_t tree_id, const Version* base);

  // Applies the part of `edit` that concerns this tree (file deletions, then
  // additions). Other trees' entries are ignored.
  [[nodiscard]] Status Apply(const VersionEdit& edit);
  [[nodiscard]] Status DeleteFile(int level, uint64_t number);
  [[nodiscard]] Status AddFile(int level, const FileMetaData& meta);

  // Checks the invariants and builds the Version. The builder stays usable.
  [[nodiscard]] Result<std::shared_ptr<const Version>> Finish(
      uint64_t version_number, std::shared_ptr<LiveFileTracker> tracker) const;

  // Largest file number added or carried over (0 if none).
  uint64_t MaxFileNumber() const;

 private:
  const uint32_t tree_id_;
  // Per level: file number -> file.
  std::array<std::map<uint64_t, std::shared_ptr<FileMetaData>>, kNumLevels> levels_;
  std::unordered_map<uint64_t, int> level_of_;  // file number -> level
};

}  // namespace strata::storage
