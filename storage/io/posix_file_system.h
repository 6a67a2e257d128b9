// PosixFileSystem: the production FileSystem over Linux system calls.
//
//  - WritableFile buffers appends (buffer_size bytes) and writes them with
//    write(2); Sync() = flush + fdatasync(2). With FileOptions::use_direct_io
//    it opens O_DIRECT and writes whole 4 KiB-aligned blocks from an aligned
//    buffer; the partial last block is written padded and the file is
//    ftruncate'd back to its logical size, then rewritten on the next flush.
//  - SequentialFile uses read(2); RandomAccessFile uses io_uring (pooled
//    rings, probed at runtime, see io_uring_reader.h) or pread(2), and
//    submits MultiRead batches to a ring in one io_uring_enter.
//  - O_DIRECT falls back to buffered I/O when the file system refuses it
//    (open fails with EINVAL); Stats counts those fallbacks.
//  - LockFile takes flock(LOCK_EX | LOCK_NB) on the file, plus a process-wide
//    table so a second lock from this process is refused even on file systems
//    where flock is advisory-only per process. Conflict -> Busy.
//  - errno becomes a Status via Status::FromErrno (ENOSPC/EDQUOT -> NoSpace),
//    except ENOENT, which is NotFound so callers can tell "missing" apart.
//
// Thread safety: the file system and RandomAccessFile are thread-safe;
// WritableFile/SequentialFile are used by one thread at a time (file_system.h).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include "storage/io/file_system.h"

namespace strata::storage {

struct PosixFileSystemOptions {
  // Read through io_uring when the kernel allows it (falls back to pread).
  bool use_io_uring = true;
  // WritableFile buffer; appends larger than this bypass the buffer.
  size_t writable_buffer_size = 64 * 1024;
};

class PosixFileSystem final : public FileSystem {
 public:
  explicit PosixFileSystem(PosixFileSystemOptions options = {});
  ~PosixFileSystem() override;

  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path,
                                                        const FileOptions& options = {}) override;
  Result<std::unique_ptr<SequentialFile>> NewSequentialFile(const std::string& path) override;
  Result<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(
      const std::string& path, const FileOptions& options = {}) override;

  bool FileExists(const std::string& path) override;
  Result<uint64_t> GetFileSize(const std::string& path) override;
  Result<std::vector<std::string>> GetChildren(const std::string& dir) override;
  Status CreateDirIfMissing(const std::string& dir) override;
  Status DeleteFile(const std::string& path) override;
  Status RenameFile(const std::string& from, const std::string& to) override;
  Status LinkFile(const std::string& from, const std::string& to) override;
  Status SyncDir(const std::string& dir) override;
  Result<std::unique_ptr<FileLock>> LockFile(const std::string& path) override;

  // True when RandomAccessFile reads of this instance go through io_uring
  // (requested in the options and supported by the running kernel).
  bool io_uring_enabled() const { return io_uring_enabled_; }

  // Counters for tests and metrics; relaxed, monotonically increasing.
  struct Stats {
    std::atomic<uint64_t> io_uring_reads{0};       // requests completed via io_uring
    std::atomic<uint64_t> pread_reads{0};          // requests completed via pread
    std::atomic<uint64_t> direct_io_opens{0};      // files opened with O_DIRECT
    std::atomic<uint64_t> direct_io_fallbacks{0};  // O_DIRECT refused -> buffered
  };
  const Stats& stats() const { return *stats_; }

 private:
  PosixFileSystemOptions options_;
  bool io_uring_enabled_;
  std::shared_ptr<Stats> stats_;  // shared with open files, which may outlive *this
};

}  // namespace strata::storage
