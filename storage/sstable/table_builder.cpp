// TableBuilder: data blocks, index, filter, range-del, properties, metaindex
// and footer (file format at the top of table_builder.h).
#include "storage/sstable/table_builder.h"

#include <algorithm>
#include <cassert>

#include "common/coding.h"
#include "storage/sstable/block_compression.h"
#include "storage/sstable/block_trailer.h"
#include "storage/sstable/footer.h"
#include "storage/sstable/internal_key_separator.h"
#include "storage/sstable/table_meta_names.h"

namespace strata::storage {

TableBuilder::TableBuilder(const TableOptions& options, WritableFile* file)
    : options_(options),
      file_(file),
      data_block_(std::max(options.block_restart_interval, 1)),
      index_block_(std::max(options.index_block_restart_interval, 1)),
      filter_builder_(BloomFilterPolicy(options.bloom_bits_per_key)) {
  props_.format_version = kTableFormatVersion;
  props_.bloom_bits_per_key = static_cast<uint64_t>(std::max(options.bloom_bits_per_key, 0));
  props_.block_size = options.block_size;
  props_.block_restart_interval =
      static_cast<uint64_t>(std::max(options.block_restart_interval, 1));
  props_.compression = options.compression == CompressionType::kLz4 ? "lz4" : "none";
}

TableBuilder::~TableBuilder() = default;

Status TableBuilder::Add(Slice internal_key, Slice value) {
  if (!status_.ok()) return status_;
  if (closed_) return Status::InvalidArgument("TableBuilder::Add after Finish/Abandon");
  ParsedInternalKey parsed;
  if (!ParseInternalKey(internal_key, &parsed) || parsed.type == ValueType::kRangeDeletion) {
    return Status::InvalidArgument("TableBuilder::Add needs a value or deletion internal key");
  }
  const bool first = props_.num_entries == 0;
  if (!first && CompareInternalKeys(internal_key, last_key_) <= 0) {
    return Status::InvalidArgument("TableBuilder::Add keys out of order");
  }

  if (pending_index_entry_) {
    assert(data_block_.empty());
    scratch_.assign(last_key_);
    ShortenInternalKeySeparator(&scratch_, internal_key);
    std::string handle;
    pending_handle_.EncodeTo(&handle);
    index_block_.Add(scratch_, handle);
    ++props_.num_index_entries;
    pending_index_entry_ = false;
  }

  if (options_.bloom_bits_per_key > 0 && (first || ExtractUserKey(last_key_) != parsed.user_key)) {
    filter_builder_.AddKey(parsed.user_key);
  }
  if (first) {
    props_.smallest_point_key.assign(internal_key);
    props_.smallest_seq = parsed.sequence;
    props_.largest_seq = parsed.sequence;
  }
  props_.smallest_seq = std::min(props_.smallest_seq, parsed.sequence);
  props_.largest_seq = std::max(props_.largest_seq, parsed.sequence);
  ++props_.num_entries;
  if (parsed.type == ValueType::kDeletion) ++props_.num_deletions;
  props_.raw_key_size += internal_key.size();
  props_.raw_value_size += value.size();

  last_key_.assign(internal_key);
  data_block_.Add(internal_key, value);
  if (data_block_.CurrentSizeEstimate() >= options_.block_size) FlushDataBlock();
  return status_;
}

Status TableBuilder::AddRangeDeletion(Slice start_user_key, Slice end_user_key,
                                      SequenceNumber seq) {
  if (!status_.ok()) return status_;
  if (closed_) return Status::InvalidArgument("TableBuilder::AddRangeDeletion after Finish");
  if (seq > kMaxSequenceNumber) return Status::InvalidArgument("sequence number too large");
  const int c = Compare(start_user_key, end_user_key);
  if (c > 0) return Status::InvalidArgument("range deletion start > end");
  if (c == 0) return Status::OK();
  range_dels_.push_back(
      TableRangeTombstone{std::string(start_user_key), std::string(end_user_key), seq});
  return Status::OK();
}

void TableBuilder::Append(Slice data) {
  if (!status_.ok()) return;
  status_ = file_->Append(data);
  if (status_.ok()) offset_ += data.size();
}

void TableBuilder::WriteBlock(Slice contents, CompressionType compression, BlockHandle* handle,
                              CompressionType* stored) {
  Slice out = contents;
  CompressionType type = CompressionType::kNone;
  if (compression == CompressionType::kLz4 && Lz4CompressBlock(contents, &compressed_) &&
      ShouldKeepCompressed(contents.size(), compressed_.size())) {
    out = compressed_;
    type = CompressionType::kLz4;
  }
  handle->offset = offset_;
  handle->size = out.size();
  char trailer[kBlockTrailerSize];
  trailer[0] = static_cast<char>(type);
  EncodeFixed64(trailer + 1, ComputeBlockChecksum(out, type));
  Append(out);
  Append(Slice(trailer, kBlockTrailerSize));
  if (stored != nullptr) *stored = type;
}

void TableBuilder::FlushDataBlock() {
  if (data_block_.empty() || !status_.ok()) return;
  const Slice raw = data_block_.Finish();
  props_.data_uncompressed_size += raw.size();
  const uint64_t before = offset_;
  CompressionType stored = CompressionType::kNone;
  WriteBlock(raw, options_.compression, &pending_handle_, &stored);
  props_.data_size += offset_ - before;
  ++props_.num_data_blocks;
  if (stored == CompressionType::kLz4) {
    ++props_.num_lz4_data_blocks;
  } else {
    ++props_.num_raw_data_blocks;
  }
  data_block_.Reset();
  pending_index_entry_ = true;
}

Result<TableProperties> TableBuilder::Finish() {
  if (!status_.ok()) return status_;
  if (closed_) return Status::InvalidArgument("TableBuilder::Finish called twice");
  FlushDataBlock();
  closed_ = true;

  if (pending_index_entry_) {
    scratch_.assign(last_key_);
    ShortenInternalKeySuccessor(&scratch_);
    std::string handle;
    pending_handle_.EncodeTo(&handle);
    index_block_.Add(scratch_, handle);
    ++props_.num_index_entries;
    pending_index_entry_ = false;
  }
  props_.largest_point_key = last_key_;

  // Metaindex entries, added in bytewise name order below.
  std::string metaindex_filter, metaindex_range_del;

  // Filter block.
  if (options_.bloom_bits_per_key > 0) {
    std::string filter;
    filter_builder_.Finish(&filter);
    BlockHandle h;
    const uint64_t before = offset_;
    WriteBlock(filter, CompressionType::kNone, &h);
    props_.filter_size = offset_ - before;
    h.EncodeTo(&metaindex_filter);
  }

  // Range-deletion block, in internal-key order: start asc, seq desc.
  props_.smallest_key = props_.smallest_point_key;
  props_.largest_key = props_.largest_point_key;
  if (!range_dels_.empty()) {
    std::sort(range_dels_.begin(), range_dels_.end(),
              [](const TableRangeTombstone& a, const TableRangeTombstone& b) {
                const int c = Compare(a.start, b.start);
                if (c != 0) return c < 0;
                if (a.seq != b.seq) return a.seq > b.seq;
                return Compare(a.end, b.end) < 0;
              });
    range_dels_.erase(std::unique(range_dels_.begin(), range_dels_.end()), range_dels_.end());
    BlockBuilder block(std::max(options_.block_restart_interval, 1));
    std::string key;
    const bool had_points = props_.num_entries > 0;
    if (!had_points) {
      props_.smallest_seq = range_dels_.front().seq;
      props_.largest_seq = range_dels_.front().seq;
    }
    for (const TableRangeTombstone& t : range_dels_) {
      key.clear();
      AppendInternalKey(&key, t.start, t.seq, ValueType::kRangeDeletion);
      block.Add(key, t.end);
      props_.smallest_seq = std::min(props_.smallest_seq, t.seq);
      props_.largest_seq = std::max(props_.largest_seq, t.seq);
      if (props_.smallest_key.empty() || CompareInternalKeys(key, props_.smallest_key) < 0) {
        props_.smallest_key = key;
      }
      std::string end_sentinel =
          MakeInternalKey(t.end, kMaxSequenceNumber, ValueType::kRangeDeletion);
      if (props_.largest_key.empty() || CompareInternalKeys(end_sentinel, props_.largest_key) > 0) {
        props_.largest_key = std::move(end_sentinel);
      }
    }
    props_.num_range_deletions = range_dels_.size();
    BlockHandle h;
    const uint64_t before = offset_;
    WriteBlock(block.Finish(), CompressionType::kNone, &h);
    props_.range_del_size = offset_ - before;
    h.EncodeTo(&metaindex_range_del);
  }

  // Index block.
  Footer footer;
  {
    const uint64_t before = offset_;
    WriteBlock(index_block_.Finish(), CompressionType::kNone, &footer.index_handle);
    props_.index_size = offset_ - before;
  }

  // Properties block.
  std::string metaindex_props;
  {
    BlockBuilder block(1);
    props_.EncodeTo(&block);
    BlockHandle h;
    WriteBlock(block.Finish(), CompressionType::kNone, &h);
    h.EncodeTo(&metaindex_props);
  }

  // Metaindex block (names in bytewise order).
  {
    BlockBuilder block(1);
    if (!metaindex_filter.empty()) block.Add(kFilterBlockName, metaindex_filter);
    block.Add(kPropertiesBlockName, metaindex_props);
    if (!metaindex_range_del.empty()) block.Add(kRangeDelBlockName, metaindex_range_del);
    WriteBlock(block.Finish(), CompressionType::kNone, &footer.metaindex_handle);
  }

  std::string footer_bytes;
  footer.EncodeTo(&footer_bytes);
  Append(footer_bytes);
  if (status_.ok()) status_ = file_->Flush();
  if (!status_.ok()) return status_;
  return props_;
}

void TableBuilder::Abandon() { closed_ = true; }

}  // namespace strata::storage
