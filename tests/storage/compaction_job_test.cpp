// CompactionJob end to end on MemFileSystem: real SSTables in, real SSTables
// out. The main check reads the whole tree (every file of the Version, with
// every range tombstone) by brute force at each live snapshot and at the
// latest sequence, before and after the compaction; the answers must match.
#include <catch2/catch.hpp>

#include <map>
#include <random>

#include "storage/cache/table_cache.h"
#include "storage/compaction/compaction_job.h"
#include "storage/compaction/leveled_compaction_picker.h"
#include "storage/io/fault_injection_file_system.h"
#include "storage/io/mem_file_system.h"
#include "storage/sstable/table_file_writer.h"
#include "storage/version/version_builder.h"
#include "tests/storage/compaction_test_util.h"

namespace strata::storage {
namespace {

const std::string kDir = "/db";

struct Point {
  std::string user_key;
  SequenceNumber seq;
  ValueType type;
  std::string value;
};

struct TableData {
  std::vector<Point> points;
  std::vector<RangeTombstone> tombstones;
};

// Writes a table and returns its metadata.
FileMetaData WriteTable(FileSystem* fs, uint64_t number, TableData data, const TableOptions& options) {
  std::sort(data.points.begin(), data.points.end(), [](const Point& a, const Point& b) {
    return CompareInternalKeys(MakeInternalKey(a.user_key, a.seq, a.type), MakeInternalKey(b.user_key, b.seq, b.type)) < 0;
  });
  auto w = TableFileWriter::Create(fs, TableFileName(kDir, number), options);
  REQUIRE(w.ok());
  for (const auto& p : data.points) {
    REQUIRE((*w)->builder()->Add(MakeInternalKey(p.user_key, p.seq, p.type), p.value).ok());
  }
  for (const auto& t : data.tombstones) REQUIRE((*w)->builder()->AddRangeDeletion(t.start, t.end, t.seq).ok());
  uint64_t size_holder = 0;
  auto props = (*w)->Commit();
  REQUIRE(props.ok());
  size_holder = (*w)->builder()->file_size();
  FileMetaData m;
  m.number = number;
  m.file_size = size_holder;
  m.smallest = props->smallest_key;
  m.largest = props->largest_key;
  m.smallest_seqno = props->smallest_seq;
  m.largest_seqno = props->largest_seq;
  m.num_entries = props->num_entries + props->num_range_deletions;
  m.num_deletions = props->num_deletions + props->num_range_deletions;
  return m;
}

// Everything in a Version, read back from the files.
TableData ReadVersion(TableCache& cache, const Version& v) {
  TableData all;
  for (int level = 0; level < kNumLevels; ++level) {
    for (const auto& f : v.files(level)) {
      auto it = cache.NewIterator(TableReadOptions{}, f->number, f->file_size);
      REQUIRE(it.ok());
      for ((*it)->SeekToFirst(); (*it)->Valid(); (*it)->Next()) {
        ParsedInternalKey p;
        REQUIRE(ParseInternalKey((*it)->key(), &p));
        all.points.push_back(Point{std::string(p.user_key), p.sequence, p.type, std::string((*it)->value())});
      }
      REQUIRE((*it)->status().ok());
      auto reader = cache.FindTable(f->number, f->file_size);
      REQUIRE(reader.ok());
      for (const auto& t : (*reader)->range_tombstones().tombstones()) {
        all.tombstones.push_back(RangeTombstone{t.start, t.end, t.seq});
      }
    }
  }
  return all;
}

// "value", "-" (deleted or absent) for user_key at read_seq.
std::string ReadAt(const TableData& d, const std::string& key, SequenceNumber read_seq) {
  const Point* best = nullptr;
  for (const auto& p : d.points) {
    if (p.user_key == key && p.seq <= read_seq && (best == nullptr || p.seq > best->seq)) best = &p;
  }
  if (best == nullptr || best->type == ValueType::kDeletion) return "-";
  for (const auto& t : d.tombstones) {
    if (t.start <= key && key < t.end && t.seq > best->seq && t.seq <= read_seq) return "-";
  }
  return best->value;
}

std::string Key(int i) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "key%04d", i);
  return buf;
}

struct Env {
  MemFileSystem base;
  FaultInjectionFileSystem fs{&base};
  TableCache cache{&fs, kDir, 100, nullptr};
  uint64_t next_number = 1;
  TableOptions table_options;
  Env() {
    table_options.block_size = 256;
    table_options.compression = CompressionType::kNone;  // predictable sizes
  }
  uint64_t NewNumber() { return next_number++; }
};

