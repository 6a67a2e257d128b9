// ON CONFLICT arbiters and conflict lookup (see on_conflict_arbiter.h).
#include "sql/commands/on_conflict_arbiter.h"

#include <climits>
#include <cstdint>
#include <set>

#include "sql/binder/grouping.h"
#include "sql/commands/primary_key_lookup.h"
#include "sql/commands/stored_expr.h"

namespace strata::sql {

namespace {

std::optional<std::string> Read(const CommandContext& ctx, storage::TreeId tree,
                                const std::string& key) {
  Result<std::optional<std::string>> got = ctx.txn->Get(tree, key);
  if (!got.ok()) ThrowStatus(got.status());
  std::optional<std::string> value = got.value();
  return value;
}

// The top-level AND's conjuncts of a stored expression text, as parsed.
std::vector<const ast::Expr*> Conjuncts(const std::string& text,
                                        std::vector<std::unique_ptr<ast::Statement>>* keep) {
  std::string query;
  std::vector<const ast::Expr*> out;
  CollectConjuncts(&ParseStoredExpr(text, keep, &query), &out);
  return out;
}

// `e` as `expr op integer` (op one of < <= > >= =), or false.
bool IntegerComparison(const ast::Expr& e, const ast::Expr** left, std::string* op,
                       int64_t* value) {
  if (e.kind != ast::ExprKind::kOperator) return false;
  const auto& o = static_cast<const ast::OperatorExpr&>(e);
  if (o.name.size() != 1 || o.left == nullptr || o.right == nullptr) return false;
  const std::string& name = o.name[0];
  if (name != "<" && name != "<=" && name != ">" && name != ">=" && name != "=") return false;
  if (o.right->kind != ast::ExprKind::kConstant) return false;
  const auto& c = static_cast<const ast::ConstantExpr&>(*o.right);
  if (c.const_kind != ast::ConstantExpr::Kind::kInteger) return false;
  *left = o.left.get();
  *op = name;
  *value = c.ival;
  return true;
}

// Whether WHERE's conjunct `w` implies the predicate's conjunct `p`: the
// same expression, or (btree implication over integer constants) a
// comparison of the same left side that admits no value `p` rejects:
// `x > 1` implies `x > 0`, `x = 3` implies `x >= 2`.
bool ConjunctImplies(const ast::Expr& w, const ast::Expr& p) {
  if (SameAstExpr(w, p)) return true;
  const ast::Expr *wl = nullptr, *pl = nullptr;
  std::string wop, pop;
  int64_t wv = 0, pv = 0;
  if (!IntegerComparison(w, &wl, &wop, &wv) || !IntegerComparison(p, &pl, &pop, &pv) ||
      !SameAstExpr(*wl, *pl)) {
    return false;
  }
  // The values w admits, as an integer interval [lo, hi].
  int64_t lo = INT64_MIN, hi = INT64_MAX;
  if (wop == "=") lo = hi = wv;
  if (wop == ">") lo = wv + 1;
  if (wop == ">=") lo = wv;
  if (wop == "<") hi = wv - 1;
  if (wop == "<=") hi = wv;
  if (pop == "=") return lo == pv && hi == pv;
  if (pop == ">") return lo != INT64_MIN && lo > pv;
  if (pop == ">=") return lo != INT64_MIN && lo >= pv;
  if (pop == "<") return hi != INT64_MAX && hi < pv;
  return hi != INT64_MAX && hi <= pv;  // "<="
}

// Whether the inference clause's WHERE implies a partial index's predicate
// (PostgreSQL's predicate_implied_by, for its common cases): every
// conjunct of the predicate is implied by one of WHERE's.
bool InferenceImplies(const std::string& where, const std::string& predicate) {
  if (where.empty()) return false;
  std::vector<std::unique_ptr<ast::Statement>> keep;
  const std::vector<const ast::Expr*> have = Conjuncts(where, &keep);
  for (const ast::Expr* p : Conjuncts(predicate, &keep)) {
    bool found = false;
    for (const ast::Expr* w : have) found = found || ConjunctImplies(*w, *p);
    if (!found) return false;
  }
  return true;
}

}  // namespace

ConflictArbiters ResolveConflictArbiters(const CommandContext& ctx, const catalog::TableDesc& table,
                                         const ast::InsertStatement& stmt) {
  ConflictArbiters out;
  auto add_index = [&](const catalog::IndexDesc& ix) {
    out.indexes.push_back(std::make_unique<IndexCodec>(table, ix));
    out.expressions.push_back(MakeIndexExpressions(table, ix));
    out.predicates.push_back(MakeIndexPredicate(table, ix));
  };
  if (!stmt.conflict_constraint.empty()) {
    if (!table.primary_key.empty() && table.primary_key_name == stmt.conflict_constraint) {
      out.primary_key = true;
      return out;
    }
    for (const catalog::IndexDesc& ix : table.indexes) {
      if (ix.is_constraint && ix.name == stmt.conflict_constraint) {
        add_index(ix);
        return out;
      }
    }
    throw SqlError(SqlState::kUndefinedObject, "constraint \"" + stmt.conflict_constraint +
                                                   "\" for table \"" + table.name +
                                                   "\" does not exist");
  }
  if (stmt.conflict_columns.empty()) {
    // Every unique index, partial ones for the rows they cover (PostgreSQL's
    // ExecCheckIndexConstraints without arbiters).
    out.primary_key = !table.primary_key.empty();
    for (const catalog::IndexDesc& ix : table.indexes) {
      if (ix.unique) add_index(ix);
    }
    return out;
  }
  std::set<int16_t> wanted;
  std::vector<std::string> wanted_exprs;
  for (const ast::TargetColumn& c : stmt.conflict_columns) {
    if (!c.expr.empty()) {
      // An expression naming a column alone is that column.
      std::optional<std::string> column = ExpressionColumnName(c.expr);
      if (!column) {
        wanted_exprs.push_back(c.expr);
        continue;
      }
      const int slot = table.FindColumn(*column);
      if (slot < 0) {
        throw SqlError(SqlState::kUndefinedColumn, "column \"" + *column + "\" does not exist")
            .WithPosition(ctx.Position(c.location));
      }
      wanted.insert(static_cast<int16_t>(slot + 1));
      continue;
    }
    const int slot = table.FindColumn(c.name);
    if (slot < 0) {
      throw SqlError(SqlState::kUndefinedColumn, "column \"" + c.name + "\" does not exist")
          .WithPosition(ctx.Position(c.location));
    }
    wanted.insert(static_cast<int16_t>(slot + 1));
  }
  if (!table.primary_key.empty() && wanted_exprs.empty() &&
      std::set<int16_t>(table.primary_key.begin(), table.primary_key.end()) == wanted) {
    out.primary_key = true;
  }
  for (const catalog::IndexDesc& ix : table.indexes) {
    if (!ix.unique) continue;
    if (!ix.predicate.empty() && !InferenceImplies(stmt.conflict_index_where, ix.predicate)) {
      continue;
    }
    std::set<int16_t> keys;
    std::vector<const std::string*> exprs;
    for (const catalog::IndexKeyColumn& k : ix.keys) {
      if (k.is_expression()) {
        exprs.push_back(&k.expr);
      } else {
        keys.insert(k.attnum);
      }
    }
    if (keys != wanted) continue;
    // Each named expression is one of the index's, and each of the index's
    // is named.
    auto named = [&](const std::string& e) {
      for (const std::string& w : wanted_exprs) {
        if (SameExpressionText(w, e)) return true;
      }
      return false;
    };
    bool same = true;
    for (const std::string* e : exprs) same = same && named(*e);
    for (const std::string& w : wanted_exprs) {
      bool in_index = false;
      for (const std::string* e : exprs) in_index = in_index || SameExpressionText(w, *e);
      same = same && in_index;
    }
    if (same) add_index(ix);
  }
  if (out.empty()) {
    throw SqlError(SqlState::kInvalidColumnReference,
                   "there is no unique or exclusion constraint matching the ON CONFLICT "
                   "specification");
  }
  return out;
}

std::optional<std::pair<std::string, std::string>> FindConflict(const CommandContext& ctx,
                                                                const TableCodec& codec,
                                                                const ConflictArbiters& arbiters,
                                                                const Row& row) {
  const storage::TreeId table_tree = codec.table().tree;
  if (arbiters.primary_key) {
    std::string key = codec.EncodeKey(row);
    std::optional<std::string> existing = Read(ctx, table_tree, key);
    if (existing) return std::make_pair(std::move(key), std::move(*existing));
  }
  for (size_t i = 0; i < arbiters.indexes.size(); ++i) {
    const IndexCodec* index = arbiters.indexes[i].get();
    // A row a partial index leaves out has no entry there to conflict on.
    if (arbiters.predicates[i] != nullptr && !arbiters.predicates[i]->Holds(row)) continue;
    Row scratch;
    const Row& keyed = IndexRow(arbiters.expressions[i].get(), row, &scratch);
    // Entries that may repeat (a NULL key column, NULLS DISTINCT) never conflict.
    if (!index->KeyedByColumnsAlone(keyed)) continue;
    std::optional<std::string> entry = Read(ctx, index->index().tree, index->EncodeColumns(keyed));
    if (!entry) continue;
    std::string key = IndexCodec::TableKeyOf(*entry);
    std::optional<std::string> existing = Read(ctx, table_tree, key);
    if (existing) return std::make_pair(std::move(key), std::move(*existing));
  }
  return std::nullopt;
}

}  // namespace strata::sql
