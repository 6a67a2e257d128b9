// In-memory FileSystem (see mem_file_system.h).
#include "storage/io/mem_file_system.h"

#include <algorithm>
#include <cstring>

#include "storage/io/path.h"

namespace strata::storage {

// One file's bytes; shared by every name (hard link) and open handle.
struct MemFileSystem::FileData {
  mutable std::mutex mu;
  std::string contents;

  uint64_t Size() const {
    std::lock_guard<std::mutex> l(mu);
    return contents.size();
  }
  // Copies up to n bytes at offset into scratch; returns the count copied.
  size_t ReadAt(uint64_t offset, size_t n, char* scratch) const {
    std::lock_guard<std::mutex> l(mu);
    if (offset >= contents.size()) return 0;
    size_t avail = std::min<uint64_t>(n, contents.size() - offset);
    if (avail > 0) std::memcpy(scratch, contents.data() + offset, avail);
    return avail;
  }
};

// Paths currently locked; shared with FileLock objects so a lock may outlive
// the file system.
struct MemFileSystem::LockTable {
  std::mutex mu;
  std::set<std::string> locked;
};

namespace {

using FileData = MemFileSystem::FileData;
using LockTable = MemFileSystem::LockTable;

class MemWritableFile final : public WritableFile {
 public:
  MemWritableFile(std::shared_ptr<FileData> data, std::string path)
      : data_(std::move(data)), path_(std::move(path)) {}

  Status Append(Slice data) override {
    if (closed_) return Status::IOError("append to closed file " + path_);
    std::lock_guard<std::mutex> l(data_->mu);
    data_->contents.append(data.data(), data.size());
    return Status::OK();
  }
  Status Flush() override {
    return closed_ ? Status::IOError("flush of closed file " + path_) : Status::OK();
  }
  Status Sync() override {
    return closed_ ? Status::IOError("sync of closed file " + path_) : Status::OK();
  }
  Status Close() override {
    closed_ = true;
    return Status::OK();
  }
  uint64_t Size() const override { return data_->Size(); }

 private:
  std::shared_ptr<FileData> data_;
  std::string path_;
  bool closed_ = false;
};

class MemSequentialFile final : public SequentialFile {
 public:
  explicit MemSequentialFile(std::shared_ptr<FileData> data) : data_(std::move(data)) {}

  Status Read(size_t n, Slice* result, char* scratch) override {
    size_t got = data_->ReadAt(pos_, n, scratch);
    pos_ += got;
    *result = Slice(scratch, got);
    return Status::OK();
  }
  Status Skip(uint64_t n) override {
    pos_ = std::min(pos_ + n, data_->Size());
    return Status::OK();
  }

 private:
  std::shared_ptr<FileData> data_;
  uint64_t pos_ = 0;
};

class MemRandomAccessFile final : public RandomAccessFile {
 public:
  explicit MemRandomAccessFile(std::shared_ptr<FileData> data) : data_(std::move(data)) {}

  Status Read(uint64_t offset, size_t n, Slice* result, char* scratch) const override {
    *result = Slice(scratch, data_->ReadAt(offset, n, scratch));
    return Status::OK();
  }
  uint64_t Size() const override { return data_->Size(); }

 private:
  std::shared_ptr<FileData> data_;
};

class MemFileLock final : public FileLock {
 public:
  MemFileLock(std::shared_ptr<LockTable> table, std::string path)
      : table_(std::move(table)), path_(std::move(path)) {}
  ~MemFileLock() override {
    std::lock_guard<std::mutex> l(table_->mu);
    table_->locked.erase(path_);
  }

