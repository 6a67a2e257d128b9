// Online backup pieces of the storage engine: the backup label format,
// PinLiveFiles keeping files from deletion, a backup taken between writes
// restoring to exactly the writes before it (full and incremental), the
// WAL commit-time trailer, WAL archiving holding back segment deletion, and
// the target-time parser. Deterministic, on a MemFileSystem.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "storage/backup/backup_label.h"
#include "storage/backup/online_backup.h"
#include "storage/backup/point_in_time.h"
#include "storage/backup/restore_backup.h"
#include "storage/engine.h"
#include "storage/io/mem_file_system.h"
#include "storage/write_batch.h"
#include "tests/storage/engine_functional_test_util.h"

namespace strata::storage {
namespace {

using testing::GetString;
using testing::Key;
using testing::OpenOrDie;
using testing::SmallOptions;
using testing::Value;

std::vector<std::string> Children(FileSystem* fs, const std::string& dir, const std::string& ext) {
  std::vector<std::string> out;
  auto names = fs->GetChildren(dir);
  REQUIRE(names.ok());
  for (const std::string& n : *names) {
    if (n.size() > ext.size() && n.compare(n.size() - ext.size(), ext.size(), ext) == 0) {
      out.push_back(n);
    }
  }
  return out;
}

TEST_CASE("BackupLabel: round trip, and damage is Corruption", "[backup]") {
  BackupLabel label;
  label.last_sequence = 1234;
  label.backup_time_us = 1795314272913107;
  label.manifest_name = "MANIFEST-000001";
  label.parent = "/backups/with space";
  label.files.push_back({"000005.sst", 18104, 0x76d955c6384fb591ull, "/backups/with space"});
  label.files.push_back({"CURRENT", 16, 42, "."});
  const std::string text = label.Encode();
  auto back = BackupLabel::Decode(text);
  REQUIRE(back.ok());
  CHECK(back->last_sequence == 1234);
  CHECK(back->backup_time_us == label.backup_time_us);
  CHECK(back->parent == label.parent);
  REQUIRE(back->files.size() == 2);
  CHECK(back->files[0].location == "/backups/with space");
  CHECK(back->files[0].checksum == 0x76d955c6384fb591ull);
  CHECK(FormatBackupTime(label.backup_time_us) == "2026-11-22 02:24:32.913107+00");

  std::string flipped = text;
  flipped[text.find("1234")] = '2';
  CHECK(BackupLabel::Decode(flipped).status().IsCorruption());
  CHECK(BackupLabel::Decode(text.substr(0, text.size() / 2)).status().IsCorruption());
}

TEST_CASE("WriteBatch: the commit-time trailer is read, and old batches still are",
          "[backup][write_batch]") {
  struct Collect : WriteBatch::Handler {
    Status Put(SequenceNumber, uint32_t, Slice, Slice) override { ++puts; return Status::OK(); }
    Status Delete(SequenceNumber, uint32_t, Slice) override { return Status::OK(); }
    Status DeleteRange(SequenceNumber, uint32_t, Slice, Slice) override { return Status::OK(); }
    Status CommitTime(int64_t us) override { time = us; return Status::OK(); }
    int puts = 0;
    int64_t time = 0;
  };
  WriteBatch b;
  b.Put(1, "k", "v");
  b.Put(2, "k2", "v2");
  std::string with_time(b.Data().data(), b.Data().size());
  WriteBatch::AppendCommitTime(&with_time, 1700000000123456);
  WriteBatch decoded;
  REQUIRE(decoded.SetData(with_time).ok());
  Collect c;
  REQUIRE(decoded.Iterate(&c).ok());
  CHECK(c.puts == 2);
  CHECK(c.time == 1700000000123456);

  Collect old;
  REQUIRE(b.Iterate(&old).ok());
  CHECK(old.time == 0);

  std::string garbage(b.Data().data(), b.Data().size());
  garbage += "xyz";
  WriteBatch bad;
  REQUIRE(bad.SetData(garbage).ok());
  Collect ignored;
  CHECK(bad.Iterate(&ignored).IsCorruption());
}

TEST_CASE("Engine: PinLiveFiles keeps compacted-away files until UnpinFiles", "[backup]") {
  MemFileSystem fs;
  auto e = OpenOrDie("/db", SmallOptions(&fs));
  auto t = e->CreateTree("t");
  REQUIRE(t.ok());
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 50; ++i) REQUIRE(e->Put({}, *t, Key(i), Value(i + round)).ok());
    REQUIRE(e->Flush().ok());
  }
  auto live = e->PinLiveFiles();
  REQUIRE(live.ok());
  std::vector<std::string> pinned_tables;
  for (const auto& f : live->files) {
    if (f.name.find(".sst") != std::string::npos) pinned_tables.push_back(f.name);
  }
  REQUIRE(pinned_tables.size() >= 3);
  CHECK(live->last_sequence == e->LatestSequence());
  REQUIRE(e->CompactRange(*t).ok());
  for (const auto& name : pinned_tables) CHECK(fs.FileExists("/db/" + name));
  e->UnpinFiles();
  bool some_gone = false;
  for (const auto& name : pinned_tables) some_gone = some_gone || !fs.FileExists("/db/" + name);
  CHECK(some_gone);
}

