// FileSystem: the only way storage/ touches the OS. Every file the engine
// reads or writes goes through one of these interfaces, so tests can swap in
// an in-memory or fault-injecting implementation (mem_file_system.h,
// fault_injection_file_system.h) and production uses PosixFileSystem, which
// reads through io_uring when the kernel allows it and pread otherwise.
//
// Thread safety: FileSystem methods may be called from any thread.
// RandomAccessFile::Read/MultiRead are thread-safe (positional reads).
// WritableFile and SequentialFile are used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/slice.h"
#include "common/status.h"

namespace strata::storage {

// Appends at the end; Sync() makes everything appended so far durable.
class WritableFile {
 public:
  virtual ~WritableFile() = default;
  [[nodiscard]] virtual Status Append(Slice data) = 0;
  // Pushes buffered bytes to the OS (not durable yet).
  [[nodiscard]] virtual Status Flush() = 0;
  // fdatasync: everything appended so far survives power loss once this returns OK.
  [[nodiscard]] virtual Status Sync() = 0;
  [[nodiscard]] virtual Status Close() = 0;
  virtual uint64_t Size() const = 0;
};

// Reads a file front to back (WAL and manifest recovery).
class SequentialFile {
 public:
  virtual ~SequentialFile() = default;
  // Reads up to n bytes into scratch; *result points into scratch and is
  // shorter than n only at end of file.
  [[nodiscard]] virtual Status Read(size_t n, Slice* result, char* scratch) = 0;
  [[nodiscard]] virtual Status Skip(uint64_t n) = 0;
};

// One request of a MultiRead batch.
struct ReadRequest {
  uint64_t offset = 0;
  size_t length = 0;
  char* scratch = nullptr;  // caller-owned, at least `length` bytes
  Slice result;             // filled in: points into scratch
  Status status;            // filled in per request
};

// Positional reads of an immutable file (SSTables).
class RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;
  // Reads n bytes at offset; a short read past end of file is not an error
  // (*result is shorter), the caller decides whether that is corruption.
  [[nodiscard]] virtual Status Read(uint64_t offset, size_t n, Slice* result, char* scratch) const = 0;
  // Several reads submitted together (io_uring batches them; the fallback
  // loops). Returns the first error; each request carries its own status.
  [[nodiscard]] virtual Status MultiRead(std::vector<ReadRequest>* requests) const;
  virtual uint64_t Size() const = 0;
};

struct FileOptions {
  bool use_direct_io = false;  // O_DIRECT where the file system supports it
};

// An exclusive lock on a file, held until released or the process exits.
class FileLock {
 public:
  virtual ~FileLock() = default;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  [[nodiscard]] virtual Result<std::unique_ptr<WritableFile>> NewWritableFile(
      const std::string& path, const FileOptions& options = {}) = 0;
  [[nodiscard]] virtual Result<std::unique_ptr<SequentialFile>> NewSequentialFile(
      const std::string& path) = 0;
  [[nodiscard]] virtual Result<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(
      const std::string& path, const FileOptions& options = {}) = 0;

  virtual bool FileExists(const std::string& path) = 0;
  [[nodiscard]] virtual Result<uint64_t> GetFileSize(const std::string& path) = 0;
  // Names (not paths) of the entries in dir, without "." and "..".
  [[nodiscard]] virtual Result<std::vector<std::string>> GetChildren(const std::string& dir) = 0;
  [[nodiscard]] virtual Status CreateDirIfMissing(const std::string& dir) = 0;
  [[nodiscard]] virtual Status DeleteFile(const std::string& path) = 0;
  // Atomic replace of `to` (POSIX rename semantics).
  [[nodiscard]] virtual Status RenameFile(const std::string& from, const std::string& to) = 0;
  [[nodiscard]] virtual Status LinkFile(const std::string& from, const std::string& to) = 0;
  // fsync of a directory, making creations, renames and deletions in it durable.
  [[nodiscard]] virtual Status SyncDir(const std::string& dir) = 0;
  // Takes an exclusive lock; Busy if another process (or FileLock) holds it.
  [[nodiscard]] virtual Result<std::unique_ptr<FileLock>> LockFile(const std::string& path) = 0;
};

// The process-wide POSIX file system (io_uring reads when available).
FileSystem* DefaultFileSystem();

// Writes data to path durably: temp file, fsync, rename, fsync of the directory.
[[nodiscard]] Status WriteFileAtomically(FileSystem* fs, const std::string& path, Slice data);
[[nodiscard]] Result<std::string> ReadFileToString(FileSystem* fs, const std::string& path);

}  // namespace strata::storage
