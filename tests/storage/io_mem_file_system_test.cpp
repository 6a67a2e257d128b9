// MemFileSystem: the shared conformance suite plus in-memory specifics.
#include <catch2/catch.hpp>
#include <thread>

#include "storage/io/mem_file_system.h"
#include "storage/io/path.h"
#include "tests/storage/io_conformance.h"

namespace strata::storage {
namespace {

TEST_CASE("MemFileSystem passes the FileSystem conformance suite", "[io][mem]") {
  MemFileSystem fs;
  REQUIRE(fs.CreateDirIfMissing("/db").ok());
  testing::RunFileSystemConformance(&fs, "/db");
}

TEST_CASE("MemFileSystem keeps unlinked files readable through open handles", "[io][mem]") {
  MemFileSystem fs;
  testing::WriteWholeFile(&fs, "/d/f", "hello");
  auto reader = fs.NewRandomAccessFile("/d/f");
  REQUIRE(reader.ok());
  REQUIRE(fs.DeleteFile("/d/f").ok());
  char buf[8];
  Slice got;
  REQUIRE((*reader)->Read(0, 8, &got, buf).ok());
  CHECK(got == "hello");
  CHECK(fs.GetChildren("/d").status().IsNotFound());
}

TEST_CASE("MemFileSystem normalizes paths and lists implicit directories", "[io][mem]") {
  MemFileSystem fs;
  testing::WriteWholeFile(&fs, "/db//sub/f1", "1");
  CHECK(fs.FileExists("/db/sub/f1"));
  auto top = fs.GetChildren("/db/");
  REQUIRE(top.ok());
  CHECK(*top == std::vector<std::string>{"sub"});
  CHECK(fs.TotalFileBytes() == 1);
  fs.SetFileContents("/db/sub/f1", "abc");
  CHECK(ReadFileToString(&fs, "/db/sub/f1").value() == "abc");
}

TEST_CASE("MemFileSystem tolerates concurrent writers and readers", "[io][mem]") {
  MemFileSystem fs;
  constexpr int kThreads = 4;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&fs, t] {
      std::string path = "/c/f" + std::to_string(t);
      auto f = fs.NewWritableFile(path);
      if (!f.ok()) return;
      for (int i = 0; i < 200; ++i) (void)(*f)->Append("0123456789");
      (void)(*f)->Close();
      (void)fs.GetChildren("/c");
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) {
    CHECK(fs.GetFileSize("/c/f" + std::to_string(t)).value() == 2000);
  }
}

TEST_CASE("path helpers", "[io][mem]") {
  CHECK(NormalizePath("a//b/") == "a/b");
  CHECK(NormalizePath("/") == "/");
  CHECK(DirName("a/b") == "a");
  CHECK(DirName("b") == ".");
  CHECK(DirName("/b") == "/");
  CHECK(BaseName("a/b/") == "b");
  CHECK(JoinPath("a/", "b") == "a/b");
  CHECK(JoinPath("a", "b") == "a/b");
}

}  // namespace
}  // namespace strata::storage
