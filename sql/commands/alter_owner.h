// ALTER SCHEMA / TABLE / SEQUENCE / VIEW ... OWNER TO (alter_owner.cpp).
#pragma once

#include "sql/ast/alter_owner_statement.h"
#include "sql/commands/command_context.h"
#include "sql/statement_output.h"

namespace strata::sql {

StatementOutput ExecuteAlterOwner(CommandContext& ctx, const ast::AlterOwnerStatement& stmt);

}  // namespace strata::sql
