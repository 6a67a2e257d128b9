// Copy, link and checksum helpers for backup and restore (backup_files.h).
#include "storage/backup/backup_files.h"

#include <algorithm>
#include <functional>
#include <vector>

#include "common/hash.h"

namespace strata::storage {

namespace {

constexpr size_t kChunk = 1 << 20;

// Reads the first `size` bytes of `from` in chunks, handing each to `sink`.
Status ReadPrefix(FileSystem* fs, const std::string& from, uint64_t size,
                  const std::function<Status(Slice)>& sink) {
  STRATA_ASSIGN_OR_RETURN(std::unique_ptr<SequentialFile> in, fs->NewSequentialFile(from));
  std::vector<char> scratch(kChunk);
  uint64_t left = size;
  while (left > 0) {
    Slice piece;
    const size_t want = static_cast<size_t>(std::min<uint64_t>(left, kChunk));
    STRATA_RETURN_IF_ERROR(in->Read(want, &piece, scratch.data()));
    if (piece.size() == 0) {
      return Status::Corruption(from + ": file is shorter than " + std::to_string(size) +
                                " bytes");
    }
    STRATA_RETURN_IF_ERROR(sink(piece));
    left -= piece.size();
  }
  return Status::OK();
}

}  // namespace

Result<uint64_t> ChecksumFile(FileSystem* fs, const std::string& path, uint64_t size) {
  XxHash64Stream hash;
  STRATA_RETURN_IF_ERROR(ReadPrefix(fs, path, size, [&](Slice piece) {
    hash.Update(piece);
    return Status::OK();
  }));
  return hash.Digest();
}

Status CopyFilePrefix(FileSystem* fs, const std::string& from, const std::string& to,
                      uint64_t size, uint64_t* checksum) {
  const std::string tmp = to + ".tmp";
  STRATA_ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> out, fs->NewWritableFile(tmp));
  XxHash64Stream hash;
  Status s = ReadPrefix(fs, from, size, [&](Slice piece) {
    hash.Update(piece);
    return out->Append(piece);
  });
  if (s.ok()) s = out->Sync();
  Status c = out->Close();
  if (s.ok()) s = c;
  if (s.ok()) s = fs->RenameFile(tmp, to);
  if (!s.ok()) {
    (void)fs->DeleteFile(tmp);
    return s;
  }
  *checksum = hash.Digest();
  return Status::OK();
}

Status LinkOrCopyFile(FileSystem* fs, const std::string& from, const std::string& to,
                      uint64_t size, uint64_t* checksum, bool* linked) {
  if (fs->LinkFile(from, to).ok()) {
    *linked = true;
    Result<uint64_t> sum = ChecksumFile(fs, to, size);
    if (!sum.ok()) return sum.status();
    *checksum = *sum;
    return Status::OK();
  }
  *linked = false;
  return CopyFilePrefix(fs, from, to, size, checksum);
}

}  // namespace strata::storage
