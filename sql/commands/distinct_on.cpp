// PlanDistinctOn (see distinct_on.h).
#include "sql/commands/distinct_on.h"

#include <string>

#include "sql/binder/grouping.h"

namespace strata::sql {

namespace {

// What an ORDER BY or DISTINCT ON item stands for: an output column, or an
// expression over the input (compared by its parse tree).
struct Item {
  int column = -1;
  const ast::Expr* expr = nullptr;
};

Item Canonical(const Binder& binder, const ast::Expr& e, const ast::SelectStatement& stmt,
               const std::vector<OutputTarget>& targets, const char* clause) {
  Item item;
  item.expr = &e;
  if (e.kind == ast::ExprKind::kConstant &&
      static_cast<const ast::ConstantExpr&>(e).const_kind == ast::ConstantExpr::Kind::kInteger) {
    const int32_t pos = static_cast<const ast::ConstantExpr&>(e).ival;
    if (pos < 1 || static_cast<size_t>(pos) > targets.size()) {
      throw binder.ErrorAt(SqlState::kInvalidColumnReference,
                           std::string(clause) + " position " + std::to_string(pos) +
                               " is not in select list",
                           e.location);
    }
    item.column = pos - 1;
    return item;
  }
  if (e.kind == ast::ExprKind::kColumnRef) {
    const auto& ref = static_cast<const ast::ColumnRefExpr&>(e);
    if (ref.fields.size() == 1) {
      for (size_t i = 0; i < targets.size(); ++i) {
        if (targets[i].name == ref.fields[0]) {
          item.column = static_cast<int>(i);
          return item;
        }
      }
    }
  }
  // An expression written as a select-list entry is that column.
  if (stmt.target_list.size() == targets.size()) {
    for (size_t i = 0; i < targets.size(); ++i) {
      if (SameAstExpr(e, *stmt.target_list[i].value)) {
        item.column = static_cast<int>(i);
        return item;
      }
    }
  }
  return item;
}

bool SameItem(const Item& a, const Item& b) {
  if (a.column >= 0 || b.column >= 0) return a.column == b.column;
  return SameAstExpr(*a.expr, *b.expr);
}

}  // namespace

std::vector<SortKey> PlanDistinctOn(Binder& binder, const ast::SelectStatement& stmt,
                                    const std::vector<OutputTarget>& targets,
                                    std::vector<const BoundExpr*>* project,
                                    std::vector<BoundExprPtr>* junk,
                                    std::vector<SortKey>* sort_keys) {
  std::vector<Item> distinct, sorted;
  for (const ast::ExprPtr& e : stmt.distinct_on) {
    distinct.push_back(Canonical(binder, *e, stmt, targets, "DISTINCT ON"));
  }
  for (const ast::SortBy& sb : stmt.sort) {
    sorted.push_back(Canonical(binder, *sb.expr, stmt, targets, "ORDER BY"));
  }
  // The ORDER BY prefix made of DISTINCT ON items.
  size_t prefix = 0;
  while (prefix < sorted.size()) {
    bool found = false;
    for (const Item& d : distinct) found = found || SameItem(d, sorted[prefix]);
    if (!found) break;
    ++prefix;
  }
  const bool skipped = prefix < sorted.size();
  std::vector<SortKey> unique(sort_keys->begin(),
                              sort_keys->begin() + static_cast<std::ptrdiff_t>(prefix));
  std::vector<Item> added;  // DISTINCT ON items appended (repeats are one key)
  for (size_t i = 0; i < distinct.size(); ++i) {
    const Item& d = distinct[i];
    bool in_prefix = false;
    for (size_t j = 0; j < prefix; ++j) in_prefix = in_prefix || SameItem(d, sorted[j]);
    for (const Item& a : added) in_prefix = in_prefix || SameItem(d, a);
    if (in_prefix) continue;
    if (skipped) {
      throw binder.ErrorAt(SqlState::kInvalidColumnReference,
                           "SELECT DISTINCT ON expressions must match initial ORDER BY expressions",
                           stmt.distinct_on[i]->location);
    }
    int column = d.column;
    Oid type;
    if (column >= 0) {
      type = targets[static_cast<size_t>(column)].expr->type().oid;
    } else {
      BoundExprPtr bound = binder.ResolveUnknownToText(binder.BindExpr(*d.expr));
      type = bound->type().oid;
      column = static_cast<int>(project->size());
      project->push_back(bound.get());
      junk->push_back(std::move(bound));
    }
    SortKey key{column, KeyColumn(type)};
    sort_keys->push_back(key);
    unique.push_back(key);
    added.push_back(d);
  }
  return unique;
}

}  // namespace strata::sql
