// TableReader: Open (footer, metaindex, meta blocks), Get, data-block access
// through the block cache. The iterator lives in table_iterator.cpp.
#include "storage/sstable/table_reader.h"

#include <algorithm>
#include <cstring>
#include <optional>

#include "common/coding.h"
#include "storage/cache/block_cache.h"
#include "storage/empty_iterator.h"
#include "storage/sstable/block_fetcher.h"
#include "storage/sstable/footer.h"
#include "storage/sstable/key_buffer.h"
#include "storage/sstable/table_iterator.h"
#include "storage/sstable/table_meta_names.h"
#include "storage/sstable/thread_block_counters.h"

namespace strata::storage {

namespace {

// Owns a meta block's iterator together with the reader pin it needs.
class PinnedIterator final : public Iterator {
 public:
  PinnedIterator(std::shared_ptr<const void> pin, std::unique_ptr<Iterator> it)
      : pin_(std::move(pin)), it_(std::move(it)) {}
  bool Valid() const override { return it_->Valid(); }
  void SeekToFirst() override { it_->SeekToFirst(); }
  void SeekToLast() override { it_->SeekToLast(); }
  void Seek(Slice t) override { it_->Seek(t); }
  void SeekForPrev(Slice t) override { it_->SeekForPrev(t); }
  void Next() override { it_->Next(); }
  void Prev() override { it_->Prev(); }
  Slice key() const override { return it_->key(); }
  Slice value() const override { return it_->value(); }
  Status status() const override { return it_->status(); }

