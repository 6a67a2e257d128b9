// Corruption tests of the Engine: bytes flipped in SSTables, a WAL segment,
// the MANIFEST and CURRENT of a real engine directory (on a MemFileSystem,
// restored fresh for every trial; one SSTable case runs on a posix temp
// directory, through the real read path and direct I/O).
//
// The rules checked:
//  - Open, or a read, reports Status::Corruption naming the damaged file;
//  - a read never returns wrong data: a Get returns the right value or an
//    error, a scan returns a correct prefix and then stops with an error;
//  - every byte of an SSTable is checksummed, so a flip is always detected
//    by a full read (never silently ignored);
//  - a compaction over a damaged SSTable fails instead of dropping data;
//  - a torn WAL tail (cut short, garbage, damage to the last record) is
//    recovered silently, also on later opens; damage in the middle of the
//    WAL is Corruption, unless wal_tolerate_corrupted_tail is set, in which
//    case recovery keeps exactly the records before the damage.
//
// Trials are seeded: a failure prints the seed and the flipped byte;
// STRATA_CORRUPTION_SEED=<seed> reruns one trial sequence.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/engine.h"
#include "storage/io/mem_file_system.h"
#include "storage/io/posix_file_system.h"
#include "storage/wal/log_format.h"
#include "storage/wal/log_reader.h"
#include "tests/storage/engine_test_util.h"

namespace strata::storage {
namespace {

using testing::BatchOp;
using testing::DbState;
using testing::DirImage;
using testing::Printable;
using testing::Rng;
using testing::TreeState;

constexpr char kDir[] = "/db";

uint64_t BaseSeed() { return testing::EnvUint64("STRATA_CORRUPTION_SEED").value_or(1); }

int Trials(int release) { return testing::kSanitizerBuild ? release / 4 : release; }

bool Mentions(const Status& s, const std::string& name) {
  return s.ToString().find(name) != std::string::npos;
}

// The image with one byte of `file` XORed with `mask`.
DirImage Flipped(const DirImage& image, const std::string& file, uint64_t offset, uint8_t mask) {
  DirImage out = image;
  std::string& contents = out.at(file);
  REQUIRE(offset < contents.size());
  contents[offset] = static_cast<char>(contents[offset] ^ mask);
  return out;
}

std::string Describe(const std::string& file, uint64_t offset, uint8_t mask, uint64_t size) {
  return file + " byte " + std::to_string(offset) + " of " + std::to_string(size) + " ^= 0x" +
         [](uint8_t m) {
           char buf[4];
           std::snprintf(buf, sizeof(buf), "%02x", m);
           return std::string(buf);
         }(mask);
}

uint8_t RandomMask(Rng* rng) {
  return static_cast<uint8_t>(1u << rng->Uniform(8)) |
         static_cast<uint8_t>(rng->OneIn(4) ? rng->Uniform(256) : 0);
}

// An engine directory restored from an image into its own MemFileSystem.
struct Restored {
  MemFileSystem fs;
  EngineOptions options;

  Restored(const DirImage& image, EngineOptions base_options) : options(std::move(base_options)) {
    testing::RestoreDir(image, kDir, &fs);
    options.fs = &fs;
  }
};

// ---------------------------------------------------------------------------
// SSTables.

struct SstDatabase {
  DirImage image;
  EngineOptions options;
  TreeState expected;                   // contents of tree "t"
  std::vector<std::string> probe_keys;  // present and absent keys
};

// A tree "t" spread over a bottom-level file and an overlapping L0 file, with
// point and range tombstones, small blocks and bloom filters.
SstDatabase BuildSstDatabase(bool compression, FileSystem* fs, const std::string& dir) {
  SstDatabase db;
  EngineOptions& o = db.options;
  o.fs = fs;
  o.write_buffer_size = 1 << 20;
  o.block_size = 256;
  o.bloom_bits_per_key = 10;
  o.compression = compression;
  o.l0_compaction_trigger = 20;  // no background compaction: the files stay as built
  o.target_file_size = 1 << 20;
  auto opened = Engine::Open(dir, o);
  REQUIRE(opened.ok());
  std::unique_ptr<Engine> engine = std::move(opened).value();
  auto tree = engine->CreateTree("t");
  REQUIRE(tree.ok());
  const TreeId t = tree.value();
  Rng rng(42);
  WriteOptions wo;
  wo.sync = false;
  auto key = [](int i) {
    char buf[16];
    std::snprintf(buf, sizeof(buf), "key%05d", i);
    return std::string(buf);
  };
  std::vector<BatchOp> ops;
  for (int i = 0; i < 400; i += 2) {
    std::string value = "first" + std::to_string(i) + std::string(rng.Range(5, 80), 'a' + i % 26);
    ops.push_back({BatchOp::Kind::kPut, t, key(i), value});
  }
  for (int i = 0; i < 400; i += 14) ops.push_back({BatchOp::Kind::kDelete, t, key(i), ""});
  ops.push_back({BatchOp::Kind::kDeleteRange, t, key(100), key(120)});
  WriteBatch batch = testing::MakeBatch(ops);
  REQUIRE(engine->Write(wo, &batch).ok());
  REQUIRE(engine->Flush(t).ok());
  REQUIRE(engine->CompactRange(t).ok());
  std::vector<BatchOp> more;
  for (int i = 1; i < 400; i += 6) {
    more.push_back({BatchOp::Kind::kPut, t, key(i), "second" + std::to_string(i)});
  }
  for (int i = 0; i < 400; i += 10) {
    more.push_back({BatchOp::Kind::kPut, t, key(i), "overwrite" + std::to_string(i)});
  }
  for (int i = 2; i < 400; i += 22) more.push_back({BatchOp::Kind::kDelete, t, key(i), ""});
  more.push_back({BatchOp::Kind::kDeleteRange, t, key(300), key(330)});
  batch = testing::MakeBatch(more);
  REQUIRE(engine->Write(wo, &batch).ok());
  REQUIRE(engine->Flush(t).ok());
  DbState state;
  testing::ApplyOps(ops, &state);
  testing::ApplyOps(more, &state);
  db.expected = state[t];
  auto actual = testing::ReadTree(engine.get(), t);
  REQUIRE(actual.ok());
  REQUIRE(testing::DiffTrees(db.expected, actual.value()) == "");
  REQUIRE(engine->Close().ok());
  engine.reset();
  db.image = testing::CaptureDir(fs, dir);
  db.image.erase("LOCK");
  for (int i = 0; i < 405; ++i) db.probe_keys.push_back(key(i));
  db.probe_keys.push_back("");
  db.probe_keys.push_back("zzz");
  return db;
}

SstDatabase BuildSstDatabase(bool compression) {
  MemFileSystem fs;
  return BuildSstDatabase(compression, &fs, kDir);
}

std::vector<std::string> SstFiles(const DirImage& image) {
  std::vector<std::string> out;
  for (const auto& [name, contents] : image) {
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".sst") == 0) out.push_back(name);
  }
  return out;
}

