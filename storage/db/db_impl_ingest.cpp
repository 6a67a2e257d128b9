// DBImpl::IngestFiles: adds externally built SSTables to a tree atomically,
// as if all their entries were written at one new sequence number S.
//
//  1. Validation, without engine locks: each file opens as an SSTable, every
//     block verifies (checksums), point entries are values or deletions with
//     strictly increasing user keys (one version per key), and the files'
//     key ranges (range tombstones included; their ends are exclusive) do not
//     overlap each other.
//  2. Inside write exclusivity (no write in flight, later writers wait):
//     a. if the tree's memtables hold anything in the files' range, the
//        memtable is switched and flushed first (waited for), so no source a
//        read consults before the SSTables holds an older version of an
//        ingested key;
//     b. S = last sequence + 1;
//     c. each file is rewritten into the data directory under a new file
//        number with every entry (and range tombstone) at sequence S - a
//        copy, since the table format has no per-file global sequence
//        (follow-up: a manifest-level global sequence would allow hard links);
//     d. under manifest_mu_ and mutex_ (automatic compaction of the tree is
//        paused meanwhile), each file goes to the deepest level L such that
//        no level 0..L holds a file overlapping it and no running compaction
//        writes an overlapping range into any of them; newer data never ends
//        up below older data;
//     e. one LogAndApply adds every file (and records S as last sequence),
//        then a new SuperVersion is installed, and only then S is published
//        (GroupCommitWriter::ConsumeSequence), so no snapshot ever sees part
//        of the ingestion, or sees it appear.
// Failure before the LogAndApply deletes the rewritten copies; the input files
// are never modified or removed.
//
// DBImpl::IngestSortedRows (COPY's bulk path) is the same from step 2 on, with
// the table of step c written straight from the caller's sorted rows at S:
// no scratch file to write, validate and read back, and the rows are
// compressed once, as the table will live.
//
// DBImpl::IngestRowStream (a spilled transaction's commit) is the same for
// several trees at once: step 2a for every tree, one table per tree written
// at S from the caller's stream (puts and deletions), each placed as in 2d,
// and ONE LogAndApply adding them all.
//
// DBImpl::IngestSortedParts (a parallel index build) is the same for one
// tree whose rows come as disjoint key ranges, each written as its own table
// by its own thread at S, and ONE LogAndApply adding them all.
#include <algorithm>
#include <functional>
#include <optional>
#include <thread>

#include "storage/compaction/new_table_meta.h"
#include "storage/db/db_impl.h"
#include "storage/sstable/table_file_writer.h"
#include "storage/sstable/table_reader.h"

namespace strata::storage {

namespace {

// IngestSortedRows writes this many rows or more as two tables in parallel.
constexpr size_t kParallelIngestMinRows = 200'000;

struct ExternalFile {
  std::string path;
  std::unique_ptr<TableReader> reader;
  std::string smallest;            // user key, inclusive
  std::string largest;             // user key
  bool largest_exclusive = false;  // largest is a range tombstone's end
  uint64_t entries = 0;
};

// Opens and fully reads one external table, checking it can be ingested.
Status ValidateExternalFile(FileSystem* fs, ExternalFile* f) {
  auto size = fs->GetFileSize(f->path);
  if (!size.ok()) return size.status();
  auto file = fs->NewRandomAccessFile(f->path);
  if (!file.ok()) return file.status();
  auto reader = TableReader::Open(TableReaderOptions{}, std::move(*file), *size, 0, nullptr);
  if (!reader.ok()) return Status::Corruption(f->path + ": " + reader.status().message());
  f->reader = std::move(*reader);

  TableReadOptions read_options;
  read_options.fill_cache = false;
  std::unique_ptr<Iterator> it = f->reader->NewIterator(read_options);
  std::string prev;
  bool first = true;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ParsedInternalKey k;
    if (!ParseInternalKey(it->key(), &k) || k.type == ValueType::kRangeDeletion) {
      return Status::Corruption(f->path + ": malformed key");
    }
    if (!first && Compare(k.user_key, prev) <= 0) {
      return Status::InvalidArgument(
          f->path + ": user keys are not strictly increasing (duplicate or unsorted key)");
    }
    prev.assign(k.user_key.data(), k.user_key.size());
    if (first) f->smallest = prev;
    first = false;
    ++f->entries;
  }
  if (!it->status().ok()) return Status::Corruption(f->path + ": " + it->status().message());
  if (!first) f->largest = prev;

