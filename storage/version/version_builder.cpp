// VersionBuilder (see version_builder.h).
#include "storage/version/version_builder.h"

#include <algorithm>

namespace strata::storage {

namespace {

std::string FileName(uint64_t number) {
  std::string s = std::to_string(number);
  if (s.size() < 6) s.insert(0, 6 - s.size(), '0');
  return s;
}

// L0 order: newest first.
bool NewestFirst(const std::shared_ptr<FileMetaData>& a, const std::shared_ptr<FileMetaData>& b) {
  if (a->largest_seqno != b->largest_seqno) return a->largest_seqno > b->largest_seqno;
  if (a->smallest_seqno != b->smallest_seqno) return a->smallest_seqno > b->smallest_seqno;
  return a->number > b->number;
}

bool BySmallestKey(const std::shared_ptr<FileMetaData>& a, const std::shared_ptr<FileMetaData>& b) {
  int r = CompareInternalKeys(a->smallest, b->smallest);
  if (r != 0) return r < 0;
  return a->number < b->number;
}

}  // namespace

VersionBuilder::VersionBuilder(uint32_t tree_id, const Version* base) : tree_id_(tree_id) {
  if (base == nullptr) return;
  for (int level = 0; level < kNumLevels; ++level) {
    for (const auto& f : base->files(level)) {
      levels_[level].emplace(f->number, f);
      level_of_[f->number] = level;
    }
  }
}

Status VersionBuilder::Apply(const VersionEdit& edit) {
  for (const auto& d : edit.deleted_files()) {
    if (d.tree_id == tree_id_) STRATA_RETURN_IF_ERROR(DeleteFile(d.level, d.number));
  }
  for (const auto& f : edit.new_files()) {
    if (f.tree_id == tree_id_) STRATA_RETURN_IF_ERROR(AddFile(f.level, f.meta));
  }
  return Status::OK();
}

Status VersionBuilder::DeleteFile(int level, uint64_t number) {
  if (level < 0 || level >= kNumLevels) {
    return Status::Corruption("tree " + std::to_string(tree_id_) + ": delete of file " + FileName(number) +
                              " at invalid level " + std::to_string(level));
  }
  auto it = levels_[level].find(number);
  if (it == levels_[level].end()) {
    return Status::Corruption("tree " + std::to_string(tree_id_) + ": delete of file " + FileName(number) +
                              " which is not in L" + std::to_string(level));
  }
  levels_[level].erase(it);
  level_of_.erase(number);
  return Status::OK();
}

Status VersionBuilder::AddFile(int level, const FileMetaData& meta) {
  const std::string what = "tree " + std::to_string(tree_id_) + ": add of file " + FileName(meta.number);
  if (level < 0 || level >= kNumLevels) {
    return Status::Corruption(what + " at invalid level " + std::to_string(level));
  }
  ParsedInternalKey s, l;
  if (!ParseInternalKey(meta.smallest, &s) || !ParseInternalKey(meta.largest, &l)) {
    return Status::Corruption(what + " with malformed boundary keys");
  }
  if (CompareInternalKeys(meta.smallest, meta.largest) > 0) {
    return Status::Corruption(what + " whose smallest key is after its largest key");
  }
  auto existing = level_of_.find(meta.number);
  if (existing != level_of_.end()) {
    return Status::Corruption(what + " which is already in L" + std::to_string(existing->second));
  }
  auto file = std::make_shared<FileMetaData>(meta);
  file->being_compacted = false;
  levels_[level].emplace(meta.number, std::move(file));
  level_of_[meta.number] = level;
  return Status::OK();
}

Result<std::shared_ptr<const Version>> VersionBuilder::Finish(uint64_t version_number,
                                                             std::shared_ptr<LiveFileTracker> tracker) const {
  Version::LevelFiles files;
  for (int level = 0; level < kNumLevels; ++level) {
    Version::FileList& list = files[level];
    list.reserve(levels_[level].size());
    for (const auto& [number, f] : levels_[level]) list.push_back(f);
    if (level == 0) {
      std::sort(list.begin(), list.end(), NewestFirst);
      continue;
    }
    std::sort(list.begin(), list.end(), BySmallestKey);
    for (size_t i = 1; i < list.size(); ++i) {
      if (CompareInternalKeys(list[i - 1]->largest, list[i]->smallest) >= 0) {
        return Status::Corruption("tree " + std::to_string(tree_id_) + ": files " + list[i - 1]->DebugString() +
                                  " and " + list[i]->DebugString() + " overlap in L" + std::to_string(level));
      }
    }
  }
  return std::shared_ptr<const Version>(
      std::make_shared<Version>(tree_id_, std::move(files), version_number, std::move(tracker)));
}

uint64_t VersionBuilder::MaxFileNumber() const {
  uint64_t max = 0;
  for (const auto& level : levels_) {
    if (!level.empty()) max = std::max(max, level.rbegin()->first);
  }
  return max;
}

}  // namespace strata::storage
