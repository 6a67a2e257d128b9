// BuildTable: writes the contents of one or more memtables of a tree as one
// SSTable, durably (TableFileWriter: "<name>.tmp", fsync, rename, directory
// fsync). Used by background flushes and by WAL recovery.
//
// Every entry is kept: point entries (values and deletions) merged in
// internal-key order, and every range tombstone into the range-deletion block.
// Dropping shadowed versions is left to compaction, which knows the snapshots.
//
// Thread safety: a pure function of its arguments; the memtables must not be
// written while it runs (they are immutable, or recovery owns them).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "storage/io/file_system.h"
#include "storage/memtable/memtable.h"
#include "storage/sstable/table_options.h"
#include "storage/version/file_meta_data.h"

namespace strata::storage {

// Writes `memtables` to TableFileName(dir, file_number). Returns the file's
// metadata, or nullopt (and no file) when the memtables hold nothing.
Result<std::optional<FileMetaData>> BuildTable(
    FileSystem* fs, const std::string& dir, const TableOptions& options, uint64_t file_number,
    const std::vector<std::shared_ptr<MemTable>>& memtables);

}  // namespace strata::storage
