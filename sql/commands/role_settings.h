// Per-role and per-database settings (PostgreSQL's pg_db_role_setting):
// ALTER ROLE / DATABASE ... SET / RESET store "name=value" lists in the
// shared catalog (catalog::Catalog::PutRoleSetting), and a login starts with
// them, below what the client's startup packet sets.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "sql/ast/statement.h"
#include "sql/commands/command_context.h"

namespace strata::sql {

// Applies SET / RESET / RESET ALL `change` to the list of (database, role)
// (0: any), validating a value as SET would (the same errors). The caller
// has checked the privileges.
void AlterRoleSetting(CommandContext& ctx, catalog::Oid database, catalog::Oid role,
                      const ast::VariableSetStatement& change);

// The (name, value) pairs a session of `role` in `database` starts with, in
// PostgreSQL's order of precedence: database and role, then role, then
// database, then every role in every database; each name once.
std::vector<std::pair<std::string, std::string>> LoginSettings(
    const catalog::CatalogSnapshot& catalog, catalog::Oid database, catalog::Oid role);

}  // namespace strata::sql
