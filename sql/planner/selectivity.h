// Selectivity: the fraction of a table's rows WHERE's conjuncts keep, as
// PostgreSQL's clauselist_selectivity estimates it -- eqsel / scalarineqsel /
// scalararraysel / nulltestsel over ANALYZE's most-common values and
// histogram (var_eq_const, ineq_histogram_selectivity, whose end bounds
// become the column's actual min / max when an index has them:
// RelationEstimate::ActualEndpoint), PostgreSQL's default
// selectivities without statistics (0.005 for equality, 1/3 for an
// inequality, 0.005 for a two-sided range), ranges on one column combined
// as `hi + lo - 1`, and independence between conjuncts otherwise.
//
// Estimates steer plan choice and print as EXPLAIN's rows=; they never
// change a result.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sql/ast/expr.h"
#include "sql/commands/primary_key_lookup.h"
#include "sql/planner/relation_estimate.h"

namespace strata::sql {

// Default selectivities (PostgreSQL's selfuncs.h).
inline constexpr double kDefaultEqSel = 0.005;
inline constexpr double kDefaultIneqSel = 1.0 / 3.0;
inline constexpr double kDefaultRangeIneqSel = 0.005;
inline constexpr double kDefaultUnknownSel = 0.005;  // IS NULL without statistics
inline constexpr double kDefaultMatchSel = 0.005;    // LIKE and regular expressions
inline constexpr double kDefaultNumDistinct = 200;

// Per conjunct of a table's WHERE (CollectConjuncts order): its column
// restrictions (ColumnRestrictions over the same conjuncts).
class SelectivityEstimator {
 public:
  // LIFETIME: all arguments outlive the estimator.
  SelectivityEstimator(const RelationEstimate& rel, const std::vector<const ast::Expr*>& conjuncts,
                       const std::vector<ColumnRestriction>& restrictions,
                       const std::string& scope_alias);

  // The selectivity of the conjuncts `include` marks (all when empty).
  double Of(const std::vector<bool>& include = {}) const;
  // Selectivity of `column = v` for one value (var_eq_const).
  double EqualitySelectivity(int slot, const Value& v) const;
  // Distinct values of a column (get_variable_numdistinct); `is_default`
  // set when it is the default guess.
  double NumDistinct(int slot, bool* is_default) const;
  // Selectivity of `column > v` (`greater`) or `column < v`, `inclusive`
  // adding `=` (scalarineqsel); kDefaultIneqSel without statistics.
  double InequalitySelectivity(int slot, bool greater, bool inclusive, const Value& v) const;

 private:
  double RestrictionSelectivity(const ColumnRestriction& r) const;
  // A conjunct no restriction describes, by its shape.
  double ShapeSelectivity(const ast::Expr& e) const;
  bool IsUniqueColumn(int slot) const;

  const RelationEstimate& rel_;
  const std::vector<const ast::Expr*>& conjuncts_;
  const std::vector<ColumnRestriction>& restrictions_;
  const std::string& alias_;
};

// CompareValues' result, or nullopt for values it cannot compare (a
// statistics value of a type since changed): estimates then fall back.
std::optional<int> CompareIfComparable(const Value& a, const Value& b);

// Rows a scan keeps: PostgreSQL's clamp_row_est (rounded, at least one).
double ClampRowEstimate(double rows);

}  // namespace strata::sql
