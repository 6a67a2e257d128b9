// ALTER VIEW (and ALTER TABLE naming a view, as PostgreSQL allows): RENAME,
// RENAME COLUMN, SET SCHEMA, ALTER COLUMN ... SET/DROP DEFAULT and SET /
// RESET of the view reloptions (check_option, security_barrier,
// security_invoker); OWNER TO is alter_owner.cpp's. Also the reloption
// rules CREATE VIEW shares.
//
// A view's stored query is text naming what it reads, so renaming a view
// (or its columns, or moving it) that other views read is refused (0A000)
// rather than leaving them broken.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog_objects.h"
#include "sql/ast/alter_table_statement.h"
#include "sql/commands/command_context.h"
#include "sql/statement_output.h"

namespace strata::sql {

StatementOutput ExecuteAlterView(CommandContext& ctx, const ast::AlterTableStatement& stmt,
                                 const catalog::ViewDesc& view);

// Applies SET (`reset` false) or RESET of `changes` to a view's reloptions
// ("name=value" strings), validated as PostgreSQL's view_reloptions: 22023
// for an unknown name or a bad value.
void ApplyViewOptions(const std::vector<std::pair<std::string, std::string>>& changes, bool reset,
                      std::vector<std::string>* options);

// 0A000 when `view` has a check_option but is not automatically updatable
// (PostgreSQL checks it at CREATE VIEW and ALTER VIEW).
void CheckViewCheckOption(const CommandContext& ctx, const catalog::ViewDesc& view);

}  // namespace strata::sql
