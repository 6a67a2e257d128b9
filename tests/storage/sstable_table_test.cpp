// TableBuilder + TableReader: round trips with many keys and versions, Get at
// snapshots, iterators (seek/prev/bounds) against a std::map reference,
// range tombstones, properties, compression, bloom use, readahead.
#include <algorithm>
#include <catch2/catch.hpp>
#include <optional>
#include <random>
#include <thread>

#include "common/coding.h"
#include "storage/cache/block_cache.h"
#include "storage/io/mem_file_system.h"
#include "storage/sstable/footer.h"
#include "storage/sstable/internal_key_separator.h"
#include "storage/sstable/table_file_writer.h"
#include "tests/storage/sstable_test_util.h"

namespace strata::storage {
namespace {

using testing::BuildTable;
using testing::InternalMap;
using testing::OpenTable;
using testing::UserKey;

struct Dataset {
  InternalMap entries;
  std::vector<TableRangeTombstone> tombstones;
  int num_user_keys = 0;
  SequenceNumber max_seq = 0;
};

// num_user_keys keys with 1..4 versions each (20% deletions); values either
// compressible text or random bytes.
Dataset MakeDataset(int num_user_keys, uint64_t seed, bool compressible = true,
                    int num_tombstones = 0) {
  std::mt19937_64 rng(seed);
  Dataset d;
  d.num_user_keys = num_user_keys;
  SequenceNumber seq = 1;
  for (int i = 0; i < num_user_keys; ++i) {
    const int versions = 1 + static_cast<int>(rng() % 4);
    for (int v = 0; v < versions; ++v) {
      seq += 1 + rng() % 3;
      const ValueType t = rng() % 5 == 0 ? ValueType::kDeletion : ValueType::kValue;
      std::string value;
      if (t == ValueType::kValue) {
        value = compressible
                    ? "value-" + std::to_string(i) + "-" + std::string(20 + rng() % 60, 'x')
                    : testing::RandomBytes(&rng, 20 + rng() % 80);
      }
      d.entries[MakeInternalKey(UserKey(2 * i), seq, t)] = value;  // odd keys stay absent
    }
  }
  for (int i = 0; i < num_tombstones; ++i) {
    const int a = static_cast<int>(rng() % (2 * num_user_keys));
    const int b = a + 1 + static_cast<int>(rng() % 40);
    d.tombstones.push_back(TableRangeTombstone{UserKey(a), UserKey(b), 1 + rng() % (seq + 5)});
  }
  d.max_seq = seq + 5;
  return d;
}

// The reference answer of Get(user_key, snapshot).
TableGetResult::Kind ReferenceGet(const Dataset& d, const std::string& user_key,
                                  SequenceNumber snapshot, SequenceNumber* seq,
                                  std::string* value) {
  TableGetResult::Kind kind = TableGetResult::Kind::kNotFound;
  auto it = d.entries.lower_bound(MakeInternalKey(user_key, snapshot, kValueTypeForSeek));
  if (it != d.entries.end() && ExtractUserKey(it->first) == user_key) {
    ParsedInternalKey p;
    REQUIRE(ParseInternalKey(it->first, &p));
    kind =
        p.type == ValueType::kValue ? TableGetResult::Kind::kValue : TableGetResult::Kind::kDeleted;
    *seq = p.sequence;
    *value = it->second;
  }
  std::optional<SequenceNumber> tomb;
  for (const auto& t : d.tombstones) {
    if (t.seq <= snapshot && Compare(t.start, user_key) <= 0 && Compare(user_key, t.end) < 0) {
      tomb = std::max(tomb.value_or(0), t.seq);
    }
  }
  if (tomb && (kind == TableGetResult::Kind::kNotFound || *tomb > *seq)) {
    kind = TableGetResult::Kind::kDeleted;
    *seq = *tomb;
  }
  return kind;
}

void CheckGets(const TableReader& reader, const Dataset& d, std::mt19937_64* rng, int count) {
  for (int n = 0; n < count; ++n) {
    const std::string user_key = UserKey(static_cast<int>((*rng)() % (2 * d.num_user_keys + 10)));
    const SequenceNumber snapshot =
        (*rng)() % 4 == 0 ? kMaxSequenceNumber : (*rng)() % (d.max_seq + 1);
    SequenceNumber want_seq = 0;
    std::string want_value;
    const auto want = ReferenceGet(d, user_key, snapshot, &want_seq, &want_value);
    auto got = reader.Get(TableReadOptions{}, user_key, snapshot);
    REQUIRE(got.ok());
    INFO("key " << user_key << " snapshot " << snapshot);
    REQUIRE(got->kind == want);
    if (want != TableGetResult::Kind::kNotFound) REQUIRE(got->sequence == want_seq);
    if (want == TableGetResult::Kind::kValue) REQUIRE(got->value == want_value);
  }
}

// Random walk over the iterator and the bounded reference.
void CheckIterator(const TableReader& reader, const Dataset& d, const TableReadOptions& ro,
                   std::mt19937_64* rng, int steps) {
  std::vector<std::pair<std::string, std::string>> ref;
  for (const auto& [k, v] : d.entries) {
    const Slice u = ExtractUserKey(k);
    if (ro.lower_bound && Compare(u, *ro.lower_bound) < 0) continue;
    if (ro.upper_bound && Compare(u, *ro.upper_bound) >= 0) continue;
    ref.emplace_back(k, v);
  }
  auto it = reader.NewIterator(ro);

  size_t i = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next(), ++i) {
    REQUIRE(i < ref.size());
    REQUIRE(it->key() == ref[i].first);
    REQUIRE(it->value() == ref[i].second);
  }
  REQUIRE(it->status().ok());
  REQUIRE(i == ref.size());
  for (it->SeekToLast(); it->Valid(); it->Prev()) {
    REQUIRE(i > 0);
    --i;
    REQUIRE(it->key() == ref[i].first);
  }
  REQUIRE(it->status().ok());
  REQUIRE(i == 0);

