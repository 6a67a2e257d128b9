// CREATE TYPE ... AS ENUM, ALTER TYPE ... ADD VALUE / RENAME VALUE and
// DROP TYPE (sql/ast/type_statements.h), with PostgreSQL 15's checks and
// errors. Types live in the catalog (catalog::TypeDesc); the rest of the SQL
// layer sees them through sql/types/user_types.h.
#pragma once

#include "sql/ast/type_statements.h"
#include "sql/commands/command_context.h"
#include "sql/statement_output.h"

namespace strata::sql {

StatementOutput ExecuteTypeStatement(CommandContext& ctx, const ast::TypeStatement& stmt);

}  // namespace strata::sql
