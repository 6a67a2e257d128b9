// Function calls. The arguments are bound first (as PostgreSQL analyzes
// them). The polymorphic array/json/string functions are bound by
// BindBuiltinFunction (bind_builtin_func.cpp); every other call is resolved
// among the SQL-callable built-ins (expr/sql_function.h) with PostgreSQL's rules (func_get_detail and
// func_select_candidate): an exact match, else the candidates every argument
// can be implicitly coerced to, narrowed by exact matches, preferred types
// and the type categories of unknown-type arguments. Errors as PostgreSQL's
// (42883 "function f(integer) does not exist", 42725 "... is not unique").
// Functions we have no entry for at all are 0A000, with PostgreSQL's
// signature spelling ("abs(integer)").
#include <algorithm>
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/types/output_only_types.h"
#include "sql/binder/binder.h"
#include "sql/binder/named_arguments.h"
#include "sql/binder/polymorphic.h"
#include "sql/binder/set_returning_targets.h"
#include "sql/expr/record_set_functions.h"
#include "sql/system_relations/reg_types.h"
#include "sql/types/record_type.h"
#include "sql/builtin/type_table.h"
#include "sql/expr/pg_function_names.h"
#include "sql/expr/sql_function.h"

namespace strata::sql {

namespace {

// func_select_candidate(): nullptr if no unique best candidate.
const SqlFunction* SelectCandidate(const std::vector<Oid>& inputs,
                                   std::vector<const SqlFunction*> candidates) {
  const size_t nargs = inputs.size();
  auto keep_best = [&](auto score) {
    int best = -1;
    std::vector<const SqlFunction*> kept;
    for (const SqlFunction* c : candidates) {
      const int s = score(*c);
      if (s > best) {
        best = s;
        kept.clear();
      }
      if (s == best) kept.push_back(c);
    }
    candidates = std::move(kept);
  };
  keep_best([&](const SqlFunction& c) {
    int n = 0;
    for (size_t i = 0; i < nargs; ++i) {
      if (inputs[i] != type_oid::kUnknown && c.args[i] == inputs[i]) ++n;
    }
    return n;
  });
  if (candidates.size() == 1) return candidates[0];
  keep_best([&](const SqlFunction& c) {
    int n = 0;
    for (size_t i = 0; i < nargs; ++i) {
      if (inputs[i] == type_oid::kUnknown) continue;
      if (c.args[i] == inputs[i] || IsPreferredType(TypeCategory(inputs[i]), c.args[i])) ++n;
    }
    return n;
  });
  if (candidates.size() == 1) return candidates[0];
  // Unknown inputs: pick a category per position (string wins), then prefer
  // the category's preferred type.
  for (size_t i = 0; i < nargs; ++i) {
    if (inputs[i] != type_oid::kUnknown) continue;
    char category = 0;
    bool resolved = true;
    for (const SqlFunction* c : candidates) {
      const char cat = TypeCategory(c->args[i]);
      if (category == 0) {
        category = cat;
      } else if (cat != category) {
        if (cat == type_category::kString || category == type_category::kString) {
          category = type_category::kString;
        } else {
          resolved = false;
        }
      }
    }
    if (!resolved) return nullptr;
    bool have_preferred = false;
    for (const SqlFunction* c : candidates) {
      if (TypeCategory(c->args[i]) == category && IsPreferredType(category, c->args[i])) {
        have_preferred = true;
      }
    }
    std::vector<const SqlFunction*> kept;
    for (const SqlFunction* c : candidates) {
      if (TypeCategory(c->args[i]) != category) continue;
      if (have_preferred && !IsPreferredType(category, c->args[i])) continue;
      kept.push_back(c);
    }
    candidates = std::move(kept);
  }
  return candidates.size() == 1 ? candidates[0] : nullptr;
}

}  // namespace

BoundExprPtr Binder::BindFuncCall(const ast::FuncCallExpr& expr) {
  if (expr.is_grouping_func) return BindGroupingFunc(expr);
  // A set-returning call inside a window or aggregate call's arguments is not
  // one of the select list's.
  SetReturningState* const srf_targets = srf_targets_;
  struct RestoreTargets {
    Binder* binder;
    SetReturningState* targets;
    ~RestoreTargets() { binder->srf_targets_ = targets; }
  } restore_targets{this, srf_targets};
  if (expr.over != nullptr || IsWindowOnlyName(expr.name)) {
    srf_targets_ = nullptr;
    SetReturningForbiddenScope forbid(
        *this, "window function calls cannot contain set-returning function calls");
    return BindWindowCall(expr);
  }
  if (!expr.is_sql_value_function && IsAggregateName(expr.name) && outer_ != nullptr) {
    // An aggregate over an enclosing query's columns only belongs to it.
    if (BoundExprPtr outer = BindOuterAggregate(expr)) return outer;
  }
  if (!expr.is_sql_value_function && IsAggregateName(expr.name) &&
      (grouping_ != nullptr || agg_forbidden_ != nullptr)) {
    srf_targets_ = nullptr;
    SetReturningForbiddenScope forbid(
        *this, "aggregate function calls cannot contain set-returning function calls");
    return BindAggregate(expr);
  }
  const size_t srf_targets_before = srf_targets != nullptr ? srf_targets->calls.size() : 0;
  std::string signature;
  for (size_t i = 0; i < expr.name.size(); ++i) {
    if (i > 0) signature += ".";
    signature += expr.name[i];
  }
  signature += "(";
  if (expr.agg_distinct) signature += "DISTINCT ";
  std::vector<BoundExprPtr> args;
  std::vector<Oid> types;
  const bool srf_allowed = srf_allowed_;
  srf_allowed_ = false;  // not in the arguments
  bool ordered_unmatched = false;
  if (expr.agg_star) {
    signature += "*";
  } else {
    const OrderedArguments ordered = OrderArguments(expr);
    ordered_unmatched = ordered.unmatched;
    for (size_t i = 0; i < ordered.args.size(); ++i) {
      BoundExprPtr arg = BindExpr(*ordered.args[i]);
      if (i > 0) signature += ", ";
      if (ordered.unmatched && !expr.arg_names[i].empty()) {
        signature += expr.arg_names[i] + " => ";
      }
      signature += FormatTypeName(arg->type().oid);
      types.push_back(arg->type().oid);
      args.push_back(std::move(arg));
    }
  }
  signature += ")";
  if (ordered_unmatched) {
    throw ErrorAt(SqlState::kUndefinedFunction, "function " + signature + " does not exist",
                  expr.location)
        .WithHint(
            "No function matches the given name and argument types. You might need to add "
            "explicit type casts.");
  }

  return BindCallOfArgs(expr, args, types, signature, srf_allowed, srf_targets,
                        srf_targets_before);
}

BoundExprPtr Binder::BindCallWithBoundArgs(const ast::FuncCallExpr& expr,
                                           std::vector<BoundExprPtr> args) {
  std::string signature;
  for (size_t i = 0; i < expr.name.size(); ++i) {
    if (i > 0) signature += ".";
    signature += expr.name[i];
  }
  signature += "(";
  std::vector<Oid> types;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) signature += ", ";
    signature += FormatTypeName(args[i]->type().oid);
    types.push_back(args[i]->type().oid);
  }
  signature += ")";
  SetReturningState* const srf_targets = srf_targets_;
  const size_t before = srf_targets != nullptr ? srf_targets->calls.size() : 0;
  return BindCallOfArgs(expr, args, types, signature, false, srf_targets, before);
}