  auto lower = [&](const std::string& t) {
    return static_cast<size_t>(
        std::partition_point(ref.begin(), ref.end(),
                             [&](const auto& e) { return CompareInternalKeys(e.first, t) < 0; }) -
        ref.begin());
  };
  size_t pos = ref.size();
  for (int step = 0; step < steps; ++step) {
    const int op = static_cast<int>((*rng)() % 8);
    const std::string user = UserKey(static_cast<int>((*rng)() % (2 * d.num_user_keys + 10)));
    const SequenceNumber seq = (*rng)() % 3 == 0 ? kMaxSequenceNumber : (*rng)() % (d.max_seq + 1);
    const std::string target = MakeInternalKey(user, seq, kValueTypeForSeek);
    if (op == 0 || op == 1) {
      it->Seek(target);
      pos = lower(target);
    } else if (op == 2) {
      it->SeekForPrev(target);
      size_t p = lower(target);
      if (p < ref.size() && ref[p].first == target) {
        pos = p;
      } else {
        pos = p == 0 ? ref.size() : p - 1;
      }
    } else if (op == 3) {
      it->SeekToFirst();
      pos = 0;
    } else if (op == 4) {
      it->SeekToLast();
      pos = ref.empty() ? 0 : ref.size() - 1;
    } else if ((op == 5 || op == 6) && pos < ref.size()) {
      it->Next();
      ++pos;
    } else if (op == 7 && pos < ref.size()) {
      it->Prev();
      pos = pos == 0 ? ref.size() : pos - 1;
    }
    REQUIRE(it->status().ok());
    REQUIRE(it->Valid() == (pos < ref.size()));
    if (pos < ref.size()) {
      REQUIRE(it->key() == ref[pos].first);
      REQUIRE(it->value() == ref[pos].second);
    }
  }
}

TEST_CASE("sstable: round trip of many keys and versions", "[sstable]") {
  std::mt19937_64 rng(1234);
  struct Config {
    size_t block_size;
    int restart_interval;
    int index_restart_interval;
    CompressionType compression;
  };
  for (const Config& c :
       {Config{16 * 1024, 16, 1, CompressionType::kLz4}, Config{512, 4, 1, CompressionType::kLz4},
        Config{256, 1, 4, CompressionType::kNone}, Config{100, 16, 16, CompressionType::kLz4}}) {
    DYNAMIC_SECTION("block_size " << c.block_size << " restart " << c.restart_interval
                                  << " index restart " << c.index_restart_interval) {
      const Dataset d = MakeDataset(3000, 99, true, 10);
      TableOptions options;
      options.block_size = c.block_size;
      options.block_restart_interval = c.restart_interval;
      options.index_block_restart_interval = c.index_restart_interval;
      options.compression = c.compression;
      TableProperties props;
      std::string file = BuildTable(options, d.entries, d.tombstones, &props);
      REQUIRE(!file.empty());
      auto table = OpenTable(file);
      REQUIRE(table.ok());
      const TableReader& reader = *table->reader;

      CheckGets(reader, d, &rng, 3000);
      CheckIterator(reader, d, TableReadOptions{}, &rng, 4000);

      CHECK(reader.properties().num_entries == d.entries.size());
      CHECK(props.num_entries == d.entries.size());
      CHECK(reader.properties().num_data_blocks == props.num_data_blocks);
      CHECK(reader.properties().num_index_entries == props.num_data_blocks);
      CHECK(reader.properties().smallest_point_key == d.entries.begin()->first);
      CHECK(reader.properties().largest_point_key == d.entries.rbegin()->first);
    }
  }
}

TEST_CASE("sstable: iterator bounds match the reference", "[sstable]") {
  std::mt19937_64 rng(77);
  const Dataset d = MakeDataset(2000, 5);
  TableOptions options;
  options.block_size = 1024;
  std::string file = BuildTable(options, d.entries);
  auto table = OpenTable(file);
  REQUIRE(table.ok());
  for (int round = 0; round < 12; ++round) {
    const std::string lo = UserKey(static_cast<int>(rng() % 4100));
    const std::string hi = UserKey(static_cast<int>(rng() % 4100));
    TableReadOptions ro;
    if (round % 3 != 1) ro.lower_bound = lo;
    if (round % 3 != 2) ro.upper_bound = hi;
    INFO("round " << round << " lo " << lo << " hi " << hi);
    CheckIterator(*table->reader, d, ro, &rng, 1500);
  }
  // Bounds that exclude everything, and bounds between two adjacent keys.
  TableReadOptions none;
  none.lower_bound = "zzz";
  CheckIterator(*table->reader, d, none, &rng, 200);
  TableReadOptions gap;
  const std::string gap_lo = UserKey(1), gap_hi = UserKey(2);  // bounds must outlive use
  gap.lower_bound = gap_lo;
  gap.upper_bound = gap_hi;
  CheckIterator(*table->reader, d, gap, &rng, 200);
}

TEST_CASE("sstable: upper bound stops before reading blocks beyond it", "[sstable]") {
  const Dataset d = MakeDataset(5000, 8);
  TableOptions options;
  options.block_size = 1024;
  TableProperties props;
  std::string file = BuildTable(options, d.entries, {}, &props);
  REQUIRE(props.num_data_blocks > 100);
  auto table = OpenTable(file);
  REQUIRE(table.ok());
  TableReadOptions ro;
  const std::string upper = UserKey(100);
  ro.upper_bound = upper;
  ro.readahead_blocks = 0;
  auto it = table->reader->NewIterator(ro);
  int n = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) ++n;
  CHECK(n > 0);
  // Keys below key 100 fill only a few blocks; the scan reads at most one more.
  CHECK(table->reader->GetStats().data_blocks_read < 15);

