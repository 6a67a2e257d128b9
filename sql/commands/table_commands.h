// Table statements: each runs inside the CommandContext's transaction and
// returns its result; the session commits (or, on an SqlError, rolls back).
// DDL callers hold the catalog's ddl_mutex for the whole statement.
#pragma once

#include "sql/ast/table_statements.h"
#include "sql/commands/command_context.h"
#include "sql/commands/result_rows.h"
#include "sql/sql_session.h"

namespace strata::sql {

// create_table.cpp
StatementResult ExecuteCreateTable(CommandContext& ctx, const ast::CreateTableStatement& stmt);
// drop_commands.cpp
StatementResult ExecuteDropTable(CommandContext& ctx, const ast::DropTableStatement& stmt);
StatementResult ExecuteTruncate(CommandContext& ctx, const ast::TruncateStatement& stmt);
StatementResult ExecuteCreateSchema(CommandContext& ctx, const ast::CreateSchemaStatement& stmt);
StatementResult ExecuteDropSchema(CommandContext& ctx, const ast::DropSchemaStatement& stmt);
// execute_insert.cpp, execute_update_delete.cpp
StatementResult ExecuteInsert(CommandContext& ctx, const ast::InsertStatement& stmt);
StatementResult ExecuteUpdate(CommandContext& ctx, const ast::UpdateStatement& stmt);
StatementResult ExecuteDelete(CommandContext& ctx, const ast::DeleteStatement& stmt);
// execute_table_select.cpp: SELECT ... FROM table.
struct TableQueryResult {
  std::vector<OutputTarget> targets;  // names and types (exprs are spent)
  std::vector<Row> rows;
};
TableQueryResult RunTableQuery(CommandContext& ctx, const ast::SelectStatement& stmt);
StatementResult ExecuteTableSelect(CommandContext& ctx, const ast::SelectStatement& stmt);

}  // namespace strata::sql
