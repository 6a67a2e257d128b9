// File helpers of backup and restore: copy a prefix, hard-link or copy, and
// whole-file XXH64 checksums, all through the FileSystem interface.
// Destination files are written to "<to>.tmp", synced and renamed; the
// caller syncs the directory once at the end.
#pragma once

#include <cstdint>
#include <string>

#include "common/result.h"
#include "storage/io/file_system.h"

namespace strata::storage {

// XXH64 of the first `size` bytes of path; Corruption if it is shorter.
[[nodiscard]] Result<uint64_t> ChecksumFile(FileSystem* fs, const std::string& path,
                                            uint64_t size);

// Copies the first `size` bytes of `from` to `to`; their XXH64 in *checksum.
[[nodiscard]] Status CopyFilePrefix(FileSystem* fs, const std::string& from, const std::string& to,
                                    uint64_t size, uint64_t* checksum);

// Hard-links `from` (of exactly `size` bytes) to `to`, or copies it when the
// link fails (another file system, no link support). *linked says which.
// The checksum is computed from the data either way.
[[nodiscard]] Status LinkOrCopyFile(FileSystem* fs, const std::string& from, const std::string& to,
                                    uint64_t size, uint64_t* checksum, bool* linked);

}  // namespace strata::storage
