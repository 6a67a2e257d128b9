// The objects StrataDB has exactly one or a fixed set of: pg_database (the
// one database), pg_authid / pg_roles / pg_user / pg_auth_members (the
// built-in roles and the catalog's: role_lookup.h), pg_am, pg_collation, pg_tablespace, pg_extension
// (plpgsql, as initdb installs it). Rows as PostgreSQL 15's initdb makes them.
#include "sql/system_relations/system_relation.h"

#include <algorithm>

#include "sql/system_relations/object_acl.h"
#include "sql/system_relations/role_lookup.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/system_relations/system_values.h"

namespace strata::sql {

using namespace sysrel;

namespace {

// initdb's databases (postgres, template1, template0) and CREATE DATABASE's.
// datacl: NULL until the first GRANT/REVOKE (then the owner's defaults
// with the change); the templates have initdb's (object_acl.h).
std::vector<Row> DatabaseRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const auto& [oid, db] : ctx.catalog->databases()) {
    const std::optional<std::vector<catalog::AclItem>> acl =
        StoredAcl(*ctx.catalog, DatabaseAclTarget(oid));
    rows.push_back(Row{OidV(oid), NameV(db.name), OidV(db.owner), Int4V(6), CharV('c'),
                       BoolV(db.is_template), BoolV(db.allow_connections),
                       Int4V(db.connection_limit), NullV(kXid), NullV(kXid), OidV(1663),
                       TextV("C.UTF-8"), TextV("C.UTF-8"), NullV(kText), NullV(kText),
                       AclArrayValue(*ctx.catalog, acl)});
  }
  // initdb's order (heap order): postgres, template1, template0, then the rest.
  std::stable_sort(rows.begin(), rows.end(), [](const Row& x, const Row& y) {
    auto rank = [](const Row& r) {
      const Oid oid = static_cast<Oid>(r[0].int_value());
      return oid == catalog::kPostgresDatabaseOid ? 0 : oid == catalog::kTemplate1DatabaseOid ? 1
                                                 : oid == catalog::kTemplate0DatabaseOid ? 2 : 3;
    };
    return rank(x) < rank(y);
  });
  return rows;
}

// ALTER DEFAULT PRIVILEGES' lists (this database's). They have no OID of
// their own: oid is 0.
std::vector<Row> DefaultAclRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const auto& [key, acl] : ctx.catalog->default_acls()) {
    rows.push_back({OidV(0), OidV(key.role), OidV(key.namespace_oid), CharV(key.objtype),
                    AclArrayValue(*ctx.catalog, acl)});
  }
  return rows;
}

// ALTER ROLE / DATABASE ... SET's lists (0: any database / role).
std::vector<Row> DbRoleSettingRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const auto& [which, settings] : ctx.catalog->role_settings()) {
    rows.push_back({OidV(which.first), OidV(which.second), TextArrayV(settings)});
  }
  return rows;
}

// pg_roles.rolconfig: the role's settings for every database.
Value RoleConfigV(const CommandContext& ctx, Oid role) {
  const auto& all = ctx.catalog->role_settings();
  auto it = all.find({Oid{0}, role});
  return it == all.end() ? NullV(kTextArray) : TextArrayV(it->second);
}

Value ValidUntilV(const std::optional<int64_t>& v) {
  return v ? Value::TimestampTz(*v) : NullV(kTimestampTz);
}

std::vector<Row> AuthidRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const catalog::RoleDesc* r : AllRoles(*ctx.catalog)) {
    rows.push_back({OidV(r->oid), NameV(r->name), BoolV(r->superuser), BoolV(r->inherit),
                    BoolV(r->create_role), BoolV(r->create_db), BoolV(r->can_login),
                    BoolV(r->replication), BoolV(r->bypass_rls), Int4V(r->connection_limit),
                    r->password ? TextV(*r->password) : NullV(kText),
                    ValidUntilV(r->valid_until)});
  }
  return rows;
}

// pg_roles shows every password as "********", set or not, as PostgreSQL's view.
std::vector<Row> RolesRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const catalog::RoleDesc* r : AllRoles(*ctx.catalog)) {
    rows.push_back({NameV(r->name), BoolV(r->superuser), BoolV(r->inherit),
                    BoolV(r->create_role), BoolV(r->create_db), BoolV(r->can_login),
                    BoolV(r->replication), Int4V(r->connection_limit), TextV("********"),
                    ValidUntilV(r->valid_until), BoolV(r->bypass_rls), RoleConfigV(ctx, r->oid),
                    OidV(r->oid)});
  }
  return rows;
}

// pg_user lists the roles that can log in.
std::vector<Row> UserRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const catalog::RoleDesc* r : AllRoles(*ctx.catalog)) {
    if (!r->can_login) continue;
    rows.push_back({NameV(r->name), OidV(r->oid), BoolV(r->create_db), BoolV(r->superuser),
                    BoolV(r->replication), BoolV(r->bypass_rls), TextV("********"),
                    ValidUntilV(r->valid_until), RoleConfigV(ctx, r->oid)});
  }
  return rows;
}

std::vector<Row> AuthMembersRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const catalog::RoleDesc* r : AllRoles(*ctx.catalog)) {
    for (const catalog::RoleMember& m : r->members) {
      rows.push_back({OidV(r->oid), OidV(m.member), OidV(m.grantor), BoolV(m.admin_option)});
    }
  }
  return rows;
}

std::vector<Row> AmRows(const CommandContext&) {
  return {{OidV(2), NameV("heap"), RegprocV(3 /* heap_tableam_handler */), CharV('t')},
          {OidV(403), NameV("btree"), RegprocV(330 /* bthandler */), CharV('i')},
          {OidV(405), NameV("hash"), RegprocV(331 /* hashhandler */), CharV('i')}};
}

