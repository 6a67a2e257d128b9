// Names of the files an engine keeps in its data directory, and parsing them
// back when the directory is listed at open.
//
//   NNNNNN.wal        a write-ahead log segment (storage/docs/wal_format.md)
//   NNNNNN.sst        an SSTable (storage/docs/sstable_format.md)
//   MANIFEST-NNNNNN   the version-edit log, CURRENT names the live one
//   CURRENT, LOCK     fixed names
//   <anything>.tmp    a file being written (temp -> fsync -> rename); a
//                     leftover one is the debris of a crash
// NNNNNN is a number from the single file-number space of the VersionSet,
// zero-padded to at least six digits. Any other name (stratad.conf, ...) is
// not the engine's and is never touched.
//
// Pure string functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "common/slice.h"

namespace strata::storage {

enum class DbFileType { kWal, kTable, kManifest, kCurrent, kLock, kTemp, kOther };

inline constexpr char kLockFileName[] = "LOCK";

// dir + "/%06llu.wal", e.g. "data/000007.wal".
std::string WalFileName(const std::string& dir, uint64_t number);

// Classifies a directory entry name; *number is set for kWal, kTable and
// kManifest (0 otherwise).
DbFileType ParseDbFileName(Slice name, uint64_t* number);

}  // namespace strata::storage
