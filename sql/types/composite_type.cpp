// Named composite types through the statement's catalog (see
// composite_type.h).
#include "sql/types/composite_type.h"

#include "common/sql_error.h"
#include "sql/builtin/type_table.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/types/user_types.h"

namespace strata::sql {

namespace {

// The relation `oid` if it is a table or view of `catalog`.
bool IsRowTypeRelation(const catalog::CatalogSnapshot& catalog, Oid relation) {
  return catalog.FindTable(relation) != nullptr || catalog.FindView(relation) != nullptr;
}

Oid TaggedRelation(Oid type, Oid tag) {
  if ((type & 0xFF) != tag || (type >> 8) < catalog::kFirstNormalObjectId) return 0;
  auto catalog = CurrentStatementCatalog();
  if (catalog == nullptr || !IsRowTypeRelation(*catalog, type >> 8)) return 0;
  return type >> 8;
}

}  // namespace

Oid RowTypeRelation(Oid type) { return TaggedRelation(type, kRowTypeOidTag); }
Oid RowArrayRelation(Oid type) { return TaggedRelation(type, kRowArrayOidTag); }

bool IsNamedCompositeType(Oid oid) {
  if (oid < catalog::kFirstNormalObjectId) return false;
  if (auto t = FindUserType(oid)) return t->kind == 'c';
  return RowTypeRelation(oid) != 0;
}

const std::vector<RecordField>* CompositeFields(DataType type) {
  if (type.oid == type_oid::kRecord) return FindRecordType(type.typmod);
  if (type.oid < catalog::kFirstNormalObjectId) return nullptr;
  if (IsDomainType(type.oid)) type = DomainBaseType(type.oid);  // a domain over a composite
  std::vector<RecordField> fields;
  if (auto t = FindUserType(type.oid)) {
    if (t->kind != 'c') return nullptr;
    for (const catalog::ColumnDesc& a : t->attributes) {
      if (!a.dropped) fields.push_back({a.name, DataType{a.type, a.typmod}});
    }
  } else if (const Oid relation = RowTypeRelation(type.oid); relation != 0) {
    auto catalog = CurrentStatementCatalog();
    if (const catalog::TableDesc* table = catalog->FindTable(relation)) {
      for (const catalog::ColumnDesc& c : table->columns) {
        if (!c.dropped) fields.push_back({c.name, DataType{c.type, c.typmod}});
      }
    } else if (const catalog::ViewDesc* view = catalog->FindView(relation)) {
      for (const catalog::ViewColumn& c : view->columns) {
        fields.push_back({c.name, DataType{c.type, c.typmod}});
      }
    }
  } else {
    return nullptr;
  }
  return FindRecordType(RegisterRecordType(std::move(fields)));
}

const std::vector<RecordField>& RequireCompositeFields(DataType type) {
  const std::vector<RecordField>* fields = CompositeFields(type);
  if (fields == nullptr) {
    throw SqlError(SqlState::kWrongObjectType,
                   "type " + FormatTypeName(type.oid) + " is not composite");
  }
  return *fields;
}

}  // namespace strata::sql
