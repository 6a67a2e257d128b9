// TableBuilder: writes one SSTable from internal keys added in order.
//
// SSTable file format (version 1, written to disk; full description with
// examples in storage/docs/sstable_format.md):
//
//   file := data_block* | filter_block? | range_del_block? | index_block
//           | properties_block | metaindex_block | footer
//
//   Every block is stored as  contents | type: uint8 | checksum: fixed64_le
//   (block_trailer.h): type 0 = raw, 1 = LZ4 (varint32 raw size | lz4 bytes),
//   checksum = XXH64(contents | type). Block contents use the prefix-compressed
//   layout with restart points described in block_builder.h.
//
//   data block       internal key -> value, internal-key order, cut when the
//                    uncompressed size reaches TableOptions::block_size;
//                    LZ4-compressed unless that saves less than 1/8.
//   index block      one entry per data block: separator internal key ->
//                    BlockHandle (varint64 offset | varint64 size). The
//                    separator is >= every key of its block and < every key of
//                    the next (internal_key_separator.h). Stored raw.
//   filter block     cache-local Bloom filter over the distinct user keys of
//                    the point entries (bloom_filter.h). Stored raw.
//   range_del block  (start user key, seq, kRangeDeletion) internal key ->
//                    exclusive end user key, internal-key order. Stored raw.
//   properties block "strata.*" name -> value (table_properties.h). Raw.
//   metaindex block  bytewise: "strata.filter.bloom", "strata.properties",
//                    "strata.range_del" -> BlockHandle. Raw.
//   footer           64 bytes: metaindex and index handles, format version,
//                    checksum, magic (footer.h).
//
// Durability is the caller's job: TableBuilder only appends to the file and
// flushes it in Finish(). To publish a table, write it under a temporary
// name, Sync() and Close() it, rename it into place and sync the directory —
// TableFileWriter (table_file_writer.h) does exactly that.
//
// Thread safety: none; one thread drives a builder. Errors from the file are
// sticky: once an Append fails, every later call returns that status.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/slice.h"
#include "common/status.h"
#include "storage/dbformat.h"
#include "storage/io/file_system.h"
#include "storage/sstable/block_builder.h"
#include "storage/sstable/block_handle.h"
#include "storage/sstable/bloom_filter.h"
#include "storage/sstable/range_tombstone_list.h"
#include "storage/sstable/table_options.h"
#include "storage/sstable/table_properties.h"

namespace strata::storage {

class TableBuilder {
 public:
  // `file` is not owned and must outlive the builder; it should be empty.
  TableBuilder(const TableOptions& options, WritableFile* file);
  TableBuilder(const TableBuilder&) = delete;
  TableBuilder& operator=(const TableBuilder&) = delete;
  ~TableBuilder();

  // Adds a point entry (kValue or kDeletion). InvalidArgument if the key is
  // malformed, a range deletion, or not strictly greater than the previous
  // key in internal-key order.
  [[nodiscard]] Status Add(Slice internal_key, Slice value);

  // Adds the range tombstone [start_user_key, end_user_key)@seq; any order,
  // any time before Finish(). Empty ranges are dropped; start > end is
  // InvalidArgument.
  [[nodiscard]] Status AddRangeDeletion(Slice start_user_key, Slice end_user_key,
                                        SequenceNumber seq);

  // Writes the remaining blocks and the footer and flushes the file (no
  // sync). Returns the table's properties; file_size() is then final.
  Result<TableProperties> Finish();

  // Gives up on the table; nothing more is written. The caller deletes the file.
  void Abandon();

  uint64_t num_entries() const { return props_.num_entries; }
  uint64_t num_range_deletions() const { return range_dels_.size(); }
  // Bytes written to the file so far (the final size after Finish()).
  uint64_t file_size() const { return offset_; }
  // file_size() plus the pending data block: where to cut compaction outputs.
  uint64_t EstimatedFileSize() const { return offset_ + data_block_.CurrentSizeEstimate(); }
  Status status() const { return status_; }

 private:
  void FlushDataBlock();
  // Writes contents + trailer, compressing when asked and worthwhile.
  void WriteBlock(Slice contents, CompressionType compression, BlockHandle* handle,
                  CompressionType* stored = nullptr);
  void Append(Slice data);

  const TableOptions options_;
  WritableFile* const file_;
  Status status_;
  uint64_t offset_ = 0;
  bool closed_ = false;  // Finish() or Abandon() called

  BlockBuilder data_block_;
  BlockBuilder index_block_;
  BloomFilterBuilder filter_builder_;
  std::vector<TableRangeTombstone> range_dels_;
  TableProperties props_;

  std::string last_key_;              // last internal key added
  bool pending_index_entry_ = false;  // a flushed block awaits its separator
  BlockHandle pending_handle_;
  std::string compressed_;  // scratch for LZ4 output
  std::string scratch_;     // scratch for separators and handles
};

}  // namespace strata::storage
