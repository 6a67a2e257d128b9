// pg_namespace, pg_init_privs, pg_class, pg_attribute, pg_type, pg_attrdef
// and pg_constraint, generated from the statement's catalog snapshot (tables,
// views, sequences, the system relations themselves, the built-in types).
//
// OIDs of objects our catalog does not number (defaults, constraints) are
// synthesized: (table OID << 8) | k, k = 0 for the primary key and 1.. for
// CHECKs in name order (and the attnum for defaults), which
// pg_get_constraintdef and pg_get_expr decode (catalog_functions.cpp).
#include "sql/system_relations/partition_catalog.h"
#include "sql/system_relations/system_relation.h"

#include <algorithm>
#include <set>

#include "catalog/table_statistics.h"

#include "sql/system_relations/default_text.h"
#include "sql/types/array_value.h"
#include "sql/types/composite_type.h"
#include "sql/types/user_types.h"
#include "sql/system_relations/index_catalog.h"
#include "sql/system_relations/object_acl.h"
#include "sql/system_relations/pg_type_procs.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/system_relations/synthetic_oids.h"
#include "sql/system_relations/system_values.h"
#include "sql/system_relations/view_definition.h"

namespace strata::sql {

using namespace sysrel;

namespace {

constexpr Oid kHeapAm = 2;
constexpr Oid kBtreeAm = 403;
constexpr Oid kHashAm = 405;

bool IsTempNamespace(const catalog::CatalogSnapshot& catalog, Oid ns) {
  const catalog::NamespaceDesc* d = catalog.FindNamespace(ns);
  return d != nullptr && d->name.rfind("pg_temp_", 0) == 0;
}

std::vector<Row> NamespaceRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  auto add = [&](Oid oid, const std::string& name) {
    const Oid owner = SchemaOwner(*ctx.catalog, oid);
    rows.push_back({OidV(oid), NameV(name), OidV(owner),
                    AclArrayValue(*ctx.catalog, StoredAcl(*ctx.catalog, SchemaAclTarget(oid)))});
  };
  add(kPgToastNamespace, "pg_toast");
  for (const auto& [oid, ns] : ctx.catalog->namespaces()) add(oid, ns.name);
  return rows;
}

// initdb's privileges on the schemas pg_dump may dump (pg_catalog and
// public), so that pg_dump emits GRANT/REVOKE only for changes made since.
std::vector<Row> InitPrivsRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (Oid schema : {catalog::kPgCatalogNamespace, catalog::kPublicNamespace}) {
    rows.push_back({OidV(schema), OidV(catalog::kPgNamespaceOid), Int4V(0), CharV('i'),
                    AclArrayValue(*ctx.catalog, InitialSchemaAcl(schema))});
  }
  return rows;
}

// One pg_class row; the columns PostgreSQL derives from the relation kind.
Row ClassRow(Oid oid, const std::string& name, Oid ns, char relkind, char persistence,
             int natts, int checks, bool has_index, Oid owner = kBootstrapRoleOid) {
  const bool table = relkind == 'r';
  return {OidV(oid), NameV(name), OidV(ns), OidV(0), OidV(0), OidV(owner),
          OidV(table ? kHeapAm : 0), OidV(relkind == 'v' || relkind == 'c' ? 0 : oid), OidV(0),
          Int4V(relkind == 'S' ? 1 : 0), Float4V(relkind == 'S' ? 1.0f : -1.0f), Int4V(0),
          OidV(0), BoolV(has_index), BoolV(false), CharV(persistence), CharV(relkind),
          Int2V(natts), Int2V(checks), BoolV(relkind == 'v'), BoolV(false), BoolV(false),
          BoolV(false), BoolV(false), BoolV(true), CharV(table ? 'd' : 'n'), BoolV(false),
          OidV(0), NullV(kXid), NullV(kXid), NullV(kAclArray), NullV(kTextArray),
          NullV(kNodeTree)};
}

