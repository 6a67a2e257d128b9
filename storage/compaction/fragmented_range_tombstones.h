// FragmentedRangeTombstones: a set of range deletions cut into
// non-overlapping fragments, for "is this point entry covered?" queries.
//
// A range tombstone (start, end, seq) deletes every point entry with
// start <= user_key < end and sequence < seq, for readers whose snapshot is
// >= seq. Overlapping tombstones are split at every start/end boundary; each
// fragment records the ascending sequence numbers of the tombstones spanning
// it, so a query is two binary searches.
//
// Thread safety: immutable after construction; any thread may query.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "common/slice.h"
#include "storage/dbformat.h"

namespace strata::storage {

struct RangeTombstone {
  std::string start;  // inclusive user key
  std::string end;    // exclusive user key
  SequenceNumber seq = 0;
};

class FragmentedRangeTombstones {
 public:
  FragmentedRangeTombstones() = default;
  // Empty ranges (start >= end) are ignored.
  explicit FragmentedRangeTombstones(const std::vector<RangeTombstone>& tombstones);

  bool empty() const { return fragments_.empty(); }

  // Ascending sequence numbers of the tombstones whose range contains
  // user_key (empty when none). LIFETIME: valid while *this lives.
  std::span<const SequenceNumber> CoveringSeqs(Slice user_key) const;

  // True when a tombstone covering user_key has a sequence number in
  // (seq, upper], i.e. deletes the entry (user_key, seq) for every snapshot
  // at or above `upper`'s stripe. With upper = kMaxSequenceNumber this is
  // "deleted for the newest readers".
  bool Covers(Slice user_key, SequenceNumber seq, SequenceNumber upper) const;

  // Number of fragments (for tests).
  size_t NumFragments() const { return fragments_.size(); }

 private:
  struct Fragment {
    std::string start;
    std::string end;
    std::vector<SequenceNumber> seqs;  // ascending
  };
  std::vector<Fragment> fragments_;  // sorted by start, non-overlapping
};

}  // namespace strata::storage
