// SqlFunctionsFromRows (see sql_function_rows.h).
#include "sql/expr/sql_function_rows.h"

namespace strata::sql {

std::vector<SqlFunction> SqlFunctionsFromRows(std::span<const SqlFunctionRow> rows) {
  std::vector<SqlFunction> out;
  out.reserve(rows.size());
  for (const SqlFunctionRow& r : rows) {
    SqlFunction f{};
    f.name = r.name;
    f.args = r.args;
    f.nargs = r.nargs;
    f.result = r.result;
    if (r.fn != nullptr) {
      f.impl = BuiltinFunction{r.proname, r.fn};
    } else if (const BuiltinFunction* existing = FindBuiltinFunction(r.proname)) {
      f.impl = *existing;
    } else {
      f.impl = BuiltinFunction{r.proname, nullptr};
    }
    out.push_back(f);
  }
  return out;
}

}  // namespace strata::sql
