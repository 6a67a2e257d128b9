// text operator functions: concatenation (textcat, and anytextcat/textanycat
// for `non-text || text`, which convert the other operand with its cast to
// text, so true || 'a' is 'truea') and comparisons. Comparison is bytewise,
// which is the C/C.UTF-8 collation order (collations are not implemented).
#include <span>
#include <string>

#include "sql/expr/builtin_function.h"
#include "sql/expr/cast_functions.h"

namespace strata::sql {

namespace {

Value Concat(std::span<const Value> a) {
  return Value::Text(a[0].string_value() + a[1].string_value());
}
Value AnyTextConcat(std::span<const Value> a) {
  return Value::Text(ValueToText(a[0]) + a[1].string_value());
}
Value TextAnyConcat(std::span<const Value> a) {
  return Value::Text(a[0].string_value() + ValueToText(a[1]));
}

enum class Cmp { kEq, kNe, kLt, kLe, kGt, kGe };

template <Cmp kCmp>
Value Compare(std::span<const Value> a) {
  const int c = a[0].string_value().compare(a[1].string_value());
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
    {"textcat", Concat},
    {"anytextcat", AnyTextConcat},
    {"textanycat", TextAnyConcat},
    {"texteq", Compare<Cmp::kEq>},
    {"textne", Compare<Cmp::kNe>},
    {"text_lt", Compare<Cmp::kLt>},
    {"text_le", Compare<Cmp::kLe>},
    {"text_gt", Compare<Cmp::kGt>},
    {"text_ge", Compare<Cmp::kGe>},
};

}  // namespace

std::span<const BuiltinFunction> TextFunctions() { return kFunctions; }

}  // namespace strata::sql
