// Bloom filter: no false negatives, ~1% false positives at 10 bits/key,
// framing checks and forward compatibility.
#include "storage/sstable/bloom_filter.h"

#include <catch2/catch.hpp>
#include <string>

#include "common/coding.h"
#include "tests/storage/sstable_test_util.h"

namespace strata::storage {
namespace {

std::string BuildFilter(int bits_per_key, int num_keys, int offset = 0) {
  BloomFilterBuilder builder{BloomFilterPolicy(bits_per_key)};
  for (int i = 0; i < num_keys; ++i) builder.AddKey(testing::UserKey(i + offset));
  std::string out;
  builder.Finish(&out);
  return out;
}

double FalsePositiveRate(const BloomFilterReader& reader, int num_keys) {
  int hits = 0;
  constexpr int kProbes = 200000;
  for (int i = 0; i < kProbes; ++i) {
    // Keys never added: a disjoint range.
    if (reader.MayContain(testing::UserKey(num_keys + 1000000 + i, 9))) ++hits;
  }
  return static_cast<double>(hits) / kProbes;
}

TEST_CASE("bloom: no false negatives at any size", "[bloom]") {
  for (int n : {1, 2, 10, 100, 1000, 10000, 100000}) {
    std::string filter = BuildFilter(10, n);
    BloomFilterReader reader;
    REQUIRE(BloomFilterReader::Parse(filter, &reader).ok());
    REQUIRE(reader.present());
    for (int i = 0; i < n; ++i) {
      INFO("n=" << n << " i=" << i);
      REQUIRE(reader.MayContain(testing::UserKey(i)));
    }
  }
}

TEST_CASE("bloom: false-positive rate near 1% at 10 bits/key", "[bloom]") {
  for (int n : {1000, 10000, 200000}) {
    std::string filter = BuildFilter(10, n);
    BloomFilterReader reader;
    REQUIRE(BloomFilterReader::Parse(filter, &reader).ok());
    const double fp = FalsePositiveRate(reader, n);
    INFO("n=" << n << " fp=" << fp << " bytes=" << filter.size());
    CHECK(fp < 0.015);
    CHECK(fp > 0.003);  // a filter far better than its size allows is a broken test
    // Size is bits_per_key * n rounded up to 64-byte lines, plus 6 bytes.
    CHECK(filter.size() <= static_cast<size_t>(n) * 10 / 8 + 64 + 6);
  }
}

TEST_CASE("bloom: more bits per key means fewer false positives", "[bloom]") {
  constexpr int n = 20000;
  double previous = 1.0;
  for (int bits : {4, 8, 12, 16}) {
    std::string filter = BuildFilter(bits, n);
    BloomFilterReader reader;
    REQUIRE(BloomFilterReader::Parse(filter, &reader).ok());
    const double fp = FalsePositiveRate(reader, n);
    INFO("bits=" << bits << " fp=" << fp);
    CHECK(fp < previous);
    previous = fp;
  }
  CHECK(previous < 0.002);
}

TEST_CASE("bloom: consecutive duplicate keys are counted once", "[bloom]") {
  BloomFilterBuilder builder{BloomFilterPolicy(10)};
  for (int v = 0; v < 5; ++v) builder.AddKey("same");
  builder.AddKey("other");
  CHECK(builder.num_keys() == 2);
}

TEST_CASE("bloom: empty filter contains nothing; framing is checked", "[bloom]") {
  std::string empty = BuildFilter(10, 0);
  BloomFilterReader reader;
  REQUIRE(BloomFilterReader::Parse(empty, &reader).ok());
  CHECK(!reader.MayContain("anything"));

  std::string filter = BuildFilter(10, 100);
  std::string truncated = filter.substr(1);
  CHECK(BloomFilterReader::Parse(truncated, &reader).IsCorruption());
  CHECK(BloomFilterReader::Parse("abc", &reader).IsCorruption());
  std::string zero_probes = filter;
  zero_probes[zero_probes.size() - 2] = 0;
  CHECK(BloomFilterReader::Parse(zero_probes, &reader).IsCorruption());

  // A filter kind from a newer writer is ignored: every key may match.
  std::string future = filter;
  future.back() = 99;
  REQUIRE(BloomFilterReader::Parse(future, &reader).ok());
  CHECK(!reader.present());
  CHECK(reader.MayContain("never added"));

  // The default reader (no filter) also says "may contain".
  CHECK(BloomFilterReader().MayContain("x"));
}

TEST_CASE("bloom: probe count follows bits per key", "[bloom]") {
  CHECK(BloomFilterPolicy(10).num_probes() == 7);
  CHECK(BloomFilterPolicy(1).num_probes() == 1);
  CHECK(BloomFilterPolicy(100).num_probes() == 30);
  CHECK(!BloomFilterPolicy(0).enabled());
}

}  // namespace
}  // namespace strata::storage
