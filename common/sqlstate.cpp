// Code and name lookup for SqlState, generated from the same X-macro table.
#include "common/sqlstate.h"

namespace strata {

namespace {
struct Entry {
  std::string_view code;
  std::string_view name;
};
constexpr Entry kEntries[] = {
#define STRATA_SQLSTATE(name, code, condition) {code, condition},
#include "common/sqlstate_table.inc"
#undef STRATA_SQLSTATE
};
}  // namespace

std::string_view SqlStateCode(SqlState state) { return kEntries[static_cast<size_t>(state)].code; }
std::string_view SqlStateName(SqlState state) { return kEntries[static_cast<size_t>(state)].name; }

}  // namespace strata
