// enforce_generic_type_consistency() for our polymorphic pseudo-types.
#include "sql/binder/polymorphic.h"

#include "sql/binder/coercion_rules.h"
#include "sql/builtin/type_table.h"
#include "sql/types/range_value.h"
#include "sql/types/user_types.h"

namespace strata::sql {

namespace {

bool IsAnyFamily(Oid t) {
  return t == type_oid::kAnyElement || t == type_oid::kAnyArray || t == type_oid::kAnyNonArray ||
         t == type_oid::kAnyEnum;
}
bool IsCompatibleFamily(Oid t) {
  return t == type_oid::kAnyCompatible || t == type_oid::kAnyCompatibleArray ||
         t == type_oid::kAnyCompatibleNonArray;
}

Oid ElementOf(Oid array) {
  const PgTypeInfo* info = FindPgType(array);
  return info != nullptr ? info->typelem : type_oid::kInvalid;
}
Oid ArrayOf(Oid element) {
  const PgTypeInfo* info = FindPgType(element);
  return info != nullptr ? info->typarray : type_oid::kInvalid;
}

}  // namespace

Oid SelectCommonTypeOfTypes(std::span<const Oid> types) {
  Oid ptype = types.empty() ? type_oid::kUnknown : types[0];
  char pcategory = TypeCategory(ptype);
  bool preferred = IsPreferredType(type_category::kInvalid, ptype);
  for (size_t i = 1; i < types.size(); ++i) {
    const Oid ntype = types[i];
    if (ntype == type_oid::kUnknown || ntype == ptype) continue;
    const char ncategory = TypeCategory(ntype);
    const bool npreferred = IsPreferredType(type_category::kInvalid, ntype);
    if (ptype == type_oid::kUnknown) {
      ptype = ntype;
      pcategory = ncategory;
      preferred = npreferred;
    } else if (ncategory != pcategory) {
      return type_oid::kInvalid;
    } else if (!preferred && CanCoerceType(ptype, ntype, CoercionContext::kImplicit) &&
               !CanCoerceType(ntype, ptype, CoercionContext::kImplicit)) {
      ptype = ntype;
      pcategory = ncategory;
      preferred = npreferred;
    }
  }
  if (ptype == type_oid::kUnknown) ptype = type_oid::kText;
  return ptype;
}

PolymorphicResolution ResolvePolymorphicTypes(std::span<const Oid> actual,
                                              std::span<const Oid> declared, Oid result) {
  PolymorphicResolution r;
  r.args.assign(declared.begin(), declared.end());
  r.result = result;
  Oid elem = type_oid::kInvalid;
  bool have_any = false;
  std::vector<Oid> compatible;
  bool have_compatible = false;
  Oid range = type_oid::kInvalid;             // from anyrange / anymultirange arguments
  Oid compatible_range = type_oid::kInvalid;  // from anycompatiblerange / ...multirange
  for (size_t i = 0; i < declared.size(); ++i) {
    const Oid d = declared[i];
    const Oid a = actual[i];
    if (d == type_oid::kAnyRange || d == type_oid::kAnyMultirange ||
        d == type_oid::kAnyCompatibleRange || d == type_oid::kAnyCompatibleMultirange) {
      const RangeTypeInfo* info = FindRangeType(BaseTypeOf(a));
      if (info == nullptr) continue;
      if (d == type_oid::kAnyRange || d == type_oid::kAnyMultirange) {
        have_any = true;
        if (range == type_oid::kInvalid) range = info->range;
      } else {
        have_compatible = true;
        if (compatible_range == type_oid::kInvalid) compatible_range = info->range;
      }
    } else if (IsAnyFamily(d)) {
      have_any = true;
      if (a == type_oid::kUnknown) continue;
      // An array argument may be a domain over an array: its base type counts.
      const Oid e = d == type_oid::kAnyArray ? ElementOf(BaseTypeOf(a)) : a;
      if (elem == type_oid::kInvalid) elem = e;
    } else if (IsCompatibleFamily(d)) {
      have_compatible = true;
      if (a == type_oid::kUnknown) continue;
      compatible.push_back(d == type_oid::kAnyCompatibleArray ? ElementOf(BaseTypeOf(a))
                                                              : BaseTypeOf(a));
    }
  }
  auto fail = [&](std::string message) {
    r.error = std::move(message);
    return r;
  };
  if (range != type_oid::kInvalid && elem == type_oid::kInvalid) {
    elem = FindRangeType(range)->subtype;
  }
  if (have_any && elem == type_oid::kInvalid) {
    return fail("could not determine polymorphic type because input has type unknown");
  }
  Oid common = type_oid::kInvalid;
  if (compatible_range != type_oid::kInvalid) {
    common = FindRangeType(compatible_range)->subtype;
  } else if (have_compatible) {
    if (compatible.empty()) {
      return fail(
          "could not determine polymorphic type anycompatible because input has type unknown");
    }
    common = SelectCommonTypeOfTypes(compatible);
    if (common == type_oid::kInvalid) {
      r.error_detail = FormatTypeName(compatible[0]) + " versus " +
                       FormatTypeName(compatible[compatible.size() - 1]);
      for (Oid t : compatible) {
        if (TypeCategory(t) != TypeCategory(compatible[0])) {
          r.error_detail = FormatTypeName(compatible[0]) + " versus " + FormatTypeName(t);
          break;
        }
      }
      return fail("arguments declared \"anycompatible\" are not all alike");
    }
  }
  auto resolve = [&](Oid d) -> Oid {
    switch (d) {
      case type_oid::kAnyElement:
      case type_oid::kAnyNonArray:
      case type_oid::kAnyEnum:
        return elem;
      case type_oid::kAnyArray:
        return ArrayOf(elem);
      case type_oid::kAnyCompatible:
      case type_oid::kAnyCompatibleNonArray:
        return common;
      case type_oid::kAnyCompatibleArray:
        return ArrayOf(common);
      case type_oid::kAnyRange:
        return range;
      case type_oid::kAnyMultirange:
        return range == type_oid::kInvalid ? type_oid::kInvalid
                                           : FindRangeType(range)->multirange;
      case type_oid::kAnyCompatibleRange:
        return compatible_range;
      case type_oid::kAnyCompatibleMultirange:
        return compatible_range == type_oid::kInvalid ? type_oid::kInvalid
                                                      : FindRangeType(compatible_range)->multirange;
      default:
        return d;
    }
  };
  for (Oid& t : r.args) t = resolve(t);
  r.result = resolve(result);
  for (Oid t : r.args) {
    if (t == type_oid::kInvalid) return fail("could not find array type for data type");
  }
  return r;
}

}  // namespace strata::sql
