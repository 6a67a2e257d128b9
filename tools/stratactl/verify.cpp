// stratactl verify (see verify.h).
#include "tools/stratactl/verify.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "storage/dbformat.h"
#include "storage/io/file_system.h"
#include "storage/sstable/table_reader.h"
#include "storage/version/manifest_file_names.h"
#include "storage/version/version_edit.h"
#include "storage/wal/log_reader.h"
#include "storage/write_batch.h"
#include "tools/stratactl/progress.h"

namespace strata::tools {

namespace {

using storage::DefaultFileSystem;

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// NNNNNN of "NNNNNN.sst" / "NNNNNN.wal"; false if not all digits.
bool FileNumber(const std::string& name, uint64_t* number) {
  const size_t dot = name.find('.');
  if (dot == 0 || dot == std::string::npos) return false;
  uint64_t n = 0;
  for (size_t i = 0; i < dot; ++i) {
    if (name[i] < '0' || name[i] > '9') return false;
    n = n * 10 + static_cast<uint64_t>(name[i] - '0');
  }
  *number = n;
  return true;
}

// A WriteBatch handler that only lets Iterate validate every record.
class NullHandler : public storage::WriteBatch::Handler {
 public:
  Status Put(storage::SequenceNumber, uint32_t, Slice, Slice) override { return Status::OK(); }
  Status Delete(storage::SequenceNumber, uint32_t, Slice) override { return Status::OK(); }
  Status DeleteRange(storage::SequenceNumber, uint32_t, Slice, Slice) override {
    return Status::OK();
  }
};

struct LiveFile {
  uint64_t size = 0;
  uint32_t tree = 0;
  int level = 0;
};

// Reads a log-format file (WAL or manifest). For each logical record calls
// `record(slice, offset)`, which returns an error text or "".
template <typename OnRecord>
void CheckLogFile(const std::string& path, const std::string& name, storage::wal::RecoveryMode mode,
                  VerifyReport* report, OnRecord record) {
  auto file = DefaultFileSystem()->NewSequentialFile(path);
  if (!file.ok()) {
    report->errors.push_back(name + ": " + file.status().ToString());
    return;
  }
  storage::wal::LogReader::Options options;
  options.mode = mode;
  storage::wal::LogReader reader(std::move(file.value()), name, options);
  Slice slice;
  std::string scratch;
  while (reader.ReadRecord(&slice, &scratch)) {
    const std::string err = record(slice, reader.last_record_offset());
    if (!err.empty()) {
      report->errors.push_back(name + " at offset " + std::to_string(reader.last_record_offset()) +
                               ": " + err);
      return;
    }
  }
  if (!reader.status().ok()) {
    report->errors.push_back(reader.status().ToString());
  } else if (reader.torn_tail()) {
    report->warnings.push_back(name + ": torn tail of " + std::to_string(reader.dropped_bytes()) +
                               " bytes (an unfinished write at a crash)");
  }
}

void CheckTable(const std::string& path, const std::string& name, uint64_t number, uint64_t size,
                VerifyReport* report) {
  auto file = DefaultFileSystem()->NewRandomAccessFile(path);
  if (!file.ok()) {
    report->errors.push_back(name + ": " + file.status().ToString());
    return;
  }
  auto table = storage::TableReader::Open(storage::TableReaderOptions{}, std::move(file.value()),
                                          size, number, nullptr);
  if (!table.ok()) {
    report->errors.push_back(table.status().ToString());
    return;
  }
  storage::TableReadOptions read;
  read.fill_cache = false;
  auto it = table.value()->NewIterator(read);
  uint64_t entries = 0;
  std::string previous;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    storage::ParsedInternalKey key;
    if (!storage::ParseInternalKey(it->key(), &key)) {
      report->errors.push_back(name + ": malformed internal key in entry " +
                               std::to_string(entries));
      return;
    }
    ++entries;
  }
  if (!it->status().ok()) {
    report->errors.push_back(it->status().ToString());
    return;
  }
  auto tombstones = table.value()->NewRangeTombstoneIterator();
  for (tombstones->SeekToFirst(); tombstones->Valid(); tombstones->Next()) {
  }
  if (!tombstones->status().ok()) report->errors.push_back(tombstones->status().ToString());
}

}  // namespace

