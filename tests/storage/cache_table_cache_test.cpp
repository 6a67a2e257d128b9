// TableCache: open-file bound (LRU), readers pinned by iterators, eviction,
// errors, sharing with the block cache.
#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "storage/cache/block_cache.h"
#include "storage/cache/table_cache.h"
#include "storage/io/mem_file_system.h"
#include "storage/sstable/table_file_writer.h"
#include "tests/storage/sstable_test_util.h"

namespace strata::storage {
namespace {

using testing::UserKey;

// Delegates to a MemFileSystem and counts RandomAccessFiles alive and opened.
class CountingFileSystem final : public FileSystem {
 public:
  std::atomic<int> live{0};
  std::atomic<int> opened{0};

  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path,
                                                        const FileOptions& o) override {
    return base_.NewWritableFile(path, o);
  }
  Result<std::unique_ptr<SequentialFile>> NewSequentialFile(const std::string& path) override {
    return base_.NewSequentialFile(path);
  }
  Result<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(const std::string& path,
                                                                const FileOptions& o) override {
    auto f = base_.NewRandomAccessFile(path, o);
    if (!f.ok()) return f.status();
    opened.fetch_add(1);
    return std::unique_ptr<RandomAccessFile>(
        std::make_unique<Counted>(std::move(f).value(), &live));
  }
  bool FileExists(const std::string& p) override { return base_.FileExists(p); }
  Result<uint64_t> GetFileSize(const std::string& p) override { return base_.GetFileSize(p); }
  Result<std::vector<std::string>> GetChildren(const std::string& d) override {
    return base_.GetChildren(d);
  }
  Status CreateDirIfMissing(const std::string& d) override { return base_.CreateDirIfMissing(d); }
  Status DeleteFile(const std::string& p) override { return base_.DeleteFile(p); }
  Status RenameFile(const std::string& a, const std::string& b) override {
    return base_.RenameFile(a, b);
  }
  Status LinkFile(const std::string& a, const std::string& b) override {
    return base_.LinkFile(a, b);
  }
  Status SyncDir(const std::string& d) override { return base_.SyncDir(d); }
  Result<std::unique_ptr<FileLock>> LockFile(const std::string& p) override {
    return base_.LockFile(p);
  }

 private:
  class Counted final : public RandomAccessFile {
   public:
    Counted(std::unique_ptr<RandomAccessFile> f, std::atomic<int>* live)
        : f_(std::move(f)), live_(live) {
      live_->fetch_add(1);
    }
    ~Counted() override { live_->fetch_sub(1); }
    Status Read(uint64_t o, size_t n, Slice* r, char* s) const override {
      return f_->Read(o, n, r, s);
    }
    Status MultiRead(std::vector<ReadRequest>* reqs) const override { return f_->MultiRead(reqs); }
    uint64_t Size() const override { return f_->Size(); }