  bool have_range = !first;
  for (const TableRangeTombstone& t : f->reader->range_tombstones().tombstones()) {
    if (Compare(t.start, t.end) >= 0) continue;
    if (!have_range || Compare(t.start, f->smallest) < 0) f->smallest = t.start;
    if (!have_range || Compare(t.end, f->largest) > 0) {
      f->largest = t.end;
      f->largest_exclusive = true;
    }
    have_range = true;
    ++f->entries;
  }
  return Status::OK();
}

// True when the memtable holds a point entry or range tombstone in
// [smallest, largest] (user keys, inclusive).
bool MemTableOverlaps(const MemTable& mem, Slice smallest, Slice largest) {
  if (mem.empty()) return false;
  std::unique_ptr<Iterator> it = mem.NewIterator();
  it->Seek(MakeInternalKey(smallest, kMaxSequenceNumber, kValueTypeForSeek));
  if (it->Valid() && Compare(ExtractUserKey(it->key()), largest) <= 0) return true;
  if (mem.num_range_deletes() == 0) return false;
  std::unique_ptr<Iterator> rt = mem.NewRangeTombstoneIterator();
  for (rt->SeekToFirst(); rt->Valid(); rt->Next()) {
    const Slice begin = ExtractUserKey(rt->key());
    if (Compare(begin, largest) <= 0 && Compare(rt->value(), smallest) > 0) return true;
  }
  return false;
}

// Writes f's entries at sequence `seq` into a new table `path`.
Result<FileMetaData> RewriteAtSequence(FileSystem* fs, const std::string& path, uint64_t number,
                                       const TableOptions& options, const ExternalFile& f,
                                       SequenceNumber seq) {
  auto writer = TableFileWriter::Create(fs, path, options);
  if (!writer.ok()) return writer.status();
  TableBuilder* builder = (*writer)->builder();
  TableReadOptions read_options;
  read_options.fill_cache = false;
  std::unique_ptr<Iterator> it = f.reader->NewIterator(read_options);
  std::string key;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ParsedInternalKey k;
    if (!ParseInternalKey(it->key(), &k)) return Status::Corruption(f.path + ": malformed key");
    key.clear();
    AppendInternalKey(&key, k.user_key, seq, k.type);
    STRATA_RETURN_IF_ERROR(builder->Add(key, it->value()));
  }
  if (!it->status().ok()) return Status::Corruption(f.path + ": " + it->status().message());
  for (const TableRangeTombstone& t : f.reader->range_tombstones().tombstones()) {
    if (Compare(t.start, t.end) < 0)
      STRATA_RETURN_IF_ERROR(builder->AddRangeDeletion(t.start, t.end, seq));
  }
  auto props = (*writer)->Commit();
  if (!props.ok()) return props.status();
  FileMetaData meta = NewTableMeta(number, builder->file_size(), *props);
  return meta;
}

}  // namespace

