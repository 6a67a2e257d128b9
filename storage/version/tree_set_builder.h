// TreeSetBuilder: applies VersionEdits to the whole set of trees at once:
// tree creation and drop, per-tree file changes (one VersionBuilder per
// touched tree), and per-tree WAL log numbers. VersionSet uses it for one edit
// in LogAndApply and for the whole MANIFEST in Recover.
//
// Errors are Corruption with a message (unknown tree, tree created twice, a
// tree's log number going backwards, and everything VersionBuilder rejects);
// LogAndApply turns them into InvalidArgument. A builder that returned an
// error must be discarded.
//
// Thread safety: not thread-safe; one thread uses a builder.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "common/result.h"
#include "common/status.h"
#include "storage/version/live_file_tracker.h"
#include "storage/version/tree_compaction_options.h"
#include "storage/version/version.h"
#include "storage/version/version_builder.h"
#include "storage/version/version_edit.h"

namespace strata::storage {

// What the version set knows about one tree.
struct TreeState {
  std::string name;
  TreeCompactionOptions options;
  // WAL segments numbered below this hold nothing of this tree that is not
  // already in its SSTables.
  uint64_t log_number = 0;
  std::shared_ptr<const Version> current;  // never null in a finished map
};
using TreeMap = std::map<uint32_t, TreeState>;

class TreeSetBuilder {
 public:
  // base: the trees before the first edit (copied; Versions are shared).
  explicit TreeSetBuilder(const TreeMap& base);

  [[nodiscard]] Status Apply(const VersionEdit& edit);

  // Checks every touched tree's level invariants without making Versions.
  [[nodiscard]] Status Check() const;

  // The resulting trees. Untouched trees keep their Versions; touched ones
  // get new Versions numbered from *next_version_number (advanced).
  [[nodiscard]] Result<TreeMap> Finish(uint64_t* next_version_number,
                                       const std::shared_ptr<LiveFileTracker>& tracker) const;

  // Largest file number in any touched tree (0 if none).
  uint64_t MaxFileNumber() const;

 private:
  struct Entry {
    TreeState state;  // state.current is the base Version (null for new trees)
    std::unique_ptr<VersionBuilder> builder;  // created on first file change
  };
  VersionBuilder& BuilderFor(uint32_t tree_id, Entry& entry);
  Result<Entry*> Find(uint32_t tree_id, const char* what);

  std::map<uint32_t, Entry> trees_;
};

}  // namespace strata::storage
