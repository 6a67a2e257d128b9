// POSIX FileSystem with io_uring reads and an O_DIRECT option
// (see posix_file_system.h).
#include "storage/io/posix_file_system.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <set>

#include "storage/io/aligned_buffer.h"
#include "storage/io/io_uring_reader.h"
#include "storage/io/path.h"

namespace strata::storage {

namespace {

using Stats = PosixFileSystem::Stats;

Status ErrnoStatus(int err, const std::string& context) {
  if (err == ENOENT) return Status::NotFound(context + ": " + std::strerror(err));
  return Status::FromErrno(err, context);
}

int CloseFd(int fd) {
  // close(2) must not be retried on EINTR on Linux: the descriptor is gone.
  return ::close(fd);
}

// Opens path, trying O_DIRECT first when asked. *direct says what we got.
int OpenMaybeDirect(const std::string& path, int flags, mode_t mode, bool want_direct, bool* direct,
                    Stats* stats) {
  *direct = false;
  if (want_direct) {
    int fd;
    do {
      fd = ::open(path.c_str(), flags | O_DIRECT | O_CLOEXEC, mode);
    } while (fd < 0 && errno == EINTR);
    if (fd >= 0) {
      *direct = true;
      stats->direct_io_opens.fetch_add(1, std::memory_order_relaxed);
      return fd;
    }
    if (errno != EINVAL) return fd;  // a real error (ENOENT, EACCES, ...)
    stats->direct_io_fallbacks.fetch_add(1, std::memory_order_relaxed);
  }
  int fd;
  do {
    fd = ::open(path.c_str(), flags | O_CLOEXEC, mode);
  } while (fd < 0 && errno == EINTR);
  return fd;
}

// ---------------------------------------------------------------------------
// WritableFile

class PosixWritableFile final : public WritableFile {
 public:
  PosixWritableFile(std::string path, int fd, size_t buffer_size, bool direct)
      : path_(std::move(path)), fd_(fd), direct_(direct) {
    if (direct_) {
      dbuf_ = AlignedBuffer(std::max(buffer_size, kDirectIoAlignment));
    } else {
      buffer_size_ = buffer_size;
      buf_.reserve(buffer_size_);
    }
  }
  ~PosixWritableFile() override {
    if (fd_ >= 0) (void)Close();
  }

  Status Append(Slice data) override {
    if (fd_ < 0) return Status::IOError("append to closed file " + path_);
    STRATA_RETURN_IF_ERROR(sticky_);
    Status s = direct_ ? AppendDirect(data) : AppendBuffered(data);
    if (s.ok()) size_ += data.size();
    return s;
  }

  Status Flush() override {
    if (fd_ < 0) return Status::IOError("flush of closed file " + path_);
    STRATA_RETURN_IF_ERROR(sticky_);
    return direct_ ? FlushDirect() : FlushBuffered();
  }

  Status Sync() override {
    STRATA_RETURN_IF_ERROR(Flush());
    if (::fdatasync(fd_) != 0) return Fail(errno, "fdatasync");
    return Status::OK();
  }

  Status Close() override {
    if (fd_ < 0) return Status::OK();
    Status s = sticky_.ok() ? (direct_ ? FlushDirect() : FlushBuffered()) : sticky_;
    if (CloseFd(fd_) != 0 && s.ok()) s = ErrnoStatus(errno, "close " + path_);
    fd_ = -1;
    return s;
  }

  uint64_t Size() const override { return size_; }

 private:
  // A failed write leaves the file's tail unknown, so every later call fails
  // too; the caller must start a new file.
  Status Fail(int err, const char* op) {
    sticky_ = ErrnoStatus(err, std::string(op) + " " + path_);
    return sticky_;
  }

  Status WriteAll(const char* p, size_t n) {
    while (n > 0) {
      ssize_t w = ::write(fd_, p, n);
      if (w < 0) {
        if (errno == EINTR) continue;
        return Fail(errno, "write");
      }
      p += w;
      n -= static_cast<size_t>(w);
    }
    return Status::OK();
  }

  Status PwriteAll(const char* p, size_t n, uint64_t offset) {
    while (n > 0) {
      ssize_t w = ::pwrite(fd_, p, n, static_cast<off_t>(offset));
      if (w < 0) {
        if (errno == EINTR) continue;
        return Fail(errno, "pwrite");
      }
      p += w;
      n -= static_cast<size_t>(w);
      offset += static_cast<uint64_t>(w);
    }
    return Status::OK();
  }

