// FileMetaData: what the version set knows about one SSTable.
//
// The persisted fields (number .. num_deletions) are written to the MANIFEST by
// VersionEdit (see storage/docs/manifest_format.md). `being_compacted` is
// runtime-only state and is never written.
//
// Sharing and lifetime: Versions hold files as std::shared_ptr<FileMetaData>;
// one object is shared by every Version that lists the file at the same level
// (a trivial move to another level creates a new object with the same number).
// Whether the *file on disk* is still needed is decided by file number, not by
// object: VersionSet's LiveFileTracker counts, per file number, the live
// Versions that list it (see live_file_tracker.h).
//
// Thread safety: persisted fields are immutable once the file is installed in
// a Version. `being_compacted` is read and written only by the thread holding
// the engine's compaction-scheduling mutex (the one that calls the pickers).
#pragma once

#include <cstdint>
#include <string>

#include "common/slice.h"
#include "storage/dbformat.h"

namespace strata::storage {

// Levels per tree: L0 (overlapping files, newest first) and L1..L6 (each a
// sorted run of non-overlapping files).
inline constexpr int kNumLevels = 7;

struct FileMetaData {
  uint64_t number = 0;     // NNNNNN in NNNNNN.sst; unique across the database
  uint64_t file_size = 0;  // bytes on disk
  std::string smallest;    // smallest internal key in the file (dbformat.h)
  std::string largest;     // largest internal key in the file
  SequenceNumber smallest_seqno = 0;
  SequenceNumber largest_seqno = 0;
  uint64_t num_entries = 0;    // point entries + range tombstones
  uint64_t num_deletions = 0;  // point + range tombstones among num_entries

  // Runtime only: an input of a running (or just picked) compaction.
  bool being_compacted = false;

  // REQUIRES: smallest/largest hold valid internal keys.
  Slice smallest_user_key() const { return ExtractUserKey(smallest); }
  Slice largest_user_key() const { return ExtractUserKey(largest); }

  // "000012[a#5,SET .. k#3,DEL] 4096B seq=3..9" for test output and logs.
  std::string DebugString() const;
};

// Renders an internal key as "userkey#seq,TYPE", escaping non-printable bytes.
std::string InternalKeyDebugString(Slice internal_key);

}  // namespace strata::storage