// Reads everything through `engine`. Every answer must be right or an error
// naming `file`. Returns whether any read reported the damage.
bool CheckReadsRightOrCorruption(Engine* engine, TreeId t, const SstDatabase& db,
                                 const std::string& file, const std::string& where) {
  bool detected = false;
  auto check_error = [&](const Status& s, const std::string& what) {
    if (!s.IsCorruption() || !Mentions(s, file)) {
      FAIL_CHECK(where << ": " << what << " reports " << s.ToString()
                       << ", expected Corruption naming " << file);
    }
    detected = true;
  };
  // Forward scan: a correct prefix, then the end or an error.
  {
    std::unique_ptr<Iterator> it = engine->NewIterator(ReadOptions(), t);
    auto e = db.expected.begin();
    for (it->SeekToFirst(); it->Valid(); it->Next(), ++e) {
      if (e == db.expected.end() || it->key() != e->first || it->value() != e->second) {
        FAIL(where << ": forward scan returned wrong data at " << Printable(it->key()) << " = "
                   << Printable(it->value()) << ", expected "
                   << (e == db.expected.end()
                           ? std::string("the end")
                           : Printable(e->first) + " = " + Printable(e->second)));
      }
    }
    if (!it->status().ok()) {
      check_error(it->status(), "forward scan");
    } else if (e != db.expected.end()) {
      FAIL(where << ": forward scan ended early without an error, before " << Printable(e->first));
    }
  }
  // Backward scan.
  {
    std::unique_ptr<Iterator> it = engine->NewIterator(ReadOptions(), t);
    auto e = db.expected.rbegin();
    for (it->SeekToLast(); it->Valid(); it->Prev(), ++e) {
      if (e == db.expected.rend() || it->key() != e->first || it->value() != e->second) {
        FAIL(where << ": backward scan returned wrong data at " << Printable(it->key()));
      }
    }
    if (!it->status().ok()) {
      check_error(it->status(), "backward scan");
    } else if (e != db.expected.rend()) {
      FAIL(where << ": backward scan ended early without an error, before " << Printable(e->first));
    }
  }
  // Point reads.
  for (const std::string& key : db.probe_keys) {
    Result<std::string> got = engine->Get(ReadOptions(), t, key);
    auto e = db.expected.find(key);
    if (got.ok()) {
      if (e == db.expected.end() || got.value() != e->second) {
        FAIL(where << ": Get(" << Printable(key) << ") returned wrong data "
                   << Printable(got.value()));
      }
    } else if (got.status().IsNotFound()) {
      if (e != db.expected.end()) {
        FAIL(where << ": Get(" << Printable(key) << ") returned NotFound for a live key");
      }
    } else {
      check_error(got.status(), "Get(" + Printable(key) + ")");
    }
  }
  return detected;
}

TEST_CASE("A flipped byte anywhere in an SSTable is reported as Corruption, never as wrong data",
          "[engine][corruption]") {
  for (bool compression : {false, true}) {
    const SstDatabase db = BuildSstDatabase(compression);
    const std::vector<std::string> ssts = SstFiles(db.image);
    REQUIRE(ssts.size() == 2);
    Rng rng(BaseSeed() + (compression ? 1000 : 0));
    for (int trial = 0; trial < Trials(120); ++trial) {
      const std::string& file = rng.Pick(ssts);
      const uint64_t size = db.image.at(file).size();
      // Half the trials hit the tail (footer, metaindex, properties, index,
      // filter), the rest anywhere.
      const uint64_t offset = rng.Percent(50)
                                  ? rng.Uniform(size)
                                  : size - 1 - rng.Uniform(std::min<uint64_t>(size, 700));
      const uint8_t mask = RandomMask(&rng);
      const std::string where = "compression=" + std::to_string(compression) + " trial " +
                                std::to_string(trial) + ": " + Describe(file, offset, mask, size);
      INFO(where);
      Restored dir(Flipped(db.image, file, offset, mask), db.options);
      auto opened = Engine::Open(kDir, dir.options);
      if (!opened.ok()) {
        CHECK(opened.status().IsCorruption());
        CHECK(Mentions(opened.status(), file));
        continue;
      }
      std::unique_ptr<Engine> engine = std::move(opened).value();
      auto t = engine->FindTree("t");
      REQUIRE(t.ok());
      const bool detected = CheckReadsRightOrCorruption(engine.get(), t.value(), db, file, where);
      // Every byte of an SSTable is covered by a block checksum or the footer
      // checksum, and a full scan plus point reads touch every block.
      if (!detected) FAIL(where << ": the damage went unnoticed by Open and by every read");
    }
  }
}

