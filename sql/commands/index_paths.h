// Access paths: how one table of a query is read -- a sequential scan, an
// index scan (a secondary index, or the primary key, whose order is the
// table's), or a bitmap heap scan (an index's matching table keys read in
// table order) -- chosen by PostgreSQL's cost model (sql/planner/) over
// ANALYZE's statistics: WHERE's selectivity, the index's size and its
// correlation with the table's order, whether the index order spares ORDER
// BY its sort, and what fraction of the rows a LIMIT needs.
//
// An expression index (CREATE INDEX ON t ((lower(name)))) serves conjuncts
// `expr op constant` and ORDER BY keys whose expression is structurally its
// key's; without statistics on the expression they take PostgreSQL's
// default selectivities (0.005 for equality).
//
// A partial index is a candidate when WHERE implies its predicate (column
// comparisons with constants, their ANDs and ORs: PostgreSQL's
// predicate_implied_by for those). Results never depend on the choice:
// the conjuncts an index implements are rechecked on each row, the rest
// filter above the scan.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_objects.h"
#include "sql/commands/command_context.h"
#include "sql/commands/primary_key_lookup.h"
#include "sql/executor/node_index_scan.h"
#include "sql/planner/agg_cost.h"
#include "sql/planner/path_cost.h"

namespace strata::sql {

// An ORDER BY key over a plain column of the table, or (`expr` set, slot
// -1) over an expression an index key may hold.
struct ColumnOrderKey {
  int slot = 0;
  bool descending = false;
  bool nulls_first = false;
  const ast::Expr* expr = nullptr;
  Oid type = 0;  // the key's type
};

struct AccessPathRequest {
  const TableCodec* codec = nullptr;
  std::string scope_alias;  // how WHERE names the table
  const ast::Expr* where = nullptr;
  // Instead of `where`: the conjuncts that restrict this table (one FROM
  // item of a join: the WHERE conjuncts over its columns alone).
  const std::vector<const ast::Expr*>* conjuncts = nullptr;
  const std::vector<Value>* params = nullptr;
  // The cost settings, when the caller has read them (else the session's).
  const CostParams* costs = nullptr;
  // ORDER BY, when every key is a plain column of the table or an
  // expression (else empty, and `wants_order` false).
  std::vector<ColumnOrderKey> order;
  bool wants_order = false;    // the query has an ORDER BY the scan could serve
  double limit_offset = 0;
  double limit_count = -1;     // -1: no LIMIT
  bool allow_indexes = true;   // false under FOR UPDATE / SHARE
  // GROUP BY over the table's columns: `order` is the group keys' (ORDER
  // BY's first when it names them), and paths compare by the cost of the
  // aggregate above them -- sorted over a path in that order, hashed over
  // any other -- with ORDER BY's Sort of the groups and LIMIT's fraction of
  // them (agg_cost.h). LIFETIME: outlives the call.
  const GroupingCost* grouping = nullptr;
  // The table's columns (by slot) the query reads anywhere, and those it
  // needs above the scan (not only in WHERE); empty: unknown (every column).
  std::vector<bool> columns_read;
  std::vector<bool> columns_needed;
};

struct AccessPath {
  enum class Kind { kSeqScan, kPrimaryKey, kIndex, kBitmap };
  Kind kind = Kind::kSeqScan;
  const catalog::IndexDesc* index = nullptr;  // kIndex, kBitmap
  std::vector<KeyRange> ranges;               // kPrimaryKey, kIndex, kBitmap
  // WHERE's conjuncts (CollectConjuncts positions) the index checks.
  std::vector<size_t> index_conjuncts;
  // Conjuncts a partial index's predicate implies (rechecked, not shown).
  std::vector<size_t> implied_conjuncts;
  bool ordered = false;  // rows arrive in ORDER BY's order
  // kPrimaryKey, kIndex: read from the last entry to the first (ORDER BY
  // is the reverse of the index order).
  bool backward = false;
  // Every column read is in the index: PostgreSQL's index-only scan.
  bool index_only = false;
  PathCost cost;         // of the scan
  int width = 0;
  // kSeqScan: the one primary-key range WHERE allows, if any
  // (PrimaryKeyFromWhere's): the scan still reads only it.
  std::optional<KeyRange> primary_key_range;
  // kBitmap: the Bitmap Index Scan's own figures.
  double index_total_cost = 0;
  double index_rows = 0;
};

AccessPath ChooseAccessPath(Binder& binder, const CommandContext& ctx,
                            const AccessPathRequest& request);

// For UPDATE / DELETE: the secondary index to read through, if the cost
// model prefers one (an index or bitmap path).
struct IndexPath {
  const catalog::IndexDesc* index = nullptr;
  std::vector<KeyRange> ranges;
};
std::optional<IndexPath> ChooseIndexPath(Binder& binder, const CommandContext& ctx,
                                         const TableCodec& codec, const std::string& scope_alias,
                                         const ast::Expr* where, const std::vector<Value>* params);

// What EXPLAIN shows of `path`'s scan: its cost, rows, width, direction.
ScanPlanInfo PathPlanInfo(const AccessPath& path);

// The scan node for `path` over `codec`'s table: `seq_scan` (the SeqScan
// PlanFrom built for it, which names the table for EXPLAIN) itself or
// re-aimed at a primary-key range, or an IndexScan. `bound` holds, per
// conjunct of the request (CollectConjuncts order), its bound conjuncts
// (empty: not known), from which the scan's Index Cond is taken.
struct PathScan {
  PlanNodePtr plan;
  // The conjuncts to recheck above the scan, index conditions first
  // (`silent` of them: shown as the scan's Index Cond, not as a Filter);
  // empty when `bound` was empty or the path is a sequential scan.
  std::vector<const BoundExpr*> conjuncts;
  size_t silent = 0;
};
PathScan BuildPathScan(const CommandContext& ctx, const TableCodec& codec, AccessPath path,
                       const std::string& alias, PlanNodePtr seq_scan,
                       const std::vector<std::vector<const BoundExpr*>>& bound);

// The inner side of a nested loop that looks rows up by the outer row's
// values: an index (or the primary key) whose leading columns are
// `param_slots` (columns equal to an outer value), costed as one scan of
// `loop_count` (PostgreSQL's parameterized index path). The request's
// conjuncts restrict the table as well (they filter the rows found).
struct ParameterizedPath {
  const catalog::IndexDesc* index = nullptr;  // null: the primary key
  std::vector<int> key_slots;                 // the leading columns looked up, in key order
  std::vector<KeyColumn> key_columns;
  bool whole_key = false;  // the primary key's every column: one row
  PathCost cost;           // one scan (averaged over the loops)
  bool unique = false;     // at most one row per lookup
  // Read as a bitmap heap scan (the index's table keys sorted first).
  bool bitmap = false;
  bool index_only = false;  // every column read is a key column
  double index_total_cost = 0;  // kBitmap: the Bitmap Index Scan's own figures
  double index_rows = 0;
};
std::optional<ParameterizedPath> ChooseParameterizedPath(Binder& binder, const CommandContext& ctx,
                                                         const AccessPathRequest& request,
                                                         const std::vector<int>& param_slots,
                                                         double loop_count);

// The IndexScan node reading `path`; `alias`: the table's name in the query
// (for EXPLAIN; empty if it has none).
std::unique_ptr<IndexScan> MakeIndexScan(const CommandContext& ctx, const TableCodec& codec,
                                         IndexPath path, const std::string& alias);

}  // namespace strata::sql
