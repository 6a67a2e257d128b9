// WAL LogWriter/LogReader: round trips across block boundaries, torn tails at
// every byte, mid-log damage, recovery modes, header/version checks.
#include <catch2/catch.hpp>
#include <filesystem>

#include "common/coding.h"
#include "common/hash.h"
#include "storage/io/fault_injection_file_system.h"
#include "storage/io/mem_file_system.h"
#include "storage/io/posix_file_system.h"
#include "storage/wal/log_format.h"
#include "tests/storage/io_conformance.h"
#include "tests/storage/wal_test_util.h"

namespace strata::storage {
namespace {

using testing::PatternBytes;
using testing::ReadLog;
using testing::WriteLog;
using wal::kBlockSize;
using wal::kHeaderSize;
using wal::RecoveryMode;

std::string FileContents(MemFileSystem* fs, const std::string& path) {
  return ReadFileToString(fs, path).value();
}

std::vector<std::string> MixedRecords() {
  std::vector<std::string> records;
  records.push_back("");  // empty records are legal
  records.push_back("small");
  // Sizes around the space left in a block after the file header.
  const size_t first_avail = kBlockSize - 2 * kHeaderSize - wal::kFileHeaderPayloadSize;
  for (size_t delta : {size_t{0}, size_t{1}, size_t{6}, size_t{7}, size_t{8}}) {
    records.push_back(PatternBytes(first_avail - delta, static_cast<uint32_t>(delta)));
  }
  records.push_back(PatternBytes(kBlockSize * 3 + 123, 99));  // FIRST, MIDDLE, MIDDLE, LAST
  records.push_back(PatternBytes(1 << 20, 100));              // 1 MiB
  for (int i = 0; i < 2000; ++i) records.push_back(PatternBytes(i % 37, i));
  records.push_back(PatternBytes(kBlockSize - kHeaderSize, 5));  // exactly one block's payload
  return records;
}

TEST_CASE("WAL round trips big and many small records across blocks", "[wal]") {
  MemFileSystem fs;
  const auto records = MixedRecords();
  const auto starts = WriteLog(&fs, "/wal/000001.wal", records, 42);
  auto got = ReadLog(&fs, "/wal/000001.wal");
  REQUIRE(got.status.ok());
  CHECK_FALSE(got.torn_tail);
  CHECK(got.log_number == 42);
  REQUIRE(got.records.size() == records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    INFO("record " << i);
    CHECK(got.records[i] == records[i]);
    // A record starts at its writer offset, after header/trailer padding.
    CHECK(got.offsets[i] >= starts[i]);
    CHECK(got.offsets[i] - starts[i] < kHeaderSize + wal::kFileHeaderPayloadSize + kHeaderSize);
  }
}

TEST_CASE("WAL fragments a record into FULL/FIRST/MIDDLE/LAST at block boundaries", "[wal]") {
  MemFileSystem fs;
  WriteLog(&fs, "/w", {PatternBytes(2 * kBlockSize, 1)});
  const std::string data = FileContents(&fs, "/w");
  // Header record, then FIRST filling block 0, MIDDLE filling block 1, LAST in block 2.
  CHECK(static_cast<uint8_t>(data[6]) == static_cast<uint8_t>(wal::RecordType::kFileHeader));
  const size_t first_at = kHeaderSize + wal::kFileHeaderPayloadSize;
  CHECK(static_cast<uint8_t>(data[first_at + 6]) == static_cast<uint8_t>(wal::RecordType::kFirst));
  CHECK(static_cast<uint8_t>(data[kBlockSize + 6]) ==
        static_cast<uint8_t>(wal::RecordType::kMiddle));
  CHECK(static_cast<uint8_t>(data[2 * kBlockSize + 6]) ==
        static_cast<uint8_t>(wal::RecordType::kLast));
  // The checksum covers type + payload.
  const uint32_t len =
      static_cast<uint8_t>(data[first_at + 4]) | (static_cast<uint8_t>(data[first_at + 5]) << 8);
  CHECK(len == kBlockSize - first_at - kHeaderSize);
  CHECK(DecodeFixed32(data.data() + first_at) ==
        Checksum32(Slice(data).substr(first_at + 6, 1 + len)));
}

TEST_CASE("WAL leaves a zero trailer when fewer than 7 bytes remain in a block", "[wal]") {
  MemFileSystem fs;
  // Leave exactly 3 bytes in block 0, then one more record.
  const size_t used = kHeaderSize + wal::kFileHeaderPayloadSize;
  const std::string first = PatternBytes(kBlockSize - used - kHeaderSize - 3, 1);
  WriteLog(&fs, "/w", {first, "next"});
  const std::string data = FileContents(&fs, "/w");
  CHECK(data.substr(kBlockSize - 3, 3) == std::string(3, '\0'));
  CHECK(data.size() == kBlockSize + kHeaderSize + 4);
  auto got = ReadLog(&fs, "/w");
  REQUIRE(got.status.ok());
  REQUIRE(got.records.size() == 2);
  CHECK(got.records[1] == "next");
  CHECK(got.offsets[1] == kBlockSize);
}

TEST_CASE("WAL reader stops cleanly at a torn tail at every byte of the last record", "[wal]") {
  MemFileSystem fs;
  std::vector<std::string> records;
  for (int i = 0; i < 110; ++i) records.push_back(PatternBytes(200 + i, i));
  // The last record straddles the boundary of block 0 and block 1.
  records.push_back(PatternBytes(5000, 777));
  const auto starts = WriteLog(&fs, "/w", records);
  const std::string full = FileContents(&fs, "/w");
  REQUIRE(starts.back() < kBlockSize);
  REQUIRE(full.size() > kBlockSize);

  for (size_t cut = starts.back(); cut < full.size(); ++cut) {
    INFO("cut at " << cut << " of " << full.size());
    fs.SetFileContents("/w", full.substr(0, cut));
    auto got = ReadLog(&fs, "/w");
    REQUIRE(got.status.ok());
    REQUIRE(got.records.size() == records.size() - 1);
    CHECK(got.records.back() == records[records.size() - 2]);
    // Cutting exactly at the start leaves no tail at all.
    CHECK(got.torn_tail == (cut > starts.back()));
    CHECK(got.dropped_bytes == cut - starts.back());

    auto strict = ReadLog(&fs, "/w", RecoveryMode::kAbsoluteConsistency);
    if (cut > starts.back()) {
      CHECK(strict.status.IsCorruption());
    } else {
      CHECK(strict.status.ok());
    }
  }
  fs.SetFileContents("/w", full);
  CHECK(ReadLog(&fs, "/w").records.size() == records.size());
}

TEST_CASE("WAL reader tolerates a torn tail inside a multi-block record", "[wal]") {
  MemFileSystem fs;
  std::vector<std::string> records = {"a", "b", PatternBytes(5 * kBlockSize, 3)};
  const auto starts = WriteLog(&fs, "/w", records);
  const std::string full = FileContents(&fs, "/w");
  std::vector<size_t> cuts;
  for (size_t c = starts.back(); c < full.size(); c += 251) cuts.push_back(c);
  for (size_t b = kBlockSize; b < full.size(); b += kBlockSize) {
    for (size_t c : {b - 1, b, b + 1, b + kHeaderSize - 1, b + kHeaderSize}) cuts.push_back(c);
  }
  for (size_t c : cuts) {
    if (c >= full.size()) continue;
    INFO("cut at " << c);
    fs.SetFileContents("/w", full.substr(0, c));
    auto got = ReadLog(&fs, "/w");
    REQUIRE(got.status.ok());
    CHECK(got.records == std::vector<std::string>{"a", "b"});
    CHECK(got.torn_tail == (c > starts.back()));
  }
}

TEST_CASE("WAL reader treats zero-filled and garbage tails as torn", "[wal]") {
  MemFileSystem fs;
  std::vector<std::string> records = {"one", "two", PatternBytes(40000, 1), "three"};
  WriteLog(&fs, "/w", records);
  const std::string full = FileContents(&fs, "/w");

  SECTION("zeros, as from preallocation or a lost page") {
    fs.SetFileContents("/w", full + std::string(100000, '\0'));
    auto got = ReadLog(&fs, "/w");
    REQUIRE(got.status.ok());
    CHECK(got.records == records);
    CHECK(got.torn_tail);
  }
  SECTION("random bytes with no intact record after them") {
    fs.SetFileContents("/w", full + PatternBytes(70000, 9));
    auto got = ReadLog(&fs, "/w");
    REQUIRE(got.status.ok());
    CHECK(got.records == records);
    CHECK(got.torn_tail);
  }
  SECTION("the last record garbled in place") {
    std::string damaged = full;
    damaged[damaged.size() - 2] ^= 0x40;
    fs.SetFileContents("/w", damaged);
    auto got = ReadLog(&fs, "/w");
    REQUIRE(got.status.ok());
    CHECK(got.records == std::vector<std::string>(records.begin(), records.end() - 1));
    CHECK(got.torn_tail);
  }
}

TEST_CASE("WAL reader reports a flipped byte mid-log as Corruption with file and offset", "[wal]") {
  MemFileSystem fs;
  std::vector<std::string> records;
  for (int i = 0; i < 600; ++i) records.push_back(PatternBytes(100 + i % 50, i));
  WriteLog(&fs, "/db/000009.wal", records);
  const std::string full = FileContents(&fs, "/db/000009.wal");
  const auto clean = ReadLog(&fs, "/db/000009.wal");
  REQUIRE(clean.records.size() == records.size());

  // Damage record 200 (in block 1 or 2, with plenty of records after it) in
  // each part of its header and in its payload.
  const size_t victim = 200;
  const uint64_t at = clean.offsets[victim];
  for (size_t pos :
       {size_t{0}, size_t{3}, size_t{4}, size_t{5}, size_t{6}, size_t{7}, size_t{50}}) {
    INFO("flipping byte " << pos << " of the record at " << at);
    std::string damaged = full;
    damaged[at + pos] ^= 0x01;
    fs.SetFileContents("/db/000009.wal", damaged);

    auto got = ReadLog(&fs, "/db/000009.wal");
    CHECK(got.status.IsCorruption());
    CHECK(got.status.message().find("/db/000009.wal") != std::string::npos);
    CHECK(got.status.message().find("offset " + std::to_string(at)) != std::string::npos);
    CHECK(got.records.size() == victim);
    CHECK_FALSE(got.torn_tail);

    auto pit = ReadLog(&fs, "/db/000009.wal", RecoveryMode::kPointInTime);
    CHECK(pit.status.ok());
    CHECK(pit.records.size() == victim);
    CHECK(pit.dropped_bytes == full.size() - at);

    auto salvage = ReadLog(&fs, "/db/000009.wal", RecoveryMode::kSkipCorrupted);
    CHECK(salvage.status.ok());
    CHECK(salvage.dropped_bytes > 0);
    // Everything outside the damaged block survives, in order.
    CHECK(salvage.records.size() < records.size());
    CHECK(salvage.records.size() > victim + 100);
    CHECK(salvage.records.back() == records.back());
    for (size_t i = 0; i < victim; ++i) REQUIRE(salvage.records[i] == records[i]);
  }
}

TEST_CASE("WAL reader reports damage to a fragment of a multi-block record", "[wal]") {
  MemFileSystem fs;
  std::vector<std::string> records = {"x", PatternBytes(3 * kBlockSize, 2), "y", "z"};
  WriteLog(&fs, "/w", records);
  std::string damaged = FileContents(&fs, "/w");
  damaged[kBlockSize + 100] ^= 0x10;  // inside the MIDDLE fragment in block 1
  fs.SetFileContents("/w", damaged);
  auto got = ReadLog(&fs, "/w");
  CHECK(got.status.IsCorruption());
  CHECK(got.status.message().find("offset " + std::to_string(kBlockSize)) != std::string::npos);
  CHECK(got.records == std::vector<std::string>{"x"});

  auto salvage = ReadLog(&fs, "/w", RecoveryMode::kSkipCorrupted);
  CHECK(salvage.status.ok());
  CHECK(salvage.records == std::vector<std::string>{"x", "y", "z"});
}

TEST_CASE("WAL reader checks the file header", "[wal]") {
  MemFileSystem fs;
  WriteLog(&fs, "/w", {"a", "b"}, 1234);
  std::string data = FileContents(&fs, "/w");

  SECTION("unknown format version is NotSupported") {
    std::string header_payload(wal::kFileHeaderPayloadSize, '\0');
    EncodeFixed32(header_payload.data(), wal::kLogFormatVersion + 1);
    std::string rec(kHeaderSize, '\0');
    rec[4] = static_cast<char>(header_payload.size());
    rec[6] = static_cast<char>(wal::RecordType::kFileHeader);
    rec += header_payload;
    EncodeFixed32(rec.data(), Checksum32(Slice(rec).substr(6)));
    fs.SetFileContents("/w", rec + data.substr(rec.size()));
    auto got = ReadLog(&fs, "/w");
    CHECK(got.status.IsNotSupported());
    CHECK(got.records.empty());
  }
  SECTION("a log without a header is Corruption") {
    fs.SetFileContents("/w", data.substr(kHeaderSize + wal::kFileHeaderPayloadSize));
    auto got = ReadLog(&fs, "/w");
    CHECK(got.status.IsCorruption());
    CHECK(got.status.message().find("missing file header") != std::string::npos);
  }
  SECTION("an empty file is an empty log") {
    fs.SetFileContents("/w", "");
    auto got = ReadLog(&fs, "/w");
    CHECK(got.status.ok());
    CHECK(got.records.empty());
    CHECK_FALSE(got.torn_tail);
  }
}

TEST_CASE("WAL recovery after power loss returns exactly the synced records", "[wal]") {
  MemFileSystem mem;
  FaultInjectionFileSystem fs(&mem);
  auto file = fs.NewWritableFile("/db/000003.wal");
  REQUIRE(file.ok());
  REQUIRE(fs.SyncDir("/db").ok());
  wal::LogWriter writer(std::move(file).value(), 3);
  std::vector<std::string> synced;
  for (int i = 0; i < 300; ++i) {
    synced.push_back(PatternBytes(50 + i * 13, i));
    REQUIRE(writer.AddRecord(synced.back()).ok());
    if (i % 10 == 9) REQUIRE(writer.Sync().ok());
  }
  for (int i = 0; i < 25; ++i) REQUIRE(writer.AddRecord(PatternBytes(3000, 1000 + i)).ok());
  REQUIRE(writer.Flush().ok());
  REQUIRE(fs.DropUnsyncedData().ok());

  auto got = ReadLog(&fs, "/db/000003.wal");
  REQUIRE(got.status.ok());
  CHECK(got.records == synced);
  CHECK(got.log_number == 3);
  // The dead writer refuses further records, and the error is sticky.
  CHECK_FALSE(writer.AddRecord("late").ok());
  CHECK_FALSE(writer.error().ok());
}

TEST_CASE("WAL round trip on PosixFileSystem", "[wal]") {
  PosixFileSystem fs;
  std::string dir = (std::filesystem::temp_directory_path() / "strata_wal_XXXXXX").string();
  REQUIRE(::mkdtemp(dir.data()) != nullptr);
  const auto records = MixedRecords();
  WriteLog(&fs, dir + "/000001.wal", records);
  auto got = ReadLog(&fs, dir + "/000001.wal");
  CHECK(got.status.ok());
  CHECK(got.records == records);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace strata::storage