// A scratch directory under the system temp dir, removed at the end.
class TempDir {
 public:
  TempDir() {
    std::string tmpl =
        (std::filesystem::temp_directory_path() / "strata_corruption_XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST_CASE("A flipped SSTable byte in a real directory is Corruption (posix reads, direct I/O)",
          "[engine][corruption][posix]") {
  TempDir tmp;
  PosixFileSystem posix;
  const SstDatabase db = BuildSstDatabase(true, &posix, tmp.path() + "/pristine");
  const std::vector<std::string> ssts = SstFiles(db.image);
  REQUIRE(ssts.size() == 2);
  Rng rng(BaseSeed() + 77);
  for (int trial = 0; trial < Trials(24); ++trial) {
    const std::string& file = rng.Pick(ssts);
    const uint64_t size = db.image.at(file).size();
    const uint64_t offset = rng.Uniform(size);
    const uint8_t mask = RandomMask(&rng);
    const bool direct = trial % 2 == 1;
    const std::string where = "posix trial " + std::to_string(trial) +
                              (direct ? " (direct I/O)" : "") + ": " +
                              Describe(file, offset, mask, size);
    INFO(where);
    const std::string dir = tmp.path() + "/trial" + std::to_string(trial);
    testing::RestoreDir(Flipped(db.image, file, offset, mask), dir, &posix);
    EngineOptions options = db.options;
    options.fs = &posix;
    options.use_direct_io_for_reads = direct;
    auto opened = Engine::Open(dir, options);
    if (!opened.ok()) {
      CHECK(opened.status().IsCorruption());
      CHECK(Mentions(opened.status(), file));
      continue;
    }
    std::unique_ptr<Engine> engine = std::move(opened).value();
    auto t = engine->FindTree("t");
    REQUIRE(t.ok());
    if (!CheckReadsRightOrCorruption(engine.get(), t.value(), db, file, where)) {
      FAIL(where << ": the damage went unnoticed by Open and by every read");
    }
    REQUIRE(engine->Close().ok());
    engine.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
}

TEST_CASE("A truncated or missing SSTable is an error, never an empty table",
          "[engine][corruption]") {
  const SstDatabase db = BuildSstDatabase(false);
  const std::vector<std::string> ssts = SstFiles(db.image);
  REQUIRE(ssts.size() == 2);
  Rng rng(BaseSeed() + 7);
  for (const std::string& file : ssts) {
    for (int variant = 0; variant < 4; ++variant) {
      DirImage image = db.image;
      std::string what;
      if (variant == 0) {
        image.erase(file);
        what = "deleted";
      } else {
        const uint64_t size = image.at(file).size();
        const uint64_t keep = variant == 1 ? 0 : variant == 2 ? rng.Uniform(64) : rng.Uniform(size);
        image.at(file).resize(keep);
        what = "truncated to " + std::to_string(keep) + " of " + std::to_string(size) + " bytes";
      }
      INFO(file << " " << what);
      Restored dir(image, db.options);
      auto opened = Engine::Open(kDir, dir.options);
      if (!opened.ok()) {
        CHECK(Mentions(opened.status(), file));
        if (variant != 0) CHECK(opened.status().IsCorruption());
        continue;
      }
      std::unique_ptr<Engine> engine = std::move(opened).value();
      auto t = engine->FindTree("t");
      REQUIRE(t.ok());
      // Reads must fail rather than present the table as empty.
      auto contents = testing::ReadTree(engine.get(), t.value());
      if (contents.ok()) {
        FAIL("a full scan succeeded although " << file << " is " << what);
      }
      CHECK(Mentions(contents.status(), file));
    }
  }
}

TEST_CASE("A compaction over a damaged SSTable fails and keeps its inputs",
          "[engine][corruption]") {
  const SstDatabase db = BuildSstDatabase(false);
  const std::vector<std::string> ssts = SstFiles(db.image);
  Rng rng(BaseSeed() + 99);
  int compactions_refused = 0;
  for (int trial = 0; trial < Trials(40); ++trial) {
    const std::string& file = rng.Pick(ssts);
    const uint64_t size = db.image.at(file).size();
    const uint64_t offset = rng.Uniform(size / 2);  // data blocks
    const uint8_t mask = RandomMask(&rng);
    const std::string where =
        "trial " + std::to_string(trial) + ": " + Describe(file, offset, mask, size);
    INFO(where);
    Restored dir(Flipped(db.image, file, offset, mask), db.options);
    {
      auto opened = Engine::Open(kDir, dir.options);
      if (!opened.ok()) {
        CHECK(opened.status().IsCorruption());
        continue;
      }
      std::unique_ptr<Engine> engine = std::move(opened).value();
      auto t = engine->FindTree("t");
      REQUIRE(t.ok());
      Status s = engine->CompactRange(t.value());
      if (!s.ok()) {
        ++compactions_refused;
        CHECK(s.IsCorruption());
        CHECK(Mentions(s, file));
      }
      (void)CheckReadsRightOrCorruption(engine.get(), t.value(), db, file,
                                        where + " after compaction");
      (void)engine->Close();
    }
    // Repair the byte (if the file is still there: it may only have been
    // deleted if the compaction succeeded) and check that nothing was lost.
    if (dir.fs.FileExists(std::string(kDir) + "/" + file)) {
      auto contents = ReadFileToString(&dir.fs, std::string(kDir) + "/" + file);
      REQUIRE(contents.ok());
      if (contents.value() == Flipped(db.image, file, offset, mask).at(file)) {
        dir.fs.SetFileContents(std::string(kDir) + "/" + file, db.image.at(file));
      }
    }
    auto reopened = Engine::Open(kDir, dir.options);
    if (!reopened.ok())
      FAIL("reopen after repairing the byte failed: " << reopened.status().ToString());
    std::unique_ptr<Engine> engine = std::move(reopened).value();
    auto t = engine->FindTree("t");
    REQUIRE(t.ok());
    auto contents = testing::ReadTree(engine.get(), t.value());
    if (!contents.ok()) FAIL("read after repair: " << contents.status().ToString());
    const std::string diff = testing::DiffTrees(db.expected, contents.value());
    if (!diff.empty()) FAIL("data lost by the failed compaction: " << diff);
  }
  CHECK(compactions_refused > 0);
}

// ---------------------------------------------------------------------------
// WAL.

struct WalDatabase {
  DirImage image;
  EngineOptions options;
  std::string wal;  // the WAL segment's file name
  std::vector<std::vector<BatchOp>> batches;
  std::vector<uint64_t> record_start;  // WAL offset where each batch's record starts
  std::vector<uint64_t> record_end;
  TreeId tree = 0;
};

// One tree, N synced single-record batches, all still in one WAL segment
// (nothing flushed), spanning two 32 KiB WAL blocks.
WalDatabase BuildWalDatabase(uint64_t seed) {
  WalDatabase db;
  MemFileSystem fs;
  db.options.fs = &fs;
  db.options.write_buffer_size = 8 << 20;
  auto opened = Engine::Open(kDir, db.options);
  REQUIRE(opened.ok());
  std::unique_ptr<Engine> engine = std::move(opened).value();
  auto tree = engine->CreateTree("t");
  REQUIRE(tree.ok());
  db.tree = tree.value();
  Rng rng(seed);
  WriteOptions wo;
  wo.sync = true;
  uint64_t prev_size = 0;
  for (int i = 0; i < 50; ++i) {
    std::vector<BatchOp> ops;
    for (uint64_t j = 0, n = rng.Range(1, 4); j < n; ++j) {
      BatchOp op;
      op.tree = rng.OneIn(5) ? kDefaultTree : db.tree;
      op.key = "key" + std::to_string(rng.Uniform(40));
      if (rng.Percent(80)) {
        op.arg = "b" + std::to_string(i) + "." + std::to_string(j) +
                 std::string(rng.Range(0, 1500), 'v');
      } else if (rng.Percent(70)) {
        op.kind = BatchOp::Kind::kDelete;
      } else {
        op.kind = BatchOp::Kind::kDeleteRange;
        op.arg = op.key + "5";
      }
      ops.push_back(op);
    }
    WriteBatch batch = testing::MakeBatch(ops);
    REQUIRE(engine->Write(wo, &batch).ok());
    if (db.wal.empty()) {
      auto wals = testing::FilesMatching(&fs, kDir, ".wal");
      REQUIRE(!wals.empty());
      db.wal = wals.back();
      prev_size = wal::kHeaderSize + wal::kFileHeaderPayloadSize;  // the file header record
    }
    auto size = fs.GetFileSize(std::string(kDir) + "/" + db.wal);
    REQUIRE(size.ok());
    REQUIRE(size.value() > prev_size);
    db.record_start.push_back(prev_size);
    db.record_end.push_back(size.value());
    prev_size = size.value();
    db.batches.push_back(std::move(ops));
  }
  REQUIRE(testing::FilesMatching(&fs, kDir, ".wal").back() == db.wal);
  REQUIRE(engine->Close().ok());
  engine.reset();
  db.image = testing::CaptureDir(&fs, kDir);
  REQUIRE(db.image.at(db.wal).size() > wal::kBlockSize);
  return db;
}

DbState PrefixState(const WalDatabase& db, size_t p) {
  DbState s;
  for (size_t i = 0; i < p; ++i) testing::ApplyOps(db.batches[i], &s);
  return s;
}

// Opens the restored directory and returns the state, or the Open error.
Result<DbState> OpenAndRead(Restored* dir, TreeId tree, std::unique_ptr<Engine>* keep = nullptr) {
  auto opened = Engine::Open(kDir, dir->options);
  if (!opened.ok()) return opened.status();
  std::unique_ptr<Engine> engine = std::move(opened).value();
  auto state = testing::ReadTrees(engine.get(), {kDefaultTree, tree});
  if (keep != nullptr) *keep = std::move(engine);
  return state;
}

std::string DiffPrefix(const WalDatabase& db, size_t p, const DbState& actual) {
  return testing::DiffStates(PrefixState(db, p), actual, {kDefaultTree, db.tree});
}

// Writes one more batch, reopens, and checks prefix(p) + that batch: recovery
// must leave a log the engine can append to and recover again.
void CheckWriteAndReopen(Restored* dir, const WalDatabase& db, size_t p,
                         std::unique_ptr<Engine> engine, const std::string& where) {
  WriteOptions wo;
  std::vector<BatchOp> extra = {{BatchOp::Kind::kPut, db.tree, "key7", "after-recovery"},
                                {BatchOp::Kind::kPut, kDefaultTree, "zz", "after-recovery"}};
  WriteBatch batch = testing::MakeBatch(extra);
  Status s = engine->Write(wo, &batch);
  if (!s.ok()) FAIL(where << ": write after recovery failed: " << s.ToString());
  REQUIRE(engine->Close().ok());
  engine.reset();
  auto again = OpenAndRead(dir, db.tree);
  if (!again.ok())
    FAIL(where << ": the second open after recovery failed: " << again.status().ToString());
  DbState expected = PrefixState(db, p);
  testing::ApplyOps(extra, &expected);
  const std::string diff = testing::DiffStates(expected, again.value(), {kDefaultTree, db.tree});
  if (!diff.empty()) FAIL(where << ": after write + reopen: " << diff);
}

// Offset of the physical record header of a record that starts at `start`
// (the writer skips block tails shorter than a header).
uint64_t HeaderOffset(uint64_t start) {
  const uint64_t left = wal::kBlockSize - start % wal::kBlockSize;
  return left < wal::kHeaderSize ? start + left : start;
}

TEST_CASE("A torn WAL tail is recovered silently, also on the next open",
          "[engine][corruption][wal]") {
  const WalDatabase db = BuildWalDatabase(BaseSeed());
  Rng rng(BaseSeed() + 3);
  const uint64_t size = db.image.at(db.wal).size();
  for (int trial = 0; trial < Trials(40); ++trial) {
    DirImage image = db.image;
    std::string& log = image.at(db.wal);
    size_t expected_p = db.batches.size();
    std::string what;
    switch (trial % 4) {
      case 0:
      case 1: {  // cut short anywhere after the file header
        const uint64_t cut = rng.Range(db.record_start[0], size - 1);
        log.resize(cut);
        expected_p = 0;
        while (expected_p < db.batches.size() && db.record_end[expected_p] <= cut) ++expected_p;
        what = "cut to " + std::to_string(cut);
        break;
      }
      case 2:  // zeros after the end (preallocated, never written)
        log.append(rng.Range(1, 40000), '\0');
        what = "zero tail";
        break;
      default: {  // damage to the last record
        const uint64_t h = HeaderOffset(db.record_start.back());
        const uint64_t off =
            rng.Percent(30) ? h + rng.Uniform(4) : rng.Range(h + wal::kHeaderSize, size - 1);
        log[off] = static_cast<char>(log[off] ^ RandomMask(&rng));
        expected_p = db.batches.size() - 1;
        what = "last record damaged at " + std::to_string(off);
      }
    }
    const std::string where = "trial " + std::to_string(trial) + ": " + db.wal + " " + what;
    INFO(where);
    Restored dir(image, db.options);
    std::unique_ptr<Engine> engine;
    auto state = OpenAndRead(&dir, db.tree, &engine);
    if (!state.ok()) FAIL(where << ": open failed: " << state.status().ToString());
    const std::string diff = DiffPrefix(db, expected_p, state.value());
    if (!diff.empty()) FAIL(where << ": expected the first " << expected_p << " batches: " << diff);
    CheckWriteAndReopen(&dir, db, expected_p, std::move(engine), where);
  }
}

TEST_CASE(
    "Damage in the middle of the WAL is Corruption naming the file, or a clean prefix when "
    "tolerated",
    "[engine][corruption][wal]") {
  const WalDatabase db = BuildWalDatabase(BaseSeed() + 1);
  Rng rng(BaseSeed() + 4);
  for (int trial = 0; trial < Trials(60); ++trial) {
    // Damage a record that has intact records after it. Length fields are
    // left alone: a damaged length in the last block can hide the records
    // after it (a documented limit of the log format), see the next test.
    const size_t i = rng.Uniform(db.batches.size() - 1);
    const uint64_t h = HeaderOffset(db.record_start[i]);
    const uint64_t block_end = (h / wal::kBlockSize + 1) * wal::kBlockSize;
    const uint64_t payload_end = std::min(db.record_end[i], block_end);
    uint64_t off;
    switch (rng.Uniform(3)) {
      case 0:
        off = h + rng.Uniform(4);  // checksum
        break;
      case 1:
        off = h + 6;  // type
        break;
      default:
        off = rng.Range(h + wal::kHeaderSize, payload_end - 1);  // payload
    }
    const uint8_t mask = RandomMask(&rng);
    const bool tolerate = rng.Percent(50);
    const std::string where = "trial " + std::to_string(trial) + ": batch " + std::to_string(i) +
                              ", " + Describe(db.wal, off, mask, db.image.at(db.wal).size()) +
                              (tolerate ? " (wal_tolerate_corrupted_tail)" : "");
    INFO(where);
    EngineOptions options = db.options;
    options.wal_tolerate_corrupted_tail = tolerate;
    Restored dir(Flipped(db.image, db.wal, off, mask), options);
    std::unique_ptr<Engine> engine;
    auto state = OpenAndRead(&dir, db.tree, &engine);
    if (!tolerate) {
      if (state.ok()) FAIL(where << ": open succeeded over mid-log damage");
      CHECK(state.status().IsCorruption());
      CHECK(Mentions(state.status(), db.wal));
      continue;
    }
    if (!state.ok())
      FAIL(where << ": open failed although the damage is tolerated: "
                 << state.status().ToString());
    const std::string diff = DiffPrefix(db, i, state.value());
    if (!diff.empty())
      FAIL(where << ": expected exactly the " << i << " batches before the damage: " << diff);
    CheckWriteAndReopen(&dir, db, i, std::move(engine), where);
  }
}

TEST_CASE("Any flipped WAL byte gives Corruption or a prefix of the batches, never wrong data",
          "[engine][corruption][wal]") {
  const WalDatabase db = BuildWalDatabase(BaseSeed() + 2);
  Rng rng(BaseSeed() + 5);
  const uint64_t size = db.image.at(db.wal).size();
  for (int trial = 0; trial < Trials(80); ++trial) {
    const uint64_t off = rng.Uniform(size);
    const uint8_t mask = RandomMask(&rng);
    // The batch the byte belongs to (0 for the file header).
    size_t i = 0;
    while (i + 1 < db.batches.size() && db.record_end[i] <= off) ++i;
    const bool tolerate = rng.Percent(50);
    const std::string where = "trial " + std::to_string(trial) + ": batch " + std::to_string(i) +
                              ", " + Describe(db.wal, off, mask, size) +
                              (tolerate ? " (tolerate)" : "");
    INFO(where);
    EngineOptions options = db.options;
    options.wal_tolerate_corrupted_tail = tolerate;
    Restored dir(Flipped(db.image, db.wal, off, mask), options);
    auto state = OpenAndRead(&dir, db.tree);
    if (!state.ok()) {
      CHECK((state.status().IsCorruption() || state.status().IsNotSupported()));
      CHECK(Mentions(state.status(), db.wal));
      continue;
    }
    // Zero padding at a block's end (before batch i's record) is not covered
    // by a checksum; damage there may go unnoticed.
    const bool in_padding = i > 0 && off < HeaderOffset(db.record_start[i]);
    const size_t max_p = in_padding ? db.batches.size() : i;
    bool matched = false;
    for (size_t p = 0; p <= max_p && !matched; ++p)
      matched = DiffPrefix(db, p, state.value()).empty();
    if (!matched) {
      FAIL(where << ": recovered state is no prefix ending before the damaged batch; vs. prefix "
                 << i << ": " << DiffPrefix(db, i, state.value()));
    }
  }
}

// Two WAL segments: tree "b" has data in the older one (tree "a" was flushed,
// which started the newer segment), and both trees wrote to the newer one.
// The older segment was synced when it was retired, so damage at its end is
// not a torn tail a crash could leave: replaying the newer segment after it
// would leave a gap.
TEST_CASE("Damage at the end of an older WAL segment is Corruption when a newer one has records",
          "[engine][corruption][wal]") {
  MemFileSystem fs;
  EngineOptions options;
  options.fs = &fs;
  options.write_buffer_size = 8 << 20;
  auto opened = Engine::Open(kDir, options);
  REQUIRE(opened.ok());
  std::unique_ptr<Engine> engine = std::move(opened).value();
  auto a = engine->CreateTree("a");
  auto b = engine->CreateTree("b");
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  auto write_round = [&](int round) {
    for (int i = 0; i < 10; ++i) {
      WriteBatch batch;
      batch.Put(a.value(), "k" + std::to_string(i), "a" + std::to_string(round));
      batch.Put(b.value(), "k" + std::to_string(i),
                "b" + std::to_string(round) + std::string(200, 'x'));
      REQUIRE(engine->Write(WriteOptions(), &batch).ok());
    }
  };
  write_round(1);
  REQUIRE(engine->Flush(a.value()).ok());
  write_round(2);
  REQUIRE(engine->Close().ok());
  engine.reset();
  DirImage image = testing::CaptureDir(&fs, kDir);
  const auto wals = testing::FilesMatching(&fs, kDir, ".wal");
  if (wals.size() < 2) {
    WARN("the engine kept " << wals.size() << " WAL segment(s); nothing to test");
    return;
  }
  const std::string older = wals[wals.size() - 2];
  const uint64_t size = image.at(older).size();
  Rng rng(BaseSeed() + 21);
  for (int trial = 0; trial < Trials(12); ++trial) {
    DirImage damaged = image;
    std::string what;
    if (trial % 2 == 0) {
      const uint64_t cut = rng.Range(size - 150, size - 1);
      damaged.at(older).resize(cut);
      what = "cut to " + std::to_string(cut) + " of " + std::to_string(size);
    } else {
      const uint64_t off = rng.Range(size - 150, size - 1);
      damaged.at(older)[off] = static_cast<char>(damaged.at(older)[off] ^ 0x10);
      what = "byte " + std::to_string(off) + " flipped";
    }
    INFO(older << " " << what);
    Restored dir(damaged, options);
    auto reopened = Engine::Open(kDir, dir.options);
    if (reopened.ok())
      FAIL("open succeeded although " << older << " is damaged and a newer segment has records");
    CHECK(reopened.status().IsCorruption());
    CHECK(Mentions(reopened.status(), older));
  }
}

// ---------------------------------------------------------------------------
// MANIFEST and CURRENT.

struct ManifestDatabase {
  DirImage image;
  EngineOptions options;
  std::vector<TreeState> expected;  // per entry of `trees`
  std::vector<std::string> trees = {"t1", "t2"};
  std::string manifest;
  std::vector<uint64_t> record_offsets;  // of every logical record (not the file header)
};

// Two trees with several flushes and a compaction (one manifest edit each),
// and as the very last edit the creation of an empty tree "last".
ManifestDatabase BuildManifestDatabase() {
  ManifestDatabase db;
  MemFileSystem fs;
  db.options.fs = &fs;
  db.options.write_buffer_size = 1 << 20;
  db.options.l0_compaction_trigger = 20;
  auto opened = Engine::Open(kDir, db.options);
  REQUIRE(opened.ok());
  std::unique_ptr<Engine> engine = std::move(opened).value();
  std::map<std::string, TreeId> ids;
  for (const std::string& name : db.trees) {
    auto id = engine->CreateTree(name);
    REQUIRE(id.ok());
    ids[name] = id.value();
  }
  DbState state;
  for (int round = 0; round < 4; ++round) {
    for (const std::string& name : db.trees) {
      std::vector<BatchOp> ops;
      for (int i = 0; i < 30; ++i) {
        ops.push_back({BatchOp::Kind::kPut, ids[name], "k" + std::to_string((i * 7 + round) % 50),
                       name + "r" + std::to_string(round) + "i" + std::to_string(i)});
      }
      ops.push_back({BatchOp::Kind::kDelete, ids[name], "k" + std::to_string(round), ""});
      WriteBatch batch = testing::MakeBatch(ops);
      REQUIRE(engine->Write(WriteOptions(), &batch).ok());
      testing::ApplyOps(ops, &state);
      REQUIRE(engine->Flush(ids[name]).ok());
    }
    if (round == 1) REQUIRE(engine->CompactRange(ids["t1"]).ok());
  }
  REQUIRE(engine->CreateTree("last").ok());
  REQUIRE(engine->Close().ok());
  engine.reset();
  for (const std::string& name : db.trees) db.expected.push_back(state[ids[name]]);
  db.image = testing::CaptureDir(&fs, kDir);
  auto manifests = testing::FilesMatching(&fs, kDir, "MANIFEST-", /*prefix=*/true);
  REQUIRE(manifests.size() == 1);
  db.manifest = manifests[0];
  auto file = fs.NewSequentialFile(std::string(kDir) + "/" + db.manifest);
  REQUIRE(file.ok());
  wal::LogReader reader(std::move(file).value(), db.manifest);
  Slice record;
  std::string scratch;
  while (reader.ReadRecord(&record, &scratch))
    db.record_offsets.push_back(reader.last_record_offset());
  REQUIRE(reader.status().ok());
  REQUIRE(db.record_offsets.size() >= 3);
  return db;
}

// Checks trees t1 and t2 hold exactly what was written.
void CheckManifestData(Engine* engine, const ManifestDatabase& db, const std::string& where) {
  for (size_t i = 0; i < db.trees.size(); ++i) {
    auto id = engine->FindTree(db.trees[i]);
    if (!id.ok()) FAIL(where << ": tree " << db.trees[i] << " is gone: " << id.status().ToString());
    auto contents = testing::ReadTree(engine, id.value());
    if (!contents.ok())
      FAIL(where << ": reading " << db.trees[i] << ": " << contents.status().ToString());
    const std::string diff = testing::DiffTrees(db.expected[i], contents.value());
    if (!diff.empty()) FAIL(where << ": tree " << db.trees[i] << ": " << diff);
  }
}

TEST_CASE("A damaged MANIFEST record is Corruption naming the manifest",
          "[engine][corruption][manifest]") {
  const ManifestDatabase db = BuildManifestDatabase();
  Rng rng(BaseSeed() + 11);
  const uint64_t size = db.image.at(db.manifest).size();
  // Records followed by another record: the file header and all but the last edit.
  std::vector<std::pair<uint64_t, uint64_t>> spans;  // [header offset, end of first fragment)
  spans.emplace_back(0, wal::kHeaderSize + wal::kFileHeaderPayloadSize);
  const std::string& manifest = db.image.at(db.manifest);
  for (size_t k = 0; k + 1 < db.record_offsets.size(); ++k) {
    const uint64_t h = db.record_offsets[k];
    const uint64_t length = static_cast<uint8_t>(manifest[h + 4]) |
                            (static_cast<uint64_t>(static_cast<uint8_t>(manifest[h + 5])) << 8);
    spans.emplace_back(h, h + wal::kHeaderSize + length);
  }
  for (int trial = 0; trial < Trials(60); ++trial) {
    const auto [h, end] = rng.Pick(spans);
    uint64_t off;
    switch (rng.Uniform(3)) {
      case 0:
        off = h + rng.Uniform(4);
        break;
      case 1:
        off = h + 6;
        break;
      default:
        off = rng.Range(h + wal::kHeaderSize, end - 1);
    }
    const uint8_t mask = RandomMask(&rng);
    const std::string where =
        "trial " + std::to_string(trial) + ": " + Describe(db.manifest, off, mask, size);
    INFO(where);
    Restored dir(Flipped(db.image, db.manifest, off, mask), db.options);
    auto opened = Engine::Open(kDir, dir.options);
    if (opened.ok()) FAIL(where << ": open succeeded over a damaged manifest record");
    CHECK(opened.status().IsCorruption());
    CHECK(Mentions(opened.status(), db.manifest));
  }
  // The last record (creating the empty tree "last") may be read as a torn
  // tail; then everything else must be intact.
  for (int trial = 0; trial < Trials(20); ++trial) {
    const uint64_t off = rng.Range(db.record_offsets.back(), size - 1);
    const uint8_t mask = RandomMask(&rng);
    const std::string where = "last record: " + Describe(db.manifest, off, mask, size);
    INFO(where);
    Restored dir(Flipped(db.image, db.manifest, off, mask), db.options);
    auto opened = Engine::Open(kDir, dir.options);
    if (!opened.ok()) {
      CHECK(opened.status().IsCorruption());
      CHECK(Mentions(opened.status(), db.manifest));
      continue;
    }
    CheckManifestData(opened.value().get(), db, where);
  }
}

TEST_CASE("Any flipped MANIFEST byte gives Corruption or intact data",
          "[engine][corruption][manifest]") {
  const ManifestDatabase db = BuildManifestDatabase();
  Rng rng(BaseSeed() + 12);
  const uint64_t size = db.image.at(db.manifest).size();
  for (int trial = 0; trial < Trials(60); ++trial) {
    const uint64_t off = rng.Uniform(size);
    const uint8_t mask = RandomMask(&rng);
    const std::string where =
        "trial " + std::to_string(trial) + ": " + Describe(db.manifest, off, mask, size);
    INFO(where);
    Restored dir(Flipped(db.image, db.manifest, off, mask), db.options);
    auto opened = Engine::Open(kDir, dir.options);
    if (!opened.ok()) {
      CHECK((opened.status().IsCorruption() || opened.status().IsNotSupported()));
      CHECK(Mentions(opened.status(), db.manifest));
      continue;
    }
    // A damaged length field can make the reader stop early (read as a torn
    // tail) and lose later edits; the flushes' WAL segments are gone, so data
    // may then be missing, but it must never be wrong: every value read is one
    // that was written.
    for (size_t i = 0; i < db.trees.size(); ++i) {
      auto id = opened.value()->FindTree(db.trees[i]);
      if (!id.ok()) continue;
      auto contents = testing::ReadTree(opened.value().get(), id.value());
      if (!contents.ok()) continue;
      for (const auto& [k, v] : contents.value()) {
        if (v.rfind(db.trees[i] + "r", 0) != 0) {
          FAIL(where << ": tree " << db.trees[i] << " holds an invented value " << Printable(v));
        }
      }
    }
  }
}

TEST_CASE("A damaged or missing CURRENT or MANIFEST fails Open instead of starting empty",
          "[engine][corruption][manifest]") {
  const ManifestDatabase db = BuildManifestDatabase();
  const std::string current = db.image.at("CURRENT");
  REQUIRE(current == db.manifest + "\n");
  struct Variant {
    std::string name;
    std::function<void(DirImage*)> damage;
    bool create_if_missing;
    bool malformed_current;  // Corruption naming CURRENT expected
  };
  const std::vector<Variant> variants = {
      {"CURRENT empty", [](DirImage* i) { i->at("CURRENT") = ""; }, true, true},
      {"CURRENT garbage", [](DirImage* i) { i->at("CURRENT") = "\x01\xfe garbage\n"; }, true, true},
      {"CURRENT without newline", [&](DirImage* i) { i->at("CURRENT") = db.manifest; }, true, true},
      {"CURRENT truncated", [&](DirImage* i) { i->at("CURRENT") = db.manifest.substr(0, 6); }, true,
       true},
      {"CURRENT with trailing junk", [&](DirImage* i) { i->at("CURRENT") = db.manifest + "\nxyz"; },
       true, true},
      {"CURRENT names a missing manifest",
       [](DirImage* i) { i->at("CURRENT") = "MANIFEST-999999\n"; }, true, false},
      {"MANIFEST missing", [&](DirImage* i) { i->erase(db.manifest); }, true, false},
      {"MANIFEST empty", [&](DirImage* i) { i->at(db.manifest) = ""; }, true, false},
      {"CURRENT missing", [](DirImage* i) { i->erase("CURRENT"); }, false, false},
  };
  for (const Variant& v : variants) {
    INFO(v.name);
    DirImage image = db.image;
    v.damage(&image);
    EngineOptions options = db.options;
    options.create_if_missing = v.create_if_missing;
    Restored dir(image, options);
    auto opened = Engine::Open(kDir, dir.options);
    if (opened.ok()) {
      // Acceptable only if the engine still found every tree and all data.
      CheckManifestData(opened.value().get(), db, v.name);
      continue;
    }
    const Status& s = opened.status();
    INFO(s.ToString());
    if (v.malformed_current) {
      CHECK(s.IsCorruption());
      CHECK(Mentions(s, "CURRENT"));
    } else if (v.create_if_missing) {
      CHECK((Mentions(s, "MANIFEST") || Mentions(s, "CURRENT")));
    }
  }
}

TEST_CASE("A missing CURRENT with create_if_missing does not wipe an existing database",
          "[engine][corruption][manifest]") {
  const ManifestDatabase db = BuildManifestDatabase();
  DirImage image = db.image;
  image.erase("CURRENT");
  Restored dir(image, db.options);  // create_if_missing = true
  auto opened = Engine::Open(kDir, dir.options);
  if (opened.ok()) {
    // Either the engine found the manifest anyway, or it refused; a fresh
    // empty database over the old files (and deleting them as orphans) is
    // silent data loss.
    CheckManifestData(opened.value().get(), db, "CURRENT deleted, create_if_missing");
  } else {
    SUCCEED("Open refused: " << opened.status().ToString());
  }
  const auto ssts = testing::FilesMatching(&dir.fs, kDir, ".sst");
  CHECK(!ssts.empty());
}

}  // namespace
}  // namespace strata::storage
