// information_schema's constraint relations -- table_constraints,
// check_constraints, key_column_usage, constraint_column_usage,
// referential_constraints -- and character_sets, computed as PostgreSQL 15's
// views compute them (for a superuser, who sees every object). The
// constraints come from pg_constraint's rows, as the views read them; NOT
// NULL columns appear as CHECK constraints named
// <schema oid>_<table oid>_<attnum>_not_null, as in PostgreSQL 15.
#include <map>
#include <string>
#include <vector>

#include "sql/system_relations/information_schema_values.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/system_relations/synthetic_oids.h"
#include "sql/system_relations/system_relation.h"
#include "sql/system_relations/view_definition.h"
#include "sql/types/array_value.h"

namespace strata::sql {

using namespace sysrel;
using namespace infoschema;

namespace {

// Columns of a pg_constraint row (PgConstraintRows), by position.
enum ConstraintColumn : size_t {
  kConOid = 0,
  kConName = 1,
  kConNamespace = 2,
  kConType = 3,
  kConDeferrable = 4,
  kConDeferred = 5,
  kConValidated = 6,
  kConRelid = 7,
  kConIndid = 9,
  kConFrelid = 11,
  kConFupdtype = 12,
  kConFdeltype = 13,
  kConFmatchtype = 14,
  kConNoInherit = 17,
  kConKey = 18,
  kConFkey = 19,
  kConBin = 25,
};

Oid RowOid(const Row& r, size_t column) { return static_cast<Oid>(r[column].int_value()); }
char RowChar(const Row& r, size_t column) { return r[column].string_value()[0]; }

std::vector<int16_t> RowKey(const Row& r, size_t column) {
  std::vector<int16_t> key;
  if (r[column].is_null()) return key;
  for (const Value& v : r[column].array_value().elements) {
    key.push_back(static_cast<int16_t>(v.int_value()));
  }
  return key;
}

// The constraints of ordinary tables, with their tables looked up.
struct TableConstraint {
  const Row* row;
  const catalog::TableDesc* table;
};

std::vector<TableConstraint> TableConstraints(const CommandContext& ctx,
                                              const std::vector<Row>& rows) {
  std::vector<TableConstraint> out;
  for (const Row& r : rows) {
    const catalog::TableDesc* t = ctx.catalog->FindTable(RowOid(r, kConRelid));
    if (t != nullptr) out.push_back({&r, t});
  }
  return out;
}

std::string ColumnName(const catalog::TableDesc& t, int16_t attnum) {
  for (const catalog::ColumnDesc& c : t.columns) {
    if (c.attnum == attnum && !c.dropped) return c.name;
  }
  return "";
}

// NOT NULL columns as PostgreSQL 15's information_schema shows them: a
// CHECK constraint "<ns oid>_<table oid>_<attnum>_not_null".
template <typename Fn>
void ForEachNotNullColumn(const CommandContext& ctx, Fn fn) {
  for (const auto& [oid, t] : ctx.catalog->tables()) {
    for (const catalog::ColumnDesc& c : t->columns) {
      if (c.dropped || !c.not_null) continue;
      fn(*t, c,
         std::to_string(t->namespace_oid) + "_" + std::to_string(oid) + "_" +
             std::to_string(c.attnum) + "_not_null");
    }
  }
}

const char* ConstraintTypeName(char contype) {
  switch (contype) {
    case 'c':
      return "CHECK";
    case 'f':
      return "FOREIGN KEY";
    case 'p':
      return "PRIMARY KEY";
    case 'u':
      return "UNIQUE";
    default:
      return nullptr;
  }
}

std::vector<Row> TableConstraintsRows(const CommandContext& ctx) {
  const std::vector<Row> constraints = PgConstraintRows(ctx);
  std::vector<Row> rows;
  for (const TableConstraint& c : TableConstraints(ctx, constraints)) {
    const Row& r = *c.row;
    const char contype = RowChar(r, kConType);
    const char* type = ConstraintTypeName(contype);
    Value nulls_distinct = NullV(kYesNo);
    if (contype == 'u') {
      const catalog::CatalogSnapshot::IndexRef index = ctx.catalog->FindIndex(RowOid(r, kConIndid));
      nulls_distinct = YesNoV(index.index == nullptr || !index.index->nulls_not_distinct);
    }
    const std::string schema = SchemaName(ctx, c.table->namespace_oid);
    rows.push_back({IdV(CurrentDatabaseName()), IdV(SchemaName(ctx, RowOid(r, kConNamespace))),
                    r[kConName], IdV(CurrentDatabaseName()), IdV(schema), IdV(c.table->name),
                    type != nullptr ? DataV(type) : NoData(), YesNoV(r[kConDeferrable].bool_value()),
                    YesNoV(r[kConDeferred].bool_value()), YesNoV(true), nulls_distinct});
  }
  ForEachNotNullColumn(ctx, [&](const catalog::TableDesc& t, const catalog::ColumnDesc&,
                                const std::string& name) {
    const std::string schema = SchemaName(ctx, t.namespace_oid);
    rows.push_back({IdV(CurrentDatabaseName()), IdV(schema), IdV(name), IdV(CurrentDatabaseName()), IdV(schema),
                    IdV(t.name), DataV("CHECK"), YesNoV(false), YesNoV(false), YesNoV(true),
                    NullV(kYesNo)});
  });
  return rows;
}

std::vector<Row> CheckConstraintsRows(const CommandContext& ctx) {
  const std::vector<Row> constraints = PgConstraintRows(ctx);
  std::vector<Row> rows;
  for (const TableConstraint& c : TableConstraints(ctx, constraints)) {
    const Row& r = *c.row;
    if (RowChar(r, kConType) != 'c') continue;
    // substring(pg_get_constraintdef(oid) from 7): the text after "CHECK ".
    const std::string clause =
        "(" + CheckExpressionText(*ctx.catalog, *c.table, r[kConBin].string_value(), false) +
        ")" + (r[kConNoInherit].bool_value() ? " NO INHERIT" : "") +
        (r[kConValidated].bool_value() ? "" : " NOT VALID");
    rows.push_back({IdV(CurrentDatabaseName()), IdV(SchemaName(ctx, RowOid(r, kConNamespace))),
                    r[kConName], DataV(clause)});
  }
  ForEachNotNullColumn(ctx, [&](const catalog::TableDesc& t, const catalog::ColumnDesc& column,
                                const std::string& name) {
    rows.push_back({IdV(CurrentDatabaseName()), IdV(SchemaName(ctx, t.namespace_oid)), IdV(name),
                    DataV(column.name + " IS NOT NULL")});
  });
  return rows;
}

// The key columns of the index a foreign key matches (conindid): the
// referenced table's primary key or one of its unique indexes.
std::vector<int16_t> IndexKey(const CommandContext& ctx, Oid index_oid) {
  std::vector<int16_t> key;
  const catalog::CatalogSnapshot::IndexRef index = ctx.catalog->FindIndex(index_oid);
  if (index.index != nullptr) {
    for (const catalog::IndexKeyColumn& k : index.index->keys) key.push_back(k.attnum);
    return key;
  }
  for (const auto& [oid, t] : ctx.catalog->tables()) {
    if (IndexOid(oid) == index_oid) return t->primary_key;
  }
  return key;
}

std::vector<Row> KeyColumnUsageRows(const CommandContext& ctx) {
  const std::vector<Row> constraints = PgConstraintRows(ctx);
  std::vector<Row> rows;
  for (const TableConstraint& c : TableConstraints(ctx, constraints)) {
    const Row& r = *c.row;
    const char contype = RowChar(r, kConType);
    if (contype != 'p' && contype != 'u' && contype != 'f') continue;
    const std::vector<int16_t> key = RowKey(r, kConKey);
    const std::vector<int16_t> fkey = RowKey(r, kConFkey);
    const std::vector<int16_t> index_key =
        contype == 'f' ? IndexKey(ctx, RowOid(r, kConIndid)) : std::vector<int16_t>{};
    const std::string schema = SchemaName(ctx, c.table->namespace_oid);
    for (size_t n = 0; n < key.size(); ++n) {
      const std::string column = ColumnName(*c.table, key[n]);
      if (column.empty()) continue;
      // _pg_index_position(conindid, confkey[n]): where the referenced
      // column sits in the matched index's key.
      Value position = NoCard();
      for (size_t k = 0; contype == 'f' && n < fkey.size() && k < index_key.size(); ++k) {
        if (index_key[k] == fkey[n]) position = CardV(static_cast<int64_t>(k + 1));
      }
      rows.push_back({IdV(CurrentDatabaseName()), IdV(SchemaName(ctx, RowOid(r, kConNamespace))),
                      r[kConName], IdV(CurrentDatabaseName()), IdV(schema), IdV(c.table->name),
                      IdV(column), CardV(static_cast<int64_t>(n + 1)), position});
    }
  }
  return rows;
}

std::vector<Row> ConstraintColumnUsageRows(const CommandContext& ctx) {
  const std::vector<Row> constraints = PgConstraintRows(ctx);
  std::vector<Row> rows;
  for (const TableConstraint& c : TableConstraints(ctx, constraints)) {
    const Row& r = *c.row;
    const char contype = RowChar(r, kConType);
    if (contype != 'p' && contype != 'u' && contype != 'f' && contype != 'c') continue;
    // A foreign key uses the referenced table's columns; the others their
    // own table's (a CHECK: the columns its expression reads).
    const catalog::TableDesc* table =
        contype == 'f' ? ctx.catalog->FindTable(RowOid(r, kConFrelid)) : c.table;
    if (table == nullptr) continue;
    const std::string schema = SchemaName(ctx, table->namespace_oid);
    for (int16_t attnum : RowKey(r, contype == 'f' ? kConFkey : kConKey)) {
      const std::string column = ColumnName(*table, attnum);
      if (column.empty()) continue;
      rows.push_back({IdV(CurrentDatabaseName()), IdV(schema), IdV(table->name), IdV(column),
                      IdV(CurrentDatabaseName()), IdV(SchemaName(ctx, RowOid(r, kConNamespace))),
                      r[kConName]});
    }
  }
  return rows;
}

const char* ForeignKeyActionName(char action) {
  switch (action) {
    case 'c':
      return "CASCADE";
    case 'n':
      return "SET NULL";
    case 'd':
      return "SET DEFAULT";
    case 'r':
      return "RESTRICT";
    case 'a':
      return "NO ACTION";
    default:
      return nullptr;
  }
}

const char* MatchOptionName(char match) {
  switch (match) {
    case 'f':
      return "FULL";
    case 'p':
      return "PARTIAL";
    case 's':
      return "NONE";
    default:
      return nullptr;
  }
}

std::vector<Row> ReferentialConstraintsRows(const CommandContext& ctx) {
  const std::vector<Row> constraints = PgConstraintRows(ctx);
  // The primary key or UNIQUE constraint that owns each index: the unique
  // constraint a foreign key refers to is the one whose index it matched.
  std::map<Oid, const Row*> by_index;
  for (const Row& r : constraints) {
    const char contype = RowChar(r, kConType);
    if (contype == 'p' || contype == 'u') by_index[RowOid(r, kConIndid)] = &r;
  }
  std::vector<Row> rows;
  for (const TableConstraint& c : TableConstraints(ctx, constraints)) {
    const Row& r = *c.row;
    if (RowChar(r, kConType) != 'f') continue;
    const auto unique = by_index.find(RowOid(r, kConIndid));
    const Row* pkc = unique != by_index.end() && RowOid(*unique->second, kConRelid) ==
                                                     RowOid(r, kConFrelid)
                         ? unique->second
                         : nullptr;
    const auto text = [](const char* s) { return s != nullptr ? DataV(s) : NoData(); };
    rows.push_back({IdV(CurrentDatabaseName()), IdV(SchemaName(ctx, RowOid(r, kConNamespace))),
                    r[kConName], pkc != nullptr ? IdV(CurrentDatabaseName()) : NoId(),
                    pkc != nullptr ? IdV(SchemaName(ctx, RowOid(*pkc, kConNamespace))) : NoId(),
                    pkc != nullptr ? (*pkc)[kConName] : NoId(),
                    text(MatchOptionName(RowChar(r, kConFmatchtype))),
                    text(ForeignKeyActionName(RowChar(r, kConFupdtype))),
                    text(ForeignKeyActionName(RowChar(r, kConFdeltype)))});
  }
  return rows;
}

// One row: the database's encoding (always UTF8) and no matching collation
// (the databases' C.UTF-8 locale is no pg_collation entry's).
std::vector<Row> CharacterSetsRows(const CommandContext&) {
  return {{NoId(), NoId(), IdV("UTF8"), IdV("UCS"), IdV("UTF8"), IdV(CurrentDatabaseName()), NoId(),
           NoId()}};
}

const SystemRelation kRelations[] = {
    {13250, "information_schema", "character_sets", 'v',
     {{"character_set_catalog", kId}, {"character_set_schema", kId},
      {"character_set_name", kId}, {"character_repertoire", kId}, {"form_of_use", kId},
      {"default_collate_catalog", kId}, {"default_collate_schema", kId},
      {"default_collate_name", kId}},
     CharacterSetsRows},
    {13260, "information_schema", "check_constraints", 'v',
     {{"constraint_catalog", kId}, {"constraint_schema", kId}, {"constraint_name", kId},
      {"check_clause", kData}},
     CheckConstraintsRows},
    {13300, "information_schema", "constraint_column_usage", 'v',
     {{"table_catalog", kId}, {"table_schema", kId}, {"table_name", kId}, {"column_name", kId},
      {"constraint_catalog", kId}, {"constraint_schema", kId}, {"constraint_name", kId}},
     ConstraintColumnUsageRows},
    {13329, "information_schema", "key_column_usage", 'v',
     {{"constraint_catalog", kId}, {"constraint_schema", kId}, {"constraint_name", kId},
      {"table_catalog", kId}, {"table_schema", kId}, {"table_name", kId}, {"column_name", kId},
      {"ordinal_position", kCardinal}, {"position_in_unique_constraint", kCardinal}},
     KeyColumnUsageRows},
    {13339, "information_schema", "referential_constraints", 'v',
     {{"constraint_catalog", kId}, {"constraint_schema", kId}, {"constraint_name", kId},
      {"unique_constraint_catalog", kId}, {"unique_constraint_schema", kId},
      {"unique_constraint_name", kId}, {"match_option", kData}, {"update_rule", kData},
      {"delete_rule", kData}},
     ReferentialConstraintsRows},
    {13411, "information_schema", "table_constraints", 'v',
     {{"constraint_catalog", kId}, {"constraint_schema", kId}, {"constraint_name", kId},
      {"table_catalog", kId}, {"table_schema", kId}, {"table_name", kId},
      {"constraint_type", kData}, {"is_deferrable", kYesNo, kYesNoTypmod},
      {"initially_deferred", kYesNo, kYesNoTypmod}, {"enforced", kYesNo, kYesNoTypmod},
      {"nulls_distinct", kYesNo, kYesNoTypmod}},
     TableConstraintsRows},
};

}  // namespace

std::span<const SystemRelation> InformationSchemaConstraintRelations() { return kRelations; }

}  // namespace strata::sql
