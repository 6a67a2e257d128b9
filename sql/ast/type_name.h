// A type as written in SQL (`int`, `numeric(10,2)`, `pg_catalog.varchar(3)`,
// `int[]`): names and modifiers still unresolved. The parser fills it; the
// binder looks it up in the type table.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace strata::sql::ast {

struct Expr;

struct TypeName {
  TypeName();
  TypeName(TypeName&&) noexcept;
  TypeName& operator=(TypeName&&) noexcept;
  ~TypeName();

  // Name parts; the grammar writes SQL-standard spellings qualified, e.g.
  // INTEGER -> {"pg_catalog", "int4"}, DOUBLE PRECISION -> {"pg_catalog", "float8"}.
  std::vector<std::string> names;
  std::vector<std::unique_ptr<Expr>> typmods;  // (10, 2) of numeric(10,2)
  int array_bounds = 0;                        // number of [] suffixes
  bool pct_type = false;                       // tab.col%TYPE
  bool setof = false;
  int location = -1;
};

}  // namespace strata::sql::ast
