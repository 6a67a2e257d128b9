// pg_description and pg_shdescription: the comments COMMENT ON stored
// (catalog::CommentTarget), one row each, as PostgreSQL keeps them; the
// comments on shared objects (databases) in pg_shdescription. Comments whose object went away
// without taking them along (a dropped column, index or constraint) are
// left out, as PostgreSQL deletes them with the object.
#include "sql/system_relations/comments.h"

#include "catalog/catalog_records.h"

#include "sql/system_relations/index_catalog.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/system_relations/synthetic_oids.h"
#include "sql/system_relations/system_relation.h"
#include "sql/system_relations/system_values.h"

namespace strata::sql {

using namespace sysrel;

namespace {

// Whether the constraint a synthetic pg_constraint OID names still exists
// (its table may have lost it since the comment was made).
bool ConstraintExists(const catalog::CatalogSnapshot& catalog, catalog::Oid oid) {
  const catalog::TableDesc* unique_table = nullptr;
  if (UniqueConstraintIndex(catalog, oid, &unique_table) != nullptr) return true;
  if (SyntheticOidIsAttrdef(oid)) return false;
  const catalog::TableDesc* t = catalog.FindTable(SyntheticOidTable(oid));
  if (t == nullptr) return false;
  const int k = SyntheticOidIndex(oid);
  if (k == 0) return !t->primary_key.empty();
  if (k >= kForeignKeyConstraintBase) {
    return k - kForeignKeyConstraintBase < static_cast<int>(t->foreign_keys.size());
  }
  return k <= static_cast<int>(t->checks.size());
}

}  // namespace

const std::string* FindLiveComment(const catalog::CatalogSnapshot& catalog,
                                   const catalog::CommentTarget& target) {
  const std::string* text = catalog.FindComment(target);
  if (text == nullptr) return nullptr;
  if (target.classoid == catalog::kPgDatabaseOid) {
    return catalog.FindDatabase(target.objoid) != nullptr ? text : nullptr;
  }
  if (target.classoid == catalog::kPgConstraintOid) {
    return ConstraintExists(catalog, target.objoid) ? text : nullptr;
  }
  if (target.classoid != catalog::kPgClassOid) return text;
  RelationRef rel;
  if (!FindRelationByOid(catalog, target.objoid, &rel)) return nullptr;  // DROP INDEX
  if (target.objsubid > 0 && rel.table != nullptr && rel.relkind == 'r') {
    const size_t i = static_cast<size_t>(target.objsubid) - 1;
    if (i >= rel.table->columns.size() || rel.table->columns[i].dropped) return nullptr;
  }
  return text;
}

namespace {

std::vector<Row> DescriptionRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const auto& [target, text] : ctx.catalog->comments()) {
    if (catalog::IsSharedObjectClass(target.classoid)) continue;
    if (FindLiveComment(*ctx.catalog, target) == nullptr) continue;
    rows.push_back({OidV(target.objoid), OidV(target.classoid), Int4V(target.objsubid),
                    TextV(text)});
  }
  return rows;
}

std::vector<Row> SharedDescriptionRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const auto& [target, text] : ctx.catalog->comments()) {
    if (!catalog::IsSharedObjectClass(target.classoid)) continue;
    if (FindLiveComment(*ctx.catalog, target) == nullptr) continue;
    rows.push_back({OidV(target.objoid), OidV(target.classoid), TextV(text)});
  }
  return rows;
}

const SystemRelation kRelations[] = {
    {2609, "pg_catalog", "pg_description", 'r',
     {{"objoid", kOid}, {"classoid", kOid}, {"objsubid", kInt4}, {"description", kText}},
     DescriptionRows},
    {2396, "pg_catalog", "pg_shdescription", 'r',
     {{"objoid", kOid}, {"classoid", kOid}, {"description", kText}},
     SharedDescriptionRows},
};

}  // namespace

std::span<const SystemRelation> PgCatalogCommentRelations() { return kRelations; }

}  // namespace strata::sql
