// TableCache: LRU of open TableReaders (see table_cache.h).
#include "storage/cache/table_cache.h"

#include <cinttypes>
#include <cstdio>

namespace strata::storage {

namespace {

// Shards of at least 16 open files each, at most 16 shards, so small bounds
// stay exact enough.
int ShardBitsFor(size_t max_open_files) {
  int bits = 0;
  while (bits < 4 && (max_open_files >> (bits + 1)) >= 16) ++bits;
  return bits;
}

}  // namespace

std::string TableFileName(const std::string& dir, uint64_t file_number) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "/%06" PRIu64 ".sst", file_number);
  return dir + buf;
}

TableCache::TableCache(FileSystem* fs, const std::string& dir, size_t max_open_files,
                       BlockCache* block_cache, const TableReaderOptions& options)
    : TableCache(
          fs, [dir](uint64_t n) { return TableFileName(dir, n); }, max_open_files, block_cache,
          options) {}

TableCache::TableCache(FileSystem* fs, PathFunction path_fn, size_t max_open_files,
                       BlockCache* block_cache, const TableReaderOptions& options)
    : fs_(fs),
      path_fn_(std::move(path_fn)),
      block_cache_(block_cache),
      options_(options),
      cache_(max_open_files, ShardBitsFor(max_open_files)) {}

Result<std::shared_ptr<TableReader>> TableCache::FindTable(uint64_t file_number,
                                                           uint64_t file_size) {
  if (auto reader = cache_.Lookup(file_number)) return reader;
  const std::string path = path_fn_(file_number);
  auto file = fs_->NewRandomAccessFile(path);
  if (!file.ok()) return file.status();
  if (file_size == 0) {
    auto size = fs_->GetFileSize(path);
    if (!size.ok()) return size.status();
    file_size = *size;
  }
  auto opened =
      TableReader::Open(options_, std::move(file).value(), file_size, file_number, block_cache_);
  if (!opened.ok()) {
    const Status& s = opened.status();
    if (!s.IsCorruption()) return s;
    return Status::Corruption(s.message() + " (" + path + ")");
  }
  std::shared_ptr<TableReader> reader = std::move(opened).value();
  return cache_.Insert(file_number, std::move(reader), 1);
}

Result<std::unique_ptr<Iterator>> TableCache::NewIterator(const TableReadOptions& options,
                                                          uint64_t file_number,
                                                          uint64_t file_size) {
  auto reader = FindTable(file_number, file_size);
  if (!reader.ok()) return reader.status();
  // The reader is shared-owned, so the iterator pins it.
  return (*reader)->NewIterator(options);
}

Result<TableGetResult> TableCache::Get(const TableReadOptions& options, uint64_t file_number,
                                       uint64_t file_size, Slice user_key,
                                       SequenceNumber snapshot) {
  auto reader = FindTable(file_number, file_size);
  if (!reader.ok()) return reader.status();
  return (*reader)->Get(options, user_key, snapshot);
}

void TableCache::Evict(uint64_t file_number) { cache_.Erase(file_number); }

}  // namespace strata::storage