  Status AppendBuffered(Slice data) {
    if (buf_.size() + data.size() <= buffer_size_) {
      buf_.append(data.data(), data.size());
      return Status::OK();
    }
    STRATA_RETURN_IF_ERROR(FlushBuffered());
    if (data.size() <= buffer_size_) {
      buf_.append(data.data(), data.size());
      return Status::OK();
    }
    return WriteAll(data.data(), data.size());
  }

  Status FlushBuffered() {
    if (buf_.empty()) return Status::OK();
    Status s = WriteAll(buf_.data(), buf_.size());
    buf_.clear();
    return s;
  }

  // dbuf_ holds file bytes [dbuf_offset_, dbuf_offset_ + dbuf_len_), with
  // dbuf_offset_ aligned. Full buffers are written as they fill.
  Status AppendDirect(Slice data) {
    if (dbuf_.data() == nullptr) return Status::IOError("out of memory for O_DIRECT buffer");
    while (!data.empty()) {
      size_t n = std::min(dbuf_.capacity() - dbuf_len_, data.size());
      std::memcpy(dbuf_.data() + dbuf_len_, data.data(), n);
      dbuf_len_ += n;
      data.remove_prefix(n);
      if (dbuf_len_ == dbuf_.capacity()) {
        STRATA_RETURN_IF_ERROR(PwriteAll(dbuf_.data(), dbuf_len_, dbuf_offset_));
        dbuf_offset_ += dbuf_len_;
        dbuf_len_ = 0;
        flushed_len_ = 0;
      }
    }
    return Status::OK();
  }

  // Writes everything buffered, padding the partial last block with zeros,
  // then trims the file to its logical size. The partial block stays in the
  // buffer and is rewritten in place by the next flush.
  Status FlushDirect() {
    if (dbuf_len_ == 0 || flushed_len_ == dbuf_len_) return Status::OK();
    size_t padded = AlignUp(dbuf_len_, kDirectIoAlignment);
    std::memset(dbuf_.data() + dbuf_len_, 0, padded - dbuf_len_);
    STRATA_RETURN_IF_ERROR(PwriteAll(dbuf_.data(), padded, dbuf_offset_));
    if (padded != dbuf_len_ &&
        ::ftruncate(fd_, static_cast<off_t>(dbuf_offset_ + dbuf_len_)) != 0) {
      return Fail(errno, "ftruncate");
    }
    size_t full = AlignDown(dbuf_len_, kDirectIoAlignment);
    std::memmove(dbuf_.data(), dbuf_.data() + full, dbuf_len_ - full);
    dbuf_offset_ += full;
    dbuf_len_ -= full;
    flushed_len_ = dbuf_len_;
    return Status::OK();
  }

  const std::string path_;
  int fd_;
  const bool direct_;
  uint64_t size_ = 0;  // logical bytes appended
  Status sticky_;
  // Buffered mode.
  size_t buffer_size_ = 0;
  std::string buf_;
  // Direct mode.
  AlignedBuffer dbuf_;
  size_t dbuf_len_ = 0;
  uint64_t dbuf_offset_ = 0;
  size_t flushed_len_ = 0;  // prefix of dbuf_ already on disk (partial block)
};

// ---------------------------------------------------------------------------
// SequentialFile

class PosixSequentialFile final : public SequentialFile {
 public:
  PosixSequentialFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~PosixSequentialFile() override { CloseFd(fd_); }

  Status Read(size_t n, Slice* result, char* scratch) override {
    size_t got = 0;
    while (got < n) {
      ssize_t r = ::read(fd_, scratch + got, n - got);
      if (r < 0) {
        if (errno == EINTR) continue;
        *result = Slice(scratch, 0);
        return ErrnoStatus(errno, "read " + path_);
      }
      if (r == 0) break;
      got += static_cast<size_t>(r);
    }
    *result = Slice(scratch, got);
    return Status::OK();
  }

  Status Skip(uint64_t n) override {
    if (::lseek(fd_, static_cast<off_t>(n), SEEK_CUR) == static_cast<off_t>(-1)) {
      return ErrnoStatus(errno, "lseek " + path_);
    }
    return Status::OK();
  }

 private:
  const std::string path_;
  const int fd_;
};

// ---------------------------------------------------------------------------
// RandomAccessFile

class PosixRandomAccessFile final : public RandomAccessFile {
 public:
  PosixRandomAccessFile(std::string path, int fd, uint64_t size, bool direct, bool use_uring,
                        std::shared_ptr<Stats> stats)
      : path_(std::move(path)),
        fd_(fd),
        size_(size),
        direct_(direct),
        use_uring_(use_uring),
        stats_(std::move(stats)) {}
  ~PosixRandomAccessFile() override { CloseFd(fd_); }