std::vector<Row> ClassRows(const CommandContext& ctx) {
  const catalog::CatalogSnapshot& cat = *ctx.catalog;
  std::vector<Row> rows;
  for (const SystemRelation* rel : AllSystemRelations()) {
    const Oid ns = rel->schema == "pg_catalog" ? catalog::kPgCatalogNamespace
                                               : catalog::kInformationSchemaNamespace;
    rows.push_back(ClassRow(rel->oid, std::string(rel->name), ns, rel->relkind, 'p',
                            static_cast<int>(rel->columns.size()), 0, false));
  }
  // Tables on either side of a FOREIGN KEY: PostgreSQL enforces it with
  // triggers on both, so relhastriggers is true (pg_dump reads the foreign
  // keys of those tables only).
  std::set<Oid> fk_tables;
  for (const auto& [oid, t] : cat.tables()) {
    for (const catalog::ForeignKeyDesc& fk : t->foreign_keys) {
      fk_tables.insert(oid);
      fk_tables.insert(fk.referenced_table);
    }
  }
  for (const auto& [oid, t] : cat.tables()) {
    rows.push_back(ClassRow(oid, t->name, t->namespace_oid, 'r',
                            IsTempNamespace(cat, t->namespace_oid) ? 't' : 'p',
                            static_cast<int>(t->columns.size()),
                            static_cast<int>(t->checks.size()),
                            !t->primary_key.empty() || !t->indexes.empty(), t->owner));
    rows.back()[3] = OidV(RelationRowTypeOid(oid));  // reltype
    rows.back()[20] = BoolV(fk_tables.count(oid) != 0 || !t->triggers.empty());  // relhastriggers
    rows.back()[21] = BoolV(!cat.ChildrenOf(oid).empty());  // relhassubclass
    if (t->partition_key) {
      // A partitioned table: relkind 'p', no storage (relam, relfilenode 0).
      rows.back()[16] = CharV('p');
      rows.back()[6] = OidV(0);
      rows.back()[7] = OidV(0);
    }
    if (t->partition_bound) {
      rows.back()[26] = BoolV(true);  // relispartition
      rows.back()[32] = Value::String(kNodeTree, PartitionBoundDefinition(ctx, *t));
    }
    rows.back()[30] = AclArrayValue(cat, StoredAcl(cat, RelationAclTarget(oid)));  // relacl
    if (!t->options.empty()) rows.back()[31] = TextArrayV(t->options);  // reloptions
    // reltuples: ANALYZE's estimate; -1 (never analyzed) without statistics.
    if (ctx.txn != nullptr) {
      auto stats = catalog::ReadTableStatistics(ctx.txn, ctx.db->catalog()->key_scope(), oid);
      if (stats.ok() && stats.value().has_value()) {
        rows.back()[10] = Float4V(static_cast<float>(stats.value()->reltuples));
      }
    }
  }
  for (const auto& [oid, t] : cat.tables()) {
    if (!t->primary_key.empty()) {
      Row row = ClassRow(IndexOid(oid), t->primary_key_name, t->namespace_oid, 'i',
                         IsTempNamespace(cat, t->namespace_oid) ? 't' : 'p',
                         static_cast<int>(t->primary_key.size()), 0, false, t->owner);
      row[6] = OidV(kBtreeAm);
      rows.push_back(std::move(row));
    }
    for (const catalog::IndexDesc& ix : t->indexes) {
      Row index_row = ClassRow(ix.oid, ix.name, t->namespace_oid, 'i',
                               IsTempNamespace(cat, t->namespace_oid) ? 't' : 'p',
                               static_cast<int>(ix.keys.size() + ix.include.size()), 0, false,
                               t->owner);
      index_row[6] = OidV(ix.hash ? kHashAm : kBtreeAm);
      rows.push_back(std::move(index_row));
    }
  }
  for (const auto& [oid, v] : cat.views()) {
    rows.push_back(ClassRow(oid, v->name, v->namespace_oid, 'v', 'p',
                            static_cast<int>(v->columns.size()), 0, false, v->owner));
    rows.back()[30] = AclArrayValue(cat, StoredAcl(cat, RelationAclTarget(oid)));  // relacl
    rows.back()[20] = BoolV(!v->triggers.empty());  // relhastriggers
    if (!v->options.empty()) rows.back()[31] = TextArrayV(v->options);  // reloptions
    rows.back()[3] = OidV(RelationRowTypeOid(oid));   // reltype
  }
  // Composite types (CREATE TYPE ... AS): relkind 'c', holding the attributes.
  for (const auto& [oid, t] : cat.types()) {
    if (t->kind != 'c') continue;
    rows.push_back(ClassRow(t->relid, t->name, t->namespace_oid, 'c', 'p',
                            static_cast<int>(t->attributes.size()), 0, false, t->owner));
    rows.back()[3] = OidV(oid);  // reltype
  }
  for (const auto& [oid, s] : cat.sequences()) {
    rows.push_back(ClassRow(oid, s.name, s.namespace_oid, 'S',
                            IsTempNamespace(cat, s.namespace_oid) ? 't' : 'p', 3, 0, false,
                            s.owner));
    rows.back()[30] = AclArrayValue(cat, StoredAcl(cat, RelationAclTarget(oid)));  // relacl
  }
  return rows;
}

