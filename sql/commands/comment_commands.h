// COMMENT ON ... IS ...: finds the object PostgreSQL's way and stores its
// description in the catalog (pg_description; see comment_commands.cpp).
#pragma once

#include "sql/ast/comment_statement.h"
#include "sql/commands/command_context.h"
#include "sql/statement_output.h"

namespace strata::sql {

StatementOutput ExecuteComment(CommandContext& ctx, const ast::CommentStatement& stmt);

}  // namespace strata::sql
