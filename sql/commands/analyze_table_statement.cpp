// AnalyzeTableStatement: parse analysis of a table statement being prepared
// (Parse message, SQL PREPARE), PostgreSQL's parse_analyze_varparams for
// SELECT ... FROM, INSERT, UPDATE and DELETE. The statement's own Execute*
// function runs with CommandContext::analyze_only: it resolves names in the
// current catalog snapshot and binds every clause (inferring the $n types
// into `params`), then returns its result columns without reading or writing
// a row. No transaction is opened: a snapshot of the catalog is a consistent,
// read-only view, and nothing of the analysis is kept but types and columns
// (the portal binds again against the catalog it runs with).
#include "sql/commands/table_commands.h"

namespace strata::sql {

StatementOutput AnalyzeTableStatement(Database* db, std::string_view query,
                                      const ast::Statement& statement, ParameterTypes* params,
                                      std::shared_ptr<const catalog::CatalogSnapshot> catalog) {
  if (db == nullptr) {
    throw SqlError(SqlState::kFeatureNotSupported, "tables are not available in this session");
  }
  CommandContext ctx;
  ctx.db = db;
  ctx.catalog = catalog ? std::move(catalog) : db->catalog()->Current();
  ctx.query = query;
  ctx.params = params;
  ctx.analyze_only = true;
  switch (statement.kind) {
    case ast::StatementKind::kSelect:
      return ExecuteTableSelect(ctx, static_cast<const ast::SelectStatement&>(statement));
    case ast::StatementKind::kInsert:
      return ExecuteInsert(ctx, static_cast<const ast::InsertStatement&>(statement));
    case ast::StatementKind::kUpdate:
      return ExecuteUpdate(ctx, static_cast<const ast::UpdateStatement&>(statement));
    case ast::StatementKind::kDelete:
      return ExecuteDelete(ctx, static_cast<const ast::DeleteStatement&>(statement));
    case ast::StatementKind::kMerge:
      return ExecuteMerge(ctx, static_cast<const ast::MergeStatement&>(statement));
    default:
      throw SqlError(SqlState::kInternalError,
                     "statement kind cannot be analyzed as a table statement");
  }
}

}  // namespace strata::sql