struct AttrSpec {
  std::string name;
  Oid type;
  int32_t typmod;
  int16_t attnum;
  bool not_null;
  bool has_default;
  bool has_missing;
  bool dropped;
};

Row AttributeRow(Oid relid, const AttrSpec& a) {
  const Oid type = a.dropped ? 0 : a.type;
  const PgTypeInfo* info = FindPgType(a.type);
  const bool is_array = info != nullptr && IsArrayType(a.type);
  return {OidV(relid), NameV(a.name), OidV(type), Int4V(-1), Int2V(TypeLen(a.type)),
          Int2V(a.attnum), Int4V(is_array ? 1 : 0), Int4V(-1), Int4V(a.typmod),
          BoolV(TypeByVal(a.type)), CharV(TypeAlign(a.type)), CharV(TypeStorage(a.type)),
          CharV('\0'), BoolV(a.not_null), BoolV(a.has_default), BoolV(a.has_missing),
          CharV('\0'), CharV('\0'), BoolV(a.dropped), BoolV(true), Int4V(0),
          OidV(a.dropped ? 0 : TypeCollation(a.type)), NullV(kAclArray), NullV(kTextArray),
          NullV(kTextArray), NullV(kAnyArray)};
}

std::vector<Row> AttributeRows(const CommandContext& ctx) {
  const catalog::CatalogSnapshot& cat = *ctx.catalog;
  std::vector<Row> rows;
  for (const SystemRelation* rel : AllSystemRelations()) {
    int16_t attnum = 0;
    for (const SystemColumn& c : rel->columns) {
      rows.push_back(AttributeRow(rel->oid, {std::string(c.name), c.type, c.typmod, ++attnum,
                                             rel->relkind == 'r', false, false, false}));
    }
  }
  for (const auto& [oid, t] : cat.tables()) {
    for (const catalog::ColumnDesc& c : t->columns) {
      AttrSpec a{c.name, c.type, c.typmod, c.attnum, c.not_null, c.default_expr.has_value(),
                 c.missing_value.has_value(), c.dropped};
      if (c.dropped) {
        a.name = "........pg.dropped." + std::to_string(c.attnum) + "........";
        a.not_null = false;
        a.has_default = false;
      }
      rows.push_back(AttributeRow(oid, a));
      rows.back()[19] = BoolV(c.is_local);   // attislocal
      if (c.identity != 0) {  // its nextval default is the identity, not a default
        rows.back()[14] = BoolV(false);         // atthasdef
        rows.back()[16] = CharV(c.identity);    // attidentity
      }
      if (c.generated != 0) rows.back()[17] = CharV(c.generated);  // attgenerated
      rows.back()[20] = Int4V(c.inhcount);  // attinhcount
      // attacl: the column's own list (GRANT ... (col)), NULL without one.
      rows.back()[22] = AclArrayValue(cat, StoredAcl(cat, ColumnAclTarget(oid, c.attnum)));
    }
  }
  for (const auto& [oid, t] : cat.tables()) {
    int16_t attnum = 0;
    for (int16_t key : t->primary_key) {
      const catalog::ColumnDesc& c = t->columns[key - 1];
      rows.push_back(AttributeRow(IndexOid(oid), {c.name, c.type, c.typmod, ++attnum, false,
                                                  false, false, false}));
    }
    for (const catalog::IndexDesc& ix : t->indexes) {
      int16_t index_attnum = 0;
      const std::vector<std::string> names = IndexColumnNames(*t, ix);
      for (size_t k = 0; k < ix.keys.size(); ++k) {
        const catalog::IndexKeyColumn& key = ix.keys[k];
        if (key.is_expression()) {  // typmod -1: an expression's value carries none
          rows.push_back(AttributeRow(ix.oid, {names[k], key.expr_type, -1, ++index_attnum,
                                               false, false, false, false}));
          continue;
        }
        const catalog::ColumnDesc& c = t->columns[static_cast<size_t>(key.attnum - 1)];
        rows.push_back(AttributeRow(ix.oid, {names[k], c.type, c.typmod, ++index_attnum, false,
                                             false, false, false}));
      }
      for (int16_t a : ix.include) {
        const catalog::ColumnDesc& c = t->columns[static_cast<size_t>(a - 1)];
        rows.push_back(AttributeRow(ix.oid, {names[static_cast<size_t>(index_attnum)], c.type,
                                             c.typmod, ++index_attnum, false, false, false,
                                             false}));
      }
    }
  }
  for (const auto& [oid, v] : cat.views()) {
    int16_t attnum = 0;
    for (const catalog::ViewColumn& c : v->columns) {
      rows.push_back(AttributeRow(oid, {c.name, c.type, c.typmod, ++attnum, false, false,
                                        false, false}));
      rows.back()[22] = AclArrayValue(cat, StoredAcl(cat, ColumnAclTarget(oid, attnum)));
    }
  }
  for (const auto& [oid, t] : cat.types()) {
    for (const catalog::ColumnDesc& a : t->attributes) {
      AttrSpec spec{a.name, a.type, a.typmod, a.attnum, false, false, false, a.dropped};
      if (a.dropped) spec.name = "........pg.dropped." + std::to_string(a.attnum) + "........";
      rows.push_back(AttributeRow(t->relid, spec));
    }
  }
  for (const auto& [oid, s] : cat.sequences()) {
    rows.push_back(AttributeRow(oid, {"last_value", kInt8, -1, 1, true, false, false, false}));
    rows.push_back(AttributeRow(oid, {"log_cnt", kInt8, -1, 2, true, false, false, false}));
    rows.push_back(AttributeRow(oid, {"is_called", kBool, -1, 3, true, false, false, false}));
  }
  return rows;
}