   private:
    std::unique_ptr<RandomAccessFile> f_;
    std::atomic<int>* live_;
  };
  MemFileSystem base_;
};

void WriteTable(FileSystem* fs, uint64_t number, int first_key) {
  auto writer = TableFileWriter::Create(fs, TableFileName("/db", number), TableOptions{});
  REQUIRE(writer.ok());
  for (int i = first_key; i < first_key + 100; ++i) {
    REQUIRE((*writer)
                ->builder()
                ->Add(MakeInternalKey(UserKey(i), number, ValueType::kValue),
                      "file" + std::to_string(number))
                .ok());
  }
  REQUIRE((*writer)->Commit().ok());
}

TEST_CASE("cache: TableFileName formats six digits", "[cache]") {
  CHECK(TableFileName("/db", 12) == "/db/000012.sst");
  CHECK(TableFileName("d", 1234567) == "d/1234567.sst");
}

TEST_CASE("cache: table cache bounds the number of open files", "[cache]") {
  CountingFileSystem fs;
  constexpr int kFiles = 30;
  for (int n = 1; n <= kFiles; ++n) WriteTable(&fs, n, n * 1000);
  BlockCache blocks(1 << 20);
  TableCache cache(&fs, "/db", 8, &blocks);

  for (int round = 0; round < 3; ++round) {
    for (int n = 1; n <= kFiles; ++n) {
      auto r = cache.Get(TableReadOptions{}, n, 0, UserKey(n * 1000 + 5), kMaxSequenceNumber);
      REQUIRE(r.ok());
      REQUIRE(r->kind == TableGetResult::Kind::kValue);
      CHECK(r->value == "file" + std::to_string(n));
      CHECK(fs.live.load() <= 8);
    }
  }
  CHECK(cache.GetStats().entries <= 8);
  CHECK(fs.opened.load() == 3 * kFiles);  // cyclic access defeats LRU: every open misses

  // Repeated access to a small working set stays open.
  const int opened_before = fs.opened.load();
  for (int i = 0; i < 100; ++i) {
    for (int n = 1; n <= 4; ++n) REQUIRE(cache.FindTable(n, 0).ok());
  }
  CHECK(fs.opened.load() - opened_before <= 4);
  const LruCacheStats s = cache.GetStats();
  CHECK(s.hits >= 396);
}

TEST_CASE("cache: iterators keep an evicted reader open", "[cache]") {
  CountingFileSystem fs;
  WriteTable(&fs, 1, 0);
  WriteTable(&fs, 2, 1000);
  TableCache cache(&fs, "/db", 1, nullptr);
  auto it = cache.NewIterator(TableReadOptions{}, 1, 0);
  REQUIRE(it.ok());
  REQUIRE(cache.FindTable(2, 0).ok());  // evicts file 1 from the cache
  CHECK(fs.live.load() == 2);           // file 1 still open for the iterator
  int n = 0;
  for ((*it)->SeekToFirst(); (*it)->Valid(); (*it)->Next()) ++n;
  CHECK(n == 100);
  CHECK((*it)->status().ok());
  it->reset();
  CHECK(fs.live.load() == 1);

  cache.Evict(2);
  CHECK(fs.live.load() == 0);
  CHECK(cache.GetStats().entries == 0);
}

TEST_CASE("cache: table cache reports missing and corrupt files", "[cache]") {
  CountingFileSystem fs;
  TableCache cache(&fs, "/db", 4, nullptr);
  auto missing = cache.FindTable(77, 0);
  REQUIRE(!missing.ok());
  CHECK(!missing.status().IsCorruption());

  auto f = fs.NewWritableFile("/db/000078.sst", {});
  REQUIRE(f.ok());
  REQUIRE((*f)->Append(std::string(500, 'g')).ok());
  REQUIRE((*f)->Close().ok());
  auto corrupt = cache.FindTable(78, 0);
  REQUIRE(!corrupt.ok());
  CHECK(corrupt.status().IsCorruption());
  CHECK(corrupt.status().message().find("/db/000078.sst") != std::string::npos);
  CHECK(cache.GetStats().entries == 0);  // failures are not cached
}

TEST_CASE("cache: concurrent lookups through the table cache", "[cache]") {
  CountingFileSystem fs;
  for (int n = 1; n <= 10; ++n) WriteTable(&fs, n, n * 1000);
  BlockCache blocks(256 << 10);
  TableCache cache(&fs, "/db", 4, &blocks);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        const int n = 1 + (i * 7 + t) % 10;
        auto r =
            cache.Get(TableReadOptions{}, n, 0, UserKey(n * 1000 + i % 100), kMaxSequenceNumber);
        if (!r.ok() || r->kind != TableGetResult::Kind::kValue ||
            r->value != "file" + std::to_string(n)) {
          failures.fetch_add(1);
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failures.load() == 0);
  CHECK(cache.GetStats().entries <= 4);
}

}  // namespace
}  // namespace strata::storage
