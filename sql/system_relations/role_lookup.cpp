// Roles and membership (see role_lookup.h).
#include "sql/system_relations/role_lookup.h"

#include <algorithm>
#include <set>

#include "sql/settings/session_settings.h"
#include "sql/system_relations/statement_catalog.h"

namespace strata::sql {

namespace {

using catalog::Oid;
using catalog::RoleDesc;

// initdb's roles with their OIDs (pg_authid.dat); pg_monitor is a member
// of pg_read_all_settings, pg_read_all_stats and pg_stat_scan_tables.
const std::vector<RoleDesc>& BuiltinRoles() {
  static const std::vector<RoleDesc> roles = [] {
    std::vector<RoleDesc> out;
    RoleDesc boot;
    boot.oid = kBootstrapRoleOid;
    boot.name = kBootstrapRoleName;
    boot.superuser = boot.create_role = boot.create_db = boot.can_login = boot.replication =
        boot.bypass_rls = true;
    out.push_back(boot);
    auto add = [&](Oid oid, const char* name, std::vector<catalog::RoleMember> members = {}) {
      RoleDesc r;
      r.oid = oid;
      r.name = name;
      r.members = std::move(members);
      out.push_back(std::move(r));
    };
    const catalog::RoleMember monitor{3373, kBootstrapRoleOid, false};
    add(3373, "pg_monitor");
    add(3374, "pg_read_all_settings", {monitor});
    add(3375, "pg_read_all_stats", {monitor});
    add(3377, "pg_stat_scan_tables", {monitor});
    add(4200, "pg_signal_backend");
    add(4544, "pg_checkpoint");
    add(4569, "pg_read_server_files");
    add(4570, "pg_write_server_files");
    add(4571, "pg_execute_server_program");
    add(kDatabaseOwnerRoleOid, "pg_database_owner");
    add(6181, "pg_read_all_data");
    add(6182, "pg_write_all_data");
    return out;
  }();
  return roles;
}

// Walks the roles `member` belongs to (itself first). `inherit_only`:
// follow memberships only out of roles with INHERIT (ROLERECURSE_PRIVS).
// `admin_of`: set *is_admin if some membership in that role along the way
// carries the admin option.
std::set<Oid> RolesMemberOf(const catalog::CatalogSnapshot& catalog, Oid member,
                            bool inherit_only, Oid admin_of = 0, bool* is_admin = nullptr) {
  const std::vector<const RoleDesc*> all = AllRoles(catalog);
  std::set<Oid> seen{member};
  std::vector<Oid> work{member};
  while (!work.empty()) {
    const Oid current = work.back();
    work.pop_back();
    if (inherit_only) {
      const RoleDesc* r = FindRoleByOid(catalog, current);
      if (r != nullptr && !r->inherit) continue;
    }
    for (const RoleDesc* role : all) {
      for (const catalog::RoleMember& m : role->members) {
        if (m.member != current) continue;
        if (role->oid == admin_of && m.admin_option && is_admin != nullptr) *is_admin = true;
        if (seen.insert(role->oid).second) work.push_back(role->oid);
      }
    }
  }
  return seen;
}

}  // namespace

bool IsBuiltinRole(Oid oid) {
  for (const RoleDesc& r : BuiltinRoles()) {
    if (r.oid == oid) return true;
  }
  return false;
}

std::vector<const RoleDesc*> AllRoles(const catalog::CatalogSnapshot& catalog) {
  std::vector<const RoleDesc*> out;
  for (const RoleDesc& r : BuiltinRoles()) {
    if (catalog.FindRole(r.oid) == nullptr) out.push_back(&r);
  }
  for (const auto& [oid, r] : catalog.roles()) out.push_back(&r);
  std::sort(out.begin(), out.end(),
            [](const RoleDesc* a, const RoleDesc* b) { return a->oid < b->oid; });
  return out;
}

// A stored record of a built-in role's OID (its members or attributes
// changed) takes the built-in definition's place.
const RoleDesc* FindRoleByName(const catalog::CatalogSnapshot& catalog, std::string_view name) {
  if (const RoleDesc* r = catalog.FindRole(name)) return r;
  for (const RoleDesc& r : BuiltinRoles()) {
    if (r.name == name) return catalog.FindRole(r.oid) != nullptr ? nullptr : &r;
  }
  return nullptr;
}

const RoleDesc* FindRoleByOid(const catalog::CatalogSnapshot& catalog, Oid oid) {
  if (const RoleDesc* r = catalog.FindRole(oid)) return r;
  for (const RoleDesc& r : BuiltinRoles()) {
    if (r.oid == oid) return &r;
  }
  return nullptr;
}

std::string SessionUserName() {
  const SessionSettings* settings = CurrentSessionSettingsOrNull();
  return settings != nullptr ? settings->Show("session_authorization")
                             : std::string(kBootstrapRoleName);
}

std::string CurrentUserName() {
  const SessionSettings* settings = CurrentSessionSettingsOrNull();
  if (settings == nullptr) return kBootstrapRoleName;
  const std::string& role = settings->Show("role");
  return role == "none" ? settings->Show("session_authorization") : role;
}

Oid SessionUserOid(const catalog::CatalogSnapshot& catalog) {
  const RoleDesc* r = FindRoleByName(catalog, SessionUserName());
  return r != nullptr ? r->oid : kBootstrapRoleOid;
}

Oid CurrentUserOid(const catalog::CatalogSnapshot& catalog) {
  const RoleDesc* r = FindRoleByName(catalog, CurrentUserName());
  return r != nullptr ? r->oid : kBootstrapRoleOid;
}

bool RoleIsSuperuser(const catalog::CatalogSnapshot& catalog, Oid role) {
  const RoleDesc* r = FindRoleByOid(catalog, role);
  return r != nullptr && r->superuser;
}

bool IsMemberOfRoleNoSuper(const catalog::CatalogSnapshot& catalog, Oid member, Oid role) {
  if (member == role) return true;
  return RolesMemberOf(catalog, member, false).count(role) != 0;
}

bool IsMemberOfRole(const catalog::CatalogSnapshot& catalog, Oid member, Oid role) {
  if (member == role || RoleIsSuperuser(catalog, member)) return true;
  return RolesMemberOf(catalog, member, false).count(role) != 0;
}

bool HasPrivsOfRole(const catalog::CatalogSnapshot& catalog, Oid member, Oid role) {
  if (member == role || RoleIsSuperuser(catalog, member)) return true;
  return RolesMemberOf(catalog, member, true).count(role) != 0;
}

bool IsAdminOfRole(const catalog::CatalogSnapshot& catalog, Oid member, Oid role) {
  if (RoleIsSuperuser(catalog, member)) return true;
  // A role administers itself only as the session user (PostgreSQL 15).
  if (member == role) return member == SessionUserOid(catalog);
  bool is_admin = false;
  RolesMemberOf(catalog, member, false, role, &is_admin);
  return is_admin;
}

}  // namespace strata::sql
