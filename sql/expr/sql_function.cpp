// Lookup of SQL-callable functions by name over the per-family tables.
#include "sql/expr/sql_function.h"

#include <string>
#include <unordered_map>

namespace strata::sql {

std::vector<const SqlFunction*> FindSqlFunctions(std::string_view name) {
  using Registry = std::unordered_map<std::string_view, std::vector<const SqlFunction*>>;
  static const Registry registry = [] {
    Registry r;
    for (auto family : {DatetimeSqlFunctions(), ToCharSqlFunctions(), SettingsSqlFunctions()}) {
      for (const SqlFunction& f : family) r[f.name].push_back(&f);
    }
    return r;
  }();
  auto it = registry.find(name);
  if (it == registry.end()) return {};
  return it->second;
}

}  // namespace strata::sql
