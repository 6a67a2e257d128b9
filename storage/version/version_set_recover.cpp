// VersionSet::Create and VersionSet::Recover: starting a new database and
// rebuilding the state from CURRENT and the manifest it names.
#include <string>

#include "storage/io/path.h"
#include "storage/version/manifest_file_names.h"
#include "storage/version/version_set.h"
#include "storage/wal/log_reader.h"

namespace strata::storage {

Status VersionSet::Create() {
  std::lock_guard<std::mutex> apply_lock(apply_mu_);
  if (opened_) return Status::InvalidArgument("version set is already open");
  if (fs_->FileExists(JoinPath(dir_, kCurrentFileName))) {
    return Status::InvalidArgument("database already exists: " + JoinPath(dir_, kCurrentFileName));
  }
  STRATA_RETURN_IF_ERROR(fs_->CreateDirIfMissing(dir_));
  const uint64_t number = NewFileNumber();
  STRATA_RETURN_IF_ERROR(WriteNewManifest(number, TreeMap{}, 0, VersionEdit{}));
  opened_ = true;
  return Status::OK();
}

Status VersionSet::Recover() {
  std::lock_guard<std::mutex> apply_lock(apply_mu_);
  if (opened_) return Status::InvalidArgument("version set is already open");

  const std::string current_path = JoinPath(dir_, kCurrentFileName);
  if (!fs_->FileExists(current_path)) return Status::NotFound("no CURRENT file in " + dir_);
  auto current = ReadFileToString(fs_, current_path);
  if (!current.ok()) return current.status();
  const std::string& contents = *current;
  uint64_t manifest_number = 0;
  if (contents.empty() || contents.back() != '\n' ||
      !ParseManifestFileName(Slice(contents).substr(0, contents.size() - 1), &manifest_number)) {
    return Status::Corruption(current_path + ": does not name a manifest");
  }
  const std::string manifest_name = ManifestFileName(manifest_number);
  const std::string manifest_path = JoinPath(dir_, manifest_name);
  if (!fs_->FileExists(manifest_path)) {
    return Status::Corruption(current_path + " names " + manifest_name + ", which does not exist");
  }
  auto file = fs_->NewSequentialFile(manifest_path);
  if (!file.ok()) return file.status();

  wal::LogReader reader(std::move(*file), manifest_path);
  TreeSetBuilder builder(TreeMap{});
  std::optional<uint64_t> next_file, log_number;
  std::optional<SequenceNumber> last_sequence;
  Slice record;
  std::string scratch;
  uint64_t records = 0;
  while (reader.ReadRecord(&record, &scratch)) {
    auto where = [&] {
      return manifest_path + ": record " + std::to_string(records) + " at offset " +
             std::to_string(reader.last_record_offset()) + ": ";
    };
    auto edit = VersionEdit::Decode(record);
    if (!edit.ok()) {
      const Status& st = edit.status();
      return st.IsNotSupported() ? Status::NotSupported(where() + st.message())
                                 : Status::Corruption(where() + st.message());
    }
    Status s = builder.Apply(*edit);
    if (!s.ok()) return Status::Corruption(where() + s.message());
    if (edit->log_number()) log_number = *edit->log_number();
    if (edit->next_file_number()) next_file = *edit->next_file_number();
    if (edit->last_sequence()) last_sequence = *edit->last_sequence();
    ++records;
  }
  if (!reader.status().ok()) return reader.status();
  if (reader.log_number() != 0 && reader.log_number() != manifest_number) {
    return Status::Corruption(manifest_path + ": header names log " + std::to_string(reader.log_number()));
  }
  if (records == 0) return Status::Corruption(manifest_path + ": no records");
  if (!next_file || !log_number || !last_sequence) {
    return Status::Corruption(manifest_path + ": missing " +
                              (!next_file ? "next file number" : !log_number ? "log number" : "last sequence"));
  }

  uint64_t version_number = 1;
  auto trees = builder.Finish(&version_number, tracker_);
  if (!trees.ok()) return Status::Corruption(manifest_path + ": " + trees.status().message());

  next_version_number_ = version_number;
  MarkFileNumberUsed(*next_file - (*next_file > 0 ? 1 : 0));
  MarkFileNumberUsed(manifest_number);
  MarkFileNumberUsed(builder.MaxFileNumber());
  SetLastSequence(*last_sequence);
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    trees_ = std::move(*trees);
    log_number_ = *log_number;
    manifest_file_number_ = manifest_number;
    manifest_file_size_ = 0;  // not appended to: the next LogAndApply starts a new manifest
  }
  manifest_.reset();
  opened_ = true;
  return Status::OK();
}

}  // namespace strata::storage