TEST_CASE("Online backup: restores to exactly the writes before it, full and incremental",
          "[backup]") {
  MemFileSystem fs;
  EngineOptions options = SmallOptions(&fs);
  auto e = OpenOrDie("/db", options);
  auto t = e->CreateTree("t");
  auto big = e->CreateTree("big");
  REQUIRE(t.ok());
  REQUIRE(big.ok());
  for (int i = 0; i < 200; ++i) REQUIRE(e->Put({}, *big, Key(i), Value(i)).ok());
  REQUIRE(e->Flush().ok());
  for (int i = 0; i < 30; ++i) REQUIRE(e->Put({}, *t, Key(i), "one").ok());  // in the WAL only

  OnlineBackupOptions full;
  full.fs = &fs;
  full.backup_dir = "/backup/full";
  auto summary = RunOnlineBackup(e.get(), full);
  INFO(summary.ToStatus().ToString());
  REQUIRE(summary.ok());
  CHECK(summary->last_sequence == e->LatestSequence());
  REQUIRE(e->Put({}, *t, Key(0), "after").ok());  // not in the backup

  // More writes and a compaction of t only, then an incremental backup.
  for (int i = 30; i < 60; ++i) REQUIRE(e->Put({}, *t, Key(i), "two").ok());
  REQUIRE(e->CompactRange(*t).ok());
  OnlineBackupOptions incr = full;
  incr.backup_dir = "/backup/incr";
  incr.incremental_from = "/backup/full";
  auto incr_summary = RunOnlineBackup(e.get(), incr);
  REQUIRE(incr_summary.ok());
  CHECK(incr_summary->files_referenced >= 1);  // big's tables
  REQUIRE(e->Close().ok());

  std::vector<std::string> errors;
  auto label = VerifyBackupFiles(&fs, "/backup/full", &errors);
  REQUIRE(label.ok());
  CHECK(errors.empty());
  REQUIRE(LayOutBackup(&fs, "/backup/full", *label, "/restored").ok());
  {
    auto r = OpenOrDie("/restored", SmallOptions(&fs));
    auto rt = r->FindTree("t");
    auto rbig = r->FindTree("big");
    REQUIRE(rt.ok());
    REQUIRE(rbig.ok());
    CHECK(GetString(r.get(), *rt, Key(0)) == "one");
    CHECK(GetString(r.get(), *rt, Key(29)) == "one");
    CHECK(GetString(r.get(), *rt, Key(30)) == "<notfound>");
    CHECK(GetString(r.get(), *rbig, Key(199)) == Value(199));
  }
  errors.clear();
  auto incr_label = VerifyBackupFiles(&fs, "/backup/incr", &errors);
  REQUIRE(incr_label.ok());
  CHECK(errors.empty());
  REQUIRE(LayOutBackup(&fs, "/backup/incr", *incr_label, "/restored2").ok());
  {
    auto r = OpenOrDie("/restored2", SmallOptions(&fs));
    auto rt = r->FindTree("t");
    auto rbig = r->FindTree("big");
    REQUIRE(rt.ok());
    CHECK(GetString(r.get(), *rt, Key(0)) == "after");
    CHECK(GetString(r.get(), *rt, Key(59)) == "two");
    CHECK(GetString(r.get(), *rbig, Key(0)) == Value(0));
  }

  // A damaged copy is reported by name.
  const std::string wal = "/backup/full/" + Children(&fs, "/backup/full", ".wal").back();
  auto data = ReadFileToString(&fs, wal);
  REQUIRE(data.ok());
  REQUIRE(!data->empty());
  std::string damaged = *data;
  damaged[damaged.size() / 2] ^= 0x40;
  REQUIRE(WriteFileAtomically(&fs, wal, damaged).ok());
  errors.clear();
  REQUIRE(VerifyBackupFiles(&fs, "/backup/full", &errors).ok());
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].find(wal) != std::string::npos);
  CHECK(LayOutBackup(&fs, "/backup/full", *label, "/restored").IsInvalidArgument());  // not empty
}

