// Array operator and function implementations, by pg_proc name: comparison
// (array_eq ... array_ge, element-wise with the element type's ordering),
// array_append / array_prepend / array_cat (the || operators), array_remove, containment
// and overlap (@> <@ &&), and array_length / array_upper / array_lower /
// array_ndims / cardinality. Arguments arrive already coerced to one array
// type (the binder resolves anyarray/anycompatiblearray).
#include <span>

#include "common/sql_error.h"
#include "sql/types/type_io.h"
#include "sql/builtin/type_table.h"
#include "sql/expr/builtin_function.h"
#include "sql/types/array_value.h"
#include "sql/types/value_compare.h"

namespace strata::sql {

namespace {

enum class Cmp { kEq, kNe, kLt, kLe, kGt, kGe };

template <Cmp kCmp>
Value Compare(std::span<const Value> a) {
  if (kCmp == Cmp::kEq) return Value::Bool(ArraysEqual(a[0], a[1]));
  if (kCmp == Cmp::kNe) return Value::Bool(!ArraysEqual(a[0], a[1]));
  const int c = CompareValues(a[0], a[1]);
  switch (kCmp) {
    case Cmp::kLt:
      return Value::Bool(c < 0);
    case Cmp::kLe:
      return Value::Bool(c <= 0);
    case Cmp::kGt:
      return Value::Bool(c > 0);
    case Cmp::kGe:
      return Value::Bool(c >= 0);
    default:
      return Value::Null(type_oid::kBool);
  }
}

Oid ElementTypeOf(Oid array_type) {
  const PgTypeInfo* info = FindPgType(array_type);
  return info != nullptr ? info->typelem : type_oid::kInvalid;
}

// array_append(array, element), not strict: a NULL array acts as empty. The
// lower bound is kept.
Value Append(std::span<const Value> a) {
  if (a[0].is_null()) return MakeArray(a[0].type(), ElementTypeOf(a[0].type()), {a[1]});
  const ArrayValue& array = a[0].array_value();
  std::vector<Value> elements = array.elements;
  elements.push_back(a[1]);
  return MakeArray(a[0].type(), array.element_type, std::move(elements), array.lower_bound);
}

// array_prepend(element, array): the result keeps the input's lower bound.
Value Prepend(std::span<const Value> a) {
  if (a[1].is_null()) return MakeArray(a[1].type(), ElementTypeOf(a[1].type()), {a[0]});
  const ArrayValue& array = a[1].array_value();
  std::vector<Value> elements;
  elements.reserve(array.elements.size() + 1);
  elements.push_back(a[0]);
  elements.insert(elements.end(), array.elements.begin(), array.elements.end());
  return MakeArray(a[1].type(), array.element_type, std::move(elements), array.lower_bound);
}

// array_cat, not strict: a NULL or empty side yields the other; otherwise
// the first's bounds.
Value Cat(std::span<const Value> a) {
  if (a[1].is_null()) return a[0];
  if (a[0].is_null()) return a[1].Relabel(a[0].type());
  const ArrayValue& x = a[0].array_value();
  const ArrayValue& y = a[1].array_value();
  if (y.elements.empty()) return a[0];
  if (x.elements.empty()) return a[1].Relabel(a[0].type());
  std::vector<Value> elements = x.elements;
  elements.insert(elements.end(), y.elements.begin(), y.elements.end());
  return MakeArray(a[0].type(), x.element_type, std::move(elements), x.lower_bound);
}

// array_contain_compare(): every non-NULL element of `b` equals some
// element of `a`; a NULL element in `b` makes containment false.
bool ContainsAll(const ArrayValue& a, const ArrayValue& b) {
  for (const Value& y : b.elements) {
    if (y.is_null()) return false;
    bool found = false;
    for (const Value& x : a.elements) {
      if (!x.is_null() && CompareValues(x, y) == 0) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

Value Contains(std::span<const Value> a) {
  return Value::Bool(ContainsAll(a[0].array_value(), a[1].array_value()));
}
Value Contained(std::span<const Value> a) {
  return Value::Bool(ContainsAll(a[1].array_value(), a[0].array_value()));
}
Value Overlap(std::span<const Value> a) {
  for (const Value& y : a[1].array_value().elements) {
    if (y.is_null()) continue;
    for (const Value& x : a[0].array_value().elements) {
      if (!x.is_null() && CompareValues(x, y) == 0) return Value::Bool(true);
    }
  }
  return Value::Bool(false);
}

// Dimension queries: NULL for an empty array or a dimension other than 1.
Value Length(std::span<const Value> a) {
  const ArrayValue& array = a[0].array_value();
  if (array.elements.empty() || a[1].int_value() != 1) return Value::Null(type_oid::kInt4);
  return Value::Int4(static_cast<int64_t>(array.elements.size()));
}
Value Upper(std::span<const Value> a) {
  const ArrayValue& array = a[0].array_value();
  if (array.elements.empty() || a[1].int_value() != 1) return Value::Null(type_oid::kInt4);
  return Value::Int4(array.upper_bound());
}
Value Lower(std::span<const Value> a) {
  const ArrayValue& array = a[0].array_value();
  if (array.elements.empty() || a[1].int_value() != 1) return Value::Null(type_oid::kInt4);
  return Value::Int4(array.lower_bound);
}
Value Ndims(std::span<const Value> a) {
  if (a[0].array_value().elements.empty()) return Value::Null(type_oid::kInt4);
  return Value::Int4(1);
}
Value Cardinality(std::span<const Value> a) {
  return Value::Int4(static_cast<int64_t>(a[0].array_value().elements.size()));
}

// array_to_string(array, delimiter [, null_string]): the elements' text
// output joined by the delimiter; NULL elements are left out, or written as
// null_string when it is given and not NULL.
Value ToText(std::span<const Value> a) {
  if (a[0].is_null() || a[1].is_null()) return Value::Null(type_oid::kText);
  const bool null_string = a.size() > 2 && !a[2].is_null();
  std::string out;
  bool first = true;
  for (const Value& e : a[0].array_value().elements) {
    if (e.is_null() && !null_string) continue;
    if (!first) out += a[1].string_value();
    first = false;
    out += e.is_null() ? a[2].string_value() : OutputValue(e);
  }
  return Value::Text(std::move(out));
}

// array_remove(array, element), not strict: the array without the elements
// equal to `element` (IS NOT DISTINCT FROM: a NULL removes the NULLs),
// keeping its lower bound; NULL for a NULL array.
Value Remove(std::span<const Value> a) {
  if (a[0].is_null()) return a[0];
  const ArrayValue& array = a[0].array_value();
  std::vector<Value> elements;
  for (const Value& e : array.elements) {
    const bool equal = e.is_null() || a[1].is_null() ? e.is_null() && a[1].is_null()
                                                      : CompareValues(e, a[1]) == 0;
    if (!equal) elements.push_back(e);
  }
  if (elements.empty()) return MakeArray(a[0].type(), array.element_type, {});
  return MakeArray(a[0].type(), array.element_type, std::move(elements), array.lower_bound);
}

constexpr BuiltinFunction kFunctions[] = {
    {"array_eq", Compare<Cmp::kEq>},
    {"array_ne", Compare<Cmp::kNe>},
    {"array_lt", Compare<Cmp::kLt>},
    {"array_le", Compare<Cmp::kLe>},
    {"array_gt", Compare<Cmp::kGt>},
    {"array_ge", Compare<Cmp::kGe>},
    {"array_append", Append, false},
    {"array_prepend", Prepend, false},
    {"array_cat", Cat, false},
    {"array_remove", Remove, false},
    {"arraycontains", Contains},
    {"arraycontained", Contained},
    {"arrayoverlap", Overlap},
    {"array_length", Length},
    {"array_upper", Upper},
    {"array_lower", Lower},
    {"array_ndims", Ndims},
    {"cardinality", Cardinality},
    {"array_to_text", ToText},
    {"array_to_text_null", ToText, false},
};

}  // namespace

std::span<const BuiltinFunction> ArrayFunctions() { return kFunctions; }

}  // namespace strata::sql