  TableReadOptions low;
  const std::string lower = UserKey(9990);
  low.lower_bound = lower;
  low.readahead_blocks = 0;
  auto before = table->reader->GetStats().data_blocks_read;
  auto rit = table->reader->NewIterator(low);
  for (rit->SeekToLast(); rit->Valid(); rit->Prev()) {
  }
  CHECK(rit->status().ok());
  // Five user keys near the end span a block or two; one more is read at most.
  CHECK(table->reader->GetStats().data_blocks_read - before <= 4);
}

TEST_CASE("sstable: bloom filter skips data blocks for absent keys", "[sstable][bloom]") {
  const Dataset d = MakeDataset(20000, 11);
  std::string file = BuildTable(TableOptions{}, d.entries);
  auto table = OpenTable(file);
  REQUIRE(table.ok());
  REQUIRE(table->reader->has_filter());
  constexpr int kAbsent = 20000;
  for (int i = 0; i < kAbsent; ++i) {
    auto r = table->reader->Get(TableReadOptions{}, UserKey(2 * i + 1), kMaxSequenceNumber);
    REQUIRE(r.ok());
    REQUIRE(r->kind == TableGetResult::Kind::kNotFound);
  }
  const TableReaderStats s = table->reader->GetStats();
  CHECK(s.filter_checks == kAbsent);
  CHECK(s.filter_useful + s.filter_false_positives == kAbsent);
  CHECK(s.filter_false_positives < kAbsent * 2 / 100);
  CHECK(s.data_blocks_read == s.filter_false_positives);  // no cache: one read per probe

  // Every present key is found (no false negatives through the table path).
  for (int i = 0; i < 20000; i += 7) {
    CHECK(table->reader->KeyMayMatch(UserKey(2 * i)));
  }

  // Without a filter every probe reads a block.
  TableOptions no_filter;
  no_filter.bloom_bits_per_key = 0;
  auto plain = OpenTable(BuildTable(no_filter, d.entries));
  REQUIRE(plain.ok());
  CHECK(!plain->reader->has_filter());
  CHECK(plain->reader->properties().filter_size == 0);
  for (int i = 0; i < 100; ++i) {
    REQUIRE(plain->reader->Get(TableReadOptions{}, UserKey(2 * i + 1), kMaxSequenceNumber).ok());
  }
  CHECK(plain->reader->GetStats().data_blocks_read == 100);
}

