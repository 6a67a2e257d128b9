// StatStatements: per-query execution statistics, the data of the
// pg_stat_statements view (PostgreSQL's extension of that name, the columns
// tools read most: queryid, query, calls, total/min/max/mean/stddev
// exec time, rows). Queries are grouped by their normalised text: numeric
// and string literals become $1, $2, ... as pg_stat_statements shows them.
// At most kMaxEntries distinct queries are kept (the least called is
// evicted, as pg_stat_statements.max does). Thread-safe: one mutex.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace strata::sql {

struct StatStatementsEntry {
  uint64_t queryid = 0;
  std::string query;
  uint64_t calls = 0;
  double total_ms = 0, min_ms = 0, max_ms = 0, sum_sq_ms = 0;
  uint64_t rows = 0;
};

// Literals replaced by $n; whitespace runs collapsed.
std::string NormalizeQueryText(std::string_view query);

void RecordStatStatement(std::string_view query, double ms, uint64_t rows);
std::vector<StatStatementsEntry> StatStatementsSnapshot();

}  // namespace strata::sql
