// MemTable over the arena skiplist (see memtable.h).
#include "storage/memtable/memtable.h"

#include <cassert>
#include <cstring>
#include <string>

#include "common/coding.h"

namespace strata::storage {

namespace {

// Decodes the length-prefixed slice at p (varints are at most 5 bytes).
Slice GetLengthPrefixed(const char* p) {
  uint32_t len = 0;
  const char* q = GetVarint32Ptr(p, p + 5, &len);
  return Slice(q, len);
}

// Encodes an internal key as a skiplist search key (varint length + key).
MemTable::EntryKey EncodeSearchKey(std::string* scratch, Slice internal_key) {
  scratch->clear();
  PutVarint32(scratch, static_cast<uint32_t>(internal_key.size()));
  scratch->append(internal_key.data(), internal_key.size());
  return {scratch->data(), MemTable::UserKeyPrefix(ExtractUserKey(internal_key))};
}

class MemTableIterator final : public Iterator {
 public:
  MemTableIterator(std::shared_ptr<const MemTable> owner, const MemTable::Table* table)
      : owner_(std::move(owner)), iter_(table) {}

  bool Valid() const override { return iter_.Valid(); }
  void SeekToFirst() override { iter_.SeekToFirst(); }
  void SeekToLast() override { iter_.SeekToLast(); }
  // REQUIRES: target is an internal key (at least 8 bytes).
  void Seek(Slice target) override { iter_.Seek(EncodeSearchKey(&tmp_, target)); }
  void SeekForPrev(Slice target) override { iter_.SeekForPrev(EncodeSearchKey(&tmp_, target)); }
  void Next() override { iter_.Next(); }
  void Prev() override { iter_.Prev(); }
  Slice key() const override { return GetLengthPrefixed(iter_.key().entry); }
  Slice value() const override {
    Slice k = key();
    return GetLengthPrefixed(k.data() + k.size());
  }
  Status status() const override { return Status::OK(); }

 private:
  std::shared_ptr<const MemTable> owner_;  // keeps the arena alive
  MemTable::Table::Iterator iter_;
  std::string tmp_;
};

void UpdateMin(std::atomic<SequenceNumber>* a, SequenceNumber v) {
  if (v < a->load(std::memory_order_relaxed)) a->store(v, std::memory_order_relaxed);  // one writer
}
void UpdateMax(std::atomic<SequenceNumber>* a, SequenceNumber v) {
  if (v > a->load(std::memory_order_relaxed)) a->store(v, std::memory_order_relaxed);
}

}  // namespace

uint64_t MemTable::UserKeyPrefix(Slice user_key) {
  uint64_t prefix = 0;
  const size_t n = user_key.size() < 8 ? user_key.size() : 8;
  for (size_t i = 0; i < n; ++i)
    prefix |= uint64_t{static_cast<unsigned char>(user_key.data()[i])} << (56 - 8 * i);
  return prefix;
}

int MemTable::EntryComparator::operator()(const EntryKey& a, const EntryKey& b) const {
  if (a.prefix != b.prefix) return a.prefix < b.prefix ? -1 : 1;
  return CompareInternalKeys(GetLengthPrefixed(a.entry), GetLengthPrefixed(b.entry));
}

MemTable::MemTable(Private)
    : table_(EntryComparator(), &arena_), range_dels_(EntryComparator(), &arena_) {}

MemTable::EntryKey MemTable::Append(SequenceNumber seq, ValueType type, Slice user_key,
                                    Slice value) {
  const size_t ikey_size = user_key.size() + 8;
  const size_t encoded_size =
      VarintLength(ikey_size) + ikey_size + VarintLength(value.size()) + value.size();
  char* buf = arena_.Allocate(encoded_size);
  char* p = EncodeVarint32(buf, static_cast<uint32_t>(ikey_size));
  std::memcpy(p, user_key.data(), user_key.size());
  p += user_key.size();
  EncodeFixed64(p, PackSequenceAndType(seq, type));
  p += 8;
  p = EncodeVarint32(p, static_cast<uint32_t>(value.size()));
  if (!value.empty()) std::memcpy(p, value.data(), value.size());

  if (type == ValueType::kRangeDeletion) {
    num_range_deletes_.fetch_add(1, std::memory_order_relaxed);
  } else if (type == ValueType::kDeletion) {
    num_deletes_.fetch_add(1, std::memory_order_relaxed);
  }
  num_entries_.fetch_add(1, std::memory_order_relaxed);
  UpdateMin(&smallest_seq_, seq);
  UpdateMax(&largest_seq_, seq);
  return {buf, UserKeyPrefix(user_key)};
}

void MemTable::Add(SequenceNumber seq, ValueType type, Slice user_key, Slice value) {
  const EntryKey key = Append(seq, type, user_key, value);
  if (type == ValueType::kRangeDeletion) {
    range_dels_.Insert(key);
  } else {
    table_.Insert(key);
  }
}

void MemTable::AddSorted(const Record* records, size_t n) {
  sorted_scratch_.clear();
  sorted_scratch_.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const Record& r = records[i];
    assert(r.type != ValueType::kRangeDeletion);
    sorted_scratch_.push_back(Append(r.seq, r.type, r.user_key, r.value));
  }
  table_.InsertSorted(sorted_scratch_.data(), sorted_scratch_.size());
}

