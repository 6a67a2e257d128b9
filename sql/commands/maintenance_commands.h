// VACUUM and ANALYZE. On our LSM trees VACUUM means: flush the table's
// memtable and compact its whole tree, so versions no snapshot can see any
// more (deleted and updated rows) are dropped and the space is reclaimed.
// ANALYZE samples the table's rows and stores per-column statistics in the
// catalog (catalog/table_statistics.h) in the statement's transaction.
#pragma once

#include <vector>

#include "catalog/table_statistics.h"
#include "sql/ast/vacuum_statement.h"
#include "sql/commands/command_context.h"
#include "sql/statement_output.h"
#include "sql/table/table_codec.h"

namespace strata::sql {

// execute_vacuum.cpp: VACUUM [FULL] [FREEZE] [VERBOSE] [ANALYZE] [table [(cols)], ...]
// and ANALYZE [VERBOSE] [table [(cols)], ...]. No table: every table.
// Resolves the tables and writes ANALYZE's statistics in ctx.txn; the trees
// VACUUM must compact are returned in `trees_to_compact`, for CompactTrees
// after the statement's transaction ends (its snapshot would keep the very
// versions VACUUM is meant to drop).
StatementOutput ExecuteVacuum(CommandContext& ctx, const ast::VacuumStatement& stmt,
                              std::vector<storage::TreeId>* trees_to_compact);
// Flush + full compaction of each tree: versions no snapshot can see go, as
// VACUUM FULL's rewrite would reclaim them (plain VACUUM does the same here:
// an LSM tree has no cheaper in-place pass).
void CompactTrees(Database* db, const std::vector<storage::TreeId>& trees);

// analyze_table.cpp: statistics of `table` from all its rows visible to `txn`
// (a reservoir sample of at most kAnalyzeSampleRows of them), for the columns
// at `attnums` (in that order).
inline constexpr size_t kAnalyzeSampleRows = 30000;  // 300 * default_statistics_target
catalog::TableStatistics AnalyzeTable(txn::Transaction* txn, const catalog::TableDesc& table,
                                      const std::vector<int>& attnums);

// The statistics of one column from its sampled values (NULLs included);
// `total_rows` is the table's row count the sample was drawn from.
catalog::ColumnStatistics ComputeColumnStatistics(int attnum, Oid type,
                                                  const std::vector<Value>& sample,
                                                  double total_rows);

}  // namespace strata::sql
