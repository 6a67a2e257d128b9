// TableRangeTombstone and RangeTombstoneList: the range deletions of one SSTable,
// fragmented for fast "is this key covered at this snapshot?" queries.
//
// A tombstone [start, end)@seq deletes every version of every user key
// in the half-open range with sequence < seq, as seen by snapshots >= seq.
// The list splits overlapping tombstones at every start/end boundary into
// disjoint fragments, each with the descending list of sequence numbers that
// cover it, so a query is two binary searches and allocation-free.
//
// (compaction/fragmented_range_tombstones.h has its own RangeTombstone for
// compaction; TableRangeTombstone has the same fields and converts trivially.)
//
// Thread safety: immutable after construction; safe to query concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/slice.h"
#include "storage/dbformat.h"

namespace strata::storage {

struct TableRangeTombstone {
  std::string start;  // user key, inclusive
  std::string end;    // user key, exclusive
  SequenceNumber seq = 0;

  friend bool operator==(const TableRangeTombstone&, const TableRangeTombstone&) = default;
};

class RangeTombstoneList {
 public:
  RangeTombstoneList() = default;
  // Empty tombstones (start >= end) are kept in tombstones() but cover nothing.
  explicit RangeTombstoneList(std::vector<TableRangeTombstone> tombstones);

  bool empty() const { return tombstones_.empty(); }
  // The tombstones as given (the reader supplies them in range-del block
  // order: start key ascending, then seq descending).
  const std::vector<TableRangeTombstone>& tombstones() const { return tombstones_; }

  // The highest sequence <= snapshot among tombstones covering user_key.
  std::optional<SequenceNumber> MaxCoveringSeq(Slice user_key, SequenceNumber snapshot) const;

 private:
  std::vector<TableRangeTombstone> tombstones_;
  std::vector<std::string> boundaries_;  // sorted, unique start/end keys
  // For interval [boundaries_[i], boundaries_[i+1]): the slice
  // [seq_begin_[i], seq_begin_[i+1]) of seqs_, descending; empty if uncovered.
  std::vector<uint32_t> seq_begin_;
  std::vector<SequenceNumber> seqs_;
};

}  // namespace strata::storage