TEST_CASE("CompactionJob preserves what every snapshot reads", "[compaction][compaction_job]") {
  std::mt19937 rng(99);
  int merges = 0, multi_output = 0, with_tombstones = 0;
  for (int iter = 0; iter < 40; ++iter) {
    INFO("iter " << iter);
    Env env;
    const int num_keys = 20 + static_cast<int>(rng() % 200);
    SequenceNumber seq = 1;
    VersionBuilder builder(1, nullptr);
    const bool with_lower_level = rng() % 2 == 0;

    // L2 (optional): one old file with every key, so L1 is not bottommost.
    if (with_lower_level) {
      TableData d;
      for (int k = 0; k < num_keys; ++k) d.points.push_back(Point{Key(k), seq++, ValueType::kValue, "old" + std::to_string(k)});
      REQUIRE(builder.AddFile(2, WriteTable(&env.fs, env.NewNumber(), d, env.table_options)).ok());
    }
    // L1: a few non-overlapping files.
    int k = 0;
    while (k < num_keys) {
      TableData d;
      int span = 1 + static_cast<int>(rng() % 40);
      for (int j = 0; j < span && k < num_keys; ++j, ++k) {
        if (rng() % 3 == 0) continue;
        d.points.push_back(Point{Key(k), seq++, rng() % 5 == 0 ? ValueType::kDeletion : ValueType::kValue, ""});
        if (d.points.back().type == ValueType::kValue) d.points.back().value = "l1v" + std::to_string(seq);
      }
      if (d.points.empty()) continue;
      REQUIRE(builder.AddFile(1, WriteTable(&env.fs, env.NewNumber(), d, env.table_options)).ok());
    }
    // L0: overlapping files, some range tombstones.
    const int l0_files = 1 + static_cast<int>(rng() % 4);
    std::vector<SequenceNumber> snapshots;
    for (int f = 0; f < l0_files; ++f) {
      TableData d;
      const int n = static_cast<int>(rng() % 80);
      for (int j = 0; j < n; ++j) {
        const bool del = rng() % 4 == 0;
        d.points.push_back(Point{Key(static_cast<int>(rng() % num_keys)), seq++,
                                 del ? ValueType::kDeletion : ValueType::kValue,
                                 del ? "" : "l0v" + std::to_string(seq) + std::string(rng() % 40, 'x')});
      }
      if (rng() % 2 == 0) {
        int a = static_cast<int>(rng() % num_keys);
        int b = std::min(num_keys, a + 1 + static_cast<int>(rng() % 30));
        d.tombstones.push_back(RangeTombstone{Key(a), Key(b), seq++});
      }
      if (d.points.empty() && d.tombstones.empty()) continue;
      REQUIRE(builder.AddFile(0, WriteTable(&env.fs, env.NewNumber(), d, env.table_options)).ok());
      if (rng() % 2 == 0) snapshots.push_back(seq - 1 - rng() % 5);
    }
    auto version = builder.Finish(1, nullptr);
    REQUIRE(version.ok());
    if ((*version)->NumFiles(0) == 0) continue;

    TreeCompactionOptions o;
    o.level_compaction_dynamic_level_bytes = false;
    o.level0_file_num_compaction_trigger = 1;
    o.target_file_size = 1024 + rng() % 4096;
    LeveledCompactionPicker picker(o);
    auto c = picker.PickCompaction(*version);
    REQUIRE(c);
    REQUIRE(c->start_level() == 0);
    CHECK(c->bottommost_level() == !with_lower_level);

    CompactionJobOptions jo;
    jo.fs = &env.fs;
    jo.dir = kDir;
    jo.table_cache = &env.cache;
    jo.table_options = env.table_options;
    jo.new_file_number = [&env] { return env.NewNumber(); };
    jo.snapshots = snapshots;
    RateLimiter limiter(1ll << 40);
    jo.rate_limiter = &limiter;
    CompactionJob job(*c, jo);
    if (c->is_trivial_move()) {
      REQUIRE(job.Run().ok());
      CHECK(job.outputs().empty());
      picker.ReleaseCompaction(c.get());
      continue;
    }
    REQUIRE(job.Run().ok());
    ++merges;
    multi_output += job.outputs().size() > 1 ? 1 : 0;
    with_tombstones += job.stats().range_tombstones_out > 0 ? 1 : 0;

    VersionBuilder after(1, version->get());
    REQUIRE(after.Apply(job.edit()).ok());
    auto new_version = after.Finish(2, nullptr);
    REQUIRE(new_version.ok());  // outputs sorted and non-overlapping in L1
    CHECK((*new_version)->NumFiles(0) == 0);
    for (const auto& m : job.outputs()) {
      CHECK(m.file_size <= o.target_file_size + 2048);  // cut near the target
    }
    CHECK(limiter.GetTotalBytesThrough() == static_cast<int64_t>(job.stats().output_bytes));
    CHECK(job.stats().output_files == job.outputs().size());

    const TableData before_data = ReadVersion(env.cache, **version);
    const TableData after_data = ReadVersion(env.cache, **new_version);
    std::vector<SequenceNumber> read_points = snapshots;
    read_points.push_back(kMaxSequenceNumber);
    for (int key = 0; key < num_keys; ++key) {
      for (SequenceNumber rp : read_points) {
        INFO("key " << Key(key) << " at " << rp);
        CHECK(ReadAt(after_data, Key(key), rp) == ReadAt(before_data, Key(key), rp));
      }
    }
    // Compaction actually removed garbage.
    CHECK(after_data.points.size() <= before_data.points.size());
    picker.ReleaseCompaction(c.get());
  }
  // The workload must exercise the interesting paths.
  CHECK(merges >= 30);
  CHECK(multi_output >= 10);
  CHECK(with_tombstones >= 5);
}

