// Lookup of SQL-callable functions by name over the per-family tables.
#include "sql/expr/sql_function.h"

#include <string>
#include <unordered_map>

#include "sql/json/jsonb_modify.h"
#include "sql/json/json_populate.h"
#include "sql/json/jsonpath_functions.h"
#include "sql/builtin/operator_table.h"
#include "sql/expr/enum_functions.h"
#include "sql/expr/bit_functions.h"
#include "sql/expr/range_functions.h"
#include "sql/expr/range_functions.h"
#include "sql/expr/geo_functions.h"
#include "sql/expr/network_functions.h"

namespace strata::sql {

// Every operator's implementing function is callable by its pg_proc name, as
// in PostgreSQL (booleq(a, b), int4pl(1, 2), textcat('a', 'b')): one entry per
// operator row whose function we evaluate, with the operator's argument and
// result types.
std::span<const SqlFunction> OperatorSqlFunctions() {
  static const std::vector<SqlFunction> functions = [] {
    std::vector<SqlFunction> out;
    for (const PgOperator& op : AllOperators()) {
      const BuiltinFunction* impl = FindBuiltinFunction(op.proname);
      if (impl == nullptr) continue;
      SqlFunction f{};
      f.name = op.proname;
      if (op.kind == 'b') {
        f.args = {op.left, op.right};
        f.nargs = 2;
      } else {
        f.args = {op.right};
        f.nargs = 1;
      }
      f.result = op.result;
      f.impl = *impl;
      out.push_back(f);
    }
    return out;
  }();
  return functions;
}

std::vector<const SqlFunction*> FindSqlFunctions(std::string_view name) {
  using Registry = std::unordered_map<std::string_view, std::vector<const SqlFunction*>>;
  static const Registry registry = [] {
    Registry r;
    for (auto family : {DatetimeSqlFunctions(), ToCharSqlFunctions(), FromCharSqlFunctions(),
                        SettingsSqlFunctions(),
                        OperatorSqlFunctions(), SequenceSqlFunctions(), SetReturningSqlFunctions(),
                        MathSqlFunctions(), StringSqlFunctions(), LikeSqlFunctions(),
                        RegexpSqlFunctions(),
                        SleepSqlFunctions(), BackendSqlFunctions(), TxidSqlFunctions(),
                        CatalogSqlFunctions(), AdminSqlFunctions(), StatSqlFunctions(),
                        JsonbModifySqlFunctions(), GeometricSqlFunctions(), EnumSqlFunctions(),
                        NetworkSqlFunctions(), BitSqlFunctions(), PartitionSqlFunctions(),
                        JsonPathSqlFunctions(), RangeSqlFunctions(),
                        JsonPopulateSqlFunctions()}) {
      for (const SqlFunction& f : family) r[f.name].push_back(&f);
    }
    return r;
  }();
  auto it = registry.find(name);
  if (it == registry.end()) return {};
  return it->second;
}

std::string_view SqlFunctionName(const BuiltinFunction* impl) {
  using Registry = std::unordered_map<const BuiltinFunction*, std::string_view>;
  static const Registry registry = [] {
    Registry r;
    for (auto family : {DatetimeSqlFunctions(), ToCharSqlFunctions(), FromCharSqlFunctions(),
                        SettingsSqlFunctions(), SequenceSqlFunctions(),
                        SetReturningSqlFunctions(), MathSqlFunctions(), StringSqlFunctions(),
                        LikeSqlFunctions(), RegexpSqlFunctions(), SleepSqlFunctions(),
                        BackendSqlFunctions(), TxidSqlFunctions(), CatalogSqlFunctions(),
                        AdminSqlFunctions(), StatSqlFunctions(), JsonbModifySqlFunctions(),
                        GeometricSqlFunctions(), EnumSqlFunctions(), NetworkSqlFunctions(),
                        BitSqlFunctions(), PartitionSqlFunctions(), JsonPathSqlFunctions(),
                        RangeSqlFunctions(),
                        JsonPopulateSqlFunctions()}) {
      for (const SqlFunction& f : family) r.emplace(&f.impl, f.name);
    }
    return r;
  }();
  auto it = registry.find(impl);
  return it != registry.end() ? it->second : impl->name;
}

}  // namespace strata::sql
