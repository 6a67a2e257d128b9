// Behaviour every FileSystem implementation must share, run by the Mem, Posix
// and fault-injection tests against their own instance.
#pragma once

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "storage/io/file_system.h"

namespace strata::storage::testing {

inline std::string PatternBytes(size_t n, uint32_t seed) {
  std::string s(n, '\0');
  uint32_t x = seed * 2654435761u + 1;
  for (size_t i = 0; i < n; ++i) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    s[i] = static_cast<char>(x);
  }
  return s;
}

inline void WriteWholeFile(FileSystem* fs, const std::string& path, const std::string& data) {
  auto f = fs->NewWritableFile(path);
  REQUIRE(f.ok());
  REQUIRE((*f)->Append(data).ok());
  REQUIRE((*f)->Sync().ok());
  REQUIRE((*f)->Close().ok());
}

// `root` is an existing, empty directory owned by the test.
inline void RunFileSystemConformance(FileSystem* fs, const std::string& root) {
  const std::string a = root + "/a";
  const std::string b = root + "/b";

  // Write in pieces, some larger than any internal buffer, then read back.
  std::string expected;
  {
    auto f = fs->NewWritableFile(a);
    REQUIRE(f.ok());
    for (size_t len : {0, 1, 7, 4096, 65536 + 3, 300000, 5}) {
      std::string piece = PatternBytes(len, static_cast<uint32_t>(len));
      REQUIRE((*f)->Append(piece).ok());
      expected += piece;
      CHECK((*f)->Size() == expected.size());
    }
    REQUIRE((*f)->Flush().ok());
    REQUIRE((*f)->Sync().ok());
    REQUIRE((*f)->Close().ok());
  }
  CHECK(fs->FileExists(a));
  auto size = fs->GetFileSize(a);
  REQUIRE(size.ok());
  CHECK(*size == expected.size());
  auto whole = ReadFileToString(fs, a);
  REQUIRE(whole.ok());
  CHECK(*whole == expected);

  // Sequential reads with Skip.
  {
    auto f = fs->NewSequentialFile(a);
    REQUIRE(f.ok());
    std::string scratch(1000, '\0');
    Slice got;
    REQUIRE((*f)->Read(10, &got, scratch.data()).ok());
    CHECK(got == Slice(expected).substr(0, 10));
    REQUIRE((*f)->Skip(5000).ok());
    REQUIRE((*f)->Read(1000, &got, scratch.data()).ok());
    CHECK(got == Slice(expected).substr(5010, 1000));
    REQUIRE((*f)->Skip(expected.size()).ok());
    REQUIRE((*f)->Read(1000, &got, scratch.data()).ok());
    CHECK(got.empty());
  }

  // Positional reads, including short reads at end of file.
  {
    auto f = fs->NewRandomAccessFile(a);
    REQUIRE(f.ok());
    CHECK((*f)->Size() == expected.size());
    std::string scratch(70000, '\0');
    Slice got;
    for (uint64_t off :
         {uint64_t{0}, uint64_t{1}, uint64_t{4095}, uint64_t{4096}, uint64_t{100001}}) {
      REQUIRE((*f)->Read(off, 70000, &got, scratch.data()).ok());
      CHECK(got == Slice(expected).substr(off, 70000));
    }
    REQUIRE((*f)->Read(expected.size() - 10, 100, &got, scratch.data()).ok());
    CHECK(got == Slice(expected).substr(expected.size() - 10));
    REQUIRE((*f)->Read(expected.size() + 10, 100, &got, scratch.data()).ok());
    CHECK(got.empty());

    std::vector<std::string> bufs(40, std::string(5000, '\0'));
    std::vector<ReadRequest> reqs(40);
    for (size_t i = 0; i < reqs.size(); ++i) {
      reqs[i].offset = (i * 7919) % expected.size();
      reqs[i].length = 1 + (i * 131) % 5000;
      reqs[i].scratch = bufs[i].data();
    }
    REQUIRE((*f)->MultiRead(&reqs).ok());
    for (const auto& r : reqs) {
      REQUIRE(r.status.ok());
      CHECK(r.result == Slice(expected).substr(r.offset, r.length));
    }
  }

  // Namespace operations.
  CHECK(fs->NewSequentialFile(root + "/missing").status().IsNotFound());
  CHECK(fs->NewRandomAccessFile(root + "/missing").status().IsNotFound());
  CHECK(fs->GetFileSize(root + "/missing").status().IsNotFound());
  CHECK_FALSE(fs->DeleteFile(root + "/missing").ok());
  CHECK_FALSE(fs->FileExists(root + "/missing"));

  REQUIRE(fs->CreateDirIfMissing(root + "/sub").ok());
  REQUIRE(fs->CreateDirIfMissing(root + "/sub").ok());
  WriteWholeFile(fs, b, "bee");
  REQUIRE(fs->LinkFile(b, root + "/b2").ok());
  CHECK_FALSE(fs->LinkFile(b, root + "/b2").ok());
  auto children = fs->GetChildren(root);
  REQUIRE(children.ok());
  std::sort(children->begin(), children->end());
  CHECK(*children == std::vector<std::string>{"a", "b", "b2", "sub"});

  // Rename replaces the target atomically.
  REQUIRE(fs->RenameFile(b, a).ok());
  CHECK_FALSE(fs->FileExists(b));
  CHECK(ReadFileToString(fs, a).value() == "bee");
  CHECK(ReadFileToString(fs, root + "/b2").value() == "bee");
  REQUIRE(fs->SyncDir(root).ok());

  // NewWritableFile truncates.
  WriteWholeFile(fs, a, "x");
  CHECK(fs->GetFileSize(a).value() == 1);

  REQUIRE(WriteFileAtomically(fs, root + "/CURRENT", "MANIFEST-000001\n").ok());
  CHECK(ReadFileToString(fs, root + "/CURRENT").value() == "MANIFEST-000001\n");
  CHECK_FALSE(fs->FileExists(root + "/CURRENT.tmp"));

  REQUIRE(fs->DeleteFile(a).ok());
  CHECK_FALSE(fs->FileExists(a));

  // Locks: Busy while held, free again after release.
  {
    auto lock = fs->LockFile(root + "/LOCK");
    REQUIRE(lock.ok());
    auto second = fs->LockFile(root + "/LOCK");
    REQUIRE_FALSE(second.ok());
    CHECK(second.status().IsBusy());
  }
  auto again = fs->LockFile(root + "/LOCK");
  CHECK(again.ok());
}

}  // namespace strata::storage::testing
