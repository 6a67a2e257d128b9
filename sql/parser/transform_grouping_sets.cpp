// GROUP BY items, and the expansion of GROUPING SETS / ROLLUP / CUBE into
// plain grouping sets (PostgreSQL's flatten_grouping_sets and
// expand_grouping_sets): the top-level items multiply (GROUP BY a, ROLLUP(b)
// is (a,b), (a)); ROLLUP(u1..un) is (u1..un), ..., (u1), (); CUBE is every
// subset; GROUPING SETS is the union of its items' sets. Inside these, a
// parenthesized list (a, b) is one unit.
#include <functional>
#include <memory>
#include <vector>

#include "sql/parser/transformer.h"

namespace strata::sql::parser {

namespace {

using Set = std::vector<size_t>;
using Sets = std::vector<Set>;

Sets Product(const Sets& a, const Sets& b) {
  Sets out;
  for (const Set& x : a) {
    for (const Set& y : b) {
      Set s = x;
      s.insert(s.end(), y.begin(), y.end());
      out.push_back(std::move(s));
    }
  }
  return out;
}

}  // namespace

void Transformer::TransformGroupBy(const PgQuery__SelectStmt& s, ast::SelectStatement* select) {
  select->group_distinct = s.group_distinct;
  bool any_set = false;
  for (size_t i = 0; i < s.n_group_clause; ++i) {
    any_set |= s.group_clause[i]->node_case == PG_QUERY__NODE__NODE_GROUPING_SET;
  }
  if (!any_set) {
    for (size_t i = 0; i < s.n_group_clause; ++i) {
      select->group_by.push_back(TransformExpr(s.group_clause[i]));
    }
    return;
  }
  select->has_grouping_sets = true;
  // One expression occurrence -> its index in group_by.
  auto add_expr = [&](const PgQuery__Node* node) {
    select->group_by.push_back(TransformExpr(node));
    return select->group_by.size() - 1;
  };
  // A unit inside ROLLUP/CUBE/GROUPING SETS: (a, b) or one expression.
  auto unit = [&](const PgQuery__Node* node) {
    Set u;
    if (node->node_case == PG_QUERY__NODE__NODE_ROW_EXPR &&
        node->row_expr->row_format == PG_QUERY__COERCION_FORM__COERCE_IMPLICIT_CAST) {
      for (size_t i = 0; i < node->row_expr->n_args; ++i) u.push_back(add_expr(node->row_expr->args[i]));
    } else {
      u.push_back(add_expr(node));
    }
    return u;
  };
  std::function<Sets(const PgQuery__Node*, bool)> expand = [&](const PgQuery__Node* node,
                                                                bool top) -> Sets {
    if (node->node_case != PG_QUERY__NODE__NODE_GROUPING_SET) {
      if (top) return Sets{Set{add_expr(node)}};
      return Sets{unit(node)};
    }
    const PgQuery__GroupingSet& g = *node->grouping_set;
    switch (g.kind) {
      case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_EMPTY:
        return Sets{Set{}};
      case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_ROLLUP: {
        std::vector<Set> units;
        for (size_t i = 0; i < g.n_content; ++i) units.push_back(unit(g.content[i]));
        Sets out;
        for (size_t n = units.size() + 1; n-- > 0;) {
          Set s2;
          for (size_t i = 0; i < n; ++i) s2.insert(s2.end(), units[i].begin(), units[i].end());
          out.push_back(std::move(s2));
        }
        return out;
      }
      case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_CUBE: {
        std::vector<Set> units;
        for (size_t i = 0; i < g.n_content; ++i) units.push_back(unit(g.content[i]));
        if (units.size() > 12) throw NotSupported("CUBE of more than 12 elements", g.location);
        Sets out;
        const size_t n = units.size();
        // Largest sets first, as PostgreSQL lists them.
        for (size_t mask = (size_t{1} << n); mask-- > 0;) {
          Set s2;
          for (size_t i = 0; i < n; ++i) {
            if ((mask & (size_t{1} << (n - 1 - i))) != 0) {
              s2.insert(s2.end(), units[i].begin(), units[i].end());
            }
          }
          out.push_back(std::move(s2));
        }
        return out;
      }
      case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_SETS: {
        Sets out;
        for (size_t i = 0; i < g.n_content; ++i) {
          Sets part = expand(g.content[i], false);
          out.insert(out.end(), part.begin(), part.end());
        }
        return out;
      }
      default: {
        Set s2;
        for (size_t i = 0; i < g.n_content; ++i) s2.push_back(add_expr(g.content[i]));
        return Sets{s2};
      }
    }
  };
  Sets sets{Set{}};
  for (size_t i = 0; i < s.n_group_clause; ++i) sets = Product(sets, expand(s.group_clause[i], true));
  select->grouping_sets = std::move(sets);
}

}  // namespace strata::sql::parser
