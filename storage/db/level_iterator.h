// LevelIterator: one iterator over a whole sorted level (L1..L6) of a
// Version, opening each SSTable only when the cursor reaches it.
//
// The files of a level are sorted and non-overlapping, so the level reads as
// one sorted run of internal keys: a Seek binary-searches the file list
// (Version::FindFile) and opens one table; running off the end of a table
// opens the next one. Files entirely outside the user-key bounds in
// TableReadOptions are never opened.
//
// Errors: a table that cannot be opened makes the iterator invalid with that
// status (the merging iterator above then stops, it never skips data).
// LIFETIME: `version` must outlive the iterator (the DB iterator pins it
// through its SuperVersion); the bound bytes in `options` likewise.
// Thread safety: one thread at a time, like every Iterator.
#pragma once

#include <memory>
#include <optional>

#include "storage/cache/table_cache.h"
#include "storage/iterator.h"
#include "storage/sstable/table_options.h"
#include "storage/version/version.h"

namespace strata::storage {

class LevelIterator final : public Iterator {
 public:
  // REQUIRES: 1 <= level < kNumLevels.
  LevelIterator(TableCache* table_cache, const Version* version, int level,
                const TableReadOptions& options);

  bool Valid() const override { return file_iter_ != nullptr && file_iter_->Valid(); }
  void SeekToFirst() override;
  void SeekToLast() override;
  void Seek(Slice target) override;
  void SeekForPrev(Slice target) override;
  void Next() override;
  void Prev() override;
  Slice key() const override { return file_iter_->key(); }
  Slice value() const override { return file_iter_->value(); }
  Status status() const override;

 private:
  // Opens files_[index], or clears the cursor when index is out of range or
  // the file lies beyond the bound in the direction of travel (all files
  // after it do too). Returns false when nothing was opened.
  bool OpenFile(size_t index, bool forward);
  void SkipEmptyFilesForward();
  void SkipEmptyFilesBackward();
  bool BeyondUpperBound(size_t index) const;
  bool BelowLowerBound(size_t index) const;

  TableCache* const table_cache_;
  const Version::FileList& files_;
  const Version* const version_;
  const int level_;
  const TableReadOptions options_;
  size_t index_ = 0;  // files_ index of file_iter_
  std::unique_ptr<Iterator> file_iter_;
  Status status_;  // an open failure
};

}  // namespace strata::storage
