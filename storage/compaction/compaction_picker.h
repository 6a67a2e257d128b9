// CompactionPicker: the policy that decides which files of one tree to
// compact next. Concrete pickers: LeveledCompactionPicker and
// UniversalCompactionPicker (NewCompactionPicker chooses by TreeCompactionOptions).
//
// A picker only chooses; it never reads or writes data (CompactionJob does).
// It tracks the compactions it handed out that are still running, so two
// concurrent compactions never share an input file or write overlapping
// outputs into the same level.
//
// Protocol:
//   auto c = picker->PickCompaction(tree->current());   // marks inputs
//   ... run c (or trivially move it) and LogAndApply its edit ...
//   picker->ReleaseCompaction(c.get());                  // unmarks inputs
// ReleaseCompaction must be called for every picked compaction, success or
// not, before the Compaction is destroyed.
//
// Thread safety: not thread-safe. All calls for a tree (and every access to
// its files' being_compacted flags) happen under one engine mutex.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "common/slice.h"
#include "storage/compaction/compaction.h"
#include "storage/version/tree_compaction_options.h"
#include "storage/version/version.h"

namespace strata::storage {

class CompactionPicker {
 public:
  explicit CompactionPicker(const TreeCompactionOptions& options) : options_(options) {}
  virtual ~CompactionPicker() = default;
  CompactionPicker(const CompactionPicker&) = delete;
  CompactionPicker& operator=(const CompactionPicker&) = delete;

  // Cheap check whether PickCompaction could return something.
  virtual bool NeedsCompaction(const Version& version) const = 0;

  // The most urgent compaction whose inputs are free, or nullptr. On success
  // the inputs are marked being_compacted and the compaction is registered as
  // running.
  virtual std::unique_ptr<Compaction> PickCompaction(std::shared_ptr<const Version> version) = 0;

  // A manual compaction (CompactRange) of the files of `level` overlapping
  // [begin, end] (nullopt = unbounded) into the next level, or, for level 0 of
  // a leveled tree, into the base level. nullptr if there is nothing to do or
  // the files are busy.
  virtual std::unique_ptr<Compaction> PickManualCompaction(std::shared_ptr<const Version> version, int level,
                                                           std::optional<Slice> begin,
                                                           std::optional<Slice> end) = 0;

  // Unmarks the inputs and forgets the compaction. REQUIRES: c was returned
  // by this picker and not released yet.
  void ReleaseCompaction(Compaction* c);

  size_t NumRunningCompactions() const { return running_.size(); }
  const TreeCompactionOptions& options() const { return options_; }
  void SetOptions(const TreeCompactionOptions& options) { options_ = options; }

 protected:
  // Grows `files` (files of `level`, in level order) to a clean cut: for L1+
  // adds neighbours sharing a boundary user key, so one user key's versions
  // never end up in two places. Returns false when any resulting file is
  // being compacted.
  static bool ExpandToCleanCut(const Version& version, int level, Version::FileList* files);

  // Inclusive user-key range covered by the files.
  static void KeyRange(const Version::FileList& files, std::string* smallest, std::string* largest);
  static void KeyRange(const Version::FileList& a, const Version::FileList& b, std::string* smallest,
                       std::string* largest);
  static bool AnyBeingCompacted(const Version::FileList& files);
  static uint64_t TotalBytes(const Version::FileList& files);

  // True when a running compaction writes into output_level and its key range
  // overlaps [smallest, largest].
  bool OutputRangeBusy(int output_level, Slice smallest, Slice largest) const;

  // Marks inputs and registers c as running.
  std::unique_ptr<Compaction> Register(std::unique_ptr<Compaction> c);

  TreeCompactionOptions options_;

 private:
  std::vector<Compaction*> running_;
};

std::unique_ptr<CompactionPicker> NewCompactionPicker(const TreeCompactionOptions& options);

}  // namespace strata::storage
