// PosixFileSystem: conformance with and without io_uring and O_DIRECT, locks
// across processes, errno mapping.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "storage/io/io_uring_reader.h"
#include "storage/io/posix_file_system.h"
#include "tests/storage/io_conformance.h"

namespace strata::storage {
namespace {

// A fresh directory under $TMPDIR, removed with its contents at scope exit.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "strata_io_XXXXXX").string();
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

TEST_CASE("PosixFileSystem conformance, pread and io_uring", "[io][posix]") {
  const bool uring = GENERATE(false, true);
  PosixFileSystemOptions opts;
  opts.use_io_uring = uring;
  opts.writable_buffer_size = 4096;  // small, so appends straddle the buffer
  PosixFileSystem fs(opts);
  CHECK(fs.io_uring_enabled() == (uring && IoUringReader::Available()));
  TempDir dir;
  testing::RunFileSystemConformance(&fs, dir.path());
  if (fs.io_uring_enabled()) {
    CHECK(fs.stats().io_uring_reads.load() > 0);
    CHECK(fs.stats().pread_reads.load() == 0);
  } else {
    CHECK(fs.stats().io_uring_reads.load() == 0);
    CHECK(fs.stats().pread_reads.load() > 0);
  }
}

TEST_CASE("io_uring is probed at runtime and reported", "[io][posix]") {
  // Not an assertion about the machine: only that the probe is stable and the
  // file system agrees with it.
  bool first = IoUringReader::Available();
  CHECK(IoUringReader::Available() == first);
  PosixFileSystem fs;
  CHECK(fs.io_uring_enabled() == first);
  WARN("io_uring available: " << (first ? "yes" : "no"));
}

TEST_CASE("PosixFileSystem O_DIRECT writes and reads unaligned data", "[io][posix]") {
  const bool uring = GENERATE(false, true);
  PosixFileSystemOptions opts;
  opts.use_io_uring = uring;
  opts.writable_buffer_size = 3 * 4096;
  PosixFileSystem fs(opts);
  TempDir dir;
  const std::string path = dir.path() + "/direct";
  FileOptions direct;
  direct.use_direct_io = true;

  std::string expected;
  {
    auto f = fs.NewWritableFile(path, direct);
    REQUIRE(f.ok());
    for (int i = 0; i < 50; ++i) {
      std::string piece = testing::PatternBytes(1 + (i * 977) % 9000, i);
      REQUIRE((*f)->Append(piece).ok());
      expected += piece;
      if (i % 7 == 0) {
        // A sync in the middle of a block: the padded block is rewritten later.
        REQUIRE((*f)->Sync().ok());
        CHECK(fs.GetFileSize(path).value() == expected.size());
      }
    }
    REQUIRE((*f)->Close().ok());
  }
  CHECK(fs.GetFileSize(path).value() == expected.size());
  CHECK(ReadFileToString(&fs, path).value() == expected);
  // ext4/xfs/tmpfs accept O_DIRECT; either way the counters must account for it.
  CHECK(fs.stats().direct_io_opens.load() + fs.stats().direct_io_fallbacks.load() == 1);

  auto raf = fs.NewRandomAccessFile(path, direct);
  REQUIRE(raf.ok());
  std::string scratch(20000, '\0');
  for (uint64_t off : {uint64_t{0}, uint64_t{1}, uint64_t{4095}, uint64_t{4097}, uint64_t{123457},
                       uint64_t{expected.size() - 3}}) {
    Slice got;
    REQUIRE((*raf)->Read(off, 20000, &got, scratch.data()).ok());
    CHECK(got == Slice(expected).substr(off, 20000));
  }
  std::vector<std::string> bufs(10, std::string(6000, '\0'));
  std::vector<ReadRequest> reqs(10);
  for (size_t i = 0; i < reqs.size(); ++i) {
    reqs[i].offset = i * 20011;
    reqs[i].length = 6000 - i;
    reqs[i].scratch = bufs[i].data();
  }
  REQUIRE((*raf)->MultiRead(&reqs).ok());
  for (const auto& r : reqs) CHECK(r.result == Slice(expected).substr(r.offset, r.length));
}

TEST_CASE("PosixFileSystem MultiRead batches larger than the ring", "[io][posix]") {
  PosixFileSystem fs;
  TempDir dir;
  const std::string path = dir.path() + "/big";
  std::string data = testing::PatternBytes(1 << 20, 7);
  testing::WriteWholeFile(&fs, path, data);
  auto raf = fs.NewRandomAccessFile(path);
  REQUIRE(raf.ok());
  // Several threads at once (each borrows its own ring), each a batch of 3 * depth reads.
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&, t] {
      const size_t n = 3 * IoUringReader::kQueueDepth + 5;
      std::vector<std::string> bufs(n, std::string(512, '\0'));
      std::vector<ReadRequest> reqs(n);
      for (size_t i = 0; i < n; ++i) {
        reqs[i].offset = (i * 4099 + t * 17) % data.size();
        reqs[i].length = 512;
        reqs[i].scratch = bufs[i].data();
      }
      if (!(*raf)->MultiRead(&reqs).ok()) ++mismatches;
      for (const auto& r : reqs) {
        if (r.result != Slice(data).substr(r.offset, 512)) ++mismatches;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(mismatches.load() == 0);
}

TEST_CASE("PosixFileSystem maps errno to Status codes", "[io][posix]") {
  PosixFileSystem fs;
  TempDir dir;
  auto missing_dir = fs.NewWritableFile(dir.path() + "/no/such/dir/file");
  CHECK(missing_dir.status().IsNotFound());
  auto is_dir = fs.NewWritableFile(dir.path());
  CHECK(is_dir.status().IsIOError());
  CHECK(fs.GetChildren(dir.path() + "/nope").status().IsNotFound());
  CHECK(fs.RenameFile(dir.path() + "/x", dir.path() + "/y").IsNotFound());
  CHECK(fs.SyncDir(dir.path()).ok());
  REQUIRE(fs.CreateDirIfMissing(dir.path() + "/d").ok());
  testing::WriteWholeFile(&fs, dir.path() + "/f", "x");
  CHECK_FALSE(fs.CreateDirIfMissing(dir.path() + "/f").ok());
}

TEST_CASE("PosixFileSystem LockFile excludes other processes", "[io][posix]") {
  PosixFileSystem fs;
  TempDir dir;
  const std::string path = dir.path() + "/LOCK";
  auto lock = fs.LockFile(path);
  REQUIRE(lock.ok());
  CHECK(fs.LockFile(path).status().IsBusy());

  // Exit code of a child process that tries a raw flock (the child's copy of
  // our in-process lock table would answer for us otherwise):
  // 0 = got the lock, 1 = EWOULDBLOCK, 2 = open failed, 3 = other error.
  auto child_lock_result = [&path]() {
    pid_t pid = ::fork();
    if (pid == 0) {
      int fd = ::open(path.c_str(), O_RDWR);
      if (fd < 0) ::_exit(2);
      if (::flock(fd, LOCK_EX | LOCK_NB) == 0) ::_exit(0);
      ::_exit(errno == EWOULDBLOCK ? 1 : 3);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  CHECK(child_lock_result() == 1);
  lock.value().reset();  // releases the lock
  CHECK(child_lock_result() == 0);
  CHECK(fs.LockFile(path).ok());
}

TEST_CASE("DefaultFileSystem is one process-wide PosixFileSystem", "[io][posix]") {
  FileSystem* a = DefaultFileSystem();
  CHECK(a == DefaultFileSystem());
  CHECK(dynamic_cast<PosixFileSystem*>(a) != nullptr);
}

}  // namespace
}  // namespace strata::storage
