// SpillFile and the spill directory (see spill_file.h).
#include "sql/executor/spill_file.h"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <optional>
#include <variant>
#include <vector>

#include "common/sql_error.h"
#include "sql/executor/row_bytes.h"
#include "sql/settings/session_settings.h"
#include "sql/storage_format/storage_type.h"
#include "sql/types/array_value.h"
#include "sql/types/datetime.h"
#include "sql/types/numeric.h"
#include "sql/types/record_value.h"
#include "sql/types/type_io.h"

namespace strata::sql {

namespace {

std::mutex dir_mu;
std::string spill_dir;  // guarded by dir_mu

[[noreturn]] void IoError(const std::string& what) {
  throw SqlError(SqlState::kIoError,
                 "could not " + what + " temporary file: " + std::strerror(errno));
}

[[noreturn]] void Truncated() {
  throw SqlError(SqlState::kIoError, "could not read from temporary file: unexpected end");
}

// Copies `n` bytes out of a read buffer [*pos, *end) of `buf`, calling
// `refill` (which resets pos and end) whenever it runs dry: false when the
// input ends before the first byte, Truncated() when it ends part way.
template <typename Refill>
bool ReadBuffered(const char* buf, size_t* pos, size_t* end, void* data, size_t n,
                  Refill refill) {
  char* p = static_cast<char*>(data);
  bool first = true;
  while (n > 0) {
    if (*pos == *end && !refill()) {
      if (first) return false;
      Truncated();
    }
    first = false;
    const size_t take = std::min(n, *end - *pos);
    std::memcpy(p, buf + *pos, take);
    *pos += take;
    p += take;
    n -= take;
  }
  return true;
}

// Emptied spill files kept open for reuse: a grace hash join opens a few
// hundred at once, and making (and unlinking) that many inodes showed up as
// ~7% of a spilled join on ext4, whose inode allocator scans past recently
// deleted ones. Each is already unlinked and truncated to zero bytes.
constexpr size_t kMaxIdleFiles = 300;
std::mutex idle_mu;
std::vector<std::FILE*>& IdleFiles() {  // guarded by idle_mu
  static auto* files = new std::vector<std::FILE*>();
  return *files;
}

std::FILE* TakeIdleFile() {
  std::lock_guard<std::mutex> lock(idle_mu);
  std::vector<std::FILE*>& idle = IdleFiles();
  if (idle.empty()) return nullptr;
  std::FILE* f = idle.back();
  idle.pop_back();
  return f;
}

// Empties `f` and keeps it for reuse, or closes it.
void ReleaseFile(std::FILE* f) {
  if (ftruncate(fileno(f), 0) == 0 && std::fseek(f, 0, SEEK_SET) == 0) {
    std::clearerr(f);
    std::lock_guard<std::mutex> lock(idle_mu);
    std::vector<std::FILE*>& idle = IdleFiles();
    if (idle.size() < kMaxIdleFiles) {
      idle.push_back(f);
      return;
    }
  }
  std::fclose(f);
}

}  // namespace

void SetSpillDirectory(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  // Leftovers of an earlier run (files are unlinked at creation, so only a
  // crash between mkstemp and unlink leaves any).
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::filesystem::remove_all(entry.path(), ec);
  }
  std::lock_guard<std::mutex> lock(dir_mu);
  spill_dir = dir;
}

std::string SpillDirectory() {
  std::lock_guard<std::mutex> lock(dir_mu);
  if (!spill_dir.empty()) return spill_dir;
  std::error_code ec;
  std::filesystem::path tmp = std::filesystem::temp_directory_path(ec);
  return ec ? std::string("/tmp") : tmp.string();
}

int64_t WorkMemBytes() {
  try {
    return CurrentSessionSettings().IntValue("work_mem") * 1024;
  } catch (const SqlError&) {
    return int64_t{4} * 1024 * 1024;
  }
}

int64_t MaintenanceWorkMemBytes() {
  try {
    return CurrentSessionSettings().IntValue("maintenance_work_mem") * 1024;
  } catch (const SqlError&) {
    return int64_t{64} * 1024 * 1024;
  }
}

size_t RowMemory(const Row& row) {
  size_t n = sizeof(Row) + row.capacity() * sizeof(Value);
  for (const Value& v : row) {
    if (v.is_null()) continue;
    const std::optional<StorageType> storage = StorageTypeOf(v.type());
    if (storage == StorageType::kBytes) {
      n += v.string_value().capacity();
    } else if (!storage || *storage == StorageType::kNumeric || *storage == StorageType::kArray ||
               *storage == StorageType::kRange) {
      n += 32;
    }
  }
  return n;
}

SpillFile::SpillFile() {
  buf_ = std::make_unique_for_overwrite<char[]>(kBufferSize);
  file_ = TakeIdleFile();
  if (file_ != nullptr) return;
  std::string dir = SpillDirectory();
  std::string path = dir + "/strata-spill-XXXXXX";
  int fd = mkstemp(path.data());
  if (fd < 0 && errno == ENOENT) {
    // The directory went away (a test's data directory): make it again.
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    path = dir + "/strata-spill-XXXXXX";
    fd = mkstemp(path.data());
  }
  if (fd < 0) IoError("create");
  unlink(path.c_str());  // nameless from now on: gone when closed
  file_ = fdopen(fd, "w+b");
  if (file_ == nullptr) {
    close(fd);
    IoError("open");
  }
  std::setvbuf(file_, nullptr, _IONBF, 0);
}

