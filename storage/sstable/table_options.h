// Options for writing SSTables (TableOptions), opening them
// (TableReaderOptions) and reading from them (TableReadOptions).
#pragma once

#include <cstddef>
#include <optional>

#include "common/slice.h"
#include "storage/sstable/block_trailer.h"

namespace strata::storage {

struct TableOptions {
  // Target uncompressed size of a data block; a block is cut once it reaches
  // this size (a single large entry makes a larger block).
  size_t block_size = 16 * 1024;
  // Entries between restart points in data and range-deletion blocks.
  int block_restart_interval = 16;
  // Restart interval of the index block; 1 keeps every separator directly
  // binary-searchable.
  int index_block_restart_interval = 1;
  // Compression of data blocks; index and meta blocks are stored raw so they
  // can be read without decompression at open.
  CompressionType compression = CompressionType::kLz4;
  // Bloom filter bits per user key; 0 writes no filter.
  int bloom_bits_per_key = 10;
};

struct TableReaderOptions {
  // Consult the Bloom filter in Get().
  bool use_bloom_filter = true;
  // Bytes read from the end of the file in the first I/O of Open(); covers
  // the footer and usually the metaindex.
  size_t tail_read_size = 4096;
};

struct TableReadOptions {
  // User-key bounds of an iterator: keys in [lower_bound, upper_bound).
  // LIFETIME: the bytes must outlive the iterator. Enforced by the table
  // iterator, which also skips data blocks entirely outside the bounds.
  std::optional<Slice> lower_bound;
  std::optional<Slice> upper_bound;
  // Insert blocks read from disk into the block cache (false for compaction
  // inputs and one-off scans, so they do not evict hot blocks).
  bool fill_cache = true;
  // Forward scans: after `readahead_trigger` consecutive block-to-block steps,
  // fetch the next `readahead_blocks` data blocks in one MultiRead.
  // 0 disables readahead.
  size_t readahead_blocks = 8;
  int readahead_trigger = 2;
};

}  // namespace strata::storage
