// Declarative partitioning (CREATE TABLE ... PARTITION BY / PARTITION OF):
// a partitioned table's key (PostgreSQL's pg_partitioned_table) and a
// partition's bound (pg_class.relpartbound).
//
// A partitioned table holds no rows itself: its partitions are its
// inheritance children (TableDesc::parents == {the partitioned table}),
// each with a bound, and a row written through the partitioned table goes
// to the one partition whose bound accepts its key.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace strata::catalog {

struct PartitionKeyPart {
  int16_t attnum = 0;  // the key column; 0 for an expression
  std::string expr;    // the expression's SQL text when attnum == 0
};

struct PartitionKey {
  // pg_partitioned_table.partstrat: 'r' range, 'l' list, 'h' hash.
  char strategy = 'r';
  std::vector<PartitionKeyPart> parts;
};

// A bound value is kept as the SQL layer encodes one value of the key
// column's type (a one-column row, as ColumnDesc::missing_value), so it
// reads back the same whatever DateStyle or TimeZone say.
struct PartitionRangeDatum {
  // -1 MINVALUE, 1 MAXVALUE, 0 a value.
  int8_t kind = 0;
  std::string value;
};

struct PartitionBound {
  bool is_default = false;
  // LIST: the values the partition accepts; nullopt is NULL.
  std::vector<std::optional<std::string>> list_values;
  // RANGE: from `lower` (inclusive) to `upper` (exclusive), one datum per
  // key column.
  std::vector<PartitionRangeDatum> lower;
  std::vector<PartitionRangeDatum> upper;
  // HASH: rows whose key hashes to `remainder` modulo `modulus`.
  int32_t modulus = 0;
  int32_t remainder = 0;
};

}  // namespace strata::catalog
