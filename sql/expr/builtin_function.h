// Built-in scalar functions, found by PostgreSQL's pg_proc.proname (the
// oprcode of an operator: "int4pl", "numeric_div", "textcat"). Each takes
// non-NULL arguments already coerced to its declared input types (all are
// strict: the caller returns NULL for any NULL argument without calling) and
// returns a value of its declared result type (a few are non-strict: see
// `strict`), throwing SqlError on errors
// (22003 out of range, 22012 division by zero, ...).
//
// Thread safety: the registry is immutable after static initialization.
#pragma once

#include <span>
#include <string_view>

#include "sql/types/value.h"

namespace strata::sql {

using ScalarFunction = Value (*)(std::span<const Value> args);

struct BuiltinFunction {
  std::string_view name;  // pg_proc.proname
  ScalarFunction fn;
  // pg_proc.proisstrict. A non-strict function is called with NULL
  // arguments too (Value::Null of the argument's type).
  bool strict = true;
};

// nullptr if no implementation exists (yet) for that function.
const BuiltinFunction* FindBuiltinFunction(std::string_view proname);

// The per-family tables the registry is assembled from (one file each).
std::span<const BuiltinFunction> IntegerFunctions();
std::span<const BuiltinFunction> FloatFunctions();
std::span<const BuiltinFunction> NumericFunctions();
std::span<const BuiltinFunction> TextFunctions();
std::span<const BuiltinFunction> BoolFunctions();
std::span<const BuiltinFunction> StringTypeFunctions();  // bpchar, bytea, uuid
std::span<const BuiltinFunction> ArrayFunctions();
std::span<const BuiltinFunction> RecordFunctions();  // expr/record_functions.cpp
std::span<const BuiltinFunction> JsonFunctions();
std::span<const BuiltinFunction> DatetimeFunctions();
std::span<const BuiltinFunction> LikeFunctions();  // like_functions.cpp
std::span<const BuiltinFunction> IntBitwiseFunctions();  // int_bitwise_functions.cpp
// The implementations behind math_sql_functions.cpp's table (int4abs, dpow,
// dsqrt, ...), so operators (@, ^, |/) reach them too.
std::span<const BuiltinFunction> MathFunctions();
// format() and the VARIADIC-array forms of concat/concat_ws/format
// (format_function.cpp).
std::span<const BuiltinFunction> FormatFunctions();
// sind, cosd, ... with PostgreSQL's exact values (degree_trig_functions.cpp).
std::span<const BuiltinFunction> DegreeTrigFunctions();
// oideq, oidlt, ... (oid_functions.cpp).
std::span<const BuiltinFunction> OidFunctions();
// ~, !~, ~*, !~* (regex_functions.cpp).
std::span<const BuiltinFunction> RegexFunctions();

}  // namespace strata::sql
