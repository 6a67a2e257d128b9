// VersionEdit encoding: round trips, forward compatibility, and corruption.
#include <catch2/catch.hpp>

#include <random>

#include "common/coding.h"
#include "storage/version/version_edit.h"
#include "tests/storage/compaction_test_util.h"

namespace strata::storage {
namespace {

using testing::MakeFile;

VersionEdit FullEdit() {
  VersionEdit e;
  e.SetLogNumber(7);
  e.SetNextFileNumber(42);
  e.SetLastSequence(123456789);
  TreeCompactionOptions uni;
  uni.compaction_style = CompactionStyle::kUniversal;
  uni.level0_file_num_compaction_trigger = 8;
  uni.universal_size_ratio = 5;
  uni.level_compaction_dynamic_level_bytes = false;
  e.CreateTree(3, "orders", TreeCompactionOptions{});
  e.CreateTree(4, std::string("idx\0bin", 7), uni);
  e.DeleteFile(3, 1, 17);
  e.AddFile(3, 2, MakeFile(17, "apple", 5, "kiwi", 9, 4096));
  FileMetaData del = MakeFile(18, std::string("\x00\xff", 2), 100, "zz", 1, 1);
  del.largest = MakeInternalKey("zz", 1, ValueType::kDeletion);
  del.num_entries = 3;
  del.num_deletions = 2;
  e.AddFile(4, 0, del);
  e.SetTreeLogNumber(3, 6);
  e.DropTree(9);
  return e;
}

TEST_CASE("VersionEdit round trip preserves every field", "[version][version_edit]") {
  VersionEdit e = FullEdit();
  std::string enc = e.Encode();
  auto dec = VersionEdit::Decode(enc);
  REQUIRE(dec.ok());
  CHECK(*dec == e);
  CHECK(dec->DebugString() == e.DebugString());
  CHECK(dec->Encode() == enc);
  REQUIRE(dec->created_trees().size() == 2);
  CHECK(dec->created_trees()[1].name == std::string("idx\0bin", 7));
  CHECK(dec->created_trees()[1].options.compaction_style == CompactionStyle::kUniversal);
  CHECK(dec->created_trees()[1].options.level0_file_num_compaction_trigger == 8);
  CHECK_FALSE(dec->created_trees()[1].options.level_compaction_dynamic_level_bytes);
  CHECK(dec->new_files()[1].meta.num_deletions == 2);
  CHECK(*dec->last_sequence() == 123456789);
}

TEST_CASE("VersionEdit empty edit round trips", "[version][version_edit]") {
  VersionEdit e;
  CHECK(e.empty());
  auto dec = VersionEdit::Decode(e.Encode());
  REQUIRE(dec.ok());
  CHECK(dec->empty());
  CHECK(e.Encode().size() == 1);  // just the format version
}

TEST_CASE("VersionEdit golden encoding is stable", "[version][version_edit]") {
  // Guards the on-disk format: changing it breaks existing MANIFESTs.
  VersionEdit e;
  e.SetLogNumber(5);
  e.SetNextFileNumber(300);
  e.DropTree(2);
  e.DeleteFile(1, 6, 9);
  std::string enc = e.Encode();
  const std::string expected(
      "\x01"                  // format version 1
      "\x01\x01\x05"          // log number = 5
      "\x02\x02\xac\x02"      // next file = 300 (varint ac 02)
      "\x07\x03\x01\x06\x09"  // delete file: tree 1, L6, #9
      "\x05\x01\x02",         // drop tree 2
      16);
  CHECK(enc == expected);
}

TEST_CASE("VersionEdit every truncation is rejected or a clean prefix", "[version][version_edit]") {
  std::string enc = FullEdit().Encode();
  int clean = 0;
  for (size_t n = 0; n < enc.size(); ++n) {
    auto dec = VersionEdit::Decode(Slice(enc.data(), n));
    if (dec.ok()) {
      // Only possible at a field boundary: re-encoding reproduces the prefix.
      CHECK(dec->Encode() == enc.substr(0, n));
      ++clean;
    } else {
      CHECK(dec.status().IsCorruption());
    }
  }
  CHECK(clean == 10);  // one per field boundary (the 11th is the full edit)
}

TEST_CASE("VersionEdit unknown tags: corruption unless safe to ignore", "[version][version_edit]") {
  VersionEdit e;
  e.SetLastSequence(77);
  std::string base = e.Encode();

  std::string unknown = base;
  PutVarint32(&unknown, 99);
  PutLengthPrefixedSlice(&unknown, "xyz");
  auto dec = VersionEdit::Decode(unknown);
  REQUIRE_FALSE(dec.ok());
  CHECK(dec.status().IsCorruption());
  CHECK(dec.status().message().find("unknown field tag 99") != std::string::npos);

  std::string ignorable = base;
  PutVarint32(&ignorable, kTagSafeToIgnoreMask | 99);
  PutLengthPrefixedSlice(&ignorable, "future stuff");
  VersionEdit more;
  more.DropTree(5);
  std::string tail = more.Encode().substr(1);  // fields without the format byte
  ignorable += tail;
  dec = VersionEdit::Decode(ignorable);
  REQUIRE(dec.ok());
  CHECK(*dec->last_sequence() == 77);
  CHECK(dec->dropped_trees() == std::vector<uint32_t>{5});
}

TEST_CASE("VersionEdit unknown add-file sub-field and tree option", "[version][version_edit]") {
  // Build an add-file payload by hand with an extra sub-field.
  auto add_file_with_extra = [](uint32_t sub_tag) {
    std::string payload;
    PutVarint32(&payload, 1);  // tree
    PutVarint32(&payload, 0);  // level
    PutVarint64(&payload, 5);  // number
    PutVarint64(&payload, 100);
    PutLengthPrefixedSlice(&payload, MakeInternalKey("a", 1, ValueType::kValue));
    PutLengthPrefixedSlice(&payload, MakeInternalKey("b", 1, ValueType::kValue));
    for (int i = 0; i < 4; ++i) PutVarint64(&payload, 1);
    PutVarint32(&payload, sub_tag);
    PutLengthPrefixedSlice(&payload, "checksum?");
    std::string enc;
    PutVarint32(&enc, 1);
    PutVarint32(&enc, 6);  // add file
    PutLengthPrefixedSlice(&enc, payload);
    return enc;
  };
  auto bad = VersionEdit::Decode(add_file_with_extra(3));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().IsCorruption());
  auto ok = VersionEdit::Decode(add_file_with_extra(kTagSafeToIgnoreMask | 3));
  REQUIRE(ok.ok());
  CHECK(ok->new_files().size() == 1);
  CHECK(ok->new_files()[0].meta.number == 5);

