// NewTableMeta: the FileMetaData the version set records for an SSTable that
// a flush, a compaction or an ingestion has just written and committed.
// The one place that maps a table's properties block to manifest fields, so
// the three writers cannot disagree on what num_entries/num_deletions count.
#pragma once

#include <cstdint>

#include "storage/sstable/table_properties.h"
#include "storage/version/file_meta_data.h"

namespace strata::storage {

// num_entries and num_deletions count range tombstones too (FileMetaData's
// definitions); the key range and sequence range come from the properties.
inline FileMetaData NewTableMeta(uint64_t number, uint64_t file_size,
                                 const TableProperties& props) {
  FileMetaData meta;
  meta.number = number;
  meta.file_size = file_size;
  meta.smallest = props.smallest_key;
  meta.largest = props.largest_key;
  meta.smallest_seqno = props.smallest_seq;
  meta.largest_seqno = props.largest_seq;
  meta.num_entries = props.num_entries + props.num_range_deletions;
  meta.num_deletions = props.num_deletions + props.num_range_deletions;
  return meta;
}

}  // namespace strata::storage
