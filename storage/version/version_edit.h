// VersionEdit: one atomic change to the database's file layout, as written to
// the MANIFEST (one edit = one log record) and replayed on recovery.
//
// An edit may touch several trees at once: create and drop trees, add and
// delete files per (tree, level), advance a tree's WAL log number, and carry
// the global counters (log number, next file number, last sequence).
//
// Applying an edit (VersionSet, VersionBuilder) happens in this order, so one
// edit can create a tree and fill it, or move a file between levels:
//   1. trees created, 2. files deleted, 3. files added, 4. tree log numbers,
//   5. trees dropped.
//
// Encoding (details and the tag registry: storage/docs/manifest_format.md):
//   edit   := varint32 format_version (= kVersionEditFormatVersion) field*
//   field  := varint32 tag | varint32 length | payload[length]
// Tags are written to disk: never renumber. A tag with kTagSafeToIgnoreMask
// set may be skipped by a reader that does not know it; any other unknown tag
// is Corruption. A newer format_version is NotSupported.
//
// Thread safety: a plain value; external synchronization for mutation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/slice.h"
#include "storage/dbformat.h"
#include "storage/version/file_meta_data.h"
#include "storage/version/tree_compaction_options.h"

namespace strata::storage {

inline constexpr uint32_t kVersionEditFormatVersion = 1;
// A field tag with this bit set may be skipped by readers that do not know it.
inline constexpr uint32_t kTagSafeToIgnoreMask = 1u << 13;

class VersionEdit {
 public:
  struct TreeCreation {
    uint32_t tree_id = 0;
    std::string name;
    TreeCompactionOptions options;
    bool operator==(const TreeCreation&) const = default;
  };
  struct NewFile {
    uint32_t tree_id = 0;
    int level = 0;
    FileMetaData meta;  // being_compacted is ignored
  };
  struct DeletedFile {
    uint32_t tree_id = 0;
    int level = 0;
    uint64_t number = 0;
    bool operator==(const DeletedFile&) const = default;
  };
  struct TreeLogNumber {
    uint32_t tree_id = 0;
    uint64_t log_number = 0;
    bool operator==(const TreeLogNumber&) const = default;
  };

  // WAL segments numbered below this are obsolete for every tree.
  void SetLogNumber(uint64_t num) { log_number_ = num; }
  void SetNextFileNumber(uint64_t num) { next_file_number_ = num; }
  void SetLastSequence(SequenceNumber seq) { last_sequence_ = seq; }

  void CreateTree(uint32_t tree_id, std::string name, const TreeCompactionOptions& options);
  void DropTree(uint32_t tree_id);
  // Everything of tree_id in WAL segments numbered below log_number has been
  // flushed to SSTables; recovery skips it.
  void SetTreeLogNumber(uint32_t tree_id, uint64_t log_number);
  // REQUIRES: 0 <= level < kNumLevels.
  void AddFile(uint32_t tree_id, int level, const FileMetaData& meta);
  void DeleteFile(uint32_t tree_id, int level, uint64_t file_number);

  const std::optional<uint64_t>& log_number() const { return log_number_; }
  const std::optional<uint64_t>& next_file_number() const { return next_file_number_; }
  const std::optional<SequenceNumber>& last_sequence() const { return last_sequence_; }
  const std::vector<TreeCreation>& created_trees() const { return created_trees_; }
  const std::vector<uint32_t>& dropped_trees() const { return dropped_trees_; }
  const std::vector<TreeLogNumber>& tree_log_numbers() const { return tree_log_numbers_; }
  const std::vector<NewFile>& new_files() const { return new_files_; }
  const std::vector<DeletedFile>& deleted_files() const { return deleted_files_; }
  bool empty() const;

  // Appends the encoding described above to *dst.
  void EncodeTo(std::string* dst) const;
  std::string Encode() const {
    std::string out;
    EncodeTo(&out);
    return out;
  }
  // Corruption (naming the field) on malformed input or an unknown
  // non-ignorable tag; NotSupported for a newer format version.
  static Result<VersionEdit> Decode(Slice input);

  // Multi-line, deterministic rendering for tests and manifest dumps.
  std::string DebugString() const;

  // Field-by-field equality on persisted content (for tests).
  bool operator==(const VersionEdit& other) const;

 private:
  std::optional<uint64_t> log_number_;
  std::optional<uint64_t> next_file_number_;
  std::optional<SequenceNumber> last_sequence_;
  std::vector<TreeCreation> created_trees_;
  std::vector<uint32_t> dropped_trees_;
  std::vector<TreeLogNumber> tree_log_numbers_;
  std::vector<NewFile> new_files_;
  std::vector<DeletedFile> deleted_files_;
};

}  // namespace strata::storage