TEST_CASE("WAL archiving: a segment is deleted only after archive_wal succeeded", "[backup]") {
  MemFileSystem fs;
  EngineOptions options = SmallOptions(&fs);
  options.archive_retry_millis = 10;
  std::mutex mu;
  bool allow = false;
  std::vector<std::string> archived;
  options.archive_wal = [&](const std::string& path, const std::string& name) -> Status {
    std::lock_guard<std::mutex> l(mu);
    if (!allow) return Status::IOError("not yet");
    auto data = ReadFileToString(&fs, path);
    if (!data.ok()) return data.status();
    archived.push_back(name);
    return WriteFileAtomically(&fs, "/archive/" + name, *data);
  };
  REQUIRE(fs.CreateDirIfMissing("/archive").ok());
  auto e = OpenOrDie("/db", options);
  REQUIRE(e->Put({}, kDefaultTree, "a", "1").ok());
  REQUIRE(e->Flush().ok());  // retires the segment holding "a"
  REQUIRE(e->Put({}, kDefaultTree, "b", "2").ok());
  REQUIRE(e->Flush().ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(Children(&fs, "/db", ".wal").size() >= 3);  // both retired segments kept
  {
    std::lock_guard<std::mutex> l(mu);
    allow = true;
  }
  for (int i = 0; i < 200 && Children(&fs, "/db", ".wal").size() > 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(Children(&fs, "/db", ".wal").size() == 1);
  {
    std::lock_guard<std::mutex> l(mu);
    CHECK(archived.size() >= 2);
    CHECK(std::is_sorted(archived.begin(), archived.end()));
  }
  REQUIRE(e->Close().ok());
}

TEST_CASE("Point-in-time restore replays tree creations, drops and ingestions", "[backup]") {
  MemFileSystem fs;
  EngineOptions options = SmallOptions(&fs);
  options.archive_retry_millis = 10;
  options.archive_wal = [&](const std::string& path, const std::string& name) -> Status {
    auto data = ReadFileToString(&fs, path);
    if (!data.ok()) return data.status();
    return WriteFileAtomically(&fs, "/archive/" + name, *data);
  };
  REQUIRE(fs.CreateDirIfMissing("/archive").ok());
  auto e = OpenOrDie("/db", options);
  auto old_tree = e->CreateTree("old");
  auto doomed = e->CreateTree("doomed");
  REQUIRE(old_tree.ok());
  REQUIRE(doomed.ok());
  REQUIRE(e->Put({}, *old_tree, "a", "1").ok());
  REQUIRE(e->Put({}, *doomed, "d", "1").ok());

  OnlineBackupOptions backup;
  backup.fs = &fs;
  backup.backup_dir = "/backup";
  REQUIRE(RunOnlineBackup(e.get(), backup).ok());

  // After the backup: a new tree with puts, a new tree filled by an
  // ingestion (logged, since archiving is on), a drop, a write after it.
  auto fresh = e->CreateTree("fresh");
  REQUIRE(fresh.ok());
  REQUIRE(e->Put({}, *fresh, "f1", "x").ok());
  auto bulk = e->CreateTree("bulk");
  REQUIRE(bulk.ok());
  std::vector<std::pair<std::string, std::string>> rows;
  for (int i = 0; i < 100; ++i) rows.emplace_back(Key(i), Value(i));
  REQUIRE(e->IngestSortedRows(*bulk, rows).ok());
  REQUIRE(e->Put({}, *bulk, Key(5), "overwritten after the ingestion").ok());
  REQUIRE(e->DropTree(*doomed).ok());
  REQUIRE(e->Put({}, *old_tree, "a", "2").ok());
  REQUIRE(e->Flush().ok());  // retires the segment: archived
  for (int i = 0; i < 300 && Children(&fs, "/db", ".wal").size() > 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE(Children(&fs, "/db", ".wal").size() == 1);
  REQUIRE(e->Close().ok());

  std::vector<std::string> errors;
  auto label = VerifyBackupFiles(&fs, "/backup", &errors);
  REQUIRE(label.ok());
  REQUIRE(LayOutBackup(&fs, "/backup", *label, "/restored").ok());
  auto pitr = ApplyArchivedWal(&fs, *label, "/restored", "/archive", kNoTargetTime);
  INFO(pitr.ToStatus().ToString());
  REQUIRE(pitr.ok());
  CHECK(pitr->segments_replaced >= 1);
  auto r = OpenOrDie("/restored", SmallOptions(&fs));
  auto rf = r->FindTree("fresh");
  auto rb = r->FindTree("bulk");
  REQUIRE(rf.ok());
  REQUIRE(rb.ok());
  CHECK(*rf == *fresh);  // the logged ids: the catalog refers to them
  CHECK(*rb == *bulk);
  CHECK(GetString(r.get(), *rf, "f1") == "x");
  CHECK(GetString(r.get(), *rb, Key(0)) == Value(0));
  CHECK(GetString(r.get(), *rb, Key(5)) == "overwritten after the ingestion");
  CHECK(GetString(r.get(), *rb, Key(99)) == Value(99));
  CHECK(r->FindTree("doomed").status().IsNotFound());
  CHECK(GetString(r.get(), *old_tree, "a") == "2");
  // New trees get ids never used before.
  auto later = r->CreateTree("later");
  REQUIRE(later.ok());
  CHECK(*later > *bulk);
}

TEST_CASE("Point-in-time restore refuses a change the WAL does not hold", "[backup]") {
  MemFileSystem fs;
  EngineOptions options = SmallOptions(&fs);
  options.archive_retry_millis = 10;
  options.archive_wal = [&](const std::string& path, const std::string& name) -> Status {
    auto data = ReadFileToString(&fs, path);
    if (!data.ok()) return data.status();
    return WriteFileAtomically(&fs, "/archive/" + name, *data);
  };
  REQUIRE(fs.CreateDirIfMissing("/archive").ok());
  auto e = OpenOrDie("/db", options);
  auto t = e->CreateTree("t");
  REQUIRE(t.ok());
  OnlineBackupOptions backup;
  backup.fs = &fs;
  backup.backup_dir = "/backup";
  REQUIRE(RunOnlineBackup(e.get(), backup).ok());
  // A spilled transaction's commit: made durable in the manifest only.
  REQUIRE(e->IngestRowStream({IngestTreeRange{*t, "a", "z"}},
                             [&](const IngestEmit& emit) {
                               Slice v("v");
                               return emit(*t, "k", &v);
                             })
              .ok());
  REQUIRE(e->Put({}, *t, "later", "1").ok());
  REQUIRE(e->Flush().ok());
  for (int i = 0; i < 300 && Children(&fs, "/db", ".wal").size() > 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE(e->Close().ok());
  std::vector<std::string> errors;
  auto label = VerifyBackupFiles(&fs, "/backup", &errors);
  REQUIRE(label.ok());
  REQUIRE(LayOutBackup(&fs, "/backup", *label, "/restored").ok());
  auto pitr = ApplyArchivedWal(&fs, *label, "/restored", "/archive", kNoTargetTime);
  CHECK(pitr.status().IsNotSupported());
  CHECK(pitr.status().message().find("lacks the changes") != std::string::npos);
}

TEST_CASE("ParseTargetTime: PostgreSQL-style timestamps with zones", "[backup]") {
  auto t = ParseTargetTime("2026-11-22 02:24:32.913107+00");
  REQUIRE(t.ok());
  CHECK(*t == 1795314272913107);
  CHECK(ParseTargetTime("2026-11-22 02:24:32.913107").value() == 1795314272913107);
  CHECK(ParseTargetTime("2026-11-22 04:24:32.913107+02:00").value() == 1795314272913107);
  CHECK(ParseTargetTime("2026-11-22 02:24:32").value() == 1795314272000000);
  CHECK(ParseTargetTime("2026-11-22 02:24:32.5 UTC").value() == 1795314272500000);
  CHECK(ParseTargetTime("yesterday").status().IsInvalidArgument());
  CHECK(ParseTargetTime("2026-11-22 02:24:32 PST").status().IsInvalidArgument());
}

}  // namespace
}  // namespace strata::storage