char TypType(const PgTypeInfo& t) {
  if (t.category == type_category::kPseudo) return 'p';
  if (t.category == 'R') {
    return t.typname.find("multirange") != std::string_view::npos ? 'm' : 'r';
  }
  return 'b';
}

// The pg_type row of a composite type (typtype 'c': record_in, record_out,
// ...) whose attributes are pg_class row `relid`'s.
Row CompositeTypeRow(Oid oid, const std::string& name, Oid ns, Oid owner, Oid relid,
                     Oid array_oid) {
  return {OidV(oid), NameV(name), OidV(ns), OidV(owner), Int2V(-1), BoolV(false), CharV('c'),
          CharV('C'), BoolV(false), BoolV(true), CharV(','), OidV(relid), RegprocV(0), OidV(0),
          OidV(array_oid), RegprocV(2290), RegprocV(2291), RegprocV(2402), RegprocV(2403),
          RegprocV(0), RegprocV(0), RegprocV(0), CharV('d'), CharV('x'), BoolV(false), OidV(0),
          Int4V(-1), Int4V(0), OidV(0), NullV(kNodeTree), NullV(kText), NullV(kAclArray)};
}

// The array type "_name" of a user type `element`.
Row ArrayTypeRow(Oid oid, const std::string& name, Oid ns, Oid owner, Oid element, char align) {
  const TypeProcs* array_procs = FindTypeProcs(1009);  // _text's: array_in, ...
  return {OidV(oid), NameV("_" + name), OidV(ns), OidV(owner), Int2V(-1), BoolV(false),
          CharV('b'), CharV('A'), BoolV(false), BoolV(true), CharV(','), OidV(0),
          RegprocV(array_procs->subscript), OidV(element), OidV(0),
          RegprocV(array_procs->input), RegprocV(array_procs->output),
          RegprocV(array_procs->receive), RegprocV(array_procs->send), RegprocV(0), RegprocV(0),
          RegprocV(array_procs->analyze), CharV(align), CharV('x'), BoolV(false), OidV(0),
          Int4V(-1), Int4V(0), OidV(0), NullV(kNodeTree), NullV(kText), NullV(kAclArray)};
}

