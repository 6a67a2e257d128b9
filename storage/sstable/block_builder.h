// BlockBuilder: serializes sorted key/value entries into one block.
//
// Block format (written to disk, before compression and the trailer):
//   block   := entry* | restart: fixed32_le * num_restarts | num_restarts: fixed32_le
//   entry   := shared: varint32 | non_shared: varint32 | value_size: varint32
//              | key_delta[non_shared] | value[value_size]
// Each key is stored as the number of bytes it shares with the previous key
// plus the rest. Every `restart_interval` entries the sharing restarts
// (shared = 0) and the entry's offset is recorded in the restart array, so a
// reader can binary-search the restart points and then scan at most
// restart_interval entries. An empty block still has one restart (offset 0).
//
// Thread safety: none; one builder per writer.
// REQUIRES: keys are added in strictly increasing order of the comparator the
// reader will use (the builder itself never compares keys).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/slice.h"

namespace strata::storage {

class BlockBuilder {
 public:
  // REQUIRES: restart_interval >= 1
  explicit BlockBuilder(int restart_interval);
  BlockBuilder(const BlockBuilder&) = delete;
  BlockBuilder& operator=(const BlockBuilder&) = delete;

  // Clears the builder for a new block; keeps allocated capacity.
  void Reset();

  // REQUIRES: !finished(); key > every key added since Reset().
  void Add(Slice key, Slice value);

  // Appends the restart array and returns the block. The Slice stays valid
  // until Reset() or destruction.
  Slice Finish();

  // Bytes the block would have if finished now.
  size_t CurrentSizeEstimate() const {
    return buffer_.size() + restarts_.size() * sizeof(uint32_t) + sizeof(uint32_t);
  }
  bool empty() const { return num_entries_ == 0; }
  bool finished() const { return finished_; }
  uint64_t num_entries() const { return num_entries_; }
  // The last key added. REQUIRES: !empty()
  Slice last_key() const { return last_key_; }

 private:
  const int restart_interval_;
  std::string buffer_;
  std::vector<uint32_t> restarts_;
  std::string last_key_;
  int counter_ = 0;  // entries since the last restart
  uint64_t num_entries_ = 0;
  bool finished_ = false;
};

}  // namespace strata::storage
