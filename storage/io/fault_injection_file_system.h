// FaultInjectionFileSystem: wraps another FileSystem to inject I/O errors and
// to simulate power loss, for crash and error-handling tests.
//
// Faults (all thread-safe, armed from the test thread):
//  - FailNthWrite(n) / FailNthSync(n): the n-th WritableFile::Append / Sync
//    from now on (counted across all files, 1-based) returns the given error
//    and does nothing. One-shot: the counter disarms after firing.
//  - SetSpaceLimit(bytes): at most `bytes` more bytes may be appended; the
//    append that crosses the limit writes the part that fits (as a real short
//    write does) and returns NoSpace (ENOSPC); later appends write nothing.
//  - SetSyncDelay(d): every Sync sleeps d first (makes group commit visible).
//
// Power loss model (DropUnsyncedData):
//  - File data: each file written through this wrapper is truncated to the
//    size it had at its last successful Sync (0 if never synced). Files the
//    wrapper never opened for writing are treated as fully durable.
//  - Directory entries: creating, renaming, linking and deleting a file are
//    durable only once SyncDir() ran on the directory holding the new name
//    (for a delete, the old name). Operations not yet covered are undone in
//    reverse order: created files disappear, renames move back (restoring the
//    durable contents of a replaced target), deleted files come back with the
//    contents they had durably when deleted.
//  - Writers still open are closed and turn dead: every later call on them
//    returns IOError, as a process that lost power can no longer write.
// After DropUnsyncedData the file system works normally again ("reboot").
//
// Counters (write_count, sync_count, dir_sync_count) let tests assert, e.g.,
// that group commit shared one Sync among many writes.
//
// Thread safety: all methods are thread-safe. DropUnsyncedData must not race
// with operations the test still expects to succeed.
// LIFETIME: the base file system must outlive this wrapper, and the wrapper
// must outlive every WritableFile it returns (they report back to it).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "storage/io/file_system.h"

namespace strata::storage {

class FaultInjectionFileSystem final : public FileSystem {
 public:
  explicit FaultInjectionFileSystem(FileSystem* base);
  ~FaultInjectionFileSystem() override;
  FaultInjectionFileSystem(const FaultInjectionFileSystem&) = delete;
  FaultInjectionFileSystem& operator=(const FaultInjectionFileSystem&) = delete;

  // --- Faults -------------------------------------------------------------
  void FailNthWrite(uint64_t n, Status error = Status::IOError("injected write error"));
  void FailNthSync(uint64_t n, Status error = Status::IOError("injected sync error"));
  // nullopt removes the limit.
  void SetSpaceLimit(std::optional<uint64_t> bytes);
  void SetSyncDelay(std::chrono::microseconds delay);

  // --- Crash simulation ---------------------------------------------------
  // Loses everything not made durable (see the header comment). Returns the
  // first error the base file system reported while rewinding.
  [[nodiscard]] Status DropUnsyncedData();

  // --- Counters -----------------------------------------------------------
  uint64_t write_count() const;     // WritableFile::Append calls
  uint64_t sync_count() const;      // WritableFile::Sync calls
  uint64_t dir_sync_count() const;  // SyncDir calls
  // Bytes of `path` whose data is durable (its size at its last Sync, or its
  // whole size if not written through this wrapper); nullopt if missing.
  // Ignores whether the file's directory entry is durable.
  std::optional<uint64_t> SyncedSize(const std::string& path);

  // --- FileSystem ---------------------------------------------------------
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

 private:
  struct TrackedFile;  // durability state of one file (follows renames)
  struct WriterState;  // an open writer, closed by DropUnsyncedData
  class FaultWritableFile;

  // Fault decisions for the writer wrapper. BeforeAppend sets *allowed to the
  // bytes that may be written (less than n only when space runs out).
  Status BeforeAppend(const std::string& path, size_t n, size_t* allowed);
  Status BeforeSync();
  void AfterSync(TrackedFile* file, uint64_t size);

  // One not-yet-durable namespace change, undone by DropUnsyncedData.
  struct DirOp {
    enum class Kind { kCreate, kRename, kLink, kDelete };
    Kind kind;
    std::string dir;                   // the directory whose SyncDir makes it durable
    std::string path;                  // created / linked / deleted name, or rename target
    std::string from;                  // rename source
    std::optional<std::string> saved;  // replaced (rename) or deleted contents
  };

  // Durable contents of `path` right now. REQUIRES: mu_ held.
  std::optional<std::string> DurableContents(const std::string& path);
  Status RewriteFile(const std::string& path, Slice contents);

  FileSystem* const base_;
  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<TrackedFile>> tracked_;  // normalized path -> file
  std::vector<DirOp> journal_;
  std::vector<std::weak_ptr<WriterState>> writers_;

  uint64_t writes_ = 0;
  uint64_t syncs_ = 0;
  uint64_t dir_syncs_ = 0;
  uint64_t fail_write_countdown_ = 0;
  Status write_error_;
  uint64_t fail_sync_countdown_ = 0;
  Status sync_error_;
  std::optional<uint64_t> space_left_;
  std::chrono::microseconds sync_delay_{0};
};

}  // namespace strata::storage
