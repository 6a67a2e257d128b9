// record_eq, record_ne, record_lt, record_le, record_gt, record_ge: the
// operators of composite values (record = record, ...), field by field as
// record_cmp orders them (a NULL field after any value, two NULL fields
// equal; value_compare.h).
#include <span>

#include "sql/expr/builtin_function.h"
#include "sql/types/value_compare.h"

namespace strata::sql {

namespace {

enum class Cmp { kEq, kNe, kLt, kLe, kGt, kGe };

template <Cmp kCmp>
Value Compare(std::span<const Value> a) {
  const int c = CompareValues(a[0], a[1]);
  switch (kCmp) {
    case Cmp::kEq:
      return Value::Bool(c == 0);
    case Cmp::kNe:
      return Value::Bool(c != 0);
    case Cmp::kLt:
      return Value::Bool(c < 0);
    case Cmp::kLe:
      return Value::Bool(c <= 0);
    case Cmp::kGt:
      return Value::Bool(c > 0);
    case Cmp::kGe:
      return Value::Bool(c >= 0);
  }
  return Value::Null(type_oid::kBool);
}

constexpr BuiltinFunction kFunctions[] = {
    {"record_eq", Compare<Cmp::kEq>}, {"record_ne", Compare<Cmp::kNe>},
    {"record_lt", Compare<Cmp::kLt>}, {"record_le", Compare<Cmp::kLe>},
    {"record_gt", Compare<Cmp::kGt>}, {"record_ge", Compare<Cmp::kGe>},
};

}  // namespace

std::span<const BuiltinFunction> RecordFunctions() { return kFunctions; }

}  // namespace strata::sql
