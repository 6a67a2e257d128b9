// CREATE / ALTER / DROP OPERATOR and CREATE / DROP CAST
// (sql/ast/operator_statements.h) with PostgreSQL 15's checks and errors
// (operatorcmds.c, pg_operator.c, functioncmds.c's CreateCast). Operators
// and casts live in the catalog (catalog::OperatorDesc, CastDesc); the
// binder resolves them (binder/bind_user_operator.cpp, coercion.cpp).
#pragma once

#include "catalog/catalog_objects.h"
#include "sql/ast/operator_statements.h"
#include "sql/commands/command_context.h"
#include "sql/statement_output.h"

namespace strata::sql {

StatementOutput ExecuteOperatorStatement(CommandContext& ctx, const ast::OperatorStatement& stmt);

// LookupOperWithArgs(): the user-defined operator `ref` names (42601 for a
// postfix signature, 42883 if none); nullptr only when `missing_ok`. Sets
// *builtin when a built-in operator has that signature (it is not ours to
// change).
const catalog::OperatorDesc* LookupOperator(const CommandContext& ctx, const ast::OperatorRef& ref,
                                            bool missing_ok, bool* builtin = nullptr);

// CREATE CAST / DROP CAST (cast_commands.cpp).
StatementOutput CreateCast(CommandContext& ctx, const ast::OperatorStatement& stmt);
StatementOutput DropCast(CommandContext& ctx, const ast::OperatorStatement& stmt);

}  // namespace strata::sql
