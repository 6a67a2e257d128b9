// ApplyArchivedWal and ParseTargetTime (see point_in_time.h).
#include "storage/backup/point_in_time.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <set>

#include "storage/db/file_names.h"
#include "storage/engine.h"
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

// What the restore needs to know of one archived record.
class RecordScan : public WriteBatch::Handler {
 public:
  Status Put(SequenceNumber, uint32_t tree, Slice, Slice) override { return Tree(tree); }
  Status Delete(SequenceNumber, uint32_t tree, Slice) override { return Tree(tree); }
  Status DeleteRange(SequenceNumber, uint32_t tree, Slice, Slice) override { return Tree(tree); }
  Status CommitTime(int64_t unix_us) override {
    commit_time = unix_us;
    return Status::OK();
  }
  Status TreeEdit(Slice encoded) override {
    STRATA_ASSIGN_OR_RETURN(VersionEdit edit, VersionEdit::Decode(encoded));
    for (const auto& t : edit.created_trees()) created.insert(t.tree_id);
    for (uint32_t t : edit.dropped_trees()) dropped.insert(t);
    return Status::OK();
  }
  Status IngestedRows(uint32_t tree, uint32_t, Slice) override {
    ingestion = true;
    return Tree(tree);
  }

  std::set<uint32_t> trees;  // written (batches, ingestions)
  std::set<uint32_t> created;
  std::set<uint32_t> dropped;
  bool ingestion = false;
  int64_t commit_time = 0;  // 0: no trailer (a version-1 log)

 private:
  Status Tree(uint32_t tree) {
    trees.insert(tree);
    return Status::OK();
  }
};

// Where one archived record lies.
struct RecordPlace {
  std::string path;      // the archived segment
  uint64_t segment = 0;  // its number
  uint64_t offset = 0;   // the record's offset in it
};

// Calls fn(record, batch, scan, place) for every record of the archived
// segments, in order, until fn returns false or an error.
Status ForEachArchivedRecord(
    FileSystem* fs, const std::string& archive_dir, const std::vector<uint64_t>& segments,
    const std::function<Result<bool>(Slice, const WriteBatch&, const RecordScan&,
                                     const RecordPlace&)>& fn) {
  for (uint64_t number : segments) {
    const std::string path = JoinPath(archive_dir, BaseName(WalFileName("", number)));
    STRATA_ASSIGN_OR_RETURN(std::unique_ptr<SequentialFile> in, fs->NewSequentialFile(path));
    wal::LogReader reader(std::move(in), path);
    Slice record;
    std::string scratch;
    while (reader.ReadRecord(&record, &scratch)) {
      WriteBatch batch;
      STRATA_RETURN_IF_ERROR(batch.SetData(record));
      RecordScan scan;
      STRATA_RETURN_IF_ERROR(batch.Iterate(&scan));
      STRATA_ASSIGN_OR_RETURN(
          bool more, fn(record, batch, scan, RecordPlace{path, number, reader.last_record_offset()}));
      if (!more) return Status::OK();
    }
    STRATA_RETURN_IF_ERROR(reader.status());
  }
  return Status::OK();
}

}  // namespace

