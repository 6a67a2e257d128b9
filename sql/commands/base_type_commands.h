// CREATE TYPE name (shell types) and CREATE TYPE name (INPUT = ..., OUTPUT
// = ..., ...) completing a shell into a base type (PostgreSQL's DefineType),
// and the lookups CREATE OPERATOR / CAST share: a function by name and
// argument types.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog_objects.h"
#include "sql/ast/type_statements.h"
#include "sql/commands/command_context.h"
#include "sql/statement_output.h"

namespace strata::sql {

StatementOutput CreateShellType(CommandContext& ctx, const ast::TypeStatement& stmt);
StatementOutput CreateBaseType(CommandContext& ctx, const ast::TypeStatement& stmt);

// The user-defined function `name` (qualified or found through the search
// path) taking exactly `args`; nullptr if none.
const catalog::FunctionDesc* FindFunctionBySignature(const CommandContext& ctx,
                                                     const std::vector<std::string>& name,
                                                     const std::vector<catalog::Oid>& args);
// "name(type,type)" as PostgreSQL's func_signature_string prints it.
std::string FunctionSignatureText(const std::vector<std::string>& name,
                                  const std::vector<catalog::Oid>& args);

// The WARNING PostgreSQL sends for an unrecognized attribute of a definition
// list (`type attribute "X" not recognized`), at `location`.
void WarnAt(const CommandContext& ctx, std::string message, int location);

}  // namespace strata::sql
