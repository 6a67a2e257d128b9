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

#include "common/sql_error.h"
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

// Payload tags of the serialized Value.
enum : uint8_t {
  kNull = 0,
  kBool = 1,
  kInt = 2,
  kFloat = 3,
  kString = 4,
  kText = 5,  // numeric, arrays: their text form, read back with InputValue
  kInterval = 6,
  kRecord = 7,  // a composite value: its field count, its record typmod, then each field
};

[[noreturn]] void IoError(const std::string& what) {
  throw SqlError(SqlState::kIoError,
                 "could not " + what + " temporary file: " + std::strerror(errno));
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
    } else if (!storage || *storage == StorageType::kNumeric || *storage == StorageType::kArray) {
      n += 32;
    }
  }
  return n;
}

SpillFile::SpillFile() {
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
  buf_ = std::make_unique<char[]>(kBufferSize);
}

SpillFile::~SpillFile() {
  if (file_ != nullptr) std::fclose(file_);
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
  char* p = static_cast<char*>(data);
  bool first = true;
  while (n > 0) {
    if (pos_ == end_ && !Refill()) {
      if (first) return false;
      throw SqlError(SqlState::kIoError, "could not read from temporary file: unexpected end");
    }
    first = false;
    const size_t take = std::min(n, end_ - pos_);
    std::memcpy(p, buf_.get() + pos_, take);
    pos_ += take;
    p += take;
    n -= take;
  }
  return true;
}

void SpillFile::PutString(std::string_view s) {
  const auto n = static_cast<uint32_t>(s.size());
  Put(&n, sizeof(n));
  Put(s.data(), s.size());
}

std::string SpillFile::GetString() {
  uint32_t n = 0;
  if (!Get(&n, sizeof(n))) {
    throw SqlError(SqlState::kIoError, "could not read from temporary file: unexpected end");
  }
  std::string s(n, '\0');
  if (n > 0 && !Get(s.data(), n)) {
    throw SqlError(SqlState::kIoError, "could not read from temporary file: unexpected end");
  }
  return s;
}

void SpillFile::PutValue(const Value& v) {
  const Oid type = v.type();
  Put(&type, sizeof(type));
  uint8_t tag = kNull;
  if (v.is_null()) {
    Put(&tag, 1);
    return;
  }
  // The payload a type's values carry is what the row codec stores;
  // composite values (whose anonymous records have no input function) go
  // field by field.
  const std::optional<StorageType> storage =
      v.is_record() ? std::nullopt : StorageTypeOf(type);
  if (storage) {
    switch (*storage) {
      case StorageType::kBool: {
        tag = kBool;
        Put(&tag, 1);
        const uint8_t b = v.bool_value() ? 1 : 0;
        Put(&b, 1);
        return;
      }
      case StorageType::kInt2:
      case StorageType::kInt4:
      case StorageType::kInt8: {
        tag = kInt;
        Put(&tag, 1);
        const int64_t i = v.int_value();
        Put(&i, sizeof(i));
        return;
      }
      case StorageType::kFloat4:
      case StorageType::kFloat8: {
        tag = kFloat;
        Put(&tag, 1);
        const double d = v.float_value();
        Put(&d, sizeof(d));
        return;
      }
      case StorageType::kInterval: {
        tag = kInterval;
        Put(&tag, 1);
        const Interval& iv = v.interval_value();
        Put(&iv.time, sizeof(iv.time));
        Put(&iv.day, sizeof(iv.day));
        Put(&iv.month, sizeof(iv.month));
        return;
      }
      case StorageType::kBytes:
        tag = kString;
        Put(&tag, 1);
        PutString(v.string_value());
        return;
      case StorageType::kNumeric:
      case StorageType::kArray:
        break;  // as text
    }
  } else if (v.is_record()) {
    tag = kRecord;
    Put(&tag, 1);
    const std::vector<Value>& fields = v.record_value().fields;
    const auto n = static_cast<uint32_t>(fields.size());
    Put(&n, sizeof(n));
    const int32_t typmod = v.record_value().typmod;
    Put(&typmod, sizeof(typmod));
    for (const Value& field : fields) PutValue(field);
    return;
  } else {
    try {  // unknown-type literals and other string payloads
      const std::string& s = v.string_value();
      tag = kString;
      Put(&tag, 1);
      PutString(s);
      return;
    } catch (const std::bad_variant_access&) {
    }
  }
  tag = kText;
  Put(&tag, 1);
  PutString(OutputValue(v));
}

Value SpillFile::GetValue() {
  Oid type = 0;
  uint8_t tag = 0;
  if (!Get(&type, sizeof(type)) || !Get(&tag, 1)) {
    throw SqlError(SqlState::kIoError, "could not read from temporary file: unexpected end");
  }
  switch (tag) {
    case kNull:
      return Value::Null(type);
    case kBool: {
      uint8_t b = 0;
      Get(&b, 1);
      return Value::Bool(b != 0).Relabel(type);
    }
    case kInt: {
      int64_t i = 0;
      Get(&i, sizeof(i));
      return Value::Integer(type, i);
    }
    case kFloat: {
      double d = 0;
      Get(&d, sizeof(d));
      return Value::Float8(d).Relabel(type);
    }
    case kInterval: {
      Interval iv;
      Get(&iv.time, sizeof(iv.time));
      Get(&iv.day, sizeof(iv.day));
      Get(&iv.month, sizeof(iv.month));
      return Value::FromInterval(iv).Relabel(type);
    }
    case kString:
      return Value::String(type, GetString());
    case kText:
      return InputValue(type, GetString());
    case kRecord: {
      uint32_t n = 0;
      Get(&n, sizeof(n));
      int32_t typmod = -1;
      Get(&typmod, sizeof(typmod));
      std::vector<Value> fields;
      fields.reserve(n);
      for (uint32_t i = 0; i < n; ++i) fields.push_back(GetValue());
      return MakeRecord(std::move(fields), type, typmod);
    }
    default:
      throw SqlError(SqlState::kIoError, "could not read from temporary file: bad value");
  }
}

void SpillFile::WriteRow(const Row& row) {
  const auto n = static_cast<uint32_t>(row.size());
  Put(&n, sizeof(n));
  for (const Value& v : row) PutValue(v);
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
  uint32_t n = 0;
  if (!Get(&n, sizeof(n))) return false;
  row->clear();
  row->reserve(n);
  for (uint32_t i = 0; i < n; ++i) row->push_back(GetValue());
  return true;
}

bool SpillFile::ReadKeyedRow(std::string* key, Row* row) {
  uint32_t n = 0;
  if (!Get(&n, sizeof(n))) return false;
  key->assign(n, '\0');
  if (n > 0 && !Get(key->data(), n)) {
    throw SqlError(SqlState::kIoError, "could not read from temporary file: unexpected end");
  }
  return ReadRow(row);
}

bool SpillFile::ReadKeyValue(std::string* key, std::string* value) {
  uint32_t n = 0;
  if (!Get(&n, sizeof(n))) return false;
  key->assign(n, '\0');
  if (n > 0 && !Get(key->data(), n)) {
    throw SqlError(SqlState::kIoError, "could not read from temporary file: unexpected end");
  }
  *value = GetString();
  return true;
}

}  // namespace strata::sql
