// ALTER DEFAULT PRIVILEGES and the ACL of a new object (see
// default_privileges.h).
#include "sql/commands/default_privileges.h"

#include <algorithm>

#include "common/sql_error.h"
#include "sql/commands/grant_commands.h"
#include "sql/database.h"
#include "sql/system_relations/object_acl.h"
#include "sql/system_relations/role_lookup.h"
#include "sql/system_relations/statement_catalog.h"

namespace strata::sql {

namespace {

using catalog::AclItem;
using catalog::DefaultAclKey;
using catalog::Oid;

// acldefault's kind letter for a pg_default_acl kind.
char AclDefaultKind(char objtype) { return objtype == 'S' ? 's' : objtype; }

std::vector<AclItem> OwnerDefaults(char objtype, Oid owner) {
  return AclDefault(AclDefaultKind(objtype), owner).value_or(std::vector<AclItem>{});
}

// aclmerge: `extra`'s items joined into `acl`, one item per (grantee,
// grantor).
void Merge(std::vector<AclItem>* acl, const std::vector<AclItem>& extra) {
  for (const AclItem& item : extra) {
    auto same = std::find_if(acl->begin(), acl->end(), [&](const AclItem& a) {
      return a.grantee == item.grantee && a.grantor == item.grantor;
    });
    if (same == acl->end()) {
      acl->push_back(item);
    } else {
      same->privileges |= item.privileges;
      same->grant_options |= item.grant_options;
    }
  }
}

// aclitemsort: by grantee, grantor, privileges (PUBLIC first).
void SortItems(std::vector<AclItem>* acl) {
  std::sort(acl->begin(), acl->end(), [](const AclItem& x, const AclItem& y) {
    return std::tuple(x.grantee, x.grantor, x.privileges) <
           std::tuple(y.grantee, y.grantor, y.privileges);
  });
}

// aclequal after aclitemsort: the same items in any order.
bool SameItems(std::vector<AclItem> a, std::vector<AclItem> b) {
  auto key = [](const AclItem& x) {
    return std::tuple(x.grantee, x.grantor, x.privileges, x.grant_options);
  };
  auto less = [&](const AclItem& x, const AclItem& y) { return key(x) < key(y); };
  std::sort(a.begin(), a.end(), less);
  std::sort(b.begin(), b.end(), less);
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(),
                    [&](const AclItem& x, const AclItem& y) { return key(x) == key(y); });
}

const char* KindWords(char objtype) {
  switch (objtype) {
    case 'f': return "FUNCTIONS";
    case 'T': return "TYPES";
    default: return "SCHEMAS";
  }
}

}  // namespace

StatementOutput ExecuteDefaultPrivileges(CommandContext& ctx, const ast::RoleStatement& stmt) {
  const catalog::CatalogSnapshot& cat = *ctx.catalog;
  const char objtype = stmt.default_objtype;
  if (objtype == 'n' && !stmt.in_schemas.empty()) {
    throw SqlError(SqlState::kInvalidGrantOperation,
                   "cannot use IN SCHEMA clause when using GRANT/REVOKE ON SCHEMAS");
  }
  if (objtype != 'r' && objtype != 'S') {
    throw SqlError(SqlState::kFeatureNotSupported,
                   std::string("ALTER DEFAULT PRIVILEGES ... ON ") + KindWords(objtype) +
                       " is not supported yet");
  }
  const uint32_t all = objtype == 'r' ? catalog::kAclAllTable
                                      : (catalog::kAclSelect | catalog::kAclUpdate |
                                         catalog::kAclUsage);
  const uint32_t privs = GrantPrivilegeBits(stmt) & all;
  if (objtype == 'r' && !stmt.privileges.empty() &&
      (GrantPrivilegeBits(stmt) & catalog::kAclUsage) != 0) {
    throw SqlError(SqlState::kInvalidGrantOperation, "invalid privilege type USAGE for relation");
  }
  std::vector<Oid> grantees;
  for (const ast::RoleSpec& spec : stmt.grantees) {
    const Oid grantee = GrantGranteeOid(ctx, spec);
    if (stmt.default_is_grant && stmt.grant_option && grantee == catalog::kAclPublic) {
      throw SqlError(SqlState::kInvalidGrantOperation,
                     "grant options can only be granted to roles");
    }
    grantees.push_back(grantee);
  }
  // FOR ROLE: roles whose privileges the current user has; default itself.
  const Oid current = CurrentUserOid(cat);
  std::vector<Oid> roles;
  for (const ast::RoleSpec& spec : stmt.for_roles) {
    const Oid role = GrantGranteeOid(ctx, spec);
    if (!IsMemberOfRole(cat, current, role)) {
      throw SqlError(SqlState::kInsufficientPrivilege,
                     "must be member of role \"" + RoleName(role) + "\"");
    }
    roles.push_back(role);
  }
  if (roles.empty()) roles.push_back(current);
  std::vector<Oid> schemas;
  for (const std::string& name : stmt.in_schemas) {
    const catalog::NamespaceDesc* ns = cat.FindNamespace(name);
    if (ns == nullptr) {
      throw SqlError(SqlState::kInvalidSchemaName, "schema \"" + name + "\" does not exist");
    }
    schemas.push_back(ns->oid);
  }
  if (schemas.empty()) schemas.push_back(0);
  for (Oid role : roles) {
    for (Oid ns : schemas) {
      const DefaultAclKey key{role, ns, objtype};
      // Every schema: the stored list replaces the owner's defaults; one
      // schema: its list adds to them.
      const std::vector<AclItem> base = ns == 0 ? OwnerDefaults(objtype, role)
                                                : std::vector<AclItem>{};
      auto stored = cat.default_acls().find(key);
      std::vector<AclItem> acl = stored != cat.default_acls().end() ? stored->second : base;
      for (Oid grantee : grantees) {
        ApplyAclChange(&acl, stmt.default_is_grant, stmt.grant_option, grantee, role, privs);
      }
      SortItems(&acl);
      if (SameItems(acl, base)) {
        if (stored != cat.default_acls().end()) ctx.db->catalog()->PutDefaultAcl(ctx.txn, key, std::nullopt);
      } else {
        ctx.db->catalog()->PutDefaultAcl(ctx.txn, key, acl);
      }
    }
  }
  StatementOutput result;
  result.command_tag = "ALTER DEFAULT PRIVILEGES";
  return result;
}

std::optional<std::vector<AclItem>> NewObjectAcl(const catalog::CatalogSnapshot& catalog,
                                                 char objtype, Oid owner, Oid namespace_oid) {
  const auto& all = catalog.default_acls();
  auto global = all.find(DefaultAclKey{owner, 0, objtype});
  auto in_schema = all.find(DefaultAclKey{owner, namespace_oid, objtype});
  if (global == all.end() && in_schema == all.end()) return std::nullopt;
  const std::vector<AclItem> defaults = OwnerDefaults(objtype, owner);
  std::vector<AclItem> acl = global != all.end() ? global->second : defaults;
  if (in_schema != all.end()) Merge(&acl, in_schema->second);
  if (SameItems(acl, defaults)) return std::nullopt;
  SortItems(&acl);
  return acl;
}

void ApplyDefaultPrivileges(CommandContext& ctx, char objtype, Oid owner, Oid namespace_oid,
                            Oid oid) {
  const auto acl = NewObjectAcl(*ctx.catalog, objtype, owner, namespace_oid);
  if (acl) ctx.db->catalog()->PutAcl(ctx.txn, catalog::AclTarget{catalog::kPgClassOid, oid}, *acl);
}

}  // namespace strata::sql
