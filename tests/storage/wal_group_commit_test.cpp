// GroupCommitWriter: concurrent writers share writes and syncs, every batch is
// logged exactly once with contiguous sequence numbers, per-write sync, sticky
// errors and exclusive sections.
#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "storage/io/fault_injection_file_system.h"
#include "storage/io/mem_file_system.h"
#include "storage/io/posix_file_system.h"
#include "storage/wal/group_commit_writer.h"
#include "storage/write_batch.h"
#include "tests/storage/wal_test_util.h"

namespace strata::storage {
namespace {

using wal::GroupCommitWriter;
using wal::LogWriter;
using wal::WalWriteOptions;

// Collects (sequence, key) of every Put in the log.
class Collector : public WriteBatch::Handler {
 public:
  Status Put(SequenceNumber seq, uint32_t, Slice key, Slice) override {
    puts.emplace_back(seq, std::string(key));
    return Status::OK();
  }
  Status Delete(SequenceNumber, uint32_t, Slice) override { return Status::OK(); }
  Status DeleteRange(SequenceNumber, uint32_t, Slice, Slice) override { return Status::OK(); }
  std::vector<std::pair<SequenceNumber, std::string>> puts;
};

Collector ReplayLog(FileSystem* fs, const std::string& path, size_t* records = nullptr) {
  auto contents = testing::ReadLog(fs, path);
  REQUIRE(contents.status.ok());
  Collector c;
  for (const auto& rec : contents.records) {
    WriteBatch b;
    REQUIRE(b.SetData(rec).ok());
    REQUIRE(b.Iterate(&c).ok());
  }
  if (records != nullptr) *records = contents.records.size();
  return c;
}

std::unique_ptr<LogWriter> NewLog(FileSystem* fs, const std::string& path, uint64_t number) {
  auto file = fs->NewWritableFile(path);
  REQUIRE(file.ok());
  return std::make_unique<LogWriter>(std::move(file).value(), number);
}

TEST_CASE("Group commit: concurrent sync writers share fdatasyncs", "[wal][group_commit]") {
  MemFileSystem mem;
  FaultInjectionFileSystem fs(&mem);
  fs.SetSyncDelay(std::chrono::milliseconds(2));  // a slow disk makes groups form
  auto log = NewLog(&fs, "/wal", 1);

  std::atomic<bool> in_apply{false};
  std::atomic<int> overlaps{0};
  SequenceNumber last_applied = 100;
  bool apply_order_ok = true;
  GroupCommitWriter::Options options;
  options.on_logged = [&](const std::vector<const WriteBatch*>& group) {
    if (in_apply.exchange(true)) ++overlaps;
    for (const WriteBatch* b : group) {
      if (b->Sequence() != last_applied + 1) apply_order_ok = false;
      last_applied = b->Sequence() + b->Count() - 1;
    }
    in_apply = false;
    return Status::OK();
  };
  GroupCommitWriter writer(log.get(), 100, options);

  constexpr int kThreads = 8;
  constexpr int kWritesPerThread = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWritesPerThread; ++i) {
        WriteBatch b;
        // Batches of 1..3 records.
        for (int r = 0; r <= i % 3; ++r) {
          b.Put(1, "t" + std::to_string(t) + "-" + std::to_string(i) + "-" + std::to_string(r),
                "v");
        }
        SequenceNumber before = writer.LastSequence();
        if (!writer.Write(&b, WalWriteOptions{true}).ok()) ++failures;
        // Our batch is visible once Write returns.
        if (writer.LastSequence() < b.Sequence() + b.Count() - 1) ++failures;
        if (b.Sequence() <= before) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failures == 0);
  CHECK(overlaps == 0);
  CHECK(apply_order_ok);

  const int kWrites = kThreads * kWritesPerThread;
  const auto stats = writer.stats();
  CHECK(stats.batches == kWrites);
  CHECK(stats.groups < kWrites);       // some batches shared a log record...
  CHECK(stats.syncs == stats.groups);  // ...and a sync
  // The batch-size histogram accounts for every group, some of more than one.
  uint64_t histogram_groups = 0;
  for (uint64_t n : stats.group_sizes) histogram_groups += n;
  CHECK(histogram_groups == stats.groups);
  CHECK(stats.group_sizes[0] < stats.groups);
  CHECK(fs.sync_count() < static_cast<uint64_t>(kWrites));
  CHECK(fs.sync_count() == stats.syncs);

