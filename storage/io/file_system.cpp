// Implementation-independent helpers over FileSystem (see file_system.h).
#include "storage/io/file_system.h"

namespace strata::storage {

Status RandomAccessFile::MultiRead(std::vector<ReadRequest>* requests) const {
  Status first;
  for (auto& req : *requests) {
    req.status = Read(req.offset, req.length, &req.result, req.scratch);
    if (!req.status.ok() && first.ok()) first = req.status;
  }
  return first;
}

namespace {
std::string DirName(const std::string& path) {
  auto pos = path.rfind('/');
  if (pos == std::string::npos) return ".";
  if (pos == 0) return "/";
  return path.substr(0, pos);
}
}  // namespace

Status WriteFileAtomically(FileSystem* fs, const std::string& path, Slice data) {
  const std::string tmp = path + ".tmp";
  {
    auto file = fs->NewWritableFile(tmp);
    if (!file.ok()) return file.status();
    Status s = (*file)->Append(data);
    if (s.ok()) s = (*file)->Sync();
    if (s.ok()) s = (*file)->Close();
    if (!s.ok()) {
      (void)fs->DeleteFile(tmp);
      return s;
    }
  }
  STRATA_RETURN_IF_ERROR(fs->RenameFile(tmp, path));
  return fs->SyncDir(DirName(path));
}

Result<std::string> ReadFileToString(FileSystem* fs, const std::string& path) {
  auto file = fs->NewSequentialFile(path);
  if (!file.ok()) return file.status();
  std::string out;
  std::string scratch(64 * 1024, '\0');
  while (true) {
    Slice chunk;
    Status s = (*file)->Read(scratch.size(), &chunk, scratch.data());
    if (!s.ok()) return s;
    if (chunk.empty()) break;
    out.append(chunk.data(), chunk.size());
  }
  return out;
}

}  // namespace strata::storage
