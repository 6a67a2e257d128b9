// RunQuery: a SELECT (with or without FROM, VALUES, a set operation, with
// or without WITH) run to completion inside a table statement, with its
// output columns' names and types: what CREATE TABLE AS, CREATE VIEW,
// subqueries in FROM and CTEs build on. Any nested query should run through
// RunQuery (or RunTableQuery, table_commands.h) with the statement's
// CommandContext: WITH lists in scope live there (cte_scope.h).
#pragma once

#include <string>
#include <vector>

#include "sql/ast/statement.h"
#include "sql/commands/command_context.h"
#include "sql/table/table_codec.h"
#include "sql/types/data_type.h"

namespace strata::sql {

struct QueryRows {
  std::vector<std::string> names;
  std::vector<DataType> types;  // unknown-type literals already resolved to text
  std::vector<Row> rows;        // empty when ctx.analyze_only
};

// With ctx.analyze_only, names and types only (no rows).
QueryRows RunQuery(CommandContext& ctx, const ast::SelectStatement& stmt);

}  // namespace strata::sql
