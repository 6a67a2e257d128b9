// RunQuery: a SELECT (with or without FROM, or VALUES) run to completion
// inside a table statement, with its output columns' names and types: what
// CREATE TABLE AS, CREATE VIEW and subqueries in FROM build on.
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

QueryRows RunQuery(CommandContext& ctx, const ast::SelectStatement& stmt);

}  // namespace strata::sql
