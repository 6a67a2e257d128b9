// SessionSettings::generation(): the number caches of parsed settings (the
// planner's CostParams) are keyed by must change with every change of a
// value SHOW reports -- SET, SET LOCAL ending with its transaction, RESET,
// a new placeholder -- and never repeat across settings objects.
#include <catch2/catch.hpp>

#include <cstdint>

#include "sql/planner/path_cost.h"
#include "sql/settings/session_settings.h"

namespace strata::sql {
namespace {

TEST_CASE("settings generation changes with every change of a value", "[settings]") {
  SessionSettings s;
  const uint64_t fresh = s.generation();
  CHECK(s.Show("random_page_cost") == "4");
  CHECK(s.generation() == fresh);  // reading changes nothing

  s.Set("random_page_cost", "1.5");
  const uint64_t after_set = s.generation();
  CHECK(after_set != fresh);

  s.BeginNestLevel();
  s.Set("enable_indexscan", "off", /*local=*/true);
  const uint64_t after_local = s.generation();
  CHECK(after_local != after_set);
  s.EndNestLevel(/*commit=*/true);  // SET LOCAL ends with its transaction
  CHECK(s.Show("enable_indexscan") == "on");
  CHECK(s.generation() != after_local);

  const uint64_t before_reset = s.generation();
  s.Reset("random_page_cost");
  CHECK(s.Show("random_page_cost") == "4");
  CHECK(s.generation() != before_reset);

  const uint64_t before_placeholder = s.generation();
  s.Set("myapp.flag", "x");
  CHECK(s.generation() != before_placeholder);

  // Another settings object never shares a number with this one.
  SessionSettings other;
  CHECK(other.generation() != s.generation());
  CHECK(other.generation() != fresh);
}

TEST_CASE("cost parameters follow the session's settings", "[settings]") {
  SessionSettings s;
  ScopedSessionSettings scope(&s);
  CHECK(CostParams::Current().random_page_cost == 4.0);
  CHECK(CostParams::Current().enable_indexscan);
  s.Set("random_page_cost", "1.5");
  s.Set("enable_indexscan", "off");
  CHECK(CostParams::Current().random_page_cost == 1.5);
  CHECK_FALSE(CostParams::Current().enable_indexscan);
  s.Reset("enable_indexscan");
  CHECK(CostParams::Current().enable_indexscan);
  {
    SessionSettings other;
    ScopedSessionSettings inner(&other);
    CHECK(CostParams::Current().random_page_cost == 4.0);
  }
  CHECK(CostParams::Current().random_page_cost == 1.5);
}

}  // namespace
}  // namespace strata::sql
