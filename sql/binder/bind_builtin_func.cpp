// Calls of the built-in functions we evaluate: PostgreSQL's
// func_get_detail()/func_select_candidate() over our subset of pg_proc (the
// rows below, as PostgreSQL 15 declares them), then polymorphic resolution
// and implicit coercion of the arguments. A name not in the table is not
// ours: the caller reports it as unsupported (0A000). A name in the table
// with no matching signature is PostgreSQL's 42883 "function ... does not
// exist" -- which is exact only while the table holds every pg_proc row of
// that name that could match; names are added here whole.
#include <array>
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/binder/binder.h"
#include "sql/binder/coercion_rules.h"
#include "sql/binder/polymorphic.h"
#include "sql/builtin/type_table.h"
#include "sql/types/range_value.h"
#include "sql/types/user_types.h"

namespace strata::sql {

namespace {

constexpr Oid kAnyArray = type_oid::kAnyArray;
constexpr Oid kAnyElement = type_oid::kAnyElement;
constexpr Oid kAnyCompatible = type_oid::kAnyCompatible;
constexpr Oid kAnyCompatibleArray = type_oid::kAnyCompatibleArray;
constexpr Oid kInt4 = type_oid::kInt4;
constexpr Oid kText = type_oid::kText;
constexpr Oid kAclItemArray = 1034;  // aclitem[]

struct ProcRow {
  std::string_view name;
  std::array<Oid, 3> args;
  int nargs;  // -1: VARIADIC "any"
  Oid result;
  std::string_view proname;  // the implementation (pg_proc.prosrc)
};

constexpr ProcRow kProcs[] = {
    {"length", {kText}, 1, kInt4, "textlen"},
    {"length", {type_oid::kBpchar}, 1, kInt4, "bpcharlen"},
    {"length", {type_oid::kBytea}, 1, kInt4, "byteaoctetlen"},
    {"length", {1560 /* bit */}, 1, kInt4, "bitlength"},
    {"length", {3614 /* tsvector */}, 1, kInt4, "tsvector_length"},
    {"length", {601 /* lseg */}, 1, type_oid::kFloat8, "lseg_length"},
    {"length", {602 /* path */}, 1, type_oid::kFloat8, "path_length"},
    {"octet_length", {kText}, 1, kInt4, "textoctetlen"},
    {"octet_length", {type_oid::kBpchar}, 1, kInt4, "bpcharoctetlen"},
    {"octet_length", {type_oid::kBytea}, 1, kInt4, "byteaoctetlen"},
    {"octet_length", {1560 /* bit */}, 1, kInt4, "bitoctetlength"},
    {"array_length", {kAnyArray, kInt4}, 2, kInt4, "array_length"},
    {"array_upper", {kAnyArray, kInt4}, 2, kInt4, "array_upper"},
    {"array_lower", {kAnyArray, kInt4}, 2, kInt4, "array_lower"},
    {"array_ndims", {kAnyArray}, 1, kInt4, "array_ndims"},
    {"cardinality", {kAnyArray}, 1, kInt4, "cardinality"},
    {"array_to_string", {kAnyArray, kText}, 2, kText, "array_to_text"},
    {"array_to_string", {kAnyArray, kText, kText}, 3, kText, "array_to_text_null"},
    {"array_append", {kAnyCompatibleArray, kAnyCompatible}, 2, kAnyCompatibleArray,
     "array_append"},
    {"array_prepend", {kAnyCompatible, kAnyCompatibleArray}, 2, kAnyCompatibleArray,
     "array_prepend"},
    {"array_cat", {kAnyCompatibleArray, kAnyCompatibleArray}, 2, kAnyCompatibleArray,
     "array_cat"},
    {"array_remove", {kAnyCompatibleArray, kAnyCompatible}, 2, kAnyCompatibleArray,
     "array_remove"},
    {"json_typeof", {type_oid::kJson}, 1, kText, "json_typeof"},
    {"jsonb_typeof", {type_oid::kJsonb}, 1, kText, "jsonb_typeof"},
    {"jsonb_pretty", {type_oid::kJsonb}, 1, kText, "jsonb_pretty"},
    {"to_json", {kAnyElement}, 1, type_oid::kJson, "to_json"},
    {"row_to_json", {type_oid::kRecord}, 1, type_oid::kJson, "row_to_json"},
    {"row_to_json", {type_oid::kRecord, type_oid::kBool}, 2, type_oid::kJson,
     "row_to_json_pretty"},
    // pg_typeof("any") -> regtype (an unknown literal reports text, not unknown).
    {"pg_typeof", {type_oid::kAny}, 1, 2206 /* regtype */, "pg_typeof"},
    {"to_jsonb", {kAnyElement}, 1, type_oid::kJsonb, "to_jsonb"},
    {"concat", {}, -1, kText, "text_concat"},
    {"concat_ws", {}, -1, kText, "text_concat_ws"},
    // format(text) and format(text, VARIADIC "any") as one row.
    {"format", {}, -1, kText, "text_format"},
    {"json_build_object", {}, -1, type_oid::kJson, "json_build_object"},
    {"jsonb_build_object", {}, -1, type_oid::kJsonb, "jsonb_build_object"},
    {"json_build_array", {}, -1, type_oid::kJson, "json_build_array"},
    {"jsonb_build_array", {}, -1, type_oid::kJsonb, "jsonb_build_array"},
};

// The candidate's declared types for `nargs` arguments.
std::vector<Oid> DeclaredTypes(const ProcRow& row, size_t nargs) {
  if (row.nargs < 0) return std::vector<Oid>(nargs, type_oid::kAny);
  return std::vector<Oid>(row.args.begin(), row.args.begin() + row.nargs);
}

}  // namespace

BoundExprPtr Binder::BindBuiltinFunction(const ast::FuncCallExpr& expr,
                                         std::vector<BoundExprPtr>& args) {
  if (expr.name.size() > 2 || (expr.name.size() == 2 && expr.name[0] != "pg_catalog")) {
    return nullptr;
  }
  const std::string& name = expr.name.back();
  if (expr.variadic_only) {
    // f(..., VARIADIC arr) of the VARIADIC "any" functions concat, concat_ws and
    // format: the array's elements are the trailing arguments
    // (format_function.cpp spreads them at run time). A NULL array is allowed.
    std::string_view proname;
    if (name == "concat") {
      proname = "text_concat_variadic";
    } else if (name == "concat_ws" && args.size() >= 2) {
      proname = "text_concat_ws_variadic";
    } else if (name == "format" && args.size() >= 2) {
      proname = "text_format_variadic";
    } else if (const PgTypeInfo* type = FindPgTypeByName(name);
               type != nullptr && IsMultirangeType(type->oid) && args.size() == 1) {
      // int4multirange(VARIADIC int4range[]) and so on: the array's ranges.
      const Oid array_type = FindRangeType(type->oid)->range_array;
      const Oid given = args[0]->type().oid;
      if (given != array_type && given != type_oid::kUnknown) {
        throw ErrorAt(SqlState::kUndefinedFunction,
                      "function " + name + "(" + FormatTypeName(given) + ") does not exist",
                      expr.location)
            .WithHint(
                "No function matches the given name and argument types. You might need to add "
                "explicit type casts.");
      }
      args[0] = CoerceType(std::move(args[0]), array_type, CoercionContext::kImplicit, -1);
      return std::make_unique<BoundFunctionCall>(FindBuiltinFunction("multirange_constructor2"),
                                                 std::move(args), DataType{type->oid},
                                                 expr.location);
    } else {
      bool known = false;
      for (const ProcRow& row : kProcs) known = known || row.name == name;
      if (!known) return nullptr;
      throw ErrorAt(SqlState::kFeatureNotSupported,
                    "VARIADIC arguments of " + name + "() are not supported yet", expr.location);
    }
    const Oid last = args.back()->type().oid;
    if (!IsArrayType(last)) {
      throw ErrorAt(SqlState::kDatatypeMismatch, "VARIADIC argument must be an array",
                    expr.args.back()->location);
    }
    if (!IsSupportedType(last)) {
      throw ErrorAt(SqlState::kFeatureNotSupported,
                    "VARIADIC arrays of type " + FormatTypeName(last) + " are not supported yet",
                    expr.location);
    }
    for (size_t i = 0; i + 1 < args.size(); ++i) {
      args[i] = ResolveUnknownToText(std::move(args[i]));
      if (i == 0 && name != "concat") {
        // The format string / separator is declared text.
        args[i] = CoerceType(std::move(args[i]), kText, CoercionContext::kImplicit, -1);
      } else if (!IsSupportedType(args[i]->type().oid)) {
        throw ErrorAt(SqlState::kFeatureNotSupported,
                      "function " + name + "() is not supported yet for type " +
                          FormatTypeName(args[i]->type().oid),
                      expr.location);
      }
    }
    return std::make_unique<BoundFunctionCall>(FindBuiltinFunction(proname), std::move(args),
                                               DataType{kText}, expr.location);
  }
  std::vector<Oid> actual;
  for (const BoundExprPtr& a : args) actual.push_back(a->type().oid);

  bool known_name = false;
  std::vector<const ProcRow*> candidates;
  for (const ProcRow& row : kProcs) {
    if (row.name != name) continue;
    known_name = true;
    if (row.nargs >= 0 && static_cast<size_t>(row.nargs) != args.size()) continue;
    if (row.nargs < 0 && args.empty()) continue;  // the zero-argument forms are below
    const std::vector<Oid> declared = DeclaredTypes(row, args.size());
    if (CanCoerceTypes(actual, declared, CoercionContext::kImplicit)) candidates.push_back(&row);
  }
  if (!known_name) return nullptr;

  // Zero-argument json[b]_build_object()/json[b]_build_array().
  const ProcRow* chosen = nullptr;
  if (args.empty()) {
    for (const ProcRow& row : kProcs) {
      if (row.name == name && row.nargs < 0 && row.name.starts_with("json")) chosen = &row;
    }
  }

  auto signature = [&]() {
    std::string s = name + "(";
    for (size_t i = 0; i < actual.size(); ++i) {
      if (i > 0) s += ", ";
      s += FormatTypeName(actual[i]);
    }
    return s + ")";
  };

  if (chosen == nullptr) {
    // Exact matches first, then the most exact matches on known inputs, then
    // string-category (preferred) candidates for unknown inputs.
    std::vector<const ProcRow*> best = candidates;
    auto keep_best = [&](auto score) {
      int top = -1;
      std::vector<const ProcRow*> kept;
      for (const ProcRow* c : best) {
        const int s = score(*c);
        if (s > top) {
          top = s;
          kept.clear();
        }
        if (s == top) kept.push_back(c);
      }
      best = std::move(kept);
    };
    if (best.size() > 1) {
      keep_best([&](const ProcRow& c) {
        const std::vector<Oid> d = DeclaredTypes(c, args.size());
        int n = 0;
        for (size_t i = 0; i < d.size(); ++i) n += actual[i] != type_oid::kUnknown && d[i] == actual[i];
        return n;
      });
    }
    if (best.size() > 1) {
      // Exact or preferred (within the input's category) at known inputs.
      keep_best([&](const ProcRow& c) {
        const std::vector<Oid> d = DeclaredTypes(c, args.size());
        int n = 0;
        for (size_t i = 0; i < d.size(); ++i) {
          n += actual[i] != type_oid::kUnknown &&
               (d[i] == actual[i] || IsPreferredType(TypeCategory(actual[i]), d[i]));
        }
        return n;
      });
    }
    if (best.size() > 1) {
      keep_best([&](const ProcRow& c) {
        const std::vector<Oid> d = DeclaredTypes(c, args.size());
        int n = 0;
        for (size_t i = 0; i < d.size(); ++i) {
          if (actual[i] != type_oid::kUnknown) continue;
          n += TypeCategory(d[i]) == type_category::kString;
          n += IsPreferredType(type_category::kString, d[i]);
        }
        return n;
      });
    }
    if (best.empty()) {
      throw ErrorAt(SqlState::kUndefinedFunction, "function " + signature() + " does not exist",
                    expr.location)
          .WithHint(
              "No function matches the given name and argument types. You might need to add "
              "explicit type casts.");
    }
    if (best.size() > 1) {
      throw ErrorAt(SqlState::kAmbiguousFunction, "function " + signature() + " is not unique",
                    expr.location)
          .WithHint(
              "Could not choose a best candidate function. You might need to add explicit type "
              "casts.");
    }
    chosen = best[0];
  }

  std::vector<Oid> declared = DeclaredTypes(*chosen, args.size());
  const PolymorphicResolution r = ResolvePolymorphicTypes(actual, declared, chosen->result);
  if (!r.error.empty()) {
    SqlError error = ErrorAt(SqlState::kDatatypeMismatch, r.error, expr.location);
    if (!r.error_detail.empty()) error.WithDetail(r.error_detail);
    throw error;
  }
  const BuiltinFunction* fn = FindBuiltinFunction(chosen->proname);
  bool supported = fn != nullptr && IsSupportedType(r.result);
  for (size_t i = 0; i < args.size() && supported; ++i) {
    // "any" arguments keep their type (unknown literals become text).
    const Oid t = r.args[i] == type_oid::kAny ? actual[i] : r.args[i];
    supported = t == type_oid::kUnknown || IsSupportedType(t) ||
                (r.args[i] == type_oid::kAny && t == type_oid::kRecord);
    // aclitem[] (pg_class.relacl, pg_namespace.nspacl) is not a type values
    // can be stored in or read as, but array_to_string of one is how psql's
    // \dp, \dn+ and \l print access privileges: its elements are text.
    if (t == kAclItemArray && chosen->proname.rfind("array_to_text", 0) == 0) supported = true;
  }
  if (!supported) {
    throw ErrorAt(SqlState::kFeatureNotSupported,
                  "function " + signature() + " is not supported yet", expr.location);
  }
  for (size_t i = 0; i < args.size(); ++i) {
    if (r.args[i] == type_oid::kAny) {
      args[i] = ResolveUnknownToText(std::move(args[i]));
    } else {
      args[i] = CoerceType(std::move(args[i]), r.args[i], CoercionContext::kImplicit, -1);
    }
  }
  // pg_typeof of a domain-typed (or base-typed) expression names that type,
  // which the value itself (of the base / storage type) cannot tell at run
  // time.
  if (chosen->proname == "pg_typeof" && args.size() == 1 &&
      args[0]->type().oid >= catalog::kFirstNormalObjectId &&
      (IsDomainType(args[0]->type().oid) || IsUserBaseType(args[0]->type().oid))) {
    return std::make_unique<BoundConstant>(Value::Integer(r.result, args[0]->type().oid),
                                           DataType{r.result}, expr.location);
  }
  auto call = std::make_unique<BoundFunctionCall>(fn, std::move(args), DataType{r.result},
                                                  expr.location);
  call->set_called_as(expr.name.back(), expr.is_sql_value_function);
  return call;
}

}  // namespace strata::sql
