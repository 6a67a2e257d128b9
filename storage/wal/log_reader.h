// LogReader: reads logical records back from a WAL file (log_format.h) during
// recovery, telling a torn tail apart from damage in the middle of the log.
//
// Torn tail vs. corruption. A crash can leave the last record incomplete or
// garbled: cut short, zero-filled, or partly written (unsynced pages reach the
// disk in any order). Damage is treated as a torn tail when no intact
// physical record follows it anywhere in the file; otherwise it is damage in
// the middle of the log, which a crash cannot cause, and is reported as
// Corruption naming the file and the byte offset of the damaged record. What
// happens then depends on RecoveryMode:
//
//   kTolerateTornTail (default): torn tail -> clean end of log (status OK);
//                                mid-log damage -> Corruption.
//   kAbsoluteConsistency:        any damage, even a torn tail -> Corruption.
//   kPointInTime:                stop cleanly at the first damage (OK); the
//                                records before it are a consistent prefix.
//   kSkipCorrupted:              drop damaged records and keep reading
//                                (salvage); count in dropped_bytes().
//
// Limitation: a damaged length field in the file's last block ends that block
// for the reader, so intact records after it in the same block are not seen
// and the damage reads as a torn tail.
//
// Thread safety: none; one thread reads a log.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/slice.h"
#include "common/status.h"
#include "storage/io/file_system.h"
#include "storage/wal/log_format.h"

namespace strata::storage::wal {

enum class RecoveryMode {
  kTolerateTornTail,
  kAbsoluteConsistency,
  kPointInTime,
  kSkipCorrupted,
};

class LogReader {
 public:
  struct Options {
    RecoveryMode mode = RecoveryMode::kTolerateTornTail;
  };

  // `file_name` is used only in error messages.
  LogReader(std::unique_ptr<SequentialFile> file, std::string file_name, Options options);
  LogReader(std::unique_ptr<SequentialFile> file, std::string file_name)
      : LogReader(std::move(file), std::move(file_name), Options()) {}
  ~LogReader();
  LogReader(const LogReader&) = delete;
  LogReader& operator=(const LogReader&) = delete;

  // Reads the next logical record into *record. Returns false at the end of
  // the log or on error; status() tells which. LIFETIME: *record points into
  // *scratch or the reader's block buffer and is valid until the next call.
  bool ReadRecord(Slice* record, std::string* scratch);

  // OK at a clean end (including a tolerated torn tail); Corruption, IOError
  // or NotSupported (unknown format version) otherwise.
  const Status& status() const { return status_; }

  // File offset of the first physical record of the last record returned.
  uint64_t last_record_offset() const { return last_record_offset_; }
  // From the file header; 0 until read (or if the file has none).
  uint64_t log_number() const { return log_number_; }
  uint32_t format_version() const { return format_version_; }
  // Bytes dropped: a torn tail, or damaged records in kSkipCorrupted mode.
  uint64_t dropped_bytes() const { return dropped_bytes_; }
  // Whether the log ended with a torn (incomplete or garbled) tail.
  bool torn_tail() const { return torn_tail_; }

 private:
  enum class Physical { kRecord, kEof, kTornTail, kBad, kIoError };

  // Reads the next physical record. For kBad, *offset is the damaged record
  // and *bad_reason says what is wrong.
  Physical ReadPhysicalRecord(Slice* fragment, RecordType* type, uint64_t* offset,
                              const char** bad_reason);
  // Reads the next block into block_. False at end of file or on error.
  bool ReadBlock();
  // True if an intact physical record exists in `rest` (parsed from its
  // start) or in any later block of the file. Consumes the file.
  bool IntactRecordFollows(Slice rest);
  // Handles damage found at `offset`. drop_start is where the lost data
  // begins (the start of a partly assembled record), skip_bytes what
  // kSkipCorrupted drops. Returns true if reading should continue
  // (kSkipCorrupted), false to stop with status_ set as the mode says.
  bool OnDamage(uint64_t offset, uint64_t drop_start, uint64_t skip_bytes,
                const std::string& reason, bool intact_follows);
  bool OnTornTail(uint64_t bytes);

  std::unique_ptr<SequentialFile> file_;
  const std::string file_name_;
  const Options options_;
  Status status_;
  std::unique_ptr<char[]> backing_;    // kBlockSize bytes
  Slice block_;                        // unread part of the current block
  uint64_t end_of_buffer_offset_ = 0;  // file offset just past block_
  bool eof_ = false;                   // the last block read was short
  bool done_ = false;                  // stop returning records
  uint64_t last_record_offset_ = 0;
  uint64_t log_number_ = 0;
  uint32_t format_version_ = 0;
  uint64_t dropped_bytes_ = 0;
  bool torn_tail_ = false;
};

}  // namespace strata::storage::wal
