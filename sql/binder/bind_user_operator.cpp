// User-defined operators (CREATE OPERATOR) in make_op(), and calls of a
// pg_proc function by OID (an operator's or a cast's function).
//
// Resolution runs over the user-defined operators the name reaches (its
// schema, or the search path) before the built-in table: an operator whose
// argument types equal the inputs' (an unknown input taking the other's
// type) wins, as binary_oper_exact() does -- case.sql defines `=` on a
// domain over text and relies on it. Otherwise, when the built-in table
// has no candidate either, a user-defined operator the inputs can be
// implicitly coerced to is taken if it is the only one.
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/binder/binder.h"
#include "sql/binder/operator_resolution.h"
#include "sql/builtin/operator_table.h"
#include "sql/builtin/type_table.h"
#include "sql/system_relations/statement_catalog.h"

namespace strata::sql {

BoundExprPtr Binder::MakeUserOperator(const std::vector<std::string>& name, BoundExprPtr& left,
                                      BoundExprPtr& right, int location) {
  auto catalog = CurrentStatementCatalog();
  if (catalog == nullptr || catalog->operators().empty()) return nullptr;
  const std::string& opname = name.back();
  std::vector<catalog::Oid> namespaces;
  if (name.size() > 1) {
    const catalog::NamespaceDesc* ns = catalog->FindNamespace(name[name.size() - 2]);
    if (ns == nullptr) return nullptr;  // the built-in path reports the schema
    namespaces.push_back(ns->oid);
  } else {
    namespaces = SearchPathNamespaces(*catalog);
  }
  const char kind = left ? 'b' : 'l';
  std::vector<const catalog::OperatorDesc*> candidates;
  for (catalog::Oid ns : namespaces) {
    for (const auto& [oid, op] : catalog->operators()) {
      if (op->namespace_oid == ns && op->name == opname && op->kind == kind &&
          (op->function != 0 || !op->function_name.empty())) {
        candidates.push_back(op.get());
      }
    }
  }
  if (candidates.empty()) return nullptr;

  const Oid ltype = left ? left->type().oid : type_oid::kInvalid;
  const Oid rtype = right->type().oid;
  Oid exact_left = ltype;
  Oid exact_right = rtype;
  if (kind == 'b') {
    if (exact_left == type_oid::kUnknown) exact_left = rtype;
    if (exact_right == type_oid::kUnknown) exact_right = ltype;
  }
  const catalog::OperatorDesc* chosen = nullptr;
  for (const catalog::OperatorDesc* op : candidates) {
    if ((kind == 'l' || op->left == exact_left) && op->right == exact_right) {
      chosen = op;
      break;  // the first schema of the path that has one
    }
  }
  if (chosen == nullptr) {
    if (IsKnownOperatorName(opname) &&
        ResolveOperator(opname, ltype, rtype).status != OperatorResolution::Status::kNotFound) {
      return nullptr;  // a built-in one applies
    }
    std::vector<const catalog::OperatorDesc*> coercible;
    for (const catalog::OperatorDesc* op : candidates) {
      const bool ok = (kind == 'l' || CanCoerceType(ltype, op->left, CoercionContext::kImplicit)) &&
                      CanCoerceType(rtype, op->right, CoercionContext::kImplicit);
      if (ok) coercible.push_back(op);
    }
    if (coercible.empty()) return nullptr;
    if (coercible.size() > 1) {
      std::string signature;
      if (kind == 'b') signature += FormatTypeName(ltype) + " ";
      signature += opname + " " + FormatTypeName(rtype);
      throw ErrorAt(SqlState::kAmbiguousFunction, "operator is not unique: " + signature,
                    location)
          .WithHint(
              "Could not choose a best candidate operator. You might need to add explicit "
              "type casts.");
    }
    chosen = coercible[0];
  }

  const int node_location = LeftmostLocation(location, left ? left->location() : -1);
  std::vector<BoundExprPtr> args;
  if (left) {
    args.push_back(CoerceType(std::move(left), chosen->left, CoercionContext::kImplicit, -1));
  }
  args.push_back(CoerceType(std::move(right), chosen->right, CoercionContext::kImplicit, -1));
  return CallFunctionByOid(chosen->function, chosen->function_name, std::move(args),
                           node_location);
}

BoundExprPtr Binder::CallFunctionByOid(Oid fn, const std::string& builtin_name,
                                       std::vector<BoundExprPtr> args, int location) {
  auto catalog = CurrentStatementCatalog();
  const catalog::FunctionDesc* desc = catalog != nullptr ? catalog->FindFunction(fn) : nullptr;
  ast::FuncCallExpr call(location);
  if (desc == nullptr) {
    if (builtin_name.empty()) {
      throw ErrorAt(SqlState::kUndefinedFunction,
                    "cache lookup failed for function " + std::to_string(fn), location);
    }
    call.name = {"pg_catalog", builtin_name};
    return BindCallWithBoundArgs(call, std::move(args));
  }
  if (desc->language == "internal") {
    // A LANGUAGE internal function names a built-in one (its body).
    call.name = {"pg_catalog", desc->body};
    return BindCallWithBoundArgs(call, std::move(args));
  }
  const catalog::NamespaceDesc* ns = catalog->FindNamespace(desc->namespace_oid);
  call.name = {ns != nullptr ? ns->name : std::string("public"), desc->name};
  if (user_functions_) {
    if (BoundExprPtr bound = user_functions_(*this, call, args, false)) return bound;
  }
  throw ErrorAt(SqlState::kFeatureNotSupported,
                "calling function " + desc->name + " here is not supported yet", location);
}

}  // namespace strata::sql
