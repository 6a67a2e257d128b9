// Naming sequences: the text argument of nextval()/currval()/setval() parsed
// and resolved as PostgreSQL's regclass input does it, and the names
// PostgreSQL chooses for the sequences of serial columns.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"

namespace strata::sql {

// 'a.b', '"A".b' -> identifiers (unquoted ones folded to lower case).
// Throws 42602 `invalid name syntax` as PostgreSQL.
std::vector<std::string> SplitQualifiedName(std::string_view text);

// The sequence `text` names (unqualified: schema public). Throws 42P01
// `relation "x" does not exist`, 42809 `"t" is not a sequence`, 3F000.
catalog::SequenceDesc ResolveSequenceName(const catalog::CatalogSnapshot& catalog,
                                          std::string_view text);

// PostgreSQL's ChooseRelationName(table, column, "seq", namespace): the
// name "table_column_seq" cut to 63 bytes (the longer part shortened first),
// with a number appended to "seq" until no relation of the schema has it.
std::string ChooseSequenceName(const catalog::CatalogSnapshot& catalog, catalog::Oid namespace_oid,
                               const std::string& table, const std::string& column);

// `name` as nextval's text argument must spell it: quoted ("Odd", "a.b")
// unless it is lower-case letters, digits, _ and $ only.
std::string QuoteNamePart(const std::string& name);

}  // namespace strata::sql
