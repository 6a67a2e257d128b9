// Hash partitioning's hashes must equal PostgreSQL 15's bit for bit, or rows
// would land in other partitions than PostgreSQL puts them in. The expected
// values were printed by PostgreSQL 15 (hashint4extended, hashint8extended,
// hashtextextended with seed 0 and with HASH_PARTITION_SEED).
#include "sql/commands/partition_hash.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

namespace strata::sql {
namespace {

constexpr uint64_t kSeed = 8816678312871386365ULL;  // 0x7A5B22367996DCFD

int64_t Signed(uint64_t v) { return static_cast<int64_t>(v); }

TEST_CASE("lookup3 hashes match PostgreSQL's extended hash functions", "[partition]") {
  CHECK(Signed(HashUint32Extended(1, kSeed)) == 5968994663651403477LL);
  CHECK(Signed(HashUint32Extended(static_cast<uint32_t>(-5), kSeed)) == 5466844944386338076LL);
  CHECK(Signed(HashUint32Extended(1, 0)) == -3670598878359251130LL);
  CHECK(Signed(HashBytesExtended("abc", kSeed)) == 3628778498291917250LL);
  CHECK(Signed(HashBytesExtended("", kSeed)) == -5700645584453517373LL);
  CHECK(Signed(HashBytesExtended("hello world, this is long", kSeed)) == -4983889960940629687LL);
  CHECK(Signed(HashBytesExtended("abc", 0)) == -6747756470228489321LL);
}

TEST_CASE("per-type hashes reduce values as PostgreSQL's hash opclasses do", "[partition]") {
  // int8 values in int4 range hash as that int4 (hashint8extended).
  CHECK(Signed(HashValueExtended(Value::Int8(1), kSeed)) == 5968994663651403477LL);
  CHECK(Signed(HashValueExtended(Value::Int8(10000000000LL), kSeed)) == -5466866525559780214LL);
  CHECK(HashValueExtended(Value::Int4(1), kSeed) == HashValueExtended(Value::Int8(1), kSeed));
  // bpchar ignores trailing spaces; text does not.
  CHECK(HashValueExtended(Value::String(type_oid::kBpchar, "ab  "), kSeed) ==
        HashValueExtended(Value::String(type_oid::kBpchar, "ab"), kSeed));
  CHECK(HashValueExtended(Value::Text("ab  "), kSeed) != HashValueExtended(Value::Text("ab"), kSeed));
  // +0 and -0 hash alike (to the seed).
  CHECK(HashValueExtended(Value::Float8(0.0), kSeed) == kSeed);
  CHECK(HashValueExtended(Value::Float8(-0.0), kSeed) == kSeed);
}

TEST_CASE("a row hash skips NULL key columns", "[partition]") {
  const std::vector<Value> with_null{Value::Int4(5), Value::Null(type_oid::kText)};
  const std::vector<Value> alone{Value::Int4(5)};
  CHECK(PartitionKeyHash(with_null) == PartitionKeyHash(alone));
  CHECK(PartitionKeyHash({Value::Null(type_oid::kInt4)}) == 0);
  CHECK(PartitionKeyHash({Value::Int4(5), Value::Text("x")}) !=
        PartitionKeyHash({Value::Text("x"), Value::Int4(5)}));
}

}  // namespace
}  // namespace strata::sql
