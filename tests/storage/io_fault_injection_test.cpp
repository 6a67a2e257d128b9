// FaultInjectionFileSystem: injected write/sync errors, ENOSPC, and the
// power-loss model of DropUnsyncedData over both Mem and Posix bases.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "storage/io/fault_injection_file_system.h"
#include "storage/io/mem_file_system.h"
#include "storage/io/posix_file_system.h"
#include "tests/storage/io_conformance.h"

namespace strata::storage {
namespace {

std::string Read(FileSystem* fs, const std::string& path) {
  auto r = ReadFileToString(fs, path);
  REQUIRE(r.ok());
  return std::move(r).value();
}

TEST_CASE("FaultInjectionFileSystem passes through when no fault is armed", "[io][fault]") {
  MemFileSystem mem;
  FaultInjectionFileSystem fs(&mem);
  REQUIRE(fs.CreateDirIfMissing("/db").ok());
  testing::RunFileSystemConformance(&fs, "/db");
  CHECK(fs.write_count() > 0);
  CHECK(fs.sync_count() > 0);
}

TEST_CASE("FailNthWrite fails exactly the nth append, once", "[io][fault]") {
  MemFileSystem mem;
  FaultInjectionFileSystem fs(&mem);
  auto f = fs.NewWritableFile("/f");
  REQUIRE(f.ok());
  fs.FailNthWrite(3);
  CHECK((*f)->Append("a").ok());
  CHECK((*f)->Append("b").ok());
  Status s = (*f)->Append("c");
  CHECK(s.IsIOError());
  CHECK((*f)->Append("d").ok());
  CHECK(Read(&fs, "/f") == "abd");
  CHECK(fs.write_count() == 4);

  fs.FailNthWrite(1, Status::Aborted("custom"));
  CHECK((*f)->Append("e").IsAborted());
}

TEST_CASE("FailNthSync fails the sync and leaves the data unsynced", "[io][fault]") {
  MemFileSystem mem;
  FaultInjectionFileSystem fs(&mem);
  auto f = fs.NewWritableFile("/f");
  REQUIRE(f.ok());
  REQUIRE((*f)->Append("durable").ok());
  REQUIRE((*f)->Sync().ok());
  REQUIRE((*f)->Append("+lost").ok());
  fs.FailNthSync(1);
  CHECK((*f)->Sync().IsIOError());
  CHECK(fs.SyncedSize("/f") == 7u);
  REQUIRE(fs.SyncDir("/").ok());
  REQUIRE(fs.DropUnsyncedData().ok());
  CHECK(Read(&fs, "/f") == "durable");
}

TEST_CASE("SetSpaceLimit simulates ENOSPC with a short write", "[io][fault]") {
  MemFileSystem mem;
  FaultInjectionFileSystem fs(&mem);
  auto f = fs.NewWritableFile("/f");
  REQUIRE(f.ok());
  fs.SetSpaceLimit(10);
  CHECK((*f)->Append("12345").ok());
  Status s = (*f)->Append("6789abcdef");
  CHECK(s.IsNoSpace());
  CHECK((*f)->Append("x").IsNoSpace());
  CHECK(Read(&fs, "/f") == "123456789a");
  fs.SetSpaceLimit(std::nullopt);
  CHECK((*f)->Append("x").ok());
}

// The power-loss model, run against both bases.
void CheckDropUnsyncedData(FileSystem* base, const std::string& dir) {
  FaultInjectionFileSystem fs(base);
  const std::string a = dir + "/a";
  const std::string b = dir + "/b";
  const std::string durable_name = dir + "/durable";
  const std::string current = dir + "/CURRENT";

  // A file created and dir-synced before the test: survives as is.
  testing::WriteWholeFile(&fs, durable_name, "old");
  REQUIRE(WriteFileAtomically(&fs, current, "MANIFEST-1").ok());
  REQUIRE(fs.SyncDir(dir).ok());

  // a: 10 synced bytes, then 7 more unsynced (still open at the crash).
  auto fa = fs.NewWritableFile(a);
  REQUIRE(fa.ok());
  REQUIRE((*fa)->Append("0123456789").ok());
  REQUIRE((*fa)->Sync().ok());
  REQUIRE(fs.SyncDir(dir).ok());  // a's name is durable
  REQUIRE((*fa)->Append("unsynce").ok());
  REQUIRE((*fa)->Flush().ok());
  CHECK(fs.SyncedSize(a) == 10u);

  // b: synced data but its directory entry never synced -> vanishes.
  testing::WriteWholeFile(&fs, b, "bbbb");

  // CURRENT replaced by rename without a directory sync -> old contents.
  {
    auto tmp = fs.NewWritableFile(current + ".tmp");
    REQUIRE(tmp.ok());
    REQUIRE((*tmp)->Append("MANIFEST-2").ok());
    REQUIRE((*tmp)->Sync().ok());
    REQUIRE((*tmp)->Close().ok());
    REQUIRE(fs.RenameFile(current + ".tmp", current).ok());
  }
  CHECK(Read(&fs, current) == "MANIFEST-2");

  // A delete without a directory sync -> the file comes back.
  REQUIRE(fs.DeleteFile(durable_name).ok());
  CHECK_FALSE(fs.FileExists(durable_name));

  REQUIRE(fs.DropUnsyncedData().ok());

  CHECK(Read(&fs, a) == "0123456789");  // exactly the unsynced 7 bytes lost
  CHECK_FALSE(fs.FileExists(b));
  CHECK(Read(&fs, current) == "MANIFEST-1");
  CHECK_FALSE(fs.FileExists(current + ".tmp"));
  CHECK(Read(&fs, durable_name) == "old");

  // The writer that was open at the crash is dead.
  CHECK((*fa)->Append("x").IsIOError());
  CHECK((*fa)->Sync().IsIOError());
  CHECK(Read(&fs, a) == "0123456789");

  // After the "reboot" the file system works, and synced renames stick.
  REQUIRE(WriteFileAtomically(&fs, current, "MANIFEST-3").ok());
  REQUIRE(fs.DropUnsyncedData().ok());
  CHECK(Read(&fs, current) == "MANIFEST-3");
}

TEST_CASE("DropUnsyncedData over MemFileSystem", "[io][fault]") {
  MemFileSystem mem;
  REQUIRE(mem.CreateDirIfMissing("/db").ok());
  CheckDropUnsyncedData(&mem, "/db");
}

TEST_CASE("DropUnsyncedData over PosixFileSystem", "[io][fault]") {
  PosixFileSystem posix;
  std::string tmpl = (std::filesystem::temp_directory_path() / "strata_fault_XXXXXX").string();
  REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
  CheckDropUnsyncedData(&posix, tmpl);
  std::filesystem::remove_all(tmpl);
}

TEST_CASE("DropUnsyncedData loses exactly the unsynced suffix at every size", "[io][fault]") {
  MemFileSystem mem;
  FaultInjectionFileSystem fs(&mem);
  std::string data = testing::PatternBytes(5000, 3);
  for (size_t synced : {size_t{0}, size_t{1}, size_t{777}, size_t{4096}, size_t{5000}}) {
    auto f = fs.NewWritableFile("/f");
    REQUIRE(f.ok());
    REQUIRE((*f)->Append(Slice(data).substr(0, synced)).ok());
    REQUIRE((*f)->Sync().ok());
    REQUIRE((*f)->Append(Slice(data).substr(synced)).ok());
    REQUIRE(fs.SyncDir("/").ok());
    REQUIRE(fs.DropUnsyncedData().ok());
    CHECK(Read(&fs, "/f") == data.substr(0, synced));
  }
}

TEST_CASE("SyncDelay slows syncs and counters count them", "[io][fault]") {
  MemFileSystem mem;
  FaultInjectionFileSystem fs(&mem);
  fs.SetSyncDelay(std::chrono::milliseconds(20));
  auto f = fs.NewWritableFile("/f");
  REQUIRE(f.ok());
  auto start = std::chrono::steady_clock::now();
  REQUIRE((*f)->Sync().ok());
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(20));
  REQUIRE(fs.SyncDir("/").ok());
  CHECK(fs.sync_count() == 1);
  CHECK(fs.dir_sync_count() == 1);
}

}  // namespace
}  // namespace strata::storage
