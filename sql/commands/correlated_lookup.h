// Correlated lookups: a correlated subquery over one table whose WHERE has
// a conjunct `column = outer column` runs once per outer row; instead of a
// full scan each time, the table's rows are read once per subquery (per
// statement) into a hash index on that column and each run reads only the
// matching rows (the WHERE still applies on top). This is what turns
// `EXISTS (SELECT 1 FROM big b WHERE b.x = a.y)` from quadratic into linear
// (PostgreSQL would make it a hashed semi-join or an index scan).
//
// The cache belongs to the outermost correlated subquery being run
// (subquery_runner.cpp makes it current for the duration of each run); the
// rows are those of the first run's snapshot, which is the statement's.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sql/ast/expr.h"
#include "sql/binder/binder.h"
#include "sql/commands/command_context.h"
#include "sql/executor/plan_node.h"
#include "sql/table/table_codec.h"

namespace strata::sql {

struct CorrelatedLookupCache {
  struct Index {
    std::vector<Row> rows;
    std::unordered_map<std::string, std::vector<size_t>> by_key;
  };
  std::map<std::pair<Oid, int>, Index> indexes;  // (table, column slot)
};

// Makes `cache` the current one while a subquery runs, unless one is
// already current (an enclosing subquery's, which then serves this one).
class ScopedLookupCache {
 public:
  explicit ScopedLookupCache(CorrelatedLookupCache* cache);
  ~ScopedLookupCache();
  ScopedLookupCache(const ScopedLookupCache&) = delete;
  ScopedLookupCache& operator=(const ScopedLookupCache&) = delete;

 private:
  CorrelatedLookupCache* previous_;
};

// The scan of the matching rows if a subquery run is current and `where`
// has such a conjunct over `codec`'s table (named `alias`); else null.
// REQUIRES: running (not analyze_only); the outer rows are on the stack.
PlanNodePtr CorrelatedLookupScan(CommandContext& ctx, Binder& binder, const TableCodec& codec,
                                 const ast::Expr* where);

}  // namespace strata::sql
