// TableCache: open TableReaders keyed by file number, with an LRU bound on
// how many SSTable files are open at once.
//
// FindTable() returns a shared TableReader, opening `path_fn(file_number)`
// through the FileSystem on a miss. A reader evicted while an iterator or a
// caller still holds it stays open until released, so the bound is on idle
// readers the cache keeps, not on readers in use. Two threads missing the same
// file at once may both open it; the first insert wins and the other copy is
// closed. Evict() forgets a file (call it when the file is deleted).
//
// Thread safety: every method may be called concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "common/result.h"
#include "storage/cache/lru_cache.h"
#include "storage/io/file_system.h"
#include "storage/iterator.h"
#include "storage/sstable/table_options.h"
#include "storage/sstable/table_reader.h"

namespace strata::storage {

class BlockCache;

// dir + "/%06llu.sst", e.g. "data/000012.sst".
std::string TableFileName(const std::string& dir, uint64_t file_number);

class TableCache {
 public:
  using PathFunction = std::function<std::string(uint64_t file_number)>;

  // Tables live at TableFileName(dir, number). `fs` and `block_cache` (may be
  // null) must outlive the cache.
  TableCache(FileSystem* fs, const std::string& dir, size_t max_open_files, BlockCache* block_cache,
             const TableReaderOptions& options = {});
  TableCache(FileSystem* fs, PathFunction path_fn, size_t max_open_files, BlockCache* block_cache,
             const TableReaderOptions& options = {});
  TableCache(const TableCache&) = delete;
  TableCache& operator=(const TableCache&) = delete;

  // The open reader for file_number. file_size 0 means "ask the FileSystem".
  Result<std::shared_ptr<TableReader>> FindTable(uint64_t file_number, uint64_t file_size);

  // An iterator over the table; it keeps the reader open while it lives.
  Result<std::unique_ptr<Iterator>> NewIterator(const TableReadOptions& options,
                                                uint64_t file_number, uint64_t file_size);

  // TableReader::Get on the table (the result pins its own block).
  Result<TableGetResult> Get(const TableReadOptions& options, uint64_t file_number,
                             uint64_t file_size, Slice user_key, SequenceNumber snapshot);

  // Drops the cached reader of a file (it closes once unused).
  void Evict(uint64_t file_number);

  // hits/misses of FindTable; entries = readers held open by the cache.
  LruCacheStats GetStats() const { return cache_.GetStats(); }

 private:
  struct NumberHash {
    size_t operator()(uint64_t n) const { return static_cast<size_t>(MixHash64(n)); }
  };

  FileSystem* const fs_;
  const PathFunction path_fn_;
  BlockCache* const block_cache_;
  const TableReaderOptions options_;
  ShardedLruCache<uint64_t, std::shared_ptr<TableReader>, NumberHash> cache_;
};

}  // namespace strata::storage