  Status Read(uint64_t offset, size_t n, Slice* result, char* scratch) const override {
    ReadRequest req;
    req.offset = offset;
    req.length = n;
    req.scratch = scratch;
    Status s = ReadBatch(&req, 1);
    *result = req.result;
    return s;
  }

  Status MultiRead(std::vector<ReadRequest>* requests) const override {
    return ReadBatch(requests->data(), requests->size());
  }

  uint64_t Size() const override { return size_; }

 private:
  void Submit(PositionalRead* reads, size_t n) const {
    if (use_uring_ && IoUringReader::ReadAll(fd_, reads, n, direct_)) {
      stats_->io_uring_reads.fetch_add(n, std::memory_order_relaxed);
    } else {
      PreadAll(fd_, reads, n, direct_);
      stats_->pread_reads.fetch_add(n, std::memory_order_relaxed);
    }
  }

  Status ErrorFor(const ReadRequest& req, int err) const {
    return ErrnoStatus(err, "read " + path_ + " at offset " + std::to_string(req.offset));
  }

  Status ReadBatch(ReadRequest* reqs, size_t n) const {
    std::vector<PositionalRead> reads(n);
    AlignedBuffer bounce;
    if (!direct_) {
      for (size_t i = 0; i < n; ++i) {
        reads[i].offset = reqs[i].offset;
        reads[i].length = reqs[i].length;
        reads[i].buf = reqs[i].scratch;
      }
    } else {
      // O_DIRECT: read the covering aligned range into one bounce buffer.
      size_t total = 0;
      for (size_t i = 0; i < n; ++i) {
        uint64_t begin = AlignDown(reqs[i].offset, kDirectIoAlignment);
        uint64_t end = AlignUp(reqs[i].offset + reqs[i].length, kDirectIoAlignment);
        reads[i].offset = begin;
        reads[i].length = static_cast<size_t>(end - begin);
        total += reads[i].length;
      }
      bounce = AlignedBuffer(total);
      if (bounce.data() == nullptr) return Status::IOError("out of memory for O_DIRECT read");
      size_t pos = 0;
      for (size_t i = 0; i < n; ++i) {
        reads[i].buf = bounce.data() + pos;
        pos += reads[i].length;
      }
    }
    Submit(reads.data(), n);

    Status first;
    for (size_t i = 0; i < n; ++i) {
      ReadRequest& req = reqs[i];
      const PositionalRead& r = reads[i];
      if (r.error != 0) {
        req.status = ErrorFor(req, r.error);
        req.result = Slice(req.scratch, 0);
        if (first.ok()) first = req.status;
        continue;
      }
      req.status = Status::OK();
      if (!direct_) {
        req.result = Slice(req.scratch, r.bytes_read);
      } else {
        size_t skip = static_cast<size_t>(req.offset - r.offset);
        size_t got = r.bytes_read > skip ? std::min(req.length, r.bytes_read - skip) : 0;
        if (got > 0) std::memcpy(req.scratch, r.buf + skip, got);
        req.result = Slice(req.scratch, got);
      }
    }
    return first;
  }

