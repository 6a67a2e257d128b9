// find_coercion_pathway, can_coerce_type and the polymorphic consistency
// check, following PostgreSQL 15's parse_coerce.c (for the types we have:
// no ranges).
#include "sql/binder/coercion_rules.h"

#include <vector>

#include "sql/binder/polymorphic.h"
#include "sql/builtin/cast_table.h"
#include "sql/builtin/type_table.h"
#include "sql/types/range_value.h"
#include "sql/types/composite_type.h"
#include "sql/types/user_types.h"

namespace strata::sql {

namespace {

constexpr Oid kRecordArray = 2287;  // record[]

CoercionContext ContextOfCast(char castcontext) {
  switch (castcontext) {
    case 'i':
      return CoercionContext::kImplicit;
    case 'a':
      return CoercionContext::kAssignment;
    default:
      return CoercionContext::kExplicit;
  }
}

}  // namespace

CoercionPathway FindCoercionPathway(Oid target, Oid source, CoercionContext context) {
  if (source == target) return CoercionPathway::kRelabel;
  // A user-defined cast (CREATE CAST) is a pg_cast row like the built-in ones.
  if (std::optional<catalog::CastDesc> cast = FindUserCast(source, target)) {
    if (context < ContextOfCast(cast->context)) return CoercionPathway::kNone;
    switch (cast->method) {
      case 'b':
        return CoercionPathway::kRelabel;
      case 'i':
        return CoercionPathway::kCoerceViaIO;
      default:
        return CoercionPathway::kFunction;
    }
  }
  // A domain converts as its base type does (find_coercion_pathway).
  if (source >= catalog::kFirstNormalObjectId || target >= catalog::kFirstNormalObjectId) {
    const Oid base_source = BaseTypeOf(source);
    const Oid base_target = BaseTypeOf(target);
    if (base_source != source || base_target != target) {
      return FindCoercionPathway(base_target, base_source, context);
    }
  }
  if (const PgCast* cast = FindCast(source, target)) {
    if (context < ContextOfCast(cast->context)) return CoercionPathway::kNone;
    switch (cast->method) {
      case 'b':
        return CoercionPathway::kRelabel;
      case 'i':
        return CoercionPathway::kCoerceViaIO;
      default:
        return CoercionPathway::kFunction;
    }
  }
  // No pg_cast entry: assignment casts to string types and explicit casts
  // from string types go through the types' text I/O.
  // Array to array: possible when the elements convert in this context
  // (never to int2vector or oidvector, as PostgreSQL rules out).
  if (IsArrayType(target) && IsArrayType(source) && target != 22 && target != 30) {
    const Oid target_element = FindPgType(target)->typelem;
    const Oid source_element = FindPgType(source)->typelem;
    if (FindCoercionPathway(target_element, source_element, context) != CoercionPathway::kNone) {
      return CoercionPathway::kArrayCoerce;
    }
    return CoercionPathway::kNone;
  }
  if (context >= CoercionContext::kAssignment && TypeCategory(target) == type_category::kString) {
    return CoercionPathway::kCoerceViaIO;
  }
  if (context >= CoercionContext::kExplicit && TypeCategory(source) == type_category::kString) {
    return CoercionPathway::kCoerceViaIO;
  }
  return CoercionPathway::kNone;
}

bool CheckGenericTypeConsistency(std::span<const Oid> inputs, std::span<const Oid> targets) {
  Oid elem_type = type_oid::kInvalid;
  bool have_anynonarray = false;
  bool have_anyenum = false;
  Oid array_elem_type = type_oid::kInvalid;
  Oid range_type = type_oid::kInvalid;       // anyrange / anymultirange's range type
  Oid compatible_range = type_oid::kInvalid;  // anycompatiblerange / ...multirange's
  std::vector<Oid> compatible;  // actual anycompatible types (elements for arrays)
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Oid declared = targets[i];
    if (!IsPolymorphicType(declared)) continue;
    // Arrays and the anycompatible family see a domain as its base type.
    const Oid actual = declared == type_oid::kAnyElement || declared == type_oid::kAnyNonArray ||
                               declared == type_oid::kAnyEnum
                           ? inputs[i]
                           : BaseTypeOf(inputs[i]);
    if (declared == type_oid::kAnyNonArray) have_anynonarray = true;
    if (declared == type_oid::kAnyEnum) have_anyenum = true;
    if (actual == type_oid::kUnknown) continue;
    switch (declared) {
      case type_oid::kAnyElement:
      case type_oid::kAnyNonArray:
      case type_oid::kAnyEnum:
        if (elem_type != type_oid::kInvalid && actual != elem_type) return false;
        elem_type = actual;
        break;
      case type_oid::kAnyArray:
      case type_oid::kAnyCompatibleArray: {
        if (!IsArrayType(actual)) return false;
        const Oid elem = FindPgType(actual)->typelem;
        if (declared == type_oid::kAnyArray) {
          if (array_elem_type != type_oid::kInvalid && elem != array_elem_type) return false;
          array_elem_type = elem;
        } else {
          compatible.push_back(elem);
        }
        break;
      }
      case type_oid::kAnyCompatibleNonArray:
        if (IsArrayType(actual)) return false;
        compatible.push_back(actual);
        break;
      case type_oid::kAnyCompatible:
        compatible.push_back(actual);
        break;
      case type_oid::kAnyRange:
      case type_oid::kAnyMultirange:
      case type_oid::kAnyCompatibleRange:
      case type_oid::kAnyCompatibleMultirange: {
        const bool multi = declared == type_oid::kAnyMultirange ||
                           declared == type_oid::kAnyCompatibleMultirange;
        if (multi ? !IsMultirangeType(actual) : !IsRangeType(actual)) return false;
        const Oid range = FindRangeType(actual)->range;
        Oid& slot = declared == type_oid::kAnyRange || declared == type_oid::kAnyMultirange
                        ? range_type
                        : compatible_range;
        if (slot != type_oid::kInvalid && slot != range) return false;
        slot = range;
        break;
      }
      default:
        break;
    }
  }
  if (array_elem_type != type_oid::kInvalid) {
    if (elem_type != type_oid::kInvalid && elem_type != array_elem_type) return false;
    elem_type = array_elem_type;
  }
  if (range_type != type_oid::kInvalid) {
    const Oid subtype = FindRangeType(range_type)->subtype;
    if (elem_type != type_oid::kInvalid && elem_type != subtype) return false;
    elem_type = subtype;
  }
  if (compatible_range != type_oid::kInvalid) {
    // The anycompatible inputs must convert to the range's subtype.
    const Oid subtype = FindRangeType(compatible_range)->subtype;
    for (Oid t : compatible) {
      if (!CanCoerceType(t, subtype, CoercionContext::kImplicit)) return false;
    }
    return true;
  }
  if (have_anynonarray && elem_type != type_oid::kInvalid && IsArrayType(elem_type)) {
    return false;
  }
  if (have_anyenum && elem_type != type_oid::kInvalid && !IsEnumType(elem_type)) {
    return false;
  }
  // The anycompatible family needs a common type all its inputs convert to.
  if (!compatible.empty()) {
    const Oid common = SelectCommonTypeOfTypes(compatible);
    if (common == type_oid::kInvalid) return false;
    for (Oid t : compatible) {
      if (!CanCoerceType(t, common, CoercionContext::kImplicit)) return false;
    }
  }
  return true;
}

