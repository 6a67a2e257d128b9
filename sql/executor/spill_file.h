// Spilling to disk (PostgreSQL's BufFile / logtape): temporary files for
// nodes whose state outgrows work_mem -- external Sort runs, partitions of a
// grace HashJoin, HashAgg and HashDistinct.
//
// A SpillFile is created in the spill directory (<datadir>/tmp, set when the
// Database opens; the system temp directory otherwise) and unlinked at once:
// it has no name while in use, so it disappears when the SpillFile is
// destroyed -- when the query ends, on error or cancel (stack unwinding) and
// even when the server dies. SetSpillDirectory also removes anything an
// earlier run left in the directory.
//
// Rows are written as their row bytes (row_bytes.h), so any row can be
// spilled. Write everything, then Rewind(), then read it back in
// order.
//
// Thread safety: a SpillFile belongs to one node; the directory setting is
// process-wide and thread-safe.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "sql/table/table_codec.h"
#include "sql/types/value.h"

namespace strata::sql {

// Sets (creating it, removing old contents) the directory spill files go to.
void SetSpillDirectory(const std::string& dir);
std::string SpillDirectory();

// Bytes of work_mem of the running statement's session (4MB outside one).
int64_t WorkMemBytes();

// Bytes of maintenance_work_mem of the running statement's session (64MB
// outside one): the memory an index build sorts in before it spills runs.
int64_t MaintenanceWorkMemBytes();

// A rough in-memory footprint of a row (for work_mem accounting).
size_t RowMemory(const Row& row);

class SpillFile {
 public:
  SpillFile();  // throws SqlError 53100 (disk_full) / 58030 (io_error) on failure
  ~SpillFile();
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  void WriteRow(const Row& row);
  // A row preceded by a byte string (a sort or hash key).
  void WriteKeyedRow(std::string_view key, const Row& row);
  // A pair of byte strings (an index entry of an external index build).
  void WriteKeyValue(std::string_view key, std::string_view value);
  // Switches from writing to reading from the start.
  void Rewind();
  // Switches to (or stays in) reading, from byte `offset`: a value bytes()
  // had before a row was written reads that row next (random access to
  // spilled rows, as a window partition needs).
  void SeekRead(uint64_t offset);
  // The next row; false at the end.
  bool ReadRow(Row* row);
  bool ReadKeyedRow(std::string* key, Row* row);
  bool ReadKeyValue(std::string* key, std::string* value);

  uint64_t rows() const { return rows_; }
  uint64_t bytes() const { return bytes_; }

  // Ends writing (what is buffered goes to the file); from then on the file
  // is read through KeyValueCursors only.
  void FinishWrites();
  // An independent reader of WriteKeyValue pairs from byte `offset` (a value
  // bytes() had before a pair was written), with its own buffer and read
  // position (pread): several cursors may read one file at once, from
  // different threads (a parallel index build merges the key ranges of its
  // runs on both cores). REQUIRES: FinishWrites() was called; the SpillFile
  // outlives its cursors.
  class KeyValueCursor {
   public:
    KeyValueCursor(const SpillFile* file, uint64_t offset);
    // The next pair; false at the end of the file.
    bool Next(std::string* key, std::string* value);

   private:
    bool GetString(std::string* s);
    bool Get(void* data, size_t n);
    bool Refill();

    int fd_;
    uint64_t file_offset_;  // of the byte after the buffered ones
    std::unique_ptr<char[]> buf_;
    size_t pos_ = 0;
    size_t end_ = 0;
  };

 private:
  static constexpr size_t kBufferSize = size_t{1} << 16;

  // Inline fast paths: most calls move a few bytes of a known size, which
  // then compile to plain moves.
  void Put(const void* data, size_t n) {
    if (n <= kBufferSize - pos_) {
      std::memcpy(buf_.get() + pos_, data, n);
      pos_ += n;
      bytes_ += n;
      return;
    }
    PutSlow(data, n);
  }
  bool Get(void* data, size_t n) {
    if (n <= end_ - pos_) {
      std::memcpy(data, buf_.get() + pos_, n);
      pos_ += n;
      return true;
    }
    return GetSlow(data, n);
  }
  void PutSlow(const void* data, size_t n);
  bool GetSlow(void* data, size_t n);
  void PutString(std::string_view s);
  // The next string PutString wrote into *s; false at the end of the file.
  bool GetString(std::string* s);

  void Flush();
  bool Refill();

  std::FILE* file_ = nullptr;
  // Our own buffer (stdio's is off): most Put/Get calls move a few bytes,
  // and a memcpy into this is far cheaper than a stdio call each (those were
  // ~15% of a spilled hash join). Written up to pos_ while writing; holds
  // [pos_, end_) unread bytes while reading.
  std::unique_ptr<char[]> buf_;
  size_t pos_ = 0;
  size_t end_ = 0;
  bool reading_ = false;
  uint64_t rows_ = 0;
  uint64_t bytes_ = 0;
  std::string scratch_;  // a row's bytes (row_bytes.h) on their way in or out
};

}  // namespace strata::sql