TEST_CASE("sstable: range tombstones are stored, exposed and applied", "[sstable]") {
  InternalMap entries;
  entries[MakeInternalKey("b", 5, ValueType::kValue)] = "b5";
  entries[MakeInternalKey("c", 20, ValueType::kValue)] = "c20";
  entries[MakeInternalKey("c", 8, ValueType::kValue)] = "c8";
  entries[MakeInternalKey("m", 3, ValueType::kValue)] = "m3";
  std::vector<TableRangeTombstone> tombs = {
      {"a", "d", 10}, {"c", "z", 15}, {"x", "x", 99} /* empty: dropped */, {"k", "n", 2}};
  TableProperties props;
  std::string file = BuildTable(TableOptions{}, entries, tombs, &props);
  REQUIRE(!file.empty());
  CHECK(props.num_range_deletions == 3);
  CHECK(props.num_entries == 4);
  CHECK(props.smallest_seq == 2);
  CHECK(props.largest_seq == 20);
  CHECK(props.smallest_key == MakeInternalKey("a", 10, ValueType::kRangeDeletion));
  CHECK(props.largest_key == MakeInternalKey("z", kMaxSequenceNumber, ValueType::kRangeDeletion));
  CHECK(props.smallest_point_key == MakeInternalKey("b", 5, ValueType::kValue));

  auto table = OpenTable(file);
  REQUIRE(table.ok());
  const TableReader& reader = *table->reader;
  auto expect = [&](const char* key, SequenceNumber snap, TableGetResult::Kind kind,
                    SequenceNumber seq, const char* value, bool by_range) {
    auto r = reader.Get(TableReadOptions{}, key, snap);
    REQUIRE(r.ok());
    INFO(key << "@" << snap);
    CHECK(r->kind == kind);
    if (kind != TableGetResult::Kind::kNotFound) CHECK(r->sequence == seq);
    if (kind == TableGetResult::Kind::kValue) CHECK(r->value == value);
    CHECK(r->by_range_deletion == by_range);
  };
  using K = TableGetResult::Kind;
  expect("b", 9, K::kValue, 5, "b5", false);     // tombstone@10 not visible
  expect("b", 10, K::kDeleted, 10, "", true);    // now it is, and newer than b@5
  expect("c", 30, K::kValue, 20, "c20", false);  // c@20 newer than both tombstones
  expect("c", 16, K::kDeleted, 15, "", true);    // c@8 under tombstone@15
  expect("c", 12, K::kDeleted, 10, "", true);    // c@8 under tombstone@10
  expect("c", 9, K::kValue, 8, "c8", false);
  expect("e", 100, K::kDeleted, 15, "", true);  // no point entry, covered
  expect("m", 100, K::kDeleted, 15, "", true);  // [k,n)@2 older than m@3, [c,z)@15 newer
  expect("m", 14, K::kValue, 3, "m3", false);
  expect("z", 100, K::kNotFound, 0, "", false);  // end is exclusive
  expect("0", 100, K::kNotFound, 0, "", false);

  const auto& list = reader.range_tombstones().tombstones();
  REQUIRE(list.size() == 3);
  CHECK(list[0] == TableRangeTombstone{"a", "d", 10});
  CHECK(list[1] == TableRangeTombstone{"c", "z", 15});
  CHECK(list[2] == TableRangeTombstone{"k", "n", 2});

  auto it = reader.NewRangeTombstoneIterator();
  it->SeekToFirst();
  REQUIRE(it->Valid());
  CHECK(it->key() == MakeInternalKey("a", 10, ValueType::kRangeDeletion));
  CHECK(it->value() == "d");
  int n = 0;
  for (; it->Valid(); it->Next()) ++n;
  CHECK(n == 3);

  // Point iteration does not show tombstones.
  auto points = reader.NewIterator(TableReadOptions{});
  n = 0;
  for (points->SeekToFirst(); points->Valid(); points->Next()) ++n;
  CHECK(n == 4);

  // Randomized: many overlapping tombstones against the brute-force model.
  std::mt19937_64 rng(21);
  const Dataset d = MakeDataset(1500, 31, true, 60);
  auto big = OpenTable(BuildTable(TableOptions{}, d.entries, d.tombstones));
  REQUIRE(big.ok());
  CheckGets(*big->reader, d, &rng, 5000);
}