  const std::string path_;
  const int fd_;
  const uint64_t size_;
  const bool direct_;
  const bool use_uring_;
  std::shared_ptr<Stats> stats_;
};

// ---------------------------------------------------------------------------
// FileLock

// Paths locked by this process; flock alone would also refuse a second lock
// from this process (separate open file descriptions), but the table makes the
// rule explicit and independent of the file system.
struct ProcessLocks {
  std::mutex mu;
  std::set<std::string> paths;
};
ProcessLocks& Locks() {
  static ProcessLocks locks;
  return locks;
}

class PosixFileLock final : public FileLock {
 public:
  PosixFileLock(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~PosixFileLock() override {
    (void)::flock(fd_, LOCK_UN);
    CloseFd(fd_);
    std::lock_guard<std::mutex> l(Locks().mu);
    Locks().paths.erase(path_);
  }

 private:
  const std::string path_;
  const int fd_;
};

}  // namespace

// ---------------------------------------------------------------------------
// PosixFileSystem

PosixFileSystem::PosixFileSystem(PosixFileSystemOptions options)
    : options_(options),
      io_uring_enabled_(options.use_io_uring && IoUringReader::Available()),
      stats_(std::make_shared<Stats>()) {}

PosixFileSystem::~PosixFileSystem() = default;

Result<std::unique_ptr<WritableFile>> PosixFileSystem::NewWritableFile(const std::string& path,
                                                                       const FileOptions& options) {
  bool direct = false;
  int fd = OpenMaybeDirect(path, O_WRONLY | O_CREAT | O_TRUNC, 0644, options.use_direct_io, &direct,
                           stats_.get());
  if (fd < 0) return ErrnoStatus(errno, "open " + path);
  return std::unique_ptr<WritableFile>(
      std::make_unique<PosixWritableFile>(path, fd, options_.writable_buffer_size, direct));
}

Result<std::unique_ptr<SequentialFile>> PosixFileSystem::NewSequentialFile(
    const std::string& path) {
  int fd;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return ErrnoStatus(errno, "open " + path);
  return std::unique_ptr<SequentialFile>(std::make_unique<PosixSequentialFile>(path, fd));
}

Result<std::unique_ptr<RandomAccessFile>> PosixFileSystem::NewRandomAccessFile(
    const std::string& path, const FileOptions& options) {
  bool direct = false;
  int fd = OpenMaybeDirect(path, O_RDONLY, 0, options.use_direct_io, &direct, stats_.get());
  if (fd < 0) return ErrnoStatus(errno, "open " + path);
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    CloseFd(fd);
    return ErrnoStatus(err, "fstat " + path);
  }
  return std::unique_ptr<RandomAccessFile>(std::make_unique<PosixRandomAccessFile>(
      path, fd, static_cast<uint64_t>(st.st_size), direct, io_uring_enabled_, stats_));
}

bool PosixFileSystem::FileExists(const std::string& path) {
  return ::access(path.c_str(), F_OK) == 0;
}

Result<uint64_t> PosixFileSystem::GetFileSize(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return ErrnoStatus(errno, "stat " + path);
  return static_cast<uint64_t>(st.st_size);
}

Result<std::vector<std::string>> PosixFileSystem::GetChildren(const std::string& dir) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return ErrnoStatus(errno, "opendir " + dir);
  std::vector<std::string> out;
  errno = 0;
  while (struct dirent* e = ::readdir(d)) {
    std::string_view name(e->d_name);
    if (name != "." && name != "..") out.emplace_back(name);
  }
  int err = errno;
  ::closedir(d);
  if (err != 0) return ErrnoStatus(err, "readdir " + dir);
  return out;
}

Status PosixFileSystem::CreateDirIfMissing(const std::string& dir) {
  if (::mkdir(dir.c_str(), 0755) == 0) return Status::OK();
  int err = errno;
  if (err == EEXIST) {
    struct stat st;
    if (::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return Status::OK();
  }
  return ErrnoStatus(err, "mkdir " + dir);
}

Status PosixFileSystem::DeleteFile(const std::string& path) {
  if (::unlink(path.c_str()) != 0) return ErrnoStatus(errno, "unlink " + path);
  return Status::OK();
}

Status PosixFileSystem::RenameFile(const std::string& from, const std::string& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) {
    return ErrnoStatus(errno, "rename " + from + " to " + to);
  }
  return Status::OK();
}

Status PosixFileSystem::LinkFile(const std::string& from, const std::string& to) {
  if (::link(from.c_str(), to.c_str()) != 0)
    return ErrnoStatus(errno, "link " + from + " to " + to);
  return Status::OK();
}

Status PosixFileSystem::SyncDir(const std::string& dir) {
  int fd;
  do {
    fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return ErrnoStatus(errno, "open directory " + dir);
  Status s;
  if (::fsync(fd) != 0) s = ErrnoStatus(errno, "fsync directory " + dir);
  CloseFd(fd);
  return s;
}

Result<std::unique_ptr<FileLock>> PosixFileSystem::LockFile(const std::string& path) {
  const std::string key = NormalizePath(path);
  {
    std::lock_guard<std::mutex> l(Locks().mu);
    if (!Locks().paths.insert(key).second) {
      return Status::Busy("lock " + path + ": already held by this process");
    }
  }
  auto release_key = [&key] {
    std::lock_guard<std::mutex> l(Locks().mu);
    Locks().paths.erase(key);
  };
  int fd;
  do {
    fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    int err = errno;
    release_key();
    return ErrnoStatus(err, "open lock file " + path);
  }
  int rc;
  do {
    rc = ::flock(fd, LOCK_EX | LOCK_NB);
  } while (rc != 0 && errno == EINTR);
  if (rc != 0) {
    int err = errno;
    CloseFd(fd);
    release_key();
    if (err == EWOULDBLOCK) return Status::Busy("lock " + path + ": held by another process");
    return ErrnoStatus(err, "flock " + path);
  }
  return std::unique_ptr<FileLock>(std::make_unique<PosixFileLock>(key, fd));
}

FileSystem* DefaultFileSystem() {
  static PosixFileSystem fs;
  return &fs;
}

}  // namespace strata::storage