// typinput, typoutput, ... name PostgreSQL's functions (pg_type_procs.h).
std::vector<Row> TypeRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (Oid oid = 1; oid < catalog::kFirstNormalObjectId; ++oid) {
    const PgTypeInfo* t = FindPgType(oid);
    if (t == nullptr) continue;
    static constexpr TypeProcs kNone{};
    const TypeProcs* p = FindTypeProcs(oid);
    if (p == nullptr) p = &kNone;
    // box's typdelim is ';', every other built-in type's ','.
    rows.push_back({OidV(t->oid), NameV(std::string(t->typname)),
                    OidV(catalog::kPgCatalogNamespace), OidV(kBootstrapRoleOid),
                    Int2V(t->typlen), BoolV(TypeByVal(oid)), CharV(TypType(*t)),
                    CharV(t->category), BoolV(t->preferred), BoolV(true),
                    CharV(oid == 603 ? ';' : ','), OidV(0), RegprocV(p->subscript),
                    OidV(t->typelem), OidV(t->typarray), RegprocV(p->input), RegprocV(p->output),
                    RegprocV(p->receive), RegprocV(p->send), RegprocV(p->modin),
                    RegprocV(p->modout), RegprocV(p->analyze),
                    CharV(TypeAlign(oid)), CharV(TypeStorage(oid)),
                    BoolV(false), OidV(0), Int4V(-1), Int4V(0), OidV(TypeCollation(oid)),
                    NullV(kNodeTree), NullV(kText), NullV(kAclArray)});
  }
  // CREATE TYPE ... AS ENUM: the enum (enum_in, ...); CREATE DOMAIN: the
  // domain (domain_in / domain_recv, the rest as its base type's); and each
  // one's array type.
  for (const auto& [oid, t] : ctx.catalog->types()) {
    const Value acl = AclArrayValue(*ctx.catalog, StoredAcl(*ctx.catalog,
                                                            catalog::AclTarget{catalog::kPgTypeOid, oid, 0}));
    if (t->kind == 'd') {
      const Oid base = DomainBaseType(oid).oid;
      const PgTypeInfo* info = FindPgType(base);
      static constexpr TypeProcs kNone{};
      const TypeProcs* p = FindTypeProcs(base);
      if (p == nullptr) p = &kNone;
      rows.push_back({OidV(oid), NameV(t->name), OidV(t->namespace_oid), OidV(t->owner),
                      Int2V(TypeLen(base)), BoolV(TypeByVal(base)), CharV('d'),
                      CharV(info != nullptr ? info->category : 'U'), BoolV(false), BoolV(true),
                      CharV(','), OidV(0), RegprocV(0), OidV(0), OidV(t->array_oid),
                      RegprocV(2597), RegprocV(p->output), RegprocV(2598), RegprocV(p->send),
                      RegprocV(0), RegprocV(0), RegprocV(0), CharV(TypeAlign(base)),
                      CharV(TypeStorage(base)), BoolV(t->not_null), OidV(t->base_type),
                      Int4V(t->base_typmod), Int4V(0), OidV(TypeCollation(base)),
                      t->default_expr
                          ? Value::String(kNodeTree,
                                          PgDefaultText(*t->default_expr, DomainBaseType(oid)))
                          : NullV(kNodeTree),
                      t->default_expr
                          ? TextV(PgDefaultText(*t->default_expr, DomainBaseType(oid)))
                          : NullV(kText),
                      acl});
    } else if (t->kind == 'c') {
      rows.push_back(CompositeTypeRow(oid, t->name, t->namespace_oid, t->owner, t->relid,
                                      t->array_oid));
      rows.back()[31] = acl;
    } else if (t->kind == 'p' || t->kind == 'b') {
      // A shell type (typisdefined false) or a base type made from it.
      const bool shell = t->kind == 'p';
      rows.push_back({OidV(oid), NameV(t->name), OidV(t->namespace_oid), OidV(t->owner),
                      Int2V(t->internal_length), BoolV(t->by_value), CharV(t->kind),
                      CharV(t->category), BoolV(t->preferred), BoolV(!shell), CharV(','),
                      OidV(0), RegprocV(0), OidV(0), OidV(t->array_oid),
                      RegprocV(t->input_function), RegprocV(t->output_function), RegprocV(0),
                      RegprocV(0), RegprocV(0), RegprocV(0), RegprocV(0), CharV(t->alignment),
                      CharV(t->storage), BoolV(false), OidV(0), Int4V(-1), Int4V(0), OidV(0),
                      NullV(kNodeTree),
                      t->default_expr ? TextV(*t->default_expr) : NullV(kText), acl});
      if (shell) continue;  // no array type
    } else {
      rows.push_back({OidV(oid), NameV(t->name), OidV(t->namespace_oid), OidV(t->owner),
                      Int2V(4), BoolV(true), CharV(t->kind), CharV('E'), BoolV(false),
                      BoolV(true), CharV(','), OidV(0), RegprocV(0), OidV(0), OidV(t->array_oid),
                      RegprocV(3504), RegprocV(3505), RegprocV(3532), RegprocV(3533),
                      RegprocV(0), RegprocV(0), RegprocV(0), CharV('i'), CharV('p'),
                      BoolV(false), OidV(0), Int4V(-1), Int4V(0), OidV(0), NullV(kNodeTree),
                      NullV(kText), acl});
    }
    rows.push_back(ArrayTypeRow(t->array_oid, t->name, t->namespace_oid, t->owner, oid,
                                t->kind == 'c' ? 'd' : 'i'));
  }
  // Every table's and view's row type and its array type.
  const auto add_row_type = [&](Oid relation, const std::string& name, Oid ns, Oid owner) {
    rows.push_back(CompositeTypeRow(RelationRowTypeOid(relation), name, ns, owner, relation,
                                    RelationRowArrayOid(relation)));
    rows.push_back(ArrayTypeRow(RelationRowArrayOid(relation), name, ns, owner,
                                RelationRowTypeOid(relation), 'd'));
  };
  for (const auto& [oid, t] : ctx.catalog->tables()) {
    add_row_type(oid, t->name, t->namespace_oid, t->owner);
  }
  for (const auto& [oid, v] : ctx.catalog->views()) {
    add_row_type(oid, v->name, v->namespace_oid, v->owner);
  }
  return rows;
}

