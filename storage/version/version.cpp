// Version queries (see version.h).
#include "storage/version/version.h"

#include <algorithm>

namespace strata::storage {

namespace {

// True when file's user-key range lies entirely before `smallest` or after `largest`.
bool FileOutsideRange(const FileMetaData& f, const std::optional<Slice>& smallest,
                      const std::optional<Slice>& largest) {
  if (smallest && Compare(f.largest_user_key(), *smallest) < 0) return true;
  if (largest && Compare(f.smallest_user_key(), *largest) > 0) return true;
  return false;
}

}  // namespace

Version::Version(uint32_t tree_id, LevelFiles files, uint64_t version_number,
                 std::shared_ptr<LiveFileTracker> tracker)
    : tree_id_(tree_id),
      version_number_(version_number),
      files_(std::move(files)),
      tracker_(std::move(tracker)) {
  if (tracker_) {
    for (const FileList& level : files_) {
      for (const auto& f : level) tracker_->Ref(f->number, tree_id_, f->file_size);
    }
  }
}

Version::~Version() {
  if (tracker_) {
    for (const FileList& level : files_) {
      for (const auto& f : level) tracker_->Unref(f->number);
    }
  }
}

uint64_t Version::NumLevelBytes(int level) const {
  uint64_t sum = 0;
  for (const auto& f : files_[level]) sum += f->file_size;
  return sum;
}

uint64_t Version::TotalBytes() const {
  uint64_t sum = 0;
  for (int level = 0; level < kNumLevels; ++level) sum += NumLevelBytes(level);
  return sum;
}

int Version::LastNonEmptyLevel() const {
  for (int level = kNumLevels - 1; level >= 0; --level) {
    if (!files_[level].empty()) return level;
  }
  return -1;
}

size_t Version::FindFile(int level, Slice internal_key) const {
  const FileList& files = files_[level];
  auto it = std::lower_bound(files.begin(), files.end(), internal_key,
                             [](const std::shared_ptr<FileMetaData>& f, Slice key) {
                               return CompareInternalKeys(f->largest, key) < 0;
                             });
  return static_cast<size_t>(it - files.begin());
}

Version::FileList Version::OverlappingFiles(int level, std::optional<Slice> smallest_user_key,
                                            std::optional<Slice> largest_user_key) const {
  FileList out;
  const FileList& files = files_[level];
  if (level == 0) {
    for (const auto& f : files) {
      if (!FileOutsideRange(*f, smallest_user_key, largest_user_key)) out.push_back(f);
    }
    return out;
  }
  size_t i = 0;
  if (smallest_user_key) {
    std::string seek = MakeInternalKey(*smallest_user_key, kMaxSequenceNumber, kValueTypeForSeek);
    i = FindFile(level, seek);
  }
  for (; i < files.size(); ++i) {
    if (largest_user_key && Compare(files[i]->smallest_user_key(), *largest_user_key) > 0) break;
    out.push_back(files[i]);
  }
  return out;
}

bool Version::OverlapInLevel(int level, std::optional<Slice> smallest_user_key,
                             std::optional<Slice> largest_user_key) const {
  const FileList& files = files_[level];
  if (level == 0) {
    return std::any_of(files.begin(), files.end(), [&](const std::shared_ptr<FileMetaData>& f) {
      return !FileOutsideRange(*f, smallest_user_key, largest_user_key);
    });
  }
  size_t i = 0;
  if (smallest_user_key) {
    std::string seek = MakeInternalKey(*smallest_user_key, kMaxSequenceNumber, kValueTypeForSeek);
    i = FindFile(level, seek);
  }
  if (i >= files.size()) return false;
  return !largest_user_key || Compare(files[i]->smallest_user_key(), *largest_user_key) <= 0;
}

void Version::ForEachFileContaining(
    Slice user_key, const std::function<bool(int level, const FileMetaData& file)>& fn) const {
  for (const auto& f : files_[0]) {
    if (Compare(user_key, f->smallest_user_key()) >= 0 && Compare(user_key, f->largest_user_key()) <= 0) {
      if (!fn(0, *f)) return;
    }
  }
  std::string seek = MakeInternalKey(user_key, kMaxSequenceNumber, kValueTypeForSeek);
  for (int level = 1; level < kNumLevels; ++level) {
    const FileList& files = files_[level];
    for (size_t i = FindFile(level, seek); i < files.size(); ++i) {
      const FileMetaData& f = *files[i];
      if (Compare(f.smallest_user_key(), user_key) > 0) break;
      if (!fn(level, f)) return;
      // A user key may continue into the next file only at a shared boundary.
      if (Compare(f.largest_user_key(), user_key) > 0) break;
    }
  }
}

std::string Version::DebugString() const {
  std::string out;
  for (int level = 0; level < kNumLevels; ++level) {
    if (files_[level].empty()) continue;
    out += "L" + std::to_string(level) + ":\n";
    for (const auto& f : files_[level]) out += "  " + f->DebugString() + "\n";
  }
  return out;
}

}  // namespace strata::storage
