// oid comparison operators (oideq, oidlt, ...): the reg* types compare
// through them after their binary coercion to oid, as in PostgreSQL. And
// pg_typeof(), whose result is a regtype.
// Payloads are the unsigned OID in an int64_t.
#include <functional>
#include <span>

#include "sql/expr/builtin_function.h"

namespace strata::sql {

namespace {

template <typename Cmp>
Value CompareOids(std::span<const Value> a) {
  return Value::Bool(Cmp()(a[0].int_value(), a[1].int_value()));
}

// pg_typeof: the argument's type, NULL or not.
Value TypeOf(std::span<const Value> a) { return Value::Integer(2206 /* regtype */, a[0].type()); }

constexpr BuiltinFunction kFunctions[] = {
    {"pg_typeof", TypeOf, /*strict=*/false},
    {"oideq", CompareOids<std::equal_to<int64_t>>},
    {"oidne", CompareOids<std::not_equal_to<int64_t>>},
    {"oidlt", CompareOids<std::less<int64_t>>},
    {"oidle", CompareOids<std::less_equal<int64_t>>},
    {"oidgt", CompareOids<std::greater<int64_t>>},
    {"oidge", CompareOids<std::greater_equal<int64_t>>},
};

}  // namespace

std::span<const BuiltinFunction> OidFunctions() { return kFunctions; }

}  // namespace strata::sql
