// WAL physical format constants shared by LogWriter and LogReader.
//
// A log file is a sequence of 32 KiB blocks (the last may be short). Each
// block holds physical records; a record never crosses a block boundary, and
// a block tail too small for a record header (< 7 bytes) is zero-filled.
//
//   physical record := checksum:fixed32  length:fixed16  type:uint8  payload{length}
//
// checksum = Checksum32(type byte + payload) from common/hash.h (xxHash64
// folded to 32 bits), little-endian. A logical record (one WriteBatch) is
// stored as one kFull record or as kFirst, kMiddle*, kLast fragments.
// Every log file starts with one kFileHeader record at offset 0 whose payload
// is format_version:fixed32 log_number:fixed64. Full description with
// examples: storage/docs/wal_format.md.
#pragma once

#include <cstddef>
#include <cstdint>

namespace strata::storage::wal {

inline constexpr size_t kBlockSize = 32 * 1024;
inline constexpr size_t kHeaderSize = 4 + 2 + 1;  // checksum, length, type

// Physical record types. Written to disk: never renumber.
enum class RecordType : uint8_t {
  kZero = 0,  // never written; zero-filled space (preallocation, torn writes) reads as this
  kFull = 1,
  kFirst = 2,
  kMiddle = 3,
  kLast = 4,
  kFileHeader = 5,
};
inline constexpr uint8_t kMaxRecordType = static_cast<uint8_t>(RecordType::kFileHeader);

// Version of the log format and of the WriteBatch payload it carries.
// 2: batches end with the commit-time trailer (storage/write_batch.h).
// 3: logged tree edits and ingestions (count-0 batches with a tree-edit or
//    ingestion trailer, storage/write_batch.h).
// Readers accept every version from kMinLogFormatVersion on.
inline constexpr uint32_t kLogFormatVersion = 3;
inline constexpr uint32_t kMinLogFormatVersion = 1;
inline constexpr size_t kFileHeaderPayloadSize = 4 + 8;  // version, log number

}  // namespace strata::storage::wal