Status DBImpl::IngestFiles(TreeId id, const std::vector<std::string>& paths) {
  std::shared_ptr<TreeData> tree = FindTreeData(id);
  if (tree == nullptr)
    return Status::InvalidArgument("IngestFiles: unknown tree " + std::to_string(id));
  if (has_bg_error_.load(std::memory_order_acquire)) return BackgroundError();

  // 1. Validate.
  std::vector<ExternalFile> files;
  for (const std::string& path : paths) {
    ExternalFile f;
    f.path = path;
    STRATA_RETURN_IF_ERROR(ValidateExternalFile(fs_, &f));
    if (f.entries > 0) files.push_back(std::move(f));
  }
  if (files.empty()) return Status::OK();
  std::sort(files.begin(), files.end(), [](const ExternalFile& a, const ExternalFile& b) {
    return Compare(a.smallest, b.smallest) < 0;
  });
  for (size_t i = 1; i < files.size(); ++i) {
    const int c = Compare(files[i - 1].largest, files[i].smallest);
    if (c > 0 || (c == 0 && !files[i - 1].largest_exclusive)) {
      return Status::InvalidArgument("IngestFiles: " + files[i - 1].path + " and " + files[i].path +
                                     " overlap");
    }
  }
  const std::string range_begin = files.front().smallest;
  std::string range_end = files.front().largest;
  for (const ExternalFile& f : files) {
    if (Compare(f.largest, range_end) > 0) range_end = f.largest;
  }

  // 2. Everything else with no write in flight.
  return IngestExclusive(
      {IngestTarget{tree.get(), id, range_begin, range_end}},
      [&](SequenceNumber seq, std::vector<std::pair<TreeId, FileMetaData>>* metas) -> Status {
        for (const ExternalFile& f : files) {
          const uint64_t number = versions_->NewFileNumber();
          auto meta =
              RewriteAtSequence(fs_, TableFileName(dir_, number), number, table_options_, f, seq);
          if (!meta.ok()) return meta.status();
          metas->emplace_back(id, std::move(*meta));
        }
        return Status::OK();
      });
}

Status DBImpl::IngestSortedRows(TreeId id,
                                const std::vector<std::pair<std::string, std::string>>& rows) {
  std::shared_ptr<TreeData> tree = FindTreeData(id);
  if (tree == nullptr)
    return Status::InvalidArgument("IngestSortedRows: unknown tree " + std::to_string(id));
  if (has_bg_error_.load(std::memory_order_acquire)) return BackgroundError();
  if (rows.empty()) return Status::OK();
  for (size_t i = 1; i < rows.size(); ++i) {
    if (Compare(rows[i - 1].first, rows[i].first) >= 0) {
      return Status::InvalidArgument(
          "IngestSortedRows: keys are not strictly increasing (duplicate or unsorted key)");
    }
  }
  // With WAL archiving the rows are logged as well (a logged ingestion,
  // storage/write_batch.h), so point-in-time restore can replay them.
  const std::function<Status(SequenceNumber)> log = [&](SequenceNumber seq) {
    return LogOperation(
        [&](std::string* record) { WriteBatch::AppendIngestedRows(record, id, rows); }, seq);
  };
  return IngestExclusive(
      {IngestTarget{tree.get(), id, rows.front().first, rows.back().first}},
      [&](SequenceNumber seq, std::vector<std::pair<TreeId, FileMetaData>>* metas) -> Status {
        // Writes rows [begin, end) as one table.
        auto write_table = [&](size_t begin, size_t end, uint64_t number,
                               std::optional<FileMetaData>* meta) -> Status {
          auto writer = TableFileWriter::Create(fs_, TableFileName(dir_, number), table_options_);
          if (!writer.ok()) return writer.status();
          TableBuilder* builder = (*writer)->builder();
          std::string key;
          for (size_t i = begin; i < end; ++i) {
            key.clear();
            AppendInternalKey(&key, rows[i].first, seq, ValueType::kValue);
            STRATA_RETURN_IF_ERROR(builder->Add(key, rows[i].second));
          }
          auto props = (*writer)->Commit();
          if (!props.ok()) return props.status();
          meta->emplace(NewTableMeta(number, builder->file_size(), *props));
          return Status::OK();
        };
        // A large ingestion is written as two tables (disjoint key ranges) by
        // two threads: compressing and checksumming the blocks is most of the
        // work, and the session's COPY waits for it.
        const size_t parts = rows.size() >= kParallelIngestMinRows ? 2 : 1;
        std::vector<uint64_t> numbers;
        for (size_t p = 0; p < parts; ++p) numbers.push_back(versions_->NewFileNumber());
        std::vector<std::optional<FileMetaData>> built(parts);
        std::vector<Status> results(parts);
        const size_t split = rows.size() / parts;
        std::thread second;
        if (parts == 2) {
          second = std::thread(
              [&] { results[1] = write_table(split, rows.size(), numbers[1], &built[1]); });
        }
        results[0] = write_table(0, split, numbers[0], &built[0]);
        if (second.joinable()) second.join();
        for (size_t p = 0; p < parts; ++p) {
          // A table written before the other failed is deleted with the
          // failed ingestion's outputs (the caller removes metas' files).
          if (built[p].has_value()) metas->emplace_back(id, std::move(*built[p]));
        }
        for (const Status& r : results) STRATA_RETURN_IF_ERROR(r);
        return Status::OK();
      },
      options_.archive_wal ? &log : nullptr);
}

