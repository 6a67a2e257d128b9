// VersionSet: LogAndApply, manifest rolling, accessors (see version_set.h).
// Create and Recover live in version_set_recover.cpp.
#include "storage/version/version_set.h"

#include <algorithm>

#include "storage/io/path.h"
#include "storage/version/manifest_file_names.h"

namespace strata::storage {

VersionSet::VersionSet(FileSystem* fs, std::string dir, VersionSetOptions options)
    : fs_(fs), dir_(std::move(dir)), options_(options), tracker_(std::make_shared<LiveFileTracker>()) {}

VersionSet::~VersionSet() {
  if (manifest_) (void)manifest_->Close();
}

void VersionSet::MarkFileNumberUsed(uint64_t number) {
  uint64_t cur = next_file_number_.load();
  while (cur <= number && !next_file_number_.compare_exchange_weak(cur, number + 1)) {
  }
}

void VersionSet::SetLastSequence(SequenceNumber seq) {
  SequenceNumber cur = last_sequence_.load();
  while (cur < seq && !last_sequence_.compare_exchange_weak(cur, seq)) {
  }
}

uint64_t VersionSet::log_number() const {
  std::lock_guard<std::mutex> lock(state_mu_);
  return log_number_;
}

uint64_t VersionSet::MinLogNumberToKeep() const {
  std::lock_guard<std::mutex> lock(state_mu_);
  uint64_t min_tree = UINT64_MAX;
  for (const auto& [id, t] : trees_) min_tree = std::min(min_tree, t.log_number);
  return min_tree == UINT64_MAX ? log_number_ : std::max(log_number_, min_tree);
}

uint64_t VersionSet::manifest_file_number() const {
  std::lock_guard<std::mutex> lock(state_mu_);
  return manifest_file_number_;
}

uint64_t VersionSet::manifest_file_size() const {
  std::lock_guard<std::mutex> lock(state_mu_);
  return manifest_file_size_;
}

std::shared_ptr<const Version> VersionSet::current(uint32_t tree_id) const {
  std::lock_guard<std::mutex> lock(state_mu_);
  auto it = trees_.find(tree_id);
  return it == trees_.end() ? nullptr : it->second.current;
}

std::optional<VersionSet::TreeInfo> VersionSet::GetTree(uint32_t tree_id) const {
  std::lock_guard<std::mutex> lock(state_mu_);
  auto it = trees_.find(tree_id);
  if (it == trees_.end()) return std::nullopt;
  const TreeState& t = it->second;
  return TreeInfo{tree_id, t.name, t.options, t.log_number, t.current};
}

std::vector<VersionSet::TreeInfo> VersionSet::Trees() const {
  std::lock_guard<std::mutex> lock(state_mu_);
  std::vector<TreeInfo> out;
  out.reserve(trees_.size());
  for (const auto& [id, t] : trees_) out.push_back(TreeInfo{id, t.name, t.options, t.log_number, t.current});
  return out;
}

VersionSet::ObsoleteFiles VersionSet::TakeObsoleteFiles() {
  ObsoleteFiles out;
  out.tables = tracker_->TakeObsoleteFiles();
  std::lock_guard<std::mutex> lock(state_mu_);
  out.manifests.swap(obsolete_manifests_);
  return out;
}

VersionEdit VersionSet::SnapshotEdit(const TreeMap& trees, uint64_t log_number) const {
  VersionEdit e;
  e.SetLogNumber(log_number);
  e.SetNextFileNumber(next_file_number_.load());
  e.SetLastSequence(last_sequence_.load());
  for (const auto& [id, t] : trees) {
    e.CreateTree(id, t.name, t.options);
    if (t.log_number != 0) e.SetTreeLogNumber(id, t.log_number);
    for (int level = 0; level < kNumLevels; ++level) {
      for (const auto& f : t.current->files(level)) e.AddFile(id, level, *f);
    }
  }
  return e;
}

Status VersionSet::WriteNewManifest(uint64_t number, const TreeMap& trees, uint64_t log_number,
                                    const VersionEdit& edit) {
  const std::string name = ManifestFileName(number);
  const std::string path = JoinPath(dir_, name);
  // Whatever happens next, the old writer is done: either the new manifest
  // takes over or the next LogAndApply starts yet another one.
  if (manifest_) {
    (void)manifest_->Close();
    manifest_.reset();
  }
  auto file = fs_->NewWritableFile(path);
  if (!file.ok()) return file.status();
  auto writer = std::make_unique<wal::LogWriter>(std::move(*file), number);
  Status s = writer->AddRecord(SnapshotEdit(trees, log_number).Encode());
  if (s.ok() && !edit.empty()) s = writer->AddRecord(edit.Encode());
  if (s.ok()) s = writer->Sync();
  if (!s.ok()) {
    (void)writer->Close();
    (void)fs_->DeleteFile(path);  // CURRENT never named it
    return s;
  }
  // From here CURRENT may name the new manifest even if the call fails (e.g.
  // rename done, directory sync failed), so it is never deleted.
  STRATA_RETURN_IF_ERROR(WriteFileAtomically(fs_, JoinPath(dir_, kCurrentFileName), name + "\n"));
  const uint64_t size = writer->FileSize();
  manifest_ = std::move(writer);
  std::lock_guard<std::mutex> lock(state_mu_);
  if (manifest_file_number_ != 0 && manifest_file_number_ != number) {
    obsolete_manifests_.push_back(manifest_file_number_);
  }
  manifest_file_number_ = number;
  manifest_file_size_ = size;
  return Status::OK();
}

Status VersionSet::LogAndApply(const VersionEdit& edit) {
  std::lock_guard<std::mutex> apply_lock(apply_mu_);
  if (!opened_) return Status::InvalidArgument("LogAndApply before Create/Recover");

  TreeMap base;
  uint64_t log_number;
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    base = trees_;
    log_number = log_number_;
  }