MemTable::GetResult MemTable::Get(Slice user_key, SequenceNumber snapshot) const {
  GetResult result;
  std::string scratch;
  scratch.reserve(user_key.size() + 13);
  PutVarint32(&scratch, static_cast<uint32_t>(user_key.size() + 8));
  scratch.append(user_key.data(), user_key.size());
  PutFixed64(&scratch, PackSequenceAndType(snapshot, kValueTypeForSeek));

  // Newest point entry with sequence <= snapshot.
  Table::Iterator it(&table_);
  it.Seek({scratch.data(), UserKeyPrefix(user_key)});
  bool have_point = false;
  ParsedInternalKey point;
  if (it.Valid()) {
    Slice ikey = GetLengthPrefixed(it.key().entry);
    if (ParseInternalKey(ikey, &point) && point.user_key == user_key) {
      have_point = true;
      result.value = GetLengthPrefixed(ikey.data() + ikey.size());
    }
  }

  // Newest visible range deletion covering user_key. Tombstones are sorted by
  // begin, so stop at the first one that begins after the key.
  bool covered = false;
  SequenceNumber tombstone_seq = 0;
  if (num_range_deletes() > 0) {
    Table::Iterator rt(&range_dels_);
    for (rt.SeekToFirst(); rt.Valid(); rt.Next()) {
      Slice ikey = GetLengthPrefixed(rt.key().entry);
      ParsedInternalKey t;
      if (!ParseInternalKey(ikey, &t)) continue;
      if (Compare(t.user_key, user_key) > 0) break;
      if (t.sequence > snapshot || (covered && t.sequence <= tombstone_seq)) continue;
      Slice end = GetLengthPrefixed(ikey.data() + ikey.size());
      if (Compare(user_key, end) < 0) {
        covered = true;
        tombstone_seq = t.sequence;
      }
    }
  }

  if (have_point && (!covered || point.sequence > tombstone_seq)) {
    result.sequence = point.sequence;
    result.state =
        point.type == ValueType::kValue ? GetResult::State::kFound : GetResult::State::kDeleted;
    if (result.state != GetResult::State::kFound) result.value = Slice();
    return result;
  }
  result.value = Slice();
  if (covered) {
    result.state = GetResult::State::kDeleted;
    result.sequence = tombstone_seq;
  }
  return result;
}

std::unique_ptr<Iterator> MemTable::NewIterator() const {
  return std::make_unique<MemTableIterator>(shared_from_this(), &table_);
}

std::unique_ptr<Iterator> MemTable::NewRangeTombstoneIterator() const {
  return std::make_unique<MemTableIterator>(shared_from_this(), &range_dels_);
}

}  // namespace strata::storage
