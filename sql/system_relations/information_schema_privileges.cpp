// information_schema.column_privileges and role_column_grants, as
// PostgreSQL 15's information_schema.sql defines them: every privilege
// columns can hold (INSERT, SELECT, UPDATE, REFERENCES) that a relation's
// list gives on all its columns, or a column's own list (attacl) on that
// column, each (grantor, grantee, column, privilege) once.
// column_privileges shows a row to members of its grantor or grantee, and
// PUBLIC's to everyone; role_column_grants only to members of its grantor
// or grantee. is_grantable: a grant option, or a grantee with the
// privileges of the owner.
//
// System relations are owned by the bootstrap superuser and give PUBLIC
// SELECT, as has_table_privilege answers for them.
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "sql/system_relations/information_schema_values.h"
#include "sql/system_relations/object_acl.h"
#include "sql/system_relations/role_lookup.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/system_relations/system_relation.h"

namespace strata::sql::infoschema {

namespace {

using catalog::AclItem;

struct ColumnGrant {
  Oid grantor = 0;
  Oid grantee = 0;
  std::string schema;
  std::string table;
  std::string column;
  const char* privilege = "";
  bool grantable = false;
  Oid owner = 0;

  auto Key() const { return std::tie(grantor, grantee, schema, table, column, privilege); }
  bool operator<(const ColumnGrant& o) const { return Key() < o.Key(); }
};

// The column privileges in ACL bit order, with their names.
struct ColumnPrivilege {
  uint32_t bit;
  const char* name;
};
constexpr ColumnPrivilege kColumnPrivileges[] = {{catalog::kAclInsert, "INSERT"},
                                                 {catalog::kAclSelect, "SELECT"},
                                                 {catalog::kAclUpdate, "UPDATE"},
                                                 {catalog::kAclReferences, "REFERENCES"}};

void AddItems(const std::vector<AclItem>& acl, const std::string& schema,
              const std::string& table, const std::string& column, Oid owner,
              std::set<ColumnGrant>* out) {
  for (const AclItem& item : acl) {
    for (const ColumnPrivilege& p : kColumnPrivileges) {
      if ((item.privileges & p.bit) == 0) continue;
      out->insert(ColumnGrant{item.grantor, item.grantee, schema, table, column, p.name,
                              (item.grant_options & p.bit) != 0, owner});
    }
  }
}

// Every column grant of every table and view, and of the system relations.
std::set<ColumnGrant> AllColumnGrants(const CommandContext& ctx) {
  const catalog::CatalogSnapshot& cat = *ctx.catalog;
  std::set<ColumnGrant> out;
  auto add_relation = [&](Oid oid, Oid ns, const std::string& name, Oid owner,
                          const std::vector<std::pair<std::string, int16_t>>& columns) {
    const std::string schema = SchemaName(ctx, ns);
    const std::vector<AclItem> acl =
        EffectiveAcl(cat, RelationAclTarget(oid), owner, catalog::kAclAllTable);
    for (const auto& [column, attnum] : columns) {
      AddItems(acl, schema, name, column, owner, &out);
      if (const std::vector<AclItem>* own = cat.FindAcl(ColumnAclTarget(oid, attnum))) {
        AddItems(*own, schema, name, column, owner, &out);
      }
    }
  };
  for (const auto& [oid, t] : cat.tables()) {
    std::vector<std::pair<std::string, int16_t>> columns;
    for (const catalog::ColumnDesc& c : t->columns) {
      if (!c.dropped) columns.emplace_back(c.name, c.attnum);
    }
    add_relation(oid, t->namespace_oid, t->name, t->owner, columns);
  }
  for (const auto& [oid, v] : cat.views()) {
    std::vector<std::pair<std::string, int16_t>> columns;
    for (size_t i = 0; i < v->columns.size(); ++i) {
      columns.emplace_back(v->columns[i].name, static_cast<int16_t>(i + 1));
    }
    add_relation(oid, v->namespace_oid, v->name, v->owner, columns);
  }
  const std::vector<AclItem> system_acl = {
      AclItem{kBootstrapRoleOid, kBootstrapRoleOid, catalog::kAclAllTable, 0},
      AclItem{catalog::kAclPublic, kBootstrapRoleOid, catalog::kAclSelect, 0}};
  for (const SystemRelation* rel : AllSystemRelations()) {
    for (const SystemColumn& c : rel->columns) {
      AddItems(system_acl, std::string(rel->schema), std::string(rel->name),
               std::string(c.name), kBootstrapRoleOid, &out);
    }
  }
  return out;
}

std::string RoleName(const CommandContext& ctx, Oid role) {
  if (role == catalog::kAclPublic) return "PUBLIC";
  const catalog::RoleDesc* r = FindRoleByOid(*ctx.catalog, role);
  return r != nullptr ? r->name : std::to_string(role);
}

// The rows whose grantor or grantee the current user has the privileges
// of (pg_has_role ... 'USAGE'); with `public_rows`, PUBLIC's too.
std::vector<Row> GrantRows(const CommandContext& ctx, bool public_rows) {
  const catalog::CatalogSnapshot& cat = *ctx.catalog;
  const Oid current = CurrentUserOid(cat);
  std::vector<Row> rows;
  for (const ColumnGrant& g : AllColumnGrants(ctx)) {
    const bool visible =
        HasPrivsOfRole(cat, current, g.grantor) ||
        (g.grantee != catalog::kAclPublic && HasPrivsOfRole(cat, current, g.grantee)) ||
        (public_rows && g.grantee == catalog::kAclPublic);
    if (!visible) continue;
    const bool grantable = g.grantable || (g.grantee != catalog::kAclPublic &&
                                           HasPrivsOfRole(cat, g.grantee, g.owner));
    rows.push_back({IdV(RoleName(ctx, g.grantor)), IdV(RoleName(ctx, g.grantee)),
                    IdV(CurrentDatabaseName()), IdV(g.schema), IdV(g.table), IdV(g.column),
                    DataV(g.privilege), YesNoV(grantable)});
  }
  return rows;
}

}  // namespace

std::vector<Row> ColumnPrivilegesRows(const CommandContext& ctx) { return GrantRows(ctx, true); }
std::vector<Row> RoleColumnGrantsRows(const CommandContext& ctx) { return GrantRows(ctx, false); }

}  // namespace strata::sql::infoschema