TEST_CASE("sstable: a table of only range tombstones, and an empty table", "[sstable]") {
  TableProperties props;
  std::string file = BuildTable(TableOptions{}, {}, {{"a", "c", 4}}, &props);
  REQUIRE(!file.empty());
  CHECK(props.num_entries == 0);
  CHECK(props.smallest_seq == 4);
  CHECK(props.largest_seq == 4);
  auto table = OpenTable(file);
  REQUIRE(table.ok());
  auto r = table->reader->Get(TableReadOptions{}, "b", 10);
  REQUIRE(r.ok());
  CHECK(r->kind == TableGetResult::Kind::kDeleted);
  auto it = table->reader->NewIterator(TableReadOptions{});
  it->SeekToFirst();
  CHECK(!it->Valid());
  CHECK(it->status().ok());

  std::string empty = BuildTable(TableOptions{}, {});
  REQUIRE(!empty.empty());
  auto e = OpenTable(empty);
  REQUIRE(e.ok());
  auto er = e->reader->Get(TableReadOptions{}, "x", kMaxSequenceNumber);
  REQUIRE(er.ok());
  CHECK(er->kind == TableGetResult::Kind::kNotFound);
  auto eit = e->reader->NewIterator(TableReadOptions{});
  eit->SeekToLast();
  CHECK(!eit->Valid());
  eit->Seek("abcdefgh12345678");
  CHECK(!eit->Valid());
  auto tit = e->reader->NewRangeTombstoneIterator();
  tit->SeekToFirst();
  CHECK(!tit->Valid());
}

TEST_CASE("sstable: lz4 on compressible and incompressible data", "[sstable][lz4]") {
  const Dataset text = MakeDataset(5000, 3, /*compressible=*/true);
  const Dataset noise = MakeDataset(5000, 3, /*compressible=*/false);
  TableProperties tp, np, rawp;
  std::string text_file = BuildTable(TableOptions{}, text.entries, {}, &tp);
  std::string noise_file = BuildTable(TableOptions{}, noise.entries, {}, &np);
  TableOptions raw_options;
  raw_options.compression = CompressionType::kNone;
  std::string text_raw = BuildTable(raw_options, text.entries, {}, &rawp);

  CHECK(tp.num_lz4_data_blocks == tp.num_data_blocks);
  CHECK(tp.num_raw_data_blocks == 0);
  CHECK(tp.data_size * 2 < tp.data_uncompressed_size);
  CHECK(text_file.size() * 2 < text_raw.size());
  CHECK(tp.compression == "lz4");

  // Random values: LZ4 cannot save 1/8, so blocks stay raw.
  CHECK(np.num_lz4_data_blocks == 0);
  CHECK(np.num_raw_data_blocks == np.num_data_blocks);

  CHECK(rawp.num_lz4_data_blocks == 0);
  CHECK(rawp.compression == "none");

  std::mt19937_64 rng(5);
  for (const auto* pair : {&text_file, &noise_file, &text_raw}) {
    auto table = OpenTable(*pair);
    REQUIRE(table.ok());
    const Dataset& d = pair == &noise_file ? noise : text;
    CheckGets(*table->reader, d, &rng, 500);
    CheckIterator(*table->reader, d, TableReadOptions{}, &rng, 300);
  }
}

TEST_CASE("sstable: properties round trip", "[sstable]") {
  const Dataset d = MakeDataset(1000, 17, true, 5);
  TableOptions options;
  options.block_size = 2048;
  TableProperties written;
  std::string file = BuildTable(options, d.entries, d.tombstones, &written);
  auto table = OpenTable(file);
  REQUIRE(table.ok());
  const TableProperties& p = table->reader->properties();
  uint64_t deletions = 0, key_bytes = 0, value_bytes = 0;
  SequenceNumber lo = kMaxSequenceNumber, hi = 0;
  for (const auto& [k, v] : d.entries) {
    ParsedInternalKey parsed;
    REQUIRE(ParseInternalKey(k, &parsed));
    deletions += parsed.type == ValueType::kDeletion;
    key_bytes += k.size();
    value_bytes += v.size();
    lo = std::min(lo, parsed.sequence);
    hi = std::max(hi, parsed.sequence);
  }
  for (const auto& t : d.tombstones) {
    lo = std::min(lo, t.seq);
    hi = std::max(hi, t.seq);
  }
  CHECK(p.format_version == 1);
  CHECK(p.num_entries == d.entries.size());
  CHECK(p.num_deletions == deletions);
  CHECK(p.num_range_deletions == d.tombstones.size());
  CHECK(p.raw_key_size == key_bytes);
  CHECK(p.raw_value_size == value_bytes);
  CHECK(p.smallest_seq == lo);
  CHECK(p.largest_seq == hi);
  CHECK(p.block_size == 2048);
  CHECK(p.bloom_bits_per_key == 10);
  CHECK(p.num_data_blocks == p.num_lz4_data_blocks + p.num_raw_data_blocks);
  CHECK(p.data_size > 0);
  CHECK(p.index_size > 0);
  CHECK(p.filter_size > 0);
  CHECK(p.range_del_size > 0);
  CHECK(p.data_size + p.index_size + p.filter_size + p.range_del_size < file.size());
  CHECK(p.smallest_key == written.smallest_key);
  CHECK(p.largest_key == written.largest_key);
  CHECK(p.ToString().find("strata.num.entries: " + std::to_string(d.entries.size())) !=
        std::string::npos);
  // ApproximateOffsetOf is monotone and bounded by the data size.
  uint64_t prev = 0;
  for (int i = 0; i < 2000; i += 50) {
    uint64_t off = table->reader->ApproximateOffsetOf(
        MakeInternalKey(UserKey(i), kMaxSequenceNumber, kValueTypeForSeek));
    CHECK(off >= prev);
    prev = off;
  }
  CHECK(prev <= p.data_size);
}

