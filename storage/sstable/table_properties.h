// TableProperties: statistics and key-range facts recorded in every SSTable.
//
// Stored in the properties meta block: a block (block_builder.h format,
// bytewise order, restart interval 1) whose keys are property names
// "strata.<name>" and whose values are varint64 for counters and raw bytes for
// keys and strings. Readers ignore names they do not know and default missing
// ones to zero/empty, so properties can be added without a format bump.
//
// Key range: smallest_key/largest_key bound everything the file covers,
// including range tombstones. A tombstone [start, end)@seq contributes
// (start, seq, kRangeDeletion) and, as an exclusive upper sentinel,
// (end, kMaxSequenceNumber, kRangeDeletion) — a key that sorts before every
// real entry of `end` and is not itself stored in the file.
// smallest_point_key/largest_point_key cover point entries only.
#pragma once

#include <cstdint>
#include <string>

#include "common/slice.h"
#include "common/status.h"

namespace strata::storage {

class Block;
class BlockBuilder;

struct TableProperties {
  uint64_t format_version = 0;
  // Point entries (values and point deletions); range deletions not included.
  uint64_t num_entries = 0;
  uint64_t num_deletions = 0;        // point tombstones
  uint64_t num_range_deletions = 0;  // range tombstones in the range-del block
  uint64_t num_data_blocks = 0;
  uint64_t num_lz4_data_blocks = 0;  // data blocks stored LZ4-compressed
  uint64_t num_raw_data_blocks = 0;  // data blocks stored uncompressed
  uint64_t raw_key_size = 0;         // sum of internal key sizes of point entries
  uint64_t raw_value_size = 0;
  uint64_t data_uncompressed_size = 0;  // data block contents before compression
  uint64_t data_size = 0;               // data blocks on disk, trailers included
  uint64_t index_size = 0;
  uint64_t filter_size = 0;
  uint64_t range_del_size = 0;
  uint64_t num_index_entries = 0;
  uint64_t smallest_seq = 0;  // over point entries and range tombstones
  uint64_t largest_seq = 0;
  uint64_t bloom_bits_per_key = 0;  // 0: no filter
  uint64_t block_size = 0;          // data block target
  uint64_t block_restart_interval = 0;
  std::string compression;   // "lz4" or "none": what the writer was asked for
  std::string smallest_key;  // internal keys; see the key-range note above
  std::string largest_key;
  std::string smallest_point_key;
  std::string largest_point_key;

  // Adds every property to builder in sorted name order.
  void EncodeTo(BlockBuilder* builder) const;
  // Parses a properties block. Corruption on malformed values.
  [[nodiscard]] static Status DecodeFrom(const Block& block, TableProperties* out);
  // Multi-line "name: value" dump for tools and logs.
  std::string ToString() const;
};

}  // namespace strata::storage
