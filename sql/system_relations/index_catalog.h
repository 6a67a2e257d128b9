// What the system catalogs show of indexes (primary keys' and secondary
// ones): pg_get_indexdef's text, pg_get_constraintdef of UNIQUE constraints,
// pg_index's int2vectors. Shared by pg_catalog_indexes.cpp,
// pg_catalog_core.cpp and catalog_functions.cpp.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "sql/types/value.h"

namespace strata::sql {

// pg_get_indexdef(index, column, pretty) of a secondary index: the CREATE
// INDEX statement (column 0) or the column-th column's name ("" past the end).
std::string SecondaryIndexDef(const catalog::CatalogSnapshot& catalog,
                              const catalog::TableDesc& table, const catalog::IndexDesc& index,
                              int64_t column, bool pretty);
// pg_get_constraintdef of a UNIQUE constraint: "UNIQUE [NULLS NOT DISTINCT] (a, b) [INCLUDE (c)]".
std::string UniqueConstraintDef(const catalog::CatalogSnapshot& catalog,
                                const catalog::TableDesc& table, const catalog::IndexDesc& index);
// One key of an index as pg_get_indexdef prints it: a column's name, an
// expression deparsed -- in parentheses unless it looks like a function
// call ("lower(name)", "((a + b))"; pretty: "(a + b)").
std::string IndexKeyText(const catalog::CatalogSnapshot& catalog, const catalog::TableDesc& table,
                         const catalog::IndexKeyColumn& key, bool pretty);

// The index's column names (pg_attribute of the index): a key or INCLUDE
// column's name, an expression's FigureIndexColname ("lower", "expr"),
// repeated names numbered ("expr", "expr1") as ChooseIndexColumnNames.
std::vector<std::string> IndexColumnNames(const catalog::TableDesc& table,
                                          const catalog::IndexDesc& index);

// pg_index.indkey: the table columns, key columns then INCLUDE columns (0
// for an expression key).
std::vector<int16_t> IndexAttnums(const catalog::IndexDesc& index);
// An int2vector value ("1 3 2") of pg_index.indkey / indoption.
Value Int2VectorValue(const std::vector<int16_t>& values);
// pg_index.indoption: per key column, 1 = DESC, 2 = NULLS FIRST.
std::vector<int16_t> IndexOptions(const catalog::IndexDesc& index);

// A UNIQUE constraint's synthetic pg_constraint OID (synthetic_oids.h):
// k = 0x40 + the index's position in the table's index list.
catalog::Oid UniqueConstraintOid(const catalog::TableDesc& table, size_t index_position);
// The UNIQUE-constraint index an OID made by UniqueConstraintOid refers to, or null.
const catalog::IndexDesc* UniqueConstraintIndex(const catalog::CatalogSnapshot& catalog,
                                                catalog::Oid oid,
                                                const catalog::TableDesc** table);

// strata_index_check(regclass) (index_check.cpp).
Value StrataIndexCheck(std::span<const Value> args);

}  // namespace strata::sql
