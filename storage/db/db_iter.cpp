// DBIter: snapshot-filtered user-key iteration over a tree (see db_iter.h).
#include "storage/db/db_iter.h"

#include <vector>

#include "storage/db/level_iterator.h"
#include "storage/merging_iterator.h"

namespace strata::storage {

DBIter::DBIter(std::shared_ptr<const SuperVersion> super_version, TableCache* table_cache,
               SequenceNumber snapshot, const ReadOptions& options)
    : sv_(std::move(super_version)),
      sequence_(snapshot),
      lower_bound_(options.lower_bound),
      upper_bound_(options.upper_bound) {
  Init(table_cache, options.fill_cache);
}

DBIter::~DBIter() = default;

void DBIter::Init(TableCache* table_cache, bool fill_cache) {
  TableReadOptions table_options;
  if (lower_bound_) table_options.lower_bound = Slice(*lower_bound_);
  if (upper_bound_) table_options.upper_bound = Slice(*upper_bound_);
  table_options.fill_cache = fill_cache;

  std::vector<std::unique_ptr<Iterator>> children;
  std::vector<RangeTombstone> mem_tombstones;
  auto add_memtable = [&](const MemTable& mem) {
    children.push_back(mem.NewIterator());
    if (mem.num_range_deletes() == 0) return;
    auto it = mem.NewRangeTombstoneIterator();
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      ParsedInternalKey t;
      if (!ParseInternalKey(it->key(), &t) || t.sequence > sequence_) continue;
      mem_tombstones.push_back(
          RangeTombstone{std::string(t.user_key), std::string(it->value()), t.sequence});
    }
  };
  add_memtable(*sv_->mem);
  for (const auto& m : sv_->imm) add_memtable(*m);
  if (!mem_tombstones.empty())
    mem_tombstones_ = std::make_unique<FragmentedRangeTombstones>(mem_tombstones);

  const Version& v = *sv_->version;
  for (const auto& f : v.files(0)) {
    if (lower_bound_ && Compare(f->largest_user_key(), *lower_bound_) < 0) continue;
    if (upper_bound_ && Compare(f->smallest_user_key(), *upper_bound_) >= 0) continue;
    auto it = table_cache->NewIterator(table_options, f->number, f->file_size);
    if (!it.ok()) {
      status_ = it.status();
      break;
    }
    children.push_back(std::move(*it));
  }
  for (int level = 1; level < kNumLevels && status_.ok(); ++level) {
    if (v.files(level).empty()) continue;
    children.push_back(std::make_unique<LevelIterator>(table_cache, &v, level, table_options));
  }
  if (status_.ok()) {
    auto tombstones = sv_->SstRangeTombstones(table_cache);
    if (tombstones.ok()) {
      sst_tombstones_ = *tombstones;
    } else {
      status_ = tombstones.status();
    }
  }
  iter_ = NewMergingIterator(std::move(children));
}

bool DBIter::Covered(Slice user_key, SequenceNumber seq) const {
  if (sst_tombstones_ && sst_tombstones_->Covers(user_key, seq, sequence_)) return true;
  return mem_tombstones_ && mem_tombstones_->Covers(user_key, seq, sequence_);
}

bool DBIter::Parse(ParsedInternalKey* out) {
  if (ParseInternalKey(iter_->key(), out)) return true;
  status_ = Status::Corruption("iterator: malformed internal key");
  return false;
}

void DBIter::Invalidate() {
  valid_ = false;
  saved_key_.clear();
  saved_value_.clear();
}

void DBIter::FindNextUserEntry(bool skipping) {
  while (iter_->Valid()) {
    ParsedInternalKey ikey;
    if (!Parse(&ikey)) break;
    if (upper_bound_ && Compare(ikey.user_key, *upper_bound_) >= 0) break;
    if (ikey.sequence <= sequence_) {
      if (ikey.type == ValueType::kDeletion) {
        // Hides every older version of this key.
        saved_key_.assign(ikey.user_key.data(), ikey.user_key.size());
        skipping = true;
      } else if (ikey.type == ValueType::kValue) {
        if (skipping && Compare(ikey.user_key, saved_key_) <= 0) {
          // Hidden by a newer entry.
        } else if (Covered(ikey.user_key, ikey.sequence)) {
          saved_key_.assign(ikey.user_key.data(), ikey.user_key.size());
          skipping = true;
        } else {
          valid_ = true;
          saved_key_.clear();
          return;
        }
      }
    }
    iter_->Next();
  }
  Invalidate();
}

