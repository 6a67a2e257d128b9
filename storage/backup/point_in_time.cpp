// ApplyArchivedWal and ParseTargetTime (see point_in_time.h).
#include "storage/backup/point_in_time.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <set>

#include "storage/db/file_names.h"
#include "storage/io/path.h"
#include "storage/version/version_edit.h"
#include "storage/wal/log_reader.h"
#include "storage/wal/log_writer.h"
#include "storage/write_batch.h"

namespace strata::storage {

namespace {

// Trees the manifest leaves alive (tree 0 always exists).
Result<std::set<uint32_t>> ManifestTrees(FileSystem* fs, const std::string& path) {
  STRATA_ASSIGN_OR_RETURN(std::unique_ptr<SequentialFile> file, fs->NewSequentialFile(path));
  wal::LogReader reader(std::move(file), path);
  std::set<uint32_t> trees = {0};
  Slice record;
  std::string scratch;
  while (reader.ReadRecord(&record, &scratch)) {
    STRATA_ASSIGN_OR_RETURN(VersionEdit edit, VersionEdit::Decode(record));
    for (const auto& t : edit.created_trees()) trees.insert(t.tree_id);
    for (uint32_t t : edit.dropped_trees()) trees.erase(t);
  }
  STRATA_RETURN_IF_ERROR(reader.status());
  return trees;
}

// Collects what the cut needs from one batch.
class BatchScan : public WriteBatch::Handler {
 public:
  Status Put(SequenceNumber, uint32_t tree, Slice, Slice) override { return Tree(tree); }
  Status Delete(SequenceNumber, uint32_t tree, Slice) override { return Tree(tree); }
  Status DeleteRange(SequenceNumber, uint32_t tree, Slice, Slice) override { return Tree(tree); }
  Status CommitTime(int64_t unix_us) override {
    commit_time = unix_us;
    return Status::OK();
  }
  std::set<uint32_t> trees;
  int64_t commit_time = 0;  // 0: no trailer (a version-1 log)

