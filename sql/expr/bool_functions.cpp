// bool operator functions: comparisons with false < true.
#include <span>

#include "sql/expr/builtin_function.h"

namespace strata::sql {

namespace {

enum class Cmp { kEq, kNe, kLt, kLe, kGt, kGe };

template <Cmp kCmp>
Value Compare(std::span<const Value> a) {
  const int x = a[0].bool_value() ? 1 : 0;
  const int y = a[1].bool_value() ? 1 : 0;
  switch (kCmp) {
    case Cmp::kEq:
      return Value::Bool(x == y);
    case Cmp::kNe:
      return Value::Bool(x != y);
    case Cmp::kLt:
      return Value::Bool(x < y);
    case Cmp::kLe:
      return Value::Bool(x <= y);
    case Cmp::kGt:
      return Value::Bool(x > y);
    case Cmp::kGe:
      return Value::Bool(x >= y);
  }
  return Value::Null(type_oid::kBool);
}

constexpr BuiltinFunction kFunctions[] = {
    {"booleq", Compare<Cmp::kEq>}, {"boolne", Compare<Cmp::kNe>}, {"boollt", Compare<Cmp::kLt>},
    {"boolle", Compare<Cmp::kLe>}, {"boolgt", Compare<Cmp::kGt>}, {"boolge", Compare<Cmp::kGe>},
};

}  // namespace

std::span<const BuiltinFunction> BoolFunctions() { return kFunctions; }

}  // namespace strata::sql
