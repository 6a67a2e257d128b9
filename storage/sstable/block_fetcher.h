// Block fetching: reads blocks of an SSTable from a RandomAccessFile, verifies
// their trailer checksum and decompresses them.
//
// Every block that comes off disk passes through VerifyAndDecodeBlock, so a
// damaged block yields Status::Corruption naming the file and offset, never
// wrong bytes. Uncompressed blocks keep the read buffer (no copy); compressed
// blocks are decompressed into a fresh buffer.
//
// Thread safety: free functions over a thread-safe RandomAccessFile.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "common/result.h"
#include "storage/io/file_system.h"
#include "storage/sstable/block_contents.h"
#include "storage/sstable/block_handle.h"
#include "storage/sstable/block_trailer.h"

namespace strata::storage {

// "000012.sst": how errors name a table file.
std::string TableFileLabel(uint64_t file_number);

// Corruption unless [handle.offset, handle.offset + size + trailer) lies
// within [0, limit).
[[nodiscard]] Status CheckBlockHandle(const BlockHandle& handle, uint64_t limit,
                                      std::string_view file_label);

// `raw` holds the block as stored (contents | type | checksum) and points into
// `buffer` (or into memory that outlives the call when buffer is null).
// Verifies and decompresses; *stored_type (optional) gets the on-disk type.
Result<BlockContents> VerifyAndDecodeBlock(std::unique_ptr<char[]> buffer, Slice raw,
                                           const BlockHandle& handle, std::string_view file_label,
                                           CompressionType* stored_type = nullptr);

// One positional read of a block.
Result<BlockContents> ReadBlock(const RandomAccessFile& file, const BlockHandle& handle,
                                std::string_view file_label);

// Reads several blocks with one MultiRead; out[i] answers handles[i].
void ReadBlocks(const RandomAccessFile& file, std::span<const BlockHandle> handles,
                std::string_view file_label, std::vector<Result<BlockContents>>* out);

}  // namespace strata::storage