BoundExprPtr Binder::BindCallOfArgs(const ast::FuncCallExpr& expr, std::vector<BoundExprPtr>& args,
                                    const std::vector<Oid>& types, const std::string& signature,
                                    bool srf_allowed, SetReturningState* srf_targets,
                                    size_t srf_targets_before) {
  if (user_functions_ && !expr.agg_star && !expr.agg_distinct && !expr.has_decorations &&
      !expr.is_sql_value_function) {
    if (BoundExprPtr bound = user_functions_(*this, expr, args, srf_allowed)) return bound;
  }
  if (!expr.agg_star && !expr.agg_distinct &&
      (!expr.has_decorations || expr.variadic_only) && !expr.is_sql_value_function) {
    if (BoundExprPtr bound = BindBuiltinFunction(expr, args)) return bound;
  }

  const bool plain_call = !expr.agg_star && !expr.agg_distinct && !expr.has_decorations &&
                          (expr.name.size() == 1 ||
                           (expr.name.size() == 2 && expr.name[0] == "pg_catalog"));
  std::vector<const SqlFunction*> named;
  if (plain_call) {
    for (const SqlFunction* f : FindSqlFunctions(expr.name.back())) {
      if (f->internal == expr.is_sql_value_function) named.push_back(f);
    }
  }
  const bool information_schema_call = !expr.agg_star && !expr.agg_distinct &&
                                       !expr.has_decorations && expr.name.size() == 2 &&
                                       expr.name[0] == "information_schema";
  if (information_schema_call) {
    for (const SqlFunction& f : InformationSchemaSqlFunctions()) {
      if (f.name == expr.name.back()) named.push_back(&f);
    }
  }
  if (named.empty() && plain_call && args.size() == 1) {
    // A one-argument call named after a type is a cast (func_get_detail's
    // FUNCDETAIL_COERCION, and the pg_proc conversion functions such as
    // float8(int8) that carry their type's name): float8(x) is x::float8.
    const PgTypeInfo* type = FindPgTypeByName(expr.name.back());
    if (type != nullptr && IsSupportedType(type->oid) &&
        CanCoerceType(types[0], type->oid, CoercionContext::kExplicit)) {
      return CoerceToTargetType(std::move(args[0]), DataType{type->oid, -1},
                                CoercionContext::kExplicit, true, expr.location);
    }
  }
  if (!named.empty() && plain_call && args.size() == 1) {
    // func_get_detail also takes a call named after a type as a cast when no
    // candidate matches the argument type exactly and the cast is a no-op or
    // an unknown literal's input: box(b) of a box, point('(1,2)').
    bool exact = false;
    for (const SqlFunction* f : named) exact = exact || (f->nargs == 1 && f->args[0] == types[0]);
    const PgTypeInfo* type = FindPgTypeByName(expr.name.back());
    if (!exact && type != nullptr && IsSupportedType(type->oid) &&
        (types[0] == type->oid ||
         (types[0] == type_oid::kUnknown && args[0]->kind() == BoundExprKind::kConstant))) {
      return CoerceToTargetType(std::move(args[0]), DataType{type->oid, -1},
                                CoercionContext::kExplicit, true, expr.location);
    }
  }
  if (named.empty() && plain_call && !IsPgBuiltinFunctionName(expr.name.back())) {
    throw ErrorAt(SqlState::kUndefinedFunction, "function " + signature + " does not exist",
                  expr.location)
        .WithHint(
            "No function matches the given name and argument types. You might need to add "
            "explicit type casts.");
  }
  if (named.empty()) {
    throw ErrorAt(SqlState::kFeatureNotSupported,
                  "function " + signature + " is not supported yet", expr.location);
  }

  const SqlFunction* chosen = nullptr;
  std::vector<const SqlFunction*> candidates;
  for (const SqlFunction* f : named) {
    if (f->nargs != types.size()) continue;
    bool exact = true;
    bool coercible = true;
    for (size_t i = 0; i < types.size(); ++i) {
      if (f->args[i] != types[i]) exact = false;
      if (!CanCoerceType(types[i], f->args[i], CoercionContext::kImplicit)) coercible = false;
    }
    if (exact) {
      chosen = f;
      break;
    }
    if (coercible) candidates.push_back(f);
  }
  if (chosen == nullptr && candidates.size() == 1) chosen = candidates[0];
  if (chosen == nullptr && candidates.size() > 1) {
    chosen = SelectCandidate(types, candidates);
    if (chosen == nullptr) {
      throw ErrorAt(SqlState::kAmbiguousFunction, "function " + signature + " is not unique",
                    expr.location)
          .WithHint(
              "Could not choose a best candidate function. You might need to add explicit type "
              "casts.");
    }
  }
  if (chosen == nullptr) {
    throw ErrorAt(SqlState::kUndefinedFunction, "function " + signature + " does not exist",
                  expr.location)
        .WithHint(
            "No function matches the given name and argument types. You might need to add "
            "explicit type casts.");
  }
  // nextval('s') and its kin: PostgreSQL declares only regclass forms, so
  // an unknown literal becomes a regclass constant here (resolved now, and
  // shown as 's'::regclass by EXPLAIN). The text forms stay for text
  // arguments given explicitly.
  if (chosen->check_constant_arg != nullptr && !types.empty() &&
      types[0] == type_oid::kUnknown && args[0]->kind() == BoundExprKind::kConstant &&
      !static_cast<const BoundConstant&>(*args[0]).value().is_null()) {
    for (const SqlFunction* f : named) {
      if (f->nargs != chosen->nargs || f->args[0] != type_oid::kRegclass) continue;
      if (!std::equal(f->args.begin() + 1, f->args.begin() + f->nargs, chosen->args.begin() + 1)) {
        continue;
      }
      const auto& literal = static_cast<const BoundConstant&>(*args[0]);
      const int location = literal.location();
      BoundExprPtr coerced;
      try {
        coerced = CoerceType(
            std::make_unique<BoundConstant>(literal.value(), literal.type(), location),
            type_oid::kRegclass, CoercionContext::kImplicit, location);
      } catch (const SqlError&) {
        // Not a relation name regclass input takes: the text form's check
        // reports it (below), as before.
        break;
      }
      args[0] = std::move(coerced);
      chosen = f;
      break;
    }
  }
  // Polymorphic declarations (unnest(anyarray) returns anyelement) take
  // their types from the actual arguments.
  std::vector<Oid> declared(chosen->args.begin(), chosen->args.begin() + chosen->nargs);
  Oid result = chosen->result;
  // A record result with polymorphic OUT columns (_pg_expandarray's x
  // anyelement) resolves its arguments the same way.
  const bool polymorphic_record =
      result == type_oid::kRecord &&
      std::any_of(declared.begin(), declared.end(), [](Oid t) { return IsPolymorphicType(t); });
  // Polymorphic arguments are resolved even for a fixed result type
  // (isempty(anyrange)), so that unknown literals take the resolved type.
  const bool polymorphic_args =
      std::any_of(declared.begin(), declared.end(), [](Oid t) { return IsPolymorphicType(t); });
  if (IsPolymorphicType(result) || polymorphic_record || polymorphic_args) {
    PolymorphicResolution resolved = ResolvePolymorphicTypes(
        types, declared, polymorphic_record ? type_oid::kAnyElement : result);
    if (!resolved.error.empty()) {
      // enforce_generic_type_consistency reports no position.
      SqlError error(SqlState::kDatatypeMismatch, resolved.error);
      if (!resolved.error_detail.empty()) error.WithDetail(resolved.error_detail);
      throw error;
    }
    declared = std::move(resolved.args);
    if (!polymorphic_record) result = resolved.result;
  }
  DataType result_type{result, -1};
  if (result == type_oid::kRecord && IsPolymorphicType(chosen->result)) {
    // anyelement given an anonymous record (json_populate_record(ROW(...),
    // ...)): the result has that record's shape, which a NULL::record lacks.
    int32_t typmod = -1;
    for (size_t i = 0; i < chosen->nargs && i < args.size(); ++i) {
      if (chosen->args[i] == chosen->result) typmod = args[i]->type().typmod;
    }
    if (typmod < 0) {
      throw SqlError(SqlState::kDatatypeMismatch,
                     "could not determine row type for result of " + expr.name.back())
          .WithHint("Provide a non-null record argument, or call the function in the FROM "
                    "clause using a column definition list.");
    }
    result_type = DataType{type_oid::kRecord, typmod};
  } else if (result == type_oid::kRecord) {
    // Rows with OUT columns: the call's type is the record type of them.
    std::vector<RecordField> fields = RecordSetFunctionFields(chosen, types);
    if (fields.empty()) {
      throw ErrorAt(SqlState::kFeatureNotSupported,
                    "function " + signature + " is not supported yet", expr.location);
    }
    result_type = RecordType(std::move(fields));
  } else if (chosen->impl.fn == nullptr || (!IsSupportedType(result) &&
                                            result != type_oid::kVoid &&
                                            !IsOutputOnlyType(result))) {
    throw ErrorAt(SqlState::kFeatureNotSupported,
                  "function " + signature + " is not supported yet", expr.location);
  }
  for (size_t i = 0; i < args.size(); ++i) {
    args[i] = CoerceType(std::move(args[i]), declared[i], CoercionContext::kImplicit,
                         args[i]->location());
  }
  if (chosen->set_generator != nullptr && !srf_allowed && srf_forbidden_ != nullptr) {
    throw ErrorAt(SqlState::kFeatureNotSupported, srf_forbidden_, expr.location)
        .WithHint("You might be able to move the set-returning function into a LATERAL FROM item.");
  }
  if (chosen->set_generator != nullptr && !srf_allowed && srf_targets == nullptr &&
      agg_forbidden_ != nullptr) {
    throw ErrorAt(SqlState::kFeatureNotSupported,
                  std::string("set-returning functions are not allowed in ") + agg_forbidden_,
                  expr.location);
  }
  if (chosen->set_generator != nullptr && !srf_allowed && srf_targets != nullptr) {
    if (srf_targets->calls.size() != srf_targets_before) {
      throw ErrorAt(SqlState::kFeatureNotSupported,
                    "set-returning functions in the arguments of set-returning function " +
                        std::string(chosen->name) + "() are not supported yet",
                    expr.location);
    }
    auto call = std::make_unique<BoundFunctionCall>(&chosen->impl, std::move(args),
                                                    result_type, expr.location);
    auto reference = std::make_unique<BoundColumnRef>(-1, result_type, expr.location);
    srf_targets->calls.push_back({std::move(call), chosen, reference.get()});
    return reference;
  }
  if (chosen->set_generator != nullptr && !srf_allowed) {
    throw ErrorAt(SqlState::kFeatureNotSupported,
                  "set-returning function " + std::string(chosen->name) +
                      "() is only supported as a FROM item yet",
                  expr.location);
  }
  if (chosen->check_constant_arg != nullptr && !args.empty() &&
      args[0]->kind() == BoundExprKind::kConstant) {
    const Value& constant = static_cast<const BoundConstant&>(*args[0]).value();
    if (!constant.is_null()) {
      try {
        chosen->check_constant_arg(constant);
      } catch (SqlError& e) {
        if (e.fields().position == 0) e.WithPosition(Position(args[0]->location()));
        throw;
      }
    }
  }
  auto call = std::make_unique<BoundFunctionCall>(&chosen->impl, std::move(args), result_type,
                                                  expr.location);
  call->set_called_as(expr.name.back(), expr.is_sql_value_function);
  return call;
}

}  // namespace strata::sql
