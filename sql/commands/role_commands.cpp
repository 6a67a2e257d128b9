// CREATE/ALTER/DROP ROLE, ALTER ROLE ... RENAME TO, GRANT/REVOKE role and
// the SET ROLE / SET SESSION AUTHORIZATION checks (see role_commands.h).
// The order of checks and the texts follow PostgreSQL 15's user.c
// (CreateRole, AlterRole, DropRole, RenameRole, AddRoleMems, DelRoleMems)
// and variable.c (check_role, SetSessionAuthorization).
//
// Memberships are stored on the granted role (RoleDesc::members). A
// built-in role (role_lookup.h) gets a catalog record of its own the first
// time one of its members or attributes changes.
#include "sql/commands/role_commands.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "common/scram_verifier.h"
#include "sql/commands/default_privileges.h"
#include "sql/commands/grant_commands.h"
#include "sql/commands/role_settings.h"
#include "sql/expr/md5.h"
#include "sql/settings/session_settings.h"
#include "sql/system_relations/role_lookup.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/types/datetime_io.h"

namespace strata::sql {

namespace {

using catalog::Oid;
using catalog::RoleDesc;

SqlError InsufficientPrivilege(const std::string& message) {
  return SqlError(SqlState::kInsufficientPrivilege, message);
}

// The catalog as this statement's transaction has changed it so far.
void Reload(CommandContext& ctx) {
  auto loaded = ctx.db->catalog()->LoadThrough(ctx.txn);
  if (!loaded.ok()) ThrowStatus(loaded.status());
  ctx.catalog = std::move(loaded).value();
}

bool IsReservedName(const std::string& name) { return name.rfind("pg_", 0) == 0; }

SqlError ReservedName(const std::string& name) {
  return SqlError(SqlState::kReservedName, "role name \"" + name + "\" is reserved")
      .WithDetail("Role names starting with \"pg_\" are reserved.");
}

SqlError NoSuchRole(const std::string& name) {
  return SqlError(SqlState::kUndefinedObject, "role \"" + name + "\" does not exist");
}

Oid CurrentUser(const CommandContext& ctx) { return CurrentUserOid(*ctx.catalog); }

bool CurrentIsSuperuser(const CommandContext& ctx) {
  return RoleIsSuperuser(*ctx.catalog, CurrentUser(ctx));
}

// have_createrole_privilege: superusers, and roles with CREATEROLE.
bool HaveCreateRolePrivilege(const CommandContext& ctx) {
  if (CurrentIsSuperuser(ctx)) return true;
  const RoleDesc* r = FindRoleByOid(*ctx.catalog, CurrentUser(ctx));
  return r != nullptr && r->create_role;
}

// get_rolespec_oid: the role a RoleSpec names; 42704 if none.
const RoleDesc& ResolveRoleSpec(const CommandContext& ctx, const ast::RoleSpec& spec) {
  std::string name;
  switch (spec.kind) {
    case ast::RoleSpec::Kind::kName:
      name = spec.name;
      break;
    case ast::RoleSpec::Kind::kCurrentRole:
    case ast::RoleSpec::Kind::kCurrentUser:
      name = CurrentUserName();
      break;
    case ast::RoleSpec::Kind::kSessionUser:
      name = SessionUserName();
      break;
    case ast::RoleSpec::Kind::kPublic:
      throw NoSuchRole("public");
  }
  const RoleDesc* r = FindRoleByName(*ctx.catalog, name);
  if (r == nullptr) throw NoSuchRole(name);
  return *r;
}

std::string RoleSpecName(const CommandContext& ctx, const ast::RoleSpec& spec) {
  return spec.kind == ast::RoleSpec::Kind::kName ? spec.name : ResolveRoleSpec(ctx, spec).name;
}

// Writes `role` (a built-in one becomes a stored record) and reloads.
void StoreRole(CommandContext& ctx, const RoleDesc& role) {
  ctx.db->catalog()->PutRole(ctx.txn, role);
  Reload(ctx);
}

// PostgreSQL's get_password_type: an MD5 hash ("md5" + 32 hex digits) or a
// SCRAM verifier is stored as given; anything else is a plain password.
bool IsMd5Hash(const std::string& p) {
  if (p.size() != 35 || p.rfind("md5", 0) != 0) return false;
  return std::all_of(p.begin() + 3, p.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// encrypt_password with password_encryption: what rolpassword stores for
// PASSWORD `given` of role `role_name`; nullopt (with the NOTICE) for ''.
std::optional<std::string> StoredPassword(const CommandContext& ctx, const std::string& given,
                                          const std::string& role_name) {
  if (given.empty()) {
    ctx.Notice(SqlState::kSuccessfulCompletion,
               "empty string is not a valid password, clearing password");
    return std::nullopt;
  }
  if (IsMd5Hash(given) || scram::IsScramVerifier(given)) return given;
  const SessionSettings* settings = CurrentSessionSettingsOrNull();
  if (settings != nullptr && settings->Show("password_encryption") == "md5") {
    return "md5" + Md5Hex(given + role_name);
  }
  return scram::MakeScramVerifier(given);
}

// The parsed options of CREATE/ALTER ROLE: each at most once.
struct RoleOptions {
  const ast::RoleOption* password = nullptr;
  const ast::RoleOption* superuser = nullptr;
  const ast::RoleOption* inherit = nullptr;
  const ast::RoleOption* create_role = nullptr;
  const ast::RoleOption* create_db = nullptr;
  const ast::RoleOption* can_login = nullptr;
  const ast::RoleOption* replication = nullptr;
  const ast::RoleOption* bypass_rls = nullptr;
  const ast::RoleOption* connection_limit = nullptr;
  const ast::RoleOption* valid_until = nullptr;
  const ast::RoleOption* add_role_to = nullptr;
  const ast::RoleOption* role_members = nullptr;
  const ast::RoleOption* admin_members = nullptr;
  int32_t connlimit = -1;
};

RoleOptions ParseOptions(const CommandContext& ctx, const std::vector<ast::RoleOption>& options,
                         bool create) {
  RoleOptions out;
  for (const ast::RoleOption& o : options) {
    const ast::RoleOption** slot = nullptr;
    if (o.name == "password") {
      slot = &out.password;
    } else if (o.name == "sysid" && create) {
      ctx.Notice(SqlState::kSuccessfulCompletion, "SYSID can no longer be specified");
      continue;
    } else if (o.name == "superuser") {
      slot = &out.superuser;
    } else if (o.name == "inherit") {
      slot = &out.inherit;
    } else if (o.name == "createrole") {
      slot = &out.create_role;
    } else if (o.name == "createdb") {
      slot = &out.create_db;
    } else if (o.name == "canlogin") {
      slot = &out.can_login;
    } else if (o.name == "isreplication") {
      slot = &out.replication;
    } else if (o.name == "connectionlimit") {
      slot = &out.connection_limit;
    } else if (o.name == "addroleto" && create) {
      slot = &out.add_role_to;
    } else if (o.name == "rolemembers") {
      slot = &out.role_members;
    } else if (o.name == "adminmembers" && create) {
      slot = &out.admin_members;
    } else if (o.name == "validUntil") {
      slot = &out.valid_until;
    } else if (o.name == "bypassrls") {
      slot = &out.bypass_rls;
    } else {
      throw SqlError(SqlState::kInternalError, "option \"" + o.name + "\" not recognized");
    }
    if (*slot != nullptr) {
      throw SqlError(SqlState::kSyntaxError, "conflicting or redundant options")
          .WithPosition(ctx.Position(o.location));
    }
    *slot = &o;
  }
  if (out.connection_limit != nullptr) {
    const int64_t limit = out.connection_limit->int_value;
    if (limit < -1) {
      throw SqlError(SqlState::kInvalidParameterValue,
                     "invalid connection limit: " + std::to_string(limit));
    }
    out.connlimit = static_cast<int32_t>(limit);
  }
  return out;
}

// AddRoleMems: makes each of `members` a member of `role`.
void AddRoleMembers(CommandContext& ctx, Oid role_oid, const std::vector<ast::RoleSpec>& members,
                    Oid grantor, bool admin_option) {
  if (members.empty()) return;
  const RoleDesc* role = FindRoleByOid(*ctx.catalog, role_oid);
  const std::string role_name = role->name;
  if (role->superuser) {
    if (!CurrentIsSuperuser(ctx)) throw InsufficientPrivilege("must be superuser to alter superusers");
  } else if (!HaveCreateRolePrivilege(ctx) && !IsAdminOfRole(*ctx.catalog, grantor, role_oid)) {
    throw InsufficientPrivilege("must have admin option on role \"" + role_name + "\"");
  }
  // pg_database_owner's one member is implicit (PostgreSQL 15 raises these
  // with elog: XX000).
  if (role_oid == kDatabaseOwnerRoleOid) {
    throw SqlError(SqlState::kInternalError,
                   "role \"" + role_name + "\" cannot have explicit members");
  }
  if (grantor != CurrentUser(ctx) && !CurrentIsSuperuser(ctx)) {
    throw InsufficientPrivilege("must be superuser to set grantor");
  }
  for (const ast::RoleSpec& spec : members) {
    const RoleDesc& member = ResolveRoleSpec(ctx, spec);
    const Oid member_oid = member.oid;
    const std::string member_name = RoleSpecName(ctx, spec);
    if (member_oid == kDatabaseOwnerRoleOid) {
      throw SqlError(SqlState::kInternalError,
                     "role \"" + member_name + "\" cannot be a member of any role");
    }
    // Refuse a cycle: `role` already a member of `member` (or itself).
    if (IsMemberOfRoleNoSuper(*ctx.catalog, role_oid, member_oid)) {
      throw SqlError(SqlState::kInvalidGrantOperation,
                     "role \"" + role_name + "\" is a member of role \"" + member_name + "\"");
    }
    RoleDesc changed = *FindRoleByOid(*ctx.catalog, role_oid);
    auto it = std::find_if(changed.members.begin(), changed.members.end(),
                           [&](const catalog::RoleMember& m) { return m.member == member_oid; });
    if (it != changed.members.end() && (!admin_option || it->admin_option)) {
      ctx.Notice(SqlState::kSuccessfulCompletion, "role \"" + member_name +
                                                      "\" is already a member of role \"" +
                                                      role_name + "\"");
      continue;
    }
    if (it != changed.members.end()) {
      it->admin_option = true;
      it->grantor = grantor;
    } else {
      changed.members.push_back(catalog::RoleMember{member_oid, grantor, admin_option});
    }
    StoreRole(ctx, changed);
  }
}

void Warning(const CommandContext& ctx, std::string message) {
  if (ctx.notices == nullptr) return;
  SqlErrorFields f;
  f.severity = ErrorSeverity::kWarning;
  f.sqlstate = SqlState::kWarning;
  f.message = std::move(message);
  ctx.notices->push_back(std::move(f));
}

// DelRoleMems: removes each of `members` from `role` (or only their admin
// option).
void DeleteRoleMembers(CommandContext& ctx, Oid role_oid,
                       const std::vector<ast::RoleSpec>& members, bool admin_option) {
  if (members.empty()) return;
  const RoleDesc* role = FindRoleByOid(*ctx.catalog, role_oid);
  const std::string role_name = role->name;
  if (role->superuser) {
    if (!CurrentIsSuperuser(ctx)) throw InsufficientPrivilege("must be superuser to alter superusers");
  } else if (!HaveCreateRolePrivilege(ctx) &&
             !IsAdminOfRole(*ctx.catalog, CurrentUser(ctx), role_oid)) {
    throw InsufficientPrivilege("must have admin option on role \"" + role_name + "\"");
  }
  for (const ast::RoleSpec& spec : members) {
    const Oid member_oid = ResolveRoleSpec(ctx, spec).oid;
    const std::string member_name = RoleSpecName(ctx, spec);
    RoleDesc changed = *FindRoleByOid(*ctx.catalog, role_oid);
    auto it = std::find_if(changed.members.begin(), changed.members.end(),
                           [&](const catalog::RoleMember& m) { return m.member == member_oid; });
    if (it == changed.members.end()) {
      Warning(ctx, "role \"" + member_name + "\" is not a member of role \"" + role_name + "\"");
      continue;
    }
    if (admin_option) {
      it->admin_option = false;
    } else {
      changed.members.erase(it);
    }
    StoreRole(ctx, changed);
  }
}

// Applies the attribute options to `role`.
void ApplyAttributes(const CommandContext& ctx, const RoleOptions& o, RoleDesc* role) {
  if (o.superuser != nullptr) role->superuser = o.superuser->bool_value;
  if (o.inherit != nullptr) role->inherit = o.inherit->bool_value;
  if (o.create_role != nullptr) role->create_role = o.create_role->bool_value;
  if (o.create_db != nullptr) role->create_db = o.create_db->bool_value;
  if (o.can_login != nullptr) role->can_login = o.can_login->bool_value;
  if (o.replication != nullptr) role->replication = o.replication->bool_value;
  if (o.bypass_rls != nullptr) role->bypass_rls = o.bypass_rls->bool_value;
  if (o.connection_limit != nullptr) role->connection_limit = o.connlimit;
  if (o.valid_until != nullptr) role->valid_until = ParseTimestampTz(o.valid_until->text.value());
  if (o.password != nullptr) {
    role->password = o.password->text ? StoredPassword(ctx, *o.password->text, role->name)
                                      : std::nullopt;
  }
}

StatementOutput CreateRole(CommandContext& ctx, const ast::RoleStatement& stmt) {
  StatementOutput result;
  result.command_tag = "CREATE ROLE";
  const RoleOptions o = ParseOptions(ctx, stmt.options, true);
  const bool superuser = o.superuser != nullptr && o.superuser->bool_value;
  if (superuser) {
    if (!CurrentIsSuperuser(ctx)) throw InsufficientPrivilege("must be superuser to create superusers");
  } else if (o.replication != nullptr && o.replication->bool_value) {
    if (!CurrentIsSuperuser(ctx)) {
      throw InsufficientPrivilege("must be superuser to create replication users");
    }
  } else if (o.bypass_rls != nullptr && o.bypass_rls->bool_value) {
    if (!CurrentIsSuperuser(ctx)) {
      throw InsufficientPrivilege("must be superuser to create bypassrls users");
    }
  } else if (!HaveCreateRolePrivilege(ctx)) {
    throw InsufficientPrivilege("permission denied to create role");
  }
  if (IsReservedName(stmt.name)) throw ReservedName(stmt.name);
  if (FindRoleByName(*ctx.catalog, stmt.name) != nullptr) {
    throw SqlError(SqlState::kDuplicateObject, "role \"" + stmt.name + "\" already exists");
  }
  RoleDesc role;
  role.name = stmt.name;
  role.can_login = stmt.create_kind == "USER";
  ApplyAttributes(ctx, o, &role);
  role.oid = ctx.db->catalog()->AllocateOid(ctx.txn);
  StoreRole(ctx, role);
  const Oid grantor = CurrentUser(ctx);
  if (o.add_role_to != nullptr) {
    ast::RoleSpec self;
    self.name = role.name;
    for (const ast::RoleSpec& spec : o.add_role_to->roles) {
      const Oid granted = ResolveRoleSpec(ctx, spec).oid;
      AddRoleMembers(ctx, granted, {self}, grantor, false);
    }
  }
  if (o.admin_members != nullptr) {
    AddRoleMembers(ctx, role.oid, o.admin_members->roles, grantor, true);
  }
  if (o.role_members != nullptr) {
    AddRoleMembers(ctx, role.oid, o.role_members->roles, grantor, false);
  }
  return result;
}

StatementOutput AlterRole(CommandContext& ctx, const ast::RoleStatement& stmt) {
  StatementOutput result;
  result.command_tag = "ALTER ROLE";
  const RoleOptions o = ParseOptions(ctx, stmt.options, false);
  if (o.role_members != nullptr && stmt.group_action == 0) {
    throw SqlError(SqlState::kInternalError, "option \"rolemembers\" not recognized");
  }
  const RoleDesc& current = ResolveRoleSpec(ctx, stmt.role);
  const Oid role_oid = current.oid;
  const bool dsuper = o.superuser != nullptr;
  if (current.superuser || dsuper) {
    if (!CurrentIsSuperuser(ctx)) {
      throw InsufficientPrivilege(
          "must be superuser to alter superuser roles or change superuser attribute");
    }
  } else if (current.replication || o.replication != nullptr) {
    if (!CurrentIsSuperuser(ctx)) {
      throw InsufficientPrivilege(
          "must be superuser to alter replication roles or change replication attribute");
    }
  } else if (o.bypass_rls != nullptr) {
    if (!CurrentIsSuperuser(ctx)) {
      throw InsufficientPrivilege("must be superuser to change bypassrls attribute");
    }
  } else if (!HaveCreateRolePrivilege(ctx)) {
    if (o.inherit != nullptr || o.create_role != nullptr || o.create_db != nullptr ||
        o.can_login != nullptr || o.connection_limit != nullptr || o.role_members != nullptr ||
        o.valid_until != nullptr || o.password == nullptr || role_oid != CurrentUser(ctx)) {
      throw InsufficientPrivilege("permission denied");
    }
  }
  // Every session acts as the bootstrap superuser until privileges are
  // enforced: it cannot stop being one (PostgreSQL 16 refuses it too).
  if (role_oid == kBootstrapRoleOid && dsuper && !o.superuser->bool_value) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "permission denied: bootstrap user must be superuser");
  }
  const bool changes_attributes =
      o.password != nullptr || o.superuser != nullptr || o.inherit != nullptr ||
      o.create_role != nullptr || o.create_db != nullptr || o.can_login != nullptr ||
      o.replication != nullptr || o.bypass_rls != nullptr || o.connection_limit != nullptr ||
      o.valid_until != nullptr;
  if (changes_attributes) {
    RoleDesc changed = current;
    ApplyAttributes(ctx, o, &changed);
    StoreRole(ctx, changed);
  }
  if (o.role_members != nullptr) {
    if (stmt.group_action > 0) {
      AddRoleMembers(ctx, role_oid, o.role_members->roles, CurrentUser(ctx), false);
    } else {
      DeleteRoleMembers(ctx, role_oid, o.role_members->roles, false);
    }
  }
  return result;
}

StatementOutput RenameRole(CommandContext& ctx, const ast::RoleStatement& stmt) {
  StatementOutput result;
  result.command_tag = "ALTER ROLE";
  const RoleDesc* role = FindRoleByName(*ctx.catalog, stmt.name);
  if (role == nullptr) throw NoSuchRole(stmt.name);
  if (role->oid == SessionUserOid(*ctx.catalog)) {
    throw SqlError(SqlState::kFeatureNotSupported, "session user cannot be renamed");
  }
  if (role->oid == CurrentUser(ctx)) {
    throw SqlError(SqlState::kFeatureNotSupported, "current user cannot be renamed");
  }
  if (IsReservedName(role->name)) throw ReservedName(role->name);
  if (IsReservedName(stmt.new_name)) throw ReservedName(stmt.new_name);
  if (FindRoleByName(*ctx.catalog, stmt.new_name) != nullptr) {
    throw SqlError(SqlState::kDuplicateObject, "role \"" + stmt.new_name + "\" already exists");
  }
  if (role->superuser) {
    if (!CurrentIsSuperuser(ctx)) throw InsufficientPrivilege("must be superuser to rename superusers");
  } else if (!HaveCreateRolePrivilege(ctx)) {
    throw InsufficientPrivilege("permission denied to rename role");
  }
  RoleDesc renamed = *role;
  renamed.name = stmt.new_name;
  // MD5 hashes are salted with the role name.
  if (renamed.password && IsMd5Hash(*renamed.password)) {
    renamed.password.reset();
    ctx.Notice(SqlState::kSuccessfulCompletion, "MD5 password cleared because of role rename");
  }
  StoreRole(ctx, renamed);
  return result;
}

StatementOutput DropRole(CommandContext& ctx, const ast::RoleStatement& stmt) {
  StatementOutput result;
  result.command_tag = "DROP ROLE";
  if (!HaveCreateRolePrivilege(ctx)) throw InsufficientPrivilege("permission denied to drop role");
  for (const ast::RoleSpec& spec : stmt.roles) {
    if (spec.kind != ast::RoleSpec::Kind::kName) {
      throw SqlError(SqlState::kInvalidParameterValue,
                     "cannot use special role specifier in DROP ROLE");
    }
    const RoleDesc* role = FindRoleByName(*ctx.catalog, spec.name);
    if (role == nullptr) {
      if (!stmt.missing_ok) throw NoSuchRole(spec.name);
      ctx.Notice(SqlState::kSuccessfulCompletion,
                 "role \"" + spec.name + "\" does not exist, skipping");
      continue;
    }
    const Oid oid = role->oid;
    if (oid == CurrentUser(ctx)) {
      throw SqlError(SqlState::kObjectInUse, "current user cannot be dropped");
    }
    if (oid == SessionUserOid(*ctx.catalog)) {
      throw SqlError(SqlState::kObjectInUse, "session user cannot be dropped");
    }
    if (role->superuser && !CurrentIsSuperuser(ctx)) {
      throw InsufficientPrivilege("must be superuser to drop superusers");
    }
    // Built-in roles are pinned. Objects are all owned by built-in roles,
    // so what can depend on another role is its privileges on objects.
    if (oid < catalog::kFirstNormalObjectId) {
      throw SqlError(SqlState::kDependentObjectsStillExist,
                     "cannot drop role " + role->name +
                         " because it is required by the database system");
    }
    CheckNoPrivilegesReferTo(ctx, oid, role->name);
    // Its memberships in other roles go with it.
    for (const catalog::RoleDesc* other : AllRoles(*ctx.catalog)) {
      if (other->oid == oid) continue;
      const bool member = std::any_of(other->members.begin(), other->members.end(),
                                      [&](const catalog::RoleMember& m) { return m.member == oid; });
      if (!member) continue;
      RoleDesc changed = *other;
      std::erase_if(changed.members, [&](const catalog::RoleMember& m) { return m.member == oid; });
      ctx.db->catalog()->PutRole(ctx.txn, changed);
    }
    ctx.db->catalog()->DeleteRole(ctx.txn, oid);
    Reload(ctx);
  }
  return result;
}

StatementOutput GrantRevokeRole(CommandContext& ctx, const ast::RoleStatement& stmt) {
  StatementOutput result;
  const bool grant = stmt.action == ast::RoleStatement::Action::kGrant;
  result.command_tag = grant ? "GRANT ROLE" : "REVOKE ROLE";
  const Oid grantor = stmt.grantor ? ResolveRoleSpec(ctx, *stmt.grantor).oid : CurrentUser(ctx);
  for (const ast::RoleSpec& spec : stmt.grantees) ResolveRoleSpec(ctx, spec);  // 42704 first
  for (const ast::RoleSpec& granted : stmt.roles) {
    const RoleDesc* role = FindRoleByName(*ctx.catalog, granted.name);
    if (role == nullptr) throw NoSuchRole(granted.name);
    if (grant) {
      AddRoleMembers(ctx, role->oid, stmt.grantees, grantor, stmt.admin_option);
    } else {
      DeleteRoleMembers(ctx, role->oid, stmt.grantees, stmt.admin_option);
    }
  }
  return result;
}

}  // namespace

// ALTER ROLE { name | ALL } [IN DATABASE db] SET / RESET (PostgreSQL's
// AlterRoleSet): a superuser role's settings need a superuser, another's
// CREATEROLE or being that role; ALL (every role) needs a superuser.
StatementOutput AlterRoleSet(CommandContext& ctx, const ast::RoleStatement& stmt) {
  const catalog::CatalogSnapshot& cat = *ctx.catalog;
  Oid role = 0;
  if (!stmt.all_roles) {
    const RoleDesc& r = ResolveRoleSpec(ctx, stmt.role);
    role = r.oid;
    if (r.superuser) {
      if (!CurrentIsSuperuser(ctx)) {
        throw SqlError(SqlState::kInsufficientPrivilege, "must be superuser to alter superusers");
      }
    } else if (!HaveCreateRolePrivilege(ctx) && role != CurrentUser(ctx)) {
      throw SqlError(SqlState::kInsufficientPrivilege, "permission denied");
    }
  }
  Oid database = 0;
  if (!stmt.in_database.empty()) {
    const catalog::DatabaseDesc* db = cat.FindDatabase(stmt.in_database);
    if (db == nullptr) {
      throw SqlError(SqlState::kUndefinedDatabase,
                     "database \"" + stmt.in_database + "\" does not exist");
    }
    database = db->oid;
  } else if (stmt.all_roles && !CurrentIsSuperuser(ctx)) {
    throw SqlError(SqlState::kInsufficientPrivilege, "must be superuser to alter settings globally");
  }
  AlterRoleSetting(ctx, database, role, *stmt.setting);
  StatementOutput result;
  result.command_tag = "ALTER ROLE";
  return result;
}

StatementOutput ExecuteRoleStatement(CommandContext& ctx, const ast::RoleStatement& stmt) {
  switch (stmt.action) {
    case ast::RoleStatement::Action::kCreate:
      return CreateRole(ctx, stmt);
    case ast::RoleStatement::Action::kAlter:
      return AlterRole(ctx, stmt);
    case ast::RoleStatement::Action::kRename:
      return RenameRole(ctx, stmt);
    case ast::RoleStatement::Action::kDrop:
      return DropRole(ctx, stmt);
    case ast::RoleStatement::Action::kGrant:
    case ast::RoleStatement::Action::kRevoke:
      return GrantRevokeRole(ctx, stmt);
    case ast::RoleStatement::Action::kGrantObject:
    case ast::RoleStatement::Action::kRevokeObject:
      return ExecuteGrantObjects(ctx, stmt);
    case ast::RoleStatement::Action::kAlterSet:
      return AlterRoleSet(ctx, stmt);
    case ast::RoleStatement::Action::kDefaultPrivileges:
      return ExecuteDefaultPrivileges(ctx, stmt);
  }
  throw SqlError(SqlState::kInternalError, "unknown role statement");
}

void CheckRoleSetting(const catalog::CatalogSnapshot& catalog, const std::string& name,
                      const std::string& value) {
  if (name == "role") {
    if (value == "none") return;
    const RoleDesc* role = FindRoleByName(catalog, value);
    if (role == nullptr) {
      throw SqlError(SqlState::kInvalidParameterValue, "role \"" + value + "\" does not exist");
    }
    if (!IsMemberOfRole(catalog, SessionUserOid(catalog), role->oid)) {
      throw SqlError(SqlState::kInsufficientPrivilege,
                     "permission denied to set role \"" + value + "\"");
    }
    return;
  }
  // session_authorization
  const RoleDesc* role = FindRoleByName(catalog, value);
  if (role == nullptr) {
    throw SqlError(SqlState::kInvalidParameterValue, "role \"" + value + "\" does not exist");
  }
  // SetSessionAuthorization: the role the session logged in as may become
  // anyone if it is a superuser, else only itself.
  const SessionSettings* settings = CurrentSessionSettingsOrNull();
  const std::string authenticated = settings != nullptr
                                        ? settings->ResetValue("session_authorization")
                                        : std::string(kBootstrapRoleName);
  const RoleDesc* login = FindRoleByName(catalog, authenticated);
  const bool login_superuser = login == nullptr || login->superuser;
  if (!login_superuser && role->oid != login->oid) {
    throw SqlError(SqlState::kInsufficientPrivilege, "permission denied to set session authorization");
  }
}

}  // namespace strata::sql