std::string VerifyDataDirectory(const std::string& dir, const VerifyOptions& options,
                                VerifyReport* report) {
  storage::FileSystem* fs = DefaultFileSystem();
  // A running server holds an flock on stratad.pid (server/data_directory.h).
  {
    const int fd = ::open((dir + "/stratad.pid").c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
      const bool locked = ::flock(fd, LOCK_SH | LOCK_NB) != 0;
      ::close(fd);
      if (locked) return "a server is running on \"" + dir + "\"; stop it first";
    }
  }
  auto children = fs->GetChildren(dir);
  if (!children.ok()) return "could not read \"" + dir + "\": " + children.status().ToString();
  std::vector<std::string> names = children.value();
  std::sort(names.begin(), names.end());

  // The live SSTables according to the current manifest.
  std::map<uint64_t, LiveFile> live;
  std::string current_manifest;
  auto current = storage::ReadFileToString(fs, dir + "/CURRENT");
  if (!current.ok()) {
    report->errors.push_back("CURRENT: " + current.status().ToString());
  } else {
    current_manifest = current.value();
    if (!current_manifest.empty() && current_manifest.back() == '\n') current_manifest.pop_back();
    uint64_t n;
    if (!storage::ParseManifestFileName(current_manifest, &n)) {
      report->errors.push_back("CURRENT: does not name a manifest: \"" + current_manifest + "\"");
      current_manifest.clear();
    } else if (std::find(names.begin(), names.end(), current_manifest) == names.end()) {
      report->errors.push_back("CURRENT names " + current_manifest + ", which is missing");
      current_manifest.clear();
    }
  }

  uint64_t total = 0;
  std::vector<std::pair<std::string, uint64_t>> files;
  for (const std::string& name : names) {
    uint64_t n;
    if (EndsWith(name, ".sst") || EndsWith(name, ".wal") ||
        storage::ParseManifestFileName(name, &n)) {
      auto size = fs->GetFileSize(dir + "/" + name);
      if (!size.ok()) {
        report->errors.push_back(name + ": " + size.status().ToString());
        continue;
      }
      files.emplace_back(name, size.value());
      total += size.value();
    }
  }
  // The manifest first: it says which tables must exist.
  std::stable_partition(files.begin(), files.end(), [&](const auto& f) {
    return f.first == current_manifest;
  });
  uint64_t newest_wal = 0;
  for (const auto& [name, size] : files) {
    uint64_t n;
    if (EndsWith(name, ".wal") && FileNumber(name, &n)) newest_wal = std::max(newest_wal, n);
  }

  Progress progress("verify", total, options.plain_progress);
  uint64_t done = 0;
  for (const auto& [name, size] : files) {
    progress.Update(done, name);
    const size_t errors_before = report->errors.size();
    const std::string path = dir + "/" + name;
    uint64_t number = 0;
    if (storage::ParseManifestFileName(name, &number)) {
      const bool is_current = name == current_manifest;
      CheckLogFile(path, name, storage::wal::RecoveryMode::kTolerateTornTail, report,
                   [&](Slice record, uint64_t) -> std::string {
                     auto edit = storage::VersionEdit::Decode(record);
                     if (!edit.ok()) return edit.status().ToString();
                     if (!is_current) return "";
                     for (const auto& d : edit.value().deleted_files()) live.erase(d.number);
                     for (const auto& f : edit.value().new_files()) {
                       live[f.meta.number] = LiveFile{f.meta.file_size, f.tree_id, f.level};
                     }
                     // A dropped tree's files are no longer live (the engine
                     // deletes them once no reader holds them).
                     for (uint32_t tree : edit.value().dropped_trees()) {
                       std::erase_if(live, [tree](const auto& e) { return e.second.tree == tree; });
                     }
                     return "";
                   });
    } else if (EndsWith(name, ".sst") && FileNumber(name, &number)) {
      CheckTable(path, name, number, size, report);
      auto it = live.find(number);
      if (it != live.end() && it->second.size != size) {
        report->errors.push_back(name + ": size " + std::to_string(size) +
                                 " but the manifest recorded " + std::to_string(it->second.size));
      }
    } else if (EndsWith(name, ".wal") && FileNumber(name, &number)) {
      // Only the newest segment can end in a torn tail; older ones were
      // finished before the next one started.
      const auto mode = number == newest_wal ? storage::wal::RecoveryMode::kTolerateTornTail
                                             : storage::wal::RecoveryMode::kAbsoluteConsistency;
      CheckLogFile(path, name, mode, report, [](Slice record, uint64_t) -> std::string {
        storage::WriteBatch batch;
        Status s = batch.SetData(record);
        if (s.ok()) {
          NullHandler handler;
          s = batch.Iterate(&handler);
        }
        return s.ok() ? "" : s.ToString();
      });
    }
    done += size;
    ++report->files_checked;
    report->bytes_checked += size;
    if (options.verbose && report->errors.size() == errors_before) {
      std::printf("ok %s (%s)\n", name.c_str(), HumanBytes(size).c_str());
    }
  }
  progress.Update(done, "");
  progress.Finish();
  // Every live table must be there.
  std::set<uint64_t> present;
  for (const auto& [name, size] : files) {
    uint64_t n;
    if (EndsWith(name, ".sst") && FileNumber(name, &n)) present.insert(n);
  }
  for (const auto& [number, file] : live) {
    if (present.count(number) == 0) {
      char buf[32];
      std::snprintf(buf, sizeof(buf), "%06llu.sst", static_cast<unsigned long long>(number));
      report->errors.push_back(std::string(buf) + ": missing, but live in tree " +
                               std::to_string(file.tree) + " level " + std::to_string(file.level));
    }
  }
  return "";
}

}  // namespace strata::tools
