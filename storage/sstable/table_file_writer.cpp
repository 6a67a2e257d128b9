// TableFileWriter: temp file, build, sync, rename, sync dir (see header).
#include "storage/sstable/table_file_writer.h"

namespace strata::storage {

namespace {
std::string DirOf(const std::string& path) {
  const auto pos = path.rfind('/');
  if (pos == std::string::npos) return ".";
  if (pos == 0) return "/";
  return path.substr(0, pos);
}
}  // namespace

Result<std::unique_ptr<TableFileWriter>> TableFileWriter::Create(FileSystem* fs,
                                                                 const std::string& path,
                                                                 const TableOptions& options) {
  auto file = fs->NewWritableFile(path + ".tmp");
  if (!file.ok()) return file.status();
  return std::make_unique<TableFileWriter>(PrivateTag{}, fs, path, std::move(file).value(),
                                           options);
}

TableFileWriter::TableFileWriter(PrivateTag, FileSystem* fs, std::string path,
                                 std::unique_ptr<WritableFile> file, const TableOptions& options)
    : fs_(fs),
      path_(std::move(path)),
      temp_path_(path_ + ".tmp"),
      file_(std::move(file)),
      builder_(std::make_unique<TableBuilder>(options, file_.get())) {}

TableFileWriter::~TableFileWriter() {
  if (committed_) return;
  builder_->Abandon();
  if (file_ != nullptr) (void)file_->Close();
  (void)fs_->DeleteFile(temp_path_);
}

Result<TableProperties> TableFileWriter::Commit() {
  if (committed_) return Status::InvalidArgument("TableFileWriter::Commit called twice");
  auto props = builder_->Finish();
  if (!props.ok()) return props.status();
  STRATA_RETURN_IF_ERROR(file_->Sync());
  STRATA_RETURN_IF_ERROR(file_->Close());
  file_.reset();
  STRATA_RETURN_IF_ERROR(fs_->RenameFile(temp_path_, path_));
  committed_ = true;
  STRATA_RETURN_IF_ERROR(fs_->SyncDir(DirOf(path_)));
  return props;
}

}  // namespace strata::storage