 private:
  Status Tree(uint32_t tree) {
    trees.insert(tree);
    return Status::OK();
  }
};

}  // namespace

Result<PointInTimeResult> ApplyArchivedWal(FileSystem* fs, const BackupLabel& label,
                                           const std::string& target_dir,
                                           const std::string& archive_dir, int64_t target_us) {
  if (target_us != kNoTargetTime && target_us < label.backup_time_us) {
    return Status::InvalidArgument("recovery target time " + FormatBackupTime(target_us) +
                                   " is before the backup was taken (" +
                                   FormatBackupTime(label.backup_time_us) + ")");
  }
  uint64_t newest = 0;
  for (const BackupLabel::File& f : label.files) {
    uint64_t number = 0;
    if (ParseDbFileName(f.name, &number) == DbFileType::kWal) newest = std::max(newest, number);
  }
  STRATA_ASSIGN_OR_RETURN(std::vector<std::string> names, fs->GetChildren(archive_dir));
  std::vector<uint64_t> segments;
  for (const std::string& name : names) {
    uint64_t number = 0;
    if (ParseDbFileName(name, &number) == DbFileType::kWal && number >= newest) {
      segments.push_back(number);
    }
  }
  std::sort(segments.begin(), segments.end());
  PointInTimeResult result;
  result.last_sequence = label.last_sequence;
  if (!segments.empty() && segments.front() != newest) {
    return Status::Corruption("the WAL archive \"" + archive_dir + "\" lacks segment " +
                              BaseName(WalFileName("", newest)) +
                              ", the backup's newest (archiving has not caught up, or a gap)");
  }
  STRATA_ASSIGN_OR_RETURN(std::set<uint32_t> trees,
                          ManifestTrees(fs, JoinPath(target_dir, label.manifest_name)));
  bool reached = false;
  for (uint64_t number : segments) {
    const std::string name = BaseName(WalFileName("", number));
    const std::string from = JoinPath(archive_dir, name);
    STRATA_ASSIGN_OR_RETURN(std::unique_ptr<SequentialFile> in, fs->NewSequentialFile(from));
    wal::LogReader reader(std::move(in), from);
    const std::string to = JoinPath(target_dir, name);
    STRATA_ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> out, fs->NewWritableFile(to + ".tmp"));
    wal::LogWriter writer(std::move(out), number);
    Slice record;
    std::string scratch;
    while (reader.ReadRecord(&record, &scratch)) {
      WriteBatch batch;
      STRATA_RETURN_IF_ERROR(batch.SetData(record));
      BatchScan scan;
      STRATA_RETURN_IF_ERROR(batch.Iterate(&scan));
      const bool after_backup = batch.Count() > 0 && batch.Sequence() > label.last_sequence;
      if (after_backup) {
        if (scan.commit_time != 0 && scan.commit_time > target_us) {
          reached = true;
          break;
        }
        for (uint32_t tree : scan.trees) {
          if (trees.count(tree) == 0) {
            return Status::NotSupported(
                from + ": a commit after the backup writes a table or index created after it "
                       "(CREATE TABLE, TRUNCATE, CREATE INDEX); restoring past it needs a newer "
                       "base backup");
          }
        }
        result.last_sequence = batch.Sequence() + batch.Count() - 1;
        if (scan.commit_time != 0) result.last_commit_time_us = scan.commit_time;
      }
      STRATA_RETURN_IF_ERROR(writer.AddRecord(record));
    }
    STRATA_RETURN_IF_ERROR(reader.status());
    STRATA_RETURN_IF_ERROR(writer.Sync());
    STRATA_RETURN_IF_ERROR(writer.Close());
    STRATA_RETURN_IF_ERROR(fs->RenameFile(to + ".tmp", to));
    ++result.segments_replaced;
    if (reached) break;
  }
  STRATA_RETURN_IF_ERROR(fs->SyncDir(target_dir));
  if (!reached && target_us != kNoTargetTime) {
    return Status::NotFound("recovery ended before configured recovery target was reached "
                            "(the archive's last commit is at " +
                            (result.last_commit_time_us != 0
                                 ? FormatBackupTime(result.last_commit_time_us)
                                 : std::string("the backup's commit point")) +
                            ")");
  }
  return result;
}

Result<int64_t> ParseTargetTime(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d %2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s,
                  &consumed) != 6) {
    return Status::InvalidArgument("invalid target time \"" + text +
                                   "\" (expected YYYY-MM-DD HH:MM:SS[.ffffff][+HH[:MM]])");
  }
  std::string rest = text.substr(static_cast<size_t>(consumed));
  int64_t micros = 0;
  if (!rest.empty() && rest[0] == '.') {
    size_t i = 1;
    int digits = 0;
    while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') {
      if (digits < 6) {
        micros = micros * 10 + (rest[i] - '0');
        ++digits;
      }
      ++i;
    }
    while (digits++ < 6) micros *= 10;
    rest = rest.substr(i);
  }
  while (!rest.empty() && rest[0] == ' ') rest.erase(0, 1);
  int64_t offset_secs = 0;
  if (rest.empty() || rest == "Z" || rest == "UTC" || rest == "utc") {
  } else if (rest[0] == '+' || rest[0] == '-') {
    int oh = 0, om = 0;
    if (std::sscanf(rest.c_str() + 1, "%2d:%2d", &oh, &om) < 1 &&
        std::sscanf(rest.c_str() + 1, "%2d", &oh) != 1) {
      return Status::InvalidArgument("invalid time zone in target time \"" + text + "\"");
    }
    offset_secs = (rest[0] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
  } else {
    return Status::InvalidArgument("invalid time zone in target time \"" + text + "\"");
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  const int64_t secs = static_cast<int64_t>(timegm(&tm)) - offset_secs;
  return secs * 1000000 + micros;
}

}  // namespace strata::storage