  // A tree option with an unknown tag.
  std::string opts;
  PutVarint32(&opts, 77);
  PutLengthPrefixedSlice(&opts, std::string("\x01", 1));
  std::string payload;
  PutVarint32(&payload, 1);
  PutLengthPrefixedSlice(&payload, "t");
  PutLengthPrefixedSlice(&payload, opts);
  std::string enc;
  PutVarint32(&enc, 1);
  PutVarint32(&enc, 4);  // create tree
  PutLengthPrefixedSlice(&enc, payload);
  auto dec = VersionEdit::Decode(enc);
  REQUIRE_FALSE(dec.ok());
  CHECK(dec.status().IsCorruption());
}

TEST_CASE("VersionEdit rejects newer formats and invalid values", "[version][version_edit]") {
  std::string newer;
  PutVarint32(&newer, kVersionEditFormatVersion + 1);
  auto dec = VersionEdit::Decode(newer);
  REQUIRE_FALSE(dec.ok());
  CHECK(dec.status().IsNotSupported());

  CHECK(VersionEdit::Decode("").status().IsCorruption());
  CHECK(VersionEdit::Decode(std::string("\x00", 1)).status().IsCorruption());

  VersionEdit bad_level;
  bad_level.DeleteFile(1, kNumLevels, 3);
  CHECK(VersionEdit::Decode(bad_level.Encode()).status().IsCorruption());

  VersionEdit bad_key;
  FileMetaData f = MakeFile(3, "a", 1, "b", 2, 10);
  f.smallest = "short";
  bad_key.AddFile(1, 0, f);
  CHECK(VersionEdit::Decode(bad_key.Encode()).status().IsCorruption());

  VersionEdit bad_style;
  TreeCompactionOptions o;
  o.compaction_style = static_cast<CompactionStyle>(9);
  bad_style.CreateTree(1, "t", o);
  CHECK(VersionEdit::Decode(bad_style.Encode()).status().IsCorruption());

  VersionEdit bad_seq;
  FileMetaData g = MakeFile(3, "a", 1, "b", 2, 10);
  g.smallest_seqno = 10;
  g.largest_seqno = 2;
  bad_seq.AddFile(1, 0, g);
  CHECK(VersionEdit::Decode(bad_seq.Encode()).status().IsCorruption());

  // A counter field with trailing garbage inside its payload.
  std::string trailing;
  PutVarint32(&trailing, 1);
  PutVarint32(&trailing, 1);
  PutLengthPrefixedSlice(&trailing, std::string("\x05\x05", 2));
  CHECK(VersionEdit::Decode(trailing).status().IsCorruption());
}

TEST_CASE("VersionEdit decoding random damage never crashes", "[version][version_edit]") {
  std::mt19937 rng(20240611);
  const std::string enc = FullEdit().Encode();
  for (int iter = 0; iter < 3000; ++iter) {
    std::string damaged = enc;
    int flips = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < flips; ++i) damaged[rng() % damaged.size()] ^= static_cast<char>(1 + rng() % 255);
    auto dec = VersionEdit::Decode(damaged);
    if (dec.ok()) {
      // Whatever decoded must re-encode and decode to the same thing.
      auto again = VersionEdit::Decode(dec->Encode());
      REQUIRE(again.ok());
      CHECK(*again == *dec);
    } else {
      CHECK((dec.status().IsCorruption() || dec.status().IsNotSupported()));
    }
  }
}

}  // namespace
}  // namespace strata::storage
