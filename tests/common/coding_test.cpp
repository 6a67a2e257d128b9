// Round trips and malformed-input checks for common/coding.h.
#include <catch2/catch.hpp>

#include <limits>
#include <string>
#include <vector>

#include "common/coding.h"

using namespace strata;

TEST_CASE("varint64 round trips across byte-length boundaries") {
  std::string buf;
  std::vector<uint64_t> values;
  for (int shift = 0; shift < 64; ++shift) {
    uint64_t v = uint64_t{1} << shift;
    values.push_back(v - 1);
    values.push_back(v);
    values.push_back(v + 1);
  }
  values.push_back(std::numeric_limits<uint64_t>::max());
  for (uint64_t v : values) PutVarint64(&buf, v);
  Slice in(buf);
  for (uint64_t v : values) {
    uint64_t got = 0;
    REQUIRE(GetVarint64(&in, &got));
    CHECK(got == v);
  }
  CHECK(in.empty());
}

TEST_CASE("truncated and overlong varints are rejected") {
  std::string buf;
  PutVarint32(&buf, 300000);
  Slice truncated(buf.data(), buf.size() - 1);
  uint32_t v;
  CHECK_FALSE(GetVarint32(&truncated, &v));
  std::string overlong(6, '\xff');
  Slice s(overlong);
  CHECK_FALSE(GetVarint32(&s, &v));
}

TEST_CASE("fixed and big-endian encodings") {
  std::string buf;
  PutFixed32(&buf, 0x01020304);
  CHECK(buf == std::string("\x04\x03\x02\x01", 4));
  buf.clear();
  PutBigEndian32(&buf, 0x01020304);
  CHECK(buf == std::string("\x01\x02\x03\x04", 4));
  CHECK(DecodeBigEndian32(buf.data()) == 0x01020304u);
  buf.clear();
  PutFixed64(&buf, 0x1122334455667788ull);
  CHECK(DecodeFixed64(buf.data()) == 0x1122334455667788ull);
}

TEST_CASE("length-prefixed slices") {
  std::string buf;
  PutLengthPrefixedSlice(&buf, "hello");
  PutLengthPrefixedSlice(&buf, std::string("\0a", 2));
  Slice in(buf), out;
  REQUIRE(GetLengthPrefixedSlice(&in, &out));
  CHECK(out == "hello");
  REQUIRE(GetLengthPrefixedSlice(&in, &out));
  CHECK(out == std::string("\0a", 2));
  CHECK_FALSE(GetLengthPrefixedSlice(&in, &out));
}

TEST_CASE("ordered 8-byte key prefixes follow byte order") {
  CHECK(OrderedPrefix64(Slice("")) == 0);
  CHECK(OrderedPrefix64(Slice("\x01\x02", 2)) == 0x0102000000000000ull);
  CHECK(OrderedPrefix64(Slice("abcdefghij"), 2) == OrderedPrefix64(Slice("cdefghij")));
  // Every pair of these keys: a < b (bytes, unsigned) implies prefix(a) <= prefix(b).
  const std::vector<std::string> keys = {
      "", std::string("\0", 1), std::string("\0\0", 2), "a", "ab", std::string("ab\0", 3),
      "abcdefgh", "abcdefgh\x01", "abcdefgi", "\x7f", "\x80", "\xff\xff\xff\xff\xff\xff\xff\xff"};
  for (const std::string& a : keys) {
    for (const std::string& b : keys) {
      if (a < b) CHECK(OrderedPrefix64(Slice(a)) <= OrderedPrefix64(Slice(b)));
    }
  }
}
