// Table statements: each runs inside the CommandContext's transaction and
// returns its result; the session commits (or, on an SqlError, rolls back).
// DDL callers hold the catalog's ddl_mutex for the whole statement.
#pragma once

#include <functional>

#include "sql/ast/alter_table_statement.h"
#include "sql/ast/merge_statement.h"
#include "sql/ast/query_ddl_statements.h"
#include "sql/ast/table_statements.h"
#include "sql/commands/command_context.h"
#include "sql/commands/result_rows.h"
#include "sql/statement_output.h"

namespace strata::sql {

// create_table.cpp
StatementOutput ExecuteCreateTable(CommandContext& ctx, const ast::CreateTableStatement& stmt);
// The schema a new table goes in: the session's temporary one for TEMP or
// pg_temp.name (created if missing), else the named or creation schema.
catalog::NamespaceDesc NewTableNamespace(CommandContext& ctx, const ast::RangeVar& table,
                                         bool temporary);
// alter_table.cpp
StatementOutput ExecuteAlterTable(CommandContext& ctx, const ast::AlterTableStatement& stmt);
// create_table_as.cpp: CREATE TABLE AS, SELECT INTO.
// `query` replaces stmt.query (CREATE TABLE AS EXECUTE: the prepared SELECT,
// with ctx's parameters).
StatementOutput ExecuteCreateTableAs(CommandContext& ctx, const ast::CreateTableAsStatement& stmt,
                                     const ast::SelectStatement* query = nullptr);
// view_commands.cpp
StatementOutput ExecuteCreateView(CommandContext& ctx, const ast::CreateViewStatement& stmt);
StatementOutput ExecuteDropView(CommandContext& ctx, const ast::DropViewStatement& stmt);
// drop_commands.cpp
StatementOutput ExecuteDropTable(CommandContext& ctx, const ast::DropTableStatement& stmt);
StatementOutput ExecuteTruncate(CommandContext& ctx, const ast::TruncateStatement& stmt);
StatementOutput ExecuteCreateSchema(CommandContext& ctx, const ast::CreateSchemaStatement& stmt);
StatementOutput ExecuteDropSchema(CommandContext& ctx, const ast::DropSchemaStatement& stmt);
StatementOutput ExecuteRenameSchema(CommandContext& ctx, const ast::RenameSchemaStatement& stmt);
// execute_insert.cpp, execute_update_delete.cpp
StatementOutput ExecuteInsert(CommandContext& ctx, const ast::InsertStatement& stmt);
StatementOutput ExecuteUpdate(CommandContext& ctx, const ast::UpdateStatement& stmt);
StatementOutput ExecuteDelete(CommandContext& ctx, const ast::DeleteStatement& stmt);
// execute_merge.cpp
StatementOutput ExecuteMerge(CommandContext& ctx, const ast::MergeStatement& stmt);
// execute_table_select.cpp: SELECT ... FROM table.
struct TableQueryResult {
  std::vector<OutputTarget> targets;  // names and types (exprs are spent)
  std::vector<Row> rows;
};
// Takes a query's rows one at a time, in order, as the plan makes them
// (then TableQueryResult::rows stays empty).
using QueryRowSink = std::function<void(Row&&)>;
// Any SELECT (run_query.cpp): WITH, set operations and VALUES go through
// RunQuery and come back as column references over the result rows (no
// column origins); everything else is RunSelectCore.
TableQueryResult RunTableQuery(CommandContext& ctx, const ast::SelectStatement& stmt,
                               const QueryRowSink* sink = nullptr);
// One SELECT [FROM ...] (no set operation; its WITH is already in scope):
// the plan of execute_table_select.cpp. No FROM: one empty input row.
// `join_order`: the FROM layout a first planning chose (PlanFrom's
// leaf_offsets); the statement is then planned with its tables in that order.
TableQueryResult RunSelectCore(CommandContext& ctx, const ast::SelectStatement& stmt,
                               const QueryRowSink* sink = nullptr,
                               const std::vector<size_t>* join_order = nullptr);
StatementOutput ExecuteTableSelect(CommandContext& ctx, const ast::SelectStatement& stmt);
// select_without_from.cpp: whether a SELECT without FROM must run as a table
// statement: it has a subquery expression or a set-returning call in its
// select list (the constant path evaluates one row of scalars).
bool SelectNeedsTableQuery(const ast::SelectStatement& stmt);
// Whether a SELECT's select list calls a set-returning function (it then needs
// RunSelectCore's ProjectSet, even without FROM).
bool SelectListCallsSetReturningFunction(const ast::SelectStatement& stmt);

// analyze_table_statement.cpp: binds SELECT ... FROM / INSERT / UPDATE /
// DELETE against the current catalog without running it (Parse, PREPARE):
// infers $n types into `params` (kVariable) and returns the result columns
// (returns_rows false: NoData). Throws the statement's bind-time SqlErrors
// (42P01, 42703, ...). `db` null: 0A000, tables are not available.
// `catalog`: a transaction block's own catalog after its DDL (null: the
// shared one).
StatementOutput AnalyzeTableStatement(
    Database* db, std::string_view query, const ast::Statement& statement,
    ParameterTypes* params, std::shared_ptr<const catalog::CatalogSnapshot> catalog = nullptr);

}  // namespace strata::sql
