// Enum functions and operators (see enum_functions.h).
#include "sql/expr/enum_functions.h"

#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/types/array_value.h"
#include "sql/types/user_types.h"

namespace strata::sql {

namespace {

int CompareArgs(std::span<const Value> a) {
  return CompareEnumLabels(a[0].type(), a[0].string_value(), a[1].string_value());
}

Value EnumEq(std::span<const Value> a) { return Value::Bool(CompareArgs(a) == 0); }
Value EnumNe(std::span<const Value> a) { return Value::Bool(CompareArgs(a) != 0); }
Value EnumLt(std::span<const Value> a) { return Value::Bool(CompareArgs(a) < 0); }
Value EnumLe(std::span<const Value> a) { return Value::Bool(CompareArgs(a) <= 0); }
Value EnumGt(std::span<const Value> a) { return Value::Bool(CompareArgs(a) > 0); }
Value EnumGe(std::span<const Value> a) { return Value::Bool(CompareArgs(a) >= 0); }
Value EnumCmp(std::span<const Value> a) { return Value::Int4(CompareArgs(a)); }
Value EnumSmaller(std::span<const Value> a) { return CompareArgs(a) <= 0 ? a[0] : a[1]; }
Value EnumLarger(std::span<const Value> a) { return CompareArgs(a) >= 0 ? a[0] : a[1]; }

// The enum type the (possibly NULL) argument is declared as. PostgreSQL
// takes it from the call's resolved argument type, so NULL::rainbow works.
std::shared_ptr<const catalog::TypeDesc> ArgumentEnum(const Value& arg) {
  auto type = FindUserType(arg.type());
  if (type == nullptr || type->kind != 'e') {
    throw SqlError(SqlState::kInvalidParameterValue,
                   "could not determine actual enum type");
  }
  return type;
}

Value EnumFirst(std::span<const Value> a) {
  auto type = ArgumentEnum(a[0]);
  if (type->labels.empty()) {
    throw SqlError(SqlState::kObjectNotInPrerequisiteState,
                   "enum " + type->name + " contains no values");
  }
  CheckSafeEnumUse(*type, type->labels.front().label);
  return Value::String(type->oid, type->labels.front().label);
}

Value EnumLast(std::span<const Value> a) {
  auto type = ArgumentEnum(a[0]);
  if (type->labels.empty()) {
    throw SqlError(SqlState::kObjectNotInPrerequisiteState,
                   "enum " + type->name + " contains no values");
  }
  CheckSafeEnumUse(*type, type->labels.back().label);
  return Value::String(type->oid, type->labels.back().label);
}

// The labels from `lower` through `upper` (either may be NULL: open).
Value RangeOf(const catalog::TypeDesc& type, const Value& lower, const Value& upper) {
  std::vector<Value> out;
  bool started = lower.is_null();
  for (const catalog::EnumLabel& l : type.labels) {
    if (!started && l.label == lower.string_value()) started = true;
    if (started) {
      CheckSafeEnumUse(type, l.label);
      out.push_back(Value::String(type.oid, l.label));
    }
    if (!upper.is_null() && l.label == upper.string_value()) break;
  }
  return MakeArray(type.array_oid, type.oid, std::move(out));
}

Value EnumRangeAll(std::span<const Value> a) {
  auto type = ArgumentEnum(a[0]);
  return RangeOf(*type, Value::Null(type->oid), Value::Null(type->oid));
}

Value EnumRangeBounds(std::span<const Value> a) {
  const Value& lower = a[0];
  const Value& upper = a[1];
  auto type = ArgumentEnum(lower.is_null() ? upper : lower);
  // PostgreSQL: an upper bound below the lower one gives an empty array.
  if (!lower.is_null() && !upper.is_null() &&
      CompareEnumLabels(type->oid, lower.string_value(), upper.string_value()) > 0) {
    return MakeArray(type->array_oid, type->oid, {});
  }
  return RangeOf(*type, lower, upper);
}

constexpr BuiltinFunction kFunctions[] = {
    {"enum_eq", EnumEq},
    {"enum_ne", EnumNe},
    {"enum_lt", EnumLt},
    {"enum_le", EnumLe},
    {"enum_gt", EnumGt},
    {"enum_ge", EnumGe},
    {"enum_cmp", EnumCmp},
    {"enum_smaller", EnumSmaller},
    {"enum_larger", EnumLarger},
};

constexpr Oid kAnyEnum = type_oid::kAnyEnum;
constexpr Oid k0 = type_oid::kInvalid;

const SqlFunction kSqlFunctions[] = {
    {"enum_first", {kAnyEnum, k0, k0, k0, k0, k0, k0}, 1, kAnyEnum,
     {"enum_first", EnumFirst, false}},
    {"enum_last", {kAnyEnum, k0, k0, k0, k0, k0, k0}, 1, kAnyEnum,
     {"enum_last", EnumLast, false}},
    {"enum_range", {kAnyEnum, k0, k0, k0, k0, k0, k0}, 1, type_oid::kAnyArray,
     {"enum_range_all", EnumRangeAll, false}},
    {"enum_range", {kAnyEnum, kAnyEnum, k0, k0, k0, k0, k0}, 2, type_oid::kAnyArray,
     {"enum_range_bounds", EnumRangeBounds, false}},
    {"enum_cmp", {kAnyEnum, kAnyEnum, k0, k0, k0, k0, k0}, 2, type_oid::kInt4,
     {"enum_cmp", EnumCmp}},
};

}  // namespace

std::span<const BuiltinFunction> EnumFunctions() { return kFunctions; }
std::span<const SqlFunction> EnumSqlFunctions() { return kSqlFunctions; }

}  // namespace strata::sql