TEST_CASE("sstable: readahead batches sequential block reads", "[sstable]") {
  const Dataset d = MakeDataset(20000, 4, false);
  TableOptions options;
  options.block_size = 4096;
  TableProperties props;
  std::string file = BuildTable(options, d.entries, {}, &props);
  REQUIRE(props.num_data_blocks > 100);

  auto scan = [&](const TableReadOptions& ro, BlockCache* cache) {
    auto table = OpenTable(file, 9, cache);
    REQUIRE(table.ok());
    const uint64_t reads_at_open = table->source->reads();
    const uint64_t multi_at_open = table->source->multi_reads();
    auto it = table->reader->NewIterator(ro);
    size_t n = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) ++n;
    REQUIRE(it->status().ok());
    REQUIRE(n == d.entries.size());
    return std::make_tuple(table->source->reads() - reads_at_open,
                           table->source->multi_reads() - multi_at_open, table->reader->GetStats());
  };

  TableReadOptions plain;
  plain.readahead_blocks = 0;
  auto [reads0, multi0, stats0] = scan(plain, nullptr);
  CHECK(multi0 == 0);
  CHECK(reads0 == props.num_data_blocks);

  TableReadOptions ahead;
  ahead.readahead_blocks = 8;
  auto [reads1, multi1, stats1] = scan(ahead, nullptr);
  CHECK(multi1 >= props.num_data_blocks / 8 - 1);
  CHECK(multi1 <= props.num_data_blocks / 7 + 2);
  CHECK(stats1.readahead_blocks + reads1 == props.num_data_blocks);
  CHECK(stats1.data_blocks_read == props.num_data_blocks);
  CHECK(reads1 <= 3);  // only the blocks before readahead kicks in

  // With a cache, a second scan reads nothing from the file.
  BlockCache cache(64 << 20);
  scan(ahead, &cache);
  auto [reads2, multi2, stats2] = scan(ahead, &cache);
  CHECK(reads2 == 0);
  CHECK(stats2.data_blocks_read == 0);
  CHECK(stats2.block_cache_hits >= props.num_data_blocks);

  // fill_cache = false leaves the cache untouched.
  BlockCache cold(64 << 20);
  TableReadOptions no_fill = ahead;
  no_fill.fill_cache = false;
  scan(no_fill, &cold);
  CHECK(cold.GetStats().entries == 0);
}

