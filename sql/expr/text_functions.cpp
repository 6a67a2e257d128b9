// text operator functions: concatenation (textcat, and anytextcat/textanycat
// for `non-text || text`, which convert the other operand with its cast to
// text, so true || 'a' is 'truea') and comparisons. Comparison is bytewise,
// which is the C/C.UTF-8 collation order (collations are not implemented).
#include <span>
#include <string>

#include "sql/expr/builtin_function.h"
#include "sql/expr/cast_functions.h"
#include "sql/types/type_io.h"

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

// concat(VARIADIC "any"), concat_ws(text, VARIADIC "any"): each non-NULL
// argument in its output form (true is 't'); NULLs are skipped. Non-strict.
Value ConcatAny(std::span<const Value> a) {
  std::string out;
  for (const Value& v : a) {
    if (!v.is_null()) out += OutputValue(v);
  }
  return Value::Text(std::move(out));
}
Value ConcatWs(std::span<const Value> a) {
  if (a.empty() || a[0].is_null()) return Value::Null(type_oid::kText);
  const std::string sep = OutputValue(a[0]);
  std::string out;
  bool first = true;
  for (size_t i = 1; i < a.size(); ++i) {
    if (a[i].is_null()) continue;
    if (!first) out += sep;
    out += OutputValue(a[i]);
    first = false;
  }
  return Value::Text(std::move(out));
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
    {"text_concat", ConcatAny, /*strict=*/false},
    {"text_concat_ws", ConcatWs, /*strict=*/false},
    {"texteq", Compare<Cmp::kEq>},
    {"textne", Compare<Cmp::kNe>},
    {"text_lt", Compare<Cmp::kLt>},
    {"text_le", Compare<Cmp::kLe>},
    {"text_gt", Compare<Cmp::kGt>},
    {"text_ge", Compare<Cmp::kGe>},
    // name, and name against text: the same bytewise (C collation) order.
    {"chareq", Compare<Cmp::kEq>},  // "char": one unsigned byte
    {"charne", Compare<Cmp::kNe>},
    {"charlt", Compare<Cmp::kLt>},
    {"charle", Compare<Cmp::kLe>},
    {"chargt", Compare<Cmp::kGt>},
    {"charge", Compare<Cmp::kGe>},
    {"nameeq", Compare<Cmp::kEq>},
    {"namene", Compare<Cmp::kNe>},
    {"namelt", Compare<Cmp::kLt>},
    {"namele", Compare<Cmp::kLe>},
    {"namegt", Compare<Cmp::kGt>},
    {"namege", Compare<Cmp::kGe>},
    {"nameeqtext", Compare<Cmp::kEq>},
    {"namenetext", Compare<Cmp::kNe>},
    {"namelttext", Compare<Cmp::kLt>},
    {"nameletext", Compare<Cmp::kLe>},
    {"namegttext", Compare<Cmp::kGt>},
    {"namegetext", Compare<Cmp::kGe>},
    {"texteqname", Compare<Cmp::kEq>},
    {"textnename", Compare<Cmp::kNe>},
    {"textltname", Compare<Cmp::kLt>},
    {"textlename", Compare<Cmp::kLe>},
    {"textgtname", Compare<Cmp::kGt>},
    {"textgename", Compare<Cmp::kGe>},
};

}  // namespace

std::span<const BuiltinFunction> TextFunctions() { return kFunctions; }

}  // namespace strata::sql
