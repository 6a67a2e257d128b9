// MemFileSystem: an in-memory FileSystem for tests (and for tools that want a
// scratch engine without touching disk).
//
// Semantics follow POSIX where the engine can observe them:
//  - Paths are normalized ("a//b/" == "a/b"); parent directories are implicit
//    (creating "d/f" does not require CreateDirIfMissing("d")), but
//    CreateDirIfMissing makes an empty directory visible to GetChildren.
//  - Open files keep their contents alive after DeleteFile or a replacing
//    RenameFile, like an unlinked inode; LinkFile makes two names share one
//    file.
//  - NewWritableFile truncates an existing file.
//  - Everything appended is immediately visible to readers and "durable":
//    Sync() only counts. Power-loss simulation lives in
//    FaultInjectionFileSystem, which can wrap this class.
//  - LockFile returns Busy while another FileLock on the same path is alive.
//
// Thread safety: all methods are thread-safe. A file's bytes are guarded by a
// per-file mutex, the namespace by one file-system mutex.
// LIFETIME: files and locks handed out may outlive the MemFileSystem.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "storage/io/file_system.h"

namespace strata::storage {

class MemFileSystem final : public FileSystem {
 public:
  MemFileSystem();
  ~MemFileSystem() override;
  MemFileSystem(const MemFileSystem&) = delete;
  MemFileSystem& operator=(const MemFileSystem&) = delete;

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

  // Test helpers.
  // Total bytes held by all named files (shared links counted once per name).
  uint64_t TotalFileBytes() const;
  // Replaces a file's contents without going through a WritableFile, e.g. to
  // corrupt bytes in a test. Creates the file when missing.
  void SetFileContents(const std::string& path, std::string contents);

  struct FileData;  // defined in the .cpp; public so file objects can name it
  struct LockTable;

 private:
  std::shared_ptr<FileData> Find(const std::string& normalized) const;  // REQUIRES: mu_ held

  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<FileData>> files_;  // normalized path -> file
  std::set<std::string> dirs_;                              // explicitly created directories
  std::shared_ptr<LockTable> locks_;
};

}  // namespace strata::storage
