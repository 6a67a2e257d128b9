// CompactionPicker shared helpers and the picker factory (see compaction_picker.h).
#include "storage/compaction/compaction_picker.h"

#include <algorithm>
#include <cassert>

#include "storage/compaction/leveled_compaction_picker.h"
#include "storage/compaction/universal_compaction_picker.h"

namespace strata::storage {

void CompactionPicker::ReleaseCompaction(Compaction* c) {
  auto it = std::find(running_.begin(), running_.end(), c);
  assert(it != running_.end());
  if (it == running_.end()) return;
  c->MarkFilesBeingCompacted(false);
  running_.erase(it);
}

std::unique_ptr<Compaction> CompactionPicker::Register(std::unique_ptr<Compaction> c) {
  c->MarkFilesBeingCompacted(true);
  running_.push_back(c.get());
  return c;
}

bool CompactionPicker::ExpandToCleanCut(const Version& version, int level, Version::FileList* files) {
  if (files->empty()) return true;
  if (level > 0) {
    const Version::FileList& all = version.files(level);
    auto first = std::find(all.begin(), all.end(), files->front());
    auto last = std::find(all.begin(), all.end(), files->back());
    assert(first != all.end() && last != all.end());
    size_t lo = static_cast<size_t>(first - all.begin());
    size_t hi = static_cast<size_t>(last - all.begin());
    while (lo > 0 && Compare(all[lo - 1]->largest_user_key(), all[lo]->smallest_user_key()) == 0) --lo;
    while (hi + 1 < all.size() && Compare(all[hi]->largest_user_key(), all[hi + 1]->smallest_user_key()) == 0) ++hi;
    files->assign(all.begin() + static_cast<std::ptrdiff_t>(lo), all.begin() + static_cast<std::ptrdiff_t>(hi) + 1);
  }
  return !AnyBeingCompacted(*files);
}

void CompactionPicker::KeyRange(const Version::FileList& files, std::string* smallest, std::string* largest) {
  KeyRange(files, {}, smallest, largest);
}

void CompactionPicker::KeyRange(const Version::FileList& a, const Version::FileList& b, std::string* smallest,
                                std::string* largest) {
  bool first = true;
  for (const Version::FileList* list : {&a, &b}) {
    for (const auto& f : *list) {
      if (first || Compare(f->smallest_user_key(), *smallest) < 0) *smallest = std::string(f->smallest_user_key());
      if (first || Compare(f->largest_user_key(), *largest) > 0) *largest = std::string(f->largest_user_key());
      first = false;
    }
  }
}

bool CompactionPicker::AnyBeingCompacted(const Version::FileList& files) {
  return std::any_of(files.begin(), files.end(), [](const auto& f) { return f->being_compacted; });
}

uint64_t CompactionPicker::TotalBytes(const Version::FileList& files) {
  uint64_t sum = 0;
  for (const auto& f : files) sum += f->file_size;
  return sum;
}

bool CompactionPicker::OutputRangeBusy(int output_level, Slice smallest, Slice largest) const {
  for (const Compaction* c : running_) {
    if (c->output_level() != output_level) continue;
    if (Compare(c->largest_user_key(), smallest) >= 0 && Compare(c->smallest_user_key(), largest) <= 0) return true;
  }
  return false;
}

std::unique_ptr<CompactionPicker> NewCompactionPicker(const TreeCompactionOptions& options) {
  if (options.compaction_style == CompactionStyle::kUniversal) {
    return std::make_unique<UniversalCompactionPicker>(options);
  }
  return std::make_unique<LeveledCompactionPicker>(options);
}

}  // namespace strata::storage
