// CompactionJob: the mechanism that executes one Compaction chosen by a
// picker: merges the input SSTables, applies the per-key rules of
// CompactionIterator, writes output SSTables and describes the result as a
// VersionEdit for VersionSet::LogAndApply.
//
// Steps:
//  1. Trivial move: no I/O; the edit moves the one input file to the output
//     level.
//  2. Otherwise every input file is opened through the TableCache (without
//     filling the block cache) and merged with a MergingIterator. Range
//     tombstones of all inputs are collected and fragmented: they drop covered
//     entries (CompactionIterator) and are rewritten into the outputs, except
//     at the bottommost level where those in the oldest snapshot stripe
//     have nothing left to delete.
//  3. Outputs are cut by CompactionOutputCutter (target size, grandparent
//     overlap, never inside a user key). Each output is written durably
//     (TableFileWriter: temp file, sync, rename, directory sync) as
//     NNNNNN.sst with a number from `new_file_number`. Range tombstones are
//     clipped to each output's key span [first user key, next output's first
//     user key), so outputs never overlap in the output level.
//  4. Writes pass through the optional RateLimiter.
// On failure Run() returns the error, deletes the outputs it wrote and leaves
// the edit empty; the inputs are untouched. The caller applies the edit,
// then releases the compaction in its picker either way.
//
// Thread safety: a job runs on one background thread. The Compaction and the
// input files it pins must stay alive until Run() returns.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/status.h"
#include "storage/cache/table_cache.h"
#include "storage/compaction/compaction.h"
#include "storage/compaction/compaction_iterator.h"
#include "storage/compaction/rate_limiter.h"
#include "storage/tree_options.h"
#include "storage/io/file_system.h"
#include "storage/sstable/table_options.h"
#include "storage/version/file_meta_data.h"
#include "storage/version/version_edit.h"

namespace strata::storage {

struct CompactionJobOptions {
  FileSystem* fs = nullptr;          // not owned
  std::string dir;                   // data directory: outputs are TableFileName(dir, number)
  TableCache* table_cache = nullptr;  // opens the inputs; not owned
  TableOptions table_options;        // for the outputs
  std::function<uint64_t()> new_file_number;  // VersionSet::NewFileNumber
  std::vector<SequenceNumber> snapshots;      // live snapshots
  const CompactionFilter* filter = nullptr;   // may be null
  RateLimiter* rate_limiter = nullptr;        // may be null
};

struct CompactionJobStats {
  uint64_t input_files = 0;
  uint64_t input_bytes = 0;  // sizes of the input files
  uint64_t output_files = 0;
  uint64_t output_bytes = 0;
  uint64_t range_tombstones_in = 0;
  uint64_t range_tombstones_out = 0;  // fragments written (clipping may split one)
  CompactionIteratorStats entries;
};

class CompactionJob {
 public:
  CompactionJob(const Compaction& compaction, CompactionJobOptions options);
  ~CompactionJob();
  CompactionJob(const CompactionJob&) = delete;
  CompactionJob& operator=(const CompactionJob&) = delete;

  [[nodiscard]] Status Run();

  // After a successful Run(): input deletions plus output additions.
  const VersionEdit& edit() const { return edit_; }
  // After a successful Run(): the outputs in key order (empty for a trivial move).
  const std::vector<FileMetaData>& outputs() const { return outputs_; }
  const CompactionJobStats& stats() const { return stats_; }

 private:
  class Output;

  Status RunTrivialMove();
  Status RunMerge();
  // Opens a new output whose key span starts at lower_bound (nullopt: -inf).
  Status OpenOutput(std::optional<std::string> lower_bound);
  // Finishes the open output; upper_bound is the exclusive end of its key span.
  Status FinishOutput(std::optional<std::string> upper_bound);
  void DeleteOutputs();

  const Compaction& c_;
  CompactionJobOptions options_;
  std::vector<RangeTombstone> range_tombstones_;  // to rewrite into the outputs
  std::unique_ptr<Output> output_;                // the open output, if any
  uint64_t rate_limited_bytes_ = 0;               // of the open output
  VersionEdit edit_;
  std::vector<FileMetaData> outputs_;
  CompactionJobStats stats_;
};

}  // namespace strata::storage
