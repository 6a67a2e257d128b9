// The registry of built-in functions: one hash map from proname to
// implementation, built once from the per-family tables.
#include "sql/expr/builtin_function.h"

#include "sql/json/jsonb_modify.h"
#include "sql/json/jsonpath_functions.h"

#include <string_view>
#include <unordered_map>

#include "sql/expr/enum_functions.h"
#include "sql/expr/bit_functions.h"
#include "sql/expr/range_functions.h"
#include "sql/expr/geo_functions.h"
#include "sql/expr/network_functions.h"

namespace strata::sql {

namespace {

using Registry = std::unordered_map<std::string_view, const BuiltinFunction*>;

Registry BuildRegistry() {
  Registry registry;
  for (auto family : {IntegerFunctions(), FloatFunctions(), NumericFunctions(), TextFunctions(),
                      BoolFunctions(), StringTypeFunctions(), ArrayFunctions(),
                      JsonFunctions(), DatetimeFunctions(), LikeFunctions(),
                      IntBitwiseFunctions(), MathFunctions(), FormatFunctions(),
                      DegreeTrigFunctions(), OidFunctions(), RegexFunctions(),
                      JsonbModifyFunctions(), JsonPathFunctions(), GeometricFunctions(), EnumFunctions(),
                      NetworkFunctions(), BitFunctions(), RangeFunctions(),
                      RecordFunctions()}) {
    for (const BuiltinFunction& f : family) registry.emplace(f.name, &f);
  }
  return registry;
}

}  // namespace

const BuiltinFunction* FindBuiltinFunction(std::string_view proname) {
  static const Registry registry = BuildRegistry();
  auto it = registry.find(proname);
  return it == registry.end() ? nullptr : it->second;
}

}  // namespace strata::sql