// pg_enum: the labels of every enum, in sort order per type.
std::vector<Row> EnumRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const auto& [oid, t] : ctx.catalog->types()) {
    for (const catalog::EnumLabel& l : t->labels) {
      rows.push_back({OidV(l.oid), OidV(oid), Value::Float4(l.sort_order), NameV(l.label)});
    }
  }
  return rows;
}

std::vector<Row> AttrdefRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const auto& [oid, t] : ctx.catalog->tables()) {
    for (const catalog::ColumnDesc& c : t->columns) {
      if (c.dropped || !c.default_expr || c.identity != 0) continue;
      // A generation expression reads the row: deparsed as a CHECK is (the
      // pretty form psql's \d asks pg_get_expr for).
      const std::string text =
          c.generated != 0 ? CheckExpressionText(*ctx.catalog, *t, *c.default_expr, true)
                           : PgDefaultText(*c.default_expr, DataType{c.type, c.typmod});
      rows.push_back({OidV(AttrdefOid(oid, c.attnum)), OidV(oid), Int2V(c.attnum),
                      Value::String(kNodeTree, text)});
    }
  }
  return rows;
}

Row ConstraintRow(Oid oid, const std::string& name, Oid ns, char type, Oid relid,
                  const std::vector<int16_t>& key, const Value& bin, Oid index = 0) {
  return {OidV(oid), NameV(name), OidV(ns), CharV(type), BoolV(false), BoolV(false),
          BoolV(true), OidV(relid), OidV(0), OidV(type == 'p' ? IndexOid(relid) : index), OidV(0), OidV(0), CharV(' '), CharV(' '),
          CharV(' '), BoolV(true), Int4V(0), BoolV(type == 'p'),
          key.empty() ? NullV(kInt2Array) : Int2ArrayV(key), NullV(kInt2Array),
          NullV(kOidArray), NullV(kOidArray), NullV(kOidArray), NullV(kInt2Array),
          NullV(kOidArray), bin};
}

// The btree equality operator of a type's default opclass (pg_operator
// OIDs), for conpfeqop & co.; 0 if not listed.
Oid EqualityOperator(Oid type) {
  switch (type) {
    case 16: return 91;      // booleq
    case 21: return 94;      // int2eq
    case 23: return 96;      // int4eq
    case 20: return 410;     // int8eq
    case 25: case 1043: return 98;  // texteq
    case 1042: return 1054;  // bpchareq
    case 700: return 620;    // float4eq
    case 701: return 670;    // float8eq
    case 1700: return 1752;  // numeric_eq
    case 1082: return 1093;  // date_eq
    case 1114: return 2060;  // timestamp_eq
    case 1184: return 1320;  // timestamptz_eq
    case 2950: return 2972;  // uuid_eq
    default: return 0;
  }
}

// A FOREIGN KEY's pg_constraint row (contype 'f'): conindid is the
// referenced table's unique index the key matches (its primary key's
// index, or a UNIQUE constraint's or index's).
Row ForeignKeyConstraintRow(const CommandContext& ctx, const catalog::TableDesc& t, size_t i) {
  const catalog::ForeignKeyDesc& fk = t.foreign_keys[i];
  const catalog::TableDesc* parent = ctx.catalog->FindTable(fk.referenced_table);
  Oid index = 0;
  std::vector<Value> eqops;
  if (parent != nullptr) {
    std::vector<int16_t> want = fk.referenced_columns;
    std::sort(want.begin(), want.end());
    std::vector<int16_t> pk = parent->primary_key;
    std::sort(pk.begin(), pk.end());
    if (!pk.empty() && pk == want) {
      index = IndexOid(parent->oid);
    } else {
      for (const catalog::IndexDesc& ix : parent->indexes) {
        std::vector<int16_t> keys;
        for (const catalog::IndexKeyColumn& k : ix.keys) keys.push_back(k.attnum);
        std::sort(keys.begin(), keys.end());
        if (ix.unique && ix.predicate.empty() && keys == want) {
          index = ix.oid;
          break;
        }
      }
    }
    for (size_t k = 0; k < fk.columns.size(); ++k) {
      const Oid fk_type = t.columns[static_cast<size_t>(fk.columns[k] - 1)].type;
      const Oid pk_type = parent->columns[static_cast<size_t>(fk.referenced_columns[k] - 1)].type;
      const Oid op = EqualityOperator(pk_type);
      // Cross-type operators are not listed: then the arrays are NULL.
      if (op == 0 || EqualityOperator(fk_type) != op) {
        eqops.clear();
        break;
      }
      eqops.push_back(OidV(op));
    }
  }
  const Value eq = eqops.empty() ? NullV(kOidArray) : MakeArray(kOidArray, kOid, eqops);
  return {OidV(ConstraintOid(t.oid, kForeignKeyConstraintBase + static_cast<int>(i))),
          NameV(fk.name), OidV(t.namespace_oid), CharV('f'), BoolV(fk.deferrable),
          BoolV(fk.initially_deferred), BoolV(fk.validated), OidV(t.oid), OidV(0), OidV(index),
          OidV(0),
          OidV(fk.referenced_table), CharV(static_cast<char>(fk.on_update)),
          CharV(static_cast<char>(fk.on_delete)), CharV(static_cast<char>(fk.match)),
          BoolV(true), Int4V(0), BoolV(true), Int2ArrayV(fk.columns),
          Int2ArrayV(fk.referenced_columns), eq, eq, eq,
          fk.delete_set_columns.empty() ? NullV(kInt2Array) : Int2ArrayV(fk.delete_set_columns),
          NullV(kOidArray), NullV(kNodeTree)};
}

