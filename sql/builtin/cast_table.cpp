// pg_cast lookups over the generated table in pg_cast_data.inc.
#include "sql/builtin/cast_table.h"

#include <algorithm>
#include <iterator>

namespace strata::sql {

namespace {

constexpr PgCast kPgCasts[] = {
#define STRATA_PG_CAST(source, target, context, method) {source, target, context, method},
#include "sql/builtin/pg_cast_data.inc"
#undef STRATA_PG_CAST
};

constexpr bool Less(const PgCast& a, Oid source, Oid target) {
  return a.source < source || (a.source == source && a.target < target);
}

constexpr bool IsSorted() {
  for (size_t i = 1; i < std::size(kPgCasts); ++i) {
    if (!Less(kPgCasts[i - 1], kPgCasts[i].source, kPgCasts[i].target)) {
      return false;
    }
  }
  return true;
}
static_assert(IsSorted(), "pg_cast_data.inc must be ordered by (source, target)");

}  // namespace

const PgCast* FindCast(Oid source, Oid target) {
  auto it = std::lower_bound(std::begin(kPgCasts), std::end(kPgCasts), source,
                             [target](const PgCast& c, Oid s) { return Less(c, s, target); });
  if (it == std::end(kPgCasts) || it->source != source || it->target != target) {
    return nullptr;
  }
  return &*it;
}

}  // namespace strata::sql
