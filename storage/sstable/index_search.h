// IndexSearch: point lookups in a table's index block without walking the
// block's entries.
//
// A Get binary-searches the index block (one entry per data block, each a
// restart point), and every probe of BlockIter::Seek loads a restart offset
// and then the entry it points at: two cache misses per probe in a block of
// thousands of entries. IndexSearch keeps, for every entry, the 8 bytes of
// its user key that follow the prefix all entries share, as one contiguous
// big-endian array, so the search runs over that array and compares whole
// keys only among the few entries whose 8 bytes equal the target's.
//
// Invariant that makes this exact: Prefix() is monotonic (a <= b implies
// Prefix(a) <= Prefix(b) for keys inside the shared prefix), so an entry with
// a smaller prefix is < the target and one with a larger prefix is > it.
//
// Built once when a table is opened (TableReader keeps the index block alive);
// immutable afterwards, so any number of threads may search it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "common/slice.h"
#include "storage/sstable/block.h"

namespace strata::storage {

class IndexSearch {
 public:
  // Empty (enabled() false) when the block is not one entry per restart point
  // (an index written with a restart interval above 1) or is malformed; the
  // caller then seeks the block with a BlockIter.
  static IndexSearch Build(const Block& index_block);

  bool enabled() const { return block_ != nullptr; }
  size_t size() const { return prefixes_.size(); }
  // The first entry whose internal key is >= `target` (an internal key), or
  // size() when every entry is smaller.
  size_t Seek(Slice target) const;
  // Entry i's key and value (a block handle). REQUIRES: i < size().
  void Entry(size_t i, Slice* key, Slice* value) const;

 private:
  uint64_t Prefix(Slice user_key) const;

  const Block* block_ = nullptr;  // owned by the TableReader
  std::string shared_;            // user-key bytes every entry starts with
  std::vector<uint64_t> prefixes_;
};

}  // namespace strata::storage