void DBIter::FindPrevUserEntry() {
  ValueType value_type = ValueType::kDeletion;  // "nothing found yet"
  while (iter_->Valid()) {
    ParsedInternalKey ikey;
    if (!Parse(&ikey)) {
      value_type = ValueType::kDeletion;
      break;
    }
    if (lower_bound_ && Compare(ikey.user_key, *lower_bound_) < 0) break;
    if (ikey.sequence <= sequence_) {
      if (value_type != ValueType::kDeletion && Compare(ikey.user_key, saved_key_) < 0) {
        break;  // saved_key_ holds the newest visible version of the next key up
      }
      if (ikey.type == ValueType::kValue && !Covered(ikey.user_key, ikey.sequence)) {
        value_type = ValueType::kValue;
        saved_key_.assign(ikey.user_key.data(), ikey.user_key.size());
        const Slice v = iter_->value();
        saved_value_.assign(v.data(), v.size());
      } else if (ikey.type != ValueType::kRangeDeletion) {
        value_type = ValueType::kDeletion;
        saved_key_.clear();
        saved_value_.clear();
      }
    }
    iter_->Prev();
  }
  if (!iter_->status().ok())
    value_type = ValueType::kDeletion;  // saved_key_ may miss newer versions
  if (value_type == ValueType::kDeletion) {
    Invalidate();
    direction_ = Direction::kForward;
  } else {
    valid_ = true;
  }
}

void DBIter::Next() {
  if (!valid_) return;
  if (direction_ == Direction::kReverse) {
    // iter_ is just before the entries of saved_key_: step into them; the
    // skip below then passes over them.
    direction_ = Direction::kForward;
    if (!iter_->Valid()) {
      if (lower_bound_) {
        seek_key_ = MakeInternalKey(*lower_bound_, kMaxSequenceNumber, kValueTypeForSeek);
        iter_->Seek(seek_key_);
      } else {
        iter_->SeekToFirst();
      }
    } else {
      iter_->Next();
    }
    if (!iter_->Valid()) {
      Invalidate();
      return;
    }
  } else {
    const Slice user_key = ExtractUserKey(iter_->key());
    saved_key_.assign(user_key.data(), user_key.size());
    iter_->Next();
  }
  FindNextUserEntry(/*skipping=*/true);
}

void DBIter::Prev() {
  if (!valid_) return;
  if (direction_ == Direction::kForward) {
    // iter_ is on the current entry: back up past every entry of this key.
    const Slice user_key = ExtractUserKey(iter_->key());
    saved_key_.assign(user_key.data(), user_key.size());
    while (true) {
      iter_->Prev();
      if (!iter_->Valid()) {
        Invalidate();
        return;
      }
      if (Compare(ExtractUserKey(iter_->key()), saved_key_) < 0) break;
    }
    direction_ = Direction::kReverse;
  }
  FindPrevUserEntry();
}

void DBIter::SeekToFirst() {
  if (!status_.ok()) return Invalidate();
  direction_ = Direction::kForward;
  saved_value_.clear();
  if (lower_bound_) {
    seek_key_ = MakeInternalKey(*lower_bound_, sequence_, kValueTypeForSeek);
    iter_->Seek(seek_key_);
  } else {
    iter_->SeekToFirst();
  }
  FindNextUserEntry(/*skipping=*/false);
}

void DBIter::SeekInternalToLast() {
  if (upper_bound_) {
    // The last entry of any key below the bound: (bound, max, seek type)
    // sorts before every entry of the bound key itself.
    seek_key_ = MakeInternalKey(*upper_bound_, kMaxSequenceNumber, kValueTypeForSeek);
    iter_->SeekForPrev(seek_key_);
  } else {
    iter_->SeekToLast();
  }
}

void DBIter::SeekToLast() {
  if (!status_.ok()) return Invalidate();
  direction_ = Direction::kReverse;
  saved_key_.clear();
  saved_value_.clear();
  SeekInternalToLast();
  FindPrevUserEntry();
}

void DBIter::Seek(Slice target) {
  if (!status_.ok()) return Invalidate();
  direction_ = Direction::kForward;
  saved_key_.clear();
  saved_value_.clear();
  if (lower_bound_ && Compare(target, *lower_bound_) < 0) target = *lower_bound_;
  seek_key_.clear();
  AppendInternalKey(&seek_key_, target, sequence_, kValueTypeForSeek);
  iter_->Seek(seek_key_);
  FindNextUserEntry(/*skipping=*/false);
}

void DBIter::SeekForPrev(Slice target) {
  if (!status_.ok()) return Invalidate();
  direction_ = Direction::kReverse;
  saved_key_.clear();
  saved_value_.clear();
  if (upper_bound_ && Compare(target, *upper_bound_) >= 0) {
    SeekInternalToLast();
  } else {
    // (target, 0, lowest type) sorts after every entry of target.
    seek_key_.clear();
    AppendInternalKey(&seek_key_, target, 0, ValueType::kDeletion);
    iter_->SeekForPrev(seek_key_);
  }
  FindPrevUserEntry();
}

Slice DBIter::key() const {
  if (direction_ == Direction::kForward) return ExtractUserKey(iter_->key());
  return saved_key_;
}

Slice DBIter::value() const {
  if (direction_ == Direction::kForward) return iter_->value();
  return saved_value_;
}

Status DBIter::status() const {
  if (!status_.ok()) return status_;
  return iter_->status();
}

}  // namespace strata::storage
