// CheckDomainValue (sql/types/user_types.h): a domain's NOT NULL and CHECK
// constraints evaluated over one value. The CHECK expressions are stored as
// SQL text reading the value as VALUE; they are bound once per domain
// definition and thread (the binder's objects are not shared) over a scope of
// one column named "value" of the base type.
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/sql_error.h"
#include "sql/binder/bind_scope.h"
#include "sql/binder/binder.h"
#include "sql/commands/stored_expr.h"
#include "sql/types/user_types.h"

namespace strata::sql {

namespace {

struct BoundDomain {
  std::vector<catalog::DomainCheck> source;  // what was bound
  std::vector<std::unique_ptr<ast::Statement>> parsed;
  BindScope scope;
  std::vector<BoundExprPtr> checks;
};

BoundDomain& Bind(const catalog::TypeDesc& domain) {
  thread_local std::map<Oid, std::unique_ptr<BoundDomain>> cache;
  std::unique_ptr<BoundDomain>& slot = cache[domain.oid];
  if (slot != nullptr && slot->source == domain.checks) return *slot;
  auto bound = std::make_unique<BoundDomain>();
  bound->source = domain.checks;
  ScopeRelation rel;
  rel.columns.push_back(ScopeColumn{"value", DomainBaseType(domain.oid), 0});
  bound->scope.relations.push_back(std::move(rel));
  for (const catalog::DomainCheck& check : domain.checks) {
    std::string query;
    const ast::Expr& expr = ParseStoredExpr(check.expr, &bound->parsed, &query);
    Binder binder(query);
    binder.SetScope(&bound->scope);
    bound->checks.push_back(binder.CoerceToBoolean(binder.BindExpr(expr), "CHECK"));
  }
  slot = std::move(bound);
  return *slot;
}

// The constraints of `domain` and of the domains under it; errors name
// `reported` (the domain the value is being converted to), as PostgreSQL's
// domain_check does.
void CheckConstraints(Oid domain, const std::string& reported, const Value& value) {
  auto type = FindUserType(domain);
  if (type == nullptr || type->kind != 'd') return;
  // A domain over a domain: the inner constraints come first.
  if (type->base_type >= catalog::kFirstNormalObjectId) {
    CheckConstraints(type->base_type, reported, value);
  }
  if (value.is_null() && type->not_null) {
    throw SqlError(SqlState::kNotNullViolation,
                   "domain " + reported + " does not allow null values");
  }
  if (type->checks.empty()) return;
  BoundDomain& bound = Bind(*type);
  const std::vector<Value> row = {value};
  EvalContext eval;
  eval.SetRow(&row);
  for (size_t i = 0; i < bound.checks.size(); ++i) {
    const Value ok = bound.checks[i]->Evaluate(eval);
    if (ok.is_null() || ok.bool_value()) continue;
    SqlError e(SqlState::kCheckViolation, "value for domain " + reported +
                                              " violates check constraint \"" +
                                              type->checks[i].name + "\"");
    e.mutable_fields().datatype_name = reported;
    e.mutable_fields().constraint_name = type->checks[i].name;
    throw e;
  }
}

}  // namespace

void CheckDomainValue(Oid domain, const Value& value) {
  auto type = FindUserType(domain);
  if (type == nullptr || type->kind != 'd') return;
  CheckConstraints(domain, type->name, value);
}

}  // namespace strata::sql
