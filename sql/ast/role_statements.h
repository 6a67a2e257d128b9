// Role statements (PostgreSQL's CreateRoleStmt, AlterRoleStmt,
// AlterRoleSetStmt, DropRoleStmt, GrantRoleStmt and RenameStmt of a role):
// one statement kind, told apart by `action`. GRANT/REVOKE of privileges on
// objects (GrantStmt) is one too: it shares the grantee handling.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sql/ast/statement.h"

namespace strata::sql::ast {

// A role named in a statement: a name, or CURRENT_ROLE / CURRENT_USER /
// SESSION_USER / PUBLIC (PostgreSQL's RoleSpec).
struct RoleSpec {
  enum class Kind { kName, kCurrentRole, kCurrentUser, kSessionUser, kPublic };
  Kind kind = Kind::kName;
  std::string name;
  int location = -1;
};

// One option of CREATE/ALTER ROLE as the grammar names it (DefElem):
// "superuser", "inherit", "createrole", "createdb", "canlogin",
// "isreplication", "bypassrls" (bool_value), "connectionlimit", "sysid"
// (int_value), "password" (text, nullopt: PASSWORD NULL), "validUntil"
// (text), "addroleto", "rolemembers", "adminmembers" (roles).
struct RoleOption {
  std::string name;
  bool bool_value = false;
  int64_t int_value = 0;
  std::optional<std::string> text;
  std::vector<RoleSpec> roles;
  int location = -1;
};

struct RoleStatement : Statement {
  RoleStatement() : Statement(StatementKind::kRoleDdl) {}

  enum class Action {
    kCreate,     // CREATE ROLE/USER/GROUP name [WITH] options
    kAlter,      // ALTER ROLE/USER role [WITH] options; ALTER GROUP ADD/DROP USER
    kAlterSet,   // ALTER ROLE ... [IN DATABASE db] SET/RESET ...
    kRename,     // ALTER ROLE name RENAME TO new_name
    kDrop,       // DROP ROLE [IF EXISTS] name, ...
    kGrant,      // GRANT role, ... TO role, ... [WITH ADMIN OPTION] [GRANTED BY]
    kRevoke,     // REVOKE [ADMIN OPTION FOR] role, ... FROM role, ... [CASCADE]
    kGrantObject,   // GRANT privileges ON object TO role, ... [WITH GRANT OPTION]
    kRevokeObject,  // REVOKE [GRANT OPTION FOR] privileges ON object FROM role, ...
    // ALTER DEFAULT PRIVILEGES [FOR ROLE r, ...] [IN SCHEMA s, ...] GRANT /
    // REVOKE ... ON TABLES | SEQUENCES | ...: privileges, grantees and
    // grant_option as GRANT's; default_is_grant, default_objtype, for_roles,
    // in_schemas below.
    kDefaultPrivileges,
  };
  // kGrantObject/kRevokeObject: what the privileges are on. kOther is any
  // other kind (sequences, databases, functions, ...): `object_words` names
  // it ("SEQUENCE", "DATABASE", ...) for the 0A000.
  enum class ObjectType { kTable, kSchema, kOther };
  struct Privilege {
    std::string name;       // lower case as the grammar gives it: "select", ...
    bool columns = false;   // SELECT (a, b): column privileges
    std::vector<std::string> column_names;  // a, b
    int location = -1;
  };
  Action action = Action::kCreate;
  // kCreate: "ROLE", "USER" or "GROUP" (USER implies LOGIN).
  std::string create_kind = "ROLE";
  std::string name;      // kCreate, kRename: the role's name
  std::string new_name;  // kRename
  RoleSpec role;         // kAlter, kAlterSet
  // kAlterSet: no role for ALTER ROLE ALL; IN DATABASE's name (empty: none);
  // the SET / RESET it stores.
  bool all_roles = false;
  // kDefaultPrivileges: GRANT (else REVOKE), the kind ('r' TABLES, 'S'
  // SEQUENCES, 'f' FUNCTIONS / ROUTINES, 'T' TYPES, 'n' SCHEMAS), FOR ROLE
  // (empty: the current user) and IN SCHEMA (empty: every schema).
  bool default_is_grant = true;
  char default_objtype = 'r';
  std::vector<RoleSpec> for_roles;
  std::vector<std::string> in_schemas;
  std::string in_database;
  std::shared_ptr<const VariableSetStatement> setting;
  std::vector<RoleOption> options;  // kCreate, kAlter
  // kAlter of ALTER GROUP: +1 ADD USER, -1 DROP USER (options "rolemembers").
  int group_action = 0;
  std::vector<RoleSpec> roles;     // kDrop; kGrant/kRevoke: the granted roles
  std::vector<RoleSpec> grantees;  // kGrant/kRevoke
  bool missing_ok = false;         // DROP ... IF EXISTS
  bool admin_option = false;       // WITH ADMIN OPTION / ADMIN OPTION FOR
  std::optional<RoleSpec> grantor;  // GRANTED BY
  bool cascade = false;            // REVOKE ... CASCADE
  // kGrantObject/kRevokeObject:
  ObjectType object_type = ObjectType::kTable;
  std::string object_words;
  std::vector<Privilege> privileges;  // empty: ALL [PRIVILEGES]
  bool all_in_schema = false;          // ALL TABLES IN SCHEMA s, ...
  std::vector<RangeVar> tables;        // ON [TABLE] t, ...
  std::vector<std::string> schemas;    // ON SCHEMA s, ...; ALL TABLES IN SCHEMA s, ...
  bool grant_option = false;           // WITH GRANT OPTION / GRANT OPTION FOR
};

}  // namespace strata::sql::ast