TEST_CASE("CompactionJob clips range tombstones to each output", "[compaction][compaction_job]") {
  Env env;
  VersionBuilder builder(1, nullptr);
  TableData l0;
  for (int k = 0; k < 200; ++k) l0.points.push_back(Point{Key(k), static_cast<SequenceNumber>(100 + k), ValueType::kValue, std::string(50, 'v')});
  l0.tombstones.push_back(RangeTombstone{Key(0), Key(500), 50});  // older than the points: deletes nothing here
  REQUIRE(builder.AddFile(0, WriteTable(&env.fs, env.NewNumber(), l0, env.table_options)).ok());
  TableData l2;
  l2.points.push_back(Point{Key(300), 1, ValueType::kValue, "deep"});
  REQUIRE(builder.AddFile(2, WriteTable(&env.fs, env.NewNumber(), l2, env.table_options)).ok());
  auto version = builder.Finish(1, nullptr);
  REQUIRE(version.ok());

  TreeCompactionOptions o;
  o.level_compaction_dynamic_level_bytes = false;
  o.level0_file_num_compaction_trigger = 1;
  o.target_file_size = 2000;
  LeveledCompactionPicker picker(o);
  auto c = picker.PickCompaction(*version);
  REQUIRE(c);
  CHECK_FALSE(c->bottommost_level());  // L2 holds key0300 under the tombstone
  CHECK(c->is_trivial_move());
  c->set_trivial_move(false);  // rewrite it anyway, to split it
  CompactionJobOptions jo;
  jo.fs = &env.fs;
  jo.dir = kDir;
  jo.table_cache = &env.cache;
  jo.table_options = env.table_options;
  jo.new_file_number = [&env] { return env.NewNumber(); };
  CompactionJob job(*c, jo);
  REQUIRE(job.Run().ok());
  REQUIRE(job.outputs().size() >= 3);
  CHECK(job.stats().range_tombstones_in == 1);
  CHECK(job.stats().range_tombstones_out == job.outputs().size());
  // Each output carries its piece; the last one reaches the tombstone's end.
  const auto& last = job.outputs().back();
  CHECK(ExtractUserKey(last.largest) == Key(500));
  for (size_t i = 1; i < job.outputs().size(); ++i) {
    CHECK(CompareInternalKeys(job.outputs()[i - 1].largest, job.outputs()[i].smallest) < 0);
  }
  VersionBuilder after(1, version->get());
  REQUIRE(after.Apply(job.edit()).ok());
  auto v2 = after.Finish(2, nullptr);
  REQUIRE(v2.ok());
  // key0300 in L2 is still deleted by the rewritten tombstone pieces.
  const TableData data = ReadVersion(env.cache, **v2);
  CHECK(ReadAt(data, Key(300), kMaxSequenceNumber) == "-");
  CHECK(ReadAt(data, Key(10), kMaxSequenceNumber) == std::string(50, 'v'));
}