Status DBImpl::IngestRowStream(const std::vector<IngestTreeRange>& trees,
                               const std::function<Status(const IngestEmit& emit)>& produce) {
  if (has_bg_error_.load(std::memory_order_acquire)) return BackgroundError();
  std::vector<IngestTarget> targets;
  std::vector<std::shared_ptr<TreeData>> keep;
  for (const IngestTreeRange& r : trees) {
    std::shared_ptr<TreeData> tree = FindTreeData(r.tree);
    if (tree == nullptr) {
      return Status::InvalidArgument("IngestRowStream: unknown tree " + std::to_string(r.tree));
    }
    if (Compare(r.smallest, r.largest) > 0) {
      return Status::InvalidArgument("IngestRowStream: empty key range");
    }
    for (const IngestTarget& t : targets) {
      if (t.id == r.tree) return Status::InvalidArgument("IngestRowStream: tree listed twice");
    }
    targets.push_back(IngestTarget{tree.get(), r.tree, r.smallest, r.largest});
    keep.push_back(std::move(tree));
  }
  if (targets.empty()) return Status::OK();
  return IngestExclusive(
      targets,
      [&](SequenceNumber seq, std::vector<std::pair<TreeId, FileMetaData>>* metas) -> Status {
        // The table being written: targets[current]'s, one per tree.
        size_t current = 0;
        std::unique_ptr<TableFileWriter> writer;
        uint64_t number = 0;
        bool have_prev = false;
        std::string prev;
        std::string key;
        auto finish = [&]() -> Status {
          if (writer == nullptr) return Status::OK();
          auto props = writer->Commit();
          if (!props.ok()) return props.status();
          metas->emplace_back(targets[current].id,
                              NewTableMeta(number, writer->builder()->file_size(), *props));
          writer.reset();
          return Status::OK();
        };
        const IngestEmit emit = [&](TreeId id, Slice user_key, const Slice* value) -> Status {
          if (writer == nullptr || targets[current].id != id) {
            size_t next = writer == nullptr ? current : current + 1;
            while (next < targets.size() && targets[next].id != id) ++next;
            if (next == targets.size()) {
              return Status::InvalidArgument("IngestRowStream: rows out of tree order");
            }
            STRATA_RETURN_IF_ERROR(finish());
            current = next;
            number = versions_->NewFileNumber();
            auto created =
                TableFileWriter::Create(fs_, TableFileName(dir_, number), table_options_);
            if (!created.ok()) return created.status();
            writer = std::move(*created);
            have_prev = false;
          }
          const IngestTarget& t = targets[current];
          if ((have_prev && Compare(user_key, prev) <= 0) || Compare(user_key, t.begin) < 0 ||
              Compare(user_key, t.end) > 0) {
            return Status::InvalidArgument(
                "IngestRowStream: keys not strictly increasing or outside the declared range");
          }
          prev.assign(user_key.data(), user_key.size());
          have_prev = true;
          key.clear();
          AppendInternalKey(&key, user_key, seq,
                            value == nullptr ? ValueType::kDeletion : ValueType::kValue);
          return writer->builder()->Add(key, value == nullptr ? Slice() : *value);
        };
        Status s = produce(emit);
        if (s.ok()) s = finish();
        return s;  // an unfinished writer deletes its temp file
      });
}

