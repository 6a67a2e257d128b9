// LogWriter: appends logical records (encoded WriteBatches) to a WAL file in
// the block format of log_format.h.
//
// Each AddRecord is one WritableFile::Append of all its fragments (plus the
// zero trailer of the previous block and, for a new file, the file header), so
// a crash tears at most the tail of the last record. AddRecord does not make
// data durable; call Sync (GroupCommitWriter does).
//
// Errors: after a failed Append/Flush/Sync the file's tail is unknown, so the
// writer turns the error sticky and refuses further records; the engine must
// switch to a new log file.
// Thread safety: none; one thread at a time (GroupCommitWriter's leader).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/slice.h"
#include "common/status.h"
#include "storage/io/file_system.h"
#include "storage/wal/log_format.h"

namespace strata::storage::wal {

class LogWriter {
 public:
  // `dest` is a new, empty file (a non-empty file is appended to, assuming it
  // already has its header and ends where a previous writer stopped).
  LogWriter(std::unique_ptr<WritableFile> dest, uint64_t log_number);
  ~LogWriter();
  LogWriter(const LogWriter&) = delete;
  LogWriter& operator=(const LogWriter&) = delete;

  // Appends one logical record; any size, including empty.
  [[nodiscard]] Status AddRecord(Slice payload);
  [[nodiscard]] Status Flush();
  // Flush + fdatasync: every record added so far survives power loss.
  [[nodiscard]] Status Sync();
  [[nodiscard]] Status Close();

  uint64_t log_number() const { return log_number_; }
  // Bytes written to the file so far (including headers and trailers).
  uint64_t FileSize() const { return dest_->Size(); }
  // The sticky error, OK while the writer is healthy.
  const Status& error() const { return error_; }

 private:
  void EmitPhysicalRecord(RecordType type, const char* data, size_t length);
  Status Check(Status s);

  std::unique_ptr<WritableFile> dest_;
  const uint64_t log_number_;
  size_t block_offset_;  // bytes used in the current block
  bool header_written_;
  Status error_;
  std::string buf_;  // the bytes of one AddRecord
};

}  // namespace strata::storage::wal
