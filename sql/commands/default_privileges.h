// ALTER DEFAULT PRIVILEGES (PostgreSQL's SetDefaultACL and
// get_user_default_acl): per creating role, for every schema or one, the
// ACL new tables / views (and sequences) start with instead of the owner's
// defaults; stored as catalog::DefaultAclKey lists, shown by pg_default_acl
// and psql's \ddp. ON FUNCTIONS / TYPES / SCHEMAS are 0A000 (GRANT on those
// objects is not supported either).
#pragma once

#include <optional>
#include <vector>

#include "catalog/acl_item.h"
#include "catalog/catalog.h"
#include "sql/ast/role_statements.h"
#include "sql/commands/command_context.h"
#include "sql/statement_output.h"

namespace strata::sql {

StatementOutput ExecuteDefaultPrivileges(CommandContext& ctx, const ast::RoleStatement& stmt);

// The ACL a new relation ('r') or sequence ('S') owned by `owner` in schema
// `namespace_oid` starts with; nullopt when that is the owner's defaults (a
// NULL relacl).
std::optional<std::vector<catalog::AclItem>> NewObjectAcl(const catalog::CatalogSnapshot& catalog,
                                                          char objtype, catalog::Oid owner,
                                                          catalog::Oid namespace_oid);
// Stores that ACL for the new object `oid` (pg_class), if it is not NULL.
void ApplyDefaultPrivileges(CommandContext& ctx, char objtype, catalog::Oid owner,
                            catalog::Oid namespace_oid, catalog::Oid oid);

}  // namespace strata::sql