 private:
  std::shared_ptr<const void> pin_;
  std::unique_ptr<Iterator> it_;
};

}  // namespace

TableReader::TableReader(PrivateTag, const TableReaderOptions& options,
                         std::unique_ptr<RandomAccessFile> file, uint64_t file_size,
                         uint64_t file_number, BlockCache* block_cache)
    : options_(options),
      file_(std::move(file)),
      file_size_(file_size),
      file_number_(file_number),
      file_label_(TableFileLabel(file_number)),
      block_cache_(block_cache) {}

TableReader::~TableReader() = default;

Status TableReader::BlockError(const BlockHandle& handle, const Status& inner) const {
  if (!inner.IsCorruption()) return inner;
  return Status::Corruption(file_label_ + " block at offset " + std::to_string(handle.offset) +
                            ": " + inner.message());
}

Result<std::shared_ptr<const Block>> TableReader::ParseBlock(BlockContents contents,
                                                             const BlockHandle& handle) const {
  auto block = Block::Create(std::move(contents));
  if (!block.ok()) return BlockError(handle, block.status());
  return std::move(block).value();
}

Result<std::unique_ptr<TableReader>> TableReader::Open(const TableReaderOptions& options,
                                                       std::unique_ptr<RandomAccessFile> file,
                                                       uint64_t file_size, uint64_t file_number,
                                                       BlockCache* block_cache) {
  auto reader = std::make_unique<TableReader>(PrivateTag{}, options, std::move(file), file_size,
                                              file_number, block_cache);
  const std::string& label = reader->file_label_;
  if (file_size < Footer::kEncodedLength) {
    return Status::Corruption(label + ": file too short to be an sstable (" +
                              std::to_string(file_size) + " bytes)");
  }
  // One read of the tail: the footer and, usually, the metaindex before it.
  const size_t tail_len = static_cast<size_t>(
      std::min<uint64_t>(file_size, std::max(options.tail_read_size, Footer::kEncodedLength)));
  const uint64_t tail_offset = file_size - tail_len;
  auto tail_buf = std::make_unique_for_overwrite<char[]>(tail_len);
  Slice tail;
  STRATA_RETURN_IF_ERROR(reader->file_->Read(tail_offset, tail_len, &tail, tail_buf.get()));
  if (tail.size() != tail_len) {
    return Status::Corruption(label + ": truncated read of the table tail");
  }
  STRATA_RETURN_IF_ERROR(reader->LoadMetaBlocks(tail, tail_offset));
  return reader;
}

Status TableReader::LoadMetaBlocks(Slice tail, uint64_t tail_offset) {
  Footer footer;
  STRATA_RETURN_IF_ERROR(
      footer.DecodeFrom(tail.substr(tail.size() - Footer::kEncodedLength), file_label_));
  const uint64_t limit = file_size_ - Footer::kEncodedLength;
  STRATA_RETURN_IF_ERROR(CheckBlockHandle(footer.metaindex_handle, limit, file_label_));
  STRATA_RETURN_IF_ERROR(CheckBlockHandle(footer.index_handle, limit, file_label_));

  // Blocks wholly inside the tail are decoded from it; the rest are read.
  auto in_tail = [&](const BlockHandle& h) {
    return h.offset >= tail_offset;  // CheckBlockHandle already bounded the end
  };
  auto from_tail = [&](const BlockHandle& h) {
    Slice raw = tail.substr(static_cast<size_t>(h.offset - tail_offset),
                            static_cast<size_t>(h.size) + kBlockTrailerSize);
    return VerifyAndDecodeBlock(nullptr, raw, h, file_label_);
  };

  // Metaindex.
  Result<BlockContents> meta_contents =
      in_tail(footer.metaindex_handle) ? from_tail(footer.metaindex_handle)
                                       : ReadBlock(*file_, footer.metaindex_handle, file_label_);
  if (!meta_contents.ok()) return meta_contents.status();
  STRATA_ASSIGN_OR_RETURN(auto metaindex,
                          ParseBlock(std::move(meta_contents).value(), footer.metaindex_handle));

  enum Slot { kIndex = 0, kFilter, kProperties, kRangeDel, kNumSlots };
  BlockHandle handles[kNumSlots];
  bool present[kNumSlots] = {true, false, false, false};
  handles[kIndex] = footer.index_handle;
  {
    BlockIter it;
    it.Init(metaindex.get(), kBytewiseComparator);
    for (it.SeekToFirst(); it.Valid(); it.Next()) {
      int slot = -1;
      if (it.key() == kFilterBlockName) slot = kFilter;
      if (it.key() == kPropertiesBlockName) slot = kProperties;
      if (it.key() == kRangeDelBlockName) slot = kRangeDel;
      if (slot < 0) continue;  // a meta block this version does not know
      Slice v = it.value();
      if (!handles[slot].DecodeFrom(&v)) {
        return BlockError(footer.metaindex_handle, Status::Corruption("bad metaindex handle"));
      }
      STRATA_RETURN_IF_ERROR(CheckBlockHandle(handles[slot], limit, file_label_));
      present[slot] = true;
    }
    if (!it.status().ok()) return BlockError(footer.metaindex_handle, it.status());
  }

  // Read what the tail did not cover in one MultiRead.
  std::vector<BlockHandle> to_read;
  std::vector<int> to_read_slot;
  std::vector<std::optional<Result<BlockContents>>> contents(kNumSlots);
  for (int s = 0; s < kNumSlots; ++s) {
    if (!present[s]) continue;
    if (in_tail(handles[s])) {
      contents[s].emplace(from_tail(handles[s]));
    } else {
      to_read.push_back(handles[s]);
      to_read_slot.push_back(s);
    }
  }
  if (!to_read.empty()) {
    std::vector<Result<BlockContents>> read;
    ReadBlocks(*file_, to_read, file_label_, &read);
    for (size_t i = 0; i < read.size(); ++i) contents[to_read_slot[i]].emplace(std::move(read[i]));
  }
  for (int s = 0; s < kNumSlots; ++s) {
    if (present[s] && !contents[s]->ok()) return contents[s]->status();
  }

  STRATA_ASSIGN_OR_RETURN(index_block_,
                          ParseBlock(std::move(*contents[kIndex]).value(), handles[kIndex]));
  index_search_ = IndexSearch::Build(*index_block_);
  if (present[kFilter]) {
    filter_contents_ = std::move(*contents[kFilter]).value();
    Status s = BloomFilterReader::Parse(filter_contents_.data, &filter_);
    if (!s.ok()) return BlockError(handles[kFilter], s);
  }
  if (present[kProperties]) {
    STRATA_ASSIGN_OR_RETURN(
        auto block, ParseBlock(std::move(*contents[kProperties]).value(), handles[kProperties]));
    Status s = TableProperties::DecodeFrom(*block, &properties_);
    if (!s.ok()) return BlockError(handles[kProperties], s);
  }
  if (present[kRangeDel]) {
    STRATA_ASSIGN_OR_RETURN(
        range_del_block_, ParseBlock(std::move(*contents[kRangeDel]).value(), handles[kRangeDel]));
    std::vector<TableRangeTombstone> tombstones;
    BlockIter it;
    it.Init(range_del_block_.get(), kInternalKeyComparator);
    for (it.SeekToFirst(); it.Valid(); it.Next()) {
      ParsedInternalKey parsed;
      if (!ParseInternalKey(it.key(), &parsed) || parsed.type != ValueType::kRangeDeletion) {
        return BlockError(handles[kRangeDel], Status::Corruption("bad range deletion key"));
      }
      tombstones.push_back(TableRangeTombstone{std::string(parsed.user_key),
                                               std::string(it.value()), parsed.sequence});
    }
    if (!it.status().ok()) return BlockError(handles[kRangeDel], it.status());
    range_tombstones_ = RangeTombstoneList(std::move(tombstones));
  }
  // Data blocks start at offset 0 and end where the first meta block starts.
  data_end_ = footer.index_handle.offset;
  for (int s = kFilter; s < kNumSlots; ++s) {
    if (present[s]) data_end_ = std::min(data_end_, handles[s].offset);
  }
  return Status::OK();
}

Result<std::shared_ptr<const Block>> TableReader::GetDataBlock(const BlockHandle& handle,
                                                               bool fill_cache) const {
  if (block_cache_ != nullptr) {
    if (auto cached = block_cache_->Lookup(file_number_, handle.offset)) {
      stats_.block_cache_hits.fetch_add(1, std::memory_order_relaxed);
      ++CurrentThreadBlockCounters().hits;
      return cached;
    }
    stats_.block_cache_misses.fetch_add(1, std::memory_order_relaxed);
  }
  STRATA_RETURN_IF_ERROR(CheckBlockHandle(handle, data_end_, file_label_));
  auto contents = ReadBlock(*file_, handle, file_label_);
  if (!contents.ok()) return contents.status();
  stats_.data_blocks_read.fetch_add(1, std::memory_order_relaxed);
  ++CurrentThreadBlockCounters().reads;
  stats_.data_bytes_read.fetch_add(handle.size + kBlockTrailerSize, std::memory_order_relaxed);
  STRATA_ASSIGN_OR_RETURN(auto block, ParseBlock(std::move(contents).value(), handle));
  if (block_cache_ != nullptr && fill_cache) {
    return block_cache_->Insert(file_number_, handle.offset, std::move(block));
  }
  return block;
}

void TableReader::FetchDataBlocks(std::span<const BlockHandle> handles, bool fill_cache,
                                  std::vector<std::shared_ptr<const Block>>* out) const {
  out->assign(handles.size(), nullptr);
  std::vector<BlockHandle> missing;
  std::vector<size_t> missing_index;
  for (size_t i = 0; i < handles.size(); ++i) {
    if (block_cache_ != nullptr) {
      if (auto cached = block_cache_->Lookup(file_number_, handles[i].offset)) {
        stats_.block_cache_hits.fetch_add(1, std::memory_order_relaxed);
        ++CurrentThreadBlockCounters().hits;
        (*out)[i] = std::move(cached);
        continue;
      }
      stats_.block_cache_misses.fetch_add(1, std::memory_order_relaxed);
    }
    if (!CheckBlockHandle(handles[i], data_end_, file_label_).ok()) break;
    missing.push_back(handles[i]);
    missing_index.push_back(i);
  }
  if (missing.empty()) return;
  std::vector<Result<BlockContents>> read;
  ReadBlocks(*file_, missing, file_label_, &read);
  for (size_t j = 0; j < read.size(); ++j) {
    if (!read[j].ok()) continue;
    auto block = Block::Create(std::move(read[j]).value());
    if (!block.ok()) continue;
    stats_.data_blocks_read.fetch_add(1, std::memory_order_relaxed);
    ++CurrentThreadBlockCounters().reads;
    stats_.readahead_blocks.fetch_add(1, std::memory_order_relaxed);
    stats_.data_bytes_read.fetch_add(missing[j].size + kBlockTrailerSize,
                                     std::memory_order_relaxed);
    std::shared_ptr<const Block> b = std::move(block).value();
    if (block_cache_ != nullptr && fill_cache) {
      b = block_cache_->Insert(file_number_, missing[j].offset, std::move(b));
    }
    (*out)[missing_index[j]] = std::move(b);
  }
}

Result<TableGetResult> TableReader::Get(const TableReadOptions& options, Slice user_key,
                                        SequenceNumber snapshot) const {
  snapshot = std::min(snapshot, kMaxSequenceNumber);
  TableGetResult result;

  bool may_match = true;
  if (options_.use_bloom_filter && filter_.present()) {
    stats_.filter_checks.fetch_add(1, std::memory_order_relaxed);
    may_match = filter_.MayContain(user_key);
    if (!may_match) stats_.filter_useful.fetch_add(1, std::memory_order_relaxed);
  }

  if (may_match) {
    KeyBuffer lookup;
    lookup.Append(user_key.data(), user_key.size());
    char trailer[8];
    EncodeFixed64(trailer, PackSequenceAndType(snapshot, kValueTypeForSeek));
    lookup.Append(trailer, sizeof(trailer));
    const Slice target = lookup.slice();

    // Looks in the data block an index entry points at. True when the search
    // is over (found, or the key cannot be further on); false to go on with
    // the next index entry (every key in this block is < target).
    BlockIter data;
    Status error;
    auto search_block = [&](Slice index_value) -> bool {
      BlockHandle handle;
      if (!handle.DecodeFrom(&index_value)) {
        error = Status::Corruption(file_label_ + " index block: bad block handle");
        return true;
      }
      auto block = GetDataBlock(handle, options.fill_cache);
      if (!block.ok()) {
        error = block.status();
        return true;
      }
      data.Init(block->get(), kInternalKeyComparator);
      data.Seek(target);
      if (!data.status().ok()) {
        error = BlockError(handle, data.status());
        return true;
      }
      if (!data.Valid()) return false;
      ParsedInternalKey parsed;
      if (!ParseInternalKey(data.key(), &parsed) || parsed.type == ValueType::kRangeDeletion) {
        error = BlockError(handle, Status::Corruption("bad internal key"));
        return true;
      }
      if (parsed.user_key == user_key) {
        result.kind = parsed.type == ValueType::kValue ? TableGetResult::Kind::kValue
                                                       : TableGetResult::Kind::kDeleted;
        result.sequence = parsed.sequence;
        if (result.kind == TableGetResult::Kind::kValue) {
          result.value = data.value();
          result.pinned = std::move(block).value();
        }
      }
      return true;
    };
    if (index_search_.enabled()) {
      Slice key, value;
      for (size_t i = index_search_.Seek(target); i < index_search_.size(); ++i) {
        index_search_.Entry(i, &key, &value);
        if (search_block(value)) break;
      }
    } else {
      BlockIter index;
      index.Init(index_block_.get(), kInternalKeyComparator);
      for (index.Seek(target); index.Valid(); index.Next()) {
        if (search_block(index.value())) break;
      }
      if (!index.status().ok()) {
        return Status::Corruption(file_label_ + " index block: " + index.status().message());
      }
    }
    if (!error.ok()) return error;
    if (result.kind == TableGetResult::Kind::kNotFound && filter_.present() &&
        options_.use_bloom_filter) {
      stats_.filter_false_positives.fetch_add(1, std::memory_order_relaxed);
    }
  }

  if (!range_tombstones_.empty()) {
    if (auto t = range_tombstones_.MaxCoveringSeq(user_key, snapshot)) {
      if (result.kind == TableGetResult::Kind::kNotFound || *t > result.sequence) {
        result.kind = TableGetResult::Kind::kDeleted;
        result.sequence = *t;
        result.by_range_deletion = true;
        result.value = Slice();
        result.pinned.reset();
      }
    }
  }
  return result;
}

std::unique_ptr<Iterator> TableReader::NewIterator(const TableReadOptions& options) const {
  ++CurrentThreadBlockCounters().tables;
  return std::make_unique<TableIterator>(this, weak_from_this().lock(), options);
}

std::unique_ptr<Iterator> TableReader::NewRangeTombstoneIterator() const {
  if (range_del_block_ == nullptr) return std::make_unique<EmptyIterator>();
  auto it = range_del_block_->NewIterator(kInternalKeyComparator);
  // The block is shared, so pinning it alone keeps the iterator valid.
  return std::make_unique<PinnedIterator>(range_del_block_, std::move(it));
}

uint64_t TableReader::ApproximateOffsetOf(Slice internal_key) const {
  BlockIter index;
  index.Init(index_block_.get(), kInternalKeyComparator);
  index.Seek(internal_key);
  if (index.Valid()) {
    BlockHandle handle;
    Slice v = index.value();
    if (handle.DecodeFrom(&v)) return handle.offset;
  }
  return data_end_;
}

TableReaderStats TableReader::GetStats() const {
  TableReaderStats s;
  s.filter_checks = stats_.filter_checks.load(std::memory_order_relaxed);
  s.filter_useful = stats_.filter_useful.load(std::memory_order_relaxed);
  s.filter_false_positives = stats_.filter_false_positives.load(std::memory_order_relaxed);
  s.block_cache_hits = stats_.block_cache_hits.load(std::memory_order_relaxed);
  s.block_cache_misses = stats_.block_cache_misses.load(std::memory_order_relaxed);
  s.data_blocks_read = stats_.data_blocks_read.load(std::memory_order_relaxed);
  s.data_bytes_read = stats_.data_bytes_read.load(std::memory_order_relaxed);
  s.readahead_blocks = stats_.readahead_blocks.load(std::memory_order_relaxed);
  return s;
}

}  // namespace strata::storage
