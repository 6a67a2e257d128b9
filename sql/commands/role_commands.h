// Role statements (sql/ast/role_statements.h): CREATE/ALTER/DROP ROLE,
// ALTER ROLE ... RENAME TO, GRANT/REVOKE role, with PostgreSQL 15's checks
// and messages (user.c). Each runs inside the CommandContext's transaction
// (roles are catalog records: transactional, persistent); DDL callers hold
// the catalog's ddl_mutex for the whole statement.
#pragma once

#include "sql/ast/role_statements.h"
#include "sql/ast/statement.h"
#include "sql/commands/command_context.h"
#include "sql/statement_output.h"

namespace strata::sql {

StatementOutput ExecuteRoleStatement(CommandContext& ctx, const ast::RoleStatement& stmt);

// SET ROLE / SET SESSION AUTHORIZATION (the role and session_authorization
// settings): checks the new value as PostgreSQL's check_role and
// SetSessionAuthorization do, before the settings take it. `value` is the
// value to be set ("none" for no role). Throws 22023 for a missing role,
// 42501 for a role the session user may not become (SET ROLE: not a member;
// SET SESSION AUTHORIZATION: the login role is no superuser and not that
// role).
void CheckRoleSetting(const catalog::CatalogSnapshot& catalog, const std::string& name,
                      const std::string& value);

}  // namespace strata::sql