TEST_CASE("CompactionJob drops everything deleted at the bottom", "[compaction][compaction_job]") {
  Env env;
  VersionBuilder builder(1, nullptr);
  TableData older;
  for (int k = 0; k < 50; ++k) older.points.push_back(Point{Key(k), static_cast<SequenceNumber>(1 + k), ValueType::kValue, "x"});
  REQUIRE(builder.AddFile(0, WriteTable(&env.fs, env.NewNumber(), older, env.table_options)).ok());
  TableData newer;
  newer.tombstones.push_back(RangeTombstone{Key(0), Key(50), 100});
  newer.points.push_back(Point{Key(7), 101, ValueType::kDeletion, ""});
  REQUIRE(builder.AddFile(0, WriteTable(&env.fs, env.NewNumber(), newer, env.table_options)).ok());
  auto version = builder.Finish(1, nullptr);
  REQUIRE(version.ok());

  TreeCompactionOptions o;
  o.level0_file_num_compaction_trigger = 1;  // dynamic: empty tree -> L0 goes to L6
  LeveledCompactionPicker picker(o);
  auto c = picker.PickCompaction(*version);
  REQUIRE(c);
  CHECK(c->output_level() == kNumLevels - 1);
  CHECK(c->bottommost_level());
  CompactionJobOptions jo;
  jo.fs = &env.fs;
  jo.dir = kDir;
  jo.table_cache = &env.cache;
  jo.new_file_number = [&env] { return env.NewNumber(); };
  CompactionJob job(*c, jo);
  REQUIRE(job.Run().ok());
  CHECK(job.outputs().empty());
  CHECK(job.edit().deleted_files().size() == 2);
  CHECK(job.edit().new_files().empty());

  // With a snapshot below the tombstone, everything must stay readable for it.
  jo.snapshots = {60};
  CompactionJob job2(*c, jo);
  REQUIRE(job2.Run().ok());
  REQUIRE(job2.outputs().size() == 1);
  CHECK(job2.stats().range_tombstones_out == 1);
}

TEST_CASE("CompactionJob trivial move and write failures", "[compaction][compaction_job]") {
  Env env;
  VersionBuilder builder(1, nullptr);
  TableData d;
  for (int k = 0; k < 300; ++k) d.points.push_back(Point{Key(k), static_cast<SequenceNumber>(1 + k), ValueType::kValue, std::string(20, 'z')});
  const FileMetaData in = WriteTable(&env.fs, env.NewNumber(), d, env.table_options);
  REQUIRE(builder.AddFile(1, in).ok());
  auto version = builder.Finish(1, nullptr);
  REQUIRE(version.ok());

  TreeCompactionOptions o;
  o.level_compaction_dynamic_level_bytes = false;
  o.max_bytes_for_level_base = 100;  // L1 over its target
  o.target_file_size = 1000;
  LeveledCompactionPicker picker(o);
  auto c = picker.PickCompaction(*version);
  REQUIRE(c);
  REQUIRE(c->is_trivial_move());
  CompactionJobOptions jo;
  jo.fs = &env.fs;
  jo.dir = kDir;
  jo.table_cache = &env.cache;
  jo.table_options = env.table_options;
  jo.new_file_number = [&env] { return env.NewNumber(); };
  {
    CompactionJob job(*c, jo);
    REQUIRE(job.Run().ok());
    CHECK(job.edit().deleted_files() == std::vector<VersionEdit::DeletedFile>{{1, 1, in.number}});
    REQUIRE(job.edit().new_files().size() == 1);
    CHECK(job.edit().new_files()[0].level == 2);
    CHECK(job.edit().new_files()[0].meta.number == in.number);
  }

  // Force a rewrite of the same input and fail a write midway.
  c->set_trivial_move(false);
  for (uint64_t fail_at : {1, 3, 6}) {
    env.fs.FailNthWrite(fail_at);
    CompactionJob job(*c, jo);
    Status s = job.Run();
    CHECK(s.IsIOError());
    CHECK(job.outputs().empty());
    CHECK(job.edit().empty());
    auto children = env.fs.GetChildren(kDir);
    REQUIRE(children.ok());
    // Only the input is left: no committed outputs, no temp files.
    CHECK(*children == std::vector<std::string>{TableFileName("", in.number).substr(1)});
  }
  env.fs.FailNthWrite(0);
  CompactionJob job(*c, jo);
  REQUIRE(job.Run().ok());
  CHECK(job.outputs().size() >= 3);
}

}  // namespace
}  // namespace strata::storage
