// DirectIoFileSystem: O_DIRECT for SSTables only (see direct_io_file_system.h).
#include "storage/db/direct_io_file_system.h"

namespace strata::storage {

namespace {

bool EndsWith(const std::string& s, const char* suffix) {
  const std::string_view sv(suffix);
  return s.size() >= sv.size() && std::string_view(s).substr(s.size() - sv.size()) == sv;
}

}  // namespace

Result<std::unique_ptr<WritableFile>> DirectIoFileSystem::NewWritableFile(
    const std::string& path, const FileOptions& options) {
  FileOptions o = options;
  if (direct_writes_ && EndsWith(path, ".sst.tmp")) o.use_direct_io = true;
  return base_->NewWritableFile(path, o);
}

Result<std::unique_ptr<RandomAccessFile>> DirectIoFileSystem::NewRandomAccessFile(
    const std::string& path, const FileOptions& options) {
  FileOptions o = options;
  if (direct_reads_ && EndsWith(path, ".sst")) o.use_direct_io = true;
  return base_->NewRandomAccessFile(path, o);
}

}  // namespace strata::storage
