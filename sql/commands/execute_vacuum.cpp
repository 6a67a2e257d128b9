// VACUUM / ANALYZE statements (see maintenance_commands.h): resolve the
// tables and column lists with PostgreSQL's errors, then compact and/or
// analyze each table.
#include <algorithm>
#include <cmath>
#include <string>

#include "sql/commands/maintenance_commands.h"
#include "sql/table_stats.h"
#include "sql/types/datetime_context.h"

namespace strata::sql {

namespace {

struct Resolved {
  const catalog::TableDesc* table;
  std::vector<int> attnums;  // columns to analyze
};

// Every live column when the statement names none; else the named ones.
std::vector<int> ResolveColumns(const catalog::TableDesc& table,
                                const std::vector<std::string>& names) {
  std::vector<int> attnums;
  if (names.empty()) {
    for (const catalog::ColumnDesc& c : table.columns) {
      if (!c.dropped) attnums.push_back(c.attnum);
    }
    return attnums;
  }
  for (const std::string& name : names) {
    auto it = std::find_if(table.columns.begin(), table.columns.end(),
                           [&](const catalog::ColumnDesc& c) { return !c.dropped && c.name == name; });
    if (it == table.columns.end()) {
      throw SqlError(SqlState::kUndefinedColumn, "column \"" + name + "\" of relation \"" +
                                                     table.name + "\" does not exist");
    }
    if (std::find(attnums.begin(), attnums.end(), it->attnum) != attnums.end()) {
      throw SqlError(SqlState::kDuplicateColumn, "column \"" + name + "\" of relation \"" +
                                                     table.name + "\" appears more than once");
    }
    attnums.push_back(it->attnum);
  }
  return attnums;
}

}  // namespace

void CompactTrees(Database* db, const std::vector<storage::TreeId>& trees) {
  storage::Engine* engine = db->engine();
  for (storage::TreeId tree : trees) {
    if (Status s = engine->Flush(tree); !s.ok()) ThrowStatus(s);
    if (Status s = engine->CompactRange(tree); !s.ok()) ThrowStatus(s);
  }
}

StatementOutput ExecuteVacuum(CommandContext& ctx, const ast::VacuumStatement& stmt,
                              std::vector<storage::TreeId>* trees_to_compact) {
  StatementOutput result;
  result.command_tag = stmt.is_vacuum ? "VACUUM" : "ANALYZE";
  if (stmt.is_vacuum && !stmt.analyze) {
    for (const auto& target : stmt.targets) {
      if (!target.columns.empty()) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "ANALYZE option must be specified when a column list is provided");
      }
    }
  }
  std::vector<Resolved> work;
  if (stmt.targets.empty()) {
    for (const auto& [oid, table] : ctx.catalog->tables()) {
      work.push_back({table.get(), ResolveColumns(*table, {})});
    }
  } else {
    for (const auto& target : stmt.targets) {
      const catalog::TableDesc* table = FindTable(ctx, target.table);
      if (table == nullptr) {
        // RangeVarGetRelid's error: no position (VACUUM has no parse state).
        const std::string shown = target.table.schema.empty()
                                      ? target.table.name
                                      : target.table.schema + "." + target.table.name;
        throw SqlError(SqlState::kUndefinedTable, "relation \"" + shown + "\" does not exist");
      }
      work.push_back({table, ResolveColumns(*table, target.columns)});
    }
  }
  const int64_t now = CurrentTimestamp();
  for (const Resolved& r : work) {
    if (stmt.is_vacuum) {
      trees_to_compact->push_back(r.table->tree);
      GlobalTableStats().ReportVacuum(r.table->oid, now);
    }
    if (stmt.analyze) {
      catalog::TableStatistics stats = AnalyzeTable(ctx.txn, *r.table, r.attnums);
      GlobalTableStats().ReportAnalyze(r.table->oid, std::llround(stats.reltuples),
                                       /*autoanalyze=*/false, now);
      catalog::PutTableStatistics(ctx.txn, ctx.db->catalog()->key_scope(), stats);
    }
  }
  return result;
}

}  // namespace strata::sql
