// RelationEstimate: what the planner's cost model knows of a table before
// reading it -- PostgreSQL's RelOptInfo pages / tuples / width -- from
// ANALYZE's statistics (catalog/table_statistics.h) or, for a table never
// analyzed, from PostgreSQL's rules for one (estimate_rel_size: ten pages'
// worth of rows of the width its column types suggest).
//
// Our tables are LSM trees, not heaps of 8 kB pages, but the cost model is
// PostgreSQL's (so plans and their printed costs follow PostgreSQL's), so
// "pages" are the pages a PostgreSQL heap with these rows would have: each
// row laid out as a heap tuple (23-byte header, alignment of each column,
// short varlena headers) plus its line pointer, packed into 8 kB pages.
#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "catalog/catalog_objects.h"
#include "catalog/table_statistics.h"
#include "sql/types/value.h"
#include "txn/transaction.h"

namespace strata::sql {

// One column's statistics with their values parsed into the column's type.
struct ColumnEstimate {
  bool analyzed = false;
  double null_frac = 0;
  // Distinct non-NULL values (PostgreSQL's get_variable_numdistinct); 0 when
  // unknown (then the default of 200 applies).
  double n_distinct = 0;
  std::vector<Value> most_common_vals;
  std::vector<double> most_common_freqs;
  std::vector<Value> histogram_bounds;
  std::optional<double> correlation;  // with the table's key order
};

class RelationEstimate {
 public:
  // Reads `table`'s statistics through `txn` (may be null: never analyzed).
  RelationEstimate(txn::Transaction* txn, std::string_view scope, const catalog::TableDesc& table);

  const catalog::TableDesc& table() const { return *table_; }
  double tuples() const { return tuples_; }
  double pages() const { return pages_; }
  // Average width of a row's columns (bytes of data, as EXPLAIN's width=).
  int width() const { return width_; }
  bool analyzed() const { return parsed_ != nullptr; }
  // The share of rows PostgreSQL's visibility map would mark all-visible
  // (relallvisible / relpages): what VACUUM saw, less what changed since.
  // Index-only scans skip the table for those.
  double all_visible_fraction() const { return all_visible_; }
  // The column in attribute slot `slot` (parsed on first use).
  const ColumnEstimate& Column(int slot) const;
  // The estimated width of one column (its statistics' average, else its
  // type's: PostgreSQL's get_typavgwidth).
  int ColumnWidth(int slot) const;
  // The column's actual smallest (`max` false) or largest non-NULL value
  // now, read from the first or last entry of the primary key or a
  // non-partial index whose leading column it is (PostgreSQL's
  // get_actual_variable_range); nullopt without such an index, without a
  // transaction, or when the column holds no non-NULL value.
  // (actual_variable_range.cpp)
  std::optional<Value> ActualEndpoint(int slot, bool max) const;

  // ANALYZE's record as this thread last parsed it (see the .cpp): planning
  // runs for every statement, so the record's values are parsed once per
  // record, not once per query.
  struct ParsedStatistics;

 private:
  const catalog::TableDesc* table_;
  txn::Transaction* txn_ = nullptr;
  std::shared_ptr<ParsedStatistics> parsed_;
  double tuples_ = 0;
  double pages_ = 0;
  int width_ = 0;
  double all_visible_ = 0;
};

// PostgreSQL's width guess for a column of `type` (typmod `typmod`) with no
// statistics (get_typavgwidth).
int TypeAverageWidth(Oid type, int32_t typmod);

}  // namespace strata::sql
