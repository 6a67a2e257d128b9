// LevelIterator: lazy concatenation of one level's tables (see level_iterator.h).
#include "storage/db/level_iterator.h"

namespace strata::storage {

LevelIterator::LevelIterator(TableCache* table_cache, const Version* version, int level,
                             const TableReadOptions& options)
    : table_cache_(table_cache),
      files_(version->files(level)),
      version_(version),
      level_(level),
      options_(options) {}

bool LevelIterator::BeyondUpperBound(size_t index) const {
  return options_.upper_bound &&
         Compare(files_[index]->smallest_user_key(), *options_.upper_bound) >= 0;
}

bool LevelIterator::BelowLowerBound(size_t index) const {
  return options_.lower_bound &&
         Compare(files_[index]->largest_user_key(), *options_.lower_bound) < 0;
}

bool LevelIterator::OpenFile(size_t index, bool forward) {
  file_iter_.reset();
  if (index >= files_.size()) return false;
  if (forward ? BeyondUpperBound(index) : BelowLowerBound(index)) return false;
  index_ = index;
  const FileMetaData& f = *files_[index];
  auto it = table_cache_->NewIterator(options_, f.number, f.file_size);
  if (!it.ok()) {
    status_ = it.status();
    return false;
  }
  file_iter_ = std::move(*it);
  return true;
}

void LevelIterator::SeekToFirst() {
  status_ = Status::OK();
  size_t index = 0;
  if (options_.lower_bound) {
    index = version_->FindFile(
        level_, MakeInternalKey(*options_.lower_bound, kMaxSequenceNumber, kValueTypeForSeek));
  }
  if (OpenFile(index, /*forward=*/true)) file_iter_->SeekToFirst();
  SkipEmptyFilesForward();
}

void LevelIterator::SeekToLast() {
  status_ = Status::OK();
  if (options_.upper_bound) {
    // Everything below the bound: the last entry <= (bound, max, seek type).
    SeekForPrev(MakeInternalKey(*options_.upper_bound, kMaxSequenceNumber, kValueTypeForSeek));
    return;
  }
  if (OpenFile(files_.size() - 1, /*forward=*/false)) file_iter_->SeekToLast();
  SkipEmptyFilesBackward();
}

void LevelIterator::Seek(Slice target) {
  status_ = Status::OK();
  std::string clamped;
  if (options_.lower_bound && Compare(ExtractUserKey(target), *options_.lower_bound) < 0) {
    clamped = MakeInternalKey(*options_.lower_bound, kMaxSequenceNumber, kValueTypeForSeek);
    target = clamped;
  }
  if (OpenFile(version_->FindFile(level_, target), /*forward=*/true)) file_iter_->Seek(target);
  SkipEmptyFilesForward();
}

void LevelIterator::SeekForPrev(Slice target) {
  status_ = Status::OK();
  std::string clamped;
  if (options_.upper_bound && Compare(ExtractUserKey(target), *options_.upper_bound) >= 0) {
    clamped = MakeInternalKey(*options_.upper_bound, kMaxSequenceNumber, kValueTypeForSeek);
    target = clamped;
  }
  size_t index = version_->FindFile(level_, target);  // first file with largest >= target
  if (index >= files_.size() || CompareInternalKeys(files_[index]->smallest, target) > 0) {
    // target lies after the last file or in the gap before files_[index].
    if (index == 0) {
      file_iter_.reset();
      return;
    }
    --index;
  }
  if (OpenFile(index, /*forward=*/false)) file_iter_->SeekForPrev(target);
  SkipEmptyFilesBackward();
}

void LevelIterator::Next() {
  file_iter_->Next();
  SkipEmptyFilesForward();
}

void LevelIterator::Prev() {
  file_iter_->Prev();
  SkipEmptyFilesBackward();
}

void LevelIterator::SkipEmptyFilesForward() {
  while (file_iter_ != nullptr && !file_iter_->Valid()) {
    if (!file_iter_->status().ok()) return;  // surfaced through status()
    if (!OpenFile(index_ + 1, /*forward=*/true)) return;
    file_iter_->SeekToFirst();
  }
}

void LevelIterator::SkipEmptyFilesBackward() {
  while (file_iter_ != nullptr && !file_iter_->Valid()) {
    if (!file_iter_->status().ok()) return;
    if (index_ == 0 || !OpenFile(index_ - 1, /*forward=*/false)) {
      file_iter_.reset();
      return;
    }
    file_iter_->SeekToLast();
  }
}

Status LevelIterator::status() const {
  if (!status_.ok()) return status_;
  if (file_iter_ != nullptr) return file_iter_->status();
  return Status::OK();
}

}  // namespace strata::storage
