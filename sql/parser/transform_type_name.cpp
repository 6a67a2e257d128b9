// TypeName transform: names, modifiers and array bounds as written.
#include "sql/parser/transformer.h"

namespace strata::sql::parser {

ast::TypeName Transformer::TransformTypeName(const PgQuery__TypeName& t) {
  ast::TypeName type;
  type.names = StringList(t.names, t.n_names);
  type.typmods = TransformExprList(t.typmods, t.n_typmods);
  type.array_bounds = static_cast<int>(t.n_array_bounds);
  type.pct_type = t.pct_type;
  type.setof = t.setof;
  type.location = t.location;
  return type;
}

}  // namespace strata::sql::parser