  // Every record is in the log exactly once; sequences are dense and unique.
  size_t records = 0;
  Collector c = ReplayLog(&fs, "/wal", &records);
  CHECK(records == stats.groups);
  std::set<std::string> keys;
  std::map<std::string, SequenceNumber> seq_of;
  for (size_t i = 0; i < c.puts.size(); ++i) {
    CHECK(c.puts[i].first == 101 + i);
    keys.insert(c.puts[i].second);
    seq_of[c.puts[i].second] = c.puts[i].first;
  }
  size_t expected_records = 0;
  for (int i = 0; i < kWritesPerThread; ++i) expected_records += 1 + i % 3;
  CHECK(keys.size() == kThreads * expected_records);
  CHECK(c.puts.size() == keys.size());
  CHECK(writer.LastSequence() == 100 + c.puts.size());
  CHECK(last_applied == writer.LastSequence());
  // Each thread's writes are logged in the order it issued them.
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 1; i < kWritesPerThread; ++i) {
      std::string prev = "t" + std::to_string(t) + "-" + std::to_string(i - 1) + "-0";
      std::string cur = "t" + std::to_string(t) + "-" + std::to_string(i) + "-0";
      CHECK(seq_of[prev] < seq_of[cur]);
    }
  }
}

TEST_CASE("Group commit: group sizes fall in power-of-two slots", "[wal][group_commit]") {
  CHECK(GroupCommitWriter::GroupSizeSlot(1) == 0);
  CHECK(GroupCommitWriter::GroupSizeSlot(2) == 1);
  CHECK(GroupCommitWriter::GroupSizeSlot(3) == 2);
  CHECK(GroupCommitWriter::GroupSizeSlot(4) == 2);
  CHECK(GroupCommitWriter::GroupSizeSlot(5) == 3);
  CHECK(GroupCommitWriter::GroupSizeSlot(64) == 6);
  CHECK(GroupCommitWriter::GroupSizeSlot(65) == 7);
  CHECK(GroupCommitWriter::GroupSizeSlot(100000) == 7);
}

TEST_CASE("Group commit: sync=false writes never fdatasync", "[wal][group_commit]") {
  MemFileSystem mem;
  FaultInjectionFileSystem fs(&mem);
  auto log = NewLog(&fs, "/wal", 1);
  GroupCommitWriter writer(log.get(), 0);
  for (int i = 0; i < 20; ++i) {
    WriteBatch b;
    b.Put(1, "k" + std::to_string(i), "v");
    REQUIRE(writer.Write(&b, WalWriteOptions{false}).ok());
  }
  CHECK(fs.sync_count() == 0);
  CHECK(writer.stats().syncs == 0);
  CHECK(writer.LastSequence() == 20);
  // Unsynced writes are lost in a crash; a synced one makes everything before it durable.
  WriteBatch b;
  b.Put(1, "synced", "v");
  REQUIRE(writer.Write(&b, WalWriteOptions{true}).ok());
  CHECK(fs.sync_count() == 1);
  WriteBatch lost;
  lost.Put(1, "lost", "v");
  REQUIRE(writer.Write(&lost, WalWriteOptions{false}).ok());
  REQUIRE(fs.SyncDir("/").ok());
  REQUIRE(fs.DropUnsyncedData().ok());
  Collector c = ReplayLog(&fs, "/wal");
  REQUIRE(c.puts.size() == 21);
  CHECK(c.puts.back().second == "synced");
}