Status DBImpl::IngestSortedParts(TreeId id, const std::vector<IngestPart>& parts) {
  std::shared_ptr<TreeData> tree = FindTreeData(id);
  if (tree == nullptr)
    return Status::InvalidArgument("IngestSortedParts: unknown tree " + std::to_string(id));
  if (has_bg_error_.load(std::memory_order_acquire)) return BackgroundError();
  if (parts.empty()) return Status::OK();
  for (size_t p = 0; p < parts.size(); ++p) {
    const int span = Compare(parts[p].smallest, parts[p].largest);
    if (span > 0 || (span == 0 && parts[p].largest_exclusive) ||
        (p > 0 && Compare(parts[p - 1].largest, parts[p].smallest) >
                      (parts[p - 1].largest_exclusive ? 0 : -1))) {
      return Status::InvalidArgument("IngestSortedParts: part ranges empty, unordered or overlapping");
    }
  }
  // (An excluded largest only widens the range checked against memtables.)
  return IngestExclusive(
      {IngestTarget{tree.get(), id, parts.front().smallest, parts.back().largest}},
      [&](SequenceNumber seq, std::vector<std::pair<TreeId, FileMetaData>>* metas) -> Status {
        // Numbers are taken here, on one thread, before the writers start.
        std::vector<uint64_t> numbers;
        for (size_t p = 0; p < parts.size(); ++p) numbers.push_back(versions_->NewFileNumber());
        std::vector<std::optional<FileMetaData>> built(parts.size());
        std::vector<Status> results(parts.size());
        // Writes part p as one table (none when it emits nothing).
        auto write_part = [&](size_t p) -> Status {
          const IngestPart& part = parts[p];
          std::unique_ptr<TableFileWriter> writer;
          bool have_prev = false;
          std::string prev;
          std::string key;
          const IngestEmit emit = [&](TreeId row_tree, Slice user_key, const Slice* value) -> Status {
            if (row_tree != id) return Status::InvalidArgument("IngestSortedParts: row of another tree");
            if ((have_prev && Compare(user_key, prev) <= 0) || Compare(user_key, part.smallest) < 0 ||
                Compare(user_key, part.largest) > (part.largest_exclusive ? -1 : 0)) {
              return Status::InvalidArgument(
                  "IngestSortedParts: keys not strictly increasing or outside the part's range");
            }
            if (writer == nullptr) {
              auto created =
                  TableFileWriter::Create(fs_, TableFileName(dir_, numbers[p]), table_options_);
              if (!created.ok()) return created.status();
              writer = std::move(*created);
            }
            prev.assign(user_key.data(), user_key.size());
            have_prev = true;
            key.clear();
            AppendInternalKey(&key, user_key, seq,
                              value == nullptr ? ValueType::kDeletion : ValueType::kValue);
            return writer->builder()->Add(key, value == nullptr ? Slice() : *value);
          };
          STRATA_RETURN_IF_ERROR(part.produce(emit));
          if (writer == nullptr) return Status::OK();
          auto props = writer->Commit();
          if (!props.ok()) return props.status();
          built[p].emplace(NewTableMeta(numbers[p], writer->builder()->file_size(), *props));
          return Status::OK();  // an uncommitted writer deletes its temp file
        };
        std::vector<std::thread> threads;
        for (size_t p = 1; p < parts.size(); ++p) {
          threads.emplace_back([&, p] { results[p] = write_part(p); });
        }
        results[0] = write_part(0);
        for (std::thread& t : threads) t.join();
        for (size_t p = 0; p < parts.size(); ++p) {
          // Tables written beside a failed part are deleted with the failed
          // ingestion's outputs (the caller removes metas' files).
          if (built[p].has_value()) metas->emplace_back(id, std::move(*built[p]));
        }
        for (const Status& r : results) STRATA_RETURN_IF_ERROR(r);
        return Status::OK();
      });
}

