// VersionSet: LogAndApply + Recover round trips, manifest rolling, CURRENT
// switching, corruption reporting, obsolete files and crash consistency.
#include <catch2/catch.hpp>

#include <random>
#include <thread>

#include "storage/io/fault_injection_file_system.h"
#include "storage/io/mem_file_system.h"
#include "storage/version/manifest_file_names.h"
#include "storage/version/version_set.h"
#include "storage/wal/log_writer.h"
#include "tests/storage/compaction_test_util.h"

namespace strata::storage {
namespace {

using testing::MakeFile;

const std::string kDir = "/db";

std::string ReadAll(FileSystem* fs, const std::string& path) {
  auto r = ReadFileToString(fs, path);
  REQUIRE(r.ok());
  return r.value();
}

// Everything recovery must reproduce, as text.
std::string StateString(const VersionSet& vs) {
  std::string out = "log_number=" + std::to_string(vs.log_number()) + "\n";
  for (const auto& t : vs.Trees()) {
    out += "tree " + std::to_string(t.id) + " \"" + t.name + "\" " + t.options.DebugString() +
           " log=" + std::to_string(t.log_number) + "\n" + t.current->DebugString();
  }
  return out;
}

TreeCompactionOptions Universal() {
  TreeCompactionOptions o;
  o.compaction_style = CompactionStyle::kUniversal;
  o.level0_file_num_compaction_trigger = 6;
  return o;
}

// Adds a flush-like file to tree `tree` at L0.
Status AddL0File(VersionSet& vs, uint32_t tree, const std::string& lo, const std::string& hi, SequenceNumber seq) {
  VersionEdit e;
  uint64_t n = vs.NewFileNumber();
  e.AddFile(tree, 0, MakeFile(n, lo, seq, hi, seq, 1000 + n));
  vs.SetLastSequence(seq);
  return e.empty() ? Status::OK() : vs.LogAndApply(e);
}

TEST_CASE("VersionSet create, apply and recover", "[version][version_set]") {
  MemFileSystem fs;
  std::string before;
  uint64_t next_file = 0;
  {
    VersionSet vs(&fs, kDir);
    CHECK(vs.Recover().IsNotFound());
    REQUIRE(vs.Create().ok());
    CHECK(vs.Create().IsInvalidArgument());
    CHECK(fs.FileExists(kDir + "/CURRENT"));
    CHECK(ReadAll(&fs, kDir + "/CURRENT") == ManifestFileName(vs.manifest_file_number()) + "\n");

    VersionEdit create;
    create.CreateTree(1, "orders", TreeCompactionOptions{});
    create.CreateTree(2, "orders_pkey", Universal());
    create.SetTreeLogNumber(1, 3);
    REQUIRE(vs.LogAndApply(create).ok());
    REQUIRE(vs.current(1) != nullptr);
    CHECK(vs.current(1)->NumFiles(0) == 0);
    CHECK(vs.current(3) == nullptr);

    REQUIRE(AddL0File(vs, 1, "a", "m", 10).ok());
    REQUIRE(AddL0File(vs, 1, "c", "z", 20).ok());
    REQUIRE(AddL0File(vs, 2, "k1", "k9", 30).ok());

    // A compaction: both L0 files of tree 1 into one L1 file.
    auto v = vs.current(1);
    VersionEdit compact;
    for (const auto& f : v->files(0)) compact.DeleteFile(1, 0, f->number);
    compact.AddFile(1, 1, MakeFile(vs.NewFileNumber(), "a", 20, "z", 10, 5000));
    compact.SetLogNumber(4);
    REQUIRE(vs.LogAndApply(compact).ok());
    CHECK(vs.current(1)->NumFiles(0) == 0);
    CHECK(vs.current(1)->NumFiles(1) == 1);
    CHECK(vs.log_number() == 4);
    CHECK(vs.last_sequence() == 30);
    before = StateString(vs);
    next_file = vs.next_file_number();
  }
  VersionSet vs(&fs, kDir);
  REQUIRE(vs.Recover().ok());
  CHECK(StateString(vs) == before);
  CHECK(vs.last_sequence() == 30);
  CHECK(vs.next_file_number() >= next_file);
  auto tree = vs.GetTree(2);
  REQUIRE(tree);
  CHECK(tree->name == "orders_pkey");
  CHECK(tree->options == Universal());
  CHECK(vs.GetTree(1)->log_number == 3);
  CHECK_FALSE(vs.GetTree(7));
  CHECK(vs.Recover().IsInvalidArgument());  // already open

  // New file numbers never collide with recovered ones.
  for (uint64_t live : vs.LiveTableFileNumbers()) CHECK(live < vs.next_file_number());
}

TEST_CASE("VersionSet starts a new manifest after recovery and when it grows", "[version][version_set]") {
  MemFileSystem fs;
  VersionSetOptions options;
  options.max_manifest_file_size = 2048;
  std::string before;
  uint64_t first_manifest;
  {
    VersionSet vs(&fs, kDir, options);
    REQUIRE(vs.Create().ok());
    first_manifest = vs.manifest_file_number();
    VersionEdit create;
    create.CreateTree(5, "t", TreeCompactionOptions{});
    REQUIRE(vs.LogAndApply(create).ok());
    CHECK(vs.manifest_file_number() == first_manifest);

    std::vector<uint64_t> seen_manifests{first_manifest};
    for (int i = 0; i < 60; ++i) {
      REQUIRE(AddL0File(vs, 5, "k" + std::to_string(i), "k" + std::to_string(i) + "z", 100 + i).ok());
      if (vs.manifest_file_number() != seen_manifests.back()) seen_manifests.push_back(vs.manifest_file_number());
      CHECK(vs.manifest_file_size() <= options.max_manifest_file_size + 4096);
    }
    // 60 edits of ~60 bytes with snapshots growing to ~4 KB: several rolls.
    REQUIRE(seen_manifests.size() >= 3);
    auto obsolete = vs.TakeObsoleteFiles();
    CHECK(obsolete.manifests == std::vector<uint64_t>(seen_manifests.begin(), seen_manifests.end() - 1));
    CHECK(obsolete.tables.empty());
    CHECK(ReadAll(&fs, kDir + "/CURRENT") == ManifestFileName(seen_manifests.back()) + "\n");
    // Old manifests are left for the engine to delete.
    for (uint64_t m : obsolete.manifests) CHECK(fs.FileExists(kDir + "/" + ManifestFileName(m)));
    before = StateString(vs);
  }
  uint64_t recovered_manifest;
  {
    VersionSet vs(&fs, kDir, options);
    REQUIRE(vs.Recover().ok());
    CHECK(StateString(vs) == before);
    recovered_manifest = vs.manifest_file_number();
    CHECK(vs.manifest_file_size() == 0);
    REQUIRE(AddL0File(vs, 5, "zz", "zzz", 999).ok());
    CHECK(vs.manifest_file_number() > recovered_manifest);  // a fresh manifest
    CHECK(vs.TakeObsoleteFiles().manifests == std::vector<uint64_t>{recovered_manifest});
    before = StateString(vs);
  }
  VersionSet vs(&fs, kDir, options);
  REQUIRE(vs.Recover().ok());
  CHECK(StateString(vs) == before);
  CHECK(vs.current(5)->NumFiles(0) == 61);
}

TEST_CASE("VersionSet rejects edits that do not fit, writing nothing", "[version][version_set]") {
  MemFileSystem fs;
  VersionSet vs(&fs, kDir);
  CHECK(vs.LogAndApply(VersionEdit{}).IsInvalidArgument());  // not open yet
  REQUIRE(vs.Create().ok());
  VersionEdit create;
  create.CreateTree(1, "t", TreeCompactionOptions{});
  create.SetTreeLogNumber(1, 5);
  REQUIRE(vs.LogAndApply(create).ok());
  REQUIRE(AddL0File(vs, 1, "a", "b", 1).ok());
  const uint64_t size = vs.manifest_file_size();
  const std::string state = StateString(vs);

  std::vector<std::pair<std::string, VersionEdit>> bad(7);
  bad[0].first = "unknown tree";
  bad[0].second.AddFile(9, 0, MakeFile(1, "a", 1, "b", 1, 1));
  bad[1].first = "tree exists";
  bad[1].second.CreateTree(1, "again", TreeCompactionOptions{});
  bad[2].first = "missing file";
  bad[2].second.DeleteFile(1, 3, 1234);
  bad[3].first = "unallocated number";
  bad[3].second.AddFile(1, 0, MakeFile(vs.next_file_number() + 5, "a", 1, "b", 1, 1));
  bad[4].first = "overlap in L1";
  bad[4].second.AddFile(1, 1, MakeFile(vs.NewFileNumber(), "a", 1, "m", 1, 1));
  bad[4].second.AddFile(1, 1, MakeFile(vs.NewFileNumber(), "k", 1, "z", 1, 1));
  bad[5].first = "tree log number backwards";
  bad[5].second.SetTreeLogNumber(1, 4);
  bad[6].first = "drop unknown tree";
  bad[6].second.DropTree(77);
  for (const auto& [what, edit] : bad) {
    INFO(what);
    Status s = vs.LogAndApply(edit);
    CHECK(s.IsInvalidArgument());
    CHECK(vs.manifest_file_size() == size);
    CHECK(StateString(vs) == state);
  }
  VersionEdit log_back;
  log_back.SetLogNumber(10);
  REQUIRE(vs.LogAndApply(log_back).ok());
  log_back.SetLogNumber(9);
  CHECK(vs.LogAndApply(log_back).IsInvalidArgument());
}

TEST_CASE("VersionSet tracks obsolete files through Version lifetimes", "[version][version_set]") {
  MemFileSystem fs;
  VersionSet vs(&fs, kDir);
  REQUIRE(vs.Create().ok());
  VersionEdit create;
  create.CreateTree(1, "a", TreeCompactionOptions{});
  create.CreateTree(2, "b", TreeCompactionOptions{});
  REQUIRE(vs.LogAndApply(create).ok());
  REQUIRE(AddL0File(vs, 1, "a", "c", 1).ok());
  REQUIRE(AddL0File(vs, 1, "b", "d", 2).ok());
  REQUIRE(AddL0File(vs, 2, "x", "y", 3).ok());
  const auto live = vs.LiveTableFileNumbers();
  REQUIRE(live.size() == 3);

  auto pinned = vs.current(1);  // a reader still iterating the old files
  VersionEdit compact;
  for (const auto& f : pinned->files(0)) compact.DeleteFile(1, 0, f->number);
  const uint64_t out = vs.NewFileNumber();
  compact.AddFile(1, 1, MakeFile(out, "a", 2, "d", 1, 10));
  REQUIRE(vs.LogAndApply(compact).ok());
  CHECK(vs.TakeObsoleteFiles().tables.empty());
  CHECK(vs.LiveTableFileNumbers().size() == 4);
  pinned.reset();
  auto obsolete = vs.TakeObsoleteFiles().tables;
  REQUIRE(obsolete.size() == 2);
  CHECK(obsolete[0].tree_id == 1);
  CHECK(vs.LiveTableFileNumbers() == std::vector<uint64_t>{live[2], out});

  // A trivial move keeps the file live.
  VersionEdit move;
  move.DeleteFile(1, 1, out);
  move.AddFile(1, 2, MakeFile(out, "a", 2, "d", 1, 10));
  REQUIRE(vs.LogAndApply(move).ok());
  CHECK(vs.TakeObsoleteFiles().tables.empty());

  // Dropping a tree makes its files obsolete once nobody reads them.
  auto reader = vs.current(2);
  VersionEdit drop;
  drop.DropTree(2);
  REQUIRE(vs.LogAndApply(drop).ok());
  CHECK(vs.current(2) == nullptr);
  CHECK(vs.TakeObsoleteFiles().tables.empty());
  reader.reset();
  obsolete = vs.TakeObsoleteFiles().tables;
  REQUIRE(obsolete.size() == 1);
  CHECK(obsolete[0].number == live[2]);
  CHECK(obsolete[0].tree_id == 2);
  CHECK(vs.LiveTableFileNumbers() == std::vector<uint64_t>{out});

  // The id can be reused by a new tree.
  VersionEdit again;
  again.CreateTree(2, "b2", TreeCompactionOptions{});
  REQUIRE(vs.LogAndApply(again).ok());
  CHECK(vs.GetTree(2)->name == "b2");
}

TEST_CASE("VersionSet MinLogNumberToKeep", "[version][version_set]") {
  MemFileSystem fs;
  VersionSet vs(&fs, kDir);
  REQUIRE(vs.Create().ok());
  CHECK(vs.MinLogNumberToKeep() == 0);
  VersionEdit e;
  e.CreateTree(1, "a", TreeCompactionOptions{});
  e.CreateTree(2, "b", TreeCompactionOptions{});
  e.SetTreeLogNumber(1, 7);
  e.SetTreeLogNumber(2, 9);
  REQUIRE(vs.LogAndApply(e).ok());
  CHECK(vs.MinLogNumberToKeep() == 7);
  VersionEdit flush;
  flush.SetTreeLogNumber(1, 12);
  REQUIRE(vs.LogAndApply(flush).ok());
  CHECK(vs.MinLogNumberToKeep() == 9);
  VersionEdit global;
  global.SetLogNumber(10);
  REQUIRE(vs.LogAndApply(global).ok());
  CHECK(vs.MinLogNumberToKeep() == 10);
}

// Builds a small database and returns its manifest path.
std::string MakeDatabase(FileSystem* fs, int edits) {
  VersionSet vs(fs, kDir);
  REQUIRE(vs.Create().ok());
  VersionEdit create;
  create.CreateTree(1, "t", TreeCompactionOptions{});
  REQUIRE(vs.LogAndApply(create).ok());
  for (int i = 0; i < edits; ++i) REQUIRE(AddL0File(vs, 1, "a", "b" + std::to_string(i), 10 + i).ok());
  return kDir + "/" + ManifestFileName(vs.manifest_file_number());
}

TEST_CASE("VersionSet recovery reports damage naming the file", "[version][version_set]") {
  MemFileSystem fs;
  const std::string manifest = MakeDatabase(&fs, 5);
  const std::string contents = ReadAll(&fs, manifest);

  SECTION("torn last record is ignored") {
    fs.SetFileContents(manifest, contents.substr(0, contents.size() - 3));
    VersionSet vs(&fs, kDir);
    REQUIRE(vs.Recover().ok());
    CHECK(vs.current(1)->NumFiles(0) == 4);
  }
  SECTION("damage in the middle is corruption") {
    std::string damaged = contents;
    damaged[60] ^= 0x40;  // inside an early record; intact records follow
    fs.SetFileContents(manifest, damaged);
    VersionSet vs(&fs, kDir);
    Status s = vs.Recover();
    CHECK(s.IsCorruption());
    INFO(s.ToString());
    CHECK(s.message().find(manifest) != std::string::npos);
  }
  SECTION("CURRENT naming nothing") {
    fs.SetFileContents(kDir + "/CURRENT", "garbage\n");
    VersionSet vs(&fs, kDir);
    Status s = vs.Recover();
    CHECK(s.IsCorruption());
    CHECK(s.message().find("CURRENT") != std::string::npos);
  }
  SECTION("CURRENT without newline") {
    fs.SetFileContents(kDir + "/CURRENT", "MANIFEST-000001");
    VersionSet vs(&fs, kDir);
    CHECK(vs.Recover().IsCorruption());
  }
  SECTION("CURRENT naming a missing manifest") {
    fs.SetFileContents(kDir + "/CURRENT", "MANIFEST-000099\n");
    VersionSet vs(&fs, kDir);
    Status s = vs.Recover();
    CHECK(s.IsCorruption());
    CHECK(s.message().find("MANIFEST-000099") != std::string::npos);
  }
  SECTION("empty manifest") {
    fs.SetFileContents(manifest, "");
    VersionSet vs(&fs, kDir);
    CHECK(vs.Recover().IsCorruption());
  }
}

// Writes a manifest by hand, record by record, and points CURRENT at it.
void WriteManifest(FileSystem* fs, const std::vector<std::string>& records) {
  auto file = fs->NewWritableFile(kDir + "/MANIFEST-000007");
  REQUIRE(file.ok());
  wal::LogWriter w(std::move(*file), 7);
  for (const auto& r : records) REQUIRE(w.AddRecord(r).ok());
  REQUIRE(w.Sync().ok());
  REQUIRE(w.Close().ok());
  REQUIRE(WriteFileAtomically(fs, kDir + "/CURRENT", "MANIFEST-000007\n").ok());
}

TEST_CASE("VersionSet recovery rejects semantically broken manifests", "[version][version_set]") {
  MemFileSystem fs;
  VersionEdit counters;
  counters.SetLogNumber(0);
  counters.SetNextFileNumber(20);
  counters.SetLastSequence(5);
  VersionEdit create;
  create.CreateTree(1, "t", TreeCompactionOptions{});

  SECTION("valid hand-written manifest") {
    VersionEdit add;
    add.AddFile(1, 0, MakeFile(25, "a", 1, "b", 1, 1));  // beyond next file number
    WriteManifest(&fs, {counters.Encode(), create.Encode(), add.Encode()});
    VersionSet vs(&fs, kDir);
    REQUIRE(vs.Recover().ok());
    CHECK(vs.next_file_number() == 26);
  }
  SECTION("unknown tag") {
    std::string bad = create.Encode();
    PutVarint32(&bad, 1234);
    PutLengthPrefixedSlice(&bad, "?");
    WriteManifest(&fs, {counters.Encode(), bad});
    VersionSet vs(&fs, kDir);
    Status s = vs.Recover();
    CHECK(s.IsCorruption());
    CHECK(s.message().find("MANIFEST-000007: record 1") != std::string::npos);
    CHECK(s.message().find("unknown field tag 1234") != std::string::npos);
  }
  SECTION("file for an unknown tree") {
    VersionEdit add;
    add.AddFile(2, 0, MakeFile(3, "a", 1, "b", 1, 1));
    WriteManifest(&fs, {counters.Encode(), create.Encode(), add.Encode()});
    VersionSet vs(&fs, kDir);
    Status s = vs.Recover();
    CHECK(s.IsCorruption());
    CHECK(s.message().find("unknown tree 2") != std::string::npos);
  }
  SECTION("missing counters") {
    WriteManifest(&fs, {create.Encode()});
    VersionSet vs(&fs, kDir);
    CHECK(vs.Recover().IsCorruption());
  }
  SECTION("newer format") {
    std::string newer;
    PutVarint32(&newer, kVersionEditFormatVersion + 1);
    WriteManifest(&fs, {counters.Encode(), newer});
    VersionSet vs(&fs, kDir);
    CHECK(vs.Recover().IsNotSupported());
  }
}

TEST_CASE("VersionSet survives write errors and power loss", "[version][version_set]") {
  // For many failure points: run a workload until an injected I/O error, keep
  // going for a few more edits, lose power, recover. The recovered state must
  // be exactly what the acknowledged edits produced (a failed edit may not
  // appear, because a later successful edit starts a new manifest without it).
  int total_failures = 0;
  for (int fail_at = 1; fail_at <= 40; ++fail_at) {
    for (bool fail_sync : {false, true}) {
      INFO("fail_at " << fail_at << " sync " << fail_sync);
      MemFileSystem base;
      FaultInjectionFileSystem fs(&base);
      VersionSetOptions options;
      options.max_manifest_file_size = 600;
      std::string acknowledged;
      {
        VersionSet vs(&fs, kDir, options);
        REQUIRE(vs.Create().ok());
        VersionEdit create;
        create.CreateTree(1, "t", TreeCompactionOptions{});
        REQUIRE(vs.LogAndApply(create).ok());
        acknowledged = StateString(vs);
        if (fail_sync) {
          fs.FailNthSync(static_cast<uint64_t>(fail_at));
        } else {
          fs.FailNthWrite(static_cast<uint64_t>(fail_at));
        }
        int failures = 0;
        for (int i = 0; i < 25; ++i) {
          Status s = AddL0File(vs, 1, "k" + std::to_string(i), "l" + std::to_string(i), 100 + i);
          if (s.ok()) {
            acknowledged = StateString(vs);
          } else {
            ++failures;
            CHECK(StateString(vs) == acknowledged);  // nothing installed
          }
        }
        CHECK(failures <= 1);
        total_failures += failures;
      }
      REQUIRE(fs.DropUnsyncedData().ok());
      VersionSet vs(&fs, kDir, options);
      Status s = vs.Recover();
      REQUIRE(s.ok());
      CHECK(StateString(vs) == acknowledged);
    }
  }
  CHECK(total_failures >= 60);  // the faults really hit LogAndApply
}

TEST_CASE("VersionSet concurrent LogAndApply and readers", "[version][version_set]") {
  MemFileSystem fs;
  VersionSetOptions options;
  options.max_manifest_file_size = 4096;
  std::string final_state;
  {
    VersionSet vs(&fs, kDir, options);
    REQUIRE(vs.Create().ok());
    VersionEdit create;
    for (uint32_t t = 0; t < 4; ++t) create.CreateTree(t, "t" + std::to_string(t), TreeCompactionOptions{});
    REQUIRE(vs.LogAndApply(create).ok());
    std::atomic<bool> done{false};
    std::atomic<int> errors{0};
    std::thread reader([&] {
      while (!done.load()) {
        for (uint32_t t = 0; t < 4; ++t) {
          auto v = vs.current(t);
          if (!v) errors++;
        }
      }
    });
    std::vector<std::thread> writers;
    for (uint32_t t = 0; t < 4; ++t) {
      writers.emplace_back([&, t] {
        for (int i = 0; i < 50; ++i) {
          if (!AddL0File(vs, t, "a" + std::to_string(i), "b" + std::to_string(i), 1 + i).ok()) errors++;
        }
      });
    }
    for (auto& w : writers) w.join();
    done = true;
    reader.join();
    CHECK(errors.load() == 0);
    for (uint32_t t = 0; t < 4; ++t) CHECK(vs.current(t)->NumFiles(0) == 50);
    CHECK(vs.LiveTableFileNumbers().size() == 200);
    final_state = StateString(vs);
  }
  VersionSet vs(&fs, kDir, options);
  REQUIRE(vs.Recover().ok());
  CHECK(StateString(vs) == final_state);
}

}  // namespace
}  // namespace strata::storage
