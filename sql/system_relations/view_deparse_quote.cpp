// quote_identifier() as ruleutils.c applies it when printing names: an
// identifier stays bare only if it is lower-case letters, digits and
// underscores (not starting with a digit) and not a keyword PostgreSQL 15
// reserves in any way (pg_get_keywords() catcode other than 'U').
#include <algorithm>
#include <array>
#include <string_view>

#include "sql/system_relations/view_deparse_tree.h"

namespace strata::sql::viewdef {

namespace {

// Sorted: the keywords of PostgreSQL 15 that are not unreserved.
constexpr std::array<std::string_view, 151> kKeywords = {
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
    "between", "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character",
    "check", "coalesce", "collate", "collation", "column", "concurrently", "constraint", "create",
    "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
    "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable", "desc",
    "distinct", "do", "else", "end", "except", "exists", "extract", "false", "fetch", "float",
    "for", "foreign", "freeze", "from", "full", "grant", "greatest", "group", "grouping", "having",
    "ilike", "in", "initially", "inner", "inout", "int", "integer", "intersect", "interval",
    "into", "is", "isnull", "join", "lateral", "leading", "least", "left", "like", "limit",
    "localtime", "localtimestamp", "national", "natural", "nchar", "none", "normalize", "not",
    "notnull", "null", "nullif", "numeric", "offset", "on", "only", "or", "order", "out", "outer",
    "overlaps", "overlay", "placing", "position", "precision", "primary", "real", "references",
    "returning", "right", "row", "select", "session_user", "setof", "similar", "smallint", "some",
    "substring", "symmetric", "table", "tablesample", "then", "time", "timestamp", "to",
    "trailing", "treat", "trim", "true", "union", "unique", "user", "using", "values", "varchar",
    "variadic", "verbose", "when", "where", "window", "with", "xmlattributes", "xmlconcat",
    "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot",
    "xmlserialize", "xmltable",
};

}  // namespace

std::string QuoteIdentifier(const std::string& s) {
  bool safe = !s.empty() && ((s[0] >= 'a' && s[0] <= 'z') || s[0] == '_');
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) safe = false;
  }
  if (safe && !std::binary_search(kKeywords.begin(), kKeywords.end(), std::string_view(s))) {
    return s;
  }
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += c;
    out += c;
  }
  return out + "\"";
}

}  // namespace strata::sql::viewdef
