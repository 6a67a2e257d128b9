// GRANT/REVOKE of privileges on tables, views, sequences, schemas and
// databases, and on the columns of tables and views (PostgreSQL's
// GrantStmt, aclchk.c): updates the objects' ACLs (catalog/acl_item.h).
// Functions, default privileges and column privileges on sequences are
// 0A000. Runs inside the CommandContext's transaction; the caller holds
// the catalog's ddl_mutex.
#pragma once

#include "sql/ast/role_statements.h"
#include "sql/commands/command_context.h"
#include "sql/statement_output.h"

namespace strata::sql {

StatementOutput ExecuteGrantObjects(CommandContext& ctx, const ast::RoleStatement& stmt);

// The pieces ALTER DEFAULT PRIVILEGES shares with GRANT: the privilege bits
// a statement names (checked for its object kind; ALL = every privilege of
// the kind), the role a grantee names (PUBLIC = kAclPublic), and one
// grantee's change to a list (aclupdate).
uint32_t GrantPrivilegeBits(const ast::RoleStatement& stmt);
catalog::Oid GrantGranteeOid(const CommandContext& ctx, const ast::RoleSpec& spec);
void ApplyAclChange(std::vector<catalog::AclItem>* acl, bool grant, bool grant_option,
                    catalog::Oid grantee, catalog::Oid grantor, uint32_t privs);

// DROP ROLE's check (shdepDropOwned's "some objects depend on it"): throws
// 2BP01 naming every table, view, sequence and schema `role` owns or whose
// ACL (or a column's) mentions it.
void CheckNoPrivilegesReferTo(const CommandContext& ctx, catalog::Oid role,
                              const std::string& role_name);

}  // namespace strata::sql
