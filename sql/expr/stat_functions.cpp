// The statistics functions of PostgreSQL 15 that act on the per-table
// counters (sql/table_stats.h):
//   pg_stat_reset()                          clears every table's and
//                                            index's counters
//   pg_stat_reset_single_table_counters(oid) clears one table's or index's
//   pg_stat_force_next_flush()               no-op: our counters are
//                                            published at statement /
//                                            transaction end, never held back
//   pg_stat_clear_snapshot()                 no-op: every read of a view
//                                            sees the current counters
// All return void. pg_stat_database's counters (stat_counters.h) are not
// reset.
#include "sql/expr/sql_function.h"
#include "sql/table_stats.h"

namespace strata::sql {

namespace {

Value Void() { return Value::String(type_oid::kVoid, ""); }

Value StatReset(std::span<const Value>) {
  GlobalTableStats().ResetAll();
  return Void();
}

Value StatResetSingleTable(std::span<const Value> a) {
  if (!a[0].is_null()) GlobalTableStats().ResetOne(static_cast<Oid>(a[0].int_value()));
  return Void();
}

Value NoOp(std::span<const Value>) { return Void(); }

constexpr Oid k0 = type_oid::kInvalid;

const SqlFunction kFunctions[] = {
    {"pg_stat_reset", {k0, k0, k0, k0, k0, k0, k0}, 0, type_oid::kVoid,
     {"pg_stat_reset", StatReset}},
    {"pg_stat_reset_single_table_counters", {type_oid::kOid, k0, k0, k0, k0, k0, k0}, 1,
     type_oid::kVoid, {"pg_stat_reset_single_table_counters", StatResetSingleTable}},
    {"pg_stat_force_next_flush", {k0, k0, k0, k0, k0, k0, k0}, 0, type_oid::kVoid,
     {"pg_stat_force_next_flush", NoOp}},
    {"pg_stat_clear_snapshot", {k0, k0, k0, k0, k0, k0, k0}, 0, type_oid::kVoid,
     {"pg_stat_clear_snapshot", NoOp}},
};

}  // namespace

std::span<const SqlFunction> StatSqlFunctions() { return kFunctions; }

}  // namespace strata::sql
