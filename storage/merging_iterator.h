// MergingIterator: presents the union of several sorted child iterators as one
// sorted iterator (k-way merge with a binary heap), in both directions.
//
// Used to merge memtables and SSTables for reads and the inputs of a
// compaction. Keys are compared with the given comparator (internal-key order
// by default, dbformat.h).
//
// Contract:
//  - REQUIRES: no key appears in two children (true for internal keys, which
//    carry unique sequence numbers). Equal keys would still be returned, in
//    child order, but switching direction could skip one of them.
//  - Direction switches (Next after Prev and vice versa) re-position every
//    child around the current key, as in LevelDB.
//  - If a child fails (becomes invalid with a non-OK status), the merging
//    iterator becomes invalid and status() reports the first such error;
//    a merge never silently skips a failed child's keys.
//  - key()/value() point into the current child: valid until the next move.
//
// Thread safety: not thread-safe (like every Iterator).
#pragma once

#include <memory>
#include <vector>

#include "storage/dbformat.h"
#include "storage/iterator.h"

namespace strata::storage {

// Three-way comparator over keys: <0, 0, >0.
using KeyComparator = int (*)(Slice a, Slice b);

// Takes ownership of the children. An empty list gives an always-invalid
// iterator; a single child is returned as is.
std::unique_ptr<Iterator> NewMergingIterator(std::vector<std::unique_ptr<Iterator>> children,
                                             KeyComparator compare = &CompareInternalKeys);

}  // namespace strata::storage
