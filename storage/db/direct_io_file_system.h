// DirectIoFileSystem: a FileSystem wrapper that asks for O_DIRECT on SSTable
// files only, so EngineOptions::use_direct_io_for_reads /
// use_direct_io_for_compaction_writes reach the table cache and table writers,
// which open files with default FileOptions. WAL, manifest and CURRENT keep
// buffered I/O. "SSTable file" means a name ending in ".sst" (reads) or
// ".sst.tmp" (tables being written, see TableFileWriter).
//
// Thread safety: as the wrapped FileSystem; the wrapper itself is stateless.
// LIFETIME: `base` must outlive the wrapper.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "storage/io/file_system.h"

namespace strata::storage {

class DirectIoFileSystem final : public FileSystem {
 public:
  DirectIoFileSystem(FileSystem* base, bool direct_reads, bool direct_writes)
      : base_(base), direct_reads_(direct_reads), direct_writes_(direct_writes) {}

  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path,
                                                        const FileOptions& options = {}) override;
  Result<std::unique_ptr<SequentialFile>> NewSequentialFile(const std::string& path) override {
    return base_->NewSequentialFile(path);
  }
  Result<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(
      const std::string& path, const FileOptions& options = {}) override;
  bool FileExists(const std::string& path) override { return base_->FileExists(path); }
  Result<uint64_t> GetFileSize(const std::string& path) override {
    return base_->GetFileSize(path);
  }
  Result<std::vector<std::string>> GetChildren(const std::string& dir) override {
    return base_->GetChildren(dir);
  }
  Status CreateDirIfMissing(const std::string& dir) override {
    return base_->CreateDirIfMissing(dir);
  }
  Status DeleteFile(const std::string& path) override { return base_->DeleteFile(path); }
  Status RenameFile(const std::string& from, const std::string& to) override {
    return base_->RenameFile(from, to);
  }
  Status LinkFile(const std::string& from, const std::string& to) override {
    return base_->LinkFile(from, to);
  }
  Status SyncDir(const std::string& dir) override { return base_->SyncDir(dir); }
  Result<std::unique_ptr<FileLock>> LockFile(const std::string& path) override {
    return base_->LockFile(path);
  }

 private:
  FileSystem* const base_;
  const bool direct_reads_;
  const bool direct_writes_;
};

}  // namespace strata::storage
