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

// One key column of an index: a table column, or an expression over the
// table's columns (PostgreSQL's index expressions, pg_index.indexprs), with
// its ordering.
struct IndexKeyColumn {
  int16_t attnum = 0;  // the table column (1-based); 0 for an expression key
  bool descending = false;
  bool nulls_first = false;  // explicit: PostgreSQL's default is nulls_first == descending
  // An expression key (attnum 0): its SQL text (as the parser's deparser
  // printed it; columns named, so RENAME COLUMN rewrites it) and the type
  // of its value, which is the key's type. Empty / 0 for a column key.
  std::string expr;
  Oid expr_type = 0;

  bool is_expression() const { return attnum == 0; }
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
  // USING hash: one key column, no uniqueness, no INCLUDE, and read only by
  // equality lookups -- never for an order, a range or IS [NOT] NULL -- as
  // PostgreSQL's hash access method. Its tree is keyed like a btree's.
  bool hash = false;
  // WHERE predicate of a partial index, as SQL text; empty = none.
  std::string predicate;
  storage::TreeId tree = 0;
  std::string tree_name;

  bool HasExpressions() const {
    for (const IndexKeyColumn& k : keys) {
      if (k.is_expression()) return true;
    }
    return false;
  }

  // Whether `attnum` is a key or INCLUDE column (not whether an expression
  // key or the predicate reads it: that needs the SQL layer's parser).
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