std::vector<Row> CollationRows(const CommandContext&) {
  auto row = [](Oid oid, const char* name, char provider, const char* locale) {
    return Row{OidV(oid), NameV(name), OidV(catalog::kPgCatalogNamespace),
               OidV(kBootstrapRoleOid), CharV(provider), BoolV(true), Int4V(-1),
               locale != nullptr ? TextV(locale) : NullV(kText),
               locale != nullptr ? TextV(locale) : NullV(kText), NullV(kText), NullV(kText)};
  };
  return {row(100, "default", 'd', nullptr), row(950, "C", 'c', "C"),
          row(951, "POSIX", 'c', "POSIX")};
}

std::vector<Row> TablespaceRows(const CommandContext&) {
  return {{OidV(1663), NameV("pg_default"), OidV(kBootstrapRoleOid), NullV(kAclArray),
           NullV(kTextArray)},
          {OidV(1664), NameV("pg_global"), OidV(kBootstrapRoleOid), NullV(kAclArray),
           NullV(kTextArray)}};
}

std::vector<Row> ExtensionRows(const CommandContext&) {
  return {{OidV(13559), NameV("plpgsql"), OidV(kBootstrapRoleOid),
           OidV(catalog::kPgCatalogNamespace), BoolV(false), TextV("1.0"), NullV(kOidArray),
           NullV(kTextArray)}};
}

const SystemRelation kRelations[] = {
    {1262, "pg_catalog", "pg_database", 'r',
     {{"oid", kOid}, {"datname", kName}, {"datdba", kOid}, {"encoding", kInt4},
      {"datlocprovider", kChar}, {"datistemplate", kBool}, {"datallowconn", kBool},
      {"datconnlimit", kInt4}, {"datfrozenxid", kXid}, {"datminmxid", kXid},
      {"dattablespace", kOid}, {"datcollate", kText}, {"datctype", kText},
      {"daticulocale", kText}, {"datcollversion", kText}, {"datacl", kAclArray}},
     DatabaseRows},
    {826, "pg_catalog", "pg_default_acl", 'r',
     {{"oid", kOid}, {"defaclrole", kOid}, {"defaclnamespace", kOid},
      {"defaclobjtype", kChar}, {"defaclacl", kAclArray}},
     DefaultAclRows},
    {2964, "pg_catalog", "pg_db_role_setting", 'r',
     {{"setdatabase", kOid}, {"setrole", kOid}, {"setconfig", kTextArray}},
     DbRoleSettingRows},
    {1260, "pg_catalog", "pg_authid", 'r',
     {{"oid", kOid}, {"rolname", kName}, {"rolsuper", kBool}, {"rolinherit", kBool},
      {"rolcreaterole", kBool}, {"rolcreatedb", kBool}, {"rolcanlogin", kBool},
      {"rolreplication", kBool}, {"rolbypassrls", kBool}, {"rolconnlimit", kInt4},
      {"rolpassword", kText}, {"rolvaliduntil", kTimestampTz}},
     AuthidRows},
    {12000, "pg_catalog", "pg_roles", 'v',
     {{"rolname", kName}, {"rolsuper", kBool}, {"rolinherit", kBool},
      {"rolcreaterole", kBool}, {"rolcreatedb", kBool}, {"rolcanlogin", kBool},
      {"rolreplication", kBool}, {"rolconnlimit", kInt4}, {"rolpassword", kText},
      {"rolvaliduntil", kTimestampTz}, {"rolbypassrls", kBool}, {"rolconfig", kTextArray},
      {"oid", kOid}},
     RolesRows},
    {12014, "pg_catalog", "pg_user", 'v',
     {{"usename", kName}, {"usesysid", kOid}, {"usecreatedb", kBool}, {"usesuper", kBool},
      {"userepl", kBool}, {"usebypassrls", kBool}, {"passwd", kText},
      {"valuntil", kTimestampTz}, {"useconfig", kTextArray}},
     UserRows},
    {1261, "pg_catalog", "pg_auth_members", 'r',
     {{"roleid", kOid}, {"member", kOid}, {"grantor", kOid}, {"admin_option", kBool}},
     AuthMembersRows},
    {2601, "pg_catalog", "pg_am", 'r',
     {{"oid", kOid}, {"amname", kName}, {"amhandler", kRegproc}, {"amtype", kChar}},
     AmRows},
    {3456, "pg_catalog", "pg_collation", 'r',
     {{"oid", kOid}, {"collname", kName}, {"collnamespace", kOid}, {"collowner", kOid},
      {"collprovider", kChar}, {"collisdeterministic", kBool}, {"collencoding", kInt4},
      {"collcollate", kText}, {"collctype", kText}, {"colliculocale", kText},
      {"collversion", kText}},
     CollationRows},
    {1213, "pg_catalog", "pg_tablespace", 'r',
     {{"oid", kOid}, {"spcname", kName}, {"spcowner", kOid}, {"spcacl", kAclArray},
      {"spcoptions", kTextArray}},
     TablespaceRows},
    {3079, "pg_catalog", "pg_extension", 'r',
     {{"oid", kOid}, {"extname", kName}, {"extowner", kOid}, {"extnamespace", kOid},
      {"extrelocatable", kBool}, {"extversion", kText}, {"extconfig", kOidArray},
      {"extcondition", kTextArray}},
     ExtensionRows},
};

}  // namespace

std::span<const SystemRelation> PgCatalogGlobalRelations() { return kRelations; }

}  // namespace strata::sql
