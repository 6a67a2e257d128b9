// Named composite types: CREATE TYPE ... AS (f1 t1, ...) (catalog::TypeDesc
// kind 'c') and the row type every table and view has, seen as a list of
// fields by code that holds only a type OID (binder, I/O, casts, storage).
// A value of a named composite type is a RecordValue tagged with the type's
// OID; its field names and types come from the statement's catalog, while
// an anonymous record (type `record`) finds them through its typmod
// (record_type.h).
//
// Row types of relations are not stored: their OIDs derive from the
// relation's, (relation << 8) | 0x7D and the array type's | 0x7C, so they
// exist exactly while the relation does and follow its columns (see
// sql/system_relations/synthetic_oids.h for the other derived OIDs; pg_type
// OIDs only need to be unique among pg_type rows).
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog_objects.h"
#include "sql/types/data_type.h"
#include "sql/types/record_type.h"

namespace strata::sql {

inline constexpr Oid kRowTypeOidTag = 0x7D;
inline constexpr Oid kRowArrayOidTag = 0x7C;

// pg_class.reltype of a table or view, and its array type.
inline Oid RelationRowTypeOid(Oid relation) { return (relation << 8) | kRowTypeOidTag; }
inline Oid RelationRowArrayOid(Oid relation) { return (relation << 8) | kRowArrayOidTag; }

// The table or view whose row type is `type` in the statement's catalog; 0
// if `type` is no relation's row type.
Oid RowTypeRelation(Oid type);
// The table or view whose row type's array type is `type`; 0 if none.
Oid RowArrayRelation(Oid type);

// True for a named composite type: CREATE TYPE ... AS (...) or a relation's
// row type (not `record` itself).
bool IsNamedCompositeType(Oid oid);
// True for `record` and the named composite types: their non-NULL values
// hold a RecordValue.
inline bool IsCompositeType(Oid oid) {
  return oid == type_oid::kRecord ||
         (oid >= catalog::kFirstNormalObjectId && IsNamedCompositeType(oid));
}

// The live fields of a composite type (or of a domain over one), in order:
// a record's through its typmod, a named type's from the catalog (interned
// in the record type
// registry, so the vector lives as long as the process). nullptr for a
// record whose shape is unknown (typmod -1) or a type that is not
// composite.
const std::vector<RecordField>* CompositeFields(DataType type);

// CompositeFields(), with 42809 "type X is not composite" if there are
// none.
const std::vector<RecordField>& RequireCompositeFields(DataType type);

}  // namespace strata::sql