// Steps 2a-e for tables covering [range_begin, range_end] (user keys,
// inclusive); write_tables writes them at the given sequence number and
// appends their metadata (tables already written stay listed on failure, so
// they are deleted).
Status DBImpl::IngestExclusive(
    const std::vector<IngestTarget>& targets,
    const std::function<Status(SequenceNumber, std::vector<std::pair<TreeId, FileMetaData>>*)>&
        write_tables,
    const std::function<Status(SequenceNumber)>* log) {
  return group_commit_->RunExclusive([&]() -> Status {
    // a. Older versions of the ingested keys must not stay in memtables.
    std::vector<TreeId> switch_ids;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!bg_error_.ok()) return bg_error_;
      for (const IngestTarget& t : targets) {
        if (t.tree->dropped) return Status::InvalidArgument("IngestFiles: tree was dropped");
        if (MemTableOverlaps(*t.tree->mem, t.begin, t.end)) switch_ids.push_back(t.id);
      }
    }
    if (!switch_ids.empty()) STRATA_RETURN_IF_ERROR(SwitchMemTables(&switch_ids));
    for (const IngestTarget& t : targets) {
      std::unique_lock<std::mutex> lock(mutex_);
      uint64_t wait_for = 0;
      for (const ImmutableMemTable& m : t.tree->imm) {
        if (MemTableOverlaps(*m.mem, t.begin, t.end)) wait_for = m.id;
      }
      if (wait_for != 0) STRATA_RETURN_IF_ERROR(WaitForFlushLocked(t.tree, wait_for, &lock));
    }

    // b, c. The new sequence number and the tables written at it.
    const SequenceNumber seq = group_commit_->LastSequence() + 1;
    std::vector<std::pair<TreeId, FileMetaData>> metas;
    auto delete_copies = [&] {
      for (const auto& [id, m] : metas) (void)fs_->DeleteFile(TableFileName(dir_, m.number));
    };
    if (Status w = write_tables(seq, &metas); !w.ok()) {
      delete_copies();
      return w;
    }

    // d. Placement, e. install.
    std::lock_guard<std::mutex> manifest_lock(manifest_mu_);
    VersionEdit edit;
    auto set_ingesting = [&](bool on) {
      for (const IngestTarget& t : targets) t.tree->ingesting = on;
    };
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (const IngestTarget& t : targets) {
        if (t.tree->dropped) {
          delete_copies();
          return Status::InvalidArgument("IngestFiles: tree was dropped");
        }
      }
      set_ingesting(true);
      for (const auto& [id, m] : metas) {
        TreeData* tree = nullptr;
        for (const IngestTarget& t : targets) {
          if (t.id == id) tree = t.tree;
        }
        std::shared_ptr<const Version> version = versions_->current(id);
        const Slice lo = m.smallest_user_key();
        const Slice hi = m.largest_user_key();
        int target = 0;
        for (int level = 0; level < kNumLevels; ++level) {
          bool busy = version->OverlapInLevel(level, lo, hi);
          for (const Compaction* c : tree->running_compactions) {
            if (c->output_level() == level && Compare(c->largest_user_key(), lo) >= 0 &&
                Compare(c->smallest_user_key(), hi) <= 0) {
              busy = true;
            }
          }
          if (busy) break;
          target = level;
        }
        edit.AddFile(id, target, m);
      }
    }
    edit.SetLastSequence(seq);
    Status s = ApplyEdit(edit);
    std::unique_lock<std::mutex> lock(mutex_);
    set_ingesting(false);
    bg_cv_.notify_all();
    if (!s.ok()) {
      // Unless nothing was written, the edit may be durable: keep the copies
      // (the next open deletes them if the manifest does not list them).
      if (s.IsInvalidArgument()) {
        delete_copies();
      } else {
        SetBackgroundErrorLocked(s);
      }
      return s;
    }
    for (const IngestTarget& t : targets) InstallSuperVersionLocked(t.tree);
    RecalculateWriteStallLocked();
    const SequenceNumber published = group_commit_->ConsumeSequence(1);
    if (published != seq) {
      SetBackgroundErrorLocked(Status::Corruption("IngestFiles: sequence " + std::to_string(seq) +
                                                  " was taken by another writer"));
      return bg_error_;
    }
    lock.unlock();
    // Durable in the manifest already; a failure to log it is a background
    // error (LogOperation), reported to the caller.
    if (log != nullptr) return (*log)(seq);
    return Status::OK();
  });
}

}  // namespace strata::storage