 private:
  std::shared_ptr<LockTable> table_;
  std::string path_;
};

Status NotFoundError(const std::string& what, const std::string& path) {
  return Status::NotFound(what + " " + path + ": No such file or directory");
}

}  // namespace

MemFileSystem::MemFileSystem() : locks_(std::make_shared<LockTable>()) {}
MemFileSystem::~MemFileSystem() = default;

std::shared_ptr<FileData> MemFileSystem::Find(const std::string& normalized) const {
  auto it = files_.find(normalized);
  return it == files_.end() ? nullptr : it->second;
}

Result<std::unique_ptr<WritableFile>> MemFileSystem::NewWritableFile(const std::string& path,
                                                                     const FileOptions&) {
  std::string p = NormalizePath(path);
  std::lock_guard<std::mutex> l(mu_);
  if (dirs_.count(p)) return Status::IOError("open " + path + ": Is a directory");
  auto data = Find(p);
  if (data) {
    std::lock_guard<std::mutex> fl(data->mu);
    data->contents.clear();
  } else {
    data = std::make_shared<FileData>();
    files_[p] = data;
  }
  return std::unique_ptr<WritableFile>(std::make_unique<MemWritableFile>(data, p));
}

Result<std::unique_ptr<SequentialFile>> MemFileSystem::NewSequentialFile(const std::string& path) {
  std::lock_guard<std::mutex> l(mu_);
  auto data = Find(NormalizePath(path));
  if (!data) return NotFoundError("open", path);
  return std::unique_ptr<SequentialFile>(std::make_unique<MemSequentialFile>(data));
}

Result<std::unique_ptr<RandomAccessFile>> MemFileSystem::NewRandomAccessFile(
    const std::string& path, const FileOptions&) {
  std::lock_guard<std::mutex> l(mu_);
  auto data = Find(NormalizePath(path));
  if (!data) return NotFoundError("open", path);
  return std::unique_ptr<RandomAccessFile>(std::make_unique<MemRandomAccessFile>(data));
}

bool MemFileSystem::FileExists(const std::string& path) {
  std::string p = NormalizePath(path);
  std::lock_guard<std::mutex> l(mu_);
  return files_.count(p) > 0 || dirs_.count(p) > 0;
}

Result<uint64_t> MemFileSystem::GetFileSize(const std::string& path) {
  std::lock_guard<std::mutex> l(mu_);
  auto data = Find(NormalizePath(path));
  if (!data) return NotFoundError("stat", path);
  return data->Size();
}

Result<std::vector<std::string>> MemFileSystem::GetChildren(const std::string& dir) {
  const std::string d = NormalizePath(dir);
  std::lock_guard<std::mutex> l(mu_);
  std::set<std::string> children;
  bool dir_exists = dirs_.count(d) > 0 || d == "/" || d == ".";
  // Adds `path` or the ancestor of it that sits directly under d.
  auto consider = [&](const std::string& path) {
    std::string cur = path;
    while (true) {
      std::string parent = DirName(cur);
      if (parent == d) {
        children.insert(BaseName(cur));
        dir_exists = true;
        return;
      }
      if (parent == cur || parent == "." || parent == "/") return;
      cur = parent;
    }
  };
  for (const auto& [path, data] : files_) consider(path);
  for (const auto& path : dirs_) consider(path);
  if (!dir_exists) return NotFoundError("opendir", dir);
  return std::vector<std::string>(children.begin(), children.end());
}

Status MemFileSystem::CreateDirIfMissing(const std::string& dir) {
  std::string d = NormalizePath(dir);
  std::lock_guard<std::mutex> l(mu_);
  if (files_.count(d)) return Status::IOError("mkdir " + dir + ": File exists");
  dirs_.insert(d);
  return Status::OK();
}

Status MemFileSystem::DeleteFile(const std::string& path) {
  std::lock_guard<std::mutex> l(mu_);
  if (files_.erase(NormalizePath(path)) == 0) return NotFoundError("unlink", path);
  return Status::OK();
}

Status MemFileSystem::RenameFile(const std::string& from, const std::string& to) {
  std::string f = NormalizePath(from);
  std::string t = NormalizePath(to);
  std::lock_guard<std::mutex> l(mu_);
  auto data = Find(f);
  if (!data) return NotFoundError("rename", from);
  if (dirs_.count(t)) return Status::IOError("rename " + from + " to " + to + ": Is a directory");
  if (f == t) return Status::OK();
  files_.erase(f);
  files_[t] = std::move(data);
  return Status::OK();
}

Status MemFileSystem::LinkFile(const std::string& from, const std::string& to) {
  std::string f = NormalizePath(from);
  std::string t = NormalizePath(to);
  std::lock_guard<std::mutex> l(mu_);
  auto data = Find(f);
  if (!data) return NotFoundError("link", from);
  if (files_.count(t) || dirs_.count(t)) {
    return Status::IOError("link " + from + " to " + to + ": File exists");
  }
  files_[t] = std::move(data);
  return Status::OK();
}

Status MemFileSystem::SyncDir(const std::string&) { return Status::OK(); }

Result<std::unique_ptr<FileLock>> MemFileSystem::LockFile(const std::string& path) {
  std::string p = NormalizePath(path);
  {
    std::lock_guard<std::mutex> l(mu_);
    if (!Find(p)) files_[p] = std::make_shared<FileData>();  // lock files exist, like POSIX
  }
  std::lock_guard<std::mutex> l(locks_->mu);
  if (!locks_->locked.insert(p).second) return Status::Busy("lock " + path + ": already held");
  return std::unique_ptr<FileLock>(std::make_unique<MemFileLock>(locks_, p));
}

uint64_t MemFileSystem::TotalFileBytes() const {
  std::lock_guard<std::mutex> l(mu_);
  uint64_t total = 0;
  for (const auto& [path, data] : files_) total += data->Size();
  return total;
}

void MemFileSystem::SetFileContents(const std::string& path, std::string contents) {
  std::string p = NormalizePath(path);
  std::lock_guard<std::mutex> l(mu_);
  auto data = Find(p);
  if (!data) {
    data = std::make_shared<FileData>();
    files_[p] = data;
  }
  std::lock_guard<std::mutex> fl(data->mu);
  data->contents = std::move(contents);
}

}  // namespace strata::storage
