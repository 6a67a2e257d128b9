// CREATE [OR REPLACE] FUNCTION, ALTER FUNCTION and DROP FUNCTION for LANGUAGE sql functions
// (function_commands.cpp); calls are user_function_call.h.
#pragma once

#include "sql/ast/function_statements.h"
#include "sql/commands/command_context.h"
#include "sql/statement_output.h"

namespace strata::sql {

StatementOutput ExecuteCreateFunction(CommandContext& ctx,
                                      const ast::CreateFunctionStatement& stmt);
StatementOutput ExecuteDropFunction(CommandContext& ctx, const ast::DropFunctionStatement& stmt);
StatementOutput ExecuteAlterFunction(CommandContext& ctx,
                                     const ast::AlterFunctionStatement& stmt);
// The one function `ref` names (in its schema or the search path; with its
// argument types unless they were left out), or PostgreSQL's error: 42883
// `function f(integer) does not exist` / `could not find a function named
// "f"`, 42725 when several match.
const catalog::FunctionDesc& LookupOneFunction(const CommandContext& ctx,
                                               const ast::FunctionRef& ref);

}  // namespace strata::sql
