// Object ACLs: defaults, aclitem text and the privilege mask (see
// object_acl.h). The rules follow PostgreSQL 15's acl.c (acldefault,
// aclitemout, putid, aclmask).
#include "sql/system_relations/object_acl.h"

#include <algorithm>
#include <cctype>

#include "sql/system_relations/role_lookup.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/system_relations/system_values.h"
#include "sql/types/array_value.h"

namespace strata::sql {

using catalog::AclItem;
using catalog::AclTarget;
using catalog::Oid;

namespace {

constexpr Oid kAclItemType = 1033;

// The letters of PostgreSQL's ACL_ALL_RIGHTS_STR, in bit order.
constexpr const char* kAclLetters = "arwdDxtXUCTcsA";

// putid: a role name as aclitemout prints it.
std::string PutId(const std::string& name) {
  bool safe = !name.empty();
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') safe = false;
  }
  if (safe) return name;
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

// The privilege bits of ACL letters ("arwd").
uint32_t AclBits(std::string_view letters) {
  const std::string_view all(kAclLetters);
  uint32_t bits = 0;
  for (char c : letters) bits |= 1u << all.find(c);
  return bits;
}

std::string RoleText(const catalog::CatalogSnapshot& catalog, Oid role) {
  const catalog::RoleDesc* r = FindRoleByOid(catalog, role);
  return r != nullptr ? PutId(r->name) : std::to_string(role);
}

}  // namespace

AclTarget RelationAclTarget(Oid relation) { return AclTarget{catalog::kPgClassOid, relation}; }
AclTarget SchemaAclTarget(Oid schema) { return AclTarget{catalog::kPgNamespaceOid, schema}; }
AclTarget DatabaseAclTarget(Oid database) { return AclTarget{catalog::kPgDatabaseOid, database}; }
AclTarget ColumnAclTarget(Oid relation, int16_t attnum) {
  return AclTarget{catalog::kPgClassOid, relation, attnum};
}

uint32_t ColumnAclMask(const catalog::CatalogSnapshot& catalog, Oid relation, int16_t attnum,
                       Oid role, uint32_t mask) {
  const std::vector<AclItem>* acl = catalog.FindAcl(ColumnAclTarget(relation, attnum));
  return acl != nullptr ? AclMask(catalog, *acl, role, mask) : 0;
}

uint32_t AnyColumnAclMask(const catalog::CatalogSnapshot& catalog, Oid relation, Oid role,
                          uint32_t mask) {
  uint32_t held = 0;
  const catalog::TableDesc* table = catalog.FindTable(relation);
  const auto& acls = catalog.acls();
  for (auto it = acls.lower_bound(ColumnAclTarget(relation, 1));
       it != acls.end() && it->first.classoid == catalog::kPgClassOid &&
       it->first.objoid == relation;
       ++it) {
    // A dropped column keeps its list (pg_attribute.attacl) but grants
    // nothing.
    const int16_t attnum = static_cast<int16_t>(it->first.objsubid);
    if (table != nullptr && std::any_of(table->columns.begin(), table->columns.end(),
                                        [&](const catalog::ColumnDesc& c) {
                                          return c.attnum == attnum && c.dropped;
                                        })) {
      continue;
    }
    held |= AclMask(catalog, it->second, role, mask);
  }
  return held;
}

uint32_t ColumnGrantOptionMask(const catalog::CatalogSnapshot& catalog, Oid relation,
                               int16_t attnum, Oid role, uint32_t mask) {
  const std::vector<AclItem>* acl = catalog.FindAcl(ColumnAclTarget(relation, attnum));
  return acl != nullptr ? AclGrantOptionMask(catalog, *acl, role, mask) : 0;
}

std::optional<Oid> FindDatabaseOid(const catalog::CatalogSnapshot& catalog,
                                   const std::string& name) {
  const catalog::DatabaseDesc* db = catalog.FindDatabase(name);
  return db != nullptr ? std::optional<Oid>(db->oid) : std::nullopt;
}

Oid DatabaseOwner(const catalog::CatalogSnapshot& catalog, Oid database) {
  const catalog::DatabaseDesc* db = catalog.FindDatabase(database);
  return db != nullptr ? db->owner : kBootstrapRoleOid;
}

bool RoleHasDatabasePrivileges(const catalog::CatalogSnapshot& catalog, Oid role, Oid database,
                               uint32_t required) {
  if (RoleIsSuperuser(catalog, role)) return true;
  const std::vector<AclItem> acl =
      EffectiveAcl(catalog, DatabaseAclTarget(database), DatabaseOwner(catalog, database),
                   kAclAllDatabase);
  return (AclMask(catalog, acl, role, required) & required) == required;
}

Oid SchemaOwner(const catalog::CatalogSnapshot& catalog, Oid schema) {
  const catalog::NamespaceDesc* ns = catalog.FindNamespace(schema);
  if (ns != nullptr && ns->owner != 0) return ns->owner;
  return schema == catalog::kPublicNamespace ? kDatabaseOwnerRoleOid : kBootstrapRoleOid;
}

std::optional<std::vector<AclItem>> InitialSchemaAcl(Oid schema) {
  if (schema == catalog::kPublicNamespace) {
    // initdb: {pg_database_owner=UC/pg_database_owner,=U/pg_database_owner}.
    return std::vector<AclItem>{
        AclItem{kDatabaseOwnerRoleOid, kDatabaseOwnerRoleOid, catalog::kAclAllSchema, 0},
        AclItem{catalog::kAclPublic, kDatabaseOwnerRoleOid, catalog::kAclUsage, 0}};
  }
  if (schema == catalog::kPgCatalogNamespace || schema == catalog::kInformationSchemaNamespace) {
    // initdb: {postgres=UC/postgres,=U/postgres}.
    return std::vector<AclItem>{
        AclItem{kBootstrapRoleOid, kBootstrapRoleOid, catalog::kAclAllSchema, 0},
        AclItem{catalog::kAclPublic, kBootstrapRoleOid, catalog::kAclUsage, 0}};
  }
  return std::nullopt;
}

std::optional<std::vector<AclItem>> StoredAcl(const catalog::CatalogSnapshot& catalog,
                                              const AclTarget& target) {
  if (const std::vector<AclItem>* acl = catalog.FindAcl(target)) return *acl;
  if (target.classoid == catalog::kPgNamespaceOid) return InitialSchemaAcl(target.objoid);
  if (target.classoid == catalog::kPgDatabaseOid &&
      (target.objoid == catalog::kTemplate1DatabaseOid ||
       target.objoid == catalog::kTemplate0DatabaseOid)) {
    // initdb revokes CREATE and TEMPORARY on the templates from PUBLIC:
    // {=c/postgres,postgres=CTc/postgres}.
    return std::vector<AclItem>{AclItem{catalog::kAclPublic, kBootstrapRoleOid, kAclConnect, 0},
                                AclItem{kBootstrapRoleOid, kBootstrapRoleOid, kAclAllDatabase, 0}};
  }
  return std::nullopt;
}

std::vector<AclItem> EffectiveAcl(const catalog::CatalogSnapshot& catalog, const AclTarget& target,
                                  Oid owner, uint32_t all) {
  if (auto stored = StoredAcl(catalog, target)) return std::move(*stored);
  if (target.classoid == catalog::kPgDatabaseOid) return *AclDefault('d', owner);
  return {AclItem{owner, owner, all, 0}};
}

uint32_t AclMask(const catalog::CatalogSnapshot& catalog, const std::vector<AclItem>& acl,
                 Oid role, uint32_t mask) {
  uint32_t held = 0;
  for (const AclItem& item : acl) {
    if ((item.privileges & mask & ~held) == 0) continue;
    if (item.grantee == catalog::kAclPublic || HasPrivsOfRole(catalog, role, item.grantee)) {
      held |= item.privileges & mask;
    }
  }
  return held;
}

uint32_t ObjectAclMask(const catalog::CatalogSnapshot& catalog, const AclTarget& target,
                       const std::vector<AclItem>& acl, Oid role, uint32_t mask) {
  constexpr Oid kReadAllData = 6181;   // pg_read_all_data
  constexpr Oid kWriteAllData = 6182;  // pg_write_all_data
  constexpr uint32_t kWrite = catalog::kAclInsert | catalog::kAclUpdate | catalog::kAclDelete;
  uint32_t held = AclMask(catalog, acl, role, mask);
  if (target.classoid == catalog::kPgClassOid) {
    if ((mask & catalog::kAclSelect) != 0 && (held & catalog::kAclSelect) == 0 &&
        HasPrivsOfRole(catalog, role, kReadAllData)) {
      held |= catalog::kAclSelect;
    }
    if ((mask & kWrite) != 0 && (held & kWrite) == 0 &&
        HasPrivsOfRole(catalog, role, kWriteAllData)) {
      held |= mask & kWrite;
    }
  } else if (target.classoid == catalog::kPgNamespaceOid) {
    if ((mask & catalog::kAclUsage) != 0 && (held & catalog::kAclUsage) == 0 &&
        (HasPrivsOfRole(catalog, role, kReadAllData) ||
         HasPrivsOfRole(catalog, role, kWriteAllData))) {
      held |= catalog::kAclUsage;
    }
  }
  return held;
}

uint32_t AclGrantOptionMask(const catalog::CatalogSnapshot& catalog,
                            const std::vector<AclItem>& acl, Oid role, uint32_t mask) {
  uint32_t held = 0;
  for (const AclItem& item : acl) {
    if ((item.grant_options & mask & ~held) == 0) continue;
    if (item.grantee == catalog::kAclPublic || HasPrivsOfRole(catalog, role, item.grantee)) {
      held |= item.grant_options & mask;
    }
  }
  return held;
}

std::string AclItemText(const catalog::CatalogSnapshot& catalog, const AclItem& item) {
  std::string out;
  if (item.grantee != catalog::kAclPublic) out = RoleText(catalog, item.grantee);
  out.push_back('=');
  for (int bit = 0; kAclLetters[bit] != '\0'; ++bit) {
    const uint32_t b = 1u << bit;
    if ((item.privileges & b) == 0) continue;
    out.push_back(kAclLetters[bit]);
    if ((item.grant_options & b) != 0) out.push_back('*');
  }
  out.push_back('/');
  out += RoleText(catalog, item.grantor);
  return out;
}

std::optional<std::vector<AclItem>> AclDefault(char objtype, Oid owner) {
  std::string_view world, mine;
  switch (objtype) {
    case 'c': break;  // columns: only the table's privileges
    case 'r': mine = "arwdDxt"; break;
    case 's': mine = "rwU"; break;
    case 'd': world = "Tc"; mine = "CTc"; break;
    case 'f': world = "X"; mine = "X"; break;
    case 'l': world = "U"; mine = "U"; break;
    case 'L': mine = "rw"; break;
    case 'n': mine = "UC"; break;
    case 't': mine = "C"; break;
    case 'F': mine = "U"; break;
    case 'S': mine = "U"; break;
    case 'T': world = "U"; mine = "U"; break;
    default: return std::nullopt;
  }
  std::vector<AclItem> items;
  if (!world.empty()) items.push_back(AclItem{catalog::kAclPublic, owner, AclBits(world), 0});
  if (!mine.empty()) items.push_back(AclItem{owner, owner, AclBits(mine), 0});
  return items;
}

Value AclArrayValue(const catalog::CatalogSnapshot& catalog,
                    const std::optional<std::vector<AclItem>>& acl) {
  if (!acl) return Value::Null(sysrel::kAclArray);
  std::vector<Value> elements;
  for (const AclItem& item : *acl) {
    elements.push_back(Value::String(kAclItemType, AclItemText(catalog, item)));
  }
  return MakeArray(sysrel::kAclArray, kAclItemType, std::move(elements));
}

}  // namespace strata::sql