  // Validate against the current state before anything is written.
  if (edit.log_number() && *edit.log_number() < log_number) {
    return Status::InvalidArgument("log number goes back from " + std::to_string(log_number) + " to " +
                                   std::to_string(*edit.log_number()));
  }
  for (const auto& f : edit.new_files()) {
    if (f.meta.number >= next_file_number_.load()) {
      return Status::InvalidArgument("file number " + std::to_string(f.meta.number) +
                                     " was not allocated by NewFileNumber");
    }
  }
  TreeSetBuilder builder(base);
  Status s = builder.Apply(edit);
  if (s.ok()) s = builder.Check();
  if (!s.ok()) return Status::InvalidArgument(s.message());

  VersionEdit record = edit;
  if (edit.last_sequence()) SetLastSequence(*edit.last_sequence());
  if (edit.next_file_number() && *edit.next_file_number() > 0) MarkFileNumberUsed(*edit.next_file_number() - 1);
  const uint64_t new_log_number = edit.log_number() ? *edit.log_number() : log_number;

  if (!manifest_ || manifest_->FileSize() >= options_.max_manifest_file_size) {
    const uint64_t number = NewFileNumber();
    record.SetLastSequence(last_sequence_.load());
    record.SetNextFileNumber(next_file_number_.load());
    STRATA_RETURN_IF_ERROR(WriteNewManifest(number, base, log_number, record));
  } else {
    record.SetLastSequence(last_sequence_.load());
    record.SetNextFileNumber(next_file_number_.load());
    s = manifest_->AddRecord(record.Encode());
    if (s.ok()) s = manifest_->Sync();
    if (!s.ok()) {
      // The manifest's tail is unknown now; the next edit starts a new one.
      (void)manifest_->Close();
      manifest_.reset();
      return s;
    }
    std::lock_guard<std::mutex> lock(state_mu_);
    manifest_file_size_ = manifest_->FileSize();
  }

  auto trees = builder.Finish(&next_version_number_, tracker_);
  if (!trees.ok()) return trees.status();  // unreachable: Check() passed
  base.clear();  // drop this call's extra references before the swap
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    trees_.swap(*trees);
    log_number_ = new_log_number;
  }
  // *trees now holds the previous Versions; releasing them (and possibly
  // their files) happens here, outside state_mu_.
  return Status::OK();
}

}  // namespace strata::storage