std::vector<Row> ConstraintRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const auto& [oid, t] : ctx.catalog->tables()) {
    if (!t->primary_key.empty()) {
      rows.push_back(ConstraintRow(ConstraintOid(oid, 0), t->primary_key_name, t->namespace_oid,
                                   'p', oid, t->primary_key, NullV(kNodeTree)));
    }
    for (size_t i = 0; i < t->checks.size(); ++i) {
      const catalog::CheckConstraint& check = t->checks[i];
      rows.push_back(ConstraintRow(ConstraintOid(oid, static_cast<int>(i) + 1), check.name,
                                   t->namespace_oid, 'c', oid, CheckColumns(*t, check),
                                   Value::String(kNodeTree, check.expr)));
      rows.back()[15] = BoolV(check.is_local);     // conislocal
      rows.back()[16] = Int4V(check.inhcount);    // coninhcount
      rows.back()[17] = BoolV(check.no_inherit);  // connoinherit
      rows.back()[6] = BoolV(check.validated);    // convalidated
    }
    for (size_t i = 0; i < t->indexes.size(); ++i) {
      const catalog::IndexDesc& ix = t->indexes[i];
      if (!ix.is_constraint) continue;
      std::vector<int16_t> key;
      for (const catalog::IndexKeyColumn& k : ix.keys) key.push_back(k.attnum);
      rows.push_back(ConstraintRow(UniqueConstraintOid(*t, i), ix.name, t->namespace_oid, 'u',
                                   oid, key, NullV(kNodeTree), ix.oid));
    }
    for (size_t i = 0; i < t->foreign_keys.size(); ++i) {
      rows.push_back(ForeignKeyConstraintRow(ctx, *t, i));
    }
  }
  return rows;
}

// pg_inherits: one row per (child, parent), inhseqno the parent's place
// in the child's INHERITS list.
std::vector<Row> InheritsRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const auto& [oid, t] : ctx.catalog->tables()) {
    for (size_t i = 0; i < t->parents.size(); ++i) {
      rows.push_back({OidV(oid), OidV(t->parents[i]), Int4V(static_cast<int32_t>(i + 1)),
                      BoolV(false)});
    }
  }
  return rows;
}