TEST_CASE("Group commit: a sync=false write reaches the OS before returning",
          "[wal][group_commit]") {
  PosixFileSystem fs;
  std::string dir = (std::filesystem::temp_directory_path() / "strata_gc_XXXXXX").string();
  REQUIRE(::mkdtemp(dir.data()) != nullptr);
  {
    auto log = NewLog(&fs, dir + "/000001.wal", 1);
    GroupCommitWriter writer(log.get(), 0);
    WriteBatch b;
    b.Put(1, "k", "v");
    REQUIRE(writer.Write(&b, WalWriteOptions{false}).ok());
    // Another reader (as after a process crash) already sees the record.
    Collector c = ReplayLog(&fs, dir + "/000001.wal");
    REQUIRE(c.puts.size() == 1);
    CHECK(c.puts[0].second == "k");
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("Group commit: errors are sticky until a new log is installed", "[wal][group_commit]") {
  MemFileSystem mem;
  FaultInjectionFileSystem fs(&mem);
  auto log1 = NewLog(&fs, "/wal1", 1);
  GroupCommitWriter writer(log1.get(), 0);

  WriteBatch a;
  a.Put(1, "a", "1");
  REQUIRE(writer.Write(&a).ok());
  fs.FailNthSync(1);
  WriteBatch b;
  b.Put(1, "b", "2");
  CHECK(writer.Write(&b).IsIOError());
  CHECK(writer.LastSequence() == 1);  // b is not visible
  WriteBatch c;
  c.Put(1, "c", "3");
  CHECK(writer.Write(&c).IsIOError());  // sticky, although syncs work again
  CHECK_FALSE(writer.error().ok());

  auto log2 = NewLog(&fs, "/wal2", 2);
  REQUIRE(writer
              .RunExclusive([&] {
                writer.SetLogWriter(log2.get());
                return Status::OK();
              })
              .ok());
  WriteBatch d;
  d.Put(1, "d", "4");
  REQUIRE(writer.Write(&d).ok());
  CHECK(d.Sequence() > b.Sequence());  // burned sequence numbers are not reused
  CHECK(writer.LastSequence() == d.Sequence());
  CHECK(writer.error().ok());
}

TEST_CASE("Group commit: on_logged failure fails the group", "[wal][group_commit]") {
  MemFileSystem mem;
  auto log = NewLog(&mem, "/wal", 1);
  GroupCommitWriter::Options options;
  options.on_logged = [](const std::vector<const WriteBatch*>&) {
    return Status::Aborted("apply");
  };
  GroupCommitWriter writer(log.get(), 0, options);
  WriteBatch b;
  b.Put(1, "k", "v");
  CHECK(writer.Write(&b).IsAborted());
  CHECK(writer.LastSequence() == 0);
}

TEST_CASE("Group commit: RunExclusive excludes concurrent writes", "[wal][group_commit]") {
  MemFileSystem mem;
  auto log = NewLog(&mem, "/wal", 1);
  std::atomic<bool> exclusive{false};
  std::atomic<int> violations{0};
  GroupCommitWriter::Options options;
  options.on_logged = [&](const std::vector<const WriteBatch*>&) {
    if (exclusive) ++violations;
    return Status::OK();
  };
  GroupCommitWriter writer(log.get(), 0, options);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        WriteBatch b;
        b.Put(1, "k", "v");
        if (!writer.Write(&b, WalWriteOptions{false}).ok()) ++violations;
      }
    });
  }
  for (int i = 0; i < 20; ++i) {
    REQUIRE(writer
                .RunExclusive([&] {
                  exclusive = true;
                  std::this_thread::sleep_for(std::chrono::microseconds(200));
                  exclusive = false;
                  return Status::OK();
                })
                .ok());
  }
  for (auto& th : threads) th.join();
  CHECK(violations == 0);
  CHECK(writer.LastSequence() == 800);
}

TEST_CASE("Group commit: max_group_bytes bounds the merged record", "[wal][group_commit]") {
  MemFileSystem mem;
  FaultInjectionFileSystem fs(&mem);
  fs.SetSyncDelay(std::chrono::milliseconds(2));
  auto log = NewLog(&fs, "/wal", 1);
  GroupCommitWriter::Options options;
  options.max_group_bytes = 3000;
  GroupCommitWriter writer(log.get(), 0, options);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        WriteBatch b;
        b.Put(1, std::to_string(t * 100 + i), std::string(1000, 'x'));
        (void)writer.Write(&b);
      }
    });
  }
  for (auto& th : threads) th.join();
  auto contents = testing::ReadLog(&fs, "/wal");
  REQUIRE(contents.status.ok());
  for (const auto& rec : contents.records) CHECK(rec.size() <= 3000 + 100);
  CHECK(ReplayLog(&fs, "/wal").puts.size() == 80);
}

}  // namespace
}  // namespace strata::storage
