// DBIter: the user-facing iterator of one tree (Engine::NewIterator). It
// turns the merged stream of internal keys from the tree's memtables and
// SSTables into user keys and values as of one snapshot.
//
// Visibility at snapshot S, per user key: the newest entry with sequence <= S
// decides. If it is a point deletion, or a value covered by a range tombstone
// whose sequence lies in (value's sequence, S], the key is skipped; otherwise
// the value is returned. Keys outside [lower_bound, upper_bound) are never
// returned.
//
// Positioning follows LevelDB's DBIter: moving forward, the internal iterator
// sits on the entry being returned; moving backward it sits just before all
// entries of the current key, whose value is then kept in saved_key_ /
// saved_value_. Switching direction re-positions the internal iterator.
//
// Pinning: the iterator holds the tree's SuperVersion (memtables + Version),
// so the files and memtables it reads stay alive whatever flush, compaction
// or DropTree do meanwhile.
// Errors: a failed or corrupt source makes Valid() false and status() says why.
// Thread safety: one thread at a time, like every Iterator.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "storage/cache/table_cache.h"
#include "storage/compaction/fragmented_range_tombstones.h"
#include "storage/db/super_version.h"
#include "storage/engine.h"
#include "storage/iterator.h"

namespace strata::storage {

class DBIter final : public Iterator {
 public:
  DBIter(std::shared_ptr<const SuperVersion> super_version, TableCache* table_cache,
         SequenceNumber snapshot, const ReadOptions& options);
  ~DBIter() override;

  bool Valid() const override { return valid_; }
  void SeekToFirst() override;
  void SeekToLast() override;
  void Seek(Slice target) override;
  void SeekForPrev(Slice target) override;
  void Next() override;
  void Prev() override;
  Slice key() const override;
  Slice value() const override;
  Status status() const override;

 private:
  enum class Direction { kForward, kReverse };

  // Builds iter_ (memtables, L0 tables, one LevelIterator per deeper level)
  // and collects the range tombstones.
  void Init(TableCache* table_cache, bool fill_cache);
  // Forward: advances iter_ to the next visible entry; with `skipping`, user
  // keys <= saved_key_ are hidden.
  void FindNextUserEntry(bool skipping);
  // Backward: moves iter_ to just before the newest visible entry of the
  // previous user key, which it saves.
  void FindPrevUserEntry();
  // Seeks iter_ to the last entry below the upper bound (or the very last).
  void SeekInternalToLast();
  bool Covered(Slice user_key, SequenceNumber seq) const;
  bool Parse(ParsedInternalKey* out);
  void Invalidate();

  const std::shared_ptr<const SuperVersion> sv_;
  const SequenceNumber sequence_;
  // Declared before iter_: the table iterators point into these bytes.
  const std::optional<std::string> lower_bound_;
  const std::optional<std::string> upper_bound_;
  std::shared_ptr<const FragmentedRangeTombstones> sst_tombstones_;  // may be null
  std::unique_ptr<FragmentedRangeTombstones> mem_tombstones_;        // may be null
  std::unique_ptr<Iterator> iter_;

  Status status_;
  Direction direction_ = Direction::kForward;
  bool valid_ = false;
  std::string saved_key_;    // forward: key to skip; reverse: the current key
  std::string saved_value_;  // reverse: the current value
  std::string seek_key_;     // scratch for internal seek targets
};

}  // namespace strata::storage
