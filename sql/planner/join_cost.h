// Join costs and sizes: PostgreSQL 15's model (costsize.c cost_nestloop,
// cost_hashjoin with its inner-unique discount, eqjoinsel_inner) for the
// joins StrataDB runs -- a hash join, a nested loop over a materialized
// inner side, and a nested loop whose inner side is an index scan re-aimed
// at each outer row's key. The planner compares these to choose how each
// join step runs; like the scan costs (path_cost.h) they are in
// PostgreSQL's units so plans follow PostgreSQL's.
#pragma once

#include "sql/planner/path_cost.h"
#include "sql/planner/relation_estimate.h"

namespace strata::sql {

// One side of an equality join clause that is a plain column of a table:
// its statistics, distinct count (get_variable_numdistinct, clamped to the
// rows its relation keeps) and whether it is unique.
struct JoinColumn {
  const ColumnEstimate* stats = nullptr;  // null: no statistics
  double n_distinct = 200;
  bool default_distinct = true;
  bool unique = false;
  double table_distinct = 200;  // before the clamp to the rows kept
  double table_rows = 0;
};

// Selectivity of `a = b` over the Cartesian product (eqjoinsel_inner): by
// the most-common values of both sides when both have them, else
// (1 - nulls) on each side over the larger distinct count.
double EqJoinSelectivity(const JoinColumn& a, const JoinColumn& b);

// What a join step takes in.
struct JoinInputs {
  PathCost outer;
  PathCost inner;
  int outer_width = 0;
  int inner_width = 0;
  double rows = 0;          // the join's estimated rows
  double num_clauses = 1;   // hash clauses (equalities)
  double other_qual_ops = 0;  // per pair: operators of quals evaluated at the join
  // The inner side returns at most one row per outer row (its join columns
  // are unique): PostgreSQL's inner_unique, which stops each probe early.
  bool inner_unique = false;
  // The inner side's (first) hash key column, for the hash table's bucket
  // size (estimate_hash_bucket_stats): its distinct values over the whole
  // table (0: unknown), null fraction and most common value's frequency,
  // and the table's rows (the inner side keeps inner.rows of them).
  double inner_distinct = 0;
  double inner_null_frac = 0;
  double inner_top_frequency = 0;
  double inner_table_rows = 0;
};

PathCost HashJoinCost(const CostParams& p, const JoinInputs& in);

// A nested loop over the inner side read once and kept in memory
// (PostgreSQL's Material below the loop).
PathCost MaterializedNestLoopCost(const CostParams& p, const JoinInputs& in);

// A nested loop whose inner side is `inner_scan` (the cost of one
// parameterized index scan, already averaged over `outer.rows` loops).
PathCost ParameterizedNestLoopCost(const CostParams& p, const JoinInputs& in);

// A merge join (cost_mergejoin: initial_ and final_cost_mergejoin). `in`'s
// outer and inner costs are of each side's rows in key order, a Sort
// included where one is needed; num_clauses counts the merge clauses.
struct MergeInputs {
  double merge_rows = 0;        // pairs the merge clauses alone pass
  bool inner_sorted = false;    // the inner side's order comes from a Sort
  // mergejoinscansel: the share of each side read before its first pair
  // (start) and up to its last (end).
  double outer_start = 0, outer_end = 1;
  double inner_start = 0, inner_end = 1;
};
// Also says whether PostgreSQL would put a Material over the inner side
// (`materialize_inner`, may be null).
PathCost MergeJoinCost(const CostParams& p, const JoinInputs& in, const MergeInputs& m,
                       bool* materialize_inner = nullptr);

}  // namespace strata::sql