const SystemRelation kRelations[] = {
    {2611, "pg_catalog", "pg_inherits", 'r',
     {{"inhrelid", kOid}, {"inhparent", kOid}, {"inhseqno", kInt4},
      {"inhdetachpending", kBool}},
     InheritsRows},
    {2615, "pg_catalog", "pg_namespace", 'r',
     {{"oid", kOid}, {"nspname", kName}, {"nspowner", kOid}, {"nspacl", kAclArray}},
     NamespaceRows},
    {3394, "pg_catalog", "pg_init_privs", 'r',
     {{"objoid", kOid}, {"classoid", kOid}, {"objsubid", kInt4}, {"privtype", kChar},
      {"initprivs", kAclArray}},
     InitPrivsRows},
    {1259, "pg_catalog", "pg_class", 'r',
     {{"oid", kOid}, {"relname", kName}, {"relnamespace", kOid}, {"reltype", kOid},
      {"reloftype", kOid}, {"relowner", kOid}, {"relam", kOid}, {"relfilenode", kOid},
      {"reltablespace", kOid}, {"relpages", kInt4}, {"reltuples", kFloat4},
      {"relallvisible", kInt4}, {"reltoastrelid", kOid}, {"relhasindex", kBool},
      {"relisshared", kBool}, {"relpersistence", kChar}, {"relkind", kChar},
      {"relnatts", kInt2}, {"relchecks", kInt2}, {"relhasrules", kBool},
      {"relhastriggers", kBool}, {"relhassubclass", kBool}, {"relrowsecurity", kBool},
      {"relforcerowsecurity", kBool}, {"relispopulated", kBool}, {"relreplident", kChar},
      {"relispartition", kBool}, {"relrewrite", kOid}, {"relfrozenxid", kXid},
      {"relminmxid", kXid}, {"relacl", kAclArray}, {"reloptions", kTextArray},
      {"relpartbound", kNodeTree}},
     ClassRows},
    {1249, "pg_catalog", "pg_attribute", 'r',
     {{"attrelid", kOid}, {"attname", kName}, {"atttypid", kOid}, {"attstattarget", kInt4},
      {"attlen", kInt2}, {"attnum", kInt2}, {"attndims", kInt4}, {"attcacheoff", kInt4},
      {"atttypmod", kInt4}, {"attbyval", kBool}, {"attalign", kChar}, {"attstorage", kChar},
      {"attcompression", kChar}, {"attnotnull", kBool}, {"atthasdef", kBool},
      {"atthasmissing", kBool}, {"attidentity", kChar}, {"attgenerated", kChar},
      {"attisdropped", kBool}, {"attislocal", kBool}, {"attinhcount", kInt4},
      {"attcollation", kOid}, {"attacl", kAclArray}, {"attoptions", kTextArray},
      {"attfdwoptions", kTextArray}, {"attmissingval", kAnyArray}},
     AttributeRows},
    {1247, "pg_catalog", "pg_type", 'r',
     {{"oid", kOid}, {"typname", kName}, {"typnamespace", kOid}, {"typowner", kOid},
      {"typlen", kInt2}, {"typbyval", kBool}, {"typtype", kChar}, {"typcategory", kChar},
      {"typispreferred", kBool}, {"typisdefined", kBool}, {"typdelim", kChar},
      {"typrelid", kOid}, {"typsubscript", kRegproc}, {"typelem", kOid}, {"typarray", kOid},
      {"typinput", kRegproc}, {"typoutput", kRegproc}, {"typreceive", kRegproc},
      {"typsend", kRegproc}, {"typmodin", kRegproc}, {"typmodout", kRegproc},
      {"typanalyze", kRegproc}, {"typalign", kChar}, {"typstorage", kChar},
      {"typnotnull", kBool}, {"typbasetype", kOid}, {"typtypmod", kInt4}, {"typndims", kInt4},
      {"typcollation", kOid}, {"typdefaultbin", kNodeTree}, {"typdefault", kText},
      {"typacl", kAclArray}},
     TypeRows},
    {3501, "pg_catalog", "pg_enum", 'r',
     {{"oid", kOid}, {"enumtypid", kOid}, {"enumsortorder", kFloat4},
      {"enumlabel", kName}},
     EnumRows},
    {2604, "pg_catalog", "pg_attrdef", 'r',
     {{"oid", kOid}, {"adrelid", kOid}, {"adnum", kInt2}, {"adbin", kNodeTree}},
     AttrdefRows},
    {2606, "pg_catalog", "pg_constraint", 'r',
     {{"oid", kOid}, {"conname", kName}, {"connamespace", kOid}, {"contype", kChar},
      {"condeferrable", kBool}, {"condeferred", kBool}, {"convalidated", kBool},
      {"conrelid", kOid}, {"contypid", kOid}, {"conindid", kOid}, {"conparentid", kOid},
      {"confrelid", kOid}, {"confupdtype", kChar}, {"confdeltype", kChar},
      {"confmatchtype", kChar}, {"conislocal", kBool}, {"coninhcount", kInt4},
      {"connoinherit", kBool}, {"conkey", kInt2Array}, {"confkey", kInt2Array},
      {"conpfeqop", kOidArray}, {"conppeqop", kOidArray}, {"conffeqop", kOidArray},
      {"confdelsetcols", kInt2Array}, {"conexclop", kOidArray}, {"conbin", kNodeTree}},
     ConstraintRows},
};

}  // namespace

std::vector<Row> PgConstraintRows(const CommandContext& ctx) { return ConstraintRows(ctx); }

std::span<const SystemRelation> PgCatalogCoreRelations() { return kRelations; }

}  // namespace strata::sql