TEST_CASE("sstable: concurrent Gets and scans share one reader and a small cache",
          "[sstable][cache]") {
  const Dataset d = MakeDataset(4000, 14, true, 20);
  TableOptions options;
  options.block_size = 2048;
  BlockCache cache(64 << 10);  // far smaller than the table: constant eviction
  auto table = OpenTable(BuildTable(options, d.entries, d.tombstones), 5, &cache);
  REQUIRE(table.ok());
  const TableReader& reader = *table->reader;
  std::vector<std::pair<std::string, std::string>> sorted(d.entries.begin(), d.entries.end());
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937_64 rng(100 + t);
      for (int i = 0; i < 400; ++i) {
        const std::string user_key = UserKey(static_cast<int>(rng() % 8000));
        const SequenceNumber snapshot = rng() % (d.max_seq + 1);
        SequenceNumber want_seq = 0;
        std::string want_value;
        TableGetResult::Kind want = TableGetResult::Kind::kNotFound;
        {
          // ReferenceGet uses REQUIRE, which is not thread-safe: inline it.
          auto it = d.entries.lower_bound(MakeInternalKey(user_key, snapshot, kValueTypeForSeek));
          if (it != d.entries.end() && ExtractUserKey(it->first) == user_key) {
            ParsedInternalKey p;
            (void)ParseInternalKey(it->first, &p);
            want = p.type == ValueType::kValue ? TableGetResult::Kind::kValue
                                               : TableGetResult::Kind::kDeleted;
            want_seq = p.sequence;
            want_value = it->second;
          }
          std::optional<SequenceNumber> tomb;
          for (const auto& ts : d.tombstones) {
            if (ts.seq <= snapshot && Compare(ts.start, user_key) <= 0 &&
                Compare(user_key, ts.end) < 0) {
              tomb = std::max(tomb.value_or(0), ts.seq);
            }
          }
          if (tomb && (want == TableGetResult::Kind::kNotFound || *tomb > want_seq)) {
            want = TableGetResult::Kind::kDeleted;
            want_seq = *tomb;
          }
        }
        auto got = reader.Get(TableReadOptions{}, user_key, snapshot);
        if (!got.ok() || got->kind != want ||
            (want != TableGetResult::Kind::kNotFound && got->sequence != want_seq) ||
            (want == TableGetResult::Kind::kValue && got->value != want_value)) {
          failures.fetch_add(1);
        }
        // A short scan from a random point.
        const size_t start = rng() % sorted.size();
        auto it = reader.NewIterator(TableReadOptions{});
        it->Seek(sorted[start].first);
        for (size_t j = start; j < std::min(sorted.size(), start + 50); ++j, it->Next()) {
          if (!it->Valid() || it->key() != sorted[j].first || it->value() != sorted[j].second) {
            failures.fetch_add(1);
            break;
          }
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failures.load() == 0);
  CHECK(cache.GetStats().usage <= 64 << 10);
  CHECK(cache.GetStats().evictions > 0);
}

TEST_CASE("sstable: Get pins its block beyond cache eviction", "[sstable]") {
  const Dataset d = MakeDataset(2000, 6);
  std::string file = BuildTable(TableOptions{}, d.entries);
  BlockCache cache(1);  // evicts everything immediately
  auto table = OpenTable(file, 3, &cache);
  REQUIRE(table.ok());
  const std::string key = std::string(ExtractUserKey(d.entries.begin()->first));
  auto r = table->reader->Get(TableReadOptions{}, key, kMaxSequenceNumber);
  REQUIRE(r.ok());
  std::string expected;
  SequenceNumber seq;
  Dataset copy = d;
  if (ReferenceGet(copy, key, kMaxSequenceNumber, &seq, &expected) ==
      TableGetResult::Kind::kValue) {
    CHECK(r->value == expected);
    CHECK(r->pinned != nullptr);
  }
  CHECK(cache.GetStats().usage == 0);
}

TEST_CASE("sstable: builder rejects misuse", "[sstable]") {
  std::string file;
  testing::StringSink sink(&file);
  TableBuilder builder(TableOptions{}, &sink);
  REQUIRE(builder.Add(MakeInternalKey("b", 5, ValueType::kValue), "x").ok());
  CHECK(builder.Add(MakeInternalKey("a", 5, ValueType::kValue), "x").IsInvalidArgument());
  CHECK(builder.Add(MakeInternalKey("b", 5, ValueType::kValue), "x").IsInvalidArgument());
  CHECK(builder.Add(MakeInternalKey("b", 6, ValueType::kValue), "x").IsInvalidArgument());
  CHECK(builder.Add(MakeInternalKey("b", 4, ValueType::kRangeDeletion), "x").IsInvalidArgument());
  CHECK(builder.Add("short", "x").IsInvalidArgument());
  REQUIRE(builder.Add(MakeInternalKey("b", 4, ValueType::kDeletion), "").ok());
  CHECK(builder.AddRangeDeletion("z", "a", 3).IsInvalidArgument());
  REQUIRE(builder.Finish().ok());
  CHECK(builder.Add(MakeInternalKey("c", 5, ValueType::kValue), "x").IsInvalidArgument());
  CHECK(!builder.Finish().ok());
  CHECK(builder.file_size() == file.size());
}

TEST_CASE("sstable: separators stay between neighbours", "[sstable]") {
  std::string s = "abcdef";
  ShortenUserKeySeparator(&s, "abzzz");
  CHECK(s == "abd");
  s = "abc1zz";
  ShortenUserKeySeparator(&s, "abd");
  CHECK(s == "abc2");
  s = "abc";
  ShortenUserKeySeparator(&s, "abcdef");  // prefix: unchanged
  CHECK(s == "abc");
  s = "ab\xff\xff";
  ShortenUserKeySuccessor(&s);
  CHECK(s == "b");
  s = std::string("\xff\xff") + "ab";
  ShortenUserKeySuccessor(&s);
  CHECK(s == std::string("\xff\xff") + "b");
  s = "\xff\xff";
  ShortenUserKeySuccessor(&s);
  CHECK(s == "\xff\xff");

  // Randomized internal-key property: start <= sep < limit.
  std::mt19937_64 rng(9);
  for (int i = 0; i < 20000; ++i) {
    std::string ua = testing::RandomBytes(&rng, rng() % 6);
    std::string ub = rng() % 4 == 0 ? ua : testing::RandomBytes(&rng, rng() % 6);
    if (rng() % 3 == 0) ub = ua + testing::RandomBytes(&rng, 1 + rng() % 3);
    std::string a = MakeInternalKey(ua, rng() % 100, ValueType::kValue);
    std::string b = MakeInternalKey(ub, rng() % 100, ValueType::kValue);
    if (CompareInternalKeys(a, b) > 0) std::swap(a, b);
    if (CompareInternalKeys(a, b) == 0) continue;
    std::string sep = a;
    ShortenInternalKeySeparator(&sep, b);
    REQUIRE(CompareInternalKeys(a, sep) <= 0);
    REQUIRE(CompareInternalKeys(sep, b) < 0);
    REQUIRE(sep.size() <= a.size());
    std::string succ = a;
    ShortenInternalKeySuccessor(&succ);
    REQUIRE(CompareInternalKeys(a, succ) <= 0);
  }
}

TEST_CASE("sstable: footer damage and foreign files are rejected", "[sstable]") {
  const Dataset d = MakeDataset(100, 2);
  std::string file = BuildTable(TableOptions{}, d.entries);
  {
    auto t = OpenTable(file.substr(0, 10));
    REQUIRE(!t.ok());
    CHECK(t.status().IsCorruption());
    CHECK(t.status().message().find("000007.sst") != std::string::npos);
  }
  {
    std::string bad = file;
    bad[bad.size() - 1] ^= 1;  // magic
    auto t = OpenTable(bad);
    REQUIRE(!t.ok());
    CHECK(t.status().IsCorruption());
    CHECK(t.status().message().find("magic") != std::string::npos);
  }
  {
    // A newer format version with a valid checksum is NotSupported, not Corruption.
    std::string newer = file;
    char* footer = newer.data() + newer.size() - Footer::kEncodedLength;
    EncodeFixed32(footer + 40, 2);
    EncodeFixed64(footer + 48, XxHash64(Slice(footer, 48)));
    auto t = OpenTable(newer);
    REQUIRE(!t.ok());
    CHECK(t.status().IsNotSupported());
  }
  {
    auto t = OpenTable(std::string(200, 'x'));
    REQUIRE(!t.ok());
    CHECK(t.status().IsCorruption());
  }
}

TEST_CASE("sstable: TableFileWriter publishes atomically", "[sstable]") {
  MemFileSystem fs;
  const Dataset d = MakeDataset(500, 12);
  {
    auto writer = TableFileWriter::Create(&fs, "/db/000005.sst", TableOptions{});
    REQUIRE(writer.ok());
    for (const auto& [k, v] : d.entries) REQUIRE((*writer)->builder()->Add(k, v).ok());
    CHECK(fs.FileExists("/db/000005.sst.tmp"));
    CHECK(!fs.FileExists("/db/000005.sst"));
    auto props = (*writer)->Commit();
    REQUIRE(props.ok());
    CHECK(props->num_entries == d.entries.size());
  }
  CHECK(fs.FileExists("/db/000005.sst"));
  CHECK(!fs.FileExists("/db/000005.sst.tmp"));
  {
    auto writer = TableFileWriter::Create(&fs, "/db/000006.sst", TableOptions{});
    REQUIRE(writer.ok());
    REQUIRE((*writer)->builder()->Add(MakeInternalKey("a", 1, ValueType::kValue), "v").ok());
  }  // abandoned
  CHECK(!fs.FileExists("/db/000006.sst"));
  CHECK(!fs.FileExists("/db/000006.sst.tmp"));

  auto file = fs.NewRandomAccessFile("/db/000005.sst");
  REQUIRE(file.ok());
  auto size = fs.GetFileSize("/db/000005.sst");
  REQUIRE(size.ok());
  auto reader = TableReader::Open(TableReaderOptions{}, std::move(file).value(), *size, 5, nullptr);
  REQUIRE(reader.ok());
  std::mt19937_64 rng(1);
  CheckGets(**reader, d, &rng, 500);
}

}  // namespace
}  // namespace strata::storage
