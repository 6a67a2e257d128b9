// TableReader: an open SSTable (format in table_builder.h): point lookups,
// iterators, properties and range tombstones.
//
// Open() reads the footer and metaindex (usually in one read of the file's
// tail), then the index, filter, properties and range-deletion blocks in one
// MultiRead; those stay in memory for the reader's lifetime. Data blocks are
// read on demand through the BlockCache (when one is given), keyed by
// (file_number, block offset). Every block read from the file is
// checksum-verified: damage yields Status::Corruption naming the file
// ("000012.sst") and block offset, never wrong data.
//
// Lifetime: iterators and Get() results reference the reader's in-memory
// blocks. If the reader is owned by a std::shared_ptr (TableCache does this),
// each iterator holds a reference and the reader lives until the last
// iterator is gone; otherwise the caller must keep the reader alive.
// Get() results pin their data block themselves.
//
// Thread safety: all const methods may be called concurrently.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/slice.h"
#include "storage/dbformat.h"
#include "storage/io/file_system.h"
#include "storage/iterator.h"
#include "storage/sstable/block.h"
#include "storage/sstable/block_handle.h"
#include "storage/sstable/bloom_filter.h"
#include "storage/sstable/index_search.h"
#include "storage/sstable/range_tombstone_list.h"
#include "storage/sstable/table_options.h"
#include "storage/sstable/table_properties.h"

namespace strata::storage {

class BlockCache;

// The answer of TableReader::Get for one user key at one snapshot.
struct TableGetResult {
  enum class Kind : uint8_t {
    kNotFound,  // no visible entry and no covering range tombstone here
    kValue,     // newest visible entry is a value
    kDeleted,   // newest visible entry is a point or range deletion
  };
  Kind kind = Kind::kNotFound;
  // Sequence of the deciding entry (the point entry, or the range tombstone
  // when by_range_deletion). Callers merging several files keep the highest.
  SequenceNumber sequence = 0;
  bool by_range_deletion = false;
  // kValue only. LIFETIME: valid while `pinned` is held.
  Slice value;
  std::shared_ptr<const Block> pinned;
};

// Counters since Open(); relaxed, for metrics and tests.
struct TableReaderStats {
  uint64_t filter_checks = 0;
  uint64_t filter_useful = 0;           // filter said no: data block read avoided
  uint64_t filter_false_positives = 0;  // filter said maybe, key absent
  uint64_t block_cache_hits = 0;
  uint64_t block_cache_misses = 0;
  uint64_t data_blocks_read = 0;  // data blocks read from the file
  uint64_t data_bytes_read = 0;
  uint64_t readahead_blocks = 0;  // of data_blocks_read, fetched by readahead
};

class TableReader : public std::enable_shared_from_this<TableReader> {
 private:
  struct PrivateTag {};

 public:
  // Opens the table in `file` (file_size bytes). `block_cache` may be null
  // (no caching) and must outlive the reader.
  static Result<std::unique_ptr<TableReader>> Open(const TableReaderOptions& options,
                                                   std::unique_ptr<RandomAccessFile> file,
                                                   uint64_t file_size, uint64_t file_number,
                                                   BlockCache* block_cache);

  TableReader(PrivateTag, const TableReaderOptions& options, std::unique_ptr<RandomAccessFile> file,
              uint64_t file_size, uint64_t file_number, BlockCache* block_cache);
  TableReader(const TableReader&) = delete;
  TableReader& operator=(const TableReader&) = delete;
  ~TableReader();

  // The newest entry for user_key with sequence <= snapshot, combined with
  // this file's range tombstones. Consults the Bloom filter before touching
  // a data block.
  Result<TableGetResult> Get(const TableReadOptions& options, Slice user_key,
                             SequenceNumber snapshot) const;

  // Iterator over the point entries (internal keys), honouring the bounds in
  // options. Errors surface through the iterator's status().
  std::unique_ptr<Iterator> NewIterator(const TableReadOptions& options) const;

  // Iterator over the range-deletion block: key = internal key
  // (start, seq, kRangeDeletion), value = exclusive end user key.
  std::unique_ptr<Iterator> NewRangeTombstoneIterator() const;
  // The same tombstones, parsed and fragmented.
  const RangeTombstoneList& range_tombstones() const { return range_tombstones_; }

  const TableProperties& properties() const { return properties_; }
  // False only if the Bloom filter rules user_key out.
  bool KeyMayMatch(Slice user_key) const { return filter_.MayContain(user_key); }
  bool has_filter() const { return filter_.present(); }
  // File offset where internal_key's data would be (for splitting ranges).
  uint64_t ApproximateOffsetOf(Slice internal_key) const;

  uint64_t file_number() const { return file_number_; }
  uint64_t file_size() const { return file_size_; }
  const std::string& file_label() const { return file_label_; }
  TableReaderStats GetStats() const;

 private:
  friend class TableIterator;

  Status LoadMetaBlocks(Slice tail, uint64_t tail_offset);
  // The data block at handle: block cache, else the file (verified).
  Result<std::shared_ptr<const Block>> GetDataBlock(const BlockHandle& handle,
                                                    bool fill_cache) const;
  // Readahead: fetches handles with one MultiRead (skipping cached blocks);
  // out[i] is null when handles[i] could not be read (the caller falls back
  // to GetDataBlock, which reports the error).
  void FetchDataBlocks(std::span<const BlockHandle> handles, bool fill_cache,
                       std::vector<std::shared_ptr<const Block>>* out) const;
  Result<std::shared_ptr<const Block>> ParseBlock(BlockContents contents,
                                                  const BlockHandle& handle) const;
  // Corruption naming this file and the block, with the inner message.
  Status BlockError(const BlockHandle& handle, const Status& inner) const;

  const TableReaderOptions options_;
  const std::unique_ptr<RandomAccessFile> file_;
  const uint64_t file_size_;
  const uint64_t file_number_;
  const std::string file_label_;
  BlockCache* const block_cache_;

  std::shared_ptr<const Block> index_block_;
  IndexSearch index_search_;  // over *index_block_; disabled for older index layouts
  std::shared_ptr<const Block> range_del_block_;  // null when the table has none
  BlockContents filter_contents_;
  BloomFilterReader filter_;
  TableProperties properties_;
  RangeTombstoneList range_tombstones_;
  uint64_t data_end_ = 0;  // offset of the first byte after the data blocks

  struct AtomicStats {
    std::atomic<uint64_t> filter_checks{0};
    std::atomic<uint64_t> filter_useful{0};
    std::atomic<uint64_t> filter_false_positives{0};
    std::atomic<uint64_t> block_cache_hits{0};
    std::atomic<uint64_t> block_cache_misses{0};
    std::atomic<uint64_t> data_blocks_read{0};
    std::atomic<uint64_t> data_bytes_read{0};
    std::atomic<uint64_t> readahead_blocks{0};
  };
  mutable AtomicStats stats_;
};

}  // namespace strata::storage
