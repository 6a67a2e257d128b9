// Every damaged byte of a table is detected: opening, scanning or looking up
// yields Status::Corruption naming the file, never wrong data.
#include <catch2/catch.hpp>
#include <random>

#include "storage/cache/block_cache.h"
#include "tests/storage/sstable_test_util.h"

namespace strata::storage {
namespace {

using testing::InternalMap;
using testing::OpenTable;
using testing::UserKey;

struct Outcome {
  bool detected = false;     // some operation reported Corruption
  bool wrong_data = false;   // some operation returned data that differs
  bool other_error = false;  // a non-Corruption error
};

void Note(const Status& s, Outcome* out) {
  if (s.ok()) return;
  if (s.IsCorruption()) {
    out->detected = true;
    if (s.message().find("000042.sst") == std::string::npos) out->other_error = true;
  } else {
    out->other_error = true;
  }
}

Outcome Exercise(const std::string& bytes, const InternalMap& entries,
                 const std::vector<TableRangeTombstone>& tombstones) {
  Outcome out;
  auto table = OpenTable(bytes, 42);
  if (!table.ok()) {
    Note(table.status(), &out);
    return out;
  }
  const TableReader& reader = *table->reader;
  if (reader.range_tombstones().tombstones().size() != tombstones.size()) out.wrong_data = true;

  TableReadOptions ro;
  ro.readahead_blocks = 4;
  auto it = reader.NewIterator(ro);
  auto expected = entries.begin();
  for (it->SeekToFirst(); it->Valid(); it->Next(), ++expected) {
    if (expected == entries.end() || it->key() != expected->first ||
        it->value() != expected->second) {
      out.wrong_data = true;
      break;
    }
  }
  Note(it->status(), &out);
  if (it->status().ok() && !out.wrong_data && expected != entries.end()) out.wrong_data = true;

  auto rexpected = entries.rbegin();
  for (it->SeekToLast(); it->Valid(); it->Prev(), ++rexpected) {
    if (rexpected == entries.rend() || it->key() != rexpected->first) {
      out.wrong_data = true;
      break;
    }
  }
  Note(it->status(), &out);

  for (const auto& [k, v] : entries) {
    auto r = reader.Get(TableReadOptions{}, ExtractUserKey(k), kMaxSequenceNumber);
    if (!r.ok()) {
      Note(r.status(), &out);
      continue;
    }
    // Every user key has exactly one version here, a value.
    if (r->kind != TableGetResult::Kind::kValue || r->value != v) out.wrong_data = true;
  }
  return out;
}

TEST_CASE("corruption: every flipped byte of a small table is detected", "[sstable][corruption]") {
  InternalMap entries;
  std::mt19937_64 rng(8);
  for (int i = 0; i < 120; ++i) {
    entries[MakeInternalKey(UserKey(i), 100 + i, ValueType::kValue)] =
        i < 60 ? std::string(30, static_cast<char>('a' + i % 26)) : testing::RandomBytes(&rng, 30);
  }
  // Keys outside the data range so Get answers stay "value".
  std::vector<TableRangeTombstone> tombstones = {{"zz1", "zz5", 7}, {"zz3", "zz9", 9}};
  TableOptions options;
  options.block_size = 512;  // several data blocks, lz4 and raw
  TableProperties props;
  const std::string file = testing::BuildTable(options, entries, tombstones, &props);
  REQUIRE(!file.empty());
  REQUIRE(props.num_data_blocks > 5);
  REQUIRE(props.num_lz4_data_blocks > 0);
  REQUIRE(props.num_raw_data_blocks > 0);

  // Sanity: the undamaged table reads back exactly.
  Outcome clean = Exercise(file, entries, tombstones);
  REQUIRE(!clean.detected);
  REQUIRE(!clean.wrong_data);
  REQUIRE(!clean.other_error);

  for (uint8_t mask : {uint8_t{0x01}, uint8_t{0x80}, uint8_t{0xff}}) {
    size_t undetected = 0;
    for (size_t i = 0; i < file.size(); ++i) {
      std::string damaged = file;
      damaged[i] = static_cast<char>(damaged[i] ^ mask);
      const Outcome o = Exercise(damaged, entries, tombstones);
      INFO("byte " << i << " of " << file.size() << " mask " << int(mask));
      REQUIRE(!o.wrong_data);
      REQUIRE(!o.other_error);
      // Every byte is covered by a block or footer checksum and every block
      // is read, so every flip must surface.
      if (!o.detected) ++undetected;
      CHECK(o.detected);
    }
    CHECK(undetected == 0);
  }
}

TEST_CASE("corruption: truncated files are Corruption", "[sstable][corruption]") {
  InternalMap entries;
  for (int i = 0; i < 50; ++i) {
    entries[MakeInternalKey(UserKey(i), 1, ValueType::kValue)] = "v" + std::to_string(i);
  }
  const std::string file = testing::BuildTable(TableOptions{}, entries);
  for (size_t len = 0; len < file.size(); len += 7) {
    Outcome o = Exercise(file.substr(0, len), entries, {});
    INFO("length " << len);
    CHECK(o.detected);
    CHECK(!o.wrong_data);
  }
}

TEST_CASE("corruption: a damaged data block is not cached and stays an error",
          "[sstable][corruption][cache]") {
  InternalMap entries;
  for (int i = 0; i < 2000; ++i) {
    entries[MakeInternalKey(UserKey(i), 1, ValueType::kValue)] = std::string(50, 'q');
  }
  TableOptions options;
  options.block_size = 1024;
  std::string file = testing::BuildTable(options, entries);
  file[10] ^= 0x20;  // inside the first data block
  BlockCache cache(1 << 20);
  auto table = OpenTable(file, 42, &cache);
  REQUIRE(table.ok());
  for (int round = 0; round < 2; ++round) {
    auto r = table->reader->Get(TableReadOptions{}, UserKey(0), kMaxSequenceNumber);
    REQUIRE(!r.ok());
    CHECK(r.status().IsCorruption());
    CHECK(r.status().message().find("000042.sst") != std::string::npos);
    CHECK(r.status().message().find("offset 0") != std::string::npos);
  }
  CHECK(cache.GetStats().entries == 0);
  // Later blocks are unaffected.
  auto ok = table->reader->Get(TableReadOptions{}, UserKey(1999), kMaxSequenceNumber);
  REQUIRE(ok.ok());
  CHECK(ok->kind == TableGetResult::Kind::kValue);
}

}  // namespace
}  // namespace strata::storage