Result<PointInTimeResult> ApplyArchivedWal(FileSystem* fs, const BackupLabel& label,
                                           const std::string& target_dir,
                                           const std::string& archive_dir, int64_t target_us) {
  if (target_us != kNoTargetTime && target_us < label.backup_time_us) {
    return Status::InvalidArgument("recovery target time " + FormatBackupTime(target_us) +
                                   " is before the backup was taken (" +
                                   FormatBackupTime(label.backup_time_us) + ")");
  }
  // The cut: the backup holds segment `newest` up to `newest_size` bytes
  // (a record boundary, taken with no write in flight).
  uint64_t newest = 0;
  uint64_t newest_size = 0;
  for (const BackupLabel::File& f : label.files) {
    uint64_t number = 0;
    if (ParseDbFileName(f.name, &number) == DbFileType::kWal && number >= newest) {
      newest = number;
      newest_size = f.size;
    }
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
  // Records before the cut are in the backup already.
  auto after_backup = [&](const RecordPlace& at) {
    return at.segment > newest || at.offset >= newest_size;
  };

  // 1. Trees the archive logs a drop of: a commit validated just before its
  //    tree was dropped may still write it (the replay leaves that out).
  std::set<uint32_t> dropped_in_archive;
  STRATA_RETURN_IF_ERROR(ForEachArchivedRecord(
      fs, archive_dir, segments,
      [&](Slice, const WriteBatch&, const RecordScan& scan, const RecordPlace& at) -> Result<bool> {
        if (after_backup(at)) dropped_in_archive.insert(scan.dropped.begin(), scan.dropped.end());
        return true;
      }));

  // 2. The records to replay: after the backup, up to the first committed
  //    after the target. Checked before anything is written: sequence
  //    numbers follow each other (a gap is a change the WAL does not hold;
  //    a batch takes `count` numbers, a logged ingestion one, a logged tree
  //    edit none: it carries the last one taken), and every tree written is
  //    known.
  STRATA_ASSIGN_OR_RETURN(std::set<uint32_t> trees,
                          ManifestTrees(fs, JoinPath(target_dir, label.manifest_name)));
  SequenceNumber expected = label.last_sequence + 1;
  uint64_t kept = 0;
  bool reached = false;
  std::set<uint64_t> used_segments;
  STRATA_RETURN_IF_ERROR(ForEachArchivedRecord(
      fs, archive_dir, segments,
      [&](Slice, const WriteBatch& b, const RecordScan& scan, const RecordPlace& at)
          -> Result<bool> {
        if (!after_backup(at)) return true;
        const std::string& path = at.path;
        const uint64_t number = at.segment;
        if (scan.commit_time != 0 && scan.commit_time > target_us) {
          reached = true;
          return false;
        }
        const bool tree_edit = b.Count() == 0 && !scan.ingestion;
        const SequenceNumber first = tree_edit ? b.Sequence() + 1 : b.Sequence();
        if (first != expected) {
          return Status::NotSupported(
              path + ": the archived WAL lacks the changes at sequence numbers " +
              std::to_string(expected) + ".." + std::to_string(first - 1) +
              " (made durable without a WAL record: an ingestion of external files or a "
              "spilled transaction's commit); restore to a time before them or take a newer "
              "base backup");
        }
        if (!tree_edit) expected = b.Sequence() + std::max<uint64_t>(b.Count(), 1);
        for (uint32_t t : scan.created) trees.insert(t);
        for (uint32_t t : scan.trees) {
          if (trees.count(t) == 0 && dropped_in_archive.count(t) == 0) {
            return Status::NotSupported(
                path + ": a commit after the backup writes tree " + std::to_string(t) +
                ", whose creation the archived WAL does not hold (WAL written before format "
                "version 3); restoring past it needs a newer base backup");
          }
        }
        for (uint32_t t : scan.dropped) trees.erase(t);
        ++kept;
        used_segments.insert(number);
        result.last_sequence = expected - 1;
        if (scan.commit_time != 0) result.last_commit_time_us = scan.commit_time;
        return true;
      }));
  if (!reached && target_us != kNoTargetTime) {
    return Status::NotFound("recovery ended before configured recovery target was reached "
                            "(the archive's last commit is at " +
                            (result.last_commit_time_us != 0
                                 ? FormatBackupTime(result.last_commit_time_us)
                                 : std::string("the backup's commit point")) +
                            ")");
  }
  result.segments_replaced = static_cast<int>(used_segments.size());
  if (kept == 0) return result;

  // 3. Replay them through an engine opened on the restored directory (its
  //    recovery replays the backup's own WAL first), then make it durable.
  EngineOptions options;
  options.fs = fs;
  options.create_if_missing = false;
  STRATA_ASSIGN_OR_RETURN(std::unique_ptr<Engine> engine, Engine::Open(target_dir, options));
  uint64_t replayed = 0;
  Status s = ForEachArchivedRecord(
      fs, archive_dir, segments,
      [&](Slice record, const WriteBatch& b, const RecordScan&, const RecordPlace& at)
          -> Result<bool> {
        if (!after_backup(at)) return true;
        if (replayed == kept) return false;
        const std::string& path = at.path;
        if (Status r = engine->ReplayLoggedRecord(record); !r.ok()) {
          const std::string m = path + ": replaying the record at sequence " +
                                std::to_string(b.Sequence()) + ": " + r.message();
          if (r.IsNotSupported()) return Status::NotSupported(m);
          if (r.IsIOError()) return Status::IOError(m);
          if (r.IsNoSpace()) return Status::NoSpace(m);
          return Status::Corruption(m);
        }
        ++replayed;
        return true;
      });
  if (s.ok()) s = engine->Flush();
  Status closed = engine->Close();
  STRATA_RETURN_IF_ERROR(s);
  STRATA_RETURN_IF_ERROR(closed);
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
