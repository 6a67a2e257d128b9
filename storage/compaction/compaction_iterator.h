// CompactionIterator: the per-key decisions of a compaction. It reads the
// merged input (internal keys in internal-key order: user key ascending,
// sequence descending) and yields only the entries the output must keep.
//
// Snapshot stripes: live snapshots s1 < s2 < ... < sk split sequence numbers
// into stripes (0, s1], (s1, s2], ..., (sk, max]. A reader at snapshot s sees,
// per user key, the newest version with sequence <= s, so within one stripe
// only the newest version of a key can ever be read. The rules, per user key,
// newest version first:
//  1. Shadowed: a version in the same stripe as a newer version of the same
//     key is dropped. (So the output keeps the newest version plus the newest
//     version visible to each live snapshot.)
//  2. Range-deleted: a version covered by a range tombstone with a higher
//     sequence in the same stripe is dropped (a snapshot that could see the
//     version cannot see the tombstone only if one lies in between).
//  3. Obsolete tombstone: a point deletion in the oldest stripe (visible to
//     every snapshot) is dropped when no level below the output can hold the
//     key (`key_not_in_lower_levels`): nothing is left for it to hide.
//  4. Filter: a value above every snapshot (so invisible to all of them) is
//     offered to the CompactionFilter (engine.h). Removing it writes a
//     deletion with the same sequence instead of just dropping it, so an
//     older version kept for a snapshot does not resurface for newer readers;
//     rule 3 then applies to that deletion. Values visible to a snapshot are
//     never offered, so a filter cannot change what a snapshot reads. The
//     filter may be called from several compactions at once.
// Range deletion entries found in the input stream (type kRangeDeletion) are
// passed through untouched, except that with `bottommost_level` set one in the
// oldest stripe is dropped. They do not take part in rules 1-3; the caller
// supplies the coverage set separately (`range_tombstones`).
//
// Errors: an unparsable key or keys out of order make the iterator invalid
// with Corruption; an input error is passed on through status().
// LIFETIME: key()/value() are valid until Next().
// Thread safety: not thread-safe; one compaction thread uses it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/slice.h"
#include "common/status.h"
#include "storage/compaction/fragmented_range_tombstones.h"
#include "storage/dbformat.h"
#include "storage/tree_options.h"  // CompactionFilter
#include "storage/iterator.h"

namespace strata::storage {

struct CompactionIteratorOptions {
  uint32_t tree_id = 0;
  // Sequence numbers of live snapshots; need not be sorted or unique.
  std::vector<SequenceNumber> snapshots;
  // Range deletions that apply to the input (may be null).
  const FragmentedRangeTombstones* range_tombstones = nullptr;
  // Returns true when no level below the compaction's output level can hold
  // user_key (Compaction::KeyNotExistsBeyondOutputLevel). Null: never.
  std::function<bool(Slice user_key)> key_not_in_lower_levels;
  // No level below the output overlaps the compaction's key range at all.
  bool bottommost_level = false;
  const CompactionFilter* filter = nullptr;  // may be null; not owned
};

struct CompactionIteratorStats {
  uint64_t input_entries = 0;
  uint64_t output_entries = 0;
  uint64_t dropped_shadowed = 0;       // rule 1
  uint64_t dropped_range_deleted = 0;  // rule 2
  uint64_t dropped_tombstones = 0;     // rule 3 (point) and bottommost range deletions
  uint64_t filtered = 0;               // rule 4: values the filter removed
};

class CompactionIterator {
 public:
  // input: not owned; must outlive this iterator.
  CompactionIterator(Iterator* input, CompactionIteratorOptions options);

  void SeekToFirst();
  bool Valid() const { return valid_; }
  // REQUIRES: Valid().
  void Next();
  Slice key() const { return key_; }
  Slice value() const { return value_; }
  Status status() const { return status_; }
  const CompactionIteratorStats& stats() const { return stats_; }

 private:
  // Sentinel stripe for versions above every snapshot.
  static constexpr SequenceNumber kNoSnapshotStripe = UINT64_MAX;

  // Upper end of seq's stripe: the smallest snapshot >= seq, or kNoSnapshotStripe.
  SequenceNumber StripeOf(SequenceNumber seq) const;
  bool InOldestStripe(SequenceNumber stripe) const;
  // Advances input until it sits on an entry to emit (or the end).
  void FindNextOutput();

  Iterator* const input_;
  CompactionIteratorOptions options_;

  bool valid_ = false;
  Status status_;
  Slice key_;
  Slice value_;
  std::string rewritten_key_;  // backing store for key_ when the type changed

  // State for the user key being processed.
  bool has_current_user_key_ = false;
  std::string current_user_key_;
  SequenceNumber last_stripe_ = 0;       // stripe of the previous version seen
  bool has_last_stripe_ = false;
  SequenceNumber last_sequence_ = 0;     // sequence of the previous point version

  CompactionIteratorStats stats_;
};

}  // namespace strata::storage
