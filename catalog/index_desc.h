// IndexDesc: a secondary index of a table (CREATE INDEX, UNIQUE constraints).
// Stored inside its table's catalog record (catalog_records.h, version 3), so
// it is created, renamed and dropped in the same transaction as the table
// record it belongs to, DROP TABLE drops it, and a rolled-back CREATE INDEX
// leaves nothing behind.
//
// Its entries live in its own engine tree (named "rel_<index oid>_<fresh oid>",
// so the startup cleanup of unreferenced "rel_*" trees covers it). The entry
// layout is the SQL layer's (sql/table/index_codec.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/builtin_types.h"
#include "storage/tree_options.h"

namespace strata::catalog {

// One key column of an index: a table column with its ordering.
struct IndexKeyColumn {
  int16_t attnum = 0;  // the table column (1-based)
  bool descending = false;
  bool nulls_first = false;  // explicit: PostgreSQL's default is nulls_first == descending
};

struct IndexDesc {
  Oid oid = 0;  // pg_class OID, from the catalog's OID counter
  std::string name;  // unique among the relations of the table's schema
  std::vector<IndexKeyColumn> keys;
  // INCLUDE (...) columns: stored in the entry, not part of its order.
  std::vector<int16_t> include;
  bool unique = false;
  bool nulls_not_distinct = false;  // UNIQUE NULLS NOT DISTINCT
  // A UNIQUE constraint (pg_constraint contype 'u') rather than a bare index.
  bool is_constraint = false;
  // WHERE predicate of a partial index, as SQL text; empty = none.
  std::string predicate;
  storage::TreeId tree = 0;
  std::string tree_name;

  bool UsesColumn(int16_t attnum) const {
    for (const IndexKeyColumn& k : keys) {
      if (k.attnum == attnum) return true;
    }
    for (int16_t a : include) {
      if (a == attnum) return true;
    }
    return false;
  }
};

}  // namespace strata::catalog
