// Hash partitioning's hash of a row's key, computed exactly as PostgreSQL 15
// computes it (each key column's extended hash function -- Bob Jenkins'
// lookup3 over the value's bytes or its 32-bit form -- seeded with
// HASH_PARTITION_SEED, combined by hash_combine64; NULL columns skipped), so
// that every row lands in the partition PostgreSQL would put it in.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "sql/types/value.h"

namespace strata::sql {

// PostgreSQL's hash_any_extended / hash_uint32_extended (lookup3).
uint64_t HashBytesExtended(std::string_view bytes, uint64_t seed);
uint64_t HashUint32Extended(uint32_t value, uint64_t seed);

// Whether a column of this type can be a hash partition key (its type has
// a default hash operator class we compute as PostgreSQL does).
bool IsHashPartitionable(Oid type);

// The value's extended hash with `seed` (hashint4extended, hashtextextended,
// ...). REQUIRES: IsHashPartitionable(value.type()) and a non-NULL value.
uint64_t HashValueExtended(const Value& value, uint64_t seed);

// The row hash of a key (compute_partition_hash_value): the rows whose
// hash is `remainder` modulo `modulus` belong to that partition.
uint64_t PartitionKeyHash(const std::vector<Value>& key);

}  // namespace strata::sql
