// ALTER SCHEMA name OWNER TO role and ALTER TABLE / SEQUENCE / VIEW name
// OWNER TO role (pg_dump writes one after creating each object).
#pragma once

#include <string>

#include "sql/ast/statement.h"

namespace strata::sql::ast {

struct AlterOwnerStatement : Statement {
  AlterOwnerStatement() : Statement(StatementKind::kAlterOwner) {}
  // 'n' a schema (schema_name), 'd' a database (its name in schema_name); 'r' ALTER TABLE (any relation), 'S' ALTER
  // SEQUENCE, 'v' ALTER VIEW (relation).
  char target = 'r';
  std::string schema_name;
  RangeVar relation;
  bool if_exists = false;
  // The new owner: a role name, or owner_special "current_user" /
  // "session_user" (CURRENT_USER, CURRENT_ROLE, SESSION_USER).
  std::string new_owner;
  std::string owner_special;
};

}  // namespace strata::sql::ast
