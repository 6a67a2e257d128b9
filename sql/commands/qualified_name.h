// Qualified object and type names as CREATE / DROP statements give them
// (schema.name or name): their text for messages, and the schema they name.
#pragma once

#include <string>
#include <vector>

#include "sql/ast/type_name.h"
#include "sql/commands/command_context.h"

namespace strata::sql {

// The name's parts joined by dots, as PostgreSQL's NameListToString.
std::string JoinQualifiedName(const std::vector<std::string>& name);

// A type name as written, with its array brackets (PostgreSQL's
// TypeNameToString): "xfloat8", "public.t", "int4[]".
std::string TypeNameText(const ast::TypeName& type);

// The schema of a name of one or two parts: the one it names, or the
// creation schema (ResolveSchema). More parts: 42601 "improper qualified
// name (too many dotted names)".
const catalog::NamespaceDesc& SchemaOfQualifiedName(const CommandContext& ctx,
                                                    const std::vector<std::string>& name);

}  // namespace strata::sql