bool CanCoerceTypes(std::span<const Oid> inputs, std::span<const Oid> targets,
                    CoercionContext context) {
  bool have_generics = false;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Oid input = inputs[i];
    const Oid target = targets[i];
    if (input == target) continue;
    if (target == type_oid::kAny) continue;
    if (IsPolymorphicType(target)) {
      have_generics = true;
      continue;
    }
    if (input == type_oid::kUnknown) continue;
    // Record to a named composite type (ROW(...)::t), a composite value to
    // `record` (and their arrays to record[]).
    if (input == type_oid::kRecord && IsNamedCompositeType(BaseTypeOf(target))) continue;
    if (target == type_oid::kRecord && IsCompositeType(input)) continue;
    if (target == kRecordArray && IsArrayType(input) &&
        IsCompositeType(FindPgType(input)->typelem)) {
      continue;
    }
    if (FindCoercionPathway(target, input, context) != CoercionPathway::kNone) continue;
    return false;
  }
  if (have_generics && !CheckGenericTypeConsistency(inputs, targets)) return false;
  return true;
}

bool CanCoerceType(Oid input, Oid target, CoercionContext context) {
  return CanCoerceTypes(std::span<const Oid>(&input, 1), std::span<const Oid>(&target, 1), context);
}

}  // namespace strata::sql
