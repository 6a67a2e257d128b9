// Subqueries used as expressions (PostgreSQL's transformSubLink) and column
// references that resolve in an enclosing query (the varlevelsup search of
// colNameToVar / refnameNamespaceItem): a name is looked up in the query's
// own FROM first, then level by level outwards; the first level that has a
// column of that name (or a relation of that refname, for a qualified
// reference) decides, with that level's ambiguity errors.
#include <optional>
#include <string>

#include "common/sql_error.h"
#include "sql/binder/binder.h"
#include "sql/builtin/type_table.h"
#include "sql/expr/subquery_exprs.h"
#include "sql/storage_format/key_codec.h"

namespace strata::sql {

namespace {

// Whether `ref` resolves (or fails) in `scope` itself rather than further out.
bool ScopeClaims(const BindScope* scope, const ast::ColumnRefExpr& ref) {
  const auto& f = ref.fields;
  for (const std::string& field : f) {
    if (field == "*") return true;
  }
  if (f.size() > 3 || f.empty()) return true;
  if (scope == nullptr) return false;
  if (f.size() == 1) {
    for (const ScopeRelation& rel : scope->relations) {
      for (const ScopeColumn& c : rel.columns) {
        if (c.name == f[0] && !c.hidden) return true;
      }
    }
    return false;
  }
  const std::string& rel_name = f[f.size() - 2];
  for (const ScopeRelation& rel : scope->relations) {
    if (rel.alias.empty() || rel.alias != rel_name) continue;
    if (f.size() == 3 && (rel.alias != rel.table_name || rel.schema != f[0])) continue;
    return true;
  }
  return false;
}

// The column references of an aggregate's arguments; false if an argument
// has a construct this walk does not look into (then the aggregate is kept
// at its own level).
bool CollectColumnRefs(const ast::Expr* e, std::vector<const ast::ColumnRefExpr*>* out) {
  if (e == nullptr) return true;
  auto all = [out](const std::vector<ast::ExprPtr>& list) {
    for (const ast::ExprPtr& a : list) {
      if (!CollectColumnRefs(a.get(), out)) return false;
    }
    return true;
  };
  switch (e->kind) {
    case ast::ExprKind::kColumnRef:
      out->push_back(static_cast<const ast::ColumnRefExpr*>(e));
      return true;
    case ast::ExprKind::kConstant:
    case ast::ExprKind::kParamRef:
      return true;
    case ast::ExprKind::kOperator: {
      const auto& op = static_cast<const ast::OperatorExpr&>(*e);
      return CollectColumnRefs(op.left.get(), out) && CollectColumnRefs(op.right.get(), out);
    }
    case ast::ExprKind::kTypeCast:
      return CollectColumnRefs(static_cast<const ast::TypeCastExpr&>(*e).arg.get(), out);
    case ast::ExprKind::kFuncCall: {
      const auto& f = static_cast<const ast::FuncCallExpr&>(*e);
      if (f.over != nullptr || IsAggregateName(f.name)) return false;
      return all(f.args);
    }
    case ast::ExprKind::kBool:
      return all(static_cast<const ast::BoolExpr&>(*e).args);
    case ast::ExprKind::kNullTest:
      return CollectColumnRefs(static_cast<const ast::NullTestExpr&>(*e).arg.get(), out);
    case ast::ExprKind::kCoalesce:
      return all(static_cast<const ast::CoalesceExpr&>(*e).args);
    default:
      return false;
  }
}

}  // namespace

std::optional<OuterColumn> BinderLevel::ResolveOuter(const ast::ColumnRefExpr& ref) {
  return binder_->ResolveForSubquery(ref);
}

std::optional<OuterColumn> BinderLevel::ResolveOuterAggregate(const ast::FuncCallExpr& call) {
  return binder_->ResolveAggregateForSubquery(call);
}

BoundExprPtr Binder::BindOuterAggregate(const ast::FuncCallExpr& call) {
  if (outer_ == nullptr || call.agg_star || call.args.empty() || call.filter != nullptr) {
    return nullptr;
  }
  std::vector<const ast::ColumnRefExpr*> refs;
  for (const ast::ExprPtr& a : call.args) {
    if (!CollectColumnRefs(a.get(), &refs)) return nullptr;
  }
  if (refs.empty()) return nullptr;
  for (const ast::ColumnRefExpr* ref : refs) {
    if (ScopeClaims(scope_, *ref)) return nullptr;
  }
  std::optional<OuterColumn> found = outer_->ResolveOuterAggregate(call);
  if (!found.has_value()) return nullptr;
  return std::make_unique<BoundOuterColumnRef>(found->levels_up, found->slot, found->type,
                                               call.location);
}

std::optional<OuterColumn> Binder::ResolveAggregateForSubquery(const ast::FuncCallExpr& call) {
  std::vector<const ast::ColumnRefExpr*> refs;
  for (const ast::ExprPtr& a : call.args) {
    if (!CollectColumnRefs(a.get(), &refs)) return std::nullopt;
  }
  bool here = false;
  for (const ast::ColumnRefExpr* ref : refs) here |= ScopeClaims(scope_, *ref);
  if (!here) {
    if (outer_ == nullptr) return std::nullopt;
    std::optional<OuterColumn> found = outer_->ResolveOuterAggregate(call);
    if (found.has_value()) ++found->levels_up;
    return found;
  }
  // This level's aggregate: bound as if written here (42803 where this
  // level allows no aggregates).
  BoundExprPtr bound = BindFuncCall(call);
  if (bound->kind() != BoundExprKind::kColumnRef) {
    throw ErrorAt(SqlState::kFeatureNotSupported,
                  "this aggregate of an outer query is not supported yet", call.location);
  }
  OuterColumn column;
  column.slot = static_cast<const BoundColumnRef&>(*bound).slot();
  column.type = bound->type();
  return column;
}

BoundExprPtr Binder::BindOuterColumnRef(const ast::ColumnRefExpr& ref) {
  if (outer_ == nullptr || ScopeClaims(scope_, ref)) return nullptr;
  std::optional<OuterColumn> found = outer_->ResolveOuter(ref);
  if (!found.has_value()) return nullptr;
  return std::make_unique<BoundOuterColumnRef>(found->levels_up, found->slot, found->type,
                                               ref.location);
}

std::optional<OuterColumn> Binder::ResolveForSubquery(const ast::ColumnRefExpr& ref) {
  if (!ScopeClaims(scope_, ref)) {
    if (outer_ == nullptr) return std::nullopt;
    std::optional<OuterColumn> found = outer_->ResolveOuter(ref);
    if (found.has_value()) ++found->levels_up;
    return found;
  }
  // A column of this level: its input slot first (this level's errors:
  // ambiguity, missing column of a named relation).
  GroupingState* grouping = grouping_;
  OuterResolver* outer = outer_;
  grouping_ = nullptr;
  outer_ = nullptr;
  BoundExprPtr bound;
  try {
    bound = BindColumnRef(ref);
  } catch (...) {
    grouping_ = grouping;
    outer_ = outer;
    throw;
  }
  grouping_ = grouping;
  outer_ = outer;
  if (bound->kind() != BoundExprKind::kColumnRef) {
    throw ErrorAt(SqlState::kFeatureNotSupported,
                  "this reference to a column of an outer query is not supported yet",
                  ref.location);
  }
  OuterColumn column;
  column.slot = static_cast<const BoundColumnRef&>(*bound).slot();
  column.type = bound->type();
  if (grouping_ != nullptr && grouping_->grouped && !grouping_->in_agg_arg) {
    // Above the Agg the subquery sees the group's row: only GROUP BY keys.
    for (size_t i = 0; i < grouping_->keys.size(); ++i) {
      const BoundExpr& key = *grouping_->keys[i];
      if (key.kind() == BoundExprKind::kColumnRef &&
          static_cast<const BoundColumnRef&>(key).slot() == column.slot) {
        column.slot = static_cast<int>(i);
        column.type = key.type();
        return column;
      }
    }
    std::string name = ref.fields.back();
    for (const ScopeRelation& rel : scope_->relations) {
      for (const ScopeColumn& c : rel.columns) {
        if (c.slot == column.slot && c.name == ref.fields.back()) name = rel.alias + "." + c.name;
      }
    }
    throw ErrorAt(SqlState::kGroupingError,
                  "subquery uses ungrouped column \"" + name + "\" from outer query",
                  ref.location);
  }
  return column;
}

BoundExprPtr Binder::BindSubLink(const ast::SubLinkExpr& expr) {
  using Type = ast::SubLinkExpr::Type;
  if (sublink_forbidden_ != nullptr) {
    throw ErrorAt(SqlState::kFeatureNotSupported, sublink_forbidden_, expr.location);
  }
  if (!analyzer_) {
    throw ErrorAt(SqlState::kFeatureNotSupported, "a subquery is not supported here yet",
                  expr.location);
  }
  BinderLevel level(this);
  AnalyzedSubquery sub = analyzer_(*expr.subquery, &level);
  const int location = expr.location;
  auto make = [&](BoundSubLink::Type type, BoundExprPtr combine, DataType result,
                  int node_location) {
    return std::make_unique<BoundSubLink>(type, sub.runner, std::move(combine), result,
                                          node_location);
  };
  switch (expr.link_type) {
    case Type::kExists:
      return make(BoundSubLink::Type::kExists, nullptr, DataType{type_oid::kBool}, location);
    case Type::kExpr:
    case Type::kArray: {
      if (sub.types.size() != 1) {
        throw ErrorAt(SqlState::kSyntaxError, "subquery must return only one column", location);
      }
      if (expr.link_type == Type::kExpr) {
        return make(BoundSubLink::Type::kExpr, nullptr, sub.types[0], location);
      }
      const Oid element = sub.types[0].oid;
      if (IsArrayType(element)) {
        throw ErrorAt(SqlState::kFeatureNotSupported,
                      "ARRAY(subquery) over an array column is not supported yet", location);
      }
      const PgTypeInfo* info = FindPgType(element);
      if (info == nullptr || info->typarray == type_oid::kInvalid) {
        throw ErrorAt(SqlState::kUndefinedObject,
                      "could not find array type for data type " + FormatTypeName(element),
                      location);
      }
      return make(BoundSubLink::Type::kArray,
                  std::make_unique<BoundSubLinkColumn>(0, sub.types[0], location),
                  DataType{info->typarray}, location);
    }
    case Type::kAny:
    case Type::kAll:
      break;
  }
  // test op ANY/ALL (subquery): one comparison per column.
  if (expr.test.size() < sub.types.size()) {
    throw ErrorAt(SqlState::kSyntaxError, "subquery has too many columns", location);
  }
  if (expr.test.size() > sub.types.size()) {
    throw ErrorAt(SqlState::kSyntaxError, "subquery has too few columns", location);
  }
  std::vector<BoundExprPtr> comparisons;
  for (size_t i = 0; i < expr.test.size(); ++i) {
    BoundExprPtr left = BindExpr(*expr.test[i]);
    auto right = std::make_unique<BoundSubLinkColumn>(static_cast<int>(i), sub.types[i], location);
    BoundExprPtr cmp = MakeOperator(expr.op, std::move(left), std::move(right), location);
    if (cmp->type().oid != type_oid::kBool) {
      throw ErrorAt(SqlState::kDatatypeMismatch,
                    "row comparison operator must yield type boolean, not type " +
                        FormatTypeName(cmp->type().oid),
                    location);
    }
    comparisons.push_back(std::move(cmp));
  }
  const std::string& op = expr.op.back();
  BoundExprPtr combine;
  if (comparisons.size() == 1) {
    combine = std::move(comparisons[0]);
  } else if (op == "=" || op == "<>") {
    // Row equality is all columns equal; row inequality any column unequal.
    combine = std::make_unique<BoundBoolOp>(op == "=" ? BoundBoolOp::Op::kAnd
                                                      : BoundBoolOp::Op::kOr,
                                            std::move(comparisons), location);
  } else {
    throw ErrorAt(SqlState::kFeatureNotSupported,
                  "row comparison with operator " + op + " and a subquery is not supported yet",
                  location);
  }
  const bool any = expr.link_type == Type::kAny;
  const int node_location = LeftmostLocation(location, expr.test_location);
  bool hashed = false;
  if (any && !sub.runner->correlated() && op == "=" &&
      combine->kind() == BoundExprKind::kFunctionCall) {
    const auto& call = static_cast<const BoundFunctionCall&>(*combine);
    hashed = call.args().size() == 2 &&
             call.args()[0]->type().oid == call.args()[1]->type().oid &&
             KeyEncodingDecidesEquality(call.args()[0]->type().oid);
  }
  auto link = make(any ? BoundSubLink::Type::kAny : BoundSubLink::Type::kAll, std::move(combine),
                   DataType{type_oid::kBool}, node_location);
  if (hashed) link->EnableHashedAny();
  return link;
}

}  // namespace strata::sql