SpillFile::~SpillFile() {
  if (file_ != nullptr) ReleaseFile(file_);
}

void SpillFile::Flush() {
  if (pos_ == 0) return;
  // Unlocked stdio: a SpillFile belongs to one thread.
  if (fwrite_unlocked(buf_.get(), 1, pos_, file_) != pos_) {
    if (errno == ENOSPC) {
      throw SqlError(SqlState::kDiskFull, "could not write to temporary file: No space left on device");
    }
    IoError("write to");
  }
  pos_ = 0;
}

void SpillFile::PutSlow(const void* data, size_t n) {
  bytes_ += n;
  const char* p = static_cast<const char*>(data);
  while (n > 0) {
    if (pos_ == kBufferSize) Flush();
    const size_t take = std::min(n, kBufferSize - pos_);
    std::memcpy(buf_.get() + pos_, p, take);
    pos_ += take;
    p += take;
    n -= take;
  }
}

// Reads the next chunk into the buffer; false at the end of the file.
bool SpillFile::Refill() {
  pos_ = 0;
  end_ = fread_unlocked(buf_.get(), 1, kBufferSize, file_);
  if (end_ == 0 && std::ferror(file_)) IoError("read from");
  return end_ > 0;
}

bool SpillFile::GetSlow(void* data, size_t n) {
  if (n == 0) return true;
  return ReadBuffered(buf_.get(), &pos_, &end_, data, n, [this] { return Refill(); });
}

void SpillFile::PutString(std::string_view s) {
  const auto n = static_cast<uint32_t>(s.size());
  Put(&n, sizeof(n));
  Put(s.data(), s.size());
}

bool SpillFile::GetString(std::string* s) {
  uint32_t n = 0;
  if (!Get(&n, sizeof(n))) return false;
  s->resize(n);
  if (n > 0 && !Get(s->data(), n)) Truncated();
  return true;
}

void SpillFile::WriteRow(const Row& row) {
  scratch_.clear();
  AppendRowBytes(row, &scratch_);
  PutString(scratch_);
  ++rows_;
}

void SpillFile::WriteKeyedRow(std::string_view key, const Row& row) {
  PutString(key);
  WriteRow(row);
}

void SpillFile::WriteKeyValue(std::string_view key, std::string_view value) {
  PutString(key);
  PutString(value);
  ++rows_;
}

void SpillFile::Rewind() {
  if (!reading_) Flush();
  if (std::fflush(file_) != 0) IoError("write to");
  std::rewind(file_);
  reading_ = true;
  pos_ = 0;
  end_ = 0;
}

void SpillFile::SeekRead(uint64_t offset) {
  if (!reading_) {
    Flush();
    if (std::fflush(file_) != 0) IoError("write to");
  }
  if (fseeko(file_, static_cast<off_t>(offset), SEEK_SET) != 0) IoError("seek in");
  reading_ = true;
  pos_ = 0;
  end_ = 0;
}

bool SpillFile::ReadRow(Row* row) {
  if (!GetString(&scratch_)) return false;
  std::string_view in = scratch_;
  ReadRowBytes(&in, row);
  return true;
}

bool SpillFile::ReadKeyedRow(std::string* key, Row* row) {
  if (!GetString(key)) return false;
  if (!ReadRow(row)) Truncated();
  return true;
}

void SpillFile::FinishWrites() {
  if (!reading_) Flush();
  if (std::fflush(file_) != 0) IoError("write to");
  reading_ = true;
  pos_ = 0;
  end_ = 0;
}

SpillFile::KeyValueCursor::KeyValueCursor(const SpillFile* file, uint64_t offset)
    : fd_(fileno(file->file_)),
      file_offset_(offset),
      buf_(std::make_unique_for_overwrite<char[]>(kBufferSize)) {}

bool SpillFile::KeyValueCursor::Refill() {
  ssize_t n;
  do {
    n = pread(fd_, buf_.get(), kBufferSize, static_cast<off_t>(file_offset_));
  } while (n < 0 && errno == EINTR);
  if (n < 0) IoError("read from");
  pos_ = 0;
  end_ = static_cast<size_t>(n);
  file_offset_ += end_;
  return end_ > 0;
}

bool SpillFile::KeyValueCursor::Get(void* data, size_t n) {
  return ReadBuffered(buf_.get(), &pos_, &end_, data, n, [this] { return Refill(); });
}

bool SpillFile::KeyValueCursor::GetString(std::string* s) {
  uint32_t n = 0;
  if (!Get(&n, sizeof(n))) return false;
  s->resize(n);
  if (n > 0 && !Get(s->data(), n)) Truncated();
  return true;
}

bool SpillFile::KeyValueCursor::Next(std::string* key, std::string* value) {
  if (!GetString(key)) return false;
  if (!GetString(value)) Truncated();
  return true;
}

bool SpillFile::ReadKeyValue(std::string* key, std::string* value) {
  if (!GetString(key)) return false;
  if (!GetString(value)) Truncated();
  return true;
}

}  // namespace strata::sql
