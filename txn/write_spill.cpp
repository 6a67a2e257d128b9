// SpillArea, SpillRun, WriteCursor and CheckLog (see write_spill.h).
#include "txn/write_spill.h"

#include <iterator>

#include "common/coding.h"
#include "common/logging.h"
#include "storage/dbformat.h"
#include "storage/sstable/table_file_writer.h"

namespace strata::txn {

namespace {
constexpr std::string_view kRunSuffix = ".run";
constexpr std::string_view kCheckSuffix = ".checks";

std::string TreePrefix(storage::TreeId tree) {
  std::string p(8, '\0');
  EncodeBigEndian64(p.data(), tree);
  return p;
}
}  // namespace

// ---- SpillArea ----

Status SpillArea::Sweep() {
  STRATA_RETURN_IF_ERROR(fs_->CreateDirIfMissing(dir_));
  auto children = fs_->GetChildren(dir_);
  if (!children.ok()) return children.status();
  for (const std::string& name : *children) {
    if (name.ends_with(kRunSuffix) || name.ends_with(kCheckSuffix) || name.ends_with(".tmp")) {
      (void)fs_->DeleteFile(dir_ + "/" + name);
    }
  }
  return Status::OK();
}

std::string SpillArea::NewPath(const char* suffix) {
  return dir_ + "/" + std::to_string(next_.fetch_add(1)) + suffix;
}

// ---- SpillRun ----

std::string SpillRun::RunKey(storage::TreeId tree, Slice key) {
  std::string k = TreePrefix(tree);
  k.append(key.data(), key.size());
  return k;
}

Result<std::shared_ptr<SpillRun>> SpillRun::Write(
    SpillArea* area, const std::map<storage::TreeId, WriteMap>& writes) {
  std::shared_ptr<SpillRun> run(new SpillRun());
  run->fs_ = area->fs();
  run->path_ = area->NewPath(kRunSuffix.data());
  storage::TableOptions options;
  // A scratch file read back once or twice: no compression work.
  options.compression = storage::CompressionType::kNone;
  {
    auto writer = storage::TableFileWriter::Create(run->fs_, run->path_, options);
    if (!writer.ok()) return writer.status();
    std::string ikey;
    // std::map orders trees ascending, and big-endian ids keep that order.
    for (const auto& [tree, map] : writes) {
      if (map.empty()) continue;
      run->ranges_[tree] = {map.begin()->first, map.rbegin()->first};
      const std::string prefix = TreePrefix(tree);
      for (const auto& [key, value] : map) {
        ikey = prefix;
        ikey += key;
        storage::AppendInternalKey(
            &ikey, Slice(), 0,
            value.has_value() ? storage::ValueType::kValue : storage::ValueType::kDeletion);
        // AppendInternalKey appended an empty user key and the trailer: the
        // user key is prefix + key already in ikey.
        STRATA_RETURN_IF_ERROR((*writer)->builder()->Add(
            ikey, value.has_value() ? Slice(*value) : Slice()));
      }
    }
    auto props = (*writer)->Commit();
    if (!props.ok()) return props.status();
  }
  auto size = run->fs_->GetFileSize(run->path_);
  if (!size.ok()) return size.status();
  auto file = run->fs_->NewRandomAccessFile(run->path_);
  if (!file.ok()) return file.status();
  auto reader = storage::TableReader::Open(storage::TableReaderOptions{}, std::move(*file), *size,
                                           0, nullptr);
  if (!reader.ok()) return reader.status();
  run->reader_ = std::move(*reader);
  return run;
}

SpillRun::~SpillRun() {
  reader_.reset();
  if (!path_.empty()) (void)fs_->DeleteFile(path_);
}

Result<std::optional<std::optional<std::string>>> SpillRun::Get(storage::TreeId tree,
                                                                 Slice key) const {
  using Out = std::optional<std::optional<std::string>>;
  auto range = ranges_.find(tree);
  if (range == ranges_.end() || Compare(key, range->second.first) < 0 ||
      Compare(key, range->second.second) > 0) {
    return Out();
  }
  storage::TableReadOptions options;
  options.fill_cache = false;
  auto got = reader_->Get(options, RunKey(tree, key), storage::kMaxSequenceNumber);
  if (!got.ok()) return got.status();
  switch (got->kind) {
    case storage::TableGetResult::Kind::kNotFound:
      return Out();
    case storage::TableGetResult::Kind::kDeleted:
      return Out(std::optional<std::string>());
    case storage::TableGetResult::Kind::kValue:
      break;
  }
  return Out(std::optional<std::string>(std::string(got->value)));
}

std::unique_ptr<storage::Iterator> SpillRun::NewIterator() const {
  storage::TableReadOptions options;
  options.fill_cache = false;
  return reader_->NewIterator(options);
}

// ---- WriteCursor ----

struct WriteCursor::RunSource {
  std::shared_ptr<SpillRun> run;  // keeps the file
  std::unique_ptr<storage::Iterator> it;
  bool valid = false;
  std::string_view user_key;  // without the tree prefix
  void Load(const std::string& prefix) {
    valid = false;
    if (!it->Valid()) return;
    const Slice uk = storage::ExtractUserKey(it->key());
    if (uk.size() < prefix.size() || uk.substr(0, prefix.size()) != prefix) return;
    user_key = uk.substr(prefix.size());
    valid = true;
  }
  bool is_delete() const {
    storage::ParsedInternalKey k;
    return storage::ParseInternalKey(it->key(), &k) && k.type == storage::ValueType::kDeletion;
  }
};

WriteCursor::WriteCursor(storage::TreeId tree, const WriteMap* memory,
                         std::vector<std::shared_ptr<SpillRun>> runs_newest_first)
    : tree_(tree), prefix_(TreePrefix(tree)), memory_(memory) {
  if (memory_ != nullptr) mem_it_ = memory_->end();
  for (auto& run : runs_newest_first) {
    if (run->ranges().count(tree) == 0) continue;
    auto src = std::make_unique<RunSource>();
    src->it = run->NewIterator();
    src->run = std::move(run);
    runs_.push_back(std::move(src));
  }
}

WriteCursor::~WriteCursor() = default;

void WriteCursor::Seek(Slice target) {
  reverse_ = false;
  mem_before_begin_ = false;
  if (memory_ != nullptr) mem_it_ = memory_->lower_bound(std::string(target));
  const std::string seek =
      storage::MakeInternalKey(SpillRun::RunKey(tree_, target), storage::kMaxSequenceNumber,
                               storage::kValueTypeForSeek);
  for (auto& src : runs_) {
    src->it->Seek(seek);
    src->Load(prefix_);
  }
  Settle();
}

void WriteCursor::SeekForPrev(Slice target) {
  reverse_ = true;
  if (memory_ != nullptr) {
    mem_it_ = memory_->upper_bound(std::string(target));
    mem_before_begin_ = mem_it_ == memory_->begin();
    if (!mem_before_begin_) --mem_it_;
  }
  // Sequence 0 with the lowest type sorts after every entry of the key.
  const std::string seek = storage::MakeInternalKey(SpillRun::RunKey(tree_, target), 0,
                                                    storage::ValueType::kDeletion);
  for (auto& src : runs_) {
    src->it->SeekForPrev(seek);
    src->Load(prefix_);
  }
  Settle();
}

void WriteCursor::SeekToLast() {
  reverse_ = true;
  if (memory_ != nullptr) {
    mem_before_begin_ = memory_->empty();
    if (!mem_before_begin_) mem_it_ = std::prev(memory_->end());
  }
  // Everything of this tree sorts below the next tree's prefix.
  const storage::TreeId next = tree_ + 1;
  const std::string seek =
      next == 0 ? std::string()
                : storage::MakeInternalKey(TreePrefix(next), storage::kMaxSequenceNumber,
                                           storage::kValueTypeForSeek);
  for (auto& src : runs_) {
    if (seek.empty()) {
      src->it->SeekToLast();
    } else {
      src->it->SeekForPrev(seek);
    }
    src->Load(prefix_);
  }
  Settle();
}

bool WriteCursor::MemValid() const {
  if (memory_ == nullptr) return false;
  return reverse_ ? !mem_before_begin_ : mem_it_ != memory_->end();
}

void WriteCursor::Settle() {
  // The smallest (forward) or largest (reverse) key among the sources; the
  // first source holding it (memory, then the newest run) decides its value.
  valid_ = false;
  const bool mem_ok = MemValid();
  std::optional<Slice> best;
  if (mem_ok) best = Slice(mem_it_->first);
  int best_run = -1;
  for (size_t i = 0; i < runs_.size(); ++i) {
    if (!runs_[i]->valid) {
      if (status_.ok()) status_ = runs_[i]->it->status();
      continue;
    }
    const int cmp = best.has_value() ? Compare(runs_[i]->user_key, *best) : 0;
    if (!best.has_value() || (reverse_ ? cmp > 0 : cmp < 0)) {
      best = runs_[i]->user_key;
      best_run = static_cast<int>(i);
    }
  }
  if (!best.has_value() || !status_.ok()) return;
  valid_ = true;
  if (best_run < 0) {
    key_ = mem_it_->first;
    has_value_ = mem_it_->second.has_value();
    if (has_value_) value_ = *mem_it_->second;
  } else {
    const RunSource& src = *runs_[static_cast<size_t>(best_run)];
    key_.assign(src.user_key.data(), src.user_key.size());
    has_value_ = !src.is_delete();
    if (has_value_) value_.assign(src.it->value().data(), src.it->value().size());
  }
}

void WriteCursor::Next() {
  if (reverse_) {
    // Every source to its first entry >= the current key (the key itself
    // is still in the write set: the map is not changed under a cursor).
    const std::string current = key_;
    Seek(current);
  }
  // Step every source positioned at the current key.
  if (MemValid() && mem_it_->first == key_) ++mem_it_;
  for (auto& src : runs_) {
    if (src->valid && src->user_key == key_) {
      src->it->Next();
      src->Load(prefix_);
    }
  }
  Settle();
}

void WriteCursor::Prev() {
  if (!reverse_) {
    const std::string current = key_;
    SeekForPrev(current);
  }
  // Step back every source positioned at the current key.
  if (MemValid() && mem_it_->first == key_) {
    if (mem_it_ == memory_->begin()) {
      mem_before_begin_ = true;
    } else {
      --mem_it_;
    }
  }
  for (auto& src : runs_) {
    if (src->valid && src->user_key == key_) {
      src->it->Prev();
      src->Load(prefix_);
    }
  }
  Settle();
}

// ---- CheckLog ----

CheckLog::~CheckLog() {
  if (file_ != nullptr) (void)file_->Close();
  file_.reset();
  if (!path_.empty()) (void)area_->fs()->DeleteFile(path_);
}

Status CheckLog::Append(const SpilledCheck& check) {
  if (file_ == nullptr) {
    path_ = area_->NewPath(kCheckSuffix.data());
    auto f = area_->fs()->NewWritableFile(path_);
    if (!f.ok()) return f.status();
    file_ = std::move(*f);
  }
  buffer_.push_back(static_cast<char>(check.kind));
  PutVarint64(&buffer_, check.tree);
  PutVarint64(&buffer_, check.snapshot);
  PutVarint64(&buffer_, check.ordinal);
  PutLengthPrefixedSlice(&buffer_, check.key);
  ++count_;
  if (buffer_.size() >= (1 << 20)) return Flush();
  return Status::OK();
}

Status CheckLog::Flush() {
  if (file_ == nullptr || buffer_.empty()) return Status::OK();
  STRATA_RETURN_IF_ERROR(file_->Append(buffer_));
  buffer_.clear();
  return file_->Flush();
}

Status CheckLog::ForEach(const std::function<Status(const SpilledCheck&)>& fn) {
  if (count_ == 0) return Status::OK();
  STRATA_RETURN_IF_ERROR(Flush());
  auto f = area_->fs()->NewSequentialFile(path_);
  if (!f.ok()) return f.status();
  std::string pending;
  std::vector<char> scratch(1 << 20);
  uint64_t seen = 0;
  SpilledCheck check;
  bool eof = false;
  while (seen < count_) {
    // Parse whole records from `pending`; read more when one is cut off.
    Slice in(pending);
    while (seen < count_ && !in.empty()) {
      Slice rec = in;
      uint64_t tree = 0, snapshot = 0, ordinal = 0;
      Slice key;
      const uint8_t kind = static_cast<uint8_t>(rec[0]);
      rec.remove_prefix(1);
      if (!GetVarint64(&rec, &tree) || !GetVarint64(&rec, &snapshot) ||
          !GetVarint64(&rec, &ordinal) || !GetLengthPrefixedSlice(&rec, &key)) {
        break;  // incomplete
      }
      check.kind = static_cast<SpilledCheck::Kind>(kind);
      check.tree = tree;
      check.snapshot = snapshot;
      check.ordinal = ordinal;
      check.key.assign(key.data(), key.size());
      STRATA_RETURN_IF_ERROR(fn(check));
      ++seen;
      in = rec;
    }
    pending.erase(0, pending.size() - in.size());
    if (seen == count_) break;
    if (eof) return Status::Corruption("check log " + path_ + " is truncated");
    Slice got;
    STRATA_RETURN_IF_ERROR((*f)->Read(scratch.size(), &got, scratch.data()));
    if (got.empty()) eof = true;
    pending.append(got.data(), got.size());
  }
  return Status::OK();
}

}  // namespace strata::txn
