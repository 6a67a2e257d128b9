// Correlated lookups (see correlated_lookup.h).
#include "sql/commands/correlated_lookup.h"

#include "sql/executor/node_materialized_scan.h"
#include "sql/expr/subquery_exprs.h"
#include "sql/storage_format/key_codec.h"

namespace strata::sql {

namespace {

thread_local CorrelatedLookupCache* current_cache = nullptr;

void Conjuncts(const ast::Expr* e, std::vector<const ast::Expr*>* out) {
  if (e->kind == ast::ExprKind::kBool) {
    const auto& b = static_cast<const ast::BoolExpr&>(*e);
    if (b.op == ast::BoolExpr::Op::kAnd) {
      for (const auto& a : b.args) Conjuncts(a.get(), out);
      return;
    }
  }
  out->push_back(e);
}

BoundExprPtr TryBind(Binder& binder, const ast::Expr& e) {
  try {
    return binder.BindExpr(e);
  } catch (const SqlError&) {
    return nullptr;
  }
}

}  // namespace

ScopedLookupCache::ScopedLookupCache(CorrelatedLookupCache* cache) : previous_(current_cache) {
  // The outermost subquery's cache serves the subqueries inside it: the
  // indexes hold whole tables, and inner subqueries are re-analyzed (with
  // new caches) on every run of the outer one.
  if (current_cache == nullptr) current_cache = cache;
}

ScopedLookupCache::~ScopedLookupCache() { current_cache = previous_; }

PlanNodePtr CorrelatedLookupScan(CommandContext& ctx, Binder& binder, const TableCodec& codec,
                                 const ast::Expr* where) {
  if (current_cache == nullptr || where == nullptr || ctx.analyze_only) return nullptr;
  std::vector<const ast::Expr*> conjuncts;
  Conjuncts(where, &conjuncts);
  for (const ast::Expr* c : conjuncts) {
    if (c->kind != ast::ExprKind::kOperator) continue;
    const auto& op = static_cast<const ast::OperatorExpr&>(*c);
    if (op.name.size() != 1 || op.name[0] != "=" || op.left == nullptr || op.right == nullptr ||
        op.left->kind != ast::ExprKind::kColumnRef || op.right->kind != ast::ExprKind::kColumnRef) {
      continue;
    }
    BoundExprPtr left = TryBind(binder, *op.left);
    BoundExprPtr right = TryBind(binder, *op.right);
    if (left == nullptr || right == nullptr) continue;
    if (left->kind() == BoundExprKind::kOuterColumnRef) std::swap(left, right);
    if (left->kind() != BoundExprKind::kColumnRef ||
        right->kind() != BoundExprKind::kOuterColumnRef) {
      continue;
    }
    const Oid type = left->type().oid;
    if (type != right->type().oid || !KeyEncodingDecidesEquality(type)) continue;
    const int slot = static_cast<const BoundColumnRef&>(*left).slot();
    const KeyColumn key_column(type);
    auto [it, inserted] =
        current_cache->indexes.try_emplace({codec.table().oid, slot});
    CorrelatedLookupCache::Index& index = it->second;
    if (inserted) {
      SeqScan scan(ctx.txn, &codec);
      scan.Init();
      Row row;
      while (scan.Next(&row)) {
        const Value& v = row[static_cast<size_t>(slot)];
        if (!v.is_null()) {
          std::string key;
          AppendKeyDatum(key_column, v, &key);
          index.by_key[key].push_back(index.rows.size());
        }
        index.rows.push_back(std::move(row));
        row = Row();
      }
      scan.Close();
    }
    EvalContext eval = ctx.MakeEval();
    const Value probe = right->Evaluate(eval);
    auto matches = std::make_shared<std::vector<Row>>();
    if (!probe.is_null()) {
      std::string key;
      AppendKeyDatum(key_column, probe, &key);
      auto found = index.by_key.find(key);
      if (found != index.by_key.end()) {
        for (size_t i : found->second) matches->push_back(index.rows[i]);
      }
    }
    return std::make_unique<MaterializedScan>(std::move(matches));
  }
  return nullptr;
}

}  // namespace strata::sql
