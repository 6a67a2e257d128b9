// The generated pg_type function and pg_proc name tables (pg_type_procs.h).
#include "sql/system_relations/pg_type_procs.h"

#include <algorithm>
#include <iterator>

namespace strata::sql {

namespace {

constexpr TypeProcs kTypeProcs[] = {
#define STRATA_PG_TYPE_PROCS(t, sub, in, out, recv, send, modin, modout, analyze) \
  {t, sub, in, out, recv, send, modin, modout, analyze},
#include "sql/system_relations/pg_type_procs.inc"
#undef STRATA_PG_TYPE_PROCS
};

struct ProcNameRow {
  Oid oid;
  std::string_view name;
};

constexpr ProcNameRow kProcNames[] = {
#define STRATA_PG_PROC_NAME(oid, name) {oid, name},
#include "sql/system_relations/pg_proc_names.inc"
#undef STRATA_PG_PROC_NAME
};

static_assert(std::is_sorted(std::begin(kTypeProcs), std::end(kTypeProcs),
                             [](const TypeProcs& a, const TypeProcs& b) { return a.type < b.type; }));
static_assert(std::is_sorted(std::begin(kProcNames), std::end(kProcNames),
                             [](const ProcNameRow& a, const ProcNameRow& b) { return a.oid < b.oid; }));

}  // namespace

const TypeProcs* FindTypeProcs(Oid type) {
  auto it = std::lower_bound(std::begin(kTypeProcs), std::end(kTypeProcs), type,
                             [](const TypeProcs& row, Oid t) { return row.type < t; });
  return it != std::end(kTypeProcs) && it->type == type ? &*it : nullptr;
}

std::string_view ProcName(Oid proc) {
  auto it = std::lower_bound(std::begin(kProcNames), std::end(kProcNames), proc,
                             [](const ProcNameRow& row, Oid o) { return row.oid < o; });
  return it != std::end(kProcNames) && it->oid == proc ? it->name : std::string_view();
}

Oid ProcOidByName(std::string_view name) {
  for (const ProcNameRow& row : kProcNames) {
    if (row.name == name) return row.oid;
  }
  return 0;
}

}  // namespace strata::sql
